//! The JSON and YAML packets: an envelope around entries in the `brag list` schema.
//!
//! `{generated, title, audience, period: {since, until}, span, by, rubric, case,
//! highlights: [id, ...], scope_growth, groups: [{name, kind, description, also,
//! entries: [...]}], goals, next, review}`. serde writes the envelope with
//! a marker where each group's entries go; [`Frame`] cuts it there, and the entries go
//! into those places a chunk at a time as the reader streams them, indented to sit
//! where the marker stood, so the result is exactly what serde would print for the
//! whole value, without ever holding every entry.

use anyhow::{Result, bail};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::model::Entry;
use crate::render::packet::{Group, Packet};
use crate::render::schema;

/// Which data format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    Json,
    Yaml,
}

/// The envelope with a marker string in place of each group's entries; the ids of the
/// top wins.
struct Envelope<'p>(&'p Packet, &'p [String]);

struct Groups<'p>(&'p [Group]);

struct GroupWithMarker<'p>(usize, &'p Group);

fn marker(group: usize) -> String {
    format!("\u{1}brag entries {group}\u{1}")
}

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let packet = self.0;
        let mut map = serializer.serialize_map(Some(14))?;
        map.serialize_entry("generated", &packet.generated)?;
        map.serialize_entry("title", &packet.title)?;
        map.serialize_entry("audience", packet.audience)?;
        map.serialize_entry("period", &packet.period)?;
        map.serialize_entry("span", &packet.span)?;
        map.serialize_entry("by", packet.by)?;
        map.serialize_entry("rubric", &packet.rubric)?;
        map.serialize_entry("case", &packet.case)?;
        map.serialize_entry("highlights", self.1)?;
        map.serialize_entry("scope_growth", &packet.scope_growth)?;
        map.serialize_entry("groups", &Groups(&packet.groups))?;
        map.serialize_entry("goals", &packet.goals)?;
        map.serialize_entry("next", &packet.next)?;
        map.serialize_entry("review", &packet.review)?;
        map.end()
    }
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for (number, group) in self.0.iter().enumerate() {
            seq.serialize_element(&GroupWithMarker(number, group))?;
        }
        seq.end()
    }
}

impl Serialize for GroupWithMarker<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("name", &self.1.name)?;
        map.serialize_entry("kind", self.1.kind)?;
        map.serialize_entry("description", &self.1.description)?;
        map.serialize_entry("also", &self.1.also)?;
        map.serialize_entry("entries", &marker(self.0))?;
        map.end()
    }
}

/// The envelope's text around each group's entries.
#[derive(Debug)]
pub struct Frame {
    /// `pieces[g]` comes before group `g`'s entries; the last piece ends the document.
    pieces: Vec<String>,
    /// Spaces to put before each line of group `g`'s entries.
    indents: Vec<usize>,
    /// Position (in group order) of each group's first entry, and the total at the end.
    starts: Vec<usize>,
}

impl Frame {
    /// The envelope of `packet` (with `highlights`, the top wins' ids) cut at each
    /// group's place.
    pub fn new(packet: &Packet, highlights: &[String], data: DataFormat) -> Result<Self> {
        let text = match data {
            DataFormat::Json => serde_json::to_string_pretty(&Envelope(packet, highlights))? + "\n",
            DataFormat::Yaml => serde_yaml::to_string(&Envelope(packet, highlights))?,
        };
        let mut pieces = Vec::new();
        let mut indents = Vec::new();
        let mut rest = text.as_str();
        for number in 0..packet.groups.len() {
            let shown = match data {
                DataFormat::Json => serde_json::to_string(&marker(number))?,
                DataFormat::Yaml => serde_yaml::to_string(&marker(number))?
                    .trim_end()
                    .to_string(),
            };
            let Some(at) = rest.find(&shown) else {
                bail!("internal error: the {data:?} envelope lost group {number}'s place");
            };
            let before = &rest[..at];
            let line_start = crate::text::line_start(before, before.len());
            let indent = before[line_start..].len() - before[line_start..].trim_start().len();
            let before = match data {
                DataFormat::Json => format!("{before}[\n"),
                DataFormat::Yaml => format!("{}\n", before.trim_end_matches(' ')),
            };
            pieces.push(before);
            indents.push(indent);
            rest = &rest[at + shown.len()..];
            if data == DataFormat::Yaml {
                // The entries end with their own newline.
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
        }
        pieces.push(rest.to_string());
        let mut starts = Vec::with_capacity(packet.groups.len() + 1);
        let mut total = 0;
        for group in &packet.groups {
            starts.push(total);
            total += group.members.len();
        }
        starts.push(total);
        Ok(Self {
            pieces,
            indents,
            starts,
        })
    }

    /// The group holding the entry at `position`.
    fn group_of(&self, position: usize) -> usize {
        self.starts.partition_point(|&start| start <= position) - 1
    }

    /// What closes group `g`'s entries (JSON's `]`).
    fn close(&self, group: usize, data: DataFormat) -> String {
        match data {
            DataFormat::Json => format!("\n{}]", " ".repeat(self.indents[group])),
            DataFormat::Yaml => String::new(),
        }
    }

    /// Entries (at `first` and after, in group order) with the envelope text between them.
    pub fn entries(
        &self,
        first: usize,
        entries: &[Entry<'_>],
        data: DataFormat,
    ) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(entries.len() * 1200);
        let mut item = Vec::with_capacity(2048);
        for (offset, entry) in entries.iter().enumerate() {
            let position = first + offset;
            let group = self.group_of(position);
            if position == self.starts[group] {
                if group > 0 {
                    out.extend_from_slice(self.close(group - 1, data).as_bytes());
                }
                out.extend_from_slice(self.pieces[group].as_bytes());
            } else if data == DataFormat::Json {
                out.extend_from_slice(b",\n");
            }
            item.clear();
            match data {
                DataFormat::Json => schema::json_item(&mut item, entry)?,
                DataFormat::Yaml => item = schema::yaml_items(std::slice::from_ref(entry))?,
            }
            indent_into(&mut out, &item, self.indents[group]);
        }
        Ok(out)
    }

    /// What follows the last entry.
    pub fn end(&self, data: DataFormat) -> String {
        let groups = self.indents.len();
        match groups {
            0 => self.pieces[0].clone(),
            _ => self.close(groups - 1, data) + &self.pieces[groups],
        }
    }
}

/// Appends `text` to `out` with `indent` spaces before every non-empty line.
fn indent_into(out: &mut Vec<u8>, text: &[u8], indent: usize) {
    for line in text.split_inclusive(|&b| b == b'\n') {
        if line != b"\n" {
            out.extend(std::iter::repeat_n(b' ', indent));
        }
        out.extend_from_slice(line);
    }
}
