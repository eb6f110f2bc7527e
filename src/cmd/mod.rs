//! One file per subcommand.

use anyhow::Result;

use crate::app::Context;
use crate::cli::FilterArgs;
use crate::filter::Filter;
use crate::read::{Head, Reader};

pub mod add;
pub mod amend;
pub mod check;
pub mod completions;
pub mod edit;
pub mod export;
pub mod help;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod remind;
pub mod rm;
pub mod show;
pub mod stats;
pub mod tags;
pub mod undo;

/// What list, tags and stats share: reads the log, selects the entries `filter` asks
/// for, and hands `then` the log's text, its reader and the selection. When nothing is
/// selected, a hint on stderr for each asked-for tag (`filters`) no entry carries.
pub fn with_selection<T>(
    context: &Context,
    filter: &Filter,
    filters: &FilterArgs,
    then: impl for<'t> FnOnce(&'t str, &Reader<'t>, &[&Head<'t>]) -> Result<T>,
) -> Result<T> {
    let bytes = crate::store::read_log(&context.log_path)?;
    let text = bytes.text()?;
    let reader = Reader::for_filter(text, filter);
    let heads = reader.select(filter);
    list::hint_when_none(context, text, &reader, &heads, filters);
    then(text, &reader, &heads)
}
