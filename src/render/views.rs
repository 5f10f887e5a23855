//! View structs: what templates receive. Lists get light references (title, url, date, counts),
//! never whole rendered articles, so a tag with 5,000 articles costs little to render.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

use super::jsonld;
use super::urls::Urls;
use crate::fasthash::FastMap;
use crate::link::{Claim, Digest};
use crate::markdown::{DecorationKind, IfNamed, link_open};
use crate::registry::{Actor, ActorKind};

/// Site-wide values every template can use as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// Absolute base URL, with a trailing slash.
    pub base_url: &'a str,
    /// Path prefix of every internal link, with a trailing slash.
    pub root: &'a str,
    pub license: Option<&'a str>,
    /// Whether the search index and page exist (the header shows the search box).
    pub search: bool,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub source: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub claims: usize,
    /// [`NameRef`]s, as template values ([`Views::name_value`]).
    pub countries: Vec<tera::Value>,
    /// The entry as lists show it (`article_item.html`), rendered once: an article appears in
    /// the lists of its tags, countries and actors, and the home page's. A safe string, which
    /// templates print as it is: the `safe` filter would copy it for every list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_html: Option<tera::Value>,
}

/// A link to an actor or country page, or a plain name when there is no page.
#[derive(Debug, Clone, Serialize)]
pub struct NameRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub url: Option<String>,
    /// How often it appears in the context of the list (articles, co-mentions ...).
    pub count: usize,
}

impl<'a> NameRef<'a> {
    fn of(actor: &'a Actor, url: Option<String>, count: usize) -> NameRef<'a> {
        NameRef {
            id: &actor.id,
            name: &actor.name,
            kind: actor.kind.as_str(),
            url,
            count,
        }
    }
}

/// A claim as shown in tables and on its page.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView<'a> {
    pub id: &'a str,
    pub url: String,
    /// The claim's anchor in its article, when the sentence was found.
    pub in_article_url: Option<String>,
    pub origin: &'static str,
    pub text: &'a str,
    pub actors: Vec<NameRef<'a>>,
    pub action: &'a str,
    pub action_label: &'a str,
    pub targets: Vec<NameRef<'a>>,
    pub by: Vec<NameRef<'a>>,
    pub likelihood: Option<LikelihoodView<'a>>,
    pub confidence: Option<&'a str>,
    pub status: &'a str,
    /// The article's [`ArticleRef`], already a template value.
    pub article: tera::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct LikelihoodView<'a> {
    pub term: &'a str,
    pub low: u8,
    pub high: u8,
}

/// Builds views from the digest, with the URL scheme of this render.
///
/// Every article reference and every claim is turned into a template value once: a claim shows
/// on its own page, in the claims index, on its article's page and on the pages of its actors,
/// and a Tera value's lists and maps are shared, so each further use costs a reference count.
pub struct Views<'d> {
    pub digest: &'d Digest<'d>,
    pub urls: &'d Urls,
    article_values: Vec<tera::Value>,
    claim_values: Vec<tera::Value>,
    /// Per actor with a page: its URL, the opening tag of a mention's link to it, its JSON-LD
    /// and its list entry, made once (a digest refers to a few hundred actors hundreds of
    /// thousands of times).
    pages: FastMap<&'d str, ActorPage<'d>>,
}

struct ActorPage<'d> {
    url: String,
    name: &'d str,
    /// The opening tags of a mention's link: with the actor's name as its title, for a
    /// mention that words it otherwise ("Moscow", "Kremlin"), and without, for one that
    /// says the name itself (a title that repeats the link's text is noise to screen readers).
    titled: String,
    untitled: String,
    /// The actor as a JSON-LD thing, for the `mentions` of every article page that names it.
    ld: Box<RawValue>,
    /// Its [`NameRef`] (count 0) as a template value, for the lists of every article naming it.
    name_value: tera::Value,
}

impl<'d> Views<'d> {
    /// `render_item` renders an article's list entry from its [`ArticleRef`] value.
    pub fn new<E: Send>(
        digest: &'d Digest<'d>,
        urls: &'d Urls,
        render_item: impl Fn(&tera::Value) -> Result<String, E> + Sync,
    ) -> Result<Views<'d>, E> {
        let registry = &digest.site.registry;
        let pages = digest
            .actors
            .keys()
            .filter_map(|id| registry.actor(id))
            .map(|actor| {
                let url = urls.path(&urls.actor(actor));
                let titled = link_open(&url, Some(&actor.name), "mention");
                let untitled = link_open(&url, None, "mention");
                let ld = jsonld::thing(actor, Some(urls.absolute(&urls.actor(actor))));
                let name_value =
                    tera::Value::from_serializable(&NameRef::of(actor, Some(url.clone()), 0));
                let page = ActorPage {
                    url,
                    name: &actor.name,
                    titled,
                    untitled,
                    ld,
                    name_value,
                };
                (actor.id.as_str(), page)
            })
            .collect();
        let mut views = Views {
            digest,
            urls,
            article_values: Vec::new(),
            claim_values: Vec::new(),
            pages,
        };
        views.article_values = (0..digest.articles.len())
            .into_par_iter()
            .map(|i| {
                let mut article = views.article_ref(i);
                let html = render_item(&tera::Value::from_serializable(&article))?;
                article.item_html = Some(tera::Value::safe_string(&html));
                Ok(tera::Value::from_serializable(&article))
            })
            .collect::<Result<_, E>>()?;
        views.claim_values = (0..digest.claims.len())
            .into_par_iter()
            .map(|i| tera::Value::from_serializable(&views.claim_view(i)))
            .collect();
        Ok(views)
    }

    /// An article in a list, as a struct (for views that extend it).
    pub fn article_ref(&self, i: usize) -> ArticleRef<'d> {
        let article = &self.digest.site.articles[i];
        let linked = &self.digest.articles[i];
        let registry = &self.digest.site.registry;
        ArticleRef {
            title: &article.title,
            url: self.urls.path(&self.urls.article(&article.slug)),
            date: article.date.to_string(),
            source: article.source.as_deref(),
            summary: article.summary.as_deref(),
            claims: linked.claims.len(),
            countries: linked
                .countries
                .iter()
                .filter_map(|code| registry.country(code))
                .filter_map(|c| self.name_value(&c.slug))
                .collect(),
            item_html: None,
        }
    }

    /// Articles in a list, as template values.
    pub fn article_refs(&self, indices: &[usize]) -> Vec<tera::Value> {
        indices
            .iter()
            .map(|&i| self.article_values[i].clone())
            .collect()
    }

    /// A reference to a registry actor; its page exists when it appears in the digest.
    pub fn name_ref(&self, id: &str, count: usize) -> Option<NameRef<'d>> {
        let actor: &'d Actor = self.digest.site.registry.actor(id)?;
        let url = self.pages.get(id).map(|page| page.url.clone());
        Some(NameRef::of(actor, url, count))
    }

    /// [`Views::name_ref`] with no count, as a template value: made once for an actor with a
    /// page, since each article page lists its actors and countries, and each list entry its
    /// countries.
    pub fn name_value(&self, id: &str) -> Option<tera::Value> {
        match self.pages.get(id) {
            Some(page) => Some(page.name_value.clone()),
            None => self
                .name_ref(id, 0)
                .map(|name| tera::Value::from_serializable(&name)),
        }
    }

    /// The JSON-LD thing of an actor with a page (and a URL), made once per render.
    pub fn actor_ld(&self, id: &str) -> Option<&RawValue> {
        self.pages.get(id).map(|page| &*page.ld)
    }

    /// The link from a mention of `id` to its page, titled with the actor's name unless the
    /// mention's words are that name; `None` without a page.
    pub fn mention_link(&self, id: &str) -> Option<DecorationKind<'_>> {
        self.pages.get(id).map(|page| DecorationKind::Link {
            open: Cow::Borrowed(&page.titled),
            if_named: Some(IfNamed {
                name: page.name,
                open: &page.untitled,
            }),
        })
    }

    /// A claim source: an actor when the registry knows it, otherwise the words as written.
    pub fn source_ref(&self, by: &'d str) -> NameRef<'d> {
        self.name_ref(by, 0).unwrap_or(NameRef {
            id: by,
            name: by,
            kind: "source",
            url: None,
            count: 0,
        })
    }

    fn claim_view(&self, i: usize) -> ClaimView<'d> {
        let claim: &'d Claim = &self.digest.claims[i];
        let article = &self.digest.site.articles[claim.article];
        let lexicon = &self.digest.site.lexicon;
        let article_url = self.urls.path(&self.urls.article(&article.slug));
        ClaimView {
            id: &claim.id,
            url: self.urls.path(&self.urls.claim(&claim.id)),
            in_article_url: claim.anchor.map(|_| format!("{article_url}#{}", claim.id)),
            origin: claim.origin.as_str(),
            text: &claim.text,
            actors: claim
                .actors
                .iter()
                .filter_map(|a| self.name_ref(a, 0))
                .collect(),
            action: &claim.action,
            action_label: lexicon.action_label(&claim.action),
            targets: claim
                .targets
                .iter()
                .filter_map(|a| self.name_ref(a, 0))
                .collect(),
            by: claim.by.iter().map(|b| self.source_ref(b)).collect(),
            likelihood: claim.likelihood.as_ref().map(|l| LikelihoodView {
                term: &l.term,
                low: l.low,
                high: l.high,
            }),
            confidence: claim.confidence.as_deref(),
            status: &claim.status,
            article: self.article_values[claim.article].clone(),
        }
    }

    /// A claim as a template value.
    pub fn claim(&self, i: usize) -> tera::Value {
        self.claim_values[i].clone()
    }

    pub fn claims(&self, indices: &[usize]) -> Vec<tera::Value> {
        indices.iter().map(|&i| self.claim(i)).collect()
    }

    /// Name references for ids with counts, states and others apart: (countries, actors).
    pub fn split_by_state(
        &self,
        counted: &[(String, usize)],
    ) -> (Vec<NameRef<'d>>, Vec<NameRef<'d>>) {
        counted
            .iter()
            .filter_map(|(id, n)| self.name_ref(id, *n))
            .partition(|r| r.kind == ActorKind::State.as_str())
    }
}
