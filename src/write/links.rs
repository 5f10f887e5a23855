//! Internal link check: every `href` and `src` that points into the site must name a file the
//! build produces. Pages are scanned as they are rendered, before the whole site exists, so
//! each distinct target is noted once with the page that first (in path order) links to it,
//! and looked up when the build knows every file it made.

use std::path::Path;
use std::sync::Mutex;

use memchr::memmem::Finder;

use crate::diagnostics::Diagnostic;
use crate::fasthash::{FastMap, FastSet};

/// Shards of the target map (picked by the top four bits of a target's hash): pages are scanned
/// on every core at once.
const SHARDS: usize = 16;

/// The distinct internal link targets of the pages scanned so far.
pub struct LinkCheck {
    root: Vec<u8>,
    /// `="` followed by the root: every hit is a site-internal attribute value.
    internal: Finder<'static>,
    /// Each target as written (up to its closing quote), with the page that links to it.
    targets: [Mutex<FastMap<Box<[u8]>, String>>; SHARDS],
}

impl LinkCheck {
    /// Checks links that start with `root` (the base path).
    pub fn new(root: &str) -> LinkCheck {
        LinkCheck {
            root: root.as_bytes().to_vec(),
            internal: Finder::new(&[b"=\"", root.as_bytes()].concat()).into_owned(),
            targets: std::array::from_fn(|_| Mutex::new(FastMap::default())),
        }
    }

    /// Notes the internal link targets of one HTML page; `from` names it in messages.
    pub fn scan(&self, html: &[u8], from: &str) {
        let mut targets: Vec<&[u8]> = internal_links(html, &self.internal)
            .map(|value| memchr::memchr(b'"', value).map_or(value, |q| &value[..q]))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        for target in targets {
            let shard = &self.targets[shard_of(target)];
            let mut shard = shard.lock().expect("link shard lock");
            match shard.get_mut(target) {
                Some(first) => {
                    // The same page is reported whatever order the pages were rendered in.
                    if from < first.as_str() {
                        *first = from.to_string();
                    }
                }
                None => {
                    shard.insert(target.into(), from.to_string());
                }
            }
        }
    }

    /// One diagnostic per target that names none of `paths` (the files of the output, with
    /// `/` separators), in target order.
    pub fn broken(self, paths: &[String]) -> Vec<Diagnostic> {
        // Every file by its path, and every `index.html` also by its folder ("a/b/" and "" for
        // the home page), so a link is looked up as written, with nothing appended.
        let mut existing: FastSet<&[u8]> = FastSet::default();
        existing.reserve(paths.len() * 2);
        for path in paths {
            existing.insert(path.as_bytes());
            if let Some(folder) = path.strip_suffix("index.html")
                && (folder.is_empty() || folder.ends_with('/'))
            {
                existing.insert(folder.as_bytes());
            }
        }
        let root = self.root.len();
        let mut broken: Vec<(Box<[u8]>, String)> = self
            .targets
            .into_iter()
            .flat_map(|shard| shard.into_inner().expect("link shard lock"))
            .filter(|(target, _)| {
                // The path ends before a fragment or query.
                let rel = &target[root..];
                let end = memchr::memchr2(b'#', b'?', rel).unwrap_or(rel.len());
                !existing.contains(&rel[..end])
            })
            .collect();
        broken.sort();
        broken
            .into_iter()
            .map(|(target, from)| {
                let target = String::from_utf8_lossy(&target);
                Diagnostic::error(
                    "broken-link",
                    format!("link to {target}, which the site does not have"),
                )
                .help("link to an existing article as /articles/<slug>/")
                .in_file(Path::new(&from))
            })
            .collect()
    }
}

fn shard_of(target: &[u8]) -> usize {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let hash = BuildHasherDefault::<crate::fasthash::FastHasher>::default().hash_one(target);
    (hash >> 60) as usize
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

    #[test]
    fn links_to_missing_pages_are_reported_once_and_external_ones_ignored() {
        let check = LinkCheck::new("/d/");
        check.scan(
            b"<a href=\"/d/a/\">a</a><a href=\"/d/b/#x\">b</a><a href=\"https://x.org/\">x</a>\
              <a href=\"/d/\">home</a><a href=\"/d/a/index.html?x=1\">a</a>",
            "index.html",
        );
        check.scan(
            b"<img src=\"/d/style.css\"><a title=\"/d/c/\" data-x=\"/d/e/\" href=\"/d/a/\">\
              <a href=\"/d/b/#x\">b</a>",
            "a/index.html",
        );
        let paths = ["index.html".to_string(), "a/index.html".to_string()];
        let problems = check.broken(&paths);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("/d/b/#x"));
        assert!(problems[1].message.contains("/d/style.css"));
        // The page named is the first in path order that has the link, whatever the order of scans.
        let from = &problems[0].location.as_ref().unwrap().file;
        assert_eq!(from, Path::new("a/index.html"));
    }
}
