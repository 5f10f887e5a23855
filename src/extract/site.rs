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
    /// The body's HTML from the same parse as the prose, for the render to put links into:
    /// a body is parsed once, not once for extraction and again for its page.
    pub body: markdown::Prerendered,
}

/// Extracts mentions and claims from every article, honouring `[extract]` in the config.
/// `bodies` are the articles' Markdown, in order ([`Site::take_bodies`]): each is parsed once,
/// here, and dropped as soon as it is, so a large digest never holds its Markdown and its HTML
/// at once. `base_path` is the one the render gives root-relative links ([`markdown::parse`]).
pub fn extract_site<'r>(
    site: &'r Site,
    bodies: Vec<String>,
    base_path: &str,
) -> Vec<ArticleExtraction<'r>> {
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
        .zip(bodies)
        .map(|(article, body)| extract_article(site, article, body, gazetteer.as_ref(), base_path))
        .collect()
}

fn extract_article<'r>(
    site: &'r Site,
    article: &Article,
    markdown: String,
    gazetteer: Option<&Gazetteer<'r>>,
    base_path: &str,
) -> ArticleExtraction<'r> {
    // Claims are found around mentions: without mentions, only curated quotes need the prose.
    if gazetteer.is_none() && article.claims.iter().all(|c| c.quote.is_none()) {
        return ArticleExtraction {
            body: markdown::prerender(&markdown, base_path),
            ..ArticleExtraction::default()
        };
    }
    let markdown::Parsed { prose, body } = markdown::parse(&markdown, base_path);
    drop(markdown);
    let mut texts: Vec<&str> = Vec::with_capacity(prose.blocks.len() + 1);
    texts.push(&article.title);
    texts.extend(prose.blocks.iter().map(String::as_str));
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
        link_text: prose
            .link_text
            .iter()
            .map(|&(block, start, end)| (block + 1, start, end))
            .collect(),
        body,
    }
}
