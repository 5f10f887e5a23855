//! Internal link check: every `href` and `src` that points into the site must name a file the
//! build produces. Pages are scanned as they are rendered, before the whole site exists, so
//! each distinct target is noted once and looked up when the build knows every file it made.
//! Each page keeps the ids of the targets it links to: only when a target turns out missing
//! are the pages searched for the first (in path order) that links to it.

use std::collections::hash_map::Entry;
use std::path::Path;
use std::sync::Mutex;

use memchr::memmem::Finder;

use crate::diagnostics::Diagnostic;
use crate::fasthash::{FastMap, FastSet};

/// Shards of the target table (picked by the top four bits of a target's hash): pages are
/// scanned on every core at once.
const SHARDS: usize = 16;

/// Bits of a target id that number it within its shard; the shard is in the bits above.
const LOCAL_BITS: u32 = 28;

/// The distinct internal link targets of the pages scanned so far.
pub struct LinkCheck {
    root: Vec<u8>,
    /// `="` followed by the root: every hit is a site-internal attribute value.
    internal: Finder<'static>,
    /// The targets, each noted once, in the shard its hash picks.
    shards: [Mutex<Shard>; SHARDS],
    /// Every page scanned, by the name messages give it, with the ids of its targets.
    pages: Mutex<Vec<(String, Vec<u32>)>>,
}

/// Targets as written (up to the closing quote), numbered in the order they were first seen,
/// and found by their hash, which a page's scan has already computed.
#[derive(Default)]
struct Shard {
    /// The first target with each hash.
    by_hash: FastMap<u64, u32>,
    /// Each target, with the next one that has the same hash (a hash almost always has one
    /// target, but two may share it).
    targets: Vec<(Box<[u8]>, Option<u32>)>,
}

impl Shard {
    /// The target's number in this shard, noting it if it is new.
    fn id_of(&mut self, hash: u64, target: &[u8]) -> u32 {
        let next = self.targets.len() as u32;
        let Some(&first) = self.by_hash.get(&hash) else {
            self.by_hash.insert(hash, next);
            self.targets.push((target.into(), None));
            return next;
        };
        let mut at = first;
        loop {
            let (bytes, same_hash) = &self.targets[at as usize];
            if **bytes == *target {
                return at;
            }
            match same_hash {
                Some(n) => at = *n,
                None => break,
            }
        }
        self.targets[at as usize].1 = Some(next);
        self.targets.push((target.into(), None));
        next
    }
}

impl LinkCheck {
    /// Checks links that start with `root` (the base path).
    pub fn new(root: &str) -> LinkCheck {
        LinkCheck {
            root: root.as_bytes().to_vec(),
            internal: Finder::new(&[b"=\"", root.as_bytes()].concat()).into_owned(),
            shards: std::array::from_fn(|_| Mutex::new(Shard::default())),
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Notes the internal link targets of one HTML page; `from` names it in messages.
    pub fn scan(&self, html: &[u8], from: &str) {
        // Each target is hashed once, and a page's repeated targets (an actor linked in every
        // paragraph) are dropped by their hash; two slices are compared only when their hashes
        // are equal. Two targets that share a hash are both kept: the shard's lookup tells them
        // apart, whichever comes again. The set starts with room for an article page's targets.
        let mut seen: FastMap<u64, &[u8]> =
            FastMap::with_capacity_and_hasher(64, Default::default());
        let mut found: Vec<(u64, &[u8])> = Vec::new();
        for value in internal_links(html, &self.internal) {
            let target = memchr::memchr(b'"', value).map_or(value, |q| &value[..q]);
            let hash = hash_of(target);
            match seen.entry(hash) {
                Entry::Vacant(first) => {
                    first.insert(target);
                    found.push((hash, target));
                }
                Entry::Occupied(first) if *first.get() != target => found.push((hash, target)),
                Entry::Occupied(_) => {}
            }
        }
        // Sorted by hash, the targets of each shard fall together: it is locked once per page.
        found.sort_unstable_by_key(|&(hash, _)| hash);
        let mut ids = Vec::with_capacity(found.len());
        for group in found.chunk_by(|a, b| shard_of(a.0) == shard_of(b.0)) {
            let shard = shard_of(group[0].0);
            let mut targets = self.shards[shard].lock().expect("link shard lock");
            ids.extend(
                group.iter().map(|&(hash, target)| {
                    (shard as u32) << LOCAL_BITS | targets.id_of(hash, target)
                }),
            );
        }
        self.pages
            .lock()
            .expect("link pages lock")
            .push((from.to_string(), ids));
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
        let shards: Vec<Shard> = self
            .shards
            .into_iter()
            .map(|shard| shard.into_inner().expect("link shard lock"))
            .collect();
        // The missing targets by id, each with the first page (in path order) that links to it.
        let mut missing: FastMap<u32, Option<&str>> = FastMap::default();
        for (shard, targets) in shards.iter().enumerate() {
            for (local, (target, _)) in targets.targets.iter().enumerate() {
                // The path ends before a fragment or query.
                let rel = &target[root..];
                let end = memchr::memchr2(b'#', b'?', rel).unwrap_or(rel.len());
                if !existing.contains(&rel[..end]) {
                    missing.insert((shard as u32) << LOCAL_BITS | local as u32, None);
                }
            }
        }
        if missing.is_empty() {
            return Vec::new();
        }
        let pages = self.pages.into_inner().expect("link pages lock");
        for (from, ids) in &pages {
            for id in ids {
                if let Some(first) = missing.get_mut(id)
                    && first.is_none_or(|f| from.as_str() < f)
                {
                    *first = Some(from);
                }
            }
        }
        let mut broken: Vec<(&[u8], &str)> = missing
            .into_iter()
            .map(|(id, from)| {
                let (target, _) = &shards[(id >> LOCAL_BITS) as usize].targets
                    [(id & ((1 << LOCAL_BITS) - 1)) as usize];
                (&target[..], from.expect("every target was noted by a page"))
            })
            .collect();
        broken.sort();
        broken
            .into_iter()
            .map(|(target, from)| {
                let target = String::from_utf8_lossy(target);
                Diagnostic::error(
                    "broken-link",
                    format!("link to {target}, which the site does not have"),
                )
                .help("link to an existing article as /articles/<slug>/")
                .in_file(Path::new(from))
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
    fn targets_that_share_a_hash_keep_ids_of_their_own() {
        let mut shard = Shard::default();
        let a = shard.id_of(7, b"/a/");
        let b = shard.id_of(7, b"/b/");
        assert_ne!(a, b);
        assert_eq!(shard.id_of(7, b"/b/"), b);
        assert_eq!(shard.id_of(7, b"/a/"), a);
        assert_eq!(shard.targets.len(), 2);
    }

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
