//! The Markdown packet's own helpers: entry text on one line, for `--brief`.

use crate::model::Entry;

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
    let text = match (&entry.results, entry.notes.first()) {
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
