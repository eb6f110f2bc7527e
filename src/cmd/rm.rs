//! `brag rm ID`: one entry out of the log, and nothing else changed.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::app::Context;
use crate::cli::RmArgs;
use crate::edit::rewrite;
use crate::read::Reader;
use crate::undo::{self, Record};
use crate::{git, store};

pub fn run(context: &Context, args: &RmArgs, out: &mut impl Write) -> Result<ExitCode> {
    // Asked before the lock, so that a person thinking does not hold up another brag.
    let (id, title) = {
        let bytes = store::read_log(&context.log_path)?;
        let reader = Reader::new(bytes.text()?);
        let head = reader.find(&args.id)?;
        (reader.id(head), head.title.to_string())
    };
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            bail!("brag rm removes {id} for good; confirm with --yes");
        }
        eprint!("remove {id} ({title})? [y/N] ");
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .context("cannot read the answer")?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            bail!("nothing removed");
        }
    }
    let log = store::lock_existing(&context.log_path)?;
    let copy = log.start_copy()?;
    let text = log.read_all()?;
    let reader = Reader::new(&text);
    let Some(head) = reader.with_id(&id) else {
        bail!("{id} is no longer in the log; nothing was removed");
    };
    let line = reader.line(head);
    let change = rewrite::remove(&text, reader.start(head)).map_err(|error| {
        anyhow::anyhow!("cannot remove {id} safely: {error:#}; the log was not changed")
    })?;
    let written = log.replace(copy, change.range.clone(), change.text.as_bytes())?;
    undo::save(
        log.path(),
        &Record {
            what: format!("removed {id}"),
            written,
            start: change.range.start,
            new: change.text.into_bytes(),
            old: text.as_bytes()[change.range].to_vec(),
        },
    );
    writeln!(
        out,
        "removed {id} (was {}:{line})",
        context.log_path.display()
    )?;
    out.flush()?;
    eprintln!("hint: `{}` puts it back", context.brag("undo"));
    git::commit_log(context, &format!("brag: rm {title}"))?;
    Ok(ExitCode::SUCCESS)
}
