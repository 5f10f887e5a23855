//! Tests of the origin, asset and attributor rules, on sentences of our own (the test world of
//! `tests.rs`: Russia, Iran, China, Cuba, the US, Ukraine, Israel, Taiwan, Facebook ...).

use super::tests::{claims, claims_of_blocks, one, summary};

fn s(x: &str) -> String {
    x.to_string()
}

fn actors_of(text: &str) -> Vec<String> {
    claims(text).iter().flat_map(|c| c.actors.clone()).collect()
}

#[test]
fn title_source_before_a_colon_is_by_and_never_agent() {
    let found = claims_of_blocks(&["Facebook: Pages Tied to Russia", ""]);
    assert_eq!(summary(&found), [(s("russia"), s("targets"), s(""))]);
    assert_eq!(found[0].by, ["meta"]);
}

#[test]
fn an_operation_before_a_title_colon_is_its_subject_not_its_source() {
    let found = claims_of_blocks(&["Doppelganger: Russian propaganda in cloned newspapers", ""]);
    assert_eq!(summary(&found), [(s("russia"), s("disinformation"), s(""))]);
    assert!(found[0].by.is_empty(), "{:?}", found[0].by);
}

#[test]
fn the_nationality_of_what_is_imitated_is_not_an_agent() {
    for text in [
        "Tehran built a dozen websites dressed up as small local American outlets.",
        "The network ran pages posing as genuine American activist groups.",
    ] {
        let found = claims(text);
        assert!(
            found
                .iter()
                .all(|c| !c.actors.contains(&s("united-states"))),
            "{text}: {:#?}",
            summary(&found)
        );
    }
}

#[test]
fn a_state_named_for_its_opponents_is_not_their_agent() {
    for text in [
        "The fake persona was run by an Iranian opposition group.",
        "Russian exiles spread disinformation about the election.",
        "Chinese dissidents amplified the leaked documents.",
    ] {
        assert!(actors_of(text).is_empty(), "{text}: {:#?}", actors_of(text));
    }
    // Still an agent when it acts on them.
    let c = one("Moscow threatened Russian exiles in Berlin.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec![s("russia")], "coerces")
    );
}

#[test]
fn a_finding_of_links_names_the_agent() {
    let c = one("Facebook's investigation found links to a small marketing firm in Iran.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.by),
        (vec![s("iran")], "targets", vec![s("meta")])
    );
    let c = one("Personas with ties to Iran amplified the story.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec![s("iran")], "amplifies")
    );
    for text in [
        "Researchers found no links to Russia.",
        "The accounts posted links to Russian news sites.",
        "Iran targeted people with ties to Israel.",
    ] {
        let found = claims(text);
        assert!(
            found.iter().all(|c| c.actors.iter().all(|a| a == "iran")),
            "{text}: {:#?}",
            summary(&found)
        );
    }
    assert_eq!(
        one("Iran targeted people with ties to Israel.").targets,
        [s("israel")]
    );
}

#[test]
fn origin_phrases_name_the_agent_of_an_asset() {
    for text in [
        "The pages originated in Iran and posted about the vote.",
        "Researchers found forty accounts operated from Iran.",
        "The network was based in Iran, the report says.",
        "Analysts traced several websites located in Iran.",
        "Iran-linked personas shared the story.",
    ] {
        assert_eq!(actors_of(text), ["iran"], "{text}");
    }
}

#[test]
fn assets_from_a_country_after_a_takedown_are_its_agents() {
    let found = claims("Facebook removed 50 accounts tied to Iran and 20 accounts from Russia.");
    let mut actors: Vec<String> = found.iter().flat_map(|c| c.actors.clone()).collect();
    actors.sort();
    assert_eq!(actors, ["iran", "russia"]);
    assert!(found.iter().all(|c| c.by == ["meta"]));
}

#[test]
fn the_attributing_party_is_never_an_agent_anywhere_in_the_article() {
    // Named again in its own sentence ...
    let found =
        claims("Facebook removed 20 Facebook accounts for coordinated inauthentic behavior.");
    assert!(
        found.iter().all(|c| !c.actors.contains(&s("meta"))),
        "{found:#?}"
    );
    // ... or, reporting the article (a title's source, a takedown), in a later paragraph.
    let found = claims_of_blocks(&[
        "Facebook: Russia Targeted the Vote",
        "Facebook targeted the campaign of Harris.",
    ]);
    assert_eq!(summary(&found), [(s("russia"), s("targets"), s(""))]);
    // A party merely quoted may act elsewhere, and a reporting party may still deny.
    let found = claims_of_blocks(&[
        "Facebook: Pages Tied to Iran",
        "According to Moscow, Iran targeted Ukraine. Moscow targeted the vote.",
        "Facebook denied the claims.",
    ]);
    assert_eq!(
        summary(&found),
        [
            (s("iran"), s("targets"), s("")),
            (s("iran"), s("targets"), s("ukraine")),
            (s("russia"), s("targets"), s("")),
            (s("meta"), s("denies"), s("")),
        ]
    );
}

#[test]
fn a_platform_before_an_asset_is_not_its_agent() {
    assert!(
        claims("Analysts found Facebook accounts designed to amplify the messages.").is_empty()
    );
}

#[test]
fn demonym_before_a_noun_cue_is_its_agent_after_a_preposition() {
    let c = one("Officials warned voters about Russian disinformation.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec![s("russia")], "disinformation")
    );
}

#[test]
fn owner_of_efforts_is_the_agent() {
    let c = one("Analysts described Iran's efforts to interfere in the vote.");
    assert_eq!((c.actors, c.action.as_str()), (vec![s("iran")], "targets"));
    let c = one("The memo details Russian attempts to hack the Harris campaign.");
    assert_eq!(c.actors, ["russia"]);
}

#[test]
fn verb_cue_after_an_article_is_a_noun() {
    assert!(claims("The influence of China grew over the year.").is_empty());
    assert!(claims("Most of the targets were based in Ukraine.").is_empty());
    // Before a noun it stays a cue.
    assert_eq!(
        actors_of("Officials said Iran was behind a hacking operation."),
        ["iran"]
    );
}

#[test]
fn participle_with_by_is_passive() {
    let c = one("Documents leaked by Russia embarrassed Ukraine.");
    assert_eq!(c.actors, ["russia"]);
    // "were posted and amplified": no agent before a coordinated passive.
    assert!(claims("Ukrainian papers were posted and amplified online.").is_empty());
}

#[test]
fn an_active_verb_object_names_no_agent() {
    let found = claims("Iranian hackers targeted people associated with Donald Trump.");
    assert!(found.iter().all(|c| c.actors == ["iran"]), "{found:#?}");
}

#[test]
fn by_before_a_gerund_is_a_means_not_an_agent() {
    let found = claims("They backed a Russian disinformation campaign by blaming Ukraine for it.");
    assert_eq!(summary(&found), [(s("russia"), s("disinformation"), s(""))]);
}

#[test]
fn far_bare_from_is_not_a_link() {
    let found = claims(
        "The memo was written with input from Taiwan and several other partners and then describes disparaging Harris.",
    );
    assert!(
        found.iter().all(|c| !c.actors.contains(&s("taiwan"))),
        "{found:#?}"
    );
}

#[test]
fn based_suffix_after_a_target_cue_is_a_target() {
    let c = one("Chinese operatives targeted U.S.-based companies.");
    assert_eq!(c.targets, ["united-states"]);
    let c = one("The campaign, linked to Iran, was aimed at U.S. voters.");
    assert_eq!(
        (c.actors, c.targets),
        (vec![s("iran")], vec![s("united-states")])
    );
}

#[test]
fn agent_assets_take_a_demonym_general_assets_only_as_subject() {
    assert_eq!(
        actors_of("Iranian sockpuppets praised the candidate."),
        ["iran"]
    );
    assert_eq!(
        actors_of("Chinese accounts grew more aggressive."),
        ["china"]
    );
    assert!(claims("Researchers studied posts on Russian websites.").is_empty());
}

#[test]
fn web_domains_are_assets() {
    assert_eq!(
        actors_of("Reporters found example.com connected to Russia."),
        ["russia"]
    );
}

#[test]
fn nominal_verb_tied_to_a_country_names_its_agent() {
    let found = claims_of_blocks(&["Hacks Possibly Tied to Iran", ""]);
    assert_eq!(summary(&found), [(s("iran"), s("hack_and_leak"), s(""))]);
}

#[test]
fn inciting_is_an_influence_action() {
    let c = one("Agents linked to Cuba incited violence at the rallies.");
    assert_eq!((c.actors, c.action.as_str()), (vec![s("cuba")], "targets"));
}

#[test]
fn denigrating_a_state_is_a_claim() {
    let c = one("China sought to disparage Taiwan.");
    assert_eq!(
        (c.actors, c.action.as_str(), c.targets),
        (vec![s("china")], "denigrates", vec![s("taiwan")])
    );
}

#[test]
fn a_passive_takedown_has_no_attributing_subject() {
    let found = claims(
        "Facebook removed pages tied to Iran. A Russian network of accounts was also removed.",
    );
    let last = found.last().unwrap();
    assert_eq!(last.actors, ["russia"]);
    assert_eq!(last.by, ["meta"]);
}

#[test]
fn present_participle_after_been_is_active() {
    let c = one("Russian trolls had been amplifying the story.");
    assert_eq!(
        (c.actors, c.action.as_str()),
        (vec![s("russia")], "amplifies")
    );
}

#[test]
fn according_to_reads_through_the_state() {
    let c = one("According to the state broadcaster Voice of America, Iran targeted Ukraine.");
    assert_eq!(c.by, ["voice-of-america"]);
}

#[test]
fn a_genuine_source_after_from_is_copied_not_an_origin() {
    assert!(
        actors_of("The pages reposted content from reputable Russian newspapers.").is_empty(),
        "a copied source is no agent"
    );
    assert_eq!(
        actors_of("The pages reposted content from Russian sources."),
        ["russia"],
        "an origin still is"
    );
}
