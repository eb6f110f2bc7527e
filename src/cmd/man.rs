//! `brag man`: the man page in roff, from the command line's own definition
//! (clap_mangen), so it never lags behind a new flag; with `--dir`, one page per
//! command (`brag-add.1`, as git names its pages) beside `brag.1`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::{self, ManArgs};
use crate::store;

pub fn run(args: &ManArgs, out: &mut impl Write) -> Result<ExitCode> {
    let command = cli::command();
    let Some(dir) = &args.dir else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(ExitCode::SUCCESS);
    };
    store::create_folder(dir)?;
    write_page(dir, "brag", command.clone())?;
    let mut pages = 1;
    for sub in command.get_subcommands() {
        let name = format!("brag-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("brag {}", sub.get_name()));
        write_page(dir, &name, page)?;
        pages += 1;
    }
    out.flush()?;
    eprintln!("wrote {pages} man pages to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

fn write_page(dir: &Path, name: &str, command: clap::Command) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))
}
