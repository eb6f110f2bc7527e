//! Paths, config and the errors a person can hit: one clear line, exit 1, nothing written.

use crate::support::Brag;

#[test]
fn path_follows_file_then_env_then_config_then_data_dir() {
    let ran = Brag::new().args(&["path"]).run();
    ran.success().stdout("[DIR]/brag.md\n");
    let ran = Brag::new().args(&["--file", "/tmp/x.md", "path"]).run();
    ran.success().stdout("/tmp/x.md\n");
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .config("file: notes/log.md\n")
        .args(&["path"])
        .run();
    ran.success().stdout("[DIR]/config/brag/notes/log.md\n");
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .config("file: ~/career.md\n")
        .args(&["path"])
        .run();
    ran.success().stdout("[DIR]/home/career.md\n");
    let ran = Brag::new().env("BRAG_FILE", "").args(&["path"]).run();
    ran.success().stdout("[DIR]/data/brag/brag.md\n");
}

#[test]
fn config_flag_and_env_pick_the_config() {
    let brag = Brag::new().env("BRAG_FILE", "");
    std::fs::write(brag.dir().join("other.yaml"), "file: /elsewhere/log.md\n").expect("write");
    let ran = brag.args(&["--config", "other.yaml", "path"]).run();
    ran.success().stdout("/elsewhere/log.md\n");
    let ran = Brag::new()
        .args(&["--config", "missing.yaml", "path"])
        .run();
    ran.failure(1)
        .stderr_contains("cannot read config missing.yaml");
}

#[test]
fn a_bad_config_names_its_line() {
    let ran = Brag::new()
        .log("")
        .config("editor: vim\ncolour: blue\n")
        .args(&["list"])
        .run();
    ran.failure(1).stderr(
        "brag: [DIR]/config/brag/config.yaml:2:1: unknown field `colour`, expected one of `file`, \
         `editor`, `order`, `tags`, `competencies`, `review`, `remind_after_days`, `year_start`, \
         `week_start`, `private_tags`, `lints`, `require_scope`, `date_order`, `summary`, \
         `aliases`, `goals`, `next`, `project_tags`, `git`\n",
    );
    let ran = Brag::new()
        .log("")
        .config("year_start: 13\n")
        .args(&["list"])
        .run();
    ran.failure(1)
        .stderr_contains("year_start is 13; it must be a month number from 1 to 12");
}

#[test]
fn no_log_yet_says_how_to_start_one() {
    let ran = Brag::new().args(&["list"]).run();
    ran.failure(1).stderr(
        "brag: no log at [DIR]/brag.md\n  start one with `brag add \"What you did\"` or `brag init`, \
         or point --file (or BRAG_FILE) at an existing log\n",
    );
    assert!(ran.log.is_none(), "nothing was created");
}

#[test]
fn a_folder_is_not_a_log() {
    let ran = Brag::new().args(&["--file", ".", "list"]).run();
    ran.failure(1)
        .stderr("brag: . is a folder, not a log file; pass the Markdown file itself\n");
}

#[test]
fn non_utf8_bytes_name_the_line() {
    let ran = Brag::new()
        .log_bytes(b"# Log\n\n## May 2026\n### Caf\xe9 rewrite\n")
        .args(&["check"])
        .run();
    ran.failure(1).stderr(
        "brag: [DIR]/brag.md:4:8: the log is not valid UTF-8 (byte 0xe9); save it as UTF-8\n",
    );
    ran.log_is(b"# Log\n\n## May 2026\n### Caf\xe9 rewrite\n");
}

#[cfg(unix)]
#[test]
fn an_unreadable_log_is_an_error() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let brag = Brag::new();
    let path = brag.log_path();
    std::fs::write(&path, "# Log\n").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let mut command = brag.command(&["list"]);
    // Root reads any file: as root, run brag as nobody, who may enter the folder but
    // may not read the log.
    if std::fs::metadata(&path).expect("the log").uid() == 0 {
        std::fs::set_permissions(brag.dir(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod the folder");
        command.uid(65534).gid(65534);
    }
    let output = command.output().expect("run brag");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "brag: cannot read {}: Permission denied (os error 13)\n",
            path.display()
        )
    );
}

#[test]
fn check_exits_1_on_errors_and_on_warnings_with_strict() {
    let warning_only = "## Nov 31 2026\n";
    Brag::new()
        .log(warning_only)
        .args(&["check"])
        .run()
        .success();
    Brag::new()
        .log(warning_only)
        .args(&["check", "--strict"])
        .run()
        .failure(1);
    let error = "## May 2026\n### X\n- **Scope**: galaxy\n";
    let ran = Brag::new().log(error).args(&["check"]).run();
    ran.failure(1).stdout(
        "[DIR]/brag.md:2:1: warning: [B101] entry \"X\" has no Situation, Task, Actions or Results\n\
         2 | ### X\n  = hint: add `- **Situation**: ...`; a STAR entry says what was at stake, \
         what you did and what changed\n\
         [DIR]/brag.md:3:1: error: unknown scope \"galaxy\"\n\
         3 | - **Scope**: galaxy\n  = hint: scope is one of task, milestone, project, product, business\n\
         [DIR]/brag.md: 1 entry, 1 error, 1 warning (B101: 1)\n",
    );
}

#[test]
fn usage_errors_exit_2() {
    Brag::new()
        .args(&["list", "--format", "xml"])
        .run()
        .failure(2);
    Brag::new().args(&["frobnicate"]).run().failure(2);
}

#[test]
fn brag_today_must_be_a_date() {
    let ran = Brag::new()
        .log("")
        .env("BRAG_TODAY", "tomorrow")
        .args(&["list"])
        .run();
    ran.failure(1).stderr("brag: BRAG_TODAY is \"tomorrow\"; it must be a date as YYYY-MM-DD: input contains invalid characters\n");
}

#[test]
fn help_prints_a_topic_page_a_commands_help_or_the_overview() {
    for topic in [
        "format",
        "writing",
        "commands",
        "periods",
        "schema",
        "config",
        "packet",
        "templates",
        "lints",
    ] {
        let ran = Brag::new().args(&["help", topic]).run();
        ran.success().stderr("");
        let page = std::fs::read_to_string(format!("docs/help/{topic}.md")).expect("the page");
        assert_eq!(
            ran.stdout, page,
            "brag help {topic} prints docs/help/{topic}.md"
        );
        assert!(page.starts_with(&format!("# brag help {topic}: ")));
    }
    let help = |args: &[&str]| Brag::new().args(args).run().stdout;
    assert_eq!(help(&["help", "add"]), help(&["add", "--help"]));
    assert_eq!(help(&["help"]), help(&["--help"]));
    Brag::new()
        .args(&["help", "fromat"])
        .run()
        .failure(1)
        .stdout("")
        .stderr(
            "brag: no help topic or command `fromat`; topics: format, writing, commands, \
             periods, schema, config, packet, templates, lints; or a command (`brag --help` \
             lists them)\n",
        );
}
