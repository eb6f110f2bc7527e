//! `brag check`'s quality lints: is each entry good evidence? Pure: entries, today and
//! the settings in, located diagnostics out, each with a stable code (`B101`...).
//!
//! The reader reports what it cannot place; these judge what it could. Two of them
//! (B106, B108) are found by the reader itself, which tags its diagnostics with their
//! codes, so that `lints:` in the config governs them like the rest.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::measurable::is_measurable;
use crate::model::{Entry, FieldKey, Text, YearMonth};

/// A quality lint, by its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Lint {
    /// An entry lacks Situation, Task, Actions or Results.
    #[serde(rename = "B101")]
    MissingStar,
    /// A STAR field is empty, or only a placeholder (`TODO`, `{results}`).
    #[serde(rename = "B102")]
    EmptyField,
    /// Results state no measurable change (see `measurable`).
    #[serde(rename = "B103")]
    UnmeasuredResults,
    /// The title starts with "helped", "worked on", "was involved" or "participated".
    #[serde(rename = "B104")]
    VagueTitle,
    /// The entry's date is after today.
    #[serde(rename = "B105")]
    FutureDate,
    /// The entry's date is outside the month heading it is filed under (from the reader).
    #[serde(rename = "B106")]
    DateOutsideMonth,
    /// Two entries of a month have the same title.
    #[serde(rename = "B107")]
    DuplicateTitle,
    /// A month heading against the file's order (from the reader).
    #[serde(rename = "B108")]
    MonthOutOfOrder,
    /// An entry has no Scope, when `require_scope: true`.
    #[serde(rename = "B109")]
    MissingScope,
}

impl Lint {
    pub const ALL: [Lint; 9] = [
        Lint::MissingStar,
        Lint::EmptyField,
        Lint::UnmeasuredResults,
        Lint::VagueTitle,
        Lint::FutureDate,
        Lint::DateOutsideMonth,
        Lint::DuplicateTitle,
        Lint::MonthOutOfOrder,
        Lint::MissingScope,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lint::MissingStar => "B101",
            Lint::EmptyField => "B102",
            Lint::UnmeasuredResults => "B103",
            Lint::VagueTitle => "B104",
            Lint::FutureDate => "B105",
            Lint::DateOutsideMonth => "B106",
            Lint::DuplicateTitle => "B107",
            Lint::MonthOutOfOrder => "B108",
            Lint::MissingScope => "B109",
        }
    }
}

/// What the config says of a lint: `off`, `warning` or `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

/// Which lints run, and how loud: from `lints:` and `require_scope:` in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    levels: BTreeMap<Lint, Level>,
}

impl Settings {
    /// Every lint a warning, except B109, which runs only when scope is required;
    /// `lints:` overrides either.
    pub fn new(configured: &BTreeMap<Lint, Level>, require_scope: bool) -> Self {
        let levels = Lint::ALL
            .into_iter()
            .map(|lint| {
                let default = match lint {
                    Lint::MissingScope if !require_scope => Level::Off,
                    _ => Level::Warning,
                };
                (lint, configured.get(&lint).copied().unwrap_or(default))
            })
            .collect();
        Self { levels }
    }

    fn level(&self, lint: Lint) -> Level {
        self.levels.get(&lint).copied().unwrap_or(Level::Warning)
    }

    fn on(&self, lint: Lint) -> bool {
        self.level(lint) != Level::Off
    }

    /// Drops the diagnostics of lints that are off and gives the rest their level;
    /// diagnostics without a code pass unchanged.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(
            |diagnostic| match diagnostic.lint.map(|lint| self.level(lint)) {
                None => true,
                Some(Level::Off) => false,
                Some(Level::Warning) => {
                    diagnostic.severity = Severity::Warning;
                    true
                }
                Some(Level::Error) => {
                    diagnostic.severity = Severity::Error;
                    true
                }
            },
        );
    }
}

/// The quality lints over a log's entries, in no particular order; `src` is the log
/// the entries borrow from. Levels are not applied yet (see [`Settings::apply`]).
pub fn check(
    src: &str,
    entries: &[Entry<'_>],
    today: NaiveDate,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for entry in entries {
        entry_lints(src, entry, today, settings, &mut found);
    }
    if settings.on(Lint::DuplicateTitle) {
        duplicate_titles(src, entries, &mut found);
    }
    found
}

/// The lints that look at one entry alone.
fn entry_lints(
    src: &str,
    entry: &Entry<'_>,
    today: NaiveDate,
    settings: &Settings,
    found: &mut Vec<Diagnostic>,
) {
    let title = entry.title.trim();
    let field = |key: FieldKey| entry.fields.iter().find(|field| field.key == key);

    if settings.on(Lint::MissingStar) {
        let missing: Vec<&str> = FieldKey::STAR
            .into_iter()
            .filter(|key| field(*key).is_none())
            .map(FieldKey::label)
            .collect();
        if !missing.is_empty() {
            found.push(
                Diagnostic::warning(
                    entry.span.start,
                    format!("entry {title:?} has no {}", list(&missing)),
                )
                .with_hint(format!(
                    "add `- **{}**: ...`; a STAR entry says what was at stake, what you did and what changed",
                    missing[0]
                ))
                .with_lint(Lint::MissingStar),
            );
        }
    }

    let mut results_placeholder = false;
    if settings.on(Lint::EmptyField) {
        for (key, body) in entry.star.iter() {
            let name = key.label();
            let Some(field) = field(key) else { continue };
            let problem = match body {
                None => format!("{name} is empty"),
                Some(text) if is_placeholder(text) => {
                    format!("{name} is only a placeholder: {:?}", text.raw.trim())
                }
                Some(_) => continue,
            };
            results_placeholder |= key == FieldKey::Results;
            found.push(
                Diagnostic::warning(field.span.start, problem)
                    .with_hint(format!("write the {name}, or remove the line"))
                    .with_lint(Lint::EmptyField),
            );
        }
    }

    if settings.on(Lint::UnmeasuredResults) && !results_placeholder {
        if let (Some(results), Some(field)) = (entry.star.results, field(FieldKey::Results)) {
            if !is_measurable(results.raw) {
                found.push(
                    Diagnostic::warning(field.span.start, "Results state no measurable change")
                        .with_hint(
                            "add a number: a unit (ms, GB), %, $, 3x, a duration, \
                             before -> after, or a count of people, teams or services",
                        )
                        .with_lint(Lint::UnmeasuredResults),
                );
            }
        }
    }

    if settings.on(Lint::VagueTitle) {
        if let Some(opening) = vague_opening(title) {
            found.push(
                Diagnostic::warning(
                    title_offset(src, entry),
                    format!("title {title:?} starts with {opening:?}, which hides what you did"),
                )
                .with_hint("name your own part and its effect: \"Cut the incident's time to fix from 3 h to 40 min\"")
                .with_lint(Lint::VagueTitle),
            );
        }
    }

    if settings.on(Lint::FutureDate) {
        if let Some(date) = entry.date.filter(|date| *date > today) {
            let at = field(FieldKey::Date).map_or(entry.span.start, |field| field.span.start);
            found.push(
                Diagnostic::warning(
                    at,
                    format!("date {date} is in the future (today is {today})"),
                )
                .with_hint("log a win once it has happened; fix the date")
                .with_lint(Lint::FutureDate),
            );
        }
    }

    if settings.on(Lint::MissingScope) && entry.scope.is_none() && !has_scope_label(entry) {
        found.push(
            Diagnostic::warning(entry.span.start, format!("entry {title:?} has no Scope"))
                .with_hint("add `- **Scope**: task|milestone|project|product|business`")
                .with_lint(Lint::MissingScope),
        );
    }
}

/// B107: a later entry (in file order) of a month with the same title as an earlier one.
fn duplicate_titles(src: &str, entries: &[Entry<'_>], found: &mut Vec<Diagnostic>) {
    let mut in_file_order: Vec<&Entry<'_>> = entries.iter().collect();
    in_file_order.sort_by_key(|entry| entry.span.start);
    let mut first_line: HashMap<(Option<YearMonth>, String), usize> = HashMap::new();
    for entry in in_file_order {
        let title = entry.title.trim();
        if title.is_empty() || entry.month.is_none() {
            continue;
        }
        let key = (entry.month, title.to_lowercase());
        match first_line.get(&key) {
            Some(line) => found.push(
                Diagnostic::warning(
                    title_offset(src, entry),
                    format!("title {title:?} is already used this month, on line {line}"),
                )
                .with_hint("merge the two entries, or tell them apart in their titles")
                .with_lint(Lint::DuplicateTitle),
            ),
            None => {
                first_line.insert(key, entry.line);
            }
        }
    }
}

/// `Situation, Task and Results`.
fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The openings that make a title vague, lowercased.
const VAGUE_OPENINGS: &[&str] = &["helped", "worked on", "was involved", "participated"];

/// The vague opening `title` starts with (a whole word, any case), if any.
fn vague_opening(title: &str) -> Option<&'static str> {
    VAGUE_OPENINGS.iter().copied().find(|opening| {
        title
            .get(..opening.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(opening))
            && !title[opening.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Text that stands in for a field not written yet.
fn is_placeholder(text: &Text<'_>) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "todo",
        "tbd",
        "tba",
        "fixme",
        "xxx",
        "n/a",
        "na",
        "none",
        "-",
        "--",
        "—",
        "...",
        "…",
        "?",
        "???",
        "lorem ipsum",
    ];
    let raw = text.raw.trim().trim_end_matches('.');
    let raw = if raw.is_empty() { text.raw.trim() } else { raw };
    let wrapped = |open: char, close: char| {
        raw.len() > 2 && raw.starts_with(open) && raw.ends_with(close) && !raw[1..].contains(open)
    };
    PLACEHOLDERS
        .iter()
        .any(|placeholder| raw.eq_ignore_ascii_case(placeholder))
        || wrapped('{', '}')
        || wrapped('<', '>')
}

/// A `Scope` label the reader could not use (it reported that already).
fn has_scope_label(entry: &Entry<'_>) -> bool {
    entry
        .fields
        .iter()
        .any(|field| field.label.eq_ignore_ascii_case("scope"))
}

/// Where the title starts in the log, else where the entry does.
fn title_offset(src: &str, entry: &Entry<'_>) -> usize {
    let title = entry.title.trim();
    src.get(entry.span.clone())
        .and_then(|block| block.find(title))
        .map_or(entry.span.start, |at| entry.span.start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_openings_are_whole_words_in_any_case() {
        let cases = [
            ("Helped with incident", Some("helped")),
            ("helped", Some("helped")),
            ("WORKED ON the billing migration", Some("worked on")),
            ("Was involved in the launch", Some("was involved")),
            ("Participated in the RFC review", Some("participated")),
            ("Helpedesk rewrite", None),
            ("Led the incident, helped others", None),
            ("Cut p95 by 40%", None),
            ("", None),
        ];
        for (title, expected) in cases {
            assert_eq!(vague_opening(title), expected, "{title:?}");
        }
    }

    #[test]
    fn placeholders_stand_in_for_text() {
        let cases = [
            ("TODO", true),
            ("tbd.", true),
            ("{results}", true),
            ("<what changed>", true),
            ("...", true),
            ("N/A", true),
            ("p95 fell 40%", false),
            ("{a} and {b}", false),
            ("None of the pages fired", false),
        ];
        for (raw, expected) in cases {
            assert_eq!(is_placeholder(&Text::new(raw, 0)), expected, "{raw:?}");
        }
    }

    #[test]
    fn missing_fields_read_as_a_list() {
        assert_eq!(list(&["Results"]), "Results");
        assert_eq!(
            list(&["Situation", "Task", "Results"]),
            "Situation, Task or Results"
        );
    }
}
