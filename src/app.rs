//! The run's context: config, log path and today. The only reader of env, clock and dirs.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::Cli;
use crate::config::{Config, ReviewSetting};
use crate::period::{Calendar, Reviews};

/// What every command needs to know about where it runs.
#[derive(Debug)]
pub struct Context {
    pub config: Config,
    pub config_path: PathBuf,
    pub log_path: PathBuf,
    pub today: NaiveDate,
}

impl Context {
    /// Resolves the config and log paths in the documented order, and today.
    pub fn new(cli: &Cli) -> Result<Self> {
        let (config_path, required) = match &cli.config {
            Some(path) => (path.clone(), true),
            None => (
                app_dir(dirs::config_dir(), "config")?.join("config.yaml"),
                false,
            ),
        };
        let config = Config::load(&config_path, required)?;
        let log_path = match (&cli.file, config.log_path(&config_path)) {
            (Some(file), _) => file.clone(),
            (None, Some(file)) => file,
            (None, None) => app_dir(dirs::data_dir(), "data")?.join("brag.md"),
        };
        Ok(Self {
            config,
            config_path,
            log_path,
            today: today()?,
        })
    }

    /// The calendar that period expressions resolve against.
    pub fn calendar(&self) -> Calendar {
        let mut calendar = Calendar::new(self.today);
        if let Some(month) = self.config.year_start {
            calendar.year_start = month;
        }
        if let Some(start) = self.config.week_start {
            calendar.week_start = start.weekday();
        }
        calendar.reviews = match &self.config.review {
            None => Reviews::None,
            Some(ReviewSetting::Dates(dates)) => Reviews::Dates(dates.clone()),
            Some(ReviewSetting::Cycle(cycle)) => Reviews::Cycle {
                start: cycle.start,
                every_months: cycle.every_months,
            },
        };
        calendar
    }
}

fn app_dir(base: Option<PathBuf>, what: &str) -> Result<PathBuf> {
    match base {
        Some(base) => Ok(base.join("brag")),
        None => bail!("cannot find your {what} folder; pass --file and --config"),
    }
}

/// Today, or `BRAG_TODAY=YYYY-MM-DD` for reproducible scripts and tests.
fn today() -> Result<NaiveDate> {
    match std::env::var("BRAG_TODAY") {
        Ok(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .with_context(|| format!("BRAG_TODAY is {text:?}; it must be a date as YYYY-MM-DD")),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}
