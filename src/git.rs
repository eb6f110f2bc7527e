//! git, run as a program: a repository's commits as draft entries, and the log's folder
//! kept in git (a commit after each write, `brag git ARGS`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use crate::app::Context;
use crate::edit::{Body, Draft};
use crate::store;

/// The exit code of a write that is done but whose commit failed.
pub const COMMIT_FAILED: u8 = 3;

/// A write that reached the log, whose git commit then failed (exit code 3).
#[derive(Debug)]
pub struct CommitFailed {
    pub log: PathBuf,
    pub reason: String,
}

impl fmt::Display for CommitFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the change is written to {}, but committing it to git failed: {}\n  \
             fix that, then commit it yourself: brag git commit -am \"brag: ...\"",
            self.log.display(),
            self.reason
        )
    }
}

impl std::error::Error for CommitFailed {}

/// The folder of the log file (a symlink's target), where its git work tree is.
fn log_folder(context: &Context) -> Result<(PathBuf, PathBuf)> {
    let file = store::resolve(&context.log_path)?;
    let file = std::path::absolute(&file).unwrap_or(file);
    let folder = match file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((folder, file))
}

/// With `git: {commit: true}` in the config and the log in a git work tree, commits the
/// log (and nothing else) with `message`. Called after a write: a failure is a
/// [`CommitFailed`], which says the write itself is done.
pub fn commit_log(context: &Context, message: &str) -> Result<()> {
    if !context.config.git.commit {
        return Ok(());
    }
    let (folder, file) = log_folder(context)?;
    let failed = |reason: String| CommitFailed {
        log: context.log_path.clone(),
        reason,
    };
    let inside = output(&folder, &["rev-parse", "--is-inside-work-tree"])
        .map_err(|error| failed(format!("{error:#}")))?;
    if !inside.status.success() || !String::from_utf8_lossy(&inside.stdout).starts_with("true") {
        return Ok(());
    }
    let file = file.to_string_lossy();
    for args in [
        &["add", "--", &file][..],
        &["commit", "--quiet", "-m", message, "--", &file][..],
    ] {
        let out = output(&folder, args).map_err(|error| failed(format!("{error:#}")))?;
        if !out.status.success() {
            let mut reason = first_error_line(&out);
            if reason == "git failed" {
                reason = String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .replace('\n', " ");
            }
            return Err(failed(reason).into());
        }
    }
    Ok(())
}

/// `brag git ARGS`: git run in the log's folder, on the terminal; its exit code.
pub fn run(context: &Context, args: &[String]) -> Result<ExitCode> {
    let (folder, _) = log_folder(context)?;
    let status = Command::new("git")
        .arg("-C")
        .arg(&folder)
        .args(args)
        .stdin(Stdio::inherit())
        .status()
        .map_err(|error| anyhow!("cannot run git: {error}"))?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

/// The tag of the entries made from commits, until the person finishes them.
pub const DRAFT_TAG: &str = "draft";

/// `git ARGS` in `folder`, its output captured.
fn output(folder: &Path, args: &[&str]) -> Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|error| anyhow!("cannot run git: {error}"))
}

/// The first line git wrote on stderr, for a message.
fn first_error_line(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("git failed")
        .trim()
        .to_string()
}

/// One draft entry per day with commits on or after `since` in `repo` (by `author`
/// where given), oldest first: titled by the day's first merge, else its first
/// commit; the subjects as Actions; Results left for the person; tagged `draft`.
pub fn drafts(repo: &str, since: NaiveDate, author: Option<&str>) -> Result<Vec<Draft>> {
    let mut args = vec![
        "log",
        "--no-color",
        "--reverse",
        "--date=short",
        "--format=%ad%x1f%P%x1f%s",
    ];
    let author_arg = author.map(|author| format!("--author={author}"));
    args.extend(author_arg.as_deref());
    let out = output(Path::new(repo), &args)?;
    if !out.status.success() {
        bail!(
            "cannot read the history of {repo}: {}; nothing was imported",
            first_error_line(&out)
        );
    }
    let mut days: BTreeMap<NaiveDate, Vec<(String, bool)>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut parts = line.splitn(3, '\u{1f}');
        let (Some(date), Some(parents), Some(subject)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
            continue;
        };
        let subject = subject.trim();
        if date < since || subject.is_empty() {
            continue;
        }
        let merge = parents.split_whitespace().count() > 1;
        days.entry(date)
            .or_default()
            .push((subject.to_string(), merge));
    }
    days.into_iter()
        .map(|(date, commits)| {
            let title = commits
                .iter()
                .find(|(_, merge)| *merge)
                .unwrap_or(&commits[0])
                .0
                .clone();
            let mut draft = Draft::new(&title, date)?;
            let work: Vec<String> = commits
                .iter()
                .filter(|(_, merge)| !merge)
                .map(|(subject, _)| subject.clone())
                .collect();
            let actions = if work.is_empty() {
                commits.into_iter().map(|(subject, _)| subject).collect()
            } else {
                work
            };
            draft.star.actions = Some(Body::Items(actions));
            draft.tags = vec![DRAFT_TAG.to_string()];
            Ok(draft)
        })
        .collect()
}
