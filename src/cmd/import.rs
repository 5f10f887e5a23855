//! `dossier import FILE`: reads a clipped article and writes it as a draft article, or prints it.
//! The work is in `crate::import`; this file reads the input, builds the registry (built-in plus
//! the site's `content/actors.toml`) and writes the result without overwriting anything.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::new::{require_site, shown_path, write_article};
use crate::import::{self, furniture::Furniture};
use crate::registry::{ActorsFile, Registry};

/// Where the draft goes.
#[derive(Debug, Clone)]
pub enum Destination {
    /// `content/articles/<date>-<slug>.md` under the site root.
    Articles,
    /// A path of the user's choosing (never overwritten).
    File(PathBuf),
    /// Standard output (`-o -`); nothing is written to disk.
    Stdout,
}

/// Imports `file`; returns the path written, or None when the draft went to standard output.
pub fn run(
    root: &Path,
    file: &Path,
    destination: &Destination,
    today: NaiveDate,
) -> Result<Option<PathBuf>, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if matches!(destination, Destination::Articles) {
        require_site(root)?;
    }
    let registry = site_registry(root)?;
    let furniture = Furniture::builtin();
    let clipping = import::read(&file_name, &text, &furniture);
    let draft = import::draft(clipping, &file_name, today, &registry, &furniture);
    let article = draft.to_article();
    match destination {
        Destination::Stdout => {
            std::io::stdout()
                .write_all(article.as_bytes())
                .map_err(|e| format!("cannot write to standard output: {e}"))?;
            Ok(None)
        }
        Destination::Articles => write_article(root, draft.date, &draft.slug(), &article).map(Some),
        Destination::File(path) => {
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::AlreadyExists => {
                        format!("{} already exists; it was left as it was", path.display())
                    }
                    _ => format!("cannot create {}: {e}", path.display()),
                })?;
            out.write_all(article.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Some(shown_path(Path::new("."), path)))
        }
    }
}

/// The built-in registry plus the site's own actors, so a site's names are detected too. A broken
/// `content/actors.toml` is an error here as in a build: better said now than after the import.
fn site_registry(root: &Path) -> Result<Registry, String> {
    let mut registry = Registry::builtin();
    let path = root.join("content").join("actors.toml");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let file: ActorsFile = toml::from_str(&text)
            .map_err(|e| format!("{}: {} (run `dossier check`)", path.display(), e.message()))?;
        registry.extend_with_site(file.actor);
    }
    Ok(registry)
}
