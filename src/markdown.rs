//! The one place that says which Markdown brag reads.
//!
//! Every pass over the log (the reference whole-document pass, the per-entry reader,
//! benchmarks) builds its parser with [`options`], so they all see the same Markdown.
//! YAML metadata blocks are deliberately *not* enabled: pulldown-cmark accepts a `---`
//! block anywhere in a document, so a log that separates months with `---` would lose
//! whole sections. brag strips front matter itself, only at the top of the file.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// The Markdown extensions brag reads: GitHub tables, strikethrough and task lists.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// A fenced code block or an HTML comment that is never closed: it runs to the end of
/// the file, so nothing after its first line (a new entry neither) is structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// Where it opens.
    pub offset: usize,
    /// `code fence` or `HTML comment`.
    pub what: &'static str,
    /// What closes it, for the hint.
    pub closer: &'static str,
}

/// The first block of `src` that opens a code fence or an HTML comment and never
/// closes it (see [`Unclosed`]), from one pulldown-cmark pass.
pub fn unclosed(src: &str) -> Option<Unclosed> {
    if !["```", "~~~", "<!--"]
        .iter()
        .any(|opener| src.contains(opener))
    {
        return None;
    }
    let end = src.trim_end().len();
    Parser::new_ext(src, options())
        .into_offset_iter()
        .find_map(|(event, range)| {
            let block = src.get(range.start..range.end.min(src.len()))?;
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
                    if range.end >= end && !fence_is_closed(block) =>
                {
                    let closer = if block.trim_start().starts_with('~') {
                        "~~~"
                    } else {
                        "```"
                    };
                    Some(Unclosed {
                        offset: range.start,
                        what: "code fence",
                        closer,
                    })
                }
                Event::Start(Tag::HtmlBlock)
                    if range.end >= end
                        && block.trim_start().starts_with("<!--")
                        && !block.contains("-->") =>
                {
                    Some(Unclosed {
                        offset: range.start,
                        what: "HTML comment",
                        closer: "-->",
                    })
                }
                _ => None,
            }
        })
}

/// Whether a fenced code block's text (from its opening line) ends with a line that
/// closes it: the fence's character, at least as many times, indented at most three
/// spaces, and nothing else.
fn fence_is_closed(block: &str) -> bool {
    let mut lines = block.trim_end().lines();
    let Some(opener) = lines.next().map(str::trim_start) else {
        return false;
    };
    let Some(fence) = opener.chars().next() else {
        return false;
    };
    let length = opener.chars().take_while(|&c| c == fence).count();
    lines.next_back().is_some_and(|last| {
        let indent = last.len() - last.trim_start_matches(' ').len();
        let rest = last.trim_start_matches(' ');
        let run = rest.chars().take_while(|&c| c == fence).count();
        indent <= 3 && run >= length && rest[run..].trim().is_empty()
    })
}

/// `text` (a field's Markdown) with every heading in it escaped into text: in an export,
/// an entry's words never open a heading, a section or an entry. A backslash goes before
/// an ATX heading's first `#`, or before a setext heading's underline, so the heading
/// reads as the paragraph the person typed.
pub fn demote_headings(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['#', '=', '-']) {
        return text.into();
    }
    let mut escapes = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. }) = event {
            let heading = text[range.clone()].trim_end();
            let marker = match heading.find(|c: char| c != ' ') {
                Some(at) if heading[at..].starts_with('#') => at,
                _ => {
                    let underline = crate::text::line_start(heading, heading.len());
                    underline + heading[underline..].find(|c: char| c != ' ').unwrap_or(0)
                }
            };
            escapes.push(range.start + marker);
        }
    }
    if escapes.is_empty() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + escapes.len());
    let mut from = 0;
    for at in escapes {
        out.push_str(&text[from..at]);
        out.push('\\');
        from = at;
    }
    out.push_str(&text[from..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_fences_and_comments_are_found_where_they_open() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            ("# Log\n", None),
            ("a\n\n```\ncode\n```\n", None),
            ("a\n\n```\ncode\n", Some((3, "code fence"))),
            ("a\n\n```\n", Some((3, "code fence"))),
            ("~~~~\ncode\n~~~\n", Some((0, "code fence"))),
            ("~~~\ncode\n   ~~~~  \n\n", None),
            ("```\ncode\n    ```\n", Some((0, "code fence"))),
            ("```\nx\n```\n\n```rust\nfn\n", Some((11, "code fence"))),
            ("<!-- note -->\n", None),
            ("<!-- a\nb -->\n", None),
            ("x\n\n<!-- a\n\n## B\n", Some((3, "HTML comment"))),
            ("- item\n  ```\n  code\n\nafter\n", None),
        ];
        for (src, expected) in cases {
            let found = unclosed(src).map(|u| (u.offset, u.what));
            assert_eq!(found, *expected, "{src:?}");
        }
    }

    #[test]
    fn headings_in_a_field_become_text() {
        let cases = [
            ("p95 down 40%", "p95 down 40%"),
            ("## 2026-12", "\\## 2026-12"),
            ("- ## 2026-12\n- # Big", "- \\## 2026-12\n- \\# Big"),
            ("line one\n  ## Heading", "line one\n  \\## Heading"),
            (
                "para\n\n### Next entry\ntext",
                "para\n\n\\### Next entry\ntext",
            ),
            ("Title\n===\n", "Title\n\\===\n"),
            ("Title\n---\n", "Title\n\\---\n"),
            ("```\n## in code\n```\n", "```\n## in code\n```\n"),
            ("> ## quoted", "> \\## quoted"),
            ("not #a heading", "not #a heading"),
        ];
        for (text, expected) in cases {
            let demoted = demote_headings(text);
            assert_eq!(demoted, expected, "{text:?}");
            let headings = Parser::new_ext(&demoted, options())
                .filter(|event| matches!(event, Event::Start(Tag::Heading { .. })))
                .count();
            assert_eq!(headings, 0, "{text:?} still has a heading: {demoted:?}");
        }
    }
}
