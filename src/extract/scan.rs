//! Word-start scanning: finds the longest pattern that begins at a given word start. Running an
//! unanchored search instead makes short patterns ("in", "it", "US") match inside most words,
//! and each of those false matches costs a return from the search loop.
//!
//! Most words are looked up whole in a hash table of the patterns' first words (64 KB for the
//! cue lexicon, the slots of common words staying in the first-level cache); a byte trie of the
//! patterns (one structure for the gazetteer's names and the cue lexicon) is walked only where a
//! phrase may begin.

use std::collections::hash_map::Entry;

use crate::fasthash::FastMap;

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

/// Patterns searched from chosen positions only (word starts), longest first.
#[derive(Debug, Clone)]
pub struct AnchoredPatterns {
    trie: PrefixTrie,
    first_words: FirstWords,
}

impl AnchoredPatterns {
    /// Compiles `patterns`; with `ascii_case_insensitive`, ASCII letters match in either case.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> AnchoredPatterns {
        AnchoredPatterns {
            trie: PrefixTrie::new(patterns, ascii_case_insensitive),
            first_words: FirstWords::new(patterns, ascii_case_insensitive),
        }
    }

    /// For a word start `at`: the longest pattern that starts there unless it ends inside the
    /// run of ASCII letters and digits that begins there (a match that is no whole word), and
    /// where that run ends.
    #[inline(always)]
    pub fn longest_at_word(&self, haystack: &[u8], at: usize) -> (Option<(usize, usize)>, usize) {
        let (what, end) = self.first_words.at_word(haystack, at);
        let longest = match what {
            WordMatch::Known(longest) => longest,
            WordMatch::Search => self
                .longest_at(haystack, at)
                .filter(|&(match_end, _)| match_end >= end),
        };
        (longest, end)
    }

    /// The longest pattern that starts exactly at `at`, as (end, pattern index).
    #[inline]
    pub fn longest_at(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        self.trie.longest_at(haystack, at)
    }
}

/// A word's key: its first 16 bytes, case folded, zero-padded, as two integers.
type Key = [u64; 2];

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies in `lo..=hi` (all of `x`'s bytes below 0x80).
#[inline(always)]
fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x + ONES * u64::from(0x80 - lo);
    let above_hi = x + ONES * u64::from(0x7f - hi);
    at_least_lo & !above_hi & HIGHS
}

/// The high bit of each ASCII letter or digit among the eight bytes of `x`.
#[inline(always)]
fn alphanumeric_bytes(x: u64) -> u64 {
    let ascii = !x & HIGHS;
    let low = x & !HIGHS;
    (bytes_in(low, b'0', b'9') | bytes_in(low | (ONES * 0x20), b'a', b'z')) & ascii
}

/// The run of ASCII letters and digits at `at`: its key (none past 16 bytes) and its end.
/// Eight bytes are classified at a time, so a short word costs no branch per letter.
#[inline(always)]
fn word_key(haystack: &[u8], at: usize, fold: u64) -> (Option<Key>, usize) {
    let (first, len) = key_part(haystack, at, fold);
    if len < 8 {
        return (Some([first, 0]), at + len);
    }
    long_word_key(haystack, at, first, fold)
}

/// `word_key` past the first eight bytes.
#[inline(never)]
fn long_word_key(haystack: &[u8], at: usize, first: u64, fold: u64) -> (Option<Key>, usize) {
    let (second, len) = key_part(haystack, at + 8, fold);
    if len < 8 {
        return (Some([first, second]), at + 8 + len);
    }
    let rest = haystack[at + 16..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    (
        if rest == 0 {
            Some([first, second])
        } else {
            None
        },
        at + 16 + rest,
    )
}

/// The eight bytes at `from` up to the first that is no ASCII letter or digit, case folded
/// (`fold` is 0x20 in every byte, or 0), as an integer; and how many bytes that is.
#[inline(always)]
fn key_part(haystack: &[u8], from: usize, fold: u64) -> (u64, usize) {
    let x = match haystack.get(from..from + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => padded(haystack, from),
    };
    let alnum = alphanumeric_bytes(x);
    let len = (!alnum & HIGHS).trailing_zeros() as usize / 8;
    let kept = if len == 8 {
        u64::MAX
    } else {
        (1 << (len * 8)) - 1
    };
    ((x | (alnum >> 2) & fold) & kept, len)
}

/// How many ASCII letters and digits run from `at`, classified eight bytes at a time.
#[inline]
pub fn alphanumeric_run(haystack: &[u8], at: usize) -> usize {
    let mut from = at;
    loop {
        let (_, len) = key_part(haystack, from, 0);
        from += len;
        if len < 8 {
            return from.min(haystack.len()) - at;
        }
    }
}

/// The bytes from `from` to the end of `haystack` (fewer than eight), zero-padded.
#[cold]
fn padded(haystack: &[u8], from: usize) -> u64 {
    let mut eight = [0u8; 8];
    let rest = &haystack[from.min(haystack.len())..];
    eight[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(eight)
}

/// The first byte at or after `at` that is an ASCII capital or digit or not ASCII (or the
/// length of `bytes`): where a name can begin in running text. Eight bytes are tested at a time,
/// so the lowercase text between names costs no branch per byte.
pub fn next_capital_digit_or_non_ascii(bytes: &[u8], mut at: usize) -> usize {
    while let Some(eight) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let low = x & !HIGHS;
        let found = (bytes_in(low, b'A', b'Z') | bytes_in(low, b'0', b'9') | x) & HIGHS;
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| !(b.is_ascii_uppercase() || b.is_ascii_digit() || !b.is_ascii()))
        .count()
}

/// What the first-word table tells of a word start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// The longest pattern that starts there and ends at or after the end of the word's ASCII
    /// run, as (end, pattern index), or none.
    Known(Option<(usize, usize)>),
    /// A phrase may begin there, or the word goes on in another script: the automaton must
    /// search.
    Search,
}

/// What the run of ASCII letters and digits at a word start begins, among a set of patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstWord {
    /// No pattern that ends at or after the end of the run: no whole-word match starts here.
    None,
    /// The run is this pattern, and no longer pattern begins with it.
    Pattern(usize),
    /// A longer pattern begins with the run ("according" of "according to"): search there,
    /// unless `FirstWords::may_go_on` rules it out for the bytes after the run. `own`: the
    /// pattern that is the run itself; `follow` indexes the bytes the longer ones go on with.
    Phrase { own: Option<u32>, follow: u32 },
}

/// The first words of a set of patterns (each pattern's leading run of ASCII letters and
/// digits), keyed by their first 16 bytes in an open-addressing table: most words of running
/// text are told apart from every pattern with one lookup.
#[derive(Debug, Clone)]
pub struct FirstWords {
    slots: Box<[Slot]>,
    /// Bits of the table index.
    bits: u32,
    /// 0x20 in every byte when ASCII case is folded (ORed into letters; digits have that bit),
    /// else 0.
    fold: u64,
    /// What a word longer than 16 bytes begins: a phrase to walk if some first word is that
    /// long, else nothing.
    long_words: FirstWord,
    /// Per phrase first word, the bytes that the longer patterns go on with.
    follows: Vec<Follow>,
}

/// The first two bytes after a first word in the patterns that go on past it, as sets: the
/// search is skipped when the text goes on otherwise ("the" is followed by "two" in
/// "the two countries", so "the war" needs no search). Letters are in both cases when case is
/// folded.
#[derive(Debug, Clone)]
struct Follow {
    /// Bytes right after the word, other than a space.
    first: [u64; 4],
    /// Bytes right after a space after the word; all of them if a pattern ends with that space.
    after_space: [u64; 4],
}

impl Follow {
    /// Anything may follow, even nothing: the entry (index 0) of words too long for the table,
    /// which may be whole patterns themselves.
    const ANY: Follow = Follow {
        first: [u64::MAX; 4],
        after_space: [u64::MAX; 4],
    };

    fn add(&mut self, rest: &[u8], fold: bool) {
        let set = |bits: &mut [u64; 4], b: u8| {
            bits[usize::from(b >> 6)] |= 1 << (b & 63);
            if fold && b.is_ascii_alphabetic() {
                let other = b ^ 0x20;
                bits[usize::from(other >> 6)] |= 1 << (other & 63);
            }
        };
        match rest {
            [b' ', next, ..] => set(&mut self.after_space, *next),
            [b' '] => self.after_space = [u64::MAX; 4],
            [b, ..] => set(&mut self.first, *b),
            [] => {}
        }
    }
}

fn has(bits: &[u64; 4], b: u8) -> bool {
    bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// All zero for an empty slot (a word has a nonzero first byte).
    key: Key,
    what: FirstWord,
}

impl FirstWords {
    /// With `ascii_case_insensitive`, ASCII letters match in either case.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> FirstWords {
        let fold = if ascii_case_insensitive {
            ONES * 0x20
        } else {
            0
        };
        let mut long_words = FirstWord::None;
        // Per first word: the pattern that is the word itself, and what the longer ones go on with.
        let mut words: Vec<(Key, Option<usize>, Option<Follow>)> = Vec::new();
        let mut seen: FastMap<Key, usize> = FastMap::default();
        for (index, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            let (key, run) = word_key(pattern, 0, fold);
            let Some(key) = key.filter(|_| run > 0) else {
                if run > 0 {
                    long_words = FirstWord::Phrase {
                        own: None,
                        follow: 0,
                    };
                }
                continue;
            };
            let entry = match seen.entry(key) {
                Entry::Occupied(known) => *known.get(),
                Entry::Vacant(slot) => {
                    slot.insert(words.len());
                    words.push((key, None, None));
                    words.len() - 1
                }
            };
            let (_, own, follow) = &mut words[entry];
            if run == pattern.len() {
                own.get_or_insert(index);
            } else {
                follow
                    .get_or_insert(Follow {
                        first: [0; 4],
                        after_space: [0; 4],
                    })
                    .add(&pattern[run..], ascii_case_insensitive);
            }
        }
        let mut follows = vec![Follow::ANY];
        let words: Vec<(Key, FirstWord)> = words
            .into_iter()
            .map(|(key, own, follow)| {
                let what = match (own, follow) {
                    (Some(own), None) => FirstWord::Pattern(own),
                    (own, Some(follow)) => {
                        follows.push(follow);
                        FirstWord::Phrase {
                            own: own.map(|k| k as u32),
                            follow: (follows.len() - 1) as u32,
                        }
                    }
                    (None, None) => unreachable!("every entry has a pattern"),
                };
                (key, what)
            })
            .collect();
        // At most a quarter full, so that most lookups end at their first slot.
        let bits = (words.len() * 4)
            .next_power_of_two()
            .max(8)
            .trailing_zeros();
        let empty = Slot {
            key: [0; 2],
            what: FirstWord::None,
        };
        let mut slots = vec![empty; 1 << bits];
        for (key, what) in words {
            let mut i = slot_of(key, bits);
            while slots[i].key[0] != 0 {
                i = (i + 1) & (slots.len() - 1);
            }
            slots[i] = Slot { key, what };
        }
        FirstWords {
            slots: slots.into_boxed_slice(),
            bits,
            fold,
            long_words,
            follows,
        }
    }

    /// At a word start `at`: the pattern there if the table can tell, and where the run of
    /// ASCII letters and digits there ends.
    #[inline(always)]
    pub fn at_word(&self, haystack: &[u8], at: usize) -> (WordMatch, usize) {
        let (key, end) = word_key(haystack, at, self.fold);
        if haystack.get(end).is_some_and(|&b| !b.is_ascii()) {
            return (WordMatch::Search, end);
        }
        let known = match key.map_or(self.long_words, |k| self.get(k)) {
            FirstWord::None => Some(None),
            FirstWord::Pattern(pattern) => Some(Some((end, pattern))),
            // No phrase can go on with the bytes after the word: the word alone, if a pattern.
            FirstWord::Phrase { own, follow } if !self.may_go_on(follow, haystack, end) => {
                Some(own.map(|pattern| (end, pattern as usize)))
            }
            FirstWord::Phrase { .. } => None,
        };
        (known.map_or(WordMatch::Search, WordMatch::Known), end)
    }

    /// Whether a pattern longer than the first word of a `Phrase` may match where the word's
    /// run ends at `end`.
    #[inline(always)]
    fn may_go_on(&self, follow: u32, haystack: &[u8], end: usize) -> bool {
        let bytes = &self.follows[follow as usize];
        match haystack.get(end..) {
            Some([b' ', next, ..]) => has(&bytes.after_space, *next),
            Some([b' ']) => bytes.after_space == [u64::MAX; 4],
            Some([b, ..]) => has(&bytes.first, *b),
            // At the end of the text only the entry of words too long for the table may match.
            _ => follow == 0,
        }
    }

    #[inline]
    fn get(&self, key: Key) -> FirstWord {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.bits);
        loop {
            let slot = self.slots[i];
            if slot.key == key || slot.key[0] == 0 {
                return slot.what;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The table index of a key: the top bits of a multiplicative hash.
#[inline(always)]
fn slot_of(key: Key, bits: u32) -> usize {
    let hash = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    (hash >> (64 - bits)) as usize
}

/// The longest of many patterns that starts at a given position: a byte trie, walked from
/// its root. An anchored walk never follows an Aho-Corasick failure link, and computing those
/// links was most of the time it took to build the gazetteer's automaton of names (thousands of
/// patterns, built on every run); the trie builds in one pass over the sorted patterns.
#[derive(Debug, Clone)]
pub struct PrefixTrie {
    /// Whether ASCII letters match in either case (patterns are stored in lowercase).
    fold: bool,
    /// States in depth-first order; 0 is the root.
    states: Vec<TrieState>,
    /// Every state's transitions, each state's together and sorted by byte.
    bytes: Vec<u8>,
    targets: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct TrieState {
    /// This state's transitions: `bytes[first..first + count]`.
    first: u32,
    count: u32,
    /// The pattern that ends here, if any.
    pattern: Option<u32>,
}

impl PrefixTrie {
    /// Builds the trie; a pattern's index in `patterns` is what [`PrefixTrie::longest_at`]
    /// returns for it. Of two equal patterns, the first is kept. With `ascii_case_insensitive`,
    /// ASCII letters match in either case.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> PrefixTrie {
        let folded: Vec<Vec<u8>> = if ascii_case_insensitive {
            patterns
                .iter()
                .map(|p| p.as_ref().to_ascii_lowercase())
                .collect()
        } else {
            Vec::new()
        };
        let pattern = |i: u32| match folded.get(i as usize) {
            Some(lower) => lower.as_slice(),
            None => patterns[i as usize].as_ref(),
        };
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_by(|&a, &b| pattern(a).cmp(pattern(b)));
        let text = |k: u32| pattern(order[k as usize]);
        let mut trie = PrefixTrie {
            fold: ascii_case_insensitive,
            states: Vec::new(),
            bytes: Vec::new(),
            targets: Vec::new(),
        };
        // Depth first: a state is the run of sorted patterns that share its first `depth`
        // bytes, numbered before its children, and its transitions are reserved together before
        // theirs. A name's states and transitions then lie in the order a walk reads them, a
        // few cache lines apart, where breadth-first order put every step in a line of its own.
        let mut stack = vec![(0u32, order.len() as u32, 0usize, None::<usize>)];
        let mut children = Vec::new();
        while let Some((mut from, to, depth, slot)) = stack.pop() {
            if let Some(slot) = slot {
                trie.targets[slot] = trie.states.len() as u32;
            }
            let mut pattern = None;
            // Patterns that end here sort first; a duplicate of the first is dropped.
            while from < to && text(from).len() == depth {
                pattern = pattern.or(Some(order[from as usize]));
                from += 1;
            }
            let first = trie.bytes.len() as u32;
            children.clear();
            while from < to {
                let byte = text(from)[depth];
                let mut end = from + 1;
                while end < to && text(end)[depth] == byte {
                    end += 1;
                }
                trie.bytes.push(byte);
                trie.targets.push(0);
                children.push((from, end));
                from = end;
            }
            trie.states.push(TrieState {
                first,
                count: trie.bytes.len() as u32 - first,
                pattern,
            });
            // Reversed, so that the first child is the next state numbered.
            for (k, &(from, end)) in children.iter().enumerate().rev() {
                stack.push((from, end, depth + 1, Some(first as usize + k)));
            }
        }
        trie
    }

    /// The longest pattern that `haystack[at..]` begins with, as (end, pattern index).
    #[inline]
    pub fn longest_at(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut state = self.states[0];
        let mut best = None;
        for (i, &b) in haystack[at..].iter().enumerate() {
            let b = if self.fold { b.to_ascii_lowercase() } else { b };
            let range = state.first as usize..(state.first + state.count) as usize;
            let Ok(k) = self.bytes[range.clone()].binary_search(&b) else {
                break;
            };
            state = self.states[self.targets[range.start + k] as usize];
            if let Some(p) = state.pattern {
                best = Some((at + i + 1, p as usize));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_trie_finds_the_longest_pattern_at_a_position() {
        let patterns = ["Russia", "Russian", "Ru", "Iran", "Ivory Coast", "Russia"];
        let trie = PrefixTrie::new(&patterns, false);
        let text = b"The Russian and Ivory Coast and Irani and Rus";
        assert_eq!(trie.longest_at(text, 4), Some((11, 1)));
        assert_eq!(trie.longest_at(text, 16), Some((27, 4)));
        assert_eq!(trie.longest_at(text, 32), Some((36, 3)));
        assert_eq!(trie.longest_at(text, 42), Some((44, 2)));
        assert_eq!(trie.longest_at(text, 0), None);
        assert_eq!(trie.longest_at(b"Russia", 0), Some((6, 0)));
        assert_eq!(
            PrefixTrie::new::<&str>(&[], false).longest_at(b"Russia", 0),
            None
        );
    }

    #[test]
    fn longest_pattern_at_a_position() {
        let p = AnchoredPatterns::new(&["in", "into", "inter", "he", "the two"], true);
        let text = b"Into the interior";
        assert_eq!(p.longest_at(text, 0), Some((4, 1)));
        assert_eq!(p.longest_at(text, 9), Some((14, 2)));
        assert_eq!(p.longest_at(text, 14), None);
        // "he" ends inside "the" but does not start where the search does.
        assert_eq!(p.longest_at(text, 5), None);
    }

    #[test]
    fn whole_words_are_looked_up_and_phrases_walked() {
        let p = AnchoredPatterns::new(&["in", "into", "the", "the two", "state-run", "x"], true);
        let text = b"Into the two INTO; state-run in internal x";
        // (match, end of the word's ASCII run) at each word start.
        assert_eq!(p.longest_at_word(text, 0), (Some((4, 1)), 4));
        assert_eq!(p.longest_at_word(text, 5), (Some((12, 3)), 8));
        assert_eq!(p.longest_at_word(text, 13), (Some((17, 1)), 17));
        assert_eq!(p.longest_at_word(text, 19), (Some((28, 4)), 24));
        assert_eq!(p.longest_at_word(text, 29), (Some((31, 0)), 31));
        // "in" ends inside "internal": no whole word.
        assert_eq!(p.longest_at_word(text, 32), (None, 40));
        assert_eq!(p.longest_at_word(text, 41), (Some((42, 5)), 42));
        // A word that goes on in another script is walked as a whole.
        assert_eq!(p.longest_at_word("intoé".as_bytes(), 0), (Some((4, 1)), 4));
        // Eight and sixteen bytes fill the key's halves; a longer word is no first word here.
        let long = AnchoredPatterns::new(&["abcdefgh", "abcdefghijklmnop", "abcdefghi"], true);
        let text = b"ABCDEFGH abcdefghijklmnop abcdefghijklmnopq abcdefghi abcdefgh7";
        assert_eq!(long.longest_at_word(text, 0), (Some((8, 0)), 8));
        assert_eq!(long.longest_at_word(text, 9), (Some((25, 1)), 25));
        assert_eq!(long.longest_at_word(text, 26), (None, 43));
        assert_eq!(long.longest_at_word(text, 44), (Some((53, 2)), 53));
        assert_eq!(long.longest_at_word(text, 54), (None, 63));
        let exact = AnchoredPatterns::new(&["US"], false);
        assert_eq!(exact.longest_at_word(b"US", 0), (Some((2, 0)), 2));
        assert_eq!(exact.longest_at_word(b"us", 0), (None, 2));
    }

    #[test]
    fn a_word_lookup_finds_what_the_walk_finds() {
        let patterns = [
            "in",
            "into",
            "said",
            "according to",
            "according",
            "pro-kremlin",
            "pro",
            "e",
            "d9",
            "tied to",
            "x-ray",
            "abcdefghijklmnopqrst",
            "co.",
            "u.s.",
            "the",
            "the two",
            "the state",
            "as ",
            "on behalf of",
        ];
        let p = AnchoredPatterns::new(&patterns, true);
        // Phrase words followed by what their phrases go on with, by something else, by the
        // end of the text, in either case.
        let texts = [
            "Into, according to SAID pro-Kremlin pro e D9 d9x tied to; x-ray x \
             abcdefghijklmnopqrstu abcdefghijklmnopqrst co. U.S. u.s inä said",
            "The Two, the twofold the war THE STATE the state's the-state as well on behalf of on \
             top tied up tied, according",
            "as ",
            "as",
            "the ",
            "on",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                if !bytes[at].is_ascii_alphanumeric()
                    || at > 0 && bytes[at - 1].is_ascii_alphanumeric()
                {
                    continue;
                }
                let run_end = at
                    + bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                let walked = p.longest_at(bytes, at);
                let expected = walked.filter(|&(end, _)| end >= run_end);
                assert_eq!(
                    p.longest_at_word(bytes, at),
                    (expected, run_end),
                    "{text:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn capitals_digits_and_other_scripts_are_found_past_lowercase_text() {
        let text = "the quick brown fox jumps over, the Lazy dog 9 times é.".as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            at = next_capital_digit_or_non_ascii(text, at);
            found.push(at);
            at += 1;
        }
        let expected: Vec<usize> = (0..text.len())
            .filter(|&i| text[i].is_ascii_uppercase() || text[i].is_ascii_digit() || text[i] > 127)
            .chain([text.len()])
            .collect();
        assert_eq!(found, expected);
        assert_eq!(expected.len(), 5);
        assert_eq!(next_capital_digit_or_non_ascii(b"abc", 0), 3);
        assert_eq!(next_capital_digit_or_non_ascii(b"abc", 3), 3);
        assert_eq!(next_capital_digit_or_non_ascii(b"abcdefghijklmnoP", 2), 15);
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
