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
//!   holds headings of its own that are not field labels and has no text of its own (or
//!   holds a heading that may be a period): then it is a *section* (a category such as
//!   `### Projects`) and those headings are the entries. A heading beside period headings
//!   of its level that holds plain bullets (`## Weekend` beside the days) is a section of
//!   the period above. Outside any period, a heading is an entry when its title carries a
//!   date (`### 2026-11-03 Cut latency`) or its own text holds a STAR label (a story
//!   bank) and does not open with a bold-lead paragraph; other headings are sections. Where no entry heading holds it, a top-level
//!   bullet is an entry (`- **Shipped X** (2026-11-03): ...`, `- Shipped X`), unless it is
//!   a field label, or (outside a period) written as one with a label's short text, or
//!   an empty task (`- [ ]`); so is, under a period or a section, a top-level paragraph
//!   that opens with bold text not written as a label (`**Won the X award** - text`),
//!   with the plain bullets right after it; and so is each row of a table of
//!   achievements (see `table`) right under a period or section heading.
//! - **Slips.** A heading at the level of the period heading before it, with no period
//!   above it, would end that period: it stays in it, is reported, and is an entry (its
//!   own text) or a section. A misspelt period heading is read as the one it meant
//!   (`suggest::period_heading`), and reported.
//! - **Blocks.** A heading entry runs to the next heading of its level or above; a bullet
//!   or paragraph entry to the next heading or entry; a table row is its line. Fields and notes
//!   inside are read by `entry`.
//! - **Dates.** An entry's date is its `Date` field, else a date in its title, else its
//!   week or day heading, else the first day of its month; an entry with none of these
//!   has no date (`null`). Its period is the day of a date of its own, else its innermost
//!   period heading; date filters use the period's days.
//!
//! What cannot be placed with confidence is a diagnostic with the byte it concerns:
//! a date-like heading that is not a period, a month with no recoverable year, an
//! ambiguous or unreadable date, a duplicate month heading, months out of order, a level
//! slip, a misspelt period heading; and [`unplaced`] reports the lines in no entry.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::Diagnostic;
use crate::lint::Lint;
use crate::markdown;
use crate::model::{Entry, YearMonth};
use crate::model::{Field, FieldKey};
use crate::read::Reader;
use crate::read::entry::{self, Block, Enclosing, FactsToScan, Shape};
use crate::read::heading::{self, HeadingKind, NamedPeriod, PeriodHeading, Precision};
use crate::read::outline::{self, Mark, MarkKind};
use crate::read::{label, table};
use crate::suggest;
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
    pub period: NamedPeriod,
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
    /// The header and delimiter lines of each table of achievements.
    pub tables: Vec<Range<usize>>,
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
    /// The first byte of the heading line.
    start: usize,
    /// For a heading that slipped to the level of the period heading before it (see
    /// [`skeleton`]): where that period heading starts.
    slip_of: Option<usize>,
    /// The section its entries are filed under (see [`Block::section`]).
    section: Option<(usize, usize)>,
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
    level: u8,
    /// The next heading of its level or above (or the end of the file).
    end: usize,
    /// Whether it holds a deeper heading that is not a field label.
    holds_other: bool,
    /// False when its text cannot name a period, whatever encloses it.
    may_be_period: bool,
    /// False when [`heading::period`] cannot read a period in it either.
    may_name_period: bool,
    /// Whether it is short and holds a number, as a misspelt period heading does.
    may_be_misspelt: bool,
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
                    let (may_be_period, may_name_period) = heading::period_gates(text);
                    facts.push(HeadingFacts {
                        line,
                        text,
                        level,
                        end,
                        holds_other,
                        may_be_period,
                        may_name_period,
                        may_be_misspelt: heading::may_be_misspelt(text),
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
    let mut first_heading = true;
    // The bullet entry (or slipped heading entry) still open: it runs to the next
    // heading or entry.
    let mut open_block: Option<usize> = None;
    let body_start = outline.body_start.min(src.len());
    tables(
        src,
        body_start..next_start(src, marks, 0),
        Enclosing::default(),
        None,
        &mut out,
        &mut lines,
    );
    for (index, mark) in marks.iter().enumerate() {
        let level = match mark.kind {
            MarkKind::Heading(level) => level,
            MarkKind::Bullet => {
                // Most bullets are fields of a heading entry: skip them before any work.
                let frame = stack.last();
                if frame.is_some_and(|f| f.role == Role::Entry) {
                    continue;
                }
                let frame = frame.copied();
                let line_range = mark.line(src);
                let line = &src[line_range.clone()];
                // A plain bullet after a bold-lead paragraph is part of it, as its notes.
                let after_paragraph = open_block
                    .and_then(|index| out.blocks.get(index))
                    .is_some_and(|open| open.shape == Shape::Paragraph);
                if (!after_paragraph || outline::is_bold_bullet(line.as_bytes()))
                    && bullet_is_entry(line, frame.is_some_and(|f| f.in_period))
                {
                    close_open(&mut out, &mut open_block, mark.start);
                    out.blocks.push(Block {
                        shape: Shape::Bullet,
                        section: frame.and_then(|f| f.section),
                        table: None,
                        span: mark.start..src.len(),
                        title_line: line_range,
                        line_no: lines.line_of(src, mark.start),
                        context: frame.map(|f| f.context).unwrap_or_default(),
                    });
                    open_block = Some(out.blocks.len() - 1);
                }
                let region = mark.start..next_start(src, marks, index + 1);
                region_entries(src, region, frame, &mut out, &mut open_block, &mut lines);
                continue;
            }
        };
        close_open(&mut out, &mut open_block, mark.start);
        // One for every heading mark, in the same order: never short.
        let Some(facts) = headings.next() else {
            break;
        };
        let line_range = facts.line.clone();
        // The shallowest heading this one closes: a sibling, when at its level. (Only
        // one at its very level counts below: then both are among the heading lines
        // `brag add`'s window keeps, and it reads the same periods.)
        let mut closed = None;
        while let Some(frame) = stack.last().copied().filter(|frame| frame.level >= level) {
            closed = Some(frame);
            stack.pop();
        }
        let is_title = std::mem::take(&mut first_heading) && level == 1;
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
                start: mark.start,
                slip_of: None,
                section: None,
            });
            continue;
        }
        let text = facts.text;
        let end = facts.end;
        let gap = line_range.end..next_start(src, marks, index + 1);
        if let Some(context) = period_heading(
            src,
            mark.start,
            &facts,
            context,
            &mut out,
            &mut lines,
            &mut seen_months,
        ) {
            stack.push(Frame {
                level,
                context,
                in_period: true,
                role: Role::Period,
                start: mark.start,
                slip_of: None,
                section: None,
            });
            tables(src, gap, context, None, &mut out, &mut lines);
            let region = mark.start..next_start(src, marks, index + 1);
            let frame = stack.last().copied();
            region_entries(src, region, frame, &mut out, &mut open_block, &mut lines);
            continue;
        }
        let own_text = || !src[gap.clone()].trim().is_empty();
        // Whether the heading's first mark is a bullet that would be an entry, not a
        // field label.
        let holds_bullet_entries = || {
            marks.get(index + 1).is_some_and(|next| {
                next.kind == MarkKind::Bullet && bullet_is_entry(&src[next.line(src)], true)
            })
        };
        // The period heading at this heading's level just before it (or the one an
        // earlier slip stayed in), and its context.
        let beside_period = closed.filter(|frame| frame.level == level);
        let beside_period = beside_period.and_then(|frame| match (frame.role, frame.slip_of) {
            (Role::Period, _) => Some((frame.start, frame.context)),
            (_, Some(start)) => Some((start, frame.context)),
            _ => None,
        });
        // A heading at the level of the period heading before it, and under no period:
        // a level slip (`## Fixed X` after `## September 2026`, whose entries are `###`).
        // It stays in that period, and is reported.
        let slip = beside_period.filter(|_| !in_period);
        let (context, in_period) = match slip {
            Some((_, period)) => (period, true),
            None => (context, in_period),
        };
        let parent_section = parent.and_then(|f| f.section).filter(|_| slip.is_none());
        let entry_end = if let Some((period_start, _)) = slip {
            let period_text =
                entry::heading_text(&src[outline::line_at(src.as_bytes(), period_start)]);
            // An entry (its own text, or fields); the headings under it stay entries of
            // the period. Without either, a section of the period.
            let is_entry = own_text() || !(facts.holds_other || holds_bullet_entries());
            let (message, hint) = if is_entry {
                (
                    format!(
                        "heading {text:?} is at the level of the period heading {period_text:?} above it, which it would end"
                    ),
                    "brag reads it as an entry of that period; give it one more `#`",
                )
            } else {
                (
                    format!(
                        "section {text:?} is at the level of the period heading {period_text:?} above it, which it would end"
                    ),
                    "brag files its entries under that period; give it one more `#`, or a period heading of its own",
                )
            };
            out.diagnostics
                .push(Diagnostic::warning(mark.start, message).with_hint(hint));
            is_entry.then(|| {
                marks[index + 1..]
                    .iter()
                    .find(|mark| matches!(mark.kind, MarkKind::Heading(_)))
                    .map_or(end, |mark| mark.start)
            })
        } else if beside_period.is_some() && !own_text() && holds_bullet_entries() {
            // `## Weekend` beside `## Monday 2025-03-03`, holding plain bullets: a
            // section of the period above.
            None
        } else if facts.holds_other && holds_period(src, &marks[index + 1..], end) {
            // It holds a heading that may name a period: never an entry, so that its
            // periods are read from heading lines alone (as `brag add`'s window reads
            // them).
            None
        } else if in_period {
            (!facts.holds_other || own_text()).then_some(end)
        } else {
            let dated_title = has_title_date(text, context);
            let own_end = marks[index + 1..]
                .iter()
                .find(|mark| matches!(mark.kind, MarkKind::Heading(_)))
                .map_or(end, |mark| mark.start);
            // A heading whose text opens with a bold-lead paragraph is a category
            // holding paragraph entries, even when their labels are STAR labels.
            let story = || {
                !opens_with_bold_lead(src, line_range.end..own_end)
                    && has_star_labels(src, line_range.end..own_end)
            };
            ((dated_title || story()) && (!facts.holds_other || own_text())).then_some(end)
        };
        let role = match entry_end {
            Some(entry_end) => {
                out.blocks.push(Block {
                    shape: Shape::Heading,
                    span: mark.start..entry_end,
                    title_line: line_range.clone(),
                    line_no: lines.line_of(src, mark.start),
                    context,
                    section: parent_section,
                    table: None,
                });
                if entry_end == end {
                    Role::Entry
                } else {
                    // A slipped entry: the headings and bullet entries under it are
                    // the period's, and end it.
                    open_block = Some(out.blocks.len() - 1);
                    Role::Section
                }
            }
            None => Role::Section,
        };
        // A section names what it holds (its entries carry its name; the document's title
        // names none); a slipped entry's headings are its period's.
        let section = if entry_end.is_none() {
            (!is_title)
                .then(|| text_bytes(src, entry::without_emphasis(text)))
                .or(parent_section)
        } else {
            parent_section
        };
        if entry_end.is_none() {
            tables(src, gap, context, section, &mut out, &mut lines);
        }
        stack.push(Frame {
            level,
            context,
            in_period,
            role,
            start: mark.start,
            slip_of: slip.map(|(start, _)| start),
            section,
        });
        if entry_end.is_none() {
            let region = mark.start..next_start(src, marks, index + 1);
            let frame = stack.last().copied();
            region_entries(src, region, frame, &mut out, &mut open_block, &mut lines);
        }
    }
    close_open(&mut out, &mut open_block, src.len());
    out.marks = outline.marks;
    out
}

/// The context a heading opens when it names a period (by [`heading::classify`], else
/// by [`heading::period`], else by the heading a misspelt one meant), recording month
/// sections and reporting what is doubtful; `None` for any other heading.
#[allow(clippy::too_many_arguments)]
fn period_heading(
    src: &str,
    start: usize,
    facts: &HeadingFacts<'_>,
    context: Enclosing,
    out: &mut Skeleton,
    lines: &mut text::LineCounter,
    seen_months: &mut HashMap<YearMonth, usize>,
) -> Option<Enclosing> {
    let text = facts.text;
    let line_range = facts.line.clone();
    let kind = if facts.may_be_period {
        heading::classify(text, context.year, context.month)
    } else {
        HeadingKind::Other
    };
    let enclosing = heading::Enclosing {
        year: context.year,
        month: context.month,
    };
    match kind {
        HeadingKind::Period(period) => {
            let context = period_context(period, context, start, &mut out.diagnostics);
            out.periods.push(PeriodSection {
                period,
                context,
                level: facts.level,
                heading: line_range.clone(),
                span: start..facts.end,
            });
            if let (NamedPeriod::Month { .. }, Some(month)) = (period, context.month) {
                if let Some(&first_line) = seen_months.get(&month) {
                    out.diagnostics.push(
                        Diagnostic::warning(
                            start,
                            format!(
                                "{} already has a heading on line {first_line}",
                                month.in_words()
                            ),
                        )
                        .with_hint("merge the two sections; brag add writes to the last one"),
                    );
                } else {
                    seen_months.insert(month, lines.line_of(src, start));
                }
                out.months.push(MonthSection {
                    month,
                    level: facts.level,
                    heading: line_range,
                    span: start..facts.end,
                });
            }
            Some(context)
        }
        _ => {
            let found = facts
                .may_name_period
                .then(|| heading::period(text, enclosing))
                .flatten();
            if let Some(found) = found {
                return Some(context_of(found, context));
            }
            match kind {
                HeadingKind::DateLike | HeadingKind::NoYear => {
                    // Reported, and still a period: its entries are listed, dated by what
                    // encloses it (or not at all).
                    out.diagnostics.push(if kind == HeadingKind::DateLike {
                        Diagnostic::warning(
                            start,
                            format!(
                                "heading {text:?} looks like a date but is not a period brag knows"
                            ),
                        )
                        .with_hint("write months as \"November 2026\" and days as \"2026-11-06\"")
                    } else {
                        Diagnostic::warning(start, format!("heading {text:?} has no year"))
                            .with_hint("put it under a year or month heading, or write the year")
                    });
                    Some(context)
                }
                _ if facts.may_be_misspelt => {
                    misspelt(facts, enclosing, start, &mut out.diagnostics)
                        .map(|found| context_of(found, context))
                }
                _ => None,
            }
        }
    }
}

/// The period a misspelt period heading meant (`Spetember 2026`), reported with the
/// heading it meant. Only short headings with a number are tried (see
/// [`heading::may_be_misspelt`]): entry titles are not.
fn misspelt(
    facts: &HeadingFacts,
    enclosing: heading::Enclosing,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PeriodHeading> {
    let text = facts.text;
    let meant = suggest::meant_period(text, facts.may_name_period)?;
    let found = heading::period(&meant, enclosing)?;
    diagnostics.push(
        Diagnostic::warning(
            offset,
            format!("heading {text:?} looks like a period heading, but brag cannot read it"),
        )
        .with_hint(format!(
            "did you mean {meant:?}? brag files its entries under {found} until it is fixed"
        )),
    );
    Some(found)
}

/// The context of a period [`heading::period`] read: its year, its month when it is
/// one (or lies in one), and its first day for a week or a day.
fn context_of(found: PeriodHeading, outer: Enclosing) -> Enclosing {
    let start = found.range.start;
    let (month, day) = match found.precision {
        Precision::Year | Precision::Half | Precision::Quarter | Precision::Months => (None, None),
        Precision::Month => (Some(YearMonth::of(start)), None),
        Precision::Week | Precision::Days | Precision::Day => {
            (outer.month.or(Some(YearMonth::of(start))), Some(start))
        }
    };
    Enclosing {
        year: Some(start.year()),
        month,
        day,
        period: Some(found),
    }
}

/// Whether a top-level bullet is an entry where no entry heading holds it: not a field
/// label (`- **Date**: ...`, `- Situation: ...`), not an empty task (`- [ ]`), and
/// outside a period, not written as one either (`- **Purpose**: ...`, as the log
/// template's preamble has), unless its bold text is too long to be a label (`- **Led
/// two training workshops on AI-assisted coding**: ...`).
fn bullet_is_entry(line: &str, in_period: bool) -> bool {
    let item = entry::item_text(line);
    if entry::is_bold_item(line) {
        bold_lead_is_entry(item.get(2..).unwrap_or(""), in_period)
    } else {
        let item = item.trim_start();
        label::detect(item).is_none() && !entry::task_text(item).is_empty()
    }
}

/// Whether bold text that opens a bullet or a paragraph (`inner`, the text after its
/// `**`) leads an entry: it names no label brag knows, and unless `in_period` allows
/// it, is not written as a label either (`**Purpose**:`, `**Links:**`) with a label's
/// short text (`**Led two training workshops on AI-assisted coding**:` is too long).
fn bold_lead_is_entry(inner: &str, in_period: bool) -> bool {
    let bold = inner.split("**").next().unwrap_or("");
    let name = bold.trim_end_matches([':', '：']);
    if label::key_of(name).is_some() {
        return false;
    }
    let after = inner.get(bold.len() + 2..).unwrap_or("");
    let written_as_label = name.len() < bold.len() || after.starts_with([':', '：']);
    in_period || !written_as_label || !label::is_label_text(name)
}

/// The entries in `region` (from a period, section or bullet mark to the next mark) that
/// the line scan does not mark, when `frame` is a period or a section:
/// - a top-level paragraph that opens with bold text not written as a label (`**Won the
///   X award** - text`);
/// - an item of a top-level numbered list (`1. Designed the ingestion tiers`), read as a
///   bullet entry is ([`bullet_is_entry`]).
///
/// Each runs to the next entry or heading. Only regions with a line that opens with `**`
/// or a number are parsed, and from their mark, so that pulldown-cmark sees the nesting
/// the whole document gives them (a lazy continuation line stays in its list item, and
/// `2.` after a paragraph line goes on with that paragraph).
fn region_entries(
    src: &str,
    region: Range<usize>,
    frame: Option<Frame>,
    out: &mut Skeleton,
    open_block: &mut Option<usize>,
    lines: &mut text::LineCounter,
) {
    let Some(frame) = frame.filter(|f| f.in_period || f.section.is_some()) else {
        return;
    };
    let Some(text) = src.get(region.clone()) else {
        return;
    };
    if memchr::memmem::find(text.as_bytes(), b"\n**").is_none() && !has_numbered_line(text) {
        return;
    }
    // For each open tag: whether it is a numbered list at the top level.
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        let start = region.start + range.start;
        // A paragraph inside a list item or a quote starts after its marker, never in
        // the first column; a top-level item starts there.
        let first_column = src.as_bytes().get(start.wrapping_sub(1)) == Some(&b'\n');
        let shape = match &event {
            Event::Start(Tag::Paragraph) if first_column && is_bold_lead(&src[start..]) => {
                Some(Shape::Paragraph)
            }
            // An item's range starts at its line's start (its indentation included): an
            // item read as an entry has its number there, in the first column.
            Event::Start(Tag::Item)
                if open == [true]
                    && src.as_bytes().get(start).is_some_and(u8::is_ascii_digit)
                    && bullet_is_entry(
                        &src[outline::line_at(src.as_bytes(), start)],
                        frame.in_period,
                    ) =>
            {
                Some(Shape::Bullet)
            }
            _ => None,
        };
        match event {
            Event::Start(tag) => {
                open.push(open.is_empty() && matches!(tag, Tag::List(Some(_))));
            }
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        if let Some(shape) = shape {
            close_open(out, open_block, start);
            out.blocks.push(Block {
                shape,
                section: frame.section,
                table: None,
                span: start..src.len(),
                title_line: outline::line_at(src.as_bytes(), start),
                line_no: lines.line_of(src, start),
                context: frame.context,
            });
            *open_block = Some(out.blocks.len() - 1);
        }
    }
}

/// Whether a line of `text` opens with a number and `.` or `)`, as a numbered list
/// item does.
fn has_numbered_line(text: &str) -> bool {
    // A bullet's marker is one byte long; a number's, two or more.
    outline::lines(text).any(|line| entry::list_marker(line) > 1)
}

/// Whether the first non-blank line of `range` (which follows a heading line) opens a
/// bold-lead paragraph.
fn opens_with_bold_lead(src: &str, range: Range<usize>) -> bool {
    let text = src.get(range).unwrap_or("");
    outline::lines(text)
        .find(|line| !line.trim().is_empty())
        .is_some_and(is_bold_lead)
}

/// Whether `text` opens with bold text that leads an entry (see [`bold_lead_is_entry`]).
fn is_bold_lead(text: &str) -> bool {
    matches!(text.as_bytes(), [b'*', b'*', next, ..] if *next != b'*' && !next.is_ascii_whitespace())
        && bold_lead_is_entry(&text[2..], false)
}

/// Ends the open entry's block at `at`.
fn close_open(out: &mut Skeleton, open: &mut Option<usize>, at: usize) {
    if let Some(block) = open.take().and_then(|index| out.blocks.get_mut(index)) {
        block.span.end = at.max(block.title_line.end);
    }
}

/// The rows of a table of achievements at the start of `gap` (see [`table`]), as
/// entries filed with `context`.
fn tables(
    src: &str,
    gap: Range<usize>,
    context: Enclosing,
    section: Option<(usize, usize)>,
    out: &mut Skeleton,
    lines: &mut text::LineCounter,
) {
    if gap.is_empty() || memchr::memchr(b'|', &src.as_bytes()[gap.clone()]).is_none() {
        return;
    }
    let Some((header, header_end, rows)) = table::find(src, gap) else {
        return;
    };
    out.tables.push(header..header_end);
    for row in rows {
        out.blocks.push(Block {
            shape: Shape::Bullet,
            span: row.start..(row.end + 1).min(src.len()),
            title_line: row.clone(),
            line_no: lines.line_of(src, row.start),
            context,
            section,
            table: Some(header),
        });
    }
}

/// The bytes of `text`, a part of `src`.
fn text_bytes(src: &str, text: &str) -> (usize, usize) {
    let start = (text.as_ptr() as usize).saturating_sub(src.as_ptr() as usize);
    (start, start + text.len())
}

/// Whether the lines of `range` (the first 40) hold a STAR label: a heading whose own
/// text (before any sub-heading) holds one is an entry, even with no period above it.
fn has_star_labels(src: &str, range: Range<usize>) -> bool {
    let text = src.get(range).unwrap_or("");
    // Fenced code and HTML comments are never structure.
    let mut verbatim = outline::LineScanner::default();
    outline::lines(text).take(40).any(|line| {
        let was_open = verbatim.is_open();
        verbatim.line(line.as_bytes());
        if was_open || verbatim.is_open() {
            return false;
        }
        let line = line.trim();
        let key = if line.starts_with('#') {
            let text = entry::heading_text(line);
            label::key_of(text.trim_matches(['*', '_']).trim_end_matches([':', '：']))
        } else {
            let item = line
                .strip_prefix(['-', '*', '+'])
                .filter(|rest| rest.starts_with(' '))
                .map_or(line, str::trim_start);
            label::detect(item).map(|label| label.key)
        };
        matches!(
            key,
            Some(FieldKey::Situation | FieldKey::Task | FieldKey::Actions | FieldKey::Results)
        )
    })
}

/// The runs of lines brag cannot place, each reported (`4 lines outside any entry`),
/// and how many lines they hold. A line is placed when it is blank, in an entry, a
/// heading, a table's header, an HTML comment or the front matter, or in the preamble:
/// the document's own introduction, before its first entry or period heading.
pub fn unplaced(src: &str) -> (Vec<Diagnostic>, usize) {
    let skeleton = skeleton(src);
    let bytes = src.as_bytes();
    let mut covered: Vec<Range<usize>> = skeleton
        .blocks
        .iter()
        .map(|block| block.span.clone())
        .chain(skeleton.tables.iter().cloned())
        .chain(skeleton.marks.iter().filter_map(|mark| match mark.kind {
            MarkKind::Heading(_) => Some(mark.line(src)),
            MarkKind::Bullet => None,
        }))
        .collect();
    covered.sort_by_key(|range| range.start);
    let first_block = skeleton.blocks.first().map(|block| block.span.start);
    let first_period = skeleton.periods.first().map(|period| period.heading.start);
    // With neither, the first heading past the title with text of its own ends the
    // preamble: its text is what brag could not read (a fresh log's template is not).
    let first_text = || {
        let headings: Vec<&Mark> = (skeleton.marks.iter())
            .filter(|mark| matches!(mark.kind, MarkKind::Heading(_)))
            .collect();
        let title = headings
            .first()
            .is_some_and(|mark| mark.kind == MarkKind::Heading(1));
        headings.iter().skip(usize::from(title)).find_map(|mark| {
            let after = skeleton
                .marks
                .partition_point(|other| other.start <= mark.start);
            let end = next_start(src, &skeleton.marks, after);
            let own = src.get(mark.line(src).end..end).unwrap_or("");
            (!own.trim().is_empty()).then_some(mark.start)
        })
    };
    // A document without a single heading has no preamble: none of its text was read.
    let no_heading = || {
        (!skeleton
            .marks
            .iter()
            .any(|mark| matches!(mark.kind, MarkKind::Heading(_))))
        .then(|| outline::body_start(src))
    };
    let Some(start) = first_block
        .into_iter()
        .chain(first_period)
        .min()
        .or_else(first_text)
        .or_else(no_heading)
    else {
        return (Vec::new(), 0);
    };
    let mut diagnostics = Vec::new();
    let mut total = 0;
    // The run being counted: where it starts, and its lines.
    let mut run: Option<(usize, usize)> = None;
    let mut finish = |run: &mut Option<(usize, usize)>, diagnostics: &mut Vec<Diagnostic>| {
        if let Some((at, count)) = run.take() {
            total += count;
            let lines = if count == 1 { "line" } else { "lines" };
            diagnostics.push(
                Diagnostic::warning(at, format!("{count} {lines} outside any entry")).with_hint(
                    "brag reads entries from headings, list items and table rows under a period \
                     or a section; make these part of one, or see `brag help format`",
                ),
            );
        }
    };
    let mut next_covered = 0;
    let mut in_comment = false;
    let mut pos = start;
    while pos < src.len() {
        let line = outline::line_at(bytes, pos);
        while covered
            .get(next_covered)
            .is_some_and(|range| range.end <= pos)
        {
            next_covered += 1;
        }
        let text = src[line.clone()].trim();
        let inside = covered
            .get(next_covered)
            .is_some_and(|range| range.start <= pos && pos < range.end.max(range.start + 1));
        if inside {
            finish(&mut run, &mut diagnostics);
        } else if in_comment || text.starts_with("<!--") {
            in_comment = !text.contains("-->");
        } else if !text.is_empty() {
            match &mut run {
                Some((_, count)) => *count += 1,
                None => run = Some((pos, 1)),
            }
        }
        pos = line.end + 1;
    }
    finish(&mut run, &mut diagnostics);
    (diagnostics, total)
}

/// The words brag reads as labels, for a did-you-mean on one it does not: the STAR
/// fields and their English synonyms, and the other fields.
const LABEL_WORDS: [&str; 16] = [
    "Situation",
    "Task",
    "Actions",
    "Results",
    "Context",
    "Background",
    "Problem",
    "Objective",
    "Goal",
    "Action",
    "Result",
    "Impact",
    "Outcome",
    "Date",
    "Tags",
    "Scope",
];

/// Labels that `brag import` reads, known though the entry reader keeps them as fields.
const IMPORT_LABELS: [&str; 2] = ["Period", "Section"];

/// The labels of `entries` that brag keeps as plain fields because it does not know
/// their word (`**Links:**`), once per label: a note, or a warning when the word is
/// close to a label brag knows (`**Reslts:**`, did you mean Results?), which is most
/// likely a slip that keeps a STAR field from counting.
pub fn unmapped_labels(entries: &[Entry<'_>]) -> Vec<Diagnostic> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut diagnostics = Vec::new();
    // In file order (entries are in date order), so that each label is named where it
    // first appears.
    let mut fields: Vec<&Field<'_>> = (entries.iter())
        .flat_map(|entry| &entry.fields)
        .filter(|field| field.key == FieldKey::Other)
        .collect();
    fields.sort_by_key(|field| field.span.start);
    for field in fields {
        // A known word kept as a plain field (a second Results, an English `Data`) is
        // reported where it is read, if at all.
        let known = label::key_of(field.label).is_some()
            || IMPORT_LABELS
                .iter()
                .any(|word| word.eq_ignore_ascii_case(field.label));
        if known || !seen.insert(field.label.to_lowercase()) {
            continue;
        }
        let message = format!(
            "label {:?} is kept as a field, not one of Situation/Task/Actions/Results",
            field.label
        );
        diagnostics.push(match suggest::closest(field.label, LABEL_WORDS.into_iter().chain(IMPORT_LABELS)) {
            Some(meant) => Diagnostic::warning(field.span.start, format!("{message} (did you mean {meant}?)"))
                .with_hint(format!("write {meant:?} for brag to read it as one")),
            None => Diagnostic::note(field.span.start, message).with_hint(
                "brag lists it under `fields`; use a STAR label (or a synonym such as Impact) for it to count as one",
            ),
        });
    }
    diagnostics
}

/// The date context a period heading opens, given what encloses it.
fn period_context(
    period: NamedPeriod,
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
    let resolved = period.resolve(outer.year);
    let context = match period {
        NamedPeriod::Year(year) => Enclosing {
            year: Some(year),
            month: None,
            day: None,
            period: None,
        },
        NamedPeriod::Half { year, .. } | NamedPeriod::Quarter { year, .. } => {
            let year = year.or(outer.year);
            if year.is_none() {
                no_year(diagnostics, "half or quarter heading");
            }
            Enclosing {
                year,
                month: None,
                day: None,
                period: None,
            }
        }
        NamedPeriod::Month { year, month } => {
            let year = year.or(outer.year);
            if year.is_none() {
                no_year(diagnostics, "month heading");
            }
            Enclosing {
                year,
                month: year.and_then(|year| YearMonth::new(year, month)),
                day: None,
                period: None,
            }
        }
        NamedPeriod::Week(date) | NamedPeriod::Day(date) => Enclosing {
            year: Some(date.year()),
            month: outer.month.or(Some(YearMonth::of(date))),
            day: Some(date),
            period: None,
        },
    };
    Enclosing {
        period: resolved,
        ..context
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

/// Whether a heading mark in `marks` (those after the heading, up to `end`) may name a
/// period.
fn holds_period(src: &str, marks: &[Mark], end: usize) -> bool {
    marks
        .iter()
        .take_while(|mark| mark.start < end)
        .filter(|mark| matches!(mark.kind, MarkKind::Heading(_)))
        .any(|mark| heading::may_be_period(entry::heading_text(&src[mark.line(src)])))
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
                        "{} is out of order: the file runs {}",
                        after.month.in_words(),
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
