//! The seed article of shared/seeds against the real country data: every gold country is found,
//! capitals stand for their states, surnames follow full names, furniture yields nothing.

use super::super::{Gazetteer, MatchKind, Mention, extract_mentions};
use crate::registry::Registry;

/// The seed article (shared/seeds), minus its page furniture lines, as title + paragraphs.
const SEED: &str = include_str!("../../../tests/fixtures/seed/000_6eda3b05087c9b46.txt");
const SEED_FURNITURE: &[&str] = &[
    "JOIN US ON TELEGRAM",
    "Follow our coverage",
    "Sanctions Busting",
    "You can also highlight",
];

const SEED_ACTORS: &str = r#"
[[actor]]
id = "donald-trump"
name = "Donald Trump"
kind = "person"
country = "US"

[[actor]]
id = "kamala-harris"
name = "Kamala Harris"
kind = "person"
country = "US"

[[actor]]
id = "irgc"
name = "Islamic Revolutionary Guard Corps"
kind = "organization"
country = "IR"
aliases = ["IRGC"]

[[actor]]
id = "voice-of-america"
name = "Voice of America"
kind = "media"
country = "US"
aliases = ["VoA", "VOA"]
"#;

/// The built-in countries and the seed's actors.
static SEED_REGISTRY: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(|| {
    Registry::from_toml(crate::registry::BUILTIN_COUNTRIES_TOML, SEED_ACTORS).unwrap()
});

/// The seed article's lines as blocks, and their mentions.
fn seed_mentions(with_furniture: bool) -> (Vec<&'static str>, Vec<Mention<'static>>) {
    let blocks: Vec<&str> = SEED
        .lines()
        .filter(|l| with_furniture || !SEED_FURNITURE.iter().any(|f| l.starts_with(f)))
        .collect();
    let mentions = extract_mentions(&blocks, &Gazetteer::new(&SEED_REGISTRY));
    (blocks, mentions)
}

fn seed_countries(mentions: &[Mention]) -> std::collections::BTreeSet<String> {
    let registry = Registry::from_toml(crate::registry::BUILTIN_COUNTRIES_TOML, "").unwrap();
    mentions
        .iter()
        .filter(|m| m.how.names_country())
        .filter_map(|m| registry.actor(m.actor).and_then(|a| a.country.clone()))
        .collect()
}

#[test]
fn seed_article_yields_every_gold_country_and_no_furniture_country() {
    let countries = seed_countries(&seed_mentions(false).1);
    let gold = ["RU", "IR", "US", "CN", "CU", "UA", "TW", "IQ", "IL", "LB"];
    let expected: std::collections::BTreeSet<String> = gold.iter().map(|c| c.to_string()).collect();
    assert_eq!(countries, expected);
}

#[test]
fn seed_article_capitals_stand_for_their_states() {
    let (blocks, mentions) = seed_mentions(false);
    for (capital, state) in [
        ("Moscow", "russia"),
        ("Tehran", "iran"),
        ("Beijing", "china"),
        ("Havana", "cuba"),
        ("Kyiv", "ukraine"),
    ] {
        assert!(
            mentions.iter().any(|m| m.text(&blocks) == capital
                && m.actor == state
                && m.how == MatchKind::Capital),
            "{capital}"
        );
    }
}

#[test]
fn seed_article_surnames_follow_full_names_and_furniture_us_is_skipped() {
    let (blocks, mentions) = seed_mentions(true);
    let trump: Vec<_> = mentions
        .iter()
        .filter(|m| m.actor == "donald-trump")
        .collect();
    assert_eq!(trump[0].how, MatchKind::Name);
    assert!(trump.len() > 10 && trump[1..].iter().all(|m| m.how == MatchKind::Surname));
    assert!(
        mentions
            .iter()
            .any(|m| m.text(&blocks) == "Harris" && m.actor == "kamala-harris")
    );
    assert!(
        mentions
            .iter()
            .any(|m| m.text(&blocks) == "IRGC" && m.actor == "irgc")
    );
    // "JOIN US ON TELEGRAM" is the block at index 2 when furniture is kept.
    assert!(!mentions.iter().any(|m| m.block == 2));
}
