//! `brag amend ID`: one entry changed (title, date, fields, tags), written anew in the
//! log's style; every other byte of the log stays.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use crate::app::Context;
use crate::cli::AmendArgs;
use crate::edit::{Draft, draft, rewrite};
use crate::read::Reader;
use crate::undo::{self, Record};
use crate::{git, query, store};

pub fn run(context: &Context, args: &AmendArgs, out: &mut impl Write) -> Result<ExitCode> {
    if args.set_title.is_none() && args.set_date.is_none() && !args.fields.any() {
        bail!(
            "nothing to change: give --set-title, --set-date, --situation, --task, --action, \
             --result, --tag or --scope"
        );
    }
    let calendar = context.calendar();
    let new_date = query::day(args.set_date.as_deref(), &calendar)?;
    let log = store::lock_existing(&context.log_path)?;
    let copy = log.start_copy()?;
    let text = log.read_all()?;
    let reader = Reader::new(&text);
    let head = reader.find(&args.id)?;
    let mut entry = reader.read_one(head);
    let id = entry.id.clone();
    if entry.date.is_none() {
        // An undated entry takes its new date as its own.
        entry.date = new_date;
    }
    let mut draft = rewrite::draft_of(&entry)?;
    apply(&mut draft, args, new_date)?;
    let refused = |error: anyhow::Error| {
        anyhow!("cannot amend {id} safely: {error:#}; the log was not changed")
    };
    let (change, new_text) =
        rewrite::amend(&text, reader.start(head), &draft, &context.edit_settings())
            .map_err(refused)?;
    let written = log.replace(copy, change.range.clone(), change.text.as_bytes())?;
    let new_reader = Reader::new(&new_text);
    let (new_id, line) = new_reader
        .all()
        .iter()
        .rfind(|head| head.date == Some(draft.date) && head.title == draft.title)
        .map(|head| (new_reader.id(head), new_reader.line(head)))
        .unwrap_or((id.clone(), reader.line(head)));
    undo::save(
        log.path(),
        &Record {
            what: format!("amended {id}"),
            written,
            start: change.range.start,
            old: text.as_bytes()[change.range.clone()].to_vec(),
            new: change.text.into_bytes(),
        },
    );
    writeln!(
        out,
        "amended {new_id} under {} ({}:{line})",
        crate::model::YearMonth::of(draft.date).in_words(),
        context.log_path.display()
    )?;
    out.flush()?;
    git::commit_log(context, &format!("brag: amend {}", draft.title))?;
    Ok(ExitCode::SUCCESS)
}

/// The flags' changes to the entry's draft.
fn apply(draft: &mut Draft, args: &AmendArgs, new_date: Option<chrono::NaiveDate>) -> Result<()> {
    if let Some(title) = &args.set_title {
        draft.title = Draft::new(title, draft.date)?.title;
    }
    if let Some(date) = new_date {
        // A day replaces a period that dated the entry (a `Period` field).
        draft.date = date;
        draft.period = None;
    }
    if let Some(situation) = &args.fields.situation {
        draft.star.situation = draft::text(situation);
    }
    if let Some(task) = &args.fields.task {
        draft.star.task = draft::text(task);
    }
    if !args.fields.actions.is_empty() {
        draft.star.actions = rewrite::append(draft.star.actions.take(), &args.fields.actions);
    }
    if !args.fields.results.is_empty() {
        draft.star.results = rewrite::append(draft.star.results.take(), &args.fields.results);
    }
    if !args.fields.tags.is_empty() {
        let added = draft::tags(args.fields.tags.iter().map(String::as_str))?;
        for tag in added {
            if !draft.tags.iter().any(|old| old.eq_ignore_ascii_case(&tag)) {
                draft.tags.push(tag);
            }
        }
    }
    if let Some(scope) = &args.fields.scope {
        draft.scope = Some(draft::scope(scope)?);
    }
    Ok(())
}
