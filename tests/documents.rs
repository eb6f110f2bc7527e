//! Brag documents as people keep them (issue 13): one fixture per shape, each with a
//! reviewed snapshot of `list --format json` and `check`, and the entries each holds.

use crate::support::Brag;

/// `list --format json` and `check` over a document, as one reviewed snapshot (quality
/// lints off, as in `reading.rs`: the snapshot holds what the reader reports).
fn read_document(name: &str) -> String {
    let text = std::fs::read_to_string(format!("tests/fixtures/documents/{name}.md"))
        .expect("fixture");
    let listed = Brag::new()
        .log(&text)
        .args(&["list", "--format", "json"])
        .run();
    let checked = Brag::new()
        .log(&text)
        .config(crate::reading::READER_ONLY)
        .args(&["check"])
        .run();
    format!(
        "$ brag list --format json  (exit {})\n{}{}\n$ brag check  (exit {})\n{}{}",
        listed.code, listed.stdout, listed.stderr, checked.code, checked.stdout, checked.stderr
    )
}

macro_rules! document_tests {
    ($($name:ident => $file:literal,)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!($file, read_document($file));
        }
    )*};
}

document_tests! {
    a_story_bank_without_periods => "story-bank",
    a_category_document => "categories",
    a_one_project_file => "one-project",
    plain_bullets_under_day_headings => "bullets-by-day",
    years_and_quarters_holding_bullets => "year-quarter",
    a_year_holding_heading_entries => "year-only",
    dates_written_in_bullets_titles_and_labels => "dates-elsewhere",
    labels_and_months_in_other_languages => "other-languages",
    weeks_month_ranges_and_suffixed_months => "period-headings",
    labels_in_every_form => "label-forms",
    rules_templates_and_sub_headings_end_fields => "boundaries",
    a_table_of_achievements => "table",
    hand_edit_slips_are_reported => "slips",
}
