//! `brag init`: the log from `templates/log.md` and a commented config from
//! `templates/config.yaml`. An existing file is never touched.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::store;

pub fn run(context: &Context, out: &mut impl Write) -> Result<ExitCode> {
    for (path, template, what) in [
        (&context.log_path, "log.md", "your log"),
        (&context.config_path, "config.yaml", "your config"),
    ] {
        let text = context.template(template)?;
        if store::create_new(path, text.as_bytes())? {
            writeln!(out, "created {} ({what})", path.display())?;
        } else {
            writeln!(out, "kept {} ({what}): it already exists", path.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
