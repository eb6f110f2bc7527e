//! Lines in a text: counting them, and byte offsets to 1-based lines and columns, in one
//! place. Three forms for three uses: [`newlines`] for one stretch, [`LineCounter`] for
//! increasing offsets in one pass (the reader's hot paths), [`LineIndex`] for lookups
//! in any order (diagnostics).

/// The line endings (`\n`) in `bytes`.
#[inline]
pub fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// The 1-based line holding byte `offset` of `bytes`.
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + newlines(&bytes[..offset.min(bytes.len())])
}

/// The start of the line holding byte `offset` of `src` (`offset` itself when it follows
/// a `\n`).
pub fn line_start(src: &str, offset: usize) -> usize {
    memchr::memrchr(b'\n', &src.as_bytes()[..offset]).map_or(0, |at| at + 1)
}

/// 1-based line numbers for increasing offsets, counting only the new bytes each time.
#[derive(Debug, Default)]
pub struct LineCounter {
    offset: usize,
    /// Newlines before `offset`.
    newlines: usize,
}

impl LineCounter {
    /// The 1-based line of `offset`, which is at or after the last one asked about.
    pub fn line_of(&mut self, src: &str, offset: usize) -> usize {
        if offset >= self.offset {
            self.newlines += newlines(&src.as_bytes()[self.offset..offset]);
            self.offset = offset;
        }
        self.newlines + 1
    }
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
    fn line_starts() {
        let src = "ab\r\ncd\n\nlast";
        let cases = [
            (0, 0),
            (2, 0),
            (3, 0),
            (4, 4),
            (6, 4),
            (7, 7),
            (8, 8),
            (12, 8),
        ];
        for (offset, expected) in cases {
            assert_eq!(line_start(src, offset), expected, "{offset}");
        }
    }

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

    #[test]
    fn the_three_forms_agree() {
        let src = "a\r\n\nb\nlonger line\n\nend";
        let index = LineIndex::new(src);
        let mut counter = LineCounter::default();
        for offset in 0..=src.len() {
            let line = index.line(offset);
            assert_eq!(line_of(src.as_bytes(), offset), line, "offset {offset}");
            assert_eq!(counter.line_of(src, offset), line, "offset {offset}");
        }
        assert_eq!(newlines(src.as_bytes()), 5);
        assert_eq!(line_of(src.as_bytes(), src.len() + 10), 6);
    }
}
