//! The public JSON/YAML entry schema, as a serde view over the internal model.
//!
//! Keys, in order: `id`, `date` (`YYYY-MM-DD` or null), `month` (`YYYY-MM` or null),
//! `period` (the most precise period the log gives: `2025`, `2025-H1`, `2025-Q3`,
//! `2025-11`, `2025-W14`, `2025-11-03`, `2024-08..2024-09`, or null), `section` (the
//! heading that is not a period the entry is filed under, or null), `title`, `tags`, `scope` (or null), `situation`, `task`, `actions`, `results` (each
//! the field's Markdown, trimmed, or null), `fields` (other label -> Markdown), `notes`
//! (free text in the entry, or null), `line` (1-based line of the entry's heading).

use std::borrow::Borrow;

use anyhow::Result;
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::model::{Entry, Text};

/// One entry in the public schema, over a borrowed or owned entry.
#[derive(Debug, Clone, Copy)]
pub struct EntryView<E>(pub E);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A date or month as its ISO text (`2026-11-03`, `2026-11`), written without allocating.
struct Iso<T>(T);

impl<T: std::fmt::Display> Serialize for Iso<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// `fields`: other labels in source order; a label written twice has its bodies joined.
struct OtherFields<'e, 'a>(&'e Entry<'a>);

impl Serialize for OtherFields<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut merged: Vec<(&str, String)> = Vec::new();
        for field in self.0.other_fields() {
            let body = field.body.to_string();
            match merged.iter_mut().find(|(label, _)| *label == field.label) {
                Some((_, existing)) => {
                    existing.push_str("\n\n");
                    existing.push_str(&body);
                }
                None => merged.push((field.label, body)),
            }
        }
        let mut map = serializer.serialize_map(Some(merged.len()))?;
        for (label, body) in &merged {
            map.serialize_entry(label, body)?;
        }
        map.end()
    }
}

/// `notes`: the pieces of free text, joined by a blank line, or null.
pub fn notes(entry: &Entry<'_>) -> Option<String> {
    (!entry.notes.is_empty()).then(|| {
        entry
            .notes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

impl<'a, E: Borrow<Entry<'a>>> Serialize for EntryView<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.0.borrow();
        let mut out = serializer.serialize_struct("Entry", 15)?;
        out.serialize_field("id", &entry.id)?;
        out.serialize_field("date", &entry.date.map(Iso))?;
        out.serialize_field("month", &entry.month.map(Iso))?;
        out.serialize_field("period", &entry.period.map(Iso))?;
        out.serialize_field("section", &entry.section)?;
        out.serialize_field("title", entry.title)?;
        out.serialize_field("tags", &entry.tags)?;
        out.serialize_field("scope", &entry.scope.map(|s| s.as_str()))?;
        for (key, text) in entry.star.iter() {
            out.serialize_field(key.name(), text)?;
        }
        out.serialize_field("fields", &OtherFields(entry))?;
        out.serialize_field("notes", &notes(entry))?;
        out.serialize_field("line", &entry.line)?;
        out.end()
    }
}

/// The start of a JSON array that [`json_items`] fills; `[]` when there is nothing.
pub fn json_open(count: usize) -> &'static [u8] {
    if count == 0 { b"[]\n" } else { b"[\n" }
}

/// The end of a JSON array opened by [`json_open`].
pub fn json_close(count: usize) -> &'static [u8] {
    if count == 0 { b"" } else { b"\n]\n" }
}

/// Entries as pretty-printed JSON array items; `first` is the position of the first,
/// so that every item after the very first is preceded by a comma.
pub fn json_items<'a>(first: usize, entries: &[Entry<'a>]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(entries.len() * 1024);
    for (offset, entry) in entries.iter().enumerate() {
        if first + offset > 0 {
            out.extend_from_slice(b",\n");
        }
        json_item(&mut out, entry)?;
    }
    Ok(out)
}

/// One entry as a pretty-printed JSON array item (indented two spaces), appended to `out`.
pub fn json_item(out: &mut Vec<u8>, entry: &Entry<'_>) -> Result<()> {
    // Pretty-print a one-item array and keep the item: it comes out indented as an
    // array item, exactly as serde_json prints the whole array.
    let start = out.len();
    serde_json::to_writer_pretty(&mut *out, &[EntryView(entry)])?;
    out.truncate(out.len() - 2); // "\n]"
    out.drain(start..start + 2); // "[\n"
    Ok(())
}

/// Entries as YAML sequence items (one-item sequences concatenate into one sequence).
pub fn yaml_items<'a>(entries: &[Entry<'a>]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(entries.len() * 1024);
    for entry in entries {
        serde_yaml::to_writer(&mut out, &[EntryView(entry)])?;
    }
    Ok(out)
}
