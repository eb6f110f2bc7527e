//! Every filter and their combinations, on one fixture log, with the exact ids chosen;
//! the human table, its colour rules, and the other list formats.

use crate::support::Brag;

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/filters.md").expect("fixture")
}

/// The ids `brag list --format ids ARGS` prints (today is 2026-11-23).
fn ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "ids"];
    all.extend_from_slice(args);
    let ran = Brag::new().log(&fixture()).args(&all).run();
    ran.success();
    ran.stdout.lines().map(String::from).collect()
}

const MENTORED: &str = "2026-04-10-mentored-ana-through-her-first-design-review";
const CUT: &str = "2026-05-04-cut-p95-search-latency-by-40";
const WROTE: &str = "2026-05-20-wrote-the-on-call-handbook";
const LED: &str = "2026-08-14-led-the-billing-migration";
const HIRED: &str = "2026-11-02-hired-two-engineers-for-the-search-team";
const PROFILED: &str = "2026-11-20-profiled-the-checkout-latency-spike";

#[test]
fn each_filter_and_combinations_choose_exact_ids() {
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &[MENTORED, CUT, WROTE, LED, HIRED, PROFILED]),
        (&["--since", "2026-05-20"], &[WROTE, LED, HIRED, PROFILED]),
        (&["--since", "2026-08"], &[LED, HIRED, PROFILED]),
        (&["--until", "2026-05"], &[MENTORED, CUT, WROTE]),
        (&["--on", "2026Q2"], &[MENTORED, CUT, WROTE]),
        (&["--period", "may"], &[CUT, WROTE]),
        (&["--on", "this month"], &[HIRED, PROFILED]),
        (&["--since", "last week"], &[PROFILED]),
        (&["--on", "H1"], &[MENTORED, CUT, WROTE]),
        (&["--on", "2026-04..2026-05"], &[MENTORED, CUT, WROTE]),
        (&["--since", "3 months ago"], &[HIRED, PROFILED]),
        (&["--tag", "performance"], &[CUT, PROFILED]),
        (&["--tag", "PERFORMANCE"], &[CUT, PROFILED]),
        (&["--tag", "search", "--tag", "performance"], &[CUT]),
        (&["--tag", "search,performance"], &[CUT]),
        (&["--any-tag", "docs,migration"], &[WROTE, LED]),
        (
            &["--not-tag", "performance"],
            &[MENTORED, WROTE, LED, HIRED],
        ),
        (&["--scope", "project"], &[CUT]),
        (&["--scope", "task,product"], &[MENTORED, LED]),
        (&["--grep", "latency"], &[CUT, PROFILED]),
        (&["--grep", "LOCK HELD"], &[PROFILED]),
        (&["--grep", "540", "--field", "results"], &[CUT]),
        (&["--grep", "ms", "--field", "results"], &[CUT, LED]),
        (&["--grep", "search", "--field", "title"], &[CUT, HIRED]),
        (&["--grep", "spike", "--field", "title"], &[PROFILED]),
        (&["--grep", "search", "--field", "tags"], &[CUT, HIRED]),
        (&["--missing", "results"], &[WROTE, PROFILED]),
        (
            &["--missing", "actions"],
            &[MENTORED, WROTE, LED, HIRED, PROFILED],
        ),
        (&["--missing", "situation,task"], &[HIRED, PROFILED]),
        (&["--limit", "2"], &[HIRED, PROFILED]),
        (&["--reverse", "--limit", "2"], &[PROFILED, HIRED]),
        (
            &["--tag", "search", "--since", "2026-06", "--reverse"],
            &[HIRED],
        ),
        (&["--tag", "performance", "--grep", "spike"], &[PROFILED]),
        (&["--since", "2027-01-01"], &[]),
    ];
    for (args, expected) in cases {
        assert_eq!(ids(args), *expected, "brag list {}", args.join(" "));
    }
}

#[test]
fn bad_periods_and_filters_are_errors() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--since", "the dawn of time"],
            "unknown date or period `the dawn of time`; try one of:",
        ),
        (
            &["--since", "2026-11", "--until", "2026-05"],
            "--since `2026-11` starts on 2026-11-01, after --until",
        ),
        (&["--since", "2026-02-30"], "2026-02-30"),
        (&["--since", "last-review"], "review"),
        (&["--limit", "0"], "--limit must be at least 1"),
    ];
    for (args, message) in cases {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        let ran = Brag::new().log(&fixture()).args(&all).run();
        ran.failure(1).stderr_contains(message);
    }
    Brag::new()
        .log(&fixture())
        .args(&["list", "--scope", "galaxy"])
        .run()
        .failure(2);
    Brag::new()
        .log(&fixture())
        .args(&["list", "--field", "title"])
        .run()
        .failure(2);
}

#[test]
fn last_review_comes_from_the_config() {
    let ran = Brag::new()
        .log(&fixture())
        .config("review: [2026-05-15, 2025-11-15]\n")
        .args(&["list", "--since", "last-review", "--format", "ids"])
        .run();
    ran.success();
    assert_eq!(
        ran.stdout.lines().collect::<Vec<_>>(),
        [WROTE, LED, HIRED, PROFILED]
    );
}

#[test]
fn the_table_groups_by_month_with_a_summary() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--since", "2026-05"])
        .run();
    ran.success();
    insta::assert_snapshot!("table", ran.stdout);
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--tag", "search", "--on", "2026"])
        .run();
    ran.success().stdout(
        "2 entries, from 2026-01-01 to 2026-12-31, tag search\n\nMay 2026\n  2026-05-04  \
         Cut p95 search latency by 40%            #performance #search      project\n\nNovember 2026\n  \
         2026-11-02  Hired two engineers for the search team  #hiring #search #private\n",
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let plain = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "2026-04"])
        .run();
    assert!(!plain.stdout.contains('\x1b'), "a pipe gets no colour");
    let forced = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "2026-04", "--color", "always"])
        .run();
    assert!(
        forced.stdout.contains("\x1b[1mApril 2026\x1b[0m"),
        "{}",
        forced.stdout
    );
    assert!(forced.stdout.contains("\x1b[36m#mentoring\x1b[0m"));
    let never = Brag::new()
        .log(&fixture())
        .env("NO_COLOR", "")
        .args(&["list", "--on", "2026-04", "--color", "never"])
        .run();
    assert!(!never.stdout.contains('\x1b'));
    // NO_COLOR is set by the test builder: `auto` stays plain even if it were a terminal.
    let auto = Brag::new()
        .log(&fixture())
        .args(&["list", "--color", "auto"])
        .run();
    assert!(!auto.stdout.contains('\x1b'));
}

#[test]
fn other_formats() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "2026-05", "--format", "tsv"])
        .run();
    ran.success().stdout(
        "id\tdate\tmonth\ttitle\ttags\tscope\tline\n\
         2026-05-04-cut-p95-search-latency-by-40\t2026-05-04\t2026-05\tCut p95 search latency by 40%\tperformance,search\tproject\t14\n\
         2026-05-20-wrote-the-on-call-handbook\t2026-05-20\t2026-05\tWrote the on-call handbook\tdocs,oncall\t\t23\n",
    );
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "2026-08", "--format", "md"])
        .run();
    ran.success().stdout(
        "## August 2026\n\n### Led the billing migration\n- **Date**: 2026-08-14\n- **Tags**: migration, leadership\n\
         - **Scope**: product\n- **Task**: Move billing to the new ledger without downtime.\n\
         - **Results**: Zero downtime; 3 teams moved.\n",
    );
    let json = Brag::new()
        .log(&fixture())
        .args(&["list", "--grep", "latency", "--format", "json"])
        .run();
    let ids: Vec<String> = json
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ids, [CUT, PROFILED]);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let text: String = (0..3000)
        .map(|n| format!("## May 2026\n### Entry {n}\n- **Results**: {n}\n\n"))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("brag.md");
    std::fs::write(&path, &text).expect("write");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brag"))
        .args([
            "--file",
            path.to_str().expect("utf-8 path"),
            "list",
            "--format",
            "json",
        ])
        .env("BRAG_TODAY", "2026-11-23")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn show_finds_an_entry_by_id_or_unique_prefix() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["show", "2026-05-04"])
        .run();
    ran.success().stdout(
        "Cut p95 search latency by 40%\n2026-05-04  ·  project  ·  #performance #search\n\
         2026-05-04-cut-p95-search-latency-by-40  [DIR]/brag.md:14\n\nSituation\n  Search p95 had grown to 900 ms.\n\n\
         Actions\n  - Added a batched fetch.\n\nResults\n  p95 fell from 900 ms to 540 ms.\n",
    );
    let ran = Brag::new().log(&fixture()).args(&["show", "2026-05"]).run();
    ran.failure(1).stderr(
        "brag: \"2026-05\" is the start of 2 entries; give more of the id:\n  \
         2026-05-04-cut-p95-search-latency-by-40  Cut p95 search latency by 40%\n  \
         2026-05-20-wrote-the-on-call-handbook  Wrote the on-call handbook\n",
    );
    Brag::new()
        .log(&fixture())
        .args(&["show", "nope"])
        .run()
        .failure(1)
        .stderr_contains("no entry matches \"nope\"");
    let md = Brag::new()
        .log(&fixture())
        .args(&["show", LED, "--format", "md"])
        .run();
    assert!(
        md.success()
            .stdout
            .starts_with("### Led the billing migration\n")
    );
    let json = Brag::new()
        .log(&fixture())
        .args(&["show", LED, "--format", "json"])
        .run();
    assert_eq!(json.json()["results"], "Zero downtime; 3 teams moved.");
}

#[test]
fn tags_count_and_list_the_vocabulary() {
    let ran = Brag::new()
        .log(&fixture())
        .config("tags:\n  search: Search quality and speed\n  design: Design docs and reviews\n")
        .args(&["tags"])
        .run();
    ran.success().stdout(
        "2  performance\n2  search  Search quality and speed\n1  docs\n1  hiring\n1  leadership\n1  mentoring\n\
         1  migration\n1  oncall\n1  private\n0  design  Design docs and reviews\n",
    );
    let ran = Brag::new()
        .log(&fixture())
        .args(&["tags", "--since", "2026-11", "--format", "ids"])
        .run();
    ran.success()
        .stdout("hiring\nperformance\nprivate\nsearch\n");
}

#[test]
fn the_table_names_a_one_day_range_as_that_day() {
    let ran = Brag::new()
        .log(&fixture())
        .args(&["list", "--on", "2026-11-02"])
        .run();
    ran.success().stdout(
        "1 entry, on 2026-11-02\n\nNovember 2026\n  2026-11-02  Hired two engineers for the \
         search team  #hiring #search #private\n",
    );
}
