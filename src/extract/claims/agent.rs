//! Who does it and to whom: the agent of an action cue (the subject before it, an "X-linked" or
//! "tied to X" phrase, an anaphor, or the agent of the previous cue it continues) and its targets
//! (the mentions in the object after it). Attributors are never agents.

use super::Sentence;
use super::cues::Cue;
use super::items::Kind;

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

/// What is found walking back from a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walk {
    /// The subject: block mention indices.
    Mentions(Vec<usize>),
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
            Kind::Word if DETERMINERS.contains(&s.word(k).as_str()) => continue,
            Kind::Cue(Cue::Linker) => return Role::Linked,
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
                if possessive && !linked {
                    if (noun && words <= 1) || passive {
                        return Walk::Mentions(group(s, j, attributor).0);
                    }
                    continue;
                }
                let (mentions, first) = group(s, j, attributor);
                if linked || role_before(s, first, words == 0) != Role::Object {
                    return Walk::Mentions(mentions);
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

/// Whether a verb cue is passive ("was targeted by"): its subject is then a target.
pub fn is_passive(s: &Sentence, cue: usize) -> bool {
    let mut k = cue;
    while k > 0 {
        k -= 1;
        match s.items[k].kind {
            Kind::Cue(Cue::PassiveAuxiliary) => return true,
            Kind::Word if s.word(k).ends_with("ly") || s.word(k) == "also" => continue,
            Kind::Cue(Cue::Negation) => continue,
            _ => return false,
        }
    }
    false
}

/// Agents named after the cue by a linker: "operation traced to X", "accounts tied to X",
/// "targeted by X", "disinformation from X".
pub fn linked_after(s: &Sentence, cue: usize, attributor: &[bool]) -> Vec<usize> {
    let mut words = 0;
    let mut crossed_comma = false;
    for k in cue + 1..s.items.len() {
        match s.items[k].kind {
            Kind::Cue(c) if c.is_action() => break,
            Kind::Cue(Cue::Linker) => {
                let bare = matches!(s.word(k).as_str(), "by" | "from");
                if !bare || (words <= MAX_NEAR_LINK_WORDS && !crossed_comma) {
                    return mentions_after(s, k, attributor);
                }
                words += 1;
            }
            Kind::Punct(',') => crossed_comma = true,
            Kind::Punct(_) | Kind::Mention { .. } => {}
            Kind::Cue(_) | Kind::Word => words += 1,
        }
        if words > MAX_LINK_WORDS {
            break;
        }
    }
    Vec::new()
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
                if linked {
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
                | Cue::PassiveAuxiliary,
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
