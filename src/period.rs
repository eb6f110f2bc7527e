//! Date and period expressions (`2026-05`, `Q3`, `last week`, `A..B`) -> a closed date range.
//!
//! This module is pure: it reads no clock and no environment. "Today" and the calendar
//! settings arrive in a [`Calendar`], so every answer can be pinned in a table test.
//!
//! # Grammar
//!
//! Case is ignored, surrounding whitespace is ignored, and inside word phrases a `-` works
//! like a space (`last-week`, `may-2026`, `2026-Q3`, `last-review`). Every expression
//! resolves to a closed range of days, both ends inclusive.
//!
//! | form | examples | span |
//! | --- | --- | --- |
//! | day | `2026-05-01`, `2026-5-1` | that day |
//! | month | `2026-05`, `may 2026`, `May-2026`, `2026 may`, `sept 2026` | that month |
//! | month name alone | `may`, `december` | the most recent such month that has started (this year's if it has begun, else last year's) |
//! | calendar year | `2026` | 2026-01-01..2026-12-31, whatever `year_start` says |
//! | fiscal year | `FY2026`, `fy 2026` | the fiscal year that starts in 2026 |
//! | quarter | `2026Q3`, `2026-Q3`, `Q3 2026` | quarter 3 of fiscal year 2026 |
//! | half | `2026H1`, `2026-H1`, `H1 2026` | half 1 of fiscal year 2026 |
//! | quarter or half alone | `Q3`, `H1` | the most recent such quarter or half that has started |
//! | today | `today`, `yesterday` | that day |
//! | weekday | `friday`, `fri` | the most recent Friday on or before today (today, if it is a Friday) |
//! | previous weekday | `last friday`, `prev fri` | the most recent Friday strictly before today |
//! | current period | `this week`, `this month`, `this quarter`, `this half`, `this year` | the whole period holding today, future days included |
//! | previous period | `last week`, `prev month`, `previous quarter`, `last half`, `last year` | the whole period before it |
//! | days back | `3 days ago`, `2 weeks ago`, `3 months ago`, `1 year ago`, `a month ago` | one day: today minus that much |
//! | recent days | `last 30 days`, `past 2 weeks`, `last 3 months` | from that day back (`30 days ago`) through today |
//! | reviews | `last-review` | from the most recent review on or before today through today |
//! | review cycle | `this-cycle` | from that review to the day before the next one (a cycle), or through today (a list of dates) |
//! | range | `2026-01..2026-03`, `2026-01..`, `..2026-03`, `Q1..today`, `..` | from the start of the left side to the end of the right; an empty side is open |
//!
//! ## Fiscal years
//!
//! [`Calendar::year_start`] is the first month of the fiscal (review) year. A fiscal year is
//! labelled by the calendar year it *starts* in: with `year_start: 4`, FY2026 is
//! 2026-04-01..2027-03-31, `2026Q1` is 2026-04-01..2026-06-30 and `2026Q4` is
//! 2027-01-01..2027-03-31. Quarters, halves, `FY2026`, `this year` and `last year` follow the
//! fiscal year; a bare `2026` is always the calendar year, because that is what people mean
//! when they type a year. With the default `year_start: 1` the two coincide.
//!
//! ## Days back
//!
//! `N months ago` and `N years ago` keep the day of the month and clamp it to the end of a
//! shorter month: from 2026-05-31, `3 months ago` is 2026-02-28; from 2024-02-29,
//! `1 year ago` is 2023-02-28. `N weeks ago` is `7 * N` days ago.
//!
//! ## Open sides
//!
//! A range with an empty side (`2026-01..`) is open on that side. [`DateRange`] stores an open
//! start as [`NaiveDate::MIN`] and an open end as [`NaiveDate::MAX`], so containment stays a
//! plain comparison; its `Display` leaves an open side empty (`2026-01-01..`), and
//! [`DateRange::first_day`] / [`DateRange::last_day`] return `None` for it.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::words;

/// Everything an expression needs besides its text: today and the calendar settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The day relative phrases count from.
    pub today: NaiveDate,
    /// First month of the fiscal (review) year, 1 = January ..= 12 = December.
    pub year_start: u32,
    /// The first day of a week, for `this week` and `last week`.
    pub week_start: Weekday,
    /// When performance reviews happen, for `last-review` and `this-cycle`.
    pub reviews: Reviews,
    /// How a numeric day like `11/3` reads (config `date_order`); without it, such a
    /// day is refused as ambiguous.
    pub date_order: Option<DateOrder>,
}

/// Which number comes first in a numeric day like `11/3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    MonthFirst,
    DayFirst,
}

impl Calendar {
    /// A calendar with the defaults: fiscal year = calendar year, weeks start on Monday,
    /// no reviews configured.
    pub fn new(today: NaiveDate) -> Self {
        Calendar {
            today,
            year_start: 1,
            week_start: Weekday::Mon,
            reviews: Reviews::None,
            date_order: None,
        }
    }
}

/// When performance reviews happen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Reviews {
    /// No `review:` in the config.
    #[default]
    None,
    /// Review dates listed one by one, in any order.
    Dates(Vec<NaiveDate>),
    /// A review on `start` and then every `every_months` months. Each review date is counted
    /// from `start` (clamped to the end of a short month), so a cycle starting on the 31st does
    /// not drift to the 28th.
    Cycle { start: NaiveDate, every_months: u32 },
}

/// A range of days, both ends inclusive. An open side is [`NaiveDate::MIN`] or
/// [`NaiveDate::MAX`]; see the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    /// The range holding only `day`.
    pub fn single_day(day: NaiveDate) -> Self {
        DateRange {
            start: day,
            end: day,
        }
    }

    /// Whether `day` falls inside the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The first day, or `None` when the range is open at the start.
    pub fn first_day(&self) -> Option<NaiveDate> {
        (self.start != NaiveDate::MIN).then_some(self.start)
    }

    /// The last day, or `None` when the range is open at the end.
    pub fn last_day(&self) -> Option<NaiveDate> {
        (self.end != NaiveDate::MAX).then_some(self.end)
    }
}

impl fmt::Display for DateRange {
    /// `2026-05-01..2026-11-23`; an open side is left empty: `2026-05-01..`, `..2026-11-23`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(first_day) = self.first_day() {
            write!(f, "{first_day}")?;
        }
        f.write_str("..")?;
        if let Some(last_day) = self.last_day() {
            write!(f, "{last_day}")?;
        }
        Ok(())
    }
}

/// A date or period expression that could not be resolved; the message says why and what
/// would work instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    message: String,
}

impl PeriodError {
    fn new(message: impl Into<String>) -> Self {
        PeriodError {
            message: message.into(),
        }
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PeriodError {}

/// One short line of examples, shown whenever an expression is not understood.
const ACCEPTED_FORMS: &str = "2026-05-01, 2026-05, may 2026, 2026Q3, Q3, 2026H1, 2026, today, \
     yesterday, friday, last week, this month, 3 months ago, last 30 days, last-review, \
     2026-01..2026-03";

/// The forms that name one day, for errors where only a day will do.
const DAY_FORMS: &str = "2026-05-01, today, yesterday, friday, last friday, 3 days ago";

/// The whole span of an expression, e.g. `last quarter` -> 2026-07-01..2026-09-30.
pub fn span(expr: &str, cal: &Calendar) -> Result<DateRange, PeriodError> {
    let text = expr.trim();
    if text.is_empty() {
        return Err(PeriodError::new(format!(
            "empty date or period; try one of: {ACCEPTED_FORMS}"
        )));
    }
    resolve(&text.to_lowercase(), cal).map_err(|failure| match failure {
        Failure::Unknown => match suggestion(&text.to_lowercase(), cal) {
            Some(better) => PeriodError::new(format!(
                "unknown date or period `{text}`; did you mean `{better}`?"
            )),
            None => failure.explain(text),
        },
        _ => failure.explain(text),
    })
}

/// The words of the phrases, for a did-you-mean; month and weekday names come from
/// [`words::english_names`].
const WORDS: &[&str] = &[
    "today",
    "yesterday",
    "this",
    "last",
    "past",
    "previous",
    "ago",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "half",
    "year",
    "years",
    "day",
    "days",
    "review",
    "cycle",
];

/// `text` with each unknown word replaced by the closest known one, where that reads.
fn suggestion(text: &str, cal: &Calendar) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let fixed: Vec<&str> = words
        .iter()
        .map(|&word| {
            let known = WORDS.contains(&word)
                || words::lookup(word).is_some()
                || word.bytes().all(|b| b.is_ascii_digit());
            if known {
                word
            } else {
                let candidates = WORDS.iter().copied().chain(words::english_names());
                crate::suggest::closest(word, candidates).unwrap_or(word)
            }
        })
        .collect();
    let better = fixed.join(" ");
    (fixed != words && resolve(&better, cal).is_ok()).then_some(better)
}

/// The one day an expression names, e.g. for `brag add --date`: `2026-05-01`, `yesterday`,
/// `friday`, `3 days ago`. An expression spanning several days is an error.
pub fn day(expr: &str, cal: &Calendar) -> Result<NaiveDate, PeriodError> {
    let text = expr.trim();
    let range = match resolve(&text.to_lowercase(), cal) {
        Ok(range) => range,
        Err(Failure::Unknown) if text.is_empty() => {
            return Err(PeriodError::new(format!(
                "empty day; try one of: {DAY_FORMS}"
            )));
        }
        Err(Failure::Unknown) => {
            return Err(PeriodError::new(format!(
                "unknown day `{text}`; try one of: {DAY_FORMS}"
            )));
        }
        Err(failure) => return Err(failure.explain(text)),
    };
    if range.start == range.end {
        Ok(range.start)
    } else {
        Err(PeriodError::new(format!(
            "`{}` covers {range}, but a single day is needed, such as 2026-05-01, yesterday, \
             friday or 3 days ago",
            expr.trim()
        )))
    }
}

/// The range selected by `--since`, `--until` and `--on`, or `None` when none is given.
///
/// `since` contributes the start of its span, `until` the end of its span, and `on` its whole
/// span; a side left out stays open. `on` cannot be combined with the other two.
pub fn range(
    since: Option<&str>,
    until: Option<&str>,
    on: Option<&str>,
    cal: &Calendar,
) -> Result<Option<DateRange>, PeriodError> {
    if let Some(on) = on {
        if since.is_some() || until.is_some() {
            return Err(PeriodError::new(
                "--on cannot be combined with --since or --until",
            ));
        }
        return span(on, cal).map(Some);
    }
    if since.is_none() && until.is_none() {
        return Ok(None);
    }
    let start = match since {
        Some(since) => span(since, cal)?.start,
        None => NaiveDate::MIN,
    };
    let end = match until {
        Some(until) => span(until, cal)?.end,
        None => NaiveDate::MAX,
    };
    if start > end {
        // Both sides are given here: an open side can never cross the other one.
        return Err(PeriodError::new(format!(
            "--since `{}` starts on {start}, after --until `{}` ends on {end}",
            since.unwrap_or_default().trim(),
            until.unwrap_or_default().trim(),
        )));
    }
    Ok(Some(DateRange { start, end }))
}

/// Why an expression failed, before the expression's text is attached for the message.
#[derive(Debug)]
enum Failure {
    /// The text matches no form of the grammar.
    Unknown,
    /// Well formed, but no such day or month exists (`2026-02-30`, `2026-13`).
    NoSuchDate,
    /// The result falls outside the dates that can be represented (`99999999 days ago`).
    OutOfRange,
    /// A range whose left side starts after its right side ends.
    Backwards { start: NaiveDate, end: NaiveDate },
    /// The calendar settings cannot answer; the text says what to change.
    Settings(String),
}

impl Failure {
    fn explain(self, expr: &str) -> PeriodError {
        PeriodError::new(match self {
            Failure::Unknown => {
                format!("unknown date or period `{expr}`; try one of: {ACCEPTED_FORMS}")
            }
            Failure::NoSuchDate => format!("`{expr}` is not a real date"),
            Failure::OutOfRange => format!("`{expr}` is outside the range of supported dates"),
            Failure::Backwards { start, end } => {
                format!("`{expr}` starts on {start}, after it ends on {end}")
            }
            Failure::Settings(problem) => format!("`{expr}`: {problem}"),
        })
    }
}

/// A month counted from year 0 (`year * 12 + month0`). Period arithmetic works on these, so
/// quarters, halves and fiscal years that cross a calendar year need no special case.
type MonthIndex = i64;

fn month_index(date: NaiveDate) -> MonthIndex {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_index_of(year: i32, month: u32) -> MonthIndex {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn first_day_of(month: MonthIndex) -> Option<NaiveDate> {
    let year = i32::try_from(month.div_euclid(12)).ok()?;
    let month0 = u32::try_from(month.rem_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, month0 + 1, 1)
}

/// The `count` whole months starting with `first`.
fn months_from(first: MonthIndex, count: i64) -> Result<DateRange, Failure> {
    let start = first_day_of(first).ok_or(Failure::OutOfRange)?;
    let end = first_day_of(first + count)
        .and_then(|next_start| next_start.pred_opt())
        .ok_or(Failure::OutOfRange)?;
    Ok(DateRange { start, end })
}

/// `candidate`, or the same month a year earlier when `candidate` has not started by today.
fn most_recent_started(candidate: MonthIndex, cal: &Calendar) -> MonthIndex {
    if candidate > month_index(cal.today) {
        candidate - 12
    } else {
        candidate
    }
}

fn fiscal_first_month(cal: &Calendar) -> Result<u32, Failure> {
    if (1..=12).contains(&cal.year_start) {
        Ok(cal.year_start)
    } else {
        Err(Failure::Settings(format!(
            "year_start must be a month number from 1 to 12, not {}",
            cal.year_start
        )))
    }
}

/// The first month of the fiscal year labelled `year`.
fn fiscal_year_start(year: i32, cal: &Calendar) -> Result<MonthIndex, Failure> {
    Ok(month_index_of(year, fiscal_first_month(cal)?))
}

/// The first month of the fiscal year holding today.
fn current_fiscal_year_start(cal: &Calendar) -> Result<MonthIndex, Failure> {
    Ok(most_recent_started(
        fiscal_year_start(cal.today.year(), cal)?,
        cal,
    ))
}

fn resolve(text: &str, cal: &Calendar) -> Result<DateRange, Failure> {
    let Some((left, right)) = text.split_once("..") else {
        return resolve_single(text, cal);
    };
    let (left, right) = (left.trim(), right.trim());
    let start = if left.is_empty() {
        NaiveDate::MIN
    } else {
        resolve_single(left, cal)?.start
    };
    let end = if right.is_empty() {
        NaiveDate::MAX
    } else {
        resolve_single(right, cal)?.end
    };
    if start > end {
        return Err(Failure::Backwards { start, end });
    }
    Ok(DateRange { start, end })
}

/// One expression that is not a range; `text` is trimmed, lowercase and not empty.
fn resolve_single(text: &str, cal: &Calendar) -> Result<DateRange, Failure> {
    if let Some(numeric) = numeric_date_or_month(text) {
        return numeric;
    }
    let mut words = Vec::new();
    for word in text.split_whitespace().flat_map(|word| word.split('-')) {
        if word.is_empty() {
            return Err(Failure::Unknown);
        }
        words.push(word);
    }
    match words.as_slice() {
        ["today"] => Ok(DateRange::single_day(cal.today)),
        ["yesterday"] => days_back(1, cal),
        ["last" | "prev" | "previous", "review"] => last_review(cal),
        ["this", "cycle"] => this_cycle(cal),
        ["this", unit] => period_around_today(unit, Direction::This, cal),
        ["last" | "prev" | "previous", unit] => match words::weekday(unit) {
            Some(weekday) => weekday_back(weekday, WeekdayRule::StrictlyBefore, cal),
            None => period_around_today(unit, Direction::Previous, cal),
        },
        [count, unit, "ago"] => ago(count, unit, cal),
        ["last" | "past", count, unit] => Ok(DateRange {
            start: ago(count, unit, cal)?.start,
            end: cal.today,
        }),
        _ => labelled(&words, cal),
    }
}

/// `2026-05-01` (a day) or `2026-05` (a month): four-digit year, one- or two-digit parts.
/// `None` when `text` does not have that shape, so other forms get their turn.
fn numeric_date_or_month(text: &str) -> Option<Result<DateRange, Failure>> {
    let parts: Vec<&str> = text.split('-').collect();
    let is_digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    let (year, rest) = parts.split_first()?;
    if !is_digits(year, 4..=4)
        || !(1..=2).contains(&rest.len())
        || !rest.iter().all(|part| is_digits(part, 1..=2))
    {
        return None;
    }
    let numbers = parts
        .iter()
        .map(|part| part.parse::<u32>().ok())
        .collect::<Option<Vec<u32>>>()?;
    Some(match *numbers.as_slice() {
        [year, month] if (1..=12).contains(&month) => {
            months_from(month_index_of(i32::try_from(year).ok()?, month), 1)
        }
        [year, month, day] => NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
            .map(DateRange::single_day)
            .ok_or(Failure::NoSuchDate),
        _ => Err(Failure::NoSuchDate),
    })
}

/// A word of a labelled date: `2026`, `may`, `friday`, `q3`, `2026q3`, `fy`, `fy2026`.
#[derive(Debug, Clone, Copy)]
enum Label {
    Year(i32),
    Month(u32),
    Weekday(Weekday),
    Part(FiscalPart),
    PartOfYear(i32, FiscalPart),
    Fiscal,
    FiscalYear(i32),
}

/// A quarter (1..=4) or a half (1..=2) of a fiscal year.
#[derive(Debug, Clone, Copy)]
enum FiscalPart {
    Quarter(u32),
    Half(u32),
}

impl FiscalPart {
    /// The part's first month, counted from the start of its fiscal year, and its length.
    fn offset_and_months(self) -> (i64, i64) {
        match self {
            FiscalPart::Quarter(quarter) => (3 * (i64::from(quarter) - 1), 3),
            FiscalPart::Half(half) => (6 * (i64::from(half) - 1), 6),
        }
    }
}

fn labelled(words: &[&str], cal: &Calendar) -> Result<DateRange, Failure> {
    let labels = words
        .iter()
        .map(|word| label(word).ok_or(Failure::Unknown))
        .collect::<Result<Vec<Label>, Failure>>()?;
    match labels.as_slice() {
        [Label::Year(year)] => months_from(month_index_of(*year, 1), 12),
        [Label::FiscalYear(year)] | [Label::Fiscal, Label::Year(year)] => {
            months_from(fiscal_year_start(*year, cal)?, 12)
        }
        [Label::Month(month)] => months_from(
            most_recent_started(month_index_of(cal.today.year(), *month), cal),
            1,
        ),
        [Label::Month(month), Label::Year(year)] | [Label::Year(year), Label::Month(month)] => {
            months_from(month_index_of(*year, *month), 1)
        }
        [Label::Weekday(weekday)] => weekday_back(*weekday, WeekdayRule::OnOrBefore, cal),
        [Label::Part(part)] => {
            let (offset, months) = part.offset_and_months();
            let first = most_recent_started(current_fiscal_year_start(cal)? + offset, cal);
            months_from(first, months)
        }
        [Label::PartOfYear(year, part)]
        | [Label::Part(part), Label::Year(year)]
        | [Label::Year(year), Label::Part(part)] => {
            let (offset, months) = part.offset_and_months();
            months_from(fiscal_year_start(*year, cal)? + offset, months)
        }
        _ => Err(Failure::Unknown),
    }
}

fn label(word: &str) -> Option<Label> {
    if let Some(year) = four_digit_year(word) {
        return Some(Label::Year(year));
    }
    if let Some(month) = words::month(word) {
        return Some(Label::Month(month));
    }
    if let Some(weekday) = words::weekday(word) {
        return Some(Label::Weekday(weekday));
    }
    if let Some(part) = fiscal_part(word) {
        return Some(Label::Part(part));
    }
    if let Some(year) = word.strip_prefix("fy") {
        return if year.is_empty() {
            Some(Label::Fiscal)
        } else {
            four_digit_year(year).map(Label::FiscalYear)
        };
    }
    // `2026q3`, `2026h1`: a year glued to a part.
    let (year, part) = word.split_at_checked(4)?;
    Some(Label::PartOfYear(
        four_digit_year(year)?,
        fiscal_part(part)?,
    ))
}

fn four_digit_year(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|byte| byte.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

/// `q1`..`q4` or `h1`..`h2`.
fn fiscal_part(word: &str) -> Option<FiscalPart> {
    match word {
        "q1" => Some(FiscalPart::Quarter(1)),
        "q2" => Some(FiscalPart::Quarter(2)),
        "q3" => Some(FiscalPart::Quarter(3)),
        "q4" => Some(FiscalPart::Quarter(4)),
        "h1" => Some(FiscalPart::Half(1)),
        "h2" => Some(FiscalPart::Half(2)),
        _ => None,
    }
}

/// Whether a bare weekday may be today itself.
#[derive(Debug, Clone, Copy)]
enum WeekdayRule {
    /// `friday`: today, if today is a Friday.
    OnOrBefore,
    /// `last friday`: never today.
    StrictlyBefore,
}

fn weekday_back(weekday: Weekday, rule: WeekdayRule, cal: &Calendar) -> Result<DateRange, Failure> {
    let days_since = days_between_weekdays(weekday, cal.today.weekday());
    let days = match (rule, days_since) {
        (WeekdayRule::StrictlyBefore, 0) => 7,
        _ => days_since,
    };
    days_back(days, cal)
}

/// How many days from the most recent `from` (on or before) to a day that is a `to`: 0..=6.
fn days_between_weekdays(from: Weekday, to: Weekday) -> u64 {
    u64::from((to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7)
}

fn days_back(days: u64, cal: &Calendar) -> Result<DateRange, Failure> {
    cal.today
        .checked_sub_days(Days::new(days))
        .map(DateRange::single_day)
        .ok_or(Failure::OutOfRange)
}

fn months_back(months: u64, cal: &Calendar) -> Result<DateRange, Failure> {
    let months = u32::try_from(months).map_err(|_| Failure::OutOfRange)?;
    cal.today
        .checked_sub_months(Months::new(months))
        .map(DateRange::single_day)
        .ok_or(Failure::OutOfRange)
}

/// `N days|weeks|months|years ago`: one day, today minus that much.
fn ago(count: &str, unit: &str, cal: &Calendar) -> Result<DateRange, Failure> {
    let count: u64 = match count {
        "a" | "an" | "one" => 1,
        digits if !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()) => {
            // Only digits, so the parse fails only when the number is too big.
            digits.parse().map_err(|_| Failure::OutOfRange)?
        }
        _ => return Err(Failure::Unknown),
    };
    match unit {
        "day" | "days" => days_back(count, cal),
        "week" | "weeks" => days_back(count.checked_mul(7).ok_or(Failure::OutOfRange)?, cal),
        "month" | "months" => months_back(count, cal),
        "year" | "years" => months_back(count.checked_mul(12).ok_or(Failure::OutOfRange)?, cal),
        _ => Err(Failure::Unknown),
    }
}

/// `this ...` or `last ...`.
#[derive(Debug, Clone, Copy)]
enum Direction {
    This,
    Previous,
}

/// `this|last week|month|quarter|half|year`: the whole period holding today, or the one before.
fn period_around_today(
    unit: &str,
    direction: Direction,
    cal: &Calendar,
) -> Result<DateRange, Failure> {
    let months = match unit {
        "week" => return week_around_today(direction, cal),
        "month" => 1,
        "quarter" => 3,
        "half" => 6,
        "year" => 12,
        _ => return Err(Failure::Unknown),
    };
    let fiscal_start = if months == 1 {
        // Months do not depend on the fiscal year, so a bad `year_start` must not break them.
        month_index(cal.today)
    } else {
        current_fiscal_year_start(cal)?
    };
    let current = fiscal_start + months * ((month_index(cal.today) - fiscal_start) / months);
    let first = match direction {
        Direction::This => current,
        Direction::Previous => current - months,
    };
    months_from(first, months)
}

fn week_around_today(direction: Direction, cal: &Calendar) -> Result<DateRange, Failure> {
    let into_week = days_between_weekdays(cal.week_start, cal.today.weekday());
    let back = match direction {
        Direction::This => into_week,
        Direction::Previous => into_week + 7,
    };
    let start = cal
        .today
        .checked_sub_days(Days::new(back))
        .ok_or(Failure::OutOfRange)?;
    let end = start
        .checked_add_days(Days::new(6))
        .ok_or(Failure::OutOfRange)?;
    Ok(DateRange { start, end })
}

fn no_reviews() -> Failure {
    Failure::Settings("no review dates are configured; add `review:` to the config".to_string())
}

/// The most recent review on or before today, and for a cycle the review after it.
fn review_around_today(cal: &Calendar) -> Result<(NaiveDate, Option<NaiveDate>), Failure> {
    let none_yet = || {
        Failure::Settings(format!(
            "no review is on or before {}; add a past review date under `review:` in the config",
            cal.today
        ))
    };
    match &cal.reviews {
        Reviews::None => Err(no_reviews()),
        Reviews::Dates(dates) if dates.is_empty() => Err(no_reviews()),
        Reviews::Dates(dates) => {
            let latest = dates.iter().filter(|date| **date <= cal.today).max();
            latest.map(|date| (*date, None)).ok_or_else(none_yet)
        }
        Reviews::Cycle {
            start,
            every_months,
        } => {
            if *every_months == 0 {
                return Err(Failure::Settings(
                    "a review cycle must repeat every 1 month or more".to_string(),
                ));
            }
            if *start > cal.today {
                return Err(none_yet());
            }
            let nth_review = |cycles: i64| -> Result<NaiveDate, Failure> {
                let months = i64::from(*every_months)
                    .checked_mul(cycles)
                    .and_then(|months| u32::try_from(months).ok())
                    .ok_or(Failure::OutOfRange)?;
                start
                    .checked_add_months(Months::new(months))
                    .ok_or(Failure::OutOfRange)
            };
            let months_since_start = month_index(cal.today) - month_index(*start);
            let mut cycles = months_since_start / i64::from(*every_months);
            let mut latest = nth_review(cycles)?;
            // In the month of a review that has not happened yet, step back one cycle.
            if latest > cal.today {
                cycles -= 1;
                latest = nth_review(cycles)?;
            }
            Ok((latest, Some(nth_review(cycles + 1)?)))
        }
    }
}

/// From the most recent review on or before today through today.
fn last_review(cal: &Calendar) -> Result<DateRange, Failure> {
    let (latest, _) = review_around_today(cal)?;
    Ok(DateRange {
        start: latest,
        end: cal.today,
    })
}

/// From the most recent review to the day before the next one (a cycle), or through today
/// (a list of dates, where the next review is not known).
fn this_cycle(cal: &Calendar) -> Result<DateRange, Failure> {
    let (latest, next) = review_around_today(cal)?;
    let end = match next {
        Some(next) => next.pred_opt().ok_or(Failure::OutOfRange)?,
        None => cal.today,
    };
    Ok(DateRange { start: latest, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test dates are valid")
    }

    fn calendar(today: &str) -> Calendar {
        Calendar::new(date(today))
    }

    /// Resolves every input against `cal` and compares the printed range.
    fn assert_spans(cal: &Calendar, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            let resolved = span(input, cal).map(|range| range.to_string());
            assert_eq!(
                resolved.as_deref(),
                Ok(*expected),
                "span({input:?}) with today {}",
                cal.today
            );
        }
    }

    /// Every input must fail with a message containing `expected_fragment`.
    fn assert_span_errors(cal: &Calendar, cases: &[(&str, &str)]) {
        for (input, expected_fragment) in cases {
            match span(input, cal) {
                Ok(range) => panic!("span({input:?}) should fail, got {range}"),
                Err(error) => assert!(
                    error.to_string().contains(expected_fragment),
                    "span({input:?}) error {error:?} lacks {expected_fragment:?}"
                ),
            }
        }
    }

    #[test]
    fn pinned_today_is_a_monday() {
        assert_eq!(date("2026-11-23").weekday(), Weekday::Mon);
    }

    #[test]
    fn days_and_months() {
        assert_spans(
            &calendar("2026-11-23"),
            &[
                ("2026-05-01", "2026-05-01..2026-05-01"),
                ("  2026-5-1\t", "2026-05-01..2026-05-01"),
                ("2024-02-29", "2024-02-29..2024-02-29"),
                ("2026-05", "2026-05-01..2026-05-31"),
                ("2026-04", "2026-04-01..2026-04-30"),
                ("2026-12", "2026-12-01..2026-12-31"),
                ("2024-02", "2024-02-01..2024-02-29"),
                ("2025-02", "2025-02-01..2025-02-28"),
                ("2000-02", "2000-02-01..2000-02-29"),
                ("1900-02", "1900-02-01..1900-02-28"),
                ("May 2026", "2026-05-01..2026-05-31"),
                ("may-2026", "2026-05-01..2026-05-31"),
                ("2026 may", "2026-05-01..2026-05-31"),
                ("MAY 2025", "2025-05-01..2025-05-31"),
                ("sept 2026", "2026-09-01..2026-09-30"),
                ("Feb 2024", "2024-02-01..2024-02-29"),
                // A month name alone: the most recent such month that has started.
                ("may", "2026-05-01..2026-05-31"),
                ("November", "2026-11-01..2026-11-30"),
                ("december", "2025-12-01..2025-12-31"),
                ("jan", "2026-01-01..2026-01-31"),
            ],
        );
    }

    #[test]
    fn month_name_alone_at_the_turn_of_the_year() {
        assert_spans(
            &calendar("2026-01-01"),
            &[
                ("january", "2026-01-01..2026-01-31"),
                ("february", "2025-02-01..2025-02-28"),
                ("december", "2025-12-01..2025-12-31"),
            ],
        );
    }

    #[test]
    fn quarters_halves_and_years() {
        assert_spans(
            &calendar("2026-11-23"),
            &[
                ("2026Q1", "2026-01-01..2026-03-31"),
                ("2026q2", "2026-04-01..2026-06-30"),
                ("2026Q3", "2026-07-01..2026-09-30"),
                ("2026-Q3", "2026-07-01..2026-09-30"),
                ("Q3 2026", "2026-07-01..2026-09-30"),
                ("q3-2026", "2026-07-01..2026-09-30"),
                ("2026 Q4", "2026-10-01..2026-12-31"),
                ("Q3", "2026-07-01..2026-09-30"),
                ("Q4", "2026-10-01..2026-12-31"),
                ("2024Q1", "2024-01-01..2024-03-31"),
                ("2026H1", "2026-01-01..2026-06-30"),
                ("2026-H2", "2026-07-01..2026-12-31"),
                ("H1 2026", "2026-01-01..2026-06-30"),
                ("H1", "2026-01-01..2026-06-30"),
                ("h2", "2026-07-01..2026-12-31"),
                ("2026", "2026-01-01..2026-12-31"),
                ("2024", "2024-01-01..2024-12-31"),
                ("FY2026", "2026-01-01..2026-12-31"),
                ("fy 2025", "2025-01-01..2025-12-31"),
            ],
        );
    }

    #[test]
    fn quarter_and_half_boundaries() {
        // The first day of Q3 and H2.
        assert_spans(
            &calendar("2026-07-01"),
            &[
                ("this quarter", "2026-07-01..2026-09-30"),
                ("last quarter", "2026-04-01..2026-06-30"),
                ("this half", "2026-07-01..2026-12-31"),
                ("last half", "2026-01-01..2026-06-30"),
                ("Q3", "2026-07-01..2026-09-30"),
                ("Q4", "2025-10-01..2025-12-31"),
                ("H2", "2026-07-01..2026-12-31"),
            ],
        );
        // The last day of Q2 and H1: Q3 and H2 have not started, so they are last year's.
        assert_spans(
            &calendar("2026-06-30"),
            &[
                ("this quarter", "2026-04-01..2026-06-30"),
                ("this half", "2026-01-01..2026-06-30"),
                ("Q2", "2026-04-01..2026-06-30"),
                ("Q3", "2025-07-01..2025-09-30"),
                ("H2", "2025-07-01..2025-12-31"),
            ],
        );
        // New Year's Day: every "last" crosses into the previous year.
        assert_spans(
            &calendar("2026-01-01"),
            &[
                ("last month", "2025-12-01..2025-12-31"),
                ("last quarter", "2025-10-01..2025-12-31"),
                ("last half", "2025-07-01..2025-12-31"),
                ("last year", "2025-01-01..2025-12-31"),
                ("this year", "2026-01-01..2026-12-31"),
                ("yesterday", "2025-12-31..2025-12-31"),
            ],
        );
    }

    #[test]
    fn relative_days_and_weekdays() {
        assert_spans(
            &calendar("2026-11-23"),
            &[
                ("today", "2026-11-23..2026-11-23"),
                ("TODAY", "2026-11-23..2026-11-23"),
                ("yesterday", "2026-11-22..2026-11-22"),
                ("friday", "2026-11-20..2026-11-20"),
                ("last friday", "2026-11-20..2026-11-20"),
                ("last-friday", "2026-11-20..2026-11-20"),
                ("monday", "2026-11-23..2026-11-23"),
                ("last monday", "2026-11-16..2026-11-16"),
                ("sunday", "2026-11-22..2026-11-22"),
                ("prev sun", "2026-11-22..2026-11-22"),
                ("tuesday", "2026-11-17..2026-11-17"),
                ("previous Tue", "2026-11-17..2026-11-17"),
                ("0 days ago", "2026-11-23..2026-11-23"),
                ("1 day ago", "2026-11-22..2026-11-22"),
                ("3 days ago", "2026-11-20..2026-11-20"),
                ("90 days ago", "2026-08-25..2026-08-25"),
                ("2 weeks ago", "2026-11-09..2026-11-09"),
                ("a week ago", "2026-11-16..2026-11-16"),
                ("3 months ago", "2026-08-23..2026-08-23"),
                ("a month ago", "2026-10-23..2026-10-23"),
                ("1 year ago", "2025-11-23..2025-11-23"),
                ("one year ago", "2025-11-23..2025-11-23"),
                ("last 30 days", "2026-10-24..2026-11-23"),
                ("past 2 weeks", "2026-11-09..2026-11-23"),
                ("Last-3-months", "2026-08-23..2026-11-23"),
                ("past a year", "2025-11-23..2026-11-23"),
            ],
        );
    }

    #[test]
    fn a_mistyped_phrase_gets_a_suggestion() {
        let cal = calendar("2026-11-23");
        let error = |text: &str| span(text, &cal).expect_err(text).to_string();
        assert_eq!(
            error("last quater"),
            "unknown date or period `last quater`; did you mean `last quarter`?"
        );
        assert_eq!(
            error("3 monhts ago"),
            "unknown date or period `3 monhts ago`; did you mean `3 months ago`?"
        );
        assert!(error("blorp").starts_with("unknown date or period `blorp`; try one of:"));
    }

    #[test]
    fn weekdays_when_today_is_that_weekday() {
        assert_spans(
            &calendar("2026-11-27"),
            &[
                ("friday", "2026-11-27..2026-11-27"),
                ("last friday", "2026-11-20..2026-11-20"),
                ("thursday", "2026-11-26..2026-11-26"),
                ("last thursday", "2026-11-26..2026-11-26"),
            ],
        );
    }

    #[test]
    fn days_back_at_month_ends_and_leap_days() {
        assert_spans(
            &calendar("2026-05-31"),
            &[
                ("3 months ago", "2026-02-28..2026-02-28"),
                ("1 month ago", "2026-04-30..2026-04-30"),
                ("a month ago", "2026-04-30..2026-04-30"),
            ],
        );
        assert_spans(
            &calendar("2024-03-31"),
            &[
                ("1 month ago", "2024-02-29..2024-02-29"),
                ("last month", "2024-02-01..2024-02-29"),
            ],
        );
        assert_spans(
            &calendar("2024-02-29"),
            &[
                ("1 year ago", "2023-02-28..2023-02-28"),
                ("4 years ago", "2020-02-29..2020-02-29"),
                ("this month", "2024-02-01..2024-02-29"),
            ],
        );
        assert_spans(
            &calendar("2024-03-01"),
            &[("yesterday", "2024-02-29..2024-02-29")],
        );
    }

    #[test]
    fn this_and_last_periods() {
        assert_spans(
            &calendar("2026-11-23"),
            &[
                ("this week", "2026-11-23..2026-11-29"),
                ("last week", "2026-11-16..2026-11-22"),
                ("this month", "2026-11-01..2026-11-30"),
                ("last month", "2026-10-01..2026-10-31"),
                ("previous month", "2026-10-01..2026-10-31"),
                ("last-month", "2026-10-01..2026-10-31"),
                ("this quarter", "2026-10-01..2026-12-31"),
                ("last quarter", "2026-07-01..2026-09-30"),
                ("prev quarter", "2026-07-01..2026-09-30"),
                ("this half", "2026-07-01..2026-12-31"),
                ("last half", "2026-01-01..2026-06-30"),
                ("this year", "2026-01-01..2026-12-31"),
                ("Last Year", "2025-01-01..2025-12-31"),
            ],
        );
    }

    #[test]
    fn week_start_decides_this_and_last_week() {
        let mut cal = calendar("2026-11-23");
        cal.week_start = Weekday::Sun;
        assert_spans(
            &cal,
            &[
                ("this week", "2026-11-22..2026-11-28"),
                ("last week", "2026-11-15..2026-11-21"),
            ],
        );
        // A Sunday: the first day of a Sunday week, the last day of a Monday week.
        let mut cal = calendar("2026-11-22");
        cal.week_start = Weekday::Sun;
        assert_spans(&cal, &[("this week", "2026-11-22..2026-11-28")]);
        cal.week_start = Weekday::Mon;
        assert_spans(
            &cal,
            &[
                ("this week", "2026-11-16..2026-11-22"),
                ("last week", "2026-11-09..2026-11-15"),
            ],
        );
    }

    #[test]
    fn fiscal_year_starting_in_april() {
        let mut cal = calendar("2026-11-23");
        cal.year_start = 4;
        assert_spans(
            &cal,
            &[
                ("2026Q1", "2026-04-01..2026-06-30"),
                ("2026Q4", "2027-01-01..2027-03-31"),
                ("Q1 2026", "2026-04-01..2026-06-30"),
                ("2026H1", "2026-04-01..2026-09-30"),
                ("2026H2", "2026-10-01..2027-03-31"),
                ("FY2026", "2026-04-01..2027-03-31"),
                // A bare year stays the calendar year.
                ("2026", "2026-01-01..2026-12-31"),
                ("this year", "2026-04-01..2027-03-31"),
                ("last year", "2025-04-01..2026-03-31"),
                ("this quarter", "2026-10-01..2026-12-31"),
                ("last quarter", "2026-07-01..2026-09-30"),
                ("this half", "2026-10-01..2027-03-31"),
                ("last half", "2026-04-01..2026-09-30"),
                ("Q1", "2026-04-01..2026-06-30"),
                ("Q3", "2026-10-01..2026-12-31"),
                // FY2026 Q4 has not started: the most recent Q4 is FY2025's.
                ("Q4", "2026-01-01..2026-03-31"),
                ("H2", "2026-10-01..2027-03-31"),
                // Months and weeks ignore the fiscal year.
                ("may", "2026-05-01..2026-05-31"),
                ("this month", "2026-11-01..2026-11-30"),
            ],
        );
        cal.today = date("2026-02-15");
        assert_spans(
            &cal,
            &[
                ("this year", "2025-04-01..2026-03-31"),
                ("last year", "2024-04-01..2025-03-31"),
                ("this quarter", "2026-01-01..2026-03-31"),
                ("last quarter", "2025-10-01..2025-12-31"),
                ("this half", "2025-10-01..2026-03-31"),
                ("Q1", "2025-04-01..2025-06-30"),
                ("Q4", "2026-01-01..2026-03-31"),
            ],
        );
        cal.year_start = 10;
        cal.today = date("2026-11-23");
        assert_spans(
            &cal,
            &[
                ("this year", "2026-10-01..2027-09-30"),
                ("2026Q1", "2026-10-01..2026-12-31"),
                ("2026Q2", "2027-01-01..2027-03-31"),
                ("last quarter", "2026-07-01..2026-09-30"),
            ],
        );
    }

    #[test]
    fn ranges_with_either_side_open() {
        assert_spans(
            &calendar("2026-11-23"),
            &[
                ("2026-01..2026-03", "2026-01-01..2026-03-31"),
                (" 2026-01 .. 2026-03 ", "2026-01-01..2026-03-31"),
                ("2026-01..", "2026-01-01.."),
                ("..2026-03", "..2026-03-31"),
                ("..", ".."),
                ("Q1..today", "2026-01-01..2026-11-23"),
                ("last month..this month", "2026-10-01..2026-11-30"),
                ("2026-05-01..2026-05-01", "2026-05-01..2026-05-01"),
            ],
        );
    }

    #[test]
    fn open_sides_are_reported_as_missing_days() {
        let cal = calendar("2026-11-23");
        let open_end = span("2026-01..", &cal).expect("open end");
        assert_eq!(open_end.first_day(), Some(date("2026-01-01")));
        assert_eq!(open_end.last_day(), None);
        assert!(open_end.contains(date("9999-12-31")));
        assert!(!open_end.contains(date("2025-12-31")));
        let open_start = span("..2026-03", &cal).expect("open start");
        assert_eq!(open_start.first_day(), None);
        assert_eq!(open_start.end, date("2026-03-31"));
    }

    fn dates_reviews() -> Reviews {
        Reviews::Dates(vec![
            date("2026-05-01"),
            date("2025-11-01"),
            date("2027-05-01"),
        ])
    }

    fn half_yearly_reviews() -> Reviews {
        Reviews::Cycle {
            start: date("2025-05-01"),
            every_months: 6,
        }
    }

    #[test]
    fn reviews_from_a_list_of_dates() {
        let mut cal = calendar("2026-11-23");
        cal.reviews = dates_reviews();
        assert_spans(
            &cal,
            &[
                ("last-review", "2026-05-01..2026-11-23"),
                ("Last Review", "2026-05-01..2026-11-23"),
                ("this-cycle", "2026-05-01..2026-11-23"),
                ("last-review..", "2026-05-01.."),
            ],
        );
        cal.today = date("2026-05-01");
        assert_spans(&cal, &[("last-review", "2026-05-01..2026-05-01")]);
    }

    #[test]
    fn reviews_from_a_cycle() {
        let mut cal = calendar("2026-11-23");
        cal.reviews = half_yearly_reviews();
        assert_spans(
            &cal,
            &[
                ("last-review", "2026-11-01..2026-11-23"),
                ("this-cycle", "2026-11-01..2027-04-30"),
            ],
        );
        cal.today = date("2026-11-01");
        assert_spans(
            &cal,
            &[
                ("last-review", "2026-11-01..2026-11-01"),
                ("this-cycle", "2026-11-01..2027-04-30"),
            ],
        );
        cal.today = date("2026-10-31");
        assert_spans(
            &cal,
            &[
                ("last-review", "2026-05-01..2026-10-31"),
                ("this-cycle", "2026-05-01..2026-10-31"),
            ],
        );
        cal.today = date("2025-05-01");
        assert_spans(&cal, &[("this-cycle", "2025-05-01..2025-10-31")]);
    }

    #[test]
    fn review_cycle_dates_clamp_to_month_ends_without_drifting() {
        let mut cal = calendar("2026-03-15");
        cal.reviews = Reviews::Cycle {
            start: date("2026-01-31"),
            every_months: 1,
        };
        assert_spans(
            &cal,
            &[
                ("last-review", "2026-02-28..2026-03-15"),
                ("this-cycle", "2026-02-28..2026-03-30"),
            ],
        );
        // In the month of a review that has not come yet.
        cal.reviews = Reviews::Cycle {
            start: date("2026-01-20"),
            every_months: 1,
        };
        cal.today = date("2026-03-10");
        assert_spans(&cal, &[("this-cycle", "2026-02-20..2026-03-19")]);
    }

    #[test]
    fn unknown_and_invalid_expressions_are_errors() {
        let cal = calendar("2026-11-23");
        assert_span_errors(
            &cal,
            &[
                ("", "empty date or period"),
                ("   ", "empty date or period"),
                (
                    "someday",
                    "unknown date or period `someday`; try one of: 2026-05-01",
                ),
                ("  Someday  ", "`Someday`"),
                ("next week", "unknown date or period"),
                ("this friday", "unknown date or period"),
                ("3 fortnights ago", "unknown date or period"),
                ("-3 days ago", "unknown date or period"),
                ("may--2026", "unknown date or period"),
                ("2026Q5", "unknown date or period"),
                ("2026H3", "unknown date or period"),
                ("fy", "unknown date or period"),
                ("may june", "unknown date or period"),
                ("20260", "unknown date or period"),
                ("2026-01..2026-02..2026-03", "unknown date or period"),
                ("2026-02-30", "`2026-02-30` is not a real date"),
                ("2025-02-29", "is not a real date"),
                ("2026-13", "is not a real date"),
                ("2026-00", "is not a real date"),
                (
                    "2026-06..2026-05",
                    "starts on 2026-06-01, after it ends on 2026-05-31",
                ),
            ],
        );
    }

    #[test]
    fn numbers_too_big_are_errors_not_overflows() {
        let cal = calendar("2026-11-23");
        assert_span_errors(
            &cal,
            &[
                ("99999999 days ago", "outside the range of supported dates"),
                ("99999999999999999999999 days ago", "outside the range"),
                ("3000000000000000000 weeks ago", "outside the range"),
                ("5000000000 months ago", "outside the range"),
                ("300000 years ago", "outside the range"),
                ("2000000000000000000 years ago", "outside the range"),
            ],
        );
        let at_the_end_of_time = Calendar::new(NaiveDate::MAX);
        assert_span_errors(
            &at_the_end_of_time,
            &[
                ("this month", "outside the range"),
                ("this week", "outside the range"),
                ("this year", "outside the range"),
            ],
        );
        assert_span_errors(&Calendar::new(NaiveDate::MIN), &[("yesterday", "outside")]);
    }

    #[test]
    fn missing_or_unusable_reviews_are_errors() {
        let mut cal = calendar("2026-11-23");
        assert_span_errors(
            &cal,
            &[
                (
                    "last-review",
                    "no review dates are configured; add `review:` to the config",
                ),
                ("this-cycle", "add `review:` to the config"),
            ],
        );
        cal.reviews = Reviews::Dates(Vec::new());
        assert_span_errors(&cal, &[("last-review", "add `review:` to the config")]);
        cal.reviews = Reviews::Dates(vec![date("2027-01-01")]);
        assert_span_errors(
            &cal,
            &[("last-review", "no review is on or before 2026-11-23")],
        );
        cal.reviews = Reviews::Cycle {
            start: date("2027-01-01"),
            every_months: 6,
        };
        assert_span_errors(
            &cal,
            &[("this-cycle", "no review is on or before 2026-11-23")],
        );
        cal.reviews = Reviews::Cycle {
            start: date("2026-01-01"),
            every_months: 0,
        };
        assert_span_errors(&cal, &[("this-cycle", "every 1 month or more")]);
    }

    #[test]
    fn year_start_out_of_range_is_an_error_for_fiscal_periods_only() {
        for bad_year_start in [0, 13] {
            let mut cal = calendar("2026-11-23");
            cal.year_start = bad_year_start;
            assert_span_errors(
                &cal,
                &[
                    ("Q1", "year_start must be a month number from 1 to 12"),
                    ("this year", "year_start"),
                    ("FY2026", "year_start"),
                ],
            );
            assert_spans(
                &cal,
                &[
                    ("2026", "2026-01-01..2026-12-31"),
                    ("this month", "2026-11-01..2026-11-30"),
                ],
            );
        }
    }

    #[test]
    fn day_takes_single_day_expressions() {
        let cal = calendar("2026-11-23");
        let cases = [
            ("2026-05-01", "2026-05-01"),
            ("today", "2026-11-23"),
            ("yesterday", "2026-11-22"),
            ("friday", "2026-11-20"),
            ("last monday", "2026-11-16"),
            ("3 days ago", "2026-11-20"),
            ("2 months ago", "2026-09-23"),
            ("2026-05-01..2026-05-01", "2026-05-01"),
        ];
        for (input, expected) in cases {
            assert_eq!(day(input, &cal), Ok(date(expected)), "day({input:?})");
        }
    }

    #[test]
    fn day_rejects_periods_and_bad_input() {
        let cal = calendar("2026-11-23");
        let cases = [
            (
                "may",
                "`may` covers 2026-05-01..2026-05-31, but a single day is needed",
            ),
            ("this week", "a single day is needed"),
            (
                "2026-05-01..",
                "covers 2026-05-01.., but a single day is needed",
            ),
            (
                "someday",
                "unknown day `someday`; try one of: 2026-05-01, today, yesterday, friday, \
                 last friday, 3 days ago",
            ),
            ("", "empty day; try one of: 2026-05-01"),
        ];
        for (input, expected_fragment) in cases {
            let error = day(input, &cal).expect_err(input);
            assert!(
                error.to_string().contains(expected_fragment),
                "day({input:?}) error {error} lacks {expected_fragment:?}"
            );
        }
    }

    #[test]
    fn range_combines_since_until_and_on() {
        let cal = calendar("2026-11-23");
        let closed = |start: &str, end: &str| {
            Some(DateRange {
                start: date(start),
                end: date(end),
            })
        };
        let cases = [
            ((None, None, None), None),
            (
                (Some("2026-05"), None, None),
                Some(DateRange {
                    start: date("2026-05-01"),
                    end: NaiveDate::MAX,
                }),
            ),
            (
                (None, Some("2026-05"), None),
                Some(DateRange {
                    start: NaiveDate::MIN,
                    end: date("2026-05-31"),
                }),
            ),
            (
                (Some("last quarter"), Some("last month"), None),
                closed("2026-07-01", "2026-10-31"),
            ),
            (
                (Some("may"), Some("may"), None),
                closed("2026-05-01", "2026-05-31"),
            ),
            ((None, None, Some("Q3")), closed("2026-07-01", "2026-09-30")),
            (
                (None, None, Some("2026-01..")),
                span("2026-01..", &cal).ok(),
            ),
        ];
        for ((since, until, on), expected) in cases {
            assert_eq!(
                range(since, until, on, &cal),
                Ok(expected),
                "range({since:?}, {until:?}, {on:?})"
            );
        }
    }

    #[test]
    fn range_errors() {
        let cal = calendar("2026-11-23");
        let cases = [
            ((Some("may"), None, Some("june")), "--on cannot be combined"),
            ((None, Some("may"), Some("june")), "--on cannot be combined"),
            (
                (Some("2026-06"), Some("2026-05"), None),
                "--since `2026-06` starts on 2026-06-01, after --until `2026-05` ends on 2026-05-31",
            ),
            (
                (Some("someday"), None, None),
                "unknown date or period `someday`",
            ),
            (
                (None, Some("2026-13"), None),
                "`2026-13` is not a real date",
            ),
            ((None, None, Some("")), "empty date or period"),
        ];
        for ((since, until, on), expected_fragment) in cases {
            let error = range(since, until, on, &cal).expect_err("range should fail");
            assert!(
                error.to_string().contains(expected_fragment),
                "range({since:?}, {until:?}, {on:?}) error {error} lacks {expected_fragment:?}"
            );
        }
    }

    #[test]
    fn display_prints_open_sides_empty() {
        let day = date("2026-05-01");
        let cases = [
            (DateRange::single_day(day), "2026-05-01..2026-05-01"),
            (
                DateRange {
                    start: day,
                    end: date("2026-11-23"),
                },
                "2026-05-01..2026-11-23",
            ),
            (
                DateRange {
                    start: day,
                    end: NaiveDate::MAX,
                },
                "2026-05-01..",
            ),
            (
                DateRange {
                    start: NaiveDate::MIN,
                    end: day,
                },
                "..2026-05-01",
            ),
            (
                DateRange {
                    start: NaiveDate::MIN,
                    end: NaiveDate::MAX,
                },
                "..",
            ),
        ];
        for (range, expected) in cases {
            assert_eq!(range.to_string(), expected);
        }
    }

    /// Words of the grammar and near misses, glued into phrases by the property tests.
    const VOCABULARY: &[&str] = &[
        "2026",
        "2024",
        "0000",
        "9999",
        "2026-05",
        "2026-02-29",
        "2024-02-29",
        "may",
        "sept",
        "friday",
        "q3",
        "h2",
        "2026q4",
        "fy2026",
        "fy",
        "today",
        "yesterday",
        "this",
        "last",
        "prev",
        "week",
        "month",
        "quarter",
        "half",
        "year",
        "review",
        "cycle",
        "ago",
        "days",
        "months",
        "years",
        "weeks",
        "a",
        "0",
        "7",
        "4294967296",
        "18446744073709551616",
        "..",
        "-",
        "",
        "é",
        "ß",
        "İ",
    ];

    fn any_calendar() -> impl Strategy<Value = Calendar> {
        let day_number = NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce();
        let near_now = 730_000..=740_000;
        (
            prop_oneof![day_number, near_now],
            0..=13u32,
            0..7u8,
            0..=13u32,
        )
            .prop_map(|(day_number, year_start, week_start, every_months)| {
                let today = NaiveDate::from_num_days_from_ce_opt(day_number)
                    .expect("strategy stays in chrono's range");
                let week_start = Weekday::try_from(week_start).expect("0..7 is a weekday");
                let reviews = match every_months {
                    13 => Reviews::None,
                    12 => Reviews::Dates(vec![date("2025-05-01"), date("2026-05-01")]),
                    _ => Reviews::Cycle {
                        start: date("2025-05-01"),
                        every_months,
                    },
                };
                Calendar {
                    today,
                    year_start,
                    week_start,
                    reviews,
                    date_order: None,
                }
            })
    }

    fn phrase() -> impl Strategy<Value = String> {
        let word = proptest::sample::select(VOCABULARY);
        let separator = proptest::sample::select(&[" ", "-", "..", "  "][..]);
        proptest::collection::vec((word, separator), 0..4).prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(word, separator)| format!("{word}{separator}"))
                .collect()
        })
    }

    /// Whether `Display` prints this range in a form the grammar reads back: four-digit years.
    fn printable(range: &DateRange) -> bool {
        let readable =
            |day: Option<NaiveDate>| day.is_none_or(|day| (0..=9999).contains(&day.year()));
        readable(range.first_day()) && readable(range.last_day())
    }

    proptest! {
        #[test]
        fn span_never_panics_on_arbitrary_text(text in "\\PC*", cal in any_calendar()) {
            if let Ok(range) = span(&text, &cal) {
                prop_assert!(range.start <= range.end);
            }
        }

        #[test]
        fn span_is_ordered_and_prints_back_to_itself(text in phrase(), cal in any_calendar()) {
            if let Ok(range) = span(&text, &cal) {
                prop_assert!(range.start <= range.end, "{text:?} gave {range:?}");
                if printable(&range) {
                    prop_assert_eq!(span(&range.to_string(), &cal), Ok(range));
                }
            }
            let _ = day(&text, &cal);
        }
    }
}
