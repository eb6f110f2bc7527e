//! Pure data: months, scopes, entries and the Markdown text they borrow from the log.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::words::MONTH_NAMES;

/// A calendar month, the unit a log is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The English month name, as the canonical heading writes it.
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[(self.month - 1) as usize]
    }

    /// `Nov`: the first three letters of the month's name.
    pub fn short_name(self) -> &'static str {
        &self.month_name()[..3]
    }

    /// `November 2026`: the month as a person reads it, and as the canonical heading
    /// writes it.
    pub fn in_words(self) -> String {
        format!("{} {}", self.month_name(), self.year)
    }

    /// `Nov 2026`: [`Self::in_words`] with the month's short name.
    pub fn in_short_words(self) -> String {
        format!("{} {}", self.short_name(), self.year)
    }

    /// `2026-11`, as [`fmt::Display`] writes it, back to a month; `None` for anything
    /// else.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.split_once('-')?;
        Self::new(year.parse().ok()?, month.parse().ok()?)
    }
}

/// `2026-11`, the form the JSON schema uses.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The ladder of ownership a promotion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Task,
    Milestone,
    Project,
    Product,
    Business,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Task,
        Scope::Milestone,
        Scope::Project,
        Scope::Product,
        Scope::Business,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Task => "task",
            Scope::Milestone => "milestone",
            Scope::Project => "project",
            Scope::Product => "product",
            Scope::Business => "business",
        }
    }

    /// Case-insensitive; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|scope| scope.as_str().eq_ignore_ascii_case(text))
    }
}

/// As its name: `"project"`.
impl serde::Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A piece of the log's Markdown, borrowed, with the indentation that nesting added.
///
/// A field written as a list item (`- **Actions**:` followed by nested bullets) has its
/// continuation lines indented by the item's content column; the schema gives the body
/// without that indentation, and with `\n` line endings whatever the file uses. Doing
/// that lazily, when the text is written out, keeps a 100k-entry log from being copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Text<'a> {
    pub raw: &'a str,
    /// Up to this many leading spaces are removed from every line after the first.
    pub dedent: usize,
}

impl<'a> Text<'a> {
    pub fn new(raw: &'a str, dedent: usize) -> Self {
        Self { raw, dedent }
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dedent == 0 && !self.raw.contains('\r') {
            return f.write_str(self.raw);
        }
        for (index, line) in self.raw.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if index > 0 {
                f.write_str("\n")?;
                let spaces = line.bytes().take(self.dedent).take_while(|&b| b == b' ');
                f.write_str(&line[spaces.count()..])?;
            } else {
                f.write_str(line)?;
            }
        }
        Ok(())
    }
}

/// ASCII-case-insensitive substring search.
///
/// It looks for the needle's rarest byte (by English letter frequency; punctuation
/// that Markdown lines start with counts as common) in either case, and compares the
/// whole needle around each hit: `latency` stops at every `y`, not at every `l`.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || find_ignore_ascii_case(haystack, needle).next().is_some()
}

/// Where a non-empty `needle` occurs in `haystack`, ignoring ASCII case, in order
/// (overlapping occurrences included); see [`contains_ignore_ascii_case`]. An empty
/// needle is found nowhere.
pub fn find_ignore_ascii_case<'h>(
    haystack: &'h str,
    needle: &'h str,
) -> impl Iterator<Item = usize> + 'h {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let (offset, rare) = needle
        .iter()
        .enumerate()
        .max_by_key(|(_, b)| rarity(**b))
        .map_or((0, 0), |(offset, &rare)| (offset, rare));
    let last_start = hay.len().checked_sub(needle.len());
    let searched = match last_start {
        Some(_) if !needle.is_empty() => &hay[offset..],
        _ => &[],
    };
    let (lower, upper) = (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, searched)
        .take_while(move |&start| last_start.is_some_and(|last| start <= last))
        .filter(move |&start| hay[start..start + needle.len()].eq_ignore_ascii_case(needle))
}

/// How rare a byte is in a log's text: higher is rarer.
fn rarity(byte: u8) -> u8 {
    RARITY[byte as usize]
}

/// [`rarity`] of every byte: letters by English frequency (space the most common),
/// digits in between, the punctuation that Markdown lines start with as common, and
/// every other byte as the rarest.
const RARITY: [u8; 256] = {
    const BY_FREQUENCY: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    let mut table = [BY_FREQUENCY.len() as u8; 256];
    let mut rank = 0;
    while rank < BY_FREQUENCY.len() {
        let letter = BY_FREQUENCY[rank];
        table[letter as usize] = rank as u8;
        table[letter.to_ascii_uppercase() as usize] = rank as u8;
        rank += 1;
    }
    let mut digit = b'0';
    while digit <= b'9' {
        table[digit as usize] = 12;
        digit += 1;
    }
    let common = b"-*:.,\n#";
    let mut index = 0;
    while index < common.len() {
        table[common[index] as usize] = 1;
        index += 1;
    }
    table
};

/// Which STAR (or bookkeeping) field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKey {
    Date,
    Tags,
    Scope,
    Situation,
    Task,
    Actions,
    Results,
    /// `**Period**: 2025-Q3`: the entry's period where the heading above it is a month
    /// (an import writes it for an entry dated only by a year, half or quarter).
    Period,
    /// `**Section**: Projects`: the category the entry belongs to, where no heading says.
    Section,
    /// Any other bold `**Label**:`; kept under its own label.
    Other,
}

impl FieldKey {
    /// The four STAR keys, in STAR order.
    pub const STAR: [FieldKey; 4] = [
        FieldKey::Situation,
        FieldKey::Task,
        FieldKey::Actions,
        FieldKey::Results,
    ];

    /// The schema's name for the field (`situation`, `tags`, `other`).
    pub fn name(self) -> &'static str {
        match self {
            FieldKey::Date => "date",
            FieldKey::Tags => "tags",
            FieldKey::Scope => "scope",
            FieldKey::Situation => "situation",
            FieldKey::Task => "task",
            FieldKey::Actions => "actions",
            FieldKey::Results => "results",
            FieldKey::Period => "period",
            FieldKey::Section => "section",
            FieldKey::Other => "other",
        }
    }

    /// The canonical label brag writes and shows (`Situation`, `Tags`); free text under
    /// no known label is `Notes`.
    pub fn label(self) -> &'static str {
        match self {
            FieldKey::Date => "Date",
            FieldKey::Tags => "Tags",
            FieldKey::Scope => "Scope",
            FieldKey::Situation => "Situation",
            FieldKey::Task => "Task",
            FieldKey::Actions => "Actions",
            FieldKey::Results => "Results",
            FieldKey::Period => "Period",
            FieldKey::Section => "Section",
            FieldKey::Other => "Notes",
        }
    }

    /// Whether the label counts only in bold (`**Period**:`): a plain `Period:` or
    /// `Section:` at the start of a line is as likely prose as a label.
    pub fn bold_only(self) -> bool {
        matches!(self, FieldKey::Period | FieldKey::Section | FieldKey::Other)
    }
}

/// A tag as brag keeps it: without the `#`, emphasis and trailing punctuation people
/// write around it (`#performance`, `` `search` ``, `*infra*;`). The one cleaning for
/// tags read from the log and given to `add` (a filter only drops a leading `#`).
pub fn clean_tag(tag: &str) -> &str {
    tag.trim()
        .trim_matches(['#', '`', '*', '_', '.', ';'])
        .trim()
}

/// The four STAR fields, one `T` each: spelt out once, for every type that holds them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Star<T> {
    pub situation: T,
    pub task: T,
    pub actions: T,
    pub results: T,
}

impl<T> Star<T> {
    /// The value for a STAR key; `None` for the other keys.
    pub fn get(&self, key: FieldKey) -> Option<&T> {
        match key {
            FieldKey::Situation => Some(&self.situation),
            FieldKey::Task => Some(&self.task),
            FieldKey::Actions => Some(&self.actions),
            FieldKey::Results => Some(&self.results),
            _ => None,
        }
    }

    /// The value for a STAR key, to change; `None` for the other keys.
    pub fn get_mut(&mut self, key: FieldKey) -> Option<&mut T> {
        match key {
            FieldKey::Situation => Some(&mut self.situation),
            FieldKey::Task => Some(&mut self.task),
            FieldKey::Actions => Some(&mut self.actions),
            FieldKey::Results => Some(&mut self.results),
            _ => None,
        }
    }

    /// Each value with its key, in STAR order.
    pub fn iter(&self) -> impl Iterator<Item = (FieldKey, &T)> {
        FieldKey::STAR
            .into_iter()
            .zip([&self.situation, &self.task, &self.actions, &self.results])
    }

    /// The same four fields, each through `f`.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> Star<U> {
        self.map_keyed(|_, value| f(value))
    }

    /// The same four fields, each through `f` with its key, in STAR order.
    pub fn map_keyed<U>(&self, mut f: impl FnMut(FieldKey, &T) -> U) -> Star<U> {
        Star {
            situation: f(FieldKey::Situation, &self.situation),
            task: f(FieldKey::Task, &self.task),
            actions: f(FieldKey::Actions, &self.actions),
            results: f(FieldKey::Results, &self.results),
        }
    }
}

/// One labelled field of an entry, with where it stands in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: FieldKey,
    /// The label as written (`Impact`, `S`, `Links`).
    pub label: &'a str,
    pub body: Text<'a>,
    /// Bytes of the whole field, label included.
    pub span: Range<usize>,
    /// 1-based line of the label.
    pub line: usize,
}

/// One achievement, as read from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Stable slug `YYYY-MM-DD-title-words`; filled in once the whole log is known.
    pub id: String,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    /// The month heading the entry is filed under, else its date's month.
    pub month: Option<YearMonth>,
    /// The most precise period the log gives the entry: the day of its own date, else
    /// the period heading it is filed under (a year, a quarter, a week ...).
    pub period: Option<crate::read::heading::PeriodHeading>,
    /// The heading that is not a period it is filed under (`Projects`), if any.
    pub section: Option<&'a str>,
    pub tags: Vec<&'a str>,
    pub scope: Option<Scope>,
    /// The four STAR fields, each the entry's first usable one.
    pub star: Star<Option<Text<'a>>>,
    /// Every labelled field in source order, STAR ones included.
    pub fields: Vec<Field<'a>>,
    /// Free text inside the entry that belongs to no field, in source order.
    pub notes: Vec<Text<'a>>,
    /// Bytes from the entry's heading (or bullet) to the end of its block.
    pub span: Range<usize>,
    /// 1-based line of the heading or bullet.
    pub line: usize,
}

impl<'a> Entry<'a> {
    /// The labelled fields the schema lists under `fields`: every label that is not a
    /// known one, plus a known one brag could not use (a second `Results`, a `Date` it
    /// cannot read), so that nothing the person wrote is dropped.
    pub fn other_fields(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields
            .iter()
            .filter(|field| field.key == FieldKey::Other)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::contains_ignore_ascii_case;

    #[test]
    fn case_is_ignored_for_ascii_only() {
        let hay = "Cut p95 LATENCY from 480 ms; naïve";
        for needle in ["latency", "LaTeNcY", "cut p95", "naïve", "ms;", "", "y f"] {
            assert!(contains_ignore_ascii_case(hay, needle), "{needle:?}");
        }
        for needle in [
            "NAÏVE",
            "latencyy",
            "ms ;",
            "Cut p95 LATENCY from 480 ms; naïve!",
        ] {
            assert!(!contains_ignore_ascii_case(hay, needle), "{needle:?}");
        }
        assert!(!contains_ignore_ascii_case("", "x"));
    }

    proptest! {
        #[test]
        fn agrees_with_lowercasing_both(
            hay in "[a-cA-CyY \\-é]{0,40}",
            needle in "[a-cA-CyY \\-é]{1,4}",
        ) {
            let expected = hay.to_ascii_lowercase().contains(&needle.to_ascii_lowercase());
            prop_assert_eq!(contains_ignore_ascii_case(&hay, &needle), expected);
        }
    }
}
