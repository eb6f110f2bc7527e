//! `brag list`: the entries, oldest first, as a table, JSON or YAML.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::render::{schema, table};
use crate::{parse, store};

pub fn run(context: &Context, args: &ListArgs, out: &mut impl Write) -> Result<ExitCode> {
    let text = store::read_log(&context.log_path)?;
    let index = parse::Index::new(&text);
    let heads = index.all();
    match args.format {
        ListFormat::Table => index.render(
            &heads,
            |_, entries| {
                let mut bytes = Vec::new();
                table::write(&mut bytes, entries)?;
                Ok(bytes)
            },
            out,
        )?,
        ListFormat::Json => {
            out.write_all(schema::json_open(heads.len()))?;
            index.render(&heads, schema::json_items, out)?;
            out.write_all(schema::json_close(heads.len()))?;
        }
        ListFormat::Yaml if heads.is_empty() => out.write_all(b"[]\n")?,
        ListFormat::Yaml => index.render(&heads, |_, entries| schema::yaml_items(entries), out)?,
    }
    Ok(ExitCode::SUCCESS)
}
