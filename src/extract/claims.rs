//! Claims: sentences in which an actor is the agent of an influence action, with its targets,
//! who says so and the stated likelihood. One cue automaton pass per block; only sentences with
//! an action cue and a mention (or an anaphor) are looked at closely. Prefers missing a claim to
//! naming a wrong agent: an extracted claim labels someone as an influence actor.

pub mod agent;
mod anaphor;
pub mod attribution;
pub mod cues;
pub mod items;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_origin;

use agent::Walk;
use cues::{Cue, CueMatch};
use items::Item;

use super::sentences::split_sentences_through;
use super::{ExtractedClaim, Lexicon, Likelihood, Mention};
use crate::registry::Registry;

/// One sentence being read: its items and what they point into.
pub struct Sentence<'a, 'w> {
    /// The whole block; item spans index into it.
    pub text: &'a str,
    /// The block with ASCII letters lowercased: same byte offsets, so words compare without
    /// allocating.
    pub lower: &'w str,
    pub items: Vec<Item>,
    /// The block's mentions; `Kind::Mention::index` indexes them.
    pub mentions: &'a [&'a Mention<'a>],
    pub registry: &'a Registry,
    pub lexicon: &'a Lexicon,
}

impl<'w> Sentence<'_, 'w> {
    /// The lowercased text of item `k`.
    pub fn word(&self, k: usize) -> &'w str {
        &self.lower[self.items[k].start..self.items[k].end]
    }

    /// Whether item `k`, lowercased, is one of `words`.
    pub fn word_in(&self, k: usize, words: &[String]) -> bool {
        let word = self.word(k);
        words.iter().any(|w| w == word)
    }
}

/// What a paragraph carries from one sentence to the next.
#[derive(Default)]
struct Carry<'a> {
    /// The last source named in the paragraph.
    by: Vec<String>,
    /// The agents of the last sentence with claims.
    agents: Vec<&'a str>,
    /// The agents of the previous block's last claims ("Both will ..." opening a paragraph).
    previous_block_agents: Vec<&'a str>,
    /// Organisations and media that attributed a claim earlier in the article: never agents.
    attributors: Vec<String>,
    first_sentence: bool,
    /// Reading the title (block 0), whose "Source: ..." prefix attributes.
    title: bool,
}

/// Finds the claims in an article's blocks, given its mentions.
pub fn extract_claims(
    blocks: &[&str],
    mentions: &[Mention],
    registry: &Registry,
    lexicon: &Lexicon,
) -> Vec<ExtractedClaim> {
    let matcher = lexicon.matcher();
    let mut claims = Vec::new();
    let mut previous_block_agents = Vec::new();
    let mut attributors = Vec::new();
    // Room for a block's cues, sentences, their roles and its lowercased text, and for a
    // sentence's spans and items, reused from one block and sentence to the next.
    let (mut cues, mut sentences, mut roles, mut lower) =
        (Vec::new(), Vec::new(), Vec::new(), String::new());
    let mut spans = Vec::new();
    let mut sentence_items = Vec::new();
    let mut scratch = Scratch::default();
    let mut found = Vec::new();
    // Grouped by block once, in text order (as `extract_mentions` returns them), so that a
    // block's mentions are a slice found by binary search and a sentence's a range of it.
    let mut by_block: Vec<&Mention> = mentions.iter().collect();
    by_block.sort_by_key(|m| (m.block, m.start));
    for (block, text) in blocks.iter().enumerate() {
        let first = by_block.partition_point(|m| m.block < block);
        let block_mentions =
            &by_block[first..first + by_block[first..].partition_point(|m| m.block == block)];
        // A block that names no one has an agent only through "Both ..." or "The two ..."
        // pointing back at the previous block's agents.
        if block_mentions.is_empty() && previous_block_agents.is_empty() {
            continue;
        }
        // One pass finds every cue of the block; sentences read their share of it.
        matcher.find_into(text, &mut cues);
        let Some(last_action) = cues
            .iter()
            .rev()
            .find(|c| c.cue.is_action())
            .map(|c| c.start)
        else {
            previous_block_agents.clear();
            continue;
        };
        let mut carry = Carry {
            previous_block_agents,
            attributors,
            first_sentence: true,
            title: block == 0,
            ..Carry::default()
        };
        // Sentences after the one holding the last action cue hold no claim, nor a source for
        // a later one: they are not split off.
        split_sentences_through(text, last_action, &mut sentences);
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        // Which sentences may hold a claim, and which only name a source (read only when a
        // claim follows them in the paragraph, for the paragraph-level carry of `by`).
        sentence_roles(&sentences, &cues, block_mentions, &mut roles);
        let last_candidate = roles.iter().rposition(|role| role.candidate);
        for (n, &(start, end)) in sentences.iter().enumerate() {
            let role = &roles[n];
            if role.candidate || (role.reports && last_candidate.is_some_and(|last| last > n)) {
                let sentence_cues = &cues[role.cues.clone()];
                items::sentence_items(
                    text,
                    (start, end),
                    (block_mentions, role.mentions.clone()),
                    sentence_cues,
                    &mut spans,
                    &mut sentence_items,
                );
                let mut sentence = Sentence {
                    text,
                    lower: &lower,
                    items: std::mem::take(&mut sentence_items),
                    mentions: block_mentions,
                    registry,
                    lexicon,
                };
                read_sentence(
                    &mut sentence,
                    (start, end),
                    &mut carry,
                    &mut scratch,
                    &mut found,
                );
                sentence_items = sentence.items;
                for mut claim in found.drain(..) {
                    claim.block = block;
                    claim.by = clean_sources(claim.by, registry, lexicon);
                    claim
                        .actors
                        .retain(|a| !registry.actor(a).is_some_and(|x| x.attributor));
                    if claim.actors.is_empty() {
                        continue;
                    }
                    claims.push(claim);
                }
            }
            carry.first_sentence = false;
        }
        previous_block_agents = carry.agents;
        attributors = carry.attributors;
    }
    claims
}

/// What the block pass tells of a sentence before it is read.
struct Role {
    /// An action cue and an agent (a mention or an anaphor): it may hold a claim.
    candidate: bool,
    /// A reporting cue: it may name the source of a claim later in the paragraph.
    reports: bool,
    /// The block's cues that lie within the sentence.
    cues: std::ops::Range<usize>,
    /// The block's mentions that start in the sentence.
    mentions: std::ops::Range<usize>,
}

/// The role of each sentence, into `roles` (cleared first), in one walk over the sentences,
/// cues and mentions (all in text order).
fn sentence_roles(
    sentences: &[(usize, usize)],
    cues: &[CueMatch],
    mentions: &[&Mention],
    roles: &mut Vec<Role>,
) {
    roles.clear();
    let (mut c, mut m) = (0, 0);
    for &(start, end) in sentences {
        while c < cues.len() && cues[c].start < start {
            c += 1;
        }
        let first = c;
        // What the sentence's cues are, gathered without a branch per cue.
        let (mut action, mut anaphor, mut reports) = (false, false, false);
        while c < cues.len() && cues[c].end <= end {
            let cue = cues[c].cue;
            action |= cue.is_action();
            anaphor |= matches!(cue, Cue::AnaphorPlural | Cue::AnaphorSingular);
            reports |= cue.opens_report();
            c += 1;
        }
        while m < mentions.len() && mentions[m].start < start {
            m += 1;
        }
        let first_mention = m;
        let mut named = false;
        while m < mentions.len() && mentions[m].start < end {
            named |= mentions[m].end <= end;
            m += 1;
        }
        roles.push(Role {
            candidate: action && (anaphor || named),
            reports,
            cues: first..c,
            mentions: first_mention..m,
        });
    }
}

/// Keeps the sources that name someone: registry actors, and phrases holding a source noun
/// ("US officials", "a senior intelligence official"); a trailing adverb ("officials also") is
/// dropped. Phrases without one ("Its", "the September update") are parser noise, not sources.
fn clean_sources(by: Vec<String>, registry: &Registry, lexicon: &Lexicon) -> Vec<String> {
    let cues = &lexicon.cues;
    let mut out: Vec<String> = Vec::new();
    for source in by {
        let cleaned = if registry.actor(&source).is_some() {
            source
        } else {
            let mut words: Vec<&str> = source.split_whitespace().collect();
            while words.last().is_some_and(|w| {
                cues.source_trailing
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(w))
            }) {
                words.pop();
            }
            let names_source = words.iter().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                cues.source_nouns.iter().any(|n| n.eq_ignore_ascii_case(w))
            });
            if !names_source {
                continue;
            }
            words.join(" ")
        };
        if !out.contains(&cleaned) {
            out.push(cleaned);
        }
    }
    out
}

/// The claims of one sentence, into `claims` (cleared first); updates the paragraph's carry.
fn read_sentence<'a>(
    s: &mut Sentence<'a, '_>,
    (start, end): (usize, usize),
    carry: &mut Carry<'a>,
    scratch: &mut Scratch,
    claims: &mut Vec<ExtractedClaim>,
) {
    claims.clear();
    let (text, mentions, registry, lexicon) = (s.text, s.mentions, s.registry, s.lexicon);
    let Scratch {
        own_attributor,
        attributor,
        not_agent: not_agent_all,
        actions: action_items,
    } = scratch;
    demote_nominal_verbs(s, action_items);
    let s = &*s;
    own_attributor.clear();
    own_attributor.resize(mentions.len(), false);
    let attributions = attribution::attributions(s, own_attributor, carry.title);
    // A denial is the attributor's own act: only this sentence's attributing phrases stay out.
    attributor.clone_from(own_attributor);
    attribution::mark_attributors(s, &attributions, attributor, &mut carry.attributors);
    let opposed = opposed_states(s);
    // Agents and targets are the mentions' actor ids, borrowed until a claim is made.
    let actor_of = |m: &usize| -> &'a str { mentions[*m].actor };
    let takedown_action = lexicon.matcher().takedown_action;

    // A claim of this sentence (its block is set by the caller).
    let owned = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect();
    let sentence_claim =
        |actors: &[&str], action: &str, targets: &[&str], by, likelihood| ExtractedClaim {
            block: 0,
            start,
            end,
            text: text[start..end].to_string(),
            actors: owned(actors),
            action: action.to_string(),
            targets: owned(targets),
            by,
            likelihood,
        };
    // Who may be an agent: neither an attributor nor a state named for its opponents.
    let not_agent_of = |attributor: &[bool], not_agent: &mut Vec<bool>| {
        not_agent.clone_from_slice(attributor);
        for &m in &opposed {
            not_agent[m] = true;
        }
    };
    not_agent_all.resize(mentions.len(), false);
    not_agent_of(attributor, not_agent_all);
    let mut not_agent_own: Option<Vec<bool>> = None;
    let mut agents_at: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut sentence_agents: Vec<&str> = Vec::new();
    let mut assets: Vec<(ExtractedClaim, Vec<&str>)> = Vec::new();
    for (n, &c) in action_items.iter().enumerate() {
        let cue = s.items[c].cue();
        let (action, noun) = match cue {
            Some(Cue::Action { action, noun }) => (action, noun),
            Some(Cue::Takedown | Cue::Asset { .. } | Cue::LinkNoun) => match takedown_action {
                Some(action) => (action, true),
                None => continue,
            },
            _ => continue,
        };
        let takedown = cue == Some(Cue::Takedown);
        let entry = &lexicon.actions[action];
        let (attributor, not_agent) = if entry.id == "denies" {
            let own = not_agent_own.get_or_insert_with(|| {
                let mut own = vec![false; mentions.len()];
                not_agent_of(own_attributor, &mut own);
                own
            });
            (&own_attributor[..], &own[..])
        } else {
            (&attributor[..], &not_agent_all[..])
        };
        let passive = !noun && agent::is_passive(s, c);
        let mut agents: Vec<&str> = Vec::new();
        let mut targets: Vec<&str> = Vec::new();
        let walk = || match agent::walk_back(s, c, noun, passive, not_agent) {
            Walk::Mentions(found, words) => (found.iter().map(actor_of).collect(), words),
            Walk::Anaphor(k) if !passive => (
                anaphor::resolve_anaphor(s, k, &sentence_agents, carry),
                usize::MAX,
            ),
            Walk::Inherit(k) if !passive => (
                agents_at
                    .iter()
                    .find(|(at, _)| *at == k)
                    .map(|(_, a)| a.clone())
                    .unwrap_or_default(),
                usize::MAX,
            ),
            _ => (Vec::new(), usize::MAX),
        };
        if matches!(cue, Some(Cue::Asset { .. } | Cue::LinkNoun)) {
            // An asset makes a claim only when it names its own agent, and only when no other
            // claim of the sentence has that agent (kept aside until the sentence is read); so
            // does a finding of links ("found links to X").
            if let Some(Cue::Asset { agent }) = cue
                && !agent::is_object(s, c)
            {
                agents = agent::asset_agents(s, c, agent, not_agent)
                    .iter()
                    .map(actor_of)
                    .collect();
            } else if cue == Some(Cue::LinkNoun) {
                agents = agent::found_links(s, c, not_agent)
                    .iter()
                    .map(actor_of)
                    .collect();
            }
            dedup(&mut agents);
            if !agents.is_empty() && !negated(s, c, None, lexicon) {
                let next = action_items.get(n + 1).copied().unwrap_or(s.items.len());
                let mut by = attributed_by(&attributions, c, next, false);
                if by.is_empty() {
                    by = carry.by.clone();
                }
                let likelihood = likelihood_for(s, c, next, lexicon);
                let claim = sentence_claim(&agents, &entry.id, &[], by, likelihood);
                assets.push((claim, agents));
            }
            continue;
        } else if takedown {
            agents.extend(agent::demonym_objects(s, c, not_agent).iter().map(actor_of));
        } else {
            let (found, words) = walk();
            let linked: Vec<&str> = agent::linked_after(s, c, not_agent)
                .iter()
                .map(actor_of)
                .collect();
            if passive {
                targets = found;
            } else if !(noun && words > 1 && !linked.is_empty()) {
                // An origin named after a noun cue beats a subject far before it.
                agents = found;
            }
            // An active verb's object is its target; only a passive or a noun cue takes a
            // linked agent after it ("targeted by X", "an operation traced to X").
            // A noun cue with its own modifier ("Chinese hackers have attacked people associated
            // with X") keeps it; a linker later in the sentence is about something else.
            if passive || (noun && (words > 1 || agents.is_empty())) {
                agents.extend(linked);
            } else if agents.is_empty() {
                agents.extend(
                    agent::linked_right_after(s, c, not_agent)
                        .iter()
                        .map(actor_of),
                );
            }
        }
        if takedown {
            for found in agent::takedown_linked(s, c, not_agent) {
                push_unique(&mut agents, actor_of(&found));
            }
        }
        dedup(&mut agents);
        agents_at.push((c, agents.clone()));
        let previous = n.checked_sub(1).map(|p| action_items[p]);
        // "aimed at boosting X": the action it leads into is the claim.
        let leads_in = !noun
            && matches!(
                s.items.get(c + 1).and_then(|i| i.cue()),
                Some(Cue::Action { noun: false, .. })
            );
        if agents.is_empty() || leads_in || negated(s, c, previous, lexicon) {
            continue;
        }
        if entry.takes_targets {
            targets.extend(agent::targets_after(s, c, attributor).iter().map(actor_of));
            targets.retain(|t| !agents.contains(t));
            dedup(&mut targets);
        } else {
            targets.clear();
        }
        if !entry.target_kinds.is_empty() {
            targets.retain(|t| {
                registry
                    .actor(t)
                    .is_some_and(|a| entry.target_kinds.iter().any(|k| k == a.kind.as_str()))
            });
            if targets.is_empty() {
                continue;
            }
        }
        // The next claim's cue (an asset is rarely one: "against the Trump campaign, which X said").
        let next = action_items[n + 1..]
            .iter()
            .copied()
            .find(|&k| !matches!(s.items[k].cue(), Some(Cue::Asset { .. } | Cue::LinkNoun)))
            .unwrap_or(s.items.len());
        let mut by = attributed_by(&attributions, c, next, takedown);
        if by.is_empty() {
            by = if entry.id == "denies" {
                agents.iter().map(|a| a.to_string()).collect()
            } else {
                carry.by.clone()
            };
        }
        for &a in &agents {
            push_unique(&mut sentence_agents, a);
        }
        let likelihood = likelihood_for(s, c, next, lexicon);
        claims.push(sentence_claim(&agents, &entry.id, &targets, by, likelihood));
    }
    for (claim, agents) in assets {
        if claims
            .iter()
            .all(|other| claim.actors.iter().any(|a| !other.actors.contains(a)))
        {
            for a in agents {
                push_unique(&mut sentence_agents, a);
            }
            claims.push(claim);
        }
    }
    if let Some(last) = attributions.iter().rev().find(|a| !a.by.is_empty()) {
        carry.by = last.by.clone();
    }
    if !sentence_agents.is_empty() {
        carry.agents = sentence_agents;
    }
    merge_duplicates(claims);
}

/// Room that the reading of every sentence reuses. The masks, indexed like the block's
/// mentions, tell who is no agent: who attributes in this sentence (`own_attributor`), who
/// attributes in it or earlier in the article (`attributor`), and `attributor` with the states
/// named for their opponents (`not_agent`). `actions` lists the items that are action cues.
#[derive(Default)]
struct Scratch {
    own_attributor: Vec<bool>,
    attributor: Vec<bool>,
    not_agent: Vec<bool>,
    actions: Vec<usize>,
}

/// The block's mentions (indices) that are states named right before a word for their
/// opponents ("Iranian opposition group", "Russian exiles"). The phrase names people who oppose
/// that state, so the state is never their agent; as a target it stays.
fn opposed_states(s: &Sentence) -> Vec<usize> {
    let mut opposed = Vec::new();
    for (k, item) in s.items.iter().enumerate() {
        let Some(m) = item.mention() else { continue };
        // The words first: they rule out most mentions without a registry lookup.
        if s.items
            .get(k + 1)
            .is_some_and(|next| next.mention().is_none())
            && s.word_in(k + 1, &s.lexicon.cues.opposition_words)
            && s.registry.is_state(s.mentions[m].actor)
        {
            opposed.push(m);
        }
    }
    opposed
}

/// A verb cue right after "the", "a" or "an" is a noun ("the influence of X", "the targets
/// were"): it is read as a plain word, as is an idiom ("paying attention"). A web domain's
/// suffix is read as an asset. Lists into `actions` (cleared first) the items that are then
/// action cues, in order.
fn demote_nominal_verbs(s: &mut Sentence, actions: &mut Vec<usize>) {
    let lower = s.lower;
    let items = &mut s.items;
    let settle = |item: &mut Item| match item.cue() {
        Some(Cue::DomainSuffix) => item.kind = items::Kind::Cue(Cue::Asset { agent: false }),
        Some(Cue::Idiom) => item.kind = items::Kind::Word,
        _ => {}
    };
    // One walk: each item is settled before the item before it looks at it.
    if let Some(first) = items.first_mut() {
        settle(first);
    }
    actions.clear();
    for k in 0..items.len() {
        if let Some(next) = items.get_mut(k + 1) {
            settle(next);
        }
        // Not before a noun: "a hacking operation" keeps its cue.
        if k > 0
            && matches!(items[k].cue(), Some(Cue::Action { noun: false, .. }))
            && items[k - 1].kind == items::Kind::Word
            && matches!(
                &lower[items[k - 1].start..items[k - 1].end],
                "the" | "a" | "an"
            )
            && items.get(k + 1).is_none_or(|i| {
                !matches!(
                    i.kind,
                    items::Kind::Word | items::Kind::Cue(Cue::Asset { .. })
                )
            })
        {
            items[k].kind = items::Kind::Word;
        }
        if items[k].cue().is_some_and(Cue::is_action) {
            actions.push(k);
        }
    }
}

/// The sources of the claim at cue `c`: the attribution governing it (the last before it), and
/// one after it when no other action stands between ("..., which the VoA said").
fn attributed_by(
    attributions: &[attribution::Attribution],
    c: usize,
    next: usize,
    takedown: bool,
) -> Vec<String> {
    let governing = attributions
        .iter()
        .rev()
        .find(|a| a.cue < c || (takedown && a.cue == c));
    let trailing = attributions.iter().find(|a| a.cue > c);
    let mut by = governing.map(|a| a.by.clone()).unwrap_or_default();
    if let Some(t) = trailing
        && (governing.is_none() || t.cue < next)
    {
        for b in &t.by {
            push_unique(&mut by, b.clone());
        }
    }
    by
}

/// Whether a negation ("not", "yet to", "no evidence"), or a denial before it, cancels the cue.
fn negated(s: &Sentence, c: usize, previous: Option<usize>, lexicon: &Lexicon) -> bool {
    let is_denial = |k: usize| match s.items[k].cue() {
        Some(Cue::Action { action, .. }) => lexicon.actions[action].id == "denies",
        _ => false,
    };
    if !is_denial(c) && (0..c).any(is_denial) {
        return true; // "Moscow denied that it interfered"
    }
    let clause_start = (0..c)
        .rev()
        .find(|&k| s.items[k].cue().is_some_and(Cue::opens_report))
        .map_or(0, |k| k + 1);
    let from = previous.map_or(clause_start, |p| (p + 1).max(clause_start));
    (from..c).any(|k| s.items[k].cue() == Some(Cue::Negation))
}

/// The ICD 203 term of the cue's clause: the last one before it, else the first after it.
fn likelihood_for(s: &Sentence, c: usize, next: usize, lexicon: &Lexicon) -> Option<Likelihood> {
    let term_at = |k: usize| match s.items[k].cue() {
        Some(Cue::Likelihood { term }) => Some(term),
        _ => None,
    };
    let term = (0..c)
        .rev()
        .find_map(term_at)
        .or_else(|| (c + 1..next).find_map(term_at))?;
    let l = &lexicon.likelihoods[term];
    Some(Likelihood {
        term: l.term.clone(),
        low: l.low,
        high: l.high,
    })
}

/// One claim per action and set of agents in a sentence ("to influence ... influence actors").
fn merge_duplicates(claims: &mut Vec<ExtractedClaim>) {
    // Agents are deduplicated: the same set is the same length with every member in the other.
    let same_agents =
        |a: &[String], b: &[String]| a.len() == b.len() && a.iter().all(|x| b.contains(x));
    let mut k = 0;
    while k < claims.len() {
        let claim = &claims[k];
        let Some(j) = claims[..k]
            .iter()
            .position(|m| m.action == claim.action && same_agents(&m.actors, &claim.actors))
        else {
            k += 1;
            continue;
        };
        let claim = claims.remove(k);
        let same = &mut claims[j];
        for t in claim.targets {
            push_unique(&mut same.targets, t);
        }
        for b in claim.by {
            push_unique(&mut same.by, b);
        }
        if same.likelihood.is_none() {
            same.likelihood = claim.likelihood;
        }
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Keeps the first of equal entries, in order: the kept ones move to the front.
fn dedup<T: PartialEq>(list: &mut Vec<T>) {
    let mut kept = 0;
    for k in 0..list.len() {
        if !list[..kept].contains(&list[k]) {
            list.swap(kept, k);
            kept += 1;
        }
    }
    list.truncate(kept);
}

#[cfg(test)]
mod source_tests {
    use super::*;

    #[test]
    fn text_sources_need_a_source_noun_and_lose_trailing_adverbs() {
        let registry = Registry::builtin();
        let lexicon = Lexicon::builtin();
        let by = vec![
            "US officials also".to_string(),
            "Its".to_string(),
            "the September update".to_string(),
            "fbi".to_string(),
            "a senior intelligence official".to_string(),
        ];
        assert_eq!(
            clean_sources(by, &registry, &lexicon),
            ["US officials", "fbi", "a senior intelligence official"]
        );
    }
}
