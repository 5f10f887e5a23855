//! The Tera set-up: built-in templates compiled into the binary, overridden by name by the
//! site's `templates/`, plus the small `date` and `slug` filters templates need.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Kwargs, State, Tera, TeraResult};

use crate::diagnostics::Diagnostic;

/// The built-in templates, by name. `templates/` at the repository root holds them.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "article_item.html",
        include_str!("../../templates/article_item.html"),
    ),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    (
        "countries.html",
        include_str!("../../templates/countries.html"),
    ),
    ("actors.html", include_str!("../../templates/actors.html")),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("claims.html", include_str!("../../templates/claims.html")),
    ("claim.html", include_str!("../../templates/claim.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// Builds the template set; a broken site template is a diagnostic naming its file.
pub fn build_tera(
    site_templates: &BTreeMap<String, (PathBuf, String)>,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut sources: BTreeMap<&str, (Option<&PathBuf>, &str)> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, src)| (*name, (None, *src)))
        .collect();
    for (name, (path, src)) in site_templates {
        sources.insert(name.as_str(), (Some(path), src.as_str()));
    }
    let mut tera = Tera::new();
    tera.register_filter("date", date_filter);
    tera.register_filter("slug", |s: &str, _: Kwargs, _: &State| slug::slugify(s));
    let mut problems = Vec::new();
    let all: Vec<(&str, &str)> = sources.iter().map(|(n, (_, s))| (*n, *s)).collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let message = e.to_string();
        let culprit = sources
            .iter()
            .find(|(name, _)| message.contains(*name))
            .and_then(|(_, (path, _))| *path)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("templates"));
        problems.push(
            Diagnostic::error("template", format!("template error: {message}"))
                .help("fix the template; built-in templates are in the dossier repository under templates/")
                .in_file(&culprit),
        );
    }
    if problems.is_empty() {
        Ok(tera)
    } else {
        Err(problems)
    }
}

/// `{{ date | date(format="%-d %B %Y") }}` on an ISO date string.
fn date_filter(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format = kwargs.get::<&str>("format")?.unwrap_or("%-d %B %Y");
    match chrono::NaiveDate::parse_from_str(value.get(..10).unwrap_or(value), "%Y-%m-%d") {
        Ok(d) => Ok(d.format(format).to_string()),
        Err(_) => Ok(value.to_string()),
    }
}
