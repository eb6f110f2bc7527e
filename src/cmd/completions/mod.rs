//! `brag completions SHELL`: the shell's completion script, from the command line's
//! own definition (`cli::write_completions`), so it never lags behind a new flag. For
//! bash and fish, a few lines follow that complete tags, entry ids and period words from
//! the log in use (`dynamic.bash`, `dynamic.fish`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{self, CompletionsArgs, Shell};

pub fn run(args: &CompletionsArgs, out: &mut impl Write) -> Result<ExitCode> {
    cli::write_completions(args.shell, out);
    let dynamic = match args.shell {
        Shell::Bash => include_str!("dynamic.bash"),
        Shell::Fish => include_str!("dynamic.fish"),
        Shell::Zsh | Shell::Elvish | Shell::Powershell => "",
    };
    out.write_all(dynamic.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
