//! The gazetteer: every name, alias, capital, demonym and metonym of the registry, compiled once
//! per build into a trie searched at word starts (and a small automaton for the few patterns
//! that start in lowercase), with what each pattern means in a table indexed by pattern id.
//! Building only: scanning text is `mentions.rs`'s job.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use unicode_normalization::UnicodeNormalization;

use super::MatchKind;
use super::context::{self, ContextRule};
use super::places::{self, PlacesFile};
use super::scan::{FirstWords, PrefixTrie};
use crate::fasthash::FastMap;
use crate::registry::{ActorKind, Registry};

/// Suffixes skipped when taking a person's surname from the last token of the name.
const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// When a pattern's mention holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    Always,
    /// An ambiguous country term: the context rule of this slot decides.
    Context(u16),
    /// A bare surname: only after the person was named earlier in the article.
    AfterFullName,
}

/// One meaning of a pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Role {
    Mention {
        actor: u32,
        how: MatchKind,
        gate: Gate,
        /// This unambiguous term supports the ambiguous names of the country in this slot.
        supports: Option<u16>,
    },
    /// Evidence for (or, with `against`, against) the ambiguous names of a country.
    Cue { slot: u16, against: bool },
}

/// What a pattern means: its roles, best first, as a range into `Gazetteer::roles`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PatternInfo {
    pub roles_start: u32,
    pub roles_end: u32,
    /// A two-letter all-caps acronym ("US", "EU"): skipped inside all-caps runs of words.
    pub short_acronym: bool,
    /// Some role is a mention (otherwise the pattern is only a cue).
    pub names_actor: bool,
}

/// Compiled once per build from the registry and shared read-only by all threads.
pub struct Gazetteer<'r> {
    /// Patterns that start with anything but a lowercase letter (nearly all of them: names,
    /// acronyms, demonyms). Searched anchored, only at word starts whose first byte can begin one,
    /// so the scan skips the lowercase running text that makes up most of an article.
    pub(crate) names: NameSet,
    /// The few patterns that start in lowercase ("al-Qaeda", "von der Leyen", context cues such as
    /// "swing state"), searched unanchored over the whole text.
    pub(crate) lowercase: PatternSet,
    /// Which first bytes can begin a pattern of `names`.
    pub(crate) starts: [bool; 256],
    /// Whether every ASCII byte of `starts` is a capital or digit, so that the scan may jump
    /// between those (true of the built-in registry; a site actor named "#Hashtag" turns it off).
    pub(crate) starts_capital_or_digit: bool,
    /// The first words of `names` (indexed as its automaton's patterns), so that most
    /// capitalised words are passed over without entering the automaton.
    pub(crate) first_names: FirstWords,
    pub(crate) patterns: Vec<PatternInfo>,
    pub(crate) roles: Vec<Role>,
    /// Actor ids, indexed by `Role::Mention::actor`, borrowed from the registry.
    pub(crate) actor_ids: Vec<&'r str>,
    /// Context rules, indexed by slot.
    pub(crate) rules: Vec<ContextRule>,
}

/// An automaton over the patterns searched everywhere in the text, with the global id of each.
pub(crate) struct PatternSet {
    pub automaton: AhoCorasick,
    pub ids: Vec<u32>,
}

impl PatternSet {
    fn new(texts: &[String], ids: Vec<u32>) -> PatternSet {
        let automaton = AhoCorasick::builder()
            .match_kind(AcMatchKind::LeftmostLongest)
            // The contiguous NFA builds in tens of milliseconds; a full DFA scans faster but
            // takes several hundred milliseconds to build, more than it saves.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(ids.iter().map(|&i| &texts[i as usize]))
            .expect("gazetteer patterns compile");
        PatternSet { automaton, ids }
    }
}

/// The patterns searched only at word starts, with the global id of each.
pub(crate) struct NameSet {
    pub trie: PrefixTrie,
    pub ids: Vec<u32>,
}

/// Collects patterns and their roles in a deterministic order before compiling.
#[derive(Default)]
struct Builder<'r> {
    index: FastMap<String, usize>,
    texts: Vec<String>,
    roles: Vec<Vec<Role>>,
    actor_ids: Vec<&'r str>,
}

impl<'r> Builder<'r> {
    fn actor(&mut self, id: &'r str) -> u32 {
        self.actor_ids.push(id);
        (self.actor_ids.len() - 1) as u32
    }

    /// Adds a phrase that names no one, so the names inside it do not match.
    fn add_phrase(&mut self, text: &str) {
        for variant in variants(text.trim()) {
            if !self.index.contains_key(&variant) {
                self.index.insert(variant.clone(), self.texts.len());
                self.texts.push(variant);
                self.roles.push(Vec::new());
            }
        }
    }

    /// Adds `text` (and its NFC, NFD and apostrophe variants) with one more role.
    fn add(&mut self, text: &str, role: Role) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        for variant in variants(text) {
            let i = match self.index.get(&variant) {
                Some(&i) => i,
                None => {
                    self.index.insert(variant.clone(), self.texts.len());
                    self.texts.push(variant);
                    self.roles.push(Vec::new());
                    self.texts.len() - 1
                }
            };
            let same_actor = |r: &Role| match (r, &role) {
                (Role::Mention { actor: a, .. }, Role::Mention { actor: b, .. }) => a == b,
                (
                    Role::Cue {
                        slot: a,
                        against: x,
                    },
                    Role::Cue {
                        slot: b,
                        against: y,
                    },
                ) => a == b && x == y,
                _ => false,
            };
            if !self.roles[i].iter().any(same_actor) {
                self.roles[i].push(role);
            }
        }
    }
}

/// The spellings under which a term can appear in text: as given, NFC, NFD, with straight or
/// curly apostrophes. Matching the variants means the text never needs normalising, so every
/// span is a span of the original text.
fn variants(text: &str) -> Vec<String> {
    fn push(out: &mut Vec<String>, s: String) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    let mut out = vec![text.to_string()];
    // ASCII is its own NFC and NFD; most of the registry's terms are ASCII, and normalising
    // them all was a third of building the gazetteer, which every build waits for.
    if !text.is_ascii() {
        push(&mut out, text.nfc().collect());
        push(&mut out, text.nfd().collect());
    }
    for i in 0..out.len() {
        let s = out[i].clone();
        if s.contains('\'') {
            push(&mut out, s.replace('\'', "\u{2019}"));
        }
        if s.contains('\u{2019}') {
            push(&mut out, s.replace('\u{2019}', "'"));
        }
    }
    out
}

/// "US" -> "U.S.", "USA" -> "U.S.A.": dotted spellings of all-caps codes listed as names.
fn dotted(code: &str) -> Option<String> {
    let short = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
    short.then(|| code.chars().flat_map(|c| [c, '.']).collect())
}

/// A person's surname: the last token of the name that is not a suffix such as "Jr.".
fn surname(name: &str) -> Option<&str> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.len() < 2 {
        return None;
    }
    let last = tokens
        .iter()
        .rev()
        .map(|t| t.trim_end_matches(','))
        .find(|t| !NAME_SUFFIXES.contains(t))?;
    let ok = last.chars().count() >= 3 && last.chars().next().is_some_and(char::is_uppercase);
    (ok && last != tokens[0]).then_some(last)
}

impl<'r> Gazetteer<'r> {
    pub fn new(registry: &'r Registry) -> Gazetteer<'r> {
        Gazetteer::with_data(registry, context::builtin_rules(), places::builtin_places())
    }

    /// A gazetteer with the given context rules and places instead of the built-in ones.
    pub fn with_data(
        registry: &'r Registry,
        rules: Vec<ContextRule>,
        places: PlacesFile,
    ) -> Gazetteer<'r> {
        let mut b = Builder::default();
        let countries = registry.countries();
        // A slot for every country that has ambiguous terms or context rules.
        let mut slot_rules: Vec<ContextRule> = Vec::new();
        let mut slot_of: FastMap<&str, u16> = FastMap::default();
        for country in countries {
            let rule = rules.iter().find(|r| r.code == country.code);
            if country.ambiguous.is_empty() && rule.is_none() {
                continue;
            }
            let mut rule = rule.cloned().unwrap_or_default();
            rule.code = country.code.clone();
            for term in &country.ambiguous {
                if !rule.ambiguous.contains(term) {
                    rule.ambiguous.push(term.clone());
                }
            }
            slot_of.insert(&country.code, slot_rules.len() as u16);
            slot_rules.push(rule);
        }

        let mut deferred: Vec<(String, Role)> = Vec::new();
        let mut state_of: FastMap<&str, (u32, Option<u16>)> = FastMap::default();
        for country in countries {
            let actor = b.actor(&country.slug);
            let slot = slot_of.get(country.code.as_str()).copied();
            state_of.insert(&country.code, (actor, slot));
            let ambiguous = |t: &str| {
                slot.is_some_and(|s| slot_rules[s as usize].ambiguous.iter().any(|a| a == t))
            };
            let codes = [country.code.as_str(), country.alpha3.as_str()];
            let mut terms: Vec<(String, MatchKind)> = vec![(country.name.clone(), MatchKind::Name)];
            for name in &country.names {
                let undotted = name.replace('.', "");
                if codes.contains(&undotted.as_str()) || dotted(&undotted).is_some() {
                    terms.push((name.clone(), MatchKind::Code));
                    if let Some(d) = dotted(name) {
                        terms.push((d, MatchKind::Code));
                    }
                } else {
                    terms.push((name.clone(), MatchKind::Name));
                }
            }
            let lists = [
                (&country.capitals, MatchKind::Capital),
                (&country.metonyms, MatchKind::Metonym),
                (&country.demonyms, MatchKind::Demonym),
            ];
            for (list, how) in lists {
                terms.extend(list.iter().map(|t| (t.clone(), how)));
            }
            for (term, how) in terms {
                let role = if ambiguous(&term) {
                    Role::Mention {
                        actor,
                        how,
                        gate: Gate::Context(slot.unwrap_or(0)),
                        supports: None,
                    }
                } else {
                    Role::Mention {
                        actor,
                        how,
                        gate: Gate::Always,
                        supports: slot,
                    }
                };
                b.add(&term, role);
                deferred.push((term, role));
            }
        }
        for (slot, rule) in slot_rules.iter().enumerate() {
            for (cues, against) in [(&rule.cues, false), (&rule.against, true)] {
                for cue in cues {
                    b.add(
                        cue,
                        Role::Cue {
                            slot: slot as u16,
                            against,
                        },
                    );
                }
            }
        }
        for actor in registry.actors().filter(|a| a.kind != ActorKind::State) {
            let id = b.actor(&actor.id);
            let always = |how| Role::Mention {
                actor: id,
                how,
                gate: Gate::Always,
                supports: None,
            };
            b.add(&actor.name, always(MatchKind::Name));
            deferred.push((actor.name.clone(), always(MatchKind::Name)));
            for alias in &actor.aliases {
                b.add(alias, always(MatchKind::Alias));
                deferred.push((alias.clone(), always(MatchKind::Alias)));
            }
        }
        // Places and institutions after actors, so an actor of that name keeps it.
        for entry in &places.country {
            let Some(&(actor, supports)) = state_of.get(entry.code.as_str()) else {
                continue;
            };
            for (list, how) in [
                (&entry.places, MatchKind::Name),
                (&entry.institutions, MatchKind::Metonym),
            ] {
                for term in list {
                    let role = Role::Mention {
                        actor,
                        how,
                        gate: Gate::Always,
                        supports,
                    };
                    b.add(term, role);
                    deferred.push((term.clone(), role));
                }
            }
        }
        for phrase in &places.phrases.not_names {
            b.add_phrase(phrase);
        }
        // Surnames after every full name and alias, so an alias anywhere beats a surname.
        for actor in registry.actors().filter(|a| a.kind == ActorKind::Person) {
            if let Some(last) = surname(&actor.name) {
                let id = b
                    .actor_ids
                    .iter()
                    .rposition(|x| *x == actor.id)
                    .unwrap_or(0) as u32;
                let role = Role::Mention {
                    actor: id,
                    how: MatchKind::Surname,
                    gate: Gate::AfterFullName,
                    supports: None,
                };
                b.add(last, role);
                deferred.push((last.to_string(), role));
            }
        }
        // ALL-CAPS spellings of names ("RUSSIA PREFERS TRUMP"), after everything else so that a
        // real acronym keeps its own meaning first.
        for (term, role) in deferred {
            let upper = term.to_uppercase();
            if upper != term && term.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                b.add(&upper, role);
            }
        }

        let mut roles = Vec::new();
        let mut patterns = Vec::with_capacity(b.texts.len());
        for (text, mut list) in b.texts.iter().zip(b.roles) {
            // Unconditional meanings first, then context-dependent ones, then surnames.
            list.sort_by_key(|r| match r {
                Role::Mention {
                    gate: Gate::Always, ..
                } => 0,
                Role::Mention {
                    gate: Gate::Context(_),
                    ..
                } => 1,
                Role::Mention {
                    gate: Gate::AfterFullName,
                    ..
                } => 2,
                Role::Cue { .. } => 3,
            });
            let start = roles.len() as u32;
            let names_actor = list.iter().any(|r| matches!(r, Role::Mention { .. }));
            roles.extend(list);
            patterns.push(PatternInfo {
                roles_start: start,
                roles_end: roles.len() as u32,
                short_acronym: text.len() == 2 && text.bytes().all(|c| c.is_ascii_uppercase()),
                names_actor,
            });
        }
        let (lower, upper): (Vec<u32>, Vec<u32>) = (0..b.texts.len() as u32)
            .partition(|&i| b.texts[i as usize].starts_with(char::is_lowercase));
        let mut starts = [false; 256];
        for &i in &upper {
            starts[b.texts[i as usize].as_bytes()[0] as usize] = true;
        }
        let starts_capital_or_digit = (0..128u8)
            .filter(|&b| starts[usize::from(b)])
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        let upper_texts: Vec<&str> = upper
            .iter()
            .map(|&i| b.texts[i as usize].as_str())
            .collect();
        Gazetteer {
            first_names: FirstWords::new(&upper_texts, false),
            starts_capital_or_digit,
            names: NameSet {
                trie: PrefixTrie::new(&upper_texts, false),
                ids: upper,
            },
            lowercase: PatternSet::new(&b.texts, lower),
            starts,
            patterns,
            roles,
            actor_ids: b.actor_ids,
            rules: slot_rules,
        }
    }

    /// How many distinct patterns (spellings) the automaton holds.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    pub(crate) fn roles(&self, pattern: usize) -> &[Role] {
        let p = &self.patterns[pattern];
        &self.roles[p.roles_start as usize..p.roles_end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_is_the_last_token_without_suffixes() {
        assert_eq!(surname("Donald Trump"), Some("Trump"));
        assert_eq!(surname("Martin Luther King Jr."), Some("King"));
        assert_eq!(surname("Madonna"), None);
    }

    #[test]
    fn dotted_forms_of_short_codes() {
        assert_eq!(dotted("US").as_deref(), Some("U.S."));
        assert_eq!(dotted("USA").as_deref(), Some("U.S.A."));
        assert_eq!(dotted("Russia"), None);
    }

    #[test]
    fn variants_cover_decomposed_accents_and_curly_apostrophes() {
        let v = variants("Côte d'Ivoire");
        assert!(v.contains(&"Co\u{302}te d'Ivoire".to_string()));
        assert!(v.contains(&"Côte d\u{2019}Ivoire".to_string()));
    }
}
