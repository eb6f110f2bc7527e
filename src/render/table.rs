//! The human listing: one line per entry with its date, title and tags.

use std::io::Write;

use anyhow::Result;

use crate::model::Entry;

/// `2026-11-03  Cut p95 search latency by 40%  #performance #search`
pub fn write(out: &mut impl Write, entries: &[Entry<'_>]) -> Result<()> {
    for entry in entries {
        let date = entry.date.map_or_else(
            || "undated   ".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        write!(out, "{date}  {}", entry.title)?;
        for tag in &entry.tags {
            write!(out, "  #{tag}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
