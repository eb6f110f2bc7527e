//! Level one of the reader: the lines that give a log its structure, found by a line scan.
//!
//! A *mark* is a line that can open a period, a section or an entry:
//!
//! - an ATX heading (`## November 2026`) that starts in the first column and is not
//!   inside front matter, a fenced code block or an HTML block;
//! - a top-level bullet (`- **Shipped X** ...`, `- Shipped X`), same rules: a bold-led
//!   one can be an entry or a field label, a plain one an entry in a section.
//!
//! Underlined (setext) headings and indented headings are text to brag, not structure.
//!
//! [`scan`] walks the file line by line with `memchr`, at close to `grep` speed. Where a
//! file holds a construct whose meaning depends on Markdown nesting that a line scan
//! cannot see (a raw HTML block, a table, a fence indented by one to three spaces that
//! a column-one line interrupts, a multi-line link definition), it falls back to
//! [`scan_reference`], one pulldown-cmark pass over the whole document. A property test
//! proves that the two return the same marks wherever the fast scan answers.
//!
//! [`scan_headings`] is the same line scan for a file too large to read whole: it
//! streams the file and finds its headings while looking only at the lines that can
//! matter, which is what lets `brag add` find its month in a 100k-entry log quickly.

use std::ops::Range;

use memchr::{memchr, memchr_iter, memmem};
use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown;
use crate::read::{entry, heading};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// An ATX heading of this level (1..=6).
    Heading(u8),
    /// A top-level bullet (`-`, `*` or `+` and a space, then text): bold-led
    /// (see [`is_bold_bullet`]) or plain.
    Bullet,
}

/// One structural line. Kept small: a 100k-entry log has about a million of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub kind: MarkKind,
    /// The first byte of the line.
    pub start: usize,
}

impl Mark {
    /// The line's bytes, without its line ending.
    pub fn line(&self, src: &str) -> Range<usize> {
        line_at(src.as_bytes(), self.start)
    }
}

/// Where the Markdown starts and which lines structure it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Byte offset after the BOM and any YAML front matter.
    pub body_start: usize,
    pub marks: Vec<Mark>,
}

/// Finds the marks, by the fast line scan where it can decide, else by pulldown-cmark.
pub fn scan(src: &str) -> Outline {
    let body_start = body_start(src);
    let marks = scan_fast(src, body_start).unwrap_or_else(|| scan_reference(src, body_start));
    Outline { body_start, marks }
}

/// The offset after a UTF-8 BOM and a YAML front matter block (`---` on the first line,
/// closed by `---` or `...`). Without a closing line, `---` is a thematic break.
pub fn body_start(src: &str) -> usize {
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = src.as_bytes();
    let first = line_at(bytes, bom);
    if trim_line(&bytes[first.clone()]) != b"---" {
        return bom;
    }
    let mut pos = next_line(bytes, first.end);
    while pos < bytes.len() {
        let line = line_at(bytes, pos);
        let text = trim_line(&bytes[line.clone()]);
        if text == b"---" || text == b"..." {
            return next_line(bytes, line.end);
        }
        pos = next_line(bytes, line.end);
    }
    bom
}

/// The lines of `text`, split at `\n` with memchr (a final empty piece included, as
/// `str::split` gives it), for scans that run over every entry of a large log.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match memchr(b'\n', current.as_bytes()) {
            Some(at) => {
                rest = Some(&current[at + 1..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The line starting at `pos`, without its `\n`.
pub fn line_at(bytes: &[u8], pos: usize) -> Range<usize> {
    let end = memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
    pos..end
}

fn next_line(bytes: &[u8], line_end: usize) -> usize {
    (line_end + 1).min(bytes.len())
}

/// A line without its trailing `\r` and trailing spaces or tabs.
fn trim_line(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    &line[..end]
}

/// Leading indentation in columns (tabs to the next multiple of 4) and the rest.
fn indentation(line: &[u8]) -> (usize, &[u8]) {
    let mut columns = 0;
    for (index, &byte) in line.iter().enumerate() {
        match byte {
            b' ' => columns += 1,
            b'\t' => columns += 4 - columns % 4,
            _ => return (columns, &line[index..]),
        }
    }
    (columns, &[])
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// CommonMark's whitespace after an ATX opening sequence.
fn is_markdown_space(byte: u8) -> bool {
    (0x09..=0x0d).contains(&byte) || byte == b' '
}

/// The level of an ATX heading line with no indentation.
pub fn atx_level(rest: &[u8]) -> Option<u8> {
    let hashes = rest.iter().take_while(|&&b| b == b'#').count();
    let followed_by_space = rest.get(hashes).is_none_or(|&b| is_markdown_space(b));
    ((1..=6).contains(&hashes) && followed_by_space).then_some(hashes as u8)
}

/// Whether a line (without indentation) is a bullet that opens with bold text.
pub fn is_bold_bullet(rest: &[u8]) -> bool {
    matches!(rest, [b'-' | b'*' | b'+', after @ ..] if opens_bold_after_marker(after))
}

/// Whether the text after a list item's marker is a space and then bold text: `**`
/// followed by neither a third `*` nor a space.
pub fn opens_bold_after_marker(after: &[u8]) -> bool {
    matches!(after, [b' ', b'*', b'*', next, ..] if *next != b'*' && !next.is_ascii_whitespace())
}

/// Whether a line (without indentation) is a top-level bullet with text: a bold-led one,
/// or a plain one (`- Shipped X`) that is not a thematic break (`- - -`, `* * *`).
pub fn is_bullet(rest: &[u8]) -> bool {
    let text = match rest {
        [b'-' | b'*' | b'+', b' ', text @ ..] => text,
        _ => return false,
    };
    // The first byte past the spaces decides most lines at once (`- **Date**: ...`): a
    // thematic break repeats the marker's own byte.
    match text.iter().find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c')) {
        None | Some(b'\n' | b'\r') => false,
        Some(&next) => next != rest[0] || !is_thematic_break(rest),
    }
}

/// `---`, `***`, `- - -`: three or more of one of `-`, `*`, `_`, with only spaces or tabs,
/// up to the end of the line.
pub fn is_thematic_break(rest: &[u8]) -> bool {
    let Some(&first) = rest.first().filter(|b| matches!(b, b'-' | b'*' | b'_')) else {
        return false;
    };
    let mut count = 0;
    for &byte in rest {
        match byte {
            b'\n' => break,
            b' ' | b'\t' | b'\r' => {}
            _ if byte == first => count += 1,
            _ => return false,
        }
    }
    count >= 3
}

/// `(fence byte, length)` when the line opens a fenced code block.
fn fence_open(rest: &[u8]) -> Option<(u8, usize)> {
    let fence = *rest.first()?;
    if fence != b'`' && fence != b'~' {
        return None;
    }
    let length = rest.iter().take_while(|&&b| b == fence).count();
    if length < 3 || (fence == b'`' && rest[length..].contains(&b'`')) {
        return None;
    }
    Some((fence, length))
}

/// A block whose lines are never structure: fenced code, or an HTML comment.
#[derive(Debug, Clone, Copy)]
enum Verbatim {
    Fence(u8, usize),
    Comment,
}

impl Verbatim {
    fn closed_by(self, line: &[u8]) -> bool {
        match self {
            Verbatim::Fence(fence, length) => fence_closes(line, fence, length),
            Verbatim::Comment => closes_comment(line),
        }
    }
}

fn fence_closes(line: &[u8], fence: u8, length: usize) -> bool {
    let (indent, rest) = indentation(line);
    if indent >= 4 {
        return false;
    }
    let run = rest.iter().take_while(|&&b| b == fence).count();
    let tail = &rest[run..];
    let tail = tail.strip_suffix(b"\r").unwrap_or(tail);
    run >= length && tail.iter().all(|&b| b == b' ')
}

fn opens_comment(rest: &[u8]) -> bool {
    rest.starts_with(b"<!--")
}

fn closes_comment(line: &[u8]) -> bool {
    memmem::find(line, b"-->").is_some()
}

/// Any other raw HTML block start: its end depends on nesting and blank lines.
fn opens_other_html(rest: &[u8]) -> bool {
    matches!(rest, [b'<', next, ..] if next.is_ascii_alphabetic() || matches!(next, b'/' | b'?' | b'!'))
        && !opens_comment(rest)
}

/// A GitHub table delimiter row (`| --- | :-: |`), which makes the lines before it a table.
#[inline(always)]
pub(crate) fn is_table_delimiter(rest: &[u8]) -> bool {
    // Most lines start with a letter, `#` or `*`: no delimiter row does.
    if !matches!(rest.first(), Some(b'|' | b'-' | b':')) {
        return false;
    }
    // The byte test first, before trimming: it stops at the first letter of an
    // ordinary line (`- **Date**` at its third byte).
    let row_bytes = |b: &u8| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t');
    if !rest.iter().all(|b| row_bytes(b) || *b == b'\r') {
        return false;
    }
    let rest = trim_line(rest);
    rest.iter().all(row_bytes) && rest.contains(&b'|') && rest.contains(&b'-')
}

/// A link reference definition that may go on to the next line (`[a]:` with nothing
/// after it, or an opened title), whose continuation can swallow a heading line.
fn may_continue_link_definition(rest: &[u8]) -> bool {
    if memchr(b']', rest).is_none() {
        return false;
    }
    match memmem::find(rest, b"]:") {
        Some(at) => {
            let after = &rest[at + 2..];
            is_blank(after) || after.iter().any(|&b| matches!(b, b'"' | b'\'' | b'('))
        }
        None => false,
    }
}

/// What one line means to the fast scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The line opens a mark.
    Mark(MarkKind),
    /// Text, or a line inside a verbatim block: no structure.
    Text,
    /// The line needs Markdown nesting that a line scan cannot see (see module doc).
    NeedsReference,
}

/// The fast scan's state between lines: whether a verbatim block is open, and how
/// far its opening line was indented.
///
/// Outside a verbatim block, only lines that start with `#`, or hold one of the
/// bytes `` ` `` `~` `]` `<` `|`, can open a mark or change the state; every other line
/// is text (bold bullets aside, which start with `-`, `*` or `+`). [`scan_headings`]
/// relies on that to jump from one such line to the next.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineScanner {
    open: Option<(Verbatim, usize)>,
}

impl LineScanner {
    /// Reads one line (without its `\n`).
    pub fn line(&mut self, text: &[u8]) -> LineKind {
        if let Some((block, indent)) = self.open {
            // An indented opener may sit in a list item, where a less indented line
            // would end the block instead: such files go to the reference pass.
            if indent > 0 && !is_blank(text) && indentation(text).0 < indent {
                return LineKind::NeedsReference;
            }
            if block.closed_by(text) {
                self.open = None;
            }
            return LineKind::Text;
        }
        let (indent, rest) = indentation(text);
        let mut kind = LineKind::Text;
        if indent == 0 {
            if let Some(level) = atx_level(rest) {
                kind = LineKind::Mark(MarkKind::Heading(level));
            } else if is_bullet(rest) {
                kind = LineKind::Mark(MarkKind::Bullet);
            }
        }
        if indent <= 3 {
            if opens_other_html(rest)
                || is_table_delimiter(rest)
                || may_continue_link_definition(rest)
            {
                return LineKind::NeedsReference;
            }
            if let Some((fence, length)) = fence_open(rest) {
                self.open = Some((Verbatim::Fence(fence, length), indent));
            } else if opens_comment(rest) && !closes_comment(text) {
                self.open = Some((Verbatim::Comment, indent));
            }
        }
        kind
    }

    /// Whether a fenced code block or an HTML comment is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// A lone `\r` ends a line for some of pulldown-cmark's scanners but not for this one.
fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
}

/// The fast line scan. `None` when the file needs the reference pass (see module doc).
pub fn scan_fast(src: &str, body_start: usize) -> Option<Vec<Mark>> {
    let bytes = src.as_bytes();
    // A large log is scanned in two halves at once, each checked for lone `\r`s by its
    // own thread. The second half assumes it starts outside any fence or comment,
    // which holds when the first half ends exactly at the split (no verbatim block ran
    // across it); otherwise the whole file is scanned in one pass.
    let split = match memchr(b'\n', &bytes[(body_start + bytes.len()) / 2..]) {
        Some(at) if bytes.len() - body_start >= PARALLEL_SCAN_BYTES => {
            (body_start + bytes.len()) / 2 + at + 1
        }
        _ => return scan_whole(bytes, body_start),
    };
    // The split follows a `\n`, so no `\r\n` pair straddles it.
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let lone_cr = has_lone_cr(&bytes[split..]);
            (!lone_cr).then(|| scan_range(bytes, split, bytes.len(), bytes.len() - split))
        });
        let first = (!has_lone_cr(&bytes[..split]))
            .then(|| scan_range(bytes, body_start, split, bytes.len()));
        (first, crate::threads::join(second))
    });
    let (Some(first), Some(second)) = (first, second) else {
        return None;
    };
    match (first, second) {
        (Some((mut marks, end)), Some((rest, _))) if end == split => {
            marks.extend(rest);
            Some(marks)
        }
        (Some(_), Some(_)) => scan_whole(bytes, body_start),
        _ => None,
    }
}

/// The fast scan of the whole file in one pass, on this thread.
fn scan_whole(bytes: &[u8], body_start: usize) -> Option<Vec<Mark>> {
    if has_lone_cr(bytes) {
        return None;
    }
    scan_range(bytes, body_start, bytes.len(), bytes.len()).map(|(marks, _)| marks)
}

/// Room for the marks of `bytes` bytes of a log, reserved up front so that the list is
/// not moved as it grows: one mark per 32 bytes, more than real logs have (the
/// generated 100k-entry log has one per 82; a log with more grows its list as usual).
/// Room that is never filled is never touched, so it costs address space, not memory.
fn room_for_marks(bytes: usize) -> usize {
    bytes / 32
}

/// Logs smaller than this are scanned on one thread.
const PARALLEL_SCAN_BYTES: usize = 4 << 20;

/// Scans the lines that start in `start..end`, and on to the end of a fence or comment
/// open at `end`; returns the marks and where it stopped. The list has room for the
/// marks of `room` bytes.
fn scan_range(bytes: &[u8], start: usize, end: usize, room: usize) -> Option<(Vec<Mark>, usize)> {
    let mut marks = Vec::with_capacity(room_for_marks(room));
    let mut scanner = LineScanner::default();
    let mut pos = start;
    while pos < bytes.len() && (pos < end || scanner.is_open()) {
        let line = line_at(bytes, pos);
        match scanner.line(&bytes[line.clone()]) {
            LineKind::Mark(kind) => marks.push(Mark { kind, start: pos }),
            LineKind::Text => {}
            LineKind::NeedsReference => return None,
        }
        pos = next_line(bytes, line.end);
    }
    Some((marks, pos))
}

/// A heading line found by [`scan_headings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLine {
    /// The first byte of the line.
    pub start: usize,
    pub level: u8,
    /// 1-based.
    pub line: usize,
}

/// The heading marks of a whole file, found without holding it in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headings {
    pub body_start: usize,
    pub lines: Vec<HeadingLine>,
    /// The heading lines that can make or close a period: a document of their own that
    /// holds the file's periods, so that its months and their order can be read without
    /// reading the file.
    pub periods: PeriodLines,
    /// The file's length in bytes.
    pub len: usize,
}

/// The heading marks (bold bullets are left out) of a file read in chunks, exactly as
/// [`scan_fast`] finds them, at close to `memchr` speed: outside verbatim blocks it
/// looks only at the lines that can matter (see [`LineScanner`]). `None` when the file
/// needs the reference pass, or holds front matter longer than a chunk.
///
/// `brag add` uses it to find month headings in a large log without reading every line.
pub fn scan_headings(
    mut reader: impl std::io::Read,
    chunk: usize,
) -> std::io::Result<Option<Headings>> {
    let mut buffer = vec![0; chunk.max(64)];
    let mut filled = 0;
    let mut base = 0;
    let mut first = true;
    let mut body_start = 0;
    let mut scan = SparseScan::default();
    loop {
        if filled == buffer.len() {
            // One line longer than the buffer: make room for it.
            buffer.resize(buffer.len() * 2, 0);
        }
        let read = reader.read(&mut buffer[filled..])?;
        filled += read;
        let at_end = read == 0;
        if !at_end && filled < buffer.len() {
            continue;
        }
        // Complete lines only, except at the end of the file.
        let complete = if at_end {
            filled
        } else {
            match memchr::memrchr(b'\n', &buffer[..filled]) {
                Some(at) => at + 1,
                None => continue,
            }
        };
        let segment = &buffer[..complete];
        let mut from = 0;
        if first {
            first = false;
            let Some(start) = sparse_body_start(segment, at_end) else {
                return Ok(None);
            };
            body_start = start;
            from = start;
        }
        if !scan.segment(segment, base, from) {
            return Ok(None);
        }
        if at_end {
            return Ok(Some(Headings {
                body_start,
                lines: scan.headings,
                periods: scan.periods,
                len: base + complete,
            }));
        }
        buffer.copy_within(complete..filled, 0);
        filled -= complete;
        base += complete;
    }
}

/// The heading lines from which a file's periods are read: every heading that may be
/// a period, and every other heading at or above the deepest of those before it, which
/// can close one. Entry headings, below every period, are left out, so a log of 100,000
/// entries gives a few kilobytes of month headings instead of a line for each entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodLines {
    /// The lines kept, each ending in `\n`.
    pub text: String,
    /// The first byte in the file of each line kept.
    pub starts: Vec<usize>,
    /// The heading level of each line kept.
    pub levels: Vec<u8>,
    /// The deepest level of a heading kept as a possible period so far.
    depth: u8,
}

impl PeriodLines {
    /// Keeps the heading `line` (without its line ending, maybe with a `\r`), which
    /// starts at byte `start` of the file, when it can make or close a period.
    pub fn push(&mut self, level: u8, start: usize, line: &[u8]) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Ok(line) = std::str::from_utf8(line) else {
            return;
        };
        let may_be_period = heading::may_open_period(entry::heading_text(line.trim_start()));
        if may_be_period {
            self.depth = self.depth.max(level);
        }
        if may_be_period || level <= self.depth {
            self.text.push_str(line);
            self.text.push('\n');
            self.starts.push(start);
            self.levels.push(level);
        }
    }
}

/// [`body_start`] on the first chunk; `None` when front matter may run past it.
fn sparse_body_start(first: &[u8], whole_file: bool) -> Option<usize> {
    let bom = if first.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let opening = line_at(first, bom);
    if trim_line(&first[opening]) != b"---" {
        return Some(bom);
    }
    let text = std::str::from_utf8(first).ok()?;
    let start = body_start(text);
    (start != bom || whole_file).then_some(start)
}

/// The state of [`scan_headings`] between chunks.
#[derive(Debug, Default)]
struct SparseScan {
    scanner: LineScanner,
    headings: Vec<HeadingLine>,
    periods: PeriodLines,
    /// Newlines before `counted_to` (an absolute offset).
    newlines: usize,
    counted_to: usize,
    candidates: Vec<usize>,
}

impl SparseScan {
    /// Scans `segment` (whole lines, at file offset `base`) from `from`; false when the
    /// file needs the reference pass.
    fn segment(&mut self, segment: &[u8], base: usize, from: usize) -> bool {
        if has_lone_cr(segment) {
            return false;
        }
        // The starts of the lines that can matter, in order.
        self.candidates.clear();
        // The first line starts at `from` (after a BOM or front matter), not at 0.
        let line_start = |at: usize| {
            memchr::memrchr(b'\n', &segment[..at]).map_or(from, |nl| (nl + 1).max(from))
        };
        if segment.get(from) == Some(&b'#') {
            self.candidates.push(from);
        }
        self.candidates
            .extend(memmem::find_iter(segment, b"\n#").map(|at| at + 1));
        for at in memchr::memchr3_iter(b'`', b'~', b']', segment) {
            let next_two = segment.get(at + 1..at + 3);
            let matters = match segment[at] {
                b']' => segment.get(at + 1) == Some(&b':'),
                fence => next_two == Some(&[fence, fence][..]),
            };
            if matters {
                self.candidates.push(line_start(at));
            }
        }
        for at in memchr::memchr2_iter(b'<', b'|', segment) {
            self.candidates.push(line_start(at));
        }
        self.candidates.sort_unstable();
        self.candidates.dedup();
        let mut pos = from;
        let mut next = 0;
        while pos < segment.len() {
            if !self.scanner.is_open() {
                // Every line before the next candidate is text: skip to it.
                while next < self.candidates.len() && self.candidates[next] < pos {
                    next += 1;
                }
                match self.candidates.get(next) {
                    Some(&candidate) => pos = candidate,
                    None => break,
                }
            }
            let line = line_at(segment, pos);
            match self.scanner.line(&segment[line.clone()]) {
                LineKind::Mark(MarkKind::Heading(level)) => {
                    let start = base + pos;
                    self.newlines += text::newlines(&segment[self.counted_to - base..pos]);
                    self.counted_to = start;
                    self.headings.push(HeadingLine {
                        start,
                        level,
                        line: self.newlines + 1,
                    });
                    self.periods.push(level, start, &segment[line.clone()]);
                }
                LineKind::Mark(MarkKind::Bullet) | LineKind::Text => {}
                LineKind::NeedsReference => return false,
            }
            pos = next_line(segment, line.end);
        }
        // Count the rest of the segment, so the next one starts from its base.
        self.newlines += text::newlines(&segment[self.counted_to - base..]);
        self.counted_to = base + segment.len();
        true
    }
}

/// The reference: one pulldown-cmark pass over the whole document, keeping the
/// top-level ATX headings and top-level bullet items (see [`is_bullet`]) that start a line.
pub fn scan_reference(src: &str, body_start: usize) -> Vec<Mark> {
    let body = &src[body_start..];
    let bytes = src.as_bytes();
    let mut marks = Vec::new();
    // For every open tag: is it a list?
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let start = body_start + range.start;
                let at_line_start = start == body_start || bytes[start - 1] == b'\n';
                let kind = match &tag {
                    Tag::Heading { level, .. }
                        if open.is_empty() && atx_level(&bytes[start..]).is_some() =>
                    {
                        Some(MarkKind::Heading(*level as u8))
                    }
                    Tag::Item if open.len() == 1 && open[0] && is_bullet(&bytes[start..]) => {
                        Some(MarkKind::Bullet)
                    }
                    _ => None,
                };
                if let Some(kind) = kind.filter(|_| at_line_start) {
                    marks.push(Mark { kind, start });
                }
                open.push(matches!(tag, Tag::List(_)));
            }
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(src: &str) -> Vec<(MarkKind, usize)> {
        let lines = crate::text::LineIndex::new(src);
        scan(src)
            .marks
            .into_iter()
            .map(|m| (m.kind, lines.line(m.start)))
            .collect()
    }

    #[test]
    fn headings_and_bullets_outside_code_comments_and_front_matter() {
        let src = "---\ntitle: x\n# no\n---\n# Log\n\n```\n# code\n```\n<!--\n## hidden\n-->\n## Nov 2026\n- **Shipped** it\n  - **nested** no\n";
        assert_eq!(
            kinds(src),
            vec![
                (MarkKind::Heading(1), 5),
                (MarkKind::Heading(2), 13),
                (MarkKind::Bullet, 14)
            ]
        );
        assert_eq!(
            scan_fast(src, body_start(src)),
            Some(scan_reference(src, body_start(src)))
        );
    }

    #[test]
    fn bullets_and_table_delimiter_rows_line_by_line() {
        let bullets = [
            ("- **Date**: 2026-03-01", true),
            ("- Shipped it", true),
            ("* * *", false),
            ("- - -", false),
            ("- -x", true),
            ("+ + +", true),
            ("- ", false),
            ("-x", false),
        ];
        for (line, expected) in bullets {
            assert_eq!(is_bullet(line.as_bytes()), expected, "{line:?}");
        }
        let rows = [
            ("| --- | :-: |", true),
            ("|---|\r", true),
            ("--- | ---  ", true),
            ("- **Date**", false),
            ("| a | b |", false),
            ("-----", false),
            ("|---|\rx", false),
        ];
        for (line, expected) in rows {
            assert_eq!(is_table_delimiter(line.as_bytes()), expected, "{line:?}");
        }
    }

    #[test]
    fn front_matter_needs_a_closing_line() {
        assert_eq!(body_start("---\n# a\n"), 0);
        assert_eq!(body_start("\u{feff}---\na: 1\n...\n# a\n"), 16);
        assert_eq!(body_start("\u{feff}# a\n"), 3);
    }

    #[test]
    fn constructs_the_line_scan_cannot_decide_fall_back() {
        for src in [
            "<div>\n# inside html\n</div>\n",
            "a | b\n--|--\n# x\n",
            "[a]:\n# x\n",
            "- item\n  ```\n x\n# y\n",
            "a\rb\n# x\n",
        ] {
            assert_eq!(scan_fast(src, 0), None, "{src:?}");
        }
    }

    /// Regression: seven `#` are not a heading, and the line underlined by `===` is a
    /// setext heading; the reference once took it for an ATX heading.
    #[test]
    fn a_setext_heading_starting_with_hashes_is_not_structure() {
        let src = "####### seven\n===";
        assert_eq!(scan_reference(src, 0), vec![]);
        assert_eq!(scan_fast(src, 0), Some(vec![]));
    }

    #[test]
    fn indented_fence_in_a_list_keeps_the_fast_path() {
        let src = "## May 2026\n### A\n- **Actions**:\n  ```sh\n  # not a heading\n  ```\n### B\n";
        let fast = scan_fast(src, 0).expect("fast path");
        assert_eq!(fast, scan_reference(src, 0));
        assert_eq!(fast.len(), 4, "two headings, the bullet, and B");
    }

    /// A log past [`PARALLEL_SCAN_BYTES`], with `middle` at its middle.
    fn large_log(middle: &str) -> String {
        let entry =
            "### Cut latency\n- **Date**: 2026-11-03\n- **Actions**:\n  - Profiled `perf`\n";
        let half = "## November 2026\n".to_string()
            + &entry.repeat(PARALLEL_SCAN_BYTES / entry.len() / 2 + 1);
        format!("# Log\n{half}{middle}{half}")
    }

    #[test]
    fn a_large_log_scanned_in_halves_gives_the_marks_of_one_pass() {
        let plain = large_log("");
        let marks = scan_fast(&plain, 0).expect("fast path");
        assert_eq!(Some(&marks), scan_whole(plain.as_bytes(), 0).as_ref());
        assert_eq!(
            marks.len(),
            plain.matches("\n#").count() + plain.matches("- **").count() + 1
        );
        // A fence open across the split: the second half's guess is wrong, and the
        // whole file is scanned again.
        let fenced = large_log(&format!("```\n{}```\n", "# not a heading\n".repeat(20_000)));
        let marks = scan_fast(&fenced, 0).expect("fast path");
        assert_eq!(Some(&marks), scan_whole(fenced.as_bytes(), 0).as_ref());
        assert!(
            !marks
                .iter()
                .any(|mark| fenced[mark.start..].starts_with("# not"))
        );
        // A lone `\r` in either half sends the file to the reference pass.
        for at in [plain.len() / 4, plain.len() * 3 / 4] {
            let mut lone = plain.clone();
            let line = lone[at..].find('\n').map_or(at, |nl| at + nl);
            lone.insert_str(line, "\rx");
            assert_eq!(scan_fast(&lone, 0), None, "lone CR at {line}");
        }
    }

    /// The fast scan's headings with their lines, as [`scan_headings`] reports them.
    fn fast_headings(src: &str) -> Option<Vec<HeadingLine>> {
        let lines = crate::text::LineIndex::new(src);
        let marks = scan_fast(src, body_start(src))?;
        Some(
            marks
                .into_iter()
                .filter_map(|mark| match mark.kind {
                    MarkKind::Heading(level) => Some(HeadingLine {
                        start: mark.start,
                        level,
                        line: lines.line(mark.start),
                    }),
                    MarkKind::Bullet => None,
                })
                .collect(),
        )
    }

    #[test]
    fn period_lines_keep_the_periods_and_what_closes_them() {
        let cases = [
            (
                "# Achievement log\n## November 2026\n### Cut latency\n- a\n### Fixed it\n",
                "## November 2026\n",
            ),
            // `## Projects` closes the year, so May has none: it must be kept.
            (
                "# Log\n## 2026\n### Apr\n#### Entry\n## Projects\n### May\n",
                "## 2026\n### Apr\n## Projects\n### May\n",
            ),
            // Above the deepest period so far, though not above the last one.
            (
                "# 2026\n### Sep\n## H2\n### Projects\n#### Oct\n##### Entry\n",
                "# 2026\n### Sep\n## H2\n### Projects\n#### Oct\n",
            ),
            // A period deeper than the entries before it.
            ("## Log\n### Entry\n#### Apr\n", "#### Apr\n"),
            // Regression: the second title closes `## 2023`, which the kept lines make
            // look like its sibling; only a heading at a period's very level stays in it.
            (
                "# Log\n## 2024\n#### Feb\n### Led\n## 2023\n#### Oct\n# Log\n#### Jun\n",
                "## 2024\n#### Feb\n### Led\n## 2023\n#### Oct\n# Log\n#### Jun\n",
            ),
            // A misspelt month is read as the one it meant, in both.
            (
                "# Log\n## Spetember 2026\n#### Apr\n",
                "## Spetember 2026\n#### Apr\n",
            ),
            (
                "# 2026\r\n## Q3 (Jul-Sep)\r\n### Sep\r\n",
                "# 2026\n## Q3 (Jul-Sep)\n### Sep\n",
            ),
        ];
        for (src, expected) in cases {
            let found = scan_headings(src.as_bytes(), 64)
                .expect("read")
                .expect("fast");
            assert_eq!(found.periods.text, expected, "{src:?}");
            let kept: Vec<&str> = found
                .periods
                .starts
                .iter()
                .map(|&start| &src[line_at(src.as_bytes(), start)])
                .map(|line| line.trim_end_matches('\r'))
                .collect();
            assert_eq!(kept, expected.lines().collect::<Vec<_>>(), "{src:?}");
            let months = |text: &str| {
                let months = crate::read::parse::skeleton(text).months;
                months.iter().map(|month| month.month).collect::<Vec<_>>()
            };
            assert_eq!(months(&found.periods.text), months(src), "{src:?}");
        }
    }

    #[test]
    fn streamed_headings_skip_code_comments_and_front_matter() {
        let src = "\u{feff}---\ntitle: x\n---\n# Log\n```\n# code\n```\n<!--\n## hidden\n-->\n## Nov 2026\n- **a**\n### Entry\n";
        for chunk in [64, 7, 4096] {
            let found = scan_headings(src.as_bytes(), chunk)
                .expect("read")
                .expect("fast");
            assert_eq!(Some(found.lines), fast_headings(src), "chunk {chunk}");
            assert_eq!(found.periods.text, "## Nov 2026\n", "chunk {chunk}");
            assert_eq!(found.periods.starts, [src.find("## Nov").expect("a month")]);
            assert_eq!(found.body_start, body_start(src));
            assert_eq!(found.len, src.len());
        }
        assert_eq!(
            scan_headings(&b"<div>\n# x\n</div>\n"[..], 64).expect("read"),
            None
        );
        assert_eq!(scan_headings(&b"a\rb\n# x\n"[..], 64).expect("read"), None);
    }

    /// Lines that exercise every rule of the line scan.
    fn line() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "# Log",
            "## November 2026",
            "### Entry",
            "#### Results",
            "#no",
            " # indented",
            "- **Date**: 2026-11-03",
            "* **Bold** lead",
            "- plain",
            "text with `code`",
            "text ~~struck~~",
            "```",
            "```sh",
            "~~~",
            "  ```",
            "    ```",
            "`````",
            "<!--",
            "<!-- one line -->",
            "-->",
            "<div>",
            "a <b> c",
            "| a | b |",
            "|---|---|",
            "[ref]: https://x",
            "[ref]:",
            "see [x](y)",
            "",
            "   ",
            "\t- tab",
            "---",
            "...",
            "text\r",
            "lone\rcr",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..ProptestConfig::default()
        })]

        #[test]
        fn streamed_headings_equal_the_fast_scan(
            lines in prop::collection::vec(line(), 0..40),
            bom in any::<bool>(),
            final_newline in any::<bool>(),
            chunk in 64usize..300,
        ) {
            let mut src = if bom { "\u{feff}".to_string() } else { String::new() };
            src.push_str(&lines.join("\n"));
            if final_newline {
                src.push('\n');
            }
            let streamed = scan_headings(src.as_bytes(), chunk).expect("read");
            match (fast_headings(&src), streamed) {
                (Some(fast), Some(streamed)) => {
                    let mut periods = PeriodLines::default();
                    for heading in &fast {
                        let line = line_at(src.as_bytes(), heading.start);
                        periods.push(heading.level, heading.start, &src.as_bytes()[line]);
                    }
                    prop_assert_eq!(fast, streamed.lines);
                    prop_assert_eq!(periods, streamed.periods);
                }
                (None, None) => {}
                // Front matter that runs past the first chunk is left to the caller.
                (Some(_), None) => prop_assert!(src.len() > chunk),
                (None, Some(_)) => prop_assert!(false, "the stream missed a reference-only construct"),
            }
        }
    }
}
