//! `brag check`: every diagnostic as `PATH:LINE:COL: severity: message`, and a summary.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::CheckArgs;
use crate::diagnostic::Severity;
use crate::markdown::LineIndex;
use crate::{parse, store};

pub fn run(context: &Context, args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let log = parse::parse(text);
    let path = context.log_path.display().to_string();
    let lines = LineIndex::new(text);
    for diagnostic in &log.diagnostics {
        write!(out, "{}", diagnostic.render(&path, text, &lines))?;
    }
    let count = |severity| {
        log.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
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
