//! The run's context: config, log path, today and the editor. The only reader of env,
//! clock and dirs.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::Cli;
use crate::config::{Config, DateOrderSetting, OrderSetting, ReviewSetting};
use crate::period::{Calendar, DateOrder, Reviews};
use crate::read::parse::Order;
use crate::templates;

/// What every command needs to know about where it runs.
#[derive(Debug)]
pub struct Context {
    pub config: Config,
    pub config_path: PathBuf,
    /// As given (`brag path` prints it absolute).
    pub log_path: PathBuf,
    /// The log given with `--file` (not through `BRAG_FILE` or the config), absolute:
    /// the commands brag suggests must name it too, or they would act on another log.
    pub file_flag: Option<PathBuf>,
    /// `<data dir>/brag`, where editor drafts and the undo backup live.
    pub data_dir: Option<PathBuf>,
    pub today: NaiveDate,
    /// The editor command: `editor` in the config, else `$VISUAL`, else `$EDITOR`.
    pub editor: Option<String>,
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
        // The parser folds BRAG_FILE into `--file`: a value equal to the variable came
        // from it.
        let from_env = std::env::var_os("BRAG_FILE").map(PathBuf::from);
        let file_flag = cli
            .file
            .as_ref()
            .filter(|_| cli.file != from_env)
            .map(|file| std::path::absolute(file).unwrap_or_else(|_| file.clone()));
        let editor = config
            .editor
            .clone()
            .or_else(|| std::env::var("VISUAL").ok())
            .or_else(|| std::env::var("EDITOR").ok())
            .filter(|editor| !editor.trim().is_empty());
        Ok(Self {
            config,
            config_path,
            log_path,
            file_flag,
            data_dir: dirs::data_dir().map(|dir| dir.join("brag")),
            today: today()?,
            editor,
        })
    }

    /// The log's absolute path, for `brag path`.
    pub fn absolute_log_path(&self) -> PathBuf {
        std::path::absolute(&self.log_path).unwrap_or_else(|_| self.log_path.clone())
    }

    /// The command line `brag ARGS` as the person should type it next: with `--file`
    /// when this run was given one.
    pub fn brag(&self, args: &str) -> String {
        match &self.file_flag {
            Some(path) => format!("brag --file {} {args}", shell_word(&path.to_string_lossy())),
            None => format!("brag {args}"),
        }
    }

    /// A template: `templates/NAME` beside the config file if there is one, else the
    /// built-in one.
    pub fn template(&self, name: &str) -> Result<String> {
        templates::named(self.templates_dir().as_deref(), name)
    }

    /// `<config dir>/brag/templates/`: beside the config file.
    pub fn templates_dir(&self) -> Option<PathBuf> {
        self.config_path
            .parent()
            .map(|folder| folder.join("templates"))
    }

    /// The settings `brag add` takes from the config.
    pub fn edit_settings(&self) -> crate::edit::Settings {
        crate::edit::Settings {
            order: self.config.order.map(|order| match order {
                OrderSetting::OldestFirst => Order::OldestFirst,
                OrderSetting::NewestFirst => Order::NewestFirst,
            }),
        }
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
        calendar.date_order = self.config.date_order.map(|order| match order {
            DateOrderSetting::MonthFirst => DateOrder::MonthFirst,
            DateOrderSetting::DayFirst => DateOrder::DayFirst,
        });
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

/// `word` quoted for a POSIX shell where it needs quoting.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
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
