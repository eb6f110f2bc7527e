//! `brag import`: brag's JSON, jrnl exports and other brag documents brought into a log
//! in one verified write, checked by what a person sees and the log's bytes afterwards.

use serde_json::Value;

use crate::support::{Brag, Ran, git_at};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/{name}")).expect("fixture")
}

/// `brag list --format json` of the log a run left, without the lines (which differ
/// between two logs holding the same entries).
fn entries(ran: Ran) -> Vec<Value> {
    let listed = ran.then().args(&["list", "--format", "json"]).run();
    listed.success();
    let mut entries = listed.json().as_array().expect("an array").clone();
    for entry in &mut entries {
        entry.as_object_mut().expect("an object").remove("line");
    }
    entries
}

/// `brag list --format json` of `log`, as text.
fn exported(log: &str) -> String {
    let ran = Brag::new()
        .log(log)
        .args(&["list", "--format", "json"])
        .run();
    ran.success();
    ran.stdout.clone()
}

#[test]
fn a_json_export_imported_into_an_empty_log_lists_the_same_entries() {
    let log = fixture("add.md");
    let json = exported(&log);
    let ran = Brag::new()
        .args(&["import", "--from", "json", "-"])
        .stdin(&json)
        .run();
    ran.success().stdout(
        "added 2026-10-14-mentored-two-new-hires-through-their-first-on under October 2026\n\
         added 2026-11-02-hired-two-engineers-for-the-search-team under November 2026\n\
         added 2026-11-21-profiled-the-checkout-latency-spike under November 2026\n\
         imported: 3 added, 0 skipped as already present, 0 refused\n",
    );
    let original = entries(Brag::new().log(&log).run());
    assert_eq!(entries(ran), original);
}

#[test]
fn importing_twice_adds_nothing_and_leaves_the_log_as_it_was() {
    let json = exported(&fixture("add.md"));
    let first = Brag::new()
        .args(&["import", "--from", "json", "-"])
        .stdin(&json)
        .run();
    first.success();
    let after_first = first.log.clone().expect("a log");
    let second = first
        .then()
        .args(&["import", "--from", "json", "-"])
        .stdin(&json)
        .run();
    second
        .success()
        .stdout(
            "skipped 2026-10-14-mentored-two-new-hires-through-their-first-on: already in the log\n\
             skipped 2026-11-02-hired-two-engineers-for-the-search-team: already in the log\n\
             skipped 2026-11-21-profiled-the-checkout-latency-spike: already in the log\n\
             imported: 0 added, 3 skipped as already present, 0 refused\n",
        )
        .log_is(&after_first);
}

#[test]
fn an_entry_already_in_the_log_is_skipped_and_the_others_added_in_one_write() {
    let log = fixture("add.md");
    let json = r#"[
        {"title": "hired two engineers for the search team", "date": "2026-11-02"},
        {"title": "Cut p95 search latency", "date": "2026-11-03", "results": "900 -> 540 ms"},
        {"title": "Ran the incident review", "date": "2026-09-30", "tags": ["oncall"]}
    ]"#;
    let ran = Brag::new()
        .log(&log)
        .args(&["import", "--from", "json", "-"])
        .stdin(json)
        .run();
    ran.success().stdout(
        "added 2026-11-03-cut-p95-search-latency under November 2026\n\
         added 2026-09-30-ran-the-incident-review under September 2026\n\
         skipped 2026-11-02-hired-two-engineers-for-the-search-team: already in the log\n\
         imported: 2 added, 1 skipped as already present, 0 refused\n",
    );
    let expected = log
        .replace(
            "## October 2026\n",
            "## September 2026\n\n### Ran the incident review\n- **Date**: 2026-09-30\n\
             - **Tags**: oncall\n\n## October 2026\n",
        )
        .replace(
            "- **Results**: Both accepted.\n",
            "- **Results**: Both accepted.\n\n### Cut p95 search latency\n\
             - **Date**: 2026-11-03\n- **Results**: 900 -> 540 ms\n",
        );
    ran.log_is(expected.as_bytes());
    // One write: one undo takes the whole import back.
    let undone = ran.then().args(&["undo"]).run();
    undone.success().log_is(log.as_bytes());
}

#[test]
fn dry_run_says_what_it_would_add_and_leaves_the_log_bytes_unchanged() {
    let log = fixture("add.md");
    let ran = Brag::new()
        .log(&log)
        .args(&["import", "--from", "json", "-", "--dry-run"])
        .stdin(r#"{"title": "Cut p95 search latency", "date": "2026-11-03"}"#)
        .run();
    ran.success()
        .stdout(
            "would add 2026-11-03-cut-p95-search-latency under November 2026\n\
             dry run, the log was not changed: 1 would add, 0 skipped as already present, 0 refused\n",
        )
        .log_is(log.as_bytes());
}

#[test]
fn entries_that_cannot_be_read_are_refused_with_reasons_and_the_rest_added() {
    let log = fixture("add.md");
    let json = r#"[
        {"title": "Cut p95 search latency", "date": "2026-11-03"},
        {"title": "No date here"},
        {"title": "Bad scope", "date": "2026-11-04", "scope": "galaxy"},
        {"title": "", "date": "2026-11-05"}
    ]"#;
    let ran = Brag::new()
        .log(&log)
        .args(&["import", "--from", "json", "entries.json"])
        .file("entries.json", json)
        .run();
    ran.success()
        .stdout(
            "added 2026-11-03-cut-p95-search-latency under November 2026\n\
             imported: 1 added, 0 skipped as already present, 3 refused\n",
        )
        .stderr(
            "brag: refused entries.json entry 2: it has no date\n\
             brag: refused entries.json entry 3: unknown scope \"galaxy\"; scope is one of task, milestone, project, product, business\n\
             brag: refused entries.json entry 4: the title is empty; say what you did, e.g. brag add \"Cut p95 latency by 40%\"\n",
        );
}

#[test]
fn input_that_is_not_an_export_is_refused_and_the_log_left_byte_identical() {
    let log = fixture("add.md");
    let cases: &[(&str, &str, &str)] = &[
        (
            "json",
            "{not json",
            "brag: stdin is not JSON: key must be a string at line 1 column 2; nothing was imported\n",
        ),
        (
            "json",
            "42",
            "brag: stdin holds neither an entry object nor an array of them; nothing was imported\n",
        ),
        (
            "jrnl",
            r#"{"title": "x"}"#,
            "brag: stdin is not a jrnl export: it has no \"entries\" list (make one with `jrnl --export json`); nothing was imported\n",
        ),
    ];
    for (format, input, error) in cases {
        let ran = Brag::new()
            .log(&log)
            .args(&["import", "--from", format, "-"])
            .stdin(input)
            .run();
        ran.failure(1)
            .stdout("")
            .stderr(error)
            .log_is(log.as_bytes());
    }
}

#[test]
fn a_missing_file_is_one_clear_error() {
    let log = fixture("add.md");
    let ran = Brag::new()
        .log(&log)
        .args(&["import", "--from", "jrnl", "nowhere.json"])
        .run();
    ran.failure(1)
        .stderr("brag: cannot read nowhere.json: No such file or directory (os error 2)\n")
        .log_is(log.as_bytes());
}

#[test]
fn a_jrnl_export_maps_star_lines_to_fields_and_at_tags_to_tags() {
    let ran = Brag::new()
        .log(&fixture("add.md"))
        .args(&["import", "--from", "jrnl", "journal.json"])
        .file("journal.json", &fixture("jrnl.json"))
        .run();
    ran.success().stdout(
        "added 2026-11-05-cut-p95-search-latency under November 2026\n\
         added 2026-11-06-lunch-with-the-design-team under November 2026\n\
         imported: 2 added, 0 skipped as already present, 0 refused\n",
    );
    let listed = entries(ran);
    let cut = listed
        .iter()
        .find(|entry| entry["id"] == "2026-11-05-cut-p95-search-latency")
        .expect("imported");
    assert_eq!(
        cut["tags"],
        serde_json::json!(["work", "performance", "search"])
    );
    assert_eq!(cut["situation"], "Search p95 had grown to 900 ms.");
    assert_eq!(cut["task"], "Bring it under 500 ms.");
    assert_eq!(cut["actions"], "- Profiled the planner.\n- Added a cache.");
    assert_eq!(cut["results"], "p95 900 -> 540 ms. @performance");
    assert_eq!(cut["notes"], "Paired with @search folks on it.");
    let lunch = listed
        .iter()
        .find(|entry| entry["id"] == "2026-11-06-lunch-with-the-design-team")
        .expect("imported");
    assert_eq!(lunch["tags"], serde_json::json!(["people"]));
    assert_eq!(lunch["situation"], Value::Null);
    assert_eq!(lunch["notes"], "Talked about the new onboarding flow.");
}

#[test]
fn a_markdown_brag_document_imports_in_canonical_form_under_its_months() {
    let ran = Brag::new()
        .args(&["import", "--from", "markdown", "doc.md"])
        .file("doc.md", &fixture("bullet-entries.md"))
        .run();
    ran.success();
    insta::assert_snapshot!("markdown-import-stdout", ran.stdout);
    let log = String::from_utf8(ran.log.clone().expect("a log")).expect("UTF-8");
    insta::assert_snapshot!("markdown-import-log", log);
    let again = ran
        .then()
        .args(&["import", "--from", "markdown", "doc.md"])
        .run();
    again.success();
    assert!(again.stdout.contains(" 0 added"), "{}", again.stdout);
}

/// A brag document whose labels are bold lines of their own, not bullets.
const BOLD_LABEL_LINES: &str = "# Wins\n\n## March 2026\n\n### Moved billing to the new queue\n\
**Date:** 2026-03-09\n**Situation:** Billing jobs piled up every month end.\n\
**Task:** Drain them before the invoices go out.\n**Actions:** Split the queue by region.\n\
**Results:** Month-end backlog down from 6 hours to 20 minutes.\n";

/// Each shape of brag document the reader knows, imported into an empty log: the log
/// then lists, field for field, the entries the reader finds in the document itself,
/// each in its month. One entry per shape is also checked by hand: (month, date,
/// title, the field named and its value).
#[test]
fn a_markdown_document_of_each_shape_the_reader_knows_imports_entry_for_entry() {
    type Spot = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    let cases: &[(&str, String, usize, Spot)] = &[
        (
            "canonical heading entries under month headings",
            fixture("canonical.md"),
            2,
            (
                "2026-10",
                "2026-10-14",
                "Mentored two new hires through their first on-call",
                "task",
                "Get both ready to carry the pager alone.",
            ),
        ),
        (
            "bold-bullet title entries",
            fixture("bullet-entries.md"),
            5,
            (
                "2026-11",
                "2026-11-01",
                "Mentored Ana",
                "situation",
                "Ana had never presented to the architecture group.",
            ),
        ),
        (
            "**Situation:** label lines without bullets",
            BOLD_LABEL_LINES.to_string(),
            1,
            (
                "2026-03",
                "2026-03-09",
                "Moved billing to the new queue",
                "results",
                "Month-end backlog down from 6 hours to 20 minutes.",
            ),
        ),
        (
            "labels in every style",
            fixture("label-styles.md"),
            9,
            (
                "2026-11",
                "2026-11-01",
                "Plain labels on consecutive lines",
                "results",
                "3 things got better",
            ),
        ),
        (
            "week and day sub-headings",
            fixture("week-day-headings.md"),
            3,
            (
                "2026-11",
                "2026-11-06",
                "Demoed the new dashboard",
                "results",
                "",
            ),
        ),
        (
            "yearless months under year, half and quarter headings",
            fixture("year-containers.md"),
            4,
            (
                "2025-08",
                "2025-08-01",
                "Shipped the export API",
                "results",
                "3 partners integrated.",
            ),
        ),
        (
            "newest first",
            fixture("newest-first.md"),
            3,
            ("2026-12", "2026-12-02", "Latest win", "results", ""),
        ),
        (
            "month headings in every form",
            fixture("month-forms.md"),
            8,
            (
                "2027-02",
                "2027-02-01",
                "Entry under month/year",
                "results",
                "",
            ),
        ),
        (
            "dates in titles",
            fixture("dated-titles.md"),
            3,
            (
                "2026-11",
                "2026-11-03",
                "Shipped the importer",
                "results",
                "10 customers migrated.",
            ),
        ),
        (
            "category sections inside a month",
            fixture("category-sections.md"),
            3,
            (
                "2026-11",
                "2026-11-01",
                "Launched the search beta",
                "results",
                "1,200 beta users.",
            ),
        ),
    ];
    let by_title = |mut entries: Vec<Value>| {
        entries.sort_by_key(|entry| entry["title"].to_string());
        entries
    };
    for (shape, doc, count, (month, date, title, field, value)) in cases {
        let ran = Brag::new()
            .args(&["import", "--from", "markdown", "doc.md"])
            .file("doc.md", doc)
            .run();
        ran.success();
        assert!(
            ran.stdout.ends_with(&format!(
                "imported: {count} added, 0 skipped as already present, 0 refused\n"
            )),
            "{shape}: {}",
            ran.stdout
        );
        let imported = by_title(entries(ran));
        let read = by_title(entries(Brag::new().log(doc).run()));
        assert_eq!(imported.len(), *count, "{shape}");
        assert_eq!(
            imported, read,
            "{shape}: the import lists other entries than the document"
        );
        let entry = imported
            .iter()
            .find(|entry| entry["title"] == *title)
            .unwrap_or_else(|| panic!("{shape}: no entry {title:?} in {imported:#?}"));
        assert_eq!(
            (entry["month"].as_str(), entry["date"].as_str()),
            (Some(*month), Some(*date)),
            "{shape}"
        );
        let wanted = if value.is_empty() {
            Value::Null
        } else {
            Value::from(*value)
        };
        assert_eq!(entry[*field], wanted, "{shape}: {field}");
    }
}

#[test]
fn a_markdown_document_with_year_headings_imported_twice_adds_nothing_the_second_time() {
    let doc = fixture("year-containers.md");
    let first = Brag::new()
        .args(&["import", "--from", "markdown", "doc.md"])
        .file("doc.md", &doc)
        .run();
    first.success();
    let after_first = first.log.clone().expect("a log");
    let again = first
        .then()
        .args(&["import", "--from", "markdown", "doc.md"])
        .run();
    again.success().stdout(
        "skipped 2025-08-01-shipped-the-export-api: already in the log\n\
         skipped 2026-04-09-ran-the-security-review: already in the log\n\
         skipped 2026-11-01-planned-the-migration: already in the log\n\
         skipped 2027-01-01-wrote-the-hiring-rubric: already in the log\n\
         imported: 0 added, 4 skipped as already present, 0 refused\n",
    );
    assert_eq!(again.log.as_deref(), Some(&after_first[..]));
}

/// A repository in `dir` with commits by Ana over three days, one merge, and one
/// commit by someone else.
fn history(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("repo folder");
    let at = |day: &str| format!("{day} +0000");
    git_at(
        dir,
        &["init", "--quiet", "-b", "main"],
        &at("2026-10-01T09:00:00"),
    );
    git_at(
        dir,
        &["config", "user.name", "Ana"],
        &at("2026-10-01T09:00:00"),
    );
    git_at(
        dir,
        &["config", "user.email", "ana@example.com"],
        &at("2026-10-01T09:00:00"),
    );
    let commit = |subject: &str, day: &str| {
        git_at(
            dir,
            &["commit", "--quiet", "--allow-empty", "-m", subject],
            &at(day),
        );
    };
    commit("Set up the search service", "2026-10-01T09:00:00");
    commit("Batch the planner's lookups", "2026-11-02T10:00:00");
    commit("Cache planner results", "2026-11-02T15:00:00");
    git_at(
        dir,
        &["checkout", "--quiet", "-b", "search-cache"],
        &at("2026-11-03T09:00:00"),
    );
    commit("Evict cold entries", "2026-11-03T09:30:00");
    git_at(
        dir,
        &["checkout", "--quiet", "main"],
        &at("2026-11-03T10:00:00"),
    );
    git_at(
        dir,
        &[
            "merge",
            "--quiet",
            "--no-ff",
            "-m",
            "Merge the search cache",
            "search-cache",
        ],
        &at("2026-11-03T10:00:00"),
    );
    git_at(
        dir,
        &[
            "-c",
            "user.email=bo@example.com",
            "commit",
            "--quiet",
            "--allow-empty",
            "-m",
            "Bo's work",
        ],
        &at("2026-11-04T10:00:00"),
    );
}

#[test]
fn git_history_becomes_one_draft_entry_per_day_that_check_lists() {
    let log = fixture("add.md");
    let brag = Brag::new().log(&log);
    history(&brag.dir().join("repo"));
    let ran = brag
        .args(&[
            "import",
            "--from",
            "git",
            "repo",
            "--since",
            "2026-11-01",
            "--author",
            "ana@example.com",
        ])
        .run();
    ran.success().stdout(
        "added 2026-11-02-batch-the-planner-s-lookups under November 2026\n\
         added 2026-11-03-merge-the-search-cache under November 2026\n\
         imported: 2 added, 0 skipped as already present, 0 refused\n",
    );
    let expected = log.replace(
        "- **Results**: Both accepted.\n",
        "- **Results**: Both accepted.\n\n\
         ### Batch the planner's lookups\n- **Date**: 2026-11-02\n- **Tags**: draft\n\
         - **Actions**:\n  - Batch the planner's lookups\n  - Cache planner results\n\n\
         ### Merge the search cache\n- **Date**: 2026-11-03\n- **Tags**: draft\n\
         - **Actions**: Evict cold entries\n",
    );
    ran.log_is(expected.as_bytes());
    let again = ran
        .then()
        .args(&[
            "import",
            "--from",
            "git",
            "repo",
            "--since",
            "2026-11-01",
            "--author",
            "ana@",
        ])
        .run();
    again.success().log_is(expected.as_bytes());
    assert!(
        again
            .stdout
            .ends_with("imported: 0 added, 2 skipped as already present, 0 refused\n")
    );
    let check = again.then().args(&["check"]).run();
    check.stderr(
        "note: 2026-11-02-batch-the-planner-s-lookups is a draft to finish (line 21): add its \
         Results, then drop the `draft` tag: brag edit 2026-11-02-batch-the-planner-s-lookups\n\
         note: 2026-11-03-merge-the-search-cache is a draft to finish (line 28): add its \
         Results, then drop the `draft` tag: brag edit 2026-11-03-merge-the-search-cache\n",
    );
}

#[test]
fn git_import_needs_a_period_and_a_repository() {
    let log = fixture("add.md");
    let ran = Brag::new()
        .log(&log)
        .args(&["import", "--from", "git", "nowhere"])
        .run();
    ran.failure(1)
        .stderr("brag: --from git needs --since PERIOD (such as 2026-05-01 or \"last month\")\n")
        .log_is(log.as_bytes());
    let ran = Brag::new()
        .log(&log)
        .args(&[
            "import",
            "--from",
            "git",
            "nowhere",
            "--since",
            "2026-11-01",
        ])
        .run();
    ran.failure(1).log_is(log.as_bytes());
    assert!(
        ran.stderr
            .starts_with("brag: cannot read the history of nowhere: "),
        "{}",
        ran.stderr
    );
}

/// A Markdown document's lines outside any entry are one refusal, counted as `brag check`
/// counts them (the introduction before the first entry is the document's own, not lost),
/// while its entries are imported.
#[test]
fn lines_a_markdown_import_cannot_place_are_counted_as_check_counts_them() {
    let doc = "# Wins\n\nMy notes for the review.\n\n## November 2026\n\n\
               ### Shipped the importer\n- **Results**: 40 teams moved\n\n\
               # Ideas\n\n## Rescued the report\n\nI made it fast.\nIt was slow.\n";
    let ran = Brag::new()
        .args(&["import", "--from", "markdown", "doc.md"])
        .file("doc.md", doc)
        .run();
    ran.success()
        .stdout(
            "added 2026-11-01-shipped-the-importer under November 2026\n\
             imported: 1 added, 0 skipped as already present, 1 refused\n",
        )
        .stderr(
            "brag: refused doc.md: 2 lines outside any entry were not imported \
             (`brag check --file doc.md` shows them)\n",
        );
}

/// What a Markdown import must keep of an entry: what `brag list --format json` shows
/// of it, apart from its id and line (which follow from where it is written) and its
/// month (an entry of a week that starts in the month before its heading's is filed
/// under the month the week starts in).
fn kept(entries: Vec<Value>) -> Vec<Value> {
    let mut kept: Vec<Value> = entries
        .into_iter()
        .map(|mut entry| {
            if let Some(entry) = entry.as_object_mut() {
                for key in ["id", "line", "month"] {
                    entry.remove(key);
                }
            }
            entry
        })
        .collect();
    kept.sort_by_key(|entry| (entry["title"].to_string(), entry["date"].to_string()));
    kept
}

/// Every document in `tests/fixtures/documents/`, imported into an empty log: the log
/// then lists each entry the document dates (by a day or by a period) with the same
/// title, date, period, section, tags, scope, STAR fields, other fields and notes; the
/// entries with neither are refused; and importing again adds nothing.
#[test]
fn every_document_shape_imports_keeping_each_entrys_period_and_section() {
    let mut names: Vec<_> = std::fs::read_dir("tests/fixtures/documents")
        .expect("the documents")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    names.sort();
    let mut sections = 0;
    let mut wider_than_a_month = 0;
    for path in names {
        let name = path.display().to_string();
        let doc = std::fs::read_to_string(&path).expect("a document");
        let in_doc = entries(Brag::new().log(&doc).run());
        let (dated, undated): (Vec<Value>, Vec<Value>) = in_doc
            .into_iter()
            .partition(|entry| !entry["period"].is_null());
        sections += dated.iter().filter(|e| !e["section"].is_null()).count();
        wider_than_a_month += dated.iter().filter(|e| e["date"].is_null()).count();
        let ran = Brag::new()
            .args(&["import", "--from", "markdown", "doc.md"])
            .file("doc.md", &doc)
            .run();
        ran.success();
        assert!(
            ran.stdout
                .contains(&format!("imported: {} added,", dated.len())),
            "{name}: {}",
            ran.stdout
        );
        for entry in &undated {
            let id = entry["id"].as_str().expect("an id");
            ran.stderr_contains(&format!("{id} has no date"));
        }
        let after = ran.log.clone();
        if dated.is_empty() {
            assert_eq!(after, None, "{name}: a log with nothing imported");
            continue;
        }
        let again = ran
            .then()
            .args(&["import", "--from", "markdown", "doc.md"])
            .run();
        again.success();
        assert!(
            again.stdout.contains("imported: 0 added"),
            "{name}: {}",
            again.stdout
        );
        assert_eq!(
            again.log, after,
            "{name}: the second import changed the log"
        );
        assert_eq!(
            kept(entries(again)),
            kept(dated),
            "{name}: the import lists other entries than the document"
        );
    }
    // The documents hold both kinds, or this test proves nothing about them.
    assert!(sections > 0 && wider_than_a_month > 0);
}

/// A document of years, a quarter, a week and categories (`Side projects`, `Weekend`).
const YEARS_QUARTER_WEEK: &str = "# 2025\n\n- Led the data retention project; 40 TB freed.\n\n\
    # 2024\n\n## Q3\n\n- Wrote the CLI for the team dashboards\n\n\
    ## Side projects\n\n- Built the meetup site\n\n\
    # 2026\n\n## 2026-W14\n\n- Fixed the flaky build\n\n## Weekend\n\n- Wrote the blog post\n";

/// An entry dated only by its year, and one only by its quarter: each goes under its
/// period's first month with no day invented, its period in a `Period` field and its
/// category in a `Section` field; the log lists them as the document does.
#[test]
fn year_only_and_quarter_only_entries_keep_their_period_without_a_day() {
    let doc = &YEARS_QUARTER_WEEK[..YEARS_QUARTER_WEEK.find("# 2026").expect("2026")];
    let ran = Brag::new()
        .args(&["import", "--from", "markdown", "doc.md"])
        .file("doc.md", doc)
        .run();
    ran.success().stdout(
        "added undated-led-the-data-retention-project-40-tb-freed under January 2025\n\
         added undated-wrote-the-cli-for-the-team-dashboards under July 2024\n\
         added undated-built-the-meetup-site under January 2024\n\
         imported: 3 added, 0 skipped as already present, 0 refused\n",
    );
    let log = String::from_utf8(ran.log.clone().expect("a log")).expect("UTF-8");
    assert!(
        log.ends_with(
            "## January 2024\n\n### Built the meetup site\n- **Period**: 2024\n\
             - **Section**: Side projects\n\n\
             ## July 2024\n\n### Wrote the CLI for the team dashboards\n- **Period**: 2024-Q3\n\n\
             ## January 2025\n\n### Led the data retention project; 40 TB freed.\n\
             - **Period**: 2025\n"
        ),
        "{log}"
    );
    let listed = entries(ran);
    let shown: Vec<_> = listed
        .iter()
        .map(|e| {
            (
                e["date"].clone(),
                e["month"].clone(),
                e["period"].clone(),
                e["section"].clone(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                Value::Null,
                Value::Null,
                "2024".into(),
                "Side projects".into()
            ),
            (Value::Null, Value::Null, "2024-Q3".into(), Value::Null),
            (Value::Null, Value::Null, "2025".into(), Value::Null),
        ]
    );
    assert_eq!(kept(listed), kept(entries(Brag::new().log(doc).run())));
}

/// `brag list --format json | brag import --from json` keeps a period wider than a day
/// and a section, and importing it again adds nothing.
#[test]
fn a_json_round_trip_keeps_period_and_section() {
    let json = exported(YEARS_QUARTER_WEEK);
    let ran = Brag::new()
        .args(&["import", "--from", "json", "-"])
        .stdin(&json)
        .run();
    ran.success();
    let after = ran.log.clone();
    let original: Vec<Value> = serde_json::from_str(&json).expect("JSON");
    assert_eq!(original.len(), 5);
    assert_eq!(kept(entries(ran)), kept(original));
    let again = Brag::new()
        .log_bytes(after.as_deref().expect("a log"))
        .args(&["import", "--from", "json", "-"])
        .stdin(&json)
        .run();
    again.success();
    assert!(
        again.stdout.contains("imported: 0 added"),
        "{}",
        again.stdout
    );
    assert_eq!(again.log, after);
}

/// An imported entry dated by its quarter, amended: a new Results keeps its `Period`
/// and `Section` fields; a new date replaces the period with that day.
#[test]
fn amending_an_entry_dated_by_a_period_keeps_or_replaces_its_period() {
    let doc = "# 2024\n\n## Q3\n\n- Wrote the CLI\n\n## Side projects\n\n- Built the meetup site\n";
    let ran = Brag::new()
        .args(&["import", "--from", "markdown", "doc.md"])
        .file("doc.md", doc)
        .run();
    ran.success();
    let amended = ran
        .then()
        .args(&[
            "amend",
            "undated-built-the-meetup-site",
            "--result",
            "40 members",
        ])
        .run();
    amended.success();
    let log = String::from_utf8(amended.log.clone().expect("a log")).expect("UTF-8");
    assert!(
        log.contains(
            "### Built the meetup site\n- **Period**: 2024\n- **Section**: Side projects\n\
             - **Results**: 40 members\n"
        ),
        "{log}"
    );
    let dated = amended
        .then()
        .args(&["amend", "undated-wrote-the-cli", "--set-date", "2024-08-03"])
        .run();
    dated.success();
    let log = String::from_utf8(dated.log.clone().expect("a log")).expect("UTF-8");
    assert!(
        log.contains("## August 2024\n\n### Wrote the CLI\n- **Date**: 2024-08-03\n"),
        "{log}"
    );
    assert!(!log.contains("2024-Q3"), "{log}");
}
