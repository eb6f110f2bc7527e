//! The log kept in git: `git: {commit: true}` commits every write, a failed commit keeps
//! the entry and says so (exit 3), and `brag git ARGS` runs git in the log's folder.

use crate::support::{Brag, git};

/// A builder whose folder (where the log is) is a git repository with a local identity.
fn in_repo() -> Brag {
    let brag = Brag::new()
        .log("# Achievement log\n")
        .config("git: {commit: true}\n");
    git(brag.dir(), &["init", "--quiet", "-b", "main"]);
    git(brag.dir(), &["config", "user.name", "Ana"]);
    git(brag.dir(), &["config", "user.email", "ana@example.com"]);
    brag
}

#[test]
fn every_write_commits_the_log_and_nothing_else() {
    let brag = in_repo();
    std::fs::write(brag.dir().join("other.txt"), "not brag's\n").expect("write");
    let ran = brag
        .args(&[
            "add",
            "Cut p95 latency",
            "--date",
            "2026-11-03",
            "-r",
            "900 -> 540 ms",
        ])
        .run();
    ran.success();
    let ran = ran
        .then()
        .args(&["amend", "cut-p95", "--set-title", "Cut p95 latency by 40%"])
        .run();
    ran.success();
    let ran = ran
        .then()
        .args(&["import", "--from", "json", "-"])
        .stdin(r#"{"title": "Ran the incident review", "date": "2026-11-04"}"#)
        .run();
    ran.success();
    let ran = ran.then().args(&["rm", "incident", "--yes"]).run();
    ran.success();
    assert_eq!(
        git(ran.dir(), &["log", "--format=%s"]),
        "brag: rm Ran the incident review\n\
         brag: import 2026-11-04-ran-the-incident-review from stdin\n\
         brag: amend Cut p95 latency by 40%\n\
         brag: add Cut p95 latency\n"
    );
    assert_eq!(
        git(
            ran.dir(),
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        "?? .brag.md.brag-undo\n?? config/brag/config.yaml\n?? other.txt\n"
    );
    let committed = git(ran.dir(), &["show", "HEAD:brag.md"]);
    assert_eq!(Some(committed.into_bytes()), ran.log);
}

#[test]
fn a_failed_commit_keeps_the_entry_and_says_so_with_exit_3() {
    let brag = in_repo();
    let hook = brag.dir().join(".git/hooks/pre-commit");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'hook: no commits today' >&2\nexit 1\n",
    )
    .expect("hook");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let ran = brag
        .args(&[
            "add",
            "Cut p95 latency",
            "--date",
            "2026-11-03",
            "-r",
            "900 -> 540 ms",
        ])
        .run();
    ran.failure(3)
        .stdout("added 2026-11-03-cut-p95-latency under November 2026 ([DIR]/brag.md:5)\n")
        .stderr(
            "brag: the change is written to [DIR]/brag.md, but committing it to git failed: \
             hook: no commits today\n  fix that, then commit it yourself: \
             brag git commit -am \"brag: ...\"\n",
        )
        .log_is(
            b"# Achievement log\n\n## November 2026\n\n### Cut p95 latency\n\
              - **Date**: 2026-11-03\n- **Results**: 900 -> 540 ms\n",
        );
}

#[test]
fn outside_a_work_tree_the_setting_changes_nothing() {
    let ran = Brag::new()
        .log("# Achievement log\n")
        .config("git: {commit: true}\n")
        .args(&[
            "add",
            "Cut p95 latency",
            "--date",
            "2026-11-03",
            "-r",
            "900 -> 540 ms",
        ])
        .run();
    ran.success().stderr("");
}

#[test]
fn brag_git_runs_git_in_the_logs_folder_with_its_exit_code() {
    let brag = in_repo();
    let ran = brag
        .args(&[
            "add",
            "Cut p95 latency",
            "--date",
            "2026-11-03",
            "-r",
            "900 -> 540 ms",
        ])
        .run();
    ran.success();
    let ran = ran.then().args(&["git", "log", "--format=%s"]).run();
    ran.success().stdout("brag: add Cut p95 latency\n");
    let ran = ran.then().args(&["git", "no-such-command"]).run();
    ran.failure(1);
}
