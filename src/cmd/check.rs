//! `brag check`: what the reader could not place and the quality lints, as
//! `PATH:LINE:COL: severity: message` lines or JSON, and a summary by code; on stderr,
//! the editor drafts kept after a failed `brag add` whose entry is not in the log, and the
//! entries tagged `draft` (from `brag import --from git`) still to finish.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, Local};

use crate::app::{Context, shell_word};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::draft;
use crate::lint::{self, Settings};
use crate::read::Reader;
use crate::read::parse;
use crate::render::check::{self, FileWarning, Report};
use crate::{git, store};

pub fn run(context: &Context, args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let log = parse::parse(text);
    let settings = Settings::new(&context.config.lints, context.config.require_scope);
    let mut diagnostics = log.diagnostics;
    let (unplaced, lines_unplaced) = parse::unplaced(text);
    diagnostics.extend(unplaced);
    diagnostics.extend(parse::unmapped_labels(&log.entries));
    diagnostics.extend(lint::check(text, &log.entries, context.today, &settings));
    diagnostics.extend(unclosed(text));
    settings.apply(&mut diagnostics);
    // Stable: at one offset, the reader's diagnostics stay before the lints.
    diagnostics.sort_by_key(|d| d.offset);
    let path = context.log_path.display().to_string();
    let files = files_beside(context)?;
    let report = Report {
        path: &path,
        src: text,
        entries: log.entries.len(),
        unplaced: lines_unplaced,
        diagnostics: &diagnostics,
        files: &files,
    };
    match args.output.format() {
        CheckFormat::Text => check::text(&report, out)?,
        CheckFormat::Json => {
            check::json(&report, out)?;
            // Not about the log's lines: on stderr, beside the array.
            for file in &files {
                eprintln!("{}: warning: {}", file.path, file.message);
            }
        }
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
    let reader = Reader::new(text);
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
                .and_then(|draft| reader.same_date_and_title(draft.date, &draft.title));
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

/// Drafts kept beside the log by brag before 0.2 (drafts now live in the data folder)
/// are reported once they are this many days old.
const OLD_DRAFT_DAYS: i64 = 30;

/// What brag left beside the log: temporary files of a `brag` stopped mid-write (the
/// next add removes them) and old drafts kept from the editor that were never added.
fn files_beside(context: &Context) -> Result<Vec<FileWarning>> {
    let folder = store::folder_of(&context.log_path);
    let mut found = Vec::new();
    for (path, size) in store::leftovers(folder) {
        found.push(FileWarning {
            path: path.display().to_string(),
            message: format!(
                "a temporary file left by a brag that was stopped mid-write ({}); the next \
                 `brag add` removes it",
                store::size_words(size)
            ),
        });
    }
    for (path, modified) in store::drafts(folder) {
        let day = DateTime::<Local>::from(modified).date_naive();
        if (context.today - day).num_days() > OLD_DRAFT_DAYS {
            found.push(FileWarning {
                path: path.display().to_string(),
                message: format!(
                    "an entry kept from the editor on {day} was never added; add it with: \
                     brag add - < {}",
                    path.display()
                ),
            });
        }
    }
    Ok(found)
}

/// A code fence or HTML comment that is never closed: everything after it reads as its
/// text, and `brag add` cannot add entries after it.
fn unclosed(text: &str) -> Option<Diagnostic> {
    let open = crate::markdown::unclosed(text)?;
    let lines = crate::text::LineIndex::new(text);
    let left = lines.line(text.trim_end().len()) - lines.line(open.offset);
    Some(
        Diagnostic::warning(
            open.offset,
            format!(
                "this {} is never closed: the {left} lines after it are read as its text, \
                 and `brag add` cannot add entries after it",
                open.what
            ),
        )
        .with_hint(format!("close it with {} where it should end", open.closer)),
    )
}
