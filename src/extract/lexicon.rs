//! The claim lexicon: actions, ICD 203 likelihood terms, confidence and status values (and the
//! extractor's verb lists), read from `data/lexicon.toml`. Front matter validation and the claim
//! extractor share it, so a term is valid in both places or in neither.

use std::sync::OnceLock;

use serde::Deserialize;

use super::Likelihood;
use super::claims::cues::CueMatcher;

/// Compiled into the binary from `data/lexicon.toml`.
pub const LEXICON_TOML: &str = include_str!("../../data/lexicon.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct LikelihoodTerm {
    pub term: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub low: u8,
    pub high: u8,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ActionEntry {
    pub id: String,
    pub label: String,
    /// Cue verbs, every inflected form written out ("prefer", "prefers", "preferred" ...).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Cue nouns ("disinformation"): an adjective or possessive before them is an agent too.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// The kinds of actor a target must be (["person"]); a claim without such a target is
    /// dropped. Empty: any target, or none.
    #[serde(default)]
    pub target_kinds: Vec<String>,
    /// Whether the action has targets at all (a denial has none).
    #[serde(default = "yes")]
    pub takes_targets: bool,
    /// The STIX 2.1 relationship type the action maps to in `/data/stix.json` (`targets`,
    /// `impersonates`, or `related-to` when no specific STIX verb fits without overstating).
    #[serde(default = "related_to")]
    pub stix: String,
}

fn yes() -> bool {
    true
}

/// The claim extractor's function words (`[cues]` in the data file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CueWords {
    pub reporting: Vec<String>,
    pub according: Vec<String>,
    pub takedown: Vec<String>,
    pub takedown_action: String,
    pub linkers: Vec<String>,
    pub linker_suffixes: Vec<String>,
    /// Nouns of affiliation ("ties to"): a linker after a holder ("with"), a claim after a finder.
    pub link_nouns: Vec<String>,
    /// Words that make a following link noun a linker ("with ties to X", "had links to X").
    pub link_holders: Vec<String>,
    /// Verbs that make a following link noun a claim ("found links to X").
    pub link_finders: Vec<String>,
    pub assets: Vec<String>,
    pub agent_assets: Vec<String>,
    pub domain_suffixes: Vec<String>,
    pub efforts: Vec<String>,
    /// Fixed phrases whose verb is not its action ("paying attention"): read as plain words.
    pub idioms: Vec<String>,
    /// Words after a state that name its opponents ("Iranian opposition"): the state is no agent.
    pub opposition_words: Vec<String>,
    /// Words that make the phrase after a bare "from"/"by" a copied source, not an origin.
    pub genuine_words: Vec<String>,
    pub negations: Vec<String>,
    pub anaphors_plural: Vec<String>,
    pub anaphors_singular: Vec<String>,
    pub blockers: Vec<String>,
    pub prepositions: Vec<String>,
    pub coordinators: Vec<String>,
    pub passive_auxiliaries: Vec<String>,
    pub clause_breaks: Vec<String>,
    /// Nouns that make a phrase a plausible source when no registry actor is in it.
    pub source_nouns: Vec<String>,
    /// Words dropped from the end of a source phrase ("officials also").
    pub source_trailing: Vec<String>,
}

fn related_to() -> String {
    "related-to".to_string()
}

/// The vocabularies, as read from the data file.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    pub confidences: Vec<String>,
    pub statuses: Vec<String>,
    #[serde(rename = "likelihood")]
    pub likelihoods: Vec<LikelihoodTerm>,
    #[serde(rename = "action")]
    pub actions: Vec<ActionEntry>,
    #[serde(default)]
    pub cues: CueWords,
    /// The cue automaton, compiled once on first use (eagerly by [`Lexicon::builtin`]).
    #[serde(skip)]
    matcher: OnceLock<CueMatcher>,
}

impl Lexicon {
    /// The lexicon compiled into the binary, with its cue automaton built.
    pub fn builtin() -> Lexicon {
        let lexicon: Lexicon = toml::from_str(LEXICON_TOML).expect("data/lexicon.toml is valid");
        lexicon.matcher();
        lexicon
    }

    /// The single automaton over every cue word of the lexicon, built on first use.
    pub fn matcher(&self) -> &CueMatcher {
        self.matcher.get_or_init(|| CueMatcher::new(self))
    }

    pub fn is_action(&self, id: &str) -> bool {
        self.actions.iter().any(|a| a.id == id)
    }

    /// The human label of an action id ("hack_and_leak" -> "hack and leak").
    pub fn action_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|a| a.id == id)
            .map_or(id, |a| a.label.as_str())
    }

    /// The STIX relationship type of an action id; `related-to` for ids the lexicon lacks.
    pub fn stix_relationship(&self, id: &str) -> &str {
        self.actions
            .iter()
            .find(|a| a.id == id)
            .map_or("related-to", |a| a.stix.as_str())
    }

    /// Resolves an ICD 203 term or synonym (any case) to its canonical term and band.
    pub fn likelihood(&self, words: &str) -> Option<Likelihood> {
        let words = words.trim().to_lowercase();
        self.likelihoods
            .iter()
            .find(|l| l.term == words || l.synonyms.contains(&words))
            .map(|l| Likelihood {
                term: l.term.clone(),
                low: l.low,
                high: l.high,
            })
    }

    /// Every accepted likelihood phrase, for error messages.
    pub fn likelihood_terms(&self) -> Vec<&str> {
        self.likelihoods
            .iter()
            .flat_map(|l| {
                std::iter::once(l.term.as_str()).chain(l.synonyms.iter().map(String::as_str))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likelihood_synonyms_resolve_to_their_icd_203_band() {
        let lexicon = Lexicon::builtin();
        let l = lexicon.likelihood("Almost certainly").unwrap();
        assert_eq!((l.term.as_str(), l.low, l.high), ("almost certain", 95, 99));
        assert!(lexicon.likelihood("perhaps").is_none());
        assert!(lexicon.is_action("hack_and_leak"));
    }
}
