//! The `/data/` page: what each open data export holds, its fields and what they mean, how big
//! it is, and under what licence, so a researcher can reuse the data without reading our code.
//! Sizes and record counts are read from the rendered exports, so the page never disagrees with
//! the files next to it.

use serde::Serialize;
use tera::{Context, Tera};

use super::OutputFile;
use super::pages::{Job, Out, Pages, page_path, render_jobs};

/// One export as the page describes it.
#[derive(Serialize)]
struct ExportView {
    name: &'static str,
    url: String,
    format: &'static str,
    about: &'static str,
    /// "22 records", "168 STIX objects" ...
    records: String,
    size: String,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    meaning: &'static str,
}

/// (file name, format, what it is, unit of its records, fields).
type ExportSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CLAIM_FIELDS: &[(&str, &str)] = &[
    (
        "id",
        "Stable claim id: the article slug and a hash of what the claim says",
    ),
    ("article", "Slug of the article the claim appears in"),
    (
        "origin",
        "curated (written by an analyst) or extracted (found by software, not reviewed)",
    ),
    (
        "text",
        "The source's words (curated) or the sentence the claim was found in (extracted)",
    ),
    (
        "actors",
        "Ids of who is said to act; a state's id is its country slug",
    ),
    (
        "action",
        "What they are said to do, from the dossier vocabulary (hack_and_leak, amplifies ...)",
    ),
    ("targets", "Ids of who or what is acted upon"),
    (
        "by",
        "Who makes the claim: actor ids, or the words of the article when no actor fits",
    ),
    (
        "likelihood",
        "The source's ICD 203 likelihood term, or null when none was stated",
    ),
    (
        "probability",
        "The band of that term as [low, high] between 0 and 1, or null (CSV: probability_low, probability_high)",
    ),
    (
        "confidence",
        "The source's stated confidence: low, moderate, high, or null",
    ),
    (
        "status",
        "alleged, corroborated, disputed, denied or retracted",
    ),
];

const EXPORTS: &[ExportSpec] = &[
    (
        "articles.json",
        "JSON array",
        "Every published article with the countries, actors and claims the digest links to it.",
        "articles",
        &[
            ("slug", "The article's id and the last part of its URL"),
            ("path", "Its page on this site"),
            ("title", "Headline"),
            ("date", "Publication date, YYYY-MM-DD"),
            (
                "countries",
                "ISO 3166-1 alpha-2 codes of every country it names (by name, demonym, capital or metonym), sorted",
            ),
            ("actors", "Ids of the non-state actors it names, sorted"),
            ("claims", "Ids of its claims (see claims.json)"),
        ],
    ),
    (
        "claims.json",
        "JSON array",
        "Every attributed claim: source S says actor X did A to Y, with S's own likelihood.",
        "claims",
        CLAIM_FIELDS,
    ),
    (
        "claims.csv",
        "CSV (RFC 4180, UTF-8)",
        "The same claims as a spreadsheet; list fields are joined with semicolons.",
        "rows",
        CLAIM_FIELDS,
    ),
    (
        "actors.json",
        "JSON array",
        "Every actor and country that appears in the digest (states have kind \"state\").",
        "actors",
        &[
            ("id", "Stable id; a state's id is its country slug"),
            ("name", "Display name"),
            (
                "kind",
                "state, person, organization, media, operation, group or unknown",
            ),
            (
                "country",
                "ISO 3166-1 alpha-2 code of the state it belongs to, or null",
            ),
            ("aliases", "Other names the digest recognises"),
            ("articles", "Number of articles it appears in"),
            (
                "claims",
                "Number of claims it acts in, is targeted by or made",
            ),
        ],
    ),
    (
        "stix.json",
        "STIX 2.1 bundle (JSON)",
        "The digest for threat-intelligence platforms. Ids are UUIDv5 of stable keys and timestamps come from article dates, so the file changes only when the content does.",
        "STIX objects",
        &[
            (
                "identity",
                "This digest (creator of every object), claim sources, and actors that do not act in any claim",
            ),
            ("location", "Each country, with its alpha-2 code"),
            (
                "threat-actor",
                "Actors that act in at least one claim; states as nation-state threat actors only then",
            ),
            (
                "report",
                "One per article: published date, its objects, a link to its page and the original",
            ),
            (
                "relationship",
                "One per claim, actor and target: targets, impersonates or related-to (a claim without a target relates to its report), with confidence from the likelihood band's midpoint; located-at links actors to countries",
            ),
            (
                "extension-definition",
                "Declares the claim properties below, carried in each claim relationship's extensions",
            ),
        ],
    ),
];

/// The properties of the STIX claim extension (documented at `#stix-extension`).
const STIX_EXTENSION_FIELDS: &[(&str, &str)] = &[
    ("claim_id, claim_url", "The claim in this digest"),
    ("action", "The dossier action the relationship stands for"),
    (
        "quote",
        "The source's words, or the sentence the claim was found in",
    ),
    (
        "claimed_by, claimed_by_refs",
        "Who makes the claim, as written and as identity ids",
    ),
    (
        "origin",
        "curated or extracted (extracted claims are unreviewed suggestions)",
    ),
    (
        "likelihood, probability_low, probability_high",
        "The source's ICD 203 term and its band in percent",
    ),
    (
        "analytic_confidence",
        "The source's stated confidence: low, moderate or high",
    ),
    (
        "status",
        "alleged, corroborated, disputed, denied or retracted",
    ),
];

/// Renders `data/index.html` from the already rendered exports in `files`, with the number of
/// records each holds (`records`, by file name; known from the digest, not re-parsed).
pub(super) fn render_downloads(
    tera: &Tera,
    site: &tera::Value,
    out: &Out,
    files: &[OutputFile],
    records: &dyn Fn(&str) -> usize,
    root: &str,
) -> Pages {
    let exports: Vec<ExportView> = EXPORTS
        .iter()
        .filter_map(|(name, format, about, unit, fields)| {
            let path = format!("data/{name}");
            let file = files.iter().find(|f| f.path == path)?;
            Some(ExportView {
                name,
                url: format!("{root}{path}"),
                format,
                about,
                records: format!("{} {unit}", records(name)),
                size: human_size(file.content.len()),
                fields: to_fields(fields),
            })
        })
        .collect();
    let mut context = Context::new();
    context.insert("exports", &exports);
    context.insert("stix_extension", &to_fields(STIX_EXTENSION_FIELDS));
    render_jobs(
        tera,
        site,
        out,
        vec![Job {
            path: page_path("data/"),
            template: "data.html",
            context,
            source: None,
        }],
    )
}

fn to_fields(fields: &[(&'static str, &'static str)]) -> Vec<Field> {
    fields
        .iter()
        .map(|(name, meaning)| Field { name, meaning })
        .collect()
}

fn human_size(bytes: usize) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(12_345), "12.3 kB");
    }
}
