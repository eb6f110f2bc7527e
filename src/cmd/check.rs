//! `brag check`: every diagnostic as `PATH:LINE:COL: severity: message`, and a summary.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Local};

use crate::app::Context;
use crate::cli::CheckArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::LineIndex;
use crate::{parse, store};

pub fn run(context: &Context, args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let log = parse::parse(text);
    let path = context.log_path.display().to_string();
    let lines = LineIndex::new(text);
    let mut diagnostics = log.diagnostics;
    if let Some(open) = crate::markdown::unclosed(text) {
        let line = lines.line(open.offset);
        let left = lines.line(text.trim_end().len()) - line;
        diagnostics.push(
            Diagnostic::warning(
                open.offset,
                format!(
                    "this {} is never closed: the {left} lines after it are read as its \
                     text, and `brag add` cannot add entries after it",
                    open.what
                ),
            )
            .with_hint(format!("close it with {} where it should end", open.closer)),
        );
        diagnostics.sort_by_key(|d| d.offset);
    }
    for diagnostic in &diagnostics {
        write!(out, "{}", diagnostic.render(&path, text, &lines))?;
    }
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, mut warnings) = (count(Severity::Error), count(Severity::Warning));
    warnings += report_leftovers(context, out)?;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{path}: {}, {}, {}",
        plural(log.entries.len(), "entry").replace("entrys", "entries"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )?;
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Drafts kept from the editor are listed once they are this many days old.
const OLD_DRAFT_DAYS: i64 = 30;

/// Reports what killed `brag`s left beside the log (it is removed by the next add)
/// and drafts kept from the editor that were never added; returns how many warnings.
fn report_leftovers(context: &Context, out: &mut impl Write) -> Result<usize> {
    let folder = store::folder_of(&context.log_path);
    let mut warnings = 0;
    for (path, size) in store::leftovers(folder) {
        writeln!(
            out,
            "{}: warning: a temporary file left by a brag that was stopped mid-write \
             ({}); the next `brag add` removes it",
            path.display(),
            store::size_words(size)
        )?;
        warnings += 1;
    }
    for (path, modified) in store::drafts(folder) {
        let day = DateTime::<Local>::from(modified).date_naive();
        if (context.today - day).num_days() > OLD_DRAFT_DAYS {
            writeln!(
                out,
                "{0}: warning: an entry kept from the editor on {day} was never added; \
                 add it with: brag add - < {0}",
                path.display()
            )?;
            warnings += 1;
        }
    }
    Ok(warnings)
}
