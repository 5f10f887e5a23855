//! Word-start scanning: finds the longest pattern that begins at a given word start by walking
//! an anchored automaton's transitions directly. Running an unanchored search instead makes
//! short patterns ("in", "it", "US") match inside most words, and each of those false matches
//! costs a return from the search loop; calling the high-level anchored search at every word
//! start costs more in setup than the walk itself.

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

/// A leftmost-longest automaton over a set of patterns, searched from chosen positions only.
#[derive(Debug, Clone)]
pub struct AnchoredPatterns {
    dfa: DFA,
    start: StateID,
    /// Which bytes can begin a pattern.
    first_bytes: [bool; 256],
}

impl AnchoredPatterns {
    /// Compiles `patterns`; with `ascii_case_insensitive`, ASCII letters match in either case.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> AnchoredPatterns {
        let dfa = DFA::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .ascii_case_insensitive(ascii_case_insensitive)
            .build(patterns)
            .expect("patterns compile into an automaton");
        let start = dfa
            .start_state(Anchored::Yes)
            .expect("an anchored start state was asked for");
        let mut first_bytes = [false; 256];
        for pattern in patterns {
            if let Some(&b) = pattern.as_ref().first() {
                first_bytes[b as usize] = true;
                if ascii_case_insensitive {
                    first_bytes[b.to_ascii_lowercase() as usize] = true;
                    first_bytes[b.to_ascii_uppercase() as usize] = true;
                }
            }
        }
        AnchoredPatterns {
            dfa,
            start,
            first_bytes,
        }
    }

    /// Whether some pattern begins with `byte`.
    #[inline]
    pub fn can_start(&self, byte: u8) -> bool {
        self.first_bytes[byte as usize]
    }

    /// The longest pattern that starts exactly at `at`, as (end, pattern index).
    #[inline]
    pub fn longest_at(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut sid = self.start;
        let mut best = None;
        for (i, &b) in haystack[at..].iter().enumerate() {
            sid = self.dfa.next_state(Anchored::Yes, sid, b);
            if self.dfa.is_special(sid) {
                if self.dfa.is_dead(sid) {
                    break;
                }
                // A state's matches include those of its suffixes ("he" after "the"), which
                // start later: keep only a pattern that spans from `at`.
                if self.dfa.is_match(sid) {
                    let end = at + i + 1;
                    let pattern = self.dfa.match_pattern(sid, 0);
                    if end - self.dfa.pattern_len(pattern) == at {
                        best = Some((end, pattern.as_usize()));
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_pattern_at_a_position() {
        let p = AnchoredPatterns::new(&["in", "into", "inter", "he", "the two"], true);
        let text = b"Into the interior";
        assert_eq!(p.longest_at(text, 0), Some((4, 1)));
        assert_eq!(p.longest_at(text, 9), Some((14, 2)));
        assert_eq!(p.longest_at(text, 14), None);
        // "he" ends inside "the" but does not start where the search does.
        assert_eq!(p.longest_at(text, 5), None);
        assert!(p.can_start(b'I') && p.can_start(b'i') && !p.can_start(b'r'));
    }
}
