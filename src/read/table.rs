//! Tables of achievements: a GitHub table whose header names a date column (`Date`,
//! `When`, `Data`, `Fecha`, `Datum`) is a list of entries, one per row. The title is the
//! first description-like column (`Achievement`, `Description`, `What`, ...), else the
//! first other column; every other cell is a field under its column's name, so an
//! `Impact` column is the entry's Results.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{Entry, Field, FieldKey, Text};
use crate::read::dates::{self, ReadDate};
use crate::read::entry::{Block, Enclosing};
use crate::read::{label, outline};

/// Column names that say a column describes the achievement (compared folded).
const TITLE_WORDS: &[&[u8]] = &[
    b"achievement",
    b"achievements",
    b"accomplishment",
    b"description",
    b"what",
    b"title",
    b"win",
    b"wins",
    b"summary",
    b"conquista",
    b"descricao",
    b"descripcion",
    b"logro",
    b"beschreibung",
];

/// Where a table of achievements keeps its date and its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub date: usize,
    pub title: usize,
}

/// The cells of a table line, each trimmed, as byte ranges of `line` (outer pipes
/// dropped; an escaped `\|` stays inside its cell).
pub fn cells(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut bounds = vec![0];
    let mut escaped = false;
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\\' => escaped = !escaped,
            b'|' if !escaped => bounds.push(at),
            _ => escaped = false,
        }
        if byte != b'\\' {
            escaped = false;
        }
    }
    bounds.push(bytes.len());
    let mut cells: Vec<Range<usize>> = bounds
        .windows(2)
        .map(|pair| {
            let start = if pair[0] == 0 && bytes.first() != Some(&b'|') {
                0
            } else {
                pair[0] + 1
            };
            let cell = &line[start.min(pair[1])..pair[1]];
            let lead = cell.len() - cell.trim_start().len();
            start + lead..start + lead + cell.trim().len()
        })
        .collect();
    // `| a | b |`: nothing before the first pipe or after the last one.
    if line.trim_start().starts_with('|') && cells.first().is_some_and(|cell| cell.is_empty()) {
        cells.remove(0);
    }
    if line.trim_end().ends_with('|') && cells.last().is_some_and(|cell| cell.is_empty()) {
        cells.pop();
    }
    cells
}

/// The date and title columns of a header line; `None` when no column names a date or
/// no other column is left for the title.
pub fn columns(header: &str) -> Option<Columns> {
    let names: Vec<&str> = cells(header)
        .into_iter()
        .map(|cell| &header[cell])
        .collect();
    let key = |name: &str| label::key_of(name.trim_matches(['*', '_']));
    let date = names
        .iter()
        .position(|name| key(name) == Some(FieldKey::Date))?;
    let describes = |name: &&str| {
        let mut buffer = [0u8; 32];
        crate::words::fold(name.trim_matches(['*', '_']), &mut buffer)
            .is_some_and(|folded| TITLE_WORDS.contains(&folded))
    };
    let title = names
        .iter()
        .enumerate()
        .position(|(at, name)| at != date && describes(name))
        .or_else(|| (0..names.len()).find(|&at| at != date && key(names[at]).is_none()))?;
    Some(Columns { date, title })
}

/// A table of achievements at the start of `src[range]` (after blank lines): where its
/// header starts, where its header and delimiter lines end, and its rows' lines (each
/// without its line ending).
pub fn find(src: &str, range: Range<usize>) -> Option<(usize, usize, Vec<Range<usize>>)> {
    let bytes = src.as_bytes();
    let mut pos = range.start;
    // The header: the first non-blank line.
    let header = loop {
        if pos >= range.end {
            return None;
        }
        let line = outline::line_at(bytes, pos);
        if !src[line.clone()].trim().is_empty() {
            break line;
        }
        pos = line.end + 1;
    };
    let header_text = &src[header.clone()];
    if !header_text.contains('|') || header.end >= range.end {
        return None;
    }
    let delimiter = outline::line_at(bytes, header.end + 1);
    if !outline::is_table_delimiter(&bytes[delimiter.clone()]) {
        return None;
    }
    columns(header_text)?;
    let mut rows = Vec::new();
    let mut pos = delimiter.end + 1;
    while pos < range.end {
        let line = outline::line_at(bytes, pos);
        let text = src[line.clone()].trim();
        if text.is_empty() || !text.contains('|') {
            break;
        }
        rows.push(line.start..line.end.min(range.end));
        pos = line.end + 1;
    }
    Some((header.start, (delimiter.end + 1).min(src.len()), rows))
}

/// A row's title (its title cell) and date (its date cell).
pub fn row_title<'a>(
    src: &'a str,
    header: usize,
    row: &'a str,
    context: Enclosing,
) -> (&'a str, Option<NaiveDate>) {
    let header = &src[outline::line_at(src.as_bytes(), header)];
    let Some(columns) = columns(header) else {
        return (row.trim(), None);
    };
    let cells = cells(row);
    let cell = |at: usize| cells.get(at).map_or("", |cell| &row[cell.clone()]);
    let date = match dates::read(cell(columns.date), context.year, context.month) {
        ReadDate::Date(date) => Some(date),
        _ => None,
    };
    (cell(columns.title), date)
}

/// The fields of a row: each cell but the date and the title, under its column's name.
pub fn read_row<'a>(src: &'a str, header: usize, block: &Block, entry: &mut Entry<'a>) {
    let header_line = outline::line_at(src.as_bytes(), header);
    let header_text = &src[header_line.clone()];
    let Some(columns) = columns(header_text) else {
        return;
    };
    let names = cells(header_text);
    let row = block.title_line.clone();
    for (at, cell) in cells(&src[row.clone()]).into_iter().enumerate() {
        let Some(name) = names.get(at) else {
            break;
        };
        if at == columns.date || at == columns.title || cell.is_empty() {
            continue;
        }
        let label = header_text[name.clone()].trim_matches(['*', '_']);
        let span = row.start + cell.start..row.start + cell.end;
        entry.fields.push(Field {
            key: label::key_of(label).unwrap_or(FieldKey::Other),
            label,
            body: Text::new(&src[span.clone()], 0),
            span,
            line: block.line_no,
        });
    }
}
