//! The command line, as clap types only; `app` turns them into domain values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Keep an achievement log in STAR form, as plain Markdown.
///
/// brag reads and writes one Markdown file: month headings, one entry per win, with
/// Situation, Task, Actions and Results. Write it by hand or with `brag add`; read it
/// back with `brag list`; keep it honest with `brag check`.
#[derive(Debug, Parser)]
#[command(name = "brag", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "\
Where things live:
  log     --file, else $BRAG_FILE, else `file:` in the config, else <data dir>/brag/brag.md
  config  --config, else $BRAG_CONFIG, else <config dir>/brag/config.yaml
  `brag path` prints the log in use. BRAG_TODAY=YYYY-MM-DD pins today for scripts.

Exit codes: 0 success, 1 error (nothing written), 2 usage error.")]
pub struct Cli {
    /// The Markdown log to read and write
    #[arg(long, global = true, env = "BRAG_FILE", value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// The YAML config file
    #[arg(long, global = true, env = "BRAG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List entries, oldest first
    #[command(after_help = "\
Examples:
  brag list
  brag list --format json | jq '.[] | select(.results == null) | .id'
  brag list --format yaml")]
    List(ListArgs),

    /// Report what the reader could not place, with file:line:col
    #[command(after_help = "\
Exits 0 when the log is clean, 1 when it has errors (also on warnings with --strict).

Example:
  brag check --strict")]
    Check(CheckArgs),

    /// Print the path of the log in use
    Path,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One line per entry: date, title, tags
    Table,
    /// The entry schema as a JSON array (see README)
    Json,
    /// The entry schema as a YAML sequence
    Yaml,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Exit 1 on warnings too
    #[arg(long)]
    pub strict: bool,
}
