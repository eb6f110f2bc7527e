//! Plain text for email: entry Markdown without its markup, and lines wrapped at 80
//! columns with a hanging indent.

use std::io::{self, Write};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;

/// The width `--format txt` wraps at.
pub const WIDTH: usize = 80;

/// Markdown as plain text: emphasis marks dropped, links as `text (url)`, lists as `- `
/// items indented two spaces per level, code blocks indented four spaces, table rows
/// as cells joined by ` | `. Paragraphs are separated by a blank line.
pub fn plain(markdown_text: &str) -> String {
    let mut writer = Plain::default();
    for event in Parser::new_ext(markdown_text, markdown::options()) {
        writer.event(event);
    }
    let mut out = writer.out;
    out.truncate(out.trim_end().len());
    out
}

#[derive(Debug, Default)]
struct Plain {
    out: String,
    /// One entry per open list: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Link targets waiting for their text to end.
    links: Vec<String>,
    /// Inside a code block: its lines are indented.
    code: bool,
    /// A blank line is owed before the next block.
    pending_break: bool,
    /// Cells of the current table row.
    row: Vec<String>,
    /// Rows of the current table written so far.
    table_rows: usize,
    in_cell: bool,
    quote_depth: usize,
}

impl Plain {
    fn indent(&self) -> String {
        let mut indent = "  ".repeat(self.lists.len().saturating_sub(1));
        if !self.lists.is_empty() {
            indent.push_str("  ");
        }
        indent.push_str(&"> ".repeat(self.quote_depth));
        indent
    }

    /// Ends the previous block's line, with a blank line after a finished block.
    fn separate(&mut self) {
        if !self.out.is_empty() {
            if !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            if self.pending_break && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        }
        self.pending_break = false;
    }

    /// Starts a new block of text at the current indentation.
    fn open_block(&mut self) {
        self.separate();
        let indent = self.indent();
        self.out.push_str(&indent);
    }

    fn text(&mut self, text: &str) {
        if self.in_cell {
            if let Some(cell) = self.row.last_mut() {
                cell.push_str(text);
            }
            return;
        }
        if self.code {
            let indent = format!("{}    ", self.indent());
            for line in text.split_inclusive('\n') {
                if self.out.is_empty() || self.out.ends_with('\n') {
                    self.out.push_str(&indent);
                }
                self.out.push_str(line);
            }
            return;
        }
        self.out.push_str(text);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text),
            Event::Code(code) => {
                let code = format!("`{code}`");
                self.text(&code);
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                let indent = self.indent();
                self.out.push('\n');
                self.out.push_str(&indent);
            }
            Event::Rule => {
                self.open_block();
                self.out.push_str("---");
                self.pending_break = true;
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => {
                let name = format!("[{name}]");
                self.text(&name);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } => {
                // The first paragraph of a list item goes on the marker's line.
                if !self.out.ends_with(". ") && !self.out.ends_with("- ") {
                    self.open_block();
                }
            }
            Tag::BlockQuote(_) => {
                self.separate();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.separate();
                self.code = true;
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.separate();
                }
                self.lists.push(first);
            }
            Tag::Item => {
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                let depth = self.lists.len().saturating_sub(1);
                self.out.push_str(&"  ".repeat(depth));
                self.out.push_str(&"> ".repeat(self.quote_depth));
                match self.lists.last_mut() {
                    Some(Some(number)) => {
                        self.out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => self.out.push_str("- "),
                }
            }
            Tag::Table(_) => {
                self.open_block();
                self.table_rows = 0;
            }
            Tag::TableRow | Tag::TableHead => self.row.clear(),
            Tag::TableCell => {
                self.row.push(String::new());
                self.in_cell = true;
            }
            Tag::Link { dest_url, .. } => self.links.push(dest_url.to_string()),
            Tag::Image { dest_url, .. } => {
                self.text("[image: ");
                self.links.push(dest_url.to_string());
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Table => self.pending_break = true,
            TagEnd::CodeBlock => {
                self.code = false;
                let len = self.out.trim_end().len();
                self.out.truncate(len);
                self.pending_break = true;
            }
            TagEnd::BlockQuote(_) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.pending_break = true;
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.pending_break = true;
            }
            TagEnd::Item => self.pending_break = false,
            TagEnd::TableCell => self.in_cell = false,
            TagEnd::TableHead | TagEnd::TableRow => {
                if self.table_rows > 0 {
                    let indent = self.indent();
                    self.out.push('\n');
                    self.out.push_str(&indent);
                }
                self.table_rows += 1;
                let row = self.row.join(" | ");
                self.out.push_str(row.trim());
                self.row.clear();
            }
            TagEnd::Link => {
                if let Some(url) = self.links.pop() {
                    if !url.is_empty() && !self.out.ends_with(url.as_str()) {
                        let target = format!(" ({url})");
                        self.text(&target);
                    }
                }
            }
            TagEnd::Image => {
                if let Some(url) = self.links.pop() {
                    let target = format!("] ({url})");
                    self.text(&target);
                }
            }
            _ => {}
        }
    }
}

/// Wraps one line at `width` characters. Continuation lines keep the line's indentation,
/// plus the width of a list marker (`- `, `* `, `12. `) when the line starts with one, so
/// a wrapped item hangs under its text. A word longer than the width (a URL) stays whole.
pub fn wrap_line(line: &str, width: usize, out: &mut String) {
    if line.chars().count() <= width {
        out.push_str(line.trim_end());
        out.push('\n');
        return;
    }
    let indent_len = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent_len..];
    let marker = marker_width(rest);
    let hang = " ".repeat(indent_len + marker);
    out.push_str(&line[..indent_len + marker]);
    let mut column = indent_len + marker;
    let mut at_line_start = true;
    for word in rest[marker..].split(' ').filter(|word| !word.is_empty()) {
        let word_width = word.chars().count();
        if !at_line_start && column + 1 + word_width > width {
            out.push('\n');
            out.push_str(&hang);
            column = hang.len();
            at_line_start = true;
        }
        if !at_line_start {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word_width;
        at_line_start = false;
    }
    out.push('\n');
}

/// The width of a list marker at the start of `text`, with its space.
fn marker_width(text: &str) -> usize {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return 2;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 && text[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

/// A writer that wraps every line it is given at `width` before passing it on; lines end
/// with `\n`. Call [`Wrapping::finish`] to write a last line without one.
#[derive(Debug)]
pub struct Wrapping<W: Write> {
    inner: W,
    width: usize,
    pending: Vec<u8>,
}

impl<W: Write> Wrapping<W> {
    pub fn new(inner: W, width: usize) -> Self {
        Self {
            inner,
            width,
            pending: Vec::new(),
        }
    }

    fn write_lines(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        for line in text.split_inclusive('\n') {
            wrap_line(
                line.strip_suffix('\n').unwrap_or(line),
                self.width,
                &mut out,
            );
        }
        self.inner.write_all(out.as_bytes())
    }

    /// Writes what is left (a last line without a newline gets one) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.write_lines(&pending)?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for Wrapping<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        if let Some(last_newline) = self.pending.iter().rposition(|&b| b == b'\n') {
            let rest = self.pending.split_off(last_newline + 1);
            let lines = std::mem::replace(&mut self.pending, rest);
            self.write_lines(&lines)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        let cases = [
            ("**Bold** and *em* and `code`", "Bold and em and `code`"),
            (
                "See [the wiki](https://wiki.example.com) and <https://x.example>",
                "See the wiki (https://wiki.example.com) and https://x.example",
            ),
            ("- one\n- two\n  - nested", "- one\n- two\n  - nested"),
            ("1. first\n2. second", "1. first\n2. second"),
            (
                "para one\nstill one\n\npara two",
                "para one still one\n\npara two",
            ),
            ("Intro:\n\n- a\n- b", "Intro:\n\n- a\n- b"),
            ("```\nlet x = 1;\n```", "    let x = 1;"),
            ("| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"),
            ("- [x] done\n- [ ] open", "- [x] done\n- [ ] open"),
            ("Fixed <script>x</script>", "Fixed <script>x</script>"),
            ("![graph](g.png)", "[image: graph] (g.png)"),
            ("> quoted\n> text\n\nafter", "> quoted text\n\nafter"),
            ("- a\n\n  more\n- b", "- a\n\n  more\n- b"),
            (
                "Before\n\n1. x\n   - y\n\nAfter",
                "Before\n\n1. x\n  - y\n\nAfter",
            ),
        ];
        for (markdown_text, expected) in cases {
            assert_eq!(plain(markdown_text), expected, "{markdown_text:?}");
        }
    }

    #[test]
    fn lines_wrap_with_a_hanging_indent() {
        let wrap = |line: &str, width| {
            let mut out = String::new();
            wrap_line(line, width, &mut out);
            out
        };
        let cases = [
            ("short line", 20, "short line\n"),
            ("one two three four five", 10, "one two\nthree four\nfive\n"),
            (
                "  Situation: the p95 grew",
                14,
                "  Situation:\n  the p95 grew\n",
            ),
            (
                "  - item with words here",
                12,
                "  - item\n    with\n    words\n    here\n",
            ),
            (
                "12. numbered item text",
                12,
                "12. numbered\n    item\n    text\n",
            ),
            (
                "see https://example.com/a/very/long/path ok",
                10,
                "see\nhttps://example.com/a/very/long/path\nok\n",
            ),
        ];
        for (line, width, expected) in cases {
            assert_eq!(wrap(line, width), expected, "{line:?}");
        }
    }

    #[test]
    fn the_wrapping_writer_handles_lines_split_across_writes() {
        let mut writer = Wrapping::new(Vec::new(), 10);
        writer.write_all(b"one two thr").expect("write");
        writer.write_all(b"ee four\nlast").expect("write");
        let out = writer.finish().expect("finish");
        assert_eq!(String::from_utf8_lossy(&out), "one two\nthree four\nlast\n");
    }
}
