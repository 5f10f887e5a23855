//! Load: reads a site folder (`dossier.toml`, `content/`, `templates/`, `static/`) into a
//! [`Site`], validating everything it can without extracting from prose. It reads files and
//! never writes any.

pub mod article;
pub mod front_matter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use article::{Article, CuratedClaim};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::extract::Lexicon;
use crate::registry::{ActorsFile, Registry};

/// Everything a build needs from disk.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub registry: Registry,
    pub lexicon: Lexicon,
    /// Published articles (drafts only with `--drafts`), sorted newest first, then by slug.
    pub articles: Vec<Article>,
    /// The site's own templates by name; they override the built-in ones of the same name.
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Files under `static/`, relative path -> absolute path.
    pub static_files: BTreeMap<PathBuf, PathBuf>,
}

impl Site {
    /// The articles' Markdown, moved out of them (same order): extraction parses each body
    /// once and drops it, and the later stages read the HTML it made.
    pub fn take_bodies(&mut self) -> Vec<String> {
        self.articles
            .iter_mut()
            .map(|a| std::mem::take(&mut a.body))
            .collect()
    }
}

/// Choices that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// Loads a site. Returns the site when there were no errors, and every diagnostic either way.
pub fn load_site(root: &Path, options: &LoadOptions) -> (Option<Site>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let config = load_config(root, &mut diagnostics);
    let lexicon = Lexicon::builtin();
    let mut registry = Registry::builtin();
    load_site_actors(root, &mut registry, &mut diagnostics);

    let articles_dir = root.join("content").join("articles");
    let mut paths: Vec<PathBuf> = WalkDir::new(&articles_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let parsed: Vec<_> = paths
        .par_iter()
        .map(|path| {
            let rel = relative(root, path);
            match std::fs::read_to_string(path) {
                Ok(text) => article::parse_article(&rel, Arc::new(text), &registry, &lexicon),
                Err(e) => Err(vec![
                    Diagnostic::error("io", format!("cannot read: {e}")).in_file(&rel),
                ]),
            }
        })
        .collect();

    let mut articles = Vec::new();
    for result in parsed {
        match result {
            Ok((mut parsed, warnings)) => {
                diagnostics.extend(warnings);
                for (name, location) in parsed.unknown_actors {
                    diagnostics.push(
                        Diagnostic::warning("unknown-actor", format!("`{name}` is not in the actor registry"))
                            .help(format!(
                                "describe it in content/actors.toml: [[actor]] id = \"{}\" name = \"{name}\" kind = \"organization\"",
                                slug::slugify(&name)
                            ))
                            .at(location),
                    );
                    let id = registry.add_local(&name);
                    if !parsed.article.actors.contains(&id) {
                        parsed.article.actors.push(id);
                    }
                }
                if options.drafts || !parsed.article.draft {
                    articles.push(parsed.article);
                }
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }
    check_duplicate_slugs(&articles, &mut diagnostics);
    articles.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });

    let templates = read_dir_files(&root.join("templates"))
        .into_iter()
        .filter_map(|(rel, abs)| {
            let name = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(&abs) {
                Ok(text) => Some((name, (relative(root, &abs), text))),
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::error("io", format!("cannot read: {e}"))
                            .in_file(&relative(root, &abs)),
                    );
                    None
                }
            }
        })
        .collect();
    let static_files = read_dir_files(&root.join("static"));

    diagnostics.sort();
    let site = match config {
        Some(config) if diagnostics.error_count() == 0 => Some(Site {
            root: root.to_path_buf(),
            config,
            registry,
            lexicon,
            articles,
            templates,
            static_files,
        }),
        _ => None,
    };
    (site, diagnostics)
}

fn load_config(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
    let path = root.join("dossier.toml");
    let rel = PathBuf::from("dossier.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Arc::new(t),
        Err(_) => {
            diagnostics.push(
                Diagnostic::error("no-site", format!("no dossier.toml in {}", root.display()))
                    .help("run in a site folder, pass --root DIR, or create a site with `dossier init DIR`"),
            );
            return None;
        }
    };
    match toml::from_str::<Config>(&text) {
        Ok(config) => Some(config),
        Err(e) => {
            diagnostics.push(
                Diagnostic::error("config", e.message().to_string())
                    .help("keys: title, base_url (required); description, language, paginate, sanitize_html, license, search, [extract]")
                    .at(Location::new(&rel, &text, e.span().unwrap_or(0..0))),
            );
            None
        }
    }
}

fn load_site_actors(root: &Path, registry: &mut Registry, diagnostics: &mut Diagnostics) {
    let path = root.join("content").join("actors.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let text = Arc::new(text);
    match toml::from_str::<ActorsFile>(&text) {
        Ok(file) => registry.extend_with_site(file.actor),
        Err(e) => diagnostics.push(
            Diagnostic::error("actors", e.message().to_string())
                .help("[[actor]] tables with id, name, kind (person | organization | media | operation | group), optional country, aliases, parent, description")
                .at(Location::new(&relative(root, &path), &text, e.span().unwrap_or(0..0))),
        ),
    }
}

fn check_duplicate_slugs(articles: &[Article], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for article in articles {
        if let Some(first) = seen.insert(&article.slug, &article.path) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    format!(
                        "slug `{}` is used by both {} and {}",
                        article.slug,
                        first.display(),
                        article.path.display()
                    ),
                )
                .help("give one of them a different file name or a `slug = \"...\"` key")
                .in_file(&article.path),
            );
        }
    }
}

/// Regular files under a folder, relative path -> absolute path, sorted.
fn read_dir_files(dir: &Path) -> BTreeMap<PathBuf, PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            Some((
                e.path().strip_prefix(dir).ok()?.to_path_buf(),
                e.path().to_path_buf(),
            ))
        })
        .collect()
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
