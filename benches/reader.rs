//! Times brag's commands against the floor below any reader: `grep -c`, `cp` (with and without
//! fsync), a bare pulldown pass.
//!
//! `cargo bench --bench reader` generates `target/bench-data/brag-N.md` for every size (once),
//! then prints one Markdown table row per operation and size: the median wall time of
//! `BENCH_RUNS` runs after one warm-up, the median peak RSS, and the ratio to `grep -c` and to
//! the bare pass at the same size. See `benches/README.md` for the knobs.
//!
//! Every spawned command runs under this same binary in its `__measure` role: a small parent
//! that starts the command, drains its output, times it, and reads its peak RSS with
//! `getrusage(RUSAGE_CHILDREN)`. One measuring parent per command keeps that number the
//! command's own, and needs no `unsafe` (the crate forbids it) and no `/usr/bin/time`.

#[path = "support/genlog.rs"]
mod genlog;

use std::env;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use nix::errno::Errno;
use nix::sys::wait::{Id, WaitPidFlag, waitid};
use serde::{Deserialize, Serialize};

/// The brag operations, one line each: a name for `BENCH_OPS`, the arguments after
/// `--file PATH`, and whether the command rewrites the log (then every run gets a fresh copy).
const BRAG_OPS: &[BragOp] = &[
    BragOp::read("list", &["list", "--format", "json"]),
    BragOp::read("since", &["list", "--since", "2026-01-01"]),
    BragOp::read("tag", &["list", "--tag", "performance"]),
    BragOp::read("grep", &["list", "--grep", "latency"]),
    BragOp::read("export-json", &["export", "--format", "json"]),
    BragOp::read("export-html", &["export", "--format", "html"]),
    BragOp::edit(
        "add",
        &[
            "add",
            "Shipped the bench harness",
            "--situation",
            "s",
            "--task",
            "t",
            "--action",
            "a",
            "--result",
            "r",
            "--date",
            "2026-03-20",
        ],
    ),
];

/// The operations timed on one-month logs (`BENCH_ONE_MONTH`): the ones that read every
/// entry and give each its id.
const ONE_MONTH_OPS: &[BragOp] = &[
    BragOp::read("list", &["list", "--format", "json"]),
    BragOp::read("check", &["check"]),
    BragOp::read("export-json", &["export", "--format", "json"]),
];

/// A one-month op's time per entry may grow by at most this factor from the smallest size
/// to the largest: reading is linear in the number of entries.
const FLAT_WITHIN: f64 = 2.0;

const BRAG_BIN: &str = env!("CARGO_BIN_EXE_brag");
/// Seed of the generated logs; 42 is `gen_logs.py`'s default too.
const SEED: u64 = 42;
/// First argument that turns this binary into the measuring parent of one command.
const MEASURE_ROLE: &str = "__measure";
/// First argument that turns this binary into one bare pulldown-cmark pass (for its RSS).
const PULLDOWN_ROLE: &str = "__pulldown";

#[derive(Debug)]
struct BragOp {
    name: &'static str,
    args: &'static [&'static str],
    edits_log: bool,
}

impl BragOp {
    const fn read(name: &'static str, args: &'static [&'static str]) -> Self {
        BragOp {
            name,
            args,
            edits_log: false,
        }
    }

    const fn edit(name: &'static str, args: &'static [&'static str]) -> Self {
        BragOp {
            name,
            args,
            edits_log: true,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().skip(1).collect();
    let result = match args.first().and_then(|arg| arg.to_str()) {
        Some(MEASURE_ROLE) => measure_role(&args[1..]),
        Some(PULLDOWN_ROLE) => pulldown_role(&args[1..]),
        // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets a smoke run.
        _ => run(args.iter().any(|arg| arg == "--bench")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reader bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// What to run, from the environment.
#[derive(Debug)]
struct Settings {
    sizes: Vec<usize>,
    /// `BENCH_STYLE`: the shape of the generated logs.
    style: Style,
    runs: usize,
    ops: Vec<&'static BragOp>,
    limit: Duration,
}

impl Settings {
    fn from_env(full: bool) -> Result<Self> {
        let (default_sizes, default_runs) = if full {
            ("1000,10000,100000", 5)
        } else {
            ("100", 1)
        };
        let sizes = env_or("BENCH_SIZES", default_sizes)
            .split(',')
            .map(|size| {
                let size = size.trim().replace('_', "");
                size.parse::<usize>()
                    .with_context(|| format!("BENCH_SIZES: {size:?} is not a number of entries"))
            })
            .collect::<Result<Vec<_>>>()?;
        let runs = env_or("BENCH_RUNS", &default_runs.to_string())
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|runs| *runs > 0)
            .context("BENCH_RUNS must be a whole number of at least 1")?;
        let limit_s = env_or("BENCH_LIMIT_S", "60")
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|limit| *limit > 0.0)
            .context("BENCH_LIMIT_S must be a positive number of seconds")?;
        let ops = match env_or("BENCH_OPS", "all").trim() {
            "all" => BRAG_OPS.iter().collect(),
            "none" => Vec::new(),
            names => names
                .split(',')
                .map(|name| {
                    BRAG_OPS
                        .iter()
                        .find(|op| op.name == name.trim())
                        .with_context(|| {
                            let known: Vec<_> = BRAG_OPS.iter().map(|op| op.name).collect();
                            format!(
                                "BENCH_OPS: unknown op {name:?}; known: {}, or all, or none",
                                known.join(", ")
                            )
                        })
                })
                .collect::<Result<_>>()?,
        };
        let style = match env_or("BENCH_STYLE", "canonical").trim() {
            "canonical" => Style::Canonical,
            "bullets" => Style::Bullets,
            "short" => Style::Short,
            other => {
                bail!("BENCH_STYLE: unknown style {other:?}; known: canonical, bullets, short")
            }
        };
        Ok(Settings {
            sizes,
            style,
            runs,
            ops,
            limit: Duration::from_secs_f64(limit_s),
        })
    }
}

/// The shape of a generated log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `### Title` entries with `- **Field**:` lines ([`genlog::generate`]).
    Canonical,
    /// Day headings holding `- **Title**` bullet entries ([`genlog::generate_bullets`]).
    Bullets,
    /// Canonical entries with short numbered titles ([`genlog::generate_short_titles`]).
    Short,
}

/// An environment variable, or `default` when it is unset or empty.
fn env_or(name: &str, default: &str) -> String {
    env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn run(full: bool) -> Result<()> {
    let settings = Settings::from_env(full)?;
    if !full {
        check_generator()?;
    }
    let data_dir = data_dir().join("bench-data");
    fs::create_dir_all(&data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let scratch = tempfile::Builder::new()
        .prefix("scratch-")
        .tempdir_in(&data_dir)
        .context("creating a scratch directory")?;
    fs::create_dir_all(scratch.path().join("home")).context("creating the commands' HOME")?;
    let bench = Bench {
        settings: &settings,
        self_exe: env::current_exe().context("finding the bench binary")?,
        scratch: scratch.path().to_owned(),
    };
    eprintln!(
        "reader bench: {:?} logs of sizes {:?}, median of {} run(s) after 1 warm-up, data in {}",
        settings.style,
        settings.sizes,
        settings.runs,
        data_dir.display()
    );

    if let Some(sizes) = one_month_sizes()? {
        return bench.one_month(&data_dir, &sizes);
    }
    let mut rows = Vec::new();
    for &entries in &settings.sizes {
        let log = ensure_log(&data_dir, entries, settings.style)?;
        let file_bytes = fs::metadata(&log)?.len();
        let mut push = |op: &str, outcome: Outcome| {
            eprintln!("{entries:>7} {op:<12} {}", outcome.summary());
            rows.push(Row {
                op: op.to_owned(),
                entries,
                file_bytes,
                outcome,
            });
        };

        push(
            "grep -c",
            bench.spawned(&grep_count(&log), |_| Ok(()), |_| None),
        );
        let copy = bench.scratch.join("cp.md");
        let cp = Spec::new("cp", [log.as_os_str(), copy.as_os_str()]);
        push(
            "cp",
            bench.spawned(&cp, |_| remove_if_present(&copy), |_| None),
        );
        // `add` must also flush the new file to disk before its rename; `cp` does not.
        let mut input = OsString::from("if=");
        input.push(&log);
        let mut output = OsString::from("of=");
        output.push(&copy);
        let durable = Spec::new(
            "dd",
            [
                input.as_os_str(),
                output.as_os_str(),
                OsStr::new("bs=1M"),
                OsStr::new("conv=fsync"),
                OsStr::new("status=none"),
            ],
        );
        push(
            "cp + fsync",
            bench.spawned(&durable, |_| remove_if_present(&copy), |_| None),
        );
        push("bare pulldown", bench.bare_pass(&log));
        for op in &settings.ops {
            push(op.name, bench.brag(op, &log, file_bytes));
        }
    }
    print_table(&rows);
    Ok(())
}

/// `BENCH_ONE_MONTH=10000,100000,1000000`: the sizes of the one-month scaling run, if
/// asked for.
fn one_month_sizes() -> Result<Option<Vec<usize>>> {
    let sizes = env_or("BENCH_ONE_MONTH", "");
    if sizes.is_empty() {
        return Ok(None);
    }
    sizes
        .split(',')
        .map(|size| {
            let size = size.trim().replace('_', "");
            size.parse::<usize>()
                .ok()
                .filter(|size| *size > 0)
                .with_context(|| format!("BENCH_ONE_MONTH: {size:?} is not a number of entries"))
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// `target/` (or `target/<triple>/`): the parent of the profile directory holding brag.
fn data_dir() -> PathBuf {
    let brag = Path::new(BRAG_BIN);
    brag.parent()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("target"), Path::to_owned)
}

/// The generated log of `entries` entries, written once; written under a temporary name and
/// renamed so that an interrupted run never leaves half a log behind.
fn ensure_log(data_dir: &Path, entries: usize, style: Style) -> Result<PathBuf> {
    let path = data_dir.join(match style {
        Style::Canonical => format!("brag-{entries}.md"),
        Style::Bullets => format!("brag-bullets-{entries}.md"),
        Style::Short => format!("brag-short-{entries}.md"),
    });
    if !path.exists() {
        let started = Instant::now();
        let text = match style {
            Style::Canonical => genlog::generate(entries, SEED),
            Style::Bullets => genlog::generate_bullets(entries, SEED),
            Style::Short => genlog::generate_short_titles(entries, SEED),
        };
        let partial = path.with_extension("md.partial");
        fs::write(&partial, &text).with_context(|| format!("writing {}", partial.display()))?;
        fs::rename(&partial, &path).with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "generated {} ({:.2} MB) in {:.1} s",
            path.display(),
            mb(text.len() as u64),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(path)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// `grep -c '^### ' FILE`: counts entry headings, the cheapest honest read of the whole log.
fn grep_count(log: &Path) -> Spec {
    Spec::new(
        "grep",
        [OsStr::new("-c"), OsStr::new("^### "), log.as_os_str()],
    )
}

/// A command line to spawn.
#[derive(Debug)]
struct Spec {
    program: OsString,
    args: Vec<OsString>,
}

impl Spec {
    fn new<'a>(program: impl AsRef<OsStr>, args: impl IntoIterator<Item = &'a OsStr>) -> Self {
        Spec {
            program: program.as_ref().to_owned(),
            args: args.into_iter().map(OsStr::to_owned).collect(),
        }
    }
}

/// The result of one operation at one size.
#[derive(Debug)]
enum Outcome {
    Timed {
        median: Duration,
        /// Median peak RSS in KiB; `None` where no process of its own was measured.
        rss_kib: Option<u64>,
        /// Something odd that did not stop the timing, such as an empty output.
        note: Option<String>,
    },
    Failed(String),
}

impl Outcome {
    fn median(&self) -> Option<Duration> {
        match self {
            Outcome::Timed { median, .. } => Some(*median),
            Outcome::Failed(_) => None,
        }
    }

    fn summary(&self) -> String {
        match self {
            Outcome::Timed {
                median,
                rss_kib,
                note,
            } => format!(
                "{:>10} ms {:>8} MB{}",
                format_ms(*median),
                rss_kib.map_or_else(|| "-".to_owned(), |kib| format!("{:.1}", mib(kib))),
                note.as_ref()
                    .map(|note| format!("  ({note})"))
                    .unwrap_or_default()
            ),
            Outcome::Failed(why) => why.clone(),
        }
    }
}

#[derive(Debug)]
struct Row {
    op: String,
    entries: usize,
    file_bytes: u64,
    outcome: Outcome,
}

#[derive(Debug)]
struct Bench<'a> {
    settings: &'a Settings,
    self_exe: PathBuf,
    scratch: PathBuf,
}

impl Bench<'_> {
    /// Times one brag operation on `log`; an editing one works on a fresh copy every run.
    fn brag(&self, op: &BragOp, log: &Path, file_bytes: u64) -> Outcome {
        if !Path::new(BRAG_BIN).exists() {
            return Outcome::Failed(format!("fail: {BRAG_BIN} is missing"));
        }
        let target = if op.edits_log {
            self.scratch.join(format!("{}.md", op.name))
        } else {
            log.to_owned()
        };
        let args = [OsStr::new("--file"), target.as_os_str()]
            .into_iter()
            .chain(op.args.iter().map(OsStr::new));
        let spec = Spec::new(BRAG_BIN, args);
        if op.edits_log {
            let prepare = |_: usize| {
                fs::copy(log, &target)
                    .map(drop)
                    .with_context(|| format!("copying the log to {}", target.display()))
            };
            let check = |_: &Report| match fs::metadata(&target) {
                Ok(meta) if meta.len() > file_bytes => None,
                Ok(_) => Some("exited 0 but the log did not grow".to_owned()),
                Err(error) => Some(format!("log unreadable afterwards: {error}")),
            };
            self.spawned(&spec, prepare, check)
        } else {
            self.spawned(
                &spec,
                |_| Ok(()),
                |report: &Report| {
                    (report.stdout_bytes == 0).then(|| "exited 0 but printed nothing".to_owned())
                },
            )
        }
    }

    /// The scaling run: every `ONE_MONTH_OPS` op on a one-month log of each size, as a
    /// table of time per entry; an error if any op's time per entry grows by more than
    /// `FLAT_WITHIN` from the smallest size to the largest.
    fn one_month(&self, data_dir: &Path, sizes: &[usize]) -> Result<()> {
        let mut rows = Vec::new();
        for &entries in sizes {
            let path = data_dir.join(format!("one-month-{entries}.md"));
            if !path.exists() {
                let partial = path.with_extension("md.partial");
                fs::write(&partial, genlog::one_month(entries))
                    .with_context(|| format!("writing {}", partial.display()))?;
                fs::rename(&partial, &path)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            let file_bytes = fs::metadata(&path)?.len();
            for op in ONE_MONTH_OPS {
                let outcome = self.brag(op, &path, file_bytes);
                eprintln!("{entries:>8} {:<12} {}", op.name, outcome.summary());
                rows.push((op.name, entries, file_bytes, outcome));
            }
        }
        println!(
            "| op | entries in one month | file MB | median ms | µs per entry | vs smallest |"
        );
        println!("|---|---:|---:|---:|---:|---:|");
        let mut steep = Vec::new();
        for op in ONE_MONTH_OPS {
            let per_entry: Vec<(usize, u64, Option<f64>, &Outcome)> = rows
                .iter()
                .filter(|row| row.0 == op.name)
                .map(|(_, entries, bytes, outcome)| {
                    let micros = outcome
                        .median()
                        .map(|median| median.as_secs_f64() * 1e6 / *entries as f64);
                    (*entries, *bytes, micros, outcome)
                })
                .collect();
            let first = per_entry.first().and_then(|row| row.2);
            for (entries, bytes, micros, outcome) in &per_entry {
                let (median, each, ratio) = match (outcome, micros) {
                    (Outcome::Timed { median, .. }, Some(micros)) => {
                        let ratio = first.map(|first| micros / first).unwrap_or(1.0);
                        if ratio > FLAT_WITHIN {
                            steep.push(format!("{} at {}", op.name, thousands(*entries)));
                        }
                        (
                            format_ms(*median),
                            format!("{micros:.2}"),
                            format_ratio(ratio),
                        )
                    }
                    (outcome, _) => {
                        steep.push(format!("{} at {}", op.name, thousands(*entries)));
                        (
                            outcome.summary().replace('|', "\\|"),
                            String::new(),
                            String::new(),
                        )
                    }
                };
                println!(
                    "| {} | {} | {:.2} | {median} | {each} | {ratio} |",
                    op.name,
                    thousands(*entries),
                    mb(*bytes)
                );
            }
        }
        if !steep.is_empty() {
            bail!(
                "time per entry is not flat within {FLAT_WITHIN}x: {}",
                steep.join(", ")
            );
        }
        println!("\ntime per entry is flat within {FLAT_WITHIN}x for every op");
        Ok(())
    }

    /// Runs `spec` once to warm up and `runs` times to time it, each run under its own
    /// measuring parent. `prepare(run)` runs untimed before each run; `check` looks at the
    /// warm-up's report and may return a note.
    fn spawned(
        &self,
        spec: &Spec,
        mut prepare: impl FnMut(usize) -> Result<()>,
        check: impl Fn(&Report) -> Option<String>,
    ) -> Outcome {
        let mut walls = Vec::with_capacity(self.settings.runs);
        let mut rss = Vec::with_capacity(self.settings.runs);
        let mut note = None;
        for run in 0..=self.settings.runs {
            let report = match prepare(run).and_then(|()| self.measure(spec)) {
                Ok(report) => report,
                Err(error) => return Outcome::Failed(format!("fail: {error:#}")),
            };
            if let Some(failure) = report.failure(self.settings.limit) {
                return Outcome::Failed(failure);
            }
            if run == 0 {
                note = check(&report);
            } else {
                walls.push(Duration::from_nanos(report.wall_ns));
                rss.push(report.max_rss_kib);
            }
        }
        Outcome::Timed {
            median: median_duration(walls),
            rss_kib: Some(median_u64(rss)),
            note,
        }
    }

    /// Runs `spec` once under a measuring parent (this binary in its `__measure` role).
    fn measure(&self, spec: &Spec) -> Result<Report> {
        let mut command = Command::new(&self.self_exe);
        command
            .arg(MEASURE_ROLE)
            .arg(self.settings.limit.as_millis().to_string())
            .arg("--")
            .arg(&spec.program)
            .args(&spec.args)
            .stdin(Stdio::null());
        pin_environment(&mut command, &self.scratch);
        let output = command.output().context("starting the measuring parent")?;
        serde_json::from_slice(&output.stdout).with_context(|| {
            let stderr = String::from_utf8_lossy(&output.stderr);
            format!("could not run {:?}: {}", spec.program, stderr.trim())
        })
    }

    /// The bare pulldown-cmark pass, in this process: read the file, parse it whole, drop the
    /// events. Its peak RSS comes from one extra run in a process of its own.
    fn bare_pass(&self, log: &Path) -> Outcome {
        let mut walls = Vec::with_capacity(self.settings.runs);
        for run in 0..=self.settings.runs {
            let started = Instant::now();
            let events = match bare_pulldown_pass(log) {
                Ok(events) => events,
                Err(error) => return Outcome::Failed(format!("fail: {error:#}")),
            };
            let wall = started.elapsed();
            std::hint::black_box(events);
            if run > 0 {
                walls.push(wall);
            }
        }
        let spec = Spec::new(&self.self_exe, [OsStr::new(PULLDOWN_ROLE), log.as_os_str()]);
        let rss_kib = self
            .measure(&spec)
            .ok()
            .filter(|report| report.failure(self.settings.limit).is_none())
            .map(|report| report.max_rss_kib);
        Outcome::Timed {
            median: median_duration(walls),
            rss_kib,
            note: None,
        }
    }
}

/// Keeps a user's config and environment out of every measured command.
fn pin_environment(command: &mut Command, scratch: &Path) {
    for (name, _) in env::vars_os() {
        if name.to_string_lossy().starts_with("BRAG_") {
            command.env_remove(name);
        }
    }
    let home = scratch.join("home");
    command
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("LC_ALL", "C.UTF-8");
}

fn bare_pulldown_pass(log: &Path) -> Result<usize> {
    let text = fs::read_to_string(log).with_context(|| format!("reading {}", log.display()))?;
    let parser = pulldown_cmark::Parser::new_ext(&text, brag::markdown::options());
    Ok(parser.into_offset_iter().count())
}

/// `__pulldown FILE`: one bare pass in a process of its own, so its peak RSS can be measured.
fn pulldown_role(args: &[OsString]) -> Result<()> {
    let [log] = args else {
        bail!("usage: reader {PULLDOWN_ROLE} FILE");
    };
    println!("{}", bare_pulldown_pass(Path::new(log))?);
    Ok(())
}

/// What the measuring parent saw of one run, sent back to the bench as one JSON line.
#[derive(Debug, Serialize, Deserialize)]
struct Report {
    wall_ns: u64,
    max_rss_kib: u64,
    exit: Exit,
    stdout_bytes: u64,
    /// The first line of the command's stderr.
    stderr_head: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

impl Report {
    /// How the run failed, in the table's words, or `None` if it exited 0 in time.
    fn failure(&self, limit: Duration) -> Option<String> {
        let why = match self.exit {
            Exit::Code(0) => return None,
            Exit::Code(code) => format!("fail rc={code}"),
            Exit::Signal(signal) => format!("fail signal {signal}"),
            Exit::TimedOut => return Some(format!("timeout >{}s", limit.as_secs_f64())),
        };
        Some(if self.stderr_head.is_empty() {
            why
        } else {
            format!("{why}: {}", self.stderr_head)
        })
    }
}

/// `__measure LIMIT_MS -- PROGRAM ARGS...`: run one command with stdout and stderr piped and
/// drained, kill it after LIMIT_MS, and print a [`Report`]. This process has no other
/// children, so `RUSAGE_CHILDREN` is that command's own peak RSS.
fn measure_role(args: &[OsString]) -> Result<()> {
    let [limit_ms, separator, program, args @ ..] = args else {
        bail!("usage: reader {MEASURE_ROLE} LIMIT_MS -- PROGRAM [ARGS...]");
    };
    if separator != "--" {
        bail!("usage: reader {MEASURE_ROLE} LIMIT_MS -- PROGRAM [ARGS...]");
    }
    let limit = Duration::from_millis(
        limit_ms
            .to_str()
            .and_then(|ms| ms.parse().ok())
            .context("LIMIT_MS must be a number")?,
    );

    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {program:?}"))?;
    let pid = nix::unistd::Pid::from_raw(
        i32::try_from(child.id()).context("the child's pid does not fit a pid_t")?,
    );
    let (finished, finished_signal) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        let overran = finished_signal.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout);
        if overran {
            // The main thread reaps the child only after this thread ends, so the pid is
            // still the child's own (at worst a zombie, which ignores the signal).
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        }
        overran
    });
    let mut stderr = child.stderr.take().context("the child's stderr is piped")?;
    let stderr_reader = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let mut stdout = child.stdout.take().context("the child's stdout is piped")?;
    let stdout_bytes = io::copy(&mut stdout, &mut io::sink()).unwrap_or(0);
    // Wait for the exit without reaping (WNOWAIT), stop the watchdog, and only then reap:
    // the watchdog can never signal a pid that has been handed to another process.
    let exited = WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT;
    while let Err(error) = waitid(Id::Pid(pid), exited) {
        if error != Errno::EINTR {
            return Err(error).context("waiting for the child");
        }
    }
    let wall = started.elapsed();
    let _ = finished.send(());
    let overran = watchdog.join().unwrap_or(false);
    let status = child.wait().context("reaping the child")?;
    let stderr = stderr_reader.join().unwrap_or_default();

    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .context("getrusage")?;
    let exit = match (overran, status.code(), status.signal()) {
        (true, _, _) => Exit::TimedOut,
        (false, Some(code), _) => Exit::Code(code),
        (false, None, signal) => Exit::Signal(signal.unwrap_or(0)),
    };
    let report = Report {
        wall_ns: u64::try_from(wall.as_nanos()).unwrap_or(u64::MAX),
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: u64::try_from(usage.max_rss()).unwrap_or(0),
        exit,
        stdout_bytes,
        stderr_head: String::from_utf8_lossy(&stderr)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned(),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

fn median_duration(mut values: Vec<Duration>) -> Duration {
    values.sort_unstable();
    match values.len() {
        0 => Duration::ZERO,
        len if len % 2 == 1 => values[len / 2],
        len => (values[len / 2 - 1] + values[len / 2]) / 2,
    }
}

fn median_u64(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    match values.len() {
        0 => 0,
        len if len % 2 == 1 => values[len / 2],
        len => (values[len / 2 - 1] + values[len / 2]) / 2,
    }
}

fn print_table(rows: &[Row]) {
    let baseline = |op: &str, entries: usize| {
        rows.iter()
            .find(|row| row.op == op && row.entries == entries)
            .and_then(|row| row.outcome.median())
    };
    println!(
        "| op | entries | file MB | median ms | peak RSS MB | vs grep -c | vs bare pulldown |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut notes = Vec::new();
    for row in rows {
        let (median, rss, vs_grep, vs_bare) = match &row.outcome {
            Outcome::Timed {
                median,
                rss_kib,
                note,
            } => {
                if let Some(note) = note {
                    notes.push(format!("{} at {}: {note}", row.op, thousands(row.entries)));
                }
                let ratio = |base: Option<Duration>| {
                    base.filter(|base| !base.is_zero())
                        .map(|base| format_ratio(median.as_secs_f64() / base.as_secs_f64()))
                        .unwrap_or_default()
                };
                (
                    format_ms(*median),
                    rss_kib
                        .map(|kib| format!("{:.1}", mib(kib)))
                        .unwrap_or_default(),
                    ratio(baseline("grep -c", row.entries)),
                    ratio(baseline("bare pulldown", row.entries)),
                )
            }
            Outcome::Failed(why) => (
                why.replace('|', "\\|"),
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        println!(
            "| {} | {} | {:.2} | {median} | {rss} | {vs_grep} | {vs_bare} |",
            row.op,
            thousands(row.entries),
            mb(row.file_bytes),
        );
    }
    if !notes.is_empty() {
        println!();
        for note in notes {
            println!("- {note}");
        }
    }
}

/// Decimal megabytes, as file sizes are quoted ("56 MB at 100k").
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Binary megabytes, as `run_bench.sh` reports peak RSS (`/usr/bin/time %M` / 1024).
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn format_ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.1}")
    }
}

fn format_ratio(ratio: f64) -> String {
    if ratio < 10.0 {
        format!("{ratio:.2}x")
    } else {
        format!("{ratio:.1}x")
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The smoke run's checks of the generator (`cargo test --benches`): same seed, same text;
/// one heading per entry; months in order; the bullet style holds the same entries, one
/// bullet each under day headings. Sizes and timings are never asserted.
fn check_generator() -> Result<()> {
    let text = genlog::generate(300, 7);
    if text != genlog::generate(300, 7) {
        bail!("genlog: the same seed gave two different logs");
    }
    if text == genlog::generate(300, 8) {
        bail!("genlog: two seeds gave the same log");
    }
    let headings = text.lines().filter(|line| line.starts_with("### ")).count();
    if headings != 300 {
        bail!("genlog: {headings} entry headings for 300 entries");
    }
    if !text.starts_with("# Achievement log\n\n## ") || !text.ends_with('\n') {
        bail!("genlog: the log does not open with its title and a month");
    }
    let months: Vec<(i32, usize)> = text
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .map(|heading| {
            let (name, year) = heading
                .split_once(' ')
                .context("a month heading has a year")?;
            let month = genlog::MONTHS
                .iter()
                .position(|known| *known == name)
                .with_context(|| format!("genlog: unknown month {name:?}"))?;
            Ok((year.parse()?, month))
        })
        .collect::<Result<_>>()?;
    if !months.windows(2).all(|pair| pair[0] < pair[1]) {
        bail!("genlog: month headings are not strictly ascending");
    }
    let bullets = genlog::generate_bullets(300, 7);
    let titles = |text: &str, prefix: &str, suffix: &str| -> Vec<String> {
        text.lines()
            .filter_map(|line| line.strip_prefix(prefix)?.strip_suffix(suffix))
            .map(str::to_owned)
            .collect()
    };
    if titles(&bullets, "- **", "**") != titles(&text, "### ", "") {
        bail!("genlog: the bullet style does not hold the same entries, one bullet each");
    }
    let month_lines = |text: &str| -> Vec<String> { titles(text, "## ", "") };
    if month_lines(&bullets) != month_lines(&text) {
        bail!("genlog: the bullet style does not have the same month headings");
    }
    let short = genlog::generate_short_titles(300, 7);
    let short_titles = titles(&short, "### ", "");
    let is_short = |title: &String| {
        title.split_whitespace().count() <= 3 && title.bytes().any(|b| b.is_ascii_digit())
    };
    if short_titles.len() != 300 || !short_titles.iter().all(is_short) {
        bail!(
            "genlog: the short style does not title 300 entries with a short phrase and a number"
        );
    }
    if month_lines(&short) != month_lines(&text) {
        bail!("genlog: the short style does not have the same month headings");
    }
    Ok(())
}
