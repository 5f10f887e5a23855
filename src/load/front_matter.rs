//! Splitting an article file into its `+++` TOML front matter and Markdown body, and parsing the
//! front matter into raw (unvalidated) values that keep their spans for diagnostics.

use serde::Deserialize;
use toml::Spanned;

/// The front matter as written, before names are resolved against the registry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Spanned<String>,
    pub date: Spanned<toml::Value>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub countries: Vec<Spanned<String>>,
    #[serde(default)]
    pub actors: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub claims: Vec<RawClaim>,
}

/// One `[[claims]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub actors: Vec<Spanned<String>>,
    pub action: Spanned<String>,
    #[serde(default)]
    pub targets: Vec<Spanned<String>>,
    #[serde(default)]
    pub by: OneOrMany,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub likelihood: Option<Spanned<String>>,
    #[serde(default)]
    pub confidence: Option<Spanned<String>>,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
}

/// `by = "FBI"` and `by = ["fbi", "cisa"]` are both accepted.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The two parts of an article file, with the byte offset of the front matter in the file.
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
}

/// Splits `+++\n...\n+++\n body`; the error says what the file should look like.
pub fn split(source: &str) -> Result<Split<'_>, &'static str> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some(rest) = text.strip_prefix("+++") else {
        return Err("an article starts with a `+++` line, then TOML front matter, then `+++`");
    };
    let rest_trimmed = rest.trim_start_matches([' ', '\t']);
    let Some(rest_trimmed) = rest_trimmed
        .strip_prefix('\n')
        .or_else(|| rest_trimmed.strip_prefix("\r\n"))
    else {
        return Err("the opening `+++` must be alone on its line");
    };
    let front_offset = source.len() - rest_trimmed.len();
    let mut pos = 0;
    for line in rest_trimmed.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest_trimmed[..pos];
            let body = &rest_trimmed[pos + line.len()..];
            return Ok(Split {
                front,
                front_offset,
                body,
            });
        }
        pos += line.len();
    }
    Err("the front matter is not closed: add a `+++` line after it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter_and_body_with_offsets() {
        let src = "+++\ntitle = \"x\"\n+++\nBody\n";
        let s = split(src).unwrap();
        assert_eq!(s.front, "title = \"x\"\n");
        assert_eq!(&src[s.front_offset..s.front_offset + 5], "title");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("+++\ntitle = 1\n").is_err());
        assert!(split("title = 1\n").is_err());
    }
}
