//! The README's examples, run as written: every ```` ```console ```` block is a test.
//!
//! In a block, a line starting `$ ` is a command (a line ending in `\` continues it) and
//! the lines after it, up to the next `$ `, are its output: stdout and stderr as one
//! stream, in order. A `...` line stands for any number of lines. Each block runs in a
//! fresh temporary folder, its commands in sequence through `sh` in `Brag`'s pinned
//! environment (today is 2026-11-23, `NO_COLOR`), with the `brag` under test first on
//! `PATH` and no `BRAG_FILE` or XDG folders: the log and the config live where they
//! would for a new user, under `HOME`, which is a folder inside the temporary one and is
//! shown as `~`; the temporary folder itself is shown as `[DIR]`. `$?` is the previous
//! command's exit status, so `echo $?` shows it. ```` ```sh ```` blocks are not run.

use crate::support::Brag;

/// One command of a block and the output the README shows for it.
#[derive(Debug)]
struct Example {
    /// The README's line of the `$ `.
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The `console` blocks of `text`, each a list of examples.
fn console_blocks(text: &str) -> Vec<Vec<Example>> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        if line.trim_end() != "```console" {
            continue;
        }
        let mut block: Vec<Example> = Vec::new();
        let mut continued = false;
        for (index, line) in lines.by_ref() {
            if line.trim_end() == "```" {
                break;
            }
            if continued {
                let example = block.last_mut().expect("a command to continue");
                example.command.push('\n');
                example.command.push_str(line);
                continued = line.ends_with('\\');
            } else if let Some(command) = line.strip_prefix("$ ") {
                block.push(Example {
                    line: index + 1,
                    command: command.to_string(),
                    expected: Vec::new(),
                });
                continued = command.ends_with('\\');
            } else {
                let example = block.last_mut().unwrap_or_else(|| {
                    panic!("README.md:{}: output before a `$ ` command", index + 1)
                });
                example.expected.push(line.to_string());
            }
        }
        blocks.push(block);
    }
    blocks
}

/// Whether `actual` is `expected`, where a `...` line in `expected` stands for any
/// number of lines (none included).
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skipped| matches(rest, &actual[skipped..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, others)| line == first && matches(rest, others)),
    }
}

/// Runs one block's commands in sequence in a fresh folder; the first that prints
/// something else than the README shows fails, naming its line.
fn run_block(block: &[Example]) {
    let brag = Brag::new()
        .env("BRAG_FILE", "")
        .env("XDG_CONFIG_HOME", "")
        .env("XDG_DATA_HOME", "");
    let root = brag.dir().display().to_string();
    let home = brag.dir().join("home");
    std::fs::create_dir_all(&home).expect("the home folder");
    let home = home.display().to_string();
    let mut status = 0;
    for example in block {
        // `(exit N)` hands the previous command's status to `$?`.
        let script = format!("exec 2>&1\n(exit {status})\n{}\n", example.command);
        let output = brag.shell(&script).output().expect("run sh");
        status = output.status.code().unwrap_or(-1);
        let printed = String::from_utf8_lossy(&output.stdout)
            .replace(&home, "~")
            .replace(&root, "[DIR]");
        let actual: Vec<&str> = printed.lines().collect();
        assert!(
            matches(&example.expected, &actual),
            "README.md:{}: `$ {}` printed something else\n--- the README shows:\n{}\n--- it printed:\n{}",
            example.line,
            example.command,
            example.expected.join("\n"),
            printed.trim_end(),
        );
    }
}

#[test]
fn every_console_block_of_the_readme_runs_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let blocks = console_blocks(&readme);
    assert!(!blocks.is_empty(), "the README has console blocks");
    for block in &blocks {
        assert!(!block.is_empty(), "a console block without a `$ ` command");
        run_block(block);
    }
}

#[test]
fn a_dots_line_skips_any_number_of_lines() {
    let expected = |lines: &[&str]| lines.iter().map(ToString::to_string).collect::<Vec<_>>();
    let cases: &[(&[&str], &[&str], bool)] = &[
        (&["a", "...", "d"], &["a", "b", "c", "d"], true),
        (&["a", "...", "d"], &["a", "d"], true),
        (&["a", "..."], &["a"], true),
        (&["a", "...", "d"], &["a", "b", "c"], false),
        (&["a", "b"], &["a", "b", "c"], false),
        (&["a", "b", "c"], &["a", "b"], false),
        (&[], &[], true),
    ];
    for &(pattern, actual, result) in cases {
        assert_eq!(
            matches(&expected(pattern), actual),
            result,
            "{pattern:?} against {actual:?}"
        );
    }
}

#[test]
fn console_blocks_split_commands_continuations_and_output() {
    let text = "intro\n```console\n$ brag add x \\\n    --date 2026-11-03\nadded x\n$ echo $?\n0\n```\n```sh\n$ not run\n```\n";
    let blocks = console_blocks(text);
    assert_eq!(blocks.len(), 1);
    let block = &blocks[0];
    assert_eq!(block.len(), 2);
    assert_eq!(block[0].line, 3);
    assert_eq!(block[0].command, "brag add x \\\n    --date 2026-11-03");
    assert_eq!(block[0].expected, ["added x"]);
    assert_eq!(block[1].command, "echo $?");
    assert_eq!(block[1].expected, ["0"]);
}
