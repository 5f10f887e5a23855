//! The open data exports under `/data/`: articles, actors and claims as JSON, claims as CSV.
//! Their schemas are fixed by DESIGN.md; tests and the evaluation read them.

use serde::Serialize;

use super::OutputFile;
use super::views::Views;
use crate::registry::ActorKind;

#[derive(Serialize)]
struct ArticleRecord<'a> {
    slug: &'a str,
    path: String,
    title: &'a str,
    date: String,
    countries: &'a [String],
    actors: &'a [String],
    claims: Vec<&'a str>,
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    country: Option<&'a str>,
    aliases: &'a [String],
    articles: usize,
    claims: usize,
}

#[derive(Serialize)]
struct ClaimRecord<'a> {
    id: &'a str,
    article: &'a str,
    origin: &'static str,
    text: &'a str,
    actors: &'a [String],
    action: &'a str,
    targets: &'a [String],
    by: &'a [String],
    likelihood: Option<&'a str>,
    probability: Option<[f64; 2]>,
    confidence: Option<&'a str>,
    status: &'a str,
}

pub(super) fn render_data(views: &Views) -> Vec<OutputFile> {
    let digest = views.digest;
    let site = digest.site;
    let articles: Vec<ArticleRecord> = digest
        .articles
        .iter()
        .map(|linked| {
            let article = &site.articles[linked.index];
            ArticleRecord {
                slug: &article.slug,
                path: views.urls.path(&views.urls.article(&article.slug)),
                title: &article.title,
                date: article.date.to_string(),
                countries: &linked.countries,
                actors: &linked.actors,
                claims: linked
                    .claims
                    .iter()
                    .map(|&c| digest.claims[c].id.as_str())
                    .collect(),
            }
        })
        .collect();
    let actors: Vec<ActorRecord> = digest
        .actors
        .iter()
        .filter_map(|(id, links)| {
            let actor = site.registry.actor(id)?;
            Some(ActorRecord {
                id: &actor.id,
                name: &actor.name,
                kind: actor.kind.as_str(),
                country: actor.country.as_deref(),
                aliases: if actor.kind == ActorKind::State {
                    &[]
                } else {
                    &actor.aliases
                },
                articles: links.articles.len(),
                claims: links.claims().len(),
            })
        })
        .collect();
    let claims: Vec<ClaimRecord> = digest
        .claims
        .iter()
        .map(|c| ClaimRecord {
            id: &c.id,
            article: &site.articles[c.article].slug,
            origin: c.origin.as_str(),
            text: &c.text,
            actors: &c.actors,
            action: &c.action,
            targets: &c.targets,
            by: &c.by,
            likelihood: c.likelihood.as_ref().map(|l| l.term.as_str()),
            probability: c
                .likelihood
                .as_ref()
                .map(|l| [f64::from(l.low) / 100.0, f64::from(l.high) / 100.0]),
            confidence: c.confidence.as_deref(),
            status: &c.status,
        })
        .collect();
    let csv = claims_csv(&claims);
    vec![
        json("data/articles.json", &articles),
        json("data/actors.json", &actors),
        json("data/claims.json", &claims),
        OutputFile {
            path: "data/claims.csv".to_string(),
            content: csv.into_bytes(),
            source: None,
        },
    ]
}

fn json<T: Serialize>(path: &str, value: &T) -> OutputFile {
    let mut content = serde_json::to_vec_pretty(value).expect("export records serialise");
    content.push(b'\n');
    OutputFile {
        path: path.to_string(),
        content,
        source: None,
    }
}

/// RFC 4180: CRLF line ends, every field quoted when it holds a comma, quote or line break.
fn claims_csv(claims: &[ClaimRecord]) -> String {
    let mut out = String::from(
        "id,article,origin,text,actors,action,targets,by,likelihood,probability_low,probability_high,confidence,status\r\n",
    );
    for c in claims {
        let (low, high) = c
            .probability
            .map_or((String::new(), String::new()), |[l, h]| {
                (l.to_string(), h.to_string())
            });
        let fields = [
            c.id.to_string(),
            c.article.to_string(),
            c.origin.to_string(),
            c.text.to_string(),
            c.actors.join(";"),
            c.action.to_string(),
            c.targets.join(";"),
            c.by.join(";"),
            c.likelihood.unwrap_or_default().to_string(),
            low,
            high,
            c.confidence.unwrap_or_default().to_string(),
            c.status.to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    }
}
