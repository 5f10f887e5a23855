//! The subcommands, one file each. They wire the pipeline stages together and talk to the
//! terminal; the stages themselves know nothing of the command line.

pub mod build;
pub mod check;
pub mod extract;
pub mod import;
pub mod init;
pub mod new;
pub mod progress;
pub mod serve;

use std::io::Write;

use crate::diagnostics::Diagnostics;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Text with source snippets.
    #[default]
    Human,
    /// One JSON object per line: file, line, column, severity, code, message.
    Json,
    /// GitHub Actions annotations (`::error file=...,line=...::message`).
    Github,
}

/// Prints diagnostics to standard error (human) or standard output (json, github).
pub fn print_diagnostics(diagnostics: &Diagnostics, format: Format, quiet: bool) {
    let stderr = std::io::stderr();
    let stdout = std::io::stdout();
    for d in &diagnostics.items {
        if quiet && !d.is_error() {
            continue;
        }
        match format {
            Format::Human => {
                let _ = write!(stderr.lock(), "{}", d.to_human());
            }
            Format::Json => {
                let _ = writeln!(stdout.lock(), "{}", d.to_json());
            }
            Format::Github => {
                let _ = writeln!(stdout.lock(), "{}", d.to_github());
            }
        }
    }
}
