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
    /// Each target as written (up to its closing quote), with the page that links to it, by
    /// the target's hash.
    targets: [Mutex<Shard>; SHARDS],
}

/// Targets by their hash, which a page's scan has already computed. A hash almost always has
/// one target, but two may share it.
type Shard = FastMap<u64, Vec<Target>>;

struct Target {
    bytes: Box<[u8]>,
    from: String,
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
        // Each target is hashed once. Sorted by hash, a page's repeated targets fall together
        // (two slices are compared only when their hashes are equal), and so do the targets of
        // each shard, which is locked once per page.
        let mut found: Vec<(u64, &[u8])> = internal_links(html, &self.internal)
            .map(|value| {
                let target = memchr::memchr(b'"', value).map_or(value, |q| &value[..q]);
                (hash_of(target), target)
            })
            .collect();
        found.sort_unstable_by_key(|&(hash, _)| hash);
        // Equal targets are next to each other unless two targets share a hash; then a target
        // may be noted twice, which the shard's lookup absorbs.
        found.dedup();
        for group in found.chunk_by(|a, b| shard_of(a.0) == shard_of(b.0)) {
            let mut shard = self.targets[shard_of(group[0].0)]
                .lock()
                .expect("link shard lock");
            for &(hash, target) in group {
                let same_hash = shard.entry(hash).or_default();
                match same_hash.iter_mut().find(|t| *t.bytes == *target) {
                    Some(first) => {
                        // The same page is reported whatever order the pages were rendered in.
                        if from < first.from.as_str() {
                            first.from = from.to_string();
                        }
                    }
                    None => same_hash.push(Target {
                        bytes: target.into(),
                        from: from.to_string(),
                    }),
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
            .flat_map(|shard| shard.into_inner().expect("link shard lock").into_values())
            .flatten()
            .map(|t| (t.bytes, t.from))
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

fn hash_of(target: &[u8]) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<crate::fasthash::FastHasher>::default().hash_one(target)
}

fn shard_of(hash: u64) -> usize {
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
