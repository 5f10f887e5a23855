//! `dossier new "Title"`: scaffolds `content/articles/<yyyy-mm-dd>-<slug>.md` with a commented front
//! matter skeleton that builds as it is (as a draft). Never overwrites: an existing file is an error.
//! The file writing helpers here are shared with `import`, which creates articles the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::extract::Lexicon;
pub use crate::import::toml_string;

/// Creates the article for `title` dated `date` under the site at `root`; returns its path.
pub fn run(root: &Path, title: &str, date: NaiveDate) -> Result<PathBuf, String> {
    let title = title.trim();
    if title.is_empty() {
        return Err("the title is empty: dossier new \"What the article is about\"".to_string());
    }
    require_site(root)?;
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(format!(
            "cannot make a file name from `{title}`: the title needs letters or digits"
        ));
    }
    write_article(
        root,
        date,
        &slug,
        &skeleton(title, date, &Lexicon::builtin()),
    )
}

/// The article text `new` writes: every optional key present but commented out, with what it takes.
pub fn skeleton(title: &str, date: NaiveDate, lexicon: &Lexicon) -> String {
    let actions: Vec<&str> = lexicon.actions.iter().map(|a| a.id.as_str()).collect();
    let likelihoods = lexicon.likelihood_terms().join(" | ");
    format!(
        r#"+++
title = {title}
date = {date}
# Drafts are left out of `dossier build`; preview them with `dossier serve --drafts`.
# Delete this line (or set it to false) to publish.
draft = true

# Optional keys: uncomment what you know.
# source = "Outlet"                  # who published the original
# url = "https://example.org/story"  # where to read it
# authors = ["Name"]
# summary = "One or two sentences for lists and feeds."
# tags = ["election-2024"]           # lowercase, hyphens
# countries = ["RU"]                 # ISO codes or names; countries named in the text are found anyway
# actors = ["irgc"]                  # registry ids, names or aliases (unknown names become warnings)

# Curated claims are authoritative; repeat the table for each claim.
# [[claims]]
# actors = ["russia"]                # who acts (actor ids; a state's id is its country slug)
# action = "prefers_candidate"       # {actions}
# targets = ["donald-trump"]
# by = ["us-intelligence"]           # who makes the claim: actor ids or a plain string
# quote = "The words of the source."
# likelihood = "likely"              # the source's own term: {likelihoods}
# confidence = "moderate"            # low | moderate | high
# status = "alleged"                 # alleged | corroborated | disputed | denied | retracted
+++

Write the article here, in Markdown. Actors and countries named in the text are found and
linked when the site is built; `dossier check` tells you what is wrong before you push.
"#,
        title = toml_string(title),
        actions = actions.join(" | "),
    )
}

/// Refuses to work outside a site, with the way out in the message.
pub fn require_site(root: &Path) -> Result<(), String> {
    if root.join("dossier.toml").is_file() {
        Ok(())
    } else {
        Err(format!(
            "no dossier.toml in {}: run this in a site folder, pass --root DIR, or create a site with `dossier init DIR`",
            root.display()
        ))
    }
}

/// Writes `content/articles/<date>-<slug>.md` under `root`, refusing to replace an existing file
/// (the check and the creation are one step, so a concurrent run cannot slip in between).
pub fn write_article(
    root: &Path,
    date: NaiveDate,
    slug: &str,
    text: &str,
) -> Result<PathBuf, String> {
    let dir = root.join("content").join("articles");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let shown = shown_path(root, &path);
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "{} already exists; it was left as it was (choose another title, or edit that file)",
                shown.display()
            ));
        }
        Err(e) => return Err(format!("cannot create {}: {e}", shown.display())),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown.display()))?;
    Ok(shown)
}

/// A path as the user should see it: relative to the working folder when `root` is `.`.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    if root == Path::new(".") {
        path.strip_prefix(root).unwrap_or(path).to_path_buf()
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_front_matter_parses_with_title_date_and_draft() {
        let date = NaiveDate::from_ymd_opt(2024, 10, 8).unwrap();
        let text = skeleton("Moscow \"prefers\" X", date, &Lexicon::builtin());
        let split = crate::load::front_matter::split(&text).unwrap();
        let table: toml::Table = toml::from_str(split.front).unwrap();
        assert_eq!(table["title"].as_str(), Some("Moscow \"prefers\" X"));
        assert_eq!(table["draft"].as_bool(), Some(true));
        assert_eq!(table.len(), 3);
    }
}
