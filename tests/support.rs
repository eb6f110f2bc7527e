//! `Brag`: a test builder that runs the binary in a pinned, throwaway environment.
//!
//! It sets the log's text, config, arguments, environment and stdin, runs `brag`, and
//! hands back stdout, stderr, the exit code and the log's bytes afterwards. HOME, the
//! XDG folders and every `BRAG_*` variable point into a temporary folder, and today is
//! pinned to 2026-11-23 (a Monday), so no test sees the machine it runs on.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-23";

pub struct Brag {
    dir: TempDir,
    log: Option<Vec<u8>>,
    config: Option<String>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Vec<u8>,
}

/// What a run left behind.
#[derive(Debug)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// The log's bytes after the run (`None` if there is no file).
    pub log: Option<Vec<u8>>,
    /// The run's folder, removed when `Ran` is dropped.
    dir: TempDir,
}

impl Brag {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
            log: None,
            config: None,
            args: Vec::new(),
            env: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// The log's text, written to `<dir>/brag.md`, which `BRAG_FILE` points at.
    pub fn log(self, text: &str) -> Self {
        self.log_bytes(text.as_bytes())
    }

    pub fn log_bytes(mut self, bytes: &[u8]) -> Self {
        self.log = Some(bytes.to_vec());
        self
    }

    /// The config's text, at the default config path (`$XDG_CONFIG_HOME/brag/config.yaml`).
    pub fn config(mut self, text: &str) -> Self {
        self.config = Some(text.to_string());
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(ToString::to_string));
        self
    }

    /// An environment variable for the run; an empty value removes it.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// A file `name` in the run's folder (the current directory brag runs in).
    pub fn file(self, name: &str, text: &str) -> Self {
        std::fs::write(self.dir.path().join(name), text).expect("write the file");
        self
    }

    /// What brag reads on stdin (a pipe, never a terminal).
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = text.as_bytes().to_vec();
        self
    }

    /// An executable `sh` script at `<dir>/bin/NAME` running `body`; its path, for
    /// `VISUAL`, `EDITOR` or the config's `editor`. The folder is the script's, so a
    /// script named `vim` is taken for vim.
    #[cfg(unix)]
    pub fn script(&self, name: &str, body: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let folder = self.dir.path().join("bin");
        std::fs::create_dir_all(&folder).expect("script folder");
        let path = folder.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}")).expect("write the script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .expect("make the script executable");
        path.display().to_string()
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("brag.md")
    }

    pub fn run(self) -> Ran {
        let root = self.dir.path();
        let log_path = self.log_path();
        if let Some(bytes) = &self.log {
            std::fs::write(&log_path, bytes).expect("write the log");
        }
        let config_dir = root.join("config").join("brag");
        std::fs::create_dir_all(&config_dir).expect("config folder");
        if let Some(text) = &self.config {
            std::fs::write(config_dir.join("config.yaml"), text).expect("write the config");
        }
        let mut command = self.command(&self.args);
        command.stdin(Stdio::piped());
        let mut child = command.spawn().expect("spawn brag");
        let stdin = self.stdin;
        let mut pipe = child.stdin.take().expect("stdin pipe");
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            // brag may exit before reading stdin: a closed pipe is fine.
            let _ = pipe.write_all(&stdin);
        });
        let output = child.wait_with_output().expect("wait for brag");
        writer.join().expect("stdin writer");
        let shown = root.display().to_string();
        let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&shown, "[DIR]");
        Ran {
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
            code: output.status.code().unwrap_or(-1),
            log: std::fs::read(&log_path).ok(),
            dir: self.dir,
        }
    }

    /// `brag ARGS` in this builder's pinned environment, for a test that runs it itself
    /// (several at once): it writes neither log nor config, and gives the child no stdin
    /// and piped stdout and stderr.
    pub fn command<S: AsRef<str>>(&self, args: &[S]) -> Command {
        let mut command = Command::cargo_bin("brag").expect("the brag binary");
        command.args(args.iter().map(AsRef::as_ref));
        self.pinned(command)
    }

    /// `sh -c SCRIPT` in this builder's pinned environment, with the `brag` under test
    /// first on `PATH`: for examples written as shell lines, like the README's.
    pub fn shell(&self, script: &str) -> Command {
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        let mut command = self.pinned(command);
        let binary = Path::new(env!("CARGO_BIN_EXE_brag"));
        let folder = binary.parent().expect("the binary's folder");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let paths = std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths).expect("a PATH"));
        command
    }

    /// `command` with the folder, the environment and the pipes of every run.
    fn pinned(&self, mut command: Command) -> Command {
        let root = self.dir.path();
        command
            .current_dir(root)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", root.join("home"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("BRAG_FILE", self.log_path())
            .env("BRAG_TODAY", TODAY)
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in &self.env {
            if value.is_empty() {
                command.env_remove(key);
            } else {
                command.env(key, value);
            }
        }
        command
    }
}

impl Ran {
    /// The run's folder, where the next run can continue.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A builder for another run in the same folder, which keeps its files (the log,
    /// the config, anything the run left); arguments, environment and stdin start afresh.
    pub fn then(self) -> Brag {
        Brag {
            dir: self.dir,
            log: None,
            config: None,
            args: Vec::new(),
            env: Vec::new(),
            stdin: Vec::new(),
        }
    }

    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn failure(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stdout(&self, expected: &str) -> &Self {
        assert_eq!(
            self.stdout, expected,
            "stdout differs; stderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn stderr(&self, expected: &str) -> &Self {
        assert_eq!(
            self.stderr, expected,
            "stderr differs; stdout:\n{}",
            self.stdout
        );
        self
    }

    pub fn stderr_contains(&self, part: &str) -> &Self {
        assert!(
            self.stderr.contains(part),
            "stderr lacks {part:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The log's bytes afterwards are exactly `expected`.
    pub fn log_is(&self, expected: &[u8]) -> &Self {
        assert_eq!(
            self.log.as_deref().map(String::from_utf8_lossy),
            Some(String::from_utf8_lossy(expected)),
            "the log's bytes differ"
        );
        self
    }

    /// The entries as JSON values, from `list --format json` output.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }
}

/// The names in `folder` that start with `.brag` (brag's temporary files and drafts),
/// sorted, but for the record of its last write that `brag undo` keeps, which is meant
/// to stay.
pub fn brag_files_beside(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("a folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(".brag") && !name.ends_with(".brag-undo"))
        .collect();
    names.sort();
    names
}

/// A file's permission bits (a symlink's target's).
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// `git ARGS` in `dir`, away from the machine's git config; its stdout. Fails the test
/// when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    run_git(git_command(dir, args))
}

/// [`git`] with the author and committer dates set to `date`.
pub fn git_at(dir: &Path, args: &[&str], date: &str) -> String {
    let mut command = git_command(dir, args);
    command
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date);
    run_git(command)
}

fn git_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(args)
        // A global config of its own, inside the test's folder (it need not exist).
        .env("GIT_CONFIG_GLOBAL", dir.join(".test-gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1");
    command
}

fn run_git(mut command: Command) -> String {
    let out = command.output().expect("run git");
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
