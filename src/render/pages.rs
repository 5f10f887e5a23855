//! HTML pages: home (paginated), articles, tags, countries, actors, claims and 404, each rendered
//! through its Tera template from view structs. Article pages render in parallel.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::charts;
use super::jsonld;
use super::search::{self, SearchFilters};
use super::views::{ArticleRef, NameRef, Views};
use super::{OutputFile, Sink};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Decoration, DecorationKind};
use crate::registry::ActorKind;

pub(super) type Pages = Result<Emitted, Vec<Diagnostic>>;

/// Where rendered pages go, and which of them stay in memory for the search index.
pub(super) struct Out<'s> {
    pub sink: &'s dyn Sink,
    /// Whether the site has search: then pages with a body to index are kept.
    pub search: bool,
}

impl Out<'_> {
    fn keeps(&self, html: &[u8]) -> bool {
        self.search && search::is_indexed(html)
    }
}

/// What stays of pages once the sink has them: their paths, and those the search index reads.
#[derive(Default)]
pub(super) struct Emitted {
    pub paths: Vec<String>,
    pub kept: Vec<OutputFile>,
}

impl Emitted {
    pub fn extend(&mut self, other: Emitted) {
        self.paths.extend(other.paths);
        self.kept.extend(other.kept);
    }
}

/// A page to render: output path, template, and the context beyond `site`.
pub(super) struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: Context,
    pub source: Option<std::path::PathBuf>,
}

/// The render buffer each thread starts with: most pages are under it, articles included.
const PAGE_BUFFER: usize = 32 * 1024;

/// Rows per page of the claims index.
const CLAIMS_PER_PAGE: usize = 100;

/// Claims shown per section of a country or actor page (the most recent); the counts stay whole.
const ENTITY_CLAIMS_SHOWN: usize = 50;

/// One claims section of a country or actor page.
#[derive(Serialize)]
struct ClaimSection {
    total: usize,
    claims: Vec<tera::Value>,
}

fn claim_section(views: &Views, claims: &[usize]) -> ClaimSection {
    ClaimSection {
        total: claims.len(),
        claims: views.claims(&claims[..claims.len().min(ENTITY_CLAIMS_SHOWN)]),
    }
}

pub(super) fn page_path(rel: &str) -> String {
    format!("{rel}index.html")
}

/// Renders jobs in parallel and hands each page to the sink as soon as it is made; a lazy
/// iterator of jobs keeps no page's context longer than its rendering. Each thread renders into
/// one buffer it reuses, and the sink writes the page from it: no page is copied, nor kept,
/// unless the search index will read it.
pub(super) fn render_jobs(
    tera: &Tera,
    site: &tera::Value,
    out: &Out,
    jobs: impl IntoParallelIterator<Item = Job>,
) -> Pages {
    let results: Vec<Result<(String, Option<OutputFile>), Diagnostic>> = jobs
        .into_par_iter()
        .map_init(
            || Vec::with_capacity(PAGE_BUFFER),
            |html: &mut Vec<u8>, mut job| {
                job.context.insert_value("site", site.clone());
                job.context.insert("current_path", &job.path);
                // Rendered as bytes: the page is written as bytes, and `render` would check that
                // the whole page is UTF-8 once more.
                html.clear();
                if let Err(e) = tera.render_to(job.template, &job.context, &mut *html) {
                    return Err(render_failed(
                        job.template,
                        &e,
                        &format!("while rendering /{}", job.path),
                    ));
                }
                out.sink.put(&job.path, html, job.source.as_deref())?;
                let kept = out.keeps(html).then(|| OutputFile {
                    path: job.path.clone(),
                    content: html.clone(),
                    source: job.source,
                });
                Ok((job.path, kept))
            },
        )
        .collect();
    let mut emitted = Emitted::default();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((path, kept)) => {
                emitted.paths.push(path);
                emitted.kept.extend(kept);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(emitted)
    } else {
        errors.truncate(5);
        Err(errors)
    }
}

/// An article's entry in lists, from `article_item.html`, without the file's final newline.
pub(super) fn render_article_item(
    tera: &Tera,
    site: &tera::Value,
    article: &tera::Value,
) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert_value("a", article.clone());
    match tera.render("article_item.html", &context) {
        Ok(mut html) => {
            html.truncate(html.trim_end().len());
            Ok(html)
        }
        Err(e) => Err(render_failed(
            "article_item.html",
            &e,
            "while rendering an article's entry in lists",
        )),
    }
}

/// A template that failed while rendering: which one, why, and what it was rendering.
fn render_failed(template: &str, error: &tera::Error, what: &str) -> Diagnostic {
    Diagnostic::error("template", format!("rendering {template} failed: {error}")).help(what)
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

#[derive(Serialize)]
struct Counts {
    articles: usize,
    claims: usize,
    countries: usize,
    actors: usize,
}

#[derive(Serialize)]
struct TagRef<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    list: ArticleRef<'a>,
    authors: &'a [String],
    original_url: Option<&'a str>,
    language: &'a str,
    tags: Vec<TagRef<'a>>,
    /// [`NameRef`]s, as template values ([`Views::name_value`]).
    actors: Vec<tera::Value>,
    /// A safe string: templates print it as it is, without copying it through `safe`.
    body: tera::Value,
    headings: Vec<(u8, String, String)>,
}

#[derive(Serialize)]
struct EntityView<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    url: String,
    /// Its own Atom feed, for readers who follow one country or actor.
    feed_url: String,
    code: Option<&'a str>,
    country: Option<NameRef<'a>>,
    parent: Option<NameRef<'a>>,
    aliases: Vec<&'a str>,
    description: Option<&'a str>,
    origin: &'static str,
}

#[derive(Serialize)]
struct KindGroup<'a> {
    kind: &'static str,
    label: &'static str,
    actors: Vec<NameRef<'a>>,
}

pub(super) fn render_pages(
    tera: &Tera,
    views: &Views,
    site: &tera::Value,
    config: &Config,
    out: &Out,
    laps: &mut super::Laps,
) -> Pages {
    let digest = views.digest;
    let urls = views.urls;
    let mut jobs = Vec::new();

    // Home, paginated.
    let all: Vec<usize> = (0..digest.articles.len()).collect();
    let per_page = config.paginate.max(1);
    let chunks: Vec<&[usize]> = if all.is_empty() {
        vec![&[][..]]
    } else {
        all.chunks(per_page).collect()
    };
    let total = chunks.len();
    let top = |kind_is_state: bool| -> Vec<NameRef> {
        let mut list: Vec<(String, usize)> = digest
            .actors
            .iter()
            .filter(|(id, _)| {
                digest
                    .site
                    .registry
                    .actor(id)
                    .is_some_and(|a| (a.kind == ActorKind::State) == kind_is_state)
            })
            .map(|(id, l)| (id.clone(), l.articles.len()))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list.truncate(10);
        list.iter()
            .filter_map(|(id, n)| views.name_ref(id, *n))
            .collect()
    };
    let top_countries = top(true);
    let top_actors = top(false);
    let counts = Counts {
        articles: digest.articles.len(),
        claims: digest.claims.len(),
        countries: digest.countries().len(),
        actors: digest.actors.len() - digest.countries().len(),
    };
    let network = charts::network(views);
    for (n, chunk) in chunks.iter().enumerate() {
        let page = n + 1;
        let mut context = Context::new();
        context.insert("network", &network.as_ref().filter(|_| page == 1));
        context.insert("articles", &views.article_refs(chunk));
        context.insert(
            "pagination",
            &Pagination {
                current: page,
                total,
                prev_url: (page > 1).then(|| urls.path(&urls.home_page(page - 1))),
                next_url: (page < total).then(|| urls.path(&urls.home_page(page + 1))),
            },
        );
        context.insert("top_countries", &top_countries);
        context.insert("top_actors", &top_actors);
        context.insert("counts", &counts);
        jobs.push(Job {
            path: page_path(&urls.home_page(page)),
            template: "index.html",
            context,
            source: None,
        });
    }

    // Tags.
    let tag_refs: Vec<TagRef> = digest
        .tags
        .iter()
        .map(|(t, list)| TagRef {
            name: t,
            url: urls.path(&urls.tag(t)),
            count: list.len(),
        })
        .collect();
    let mut context = Context::new();
    context.insert("tags", &tag_refs);
    jobs.push(Job {
        path: page_path("tags/"),
        template: "tags.html",
        context,
        source: None,
    });
    for (tag, list) in &digest.tags {
        let mut context = Context::new();
        context.insert("tag", tag);
        context.insert("articles", &views.article_refs(list));
        jobs.push(Job {
            path: page_path(&urls.tag(tag)),
            template: "tag.html",
            context,
            source: None,
        });
    }

    // Countries and actors.
    let countries: Vec<NameRef> = digest
        .countries()
        .iter()
        .filter_map(|(c, l)| views.name_ref(&c.slug, l.articles.len()))
        .collect();
    let mut context = Context::new();
    context.insert("countries", &countries);
    jobs.push(Job {
        path: page_path("countries/"),
        template: "countries.html",
        context,
        source: None,
    });
    let mut groups: Vec<KindGroup> = Vec::new();
    for (id, links) in &digest.actors {
        let Some(actor) = digest.site.registry.actor(id) else {
            continue;
        };
        if actor.kind != ActorKind::State {
            let kind = actor.kind.as_str();
            let group = match groups.iter_mut().position(|g| g.kind == kind) {
                Some(i) => &mut groups[i],
                None => {
                    groups.push(KindGroup {
                        kind,
                        label: kind_label(actor.kind),
                        actors: Vec::new(),
                    });
                    groups.last_mut().unwrap()
                }
            };
            group
                .actors
                .extend(views.name_ref(id, links.articles.len()));
        }
    }
    let entities: Vec<(&String, &crate::link::ActorLinks)> = digest.actors.iter().collect();
    jobs.par_extend(
        entities
            .into_par_iter()
            .map(|(id, links)| entity_job(views, id, links)),
    );
    groups.sort_by_key(|g| g.kind);
    let mut context = Context::new();
    context.insert("groups", &groups);
    jobs.push(Job {
        path: page_path("actors/"),
        template: "actors.html",
        context,
        source: None,
    });

    // Claims: the index in pages of CLAIMS_PER_PAGE rows, and a page per claim.
    let all_claims: Vec<usize> = (0..digest.claims.len()).collect();
    let claim_chunks: Vec<&[usize]> = if all_claims.is_empty() {
        vec![&[][..]]
    } else {
        all_claims.chunks(CLAIMS_PER_PAGE).collect()
    };
    let claim_pages = claim_chunks.len();
    let claims_page = |n: usize| {
        if n <= 1 {
            "claims/".to_string()
        } else {
            format!("claims/page/{n}/")
        }
    };
    for (n, chunk) in claim_chunks.iter().enumerate() {
        let page = n + 1;
        let mut context = Context::new();
        context.insert("claims", &views.claims(chunk));
        context.insert("total", &digest.claims.len());
        context.insert(
            "pagination",
            &Pagination {
                current: page,
                total: claim_pages,
                prev_url: (page > 1).then(|| urls.path(&claims_page(page - 1))),
                next_url: (page < claim_pages).then(|| urls.path(&claims_page(page + 1))),
            },
        );
        jobs.push(Job {
            path: page_path(&claims_page(page)),
            template: "claims.html",
            context,
            source: None,
        });
    }
    if config.search {
        jobs.push(Job {
            path: page_path("search/"),
            template: "search.html",
            context: Context::new(),
            source: None,
        });
    }

    let mut context = Context::new();
    context.insert("counts", &counts);
    jobs.push(Job {
        path: "404.html".to_string(),
        template: "404.html",
        context,
        source: None,
    });

    laps.lap("page contexts");
    let mut pages = render_jobs(tera, site, out, jobs)?;
    laps.lap("home, tag, country, actor and claims index pages");
    let claim_jobs = all_claims.into_par_iter().map(|i| claim_job(views, i));
    pages.extend(render_jobs(tera, site, out, claim_jobs)?);
    laps.lap("claim pages");
    pages.extend(render_articles(tera, views, site, config, out)?);
    laps.lap("article pages");
    Ok(pages)
}

fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "States",
        ActorKind::Person => "People",
        ActorKind::Organization => "Organisations",
        ActorKind::Media => "Media",
        ActorKind::Operation => "Operations",
        ActorKind::Group => "Groups",
        ActorKind::Unknown => "Not yet described",
    }
}

/// A claim's own page: the permalink every other page links to.
fn claim_job(views: &Views, i: usize) -> Job {
    let digest = views.digest;
    let claim = &digest.claims[i];
    let mut context = Context::new();
    context.insert_value("claim", views.claim(i));
    context.insert_value("jsonld", tera::Value::safe_string(&jsonld::claim(views, i)));
    context.insert("search", &SearchFilters::for_claim(views, i));
    Job {
        path: page_path(&views.urls.claim(&claim.id)),
        template: "claim.html",
        context,
        source: Some(digest.site.articles[claim.article].path.clone()),
    }
}

fn entity_job(views: &Views, id: &str, links: &crate::link::ActorLinks) -> Job {
    let digest = views.digest;
    let urls = views.urls;
    let actor = digest
        .site
        .registry
        .actor(id)
        .expect("linked actors are in the registry");
    let is_state = actor.kind == ActorKind::State;
    let country = actor
        .country
        .as_deref()
        .filter(|_| !is_state)
        .and_then(|code| digest.site.registry.country(code))
        .and_then(|c| views.name_ref(&c.slug, 0));
    let entity = EntityView {
        id: &actor.id,
        name: &actor.name,
        kind: actor.kind.as_str(),
        url: urls.path(&urls.actor(actor)),
        feed_url: urls.path(&urls.feed(&urls.actor(actor))),
        code: actor.country.as_deref().filter(|_| is_state),
        country,
        parent: actor.parent.as_deref().and_then(|p| views.name_ref(p, 0)),
        aliases: actor.aliases.iter().map(String::as_str).collect(),
        description: actor.description.as_deref(),
        origin: match actor.origin {
            crate::registry::ActorOrigin::Builtin => "builtin",
            crate::registry::ActorOrigin::Site => "site",
            crate::registry::ActorOrigin::Local => "local",
        },
    };
    let affiliated: Vec<NameRef> = digest
        .affiliated(id)
        .into_iter()
        .filter_map(|a| views.name_ref(a, digest.actors.get(a).map_or(0, |l| l.articles.len())))
        .collect();
    let (co_countries, co_actors) = views.split_by_state(&links.co_mentioned);
    let mut context = Context::new();
    context.insert("entity", &entity);
    context.insert("articles", &views.article_refs(&links.articles));
    context.insert("affiliated", &affiliated);
    context.insert("co_countries", &co_countries);
    context.insert("co_actors", &co_actors);
    context.insert("acts_in", &claim_section(views, &links.acts_in));
    context.insert("targeted_by", &claim_section(views, &links.targeted_by));
    context.insert("made", &claim_section(views, &links.made));
    context.insert("timeline", &charts::timeline(digest, &actor.name, links));
    context.insert("search", &SearchFilters::for_entity(views, id, links));
    Job {
        path: page_path(&urls.actor(actor)),
        template: "entity.html",
        context,
        source: None,
    }
}

/// Article pages: the body with mentions linked (first per actor per paragraph) and claim anchors.
fn render_articles(
    tera: &Tera,
    views: &Views,
    site: &tera::Value,
    config: &Config,
    out: &Out,
) -> Pages {
    let digest = views.digest;
    let urls = views.urls;
    let jobs = (0..digest.articles.len()).into_par_iter().map(|i| {
        let article = &digest.site.articles[i];
        let linked = &digest.articles[i];
        let decorations = decorations(views, i);
        let body = &digest.extractions[i].body;
        debug_assert!(
            body.has_base_path(&urls.root),
            "parsed for another base path"
        );
        let body = markdown::decorate_body(body, &decorations, config.sanitize_html);
        let view = ArticleView {
            list: views.article_ref(i),
            authors: &article.authors,
            original_url: article.url.as_deref(),
            language: article.language.as_deref().unwrap_or(&config.language),
            tags: article
                .tags
                .iter()
                .map(|t| TagRef {
                    name: t,
                    url: urls.path(&urls.tag(t)),
                    count: 0,
                })
                .collect(),
            actors: linked
                .actors
                .iter()
                .filter_map(|a| views.name_value(a))
                .collect(),
            body: tera::Value::safe_string(&body.html),
            headings: body.headings,
        };
        let mut context = Context::new();
        context.insert("article", &view);
        context.insert("claims", &views.claims(&linked.claims));
        context.insert_value(
            "jsonld",
            tera::Value::safe_string(&jsonld::article(views, i)),
        );
        context.insert("search", &SearchFilters::for_article(views, i));
        Job {
            path: page_path(&urls.article(&article.slug)),
            template: "article.html",
            context,
            source: Some(article.path.clone()),
        }
    });
    render_jobs(tera, site, out, jobs)
}

/// Links for the first mention of each actor in each paragraph, and claim anchors; block
/// numbers are those of the body (the extraction's block 0 is the title).
fn decorations<'v>(views: &'v Views, i: usize) -> Vec<Decoration<'v>> {
    let digest = views.digest;
    let urls = views.urls;
    let extraction = &digest.extractions[i];
    let mentions = &extraction.mentions;
    let mut out = Vec::with_capacity(digest.articles[i].claims.len() + mentions.len());
    for &c in &digest.articles[i].claims {
        let claim = &digest.claims[c];
        if let Some((block, start)) = claim.anchor.filter(|(b, _)| *b > 0) {
            out.push(Decoration {
                block: block - 1,
                start,
                end: start,
                kind: DecorationKind::anchor(
                    &claim.id,
                    &urls.path(&urls.claim(&claim.id)),
                    &format!(
                        "{} claim: {}",
                        claim.origin.as_str(),
                        digest.site.lexicon.action_label(&claim.action)
                    ),
                ),
            });
        }
    }
    let anchors = out.len();
    // Mentions come in text order, so the actors linked so far are those of the current block:
    // a few, where those of the whole article would be scanned for every mention. A mention in
    // the text of the author's own link is passed over: the next one gets the actor's link.
    let mut block = 0;
    let mut linked: Vec<&str> = Vec::new();
    let mut link_text = extraction.link_text.iter().peekable();
    for m in mentions {
        if m.block != block {
            block = m.block;
            linked.clear();
        }
        while link_text
            .next_if(|&&(b, _, e)| (b, e) <= (m.block, m.start))
            .is_some()
        {}
        let in_link = link_text
            .peek()
            .is_some_and(|&&(b, s, _)| b == m.block && s <= m.start);
        if m.block == 0 || in_link || linked.contains(&m.actor) {
            continue;
        }
        let Some(kind) = views.mention_link(m.actor) else {
            continue;
        };
        linked.push(m.actor);
        out.push(Decoration {
            block: m.block - 1,
            start: m.start,
            end: m.end,
            kind,
        });
    }
    // Mentions come in text order: only claim anchors, put first, need sorting in among them
    // (a stable sort moves every decoration, and an article has dozens of links).
    if anchors > 0 {
        out.sort_by_key(|d| {
            (
                d.block,
                d.start,
                matches!(d.kind, DecorationKind::Link { .. }),
            )
        });
    }
    debug_assert!(out.is_sorted_by_key(|d| (d.block, d.start)));
    out
}
