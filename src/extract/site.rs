//! Runs the pure extractors over every article of a loaded site, in parallel. The only
//! place extraction meets the site: it reads articles and config, and returns plain data.

use rayon::prelude::*;

use super::{ExtractedClaim, Gazetteer, Mention, extract_claims, extract_mentions};
use crate::load::Site;
use crate::markdown;

/// What the extractors found in one article (same index as `Site::articles`).
#[derive(Debug, Clone)]
pub struct ArticleExtraction<'r> {
    /// Block 0 is the title, then the body's prose blocks. Empty when nothing reads them (no
    /// extractor on, no curated quote to find), and once linked: spans into them are resolved
    /// by then ([`crate::link::Digest::new`]).
    pub blocks: Vec<String>,
    pub mentions: Vec<Mention<'r>>,
    /// Empty once linked: [`crate::link::Digest::new`] moves them into the digest's claims.
    pub claims: Vec<ExtractedClaim>,
}

/// Extracts mentions and claims from every article, honouring `[extract]` in the config.
pub fn extract_site(site: &Site) -> Vec<ArticleExtraction<'_>> {
    let settings = &site.config.extract;
    // The gazetteer is built on one thread while the others parse the articles' Markdown.
    let (gazetteer, blocks) = rayon::join(
        || settings.mentions.then(|| Gazetteer::new(&site.registry)),
        || {
            site.articles
                .par_iter()
                .map(|article| {
                    // Without extractors, only curated claims' quotes are looked for in the prose.
                    let extracting = settings.mentions || settings.claims;
                    if !extracting && !article.claims.iter().any(|c| c.quote.is_some()) {
                        return Vec::new();
                    }
                    let mut blocks = Vec::with_capacity(16);
                    blocks.push(article.title.clone());
                    blocks.extend(markdown::prose_blocks(&article.body));
                    blocks
                })
                .collect::<Vec<Vec<String>>>()
        },
    );
    if settings.claims {
        // Built here, not by whichever thread first needs it while the others wait.
        site.lexicon.matcher();
    }
    blocks
        .into_par_iter()
        .map(|blocks| {
            let texts: Vec<&str> = blocks.iter().map(String::as_str).collect();
            let mentions = gazetteer
                .as_ref()
                .map(|g| extract_mentions(&texts, g))
                .unwrap_or_default();
            let claims = if settings.claims && !mentions.is_empty() {
                extract_claims(&texts, &mentions, &site.registry, &site.lexicon)
            } else {
                Vec::new()
            };
            ArticleExtraction {
                blocks,
                mentions,
                claims,
            }
        })
        .collect()
}
