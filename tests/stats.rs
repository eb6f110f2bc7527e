//! `brag stats`: bar charts (snapshots, colour off), JSON, filters, empty months and an
//! empty log. Today is pinned to 2026-11-23 (a Monday) by `Brag`.

use crate::support::Brag;

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/stats.md").expect("fixture")
}

fn stats(log: &str, args: &[&str]) -> String {
    let ran = Brag::new()
        .log(log)
        .args(&[&["stats"], args].concat())
        .run();
    ran.success().stderr("");
    ran.stdout.clone()
}

#[test]
fn the_last_12_months_with_empty_months() {
    insta::assert_snapshot!("last-12-months", stats(&fixture(), &[]));
}

#[test]
fn filters_choose_the_entries_and_the_months() {
    insta::assert_snapshot!(
        "on-2026-performance",
        stats(&fixture(), &["--on", "2026", "--tag", "performance"])
    );
}

#[test]
fn an_empty_log() {
    insta::assert_snapshot!("empty-log", stats("", &[]));
}

#[test]
fn json_has_the_same_figures() {
    insta::assert_snapshot!(
        "json",
        stats(&fixture(), &["--since", "2026-08", "--format", "json"])
    );
}

#[test]
fn an_empty_log_in_json() {
    let ran = Brag::new()
        .log("")
        .args(&["stats", "--format", "json"])
        .run();
    ran.success();
    let figures = ran.json();
    assert_eq!(figures["entries"], 0);
    assert_eq!(figures["months"].as_array().map(Vec::len), Some(12));
    assert_eq!(figures["last_entry"], serde_json::Value::Null);
    assert_eq!(figures["days_since_last_entry"], serde_json::Value::Null);
    assert_eq!(figures["streak_weeks"], 0);
    assert_eq!(figures["measured_results"]["percent"], 0);
}

#[test]
fn colour_and_unicode_blocks_only_when_asked_or_on_a_terminal() {
    let plain = stats(&fixture(), &[]);
    assert!(
        plain.is_ascii(),
        "no colour and no Unicode blocks in a pipe"
    );
    let coloured = stats(&fixture(), &["--color", "always"]);
    assert!(coloured.contains("\x1b[36m") && coloured.contains('█'));
    let never = stats(&fixture(), &["--color", "never"]);
    assert_eq!(never, plain);
}
