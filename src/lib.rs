//! brag: a command-line achievement log in STAR form, kept as plain Markdown.

use std::process::ExitCode;

pub mod dates;
pub mod diagnostic;
pub mod entry;
pub mod heading;
pub mod label;
pub mod markdown;
pub mod model;
pub mod outline;
pub mod parse;
pub mod period;

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
