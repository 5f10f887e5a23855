//! Word-start scanning: finds the longest pattern that begins at a given word start by walking
//! an anchored automaton's transitions directly. Running an unanchored search instead makes
//! short patterns ("in", "it", "US") match inside most words, and each of those false matches
//! costs a return from the search loop; calling the high-level anchored search at every word
//! start costs more in setup than the walk itself.

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

/// Whether `c` is a letter or digit. Typographic quotes and dashes (General Punctuation,
/// U+2000 to U+206F) are common in news text and never are, so they skip the Unicode tables.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

/// A leftmost-longest automaton over a set of patterns, searched from chosen positions only.
#[derive(Debug, Clone)]
pub struct AnchoredPatterns {
    dfa: DFA,
    start: StateID,
    /// Which pairs of bytes can begin a pattern, as a bitset indexed by `first << 8 | second`
    /// (a one-byte pattern admits every second byte): most words are rejected here without
    /// walking the automaton.
    pairs: Box<[u64; 1024]>,
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
        let cases = |b: u8| {
            if ascii_case_insensitive {
                vec![b.to_ascii_lowercase(), b.to_ascii_uppercase()]
            } else {
                vec![b]
            }
        };
        let mut pairs = Box::new([0u64; 1024]);
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let Some(&b0) = pattern.first() else { continue };
            let seconds = match pattern.get(1) {
                Some(&b1) => cases(b1),
                None => (0..=255).collect(),
            };
            for first in cases(b0) {
                for &second in &seconds {
                    let i = usize::from(first) << 8 | usize::from(second);
                    pairs[i >> 6] |= 1 << (i & 63);
                }
            }
        }
        AnchoredPatterns { dfa, start, pairs }
    }

    /// Whether some pattern begins with the bytes at `at` (as far as the first two tell).
    #[inline]
    pub fn can_start_at(&self, haystack: &[u8], at: usize) -> bool {
        let second = haystack.get(at + 1).copied().unwrap_or(0);
        let i = usize::from(haystack[at]) << 8 | usize::from(second);
        self.pairs[i >> 6] >> (i & 63) & 1 == 1
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
        assert!(p.can_start_at(b"In", 0) && p.can_start_at(b"tHe", 0));
        assert!(!p.can_start_at(b"it", 0) && !p.can_start_at(b"h", 0));
        let one = AnchoredPatterns::new(&["a"], false);
        assert!(one.can_start_at(b"ax", 0) && one.can_start_at(b"a", 0));
        assert!(!one.can_start_at(b"A", 0));
    }

    #[test]
    fn letters_and_digits_of_any_script_are_word_chars_and_typographic_marks_are_not() {
        for c in ['a', 'Z', '7', 'é', 'Ж', '中', '⁰'] {
            assert!(is_word_char(c), "{c}");
        }
        for c in [' ', '-', '“', '’', '—', '…', '\u{2060}'] {
            assert!(!is_word_char(c), "{c}");
        }
    }
}
