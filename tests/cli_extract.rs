//! `dossier extract FILE...`: what the extractor finds, as JSON an analyst can read.

mod common;

use common::{TestSite, stdout_of};

#[test]
fn extract_prints_mentions_with_spans_and_how_they_matched_and_the_countries() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "note.txt",
        "US officials said Moscow prefers Donald Trump to Kamala Harris. Later, Harris's allies met Iranian hackers.\n",
    );
    let out = site.dossier(&["extract", "note.txt"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let report = &json[0];
    assert_eq!(report["file"], "note.txt");
    assert_eq!(report["countries"], serde_json::json!(["IR", "RU", "US"]));
    let mentions = report["mentions"].as_array().unwrap();
    let moscow = mentions
        .iter()
        .find(|m| m["text"] == "Moscow")
        .expect("Moscow is found");
    assert_eq!(moscow["actor"], "russia");
    assert_eq!(moscow["how"], "capital");
    let block = report["blocks"][moscow["block"].as_u64().unwrap() as usize]
        .as_str()
        .unwrap();
    let (start, end) = (
        moscow["start"].as_u64().unwrap() as usize,
        moscow["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &block[start..end],
        "Moscow",
        "spans are byte offsets into the block"
    );
    assert!(
        mentions.iter().any(|m| m["text"] == "Harris"
            && m["how"] == "surname"
            && m["actor"] == "kamala-harris")
    );
    assert!(
        mentions
            .iter()
            .any(|m| m["text"] == "Iranian" && m["how"] == "demonym")
    );
    let claims = report["claims"].as_array().unwrap();
    let preference = claims
        .iter()
        .find(|c| c["action"] == "prefers_candidate")
        .expect("a claim");
    assert_eq!(preference["actors"], serde_json::json!(["russia"]));
    assert_eq!(preference["targets"][0], "donald-trump");
    assert_eq!(
        preference["by"],
        serde_json::json!(["US officials"]),
        "the attributor is the source, not an actor"
    );
}

#[test]
fn extract_on_a_missing_file_fails_with_its_name() {
    let site = TestSite::from_fixture("basic");
    let out = site.dossier(&["extract", "nowhere.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr_of(&out).contains("nowhere.md"));
}

#[test]
fn parties_that_attribute_are_never_made_agents_of_suggested_claims() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "note.txt",
        "Microsoft targeted the network's servers last week. Moscow targeted the campaign, Microsoft said.\n",
    );
    let out = site.dossier(&["extract", "note.txt"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let claims = json[0]["claims"].as_array().unwrap();
    assert!(
        claims.iter().all(|c| !c["actors"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("microsoft"))),
        "{claims:?}"
    );
    assert!(
        claims
            .iter()
            .any(|c| c["actors"] == serde_json::json!(["russia"])
                && c["by"] == serde_json::json!(["microsoft"])),
        "{claims:?}"
    );
}
