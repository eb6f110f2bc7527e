//! Brag documents as people keep them (issue 13): one fixture per shape, each with a
//! reviewed snapshot of `list --format json` and `check`, and the entries each holds.

use crate::support::Brag;

/// `list --format json` and `check` over a document, as one reviewed snapshot (quality
/// lints off, as in `reading.rs`: the snapshot holds what the reader reports).
fn read_document(name: &str) -> String {
    let text =
        std::fs::read_to_string(format!("tests/fixtures/documents/{name}.md")).expect("fixture");
    let (listed, checked) = crate::reading::list_and_check(&text);
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
    a_hype_doc_with_task_lists_long_bold_leads_and_joined_labels => "hype-doc",
    bold_lead_paragraphs_in_sections_and_months => "bold-leads",
    labels_brag_does_not_map_are_named => "custom-labels",
}

/// How many entries each document holds, counted by hand (see each fixture), against
/// how many `brag list` finds, with how many have the period they should.
#[test]
fn every_document_reads_the_entries_it_holds() {
    let expected = [
        ("story-bank", 3),
        ("categories", 9),
        ("one-project", 5),
        ("bullets-by-day", 7),
        ("year-quarter", 5),
        ("year-only", 3),
        ("dates-elsewhere", 6),
        ("other-languages", 4),
        ("period-headings", 5),
        ("label-forms", 5),
        ("boundaries", 3),
        ("table", 3),
        ("slips", 5),
        ("hype-doc", 7),
        ("bold-leads", 6),
        ("custom-labels", 2),
    ];
    for (name, count) in expected {
        let text = std::fs::read_to_string(format!("tests/fixtures/documents/{name}.md"))
            .expect("fixture");
        let listed = Brag::new()
            .log(&text)
            .args(&["list", "--format", "json"])
            .run();
        listed.success();
        assert_eq!(
            listed.json().as_array().map(Vec::len),
            Some(count),
            "{name}"
        );
    }
}

/// Entries under a year, a quarter or a month range are filtered by their whole period.
#[test]
fn a_period_is_a_date_range_for_the_filters() {
    let ids = |file: &str, args: &[&str]| -> Vec<String> {
        let text = std::fs::read_to_string(format!("tests/fixtures/documents/{file}.md"))
            .expect("fixture");
        let mut all = vec!["list", "--format", "ids"];
        all.extend_from_slice(args);
        let listed = Brag::new().log(&text).args(&all).run();
        listed.success();
        listed.stdout.lines().map(str::to_string).collect()
    };
    // `# 2025`: every entry, since 2025 or within it; none before.
    assert_eq!(ids("year-only", &["--since", "2025"]).len(), 3);
    assert_eq!(ids("year-only", &["--on", "2025"]).len(), 3);
    assert_eq!(ids("year-only", &["--until", "2024"]).len(), 0);
    // A quarter is inside the first half; a year only overlaps it.
    assert_eq!(ids("year-quarter", &["--on", "2025H1"]).len(), 3);
    assert_eq!(ids("year-only", &["--on", "2025H1"]).len(), 0);
    assert_eq!(ids("year-only", &["--on", "2025H1", "--overlap"]).len(), 3);
    // August to September 2024: inside Q3, only overlapping August.
    assert_eq!(ids("period-headings", &["--on", "2024Q3"]).len(), 1);
    assert_eq!(ids("period-headings", &["--on", "2024-08"]).len(), 0);
    assert_eq!(
        ids("period-headings", &["--on", "2024-08", "--overlap"]).len(),
        1
    );
}

/// The items of a numbered list under a period are entries, as bullets are: a bold lead
/// and a date in brackets are read the same way, sub-items are fields, `3.` after a
/// paragraph line goes on with that paragraph (CommonMark: only `1.` can interrupt one),
/// and an indented item, as an indented bullet, is part of the entry before it.
#[test]
fn numbered_list_items_are_entries_like_bullets() {
    let text = "# 2026\n\n## March 2026\n\n1. Designed the ingestion tiers\n\n   \
                It took three weeks\n   of review.\n   - **Results**: 6 nodes\n     \
                instead of 27\n12) **Sized the cluster** (2026-03-09): 26x smaller\n\n\
                Some text.\n3. not an item\n\n## April 2026\n\n- Wrote the search design\n\n\
                ## May 2026\n\n1. First in May\n\n  2. An indented item goes on with it\n10. Tenth in May\n";
    let listed = Brag::new()
        .log(text)
        .args(&["list", "--format", "json"])
        .run();
    listed.success();
    let entries = listed.json();
    let read: Vec<_> = entries
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| {
            (
                entry["line"].as_u64().expect("a line"),
                entry["date"].as_str().unwrap_or("").to_string(),
                entry["title"].as_str().expect("a title").to_string(),
                entry["results"].as_str().unwrap_or("").to_string(),
                entry["notes"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        (
            5,
            "2026-03-01",
            "Designed the ingestion tiers",
            "6 nodes\ninstead of 27",
            "It took three weeks\nof review.",
        ),
        (
            11,
            "2026-03-09",
            "Sized the cluster",
            "",
            "26x smaller\n\nSome text.\n3. not an item",
        ),
        (18, "2026-04-01", "Wrote the search design", "", ""),
        (
            22,
            "2026-05-01",
            "First in May",
            "",
            "2. An indented item goes on with it",
        ),
        (25, "2026-05-01", "Tenth in May", "", ""),
    ]
    .map(|(line, date, title, results, notes)| {
        (
            line,
            date.to_string(),
            title.to_string(),
            results.to_string(),
            notes.to_string(),
        )
    });
    assert_eq!(read, expected);
    let checked = Brag::new().log(text).args(&["check"]).run();
    checked.success();
    assert!(
        checked
            .stdout
            .ends_with("brag.md: 5 entries, 0 errors, 5 warnings (B101: 5)\n"),
        "{}",
        checked.stdout
    );
}

/// A bold date that leads a paragraph or a bullet (`**2026-04-03** — Shipped X`) dates the
/// entry, and the text after it on its line is the title; a bold lead that is no date
/// (a word such as `Yesterday` names no day of the log), or a date with nothing after
/// it, stays the title.
#[test]
fn a_bold_date_lead_dates_the_entry_and_the_text_after_it_is_the_title() {
    let text = "# Brag Document\n\n## 2026 Q2\n\n### April 2026\n\n\
                **2026-04-03** — Shipped the new authentication middleware which eliminated\n\
                a class of token expiry bugs.\n\n\
                - **Apr 8, 2026**: Migrated the ingestion pipeline to async processing\n\
                - **Apr 9**\n\
                - **Yesterday**: paired with Ana\n\
                - **Wednesday, April 15, 2026**: Ran the first game day\n\
                - **Won the award** (2026-04-10): for the on-call rework\n";
    let listed = Brag::new()
        .log(text)
        .args(&["list", "--format", "json"])
        .run();
    listed.success();
    let read: Vec<(String, String, String)> = listed
        .json()
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| {
            let field = |key: &str| entry[key].as_str().unwrap_or("").to_string();
            (field("date"), field("title"), field("notes"))
        })
        .collect();
    let expected = [
        ("2026-04-01", "Apr 9", ""),
        ("2026-04-01", "Yesterday", "paired with Ana"),
        (
            "2026-04-03",
            "Shipped the new authentication middleware which eliminated",
            "a class of token expiry bugs.",
        ),
        (
            "2026-04-08",
            "Migrated the ingestion pipeline to async processing",
            "",
        ),
        ("2026-04-10", "Won the award", "for the on-call rework"),
        ("2026-04-15", "Ran the first game day", ""),
    ]
    .map(|(date, title, notes)| (date.to_string(), title.to_string(), notes.to_string()));
    assert_eq!(read, expected);
}

/// A log with text and no entry says so where a person looks, and `check` says where.
#[test]
fn a_log_with_text_but_no_entries_says_so() {
    let text = "# Notes\n\n## Rescued the report\n\nI made it fast.\nIt was slow.\n";
    Brag::new()
        .log(text)
        .args(&["list"])
        .run()
        .success()
        .stderr(
            "brag: [DIR]/brag.md has 2 lines of text but no entry brag can read; `brag check` shows where\n",
        );
    let checked = Brag::new().log(text).args(&["check"]).run();
    checked.success();
    assert!(
        checked
            .stdout
            .contains("brag.md:5:1: warning: 2 lines outside any entry"),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .ends_with("brag.md: 0 entries, 0 errors, 1 warning; 2 lines not placed\n"),
        "{}",
        checked.stdout
    );
}

/// The table shows an entry's period where it has no day, and groups such entries by it.
#[test]
fn the_table_shows_the_period_where_there_is_no_day() {
    let text =
        std::fs::read_to_string("tests/fixtures/documents/year-quarter.md").expect("fixture");
    Brag::new()
        .log(&text)
        .args(&["list", "--on", "2025"])
        .run()
        .success()
        .stdout(
            "3 entries, from 2025-01-01 to 2025-12-31\n\
             \n\
             2025-Q1\n\
             \x20 2025-Q1     Shipped the new onboarding flow; activation up 12%.\n\
             \x20 2025-Q1     Hired two engineers for the growth team.\n\
             \n\
             2025-Q2\n\
             \x20 2025-Q2     Migrated the analytics pipeline to the new warehouse.\n",
        );
}

/// A table's header and delimiter lines are its structure, not lines left out, wherever
/// the table is.
#[test]
fn a_table_after_entries_is_placed() {
    let text = "# Stories\n\n## Rescued the report\n\n**Situation:** It was slow.\n\
                **Results:** 40 min to 90 s.\n\n## Wins table\n\n| Date | Achievement |\n\
                | --- | --- |\n| 2026-01-15 | Mentored the interns |\n";
    let checked = Brag::new()
        .log(text)
        .config(crate::reading::READER_ONLY)
        .args(&["check"])
        .run();
    checked.success();
    assert!(
        checked
            .stdout
            .ends_with("brag.md: 2 entries, 0 errors, 1 warning\n"),
        "{}",
        checked.stdout
    );
}

/// A paragraph that opens with bold text is an entry only at the top level of a period
/// or a section, where pulldown-cmark reads a paragraph starting at its line: not a
/// lazy continuation line, a setext heading, code, an indented line, the preamble, a
/// label line, or text inside a heading entry. A heading outside any period whose text
/// opens with one is a category, not a story, even when the entries hold STAR labels.
#[test]
fn a_bold_lead_is_an_entry_only_as_a_paragraph_of_its_own() {
    let cases = [
        (
            "## March 2026\n\n**Won X** - a\n\n**Won Y.** b\n",
            vec!["Won X", "Won Y"],
        ),
        (
            "## Projects\n\n**Led the move** - weekly to daily\n",
            vec!["Led the move"],
        ),
        // Bold leads with STAR labels under a category: entries, not one story.
        (
            "## Projects\n\n**Led X** - a\n**Situation:** s\n\n**Won Y.** b\n",
            vec!["Led X", "Won Y"],
        ),
        // A story bank's labels with no bold lead above them: one story.
        (
            "## Rescued the report\n\n**Situation:** slow\n**Results:** 5x faster\n",
            vec!["Rescued the report"],
        ),
        (
            "## March 2026\n\n- Shipped X\n**Bold** continues the item\n",
            vec!["Shipped X"],
        ),
        (
            "## March 2026\n\nSome text\n**Bold** continues it\n",
            vec![],
        ),
        (
            "## March 2026\n\n**Won X** - a setext heading\n---\n",
            vec![],
        ),
        ("## March 2026\n\n```\n**Won X** in code\n```\n", vec![]),
        ("## March 2026\n\n  **Won X** - indented\n", vec![]),
        (
            "## March 2026\n\n> **Won X** - quoted\n\n**Won Y** - b\n",
            vec!["Won Y"],
        ),
        (
            "## March 2026\n\n- **Shipped X** - a loose item\n\n  More text.\n\n**Won Y** - b\n",
            vec!["Shipped X", "Won Y"],
        ),
        ("# Title\n\n**Note** the preamble\n", vec![]),
        ("## March 2026\n\n**Situation:** a label line\n", vec![]),
        ("## March 2026\n\n**Impact** - a label word\n", vec![]),
        (
            "## March 2026\n\n### Entry\n\n**Won X** - in an entry\n",
            vec!["Entry"],
        ),
        (
            "## March 2026\n\n- Shipped X\n\n**Won Y** - after a blank\n",
            vec!["Shipped X", "Won Y"],
        ),
    ];
    for (log, expected) in cases {
        let listed = Brag::new()
            .log(log)
            .args(&["list", "--format", "json"])
            .run();
        listed.success();
        let titles: Vec<String> = listed
            .json()
            .as_array()
            .expect("an array")
            .iter()
            .map(|entry| entry["title"].as_str().expect("a title").to_string())
            .collect();
        assert_eq!(titles, expected, "{log:?}");
    }
}
