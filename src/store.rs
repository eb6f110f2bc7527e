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
//!
//! Only a regular file is a log: a device, a FIFO or a socket is refused before it is
//! read or replaced. A write keeps the log's owner, group and mode, and refuses what
//! the rename would change behind the person's back: a read-only log, a log that
//! belongs to someone else, a log with several hard links. The temporary file is locked
//! while it is written, so a later write can tell the leftovers of a killed `brag`
//! (unlocked) from a live one's, and removes them.

use std::fs::{File, Metadata};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};

use crate::text;
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
        let text =
            std::str::from_utf8(bytes).map_err(|error| not_utf8(&self.shown, bytes, error))?;
        refuse_cr_only(&self.shown, text)?;
        Ok(text)
    }
}

/// Reads the log. Missing files, folders, files that are not regular files and
/// unreadable files are errors that name the path.
pub fn read_log(path: &Path) -> Result<LogBytes> {
    let shown = path.display();
    let file = match open_regular(path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => bail!(
            "no log at {shown}\n  start one with `brag add \"What you did\"` or `brag init`, \
             or point --file (or BRAG_FILE) at an existing log"
        ),
        Err(error) => return Err(error.into()),
    };
    let buffer = read_bytes(file).with_context(|| format!("cannot read {shown}"))?;
    Ok(LogBytes {
        shown: path.to_path_buf(),
        buffer,
    })
}

/// Opens `path` for reading if it is a regular file (following symlinks). Anything
/// else is an error that says what it is, before it is opened where that can block
/// (a FIFO) and again after (it may have been swapped meanwhile); a missing file is
/// `ErrorKind::NotFound`, untouched, for the caller to word.
pub fn open_regular(path: &Path) -> Result<File, OpenError> {
    open_regular_shown(path, path)
}

/// [`open_regular`] of `path`, named `shown` in messages (a symlink to `path`).
fn open_regular_shown(path: &Path, shown: &Path) -> Result<File, OpenError> {
    let metadata = std::fs::metadata(path).map_err(|error| OpenError::io(shown, error))?;
    refuse_irregular(shown, &metadata)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // A FIFO swapped in after the check must not block the open.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        nix::fcntl::OFlag::O_NONBLOCK.bits(),
    );
    let file = options
        .open(path)
        .map_err(|error| OpenError::io(shown, error))?;
    let metadata = file
        .metadata()
        .map_err(|error| OpenError::io(shown, error))?;
    refuse_irregular(shown, &metadata)?;
    Ok(file)
}

/// Why [`open_regular`] failed: a message naming the path, and the kind of the I/O error
/// behind it (so that callers can tell a missing file).
#[derive(Debug)]
pub struct OpenError {
    kind: ErrorKind,
    message: String,
    /// The I/O error, for a message worded by the caller; empty for a refusal.
    cause: String,
}

impl OpenError {
    fn io(path: &Path, error: io::Error) -> Self {
        let message = if path.is_dir() {
            format!(
                "{} is a folder, not a log file; pass the Markdown file itself",
                path.display()
            )
        } else {
            format!("cannot read {}: {error}", path.display())
        };
        Self {
            kind: error.kind(),
            message,
            cause: error.to_string(),
        }
    }

    /// The error for a `what` (a template, the config) at `path`.
    fn of(self, what: &str, path: &Path) -> SmallError {
        SmallError(if self.cause.is_empty() {
            self.message
        } else {
            format!("cannot read {what} {}: {}", path.display(), self.cause)
        })
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OpenError {}

/// An error unless `metadata` is a regular file's: a device, a FIFO or a socket
/// behaves nothing like a log (it never ends, blocks, or would be replaced by one).
fn refuse_irregular(path: &Path, metadata: &Metadata) -> Result<(), OpenError> {
    let kind = if metadata.is_file() {
        return Ok(());
    } else if metadata.is_dir() {
        return Err(OpenError {
            kind: ErrorKind::InvalidInput,
            message: format!(
                "{} is a folder, not a log file; pass the Markdown file itself",
                path.display()
            ),
            cause: String::new(),
        });
    } else {
        special_kind(metadata)
    };
    Err(OpenError {
        kind: ErrorKind::InvalidInput,
        message: format!(
            "{} is {kind}, not a regular file; brag reads and writes only regular files",
            path.display()
        ),
        cause: String::new(),
    })
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_char_device() {
            return "a character device";
        } else if file_type.is_block_device() {
            return "a block device";
        } else if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        } else if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "a special file"
}

/// An error if `path` exists and is not a regular file (following symlinks): for a
/// file that brag is about to replace, such as an export's `-o`.
pub fn refuse_special(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_dir() => Ok(refuse_irregular(path, &metadata)?),
        _ => Ok(()),
    }
}

/// The text of a small file (a template, the config), which must be a regular file of
/// at most `limit` bytes; `what` names it in messages. A missing file is `Ok(None)`.
pub fn read_small(path: &Path, limit: u64, what: &str) -> Result<Option<String>, SmallError> {
    let shown = path.display();
    let file = match open_regular(path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.of(what, path)),
    };
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| SmallError(format!("cannot read {what} {shown}: {error}")))?;
    if bytes.len() as u64 > limit {
        return Err(SmallError(format!(
            "{what} {shown} is larger than {}; is it the right file?",
            size_words(limit)
        )));
    }
    String::from_utf8(bytes).map(Some).map_err(|error| {
        SmallError(format!(
            "{what} {shown} is not valid UTF-8 (at byte {}); save it as UTF-8",
            error.utf8_error().valid_up_to()
        ))
    })
}

/// Why [`read_small`] failed, in words that name the file.
#[derive(Debug)]
pub struct SmallError(String);

impl std::fmt::Display for SmallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SmallError {}

/// The most a template or the config may hold: far more than any real one.
pub const SMALL_FILE_LIMIT: u64 = 1 << 20;

/// A byte count as people say it: `1 MiB`, `512 KiB`, `100 bytes`.
pub fn size_words(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes % (1 << 10) == 0 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Files at least this large are read into huge pages, in two halves at once.
const LARGE_READ_BYTES: usize = 4 << 20;

/// The file's bytes. Most of the time of reading a large log goes to the kernel
/// filling fresh pages of memory, one fault for every 4 KiB. So a large log is read
/// into an anonymous mapping that asks for 2 MiB pages (where the kernel grants them,
/// a 56 MB log takes 28 faults, not 14,000), and in two halves at once, which two cores
/// do twice as fast. A file that changes length meanwhile is read again in one piece.
fn read_bytes(mut file: File) -> io::Result<Buffer> {
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
    let text = String::from_utf8(bytes)
        .map_err(|error| not_utf8(path, error.as_bytes(), error.utf8_error()))?;
    refuse_cr_only(path, &text)?;
    Ok(text)
}

/// An error for a log whose lines end in `\r` alone (classic Mac OS): brag reads LF and
/// CRLF, and would otherwise see one long line and no entries, without a word.
fn refuse_cr_only(path: &Path, text: &str) -> Result<()> {
    if text.contains('\r') && !text.contains('\n') {
        let shown = path.display();
        bail!(
            "{shown} ends its lines with CR alone (old Mac style), which brag does not read; \
             convert them to LF, e.g. tr '\\r' '\\n' < {shown} > converted.md"
        );
    }
    Ok(())
}

/// The error for the first byte of `bytes` that is not UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error) -> anyhow::Error {
    let at = error.valid_up_to();
    let line = text::line_of(bytes, at);
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
        let file = match open_regular_shown(&target, path) {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::NotFound => {
                return Ok(Opened::Missing(target));
            }
            Err(error) => return Err(error.into()),
        };
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
    /// The log's size in bytes.
    pub fn size(&self) -> usize {
        self.len
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
    /// then rewrites only what follows the insertion point. First refuses a log that
    /// the rename would change behind the person's back (see [`refuse_to_replace`]),
    /// and removes what killed `brag`s left in the folder.
    pub fn start_copy(&self) -> Result<Copy> {
        let shown = self.shown.display();
        let metadata = self.file.metadata()?;
        refuse_to_replace(&self.shown, &metadata)?;
        let folder = folder_of(&self.path);
        remove_leftovers(folder);
        let temp = temporary_in(folder)
            .with_context(|| format!("cannot write a temporary file beside {shown}"))?;
        keep_owner(temp.as_file(), &metadata)
            .with_context(|| format!("cannot give the new {shown} the old one's owner"))?;
        temp.as_file().set_permissions(metadata.permissions())?;
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
            sink.sync_data()?;
            // A large log is planned on a window: the rest must be text too, or `brag
            // list` would refuse what `brag add` wrote.
            source.seek(SeekFrom::Start(0))?;
            first_non_utf8(source)
        });
        Ok(Copy { temp, copying })
    }

    /// Replaces the log with its old bytes and `text` inserted at `offset`, atomically
    /// (see [`Locked::rewrite`]); the bytes in `check.0` of the new file are read back
    /// and compared with `check.1` (the window a plan was verified on).
    pub fn insert(
        &self,
        copy: Copy,
        offset: usize,
        text: &[u8],
        check: (Range<usize>, &[u8]),
    ) -> Result<Written> {
        self.rewrite(copy, offset..offset, text, check)
    }

    /// Replaces the log with its old bytes and `range` replaced by `text`, atomically
    /// (see [`Locked::rewrite`]); the new bytes are read back and compared with `text`.
    pub fn replace(&self, copy: Copy, range: Range<usize>, text: &[u8]) -> Result<Written> {
        ensure!(
            range.start <= range.end && range.end <= self.len,
            "cannot replace bytes {range:?} of {}, which has {}; nothing was changed",
            self.shown.display(),
            self.len
        );
        let check = range.start..range.start + text.len();
        self.rewrite(copy, range, text, (check, text))
    }

    /// The one write of an existing log: `copy` (from [`Locked::start_copy`]) gets
    /// `text` in place of `range` and the old bytes after it, is flushed to disk, its
    /// length checked and the bytes in `check.0` read back and compared with `check.1`,
    /// then renamed over the log. Returns what the log is now, to tell later whether it
    /// changed since (see [`Written`]).
    fn rewrite(
        &self,
        copy: Copy,
        range: Range<usize>,
        text: &[u8],
        check: (Range<usize>, &[u8]),
    ) -> Result<Written> {
        let shown = self.shown.display();
        let hook = Hook::from_env()?;
        let new_len = self.len - range.len() + text.len();
        let Copy { mut temp, copying } = copy;
        let copied = copying
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if let Ok(Some(at)) = copied {
            let bytes = self
                .read_range(0..at + 1)
                .with_context(|| format!("cannot read {shown}"))?;
            return Err(match std::str::from_utf8(&bytes) {
                Err(error) => not_utf8(&self.shown, &bytes, error),
                Ok(_) => anyhow::anyhow!("{shown} is not valid UTF-8 at byte {at}"),
            });
        }
        let write = |temp: &mut tempfile::NamedTempFile| -> io::Result<()> {
            copied?;
            let out = temp.as_file_mut();
            out.seek(SeekFrom::Start(range.start as u64))?;
            out.write_all(text)?;
            let mut old = &self.file;
            old.seek(SeekFrom::Start(range.end as u64))?;
            io::copy(&mut old, out)?;
            out.set_len(new_len as u64)?;
            hook.step("write")?;
            hook.sync_all(out)
        };
        write(&mut temp).with_context(|| format!("cannot write the new {shown}"))?;
        let written = temp.as_file().metadata()?.len();
        ensure!(
            written == new_len as u64,
            "the new {shown} came out {written} bytes long, not {new_len}; nothing was changed"
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
        // Before the rename, so that no later write can be taken for this one.
        let now = Written::from_metadata(&temp.as_file().metadata()?);
        hook.before_rename()?;
        temp.persist(&self.path)
            .map_err(|error| error.error)
            .with_context(|| format!("cannot replace {shown}"))?;
        hook.step("rename")?;
        sync_folder(folder_of(&self.path));
        hook.step("sync-folder")?;
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

/// A temporary file in `folder` holding `bytes`, readable and writable by its owner only
/// (flushed to disk when `durable`): ready to be renamed into place.
fn private_temporary(
    folder: &Path,
    bytes: &[u8],
    durable: bool,
) -> Result<tempfile::NamedTempFile> {
    let mut temp =
        temporary_in(folder).with_context(|| format!("cannot write in {}", folder.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(bytes)?;
    if durable {
        temp.as_file().sync_all()?;
    }
    Ok(temp)
}

/// Replaces (or creates) `path` with `bytes` atomically, readable and writable by its
/// owner only: for brag's own files beside the log, never for the log. Not flushed to
/// disk: such a file (the undo record) lost in a crash costs only an undo, which then
/// refuses, since the record no longer matches the log; two more fsyncs on every add
/// would cost more.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = folder_of(path);
    let temp = private_temporary(folder, bytes, false)?;
    temp.persist(path)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes through a temporary file beside `path`, renamed over it only when everything
/// was written: a failed export leaves no half packet behind. For a file brag writes
/// for the person (a packet), with the usual permissions, flushed to disk.
pub fn write_streamed(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "packet".to_string());
    let temporary = folder.join(format!(".{name}.brag-{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&temporary)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut writer = io::BufWriter::new(file);
        write(&mut writer)?;
        let file = writer
            .into_inner()
            .map_err(|error| error.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {}", path.display()))?;
        std::fs::rename(&temporary, path)
            .with_context(|| format!("cannot write {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Refuses to replace a log where the rename would change more than its text: a
/// read-only log (the person said so), a log owned by someone else (the new file
/// would be the caller's; root can give it back, see [`keep_owner`]), and a log with
/// several hard links (the rename would split them, the other names keeping the old
/// text).
fn refuse_to_replace(shown: &Path, metadata: &Metadata) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let shown = shown.display();
        let caller = nix::unistd::geteuid().as_raw();
        // By mode bits, not by `access`: root may write anything, yet a log its owner
        // made read-only stays so.
        ensure!(
            metadata.mode() & 0o200 != 0,
            "{shown} is read-only; chmod u+w it to add entries"
        );
        ensure!(
            caller == 0 || caller == metadata.uid(),
            "{shown} belongs to another user (uid {}); a write would make it yours, \
             so run brag as its owner",
            metadata.uid()
        );
        ensure!(
            metadata.nlink() <= 1,
            "{shown} has {} hard links; a write replaces the file, which would leave the \
             other links with the old text; keep one link (a symlink works) to add entries",
            metadata.nlink()
        );
    }
    #[cfg(not(unix))]
    {
        ensure!(
            !metadata.permissions().readonly(),
            "{} is read-only; make it writable to add entries",
            shown.display()
        );
    }
    Ok(())
}

/// Gives the new file the log's owner and group. The owner is the caller already
/// unless the caller is root, who can always give it; a group the caller is not in
/// cannot be given, and the new file keeps the caller's.
fn keep_owner(file: &File, metadata: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())) {
            Err(error) if nix::unistd::geteuid().is_root() => return Err(error),
            // Not root, so the owner is the caller already (see `refuse_to_replace`):
            // only a group the caller is not in was not given.
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = (file, metadata);
    Ok(())
}

/// A new, empty temporary file in `folder`, locked for as long as it is open, so that
/// [`remove_leftovers`] can tell it is in use.
fn temporary_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)?;
    fs4::FileExt::lock(temp.as_file())?;
    Ok(temp)
}

/// brag's temporary files are `.brag-XXXXXX.tmp`; drafts kept from the editor are
/// `.brag-draft-XXXXXX.md`.
const TEMP_PREFIX: &str = ".brag-";
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files in `folder` that brag left behind: no process holds their lock,
/// so the `brag` that wrote each was stopped before it could rename or remove it.
/// Empty ones are skipped: a new file is empty until its writer has locked it.
pub fn leftovers(folder: &Path) -> Vec<(PathBuf, u64)> {
    let Ok(names) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, u64)> = names
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name();
            let name = name.to_str()?;
            let ours = name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && !name.starts_with(DRAFT_PREFIX);
            let metadata = entry.metadata().ok().filter(|m| ours && m.is_file())?;
            let path = entry.path();
            let file = File::open(&path).ok()?;
            let unheld = metadata.len() > 0 && fs4::FileExt::try_lock(&file).is_ok();
            unheld.then_some((path, metadata.len()))
        })
        .collect();
    found.sort();
    found
}

/// Removes [`leftovers`] in `folder`. Best effort: one that cannot be removed stays
/// for `brag check` to report.
fn remove_leftovers(folder: &Path) {
    for (path, _) in leftovers(folder) {
        let _ = std::fs::remove_file(path);
    }
}

/// The start of the name of a draft kept from the editor.
pub const DRAFT_PREFIX: &str = ".brag-draft-";

/// The drafts kept from the editor in `folder` (`.brag-draft-*.md`), with the time each
/// was last written.
pub fn drafts(folder: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let Ok(names) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<_> = names
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name();
            let name = name.to_str()?;
            if !(name.starts_with(DRAFT_PREFIX) && name.ends_with(".md")) {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((entry.path(), modified))
        })
        .collect();
    found.sort();
    found
}

/// `BRAG_TEST_HOOK`, for brag's own tests only: it changes nothing when unset. It acts in
/// every write of an existing log ([`Locked::insert`], [`Locked::replace`]), after the
/// new file is written and synced, before the rename:
///
/// - `fail-before-rename`: stop there with an error, as a failed write would;
/// - `pause-before-rename`: create the file `BRAG_TEST_HOOK_FILE` names, then sleep (for
///   at most ten minutes), so a test can kill `brag` at that point;
/// - `trace`: append the name of each durable step to `BRAG_TEST_HOOK_FILE`, one a line,
///   as it is done: `write`, `sync_all`, `rename`, `sync-folder`.
#[derive(Debug)]
enum Hook {
    Off,
    FailBeforeRename,
    PauseBeforeRename(PathBuf),
    Trace(PathBuf),
}

impl Hook {
    fn from_env() -> Result<Self> {
        let Some(mode) = std::env::var_os("BRAG_TEST_HOOK") else {
            return Ok(Self::Off);
        };
        let file = std::env::var_os("BRAG_TEST_HOOK_FILE").map(PathBuf::from);
        Ok(match (mode.to_str(), file) {
            (Some("fail-before-rename"), _) => Self::FailBeforeRename,
            (Some("pause-before-rename"), Some(file)) => Self::PauseBeforeRename(file),
            (Some("trace"), Some(file)) => Self::Trace(file),
            _ => bail!(
                "BRAG_TEST_HOOK={mode:?} is not a test hook brag knows (or lacks \
                 BRAG_TEST_HOOK_FILE); it is for brag's own tests: unset it"
            ),
        })
    }

    /// Records a durable step when tracing.
    fn step(&self, name: &str) -> io::Result<()> {
        if let Self::Trace(path) = self {
            let mut trace = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            writeln!(trace, "{name}")?;
        }
        Ok(())
    }

    /// `file.sync_all()`, recorded.
    fn sync_all(&self, file: &File) -> io::Result<()> {
        file.sync_all()?;
        self.step("sync_all")
    }

    fn before_rename(&self) -> Result<()> {
        match self {
            Self::FailBeforeRename => bail!(
                "stopped before the rename (BRAG_TEST_HOOK=fail-before-rename); \
                 nothing was changed"
            ),
            Self::PauseBeforeRename(signal) => {
                File::create(signal)?;
                std::thread::sleep(Duration::from_secs(600));
                bail!(
                    "paused before the rename for ten minutes (BRAG_TEST_HOOK); nothing was changed"
                )
            }
            Self::Off | Self::Trace(_) => Ok(()),
        }
    }
}

/// A copy of the log on its way to disk (see [`Locked::start_copy`]). Dropped unused,
/// its file is removed.
#[derive(Debug)]
pub struct Copy {
    temp: tempfile::NamedTempFile,
    /// The offset of the log's first byte that is not UTF-8, if any.
    copying: std::thread::JoinHandle<io::Result<Option<usize>>>,
}

/// The offset of the first byte of `reader` that is not part of UTF-8 text, read in
/// chunks (a character split between two chunks is carried over to the next).
fn first_non_utf8(mut reader: impl Read) -> io::Result<Option<usize>> {
    let mut buffer = vec![0; 1 << 20];
    let mut carried = 0;
    let mut offset = 0;
    loop {
        let read = reader.read(&mut buffer[carried..])?;
        let filled = carried + read;
        if read == 0 {
            return Ok((carried > 0).then_some(offset));
        }
        match std::str::from_utf8(&buffer[..filled]) {
            Ok(_) => carried = 0,
            // A character cut at the end of the chunk: finished by the next read.
            Err(error) if error.error_len().is_none() => {
                let valid = error.valid_up_to();
                buffer.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(error) => return Ok(Some(offset + error.valid_up_to())),
        }
        offset += filled - carried;
    }
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
pub fn folder_of(path: &Path) -> &Path {
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
    let temp = private_temporary(folder, bytes, true)?;
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
        let line = crate::text::line_of(&bytes, at);
        std::fs::write(&path, &bytes).expect("written");
        let log = read_log(&path).expect("read");
        let error = log.text().expect_err("not UTF-8").to_string();
        assert!(
            error.contains(&format!("brag.md:{line}:")) && error.contains("0xff"),
            "{error}"
        );
    }

    /// Gives its bytes at most two at a time, so characters are cut between reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(2).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_found_across_reads() {
        let cases: &[(&[u8], Option<usize>)] = &[
            (b"", None),
            ("plain → text ✓".as_bytes(), None),
            (b"ab\xffcd", Some(2)),
            (b"a\xe2\x86", Some(1)),
            (b"\xe2\x86\x92\xe2\x28\xa1", Some(3)),
            ("→→→".as_bytes(), None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                first_non_utf8(Trickle(bytes)).expect("in memory"),
                *expected,
                "{bytes:?}"
            );
            assert_eq!(
                first_non_utf8(*bytes).expect("in memory"),
                *expected,
                "{bytes:?}"
            );
        }
    }
}
