//! Times `extract_mentions` and `extract_claims` over a generated digest corpus (shared/bench/gen_corpus.py --layout
//! digest): reads every article, splits the body into blank-line blocks, and extracts mentions on
//! one thread and on all rayon threads. Also checks the front matter `countries` are found.
//! Usage: cargo run --release --example bench_extract -- CORPUS_DIR [ACTORS_TOML]

use std::collections::BTreeSet;
use std::time::Instant;

use dossier::extract::{Gazetteer, Lexicon, extract_claims, extract_mentions};
use dossier::registry::{BUILTIN_ACTORS_TOML, BUILTIN_COUNTRIES_TOML, Registry};
use rayon::prelude::*;

/// The allocator the `dossier` binary uses, so the figures match a build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of this process (user + system), from /proc: wall time is meaningless on a busy machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, r)| r)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

struct Article {
    title: String,
    body: String,
    countries: Vec<String>,
}

fn parse(text: &str) -> Article {
    let rest = text.strip_prefix("+++\n").unwrap();
    let (front, body) = rest.split_once("\n+++\n").unwrap();
    let front: toml::Table = toml::from_str(front).unwrap();
    let countries = front["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    Article {
        title: front["title"].as_str().unwrap().to_string(),
        body: body.to_string(),
        countries,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(&args[1]).join("content/articles");
    let actors = args.get(2).map(|p| std::fs::read_to_string(p).unwrap());
    let registry = Registry::from_toml(
        BUILTIN_COUNTRIES_TOML,
        actors.as_deref().unwrap_or(BUILTIN_ACTORS_TOML),
    )
    .unwrap();
    let t = Instant::now();
    let gazetteer = Gazetteer::new(&registry);
    println!(
        "gazetteer: {} patterns, built in {:?}",
        gazetteer.pattern_count(),
        t.elapsed()
    );
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .map(|p| parse(&std::fs::read_to_string(p).unwrap()))
        .collect();
    let blocks: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| {
            let mut b = vec![a.title.as_str()];
            b.extend(
                a.body
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
            );
            b
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();

    let (t, c) = (Instant::now(), cpu_seconds());
    let one: usize = blocks
        .iter()
        .map(|b| extract_mentions(b, &gazetteer).len())
        .sum();
    let single = t.elapsed();
    println!("extract_mentions, 1 thread: cpu {:.2}s", cpu_seconds() - c);
    let (t, c) = (Instant::now(), cpu_seconds());
    let results: Vec<_> = blocks
        .par_iter()
        .map(|b| extract_mentions(b, &gazetteer))
        .collect();
    let parallel = t.elapsed();
    println!(
        "extract_mentions, all threads: cpu {:.2}s",
        cpu_seconds() - c
    );
    let many: usize = results.iter().map(Vec::len).sum();
    assert_eq!(one, many);
    println!(
        "{} articles, {:.1} MB, {} mentions: 1 thread {:?}, {} threads {:?}",
        articles.len(),
        bytes as f64 / 1e6,
        many,
        single,
        rayon::current_num_threads(),
        parallel
    );

    let lexicon = Lexicon::builtin();
    cue_passes(&blocks, &lexicon);
    let (t, c) = (Instant::now(), cpu_seconds());
    let claims: usize = blocks
        .iter()
        .zip(&results)
        .map(|(b, m)| extract_claims(b, m, &registry, &lexicon).len())
        .sum();
    println!(
        "extract_claims, 1 thread: {claims} claims in {:?} (cpu {:.2}s)",
        t.elapsed(),
        cpu_seconds() - c
    );

    let (mut found, mut total, mut extra) = (0, 0, 0);
    for (a, mentions) in articles.iter().zip(&results) {
        let gold: BTreeSet<String> = a
            .countries
            .iter()
            .filter_map(|c| registry.resolve_country(c))
            .map(|c| c.code.clone())
            .collect();
        let got: BTreeSet<String> = mentions
            .iter()
            .filter(|m| m.how.names_country())
            .filter_map(|m| registry.actor(m.actor))
            .filter(|a| a.kind == dossier::registry::ActorKind::State)
            .filter_map(|a| a.country.clone())
            .collect();
        total += gold.len();
        found += gold.intersection(&got).count();
        extra += got.difference(&gold).count();
    }
    println!(
        "front matter countries found: {found}/{total}; countries beyond front matter: {extra}"
    );
}

/// Times the cue pass and the sentence splitter alone, over every block.
fn cue_passes(blocks: &[Vec<&str>], lexicon: &Lexicon) {
    let m = lexicon.matcher();
    let t = Instant::now();
    let n: usize = blocks.iter().flatten().map(|b| m.find(b).len()).sum();
    println!("cue pass: {n} in {:?}", t.elapsed());
    let t = Instant::now();
    let n: usize = blocks
        .iter()
        .flatten()
        .map(|b| dossier::extract::sentences::split_sentences(b).len())
        .sum();
    println!("sentences: {n} in {:?}", t.elapsed());
}
