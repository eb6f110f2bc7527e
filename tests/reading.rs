//! The tolerant reader, one fixture per rule: the exact JSON and the diagnostics.

use crate::support::{Brag, Ran};

/// The quality lints that judge entries rather than place them: off here, so these
/// snapshots hold what the reader reports (the lints have their own tests in `check`).
pub const READER_ONLY: &str =
    "lints: {B101: off, B102: off, B103: off, B104: off, B105: off, B107: off}\n";

/// `list --format json`, and `check` with [`READER_ONLY`], over a log's text.
pub fn list_and_check(text: &str) -> (Ran, Ran) {
    let listed = Brag::new()
        .log(text)
        .args(&["list", "--format", "json"])
        .run();
    let checked = Brag::new()
        .log(text)
        .config(READER_ONLY)
        .args(&["check"])
        .run();
    (listed, checked)
}

/// `list --format json` and `check` over a fixture, as one reviewed snapshot.
fn read_fixture(name: &str) -> String {
    let text = std::fs::read_to_string(format!("tests/fixtures/{name}.md")).expect("fixture");
    let (listed, checked) = list_and_check(&text);
    listed.success();
    format!(
        "$ brag list --format json\n{}\n$ brag check  (exit {})\n{}{}",
        listed.stdout, checked.code, checked.stdout, checked.stderr
    )
}

macro_rules! fixture_tests {
    ($($name:ident => $file:literal,)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!($file, read_fixture($file));
        }
    )*};
}

fixture_tests! {
    canonical_log => "canonical",
    month_headings_in_every_form => "month-forms",
    years_halves_and_quarters_give_the_year => "year-containers",
    week_and_day_headings_date_their_entries => "week-day-headings",
    bold_led_bullets_are_entries => "bullet-entries",
    labels_in_every_style_and_synonym => "label-styles",
    field_bodies_are_kept_verbatim => "verbatim-bodies",
    code_comments_and_front_matter_are_not_structure => "code-comments-frontmatter",
    newest_first_with_tabs => "newest-first",
    what_cannot_be_placed_is_reported => "warnings",
    category_sections_hold_entries => "category-sections",
    other_labels_and_free_text_are_kept => "extra-fields-notes",
    dates_in_titles => "dated-titles",
}

/// CRLF line endings, a BOM and a missing final newline read exactly like the plain file.
#[test]
fn crlf_bom_and_no_final_newline_read_the_same() {
    let plain = std::fs::read_to_string("tests/fixtures/canonical.md").expect("fixture");
    let odd = format!("\u{feff}{}", plain.replace('\n', "\r\n").trim_end());
    let expected = Brag::new()
        .log(&plain)
        .args(&["list", "--format", "json"])
        .run()
        .json();
    let read = Brag::new()
        .log(&odd)
        .args(&["list", "--format", "json"])
        .run();
    read.success();
    assert_eq!(read.json(), expected);
    Brag::new()
        .log(&odd)
        .args(&["check"])
        .run()
        .success()
        .stdout("[DIR]/brag.md: 2 entries, 0 errors, 0 warnings\n");
}

#[test]
fn yaml_has_the_same_entries_as_json() {
    let text = std::fs::read_to_string("tests/fixtures/canonical.md").expect("fixture");
    let json = Brag::new()
        .log(&text)
        .args(&["list", "--format", "json"])
        .run()
        .json();
    let yaml = Brag::new()
        .log(&text)
        .args(&["list", "--format", "yaml"])
        .run();
    yaml.success();
    let yaml: serde_json::Value = serde_yaml::from_str(&yaml.stdout).expect("stdout is YAML");
    assert_eq!(yaml, json);
}

#[test]
fn empty_log_lists_nothing() {
    for format in ["json", "yaml"] {
        Brag::new()
            .log("")
            .args(&["list", "--format", format])
            .run()
            .success()
            .stdout("[]\n");
    }
    Brag::new()
        .log("# Achievement log\n")
        .args(&["list"])
        .run()
        .success()
        .stdout("0 entries, all dates\n");
}

/// The ids `brag list --format ids` prints for `text`, with `args` after it.
fn ids(text: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "ids"];
    all.extend_from_slice(args);
    let ran = Brag::new().log(text).args(&all).run();
    ran.success();
    ran.stdout.lines().map(String::from).collect()
}

/// A fence opens as CommonMark says: three or more backticks or tildes, and a backtick
/// fence's info string holds no backtick. A heading inside a fence is code, not an entry;
/// after a line that only looks like a fence, it is an entry.
#[test]
fn fences_open_as_commonmark_says() {
    let log = "# Brag log\n\n## November 2026\n\n### First\n\n\
               ~~\n### After two tildes\n\n\
               ``\n### After two backticks\n\n\
               ```js`\n### After a backtick in the info string\n\n\
               ~~~ `code`\n### Inside a tilde fence\n~~~\n\n\
               ### Last\n";
    assert_eq!(
        ids(log, &[]),
        [
            "2026-11-01-first",
            "2026-11-01-after-two-tildes",
            "2026-11-01-after-two-backticks",
            "2026-11-01-after-a-backtick-in-the-info-string",
            "2026-11-01-last",
        ]
    );
}

/// `--grep` looks at what an entry shows: a field's text and the notes, not the list
/// marker, label or emphasis that make a line a field, nor the `**` of a bullet's title.
/// Every case here is one the quick text test must leave to the full reader.
#[test]
fn grep_matches_shown_text_not_the_markup_of_labels() {
    let numbered = "# Brag log\n\n## November 2026\n\n### Shipped the widget\n\n\
                    1. **Situation**: alpha\n2) **Result**: beta\n10. **Task**: gamma\n";
    let setext = "# Brag log\n\n## November 2026\n\n### Shipped the widget\n\n\
                  Situation\n=========\ncalm\n\nResults\n-------\nfast\n";
    let bullet = "# Brag log\n\n## November 2026\n\n\
                  - **Shipped the widget**: on time\n  - **Result**: fast\n";
    let notes = "# Brag log\n\n## November 2026\n\n### Shipped the widget\n\n\
                 1. Launched on time\n2) Cut cost\n";
    // A field's body is read without the spaces around it, so a needle that ends in a
    // space cannot match one at the end of a label line.
    let spaced = "# Brag log\n\n## November 2026\n\n### Shipped the widget\n\n\
                  - **Results**: fell by half \n- **Task**: speed up\n";
    let widget = ["2026-11-01-shipped-the-widget"];
    for (log, grep, found) in [
        (numbered, "situation", false),
        (numbered, "result", false),
        (numbered, "task", false),
        (numbered, "beta", true),
        (numbered, "gamma", true),
        (setext, "situation", false),
        (setext, "results", false),
        (setext, "calm", true),
        (setext, "fast", true),
        (bullet, "**shipped", false),
        (bullet, "shipped the", true),
        (notes, "1. launched", true),
        (notes, "2) cut", true),
        (spaced, "half ", false),
        (spaced, "by half", true),
    ] {
        let expected: &[&str] = if found { &widget } else { &[] };
        assert_eq!(
            ids(log, &["--grep", grep]),
            expected,
            "--grep {grep:?} in\n{log}"
        );
    }
}

/// A document with text and not one heading, list or table holds nothing brag can read:
/// `check` reports its lines and `list` says so, instead of "0 entries" and silence.
#[test]
fn a_document_without_headings_is_reported_not_passed_over() {
    let prose = "Geek club: I taught seniors to video-call for two years.\n\n\
                 Debate team: placed third at the regional final.\n";
    let checked = Brag::new()
        .log(prose)
        .config(READER_ONLY)
        .args(&["check"])
        .run();
    checked.success();
    assert!(
        checked
            .stdout
            .ends_with("0 entries, 0 errors, 1 warning; 2 lines not placed\n"),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .contains(":1:1: warning: 2 lines outside any entry\n")
    );
    let listed = Brag::new().log(prose).args(&["list"]).run();
    listed.success().stdout("0 entries, all dates\n");
    assert!(
        listed.stderr.ends_with(
            "has 2 lines of text but no entry brag can read; `brag check` shows where\n"
        ),
        "{}",
        listed.stderr
    );
    for quiet in ["", "---\ntitle: Brag\n---\n\n"] {
        let checked = Brag::new()
            .log(quiet)
            .config(READER_ONLY)
            .args(&["check"])
            .run();
        assert!(
            checked
                .stdout
                .ends_with("0 entries, 0 errors, 0 warnings\n"),
            "{quiet:?}"
        );
    }
}

/// A bold `Period` field dates an entry that has no day of its own: inside its heading's
/// period or holding it (as an import writes a quarter's entry under the quarter's
/// first month), it is the entry's period; outside it, `check` warns and the field is
/// kept under `fields`. A bold `Section` field is its section. Date filters see the
/// field's period wherever it stands in the entry.
#[test]
fn period_and_section_fields_date_and_file_an_entry() {
    let log = "# Log\n\n## October 2026\n\n\
               ### Quarter in the run\n- **Period**: 2026-Q4\n- **Section**: Projects\n\n\
               ### Quarter after a note\n\nA note first.\n\n- **Period**: 2026-Q4\n\n\
               ### A week inside the month\n- **Period**: 2026-W42\n\n\
               ### Outside its month\n- **Period**: 2025\n\n\
               ### Prose\nPeriod: a quiet one\n";
    let listed = Brag::new()
        .log(log)
        .args(&["list", "--format", "json"])
        .run()
        .json();
    let shown: Vec<_> = listed
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["title"], e["date"], e["month"], e["period"], e["section"]
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            r#""Outside its month" "2026-10-01" "2026-10" "2026-10" null"#,
            r#""Prose" "2026-10-01" "2026-10" "2026-10" null"#,
            r#""A week inside the month" "2026-10-12" "2026-10" "2026-W42" null"#,
            r#""Quarter in the run" null null "2026-Q4" "Projects""#,
            r#""Quarter after a note" null null "2026-Q4" null"#,
        ]
    );
    assert_eq!(listed[0]["fields"], serde_json::json!({"Period": "2025"}));
    assert_eq!(listed[1]["notes"], "Period: a quiet one");
    // The quarter reaches past October, so a filter up to October leaves both out.
    Brag::new()
        .log(log)
        .args(&["list", "--until", "2026-10", "--format", "ids"])
        .run()
        .success()
        .stdout(
            "2026-10-01-outside-its-month\n2026-10-01-prose\n2026-10-12-a-week-inside-the-month\n",
        );
    let checked = Brag::new().log(log).args(&["check"]).run();
    assert!(
        checked
            .stdout
            .contains("warning: period 2025 is outside its heading's period 2026-10"),
        "{}",
        checked.stdout
    );
}
