//! The seed article (tests/fixtures/seed/, with its hand annotation) as the body of an article of a
//! real build: the countries and claims the digest publishes, scored against the annotation.

mod common;

use common::TestSite;
use serde_json::Value;

const FURNITURE: [&str; 4] = [
    "JOIN US ON TELEGRAM",
    "Follow our coverage",
    "Sanctions Busting",
    "You can also highlight",
];

fn seed_site() -> (TestSite, toml::Table) {
    let fixtures = common::fixture("seed");
    let text = std::fs::read_to_string(fixtures.join("000_6eda3b05087c9b46.txt")).unwrap();
    let gold: toml::Table = toml::from_str(
        &std::fs::read_to_string(fixtures.join("000_6eda3b05087c9b46.gold.toml")).unwrap(),
    )
    .unwrap();
    let body: Vec<&str> = text
        .lines()
        .filter(|l| !FURNITURE.iter().any(|f| l.starts_with(f)))
        .collect();
    let site = TestSite {
        dir: common::site(&[("dossier.toml", common::CONFIG)]),
    };
    site.write(
        "content/articles/seed.md",
        &format!(
            "+++\ntitle = \"Moscow and Tehran differ\"\ndate = 2024-10-08\n+++\n{}\n",
            body.join("\n\n")
        ),
    );
    site.build();
    (site, gold)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_seed_yields_every_annotated_country_and_not_the_teaser_one() {
    let (site, gold) = seed_site();
    let articles = site.json("data/articles.json");
    let found = strings(&articles[0]["countries"]);
    for code in gold["countries"].as_array().unwrap() {
        assert!(
            found.contains(&code.as_str().unwrap().to_string()),
            "{code} missing from {found:?}"
        );
    }
    assert!(
        !found.contains(&"DE".to_string()),
        "Germany only appears in page furniture"
    );
}

#[test]
fn the_seed_yields_at_least_eight_of_the_ten_annotated_claims() {
    let (site, gold) = seed_site();
    let actors = site.json("data/actors.json");
    let country_of = |id: &str| -> Option<String> {
        actors
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .and_then(|a| a["country"].as_str().map(String::from))
    };
    let claims = site.json("data/claims.json");
    let claims = claims.as_array().unwrap();
    let mut matched = 0;
    for g in gold["claims"].as_array().unwrap() {
        let g_actors: Vec<&str> = g["actors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a.as_str())
            .filter(|a| a.len() == 2)
            .collect();
        let hit = claims.iter().any(|c| {
            let mut countries: Vec<String> = strings(&c["actors"])
                .iter()
                .filter_map(|a| country_of(a))
                .collect();
            countries.sort();
            countries.dedup();
            let mut want: Vec<String> = g_actors.iter().map(|s| s.to_string()).collect();
            want.sort();
            let likelihood_ok = match g.get("likelihood").and_then(|l| l.as_str()) {
                Some(term) => c["likelihood"]
                    .as_str()
                    .is_some_and(|l| term.starts_with(l)),
                None => true,
            };
            countries == want
                && c["action"] == g["action"].as_str().unwrap()
                && likelihood_ok
                && !strings(&c["by"]).is_empty()
        });
        matched += hit as usize;
    }
    eprintln!("seed article: {matched} of 10 annotated claims found");
    assert!(matched >= 8, "only {matched} of 10 annotated claims found");
    for c in claims.iter().filter(|c| c["action"] != "denies") {
        let by = strings(&c["by"]);
        for actor in strings(&c["actors"]) {
            assert!(
                !by.contains(&actor),
                "the attributing party is never the actor (a denier speaks for itself): {c}"
            );
        }
    }
}
