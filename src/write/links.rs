//! Internal link check: every `href` and `src` that points into the site must name a file the
//! build produces. Runs on the rendered files in memory, before anything is written.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Checks links that start with `root` (the base path); returns one diagnostic per broken target
/// and source file.
pub fn check_links(files: &[OutputFile], root: &str) -> Vec<Diagnostic> {
    let existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut broken: Vec<(String, String)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map_iter(|file| {
            let mut found = Vec::new();
            let Ok(html) = std::str::from_utf8(&file.content) else {
                return found;
            };
            let mut wanted = String::new();
            for target in attribute_values(html) {
                let Some(rel) = target.strip_prefix(root) else {
                    continue;
                };
                let rel = rel.split(['#', '?']).next().unwrap_or_default();
                wanted.clear();
                wanted.push_str(rel);
                if rel.is_empty() || rel.ends_with('/') {
                    wanted.push_str("index.html");
                }
                if !existing.contains(wanted.as_str()) {
                    let from = file
                        .source
                        .clone()
                        .unwrap_or_else(|| PathBuf::from(&file.path));
                    found.push((from.display().to_string(), target.to_string()));
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

/// The values of `href="..."` and `src="..."` attributes.
fn attribute_values(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\""].into_iter().flat_map(move |marker| {
        html.match_indices(marker).filter_map(move |(i, _)| {
            let rest = &html[i + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
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
            page("a/index.html", "<img src=\"/d/style.css\">"),
        ];
        let problems = check_links(&files, "/d/");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.message.contains("/d/b/#x")));
    }
}
