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

    /// Write an evidence packet for a promotion document: summary, grouped entries, gaps
    #[command(after_help = "\
Examples:
  brag export --since H1 > packet.md
  brag export --since 2026-01 --by competency --rubric staff --format html -o packet.html
  brag export --on 2026 --by tag --brief --title \"2026 impact\"
  brag export --format json | jq '.groups[].name'

Templates: md, html and txt packets are minijinja templates. A file named like a built-in
one (export.md.j2, export.html.j2, export.txt.j2) in <config dir>/brag/templates/
overrides it; --template NAME|PATH uses any template.

Entries tagged `private` (or a tag in `private_tags:` in the config) are left out unless
--include-private is given; the packet says how many were left out.")]
    Export(ExportArgs),

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

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: ExportFilterArgs,

    /// Output format [default: md, or the one a --template file's name ends with]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ExportFormat>,

    /// Group entries by month, tag, scope or competency [default: month, or competency with --rubric]
    #[arg(long, value_enum)]
    pub by: Option<GroupBy>,

    /// A built-in rubric for --by competency, instead of `competencies:` in the config
    #[arg(long, value_enum, value_name = "NAME")]
    pub rubric: Option<RubricName>,

    /// One line per entry: its title and results, for an impact list
    #[arg(long)]
    pub brief: bool,

    /// The packet's title [default: Evidence packet]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Write to FILE instead of standard output (never over the log itself)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A template name (looked up in <config dir>/brag/templates/, then built in) or a path
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,

    /// Keep entries tagged `private` (or with a tag from `private_tags:`)
    #[arg(long)]
    pub include_private: bool,
}

/// The filters `brag export` takes for now; the shared filter group replaces them.
#[derive(Debug, Default, Args)]
pub struct ExportFilterArgs {
    /// Entries on or after the start of this date or period (2026-05-01, 2026-05, Q3, H1, last month)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Entries on or before the end of this date or period
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    /// Entries within this date or period (2026, 2026Q3, last quarter)
    #[arg(long, value_name = "WHEN", conflicts_with_all = ["since", "until"])]
    pub on: Option<String>,

    /// Entries carrying this tag (repeat for entries carrying all of them)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown, to paste into a document
    Md,
    /// One self-contained HTML file, for screen and print
    Html,
    /// The packet as JSON, entries in the `brag list` schema
    Json,
    /// The packet as YAML
    Yaml,
    /// Plain text wrapped at 80 columns, for email
    Txt,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
            ExportFormat::Yaml => "yaml",
            ExportFormat::Txt => "txt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One group per month, oldest first
    Month,
    /// One group per tag, most used first; an entry appears under each of its tags
    Tag,
    /// The scope ladder, business first
    Scope,
    /// The rubric's competencies; an entry appears under each competency its tags match
    Competency,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Month => "month",
            GroupBy::Tag => "tag",
            GroupBy::Scope => "scope",
            GroupBy::Competency => "competency",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubricName {
    /// Projects, collaboration & mentorship, design & documentation, company building, learning
    BragDoc,
    /// Impact, leverage, mentoring, glue work, advocacy
    Staff,
}

impl RubricName {
    pub fn as_str(self) -> &'static str {
        match self {
            RubricName::BragDoc => "brag-doc",
            RubricName::Staff => "staff",
        }
    }
}
