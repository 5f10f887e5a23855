//! Sentence splitting that survives abbreviations, initials, decimals and closing quotes.
//! A scanner over terminators (`.`, `?`, `!`, `…`) with a few rules; the abbreviation lists live
//! in `data/lexicon.toml` (`[sentences]`). It does not parse: it only decides where to cut.

use std::sync::OnceLock;

use serde::Deserialize;

use super::lexicon::LEXICON_TOML;
use crate::fasthash::FastSet;
use crate::memscan::Candidates;

/// The `[sentences]` table of `data/lexicon.toml`.
#[derive(Debug, Deserialize)]
struct SentenceRules {
    abbreviations: Vec<String>,
    abbreviations_may_end: Vec<String>,
    openers: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct LexiconSentences {
    sentences: SentenceRules,
}

/// The rules as sets, built once per process.
struct Rules {
    never_end: FastSet<String>,
    may_end: FastSet<String>,
    openers: FastSet<String>,
    /// The longest abbreviation, in bytes: longer words are looked up in neither set.
    longest: usize,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let file: LexiconSentences =
            toml::from_str(LEXICON_TOML).expect("data/lexicon.toml has a valid [sentences] table");
        let with_capital = |words: &[String]| -> FastSet<String> {
            let mut set = FastSet::default();
            for w in words {
                set.insert(w.clone());
                let mut chars = w.chars();
                if let Some(first) = chars.next() {
                    set.insert(first.to_uppercase().chain(chars).collect());
                }
            }
            set
        };
        let rules = file.sentences;
        let never_end = with_capital(&rules.abbreviations);
        let may_end = with_capital(&rules.abbreviations_may_end);
        Rules {
            longest: never_end
                .iter()
                .chain(&may_end)
                .map(String::len)
                .max()
                .unwrap_or(0),
            never_end,
            may_end,
            openers: rules.openers.into_iter().collect(),
        }
    })
}

/// A quotation or short parenthesis in which a terminator does not end the sentence.
struct Protected {
    open: usize,
    close_end: usize,
}

/// Longest parenthesis (in bytes) inside which we never split.
const SHORT_PAREN: usize = 120;
/// Longest quotation inside which we never split (longer ones are split as usual).
const LONG_QUOTE: usize = 1200;

fn protected_regions(text: &str) -> Vec<Protected> {
    let mut regions = Vec::new();
    let mut openers = Candidates::new(text.as_bytes(), [b'(', b'[', b'"']);
    let mut at = 0;
    while let Some(pos) = openers.next(at) {
        at = pos + 1;
        let c = text[pos..].chars().next().expect("a char starts here");
        let prev = text[..pos].chars().next_back();
        let closer = match c {
            '“' => '”',
            '"' if prev.is_none_or(is_open_context) => '"',
            '(' => ')',
            '[' => ']',
            _ => continue,
        };
        let limit = if c == '(' || c == '[' {
            SHORT_PAREN
        } else {
            LONG_QUOTE
        };
        let body = pos + c.len_utf8();
        if let Some(close) = text[body..].find(closer).map(|k| body + k)
            && close + closer.len_utf8() - pos <= limit
        {
            let close_end = close + closer.len_utf8();
            regions.push(Protected {
                open: pos,
                close_end,
            });
            at = close_end;
        }
    }
    regions
}

fn is_open_context(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '(' | '[' | '—' | '–' | '-' | ':')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Byte ranges of the sentences of a block, without surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    split_sentences_through(text, usize::MAX, &mut sentences);
    sentences
}

/// The first sentences of a block, up to the one holding byte `through`: the same ranges as
/// `split_sentences` gives them, for a reader with nothing to look for past that byte. They are
/// written into `sentences` (cleared first), whose room the caller reuses.
pub fn split_sentences_through(text: &str, through: usize, sentences: &mut Vec<(usize, usize)>) {
    let rules = rules();
    let regions = protected_regions(text);
    sentences.clear();
    let mut start = skip_space(text, 0);
    let mut stops = Candidates::new(text.as_bytes(), [b'.', b'?', b'!']);
    let mut at = 0;
    // Terminators are ASCII except "…" (E2 80 A6): jump from one candidate byte to the next.
    while let Some(i) = stops.next(at) {
        let c = text[i..].chars().next().expect("a char starts here");
        at = i + c.len_utf8();
        if !is_terminator(c) || i < start {
            continue;
        }
        // The run of terminators ("?!", "...") and the quotes and brackets that close after it.
        let mut end = at;
        let mut single_stop = c == '.';
        for n in text[end..].chars() {
            if is_terminator(n) {
                single_stop = false;
            } else if !is_closer(n) {
                break;
            }
            end += n.len_utf8();
        }
        at = end;
        let next = skip_space(text, end);
        if next >= text.len() {
            break;
        }
        if next == end {
            continue; // "3.5", "U.S.-China", "e.g.,"
        }
        if regions.iter().any(|r| r.open < i && r.close_end > end) {
            continue; // a quotation or short parenthesis that closes later
        }
        let next_word = word_at(text, next);
        let first = next_word.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            continue; // "U.S. officials", "wait... and"
        }
        if single_stop && !ends_sentence(rules, word_before(text, i), next_word) {
            continue;
        }
        sentences.push((start, trim_end(text, start, end)));
        start = next;
        if start > through {
            return;
        }
    }
    if start < text.len() {
        let end = trim_end(text, start, text.len());
        if end > start {
            sentences.push((start, end));
        }
    }
}

/// Whether a single full stop after `word` (which includes the stop) ends the sentence.
fn ends_sentence(rules: &Rules, word: &str, next_word: &str) -> bool {
    let abbreviation = |set: &FastSet<String>| word.len() <= rules.longest && set.contains(word);
    if abbreviation(&rules.never_end) {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), Some('.'), None) = (chars.next(), chars.next(), chars.next())
        && c.is_uppercase()
    {
        return false; // an initial: "John F. Kennedy", "J. D. Vance"
    }
    if abbreviation(&rules.may_end) || is_dotted_acronym(word) {
        let opener = next_word.trim_end_matches(|c: char| !c.is_alphanumeric());
        return rules.openers.contains(opener);
    }
    true
}

/// "D.C.", "U.N.", "N.A.T.O." : letters each followed by a stop.
fn is_dotted_acronym(word: &str) -> bool {
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return letters >= 2,
            (Some(c), Some('.')) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
}

/// The word that ends with the stop at `stop`, stop included, without opening quotes or brackets.
fn word_before(text: &str, stop: usize) -> &str {
    // ASCII bytes are read one by one; from the first other byte, whole characters.
    let bytes = text.as_bytes();
    let mut k = stop;
    while k > 0 && bytes[k - 1] < 0x80 {
        let b = bytes[k - 1];
        if is_ascii_space(b) || matches!(b, b'(' | b'[' | b'"' | b'\'') {
            return &text[k..=stop];
        }
        k -= 1;
    }
    let head = &text[..k];
    let begin = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '\'' | '‘'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &text[begin..=stop]
}

/// The word starting at `at`, without leading quotes or brackets.
fn word_at(text: &str, at: usize) -> &str {
    // The usual case, an ASCII word after the space: no character decoding.
    let bytes = &text.as_bytes()[at..];
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && let Some(len) = bytes
            .iter()
            .position(|&b| !b.is_ascii() || is_ascii_space(b))
        && bytes[len].is_ascii()
    {
        return &text[at..at + len];
    }
    let rest = text[at..].trim_start_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..len]
}

fn skip_space(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut k = from;
    while k < bytes.len() && is_ascii_space(bytes[k]) {
        k += 1;
    }
    if bytes.get(k).is_some_and(|b| b.is_ascii()) {
        return k;
    }
    text[k..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |j| k + j)
}

/// Whether an ASCII byte is white space as `char::is_whitespace` has it (with the vertical tab,
/// which `u8::is_ascii_whitespace` leaves out).
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn plain_stops_split() {
        assert_eq!(
            split("Russia acted. Iran followed."),
            ["Russia acted.", "Iran followed."]
        );
    }

    #[test]
    fn question_and_exclamation_marks_split() {
        assert_eq!(
            split("Who did it? Moscow did! Then Tehran."),
            ["Who did it?", "Moscow did!", "Then Tehran."]
        );
    }

    #[test]
    fn country_abbreviations_before_a_lowercase_or_name_do_not_split() {
        assert_eq!(
            split("U.S. officials met U.K. and E.U. envoys. The U.S. President spoke."),
            [
                "U.S. officials met U.K. and E.U. envoys.",
                "The U.S. President spoke."
            ]
        );
    }

    #[test]
    fn country_abbreviation_before_a_sentence_opener_splits() {
        assert_eq!(
            split("The accounts targeted the U.S. The network was removed."),
            ["The accounts targeted the U.S.", "The network was removed."]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        let text = "Mr. Smith met Mrs. Jones and Dr. Who. Gen. Milley, Sen. Warner, Rep. Schiff and Gov. Newsom spoke.";
        assert_eq!(
            split(text),
            [
                "Mr. Smith met Mrs. Jones and Dr. Who.",
                "Gen. Milley, Sen. Warner, Rep. Schiff and Gov. Newsom spoke."
            ]
        );
    }

    #[test]
    fn months_numbers_and_company_suffixes_do_not_split() {
        let text = "On Jan. 5 and Feb. 6 the No. 2 site at St. Louis, run by Acme Inc. and Foo Ltd. and Bar Corp. Research, went dark.";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn latin_abbreviations_do_not_split() {
        let text =
            "Some outlets, e.g. RT, i.e. state media, etc. were named. Smith vs. Jones followed.";
        assert_eq!(
            split(text),
            [
                "Some outlets, e.g. RT, i.e. state media, etc. were named.",
                "Smith vs. Jones followed."
            ]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            split("John F. Kennedy and J. D. Vance were named. Then nothing."),
            [
                "John F. Kennedy and J. D. Vance were named.",
                "Then nothing."
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("Spending rose 3.5 percent. It fell."),
            ["Spending rose 3.5 percent.", "It fell."]
        );
    }

    #[test]
    fn ellipses_split_only_before_a_capital() {
        assert_eq!(
            split("Wait... and see. Then... Nothing."),
            ["Wait... and see.", "Then...", "Nothing."]
        );
        assert_eq!(
            split("It ended… Next came more."),
            ["It ended…", "Next came more."]
        );
    }

    #[test]
    fn quotes_closing_after_the_stop_stay_with_their_sentence() {
        assert_eq!(
            split("\"We did not interfere,\" he said. \"It is a lie.\" Next came Iran."),
            [
                "\"We did not interfere,\" he said.",
                "\"It is a lie.\"",
                "Next came Iran."
            ]
        );
        assert_eq!(
            split("He said “It is over.” Then he left."),
            ["He said “It is over.”", "Then he left."]
        );
    }

    #[test]
    fn no_split_inside_a_quotation_that_closes_later() {
        let text = "“Havana has considered efforts… This is consistent,” the official added. Beijing rejected it.";
        assert_eq!(
            split(text),
            [
                "“Havana has considered efforts… This is consistent,” the official added.",
                "Beijing rejected it."
            ]
        );
    }

    #[test]
    fn no_split_inside_a_short_paren() {
        assert_eq!(
            split("The group (see Fig. 2. It is small.) was active. Then it stopped."),
            [
                "The group (see Fig. 2. It is small.) was active.",
                "Then it stopped."
            ]
        );
    }

    #[test]
    fn spans_are_byte_ranges_without_surrounding_space() {
        let text = "  Moscow acted.   Tehran too.  ";
        assert_eq!(split_sentences(text), vec![(2, 15), (18, 29)]);
    }

    #[test]
    fn byte_paths_agree_with_the_character_rules() {
        // The rules as first written, one character at a time.
        let skip_space_chars = |text: &str, from: usize| {
            text[from..]
                .find(|c: char| !c.is_whitespace())
                .map_or(text.len(), |k| from + k)
        };
        let word_at_chars = |text: &str, at: usize| {
            let rest =
                text[at..].trim_start_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest[..len].to_string()
        };
        let word_before_chars = |text: &str, stop: usize| {
            let begin = text[..stop]
                .char_indices()
                .rev()
                .find(|&(_, c)| {
                    c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '\'' | '‘')
                })
                .map_or(0, |(k, c)| k + c.len_utf8());
            text[begin..=stop].to_string()
        };
        let texts = [
            "Dr.\u{a0}Smith said so. “Mr. Jones” left\u{b}early. (Gen. Lee) Next.",
            "Café.\tNaïve über-Word. ‘St. Kitts’ e.g. then. x.\u{2003}Y z.",
            "U.S.-China “talks.” A  b\u{3000}c. Ünder é. 3.5 km. ",
        ];
        for text in texts {
            for (at, _) in text.char_indices() {
                assert_eq!(
                    skip_space(text, at),
                    skip_space_chars(text, at),
                    "{text:?} @{at}"
                );
                assert_eq!(word_at(text, at), word_at_chars(text, at), "{text:?} @{at}");
                if text.as_bytes()[at] == b'.' {
                    assert_eq!(
                        word_before(text, at),
                        word_before_chars(text, at),
                        "{text:?} @{at}"
                    );
                }
            }
        }
    }
}
