//! Progress and quiet output: no progress drawing when standard error is not a terminal (CI
//! logs, pipes), a summary line at the end of every build, and nothing but errors under `-q`.

mod common;

use common::{CONFIG, dossier, site, stderr_of};

fn small_site() -> tempfile::TempDir {
    site(&[
        ("dossier.toml", CONFIG),
        (
            "content/articles/2024-10-05-a.md",
            "+++\ntitle = \"A\"\ndate = 2024-10-05\ntags = [\"Not Normal\"]\n+++\n\nText.\n",
        ),
    ])
}

#[test]
fn build_piped_draws_no_progress_and_ends_with_the_summary_line() {
    let dir = small_site();
    let output = dossier(dir.path()).arg("build").output().unwrap();
    assert!(output.status.success());
    let err = stderr_of(&output);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("1 articles,") && last.contains(" pages, "),
        "{err}"
    );
}

#[test]
fn build_quiet_prints_nothing_without_errors() {
    let dir = small_site();
    let output = dossier(dir.path()).args(["-q", "build"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(stderr_of(&output), "");
    assert!(output.stdout.is_empty());
}

#[test]
fn build_quiet_still_prints_errors() {
    let dir = site(&[
        ("dossier.toml", CONFIG),
        ("content/articles/bad.md", "+++\ndate = 2024-10-05\n+++\n"),
    ]);
    let output = dossier(dir.path()).args(["-q", "build"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("missing field `title`"));
}
