//! Search: builds the Pagefind full-text index of the rendered pages, in process and in memory,
//! so its files join the other output files and the write stage's swap covers them. Which pages
//! are indexed is the templates' choice (`data-pagefind-body`); the filter values the templates
//! print come from [`SearchFilters`]. The search page itself is an ordinary template.

use std::collections::BTreeSet;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::Serialize;

use super::OutputFile;
use super::urls::Urls;
use super::views::Views;
use crate::diagnostics::Diagnostic;
use crate::link::ActorLinks;
use crate::registry::ActorKind;

/// Where the index and Pagefind's own JS, CSS and wasm go, relative to the output folder.
pub const BUNDLE_DIR: &str = "pagefind/";

/// The marker of an indexed page; pages without it are left out of the index.
const BODY_MARKER: &str = "data-pagefind-body";

/// Whether a rendered page goes into the index (it carries [`BODY_MARKER`]).
pub(super) fn is_indexed(html: &[u8]) -> bool {
    memchr::memmem::find(html, BODY_MARKER.as_bytes()).is_some()
}

/// Filter values of one indexed page, printed by the `search_filters` component as
/// `data-pagefind-filter` attributes. Sorted and without duplicates, because Pagefind counts
/// every repetition as another match. Empty (no `kind`) when the site has no search: nothing
/// would read them, and on an article page they were a tenth of the markup.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchFilters {
    /// What the page is: Article, Country, Actor or Claim.
    pub kind: &'static str,
    pub countries: BTreeSet<String>,
    pub actors: BTreeSet<String>,
    pub actions: BTreeSet<String>,
    pub tags: BTreeSet<String>,
}

impl SearchFilters {
    /// The empty filters of a site without search, for the constructors to return early.
    fn unused(views: &Views) -> Option<SearchFilters> {
        (!views.digest.site.config.search).then(SearchFilters::default)
    }

    fn add_actor(&mut self, views: &Views, id: &str) {
        let Some(actor) = views.digest.site.registry.actor(id) else {
            return;
        };
        if actor.kind == ActorKind::State {
            self.countries.insert(actor.name.clone());
        } else {
            self.actors.insert(actor.name.clone());
        }
    }

    fn add_claim(&mut self, views: &Views, claim: usize) {
        let claim = &views.digest.claims[claim];
        for id in claim.actors.iter().chain(&claim.targets) {
            self.add_actor(views, id);
        }
        self.actions.insert(
            views
                .digest
                .site
                .lexicon
                .action_label(&claim.action)
                .to_string(),
        );
    }

    /// An article: the countries and actors it names, its claims' actions, its tags.
    pub fn for_article(views: &Views, i: usize) -> SearchFilters {
        if let Some(none) = SearchFilters::unused(views) {
            return none;
        }
        let linked = &views.digest.articles[i];
        let registry = &views.digest.site.registry;
        let mut filters = SearchFilters {
            kind: "Article",
            ..SearchFilters::default()
        };
        for code in &linked.countries {
            if let Some(country) = registry.country(code) {
                filters.countries.insert(country.name.clone());
            }
        }
        for id in &linked.actors {
            filters.add_actor(views, id);
        }
        for &c in &linked.claims {
            filters.add_claim(views, c);
        }
        filters.tags = views.digest.site.articles[i].tags.iter().cloned().collect();
        filters
    }

    /// A country or actor page: itself (and an actor's country), and the actions it takes.
    pub fn for_entity(views: &Views, id: &str, links: &ActorLinks) -> SearchFilters {
        if let Some(none) = SearchFilters::unused(views) {
            return none;
        }
        let registry = &views.digest.site.registry;
        let mut filters = SearchFilters::default();
        if let Some(actor) = registry.actor(id) {
            filters.kind = if actor.kind == ActorKind::State {
                "Country"
            } else {
                "Actor"
            };
            filters.add_actor(views, id);
            if let Some(country) = actor.country.as_deref().and_then(|c| registry.country(c)) {
                filters.countries.insert(country.name.clone());
            }
        }
        for &c in &links.acts_in {
            let action = &views.digest.claims[c].action;
            filters
                .actions
                .insert(views.digest.site.lexicon.action_label(action).to_string());
        }
        filters
    }

    /// A claim page: its actors and targets, its action, its article's tags.
    pub fn for_claim(views: &Views, i: usize) -> SearchFilters {
        if let Some(none) = SearchFilters::unused(views) {
            return none;
        }
        let mut filters = SearchFilters {
            kind: "Claim",
            ..SearchFilters::default()
        };
        filters.add_claim(views, i);
        let article = &views.digest.site.articles[views.digest.claims[i].article];
        filters.tags = article.tags.iter().cloned().collect();
        filters
    }
}

/// Indexes the rendered pages that [`is_indexed`] picked and returns Pagefind's files (index,
/// fragments, filters, `pagefind.js`, `pagefind-ui.js/css`, the wasm) under [`BUNDLE_DIR`].
/// Pages are added in path order, so the same site gives the same index.
pub fn index_pages(files: Vec<OutputFile>, urls: &Urls) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut pages: Vec<(String, String)> = files
        .into_iter()
        .filter_map(|f| {
            let html = String::from_utf8(f.content).ok()?;
            Some((page_url(urls, &f.path), html))
        })
        .collect();
    pages.sort();
    // Pagefind's API is async. Its own runtime, on a thread of its own, works whether or not
    // the caller already runs inside a tokio runtime (as `serve` may).
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| search_error(format!("cannot start the indexer: {e}")))?;
                runtime.block_on(build_index(pages))
            })
            .join()
            .unwrap_or_else(|_| Err(search_error("the search indexer panicked".into())))
    })
}

/// Adds the pages one by one; Pagefind takes them as owned strings.
async fn build_index(pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, Diagnostic> {
    let config = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(config))
        .map_err(|e| search_error(format!("cannot set up the search index: {e}")))?;
    for (url, html) in pages {
        index
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|e| search_error(format!("cannot index {url}: {e}")))?;
    }
    let files = index
        .get_files()
        .await
        .map_err(|e| search_error(format!("cannot build the search index: {e}")))?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|f| OutputFile {
            path: format!(
                "{BUNDLE_DIR}{}",
                f.filename.to_string_lossy().replace('\\', "/")
            ),
            content: f.contents,
            source: None,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The URL a search result links to: the page's folder under the base path.
fn page_url(urls: &Urls, path: &str) -> String {
    urls.path(path.strip_suffix("index.html").unwrap_or(path))
}

fn search_error(message: String) -> Diagnostic {
    Diagnostic::error("search", message)
        .help("the search index is built from the rendered pages; this is a bug in dossier")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_urls_are_page_folders_under_the_base_path() {
        let urls = Urls::new("https://x.org/d/".into(), "/d/".into());
        assert_eq!(page_url(&urls, "articles/a/index.html"), "/d/articles/a/");
        assert_eq!(page_url(&urls, "404.html"), "/d/404.html");
    }
}
