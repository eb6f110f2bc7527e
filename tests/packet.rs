//! `brag export` read as a promotion committee reads it: a realistic year (42 entries,
//! strong and vague, every scope, a seven-milestone project, private entries, tags that
//! need aliases) as reviewed snapshots, and the rules the packet keeps: no tool facts,
//! each win once, aliases, inert HTML, the highlight ranking, weak entries, goals.

use std::collections::HashSet;

use serde_json::Value;

use crate::support::{Brag, Ran};

/// The year's config: a private tag, aliases the staff rubric does not ship, and what
/// comes next. The staff preset maps `perf` and `design-doc` itself; `learning` is left
/// to match nothing.
const CONFIG: &str = "\
private_tags: [compensation]
aliases: {fraud: security, support: glue}
next:
  - Lead the ledger's adoption by the two product lines that committed to it.
  - Grow Marco and Priya into the platform's next tech leads.
";

/// Entries in the year that the committee sees: 42, less a `private` and a
/// `compensation` one.
const SHOWN: usize = 40;

fn year() -> String {
    std::fs::read_to_string("tests/fixtures/packet-year.md").expect("fixture")
}

fn export(args: &[&str]) -> Ran {
    Brag::new()
        .log(&year())
        .config(CONFIG)
        .args(&[&["export", "--rubric", "staff"], args].concat())
        .run()
}

/// What the author is told on stderr about the year with the staff rubric.
const UNMATCHED: &str = "brag: 1 entry matched no competency: tags learning (1); map a tag \
                         with `aliases:` in the config\n";

fn stdout(args: &[&str]) -> String {
    let ran = export(args);
    ran.success();
    // Packets that leave the weak `learning` entry out have nothing to say.
    assert!(
        ran.stderr.is_empty() || ran.stderr == UNMATCHED,
        "{}",
        ran.stderr
    );
    ran.stdout.clone()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(&[&["--format", "json"], args].concat())).expect("JSON")
}

/// Every entry id in a JSON packet's groups, in order.
fn ids(packet: &Value) -> Vec<String> {
    packet["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|group| group["entries"].as_array().expect("entries").iter())
        .map(|entry| entry["id"].as_str().expect("id").to_string())
        .collect()
}

/// The titles under `## heading`, up to the next `## `.
fn section<'t>(markdown: &'t str, heading: &str) -> &'t str {
    let start = markdown
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    let rest = &markdown[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |end| end + 4);
    &rest[..end]
}

#[test]
fn the_committee_packet_in_every_format() {
    for format in ["md", "html", "txt", "json"] {
        let ran = export(&["--format", format]);
        ran.success().stderr(UNMATCHED);
        insta::assert_snapshot!(format!("year-committee-{format}"), ran.stdout);
    }
    insta::assert_snapshot!("year-committee-md-brief", stdout(&["--brief"]));
}

#[test]
fn the_authors_view() {
    insta::assert_snapshot!("year-for-me-md", stdout(&["--for", "me"]));
    let review = &json(&["--for", "me"])["review"];
    assert_eq!(review["private_left_out"], 2);
    assert_eq!(review["summary"]["entries"], SHOWN);
    let gaps: Vec<&str> = review["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|gap| gap["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        gaps,
        Vec::<&str>::new(),
        "every staff competency has strong evidence"
    );
}

/// What the tool knows about itself, the filters and the author's habits stays out of
/// the committee's packet, in every format.
#[test]
fn the_committee_packet_holds_no_tool_facts() {
    let tool_facts = [
        "brag",
        "Generated",
        "Filters",
        "Period:",
        "private",
        "left out",
        "Top tags",
        "Measurable",
        "measurable",
        "without scope",
        "Competencies without evidence",
        "What to strengthen",
        "Weak entries",
    ];
    for format in ["md", "html", "txt", "json", "yaml"] {
        for args in [&[][..], &["--brief"], &["--since", "H2", "--tag", "ledger"]] {
            let output = stdout(&[&["--format", format], args].concat());
            for fact in tool_facts {
                assert!(
                    !output.contains(fact),
                    "{format} {args:?} tells the committee {fact:?}"
                );
            }
        }
    }
    let packet = json(&[]);
    assert_eq!(packet["review"], Value::Null);
    assert_eq!(packet["audience"], "committee");
    // The author's view has them all.
    let notes = stdout(&["--for", "me"]);
    for fact in [
        "Generated",
        "2 private entries",
        "Measured results",
        "Weak entries",
    ] {
        assert!(notes.contains(fact), "the author's view lacks {fact:?}");
    }
}

#[test]
fn each_win_appears_once() {
    let run = |args: &[&str]| {
        let ran = Brag::new()
            .log(&year())
            .config(CONFIG)
            .args(&[&["export"], args].concat())
            .run();
        ran.success();
        ran.stdout.clone()
    };
    for by in ["month", "tag", "scope", "competency"] {
        let packet: Value =
            serde_json::from_str(&run(&["--by", by, "--format", "json"])).expect("JSON");
        let ids = ids(&packet);
        let distinct: HashSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), SHOWN, "--by {by}: every entry");
        assert_eq!(distinct.len(), SHOWN, "--by {by}: each once");
        let markdown = run(&["--by", by]);
        let titles: Vec<&str> = markdown
            .lines()
            .filter_map(|line| line.strip_prefix("### "))
            .collect();
        let distinct: HashSet<&&str> = titles.iter().collect();
        assert_eq!(
            (titles.len(), distinct.len()),
            (SHOWN, SHOWN),
            "--by {by}: markdown"
        );
    }
    // A win that fits two competencies names the other one.
    let markdown = stdout(&[]);
    let glue = section(&markdown, "Glue work");
    assert!(glue.contains(
        "### Chaired the architecture review\n\n*2026-10-14 · milestone scope · also: Advocacy*"
    ));
    assert!(!section(&markdown, "Advocacy").contains("Chaired the architecture review"));
}

#[test]
fn aliases_change_the_grouping() {
    let rubric = "\
competencies:
  - name: Impact
    tags: [performance]
  - name: Design
    tags: [design]
";
    let log = "## May 2026\n\
               ### Cut p95 by 40%\n- **Tags**: perf\n- **Results**: p95 fell 40%.\n\n\
               ### Wrote the cache design\n- **Tags**: design-doc\n- **Results**: 3 teams adopted it.\n";
    let run = |config: &str| {
        let ran = Brag::new()
            .log(log)
            .config(config)
            .args(&["export", "--by", "competency", "--format", "json"])
            .run();
        ran.success();
        let packet: Value = serde_json::from_str(&ran.stdout).expect("JSON");
        let names: Vec<String> = packet["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|group| group["name"].as_str().expect("name").to_string())
            .collect();
        (names, ran.stderr.clone())
    };
    let (names, stderr) = run(rubric);
    assert_eq!(names, ["Other evidence"]);
    assert_eq!(
        stderr,
        "brag: 2 entries matched no competency: tags design-doc (1), perf (1); map a tag with \
         `aliases:` in the config\n"
    );
    let (names, stderr) = run(&format!(
        "{rubric}aliases:\n  perf: performance\n  Design-Doc: design\n"
    ));
    assert_eq!(names, ["Impact", "Design"]);
    assert_eq!(stderr, "");
    // The staff preset knows `perf` itself: the test-suite win counts as Impact.
    let impact = section(&stdout(&[]), "Impact").to_string();
    assert!(impact.contains("### Cut the payments test suite from 38 to 11 minutes"));
    // The config's own alias (`fraud: security`) adds to the preset's.
    assert!(impact.contains("### Worked on the fraud rules"));
}

/// Raw HTML in an entry is text in every document format: nothing an entry holds can
/// run or render as markup where the packet is pasted.
#[test]
fn raw_html_in_an_entry_is_inert_in_markdown_and_html() {
    let log = "## May 2026\n\
               ### Fixed <b onmouseover=x()>the</b> form\n\
               - **Tags**: <i>xss</i>, security\n\
               - **Situation**: The form echoed <script>alert(1)</script> back.\n\
               - **Actions**:\n  <iframe src=\"https://evil.example\"></iframe>\n\n  Escaped the output.  \n  Added a test.\n\
               - **Results**: Closed 3 reports <img src=x onerror=alert(1)> in 1 day.\n\
               - **Links**: <!-- a comment --> [report](https://example.com/r)\n";
    for format in ["md", "html"] {
        let ran = Brag::new()
            .log(log)
            .args(&["export", "--format", format])
            .run();
        ran.success();
        for markup in [
            "<script",
            "<img",
            "<iframe",
            "<b ",
            "<i>",
            "<!--",
            "onerror=alert(1)>",
        ] {
            let body = ran.stdout.split("</style>").last().unwrap_or(&ran.stdout);
            assert!(!body.contains(markup), "{format} passes {markup:?} through");
        }
        assert!(
            ran.stdout.contains("&lt;script&gt;alert(1)&lt;"),
            "{format}"
        );
        if format == "md" {
            assert!(
                ran.stdout
                    .contains("### Fixed &lt;b onmouseover=x()&gt;the&lt;/b&gt; form"),
                "{}",
                ran.stdout
            );
            // It pastes cleanly: no line ends in spaces.
            for line in ran.stdout.lines() {
                assert_eq!(line, line.trim_end(), "a trailing space");
            }
        }
    }
    // The whole year pastes cleanly too.
    for args in [&[][..], &["--brief"], &["--for", "me"]] {
        let markdown = stdout(args);
        assert!(!markdown.contains("<!--"));
        assert!(
            markdown.lines().all(|line| line == line.trim_end()),
            "{args:?}"
        );
    }
}

#[test]
fn highlights_are_ranked_by_the_star_tag_scope_a_measured_result_and_date() {
    let markdown = stdout(&[]);
    let highlights: Vec<&str> = section(&markdown, "Highlights")
        .lines()
        .filter_map(|line| line.split_once(". **"))
        .filter_map(|(_, rest)| rest.split_once("**").map(|(title, _)| title))
        .collect();
    assert_eq!(
        highlights,
        [
            // Tagged `star` by the author.
            "Cut over payments to the ledger",
            // Business scope, measured, newest first.
            "Cut the card processor bill by $600k a year",
            "Led the payments platform strategy for 2027",
            "Grew instant payouts to $4M ARR",
            // Product scope, measured, newest first.
            "Presented the ledger at the company offsite",
        ]
    );
    let top = json(&["--highlights", "2"]);
    assert_eq!(
        top["highlights"],
        serde_json::json!([
            "2026-06-09-cut-over-payments-to-the-ledger",
            "2026-10-06-cut-the-card-processor-bill-by-600k-a-year"
        ])
    );
    assert!(!stdout(&["--highlights", "0"]).contains("## Highlights"));
    // Inside a group, strong wins lead and weak ones close it.
    let impact = section(&markdown, "Impact");
    let titles: Vec<&str> = impact
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .collect();
    assert_eq!(
        titles.first(),
        Some(&"Cut the card processor bill by $600k a year")
    );
    assert_eq!(titles.last(), Some(&"Talked to customers about refunds"));
}

#[test]
fn weak_entries_go_last_to_an_appendix_or_away() {
    let weak = "### Talked to customers about refunds";
    let last = stdout(&[]);
    assert!(section(&last, "Impact").contains(weak));
    let appendix = stdout(&["--weak", "appendix"]);
    assert!(!section(&appendix, "Impact").contains(weak));
    assert!(section(&appendix, "Also").contains(weak));
    // By month, dates order a month's strong wins, and its weak ones follow them.
    let by_month = Brag::new()
        .log(&year())
        .config(CONFIG)
        .args(&["export", "--by", "month"])
        .run();
    by_month.success();
    let january: Vec<&str> = section(&by_month.stdout, "January 2026")
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .collect();
    assert_eq!(
        january,
        [
            "Cut the payments test suite from 38 to 11 minutes",
            "Wrote the postmortem for the January double-charge incident",
            "Reviewed pull requests for the checkout team"
        ]
    );
    let hidden = stdout(&["--weak", "hide"]);
    assert!(!hidden.contains(weak));
    assert!(!hidden.contains("## Also"));
    // The author's view lists them, with what they lack.
    let notes = stdout(&["--for", "me"]);
    assert!(
        notes.contains(
            "- **Talked to customers about refunds** (2026-03-18, task): They were happy."
        )
    );
}

#[test]
fn project_stories_scope_growth_and_goals() {
    let markdown = stdout(&[]);
    let story = section(&markdown, "Project: Ledger migration");
    assert!(story.starts_with(
        "## Project: Ledger migration\n\n\
         *2026-02-05 to 2026-10-28 · 7 milestones · Role: Tech lead*\n\n\
         **Result**: Retired 3 legacy services; $180k a year in infrastructure saved.\n"
    ));
    let milestones: Vec<&str> = story
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .collect();
    assert_eq!(milestones.len(), 7);
    assert_eq!(milestones[0], "Wrote the ledger design doc");
    assert_eq!(milestones[6], "Migrated refunds onto the ledger");
    assert!(section(&markdown, "Scope growth").contains(
        "| Scope | Q1 2026 | Q2 2026 | Q3 2026 | Q4 2026 |\n| --- | ---: | ---: | ---: | ---: |\n\
         | Business | 0 | 0 | 2 | 1 |\n"
    ));
    assert!(markdown.ends_with(
        "## Goals\n\n\
         - **Purpose**: Make payments boring: money moves correctly, every time, for every merchant.\n\
         - **Mastery**: Designing distributed systems that other teams can change safely.\n\
         - **Autonomy**: Own the payments platform's technical direction across three teams.\n\n\
         ## Next\n\n\
         - Lead the ledger's adoption by the two product lines that committed to it.\n\
         - Grow Marco and Priya into the platform's next tech leads.\n"
    ));
    // `goals:` in the config wins over the log's lines; the prompts `brag init` writes
    // are not goals.
    let ran = Brag::new()
        .log(&year())
        .config("goals: {mastery: Distributed systems}\n")
        .args(&["export"])
        .run();
    ran.success();
    assert!(
        ran.stdout
            .ends_with("## Goals\n\n- **Mastery**: Distributed systems\n")
    );
    let prompts = std::fs::read_to_string("templates/log.md").expect("log template");
    let ran = Brag::new()
        .log(&format!(
            "{prompts}\n## May 2026\n### Shipped it\n- **Results**: 3 teams use it.\n"
        ))
        .args(&["export"])
        .run();
    ran.success();
    assert!(!ran.stdout.contains("## Goals"), "{}", ran.stdout);
}

#[test]
fn feedback_is_quoted_and_printed_links_show_their_address() {
    let markdown = stdout(&[]);
    assert!(markdown.contains(
        "- **Feedback**:\n  > \"The clearest technical talk of the offsite.\" (CTO, in the offsite notes)\n"
    ));
    let html = stdout(&["--format", "html"]);
    assert!(html.contains(
        "<blockquote class=\"feedback\"><p>\"The clearest technical talk of the offsite.\" \
         (CTO, in the offsite notes)</p></blockquote>"
    ));
    assert!(html.contains("::after { content: \" (\" attr(href) \")\""));
    assert!(html.contains("<a href=\"https://ci.example.com/payments\">CI dashboard</a>"));
}

/// The story's result is its latest milestone's Results, skipping milestones that have
/// none; one entry alone is no story.
#[test]
fn a_story_leads_with_its_latest_result() {
    let log = "## May 2026\n\
               ### Designed the cache\n- **Project**: Cache\n- **Results**: p95 fell 40%.\n\n\
               ### Rolled the cache out\n- **Project**: cache\n- **Actions**: Shipped it.\n\n\
               ### Wrote the search RFC\n- **Project**: Search\n- **Results**: 3 teams agreed.\n";
    let ran = Brag::new().log(log).args(&["export"]).run();
    ran.success();
    assert!(
        ran.stdout.contains(
            "## Project: Cache\n\n*2026-05-01 to 2026-05-01 · 2 milestones*\n\n\
             **Result**: p95 fell 40%.\n"
        ),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("## Project: Search"));
    assert!(ran.stdout.contains("- **Project**: Search"));
}
