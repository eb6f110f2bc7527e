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

/// Byte offsets to 1-based lines and columns, for one source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|at| at + 1));
        Self { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The 1-based line and 1-based character column of byte `offset` in `src`.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let offset = floor_char_boundary(src, offset);
        let column = src
            .get(start..offset)
            .map_or(0, |text| text.chars().count());
        (line, column + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text<'a>(&self, src: &'a str, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(src.len());
        let end = self.starts.get(line).map_or(src.len(), |&next| next - 1);
        src.get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

/// The largest char boundary at or before `offset`.
fn floor_char_boundary(src: &str, offset: usize) -> usize {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let src = "ab\r\nçd\n\nlast";
        let index = LineIndex::new(src);
        let cases = [
            (0, (1, 1)),
            (1, (1, 2)),
            (4, (2, 1)),
            (6, (2, 2)),
            (8, (3, 1)),
            (9, (4, 1)),
            (13, (4, 5)),
        ];
        for (offset, expected) in cases {
            assert_eq!(index.line_col(src, offset), expected, "offset {offset}");
        }
        assert_eq!(index.line_text(src, 1), "ab");
        assert_eq!(index.line_text(src, 2), "çd");
        assert_eq!(index.line_text(src, 3), "");
        assert_eq!(index.line_text(src, 4), "last");
    }
}
