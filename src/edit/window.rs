//! `brag add` on a large log without reading it whole: plan and verify on a window.
//!
//! A window is the last few month sections of the file (or the first few, for a log
//! kept newest first), preceded by the lines of the headings that enclose it (the
//! document's title, a year heading): enough for the reader to give every entry in the
//! window the context it has in the whole file. [`outline::scan_headings`] has already
//! proved that no fenced block or comment is open where the window starts, and that the
//! file needs no whole-document Markdown pass, so the reader sees the window's lines
//! exactly as it sees them in place.
//!
//! The plan made in the window is the plan for the whole file when it lands inside the
//! window, after its first line (so nothing before the window would have been a better
//! place) and, unless the window runs to the end of the file, before its last content
//! with the headings open at its end unchanged (so nothing after it reads differently).
//! Otherwise the caller reads the whole file.
//!
//! Placement follows one rule, whichever path plans it. The scan keeps the file's period
//! headings (see [`PeriodLines`]); the file's order (oldest or newest first) comes from
//! all their months, and the planner, run on those headings alone, says between which
//! two of them the entry goes (inside its month's section, where the month exists). A
//! window's plan must land there, or the whole file is read: a month out of order, a
//! month that comes twice, or a year heading far from its months can put the right
//! place outside any window. A window is also refused where a period heading in it has
//! no year of its own and none above it in the window (`## April`): the window would
//! read it without the year the whole file gives it.
//!
//! Some of these checks are implied by the plan between the period headings: mutation
//! runs (`benches/README.md`) find no log that one alone refuses (`lands_inside`'s
//! clauses, `Bounds::contains`'s ends, the open headings at the window's end, a
//! year-less heading). They stay as a second line in the write path: each can only make
//! the window give up, and the whole file be read, never change what is written. How far
//! the window reaches (`tail_start`, `head_end`, the cache's reads) likewise changes only
//! how much is read: a window too small to decide gives up too.
//!
//! The new entry's style (blank lines, label form) is read from the window alone. It
//! holds at least three months, so it sees the file's current habits; a log whose
//! style changes just outside the window may get different blank lines than a read of
//! the whole file would give. The place and the entry itself are the same either way,
//! which a property test checks.

use std::io;
use std::ops::Range;

use crate::edit::{self, Draft, Insertion, Settings, style};
use crate::model::YearMonth;
use crate::read::entry;
use crate::read::heading::{self, HeadingKind, NamedPeriod};
use crate::read::outline::{self, HeadingLine, Headings, MarkKind, PeriodLines};
use crate::read::parse::{self, Order, Skeleton};
use crate::text;

/// Month headings a window holds, so that it shows the file's order and neighbours.
const MONTHS: usize = 3;
/// The first read from either end of the file; doubled until it holds the months.
const FIRST_READ: usize = 1 << 20;

/// An insertion planned and verified on a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Windowed {
    /// Offset and line in the whole file.
    pub insertion: Insertion,
    /// The bytes of the file the window covered.
    pub range: Range<usize>,
    /// Those bytes after the insertion.
    pub new_text: String,
}

/// Plans, applies and verifies `draft` on a window of the file that `headings`
/// describes; `read` gives the file's bytes in a range. `None` when no window can
/// decide and the whole file must be read.
pub fn insert(
    headings: &Headings,
    mut read: impl FnMut(Range<usize>) -> io::Result<Vec<u8>>,
    draft: &Draft,
    settings: &Settings,
) -> io::Result<Option<Windowed>> {
    let periods = &headings.periods;
    let skeleton = parse::skeleton(&periods.text);
    let order = order(headings, &skeleton, &mut read, settings)?;
    let bounds = Bounds::new(periods, &skeleton, order, draft);
    let lines = &headings.lines;
    // Each end of the file has its own cache: the cache is one run of bytes, and
    // growing the tail's run to reach the head would read the whole file.
    let mut file = Cache::new(&mut read, headings.len);
    if let Some(first) = tail_start(lines, &mut file)? {
        if let Some(done) = try_window(
            headings,
            &mut file,
            first,
            lines.len(),
            (order, bounds),
            draft,
        )? {
            return Ok(Some(done));
        }
    }
    let mut file = Cache::new(&mut read, headings.len);
    if let Some(end) = head_end(lines, &mut file)? {
        if let Some(done) = try_window(headings, &mut file, 0, end, (order, bounds), draft)? {
            return Ok(Some(done));
        }
    }
    Ok(None)
}

/// The file's order, as [`edit::file_order`] reads it from the whole file: from the
/// period headings of `skeleton` (read from the file's period lines), and the preamble,
/// read from the file's start.
fn order(
    headings: &Headings,
    skeleton: &Skeleton,
    read: &mut impl FnMut(Range<usize>) -> io::Result<Vec<u8>>,
    settings: &Settings,
) -> io::Result<Order> {
    let starts = headings.lines.iter().map(|line| (line.start, line.level));
    let end = edit::preamble_end(headings.len, starts);
    let preamble = read(0..end)?;
    Ok(edit::file_order(
        skeleton,
        &String::from_utf8_lossy(&preamble),
        settings,
    ))
}

/// The part of the file read so far, one contiguous run, grown by at least doubling.
struct Cache<R> {
    read: R,
    start: usize,
    bytes: Vec<u8>,
    len: usize,
}

impl<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>> Cache<R> {
    fn new(read: R, len: usize) -> Self {
        Self {
            read,
            start: len,
            bytes: Vec::new(),
            len,
        }
    }

    fn end(&self) -> usize {
        self.start + self.bytes.len()
    }

    /// The bytes of `range`, reading what is missing.
    fn get(&mut self, range: Range<usize>) -> io::Result<&[u8]> {
        let grow = self.bytes.len().max(FIRST_READ);
        if self.bytes.is_empty() {
            self.start = range.start;
        }
        if range.start < self.start {
            let from = range.start.min(self.start.saturating_sub(grow));
            let mut before = (self.read)(from..self.start)?;
            before.extend_from_slice(&self.bytes);
            self.bytes = before;
            self.start = from;
        }
        if range.end > self.end() {
            let end = self.end();
            let to = range.end.max(end + grow).min(self.len);
            let more = (self.read)(end..to)?;
            self.bytes.extend_from_slice(&more);
        }
        Ok(&self.bytes[range.start - self.start..range.end - self.start])
    }

    /// The line starting at `start`; a far-away line is read on its own.
    fn line(&mut self, start: usize) -> io::Result<Option<String>> {
        let bytes = if start >= self.start && start < self.end() {
            self.bytes[start - self.start..].to_vec()
        } else {
            (self.read)(start..(start + 4096).min(self.len))?
        };
        let line = outline::line_at(&bytes, 0);
        Ok(std::str::from_utf8(&bytes[line]).ok().map(str::to_string))
    }
}

/// Whether heading `index` is a month heading.
fn is_month<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>>(
    lines: &[HeadingLine],
    index: usize,
    file: &mut Cache<R>,
) -> io::Result<bool> {
    let start = lines[index].start;
    let end = lines.get(index + 1).map_or(file.len, |next| next.start);
    let bytes = file.get(start..end.min(start + 4096))?;
    let line = &bytes[outline::line_at(bytes, 0)];
    Ok(std::str::from_utf8(line).is_ok_and(|text| {
        matches!(
            heading::classify(entry::heading_text(text), None, None),
            HeadingKind::Period(NamedPeriod::Month { .. })
        )
    }))
}

/// How far from either end of the file a window may reach.
const REACH: usize = 64 * FIRST_READ;

/// The index of the first heading of the window at the end of the file: the
/// [`MONTHS`]th month heading from the end. `None` when there is no such heading near.
fn tail_start<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>>(
    lines: &[HeadingLine],
    file: &mut Cache<R>,
) -> io::Result<Option<usize>> {
    let mut found = 0;
    for index in (0..lines.len()).rev() {
        if file.len - lines[index].start > REACH {
            break;
        }
        if is_month(lines, index, file)? {
            found += 1;
            if found == MONTHS {
                return Ok(Some(index));
            }
        }
    }
    Ok(None)
}

/// The index one past the last heading of the window at the start of the file: the
/// first heading after the [`MONTHS`]th month heading at its level or above.
fn head_end<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>>(
    lines: &[HeadingLine],
    file: &mut Cache<R>,
) -> io::Result<Option<usize>> {
    let mut found = 0;
    for index in 0..lines.len() {
        if lines[index].start > REACH {
            break;
        }
        if is_month(lines, index, file)? {
            found += 1;
            if found == MONTHS {
                let level = lines[index].level;
                return Ok((index + 1..lines.len()).find(|&next| lines[next].level <= level));
            }
        }
    }
    Ok(None)
}

/// The part of the file from heading `first` to heading `end` (exclusive; the end of
/// the file when it is the last), as the reader sees it in place.
struct Window {
    /// Its bytes in the file.
    range: Range<usize>,
    text: String,
    /// The lines of the headings that enclose it, outermost first: the context the
    /// reader needs.
    prefix: String,
    enclosing: usize,
    /// The heading line that follows it, where asked for: what the planner looks at
    /// after an insertion at the window's end.
    suffix: String,
}

impl Window {
    /// The window after its prefix, as one document.
    fn doc(&self) -> String {
        format!("{}{}{}", self.prefix, self.text, self.suffix)
    }

    fn at_end(&self, len: usize) -> bool {
        self.range.end == len
    }
}

/// The window from heading `first` to heading `end`, followed by the line of heading
/// `end` where `with_next`. `None` where it is not text, or would read a period without
/// the year the whole file gives it.
fn window<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>>(
    headings: &Headings,
    file: &mut Cache<R>,
    (first, end): (usize, usize),
    with_next: bool,
) -> io::Result<Option<Window>> {
    let lines = &headings.lines;
    let start = if first == 0 { 0 } else { lines[first].start };
    let stop = lines.get(end).map_or(headings.len, |line| line.start);
    let Ok(text) = String::from_utf8(file.get(start..stop)?.to_vec()) else {
        return Ok(None);
    };
    // The headings that enclose the window, outermost first.
    let mut enclosing = Vec::new();
    if start > 0 {
        let mut level = lines[first].level;
        for index in (0..first).rev() {
            if lines[index].level < level {
                level = lines[index].level;
                match file.line(lines[index].start)? {
                    Some(line) => enclosing.push(line),
                    None => return Ok(None),
                }
            }
        }
    }
    enclosing.reverse();
    let eol = style::eol_near(&text, 0);
    let prefix: String = enclosing
        .iter()
        .flat_map(|line| [line.as_str(), eol])
        .collect();
    let suffix = match lines.get(end) {
        Some(next) if with_next => match file.line(next.start)? {
            Some(line) => format!("{line}{eol}"),
            None => return Ok(None),
        },
        _ => String::new(),
    };
    let window = Window {
        range: start..stop,
        text,
        prefix,
        enclosing: enclosing.len(),
        suffix,
    };
    Ok(years_inside(&window.doc()).then_some(window))
}

/// Whether an insertion at `offset` of the window's text (it goes before the text
/// there) is where the whole file's plan would put it: after the window's first line,
/// before its last content unless the window runs to the end of the file, and within
/// the bounds the period headings give.
fn lands_inside(window: &Window, len: usize, bounds: &Bounds, offset: usize) -> bool {
    let start = window.range.start;
    (start == 0 || offset > 0)
        && (window.at_end(len)
            || !window.suffix.is_empty()
            || style::has_content(&window.text, offset..window.text.len()))
        && bounds.contains(start + offset)
}

/// Plans on the window from heading `first` to heading `end`, and checks that the plan
/// holds for the whole file.
fn try_window<R: FnMut(Range<usize>) -> io::Result<Vec<u8>>>(
    headings: &Headings,
    file: &mut Cache<R>,
    first: usize,
    end: usize,
    (order, bounds): (Order, Bounds),
    draft: &Draft,
) -> io::Result<Option<Windowed>> {
    let Some(window) = window(headings, file, (first, end), false)? else {
        return Ok(None);
    };
    let prefix = window.prefix.len();
    let Ok(insertion) = edit::insert_after(&window.doc(), prefix, order, draft) else {
        return Ok(None);
    };
    let Some(offset) = insertion.offset.checked_sub(prefix) else {
        return Ok(None);
    };
    if !lands_inside(&window, headings.len, &bounds, offset) {
        return Ok(None);
    }
    let text = &window.text;
    let mut new_text = String::with_capacity(text.len() + insertion.text.len());
    new_text.push_str(&text[..offset]);
    new_text.push_str(&insertion.text);
    new_text.push_str(&text[offset..]);
    if !window.at_end(headings.len) && open_at_end(text) != open_at_end(&new_text) {
        return Ok(None);
    }
    let start = window.range.start;
    let first_line = if start == 0 {
        1
    } else {
        headings.lines[first].line
    };
    Ok(Some(Windowed {
        insertion: Insertion {
            offset: start + offset,
            line: first_line + insertion.line - window.enclosing - 1,
            ..insertion
        },
        range: window.range,
        new_text,
    }))
}

/// Drafts inserted together on a window: the bytes of the file it covered, those
/// bytes after the insertions, and each draft's month and id, in the drafts' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowedMonth {
    pub range: Range<usize>,
    pub new_text: String,
    pub added: Vec<(YearMonth, String)>,
}

/// Plans, applies and verifies `drafts`, all of one month that the file already has, on
/// a window of that month's section (its last one, where the month comes twice) with
/// the headings that enclose it and the heading line that follows it: `brag import`'s way to add many entries to a large
/// log without planning each on the whole of it. `None` when the window cannot decide,
/// or refuses a draft: the caller then plans them on the whole file.
///
/// The window holds the one month, so the new entries copy that month's style.
pub fn insert_month(
    headings: &Headings,
    mut read: impl FnMut(Range<usize>) -> io::Result<Vec<u8>>,
    drafts: &[&Draft],
    settings: &Settings,
) -> io::Result<Option<WindowedMonth>> {
    let Some(&first_draft) = drafts.first() else {
        return Ok(None);
    };
    let month = YearMonth::of(first_draft.date);
    let periods = &headings.periods;
    let skeleton = parse::skeleton(&periods.text);
    if drafts
        .iter()
        .any(|draft| YearMonth::of(draft.date) != month)
        || !skeleton.months.iter().any(|section| section.month == month)
    {
        return Ok(None);
    }
    let order = order(headings, &skeleton, &mut read, settings)?;
    let bounds = Bounds::new(periods, &skeleton, order, first_draft);
    let lines = &headings.lines;
    let Some(after) = bounds.after else {
        return Ok(None);
    };
    let first = lines.partition_point(|line| line.start < after);
    let end = bounds.before.map_or(lines.len(), |before| {
        lines.partition_point(|line| line.start < before)
    });
    if lines.get(first).is_none_or(|line| line.start != after) {
        return Ok(None);
    }
    let mut file = Cache::new(&mut read, headings.len);
    let Some(window) = window(headings, &mut file, (first, end), true)? else {
        return Ok(None);
    };
    let prefix = window.prefix.len();
    let Ok(batch) = edit::insert_all_after(&window.doc(), prefix, order, drafts) else {
        return Ok(None);
    };
    let all_inside = batch.insertions.iter().all(|(offset, _)| {
        offset
            .checked_sub(prefix)
            .is_some_and(|offset| lands_inside(&window, headings.len, &bounds, offset))
    });
    if !all_inside {
        return Ok(None);
    }
    let Some(new_text) = batch
        .text
        .get(prefix..batch.text.len() - window.suffix.len())
        .filter(|_| batch.text.ends_with(&window.suffix))
    else {
        return Ok(None);
    };
    let new_text = new_text.to_string();
    if !window.at_end(headings.len) && open_at_end(&window.text) != open_at_end(&new_text) {
        return Ok(None);
    }
    Ok(Some(WindowedMonth {
        range: window.range,
        new_text,
        added: batch.added,
    }))
}

/// The levels of the headings still open at the end of `text`, innermost first.
fn open_at_end(text: &str) -> Vec<u8> {
    let mut open = Vec::new();
    for mark in outline::scan(text).marks.iter().rev() {
        if let MarkKind::Heading(level) = mark.kind {
            if open.last().is_none_or(|&last| level < last) {
                open.push(level);
            }
        }
    }
    open
}

/// Where in the whole file the new entry may go, decided by the planner itself on the
/// file's period headings alone ([`PeriodLines`]): the same rule that places it in the
/// whole file, so a window's plan that lands elsewhere has missed a period outside the
/// window. Into an existing month, the entry goes inside that month's section (its last
/// one, where a month comes twice); a new month goes in the gap between the two period
/// lines that the plan on the period lines puts it between.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    /// The start of the heading line the entry must come after.
    after: Option<usize>,
    /// The start of the heading line the entry must come before; `None`: the file's end.
    before: Option<usize>,
}

impl Bounds {
    fn new(periods: &PeriodLines, skeleton: &Skeleton, order: Order, draft: &Draft) -> Self {
        let text = periods.text.as_bytes();
        let line_of = |at: usize| text::newlines(&text[..at]);
        let target = YearMonth::of(draft.date);
        if let Some(month) = skeleton.months.iter().rev().find(|m| m.month == target) {
            let line = line_of(month.heading.start);
            let next = (line + 1..periods.starts.len())
                .find(|&next| periods.levels[next] <= periods.levels[line]);
            return Bounds {
                after: periods.starts.get(line).copied(),
                before: next.map(|next| periods.starts[next]),
            };
        }
        let plan = edit::plan(&periods.text, skeleton, 0, order, draft);
        let lines_before = line_of(plan.offset.min(text.len()));
        Bounds {
            after: lines_before
                .checked_sub(1)
                .and_then(|line| periods.starts.get(line).copied()),
            before: periods.starts.get(lines_before).copied(),
        }
    }

    fn contains(&self, offset: usize) -> bool {
        self.after.is_none_or(|after| offset > after)
            && self.before.is_none_or(|before| offset < before)
    }
}

/// Whether every period heading in the window names its year, or sits under a heading
/// that does (`### April` under `## 2026`). A year-less one (`## April`) takes its year
/// from headings that may lie outside the window, where the window cannot see them.
fn years_inside(doc: &str) -> bool {
    // The headings open above the current one: their level, and whether they give a year.
    let mut open: Vec<(u8, bool)> = Vec::new();
    for mark in outline::scan(doc).marks {
        let MarkKind::Heading(level) = mark.kind else {
            continue;
        };
        while open.last().is_some_and(|&(above, _)| above >= level) {
            open.pop();
        }
        let text = entry::heading_text(&doc[mark.line(doc)]);
        let (year_less, gives_year) = match heading::classify(text, None, None) {
            HeadingKind::Period(
                NamedPeriod::Month { year: None, .. }
                | NamedPeriod::Half { year: None, .. }
                | NamedPeriod::Quarter { year: None, .. },
            ) => (true, false),
            HeadingKind::Period(NamedPeriod::Year(_)) => (false, true),
            HeadingKind::Period(
                NamedPeriod::Half { year: Some(_), .. }
                | NamedPeriod::Quarter { year: Some(_), .. },
            ) => (false, true),
            _ => (false, false),
        };
        if year_less && !open.iter().any(|&(_, gives)| gives) {
            return false;
        }
        open.push((level, gives_year));
    }
    true
}
