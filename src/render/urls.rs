//! Every URL of the site, in one place, so pages, feeds, exports and the link checker agree.

use crate::registry::{Actor, ActorKind};

/// Builds site-internal paths (starting with the base path) and absolute URLs.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.org/digest/`
    pub base: String,
    /// `/digest/`
    pub root: String,
}

impl Urls {
    pub fn new(base: String, root: String) -> Urls {
        Urls { base, root }
    }

    /// A site path for a path relative to the site root (`articles/x/` -> `/digest/articles/x/`).
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.root, rel)
    }

    /// The absolute URL of a site-relative path.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel)
    }

    pub fn article(&self, slug: &str) -> String {
        format!("articles/{slug}/")
    }

    pub fn claim(&self, id: &str) -> String {
        format!("claims/{id}/")
    }

    pub fn tag(&self, tag: &str) -> String {
        format!("tags/{tag}/")
    }

    pub fn country(&self, slug: &str) -> String {
        format!("countries/{slug}/")
    }

    pub fn home_page(&self, n: usize) -> String {
        if n <= 1 {
            String::new()
        } else {
            format!("page/{n}/")
        }
    }

    /// The Atom feed that belongs to a page (`countries/iran/` -> `countries/iran/atom.xml`).
    pub fn feed(&self, page_rel: &str) -> String {
        format!("{page_rel}atom.xml")
    }

    /// States live under `countries/`, every other actor under `actors/`.
    pub fn actor(&self, actor: &Actor) -> String {
        if actor.kind == ActorKind::State {
            format!("countries/{}/", actor.id)
        } else {
            format!("actors/{}/", actor.id)
        }
    }
}
