//! `brag tags`: each tag with the number of entries that carry it, as a table, JSON or
//! a plain list of names.

use std::io::Write;

use anyhow::Result;

/// `count  tag  description`, counts right-aligned.
pub fn table<'d>(
    out: &mut impl Write,
    counts: &[(String, usize)],
    described: impl Fn(&str) -> Option<&'d str>,
) -> Result<()> {
    let width = counts
        .first()
        .map_or(1, |(_, count)| count.to_string().len());
    for (tag, count) in counts {
        let description = described(tag)
            .map(|description| format!("  {description}"))
            .unwrap_or_default();
        writeln!(out, "{count:>width$}  {tag}{description}")?;
    }
    Ok(())
}

/// `[{tag, count, description}, ...]`.
pub fn json<'d>(
    out: &mut impl Write,
    counts: &[(String, usize)],
    described: impl Fn(&str) -> Option<&'d str>,
) -> Result<()> {
    let rows: Vec<serde_json::Value> = counts
        .iter()
        .map(|(tag, count)| {
            serde_json::json!({"tag": tag, "count": count, "description": described(tag)})
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)?;
    Ok(())
}

/// One tag a line.
pub fn ids(out: &mut impl Write, counts: &[(String, usize)]) -> Result<()> {
    for (tag, _) in counts {
        writeln!(out, "{tag}")?;
    }
    Ok(())
}
