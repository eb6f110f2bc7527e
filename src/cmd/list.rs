//! `brag list`: the entries that match the filters, as a table, Markdown, JSON, YAML,
//! TSV or ids.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{ColorChoice, FilterArgs, ListArgs, ListFormat};
use crate::filter::Filter;
use crate::read::{Head, Reader};
use crate::render::table::Row;
use crate::render::{list, plural, schema, table};
use crate::{query, suggest};

pub fn run(context: &Context, args: &ListArgs, out: &mut impl Write) -> Result<ExitCode> {
    let filter = query::filter(&args.filters, &context.calendar())?;
    super::with_selection(context, &filter, &args.filters, |text, reader, heads| {
        match args.output.format() {
            ListFormat::Table => {
                let rows = rows(reader, heads, args.ids);
                let layout = table::Layout {
                    width: std::io::stdout()
                        .is_terminal()
                        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
                        .flatten(),
                    color: use_color(args.color),
                };
                table::write(out, &summary(&filter, rows.len()), &rows, layout)?;
            }
            ListFormat::Md => {
                let (entries, _) = reader.read(heads);
                list::markdown(out, text, &entries)?;
            }
            ListFormat::Json => {
                out.write_all(schema::json_open(heads.len()))?;
                reader.stream(heads, schema::json_items, out)?;
                out.write_all(schema::json_close(heads.len()))?;
            }
            ListFormat::Yaml if heads.is_empty() => out.write_all(b"[]\n")?,
            ListFormat::Yaml => {
                reader.stream(heads, |_, entries| schema::yaml_items(entries), out)?
            }
            ListFormat::Tsv => {
                out.write_all(list::TSV_HEADER)?;
                reader.stream(heads, |_, entries| list::tsv_rows(entries), out)?;
            }
            ListFormat::Ids => {
                for head in heads {
                    writeln!(out, "{}", reader.id(head))?;
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// For a filter that chose nothing: a line on stderr when the log has text but no entry
/// ([`no_entries_read`]), and a hint for each asked-for tag that no entry carries, with
/// the log's tag closest to it (`on-call` for `oncall`).
pub fn hint_when_none(
    context: &Context,
    text: &str,
    reader: &Reader<'_>,
    chosen: &[&Head<'_>],
    filters: &FilterArgs,
) {
    if chosen.is_empty() {
        no_entries_read(context, text, reader);
        for hint in tag_hints(reader, filters) {
            eprintln!("hint: {hint}");
        }
    }
}

/// For a log with text but no entry brag can read, one line on stderr that says so and
/// points at `brag check`, instead of leaving the person to think no entry matched.
fn no_entries_read(context: &Context, text: &str, reader: &Reader<'_>) {
    if !reader.all().is_empty() {
        return;
    }
    let (_, unplaced) = crate::read::parse::unplaced(text);
    if unplaced > 0 {
        eprintln!(
            "brag: {} has {} of text but no entry brag can read; `brag check` shows where",
            context.log_path.display(),
            crate::render::plural(unplaced, "line", "lines")
        );
    }
}

/// Each asked-for tag that no entry carries, with the log's tag closest to it.
fn tag_hints(reader: &Reader<'_>, filters: &FilterArgs) -> Vec<String> {
    let asked: Vec<&String> = filters.tag.iter().chain(&filters.any_tag).collect();
    if asked.is_empty() {
        return Vec::new();
    }
    let mut known: Vec<String> = reader
        .map(&reader.all(), |entry| {
            entry
                .tags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
    known.sort_by_key(|tag| tag.to_lowercase());
    known.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    asked
        .into_iter()
        .filter(|tag| !known.iter().any(|known| known.eq_ignore_ascii_case(tag)))
        .map(
            |tag| match suggest::closest(tag, known.iter().map(String::as_str)) {
                Some(near) => format!("no entry has the tag `{tag}`; did you mean `{near}`?"),
                None => format!("no entry has the tag `{tag}`; `brag tags` lists them"),
            },
        )
        .collect()
}

/// The table's rows; with `ids`, each entry's id.
fn rows<'a>(reader: &Reader<'a>, heads: &[&Head<'a>], ids: bool) -> Vec<Row<'a>> {
    heads
        .iter()
        .zip(reader.summaries(heads))
        .map(|(head, summary)| Row {
            id: ids.then(|| reader.id(head)),
            summary,
        })
        .collect()
}

/// `3 entries from 2026-05-01 to 2026-11-23, tag mentoring`
pub fn summary(filter: &Filter, count: usize) -> String {
    let mut line = format!(
        "{}, {}",
        plural(count, "entry", "entries"),
        filter.describe_range()
    );
    for part in filter.describe() {
        line.push_str(", ");
        line.push_str(&part);
    }
    line
}

/// Colour on a terminal that is not `TERM=dumb`, or wherever `CLICOLOR_FORCE` asks
/// for it; never when `NO_COLOR` is set. `always` and `never` decide alone.
pub fn use_color(choice: ColorChoice) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto
            if set("CLICOLOR_FORCE") && std::env::var_os("CLICOLOR_FORCE") != Some("0".into()) =>
        {
            true
        }
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
        }
    }
}
