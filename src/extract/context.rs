//! Context rules for ambiguous country names (Georgia, Jordan, Chad, Niger, Turkey), read from
//! `data/context.toml`. Decides one occurrence from its neighbouring words and from the cues the
//! article contains; finding the cues in the text is the gazetteer's job, not this module's.

use serde::Deserialize;

/// Compiled into the binary from `data/context.toml`.
pub const CONTEXT_TOML: &str = include_str!("../../data/context.toml");

/// The context rules of one country, as written in the data file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextRule {
    /// ISO 3166-1 alpha-2 of the country the rule is for.
    pub code: String,
    /// Terms that need context, in addition to the country's own `ambiguous` list.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// Anywhere in the article, these make the country's ambiguous terms count.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Anywhere in the article, these mean the other sense (Georgia the US state).
    #[serde(default)]
    pub against: Vec<String>,
    /// A word right before the term that makes it count ("in Jordan"); compared ignoring case.
    #[serde(default)]
    pub after: Vec<String>,
    /// A word right before the term that rules it out ("roast Turkey").
    #[serde(default)]
    pub not_after: Vec<String>,
    /// A capitalised word right before or after the term makes it part of a person's name.
    #[serde(default)]
    pub not_near_names: bool,
    /// What an occurrence with no evidence either way counts as.
    #[serde(default)]
    pub default: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    #[serde(default)]
    country: Vec<ContextRule>,
}

/// Parses the built-in context rules.
pub fn builtin_rules() -> Vec<ContextRule> {
    parse_rules(CONTEXT_TOML).expect("data/context.toml is valid")
}

pub fn parse_rules(toml_text: &str) -> Result<Vec<ContextRule>, toml::de::Error> {
    Ok(toml::from_str::<ContextFile>(toml_text)?.country)
}

/// What the article as a whole says about one country with ambiguous names.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleEvidence {
    /// Cues and unambiguous names of the country found in the article.
    pub support: u32,
    /// Cues of the other sense found in the article.
    pub against: u32,
}

impl ContextRule {
    /// Whether the ambiguous term at `start..end` of `text` names the country.
    pub fn accepts(&self, text: &str, start: usize, end: usize, evidence: ArticleEvidence) -> bool {
        let before = word_before(text, start);
        let after_listed =
            before.is_some_and(|w| self.after.iter().any(|a| a.eq_ignore_ascii_case(w)));
        if before.is_some_and(|w| self.not_after.iter().any(|a| a == w)) {
            return false;
        }
        if self.not_near_names && !after_listed {
            let named = |w: Option<&str>| {
                w.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            };
            if named(before) || named(word_after(text, end)) {
                return false;
            }
        }
        if evidence.against > 0 {
            return false;
        }
        evidence.support > 0 || after_listed || self.default
    }
}

/// The word right before `start`, if only spaces separate them (no punctuation, no line break).
pub fn word_before(text: &str, start: usize) -> Option<&str> {
    let head = text[..start].strip_suffix(' ')?.trim_end_matches(' ');
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[from..];
    (!word.is_empty()).then_some(word)
}

/// The word right after `end`, if only spaces separate them.
pub fn word_after(text: &str, end: usize) -> Option<&str> {
    let tail = text[end..].strip_prefix(' ')?.trim_start_matches(' ');
    let to = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(i, _)| i);
    let word = &tail[..to];
    (!word.is_empty()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_context_rules_parse() {
        let rules = builtin_rules();
        assert!(
            rules
                .iter()
                .any(|r| r.code == "GE" && r.cues.iter().any(|c| c == "Tbilisi"))
        );
    }

    #[test]
    fn neighbouring_words_stop_at_punctuation() {
        assert_eq!(word_before("flew to Jordan", 8), Some("to"));
        assert_eq!(word_before("Amman, Jordan", 7), None);
        assert_eq!(word_after("Jordan Peterson said", 6), Some("Peterson"));
        assert_eq!(word_after("Jordan, said", 6), None);
    }
}
