//! `brag add`'s core: where a new entry goes, how it is written, and the proof that
//! inserting it changed nothing else. Pure: text in, text out; `store` does the I/O.
//!
//! # Placement
//!
//! - The entry goes under its month heading: the last one in the file when a month has
//!   two. Within the month it goes by date, in the file's order, after every entry of
//!   the same date (so ids already handed out never change), as a direct child of the
//!   month: never into a week, day or category sub-section, whose choice brag cannot
//!   make for the person.
//! - A missing month heading is created at its chronological place among its siblings,
//!   inside the year, half or quarter container that covers it where the file uses
//!   them (a missing container is created too, shaped like its neighbour), in the
//!   heading form of its neighbour (`Nov 2026`, `2026-11`, `Nov` under a year).
//! - The file's order comes from its month headings; a file whose headings do not say
//!   takes `order` from the config, else oldest first.
//! - Text is only ever inserted, after the last non-blank line of what precedes it: the
//!   blank lines that followed that line follow the new text instead.
//!
//! [`insert`] plans, applies and verifies (see `verify`); `window` does the same on a
//! small part of a large log.

pub mod draft;
pub mod rewrite;
pub mod style;
pub mod verify;
pub mod window;

use chrono::{Datelike as _, NaiveDate};

pub use draft::{Body, Draft};
use style::{EntryForm, Style};

use crate::model::{FieldKey, Scope, Star, YearMonth};
use crate::read::entry::{self, Block};
use crate::read::heading::{NamedPeriod, PeriodHeading, Precision};
use crate::read::outline::{self, MarkKind};
use crate::read::parse::{self, Order, PeriodSection, Skeleton};

/// What the log's config says about new text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// The month order for a log whose headings do not say (config `order`).
    pub order: Option<Order>,
}

/// What the new entry must read back as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub title: String,
    pub date: NaiveDate,
    pub month: YearMonth,
    pub tags: Vec<String>,
    pub scope: Option<Scope>,
    pub star: Star<Option<String>>,
    /// Other labels and their bodies, in order.
    pub fields: Vec<(String, String)>,
    /// The notes, joined as the schema joins them.
    pub notes: Option<String>,
    /// The period that dates it instead of `date` (see [`Draft::dated_by`]).
    pub period: Option<PeriodHeading>,
    pub section: Option<String>,
}

/// Where the new entry goes and the bytes that put it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub offset: usize,
    pub text: String,
    pub expected: Expected,
}

/// A planned insertion that verification accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    pub offset: usize,
    pub text: String,
    pub month: YearMonth,
    /// The new entry's id.
    pub id: String,
    /// The 1-based line of the new entry's heading (or bullet) in the new text.
    pub line: usize,
    /// The month heading added to a document that had entries but no period heading (a
    /// story bank, a category document), as written: `## July 2026`.
    pub dated_section: Option<String>,
}

/// Plans the insertion of `draft` into `src`, applies it and verifies the result.
pub fn insert(src: &str, draft: &Draft, settings: &Settings) -> anyhow::Result<Insertion> {
    let skeleton = parse::skeleton(src);
    let headings = skeleton.marks.iter().filter_map(|mark| match mark.kind {
        MarkKind::Heading(level) => Some((mark.start, level)),
        MarkKind::Bullet => None,
    });
    let preamble = String::from_utf8_lossy(&src.as_bytes()[..preamble_end(src.len(), headings)]);
    let order = file_order(&skeleton, &preamble, settings);
    insert_planned(src, &skeleton, 0, order, draft)
}

/// The order of a file with these period headings (all of them, whichever part of the
/// file is being planned on) and this preamble: by its month headings, else by its year
/// headings, else by a note in its preamble (see [`noted_order`]), else the config's,
/// else oldest first.
pub fn file_order(periods: &Skeleton, preamble: &str, settings: &Settings) -> Order {
    parse::month_order(&periods.months)
        .or_else(|| year_order(&periods.periods))
        .or_else(|| noted_order(preamble))
        .or(settings.order)
        .unwrap_or_default()
}

/// The order of the year headings (`## 2026` before `## 2025`), by majority of
/// neighbouring pairs; `None` when they do not say.
fn year_order(periods: &[PeriodSection]) -> Option<Order> {
    let years: Vec<i32> = periods
        .iter()
        .filter_map(|section| match section.period {
            NamedPeriod::Year(year) => Some(year),
            _ => None,
        })
        .collect();
    let rising = years.windows(2).filter(|pair| pair[0] < pair[1]).count();
    let falling = years.windows(2).filter(|pair| pair[0] > pair[1]).count();
    match rising.cmp(&falling) {
        std::cmp::Ordering::Greater => Some(Order::OldestFirst),
        std::cmp::Ordering::Less => Some(Order::NewestFirst),
        std::cmp::Ordering::Equal => None,
    }
}

/// The most of a file's start read as its preamble.
pub const PREAMBLE_MAX: usize = 16 << 10;

/// Where a file's preamble ends: at its first heading other than the document's title
/// (a level-one heading that opens the file), at most [`PREAMBLE_MAX`] bytes in.
/// `headings` are the start and level of each heading line, in order.
pub fn preamble_end(len: usize, mut headings: impl Iterator<Item = (usize, u8)>) -> usize {
    let end = match headings.next() {
        Some((_, 1)) => headings.next().map_or(len, |(start, _)| start),
        Some((start, _)) => start,
        None => len,
    };
    end.min(len).min(PREAMBLE_MAX)
}

/// The order a note in the preamble asks for: "newest first", "most recent first",
/// "reverse-chronological" (or "oldest first", "chronological order").
pub fn noted_order(preamble: &str) -> Option<Order> {
    const NEWEST: [&str; 6] = [
        "newest first",
        "most recent first",
        "latest first",
        "newest on top",
        "newest at the top",
        "reverse chronological",
    ];
    const OLDEST: [&str; 3] = ["oldest first", "oldest on top", "chronological order"];
    let words = preamble
        .to_lowercase()
        .replace(['-', '_', '*'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let says = |phrases: &[&str]| phrases.iter().any(|phrase| words.contains(phrase));
    if says(&NEWEST) {
        Some(Order::NewestFirst)
    } else if says(&OLDEST) {
        Some(Order::OldestFirst)
    } else {
        None
    }
}

/// [`insert`] into a file of the given order, where the text before `from` is only
/// context for the reader (a window's enclosing headings): the file's style is not read
/// from it.
pub fn insert_after(
    src: &str,
    from: usize,
    order: Order,
    draft: &Draft,
) -> anyhow::Result<Insertion> {
    insert_planned(src, &parse::skeleton(src), from, order, draft)
}

fn insert_planned(
    src: &str,
    skeleton: &Skeleton,
    from: usize,
    order: Order,
    draft: &Draft,
) -> anyhow::Result<Insertion> {
    nameable(draft)?;
    let (plan, added) = planned_and_verified(src, skeleton, from, order, draft)?;
    let undated_document = skeleton.periods.is_empty() && !skeleton.blocks.is_empty();
    let dated_section = undated_document
        .then(|| plan.text.lines().find(|line| line.starts_with('#')))
        .flatten()
        .map(str::to_string);
    Ok(Insertion {
        dated_section,
        offset: plan.offset,
        text: plan.text,
        month: plan.expected.month,
        id: added.id,
        line: added.line,
    })
}

/// The plan for `draft`, verified: before the document's trailing matter (see
/// [`trailing_matter`]) where that changes no old entry, else where the entry falls,
/// else (for an entry that falls at the document's end) after the trailing matter. The
/// first that the verifier accepts; else the first refusal.
fn planned_and_verified(
    src: &str,
    skeleton: &Skeleton,
    from: usize,
    order: Order,
    draft: &Draft,
) -> anyhow::Result<(Plan, verify::Verified)> {
    let verified = |tuck| {
        let plan = plan_tucked(src, skeleton, from, order, draft, tuck);
        verify::verify(src, skeleton, &apply(src, &plan), &plan).map(|added| (plan, added))
    };
    let [first, others @ ..] = TUCKS;
    verified(first).or_else(|refusal| {
        others
            .into_iter()
            .find_map(|tuck| verified(tuck).ok())
            .ok_or(refusal)
    })
}

/// Refuses a draft whose month no heading can name: a month heading needs a four-digit
/// year to read back (`## March 999` does not).
fn nameable(draft: &Draft) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1000..=9999).contains(&draft.date.year()),
        "the date {} is outside the years 1000 to 9999, which a month heading can name",
        draft.date
    );
    Ok(())
}

/// Several drafts inserted in turn, each planned on the text the ones before it made,
/// and verified together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// The text with every draft inserted.
    pub text: String,
    /// The inserted texts, each at its offset in the original text, in order.
    pub insertions: Vec<(usize, String)>,
    /// Each draft's entry, in the order of the drafts: its month and id.
    pub added: Vec<(YearMonth, String)>,
}

/// [`insert_after`] for several drafts of months the text has: the text each would get
/// as one [`insert_after`] after another places it, planned in one pass, and verified
/// once ([`verify::verify_all`]), so that a month's worth of imported entries costs one
/// reading of the month, not one per entry. An error refuses them all.
///
/// A draft goes after the last entry (in file order) that sorts at or before it, so its
/// gap among the old entries is planned on the old text alone: the drafts before it
/// only decide its place among the drafts of the same gap, each after the last one
/// that sorts at or before it. A draft dated by a period wider than a month reads back
/// without a date, which sorts before every other: it is refused here, and planned on
/// its own. The style is read once, at the first draft's place.
pub fn insert_all_after(
    src: &str,
    from: usize,
    order: Order,
    drafts: &[&Draft],
) -> anyhow::Result<Batch> {
    let skeleton = parse::skeleton(src);
    let nodes = tree(&skeleton.periods);
    let mut style: Option<Style> = None;
    // Each gap: where it is, and its drafts in file order (their numbers).
    let mut gaps: Vec<(Spot, Vec<usize>)> = Vec::new();
    for (number, draft) in drafts.iter().enumerate() {
        nameable(draft)?;
        anyhow::ensure!(
            draft.period.is_none_or(entry::gives_a_day),
            "a draft without a day is planned on its own"
        );
        let target = YearMonth::of(draft.date);
        let Some(month) = nodes
            .iter()
            .rposition(|node| node.kind == Kind::Month && node.first == Some(target))
        else {
            anyhow::bail!("no month heading for {}", target.in_words());
        };
        let spot = in_month(src, &skeleton, &nodes[month], draft.date, order);
        style.get_or_insert_with(|| Style::detect(src, &skeleton, from, spot.offset));
        let gap = match gaps.iter().position(|(gap, _)| gap.offset == spot.offset) {
            Some(gap) => gap,
            None => {
                gaps.push((spot, Vec::new()));
                gaps.len() - 1
            }
        };
        let members = &mut gaps[gap].1;
        let sorts_before = |other: &usize| match order {
            Order::OldestFirst => drafts[*other].date <= draft.date,
            Order::NewestFirst => drafts[*other].date >= draft.date,
        };
        let at = members
            .iter()
            .rposition(sorts_before)
            .map_or(0, |last| last + 1);
        members.insert(at, number);
    }
    let Some(style) = style else {
        return Ok(Batch {
            text: src.to_string(),
            insertions: Vec::new(),
            added: Vec::new(),
        });
    };
    gaps.sort_by_key(|(spot, _)| spot.offset);
    let mut insertions: Vec<(usize, String)> = Vec::with_capacity(gaps.len());
    // The drafts in the order their entries stand in the new text, with what each must
    // read back as.
    let mut in_file: Vec<(usize, Expected)> = Vec::with_capacity(drafts.len());
    for (spot, members) in &gaps {
        let offset = spot.offset;
        // The line that follows the gap, as the planner sees it after each draft.
        let next_line = outline::line_at(src.as_bytes(), offset);
        let after = &src[offset..(next_line.end + 1).min(src.len())];
        let mut chunk = String::new();
        let mut at = 0;
        for &number in members {
            let (text, expected) = if chunk.is_empty() {
                compose(src, &skeleton, spot, &style, drafts[number])
            } else {
                // After the draft before: the text so far and the line that follows.
                let local = format!("{chunk}{after}");
                let shift = |range: &std::ops::Range<usize>| {
                    range.start - offset + chunk.len()..range.end - offset + chunk.len()
                };
                let periods = skeleton
                    .periods
                    .iter()
                    .filter(|period| period.heading.start == offset)
                    .map(|period| PeriodSection {
                        heading: shift(&period.heading),
                        span: shift(&(period.span.start..period.span.start)),
                        ..period.clone()
                    })
                    .collect();
                let around = Skeleton {
                    periods,
                    ..Skeleton::default()
                };
                let here = Spot {
                    offset: at,
                    headings: Vec::new(),
                    month_level: spot.month_level,
                    form: spot.form,
                };
                compose(&local, &around, &here, &style, drafts[number])
            };
            chunk.insert_str(at, &text);
            at = style::last_content_end(&chunk, 0..at + text.len());
            in_file.push((number, expected));
        }
        insertions.push((offset, chunk));
    }
    let mut text = String::with_capacity(
        src.len()
            + insertions
                .iter()
                .map(|(_, chunk)| chunk.len())
                .sum::<usize>(),
    );
    let mut copied = 0;
    for (offset, chunk) in &insertions {
        text.push_str(&src[copied..*offset]);
        text.push_str(chunk);
        copied = *offset;
    }
    text.push_str(&src[copied..]);
    let borrowed: Vec<(usize, &str)> = insertions
        .iter()
        .map(|(offset, chunk)| (*offset, chunk.as_str()))
        .collect();
    let expected: Vec<&Expected> = in_file.iter().map(|(_, expected)| expected).collect();
    let verified = verify::verify_all(src, &skeleton, &text, &borrowed, &expected)?;
    let mut added = vec![None; drafts.len()];
    for ((number, expected), found) in in_file.iter().zip(verified) {
        added[*number] = Some((expected.month, found.id));
    }
    Ok(Batch {
        text,
        insertions,
        added: added.into_iter().flatten().collect(),
    })
}

/// `src` with the plan's text inserted.
pub fn apply(src: &str, plan: &Plan) -> String {
    let mut out = String::with_capacity(src.len() + plan.text.len());
    out.push_str(&src[..plan.offset]);
    out.push_str(&plan.text);
    out.push_str(&src[plan.offset..]);
    out
}

/// Where the new entry goes in a file of `order`, and how; the file's style is read
/// after `from`. It goes before the document's trailing matter (see
/// [`trailing_matter`]).
pub fn plan(src: &str, skeleton: &Skeleton, from: usize, order: Order, draft: &Draft) -> Plan {
    plan_tucked(
        src,
        skeleton,
        from,
        order,
        draft,
        Tuck::BeforeTrailingMatter,
    )
}

/// Where a plan that falls in the document's trailing matter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tuck {
    BeforeTrailingMatter,
    /// Where it falls.
    No,
    /// After the document's last content (where the reader files the trailing matter
    /// under the period before it, so that a new period before it would take it over).
    AfterTrailingMatter,
}

/// The places tried, in order.
const TUCKS: [Tuck; 3] = [
    Tuck::BeforeTrailingMatter,
    Tuck::No,
    Tuck::AfterTrailingMatter,
];

fn plan_tucked(
    src: &str,
    skeleton: &Skeleton,
    from: usize,
    order: Order,
    draft: &Draft,
    tuck: Tuck,
) -> Plan {
    let target = YearMonth::of(draft.date);
    let nodes = tree(&skeleton.periods);
    let existing = nodes
        .iter()
        .rposition(|node| node.kind == Kind::Month && node.first == Some(target));
    let mut spot = match existing.or_else(|| holding_container(skeleton, &nodes, target)) {
        Some(node) => in_month(src, skeleton, &nodes[node], draft.date, order),
        None => new_month(src, &nodes, target, order),
    };
    match tuck {
        Tuck::BeforeTrailingMatter => {
            spot.offset = spot.offset.min(trailing_matter(src, skeleton));
        }
        // Only a new period closes the section it would follow.
        Tuck::AfterTrailingMatter if !spot.headings.is_empty() => {
            if spot.offset >= trailing_matter(src, skeleton) {
                spot.offset = style::last_content_end(src, outline::body_start(src)..src.len());
            }
        }
        Tuck::No | Tuck::AfterTrailingMatter => {}
    }
    let style = Style::detect(src, skeleton, from, spot.offset);
    let (text, expected) = compose(src, skeleton, &spot, &style, draft);
    Plan {
        offset: spot.offset,
        text,
        expected,
    }
}

/// Where the document's trailing matter starts: the sections at its end that are
/// asides rather than achievements (`## Outside of work`, `## Notes`; see
/// [`is_aside`]), and the rules (`---`) and table lines that end the text before them.
/// It starts after the last line of other content. New text goes before it.
fn trailing_matter(src: &str, skeleton: &Skeleton) -> usize {
    let body_start = outline::body_start(src);
    let mut cut = src.len();
    // The shallowest level of the headings since `cut`: they are trailing matter only
    // under an aside heading above them.
    let mut waiting = u8::MAX;
    for mark in skeleton.marks.iter().rev() {
        let MarkKind::Heading(level) = mark.kind else {
            continue;
        };
        if level >= waiting {
            continue;
        }
        if is_aside(entry::heading_text(&src[mark.line(src)])) {
            cut = mark.start;
            waiting = u8::MAX;
            continue;
        }
        let is_period = skeleton
            .periods
            .binary_search_by_key(&mark.start, |period| period.heading.start)
            .is_ok();
        if level == 1 || is_period {
            break;
        }
        waiting = level;
    }
    let mut end = cut.max(body_start);
    loop {
        let content = style::last_content_end(src, body_start..end);
        if content == body_start {
            return content;
        }
        let start = crate::text::line_start(src, content - 1).max(body_start);
        let line = src[start..content].trim();
        // A `---` under a line of text underlines a heading: moving it is refused by
        // the verifier, and the plan falls back.
        if !(line.starts_with('|') || is_rule(line)) {
            return content;
        }
        end = start;
    }
}

/// Whether a heading names a section that is an aside at the end of a document, not a
/// part of its record: `Outside of work`, `Notes`, `Side projects`, `Links`, ...
fn is_aside(heading: &str) -> bool {
    const ASIDES: [&str; 16] = [
        "outside of work",
        "outside work",
        "notes",
        "side projects",
        "personal",
        "misc",
        "miscellaneous",
        "other",
        "links",
        "references",
        "resources",
        "ideas",
        "todo",
        "to do",
        "backlog",
        "appendix",
    ];
    let name = heading
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    ASIDES.contains(&name.as_str())
}

/// Whether a line is a thematic break: `---`, `***`, `___`, spaced or not.
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&mark| marks.chars().all(|c| c == mark))
}

/// A period heading that can hold months: a year, half, quarter, or a month itself.
#[derive(Debug)]
struct Node<'s> {
    section: &'s PeriodSection,
    kind: Kind,
    /// The first and last month it covers; `None` without a recoverable year.
    first: Option<YearMonth>,
    last: Option<YearMonth>,
    /// The enclosing node.
    parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Year,
    Half(u8),
    Quarter(u8),
    Month,
}

impl Node<'_> {
    fn covers(&self, month: YearMonth) -> bool {
        matches!((self.first, self.last), (Some(first), Some(last)) if first <= month && month <= last)
    }

    /// Whether the node comes before `month` in a file of this order.
    fn before(&self, month: YearMonth, order: Order) -> bool {
        match order {
            Order::OldestFirst => self.last.is_some_and(|last| last < month),
            Order::NewestFirst => self.first.is_some_and(|first| first > month),
        }
    }
}

/// The year, half, quarter and month headings, each with its enclosing one. Week and
/// day headings live inside months and are left out.
fn tree(periods: &[PeriodSection]) -> Vec<Node<'_>> {
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for section in periods {
        let year = section.context.year;
        let span = |from: u32, to: u32| {
            let month = |m| year.and_then(|y| YearMonth::new(y, m));
            (month(from), month(to))
        };
        let (kind, (first, last)) = match section.period {
            NamedPeriod::Year(_) => (Kind::Year, span(1, 12)),
            NamedPeriod::Half { half, .. } => {
                let from = u32::from(half) * 6 - 5;
                (Kind::Half(half), span(from, from + 5))
            }
            NamedPeriod::Quarter { quarter, .. } => {
                let from = u32::from(quarter) * 3 - 2;
                (Kind::Quarter(quarter), span(from, from + 2))
            }
            NamedPeriod::Month { .. } => {
                (Kind::Month, (section.context.month, section.context.month))
            }
            NamedPeriod::Week(_) | NamedPeriod::Day(_) => continue,
        };
        while open.last().is_some_and(|&top| {
            let outer = nodes[top].section;
            !(outer.span.contains(&section.span.start) && outer.level < section.level)
        }) {
            open.pop();
        }
        nodes.push(Node {
            section,
            kind,
            first,
            last,
            parent: open.last().copied(),
        });
        open.push(nodes.len() - 1);
    }
    nodes
}

/// Where and how the entry goes, before the file's style is applied.
#[derive(Debug)]
struct Spot {
    offset: usize,
    /// Period headings to create first, outermost first: `(level, text)`.
    headings: Vec<(u8, String)>,
    /// The level of the month heading the entry goes under.
    month_level: u8,
    /// How the entry opens, where the month already says; else the file's style decides.
    form: Option<EntryForm>,
}

/// A place in an existing month: after the last entry that sorts at or before `date`,
/// else before the first entry.
fn in_month(
    src: &str,
    skeleton: &Skeleton,
    month: &Node<'_>,
    date: NaiveDate,
    order: Order,
) -> Spot {
    let section = month.section;
    let inside = |start: usize| start > section.heading.start && start < section.span.end;
    let first_mark = skeleton
        .marks
        .partition_point(|mark| mark.start <= section.heading.start);
    let marks = skeleton.marks[first_mark..]
        .iter()
        .take_while(|mark| inside(mark.start));
    let child_level = marks
        .clone()
        .filter_map(|mark| match mark.kind {
            MarkKind::Heading(level) => Some(level),
            MarkKind::Bullet => None,
        })
        .min();
    let first_block = skeleton
        .blocks
        .partition_point(|block| block.span.start <= section.heading.start);
    let blocks: Vec<&Block> = skeleton.blocks[first_block..]
        .iter()
        .take_while(|block| inside(block.span.start))
        .collect();
    let is_block = |start: usize| blocks.iter().any(|block| block.span.start == start);
    // The month's direct children: headings of its shallowest level inside it, and
    // bullet entries before the first of those.
    let mut children: Vec<usize> = Vec::new();
    let mut under_heading = false;
    for mark in marks {
        match mark.kind {
            MarkKind::Heading(level) if Some(level) == child_level => {
                children.push(mark.start);
                under_heading = true;
            }
            MarkKind::Bullet if !under_heading && is_block(mark.start) => children.push(mark.start),
            _ => {}
        }
    }
    let child = |start: usize| {
        let index = children
            .partition_point(|&child| child <= start)
            .checked_sub(1)?;
        Some(children[index]..children.get(index + 1).copied().unwrap_or(section.span.end))
    };
    let sorts_before = |block: &&Block| {
        parse::title_and_date(src, block)
            .1
            .is_none_or(|day| match order {
                Order::OldestFirst => day <= date,
                Order::NewestFirst => day >= date,
            })
    };
    let offset = match blocks.iter().rev().copied().find(sorts_before) {
        Some(block) => {
            let range = child(block.span.start).unwrap_or_else(|| block.span.clone());
            style::last_content_end(src, range)
        }
        None => {
            let end = children.first().copied().unwrap_or(section.span.end);
            style::last_content_end(src, section.heading.start..end)
        }
    };
    let has = |wanted| blocks.iter().any(|block| block.shape == wanted);
    let form = if has(entry::Shape::Heading) {
        child_level.map(|level| EntryForm::Heading {
            depth: level.saturating_sub(section.level),
        })
    } else if has(entry::Shape::Bullet) {
        Some(EntryForm::Bullet)
    } else {
        None
    };
    // A bullet after a sub-heading (a day, a week, `### Weekend`) would be that
    // section's: it goes before the month's first sub-heading instead, as its own.
    let first_sub_heading = child_level.and_then(|level| {
        let mut marks = skeleton.marks[first_mark..]
            .iter()
            .take_while(|mark| inside(mark.start));
        marks
            .find(|mark| mark.kind == MarkKind::Heading(level))
            .map(|mark| mark.start)
    });
    let offset = match (form, first_sub_heading) {
        (Some(EntryForm::Bullet), Some(sub)) if offset > sub => {
            style::last_content_end(src, section.heading.start..sub)
        }
        _ => offset,
    };
    Spot {
        offset,
        headings: Vec::new(),
        month_level: section.level,
        form,
    }
}

/// The innermost year, half or quarter heading that covers `target` and holds entries
/// right under it, with no period heading inside (`## 2026` over its bullets): the
/// entry goes among those entries, as a month's would, rather than under a new month
/// heading that would break the document's shape.
fn holding_container(skeleton: &Skeleton, nodes: &[Node<'_>], target: YearMonth) -> Option<usize> {
    let parent = innermost_container(nodes, target)?;
    let section = nodes[parent].section;
    // Whether the first item (in file order) after the heading starts inside it.
    fn first_inside<T>(items: &[T], start: impl Fn(&T) -> usize, section: &PeriodSection) -> bool {
        let first = items.partition_point(|item| start(item) <= section.heading.start);
        items
            .get(first)
            .is_some_and(|item| start(item) < section.span.end)
    }
    let holds_period = first_inside(&skeleton.periods, |p| p.heading.start, section);
    let holds_entry = first_inside(&skeleton.blocks, |b| b.span.start, section);
    (!holds_period && holds_entry).then_some(parent)
}

/// The innermost year, half or quarter heading that covers `target`, down from the top.
fn innermost_container(nodes: &[Node<'_>], target: YearMonth) -> Option<usize> {
    let mut parent: Option<usize> = None;
    while let Some(inner) = nodes
        .iter()
        .rposition(|node| node.parent == parent && node.kind != Kind::Month && node.covers(target))
    {
        parent = Some(inner);
    }
    parent
}

/// A place for a new month heading (and any container it needs) among its siblings.
fn new_month(src: &str, nodes: &[Node<'_>], target: YearMonth, order: Order) -> Spot {
    let body_start = outline::body_start(src);
    // Down through the containers that cover the month.
    let parent = innermost_container(nodes, target);
    let siblings: Vec<usize> = (0..nodes.len())
        .filter(|&index| nodes[index].parent == parent)
        .collect();
    let region = parent.map_or(body_start..src.len(), |p| nodes[p].section.span.clone());
    let previous = siblings
        .iter()
        .rev()
        .copied()
        .find(|&index| nodes[index].before(target, order));
    let offset = match (previous, siblings.first()) {
        (Some(previous), _) => style::last_content_end(src, nodes[previous].section.span.clone()),
        (None, Some(&first)) => {
            style::last_content_end(src, region.start..nodes[first].section.span.start)
        }
        (None, None) => style::last_content_end(src, region),
    };
    let reference = previous.or(siblings.first().copied());
    let outer_level = parent.map_or(1, |p| nodes[p].section.level);
    let headings = chain(src, nodes, reference, outer_level, target);
    let month_level = headings.last().map_or(2, |(level, _)| *level);
    Spot {
        offset,
        headings,
        month_level,
        form: None,
    }
}

/// The headings that a new month needs, shaped like the sibling `reference`: the same
/// kind, level and form, and inside a new container, the same shape as the reference's
/// first child. Without a reference, a canonical month heading one level below.
fn chain(
    src: &str,
    nodes: &[Node<'_>],
    reference: Option<usize>,
    outer_level: u8,
    target: YearMonth,
) -> Vec<(u8, String)> {
    let Some(reference) = reference else {
        return vec![(outer_level + 1, month_text(target, MonthForm::Full))];
    };
    let node = &nodes[reference];
    let level = node.section.level;
    let text = entry::heading_text(&src[node.section.heading.clone()]);
    let own = node.first.unwrap_or(target);
    let mut out = vec![(
        level,
        match node.kind {
            Kind::Month => month_text(target, detect_form(text, own, month_text)),
            Kind::Year => target.year.to_string(),
            Kind::Half(_) => half_text(target, detect_form(text, own, half_text)),
            Kind::Quarter(_) => quarter_text(target, detect_form(text, own, quarter_text)),
        },
    )];
    if node.kind != Kind::Month {
        let first_child =
            (reference + 1..nodes.len()).find(|&index| nodes[index].parent == Some(reference));
        out.extend(chain(src, nodes, first_child, level, target));
    }
    out
}

/// How a period heading is written, as one of a few forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthForm {
    /// The canonical form, with a year: `November 2026`, `H1 2026`, `Q3 2026`.
    Full,
    /// `Nov 2026`, `2026H1`, `2026Q3`
    Short,
    /// `2026-11`, `2026-H1`, `2026-Q3`
    Dashed,
    /// Without the year (from a container): `November`, `H1`, `Q3`
    Bare,
    /// `Nov`, `Q3 (Jul-Sep)`
    BareShort,
    /// `11/2026`, `2026 Q3`
    Other,
}

const FORMS: [MonthForm; 6] = [
    MonthForm::Full,
    MonthForm::Short,
    MonthForm::Dashed,
    MonthForm::Bare,
    MonthForm::BareShort,
    MonthForm::Other,
];

/// The form in which `text` writes `own` (its own period), else the canonical one.
fn detect_form(
    text: &str,
    own: YearMonth,
    render: fn(YearMonth, MonthForm) -> String,
) -> MonthForm {
    FORMS
        .into_iter()
        .find(|&form| render(own, form) == text)
        .unwrap_or(MonthForm::Full)
}

fn month_text(month: YearMonth, form: MonthForm) -> String {
    let (year, number) = (month.year, month.month);
    match form {
        MonthForm::Full => month.in_words(),
        MonthForm::Short => month.in_short_words(),
        MonthForm::Dashed => format!("{year}-{number:02}"),
        MonthForm::Bare => month.month_name().to_string(),
        MonthForm::BareShort => month.short_name().to_string(),
        MonthForm::Other => format!("{number:02}/{year}"),
    }
}

fn half_text(month: YearMonth, form: MonthForm) -> String {
    part_text('H', (month.month - 1) / 6 + 1, month.year, form)
}

fn quarter_text(month: YearMonth, form: MonthForm) -> String {
    let (quarter, year) = ((month.month - 1) / 3 + 1, month.year);
    if form == MonthForm::BareShort {
        let short = |month| YearMonth { year, month }.short_name();
        return format!(
            "Q{quarter} ({}-{})",
            short(quarter * 3 - 2),
            short(quarter * 3)
        );
    }
    part_text('Q', quarter, year, form)
}

/// Half `number` (`H`) or quarter `number` (`Q`) of `year` in `form`; a half has no
/// short bare form, so `BareShort` is `H1` as `Bare` is.
fn part_text(letter: char, number: u32, year: i32, form: MonthForm) -> String {
    match form {
        MonthForm::Full => format!("{letter}{number} {year}"),
        MonthForm::Short => format!("{year}{letter}{number}"),
        MonthForm::Dashed => format!("{year}-{letter}{number}"),
        MonthForm::Bare | MonthForm::BareShort => format!("{letter}{number}"),
        MonthForm::Other => format!("{year} {letter}{number}"),
    }
}

/// What the line before an insertion point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follows {
    /// Nothing but blank lines (or front matter).
    Nothing,
    PeriodHeading,
    Other,
}

fn follows(src: &str, skeleton: &Skeleton, offset: usize) -> Follows {
    if !style::has_content(src, 0..offset) {
        return Follows::Nothing;
    }
    let last_line = crate::text::line_start(
        src,
        if src.as_bytes()[offset - 1] == b'\n' {
            offset - 1
        } else {
            offset
        },
    );
    let is_period = skeleton
        .periods
        .binary_search_by_key(&last_line, |period| period.heading.start)
        .is_ok();
    if is_period {
        Follows::PeriodHeading
    } else {
        Follows::Other
    }
}

/// The inserted text: gaps, new headings, the entry, and what it must read back as.
fn compose(
    src: &str,
    skeleton: &Skeleton,
    spot: &Spot,
    style: &Style,
    draft: &Draft,
) -> (String, Expected) {
    // The entry's heading level, or `None` for a bullet entry.
    let level = match spot.form.unwrap_or(style.entry) {
        EntryForm::Heading { depth } => Some(spot.month_level + depth.max(1)).filter(|&l| l <= 6),
        EntryForm::Bullet => None,
    };
    let entry_gap = match level {
        Some(_) => style.gap_heading_entries,
        None => style.gap_bullet_entries,
    };
    let style = &Style {
        bullet_bold: bold_between(src, skeleton, spot.offset).unwrap_or(style.bullet_bold),
        ..style.clone()
    };
    let (entry, expected) = render_entry(draft, style, level);
    let mut lines: Vec<String> = Vec::new();
    let lead = match (
        follows(src, skeleton, spot.offset),
        spot.headings.is_empty(),
    ) {
        (Follows::Nothing, _) => 0,
        (Follows::PeriodHeading, _) => style.gap_after_period,
        (Follows::Other, true) => entry_gap,
        (Follows::Other, false) => style.gap_before_period,
    };
    lines.extend(std::iter::repeat_n(String::new(), lead));
    for (level, text) in &spot.headings {
        lines.push(format!("{} {text}", "#".repeat(usize::from(*level))));
        lines.extend(std::iter::repeat_n(String::new(), style.gap_after_period));
    }
    lines.extend(entry);
    // Text that follows straight on gets the gap it would have after an entry.
    let next = outline::line_at(src.as_bytes(), spot.offset);
    if spot.offset < src.len() && !style::is_blank(&src[next.clone()]) {
        let next_is_period = skeleton
            .periods
            .binary_search_by_key(&next.start, |period| period.heading.start)
            .is_ok();
        let gap = if next_is_period {
            style.gap_before_period
        } else {
            entry_gap
        };
        lines.extend(std::iter::repeat_n(String::new(), gap));
    }
    let eol = style.eol;
    let mut text: String = lines.iter().flat_map(|line| [line.as_str(), eol]).collect();
    // A last line without a line ending keeps the file ending without one.
    let open_end = spot.offset == src.len()
        && !src.ends_with('\n')
        && !style::is_blank(&src[crate::text::line_start(src, src.len())..]);
    if open_end {
        text.insert_str(0, eol);
        text.truncate(text.len() - eol.len());
    }
    (text, expected)
}

/// Whether a bullet entry at `offset` must open bold, or plain, to stay one entry: the
/// reader takes plain bullets after a bold-led entry as part of it. After a bold-led
/// bullet entry it must be bold (a plain one would join it); before a plain bullet
/// entry, plain (a bold one would take it in). `None` when its neighbours leave it free.
fn bold_between(src: &str, skeleton: &Skeleton, offset: usize) -> Option<bool> {
    let is_bold = |block: &Block| outline::is_bold_bullet(src[block.title_line.clone()].as_bytes());
    let is_bullet = |block: &Block| block.shape == entry::Shape::Bullet && block.table.is_none();
    let at = skeleton
        .blocks
        .partition_point(|block| block.span.start < offset);
    let previous = at
        .checked_sub(1)
        .map(|index| &skeleton.blocks[index])
        .filter(|block| block.span.end >= offset && is_bullet(block));
    if previous.is_some_and(is_bold) {
        return Some(true);
    }
    let next_mark = skeleton
        .marks
        .get(skeleton.marks.partition_point(|mark| mark.start < offset))?;
    let next = skeleton
        .blocks
        .get(at)
        .filter(|block| block.span.start == next_mark.start && is_bullet(block))?;
    (!is_bold(next)).then_some(false)
}

/// The entry's lines, in the file's style, and what it must read back as.
fn render_entry(draft: &Draft, style: &Style, level: Option<u8>) -> (Vec<String>, Expected) {
    let mut lines = Vec::new();
    let date = draft.date.format("%Y-%m-%d").to_string();
    let (indent, date_in_title) = match level {
        Some(level) => {
            lines.push(format!(
                "{} {}",
                "#".repeat(usize::from(level)),
                draft.title
            ));
            (0, false)
        }
        None => {
            let dated = if style.bullet_date_in_title && draft.period.is_none() {
                format!(" ({date})")
            } else {
                String::new()
            };
            let title = if style.bullet_bold {
                format!("**{}**", draft.title)
            } else {
                draft.title.clone()
            };
            lines.push(format!("{} {title}{dated}", style.bullet));
            (2, style.bullet_date_in_title && draft.period.is_none())
        }
    };
    let mut fields: Vec<String> = Vec::new();
    let mut field = |key: FieldKey, label: &str, body: &Body| -> String {
        let (field_lines, expected) = render_field(
            style,
            indent,
            &style.label_text(label, !key.bold_only()),
            body,
        );
        fields.extend(field_lines);
        expected
    };
    if let Some(period) = draft
        .period
        .filter(|period| period.precision != Precision::Month)
    {
        field(
            FieldKey::Period,
            FieldKey::Period.label(),
            &Body::Text(period.label()),
        );
    } else if !date_in_title && draft.period.is_none() {
        field(
            FieldKey::Date,
            style.word(FieldKey::Date),
            &Body::Text(date.clone()),
        );
    }
    if !draft.tags.is_empty() {
        field(
            FieldKey::Tags,
            style.word(FieldKey::Tags),
            &Body::Text(draft.tags.join(", ")),
        );
    }
    if let Some(scope) = draft.scope {
        field(
            FieldKey::Scope,
            style.word(FieldKey::Scope),
            &Body::Text(scope.as_str().to_string()),
        );
    }
    if let Some(section) = &draft.section {
        field(
            FieldKey::Section,
            FieldKey::Section.label(),
            &Body::Text(section.clone()),
        );
    }
    let star_fields = draft
        .star
        .map_keyed(|key, body| body.as_ref().map(|body| field(key, style.word(key), body)));
    let other: Vec<(String, String)> = draft
        .fields
        .iter()
        .map(|(label, body)| (label.clone(), field(FieldKey::Other, label, body)))
        .collect();
    if !fields.is_empty() {
        if level.is_some() {
            lines.extend(std::iter::repeat_n(String::new(), style.gap_after_title));
        }
        lines.extend(fields);
    }
    for note in &draft.notes {
        lines.push(String::new());
        lines.extend(note.lines().map(|line| indented(indent, line)));
    }
    let expected = Expected {
        title: draft.title.clone(),
        date: draft.date,
        month: YearMonth::of(draft.date),
        tags: draft.tags.clone(),
        scope: draft.scope,
        star: star_fields,
        fields: other,
        notes: (!draft.notes.is_empty()).then(|| draft.notes.join("\n\n")),
        period: draft.period,
        section: draft.section.clone(),
    };
    (lines, expected)
}

/// `line` indented by `columns` spaces; a blank line stays empty.
fn indented(columns: usize, line: &str) -> String {
    if line.trim().is_empty() {
        String::new()
    } else {
        format!("{}{line}", " ".repeat(columns))
    }
}

/// Whether `text` can follow a label on its line: one line that opens no block.
fn inline_safe(text: &str) -> bool {
    let opens_block = {
        let bytes = text.as_bytes();
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        matches!(
            bytes,
            [b'-' | b'*' | b'+', b' ' | b'\t', ..] | [b'#' | b'>' | b'|' | b'<', ..]
        ) || (digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')')))
            || text.starts_with("```")
            || text.starts_with("~~~")
    };
    !text.contains('\n') && !opens_block
}

/// A field as a list item at `indent`, and its body as the reader gives it back.
fn render_field(style: &Style, indent: usize, label: &str, body: &Body) -> (Vec<String>, String) {
    let item = format!("{}{} {label}", " ".repeat(indent), style.bullet);
    let content = indent + 2;
    let single = match body {
        Body::Text(text) => Some(text.as_str()),
        Body::Items(items) if items.len() == 1 => Some(items[0].as_str()),
        Body::Items(_) => None,
    };
    match single {
        Some(text) if inline_safe(text) => (vec![format!("{item} {text}")], text.to_string()),
        // One item that cannot follow the label (`-r '<b>x</b> 5'`) goes below it as text,
        // as JSON's string does, so it reads back as typed rather than as `- <b>x</b> 5`.
        Some(text) => {
            let mut lines = vec![item];
            lines.extend(text.lines().map(|line| indented(content, line)));
            (lines, text.to_string())
        }
        _ => {
            let items: &[String] = match body {
                Body::Items(items) => items,
                Body::Text(_) => &[],
            };
            let mut lines = vec![item];
            let mut expected = Vec::new();
            for entry in items {
                for (index, line) in entry.lines().enumerate() {
                    let (columns, mark) = if index == 0 {
                        (content, format!("{} ", style.bullet))
                    } else {
                        (content + 2, String::new())
                    };
                    lines.push(indented(columns, &format!("{mark}{line}")));
                    expected.push(if index == 0 || line.trim().is_empty() {
                        format!("{mark}{line}").trim_end().to_string()
                    } else {
                        format!("  {line}")
                    });
                }
            }
            (lines, expected.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests;
