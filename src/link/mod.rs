//! Link: joins articles, extraction results and the registry into the cross-linked [`Digest`]:
//! which articles and claims concern each actor and country, and who appears with whom.
//! No I/O and no presentation here; render reads the digest and nothing else.

mod claims;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use claims::{Claim, ClaimOrigin};

use crate::extract::site::ArticleExtraction;
use crate::load::Site;
use crate::registry::ActorKind;

/// An article with what the digest knows about it.
#[derive(Debug, Clone)]
pub struct LinkedArticle {
    /// Index into `Site::articles`.
    pub index: usize,
    /// ISO codes of the countries named in it (front matter and prose), sorted.
    pub countries: Vec<String>,
    /// Ids of the non-state actors named in it, sorted.
    pub actors: Vec<String>,
    /// Indices into `Digest::claims`, curated first, then in reading order.
    pub claims: Vec<usize>,
}

/// What one actor (states included, by their slug) is connected to.
#[derive(Debug, Clone, Default)]
pub struct ActorLinks {
    /// Article indices, newest first.
    pub articles: Vec<usize>,
    /// Claims in which it acts / is targeted / is the source.
    pub acts_in: Vec<usize>,
    pub targeted_by: Vec<usize>,
    pub made: Vec<usize>,
    /// Other actors (states included) named in the same articles, with counts, most first.
    pub co_mentioned: Vec<(String, usize)>,
}

/// The whole cross-linked digest.
pub struct Digest<'s> {
    pub site: &'s Site,
    pub extractions: Vec<ArticleExtraction>,
    pub articles: Vec<LinkedArticle>,
    pub claims: Vec<Claim>,
    /// Every actor that appears anywhere, by id.
    pub actors: BTreeMap<String, ActorLinks>,
    /// Tag -> article indices, newest first.
    pub tags: BTreeMap<String, Vec<usize>>,
}

impl<'s> Digest<'s> {
    /// Links a loaded site with its extraction results.
    pub fn new(site: &'s Site, extractions: Vec<ArticleExtraction>) -> Digest<'s> {
        let registry = &site.registry;
        let mut articles = Vec::with_capacity(site.articles.len());
        let mut claims = Vec::new();
        for (index, (article, extraction)) in site.articles.iter().zip(&extractions).enumerate() {
            let mut countries: BTreeSet<String> = article.countries.iter().cloned().collect();
            let mut actors: BTreeSet<String> = BTreeSet::new();
            for id in &article.actors {
                match registry.actor(id) {
                    Some(a) if a.kind == ActorKind::State => {
                        countries.extend(a.country.clone());
                    }
                    _ => {
                        actors.insert(id.clone());
                    }
                }
            }
            for mention in &extraction.mentions {
                let Some(actor) = registry.actor(&mention.actor) else {
                    continue;
                };
                if actor.kind == ActorKind::State {
                    if mention.how.names_country() {
                        countries.extend(actor.country.clone());
                    }
                } else {
                    actors.insert(actor.id.clone());
                }
            }
            let first = claims.len();
            claims.extend(claims::article_claims(index, article, extraction));
            articles.push(LinkedArticle {
                index,
                countries: countries.into_iter().collect(),
                actors: actors.into_iter().collect(),
                claims: (first..claims.len()).collect(),
            });
        }

        let mut links: BTreeMap<String, ActorLinks> = BTreeMap::new();
        let mut co: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for linked in &articles {
            let mut present: BTreeSet<String> = linked.actors.iter().cloned().collect();
            for code in &linked.countries {
                if let Some(c) = registry.country(code) {
                    present.insert(c.slug.clone());
                }
            }
            for &c in &linked.claims {
                present.extend(claims[c].actors.iter().chain(&claims[c].targets).cloned());
            }
            for id in &present {
                links
                    .entry(id.clone())
                    .or_default()
                    .articles
                    .push(linked.index);
                let counts = co.entry(id.clone()).or_default();
                for other in &present {
                    if other != id {
                        *counts.entry(other.clone()).or_default() += 1;
                    }
                }
            }
        }
        for (i, claim) in claims.iter().enumerate() {
            for id in &claim.actors {
                links.entry(id.clone()).or_default().acts_in.push(i);
            }
            for id in &claim.targets {
                links.entry(id.clone()).or_default().targeted_by.push(i);
            }
            for id in claim.by.iter().filter(|b| registry.actor(b).is_some()) {
                links.entry(id.clone()).or_default().made.push(i);
            }
        }
        for (id, entry) in links.iter_mut() {
            let mut counts: Vec<(String, usize)> =
                co.remove(id).unwrap_or_default().into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts.truncate(12);
            entry.co_mentioned = counts;
            for list in [&mut entry.acts_in, &mut entry.targeted_by, &mut entry.made] {
                list.dedup();
            }
        }

        let mut tags: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.tags {
                tags.entry(tag.clone()).or_default().push(i);
            }
        }
        Digest {
            site,
            extractions,
            articles,
            claims,
            actors: links,
            tags,
        }
    }

    /// Countries that appear in the digest, as (code, links), sorted by name.
    pub fn countries(&self) -> Vec<(&crate::registry::Country, &ActorLinks)> {
        let mut out: Vec<_> = self
            .site
            .registry
            .countries()
            .iter()
            .filter_map(|c| self.actors.get(&c.slug).map(|l| (c, l)))
            .collect();
        out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        out
    }

    /// Actors of a country (or children of an organisation) that appear in the digest.
    pub fn affiliated(&self, id: &str) -> Vec<&str> {
        let registry = &self.site.registry;
        let code = registry
            .actor(id)
            .filter(|a| a.kind == ActorKind::State)
            .and_then(|a| a.country.as_deref());
        self.actors
            .keys()
            .filter_map(|other| registry.actor(other))
            .filter(|a| a.id != id && a.kind != ActorKind::State)
            .filter(|a| match code {
                Some(code) => a.country.as_deref() == Some(code),
                None => a.parent.as_deref() == Some(id),
            })
            .map(|a| a.id.as_str())
            .collect()
    }
}
