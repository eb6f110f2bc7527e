//! What brag promises about the log's safety, tried as a crash would: the test write
//! hook (`BRAG_TEST_HOOK`) that stops, pauses or traces `add` between its temporary file
//! and the rename.

use std::path::Path;

use crate::support::Brag;

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

/// The names in `folder` that start with `.brag`.
fn brag_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("a folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(".brag"))
        .collect();
    names.sort();
    names
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
    assert_eq!(brag_files(ran.dir()), Vec::<String>::new());
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
