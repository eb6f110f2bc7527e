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
//!
//! Month and weekday names come from [`crate::words`], in English, Portuguese, Spanish,
//! French and German.
//!
//! [`period`] reads more than [`classify`] does (the grammar the reader is moving to), and
//! gives each period its closed range of days and its label:
//!
//! | form | examples | label |
//! | --- | --- | --- |
//! | year | `2025`, `2025 - highlights` | `2025` |
//! | half | `2026-H1`, `H1 2026`, `2026-H1 (Jan - Jun 2026)`, `1º semestre 2026` | `2026-H1` |
//! | quarter | `Q3 2025`, `2025-Q3`, `Q3 (Jul-Sep) - projected` (under a year), `2. Quartal 2025` | `2025-Q3` |
//! | month | `November 2025`, `novembro de 2025`, `Nov. 2025`, `December 2025 - review`, `May 2027 (promo)` | `2025-11` |
//! | months | `August to September 2024`, `Aug-Sep 2024`, `agosto a setembro de 2024`, `Dec 2024 - Jan 2025` | `2024-08..2024-09` |
//! | week | `2026-W14`, `W14 2026`, `Week of 2026-10-05`, `Semana de 14 Abr 2026`, `W1 (Mar 31 to Apr 6)` (under a year) | `2026-W14`, or the days of a week that does not start on a Monday |
//! | days | `Mar 31 to Apr 2` (under a year) | `2025-03-31..2025-04-02` |
//! | day | `Monday 2025-03-03`, `2025-03-03`, `3 March 2025`, `14 Abr 2026` | `2025-03-03` |
//!
//! A suffix after a spaced dash (`- review`) or in parentheses (`(promo)`) is a note,
//! except after a day: `2026-11-05 - Shipped the importer` is a dated title, not a day.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::model::YearMonth;
use crate::period::DateRange;
use crate::read::dates::{self, ReadDate};
use crate::words::{self, Unit, Word};

/// A period a heading names. A `None` year is to be taken from an enclosing heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedPeriod {
    Year(i32),
    Half { year: Option<i32>, half: u8 },
    Quarter { year: Option<i32>, quarter: u8 },
    Month { year: Option<i32>, month: u32 },
    Week(NaiveDate),
    Day(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    Period(NamedPeriod),
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
            ReadDate::Date(date) => HeadingKind::Period(NamedPeriod::Week(date)),
            ReadDate::NoYear => HeadingKind::NoYear,
            ReadDate::NotADate => HeadingKind::Other,
            ReadDate::Ambiguous | ReadDate::Invalid => HeadingKind::DateLike,
        };
    }
    match dates::read(&normal, year, month) {
        ReadDate::Date(date) => HeadingKind::Period(NamedPeriod::Day(date)),
        ReadDate::NoYear => HeadingKind::NoYear,
        ReadDate::Ambiguous | ReadDate::Invalid => HeadingKind::DateLike,
        ReadDate::NotADate if looks_like_a_date(&words) => HeadingKind::DateLike,
        ReadDate::NotADate => HeadingKind::Other,
    }
}

/// Whether `text` can be anything but [`HeadingKind::Other`], whatever encloses it: a
/// cheap test, without allocating, that most entry titles fail.
pub fn may_be_period(text: &str) -> bool {
    starts_like_a_period(text) && short_enough(text)
}

/// The longest period form, `Friday, November 6th, 2026 (notes)`, has five words
/// before its notes; most entry titles have more.
fn short_enough(text: &str) -> bool {
    let before_notes = text.split('(').next().unwrap_or(text);
    before_notes.split_whitespace().nth(6).is_none()
}

/// Whether the reader may take `text` for a period heading in any way: read by
/// [`classify`] or [`period`], or a short heading with a number that a misspelt word
/// keeps from reading (`Spetember 2026`, see [`may_be_misspelt`]).
pub fn may_open_period(text: &str) -> bool {
    let (may_be, may_name) = period_gates(text);
    may_be || may_name || may_be_misspelt(text)
}

/// Whether `text` is short and holds a number, as a period heading does: only such
/// headings are tried for a misspelt calendar word; entry titles are not.
pub fn may_be_misspelt(text: &str) -> bool {
    // The byte test first: most entry titles hold no digit, and words cost more to count.
    text.bytes().any(|b| b.is_ascii_digit()) && text.split_whitespace().nth(3).is_none()
}

/// [`may_be_period`] and [`may_name_period`] together, with one look at the calendar
/// words: what the reader asks of every heading.
pub fn period_gates(text: &str) -> (bool, bool) {
    let (like_period, like_unit) = opening(text);
    (like_period && short_enough(text), like_period || like_unit)
}

/// Whether the first word (past symbols and emphasis) can begin a period or a date:
/// a number, a month or weekday name, `week`, or a `Q3`/`H1`/`FY` label. Most entry
/// titles fail this at once, without allocating.
fn starts_like_a_period(text: &str) -> bool {
    opening(text).0
}

/// Whether `text` can name a period for [`period`]: it starts like a period, a week or
/// a unit (see [`opening`]).
pub fn may_name_period(text: &str) -> bool {
    let (like_period, like_unit) = opening(text);
    like_period || like_unit
}

/// What the first word of `text` (past symbols and emphasis) can begin, with one look
/// at the calendar words: a period or a date (see [`starts_like_a_period`]), and a week
/// or unit that only [`period`] reads (`semana`, `trimestre`, `W14`).
fn opening(text: &str) -> (bool, bool) {
    let start = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word_end = start
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(start.len());
    let word = &start[..word_end];
    let bytes = word.as_bytes();
    let marked = word.is_empty()
        || word.starts_with(|c: char| c.is_ascii_digit())
        || word.eq_ignore_ascii_case("week")
        || bytes
            .get(..2)
            .is_some_and(|two| two.eq_ignore_ascii_case(b"fy"))
        || (bytes.len() == 2 && matches!(bytes[0].to_ascii_lowercase(), b'q' | b'h'));
    let numbered_week = week_number(word).is_some();
    // One lookup for month, weekday and unit names; none where the word decided.
    let found = (!marked && !numbered_week)
        .then(|| words::lookup(word))
        .flatten();
    (
        marked || matches!(found, Some(Word::Month(_) | Word::Weekday(_))),
        numbered_week || matches!(found, Some(Word::Unit(_))),
    )
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

fn year_half_quarter(words: &[&str]) -> Option<NamedPeriod> {
    let half =
        |year, word: &str| numbered(word, 'h', 2).map(|half| NamedPeriod::Half { year, half });
    let quarter = |year, word: &str| {
        numbered(word, 'q', 4).map(|quarter| NamedPeriod::Quarter { year, quarter })
    };
    let either = |year, word: &str| half(year, word).or_else(|| quarter(year, word));
    match words {
        [one] => {
            if let Some(year) = year_number(one) {
                return Some(NamedPeriod::Year(year));
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

fn month_period(words: &[&str]) -> Option<NamedPeriod> {
    let numeric_month = |word: &str| -> Option<u32> {
        (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
            .then(|| word.parse().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    };
    let period = |year, month| Some(NamedPeriod::Month { year, month });
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

/// What encloses a heading: the year and month its parent headings give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Enclosing {
    pub year: Option<i32>,
    pub month: Option<YearMonth>,
}

/// How finely a period heading names its days, from the coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Half,
    Quarter,
    /// A range of whole months: `August to September 2024`.
    Months,
    Month,
    /// A Monday-to-Sunday week.
    Week,
    /// A range of days that is no Monday-to-Sunday week: `Mar 31 to Apr 2`.
    Days,
    Day,
}

/// A period a heading names, resolved to days: its label is [`PeriodHeading`]'s `Display`
/// (`2025`, `2025-H1`, `2025-Q3`, `2025-11`, `2024-08..2024-09`, `2025-W14`,
/// `2025-03-31..2025-04-02`, `2025-11-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodHeading {
    pub precision: Precision,
    /// First and last day, both inclusive; never open.
    pub range: DateRange,
}

impl PeriodHeading {
    /// The label, as the `period` key of the schema will show it.
    pub fn label(&self) -> String {
        self.to_string()
    }

    /// The one day `date`.
    pub fn day(date: NaiveDate) -> Self {
        PeriodHeading {
            precision: Precision::Day,
            range: DateRange::single_day(date),
        }
    }

    fn year(year: i32) -> Option<Self> {
        Self::months(Precision::Year, year, 1, 12)
    }

    /// `count` whole months from `month` of `year`.
    fn months(precision: Precision, year: i32, month: u32, count: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = start.checked_add_months(Months::new(count))?.pred_opt()?;
        Some(PeriodHeading {
            precision,
            range: DateRange { start, end },
        })
    }

    /// The months from `first` to `last`, both whole; one month is a [`Precision::Month`].
    fn month_range(first: YearMonth, last: YearMonth) -> Option<Self> {
        let count = (last.year - first.year) * 12 + last.month as i32 - first.month as i32 + 1;
        match count {
            1 => Self::months(Precision::Month, first.year, first.month, 1),
            2.. => Self::months(Precision::Months, first.year, first.month, count as u32),
            _ => None,
        }
    }

    /// The days from `start` to `end`: a day, a Monday-to-Sunday week, or a range.
    fn days(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        let precision = if start == end {
            Precision::Day
        } else if start.weekday() == Weekday::Mon
            && start.checked_add_days(Days::new(6)) == Some(end)
        {
            Precision::Week
        } else if start < end {
            Precision::Days
        } else {
            return None;
        };
        Some(PeriodHeading {
            precision,
            range: DateRange { start, end },
        })
    }

    /// The week starting on `first` (`Week of 2026-11-02`).
    fn week_from(first: NaiveDate) -> Option<Self> {
        Self::days(first, first.checked_add_days(Days::new(6))?)
    }
}

impl fmt::Display for PeriodHeading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DateRange { start, end } = self.range;
        match self.precision {
            Precision::Year => write!(f, "{}", start.year()),
            Precision::Half => write!(f, "{}-H{}", start.year(), start.month0() / 6 + 1),
            Precision::Quarter => write!(f, "{}-Q{}", start.year(), start.month0() / 3 + 1),
            Precision::Month => write!(f, "{}", start.format("%Y-%m")),
            Precision::Months => write!(f, "{}..{}", start.format("%Y-%m"), end.format("%Y-%m")),
            Precision::Week => {
                let week = start.iso_week();
                write!(f, "{}-W{:02}", week.year(), week.week())
            }
            Precision::Days => write!(f, "{start}..{end}"),
            Precision::Day => write!(f, "{start}"),
        }
    }
}

impl NamedPeriod {
    /// The days this period covers, with `year` (from an enclosing heading) for a half,
    /// quarter or month written without one; `None` when nothing gives the year.
    pub fn resolve(self, year: Option<i32>) -> Option<PeriodHeading> {
        match self {
            NamedPeriod::Year(year) => PeriodHeading::year(year),
            // A half or quarter out of range (0, 5) gives no first month, so no period.
            NamedPeriod::Half { year: own, half } => PeriodHeading::months(
                Precision::Half,
                own.or(year)?,
                u32::from(half).checked_sub(1)? * 6 + 1,
                6,
            ),
            NamedPeriod::Quarter { year: own, quarter } => PeriodHeading::months(
                Precision::Quarter,
                own.or(year)?,
                u32::from(quarter).checked_sub(1)? * 3 + 1,
                3,
            ),
            NamedPeriod::Month { year: own, month } => {
                PeriodHeading::months(Precision::Month, own.or(year)?, month, 1)
            }
            NamedPeriod::Week(first) => PeriodHeading::week_from(first),
            NamedPeriod::Day(day) => PeriodHeading::days(day, day),
        }
    }
}

/// The period a heading's text names, at any precision, resolved against what encloses it
/// (see the module doc for the forms). `None` when the text names no period, or names one
/// without a year that nothing encloses.
pub fn period(text: &str, enclosing: Enclosing) -> Option<PeriodHeading> {
    if !may_name_period(text) {
        return None;
    }
    // A note in parentheses: ignored, except that it gives a numbered week its days.
    let (main, note) = match text.find('(') {
        Some(open) => {
            let inside = &text[open + 1..];
            let note = inside.find(')').map(|close| &inside[..close]);
            (&text[..open], note)
        }
        None => (text, None),
    };
    if let Some(found) = period_of(main, note, enclosing) {
        return Some(found);
    }
    // `December 2025 - review`: what a spaced dash follows is a note, longest first.
    let mut rest = main;
    while let Some((at, _)) = last_spaced_dash(rest) {
        rest = &rest[..at];
        if let Some(found) = period_of(rest, note, enclosing) {
            // A day followed by words is a dated title, not a day heading.
            return (found.precision != Precision::Day).then_some(found);
        }
    }
    None
}

/// A period written as its label (`2025-Q3`, `2025-W14`, `2024-08..2024-09`,
/// `2025-03-31..2025-04-02`: see [`PeriodHeading`]'s `Display`), or as a heading
/// names it; a range's two ends are both months or both days.
pub fn labelled(text: &str, enclosing: Enclosing) -> Option<PeriodHeading> {
    let Some((first, last)) = text.split_once("..") else {
        return period(text, enclosing);
    };
    let (first, last) = (period(first, enclosing)?, period(last, enclosing)?);
    match (first.precision, last.precision) {
        (Precision::Month, Precision::Month) => PeriodHeading::month_range(
            YearMonth::of(first.range.start),
            YearMonth::of(last.range.start),
        ),
        (Precision::Day, Precision::Day) => {
            PeriodHeading::days(first.range.start, last.range.start)
        }
        _ => None,
    }
}

/// The last ` - `, ` – ` or ` — ` in `text`: where it starts, and its length.
fn last_spaced_dash(text: &str) -> Option<(usize, usize)> {
    [" - ", " – ", " — "]
        .iter()
        .filter_map(|dash| text.rfind(dash).map(|at| (at, dash.len())))
        .max()
}

/// `w14` or `W14` -> 14: an ISO week number, 1..=53.
fn week_number(word: &str) -> Option<u32> {
    let digits = word.strip_prefix(['w', 'W'])?;
    let number: u32 = (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()?;
    (1..=53).contains(&number).then_some(number)
}

/// Monday of ISO week `week` of `year`, as a week heading.
fn iso_week(year: i32, week: u32) -> Option<PeriodHeading> {
    PeriodHeading::week_from(NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?)
}

/// A period in `main` (no notes in parentheses), with `note` for a week's days.
fn period_of(main: &str, note: Option<&str>, enclosing: Enclosing) -> Option<PeriodHeading> {
    let normal = normalize(main);
    let words: Vec<&str> = normal
        .split([' ', '/', ','])
        .filter(|w| !w.is_empty() && !is_filler(w))
        .collect();
    if let Some(period) = year_half_quarter(&words).or_else(|| month_period(&words)) {
        return period.resolve(enclosing.year);
    }
    if let Some(found) = week(&words, note, enclosing) {
        return found;
    }
    if let Some(found) = numbered_part(&words, enclosing) {
        return found;
    }
    if let Some(found) = month_range(&words, enclosing) {
        return Some(found);
    }
    match dates::read(&normal, enclosing.year, enclosing.month) {
        ReadDate::Date(day) => PeriodHeading::days(day, day),
        _ => day_range(&normal, enclosing),
    }
}

/// Words between the parts of a period that carry no meaning: `de`, `of`, `from`, `vom`.
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "of" | "the" | "du" | "le" | "vom" | "from" | "starting" | "beginning"
    )
}

/// Words that join the two ends of a range: `to`, `a`, `até`, `au`, `bis`, `-`.
fn is_range_word(word: &str) -> bool {
    matches!(
        word,
        "-" | "to"
            | "through"
            | "thru"
            | "until"
            | "a"
            | "até"
            | "ate"
            | "al"
            | "au"
            | "à"
            | "bis"
            | ".."
    )
}

/// Week headings: `2026-W14`, `W14 2026`, `W14` (under a year), `Week 14 2026`,
/// `Week of 2026-10-05`, `W1 (Mar 31 to Apr 6)`. `Some(None)`: a week form that names
/// no week.
fn week(words: &[&str], note: Option<&str>, enclosing: Enclosing) -> Option<Option<PeriodHeading>> {
    let numbered = |number: u32, year: Option<i32>| -> Option<PeriodHeading> {
        // The days in the note win: a team's `W1` is seldom ISO week 1.
        if let Some(found) = note.and_then(|note| day_range(&normalize(note), enclosing)) {
            return Some(found);
        }
        iso_week(year.or(enclosing.year)?, number)
    };
    let year_of = |word: &str| year_number(word);
    match words {
        // `2026-w14`, `2026w14`
        [one] if one.len() > 4 && one.is_char_boundary(4) && year_of(&one[..4]).is_some() => {
            let number = week_number(one[4..].trim_start_matches('-'))?;
            Some(iso_week(year_of(&one[..4])?, number))
        }
        [one] => Some(numbered(week_number(one)?, None)),
        [a, b] if week_number(a).is_some() => Some(numbered(week_number(a)?, Some(year_of(b)?))),
        [a, b] if week_number(b).is_some() => Some(numbered(week_number(b)?, Some(year_of(a)?))),
        [unit, rest @ ..] if words::unit(unit) == Some(Unit::Week) => {
            // `Week 14 2026`, `KW 14`
            let number = rest.first().and_then(|n| n.parse::<u32>().ok());
            match (number, rest) {
                (Some(number), [_]) if (1..=53).contains(&number) => Some(numbered(number, None)),
                (Some(number), [_, year]) if (1..=53).contains(&number) => {
                    Some(numbered(number, Some(year_of(year)?)))
                }
                _ => match dates::read(&rest.join(" "), enclosing.year, enclosing.month) {
                    ReadDate::Date(first) => Some(PeriodHeading::week_from(first)),
                    _ => Some(None),
                },
            }
        }
        _ => None,
    }
}

/// `1º semestre 2026`, `2. Quartal 2026`, `3rd quarter 2025`, `trimestre 3`.
fn numbered_part(words: &[&str], enclosing: Enclosing) -> Option<Option<PeriodHeading>> {
    let (number, unit, year) = match words {
        [n, unit] | [n, unit, _] if ordinal(n).is_some() => {
            (ordinal(n)?, words::unit(unit)?, words.get(2))
        }
        [unit, n] | [unit, n, _] if ordinal(n).is_some() => {
            (ordinal(n)?, words::unit(unit)?, words.get(2))
        }
        _ => return None,
    };
    let year = match year {
        Some(year) => Some(year_number(year)?),
        None => enclosing.year,
    };
    let period = match (unit, u8::try_from(number).ok()?) {
        (Unit::Quarter, quarter @ 1..=4) => NamedPeriod::Quarter { year, quarter },
        (Unit::Half, half @ 1..=2) => NamedPeriod::Half { year, half },
        _ => return None,
    };
    Some(period.resolve(None))
}

/// `3`, `3.`, `3rd`, `1º`, `1o`, `1er`, `2e`, `2ème` -> the number.
fn ordinal(word: &str) -> Option<u32> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(digits_end);
    let known = [
        "", ".", "º", "ª", "o", "a", "st", "nd", "rd", "th", "er", "re", "e", "ème", "eme",
    ];
    (!digits.is_empty() && digits.len() <= 2 && known.contains(&suffix))
        .then(|| digits.parse().ok())
        .flatten()
}

/// `August to September 2024`, `Aug-Sep 2024`, `agosto a setembro 2024`, `Dec 2024 - Jan
/// 2025`, `Jul-Sep` (under a year). A range that turns the year (`Dec - Jan 2025`) starts
/// in the year before.
fn month_range(words: &[&str], enclosing: Enclosing) -> Option<PeriodHeading> {
    // `aug-sep` is two months and a dash.
    let mut parts: Vec<&str> = Vec::with_capacity(words.len() + 2);
    for word in words {
        match word.split_once('-') {
            Some((a, b))
                if dates::month_number(a).is_some() && dates::month_number(b).is_some() =>
            {
                parts.extend([a, "-", b]);
            }
            _ => parts.push(word),
        }
    }
    let month = |word: &str| dates::month_number(word);
    let (first, first_year, last, last_year) = match parts.as_slice() {
        [a, sep, b, y] if is_range_word(sep) => (month(a)?, None, month(b)?, year_number(y)?),
        [a, sep, b] if is_range_word(sep) => (month(a)?, None, month(b)?, enclosing.year?),
        [a, b, y] => (month(a)?, None, month(b)?, year_number(y)?),
        [a, ya, sep, b, yb] if is_range_word(sep) => (
            month(a)?,
            Some(year_number(ya)?),
            month(b)?,
            year_number(yb)?,
        ),
        _ => return None,
    };
    let first_year = first_year.unwrap_or(if first > last {
        last_year - 1
    } else {
        last_year
    });
    PeriodHeading::month_range(
        YearMonth::new(first_year, first)?,
        YearMonth::new(last_year, last)?,
    )
}

/// `Mar 31 to Apr 6`, `2025-03-31 - 2025-04-06`: the year from the enclosing heading
/// or the other end; a range that turns the year ends in the next one.
fn day_range(normal: &str, enclosing: Enclosing) -> Option<PeriodHeading> {
    let words: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
    let at = words.iter().position(|w| is_range_word(w))?;
    let (left, right) = (words[..at].join(" "), words[at + 1..].join(" "));
    let read = |text: &str, year: Option<i32>| match dates::read(text, year, enclosing.month) {
        ReadDate::Date(day) => Some(day),
        _ => None,
    };
    let end = read(&right, enclosing.year)?;
    let start = read(&left, enclosing.year.or(Some(end.year())))?;
    let end = if end < start && enclosing.year.is_some() {
        end.checked_add_months(Months::new(12))?
    } else {
        end
    };
    PeriodHeading::days(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label a period shows reads back as that period, ranges included.
    #[test]
    fn labels_read_back_as_their_period() {
        for label in [
            "2025",
            "2025-H1",
            "2025-Q3",
            "2025-11",
            "2024-08..2024-09",
            "2025-W14",
            "2025-03-31..2025-04-02",
            "2025-11-03",
        ] {
            let read = labelled(label, Enclosing::default()).map(|period| period.label());
            assert_eq!(read.as_deref(), Some(label));
        }
        for not_one in ["2025-11..2025-11-03", "2025-09..2025-08", "..", "soon"] {
            assert_eq!(labelled(not_one, Enclosing::default()), None, "{not_one}");
        }
    }
    use HeadingKind::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn month(year: Option<i32>, month: u32) -> HeadingKind {
        Period(super::NamedPeriod::Month { year, month })
    }

    fn half(year: Option<i32>, half: u8) -> HeadingKind {
        Period(super::NamedPeriod::Half { year, half })
    }

    fn quarter(year: Option<i32>, quarter: u8) -> HeadingKind {
        Period(super::NamedPeriod::Quarter { year, quarter })
    }

    fn week(y: i32, m: u32, d: u32) -> HeadingKind {
        Period(super::NamedPeriod::Week(day(y, m, d)))
    }

    fn on(y: i32, m: u32, d: u32) -> HeadingKind {
        Period(super::NamedPeriod::Day(day(y, m, d)))
    }

    #[test]
    fn period_headings_in_every_listed_form() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, HeadingKind)] = &[
            ("November 2026", "", month(Some(2026), 11)),
            ("Nov 2026", "", month(Some(2026), 11)),
            ("2026-11", "", month(Some(2026), 11)),
            ("11/2026", "", month(Some(2026), 11)),
            ("November/2026", "", month(Some(2026), 11)),
            ("[November 2026]", "", month(Some(2026), 11)),
            ("2026 November", "", month(Some(2026), 11)),
            ("🚀 **November 2026** (promo cycle)", "", month(Some(2026), 11)),
            ("_Nov 2026_ ✨", "", month(Some(2026), 11)),
            ("November, 2026", "", month(Some(2026), 11)),
            ("Apr", "2026", month(None, 4)),
            ("April:", "", month(None, 4)),
            ("2026", "", Period(super::NamedPeriod::Year(2026))),
            ("2026-H1", "", half(Some(2026), 1)),
            ("2026H2", "", half(Some(2026), 2)),
            ("H1 2026", "", half(Some(2026), 1)),
            ("H1", "", half(None, 1)),
            ("Q3 2026", "", quarter(Some(2026), 3)),
            ("2026Q3", "", quarter(Some(2026), 3)),
            ("2026-Q3", "", quarter(Some(2026), 3)),
            ("Q3 (Jul-Sep)", "", quarter(None, 3)),
            ("Week of 2026-11-02", "", week(2026, 11, 2)),
            ("Week of Nov 2", "2026", week(2026, 11, 2)),
            ("Week of Nov 2", "", NoYear),
            ("Friday 2026-11-06", "", on(2026, 11, 6)),
            ("2026-11-06", "", on(2026, 11, 6)),
            ("Fri, Nov 6, 2026", "", on(2026, 11, 6)),
            ("Nov 6", "2026-11", on(2026, 11, 6)),
            ("Nov 31 2026", "", DateLike),
            ("2026-13", "", DateLike),
            ("2026-02-30", "", DateLike),
            ("Q5 2026", "", DateLike),
            ("Achievement log", "", Other),
            ("Cut p95 latency by 40%", "", Other),
            ("Shipped v2", "", Other),
            ("May the 4th be with you", "", Other),
            ("Projects", "", Other),
            ("", "", Other),
            ("()", "", Other),
        ];
        for (text, under, expected) in cases {
            let Enclosing { year, month } = enclosing(under);
            assert_eq!(
                classify(text, year, month),
                *expected,
                "classifying {text:?}"
            );
        }
    }

    /// `text`, what encloses it (`""` nothing, `"2026"` a year, `"2026-11"` a month),
    /// and the label and range `period` gives it as one string
    /// (`"2025-Q3 2025-07-01..2025-09-30"`), empty where it reads none. All strings, so
    /// that the table reads as one, a row a line.
    type PeriodRow = (&'static str, &'static str, &'static str);

    fn enclosing(under: &str) -> Enclosing {
        let (year, month) = crate::read::dates::tests::enclosing(under);
        Enclosing { year, month }
    }

    #[test]
    fn periods_at_every_precision() {
        #[rustfmt::skip]
        let rows: &[PeriodRow] = &[
            // Years.
            ("2025", "", "2025 2025-01-01..2025-12-31"),
            ("**2025**", "", "2025 2025-01-01..2025-12-31"),
            ("2025 - highlights", "", "2025 2025-01-01..2025-12-31"),
            // Halves.
            ("2026-H1", "", "2026-H1 2026-01-01..2026-06-30"),
            ("H1 2026", "", "2026-H1 2026-01-01..2026-06-30"),
            ("2026-H1 (Jan - Jun 2026)", "", "2026-H1 2026-01-01..2026-06-30"),
            ("H2", "2026", "2026-H2 2026-07-01..2026-12-31"),
            ("H2", "", ""),
            ("1º semestre 2026", "", "2026-H1 2026-01-01..2026-06-30"),
            ("2º semestre", "2026", "2026-H2 2026-07-01..2026-12-31"),
            // Quarters.
            ("Q3 2025", "", "2025-Q3 2025-07-01..2025-09-30"),
            ("2025-Q3", "", "2025-Q3 2025-07-01..2025-09-30"),
            ("Q3 (Jul-Sep) - projected", "2025", "2025-Q3 2025-07-01..2025-09-30"),
            ("Q4", "2025", "2025-Q4 2025-10-01..2025-12-31"),
            ("2. Quartal 2025", "", "2025-Q2 2025-04-01..2025-06-30"),
            ("3rd quarter 2025", "", "2025-Q3 2025-07-01..2025-09-30"),
            ("Trimestre 1", "2025", "2025-Q1 2025-01-01..2025-03-31"),
            ("Q5 2026", "", ""),
            ("5º trimestre 2026", "", ""),
            // Months, in every language.
            ("November 2025", "", "2025-11 2025-11-01..2025-11-30"),
            ("December 2025 - review", "", "2025-12 2025-12-01..2025-12-31"),
            ("May 2027 (promo)", "", "2027-05 2027-05-01..2027-05-31"),
            ("🚀 **May 2027** (promo) — draft", "", "2027-05 2027-05-01..2027-05-31"),
            ("2026-02", "", "2026-02 2026-02-01..2026-02-28"),
            ("Apr", "2026", "2026-04 2026-04-01..2026-04-30"),
            ("Apr", "", ""),
            ("novembro de 2025", "", "2025-11 2025-11-01..2025-11-30"),
            ("Nov. 2025", "", "2025-11 2025-11-01..2025-11-30"),
            ("2025 November", "", "2025-11 2025-11-01..2025-11-30"),
            ("janeiro 2026", "", "2026-01 2026-01-01..2026-01-31"),
            ("Fevereiro de 2026", "", "2026-02 2026-02-01..2026-02-28"),
            ("Março 2026", "", "2026-03 2026-03-01..2026-03-31"),
            ("marco de 2026", "", "2026-03 2026-03-01..2026-03-31"),
            ("mayo 2026", "", "2026-05 2026-05-01..2026-05-31"),
            ("Août 2026", "", "2026-08 2026-08-01..2026-08-31"),
            ("déc. 2026", "", "2026-12 2026-12-01..2026-12-31"),
            ("Mär 2026", "", "2026-03 2026-03-01..2026-03-31"),
            ("Okt 2026", "", "2026-10 2026-10-01..2026-10-31"),
            // Month ranges.
            ("August to September 2024", "", "2024-08..2024-09 2024-08-01..2024-09-30"),
            ("Aug-Sep 2024", "", "2024-08..2024-09 2024-08-01..2024-09-30"),
            ("Aug – Sep 2024", "", "2024-08..2024-09 2024-08-01..2024-09-30"),
            ("agosto a setembro de 2024", "", "2024-08..2024-09 2024-08-01..2024-09-30"),
            ("Dec 2024 - Jan 2025", "", "2024-12..2025-01 2024-12-01..2025-01-31"),
            ("Dec - Jan 2025", "", "2024-12..2025-01 2024-12-01..2025-01-31"),
            ("Jul-Sep", "2025", "2025-07..2025-09 2025-07-01..2025-09-30"),
            ("Jul-Sep", "", ""),
            // Weeks.
            ("2026-W14", "", "2026-W14 2026-03-30..2026-04-05"),
            ("2026W01", "", "2026-W01 2025-12-29..2026-01-04"),
            ("W14 2026", "", "2026-W14 2026-03-30..2026-04-05"),
            ("W14", "2026", "2026-W14 2026-03-30..2026-04-05"),
            ("Week 14 2026", "", "2026-W14 2026-03-30..2026-04-05"),
            ("KW 14", "2026", "2026-W14 2026-03-30..2026-04-05"),
            ("Week of 2026-10-05", "", "2026-W41 2026-10-05..2026-10-11"),
            ("Week of Nov 2", "2026", "2026-W45 2026-11-02..2026-11-08"),
            ("W1 (Mar 31 to Apr 6)", "2025", "2025-W14 2025-03-31..2025-04-06"),
            ("W2 (Apr 7 - Apr 11)", "2025", "2025-04-07..2025-04-11 2025-04-07..2025-04-11"),
            ("Semana de 14 Abr 2026", "", "2026-04-14..2026-04-20 2026-04-14..2026-04-20"),
            ("Semana de 13 Abr 2026", "", "2026-W16 2026-04-13..2026-04-19"),
            ("2026-W54", "", ""),
            ("W14", "", ""),
            ("Week of Nov 2", "", ""),
            // Days, and ranges of days.
            ("Monday 2025-03-03", "", "2025-03-03 2025-03-03..2025-03-03"),
            ("2025-03-03", "", "2025-03-03 2025-03-03..2025-03-03"),
            ("3 March 2025", "", "2025-03-03 2025-03-03..2025-03-03"),
            ("14 Abr 2026", "", "2026-04-14 2026-04-14..2026-04-14"),
            ("Segunda-feira, 5 de janeiro de 2026", "", "2026-01-05 2026-01-05..2026-01-05"),
            ("Nov 6", "2026-11", "2026-11-06 2026-11-06..2026-11-06"),
            ("Mar 31 to Apr 2", "2025", "2025-03-31..2025-04-02 2025-03-31..2025-04-02"),
            ("Dec 29 to Jan 2", "2025", "2025-12-29..2026-01-02 2025-12-29..2026-01-02"),
            // A day followed by words is a dated entry title.
            ("2026-11-05 - Shipped the importer", "", ""),
            ("2026-11-05 Shipped the importer", "", ""),
            // Not periods.
            ("Achievement log", "", ""),
            ("Projects", "", ""),
            ("Set up CI for the mobile app", "2026", ""),
            ("Out of office", "2026", ""),
            ("Weekend", "2026", ""),
            ("Week", "2026", ""),
            ("May the 4th be with you", "", ""),
            ("2026-02-30", "", ""),
            ("", "", ""),
            ("(", "", ""),
            (" - ", "", ""),
            ("é - ü (", "", ""),
        ];
        for &(text, under, expected) in rows {
            let found = period(text, enclosing(under))
                .map(|p| format!("{} {}", p.label(), p.range))
                .unwrap_or_default();
            assert_eq!(found, expected, "reading {text:?} under {under:?}");
        }
    }

    /// What `classify` reads as a period, `period` reads as the same one.
    #[test]
    fn period_reads_what_classify_reads() {
        let texts = [
            "November 2026",
            "Nov 2026",
            "2026-11",
            "11/2026",
            "November/2026",
            "[November 2026]",
            "2026 November",
            "🚀 **November 2026** (promo cycle)",
            "_Nov 2026_ ✨",
            "November, 2026",
            "Apr",
            "April:",
            "2026",
            "2026-H1",
            "2026H2",
            "H1 2026",
            "H1",
            "Q3 2026",
            "2026Q3",
            "2026-Q3",
            "Q3 (Jul-Sep)",
            "Week of 2026-11-02",
            "Week of Nov 2",
            "Friday 2026-11-06",
            "2026-11-06",
            "Fri, Nov 6, 2026",
            "Nov 6",
            "Nov 31 2026",
            "2026-13",
            "Q5 2026",
            "Achievement log",
            "Shipped v2",
            "",
        ];
        let nov = YearMonth::new(2026, 11);
        for text in texts {
            let expected = match classify(text, Some(2026), nov) {
                Period(found) => found.resolve(Some(2026)),
                _ => None,
            };
            let enclosing = Enclosing {
                year: Some(2026),
                month: nov,
            };
            assert_eq!(period(text, enclosing), expected, "{text:?}");
        }
    }

    #[test]
    fn short_headings_with_a_number_may_be_misspelt() {
        let cases = [
            ("Spetember 2026", true),
            ("Reviewed design 12", true),
            ("Cut p99 latency by 40%", false),
            ("Shipped the importer", false),
            ("a b c 1", false),
            ("a\u{a0}b c 1", false),
            ("a\u{a0}b 1", true),
            ("é 1 b c", false),
            ("x\u{b}y z 1", false),
            ("   2026   ", true),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(may_be_misspelt(text), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_a_period_never_panics(
            text in "\\PC{0,40}",
            year in proptest::option::of(-5i32..10_000),
        ) {
            let enclosing = Enclosing { year, month: year.and_then(|y| YearMonth::new(y, 1)) };
            if let Some(found) = period(&text, enclosing) {
                proptest::prop_assert!(found.range.start <= found.range.end);
                let _ = found.label();
            }
            let _ = dates::title_date(&text, year, None);
            let _ = crate::suggest::period_heading(&text);
        }
    }
}
