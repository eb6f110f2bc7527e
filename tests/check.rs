//! `brag check`'s quality lints: each code fires on its fixture line and is silent on a
//! clean log; levels from the config; `--strict`; `--format json` field by field.

use serde_json::Value;

use crate::support::Brag;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/{name}.md")).expect("fixture")
}

/// Scope is required, so that B109 runs too.
const REQUIRE_SCOPE: &str = "require_scope: true\n";

/// `(line, col)` of every diagnostic with `code` in `brag check --format json`.
fn found(log: &str, config: &str, code: &str) -> Vec<(u64, u64)> {
    let ran = Brag::new()
        .log(log)
        .config(config)
        .args(&["check", "--format", "json"])
        .run();
    ran.success();
    let diagnostics = ran.json();
    diagnostics
        .as_array()
        .expect("an array")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            let number = |key: &str| d[key].as_u64().expect("a number");
            (number("line"), number("col"))
        })
        .collect()
}

/// The code fires exactly where expected in `lints.md`, and nowhere in `clean.md`.
fn fires_at(code: &str, expected: &[(u64, u64)]) {
    assert_eq!(
        found(&fixture("lints"), REQUIRE_SCOPE, code),
        expected,
        "{code}"
    );
    assert_eq!(
        found(&fixture("clean"), REQUIRE_SCOPE, code),
        [],
        "{code} on a clean log"
    );
}

#[test]
fn b101_an_entry_without_every_star_field() {
    fires_at("B101", &[(5, 1)]);
}

#[test]
fn b102_an_empty_or_placeholder_field() {
    fires_at("B102", &[(14, 1), (51, 1)]);
}

#[test]
fn b103_results_with_no_measurable_change() {
    fires_at("B103", &[(16, 1)]);
}

#[test]
fn b104_a_vague_title() {
    fires_at("B104", &[(5, 5)]);
}

#[test]
fn b105_a_date_in_the_future() {
    fires_at("B105", &[(29, 1)]);
}

#[test]
fn b106_a_date_outside_its_month_heading() {
    fires_at("B106", &[(37, 1)]);
}

#[test]
fn b107_a_duplicate_title_in_a_month() {
    fires_at("B107", &[(18, 5)]);
}

#[test]
fn b108_a_month_heading_out_of_order() {
    fires_at("B108", &[(43, 1)]);
}

#[test]
fn b109_an_entry_without_scope_when_scope_is_required() {
    fires_at("B109", &[(36, 1)]);
    assert_eq!(
        found(&fixture("lints"), "", "B109"),
        [],
        "off unless required"
    );
}

#[test]
fn a_clean_log_is_clean_even_when_strict() {
    Brag::new()
        .log(&fixture("clean"))
        .config(REQUIRE_SCOPE)
        .args(&["check", "--strict"])
        .run()
        .success()
        .stdout("[DIR]/brag.md: 2 entries, 0 errors, 0 warnings\n");
    Brag::new()
        .log(&fixture("clean"))
        .args(&["check", "--format", "json"])
        .run()
        .success()
        .stdout("[]\n");
}

#[test]
fn every_lint_in_text_with_a_summary_by_code() {
    let ran = Brag::new()
        .log(&fixture("lints"))
        .config(REQUIRE_SCOPE)
        .args(&["check"])
        .run();
    ran.success().stderr("");
    insta::assert_snapshot!("lints", ran.stdout);
}

#[test]
fn json_diagnostics_have_every_field() {
    let ran = Brag::new()
        .log(&fixture("lints"))
        .args(&["check", "--format", "json"])
        .run();
    ran.success();
    let all = ran.json();
    let vague = all
        .as_array()
        .expect("an array")
        .iter()
        .find(|d| d["code"] == "B104")
        .expect("a B104 diagnostic");
    let mut keys: Vec<&str> = vague
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["code", "col", "hint", "line", "message", "path", "severity"]
    );
    // And in this order in every object, as written.
    let first_object: Vec<&str> = ran
        .stdout
        .lines()
        .skip(2)
        .take_while(|line| !line.starts_with("  }"))
        .filter_map(|line| line.trim_start().strip_prefix('"')?.split('"').next())
        .collect();
    assert_eq!(
        first_object,
        ["code", "path", "line", "col", "severity", "message", "hint"]
    );
    assert_eq!(vague["code"], "B104");
    assert_eq!(vague["path"], "[DIR]/brag.md");
    assert_eq!(vague["line"], 5);
    assert_eq!(vague["col"], 5);
    assert_eq!(vague["severity"], "warning");
    assert_eq!(
        vague["message"],
        "title \"Helped with the incident review\" starts with \"helped\", which hides what you did"
    );
    assert_eq!(
        vague["hint"],
        "name your own part and its effect: \"Cut the incident's time to fix from 3 h to 40 min\""
    );
}

#[test]
fn reader_diagnostics_have_a_null_code_in_json() {
    let ran = Brag::new()
        .log("## May 2026\n### Cut p95 by 40%\n- **Scope**: galaxy\n")
        .config("lints: {B101: off}\n")
        .args(&["check", "--format", "json"])
        .run();
    ran.failure(1);
    let expected: Value = serde_json::json!([{
        "code": null,
        "path": "[DIR]/brag.md",
        "line": 3,
        "col": 1,
        "severity": "error",
        "message": "unknown scope \"galaxy\"",
        "hint": "scope is one of task, milestone, project, product, business",
    }]);
    assert_eq!(ran.json(), expected);
}

#[test]
fn the_config_turns_lints_off_or_makes_them_errors() {
    let log = "## May 2026\n### Helped with the launch\n- **Date**: 2026-05-04\n\
               - **Situation**: s\n- **Task**: t\n- **Actions**: a\n- **Results**: 3 teams on it\n";
    let summary = |config: &str, code: i32| {
        let ran = Brag::new().log(log).config(config).args(&["check"]).run();
        ran.failure(code);
        ran.stdout.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(
        summary("", 0),
        "[DIR]/brag.md: 1 entry, 0 errors, 1 warning (B104: 1)"
    );
    assert_eq!(
        summary("lints: {B104: off}\n", 0),
        "[DIR]/brag.md: 1 entry, 0 errors, 0 warnings"
    );
    assert_eq!(
        summary("lints:\n  B104: error\n", 1),
        "[DIR]/brag.md: 1 entry, 1 error, 0 warnings (B104: 1)"
    );
}

#[test]
fn strict_fails_on_lint_warnings() {
    let ran = Brag::new()
        .log(&fixture("lints"))
        .args(&["check", "--strict", "--format", "json"])
        .run();
    ran.failure(1);
    assert!(!ran.json().as_array().expect("an array").is_empty());
}

#[test]
fn an_unknown_lint_code_in_the_config_names_its_line() {
    let ran = Brag::new()
        .log("")
        .config("editor: vim\nlints:\n  B104: off\n  B999: off\n")
        .args(&["check"])
        .run();
    ran.failure(1)
        .stderr_contains("brag: [DIR]/config/brag/config.yaml:4:3: lints: unknown variant `B999`");
}

/// A label brag does not know is named once per file: a note that `--strict` lets pass,
/// where it first appears in the file (entries are listed by date), or a warning
/// (that `--strict` fails on) when the word is close to a label brag knows. Known words
/// kept as fields are not named: `Section` (which `brag import` reads) and an English
/// `Data` that is no date.
#[test]
fn labels_brag_does_not_map_are_named_once() {
    let custom = "# Log\n\n## March 2026\n\n### Cut latency\n- **Date**: 2026-03-20\n- **Results**: p95 fell 40%\n- **Links**: [design](https://example.com)\n- **Section**: Platform\n- **Data**: p95 from 900 ms\n\n### Fixed the loop\n- **Date**: 2026-03-09\n- **Results**: 0 redirects in a week\n- **links**: [issue](https://example.com)\n";
    Brag::new()
        .log(custom)
        .config(crate::reading::READER_ONLY)
        .args(&["check", "--strict"])
        .run()
        .success()
        .stdout(
            "[DIR]/brag.md:8:1: note: label \"Links\" is kept as a field, not one of Situation/Task/Actions/Results\n\
             8 | - **Links**: [design](https://example.com)\n  \
             = hint: brag lists it under `fields`; use a STAR label (or a synonym such as Impact) for it to count as one\n\
             [DIR]/brag.md: 2 entries, 0 errors, 0 warnings, 1 note\n",
        );
    let slip = custom.replace("- **Results**: p95", "- **Reslts**: p95");
    let ran = Brag::new()
        .log(&slip)
        .config(crate::reading::READER_ONLY)
        .args(&["check", "--strict", "--format", "json"])
        .run();
    ran.failure(1);
    let diagnostics = ran.json();
    let severities: Vec<(&str, &str)> = diagnostics
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().expect("a string");
            (text("severity"), text("message"))
        })
        .collect();
    assert_eq!(
        severities,
        [
            (
                "warning",
                "label \"Reslts\" is kept as a field, not one of Situation/Task/Actions/Results (did you mean Results?)"
            ),
            (
                "note",
                "label \"Links\" is kept as a field, not one of Situation/Task/Actions/Results"
            ),
        ]
    );
}
