//! `brag help [TOPIC]`: the reference that does not fit in `--help`, as pages embedded
//! from `docs/help/*.md` (plain Markdown, readable as text); `brag help COMMAND` is that
//! command's `--help`, and `brag help` alone the overview.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{self, HelpArgs};
use anyhow::{Result, bail};

/// Every topic, in the order `brag help`'s own help lists them, with its page.
const TOPICS: &[(&str, &str)] = &[
    ("format", include_str!("../../docs/help/format.md")),
    ("writing", include_str!("../../docs/help/writing.md")),
    ("commands", include_str!("../../docs/help/commands.md")),
    ("periods", include_str!("../../docs/help/periods.md")),
    ("schema", include_str!("../../docs/help/schema.md")),
    ("config", include_str!("../../docs/help/config.md")),
    ("packet", include_str!("../../docs/help/packet.md")),
    ("templates", include_str!("../../docs/help/templates.md")),
    ("lints", include_str!("../../docs/help/lints.md")),
];

pub fn run(args: &HelpArgs, out: &mut impl Write) -> Result<ExitCode> {
    let Some(topic) = args.topic.as_deref() else {
        return print_help(&["brag", "--help"], out);
    };
    if let Some((_, page)) = TOPICS.iter().find(|(name, _)| *name == topic) {
        out.write_all(page.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli::is_command(topic) {
        return print_help(&["brag", topic, "--help"], out);
    }
    let topics: Vec<&str> = TOPICS.iter().map(|(name, _)| *name).collect();
    bail!(
        "no help topic or command `{topic}`; topics: {}; or a command (`brag --help` lists them)",
        topics.join(", ")
    )
}

/// Prints exactly what `ARGS` (ending in `--help`) prints.
fn print_help(args: &[&str], out: &mut impl Write) -> Result<ExitCode> {
    match cli::help(args) {
        Some(help) => {
            write!(out, "{help}")?;
            Ok(ExitCode::SUCCESS)
        }
        None => bail!("internal error: `{}` printed no help", args.join(" ")),
    }
}
