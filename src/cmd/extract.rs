//! `dossier extract FILE...`: prints what the extractor finds in files (articles or plain text)
//! as JSON, so an analyst can see why a country or claim was or was not picked up.

use std::path::PathBuf;

use serde::Serialize;

use crate::extract::{
    ExtractedClaim, Gazetteer, Lexicon, MatchKind, Mention, extract_claims, extract_mentions,
};
use crate::load::front_matter;
use crate::markdown;
use crate::registry::{ActorKind, Registry};

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    /// Block 0 is the title (when the file has front matter), then the prose blocks.
    blocks: &'a [String],
    mentions: Vec<MentionReport<'a>>,
    countries: Vec<String>,
    claims: &'a [ExtractedClaim],
}

/// A mention as the report prints it: a `Mention` keeps only its span, so the text it matched is
/// read from the blocks here.
#[derive(Serialize)]
struct MentionReport<'a> {
    block: usize,
    start: usize,
    end: usize,
    text: &'a str,
    actor: &'a str,
    how: MatchKind,
}

impl<'a> MentionReport<'a> {
    fn new(mention: &Mention<'a>, blocks: &'a [String]) -> MentionReport<'a> {
        MentionReport {
            block: mention.block,
            start: mention.start,
            end: mention.end,
            text: mention.text(blocks),
            actor: mention.actor,
            how: mention.how,
        }
    }
}

/// Extracts from each file and prints one JSON array; the registry includes `content/actors.toml`
/// of the site at `root` when there is one.
pub fn run(files: &[PathBuf], registry: &Registry) -> Result<String, String> {
    let gazetteer = Gazetteer::new(registry);
    let lexicon = Lexicon::builtin();
    let mut reports = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let (title, body) = match front_matter::split(&text) {
            Ok(split) => {
                let table: toml::Table = toml::from_str(split.front).unwrap_or_default();
                let title = table
                    .get("title")
                    .and_then(|t| t.as_str())
                    .unwrap_or_default()
                    .to_string();
                (title, split.body.to_string())
            }
            Err(_) => (String::new(), text.clone()),
        };
        let mut blocks = vec![title];
        blocks.extend(markdown::prose_blocks(&body));
        reports.push((path.display().to_string(), blocks));
    }
    let results: Vec<_> = reports
        .iter()
        .map(|(file, blocks)| {
            let texts: Vec<&str> = blocks.iter().map(String::as_str).collect();
            let mentions = extract_mentions(&texts, &gazetteer);
            let claims = extract_claims(&texts, &mentions, registry, &lexicon);
            let mut countries: Vec<String> = mentions
                .iter()
                .filter(|m| m.how.names_country())
                .filter_map(|m| registry.actor(m.actor))
                .filter(|a| a.kind == ActorKind::State)
                .filter_map(|a| a.country.clone())
                .collect();
            countries.sort();
            countries.dedup();
            (file.clone(), blocks, mentions, countries, claims)
        })
        .collect();
    let out: Vec<FileReport> = results
        .iter()
        .map(|(file, blocks, mentions, countries, claims)| FileReport {
            file: file.clone(),
            blocks,
            mentions: mentions
                .iter()
                .map(|m| MentionReport::new(m, blocks))
                .collect(),
            countries: countries.clone(),
            claims,
        })
        .collect();
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}
