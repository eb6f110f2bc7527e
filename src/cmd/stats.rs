//! `brag stats`: the habit at a glance, for the entries that match the filters (the last
//! 12 months by default), as bar charts or JSON.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::{Datelike, Months};

use crate::app::Context;
use crate::cli::{StatsArgs, StatsFormat};
use crate::cmd::list::use_color;
use crate::query;
use crate::render::stats::{self, Facts, Look, Options};

pub fn run(context: &Context, args: &StatsArgs, out: &mut impl Write) -> Result<ExitCode> {
    let calendar = context.calendar();
    let mut filters = args.filters.clone();
    if filters.since.is_none() && filters.until.is_none() && filters.on.is_none() {
        // The last 12 months: this one and the 11 before it.
        let first = context
            .today
            .with_day(1)
            .and_then(|day| day.checked_sub_months(Months::new(11)));
        filters.since = first.map(|day| day.format("%Y-%m").to_string());
        filters.until = Some(context.today.to_string());
    }
    let filter = query::filter(&filters, &calendar)?;
    super::with_selection(context, &filter, &args.filters, |_, reader, heads| {
        let facts = reader.map(heads, Facts::of);
        let range = filter.range;
        // `from 2025-12-01 to 2026-11-23, tag mentoring`
        let mut selection = filter.describe_range();
        for part in filter.describe() {
            selection.push_str(", ");
            selection.push_str(&part);
        }
        let figures = stats::build(
            &facts,
            selection,
            Options {
                today: context.today,
                first_day: range.and_then(|r| r.first_day()),
                last_day: range.and_then(|r| r.last_day()),
                week_start: calendar.week_start,
                year_start: calendar.year_start,
            },
        );
        match args.output.format() {
            StatsFormat::Table => {
                let color = use_color(args.color);
                let look = Look {
                    color,
                    unicode: color || std::io::stdout().is_terminal(),
                };
                stats::table(&figures, look, out)?;
            }
            StatsFormat::Json => stats::json(&figures, out)?,
        }
        Ok(ExitCode::SUCCESS)
    })
}
