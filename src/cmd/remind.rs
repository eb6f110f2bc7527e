//! `brag remind`: silent while the last entry is recent; one line and exit 1 when it is
//! time to write, for a shell prompt, a login script, cron or a git hook.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::RemindArgs;
use crate::read::Reader;
use crate::render::plural;
use crate::store;

/// The nudge's default age, when neither --days nor `remind_after_days` says.
const DEFAULT_DAYS: u32 = 7;

pub fn run(context: &Context, args: &RemindArgs, out: &mut impl Write) -> Result<ExitCode> {
    let limit = args
        .days
        .or(context.config.remind_after_days)
        .unwrap_or(DEFAULT_DAYS);
    let bytes = store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let reader = Reader::new(text);
    // A future-dated entry does not count as written.
    let last = reader
        .all()
        .iter()
        .filter_map(|head| head.date)
        .filter(|date| *date <= context.today)
        .max();
    let nudge = match last {
        None => "No entries yet. What went well this week? brag add".to_string(),
        Some(date) => {
            let days = (context.today - date).num_days();
            if days < i64::from(limit) {
                return Ok(ExitCode::SUCCESS);
            }
            let days = plural(usize::try_from(days).unwrap_or(usize::MAX), "day", "days");
            format!("No entry for {days}. What went well this week? brag add")
        }
    };
    writeln!(out, "{nudge}")?;
    Ok(ExitCode::FAILURE)
}
