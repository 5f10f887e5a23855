//! Write: takes the rendered files one by one into a temporary sibling of the output folder,
//! checks the site's internal links, and swaps the sibling in. A failed build leaves the
//! previous output as it was, and nothing outside the output folder is ever written or deleted.

mod links;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use links::LinkCheck;

use crate::diagnostics::Diagnostic;
use crate::render::Sink;

/// Refuses output folders that would overwrite or delete the site's own sources.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let protected = [
        root.clone(),
        root.join("content"),
        root.join("templates"),
        root.join("static"),
    ];
    for p in &protected {
        if p.starts_with(&output) {
            return Err(Diagnostic::error(
                "output-dir",
                format!(
                    "the output folder {} would replace {}",
                    output.display(),
                    p.display()
                ),
            )
            .help("choose a folder of its own, such as `public` inside the site"));
        }
    }
    for p in &protected[1..] {
        if output.starts_with(p) {
            return Err(Diagnostic::error(
                "output-dir",
                format!(
                    "the output folder {} is inside {}",
                    output.display(),
                    p.display()
                ),
            )
            .help("the build never writes into content/, templates/ or static/"));
        }
    }
    if output.parent().is_none() {
        return Err(Diagnostic::error(
            "output-dir",
            "the output folder cannot be a file-system root",
        ));
    }
    Ok(output)
}

/// Makes a path absolute and lexically normal (`a/./b/../c` -> `a/c`) without touching the disk.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Takes each file as the renderer finishes it: notes the links of its pages and writes it into
/// a fresh temporary sibling of the output folder, so that a large site is never held whole in
/// memory. The sibling replaces the output folder only in [`SiteWriter::finish`], once every
/// internal link names a file that was made; a writer dropped before then removes the sibling,
/// so a failed build leaves the previous output as it was.
pub struct SiteWriter {
    staging: Option<Staging>,
    links: LinkCheck,
}

impl SiteWriter {
    /// A writer into `output` (or, with none, one that only checks links, for `dossier check`);
    /// links that start with `root`, the base path, are internal.
    pub fn new(output: Option<&Path>, root: &str) -> Result<SiteWriter, Diagnostic> {
        Ok(SiteWriter {
            staging: output.map(Staging::create).transpose()?,
            links: LinkCheck::new(root),
        })
    }

    /// Checks the links against `paths` (every file written, `/`-separated), then swaps the
    /// new site in.
    pub fn finish(self, paths: &[String]) -> Result<(), Vec<Diagnostic>> {
        let SiteWriter { staging, links } = self;
        let broken = links.broken(paths);
        if !broken.is_empty() {
            return Err(broken);
        }
        match staging {
            Some(staging) => staging.swap().map_err(|d| vec![d]),
            None => Ok(()),
        }
    }
}

impl Sink for SiteWriter {
    fn put(&self, path: &str, content: &[u8], source: Option<&Path>) -> Result<(), Diagnostic> {
        if path.ends_with(".html") {
            let from = source.map_or(Cow::Borrowed(path), Path::to_string_lossy);
            self.links.scan(content, &from);
        }
        match &self.staging {
            Some(staging) => staging.write(path, content),
            None => Ok(()),
        }
    }
}

/// The temporary sibling a build writes into.
struct Staging {
    output: PathBuf,
    dir: PathBuf,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot {what} {}: {e}", path.display()))
}

impl Staging {
    fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output.parent().expect("checked by check_output_dir");
        std::fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
        let dir = parent.join(format!(
            ".{}.dossier-new-{}",
            output_name(output),
            std::process::id()
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_error("clear", &dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| io_error("create", &dir, e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
        })
    }

    /// Writes one file; its folder is made the first time a write into it fails for want of
    /// it (most pages have a folder of their own, so asking first would cost a call each).
    fn write(&self, path: &str, content: &[u8]) -> Result<(), Diagnostic> {
        let full = self.dir.join(path);
        match std::fs::write(&full, content) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder = full.parent().expect("a file in the staging folder");
                // create_dir_all tolerates a folder made meanwhile by another thread.
                std::fs::create_dir_all(folder).map_err(|e| io_error("create", folder, e))?;
                std::fs::write(&full, content)
            }
            other => other,
        }
        .map_err(|e| io_error("write", &full, e))
    }

    /// Puts the new site in place of the output folder.
    fn swap(self) -> Result<(), Diagnostic> {
        let output = self.output.clone();
        let retired = output.with_file_name(format!(
            ".{}.dossier-old-{}",
            output_name(&output),
            std::process::id()
        ));
        if output.exists() {
            std::fs::rename(&output, &retired).map_err(|e| io_error("move aside", &output, e))?;
            if let Err(e) = std::fs::rename(&self.dir, &output) {
                let _ = std::fs::rename(&retired, &output);
                return Err(io_error("move into place", &output, e));
            }
            std::fs::remove_dir_all(&retired).map_err(|e| io_error("remove", &retired, e))?;
        } else {
            std::fs::rename(&self.dir, &output)
                .map_err(|e| io_error("move into place", &output, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that stops before the swap leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}
