//! The evidence packet: the grouped, summarised view that every export format shares.
//!
//! [`build`] is pure: it takes what one cheap pass learned about each selected entry
//! ([`Facts`]) and the export's options, and returns the [`Packet`]: its title, provenance,
//! summary, groups (as positions into the selected entries, so that the entries
//! themselves can be read and rendered a chunk at a time later) and the competencies that
//! lack evidence. The renderers turn a packet into bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::cli::GroupBy;
use crate::config::Competency;
use crate::measurable::is_measurable;
use crate::model::{Entry, Scope, YearMonth};
use crate::period::DateRange;

/// What grouping and the summary need from one entry; the entry itself is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    pub month: Option<YearMonth>,
    pub tags: Vec<&'a str>,
    pub scope: Option<Scope>,
    /// The entry has a Results field.
    pub results: bool,
    /// Its Results state a measurable change ([`is_measurable`]).
    pub measurable: bool,
}

impl<'a> Facts<'a> {
    pub fn of(entry: &Entry<'a>) -> Self {
        Self {
            month: entry.month,
            tags: entry.tags.clone(),
            scope: entry.scope,
            results: entry.results.is_some(),
            measurable: entry
                .results
                .is_some_and(|results| is_measurable(results.raw)),
        }
    }
}

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
}

/// The packet every format renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Packet {
    pub title: String,
    pub generated: NaiveDate,
    pub period: Period,
    pub filters: Filters,
    pub by: &'static str,
    pub rubric: Option<&'static str>,
    pub provenance: String,
    pub summary: Summary,
    pub groups: Vec<Group>,
    pub gaps: Vec<Gap>,
}

/// The requested range; an open side is `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
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
    pub private_left_out: usize,
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

/// One group of evidence; its entries are positions in the selected entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub description: Option<String>,
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// A competency of the rubric with no entry in the packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
}

/// The name of the group that holds entries matching no competency.
pub const OTHER_EVIDENCE: &str = "Other evidence";
/// How many tags the summary names.
const TOP_TAGS: usize = 5;

fn month_text<S: Serializer>(month: &Option<YearMonth>, serializer: S) -> Result<S::Ok, S::Error> {
    match month {
        Some(month) => serializer.collect_str(month),
        None => serializer.serialize_none(),
    }
}

/// Groups and summarises the selected entries, given in date order.
pub fn build(facts: &[Facts<'_>], options: Options<'_>) -> Packet {
    let summary = summary(facts, options.private_left_out);
    let membership = options
        .rubric
        .as_ref()
        .map(|rubric| competency_members(facts, &rubric.competencies));
    let groups = match options.by {
        GroupBy::Month => by_month(facts),
        GroupBy::Tag => by_tag(facts, options.tag_descriptions),
        GroupBy::Scope => by_scope(facts),
        GroupBy::Competency => match (&options.rubric, &membership) {
            (Some(rubric), Some(membership)) => by_competency(facts, rubric, membership),
            _ => by_month(facts),
        },
    };
    let gaps = match (&options.rubric, &membership) {
        (Some(rubric), Some(membership)) => rubric
            .competencies
            .iter()
            .zip(membership)
            .filter(|(_, members)| members.is_empty())
            .map(|(competency, _)| Gap {
                name: competency.name.clone(),
                description: competency.description.clone(),
                tags: competency.tags.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let period = Period {
        since: options.range.and_then(|range| range.first_day()),
        until: options.range.and_then(|range| range.last_day()),
    };
    let provenance = provenance(&options, period, facts.len());
    Packet {
        title: options.title,
        generated: options.generated,
        period,
        filters: options.filters,
        by: options.by.as_str(),
        rubric: options.rubric.and_then(|rubric| rubric.preset),
        provenance,
        summary,
        groups,
        gaps,
    }
}

/// `Period: 2026-01-01 to 2026-06-30 · Filters: --tag search · 12 entries ·
/// 1 private entry left out · Generated 2026-11-23 by brag`
fn provenance(options: &Options<'_>, period: Period, count: usize) -> String {
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
pub fn period_text(period: Period) -> String {
    match (period.since, period.until) {
        (Some(since), Some(until)) if since == until => since.to_string(),
        (Some(since), Some(until)) => format!("{since} to {until}"),
        (Some(since), None) => format!("from {since}"),
        (None, Some(until)) => format!("up to {until}"),
        (None, None) => "all dates".to_string(),
    }
}

/// `1 entry`, `3 entries`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn summary(facts: &[Facts<'_>], private_left_out: usize) -> Summary {
    let mut months: Vec<YearMonth> = facts.iter().filter_map(|f| f.month).collect();
    months.sort_unstable();
    months.dedup();
    let mut tags: Vec<TagCount> = tag_groups(facts)
        .into_iter()
        .map(|(tag, members)| TagCount {
            tag,
            count: members.len(),
        })
        .collect();
    tags.truncate(TOP_TAGS);
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
        top_tags: tags,
        scopes,
        with_results: facts.iter().filter(|f| f.results).count(),
        measurable_results,
        measurable_share: (measurable_results * 100 + facts.len() / 2)
            .checked_div(facts.len())
            .unwrap_or(0),
        private_left_out,
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
        .map(|((_, month), members)| Group {
            name: month.map_or_else(
                || "Undated".to_string(),
                |m| format!("{} {}", m.month_name(), m.year),
            ),
            description: None,
            members,
        })
        .collect()
}

/// Tags by how many entries carry them (ties by name), each with its entries; a tag is
/// matched ignoring case and shown as first written.
fn tag_groups(facts: &[Facts<'_>]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (position, fact) in facts.iter().enumerate() {
        for tag in &fact.tags {
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

fn by_tag(facts: &[Facts<'_>], descriptions: &BTreeMap<String, String>) -> Vec<Group> {
    let mut groups: Vec<Group> = tag_groups(facts)
        .into_iter()
        .map(|(tag, members)| Group {
            description: descriptions
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(&tag))
                .map(|(_, description)| description.clone()),
            name: tag,
            members,
        })
        .collect();
    let untagged: Vec<usize> = (0..facts.len())
        .filter(|&position| facts[position].tags.is_empty())
        .collect();
    if !untagged.is_empty() {
        groups.push(Group {
            name: "Untagged".to_string(),
            description: None,
            members: untagged,
        });
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
        .map(|scope| Group {
            name: scope.map_or_else(
                || "No scope".to_string(),
                |scope| {
                    let name = scope.as_str();
                    name[..1].to_uppercase() + &name[1..]
                },
            ),
            description: None,
            members: (0..facts.len())
                .filter(|&position| facts[position].scope == scope)
                .collect(),
        })
        .filter(|group| !group.members.is_empty())
        .collect()
}

/// For each competency, the entries carrying any of its tags (ignoring case).
fn competency_members(facts: &[Facts<'_>], competencies: &[Competency]) -> Vec<Vec<usize>> {
    competencies
        .iter()
        .map(|competency| {
            (0..facts.len())
                .filter(|&position| {
                    facts[position].tags.iter().any(|tag| {
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

fn by_competency(facts: &[Facts<'_>], rubric: &Rubric, membership: &[Vec<usize>]) -> Vec<Group> {
    let mut groups: Vec<Group> = rubric
        .competencies
        .iter()
        .zip(membership)
        .filter(|(_, members)| !members.is_empty())
        .map(|(competency, members)| Group {
            name: competency.name.clone(),
            description: (!competency.description.is_empty())
                .then(|| competency.description.clone()),
            members: members.clone(),
        })
        .collect();
    let mut placed = vec![false; facts.len()];
    for &position in membership.iter().flatten() {
        placed[position] = true;
    }
    let other: Vec<usize> = (0..facts.len())
        .filter(|&position| !placed[position])
        .collect();
    if !other.is_empty() {
        groups.push(Group {
            name: OTHER_EVIDENCE.to_string(),
            description: Some("Entries whose tags match no competency in the rubric.".to_string()),
            members: other,
        });
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
            month: YearMonth::new(2026, month),
            tags: tags.to_vec(),
            scope,
            results: !results.is_empty(),
            measurable: is_measurable(results),
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

    #[test]
    fn summary_counts_months_tags_scopes_and_measurable_results() {
        let vocabulary = BTreeMap::new();
        let packet = build(&sample(), options(GroupBy::Month, None, &vocabulary));
        let summary = &packet.summary;
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
        assert!(packet.gaps.is_empty());
    }

    #[test]
    fn groups_by_month_tag_and_scope() {
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
        assert_eq!(
            names(&by_tag),
            [
                ("Performance", vec![0, 2]),
                ("mentoring", vec![1]),
                ("search", vec![0]),
                ("Untagged", vec![3])
            ]
        );
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
    fn competencies_take_every_entry_with_their_tags_and_report_gaps() {
        let vocabulary = BTreeMap::new();
        let rubric = Rubric {
            preset: None,
            competencies: vec![
                competency("Impact", &["performance"]),
                competency("Growing others", &["mentoring", "search"]),
                competency("Learning", &["talk"]),
            ],
        };
        let packet = build(
            &sample(),
            options(GroupBy::Competency, Some(rubric.clone()), &vocabulary),
        );
        assert_eq!(
            names(&packet),
            [
                ("Impact", vec![0, 2]),
                ("Growing others", vec![0, 1]),
                (OTHER_EVIDENCE, vec![3])
            ]
        );
        let gaps: Vec<_> = packet.gaps.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(gaps, ["Learning"]);
        // Gaps are reported whatever the grouping, as long as there is a rubric.
        let by_month = build(
            &sample(),
            options(GroupBy::Month, Some(rubric), &vocabulary),
        );
        assert_eq!(by_month.gaps.len(), 1);
    }

    #[test]
    fn provenance_names_period_filters_count_and_private_entries() {
        let vocabulary = BTreeMap::new();
        let mut with_filters = options(GroupBy::Month, None, &vocabulary);
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
            packet.provenance,
            "Period: from 2026-01-01 · Filters: --since H1 --tag \"glue work\" --tag search · \
             1 entry · 1 private entry left out · Generated 2026-11-23 by brag"
        );
        let packet = build(&[], options(GroupBy::Month, None, &vocabulary));
        assert_eq!(
            packet.provenance,
            "Period: all dates · Filters: none · 0 entries · Generated 2026-11-23 by brag"
        );
        assert_eq!(packet.summary.measurable_share, 0);
        assert!(packet.groups.is_empty());
    }
}
