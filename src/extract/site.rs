//! Runs the pure extractors over every article of a loaded site, in parallel. The only
//! place extraction meets the site: it reads articles and config, and returns plain data.

use rayon::prelude::*;

use super::quotes::find_quote;
use super::{ExtractedClaim, Gazetteer, Mention, extract_claims, extract_mentions};
use crate::load::{Article, Site};
use crate::markdown;

/// What the extractors found in one article (same index as `Site::articles`). Spans are byte
/// ranges in the article's prose blocks: block 0 is the title, then the body's blocks as
/// [`markdown::prose`] gives them. The blocks themselves are not kept: each article's
/// are made, read and dropped on one thread, while they are in cache.
#[derive(Debug, Clone, Default)]
pub struct ArticleExtraction<'r> {
    pub mentions: Vec<Mention<'r>>,
    /// Empty once linked: [`crate::link::Digest::new`] moves them into the digest's claims.
    pub claims: Vec<ExtractedClaim>,
    /// Where each curated claim's quote is, as (block, start, end); same order as
    /// `Article::claims`.
    pub quotes: Vec<Option<(usize, usize, usize)>>,
    /// The text of the author's own links, as (block, start, end), in order: a mention there
    /// is not linked to its actor's page.
    pub link_text: Vec<(usize, usize, usize)>,
}

/// Extracts mentions and claims from every article, honouring `[extract]` in the config.
pub fn extract_site(site: &Site) -> Vec<ArticleExtraction<'_>> {
    let settings = &site.config.extract;
    // Built before the articles, not by whichever thread first needs them while the others wait.
    let (gazetteer, ()) = rayon::join(
        || settings.mentions.then(|| Gazetteer::new(&site.registry)),
        || {
            if settings.claims {
                site.lexicon.matcher();
            }
        },
    );
    site.articles
        .par_iter()
        .map(|article| extract_article(site, article, gazetteer.as_ref()))
        .collect()
}

fn extract_article<'r>(
    site: &'r Site,
    article: &Article,
    gazetteer: Option<&Gazetteer<'r>>,
) -> ArticleExtraction<'r> {
    // Claims are found around mentions: without mentions, only curated quotes need the prose.
    if gazetteer.is_none() && article.claims.iter().all(|c| c.quote.is_none()) {
        return ArticleExtraction::default();
    }
    let body = markdown::prose(&article.body);
    let mut texts: Vec<&str> = Vec::with_capacity(body.blocks.len() + 1);
    texts.push(&article.title);
    texts.extend(body.blocks.iter().map(String::as_str));
    let mentions = gazetteer
        .map(|g| extract_mentions(&texts, g))
        .unwrap_or_default();
    let claims = if site.config.extract.claims && !mentions.is_empty() {
        extract_claims(&texts, &mentions, &site.registry, &site.lexicon)
    } else {
        Vec::new()
    };
    let quotes = article
        .claims
        .iter()
        .map(|c| c.quote.as_deref().and_then(|q| find_quote(&texts, q)))
        .collect();
    ArticleExtraction {
        mentions,
        claims,
        quotes,
        // Block 0 of the extraction is the title.
        link_text: body
            .link_text
            .iter()
            .map(|&(block, start, end)| (block + 1, start, end))
            .collect(),
    }
}
