//! `brag check`: what the reader could not place and the quality lints, as
//! `PATH:LINE:COL: severity: message` lines or JSON, and a summary by code.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Severity;
use crate::lint::{self, Settings};
use crate::render::check::{self, Report};
use crate::{parse, store};

pub fn run(context: &Context, args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let log = parse::parse(text);
    let settings = Settings::new(&context.config.lints, context.config.require_scope);
    let mut diagnostics = log.diagnostics;
    diagnostics.extend(lint::check(text, &log.entries, context.today, &settings));
    settings.apply(&mut diagnostics);
    // Stable: at one offset, the reader's diagnostics stay before the lints.
    diagnostics.sort_by_key(|d| d.offset);
    let path = context.log_path.display().to_string();
    let report = Report {
        path: &path,
        src: text,
        entries: log.entries.len(),
        diagnostics: &diagnostics,
    };
    match args.format() {
        CheckFormat::Text => check::text(&report, out)?,
        CheckFormat::Json => check::json(&report, out)?,
    }
    let failed =
        report.count(Severity::Error) > 0 || (args.strict && report.count(Severity::Warning) > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
