//! Where the command line's arguments become domain values: a [`Filter`] with its periods
//! resolved, the day `add --date` and `amend --set-date` name, and the export's
//! provenance. Besides `cli.rs`, the one module that knows
//! the argument types; everything past it works on the values made here.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{ExportArgs, FilterArgs};
use crate::edit::draft;
use crate::filter::Filter;
use crate::period::{self, Calendar};
use crate::render::packet::Filters;

/// The filter the flags ask for, its periods resolved against `calendar`.
pub fn filter(args: &FilterArgs, calendar: &Calendar) -> Result<Filter> {
    let range = period::range(
        args.since.as_deref(),
        args.until.as_deref(),
        args.on.as_deref(),
        calendar,
    )?;
    let grep = args.grep.as_ref().map(|text| text.to_ascii_lowercase());
    if grep.as_deref() == Some("") {
        bail!("--grep needs some text to look for");
    }
    if args.limit == Some(0) {
        bail!("--limit must be at least 1");
    }
    Ok(Filter {
        range,
        overlap: args.overlap,
        tags: lowercase(&args.tag),
        any_tags: lowercase(&args.any_tag),
        not_tags: lowercase(&args.not_tag),
        scopes: args.scope.clone(),
        grep,
        fields: lowercase(&args.field),
        missing: args.missing.clone(),
        limit: args.limit,
        reverse: args.reverse,
    })
}

/// The day a `--date` flag names, if given: a day expression or a day as the log writes
/// one (the parser an entry's own `date` on stdin goes through too).
pub fn day(flag: Option<&str>, calendar: &Calendar) -> Result<Option<NaiveDate>> {
    flag.map(|expr| draft::day(expr, calendar)).transpose()
}

/// Tags and field names as a filter compares them: trimmed, without a leading `#`,
/// lowercase; empty ones dropped.
fn lowercase(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|value| value.trim().trim_start_matches('#').to_ascii_lowercase())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The filters as the person gave them, for the packet's provenance line.
pub fn provenance(args: &ExportArgs) -> Filters {
    let filters = &args.filters;
    let one = |value: &Option<String>| value.iter().cloned().collect::<Vec<_>>();
    let scopes = filters
        .scope
        .iter()
        .map(|scope| scope.as_str().to_string())
        .collect();
    let missing = filters
        .missing
        .iter()
        .map(|key| key.name().to_string())
        .collect();
    let given = [
        ("since", one(&filters.since)),
        ("until", one(&filters.until)),
        ("on", one(&filters.on)),
        ("tag", filters.tag.clone()),
        ("any-tag", filters.any_tag.clone()),
        ("not-tag", filters.not_tag.clone()),
        ("scope", scopes),
        ("grep", one(&filters.grep)),
        ("field", filters.field.clone()),
        ("missing", missing),
        (
            "limit",
            filters.limit.iter().map(ToString::to_string).collect(),
        ),
    ]
    .into_iter()
    .filter(|(_, values)| !values.is_empty())
    .collect();
    Filters {
        given,
        repeatable: vec!["tag", "any-tag", "not-tag", "scope", "field", "missing"],
        include_private: args.include_private,
    }
}
