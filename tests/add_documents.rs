//! `brag add` into the documents people already keep. Each test checks the log's full
//! bytes.

use crate::support::Brag;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/add-documents/{name}")).expect("fixture")
}

/// `brag add ARGS` on `log`; the run, checked to succeed.
fn add(log: &str, args: &[&str]) -> crate::support::Ran {
    let ran = Brag::new().log(log).args(&[&["add"], args].concat()).run();
    ran.success();
    ran
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
fn a_piped_entry_keeps_the_date_in_its_title() {
    let log = "# Log\n\n## March 2026\n";
    let added = "# Log\n\n## March 2026\n\n### Shipped X\n- **Date**: 2026-03-14\n- **Results**: 3 teams\n";
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
