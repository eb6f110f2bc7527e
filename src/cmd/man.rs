//! `brag man`: the man page in roff, from the command line's own definition
//! (`cli::man_pages`), so it never lags behind a new flag; with `--dir`, one page per
//! command (`brag-add.1`, as git names its pages) beside `brag.1`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::{self, ManArgs};
use crate::store;

pub fn run(args: &ManArgs, out: &mut impl Write) -> Result<ExitCode> {
    let Some(dir) = &args.dir else {
        cli::write_man_page(out)?;
        return Ok(ExitCode::SUCCESS);
    };
    store::create_folder(dir)?;
    let pages = cli::man_pages()?;
    for (name, page) in &pages {
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
    }
    out.flush()?;
    eprintln!("wrote {} man pages to {}", pages.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}
