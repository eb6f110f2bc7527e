//! Reading the log from disk, and writing it back: atomically, under a lock, following
//! a symlinked log to its target and keeping its permissions.
//!
//! A write never edits the log in place. The new bytes go to a temporary file in the
//! log's own folder (copied from the old file by the kernel where it can, with the new
//! text spliced in), are flushed to disk, read back where they changed, and renamed over
//! the log. Readers see the old log or the new one, never a mix; a crash leaves the old
//! one. An exclusive lock on the log, held from the read to the rename, serialises
//! concurrent `brag add`s; one that waited re-opens the log if it was replaced meanwhile.
//! A new log is created without replacing anything (so two first `brag add`s cannot
//! both create it), readable only by its owner, in a folder created for the owner only.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail, ensure};

use crate::threads::{cores, join};

/// A log's bytes, read whole into memory; [`LogBytes::text`] checks that they are
/// UTF-8.
#[derive(Debug)]
pub struct LogBytes {
    /// The path as given, for messages.
    shown: PathBuf,
    buffer: Buffer,
}

#[derive(Debug)]
enum Buffer {
    Heap(Vec<u8>),
    /// Anonymous memory that the kernel may back with huge pages (see [`read_bytes`]).
    Pages(memmap2::MmapMut),
}

impl LogBytes {
    /// The log as text; a byte that is not UTF-8 is an error naming its line and column.
    pub fn text(&self) -> Result<&str> {
        let bytes = match &self.buffer {
            Buffer::Heap(bytes) => bytes,
            Buffer::Pages(pages) => &pages[..],
        };
        std::str::from_utf8(bytes).map_err(|error| not_utf8(&self.shown, bytes, error))
    }
}

/// Reads the log. Missing files, folders and unreadable files are errors that name the
/// path.
pub fn read_log(path: &Path) -> Result<LogBytes> {
    let shown = path.display();
    let buffer = match read_bytes(path) {
        Ok(buffer) => buffer,
        Err(error) if error.kind() == ErrorKind::NotFound => bail!(
            "no log at {shown}\n  start one with `brag add \"What you did\"` or `brag init`, \
             or point --file (or BRAG_FILE) at an existing log"
        ),
        Err(_) if path.is_dir() => {
            bail!("{shown} is a folder, not a log file; pass the Markdown file itself")
        }
        Err(error) => bail!("cannot read {shown}: {error}"),
    };
    Ok(LogBytes {
        shown: path.to_path_buf(),
        buffer,
    })
}

/// Files at least this large are read into huge pages, in two halves at once.
const LARGE_READ_BYTES: usize = 4 << 20;

/// The file's bytes. Most of the time of reading a large log goes to the kernel
/// filling fresh pages of memory, one fault for every 4 KiB. So a large log is read
/// into an anonymous mapping that asks for 2 MiB pages (where the kernel grants them,
/// a 56 MB log takes 28 faults, not 14,000), and in two halves at once, which two cores
/// do twice as fast. A file that changes length meanwhile is read again in one piece.
fn read_bytes(path: &Path) -> io::Result<Buffer> {
    let mut file = File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).unwrap_or(0);
    #[cfg(unix)]
    if len >= LARGE_READ_BYTES {
        if let Some(pages) = read_into_pages(&file, len)? {
            return Ok(Buffer::Pages(pages));
        }
    }
    // Positioned reads leave the file's offset at its start.
    let mut bytes = Vec::with_capacity(len);
    file.read_to_end(&mut bytes)?;
    Ok(Buffer::Heap(bytes))
}

/// The first `len` bytes of `file` in an anonymous mapping advised to use huge pages;
/// `None` when there is no such mapping, or the file is not `len` bytes long.
#[cfg(unix)]
fn read_into_pages(file: &File, len: usize) -> io::Result<Option<memmap2::MmapMut>> {
    use std::os::unix::fs::FileExt;
    let Ok(mut pages) = memmap2::MmapOptions::new().len(len).map_anon() else {
        return Ok(None);
    };
    // Advice only: without huge pages, the mapping works with small ones.
    let _ = pages.advise(memmap2::Advice::HugePage);
    let read = if cores() > 1 {
        let (first, second) = pages.split_at_mut(len / 2);
        let offset = first.len() as u64;
        let (read_first, read_second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| file.read_exact_at(second, offset));
            let first = file.read_exact_at(first, 0);
            (first, join(second))
        });
        read_first.and(read_second)
    } else {
        file.read_exact_at(&mut pages, 0)
    };
    let mut past_end = [0; 1];
    let whole = read.is_ok() && file.read_at(&mut past_end, len as u64)? == 0;
    Ok(whole.then_some(pages))
}

/// The log's bytes as text; non-UTF-8 bytes are an error with their line and column.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|error| not_utf8(path, error.as_bytes(), error.utf8_error()))
}

/// The error for the first byte of `bytes` that is not UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error) -> anyhow::Error {
    let at = error.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&bytes[line_start..at])
        .chars()
        .count();
    anyhow::anyhow!(
        "{}:{line}:{column}: the log is not valid UTF-8 (byte 0x{:02x}); save it as UTF-8",
        path.display(),
        bytes[at]
    )
}

/// The log opened for a read-modify-write.
#[derive(Debug)]
pub enum Opened {
    /// It exists, and this process holds its lock.
    Existing(Locked),
    /// There is no log yet at this path (a symlink's target, if the log is a symlink).
    Missing(PathBuf),
}

/// An existing log, locked until dropped.
#[derive(Debug)]
pub struct Locked {
    /// The file itself (a symlink's target).
    path: PathBuf,
    /// The path as given, for messages.
    shown: PathBuf,
    file: File,
    len: usize,
}

/// Opens the log at `path` and takes its exclusive lock, waiting for another `brag`
/// that holds it.
pub fn lock(path: &Path) -> Result<Opened> {
    loop {
        let target = resolve(path)?;
        let file = match File::open(&target) {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::NotFound => {
                return Ok(Opened::Missing(target));
            }
            Err(error) => bail!("cannot open {}: {error}", path.display()),
        };
        let metadata = file.metadata()?;
        if metadata.is_dir() {
            bail!(
                "{} is a folder, not a log file; pass the Markdown file itself",
                path.display()
            );
        }
        fs4::FileExt::lock(&file).with_context(|| format!("cannot lock {}", path.display()))?;
        // Whoever held the lock may have replaced the log: lock the one there now.
        if is_current(&file, &target)? {
            let len = usize::try_from(file.metadata()?.len())?;
            return Ok(Opened::Existing(Locked {
                path: target,
                shown: path.to_path_buf(),
                file,
                len,
            }));
        }
    }
}

/// [`lock`] for a command that changes an existing log: a missing one is the error
/// [`read_log`] gives.
pub fn lock_existing(path: &Path) -> Result<Locked> {
    match lock(path)? {
        Opened::Existing(log) => Ok(log),
        Opened::Missing(_) => {
            read_log(path)?;
            bail!("no log at {}", path.display())
        }
    }
}

/// Follows symlinks (each relative to its own folder) to the file they name.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)
                    .with_context(|| format!("cannot follow the symlink {}", current.display()))?;
                current = match current.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!("{} is a loop of symlinks", path.display())
}

/// Whether `file` is still the file at `path`.
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    Ok(match std::fs::metadata(path) {
        Ok(now) => (now.dev(), now.ino()) == (open.dev(), open.ino()),
        Err(error) if error.kind() == ErrorKind::NotFound => false,
        Err(error) => return Err(error.into()),
    })
}

#[cfg(not(unix))]
fn is_current(_file: &File, _path: &Path) -> Result<bool> {
    Ok(true)
}

impl Locked {
    /// The log's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The log read from its start, for a streaming pass.
    pub fn reader(&self) -> io::Result<impl Read + '_> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }

    /// The bytes in `range`.
    pub fn read_range(&self, range: Range<usize>) -> io::Result<Vec<u8>> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(range.start as u64))?;
        let mut bytes = vec![0; range.len()];
        file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    /// The whole log as text.
    pub fn read_all(&self) -> Result<String> {
        let bytes = self
            .read_range(0..self.len)
            .with_context(|| format!("cannot read {}", self.shown.display()))?;
        decode(&self.shown, bytes)
    }

    /// Starts writing a copy of the log to a new file beside it, on another thread, and
    /// flushing it to disk, while the caller plans its insertion: [`Locked::insert`]
    /// then rewrites only what follows the insertion point.
    pub fn start_copy(&self) -> Result<Copy> {
        let shown = self.shown.display();
        let temp = tempfile::Builder::new()
            .prefix(".brag-")
            .suffix(".tmp")
            .tempfile_in(folder_of(&self.path))
            .with_context(|| format!("cannot write a temporary file beside {shown}"))?;
        temp.as_file()
            .set_permissions(self.file.metadata()?.permissions())?;
        // An open file of its own, so that its reads do not move the locked one's offset.
        let mut source = File::open(&self.path).with_context(|| format!("cannot read {shown}"))?;
        ensure!(
            is_current(&source, &self.path)? && same_file(&source, &self.file)?,
            "{shown} was replaced while locked; nothing was changed"
        );
        let mut sink = temp.as_file().try_clone()?;
        let copying = std::thread::spawn(move || {
            // File to file: the kernel copies (copy_file_range) where it can.
            io::copy(&mut source, &mut sink)?;
            sink.sync_data()
        });
        Ok(Copy { temp, copying })
    }

    /// Replaces the log with its old bytes and `text` inserted at `offset`, atomically,
    /// keeping its permissions: `copy` (from [`Locked::start_copy`]) gets `text` and the
    /// old bytes from `offset` on written at `offset`, and is flushed. Before the rename,
    /// the new file's length is checked and the bytes in `check.0` are read back and
    /// compared with `check.1`.
    pub fn insert(
        &self,
        copy: Copy,
        offset: usize,
        text: &[u8],
        check: (Range<usize>, &[u8]),
    ) -> Result<Written> {
        let shown = self.shown.display();
        let Copy { mut temp, copying } = copy;
        let copied = copying
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let write = |temp: &mut tempfile::NamedTempFile| -> io::Result<()> {
            copied?;
            let out = temp.as_file_mut();
            out.seek(SeekFrom::Start(offset as u64))?;
            out.write_all(text)?;
            let mut old = &self.file;
            old.seek(SeekFrom::Start(offset as u64))?;
            io::copy(&mut old, out)?;
            out.sync_all()
        };
        write(&mut temp).with_context(|| format!("cannot write the new {shown}"))?;
        let written = temp.as_file().metadata()?.len();
        ensure!(
            written == (self.len + text.len()) as u64,
            "the new {shown} came out {written} bytes long, not {}; nothing was changed",
            self.len + text.len()
        );
        let (range, expected) = check;
        let mut reread = vec![0; range.len()];
        let mut file = temp.as_file();
        file.seek(SeekFrom::Start(range.start as u64))?;
        file.read_exact(&mut reread)?;
        ensure!(
            reread == expected,
            "the new {shown} did not read back as written; nothing was changed"
        );
        let now = Written::from_metadata(&temp.as_file().metadata()?);
        temp.persist(&self.path)
            .map_err(|error| error.error)
            .with_context(|| format!("cannot replace {shown}"))?;
        sync_folder(folder_of(&self.path));
        Ok(now)
    }
}

impl Locked {
    /// Replaces the log with its old bytes and `range` replaced by `text`, atomically,
    /// with the checks of [`Locked::insert`]: the new file's length, and the bytes from
    /// `range.start` to the end of `text` read back and compared with `text`. Returns
    /// what the log is now, to tell later whether it changed since (see [`Written`]).
    pub fn replace(&self, copy: Copy, range: Range<usize>, text: &[u8]) -> Result<Written> {
        let shown = self.shown.display();
        ensure!(
            range.start <= range.end && range.end <= self.len,
            "cannot replace bytes {range:?} of {shown}, which has {}; nothing was changed",
            self.len
        );
        let new_len = self.len - range.len() + text.len();
        let Copy { mut temp, copying } = copy;
        let copied = copying
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let write = |temp: &mut tempfile::NamedTempFile| -> io::Result<()> {
            copied?;
            let out = temp.as_file_mut();
            out.seek(SeekFrom::Start(range.start as u64))?;
            out.write_all(text)?;
            let mut old = &self.file;
            old.seek(SeekFrom::Start(range.end as u64))?;
            io::copy(&mut old, out)?;
            out.set_len(new_len as u64)?;
            out.sync_all()
        };
        write(&mut temp).with_context(|| format!("cannot write the new {shown}"))?;
        let written = temp.as_file().metadata()?.len();
        ensure!(
            written == new_len as u64,
            "the new {shown} came out {written} bytes long, not {new_len}; nothing was changed"
        );
        let mut reread = vec![0; text.len()];
        let mut file = temp.as_file();
        file.seek(SeekFrom::Start(range.start as u64))?;
        file.read_exact(&mut reread)?;
        ensure!(
            reread == text,
            "the new {shown} did not read back as written; nothing was changed"
        );
        // Before the rename, so that no later write can be taken for this one.
        let now = Written::from_metadata(&temp.as_file().metadata()?);
        temp.persist(&self.path)
            .map_err(|error| error.error)
            .with_context(|| format!("cannot replace {shown}"))?;
        sync_folder(folder_of(&self.path));
        Ok(now)
    }

    /// The log file itself (a symlink's target).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the locked log is now.
    pub fn written(&self) -> Result<Written> {
        Ok(Written::from_metadata(&self.file.metadata()?))
    }
}

/// What identifies one version of a file on disk: it is a new file after every atomic
/// write, and a write in place changes its length or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub device: u64,
    pub inode: u64,
    pub len: u64,
    pub modified_ns: i128,
}

impl Written {
    #[cfg(unix)]
    fn from_metadata(metadata: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            device: metadata.dev(),
            inode: metadata.ino(),
            len: metadata.len(),
            modified_ns: i128::from(metadata.mtime()) * 1_000_000_000
                + i128::from(metadata.mtime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(metadata: &std::fs::Metadata) -> Self {
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| since.as_nanos() as i128);
        Self {
            device: 0,
            inode: 0,
            len: metadata.len(),
            modified_ns,
        }
    }
}

/// Replaces (or creates) `path` with `bytes` atomically, readable and writable by its
/// owner only: for brag's own files beside the log, never for the log.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = folder_of(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".brag-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    sync_folder(folder);
    Ok(())
}

/// A copy of the log on its way to disk (see [`Locked::start_copy`]). Dropped unused,
/// its file is removed.
#[derive(Debug)]
pub struct Copy {
    temp: tempfile::NamedTempFile,
    copying: std::thread::JoinHandle<io::Result<()>>,
}

/// Whether two open files are the same file.
#[cfg(unix)]
fn same_file(a: &File, b: &File) -> Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let (a, b) = (a.metadata()?, b.metadata()?);
    Ok((a.dev(), a.ino()) == (b.dev(), b.ino()))
}

#[cfg(not(unix))]
fn same_file(_a: &File, _b: &File) -> Result<bool> {
    Ok(true)
}

/// The folder a file is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Makes a rename in `folder` durable. Best effort: not every system can sync a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Creates `path` with `bytes`, readable and writable by its owner only, in a folder
/// created for the owner only if it is missing. Never replaces a file: `Ok(false)` when
/// one is already there.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    let folder = folder_of(path);
    create_folder(folder)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".brag-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(path) {
        Ok(_) => {
            sync_folder(folder);
            Ok(true)
        }
        Err(error) if error.error.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error.error).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// Creates `folder` (and its missing parents) for the owner only, if it is missing.
pub fn create_folder(folder: &Path) -> Result<()> {
    if !folder.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(folder)
            .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log large enough to be read in halves, whose middle byte is inside a `→`.
    fn large_log() -> String {
        let line = "- **Results**: cut p95 from 480 ms to 120 ms\n";
        let half = LARGE_READ_BYTES / 2 + 1;
        let ascii = line.repeat(half / line.len() + 2);
        // `half` bytes, `→` (3 bytes), `half - 1` bytes: `half + 1` is the middle.
        let text = format!("{}→{}\n", &ascii[..half], &ascii[..half - 2]);
        assert!(!text.is_char_boundary(text.len() / 2));
        text
    }

    #[test]
    fn a_large_log_reads_back_exactly() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("brag.md");
        let text = large_log();
        std::fs::write(&path, &text).expect("written");
        assert!(read_log(&path).expect("read").text().expect("UTF-8") == text);
    }

    #[test]
    fn bad_bytes_in_the_second_half_of_a_large_log_name_their_line() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("brag.md");
        let mut bytes = large_log().into_bytes();
        let at = bytes.len() - 2;
        bytes[at] = 0xff;
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        std::fs::write(&path, &bytes).expect("written");
        let log = read_log(&path).expect("read");
        let error = log.text().expect_err("not UTF-8").to_string();
        assert!(
            error.contains(&format!("brag.md:{line}:")) && error.contains("0xff"),
            "{error}"
        );
    }
}
