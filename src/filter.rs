//! The filters `list`, `export` and `tags` share, and how they choose entries cheaply.
//!
//! Dates: an entry covers the days of its period (a day, a week, a month, a year ...);
//! it passes `--since`/`--until`/`--on` when they lie inside the asked range, or with
//! `--overlap` when they share a day with it.
//!
//! A filter first looks at what costs little: the head's date (exact, see
//! `read::Reader`), the tags and scope that a line scan of the block can tell (looked
//! for only when the filter asks about them), and the raw text of the entry's block,
//! where every tag, scope and `--grep` text that the entry carries must occur (and
//! where a `--grep` hit in shown text confirms a match). Only the entries this cannot
//! decide are read and tested in full. A property test checks that the two together
//! choose exactly what the full test alone chooses.
//!
//! Text and tag matching ignore ASCII case. `--grep` looks at the title, every field
//! (STAR, date, tags, scope and other labels) and the notes, as the JSON schema shows
//! them; `--field` narrows it to some of those.

use crate::model::{Entry, FieldKey, Scope};
use crate::period::DateRange;
use crate::read::Glance;

/// What `list`, `export`, `tags` and `stats` choose entries by, its periods resolved
/// (built from the command line by [`crate::query::filter`]).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub(crate) range: Option<DateRange>,
    /// Keep an entry whose period only overlaps `range` (else it must lie inside).
    pub(crate) overlap: bool,
    /// All of these tags (lowercase).
    pub(crate) tags: Vec<String>,
    /// At least one of these.
    pub(crate) any_tags: Vec<String>,
    /// None of these.
    pub(crate) not_tags: Vec<String>,
    pub(crate) scopes: Vec<Scope>,
    /// Lowercase.
    pub(crate) grep: Option<String>,
    /// Where `grep` looks (lowercase names); empty means everywhere.
    pub(crate) fields: Vec<String>,
    pub(crate) missing: Vec<FieldKey>,
    pub(crate) limit: Option<usize>,
    pub(crate) reverse: bool,
}

impl Filter {
    /// Whether the filter looks at tags: a reader then has a line scan tell them.
    pub fn looks_at_tags(&self) -> bool {
        !(self.tags.is_empty() && self.any_tags.is_empty() && self.not_tags.is_empty())
    }

    /// Whether the filter looks at the scope.
    pub fn looks_at_scope(&self) -> bool {
        !self.scopes.is_empty()
    }

    /// The test without reading the entry, from what a glance at it tells: its date,
    /// the tags and scope a line scan told, and its raw text, in which every tag, scope
    /// and `--grep` text the entry carries must occur. `None`: read the entry to know.
    pub fn decide(&self, glance: &Glance<'_>) -> Option<bool> {
        if !self.in_range(glance.period) {
            return Some(false);
        }
        let (by_tag, by_scope) = (self.looks_at_tags(), self.looks_at_scope());
        let (tags, scope) = (glance.tags, glance.scope);
        // Raw-text checks only for what the scan did not tell: a known fact decides.
        let occurs = |needle: &str| glance.mentions(needle);
        let may_match = (tags.is_some()
            || (self.tags.iter().all(|tag| occurs(tag))
                && (self.any_tags.is_empty() || self.any_tags.iter().any(|tag| occurs(tag)))))
            && (scope.is_some()
                || self.scopes.is_empty()
                || self.scopes.iter().any(|scope| occurs(scope.as_str())))
            && self
                .grep
                .as_deref()
                .is_none_or(|grep| grep.contains(['\n', '\r']) || occurs(grep));
        if !may_match {
            return Some(false);
        }
        let mut decided = true;
        if by_tag {
            match tags {
                Some(tags) => {
                    let has = |tag: &String| tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
                    let tags_match = self.tags.iter().all(has)
                        && (self.any_tags.is_empty() || self.any_tags.iter().any(has))
                        && !self.not_tags.iter().any(has);
                    if !tags_match {
                        return Some(false);
                    }
                }
                None => decided = false,
            }
        }
        if by_scope {
            match scope {
                Some(scope) if !scope.is_some_and(|s| self.scopes.contains(&s)) => {
                    return Some(false);
                }
                Some(_) => {}
                None => decided = false,
            }
        }
        if let Some(grep) = &self.grep {
            let plain = grep.trim() == grep && !grep.contains(['\n', '\r']);
            let confirmed = self.fields.is_empty() && plain && glance.shows(grep);
            decided &= confirmed;
        }
        decided &= self.missing.is_empty();
        decided.then_some(true)
    }

    /// The full test, on a read entry.
    pub fn matches(&self, entry: &Entry<'_>) -> bool {
        let has_tag = |tag: &String| entry.tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
        self.in_range(entry.period.map(|period| period.range))
            && self.tags.iter().all(has_tag)
            && (self.any_tags.is_empty() || self.any_tags.iter().any(has_tag))
            && !self.not_tags.iter().any(has_tag)
            && (self.scopes.is_empty() || entry.scope.is_some_and(|s| self.scopes.contains(&s)))
            && self
                .missing
                .iter()
                .all(|key| entry.star.get(*key).is_none_or(Option::is_none))
            && self
                .grep
                .as_deref()
                .is_none_or(|grep| self.grep_matches(entry, grep))
    }

    /// Whether an entry's period (the days it covers) passes the date range: it lies
    /// inside the range, or with `--overlap` shares a day with it. An entry without a
    /// period passes only when there is no range.
    fn in_range(&self, period: Option<DateRange>) -> bool {
        let Some(range) = self.range else {
            return true;
        };
        period.is_some_and(|days| {
            if self.overlap {
                range.start <= days.end && days.start <= range.end
            } else {
                range.start <= days.start && days.end <= range.end
            }
        })
    }

    fn grep_matches(&self, entry: &Entry<'_>, grep: &str) -> bool {
        let wanted = |name: &str| self.fields.is_empty() || self.fields.iter().any(|f| f == name);
        let found = |text: &str| text.to_ascii_lowercase().contains(grep);
        (wanted("title") && found(entry.title))
            || entry.fields.iter().any(|field| {
                let name = match field.key {
                    FieldKey::Other => field.label.to_ascii_lowercase(),
                    key => key.name().to_string(),
                };
                wanted(&name) && found(&field.body.to_string())
            })
            || (wanted("notes") && entry.notes.iter().any(|note| found(&note.to_string())))
    }

    /// What the filter asks for beyond dates, for a report's first line.
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        let list = |values: &[String]| values.join(", ");
        if !self.tags.is_empty() {
            parts.push(format!("tag {}", list(&self.tags)));
        }
        if !self.any_tags.is_empty() {
            parts.push(format!("any tag of {}", list(&self.any_tags)));
        }
        if !self.not_tags.is_empty() {
            parts.push(format!("no tag {}", list(&self.not_tags)));
        }
        if !self.scopes.is_empty() {
            let scopes: Vec<String> = self.scopes.iter().map(|s| s.to_string()).collect();
            parts.push(format!("scope {}", list(&scopes)));
        }
        if let Some(grep) = &self.grep {
            let within = if self.fields.is_empty() {
                String::new()
            } else {
                format!(" in {}", list(&self.fields))
            };
            parts.push(format!("text {grep:?}{within}"));
        }
        if !self.missing.is_empty() {
            let missing: Vec<String> = self.missing.iter().map(|k| k.name().to_string()).collect();
            parts.push(format!("missing {}", list(&missing)));
        }
        parts
    }

    /// The date range in words: `from 2026-05-01 to 2026-11-23`, `since ...`, `all dates`.
    pub fn describe_range(&self) -> String {
        match self.range.map(|r| (r.first_day(), r.last_day())) {
            None | Some((None, None)) => "all dates".to_string(),
            Some((Some(start), Some(end))) if start == end => format!("on {start}"),
            Some((Some(start), Some(end))) => format!("from {start} to {end}"),
            Some((Some(start), None)) => format!("since {start}"),
            Some((None, Some(end))) => format!("until {end}"),
        }
    }
}
