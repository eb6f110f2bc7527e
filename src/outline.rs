//! Level one of the reader: the lines that give a log its structure, found by a line scan.
//!
//! A *mark* is a line that can open a period, a section or an entry:
//!
//! - an ATX heading (`## November 2026`) that starts in the first column and is not
//!   inside front matter, a fenced code block or an HTML block;
//! - a top-level bullet whose first words are bold (`- **Shipped X** ...`), same rules.
//!
//! Underlined (setext) headings and indented headings are text to brag, not structure.
//!
//! [`scan`] walks the file line by line with `memchr`, at close to `grep` speed. Where a
//! file holds a construct whose meaning depends on Markdown nesting that a line scan
//! cannot see (a raw HTML block, a table, a fence indented by one to three spaces that
//! a column-one line interrupts, a multi-line link definition), it falls back to
//! [`scan_reference`], one pulldown-cmark pass over the whole document. A property test
//! proves that the two return the same marks wherever the fast scan answers.

use std::ops::Range;

use memchr::{memchr, memchr_iter, memmem};
use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// An ATX heading of this level (1..=6).
    Heading(u8),
    /// A top-level bullet that opens with bold text.
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
    matches!(rest, [b'-' | b'*' | b'+', b' ', b'*', b'*', next, ..] if *next != b'*' && !next.is_ascii_whitespace())
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
fn is_table_delimiter(rest: &[u8]) -> bool {
    let rest = trim_line(rest);
    rest.contains(&b'|')
        && rest.contains(&b'-')
        && rest
            .iter()
            .all(|&b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
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

/// The fast line scan. `None` when the file needs the reference pass (see module doc).
pub fn scan_fast(src: &str, body_start: usize) -> Option<Vec<Mark>> {
    let bytes = src.as_bytes();
    // A lone `\r` ends a line for some of pulldown-cmark's scanners but not for this one.
    if memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n')) {
        return None;
    }
    // A large log is scanned in two halves at once. The second half assumes it starts
    // outside any fence or comment, which holds when the first half ends exactly at
    // the split (no verbatim block ran across it); otherwise the whole file is scanned
    // in one pass.
    let split = match memchr(b'\n', &bytes[(body_start + bytes.len()) / 2..]) {
        Some(at) if bytes.len() - body_start >= PARALLEL_SCAN_BYTES => {
            (body_start + bytes.len()) / 2 + at + 1
        }
        _ => return scan_range(bytes, body_start, bytes.len()).map(|(marks, _)| marks),
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| scan_range(bytes, split, bytes.len()));
        let first = scan_range(bytes, body_start, split);
        // A panic in the scan thread is a bug: re-raise it.
        (
            first,
            second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    match (first, second) {
        (Some((mut marks, end)), Some((rest, _))) if end == split => {
            marks.extend(rest);
            Some(marks)
        }
        (Some(_), Some(_)) => scan_range(bytes, body_start, bytes.len()).map(|(marks, _)| marks),
        _ => None,
    }
}

/// Logs smaller than this are scanned on one thread.
const PARALLEL_SCAN_BYTES: usize = 4 << 20;

/// Scans the lines that start in `start..end`; returns the marks and where it stopped
/// (past `end` when a fence or comment ran across it).
fn scan_range(bytes: &[u8], start: usize, end: usize) -> Option<(Vec<Mark>, usize)> {
    let mut marks = Vec::new();
    let mut pos = start;
    while pos < end {
        let line = line_at(bytes, pos);
        let text = &bytes[line.clone()];
        let (indent, rest) = indentation(text);
        let mut resume = next_line(bytes, line.end);
        if indent == 0 {
            let kind = match atx_level(rest) {
                Some(level) => Some(MarkKind::Heading(level)),
                None => is_bold_bullet(rest).then_some(MarkKind::Bullet),
            };
            if let Some(kind) = kind {
                marks.push(Mark { kind, start: pos });
            }
        }
        if indent <= 3 {
            if opens_other_html(rest)
                || is_table_delimiter(rest)
                || may_continue_link_definition(rest)
            {
                return None;
            }
            let block = if let Some((fence, length)) = fence_open(rest) {
                Some(Verbatim::Fence(fence, length))
            } else if opens_comment(rest) && !closes_comment(text) {
                Some(Verbatim::Comment)
            } else {
                None
            };
            if let Some(block) = block {
                // Skip to the line that closes the block. An indented opener may sit in
                // a list item, where a less indented line would end the block instead:
                // such files go to the reference pass.
                while resume < bytes.len() {
                    let inner = line_at(bytes, resume);
                    let inner_text = &bytes[inner.clone()];
                    resume = next_line(bytes, inner.end);
                    if indent > 0 && !is_blank(inner_text) && indentation(inner_text).0 < indent {
                        return None;
                    }
                    if block.closed_by(inner_text) {
                        break;
                    }
                }
            }
        }
        if resume <= pos {
            break;
        }
        pos = resume;
    }
    Some((marks, pos))
}

/// The reference: one pulldown-cmark pass over the whole document, keeping the
/// top-level ATX headings and top-level bold-led bullet items that start a line.
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
                    Tag::Item if open.len() == 1 && open[0] && is_bold_bullet(&bytes[start..]) => {
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

    fn kinds(src: &str) -> Vec<(MarkKind, usize)> {
        let lines = markdown::LineIndex::new(src);
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
}
