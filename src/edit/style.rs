//! The file's own style, read near where the new entry goes, so that the entry looks
//! like its neighbours: line endings, entry form and heading depth, label style, label
//! words, bullet character and blank-line gaps. Each is copied where the nearby entries
//! agree (a strict majority); otherwise the canonical form is used.

use std::ops::Range;

use crate::model::FieldKey;
use crate::read::entry::{self, Shape};
use crate::read::label;
use crate::read::outline;
use crate::read::parse::Skeleton;
use crate::text;

/// How a field label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelForm {
    /// `**Situation**:` (canonical)
    ColonOutside,
    /// `**Situation:**`
    ColonInside,
    /// `Situation:` (known labels only; other labels stay bold)
    Plain,
}

/// How an entry opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryForm {
    /// A heading `depth` levels below its month heading.
    Heading { depth: u8 },
    /// `- **Title**`, with its fields nested.
    Bullet,
}

/// What a new entry copies from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    pub eol: &'static str,
    pub label: LabelForm,
    pub bullet: char,
    /// The file's word for a field where it uses another (`Impact` for Results).
    pub words: Vec<(FieldKey, String)>,
    /// For a month that holds no entry yet.
    pub entry: EntryForm,
    /// Bullet entries carry their date in the title line: `- **Title** (2026-11-03)`.
    pub bullet_date_in_title: bool,
    /// Bullet entries open with a bold title (`- **Title**`), not a plain one
    /// (`- Title`).
    pub bullet_bold: bool,
    /// Blank lines between heading entries, and between bullet entries.
    pub gap_heading_entries: usize,
    pub gap_bullet_entries: usize,
    /// Blank lines between an entry's heading and its first field.
    pub gap_after_title: usize,
    /// Blank lines before and after a period (month, year, quarter) heading.
    pub gap_before_period: usize,
    pub gap_after_period: usize,
}

impl Default for Style {
    /// The canonical shape of DESIGN.md.
    fn default() -> Self {
        Self {
            eol: "\n",
            label: LabelForm::ColonOutside,
            bullet: '-',
            words: Vec::new(),
            entry: EntryForm::Heading { depth: 1 },
            bullet_date_in_title: false,
            bullet_bold: true,
            gap_heading_entries: 1,
            gap_bullet_entries: 0,
            gap_after_title: 0,
            gap_before_period: 1,
            gap_after_period: 1,
        }
    }
}

/// How many entries (and period headings) on each side of the insertion point to read.
const SAMPLE: usize = 8;

impl Style {
    /// The file's style around byte `near` (where the entry goes), from what lies
    /// after `from`.
    pub fn detect(src: &str, skeleton: &Skeleton, from: usize, near: usize) -> Self {
        let canonical = Self::default();
        let mut samples = Samples::default();
        let blocks = &skeleton.blocks;
        let first = blocks.partition_point(|block| block.span.start < from);
        let at = blocks.partition_point(|block| block.span.start < near);
        let nearby = at.saturating_sub(SAMPLE).max(first)..(at + SAMPLE).min(blocks.len());
        for index in nearby {
            let block = &blocks[index];
            let adjacent = blocks
                .get(index + 1)
                .is_some_and(|next| next.span.start == block.span.end);
            samples.block(src, skeleton, block, adjacent);
        }
        let periods = &skeleton.periods;
        let first = periods.partition_point(|period| period.heading.start < from);
        let at = periods.partition_point(|period| period.heading.start < near);
        let body_start = outline::body_start(src).max(from);
        let nearby = at.saturating_sub(SAMPLE).max(first)..(at + SAMPLE).min(periods.len());
        // The gaps brag writes are between a period heading and an entry, either way
        // round: those are the ones measured.
        let is_period = |line: usize| {
            periods
                .binary_search_by_key(&line, |period| period.heading.start)
                .is_ok()
        };
        for period in &periods[nearby] {
            let (gap, next) = gap_after(src, period.heading.end);
            if next.is_some_and(|next| !is_period(next)) {
                samples.after_period.push(gap);
            }
            let start = period.heading.start;
            if has_content(src, body_start.min(start)..start) {
                let content = last_content_end(src, body_start.min(start)..start);
                let previous = text::line_start(src, content.saturating_sub(1));
                if !is_period(previous) {
                    samples
                        .before_period
                        .push(blank_lines_between(src, content, start));
                }
            }
        }
        let mut words = Vec::new();
        for key in [
            FieldKey::Date,
            FieldKey::Tags,
            FieldKey::Scope,
            FieldKey::Situation,
            FieldKey::Task,
            FieldKey::Actions,
            FieldKey::Results,
        ] {
            let used: Vec<&str> = samples
                .words
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, word)| word.as_str())
                .collect();
            if let Some(word) = majority(&used) {
                words.push((key, word.to_string()));
            }
        }
        Self {
            eol: eol_near(src, near),
            label: majority(&samples.labels).unwrap_or(canonical.label),
            bullet: majority(&samples.bullets).unwrap_or(canonical.bullet),
            words,
            entry: majority(&samples.forms).unwrap_or(canonical.entry),
            bullet_date_in_title: majority(&samples.bullet_dates)
                .unwrap_or(canonical.bullet_date_in_title),
            bullet_bold: majority(&samples.bullet_bold).unwrap_or(canonical.bullet_bold),
            gap_heading_entries: majority(&samples.heading_gaps)
                .unwrap_or(canonical.gap_heading_entries),
            gap_bullet_entries: majority(&samples.bullet_gaps)
                .unwrap_or(canonical.gap_bullet_entries),
            gap_after_title: majority(&samples.after_title).unwrap_or(canonical.gap_after_title),
            // Where one of the two is not shown, the other says how airy the file is.
            gap_before_period: majority(&samples.before_period)
                .or(majority(&samples.after_period))
                .unwrap_or(canonical.gap_before_period),
            gap_after_period: majority(&samples.after_period)
                .or(majority(&samples.before_period))
                .unwrap_or(canonical.gap_after_period),
        }
    }

    /// The word for a field: the file's, else the canonical one.
    pub fn word(&self, key: FieldKey) -> &str {
        if let Some((_, word)) = self.words.iter().find(|(k, _)| *k == key) {
            return word;
        }
        key.label()
    }

    /// A label as this file writes it; `known` says whether the reader knows the word
    /// (plain labels are only read for known words, so others stay bold).
    pub fn label_text(&self, word: &str, known: bool) -> String {
        match self.label {
            LabelForm::ColonInside => format!("**{word}:**"),
            LabelForm::Plain if known => format!("{word}:"),
            LabelForm::ColonOutside | LabelForm::Plain => format!("**{word}**:"),
        }
    }
}

/// What the sampled entries and headings do.
#[derive(Debug, Default)]
struct Samples {
    labels: Vec<LabelForm>,
    bullets: Vec<char>,
    words: Vec<(FieldKey, String)>,
    forms: Vec<EntryForm>,
    bullet_dates: Vec<bool>,
    bullet_bold: Vec<bool>,
    heading_gaps: Vec<usize>,
    bullet_gaps: Vec<usize>,
    after_title: Vec<usize>,
    before_period: Vec<usize>,
    after_period: Vec<usize>,
}

impl Samples {
    fn block(&mut self, src: &str, skeleton: &Skeleton, block: &entry::Block, adjacent: bool) {
        let content_end = last_content_end(src, block.span.clone());
        match block.shape {
            Shape::Heading => {
                let level = heading_level(&src[block.title_line.clone()]);
                let month = skeleton
                    .months
                    .iter()
                    .rfind(|month| month.span.contains(&block.span.start));
                if let Some(month) = month.filter(|month| month.level < level) {
                    self.forms.push(EntryForm::Heading {
                        depth: level - month.level,
                    });
                }
                let after = block.title_line.end;
                if has_content(src, after..block.span.end) {
                    self.after_title.push(blank_lines_after(src, after));
                }
                if adjacent {
                    self.heading_gaps
                        .push(blank_lines_between(src, content_end, block.span.end));
                }
            }
            Shape::Bullet => {
                self.forms.push(EntryForm::Bullet);
                // A numbered item's number is no marker `brag add` can copy.
                if let Some(&marker @ (b'-' | b'*' | b'+')) =
                    src.as_bytes().get(block.title_line.start)
                {
                    self.bullets.push(marker as char);
                }
                self.bullet_dates.push(entry::title(src, block).1.is_some());
                if block.table.is_none() {
                    self.bullet_bold
                        .push(entry::is_bold_item(&src[block.title_line.clone()]));
                }
                if adjacent {
                    self.bullet_gaps
                        .push(blank_lines_between(src, content_end, block.span.end));
                }
            }
            // `brag add` writes headings and bullets; a paragraph entry's labels still
            // count below.
            Shape::Paragraph => {}
        }
        let entry = entry::read(src, block, &mut Vec::new());
        for field in &entry.fields {
            let line = outline::line_at(src.as_bytes(), text::line_start(src, field.span.start));
            let text = src[line].trim_start_matches([' ', '\t']);
            let rest = match text.as_bytes() {
                [marker @ (b'-' | b'*' | b'+'), b' ', ..] => {
                    self.bullets.push(*marker as char);
                    text[2..].trim_start()
                }
                [b'#', ..] => continue,
                _ => text,
            };
            if let Some(form) = label_form(rest) {
                self.labels.push(form);
            }
            if field.key != FieldKey::Other && field.label.chars().count() > 1 {
                let key = label::key_of(field.label).unwrap_or(field.key);
                self.words.push((key, field.label.to_string()));
            }
        }
    }
}

/// The label form of a field line (after its list marker).
fn label_form(rest: &str) -> Option<LabelForm> {
    for delimiter in ["**", "__"] {
        if let Some(inner) = rest.strip_prefix(delimiter) {
            let close = inner.find(delimiter)?;
            if inner[..close].ends_with([':', '：']) {
                return Some(LabelForm::ColonInside);
            }
            let after = &inner[close + delimiter.len()..];
            return after
                .starts_with([':', '：'])
                .then_some(LabelForm::ColonOutside);
        }
    }
    label::detect(rest)
        .is_some_and(|found| rest[found.text.len()..].starts_with([':', '：']))
        .then_some(LabelForm::Plain)
}

/// The value more than half of the samples share.
fn majority<T: PartialEq + Copy>(samples: &[T]) -> Option<T> {
    samples.iter().copied().find(|candidate| {
        samples.iter().filter(|sample| *sample == candidate).count() * 2 > samples.len()
    })
}

/// The number of `#` that open an ATX heading line.
pub fn heading_level(line: &str) -> u8 {
    line.bytes().take_while(|&b| b == b'#').count().min(6) as u8
}

/// The line ending nearest before `pos` (else after it); `\n` in a file with none.
pub fn eol_near(src: &str, pos: usize) -> &'static str {
    let bytes = src.as_bytes();
    let newline = memchr::memrchr(b'\n', &bytes[..pos])
        .or_else(|| memchr::memchr(b'\n', &bytes[pos..]).map(|at| pos + at));
    match newline {
        Some(at) if at > 0 && bytes[at - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Whether a line holds nothing but whitespace (a BOM counts as whitespace).
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// Whether `src[range]` holds a non-blank line.
pub fn has_content(src: &str, range: Range<usize>) -> bool {
    !is_blank(&src[range])
}

/// After the last non-blank line in `src[range]` (after its line ending, or at the end of
/// a last line without one); `range.start` when there is none. `range` starts a line.
pub fn last_content_end(src: &str, range: Range<usize>) -> usize {
    let bytes = src.as_bytes();
    let mut end = range.end;
    while end > range.start {
        let line_end = if bytes[end - 1] == b'\n' {
            end - 1
        } else {
            end
        };
        let start = memchr::memrchr(b'\n', &bytes[range.start..line_end])
            .map_or(range.start, |at| range.start + at + 1);
        if !is_blank(&src[start..line_end]) {
            return end;
        }
        end = start;
    }
    range.start
}

/// Blank lines after the line that ends at `line_end` (its `\n`, or the end), up to the
/// next non-blank line or the end of the file.
pub fn blank_lines_after(src: &str, line_end: usize) -> usize {
    gap_after(src, line_end).0
}

/// [`blank_lines_after`], and where the next non-blank line starts.
fn gap_after(src: &str, line_end: usize) -> (usize, Option<usize>) {
    let bytes = src.as_bytes();
    let mut count = 0;
    let mut at = line_end + 1;
    while at < bytes.len() {
        let line = outline::line_at(bytes, at);
        if !is_blank(&src[line.clone()]) {
            return (count, Some(at));
        }
        count += 1;
        at = line.end + 1;
    }
    (count, None)
}

/// Blank lines between two line starts.
fn blank_lines_between(src: &str, from: usize, to: usize) -> usize {
    text::newlines(&src.as_bytes()[from.min(to)..to])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse;

    #[test]
    fn copies_what_the_neighbours_agree_on() {
        let src = "# Log\r\n\r\n## May 2026\r\n\r\n\r\n### A\r\n\r\n* **Situation:** s\r\n* **Impact:** 1\r\n\r\n### B\r\n\r\n* **Situation:** s\r\n* **Impact:** 2\r\n";
        let skeleton = parse::skeleton(src);
        let style = Style::detect(src, &skeleton, 0, src.len());
        assert_eq!(style.eol, "\r\n");
        assert_eq!(style.label, LabelForm::ColonInside);
        assert_eq!(style.bullet, '*');
        assert_eq!(style.word(FieldKey::Results), "Impact");
        assert_eq!(style.word(FieldKey::Situation), "Situation");
        assert_eq!(style.entry, EntryForm::Heading { depth: 1 });
        assert_eq!((style.gap_after_title, style.gap_heading_entries), (1, 1));
        assert_eq!((style.gap_before_period, style.gap_after_period), (1, 2));
    }

    #[test]
    fn an_even_split_keeps_the_canonical_form() {
        let src = "## May 2026\n### A\n- **S:** s\n- **T:** t\n### B\n- **Situation**: s\n- **Task**: t\n";
        let skeleton = parse::skeleton(src);
        assert_eq!(
            Style::detect(src, &skeleton, 0, 0).label,
            LabelForm::ColonOutside
        );
    }

    #[test]
    fn line_helpers() {
        let src = "a\n\n  \nb\n\n";
        assert_eq!(last_content_end(src, 0..src.len()), 8);
        assert_eq!(last_content_end(src, 0..3), 2);
        assert_eq!(last_content_end(src, 2..6), 2);
        assert_eq!(last_content_end("a\nb", 0..3), 3);
        assert_eq!(blank_lines_after(src, 1), 2);
        assert_eq!(blank_lines_after(src, 7), 1);
        assert_eq!(blank_lines_after("a", 1), 0);
        assert_eq!(eol_near("a\r\nb\nc", 6), "\n");
        assert_eq!(eol_near("a\r\nb\nc", 1), "\r\n");
    }
}
