//! `brag undo`: brag's last write to the log reverted, if the log is as brag left it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::app::Context;
use crate::{store, undo};

pub fn run(context: &Context, out: &mut impl Write) -> Result<ExitCode> {
    let log = store::lock_existing(&context.log_path)?;
    let shown = context.log_path.display();
    let Some(record) = undo::load(log.path())? else {
        bail!("nothing to undo: brag keeps no earlier write of {shown}");
    };
    if log.written()? != record.written {
        bail!(
            "{shown} has changed since brag {}; nothing was undone",
            record.what
        );
    }
    let copy = log.start_copy()?;
    let end = record.start + record.new.len();
    let here = (end <= log.size())
        .then(|| log.read_range(record.start..end))
        .transpose()?;
    if here.as_deref() != Some(&record.new[..]) {
        bail!(
            "{shown} does not hold what brag wrote when it {}; nothing was undone",
            record.what
        );
    }
    log.replace(copy, record.start..end, &record.old)?;
    undo::forget(log.path())?;
    writeln!(out, "undone: {} ({shown})", record.what)?;
    Ok(ExitCode::SUCCESS)
}
