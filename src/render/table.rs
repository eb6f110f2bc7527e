//! The human listing: a summary line, then entries grouped under their months, one
//! aligned line each with date, title, tags and scope.

use std::io::Write;

use anyhow::Result;

use chrono::NaiveDate;

use crate::model::{Entry, Scope, YearMonth};

/// What one line of the table shows.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub date: Option<NaiveDate>,
    pub month: Option<YearMonth>,
    pub title: &'a str,
    pub tags: Vec<&'a str>,
    pub scope: Option<Scope>,
}

impl<'a> Row<'a> {
    pub fn of(entry: &Entry<'a>) -> Self {
        Self {
            date: entry.date,
            month: entry.month,
            title: entry.title,
            tags: entry.tags.clone(),
            scope: entry.scope,
        }
    }
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

fn paint(out: &mut impl Write, color: bool, style: &str, text: &str) -> std::io::Result<()> {
    if color {
        write!(out, "{style}{text}{RESET}")
    } else {
        out.write_all(text.as_bytes())
    }
}

fn tags_text(entry: &Row<'_>) -> String {
    entry
        .tags
        .iter()
        .map(|tag| format!("#{tag}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn month_text(entry: &Row<'_>) -> String {
    entry.month.map_or_else(
        || "Undated".to_string(),
        |m| format!("{} {}", m.month_name(), m.year),
    )
}

/// Cuts `text` to `width` characters, ending with `…` when it was longer.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `summary` is the first line (count and range); `entries` are in output order.
pub fn write(
    out: &mut impl Write,
    summary: &str,
    entries: &[Row<'_>],
    layout: Layout,
) -> Result<()> {
    writeln!(out, "{summary}")?;
    let longest = |f: &dyn Fn(&Row<'_>) -> usize| entries.iter().map(f).max().unwrap_or(0);
    let tags_width = longest(&|e| tags_text(e).chars().count());
    let scope_width = longest(&|e| e.scope.map_or(0, |s| s.as_str().len()));
    let mut title_width = longest(&|e| e.title.chars().count());
    if let Some(width) = layout.width {
        // "  date  title  tags  scope"
        let fixed = 2 + 10 + 2 + 2 + tags_width.min(30) + 2 + scope_width;
        title_width = title_width.min(width.saturating_sub(fixed).max(20));
    }
    let mut month = None;
    for entry in entries {
        let this_month = month_text(entry);
        if month.as_ref() != Some(&this_month) {
            writeln!(out)?;
            paint(out, layout.color, BOLD, &this_month)?;
            writeln!(out)?;
            month = Some(this_month);
        }
        let date = entry
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        write!(out, "  ")?;
        paint(out, layout.color, DIM, &format!("{date:<10}"))?;
        let title = fit(entry.title, title_width);
        let tags = tags_text(entry);
        let scope = entry.scope.map_or("", |s| s.as_str());
        let line_end = if tags.is_empty() && scope.is_empty() {
            title.clone()
        } else {
            format!("{title:<title_width$}")
        };
        write!(out, "  {line_end}")?;
        if !tags.is_empty() || !scope.is_empty() {
            write!(out, "  ")?;
            let tags = if scope.is_empty() {
                tags
            } else {
                format!("{tags:<tags_width$}")
            };
            paint(out, layout.color && !tags.trim().is_empty(), CYAN, &tags)?;
            if !scope.is_empty() {
                write!(out, "  ")?;
                paint(out, layout.color, YELLOW, scope)?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
