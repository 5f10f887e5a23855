//! Write: checks internal links of the rendered site, then writes it to a temporary sibling of
//! the output folder and swaps it in. A failed build leaves the previous output as it was,
//! and nothing outside the output folder is ever written or deleted.

mod links;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use links::check_links;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

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

/// Writes the files into a fresh temporary sibling, then swaps it with the output folder.
pub fn write_output(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let parent = output.parent().expect("checked by check_output_dir");
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let io_error = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error("io", format!("cannot {what} {}: {e}", path.display()))
    };
    std::fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
    let staging = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io_error("clear", &staging, e))?;
    }
    let write_all = || -> Result<(), Diagnostic> {
        // Output paths are `/`-separated strings; their folders are deduplicated as strings,
        // which is much cheaper than sorting `PathBuf`s component by component.
        let mut dirs: Vec<&str> = files
            .iter()
            .map(|f| f.path.rsplit_once('/').map_or("", |(dir, _)| dir))
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        std::fs::create_dir(&staging).map_err(|e| io_error("create", &staging, e))?;
        // create_dir_all tolerates a parent made meanwhile by another thread.
        dirs.par_iter().try_for_each(|dir| {
            let dir = staging.join(dir);
            std::fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))
        })?;
        files.par_iter().try_for_each(|f| {
            let path = staging.join(&f.path);
            std::fs::write(&path, &f.content).map_err(|e| io_error("write", &path, e))
        })
    };
    if let Err(e) = write_all() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if output.exists() {
        std::fs::rename(output, &retired).map_err(|e| io_error("move aside", output, e))?;
        if let Err(e) = std::fs::rename(&staging, output) {
            let _ = std::fs::rename(&retired, output);
            return Err(io_error("move into place", output, e));
        }
        std::fs::remove_dir_all(&retired).map_err(|e| io_error("remove", &retired, e))?;
    } else {
        std::fs::rename(&staging, output).map_err(|e| io_error("move into place", output, e))?;
    }
    Ok(())
}
