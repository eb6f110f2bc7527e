//! `brag import --from FORMAT FILE`: entries from another file, all inserted in one
//! locked, verified write; entries already in the log are skipped.

use std::collections::HashSet;
use std::io::{Read as _, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chrono::NaiveDate;
use serde_json::Value;

use crate::app::Context;
use crate::cli::{ImportArgs, ImportFormat};
use crate::edit::{self, Body, Draft, draft, rewrite};
use crate::git;
use crate::period::{self, Calendar};
use crate::read::{Reader, parse};
use crate::store::{self, Opened};
use crate::undo::{self, Record};

pub fn run(context: &Context, args: &ImportArgs, out: &mut impl Write) -> Result<ExitCode> {
    let calendar = context.calendar();
    if args.from != ImportFormat::Git && (args.since.is_some() || args.author.is_some()) {
        bail!("--since and --author go with --from git");
    }
    let file = || -> Result<(&str, String)> {
        let Some(source) = args.source.as_deref() else {
            bail!("give the file to import, or - for stdin");
        };
        let origin = if source == "-" { "stdin" } else { source };
        Ok((origin, read_input(source)?))
    };
    let (drafts, mut refused) = match args.from {
        ImportFormat::Json => {
            let (origin, input) = file()?;
            from_json(origin, &input, &calendar)?
        }
        ImportFormat::Jrnl => {
            let (origin, input) = file()?;
            from_jrnl(origin, &input)?
        }
        ImportFormat::Markdown => {
            let (origin, input) = file()?;
            from_markdown(origin, &input)
        }
        ImportFormat::Git => {
            let Some(since) = &args.since else {
                bail!("--from git needs --since PERIOD (such as 2026-05-01 or \"last month\")");
            };
            let since = period::span(since, &calendar)
                .map_err(|error| anyhow!("--since: {error}"))?
                .first_day()
                .ok_or_else(|| anyhow!("--since {since:?} has no first day"))?;
            let repo = args.source.as_deref().unwrap_or(".");
            (
                git::drafts(repo, since, args.author.as_deref())?,
                Vec::new(),
            )
        }
    };
    let (old, log) = match store::lock(&context.log_path)? {
        Opened::Existing(log) => (log.read_all()?, Some(log)),
        Opened::Missing(_) => (context.template("log.md")?, None),
    };
    let mut planned = plan(&old, &drafts, &context.edit_settings());
    refused.append(&mut planned.refused);
    // Written before anything is reported, so that "added" is never said of an entry
    // that a failed write left out.
    if !planned.added.is_empty() && !args.dry_run {
        verify(&old, &planned.text, &planned.added)?;
        write(context, log, &old, &planned)?;
    }
    let verb = if args.dry_run { "would add" } else { "added" };
    for added in &planned.added {
        writeln!(
            out,
            "{verb} {} under {}",
            added.id,
            edit::month_name(added.month)
        )?;
    }
    for id in &planned.skipped {
        writeln!(out, "skipped {id}: already in the log")?;
    }
    writeln!(
        out,
        "{}: {} {verb}, {} skipped as already present, {} refused",
        if args.dry_run {
            "dry run, the log was not changed"
        } else {
            "imported"
        },
        planned.added.len(),
        planned.skipped.len(),
        refused.len()
    )?;
    out.flush()?;
    for reason in &refused {
        eprintln!("brag: refused {reason}");
    }
    if !planned.added.is_empty() && !args.dry_run {
        let count = planned.added.len();
        let from = match args.source.as_deref() {
            Some("-") => "stdin",
            Some(source) => source,
            None => ".",
        };
        let message = match &planned.added[..] {
            [one] => format!("brag: import {} from {from}", one.id),
            _ => format!("brag: import {count} entries from {from}"),
        };
        git::commit_log(context, &message)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_input(source: &str) -> Result<String> {
    let bytes = if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        bytes
    } else {
        std::fs::read(source).with_context(|| format!("cannot read {source}"))?
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        anyhow!(
            "{source} is not UTF-8 text (byte {}); nothing was imported",
            error.utf8_error().valid_up_to()
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// Drafts, and the entries that were refused with their reasons.
type Read = (Vec<Draft>, Vec<String>);

/// brag's own schema: one object or an array of them. Each entry needs a date.
fn from_json(origin: &str, input: &str, calendar: &Calendar) -> Result<Read> {
    let value: Value = serde_json::from_str(input)
        .map_err(|error| anyhow!("{origin} is not JSON: {error}; nothing was imported"))?;
    let values = match value {
        Value::Array(values) => values,
        one @ Value::Object(_) => vec![one],
        _ => bail!(
            "{origin} holds neither an entry object nor an array of them; nothing was imported"
        ),
    };
    let mut drafts = Vec::new();
    let mut refused = Vec::new();
    for (number, value) in values.into_iter().enumerate() {
        let place = format!("{origin} entry {}", number + 1);
        if value.get("date").is_none_or(Value::is_null) {
            refused.push(format!("{place}: it has no date"));
            continue;
        }
        // The date is always given, so the default is never used.
        match draft::from_json(&place, &value.to_string(), calendar.today, calendar) {
            Ok(draft) => drafts.push(draft),
            Err(error) => refused.push(format!("{place}: {error:#}")),
        }
    }
    Ok((drafts, refused))
}

/// jrnl's JSON export: `{"entries": [{"title", "body", "date", "tags", ...}]}`.
fn from_jrnl(origin: &str, input: &str) -> Result<Read> {
    let value: Value = serde_json::from_str(input)
        .map_err(|error| anyhow!("{origin} is not JSON: {error}; nothing was imported"))?;
    let Some(entries) = value.get("entries").and_then(Value::as_array) else {
        bail!(
            "{origin} is not a jrnl export: it has no \"entries\" list \
             (make one with `jrnl --export json`); nothing was imported"
        );
    };
    let mut drafts = Vec::new();
    let mut refused = Vec::new();
    for (number, entry) in entries.iter().enumerate() {
        let place = format!("{origin} entry {}", number + 1);
        match jrnl_entry(entry) {
            Ok(draft) => drafts.push(draft),
            Err(error) => refused.push(format!("{place}: {error:#}")),
        }
    }
    Ok((drafts, refused))
}

/// One jrnl entry: its title and date; its tags and the `@tags` of its body; its body's
/// `Situation:`, `Task:`, `Actions:` and `Results:` lines as those fields, the rest as
/// notes.
fn jrnl_entry(entry: &Value) -> Result<Draft> {
    let string = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("");
    let date = string("date");
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("its date {date:?} is not YYYY-MM-DD"))?;
    let mut draft = Draft::new(string("title"), date)?;
    let body = string("body").replace("\r\n", "\n");
    let listed = entry
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    let in_body = body
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '-' | '_')))
        .filter_map(|word| word.strip_prefix('@'))
        .filter(|tag| !tag.is_empty() && !tag.contains('@'));
    let tags: Vec<&str> = listed
        .map(|tag| tag.trim_start_matches('@'))
        .chain(in_body)
        .collect();
    draft.tags = draft::tags(tags)?;
    let mut star: [(&str, String); 4] = [
        ("situation", String::new()),
        ("task", String::new()),
        ("actions", String::new()),
        ("results", String::new()),
    ];
    let mut notes = String::new();
    let mut current: Option<usize> = None;
    for line in body.lines() {
        let labelled = line.split_once(':').and_then(|(label, rest)| {
            let label = label.trim().to_ascii_lowercase();
            let found = star.iter().position(|(name, _)| {
                *name == label
                    || (*name == "actions" && label == "action")
                    || (*name == "results" && label == "result")
            })?;
            Some((found, rest))
        });
        let target = match labelled {
            Some((found, rest)) => {
                current = Some(found);
                star[found].1.push_str(rest.trim());
                star[found].1.push('\n');
                continue;
            }
            None if line.trim().is_empty() => {
                current = None;
                &mut notes
            }
            None => match current {
                Some(found) => &mut star[found].1,
                None => &mut notes,
            },
        };
        target.push_str(line);
        target.push('\n');
    }
    let [situation, task, actions, results] = star.map(|(_, text)| draft::text(&text));
    draft.situation = situation;
    draft.task = task;
    draft.actions = actions;
    draft.results = results;
    draft.notes = notes
        .split("\n\n")
        .filter_map(|note| match draft::text(note) {
            Some(Body::Text(text)) => Some(text),
            _ => None,
        })
        .collect();
    Ok(draft)
}

/// The entries brag's reader finds in another brag document; the lines it cannot place
/// are counted in one refusal.
fn from_markdown(origin: &str, input: &str) -> Read {
    let log = parse::parse(input);
    let mut drafts = Vec::new();
    let mut refused = Vec::new();
    for entry in &log.entries {
        match rewrite::draft_of(entry) {
            Ok(draft) => drafts.push(draft),
            Err(error) => refused.push(format!("{origin}:{}: {error:#}", entry.line)),
        }
    }
    let unplaced = unplaced_lines(input, &log.entries);
    if unplaced > 0 {
        refused.push(format!(
            "{origin}: {unplaced} lines outside any entry were not imported \
             (`brag check --file {origin}` shows them)"
        ));
    }
    (drafts, refused)
}

/// The non-blank lines of `src` that are neither in an entry nor a heading.
fn unplaced_lines(src: &str, entries: &[crate::model::Entry<'_>]) -> usize {
    let mut spans: Vec<_> = entries.iter().map(|entry| entry.span.clone()).collect();
    spans.sort_by_key(|span| span.start);
    let mut offset = 0;
    let mut count = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let at = spans.partition_point(|span| span.start <= start);
        let inside = at > 0 && spans[at - 1].contains(&start);
        if !inside {
            count += 1;
        }
    }
    count
}

/// One entry the import adds.
#[derive(Debug)]
struct Added {
    id: String,
    month: crate::model::YearMonth,
}

/// The whole import, planned: the new text and what went into it.
#[derive(Debug)]
struct Planned {
    text: String,
    added: Vec<Added>,
    skipped: Vec<String>,
    refused: Vec<String>,
}

/// Inserts each draft in turn (each insertion planned and verified by `edit::insert`),
/// skipping one whose date and title the log (or an earlier draft) already has.
fn plan(old: &str, drafts: &[Draft], settings: &edit::Settings) -> Planned {
    let key = |date: NaiveDate, title: &str| (date, title.trim().to_lowercase());
    let reader = Reader::new(old);
    let mut present: HashSet<(NaiveDate, String)> = reader
        .all()
        .iter()
        .filter_map(|head| Some(key(head.date?, head.title)))
        .collect();
    let mut planned = Planned {
        text: old.to_string(),
        added: Vec::new(),
        skipped: Vec::new(),
        refused: Vec::new(),
    };
    for draft in drafts {
        if !present.insert(key(draft.date, &draft.title)) {
            planned
                .skipped
                .push(parse::slug(&draft.title, Some(draft.date)));
            continue;
        }
        match edit::insert(&planned.text, draft, settings) {
            Ok(insertion) => {
                planned.text.insert_str(insertion.offset, &insertion.text);
                planned.added.push(Added {
                    id: insertion.id,
                    month: insertion.month,
                });
            }
            Err(error) => planned.refused.push(format!(
                "{}: cannot place it safely: {error:#}",
                parse::slug(&draft.title, Some(draft.date))
            )),
        }
    }
    planned
}

/// The whole import read back: the new log holds exactly the old entries and the added
/// ones, each in its month.
fn verify(old: &str, new: &str, added: &[Added]) -> Result<()> {
    let ids = |text: &str| -> Vec<(String, Option<crate::model::YearMonth>)> {
        let reader = Reader::new(text);
        let mut ids: Vec<_> = reader
            .all()
            .iter()
            .map(|head| (reader.id(head), reader.filed_under(head)))
            .collect();
        ids.sort();
        ids
    };
    let mut expected = ids(old);
    expected.extend(
        added
            .iter()
            .map(|added| (added.id.clone(), Some(added.month))),
    );
    expected.sort();
    ensure!(
        ids(new) == expected,
        "cannot import safely: the new log would not hold exactly the old entries and the \
         imported ones; the log was not changed"
    );
    Ok(())
}

/// One atomic write of the whole import, recorded for `brag undo`.
fn write(
    context: &Context,
    log: Option<store::Locked>,
    old: &str,
    planned: &Planned,
) -> Result<()> {
    let Some(log) = log else {
        let Opened::Missing(target) = store::lock(&context.log_path)? else {
            bail!("another brag created the log meanwhile; nothing was imported, run it again");
        };
        ensure!(
            store::create_new(&target, planned.text.as_bytes())?,
            "another brag created the log meanwhile; nothing was imported, run it again"
        );
        return Ok(());
    };
    let copy = log.start_copy()?;
    let change = rewrite::Change::between(old, &planned.text);
    let written = log.replace(copy, change.range.clone(), change.text.as_bytes())?;
    undo::save(
        log.path(),
        &Record {
            what: format!("imported {} entries", planned.added.len()),
            written,
            start: change.range.start,
            old: old.as_bytes()[change.range].to_vec(),
            new: change.text.into_bytes(),
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    const OLD: &str = "# Log\n\n## November 2026\n\n### Shipped search\n- **Date**: 2026-11-02\n";

    fn added(id: &str) -> Vec<Added> {
        vec![Added {
            id: id.to_string(),
            month: YearMonth {
                year: 2026,
                month: 11,
            },
        }]
    }

    #[test]
    fn the_whole_import_must_hold_exactly_the_old_entries_and_the_new_ones() {
        let new = format!("{OLD}\n### Cut latency\n- **Date**: 2026-11-03\n");
        let cut = added("2026-11-03-cut-latency");
        assert!(verify(OLD, &new, &cut).is_ok());
        // An old entry lost, changed, or an entry too many: refused.
        let lost = "# Log\n\n## November 2026\n\n### Cut latency\n- **Date**: 2026-11-03\n";
        let renamed = new.replace("Shipped search", "Shipped serch");
        let extra = format!("{new}\n### Stray\n- **Date**: 2026-11-04\n");
        let moved = new.replace("2026-11-02", "2026-10-02");
        for wrong in [lost, renamed.as_str(), extra.as_str(), moved.as_str()] {
            let error = verify(OLD, wrong, &cut).expect_err(wrong).to_string();
            assert!(error.contains("the log was not changed"), "{error}");
        }
    }
}
