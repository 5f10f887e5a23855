//! Turning one article file into a validated [`Article`]: front matter types, dates, vocabulary
//! terms and registry names are checked here, and every problem becomes a located diagnostic.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use toml::Spanned;

use super::front_matter::{self, RawClaim, RawFrontMatter};
use crate::diagnostics::{Diagnostic, Location};
use crate::extract::{Lexicon, Likelihood};
use crate::registry::Registry;

/// An article ready for extraction: front matter validated, names resolved to registry ids.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root, for messages.
    pub path: std::path::PathBuf,
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    /// For feeds: the given date-time, or midnight UTC of the date.
    pub published: DateTime<FixedOffset>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    /// ISO codes given in front matter.
    pub countries: Vec<String>,
    /// Actor ids given in front matter.
    pub actors: Vec<String>,
    pub draft: bool,
    pub claims: Vec<CuratedClaim>,
    /// The Markdown; empty once [`crate::load::Site::take_bodies`] has moved it out.
    pub body: String,
}

/// A claim written by an analyst in front matter: authoritative.
#[derive(Debug, Clone)]
pub struct CuratedClaim {
    pub actors: Vec<String>,
    pub action: String,
    pub targets: Vec<String>,
    /// Actor ids where the registry knows the source, otherwise the text as written.
    pub by: Vec<String>,
    pub quote: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<String>,
    pub status: String,
}

/// Where front matter names need resolving: names the registry does not know yet become
/// site-local actors once all files are read, so this records them rather than deciding.
pub struct Parsed {
    pub article: Article,
    /// Names from `actors = [...]` that the registry does not know, with their location.
    pub unknown_actors: Vec<(String, Location)>,
}

/// Reads an article's text into an [`Article`], or the diagnostics that say why not.
pub fn parse_article(
    rel_path: &Path,
    source: Arc<String>,
    registry: &Registry,
    lexicon: &Lexicon,
) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
    let whole = |message: &str| {
        vec![
            Diagnostic::error("front-matter", message.to_string()).at(Location::new(
                rel_path,
                &source,
                0..3,
            )),
        ]
    };
    let split = front_matter::split(&source).map_err(whole)?;
    let offset = split.front_offset;
    let at = |span: Range<usize>| {
        Location::new(rel_path, &source, span.start + offset..span.end + offset)
    };
    let raw: RawFrontMatter = toml::from_str(split.front).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![
            Diagnostic::error("front-matter", e.message().to_string())
                .help(expected_for(e.message()))
                .at(at(span)),
        ]
    })?;
    let body = split.body.to_string();

    let mut problems = Vec::new();
    let title = raw.title.get_ref().trim().to_string();
    if title.is_empty() {
        problems.push(
            Diagnostic::error("front-matter", "the title is empty")
                .help("a non-empty title")
                .at(at(raw.title.span())),
        );
    }
    let (date, published) = match parse_date(raw.date.get_ref()) {
        Some(d) => d,
        None => {
            problems.push(
                Diagnostic::error("bad-date", "this is not a date")
                    .help(
                        "a TOML date (2024-10-08) or an RFC 3339 date-time (2024-10-08T14:30:00Z)",
                    )
                    .at(at(raw.date.span())),
            );
            (
                NaiveDate::default(),
                Utc.timestamp_opt(0, 0).unwrap().fixed_offset(),
            )
        }
    };

    let slug = match &raw.slug {
        Some(s) => {
            let slug = slug::slugify(s.get_ref());
            if slug.is_empty() {
                problems.push(
                    Diagnostic::error("bad-slug", "this slug has no letters or digits")
                        .at(at(s.span())),
                );
            }
            slug
        }
        None => slug::slugify(
            rel_path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default(),
        ),
    };

    let mut warnings = Vec::new();
    if let Some(summary) = &raw.summary
        && summary.get_ref().trim().is_empty()
    {
        warnings.push(
            Diagnostic::warning("empty-summary", "the summary is empty")
                .help("write one or two sentences, or remove the key")
                .at(at(summary.span())),
        );
    }
    let mut tags = Vec::new();
    for tag in &raw.tags {
        let normal = slug::slugify(tag.get_ref());
        if normal.is_empty() {
            problems.push(
                Diagnostic::error("bad-tag", "this tag has no letters or digits")
                    .at(at(tag.span())),
            );
            continue;
        }
        if normal != *tag.get_ref() {
            warnings.push(
                Diagnostic::warning(
                    "tag-spelling",
                    format!("tag `{}` is listed as `{normal}`", tag.get_ref()),
                )
                .help(format!("write it as \"{normal}\" (lowercase, hyphens)"))
                .at(at(tag.span())),
            );
        }
        if !tags.contains(&normal) {
            tags.push(normal);
        }
    }

    let mut countries = Vec::new();
    for name in &raw.countries {
        match registry.resolve_country(name.get_ref()) {
            Some(c) => push_unique(&mut countries, c.code.clone()),
            None => problems.push(
                Diagnostic::error(
                    "unknown-country",
                    format!("unknown country `{}`", name.get_ref()),
                )
                .help("an ISO 3166-1 code (\"RU\") or an English name (\"Russia\")")
                .at(at(name.span())),
            ),
        }
    }
    let mut actors = Vec::new();
    let mut unknown_actors = Vec::new();
    for name in &raw.actors {
        match registry.resolve(name.get_ref()) {
            Some(a) => push_unique(&mut actors, a.id.clone()),
            None => unknown_actors.push((name.get_ref().trim().to_string(), at(name.span()))),
        }
    }

    let mut claims = Vec::new();
    for raw_claim in raw.claims {
        if let Some(claim) = validate_claim(raw_claim, registry, lexicon, &at, &mut problems) {
            claims.push(claim);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let article = Article {
        path: rel_path.to_path_buf(),
        slug,
        title,
        date,
        published,
        source: raw.source,
        url: raw.url,
        authors: raw.authors,
        summary: raw
            .summary
            .map(Spanned::into_inner)
            .filter(|s| !s.trim().is_empty()),
        tags,
        language: raw.language,
        countries,
        actors,
        draft: raw.draft,
        claims,
        body,
    };
    Ok((
        Parsed {
            article,
            unknown_actors,
        },
        warnings,
    ))
}

fn validate_claim(
    raw: RawClaim,
    registry: &Registry,
    lexicon: &Lexicon,
    at: &dyn Fn(Range<usize>) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<CuratedClaim> {
    let before = problems.len();
    let mut resolve_all = |names: &[Spanned<String>], field: &str| -> Vec<String> {
        let mut ids = Vec::new();
        for name in names {
            match registry.resolve(name.get_ref()) {
                Some(a) => push_unique(&mut ids, a.id.clone()),
                None => problems.push(
                    Diagnostic::error("unknown-actor", format!("unknown actor `{}` in claim {field}", name.get_ref()))
                        .help("an actor id, name or alias from the registry; describe new actors in content/actors.toml")
                        .at(at(name.span())),
                ),
            }
        }
        ids
    };
    let actors = resolve_all(&raw.actors, "actors");
    let targets = resolve_all(&raw.targets, "targets");
    if raw.actors.is_empty() {
        problems.push(
            Diagnostic::error("front-matter", "a claim needs at least one actor")
                .help("actors = [\"russia\"]")
                .at(at(raw.action.span())),
        );
    }
    if !lexicon.is_action(raw.action.get_ref()) {
        let known: Vec<&str> = lexicon.actions.iter().map(|a| a.id.as_str()).collect();
        problems.push(
            Diagnostic::error(
                "unknown-action",
                format!("unknown action `{}`", raw.action.get_ref()),
            )
            .help(format!("one of: {}", known.join(", ")))
            .at(at(raw.action.span())),
        );
    }
    let likelihood = raw.likelihood.as_ref().and_then(|l| {
        let found = lexicon.likelihood(l.get_ref());
        if found.is_none() {
            problems.push(
                Diagnostic::error(
                    "unknown-likelihood",
                    format!("`{}` is not an ICD 203 likelihood term", l.get_ref()),
                )
                .help(format!("one of: {}", lexicon.likelihood_terms().join(", ")))
                .at(at(l.span())),
            );
        }
        found
    });
    let mut check_term =
        |value: &Option<Spanned<String>>, allowed: &[String], what: &'static str| {
            if let Some(v) = value
                && !allowed.iter().any(|a| a == v.get_ref())
            {
                problems.push(
                    Diagnostic::error("unknown-term", format!("unknown {what} `{}`", v.get_ref()))
                        .help(format!("one of: {}", allowed.join(", ")))
                        .at(at(v.span())),
                );
            }
        };
    check_term(&raw.confidence, &lexicon.confidences, "confidence");
    check_term(&raw.status, &lexicon.statuses, "status");
    let by = raw
        .by
        .into_vec()
        .into_iter()
        .map(|s| {
            registry
                .resolve(&s)
                .map_or_else(|| s.trim().to_string(), |a| a.id.clone())
        })
        .collect();
    if problems.len() > before {
        return None;
    }
    Some(CuratedClaim {
        actors,
        action: raw.action.into_inner(),
        targets,
        by,
        quote: raw
            .quote
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty()),
        likelihood,
        confidence: raw.confidence.map(Spanned::into_inner),
        status: raw
            .status
            .map_or_else(|| "alleged".to_string(), Spanned::into_inner),
    })
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// A hint for toml's messages about missing or unknown fields.
fn expected_for(message: &str) -> String {
    if message.contains("unknown field") {
        "known keys: title, date, slug, source, url, authors, summary, tags, language, countries, actors, draft, [[claims]]".to_string()
    } else if message.contains("missing field") {
        "every article needs `title = \"...\"` and `date = 2024-10-08`".to_string()
    } else {
        "valid TOML front matter between `+++` lines".to_string()
    }
}

/// TOML dates and date-times, or strings holding one.
fn parse_date(value: &toml::Value) -> Option<(NaiveDate, DateTime<FixedOffset>)> {
    let text = match value {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(&text) {
        return Some((dt.date_naive(), dt));
    }
    let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()?;
    let published = date.and_time(NaiveTime::MIN).and_utc().fixed_offset();
    Some((date, published))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_accept_toml_dates_and_rfc_3339_strings() {
        let d = |s: &str| {
            parse_date(&toml::from_str::<toml::Table>(s).unwrap()["d"]).map(|(d, _)| d.to_string())
        };
        assert_eq!(d("d = 2024-10-08").as_deref(), Some("2024-10-08"));
        assert_eq!(d("d = 2024-10-08T14:30:00Z").as_deref(), Some("2024-10-08"));
        assert_eq!(
            d("d = \"2024-10-08T14:30:00+02:00\"").as_deref(),
            Some("2024-10-08")
        );
        assert_eq!(d("d = \"yesterday\""), None);
        assert_eq!(d("d = 5"), None);
    }
}
