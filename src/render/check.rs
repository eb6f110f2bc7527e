//! `brag check`'s report: every diagnostic as text (with its line and hint) or as a JSON
//! array, and the one-line summary by severity and code.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::plural;
use crate::text::LineIndex;

/// What was checked and what was found, sorted by offset.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The log's path as shown to the person.
    pub path: &'a str,
    pub src: &'a str,
    pub entries: usize,
    /// Non-blank lines that are in no entry, heading, table header or comment.
    pub unplaced: usize,
    pub diagnostics: &'a [Diagnostic],
    /// Warnings about files beside the log, not about its lines.
    pub files: &'a [FileWarning],
}

/// A warning about a file beside the log (a temporary file left by a stopped `brag`,
/// an old draft), shown as `PATH: warning: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWarning {
    pub path: String,
    pub message: String,
}

impl Report<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        let files = if severity == Severity::Warning {
            self.files.len()
        } else {
            0
        };
        files
            + self
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
    }
}

/// Each diagnostic with its line and hint, then
/// `PATH: 3 entries, 0 errors, 2 warnings (B101: 1, B103: 1)` (`, 1 note` after the
/// warnings when there are notes), and `; 4 lines not placed` when some are not.
pub fn text(report: &Report<'_>, out: &mut impl Write) -> Result<()> {
    let lines = LineIndex::new(report.src);
    for diagnostic in report.diagnostics {
        write!(
            out,
            "{}",
            diagnostic.render(report.path, report.src, &lines)
        )?;
    }
    for file in report.files {
        writeln!(out, "{}: warning: {}", file.path, file.message)?;
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for lint in report.diagnostics.iter().filter_map(|d| d.lint) {
        *by_code.entry(lint.code()).or_default() += 1;
    }
    let codes = if by_code.is_empty() {
        String::new()
    } else {
        let counts: Vec<String> = by_code
            .iter()
            .map(|(code, count)| format!("{code}: {count}"))
            .collect();
        format!(" ({})", counts.join(", "))
    };
    let unplaced = if report.unplaced == 0 {
        String::new()
    } else {
        format!("; {} not placed", plural(report.unplaced, "line", "lines"))
    };
    let notes = match report.count(Severity::Note) {
        0 => String::new(),
        count => format!(", {}", plural(count, "note", "notes")),
    };
    writeln!(
        out,
        "{}: {}, {}, {}{notes}{codes}{unplaced}",
        report.path,
        plural(report.entries, "entry", "entries"),
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
    )?;
    Ok(())
}

/// One diagnostic for editors and CI.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    /// The lint's code, or `null` for what the reader could not place.
    code: Option<&'static str>,
    path: &'a str,
    line: usize,
    col: usize,
    severity: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// The diagnostics as a JSON array (`[]` when there are none), then a newline.
pub fn json(report: &Report<'_>, out: &mut impl Write) -> Result<()> {
    let lines = LineIndex::new(report.src);
    let items: Vec<JsonDiagnostic<'_>> = report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let (line, col) = lines.line_col(report.src, diagnostic.offset);
            JsonDiagnostic {
                code: diagnostic.lint.map(|lint| lint.code()),
                path: report.path,
                line,
                col,
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                hint: diagnostic.hint.as_deref(),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}
