//! `dossier check`: runs everything a build validates (front matter, registry names, vocabularies,
//! templates, internal links) through the same pipeline as `build`, but writes nothing, and
//! reports in a form for people, for tools (JSON) or for GitHub Actions annotations.

use std::path::Path;

use super::Format;
use super::build::{self, BuildOptions, Summary};
use super::progress::Progress;
use crate::diagnostics::Diagnostics;

/// What `check` found; `passed` already accounts for `--strict`.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Option<Summary>,
    pub diagnostics: Diagnostics,
    pub passed: bool,
}

/// Validates the site at `root` without writing anything: `build::run` with no output folder,
/// so `check` can never disagree with what a build would say.
pub fn run(root: &Path, drafts: bool, strict: bool) -> Outcome {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        drafts,
        strict,
        base_url: None,
        progress: Progress::hidden(),
    };
    let (summary, diagnostics) = build::run(&options);
    let passed = summary.is_some()
        && diagnostics.error_count() == 0
        && !(strict && diagnostics.warning_count() > 0);
    Outcome {
        summary,
        diagnostics,
        passed,
    }
}

/// Prints the diagnostics in `format` and, unless `quiet`, a closing line on standard error
/// (standard output stays machine-readable for `json` and `github`). Returns whether it passed.
pub fn report(outcome: &Outcome, format: Format, quiet: bool) -> bool {
    super::print_diagnostics(&outcome.diagnostics, format, quiet);
    let errors = outcome.diagnostics.error_count();
    let warnings = outcome.diagnostics.warning_count();
    if outcome.passed {
        if !quiet {
            match &outcome.summary {
                Some(summary) if warnings == 0 => {
                    eprintln!("check passed: {}", summary.line(None));
                }
                _ => eprintln!("check passed with {warnings} warning(s)"),
            }
        }
    } else {
        eprintln!("check failed: {errors} error(s), {warnings} warning(s)");
    }
    outcome.passed
}
