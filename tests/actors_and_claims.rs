//! Country, actor and claim pages and the JSON/CSV exports, on fixture sites.

mod common;

use common::{TestSite, stderr_of as stderr};
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

#[test]
fn country_page_lists_articles_affiliated_actors_and_claims() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let iran = site.read("countries/iran/index.html");
    assert!(
        iran.contains("href=\"/articles/tehran-hack/\""),
        "its article"
    );
    assert!(iran.contains("Affiliated actors"));
    assert!(
        iran.contains("href=\"/actors/irgc/\""),
        "IRGC on Iran's page"
    );
    assert!(
        iran.contains("href=\"/actors/example-network/\""),
        "site actor of Iran"
    );
    assert!(
        iran.contains("Acts in <span class=\"count\">1</span>"),
        "acts in one claim"
    );
    assert!(iran.contains("Countries named alongside"));
    assert!(iran.contains("href=\"/countries/united-states/\""));
}

#[test]
fn actor_page_shows_country_parent_aliases_and_claims() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let page = site.read("actors/example-network/index.html");
    assert!(
        page.contains("A made-up operation"),
        "description from content/actors.toml"
    );
    assert!(page.contains("Part of") && page.contains("href=\"/actors/irgc/\""));
    assert!(page.contains("Country") && page.contains("href=\"/countries/iran/\""));
    assert!(page.contains("ExNet"));
    let irgc = site.read("actors/irgc/index.html");
    assert!(irgc.contains("Parts of it") && irgc.contains("href=\"/actors/example-network/\""));
    let fbi = site.read("actors/fbi/index.html");
    assert!(
        fbi.contains("Claims it made <span class=\"count\">1</span>"),
        "a source's claims"
    );
    let index = site.read("actors/index.html");
    assert!(
        index.contains("Organisations") && index.contains("Operations"),
        "grouped by kind"
    );
}

#[test]
fn articles_json_has_exactly_the_documented_fields() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let articles = site.json("data/articles.json");
    let list = articles.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for a in list {
        assert_eq!(
            keys(a),
            [
                "actors",
                "claims",
                "countries",
                "date",
                "path",
                "slug",
                "title"
            ]
        );
    }
    let tehran = list.iter().find(|a| a["slug"] == "tehran-hack").unwrap();
    assert_eq!(tehran["path"], "/articles/tehran-hack/");
    assert_eq!(tehran["date"], "2024-08-19");
    let countries: Vec<&str> = tehran["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(countries.contains(&"IR") && countries.contains(&"US"));
    let mut sorted = countries.clone();
    sorted.sort();
    assert_eq!(countries, sorted, "sorted");
    assert!(!tehran["claims"].as_array().unwrap().is_empty());
}

#[test]
fn actors_json_lists_states_and_actors_with_counts() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let actors = site.json("data/actors.json");
    let list = actors.as_array().unwrap();
    for a in list {
        assert_eq!(
            keys(a),
            [
                "aliases", "articles", "claims", "country", "id", "kind", "name"
            ]
        );
    }
    let iran = list
        .iter()
        .find(|a| a["id"] == "iran")
        .expect("states appear too");
    assert_eq!(iran["kind"], "state");
    assert_eq!(iran["country"], "IR");
    assert!(iran["claims"].as_u64().unwrap() >= 1);
    let net = list.iter().find(|a| a["id"] == "example-network").unwrap();
    assert_eq!(net["kind"], "operation");
    assert_eq!(net["country"], "IR");
    assert_eq!(net["aliases"], serde_json::json!(["ExNet"]));
    assert_eq!(net["articles"], 1);
}

#[test]
fn curated_claims_are_exported_marked_and_anchored() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let claims = site.json("data/claims.json");
    let curated: Vec<&Value> = claims
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["origin"] == "curated")
        .collect();
    assert_eq!(curated.len(), 1);
    let c = curated[0];
    assert_eq!(
        keys(c),
        [
            "action",
            "actors",
            "article",
            "by",
            "confidence",
            "id",
            "likelihood",
            "origin",
            "probability",
            "status",
            "targets",
            "text"
        ]
    );
    assert_eq!(c["actors"], serde_json::json!(["iran", "irgc"]));
    assert_eq!(c["action"], "hack_and_leak");
    assert_eq!(c["targets"], serde_json::json!(["donald-trump"]));
    assert_eq!(c["by"], serde_json::json!(["fbi"]));
    assert_eq!(c["likelihood"], "almost certain");
    assert_eq!(c["probability"], serde_json::json!([0.95, 0.99]));
    assert_eq!(c["confidence"], "high");
    assert_eq!(c["status"], "corroborated");
    let id = c["id"].as_str().unwrap();
    assert!(id.starts_with("tehran-hack-"));
    let page = site.read(&format!("claims/{id}/index.html"));
    assert!(page.contains("reviewed") && page.contains("95–99%"));
    let article = site.read("articles/tehran-hack/index.html");
    assert!(
        article.contains(&format!("id=\"{id}\"")),
        "permalink anchor in the article"
    );
    let csv = site.read("data/claims.csv");
    assert!(csv.starts_with("id,article,origin,text,actors,action,targets,by,likelihood"));
    assert!(csv.contains("iran;irgc"), "lists joined with ;");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn claim_ids_survive_unrelated_edits_to_the_article() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let before = site.json("data/claims.json");
    let path = site.root().join("content/articles/tehran-hack.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "## What happened",
            "An added opening paragraph.\n\n## What happened",
        ),
    )
    .unwrap();
    site.build();
    let after = site.json("data/claims.json");
    let ids = |v: &Value| {
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["article"] == "tehran-hack")
            .map(|c| c["id"].to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn unknown_vocabulary_in_a_curated_claim_is_an_error_at_its_position() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/bad-claim.md",
        "+++\ntitle = \"Bad claim\"\ndate = 2024-01-01\n[[claims]]\nactors = [\"russia\"]\naction = \"invades\"\nlikelihood = \"maybe\"\ntargets = [\"nobody-known\"]\n+++\nBody\n",
    );
    let err = site.failed_build();
    assert!(
        err.contains("bad-claim.md:6:10") && err.contains("unknown action `invades`"),
        "{err}"
    );
    assert!(
        err.contains("prefers_candidate"),
        "lists the actions: {err}"
    );
    assert!(
        err.contains("bad-claim.md:7:14") && err.contains("ICD 203"),
        "{err}"
    );
    assert!(
        err.contains("bad-claim.md:8:12") && err.contains("nobody-known"),
        "{err}"
    );
}

#[test]
fn unknown_front_matter_actor_becomes_a_local_actor_with_a_warning() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/new-outlet.md",
        "+++\ntitle = \"New outlet\"\ndate = 2024-01-01\nactors = [\"Brand New Outlet\"]\n+++\nBody\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("warning[unknown-actor]") && err.contains("new-outlet.md:4:11"),
        "{err}"
    );
    assert!(
        err.contains("content/actors.toml"),
        "says how to describe it: {err}"
    );
    let page = site.read("actors/brand-new-outlet/index.html");
    assert!(page.contains("Not yet described"));
    assert!(site.dossier(&["build", "--strict"]).status.code() == Some(1));
}

#[test]
fn site_actors_override_built_in_entries_by_id() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/actors.toml",
        "[[actor]]\nid = \"irgc\"\nname = \"Guards (site name)\"\nkind = \"organization\"\ncountry = \"IR\"\n",
    );
    site.build();
    assert!(
        site.read("actors/irgc/index.html")
            .contains("Guards (site name)")
    );
}

#[test]
fn an_actor_name_with_markup_is_escaped() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/actors.toml",
        "[[actor]]\nid = \"evil\"\nname = \"<script>alert(1)</script>\"\nkind = \"media\"\n",
    );
    site.write(
        "content/articles/evil.md",
        "+++\ntitle = \"E\"\ndate = 2024-01-01\nactors = [\"evil\"]\n+++\nBody\n",
    );
    site.build();
    for page in [
        "actors/evil/index.html",
        "articles/evil/index.html",
        "actors/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(html.contains("&lt;script&gt;alert(1)"), "{page}");
    }
}

#[test]
fn large_claim_lists_are_paginated_and_capped_on_entity_pages() {
    let site = TestSite::from_fixture("basic");
    let mut front = String::from("+++\ntitle = \"Many claims\"\ndate = 2024-12-01\n");
    for i in 0..120 {
        front.push_str(&format!(
            "[[claims]]\nactors = [\"russia\"]\naction = \"targets\"\ntargets = [\"ukraine\"]\nquote = \"Claim number {i}.\"\n"
        ));
    }
    front.push_str("+++\nBody.\n");
    site.write("content/articles/many.md", &front);
    site.build();
    let first = site.read("claims/index.html");
    assert!(first.contains("Page 1 of 2") && first.contains("href=\"/claims/page/2/\""));
    assert_eq!(
        first.matches("<tr>").count(),
        101,
        "header row and 100 claims"
    );
    assert!(
        site.read("claims/page/2/index.html")
            .contains("Page 2 of 2")
    );
    let russia = site.read("countries/russia/index.html");
    assert!(
        russia.contains("Acts in <span class=\"count\">12"),
        "the count stays whole"
    );
    assert!(
        russia.contains("The 50 most recent of 12"),
        "the table is capped"
    );
}

#[test]
fn named_alongside_counts_the_articles_shared_most_first() {
    let site = TestSite::from_fixture("clean");
    let article = |slug: &str, body: &str| {
        site.write(
            &format!("content/articles/{slug}.md"),
            &format!(
                "+++\ntitle = \"{slug}\"\ndate = 2024-05-0{n}\n+++\n\n{body}\n",
                n = slug.len() % 9 + 1
            ),
        );
    };
    article("one", "Iran and Russia traded notes on the campaign.");
    article(
        "two",
        "Russian and Iranian officials met again; China watched.",
    );
    article("three", "Tehran said little. The IRGC said less.");
    site.build();
    let iran = site.read("countries/iran/index.html");
    let alongside = iran
        .split("Countries named alongside")
        .nth(1)
        .expect("the section");
    let alongside = alongside.split("</span></span>").next().unwrap();
    assert!(
        alongside.contains("Russia <span class=\"count\">2</span>"),
        "{alongside}"
    );
    assert!(alongside.contains("China <span class=\"count\">1</span>"));
    assert!(!alongside.contains("/countries/iran/"), "not itself");
    let actors = iran.split("Actors named alongside").nth(1).unwrap();
    assert!(actors.contains("Islamic Revolutionary Guard Corps <span class=\"count\">1</span>"));
}

#[test]
fn article_pages_link_the_first_mention_of_each_actor_per_paragraph() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let page = site.read("articles/moscow-preference/index.html");
    let body = &page[page.find("officials said").expect("the body") - 200..];
    // A metonym links to its state with the state's name as the link's title ...
    assert!(
        body.contains(r#"<a class="mention" href="/countries/russia/" title="Russia">Moscow</a>"#),
        "{body}"
    );
    // ... a full name needs no title repeating it ...
    assert!(
        body.contains(r#"<a class="mention" href="/actors/donald-trump/">Donald Trump</a>"#),
        "{body}"
    );
    // ... and a second mention of Russia in the same paragraph is left as text.
    assert!(body.contains("while the Kremlin denied"), "{body}");
    // Another paragraph (the table cell) links Russia again.
    assert!(
        body.contains(r#"<td><a class="mention" href="/countries/russia/">Russia</a></td>"#),
        "{body}"
    );
}

#[test]
fn a_mention_inside_an_authors_link_leaves_the_link_to_the_next_mention() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/linked-source.md",
        "+++\ntitle = \"Sources\"\ndate = 2024-06-01\n+++\n\
         As [the GRU's own site](https://example.org/) shows, the GRU ran it. The GRU denied it.\n",
    );
    site.build();
    let page = site.read("articles/linked-source/index.html");
    // The author's link stays as written, with no link inside it ...
    assert!(
        page.contains(r#"<a href="https://example.org/">the GRU’s own site</a>"#),
        "{page}"
    );
    // ... and the paragraph's next mention of the GRU is the one linked to its page, the
    // first outside a link; the one after stays text.
    let gru =
        r#"<a class="mention" href="/actors/gru/" title="Main Intelligence Directorate">GRU</a>"#;
    assert!(page.contains(&format!("the {gru} ran it.")), "{page}");
    assert!(page.contains("The GRU denied"), "{page}");
}

#[test]
fn with_extraction_off_curated_quotes_still_anchor_their_claims() {
    let site = TestSite::from_fixture("basic");
    let config = std::fs::read_to_string(site.root().join("dossier.toml")).unwrap();
    site.write(
        "dossier.toml",
        &format!("{config}\n[extract]\nmentions = false\nclaims = false\n"),
    );
    site.build();
    let page = site.read("articles/tehran-hack/index.html");
    // The curated claim's quote is found in the prose and gets its permalink anchor ...
    assert!(page.contains("class=\"claim-anchor\""), "{page}");
    // ... while nothing in the prose is linked as a mention.
    assert!(!page.contains("class=\"mention\""), "{page}");
}
