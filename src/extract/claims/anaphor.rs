//! Anaphors: "both", "the two", "the country" stand for agents named before.

use super::{Carry, Sentence};
use crate::registry::ActorKind;

use super::cues::Cue;

/// The actors an anaphor stands for: the agents of this sentence's claims so far, else of the
/// paragraph's last claims; "both" / "the two" opening a paragraph reach into the previous one.
pub(super) fn resolve_anaphor<'a>(
    s: &Sentence<'a, '_>,
    k: usize,
    sentence_agents: &[&'a str],
    carry: &Carry<'a>,
) -> Vec<&'a str> {
    let registry = s.registry;
    let word = s.word(k);
    let numbered = word.starts_with("both") || word.starts_with("the two");
    let pool = if !sentence_agents.is_empty() {
        sentence_agents
    } else if !carry.agents.is_empty() {
        &carry.agents
    } else if numbered && carry.first_sentence {
        &carry.previous_block_agents
    } else {
        return Vec::new();
    };
    let state_of = |id: &str| -> Option<&'a str> {
        let actor = registry.actor(id)?;
        if actor.kind == ActorKind::State {
            return Some(&actor.id);
        }
        let country = registry.country(actor.country.as_deref()?)?;
        Some(&country.slug)
    };
    // An organisation whose state is also named counts once ("Iran and its IRGC" are one of two).
    let reduced: Vec<&'a str> = pool
        .iter()
        .copied()
        .filter(|id| {
            registry.is_state(id) || state_of(id).is_none_or(|state| !pool.contains(&state))
        })
        .collect();
    match s.items[k].cue() {
        Some(Cue::AnaphorSingular) => {
            let states: Vec<&'a str> = reduced
                .into_iter()
                .filter(|id| registry.is_state(id))
                .collect();
            if states.len() == 1 {
                states
            } else {
                Vec::new()
            }
        }
        _ if reduced.len() >= 2 => {
            if numbered && reduced.len() != 2 {
                return Vec::new();
            }
            reduced
        }
        _ => Vec::new(),
    }
}
