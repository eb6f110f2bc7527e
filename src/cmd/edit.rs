//! `brag edit [ID]`: the log in the person's editor, at an entry's line.

use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::cli::EditArgs;
use crate::read::Reader;
use crate::{editor, store};

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let path = &context.log_path;
    // Reading the log first gives the usual message when there is none.
    let bytes = store::read_log(path)?;
    let text = bytes.text()?;
    let line = match &args.id {
        Some(id) => Some(line_of(text, id)?),
        None => None,
    };
    let editor = context.editor.as_deref().unwrap_or(editor::FALLBACK);
    editor::open(editor, path, line)?;
    Ok(ExitCode::SUCCESS)
}

/// The line of the entry with id `id`, or with the one id that starts with it.
fn line_of(text: &str, id: &str) -> Result<usize> {
    let reader = Reader::new(text);
    Ok(reader.line(reader.find(id)?))
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
        assert!(line_of(text, "nope").is_err_and(|e| e.to_string().contains("no entry matches")));
    }
}
