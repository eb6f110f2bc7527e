//! The planner as tables: (original log, new entry, expected log), each also planned
//! on a window to show that the window gives the same bytes; and properties over
//! generated logs.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::Entry;
use crate::read::Reader;
use crate::read::outline;
use crate::words::MONTH_NAMES;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// `Shipped it` on `date`, with one result.
fn shipped(date: &str) -> Draft {
    let mut draft = Draft::new("Shipped it", day(date)).expect("draft");
    draft.star.results = Some(Body::Text("2 teams".into()));
    draft
}

/// The log after adding `draft` to `src`, checked to be the same on a window.
fn added_with(src: &str, draft: &Draft, settings: &Settings) -> String {
    let insertion = insert(src, draft, settings).unwrap_or_else(|e| panic!("{e:#}\n{src}"));
    let mut out = src.to_string();
    out.insert_str(insertion.offset, &insertion.text);
    if let Some((window, line, _)) = windowed(src, draft, settings) {
        assert_eq!(
            (window, line),
            (out.clone(), insertion.line),
            "the window planned differently"
        );
    }
    out
}

fn added(src: &str, draft: &Draft) -> String {
    added_with(src, draft, &Settings::default())
}

/// The whole log after a windowed insertion, the line reported and the inserted text,
/// when a window decides.
fn windowed(src: &str, draft: &Draft, settings: &Settings) -> Option<(String, usize, String)> {
    let headings = outline::scan_headings(src.as_bytes(), 97).expect("read")?;
    let read = |range: std::ops::Range<usize>| Ok(src.as_bytes()[range].to_vec());
    let done = window::insert(&headings, read, draft, settings).expect("read")?;
    let mut out = src.to_string();
    out.replace_range(done.range.clone(), &done.new_text);
    let mut check = src.to_string();
    check.insert_str(done.insertion.offset, &done.insertion.text);
    assert_eq!(out, check, "the window's text and its offset disagree");
    Some((out, done.insertion.line, done.insertion.text))
}

const ENTRY: &str = "### Shipped it\n- **Date**: 2026-11-03\n- **Results**: 2 teams\n";

#[test]
fn edge_cases_of_the_file() {
    let cases: &[(&str, &str, String)] = &[
        ("empty file", "", format!("## November 2026\n\n{ENTRY}")),
        (
            "header only",
            "# Achievement log\n",
            format!("# Achievement log\n\n## November 2026\n\n{ENTRY}"),
        ),
        (
            "header without a final newline",
            "# Achievement log",
            format!(
                "# Achievement log\n\n## November 2026\n\n{}",
                ENTRY.trim_end()
            ),
        ),
        (
            "BOM",
            "\u{feff}# Log\n",
            format!("\u{feff}# Log\n\n## November 2026\n\n{ENTRY}"),
        ),
        (
            "BOM only",
            "\u{feff}",
            format!("\u{feff}## November 2026\n\n{ENTRY}"),
        ),
        (
            "front matter",
            "---\ntitle: wins\n---\n",
            format!("---\ntitle: wins\n---\n\n## November 2026\n\n{ENTRY}"),
        ),
        (
            "no final newline",
            "## November 2026\n\n### A\n- **Date**: 2026-11-01",
            format!(
                "## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n{}",
                ENTRY.trim_end()
            ),
        ),
        (
            "trailing blank lines stay at the end",
            "## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n\n",
            format!("## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n{ENTRY}\n\n"),
        ),
        (
            "a tight file stays tight",
            "# Log\n## October 2026\n### A\n- **Date**: 2026-10-01\n",
            format!(
                "# Log\n## October 2026\n### A\n- **Date**: 2026-10-01\n## November 2026\n{ENTRY}"
            ),
        ),
    ];
    for (name, src, expected) in cases {
        assert_eq!(added(src, &shipped("2026-11-03")), *expected, "{name}");
    }
}

#[test]
fn crlf_files_get_crlf() {
    let src = "# Log\r\n\r\n## November 2026\r\n\r\n### A\r\n- **Date**: 2026-11-01\r\n";
    let expected = format!("{src}\r\n{}", ENTRY.replace('\n', "\r\n"));
    assert_eq!(added(src, &shipped("2026-11-03")), expected);
    let new_month = "# Log\r\n\r\n## October 2026\r\n\r\n### A\r\n- **Date**: 2026-10-01";
    let expected = format!(
        "{new_month}\r\n\r\n## November 2026\r\n\r\n{}",
        ENTRY.trim_end().replace('\n', "\r\n")
    );
    assert_eq!(added(new_month, &shipped("2026-11-03")), expected);
}

const OCT: &str = "## October 2026\n\n### A\n- **Date**: 2026-10-01\n";
const DEC: &str = "## December 2026\n\n### C\n- **Date**: 2026-12-01\n";
const NOV: &str = "## November 2026\n\n";

#[test]
fn new_months_go_in_chronological_order() {
    let cases = [
        (
            "after, oldest first",
            format!("# Log\n\n{OCT}"),
            format!("# Log\n\n{OCT}\n{NOV}{ENTRY}"),
        ),
        (
            "before, oldest first",
            format!("# Log\n\n{DEC}"),
            format!("# Log\n\n{NOV}{ENTRY}\n{DEC}"),
        ),
        (
            "between, oldest first",
            format!("# Log\n\n{OCT}\n{DEC}"),
            format!("# Log\n\n{OCT}\n{NOV}{ENTRY}\n{DEC}"),
        ),
        (
            "between, newest first",
            format!("# Log\n\n{DEC}\n{OCT}"),
            format!("# Log\n\n{DEC}\n{NOV}{ENTRY}\n{OCT}"),
        ),
        (
            "before, newest first",
            format!("# Log\n\n{DEC}\n## September 2026\n"),
            format!("# Log\n\n{DEC}\n{NOV}{ENTRY}\n## September 2026\n"),
        ),
    ];
    for (name, src, expected) in cases {
        assert_eq!(added(&src, &shipped("2026-11-03")), expected, "{name}");
    }
}

#[test]
fn config_order_decides_only_when_the_headings_do_not() {
    let newest = Settings {
        order: Some(Order::NewestFirst),
    };
    let src = format!("# Log\n\n{OCT}");
    assert_eq!(
        added_with(&src, &shipped("2026-11-03"), &newest),
        format!("# Log\n\n{NOV}{ENTRY}\n{OCT}")
    );
    let src = format!("# Log\n\n{OCT}\n## September 2026\n");
    assert_eq!(
        added_with(&src, &shipped("2026-11-03"), &Settings::default()),
        format!("# Log\n\n{NOV}{ENTRY}\n{OCT}\n## September 2026\n"),
        "two months newest first outvote the default"
    );
}

#[test]
fn within_a_month_by_date_after_the_same_date() {
    // (log, the log after, why); `{ENTRY}` marks where the entry goes.
    let cases = [
        (
            "## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n### B\n- **Date**: 2026-11-03\n\n### C\n- **Date**: 2026-11-05\n",
            "## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n### B\n- **Date**: 2026-11-03\n\n{ENTRY}\n### C\n- **Date**: 2026-11-05\n",
            "oldest first",
        ),
        (
            "## November 2026\n\n### C\n- **Date**: 2026-11-05\n\n### B\n- **Date**: 2026-11-03\n\n### A\n- **Date**: 2026-11-01\n\n## October 2026\n",
            "## November 2026\n\n### C\n- **Date**: 2026-11-05\n\n### B\n- **Date**: 2026-11-03\n\n{ENTRY}\n### A\n- **Date**: 2026-11-01\n\n## October 2026\n",
            "newest first",
        ),
        (
            "## November 2026\n\nNotes on the month.\n\n### C\n- **Date**: 2026-11-05\n",
            "## November 2026\n\nNotes on the month.\n\n{ENTRY}\n### C\n- **Date**: 2026-11-05\n",
            "before the first",
        ),
    ];
    for (log, expected, why) in cases {
        assert_eq!(
            added(log, &shipped("2026-11-03")),
            expected.replace("{ENTRY}", ENTRY),
            "{why}"
        );
    }
}

#[test]
fn year_and_quarter_containers() {
    let years = "# Log\n\n## 2026\n\n### October\n\n#### A\n- **Date**: 2026-10-01\n";
    let entry = ENTRY.replace("### ", "#### ");
    assert_eq!(
        added(years, &shipped("2026-11-03")),
        format!("{years}\n### November\n\n{entry}"),
        "a month inside its year"
    );
    let mut next_year = shipped("2027-01-04");
    next_year.star.results = None;
    assert_eq!(
        added(years, &next_year),
        format!("{years}\n## 2027\n\n### January\n\n#### Shipped it\n- **Date**: 2027-01-04\n"),
        "a new year shaped like the last"
    );
    let quarters = "## 2026\n### Q3 (Jul-Sep)\n#### Aug\n##### A\n- **Date**: 2026-08-01\n";
    let in_quarter = "## Q4 2026\n\n### October 2026\n\n#### A\n\n## Q1 2027\n";
    let cases = [
        (
            quarters,
            format!(
                "{quarters}### Q4 (Oct-Dec)\n#### Nov\n{}",
                ENTRY.replace("### ", "##### ")
            ),
            "a new quarter inside the year",
        ),
        (
            in_quarter,
            format!(
                "## Q4 2026\n\n### October 2026\n\n#### A\n\n### November 2026\n\n{entry}\n## Q1 2027\n"
            ),
            "into the quarter that covers it",
        ),
    ];
    for (log, expected, why) in cases {
        assert_eq!(added(log, &shipped("2026-11-03")), expected, "{why}");
    }
}

#[test]
fn month_heading_forms_follow_the_neighbour() {
    for (october, november) in [
        ("Oct 2026", "Nov 2026"),
        ("2026-10", "2026-11"),
        ("10/2026", "11/2026"),
        ("October 2026", "November 2026"),
        ("🚀 October 2026", "November 2026"),
    ] {
        let src = format!("## {october}\n\n### A\n");
        assert_eq!(
            added(&src, &shipped("2026-11-03")),
            format!("{src}\n## {november}\n\n{ENTRY}"),
            "{october}"
        );
    }
}

#[test]
fn a_month_that_exists_twice_gets_the_entry_in_the_last() {
    let src = "## November 2026\n\n### A\n- **Date**: 2026-11-01\n\n## December 2026\n\n## November 2026\n\n### B\n- **Date**: 2026-11-02\n";
    assert_eq!(
        added(src, &shipped("2026-11-03")),
        format!("{src}\n{ENTRY}")
    );
}

#[test]
fn bold_led_bullet_entries() {
    let src = "# Wins\n\n## November 2026\n\n- **Shipped dark mode** (2026-11-01): 40% switched.\n- **Cut build time** (2026-11-05)\n\n## December 2026\n";
    assert_eq!(
        added(src, &shipped("2026-11-03")),
        "# Wins\n\n## November 2026\n\n- **Shipped dark mode** (2026-11-01): 40% switched.\n- **Shipped it** (2026-11-03)\n  - **Results**: 2 teams\n- **Cut build time** (2026-11-05)\n\n## December 2026\n"
    );
    let undated = "## November 2026\n\n- **Mentored Ana**\n  - Situation: first review.\n";
    assert_eq!(
        added(undated, &shipped("2026-11-03")),
        format!("{undated}- **Shipped it**\n  - Date: 2026-11-03\n  - Results: 2 teams\n"),
        "plain labels, no date in titles"
    );
}

#[test]
fn label_style_and_words_follow_the_file() {
    let src = "## November 2026\n\n### A\n* **Date:** 2026-11-01\n* **Impact:** 3 teams\n";
    let mut draft = shipped("2026-11-03");
    draft.tags = vec!["search".into(), "perf".into()];
    draft.scope = Some(Scope::Project);
    draft.star.actions = Some(Body::Items(vec![
        "Profiled".into(),
        "Cached\nthe hot path".into(),
    ]));
    assert_eq!(
        added(src, &draft),
        format!(
            "{src}\n### Shipped it\n* **Date:** 2026-11-03\n* **Tags:** search, perf\n* **Scope:** project\n* **Actions:**\n  * Profiled\n  * Cached\n    the hot path\n* **Impact:** 2 teams\n"
        )
    );
}

#[test]
fn markdown_bodies_and_notes_are_kept() {
    let mut draft = shipped("2026-11-03");
    draft.star.situation = Some(Body::Text("Slow.\n\n```sql\nselect 1;\n```".into()));
    draft.star.actions = Some(Body::Text("- one\n  - nested".into()));
    draft.fields = vec![("Links".into(), Body::Text("[pr](https://x)".into()))];
    draft.notes = vec!["A note.\n\nTwo paragraphs.".into()];
    let out = added("## November 2026\n", &draft);
    assert_eq!(
        out,
        "## November 2026\n\n### Shipped it\n- **Date**: 2026-11-03\n- **Situation**:\n  Slow.\n\n  ```sql\n  select 1;\n  ```\n- **Actions**:\n  - one\n    - nested\n- **Results**: 2 teams\n- **Links**: [pr](https://x)\n\nA note.\n\nTwo paragraphs.\n"
    );
}

#[test]
fn titles_that_would_not_read_back_are_refused() {
    for title in ["2026-11-03 Dated", "November 2026", "Trailing #"] {
        let draft = Draft::new(title, day("2026-11-03")).expect("draft");
        let error = insert("## November 2026\n", &draft, &Settings::default())
            .expect_err(title)
            .to_string();
        assert!(error.contains("the new"), "{title}: {error}");
    }
}

#[test]
fn category_and_week_sections_are_left_alone() {
    let src = "## November 2026\n\n### Week of 2026-11-02\n\n#### A\n- **Date**: 2026-11-03\n\n#### B\n- **Date**: 2026-11-04\n\n### Week of 2026-11-09\n\n#### C\n";
    assert_eq!(
        added(src, &shipped("2026-11-03")),
        format!(
            "## November 2026\n\n### Week of 2026-11-02\n\n#### A\n- **Date**: 2026-11-03\n\n#### B\n- **Date**: 2026-11-04\n\n{ENTRY}\n### Week of 2026-11-09\n\n#### C\n"
        )
    );
}

#[test]
fn a_window_decides_for_the_months_at_either_end() {
    let months: String = (1..=6)
        .map(|m| {
            format!(
                "\n## {} 2026\n\n### E{m}\n- **Date**: 2026-{m:02}-02\n",
                MONTH_NAMES[m - 1]
            )
        })
        .collect();
    let src = format!("# Log\n{months}");
    for date in ["2026-06-05", "2026-07-01", "2026-05-09"] {
        assert!(
            windowed(&src, &shipped(date), &Settings::default()).is_some(),
            "{date}"
        );
        added(&src, &shipped(date));
    }
    assert!(
        windowed(&src, &shipped("2026-03-05"), &Settings::default()).is_none(),
        "a month in the middle is for the whole file"
    );
    added(&src, &shipped("2026-03-05"));
    assert!(
        windowed(&src, &shipped("2026-01-05"), &Settings::default()).is_some(),
        "the first months"
    );
    let newest: String = (1..=6)
        .rev()
        .map(|m| {
            format!(
                "\n## {} 2026\n\n### E{m}\n- **Date**: 2026-{m:02}-02\n",
                MONTH_NAMES[m - 1]
            )
        })
        .collect();
    let src = format!("# Log\n{newest}");
    for date in ["2026-06-05", "2026-07-01"] {
        assert!(
            windowed(&src, &shipped(date), &Settings::default()).is_some(),
            "newest first, {date}"
        );
        added(&src, &shipped(date));
    }
}

/// `titles` on `dates`, each with a result: what an import adds to one month.
fn month_of_drafts(dates: &[&str]) -> Vec<Draft> {
    dates
        .iter()
        .enumerate()
        .map(|(number, date)| {
            let mut draft = Draft::new(&format!("Imported {number}"), day(date)).expect("draft");
            draft.star.results = Some(Body::Text(format!("{number} things")));
            draft
        })
        .collect()
}

#[test]
fn a_window_of_one_month_inserts_many_drafts_as_one_add_after_another_would() {
    // (log, shape, dates of the drafts, all in one month the log has)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            include_str!("../../tests/fixtures/canonical.md"),
            "the first of two months, out of order and the same day twice",
            &[
                "2026-10-20",
                "2026-10-02",
                "2026-10-14",
                "2026-10-20",
                "2026-10-31",
            ],
        ),
        (
            include_str!("../../tests/fixtures/canonical.md"),
            "the last month",
            &["2026-11-04", "2026-11-01"],
        ),
        (
            include_str!("../../tests/fixtures/year-containers.md"),
            "a year-less month under a quarter under a year",
            &["2025-08-09", "2025-08-01", "2025-08-30"],
        ),
        (
            include_str!("../../tests/fixtures/newest-first.md"),
            "newest first",
            &["2026-11-03", "2026-11-20", "2026-11-01"],
        ),
        (
            include_str!("../../tests/fixtures/week-day-headings.md"),
            "week and day sub-headings",
            &["2026-11-10", "2026-11-01"],
        ),
        (
            include_str!("../../tests/fixtures/bullet-entries.md"),
            "bullet entries",
            &["2026-11-02", "2026-11-30"],
        ),
    ];
    for (src, shape, dates) in cases {
        let drafts = month_of_drafts(dates);
        let mut one_by_one = src.to_string();
        let mut ids = Vec::new();
        for draft in &drafts {
            let insertion = insert(&one_by_one, draft, &Settings::default())
                .unwrap_or_else(|e| panic!("{shape}: {e:#}"));
            one_by_one.insert_str(insertion.offset, &insertion.text);
            ids.push((insertion.month, insertion.id));
        }
        let headings = outline::scan_headings(src.as_bytes(), 97)
            .expect("read")
            .expect("headings");
        let read = |range: std::ops::Range<usize>| Ok(src.as_bytes()[range].to_vec());
        let refs: Vec<&Draft> = drafts.iter().collect();
        let done = window::insert_month(&headings, read, &refs, &Settings::default())
            .expect("read")
            .unwrap_or_else(|| panic!("{shape}: no window decided"));
        let mut windowed = src.to_string();
        windowed.replace_range(done.range.clone(), &done.new_text);
        assert_eq!(windowed, one_by_one, "{shape}");
        assert_eq!(done.added, ids, "{shape}");
    }
}

#[test]
fn a_month_window_refuses_what_it_cannot_decide() {
    let src = include_str!("../../tests/fixtures/canonical.md");
    let headings = outline::scan_headings(src.as_bytes(), 97)
        .expect("read")
        .expect("headings");
    let read = |range: std::ops::Range<usize>| Ok(src.as_bytes()[range].to_vec());
    let some = |dates: &[&str]| {
        let drafts = month_of_drafts(dates);
        let refs: Vec<&Draft> = drafts.iter().collect();
        window::insert_month(&headings, read, &refs, &Settings::default())
            .expect("read")
            .is_some()
    };
    assert!(some(&["2026-10-20"]));
    assert!(!some(&["2026-09-20"]), "a month the log lacks");
    assert!(!some(&["2026-10-20", "2026-11-20"]), "two months");
    assert!(!some(&[]), "nothing");
}

// ---- the verifier: a crafted plan that each check alone refuses ----

/// October with one entry, November with two; each entry has notes after its fields.
const TWO_MONTHS: &str = "# Log\n\n## October 2026\n\n### Ran the review\n- **Date**: 2026-10-14\n\n\
    Notes on the review.\n\n## November 2026\n\n### Shipped it\n- **Date**: 2026-11-03\n\n\
    Notes on the launch.\n\n### Fixed the loop\n- **Date**: 2026-11-09\n";

/// The plan brag makes to add `draft` to `src`, with its text and place replaced.
fn crafted(src: &str, draft: &Draft, offset: usize, text: &str) -> Plan {
    let skeleton = parse::skeleton(src);
    let order = file_order(&skeleton, "", &Settings::default());
    Plan {
        offset,
        text: text.to_string(),
        ..plan(src, &skeleton, 0, order, draft)
    }
}

/// Why verification refuses `new` (by default `src` with `plan` applied).
fn refusal(src: &str, plan: &Plan, new: Option<String>) -> String {
    let new = new.unwrap_or_else(|| apply(src, plan));
    match verify::verify(src, &parse::skeleton(src), &new, plan) {
        Ok(added) => panic!("accepted {added:?}:\n{new}"),
        Err(error) => error.to_string(),
    }
}

/// The byte just before `line`, which `src` holds once.
fn before(src: &str, line: &str) -> usize {
    assert_eq!(src.matches(line).count(), 1, "{line:?}");
    src.find(line).expect("the line")
}

#[test]
fn the_verifier_accepts_the_plan_brag_makes() {
    let draft = shipped("2026-11-05");
    let skeleton = parse::skeleton(TWO_MONTHS);
    let plan = plan(TWO_MONTHS, &skeleton, 0, Order::OldestFirst, &draft);
    let new = apply(TWO_MONTHS, &plan);
    let added =
        verify::verify(TWO_MONTHS, &parse::skeleton(TWO_MONTHS), &new, &plan).expect("accepted");
    assert_eq!(added.id, "2026-11-05-shipped-it");
}

#[test]
fn the_verifier_refuses_each_kind_of_slip() {
    let entry = "\n### Shipped it\n- **Date**: 2026-11-05\n- **Results**: 2 teams\n";
    let draft = shipped("2026-11-05");
    let end_of_november = before(TWO_MONTHS, "\n### Fixed the loop");
    let cases: Vec<(&str, Plan, Option<String>, String)> = vec![
        (
            "a byte changed outside the insertion",
            crafted(TWO_MONTHS, &draft, end_of_november, entry),
            Some(apply(
                &TWO_MONTHS.replace("Notes on the review", "Notes on the revue"),
                &crafted(TWO_MONTHS, &draft, end_of_november, entry),
            )),
            "the new text is not the old one with one insertion".into(),
        ),
        (
            "text that is no entry",
            crafted(TWO_MONTHS, &draft, end_of_november, "\nA sentence.\n"),
            None,
            "the new text would not read as an entry".into(),
        ),
        (
            "two entries",
            crafted(
                TWO_MONTHS,
                &draft,
                end_of_november,
                &format!("{entry}{entry}"),
            ),
            None,
            "the new text would read as more than one entry".into(),
        ),
        (
            "a fence left open, which hides the next entry",
            crafted(
                TWO_MONTHS,
                &draft,
                end_of_november,
                &format!("{entry}```\n"),
            ),
            None,
            "the insertion would change which entries the log holds".into(),
        ),
        (
            "an entry cut in two in another month",
            crafted(
                TWO_MONTHS,
                &draft,
                before(TWO_MONTHS, "Notes on the review"),
                &entry[1..],
            ),
            None,
            "the insertion would change the entry on line 5".into(),
        ),
        (
            "a month heading that moves the next entry",
            crafted(
                TWO_MONTHS,
                &shipped("2026-12-05"),
                end_of_november,
                "\n## December 2026\n\n### Shipped it\n- **Date**: 2026-12-05\n- **Results**: 2 teams\n",
            ),
            None,
            "the insertion would change the entry on line 17".into(),
        ),
        (
            "an entry cut in two in the month it goes to",
            crafted(
                TWO_MONTHS,
                &draft,
                before(TWO_MONTHS, "Notes on the launch"),
                &entry[1..],
            ),
            None,
            "the insertion would change how the entry on line 12 reads".into(),
        ),
        (
            "a field the person did not give",
            crafted(
                TWO_MONTHS,
                &draft,
                end_of_november,
                &entry.replace("2 teams", "3 teams"),
            ),
            None,
            "the new entry would read back with results \"3 teams\", not \"2 teams\"".into(),
        ),
        (
            "a field that reads with an error",
            {
                // Kept as a field of its own, which the plan expects, but with an error.
                let text = format!("{entry}- **Scope**: galaxy\n");
                let mut plan = crafted(TWO_MONTHS, &draft, end_of_november, &text);
                plan.expected.fields = vec![("Scope".into(), "galaxy".into())];
                plan
            },
            None,
            "the new entry would read with an error: unknown scope \"galaxy\"".into(),
        ),
    ];
    for (what, plan, new, expected) in cases {
        assert_eq!(refusal(TWO_MONTHS, &plan, new), expected, "{what}");
    }
}

// ---- properties over generated logs ----

/// A generated log: months (in either order, some in year containers, or entries right
/// under their year with no month), entries with fields, in one of a few styles, with
/// maybe some trailing matter.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    /// Every month has entries, so every gap in the file is the same kind.
    uniform: bool,
    shape: Shape,
}

/// What may end a generated log after its last period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    Nothing,
    /// `## Notes` with a bullet of its own, at the months' (or years') level.
    Aside,
    /// `---`
    Rule,
    /// A table of links (part of the last entry, for the reader).
    Table,
}

impl Tail {
    fn text(self) -> &'static str {
        match self {
            Tail::Nothing => "",
            Tail::Aside => "\n## Notes\n\n- Organised the meetup\n",
            Tail::Rule => "\n---\n",
            Tail::Table => "\n| Link | Note |\n| --- | --- |\n| a | b |\n",
        }
    }
}

/// How a generated log writes its structure.
#[derive(Debug, Clone, Copy)]
struct Shape {
    newest_first: bool,
    crlf: bool,
    bom: bool,
    final_newline: bool,
    /// Blank lines around headings.
    gap: usize,
    bullets: bool,
    /// Months as `### November` under `## 2026`.
    years: bool,
    /// With `years`: entries right under their year, with no month heading.
    by_year: bool,
    /// With `bullets`: plain bullet titles (`- Title (date)`), not bold ones.
    plain: bool,
    tail: Tail,
    colon_inside: bool,
    star: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    let tail = prop::sample::select(vec![Tail::Nothing, Tail::Aside, Tail::Rule, Tail::Table]);
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        0usize..3,
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), tail),
    )
        .prop_map(
            |(
                (newest_first, crlf, bom, final_newline),
                gap,
                (bullets, years, colon_inside, star),
                (by_year, plain, tail),
            )| Shape {
                newest_first,
                crlf,
                bom,
                final_newline,
                gap,
                bullets,
                years,
                by_year: years && by_year,
                plain: bullets && plain,
                tail,
                colon_inside,
                star,
            },
        )
}

fn generated() -> impl Strategy<Value = Generated> {
    let month = (2024i32..2027, 1u32..13);
    let entry = (0usize..6, 1u32..29, any::<bool>(), any::<bool>());
    (
        prop::collection::vec((month, prop::collection::vec(entry, 0..4)), 0..6),
        shape(),
    )
        .prop_map(|(mut months, shape)| {
            months.sort_by_key(|((y, m), _)| (*y, *m));
            months.dedup_by_key(|((y, m), _)| (*y, *m));
            if shape.newest_first {
                months.reverse();
            }
            let blank = "\n".repeat(shape.gap);
            // Every month with entries, every entry with a labelled field: any window
            // then sees the style the whole file shows.
            let uniform = !shape.years
                && months.iter().all(|(_, entries)| {
                    !entries.is_empty() && entries.iter().all(|&(_, _, _, results)| results)
                });
            let label = |word: &str| {
                if shape.colon_inside {
                    format!("**{word}:**")
                } else {
                    format!("**{word}**:")
                }
            };
            let bullet = if shape.star { '*' } else { '-' };
            let (month_level, entry_level) = match (shape.years, shape.by_year) {
                (true, true) => ("##", "###"),
                (true, false) => ("###", "####"),
                (false, _) => ("##", "###"),
            };
            let mut text = String::from("# Achievement log\n");
            const TITLES: [&str; 6] = [
                "Cut latency by 40%",
                "Led the migration",
                "Mentored Ana",
                "Wrote the RFC",
                "Fixed the flaky test",
                "Ran the review",
            ];
            let mut year_open = None;
            for ((year, month), entries) in months {
                let name = YearMonth::new(year, month).expect("month").month_name();
                if shape.years {
                    if year_open != Some(year) {
                        text.push_str(&format!("{blank}\n## {year}\n{blank}"));
                        year_open = Some(year);
                    }
                    if !shape.by_year {
                        text.push_str(&format!("{blank}\n{month_level} {name}\n{blank}"));
                    }
                } else {
                    text.push_str(&format!("{blank}\n{month_level} {name} {year}\n{blank}"));
                }
                for (title, day, tags, results) in entries {
                    let day = day.min(28);
                    if shape.bullets {
                        let title = if shape.plain {
                            TITLES[title].to_string()
                        } else {
                            format!("**{}**", TITLES[title])
                        };
                        text.push_str(&format!("{bullet} {title} ({year}-{month:02}-{day:02})\n"));
                        if results {
                            text.push_str(&format!("  {bullet} {} 3 teams\n", label("Results")));
                        }
                    } else {
                        text.push_str(&format!(
                            "\n{entry_level} {}\n{bullet} {} {year}-{month:02}-{day:02}\n",
                            TITLES[title],
                            label("Date")
                        ));
                        if tags {
                            text.push_str(&format!("{bullet} {} a, b\n", label("Tags")));
                        }
                        if results {
                            text.push_str(&format!(
                                "{bullet} {}\n  {bullet} 3 teams\n  {bullet} 4 services\n",
                                label("Results")
                            ));
                        }
                    }
                }
            }
            text.push_str(shape.tail.text());
            if !shape.final_newline {
                text.truncate(text.trim_end().len());
            }
            if shape.crlf {
                text = text.replace('\n', "\r\n");
            }
            if shape.bom {
                text.insert(0, '\u{feff}');
            }
            Generated {
                text,
                uniform,
                shape,
            }
        })
}

/// Whether a generated log has a shape.
type ShapeTest = fn(&Shape) -> bool;

/// The generated logs reach each shape of document that `brag add` treats apart in a
/// fair share of cases: plain bullet entries, entries right under years kept newest
/// first, and each kind of trailing matter.
#[test]
fn the_generated_logs_reach_every_shape() {
    use proptest::strategy::ValueTree as _;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = generated();
    let logs: Vec<Generated> = (0..1000)
        .map(|_| strategy.new_tree(&mut runner).expect("a log").current())
        .collect();
    let share = |what: ShapeTest| {
        logs.iter().filter(|log| what(&log.shape)).count() as f64 / logs.len() as f64
    };
    let shapes: [(&str, ShapeTest, f64); 6] = [
        ("plain bullet entries", |s| s.plain, 0.15),
        (
            "entries under years, newest first",
            |s| s.by_year && s.newest_first,
            0.05,
        ),
        ("a trailing aside", |s| s.tail == Tail::Aside, 0.15),
        ("a trailing rule", |s| s.tail == Tail::Rule, 0.15),
        ("a trailing table", |s| s.tail == Tail::Table, 0.15),
        ("nothing trailing", |s| s.tail == Tail::Nothing, 0.15),
    ];
    for (what, test, least) in shapes {
        let found = share(test);
        assert!(found >= least, "{what}: {found:.3} of the logs");
    }
}

fn new_draft() -> impl Strategy<Value = Draft> {
    (
        (2024i32..2028, 1u32..13, 1u32..29),
        prop::collection::vec("[a-z]{1,8}", 0..3),
        prop::option::of("[A-Za-z0-9 ,.%]{1,30}"),
        prop::collection::vec("[A-Za-z0-9 ]{1,20}", 0..3),
        prop::option::of(prop::sample::select(Scope::ALL.to_vec())),
    )
        .prop_map(|((y, m, d), tags, situation, actions, scope)| {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            let mut draft = Draft::new("Zebra unique win", date).expect("draft");
            draft.tags = draft::tags(tags.iter().map(String::as_str)).expect("tags");
            draft.star.situation = situation.as_deref().and_then(draft::text);
            draft.star.actions = draft::items(&actions);
            draft.scope = scope;
            draft
        })
}

/// The one entry titled as the draft, read from `text`.
fn found<'a>(reader: &'a Reader<'a>, title: &str) -> Vec<Entry<'a>> {
    let mut heads = reader.all();
    heads.retain(|head| head.title == title);
    reader.read(&heads).0
}

/// The properties of one add: `new` is `old` with `inserted` put in at one place, the
/// entry reads back once in its month with its fields, and every old id stays.
fn check_add(old: &str, new: &str, inserted: &str, draft: &Draft) -> Result<(), TestCaseError> {
    // Exactly one contiguous block inserted: the old bytes on both sides of it.
    prop_assert_eq!(new.len(), old.len() + inserted.len());
    let common_prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let common_suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    prop_assert!(
        common_prefix + common_suffix >= old.len(),
        "more than one block changed"
    );
    let reader = Reader::new(new);
    let entries = found(&reader, &draft.title);
    prop_assert_eq!(entries.len(), 1, "the entry reads back once");
    let entry = &entries[0];
    prop_assert_eq!(entry.date, Some(draft.date));
    prop_assert_eq!(entry.month, Some(YearMonth::of(draft.date)));
    let tags: Vec<&str> = draft.tags.iter().map(String::as_str).collect();
    prop_assert_eq!(&entry.tags, &tags);
    prop_assert_eq!(entry.scope, draft.scope);
    let text = |body: &Option<Body>| match body {
        Some(Body::Text(text)) => Some(text.clone()),
        Some(Body::Items(items)) if items.len() == 1 => Some(items[0].clone()),
        Some(Body::Items(items)) => Some(
            items
                .iter()
                .map(|i| format!("{} {i}", bullet_of(inserted)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        None => None,
    };
    prop_assert_eq!(
        entry.star.situation.map(|t| t.to_string()),
        text(&draft.star.situation)
    );
    prop_assert_eq!(
        entry.star.actions.map(|t| t.to_string()),
        text(&draft.star.actions)
    );
    // Every old entry is still there, with the same id.
    let ids = |reader: &Reader<'_>| {
        reader
            .all()
            .into_iter()
            .map(|head| reader.id(head))
            .collect::<Vec<_>>()
    };
    let new_id = reader
        .all()
        .into_iter()
        .find(|head| head.title == draft.title)
        .map(|head| reader.id(head));
    let mut after = ids(&reader);
    after.retain(|id| Some(id) != new_id.as_ref());
    prop_assert_eq!(ids(&Reader::new(old)), after);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn an_add_inserts_one_block_that_reads_back_in_its_month(log in generated(), draft in new_draft()) {
        let old = &log.text;
        let settings = Settings::default();
        let insertion = insert(old, &draft, &settings)
            .map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
        let mut new = old.clone();
        new.insert_str(insertion.offset, &insertion.text);
        check_add(old, &new, &insertion.text, &draft)?;
        // A window, where one decides, makes an add with the same properties; in a
        // log of one style throughout, the very same add.
        if let Some((windowed, line, inserted)) = windowed(old, &draft, &settings) {
            check_add(old, &windowed, &inserted, &draft)?;
            if log.uniform {
                prop_assert_eq!((&windowed, line), (&new, insertion.line));
            }
        }
    }
}

/// The bullet an inserted entry uses.
fn bullet_of(inserted: &str) -> char {
    if inserted.contains("* **") { '*' } else { '-' }
}

/// Asserts that a window decides where `Shipped it` on 2026-06-05 goes in `src`, as the
/// whole file does; returns how many bytes of the file the window read.
fn window_agrees(src: &str, what: &str) -> usize {
    let draft = &shipped("2026-06-05");
    let headings = outline::scan_headings(src.as_bytes(), 97)
        .expect("read")
        .expect("headings");
    let mut read_bytes = 0;
    let read = |range: std::ops::Range<usize>| {
        read_bytes += range.len();
        Ok(src.as_bytes()[range].to_vec())
    };
    let done = window::insert(&headings, read, draft, &Settings::default()).expect("read");
    let out = done.map(|done| {
        let mut out = src.to_string();
        out.replace_range(done.range, &done.new_text);
        out
    });
    assert_eq!(
        out.as_deref(),
        Some(added(src, draft).as_str()),
        "{what}: the window decides, as the whole file does"
    );
    read_bytes
}

/// Yearless months (`## April`) take their year from a heading above the window: the
/// window must carry that heading with it, both when it is in the bytes already read and
/// when it is far away at the top of a large file.
#[test]
fn a_window_takes_the_year_of_yearless_months_from_the_heading_above_it() {
    let months: String = (1..=6)
        .map(|m| {
            format!(
                "\n## {}\n\n### E{m}\n- **Results**: {m} teams\n",
                MONTH_NAMES[m - 1]
            )
        })
        .collect();
    let far = format!("\n{}\n", "A long paragraph. ".repeat(70_000));
    for (shape, gap) in [("near", ""), ("far", far.as_str())] {
        let src = format!("# 2026\n{gap}{months}");
        window_agrees(&src, shape);
    }
}

/// A window reaches as far as its months are, even when they hold more than the first
/// read: here the last three months span about 1.5 MB.
#[test]
fn a_window_reaches_months_beyond_the_first_read() {
    let big = "A long paragraph. ".repeat(30_000);
    let months: String = (1..=6)
        .map(|m| {
            format!(
                "\n## {} 2026\n\n### E{m}\n- **Date**: 2026-{m:02}-02\n\n{big}\n",
                MONTH_NAMES[m - 1]
            )
        })
        .collect();
    let src = format!("# Log\n{months}");
    window_agrees(&src, "1.5 MB of months");
}

/// The window reads little of a large file: adding to the newest month of an 8 MB log,
/// oldest or newest first, reads about the first read (1 MiB) at each end, not the file.
#[test]
fn a_window_reads_only_the_ends_of_a_large_file() {
    let filler = "A long paragraph. ".repeat(40_000);
    let month = |year: i32, m: usize, body: &str| {
        format!(
            "\n## {} {year}\n\n### E{m}\n- **Date**: {year}-{m:02}-02\n{body}\n",
            MONTH_NAMES[m - 1]
        )
    };
    // Twelve months of 2025 hold the bulk; the first three and the last six are small.
    let mut months: Vec<String> = (1..=3).map(|m| month(2024, m, "")).collect();
    months.extend((1..=12).map(|m| month(2025, m, &format!("\n{filler}"))));
    months.extend((1..=6).map(|m| month(2026, m, "")));
    let oldest_first = format!("# Log\n{}", months.concat());
    months.reverse();
    let newest_first = format!("# Log\n{}", months.concat());
    // Oldest first, the tail decides; newest first, the tail is tried and then the head.
    let cases = [
        ("oldest first", oldest_first, 1),
        ("newest first", newest_first, 2),
    ];
    for (shape, src, ends) in cases {
        let read = window_agrees(&src, shape);
        assert!(
            read <= ends * ((1 << 20) + (64 << 10)),
            "{shape}: read {read} bytes of {}",
            src.len()
        );
    }
}

/// An insertion that files an old entry under another section (here a new `### Other`
/// heading above October's `Read B`, in `Learning` before) is refused, though the
/// entry's text, month and period stay.
#[test]
fn the_verifier_refuses_moving_an_entry_to_another_section() {
    let src = "## October 2026\n\n### Projects\n\n#### Shipped A\n\n### Learning\n\n#### Read B\n\n## November 2026\n\n### Fixed the loop\n- **Date**: 2026-11-09\n";
    let draft = shipped("2026-11-05");
    let text = "#### Shipped it\n- **Date**: 2026-11-05\n- **Results**: 2 teams\n\n### Other\n\n";
    let plan = crafted(src, &draft, before(src, "#### Read B"), text);
    assert_eq!(
        refusal(src, &plan, None),
        "the insertion would change the entry on line 9"
    );
}

#[test]
fn the_order_comes_from_years_then_from_a_note() {
    let skeleton = parse::skeleton("## 2026\n\n- **A** (2026-03-02)\n\n## 2025\n");
    assert_eq!(
        file_order(&skeleton, "", &Settings::default()),
        Order::NewestFirst
    );
    let none = parse::skeleton("## March 2026\n");
    for (preamble, order) in [
        ("Newest first.", Order::NewestFirst),
        ("Kept in reverse-chronological order", Order::NewestFirst),
        ("Most recent first", Order::NewestFirst),
        ("In chronological order.", Order::OldestFirst),
        ("Wins of the year.", Order::OldestFirst),
    ] {
        assert_eq!(
            file_order(&none, preamble, &Settings::default()),
            order,
            "{preamble}"
        );
    }
    assert_eq!(preamble_end(100, [(0, 1), (40, 2)].into_iter()), 40);
    assert_eq!(preamble_end(100, [(10, 2)].into_iter()), 10);
    assert_eq!(preamble_end(1 << 20, std::iter::empty()), PREAMBLE_MAX);
}

/// A note in the preamble decides the order where the month headings do not (here as
/// many pairs each way): the window reads the note from the file's start and plans as
/// the whole file does, June at the top.
#[test]
fn a_window_reads_the_order_from_the_preamble() {
    let month = |m: usize| {
        format!(
            "\n## {} 2026\n\n### E{m}\n- **Date**: 2026-{m:02}-02\n",
            MONTH_NAMES[m - 1]
        )
    };
    let months: String = [1, 3, 2, 5, 4].into_iter().map(month).collect();
    let src = format!("# Log\n\nNewest first.\n{months}");
    window_agrees(&src, "a note and months that do not say");
    assert!(
        added(&src, &shipped("2026-06-05")).starts_with("# Log\n\nNewest first.\n\n## June 2026\n")
    );
}

/// Among bold-led bullets, a new entry just before a plain bullet entry opens plain:
/// a bold one would take the plain one in as its notes (and be refused).
#[test]
fn a_bullet_before_a_plain_one_opens_plain() {
    let src = "## November 2027\n\n- **X** (2027-11-01)\n\n## October 2027\n\n- Plain C (2027-10-22)\n- **Bold A** (2027-10-05)\n- **Bold B** (2027-10-03)\n";
    assert_eq!(
        added(src, &shipped("2027-10-23")),
        src.replace(
            "- Plain C",
            "- Shipped it (2027-10-23)\n  - **Results**: 2 teams\n\n- Plain C"
        )
    );
}
