//! Fuzz target: plan, apply and verify one insertion into any log, whole and windowed.
//!
//! The input is a draft and a log: two bytes of date (2016 to 2030), one byte of flags
//! (which fields, the config's order), a title, a NUL, then the log's text. An insertion
//! that verification accepts must add exactly one entry, by one contiguous insertion;
//! the windowed plan that `brag add` uses on large logs must agree with the whole one.
#![no_main]

use brag::edit::{self, Settings, draft, window};
use brag::read::{outline, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [d0, d1, flags, rest @ ..] = data else {
        return;
    };
    let Ok(rest) = std::str::from_utf8(rest) else {
        return;
    };
    let Some((title, src)) = rest.split_once('\0') else {
        return;
    };
    let days = i64::from(u16::from_le_bytes([*d0, *d1])) % (15 * 366);
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date");
    let date = start + chrono::Duration::days(days);
    let Ok(mut draft) = draft::Draft::new(title, date) else {
        return;
    };
    if flags & 1 != 0 {
        draft.results = draft::text("p95 down 40%");
    }
    if flags & 2 != 0 {
        draft.actions = draft::items(&["Profiled it".to_string(), "Fixed it".to_string()]);
    }
    if flags & 4 != 0 {
        draft.tags = vec!["perf".to_string()];
    }
    let settings = Settings {
        order: match flags >> 6 {
            1 => Some(parse::Order::OldestFirst),
            2 => Some(parse::Order::NewestFirst),
            _ => None,
        },
    };
    let whole = edit::insert(src, &draft, &settings);
    if let Ok(insertion) = &whole {
        let mut new = src.to_string();
        new.insert_str(insertion.offset, &insertion.text);
        let before = parse::parse(src).entries.len();
        assert_eq!(
            parse::parse(&new).entries.len(),
            before + 1,
            "one entry more"
        );
    }
    let Some(headings) = outline::scan_headings(src.as_bytes(), 64).expect("in memory") else {
        return;
    };
    let read = |range: std::ops::Range<usize>| Ok(src.as_bytes()[range].to_vec());
    let windowed = window::insert(&headings, read, &draft, &settings).expect("in memory");
    if let Some(done) = windowed {
        let whole = whole.expect("a window added what the whole file refused");
        assert_eq!(
            (done.insertion.offset, done.insertion.month),
            (whole.offset, whole.month),
            "the window and the whole file put the entry in the same place"
        );
    }
});
