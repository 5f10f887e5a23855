//! Link: joins articles, extraction results and the registry into the cross-linked [`Digest`]:
//! which articles and claims concern each actor and country, and who appears with whom.
//! No I/O and no presentation here; render reads the digest and nothing else.

mod claims;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

pub use claims::{Claim, ClaimOrigin};

use crate::extract::site::ArticleExtraction;
use crate::fasthash::FastMap;
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

impl ActorLinks {
    /// Every claim the actor takes part in (acting, targeted or as a source), each once, in order.
    pub fn claims(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
            .acts_in
            .iter()
            .chain(&self.targeted_by)
            .chain(&self.made)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// The links of `id`, created empty if needed, without allocating a key when it exists.
fn entry<'a>(links: &'a mut BTreeMap<String, ActorLinks>, id: &str) -> &'a mut ActorLinks {
    if !links.contains_key(id) {
        links.insert(id.to_string(), ActorLinks::default());
    }
    links.get_mut(id).expect("inserted above")
}

/// The whole cross-linked digest.
pub struct Digest<'s> {
    pub site: &'s Site,
    pub extractions: Vec<ArticleExtraction<'s>>,
    pub articles: Vec<LinkedArticle>,
    pub claims: Vec<Claim>,
    /// Every actor that appears anywhere, by id.
    pub actors: BTreeMap<String, ActorLinks>,
    /// Tag -> article indices, newest first.
    pub tags: BTreeMap<String, Vec<usize>>,
}

impl<'s> Digest<'s> {
    /// Links a loaded site with its extraction results.
    pub fn new(site: &'s Site, mut extractions: Vec<ArticleExtraction<'s>>) -> Digest<'s> {
        let registry = &site.registry;
        // Each article's countries, actors and claims depend on that article alone.
        let per_article: Vec<(LinkedArticle, Vec<Claim>)> = site
            .articles
            .par_iter()
            .zip(&mut extractions)
            .enumerate()
            .map(|(index, (article, extraction))| {
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
                // An article names the same few actors many times: look each up once, noting
                // whether some mention names the country as such (not only through an alias).
                // The mentions of one actor share its id's string, so its address finds it
                // without comparing text; an id at another address is still found by its text.
                let mut named: Vec<(&str, bool)> = Vec::new();
                for mention in &extraction.mentions {
                    let at = named
                        .iter()
                        .position(|(id, _)| std::ptr::eq(*id, mention.actor))
                        .or_else(|| named.iter().position(|(id, _)| *id == mention.actor));
                    match at {
                        Some(i) => named[i].1 |= mention.how.names_country(),
                        None => named.push((mention.actor, mention.how.names_country())),
                    }
                }
                for (id, names_country) in named {
                    let Some(actor) = registry.actor(id) else {
                        continue;
                    };
                    if actor.kind != ActorKind::State {
                        actors.insert(actor.id.clone());
                    } else if names_country {
                        countries.extend(actor.country.clone());
                    }
                }
                let linked = LinkedArticle {
                    index,
                    countries: countries.into_iter().collect(),
                    actors: actors.into_iter().collect(),
                    claims: Vec::new(),
                };
                let claims = claims::article_claims(index, article, extraction);
                (linked, claims)
            })
            .collect();
        let mut articles = Vec::with_capacity(site.articles.len());
        let mut claims = Vec::new();
        for (mut linked, found) in per_article {
            linked.claims = (claims.len()..claims.len() + found.len()).collect();
            claims.extend(found);
            articles.push(linked);
        }

        // Actors are numbered in order of appearance, and each article's are listed by number.
        let mut number: FastMap<&str, u32> = FastMap::default();
        let mut names: Vec<&str> = Vec::new();
        let mut article_lists: Vec<Vec<usize>> = Vec::new();
        let mut present_in: Vec<Vec<u32>> = Vec::with_capacity(articles.len());
        // Who appears in each article (its actors, countries and claim parties), each once; made
        // in parallel, so that only the numbering is left to one thread.
        let present_lists: Vec<Vec<&str>> = articles
            .par_iter()
            .map(|linked| {
                let mut present: Vec<&str> = linked.actors.iter().map(String::as_str).collect();
                for code in &linked.countries {
                    if let Some(c) = registry.country(code) {
                        present.push(&c.slug);
                    }
                }
                for &c in &linked.claims {
                    present.extend(
                        claims[c]
                            .actors
                            .iter()
                            .chain(&claims[c].targets)
                            .map(String::as_str),
                    );
                }
                present.sort_unstable();
                present.dedup();
                present
            })
            .collect();
        for (linked, present) in articles.iter().zip(&present_lists) {
            let numbers: Vec<u32> = present
                .iter()
                .map(|id| {
                    *number.entry(id).or_insert_with(|| {
                        names.push(id);
                        article_lists.push(Vec::new());
                        (names.len() - 1) as u32
                    })
                })
                .collect();
            for &a in &numbers {
                article_lists[a as usize].push(linked.index);
            }
            present_in.push(numbers);
        }
        // Each actor's co-mentions are counted on its own, in parallel, by walking its articles:
        // an array indexed by actor number, of which only the entries it touched are read and
        // reset, in place of one shared map updated for every pair in every article.
        let co: Vec<Vec<(u32, usize)>> = (0..names.len())
            .into_par_iter()
            .map_init(
                || (vec![0usize; names.len()], Vec::new()),
                |(counts, touched), a| {
                    for &article in &article_lists[a] {
                        for &b in &present_in[article] {
                            let b = b as usize;
                            if b != a {
                                if counts[b] == 0 {
                                    touched.push(b as u32);
                                }
                                counts[b] += 1;
                            }
                        }
                    }
                    touched
                        .drain(..)
                        .map(|b| (b, std::mem::take(&mut counts[b as usize])))
                        .collect()
                },
            )
            .collect();
        let mut links: BTreeMap<String, ActorLinks> = BTreeMap::new();
        for (a, (name, articles_of)) in names.iter().zip(article_lists).enumerate() {
            let mut counts: Vec<(&str, usize)> =
                co[a].iter().map(|&(b, n)| (names[b as usize], n)).collect();
            counts.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
            counts.truncate(12);
            links.insert(
                name.to_string(),
                ActorLinks {
                    articles: articles_of,
                    co_mentioned: counts
                        .into_iter()
                        .map(|(n, c)| (n.to_string(), c))
                        .collect(),
                    ..ActorLinks::default()
                },
            );
        }
        for (i, claim) in claims.iter().enumerate() {
            for id in &claim.actors {
                entry(&mut links, id).acts_in.push(i);
            }
            for id in &claim.targets {
                entry(&mut links, id).targeted_by.push(i);
            }
            for id in claim.by.iter().filter(|b| registry.actor(b).is_some()) {
                entry(&mut links, id).made.push(i);
            }
        }
        for entry in links.values_mut() {
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
