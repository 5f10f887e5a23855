//! `dossier.toml`: the site's settings. Only `title` and `base_url` are required; unknown keys
//! are errors so that a typo never silently does nothing.

use serde::Deserialize;

/// The parsed `dossier.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Where the site will live, e.g. `https://example.org/digest/`; every link is built from it.
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Articles per page on the home page.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Raw HTML in articles is sanitised unless this is false.
    #[serde(default = "yes")]
    pub sanitize_html: bool,
    /// A licence line for the data downloads and feeds.
    #[serde(default)]
    pub license: Option<String>,
    /// Build the full-text search index and the /search/ page. Indexing costs several times
    /// the rest of a build on very large digests, so it can be switched off.
    #[serde(default = "yes")]
    pub search: bool,
    #[serde(default)]
    pub extract: ExtractConfig,
}

/// `[extract]`: what the extractor may add beyond the front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractConfig {
    /// Find actors and countries named in the prose.
    #[serde(default = "yes")]
    pub mentions: bool,
    /// Find attributed claims in the prose (needs `mentions`).
    #[serde(default = "yes")]
    pub claims: bool,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            mentions: true,
            claims: true,
        }
    }
}

fn default_language() -> String {
    "en".to_string()
}

fn default_paginate() -> usize {
    20
}

fn yes() -> bool {
    true
}

impl Config {
    /// The base URL with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of the base URL (`/digest/` for `https://example.org/digest/`), which every
    /// site-internal link starts with.
    pub fn base_path(&self) -> String {
        let base = self.base();
        let after_scheme = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_a_sub_path_site_keeps_the_sub_path() {
        let config: Config =
            toml::from_str("title = \"t\"\nbase_url = \"https://example.org/digest\"").unwrap();
        assert_eq!(config.base(), "https://example.org/digest/");
        assert_eq!(config.base_path(), "/digest/");
        assert_eq!(config.paginate, 20);
    }
}
