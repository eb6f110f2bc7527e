//! `brag edit [ID]`: the log in the person's editor, at an entry's line.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::app::Context;
use crate::cli::EditArgs;
use crate::parse::Index;
use crate::{editor, store};

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let path = &context.log_path;
    // Reading the log first gives the usual message when there is none.
    let text = store::read_log(path)?;
    let line = match &args.id {
        Some(id) => Some(line_of(&text, id)?),
        None => None,
    };
    let editor = context.editor.as_deref().unwrap_or(editor::FALLBACK);
    editor::open(editor, path, line)?;
    Ok(ExitCode::SUCCESS)
}

/// The line of the entry with id `id`, or with the one id that starts with it.
fn line_of(text: &str, id: &str) -> Result<usize> {
    let index = Index::new(text);
    let line = |head: &crate::parse::Head<'_>| index.blocks[head.block].line_no;
    if let Some(head) = index.heads.iter().find(|head| head.id == id) {
        return Ok(line(head));
    }
    let candidates: Vec<_> = index
        .heads
        .iter()
        .filter(|head| head.id.starts_with(id))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(line(one)),
        [] => bail!("no entry has the id {id:?}; `brag list --format json` shows the ids"),
        many => bail!(
            "{} entries have ids that start with {id:?}: {}",
            many.len(),
            many.iter()
                .take(5)
                .map(|head| head.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_unique_prefixes_find_their_line() {
        let text = "## November 2026\n### Cut latency\n- **Date**: 2026-11-03\n### Cut costs\n- **Date**: 2026-11-04\n";
        assert_eq!(line_of(text, "2026-11-03-cut-latency").ok(), Some(2));
        assert_eq!(line_of(text, "2026-11-04").ok(), Some(4));
        assert!(line_of(text, "2026-11").is_err_and(|e| e.to_string().contains("2 entries")));
        assert!(line_of(text, "nope").is_err_and(|e| e.to_string().contains("no entry")));
    }
}
