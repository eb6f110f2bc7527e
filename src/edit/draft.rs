//! A new entry before it is placed: from flags, from Markdown in the log's own shape
//! (stdin, the editor), or from a JSON object with the schema's keys.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};
use chrono::{Datelike as _, NaiveDate};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::model::{FieldKey, Scope, Star, clean_tag};
use crate::period::{self, Calendar, DateOrder};
use crate::read::dates::{self, ReadDate};
use crate::read::entry::{self, Block, Enclosing, Shape};
use crate::read::heading::{self, HeadingKind, PeriodHeading, Precision};
use crate::read::label;
use crate::read::outline::{self, MarkKind};
use crate::text::LineIndex;

/// A field's Markdown, or a list of items (repeated `--action`s) that the log's own
/// bullet character will mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Items(Vec<String>),
}

/// One new entry: what the person asked for, before brag decides where and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub date: NaiveDate,
    pub tags: Vec<String>,
    pub scope: Option<Scope>,
    pub star: Star<Option<Body>>,
    /// Other labelled fields, in order.
    pub fields: Vec<(String, Body)>,
    /// Free text, one piece per paragraph group.
    pub notes: Vec<String>,
    /// A period wider than a day that dates the entry instead of a day (see
    /// [`Draft::dated_by`]); `date` is then its first day, which files it.
    pub period: Option<PeriodHeading>,
    /// The category it belongs to (`Projects`), written as a `Section` field.
    pub section: Option<String>,
}

impl Draft {
    /// A draft with a title (checked: one line, not empty) and a date, and nothing else.
    pub fn new(title: &str, date: NaiveDate) -> Result<Self> {
        let title = title.trim();
        if title.is_empty() {
            bail!("the title is empty; say what you did, e.g. brag add \"Cut p95 latency by 40%\"");
        }
        if title.contains(['\n', '\r']) {
            bail!(
                "the title must be one line; put the details in --situation, --action or --result"
            );
        }
        Ok(Self {
            title: title.to_string(),
            date,
            tags: Vec::new(),
            scope: None,
            star: Star::default(),
            fields: Vec::new(),
            notes: Vec::new(),
            period: None,
            section: None,
        })
    }

    /// Dates the draft by `period` where it is wider than a day: it is filed under the
    /// period's first month, with no `Date`, and with a `Period` field where the month
    /// heading does not say it (a year, half, quarter, range of months, week or range
    /// of days).
    pub fn dated_by(&mut self, period: PeriodHeading) {
        if period.precision != Precision::Day {
            self.date = period.range.start;
            self.period = Some(period);
        }
    }

    /// The Results text, for the coaching hint.
    pub fn results_text(&self) -> Option<String> {
        self.star.results.as_ref().map(|body| match body {
            Body::Text(text) => text.clone(),
            Body::Items(items) => items.join("\n"),
        })
    }
}

/// `Some(Body::Text)` for text with something in it, trimmed, with `\n` line endings.
pub fn text(raw: &str) -> Option<Body> {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    (!text.is_empty()).then(|| Body::Text(text.to_string()))
}

/// `Some(Body::Items)` for the non-empty items, each trimmed.
pub fn items(raw: &[String]) -> Option<Body> {
    let items: Vec<String> = raw
        .iter()
        .map(|item| item.replace("\r\n", "\n").trim().to_string())
        .filter(|item| !item.is_empty())
        .collect();
    (!items.is_empty()).then_some(Body::Items(items))
}

/// Tags from `--tag` values (each may hold several, comma-separated) or a JSON list:
/// `#` and emphasis trimmed as the reader trims them, duplicates dropped. A tag with a
/// space in it is an error: the log's `Tags` field could not keep it one tag.
pub fn tags<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for value in values {
        for part in value.split(',') {
            let tag = clean_tag(part);
            if tag.is_empty() {
                continue;
            }
            if tag.contains(char::is_whitespace) {
                bail!(
                    "tag {tag:?} has a space in it; tags are single words (such as {:?}), \
                     separated by commas",
                    tag.split_whitespace().collect::<Vec<_>>().join("-")
                );
            }
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
    }
    Ok(tags)
}

/// A scope name, or an error that lists the five.
pub fn scope(text: &str) -> Result<Scope> {
    Scope::parse(text).ok_or_else(|| {
        anyhow!(
            "unknown scope {:?}; scope is one of task, milestone, project, product, business",
            text.trim()
        )
    })
}

/// A day expression (`2026-11-03`, `yesterday`, `last friday`), or a day written as
/// the log reader reads one (`Nov 3`, `Nov 3, 2026`, `3 November 2026`, `2026/11/03`;
/// a numeric `11/3` only with `date_order` in the config). A day without a year is in
/// today's year.
pub fn day(expr: &str, calendar: &Calendar) -> Result<NaiveDate> {
    let error = match period::day(expr, calendar) {
        Ok(day) => return Ok(day),
        Err(error) => error,
    };
    let text = expr.trim();
    let year = calendar.today.year();
    if let Some(order) = calendar.date_order {
        if let Some(day) = ordered(text, order, year) {
            return day
                .ok_or_else(|| anyhow!("invalid date: `{text}` is not a day of the calendar"));
        }
    }
    match dates::read(text, Some(year), None) {
        ReadDate::Date(day) => Ok(day),
        ReadDate::Ambiguous => bail!(
            "invalid date: `{text}` could be month/day or day/month; write it as \
             YYYY-MM-DD, or set `date_order: month-first` (or day-first) in the config"
        ),
        ReadDate::Invalid | ReadDate::NoYear | ReadDate::NotADate => {
            bail!("invalid date: {error}")
        }
    }
}

/// `a/b` or `a/b/year` (also with `.` or `-`) read in `order`; `None` when `text` is not
/// of that shape, `Some(None)` when it names no real day.
fn ordered(text: &str, order: DateOrder, this_year: i32) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let number = |part: &str, most: usize| {
        (!part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (a, b, year) = match parts.as_slice() {
        [a, b] => (number(a, 2)?, number(b, 2)?, this_year),
        [a, b, y] if y.len() == 4 => (
            number(a, 2)?,
            number(b, 2)?,
            i32::try_from(number(y, 4)?).ok()?,
        ),
        _ => return None,
    };
    let (month, day) = match order {
        DateOrder::MonthFirst => (a, b),
        DateOrder::DayFirst => (b, a),
    };
    Some(NaiveDate::from_ymd_opt(year, month, day))
}

/// The guidance comment that `templates/entry.md` ends with: from a line starting with
/// `<!-- brag:` through the line that closes it. Like `#` lines in a commit message, it is
/// removed before the entry is read.
pub fn strip_guidance(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        if !inside && line.trim_start().starts_with("<!-- brag:") {
            inside = true;
        }
        if inside {
            inside = !line.contains("-->");
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Reads one entry written in the log's own Markdown shape: a title heading (any level)
/// or bold-led bullet, then fields and notes. `origin` names the input in messages
/// (`stdin`, a draft's path); `default_date` is used when the entry has no `Date`.
///
/// A `Date` may also be any day expression (`yesterday`); empty fields are left out.
/// A date written in the title (`2026-03-14 Shipped X`, `Shipped X (March 14)`, in
/// `default_date`'s year where it names none) is the entry's date when it has no `Date`.
/// Anything the reader would warn about is an error here: a new entry should be clean.
pub fn from_markdown(
    origin: &str,
    input: &str,
    default_date: NaiveDate,
    calendar: &Calendar,
) -> Result<Draft> {
    from_markdown_dated(origin, input, default_date, TitleDate::Kept, calendar)
}

/// Whether a date written in a Markdown entry's title dates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleDate {
    /// It does, where the entry has no `Date` field.
    Kept,
    /// It does not: the day was given (`brag add --date`).
    Overridden,
}

/// [`from_markdown`], where `title_date` says whether a date in the title dates the
/// entry.
pub fn from_markdown_dated(
    origin: &str,
    input: &str,
    default_date: NaiveDate,
    title_date: TitleDate,
    calendar: &Calendar,
) -> Result<Draft> {
    let text = strip_guidance(input.trim_start_matches('\u{feff}')).replace("\r\n", "\n");
    if text.trim().is_empty() {
        bail!("{origin} holds no entry");
    }
    let lines = LineIndex::new(&text);
    let marks = outline::scan(&text).marks;
    let first_content = text.len() - text.trim_start().len();
    let opening = "an entry starts with its title, as a heading (### Title) or a bold bullet \
                   (- **Title**)";
    let Some(first) = marks.first().filter(|mark| mark.start <= first_content) else {
        bail!("{origin}:{}: {opening}", lines.line(first_content));
    };
    let title_line = first.line(&text);
    let shape = match first.kind {
        MarkKind::Heading(_) => Shape::Heading,
        MarkKind::Bullet => Shape::Bullet,
    };
    if let MarkKind::Heading(_) = first.kind {
        let title = entry::heading_text(&text[title_line.clone()]);
        if let HeadingKind::Period(_) = heading::classify(title, None, None) {
            bail!("{origin}:1: {title:?} is a period heading; {opening}");
        }
    }
    for mark in &marks[1..] {
        let line = &text[mark.line(&text)];
        let second_entry = match (first.kind, mark.kind) {
            (MarkKind::Heading(title), MarkKind::Heading(level)) => level <= title,
            (MarkKind::Heading(_), MarkKind::Bullet) => false,
            (MarkKind::Bullet, MarkKind::Heading(_)) => true,
            (MarkKind::Bullet, MarkKind::Bullet) => {
                let bold = line[4..].split("**").next().unwrap_or("");
                label::key_of(bold.trim_end_matches(':')).is_none()
            }
        };
        if second_entry {
            bail!(
                "{origin}:{}: a second entry starts here; add one entry at a time",
                lines.line(mark.start)
            );
        }
    }
    let block = Block {
        shape,
        span: first.start..text.len(),
        title_line,
        line_no: lines.line(first.start),
        // A title's date without a year (`Shipped X (March 14)`) is in the default's.
        context: Enclosing {
            year: Some(default_date.year()),
            ..Enclosing::default()
        },
        section: None,
        table: None,
    };
    let mut diagnostics = Vec::new();
    let read = entry::read(&text, &block, &mut diagnostics);
    let dated_title = entry::title(&text, &block)
        .1
        .filter(|_| title_date == TitleDate::Kept);
    if read.date.is_none() {
        // The reader warns of an undated entry; a draft without a date takes the day
        // `brag add` was given.
        diagnostics.retain(|d| d.offset != block.span.start);
    }
    let mut draft = Draft::new(read.title, dated_title.unwrap_or(default_date))
        .map_err(|error| anyhow!("{origin}:{}: {error}", block.line_no))?;
    // Fields brag has taken care of: empty ones (a template's prompts left blank) are
    // left out, and the first `Date` may be any day expression.
    let mut used = Vec::new();
    let mut date_seen = false;
    for field in &read.fields {
        let at = field.span.start;
        if field.body.is_empty() {
            diagnostics.retain(|d| d.offset != at);
            used.push(at);
        } else if label::key_of(field.label) == Some(FieldKey::Date) && !date_seen {
            date_seen = true;
            let raw = field.body.raw;
            let date = match dates::read(raw, None, None) {
                ReadDate::Date(date) => Some(date),
                _ => period::day(raw, calendar).ok(),
            };
            if let Some(date) = date {
                diagnostics.retain(|d| d.offset != at);
                draft.date = date;
                used.push(at);
            }
        }
    }
    if let Some(problem) = diagnostics.first() {
        let rendered = problem.render(origin, &text, &lines);
        let severity = if problem.severity == Severity::Error {
            ""
        } else {
            " (a new entry must read cleanly)"
        };
        bail!("{}{severity}", rendered.trim_end());
    }
    draft.tags = tags(read.tags.iter().copied())
        .map_err(|error| anyhow!("{origin}:{}: {error}", block.line_no))?;
    draft.scope = read.scope;
    draft.star = read
        .star
        .map(|body| body.and_then(|body| self::text(&body.to_string())));
    draft.fields = read
        .other_fields()
        .filter(|field| !used.contains(&field.span.start))
        .filter_map(|field| {
            Some((
                field.label.to_string(),
                self::text(&field.body.to_string())?,
            ))
        })
        .collect();
    draft.notes = read
        .notes
        .iter()
        .map(ToString::to_string)
        .filter(|note| !note.trim().is_empty())
        .collect();
    draft.section = read.section.map(str::to_string);
    if read
        .fields
        .iter()
        .any(|field| field.key == FieldKey::Period)
    {
        if let Some(period) = read.period {
            draft.dated_by(period);
        }
    }
    Ok(draft)
}

/// `actions` and `results` in JSON: one Markdown string or a list of items.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// One entry in the public schema; `id`, `month` and `line` are accepted and ignored,
/// so that an entry from `brag list --format json` can be added again. A `period`
/// wider than the date's day and month is kept (see [`Draft::dated_by`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    title: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    situation: Option<String>,
    #[serde(default)]
    task: Option<String>,
    #[serde(default)]
    actions: Option<OneOrMany>,
    #[serde(default)]
    results: Option<OneOrMany>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default, rename = "id")]
    _id: serde::de::IgnoredAny,
    #[serde(default, rename = "month")]
    _month: serde::de::IgnoredAny,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default, rename = "line")]
    _line: serde::de::IgnoredAny,
}

/// Reads one JSON object with the schema's keys (see `render::schema`).
pub fn from_json(
    origin: &str,
    input: &str,
    default_date: NaiveDate,
    calendar: &Calendar,
) -> Result<Draft> {
    if input.trim_start().starts_with('[') {
        bail!(
            "{origin} holds a JSON array; --json adds one entry: pipe one object, \
             e.g. brag list --format json | jq '.[0]' | brag add --json"
        );
    }
    // A UTF-8 byte order mark, as some Windows tools write, is not part of the entry.
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let json: JsonEntry = serde_json::from_str(input).map_err(|error| {
        // The enum's name means nothing to the person.
        let error = error.to_string().replace(
            "data did not match any variant of untagged enum OneOrMany",
            "expected a string or a list of strings",
        );
        anyhow!(
            "{origin} is not a JSON entry: {error}\n  expected one object with the keys of \
             `brag list --format json`: title, date, tags, scope, situation, task, actions, \
             results, fields, notes"
        )
    })?;
    let date = match json.date.as_deref() {
        Some(date) => day(date, calendar)?,
        None => default_date,
    };
    let mut draft = Draft::new(&json.title, date)?;
    if let Some(label) = json.period.as_deref() {
        let period = heading::labelled(label.trim(), heading::Enclosing::default())
            .ok_or_else(|| anyhow!("cannot read the period {label:?} (such as 2025-Q3)"))?;
        // A date inside the period says more, unless it is only the first day that
        // `brag list` shows for an entry dated by a month, week or range of days.
        match json.date {
            Some(_) if !period.range.contains(date) => {
                bail!("its date {date} is outside its period {period}")
            }
            Some(_) if date != period.range.start => {}
            _ => draft.dated_by(period),
        }
    }
    draft.section = json
        .section
        .as_deref()
        .map(str::trim)
        .filter(|section| !section.is_empty())
        .map(str::to_string);
    if draft
        .section
        .as_deref()
        .is_some_and(|section| section.contains('\n'))
    {
        bail!("its section must be one line");
    }
    draft.tags = tags(json.tags.iter().map(String::as_str))?;
    draft.scope = json.scope.as_deref().map(scope).transpose()?;
    let many = |value: Option<OneOrMany>| match value {
        Some(OneOrMany::One(one)) => text(&one),
        Some(OneOrMany::Many(list)) => items(&list),
        None => None,
    };
    draft.star = Star {
        situation: json.situation.as_deref().and_then(text),
        task: json.task.as_deref().and_then(text),
        actions: many(json.actions),
        results: many(json.results),
    };
    for (name, body) in json.fields {
        if label::key_of(&name).is_some() {
            bail!("fields.{name}: {name:?} is a known field; give it under its own key");
        }
        let valid = label::detect(&format!("**{name}**: x")).is_some_and(|l| l.text == name);
        if !valid {
            bail!(
                "fields.{name}: {name:?} cannot be a field label (letters, digits and spaces, up to 40)"
            );
        }
        if let Some(body) = text(&body) {
            draft.fields.push((name, body));
        }
    }
    draft.notes = json
        .notes
        .iter()
        .filter(|n| !n.trim().is_empty())
        // `\r\n` in a note becomes `\n`, as in every other field.
        .map(|n| n.replace("\r\n", "\n").trim().to_string())
        .collect();
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> Calendar {
        Calendar::new(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"))
    }

    fn today() -> NaiveDate {
        calendar().today
    }

    /// Asserts that reading `input` failed with a message that contains `expected`.
    fn assert_refused(read: Result<Draft>, input: &str, expected: &str) {
        let error = read.expect_err(input);
        assert!(
            format!("{error:#}").contains(expected),
            "{input:?} gave {error:#}"
        );
    }

    #[test]
    fn markdown_entry_in_the_logs_shape() {
        let text = "### Cut p95 search latency by 40%\n- **Date**: 2026-11-03\n- **Tags**: performance, search\n- **Scope**: project\n- **Situation**: Slow.\n- **Actions**:\n  - Profiled.\n  - Cached.\n- **Results**: 900 to 540 ms\n- **Links**: [pr](x)\n\nA note.\n";
        let draft = from_markdown("stdin", text, today(), &calendar()).expect("reads");
        assert_eq!(draft.title, "Cut p95 search latency by 40%");
        assert_eq!(
            draft.date,
            NaiveDate::from_ymd_opt(2026, 11, 3).expect("date")
        );
        assert_eq!(draft.tags, ["performance", "search"]);
        assert_eq!(draft.scope, Some(Scope::Project));
        assert_eq!(
            draft.star.actions,
            Some(Body::Text("- Profiled.\n- Cached.".into()))
        );
        assert_eq!(
            draft.fields,
            [("Links".to_string(), Body::Text("[pr](x)".into()))]
        );
        assert_eq!(draft.notes, ["A note."]);
    }

    #[test]
    fn template_prompts_left_empty_are_dropped() {
        let text = "## Shipped it\n- **Date**: yesterday\n- **Tags**:\n- **Scope**:\n- **Situation**:\n- **Results**: 3 teams\n\n<!-- brag: guidance\n  more -->\n";
        let draft = from_markdown("draft", text, today(), &calendar()).expect("reads");
        assert_eq!(
            draft.date,
            NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
        );
        assert_eq!(
            (draft.tags.len(), draft.scope, &draft.star.situation),
            (0, None, &None)
        );
        assert_eq!(draft.star.results, Some(Body::Text("3 teams".into())));
        assert!(
            draft.fields.is_empty() && draft.notes.is_empty(),
            "{draft:?}"
        );
    }

    #[test]
    fn malformed_markdown_names_the_line() {
        let cases = [
            ("just prose\n", "stdin:1: an entry starts with its title"),
            ("\n\n### A\n### B\n", "stdin:4: a second entry starts here"),
            (
                "### A\n- **Scope**: galaxy\n",
                "stdin:2:1: error: unknown scope \"galaxy\"",
            ),
            (
                "### A\n- **Date**: 2026-02-30\n",
                "stdin:2:1: error: cannot read the date",
            ),
            (
                "## November 2026\n### A\n",
                "stdin:1: \"November 2026\" is a period heading",
            ),
            ("###\n- **Results**: 1\n", "stdin:1: the title is empty"),
            (
                "### A\n- **Tags**: cross team,\n",
                "tag \"cross team\" has a space",
            ),
            ("", "stdin holds no entry"),
        ];
        for (text, expected) in cases {
            assert_refused(
                from_markdown("stdin", text, today(), &calendar()),
                text,
                expected,
            );
        }
    }

    #[test]
    fn json_entry_with_the_schema_keys() {
        let text = r#"{"id": "x", "title": "Led the migration", "date": "2026-11-03", "month": "2026-11",
            "tags": ["migration"], "scope": "project", "situation": null, "task": "Move",
            "actions": ["One", "Two"], "results": "2 weeks early", "fields": {"Links": "[a](b)"},
            "notes": null, "line": 4}"#;
        let draft = from_json("stdin", text, today(), &calendar()).expect("reads");
        assert_eq!(
            draft.star.actions,
            Some(Body::Items(vec!["One".into(), "Two".into()]))
        );
        assert_eq!(draft.scope, Some(Scope::Project));
        for (bad, expected) in [
            (
                "{\"title\": \"A\", \"colour\": 1}",
                "unknown field `colour`",
            ),
            ("{\"title\": ", "stdin is not a JSON entry"),
            (
                "{\"title\": \"A\", \"scope\": \"galaxy\"}",
                "unknown scope \"galaxy\"",
            ),
            ("{\"title\": \"A\", \"date\": \"someday\"}", "invalid date"),
            ("{\"title\": \" \"}", "the title is empty"),
            (
                "{\"title\": \"A\", \"results\": 5}",
                "is not a JSON entry: expected a string or a list of strings at line 1",
            ),
            (
                "{\"title\": \"A\", \"fields\": {\"Impact\": \"x\"}}",
                "is a known field",
            ),
        ] {
            assert_refused(from_json("stdin", bad, today(), &calendar()), bad, expected);
        }
    }

    #[test]
    fn tags_split_on_commas_and_refuse_spaces() {
        assert_eq!(tags(["a,b", "#c", "a"]).expect("tags"), ["a", "b", "c"]);
        assert!(tags(["cross team"]).is_err());
    }

    #[test]
    fn dates_as_the_log_writes_them() {
        let mut cal = calendar();
        let day = |text: &str, cal: &Calendar| {
            day(text, cal)
                .map(|d| d.to_string())
                .map_err(|e| e.to_string())
        };
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("2026-11-03", Ok("2026-11-03")),
            ("Nov 3", Ok("2026-11-03")),
            ("Nov 3, 2026", Ok("2026-11-03")),
            ("3 November 2026", Ok("2026-11-03")),
            ("2026/11/03", Ok("2026-11-03")),
            ("11/13", Ok("2026-11-13")),
            ("11/3", Err("could be month/day or day/month")),
            ("Feb 30", Err("invalid date: ")),
            ("2026-02-30", Err("`2026-02-30` is not a real date")),
            ("someday", Err("unknown day `someday`")),
        ];
        for (text, expected) in cases {
            match (day(text, &cal), expected) {
                (Ok(found), Ok(expected)) => assert_eq!(&found, expected, "{text}"),
                (Err(found), Err(expected)) => assert!(found.contains(expected), "{text}: {found}"),
                (found, expected) => panic!("{text}: {found:?}, expected {expected:?}"),
            }
        }
        cal.date_order = Some(DateOrder::MonthFirst);
        assert_eq!(day("11/3", &cal), Ok("2026-11-03".to_string()));
        assert_eq!(day("11/3/2025", &cal), Ok("2025-11-03".to_string()));
        cal.date_order = Some(DateOrder::DayFirst);
        assert_eq!(day("11/3", &cal), Ok("2026-03-11".to_string()));
        assert!(day("31/2", &cal).is_err_and(|e| e.contains("not a day of the calendar")));
    }
}
