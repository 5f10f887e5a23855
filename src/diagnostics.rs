//! Diagnostics: every problem a build finds, with file, line, column, the offending text and what
//! was expected. One type serves the terminal (miette snippets), JSON and GitHub annotations.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located in a file when it concerns one.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of problem (`front-matter`, `unknown-actor` ...).
    pub code: &'static str,
    pub message: String,
    /// What was expected, or how to fix it.
    pub help: Option<String>,
    pub location: Option<Box<Location>>,
}

/// Where in which file; line and column are 1-based, the span is in bytes.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    source: Arc<String>,
}

impl Location {
    /// Locates a byte span of a file's text.
    pub fn new(file: &Path, source: &Arc<String>, span: Range<usize>) -> Location {
        let start = span.start.min(source.len());
        let before = &source[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..start].chars().count() + 1;
        Location {
            file: file.to_path_buf(),
            line,
            column,
            span: start..span.end.min(source.len()),
            source: source.clone(),
        }
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            help: None,
            location: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            help: None,
            location: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    /// Names a file without pointing into it.
    pub fn in_file(self, file: &Path) -> Diagnostic {
        let empty = Arc::new(String::new());
        self.at(Location::new(file, &empty, 0..0))
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: ` or nothing.
    pub fn position(&self) -> String {
        match &self.location {
            Some(l) if l.source.is_empty() => format!("{}: ", l.file.display()),
            Some(l) => format!("{}:{}:{}: ", l.file.display(), l.line, l.column),
            None => String::new(),
        }
    }

    /// The terminal form: a headline with the position, then the source snippet underlined.
    pub fn to_human(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{level}[{}]: {}{}\n",
            self.code,
            self.position(),
            self.message
        );
        if let Some(l) = self.location.as_ref().filter(|l| !l.source.is_empty()) {
            let report = Snippet {
                source: NamedSource::new(
                    l.file.display().to_string(),
                    l.source.as_str().to_string(),
                ),
                span: l.span.clone(),
                headline: match &self.help {
                    Some(help) => format!("expected: {help}"),
                    None => self.message.clone(),
                },
            };
            let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .with_context_lines(1);
            let mut rendered = String::new();
            if handler.render_report(&mut rendered, &report).is_ok() {
                out.push_str(&rendered);
            }
        } else if let Some(help) = &self.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        out
    }

    /// One line of GitHub Actions workflow command, so CI shows the problem on the pull request.
    pub fn to_github(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let escape = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(" (");
            message.push_str(help);
            message.push(')');
        }
        match &self.location {
            Some(l) => format!(
                "::{level} file={},line={},col={},title={}::{}",
                l.file.display(),
                l.line,
                l.column,
                self.code,
                escape(&message)
            ),
            None => format!("::{level} title={}::{}", self.code, escape(&message)),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let l = self.location.as_ref();
        serde_json::json!({
            "file": l.map(|l| l.file.display().to_string()),
            "line": l.map(|l| l.line),
            "column": l.map(|l| l.column),
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "help": self.help,
        })
    }
}

/// miette needs a type implementing its Diagnostic trait to draw a snippet.
#[derive(Debug)]
struct Snippet {
    source: NamedSource<String>,
    span: Range<usize>,
    headline: String,
}

impl std::fmt::Display for Snippet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Snippet {}

impl miette::Diagnostic for Snippet {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.span.end.saturating_sub(self.span.start).max(1);
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".to_string()),
            self.span.start,
            len,
        ))))
    }
}

/// Everything a stage found; stages keep going after an error so one run reports all problems.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorted by file, line and column, so output is the same on every run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column))
                    .unwrap_or_default()
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
    }
}
