//! `brag show ID`: one entry in full, found by its id, part of it or title words.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::read::Reader;
use crate::render::{schema, show};
use crate::store;

pub fn run(context: &Context, args: &ShowArgs, out: &mut impl Write) -> Result<ExitCode> {
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let reader = Reader::new(text);
    let entry = &reader.read_one(reader.find(&args.id)?);
    match args.output.format() {
        ShowFormat::Text => show::text(out, entry, &context.log_path)?,
        ShowFormat::Md => writeln!(out, "{}", text[entry.span.clone()].trim_end())?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &schema::EntryView(entry))?;
            writeln!(out)?;
        }
        ShowFormat::Yaml => serde_yaml::to_writer(&mut *out, &schema::EntryView(entry))?,
    }
    Ok(ExitCode::SUCCESS)
}
