//! `brag init`: the log from `templates/log.md` and a commented config from
//! `templates/config.yaml`. An existing file is never touched. A log given with `--file`
//! is written into a new config as its `file:`, so later commands use it without the flag.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::app::Context;
use crate::store;

pub fn run(context: &Context, out: &mut impl Write) -> Result<ExitCode> {
    let log = context.template("log.md")?;
    report(
        out,
        &context.log_path,
        "your log",
        store::create_new(&context.log_path, log.as_bytes())?,
    )?;
    let mut config = context.template("config.yaml")?;
    if let Some(file) = &context.file_flag {
        config = with_file(&config, file)?;
    }
    let created = store::create_new(&context.config_path, config.as_bytes())?;
    report(out, &context.config_path, "your config", created)?;
    let named = context.config.log_path(&context.config_path);
    if let (Some(file), false) = (&context.file_flag, created) {
        if named.as_deref() != Some(file.as_path()) {
            out.flush()?;
            eprintln!(
                "note: {} does not name this log; add `file: {}` to it, or give --file \
                 every time",
                context.config_path.display(),
                file.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(out: &mut impl Write, path: &Path, what: &str, created: bool) -> Result<()> {
    if created {
        writeln!(out, "created {} ({what})", path.display())?;
    } else {
        writeln!(out, "kept {} ({what}): it already exists", path.display())?;
    }
    Ok(())
}

/// The config template with `file:` set to `file`: in place of the commented example
/// where the template has one, else as its first key.
fn with_file(template: &str, file: &Path) -> Result<String> {
    let value = serde_yaml::to_string(&file.to_string_lossy())?;
    let line = format!("file: {}", value.trim_end());
    let mut done = false;
    let mut out = String::with_capacity(template.len() + line.len());
    for part in template.split_inclusive('\n') {
        if !done && part.trim_start().starts_with("# file:") {
            out.push_str(&line);
            out.push('\n');
            done = true;
        } else {
            out.push_str(part);
        }
    }
    if !done {
        out.insert_str(0, &format!("{line}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_replaces_the_commented_example_or_comes_first() {
        let path = Path::new("/notes/my brag.md");
        assert_eq!(
            with_file("# a\n# file: ~/x.md\nb: 1\n", path)
                .ok()
                .as_deref(),
            Some("# a\nfile: /notes/my brag.md\nb: 1\n")
        );
        assert_eq!(
            with_file("editor: vim\n", Path::new("/n/a: b.md"))
                .ok()
                .as_deref(),
            Some("file: '/n/a: b.md'\neditor: vim\n")
        );
    }
}
