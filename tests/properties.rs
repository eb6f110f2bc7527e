//! Properties of the reader, over arbitrary text and generated logs mixing every variant.

use std::collections::HashSet;

use brag::{entry, outline, parse};
use proptest::prelude::*;

/// Lines drawn from every construct the reader has a rule for, so that generated
/// documents put them next to each other in every order.
const LINES: &[&str] = &[
    "# Achievement log",
    "## November 2026",
    "## Nov 2026",
    "### 2026-11",
    "## 11/2026",
    "## [November 2026]",
    "## 🚀 **May 2027** (promo)",
    "## 2026",
    "### Q3 (Jul-Sep)",
    "## 2026-H1",
    "#### Apr",
    "### Week of 2026-11-02",
    "### Friday 2026-11-06",
    "## Nov 31 2026",
    "## April",
    "### Cut p95 latency by 40%",
    "### 2026-11-03 Shipped the importer",
    "#### Fixed the loop (2026-11-09)",
    "### Projects",
    "#### Situation",
    "#### Results",
    "- **Date**: 2026-11-03",
    "- **Date**: 6/1",
    "- **Date**: someday",
    "- **Tags**: performance, search",
    "- **Scope**: project",
    "- **Scope**: galaxy",
    "- **Situation**: slow search",
    "- **Situation:** inside",
    "Situation: plain",
    "**Context**：fullwidth",
    "**Impact** — 40%",
    "**S:** letter",
    "R: 3 wins",
    "- **Actions**:",
    "  - nested action",
    "    - deeper",
    "- **Results**: p95 fell 40%",
    "- **Links**: [x](https://example.com)",
    "- **Shipped dark mode** (2026-11-03): 40% adoption",
    "- **Mentored Ana**",
    "- plain bullet",
    "* **Star bullet**",
    "A paragraph of notes.",
    "Date: 2026-11-05",
    "when it rained",
    "```",
    "```sh",
    "~~~",
    "  ```",
    "   ~~~~",
    "<!--",
    "-->",
    "<!-- one line -->",
    "  <!--",
    "<div>",
    "</div>",
    "---",
    "...",
    "| a | b |",
    "| --- | --- |",
    "[ref]:",
    "[ref]: /url 'title",
    "> quoted",
    "    indented code",
    "\t- tabbed",
    "-\t**Tags**: tabs",
    "#",
    "####### seven",
    "Setext title",
    "===",
    "",
    "",
    "",
];

fn document() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(0..LINES.len(), 0..60),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(picks, crlf, bom, final_newline)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str(
                &picks
                    .iter()
                    .map(|&i| LINES[i])
                    .collect::<Vec<_>>()
                    .join(newline),
            );
            if final_newline {
                text.push_str(newline);
            }
            text
        })
}

/// The properties every log must have, whatever its text.
fn check_log(src: &str) {
    let body = outline::body_start(src);
    if let Some(fast) = outline::scan_fast(src, body) {
        assert_eq!(
            fast,
            outline::scan_reference(src, body),
            "fast scan differs from pulldown-cmark"
        );
    }
    let log = parse::parse(src);
    let mut ids = HashSet::new();
    for entry in &log.entries {
        assert!(ids.insert(entry.id.clone()), "duplicate id {}", entry.id);
        let block = &src[entry.span.clone()];
        let first_line = block.lines().next().unwrap_or("");
        assert!(
            first_line.starts_with('#') || outline::is_bold_bullet(first_line.as_bytes()),
            "entry span starts with {first_line:?}"
        );
        assert!(
            first_line.contains(entry.title),
            "{first_line:?} lacks title {:?}",
            entry.title
        );
        assert_eq!(log.src.lines().count() >= entry.line, true);
    }
    for block in &parse::skeleton(src).blocks {
        let (_, title_date) = entry::title(src, block);
        if let Some(quick) = entry::quick_date(src, block, title_date) {
            let read = entry::read(src, block, &mut Vec::new());
            assert_eq!(quick, read.date, "quick date differs for {:?}", read.title);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_reader_never_panics_on_arbitrary_text(src in "\\PC*") {
        check_log(&src);
    }

    #[test]
    fn the_reader_never_panics_on_markdown_like_bytes(src in "[#\\-* `~<>!|\\[\\]:\n\r\tA-Za-z0-9]{0,400}") {
        check_log(&src);
    }

    #[test]
    fn generated_logs_mixing_every_variant_read_consistently(src in document()) {
        check_log(&src);
    }
}

/// The fast path must be taken on the shape the generator writes, or it proves nothing.
#[test]
fn the_canonical_log_takes_the_fast_path() {
    let src = std::fs::read_to_string("tests/fixtures/canonical.md").expect("fixture");
    assert!(outline::scan_fast(&src, 0).is_some());
    let skeleton = parse::skeleton(&src);
    for block in &skeleton.blocks {
        let (_, title_date) = entry::title(&src, block);
        assert!(entry::quick_date(&src, block, title_date).is_some());
    }
}
