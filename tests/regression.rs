//! One test per bug that reached a user or survived a mutation of the code, named after
//! what the user saw. Each drives the binary and checks its output or the log's bytes.

use crate::support::Brag;

/// `brag list ARGS --format ids` over `log`, one id a line.
fn ids(log: &str, args: &[&str]) -> String {
    let ran = Brag::new()
        .log(log)
        .args(&[&["list"], args, &["--format", "ids"]].concat())
        .run();
    ran.success();
    ran.stdout.clone()
}

/// Entries whose `When` or `Tag` line comes after a line of notes, where the cheap
/// scan of an entry's first lines does not see it: that scan must not take the field
/// for absent. The migration is dated only by its `When` line; the cache work has its
/// date up front (so the scan decides the date) and its tag after the notes. The
/// migration's label lines are two, so a scan that miscounts the run skips its notes.
const LATE_LABELS: &str = "# Achievement log\n\n## November 2026\n\n\
    ### Fixed the flaky test\n- **Date**: 2026-11-02\n\n\
    ### Tuned the cache\n- **Date**: 2026-11-04\n- **Results**: hit rate 60% to 92%.\n\n\
    Notes from the retro.\n- **Tag**: perf\n\n\
    ### Led the migration\n- **Situation**: the old queue dropped messages.\n\
    - **Results**: the last service moved off the old queue.\n\n\
    Notes from the retro.\n- **When**: 2026-11-20\n";

#[test]
fn a_when_line_after_notes_dates_its_entry_for_since() {
    assert_eq!(
        ids(LATE_LABELS, &["--since", "2026-11-15"]),
        "2026-11-20-led-the-migration\n"
    );
}

#[test]
fn a_tag_line_after_notes_is_found_by_tag() {
    assert_eq!(
        ids(LATE_LABELS, &["--tag", "perf"]),
        "2026-11-04-tuned-the-cache\n"
    );
    assert_eq!(
        ids(LATE_LABELS, &["--not-tag", "perf"]),
        "2026-11-02-fixed-the-flaky-test\n2026-11-20-led-the-migration\n"
    );
}

#[test]
fn a_shorter_fence_does_not_close_a_longer_one() {
    for (open, inner) in [("~~~~", "~~~"), ("`````", "````"), ("~~~", "```")] {
        let log = format!(
            "# Achievement log\n\n## November 2026\n\n### Wrote the runbook\n\
             - **Date**: 2026-11-03\n\n{open}\n{inner}\n### Not an entry\n{inner}\n{open}\n"
        );
        assert_eq!(
            ids(&log, &[]),
            "2026-11-03-wrote-the-runbook\n",
            "{open} closed by {inner}"
        );
    }
}

/// A log whose only dated months run newest first, with yearless months between them.
fn promo_log(padding: usize) -> String {
    let notes = "A line of notes that makes the log large.\n".repeat(padding);
    format!(
        "# Achievement log\n\n## 🚀 **May 2027** (promo)\n\n### Got promoted\n\
         - **Date**: 2027-05-03\n\n## April\n\n## April\n\n## November 2026\n\n\
         ### Cut p95 latency\n- **Date**: 2026-11-03\n\n{notes}"
    )
}

#[test]
fn a_large_log_gets_an_old_entry_where_a_small_one_does() {
    // Over 1 MiB, brag plans on a window; the window once took this log for oldest
    // first and put a 2016 entry at its top.
    for padding in [0, 30_000] {
        let old = promo_log(padding);
        assert_eq!(old.len() > 1 << 20, padding > 0);
        let ran = Brag::new()
            .log(&old)
            .args(&["add", "Joined the team", "--date", "2016-01-04"])
            .run();
        ran.success();
        // At the end, after the last line that is not blank.
        let at = old.trim_end().len() + 1;
        let block = "\n## January 2016\n\n### Joined the team\n- **Date**: 2016-01-04\n";
        ran.log_is(format!("{}{block}{}", &old[..at], &old[at..]).as_bytes());
    }
}

#[test]
fn a_large_log_refuses_an_entry_where_a_small_one_does() {
    // The 2016 entry belongs after November 2026, inside a code block left open at the
    // end of the log, so it cannot be added there. A window over the first months once
    // put it after May 2027 instead, where it does not belong.
    for padding in [0, 30_000] {
        let old = format!("{}```\n", promo_log(padding));
        let ran = Brag::new()
            .log(&old)
            .args(&["add", "Joined the team", "--date", "2016-01-04"])
            .run();
        ran.failure(1).stdout("").log_is(old.as_bytes());
        assert!(ran.stderr.starts_with("brag: "), "{}", ran.stderr);
    }
}

#[test]
fn a_large_log_puts_a_new_month_in_its_year_heading_as_a_small_one_does() {
    // `## 2026` stands between the 2019 and 2021 months; the last months are read
    // from a window, which once put November 2026 before December, away from the
    // year heading that covers it and that a small log puts it under.
    let log = |padding: usize| {
        format!(
            "# Achievement log\n\n## June 2019\n\n### Led the migration\n- **Date**: 2019-06-12\n\n{}\
             ## 2026\n\n## June 2021\n\n### Cut p95 latency\n- **Date**: 2021-06-14\n\n\
             ## February 2023\n\n### Ran the review\n- **Date**: 2023-02-11\n\n\
             ## December 2026\n\n### Shipped the importer\n- **Date**: 2026-12-03\n",
            "A line of notes that makes the log large.\n".repeat(padding)
        )
    };
    for padding in [0, 30_000] {
        let old = log(padding);
        let ran = Brag::new()
            .log(&old)
            .args(&["add", "Fixed the loop", "--date", "2026-11-01"])
            .run();
        ran.success();
        let block = "### November 2026\n\n#### Fixed the loop\n- **Date**: 2026-11-01\n\n";
        let at = old.find("## June 2021").expect("June 2021");
        ran.log_is(format!("{}{block}{}", &old[..at], &old[at..]).as_bytes());
    }
}
