//! `dossier import` with real country and actor detection. These tests need the mention
//! extractor (`extract::extract_mentions`); they pass once it is merged, and fail while it is a
//! stub that finds nothing. The seed text lives in ../shared/seeds beside the repository.

mod common;

use common::{CONFIG, dossier, fixture, site, stderr_of, stdout_of};

fn front_matter(file: &std::path::Path) -> toml::Table {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let output = dossier(dir.path())
        .arg("import")
        .arg(file)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let out = stdout_of(&output);
    toml::from_str(out.split("+++\n").nth(1).unwrap()).unwrap()
}

fn list(table: &toml::Table, key: &str) -> Vec<String> {
    table[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn seed() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed/000_6eda3b05087c9b46.txt");
    assert!(
        path.is_file(),
        "the seed text is expected at {}",
        path.display()
    );
    path
}

#[test]
fn import_seed_lists_russia_iran_us_china_and_cuba() {
    let countries = list(&front_matter(&seed()), "countries");
    for code in ["RU", "IR", "US", "CN", "CU"] {
        assert!(
            countries.contains(&code.to_string()),
            "{code} missing: {countries:?}"
        );
    }
}

#[test]
fn import_seed_leaves_out_germany_named_only_in_a_teaser_headline() {
    let countries = list(&front_matter(&seed()), "countries");
    assert!(!countries.contains(&"DE".to_string()), "{countries:?}");
}

#[test]
fn import_seed_lists_the_irgc_among_actors() {
    let actors = list(&front_matter(&seed()), "actors");
    assert!(actors.iter().any(|a| a.contains("irgc")), "{actors:?}");
}

#[test]
fn import_clipped_text_detects_countries_but_not_the_teaser_country() {
    let table = front_matter(&fixture("clipped/troll-farm.txt"));
    let countries = list(&table, "countries");
    for code in ["RU", "IR", "CN"] {
        assert!(
            countries.contains(&code.to_string()),
            "{code} missing: {countries:?}"
        );
    }
    // "Baltic" appears only in the teaser; no Baltic state may be listed.
    for code in ["EE", "LV", "LT"] {
        assert!(!countries.contains(&code.to_string()), "{countries:?}");
    }
}
