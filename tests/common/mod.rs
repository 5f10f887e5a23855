//! Helpers for tests that run the real binary on sites in temporary folders and read what users
//! would see.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A copy of a fixture site in a fresh temporary folder.
pub struct TestSite {
    pub dir: TempDir,
}

impl TestSite {
    pub fn from_fixture(name: &str) -> TestSite {
        TestSite {
            dir: fixture_site(name),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, content: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// Runs `dossier <args>` in the site folder.
    pub fn dossier(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("dossier")
            .unwrap()
            .current_dir(self.root())
            .args(args)
            .output()
            .unwrap()
    }

    /// Builds into `public/` and fails the test with the diagnostics if the build fails.
    pub fn build(&self) -> std::process::Output {
        let out = self.dossier(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr_of(&out));
        out
    }

    /// Runs `dossier build`, which must fail with exit code 1; returns its diagnostics.
    pub fn failed_build(&self) -> String {
        let out = self.dossier(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        stderr_of(&out)
    }

    /// A file of the built site, as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }
}

/// The `dossier` binary, run with `--root root`.
pub fn dossier(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary");
    cmd.arg("--root").arg(root);
    cmd
}

/// A copy of `tests/fixtures/<name>` in a temporary folder, so tests never write into fixtures.
pub fn fixture_site(name: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// A site made of the given files (relative path, text).
pub fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

pub const CONFIG: &str = "title = \"Test digest\"\nbase_url = \"https://test.example/\"\n";

/// Every file under a folder, relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Every file under `dir`, relative, sorted: to see that a command wrote nothing.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    tree(dir).into_keys().collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
