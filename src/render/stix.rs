//! `/data/stix.json`: the digest as one STIX 2.1 bundle, so threat-intelligence teams can load it
//! into their platforms. Countries become `location`s, actors that act in a claim `threat-actor`s
//! (states only then, as nation-states), other actors and every claim source `identity`s, articles
//! `report`s and claims `relationship`s carrying the source's words in a property extension.
//! Ids are UUIDv5 of stable keys and timestamps come from article dates, so two builds of the same
//! content give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::OutputFile;
use super::views::Views;
use crate::link::Claim;
use crate::registry::{Actor, ActorKind};

/// dossier's own UUID namespace. Each digest derives its namespace from this and its base URL,
/// so two digests never mint the same id for different objects.
const DOSSIER_NAMESPACE: Uuid = Uuid::from_u128(0x8441_286a_41a3_4395_87a6_bef4_5d9f_0e10);

/// Where the bundle is written, relative to the output folder.
pub(super) const STIX_PATH: &str = "data/stix.json";

/// STIX timestamps for an empty digest (there is no article date to take).
const EPOCH: &str = "1970-01-01T00:00:00.000Z";

/// The bundle file and the number of objects in it. Each object is compact JSON on a line of
/// its own: a large digest has hundreds of thousands of them, so they are serialised in parallel
/// as they are made, and the file stays easy to grep and to diff.
pub(super) fn render_stix(views: &Views) -> (OutputFile, usize) {
    let (bundle_id, objects) = Bundle::new(views).build();
    let mut content = Vec::with_capacity(objects.iter().map(|o| o.len() + 2).sum::<usize>() + 128);
    content.extend_from_slice(br#"{"type":"bundle","id":"#);
    content.extend(serde_json::to_vec(&bundle_id).expect("an id serialises"));
    content.extend_from_slice(br#","objects":["#);
    for (n, object) in objects.iter().enumerate() {
        content.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        content.extend_from_slice(object);
    }
    content.extend_from_slice(b"\n]}\n");
    let file = OutputFile {
        path: STIX_PATH.to_string(),
        content,
        source: None,
    };
    (file, objects.len())
}

/// One STIX object as compact JSON.
fn serialise(object: Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(&object).expect("STIX objects serialise")
}

/// Formats a date as STIX wants it: UTC, millisecond precision, `Z`.
fn stamp(date: &DateTime<FixedOffset>) -> String {
    date.with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

const SPEC_VERSION: &str = "2.1";

/// A claim's relationship, typed rather than built as a JSON map: a digest has one or more per
/// claim, hundreds of thousands in a large one. Fields are in alphabetical order, the order
/// serde_json gives the maps of the other objects.
#[derive(Serialize)]
struct ClaimRelationship<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<u32>,
    created: &'a str,
    created_by_ref: &'a str,
    description: String,
    extensions: OneEntry<'a, ClaimProperties<'a>>,
    external_references: [ExternalReference<'a>; 1],
    id: &'a str,
    modified: &'a str,
    relationship_type: &'a str,
    source_ref: &'a str,
    spec_version: &'static str,
    target_ref: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The claim's properties, under the extension definition's id.
#[derive(Serialize)]
struct ClaimProperties<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    analytic_confidence: Option<&'a str>,
    claim_id: &'a str,
    claim_url: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    claimed_by: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    claimed_by_refs: Option<&'a Vec<&'a String>>,
    extension_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'a str>,
    origin: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_high: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability_low: Option<u8>,
    #[serde(skip_serializing_if = "str::is_empty")]
    quote: &'a str,
    status: &'a str,
}

/// A claim's link back to its page on the digest.
#[derive(Serialize)]
struct ExternalReference<'a> {
    external_id: &'a str,
    source_name: &'a str,
    url: &'a str,
}

/// A JSON object with a single member whose name is only known at run time.
struct OneEntry<'a, V>(&'a str, &'a V);

impl<V: Serialize> Serialize for OneEntry<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

/// The STIX object that stands for an actor when it is a claim's actor or target.
#[derive(Clone)]
struct Node {
    id: String,
    kind: &'static str,
}

struct Bundle<'v, 'd> {
    views: &'v Views<'d>,
    namespace: Uuid,
    digest_id: String,
    extension_id: String,
    /// Serialised objects, in bundle order.
    objects: Vec<Vec<u8>>,
}

impl<'v, 'd> Bundle<'v, 'd> {
    fn new(views: &'v Views<'d>) -> Self {
        let base = views.digest.site.config.base();
        let namespace = Uuid::new_v5(&DOSSIER_NAMESPACE, base.as_bytes());
        let mut bundle = Bundle {
            views,
            namespace,
            digest_id: String::new(),
            extension_id: String::new(),
            objects: Vec::new(),
        };
        bundle.digest_id = bundle.id("identity", "digest");
        bundle.extension_id = bundle.id("extension-definition", "claim/1");
        bundle
    }

    /// `type--uuid`, the UUID a v5 hash of the type and a key that names the thing for good.
    fn id(&self, kind: &str, key: &str) -> String {
        let uuid = Uuid::new_v5(&self.namespace, format!("{kind}|{key}").as_bytes());
        format!("{kind}--{uuid}")
    }

    /// (created, modified): the first and last publication among the given articles.
    fn span(&self, articles: impl IntoIterator<Item = usize>) -> (String, String) {
        let site = self.views.digest.site;
        let dates: BTreeSet<DateTime<FixedOffset>> = articles
            .into_iter()
            .map(|i| site.articles[i].published)
            .collect();
        match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => (stamp(first), stamp(last)),
            _ => (EPOCH.to_string(), EPOCH.to_string()),
        }
    }

    /// The properties every object of the bundle shares.
    fn common(
        &self,
        kind: &str,
        id: &str,
        (created, modified): (String, String),
    ) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("type".into(), json!(kind));
        map.insert("spec_version".into(), json!(SPEC_VERSION));
        map.insert("id".into(), json!(id));
        map.insert("created_by_ref".into(), json!(self.digest_id));
        map.insert("created".into(), json!(created));
        map.insert("modified".into(), json!(modified));
        map
    }

    /// A link back to the page of this digest that the object comes from.
    fn page_reference(&self, rel: &str) -> Value {
        let urls = self.views.urls;
        json!({"source_name": self.views.digest.site.config.title, "url": urls.absolute(rel)})
    }

    /// The bundle's id and its serialised objects.
    fn build(mut self) -> (String, Vec<Vec<u8>>) {
        let digest = self.views.digest;
        let all = self.span(0..digest.articles.len());
        self.push_digest_identity(all.clone());
        self.push_extension_definition(all.0.clone());
        let nodes = self.push_actors();
        let sources = self.push_sources();
        let mut refs_by_article: Vec<BTreeSet<String>> =
            vec![BTreeSet::new(); digest.articles.len()];
        let reports: Vec<String> = (0..digest.articles.len())
            .map(|i| self.id("report", &digest.site.articles[i].slug))
            .collect();
        let per_claim: Vec<(Vec<Vec<u8>>, Vec<String>)> = (0..digest.claims.len())
            .into_par_iter()
            .map(|c| {
                let report = &reports[digest.claims[c].article];
                self.claim_objects(c, &nodes, &sources, report)
            })
            .collect();
        for ((objects, involved), claim) in per_claim.into_iter().zip(&digest.claims) {
            let refs = &mut refs_by_article[claim.article];
            for id in &claim.targets {
                refs.extend(nodes.get(id).map(|n| n.id.clone()));
            }
            refs.extend(claim.by.iter().filter_map(|b| sources.get(b).cloned()));
            refs.extend(involved);
            self.objects.extend(objects);
        }
        for (i, linked) in digest.articles.iter().enumerate() {
            let registry = &digest.site.registry;
            let countries = linked.countries.iter().filter_map(|c| registry.country(c));
            for id in countries.map(|c| &c.slug).chain(&linked.actors) {
                refs_by_article[i].extend(nodes.get(id).map(|n| n.id.clone()));
            }
            let refs = std::mem::take(&mut refs_by_article[i]);
            self.push_report(i, &reports[i], refs);
        }
        (self.id("bundle", "digest"), self.objects)
    }

    /// A report per article: what it is about (its countries, actors, sources and claims) with
    /// links to the digest's page and the original.
    fn push_report(&mut self, i: usize, id: &str, mut refs: BTreeSet<String>) {
        let site = self.views.digest.site;
        let article = &site.articles[i];
        let published = stamp(&article.published);
        if refs.is_empty() {
            refs.insert(self.digest_id.clone());
        }
        let mut map = self.common("report", id, (published.clone(), published.clone()));
        map.insert("name".into(), json!(article.title));
        if let Some(summary) = &article.summary {
            map.insert("description".into(), json!(summary));
        }
        map.insert("report_types".into(), json!(["threat-report"]));
        map.insert("published".into(), json!(published));
        map.insert("object_refs".into(), json!(refs));
        if !article.tags.is_empty() {
            map.insert("labels".into(), json!(article.tags));
        }
        if let Some(language) = &article.language {
            map.insert("lang".into(), json!(language));
        }
        let page = self.views.urls.article(&article.slug);
        let mut references = vec![self.page_reference(&page)];
        if let Some(url) = &article.url {
            let source = article.source.as_deref().unwrap_or("original");
            references.push(json!({"source_name": source, "url": url}));
        }
        map.insert("external_references".into(), json!(references));
        self.objects.push(serialise(map));
    }

    fn push_digest_identity(&mut self, span: (String, String)) {
        let config = &self.views.digest.site.config;
        let mut map = self.common("identity", &self.digest_id.clone(), span);
        map.insert("name".into(), json!(config.title));
        if !config.description.is_empty() {
            map.insert("description".into(), json!(config.description));
        }
        map.insert("identity_class".into(), json!("organization"));
        map.insert(
            "external_references".into(),
            json!([self.page_reference("")]),
        );
        self.objects.push(serialise(map));
    }

    /// Declares the claim properties that relationships carry (the STIX 2.1 way to add
    /// properties without `x_` names that validators flag).
    fn push_extension_definition(&mut self, created: String) {
        let id = self.extension_id.clone();
        let mut map = self.common("extension-definition", &id, (created.clone(), created));
        map.insert("name".into(), json!("dossier attributed claim"));
        map.insert(
            "description".into(),
            json!(
                "What a source says an actor did: claim_id, claim_url, action (dossier vocabulary), \
                 quote (the source's words or the sentence the claim was found in), claimed_by and \
                 claimed_by_refs (who makes the claim), origin (curated by an analyst, or extracted \
                 by software and not reviewed), likelihood (the source's ICD 203 term) with \
                 probability_low and probability_high (its band, 0-100), analytic_confidence \
                 (low, moderate, high, as the source stated it) and status (alleged, corroborated, \
                 disputed, denied, retracted). The relationship's confidence is the midpoint of \
                 the likelihood band."
            ),
        );
        let schema = self.views.urls.absolute("data/#stix-extension");
        map.insert("schema".into(), json!(schema));
        map.insert("version".into(), json!("1.0.0"));
        map.insert("extension_types".into(), json!(["property-extension"]));
        self.objects.push(serialise(map));
    }

    /// Locations for countries, threat actors for whoever acts in a claim, identities for the
    /// rest, and `located-at` between them; returns each actor id's node.
    fn push_actors(&mut self) -> BTreeMap<String, Node> {
        let digest = self.views.digest;
        let registry = &digest.site.registry;
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let mut located_at: Vec<Vec<u8>> = Vec::new();
        let (mut locations, mut actors, mut identities) = (Vec::new(), Vec::new(), Vec::new());
        let mut location_ids: BTreeMap<&str, String> = BTreeMap::new();
        for (id, links) in &digest.actors {
            let Some(actor) = registry.actor(id) else {
                continue;
            };
            if actor.kind == ActorKind::State {
                let code = actor.country.as_deref().unwrap_or(id);
                let stix_id = self.id("location", code);
                let mut map = self.common("location", &stix_id, self.span(links.articles.clone()));
                map.insert("name".into(), json!(actor.name));
                if code == "EU" {
                    map.insert("region".into(), json!("europe"));
                } else {
                    map.insert("country".into(), json!(code));
                }
                let page = self.views.urls.actor(actor);
                map.insert(
                    "external_references".into(),
                    json!([self.page_reference(&page)]),
                );
                locations.push(serialise(map));
                location_ids.insert(code, stix_id.clone());
                nodes.insert(
                    id.clone(),
                    Node {
                        id: stix_id,
                        kind: "location",
                    },
                );
            }
        }
        for (id, links) in &digest.actors {
            let Some(actor) = registry.actor(id) else {
                continue;
            };
            let is_state = actor.kind == ActorKind::State;
            let acts = !links.acts_in.is_empty();
            if is_state && !acts {
                continue;
            }
            let span = self.span(links.articles.iter().copied());
            let (kind, map) = if acts {
                ("threat-actor", self.threat_actor(actor, span.clone()))
            } else {
                ("identity", self.actor_identity(actor, span.clone()))
            };
            let stix_id = map["id"].as_str().unwrap_or_default().to_string();
            if let Some(location) = actor.country.as_deref().and_then(|c| location_ids.get(c)) {
                let key = format!("located-at|{id}");
                let rel_id = self.id("relationship", &key);
                let mut rel = self.common("relationship", &rel_id, span);
                rel.insert("relationship_type".into(), json!("located-at"));
                rel.insert("source_ref".into(), json!(stix_id));
                rel.insert("target_ref".into(), json!(location));
                located_at.push(serialise(rel));
            }
            if kind == "threat-actor" {
                actors.push(serialise(map));
            } else {
                identities.push(serialise(map));
            }
            if !is_state {
                nodes.insert(id.clone(), Node { id: stix_id, kind });
            }
        }
        self.objects.extend(locations);
        self.objects.extend(actors);
        self.objects.extend(identities);
        self.objects.extend(located_at);
        nodes
    }

    fn threat_actor(&self, actor: &Actor, span: (String, String)) -> Map<String, Value> {
        let mut map = self.common("threat-actor", &self.id("threat-actor", &actor.id), span);
        map.insert("name".into(), json!(actor.name));
        if let Some(description) = &actor.description {
            map.insert("description".into(), json!(description));
        }
        if actor.kind == ActorKind::State {
            map.insert("threat_actor_types".into(), json!(["nation-state"]));
        } else if !actor.aliases.is_empty() {
            map.insert("aliases".into(), json!(actor.aliases));
        }
        let page = self.views.urls.actor(actor);
        map.insert(
            "external_references".into(),
            json!([self.page_reference(&page)]),
        );
        map
    }

    fn actor_identity(&self, actor: &Actor, span: (String, String)) -> Map<String, Value> {
        let mut map = self.common("identity", &self.id("identity", &actor.id), span);
        map.insert("name".into(), json!(actor.name));
        if let Some(description) = &actor.description {
            map.insert("description".into(), json!(description));
        }
        map.insert("identity_class".into(), json!(identity_class(actor.kind)));
        if self.views.digest.actors.contains_key(&actor.id) {
            let page = self.views.urls.actor(actor);
            map.insert(
                "external_references".into(),
                json!([self.page_reference(&page)]),
            );
        }
        map
    }

    /// Identities for claim sources (`by`) that no actor identity covers yet: actors that act
    /// themselves or are states, and sources the registry does not know (plain words).
    fn push_sources(&mut self) -> BTreeMap<String, String> {
        let digest = self.views.digest;
        let registry = &digest.site.registry;
        let mut claims_by_source: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for claim in &digest.claims {
            for by in &claim.by {
                claims_by_source
                    .entry(by)
                    .or_default()
                    .insert(claim.article);
            }
        }
        let mut sources = BTreeMap::new();
        for (by, articles) in claims_by_source {
            let id = self.id("identity", by);
            sources.insert(by.to_string(), id.clone());
            let actor = registry.actor(by);
            let covered = actor.is_some_and(|a| {
                a.kind != ActorKind::State
                    && digest.actors.get(by).is_some_and(|l| l.acts_in.is_empty())
            });
            if covered {
                continue;
            }
            let map = match actor {
                Some(actor) => self.actor_identity(actor, self.span(articles)),
                None => {
                    let mut map = self.common("identity", &id, self.span(articles));
                    map.insert("name".into(), json!(by));
                    map.insert("identity_class".into(), json!("unknown"));
                    map
                }
            };
            self.objects.push(serialise(map));
        }
        sources
    }

    /// One relationship per actor and target of the claim (a claim without targets relates its
    /// actors to the article's report, the only object that can stand for "no one named");
    /// returns the objects and the ids of everything the claim involves, for the report's
    /// `object_refs`. Claims are independent, so the build makes them in parallel.
    fn claim_objects(
        &self,
        c: usize,
        nodes: &BTreeMap<String, Node>,
        sources: &BTreeMap<String, String>,
        report: &str,
    ) -> (Vec<Vec<u8>>, Vec<String>) {
        let digest = self.views.digest;
        let claim: &Claim = &digest.claims[c];
        let mut objects = Vec::new();
        let site = digest.site;
        let published = stamp(&site.articles[claim.article].published);
        let wanted = site.lexicon.stix_relationship(&claim.action);
        let name = |id: &'d str| -> &'d str { site.registry.actor(id).map_or(id, |a| &a.name) };
        let by: Vec<&str> = claim.by.iter().map(|b| name(b)).collect();
        let by_refs: Vec<&String> = claim.by.iter().filter_map(|b| sources.get(b)).collect();
        let report_node = Node {
            id: report.to_string(),
            kind: "report",
        };
        let label = site.lexicon.action_label(&claim.action);
        let claim_url = self.views.urls.absolute(&self.views.urls.claim(&claim.id));
        let properties = ClaimProperties {
            action: &claim.action,
            analytic_confidence: claim.confidence.as_deref(),
            claim_id: &claim.id,
            claim_url: &claim_url,
            claimed_by: &claim.by,
            claimed_by_refs: (!claim.by.is_empty()).then_some(&by_refs),
            extension_type: "property-extension",
            likelihood: claim.likelihood.as_ref().map(|l| l.term.as_str()),
            origin: claim.origin.as_str(),
            probability_high: claim.likelihood.as_ref().map(|l| l.high),
            probability_low: claim.likelihood.as_ref().map(|l| l.low),
            quote: &claim.text,
            status: &claim.status,
        };
        let mut involved = Vec::new();
        for actor in &claim.actors {
            if site.registry.actor(actor).is_none() || !digest.actors.contains_key(actor) {
                continue;
            }
            let source = self.id("threat-actor", actor);
            involved.push(source.clone());
            let targets: Vec<(&str, &Node)> = if claim.targets.is_empty() {
                vec![("", &report_node)]
            } else {
                claim
                    .targets
                    .iter()
                    .filter_map(|t| nodes.get(t).map(|n| (t.as_str(), n)))
                    .collect()
            };
            for (target, node) in targets {
                let relationship_type = match (wanted, node.kind) {
                    ("targets", "identity" | "location") | ("impersonates", "identity") => wanted,
                    _ => "related-to",
                };
                let key = format!("{}|{actor}|{target}", claim.id);
                let id = self.id("relationship", &key);
                let mut description = format!("Claim: {} {label}", name(actor));
                if !target.is_empty() {
                    description.push_str(&format!(" (target: {})", name(target)));
                }
                if by.is_empty() {
                    description.push_str("; source not stated.");
                } else {
                    description.push_str(&format!("; according to {}.", by.join(", ")));
                }
                let relationship = ClaimRelationship {
                    confidence: claim
                        .likelihood
                        .as_ref()
                        .map(|l| (u32::from(l.low) + u32::from(l.high)).div_ceil(2)),
                    created: &published,
                    created_by_ref: &self.digest_id,
                    description,
                    extensions: OneEntry(&self.extension_id, &properties),
                    external_references: [ExternalReference {
                        external_id: &claim.id,
                        source_name: &site.config.title,
                        url: &claim_url,
                    }],
                    id: &id,
                    modified: &published,
                    relationship_type,
                    source_ref: &source,
                    spec_version: SPEC_VERSION,
                    target_ref: &node.id,
                    kind: "relationship",
                };
                objects.push(serde_json::to_vec(&relationship).expect("STIX objects serialise"));
                involved.push(id);
            }
        }
        (objects, involved)
    }
}

fn identity_class(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "individual",
        ActorKind::Group => "group",
        ActorKind::Organization | ActorKind::Media | ActorKind::State => "organization",
        ActorKind::Operation | ActorKind::Unknown => "unknown",
    }
}
