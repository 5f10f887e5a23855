//! `dossier check`: the same validation as a build, nothing written, three output formats.

mod common;

use common::{CONFIG, dossier, files_under, fixture_site, site, stderr_of, stdout_of};

#[test]
fn check_human_reports_bad_toml_missing_title_and_bad_date_with_file_line_column() {
    let dir = fixture_site("broken");
    let output = dossier(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr_of(&output);
    assert!(err.contains("content/articles/bad-toml.md:2:35:"), "{err}");
    assert!(
        err.contains("content/articles/missing-title.md:2:1: missing field `title`"),
        "{err}"
    );
    assert!(
        err.contains("content/articles/bad-date.md:3:8: this is not a date"),
        "{err}"
    );
    assert!(err.contains("check failed: 3 error(s)"), "{err}");
}

#[test]
fn check_json_prints_one_object_per_problem_with_file_line_column_severity_code_message() {
    let dir = fixture_site("broken");
    let output = dossier(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout_of(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 3);
    for d in &lines {
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
        assert_eq!(d["severity"], "error");
    }
    let at = |file: &str| {
        lines
            .iter()
            .find(|d| d["file"] == file)
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
    };
    assert_eq!(at("content/articles/bad-toml.md"), Some((2, 35)));
    assert_eq!(at("content/articles/missing-title.md"), Some((2, 1)));
    assert_eq!(at("content/articles/bad-date.md"), Some((3, 8)));
}

#[test]
fn check_github_prints_error_annotations_with_file_line_col() {
    let dir = fixture_site("broken");
    let output = dossier(dir.path())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = stdout_of(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=")),
        "{out}"
    );
    assert!(
        out.contains("::error file=content/articles/bad-toml.md,line=2,col=35,"),
        "{out}"
    );
    assert!(
        out.contains("::error file=content/articles/missing-title.md,line=2,col=1,"),
        "{out}"
    );
    assert!(
        out.contains("::error file=content/articles/bad-date.md,line=3,col=8,"),
        "{out}"
    );
    assert!(out.contains("::missing field `title`"), "{out}");
}

#[test]
fn check_passes_on_a_clean_site_and_writes_nothing() {
    let dir = fixture_site("clean");
    let before = files_under(dir.path());
    dossier(dir.path()).arg("check").assert().success();
    assert_eq!(files_under(dir.path()), before);
    assert!(!dir.path().join("public").exists());
}

fn site_with_unknown_actor() -> tempfile::TempDir {
    site(&[
        ("dossier.toml", CONFIG),
        (
            "content/articles/2024-10-04-outfit.md",
            "+++\ntitle = \"An outfit nobody described\"\ndate = 2024-10-04\nactors = [\"Quiet Harbour Collective\"]\n+++\n\nText.\n",
        ),
    ])
}

#[test]
fn check_strict_fails_on_a_warning() {
    let dir = site_with_unknown_actor();
    let output = dossier(dir.path())
        .args(["check", "--strict", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = stdout_of(&output);
    assert!(
        out.contains("::warning file=content/articles/2024-10-04-outfit.md,line=4,"),
        "{out}"
    );
}

#[test]
fn check_without_strict_passes_with_a_warning() {
    let dir = site_with_unknown_actor();
    let output = dossier(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr_of(&output).contains("warning[unknown-actor]"));
}

#[test]
fn check_outside_a_site_fails_and_says_how_to_make_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let output = dossier(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("dossier init"));
}
