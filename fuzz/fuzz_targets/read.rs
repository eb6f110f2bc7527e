//! Fuzz target: the reader never panics on any text, and its two levels agree.
//!
//! Any UTF-8 input is read whole (`parse::parse`), by the streaming heading scan that
//! `brag add` uses on large logs, and as an entry from stdin (Markdown and JSON).
#![no_main]

use brag::edit::draft;
use brag::period::Calendar;
use brag::read::{outline, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let log = parse::parse(src);
    // Every entry's line is inside the file.
    let lines = src.lines().count().max(1);
    for entry in &log.entries {
        assert!(
            entry.line >= 1 && entry.line <= lines + 1,
            "line {}",
            entry.line
        );
    }
    // Small chunks make lines cross chunk boundaries.
    let _ = outline::scan_headings(data, 64).expect("in memory");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    let calendar = Calendar::new(today);
    let _ = draft::from_markdown("fuzz", src, today, &calendar);
    let _ = draft::from_json("fuzz", src, today, &calendar);
});
