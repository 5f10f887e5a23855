//! A sentence as a flat list of items (mentions, cue words, other words, punctuation), in order,
//! with the little the claim rules need to know about each: possessive, "-linked", inside a
//! parenthesis. Built only for sentences that may hold a claim.

use super::cues::{Cue, CueMatch};
use crate::extract::Mention;
use crate::extract::scan::{alphanumeric_run, is_word_char};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `index` into the block's mentions.
    Mention {
        index: usize,
        possessive: bool,
        linked: bool,
    },
    Cue(Cue),
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Parenthesis / bracket depth.
    pub depth: u8,
}

impl Item {
    pub fn cue(&self) -> Option<Cue> {
        match self.kind {
            Kind::Cue(cue) => Some(cue),
            _ => None,
        }
    }

    pub fn mention(&self) -> Option<usize> {
        match self.kind {
            Kind::Mention { index, .. } => Some(index),
            _ => None,
        }
    }

    /// Words count toward distances: plain words and cue words.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Cue(_))
    }
}

/// The items of `text[start..end]`, written into `items` (cleared first). `mentions` are the
/// block's mentions, in text order, and `within` those that start in the sentence; `cues` the
/// sentence's cues, in order; `spans` is room for the two merged. The buffers are the caller's
/// so that sentences reuse them.
pub fn sentence_items(
    text: &str,
    (start, end): (usize, usize),
    (mentions, within): (&[&Mention], std::ops::Range<usize>),
    cues: &[CueMatch],
    spans: &mut Vec<(usize, usize, Kind)>,
    items: &mut Vec<Item>,
) {
    spans.clear();
    for index in within {
        let m = mentions[index];
        if m.end <= end {
            spans.push((
                m.start,
                m.end,
                Kind::Mention {
                    index,
                    possessive: false,
                    linked: false,
                },
            ));
        }
    }
    let mention_spans = spans.len();
    for c in cues {
        let overlaps_mention = spans[..mention_spans]
            .iter()
            .any(|&(s, e, _)| s < c.end && c.start < e);
        if !overlaps_mention {
            spans.push((c.start, c.end, Kind::Cue(c.cue)));
        }
    }
    // Mentions and cues each come in order and no kept cue overlaps a mention: the sort only
    // interleaves two runs.
    spans.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));

    items.clear();
    let bytes = text.as_bytes();
    let mut depth: u8 = 0;
    let mut at = start;
    let mut next_span = 0;
    while at < end {
        let span_start = spans.get(next_span).map_or(end, |span| span.0);
        if span_start <= at {
            let (s, e, kind) = spans[next_span];
            next_span += 1;
            if s < at {
                continue; // overlaps an item already taken
            }
            let mut item = Item {
                start: s,
                end: e,
                kind,
                depth,
            };
            if let Kind::Mention { index, .. } = kind {
                let (possessive, skip) = possessive_after(&text[e..end], &text[s..e]);
                let linked = next_span < spans.len()
                    && spans[next_span].0 == e + skip
                    && spans[next_span].2 == Kind::Cue(Cue::LinkerSuffix);
                if linked {
                    item.end = spans[next_span].1;
                    next_span += 1;
                } else {
                    item.end = e + skip;
                }
                item.kind = Kind::Mention {
                    index,
                    possessive,
                    linked,
                };
            }
            at = item.end;
            items.push(item);
            continue;
        }
        // The words and signs before the next span.
        while at < span_start {
            let byte = bytes[at];
            if byte == b' ' {
                at += 1;
                continue;
            }
            let c = if byte < 0x80 {
                char::from(byte)
            } else {
                text[at..].chars().next().expect("in bounds")
            };
            if is_word_char(c) {
                let len = word_len(text, at, span_start);
                items.push(Item {
                    start: at,
                    end: at + len,
                    kind: Kind::Word,
                    depth,
                });
                at += len;
                continue;
            }
            if matches!(c, ')' | ']') {
                depth = depth.saturating_sub(1);
            }
            if !c.is_whitespace() {
                items.push(Item {
                    start: at,
                    end: at + c.len_utf8(),
                    kind: Kind::Punct(c),
                    depth,
                });
            }
            if matches!(c, '(' | '[') {
                depth = depth.saturating_add(1);
            }
            at += c.len_utf8();
        }
    }
}

/// Whether a mention is possessive ("Iran's", "agencies’"), and how many bytes after it belong to it.
fn possessive_after(rest: &str, mention_text: &str) -> (bool, usize) {
    if mention_text.ends_with("'s") || mention_text.ends_with("’s") {
        return (true, 0);
    }
    for mark in ["'s", "’s", "'", "’"] {
        if let Some(after) = rest.strip_prefix(mark)
            && !after.starts_with(is_word_char)
        {
            return (true, mark.len());
        }
    }
    (false, 0)
}

/// Length of the word at `at`, cut at `limit`: letters and digits, with inner apostrophes,
/// hyphens, stops and commas ("don't", "pro-Kremlin", "2,617", "3.5").
fn word_len(text: &str, at: usize, limit: usize) -> usize {
    // Fast path: a plain ASCII word ends at a space, at a sign that cannot join two words, or
    // at one that joins nothing because no word character follows it ("said," "Russia.").
    let rest = &text[at..limit];
    let bytes = rest.as_bytes();
    let plain = alphanumeric_run(text.as_bytes(), at).min(bytes.len());
    let ends_here = match bytes.get(plain) {
        None => true,
        Some(b'\'' | b'-' | b'.' | b',') => bytes
            .get(plain + 1)
            .is_none_or(|&next| next.is_ascii() && !next.is_ascii_alphanumeric()),
        Some(&b) => b.is_ascii(),
    };
    if ends_here {
        return plain;
    }
    let mut len = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-' | '.' | ',')
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n))
            && (c != ',' || rest[..k].ends_with(|p: char| p.is_ascii_digit()));
        if is_word_char(c) || (inner && len > 0) {
            len = k + c.len_utf8();
        } else {
            break;
        }
    }
    len
}

/// The sentence text of items `from..to` (inclusive `from`, exclusive `to`).
pub fn span_text<'a>(text: &'a str, items: &[Item], from: usize, to: usize) -> &'a str {
    if from >= to {
        return "";
    }
    &text[items[from].start..items[to - 1].end]
}
