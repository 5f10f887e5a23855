//! `dossier new "Title"`: a dated article skeleton that builds as it is, never overwriting.

mod common;

use common::{CONFIG, dossier, site, stderr_of, stdout_of};

fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn new_creates_a_dated_article_and_prints_its_path() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    let output = dossier(dir.path())
        .args(["new", "Moscow's \"favourite\" candidate"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let printed = stdout_of(&output).trim().to_string();
    let expected = format!(
        "content/articles/{}-moscow-s-favourite-candidate.md",
        today()
    );
    assert!(printed.ends_with(&expected), "{printed}");
    let text = std::fs::read_to_string(dir.path().join(&expected)).unwrap();
    assert!(
        text.contains("title = \"Moscow's \\\"favourite\\\" candidate\""),
        "{text}"
    );
    assert!(text.contains(&format!("date = {}", today())));
    assert!(text.contains("draft = true"));
    assert!(text.contains("# [[claims]]"));
}

#[test]
fn new_refuses_to_overwrite_an_existing_article() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    dossier(dir.path())
        .args(["new", "Same title"])
        .assert()
        .success();
    let path = dir
        .path()
        .join(format!("content/articles/{}-same-title.md", today()));
    std::fs::write(&path, "edited by hand").unwrap();
    let output = dossier(dir.path())
        .args(["new", "Same title"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand");
}

#[test]
fn new_article_builds_as_it_is() {
    let dir = site(&[("dossier.toml", CONFIG)]);
    dossier(dir.path())
        .args(["new", "Fresh draft"])
        .assert()
        .success();
    dossier(dir.path()).arg("check").assert().success();
    dossier(dir.path())
        .args(["build", "--drafts"])
        .assert()
        .success();
    let page = dir.path().join(format!(
        "public/articles/{}-fresh-draft/index.html",
        today()
    ));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Fresh draft"));
}

#[test]
fn new_outside_a_site_fails_with_a_hint() {
    let dir = tempfile::TempDir::new().unwrap();
    let output = dossier(dir.path()).args(["new", "Title"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("dossier init"));
    assert!(!dir.path().join("content").exists());
}
