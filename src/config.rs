//! The YAML config file: every key optional, unknown keys rejected with their line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::lint::{Level, Lint};

/// `config.yaml`. The README's "Configuration" (and `brag help config`) shows each key.
#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The log file; `~` and paths relative to the config file's folder are resolved.
    pub file: Option<PathBuf>,
    /// The editor for `brag add` and `brag edit`, before $VISUAL and $EDITOR.
    pub editor: Option<String>,
    /// The month order for a new log.
    pub order: Option<OrderSetting>,
    /// A tag vocabulary: tag -> what it means.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// A promotion rubric: the tags that count as evidence for each competency.
    #[serde(default)]
    pub competencies: Vec<Competency>,
    /// Review dates, so `--since last-review` works.
    pub review: Option<ReviewSetting>,
    /// `brag remind` nudges after this many days without an entry.
    pub remind_after_days: Option<u32>,
    /// First month (1-12) of the review year; shifts quarters and halves.
    pub year_start: Option<u32>,
    /// The first day of a week.
    pub week_start: Option<WeekStart>,
    /// Tags that keep an entry out of exports (besides `private`).
    #[serde(default)]
    pub private_tags: Vec<String>,
    /// `brag check`'s lints by code (`B104: off`); an unknown code is an error.
    #[serde(default)]
    pub lints: BTreeMap<Lint, Level>,
    /// `brag check` warns about entries without a Scope (lint B109).
    #[serde(default)]
    pub require_scope: bool,
    /// How a numeric day like `11/3` given to `--date` reads: month-first or day-first.
    pub date_order: Option<DateOrderSetting>,
    /// Two or three sentences that open the export: the case, in the person's words.
    pub summary: Option<String>,
    /// Tag aliases for rubrics and grouping: a tag as written -> the tag it counts as.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// The person's goals, closing the packet; else the Purpose, Mastery and Autonomy
    /// lines at the top of the log.
    pub goals: Option<Goals>,
    /// What comes next, closing the packet.
    #[serde(default)]
    pub next: Vec<String>,
    /// Tags that name a project: entries carrying one are told as that project's story,
    /// like entries sharing a `Project:` field.
    #[serde(default)]
    pub project_tags: Vec<String>,
    /// The log kept in git: `git: {commit: true}` commits it after every write.
    #[serde(default)]
    pub git: GitSetting,
}

/// `git: {commit: true}`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GitSetting {
    #[serde(default)]
    pub commit: bool,
}

/// `goals: {purpose: ..., mastery: ..., autonomy: ...}`, every key optional.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    pub purpose: Option<String>,
    pub mastery: Option<String>,
    pub autonomy: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrderSetting {
    MonthFirst,
    DayFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderSetting {
    OldestFirst,
    NewestFirst,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// `review: [2026-04-15, 2025-10-15]` or `review: {start: 2025-04-01, every_months: 6}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ReviewSetting {
    Dates(Vec<NaiveDate>),
    Cycle(ReviewCycle),
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewCycle {
    pub start: NaiveDate,
    pub every_months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    Monday,
    Sunday,
    Saturday,
}

impl WeekStart {
    pub fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
            WeekStart::Saturday => Weekday::Sat,
        }
    }
}

impl Config {
    /// Reads `path`. A missing file is the default config only when `required` is false.
    pub fn load(path: &Path, required: bool) -> Result<Self> {
        let text = match crate::store::read_small(path, crate::store::SMALL_FILE_LIMIT, "config")? {
            Some(text) => text,
            None if !required => return Ok(Self::default()),
            None => bail!("cannot read config {}: it does not exist", path.display()),
        };
        let config = Self::parse(&text)
            .map_err(|message| anyhow::anyhow!("{}:{message}", path.display()))?;
        if let Some(month) = config.year_start.filter(|m| !(1..=12).contains(m)) {
            bail!(
                "{}: year_start is {month}; it must be a month number from 1 to 12",
                path.display()
            );
        }
        Ok(config)
    }

    /// Parses YAML text; the error is `LINE:COL: message`.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let only_comments = text
            .lines()
            .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
        if only_comments {
            return Ok(Self::default());
        }
        serde_yaml::from_str(text).map_err(|error| {
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                // The enum's name means nothing to the person.
                .replace(
                    "data did not match any variant of untagged enum ReviewSetting",
                    "review is a list of dates, e.g. [2026-04-15, 2025-10-15], \
                     or a cycle, e.g. {start: 2025-04-01, every_months: 6}",
                );
            match error.location() {
                Some(at) => format!("{}:{}: {message}", at.line(), at.column()),
                None => format!(" {message}"),
            }
        })
    }

    /// The log path from `file:`, resolved against the config file's folder.
    pub fn log_path(&self, config_path: &Path) -> Option<PathBuf> {
        let file = self.file.as_ref()?;
        let expanded = match file.strip_prefix("~") {
            Ok(rest) => dirs::home_dir().map_or_else(|| file.clone(), |home| home.join(rest)),
            Err(_) => file.clone(),
        };
        Some(match config_path.parent() {
            Some(folder) if expanded.is_relative() => folder.join(expanded),
            _ => expanded,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses() {
        let text = "\
file: ~/notes/brag.md
editor: vim
order: newest-first
tags:
  performance: Faster systems
competencies:
  - name: Technical leadership
    description: Sets direction
    tags: [design, rfc]
review: [2026-04-15, 2025-10-15]
remind_after_days: 7
year_start: 4
week_start: sunday
private_tags: [health]
lints: {B104: off, B103: error}
require_scope: true
date_order: day-first
summary: Led the ledger migration.
aliases: {perf: performance}
goals: {purpose: Payments that never lose a cent}
next: [Own the 2027 platform roadmap]
project_tags: [ledger]
";
        let config = Config::parse(text).expect("valid config");
        assert_eq!(config.order, Some(OrderSetting::NewestFirst));
        assert_eq!(config.competencies[0].tags, ["design", "rfc"]);
        assert_eq!(config.year_start, Some(4));
        assert_eq!(config.lints.get(&Lint::VagueTitle), Some(&Level::Off));
        assert_eq!(
            config.lints.get(&Lint::UnmeasuredResults),
            Some(&Level::Error)
        );
        assert!(config.require_scope);
        assert_eq!(config.date_order, Some(DateOrderSetting::DayFirst));
        assert_eq!(
            config.aliases.get("perf").map(String::as_str),
            Some("performance")
        );
        assert_eq!(config.next, ["Own the 2027 platform roadmap"]);
        assert_eq!(config.project_tags, ["ledger"]);
        assert!(config.goals.is_some_and(|goals| goals.mastery.is_none()));
        assert!(matches!(config.review, Some(ReviewSetting::Dates(ref d)) if d.len() == 2));
        let cycle =
            Config::parse("review:\n  start: 2025-04-01\n  every_months: 6\n").expect("cycle");
        assert!(matches!(cycle.review, Some(ReviewSetting::Cycle(_))));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let cases = [
            (
                "editor: vim\nfavourite: 3\n",
                "2:1: unknown field `favourite`",
            ),
            (
                "order: sideways\n",
                "1:8: order: unknown variant `sideways`",
            ),
            ("year_start: [1]\n", "1:13: year_start: invalid type"),
            (
                "lints:\n  B104: off\n  B999: off\n",
                "3:3: lints: unknown variant `B999`",
            ),
            (
                "goals:\n  purpose: x\n  dreams: y\n",
                "3:3: goals: unknown field `dreams`",
            ),
            (
                "lints:\n  B104: loud\n",
                "2:9: lints.B104: unknown variant `loud`",
            ),
            (
                "review: 5\n",
                "1:1: review is a list of dates, e.g. [2026-04-15",
            ),
        ];
        for (text, expected) in cases {
            let error = Config::parse(text).expect_err(text);
            assert!(error.starts_with(expected), "{text:?} gave {error:?}");
        }
        assert_eq!(Config::parse("# only a comment\n\n"), Ok(Config::default()));
    }
}
