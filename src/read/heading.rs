//! What a heading's text says: a period (year, half, quarter, month, week, day) or not.
//!
//! Matching ignores case, emoji and other symbols, bold and italic markers, brackets,
//! and trailing notes in parentheses, so `## 🚀 **November 2026** (promo cycle)` is
//! the month November 2026.
//!
//! | form | examples |
//! | --- | --- |
//! | year | `2026` |
//! | half | `2026-H1`, `2026H1`, `H1 2026`, `H1` (under a year) |
//! | quarter | `Q3 2026`, `2026Q3`, `2026-Q3`, `Q3 (Jul-Sep)` (under a year) |
//! | month | `November 2026`, `Nov 2026`, `2026-11`, `11/2026`, `November/2026`, `2026 November`, `[November 2026]`, `Apr` (under a year) |
//! | week | `Week of 2026-11-02`, `Week of Nov 2` (under a year or month) |
//! | day | `2026-11-06`, `Friday 2026-11-06`, `Fri, Nov 6, 2026`, `Nov 6` (under a year or month) |

use chrono::NaiveDate;

use crate::model::YearMonth;
use crate::read::dates::{self, ReadDate};

/// A period a heading names. A `None` year is to be taken from an enclosing heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year(i32),
    Half { year: Option<i32>, half: u8 },
    Quarter { year: Option<i32>, quarter: u8 },
    Month { year: Option<i32>, month: u32 },
    Week(NaiveDate),
    Day(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    Period(Period),
    /// Looks like a date (`Nov 31 2026`, `2026-13`) but names no period.
    DateLike,
    /// A week or day heading without a recoverable year (`Week of Nov 2`, `Nov 6`).
    NoYear,
    Other,
}

/// Classifies a heading's text. `year` and `month` are what enclosing headings give.
pub fn classify(text: &str, year: Option<i32>, month: Option<YearMonth>) -> HeadingKind {
    if !may_be_period(text) {
        return HeadingKind::Other;
    }
    let normal = normalize(text);
    let words: Vec<&str> = normal
        .split([' ', '/', ','])
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return HeadingKind::Other;
    }
    if let Some(period) = year_half_quarter(&words) {
        return HeadingKind::Period(period);
    }
    if let Some(period) = month_period(&words) {
        return HeadingKind::Period(period);
    }
    if let ["week", "of", rest @ ..] = words.as_slice() {
        return match dates::read(&rest.join(" "), year, month) {
            ReadDate::Date(date) => HeadingKind::Period(Period::Week(date)),
            ReadDate::NoYear => HeadingKind::NoYear,
            ReadDate::NotADate => HeadingKind::Other,
            ReadDate::Ambiguous | ReadDate::Invalid => HeadingKind::DateLike,
        };
    }
    match dates::read(&normal, year, month) {
        ReadDate::Date(date) => HeadingKind::Period(Period::Day(date)),
        ReadDate::NoYear => HeadingKind::NoYear,
        ReadDate::Ambiguous | ReadDate::Invalid => HeadingKind::DateLike,
        ReadDate::NotADate if looks_like_a_date(&words) => HeadingKind::DateLike,
        ReadDate::NotADate => HeadingKind::Other,
    }
}

/// Whether `text` can be anything but [`HeadingKind::Other`], whatever encloses it: a
/// cheap test, without allocating, that most entry titles fail.
pub fn may_be_period(text: &str) -> bool {
    // The longest period form, `Friday, November 6th, 2026 (notes)`, has five words
    // before its notes; most entry titles have more.
    let before_notes = text.split('(').next().unwrap_or(text);
    starts_like_a_period(text) && before_notes.split_whitespace().nth(6).is_none()
}

/// Whether the first word (past symbols and emphasis) can begin a period or a date:
/// a number, a month or weekday name, `week`, or a `Q3`/`H1`/`FY` label. Most entry
/// titles fail this at once, without allocating.
fn starts_like_a_period(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word_end = start
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(start.len());
    let word = &start[..word_end];
    let bytes = word.as_bytes();
    word.is_empty()
        || word.starts_with(|c: char| c.is_ascii_digit())
        || dates::month_number(word).is_some()
        || dates::is_weekday_name(word)
        || word.eq_ignore_ascii_case("week")
        || bytes
            .get(..2)
            .is_some_and(|two| two.eq_ignore_ascii_case(b"fy"))
        || (bytes.len() == 2 && matches!(bytes[0].to_ascii_lowercase(), b'q' | b'h'))
}

/// Lowercase, without symbols, emphasis, brackets or a trailing `(note)`.
fn normalize(text: &str) -> String {
    let mut text = text.trim();
    // Trailing notes in parentheses: `Q3 (Jul-Sep)`, `November 2026 (promo cycle)`.
    while let Some(open) = text.rfind('(') {
        if !text.ends_with(')') || open == 0 {
            break;
        }
        text = text[..open].trim_end();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | ',' | ':') {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_matches(|c: char| c == ' ' || c == ':' || c == '-')
        .to_string()
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|&year| year >= 1)
}

/// `q3` -> 3 (for `prefix` 'q', at most `max`).
fn numbered(word: &str, prefix: char, max: u8) -> Option<u8> {
    let digit = word.strip_prefix(prefix)?;
    let value: u8 = (digit.len() == 1).then(|| digit.parse().ok()).flatten()?;
    (1..=max).contains(&value).then_some(value)
}

fn year_half_quarter(words: &[&str]) -> Option<Period> {
    let half = |year, word: &str| numbered(word, 'h', 2).map(|half| Period::Half { year, half });
    let quarter =
        |year, word: &str| numbered(word, 'q', 4).map(|quarter| Period::Quarter { year, quarter });
    let either = |year, word: &str| half(year, word).or_else(|| quarter(year, word));
    match words {
        [one] => {
            if let Some(year) = year_number(one) {
                return Some(Period::Year(year));
            }
            // `2026q3`, `2026-h1`
            if one.len() > 4 && one.is_char_boundary(4) {
                if let Some(year) = year_number(&one[..4]) {
                    let rest = one[4..].trim_start_matches('-');
                    return either(Some(year), rest);
                }
            }
            either(None, one)
        }
        [a, b] => match (year_number(a), year_number(b)) {
            (Some(year), None) => either(Some(year), b),
            (None, Some(year)) => either(Some(year), a),
            _ => None,
        },
        _ => None,
    }
}

fn month_period(words: &[&str]) -> Option<Period> {
    let numeric_month = |word: &str| -> Option<u32> {
        (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
            .then(|| word.parse().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    };
    let period = |year, month| Some(Period::Month { year, month });
    match words {
        [one] => {
            if let Some(month) = dates::month_number(one) {
                return period(None, month);
            }
            // `2026-11`
            let (year, month) = one.split_once('-')?;
            period(Some(year_number(year)?), numeric_month(month)?)
        }
        [a, b] => match (year_number(a), year_number(b)) {
            (None, Some(year)) => period(
                Some(year),
                dates::month_number(a).or_else(|| numeric_month(a))?,
            ),
            (Some(year), None) => period(Some(year), dates::month_number(b)?),
            _ => None,
        },
        _ => None,
    }
}

/// Made only of numbers, month or weekday names and date separators, with a number.
fn looks_like_a_date(words: &[&str]) -> bool {
    let has_number = words.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()));
    let dateish = words.iter().all(|word| {
        word.split(['-', '.', ':'])
            .filter(|part| !part.is_empty())
            .all(|part| {
                part.bytes().all(|b| b.is_ascii_digit())
                    || dates::month_number(part).is_some()
                    || dates::is_weekday_name(part)
                    || numbered(part, 'q', 9).is_some()
                    || numbered(part, 'h', 9).is_some()
            })
    });
    has_number && dateish
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeadingKind::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn month(year: Option<i32>, month: u32) -> HeadingKind {
        Period(super::Period::Month { year, month })
    }

    #[test]
    fn period_headings_in_every_listed_form() {
        let nov = YearMonth::new(2026, 11);
        let cases: &[(&str, Option<i32>, Option<YearMonth>, HeadingKind)] = &[
            ("November 2026", None, None, month(Some(2026), 11)),
            ("Nov 2026", None, None, month(Some(2026), 11)),
            ("2026-11", None, None, month(Some(2026), 11)),
            ("11/2026", None, None, month(Some(2026), 11)),
            ("November/2026", None, None, month(Some(2026), 11)),
            ("[November 2026]", None, None, month(Some(2026), 11)),
            ("2026 November", None, None, month(Some(2026), 11)),
            (
                "🚀 **November 2026** (promo cycle)",
                None,
                None,
                month(Some(2026), 11),
            ),
            ("_Nov 2026_ ✨", None, None, month(Some(2026), 11)),
            ("November, 2026", None, None, month(Some(2026), 11)),
            ("Apr", Some(2026), None, month(None, 4)),
            ("April:", None, None, month(None, 4)),
            ("2026", None, None, Period(super::Period::Year(2026))),
            (
                "2026-H1",
                None,
                None,
                Period(super::Period::Half {
                    year: Some(2026),
                    half: 1,
                }),
            ),
            (
                "2026H2",
                None,
                None,
                Period(super::Period::Half {
                    year: Some(2026),
                    half: 2,
                }),
            ),
            (
                "H1 2026",
                None,
                None,
                Period(super::Period::Half {
                    year: Some(2026),
                    half: 1,
                }),
            ),
            (
                "H1",
                None,
                None,
                Period(super::Period::Half {
                    year: None,
                    half: 1,
                }),
            ),
            (
                "Q3 2026",
                None,
                None,
                Period(super::Period::Quarter {
                    year: Some(2026),
                    quarter: 3,
                }),
            ),
            (
                "2026Q3",
                None,
                None,
                Period(super::Period::Quarter {
                    year: Some(2026),
                    quarter: 3,
                }),
            ),
            (
                "2026-Q3",
                None,
                None,
                Period(super::Period::Quarter {
                    year: Some(2026),
                    quarter: 3,
                }),
            ),
            (
                "Q3 (Jul-Sep)",
                None,
                None,
                Period(super::Period::Quarter {
                    year: None,
                    quarter: 3,
                }),
            ),
            (
                "Week of 2026-11-02",
                None,
                None,
                Period(super::Period::Week(day(2026, 11, 2))),
            ),
            (
                "Week of Nov 2",
                Some(2026),
                None,
                Period(super::Period::Week(day(2026, 11, 2))),
            ),
            ("Week of Nov 2", None, None, NoYear),
            (
                "Friday 2026-11-06",
                None,
                None,
                Period(super::Period::Day(day(2026, 11, 6))),
            ),
            (
                "2026-11-06",
                None,
                None,
                Period(super::Period::Day(day(2026, 11, 6))),
            ),
            (
                "Fri, Nov 6, 2026",
                None,
                None,
                Period(super::Period::Day(day(2026, 11, 6))),
            ),
            (
                "Nov 6",
                None,
                nov,
                Period(super::Period::Day(day(2026, 11, 6))),
            ),
            ("Nov 31 2026", None, None, DateLike),
            ("2026-13", None, None, DateLike),
            ("2026-02-30", None, None, DateLike),
            ("Q5 2026", None, None, DateLike),
            ("Achievement log", None, None, Other),
            ("Cut p95 latency by 40%", None, None, Other),
            ("Shipped v2", None, None, Other),
            ("May the 4th be with you", None, None, Other),
            ("Projects", None, None, Other),
            ("", None, None, Other),
            ("()", None, None, Other),
        ];
        for (text, year, month, expected) in cases {
            assert_eq!(
                classify(text, *year, *month),
                *expected,
                "classifying {text:?}"
            );
        }
    }
}
