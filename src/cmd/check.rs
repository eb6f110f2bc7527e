//! `brag check`: what the reader could not place and the quality lints, as
//! `PATH:LINE:COL: severity: message` lines or JSON, and a summary by code; on stderr,
//! the editor drafts kept after a failed `brag add` whose entry is not in the log, and the
//! entries tagged `draft` (from `brag import --from git`) still to finish.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::{Context, shell_word};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Severity;
use crate::edit::draft;
use crate::lint::{self, Settings};
use crate::parse::Index;
use crate::render::check::{self, Report};
use crate::{git, lookup, parse, store};

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
    out.flush()?;
    for note in drafts_not_added(context, text) {
        eprintln!("note: {note}");
    }
    for entry in log.entries.iter().filter(|entry| {
        entry
            .tags
            .iter()
            .any(|tag| tag.eq_ignore_ascii_case(git::DRAFT_TAG))
    }) {
        eprintln!(
            "note: {} is a draft to finish (line {}): add its Results, then drop the `{}` tag: {}",
            entry.id,
            entry.line,
            git::DRAFT_TAG,
            context.brag(&format!("edit {}", entry.id))
        );
    }
    let failed =
        report.count(Severity::Error) > 0 || (args.strict && report.count(Severity::Warning) > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The drafts in `<data dir>/brag/drafts` whose entry the log does not hold (by date
/// and title), or that do not read as an entry: each with the command that adds it.
fn drafts_not_added(context: &Context, text: &str) -> Vec<String> {
    let Some(folder) = context.data_dir.as_ref().map(|dir| dir.join("drafts")) else {
        return Vec::new();
    };
    let Ok(listing) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut drafts: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    if drafts.is_empty() {
        return Vec::new();
    }
    drafts.sort();
    let index = Index::new(text);
    let calendar = context.calendar();
    drafts
        .into_iter()
        .filter(|path| {
            let origin = path.display().to_string();
            let added = std::fs::read_to_string(path)
                .ok()
                .and_then(|typed| {
                    draft::from_markdown(&origin, &typed, context.today, &calendar).ok()
                })
                .and_then(|draft| lookup::same_date_and_title(&index, draft.date, &draft.title));
            added.is_none()
        })
        .map(|path| {
            let shown = path.to_string_lossy();
            format!(
                "an entry you wrote is not in the log yet: {shown}\n  fix it if needed, then: {}",
                context.brag(&format!("add - < {}", shell_word(&shown)))
            )
        })
        .collect()
}
