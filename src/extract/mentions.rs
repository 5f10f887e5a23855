//! Mentions: finds every actor named in an article's blocks. One automaton pass per block finds
//! whole-word candidates and the article's context cues; a second pass over those candidates
//! decides ambiguous names and surnames, which depend on the rest of the article.

use aho_corasick::Input;
use unicode_normalization::char::is_combining_mark;

use super::context::ArticleEvidence;
use super::gazetteer::{Gate, Role};
use super::scan::{self, WordMatch};
use super::{Gazetteer, Mention};

/// A whole-word match that names an actor, before context decides which (if any).
struct Hit {
    block: usize,
    start: usize,
    end: usize,
    pattern: usize,
}

/// Finds the mentions in an article's blocks (block 0 is the title), in text order.
pub fn extract_mentions<'r>(blocks: &[&str], gazetteer: &Gazetteer<'r>) -> Vec<Mention<'r>> {
    let mut evidence = vec![ArticleEvidence::default(); gazetteer.rules.len()];
    let mut hits = Vec::with_capacity(64);
    // A block's matches, in a buffer each block reuses.
    let mut matches = Vec::with_capacity(32);
    for (block, text) in blocks.iter().enumerate() {
        scan_block(
            block,
            text,
            gazetteer,
            &mut matches,
            &mut hits,
            &mut evidence,
        );
    }

    let mut mentions = Vec::with_capacity(hits.len());
    // Actors already named in this article, for surnames.
    let mut named: Vec<u32> = Vec::new();
    for hit in hits {
        let text = blocks[hit.block];
        let chosen = gazetteer
            .roles(hit.pattern)
            .iter()
            .find_map(|role| match *role {
                Role::Mention {
                    actor, how, gate, ..
                } => {
                    let holds = match gate {
                        Gate::Always => true,
                        Gate::Context(slot) => gazetteer.rules[slot as usize].accepts(
                            text,
                            hit.start,
                            hit.end,
                            evidence[slot as usize],
                        ),
                        Gate::AfterFullName => named.contains(&actor),
                    };
                    holds.then_some((actor, how))
                }
                Role::Cue { .. } => None,
            });
        let Some((actor, how)) = chosen else { continue };
        if !named.contains(&actor) {
            named.push(actor);
        }
        mentions.push(Mention {
            block: hit.block,
            start: hit.start,
            end: hit.end,
            actor: gazetteer.actor_ids[actor as usize],
            how,
        });
    }
    mentions
}

/// One pass over a block: records whole-word hits and counts context cues. Names are looked
/// up only at word starts that can begin one; the few lowercase patterns have their own
/// automaton. The two lists of matches are merged leftmost first, as one automaton would.
fn scan_block(
    block: usize,
    text: &str,
    gazetteer: &Gazetteer,
    matches: &mut Vec<(usize, usize, u32)>,
    hits: &mut Vec<Hit>,
    evidence: &mut [ArticleEvidence],
) {
    // Leftmost first and, at one start, longest first; a match inside one already taken loses.
    matches.clear();
    scan_names(text, gazetteer, matches);
    scan_lowercase(text, gazetteer, matches);
    matches.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut taken_to = 0;
    for &(start, end, pattern) in matches.iter() {
        if start < taken_to {
            continue;
        }
        taken_to = end;
        record(
            block,
            start,
            end,
            pattern as usize,
            gazetteer,
            hits,
            evidence,
        );
    }
}

/// Counts the cues of a valid match and keeps it as a hit if it names an actor.
fn record(
    block: usize,
    start: usize,
    end: usize,
    pattern: usize,
    gazetteer: &Gazetteer,
    hits: &mut Vec<Hit>,
    evidence: &mut [ArticleEvidence],
) {
    for role in gazetteer.roles(pattern) {
        match *role {
            Role::Mention {
                supports: Some(slot),
                ..
            } => evidence[slot as usize].support += 1,
            Role::Cue { slot, against } => {
                let e = &mut evidence[slot as usize];
                if against {
                    e.against += 1;
                } else {
                    e.support += 1;
                }
            }
            Role::Mention { .. } => {}
        }
    }
    if gazetteer.patterns[pattern].names_actor {
        hits.push(Hit {
            block,
            start,
            end,
            pattern,
        });
    }
}

/// Whether a match of `pattern` at `start..end` stands as a mention: a whole word, not part of
/// a URL-like token, and not a two-letter acronym inside a run of capitals.
fn valid_match(
    text: &str,
    start: usize,
    end: usize,
    pattern: usize,
    gazetteer: &Gazetteer,
) -> bool {
    is_whole_word(text, start, end)
        && !in_url_like_word(text, start, end)
        && !(gazetteer.patterns[pattern].short_acronym && in_caps_run(text, start, end))
}

/// Valid matches of the name patterns, as (start, end, pattern id) into `out`, leftmost-longest
/// at each word start and not overlapping.
fn scan_names(text: &str, gazetteer: &Gazetteer, out: &mut Vec<(usize, usize, u32)>) {
    let names = &gazetteer.names;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are lowercase letters, which begin no name: skip them.
        if !gazetteer.starts[bytes[i] as usize] {
            i = if gazetteer.starts_capital_or_digit {
                scan::next_capital_digit_or_non_ascii(bytes, i + 1)
            } else {
                i + 1
            };
            continue;
        }
        let at_word_start = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        if at_word_start {
            let (what, run_end) = if bytes[i].is_ascii_alphanumeric() {
                gazetteer.first_names.at_word(bytes, i)
            } else {
                (WordMatch::Search, i + 1)
            };
            let found = match what {
                // A match inside the run is no whole word; the run's other bytes start no word.
                WordMatch::Known(None) => {
                    i = run_end;
                    continue;
                }
                WordMatch::Known(Some(found)) => Some(found),
                WordMatch::Search => names.trie.longest_at(bytes, i),
            };
            if let Some((end, k)) = found {
                let pattern = names.ids[k];
                if valid_match(text, i, end, pattern as usize, gazetteer) {
                    out.push((i, end, pattern));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Valid matches of the lowercase patterns, as (start, end, pattern id) into `out`.
fn scan_lowercase(text: &str, gazetteer: &Gazetteer, out: &mut Vec<(usize, usize, u32)>) {
    let lowercase = &gazetteer.lowercase;
    let mut pos = 0;
    while pos < text.len() {
        let input = Input::new(text).span(pos..text.len());
        let Some(m) = lowercase.automaton.find(input) else {
            break;
        };
        let pattern = lowercase.ids[m.pattern().as_usize()];
        if valid_match(text, m.start(), m.end(), pattern as usize, gazetteer) {
            out.push((m.start(), m.end(), pattern));
            pos = m.end();
        } else {
            // Try again from the next character: a shorter word may start inside this match.
            pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
    }
}

/// Letters, digits, `_` and combining marks continue a word; apostrophes, hyphens and dots do
/// not, so "Russia's", "Iran-backed" and "U.S.-led" keep their name.
fn is_word_char(c: char) -> bool {
    scan::is_word_char(c) || c == '_' || (!c.is_ascii() && is_combining_mark(c))
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after_ok = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// The whitespace-delimited token around `start..end`.
fn token_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Byte by byte while the text is ASCII (`char::is_whitespace` there is ASCII whitespace or
    // a vertical tab); a character at a time past other bytes.
    let ascii_space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let mut from = start;
    while from > 0 {
        let b = bytes[from - 1];
        let (space, len) = if b.is_ascii() {
            (ascii_space(b), 1)
        } else {
            let c = text[..from]
                .chars()
                .next_back()
                .expect("a character ends here");
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            break;
        }
        from -= len;
    }
    let mut to = end;
    while to < bytes.len() {
        let b = bytes[to];
        let (space, len) = if b.is_ascii() {
            (ascii_space(b), 1)
        } else {
            let c = text[to..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            break;
        }
        to += len;
    }
    (from, to)
}

/// URLs, domains, handles and e-mail addresses name no one ("https://rt.com/...", "RT.com").
fn in_url_like_word(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = token_around(text, start, end);
    let token = &text[from..to];
    // Each form below has a dot, a colon or an at sign; most tokens ("Russia's") have none.
    // Tokens are a few bytes long: a plain loop beats a call to a vectorised search.
    if !token.bytes().any(|b| matches!(b, b'.' | b':' | b'@')) {
        return false;
    }
    // A colon first: searching every token for "://" costs more than the rest of this check.
    if (token.contains(':') && token.contains("://"))
        || token.starts_with("www.")
        || token.contains('@')
    {
        return true;
    }
    // A dot followed by a lowercase top-level-domain-like run: "rt.com", "RT.com/news".
    let bytes = token.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b'.' || i == 0 || !bytes[i - 1].is_ascii_alphanumeric() {
            return false;
        }
        let run = bytes[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        let next = bytes.get(i + 1 + run);
        run >= 2 && next.is_none_or(|&c| c == b'/' || !c.is_ascii_alphanumeric() && c != b'\'')
    })
}

/// Whether a token is written in capitals (has a letter, no lowercase letters).
fn is_caps_token(token: &str) -> bool {
    token.chars().any(char::is_alphabetic) && !token.chars().any(char::is_lowercase)
}

/// Whether the match sits in a run of three or more all-caps words ("JOIN US ON TELEGRAM"),
/// where a two-letter acronym is more likely an ordinary word in capitals.
fn in_caps_run(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = token_around(text, start, end);
    let ends_phrase = |t: &str| t.ends_with([',', ';', ':', '.', ')', '!', '?']);
    let mut run = 1;
    // Left: up to two caps tokens, stopping at one that ends a phrase.
    let mut left = &text[..from];
    for _ in 0..2 {
        let trimmed = left.trim_end();
        let Some(token) = trimmed.split_whitespace().next_back() else {
            break;
        };
        if !is_caps_token(token) || ends_phrase(token) {
            break;
        }
        run += 1;
        left = &trimmed[..trimmed.len() - token.len()];
    }
    // Right: up to two caps tokens, unless the match's own token ends a phrase.
    if !ends_phrase(&text[from..to]) {
        for token in text[to..].split_whitespace().take(2) {
            if !is_caps_token(token) {
                break;
            }
            run += 1;
            if ends_phrase(token) {
                break;
            }
        }
    }
    run >= 3
}

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;
