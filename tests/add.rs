//! `brag add`, `brag init` and `brag edit` driven as a person drives them: from flags,
//! stdin and a scripted editor, into logs that exist, are missing, are symlinks, end
//! lines with CRLF or are written by twenty `brag add`s at once. Each test checks what
//! the person sees (stdout, stderr, exit code) and the log's exact bytes afterwards.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{Brag, Ran, brag_files_beside, mode};

/// A log in the canonical shape, with the person's own touches (trailing spaces, a
/// comment) that an add must keep. Its entries are on 2026-10-14, 2026-11-02 and
/// 2026-11-21; today is 2026-11-23.
fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/add.md").expect("fixture")
}

/// The last line of the fixture's 2026-11-02 entry, after which a 2026-11-03 entry goes.
const AFTER_HIRED: &str = "- **Results**: Both accepted.\n";
/// The fixture's last line, after which a November entry later than 2026-11-21 goes.
const AFTER_PROFILED: &str = "- **Results**: Found a lock held across an RPC; p99 down 30%.\n";

/// `old` with `block` inserted right after `anchor`, which it holds exactly once.
fn inserted(old: &str, anchor: &str, block: &str) -> String {
    assert_eq!(old.matches(anchor).count(), 1, "{anchor:?} is not unique");
    let at = old.find(anchor).expect("anchor") + anchor.len();
    format!("{}{block}{}", &old[..at], &old[at..])
}

/// `brag add ARGS` on the fixture, with nothing on stdin.
fn add(args: &[&str]) -> Ran {
    Brag::new()
        .log(&fixture())
        .args(&[&["add"], args].concat())
        .run()
}

/// The entries of the log a run left, as `brag list --format json` gives them.
fn listed(ran: Ran) -> Vec<Value> {
    list_json(ran.then())
}

/// `brag list --format json`, parsed.
fn list_json(brag: Brag) -> Vec<Value> {
    let ran = brag.args(&["list", "--format", "json"]).run();
    ran.success();
    ran.json().as_array().expect("an array").clone()
}

/// The built-in template of a new log.
fn log_template() -> String {
    std::fs::read_to_string("templates/log.md").expect("templates/log.md")
}

/// brag's files beside the log (see [`brag_files_beside`]) and the editor drafts kept in
/// the data folder (`data/brag/drafts/draft-*.md`), relative to `folder`.
fn brag_files(folder: &std::path::Path) -> Vec<String> {
    let drafts = folder.join("data/brag/drafts");
    let kept: Vec<String> = std::fs::read_dir(&drafts)
        .map(|entries| {
            entries
                .map(|entry| {
                    let name = entry.expect("an entry").file_name();
                    format!("data/brag/drafts/{}", name.to_string_lossy())
                })
                .collect()
        })
        .unwrap_or_default();
    let mut names = brag_files_beside(folder);
    names.extend(kept);
    names.sort();
    names
}

#[test]
fn flags_become_one_block_under_the_month_in_date_order() {
    let ran = add(&[
        "Cut p95 search latency by 40%",
        "--situation",
        "Search p95 had grown to 900 ms.",
        "--task",
        "Bring p95 under 500 ms without new hardware.",
        "-a",
        "Profiled the query planner.",
        "-a",
        "Added a batched fetch.",
        "-r",
        "p95 900 -> 540 ms",
        "--tag",
        "performance,search",
        "--tag",
        "latency",
        "--scope",
        "project",
        "--date",
        "2026-11-03",
    ]);
    ran.success()
        .stdout(
            "added 2026-11-03-cut-p95-search-latency-by-40 under November 2026 \
             ([DIR]/brag.md:21)\n",
        )
        .stderr("")
        .log_is(
            inserted(
                &fixture(),
                AFTER_HIRED,
                "\n### Cut p95 search latency by 40%\n\
                 - **Date**: 2026-11-03\n\
                 - **Tags**: performance, search, latency\n\
                 - **Scope**: project\n\
                 - **Situation**: Search p95 had grown to 900 ms.\n\
                 - **Task**: Bring p95 under 500 ms without new hardware.\n\
                 - **Actions**:\n  \
                 - Profiled the query planner.\n  \
                 - Added a batched fetch.\n\
                 - **Results**: p95 900 -> 540 ms\n",
            )
            .as_bytes(),
        );
    let entries = listed(ran);
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[2]["id"], "2026-11-03-cut-p95-search-latency-by-40");
    assert_eq!(entries[2]["line"], 21, "the line stdout gave");
}

#[test]
fn dates_resolve_against_today_and_place_the_entry() {
    // Today is Monday 2026-11-23.
    let cases = [
        ("yesterday", "2026-11-22", 26, AFTER_PROFILED),
        ("last friday", "2026-11-20", 21, AFTER_HIRED),
        ("3 days ago", "2026-11-20", 21, AFTER_HIRED),
        ("today", "2026-11-23", 26, AFTER_PROFILED),
        ("2026-11-21", "2026-11-21", 26, AFTER_PROFILED),
    ];
    for (expr, day, line, anchor) in cases {
        let ran = add(&["Ran the game day", "--date", expr, "-r", "2 gaps found"]);
        ran.success()
            .stdout(&format!(
                "added {day}-ran-the-game-day under November 2026 ([DIR]/brag.md:{line})\n"
            ))
            .log_is(
                inserted(
                    &fixture(),
                    anchor,
                    &format!(
                        "\n### Ran the game day\n- **Date**: {day}\n- **Results**: 2 gaps found\n"
                    ),
                )
                .as_bytes(),
            );
    }
    // No --date is today; a month the log lacks gets its heading, in order.
    add(&["Ran the game day", "-r", "2 gaps found"])
        .success()
        .stdout("added 2026-11-23-ran-the-game-day under November 2026 ([DIR]/brag.md:26)\n");
    add(&["Ran the game day", "--date", "2026-09-15", "-r", "2 gaps"])
        .success()
        .stdout("added 2026-09-15-ran-the-game-day under September 2026 ([DIR]/brag.md:8)\n")
        .log_is(
            inserted(
                &fixture(),
                "not after -->\n\n",
                "## September 2026\n\n### Ran the game day\n- **Date**: 2026-09-15\n\
                 - **Results**: 2 gaps\n\n",
            )
            .as_bytes(),
        );
}

#[test]
fn a_hint_asks_for_measurable_results() {
    let id = "2026-11-23-shipped-the-importer";
    let cases: &[(&[&str], &str)] = &[
        (
            &[],
            "hint: no Results yet. What changed because of it, and by how much? \
             Add them with `brag edit 2026-11-23-shipped-the-importer`\n",
        ),
        (
            &["-r", "Teams love it"],
            "hint: Results has no measurable change. A number with a unit (ms, %, $, 3x, \
             900 -> 540, hours, people) makes it evidence: \
             `brag edit 2026-11-23-shipped-the-importer`\n",
        ),
        (
            &["-r", "Teams love it", "-r", "and so do I"],
            "hint: Results has no measurable change. A number with a unit (ms, %, $, 3x, \
             900 -> 540, hours, people) makes it evidence: \
             `brag edit 2026-11-23-shipped-the-importer`\n",
        ),
        (
            &["-r", "p95 is better."],
            "hint: Results has no measurable change. A number with a unit (ms, %, $, 3x, \
             900 -> 540, hours, people) makes it evidence: \
             `brag edit 2026-11-23-shipped-the-importer`\n",
        ),
        (&["-r", "3 teams use it"], ""),
        (&["-r", "Teams love it", "-r", "imports take 2 s"], ""),
    ];
    for (results, hint) in cases {
        let ran = add(&[&["Shipped the importer"], *results].concat());
        ran.success()
            .stdout(&format!(
                "added {id} under November 2026 ([DIR]/brag.md:26)\n"
            ))
            .stderr(hint);
    }
}

/// An entry as a person writes it on stdin: a relative date, a list, an extra field
/// and a note.
const STDIN_ENTRY: &str = "\
### Wrote the on-call handbook
- **Date**: last friday
- **Tags**: docs, oncall
- **Actions**:
  - Interviewed five on-call engineers.
  - Wrote twelve runbooks.
- **Results**: Pages escalated fell from 9 to 2 a week.
- **Links**: [handbook](https://wiki/oncall)

Took two weekends; worth it.
";

#[test]
fn stdin_takes_one_markdown_entry() {
    let expected = inserted(
        &fixture(),
        AFTER_HIRED,
        "\n### Wrote the on-call handbook\n\
         - **Date**: 2026-11-20\n\
         - **Tags**: docs, oncall\n\
         - **Actions**:\n  \
         - Interviewed five on-call engineers.\n  \
         - Wrote twelve runbooks.\n\
         - **Results**: Pages escalated fell from 9 to 2 a week.\n\
         - **Links**: [handbook](https://wiki/oncall)\n\
         \n\
         Took two weekends; worth it.\n",
    );
    // `-` asks for stdin; a pipe and no title reads it too.
    for args in [&["add", "-"][..], &["add"]] {
        let ran = Brag::new()
            .log(&fixture())
            .stdin(STDIN_ENTRY)
            .args(args)
            .run();
        ran.success()
            .stdout(
                "added 2026-11-20-wrote-the-on-call-handbook under November 2026 \
                 ([DIR]/brag.md:21)\n",
            )
            .stderr("")
            .log_is(expected.as_bytes());
    }
    // --date is the day of an entry that gives none.
    let ran = Brag::new()
        .log(&fixture())
        .stdin("- **Paired with Ana on the flaky test**\n  - **Results**: 4 flakes fixed\n")
        .args(&["add", "-", "--date", "2026-11-03"])
        .run();
    ran.success()
        .stdout(
            "added 2026-11-03-paired-with-ana-on-the-flaky-test under November 2026 \
             ([DIR]/brag.md:21)\n",
        )
        .log_is(
            inserted(
                &fixture(),
                AFTER_HIRED,
                "\n### Paired with Ana on the flaky test\n- **Date**: 2026-11-03\n\
                 - **Results**: 4 flakes fixed\n",
            )
            .as_bytes(),
        );
}

#[test]
fn json_takes_one_entry_in_the_list_schema() {
    let ran = Brag::new()
        .log(&fixture())
        .stdin(
            r#"{"title": "Led the billing migration", "date": "yesterday",
                "tags": ["migration"], "scope": "product", "task": "Move billing.",
                "actions": ["Wrote the plan.", "Ran the cut-over."],
                "results": "Zero downtime; 3 teams moved.",
                "fields": {"Links": "[rfc](https://wiki/rfc-12)"}, "notes": "Thanks, Sam."}"#,
        )
        .args(&["add", "--json"])
        .run();
    ran.success()
        .stdout(
            "added 2026-11-22-led-the-billing-migration under November 2026 \
             ([DIR]/brag.md:26)\n",
        )
        .stderr("")
        .log_is(
            inserted(
                &fixture(),
                AFTER_PROFILED,
                "\n### Led the billing migration\n\
                 - **Date**: 2026-11-22\n\
                 - **Tags**: migration\n\
                 - **Scope**: product\n\
                 - **Task**: Move billing.\n\
                 - **Actions**:\n  \
                 - Wrote the plan.\n  \
                 - Ran the cut-over.\n\
                 - **Results**: Zero downtime; 3 teams moved.\n\
                 - **Links**: [rfc](https://wiki/rfc-12)\n\
                 \n\
                 Thanks, Sam.\n",
            )
            .as_bytes(),
        );
}

/// What `brag list --format json` says of an entry, but where it is (its period too:
/// an entry dated by its month heading is written back with its date, a day).
fn without_place(mut entry: Value) -> Value {
    let object = entry.as_object_mut().expect("an object");
    object.remove("id");
    object.remove("line");
    object.remove("period");
    entry
}

#[test]
fn an_entry_from_list_json_adds_back_as_the_same_entry() {
    // `brag list --format json | jq .[1] | brag add --json --allow-duplicate`, without
    // jq (without the flag, the same date and title are refused: see tests/everyday.rs).
    let entries = list_json(Brag::new().log(&fixture()));
    let hired = entries[1].clone();
    let ran = Brag::new()
        .log(&fixture())
        .stdin(&hired.to_string())
        .args(&["add", "--json", "--allow-duplicate"])
        .run();
    ran.success()
        .stdout(
            "added 2026-11-02-hired-two-engineers-for-the-search-team-2 under November 2026 \
             ([DIR]/brag.md:21)\n",
        )
        .log_is(
            inserted(
                &fixture(),
                AFTER_HIRED,
                "\n### Hired two engineers for the search team\n- **Date**: 2026-11-02\n\
                 - **Tags**: hiring, search\n- **Results**: Both accepted.\n",
            )
            .as_bytes(),
        );
    // Every entry of the logs with lists, extra fields, notes and verbatim bodies reads
    // back the same after a trip through JSON into a new log.
    for name in ["canonical", "extra-fields-notes", "verbatim-bodies"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/{name}.md")).expect("fixture");
        let originals = list_json(Brag::new().log(&text));
        assert!(!originals.is_empty(), "{name} has entries");
        for original in originals {
            let ran = Brag::new()
                .stdin(&original.to_string())
                .args(&["add", "--json"])
                .run();
            ran.success();
            let back = listed(ran);
            assert_eq!(back.len(), 1, "{name}: {original}");
            assert_eq!(
                without_place(back[0].clone()),
                without_place(original.clone()),
                "{name}"
            );
        }
    }
}

#[test]
fn bad_input_is_an_error_and_the_log_is_unchanged() {
    let json_keys = "  expected one object with the keys of `brag list --format json`: title, date, \
                     tags, scope, situation, task, actions, results, fields, notes\n";
    let cases: &[(&[&str], &str, String)] = &[
        (
            &[""],
            "",
            "brag: the title is empty; say what you did, e.g. brag add \"Cut p95 latency by 40%\"\n"
                .into(),
        ),
        (
            &["  "],
            "",
            "brag: the title is empty; say what you did, e.g. brag add \"Cut p95 latency by 40%\"\n"
                .into(),
        ),
        (
            &["Did it", "--date", "2026-02-30"],
            "",
            "brag: invalid date: `2026-02-30` is not a real date\n".into(),
        ),
        (
            &["Did it", "--date", "someday"],
            "",
            "brag: invalid date: unknown day `someday`; try one of: 2026-05-01, today, \
             yesterday, friday, last friday, 3 days ago\n"
                .into(),
        ),
        (
            &["Did it", "--date", "last week"],
            "",
            "brag: invalid date: `last week` covers 2026-11-16..2026-11-22, but a single day is \
             needed, such as 2026-05-01, yesterday, friday or 3 days ago\n"
                .into(),
        ),
        (
            &["Did it", "--scope", "galaxy"],
            "",
            "brag: unknown scope \"galaxy\"; scope is one of task, milestone, project, product, \
             business\n"
                .into(),
        ),
        (
            &["Did it", "--tag", "cross team"],
            "",
            "brag: tag \"cross team\" has a space in it; tags are single words (such as \
             \"cross-team\"), separated by commas\n"
                .into(),
        ),
        (
            &["Fixed bug #123 ###"],
            "",
            "brag: cannot add the entry safely: the new entry would read back with title \
             \"Fixed bug #123\", not \"Fixed bug #123 ###\"; the log was not changed\n"
                .into(),
        ),
        (
            &["-"],
            "I fixed the flaky build and it felt great.\n",
            "brag: stdin:1: an entry starts with its title, as a heading (### Title) or a bold \
             bullet (- **Title**)\n"
                .into(),
        ),
        (
            &["-"],
            "### Fixed the flaky build\n- **Results**: 0 flakes\n### Wrote the runbook\n",
            "brag: stdin:3: a second entry starts here; add one entry at a time\n".into(),
        ),
        (
            &[],
            "\n### Fixed the flaky build\n- **Scope**: galaxy\n",
            "brag: stdin:3:1: error: unknown scope \"galaxy\"\n3 | - **Scope**: galaxy\n  \
             = hint: scope is one of task, milestone, project, product, business\n"
                .into(),
        ),
        (
            &["-"],
            "### Fixed the flaky build\n- **Date**: 2026-02-30\n",
            "brag: stdin:2:1: error: cannot read the date \"2026-02-30\"\n\
             2 | - **Date**: 2026-02-30\n  = hint: write dates as YYYY-MM-DD\n"
                .into(),
        ),
        (
            &["-"],
            "",
            "brag: stdin is empty: pipe one entry in, or give a title: brag add \"What you did\"\n"
                .into(),
        ),
        (
            &[],
            " \n\n",
            "brag: stdin is empty: pipe one entry in, or give a title: brag add \"What you did\"\n"
                .into(),
        ),
        (
            &["--json"],
            "",
            "brag: stdin is empty: pipe one entry in, or give a title: brag add \"What you did\"\n"
                .into(),
        ),
        (
            &["--json"],
            "{\"title\": ",
            format!(
                "brag: stdin is not a JSON entry: EOF while parsing a value at line 1 column 10\n\
                 {json_keys}"
            ),
        ),
        (
            &["--json"],
            "{\"title\": \"Did it\", \"colour\": \"blue\"}",
            format!(
                "brag: stdin is not a JSON entry: unknown field `colour`, expected one of \
                 `title`, `date`, `tags`, `scope`, `situation`, `task`, `actions`, `results`, \
                 `fields`, `notes`, `id`, `month`, `period`, `section`, `line` at line 1 \
                 column 28\n{json_keys}"
            ),
        ),
        (
            &["--json"],
            "[{\"title\": \"Did it\"}]",
            "brag: stdin holds a JSON array; --json adds one entry: pipe one object, e.g. \
             brag list --format json | jq '.[0]' | brag add --json\n"
                .into(),
        ),
        (
            &["--json"],
            "{\"title\": \"Did it\", \"date\": \"2026-02-30\"}",
            "brag: invalid date: `2026-02-30` is not a real date\n".into(),
        ),
        (
            &["--json"],
            "{\"title\": \"Did it\", \"scope\": \"galaxy\"}",
            "brag: unknown scope \"galaxy\"; scope is one of task, milestone, project, product, \
             business\n"
                .into(),
        ),
        (
            &["-", "--tag", "x"],
            "### Did it\n",
            "brag: the entry comes from stdin, so its fields go there too; only --date can be \
             given with it\n"
                .into(),
        ),
        (
            &["Did it", "--json"],
            "{\"title\": \"Did it\"}",
            "brag: --json reads the whole entry from stdin; put the title in it\n".into(),
        ),
        (
            &["--result", "3x faster"],
            "",
            "brag: give the entry a title: brag add \"What you did\" ...\n".into(),
        ),
    ];
    for (args, stdin, stderr) in cases {
        let ran = Brag::new()
            .log(&fixture())
            .stdin(stdin)
            .args(&[&["add"], *args].concat())
            .run();
        ran.failure(1)
            .stdout("")
            .stderr(stderr)
            .log_is(fixture().as_bytes());
        assert_eq!(brag_files(ran.dir()), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn a_log_that_would_swallow_the_entry_is_left_unchanged() {
    // The entry goes at the end of November, where a comment or a code block that is
    // never closed would take it in: the plan is made, read back, and refused. Small
    // logs are planned whole, those past 1 MiB on a window.
    let notes = "A line of notes that makes the log large.\n".repeat(30_000);
    for (padding, opener) in [
        ("", "<!--"),
        ("", "```"),
        ("", "~~~~"),
        (notes.as_str(), "<!--"),
    ] {
        let old = format!(
            "# Achievement log\n\n## November 2026\n\n### Fixed the loop\n\
             - **Date**: 2026-11-03\n\n{padding}{opener}\nold notes\n"
        );
        let ran = Brag::new()
            .log(&old)
            .args(&["add", "Shipped the importer", "--date", "2026-11-20"])
            .run();
        ran.failure(1).stdout("").log_is(old.as_bytes());
        assert!(
            ran.stderr.starts_with("brag: cannot add the entry")
                && ran.stderr.ends_with("the log was not changed\n"),
            "{opener}: {}",
            ran.stderr
        );
        assert_eq!(brag_files(ran.dir()), Vec::<String>::new(), "{opener}");
    }
}

#[test]
fn bad_input_creates_no_log() {
    let ran = Brag::new()
        .args(&[
            "--file",
            "new/brag.md",
            "add",
            "Did it",
            "--scope",
            "galaxy",
        ])
        .run();
    ran.failure(1).stdout("").stderr(
        "brag: unknown scope \"galaxy\"; scope is one of task, milestone, project, product, \
         business\n",
    );
    assert!(!ran.dir().join("new").exists(), "no folder was created");
}

#[test]
fn a_missing_log_is_created_from_the_template() {
    let ran = Brag::new()
        .args(&[
            "--file",
            "career/notes/brag.md",
            "add",
            "Shipped the importer",
            "-r",
            "3 teams use it",
        ])
        .run();
    ran.success()
        .stdout(
            "added 2026-11-23-shipped-the-importer under November 2026 (career/notes/brag.md:32)\n",
        )
        .stderr("");
    let created = std::fs::read_to_string(ran.dir().join("career/notes/brag.md")).expect("a log");
    assert_eq!(
        created,
        format!(
            "{}\n## November 2026\n\n### Shipped the importer\n- **Date**: 2026-11-23\n\
             - **Results**: 3 teams use it\n",
            log_template()
        )
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&ran.dir().join("career")), 0o700);
        assert_eq!(mode(&ran.dir().join("career/notes")), 0o700);
        assert_eq!(mode(&ran.dir().join("career/notes/brag.md")), 0o600);
    }
}

#[test]
fn init_creates_the_log_and_config_and_never_overwrites_them() {
    // No BRAG_FILE: the log goes to the data folder, which does not exist yet.
    let ran = Brag::new().env("BRAG_FILE", "").args(&["init"]).run();
    ran.success()
        .stdout(
            "created [DIR]/data/brag/brag.md (your log)\n\
             created [DIR]/config/brag/config.yaml (your config)\n",
        )
        .stderr("");
    let log = ran.dir().join("data/brag/brag.md");
    let config = ran.dir().join("config/brag/config.yaml");
    assert_eq!(std::fs::read_to_string(&log).expect("log"), log_template());
    assert_eq!(
        std::fs::read_to_string(&config).expect("config"),
        std::fs::read_to_string("templates/config.yaml").expect("templates/config.yaml")
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&ran.dir().join("data")), 0o700);
        assert_eq!(mode(&ran.dir().join("data/brag")), 0o700);
        assert_eq!(mode(&log), 0o600);
        assert_eq!(mode(&config), 0o600);
    }
    // The person writes in both; a second init keeps every byte.
    std::fs::write(&log, "# Mine\n").expect("write");
    std::fs::write(&config, "editor: nano\n").expect("write");
    let ran = ran.then().env("BRAG_FILE", "").args(&["init"]).run();
    ran.success()
        .stdout(
            "kept [DIR]/data/brag/brag.md (your log): it already exists\n\
             kept [DIR]/config/brag/config.yaml (your config): it already exists\n",
        )
        .stderr("");
    assert_eq!(std::fs::read_to_string(&log).expect("log"), "# Mine\n");
    assert_eq!(
        std::fs::read_to_string(&config).expect("config"),
        "editor: nano\n"
    );
    // An existing log is kept while a missing config is created.
    let ran = Brag::new().log(&fixture()).args(&["init"]).run();
    ran.success()
        .stdout(
            "kept [DIR]/brag.md (your log): it already exists\n\
             created [DIR]/config/brag/config.yaml (your config)\n",
        )
        .log_is(fixture().as_bytes());
}

#[test]
fn crlf_logs_get_crlf_entries() {
    let old = fixture().replace('\n', "\r\n");
    let ran = Brag::new()
        .log(&old)
        .args(&[
            "add",
            "Cut build time in half",
            "--tag",
            "ci",
            "-a",
            "Cached the toolchain.",
            "-a",
            "Split the test job.",
            "-r",
            "22 -> 11 min",
            "--date",
            "2026-11-03",
        ])
        .run();
    ran.success()
        .stdout("added 2026-11-03-cut-build-time-in-half under November 2026 ([DIR]/brag.md:21)\n")
        .log_is(
            inserted(
                &old,
                "- **Results**: Both accepted.\r\n",
                "\r\n### Cut build time in half\r\n- **Date**: 2026-11-03\r\n- **Tags**: ci\r\n\
                 - **Actions**:\r\n  - Cached the toolchain.\r\n  - Split the test job.\r\n\
                 - **Results**: 22 -> 11 min\r\n",
            )
            .as_bytes(),
        );
    // An entry typed with LF on stdin is written with the log's CRLF.
    let ran = Brag::new()
        .log(&old)
        .stdin("### Paired on the flaky test\n- **Results**: 4 flakes fixed\n")
        .args(&["add", "-"])
        .run();
    ran.success().log_is(
        inserted(
            &old,
            "p99 down 30%.\r\n",
            "\r\n### Paired on the flaky test\r\n- **Date**: 2026-11-23\r\n\
             - **Results**: 4 flakes fixed\r\n",
        )
        .as_bytes(),
    );
}

/// A log of 2026 with `per_month` entries in each month, all on its 10th.
fn year_of_entries(per_month: usize) -> String {
    let mut log = String::from("# Achievement log\n");
    for (month, name) in [
        "January", "February", "March", "April", "May", "June", "July",
    ]
    .iter()
    .chain(&["August", "September", "October", "November", "December"])
    .enumerate()
    {
        log.push_str(&format!("\n## {name} 2026\n"));
        for n in 0..per_month {
            log.push_str(&format!(
                "\n### Reviewed pull request {n} of {name}\n- **Date**: 2026-{:02}-10\n\
                 - **Tags**: review\n- **Results**: Merged after {n} comments.\n",
                month + 1
            ));
        }
    }
    log
}

#[test]
fn a_large_log_gets_the_same_one_block_insertion() {
    // A month in the middle of a log over 1 MiB is beyond the windows at either end:
    // brag reads the whole log, and the entry goes where it would in a small one.
    let old = year_of_entries(800);
    assert!(old.len() > 1 << 20, "{} bytes", old.len());
    let at = old.find("\n\n## July 2026\n").expect("July") + 1;
    add_lands_at(&old, "2026-06-20", at, "June 2026", "");
}

/// `brag add "Shipped the importer" -r "3 teams use it" --date DATE` on `old`: the
/// entry block (after a new `heading`, if one is given) lands at byte `at`, under
/// `month`.
fn add_lands_at(old: &str, date: &str, at: usize, month: &str, heading: &str) {
    let line = old[..at].matches('\n').count() + heading.matches('\n').count() + 2;
    let ran = Brag::new()
        .log(old)
        .args(&[
            "add",
            "Shipped the importer",
            "-r",
            "3 teams use it",
            "--date",
            date,
        ])
        .run();
    ran.success()
        .stdout(&format!(
            "added {date}-shipped-the-importer under {month} ([DIR]/brag.md:{line})\n"
        ))
        .stderr("");
    let block = format!(
        "{heading}\n### Shipped the importer\n- **Date**: {date}\n- **Results**: 3 teams use it\n"
    );
    ran.log_is(format!("{}{block}{}", &old[..at], &old[at..]).as_bytes());
}

#[test]
fn a_large_log_gets_an_entry_in_its_last_months_from_a_window() {
    // Over 1 MiB, an entry for one of the last months (or a new month after them) is
    // planned on a window of the log's end: the bytes are those of a whole-file plan.
    let old = year_of_entries(800);
    assert!(old.len() > 1 << 20, "{} bytes", old.len());
    // After November's last entry (all are on the 10th), before December.
    let december = old.find("\n## December 2026\n").expect("December");
    add_lands_at(&old, "2026-11-12", december, "November 2026", "");
    add_lands_at(&old, "2026-12-24", old.len(), "December 2026", "");
    add_lands_at(
        &old,
        "2027-01-05",
        old.len(),
        "January 2027",
        "\n## January 2027\n",
    );
}

#[test]
fn a_large_log_refuses_a_duplicate_found_in_its_window() {
    // Planned on a window, the duplicate check reads that window: it holds the month.
    let old = year_of_entries(800);
    assert!(old.len() > 1 << 20, "{} bytes", old.len());
    let ran = Brag::new()
        .log(&old)
        .args(&[
            "add",
            "Reviewed pull request 5 of December",
            "--date",
            "2026-12-10",
        ])
        .run();
    ran.failure(1).stdout("").stderr(
        "brag: 2026-12-10-reviewed-pull-request-5-of-december already has this date and \
             title; the log was not changed\n  `brag show \
             2026-12-10-reviewed-pull-request-5-of-december` shows it; add --allow-duplicate \
             to add a second one\n",
    );
    assert!(
        ran.log.as_deref() == Some(old.as_bytes()),
        "the log changed"
    );
}

#[test]
fn a_large_newest_first_log_gets_an_entry_in_its_first_months_from_a_window() {
    // Kept newest first, the window is the log's start.
    let year = year_of_entries(800);
    let mut months: Vec<&str> = year.split("\n\n## ").collect();
    let title = months.remove(0);
    months.reverse();
    let old = format!("{title}\n\n## {}", months.join("\n\n## "));
    assert!(old.len() > 1 << 20, "{} bytes", old.len());
    assert!(
        old.starts_with("# Achievement log\n\n## December 2026\n"),
        "{}",
        &old[..80]
    );
    // Newer than every December entry: first in the month.
    let first_entry = old.find("\n### ").expect("an entry");
    add_lands_at(&old, "2026-12-24", first_entry, "December 2026", "");
    // A new month: before December, after the title.
    let december = old.find("\n## December").expect("December");
    add_lands_at(
        &old,
        "2027-01-05",
        december,
        "January 2027",
        "\n## January 2027\n",
    );
}

/// The titles of twenty adds, run at once.
fn twenty_titles() -> Vec<String> {
    (1..=20).map(|n| format!("Closed incident {n}")).collect()
}

/// Runs `brag add TITLE --date 2026-11-03 -r ...` for every title at once in `brag`'s
/// folder and returns each one's exit code, stdout and stderr, in title order.
fn add_at_once(brag: &Brag, titles: &[String]) -> Vec<(i32, String, String)> {
    let children: Vec<_> = titles
        .iter()
        .map(|title| {
            brag.command(&[
                "add",
                title.as_str(),
                "--date",
                "2026-11-03",
                "-r",
                "MTTR 40 min",
            ])
            .spawn()
            .expect("spawn brag")
        })
        .collect();
    let shown = brag.dir().display().to_string();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().expect("wait for brag");
            (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).replace(&shown, "[DIR]"),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .collect()
}

/// The block `add_at_once` writes for `title`.
fn incident_block(title: &str) -> String {
    format!("\n### {title}\n- **Date**: 2026-11-03\n- **Results**: MTTR 40 min\n")
}

/// The ids of `titles` on 2026-11-03.
fn incident_ids(titles: &[String]) -> BTreeSet<String> {
    titles
        .iter()
        .map(|title| format!("2026-11-03-{}", title.to_lowercase().replace(' ', "-")))
        .collect()
}

/// Checks twenty adds that ran at once: each succeeded and reported the line its entry
/// is on now (later ones went after it), and the log reads cleanly with each entry once.
/// Returns the log's bytes and the new entries' blocks in the order the lock let them in.
fn check_adds_at_once(
    ran: &[(i32, String, String)],
    titles: &[String],
    brag: Brag,
) -> (String, String) {
    for (code, stdout, stderr) in ran {
        assert_eq!((*code, stderr.as_str()), (0, ""), "{stdout}");
    }
    let checked = brag.args(&["check"]).run();
    checked.success().stderr("");
    let log = String::from_utf8(checked.log.clone().expect("a log")).expect("UTF-8");
    let entries = listed(checked);
    let new: Vec<&Value> = entries
        .iter()
        .filter(|entry| entry["date"] == "2026-11-03")
        .collect();
    let ids: BTreeSet<String> = new
        .iter()
        .map(|entry| entry["id"].as_str().expect("id").to_string())
        .collect();
    assert_eq!(new.len(), titles.len(), "each entry once");
    assert_eq!(ids, incident_ids(titles));
    for (title, (_, stdout, _)) in titles.iter().zip(ran) {
        let entry = new
            .iter()
            .find(|entry| entry["title"] == title.as_str())
            .expect("the entry");
        assert_eq!(
            *stdout,
            format!(
                "added {} under November 2026 ([DIR]/brag.md:{})\n",
                entry["id"].as_str().expect("id"),
                entry["line"]
            )
        );
    }
    let blocks = new
        .iter()
        .map(|entry| incident_block(entry["title"].as_str().expect("title")))
        .collect();
    (log, blocks)
}

#[test]
fn twenty_adds_at_once_each_land_once() {
    let titles = twenty_titles();
    let ran = Brag::new().log(&fixture()).args(&["check"]).run();
    ran.success();
    let brag = ran.then();
    let outputs = add_at_once(&brag, &titles);
    let (log, blocks) = check_adds_at_once(&outputs, &titles, brag);
    assert_eq!(log, inserted(&fixture(), AFTER_HIRED, &blocks));
}

#[test]
fn twenty_first_adds_at_once_create_one_log() {
    let titles = twenty_titles();
    let brag = Brag::new();
    let outputs = add_at_once(&brag, &titles);
    let (log, blocks) = check_adds_at_once(&outputs, &titles, brag);
    assert_eq!(
        log,
        format!("{}\n## November 2026\n{blocks}", log_template())
    );
}

/// The block `brag add "Shipped the importer" -r "3 teams use it"` writes today.
#[cfg(unix)]
const SHIPPED: &str =
    "\n### Shipped the importer\n- **Date**: 2026-11-23\n- **Results**: 3 teams use it\n";

#[cfg(unix)]
#[test]
fn a_symlinked_log_stays_a_symlink_to_the_changed_target() {
    use std::os::unix::fs::PermissionsExt;
    let brag = Brag::new();
    let real = brag.dir().join("sync");
    std::fs::create_dir(&real).expect("folder");
    std::fs::write(real.join("career.md"), fixture()).expect("write");
    std::fs::set_permissions(
        real.join("career.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .expect("chmod");
    std::os::unix::fs::symlink("sync/career.md", brag.log_path()).expect("symlink");
    let ran = brag
        .args(&["add", "Shipped the importer", "-r", "3 teams use it"])
        .run();
    ran.success()
        .stdout("added 2026-11-23-shipped-the-importer under November 2026 ([DIR]/brag.md:26)\n")
        .log_is(inserted(&fixture(), AFTER_PROFILED, SHIPPED).as_bytes());
    let link = ran.dir().join("brag.md");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("metadata")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        std::path::Path::new("sync/career.md")
    );
    assert_eq!(mode(&real.join("career.md")), 0o640);
    assert_eq!(brag_files(ran.dir()), Vec::<String>::new());
    assert_eq!(brag_files(&real), Vec::<String>::new());
}

/// A relative symlink names its target from its own folder, not from where brag runs:
/// the log is a link in `logs/` to `sync/career.md` beside it, and brag runs one folder
/// up.
#[cfg(unix)]
#[test]
fn a_relative_symlink_is_followed_from_its_own_folder() {
    let brag = Brag::new();
    let logs = brag.dir().join("logs");
    std::fs::create_dir_all(logs.join("sync")).expect("folders");
    std::fs::write(logs.join("sync/career.md"), fixture()).expect("write");
    let link = logs.join("brag.md");
    std::os::unix::fs::symlink("sync/career.md", &link).expect("symlink");
    let ran = brag
        .env("BRAG_FILE", link.to_str().expect("UTF-8 path"))
        .args(&["add", "Shipped the importer", "-r", "3 teams use it"])
        .run();
    ran.success().stdout(
        "added 2026-11-23-shipped-the-importer under November 2026 ([DIR]/logs/brag.md:26)\n",
    );
    assert_eq!(
        std::fs::read_to_string(logs.join("sync/career.md")).expect("the target"),
        inserted(&fixture(), AFTER_PROFILED, SHIPPED)
    );
    assert!(
        !ran.dir().join("sync").exists(),
        "nothing made beside the working folder"
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_gets_its_target_created() {
    let brag = Brag::new();
    std::os::unix::fs::symlink("sync/career/brag.md", brag.log_path()).expect("symlink");
    let ran = brag
        .args(&["add", "Shipped the importer", "-r", "3 teams use it"])
        .run();
    ran.success()
        .stdout("added 2026-11-23-shipped-the-importer under November 2026 ([DIR]/brag.md:32)\n")
        .log_is(format!("{}\n## November 2026\n{SHIPPED}", log_template()).as_bytes());
    let link = ran.dir().join("brag.md");
    assert_eq!(
        std::fs::read_link(&link).expect("still a symlink"),
        std::path::Path::new("sync/career/brag.md")
    );
    assert_eq!(mode(&ran.dir().join("sync")), 0o700);
    assert_eq!(mode(&ran.dir().join("sync/career")), 0o700);
    assert_eq!(mode(&ran.dir().join("sync/career/brag.md")), 0o600);
}

#[cfg(unix)]
#[test]
fn an_add_keeps_the_logs_permissions() {
    use std::os::unix::fs::PermissionsExt;
    for bits in [0o640, 0o600, 0o644, 0o660] {
        let brag = Brag::new();
        std::fs::write(brag.log_path(), fixture()).expect("write");
        std::fs::set_permissions(brag.log_path(), std::fs::Permissions::from_mode(bits))
            .expect("chmod");
        let ran = brag
            .args(&["add", "Shipped the importer", "-r", "3 teams use it"])
            .run();
        ran.success()
            .log_is(inserted(&fixture(), AFTER_PROFILED, SHIPPED).as_bytes());
        assert_eq!(mode(&ran.dir().join("brag.md")), bits, "{bits:o}");
    }
}

/// A fake editor's first lines: `$file` is its last argument, the file to edit, whose
/// text it first copies to `seen.md` in the run's folder.
#[cfg(unix)]
const EDITOR_OPENS: &str = "for file; do :; done\ncp \"$file\" seen.md\n";

/// A fake editor that replaces the file with `text`.
#[cfg(unix)]
fn editor_writing(brag: &Brag, name: &str, text: &str) -> String {
    brag.script(
        name,
        &format!("{EDITOR_OPENS}cat > \"$file\" <<'TYPED'\n{text}TYPED\n"),
    )
}

/// `templates/entry.md` as `brag add -e` fills it in.
#[cfg(unix)]
fn entry_template(values: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string("templates/entry.md").expect("templates/entry.md");
    for (key, value) in values {
        text = text.replace(key, value);
    }
    for key in [
        "{title}",
        "{tags}",
        "{scope}",
        "{situation}",
        "{task}",
        "{actions}",
        "{results}",
    ] {
        text = text.replace(key, "");
    }
    text
}

/// An entry with a relative date, as a person types it in the editor.
#[cfg(unix)]
const TYPED: &str = "### Shipped the importer\n- **Date**: yesterday\n- **Scope**: project\n\
                     - **Results**: 3 teams use it\n";

/// What `TYPED` adds to the fixture.
#[cfg(unix)]
fn typed_added() -> String {
    inserted(
        &fixture(),
        AFTER_PROFILED,
        "\n### Shipped the importer\n- **Date**: 2026-11-22\n- **Scope**: project\n\
         - **Results**: 3 teams use it\n",
    )
}

#[cfg(unix)]
#[test]
fn the_editor_opens_on_the_filled_template_and_its_entry_is_added() {
    // The person fills in the title and Results and leaves the other prompts and the
    // guidance comment: both are left out.
    let brag = Brag::new().log(&fixture());
    let editor = brag.script(
        "fill",
        &format!(
            "{EDITOR_OPENS}sed -e 's/^### $/### Shipped the importer/' \
             -e 's/^- \\*\\*Results\\*\\*: $/- **Results**: 3 teams use it/' seen.md > \"$file\"\n"
        ),
    );
    let ran = brag
        .env("VISUAL", &editor)
        .args(&["add", "-e", "--tag", "ingest", "--date", "yesterday"])
        .run();
    ran.success()
        .stdout("added 2026-11-22-shipped-the-importer under November 2026 ([DIR]/brag.md:26)\n")
        .stderr("")
        .log_is(
            inserted(
                &fixture(),
                AFTER_PROFILED,
                "\n### Shipped the importer\n- **Date**: 2026-11-22\n- **Tags**: ingest\n\
                 - **Results**: 3 teams use it\n",
            )
            .as_bytes(),
        );
    assert_eq!(
        std::fs::read_to_string(ran.dir().join("seen.md")).expect("the editor ran"),
        entry_template(&[("{date}", "2026-11-22"), ("{tags}", "ingest")])
    );
    assert_eq!(brag_files(ran.dir()), Vec::<String>::new(), "no draft left");
}

#[cfg(unix)]
#[test]
fn the_editor_is_the_configs_then_visual_then_editor_then_vi() {
    // (config `editor:`, VISUAL, EDITOR) set or not, and the one that runs.
    let cases = [
        ((true, true, true), "config"),
        ((false, true, true), "visual"),
        ((false, false, true), "editor"),
        ((false, false, false), "vi"),
    ];
    for ((in_config, in_visual, in_editor), chosen) in cases {
        let mut brag = Brag::new().log(&fixture());
        let [config, visual, editor] = ["config", "visual", "editor"]
            .map(|name| editor_writing(&brag, name, &TYPED.replace("importer", name)));
        if in_config {
            // The config's editor may carry arguments: the file is still the last one.
            brag = brag.config(&format!("editor: {config} --wait\n"));
        }
        if in_visual {
            brag = brag.env("VISUAL", &visual);
        }
        if in_editor {
            brag = brag.env("EDITOR", &editor);
        }
        // With none of them, `vi` from PATH.
        let vi = editor_writing(&brag, "vi", &TYPED.replace("importer", "vi"));
        let bin = std::path::Path::new(&vi)
            .parent()
            .expect("bin")
            .display()
            .to_string();
        let path = format!("{bin}:{}", std::env::var("PATH").unwrap_or_default());
        let ran = brag.env("PATH", &path).args(&["add", "-e"]).run();
        ran.success()
            .stdout(&format!(
                "added 2026-11-22-shipped-the-{chosen} under November 2026 ([DIR]/brag.md:26)\n"
            ))
            .log_is(typed_added().replace("importer", chosen).as_bytes());
    }
}

#[cfg(unix)]
#[test]
fn an_unchanged_or_emptied_entry_adds_nothing() {
    let cases = [
        (
            ":\n",
            "brag: no entry added: the entry was left unchanged\n",
        ),
        (
            ": > \"$file\"\n",
            "brag: no entry added: the entry was left empty\n",
        ),
        (
            "printf '\\n  \\n' > \"$file\"\n",
            "brag: no entry added: the entry was left empty\n",
        ),
        (
            // Only the guidance comment left: it is not part of the entry.
            "sed -n '/<!-- brag:/,$p' seen.md > \"$file\"\n",
            "brag: no entry added: the entry was left empty\n",
        ),
    ];
    for (action, stderr) in cases {
        let brag = Brag::new().log(&fixture());
        let editor = brag.script("vi", &format!("{EDITOR_OPENS}{action}"));
        let ran = brag.env("EDITOR", &editor).args(&["add", "-e"]).run();
        ran.failure(1)
            .stdout("")
            .stderr(stderr)
            .log_is(fixture().as_bytes());
        assert!(ran.dir().join("seen.md").exists(), "the editor ran");
        assert_eq!(brag_files(ran.dir()), Vec::<String>::new(), "no draft left");
    }
}

/// The one draft kept in `folder`.
#[cfg(unix)]
fn kept_draft(folder: &std::path::Path) -> String {
    let drafts = brag_files(folder);
    assert_eq!(drafts.len(), 1, "one draft kept: {drafts:?}");
    assert!(drafts[0].starts_with("data/brag/drafts/draft-") && drafts[0].ends_with(".md"));
    drafts[0].clone()
}

#[cfg(unix)]
#[test]
fn an_entry_that_cannot_be_added_is_kept_for_the_person() {
    let cases = [
        (
            "### Shipped the importer\n- **Scope**: galaxy\n- **Results**: 3 teams\n",
            "brag: DRAFT:2:1: error: unknown scope \"galaxy\"\n2 | - **Scope**: galaxy\n  \
             = hint: scope is one of task, milestone, project, product, business\n",
        ),
        (
            "### Shipped the importer\n- **Date**: 2026-02-30\n- **Results**: 3 teams\n",
            "brag: DRAFT:2:1: error: cannot read the date \"2026-02-30\"\n\
             2 | - **Date**: 2026-02-30\n  = hint: write dates as YYYY-MM-DD\n",
        ),
        (
            "### Shipped the importer\n### Fixed the build\n",
            "brag: DRAFT:2: a second entry starts here; add one entry at a time\n",
        ),
    ];
    for (typed, error) in cases {
        let brag = Brag::new().log(&fixture());
        let editor = editor_writing(&brag, "vim", typed);
        let ran = brag.env("VISUAL", &editor).args(&["add", "-e"]).run();
        let draft = kept_draft(ran.dir());
        ran.failure(1)
            .stdout("")
            .stderr(&format!(
                "{}  your entry is saved in [DIR]/{draft}; fix it, then: \
                 brag add - < [DIR]/{draft}\n",
                error.replace("DRAFT", &format!("[DIR]/{draft}"))
            ))
            .log_is(fixture().as_bytes());
        let kept = ran.dir().join(&draft);
        assert_eq!(std::fs::read_to_string(&kept).expect("the draft"), typed);
        assert_eq!(mode(&kept), 0o600, "private, like the log");
    }
    // The person fixes the kept entry and does what the message says.
    let brag = Brag::new().log(&fixture());
    let editor = editor_writing(&brag, "vim", &TYPED.replace("project", "galaxy"));
    let ran = brag.env("VISUAL", &editor).args(&["add", "-e"]).run();
    ran.failure(1);
    let draft = kept_draft(ran.dir());
    let fixed = std::fs::read_to_string(ran.dir().join(&draft))
        .expect("the draft")
        .replace("galaxy", "project");
    ran.then()
        .stdin(&fixed)
        .args(&["add", "-"])
        .run()
        .success()
        .stdout("added 2026-11-22-shipped-the-importer under November 2026 ([DIR]/brag.md:26)\n")
        .log_is(typed_added().as_bytes());
}

#[cfg(unix)]
#[test]
fn a_failing_editor_adds_nothing_and_keeps_what_was_typed() {
    let brag = Brag::new().log(&fixture());
    let editor = brag.script(
        "vim",
        &format!("{EDITOR_OPENS}cat > \"$file\" <<'TYPED'\n{TYPED}TYPED\nexit 3\n"),
    );
    let ran = brag.env("VISUAL", &editor).args(&["add", "-e"]).run();
    let draft = kept_draft(ran.dir());
    ran.failure(1)
        .stdout("")
        .stderr(&format!(
            "brag: the editor `[DIR]/bin/vim` failed (exit status: 3)\n  your entry is saved in \
             [DIR]/{draft}; fix it, then: brag add - < [DIR]/{draft}\n"
        ))
        .log_is(fixture().as_bytes());
    assert_eq!(
        std::fs::read_to_string(ran.dir().join(&draft)).expect("the draft"),
        TYPED
    );
    // An editor that cannot start changed nothing, so nothing is kept.
    let ran = Brag::new()
        .log(&fixture())
        .env("VISUAL", "no-such-editor-here")
        .args(&["add", "-e", "Shipped the importer"])
        .run();
    ran.failure(1)
        .stdout("")
        .stderr_contains("brag: the editor `no-such-editor-here` failed (exit status: 127)\n")
        .log_is(fixture().as_bytes());
    assert_eq!(brag_files(ran.dir()), Vec::<String>::new());
}

/// `brag edit ARGS` on the fixture with `EDITOR` a script named `name` (with `args`
/// after it) that records its arguments, one a line; what it recorded.
#[cfg(unix)]
fn edit_with(name: &str, args: &str, edit: &[&str]) -> (Ran, Option<String>) {
    let brag = Brag::new().log(&fixture());
    let editor = brag.script(name, "printf '%s\\n' \"$@\" > args.txt\n");
    let ran = brag
        .env("EDITOR", &format!("{editor}{args}"))
        .args(&[&["edit"], edit].concat())
        .run();
    let recorded = std::fs::read_to_string(ran.dir().join("args.txt"))
        .ok()
        .map(|text| text.replace(&ran.dir().display().to_string(), "[DIR]"));
    (ran, recorded)
}

#[cfg(unix)]
#[test]
fn edit_opens_the_log_at_the_entrys_line() {
    let hired = "2026-11-02-hired-two-engineers-for-the-search-team";
    let cases: &[(&str, &str, &[&str], &str)] = &[
        ("vim", "", &[hired], "+16\n[DIR]/brag.md\n"),
        ("vim", "", &["2026-11-21"], "+21\n[DIR]/brag.md\n"),
        ("nvim", " -p", &["2026-10"], "-p\n+8\n[DIR]/brag.md\n"),
        ("nano", "", &[hired], "+16\n[DIR]/brag.md\n"),
        (
            "code",
            " --wait",
            &[hired],
            "--wait\n--goto\n[DIR]/brag.md:16\n",
        ),
        ("notepad", "", &[hired], "[DIR]/brag.md\n"),
        ("vim", "", &[], "[DIR]/brag.md\n"),
    ];
    for (name, args, edit, recorded) in cases {
        let (ran, seen) = edit_with(name, args, edit);
        ran.success()
            .stdout("")
            .stderr("")
            .log_is(fixture().as_bytes());
        assert_eq!(seen.as_deref(), Some(*recorded), "{name}{args} {edit:?}");
    }
}

#[cfg(unix)]
#[test]
fn edit_needs_an_id_that_names_one_entry() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["2026-11"],
            "brag: \"2026-11\" is the start of 2 entries; give more of the id:\n  \
             2026-11-02-hired-two-engineers-for-the-search-team  Hired two engineers for the search team\n  \
             2026-11-21-profiled-the-checkout-latency-spike  Profiled the checkout latency spike\n",
        ),
        (
            &["2026-12-01-nothing"],
            "brag: no entry matches \"2026-12-01-nothing\"\n  \
             `brag list --ids` shows every entry with its id\n",
        ),
    ];
    for (edit, stderr) in cases {
        let (ran, seen) = edit_with("vim", "", edit);
        ran.failure(1)
            .stdout("")
            .stderr(stderr)
            .log_is(fixture().as_bytes());
        assert_eq!(seen, None, "the editor did not run");
    }
    let brag = Brag::new();
    let editor = brag.script("vim", "printf '%s\\n' \"$@\" > args.txt\n");
    let ran = brag.env("EDITOR", &editor).args(&["edit"]).run();
    ran.failure(1).stderr(
        "brag: no log at [DIR]/brag.md\n  start one with `brag add \"What you did\"` or \
         `brag init`, or point --file (or BRAG_FILE) at an existing log\n",
    );
    assert!(ran.log.is_none() && !ran.dir().join("args.txt").exists());
}
