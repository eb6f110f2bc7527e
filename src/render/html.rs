//! Entry Markdown as HTML that is safe to paste anywhere: raw HTML in the log is shown as
//! text, never passed through, and nothing in the output reaches the network.
//!
//! pulldown-cmark renders with [`crate::markdown::options`], like every other pass. On the
//! way, raw HTML events become text (so `<script>` comes out as `&lt;script&gt;`), links
//! keep only web, mail and relative targets (a `javascript:` link becomes its text), and
//! images become links to the image: a packet opened offline, or pasted into a document,
//! fetches nothing.

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::markdown;

/// Block-level HTML for a field body: paragraphs, lists, tables, code.
pub fn block(markdown_text: &str) -> String {
    let mut out = String::with_capacity(markdown_text.len() * 3 / 2);
    // A heading in a field would open a section of the packet: it stays text.
    let markdown_text = markdown::demote_headings(markdown_text);
    html::push_html(&mut out, safe_events(&markdown_text));
    out.truncate(out.trim_end().len());
    out
}

/// HTML for text shown inline (a one-line result in a brief list): like [`block`], without
/// the paragraph around a single paragraph.
pub fn inline(markdown_text: &str) -> String {
    let rendered = block(markdown_text);
    match rendered
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => rendered,
    }
}

/// A field as HTML with its label in bold: inside the first paragraph when the body
/// starts with one (`<p><strong>Results:</strong> p95 fell…</p>`), else on a paragraph
/// of its own above the body (a list, a table). `label` is text; `body` is HTML.
pub fn labelled(label: &str, body: &str) -> String {
    let label = escape(label);
    match body.strip_prefix("<p>") {
        Some(rest) => format!("<p><strong>{label}:</strong> {rest}"),
        None => format!("<p><strong>{label}:</strong></p>\n{body}"),
    }
}

/// The events of `text`, with raw HTML turned into text and unsafe targets removed.
fn safe_events(text: &str) -> impl Iterator<Item = Event<'_>> {
    // Images whose opening was rewritten into a link need their end rewritten too; the
    // parser nests them properly, so a depth counter is enough.
    let mut image_depth = 0usize;
    // Links dropped for an unsafe target: their end tag is dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    Parser::new_ext(text, markdown::options()).filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = safe_target(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => match dropped_links.pop() {
            Some(true) => None,
            _ => Some(Event::End(TagEnd::Link)),
        },
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => {
            let safe = safe_target(&dest_url);
            image_depth += 1;
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Image) if image_depth > 0 => {
            image_depth -= 1;
            match dropped_links.pop() {
                Some(true) => None,
                _ => Some(Event::End(TagEnd::Link)),
            }
        }
        other => Some(other),
    })
}

/// Web, mail, in-page and relative targets; anything else (`javascript:`, `data:`,
/// `file:`) is not followed from an evidence packet.
fn safe_target(url: &CowStr<'_>) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if url[at..].starts_with(':') => {
            let scheme = url[..at].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Escapes text for HTML (for the few places the renderer writes text itself).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_never_passed_through() {
        let cases = [
            (
                "Fixed <script>alert(1)</script> in the form",
                "<p>Fixed &lt;script&gt;alert(1)&lt;/script&gt; in the form</p>",
            ),
            (
                "<div onclick=\"x()\">\nblock html\n</div>",
                "&lt;div onclick=\"x()\"&gt;\nblock html\n&lt;/div&gt;",
            ),
            ("<!-- a comment -->", "&lt;!-- a comment --&gt;"),
            ("a <b>bold</b> tag", "<p>a &lt;b&gt;bold&lt;/b&gt; tag</p>"),
        ];
        for (markdown_text, expected) in cases {
            assert_eq!(block(markdown_text), expected, "{markdown_text:?}");
        }
    }

    #[test]
    fn links_keep_safe_targets_and_images_fetch_nothing() {
        let cases = [
            (
                "[wiki](https://wiki.example.com/a)",
                "<p><a href=\"https://wiki.example.com/a\">wiki</a></p>",
            ),
            ("[doc](docs/a.md)", "<p><a href=\"docs/a.md\">doc</a></p>"),
            (
                "[mail](mailto:a@b.c)",
                "<p><a href=\"mailto:a@b.c\">mail</a></p>",
            ),
            ("[click](javascript:alert(1))", "<p>click</p>"),
            ("[x](JavaScript:alert(1))", "<p>x</p>"),
            (
                "![graph](https://img.example.com/g.png)",
                "<p><a href=\"https://img.example.com/g.png\">graph</a></p>",
            ),
            ("![pixel](data:image/png;base64,AAAA)", "<p>pixel</p>"),
        ];
        for (markdown_text, expected) in cases {
            assert_eq!(block(markdown_text), expected, "{markdown_text:?}");
        }
    }

    #[test]
    fn markdown_structure_renders() {
        assert_eq!(
            block("- one\n- **two**\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>"
        );
        assert_eq!(inline("p95 *fell* 40%"), "p95 <em>fell</em> 40%");
        assert_eq!(inline("one\n\ntwo"), "<p>one</p>\n<p>two</p>");
        assert_eq!(
            escape("<a href='x'>&</a>"),
            "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(
            labelled("R&D", "<p>done</p>"),
            "<p><strong>R&amp;D:</strong> done</p>"
        );
        assert_eq!(
            labelled("Actions", "<ul>\n<li>a</li>\n</ul>"),
            "<p><strong>Actions:</strong></p>\n<ul>\n<li>a</li>\n</ul>"
        );
    }
}
