//! The cue automaton: every word and phrase of the lexicon (action verbs and nouns, reporting
//! verbs, linkers, negations, anaphors, likelihood terms, function words) in one Aho-Corasick
//! automaton, built once and run once per block. It classifies words; it does not read sentences.

use crate::extract::Lexicon;
use crate::extract::scan::{AnchoredPatterns, is_word_char};

/// What a cue word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// An influence verb or noun; `action` indexes `Lexicon::actions`.
    Action {
        action: usize,
        noun: bool,
    },
    /// A platform removing assets ("Facebook removed pages tied to Iran").
    Takedown,
    /// An influence asset ("accounts", "pages"): a claim when an origin names its agent
    /// ("accounts tied to Iran"); `agent`: a demonym right before it is the agent too ("Russian trolls").
    Asset {
        agent: bool,
    },
    /// A noun of affiliation ("links to", "ties to"): a linker after "with" or "had", and a claim
    /// of the reported activity after a finding verb ("found links to X").
    LinkNoun,
    /// "efforts", "attempts": their owner is the agent of the action they lead to.
    Effort,
    /// The end of a web domain ("antifa.com"): an asset.
    DomainSuffix,
    /// A fixed phrase holding an action verb that is not the action ("paying attention"): the
    /// longest match wins over the verb alone, and the phrase is then read as a plain word.
    Idiom,
    Reporting,
    According,
    Linker,
    LinkerSuffix,
    Negation,
    AnaphorPlural,
    AnaphorSingular,
    Blocker,
    Preposition,
    Coordinator,
    PassiveAuxiliary,
    ClauseBreak,
    /// An ICD 203 term; `term` indexes `Lexicon::likelihoods`.
    Likelihood {
        term: usize,
    },
}

impl Cue {
    /// Cues that make a claim.
    pub fn is_action(self) -> bool {
        matches!(
            self,
            Cue::Action { .. }
                | Cue::Takedown
                | Cue::Asset { .. }
                | Cue::DomainSuffix
                | Cue::LinkNoun
        )
    }

    /// Cues after which the words are what someone says.
    pub fn opens_report(self) -> bool {
        matches!(self, Cue::Reporting | Cue::According | Cue::Takedown)
    }
}

/// One cue found in a block.
#[derive(Debug, Clone, Copy)]
pub struct CueMatch {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

/// The compiled automaton and, per pattern, what it means. Cue patterns are tried where a cue
/// can begin: at word starts, and anywhere for cues that begin with a sign ("-linked", ".com", "&").
#[derive(Debug, Clone)]
pub struct CueMatcher {
    patterns: AnchoredPatterns,
    cues: Vec<Cue>,
    /// First bytes of the cues that need no word start.
    anywhere: [bool; 256],
    /// Per first byte, the second bytes of the patterns (either case): a "." or "-" that no
    /// pattern goes on from ("end." or "well-known") is not searched. All bytes for a byte that
    /// is a pattern itself ("&").
    second: Box<[[u64; 4]; 256]>,
    /// ASCII bytes that are no part of a word and begin no cue.
    passes_over: [bool; 256],
    /// Index into `Lexicon::actions` of the action a takedown claims.
    pub takedown_action: Option<usize>,
}

impl CueMatcher {
    pub fn new(lexicon: &Lexicon) -> CueMatcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut cues: Vec<Cue> = Vec::new();
        let mut add = |words: &[String], cue: Cue| {
            for word in words {
                let word = word.to_lowercase();
                // The first list a phrase appears in wins (lists below are in priority order).
                if !word.is_empty() && !patterns.contains(&word) {
                    patterns.push(word);
                    cues.push(cue);
                }
            }
        };
        for (action, entry) in lexicon.actions.iter().enumerate() {
            add(
                &entry.verbs,
                Cue::Action {
                    action,
                    noun: false,
                },
            );
            add(&entry.nouns, Cue::Action { action, noun: true });
        }
        let words = &lexicon.cues;
        add(&words.idioms, Cue::Idiom);
        add(&words.takedown, Cue::Takedown);
        add(&words.reporting, Cue::Reporting);
        add(&words.according, Cue::According);
        for (term, l) in lexicon.likelihoods.iter().enumerate() {
            add(std::slice::from_ref(&l.term), Cue::Likelihood { term });
            add(&l.synonyms, Cue::Likelihood { term });
        }
        add(&words.linkers, Cue::Linker);
        add(&words.linker_suffixes, Cue::LinkerSuffix);
        add(&words.link_nouns, Cue::LinkNoun);
        add(&words.agent_assets, Cue::Asset { agent: true });
        add(&words.assets, Cue::Asset { agent: false });
        add(&words.efforts, Cue::Effort);
        add(&words.domain_suffixes, Cue::DomainSuffix);
        add(&words.negations, Cue::Negation);
        add(&words.anaphors_plural, Cue::AnaphorPlural);
        add(&words.anaphors_singular, Cue::AnaphorSingular);
        add(&words.blockers, Cue::Blocker);
        add(&words.coordinators, Cue::Coordinator);
        add(&words.passive_auxiliaries, Cue::PassiveAuxiliary);
        add(&words.clause_breaks, Cue::ClauseBreak);
        add(&words.prepositions, Cue::Preposition);
        let mut anywhere = [false; 256];
        for (pattern, cue) in patterns.iter().zip(&cues) {
            let suffix = matches!(cue, Cue::LinkerSuffix | Cue::DomainSuffix);
            if suffix || !pattern.starts_with(char::is_alphanumeric) {
                anywhere[pattern.as_bytes()[0] as usize] = true;
            }
        }
        let mut second = Box::new([[0u64; 4]; 256]);
        for pattern in &patterns {
            let bytes = pattern.as_bytes();
            let firsts = [bytes[0], bytes[0].to_ascii_uppercase()];
            for &first in &firsts {
                let set = &mut second[usize::from(first)];
                match bytes.get(1) {
                    None => *set = [u64::MAX; 4],
                    Some(&b) => {
                        for b in [b, b.to_ascii_uppercase()] {
                            set[usize::from(b >> 6)] |= 1 << (b & 63);
                        }
                    }
                }
            }
        }
        let passes_over =
            std::array::from_fn(|b| b < 0x80 && !(b as u8).is_ascii_alphanumeric() && !anywhere[b]);
        CueMatcher {
            patterns: AnchoredPatterns::new(&patterns, true),
            cues,
            anywhere,
            second,
            passes_over,
            takedown_action: lexicon
                .actions
                .iter()
                .position(|a| a.id == words.takedown_action),
        }
    }

    /// Whether some pattern may match at `at`, by its first two bytes.
    #[inline]
    fn may_begin(&self, bytes: &[u8], at: usize) -> bool {
        let set = &self.second[usize::from(bytes[at])];
        match bytes.get(at + 1) {
            Some(&b) => set[usize::from(b >> 6)] & (1 << (b & 63)) != 0,
            None => *set == [u64::MAX; 4],
        }
    }

    /// Every cue in `text` (a block), as whole words, left to right, without overlaps.
    pub fn find(&self, text: &str) -> Vec<CueMatch> {
        let mut found = Vec::new();
        self.find_into(text, &mut found);
        found
    }

    /// `find` into `found` (cleared first), whose room the caller reuses from block to block.
    pub fn find_into(&self, text: &str, found: &mut Vec<CueMatch>) {
        found.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut after_word = false;
        while i < bytes.len() {
            // Spaces and signs that begin no cue: passed over in a tight loop.
            if self.passes_over[bytes[i] as usize] {
                i += 1;
                while i < bytes.len() && self.passes_over[bytes[i] as usize] {
                    i += 1;
                }
                after_word = false;
                continue;
            }
            let b = bytes[i];
            let (is_word, width) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            };
            let word_start = is_word && !after_word;
            let (longest, next) = if word_start && b < 0x80 {
                // The rest of the word holds no cue start but a suffix's sign.
                self.patterns.longest_at_word(bytes, i)
            } else if word_start || (self.anywhere[b as usize] && self.may_begin(bytes, i)) {
                (self.patterns.longest_at(bytes, i), i + width)
            } else {
                (None, i + width)
            };
            if let Some((end, pattern)) = longest
                && let Some(cue) = whole_word(text, end, after_word, self.cues[pattern])
            {
                found.push(CueMatch { start: i, end, cue });
                i = end;
                after_word = is_word_byte(text, i, true);
                continue;
            }
            i = next;
            after_word = is_word;
            if is_word {
                // The rest of a word begun in another script: the same rule.
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
        }
    }
}

/// The cue of a match if it stands as whole words: suffixes ("-linked") need no word start,
/// and a domain ends a word that it does not start ("antifa.com", not ".com" alone).
/// `after_word`: whether the character before the match is part of a word.
#[inline]
fn whole_word(text: &str, end: usize, after_word: bool, cue: Cue) -> Option<Cue> {
    let starts_word = match cue {
        Cue::LinkerSuffix => true,
        Cue::DomainSuffix => after_word,
        _ => !after_word,
    };
    let ends_word = !is_word_byte(text, end, false);
    (starts_word && ends_word).then_some(cue)
}

/// Whether the character just before (`before`) or at `at` is part of a word. Runs for every
/// cue found, so the ASCII case stays inline and the rest is out of line.
#[inline(always)]
fn is_word_byte(text: &str, at: usize, before: bool) -> bool {
    let bytes = text.as_bytes();
    let byte = if before {
        at.checked_sub(1).map(|k| bytes[k])
    } else {
        bytes.get(at).copied()
    };
    match byte {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => is_word_char_near(text, at, before),
    }
}

#[cold]
#[inline(never)]
fn is_word_char_near(text: &str, at: usize, before: bool) -> bool {
    let c = if before {
        text[..at].chars().next_back()
    } else {
        text[at..].chars().next()
    };
    c.is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each cue found, in order.
    fn found(text: &str) -> Vec<&str> {
        let lexicon = Lexicon::builtin();
        lexicon
            .matcher()
            .find(text)
            .iter()
            .map(|c| &text[c.start..c.end])
            .collect()
    }

    #[test]
    fn cues_stand_as_whole_words_next_to_typographic_marks() {
        // "retargeted" and "targetedly" hold a cue but are other words; curly quotes and dashes
        // around a word do not join it to its neighbours.
        assert!(!found("They retargeted the ads").contains(&"targeted"));
        assert!(!found("ads targetedly placed").contains(&"targeted"));
        assert!(found("“targeted”—again").contains(&"targeted"));
        assert!(found("Éire targeted").contains(&"targeted"));
        assert!(!found("Étargeted").contains(&"targeted"));
    }

    #[test]
    fn suffixes_join_the_word_before_them_and_domains_end_one() {
        assert!(found("Kremlin-linked accounts").contains(&"-linked"));
        assert!(found("the site antifa.com posted").contains(&".com"));
        assert!(!found("the ending .com alone").contains(&".com"));
    }

    #[test]
    fn signs_that_begin_cues_are_read_in_either_case_and_at_the_end() {
        assert!(found("Kremlin-Linked accounts").contains(&"-Linked"));
        assert!(found("visit ANTIFA.COM now").contains(&".COM"));
        assert!(found("Russia & China").contains(&"&"));
        assert!(found("Russia &").contains(&"&"));
        assert!(found("a well-known site.com.").contains(&".com"));
    }
}
