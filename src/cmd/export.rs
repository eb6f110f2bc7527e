//! `brag export`: an evidence packet for a promotion document, in Markdown, HTML, plain
//! text, JSON or YAML.
//!
//! Three passes, none of which holds every parsed entry: [`select`] picks the entries
//! (by date, by tag after a cheap look at each entry's text); one parallel
//! read takes the [`Facts`] that grouping and the summary need; then the renderer reads
//! the entries again, group by group, a chunk at a time, while the output is written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};

use crate::app::Context;
use crate::cli::{ExportArgs, ExportFormat, GroupBy, WeakPlacement};
use crate::config::Goals;
use crate::filter::Filter;
use crate::read::{Head, Reader};
use crate::render;
use crate::render::envelope::{DataFormat, Frame};
use crate::render::packet::{self, Facts, Goal, Options, Rubric};
use crate::render::template::{self, TemplateRun};
use crate::rubric::{PRESET_ALIASES, Preset};
use crate::{query, store, templates};

/// The tag that keeps an entry out of every export, besides `private_tags:`.
pub const PRIVATE_TAG: &str = "private";

pub fn run(context: &Context, args: &ExportArgs, out: &mut impl Write) -> Result<ExitCode> {
    let format = args
        .format
        .or_else(|| args.template.as_deref().and_then(templates::format_of_name))
        .unwrap_or(ExportFormat::Md);
    let by = group_by(args)?;
    // A broken template or a bad target is reported before the log is read.
    let chosen = match format {
        ExportFormat::Json | ExportFormat::Yaml => {
            if args.template.is_some() {
                bail!(
                    "--template shapes md, html and txt packets; --format {} has a fixed shape",
                    format.as_str()
                );
            }
            None
        }
        _ => {
            let chosen = templates::choose(
                format,
                args.template.as_deref(),
                &context
                    .templates_dir()
                    .unwrap_or_else(|| PathBuf::from("templates")),
            )?;
            template::check(&chosen, format)?;
            Some(chosen)
        }
    };
    let target = match &args.output {
        Some(path) if path.as_os_str() != "-" => Some(checked_target(path, &context.log_path)?),
        _ => None,
    };

    let filter = query::filter(&args.filters, &context.calendar())?;
    let text = Arc::new(store::read_log(&context.log_path)?.text()?.to_owned());
    let reader = Reader::for_filter(text.as_str(), &filter);
    let (selected, private_left_out) = select(&reader, &filter, args, context);
    crate::cmd::list::hint_when_none(context, &text, &reader, &selected, &args.filters);
    let facts = reader.map(&selected, Facts::of);
    let rubric = rubric(args, context, by);
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    if rubric
        .as_ref()
        .is_some_and(|rubric| rubric.preset.is_some())
    {
        for (from, to) in PRESET_ALIASES {
            aliases.insert(from.to_string(), to.to_string());
        }
    }
    aliases.extend(context.config.aliases.clone());
    let weak = args.weak.unwrap_or(if args.brief {
        WeakPlacement::Hide
    } else {
        WeakPlacement::Last
    });
    let packet = packet::build(
        &facts,
        Options {
            title: args
                .title
                .clone()
                .unwrap_or_else(|| "Evidence packet".to_string()),
            generated: context.today,
            range: filter.range,
            filters: query::provenance(args),
            by,
            rubric,
            tag_descriptions: &context.config.tags,
            private_left_out,
            audience: args.audience,
            highlights: args.highlights,
            weak,
            aliases,
            project_tags: &context.config.project_tags,
            summary: context.config.summary.clone(),
            goals: goals(context.config.goals.as_ref(), reader.preamble()),
            next: context.config.next.clone(),
        },
    );
    for note in &packet.notes {
        eprintln!("brag: {note}");
    }
    // The top wins, then every group's entries, one after the other.
    let highlights: Vec<&Head<'_>> = packet
        .highlights
        .iter()
        .map(|&member| selected[member])
        .collect();
    let flat: Vec<&Head<'_>> = packet
        .groups
        .iter()
        .flat_map(|group| group.members.iter().map(|&member| selected[member]))
        .collect();
    let written = flat.len();

    let target = target.as_deref();
    match (format, chosen) {
        (ExportFormat::Json | ExportFormat::Yaml, _) => {
            let data = match format {
                ExportFormat::Json => DataFormat::Json,
                _ => DataFormat::Yaml,
            };
            let highlight_ids: Vec<String> =
                highlights.iter().map(|head| reader.id(head)).collect();
            let frame = Frame::new(&packet, &highlight_ids, data)?;
            emit(target, out, |mut sink| {
                reader.stream(
                    &flat,
                    |first, entries| frame.entries(first, entries, data),
                    &mut sink,
                )?;
                sink.write_all(frame.end(data).as_bytes())?;
                Ok(())
            })?;
        }
        (_, Some(chosen)) => {
            let all: Vec<&Head<'_>> = highlights.iter().chain(&flat).copied().collect();
            let job = TemplateRun {
                packet: &packet,
                format,
                brief: args.brief,
                template: &chosen,
                entries: reader.detach(Arc::clone(&text), &all),
            };
            emit(target, out, |sink| template::render(job, sink))?;
        }
        (_, None) => bail!(
            "internal error: no template for --format {}",
            format.as_str()
        ),
    }
    if let Some(path) = target {
        // A packet written to a file says so: stdout is not where it went.
        eprintln!(
            "wrote {} ({})",
            path.display(),
            render::plural(written, "entry", "entries")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `--by`, with `--rubric` meaning `--by competency`.
fn group_by(args: &ExportArgs) -> Result<GroupBy> {
    Ok(match (args.by, args.rubric) {
        (Some(by), Some(rubric)) if by != GroupBy::Competency => bail!(
            "--rubric {} groups by competency; drop --by {} or --rubric",
            rubric.as_str(),
            by.as_str()
        ),
        (Some(by), _) => by,
        (None, Some(_)) => GroupBy::Competency,
        (None, None) => GroupBy::Month,
    })
}

/// The rubric in effect: `--rubric`, else the config's `competencies:`, else (for
/// `--by competency` only) the `brag-doc` preset.
fn rubric(args: &ExportArgs, context: &Context, by: GroupBy) -> Option<Rubric> {
    let preset = |name: &str| {
        Preset::named(name).map(|preset| Rubric {
            preset: Some(preset.name),
            competencies: preset.competencies(),
        })
    };
    if let Some(name) = args.rubric {
        return preset(name.as_str());
    }
    if !context.config.competencies.is_empty() {
        return Some(Rubric {
            preset: None,
            competencies: context.config.competencies.clone(),
        });
    }
    if by == GroupBy::Competency {
        return preset("brag-doc");
    }
    None
}

/// The goals that close the packet: `goals:` in the config, else the Purpose, Mastery
/// and Autonomy lines above the log's first entry (as `brag init` writes them, once the
/// person has replaced the template's prompts).
fn goals(configured: Option<&Goals>, top: &str) -> Vec<Goal> {
    let goal = |label: &str, text: &str| Goal {
        label: label.to_string(),
        text: text.trim().to_string(),
    };
    if let Some(goals) = configured {
        return [
            ("Purpose", &goals.purpose),
            ("Mastery", &goals.mastery),
            ("Autonomy", &goals.autonomy),
        ]
        .into_iter()
        .filter_map(|(label, text)| text.as_deref().map(|text| goal(label, text)))
        .filter(|goal| !goal.text.is_empty())
        .collect();
    }
    let prompts = templates::built_in("log.md").unwrap_or_default();
    let mut in_comment = false;
    let mut found = Vec::new();
    for line in top.lines() {
        let trimmed = line.trim();
        if in_comment || trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        for label in GOAL_LABELS {
            let body = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "))
                .and_then(|rest| rest.strip_prefix(&format!("**{label}**:")))
                .or_else(|| {
                    trimmed
                        .strip_prefix("- ")
                        .and_then(|rest| rest.strip_prefix(&format!("**{label}:**")))
                });
            let written = body.map(str::trim).filter(|body| {
                !body.is_empty() && !prompts.contains(&format!("**{label}**: {body}\n"))
            });
            if let Some(body) = written {
                found.push(goal(label, body));
            }
        }
    }
    found
}

/// The goal lines `brag init` writes at the top of a new log.
const GOAL_LABELS: [&str; 3] = ["Purpose", "Mastery", "Autonomy"];

/// The entries to export, in date order, and how many private entries that match the
/// filters were left out.
fn select<'r, 'a>(
    reader: &'r Reader<'a>,
    filter: &Filter,
    args: &ExportArgs,
    context: &Context,
) -> (Vec<&'r Head<'a>>, usize) {
    let matched = reader.select(filter);
    if args.include_private {
        return (matched, 0);
    }
    let private: Vec<String> = std::iter::once(PRIVATE_TAG)
        .chain(context.config.private_tags.iter().map(String::as_str))
        .map(str::to_lowercase)
        .collect();
    let carrying = reader.carrying_any(&matched, &private);
    let left_out = carrying.iter().filter(|&&private| private).count();
    let kept = matched
        .into_iter()
        .zip(carrying)
        .filter_map(|(head, private)| (!private).then_some(head))
        .collect();
    (kept, left_out)
}

/// Where `-o` writes: the file a symlink names (the link stays), refused when it is the
/// log itself (by any name or link) or not a regular file (a device, a FIFO, a socket
/// would be replaced by the packet).
fn checked_target(path: &Path, log: &Path) -> Result<PathBuf> {
    if same_file(path, log) {
        bail!(
            "-o {} is the log itself; write the packet to another file",
            path.display()
        );
    }
    if path.is_dir() {
        bail!("-o {} is a folder; name a file", path.display());
    }
    store::refuse_special(path).map_err(|error| anyhow::anyhow!("cannot write -o: {error}"))?;
    store::resolve(path)
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Runs `write` on standard output, or on the `-o` file.
fn emit(
    target: Option<&Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match target {
        None => write(out),
        Some(path) => store::write_streamed(path, write),
    }
}
