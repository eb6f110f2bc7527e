//! The one place that says which Markdown brag reads, plus offset-to-line helpers.
//!
//! Every pass over the log (the reference whole-document pass, the per-entry reader,
//! benchmarks) builds its parser with [`options`], so they all see the same Markdown.
//! YAML metadata blocks are deliberately *not* enabled: pulldown-cmark accepts a `---`
//! block anywhere in a document, so a log that separates months with `---` would lose
//! whole sections. brag strips front matter itself, only at the top of the file.

use pulldown_cmark::Options;

/// The Markdown extensions brag reads: GitHub tables, strikethrough and task lists.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}
