//! `brag list`'s Markdown and TSV: the entries' own text under month headings, and one
//! line an entry. (The table is `table`, JSON and YAML are `schema`.)

use std::io::Write;

use anyhow::Result;

use crate::model::Entry;

/// The TSV's first line.
pub const TSV_HEADER: &[u8] = b"id\tdate\tmonth\ttitle\ttags\tscope\tline\n";

/// The entries' own Markdown under month headings, so the output is itself a log.
pub fn markdown(out: &mut impl Write, text: &str, entries: &[Entry<'_>]) -> Result<()> {
    let mut month = None;
    for (position, entry) in entries.iter().enumerate() {
        if position == 0 || entry.month != month {
            if position > 0 {
                writeln!(out)?;
            }
            match entry.month {
                Some(m) => writeln!(out, "## {}\n", m.in_words())?,
                None => writeln!(out, "## Undated\n")?,
            }
            month = entry.month;
        } else {
            writeln!(out)?;
        }
        let markdown = text[entry.span.clone()].trim_end();
        for line in markdown.split('\n') {
            writeln!(out, "{}", line.strip_suffix('\r').unwrap_or(line))?;
        }
    }
    Ok(())
}

/// The TSV rows of `entries`; tabs and line breaks inside a value become spaces.
pub fn tsv_rows(entries: &[Entry<'_>]) -> Result<Vec<u8>> {
    let clean = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    let mut out = Vec::new();
    for entry in entries {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            entry.id,
            entry.date.map(|d| d.to_string()).unwrap_or_default(),
            entry.month.map(|m| m.to_string()).unwrap_or_default(),
            clean(entry.title),
            clean(&entry.tags.join(",")),
            entry.scope.map_or("", |s| s.as_str()),
            entry.line
        )?;
    }
    Ok(out)
}
