//! One test per claim rule, on sentences of our own, and the seed article against its gold.
//! Mentions come from a small name table (no gazetteer here): the longest name wins.

use std::collections::BTreeSet;

use super::*;
use crate::extract::MatchKind;

const COUNTRIES: &str = r#"
[[country]]
code = "RU"
alpha3 = "RUS"
name = "Russia"
slug = "russia"
[[country]]
code = "IR"
alpha3 = "IRN"
name = "Iran"
slug = "iran"
[[country]]
code = "CN"
alpha3 = "CHN"
name = "China"
slug = "china"
[[country]]
code = "CU"
alpha3 = "CUB"
name = "Cuba"
slug = "cuba"
[[country]]
code = "US"
alpha3 = "USA"
name = "United States"
slug = "united-states"
[[country]]
code = "UA"
alpha3 = "UKR"
name = "Ukraine"
slug = "ukraine"
[[country]]
code = "IL"
alpha3 = "ISR"
name = "Israel"
slug = "israel"
[[country]]
code = "TW"
alpha3 = "TWN"
name = "Taiwan"
slug = "taiwan"
"#;

const ACTORS: &str = r#"
[[actor]]
id = "irgc"
name = "Islamic Revolutionary Guard Corps"
kind = "organization"
country = "IR"
[[actor]]
id = "donald-trump"
name = "Donald Trump"
kind = "person"
country = "US"
[[actor]]
id = "kamala-harris"
name = "Kamala Harris"
kind = "person"
country = "US"
[[actor]]
id = "voice-of-america"
name = "Voice of America"
kind = "media"
country = "US"
[[actor]]
id = "us-intelligence"
name = "US intelligence community"
kind = "organization"
country = "US"
[[actor]]
id = "meta"
name = "Meta"
kind = "organization"
country = "US"
[[actor]]
id = "doppelganger"
name = "Doppelganger"
kind = "operation"
country = "RU"
[[actor]]
id = "vladimir-putin"
name = "Vladimir Putin"
kind = "person"
country = "RU"
"#;

/// Name -> (actor id, how). Longest names first when they overlap.
const NAMES: &[(&str, &str, MatchKind)] = &[
    ("Moscow", "russia", MatchKind::Capital),
    ("Kremlin", "russia", MatchKind::Metonym),
    ("Russia", "russia", MatchKind::Name),
    ("Russian", "russia", MatchKind::Demonym),
    ("Tehran", "iran", MatchKind::Capital),
    ("Iran", "iran", MatchKind::Name),
    ("Iranian", "iran", MatchKind::Demonym),
    ("Beijing", "china", MatchKind::Capital),
    ("China", "china", MatchKind::Name),
    ("Chinese", "china", MatchKind::Demonym),
    ("Havana", "cuba", MatchKind::Capital),
    ("Cuba", "cuba", MatchKind::Name),
    (
        "US intelligence agencies",
        "us-intelligence",
        MatchKind::Alias,
    ),
    ("US intelligence", "us-intelligence", MatchKind::Alias),
    ("US officials", "us-intelligence", MatchKind::Alias),
    ("US", "united-states", MatchKind::Code),
    ("U.S.", "united-states", MatchKind::Code),
    ("American", "united-states", MatchKind::Demonym),
    ("Donald Trump", "donald-trump", MatchKind::Name),
    ("Trump", "donald-trump", MatchKind::Surname),
    ("Kamala Harris", "kamala-harris", MatchKind::Name),
    ("Harris", "kamala-harris", MatchKind::Surname),
    ("Islamic Revolutionary Guard Corps", "irgc", MatchKind::Name),
    ("IRGC", "irgc", MatchKind::Alias),
    ("Voice of America", "voice-of-america", MatchKind::Name),
    ("VoA", "voice-of-america", MatchKind::Alias),
    ("Ukraine", "ukraine", MatchKind::Name),
    ("Ukrainian", "ukraine", MatchKind::Demonym),
    ("Kyiv", "ukraine", MatchKind::Capital),
    ("Israel", "israel", MatchKind::Name),
    ("Taiwan", "taiwan", MatchKind::Name),
    ("Facebook", "meta", MatchKind::Alias),
    ("Putin", "vladimir-putin", MatchKind::Surname),
    ("Doppelganger", "doppelganger", MatchKind::Name),
];

fn registry() -> Registry {
    Registry::from_toml(COUNTRIES, ACTORS).expect("test world parses")
}

/// Finds the table's names in each block, whole words, longest first, case-sensitive.
fn mentions_in(blocks: &[&str]) -> Vec<Mention<'static>> {
    let mut names: Vec<&(&str, &str, MatchKind)> = NAMES.iter().collect();
    names.sort_by_key(|(name, _, _)| std::cmp::Reverse(name.len()));
    let mut found = Vec::new();
    for (block, text) in blocks.iter().enumerate() {
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (name, actor, how) in &names {
            for (start, _) in text.match_indices(name) {
                let end = start + name.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if !word_edge(before)
                    || !word_edge(after)
                    || taken.iter().any(|&(s, e)| s < end && start < e)
                {
                    continue;
                }
                taken.push((start, end));
                found.push(Mention {
                    block,
                    start,
                    end,
                    actor,
                    how: *how,
                });
            }
        }
    }
    found.sort_by_key(|m| (m.block, m.start));
    found
}

pub(super) fn claims_of_blocks(blocks: &[&str]) -> Vec<ExtractedClaim> {
    let lexicon = Lexicon::builtin();
    extract_claims(blocks, &mentions_in(blocks), &registry(), &lexicon)
}

/// The claims of one paragraph (an empty title first).
pub(super) fn claims(text: &str) -> Vec<ExtractedClaim> {
    claims_of_blocks(&["", text])
}

pub(super) fn summary(claims: &[ExtractedClaim]) -> Vec<(String, String, String)> {
    claims
        .iter()
        .map(|c| (c.actors.join("+"), c.action.clone(), c.targets.join("+")))
        .collect()
}

pub(super) fn one(text: &str) -> ExtractedClaim {
    let found = claims(text);
    assert_eq!(
        found.len(),
        1,
        "expected one claim in {text:?}, got {:#?}",
        summary(&found)
    );
    found.into_iter().next().unwrap()
}

#[test]
fn metonym_subject_is_agent() {
    let c = one("Moscow prefers Donald Trump.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.targets),
        (
            vec!["russia".to_string()],
            "prefers_candidate",
            vec!["donald-trump".to_string()]
        )
    );
}

#[test]
fn attributor_is_never_the_agent() {
    let c = one("US officials said Moscow prefers Trump.");
    assert_eq!(c.actors, ["russia"]);
    assert_eq!(c.by, ["us-intelligence"]);
    // With a plain state mention, the source is named by its words.
    let c = one("American officials said Moscow prefers Trump.");
    assert_eq!(c.actors, ["russia"]);
    assert_eq!(c.by, ["American officials"]);
}

#[test]
fn takedown_source_is_by_and_linked_state_is_agent() {
    let c = one("Facebook removed pages tied to Iran.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.by),
        (
            vec!["iran".to_string()],
            "targets",
            vec!["meta".to_string()]
        )
    );
}

#[test]
fn the_platform_a_takedown_removed_from_or_by_is_not_an_agent() {
    for text in [
        "Officials said 50 accounts linked to Iran had been removed from Facebook.",
        "Officials said 50 accounts linked to Iran were removed by Facebook.",
    ] {
        let found = claims(text);
        assert!(!found.is_empty(), "{text}");
        for c in found {
            assert_eq!(c.actors, ["iran"], "{text}");
        }
    }
}

#[test]
fn according_to_sets_by() {
    let c = one("According to Voice of America, Iran targeted the Trump campaign.");
    assert_eq!(
        (c.actors, c.by, c.targets),
        (
            vec!["iran".to_string()],
            vec!["voice-of-america".to_string()],
            vec!["donald-trump".to_string()]
        )
    );
    let c = one("Russia hacked the emails, as per VoA.");
    assert_eq!(c.by, ["voice-of-america"]);
}

#[test]
fn inverted_said_sets_by() {
    let c = one("Iran will target Trump, said an intelligence official.");
    assert_eq!(c.by, ["intelligence official"]);
}

#[test]
fn officials_without_actor_are_plain_text() {
    let c = one("Officials said Beijing targeted Taiwan.");
    assert_eq!(c.by, ["Officials"]);
    assert_eq!(c.targets, ["taiwan"]);
}

#[test]
fn source_earlier_in_the_paragraph_carries() {
    let found =
        claims("US intelligence briefed reporters on Monday. Russia hacked the Harris campaign.");
    assert_eq!(
        summary(&found),
        [(
            "russia".into(),
            "hack_and_leak".into(),
            "kamala-harris".into()
        )]
    );
    assert_eq!(found[0].by, ["us-intelligence"]);
}

#[test]
fn coordinated_subjects_are_all_agents() {
    let c = one("Russia and Iran spread disinformation about the vote.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (
            vec!["russia".to_string(), "iran".to_string()],
            "disinformation"
        )
    );
}

#[test]
fn two_actions_in_one_sentence() {
    let found =
        claims("Moscow ran operations aimed at boosting Trump's campaign while hurting Harris's.");
    assert_eq!(
        summary(&found),
        [
            ("russia".into(), "amplifies".into(), "donald-trump".into()),
            ("russia".into(), "denigrates".into(), "kamala-harris".into()),
        ]
    );
}

#[test]
fn second_subject_after_while_is_its_own_agent() {
    let found = claims("Moscow prefers Donald Trump, while Tehran prefers Kamala Harris.");
    assert_eq!(
        summary(&found),
        [
            (
                "russia".into(),
                "prefers_candidate".into(),
                "donald-trump".into()
            ),
            (
                "iran".into(),
                "prefers_candidate".into(),
                "kamala-harris".into()
            ),
        ]
    );
}

#[test]
fn linked_suffix_makes_the_agent() {
    let found = claims("Iran-linked accounts amplified the false stories.");
    assert_eq!(
        summary(&found),
        [
            ("iran".into(), "amplifies".into(), "".into()),
            ("iran".into(), "disinformation".into(), "".into())
        ]
    );
}

#[test]
fn operation_traced_to_an_organisation_names_it_as_agent() {
    let c = one(
        "The hack-and-leak operation has been traced to three operatives working for Iran's IRGC.",
    );
    assert_eq!(
        (c.action.as_str(), c.actors.contains(&"irgc".to_string())),
        ("hack_and_leak", true)
    );
}

#[test]
fn demonym_before_a_noun_cue_is_agent() {
    let c = one("The memo described a Russian disinformation campaign.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec!["russia".to_string()], "disinformation")
    );
}

#[test]
fn passive_by_phrase_is_agent_and_subject_is_target() {
    let c = one("Harris's campaign was targeted by Russian bots.");
    assert_eq!(
        (c.actors, c.targets),
        (
            vec!["russia".to_string()],
            vec!["kamala-harris".to_string()]
        )
    );
}

#[test]
fn plural_anaphor_resolves_to_previous_agents() {
    let found = claims(
        "Moscow prefers Trump while Tehran prefers Harris. Both will likely spread disinformation.",
    );
    let last = found.last().unwrap();
    assert_eq!(
        (last.actors.clone(), last.action.as_str()),
        (
            vec!["russia".to_string(), "iran".to_string()],
            "disinformation"
        )
    );
}

#[test]
fn singular_anaphor_resolves_to_one_state() {
    let found = claims("Tehran hacked the Trump campaign. The country also targeted Harris.");
    assert_eq!(found[1].actors, ["iran"]);
}

#[test]
fn unresolved_pronoun_makes_no_claim() {
    assert!(
        claims("As for Iran, Trump's stance is likely why it would prefer Harris over Trump.")
            .is_empty()
    );
}

#[test]
fn prefers_candidate_needs_a_person() {
    assert!(claims("How far will Harris go to back Israel?").is_empty());
    assert!(claims("Trump has been a skeptic, which would favor Moscow.").is_empty());
}

#[test]
fn denigrates_needs_a_person() {
    assert!(
        claims("Russia seeks to undermine confidence in the election results.")
            .iter()
            .all(|c| c.action != "denigrates")
    );
}

#[test]
fn yet_to_is_not_a_claim() {
    assert!(claims("Beijing has yet to exert its influence on the elections.").is_empty());
}

#[test]
fn negations_are_not_claims() {
    for text in [
        "Russia did not interfere in the vote.",
        "Iran has not targeted the campaign.",
        "There is no evidence that Russia hacked the Harris campaign.",
        "Moscow never funded the group.",
        "China didn't spread disinformation, officials said.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:#?}", claims(text));
    }
}

#[test]
fn idioms_are_not_their_verbs_action() {
    // "pay attention" pays no money; "backed down" backs no one.
    for text in [
        "Russian diplomats paid close attention to the governor's race in Ohio.",
        "Tehran backed down after Donald Trump threatened tariffs.",
    ] {
        assert!(
            claims(text)
                .iter()
                .all(|c| c.action != "funds" && c.action != "prefers_candidate"),
            "{text}: {:#?}",
            summary(&claims(text))
        );
    }
    // The verb alone keeps its action.
    let c = one("Moscow paid bloggers to praise Donald Trump.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec!["russia".to_string()], "funds")
    );
}

#[test]
fn continuation_after_a_negated_cue_keeps_its_agent() {
    let c = one(
        "Beijing has yet to exert its influence on the elections, instead focusing on local candidates.",
    );
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec!["china".to_string()], "targets")
    );
}

#[test]
fn denial_gives_the_denier_a_denies_claim_and_nobody_else_one() {
    let c = one("Moscow denied that Iran interfered in the election.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.by.clone()),
        (
            vec!["russia".to_string()],
            "denies",
            vec!["russia".to_string()]
        )
    );
    let c = one("Beijing rejected the notion in a VoA inquiry.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.targets.len()),
        (vec!["china".to_string()], "denies", 0)
    );
}

#[test]
fn likelihood_is_the_longest_term() {
    assert_eq!(
        one("Havana almost certainly has targeted Trump.")
            .likelihood
            .unwrap()
            .term,
        "almost certain"
    );
    assert_eq!(
        one("Russia will very likely target Harris.")
            .likelihood
            .unwrap()
            .term,
        "very likely"
    );
    assert_eq!(
        one("Russia will likely target Harris.")
            .likelihood
            .unwrap()
            .term,
        "likely"
    );
    assert_eq!(
        one("Russia is unlikely to target Harris.")
            .likelihood
            .unwrap()
            .term,
        "unlikely"
    );
    assert!(one("Russia targeted Harris.").likelihood.is_none());
}

#[test]
fn object_after_a_preposition_is_not_an_agent() {
    assert!(claims("Sanctions against Tehran were followed by efforts to meddle.").is_empty());
}

#[test]
fn title_claims_are_allowed() {
    let found = claims_of_blocks(&["Russia targets Ukraine", "Nothing else."]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].block, found[0].actors.clone()),
        (0, vec!["russia".to_string()])
    );
}

#[test]
fn claim_text_is_the_sentence_and_its_span() {
    let text = "A first sentence. Moscow prefers Trump. A last one.";
    let c = one(text);
    assert_eq!(c.text, "Moscow prefers Trump.");
    assert_eq!(&text[c.start..c.end], c.text);
    assert_eq!(c.block, 1);
}

/// The seed article's text, without its page furniture.
fn seed_blocks() -> Vec<String> {
    const FURNITURE: [&str; 4] = [
        "JOIN US ON TELEGRAM",
        "Follow our coverage",
        "Sanctions Busting:",
        "You can also highlight",
    ];
    let raw = include_str!("../../../tests/fixtures/seed/000_6eda3b05087c9b46.txt");
    let mut blocks = vec![String::new()];
    blocks.extend(
        raw.lines()
            .filter(|l| !l.trim().is_empty() && !FURNITURE.iter().any(|f| l.starts_with(f)))
            .map(str::to_string),
    );
    blocks
}

/// One gold claim: actors (irgc counts as iran), action, acceptable sources, likelihood.
struct Gold {
    actors: &'static [&'static str],
    action: &'static str,
    by: &'static [&'static str],
    likelihood: Option<&'static str>,
}

fn state_of(actor: &str) -> &str {
    if actor == "irgc" { "iran" } else { actor }
}

fn matches_gold(c: &ExtractedClaim, g: &Gold) -> bool {
    let ours: BTreeSet<&str> = c.actors.iter().map(|a| state_of(a)).collect();
    let gold: BTreeSet<&str> = g.actors.iter().map(|a| state_of(a)).collect();
    ours == gold
        && c.action == g.action
        && c.by.iter().any(|b| g.by.contains(&b.as_str()))
        && g.likelihood
            .is_none_or(|l| c.likelihood.as_ref().is_some_and(|ours| ours.term == l))
}

#[test]
fn seed_article_matches_its_gold_claims() {
    let blocks = seed_blocks();
    let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let found = claims_of_blocks(&blocks);
    let officials: &[&str] = &["us-intelligence", "officials", "The officials"];
    let gold = [
        Gold {
            actors: &["russia"],
            action: "prefers_candidate",
            by: officials,
            likelihood: None,
        },
        Gold {
            actors: &["iran"],
            action: "prefers_candidate",
            by: officials,
            likelihood: None,
        },
        Gold {
            actors: &["russia"],
            action: "amplifies",
            by: officials,
            likelihood: None,
        },
        Gold {
            actors: &["russia"],
            action: "denigrates",
            by: officials,
            likelihood: None,
        },
        Gold {
            actors: &["iran", "irgc"],
            action: "hack_and_leak",
            by: &["voice-of-america"],
            likelihood: None,
        },
        Gold {
            actors: &["russia", "iran"],
            action: "disinformation",
            by: &["us-intelligence"],
            likelihood: Some("likely"),
        },
        Gold {
            actors: &["china"],
            action: "targets",
            by: officials,
            likelihood: None,
        },
        Gold {
            actors: &["russia"],
            action: "targets",
            by: &["intelligence official"],
            likelihood: None,
        },
        Gold {
            actors: &["cuba"],
            action: "targets",
            by: &["official", "intelligence official"],
            likelihood: Some("almost certain"),
        },
        Gold {
            actors: &["china"],
            action: "denies",
            by: &["china"],
            likelihood: None,
        },
    ];
    let matched: Vec<bool> = gold
        .iter()
        .map(|g| found.iter().any(|c| matches_gold(c, g)))
        .collect();
    let report: Vec<String> = found
        .iter()
        .map(|c| {
            format!(
                "{:?} {} {:?} by {:?} {:?} :: {}",
                c.actors,
                c.action,
                c.targets,
                c.by,
                c.likelihood.as_ref().map(|l| &l.term),
                c.text
            )
        })
        .collect();
    let hits = matched.iter().filter(|&&m| m).count();
    assert!(
        hits >= 8,
        "{hits}/10 gold claims matched {matched:?}; found:\n{}",
        report.join("\n")
    );
    // No claim names its attributor as actor.
    let attributors = ["us-intelligence", "voice-of-america", "united-states"];
    for c in &found {
        assert!(
            c.actors.iter().all(|a| !attributors.contains(&a.as_str())),
            "attributor as actor: {c:#?}"
        );
    }
    println!(
        "seed: {hits}/10 gold claims matched {matched:?}\n{}",
        report.join("\n")
    );
}

#[test]
fn with_phrase_subject_of_a_gerund_is_agent() {
    let found = claims(
        "Moscow prefers Trump, while Tehran prefers Kamala Harris, with both nations seeking to influence the outcome.",
    );
    let last = found.last().unwrap();
    assert_eq!(
        (last.actors.clone(), last.action.as_str()),
        (vec!["russia".to_string(), "iran".to_string()], "targets")
    );
    assert!(
        found
            .iter()
            .all(|c| !c.actors.contains(&"kamala-harris".to_string()))
    );
}

/// Times claim extraction over a generated corpus:
/// `DOSSIER_BENCH_DIR=/tmp/digest-10000 cargo test --release --lib bench_claims -- --ignored --nocapture`.
/// Mentions come from the test name table (the real gazetteer lives elsewhere); only
/// `extract_claims` is timed.
#[test]
#[ignore]
fn bench_claims_on_corpus() {
    let Ok(dir) = std::env::var("DOSSIER_BENCH_DIR") else {
        return;
    };
    let mut articles: Vec<Vec<String>> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let raw = std::fs::read_to_string(path).unwrap();
        let (front, body) = raw.trim_start_matches("+++").split_once("+++").unwrap();
        let title = front
            .lines()
            .find_map(|l| l.strip_prefix("title = "))
            .unwrap_or("")
            .trim_matches('"')
            .to_string();
        let mut blocks = vec![title];
        blocks.extend(
            body.split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
        articles.push(blocks);
    }
    let registry = registry();
    let lexicon = Lexicon::builtin();
    let prepared: Vec<(Vec<&str>, Vec<Mention>)> = articles
        .iter()
        .map(|a| {
            let blocks: Vec<&str> = a.iter().map(String::as_str).collect();
            let mentions = mentions_in(&blocks);
            (blocks, mentions)
        })
        .collect();
    // The best of three runs: the machine is shared.
    let mut best = f64::MAX;
    let mut count = 0;
    let runs = if std::env::var("DOSSIER_BENCH_SETUP_ONLY").is_ok() {
        0
    } else {
        3
    };
    for _ in 0..runs {
        let started = std::time::Instant::now();
        count = 0;
        for (blocks, mentions) in &prepared {
            count += extract_claims(blocks, mentions, &registry, &lexicon).len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    if runs == 0 {
        return;
    }
    let t = std::time::Instant::now();
    let mut cues = 0;
    for (blocks, _) in &prepared {
        for b in blocks {
            cues += lexicon.matcher().find(b).len();
        }
    }
    println!(
        "cue pass alone: {cues} cues, {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let t = std::time::Instant::now();
    let mut n = 0;
    for (blocks, _) in &prepared {
        for b in blocks {
            n += crate::extract::sentences::split_sentences(b).len();
        }
    }
    println!(
        "splitting every block: {n} sentences, {:.3} s",
        t.elapsed().as_secs_f64()
    );
    println!(
        "{} articles, {count} claims, extract_claims {best:.3} s on one thread",
        prepared.len()
    );
}
