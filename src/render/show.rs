//! `brag show`: one entry in full, as text: title, facts, id and place, then each field.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::model::Entry;
use crate::render::schema;

/// The entry, its place given as `log_path:line`.
pub fn text(out: &mut impl Write, entry: &Entry<'_>, log_path: &Path) -> Result<()> {
    writeln!(out, "{}", entry.title)?;
    let mut facts = vec![
        entry
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string()),
    ];
    if let Some(scope) = entry.scope {
        facts.push(scope.to_string());
    }
    if !entry.tags.is_empty() {
        facts.push(
            entry
                .tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    writeln!(out, "{}", facts.join("  ·  "))?;
    writeln!(out, "{}  {}:{}", entry.id, log_path.display(), entry.line)?;
    let mut section = |name: &str, body: String| -> Result<()> {
        writeln!(out, "\n{name}")?;
        for line in body.lines() {
            writeln!(out, "  {line}")?;
        }
        Ok(())
    };
    for (key, text) in entry.star.iter() {
        if let Some(text) = text {
            section(key.label(), text.to_string())?;
        }
    }
    for field in entry.other_fields() {
        section(field.label, field.body.to_string())?;
    }
    if let Some(notes) = schema::notes(entry) {
        section("Notes", notes)?;
    }
    Ok(())
}
