//! The command line, as clap types only; `app` turns them into domain values.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory as _, Parser, Subcommand, ValueEnum};

use crate::model::{FieldKey, Scope};
pub use crate::render::packet::{Audience, ExportFormat, GroupBy, WeakPlacement};

/// Keep an achievement log in STAR form, as plain Markdown.
///
/// brag reads and writes one Markdown file: month headings, one entry per win, with
/// Situation, Task, Actions and Results. Start with `brag init`; write it by hand or with
/// `brag add`; read it back with `brag list`; hand it to a review with `brag export`;
/// keep it honest with `brag check`, and the habit going with `brag stats` and
/// `brag remind`.
#[derive(Debug, Parser)]
#[command(
    name = "brag",
    version,
    propagate_version = true,
    max_term_width = 100,
    disable_help_subcommand = true
)]
#[command(after_help = "\
Where things live:
  log     --file, else $BRAG_FILE, else `file:` in the config, else <data dir>/brag/brag.md
  config  --config, else $BRAG_CONFIG, else <config dir>/brag/config.yaml
  `brag path` prints the log in use. BRAG_TODAY=YYYY-MM-DD pins today for scripts.

Exit codes: 0 success, 1 error (nothing written), 2 usage error, 3 written but the git
commit (`git: {commit: true}`) failed; `brag check` exits 1 on errors (and warnings with
--strict), `brag remind` when it is time to write.")]
pub struct Cli {
    /// The Markdown log to read and write
    #[arg(
        long,
        global = true,
        env = "BRAG_FILE",
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub file: Option<PathBuf>,

    /// The YAML config file
    #[arg(
        long,
        global = true,
        env = "BRAG_CONFIG",
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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

    /// List entries, grouped by month, oldest first
    #[command(after_help = "\
Examples:
  brag list --since 2026-05-01
  brag list --since \"last quarter\" --tag mentoring
  brag list --on H1 --scope project --format json
  brag list --grep latency --field results
  brag list --missing results --format ids
  brag list --limit 5 --reverse

Dates for --since, --until and --on (bounds inclusive):
  2026-05-01, 2026-05, may, May 2026, 2026Q3, Q3, 2026H1, H1, 2026, FY2026, today,
  yesterday, friday, last friday, this|last week|month|quarter|half|year,
  3 days|weeks|months|years ago, last|past 30 days|2 weeks, last-review, this-cycle,
  and ranges A..B (2026-01..)")]
    List(ListArgs),

    /// Show one entry in full, by its id, the start or part of one, or title words
    #[command(after_help = "\
Examples:
  brag show 2026-11-03-cut-p95
  brag show 2026-11-03 --format md
  brag show cut-p95
  brag show \"latency p95\" --json")]
    Show(ShowArgs),

    /// Every tag with the number of entries that carry it
    #[command(after_help = "\
Examples:
  brag tags
  brag tags --since 2026 --format ids")]
    Tags(TagsArgs),

    /// Write an evidence packet for a promotion committee, or your own review notes
    #[command(after_help = "\
The committee's packet (the default) makes the case: a short summary (`summary:` in the
config, else written from the entries), the top wins, scope growth by quarter or half,
project stories (entries sharing a `Project:` field or a tag in `project_tags:`), the
evidence with each win once (\"also: ...\" names its other groups), then your goals
(`goals:` or the Purpose/Mastery/Autonomy lines atop the log) and `next:`. It says nothing
about brag, the filters or left-out entries.

Top wins are ranked by: your `highlight` or `star` tag first, then scope (business, product,
project, milestone, task), then a measured result, then the newest. A weak entry (no
measured result) is a top win only when you tagged it.

--for me writes your notes instead: what was left out, coverage per competency (strong
evidence is a measured result), weak entries, tags that matched no competency, and what to
strengthen before the review.

Examples:
  brag export --since H1 > packet.md
  brag export --since 2026-01 --rubric staff --format html -o packet.html
  brag export --on 2026 --rubric staff --for me
  brag export --on 2026 --by tag --brief --title \"2026 impact\"
  brag export --format json | jq '.groups[].name'

Templates: md, html and txt packets are minijinja templates. A file named like a built-in
one (export.md.j2, export.html.j2, export.txt.j2) in <config dir>/brag/templates/
overrides it; --template NAME|PATH uses any template.

Entries tagged `private` (or a tag in `private_tags:` in the config) are left out unless
--include-private is given; --for me says how many were left out.")]
    Export(ExportArgs),

    /// Judge the evidence: quality lints and what the reader could not place, at file:line:col
    #[command(after_help = "\
Lints (codes are stable; `lints: {B104: off}` in the config turns one off, or `error` makes
it fail the check):
  B101  an entry without Situation, Task, Actions or Results
  B102  a STAR field that is empty or only a placeholder (TODO, TBD, {results})
  B103  Results with no measurable change (a number with a unit, %, $, 3x, a duration,
        before -> after, a count of people/teams/services)
  B104  a vague title: starts with helped, worked on, was involved, participated
  B105  a date in the future
  B106  a date outside its month heading
  B107  two entries with the same title in a month
  B108  a month heading out of order
  B109  an entry without Scope (only with `require_scope: true` in the config)

Exits 0 when the log has no errors, 1 when it has errors (also on warnings with --strict).

Examples:
  brag check
  brag check --strict
  brag check --format json | jq '.[] | select(.code == \"B103\")'")]
    Check(CheckArgs),

    /// The habit at a glance: entries per month, streak, tags, scope growth, evidence quality
    #[command(after_help = "\
Without --since, --until or --on: the last 12 months up to today (empty months shown).
Colour and Unicode bars on a terminal (unless NO_COLOR is set), plain ASCII otherwise.

Examples:
  brag stats
  brag stats --on 2026 --tag performance
  brag stats --format json | jq .streak_weeks")]
    Stats(StatsArgs),

    /// Exit 1 with a one-line nudge when the last entry is too old, else silently 0
    #[command(after_help = "\
For a shell prompt, a login script, cron or a git hook: silent and exit 0 while the last
entry is recent; otherwise one line on stdout and exit 1 (errors, such as a missing log,
go to stderr as usual). The limit is --days, else `remind_after_days` in the config, else
7: the nudge comes when the last entry is N or more days old. A log with no dated entry
always reminds.

Examples:
  brag remind
  brag remind --days 14
  message=$(brag remind) || notify-send \"$message\"")]
    Remind(RemindArgs),

    /// Open the log in your editor, at an entry's line
    #[command(after_help = "\
The editor is `editor` in the config, else $VISUAL, else $EDITOR, else vi.

Examples:
  brag edit
  brag edit 2026-11-03-cut-p95-search-latency")]
    Edit(EditArgs),

    /// Change one entry: a new title or date, more results, actions or tags
    #[command(after_help = "\
Only that entry's bytes change: brag writes it anew in the log's own style, re-reads the
result to check that every other entry is as it was, and replaces the log atomically
under a lock. A new date moves the entry to its month. `brag undo` reverts it.

Examples:
  brag amend cut-p95 -r \"infra cost down 12%\"
  brag amend 2026-11-03-cut-p95 --set-title \"Cut p95 search latency by 45%\"
  brag amend cut-p95 --set-date 2026-10-30 --tag search")]
    Amend(AmendArgs),

    /// Remove one entry (asks first on a terminal; --yes otherwise)
    #[command(after_help = "\
Only that entry's bytes (and the blank lines that set it apart) go; every other byte of
the log stays. `brag undo` puts it back.

Examples:
  brag rm 2026-11-03-cut-p95
  brag rm cut-p95 --yes")]
    Rm(RmArgs),

    /// Bring entries in from another file: brag's JSON, a jrnl export, another brag log
    #[command(after_help = "\
Every entry goes under its month as `brag add` would put it (one dated only by a period,
such as a year or a quarter, under the period's first month with a Period field; its
category in a Section field); the whole import is one locked, verified write. An entry
already in the log (same date, or period where it has none, and title) is skipped, so
importing twice adds nothing; an entry that cannot be read or placed is refused with its
reason on stderr and the others are still added (exit 0). --dry-run shows what would be
added and leaves the log as it is.

Examples:
  brag list --format json | brag import --from json -
  brag import --from jrnl journal.json --dry-run
  brag import --from markdown old-brag-doc.md
  brag import --from git ~/src/search --since 2026-05-01 --author ana@example.com

From git, each day's commits become one entry tagged `draft`: its title the day's
first merge title (else its first subject), its Actions the subjects, its Results left
for you; `brag check` lists the drafts still to finish.")]
    Import(ImportArgs),

    /// Revert brag's last write to the log, if the log has not changed since
    Undo,

    /// Run git in the log's folder: `brag git pull`, `brag git push`, `brag git log`
    #[command(after_help = "\
Like `pass git`: the log's folder is a git repository you keep, and brag runs git there.
With `git: {commit: true}` in the config, every add, amend, rm and import commits the
log as `brag: add <title>`.

Examples:
  brag git init
  brag git remote add origin git@github.com:you/brag-log.git
  brag git pull --rebase
  brag git push")]
    Git(GitArgs),

    /// Print a shell completion script
    #[command(after_help = "\
Install (the scripts complete commands and flags; for bash and fish, also tags, entry
ids and period words from the log in use):
  bash        brag completions bash > ~/.local/share/bash-completion/completions/brag
  zsh         brag completions zsh > ~/.zfunc/_brag   (with fpath+=~/.zfunc before compinit)
  fish        brag completions fish > ~/.config/fish/completions/brag.fish
  elvish      brag completions elvish >> ~/.config/elvish/rc.elv
  powershell  brag completions powershell >> $PROFILE")]
    Completions(CompletionsArgs),

    /// Print the man page (roff), or write one page per command into a folder
    #[command(after_help = "\
Install:
  brag man --dir ~/.local/share/man/man1
  man brag; man brag-add")]
    Man(ManArgs),

    /// Create the log and a commented config (never overwrites); with --file, the config
    /// remembers that log
    Init,

    /// Print the absolute path of the log in use
    Path,

    /// Print the help of a command, or a reference topic
    #[command(after_help = "\
Topics:
  format     the log's Markdown: periods, entries, fields, dates
  writing    where `brag add` puts an entry, how it is written, how it is kept safe;
             init, edit, amend, rm and undo in full
  commands   list, show, tags, stats, remind, completions, man and path in full
  periods    dates and periods for --since, --until, --on and --date
  schema     the JSON and YAML schema of entries and of the export
  config     every key of config.yaml
  packet     what `brag export` writes: the case, highlights, rubrics, private entries
  templates  export templates: files, variables, filters
  lints      `brag check`'s lints and what counts as a measurable result

Examples:
  brag help format
  brag help add")]
    Help(HelpArgs),
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A topic (format, writing, commands, periods, schema, config, packet, templates,
    /// lints) or a command; none for the overview
    #[arg(value_name = "TOPIC")]
    pub topic: Option<String>,
}

/// `amend` takes `add`'s entry flags; its help says what each does to an entry that
/// already has the field.
#[derive(Debug, Args)]
#[command(
    mut_arg("situation", |arg| arg.help("Replace the Situation")),
    mut_arg("task", |arg| arg.help("Replace the Task")),
    mut_arg("actions", |arg| arg.help("Add an action; repeat for several")),
    mut_arg("results", |arg| arg.help("Add a result; repeat for several")),
    mut_arg("tags", |arg| arg.help("Add a tag; repeat, or separate with commas")),
    mut_arg("scope", |arg| arg.help("Replace the scope: task, milestone, project, product or business")),
)]
pub struct AmendArgs {
    /// The entry: its id, the start or part of one, or words of its title
    pub id: String,

    /// A new title
    #[arg(long, value_name = "TEXT")]
    pub set_title: Option<String>,

    /// A new day (moves the entry to its month): 2026-11-03, yesterday, Nov 3 ...
    #[arg(long, value_name = "DAY")]
    pub set_date: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The entry: its id, the start or part of one, or words of its title
    pub id: String,

    /// Remove without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write brag.1 and a brag-COMMAND.1 page per command into this folder
    #[arg(long, value_name = "FOLDER")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct GitArgs {
    /// What to pass to git
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: ImportFormat,

    /// The file to read (`-` reads stdin); with --from git, the repository (default: .)
    #[arg(value_name = "FILE|REPO")]
    pub source: Option<String>,

    /// With --from git: the commits from this period on (2026-05-01, "last month", Q3)
    #[arg(long, value_name = "PERIOD")]
    pub since: Option<String>,

    /// With --from git: only this author's commits (an email, or part of a name)
    #[arg(long, value_name = "EMAIL")]
    pub author: Option<String>,

    /// Show what would be added; leave the log unchanged
    #[arg(long)]
    pub dry_run: bool,
}

/// The formats `brag import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// brag's own schema (`brag list --format json`): one object or an array
    Json,
    /// jrnl's JSON export (`jrnl --export json`)
    Jrnl,
    /// Another brag document: the entries brag's reader finds in it
    Markdown,
    /// A git repository's history: one draft entry per day of commits
    Git,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What you did, in a few words; `-` reads the entry from stdin
    pub title: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// The day: 2026-11-03, yesterday, last friday, Nov 3 ... [default: today]
    #[arg(long, short = 'd', value_name = "DAY")]
    pub date: Option<String>,

    /// Read one JSON object from stdin
    #[arg(long)]
    pub json: bool,

    /// Open the editor, with the flags filled in
    #[arg(long, short = 'e', conflicts_with = "json")]
    pub edit: bool,

    /// Add it even if an entry with the same date and title is in the log
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// The flags that give an entry's fields, as `add` and `amend` share them (the help
/// is `add`'s; `amend` words its own).
#[derive(Debug, Args)]
pub struct FieldArgs {
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
}

impl FieldArgs {
    /// Whether any flag gives part of the entry.
    pub fn any(&self) -> bool {
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
    /// The entry to open at: its id, the start or part of one, or words of its title
    pub id: Option<String>,
}

/// The filters `list`, `export`, `tags` and `stats` share.
///
/// Dates: an ISO date (2026-05-01), a month (2026-05, may, May 2026), a quarter (2026Q3,
/// Q3), a half (2026H1, H1), a year (2026), today, yesterday, a weekday (friday, last
/// friday), this|last week|month|quarter|half|year, N days|weeks|months|years ago,
/// last-review, this-cycle, or a range A..B. Bounds are inclusive.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Entries on or after the start of this date or period
    #[arg(long, value_name = "WHEN", help_heading = "Filters")]
    pub since: Option<String>,

    /// Entries on or before the end of this date or period
    #[arg(long, value_name = "WHEN", help_heading = "Filters")]
    pub until: Option<String>,

    /// Entries within this date or period (e.g. 2026Q3, last month, 2026-01..2026-03)
    #[arg(
        long,
        alias = "period",
        value_name = "WHEN",
        conflicts_with_all = ["since", "until"],
        help_heading = "Filters"
    )]
    pub on: Option<String>,

    /// With --since, --until or --on: also keep entries whose period (a week, a
    /// quarter, a year ...) only overlaps the range, not just those inside it
    #[arg(long, help_heading = "Filters")]
    pub overlap: bool,

    /// Entries carrying this tag; repeat (or separate with commas) to require all
    #[arg(
        long,
        value_name = "TAG",
        value_delimiter = ',',
        help_heading = "Filters"
    )]
    pub tag: Vec<String>,

    /// Entries carrying at least one of these tags
    #[arg(
        long,
        value_name = "TAG",
        value_delimiter = ',',
        help_heading = "Filters"
    )]
    pub any_tag: Vec<String>,

    /// Entries carrying none of these tags
    #[arg(
        long,
        value_name = "TAG",
        value_delimiter = ',',
        help_heading = "Filters"
    )]
    pub not_tag: Vec<String>,

    /// Entries of this scope; repeat for any of several
    #[arg(long, value_enum, value_delimiter = ',', help_heading = "Filters")]
    pub scope: Vec<Scope>,

    /// Entries containing TEXT (ignoring ASCII case) in the title, any field or the notes
    #[arg(long, value_name = "TEXT", help_heading = "Filters")]
    pub grep: Option<String>,

    /// With --grep, search only these fields (title, situation, task, actions, results,
    /// notes, tags, or another label)
    #[arg(
        long,
        value_name = "NAME",
        value_delimiter = ',',
        requires = "grep",
        help_heading = "Filters"
    )]
    pub field: Vec<String>,

    /// Entries without this STAR field
    #[arg(long, value_enum, value_delimiter = ',', help_heading = "Filters")]
    pub missing: Vec<FieldKey>,

    /// Only the N most recent matching entries
    #[arg(long, short = 'n', value_name = "N", help_heading = "Filters")]
    pub limit: Option<usize>,

    /// Newest first
    #[arg(long, help_heading = "Filters")]
    pub reverse: bool,
}

/// The scopes by their names, for `--scope`.
impl ValueEnum for Scope {
    fn value_variants<'a>() -> &'a [Self] {
        &Scope::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

/// The four STAR keys by their names, for `--missing`; no other key is a value.
impl ValueEnum for FieldKey {
    fn value_variants<'a>() -> &'a [Self] {
        &FieldKey::STAR
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        FieldKey::STAR
            .contains(self)
            .then(|| PossibleValue::new(self.name()))
    }
}

/// A report's `--format` and its `--json` shorthand, as `list`, `show`, `tags`, `check`
/// and `stats` share them.
#[derive(Debug, Args)]
pub struct FormatArgs<F: ReportFormat> {
    // `default_value`, not `default_value_t`: clap caches the latter's text in a static
    // that every `F` would share.
    #[arg(long, short = 'f', value_enum, default_value = F::DEFAULT, help = F::HELP)]
    format: F,

    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl<F: ReportFormat> FormatArgs<F> {
    /// The format asked for: `--json` is `--format json`.
    pub fn format(&self) -> F {
        if self.json { F::JSON } else { self.format }
    }
}

/// The formats of a command with `--format` and `--json`.
pub trait ReportFormat: ValueEnum + Copy + Send + Sync + 'static {
    /// The format without `--format`, by its command-line name.
    const DEFAULT: &'static str;
    const JSON: Self;
    /// The help of `--format`.
    const HELP: &'static str = "Output format";
}

impl ReportFormat for ListFormat {
    const DEFAULT: &'static str = "table";
    const JSON: Self = ListFormat::Json;
}

impl ReportFormat for ShowFormat {
    const DEFAULT: &'static str = "text";
    const JSON: Self = ShowFormat::Json;
}

impl ReportFormat for TagsFormat {
    const DEFAULT: &'static str = "table";
    const JSON: Self = TagsFormat::Json;
    const HELP: &'static str =
        "`table`: count and tag; `ids`: tag names only, for completion scripts";
}

impl ReportFormat for CheckFormat {
    const DEFAULT: &'static str = "text";
    const JSON: Self = CheckFormat::Json;
}

impl ReportFormat for StatsFormat {
    const DEFAULT: &'static str = "table";
    const JSON: Self = StatsFormat::Json;
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: FormatArgs<ListFormat>,

    /// Show each entry's id (what `show`, `edit`, `amend` and `rm` take) in the table
    #[arg(long)]
    pub ids: bool,

    /// Colour in the table
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Grouped by month, one line per entry: date, title, tags, scope
    Table,
    /// The entries' own Markdown, under their month headings
    Md,
    /// The entry schema as a JSON array (see `brag help schema`)
    Json,
    /// The entry schema as a YAML sequence
    Yaml,
    /// Tab-separated: id, date, month, title, tags, scope, line (with a header row)
    Tsv,
    /// One id per line
    Ids,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal (not TERM=dumb) or with CLICOLOR_FORCE, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry: its id, the start or part of one, or words of its title
    pub id: String,

    #[command(flatten)]
    pub output: FormatArgs<ShowFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable in a terminal
    Text,
    /// The entry's own Markdown
    Md,
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub struct TagsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: FormatArgs<TagsFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TagsFormat {
    Table,
    Ids,
    /// An array of {tag, count, description}
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Exit 1 on warnings too
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub output: FormatArgs<CheckFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `PATH:LINE:COL: severity: message`, the line, a hint; then a summary by code
    Text,
    /// An array of {code, path, line, col, severity, message, hint}, for editors and CI
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: FormatArgs<StatsFormat>,

    /// Colour in the table
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Bar charts and figures, for a terminal
    Table,
    /// The same figures as one JSON object
    Json,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Remind when the last entry is at least this many days old [default: `remind_after_days` in the config, else 7]
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Output format [default: md, or the one a --template file's name ends with]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ExportFormat>,

    /// Group entries by month, tag, scope, section or competency [default: month, or competency with --rubric]
    #[arg(long, value_enum)]
    pub by: Option<GroupBy>,

    /// A built-in rubric for --by competency, instead of `competencies:` in the config
    #[arg(long, value_enum, value_name = "NAME")]
    pub rubric: Option<RubricName>,

    /// Who it is for: the committee's packet, or your own review notes
    #[arg(
        long = "for",
        value_enum,
        value_name = "AUDIENCE",
        default_value = "committee"
    )]
    pub audience: Audience,

    /// How many top wins open the packet (0 for none)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub highlights: usize,

    /// Weak entries: hide them, list them last in their group, or in an appendix [default: last, or hide with --brief]
    #[arg(long, value_enum, value_name = "WHERE")]
    pub weak: Option<WeakPlacement>,

    /// One line per entry, for a packet of one to four printed pages
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

/// The command line, parsed; a usage error exits here with clap's message and code 2.
pub fn parse() -> Cli {
    Cli::parse()
}

/// Whether `name` is one of brag's commands (`brag help NAME` shows its `--help`).
pub fn is_command(name: &str) -> bool {
    Cli::command().find_subcommand(name).is_some()
}

/// Writes `shell`'s completion script for the command line (clap_complete), so it
/// never lags behind a new flag.
pub fn write_completions(shell: Shell, out: &mut impl std::io::Write) {
    let target = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(target, &mut Cli::command(), "brag", out);
}

/// Writes brag's man page in roff (clap_mangen), so it never lags behind a new flag.
pub fn write_man_page(out: &mut impl std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// Every man page by name, `brag` first, then `brag-COMMAND` per command (as git
/// names its pages), each in roff.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let command = Cli::command();
    let commands = command.get_subcommands().map(|sub| {
        let name = format!("brag-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("brag {}", sub.get_name()));
        (name, page)
    });
    std::iter::once(("brag".to_owned(), command.clone()))
        .chain(commands)
        .map(|(name, page)| {
            let mut roff = Vec::new();
            clap_mangen::Man::new(page).render(&mut roff)?;
            Ok((name, roff))
        })
        .collect()
}

/// What `ARGS` (ending in `--help`) prints, or `None` when they print no help.
pub fn help(args: &[&str]) -> Option<String> {
    match Cli::try_parse_from(args) {
        Err(help) if help.kind() == clap::error::ErrorKind::DisplayHelp => {
            Some(help.render().to_string())
        }
        _ => None,
    }
}

/// The command line `args` (after `brag`), parsed, for tests.
#[cfg(test)]
pub fn parse_from<'a>(args: impl IntoIterator<Item = &'a &'a str>) -> Cli {
    Cli::parse_from(std::iter::once(&"brag").chain(args))
}

/// Each variant of a domain enum with its command-line name and help, as
/// `#[derive(ValueEnum)]` would give them.
macro_rules! value_enum {
    ($type:ty { $($variant:ident => $name:literal, $help:literal;)* }) => {
        impl ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(Self::$variant),*]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $(Self::$variant => PossibleValue::new($name).help($help),)*
                })
            }
        }
    };
}

value_enum!(ExportFormat {
    Md => "md", "Markdown, to paste into a document";
    Html => "html", "One self-contained HTML file, for screen and print";
    Json => "json", "The packet as JSON, entries in the `brag list` schema";
    Yaml => "yaml", "The packet as YAML";
    Txt => "txt", "Plain text wrapped at 80 columns, for email";
});

value_enum!(GroupBy {
    Month => "month", "One group per month, oldest first";
    Tag => "tag", "One group per tag, most used first; an entry appears once, under its most used tag";
    Scope => "scope", "The scope ladder, business first";
    Competency => "competency", "The rubric's competencies; an entry appears under the first one its tags match";
    Section => "section", "The document's sections (`## Projects`), in the order they first hold an entry; entries in no section last";
});

value_enum!(Audience {
    Committee => "committee", "The promotion committee: the case, highlights, scope growth, stories, evidence, goals";
    Me => "me", "You, before the review: coverage, weak entries, what to strengthen";
});

value_enum!(WeakPlacement {
    Hide => "hide", "Left out of the packet";
    Last => "last", "Last in their group";
    Appendix => "appendix", "In an \"Also\" appendix at the end";
});

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
