//! Dates as people write them inside a log: `2026-11-03`, `Nov 3, 2026`, `3 November`.
//!
//! This is the lenient reader for text in the Markdown file (headings, `Date` fields).
//! Dates typed on the command line go through `period`, which has its own grammar.

use chrono::NaiveDate;

use crate::model::YearMonth;
use crate::words;

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

/// Month number for a month name or abbreviation in any language of [`words`]
/// (`November`, `Nov.`, `Sept`, `março`, `Mär`), whatever its case.
pub fn month_number(word: &str) -> Option<u32> {
    words::month(word.trim_end_matches('.'))
}

/// Whether `word` (a trailing `.` or `,` ignored) names a weekday in any language of [`words`].
pub fn is_weekday_name(word: &str) -> bool {
    words::weekday(word.trim_end_matches(['.', ','])).is_some()
}

/// Reads one date from `text` (surrounding space and a leading weekday name ignored).
///
/// `year` fills in a date written without one; `month` (the month heading the text sits
/// under) settles `6/1`-style dates when exactly one reading falls in it.
pub fn read(text: &str, year: Option<i32>, month: Option<YearMonth>) -> ReadDate {
    if let Some((year, month, day)) = iso(text) {
        return ymd(year, month, day);
    }
    // `5 de março de 2026`, `the 5th of March 2026`: the little words carry no date.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty() && !is_filler(word))
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

/// A date written in a title or opening a bullet, and the title without it:
/// `[Oct 21, 2025] Spoke at the meetup`, `2026-11-05 Shipped the importer`,
/// `Fixed the loop (2026-11-09)`, `Shipped X - Nov 5`, `14 Abr 2026: Palestra`.
///
/// `year` and `month` are what enclosing headings give, as for [`read`]. A title that is
/// only a date has no title left, and is `None`.
pub fn title_date(
    title: &str,
    year: Option<i32>,
    month: Option<YearMonth>,
) -> Option<(NaiveDate, &str)> {
    let read = |text: &str| match read(text, year, month) {
        ReadDate::Date(date) => Some(date),
        _ => None,
    };
    let title = title.trim();
    // `[Oct 21, 2025] Spoke`, `(2026-11-05) Shipped`
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = title.strip_prefix(open) {
            if let Some(end) = inner.find(close) {
                if let (Some(date), Some(rest)) =
                    (read(&inner[..end]), lead_rest(&inner[end + 1..]))
                {
                    return Some((date, rest));
                }
            }
        }
    }
    // `2026-11-05 Shipped the importer`: an ISO date ends where it ends.
    if let Some(iso_date) = title.get(..10) {
        if let Some(date) = read(iso_date) {
            if let Some(rest) = title
                .get(10..)
                .filter(|rest| rest.starts_with([' ', ':', '\t', '-', '|']))
            {
                return lead_rest(rest).map(|rest| (date, rest));
            }
            if title.len() == 10 {
                return None;
            }
        }
    }
    // `Oct 21, 2025: Spoke`, `14 Abr 2026 - Palestra`: a written date needs a separator.
    for separator in [": ", " - ", " – ", " — ", " | "] {
        if let Some(at) = title.find(separator) {
            if let (Some(date), Some(rest)) = (read(&title[..at]), lead_rest(&title[at..])) {
                return Some((date, rest));
            }
        }
    }
    // `Fixed the loop (2026-11-09)`, `Fixed the loop [Nov 9]`
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = title.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let rest = inner[..at].trim_end();
                if let Some(date) = read(&inner[at + 1..]).filter(|_| !rest.is_empty()) {
                    return Some((date, rest));
                }
            }
        }
    }
    // `Shipped X - Nov 5`, `Shipped X — 2026-11-05`
    for dash in [" - ", " – ", " — "] {
        if let Some(at) = title.rfind(dash) {
            let rest = title[..at].trim_end();
            if let Some(date) = read(&title[at + dash.len()..]).filter(|_| !rest.is_empty()) {
                return Some((date, rest));
            }
        }
    }
    None
}

/// The title after a leading date, past its separator; `None` when nothing is left.
fn lead_rest(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches([':', '：', ' ', '\t', '-', '–', '—', '|']);
    (!rest.is_empty()).then_some(rest)
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

/// A word between the parts of a date that says nothing itself: `de`, `of`, `the`, `le`.
fn is_filler(word: &str) -> bool {
    ["de", "del", "of", "the", "le"]
        .iter()
        .any(|filler| filler.eq_ignore_ascii_case(word))
}

/// A day or year number, with an ordinal suffix or not: `3`, `3rd`, `3.`, `1er`, `1º`.
fn number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']);
    let digits = ["st", "nd", "rd", "th", "er", "º", "ª"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
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
            // Other languages.
            ("14 Abr 2026", None, None, d(2026, 4, 14)),
            ("5 de março de 2026", None, None, d(2026, 3, 5)),
            ("5 de marco de 2026", None, None, d(2026, 3, 5)),
            ("3. März 2026", None, None, d(2026, 3, 3)),
            ("1er août 2026", None, None, d(2026, 8, 1)),
            ("1º de outubro de 2026", None, None, d(2026, 10, 1)),
            ("12 de diciembre del 2026", None, None, d(2026, 12, 12)),
            (
                "sexta-feira, 6 de novembro de 2026",
                None,
                None,
                d(2026, 11, 6),
            ),
            ("Mittwoch, 4. Nov. 2026", None, None, d(2026, 11, 4)),
            ("le 3 déc. 2026", None, None, d(2026, 12, 3)),
            ("the 5th of March 2026", None, None, d(2026, 3, 5)),
            ("5 de março", Some(2026), None, d(2026, 3, 5)),
            ("14 Abr", None, None, ReadDate::NoYear),
            ("de de de", None, None, ReadDate::NotADate),
        ];
        for (text, year, month, expected) in cases {
            assert_eq!(read(text, *year, *month), *expected, "reading {text:?}");
        }
    }

    #[test]
    fn dates_in_titles_and_bullets() {
        let nov = YearMonth::new(2026, 11);
        type Expected = Option<(ReadDate, &'static str)>;
        let cases: &[(&str, Option<i32>, Option<YearMonth>, Expected)] = &[
            (
                "[Oct 21, 2025] Spoke at the meetup",
                None,
                None,
                Some((d(2025, 10, 21), "Spoke at the meetup")),
            ),
            (
                "[2026-11-05]: Shipped",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped")),
            ),
            (
                "(2026-11-05) Shipped",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped")),
            ),
            (
                "2026-11-05 Shipped the importer",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped the importer")),
            ),
            (
                "2026-11-05: Shipped the importer",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped the importer")),
            ),
            (
                "2026-11-05 — Shipped the importer",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped the importer")),
            ),
            (
                "Fixed the loop (2026-11-09)",
                None,
                None,
                Some((d(2026, 11, 9), "Fixed the loop")),
            ),
            (
                "Fixed the loop [Nov 9]",
                Some(2026),
                None,
                Some((d(2026, 11, 9), "Fixed the loop")),
            ),
            (
                "Shipped X - Nov 5",
                None,
                nov,
                Some((d(2026, 11, 5), "Shipped X")),
            ),
            (
                "Shipped X — 2026-11-05",
                None,
                None,
                Some((d(2026, 11, 5), "Shipped X")),
            ),
            (
                "Oct 21, 2025: Spoke at the meetup",
                None,
                None,
                Some((d(2025, 10, 21), "Spoke at the meetup")),
            ),
            (
                "14 Abr 2026 - Palestra no meetup",
                None,
                None,
                Some((d(2026, 4, 14), "Palestra no meetup")),
            ),
            (
                "[5 de março de 2026] Apresentei o projeto",
                None,
                None,
                Some((d(2026, 3, 5), "Apresentei o projeto")),
            ),
            (
                "[3. März 2026] Vortrag gehalten",
                None,
                None,
                Some((d(2026, 3, 3), "Vortrag gehalten")),
            ),
            ("Shipped X - Nov 5", None, None, None),
            ("2026-11-05", None, None, None),
            ("[2026-11-05]", None, None, None),
            ("Cut p95 latency by 40%", None, None, None),
            ("Shipped v2 (finally)", None, None, None),
            ("2026-11-5x Shipped", None, None, None),
            ("Fixed the loop ()", None, None, None),
            ("[", None, None, None),
            ("é2026-11-05 x", None, None, None),
            ("", None, None, None),
        ];
        for (title, year, month, expected) in cases {
            let found =
                title_date(title, *year, *month).map(|(date, rest)| (ReadDate::Date(date), rest));
            assert_eq!(found, *expected, "reading the date of {title:?}");
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
            ("Nov..", Some(11)),
            ("março", Some(3)),
            ("Mär.", Some(3)),
            ("Okt", Some(10)),
            ("déc.", Some(12)),
        ];
        for (word, expected) in cases {
            assert_eq!(month_number(word), expected, "{word}");
        }
    }
}
