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
    // Every file by its path, and every `index.html` also by its folder ("a/b/" and "" for the
    // home page), so a link is looked up as written, with nothing appended.
    let mut existing: FastSet<&[u8]> = FastSet::default();
    existing.reserve(files.len() * 2);
    for f in files {
        existing.insert(f.path.as_bytes());
        if let Some(folder) = f.path.strip_suffix("index.html")
            && (folder.is_empty() || folder.ends_with('/'))
        {
            existing.insert(folder.as_bytes());
        }
    }
    let root = root.as_bytes();
    let internal = Finder::new(&[b"=\"", root].concat()).into_owned();
    let mut broken: Vec<(String, String)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map_iter(|file| {
            let mut found = Vec::new();
            for value in internal_links(&file.content, &internal) {
                // The path ends at the closing quote, or before a fragment or query.
                let rel = &value[root.len()..];
                let end = memchr::memchr3(b'"', b'#', b'?', rel).unwrap_or(rel.len());
                if !existing.contains(&rel[..end]) {
                    let from = file
                        .source
                        .clone()
                        .unwrap_or_else(|| PathBuf::from(&file.path));
                    let target = memchr::memchr(b'"', value).map_or(value, |q| &value[..q]);
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

/// Where the values of `href="..."` and `src="..."` attributes that start with the root begin
/// (found by `internal`, a finder of `="` and the root); each runs to the page's end, and its
/// closing quote is the caller's to find. Pages are bytes we rendered from strings, so they are
/// searched as bytes, once, with memchr's vectorised substring search: every hit is a
/// site-internal value, and the attribute's name is read only then.
fn internal_links<'h>(
    html: &'h [u8],
    internal: &'h Finder<'static>,
) -> impl Iterator<Item = &'h [u8]> {
    internal.find_iter(html).filter_map(move |i| {
        let name = &html[..i];
        (name.ends_with(b"href") || name.ends_with(b"src")).then(|| &html[i + 2..])
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
                "<a href=\"/d/a/\">a</a><a href=\"/d/b/#x\">b</a><a href=\"https://x.org/\">x</a>\
                 <a href=\"/d/\">home</a><a href=\"/d/a/index.html?x=1\">a</a>",
            ),
            page(
                "a/index.html",
                "<img src=\"/d/style.css\"><a title=\"/d/c/\" data-x=\"/d/e/\" href=\"/d/a/\">",
            ),
        ];
        let problems = check_links(&files, "/d/");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.message.contains("/d/b/#x")));
        assert!(problems.iter().any(|p| p.message.contains("/d/style.css")));
    }
}
