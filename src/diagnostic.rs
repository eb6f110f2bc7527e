//! Located warnings and errors about a log, rendered as `path:line:col` with the line.

use std::fmt::Write as _;

use crate::lint::Lint;
use crate::text::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, never a failure (not even with `check --strict`).
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Something the reader could not place with confidence, or a quality lint, at a byte
/// offset of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The lint's code, for what `lints:` in the config can turn off.
    pub lint: Option<Lint>,
}

impl Diagnostic {
    pub fn warning(offset: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            offset,
            message: message.into(),
            hint: None,
            lint: None,
        }
    }

    pub fn note(offset: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::warning(offset, message)
        }
    }

    pub fn error(offset: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            ..Self::warning(offset, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_lint(mut self, lint: Lint) -> Self {
        self.lint = Some(lint);
        self
    }

    /// `PATH:LINE:COL: warning: [B101] message` (the code for a lint), the source line,
    /// and the hint if any.
    pub fn render(&self, path: &str, src: &str, lines: &LineIndex) -> String {
        let (line, column) = lines.line_col(src, self.offset);
        let code = self
            .lint
            .map_or(String::new(), |lint| format!("[{}] ", lint.code()));
        let mut out = format!(
            "{path}:{line}:{column}: {}: {code}{}\n",
            self.severity.as_str(),
            self.message
        );
        let gutter = line.to_string().len();
        let _ = writeln!(out, "{line} | {}", lines.line_text(src, line));
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{:gutter$} = hint: {hint}", "");
        }
        out
    }
}
