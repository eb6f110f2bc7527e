//! git, run as a program: a repository's commits as draft entries.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use crate::edit::{Body, Draft};

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
            draft.actions = Some(Body::Items(actions));
            draft.tags = vec![DRAFT_TAG.to_string()];
            Ok(draft)
        })
        .collect()
}
