//! `brag stats`: the habit in figures. [`build`] is pure (what one pass learned about
//! each selected entry, plus today and the range, in; [`Stats`] out), and the renderers
//! write it as bar charts or as JSON.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::measurable::is_measurable;
use crate::model::{Entry, Scope, YearMonth};

/// What the figures need from one entry; the entry itself is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub date: Option<NaiveDate>,
    pub month: Option<YearMonth>,
    pub tags: Vec<String>,
    pub scope: Option<Scope>,
    /// Situation, Task, Actions and Results are all there.
    pub complete: bool,
    /// Its Results state a measurable change (see `measurable`).
    pub measured: bool,
}

impl Facts {
    pub fn of(entry: &Entry<'_>) -> Self {
        Self {
            date: entry.date,
            month: entry.month,
            tags: entry.tags.iter().map(|tag| tag.to_string()).collect(),
            scope: entry.scope,
            complete: entry.star.iter().all(|(_, text)| text.is_some()),
            measured: entry
                .star
                .results
                .is_some_and(|results| is_measurable(results.raw)),
        }
    }
}

/// Everything [`build`] needs besides the facts.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub today: NaiveDate,
    /// The selected range's first and last day, where it has them.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// The first day of a week, for the streak.
    pub week_start: Weekday,
    /// The first month (1-12) of the review year, for quarters.
    pub year_start: u32,
}

/// The figures, as `--format json` writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// `from 2025-12-01 to 2026-11-23, tag mentoring`: the selection in words.
    pub range: String,
    /// The range's first and last day (`null` where it is open).
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub entries: usize,
    /// Every month of the range, empty ones included.
    pub months: Vec<MonthCount>,
    /// The latest entry's date, up to today.
    pub last_entry: Option<NaiveDate>,
    pub days_since_last_entry: Option<i64>,
    /// Weeks in a row with an entry, up to this week (or last week, while this one has
    /// none yet).
    pub streak_weeks: usize,
    /// Most used first, then by name; tags that differ only in case are one.
    pub tags: Vec<TagCount>,
    /// The scope ladder, business first, then entries without one.
    pub scopes: Vec<ScopeCount>,
    pub quarters: Vec<QuarterScope>,
    pub complete_star: Share,
    pub measured_results: Share,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    pub month: String,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCount {
    /// `null` for entries without a scope.
    pub scope: Option<Scope>,
    pub entries: usize,
}

/// The scope level of one quarter: the growth the ladder asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterScope {
    /// `2026-07..2026-09`.
    pub quarter: String,
    /// The first month, for the table's label.
    #[serde(skip)]
    pub first: YearMonth,
    pub entries: usize,
    /// Entries with a scope.
    pub scoped: usize,
    /// The median scope of the scoped entries (the lower one of an even count).
    pub median_scope: Option<Scope>,
    pub highest_scope: Option<Scope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub entries: usize,
    /// Of all entries, rounded (0 when there are none).
    pub percent: usize,
}

impl Share {
    fn of(count: usize, total: usize) -> Self {
        Self {
            entries: count,
            percent: (count * 100 + total / 2).checked_div(total).unwrap_or(0),
        }
    }
}

/// A scope's rung on the ladder: task 1 ..= business 5.
fn rung(scope: Scope) -> usize {
    Scope::ALL
        .iter()
        .position(|s| *s == scope)
        .map_or(0, |at| at + 1)
}

pub fn build(facts: &[Facts], range: String, options: Options) -> Stats {
    let today = options.today;
    let dates = || facts.iter().filter_map(|fact| fact.date);
    let months_of = || facts.iter().filter_map(|fact| fact.month);
    let first_month = options
        .first_day
        .map(YearMonth::of)
        .or_else(|| months_of().min());
    let last_month = options
        .last_day
        .map(YearMonth::of)
        .or_else(|| months_of().max().map(|m| m.max(YearMonth::of(today))));
    let mut per_month: HashMap<YearMonth, usize> = HashMap::new();
    for month in months_of() {
        *per_month.entry(month).or_default() += 1;
    }
    let months = month_span(first_month, last_month)
        .into_iter()
        .map(|month| MonthCount {
            month: month.to_string(),
            entries: per_month.get(&month).copied().unwrap_or(0),
        })
        .collect();

    let last_entry = dates().filter(|date| *date <= today).max();
    // Tags match ignoring case, as filters do; a tag keeps its first spelling.
    let mut tags: HashMap<String, TagCount> = HashMap::new();
    for tag in facts.iter().flat_map(|fact| &fact.tags) {
        tags.entry(tag.to_lowercase())
            .or_insert_with(|| TagCount {
                tag: tag.clone(),
                entries: 0,
            })
            .entries += 1;
    }
    let mut tags: Vec<TagCount> = tags.into_values().collect();
    tags.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.tag.cmp(&b.tag)));
    let scopes = Scope::ALL
        .iter()
        .rev()
        .map(|scope| Some(*scope))
        .chain([None])
        .map(|scope| ScopeCount {
            scope,
            entries: facts.iter().filter(|fact| fact.scope == scope).count(),
        })
        .collect();

    Stats {
        range,
        since: options.first_day,
        until: options.last_day,
        entries: facts.len(),
        months,
        last_entry,
        days_since_last_entry: last_entry.map(|date| (today - date).num_days()),
        streak_weeks: streak(dates(), today, options.week_start),
        tags,
        scopes,
        quarters: quarters(facts, first_month, last_month, options.year_start),
        complete_star: Share::of(facts.iter().filter(|f| f.complete).count(), facts.len()),
        measured_results: Share::of(facts.iter().filter(|f| f.measured).count(), facts.len()),
    }
}

/// Every month from `first` to `last`, both included.
fn month_span(first: Option<YearMonth>, last: Option<YearMonth>) -> Vec<YearMonth> {
    let (Some(mut month), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut span = Vec::new();
    while month <= last {
        span.push(month);
        match next_month(month) {
            Some(next) => month = next,
            None => break,
        }
    }
    span
}

fn next_month(month: YearMonth) -> Option<YearMonth> {
    if month.month == 12 {
        YearMonth::new(month.year.checked_add(1)?, 1)
    } else {
        YearMonth::new(month.year, month.month + 1)
    }
}

/// Weeks in a row with an entry, counting back from this week; while this week has
/// none yet, from last week.
fn streak(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate, week_start: Weekday) -> usize {
    let week_of = |date: NaiveDate| {
        let back = date.weekday().days_since(week_start);
        date.checked_sub_days(Days::new(u64::from(back)))
    };
    let weeks: std::collections::HashSet<NaiveDate> = dates
        .filter(|date| *date <= today)
        .filter_map(week_of)
        .collect();
    let Some(mut week) = week_of(today) else {
        return 0;
    };
    if !weeks.contains(&week) {
        match week.checked_sub_days(Days::new(7)) {
            Some(previous) => week = previous,
            None => return 0,
        }
    }
    let mut count = 0;
    while weeks.contains(&week) {
        count += 1;
        match week.checked_sub_days(Days::new(7)) {
            Some(previous) => week = previous,
            None => break,
        }
    }
    count
}

/// The quarters of the range (aligned on the review year's first month), each with the
/// median and highest scope of its entries.
fn quarters(
    facts: &[Facts],
    first: Option<YearMonth>,
    last: Option<YearMonth>,
    year_start: u32,
) -> Vec<QuarterScope> {
    let quarter_start = |month: YearMonth| {
        let back = (month.month + 12 - year_start.clamp(1, 12)) % 3;
        let mut start = month;
        for _ in 0..back {
            start = previous_month(start);
        }
        start
    };
    let mut by_quarter: HashMap<YearMonth, (usize, Vec<Scope>)> = HashMap::new();
    for fact in facts {
        if let Some(month) = fact.month {
            let (entries, scopes) = by_quarter.entry(quarter_start(month)).or_default();
            *entries += 1;
            scopes.extend(fact.scope);
        }
    }
    let mut starts: Vec<YearMonth> = month_span(first, last)
        .into_iter()
        .map(quarter_start)
        .collect();
    starts.dedup();
    starts
        .into_iter()
        .map(|start| {
            let (entries, mut scopes) = by_quarter.remove(&start).unwrap_or_default();
            scopes.sort_unstable();
            let median = scopes
                .len()
                .checked_sub(1)
                .and_then(|last| scopes.get(last / 2));
            let end = next_month(next_month(start).unwrap_or(start)).unwrap_or(start);
            QuarterScope {
                quarter: format!("{start}..{end}"),
                first: start,
                entries,
                scoped: scopes.len(),
                median_scope: median.copied(),
                highest_scope: scopes.last().copied(),
            }
        })
        .collect()
}

fn previous_month(month: YearMonth) -> YearMonth {
    let previous = if month.month == 1 {
        YearMonth::new(month.year - 1, 12)
    } else {
        YearMonth::new(month.year, month.month - 1)
    };
    previous.unwrap_or(month)
}

/// How the table looks: colour and Unicode blocks on a terminal, ASCII otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub color: bool,
    pub unicode: bool,
}

/// The longest bar, in columns.
const BAR_WIDTH: usize = 30;
/// Tags shown in the chart; the rest are counted on one line.
const TAGS_SHOWN: usize = 10;

const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn table(stats: &Stats, look: Look, out: &mut impl Write) -> Result<()> {
    let heading = |out: &mut dyn Write, text: &str| -> std::io::Result<()> {
        if look.color {
            writeln!(out, "\n{BOLD}{text}{RESET}")
        } else {
            writeln!(out, "\n{text}")
        }
    };
    let noun = if stats.entries == 1 {
        "entry"
    } else {
        "entries"
    };
    writeln!(out, "{} {noun}, {}", stats.entries, stats.range)?;

    heading(out, "Entries per month")?;
    let most = stats.months.iter().map(|m| m.entries).max().unwrap_or(0);
    for month in &stats.months {
        let label = month_label(&month.month);
        bar_row(out, look, &label, 8, month.entries, most)?;
    }
    if stats.months.is_empty() {
        writeln!(out, "  (no months)")?;
    }

    heading(out, "Habit")?;
    match (stats.last_entry, stats.days_since_last_entry) {
        (Some(date), Some(days)) => writeln!(
            out,
            "  last entry   {date} ({})",
            match days {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                n => format!("{n} days ago"),
            }
        )?,
        _ => writeln!(out, "  last entry   none")?,
    }
    let weeks = if stats.streak_weeks == 1 {
        "week"
    } else {
        "weeks"
    };
    writeln!(
        out,
        "  streak       {} {weeks} in a row with an entry",
        stats.streak_weeks
    )?;

    heading(out, "Tags")?;
    let shown = &stats.tags[..stats.tags.len().min(TAGS_SHOWN)];
    let width = shown
        .iter()
        .map(|t| t.tag.chars().count())
        .max()
        .unwrap_or(0);
    let most = shown.first().map_or(0, |t| t.entries);
    for tag in shown {
        bar_row(out, look, &tag.tag, width, tag.entries, most)?;
    }
    match stats.tags.len() - shown.len() {
        0 if shown.is_empty() => writeln!(out, "  (no tags)")?,
        0 => {}
        more => writeln!(out, "  and {more} more")?,
    }

    heading(out, "Scope")?;
    let most = stats.scopes.iter().map(|s| s.entries).max().unwrap_or(0);
    for scope in &stats.scopes {
        let name = scope.scope.map_or("(none)", Scope::as_str);
        bar_row(out, look, name, 9, scope.entries, most)?;
    }

    heading(out, "Scope by quarter")?;
    for quarter in &stats.quarters {
        let label = quarter_label(quarter.first);
        let level = quarter.median_scope.map_or(0, rung);
        let detail = match (quarter.median_scope, quarter.highest_scope) {
            (Some(median), Some(highest)) => format!(
                "median {median}, highest {highest} ({} of {} with scope)",
                quarter.scoped, quarter.entries
            ),
            _ => format!("no scope ({} entries)", quarter.entries),
        };
        write!(out, "  {label:<16} ")?;
        ladder_bar(out, look, level)?;
        writeln!(out, "  {detail}")?;
    }
    if stats.quarters.is_empty() {
        writeln!(out, "  (no quarters)")?;
    }

    heading(out, "Evidence")?;
    for (label, share) in [
        ("all four STAR fields", stats.complete_star),
        ("measurable results", stats.measured_results),
    ] {
        writeln!(
            out,
            "  {label:<21} {:>3}%  {} of {}",
            share.percent, share.entries, stats.entries
        )?;
    }
    Ok(())
}

/// `  label  ████▌  12`, the bar scaled to `most`.
fn bar_row(
    out: &mut impl Write,
    look: Look,
    label: &str,
    width: usize,
    count: usize,
    most: usize,
) -> Result<()> {
    let pad = width.saturating_sub(label.chars().count());
    write!(out, "  {label}{:pad$}  ", "")?;
    let eighths = (count * BAR_WIDTH * 8).checked_div(most).unwrap_or(0);
    let eighths = if count > 0 { eighths.max(1) } else { 0 };
    let bar = bar(eighths, look.unicode);
    let used = bar.chars().count();
    if look.color && count > 0 {
        write!(out, "{CYAN}{bar}{RESET}")?;
    } else {
        write!(out, "{bar}")?;
    }
    let count_text = count.to_string();
    if look.color && count == 0 {
        writeln!(
            out,
            "{:gap$}{DIM}{count_text}{RESET}",
            "",
            gap = BAR_WIDTH - used + 1
        )?;
    } else {
        writeln!(out, "{:gap$}{count_text}", "", gap = BAR_WIDTH - used + 1)?;
    }
    Ok(())
}

/// A bar of `eighths` eighths of a column: full blocks and one partial block in
/// Unicode, `#` per started column in ASCII.
fn bar(eighths: usize, unicode: bool) -> String {
    if !unicode {
        return "#".repeat(eighths.div_ceil(8));
    }
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        bar.push(PARTS[eighths % 8]);
    }
    bar
}

/// The ladder's five rungs, `level` of them filled: `███░░` or `###--`.
fn ladder_bar(out: &mut impl Write, look: Look, level: usize) -> Result<()> {
    let (full, empty) = if look.unicode {
        ("█", "░")
    } else {
        ("#", "-")
    };
    let filled = full.repeat(level.min(5));
    let rest = empty.repeat(5 - level.min(5));
    if look.color {
        write!(out, "{CYAN}{filled}{RESET}{DIM}{rest}{RESET}")?;
    } else {
        write!(out, "{filled}{rest}")?;
    }
    Ok(())
}

/// `2026-03` -> `Mar 2026`.
fn month_label(month: &str) -> String {
    YearMonth::parse(month).map_or_else(|| month.to_string(), YearMonth::in_short_words)
}

/// `Jul-Sep 2026`, `Dec 2025-Feb 2026`.
fn quarter_label(first: YearMonth) -> String {
    let last = next_month(next_month(first).unwrap_or(first)).unwrap_or(first);
    let short = YearMonth::short_name;
    if first.year == last.year {
        format!("{}-{} {}", short(first), short(last), first.year)
    } else {
        format!(
            "{} {}-{} {}",
            short(first),
            first.year,
            short(last),
            last.year
        )
    }
}

/// The figures as one pretty JSON object and a newline.
pub fn json(stats: &Stats, out: &mut impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, stats)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn the_streak_counts_weeks_back_from_this_one_or_the_last() {
        let today = day("2026-11-25"); // a Wednesday
        let cases: &[(&[&str], usize)] = &[
            (&[], 0),
            (&["2026-11-23"], 1),
            (&["2026-11-20"], 1),
            (&["2026-11-24", "2026-11-17", "2026-11-09"], 3),
            (&["2026-11-24", "2026-11-09"], 1),
            (&["2026-11-12"], 0),
            (&["2026-11-30"], 0),
        ];
        for (dates, expected) in cases {
            let found = streak(dates.iter().map(|d| day(d)), today, Weekday::Mon);
            assert_eq!(found, *expected, "{dates:?}");
        }
    }

    #[test]
    fn bars_have_eighths_in_unicode_and_columns_in_ascii() {
        assert_eq!(bar(0, true), "");
        assert_eq!(bar(12, true), "█▌");
        assert_eq!(bar(12, false), "##");
        assert_eq!(bar(16, false), "##");
    }

    #[test]
    fn labels() {
        assert_eq!(month_label("2026-03"), "Mar 2026");
        assert_eq!(
            quarter_label(YearMonth::new(2025, 12).expect("month")),
            "Dec 2025-Feb 2026"
        );
        assert_eq!(
            quarter_label(YearMonth::new(2026, 7).expect("month")),
            "Jul-Sep 2026"
        );
    }
}
