//! The evidence packet: the grouped, ranked view that every export format shares.
//!
//! [`build`] is pure: it takes what one cheap pass learned about each selected entry
//! ([`Facts`]) and the export's options, and returns the [`Packet`]: the case, the top
//! wins, scope growth, project stories, the evidence groups (each entry in one group, as
//! positions into the selected entries, so that the entries themselves can be read and
//! rendered a chunk at a time later), the goals, and, for the author's view only, the
//! [`Review`]. The renderers turn a packet into bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::config::Competency;
use crate::measurable::is_measurable;
use crate::model::{Entry, FieldKey, Scope, YearMonth};
use crate::period::DateRange;
use crate::render::plural;

/// The packet's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// How the packet groups its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One group per month, oldest first
    Month,
    /// One group per tag, most used first; an entry appears once, under its most used tag
    Tag,
    /// The scope ladder, business first
    Scope,
    /// The rubric's competencies; an entry appears under the first one its tags match
    Competency,
    /// The document's sections, in the order they first hold an entry; entries in no
    /// section last
    Section,
}

/// Who the export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The promotion committee: the case, highlights, scope growth, stories, evidence, goals
    Committee,
    /// You, before the review: coverage, weak entries, what to strengthen
    Me,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Committee => "committee",
            Audience::Me => "me",
        }
    }
}

/// Where weak entries (no Results, or Results with no measurable change) go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeakPlacement {
    /// Left out of the packet
    Hide,
    /// Last in their group
    Last,
    /// In an "Also" appendix at the end
    Appendix,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Month => "month",
            GroupBy::Tag => "tag",
            GroupBy::Scope => "scope",
            GroupBy::Competency => "competency",
            GroupBy::Section => "section",
        }
    }
}

/// What grouping and the summary need from one entry; the entry itself is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    pub date: Option<NaiveDate>,
    pub month: Option<YearMonth>,
    pub tags: Vec<&'a str>,
    pub scope: Option<Scope>,
    /// The entry has a Results field.
    pub results: bool,
    /// Its Results state a measurable change ([`is_measurable`]).
    pub measurable: bool,
    /// Its `Project:` field, if any.
    pub project: Option<&'a str>,
    /// The section of the document that holds it (`Projects`), if any.
    pub section: Option<&'a str>,
}

impl<'a> Facts<'a> {
    pub fn of(entry: &Entry<'a>) -> Self {
        Self {
            date: entry.date,
            month: entry.month,
            tags: entry.tags.clone(),
            scope: entry.scope,
            results: entry.star.results.is_some(),
            measurable: entry
                .star
                .results
                .is_some_and(|results| is_measurable(results.raw)),
            project: entry
                .fields
                .iter()
                .find(|field| {
                    field.key == FieldKey::Other && field.label.eq_ignore_ascii_case(PROJECT_FIELD)
                })
                .map(|field| field.body.raw.trim())
                .filter(|name| !name.is_empty()),
            section: entry.section,
        }
    }

    /// Weak evidence: no Results, or Results with no measurable change.
    fn weak(&self) -> bool {
        !self.measurable
    }
}

/// The field that ties entries into one project story.
pub const PROJECT_FIELD: &str = "Project";
/// Tags that put an entry first in the highlight ranking.
pub const HIGHLIGHT_TAGS: [&str; 2] = ["highlight", "star"];

/// The rubric in effect: a preset's name (or `None` for the config's `competencies:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    pub preset: Option<&'static str>,
    pub competencies: Vec<Competency>,
}

/// The filters as the person gave them, for the provenance line and the `filters` key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// `(flag without dashes, values)` in the order the flags are documented.
    pub given: Vec<(&'static str, Vec<String>)>,
    /// Flags whose values form a list in JSON (`tag`), whatever their count.
    pub repeatable: Vec<&'static str>,
    pub include_private: bool,
}

impl Serialize for Filters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.given.len() + 1))?;
        for (flag, values) in &self.given {
            if self.repeatable.contains(flag) {
                map.serialize_entry(flag, values)?;
            } else {
                map.serialize_entry(flag, &values.join(" "))?;
            }
        }
        map.serialize_entry("include_private", &self.include_private)?;
        map.end()
    }
}

/// Everything [`build`] needs besides the facts.
#[derive(Debug, Clone)]
pub struct Options<'c> {
    pub title: String,
    pub generated: NaiveDate,
    pub range: Option<DateRange>,
    pub filters: Filters,
    pub by: GroupBy,
    pub rubric: Option<Rubric>,
    /// The config's tag vocabulary, for the descriptions of tag groups.
    pub tag_descriptions: &'c BTreeMap<String, String>,
    pub private_left_out: usize,
    pub audience: Audience,
    /// How many top wins open the packet.
    pub highlights: usize,
    pub weak: WeakPlacement,
    /// A tag as written (any case) -> the tag it counts as.
    pub aliases: BTreeMap<String, String>,
    /// Tags that name a project story.
    pub project_tags: &'c [String],
    /// The person's own case (`summary:`), else one is written from the entries.
    pub summary: Option<String>,
    pub goals: Vec<Goal>,
    pub next: Vec<String>,
}

/// The packet every format renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Packet {
    pub title: String,
    pub audience: &'static str,
    pub generated: NaiveDate,
    pub period: RequestedRange,
    /// The months the entries span, for the reader: `January 2026 to December 2026`.
    pub span: String,
    pub by: &'static str,
    pub rubric: Option<&'static str>,
    /// Two or three sentences that open the packet.
    pub case: String,
    /// The top wins, as positions in the selected entries, best first.
    #[serde(skip)]
    pub highlights: Vec<usize>,
    pub scope_growth: ScopeGrowth,
    /// Project stories (`kind: story`), then the evidence, then the appendix.
    pub groups: Vec<Group>,
    pub goals: Vec<Goal>,
    pub next: Vec<String>,
    /// The author's view only.
    pub review: Option<Review>,
    /// For the author on stderr, whoever the packet is for: entries that matched no
    /// competency, and the tags they carry.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// What the author needs before the review, and the committee never sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub provenance: String,
    pub filters: Filters,
    pub summary: Summary,
    pub private_left_out: usize,
    /// Entries without a measured result.
    pub weak: usize,
    /// Per competency of the rubric: entries, and those with a measured result.
    pub coverage: Vec<Coverage>,
    /// Competencies without strong evidence (a measured result).
    pub gaps: Vec<Gap>,
    /// Tags of entries that matched no competency, most used first.
    pub unmatched_tags: Vec<TagCount>,
    /// What to do before the review, one sentence each.
    pub strengthen: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub name: String,
    pub entries: usize,
    pub measured: usize,
}

/// The requested range; an open side is `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RequestedRange {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub entries: usize,
    /// Distinct months the entries fall in.
    pub months: usize,
    #[serde(serialize_with = "month_text")]
    pub first_month: Option<YearMonth>,
    #[serde(serialize_with = "month_text")]
    pub last_month: Option<YearMonth>,
    pub top_tags: Vec<TagCount>,
    /// The scope ladder, highest first; `scope: null` counts entries without one.
    pub scopes: Vec<ScopeCount>,
    pub with_results: usize,
    pub measurable_results: usize,
    /// `measurable_results` as a percentage of `entries`, rounded (0 when there are none).
    pub measurable_share: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCount {
    pub scope: Option<&'static str>,
    pub count: usize,
}

/// Wins by scope level per quarter (a year or less), half (up to four years) or year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScopeGrowth {
    /// `quarter`, `half` or `year`.
    pub unit: &'static str,
    /// `Q1 2026`, `H2 2026`, `2026`: every period from the first win to the last.
    pub periods: Vec<String>,
    /// The ladder, highest first, with the wins per period; rungs with none are left out.
    pub rows: Vec<ScopeRow>,
    /// The most wins in one period, for drawing bars.
    pub most: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeRow {
    pub scope: &'static str,
    pub counts: Vec<usize>,
}

/// One group of evidence; its entries are positions in the selected entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    /// `story`, `evidence`, `appendix` (weak entries) or `weak` (the author's list).
    pub kind: &'static str,
    pub description: Option<String>,
    #[serde(skip)]
    pub members: Vec<usize>,
    /// For each member, the other groups it would also belong to (`also: Leverage`).
    #[serde(skip)]
    pub also: Vec<Vec<String>>,
}

impl Group {
    /// A group whose members belong to no other group yet.
    fn new(
        name: String,
        kind: &'static str,
        description: Option<String>,
        members: Vec<usize>,
    ) -> Self {
        Self {
            name,
            kind,
            description,
            also: vec![Vec::new(); members.len()],
            members,
        }
    }
}

/// A competency of the rubric without strong evidence in the packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    /// Entries that match it, none with a measured result.
    pub entries: usize,
}

/// One of the person's goals: `Purpose`, `Mastery`, `Autonomy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub label: String,
    pub text: String,
}

/// The name of the group that holds entries matching no competency.
pub const OTHER_EVIDENCE: &str = "Other evidence";
/// The name of the appendix of weak entries.
pub const APPENDIX: &str = "Also";
/// How many tags the summary names.
const TOP_TAGS: usize = 5;

fn month_text<S: Serializer>(month: &Option<YearMonth>, serializer: S) -> Result<S::Ok, S::Error> {
    match month {
        Some(month) => serializer.collect_str(month),
        None => serializer.serialize_none(),
    }
}

/// Each entry's tags as they count: an aliased tag becomes its target.
fn counted_tags(facts: &[Facts<'_>], aliases: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    let aliases: HashMap<String, &str> = aliases
        .iter()
        .map(|(from, to)| (from.to_lowercase(), to.as_str()))
        .collect();
    facts
        .iter()
        .map(|fact| {
            fact.tags
                .iter()
                .map(|tag| {
                    aliases
                        .get(&tag.to_lowercase())
                        .map_or_else(|| (*tag).to_string(), |to| (*to).to_string())
                })
                .collect()
        })
        .collect()
}

/// The highlight rule, as a key that sorts best last: the person's `highlight` or `star`
/// tag, then the scope level, then a measured result, then the date.
fn rank_key(
    facts: &[Facts<'_>],
    tags: &[Vec<String>],
    position: usize,
) -> (bool, Option<Scope>, bool, Option<NaiveDate>) {
    let fact = &facts[position];
    let starred = tags[position].iter().any(|tag| {
        HIGHLIGHT_TAGS
            .iter()
            .any(|wanted| wanted.eq_ignore_ascii_case(tag))
    });
    (starred, fact.scope, fact.measurable, fact.date)
}

/// Groups and summarises the selected entries, given in date order.
pub fn build(facts: &[Facts<'_>], options: Options<'_>) -> Packet {
    let tags = counted_tags(facts, &options.aliases);
    let membership = options
        .rubric
        .as_ref()
        .map(|rubric| competency_members(&tags, &rubric.competencies));
    let period = RequestedRange {
        since: options.range.and_then(|range| range.first_day()),
        until: options.range.and_then(|range| range.last_day()),
    };
    let stories = stories(facts, &tags, options.project_tags);
    let in_story: Vec<bool> = {
        let mut marked = vec![false; facts.len()];
        for story in &stories {
            for &position in &story.members {
                marked[position] = true;
            }
        }
        marked
    };
    let shown = |position: usize| options.weak != WeakPlacement::Hide || !facts[position].weak();
    let candidates = match options.by {
        GroupBy::Month => by_month(facts),
        GroupBy::Tag => by_tag(&tags, options.tag_descriptions),
        GroupBy::Scope => by_scope(facts),
        GroupBy::Section => by_section(facts),
        GroupBy::Competency => match (&options.rubric, &membership) {
            (Some(rubric), Some(membership)) => by_competency(&tags, rubric, membership),
            _ => by_month(facts),
        },
    };
    let evidence = arrange(
        place_once(candidates, facts.len(), &in_story),
        facts,
        &tags,
        options.by,
        options.weak,
    );
    let growth = scope_growth(facts);
    let case = options
        .summary
        .clone()
        .unwrap_or_else(|| written_case(facts, &stories, &growth));
    // A weak entry is a highlight only when the person starred it.
    let mut highlights: Vec<usize> = (0..facts.len())
        .filter(|&p| shown(p) && (!facts[p].weak() || rank_key(facts, &tags, p).0))
        .collect();
    // Best first; ties keep date order.
    highlights.sort_by_key(|&position| std::cmp::Reverse(rank_key(facts, &tags, position)));
    highlights.truncate(options.highlights);
    let review = (options.audience == Audience::Me).then(|| {
        review(
            facts,
            &tags,
            &options,
            membership.as_deref(),
            &evidence,
            period,
        )
    });
    let mut notes = Vec::new();
    if options.rubric.is_some() {
        let unmatched = unmatched_tags(&tags, &evidence);
        let left: usize = evidence
            .iter()
            .filter(|group| group.name == OTHER_EVIDENCE)
            .map(|group| group.members.len())
            .sum();
        if left > 0 {
            let named: Vec<String> = unmatched
                .iter()
                .map(|t| format!("{} ({})", t.tag, t.count))
                .collect();
            notes.push(format!(
                "{} matched no competency{}; map a tag with `aliases:` in the config",
                plural(left, "entry", "entries"),
                if named.is_empty() {
                    " (they have no tags)".to_string()
                } else {
                    format!(": tags {}", named.join(", "))
                }
            ));
        }
    }
    let groups = match options.audience {
        Audience::Committee => stories.into_iter().chain(evidence).collect(),
        Audience::Me => {
            let weak: Vec<usize> = (0..facts.len()).filter(|&p| facts[p].weak()).collect();
            if weak.is_empty() {
                Vec::new()
            } else {
                vec![Group::new(
                    "Weak entries".to_string(),
                    "weak",
                    Some(
                        "No Results, or Results with no measurable change: add the numbers, \
                         or leave them out."
                            .to_string(),
                    ),
                    weak,
                )]
            }
        }
    };
    Packet {
        title: options.title,
        audience: options.audience.as_str(),
        generated: options.generated,
        period,
        span: span_text(facts),
        by: options.by.as_str(),
        rubric: options.rubric.as_ref().and_then(|rubric| rubric.preset),
        case,
        highlights: match options.audience {
            Audience::Committee => highlights,
            Audience::Me => Vec::new(),
        },
        scope_growth: growth,
        groups,
        goals: options.goals,
        next: options.next,
        review,
        notes,
    }
}

/// The author's notes: provenance, summary, coverage, gaps and what to strengthen.
fn review(
    facts: &[Facts<'_>],
    tags: &[Vec<String>],
    options: &Options<'_>,
    membership: Option<&[Vec<usize>]>,
    evidence: &[Group],
    period: RequestedRange,
) -> Review {
    let summary = summary(facts, tags);
    let weak = facts.iter().filter(|fact| fact.weak()).count();
    let mut coverage = Vec::new();
    let mut gaps = Vec::new();
    let mut strengthen = Vec::new();
    if let (Some(rubric), Some(membership)) = (&options.rubric, membership) {
        for (competency, members) in rubric.competencies.iter().zip(membership) {
            let measured = members.iter().filter(|&&p| facts[p].measurable).count();
            coverage.push(Coverage {
                name: competency.name.clone(),
                entries: members.len(),
                measured,
            });
            if measured == 0 {
                strengthen.push(if members.is_empty() {
                    format!(
                        "{}: no entries. Tags that count: {}.",
                        competency.name,
                        competency.tags.join(", ")
                    )
                } else {
                    format!(
                        "{}: {}, none with a measured result.",
                        competency.name,
                        plural(members.len(), "entry", "entries")
                    )
                });
                gaps.push(Gap {
                    name: competency.name.clone(),
                    description: competency.description.clone(),
                    tags: competency.tags.clone(),
                    entries: members.len(),
                });
            }
        }
    }
    let unmatched_tags = match options.rubric {
        Some(_) => unmatched_tags(tags, evidence),
        None => Vec::new(),
    };
    if !unmatched_tags.is_empty() {
        let names: Vec<&str> = unmatched_tags.iter().map(|t| t.tag.as_str()).collect();
        strengthen.push(format!(
            "Tags that match no competency: {}. Map them with `aliases:` in the config.",
            names.join(", ")
        ));
    }
    if weak > 0 {
        strengthen.push(format!(
            "{} without a measured result: add the numbers (`brag check` lists them as B103).",
            plural(weak, "entry", "entries")
        ));
    }
    let unscoped = facts.iter().filter(|fact| fact.scope.is_none()).count();
    if unscoped > 0 {
        strengthen.push(format!(
            "{} without a Scope, which scope growth cannot count.",
            plural(unscoped, "entry", "entries")
        ));
    }
    Review {
        provenance: provenance(options, period, facts.len()),
        filters: options.filters.clone(),
        summary,
        private_left_out: options.private_left_out,
        weak,
        coverage,
        gaps,
        unmatched_tags,
        strengthen,
    }
}

/// The tags of the entries in "Other evidence", most used first.
fn unmatched_tags(tags: &[Vec<String>], evidence: &[Group]) -> Vec<TagCount> {
    let other: Vec<Vec<String>> = evidence
        .iter()
        .filter(|group| group.name == OTHER_EVIDENCE)
        .flat_map(|group| group.members.iter().map(|&p| tags[p].clone()))
        .collect();
    tag_groups(&other)
        .into_iter()
        .map(|(tag, members)| TagCount {
            tag,
            count: members.len(),
        })
        .collect()
}

/// Entries sharing a `Project:` field, or a tag from `project_tags:`, as one story per
/// project (two entries or more), milestones in date order, stories by their first date.
fn stories(facts: &[Facts<'_>], tags: &[Vec<String>], project_tags: &[String]) -> Vec<Group> {
    let mut stories: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (position, fact) in facts.iter().enumerate() {
        let tagged = || {
            tags[position]
                .iter()
                .find(|tag| project_tags.iter().any(|p| p.eq_ignore_ascii_case(tag)))
                .cloned()
        };
        let Some(name) = fact.project.map(str::to_string).or_else(tagged) else {
            continue;
        };
        let slot = *by_key.entry(name.to_lowercase()).or_insert_with(|| {
            stories.push((name, Vec::new()));
            stories.len() - 1
        });
        stories[slot].1.push(position);
    }
    stories
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(name, members)| Group::new(name, "story", None, members))
        .collect()
}

/// Puts each entry in the first candidate group that holds it (story entries in none),
/// and notes the other groups that hold it.
fn place_once(candidates: Vec<Group>, count: usize, in_story: &[bool]) -> Vec<Group> {
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (number, group) in candidates.iter().enumerate() {
        for &position in &group.members {
            if holders[position].last() != Some(&number) {
                holders[position].push(number);
            }
        }
    }
    let names: Vec<String> = candidates.iter().map(|g| g.name.clone()).collect();
    candidates
        .into_iter()
        .enumerate()
        .map(|(number, group)| {
            let members: Vec<usize> = group
                .members
                .into_iter()
                .filter(|&p| !in_story[p] && holders[p].first() == Some(&number))
                .collect();
            let also = members
                .iter()
                .map(|&p| holders[p][1..].iter().map(|&g| names[g].clone()).collect())
                .collect();
            Group {
                members,
                also,
                ..group
            }
        })
        .filter(|group| !group.members.is_empty())
        .collect()
}

/// Orders each group (best first, or by date for months) with weak entries last, hidden
/// or moved to the appendix.
fn arrange(
    groups: Vec<Group>,
    facts: &[Facts<'_>],
    tags: &[Vec<String>],
    by: GroupBy,
    weak: WeakPlacement,
) -> Vec<Group> {
    let mut appendix = Vec::new();
    let mut arranged: Vec<Group> = groups
        .into_iter()
        .filter_map(|group| {
            let mut order: Vec<usize> = (0..group.members.len()).collect();
            if by != GroupBy::Month {
                order.sort_by_key(|&i| std::cmp::Reverse(rank_key(facts, tags, group.members[i])));
            }
            // Stable: strong entries first, in the order above.
            order.sort_by_key(|&i| facts[group.members[i]].weak());
            let (mut members, mut also) = (Vec::new(), Vec::new());
            for i in order {
                let position = group.members[i];
                if facts[position].weak() && weak != WeakPlacement::Last {
                    if weak == WeakPlacement::Appendix {
                        appendix.push(position);
                    }
                    continue;
                }
                members.push(position);
                also.push(group.also[i].clone());
            }
            (!members.is_empty()).then_some(Group {
                members,
                also,
                ..group
            })
        })
        .collect();
    if !appendix.is_empty() {
        appendix.sort_unstable();
        arranged.push(Group::new(
            APPENDIX.to_string(),
            "appendix",
            Some("Smaller wins, without a measured result.".to_string()),
            appendix,
        ));
    }
    arranged
}

/// Which period a month falls in, as `(sort key, label)`.
fn bucket(month: YearMonth, unit: &str) -> (i32, String) {
    let (year, index) = (month.year, month.month.saturating_sub(1) as i32);
    match unit {
        "quarter" => (year * 4 + index / 3, format!("Q{} {year}", index / 3 + 1)),
        "half" => (year * 2 + index / 6, format!("H{} {year}", index / 6 + 1)),
        _ => (year, year.to_string()),
    }
}

fn scope_growth(facts: &[Facts<'_>]) -> ScopeGrowth {
    let scoped: Vec<(YearMonth, Scope)> = facts
        .iter()
        .filter_map(|fact| Some((fact.month?, fact.scope?)))
        .collect();
    let (Some(first), Some(last)) = (
        scoped.iter().map(|(month, _)| *month).min(),
        scoped.iter().map(|(month, _)| *month).max(),
    ) else {
        return ScopeGrowth::default();
    };
    let months = (last.year - first.year) * 12 + last.month as i32 - first.month as i32 + 1;
    let unit = match months {
        ..=12 => "quarter",
        13..=48 => "half",
        _ => "year",
    };
    let (start, _) = bucket(first, unit);
    let (end, _) = bucket(last, unit);
    let periods: Vec<String> = (start..=end)
        .map(|key| {
            // The label of the bucket with this key.
            let month = match unit {
                "quarter" => YearMonth::new(key.div_euclid(4), key.rem_euclid(4) as u32 * 3 + 1),
                "half" => YearMonth::new(key.div_euclid(2), key.rem_euclid(2) as u32 * 6 + 1),
                _ => YearMonth::new(key, 1),
            };
            month.map_or_else(String::new, |month| bucket(month, unit).1)
        })
        .collect();
    let mut counts: BTreeMap<Scope, Vec<usize>> = BTreeMap::new();
    for (month, scope) in &scoped {
        let slot = (bucket(*month, unit).0 - start) as usize;
        counts
            .entry(*scope)
            .or_insert_with(|| vec![0; periods.len()])[slot] += 1;
    }
    let most = (0..periods.len())
        .map(|slot| counts.values().map(|row| row[slot]).sum::<usize>())
        .max()
        .unwrap_or(0);
    ScopeGrowth {
        unit,
        periods,
        rows: counts
            .into_iter()
            .rev()
            .map(|(scope, counts)| ScopeRow {
                scope: scope.as_str(),
                counts,
            })
            .collect(),
        most,
    }
}

/// A case written from the data, when the person wrote none.
fn written_case(facts: &[Facts<'_>], stories: &[Group], growth: &ScopeGrowth) -> String {
    if facts.is_empty() {
        return "No wins recorded in this period.".to_string();
    }
    let big = |p: &usize| facts[*p].scope.is_some_and(|scope| scope >= Scope::Project);
    let story_efforts = stories.iter().filter(|s| s.members.iter().any(big)).count();
    let mut told = vec![false; facts.len()];
    for &position in stories.iter().flat_map(|s| &s.members) {
        told[position] = true;
    }
    let in_story = told.iter().filter(|&&t| t).count();
    let single_efforts = (0..facts.len()).filter(|p| big(p) && !told[*p]).count();
    let efforts = story_efforts + single_efforts;
    let measured = facts.iter().filter(|fact| fact.measurable).count();
    let mut case = String::new();
    if efforts > 0 {
        let _ = write!(
            case,
            "Led {} at project scope or above",
            plural(efforts, "effort", "efforts")
        );
        match stories {
            [] => {}
            [story] => {
                let _ = write!(
                    case,
                    ", among them the {}, told below in {}",
                    story.name,
                    plural(in_story, "milestone", "milestones")
                );
            }
            _ => {
                let _ = write!(
                    case,
                    ", among them {}, told below in {}",
                    plural(stories.len(), "project story", "project stories"),
                    plural(in_story, "milestone", "milestones")
                );
            }
        }
        case.push_str(". ");
    }
    let _ = write!(
        case,
        "{} of {} with measured results.",
        measured,
        plural(facts.len(), "win", "wins")
    );
    // Product- and business-scope wins, first half of the period against the second.
    let top_per_period: Vec<usize> = (0..growth.periods.len())
        .map(|slot| {
            growth
                .rows
                .iter()
                .filter(|row| ["product", "business"].contains(&row.scope))
                .map(|row| row.counts[slot])
                .sum()
        })
        .collect();
    let half = top_per_period.len() / 2;
    let first: usize = top_per_period[..half].iter().sum();
    let second: usize = top_per_period[top_per_period.len() - half..].iter().sum();
    if half > 0 && second > first {
        let _ = write!(
            case,
            " Product- and business-scope wins went from {first} in the first half of the \
             period to {second} in the second."
        );
    }
    case
}

/// `January 2026 to December 2026`, `March 2026`, or empty when no entry has a month.
fn span_text(facts: &[Facts<'_>]) -> String {
    let first = facts.iter().filter_map(|f| f.month).min();
    let last = facts.iter().filter_map(|f| f.month).max();
    match (first, last) {
        (Some(first), Some(last)) if first == last => first.in_words(),
        (Some(first), Some(last)) => format!("{} to {}", first.in_words(), last.in_words()),
        _ => String::new(),
    }
}

/// `Period: 2026-01-01 to 2026-06-30 · Filters: --tag search · 12 entries ·
/// 1 private entry left out · Generated 2026-11-23 by brag`
fn provenance(options: &Options<'_>, period: RequestedRange, count: usize) -> String {
    let mut line = String::from("Period: ");
    line.push_str(&period_text(period));
    line.push_str(" · Filters: ");
    if options.filters.given.is_empty() {
        line.push_str("none");
    } else {
        let flags: Vec<String> = options
            .filters
            .given
            .iter()
            .flat_map(|(flag, values)| values.iter().map(move |value| flag_text(flag, value)))
            .collect();
        line.push_str(&flags.join(" "));
    }
    let _ = write!(line, " · {}", plural(count, "entry", "entries"));
    if options.filters.include_private {
        line.push_str(" · private entries included");
    } else if options.private_left_out > 0 {
        let _ = write!(
            line,
            " · {} left out",
            plural(options.private_left_out, "private entry", "private entries")
        );
    }
    let _ = write!(line, " · Generated {} by brag", options.generated);
    line
}

/// `--since H1`, `--tag "glue work"`: quoted when a shell would need it.
fn flag_text(flag: &str, value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:/+@".contains(c));
    if plain {
        format!("--{flag} {value}")
    } else {
        format!("--{flag} {value:?}")
    }
}

/// `2026-01-01 to 2026-06-30`, `from 2026-01-01`, `up to 2026-06-30`, `all dates`.
pub fn period_text(period: RequestedRange) -> String {
    match (period.since, period.until) {
        (Some(since), Some(until)) if since == until => since.to_string(),
        (Some(since), Some(until)) => format!("{since} to {until}"),
        (Some(since), None) => format!("from {since}"),
        (None, Some(until)) => format!("up to {until}"),
        (None, None) => "all dates".to_string(),
    }
}

fn summary(facts: &[Facts<'_>], tags: &[Vec<String>]) -> Summary {
    let mut months: Vec<YearMonth> = facts.iter().filter_map(|f| f.month).collect();
    months.sort_unstable();
    months.dedup();
    let mut top_tags: Vec<TagCount> = tag_groups(tags)
        .into_iter()
        .map(|(tag, members)| TagCount {
            tag,
            count: members.len(),
        })
        .collect();
    top_tags.truncate(TOP_TAGS);
    let mut scopes: Vec<ScopeCount> = Scope::ALL
        .into_iter()
        .rev()
        .map(Some)
        .chain([None])
        .map(|scope| ScopeCount {
            scope: scope.map(Scope::as_str),
            count: facts.iter().filter(|f| f.scope == scope).count(),
        })
        .collect();
    scopes.retain(|scope| scope.count > 0);
    let measurable_results = facts.iter().filter(|f| f.measurable).count();
    Summary {
        entries: facts.len(),
        months: months.len(),
        first_month: months.first().copied(),
        last_month: months.last().copied(),
        top_tags,
        scopes,
        with_results: facts.iter().filter(|f| f.results).count(),
        measurable_results,
        measurable_share: (measurable_results * 100 + facts.len() / 2)
            .checked_div(facts.len())
            .unwrap_or(0),
    }
}

fn by_month(facts: &[Facts<'_>]) -> Vec<Group> {
    let mut months: BTreeMap<(bool, Option<YearMonth>), Vec<usize>> = BTreeMap::new();
    for (position, fact) in facts.iter().enumerate() {
        months
            .entry((fact.month.is_none(), fact.month))
            .or_default()
            .push(position);
    }
    months
        .into_iter()
        .map(|((_, month), members)| {
            let name = month.map_or_else(|| "Undated".to_string(), YearMonth::in_words);
            Group::new(name, "evidence", None, members)
        })
        .collect()
}

/// Tags by how many entries carry them (ties by name), each with its entries; a tag is
/// matched ignoring case and shown as first written.
fn tag_groups(tags: &[Vec<String>]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (position, entry_tags) in tags.iter().enumerate() {
        for tag in entry_tags {
            let slot = *by_key.entry(tag.to_lowercase()).or_insert_with(|| {
                groups.push((tag.to_string(), Vec::new()));
                groups.len() - 1
            });
            let members = &mut groups[slot].1;
            // A tag written twice in one entry counts once.
            if members.last() != Some(&position) {
                members.push(position);
            }
        }
    }
    groups.sort_by(|(a, a_members), (b, b_members)| {
        b_members
            .len()
            .cmp(&a_members.len())
            .then_with(|| a.to_lowercase().cmp(&b.to_lowercase()))
    });
    groups
}

fn by_tag(tags: &[Vec<String>], descriptions: &BTreeMap<String, String>) -> Vec<Group> {
    let mut groups: Vec<Group> = tag_groups(tags)
        .into_iter()
        .map(|(tag, members)| {
            let description = descriptions
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(&tag))
                .map(|(_, description)| description.clone());
            Group::new(tag, "evidence", description, members)
        })
        .collect();
    let untagged: Vec<usize> = (0..tags.len())
        .filter(|&position| tags[position].is_empty())
        .collect();
    if !untagged.is_empty() {
        groups.push(Group::new(
            "Untagged".to_string(),
            "evidence",
            None,
            untagged,
        ));
    }
    groups
}

/// Highest rung of the ladder first: that is what a promotion is about.
fn by_scope(facts: &[Facts<'_>]) -> Vec<Group> {
    Scope::ALL
        .into_iter()
        .rev()
        .map(Some)
        .chain([None])
        .map(|scope| {
            let name = scope.map_or_else(
                || "No scope".to_string(),
                |scope| {
                    let name = scope.as_str();
                    name[..1].to_uppercase() + &name[1..]
                },
            );
            let members = (0..facts.len())
                .filter(|&position| facts[position].scope == scope)
                .collect();
            Group::new(name, "evidence", None, members)
        })
        .filter(|group| !group.members.is_empty())
        .collect()
}

/// The name of the group of entries in no section.
pub const NO_SECTION: &str = "No section";

/// One group per section, in the order each first holds an entry, then the entries in
/// no section.
fn by_section(facts: &[Facts<'_>]) -> Vec<Group> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut slots: HashMap<Option<&str>, usize> = HashMap::new();
    for (position, fact) in facts.iter().enumerate() {
        let slot = *slots.entry(fact.section).or_insert_with(|| {
            groups.push((fact.section, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(position);
    }
    // Stable: sections keep their order, the entries in none go last.
    groups.sort_by_key(|(section, _)| section.is_none());
    groups
        .into_iter()
        .map(|(section, members)| Group {
            name: section.unwrap_or(NO_SECTION).to_string(),
            kind: "evidence",
            description: None,
            also: Vec::new(),
            members,
        })
        .collect()
}

/// For each competency, the entries carrying any of its tags (ignoring case).
fn competency_members(tags: &[Vec<String>], competencies: &[Competency]) -> Vec<Vec<usize>> {
    competencies
        .iter()
        .map(|competency| {
            (0..tags.len())
                .filter(|&position| {
                    tags[position].iter().any(|tag| {
                        competency
                            .tags
                            .iter()
                            .any(|wanted| wanted.eq_ignore_ascii_case(tag))
                    })
                })
                .collect()
        })
        .collect()
}

fn by_competency(tags: &[Vec<String>], rubric: &Rubric, membership: &[Vec<usize>]) -> Vec<Group> {
    let mut groups: Vec<Group> = rubric
        .competencies
        .iter()
        .zip(membership)
        .filter(|(_, members)| !members.is_empty())
        .map(|(competency, members)| {
            let description =
                (!competency.description.is_empty()).then(|| competency.description.clone());
            Group::new(
                competency.name.clone(),
                "evidence",
                description,
                members.clone(),
            )
        })
        .collect();
    let mut placed = vec![false; tags.len()];
    for &position in membership.iter().flatten() {
        placed[position] = true;
    }
    let other: Vec<usize> = (0..tags.len())
        .filter(|&position| !placed[position])
        .collect();
    if !other.is_empty() {
        groups.push(Group::new(
            OTHER_EVIDENCE.to_string(),
            "evidence",
            Some("More work from this period.".to_string()),
            other,
        ));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(
        month: u32,
        tags: &'static [&'static str],
        scope: Option<Scope>,
        results: &str,
    ) -> Facts<'static> {
        Facts {
            date: NaiveDate::from_ymd_opt(2026, month, 1),
            month: YearMonth::new(2026, month),
            tags: tags.to_vec(),
            scope,
            results: !results.is_empty(),
            measurable: is_measurable(results),
            project: None,
            section: None,
        }
    }

    fn competency(name: &str, tags: &[&str]) -> Competency {
        Competency {
            name: name.to_string(),
            description: format!("{name} work"),
            tags: tags.iter().map(ToString::to_string).collect(),
        }
    }

    fn options(
        by: GroupBy,
        rubric: Option<Rubric>,
        vocabulary: &BTreeMap<String, String>,
    ) -> Options<'_> {
        Options {
            title: "Evidence packet".to_string(),
            generated: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            range: None,
            filters: Filters::default(),
            by,
            rubric,
            tag_descriptions: vocabulary,
            private_left_out: 0,
            audience: Audience::Committee,
            highlights: 5,
            weak: WeakPlacement::Last,
            aliases: BTreeMap::new(),
            project_tags: &[],
            summary: None,
            goals: Vec::new(),
            next: Vec::new(),
        }
    }

    fn names(packet: &Packet) -> Vec<(&str, Vec<usize>)> {
        packet
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.members.clone()))
            .collect()
    }

    fn sample() -> Vec<Facts<'static>> {
        vec![
            fact(
                3,
                &["Performance", "search"],
                Some(Scope::Project),
                "p95 down 40%",
            ),
            fact(3, &["mentoring"], Some(Scope::Task), "more people on call"),
            fact(
                5,
                &["performance", "performance"],
                Some(Scope::Business),
                "saved $12k",
            ),
            fact(7, &[], None, ""),
        ]
    }

    fn rubric() -> Rubric {
        Rubric {
            preset: None,
            competencies: vec![
                competency("Impact", &["performance"]),
                competency("Growing others", &["mentoring", "search"]),
                competency("Learning", &["talk"]),
            ],
        }
    }

    #[test]
    fn the_review_counts_months_tags_scopes_and_measurable_results() {
        let vocabulary = BTreeMap::new();
        let mut for_me = options(GroupBy::Month, None, &vocabulary);
        for_me.audience = Audience::Me;
        let packet = build(&sample(), for_me);
        let summary = &packet.review.as_ref().expect("a review").summary;
        assert_eq!(summary.entries, 4);
        assert_eq!(summary.months, 3);
        assert_eq!(summary.first_month, YearMonth::new(2026, 3));
        assert_eq!(summary.last_month, YearMonth::new(2026, 7));
        let tags: Vec<_> = summary
            .top_tags
            .iter()
            .map(|t| (t.tag.as_str(), t.count))
            .collect();
        assert_eq!(tags, [("Performance", 2), ("mentoring", 1), ("search", 1)]);
        let scopes: Vec<_> = summary.scopes.iter().map(|s| (s.scope, s.count)).collect();
        assert_eq!(
            scopes,
            [
                (Some("business"), 1),
                (Some("project"), 1),
                (Some("task"), 1),
                (None, 1)
            ]
        );
        assert_eq!((summary.with_results, summary.measurable_results), (3, 2));
        assert_eq!(summary.measurable_share, 50);
        // The author's view lists the weak entries, and nothing else.
        assert_eq!(names(&packet), [("Weak entries", vec![1, 3])]);
        // The committee never gets the review.
        let packet = build(&sample(), options(GroupBy::Month, None, &vocabulary));
        assert_eq!(packet.review, None);
    }

    #[test]
    fn groups_by_month_tag_and_scope_with_each_entry_once() {
        let vocabulary =
            BTreeMap::from([("performance".to_string(), "Faster systems".to_string())]);
        let facts = sample();
        let by_month = build(&facts, options(GroupBy::Month, None, &vocabulary));
        assert_eq!(
            names(&by_month),
            [
                ("March 2026", vec![0, 1]),
                ("May 2026", vec![2]),
                ("July 2026", vec![3])
            ]
        );
        let by_tag = build(&facts, options(GroupBy::Tag, None, &vocabulary));
        // Entry 0 carries `search` too: it is shown once, under its most used tag.
        assert_eq!(
            names(&by_tag),
            [
                ("Performance", vec![2, 0]),
                ("mentoring", vec![1]),
                ("Untagged", vec![3])
            ]
        );
        assert_eq!(by_tag.groups[0].also, [vec![], vec!["search".to_string()]]);
        assert_eq!(
            by_tag.groups[0].description.as_deref(),
            Some("Faster systems")
        );
        let by_scope = build(&facts, options(GroupBy::Scope, None, &vocabulary));
        assert_eq!(
            names(&by_scope),
            [
                ("Business", vec![2]),
                ("Project", vec![0]),
                ("Task", vec![1]),
                ("No scope", vec![3])
            ]
        );
    }

    #[test]
    fn groups_by_section_in_document_order_with_no_section_last() {
        let vocabulary = BTreeMap::new();
        let mut facts = sample();
        facts[0].section = Some("Projects");
        facts[2].section = Some("Mentoring");
        facts[3].section = Some("Projects");
        let by_section = build(&facts, options(GroupBy::Section, None, &vocabulary));
        assert_eq!(
            names(&by_section),
            [
                ("Projects", vec![0, 3]),
                ("Mentoring", vec![2]),
                (NO_SECTION, vec![1])
            ]
        );
    }

    #[test]
    fn an_entry_sits_under_its_first_competency_and_gaps_count_strong_evidence() {
        let vocabulary = BTreeMap::new();
        let mut facts = sample();
        facts.push(fact(8, &["talk"], Some(Scope::Task), "They were happy."));
        let packet = build(
            &facts,
            options(GroupBy::Competency, Some(rubric()), &vocabulary),
        );
        assert_eq!(
            names(&packet),
            [
                ("Impact", vec![2, 0]),
                ("Growing others", vec![1]),
                ("Learning", vec![4]),
                (OTHER_EVIDENCE, vec![3])
            ]
        );
        assert_eq!(
            packet.groups[0].also,
            [vec![], vec!["Growing others".to_string()]]
        );
        let mut for_me = options(GroupBy::Month, Some(rubric()), &vocabulary);
        for_me.audience = Audience::Me;
        let review = build(&facts, for_me).review.expect("a review");
        // A talk that made people happy is an entry, not strong evidence.
        let gaps: Vec<_> = review
            .gaps
            .iter()
            .map(|g| (g.name.as_str(), g.entries))
            .collect();
        assert_eq!(gaps, [("Learning", 1)]);
        assert!(
            review
                .strengthen
                .contains(&"Learning: 1 entry, none with a measured result.".to_string()),
            "{:?}",
            review.strengthen
        );
    }

    #[test]
    fn aliases_move_entries_into_competencies() {
        let vocabulary = BTreeMap::new();
        let facts = vec![
            fact(1, &["perf"], Some(Scope::Project), "p95 down 40%"),
            fact(2, &["Mentor"], Some(Scope::Task), "2 engineers promoted"),
        ];
        let plain = build(
            &facts,
            options(GroupBy::Competency, Some(rubric()), &vocabulary),
        );
        assert_eq!(names(&plain), [(OTHER_EVIDENCE, vec![0, 1])]);
        assert_eq!(plain.notes.len(), 1);
        assert!(
            plain.notes[0].contains("tags Mentor (1), perf (1)"),
            "{:?}",
            plain.notes
        );
        let mut aliased = options(GroupBy::Competency, Some(rubric()), &vocabulary);
        aliased.aliases = BTreeMap::from([
            ("PERF".to_string(), "performance".to_string()),
            ("mentor".to_string(), "mentoring".to_string()),
        ]);
        let aliased = build(&facts, aliased);
        assert_eq!(
            names(&aliased),
            [("Impact", vec![0]), ("Growing others", vec![1])]
        );
        assert!(aliased.notes.is_empty());
    }

    #[test]
    fn highlights_rank_the_star_tag_then_scope_then_a_measured_result_then_the_date() {
        let vocabulary = BTreeMap::new();
        let facts = vec![
            fact(1, &[], Some(Scope::Product), "They were happy."),
            fact(2, &[], Some(Scope::Product), "revenue up $2M"),
            fact(3, &["star"], Some(Scope::Task), "fixed a typo"),
            fact(4, &[], Some(Scope::Business), "cut churn 3%"),
            fact(5, &[], Some(Scope::Product), "revenue up $1M"),
            fact(6, &[], None, "saved 2 hours a week"),
        ];
        let mut top = options(GroupBy::Month, None, &vocabulary);
        top.highlights = 5;
        let packet = build(&facts, top.clone());
        // The happy customers are weak and not starred: no highlight.
        assert_eq!(packet.highlights, [2, 3, 4, 1, 5]);
        top.highlights = 2;
        assert_eq!(build(&facts, top).highlights, [2, 3]);
    }

    #[test]
    fn weak_entries_go_last_to_the_appendix_or_away() {
        let vocabulary = BTreeMap::new();
        let facts = vec![
            fact(3, &[], Some(Scope::Task), "They were happy."),
            fact(3, &[], Some(Scope::Task), "cut build time 30%"),
        ];
        let mut choice = options(GroupBy::Month, None, &vocabulary);
        assert_eq!(
            names(&build(&facts, choice.clone())),
            [("March 2026", vec![1, 0])]
        );
        choice.weak = WeakPlacement::Appendix;
        assert_eq!(
            names(&build(&facts, choice.clone())),
            [("March 2026", vec![1]), (APPENDIX, vec![0])]
        );
        choice.weak = WeakPlacement::Hide;
        let hidden = build(&facts, choice);
        assert_eq!(names(&hidden), [("March 2026", vec![1])]);
        assert_eq!(hidden.highlights, [1]);
    }

    #[test]
    fn entries_of_one_project_are_one_story_in_date_order() {
        let vocabulary = BTreeMap::new();
        let mut facts = sample();
        facts[0].project = Some("Ledger");
        facts[2].project = Some("ledger");
        facts[1].project = Some("Alone");
        let packet = build(&facts, options(GroupBy::Month, None, &vocabulary));
        assert_eq!(
            names(&packet),
            [
                ("Ledger", vec![0, 2]),
                ("March 2026", vec![1]),
                ("July 2026", vec![3])
            ]
        );
        assert_eq!(packet.groups[0].kind, "story");
        let tags = [String::from("mentoring")];
        let mut by_tag = options(GroupBy::Month, None, &vocabulary);
        by_tag.project_tags = &tags;
        let facts = vec![
            fact(1, &["mentoring"], None, ""),
            fact(2, &["Mentoring"], None, ""),
        ];
        assert_eq!(names(&build(&facts, by_tag))[0], ("mentoring", vec![0, 1]));
    }

    #[test]
    fn scope_growth_counts_wins_per_quarter_or_half_and_the_case_says_so() {
        let vocabulary = BTreeMap::new();
        let facts = vec![
            fact(1, &[], Some(Scope::Task), "a 10% win"),
            fact(2, &[], Some(Scope::Project), "a 10% win"),
            fact(11, &[], Some(Scope::Product), "a 10% win"),
            fact(12, &[], Some(Scope::Project), "a 10% win"),
            fact(12, &[], Some(Scope::Business), "They were happy."),
        ];
        let packet = build(&facts, options(GroupBy::Month, None, &vocabulary));
        let growth = &packet.scope_growth;
        assert_eq!(growth.unit, "quarter");
        assert_eq!(growth.periods, ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);
        let rows: Vec<_> = growth
            .rows
            .iter()
            .map(|r| (r.scope, r.counts.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("business", vec![0, 0, 0, 1]),
                ("product", vec![0, 0, 0, 1]),
                ("project", vec![1, 0, 0, 1]),
                ("task", vec![1, 0, 0, 0])
            ]
        );
        assert_eq!(growth.most, 3);
        assert_eq!(
            packet.case,
            "Led 4 efforts at project scope or above. 4 of 5 wins with measured results. \
             Product- and business-scope wins went from 0 in the first half of the period to \
             2 in the second."
        );
        let mut over_two_years = facts.clone();
        over_two_years[0].month = YearMonth::new(2025, 1);
        let packet = build(&over_two_years, options(GroupBy::Month, None, &vocabulary));
        assert_eq!(packet.scope_growth.unit, "half");
        assert_eq!(packet.scope_growth.periods.len(), 4);
        let mut written = options(GroupBy::Month, None, &vocabulary);
        written.summary = Some("My case.".to_string());
        assert_eq!(build(&facts, written).case, "My case.");
    }

    #[test]
    fn provenance_names_period_filters_count_and_private_entries() {
        let vocabulary = BTreeMap::new();
        let mut with_filters = options(GroupBy::Month, None, &vocabulary);
        with_filters.audience = Audience::Me;
        with_filters.range = Some(DateRange {
            start: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            end: NaiveDate::MAX,
        });
        with_filters.filters.given = vec![
            ("since", vec!["H1".to_string()]),
            ("tag", vec!["glue work".to_string(), "search".to_string()]),
        ];
        with_filters.private_left_out = 1;
        let packet = build(&sample()[..1], with_filters);
        assert_eq!(
            packet.review.expect("a review").provenance,
            "Period: from 2026-01-01 · Filters: --since H1 --tag \"glue work\" --tag search · \
             1 entry · 1 private entry left out · Generated 2026-11-23 by brag"
        );
        let mut empty = options(GroupBy::Month, None, &vocabulary);
        empty.audience = Audience::Me;
        let review = build(&[], empty).review.expect("a review");
        assert_eq!(
            review.provenance,
            "Period: all dates · Filters: none · 0 entries · Generated 2026-11-23 by brag"
        );
        assert_eq!(review.summary.measurable_share, 0);
    }
}
