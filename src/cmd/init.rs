//! `dossier init DIR`: a new site that builds at once. It writes only what a site owner edits
//! (config, one example article, a commented actors file, .gitignore): the templates and static
//! files are compiled into the binary, and a site copies them only to override one.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::new::{shown_path, toml_string};

/// Creates the site in `dir` (made if missing) and returns the files written.
pub fn run(dir: &Path, date: NaiveDate) -> Result<Vec<PathBuf>, String> {
    if dir.join("dossier.toml").exists() {
        return Err(format!(
            "{} already holds a site (dossier.toml); nothing was written",
            dir.display()
        ));
    }
    let title = dir
        .canonicalize()
        .ok()
        .or_else(|| Some(dir.to_path_buf()))
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty() && n != ".")
        .map(|n| format!("{} digest", n.replace(['-', '_'], " ")))
        .unwrap_or_else(|| "Influence digest".to_string());
    let example = format!("content/articles/{}-welcome.md", date.format("%Y-%m-%d"));
    let files: Vec<(String, String)> = vec![
        ("dossier.toml".to_string(), config(&title)),
        (example, example_article(date)),
        ("content/actors.toml".to_string(), ACTORS.to_string()),
        (".gitignore".to_string(), GITIGNORE.to_string()),
    ];
    // Check everything before writing anything, so a refusal leaves the folder as it was.
    for (rel, _) in &files {
        let path = dir.join(rel);
        if path.exists() {
            return Err(format!(
                "{} already exists; nothing was written",
                path.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(shown_path(Path::new("."), &path));
    }
    Ok(written)
}

fn config(title: &str) -> String {
    format!(
        r#"# The site's settings. Only title and base_url are required.
title = {title}
# Where the site will be published; every link is built from it.
base_url = "https://example.org/"
description = "Who is said to influence whom, according to whom, and how sure they are."
language = "en"
# paginate = 20                 # articles per page on the home page
# license = "Text and data: CC BY 4.0"

# What the extractor may add beyond the front matter.
[extract]
mentions = true
claims = true
"#,
        title = toml_string(title)
    )
}

fn example_article(date: NaiveDate) -> String {
    format!(
        r#"+++
title = "Welcome to the digest"
date = {date}
summary = "An example article: edit it, or delete it once the site has its own."
tags = ["example"]
+++

This example stands in for the first real article. Articles are Markdown files in
`content/articles/`, with TOML front matter between the `+++` lines.

When an article says that Moscow prefers one candidate, or that Iranian hackers targeted a
campaign, the build finds the countries and actors it names and links them to their pages.
Claims written in the front matter as `[[claims]]` tables are shown as the analyst's own.

Start a new article with `dossier new "Title"`, preview with `dossier serve`, and run
`dossier check` before you push.
"#
    )
}

const ACTORS: &str = r#"# The site's own actors, added to the built-in registry (every country, international
# organisations, and a starter set of services, outlets, operations and people).
# An entry with the id of a built-in actor replaces it.
#
# [[actor]]
# id = "irgc"                            # used in front matter: actors = ["irgc"]
# name = "Islamic Revolutionary Guard Corps"
# kind = "organization"                  # person | organization | media | operation | group
# country = "IR"                         # ISO 3166-1 alpha-2 of the state it belongs to
# aliases = ["IRGC", "Revolutionary Guards"]
# parent = "iran"                        # optional: the actor it is part of
# description = "One or two sentences on who this is."
"#;

const GITIGNORE: &str =
    "# Build output of `dossier build` and `dossier serve`.\npublic/\n.dossier-*/\n";
