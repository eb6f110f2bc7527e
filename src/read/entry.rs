//! Level two of the reader: one entry's block, read with pulldown-cmark, into fields.
//!
//! The block runs from the entry's heading (or bold-led bullet) to the next mark that
//! ends it. A block always starts at a line that closes every open Markdown construct,
//! so reading it alone gives the same blocks as reading it in place.
//!
//! Fields start at labels (see `label`):
//!
//! - a list item whose first line starts with a label holds the field in that item,
//!   nested lists and paragraphs included;
//! - a paragraph line or a sub-heading (`#### Results`) that is a label opens a field
//!   that runs until the next label, across paragraphs, lists, tables and code;
//! - anything before, between or after fields that belongs to none is the entry's notes.
//!
//! Bodies are kept as the log's own Markdown, trimmed, with the indentation that the
//! list nesting added removed.

use std::ops::Range;

use chrono::{Datelike as _, NaiveDate};
use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::Diagnostic;
use crate::lint::Lint;
use crate::markdown;
use crate::model::{
    Entry, Field, FieldKey, Scope, Star, Text, YearMonth, clean_tag, contains_ignore_ascii_case,
    find_ignore_ascii_case,
};
use crate::read::dates::{self, ReadDate};
use crate::read::heading::{self, PeriodHeading, Precision};
use crate::read::label::{self, Label};
use crate::read::{outline, table};
use crate::text;

/// How an entry opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `### Title`
    Heading,
    /// `- **Title** ...`, `- Title`, or a table row (see [`Block::table`]).
    Bullet,
    /// A paragraph that opens with bold text: `**Title** - text`, `**Title.** Text`.
    Paragraph,
}

/// What the headings around an entry say about its date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Enclosing {
    pub year: Option<i32>,
    pub month: Option<YearMonth>,
    /// From a week or day heading.
    pub day: Option<NaiveDate>,
    /// The innermost period heading, at its own precision.
    pub period: Option<PeriodHeading>,
}

/// An entry's place in the log, as the outline found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub shape: Shape,
    /// From the first byte of the heading or bullet line to the start of the next mark.
    pub span: Range<usize>,
    /// The heading or bullet line, without its line ending.
    pub title_line: Range<usize>,
    pub line_no: usize,
    pub context: Enclosing,
    /// The bytes of the text of the heading that is not a period (a category such as
    /// `Projects`) it is filed under, below its period.
    pub section: Option<(usize, usize)>,
    /// For an entry that is a table row: where its table's header line starts.
    pub table: Option<usize>,
}

/// Reads one entry. Never fails: what cannot be read is reported in `diagnostics`.
pub fn read<'a>(src: &'a str, block: &Block, diagnostics: &mut Vec<Diagnostic>) -> Entry<'a> {
    let (title, title_date) = title(src, block);
    let mut entry = Entry {
        id: String::new(),
        title,
        date: None,
        month: block.context.month,
        period: None,
        section: block.section.and_then(|(start, end)| src.get(start..end)),
        tags: Vec::new(),
        scope: None,
        star: Star::default(),
        fields: Vec::new(),
        notes: Vec::new(),
        span: block.span.clone(),
        line: block.line_no,
    };
    match block.table {
        Some(header) => table::read_row(src, header, block, &mut entry),
        None => {
            let mut reader = Reader {
                src,
                block,
                pieces: Vec::new(),
            };
            if let Some(lead) = bullet_lead(src, block) {
                reader.content(lead);
            }
            reader.walk_block();
            reader.finish(&mut entry);
        }
    }
    let context = interpret_fields(&mut entry, block, diagnostics);
    entry.month = context.month;
    entry.period = period(entry.date.or(title_date), context);
    if entry.date.is_none() {
        entry.date = fallback_date(title_date, context);
    }
    if entry.date.is_none() && entry.period.is_none() {
        diagnostics.push(
            Diagnostic::warning(block.span.start, format!("entry {title:?} has no date"))
                .with_hint("add `- **Date**: YYYY-MM-DD` or file it under a month; date filters leave it out"),
        );
    }
    if entry.month.is_none() {
        entry.month = entry.date.map(YearMonth::of);
    }
    entry
}

/// The entry's title, and a date written in it.
pub fn title<'a>(src: &'a str, block: &Block) -> (&'a str, Option<NaiveDate>) {
    let line = &src[block.title_line.clone()];
    let context = block.context;
    match block.shape {
        Shape::Heading => split_title_date(heading_text(line), context),
        Shape::Bullet => match block.table {
            Some(header) => table::row_title(src, header, line, context),
            None if is_bold_item(line) => {
                let (title, date, _) = bullet_parts(line, context);
                (title, date)
            }
            None => {
                let text = task_text(item_text(line).trim());
                match dates::title_date(text, context.year, context.month) {
                    Some((date, rest)) => (rest, Some(date)),
                    None => (text, None),
                }
            }
        },
        Shape::Paragraph => {
            let (title, date, _) = bold_parts(line.get(2..).unwrap_or(""), context);
            // `**Won the X award.** More text`: the sentence's stop is not the title's.
            (title.strip_suffix('.').unwrap_or(title), date)
        }
    }
}

/// A heading's text without emphasis around all of it (`**Projects**` -> `Projects`).
pub fn without_emphasis(text: &str) -> &str {
    for mark in ["**", "__", "*", "_"] {
        let inner = text.strip_prefix(mark).and_then(|t| t.strip_suffix(mark));
        if let Some(inner) = inner.filter(|inner| !inner.trim().is_empty() && !inner.contains(mark))
        {
            return inner.trim();
        }
    }
    text
}

/// A list item's text without a task list's checkbox (`[ ] Ship it`, `[x] Shipped it`).
pub fn task_text(item: &str) -> &str {
    match item.get(..3) {
        Some("[ ]" | "[x]" | "[X]")
            if item[3..].is_empty() || item[3..].starts_with([' ', '\t']) =>
        {
            item[3..].trim_start()
        }
        _ => item,
    }
}

/// An entry's period: the day of a date it gives itself (a `Date` field or a date in
/// its title), else the innermost period heading above it.
pub fn period(own_date: Option<NaiveDate>, context: Enclosing) -> Option<PeriodHeading> {
    own_date.map(PeriodHeading::day).or(context.period)
}

/// The date of an entry without a usable `Date` field.
fn fallback_date(title_date: Option<NaiveDate>, context: Enclosing) -> Option<NaiveDate> {
    title_date
        .or(context.day)
        .or(context.month.map(YearMonth::first_day))
}

/// What a line scan can tell about an entry without reading it. Each fact is `None`
/// when the scan cannot decide it exactly; then the entry must be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct ScannedFacts<'a> {
    pub(super) date: Option<Option<NaiveDate>>,
    /// Decided with `date`: the entry's [`period`].
    pub(super) period: Option<Option<PeriodHeading>>,
    pub(super) tags: Option<Vec<&'a str>>,
    pub(super) scope: Option<Option<Scope>>,
}

/// The facts [`quick`] looks for; it stops scanning once it has found them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FactsToScan {
    pub(super) date: bool,
    pub(super) tags: bool,
    pub(super) scope: bool,
}

impl FactsToScan {
    pub(super) const ALL: Self = Self {
        date: true,
        tags: true,
        scope: true,
    };
    pub(super) const DATE: Self = Self {
        date: true,
        tags: false,
        scope: false,
    };
}

/// Reads the `wanted` facts (date, tags, scope) by a line scan of a heading entry's
/// block; the others are left `None`. `title_date` (see [`title`]) is used only for the
/// date.
///
/// The scan looks at the *run*: the lines right after the heading that all start with
/// `- **`. Each starts a top-level list item, so the first `Date`, `Tags` or `Scope`
/// label in the run is that field, and its value is the rest of the line when the
/// item is one line long (the next line starts another item, or the block ends). A
/// fact not in the run is known to be absent when the rest of the block does not even
/// contain its label's word (`date`/`when`, `tag`, `scope`) at the start of a word.
/// Anything else is left undecided. A property test checks every decided fact against
/// [`read`].
pub(super) fn quick<'a>(
    src: &'a str,
    block: &Block,
    title_date: Option<NaiveDate>,
    wanted: FactsToScan,
) -> ScannedFacts<'a> {
    if block.shape != Shape::Heading {
        return ScannedFacts::default();
    }
    let body = src.get(block.title_line.end..block.span.end).unwrap_or("");
    let mut lines = outline::lines(body)
        .skip(1)
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .peekable();
    // (value, whether the item is one line) for the first field of each kind in the run.
    let (mut date, mut tags, mut scope) = (None, None, None);
    let mut run_bytes = 1;
    let mut period_label = false;
    while let Some(line) = lines.next_if(|line| line.starts_with("- **")) {
        run_bytes += line.len() + 1;
        let one_line = lines.peek().is_none_or(|next| next.starts_with("- "));
        // A label's text starts right after `- **`: three letters that begin no wanted
        // label (dates, `tags`/`tag`, `scope`) spare the label reader, which
        // `Situation` and `Task` lines would otherwise go through.
        let first_three = (line.as_bytes().get(4..7))
            .map(|word| [word[0], word[1], word[2]].map(|b| b.to_ascii_lowercase()));
        let may_be_wanted = match first_three {
            // `Date`, `When`, `Data`, `Datum`, `Fecha`; `Period`, which dates an entry
            // that gives no day.
            Some(
                [b'd', b'a', b't'] | [b'w', b'h', b'e'] | [b'f', b'e', b'c'] | [b'p', b'e', b'r'],
            ) => wanted.date,
            Some([b't', b'a', b'g']) => wanted.tags,
            Some([b's', b'c', b'o']) => wanted.scope,
            _ => false,
        };
        if !may_be_wanted {
            continue;
        }
        if let Some(label) = label::detect(&line[2..]) {
            let value = (line[2 + label.body_offset..].trim(), one_line);
            let slot = match label.key {
                FieldKey::Period => {
                    period_label = true;
                    continue;
                }
                FieldKey::Date if wanted.date => &mut date,
                FieldKey::Tags if wanted.tags => &mut tags,
                FieldKey::Scope if wanted.scope => &mut scope,
                _ => continue,
            };
            slot.get_or_insert(value);
            let found = |want: bool, slot: &Option<(&str, bool)>| !want || slot.is_some();
            if found(wanted.date, &date) && found(wanted.tags, &tags) && found(wanted.scope, &scope)
            {
                break;
            }
        }
    }
    let rest = body.get(run_bytes.min(body.len())..).unwrap_or("");
    // A label starts its line (after indentation, a list marker or emphasis), so a
    // word right after a letter or digit (`outage`, `update`) cannot be one.
    let absent = |words: &[&str]| {
        words.iter().all(|word| {
            !find_ignore_ascii_case(rest, word)
                .any(|at| !rest[..at].ends_with(|c: char| c.is_alphanumeric()))
        })
    };
    let fallback = fallback_date(title_date, block.context);
    let context = block.context;
    // The date the entry gives itself, when the scan can tell it.
    let own_date = match date {
        _ if !wanted.date => None,
        Some((value, true)) => Some(match dates::read(value, context.year, context.month) {
            ReadDate::Date(date) => Some(date),
            _ => title_date,
        }),
        Some((_, false)) => None,
        // `Datum`, `Fecha` and a Portuguese `Data` label are date labels too; the
        // English word `data` counts only where a label's colon or dash may follow it.
        None => (absent(&["when", "fecha"]) && !date_word_in(rest)).then_some(title_date),
    };
    // Without a day of its own, a `Period` field would date the entry: read it.
    let own_date = own_date.filter(|own| own.is_some() || (!period_label && absent(&["period"])));
    ScannedFacts {
        date: own_date.map(|own| own.or(fallback)),
        period: own_date.map(|own| period(own, context)),
        tags: match tags {
            _ if !wanted.tags => None,
            Some((value, true)) => Some(split_tags(value)),
            Some((_, false)) => None,
            None => absent(&["tag"]).then(Vec::new),
        },
        scope: match scope {
            _ if !wanted.scope => None,
            Some((value, true)) => Some(Scope::parse(value)),
            Some((_, false)) => None,
            None => absent(&["scope"]).then_some(None),
        },
    }
}

/// Whether `text` holds, at the start of a word, `date` or `datum`, or `data` followed
/// by what a label's end can be (emphasis, then a colon or a dash): the English word
/// `data` counts only there. The three begin alike, so one search finds them all.
fn date_word_in(text: &str) -> bool {
    find_ignore_ascii_case(text, "dat").any(|at| {
        let starts_word = !text[..at].ends_with(|c: char| c.is_alphanumeric());
        // `at + 3` follows the ASCII `t`: a character boundary.
        let after = &text[at + 3..];
        let begins = |word: &str| {
            after
                .get(..word.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(word))
        };
        let data_label = || {
            begins("a")
                && after[1..]
                    .trim_start_matches(['*', '_', ' '])
                    .starts_with([':', '：', '—', '–', '-'])
        };
        starts_word && (begins("e") || begins("um") || data_label())
    })
}

/// Whether `needle` (lowercase, no line breaks, no surrounding space) occurs in a part
/// of a heading entry's block that the entry shows as text: the title, or a line past
/// its indentation, list marker and label. Such an occurrence is inside the title, a
/// field's body or the notes, so the entry matches `--grep` without being read. `false`
/// only means "not confirmed": the entry must be read to decide.
pub(super) fn shows_text(src: &str, block: &Block, needle: &str) -> bool {
    if block.shape != Shape::Heading || needle.is_empty() {
        return false;
    }
    let heading = heading_text(&src[block.title_line.clone()]);
    let (title, _) = split_title_date(heading, block.context);
    if title == heading && contains_ignore_ascii_case(title, needle) {
        return true;
    }
    let body = src.get(block.title_line.end..block.span.end).unwrap_or("");
    // The body's first line is the rest of the title line (its line ending): skipped.
    let Some(first_line_end) = memchr::memchr(b'\n', body.as_bytes()) else {
        return false;
    };
    // Only the lines that hold the needle can show it: jump from one to the next.
    let mut checked_to = first_line_end;
    let shown = find_ignore_ascii_case(body, needle).any(|at| {
        if at < checked_to {
            return false;
        }
        let start = text::line_start(body, at);
        let end = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |nl| at + nl);
        checked_to = end;
        line_shows(&body[start..end], needle)
    });
    // An underlined (setext) heading can be a label without a colon: read such blocks.
    let underline = |line: &str| {
        let line = line.trim();
        !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
    };
    shown && !outline::lines(body).any(underline)
}

/// Whether `needle` occurs in a line of a heading entry's body past its indentation,
/// list marker and label (see [`shows_text`]).
fn line_shows(line: &str, needle: &str) -> bool {
    let text = line.trim_start_matches([' ', '\t']);
    if text.starts_with('#') {
        return false;
    }
    let marker = list_marker(text);
    let after_marker = match text[marker..].strip_prefix([' ', '\t']) {
        Some(rest) if marker > 0 => rest.trim_start_matches([' ', '\t']),
        _ => text,
    };
    let shown = match label::detect(after_marker.trim_end_matches('\r')) {
        Some(label) => &after_marker[label.body_offset..],
        None => after_marker,
    };
    contains_ignore_ascii_case(shown, needle)
}

/// The length of the list item marker that `text` starts with (`-`, `*`, `+`, `1.`,
/// `12)`), or 0. Whether a space follows it is the caller's question.
pub(crate) fn list_marker(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match text.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => 0,
    }
}

/// The text of an ATX heading line: without the opening and closing `#` runs.
pub fn heading_text(line: &str) -> &str {
    let text = line.trim_start_matches('#').trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    }
}

/// `2026-11-03 Cut latency`, `Cut latency (2026-11-03)`, `Cut latency — Nov 3`.
pub fn split_title_date(title: &str, context: Enclosing) -> (&str, Option<NaiveDate>) {
    let read = |text: &str| match dates::read(text, context.year, context.month) {
        ReadDate::Date(date) => Some(date),
        _ => None,
    };
    // Each form is tried only when the title could hold it: most titles hold none.
    let prefix = title.trim_start_matches('[');
    if prefix.starts_with(|c: char| c.is_ascii_digit())
        && prefix.len() > 10
        && prefix.is_char_boundary(10)
    {
        if let Some(date) = read(&prefix[..10]) {
            let rest = prefix[10..].trim_start_matches([']', ':', ' ', '-', '–', '—', '|']);
            if !rest.is_empty() && rest.len() < prefix.len() - 10 {
                return (rest, Some(date));
            }
        }
    }
    if title.ends_with(')') {
        if let Some(open) = title.rfind('(') {
            if let Some(date) = read(&title[open + 1..title.len() - 1]) {
                let rest = title[..open].trim_end();
                if !rest.is_empty() {
                    return (rest, Some(date));
                }
            }
        }
    }
    if title.ends_with(|c: char| c.is_ascii_digit()) {
        for dash in [" — ", " – ", " - "] {
            if let Some(at) = title.rfind(dash) {
                if let Some(date) = read(&title[at + dash.len()..]) {
                    return (title[..at].trim_end(), Some(date));
                }
            }
        }
    }
    (title, None)
}

/// The text after a bullet or paragraph entry's bold title (and its date), as notes.
fn bullet_lead(src: &str, block: &Block) -> Option<Range<usize>> {
    let line = &src[block.title_line.clone()];
    let (_, _, lead) = match block.shape {
        Shape::Heading => return None,
        Shape::Bullet => bullet_parts(line, block.context),
        Shape::Paragraph => bold_parts(line.get(2..).unwrap_or(""), block.context),
    };
    (!lead.trim().is_empty()).then(|| block.title_line.end - lead.len()..block.title_line.end)
}

/// `- **Title** (2026-11-03): lead text` (or `1. **Title** ...`) -> the title, its date,
/// and the lead text.
fn bullet_parts(line: &str, context: Enclosing) -> (&str, Option<NaiveDate>, &str) {
    bold_parts(line.get(list_marker(line) + 3..).unwrap_or(""), context) // after `- **`
}

/// The text of a list item's first line after its marker and the space after it: `- `,
/// `* `, `+ `, or a number's `1. ` or `1) `.
pub fn item_text(line: &str) -> &str {
    line.get(list_marker(line) + 1..).unwrap_or("")
}

/// Whether a list item's line (a bullet or a numbered item) opens with bold text, as
/// [`outline::is_bold_bullet`] says of a bullet.
pub fn is_bold_item(line: &str) -> bool {
    let marker = list_marker(line);
    marker > 0 && outline::opens_bold_after_marker(&line.as_bytes()[marker..])
}

/// `Title** (2026-11-03): lead text`, the text after an opening `**` -> the title, its
/// date, and the lead text; `2026-04-03** — Shipped X` -> `Shipped X`, its date, no lead.
fn bold_parts(inner: &str, context: Enclosing) -> (&str, Option<NaiveDate>, &str) {
    let Some(close) = inner.find("**") else {
        return (inner.trim(), None, "");
    };
    let title = inner[..close].trim().trim_end_matches([':', '：']);
    let (title, mut date) = split_title_date(title, context);
    let mut rest = &inner[close + 2..];
    if let Some(stripped) = rest.trim_start().strip_prefix('(') {
        if let Some(end) = stripped.find(')') {
            if let ReadDate::Date(found) =
                dates::read(&stripped[..end], context.year, context.month)
            {
                date = date.or(Some(found));
                rest = &stripped[end + 1..];
            }
        }
    }
    let lead = rest.trim_start_matches([':', '：', ' ', '-', '–', '—', '\t']);
    // A bold date alone (`**2026-04-03** — Shipped the middleware`): the date is the
    // entry's, and the text after it on the line its title. A date has a day's number
    // and few words (`Wednesday, April 3, 2026`): most titles are not tried.
    let may_be_date =
        || title.bytes().any(|b| b.is_ascii_digit()) && title.split_whitespace().nth(4).is_none();
    if date.is_none() && may_be_date() {
        if let ReadDate::Date(found) = dates::read(title, context.year, context.month) {
            let text = lead.trim_end();
            if !text.is_empty() {
                return (text, Some(found), "");
            }
        }
    }
    (title, date, lead)
}

/// A run of the entry's text: a label that opens a field, or text that belongs to none.
#[derive(Debug)]
struct Piece<'a> {
    start: usize,
    end: usize,
    label: Option<Label<'a>>,
    /// Where the field's body starts.
    body_start: usize,
    /// The field ends with its list item (else it runs to the next label).
    closed: bool,
    /// Spaces of nesting to strip from the body's continuation lines.
    dedent: usize,
    /// A thematic break: it closes the open field, and is neither field nor notes.
    rule: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Paragraph,
    Heading,
    List,
    Item,
    /// A thematic break (`---`): it ends the field before it and belongs to none.
    Rule,
    Other,
}

/// A block-level element of the entry, with absolute byte offsets. Nodes are kept in
/// document order with their parent's index, so no node allocates a child list.
#[derive(Debug)]
struct Node {
    kind: NodeKind,
    range: Range<usize>,
    parent: usize,
}

/// The indices of `container`'s children, in order.
fn children(nodes: &[Node], container: usize) -> impl Iterator<Item = usize> + '_ {
    (container + 1..nodes.len()).filter(move |&index| nodes[index].parent == container)
}

/// The block-level tree of `src[range]`; node 0 is the root.
fn block_tree(src: &str, range: Range<usize>) -> Vec<Node> {
    let base = range.start;
    let mut nodes = vec![Node {
        kind: NodeKind::Other,
        range: range.clone(),
        parent: 0,
    }];
    // Open tags; `None` for inline ones.
    let mut open: Vec<Option<usize>> = vec![Some(0)];
    let parent = |open: &[Option<usize>]| open.iter().rev().find_map(|&node| node).unwrap_or(0);
    for (event, at) in Parser::new_ext(&src[range], markdown::options()).into_offset_iter() {
        let at = base + at.start..base + at.end;
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Paragraph => Some(NodeKind::Paragraph),
                    Tag::Heading { .. } => Some(NodeKind::Heading),
                    Tag::List(_) => Some(NodeKind::List),
                    Tag::Item => Some(NodeKind::Item),
                    Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_) => {
                        Some(NodeKind::Other)
                    }
                    _ => None,
                };
                let index = kind.map(|kind| {
                    nodes.push(Node {
                        kind,
                        range: at,
                        parent: parent(&open),
                    });
                    nodes.len() - 1
                });
                open.push(index);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Rule => nodes.push(Node {
                kind: NodeKind::Rule,
                range: at,
                parent: parent(&open),
            }),
            _ => {}
        }
    }
    nodes
}

/// Walks an entry's blocks into pieces.
struct Reader<'s, 'b> {
    src: &'s str,
    block: &'b Block,
    pieces: Vec<Piece<'s>>,
}

impl<'s> Reader<'s, '_> {
    fn walk_block(&mut self) {
        let body_start = (self.block.title_line.end + 1).min(self.block.span.end);
        match self.block.shape {
            // A paragraph entry's own paragraph goes on after its title line: read from
            // there, its lines are text and labels as under a heading.
            Shape::Heading | Shape::Paragraph => {
                let nodes = block_tree(self.src, body_start..self.block.span.end);
                self.walk(&nodes, 0, body_start..self.block.span.end, 0);
            }
            Shape::Bullet => {
                let nodes = block_tree(self.src, self.block.span.clone());
                for (position, child) in children(&nodes, 0).enumerate() {
                    let node = &nodes[child];
                    if position == 0 && node.kind == NodeKind::List {
                        // The entry's own item holds its fields; the list's later items
                        // (plain bullets) are notes or fields of their own.
                        for (position, item) in children(&nodes, child).enumerate() {
                            if position == 0 {
                                let end = nodes[item].range.end;
                                self.walk(&nodes, item, body_start.min(end)..end, 2);
                            } else {
                                self.item(&nodes[item]);
                            }
                        }
                    } else {
                        self.node(&nodes, child, 0);
                    }
                }
            }
        }
    }

    /// The pieces of `content`, the part of node `container` that holds its children.
    fn walk(&mut self, nodes: &[Node], container: usize, content: Range<usize>, dedent: usize) {
        let mut pos = content.start;
        for child in children(nodes, container) {
            let range = &nodes[child].range;
            if range.end <= pos {
                continue;
            }
            if range.start > pos {
                self.lines(pos..range.start, dedent);
            }
            if range.start < pos {
                // A loose item's first paragraph also holds the title line.
                self.lines(pos..range.end, dedent);
            } else {
                self.node(nodes, child, dedent);
            }
            pos = range.end;
        }
        if pos < content.end {
            self.lines(pos..content.end, dedent);
        }
    }

    fn node(&mut self, nodes: &[Node], index: usize, dedent: usize) {
        let node = &nodes[index];
        match node.kind {
            NodeKind::Paragraph => self.lines(node.range.clone(), dedent),
            NodeKind::List => {
                for item in children(nodes, index) {
                    self.item(&nodes[item]);
                }
            }
            NodeKind::Heading => {
                let line = outline::line_at(self.src.as_bytes(), node.range.start);
                let text = heading_text(self.src[line.clone()].trim());
                let text = text.trim_matches(['*', '_']).trim_end_matches([':', '：']);
                match label::key_of(text) {
                    Some(key) => self.pieces.push(Piece {
                        start: node.range.start,
                        end: node.range.end,
                        label: Some(Label {
                            text,
                            key,
                            single_letter: text.len() == 1,
                            body_offset: 0,
                        }),
                        body_start: node.range.end,
                        closed: false,
                        dedent,
                        rule: false,
                    }),
                    None => self.content(node.range.clone()),
                }
            }
            NodeKind::Rule => self.pieces.push(Piece {
                start: node.range.start,
                end: node.range.end,
                label: None,
                body_start: node.range.start,
                closed: false,
                dedent,
                rule: true,
            }),
            NodeKind::Item | NodeKind::Other => self.content(node.range.clone()),
        }
    }

    /// A list item: a field when its first line starts with a label.
    fn item(&mut self, node: &Node) {
        let bytes = self.src.as_bytes();
        let line = outline::line_at(bytes, node.range.start);
        let text = &self.src[line.clone()];
        // A nested item's range starts at its marker: the spaces before it on its line
        // are part of its content column too.
        let line_start = text::line_start(self.src, node.range.start);
        let before = &bytes[line_start..node.range.start];
        let outer = if before.iter().all(|&b| b == b' ') {
            before.len()
        } else {
            0
        };
        let own = text.len() - text.trim_start_matches([' ', '\t']).len();
        let after_indent = &text[own..];
        let indent = outer + own;
        let marker = list_marker(after_indent);
        let spaces = after_indent[marker..].len()
            - after_indent[marker..].trim_start_matches([' ', '\t']).len();
        let content_column = indent + marker + spaces.clamp(1, 4);
        let first = &after_indent[(marker + spaces).min(after_indent.len())..];
        let first_start = line.end - first.len();
        match label::detect(first) {
            Some(label) if marker > 0 => self.pieces.push(Piece {
                start: node.range.start,
                end: node.range.end,
                label: Some(label),
                body_start: first_start + label.body_offset,
                closed: true,
                dedent: content_column,
                rule: false,
            }),
            _ => self.content(node.range.clone()),
        }
    }

    /// Paragraph lines: each line that starts with a label opens a field.
    fn lines(&mut self, range: Range<usize>, dedent: usize) {
        let bytes = self.src.as_bytes();
        let mut pos = range.start;
        while pos < range.end {
            let line = outline::line_at(bytes, pos);
            let end = line.end.min(range.end);
            let text = &self.src[pos..end];
            let trimmed = text.trim_start_matches([' ', '\t']);
            let text_start = end - trimmed.len();
            match label::detect(trimmed.trim_end_matches('\r')) {
                Some(label) => self.pieces.push(Piece {
                    start: pos,
                    end: (end + 1).min(range.end),
                    label: Some(label),
                    body_start: text_start + label.body_offset,
                    // A date, the tags or the scope is one line, not a run of paragraphs.
                    closed: matches!(
                        label.key,
                        FieldKey::Date
                            | FieldKey::Tags
                            | FieldKey::Scope
                            | FieldKey::Period
                            | FieldKey::Section
                    ),
                    dedent,
                    rule: false,
                }),
                None if !trimmed.trim().is_empty() => self.content(pos..(end + 1).min(range.end)),
                None => {}
            }
            pos = end + 1;
        }
    }

    fn content(&mut self, range: Range<usize>) {
        if self.src[range.clone()].trim().is_empty() {
            return;
        }
        self.pieces.push(Piece {
            start: range.start,
            end: range.end,
            label: None,
            body_start: range.start,
            closed: false,
            dedent: 0,
            rule: false,
        });
    }

    /// Turns the pieces into fields and notes.
    fn finish(mut self, entry: &mut Entry<'s>) {
        // Single letters count only when two different STAR letters appear.
        let mut letters: Vec<FieldKey> = self
            .pieces
            .iter()
            .filter_map(|piece| piece.label.filter(|l| l.single_letter).map(|l| l.key))
            .collect();
        letters.sort_by_key(|key| *key as u8);
        letters.dedup();
        if letters.len() < 2 {
            for piece in &mut self.pieces {
                if piece.label.is_some_and(|l| l.single_letter) {
                    piece.label = None;
                    piece.body_start = piece.start;
                }
            }
        }
        let content_dedent = match self.block.shape {
            Shape::Heading | Shape::Paragraph => 0,
            // A numbered item's text starts past its number: `1. `, `12) `.
            Shape::Bullet if self.block.table.is_none() => {
                list_marker(&self.src[self.block.title_line.clone()]).max(1) + 1
            }
            Shape::Bullet => 2,
        };
        let block_end = self.block.span.end;
        // The field that runs to the next label: its index and where its body starts.
        let mut open: Option<(usize, usize)> = None;
        let mut notes: Vec<Range<usize>> = Vec::new();
        let src = self.src;
        let close = |entry: &mut Entry<'s>, open: &mut Option<(usize, usize)>, at: usize| {
            if let Some((index, body_start)) = open.take() {
                let field = &mut entry.fields[index];
                field.body.raw = trimmed(src, body_start..at.max(body_start));
                field.span.end = at;
            }
        };
        for (index, piece) in self.pieces.iter().enumerate() {
            if piece.rule {
                close(entry, &mut open, piece.start);
                continue;
            }
            match piece.label {
                Some(label) => {
                    close(entry, &mut open, piece.start);
                    let end = if piece.closed { piece.end } else { block_end };
                    entry.fields.push(Field {
                        key: label.key,
                        label: label.text,
                        body: Text::new(trimmed(src, piece.body_start..end), piece.dedent),
                        span: piece.start..end,
                        line: 0,
                    });
                    if !piece.closed {
                        open = Some((entry.fields.len() - 1, piece.body_start));
                    }
                }
                None if open.is_some() => {}
                None => match notes.last_mut() {
                    Some(last)
                        if index > 0
                            && self.pieces[index - 1].label.is_none()
                            && src[last.end..piece.start.max(last.end)].trim().is_empty() =>
                    {
                        last.end = piece.end;
                    }
                    _ => notes.push(piece.start..piece.end),
                },
            }
        }
        close(entry, &mut open, block_end);
        // Fields are in source order: count each stretch of newlines once.
        let (mut counted_to, mut line) = (self.block.span.start, self.block.line_no);
        for field in &mut entry.fields {
            line += text::newlines(&src.as_bytes()[counted_to..field.span.start]);
            counted_to = field.span.start;
            field.line = line;
        }
        entry.notes = notes
            .into_iter()
            .map(|range| Text::new(trimmed(src, range), content_dedent))
            .filter(|text| !text.is_empty())
            .collect();
    }
}

/// `src[range]` without surrounding whitespace.
fn trimmed(src: &str, range: Range<usize>) -> &str {
    src.get(range).unwrap_or("").trim()
}

/// Date, tags, scope, period, section and the STAR fields from the labelled fields;
/// the entry's date context: its block's, or the one a `Period` field gives.
///
/// The first field of each kind counts. A second one, a date or period brag cannot
/// read, a period outside the heading's or an unknown scope is reported and kept under
/// its label as an other field.
fn interpret_fields(
    entry: &mut Entry<'_>,
    block: &Block,
    diagnostics: &mut Vec<Diagnostic>,
) -> Enclosing {
    let context = block.context;
    let mut dated = context;
    let mut seen: Vec<FieldKey> = Vec::new();
    for index in 0..entry.fields.len() {
        let field = &entry.fields[index];
        let (key, body, offset) = (field.key, field.body, field.span.start);
        if key == FieldKey::Other {
            continue;
        }
        if seen.contains(&key) {
            diagnostics.push(
                Diagnostic::warning(
                    offset,
                    format!("a second {} field in this entry", field.label),
                )
                .with_hint("brag keeps it under `fields`; merge it into the first one"),
            );
            entry.fields[index].key = FieldKey::Other;
            continue;
        }
        seen.push(key);
        let problem = match key {
            FieldKey::Date => match dates::read(body.raw, context.year, context.month) {
                ReadDate::Date(date) => {
                    entry.date = Some(date);
                    if let Some(month) = context.month.filter(|m| *m != YearMonth::of(date)) {
                        // Still a usable date: a warning that does not demote the field.
                        diagnostics.push(
                            Diagnostic::warning(
                                offset,
                                format!(
                                    "date {date} is outside its month heading {}",
                                    month.in_words()
                                ),
                            )
                            .with_hint("move the entry under its month, or fix the date")
                            .with_lint(Lint::DateOutsideMonth),
                        );
                    }
                    None
                }
                ReadDate::Ambiguous => Some(
                    Diagnostic::warning(offset, format!("ambiguous date {:?}", body.raw))
                        .with_hint("write dates as YYYY-MM-DD"),
                ),
                ReadDate::NoYear => Some(
                    Diagnostic::warning(offset, format!("date {:?} has no year", body.raw))
                        .with_hint(
                            "write dates as YYYY-MM-DD, or file the entry under a month heading",
                        ),
                ),
                ReadDate::Invalid | ReadDate::NotADate => Some(
                    Diagnostic::error(offset, format!("cannot read the date {:?}", body.raw))
                        .with_hint("write dates as YYYY-MM-DD"),
                ),
            },
            FieldKey::Tags => {
                entry.tags = split_tags(body.raw);
                None
            }
            FieldKey::Scope => match Scope::parse(body.raw) {
                Some(scope) => {
                    entry.scope = Some(scope);
                    None
                }
                None => Some(
                    Diagnostic::error(offset, format!("unknown scope {:?}", body.raw))
                        .with_hint("scope is one of task, milestone, project, product, business"),
                ),
            },
            FieldKey::Situation | FieldKey::Task | FieldKey::Actions | FieldKey::Results => {
                if let Some(slot) = entry.star.get_mut(key) {
                    *slot = (!body.is_empty()).then_some(body);
                }
                None
            }
            FieldKey::Period => match labelled_period(body.raw, context) {
                Ok(found) => {
                    dated = found;
                    None
                }
                Err(problem) => Some(Diagnostic::warning(offset, problem).with_hint(
                    "write the period as the `period` key shows one (2025-Q3, 2025-11), \
                     within its heading's",
                )),
            },
            FieldKey::Section => {
                entry.section = Some(body.raw).filter(|section| !section.is_empty());
                None
            }
            FieldKey::Other => None,
        };
        if let Some(problem) = problem {
            diagnostics.push(problem);
            entry.fields[index].key = FieldKey::Other;
        }
    }
    dated
}

/// The date context a `Period` field gives an entry filed under `context`: the
/// field's period, which must overlap the heading's period (brag writes an entry of a
/// quarter under the quarter's first month, and a week under the month it starts in),
/// read as a heading of that period would be. A period of a month or finer gives the entry a date, as its
/// heading would; a wider one leaves it without a day and a month.
pub fn labelled_period(text: &str, context: Enclosing) -> Result<Enclosing, String> {
    let year_month = |year, month| heading::Enclosing { year, month };
    let found = heading::labelled(text.trim(), year_month(context.year, context.month))
        .ok_or_else(|| format!("cannot read the period {text:?}"))?;
    if let Some(outer) = context.period {
        if found.range.end < outer.range.start || outer.range.end < found.range.start {
            return Err(format!(
                "period {found} is outside its heading's period {outer}"
            ));
        }
    }
    let start = found.range.start;
    let (month, day) = if !gives_a_day(found) {
        (None, None)
    } else if found.precision == Precision::Month {
        (Some(YearMonth::of(start)), None)
    } else {
        (Some(YearMonth::of(start)), Some(start))
    };
    let year = (start.year() == found.range.end.year()).then_some(start.year());
    Ok(Enclosing {
        year: year.or(context.year),
        month,
        day,
        period: Some(found),
    })
}

/// Whether an entry dated by `period` alone has a date, as under a heading of it: a
/// month's first day, a week's or a range of days' first; a year, half, quarter or
/// range of months gives none.
pub fn gives_a_day(period: PeriodHeading) -> bool {
    period.precision >= Precision::Month
}

/// `performance, search` or `#performance #search` -> the tag names.
pub fn split_tags(text: &str) -> Vec<&str> {
    let named = |tag: &&str| !tag.is_empty();
    if text.contains(',') {
        text.split(',').map(clean_tag).filter(named).collect()
    } else {
        text.split_whitespace()
            .map(clean_tag)
            .filter(named)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{FactsToScan, quick, shows_text, task_text, title, without_emphasis};
    use crate::read::{Reader, outline, parse};

    /// The fast path must be taken on the shape the property tests' generator writes
    /// (`tests/properties.rs`), or they prove nothing about it.
    #[test]
    fn the_canonical_log_takes_the_fast_path() {
        let src = include_str!("../../tests/fixtures/canonical.md");
        assert!(outline::scan_fast(src, 0).is_some());
        for block in &parse::skeleton(src).blocks {
            let (_, title_date) = title(src, block);
            let quick = quick(src, block, title_date, FactsToScan::ALL);
            assert!(quick.date.is_some() && quick.tags.is_some() && quick.scope.is_some());
            assert!(shows_text(src, block, "the"));
        }
    }

    /// Regression: a field nested in a bullet entry kept two spaces of indentation on
    /// its continuation lines, because the item's column was measured from its marker.
    #[test]
    fn nested_field_items_dedent_by_their_own_column() {
        let src = "## January 2024\n- **Zebra** (2024-01-03)\n  - **Actions**:\n    - a\n    - b\n";
        let reader = Reader::new(src);
        let (entries, _) = reader.read(&reader.all());
        let actions = entries[0].star.actions.map(|text| text.to_string());
        assert_eq!(actions.as_deref(), Some("- a\n- b"));
    }

    #[test]
    fn a_task_box_and_wrapping_emphasis_are_not_part_of_the_text() {
        for (item, text) in [
            ("[x] Shipped it", "Shipped it"),
            ("[X]\tShipped it", "Shipped it"),
            ("[ ]", ""),
            ("[x]Shipped", "[x]Shipped"),
            ("[link] text", "[link] text"),
            ("[Oct 21, 2025] Shipped", "[Oct 21, 2025] Shipped"),
        ] {
            assert_eq!(task_text(item), text, "{item:?}");
        }
        for (heading, text) in [
            ("**Projects**", "Projects"),
            ("__Projects__", "Projects"),
            ("*Projects*", "Projects"),
            ("**Big** and **small**", "**Big** and **small**"),
            ("****", "****"),
            ("Projects", "Projects"),
        ] {
            assert_eq!(without_emphasis(heading), text, "{heading:?}");
        }
    }
}
