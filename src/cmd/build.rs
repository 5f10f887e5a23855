//! `dossier build`: the whole pipeline, load -> extract -> link -> render -> write, with a
//! summary line at the end. `check` and `serve` run the same pipeline through [`run`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::progress::Progress;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::extract::site::extract_site;
use crate::link::Digest;
use crate::load::{LoadOptions, load_site};
use crate::render::{RenderOptions, render_site};
use crate::write::{SiteWriter, check_output_dir};

/// What a pipeline run should do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Where to write; None renders and checks without writing (`dossier check`).
    pub output: Option<PathBuf>,
    pub drafts: bool,
    /// Warnings count as errors.
    pub strict: bool,
    pub base_url: Option<String>,
    /// Where stage messages go; hidden by default, so only a terminal user sees a spinner.
    pub progress: Progress,
}

/// What a successful run produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub articles: usize,
    pub actors: usize,
    pub countries: usize,
    pub claims: usize,
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self, output: Option<&Path>) -> String {
        let target = output.map_or_else(String::new, |o| format!(" -> {}", o.display()));
        format!(
            "{} articles, {} countries, {} actors, {} claims: {} pages, {} files in {:.2} s{target}",
            self.articles,
            self.countries,
            self.actors,
            self.claims,
            self.pages,
            self.files,
            self.seconds
        )
    }
}

/// Runs the pipeline; returns the summary when nothing failed, and every diagnostic either way.
pub fn run(options: &BuildOptions) -> (Option<Summary>, Diagnostics) {
    let result = run_stages(options);
    options.progress.finish();
    result
}

fn run_stages(options: &BuildOptions) -> (Option<Summary>, Diagnostics) {
    let progress = &options.progress;
    let started = Instant::now();
    let output = match options
        .output
        .as_ref()
        .map(|o| check_output_dir(&options.root, &options.root.join(o)))
    {
        Some(Err(d)) => return (None, single(d)),
        Some(Ok(o)) => Some(o),
        None => None,
    };
    progress.stage("loading content");
    let (site, mut diagnostics) = load_site(
        &options.root,
        &LoadOptions {
            drafts: options.drafts,
        },
    );
    let Some(mut site) = site else {
        return (None, diagnostics);
    };
    if options.strict && diagnostics.warning_count() > 0 {
        diagnostics.push(Diagnostic::error(
            "strict",
            "warnings are errors under --strict",
        ));
        return (None, diagnostics);
    }
    let render_options = RenderOptions {
        base_url: options.base_url.clone(),
        timings: progress.times_stages(),
    };
    let base_path = render_options.config(&site.config).base_path();
    progress.stage(format!("extracting from {} articles", site.articles.len()));
    let bodies = site.take_bodies();
    let extractions = extract_site(&site, bodies, &base_path);
    progress.stage("linking actors, countries and claims");
    let digest = Digest::new(&site, extractions);
    let writer = match SiteWriter::new(output.as_deref(), &base_path) {
        Ok(writer) => writer,
        Err(d) => {
            diagnostics.push(d);
            return (None, diagnostics);
        }
    };
    progress.stage(if output.is_some() {
        "rendering and writing pages"
    } else {
        "rendering pages"
    });
    let rendered = match render_site(&digest, &render_options, &writer) {
        Ok(rendered) => rendered,
        Err(problems) => {
            diagnostics.extend(problems);
            return (None, diagnostics);
        }
    };
    let paths = &rendered.paths;
    progress.stage(format!("checking links in {} files", paths.len()));
    if let Err(problems) = writer.finish(paths) {
        diagnostics.extend(problems);
        return (None, diagnostics);
    }
    let countries = digest.countries().len();
    let summary = Summary {
        articles: digest.articles.len(),
        countries,
        actors: digest.actors.len() - countries,
        claims: digest.claims.len(),
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
        files: paths.len(),
        seconds: started.elapsed().as_secs_f64(),
    };
    (Some(summary), diagnostics)
}

fn single(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.push(d);
    all
}
