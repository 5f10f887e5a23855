//! Mentions: finds every actor named in an article's blocks. One automaton pass per block finds
//! whole-word candidates and the article's context cues; a second pass over those candidates
//! decides ambiguous names and surnames, which depend on the rest of the article.

use aho_corasick::Input;
use unicode_normalization::char::is_combining_mark;

use super::context::ArticleEvidence;
use super::gazetteer::{Gate, Role};
use super::{Gazetteer, Mention};

/// A whole-word match that names an actor, before context decides which (if any).
struct Hit {
    block: usize,
    start: usize,
    end: usize,
    pattern: usize,
}

/// Finds the mentions in an article's blocks (block 0 is the title).
pub fn extract_mentions(blocks: &[&str], gazetteer: &Gazetteer) -> Vec<Mention> {
    let mut evidence = vec![ArticleEvidence::default(); gazetteer.rules.len()];
    let mut hits = Vec::new();
    for (block, text) in blocks.iter().enumerate() {
        scan_block(block, text, gazetteer, &mut hits, &mut evidence);
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
            text: text[hit.start..hit.end].to_string(),
            actor: gazetteer.actor_ids[actor as usize].clone(),
            how,
        });
    }
    mentions
}

/// One automaton pass over a block: records whole-word hits and counts context cues.
fn scan_block(
    block: usize,
    text: &str,
    gazetteer: &Gazetteer,
    hits: &mut Vec<Hit>,
    evidence: &mut [ArticleEvidence],
) {
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = gazetteer
            .automaton
            .find(Input::new(text).span(pos..text.len()))
        else {
            break;
        };
        let (start, end) = (m.start(), m.end());
        let info = &gazetteer.patterns[m.pattern().as_usize()];
        let valid = is_whole_word(text, start, end)
            && !in_url_like_word(text, start, end)
            && !(info.short_acronym && in_caps_run(text, start, end));
        if !valid {
            // Try again from the next character: a shorter word may start inside this match.
            pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        pos = end;
        for role in gazetteer.roles(m.pattern().as_usize()) {
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
        if info.names_actor {
            hits.push(Hit {
                block,
                start,
                end,
                pattern: m.pattern().as_usize(),
            });
        }
    }
}

/// Letters, digits, `_` and combining marks continue a word; apostrophes, hyphens and dots do
/// not, so "Russia's", "Iran-backed" and "U.S.-led" keep their name.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
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
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    (from, to)
}

/// URLs, domains, handles and e-mail addresses name no one ("https://rt.com/...", "RT.com").
fn in_url_like_word(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = token_around(text, start, end);
    let token = &text[from..to];
    if token.contains("://") || token.starts_with("www.") || token.contains('@') {
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
