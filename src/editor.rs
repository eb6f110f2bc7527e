//! The person's editor: starting it on a file, at a line where it takes one.
//!
//! The editor command is run by `sh` with the file as an argument, as git does, so a
//! command with arguments (`code --wait`) or quoting works as it does in a shell.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, bail};

/// The editor when none is configured.
pub const FALLBACK: &str = "vi";

/// Runs `editor` on `file`, at 1-based `line` where the editor takes one, and waits.
pub fn open(editor: &str, file: &Path, line: Option<usize>) -> Result<()> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("sh")
        .args(arguments(editor, file, line))
        .status()
        .with_context(|| format!("cannot start the editor `{editor}`"))?;
    if !status.success() {
        bail!("the editor `{editor}` failed ({status})");
    }
    Ok(())
}

/// The arguments that open `file` at `line` in `editor`: `+LINE FILE` for the editors
/// of the vi and emacs families, nano, micro and helix; `--goto FILE:LINE` for VS Code;
/// the file alone for the rest.
fn arguments(editor: &str, file: &Path, line: Option<usize>) -> Vec<OsString> {
    let Some(line) = line else {
        return vec![file.into()];
    };
    match program(editor).as_str() {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "emacs" | "emacsclient"
        | "micro" | "hx" | "helix" | "kak" | "ne" | "mg" => {
            vec![format!("+{line}").into(), file.into()]
        }
        "code" | "code-insiders" | "codium" | "vscodium" => {
            let mut target = file.as_os_str().to_owned();
            target.push(format!(":{line}"));
            vec!["--goto".into(), target]
        }
        _ => vec![file.into()],
    }
}

/// The program an editor command runs: its first word, without its folder.
fn program(editor: &str) -> String {
    let first = editor.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(['"', '\'']);
    Path::new(first)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_arguments_per_editor() {
        let file = Path::new("/logs/brag.md");
        let cases: &[(&str, Option<usize>, &[&str])] = &[
            ("vim", Some(12), &["+12", "/logs/brag.md"]),
            ("/usr/bin/nvim -p", Some(3), &["+3", "/logs/brag.md"]),
            ("nano", Some(1), &["+1", "/logs/brag.md"]),
            ("emacs -nw", Some(7), &["+7", "/logs/brag.md"]),
            ("micro", Some(7), &["+7", "/logs/brag.md"]),
            ("hx", Some(7), &["+7", "/logs/brag.md"]),
            ("code --wait", Some(42), &["--goto", "/logs/brag.md:42"]),
            ("'/opt/My Editor/ed'", Some(42), &["/logs/brag.md"]),
            ("vim", None, &["/logs/brag.md"]),
        ];
        for (editor, line, expected) in cases {
            let found: Vec<String> = arguments(editor, file, *line)
                .into_iter()
                .map(|arg| arg.to_string_lossy().into_owned())
                .collect();
            assert_eq!(found, *expected, "{editor}");
        }
    }
}
