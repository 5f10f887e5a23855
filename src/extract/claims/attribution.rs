//! Attribution: who is said to make a claim. "X said", "said X" (after a comma or a quote),
//! "according to X", "as per X", "X told/reported/found ...", a platform that "removed" assets.
//! The mentions in an attributing phrase are marked so they never become agents.

use super::Sentence;
use super::cues::Cue;
use super::items::{Item, Kind, span_text};
use crate::registry::ActorKind;

/// Longest attributing phrase, in words.
const MAX_PHRASE_WORDS: usize = 8;
/// Above this many words, a phrase is named by its actors rather than by its text.
const MAX_TEXT_WORDS: usize = 5;

/// One attribution in a sentence.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Item index of the reporting verb or "according to".
    pub cue: usize,
    /// Actor ids, or one plain-text name; empty when the phrase is a pronoun ("he said").
    pub by: Vec<String>,
    /// A title's source or a platform's takedown: the reporting party of the whole article.
    pub reports_article: bool,
}

/// Longest source phrase before a title's colon, in words.
const MAX_TITLE_SOURCE_WORDS: usize = 5;

/// Finds the attributions of a sentence and marks their mentions in `attributor`. In a title,
/// a short phrase before a colon is its source ("Microsoft: Cyberattacks Linked to Iran").
pub fn attributions(s: &Sentence, attributor: &mut [bool], title: bool) -> Vec<Attribution> {
    let mut found = Vec::new();
    if title && let Some(colon) = title_source(s) {
        for k in 0..colon {
            if let Some(m) = s.items[k].mention() {
                attributor[m] = true;
            }
        }
        found.push(Attribution {
            cue: colon,
            by: name_phrase(s, 0..colon),
            reports_article: true,
        });
    }
    for (i, item) in s.items.iter().enumerate() {
        let Some(cue) = item.cue() else { continue };
        let phrase = match cue {
            // "... accounts were also removed": the subject of a passive takedown is what was removed.
            Cue::Takedown if super::agent::is_passive(s, i) => None,
            Cue::Reporting | Cue::Takedown => {
                let before = phrase_before(s, i);
                if has_content(s, before.clone()) {
                    Some(before)
                } else if cue == Cue::Reporting && after_comma_or_quote(&s.items, i) {
                    Some(phrase_after(&s.items, i))
                } else {
                    None
                }
            }
            Cue::According => Some(phrase_after(&s.items, i)),
            _ => None,
        };
        let Some(phrase) = phrase else { continue };
        for k in phrase.clone() {
            if let Some(m) = s.items[k].mention() {
                attributor[m] = true;
            }
        }
        found.push(Attribution {
            cue: i,
            by: name_phrase(s, phrase),
            reports_article: cue == Cue::Takedown,
        });
    }
    found
}

/// The colon ending a title's source phrase: a few words with no cue but a preposition. An
/// influence operation or a group named there is the headline's subject, not who reports it
/// ("Doppelganger: Russia's cloned news sites"), so no source is read then.
fn title_source(s: &Sentence) -> Option<usize> {
    let colon = s
        .items
        .iter()
        .position(|i| matches!(i.kind, Kind::Punct(':')))?;
    let mut words = 0;
    for item in &s.items[..colon] {
        match item.kind {
            Kind::Mention { index, .. }
                if s.registry
                    .actor(s.mentions[index].actor)
                    .is_some_and(|a| matches!(a.kind, ActorKind::Operation | ActorKind::Group)) =>
            {
                return None;
            }
            Kind::Cue(Cue::Preposition | Cue::Coordinator) | Kind::Word | Kind::Mention { .. } => {
                words += 1
            }
            Kind::Punct('.' | '\'' | '’' | '-' | '&') => {}
            _ => return None,
        }
    }
    (words > 0 && words <= MAX_TITLE_SOURCE_WORDS).then_some(colon)
}

/// Marks every mention of a party that attributes elsewhere in the sentence (a state excepted:
/// "US officials said ... the U.S. election"): it is never an agent either. `known` gathers the
/// organisations and outlets that report the article (a title's "Microsoft: ...", "Facebook
/// removed ..."), which are never agents later in it; a party merely quoted ("according to
/// the IRGC") may act in another sentence.
pub fn mark_attributors(
    s: &Sentence,
    attributions: &[Attribution],
    attributor: &mut [bool],
    known: &mut Vec<String>,
) {
    let mut here: Vec<&str> = Vec::new();
    for (m, &is) in attributor.iter().enumerate() {
        let id = s.mentions[m].actor;
        if is && s.registry.actor(id).map(|a| a.kind) != Some(ActorKind::State) {
            here.push(id);
        }
    }
    for id in attributions
        .iter()
        .filter(|a| a.reports_article)
        .flat_map(|a| &a.by)
    {
        let kind = s.registry.actor(id).map(|a| a.kind);
        if matches!(kind, Some(ActorKind::Organization | ActorKind::Media)) && !known.contains(id) {
            known.push(id.clone());
        }
    }
    for item in &s.items {
        if let Some(m) = item.mention() {
            let id = s.mentions[m].actor;
            if here.contains(&id) || known.iter().any(|k| k == id) {
                attributor[m] = true;
            }
        }
    }
}

/// The subject of a reporting verb: back to a punctuation mark, a cue, or "that"/"which".
fn phrase_before(s: &Sentence, cue: usize) -> std::ops::Range<usize> {
    let items = &s.items;
    let mut from = cue;
    let mut words = 0;
    while from > 0 {
        let item = &items[from - 1];
        let stop = match item.kind {
            Kind::Punct(_) => true,
            Kind::Cue(Cue::Blocker) => !PRONOUNS.contains(&s.word(from - 1)),
            Kind::Cue(c) => !matches!(
                c,
                Cue::AnaphorPlural | Cue::AnaphorSingular | Cue::Preposition
            ),
            _ => false,
        };
        if stop {
            break;
        }
        words += usize::from(item.is_word());
        if words > MAX_PHRASE_WORDS {
            return cue..cue;
        }
        from -= 1;
    }
    from..cue
}

/// The phrase after "said" / "according to": up to a punctuation mark or a cue.
fn phrase_after(items: &[Item], cue: usize) -> std::ops::Range<usize> {
    let mut to = cue + 1;
    let mut words = 0;
    while to < items.len() {
        let item = &items[to];
        let stop = match item.kind {
            Kind::Punct(p) => !matches!(p, '(' | ')' | '[' | ']'),
            // "according to the state news agency X": "the state" is a name's words here.
            Kind::Cue(c) => !matches!(
                c,
                Cue::Preposition | Cue::Coordinator | Cue::AnaphorSingular | Cue::AnaphorPlural
            ),
            _ => false,
        };
        if stop {
            break;
        }
        words += usize::from(item.is_word());
        if words > MAX_PHRASE_WORDS {
            break;
        }
        to += 1;
    }
    cue + 1..to
}

fn after_comma_or_quote(items: &[Item], cue: usize) -> bool {
    cue > 0
        && matches!(
            items[cue - 1].kind,
            Kind::Punct(',' | '”' | '"' | '’' | '\'')
        )
}

const DETERMINERS: [&str; 4] = ["the", "a", "an", "one"];
const PRONOUNS: [&str; 6] = ["he", "she", "it", "they", "we", "i"];

fn has_content(s: &Sentence, phrase: std::ops::Range<usize>) -> bool {
    phrase.into_iter().any(|k| {
        let item = &s.items[k];
        item.mention().is_some() || !DETERMINERS.contains(&s.word(k))
    })
}

/// Names an attributing phrase: its actors, or its text when it has none (or names a state
/// only as the owner of "officials", "intelligence agencies" ...).
fn name_phrase(s: &Sentence, phrase: std::ops::Range<usize>) -> Vec<String> {
    let items = &s.items;
    let mut ids: Vec<String> = Vec::new();
    let mut all_states = true;
    let mut last_mention = None;
    for k in phrase.clone() {
        if let Some(m) = items[k].mention() {
            let id = s.mentions[m].actor;
            all_states = all_states && s.registry.is_state(id);
            if !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
            last_mention = Some(k);
        }
    }
    // Trim leading determiners and trailing brackets for the text form.
    let mut from = phrase.start;
    while from < phrase.end
        && items[from].mention().is_none()
        && (DETERMINERS.contains(&s.word(from)) || matches!(items[from].kind, Kind::Punct(_)))
    {
        from += 1;
    }
    let mut to = phrase.end;
    while to > from && matches!(items[to - 1].kind, Kind::Punct(_)) {
        to -= 1;
    }
    let words = (from..to)
        .filter(|&k| items[k].is_word() || items[k].mention().is_some())
        .count();
    let text = span_text(s.text, items, from, to).trim();
    match last_mention {
        Some(last) if !(all_states && last + 1 < to && words <= MAX_TEXT_WORDS) => ids,
        _ if text.is_empty() || PRONOUNS.iter().any(|p| text.eq_ignore_ascii_case(p)) => Vec::new(),
        _ if words > MAX_TEXT_WORDS => Vec::new(),
        _ => vec![text.to_string()],
    }
}
