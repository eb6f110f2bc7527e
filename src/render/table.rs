//! The human listing: a summary line, then entries grouped under their months, one
//! aligned line each with date, title, tags and scope.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;

use chrono::{Datelike, NaiveDate};

use crate::read::Summary;

/// What one line of the table shows: the entry's [`Summary`] (its period is shown where
/// there is no date, and groups the rows without a month), and its id, shown instead of
/// the date (which it starts with) when set.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub id: Option<String>,
    pub summary: Summary<'a>,
}

/// How to lay the table out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Terminal width; titles are cut to fit. `None` (a pipe): nothing is cut.
    pub width: Option<usize>,
    pub color: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Writes `text` in `style` (when `color`), padded with spaces inside the colour to
/// `width` characters.
fn paint(
    out: &mut impl Write,
    color: bool,
    style: &str,
    text: &str,
    width: usize,
) -> std::io::Result<()> {
    if color {
        out.write_all(style.as_bytes())?;
    }
    out.write_all(text.as_bytes())?;
    pad(out, width.saturating_sub(chars(text, width)))?;
    if color {
        out.write_all(RESET.as_bytes())?;
    }
    Ok(())
}

/// The number of characters in `text`, counted only as far as `width` needs.
fn chars(text: &str, width: usize) -> usize {
    if width == 0 || text.len() >= 4 * width {
        // No padding: `text` is at least `width` characters long.
        width
    } else {
        text.chars().count()
    }
}

fn pad(out: &mut impl Write, spaces: usize) -> std::io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut left = spaces;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.write_all(&SPACES[..now])?;
        left -= now;
    }
    Ok(())
}

/// `#tag #other`, written into `text`.
fn tags_text(entry: &Row<'_>, text: &mut String) {
    text.clear();
    for (index, tag) in entry.summary.tags.iter().enumerate() {
        if index > 0 {
            text.push(' ');
        }
        text.push('#');
        text.push_str(tag);
    }
}

/// The width of [`tags_text`] in characters.
fn tags_width(entry: &Row<'_>) -> usize {
    let names: usize = entry
        .summary
        .tags
        .iter()
        .map(|tag| tag.chars().count())
        .sum();
    names + 2 * entry.summary.tags.len() - usize::from(!entry.summary.tags.is_empty())
}

/// Cuts `text` to `width` characters, ending with `…` when it was longer.
fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if text.len() <= width {
        // No more characters than bytes: it fits, without counting them.
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(width) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
            cut.push('…');
            Cow::Owned(cut)
        }
    }
}

/// `2026-11-03`, as `NaiveDate` displays it, without the formatting machinery for the
/// years that have four digits: a large listing writes one per row.
fn write_date(text: &mut String, day: NaiveDate) -> std::fmt::Result {
    let year = day.year();
    if !(0..=9999).contains(&year) {
        return write!(text, "{day}");
    }
    let digit = |value: u32| char::from(b'0' + (value % 10) as u8);
    let year = year.unsigned_abs();
    text.extend([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        '-',
        digit(day.month() / 10),
        digit(day.month()),
        '-',
        digit(day.day() / 10),
        digit(day.day()),
    ]);
    Ok(())
}

/// `summary` is the first line (count and range); `entries` are in output order.
pub fn write(
    out: &mut impl Write,
    summary: &str,
    entries: &[Row<'_>],
    layout: Layout,
) -> Result<()> {
    writeln!(out, "{summary}")?;
    let color = layout.color;
    let longest = |f: &dyn Fn(&Row<'_>) -> usize| entries.iter().map(f).max().unwrap_or(0);
    let tags_width = longest(&tags_width);
    let scope_width = longest(&|e| e.summary.scope.map_or(0, |s| s.as_str().len()));
    let date_width = longest(&|e| match (&e.id, e.summary.date, e.summary.period) {
        (Some(id), _, _) => id.len(),
        (None, None, Some(period)) => period.label().len().max(10),
        _ => 10,
    });
    // Rows without a month are grouped by their period (`2025-Q1`), else as undated.
    let group = |row: &Row<'_>| {
        (
            row.summary.month,
            row.summary.period.filter(|_| row.summary.month.is_none()),
        )
    };
    let mut title_width = longest(&|e| e.summary.title.chars().count());
    if let Some(width) = layout.width {
        // "  date  title  tags  scope"
        let fixed = 2 + date_width + 2 + 2 + tags_width.min(30) + 2 + scope_width;
        title_width = title_width.min(width.saturating_sub(fixed).max(20));
    }
    let mut tags = String::new();
    let mut date = String::with_capacity(10);
    for (position, entry) in entries.iter().enumerate() {
        if position == 0 || group(entry) != group(&entries[position - 1]) {
            let month = match group(entry) {
                (Some(month), _) => month.in_words(),
                (None, Some(period)) => period.label(),
                (None, None) => "Undated".to_string(),
            };
            writeln!(out)?;
            paint(out, color, BOLD, &month, 0)?;
            writeln!(out)?;
        }
        date.clear();
        match (&entry.id, entry.summary.date) {
            (Some(id), _) => date.push_str(id),
            (None, Some(day)) => write_date(&mut date, day)?,
            (None, None) => match entry.summary.period {
                Some(period) => write!(date, "{period}")?,
                None => date.push_str("undated"),
            },
        }
        out.write_all(b"  ")?;
        paint(out, color, DIM, &date, date_width)?;
        out.write_all(b"  ")?;
        let title = fit(entry.summary.title, title_width);
        tags_text(entry, &mut tags);
        let scope = entry.summary.scope.map_or("", |s| s.as_str());
        if tags.is_empty() && scope.is_empty() {
            out.write_all(title.as_bytes())?;
        } else {
            paint(out, false, "", &title, title_width)?;
            out.write_all(b"  ")?;
            let width = if scope.is_empty() { 0 } else { tags_width };
            paint(out, color && !tags.is_empty(), CYAN, &tags, width)?;
            if !scope.is_empty() {
                out.write_all(b"  ")?;
                paint(out, color, YELLOW, scope, 0)?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scope, YearMonth};

    fn row<'a>(date: &str, title: &'a str, tags: Vec<&'a str>, scope: Option<Scope>) -> Row<'a> {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        Row {
            id: None,
            summary: Summary {
                date,
                month: date.map(YearMonth::of),
                period: None,
                title,
                tags,
                scope,
            },
        }
    }

    fn table(rows: &[Row<'_>], layout: Layout) -> String {
        let mut out = Vec::new();
        write(&mut out, "3 entries", rows, layout).expect("in memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn dates_read_as_naive_date_shows_them() {
        for (year, month, day) in [
            (2026, 11, 3),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 2, 28),
            (10000, 1, 1),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a date");
            let mut text = String::new();
            write_date(&mut text, date).expect("in memory");
            assert_eq!(text, date.to_string());
        }
    }

    #[test]
    fn a_terminal_cuts_long_titles_and_aligns_tags_and_scope() {
        let rows = [
            row("2026-10-30", "Short", vec!["ops"], Some(Scope::Project)),
            row(
                "2026-11-03",
                "Cut p95 search latency from 480 ms to 120 ms",
                vec!["perf", "search"],
                None,
            ),
            row(
                "2026-11-04",
                "Mentored Ana through her first on-call",
                vec![],
                None,
            ),
        ];
        let layout = Layout {
            width: Some(50),
            color: false,
        };
        assert_eq!(
            table(&rows, layout),
            "3 entries\n\
             \n\
             October 2026\n  \
             2026-10-30  Short                 #ops           project\n\
             \n\
             November 2026\n  \
             2026-11-03  Cut p95 search late…  #perf #search\n  \
             2026-11-04  Mentored Ana throug…\n"
        );
    }

    #[test]
    fn colour_wraps_each_cell_with_its_padding() {
        let rows = [row(
            "2026-11-03",
            "Ünïcode tïtle",
            vec!["ö"],
            Some(Scope::Task),
        )];
        let layout = Layout {
            width: None,
            color: true,
        };
        assert_eq!(
            table(&rows, layout),
            "3 entries\n\n\x1b[1mNovember 2026\x1b[0m\n  \x1b[2m2026-11-03\x1b[0m  \
             Ünïcode tïtle  \x1b[36m#ö\x1b[0m  \x1b[33mtask\x1b[0m\n"
        );
    }
}
