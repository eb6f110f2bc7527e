//! `brag export`: every format for every grouping as reviewed snapshots, and the rules a
//! packet must keep (private entries, escaping, competencies, templates, `-o`).

use serde_json::Value;

use crate::support::{Brag, Ran};

/// A rubric that the fixture's tags partly cover, a tag vocabulary, and a private tag.
const CONFIG: &str = "\
tags:
  performance: Faster systems and lower latency
  search: The search product
competencies:
  - name: Technical excellence
    description: Builds fast, reliable, secure systems.
    tags: [performance, security, reliability]
  - name: Technical leadership
    description: Sets direction through design and writing.
    tags: [rfc, design]
  - name: Growing others
    description: Mentors, hires and onboards.
    tags: [mentoring, hiring, interviewing]
  - name: Community
    description: Talks, posts and open source.
    tags: [talk, open-source]
private_tags: [compensation]
";

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/export.md").expect("fixture")
}

fn export(args: &[&str]) -> Ran {
    Brag::new()
        .log(&fixture())
        .config(CONFIG)
        .args(&[&["export"], args].concat())
        .run()
}

/// The export's stdout, which must succeed; HTML without its style sheet, which one
/// snapshot shows in full.
fn packet(args: &[&str]) -> String {
    let ran = export(args);
    ran.success();
    assert!(
        ran.stderr
            .lines()
            .all(|line| line.contains("matched no competency")),
        "no warnings but the note on entries that matched no competency: {}",
        ran.stderr
    );
    without_style(&ran.stdout)
}

fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(start), Some(end)) => {
            format!("{}<style>…</style>{}", &html[..start], &html[end + 8..])
        }
        _ => html.to_string(),
    }
}

fn json(args: &[&str]) -> Value {
    let ran = export(&[&["--format", "json"], args].concat());
    ran.success();
    serde_json::from_str(&ran.stdout).expect("stdout is JSON")
}

/// `(group name, entry ids)` of a JSON packet.
fn groups(packet: &Value) -> Vec<(String, Vec<String>)> {
    packet["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|group| {
            let ids = group["entries"]
                .as_array()
                .expect("entries")
                .iter()
                .map(|entry| entry["id"].as_str().expect("id").to_string())
                .collect();
            (group["name"].as_str().expect("name").to_string(), ids)
        })
        .collect()
}

const GROUPINGS: [&str; 4] = ["month", "tag", "scope", "competency"];

macro_rules! every_grouping {
    ($($name:ident => $format:literal,)*) => {$(
        #[test]
        fn $name() {
            for by in GROUPINGS {
                let output = packet(&["--format", $format, "--by", by]);
                insta::assert_snapshot!(format!("{}-by-{by}", $format), output);
            }
        }
    )*};
}

every_grouping! {
    markdown_for_every_grouping => "md",
    html_for_every_grouping => "html",
    json_for_every_grouping => "json",
    yaml_for_every_grouping => "yaml",
    text_for_every_grouping => "txt",
}

/// `--by section`: one group per section of the document (`### Projects` in March and
/// in April is one group), in the order they first hold an entry, and the entries in
/// no section last.
#[test]
fn by_section_groups_the_documents_sections() {
    let log = std::fs::read_to_string("tests/fixtures/export-sections.md").expect("fixture");
    for format in ["md", "json"] {
        let ran = Brag::new()
            .log(&log)
            .args(&["export", "--by", "section", "--format", format])
            .run();
        ran.success();
        insta::assert_snapshot!(format!("{format}-by-section"), ran.stdout);
    }
}

#[test]
fn html_is_one_self_contained_page() {
    let ran = export(&["--format", "html", "--by", "competency"]);
    ran.success();
    insta::assert_snapshot!("html-full-page", ran.stdout);
    for outside in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(",
        " src=\"",
        "http-equiv",
    ] {
        assert!(!ran.stdout.contains(outside), "the page holds {outside:?}");
    }
}

#[test]
fn brief_packets_list_one_line_per_entry() {
    for format in ["md", "html", "txt"] {
        let output = packet(&["--format", format, "--by", "competency", "--brief"]);
        insta::assert_snapshot!(format!("{format}-brief"), output);
    }
}

#[test]
fn rubric_presets_group_by_competency() {
    for rubric in ["brag-doc", "staff"] {
        let output = packet(&["--rubric", rubric, "--title", "H1 2026 evidence"]);
        insta::assert_snapshot!(format!("md-rubric-{rubric}"), output);
    }
    let staff = json(&["--rubric", "staff", "--for", "me"]);
    assert_eq!(staff["by"], "competency");
    assert_eq!(staff["rubric"], "staff");
    let gaps: Vec<&str> = staff["review"]["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|gap| gap["name"].as_str().expect("name"))
        .collect();
    // Glue work has an entry, but none with a measured result: strong evidence only.
    assert_eq!(gaps, ["Leverage", "Glue work"]);
    export(&["--rubric", "staff", "--by", "tag"])
        .failure(1)
        .stderr("brag: --rubric staff groups by competency; drop --by tag or --rubric\n");
}

/// Without competencies in the config, `--by competency` uses the brag-doc preset.
#[test]
fn competency_grouping_defaults_to_the_brag_doc_rubric() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["export", "--by", "competency", "--format", "json"])
        .run();
    ran.success();
    let packet: Value = serde_json::from_str(&ran.stdout).expect("JSON");
    assert_eq!(packet["rubric"], "brag-doc");
    let names: Vec<String> = groups(&packet).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "Projects",
            "Collaboration & mentorship",
            "Design & documentation",
            "Company building",
            "Other evidence"
        ]
    );
    // No rubric at all: no coverage and no gaps to report.
    let ran = Brag::new()
        .log(&fixture())
        .args(&["export", "--format", "json", "--for", "me"])
        .run();
    let packet: Value = serde_json::from_str(&ran.stdout).expect("JSON");
    assert_eq!(packet["review"]["gaps"], serde_json::json!([]));
    assert_eq!(packet["review"]["coverage"], serde_json::json!([]));
}

#[test]
fn json_and_yaml_parse_back_and_match_the_schema() {
    let listed: Value = Brag::new()
        .log(&fixture())
        .args(&["list", "--format", "json"])
        .run()
        .json();
    let listed: Vec<&Value> = listed.as_array().expect("list").iter().collect();
    for by in GROUPINGS {
        let packet = json(&["--by", by]);
        let text = export(&["--format", "json", "--by", by]).stdout;
        let keys = [
            "generated",
            "title",
            "audience",
            "period",
            "span",
            "by",
            "rubric",
            "case",
            "highlights",
            "scope_growth",
            "groups",
            "goals",
            "next",
            "review",
        ];
        let at: Vec<Option<usize>> = keys
            .iter()
            .map(|key| text.find(&format!("\n  \"{key}\": ")))
            .collect();
        assert!(at.iter().all(Option::is_some), "every key, by {by}: {at:?}");
        assert!(at.is_sorted(), "keys in the documented order, by {by}");
        assert_eq!(packet.as_object().expect("an object").len(), keys.len());
        assert_eq!(packet["generated"], "2026-11-23");
        assert_eq!(
            packet["period"],
            serde_json::json!({"since": null, "until": null})
        );
        assert_eq!(packet["span"], "March 2026 to May 2026");
        for group in packet["groups"].as_array().expect("groups") {
            let mut keys: Vec<&str> = group
                .as_object()
                .expect("group")
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, ["also", "description", "entries", "kind", "name"]);
            for entry in group["entries"].as_array().expect("entries") {
                // The very entry `brag list` prints: same schema, same values.
                let same = listed
                    .iter()
                    .copied()
                    .find(|listed| listed["id"] == entry["id"]);
                assert_eq!(Some(entry), same, "{by}: {}", entry["id"]);
            }
        }
        let yaml = export(&["--format", "yaml", "--by", by]);
        yaml.success();
        let yaml: Value = serde_yaml::from_str(&yaml.stdout).expect("stdout is YAML");
        assert_eq!(yaml, packet, "YAML and JSON agree, by {by}");
    }
}

#[test]
fn private_entries_are_left_out_and_counted() {
    let private_titles = [
        "Therapy and a lighter on-call load",
        "Salary negotiation notes",
    ];
    for format in ["md", "html", "txt", "json", "yaml"] {
        let ran = export(&["--format", format]);
        ran.success();
        for title in private_titles {
            assert!(!ran.stdout.contains(title), "{format} shows {title:?}");
        }
        // The committee is not told that something was left out.
        assert!(
            !ran.stdout.contains("private"),
            "{format} mentions private entries"
        );
    }
    // The author's view counts them: only those the filters would have taken.
    let packet = json(&["--for", "me"]);
    assert_eq!(packet["review"]["private_left_out"], 2);
    assert_eq!(packet["review"]["filters"]["include_private"], false);
    let may = json(&["--for", "me", "--since", "2026-05"]);
    assert_eq!(may["review"]["private_left_out"], 1);
    assert_eq!(may["review"]["summary"]["entries"], 2);
    let notes = packet_with(&["--for", "me"]);
    assert!(notes.contains("- **Left out**: 2 private entries (`--include-private` keeps them)"));
    // `private` always counts; `compensation` only because the config says so.
    let ran = Brag::new()
        .log(&fixture())
        .args(&["export", "--format", "json", "--for", "me"])
        .run();
    let packet: Value = serde_json::from_str(&ran.stdout).expect("JSON");
    assert_eq!(packet["review"]["private_left_out"], 1);
    assert_eq!(packet["review"]["summary"]["entries"], 7);
    // --include-private keeps them, and the author's view says so.
    let ran = export(&["--include-private"]);
    ran.success();
    for title in private_titles {
        assert!(
            ran.stdout.contains(title),
            "--include-private shows {title:?}"
        );
    }
    assert!(
        packet_with(&["--include-private", "--for", "me"]).contains("private entries included")
    );
    let packet = json(&["--include-private", "--for", "me"]);
    assert_eq!(packet["review"]["summary"]["entries"], 8);
    assert_eq!(packet["review"]["private_left_out"], 0);
    assert_eq!(packet["review"]["filters"]["include_private"], true);
}

#[test]
fn raw_html_in_entries_is_escaped_in_html() {
    for brief in [false, true] {
        let args: &[&str] = if brief {
            &[
                "--format", "html", "--brief", "--by", "tag", "--weak", "last",
            ]
        } else {
            &["--format", "html"]
        };
        let ran = export(args);
        ran.success();
        let html = &ran.stdout;
        assert!(!html.contains("<script"), "a script tag got through");
        assert!(
            !html.contains("javascript:"),
            "a javascript: link got through"
        );
        if !brief {
            assert!(html.contains("echoed &lt;script&gt;alert(\"pwned\")&lt;/script&gt; back"));
            assert!(html.contains("<code>&lt;img src=x onerror=alert(1)&gt;</code>"));
        }
        assert!(html.contains("Closed the XSS report the same day. Proof"));
    }
    // The title and tags are text too.
    let ran = Brag::new()
        .log("## May 2026\n### Fixed <b onmouseover=x()>the</b> form\n- **Tags**: <i>xss</i>\n")
        .args(&["export", "--format", "html"])
        .run();
    ran.success();
    assert!(
        ran.stdout
            .contains("<h3>Fixed &lt;b onmouseover=x()&gt;the&lt;&#x2f;b&gt; form</h3>")
    );
    assert!(!ran.stdout.contains("<b onmouseover"));
    assert!(!ran.stdout.contains("<i>xss"));
}

#[test]
fn competency_grouping_and_gaps_are_right() {
    let packet = json(&["--by", "competency"]);
    assert_eq!(
        groups(&packet),
        [
            (
                "Technical excellence".to_string(),
                vec![
                    "2026-03-03-cut-p95-search-latency-by-40".to_string(),
                    "2026-04-20-fixed-the-feedback-form-escaping".to_string()
                ]
            ),
            (
                "Technical leadership".to_string(),
                vec!["2026-04-09-wrote-the-rfc-for-search-sharding".to_string()]
            ),
            (
                "Growing others".to_string(),
                // Ranked: business scope before task scope.
                vec![
                    "2026-05-06-interview-loop-for-the-platform-team".to_string(),
                    "2026-03-14-mentored-two-new-hires-through-their-first-on".to_string()
                ]
            ),
            (
                "Other evidence".to_string(),
                vec!["2026-05-28-tidied-the-team-wiki".to_string()]
            ),
        ]
    );
    assert_eq!(
        packet["groups"][0]["description"],
        "Builds fast, reliable, secure systems."
    );
    // Gaps are for the author, not the committee.
    assert_eq!(packet["review"], Value::Null);
    let review = &json(&["--by", "competency", "--for", "me"])["review"];
    let gaps: Vec<(&str, u64)> = review["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|gap| {
            (
                gap["name"].as_str().expect("name"),
                gap["entries"].as_u64().expect("entries"),
            )
        })
        .collect();
    assert_eq!(gaps, [("Community", 0)]);
    // An entry whose tags match two competencies is shown once, under the first, and
    // names the other; `MENTORING` matches `mentoring` whatever the case.
    let ran = Brag::new()
        .log("## May 2026\n### Ran the design review guild\n- **Tags**: Design, MENTORING\n")
        .config(CONFIG)
        .args(&[
            "export",
            "--by",
            "competency",
            "--format",
            "json",
            "--for",
            "me",
        ])
        .run();
    let notes: Value = serde_json::from_str(&ran.stdout).expect("JSON");
    let gaps: Vec<&str> = notes["review"]["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|gap| gap["name"].as_str().expect("name"))
        .collect();
    // Without a measured result, the guild is no strong evidence for either.
    assert_eq!(
        gaps,
        [
            "Technical excellence",
            "Technical leadership",
            "Growing others",
            "Community"
        ]
    );
    let ran = Brag::new()
        .log("## May 2026\n### Ran the design review guild\n- **Tags**: Design, MENTORING\n")
        .config(CONFIG)
        .args(&["export", "--by", "competency"])
        .run();
    ran.success().stderr("");
    assert!(ran.stdout.contains(
        "## Technical leadership\n\nSets direction through design and writing.\n\n\
         ### Ran the design review guild\n\n*2026-05-01 · also: Growing others*\n"
    ));
    assert!(!ran.stdout.contains("## Growing others"));
    // In a period with no evidence for a competency, the author's view says so.
    let march = packet_with(&["--by", "competency", "--on", "2026-03", "--for", "me"]);
    assert!(
        march.contains(
            "## What to strengthen\n\n\
             - Technical leadership: no entries. Tags that count: rfc, design.\n\
             - Growing others: 1 entry, none with a measured result.\n\
             - Community: no entries. Tags that count: talk, open-source.\n"
        ),
        "{march}"
    );
}

fn packet_in_period(on: &str) -> String {
    packet(&["--by", "competency", "--on", on])
}

#[test]
fn filters_select_by_period_and_tag() {
    let ids = |args: &[&str]| -> Vec<String> {
        let packet = json(args);
        let mut ids: Vec<String> = groups(&packet)
            .into_iter()
            .flat_map(|(_, ids)| ids)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(ids(&["--tag", "search"]).len(), 2);
    assert_eq!(
        ids(&["--tag", "SEARCH", "--tag", "design"]),
        ["2026-04-09-wrote-the-rfc-for-search-sharding"]
    );
    assert_eq!(ids(&["--on", "2026-04"]).len(), 2);
    assert_eq!(
        ids(&["--since", "2026-04-10", "--until", "2026-05-06"]).len(),
        2
    );
    assert_eq!(ids(&["--on", "Q2"]).len(), 4);
    let packet = json(&["--since", "H1", "--tag", "search", "--for", "me"]);
    assert_eq!(
        packet["review"]["filters"],
        serde_json::json!({"since": "H1", "tag": ["search"], "include_private": false})
    );
    assert_eq!(
        packet["period"],
        serde_json::json!({"since": "2026-01-01", "until": null})
    );
    let md = packet_with(&["--since", "H1", "--tag", "search", "--for", "me"]);
    assert!(md.contains(
        "*Period: from 2026-01-01 · Filters: --since H1 --tag search · 2 entries · \
         Generated 2026-11-23 by brag*"
    ));
    export(&["--since", "2026-05", "--on", "2026"]).failure(2);
    export(&["--since", "someday"])
        .failure(1)
        .stderr_contains("unknown date or period `someday`");
}

fn packet_with(args: &[&str]) -> String {
    packet(args)
}

#[test]
fn an_empty_packet_says_so() {
    for format in ["md", "txt", "html"] {
        let output = packet(&["--format", format, "--on", "2030"]);
        assert!(
            output.contains("No wins recorded in this period."),
            "{format}"
        );
        let notes = packet(&["--format", format, "--on", "2030", "--for", "me"]);
        assert!(
            notes.contains("No entries match this period and these filters."),
            "{format}"
        );
    }
    let packet = json(&["--on", "2030"]);
    assert_eq!(packet["groups"], serde_json::json!([]));
    assert_eq!(packet["highlights"], serde_json::json!([]));
    insta::assert_snapshot!("md-empty", packet_in_period("2030"));
}

#[test]
fn text_lines_fit_in_80_columns() {
    for args in [
        &["--format", "txt"][..],
        &["--format", "txt", "--brief", "--by", "tag"],
    ] {
        let output = packet(args);
        for line in output.lines() {
            let fits = line.chars().count() <= 80 || !line.trim().contains(' ');
            assert!(fits, "{line:?} is longer than 80 columns");
        }
    }
}

#[test]
fn a_user_template_overrides_a_built_in_one() {
    let brag = Brag::new().log(&fixture()).config(CONFIG);
    let templates = brag.dir().join("config/brag/templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(
        templates.join("export.md.j2"),
        // Block tags trim the newline after them (trim_blocks), so a line that ends in
        // one needs a second newline.
        "{{ title }}: {{ highlights|length }} highlights\n\
         {% for group in groups %}\n\
         [{{ group.name }}] {% for e in group.entries %}{{ e.id }}{% if not loop.last %}, {% endif %}{% endfor %}\n\n\
         {% endfor %}",
    )
    .expect("write template");
    std::fs::write(
        templates.join("impact.txt.j2"),
        "{{ groups|length }} groups, text\n",
    )
    .expect("write template");
    let ran = brag.args(&["export", "--by", "scope"]).run();
    ran.success().stdout(
        "Evidence packet: 3 highlights\n\
         [Business] 2026-05-06-interview-loop-for-the-platform-team\n\
         [Product] 2026-04-09-wrote-the-rfc-for-search-sharding\n\
         [Project] 2026-03-03-cut-p95-search-latency-by-40\n\
         [Task] 2026-03-14-mentored-two-new-hires-through-their-first-on\n\
         [No scope] 2026-05-28-tidied-the-team-wiki, 2026-04-20-fixed-the-feedback-form-escaping\n",
    );
    // Only the md one is overridden; a named template in the folder is found by name,
    // and its name picks the format.
    let brag = Brag::new().log(&fixture()).config(CONFIG);
    let templates = brag.dir().join("config/brag/templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(
        templates.join("impact.txt.j2"),
        "{{ groups|length }} groups, {{ format }}\n",
    )
    .expect("write template");
    brag.args(&["export", "--template", "impact.txt.j2"])
        .run()
        .success()
        .stdout("3 groups, txt\n");
    // Any file, by path.
    let brag = Brag::new().log(&fixture());
    std::fs::write(
        brag.dir().join("mine.html.j2"),
        "<p>{{ title }}</p>{% for g in groups %}{% for e in g.entries %}{{ e.html.situation }}{% endfor %}{% endfor %}\n\n",
    )
    .expect("write template");
    let ran = brag
        .args(&[
            "export",
            "--template",
            "./mine.html.j2",
            "--title",
            "A & B",
            "--on",
            "2026-04-20",
        ])
        .run();
    ran.success().stdout(
        "<p>A &amp; B</p><p>The feedback form echoed &lt;script&gt;alert(\"pwned\")&lt;/script&gt; \
         back to the page.</p>\n",
    );
}

/// A template that reads a group's entries twice, and groups out of order, still gets
/// every entry each time (the stream falls back to reading them again).
#[test]
fn a_template_may_read_entries_twice_and_out_of_order() {
    let brag = Brag::new().log(&fixture());
    std::fs::write(
        brag.dir().join("twice.md.j2"),
        "{% for g in groups|reverse %}{{ g.name }}:{% for e in g.entries %} {{ e.date }}{% endfor %};\
         {% for e in g.entries %} {{ e.line }}{% endfor %}\n\n{% endfor %}",
    )
    .expect("write template");
    brag.args(&["export", "--template", "./twice.md.j2"])
        .run()
        .success()
        .stdout(
            "May 2026: 2026-05-06 2026-05-12 2026-05-28; 54 61 67\n\
             April 2026: 2026-04-09 2026-04-20; 28 39\n\
             March 2026: 2026-03-03 2026-03-14; 5 17\n",
        );
}

#[test]
fn a_broken_template_names_the_template_its_line_and_the_problem() {
    let brag = Brag::new().log(&fixture());
    let templates = brag.dir().join("config/brag/templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(
        templates.join("export.md.j2"),
        "# {{ title }}\n{% for group in groups %}\n{{ group.name }\n",
    )
    .expect("write template");
    let ran = brag.args(&["export", "-o", "packet.md"]).run();
    ran.failure(1).stdout("").stderr(
        "brag: template [DIR]/config/brag/templates/export.md.j2:3: syntax error: \
         unexpected `}`, expected end of variable block\n",
    );
    // A mistake only rendering finds is still reported before anything is written.
    let brag = Brag::new().log(&fixture());
    std::fs::write(
        brag.dir().join("typo.txt.j2"),
        "Packet\n{% for g in groups %}{% for e in g.entries %}\n{{ e.titel|upper }}\n{% endfor %}{% endfor %}\n",
    )
    .expect("write template");
    let ran = brag.args(&["export", "--template", "./typo.txt.j2"]).run();
    ran.failure(1)
        .stdout("")
        .stderr("brag: template ./typo.txt.j2:3: undefined value: `e.titel` is undefined\n");
    let ran = Brag::new()
        .log(&fixture())
        .args(&["export", "--template", "nope.j2"])
        .run();
    ran.failure(1).stderr(
        "brag: no template named \"nope.j2\": not in [DIR]/config/brag/templates, not built in \
         (export.md.j2, export.html.j2, export.txt.j2), and not a file here\n",
    );
    Brag::new()
        .log(&fixture())
        .args(&["export", "--format", "json", "--template", "export.md.j2"])
        .run()
        .failure(1)
        .stderr(
            "brag: --template shapes md, html and txt packets; --format json has a fixed shape\n",
        );
}

#[test]
fn output_file_is_written_and_never_the_log() {
    let expected = packet(&["--format", "html"]);
    let brag = Brag::new().log(&fixture()).config(CONFIG);
    let target = brag.dir().join("out").join("packet.html");
    std::fs::create_dir_all(target.parent().expect("folder")).expect("folder");
    let ran = brag
        .args(&["export", "--format", "html", "-o", "out/packet.html"])
        .run();
    // Six entries: the fixture's eight, less one `private` and one `compensation`.
    ran.success()
        .stdout("")
        .stderr("wrote out/packet.html (6 entries)\n");
    let written = std::fs::read_to_string(&target).expect("the packet was written");
    assert_eq!(without_style(&written), expected);
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().expect("folder"))
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers, ["packet.html"], "no temporary file is left");

    // The log itself, by its own name, a relative name, or a link, is refused.
    let log = fixture();
    for target in ["brag.md", "./brag.md", "link.md"] {
        let brag = Brag::new().log(&log);
        #[cfg(unix)]
        std::os::unix::fs::symlink(brag.log_path(), brag.dir().join("link.md")).expect("link");
        let ran = brag.args(&["export", "-o", target]).run();
        ran.failure(1).stdout("").stderr(&format!(
            "brag: -o {target} is the log itself; write the packet to another file\n"
        ));
        ran.log_is(log.as_bytes());
    }
    // `-o -` is standard output.
    let ran = export(&["-o", "-"]);
    ran.success();
    assert!(ran.stdout.starts_with("# Evidence packet\n"));
}

#[test]
fn output_file_confirms_what_it_wrote_on_stderr() {
    let log = "# Log\n\n## November 2026\n\n\
               ### Cut p95 latency\n- **Date**: 2026-11-03\n- **Results**: 900 -> 540 ms\n\n\
               ### Saw the doctor\n- **Date**: 2026-11-04\n- **Tags**: private\n\n\
               ### Tidied the wiki\n- **Date**: 2026-11-05\n- **Results**: It is tidier.\n";
    // The private entry is left out: two entries, in every format.
    for format in ["md", "html", "txt", "json", "yaml"] {
        let ran = Brag::new()
            .log(log)
            .args(&["export", "--format", format, "-o", "packet.out"])
            .run();
        ran.success()
            .stdout("")
            .stderr("wrote packet.out (2 entries)\n");
        assert!(ran.dir().join("packet.out").is_file(), "{format}: the file");
    }
    // Weak entries hidden by --brief are not counted.
    Brag::new()
        .log(log)
        .args(&["export", "--brief", "-o", "packet.md"])
        .run()
        .success()
        .stderr("wrote packet.md (1 entry)\n");
    // Standard output needs no confirmation.
    let ran = Brag::new().log(log).args(&["export", "-o", "-"]).run();
    ran.success().stderr("");
    assert!(ran.stdout.starts_with("# Evidence packet\n"));
}

/// More entries than one streamed chunk (2048) and both cores: the streamed packet has
/// every entry once, in order, in every format, after the highlights.
#[test]
fn a_large_log_streams_in_order() {
    let mut log = String::from("# Log\n");
    let mut count = 0;
    for year in [2024, 2025] {
        for month in 1..=12 {
            log.push_str(&format!("\n## {year}-{month:02}\n"));
            for day in 1..=28 {
                for n in 0..5 {
                    count += 1;
                    let tag = ["perf", "docs", "mentoring"][count % 3];
                    log.push_str(&format!(
                        "\n### Entry {count}\n- **Date**: {year}-{month:02}-{day:02}\n- **Tags**: {tag}\n\
                         - **Results**: result {count} of {n}\n"
                    ));
                }
            }
        }
    }
    let run = |format: &str| {
        let ran = Brag::new()
            .log(&log)
            .args(&["export", "--by", "tag", "--format", format])
            .run();
        ran.success();
        ran.stdout
    };
    let packet: Value = serde_json::from_str(&run("json")).expect("JSON");
    let packet_groups = groups(&packet);
    let sizes: Vec<(&str, usize)> = packet_groups
        .iter()
        .map(|(name, ids)| (name.as_str(), ids.len()))
        .collect();
    assert_eq!(count, 3360);
    assert_eq!(sizes, [("docs", 1120), ("mentoring", 1120), ("perf", 1120)]);
    let md = run("md");
    let titles: Vec<&str> = md
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .collect();
    let expected: Vec<String> = packet_groups
        .iter()
        .flat_map(|(_, ids)| ids.iter())
        .map(|id| {
            let number = id.rsplit('-').next().expect("number");
            format!("Entry {number}")
        })
        .collect();
    assert_eq!(titles, expected);
    let yaml: Value = serde_yaml::from_str(&run("yaml")).expect("YAML");
    assert_eq!(yaml, packet);
    let html = run("html");
    assert_eq!(html.matches("<article class=\"entry\"").count(), 3360);
}

/// An entry's words never open a heading, a section or an entry in a packet: headings
/// inside fields (a list item `## 2026-12`, a setext underline, a `###` paragraph) come
/// out as the text the person typed.
#[test]
fn headings_inside_fields_stay_text_in_every_export() {
    let log = "# Log\n\n## November 2026\n\n### Shipped it\n- **Date**: 2026-11-03\n- **Situation**:\n  Context\n  ===\n- **Results**:\n  - ## 2026-12\n\n  ### Fake entry\n";
    let html = Brag::new()
        .log(log)
        .args(&["export", "--format", "html"])
        .run();
    html.success();
    assert!(!html.stdout.contains("2026-12</h"), "{}", html.stdout);
    assert!(!html.stdout.contains("Fake entry</h"), "{}", html.stdout);
    assert!(!html.stdout.contains("Context</h"), "{}", html.stdout);
    assert!(html.stdout.contains("## 2026-12"), "{}", html.stdout);

    let md = Brag::new().log(log).args(&["export"]).run();
    md.success();
    // The packet's headings, as any Markdown reader sees them: the packet's own only.
    let mut headings = Vec::new();
    let mut in_heading = false;
    for event in pulldown_cmark::Parser::new_ext(&md.stdout, brag::markdown::options()) {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(_)) => in_heading = false,
            pulldown_cmark::Event::Text(text) if in_heading => {
                if let Some(last) = headings.last_mut() {
                    last.push_str(&text);
                }
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        ["Evidence packet", "The case", "November 2026", "Shipped it"],
        "{}",
        md.stdout
    );
}
