//! Internal link check: every `href` and `src` that points into the site must name a file the
//! build produces. Runs on the rendered files in memory, before anything is written.

use std::path::PathBuf;

use memchr::memmem::Finder;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::fasthash::FastSet;
use crate::render::OutputFile;

/// Checks links that start with `root` (the base path); returns one diagnostic per broken target
/// and source file.
pub fn check_links(files: &[OutputFile], root: &str) -> Vec<Diagnostic> {
    let existing: FastSet<&[u8]> = files.iter().map(|f| f.path.as_bytes()).collect();
    let root = root.as_bytes();
    let internal = Finder::new(&[b"=\"", root].concat()).into_owned();
    let mut broken: Vec<(String, String)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map_iter(|file| {
            let mut found = Vec::new();
            let mut wanted = Vec::new();
            for target in internal_links(&file.content, &internal) {
                let rel = target[root.len()..]
                    .split(|&b| b == b'#' || b == b'?')
                    .next()
                    .unwrap_or_default();
                wanted.clear();
                wanted.extend_from_slice(rel);
                if rel.is_empty() || rel.ends_with(b"/") {
                    wanted.extend_from_slice(b"index.html");
                }
                if !existing.contains(wanted.as_slice()) {
                    let from = file
                        .source
                        .clone()
                        .unwrap_or_else(|| PathBuf::from(&file.path));
                    found.push((
                        from.display().to_string(),
                        String::from_utf8_lossy(target).into_owned(),
                    ));
                }
            }
            found
        })
        .collect();
    broken.sort();
    broken.dedup();
    broken
        .into_iter()
        .map(|(from, target)| {
            Diagnostic::error(
                "broken-link",
                format!("link to {target}, which the site does not have"),
            )
            .help("link to an existing article as /articles/<slug>/")
            .in_file(std::path::Path::new(&from))
        })
        .collect()
}

/// The values of `href="..."` and `src="..."` attributes that start with the root (found by
/// `internal`, a finder of `="` and the root). Pages are bytes we rendered from strings, so
/// they are searched as bytes, once, with memchr's vectorised substring search: every hit is a
/// site-internal value, and the attribute's name is read only then.
fn internal_links<'h>(
    html: &'h [u8],
    internal: &'h Finder<'static>,
) -> impl Iterator<Item = &'h [u8]> {
    internal.find_iter(html).filter_map(move |i| {
        let name = &html[..i];
        if !(name.ends_with(b"href") || name.ends_with(b"src")) {
            return None;
        }
        let rest = &html[i + 2..];
        memchr::memchr(b'"', rest).map(|end| &rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            content: html.as_bytes().to_vec(),
            source: None,
        }
    }

    #[test]
    fn links_to_missing_pages_are_reported_and_external_ones_ignored() {
        let files = vec![
            page(
                "index.html",
                "<a href=\"/d/a/\">a</a><a href=\"/d/b/#x\">b</a><a href=\"https://x.org/\">x</a>",
            ),
            page(
                "a/index.html",
                "<img src=\"/d/style.css\"><a title=\"/d/c/\" data-x=\"/d/e/\" href=\"/d/a/\">",
            ),
        ];
        let problems = check_links(&files, "/d/");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.message.contains("/d/b/#x")));
    }
}
