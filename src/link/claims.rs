//! Claims of one article: curated ones from front matter first, then extracted suggestions that
//! no curated claim already covers; each with a stable id and, where possible, an anchor.

use serde::Serialize;

use crate::extract::Likelihood;
use crate::extract::site::ArticleExtraction;
use crate::load::Article;

/// Curated claims are authoritative; extracted ones are suggestions and are shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimOrigin {
    Curated,
    Extracted,
}

impl ClaimOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimOrigin::Curated => "curated",
            ClaimOrigin::Extracted => "extracted",
        }
    }
}

/// An attributed claim as the digest publishes it.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Stable: from the article slug and the claim's content, not its position.
    pub id: String,
    /// Index into `Site::articles`.
    pub article: usize,
    pub origin: ClaimOrigin,
    /// The quote (curated) or the sentence (extracted).
    pub text: String,
    pub actors: Vec<String>,
    pub action: String,
    pub targets: Vec<String>,
    pub by: Vec<String>,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<String>,
    pub status: String,
    /// Prose block and byte offset of the sentence, for the permalink anchor in the article.
    pub anchor: Option<(usize, usize)>,
}

/// The claims of one article, curated first. The extracted claims are moved out of the
/// extraction, not copied: a claim-heavy digest has hundreds of thousands.
pub(super) fn article_claims(
    index: usize,
    article: &Article,
    extraction: &mut ArticleExtraction,
) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    let mut covered: Vec<(usize, usize, usize)> = Vec::new();
    for (k, curated) in article.claims.iter().enumerate() {
        let anchor = extraction.quotes.get(k).copied().flatten();
        if let Some((block, start, end)) = anchor {
            covered.push((block, start, end));
        }
        let text = curated.quote.clone().unwrap_or_default();
        let id = claim_id(
            &article.slug,
            &curated.actors,
            &curated.action,
            &curated.targets,
            &text,
            &out,
        );
        out.push(Claim {
            id,
            article: index,
            origin: ClaimOrigin::Curated,
            text,
            actors: curated.actors.clone(),
            action: curated.action.clone(),
            targets: curated.targets.clone(),
            by: curated.by.clone(),
            likelihood: curated.likelihood.clone(),
            confidence: curated.confidence.clone(),
            status: curated.status.clone(),
            anchor: anchor.map(|(b, s, _)| (b, s)),
        });
    }
    for found in std::mem::take(&mut extraction.claims) {
        let overlaps = covered
            .iter()
            .any(|&(b, s, e)| b == found.block && s < found.end && found.start < e);
        if overlaps {
            continue;
        }
        let id = claim_id(
            &article.slug,
            &found.actors,
            &found.action,
            &found.targets,
            &found.text,
            &out,
        );
        out.push(Claim {
            id,
            article: index,
            origin: ClaimOrigin::Extracted,
            text: found.text,
            actors: found.actors,
            action: found.action,
            targets: found.targets,
            by: found.by,
            likelihood: found.likelihood,
            confidence: None,
            status: "alleged".to_string(),
            anchor: Some((found.block, found.start)),
        });
    }
    out
}

/// `<slug>-<8 hex>`: a hash of what the claim says, so ids survive edits elsewhere in the
/// article; a repeat of the same content in one article gets a counter.
fn claim_id(
    slug: &str,
    actors: &[String],
    action: &str,
    targets: &[String],
    text: &str,
    so_far: &[Claim],
) -> String {
    let normal: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = format!(
        "{}|{}|{}|{}",
        actors.join(","),
        action,
        targets.join(","),
        normal
    );
    let hash = blake3::hash(key.as_bytes()).to_hex();
    let base = format!("{slug}-{}", &hash[..8]);
    let mut id = base.clone();
    let mut n = 1;
    while so_far.iter().any(|c| c.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_depend_on_content_not_position() {
        let id = |actor: &str, text: &str| {
            claim_id("s", &[actor.to_string()], "targets", &[], text, &[])
        };
        let a = id("russia", "Moscow targets X.");
        let b = id("russia", "Moscow  targets X.");
        let c = id("iran", "Moscow targets X.");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.starts_with("s-"));
    }
}
