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
use crate::model::{Entry, Scope, YearMonth};
use crate::read::entry::{self, Block, Context, Quick, Style, Wanted};
use crate::read::heading::{self, HeadingKind, Period};
use crate::read::label;
use crate::read::outline::{self, Mark, MarkKind};
use crate::threads::{parallel, parallel_map};

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
    pub context: Context,
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

/// What is known of an entry before its fields are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    /// Index into [`Index::blocks`].
    pub block: usize,
    /// Index into [`Index::heads`].
    pub position: usize,
    pub title: &'a str,
    /// Exact: from a line scan where that decides it, else from reading the entry.
    pub date: Option<NaiveDate>,
    /// Known without reading the entry where the index was asked for them (see
    /// [`Index::with_facts`]); `None`: not looked for, or left undecided by the scan.
    pub tags: Option<Vec<&'a str>>,
    pub scope: Option<Option<Scope>>,
}

/// A log's entries, identified, dated and sorted, but not yet read.
///
/// Commands choose entries from the heads (by date, or by a cheap look at the block's
/// text) and read only those, a chunk at a time, so a 100k-entry log never holds every
/// parsed entry in memory at once.
#[derive(Debug)]
pub struct Index<'a> {
    pub src: &'a str,
    pub blocks: Vec<Block>,
    /// In date order (undated last, file order within a day).
    pub heads: Vec<Head<'a>>,
    pub months: Vec<MonthSection>,
    pub order: Order,
    /// Diagnostics about headings and month order; entries add their own when read.
    pub diagnostics: Vec<Diagnostic>,
    /// For each head, the position of the first head of its run of same-date heads.
    day_starts: Vec<usize>,
    /// For each head in a run longer than [`SHORT_DAY`], how many heads before it in the
    /// run share its slug (0 elsewhere): made on the first id asked for in such a run.
    suffixes: std::sync::OnceLock<Vec<u32>>,
}

/// A day with at most this many entries has its ids' suffixes counted by comparing
/// titles; a longer one uses a table of slugs made once (see [`Index::id`]).
const SHORT_DAY: usize = 16;

impl<'a> Index<'a> {
    /// The index, with each head's date.
    pub fn new(src: &'a str) -> Self {
        Self::with_facts(src, Wanted::DATE)
    }

    /// The index, with each head's date and the `wanted` tags and scope that the same
    /// line scan can tell: one pass over the entries for a filter that needs them.
    pub fn with_facts(src: &'a str, wanted: Wanted) -> Self {
        // The marks and period sections (for `brag add`) are dropped here, before the
        // heads are built: a large log's peak memory stays low.
        let Skeleton {
            blocks,
            months,
            mut diagnostics,
            ..
        } = skeleton(src);
        let order = detect_order(&months, &mut diagnostics);
        diagnostics.sort_by_key(|d| d.offset);
        let heads = heads(src, &blocks, wanted);
        let day_starts = day_starts(&heads);
        Self {
            src,
            blocks,
            heads,
            months,
            order,
            diagnostics,
            day_starts,
            suffixes: std::sync::OnceLock::new(),
        }
    }

    /// Reads the entries of `heads`, in their order, on every core for a large batch.
    pub fn read(&self, heads: &[&Head<'a>]) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
        parallel(
            heads,
            |_, part| self.read_here(part),
            |(mut entries, mut diagnostics), (mut more, mut found)| {
                entries.append(&mut more);
                diagnostics.append(&mut found);
                (entries, diagnostics)
            },
        )
    }

    /// Reads the entries of `heads` on this thread.
    fn read_here(&self, heads: &[&Head<'a>]) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let entries = heads
            .iter()
            .map(|head| {
                let mut entry = entry::read(self.src, &self.blocks[head.block], &mut diagnostics);
                entry.id = self.id(head);
                entry
            })
            .collect();
        (entries, diagnostics)
    }

    /// Reads the entries of `heads` and renders them to bytes, both on worker threads,
    /// while this thread writes the previous chunk's bytes to `out`, in order. Output
    /// streams, and memory stays at a few chunks whatever the size of the log.
    ///
    /// `render` gets the position (in `heads`) of the first entry it is given.
    pub fn render(
        &self,
        heads: &[&Head<'a>],
        render: impl Fn(usize, &[Entry<'a>]) -> anyhow::Result<Vec<u8>> + Sync,
        out: &mut impl std::io::Write,
    ) -> anyhow::Result<()> {
        let render = &render;
        std::thread::scope(|scope| {
            let (chunks, received) = std::sync::mpsc::sync_channel(1);
            scope.spawn(move || {
                for (number, chunk) in heads.chunks(STREAM_CHUNK).enumerate() {
                    let bytes = parallel(
                        chunk,
                        |first, part| {
                            render(number * STREAM_CHUNK + first, &self.read_here(part).0)
                        },
                        |a, b| {
                            let (mut a, mut b) = (a?, b?);
                            a.append(&mut b);
                            Ok(a)
                        },
                    );
                    // The writer stopped early (an error, or a closed pipe).
                    if chunks.send(bytes).is_err() {
                        break;
                    }
                }
            });
            for bytes in received {
                out.write_all(&bytes?)?;
            }
            Ok(())
        })
    }

    /// The entry's stable id: its slug, with `-2`, `-3` for later entries (in date
    /// order) whose slug is the same. A slug starts with the date, so only the heads of
    /// the same day are compared, and a later entry never renames an earlier one.
    ///
    /// Linear in the number of entries: on a short day the earlier heads are compared
    /// (at most [`SHORT_DAY`]); a long day's suffixes come from one table of slugs.
    pub fn id(&self, head: &Head<'_>) -> String {
        let base = slug(head.title, head.date);
        let day_start = self.day_starts.get(head.position).copied().unwrap_or(0);
        let day_len = self.heads[day_start..]
            .iter()
            .take(SHORT_DAY + 1)
            .take_while(|other| other.date == head.date)
            .count();
        let same = if day_len <= SHORT_DAY {
            self.heads[day_start..head.position]
                .iter()
                .filter(|other| {
                    same_slug_start(other.title, head.title)
                        && slug(other.title, other.date) == base
                })
                .count()
        } else {
            let suffixes = self.suffixes.get_or_init(|| long_day_suffixes(&self.heads));
            suffixes.get(head.position).map_or(0, |&n| n as usize)
        };
        if same == 0 {
            base
        } else {
            format!("{base}-{}", same + 1)
        }
    }

    /// Reads the entries of `heads` on every core and keeps only what `look` takes from
    /// each, in order: a pass over a large log that never holds every parsed entry.
    pub fn map<R: Send>(
        &self,
        heads: &[&Head<'a>],
        look: impl Fn(&Entry<'a>) -> R + Sync,
    ) -> Vec<R> {
        parallel_map(heads, |_, head| {
            look(&entry::read(
                self.src,
                &self.blocks[head.block],
                &mut Vec::new(),
            ))
        })
    }

    /// Every head, in order.
    pub fn all(&self) -> Vec<&Head<'a>> {
        self.heads.iter().collect()
    }

    /// The tags and scope (as `wanted`) that the head does not know yet and a line scan
    /// of its block can tell without reading it (see [`entry::quick`]). What the head
    /// knows is not scanned again and stays `None` here: take it from the head.
    pub fn facts(&self, head: &Head<'a>, wanted: Wanted) -> Quick<'a> {
        let scan = Wanted {
            date: false,
            tags: wanted.tags && head.tags.is_none(),
            scope: wanted.scope && head.scope.is_none(),
        };
        if scan.tags || scan.scope {
            entry::quick(self.src, &self.blocks[head.block], None, scan)
        } else {
            Quick::default()
        }
    }

    /// The raw text of a head's block, for cheap checks before reading it.
    pub fn block_text(&self, head: &Head<'_>) -> &'a str {
        &self.src[self.blocks[head.block].span.clone()]
    }
}

/// For each head (in date order), the position of the first head of the same date.
fn day_starts(heads: &[Head<'_>]) -> Vec<usize> {
    let mut start = 0;
    heads
        .iter()
        .enumerate()
        .map(|(position, head)| {
            if position > 0 && heads[position - 1].date != head.date {
                start = position;
            }
            start
        })
        .collect()
}

/// For each head in a day of more than [`SHORT_DAY`] heads, how many earlier heads of
/// the day have the same slug; 0 for the others.
fn long_day_suffixes(heads: &[Head<'_>]) -> Vec<u32> {
    let mut suffixes = vec![0; heads.len()];
    let mut start = 0;
    while start < heads.len() {
        let date = heads[start].date;
        let len = heads[start..]
            .iter()
            .take_while(|head| head.date == date)
            .count();
        if len > SHORT_DAY {
            let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
            for (offset, head) in heads[start..start + len].iter().enumerate() {
                let count = seen.entry(slug(head.title, head.date)).or_insert(0);
                suffixes[start + offset] = *count;
                *count += 1;
            }
        }
        start += len;
    }
    suffixes
}

/// Entries read per batch when streaming: large enough to keep both cores busy.
const STREAM_CHUNK: usize = 4096;

/// Reads a whole log.
pub fn parse(src: &str) -> Log<'_> {
    let index = Index::new(src);
    let (entries, mut found) = index.read(&index.all());
    let mut diagnostics = index.diagnostics;
    diagnostics.append(&mut found);
    diagnostics.sort_by_key(|d| d.offset);
    Log {
        src,
        entries,
        diagnostics,
        months: index.months,
        order: index.order,
    }
}

/// Titles, dates and the `wanted` tags and scope of every block (reading only those
/// whose date a line scan cannot decide), sorted by date.
fn heads<'a>(src: &'a str, blocks: &[Block], wanted: Wanted) -> Vec<Head<'a>> {
    let wanted = Wanted {
        date: true,
        ..wanted
    };
    let mut heads = parallel_map(blocks, |index, block| {
        let (title, title_date) = entry::title(src, block);
        let quick = entry::quick(src, block, title_date, wanted);
        let (date, tags, scope) = match quick.date {
            Some(date) => (date, quick.tags, quick.scope),
            None => {
                // Undecided: read it, and keep what the read tells.
                let entry = entry::read(src, block, &mut Vec::new());
                (entry.date, Some(entry.tags), Some(entry.scope))
            }
        };
        Head {
            block: index,
            position: 0,
            title,
            date,
            tags,
            scope,
        }
    });
    heads.sort_by_key(|head| (head.date.is_none(), head.date, head.block));
    for (position, head) in heads.iter_mut().enumerate() {
        head.position = position;
    }
    heads
}

/// A block's title and date, reading the entry only when a line scan cannot decide
/// the date.
pub fn title_and_date<'a>(src: &'a str, block: &Block) -> (&'a str, Option<NaiveDate>) {
    let (title, title_date) = entry::title(src, block);
    let date = entry::quick(src, block, title_date, Wanted::DATE)
        .date
        .unwrap_or_else(|| entry::read(src, block, &mut Vec::new()).date);
    (title, date)
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
    let mut lines = LineCounter::default();
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
    outer: Context,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Context {
    let no_year = |diagnostics: &mut Vec<Diagnostic>, what: &str| {
        diagnostics.push(
            Diagnostic::warning(offset, format!("{what} with no recoverable year"))
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
    marks.get(from).map_or(src.len(), |mark| mark.start)
}

/// 1-based line numbers for increasing offsets, counting only the new bytes each time.
#[derive(Debug, Default)]
struct LineCounter {
    offset: usize,
    /// Newlines before `offset`.
    newlines: usize,
}

impl LineCounter {
    fn line_of(&mut self, src: &str, offset: usize) -> usize {
        if offset >= self.offset {
            self.newlines +=
                memchr::memchr_iter(b'\n', &src.as_bytes()[self.offset..offset]).count();
            self.offset = offset;
        }
        self.newlines + 1
    }
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

fn has_title_date(text: &str, context: Context) -> bool {
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
fn same_slug_start(a: &str, b: &str) -> bool {
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
fn detect_order(months: &[MonthSection], diagnostics: &mut Vec<Diagnostic>) -> Order {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A month of `n` undated entries (all on its first day) whose titles repeat.
    fn one_day(n: usize) -> String {
        let titles = [
            "Fixed flaky test",
            "Fixed flaky tests",
            "Fixed flaky test!",
            "Mentored Ana",
        ];
        let mut src = String::from("# Log\n\n## March 2026\n");
        for k in 0..n {
            src.push_str(&format!(
                "\n### {}\n- **Results**: {k}\n",
                titles[k % titles.len()]
            ));
        }
        src
    }

    #[test]
    fn ids_count_same_slugs_the_same_on_short_and_long_days() {
        for n in [1, 5, SHORT_DAY, SHORT_DAY + 1, 100] {
            let src = one_day(n);
            let log = parse(&src);
            assert_eq!(log.entries.len(), n);
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            for entry in &log.entries {
                let base = slug(entry.title, entry.date);
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                let expected = match *count {
                    1 => base,
                    n => format!("{base}-{n}"),
                };
                assert_eq!(entry.id, expected, "{n} entries");
            }
        }
    }
}
