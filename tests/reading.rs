//! The tolerant reader, one fixture per rule: the exact JSON and the diagnostics.

use crate::support::Brag;

/// The quality lints that judge entries rather than place them: off here, so these
/// snapshots hold what the reader reports (the lints have their own tests in `check`).
pub const READER_ONLY: &str =
    "lints: {B101: off, B102: off, B103: off, B104: off, B105: off, B107: off}\n";

/// `list --format json` and `check` over a fixture, as one reviewed snapshot.
fn read_fixture(name: &str) -> String {
    let text = std::fs::read_to_string(format!("tests/fixtures/{name}.md")).expect("fixture");
    let listed = Brag::new()
        .log(&text)
        .args(&["list", "--format", "json"])
        .run();
    listed.success();
    let checked = Brag::new()
        .log(&text)
        .config(READER_ONLY)
        .args(&["check"])
        .run();
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
