//! `brag rm` and `brag amend`'s core: removing one entry, or writing it anew, so that
//! only that entry's bytes change. Pure, like the rest of `edit`: text in, a [`Change`]
//! out, proved by reading the result back: every other entry keeps its block, its
//! context and its exact text, and a rewritten entry reads back as asked.

use std::ops::Range;

use anyhow::{Result, anyhow, bail, ensure};

use super::draft::{Body, Draft};
use super::style::{self, Style};
use super::{Settings, verify};
use crate::diagnostic::Severity;
use crate::model::{Entry, FieldKey};
use crate::read::Reader;
use crate::read::entry::{self, Block};
use crate::read::outline::MarkKind;
use crate::read::parse::{self, Skeleton};

/// `src[range]` becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Range<usize>,
    pub text: String,
}

impl Change {
    pub fn apply(&self, src: &str) -> String {
        let mut out = String::with_capacity(src.len() + self.text.len());
        out.push_str(&src[..self.range.start]);
        out.push_str(&self.text);
        out.push_str(&src[self.range.end..]);
        out
    }

    /// The one change that turns `old` into `new`: what lies between their common
    /// start and their common end.
    pub fn between(old: &str, new: &str) -> Self {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let most = a.len().min(b.len()) - start;
        let end = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(most)
            .take_while(|(x, y)| x == y)
            .count();
        // Whole characters only.
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        let (mut old_end, mut new_end) = (a.len() - end, b.len() - end);
        while !old.is_char_boundary(old_end) || !new.is_char_boundary(new_end) {
            old_end += 1;
            new_end += 1;
        }
        Self {
            range: start..old_end,
            text: new[start..new_end].to_string(),
        }
    }
}

/// The block of the entry that starts at `start`, with its number.
fn block_at(skeleton: &Skeleton, start: usize) -> Result<(usize, &Block)> {
    skeleton
        .blocks
        .iter()
        .enumerate()
        .find(|(_, block)| block.span.start == start)
        .ok_or_else(|| anyhow!("no entry starts at byte {start}"))
}

/// The entry's bytes, from its heading (or bullet) to its last non-blank line: its
/// block, and for a heading entry the deeper headings that follow inside it.
fn extent(src: &str, skeleton: &Skeleton, block: &Block) -> Range<usize> {
    let end = match heading_level(src, block) {
        Some(level) => skeleton
            .marks
            .iter()
            .filter(|mark| mark.start > block.span.start)
            .find(|mark| match mark.kind {
                MarkKind::Heading(other) => other <= level,
                MarkKind::Bullet => skeleton.blocks.iter().any(|b| b.span.start == mark.start),
            })
            .map_or(src.len(), |mark| mark.start),
        None => block.span.end,
    };
    let end = end.max(block.span.end);
    block.span.start..style::last_content_end(src, block.span.start..end)
}

/// The level of a heading entry; `None` for a bullet entry.
fn heading_level(src: &str, block: &Block) -> Option<u8> {
    match block.shape {
        entry::Shape::Heading => {
            let line = src[block.title_line.clone()].trim_start();
            u8::try_from(line.bytes().take_while(|&b| b == b'#').count()).ok()
        }
        entry::Shape::Bullet | entry::Shape::Paragraph => None,
    }
}

/// Removes the entry that starts at `start`, with the blank lines that set it apart.
pub fn remove(src: &str, start: usize) -> Result<Change> {
    let skeleton = parse::skeleton(src);
    let (number, block) = block_at(&skeleton, start)?;
    let entry = extent(src, &skeleton, block);
    let after = style::last_content_end(src, entry.end..src.len());
    let range = if after > entry.end {
        // Up to the next line with content: the blank lines before the entry now
        // separate what preceded it from what followed it.
        let next = src[entry.end..]
            .split_inclusive('\n')
            .take_while(|line| style::is_blank(line))
            .map(str::len)
            .sum::<usize>();
        entry.start..entry.end + next
    } else {
        // The last entry: the blank lines before it go too, and a file that ended
        // without a line ending still does.
        let before = style::last_content_end(src, 0..entry.start);
        let from = if src.ends_with('\n') {
            before
        } else if src[..before].ends_with("\r\n") {
            before - 2
        } else if src[..before].ends_with('\n') {
            before - 1
        } else {
            before
        };
        from..src.len()
    };
    let change = Change {
        range,
        text: String::new(),
    };
    let new = change.apply(src);
    verify_others(src, &skeleton, &new, &change, number, None)?;
    Ok(change)
}

/// Writes the entry that starts at `start` anew from `draft`, in its place: its own
/// form (heading level or bullet) and the file's style. The draft's month must be the
/// entry's; [`amend`] moves an entry to another month.
pub fn rewrite(src: &str, start: usize, draft: &Draft) -> Result<Change> {
    let skeleton = parse::skeleton(src);
    let (number, block) = block_at(&skeleton, start)?;
    let entry = extent(src, &skeleton, block);
    let style = Style::detect(src, &skeleton, 0, entry.start);
    let (lines, expected) = super::render_entry(draft, &style, heading_level(src, block));
    let mut text = lines.join(style.eol);
    if src[..entry.end].ends_with('\n') {
        text.push_str(style.eol);
    }
    let change = Change { range: entry, text };
    let new = change.apply(src);
    verify_others(src, &skeleton, &new, &change, number, Some(&expected))?;
    Ok(change)
}

/// Rewrites the entry that starts at `start` from `draft`: in place when its date is
/// unchanged, else removed and added again under its new date's month, as `brag add`
/// places it. The one change that does both, and the line of the entry afterwards.
pub fn amend(
    src: &str,
    start: usize,
    draft: &Draft,
    settings: &Settings,
) -> Result<(Change, String)> {
    let reader = Reader::new(src);
    let old_date = reader
        .all()
        .into_iter()
        .find(|head| reader.start(head) == start)
        .and_then(|head| head.date);
    if old_date == Some(draft.date) {
        let change = rewrite(src, start, draft)?;
        let new = change.apply(src);
        return Ok((change, new));
    }
    let removed = remove(src, start)?.apply(src);
    let insertion = super::insert(&removed, draft, settings)?;
    let mut new = removed;
    new.insert_str(insertion.offset, &insertion.text);
    Ok((Change::between(src, &new), new))
}

/// Checks that `new` (`old` with `change`) holds every entry of `old` but block
/// `target` exactly as it was, in order, with the same context; and that in place of
/// `target` there is nothing (`expected` is `None`) or one entry that reads back as
/// `expected`, with no error.
fn verify_others(
    old: &str,
    old_skeleton: &Skeleton,
    new: &str,
    change: &Change,
    target: usize,
    expected: Option<&super::Expected>,
) -> Result<()> {
    let range = &change.range;
    ensure!(
        new.len() + range.len() == old.len() + change.text.len()
            && new.get(..range.start) == old.get(..range.start)
            && new.get(range.start + change.text.len()..) == old.get(range.end..),
        "the new text is not the old one with one entry changed"
    );
    let reader = Reader::new(new);
    let kept = old_skeleton.blocks.len() - usize::from(expected.is_none());
    ensure!(
        reader.blocks().len() == kept,
        "the change would change which entries the log holds"
    );
    let shift = |pos: usize| pos + change.text.len() - range.len();
    let mut news = reader.blocks().iter().enumerate();
    for (number, before) in old_skeleton.blocks.iter().enumerate() {
        if number == target {
            if let Some(expected) = expected {
                let Some((_, now)) = news.next() else {
                    bail!("the entry would not read back");
                };
                ensure!(
                    now.span.start == before.span.start,
                    "the entry would not read back in its place"
                );
                let mut diagnostics = Vec::new();
                let entry = entry::read(new, now, &mut diagnostics);
                verify::check_fields(&entry, expected)?;
                if let Some(error) = diagnostics.iter().find(|d| d.severity == Severity::Error) {
                    bail!("the entry would read with an error: {}", error.message);
                }
            }
            continue;
        }
        let Some((_, after)) = news.next() else {
            bail!("the change would lose the entry on line {}", before.line_no);
        };
        let moved = if before.span.start >= range.end {
            shift(before.span.start)
        } else {
            before.span.start
        };
        let same = after.shape == before.shape
            && after.context == before.context
            && after.span.start == moved
            && new[after.span.clone()].trim_end() == old[before.span.clone()].trim_end();
        ensure!(
            same,
            "the change would change the entry on line {}",
            before.line_no
        );
    }
    Ok(())
}

/// The draft that writes `entry` again as it reads: its title, date, tags, scope,
/// fields and notes, and its own `Period` and `Section` fields. An entry without a date
/// or a `Period` field that dates it needs one given.
pub fn draft_of(entry: &Entry<'_>) -> Result<Draft> {
    let has = |key| entry.fields.iter().any(|field| field.key == key);
    let labelled = entry.period.filter(|_| has(FieldKey::Period));
    let Some(date) = entry.date.or(labelled.map(|period| period.range.start)) else {
        bail!("{} has no date; give it one with --set-date", entry.id);
    };
    let mut draft = draft_on(entry, date)?;
    if let Some(period) = labelled {
        draft.dated_by(period);
    }
    if has(FieldKey::Section) {
        draft.section = entry.section.map(str::to_string);
    }
    Ok(draft)
}

/// The draft that writes `entry`'s title, tags, scope, fields and notes on `date`.
pub fn draft_on(entry: &Entry<'_>, date: chrono::NaiveDate) -> Result<Draft> {
    let mut draft = Draft::new(entry.title, date)?;
    draft.tags = entry.tags.iter().map(ToString::to_string).collect();
    draft.scope = entry.scope;
    draft.star = entry
        .star
        .map(|body| body.map(|text| Body::Text(text.to_string())));
    draft.fields = entry
        .other_fields()
        .map(|field| (field.label.to_string(), Body::Text(field.body.to_string())))
        .collect();
    draft.notes = entry.notes.iter().map(ToString::to_string).collect();
    Ok(draft)
}

/// `body` with `more` items after its own: a list's items stay items, other text
/// becomes the first item.
pub fn append(body: Option<Body>, more: &[String]) -> Option<Body> {
    let mut items = match body {
        None => Vec::new(),
        Some(Body::Items(items)) => items,
        Some(Body::Text(text)) => list_items(&text),
    };
    items.extend(
        more.iter()
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty()),
    );
    (!items.is_empty()).then_some(Body::Items(items))
}

/// The items of a Markdown list (`- a\n  more\n- b`), or the whole text as one item.
fn list_items(text: &str) -> Vec<String> {
    let marker = |line: &str| {
        ["- ", "* ", "+ "]
            .iter()
            .find_map(|mark| line.strip_prefix(mark))
            .map(str::to_string)
    };
    let mut items: Vec<String> = Vec::new();
    for (position, line) in text.lines().enumerate() {
        match (marker(line), items.last_mut()) {
            (Some(item), _) => items.push(item),
            (None, Some(last)) if position > 0 => {
                last.push('\n');
                last.push_str(line.strip_prefix("  ").unwrap_or(line));
            }
            _ => return vec![text.to_string()],
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "# Log\n\n## November 2026\n\n### One\n- **Date**: 2026-11-02\n\n\
        ### Two\n- **Date**: 2026-11-03\n- **Results**: 3x\n\nMore notes.\n\n\
        ### Three\n- **Date**: 2026-11-04\n";

    fn start_of(src: &str, title: &str) -> usize {
        src.find(title).expect("the title") - 4
    }

    #[test]
    fn removing_takes_the_entry_and_its_gap() {
        let cases = [
            ("### One", "# Log\n\n## November 2026\n\n### Two"),
            ("### Three", "More notes.\n"),
        ];
        for (title, expected) in cases {
            let change = remove(LOG, start_of(LOG, &title[4..])).expect("removed");
            let new = change.apply(LOG);
            assert!(!new.contains(title), "{new}");
            assert!(new.contains(expected), "{title}: {new:?}");
        }
        // Two's notes go with it.
        let new = remove(LOG, start_of(LOG, "Two"))
            .expect("removed")
            .apply(LOG);
        assert!(
            new.ends_with("- **Date**: 2026-11-02\n\n### Three\n- **Date**: 2026-11-04\n"),
            "{new:?}"
        );
        // A last line without a line ending stays without one.
        let open = LOG.trim_end();
        let new = remove(open, start_of(open, "Three"))
            .expect("removed")
            .apply(open);
        assert!(new.ends_with("More notes."), "{new:?}");
    }

    #[test]
    fn list_bodies_keep_their_items() {
        assert_eq!(list_items("- a\n  more\n- b"), ["a\nmore", "b"]);
        assert_eq!(list_items("p95 down\nby a lot"), ["p95 down\nby a lot"]);
        assert_eq!(
            append(Some(Body::Text("3x".into())), &["4x".into()]),
            Some(Body::Items(vec!["3x".into(), "4x".into()]))
        );
    }

    #[test]
    fn between_finds_the_changed_middle() {
        let change = Change::between("abcXYdef", "abcZdef");
        assert_eq!(
            change,
            Change {
                range: 3..5,
                text: "Z".into()
            }
        );
        assert_eq!(change.apply("abcXYdef"), "abcZdef");
        let change = Change::between("aéb", "aüb");
        assert_eq!(change.apply("aéb"), "aüb");
    }
}
