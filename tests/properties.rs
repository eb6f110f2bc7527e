//! Properties of the reader, the filters and `brag add`, over arbitrary text and
//! generated logs mixing every variant: the fast paths (line scan, quick facts, grep
//! confirmation, filter pre-checks, the windowed insertion) give exactly what
//! pulldown-cmark, the full reader and the whole-file insertion give, and nothing panics.

use std::collections::HashSet;

use brag::cli::{FilterArgs, ScopeArg, StarArg};
use brag::edit::{self, Draft, Settings, draft, window};
use brag::entry::Wanted;
use brag::filter::Filter;
use brag::period::Calendar;
use brag::render::schema::EntryView;
use brag::{entry, outline, parse};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Lines drawn from every construct the reader has a rule for, so that generated
/// documents put them next to each other in every order.
const LINES: &[&str] = &[
    "# Achievement log",
    "## November 2026",
    "## Nov 2026",
    "### 2026-11",
    "## 11/2026",
    "## [November 2026]",
    "## 🚀 **May 2027** (promo)",
    "## 2026",
    "### Q3 (Jul-Sep)",
    "## 2026-H1",
    "#### Apr",
    "### Week of 2026-11-02",
    "### Friday 2026-11-06",
    "## Nov 31 2026",
    "## April",
    "### Cut p95 latency by 40%",
    "### 2026-11-03 Shipped the importer",
    "#### Fixed the loop (2026-11-09)",
    "### Projects",
    "#### Situation",
    "#### Results",
    "- **Date**: 2026-11-03",
    "- **Date**: 6/1",
    "- **Date**: someday",
    "- **Tags**: performance, search",
    "- **Scope**: project",
    "- **Scope**: galaxy",
    "- **Situation**: slow search",
    "- **Situation:** inside",
    "Situation: plain",
    "**Context**：fullwidth",
    "**Impact** — 40%",
    "**S:** letter",
    "R: 3 wins",
    "- **Actions**:",
    "  - nested action",
    "    - deeper",
    "- **Results**: p95 fell 40%",
    "- **Links**: [x](https://example.com)",
    "- **Shipped dark mode** (2026-11-03): 40% adoption",
    "- **Mentored Ana**",
    "- plain bullet",
    "* **Star bullet**",
    "A paragraph of notes.",
    "Date: 2026-11-05",
    "when it rained",
    "an outage during the update, a candidate stage",
    "Tagging strategy",
    "> Tags: quoted",
    "  Scope: indented",
    "1. Tags: numbered",
    "_Tags_: italic",
    "__Scope__: underscored",
    "#### Tags",
    "- Date: 2026-11-07",
    "(Tags: parenthesized)",
    "x Tags: mid-line",
    "```",
    "```sh",
    "~~~",
    "  ```",
    "   ~~~~",
    "<!--",
    "-->",
    "<!-- one line -->",
    "  <!--",
    "<div>",
    "</div>",
    "---",
    "...",
    "| a | b |",
    "| --- | --- |",
    "[ref]:",
    "[ref]: /url 'title",
    "> quoted",
    "    indented code",
    "\t- tabbed",
    "-\t**Tags**: tabs",
    "#",
    "####### seven",
    "Setext title",
    "===",
    "",
    "",
    "",
];

fn document() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(0..LINES.len(), 0..60),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(picks, crlf, bom, final_newline)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str(
                &picks
                    .iter()
                    .map(|&i| LINES[i])
                    .collect::<Vec<_>>()
                    .join(newline),
            );
            if final_newline {
                text.push_str(newline);
            }
            text
        })
}

/// The properties every log must have, whatever its text.
fn check_log(src: &str) {
    let body = outline::body_start(src);
    if let Some(fast) = outline::scan_fast(src, body) {
        assert_eq!(
            fast,
            outline::scan_reference(src, body),
            "fast scan differs from pulldown-cmark"
        );
    }
    let log = parse::parse(src);
    let mut ids = HashSet::new();
    for entry in &log.entries {
        assert!(ids.insert(entry.id.clone()), "duplicate id {}", entry.id);
        let block = &src[entry.span.clone()];
        let first_line = block.lines().next().unwrap_or("");
        assert!(
            first_line.starts_with('#') || outline::is_bold_bullet(first_line.as_bytes()),
            "entry span starts with {first_line:?}"
        );
        assert!(
            first_line.contains(entry.title),
            "{first_line:?} lacks title {:?}",
            entry.title
        );
        assert!(
            entry.line >= 1 && entry.line <= log.src.lines().count().max(1),
            "line {} out of range",
            entry.line
        );
    }
    for block in &parse::skeleton(src).blocks {
        let (_, title_date) = entry::title(src, block);
        let read = entry::read(src, block, &mut Vec::new());
        // Every set of wanted facts: the scan stops early once it has them all.
        for bits in 1..8 {
            let wanted = Wanted {
                date: bits & 1 != 0,
                tags: bits & 2 != 0,
                scope: bits & 4 != 0,
            };
            let quick = entry::quick(src, block, title_date, wanted);
            assert!(wanted.date || quick.date.is_none(), "unwanted date");
            assert!(wanted.tags || quick.tags.is_none(), "unwanted tags");
            assert!(wanted.scope || quick.scope.is_none(), "unwanted scope");
            if let Some(date) = quick.date {
                assert_eq!(date, read.date, "quick date differs for {:?}", read.title);
            }
            if let Some(tags) = &quick.tags {
                assert_eq!(tags, &read.tags, "quick tags differ for {:?}", read.title);
            }
            if let Some(scope) = quick.scope {
                assert_eq!(
                    scope, read.scope,
                    "quick scope differs for {:?}",
                    read.title
                );
            }
        }
        for needle in GREP_NEEDLES {
            if entry::shows_text(src, block, needle) {
                assert!(
                    shown_text(&read).contains(needle),
                    "{needle:?} confirmed but not shown in {:?}",
                    read.title
                );
            }
        }
    }
    let index = parse::Index::new(src);
    let everything: Vec<_> = index.heads.iter().collect();
    let (entries, _) = index.read(&everything);
    // Every fact a head knows is what reading its entry tells.
    let all = parse::Index::with_facts(src, Wanted::ALL);
    let (read, _) = all.read(&all.heads.iter().collect::<Vec<_>>());
    for (head, entry) in all.heads.iter().zip(&read) {
        assert!(head.tags.as_ref().is_none_or(|tags| tags == &entry.tags));
        assert!(head.scope.is_none_or(|scope| scope == entry.scope));
        assert_eq!(head.date, entry.date);
    }
    for args in filter_cases() {
        let calendar = brag::period::Calendar::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        );
        let filter = Filter::new(&args, &calendar).expect("valid filter");
        // Facts scanned by the filter itself, and facts from the pass that dates the
        // entries: both must choose what the full reader chooses.
        let scanned: Vec<String> = filter
            .select(&index)
            .iter()
            .map(|head| index.id(head))
            .collect();
        let with_facts = parse::Index::with_facts(src, filter.wanted());
        let fast: Vec<String> = filter
            .select(&with_facts)
            .iter()
            .map(|head| with_facts.id(head))
            .collect();
        assert_eq!(
            scanned, fast,
            "filter {args:?}: facts from the heads differ"
        );
        let mut full: Vec<String> = entries
            .iter()
            .filter(|entry| filter.matches(entry))
            .map(|entry| entry.id.clone())
            .collect();
        // As documented: --limit keeps the N most recent matches, --reverse puts the
        // newest first.
        if let Some(limit) = args.limit {
            full.drain(..full.len().saturating_sub(limit));
        }
        if args.reverse {
            full.reverse();
        }
        assert_eq!(fast, full, "filter {args:?} chose differently");
    }
}

/// Words that the generated lines contain in titles, labels, bodies and markup.
const GREP_NEEDLES: &[&str] = &[
    "latency",
    "situation",
    "results",
    "40%",
    "ana",
    "tabs",
    "code",
];

/// Everything `--grep` looks at, as the schema shows it, lowercase.
fn shown_text(entry: &brag::model::Entry<'_>) -> String {
    let mut text = entry.title.to_string();
    for field in &entry.fields {
        text.push('\n');
        text.push_str(&field.body.to_string());
    }
    for note in &entry.notes {
        text.push('\n');
        text.push_str(&note.to_string());
    }
    text.to_ascii_lowercase()
}

fn filter_cases() -> Vec<FilterArgs> {
    let base = FilterArgs::default;
    vec![
        FilterArgs {
            since: Some("2026-11-01".into()),
            ..base()
        },
        FilterArgs {
            on: Some("2026".into()),
            ..base()
        },
        FilterArgs {
            tag: vec!["performance".into()],
            ..base()
        },
        FilterArgs {
            any_tag: vec!["search".into(), "tabs".into()],
            ..base()
        },
        FilterArgs {
            not_tag: vec!["performance".into()],
            ..base()
        },
        FilterArgs {
            scope: vec![ScopeArg::Project],
            ..base()
        },
        FilterArgs {
            grep: Some("latency".into()),
            ..base()
        },
        FilterArgs {
            grep: Some("situation".into()),
            ..base()
        },
        FilterArgs {
            grep: Some("40%".into()),
            field: vec!["results".into()],
            ..base()
        },
        FilterArgs {
            missing: vec![StarArg::Results],
            ..base()
        },
        FilterArgs {
            tag: vec!["search".into()],
            since: Some("2026-06".into()),
            limit: Some(2),
            reverse: true,
            ..base()
        },
    ]
}

proptest! {
    // Failures are replayed from tests/properties.proptest-regressions, kept in git.
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_reader_never_panics_on_arbitrary_text(src in "\\PC*") {
        check_log(&src);
    }

    #[test]
    fn the_reader_never_panics_on_markdown_like_bytes(src in "[#\\-* `~<>!|\\[\\]:\n\r\tA-Za-z0-9]{0,400}") {
        check_log(&src);
    }

    #[test]
    fn generated_logs_mixing_every_variant_read_consistently(src in document()) {
        check_log(&src);
    }
}

/// Adds an entry to `src` as `brag add` would, whole and (where one decides) on a window
/// of it: neither panics, a refusal is an error, and the two put the same entry in the
/// same place.
fn check_add(src: &str, date: NaiveDate) -> Result<(), TestCaseError> {
    let mut draft = Draft::new("Shipped the property test", date).expect("a title");
    draft.results = draft::text("3 bugs found");
    check_add_draft(src, &draft, &Settings::default())
}

/// [`check_add`] for any draft and settings.
fn check_add_draft(src: &str, draft: &Draft, settings: &Settings) -> Result<(), TestCaseError> {
    let (draft, settings) = (draft.clone(), *settings);
    let whole = edit::insert(src, &draft, &settings);
    if let Ok(insertion) = &whole {
        let mut new = src.to_string();
        new.insert_str(insertion.offset, &insertion.text);
        let before = parse::parse(src).entries.len();
        prop_assert_eq!(parse::parse(&new).entries.len(), before + 1);
    }
    let Some(headings) = outline::scan_headings(src.as_bytes(), 64).expect("in memory") else {
        return Ok(());
    };
    let read = |range: std::ops::Range<usize>| Ok(src.as_bytes()[range].to_vec());
    let windowed = window::insert(&headings, read, &draft, &settings).expect("in memory");
    // A log whose months run both ways (which `brag check` reports) has its order
    // decided by all of them, and a window sees a few: there the two may differ.
    let one_way = parse::months_run_one_way(&parse::skeleton(src).months);
    if let Some(done) = windowed.filter(|_| one_way) {
        let whole = whole.map_err(|error| {
            TestCaseError::fail(format!(
                "a window added what the whole file refused: {error:#}"
            ))
        })?;
        // The same place, and the same entry. The style (blank lines, label form) is
        // read from the window alone, up to 8 neighbours each side, so where the file's
        // style changes just outside the window, the new text may be spaced differently.
        prop_assert_eq!(
            (done.insertion.offset, done.insertion.month),
            (whole.offset, whole.month)
        );
        // The new entry as `brag list --format json` shows it, without its line.
        let read_back = |text: &str| {
            let mut new = src.to_string();
            new.insert_str(done.insertion.offset, text);
            let log = parse::parse(&new);
            let entry = log
                .entries
                .iter()
                .find(|entry| entry.title == draft.title)?;
            let mut value = serde_json::to_value(EntryView(entry)).ok()?;
            value.as_object_mut()?.remove("line");
            Some(value)
        };
        let windowed = read_back(&done.insertion.text);
        prop_assert!(windowed.is_some(), "the new entry reads back");
        prop_assert_eq!(windowed, read_back(&whole.text));
    }
    Ok(())
}

/// Any date from 2016 to 2030.
fn add_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..15 * 366).prop_map(|days| {
        NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date") + chrono::Duration::days(days)
    })
}

proptest! {
    // Failures are replayed from tests/properties.proptest-regressions, kept in git.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn adding_to_arbitrary_text_never_panics(src in "\\PC*", date in add_date()) {
        check_add(&src, date)?;
    }

    #[test]
    fn adding_to_markdown_like_bytes_never_panics(
        src in "[#\\-* `~<>!|\\[\\]:\n\r\tA-Za-z0-9]{0,400}",
        date in add_date(),
    ) {
        check_add(&src, date)?;
    }

    #[test]
    fn adding_to_generated_logs_agrees_whole_and_windowed(src in document(), date in add_date()) {
        check_add(&src, date)?;
    }

    #[test]
    fn an_entry_on_stdin_never_panics(src in "\\PC*") {
        let calendar = Calendar::new(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"));
        let today = calendar.today;
        let _ = draft::from_markdown("stdin", &src, today, &calendar);
        let _ = draft::from_json("stdin", &src, today, &calendar);
    }

    #[test]
    fn an_entry_shaped_stdin_never_panics(
        src in "(### |- \\*\\*|\\*\\*|Date|Tags|Scope|Results|: |2026-11-0[1-9]|\\{|\\}|\"|,|\\[|\\]|\n|\r\n| |x){0,60}",
    ) {
        let calendar = Calendar::new(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"));
        let today = calendar.today;
        let _ = draft::from_markdown("stdin", &src, today, &calendar);
        let _ = draft::from_json("stdin", &src, today, &calendar);
    }
}

/// The fast path must be taken on the shape the generator writes, or it proves nothing.
#[test]
fn the_canonical_log_takes_the_fast_path() {
    let src = std::fs::read_to_string("tests/fixtures/canonical.md").expect("fixture");
    assert!(outline::scan_fast(&src, 0).is_some());
    let skeleton = parse::skeleton(&src);
    for block in &skeleton.blocks {
        let (_, title_date) = entry::title(&src, block);
        let quick = entry::quick(&src, block, title_date, Wanted::ALL);
        assert!(quick.date.is_some() && quick.tags.is_some() && quick.scope.is_some());
        assert!(entry::shows_text(&src, block, "the"));
    }
}

/// Crashes the `insert` fuzz target found (issue #14): a window of a large log and the
/// whole file put the entry in different places. Both logs hold `## November)`, a month
/// heading whose year comes from headings outside a window.
#[test]
fn regression_fuzz_insert_window_and_whole_file_agree() {
    let cases = [
        (
            "e`impor\u{1}",
            (2022, 3, 28),
            Some(parse::Order::OldestFirst),
            " ev\u{1}\0\0\0style\n\n## November 2027\n\n Novembenot\n## November)\n\n## November)\nstyle\n\n## November 2026\nt\n#Bl",
        ),
        (
            "rter",
            (2019, 5, 23),
            Some(parse::Order::OldestFirst),
            "# Laha I did**a thile\n\n## November 4580\n\n## November)\n- **Stb vt\n\n## November)\n\0\0vle\n\n## November 4052\n\n### ",
        ),
    ];
    for (title, (year, month, day), order, src) in cases {
        let date = NaiveDate::from_ymd_opt(year, month, day).expect("a date");
        let draft = Draft::new(title, date).expect("a title");
        let settings = Settings { order };
        if let Err(error) = check_add_draft(src, &draft, &settings) {
            panic!("{src:?}: {error}");
        }
    }
}
