//! `brag remind`: silent with exit 0 while the last entry is recent, one line on stdout
//! and exit 1 from the threshold on. `BRAG_TODAY` moves today across it.

use crate::support::Brag;

/// The last entry is on 2026-11-16; a later one is dated in the future.
const LOG: &str = "\
## November 2026

### Cut p95 search latency by 40%
- **Date**: 2026-11-16

### Planned the offsite
- **Date**: 2026-12-04
";

fn remind(today: &str, config: &str, args: &[&str]) -> (i32, String, String) {
    let ran = Brag::new()
        .log(LOG)
        .config(config)
        .env("BRAG_TODAY", today)
        .args(&[&["remind"], args].concat())
        .run();
    (ran.code, ran.stdout.clone(), ran.stderr.clone())
}

fn silent() -> (i32, String, String) {
    (0, String::new(), String::new())
}

fn nudge(days: u32) -> (i32, String, String) {
    let unit = if days == 1 { "day" } else { "days" };
    (
        1,
        format!("No entry for {days} {unit}. What went well this week? brag add\n"),
        String::new(),
    )
}

#[test]
fn seven_days_by_default() {
    assert_eq!(remind("2026-11-16", "", &[]), silent());
    assert_eq!(remind("2026-11-22", "", &[]), silent());
    assert_eq!(remind("2026-11-23", "", &[]), nudge(7), "at the threshold");
    assert_eq!(remind("2026-11-30", "", &[]), nudge(14));
}

#[test]
fn days_flag_sets_the_threshold() {
    assert_eq!(remind("2026-11-17", "", &["--days", "2"]), silent());
    assert_eq!(remind("2026-11-18", "", &["--days", "2"]), nudge(2));
    assert_eq!(remind("2026-11-17", "", &["--days", "1"]), nudge(1));
    assert_eq!(remind("2026-11-29", "", &["--days", "14"]), silent());
}

#[test]
fn the_config_sets_the_default_and_the_flag_wins() {
    let config = "remind_after_days: 10\n";
    assert_eq!(remind("2026-11-25", config, &[]), silent());
    assert_eq!(remind("2026-11-26", config, &[]), nudge(10));
    assert_eq!(remind("2026-11-25", config, &["--days", "9"]), nudge(9));
}

#[test]
fn a_log_without_entries_always_reminds() {
    let ran = Brag::new()
        .log("# Achievement log\n")
        .args(&["remind"])
        .run();
    ran.failure(1)
        .stdout("No entries yet. What went well this week? brag add\n")
        .stderr("");
}

#[test]
fn no_log_is_an_error_on_stderr() {
    let ran = Brag::new().args(&["remind"]).run();
    ran.failure(1).stdout("").stderr_contains("brag: no log at");
}

#[test]
fn remind_never_writes_the_log() {
    let ran = Brag::new().log(LOG).args(&["remind"]).run();
    ran.failure(1).log_is(LOG.as_bytes());
}
