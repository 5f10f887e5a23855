//! Search and pictures on a small temporary site: the Pagefind bundle is written with the site
//! and is the same on every build, `/search/` exists, country pages carry a timeline with its
//! table, the home page the network, and a hostile actor name is escaped inside the SVG.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const ACTORS: &str = r#"
[[actor]]
id = "evil-group"
name = "Evil <script>alert(1)</script> Group"
kind = "group"
country = "RU"
aliases = ["Evil Group"]
"#;

const ARTICLE_A: &str = r#"+++
title = "Evil Group targets Germany"
date = 2024-03-04
tags = ["elections"]
countries = ["RU", "DE"]
actors = ["evil-group"]

[[claims]]
actors = ["evil-group"]
action = "targets"
targets = ["germany"]
by = ["a researcher"]
quote = "The group targeted German voters."
status = "alleged"
+++

A test article about a group.
"#;

const ARTICLE_B: &str = r#"+++
title = "Russia amplifies stories about France"
date = 2024-05-20
countries = ["RU", "FR"]

[[claims]]
actors = ["russia"]
action = "amplifies"
targets = ["france"]
by = ["a researcher"]
quote = "Russia amplified the stories."
status = "alleged"
+++

Another test article.
"#;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("dossier.toml"),
        "title = \"Test digest\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(root.join("content/actors.toml"), ACTORS).unwrap();
    std::fs::write(root.join("content/articles/a.md"), ARTICLE_A).unwrap();
    std::fs::write(root.join("content/articles/b.md"), ARTICLE_B).unwrap();
    dir
}

fn build(root: &Path, output: &str) -> PathBuf {
    Command::cargo_bin("dossier")
        .unwrap()
        .args(["build", "-q", "--root"])
        .arg(root)
        .args(["--output", output])
        .assert()
        .success();
    root.join(output)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`, relative, with its bytes, sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn build_writes_the_pagefind_bundle_and_the_search_page() {
    let dir = site();
    let out = build(dir.path(), "public");
    assert!(out.join("pagefind/pagefind.js").is_file());
    assert!(out.join("pagefind/pagefind-ui.js").is_file());
    assert!(out.join("pagefind/pagefind-entry.json").is_file());
    let entry = read(&out.join("pagefind/pagefind-entry.json"));
    assert!(entry.contains("\"page_count\""), "{entry}");
    assert!(
        std::fs::read_dir(out.join("pagefind/index"))
            .unwrap()
            .count()
            > 0,
        "an index chunk is written"
    );
    let search = read(&out.join("search/index.html"));
    assert!(search.contains("pagefind/pagefind-ui.js"));
    let home = read(&out.join("index.html"));
    assert!(home.contains("action=\"/search/\""), "header search box");
    let article = read(&out.join("articles/a/index.html"));
    for filter in [
        "type:Article",
        "country:Germany",
        "action:targets",
        "tag:elections",
    ] {
        assert!(
            article.contains(&format!("data-pagefind-filter=\"{filter}\"")),
            "{filter} in {article}"
        );
    }
}

#[test]
fn two_builds_give_the_same_search_index() {
    let dir = site();
    let first = tree(&build(dir.path(), "one").join("pagefind"));
    let second = tree(&build(dir.path(), "two").join("pagefind"));
    assert_eq!(
        first.iter().map(|f| &f.0).collect::<Vec<_>>(),
        second.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(first == second, "pagefind files differ between builds");
}

#[test]
fn country_pages_have_a_timeline_with_a_table_beside_it() {
    let dir = site();
    let out = build(dir.path(), "public");
    let page = read(&out.join("countries/germany/index.html"));
    let svg_at = page
        .find("<svg")
        .expect("the country page has an SVG timeline");
    let svg_end = page[svg_at..].find("</svg>").unwrap() + svg_at;
    let svg = &page[svg_at..svg_end];
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(svg.contains("<title id=\"timeline-title\">Germany"));
    assert!(svg.contains("<desc"));
    let after = &page[svg_end..];
    assert!(after.contains("<table class=\"data-table\">"));
    assert!(after.contains("<time datetime=\"2024-03\">March 2024</time>"));
}

#[test]
fn home_page_has_the_network_of_who_acts_against_whom() {
    let dir = site();
    let out = build(dir.path(), "public");
    let home = read(&out.join("index.html"));
    assert!(home.contains("class=\"chart chart-network\""));
    assert!(home.contains("<title id=\"network-title\">"));
    assert!(
        home.contains("Russia against France: "),
        "an edge from actor to target"
    );
}

#[test]
fn actor_names_with_markup_are_escaped_inside_the_svg() {
    let dir = site();
    let out = build(dir.path(), "public");
    for page in ["index.html", "actors/evil-group/index.html"] {
        let html = read(&out.join(page));
        assert!(
            !html.contains("<script>alert(1)"),
            "{page} has the raw name"
        );
        let svg_at = html.find("<svg").expect("a picture");
        let svg = &html[svg_at..html[svg_at..].find("</svg>").unwrap() + svg_at];
        assert!(svg.contains("Evil &lt;script&gt;"), "{page}: {svg}");
    }
}

#[test]
fn search_can_be_switched_off_for_very_large_digests() {
    let site = common::TestSite::from_fixture("basic");
    site.write(
        "dossier.toml",
        "title = \"No search\"\nbase_url = \"https://example.org/\"\nsearch = false\n",
    );
    site.build();
    assert!(!site.exists("pagefind/pagefind.js"));
    assert!(!site.exists("search/index.html"));
    assert!(
        !site.read("index.html").contains("site-search"),
        "no search box without an index"
    );
    for page in [
        "articles/moscow-preference/index.html",
        "countries/russia/index.html",
    ] {
        assert!(
            !site.read(page).contains("data-pagefind-filter"),
            "no search filters without an index: {page}"
        );
    }
}
