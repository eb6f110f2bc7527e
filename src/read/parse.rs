//! `&str` -> [`Log`]: entries plus diagnostics. Never fails, never panics.
//!
//! # The format's grammar
//!
//! A log is Markdown. Its structure comes from ATX headings that start in the first
//! column and from top-level bullets that open with bold text (see `outline`):
//!
//! - **Periods.** A heading whose text names a period (see `heading` for every form) at
//!   any level opens it: years, halves and quarters are containers that give a missing
//!   year to what they hold; months group entries; week and day headings belong to the
//!   month that holds them and give their entries a date.
//! - **Entries.** Inside a period, a heading that is not a period is an entry, unless it
//!   holds headings of its own that are not field labels: then it is a *section* (a
//!   category such as `### Projects`) and those headings are the entries. A heading
//!   outside any period is an entry only when its title carries a date
//!   (`### 2026-11-03 Cut latency`). Under a period heading that holds no entry
//!   headings, a top-level bullet that opens with bold text is an entry
//!   (`- **Shipped X** (2026-11-03): ...`).
//! - **Blocks.** A heading entry runs to the next heading of its level or above; a bullet
//!   entry to the next mark. Fields and notes inside are read by `entry`.
//! - **Dates.** An entry's date is its `Date` field, else a date in its title, else its
//!   week or day heading, else the first day of its month; an entry with none of these
//!   has no date (`null`) and date filters leave it out.
//!
//! What cannot be placed with confidence is a diagnostic with the byte it concerns:
//! a date-like heading that is not a period, a month with no recoverable year, an
//! ambiguous or unreadable date, a duplicate month heading, months out of order.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::lint::Lint;
use crate::model::{Entry, YearMonth};
use crate::read::Reader;
use crate::read::entry::{self, Block, Enclosing, FactsToScan, Style};
use crate::read::heading::{self, HeadingKind, Period};
use crate::read::label;
use crate::read::outline::{self, Mark, MarkKind};
use crate::text;
use crate::threads::parallel;

/// The order of month headings in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    OldestFirst,
    NewestFirst,
}

/// A month heading and the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSection {
    pub month: YearMonth,
    pub level: u8,
    /// The heading line, without its line ending.
    pub heading: Range<usize>,
    /// From the heading to the next heading of its level or above.
    pub span: Range<usize>,
}

/// A log as read: entries in date order (oldest first), and what could not be placed.
#[derive(Debug)]
pub struct Log<'a> {
    pub src: &'a str,
    pub entries: Vec<Entry<'a>>,
    pub diagnostics: Vec<Diagnostic>,
    pub months: Vec<MonthSection>,
    pub order: Order,
}

/// A period heading of any kind (year, half, quarter, month, week, day) and its section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSection {
    pub period: Period,
    /// What the heading resolves to with what encloses it: its year, and its month for
    /// months, weeks and days.
    pub context: Enclosing,
    pub level: u8,
    /// The heading line, without its line ending.
    pub heading: Range<usize>,
    /// From the heading to the next heading of its level or above.
    pub span: Range<usize>,
}

/// The outline of a log: its entry blocks and month sections, before any entry is read.
#[derive(Debug, Default)]
pub struct Skeleton {
    pub blocks: Vec<Block>,
    pub months: Vec<MonthSection>,
    /// Every period heading, months included, in file order.
    pub periods: Vec<PeriodSection>,
    /// The outline's marks, in file order.
    pub marks: Vec<Mark>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a whole log.
pub fn parse(src: &str) -> Log<'_> {
    let reader = Reader::new(src);
    let (entries, mut found) = reader.read(&reader.all());
    let (months, order, mut diagnostics) = reader.into_outline();
    diagnostics.append(&mut found);
    diagnostics.sort_by_key(|d| d.offset);
    Log {
        src,
        entries,
        diagnostics,
        months,
        order,
    }
}

/// A block's title and date, reading the entry only when a line scan cannot decide
/// the date.
pub fn title_and_date<'a>(src: &'a str, block: &Block) -> (&'a str, Option<NaiveDate>) {
    let (title, title_date) = entry::title(src, block);
    let date = entry::quick(src, block, title_date, FactsToScan::DATE)
        .date
        .unwrap_or_else(|| entry::read(src, block, &mut Vec::new()).date);
    (title, date)
}

/// An open heading while walking the marks.
#[derive(Debug, Clone, Copy)]
struct Frame {
    level: u8,
    context: Enclosing,
    /// Inside a period (so its non-period headings are entries).
    in_period: bool,
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Period,
    Section,
    Entry,
}

/// What the walk needs of a heading mark that does not depend on the headings around
/// it, worked out for every heading on every core before the walk.
#[derive(Debug, Clone)]
struct HeadingFacts<'a> {
    /// The heading line, without its line ending.
    line: Range<usize>,
    /// Its text (see [`entry::heading_text`]).
    text: &'a str,
    /// The next heading of its level or above (or the end of the file).
    end: usize,
    /// Whether it holds a deeper heading that is not a field label.
    holds_other: bool,
    /// False when its text cannot name a period, whatever encloses it.
    may_be_period: bool,
}

/// [`HeadingFacts`] of every heading mark, in order: one list per core's part, so that
/// nothing is copied to join them.
fn heading_facts<'a>(src: &'a str, marks: &[Mark]) -> Vec<Vec<HeadingFacts<'a>>> {
    parallel(
        marks,
        |first, part| {
            let headings = part
                .iter()
                .filter(|mark| matches!(mark.kind, MarkKind::Heading(_)))
                .count();
            let mut facts = Vec::with_capacity(headings);
            for (offset, mark) in part.iter().enumerate() {
                if let MarkKind::Heading(level) = mark.kind {
                    let index = first + offset;
                    let line = mark.line(src);
                    let text = entry::heading_text(&src[line.clone()]);
                    let (end, holds_other) = section(src, marks, index, level);
                    facts.push(HeadingFacts {
                        line,
                        text,
                        end,
                        holds_other,
                        may_be_period: heading::may_be_period(text),
                    });
                }
            }
            vec![facts]
        },
        |mut a, b| {
            a.extend(b);
            a
        },
    )
}

/// Walks the outline's marks into entry blocks and month sections.
pub fn skeleton(src: &str) -> Skeleton {
    let outline = outline::scan(src);
    let marks = &outline.marks;
    let facts = heading_facts(src, marks);
    let mut out = Skeleton {
        // Most headings are entries: room for them all, so the list is not moved.
        blocks: Vec::with_capacity(facts.iter().map(Vec::len).sum()),
        ..Skeleton::default()
    };
    let mut headings = facts.into_iter().flatten();
    let mut lines = text::LineCounter::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut seen_months: HashMap<YearMonth, usize> = HashMap::new();
    for (index, mark) in marks.iter().enumerate() {
        let level = match mark.kind {
            MarkKind::Heading(level) => level,
            MarkKind::Bullet => {
                // Most bullets are fields of a heading entry: skip them before any work.
                let Some(frame) = stack
                    .last()
                    .filter(|f| f.role != Role::Entry && f.in_period)
                else {
                    continue;
                };
                let line_range = mark.line(src);
                let line = &src[line_range.clone()];
                let title = line[4..].split("**").next().unwrap_or("");
                if label::key_of(title.trim_end_matches(':')).is_none() {
                    out.blocks.push(Block {
                        style: Style::Bullet,
                        span: mark.start..next_start(src, marks, index + 1),
                        title_line: line_range,
                        line_no: lines.line_of(src, mark.start),
                        context: frame.context,
                    });
                }
                continue;
            }
        };
        // One for every heading mark, in the same order: never short.
        let Some(facts) = headings.next() else {
            break;
        };
        let line_range = facts.line;
        while stack.last().is_some_and(|frame| frame.level >= level) {
            stack.pop();
        }
        let parent = stack.last().copied();
        let context = parent.map(|f| f.context).unwrap_or_default();
        let in_period = parent.is_some_and(|f| f.in_period);
        if parent.is_some_and(|f| f.role == Role::Entry) {
            // A field heading (`#### Results`): part of the entry above.
            stack.push(Frame {
                level,
                context,
                in_period,
                role: Role::Entry,
            });
            continue;
        }
        let text = facts.text;
        let end = facts.end;
        let kind = if facts.may_be_period {
            heading::classify(text, context.year, context.month)
        } else {
            HeadingKind::Other
        };
        let opens = match kind {
            HeadingKind::Period(period) => {
                let context = period_context(period, context, mark.start, &mut out.diagnostics);
                out.periods.push(PeriodSection {
                    period,
                    context,
                    level,
                    heading: line_range.clone(),
                    span: mark.start..end,
                });
                if let (Period::Month { .. }, Some(month)) = (period, context.month) {
                    if let Some(&first_line) = seen_months.get(&month) {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                mark.start,
                                format!(
                                    "{} {} already has a heading on line {first_line}",
                                    month.month_name(),
                                    month.year
                                ),
                            )
                            .with_hint("merge the two sections; brag add writes to the last one"),
                        );
                    } else {
                        seen_months.insert(month, lines.line_of(src, mark.start));
                    }
                    out.months.push(MonthSection {
                        month,
                        level,
                        heading: line_range.clone(),
                        span: mark.start..end,
                    });
                }
                Some(context)
            }
            HeadingKind::DateLike | HeadingKind::NoYear => {
                // Reported, and still a period: its entries are listed, dated by what
                // encloses it (or not at all).
                out.diagnostics.push(if kind == HeadingKind::DateLike {
                    Diagnostic::warning(
                        mark.start,
                        format!(
                            "heading {text:?} looks like a date but is not a period brag knows"
                        ),
                    )
                    .with_hint("write months as \"November 2026\" and days as \"2026-11-06\"")
                } else {
                    Diagnostic::warning(mark.start, format!("heading {text:?} has no year"))
                        .with_hint("put it under a year or month heading, or write the year")
                });
                Some(context)
            }
            HeadingKind::Other => None,
        };
        if let Some(context) = opens {
            stack.push(Frame {
                level,
                context,
                in_period: true,
                role: Role::Period,
            });
            continue;
        }
        let is_section = facts.holds_other;
        let dated_title = !in_period && has_title_date(text, context);
        let role = if (in_period || dated_title) && !is_section {
            out.blocks.push(Block {
                style: Style::Heading,
                span: mark.start..end,
                title_line: line_range.clone(),
                line_no: lines.line_of(src, mark.start),
                context,
            });
            Role::Entry
        } else {
            Role::Section
        };
        stack.push(Frame {
            level,
            context,
            in_period,
            role,
        });
    }
    out.marks = outline.marks;
    out
}

/// The date context a period heading opens, given what encloses it.
fn period_context(
    period: Period,
    outer: Enclosing,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Enclosing {
    let no_year = |diagnostics: &mut Vec<Diagnostic>, what: &str| {
        diagnostics.push(
            Diagnostic::warning(offset, format!("{what} with no recoverable year"))
                .with_hint("put it under a year heading, or write the year (\"April 2026\")"),
        );
    };
    match period {
        Period::Year(year) => Enclosing {
            year: Some(year),
            month: None,
            day: None,
        },
        Period::Half { year, .. } | Period::Quarter { year, .. } => {
            let year = year.or(outer.year);
            if year.is_none() {
                no_year(diagnostics, "half or quarter heading");
            }
            Enclosing {
                year,
                month: None,
                day: None,
            }
        }
        Period::Month { year, month } => {
            let year = year.or(outer.year);
            if year.is_none() {
                no_year(diagnostics, "month heading");
            }
            Enclosing {
                year,
                month: year.and_then(|year| YearMonth::new(year, month)),
                day: None,
            }
        }
        Period::Week(date) | Period::Day(date) => Enclosing {
            year: Some(chrono::Datelike::year(&date)),
            month: outer.month.or(Some(YearMonth::of(date))),
            day: Some(date),
        },
    }
}

/// The start of mark `from`, or the end of the file.
fn next_start(src: &str, marks: &[Mark], from: usize) -> usize {
    marks.get(from).map_or(src.len(), |mark| mark.start)
}

/// Where the heading at `index` ends (the next heading of its level or above, or the
/// end of the file), and whether it holds a deeper heading that is not a field label.
fn section(src: &str, marks: &[Mark], index: usize, level: u8) -> (usize, bool) {
    let mut holds_other = false;
    for mark in &marks[index + 1..] {
        let MarkKind::Heading(deeper) = mark.kind else {
            continue;
        };
        if deeper <= level {
            return (mark.start, holds_other);
        }
        if !holds_other {
            let text = entry::heading_text(&src[mark.line(src)]);
            let text = text.trim_matches(['*', '_']).trim_end_matches([':', '：']);
            holds_other = label::key_of(text).is_none();
        }
    }
    (src.len(), holds_other)
}

fn has_title_date(text: &str, context: Enclosing) -> bool {
    entry::split_title_date(text, context).1.is_some()
}

/// `YYYY-MM-DD-title-words`: lowercase ASCII, at most 60 characters, cut at a word.
pub fn slug(title: &str, date: Option<NaiveDate>) -> String {
    let mut out = match date {
        Some(date) => date.to_string(),
        None => "undated".to_string(),
    };
    let words: String = slug_chars(title).collect();
    for word in words.split('-').filter(|w| !w.is_empty()) {
        if out.len() + 1 + word.len() > 60 {
            if out.len() <= 11 {
                out.push('-');
                out.push_str(&word[..(60 - out.len()).min(word.len())]);
            }
            break;
        }
        out.push('-');
        out.push_str(word);
    }
    if out.len() <= 10 {
        out.push_str("-entry");
    }
    out
}

/// The words of `text` as a slug writes them: lowercase ASCII, joined by `-`.
pub fn slug_words(text: &str) -> String {
    slug_chars(text).collect()
}

/// The characters a title contributes to its slug, lowercase, words joined by `-`.
fn slug_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    let mut words = title
        .split(|c: char| !fold_accent(c).is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .peekable();
    let mut first = true;
    std::iter::from_fn(move || {
        let word = words.next()?;
        let dash = (!std::mem::take(&mut first)).then_some('-');
        Some(
            dash.into_iter()
                .chain(word.chars().map(|c| fold_accent(c).to_ascii_lowercase())),
        )
    })
    .flatten()
}

/// Whether two titles' slugs start alike. Slugs keep at least their first 12 word
/// characters, so titles that differ there never share a slug: a cheap test before
/// building both.
pub(super) fn same_slug_start(a: &str, b: &str) -> bool {
    slug_chars(a).take(12).eq(slug_chars(b).take(12))
}

/// Common Latin letters with diacritics, to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

/// The order of month headings, by majority of neighbouring pairs; `None` when the
/// headings do not say (fewer than two months, or as many pairs each way).
pub fn month_order(months: &[MonthSection]) -> Option<Order> {
    let pairs = || months.windows(2).map(|pair| (&pair[0], &pair[1]));
    let rising = pairs().filter(|(a, b)| a.month < b.month).count();
    let falling = pairs().filter(|(a, b)| a.month > b.month).count();
    match rising.cmp(&falling) {
        std::cmp::Ordering::Greater => Some(Order::OldestFirst),
        std::cmp::Ordering::Less => Some(Order::NewestFirst),
        std::cmp::Ordering::Equal => None,
    }
}

/// The file's month order, by majority; a month against it is reported.
pub(super) fn detect_order(months: &[MonthSection], diagnostics: &mut Vec<Diagnostic>) -> Order {
    let pairs = || months.windows(2).map(|pair| (&pair[0], &pair[1]));
    let order = month_order(months).unwrap_or_default();
    for (before, after) in pairs() {
        let out_of_order = match order {
            Order::OldestFirst => after.month < before.month,
            Order::NewestFirst => after.month > before.month,
        };
        if out_of_order {
            diagnostics.push(
                Diagnostic::warning(
                    after.heading.start,
                    format!(
                        "{} {} is out of order: the file runs {}",
                        after.month.month_name(),
                        after.month.year,
                        match order {
                            Order::OldestFirst => "oldest first",
                            Order::NewestFirst => "newest first",
                        }
                    ),
                )
                .with_hint("move the section so months run one way")
                .with_lint(Lint::MonthOutOfOrder),
            );
        }
    }
    order
}
