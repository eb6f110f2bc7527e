//! The first weeks of a new user (issue 17): a log given with `--file` is remembered and
//! named in every suggested command; duplicates are refused; ids are shown and found by
//! part or title words; `amend`, `rm` and `undo` change only their entry's bytes or
//! refuse with the log byte-identical; completions, the man page, and the conventions
//! of other command-line tools.

use crate::support::{Brag, mode};

/// The log `tests/add.rs` writes to: entries on 2026-10-14, 2026-11-02 and 2026-11-21.
fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/add.md").expect("fixture")
}

const HIRED: &str = "2026-11-02-hired-two-engineers-for-the-search-team";
const PROFILED: &str = "2026-11-21-profiled-the-checkout-latency-spike";
const MENTORED: &str = "2026-10-14-mentored-two-new-hires-through-their-first-on";

/// The fixture's 2026-11-02 entry, with the blank line after it.
const HIRED_BLOCK: &str = "### Hired two engineers for the search team\n\
    - **Date**: 2026-11-02\n- **Tags**: hiring, search\n- **Results**: Both accepted.\n\n";

// 1. `--file` remembered.

#[test]
fn init_with_file_writes_the_log_into_the_new_config() {
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .args(&["init", "--file", "notes/brag.md"])
        .run();
    ran.success()
        .stdout(
            "created notes/brag.md (your log)\n\
             created [DIR]/config/brag/config.yaml (your config)\n",
        )
        .stderr("");
    let config =
        std::fs::read_to_string(ran.dir().join("config/brag/config.yaml")).expect("the config");
    let line = format!("\nfile: {}\n", ran.dir().join("notes/brag.md").display());
    assert!(config.contains(&line), "{config}");
    // Later commands use it without the flag.
    let ran = ran.then().env("BRAG_FILE", "").args(&["path"]).run();
    ran.success().stdout("[DIR]/notes/brag.md\n");
    ran.then()
        .env("BRAG_FILE", "")
        .args(&["add", "Shipped it", "-r", "3 teams"])
        .run()
        .success()
        .stdout("added 2026-11-23-shipped-it under November 2026 ([DIR]/notes/brag.md:32)\n");
}

/// A bare file name is a file in the working folder, whose folder exists already.
#[test]
fn init_with_a_bare_file_name_writes_it_in_the_working_folder() {
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .args(&["init", "--file", "career.md"])
        .run();
    ran.success()
        .stdout(
            "created career.md (your log)\n\
             created [DIR]/config/brag/config.yaml (your config)\n",
        )
        .stderr("");
    let log = std::fs::read_to_string(ran.dir().join("career.md")).expect("the log");
    assert!(log.starts_with("# "), "{log}");
}

#[test]
fn init_with_file_and_a_config_already_there_says_how_to_keep_the_log() {
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .config("editor: vim\n")
        .args(&["init", "--file", "notes/brag.md"])
        .run();
    ran.success()
        .stdout(
            "created notes/brag.md (your log)\n\
             kept [DIR]/config/brag/config.yaml (your config): it already exists\n",
        )
        .stderr(
            "note: [DIR]/config/brag/config.yaml does not name this log; add \
             `file: [DIR]/notes/brag.md` to it, or give --file every time\n",
        );
    assert_eq!(
        std::fs::read_to_string(ran.dir().join("config/brag/config.yaml")).expect("config"),
        "editor: vim\n"
    );
}

#[test]
fn hints_after_add_with_file_name_the_file() {
    let ran = Brag::new()
        .env("BRAG_FILE", "")
        .args(&["add", "--file", "my log.md", "Shipped it"])
        .run();
    ran.success()
        .stdout("added 2026-11-23-shipped-it under November 2026 (my log.md:32)\n")
        .stderr(
            "hint: no Results yet. What changed because of it, and by how much? Add them \
             with `brag --file '[DIR]/my log.md' edit 2026-11-23-shipped-it`\n",
        );
    // Through BRAG_FILE, the variable names the log already: no --file.
    Brag::new()
        .log(&fixture())
        .args(&["add", "Shipped it"])
        .run()
        .success()
        .stderr_contains("with `brag edit 2026-11-23-shipped-it`");
}

#[cfg(unix)]
#[test]
fn the_editor_recovery_command_names_the_file_and_the_draft_is_in_the_data_folder() {
    let brag = Brag::new().env("BRAG_FILE", "");
    let log = brag.dir().join("my.md");
    std::fs::write(&log, fixture()).expect("the log");
    let editor = brag.script(
        "vim",
        "printf '### Shipped it\\n- **Results**: 3 teams\\n' > \"$1\"\nexit 3\n",
    );
    let ran = brag
        .env("VISUAL", &editor)
        .args(&["add", "-e", "--file", "my.md"])
        .run();
    ran.failure(1);
    let drafts: Vec<_> = std::fs::read_dir(ran.dir().join("data/brag/drafts"))
        .expect("the drafts folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = format!("[DIR]/data/brag/drafts/{}", drafts[0]);
    ran.stderr(&format!(
        "brag: the editor `[DIR]/bin/vim` failed (exit status: 3)\n  your entry is saved in \
         {draft}; fix it, then: brag --file [DIR]/my.md add - < {draft}\n"
    ));
    assert_eq!(mode(&ran.dir().join("data/brag/drafts")), 0o700);
    assert_eq!(std::fs::read_to_string(&log).expect("log"), fixture());
}

#[test]
fn check_names_the_drafts_not_yet_added() {
    let brag = Brag::new().log(&fixture());
    let drafts = brag.dir().join("data/brag/drafts");
    std::fs::create_dir_all(&drafts).expect("the drafts folder");
    // One re-added already (its entry is in the log), one not, one unreadable.
    std::fs::write(
        drafts.join("draft-a.md"),
        "### Hired two engineers for the search team\n- **Date**: 2026-11-02\n",
    )
    .expect("a draft");
    std::fs::write(
        drafts.join("draft-b.md"),
        "### Shipped it\n- **Results**: 3 teams\n",
    )
    .expect("a draft");
    std::fs::write(
        drafts.join("draft-c.md"),
        "### Shipped it\n- **Scope**: galaxy\n",
    )
    .expect("a draft");
    let ran = brag.args(&["check", "--json"]).run();
    ran.success().stderr(
        "note: an entry you wrote is not in the log yet: [DIR]/data/brag/drafts/draft-b.md\n  \
         fix it if needed, then: brag add - < [DIR]/data/brag/drafts/draft-b.md\n\
         note: an entry you wrote is not in the log yet: [DIR]/data/brag/drafts/draft-c.md\n  \
         fix it if needed, then: brag add - < [DIR]/data/brag/drafts/draft-c.md\n",
    );
    serde_json::from_str::<serde_json::Value>(&ran.stdout).expect("stdout stays JSON");
}

#[test]
fn path_prints_an_absolute_path() {
    Brag::new()
        .args(&["--file", "relative.md", "path"])
        .run()
        .success()
        .stdout("[DIR]/relative.md\n");
}

// 2. Duplicates.

#[test]
fn add_refuses_an_entry_with_the_same_date_and_title() {
    for title in [
        "Hired two engineers for the search team",
        "hired two engineers for the SEARCH team ",
    ] {
        let ran = Brag::new()
            .log(&fixture())
            .args(&["add", title, "--date", "2026-11-02", "-r", "2 hires"])
            .run();
        ran.failure(1)
            .stdout("")
            .stderr(&format!(
                "brag: {HIRED} already has this date and title; the log was not changed\n  \
                 `brag show {HIRED}` shows it; add --allow-duplicate to add a second one\n"
            ))
            .log_is(fixture().as_bytes());
    }
    // Another day is another entry; --allow-duplicate adds a second one.
    Brag::new()
        .log(&fixture())
        .args(&[
            "add",
            "Hired two engineers for the search team",
            "--date",
            "2026-11-03",
        ])
        .run()
        .success();
    Brag::new()
        .log(&fixture())
        .args(&[
            "add",
            "Hired two engineers for the search team",
            "--date",
            "2026-11-02",
            "-r",
            "2 hires",
            "--allow-duplicate",
        ])
        .run()
        .success()
        .stdout(&format!(
            "added {HIRED}-2 under November 2026 ([DIR]/brag.md:21)\n"
        ));
}

#[test]
fn a_duplicate_on_stdin_is_refused_too() {
    Brag::new()
        .log(&fixture())
        .stdin("### Profiled the checkout latency spike\n- **Date**: 2026-11-21\n")
        .args(&["add", "-"])
        .run()
        .failure(1)
        .stderr_contains(&format!("brag: {PROFILED} already has this date and title"))
        .log_is(fixture().as_bytes());
}

// 3. Ids.

#[test]
fn list_ids_shows_the_id_in_place_of_the_date() {
    Brag::new()
        .log(&fixture())
        .args(&["list", "--ids"])
        .run()
        .success()
        .stdout(
            "3 entries, all dates\n\nOctober 2026\n  \
             2026-10-14-mentored-two-new-hires-through-their-first-on  Mentored two new hires \
             through their first on-call  #mentoring #oncall  task\n\nNovember 2026\n  \
             2026-11-02-hired-two-engineers-for-the-search-team        Hired two engineers for \
             the search team             #hiring #search\n  \
             2026-11-21-profiled-the-checkout-latency-spike            Profiled the checkout \
             latency spike                 #performance\n",
        );
}

#[test]
fn show_and_edit_find_entries_by_part_of_the_id_or_title_words() {
    for wanted in [
        "checkout",
        "checkout-latency",
        "latency checkout",
        "Latency Spike",
    ] {
        Brag::new()
            .log(&fixture())
            .args(&["show", wanted, "--format", "md"])
            .run()
            .success()
            .stdout(
                "### Profiled the checkout latency spike\n- **Date**: 2026-11-21\n\
                 - **Tags**: performance\n\
                 - **Results**: Found a lock held across an RPC; p99 down 30%.\n",
            );
    }
    Brag::new()
        .log(&fixture())
        .args(&["show", "two"])
        .run()
        .failure(1)
        .stderr(&format!(
            "brag: \"two\" is part of 2 entries; give more of the id:\n  \
             {MENTORED}  Mentored two new hires through their first on-call\n  \
             {HIRED}  Hired two engineers for the search team\n"
        ));
}

// 4. amend, rm, undo.

#[test]
fn rm_removes_only_that_entry_and_undo_puts_it_back() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["rm", "hired", "--yes"])
        .run();
    ran.success()
        .stdout(&format!("removed {HIRED} (was [DIR]/brag.md:16)\n"))
        .stderr("hint: `brag undo` puts it back\n")
        .log_is(fixture().replace(HIRED_BLOCK, "").as_bytes());
    #[cfg(unix)]
    assert_eq!(mode(&ran.dir().join(".brag.md.brag-undo")), 0o600);
    let ran = ran.then().args(&["undo"]).run();
    ran.success()
        .stdout(&format!("undone: removed {HIRED} ([DIR]/brag.md)\n"))
        .log_is(fixture().as_bytes());
    ran.then()
        .args(&["undo"])
        .run()
        .failure(1)
        .stderr("brag: nothing to undo: brag keeps no earlier write of [DIR]/brag.md\n")
        .log_is(fixture().as_bytes());
}

#[test]
fn rm_of_the_last_entry_takes_its_gap_and_keeps_a_missing_final_newline() {
    let old = fixture().trim_end().to_string();
    Brag::new()
        .log(&old)
        .args(&["rm", PROFILED, "-y"])
        .run()
        .success()
        .log_is(&old.as_bytes()[..old.find("\n\n### Profiled").expect("the entry")]);
}

#[test]
fn rm_refuses_without_yes_off_a_terminal_and_on_an_unknown_id() {
    Brag::new()
        .log(&fixture())
        .args(&["rm", HIRED])
        .run()
        .failure(1)
        .stdout("")
        .stderr(&format!(
            "brag: brag rm removes {HIRED} for good; confirm with --yes\n"
        ))
        .log_is(fixture().as_bytes());
    Brag::new()
        .log(&fixture())
        .args(&["rm", "nothing-like-it", "--yes"])
        .run()
        .failure(1)
        .stderr_contains("brag: no entry matches \"nothing-like-it\"")
        .log_is(fixture().as_bytes());
    Brag::new()
        .args(&["rm", "x", "--yes"])
        .run()
        .failure(1)
        .stderr_contains("brag: no log at [DIR]/brag.md");
}

#[test]
fn amend_adds_a_result_in_place() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&[
            "amend",
            "hired",
            "-r",
            "Both started in December",
            "--tag",
            "Hiring,growth",
        ])
        .run();
    ran.success()
        .stdout(&format!(
            "amended {HIRED} under November 2026 ([DIR]/brag.md:16)\n"
        ))
        .stderr("")
        .log_is(
            fixture()
                .replace(
                    "- **Tags**: hiring, search\n- **Results**: Both accepted.\n",
                    "- **Tags**: hiring, search, growth\n- **Results**:\n  - Both accepted.\n  \
                     - Both started in December\n",
                )
                .as_bytes(),
        );
    ran.then()
        .args(&["undo"])
        .run()
        .success()
        .stdout(&format!("undone: amended {HIRED} ([DIR]/brag.md)\n"))
        .log_is(fixture().as_bytes());
}

#[test]
fn amend_sets_the_title_and_moves_a_new_date_to_its_month() {
    Brag::new()
        .log(&fixture())
        .args(&[
            "amend",
            PROFILED,
            "--set-title",
            "Fixed the checkout latency spike",
        ])
        .run()
        .success()
        .stdout(
            "amended 2026-11-21-fixed-the-checkout-latency-spike under November 2026 \
             ([DIR]/brag.md:21)\n",
        )
        .log_is(
            fixture()
                .replace("### Profiled the checkout", "### Fixed the checkout")
                .as_bytes(),
        );
    let moved = fixture().replace(HIRED_BLOCK, "").replace(
        "zero escalations.\n",
        "zero escalations.\n\n### Hired two engineers for the search team\n\
         - **Date**: 2026-10-20\n- **Tags**: hiring, search\n- **Results**: Both accepted.\n",
    );
    Brag::new()
        .log(&fixture())
        .args(&["amend", HIRED, "--set-date", "2026-10-20"])
        .run()
        .success()
        .stdout(
            "amended 2026-10-20-hired-two-engineers-for-the-search-team under October 2026 \
             ([DIR]/brag.md:14)\n",
        )
        .log_is(moved.as_bytes());
}

#[test]
fn amend_refuses_with_nothing_to_change_or_a_bad_value() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["amend", HIRED],
            "brag: nothing to change: give --set-title",
        ),
        (&["amend", HIRED, "--scope", "galaxy"], "unknown scope"),
        (&["amend", HIRED, "--set-title", " "], "the title is empty"),
        (&["amend", HIRED, "--set-date", "someday"], "brag: "),
        (&["amend", "2026", "-r", "3x"], "is the start of 3 entries"),
    ];
    for (args, error) in cases {
        Brag::new()
            .log(&fixture())
            .args(args)
            .run()
            .failure(1)
            .stdout("")
            .stderr_contains(error)
            .log_is(fixture().as_bytes());
    }
}

#[test]
fn undo_refuses_once_the_log_changed_since() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["add", "Shipped it", "-r", "3 teams"])
        .run();
    ran.success();
    let path = ran.dir().join("brag.md");
    let mut edited = std::fs::read_to_string(&path).expect("the log");
    edited.push_str("\nA note written by hand.\n");
    std::fs::write(&path, &edited).expect("written");
    ran.then()
        .args(&["undo"])
        .run()
        .failure(1)
        .stderr(
            "brag: [DIR]/brag.md has changed since brag added 2026-11-23-shipped-it; \
             nothing was undone\n",
        )
        .log_is(edited.as_bytes());
}

#[test]
fn undo_after_add_removes_the_entry() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["add", "Shipped it", "-r", "3 teams"])
        .run();
    ran.success();
    ran.then()
        .args(&["undo"])
        .run()
        .success()
        .stdout("undone: added 2026-11-23-shipped-it ([DIR]/brag.md)\n")
        .log_is(fixture().as_bytes());
}

// 6. Completions and the man page.

#[test]
fn completions_are_generated_for_each_shell() {
    let cases = [
        ("bash", "complete -F _brag"),
        ("zsh", "#compdef brag"),
        ("fish", "complete -c brag"),
        ("elvish", "set edit:completion:arg-completer[brag]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'brag'",
        ),
    ];
    for (shell, marker) in cases {
        let ran = Brag::new().args(&["completions", shell]).run();
        ran.success().stderr("");
        assert!(ran.stdout.contains(marker), "{shell}: {}", ran.stdout);
        for command in ["amend", "undo", "completions"] {
            assert!(ran.stdout.contains(command), "{shell} lacks {command}");
        }
        // bash and fish also complete tags and ids from the log in use.
        let dynamic =
            ran.stdout.contains("tags --format ids") && ran.stdout.contains("list --format ids");
        assert_eq!(dynamic, matches!(shell, "bash" | "fish"), "{shell}");
    }
    Brag::new().args(&["completions", "tcsh"]).run().failure(2);
}

/// Completes each of `lines` (the cursor at its end) with the bash script of
/// `brag completions bash`, in a folder whose log is the fixture.
#[cfg(unix)]
fn bash_completes(lines: &[&str]) -> Vec<String> {
    use assert_cmd::cargo::CommandCargoExt;
    let ran = Brag::new()
        .log(&fixture())
        .args(&["completions", "bash"])
        .run();
    ran.success();
    let script = ran.dir().join("brag.bash");
    std::fs::write(&script, &ran.stdout).expect("the script");
    let brag = std::process::Command::cargo_bin("brag").expect("the brag binary");
    let bin = std::path::Path::new(brag.get_program())
        .parent()
        .expect("a folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let driver = r#"source "$1"; shift
for line in "$@"; do
    read -ra COMP_WORDS <<< "$line"
    [[ "$line" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    # As bash calls it: the command, the word, the word before.
    _brag_dynamic brag "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "${COMPREPLY[*]}"
done"#;
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(driver)
        .arg("bash")
        .arg(&script)
        .args(lines)
        .current_dir(ran.dir())
        .env_clear()
        .env("PATH", path)
        .env("HOME", ran.dir().join("home"))
        .env("XDG_CONFIG_HOME", ran.dir().join("config"))
        .env("XDG_DATA_HOME", ran.dir().join("data"))
        .env("BRAG_FILE", ran.dir().join("brag.md"))
        .env("BRAG_TODAY", crate::support::TODAY)
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn bash_completes_ids_tags_and_period_words_from_the_log() {
    let found = bash_completes(&[
        "brag show ",
        "brag amend checkout",
        "brag list --tag ",
        "brag list --since last-q",
        "brag li",
        "brag --file other.md rm ",
    ]);
    assert_eq!(
        found,
        [
            format!("{MENTORED} {HIRED} {PROFILED}"),
            PROFILED.to_string(),
            "hiring mentoring oncall performance search".to_string(),
            "last-quarter".to_string(),
            "list".to_string(),
            String::new(),
        ]
    );
}

#[test]
fn the_man_page_is_roff_with_the_usual_sections() {
    let ran = Brag::new().args(&["man"]).run();
    ran.success().stderr("");
    let page = &ran.stdout;
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{page}");
    assert!(page.contains("\n.TH brag 1 "), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    for command in ["brag\\-amend", "brag\\-rm", "brag\\-undo", "brag\\-list"] {
        assert!(page.contains(command), "no {command}");
    }
}

#[test]
fn man_dir_writes_a_page_per_command_and_says_so() {
    let ran = Brag::new().args(&["man", "--dir", "pages"]).run();
    ran.success()
        .stdout("")
        .stderr("wrote 20 man pages to pages\n");
    for name in [
        "brag",
        "brag-add",
        "brag-amend",
        "brag-rm",
        "brag-undo",
        "brag-man",
        "brag-import",
        "brag-git",
    ] {
        let page = std::fs::read_to_string(ran.dir().join(format!("pages/{name}.1")))
            .unwrap_or_else(|_| panic!("{name}.1"));
        assert!(page.contains(&format!("\n.TH {name} 1 ")), "{name}: {page}");
        assert!(page.contains("\n.SH SYNOPSIS\n"), "{name}");
    }
    let add = std::fs::read_to_string(ran.dir().join("pages/brag-add.1")).expect("brag-add.1");
    assert!(add.contains("\\-\\-allow\\-duplicate"), "{add}");
}

// 7. Conventions.

#[test]
fn list_n_and_json_are_short_forms() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "-n", "1", "--ids"])
        .run();
    ran.success().stdout(&format!(
        "1 entry, all dates\n\nNovember 2026\n  {PROFILED}  Profiled the checkout latency spike  #performance\n"
    ));
    for command in [
        &["list"][..],
        &["show", HIRED],
        &["check"],
        &["stats"],
        &["tags"],
    ] {
        let long = Brag::new()
            .log(&fixture())
            .args(&[command, &["--format", "json"]].concat())
            .run();
        let short = Brag::new()
            .log(&fixture())
            .args(&[command, &["--json"]].concat())
            .run();
        assert_eq!(short.stdout, long.stdout, "{command:?}");
        assert_eq!(short.code, long.code, "{command:?}");
        serde_json::from_str::<serde_json::Value>(&short.stdout).expect("JSON");
    }
    Brag::new()
        .log(&fixture())
        .args(&["list", "--json", "--format", "md"])
        .run()
        .failure(2);
}

#[test]
fn tags_give_json_and_say_when_there_are_none() {
    let ran = Brag::new()
        .log(&fixture())
        .config("tags:\n  oncall: Carrying the pager\n")
        .args(&["tags", "--json"])
        .run();
    ran.success();
    assert_eq!(
        ran.json(),
        serde_json::json!([
            {"tag": "hiring", "count": 1, "description": null},
            {"tag": "mentoring", "count": 1, "description": null},
            {"tag": "oncall", "count": 1, "description": "Carrying the pager"},
            {"tag": "performance", "count": 1, "description": null},
            {"tag": "search", "count": 1, "description": null},
        ])
    );
    Brag::new()
        .log("# Achievement log\n")
        .args(&["tags"])
        .run()
        .success()
        .stdout("")
        .stderr(
            "no tags: no entries (all dates); tag an entry with \
             `brag add \"What you did\" --tag NAME`\n",
        );
    Brag::new()
        .log("## November 2026\n\n### Shipped it\n- **Date**: 2026-11-03\n")
        .args(&["tags"])
        .run()
        .success()
        .stdout("")
        .stderr_contains("no tags: no entry with a tag (all dates)");
    Brag::new()
        .log("# Achievement log\n")
        .args(&["tags", "--json"])
        .run()
        .success()
        .stdout("[]\n");
}

#[test]
fn clicolor_force_and_term_dumb_decide_colour_off_a_terminal() {
    let colour = |env: &[(&str, &str)]| {
        let mut brag = Brag::new().log(&fixture()).env("NO_COLOR", "");
        for (key, value) in env {
            brag = brag.env(key, value);
        }
        brag.args(&["list"]).run().stdout.contains('\x1b')
    };
    assert!(!colour(&[]), "a pipe gets no colour");
    assert!(colour(&[("CLICOLOR_FORCE", "1")]));
    assert!(!colour(&[("CLICOLOR_FORCE", "0")]));
    assert!(
        !colour(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
}

/// `brag list` on a real terminal: util-linux's `script` (Essential in Debian, so on every
/// machine that runs these tests) gives it a pseudo-terminal, and its typescript goes to
/// a file inside the test's folder.
#[test]
fn term_dumb_turns_colour_off_on_a_terminal() {
    let on_a_terminal = |term: &str| {
        let brag = Brag::new().env("NO_COLOR", "").env("TERM", term);
        std::fs::write(brag.log_path(), fixture()).expect("write the log");
        let found = brag.shell("command -v script").output().expect("run sh");
        assert!(
            found.status.success(),
            "this test needs `script` from util-linux to give brag a terminal; install util-linux"
        );
        let ran = brag
            .shell("script -qec 'brag list' typescript")
            .output()
            .expect("run script");
        let shown = String::from_utf8_lossy(&ran.stdout).into_owned();
        assert!(
            ran.status.success() && shown.contains("Mentored two new hires"),
            "brag list on a terminal failed:\n{shown}\n{}",
            String::from_utf8_lossy(&ran.stderr)
        );
        shown.contains('\x1b')
    };
    assert!(on_a_terminal("xterm"), "a terminal gets colour");
    assert!(!on_a_terminal("dumb"), "TERM=dumb gets none");
}

// 5. Dates and did-you-mean.

#[test]
fn add_date_takes_the_forms_the_log_reader_reads() {
    for (typed, day) in [
        ("Nov 3", "2026-11-03"),
        ("Nov 3, 2026", "2026-11-03"),
        ("3 November 2026", "2026-11-03"),
        ("2026/11/03", "2026-11-03"),
    ] {
        Brag::new()
            .log(&fixture())
            .args(&["add", "Ran the game day", "--date", typed, "-r", "2 gaps"])
            .run()
            .success()
            .stdout(&format!(
                "added {day}-ran-the-game-day under November 2026 ([DIR]/brag.md:21)\n"
            ));
    }
    Brag::new()
        .log(&fixture())
        .args(&["add", "Ran the game day", "--date", "11/3"])
        .run()
        .failure(1)
        .stderr(
            "brag: invalid date: `11/3` could be month/day or day/month; write it as \
             YYYY-MM-DD, or set `date_order: month-first` (or day-first) in the config\n",
        )
        .log_is(fixture().as_bytes());
    Brag::new()
        .log(&fixture())
        .config("date_order: day-first\n")
        .args(&["add", "Ran the game day", "--date", "3/11", "-r", "2 gaps"])
        .run()
        .success()
        .stdout("added 2026-11-03-ran-the-game-day under November 2026 ([DIR]/brag.md:21)\n");
}

#[test]
fn recent_periods_and_did_you_mean() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "last 30 days", "--format", "ids"])
        .run();
    ran.success().stdout(&format!("{HIRED}\n{PROFILED}\n"));
    Brag::new()
        .log(&fixture())
        .args(&["list", "--since", "past 2 weeks", "--format", "ids"])
        .run()
        .success()
        .stdout(&format!("{PROFILED}\n"));
    // Every command that takes filters says it, when they match nothing.
    for command in [
        &["list"][..],
        &["tags"],
        &["stats", "--on", "2026"],
        &["export"],
    ] {
        let ran = Brag::new()
            .log(&fixture())
            .args(&[command, &["--tag", "on-call"]].concat())
            .run();
        ran.success();
        assert!(
            ran.stderr
                .starts_with("hint: no entry has the tag `on-call`; did you mean `oncall`?\n"),
            "{command:?}: {}",
            ran.stderr
        );
    }
    Brag::new()
        .log(&fixture())
        .args(&["list", "--since", "last quater"])
        .run()
        .failure(1)
        .stderr_contains("unknown date or period `last quater`; did you mean `last quarter`?\n");
}

#[test]
fn undo_refuses_when_the_log_does_not_hold_what_brag_wrote() {
    // The record says brag wrote other bytes than the log holds there (a record from
    // another version of the file, or damaged): nothing is undone.
    let ran = Brag::new()
        .log(&fixture())
        .args(&["add", "Shipped it", "-r", "3 teams"])
        .run();
    ran.success();
    let after = std::fs::read(ran.dir().join("brag.md")).expect("the log");
    let record = ran.dir().join(".brag.md.brag-undo");
    let bytes = std::fs::read(&record).expect("the undo record");
    let text = String::from_utf8(bytes).expect("UTF-8");
    std::fs::write(&record, text.replace("Shipped it", "Shipped up")).expect("written");
    ran.then()
        .args(&["undo"])
        .run()
        .failure(1)
        .stderr(
            "brag: [DIR]/brag.md does not hold what brag wrote when it added \
             2026-11-23-shipped-it; nothing was undone\n",
        )
        .log_is(&after);
}
