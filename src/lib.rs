//! brag: a command-line achievement log in STAR form, kept as plain Markdown.
//!
//! [`run`] is the whole program: it parses the command line, builds the [`app::Context`],
//! dispatches to one `cmd` module, and is the one place that renders errors and picks
//! the exit code (0 success, 1 error, 2 usage error, 3 a write done whose git
//! commit failed).
//!
//! # Design
//!
//! - brag never re-serialises the log: readers keep byte spans into the text, and
//!   writers insert. Nothing the person wrote is dropped: text brag cannot place becomes
//!   notes or an extra field, and `brag check` says where.
//! - Decisions where the design is silent: `--limit N` keeps the N most recent matches
//!   (like `jrnl -n`); `--grep` and tags ignore ASCII case only; a fiscal year is named
//!   after the year it starts in; a month name alone means the most recent such month; an
//!   entry's `month` is the month heading it is filed under.
//! - Speed: the reader works in two levels (a line scan, then pulldown-cmark per entry);
//!   `benches/README.md` has the numbers and how they were measured.
//!
//! # Map
//!
//! [`read`] ([`read::outline`], level one, the line scan, and its pulldown-cmark reference), [`read::entry`]
//! (level two, one entry), [`read::parse`] (the grammar, in its module doc), [`filter`],
//! [`period`], [`render`], [`edit`] (where a new entry goes, how it is written, and the
//! proof that nothing else changed), [`store`] (the lock and the atomic write), [`threads`]
//! (work split across the cores), [`cmd`] (one file per command). Tests: `tests/lib.rs` is
//! the one integration binary (`tests/readme.rs` runs the README's examples); the
//! placement table tests and their property test are in `src/edit/tests.rs`. The
//! reference pages of `brag help TOPIC` are `docs/help/TOPIC.md`.

use std::io::Write;
use std::process::ExitCode;

pub mod app;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod editor;
pub mod filter;
pub mod git;
pub mod lint;
pub mod markdown;
pub mod measurable;
pub mod model;
pub mod period;
pub mod query;
pub mod read;
pub mod render;
pub mod rubric;
pub mod store;
pub mod suggest;
pub mod threads;
pub mod undo;
pub mod words;

use cli::{Cli, Command};

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = cli::parse();
    let stdout = std::io::stdout();
    // Large listings write megabytes: 64 KiB at a time, not 8.
    let mut out = std::io::BufWriter::with_capacity(64 << 10, stdout.lock());
    let result = dispatch(&cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("brag: {error:#}");
            if error.downcast_ref::<git::CommitFailed>().is_some() {
                ExitCode::from(git::COMMIT_FAILED)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn dispatch(cli: &Cli, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    // Built only by the commands that read the log, config or date.
    let context = || app::Context::new(cli);
    match &cli.command {
        Command::List(args) => cmd::list::run(&context()?, args, out),
        Command::Show(args) => cmd::show::run(&context()?, args, out),
        Command::Tags(args) => cmd::tags::run(&context()?, args, out),
        Command::Check(args) => cmd::check::run(&context()?, args, out),
        Command::Stats(args) => cmd::stats::run(&context()?, args, out),
        Command::Remind(args) => cmd::remind::run(&context()?, args, out),
        Command::Export(args) => cmd::export::run(&context()?, args, out),
        Command::Add(args) => cmd::add::run(&context()?, args, out),
        Command::Amend(args) => cmd::amend::run(&context()?, args, out),
        Command::Rm(args) => cmd::rm::run(&context()?, args, out),
        Command::Import(args) => cmd::import::run(&context()?, args, out),
        Command::Git(args) => git::run(&context()?, &args.args),
        Command::Undo => cmd::undo::run(&context()?, out),
        Command::Init => cmd::init::run(&context()?, out),
        Command::Edit(args) => cmd::edit::run(&context()?, args),
        Command::Completions(args) => cmd::completions::run(args, out),
        Command::Man(args) => cmd::man::run(args, out),
        Command::Help(args) => cmd::help::run(args, out),
        Command::Path => {
            writeln!(out, "{}", context()?.absolute_log_path().display())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `brag list | head` closes the pipe early: that is success, not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) || error.chain().any(|cause| {
        cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind)
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}
