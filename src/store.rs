//! Reading the log from disk, with an error a person can act on.

use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Result, bail};

/// The log's text. Missing files, folders, unreadable files and non-UTF-8 bytes are
/// errors that name the path (and the line, for bad bytes).
pub fn read_log(path: &Path) -> Result<String> {
    let shown = path.display();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == ErrorKind::NotFound => bail!(
            "no log at {shown}\n  start one with `brag add \"What you did\"` or `brag init`, \
             or point --file (or BRAG_FILE) at an existing log"
        ),
        Err(_) if path.is_dir() => {
            bail!("{shown} is a folder, not a log file; pass the Markdown file itself")
        }
        Err(error) => bail!("cannot read {shown}: {error}"),
    };
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count();
        anyhow::anyhow!(
            "{shown}:{line}:{column}: the log is not valid UTF-8 (byte 0x{:02x}); save it as UTF-8",
            bytes[at]
        )
    })
}
