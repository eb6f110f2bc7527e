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

    /// Add an entry: from flags, in your editor, or from stdin
    #[command(after_help = "\
With a title, the entry comes from the flags. Without one, on a terminal, your editor
opens on a STAR template (like `git commit`); with `-` or a pipe, stdin holds one entry
in the log's own Markdown shape, or with --json one object with the keys of
`brag list --format json`.

The entry goes under its month heading, after the entries of its date; a missing month
is created in its place. Nothing else in the log changes: brag inserts, re-reads the
result to check it, and replaces the log atomically under a lock.

Examples:
  brag add \"Cut p95 search latency by 40%\" -r \"p95 900 -> 540 ms\" --tag performance,search
  brag add \"Mentored Ana\" --scope task --date \"last friday\" -a \"Paired weekly\" -a \"Reviewed her RFC\"
  brag add
  brag add - < entry.md
  brag list --format json | jq '.[0]' | brag add --json")]
    Add(AddArgs),

    /// Create the log and a commented config (never overwrites)
    Init,

    /// Open the log in your editor, at an entry's line
    #[command(after_help = "\
The editor is `editor` in the config, else $VISUAL, else $EDITOR, else vi.

Examples:
  brag edit
  brag edit 2026-11-03-cut-p95-search-latency")]
    Edit(EditArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What you did, in a few words; `-` reads the entry from stdin
    pub title: Option<String>,

    /// The context: what was wrong, or at stake
    #[arg(long, short = 's', value_name = "TEXT")]
    pub situation: Option<String>,

    /// What you set out to do
    #[arg(long, short = 't', value_name = "TEXT")]
    pub task: Option<String>,

    /// What you did; repeat for several
    #[arg(long = "action", short = 'a', value_name = "TEXT")]
    pub actions: Vec<String>,

    /// What changed, with a number; repeat for several
    #[arg(long = "result", short = 'r', value_name = "TEXT")]
    pub results: Vec<String>,

    /// A tag; repeat, or separate with commas
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// task, milestone, project, product or business
    #[arg(long, value_name = "SCOPE")]
    pub scope: Option<String>,

    /// The day: 2026-11-03, yesterday, last friday ... [default: today]
    #[arg(long, short = 'd', value_name = "DAY")]
    pub date: Option<String>,

    /// Read one JSON object from stdin
    #[arg(long)]
    pub json: bool,

    /// Open the editor, with the flags filled in
    #[arg(long, short = 'e', conflicts_with = "json")]
    pub edit: bool,
}

impl AddArgs {
    /// Whether any flag gives part of the entry.
    pub fn has_fields(&self) -> bool {
        self.situation.is_some()
            || self.task.is_some()
            || !self.actions.is_empty()
            || !self.results.is_empty()
            || !self.tags.is_empty()
            || self.scope.is_some()
    }
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry to open at (its id, or the start of one)
    pub id: Option<String>,
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
