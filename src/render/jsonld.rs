//! schema.org JSON-LD for article pages (a `Report` with the countries and actors it mentions)
//! and claim pages (a `Claim` with its source and the article it appeared in), so search engines
//! and fact-checking tools read who said what without scraping. Built with serde_json and escaped
//! for a `<script>` element here; templates only print the string.

use serde_json::{Value, json};

use super::views::Views;
use crate::registry::{Actor, ActorKind};

/// The JSON-LD of an article page, ready to print inside `<script type="application/ld+json">`.
pub(super) fn article(views: &Views, i: usize) -> String {
    let digest = views.digest;
    let site = digest.site;
    let registry = &site.registry;
    let urls = views.urls;
    let article = &site.articles[i];
    let linked = &digest.articles[i];
    let publisher = publisher(views);
    let authors: Vec<Value> = if article.authors.is_empty() {
        vec![publisher.clone()]
    } else {
        article
            .authors
            .iter()
            .map(|name| json!({"@type": "Person", "name": name}))
            .collect()
    };
    let countries = linked
        .countries
        .iter()
        .filter_map(|code| registry.country(code))
        .filter_map(|c| registry.actor(&c.slug));
    let actors = linked.actors.iter().filter_map(|id| registry.actor(id));
    let mentions: Vec<Value> = countries
        .chain(actors)
        .map(|actor| thing(views, actor))
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "headline": article.title,
        "name": article.title,
        "datePublished": article.published.to_rfc3339(),
        "url": urls.absolute(&urls.article(&article.slug)),
        "inLanguage": article.language.as_deref().unwrap_or(&site.config.language),
        "author": authors,
        "publisher": publisher,
        "mentions": mentions,
    });
    if let Some(summary) = &article.summary {
        value["description"] = json!(summary);
    }
    if !article.tags.is_empty() {
        value["keywords"] = json!(article.tags);
    }
    if let Some(url) = &article.url {
        value["isBasedOn"] = json!(url);
    }
    to_script(&value)
}

/// The JSON-LD of a claim page: schema.org `Claim`, authored by whoever the claim is attributed
/// to (not the digest), first appearing in the article.
pub(super) fn claim(views: &Views, c: usize) -> String {
    let digest = views.digest;
    let site = digest.site;
    let urls = views.urls;
    let claim = &digest.claims[c];
    let article = &site.articles[claim.article];
    let appearance = json!({
        "@type": "Report",
        "headline": article.title,
        "url": urls.absolute(&urls.article(&article.slug)),
        "datePublished": article.published.to_rfc3339(),
        "publisher": publisher(views),
    });
    let authors: Vec<Value> = claim
        .by
        .iter()
        .map(|by| match site.registry.actor(by) {
            Some(actor) => thing(views, actor),
            None => json!({"@type": "Organization", "name": by}),
        })
        .collect();
    let about: Vec<Value> = claim
        .actors
        .iter()
        .chain(&claim.targets)
        .filter_map(|id| site.registry.actor(id))
        .map(|actor| thing(views, actor))
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Claim",
        "url": urls.absolute(&urls.claim(&claim.id)),
        "identifier": claim.id,
        "name": headline(views, c),
        "datePublished": article.published.to_rfc3339(),
        "appearance": appearance.clone(),
        "firstAppearance": appearance,
        "about": about,
    });
    if !claim.text.is_empty() {
        value["text"] = json!(claim.text);
    }
    if !authors.is_empty() {
        value["author"] = json!(authors);
    }
    to_script(&value)
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

fn publisher(views: &Views) -> Value {
    let config = &views.digest.site.config;
    json!({"@type": "Organization", "name": config.title, "url": views.urls.absolute("")})
}

/// A country as a `Place`, a person as a `Person`, anything else as an `Organization`; with the
/// URL of its page when the digest has one.
fn thing(views: &Views, actor: &Actor) -> Value {
    let kind = match actor.kind {
        ActorKind::State => "Place",
        ActorKind::Person => "Person",
        _ => "Organization",
    };
    let mut value = json!({"@type": kind, "name": actor.name});
    if views.digest.actors.contains_key(&actor.id) {
        value["url"] = json!(views.urls.absolute(&views.urls.actor(actor)));
    }
    value
}

/// Serialises for an HTML `<script>` element: `<`, `>` and `&` become JSON `\u` escapes, so no
/// string in the data (a title holding `</script>`, say) can end the element or open a comment.
pub(super) fn to_script(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD serialises");
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let out = to_script(&json!({"headline": "a </script><script>alert(1)</script> & b"}));
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["headline"], "a </script><script>alert(1)</script> & b");
    }
}
