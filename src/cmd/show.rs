//! `brag show ID`: one entry in full, found by its id, part of it or title words.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::model::Entry;
use crate::read::Reader;
use crate::render::schema;
use crate::store;

pub fn run(context: &Context, args: &ShowArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let reader = Reader::new(text);
    let entry = &reader.read_one(reader.find(&args.id)?);
    match args.format() {
        ShowFormat::Text => write_text(out, context, entry)?,
        ShowFormat::Md => writeln!(out, "{}", text[entry.span.clone()].trim_end())?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &schema::EntryView(entry))?;
            writeln!(out)?;
        }
        ShowFormat::Yaml => serde_yaml::to_writer(&mut *out, &schema::EntryView(entry))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, context: &Context, entry: &Entry<'_>) -> Result<()> {
    writeln!(out, "{}", entry.title)?;
    let mut facts = vec![
        entry
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string()),
    ];
    if let Some(scope) = entry.scope {
        facts.push(scope.to_string());
    }
    if !entry.tags.is_empty() {
        facts.push(
            entry
                .tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    writeln!(out, "{}", facts.join("  ·  "))?;
    writeln!(
        out,
        "{}  {}:{}",
        entry.id,
        context.log_path.display(),
        entry.line
    )?;
    let mut section = |name: &str, body: String| -> Result<()> {
        writeln!(out, "\n{name}")?;
        for line in body.lines() {
            writeln!(out, "  {line}")?;
        }
        Ok(())
    };
    for (name, text) in [
        ("Situation", entry.situation),
        ("Task", entry.task),
        ("Actions", entry.actions),
        ("Results", entry.results),
    ] {
        if let Some(text) = text {
            section(name, text.to_string())?;
        }
    }
    for field in entry.other_fields() {
        section(field.label, field.body.to_string())?;
    }
    if let Some(notes) = schema::notes(entry) {
        section("Notes", notes)?;
    }
    Ok(())
}
