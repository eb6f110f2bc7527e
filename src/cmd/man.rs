//! `brag man`: the man page in roff, from the command line's own definition
//! (clap_mangen), so it never lags behind a new flag.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory as _;

use crate::cli::Cli;

pub fn run(out: &mut impl Write) -> Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
