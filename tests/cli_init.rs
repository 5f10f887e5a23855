//! `dossier init DIR`: a site that builds at once, with no copies of the built-in templates.

mod common;

use assert_cmd::Command;
use common::{dossier, files_under, stderr_of};

fn init(dir: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("dossier")
        .unwrap()
        .arg("init")
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn init_makes_a_site_that_builds_at_once_without_templates() {
    let parent = tempfile::TempDir::new().unwrap();
    let dir = parent.path().join("my-digest");
    let output = init(&dir);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.join("dossier.toml").is_file());
    assert!(dir.join("content/actors.toml").is_file());
    assert!(!dir.join("templates").exists());
    assert!(!dir.join("static").exists());
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "public/"));
    let articles = files_under(&dir.join("content/articles"));
    assert_eq!(articles.len(), 1);

    dossier(&dir).args(["check", "--strict"]).assert().success();
    dossier(&dir).arg("build").assert().success();
    assert!(dir.join("public/index.html").is_file());
    let slug = articles[0]
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        dir.join(format!("public/articles/{slug}/index.html"))
            .is_file()
    );
}

#[test]
fn init_refuses_a_folder_that_already_holds_a_site() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "title = \"mine\"\n").unwrap();
    let output = init(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("already holds a site"));
    assert_eq!(files_under(dir.path()).len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("dossier.toml")).unwrap(),
        "title = \"mine\"\n"
    );
}
