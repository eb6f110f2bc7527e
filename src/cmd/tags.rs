//! `brag tags`: every tag with the number of matching entries that carry it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::{TagsArgs, TagsFormat};
use crate::query;
use crate::render::tags;

pub fn run(context: &Context, args: &TagsArgs, out: &mut impl Write) -> Result<ExitCode> {
    let filter = query::filter(&args.filters, &context.calendar())?;
    super::with_selection(context, &filter, &args.filters, |_, reader, heads| {
        let (entries, _) = reader.read(heads);
        // Tags group case-insensitively and show as first written.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for tag in entries.iter().flat_map(|entry| entry.tags.iter()) {
            match counts
                .iter_mut()
                .find(|(name, _)| name.eq_ignore_ascii_case(tag))
            {
                Some((_, count)) => *count += 1,
                None => counts.push((tag.to_string(), 1)),
            }
        }
        // The config's vocabulary shows its unused tags too, with their description.
        for name in context.config.tags.keys() {
            if !counts.iter().any(|(tag, _)| tag.eq_ignore_ascii_case(name)) {
                counts.push((name.clone(), 0));
            }
        }
        counts.sort_by(|(a, x), (b, y)| {
            y.cmp(x)
                .then_with(|| a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase()))
        });
        let described = |tag: &str| {
            context
                .config
                .tags
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(tag))
                .map(|(_, description)| description.as_str())
        };
        let format = args.output.format();
        if counts.is_empty() && format == TagsFormat::Table {
            let what = if entries.is_empty() {
                "no entries"
            } else {
                "no entry with a tag"
            };
            eprintln!(
                "no tags: {what} ({}); tag an entry with `{}`",
                filter.describe_range(),
                context.brag("add \"What you did\" --tag NAME")
            );
            return Ok(ExitCode::SUCCESS);
        }
        match format {
            TagsFormat::Json => tags::json(out, &counts, described)?,
            TagsFormat::Table => tags::table(out, &counts, described)?,
            TagsFormat::Ids => tags::ids(out, &counts)?,
        }
        Ok(ExitCode::SUCCESS)
    })
}
