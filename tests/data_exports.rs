//! The open data a build publishes: the STIX bundle, per-country and per-actor feeds, JSON-LD and
//! the downloads page. Each test builds a small real site in a temporary folder with the binary
//! and reads the files it wrote.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const CONFIG: &str = r#"
title = "Test Digest"
base_url = "https://digest.example.org/"
license = "Data: CC BY 4.0 (test licence line)"
"#;

/// An article about Iran whose title tries to break out of a script element.
const IRAN: &str = r#"+++
title = "Tehran's </script><script>alert(1)</script> campaign"
date = 2024-08-19
slug = "iran-campaign"
countries = ["IR", "US"]
[[claims]]
actors = ["iran"]
action = "hack_and_leak"
targets = ["united-states"]
by = ["fbi"]
quote = "The FBI said Iran was behind the leak."
likelihood = "likely"
status = "alleged"
[[claims]]
actors = ["iran"]
action = "denies"
by = ["some officials"]
quote = "Tehran denied it."
+++

The FBI said Iran was behind the leak. Tehran denied it.
"#;

/// An article that names neither Iran nor its actors.
const OTHER: &str = r#"+++
title = "A quiet week in Canberra"
date = 2024-09-01
slug = "quiet-week"
countries = ["AU"]
+++

Nothing happened in Australia this week.
"#;

fn site() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("dossier.toml"), CONFIG).unwrap();
    let articles = dir.path().join("content/articles");
    fs::create_dir_all(&articles).unwrap();
    fs::write(articles.join("iran.md"), IRAN).unwrap();
    fs::write(articles.join("other.md"), OTHER).unwrap();
    dir
}

fn build(site: &Path, output: &str) -> PathBuf {
    Command::cargo_bin("dossier")
        .unwrap()
        .args([
            "--root",
            site.to_str().unwrap(),
            "-q",
            "build",
            "--output",
            output,
        ])
        .assert()
        .success();
    site.join(output)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn stix(out: &Path) -> Value {
    serde_json::from_str(&read(out, "data/stix.json")).expect("stix.json is JSON")
}

/// Is `id` of the form `type--<RFC 4122 UUID>`?
fn is_stix_id(id: &str) -> bool {
    let Some((kind, uuid)) = id.split_once("--") else {
        return false;
    };
    let groups: Vec<&str> = uuid.split('-').collect();
    !kind.is_empty()
        && kind.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        })
}

#[test]
fn stix_bundle_ids_are_typed_uuids() {
    let dir = site();
    let bundle = stix(&build(dir.path(), "public"));
    assert_eq!(bundle["type"], "bundle");
    assert!(is_stix_id(bundle["id"].as_str().unwrap()));
    let objects = bundle["objects"].as_array().unwrap();
    assert!(!objects.is_empty());
    for object in objects {
        let id = object["id"].as_str().unwrap();
        assert!(is_stix_id(id), "{id} is not type--uuid");
        assert!(id.starts_with(&format!("{}--", object["type"].as_str().unwrap())));
    }
}

#[test]
fn stix_relationships_point_inside_the_bundle() {
    let dir = site();
    let bundle = stix(&build(dir.path(), "public"));
    let objects = bundle["objects"].as_array().unwrap();
    let ids: HashSet<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
    let relationships: Vec<&Value> = objects
        .iter()
        .filter(|o| o["type"] == "relationship")
        .collect();
    assert!(!relationships.is_empty());
    for rel in &relationships {
        for end in ["source_ref", "target_ref"] {
            let id = rel[end].as_str().unwrap();
            assert!(ids.contains(id), "{end} {id} is not in the bundle");
        }
    }
    for object in objects {
        if let Some(creator) = object["created_by_ref"].as_str() {
            assert!(ids.contains(creator));
        }
        for id in object["object_refs"].as_array().into_iter().flatten() {
            assert!(
                ids.contains(id.as_str().unwrap()),
                "report refers to missing {id}"
            );
        }
    }
}

#[test]
fn stix_claim_relationship_carries_likelihood_and_source() {
    let dir = site();
    let bundle = stix(&build(dir.path(), "public"));
    let objects = bundle["objects"].as_array().unwrap();
    let targets = objects
        .iter()
        .find(|o| o["type"] == "relationship" && o["relationship_type"] == "targets")
        .expect("the hack-and-leak claim targets the United States");
    // "likely" is 55-80 % in ICD 203; confidence is the band's midpoint.
    assert_eq!(targets["confidence"], 68);
    let extension = targets["extensions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(extension["extension_type"], "property-extension");
    assert_eq!(extension["claimed_by"][0], "fbi");
    assert_eq!(extension["quote"], "The FBI said Iran was behind the leak.");
    assert_eq!(extension["origin"], "curated");
    let state = objects
        .iter()
        .find(|o| o["id"] == targets["source_ref"])
        .unwrap();
    assert_eq!(state["type"], "threat-actor");
    assert_eq!(state["threat_actor_types"][0], "nation-state");
    // Australia acts in no claim: it is a location only.
    assert!(
        objects
            .iter()
            .any(|o| o["type"] == "location" && o["country"] == "AU")
    );
    assert!(
        !objects
            .iter()
            .any(|o| o["type"] == "threat-actor" && o["name"] == "Australia")
    );
}

#[test]
fn stix_is_identical_between_builds() {
    let dir = site();
    let first = read(&build(dir.path(), "out-a"), "data/stix.json");
    let second = read(&build(dir.path(), "out-b"), "data/stix.json");
    assert_eq!(first, second);
    assert!(
        !first.contains(&chrono_today()),
        "a build date leaked into the bundle"
    );
}

/// Today's date as STIX would write it, to catch the build clock in the output.
fn chrono_today() -> String {
    chrono::Utc::now().format("%Y-%m-%dT").to_string()
}

#[test]
fn country_feed_lists_its_articles_only() {
    let dir = site();
    let out = build(dir.path(), "public");
    let feed = read(&out, "countries/iran/atom.xml");
    assert!(feed.contains("<title>Iran · Test Digest</title>"));
    assert!(feed.contains("https://digest.example.org/articles/iran-campaign/"));
    assert!(!feed.contains("quiet-week"));
    let australia = read(&out, "countries/australia/atom.xml");
    assert!(australia.contains("quiet-week") && !australia.contains("iran-campaign"));
}

#[test]
fn actor_feed_exists_and_entity_pages_link_their_feed() {
    let dir = site();
    let out = build(dir.path(), "public");
    let fbi = read(&out, "actors/fbi/atom.xml");
    assert!(fbi.contains("iran-campaign"));
    let page = read(&out, "countries/iran/index.html");
    assert!(page.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Iran · Test Digest" href="/countries/iran/atom.xml">"#
    ));
    assert!(page.contains(r#"<a href="/countries/iran/atom.xml" type="application/atom+xml">"#));
}

/// The JSON-LD script elements of a page, as written.
fn jsonld_scripts(html: &str) -> Vec<&str> {
    let open = r#"<script type="application/ld+json">"#;
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find("</script>").expect("script element is closed")]
        })
        .collect()
}

#[test]
fn article_jsonld_escapes_a_title_that_holds_a_script_end_tag() {
    let dir = site();
    let html = read(
        &build(dir.path(), "public"),
        "articles/iran-campaign/index.html",
    );
    let scripts = jsonld_scripts(&html);
    assert_eq!(scripts.len(), 1);
    // The first `</script>` after the opening tag is the real end: the whole JSON sits before it.
    let data: Value = serde_json::from_str(scripts[0]).expect("JSON-LD parses up to </script>");
    assert_eq!(data["@type"], "Report");
    assert_eq!(
        data["headline"],
        "Tehran's </script><script>alert(1)</script> campaign"
    );
    assert!(scripts[0].contains(r"\u003c/script\u003e"));
    assert_eq!(
        data["url"],
        "https://digest.example.org/articles/iran-campaign/"
    );
    let mentions: Vec<&str> = data["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["@type"].as_str().unwrap())
        .collect();
    assert!(mentions.contains(&"Place"));
    // Each actor's entry is made once per build and shared by the pages that name it.
    let iran = data["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Iran")
        .expect("Iran among the mentions");
    assert_eq!(iran["url"], "https://digest.example.org/countries/iran/");
}

#[test]
fn claim_page_jsonld_is_a_claim_by_its_source() {
    let dir = site();
    let out = build(dir.path(), "public");
    let claims: Value = serde_json::from_str(&read(&out, "data/claims.json")).unwrap();
    let id = claims[0]["id"].as_str().unwrap();
    let html = read(&out, &format!("claims/{id}/index.html"));
    let data: Value = serde_json::from_str(jsonld_scripts(&html)[0]).unwrap();
    assert_eq!(data["@type"], "Claim");
    assert_eq!(data["author"][0]["name"], "Federal Bureau of Investigation");
    assert!(
        data["about"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["url"] == "https://digest.example.org/countries/iran/"),
        "{}",
        data["about"]
    );
    assert_eq!(
        data["appearance"]["url"],
        "https://digest.example.org/articles/iran-campaign/"
    );
    assert_eq!(data["firstAppearance"], data["appearance"]);
    assert_eq!(data["text"], "The FBI said Iran was behind the leak.");
}

#[test]
fn data_page_lists_exports_and_the_licence() {
    let dir = site();
    let out = build(dir.path(), "public");
    let page = read(&out, "data/index.html");
    assert!(page.contains("Data: CC BY 4.0 (test licence line)"));
    for export in [
        "articles.json",
        "claims.json",
        "actors.json",
        "claims.csv",
        "stix.json",
    ] {
        assert!(
            page.contains(&format!(r#"href="/data/{export}""#)),
            "{export} not linked"
        );
    }
    assert!(page.contains("2 claims"), "record count of claims.json");
    let home = read(&out, "index.html");
    assert!(home.contains(r#"<a href="/data/">Open data</a>"#));
}
