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

use crate::diagnostic::Diagnostic;
use crate::entry::{self, Block, Context, Style};
use crate::heading::{self, HeadingKind, Period};
use crate::label;
use crate::model::{Entry, YearMonth};
use crate::outline::{self, Mark, MarkKind};

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

/// The outline of a log: its entry blocks and month sections, before any entry is read.
#[derive(Debug, Default)]
pub struct Skeleton {
    pub blocks: Vec<Block>,
    pub months: Vec<MonthSection>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a whole log.
pub fn parse(src: &str) -> Log<'_> {
    let skeleton = skeleton(src);
    let (entries, mut diagnostics) = read_blocks(src, &skeleton.blocks);
    let mut all = skeleton.diagnostics;
    all.append(&mut diagnostics);
    all.sort_by_key(|d| d.offset);
    let order = detect_order(&skeleton.months, &mut all);
    all.sort_by_key(|d| d.offset);
    Log {
        src,
        entries: finish_entries(entries),
        diagnostics: all,
        months: skeleton.months,
        order,
    }
}

/// An open heading while walking the marks.
#[derive(Debug, Clone, Copy)]
struct Frame {
    level: u8,
    context: Context,
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

/// Walks the outline's marks into entry blocks and month sections.
pub fn skeleton(src: &str) -> Skeleton {
    let outline = outline::scan(src);
    let marks = &outline.marks;
    let mut out = Skeleton::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut seen_months: HashMap<YearMonth, usize> = HashMap::new();
    for (index, mark) in marks.iter().enumerate() {
        let line = &src[mark.line.clone()];
        let level = match mark.kind {
            MarkKind::Heading(level) => level,
            MarkKind::Bullet => {
                if let Some(frame) = stack.last() {
                    let holds_entries = frame.role != Role::Entry && frame.in_period;
                    let title = line[4..].split("**").next().unwrap_or("");
                    if holds_entries && label::key_of(title.trim_end_matches(':')).is_none() {
                        out.blocks.push(Block {
                            style: Style::Bullet,
                            span: mark.line.start..next_start(src, marks, index + 1),
                            title_line: mark.line.clone(),
                            line_no: mark.line_no,
                            context: frame.context,
                        });
                    }
                }
                continue;
            }
        };
        while stack.last().is_some_and(|frame| frame.level >= level) {
            stack.pop();
        }
        let parent = stack.last().copied();
        let context = parent.map(|f| f.context).unwrap_or_default();
        let in_period = parent.is_some_and(|f| f.in_period);
        let text = entry::heading_text(line);
        let end = section_end(src, marks, index, level);
        let kind = heading::classify(text, context.year, context.month);
        match kind {
            HeadingKind::Period(period) => {
                let context = period_context(period, context, mark, &mut out.diagnostics);
                if let (Period::Month { .. }, Some(month)) = (period, context.month) {
                    if let Some(&first_line) = seen_months.get(&month) {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                mark.line.start,
                                format!(
                                    "{} {} already has a heading on line {first_line}",
                                    month.month_name(),
                                    month.year
                                ),
                            )
                            .with_hint("merge the two sections; brag add writes to the last one"),
                        );
                    } else {
                        seen_months.insert(month, mark.line_no);
                    }
                    out.months.push(MonthSection {
                        month,
                        level,
                        heading: mark.line.clone(),
                        span: mark.line.start..end,
                    });
                }
                stack.push(Frame {
                    level,
                    context,
                    in_period: true,
                    role: Role::Period,
                });
                continue;
            }
            HeadingKind::DateLike => out.diagnostics.push(
                Diagnostic::warning(
                    mark.line.start,
                    format!("heading {text:?} looks like a date but is not a period brag knows"),
                )
                .with_hint("write months as \"November 2026\" and days as \"2026-11-06\""),
            ),
            HeadingKind::NoYear => out.diagnostics.push(
                Diagnostic::warning(mark.line.start, format!("heading {text:?} has no year"))
                    .with_hint("put it under a year or month heading, or write the year"),
            ),
            HeadingKind::Other => {}
        }
        let is_section = holds_other_headings(src, marks, index, level);
        let dated_title = !in_period && has_title_date(text, context);
        let role = if (in_period || dated_title) && !is_section {
            out.blocks.push(Block {
                style: Style::Heading,
                span: mark.line.start..end,
                title_line: mark.line.clone(),
                line_no: mark.line_no,
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
    out
}

/// The date context a period heading opens, given what encloses it.
fn period_context(period: Period, outer: Context, mark: &Mark, diagnostics: &mut Vec<Diagnostic>) -> Context {
    let no_year = |diagnostics: &mut Vec<Diagnostic>, what: &str| {
        diagnostics.push(
            Diagnostic::warning(mark.line.start, format!("{what} with no recoverable year"))
                .with_hint("put it under a year heading, or write the year (\"April 2026\")"),
        );
    };
    match period {
        Period::Year(year) => Context {
            year: Some(year),
            month: None,
            day: None,
        },
        Period::Half { year, .. } | Period::Quarter { year, .. } => {
            let year = year.or(outer.year);
            if year.is_none() {
                no_year(diagnostics, "half or quarter heading");
            }
            Context {
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
            Context {
                year,
                month: year.and_then(|year| YearMonth::new(year, month)),
                day: None,
            }
        }
        Period::Week(date) | Period::Day(date) => Context {
            year: Some(chrono::Datelike::year(&date)),
            month: outer.month.or(Some(YearMonth::of(date))),
            day: Some(date),
        },
    }
}

/// The start of mark `from`, or the end of the file.
fn next_start(src: &str, marks: &[Mark], from: usize) -> usize {
    marks.get(from).map_or(src.len(), |mark| mark.line.start)
}

/// Where the heading at `index` ends: the next heading of its level or above.
fn section_end(src: &str, marks: &[Mark], index: usize, level: u8) -> usize {
    marks[index + 1..]
        .iter()
        .find(|mark| matches!(mark.kind, MarkKind::Heading(l) if l <= level))
        .map_or(src.len(), |mark| mark.line.start)
}

/// Whether the heading at `index` holds a deeper heading that is not a field label.
fn holds_other_headings(src: &str, marks: &[Mark], index: usize, level: u8) -> bool {
    marks[index + 1..]
        .iter()
        .filter_map(|mark| match mark.kind {
            MarkKind::Heading(l) => Some((l, mark)),
            MarkKind::Bullet => None,
        })
        .take_while(|&(l, _)| l > level)
        .any(|(_, mark)| {
            let text = entry::heading_text(&src[mark.line.clone()]);
            let text = text.trim_matches(['*', '_']).trim_end_matches([':', '：']);
            label::key_of(text).is_none()
        })
}

fn has_title_date(text: &str, context: Context) -> bool {
    let first = text.trim_start_matches('[');
    first.len() >= 10
        && first.is_char_boundary(10)
        && matches!(
            crate::dates::read(&first[..10], context.year, context.month),
            crate::dates::ReadDate::Date(_)
        )
}

/// Reads every block, on every core for a large log. Entries keep file order.
fn read_blocks<'a>(src: &'a str, blocks: &[Block]) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
    let read_all = |blocks: &[Block]| {
        let mut diagnostics = Vec::new();
        let entries: Vec<Entry<'a>> = blocks
            .iter()
            .map(|block| entry::read(src, block, &mut diagnostics))
            .collect();
        (entries, diagnostics)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || blocks.len() < 2048 {
        return read_all(blocks);
    }
    let chunk = blocks.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = blocks
            .chunks(chunk)
            .map(|part| scope.spawn(move || read_all(part)))
            .collect();
        let mut entries = Vec::with_capacity(blocks.len());
        let mut diagnostics = Vec::new();
        for handle in handles {
            // A panic in a reader thread is a bug; re-raise it rather than lose entries.
            let (mut part, mut found) = handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            entries.append(&mut part);
            diagnostics.append(&mut found);
        }
        (entries, diagnostics)
    })
}

/// Sorts entries by date (undated last, file order within a day) and gives them ids.
pub fn finish_entries(mut entries: Vec<Entry<'_>>) -> Vec<Entry<'_>> {
    entries.sort_by_key(|entry| (entry.date.is_none(), entry.date, entry.span.start));
    let mut taken: HashMap<String, usize> = HashMap::new();
    for entry in &mut entries {
        let base = slug(entry);
        let count = taken.entry(base.clone()).or_insert(0);
        *count += 1;
        entry.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
    entries
}

/// `YYYY-MM-DD-title-words`: lowercase ASCII, at most 60 characters, cut at a word.
pub fn slug(entry: &Entry<'_>) -> String {
    let mut out = match entry.date {
        Some(date) => date.format("%Y-%m-%d").to_string(),
        None => "undated".to_string(),
    };
    let mut words = String::new();
    for c in entry.title.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            words.push(c.to_ascii_lowercase());
        } else if !words.ends_with('-') {
            words.push('-');
        }
    }
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

/// The file's month order, by majority; a month against it is reported.
fn detect_order(months: &[MonthSection], diagnostics: &mut Vec<Diagnostic>) -> Order {
    let pairs = || months.windows(2).map(|pair| (&pair[0], &pair[1]));
    let rising = pairs().filter(|(a, b)| a.month < b.month).count();
    let falling = pairs().filter(|(a, b)| a.month > b.month).count();
    let order = if falling > rising {
        Order::NewestFirst
    } else {
        Order::OldestFirst
    };
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
                .with_hint("move the section so months run one way"),
            );
        }
    }
    order
}
