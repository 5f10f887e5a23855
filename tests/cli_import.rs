//! `dossier import FILE`: clipped text or HTML in, a reviewable draft article out.
//! Tests that need real country and actor detection are in tests/import_detection.rs.

mod common;

use common::{CONFIG, dossier, files_under, fixture, site, stderr_of, stdout_of};

fn import_to_stdout(file: &str) -> String {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let output = dossier(dir.path())
        .arg("import")
        .arg(fixture("clipped").join(file))
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    stdout_of(&output)
}

const FURNITURE: &[&str] = &[
    "SUBSCRIBE TO OUR DAILY BRIEFING",
    "Follow our live coverage",
    "Advertisement",
    "Shadow Fleet Tankers",
    "Read more",
    "cookies",
    "Ctrl + Enter",
];

#[test]
fn import_text_drops_page_furniture_and_teaser_headlines() {
    let draft = import_to_stdout("troll-farm.txt");
    for line in FURNITURE {
        assert!(!draft.contains(line), "`{line}` survived:\n{draft}");
    }
}

#[test]
fn import_text_keeps_paragraphs_one_per_line_and_section_headings() {
    let draft = import_to_stdout("troll-farm.txt");
    let body = draft.split("+++\n").nth(2).unwrap();
    let blocks: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    assert_eq!(blocks.len(), 5, "{body}");
    assert!(blocks[0].starts_with("Researchers at a university lab said on Thursday"));
    assert!(blocks[2].starts_with("Officials in Beijing denied"));
    assert_eq!(blocks[3], "## How the network grew");
    assert!(blocks[4].ends_with("after being told."));
}

#[test]
fn import_text_takes_a_headline_first_line_as_title_and_sets_draft() {
    let draft = import_to_stdout("troll-farm.txt");
    let front = draft.split("+++\n").nth(1).unwrap();
    let table: toml::Table = toml::from_str(front).expect("front matter is valid TOML");
    assert_eq!(
        table["title"].as_str(),
        Some("Troll farm shifts to short videos ahead of the vote")
    );
    assert_eq!(table["draft"].as_bool(), Some(true));
    assert!(table["countries"].is_array());
    assert!(table["actors"].is_array());
}

#[test]
fn import_html_reads_title_outlet_canonical_url_and_date() {
    let draft = import_to_stdout("troll-farm.html");
    let front = draft.split("+++\n").nth(1).unwrap();
    let table: toml::Table = toml::from_str(front).unwrap();
    assert_eq!(
        table["title"].as_str(),
        Some("Troll farm shifts to short videos")
    );
    assert_eq!(table["source"].as_str(), Some("The Example Herald"));
    assert_eq!(
        table["url"].as_str(),
        Some("https://herald.example/2024/10/troll-farm-videos")
    );
    assert_eq!(table["date"].to_string(), "2024-10-17");
    assert_eq!(table["draft"].as_bool(), Some(true));
}

#[test]
fn import_html_keeps_article_text_and_drops_navigation_scripts_and_asides() {
    let draft = import_to_stdout("troll-farm.html");
    let body = draft.split("+++\n").nth(2).unwrap();
    assert!(
        body.contains("posed as local voters & activists."),
        "{body}"
    );
    assert!(body.contains("## How the network grew"));
    assert!(body.contains("- Most accounts posted only videos.\n- Many reused"));
    for gone in [
        "not article text",
        "color: #222",
        "Politics",
        "Share on Facebook",
        "Copy link",
        "Why the Recount",
        "Newsletter",
        "Sign up",
        "Photo: lab",
        "Advertisement",
        "Ctrl + Enter",
        "All rights reserved",
        "We use cookies",
        "By a staff writer",
    ] {
        assert!(!body.contains(gone), "`{gone}` survived:\n{body}");
    }
}

#[test]
fn import_to_stdout_writes_no_file() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let before = files_under(dir.path());
    let output = dossier(dir.path())
        .arg("import")
        .arg(fixture("clipped/troll-farm.txt"))
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(stdout_of(&output).starts_with("+++\n"));
    assert_eq!(files_under(dir.path()), before);
}

#[test]
fn import_writes_a_dated_draft_into_the_site_that_builds() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let output = dossier(dir.path())
        .arg("import")
        .arg(fixture("clipped/troll-farm.html"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let printed = stdout_of(&output).trim().to_string();
    assert!(
        printed.ends_with("content/articles/2024-10-17-troll-farm-shifts-to-short-videos.md"),
        "{printed}"
    );
    assert!(std::path::Path::new(&printed).is_file());
    dossier(dir.path()).arg("check").assert().success();
    dossier(dir.path())
        .args(["build", "--drafts"])
        .assert()
        .success();
    assert!(
        dir.path()
            .join("public/articles/2024-10-17-troll-farm-shifts-to-short-videos/index.html")
            .is_file()
    );
}

#[test]
fn import_refuses_to_overwrite_an_existing_article() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let run = || {
        dossier(dir.path())
            .arg("import")
            .arg(fixture("clipped/troll-farm.html"))
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr_of(&second).contains("already exists"));
}
