//! Render: turns the [`Digest`] into the site's files: HTML pages through Tera, feeds and the
//! sitemap, and the open data exports. Each file goes to a [`Sink`] as soon as it is made;
//! nothing here touches the disk.

mod charts;
mod data;
mod downloads;
mod feeds;
mod jsonld;
mod pages;
pub mod search;
mod stix;
mod templates;
pub mod urls;
mod views;

use std::path::{Path, PathBuf};

pub use templates::BUILTIN_TEMPLATES;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::link::Digest;

/// The built-in static files (CSS, the favicon), by path under `static/`. The favicon is there
/// so browsers do not log a 404 for `/favicon.ico` on every site.
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// One file of the output, with the source file it came from (for link-check messages).
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub content: Vec<u8>,
    pub source: Option<PathBuf>,
}

/// Settings of one render that are not in `dossier.toml`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Replaces `base_url` (used by `serve` to point links at the local server).
    pub base_url: Option<String>,
    /// Prints the time of each part of the render, when the build prints its stages' times.
    pub timings: bool,
}

impl RenderOptions {
    /// The site's settings as this render sees them: with the `base_url` override applied.
    pub fn config(&self, site: &Config) -> Config {
        let mut config = site.clone();
        if let Some(base) = &self.base_url {
            config.base_url = base.clone();
        }
        config
    }
}

/// Times the parts of a render, since rendering is most of a large build.
pub(crate) struct Laps {
    last: Option<std::time::Instant>,
}

impl Laps {
    fn new(on: bool) -> Laps {
        Laps {
            last: on.then(std::time::Instant::now),
        }
    }

    /// Prints the time since the previous lap.
    pub(crate) fn lap(&mut self, what: &str) {
        if let Some(last) = self.last {
            let now = std::time::Instant::now();
            eprintln!(
                "timing:   {:>8.3} s  render: {what}",
                (now - last).as_secs_f64()
            );
            self.last = Some(now);
        }
    }
}

/// Where each rendered file goes as soon as it is made: the build's writer, which writes it
/// and notes its links, so that a large site is never held whole in memory.
pub trait Sink: Sync {
    /// Takes one file: `path` is relative to the output folder, with `/` separators, and
    /// `source` the file it was made from, for messages.
    fn put(&self, path: &str, content: &[u8], source: Option<&Path>) -> Result<(), Diagnostic>;
}

/// What a render made, once all of it is in the sink.
pub struct Rendered {
    /// Every file's path, sorted, each once.
    pub paths: Vec<String>,
}

/// Renders every page and data file of the digest into `sink`.
pub fn render_site(
    digest: &Digest,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let site = digest.site;
    let config = options.config(&site.config);
    let urls = urls::Urls::new(config.base(), config.base_path());
    let tera = templates::build_tera(&site.templates)?;
    let mut laps = Laps::new(options.timings);
    // The `site` of every template, made a template value once: values share their maps.
    let site_value = tera::Value::from_serializable(&views::SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: &urls.base,
        root: &urls.root,
        license: config.license.as_deref(),
        search: config.search,
    });
    let views = views::Views::new(digest, &urls, |article| {
        pages::render_article_item(&tera, &site_value, article)
    })
    .map_err(|d| vec![d])?;
    laps.lap("views of articles and claims");
    let out = pages::Out {
        sink,
        search: config.search,
    };
    let mut paths = Vec::new();
    // The JSON and CSV exports are written on one thread, so the STIX bundle's parallel
    // serialisation runs beside them.
    let (mut data, (stix_file, stix_objects)) =
        rayon::join(|| data::render_data(&views), || stix::render_stix(&views));
    data.push(stix_file);
    laps.lap("JSON, CSV and STIX data");
    let records = |name: &str| match name {
        "articles.json" => digest.articles.len(),
        "actors.json" => digest.actors.len(),
        "stix.json" => stix_objects,
        _ => digest.claims.len(),
    };
    let mut pages =
        downloads::render_downloads(&tera, &site_value, &out, &data, &records, &urls.root)?;
    emit(sink, data, &mut paths)?;
    pages.extend(pages::render_pages(
        &tera,
        &views,
        &site_value,
        &config,
        &out,
        &mut laps,
    )?);
    paths.append(&mut pages.paths);
    if config.search {
        let index = search::index_pages(pages.kept, &urls).map_err(|d| vec![d])?;
        emit(sink, index, &mut paths)?;
        laps.lap("search index");
    }
    emit(sink, feeds::render_feeds(&views, &config), &mut paths)?;
    laps.lap("feeds");
    let builtin = BUILTIN_STATIC.iter().map(|(path, content)| OutputFile {
        path: (*path).to_string(),
        content: content.as_bytes().to_vec(),
        source: None,
    });
    emit(sink, builtin, &mut paths)?;
    // A site's own static files come last: one with the path of a built-in or rendered file
    // replaces it.
    for (rel, abs) in &site.static_files {
        let content = std::fs::read(abs)
            .map_err(|e| vec![Diagnostic::error("io", format!("cannot read: {e}")).in_file(abs)])?;
        let file = OutputFile {
            path: rel.to_string_lossy().replace('\\', "/"),
            content,
            source: Some(PathBuf::from("static").join(rel)),
        };
        emit(sink, [file], &mut paths)?;
    }
    paths.sort_unstable();
    paths.dedup();
    Ok(Rendered { paths })
}

/// Hands files to the sink and notes their paths.
fn emit(
    sink: &dyn Sink,
    files: impl IntoIterator<Item = OutputFile>,
    paths: &mut Vec<String>,
) -> Result<(), Vec<Diagnostic>> {
    for file in files {
        sink.put(&file.path, &file.content, file.source.as_deref())
            .map_err(|d| vec![d])?;
        paths.push(file.path);
    }
    Ok(())
}
