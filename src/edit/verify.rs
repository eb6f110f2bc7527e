//! The proof that an insertion did what it should and nothing else, by reading the new
//! text back: the bytes around the insertion are the old ones; every old entry keeps its
//! block and its context, and its text (in the month the insertion edits, where a
//! slip would show, it is read and must read exactly as before); and the new entry
//! reads back once, in its month, with the fields the person gave and no error.
//!
//! An entry reads from its block's text and context alone, so these checks also prove
//! that no old entry gains an error: the log's other diagnostics come from its headings,
//! which the insertion leaves as they were.

use anyhow::{Result, anyhow, bail, ensure};

use crate::diagnostic::Severity;
use crate::edit::{Expected, Plan};
use crate::model::{Entry, Scope, Star, YearMonth};
use crate::read::Reader;
use crate::read::entry;
use crate::read::heading::PeriodHeading;
use crate::read::parse::Skeleton;
use crate::render::schema;
use crate::text;

/// What verification learnt about the new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub id: String,
    /// 1-based line of the entry's heading (or bullet) in the new text.
    pub line: usize,
}

/// Checks `new` (`old` with `plan` applied) against `old`, read as `old_skeleton`.
pub fn verify(old: &str, old_skeleton: &Skeleton, new: &str, plan: &Plan) -> Result<Verified> {
    let added = verify_all(
        old,
        old_skeleton,
        new,
        &[(plan.offset, plan.text.as_str())],
        &[&plan.expected],
    )?;
    added
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("the new text would not read as an entry"))
}

/// [`verify`] for several insertions at once: `new` is `old` with each of `insertions`
/// (text at its offset in `old`, in order) inserted, and the new entries, in the order
/// they stand in `new`, must read back as `expected`. One pass, however many entries
/// went in: a month's worth of imported entries is checked once, not once per entry.
pub fn verify_all(
    old: &str,
    old_skeleton: &Skeleton,
    new: &str,
    insertions: &[(usize, &str)],
    expected: &[&Expected],
) -> Result<Vec<Verified>> {
    ensure!(
        is_old_with(old, new, insertions),
        "the new text is not the old one with one insertion"
    );
    // Each insertion's offset in `old`, the bytes and lines inserted up to and including
    // it, and its range in `new`.
    let mut inserted = Vec::with_capacity(insertions.len());
    let (mut bytes, mut lines) = (0, 0);
    for &(at, text) in insertions {
        bytes += text.len();
        lines += text::newlines(text.as_bytes());
        inserted.push((at, bytes, lines, at + bytes - text.len()..at + bytes));
    }
    // What an old position moves by: every insertion at or before it.
    let moved = |pos: usize| match inserted.partition_point(|&(at, ..)| at <= pos) {
        0 => (0, 0),
        count => (inserted[count - 1].1, inserted[count - 1].2),
    };
    let reader = Reader::new(new);
    let blocks = reader.blocks();
    let is_new = |start: usize| {
        let count = inserted.partition_point(|(.., range)| range.start <= start);
        count > 0 && inserted[count - 1].3.contains(&start)
    };
    let added: Vec<usize> = (0..blocks.len())
        .filter(|&number| is_new(blocks[number].span.start))
        .collect();
    ensure!(
        added.len() >= expected.len(),
        "the new text would not read as an entry"
    );
    ensure!(
        added.len() == expected.len(),
        "the new text would read as more than one entry"
    );
    ensure!(
        blocks.len() == old_skeleton.blocks.len() + expected.len(),
        "the insertion would change which entries the log holds"
    );
    let others = blocks
        .iter()
        .enumerate()
        .filter(|&(number, _)| !is_new(blocks[number].span.start));
    for (before, (other, after)) in old_skeleton.blocks.iter().zip(others) {
        let (bytes, lines) = moved(before.span.start);
        let (title_bytes, _) = moved(before.title_line.start);
        let same_block = after.shape == before.shape
            && after.context == before.context
            && after.span.start == before.span.start + bytes
            && after.title_line.start == before.title_line.start + title_bytes
            && after.line_no == before.line_no + lines
            && section_of(new, after) == section_of(old, before);
        ensure!(
            same_block,
            "the insertion would change the entry on line {}",
            before.line_no
        );
        // Where the insertions land, read each entry and compare; elsewhere, its text.
        let edited = expected
            .iter()
            .any(|expected| after.context.month == Some(expected.month));
        if edited {
            let was = entry::read(old, before, &mut Vec::new());
            let now = entry::read(new, &blocks[other], &mut Vec::new());
            ensure!(
                Reading::of(&was) == Reading::of(&now),
                "the insertion would change how the entry on line {} reads",
                before.line_no
            );
        } else {
            ensure!(
                new[after.span.clone()].trim_end() == old[before.span.clone()].trim_end(),
                "the insertion would change the entry on line {}",
                before.line_no
            );
        }
    }
    let mut out = Vec::with_capacity(added.len());
    for (&number, expected) in added.iter().zip(expected) {
        let mut diagnostics = Vec::new();
        let entry = entry::read(new, &blocks[number], &mut diagnostics);
        check_fields(&entry, expected)?;
        if let Some(error) = diagnostics.iter().find(|d| d.severity == Severity::Error) {
            bail!("the new entry would read with an error: {}", error.message);
        }
        let id = reader
            .head_of_block(number)
            .map(|head| reader.id(head))
            .unwrap_or_default();
        out.push(Verified {
            id,
            line: blocks[number].line_no,
        });
    }
    Ok(out)
}

/// The name of the section (a category such as `Projects`) a block is filed under.
fn section_of<'s>(src: &'s str, block: &entry::Block) -> Option<&'s str> {
    block.section.and_then(|(start, end)| src.get(start..end))
}

/// Whether `new` is `old` with `insertions` (text at an offset in `old`, in order).
fn is_old_with(old: &str, new: &str, insertions: &[(usize, &str)]) -> bool {
    let (mut from, mut at_new) = (0, 0);
    for &(at, text) in insertions {
        let Some(kept) = old.get(from..at) else {
            return false;
        };
        let end = at_new + kept.len();
        if new.get(at_new..end) != Some(kept) || new.get(end..end + text.len()) != Some(text) {
            return false;
        }
        (from, at_new) = (at, end + text.len());
    }
    new.get(at_new..) == old.get(from..)
}

/// What an entry reads as (what the schema shows of it), without where it stands: an
/// insertion may shift its bytes and its line.
#[derive(Debug, PartialEq, Eq)]
struct Reading<'e> {
    title: &'e str,
    date: Option<chrono::NaiveDate>,
    month: Option<YearMonth>,
    /// The period and the section it is filed under: an insertion that moves an old
    /// entry into the new month, or out of its category, changes these.
    period: Option<PeriodHeading>,
    section: Option<&'e str>,
    tags: &'e [&'e str],
    scope: Option<Scope>,
    star: Star<Option<String>>,
    other: Vec<(&'e str, String)>,
    notes: Option<String>,
}

impl<'e> Reading<'e> {
    fn of(entry: &'e Entry<'_>) -> Self {
        Self {
            title: entry.title,
            date: entry.date,
            month: entry.month,
            period: entry.period,
            section: entry.section,
            tags: &entry.tags,
            scope: entry.scope,
            star: entry.star.map(|text| text.map(|text| text.to_string())),
            other: entry
                .other_fields()
                .map(|field| (field.label, field.body.to_string()))
                .collect(),
            notes: schema::notes(entry),
        }
    }
}

/// The new entry's fields against what the person gave.
pub(super) fn check_fields(entry: &Entry<'_>, expected: &Expected) -> Result<()> {
    let other: Vec<(String, String)> = entry
        .other_fields()
        .map(|field| (field.label.to_string(), field.body.to_string()))
        .collect();
    let mut checks: Vec<(&str, String, String)> = vec![
        (
            "title",
            shown(Some(entry.title)),
            shown(Some(&expected.title)),
        ),
        (
            "section",
            shown(entry.section),
            shown(expected.section.as_ref()),
        ),
        (
            "tags",
            format!("{:?}", entry.tags),
            format!("{:?}", expected.tags),
        ),
        ("scope", shown(entry.scope), shown(expected.scope)),
    ];
    let star = &entry.star;
    checks.extend(expected.star.iter().map(|(key, wanted)| {
        let got = star
            .get(key)
            .copied()
            .flatten()
            .map(|text| text.to_string());
        (key.name(), shown(got), shown(wanted.as_ref()))
    }));
    checks.push((
        "fields",
        format!("{other:?}"),
        format!("{:?}", expected.fields),
    ));
    checks.push((
        "notes",
        shown(schema::notes(entry)),
        shown(expected.notes.as_ref()),
    ));
    // A period that dates the entry gives it its date and month, as the reader's rule
    // for a `Period` field says; a date gives them directly.
    match expected.period {
        Some(period) => checks.push(("period", shown(entry.period), shown(Some(period)))),
        None => checks.extend([
            ("date", shown(entry.date), shown(Some(expected.date))),
            ("month", shown(entry.month), shown(Some(expected.month))),
        ]),
    }
    for (what, got, wanted) in checks {
        ensure!(
            got == wanted,
            "the new entry would read back with {what} {got}, not {wanted}"
        );
    }
    Ok(())
}

/// A value for a message: quoted, or `none`; never Rust's `Some(...)`.
fn shown(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(
        || "none".to_string(),
        |value| format!("{:?}", value.to_string()),
    )
}
