//! The record of brag's last write to a log, so `brag undo` can revert it: kept in one
//! private file beside the log (`.NAME.brag-undo`, 0600), holding what the write
//! replaced, what it wrote there, and which version of the file it left. Undo reverts
//! only that version: a log changed since (by hand, or by anything else) is refused.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::store::{self, Written};

const MAGIC: &str = "brag-undo 1";

/// One write: at `start`, `new` replaced `old`, leaving the file `written`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What the write did, as a person reads it: `added 2026-11-03-cut-p95`.
    pub what: String,
    pub written: Written,
    pub start: usize,
    pub new: Vec<u8>,
    pub old: Vec<u8>,
}

/// The record's file for the log file `log` (a symlink's target).
pub fn path_for(log: &Path) -> PathBuf {
    let name = log
        .file_name()
        .map_or_else(|| "brag.md".into(), |name| name.to_string_lossy());
    log.with_file_name(format!(".{name}.brag-undo"))
}

/// Keeps `record` as the log's last write. A record that cannot be kept is reported,
/// not an error: the write itself is done.
pub fn save(log: &Path, record: &Record) {
    let Written {
        device,
        inode,
        len,
        modified_ns,
    } = record.written;
    let what = record.what.replace(['\n', '\r'], " ");
    let mut bytes = format!(
        "{MAGIC}\n{what}\n{device} {inode} {len} {modified_ns} {} {} {}\n",
        record.start,
        record.new.len(),
        record.old.len()
    )
    .into_bytes();
    bytes.extend_from_slice(&record.new);
    bytes.extend_from_slice(&record.old);
    if let Err(error) = store::write_private(&path_for(log), &bytes) {
        eprintln!("note: `brag undo` will not be able to revert this: {error:#}");
    }
}

/// The log's last write, if brag keeps one.
pub fn load(log: &Path) -> Result<Option<Record>> {
    let path = path_for(log);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    match parse(&bytes) {
        Some(record) => Ok(Some(record)),
        None => bail!(
            "{} is not a record brag can read; nothing was undone",
            path.display()
        ),
    }
}

fn parse(bytes: &[u8]) -> Option<Record> {
    let mut lines = bytes.splitn(4, |&b| b == b'\n');
    if lines.next()? != MAGIC.as_bytes() {
        return None;
    }
    let what = String::from_utf8(lines.next()?.to_vec()).ok()?;
    let numbers = std::str::from_utf8(lines.next()?).ok()?;
    let rest = lines.next()?;
    let numbers: Vec<&str> = numbers.split(' ').collect();
    let [device, inode, len, modified_ns, start, new_len, old_len] = numbers.as_slice() else {
        return None;
    };
    let (new_len, old_len): (usize, usize) = (new_len.parse().ok()?, old_len.parse().ok()?);
    if rest.len() != new_len.checked_add(old_len)? {
        return None;
    }
    Some(Record {
        what,
        written: Written {
            device: device.parse().ok()?,
            inode: inode.parse().ok()?,
            len: len.parse().ok()?,
            modified_ns: modified_ns.parse().ok()?,
        },
        start: start.parse().ok()?,
        new: rest[..new_len].to_vec(),
        old: rest[new_len..].to_vec(),
    })
}

/// Forgets the log's last write (after it was undone).
pub fn forget(log: &Path) -> Result<()> {
    let path = path_for(log);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error).with_context(|| format!("cannot remove {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_a_damaged_one_does_not() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let log = folder.path().join("brag.md");
        let record = Record {
            what: "removed 2026-11-03-x".to_string(),
            written: Written {
                device: 1,
                inode: 2,
                len: 3,
                modified_ns: -4,
            },
            start: 5,
            new: b"a\nb".to_vec(),
            old: b"\n\nold\n".to_vec(),
        };
        save(&log, &record);
        assert_eq!(load(&log).ok(), Some(Some(record)));
        let path = path_for(&log);
        let mut bytes = std::fs::read(&path).expect("saved");
        bytes.pop();
        std::fs::write(&path, bytes).expect("written");
        assert!(load(&log).is_err());
        forget(&log).expect("removed");
        assert_eq!(load(&log).ok(), Some(None));
    }
}
