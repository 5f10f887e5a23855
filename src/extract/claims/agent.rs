//! Who does it and to whom: the agent of an action cue (the subject before it, an "X-linked" or
//! "tied to X" phrase, an anaphor, or the agent of the previous cue it continues) and its targets
//! (the mentions in the object after it). Attributors are never agents.

use super::Sentence;
use super::cues::Cue;
use super::items::Kind;
use crate::extract::MatchKind;
use crate::registry::ActorKind;

/// Furthest an agent may stand before its cue, in words.
const MAX_WALK_WORDS: usize = 15;
/// Furthest a cue may follow the previous one and still share its agent ("boosting X while hurting Y").
const MAX_INHERIT_WORDS: usize = 8;
/// Furthest a linker may follow its cue ("operation ... traced to X").
const MAX_LINK_WORDS: usize = 20;
/// Furthest the bare linkers "by" and "from" may follow their cue.
const MAX_NEAR_LINK_WORDS: usize = 4;
/// Longest object phrase searched for targets, in words.
const MAX_TARGET_WORDS: usize = 10;
/// Furthest an origin may follow its asset ("accounts, pages and groups ... tied to X").
const MAX_ASSET_LINK_WORDS: usize = 12;

/// What is found walking back from a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walk {
    /// The subject: block mention indices, and how many words stand between it and the cue.
    Mentions(Vec<usize>, usize),
    /// An anaphor ("both", "the country") at this item.
    Anaphor(usize),
    /// No subject of its own: continues the previous action cue at this item.
    Inherit(usize),
    Nothing,
}

/// How the word before a mention makes it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Subject,
    /// After "tied to", "from", "backed by": the agent.
    Linked,
    /// After a preposition or an action verb: an object.
    Object,
}

const DETERMINERS: [&str; 3] = ["the", "a", "an"];

/// `near_cue`: the phrase stands right before its cue, where "with X V-ing" makes X the agent.
fn role_before(s: &Sentence, at: usize, near_cue: bool) -> Role {
    let mut k = at;
    while k > 0 {
        k -= 1;
        let item = &s.items[k];
        match item.kind {
            Kind::Word if DETERMINERS.contains(&s.word(k)) => continue,
            Kind::Cue(Cue::Linker) => return Role::Linked,
            // "with ties to X" links X; "posted links to X sites" makes X an object.
            Kind::Cue(Cue::LinkNoun) if holds_link(s, k) => return Role::Linked,
            Kind::Cue(Cue::LinkNoun) => return Role::Object,
            Kind::Cue(Cue::Preposition) if near_cue && s.word(k) == "with" => return Role::Subject,
            Kind::Cue(Cue::Preposition) => return Role::Object,
            Kind::Cue(Cue::Action { noun: false, .. }) => return Role::Object,
            _ => return Role::Subject,
        }
    }
    Role::Subject
}

/// The coordinated mentions ending at item `last` ("Russia, China and Iran"), and where they start.
fn group(s: &Sentence, last: usize, attributor: &[bool]) -> (Vec<usize>, usize) {
    let mut found = vec![s.items[last].mention().expect("a mention")];
    let mut first = last;
    let mut k = last;
    while k > 0 {
        k -= 1;
        match s.items[k].kind {
            Kind::Punct(',') | Kind::Cue(Cue::Coordinator) => {}
            Kind::Word if s.word(k) == "both" => {}
            Kind::Mention {
                index, possessive, ..
            } if !attributor[index] => {
                // A possessive joins only when adjacent: "Iran's IRGC".
                if possessive && k + 1 != first {
                    break;
                }
                found.push(index);
                first = k;
            }
            _ => break,
        }
    }
    found.reverse();
    (found, first)
}

/// Walks back from the action cue at item `cue` to its subject. A possessive is a subject only
/// right before a noun cue ("Iran's propaganda") or of a passive ("Harris's campaign was targeted").
pub fn walk_back(s: &Sentence, cue: usize, noun: bool, passive: bool, attributor: &[bool]) -> Walk {
    let depth = s.items[cue].depth;
    let mut words = 0;
    let mut j = cue;
    while j > 0 {
        j -= 1;
        let item = &s.items[j];
        if item.depth > depth {
            continue; // a parenthetical aside
        }
        match item.kind {
            Kind::Mention {
                index,
                possessive,
                linked,
            } => {
                if attributor[index] {
                    return Walk::Nothing;
                }
                // "Russia's efforts to interfere", "Russian attempts to hack": the effort's owner.
                let owns_effort = (possessive || s.mentions[index].how == MatchKind::Demonym)
                    && s.items.get(j + 1).and_then(|i| i.cue()) == Some(Cue::Effort);
                if owns_effort {
                    return Walk::Mentions(group(s, j, attributor).0, words);
                }
                if names_platform_asset(s, j) {
                    continue; // "Twitter accounts designed to amplify ...": the platform hosts them
                }
                if possessive && !linked {
                    if (noun && words <= 1) || passive {
                        return Walk::Mentions(group(s, j, attributor).0, words);
                    }
                    continue;
                }
                // A demonym right before a noun cue is its agent wherever the phrase stands
                // ("a campaign against Russian disinformation").
                let modifies_noun =
                    noun && words <= 1 && s.mentions[index].how == MatchKind::Demonym;
                let (mentions, first) = group(s, j, attributor);
                let role = role_before(s, first, words == 0);
                // "with input from the NSA ... disparaging": a bare "from"/"by" reaches only near.
                let far_bare = role == Role::Linked
                    && words > MAX_NEAR_LINK_WORDS
                    && (0..first)
                        .rev()
                        .find(|&k| !DETERMINERS.contains(&s.word(k)))
                        .is_some_and(|k| matches!(s.word(k), "by" | "from"));
                if linked || modifies_noun || (role != Role::Object && !far_bare) {
                    return Walk::Mentions(mentions, words);
                }
            }
            Kind::Cue(c) => match c {
                Cue::Action { .. } | Cue::Takedown => {
                    return if words <= MAX_INHERIT_WORDS {
                        Walk::Inherit(j)
                    } else {
                        Walk::Nothing
                    };
                }
                Cue::Reporting | Cue::According | Cue::Blocker => return Walk::Nothing,
                Cue::AnaphorPlural | Cue::AnaphorSingular
                    if role_before(s, j, words == 0) != Role::Object =>
                {
                    return Walk::Anaphor(j);
                }
                _ => words += 1,
            },
            Kind::Word => words += 1,
            Kind::Punct(';' | ':' | '?' | '!') => return Walk::Nothing,
            Kind::Punct(_) => {}
        }
        if words > MAX_WALK_WORDS {
            return Walk::Nothing;
        }
    }
    Walk::Nothing
}

/// Whether the mention at item `at` names the platform or outlet of the asset after it.
fn names_platform_asset(s: &Sentence, at: usize) -> bool {
    let Kind::Mention {
        index,
        possessive: false,
        linked: false,
    } = s.items[at].kind
    else {
        return false;
    };
    s.items.get(at + 1).and_then(|i| i.cue()) == Some(Cue::Asset { agent: false })
        && s.registry
            .actor(s.mentions[index].actor)
            .is_some_and(|a| matches!(a.kind, ActorKind::Organization | ActorKind::Media))
}

/// Whether a verb cue is passive ("was targeted by", "were posted and amplified", "documents
/// leaked by X"): its subject is then a target.
pub fn is_passive(s: &Sentence, cue: usize) -> bool {
    if by_follows(s, cue) {
        return true;
    }
    // "had been amplifying": a present participle is active.
    if s.word(cue).ends_with("ing") {
        return false;
    }
    // "was aimed at / targeted at the U.S.": the subject is what was aimed, not its target.
    let aimed = s.word(cue).ends_with(" at")
        || (s
            .items
            .get(cue + 1)
            .is_some_and(|i| i.cue() == Some(Cue::Preposition))
            && matches!(s.word(cue + 1), "at" | "toward" | "towards"));
    if aimed {
        return false;
    }
    let mut k = cue;
    let mut coordinated = false;
    while k > 0 {
        k -= 1;
        match s.items[k].kind {
            Kind::Cue(Cue::PassiveAuxiliary) => return true,
            Kind::Word if s.word(k).ends_with("ly") || s.word(k) == "also" => continue,
            Kind::Cue(Cue::Negation) => continue,
            // "were posted and amplified": a participle before "and" shares the auxiliary.
            Kind::Cue(Cue::Coordinator) if !coordinated => coordinated = true,
            Kind::Word | Kind::Cue(Cue::Action { noun: false, .. })
                if coordinated && s.word(k).ends_with("ed") =>
            {
                coordinated = false;
            }
            _ => return false,
        }
    }
    false
}

/// "leaked by X": a participle followed by "by" and a name is passive without an auxiliary.
fn by_follows(s: &Sentence, cue: usize) -> bool {
    s.items
        .get(cue + 1)
        .is_some_and(|i| i.cue() == Some(Cue::Linker))
        && s.word(cue + 1) == "by"
        && matches!(
            s.items.get(cue + 2).map(|i| i.kind),
            Some(Kind::Mention { .. })
        )
}

/// Agents named after the cue by a linker: "operation traced to X", "accounts tied to X",
/// "targeted by X", "disinformation from X".
pub fn linked_after(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    linked_within(s, cue, attributor, MAX_LINK_WORDS, BareLinkers::ByAndFrom)
}

/// The agents a takedown names after its verb: "removed pages tied to X". A bare "from" or "by"
/// there names the platform or who removed them ("removed from VKontakte", "removed by Meta").
pub fn takedown_linked(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    linked_within(s, cue, attributor, MAX_LINK_WORDS, BareLinkers::Neither)
}

/// Which bare linkers ("by", "from") may introduce an agent after a cue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BareLinkers {
    ByAndFrom,
    FromOnly,
    Neither,
}

fn linked_within(
    s: &Sentence,
    cue: usize,
    attributor: &[bool],
    max_words: usize,
    bare_linkers: BareLinkers,
) -> Vec<usize> {
    let mut words = 0;
    let mut crossed_comma = false;
    for k in cue + 1..s.items.len() {
        match s.items[k].kind {
            Kind::Cue(Cue::LinkNoun) if holds_link(s, k) => {
                return mentions_after(s, k, attributor);
            }
            Kind::Cue(c) if c.is_action() && !matches!(c, Cue::Asset { .. } | Cue::LinkNoun) => {
                break;
            }
            Kind::Cue(Cue::Linker) => {
                let bare = matches!(s.word(k), "by" | "from");
                // "by pushing the narrative that X": a means, not an agent.
                let gerund = s.word(k) == "by"
                    && s.items.get(k + 1).is_some_and(|i| i.is_word())
                    && s.word(k + 1).ends_with("ing");
                let excluded = match bare_linkers {
                    BareLinkers::ByAndFrom => false,
                    BareLinkers::FromOnly => s.word(k) == "by",
                    BareLinkers::Neither => bare,
                };
                let near = words <= MAX_NEAR_LINK_WORDS && !crossed_comma;
                // A bare "from"/"by" links only nearby, and not to a source called genuine.
                let bare_links = near && !names_genuine_source(s, k);
                if !gerund && !excluded && (!bare || bare_links) {
                    return mentions_after(s, k, attributor);
                }
                words += 1;
            }
            Kind::Punct(',') => crossed_comma = true,
            Kind::Punct(_) | Kind::Mention { .. } => {}
            Kind::Cue(_) | Kind::Word => words += 1,
        }
        if words > max_words {
            break;
        }
    }
    Vec::new()
}

/// The agents an influence asset names itself: an "X-linked" mention right before it, a
/// demonym before it ("Chinese accounts", "official Chinese accounts") unless the phrase is the
/// object of a preposition, for assets that are actors by nature also a state's possessive
/// ("Iran's proxies"); else an origin after it ("accounts tied to X", "accounts from X").
pub fn asset_agents(s: &Sentence, cue: usize, agent: bool, attributor: &[bool]) -> Vec<usize> {
    let before = match cue.checked_sub(1).map(|k| s.items[k].kind) {
        Some(Kind::Word) if cue >= 2 => cue - 2, // one adjective: "official Chinese accounts"
        _ => cue.saturating_sub(1),
    };
    if cue > 0
        && let Kind::Mention {
            index,
            possessive,
            linked,
        } = s.items[before].kind
        && !attributor[index]
    {
        let m = s.mentions[index];
        let state = s.registry.is_state(m.actor);
        let adjacent = before + 1 == cue;
        let (mentions, first) = group(s, before, attributor);
        let demonym = !possessive
            && m.how == MatchKind::Demonym
            && (agent || role_before(s, first, false) != Role::Object);
        let names_agent = (linked && adjacent)
            || (demonym && !linked)
            || (agent && adjacent && possessive && state);
        if names_agent {
            return mentions;
        }
    }
    // "accounts discovered by Twitter": a bare "by" after an asset names who found it.
    linked_within(
        s,
        cue,
        attributor,
        MAX_ASSET_LINK_WORDS,
        BareLinkers::FromOnly,
    )
}

/// Whether the phrase after the linker at `k`, up to its first mention, calls its source
/// genuine ("from legitimate US outlets"): a source that was copied, not an origin.
fn names_genuine_source(s: &Sentence, k: usize) -> bool {
    s.items[k + 1..]
        .iter()
        .enumerate()
        .take_while(|(_, item)| item.is_word())
        .any(|(n, _)| s.word_in(k + 1 + n, &s.lexicon.cues.genuine_words))
}

/// Whether the link noun at `k` follows a holder: "personas with ties to X", "had links to X".
fn holds_link(s: &Sentence, k: usize) -> bool {
    k > 0 && s.word_in(k - 1, &s.lexicon.cues.link_holders)
}

/// The agents of a finding of links: "X's investigation found links to Y", "researchers
/// identified clear ties to Y" (one word may stand between the finder and the noun).
pub fn found_links(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    let finder = |k: usize| s.word_in(k, &s.lexicon.cues.link_finders);
    let found = match cue {
        0 => false,
        1 => finder(0),
        _ => finder(cue - 1) || (s.items[cue - 1].kind == Kind::Word && finder(cue - 2)),
    };
    if found {
        mentions_after(s, cue, attributor)
    } else {
        Vec::new()
    }
}

/// An origin right after an active verb used as a noun ("Hacks tied to X"): no object between.
pub fn linked_right_after(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    for k in cue + 1..s.items.len().min(cue + 4) {
        match s.items[k].kind {
            Kind::Word => {}
            Kind::Cue(Cue::Linker) if !matches!(s.word(k), "by" | "from") => {
                return mentions_after(s, k, attributor);
            }
            _ => break,
        }
    }
    Vec::new()
}

/// Longest run of modifiers (determiner, adjectives, a demonym, a noun) before an asset word.
const MAX_ASSET_MODIFIERS: usize = 4;

/// Whether the asset at `cue` is the object of an action verb ("targeted the accounts of ...",
/// "sites posing as small American news outlets"): then what its phrase is linked to, or the
/// demonym that modifies it, belongs to the target or to what is imitated, not to an agent.
pub fn is_object(s: &Sentence, cue: usize) -> bool {
    let is_verb = |k: usize| matches!(s.items[k].cue(), Some(Cue::Action { noun: false, .. }));
    if (cue.saturating_sub(3)..cue).any(is_verb) {
        return true;
    }
    // The verb before the asset's whole noun phrase: plain words and non-possessive mentions.
    let mut k = cue;
    for _ in 0..=MAX_ASSET_MODIFIERS {
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        k = before;
        match s.items[k].kind {
            Kind::Word
            | Kind::Mention {
                possessive: false,
                linked: false,
                ..
            } => {}
            _ => return is_verb(k),
        }
    }
    false
}

/// The mentions of the short phrase after a linker ("three operatives working for Iran's IRGC").
fn mentions_after(s: &Sentence, linker: usize, attributor: &[bool]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut words = 0;
    for k in linker + 1..s.items.len() {
        match s.items[k].kind {
            Kind::Mention { index, .. } => {
                if !attributor[index] && !found.contains(&index) {
                    found.push(index);
                }
            }
            Kind::Punct('[' | ']' | '(' | ')' | ',') => {}
            Kind::Punct(_) => break,
            Kind::Cue(Cue::Linker | Cue::Coordinator | Cue::Preposition) => {}
            // A relative clause or a report starts: what follows is not the linked phrase.
            Kind::Cue(Cue::Blocker | Cue::ClauseBreak | Cue::Reporting) => break,
            Kind::Cue(_) if !found.is_empty() => break,
            Kind::Cue(_) | Kind::Word => {
                if !found.is_empty() {
                    break;
                }
                words += 1;
                if words > 6 {
                    break;
                }
            }
        }
    }
    found
}

/// Demonyms in the object of a takedown: "removed Iranian accounts".
pub fn demonym_objects(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    let mut found = Vec::new();
    for k in cue + 1..s.items.len().min(cue + 6) {
        match s.items[k].kind {
            Kind::Mention { index, .. } if !attributor[index] => {
                if s.mentions[index].how == crate::extract::MatchKind::Demonym {
                    found.push(index);
                }
            }
            Kind::Word => {}
            _ => break,
        }
    }
    found
}

/// The mentions in the object after a cue, up to the end of its clause.
pub fn targets_after(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut words = 0;
    let mut k = cue + 1;
    while k < s.items.len() {
        match s.items[k].kind {
            Kind::Mention { index, linked, .. } => {
                // "U.S.-based organizations" are in the U.S.; "Iran-linked accounts" are not Iran's targets.
                if linked && !s.text[s.items[k].start..s.items[k].end].ends_with("-based") {
                    break;
                }
                if !attributor[index] {
                    found.push(index);
                }
            }
            Kind::Cue(
                Cue::Preposition
                | Cue::Coordinator
                | Cue::Likelihood { .. }
                | Cue::PassiveAuxiliary
                | Cue::Asset { .. }
                | Cue::LinkNoun
                | Cue::Effort,
            ) => words += 1,
            Kind::Cue(_) => break,
            Kind::Word => words += 1,
            Kind::Punct(',') => {
                if !matches!(
                    s.items.get(k + 1).map(|i| i.kind),
                    Some(Kind::Mention { .. })
                ) {
                    break;
                }
            }
            Kind::Punct('(' | ')' | '[' | ']' | '“' | '”' | '"' | '‘' | '’' | '\'') => {}
            Kind::Punct(_) => break,
        }
        if words > MAX_TARGET_WORDS {
            break;
        }
        k += 1;
    }
    found
}
