//! schema.org JSON-LD for article pages (a `Report` with the countries and actors it mentions)
//! and claim pages (a `Claim` with its source and the article it appeared in), so search engines
//! and fact-checking tools read who said what without scraping. Typed structs serialised with
//! serde_json (a digest has a claim page per claim, so no intermediate JSON trees), escaped for a
//! `<script>` element here; templates only print the string. Fields are in alphabetical order,
//! as the output has always had them.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::value::RawValue;

use super::views::Views;
use crate::memscan::Candidates;
use crate::registry::{Actor, ActorKind};

/// A country as a `Place`, a person as a `Person`, anything else as an `Organization`.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<Thing<'a>>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    mentions: Vec<Cow<'a, RawValue>>,
    name: &'a str,
    publisher: Thing<'a>,
    url: String,
}

/// Where a claim appeared: the article, as a `Report`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: &'a str,
    headline: &'a str,
    publisher: Thing<'a>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: Vec<Cow<'a, RawValue>>,
    appearance: &'a Appearance<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Cow<'a, RawValue>>,
    date_published: &'a str,
    first_appearance: &'a Appearance<'a>,
    identifier: &'a str,
    name: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    url: String,
}

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of an article page, ready to print inside `<script type="application/ld+json">`.
pub(super) fn article(views: &Views, i: usize) -> String {
    let digest = views.digest;
    let site = digest.site;
    let registry = &site.registry;
    let urls = views.urls;
    let article = &site.articles[i];
    let linked = &digest.articles[i];
    let author = if article.authors.is_empty() {
        vec![publisher(views)]
    } else {
        article
            .authors
            .iter()
            .map(|name| Thing {
                kind: "Person",
                name,
                url: None,
            })
            .collect()
    };
    let countries = linked
        .countries
        .iter()
        .filter_map(|code| registry.country(code))
        .filter_map(|c| registry.actor(&c.slug));
    let actors = linked.actors.iter().filter_map(|id| registry.actor(id));
    to_script(&ReportLd {
        context: CONTEXT,
        kind: "Report",
        author,
        date_published: article.published.to_rfc3339(),
        description: article.summary.as_deref(),
        headline: &article.title,
        in_language: article.language.as_deref().unwrap_or(&site.config.language),
        is_based_on: article.url.as_deref(),
        keywords: &article.tags,
        mentions: countries
            .chain(actors)
            .map(|actor| actor_thing(views, actor))
            .collect(),
        name: &article.title,
        publisher: publisher(views),
        url: urls.absolute(&urls.article(&article.slug)),
    })
}

/// The JSON-LD of a claim page: schema.org `Claim`, authored by whoever the claim is attributed
/// to (not the digest), first appearing in the article.
pub(super) fn claim(views: &Views, c: usize) -> String {
    let digest = views.digest;
    let site = digest.site;
    let urls = views.urls;
    let claim = &digest.claims[c];
    let article = &site.articles[claim.article];
    let published = article.published.to_rfc3339();
    let appearance = Appearance {
        kind: "Report",
        date_published: &published,
        headline: &article.title,
        publisher: publisher(views),
        url: urls.absolute(&urls.article(&article.slug)),
    };
    to_script(&ClaimLd {
        context: CONTEXT,
        kind: "Claim",
        about: claim
            .actors
            .iter()
            .chain(&claim.targets)
            .filter_map(|id| site.registry.actor(id))
            .map(|actor| actor_thing(views, actor))
            .collect(),
        appearance: &appearance,
        author: claim
            .by
            .iter()
            .map(|by| match site.registry.actor(by) {
                Some(actor) => actor_thing(views, actor),
                None => Cow::Owned(raw(&Thing {
                    kind: "Organization",
                    name: by,
                    url: None,
                })),
            })
            .collect(),
        date_published: &published,
        first_appearance: &appearance,
        identifier: &claim.id,
        name: headline(views, c),
        text: &claim.text,
        url: urls.absolute(&urls.claim(&claim.id)),
    })
}

/// "Iran, IRGC hack and leak Donald Trump": the claim in one line, as its page's heading says.
fn headline(views: &Views, c: usize) -> String {
    let site = views.digest.site;
    let claim = &views.digest.claims[c];
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| {
                site.registry
                    .actor(id)
                    .map_or(id.as_str(), |a| a.name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let line = format!(
        "{} {} {}",
        names(&claim.actors),
        site.lexicon.action_label(&claim.action),
        names(&claim.targets)
    );
    line.trim().to_string()
}

fn publisher<'a>(views: &Views<'a>) -> Thing<'a> {
    Thing {
        kind: "Organization",
        name: &views.digest.site.config.title,
        url: Some(views.urls.absolute("")),
    }
}

/// An actor, with the URL of its page when the digest has one: serialised once per actor with
/// a page ([`Views::actor_ld`]), since article pages name the same actors thousands of times.
fn actor_thing<'v>(views: &'v Views, actor: &Actor) -> Cow<'v, RawValue> {
    match views.actor_ld(&actor.id) {
        Some(ld) => Cow::Borrowed(ld),
        None => Cow::Owned(thing(actor, None)),
    }
}

/// An actor as a JSON-LD thing: a country as a `Place`, a person as a `Person`, anything else
/// as an `Organization`.
pub(super) fn thing(actor: &Actor, url: Option<String>) -> Box<RawValue> {
    let kind = match actor.kind {
        ActorKind::State => "Place",
        ActorKind::Person => "Person",
        _ => "Organization",
    };
    raw(&Thing {
        kind,
        name: &actor.name,
        url,
    })
}

fn raw<T: Serialize>(value: &T) -> Box<RawValue> {
    let json = serde_json::to_string(value).expect("JSON-LD serialises");
    RawValue::from_string(json).expect("serde_json writes valid JSON")
}

/// Serialises for an HTML `<script>` element: `<`, `>` and `&` become JSON `\u` escapes, so no
/// string in the data (a title holding `</script>`, say) can end the element or open a comment.
/// U+2028 and U+2029 are escaped too, for scripts that read the JSON as JavaScript.
pub(super) fn to_script<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD serialises");
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let mut plain = 0;
    let mut at = 0;
    let mut special = Candidates::new(bytes, [b'<', b'>', b'&']);
    while let Some(k) = special.next(at) {
        let (escaped, len) = match bytes[k] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            _ if json[k..].starts_with('\u{2028}') => ("\\u2028", 3),
            _ if json[k..].starts_with('\u{2029}') => ("\\u2029", 3),
            _ => {
                at = k + 1;
                continue;
            }
        };
        out.push_str(&json[plain..k]);
        out.push_str(escaped);
        plain = k + len;
        at = plain;
    }
    out.push_str(&json[plain..]);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let headline = "“a” </script><script>alert(1)</script> & b \u{2028}é\u{2029} “c”";
        let out = to_script(&json!({ "headline": headline }));
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        assert!(!out.contains('\u{2028}') && !out.contains('\u{2029}') && out.contains('é'));
        assert!(out.contains("“a”") && out.contains("“c”"), "{out}");
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["headline"], headline);
    }
}
