//! `brag add`: one new entry, from flags, the editor or stdin, inserted under its month.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::NaiveDate;

use crate::app::{Context, shell_word};
use crate::cli::AddArgs;
use crate::edit::{self, Draft, Insertion, Settings, draft, window};
use crate::measurable::is_measurable;
use crate::model::YearMonth;
use crate::period::Calendar;
use crate::read::{Reader, outline};
use crate::store::{self, Locked, Opened};
use crate::undo::{self, Record};
use crate::{editor, git, query};

/// From this size on, a log is planned on a window (see `edit::window`).
const WINDOW_FROM: usize = 1 << 20;
/// The chunk in which a large log is streamed to find its headings.
pub(super) const CHUNK: usize = 256 << 10;

pub fn run(context: &Context, args: &AddArgs, out: &mut impl Write) -> Result<ExitCode> {
    let calendar = context.calendar();
    let given = query::day(args.date.as_deref(), &calendar)?;
    let date = given.unwrap_or(context.today);
    let (added, draft) = match source(args, std::io::stdin().is_terminal())? {
        Source::Flags(title) => {
            let draft = from_flags(title, date, args)?;
            (add(context, &draft, args.allow_duplicate)?, draft)
        }
        Source::Stdin { json } => {
            let text = read_stdin(std::io::stdin().lock())?;
            if text.trim().is_empty() {
                bail!(
                    "stdin is empty: pipe one entry in, or give a title: brag add \"What you did\""
                );
            }
            let draft = if json {
                draft::from_json("stdin", &text, date, &calendar)?
            } else {
                let title_date = match given {
                    Some(_) => draft::TitleDate::Overridden,
                    None => draft::TitleDate::Kept,
                };
                draft::from_markdown_dated("stdin", &text, date, title_date, &calendar)?
            };
            (add(context, &draft, args.allow_duplicate)?, draft)
        }
        Source::Editor => edit_and_add(context, args, date, &calendar)?,
    };
    writeln!(
        out,
        "added {} under {} ({}:{})",
        added.id,
        added.month.in_words(),
        context.log_path.display(),
        added.line
    )?;
    if let Some(heading) = &added.dated_section {
        // After the line it explains.
        out.flush()?;
        eprintln!(
            "note: the log had no month headings, so brag added the section `{heading}` \
             at its end for this entry"
        );
    }
    let edit = context.brag(&format!("edit {}", added.id));
    if let Some(hint) = coaching(&draft, &edit) {
        // After the line it comments on.
        out.flush()?;
        eprintln!("hint: {hint}");
    }
    out.flush()?;
    git::commit_log(context, &format!("brag: add {}", draft.title))?;
    Ok(ExitCode::SUCCESS)
}

/// The most stdin may hold: one entry is a few KiB, a long one a few hundred.
const STDIN_LIMIT: u64 = 4 << 20;

/// One entry's text from stdin, at most [`STDIN_LIMIT`] bytes: an endless or huge
/// stream (`yes | brag add -`) is an error, not a process that grows until it is killed.
fn read_stdin(stdin: impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    stdin
        .take(STDIN_LIMIT + 1)
        .read_to_end(&mut bytes)
        .context("cannot read the entry from stdin")?;
    if bytes.len() as u64 > STDIN_LIMIT {
        bail!(
            "stdin holds more than {}, far more than one entry; pipe in one entry",
            store::size_words(STDIN_LIMIT)
        );
    }
    String::from_utf8(bytes).map_err(|error| {
        anyhow!(
            "stdin is not valid UTF-8 (at byte {}); pipe in UTF-8 text",
            error.utf8_error().valid_up_to()
        )
    })
}

/// Where the entry comes from.
#[derive(Debug, PartialEq, Eq)]
enum Source<'a> {
    /// A title and flags.
    Flags(&'a str),
    /// One entry on stdin, as Markdown or JSON.
    Stdin { json: bool },
    /// The editor, on the entry template.
    Editor,
}

fn source(args: &AddArgs, terminal: bool) -> Result<Source<'_>> {
    let dash = args.title.as_deref() == Some("-");
    let reads_stdin = args.json || dash;
    if reads_stdin && args.fields.any() {
        bail!(
            "the entry comes from stdin, so its fields go there too; \
             only --date can be given with it"
        );
    }
    if args.json {
        if args.title.is_some() && !dash {
            bail!("--json reads the whole entry from stdin; put the title in it");
        }
        return Ok(Source::Stdin { json: true });
    }
    if dash {
        if args.edit {
            bail!("--edit cannot take the entry from stdin");
        }
        return Ok(Source::Stdin { json: false });
    }
    Ok(match &args.title {
        _ if args.edit => Source::Editor,
        Some(title) => Source::Flags(title),
        None if terminal => Source::Editor,
        None if args.fields.any() => {
            bail!("give the entry a title: brag add \"What you did\" ...")
        }
        None => Source::Stdin { json: false },
    })
}

/// The entry the flags describe.
fn from_flags(title: &str, date: NaiveDate, args: &AddArgs) -> Result<Draft> {
    let mut draft = Draft::new(title, date)?;
    draft.tags = draft::tags(args.fields.tags.iter().map(String::as_str))?;
    draft.scope = args.fields.scope.as_deref().map(draft::scope).transpose()?;
    draft.star.situation = args.fields.situation.as_deref().and_then(draft::text);
    draft.star.task = args.fields.task.as_deref().and_then(draft::text);
    draft.star.actions = draft::items(&args.fields.actions);
    draft.star.results = draft::items(&args.fields.results);
    Ok(draft)
}

/// What `brag add` reports.
#[derive(Debug)]
struct Report {
    id: String,
    month: YearMonth,
    line: usize,
    /// See [`Insertion::dated_section`].
    dated_section: Option<String>,
}

impl From<&Insertion> for Report {
    fn from(insertion: &Insertion) -> Self {
        Self {
            id: insertion.id.clone(),
            month: insertion.month,
            line: insertion.line,
            dated_section: insertion.dated_section.clone(),
        }
    }
}

/// Adds `draft` to the log, creating the log from its template if there is none.
/// Unless `duplicates` are allowed, an entry of the same date and title is refused.
fn add(context: &Context, draft: &Draft, duplicates: bool) -> Result<Report> {
    let settings = context.edit_settings();
    let refuse = |text: &str| match duplicate(text, draft) {
        Some(id) if !duplicates => Err(anyhow!(
            "{id} already has this date and title; the log was not changed\n  \
             `{}` shows it; add --allow-duplicate to add a second one",
            context.brag(&format!("show {id}"))
        )),
        _ => Ok(()),
    };
    loop {
        match store::lock(&context.log_path)? {
            Opened::Existing(log) => return add_to(&log, draft, &settings, &refuse),
            Opened::Missing(target) => {
                let mut text = context.template("log.md")?;
                let insertion = edit::insert(&text, draft, &settings).map_err(refused)?;
                text.insert_str(insertion.offset, &insertion.text);
                if store::create_new(&target, text.as_bytes())? {
                    return Ok(Report::from(&insertion));
                }
                // Another brag created the log meanwhile: add to that one.
            }
        }
    }
}

fn refused(error: anyhow::Error) -> anyhow::Error {
    anyhow!("cannot add the entry safely: {error:#}; the log was not changed")
}

/// [`refused`], naming a code fence or HTML comment in `text` that is never closed:
/// the usual reason a new entry would not read back.
fn refused_in(text: &str, error: anyhow::Error) -> anyhow::Error {
    match crate::markdown::unclosed(text) {
        Some(open) => {
            let line = crate::text::LineIndex::new(text).line(open.offset);
            anyhow!(
                "cannot add the entry: the {} at line {line} is never closed, so the new \
                 entry would be read as part of it; close it with {} and add again; the log \
                 was not changed",
                open.what,
                open.closer
            )
        }
        None => refused(error),
    }
}

/// Plans on a window of a large log where one decides, else on the whole log, and
/// writes the result. The log's copy is on its way to disk while the plan is made.
fn add_to(
    log: &Locked,
    draft: &Draft,
    settings: &Settings,
    refuse: &dyn Fn(&str) -> Result<()>,
) -> Result<Report> {
    let copy = log.start_copy()?;
    let windowed = if log.size() >= WINDOW_FROM {
        match outline::scan_headings(log.reader()?, CHUNK)? {
            Some(headings) => {
                window::insert(&headings, |range| log.read_range(range), draft, settings)?
            }
            None => None,
        }
    } else {
        None
    };
    let (insertion, checked, new_text) = match windowed {
        Some(done) => {
            let window = log.read_range(done.range.clone())?;
            refuse(&String::from_utf8_lossy(&window))?;
            let checked = done.range.start..done.range.end + done.insertion.text.len();
            (done.insertion, checked, done.new_text)
        }
        None => {
            let mut text = log.read_all()?;
            refuse(&text)?;
            let insertion =
                edit::insert(&text, draft, settings).map_err(|error| refused_in(&text, error))?;
            text.insert_str(insertion.offset, &insertion.text);
            (insertion, 0..text.len(), text)
        }
    };
    let written = log.insert(
        copy,
        insertion.offset,
        insertion.text.as_bytes(),
        (checked, new_text.as_bytes()),
    )?;
    undo::save(
        log.path(),
        &Record {
            what: format!("added {}", insertion.id),
            written,
            start: insertion.offset,
            new: insertion.text.clone().into_bytes(),
            old: Vec::new(),
        },
    );
    Ok(Report::from(&insertion))
}

/// The id of an entry in `text` that `draft` would duplicate, if there is one.
fn duplicate(text: &str, draft: &Draft) -> Option<String> {
    Reader::new(text).same_date_and_title(draft.date, &draft.title)
}

/// Opens the editor on the entry template (with what the flags give filled in), then
/// adds what comes back. An unchanged or empty entry adds nothing; if the entry cannot
/// be added, it is kept in a file whose path the error gives.
fn edit_and_add(
    context: &Context,
    args: &AddArgs,
    date: NaiveDate,
    calendar: &Calendar,
) -> Result<(Report, Draft)> {
    let editor = context.editor.as_deref().unwrap_or(editor::FALLBACK);
    let template = fill(&context.template("entry.md")?, args, date);
    let mut buffer = draft_file(context.data_dir.as_deref())?;
    buffer.write_all(template.as_bytes())?;
    buffer.flush()?;
    let path = buffer.path().to_path_buf();
    let edited = editor::open(editor, &path, None)
        .and_then(|()| std::fs::read_to_string(&path).context("cannot read the entry back"));
    let keep = |buffer: tempfile::NamedTempFile, error: anyhow::Error| -> anyhow::Error {
        match buffer.keep() {
            Ok((_, kept)) => anyhow!(
                "{error:#}\n  your entry is saved in {}; fix it, then: {}",
                kept.display(),
                context.brag(&format!("add - < {}", shell_word(&kept.to_string_lossy())))
            ),
            Err(_) => error,
        }
    };
    let edited = match edited {
        Ok(text) => text,
        Err(error) if std::fs::read_to_string(&path).is_ok_and(|text| text != template) => {
            return Err(keep(buffer, error));
        }
        Err(error) => return Err(error),
    };
    if edited == template {
        bail!("no entry added: the entry was left unchanged");
    }
    if draft::strip_guidance(&edited).trim().is_empty() {
        bail!("no entry added: the entry was left empty");
    }
    let added = draft::from_markdown(&path.display().to_string(), &edited, date, calendar)
        .and_then(|draft| Ok((add(context, &draft, args.allow_duplicate)?, draft)));
    added.map_err(|error| keep(buffer, error))
}

/// A file for the editor in `<data dir>/brag/drafts` (private, like the log; never
/// beside a log that may be kept in git), else in the temporary folder.
fn draft_file(data_dir: Option<&std::path::Path>) -> Result<tempfile::NamedTempFile> {
    let builder = || {
        let mut builder = tempfile::Builder::new();
        builder.prefix("draft-").suffix(".md");
        builder
    };
    let in_data = data_dir.map(|dir| dir.join("drafts")).and_then(|folder| {
        store::create_folder(&folder).ok()?;
        builder().tempfile_in(&folder).ok()
    });
    match in_data {
        Some(file) => Ok(file),
        None => builder()
            .tempfile()
            .context("cannot create a file for the editor"),
    }
}

/// The entry template with `{title}`, `{date}` and the fields from the flags filled in.
/// A value of several lines goes on the lines after its label, indented.
fn fill(template: &str, args: &AddArgs, date: NaiveDate) -> String {
    let list = |items: &[String]| match items {
        [one] => one.clone(),
        _ => items
            .iter()
            .map(|item| format!("- {item}"))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let title = args.title.as_deref().filter(|title| *title != "-");
    let values = [
        ("{title}", title.unwrap_or("").to_string()),
        ("{date}", date.format("%Y-%m-%d").to_string()),
        ("{tags}", args.fields.tags.join(", ")),
        ("{scope}", args.fields.scope.clone().unwrap_or_default()),
        (
            "{situation}",
            args.fields.situation.clone().unwrap_or_default(),
        ),
        ("{task}", args.fields.task.clone().unwrap_or_default()),
        ("{actions}", list(&args.fields.actions)),
        ("{results}", list(&args.fields.results)),
    ];
    // One pass over each line, so that a value holding `{date}` (a title, say) is
    // written as typed, not filled in again.
    let mut out = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        let (body, ending) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let mut filled = String::with_capacity(body.len());
        let mut below = Vec::new();
        let mut rest = body;
        while let Some(at) = rest.find('{') {
            filled.push_str(&rest[..at]);
            rest = &rest[at..];
            match values.iter().find(|(key, _)| rest.starts_with(key)) {
                Some((key, value)) if value.contains('\n') => {
                    below.extend(value.lines().map(|part| format!("  {part}")));
                    rest = &rest[key.len()..];
                }
                Some((key, value)) => {
                    filled.push_str(value);
                    rest = &rest[key.len()..];
                }
                None => {
                    filled.push('{');
                    rest = &rest[1..];
                }
            }
        }
        filled.push_str(rest);
        if !below.is_empty() {
            filled.truncate(filled.trim_end().len());
            for part in below {
                filled.push('\n');
                filled.push_str(part.trim_end());
            }
        }
        out.push_str(&filled);
        out.push_str(ending);
    }
    out
}

/// A nudge toward evidence: Results missing, or not measurable (see `measurable`);
/// `edit` is the command that opens the entry.
fn coaching(draft: &Draft, edit: &str) -> Option<String> {
    match draft.results_text() {
        None => Some(format!(
            "no Results yet. What changed because of it, and by how much? \
             Add them with `{edit}`"
        )),
        Some(results) if !is_measurable(&results) => Some(format!(
            "Results has no measurable change. A number with a unit (ms, %, $, 3x, \
             900 -> 540, hours, people) makes it evidence: `{edit}`"
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &[&str]) -> AddArgs {
        let cli = crate::cli::parse_from(["add"].iter().chain(line));
        match cli.command {
            crate::cli::Command::Add(args) => args,
            _ => unreachable!("an add command"),
        }
    }

    #[test]
    fn where_the_entry_comes_from() {
        let cases: &[(&[&str], bool, Result<Source<'_>, &str>)] = &[
            (&["Did it"], false, Ok(Source::Flags("Did it"))),
            (&["Did it", "-e"], false, Ok(Source::Editor)),
            (&[], true, Ok(Source::Editor)),
            (&[], false, Ok(Source::Stdin { json: false })),
            (&["-"], true, Ok(Source::Stdin { json: false })),
            (&["--json"], true, Ok(Source::Stdin { json: true })),
            (&["-", "--tag", "x"], false, Err("fields go there too")),
            (&["Did it", "--json"], false, Err("put the title in it")),
            (&["--result", "3x"], false, Err("give the entry a title")),
        ];
        for (line, terminal, expected) in cases {
            let args = args(line);
            let found = source(&args, *terminal).map_err(|e| e.to_string());
            match (found, expected) {
                (Ok(found), Ok(expected)) => assert_eq!(&found, expected, "{line:?}"),
                (Err(found), Err(expected)) => {
                    assert!(found.contains(expected), "{line:?}: {found}")
                }
                (found, expected) => panic!("{line:?}: {found:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn the_template_is_filled_from_the_flags() {
        let template = "### {title}\n- **Date**: {date}\n- **Tags**: {tags}\n- **Actions**: {actions}\n- **Results**: {results}\n";
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).expect("date");
        let filled = fill(
            template,
            &args(&["Did it", "--tag", "a", "-a", "one", "-a", "two", "-r", "3x"]),
            date,
        );
        assert_eq!(
            filled,
            "### Did it\n- **Date**: 2026-11-03\n- **Tags**: a\n- **Actions**:\n  - one\n  - two\n- **Results**: 3x\n"
        );
    }

    #[test]
    fn values_are_filled_in_once() {
        let template = "### {title}\n- **Date**: {date}\n";
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).expect("date");
        let filled = fill(template, &args(&["Moved {date} to {tags}"]), date);
        assert_eq!(
            filled,
            "### Moved {date} to {tags}\n- **Date**: 2026-11-03\n"
        );
    }

    #[test]
    fn coaching_asks_for_numbers() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).expect("date");
        let mut draft = Draft::new("Did it", date).expect("draft");
        assert!(coaching(&draft, "brag edit x").is_some_and(|hint| hint.starts_with("no Results")));
        draft.star.results = draft::text("much faster");
        assert!(coaching(&draft, "brag edit x").is_some_and(|hint| hint.contains("no measurable")));
        draft.star.results = draft::text("p95 is better.");
        assert!(coaching(&draft, "brag edit x").is_some_and(|hint| hint.contains("no measurable")));
        draft.star.results = draft::text("p95 900 to 540 ms");
        assert_eq!(coaching(&draft, "brag edit x"), None);
    }
}
