//! What brag promises about the log's safety, tried as an attacker or a crash would:
//! the test write hook (`BRAG_TEST_HOOK`) that stops, pauses or traces `add` between its
//! temporary file and the rename; files that are not logs (FIFOs, sockets, devices,
//! endless stdin); the log's owner, mode and links; and what killed runs leave behind.
//!
//! Every file is made inside the test's own temporary folder. CI runs as root, which
//! bypasses mode bits: brag refuses by the bits themselves, so the tests hold as root,
//! and the test of a caller who is not the owner runs brag as `nobody` (uid 65534).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Brag, brag_files_beside};

/// A log of two entries in one month.
const LOG: &str = "# Achievement log\n\n## November 2026\n\n### Profiled the API\n- **Date**: 2026-11-02\n- **Results**: p99 down 30%.\n\n### Hired two engineers\n- **Date**: 2026-11-21\n- **Results**: Both accepted.\n";

/// An add that lands after the last entry of `LOG`.
const ADD: [&str; 4] = ["add", "Shipped the importer", "-r", "3 teams use it"];

/// What `ADD` makes of `LOG`.
fn added() -> String {
    format!(
        "{LOG}\n### Shipped the importer\n- **Date**: 2026-11-23\n- **Results**: 3 teams use it\n"
    )
}

/// A config with the lints that judge the evidence off, for tests that pin what `brag
/// check` says about other things.
const NO_LINTS: &str = "lints: {B101: off, B103: off}\n";

/// Waits for `child`, killing it after `limit`: a brag that hangs fails the test
/// instead of hanging it.
fn wait_bounded(mut child: Child, limit: Duration) -> (i32, String, String) {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            let output = child.wait_with_output().expect("output");
            return (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brag did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `command` to its end, for at most 30 seconds.
fn run_bounded(mut command: Command) -> (i32, String, String) {
    wait_bounded(
        command.spawn().expect("spawn brag"),
        Duration::from_secs(30),
    )
}

// The test write hook, shared with other tests that need a write stopped midway.

#[test]
fn hook_fail_before_rename_leaves_the_log_and_no_temporary_file() {
    let ran = Brag::new()
        .log(LOG)
        .args(&ADD)
        .env("BRAG_TEST_HOOK", "fail-before-rename")
        .run();
    ran.failure(1)
        .stderr("brag: stopped before the rename (BRAG_TEST_HOOK=fail-before-rename); nothing was changed\n")
        .log_is(LOG.as_bytes());
    assert_eq!(brag_files_beside(ran.dir()), Vec::<String>::new());
}

/// `ADD` started with the hook that pauses it before its rename, returned once it has
/// paused there: it holds the log's lock and has written its temporary file.
fn paused_add(brag: &Brag) -> Child {
    let signal = brag.dir().join("paused");
    let mut command = brag.command(&ADD);
    command
        .env("BRAG_TEST_HOOK", "pause-before-rename")
        .env("BRAG_TEST_HOOK_FILE", &signal);
    let mut child = command.spawn().expect("spawn brag");
    let start = Instant::now();
    while !signal.exists() {
        if start.elapsed() > Duration::from_secs(60) || child.try_wait().expect("wait").is_some() {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!(
                "brag never paused before the rename: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

#[test]
fn hook_pause_then_sigkill_leaves_the_old_log_and_the_next_add_cleans_up() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let mut child = paused_add(&brag);
    // Child::kill sends SIGKILL: no destructor runs, as in a crash.
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert_eq!(std::fs::read_to_string(brag.log_path()).expect("log"), LOG);
    let left = brag_files_beside(brag.dir());
    assert_eq!(
        left.len(),
        1,
        "the killed add left its temporary file: {left:?}"
    );
    assert!(left[0].ends_with(".tmp"), "{left:?}");
    let temp = brag.dir().join(&left[0]);
    assert_eq!(
        std::fs::read_to_string(&temp).expect("the temporary file"),
        added(),
        "killed after the new file was complete"
    );

    let check = brag.command(&["check"]).output().expect("check");
    let shown = String::from_utf8_lossy(&check.stdout);
    assert!(
        shown.contains(&left[0]) && shown.contains("left by a brag that was stopped"),
        "check reports the leftover:\n{shown}"
    );

    let ran = brag.args(&["add", "Fixed the flaky test"]).run();
    ran.success();
    assert_eq!(
        brag_files_beside(ran.dir()),
        Vec::<String>::new(),
        "the leftover is gone"
    );
    let log = String::from_utf8(ran.log.clone().expect("log")).expect("UTF-8");
    assert!(
        log.starts_with(LOG) && log.contains("### Fixed the flaky test\n"),
        "{log}"
    );
    assert!(!log.contains("Shipped the importer"), "{log}");
}

/// Waits until `pid` is blocked waiting for a file lock, as `/proc/locks` shows it (a
/// `->` line of a waiter).
#[cfg(target_os = "linux")]
fn wait_until_blocked_on_a_lock(pid: u32, child: &mut Child) {
    let start = Instant::now();
    loop {
        let locks = std::fs::read_to_string("/proc/locks").expect("/proc/locks");
        let blocked = locks.lines().any(|line| {
            line.contains("->") && line.split_whitespace().any(|word| word == pid.to_string())
        });
        if blocked {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60) && child.try_wait().expect("wait").is_none(),
            "brag {pid} never waited for the lock:\n{locks}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A second `add` waits for the lock of the first; when the log it waited for is gone by
/// the time it gets the lock (deleted meanwhile), it starts a new log, as it would have
/// had it found none.
#[cfg(target_os = "linux")]
#[test]
fn a_log_deleted_while_an_add_waits_for_the_lock_is_started_anew() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let mut first = paused_add(&brag);
    let mut second = brag
        .command(&["add", "Fixed the flaky test", "-r", "0 retries in 30 days"])
        .spawn()
        .expect("spawn the second brag");
    wait_until_blocked_on_a_lock(second.id(), &mut second);
    std::fs::remove_file(brag.log_path()).expect("delete the log");
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    let (code, stdout, stderr) = wait_bounded(second, Duration::from_secs(60));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let log = std::fs::read_to_string(brag.log_path()).expect("a new log");
    assert!(log.contains("### Fixed the flaky test\n"), "{log}");
    assert!(
        !log.contains("Profiled the API") && !log.contains("Shipped the importer"),
        "{log}"
    );
}

#[test]
fn hook_trace_syncs_the_new_file_before_the_rename() {
    let brag = Brag::new();
    let trace = brag.dir().join("trace");
    let ran = brag
        .log(LOG)
        .args(&ADD)
        .env("BRAG_TEST_HOOK", "trace")
        .env("BRAG_TEST_HOOK_FILE", trace.to_str().expect("UTF-8 path"))
        .run();
    ran.success().log_is(added().as_bytes());
    assert_eq!(
        std::fs::read_to_string(&trace).expect("the trace"),
        "write\nsync_all\nrename\nsync-folder\n"
    );
}

#[test]
fn hook_an_unknown_value_is_an_error_and_changes_nothing() {
    Brag::new()
        .log(LOG)
        .args(&ADD)
        .env("BRAG_TEST_HOOK", "pause")
        .run()
        .failure(1)
        .stderr_contains("BRAG_TEST_HOOK=\"pause\" is not a test hook brag knows")
        .log_is(LOG.as_bytes());
}

/// A reader that opened the log before an add reads the old log to its end: the add
/// renames a new file over it, never rewrites it in place.
#[cfg(unix)]
#[test]
fn a_reader_holding_the_log_open_keeps_reading_the_old_log() {
    use std::io::Read as _;
    use std::os::unix::fs::MetadataExt;
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let mut reader = std::fs::File::open(brag.log_path()).expect("open");
    let before = reader.metadata().expect("metadata").ino();
    let ran = brag.args(&ADD).run();
    ran.success().log_is(added().as_bytes());
    let mut seen = String::new();
    reader.read_to_string(&mut seen).expect("read");
    assert_eq!(seen, LOG);
    let after = std::fs::metadata(ran.dir().join("brag.md"))
        .expect("metadata")
        .ino();
    assert_ne!(before, after, "the log is a new file");
}

// Only regular files are logs.

/// A FIFO, a socket and (as root) a character device in `folder`, each with what it is
/// called in brag's messages. Not root: the device cannot be made, and that is asserted.
#[cfg(unix)]
fn special_files(
    folder: &Path,
) -> Vec<(
    PathBuf,
    &'static str,
    Option<std::os::unix::net::UnixListener>,
)> {
    use nix::sys::stat::{Mode, SFlag, makedev, mknod};
    let fifo = folder.join("fifo.md");
    nix::unistd::mkfifo(&fifo, Mode::from_bits_truncate(0o600)).expect("mkfifo");
    let socket = folder.join("socket.md");
    let listener = std::os::unix::net::UnixListener::bind(&socket).expect("a socket");
    let mut files = vec![
        (fifo, "a FIFO (named pipe)", None),
        (socket, "a socket", Some(listener)),
    ];
    let device = folder.join("null.md");
    // (1, 3) is the null device: harmless, even if a bug wrote to it.
    let made = mknod(
        &device,
        SFlag::S_IFCHR,
        Mode::from_bits_truncate(0o666),
        makedev(1, 3),
    );
    if nix::unistd::geteuid().is_root() {
        made.expect("mknod as root");
        files.push((device, "a character device", None));
    } else {
        assert_eq!(
            made,
            Err(nix::errno::Errno::EPERM),
            "only root makes devices"
        );
    }
    files
}

/// What kind of file `path` is now: it must still be what the test made.
#[cfg(unix)]
fn kind_of(path: &Path) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let file_type = std::fs::symlink_metadata(path)
        .expect("still there")
        .file_type();
    if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else {
        "something else"
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_socket_or_device_is_refused_as_a_log_by_every_command() {
    let brag = Brag::new();
    let files = special_files(brag.dir());
    for (path, kind, _listener) in &files {
        let shown = path.display().to_string();
        for args in [
            &ADD[..],
            &["list"],
            &["check"],
            &["export"],
            &["tags"],
            &["show", "x"],
        ] {
            let mut command = brag.command(args);
            command.env("BRAG_FILE", path).stdin(Stdio::null());
            let (code, stdout, stderr) = run_bounded(command);
            assert_eq!(code, 1, "{args:?} on {kind}: {stdout}{stderr}");
            assert_eq!(
                stderr,
                format!(
                    "brag: {shown} is {kind}, not a regular file; brag reads and writes only regular files\n"
                ),
                "{args:?}"
            );
            assert_eq!(kind_of(path), *kind, "{args:?} left it as it was");
        }
    }
    assert_eq!(brag_files_beside(brag.dir()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn export_o_refuses_a_fifo_socket_or_device_and_leaves_it() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let files = special_files(brag.dir());
    for (path, kind, _listener) in &files {
        let target = path.to_str().expect("UTF-8 path");
        let (code, _, stderr) = run_bounded(brag.command(&["export", "-o", target]));
        assert_eq!(code, 1, "{kind}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "brag: cannot write -o: {target} is {kind}, not a regular file; brag reads and writes only regular files\n"
            )
        );
        assert_eq!(kind_of(path), *kind);
    }
    let names: Vec<_> = std::fs::read_dir(brag.dir())
        .expect("folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert_eq!(names, Vec::<String>::new(), "no temporary packet left");
}

#[cfg(unix)]
#[test]
fn export_o_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let target = brag.dir().join("packet.md");
    std::fs::write(&target, "old packet\n").expect("old packet");
    let link = brag.dir().join("link.md");
    std::os::unix::fs::symlink("packet.md", &link).expect("symlink");
    let (code, _, stderr) = run_bounded(brag.command(&["export", "-o", "link.md"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let packet = std::fs::read_to_string(&target).expect("packet");
    assert!(packet.contains("Hired two engineers"), "{packet}");
}

#[test]
fn endless_stdin_is_refused_at_four_mib() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let mut command = brag.command(&["add", "-"]);
    command.stdin(Stdio::piped());
    let mut child = command.spawn().expect("spawn brag");
    let mut pipe = child.stdin.take().expect("stdin");
    // `yes | brag add -`: it writes until brag closes the pipe.
    let writer = std::thread::spawn(move || {
        let line = b"y\n".repeat(4096);
        let mut written = 0_usize;
        while pipe.write_all(&line).is_ok() {
            written += line.len();
        }
        written
    });
    let (code, _, stderr) = wait_bounded(child, Duration::from_secs(60));
    let written = writer.join().expect("writer");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "brag: stdin holds more than 4 MiB, far more than one entry; pipe in one entry\n"
    );
    assert!(
        written < 64 << 20,
        "brag stopped reading near the cap, not at {written}"
    );
    assert_eq!(std::fs::read_to_string(brag.log_path()).expect("log"), LOG);
}

#[test]
fn stdin_just_under_the_cap_is_read() {
    // A 4 MiB entry is read (and added): the cap refuses only what is larger.
    let text = format!(
        "### Big one\n- **Results**: {}\n",
        "x".repeat((4 << 20) - 40)
    );
    assert!(text.len() <= 4 << 20);
    Brag::new()
        .log(LOG)
        .args(&["add", "-"])
        .stdin(&text)
        .run()
        .success();
}

#[cfg(unix)]
#[test]
fn a_template_or_config_that_is_huge_or_not_a_file_is_refused() {
    let brag = Brag::new();
    let config = brag.dir().join("config").join("brag");
    let templates = config.join("templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    // A log template one byte over 1 MiB, for a first add.
    std::fs::write(templates.join("log.md"), "#".repeat((1 << 20) + 1)).expect("template");
    let ran = brag.args(&ADD).run();
    ran.failure(1).stderr(&format!(
        "brag: template {} is larger than 1 MiB; is it the right file?\n",
        "[DIR]/config/brag/templates/log.md"
    ));
    assert_eq!(ran.log, None, "no log created");

    let brag = ran.then();
    let folder = brag.dir().join("config").join("brag");
    std::fs::remove_file(folder.join("templates").join("log.md")).expect("rm");
    nix::unistd::mkfifo(
        &folder.join("config.yaml"),
        nix::sys::stat::Mode::from_bits_truncate(0o600),
    )
    .expect("mkfifo");
    let (code, _, stderr) = run_bounded(brag.command(&["list"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("config.yaml is a FIFO (named pipe), not a regular file"),
        "{stderr}"
    );
}

// The log's owner, mode and links are the person's.

/// The owner, group and permission bits of `path`.
#[cfg(unix)]
fn owner_and_mode(path: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).expect("metadata");
    (metadata.uid(), metadata.gid(), metadata.mode() & 0o7777)
}

/// As root (as in CI), an add to a log owned by someone else gives the new file the old
/// one's owner and group. Not root, the log cannot be given away: the test checks the
/// same promise for the caller's own log.
#[cfg(unix)]
#[test]
fn an_add_by_root_keeps_the_logs_owner_group_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, LOG).expect("write the log");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    if nix::unistd::geteuid().is_root() {
        std::os::unix::fs::chown(&path, Some(65534), Some(65533)).expect("chown as root");
    }
    let before = owner_and_mode(&path);
    let ran = brag.args(&ADD).run();
    ran.success().log_is(added().as_bytes());
    assert_eq!(owner_and_mode(&path), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_log_is_refused_even_for_root() {
    use std::os::unix::fs::PermissionsExt;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, LOG).expect("write the log");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let ran = brag.args(&ADD).run();
    ran.failure(1)
        .stderr("brag: [DIR]/brag.md is read-only; chmod u+w it to add entries\n")
        .log_is(LOG.as_bytes());
    assert_eq!(owner_and_mode(&path).2, 0o444);
    // Reading it is fine.
    ran.then()
        .args(&["list", "--format", "ids"])
        .run()
        .success();
}

/// A caller who is not the log's owner (nor root) would take the log over by the
/// rename: refused. brag runs as `nobody` (uid 65534) on a root-owned log that anyone
/// may write, in a folder anyone may write. Not root, the test cannot switch users, so
/// it checks the caller's own such log is written.
#[cfg(unix)]
#[test]
fn a_caller_who_is_not_the_owner_cannot_take_the_log_over() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt as _;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, LOG).expect("write the log");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    std::fs::set_permissions(brag.dir(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let mut command = brag.command(&ADD);
    let root = nix::unistd::geteuid().is_root();
    if root {
        command.uid(65534).gid(65534);
    }
    let (code, _, stderr) = run_bounded(command);
    let shown = path.display();
    if root {
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "brag: {shown} belongs to another user (uid 0); a write would make it yours, \
                 so run brag as its owner\n"
            )
        );
        assert_eq!(std::fs::read_to_string(&path).expect("log"), LOG);
        assert_eq!(owner_and_mode(&path), (0, 0, 0o666));
    } else {
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(std::fs::read_to_string(&path).expect("log"), added());
    }
    assert_eq!(brag_files_beside(brag.dir()), Vec::<String>::new());
}

/// The owner adding to their log whose group they are not in: the group cannot be given
/// to the new file, which keeps the caller's, and the add goes on. (Run as root, the test
/// makes such a log for `nobody` and runs brag as `nobody`; otherwise it adds as the
/// owner, in the owner's group.)
#[cfg(unix)]
#[test]
fn an_owner_outside_the_logs_group_still_adds() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt as _;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, LOG).expect("write the log");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).expect("chmod");
    std::fs::set_permissions(brag.dir(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let mut command = brag.command(&ADD);
    let root = nix::unistd::geteuid().is_root();
    if root {
        std::os::unix::fs::chown(&path, Some(65534), Some(0)).expect("chown as root");
        command.uid(65534).gid(65534);
    }
    let (code, _, stderr) = run_bounded(command);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("log"), added());
    let (uid, gid, mode) = owner_and_mode(&path);
    assert_eq!(mode, 0o664);
    if root {
        assert_eq!((uid, gid), (65534, 65534));
    }
    assert_eq!(brag_files_beside(brag.dir()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_log_with_two_hard_links_is_refused_and_both_keep_it() {
    use std::os::unix::fs::MetadataExt;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, LOG).expect("write the log");
    let other = brag.dir().join("backup.md");
    std::fs::hard_link(&path, &other).expect("hard link");
    let ran = brag.args(&ADD).run();
    ran.failure(1)
        .stderr(
            "brag: [DIR]/brag.md has 2 hard links; a write replaces the file, which would \
             leave the other links with the old text; keep one link (a symlink works) to add \
             entries\n",
        )
        .log_is(LOG.as_bytes());
    assert_eq!(std::fs::metadata(&path).expect("metadata").nlink(), 2);
    assert_eq!(std::fs::read_to_string(&other).expect("other"), LOG);
}

// What killed runs leave behind.

/// A temporary file that a live brag holds (its lock is taken) is not removed by
/// another add in the same folder; once unheld, it is.
#[test]
fn a_live_temporary_file_is_kept_and_an_unheld_one_removed() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    let live = brag.dir().join(".brag-live01.tmp");
    std::fs::write(&live, "being written").expect("temp");
    let held = std::fs::File::open(&live).expect("open");
    fs4::FileExt::lock(&held).expect("lock");
    // A new temporary file is empty until its writer has locked it: an empty one stays.
    std::fs::write(brag.dir().join(".brag-new002.tmp"), "").expect("empty temp");
    let ran = brag.args(&ADD).run();
    ran.success().log_is(added().as_bytes());
    assert_eq!(
        brag_files_beside(ran.dir()),
        vec![
            ".brag-live01.tmp".to_string(),
            ".brag-new002.tmp".to_string()
        ]
    );
    // Unlock, not just close: a child that another test forks meanwhile shares the open
    // file (until it execs), and would keep a lock that closing alone leaves held.
    fs4::FileExt::unlock(&held).expect("unlock");
    drop(held);
    let ran = ran.then().args(&["add", "Fixed the flaky test"]).run();
    ran.success();
    assert_eq!(
        brag_files_beside(ran.dir()),
        vec![".brag-new002.tmp".to_string()]
    );
}

#[test]
fn check_lists_old_drafts_with_the_command_that_adds_them() {
    let brag = Brag::new();
    std::fs::write(brag.log_path(), LOG).expect("write the log");
    // Today is 2026-11-23: a draft from 2026-10-01 is old, one from 2026-11-20 is not.
    let day = |date: &str| {
        let date: chrono::NaiveDate = date.parse().expect("a date");
        let noon = date.and_hms_opt(12, 0, 0).expect("noon").and_utc();
        std::time::SystemTime::from(noon)
    };
    for (name, date) in [("old", "2026-10-01"), ("new", "2026-11-20")] {
        let path = brag.dir().join(format!(".brag-draft-{name}.md"));
        std::fs::write(&path, "### Kept from the editor\n- **Results**: 2x\n").expect("draft");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(day(date)).expect("set its time");
    }
    // The judging lints are off: this test pins what check says about files beside it.
    let ran = brag.config(NO_LINTS).args(&["check"]).run();
    ran.success().stdout(
        "[DIR]/.brag-draft-old.md: warning: an entry kept from the editor on 2026-10-01 \
         was never added; add it with: brag add - < [DIR]/.brag-draft-old.md\n\
         [DIR]/brag.md: 2 entries, 0 errors, 1 warning\n",
    );
    ran.then().args(&["check", "--strict"]).run().failure(1);
}

// Messages name what is wrong, in the person's words.

#[test]
fn an_unclosed_fence_or_comment_is_reported_by_check_and_named_by_add() {
    let cases = [
        ("```\ncode\n", "code fence", "```", 4),
        ("<!-- a note\n", "HTML comment", "-->", 3),
    ];
    for (opener, what, closer, after) in cases {
        let log = format!("{LOG}\n{opener}\n### Swallowed\n- **Results**: 2\n");
        let ran = Brag::new()
            .log(&log)
            .config(NO_LINTS)
            .args(&["check"])
            .run();
        let first = opener.lines().next().expect("a line");
        ran.success().stdout(&format!(
            "[DIR]/brag.md:13:1: warning: this {what} is never closed: the {after} lines after it \
             are read as its text, and `brag add` cannot add entries after it\n\
             13 | {first}\n   = hint: close it with {closer} where it should end\n\
             [DIR]/brag.md: 2 entries, 0 errors, 1 warning\n"
        ));
        ran.then()
            .args(&ADD)
            .run()
            .failure(1)
            .stderr(&format!(
                "brag: cannot add the entry: the {what} at line 13 is never closed, so the new \
                 entry would be read as part of it; close it with {closer} and add again; the \
                 log was not changed\n"
            ))
            .log_is(log.as_bytes());
    }
}

#[test]
fn json_on_stdin_may_start_with_a_byte_order_mark() {
    Brag::new()
        .log(LOG)
        .args(&["add", "--json"])
        .stdin("\u{feff}{\"title\": \"Shipped the importer\", \"results\": \"3 teams use it\"}")
        .run()
        .success()
        .log_is(added().as_bytes());
}

#[test]
fn messages_never_show_internal_names() {
    let ran = Brag::new()
        .log(LOG)
        .config("review: 5\n")
        .args(&["list"])
        .run();
    ran.failure(1).stderr(
        "brag: [DIR]/config/brag/config.yaml:1:1: review is a list of dates, e.g. \
         [2026-04-15, 2025-10-15], or a cycle, e.g. {start: 2025-04-01, every_months: 6}\n",
    );
    Brag::new()
        .log(LOG)
        .args(&["add", "--json"])
        .stdin("{\"title\": \"A\", \"results\": 5}")
        .run()
        .failure(1)
        .stderr_contains(
            "brag: stdin is not a JSON entry: expected a string or a list of strings at line 1",
        )
        .log_is(LOG.as_bytes());
}

/// A log over 1 MB is planned on a window around the insertion; a byte that is not UTF-8
/// far from it is still refused, as every reading command refuses it.
#[test]
fn a_large_log_with_a_bad_byte_far_from_the_insertion_is_refused() {
    let mut log = String::from("# Achievement log\n");
    for month in 1..=12 {
        log.push_str(&format!("\n## 2026-{month:02}\n"));
        for n in 0..1500 {
            log.push_str(&format!(
                "\n### Reviewed design {n}\n- **Date**: 2026-{month:02}-10\n- **Results**: {n} issues\n"
            ));
        }
    }
    assert!(log.len() > 1 << 20);
    let mut bytes = log.into_bytes();
    // Line 5 starts at byte 31: `### Reviewed d\xffsign 0`, column 15.
    bytes[31 + 14] = 0xff;
    let ran = Brag::new().log_bytes(&bytes).args(&ADD).run();
    ran.failure(1)
        .stderr(
            "brag: [DIR]/brag.md:5:15: the log is not valid UTF-8 (byte 0xff); save it as UTF-8\n",
        )
        .log_is(&bytes);
    assert_eq!(brag_files_beside(ran.dir()), Vec::<String>::new());
}

// Round trips: what is added reads back as given, or is refused.

#[test]
fn a_date_before_year_1000_is_refused_not_written_unreadable() {
    Brag::new()
        .log(LOG)
        .args(&["add", "Ancient win", "--date", "0999-03-01"])
        .run()
        .failure(1)
        .stderr(
            "brag: cannot add the entry safely: the date 0999-03-01 is outside the years 1000 \
             to 9999, which a month heading can name; the log was not changed\n",
        )
        .log_is(LOG.as_bytes());
}

#[test]
fn crlf_in_json_notes_is_normalised_like_every_other_field() {
    let ran = Brag::new()
        .log(LOG)
        .args(&["add", "--json"])
        .stdin(
            "{\"title\": \"Noted\", \"notes\": \"first\\r\\nsecond\", \"results\": \"a\\r\\nb\"}",
        )
        .run();
    ran.success();
    let entries = ran.then().args(&["list", "--format", "json"]).run().json();
    let noted = entries
        .as_array()
        .expect("an array")
        .iter()
        .find(|entry| entry["title"] == "Noted")
        .expect("the new entry")
        .clone();
    assert_eq!(noted["notes"], "first\nsecond");
    assert_eq!(noted["results"], "a\nb");
}

#[test]
fn a_log_with_old_mac_line_endings_is_named_not_read_as_empty() {
    let log = LOG.replace('\n', "\r");
    for args in [&["list"][..], &["check"], &ADD] {
        Brag::new()
            .log(&log)
            .args(args)
            .run()
            .failure(1)
            .stderr(
                "brag: [DIR]/brag.md ends its lines with CR alone (old Mac style), which brag \
                 does not read; convert them to LF, e.g. tr '\\r' '\\n' < [DIR]/brag.md > \
                 converted.md\n",
            )
            .log_is(log.as_bytes());
    }
}

#[test]
fn one_result_from_a_flag_reads_back_as_typed_like_json() {
    for typed in [
        "<b>x</b> 5",
        "## 2026-12",
        "- a list",
        "1. one",
        "> quote",
        "| a | b |",
        "<!-- c -->",
        "line one\nline two",
    ] {
        let ran = Brag::new()
            .log(LOG)
            // `--result=VALUE`, so that a value starting with `-` is not taken for a flag.
            .args(&["add", "Shipped it", &format!("--result={typed}")])
            .run();
        ran.success();
        let entries = ran.then().args(&["list", "--format", "json"]).run().json();
        let shipped = entries
            .as_array()
            .expect("an array")
            .iter()
            .find(|entry| entry["title"] == "Shipped it")
            .expect("the new entry")
            .clone();
        assert_eq!(shipped["results"], typed, "-r {typed:?}");
    }
}
