//! `brag add` into the documents people already keep: newest-first by year or by a
//! note, trailing asides and rules, bullet entries, documents with no dated structure,
//! and a date written in a piped entry's title. Each test checks the log's full bytes.

use crate::support::Brag;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/add-documents/{name}")).expect("fixture")
}

fn documents(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/documents/{name}")).expect("fixture")
}

/// `brag add ARGS` on `log`; the run, checked to succeed.
fn add(log: &str, args: &[&str]) -> crate::support::Ran {
    let ran = Brag::new().log(log).args(&[&["add"], args].concat()).run();
    ran.success();
    ran
}

#[test]
fn newest_first_comes_from_year_headings_and_from_a_note() {
    let by_year = fixture("newest-by-year.md");
    add(&by_year, &["Won the award", "--date", "2027-01-10", "-r", "3 teams"]).log_is(
        b"# Wins\n\n## 2027\n\n### January 2027\n\n- **Won the award** (2027-01-10)\n  - **Results**: 3 teams\n\n## 2026\n\n- **Shipped dark mode** (2026-03-02)\n\n## 2025\n\n- **Led the migration** (2025-11-05)\n",
    );
    let by_note = fixture("newest-by-note.md");
    add(&by_note, &["Won the award", "--date", "2026-04-10", "-r", "3 teams"]).log_is(
        b"# Achievement log\n\nEntries are kept in reverse-chronological order.\n\n## April 2026\n\n### Won the award\n- **Date**: 2026-04-10\n- **Results**: 3 teams\n\n## March 2026\n\n### Shipped dark mode\n- **Date**: 2026-03-02\n",
    );
}

/// A year that holds its entries right under it, with no month heading, gets the new
/// entry among them, dated, in the file's order: at the top of `## 2026` here.
#[test]
fn a_year_of_entries_gets_the_entry_among_them() {
    let log = fixture("newest-by-year.md");
    add(
        &log,
        &["Won the award", "--date", "2026-04-01", "-r", "3 teams"],
    )
    .log_is(
        log.replacen(
            "## 2026\n\n",
            "## 2026\n\n- **Won the award** (2026-04-01)\n  - **Results**: 3 teams\n\n",
            1,
        )
        .as_bytes(),
    );
}

#[test]
fn a_new_month_goes_before_a_trailing_aside_and_rule() {
    let log = fixture("trailing-notes.md");
    add(&log, &["Won the award", "--date", "2026-02-10", "-r", "3 teams"]).log_is(
        b"# Wins\n\n## 2026\n\n### January 2026\n\n- Shipped the export button\n\n### February 2026\n\n- Won the award\n  - **Date**: 2026-02-10\n  - **Results**: 3 teams\n\n### Notes\n\nIdeas for next quarter.\n\n---\n",
    );
}

/// The reader files a section at the months' level under the period heading before it
/// (a slip it reports), so a new month before `## Outside of work` would take its
/// entries over: the verifier refuses that plan, and the month goes after the section.
/// An entry of a month that ends with an aside (`### Notes`, holding an entry of its
/// own) goes before the aside, as a direct child of the month, not into it.
#[test]
fn an_entry_goes_before_an_aside_that_ends_its_month() {
    let log = "# Log\n\n## February 2026\n\n### Reviewed the caching design\n- **Date**: 2026-02-03\n\n### Notes\n\n#### Organised the meetup\n";
    let ran = add(
        log,
        &["Won the award", "--date", "2026-02-10", "-r", "3 teams"],
    );
    ran.log_is(
        log.replace(
            "\n### Notes",
            "\n### Won the award\n- **Date**: 2026-02-10\n- **Results**: 3 teams\n\n### Notes",
        )
        .as_bytes(),
    );
    let listed = ran.then().args(&["list", "--format", "json"]).run().json();
    let sections: Vec<(&str, &serde_json::Value)> = listed
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| (entry["title"].as_str().unwrap_or(""), &entry["section"]))
        .collect();
    assert_eq!(
        sections,
        [
            ("Organised the meetup", &serde_json::json!("Notes")),
            ("Reviewed the caching design", &serde_json::Value::Null),
            ("Won the award", &serde_json::Value::Null),
        ]
    );
}

/// In a month whose bullets all sit under day headings and a `## Weekend` section, a
/// new bullet cannot go after them without joining the last section: it goes before
/// the month's first sub-heading, as the month's own entry.
#[test]
fn a_bullet_entry_never_joins_a_day_or_a_section() {
    let log = documents("bullets-by-day.md");
    let ran = add(&log, &["New win", "--date", "2025-03-20", "-r", "3 teams"]);
    ran.log_is(
        log.replacen(
            "# March 2025\n",
            "# March 2025\n\n- New win\n  - **Date**: 2025-03-20\n  - **Results**: 3 teams\n",
            1,
        )
        .as_bytes(),
    );
}

#[test]
fn a_month_that_would_take_over_an_aside_goes_after_it() {
    let log = documents("categories.md");
    add(&log, &["Won the award", "--date", "2026-07-10", "-r", "3 teams"]).log_is(
        format!(
            "{log}\n## July 2026\n\n- Won the award\n  - **Date**: 2026-07-10\n  - **Results**: 3 teams\n"
        )
        .as_bytes(),
    );
}

/// `## Outside of work` right after the last month is filed under that month: a new
/// month goes after it (brag refused the add before), and an entry of that month goes
/// before it.
#[test]
fn a_section_after_the_last_month_stays_with_it() {
    let log = "# Log\n\n## February 2026\n\n- Reviewed the caching design\n\n## Outside of work\n\n- Organised the Rust meetup\n";
    add(log, &["Won the award", "--date", "2026-04-01", "-r", "3 teams"]).log_is(
        format!("{log}\n## April 2026\n\n- Won the award\n  - **Date**: 2026-04-01\n  - **Results**: 3 teams\n").as_bytes(),
    );
    add(
        log,
        &["Won the award", "--date", "2026-02-11", "-r", "3 teams"],
    )
    .log_is(
        log.replace(
            "design\n",
            "design\n- Won the award\n  - **Date**: 2026-02-11\n  - **Results**: 3 teams\n",
        )
        .as_bytes(),
    );
}

#[test]
fn an_entry_goes_before_the_rule_that_ends_the_document() {
    let log = documents("boundaries.md");
    let ran = add(
        &log,
        &["Won the award", "--date", "2026-07-10", "-r", "3 teams"],
    );
    let expected = log.replacen(
        "**Results:**\n\n---\n",
        "**Results:**\n\n### Won the award\n\n- **Date:** 2026-07-10\n- **Results:** 3 teams\n\n---\n",
        1,
    );
    assert_ne!(expected, log);
    ran.log_is(expected.as_bytes());
}

#[test]
fn a_bullet_log_gets_a_bullet_entry_in_its_own_words() {
    let log = fixture("bullet-entries.md");
    add(
        &log,
        &["Won the award", "--date", "2026-02-10", "-s", "no award yet", "-r", "3 teams"],
    )
    .log_is(
        format!("{log}- Won the award\n  - Date: 2026-02-10\n  - Situation: no award yet\n  - Impact: 3 teams\n")
            .as_bytes(),
    );
}

#[test]
fn a_document_with_no_dates_gets_a_dated_section_and_says_so() {
    let log = documents("story-bank.md");
    let ran = add(
        &log,
        &["Won the award", "--date", "2026-07-10", "-r", "3 teams"],
    );
    ran.stdout("added 2026-07-10-won-the-award under July 2026 ([DIR]/brag.md:28)\n");
    ran.stderr("note: the log had no month headings, so brag added the section `## July 2026` at its end for this entry\n");
    ran.log_is(
        format!("{log}\n## July 2026\n\n### Won the award\n\n- **Date:** 2026-07-10\n- **Results:** 3 teams\n")
            .as_bytes(),
    );
}

#[test]
fn a_piped_entry_keeps_the_date_in_its_title() {
    let log = "# Log\n\n## March 2026\n";
    let added =
        "# Log\n\n## March 2026\n\n### Shipped X\n- **Date**: 2026-03-14\n- **Results**: 3 teams\n";
    for entry in [
        "### 2026-03-14 Shipped X\n- **Results**: 3 teams\n",
        "- **Shipped X** (March 14)\n  - **Results**: 3 teams\n",
    ] {
        let ran = Brag::new().log(log).args(&["add", "-"]).stdin(entry).run();
        ran.success();
        ran.log_is(added.as_bytes());
        // `--date` wins over the title's date.
        let ran = Brag::new()
            .log(log)
            .args(&["add", "-", "--date", "2026-03-20"])
            .stdin(entry)
            .run();
        ran.success();
        ran.log_is(added.replace("2026-03-14", "2026-03-20").as_bytes());
    }
}

/// Among numbered items, the new entry is a `- ` bullet (brag does not continue the
/// numbering), bold or plain as the items are, after the last of its month.
#[test]
fn a_numbered_list_gets_a_bullet_entry_after_its_items() {
    let month = "# 2026\n\n## March 2026\n\n";
    let fields = "\n  - **Date**: 2026-03-20\n  - **Results**: 3 teams\n";
    let cases = [
        (
            "1. Designed the ingestion tiers\n2. Sized the cluster\n",
            "- Shipped the importer",
        ),
        // One item: its number is no marker to copy.
        (
            "1. Designed the ingestion tiers\n",
            "- Shipped the importer",
        ),
        (
            "1. **Designed the ingestion tiers**\n2. **Sized the cluster**\n",
            "- **Shipped the importer**",
        ),
    ];
    for (items, new) in cases {
        let log = format!("{month}{items}");
        let args = [
            "Shipped the importer",
            "--date",
            "2026-03-20",
            "-r",
            "3 teams",
        ];
        add(&log, &args).log_is(format!("{log}{new}{fields}").as_bytes());
    }
}
