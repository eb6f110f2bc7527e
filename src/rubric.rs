//! Built-in promotion rubrics for `brag export --rubric NAME`: competencies and the tags
//! that count as evidence for each.
//!
//! `brag-doc` follows the themes of Julia Evans' brag document; `staff` follows what
//! staff-level promotion packets are judged on (Will Larson's and Tanya Reilly's writing:
//! impact, leverage, mentoring, glue work, advocacy). The tags are suggestions: a log that
//! uses other words maps them with `competencies:` in the config instead. `brag help
//! packet` (docs/help/packet.md) lists every preset with its tags; a test keeps the two in step.

use crate::config::Competency;

/// A named rubric that ships with brag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub summary: &'static str,
    competencies: &'static [(&'static str, &'static str, &'static [&'static str])],
}

/// The words people use for a preset's tags: with a built-in rubric, a tag on the left
/// counts as the one on the right (the config's `aliases:` come on top). `brag help
/// packet` lists them; a test keeps the two in step.
pub const PRESET_ALIASES: [(&str, &str); 10] = [
    ("perf", "performance"),
    ("latency", "performance"),
    ("design-doc", "design"),
    ("design-docs", "design"),
    ("rfcs", "rfc"),
    ("mentor", "mentoring"),
    ("on-call", "oncall"),
    ("incidents", "incident"),
    ("talks", "talk"),
    ("interviews", "interviewing"),
];

/// Every built-in rubric, in the order `--help` lists them.
pub const PRESETS: [Preset; 2] = [BRAG_DOC, STAFF];

const BRAG_DOC: Preset = Preset {
    name: "brag-doc",
    summary: "the themes of a brag document",
    competencies: &[
        (
            "Projects",
            "Work you shipped or drove: what it was, why it mattered, and your part in it.",
            &[
                "project",
                "launch",
                "feature",
                "performance",
                "reliability",
                "migration",
                "security",
                "cost",
                "customer",
            ],
        ),
        (
            "Collaboration & mentorship",
            "Helping others do their best work: mentoring, pairing, reviews, unblocking other teams.",
            &[
                "mentoring",
                "mentorship",
                "collaboration",
                "pairing",
                "code-review",
                "cross-team",
                "onboarding",
                "support",
            ],
        ),
        (
            "Design & documentation",
            "Designs, RFCs and documents that shaped decisions or spread knowledge.",
            &[
                "design",
                "rfc",
                "architecture",
                "docs",
                "documentation",
                "writing",
            ],
        ),
        (
            "Company building",
            "Work that makes the organisation better: hiring, process, culture, incidents handled well.",
            &[
                "hiring",
                "interviewing",
                "recruiting",
                "process",
                "culture",
                "incident",
                "oncall",
                "leadership",
            ],
        ),
        (
            "Learning",
            "What you learned and taught: courses, talks, reading, new skills.",
            &[
                "learning",
                "talk",
                "conference",
                "course",
                "reading",
                "certification",
                "teaching",
            ],
        ),
    ],
};

const STAFF: Preset = Preset {
    name: "staff",
    summary: "what staff-level promotion packets are judged on",
    competencies: &[
        (
            "Impact",
            "Outcomes the business can see: revenue, cost, reliability, customers, speed.",
            &[
                "impact",
                "performance",
                "reliability",
                "cost",
                "revenue",
                "customer",
                "security",
                "launch",
            ],
        ),
        (
            "Leverage",
            "Work that multiplies other engineers: platforms, tooling, automation, standards.",
            &[
                "leverage",
                "platform",
                "tooling",
                "automation",
                "developer-experience",
                "observability",
                "testing",
                "migration",
            ],
        ),
        (
            "Mentoring",
            "Growing other engineers: mentoring, coaching, sponsoring, teaching.",
            &[
                "mentoring",
                "mentorship",
                "coaching",
                "sponsorship",
                "onboarding",
                "teaching",
                "hiring",
            ],
        ),
        (
            "Glue work",
            "The unglamorous work that makes teams succeed: coordination, process, incidents, planning.",
            &[
                "glue",
                "cross-team",
                "coordination",
                "process",
                "planning",
                "incident",
                "oncall",
                "code-review",
            ],
        ),
        (
            "Advocacy",
            "Setting direction and changing minds: RFCs, strategy, writing, talks.",
            &[
                "advocacy",
                "rfc",
                "design",
                "strategy",
                "writing",
                "docs",
                "talk",
                "leadership",
            ],
        ),
    ],
};

impl Preset {
    /// The preset called `name`, if brag ships one.
    pub fn named(name: &str) -> Option<Preset> {
        PRESETS.into_iter().find(|preset| preset.name == name)
    }

    /// The rubric as config competencies, so presets and a configured rubric take one path.
    pub fn competencies(&self) -> Vec<Competency> {
        self.competencies
            .iter()
            .map(|&(name, description, tags)| Competency {
                name: name.to_string(),
                description: description.to_string(),
                tags: tags.iter().map(ToString::to_string).collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_five_competencies_with_distinct_names_and_lowercase_tags() {
        for preset in PRESETS {
            let competencies = preset.competencies();
            assert_eq!(competencies.len(), 5, "{}", preset.name);
            for competency in &competencies {
                assert!(!competency.tags.is_empty(), "{}", competency.name);
                for tag in &competency.tags {
                    assert_eq!(tag, &tag.to_lowercase(), "{tag}");
                    assert!(!tag.contains([' ', ',']), "{tag}");
                }
            }
            let mut names: Vec<_> = competencies.iter().map(|c| &c.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), 5);
            assert_eq!(Preset::named(preset.name), Some(preset));
        }
        assert_eq!(Preset::named("nope"), None);
    }

    /// `brag help packet` lists every preset's tags; keep the page and the code in step.
    #[test]
    fn the_documentation_lists_every_tag() {
        let docs = include_str!("../docs/help/packet.md");
        for preset in PRESETS {
            for competency in preset.competencies() {
                let row = format!("| {} | {} |", competency.name, competency.tags.join(", "));
                assert!(
                    docs.contains(&row),
                    "docs/help/packet.md lacks the row {row:?} for --rubric {}",
                    preset.name
                );
            }
        }
        for (from, to) in PRESET_ALIASES {
            let row = format!("| {from} | {to} |");
            assert!(
                docs.contains(&row),
                "docs/help/packet.md lacks the alias row {row:?}"
            );
        }
    }
}
