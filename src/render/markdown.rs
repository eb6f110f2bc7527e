//! The Markdown packet's own helpers: raw HTML made inert, and entry text on one line,
//! for `--brief`.

use pulldown_cmark::{Event, Parser};

use crate::model::Entry;

/// Markdown as written, except that raw HTML (tags, comments) is escaped so that it shows
/// as text wherever the packet is pasted, and no line ends in spaces: an entry never
/// injects markup, and the packet pastes cleanly into a document editor.
pub fn inert(text: &str) -> String {
    // Most text has no `<` at all, and so no HTML: skip the parse.
    if !text.contains('<') {
        return without_trailing_spaces(text.to_string());
    }
    let mut raw: Vec<std::ops::Range<usize>> = Parser::new_ext(text, crate::markdown::options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range)
        .collect();
    raw.sort_by_key(|range| range.start);
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for range in raw {
        if range.start < copied {
            continue;
        }
        out.push_str(&text[copied..range.start]);
        for c in text[range.clone()].chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    without_trailing_spaces(out)
}

/// `text` with no line ending in spaces or tabs.
fn without_trailing_spaces(text: String) -> String {
    if !text.lines().any(|line| line.ends_with([' ', '\t'])) {
        return text;
    }
    let mut trimmed: String = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        trimmed.push('\n');
    }
    trimmed
}

/// One line of Markdown, for a one-line impact list (`--brief`): list items and
/// paragraphs joined by `; ` (or a space after a full stop), lines wrapped inside a
/// paragraph joined by a space, list markers dropped.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whether the next line starts a new piece (a list item or paragraph) or continues one.
    let mut new_piece = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            new_piece = true;
            continue;
        }
        let stripped = strip_list_marker(trimmed);
        let is_item = stripped.len() != trimmed.len();
        if !out.is_empty() {
            if (new_piece || is_item) && !out.ends_with(['.', ';', ':', '!', '?']) {
                out.push_str("; ");
            } else {
                out.push(' ');
            }
        }
        out.push_str(stripped);
        new_piece = false;
    }
    out
}

fn strip_list_marker(line: &str) -> &str {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "))
        {
            return rest.trim_start();
        }
    }
    line
}

/// The line an impact list shows for an entry: its Results on one line, or, for an entry
/// without Results (a bold-led bullet such as `- **Shipped X**: 40% adoption`), its notes.
pub fn headline(entry: &Entry<'_>) -> Option<String> {
    let text = match (&entry.star.results, entry.notes.first()) {
        (Some(results), _) => results.to_string(),
        (None, Some(_)) => crate::render::schema::notes(entry).unwrap_or_default(),
        (None, None) => return None,
    };
    let line = one_line(&text);
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_and_markdown_kept() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            (
                "Cut **40%** <img src=x onerror=alert(1)>",
                "Cut **40%** &lt;img src=x onerror=alert(1)&gt;",
            ),
            ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
            ("`<b>` stays code", "`<b>` stays code"),
            (
                "a <https://example.com> link",
                "a <https://example.com> link",
            ),
            ("line  \nnext ", "line\nnext"),
            ("p95 fell 40%", "p95 fell 40%"),
        ];
        for (text, expected) in cases {
            assert_eq!(inert(text), expected, "{text:?}");
        }
    }

    #[test]
    fn one_line_joins_lines_and_drops_list_markers() {
        let cases = [
            ("p95 fell 40%.", "p95 fell 40%."),
            (
                "- Cut cost 12%\n- Zero pages\n\n1. third",
                "Cut cost 12%; Zero pages; third",
            ),
            (
                "p95 fell from 900\nms to 540 ms.\n\nCost down.",
                "p95 fell from 900 ms to 540 ms. Cost down.",
            ),
            ("Shipped:\n- a\n- b", "Shipped: a; b"),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(one_line(text), expected, "{text:?}");
        }
    }
}
