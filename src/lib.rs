//! brag: a command-line achievement log in STAR form, kept as plain Markdown.

use std::process::ExitCode;

pub mod markdown;
pub mod period;

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
