//! `brag import --from FORMAT FILE`: entries from another file, all inserted in one
//! locked, verified write; entries already in the log are skipped.

use std::collections::HashSet;
use std::io::{Read as _, Write};
use std::ops::Range;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chrono::NaiveDate;
use serde_json::Value;

use crate::app::Context;
use crate::cli::{ImportArgs, ImportFormat};
use crate::edit::{self, Body, Draft, draft, rewrite, window};
use crate::git;
use crate::model::{Star, YearMonth};
use crate::period::{self, Calendar};
use crate::read::{Reader, entry, outline, parse};
use crate::store::{self, Opened};
use crate::undo::{self, Record};

use super::add::CHUNK;

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
        writeln!(out, "{verb} {} under {}", added.id, added.month.in_words())?;
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
        let missing = |key: &str| value.get(key).is_none_or(Value::is_null);
        if missing("date") && missing("period") {
            refused.push(format!("{place}: it has no date"));
            continue;
        }
        // A date or a period is always given, so the default is never used.
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
    draft.star = Star {
        situation,
        task,
        actions,
        results,
    };
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
        // Its period and section as the document gives them, by headings or fields.
        let draft = match entry.period {
            Some(period) if entry.date.is_none() => rewrite::draft_on(entry, period.range.start),
            _ => rewrite::draft_of(entry),
        };
        match draft {
            Ok(mut draft) => {
                if let Some(period) = entry.period {
                    draft.dated_by(period);
                }
                draft.section = entry.section.map(str::to_string);
                drafts.push(draft);
            }
            Err(error) => refused.push(format!("{origin}:{}: {error:#}", entry.line)),
        }
    }
    // The lines `brag check` reports as outside any entry, so the hint below holds.
    let (_, unplaced) = parse::unplaced(input);
    if unplaced > 0 {
        refused.push(format!(
            "{origin}: {} outside any entry {} not imported \
             (`brag check --file {origin}` shows them)",
            crate::render::plural(unplaced, "line", "lines"),
            if unplaced == 1 { "was" } else { "were" }
        ));
    }
    (drafts, refused)
}

/// One entry the import adds.
#[derive(Debug)]
struct Imported {
    id: String,
    month: crate::model::YearMonth,
}

/// The whole import, planned: the new text and what went into it.
#[derive(Debug)]
struct Planned {
    text: String,
    added: Vec<Imported>,
    skipped: Vec<String>,
    refused: Vec<String>,
}

/// Inserts the drafts, skipping one whose date and title the log (or an earlier draft)
/// already has, each as `brag add` would have placed it had they been added one after
/// another. Planning each on the whole, growing log would take time that grows with the
/// square of the import, so:
///
/// 1. The first draft of each month the log lacks goes in through the whole-log planner
///    (`edit::insert`), which creates the month's heading (and any container) at its
///    place; the log is at its smallest then, and only new months pay for it.
/// 2. Every month's other drafts are planned together, in one pass, on a window of
///    that month's section (`window::insert_month`), verified once per month, and
///    spliced in. A month that no window can decide for is planned draft by draft on
///    the whole log, which also gives a refused draft its reason; so is a draft dated
///    by a period wider than a month, which sorts before every entry of its month.
fn plan(old: &str, drafts: &[Draft], settings: &edit::Settings) -> Planned {
    // An entry is known by its date, or the period that dates it where it has none
    // (both as the schema writes them), and its title.
    let key = |dated: String, title: &str| (dated, title.trim().to_lowercase());
    let reader = Reader::new(old);
    let mut present: HashSet<(String, String)> = reader
        .all()
        .iter()
        .filter_map(|head| {
            let dated = head.date.map(|date| date.to_string());
            Some(key(dated.or(head.period.map(|p| p.label()))?, head.title))
        })
        .collect();
    let mut months: HashSet<YearMonth> = reader
        .all()
        .iter()
        .filter_map(|head| reader.filed_under(head))
        .collect();
    months.extend(parse::skeleton(old).months.iter().map(|month| month.month));
    let mut planned = Planned {
        text: old.to_string(),
        added: Vec::new(),
        skipped: Vec::new(),
        refused: Vec::new(),
    };
    // The drafts to add, by month in the order each month first comes, each with its
    // place among the drafts (to report them in the input's order).
    let mut groups: Vec<(YearMonth, Month<'_>)> = Vec::new();
    let mut alone: Vec<(usize, &Draft)> = Vec::new();
    for (number, draft) in drafts.iter().enumerate() {
        let dated = match read_date(draft) {
            Some(date) => date.to_string(),
            None => draft
                .period
                .map(|period| period.label())
                .unwrap_or_default(),
        };
        if !present.insert(key(dated, &draft.title)) {
            planned
                .skipped
                .push(parse::slug(&draft.title, read_date(draft)));
            continue;
        }
        // Without a day it sorts before every entry of its month: planned on its own.
        if read_date(draft).is_none() {
            alone.push((number, draft));
            continue;
        }
        let month = YearMonth::of(draft.date);
        match groups.iter_mut().find(|(of, _)| *of == month) {
            Some((_, group)) => group.push((number, draft)),
            None => groups.push((month, vec![(number, draft)])),
        }
    }
    let mut added: Vec<(usize, Imported)> = Vec::new();
    // The whole-log planner: the draft goes in, or is refused with its reason.
    let insert_whole = |text: &mut String,
                        (added, refused): (&mut Vec<(usize, Imported)>, &mut Vec<String>),
                        (number, draft): (usize, &Draft)|
     -> bool {
        match edit::insert(text, draft, settings) {
            Ok(insertion) => {
                text.insert_str(insertion.offset, &insertion.text);
                let month = insertion.month;
                added.push((
                    number,
                    Imported {
                        id: insertion.id,
                        month,
                    },
                ));
                true
            }
            Err(error) => {
                refused.push(format!(
                    "{}: cannot place it safely: {error:#}",
                    parse::slug(&draft.title, read_date(draft))
                ));
                false
            }
        }
    };
    let mut text = std::mem::take(&mut planned.text);
    for (month, group) in &mut groups {
        if months.contains(month) {
            continue;
        }
        while !group.is_empty() {
            let next = group.remove(0);
            if insert_whole(&mut text, (&mut added, &mut planned.refused), next) {
                break;
            }
        }
    }
    let months: Vec<Vec<&Draft>> = groups
        .iter()
        .map(|(_, group)| group.iter().map(|&(_, draft)| draft).collect())
        .collect();
    let (windows, whole) = on_windows(&text, &months, settings);
    let windows: Vec<(window::WindowedMonth, &Month<'_>)> = windows
        .into_iter()
        .map(|(done, index)| (done, &groups[index].1))
        .collect();
    let whole: Vec<&Month<'_>> = whole.into_iter().map(|index| &groups[index].1).collect();
    for (done, group) in windows.iter().rev() {
        text.replace_range(done.range.clone(), &done.new_text);
        for ((number, _), (month, id)) in group.iter().zip(&done.added) {
            added.push((
                *number,
                Imported {
                    id: id.clone(),
                    month: *month,
                },
            ));
        }
    }
    for group in whole {
        for &next in group {
            insert_whole(&mut text, (&mut added, &mut planned.refused), next);
        }
    }
    for next in alone {
        insert_whole(&mut text, (&mut added, &mut planned.refused), next);
    }
    added.sort_by_key(|(number, _)| *number);
    planned.added = added.into_iter().map(|(_, added)| added).collect();
    planned.text = text;
    planned
}

/// One month's drafts, each with its place among all the drafts.
type Month<'d> = Vec<(usize, &'d Draft)>;

/// Each month's drafts (all of a month the text has) planned on a window of that
/// month's section, where one decides (`window::insert_month`): the windows, in file
/// order and apart, with the month each is for; and the months left to the whole-log
/// planner. Each window is one month's section, so they do not overlap; two that would
/// (a file that nests a month in another) leave the later one to the whole-log planner.
fn on_windows(
    text: &str,
    months: &[Vec<&Draft>],
    settings: &edit::Settings,
) -> (Vec<(window::WindowedMonth, usize)>, Vec<usize>) {
    let headings = outline::scan_headings(text.as_bytes(), CHUNK)
        .ok()
        .flatten();
    let mut windows: Vec<(window::WindowedMonth, usize)> = Vec::new();
    let mut whole: Vec<usize> = Vec::new();
    for (index, drafts) in months.iter().enumerate() {
        if drafts.is_empty() {
            continue;
        }
        let read = |range: Range<usize>| Ok(text.as_bytes()[range].to_vec());
        let done = headings.as_ref().and_then(|headings| {
            window::insert_month(headings, read, drafts, settings)
                .ok()
                .flatten()
        });
        match done {
            Some(done) => windows.push((done, index)),
            None => whole.push(index),
        }
    }
    windows.sort_by_key(|(done, _)| done.range.start);
    let mut end = 0;
    windows.retain(|(done, index)| {
        let apart = done.range.start >= end;
        if apart {
            end = done.range.end;
        } else {
            whole.push(*index);
        }
        apart
    });
    (windows, whole)
}

/// The date `draft`'s entry reads back with: none where a period wider than a month
/// dates it.
fn read_date(draft: &Draft) -> Option<NaiveDate> {
    match draft.period {
        Some(period) if !entry::gives_a_day(period) => None,
        _ => Some(draft.date),
    }
}

/// The whole import read back: the new log holds exactly the old entries and the added
/// ones, each in its month, and every old entry keeps its bytes, in its order.
fn verify(old: &str, new: &str, added: &[Imported]) -> Result<()> {
    let (old_reader, new_reader) = (Reader::new(old), Reader::new(new));
    let ids = |reader: &Reader<'_>| -> Vec<(String, Option<crate::model::YearMonth>)> {
        let mut ids: Vec<_> = reader
            .all()
            .iter()
            .map(|head| (reader.id(head), reader.filed_under(head)))
            .collect();
        ids.sort();
        ids
    };
    let mut expected = ids(&old_reader);
    expected.extend(
        added
            .iter()
            .map(|added| (added.id.clone(), Some(added.month))),
    );
    expected.sort();
    let mut old_texts = old_reader.entry_texts().map(str::trim_end).peekable();
    for text in new_reader.entry_texts().map(str::trim_end) {
        if old_texts.peek() == Some(&text) {
            old_texts.next();
        }
    }
    ensure!(
        ids(&new_reader) == expected && old_texts.next().is_none(),
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
    use crate::render::schema::EntryView;

    const OLD: &str = "# Log\n\n## November 2026\n\n### Shipped search\n- **Date**: 2026-11-02\n";

    fn added(id: &str) -> Vec<Imported> {
        vec![Imported {
            id: id.to_string(),
            month: YearMonth {
                year: 2026,
                month: 11,
            },
        }]
    }

    /// A draft on `date`, its title numbered.
    fn draft(number: usize, date: &str) -> Draft {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a test date");
        let mut draft = Draft::new(&format!("Imported {number}"), date).expect("draft");
        draft.star.results = Some(Body::Text(format!("{number} things")));
        draft
    }

    #[test]
    fn an_import_places_every_entry_as_one_add_after_another_would() {
        // New months before, between and after the log's; existing months, some drafts
        // out of order; a duplicate of a draft, which is skipped.
        let dates = [
            "2026-11-20",
            "2025-01-05",
            "2026-10-02",
            "2026-11-01",
            "2027-03-09",
            "2025-01-02",
            "2026-10-30",
            "2026-11-20",
            "2026-12-24",
            "2026-10-14",
            "2026-12-01",
        ];
        let mut drafts: Vec<Draft> = dates
            .iter()
            .enumerate()
            .map(|(number, date)| draft(number, date))
            .collect();
        drafts.push(draft(3, "2026-11-01"));
        // (log, whether the bytes match too): a month's drafts copy that month's style
        // (see `window::insert_month`), so in a log whose months differ in style the
        // labels may differ from one add after another; the entries do not.
        let logs = [
            (include_str!("../../tests/fixtures/canonical.md"), true),
            (include_str!("../../tests/fixtures/newest-first.md"), true),
            (
                include_str!("../../tests/fixtures/year-containers.md"),
                true,
            ),
            (
                include_str!("../../tests/fixtures/bullet-entries.md"),
                false,
            ),
            ("", true),
            // A table: no line scan of headings, so every month goes to the whole log.
            (
                "# Log\n\n| a | b |\n| - | - |\n\n## November 2026\n\n### A\n- **Date**: 2026-11-02\n",
                true,
            ),
            // A month nested in another: their windows would overlap.
            (
                "# Log\n\n## November 2026\n\n### A\n- **Date**: 2026-11-02\n\n\
                 ### December 2026\n\n#### B\n- **Date**: 2026-12-02\n",
                true,
            ),
        ];
        let entries = |text: &str| -> Vec<Value> {
            parse::parse(text)
                .entries
                .iter()
                .map(|entry| {
                    let mut value = serde_json::to_value(EntryView(entry)).expect("JSON");
                    value.as_object_mut().map(|map| map.remove("line"));
                    value
                })
                .collect()
        };
        for (old, same_bytes) in logs {
            let settings = edit::Settings::default();
            let mut one_by_one = old.to_string();
            let mut ids = Vec::new();
            for draft in &drafts[..drafts.len() - 1] {
                let insertion = edit::insert(&one_by_one, draft, &settings).expect("placed");
                one_by_one.insert_str(insertion.offset, &insertion.text);
                ids.push(insertion.id);
            }
            let planned = plan(old, &drafts, &settings);
            assert_eq!(entries(&planned.text), entries(&one_by_one), "{old}");
            if same_bytes {
                assert_eq!(planned.text, one_by_one, "{old}");
            }
            let added: Vec<&str> = planned
                .added
                .iter()
                .map(|added| added.id.as_str())
                .collect();
            assert_eq!(added, ids, "{old}");
            assert_eq!(planned.skipped, ["2026-11-01-imported-3"], "{old}");
            assert!(verify(old, &planned.text, &planned.added).is_ok(), "{old}");
        }
    }

    /// The windows are the fast path and leave no trace in the result (the whole-log
    /// planner gives the same entries), so this checks that they are taken: each month
    /// the log has goes to a window, in file order; a month nested in another's
    /// section, whose window would overlap it, goes to the whole-log planner.
    #[test]
    fn each_month_a_window_can_decide_for_is_planned_on_one() {
        let settings = edit::Settings::default();
        let november = [draft(1, "2026-11-30"), draft(2, "2026-11-01")];
        let october = [draft(3, "2026-10-20")];
        let months: Vec<Vec<&Draft>> = vec![
            november.iter().collect(),
            Vec::new(),
            october.iter().collect(),
        ];
        let log = include_str!("../../tests/fixtures/canonical.md");
        let (windows, whole) = on_windows(log, &months, &settings);
        let windowed: Vec<usize> = windows.iter().map(|&(_, month)| month).collect();
        assert_eq!((windowed, whole), (vec![2, 0], vec![]));
        let nested = "# Log\n\n## November 2026\n\n### A\n- **Date**: 2026-11-02\n\n\
                      ### December 2026\n\n#### B\n- **Date**: 2026-12-02\n";
        let december = [draft(4, "2026-12-09")];
        let months: Vec<Vec<&Draft>> = vec![december.iter().collect(), months[0].clone()];
        let (windows, whole) = on_windows(nested, &months, &settings);
        let windowed: Vec<usize> = windows.iter().map(|&(_, month)| month).collect();
        assert_eq!((windowed, whole), (vec![1], vec![0]));
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
        // Same ids in the same months, but an old entry's bytes changed.
        let edited = new.replace(
            "- **Date**: 2026-11-02\n",
            "- **Date**: 2026-11-02\n- **Results**: forged\n",
        );
        for wrong in [
            lost,
            renamed.as_str(),
            extra.as_str(),
            moved.as_str(),
            edited.as_str(),
        ] {
            let error = verify(OLD, wrong, &cut).expect_err(wrong).to_string();
            assert!(error.contains("the log was not changed"), "{error}");
        }
    }
}
