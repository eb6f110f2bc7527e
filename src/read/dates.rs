//! Dates as people write them inside a log: `2026-11-03`, `Nov 3, 2026`, `3 November`.
//!
//! This is the lenient reader for text in the Markdown file (headings, `Date` fields).
//! Dates typed on the command line go through `period`, which has its own grammar.

use chrono::NaiveDate;

use crate::model::{MONTH_NAMES, YearMonth};

/// What a piece of text says as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadDate {
    Date(NaiveDate),
    /// `6/1`: day/month or month/day, and the context could not decide.
    Ambiguous,
    /// It has the shape of a date but names no real day (`2026-02-30`).
    Invalid,
    /// A date without a year, where nothing gives the year.
    NoYear,
    NotADate,
}

/// Month number for an English month name or its three-letter (or `Sept`) abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| {
            let prefix_ok =
                name.len() >= word.len() && name[..word.len()].eq_ignore_ascii_case(word);
            prefix_ok
                && (word.len() == 3
                    || word.len() == name.len()
                    || word.eq_ignore_ascii_case("sept"))
        })
        .map(|index| index as u32 + 1)
}

pub fn is_weekday_name(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.trim_end_matches(['.', ',']);
    word.len() >= 3
        && DAYS
            .iter()
            .any(|day| day.len() >= word.len() && day[..word.len()].eq_ignore_ascii_case(word))
}

/// Reads one date from `text` (surrounding space and a leading weekday name ignored).
///
/// `year` fills in a date written without one; `month` (the month heading the text sits
/// under) settles `6/1`-style dates when exactly one reading falls in it.
pub fn read(text: &str, year: Option<i32>, month: Option<YearMonth>) -> ReadDate {
    if let Some((year, month, day)) = iso(text) {
        return ymd(year, month, day);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((first, rest)) if is_weekday_name(first) && !rest.is_empty() => rest,
        _ => &words[..],
    };
    match words {
        [one] => read_numeric(one, year.or(month.map(|m| m.year)), month),
        [a, b] => read_words(a, b, None, year.or(month.map(|m| m.year))),
        [a, b, c] => read_words(a, b, Some(c), year),
        _ => ReadDate::NotADate,
    }
}

/// The canonical `2026-11-03` exactly, read without splitting it into words (as the
/// general path would read it: a day that does not exist is [`ReadDate::Invalid`]).
fn iso(text: &str) -> Option<(i32, u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0, |value: u32, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    Some((digits(0, 4)? as i32, digits(5, 7)?, digits(8, 10)?))
}

fn number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']);
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn ymd(year: i32, month: u32, day: u32) -> ReadDate {
    NaiveDate::from_ymd_opt(year, month, day).map_or(ReadDate::Invalid, ReadDate::Date)
}

/// `Nov 3 2026`, `3 Nov 2026`, `2026 Nov 3`, `November 3` (year from context).
fn read_words(a: &str, b: &str, c: Option<&&str>, year: Option<i32>) -> ReadDate {
    let (month, day, explicit_year) = match (month_number(a), month_number(b)) {
        (Some(month), None) => match c {
            Some(c) => (month, number(b), number(c)),
            None => (month, number(b), None),
        },
        (None, Some(month)) => match c {
            // `2026 Nov 3`
            Some(c) if a.len() == 4 => (month, number(c), number(a)),
            Some(c) => (month, number(a), number(c)),
            None => (month, number(a), None),
        },
        _ => return ReadDate::NotADate,
    };
    let Some(day) = day.filter(|&d| d <= 99) else {
        return ReadDate::NotADate;
    };
    if c.is_some() && explicit_year.is_none() {
        return ReadDate::NotADate;
    }
    match explicit_year.map(|y| y as i32).or(year) {
        Some(year) => ymd(year, month, day),
        None => ReadDate::NoYear,
    }
}

/// `2026-11-03`, `2026/11/03`, `03/11/2026`, `11/3` (needs context), `20261103` is not.
fn read_numeric(word: &str, year: Option<i32>, month: Option<YearMonth>) -> ReadDate {
    let word = word.trim_end_matches(['.', ',']);
    let separator = if word.contains('-') {
        '-'
    } else if word.contains('/') {
        '/'
    } else if word.contains('.') {
        '.'
    } else {
        return ReadDate::NotADate;
    };
    let parts: Vec<&str> = word.split(separator).collect();
    if parts
        .iter()
        .any(|part| part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()))
    {
        return ReadDate::NotADate;
    }
    let values: Vec<u32> = parts.iter().filter_map(|part| part.parse().ok()).collect();
    match (parts.as_slice(), values.as_slice()) {
        ([y, _, _], &[year, month, day]) if y.len() == 4 => ymd(year as i32, month, day),
        ([_, _, y], &[first, second, year]) if y.len() == 4 => {
            settle(year as i32, first, second, month)
        }
        ([a, b], &[first, second]) if a.len() <= 2 && b.len() <= 2 => match year {
            Some(year) => settle(year, first, second, month),
            None => ReadDate::NoYear,
        },
        _ => ReadDate::NotADate,
    }
}

/// `first/second` is month/day or day/month: take the one reading that is a real date,
/// or, when both are, the one in the month the text is filed under.
fn settle(year: i32, first: u32, second: u32, month: Option<YearMonth>) -> ReadDate {
    let month_day = NaiveDate::from_ymd_opt(year, first, second);
    let day_month = NaiveDate::from_ymd_opt(year, second, first);
    match (month_day, day_month) {
        (Some(a), Some(b)) if a == b => ReadDate::Date(a),
        (Some(a), Some(b)) => {
            let in_month = |d: NaiveDate| month == Some(YearMonth::of(d));
            match (in_month(a), in_month(b)) {
                (true, false) => ReadDate::Date(a),
                (false, true) => ReadDate::Date(b),
                _ => ReadDate::Ambiguous,
            }
        }
        (Some(date), None) | (None, Some(date)) => ReadDate::Date(date),
        (None, None) => ReadDate::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> ReadDate {
        ReadDate::Date(NaiveDate::from_ymd_opt(y, m, day).expect("valid test date"))
    }

    #[test]
    fn reads_dates_as_people_write_them() {
        let nov = YearMonth::new(2026, 11);
        let jun = YearMonth::new(2026, 6);
        let cases: &[(&str, Option<i32>, Option<YearMonth>, ReadDate)] = &[
            ("2026-11-03", None, None, d(2026, 11, 3)),
            (" 2026/11/03 ", None, None, d(2026, 11, 3)),
            ("Friday 2026-11-06", None, None, d(2026, 11, 6)),
            ("Fri, 2026-11-06", None, None, d(2026, 11, 6)),
            ("Nov 3, 2026", None, None, d(2026, 11, 3)),
            ("November 3rd 2026", None, None, d(2026, 11, 3)),
            ("3 November 2026", None, None, d(2026, 11, 3)),
            ("2026 Nov 3", None, None, d(2026, 11, 3)),
            ("Nov 3", Some(2026), None, d(2026, 11, 3)),
            ("Nov 3", None, nov, d(2026, 11, 3)),
            ("Nov 3", None, None, ReadDate::NoYear),
            ("2026-02-30", None, None, ReadDate::Invalid),
            ("Feb 29, 2024", None, None, d(2024, 2, 29)),
            ("Feb 29, 2025", None, None, ReadDate::Invalid),
            ("25/12/2026", None, None, d(2026, 12, 25)),
            ("12/25/2026", None, None, d(2026, 12, 25)),
            ("6/1", Some(2026), None, ReadDate::Ambiguous),
            ("6/1", None, jun, d(2026, 6, 1)),
            ("1/6", None, jun, d(2026, 6, 1)),
            ("6/6", Some(2026), None, d(2026, 6, 6)),
            ("6/1", None, None, ReadDate::NoYear),
            ("13/13/2026", None, None, ReadDate::Invalid),
            ("yesterday", None, None, ReadDate::NotADate),
            ("p95 900 ms", None, None, ReadDate::NotADate),
            ("", None, None, ReadDate::NotADate),
            ("2026-1-1-1", None, None, ReadDate::NotADate),
            ("99999-01-01", None, None, ReadDate::NotADate),
        ];
        for (text, year, month, expected) in cases {
            assert_eq!(read(text, *year, *month), *expected, "reading {text:?}");
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        let cases = [
            ("November", Some(11)),
            ("nov", Some(11)),
            ("Nov.", Some(11)),
            ("Sept", Some(9)),
            ("sep", Some(9)),
            ("Novem", None),
            ("No", None),
            ("May", Some(5)),
            ("Mayday", None),
        ];
        for (word, expected) in cases {
            assert_eq!(month_number(word), expected, "{word}");
        }
    }
}
