//! One test per mention rule, each on a sentence of our own, against a small known world.

use super::super::{Gazetteer, MatchKind, Mention, extract_mentions};
use super::token_around;
use crate::registry::Registry;

const COUNTRIES: &str = r#"
[[country]]
code = "RU"
alpha3 = "RUS"
name = "Russia"
slug = "russia"
names = ["Russian Federation", "Soviet Union", "USSR"]
capitals = ["Moscow"]
demonyms = ["Russian", "Russians"]
metonyms = ["Kremlin"]

[[country]]
code = "IR"
alpha3 = "IRN"
name = "Iran"
slug = "iran"
capitals = ["Tehran"]
demonyms = ["Iranian", "Iranians"]

[[country]]
code = "US"
alpha3 = "USA"
name = "United States"
slug = "united-states"
names = ["US", "USA", "America", "United States of America"]
capitals = ["Washington"]
demonyms = ["American", "Americans"]
ambiguous = ["America", "Washington"]
metonyms = ["White House", "Pentagon"]

[[country]]
code = "GB"
alpha3 = "GBR"
name = "United Kingdom"
slug = "united-kingdom"
names = ["UK", "Britain"]
capitals = ["London"]
demonyms = ["British"]
metonyms = ["Downing Street"]

[[country]]
code = "EU"
alpha3 = "EUU"
name = "European Union"
slug = "european-union"
names = ["EU"]
capitals = ["Brussels"]

[[country]]
code = "CN"
alpha3 = "CHN"
name = "China"
slug = "china"
capitals = ["Beijing"]
demonyms = ["Chinese"]

[[country]]
code = "UA"
alpha3 = "UKR"
name = "Ukraine"
slug = "ukraine"
capitals = ["Kyiv", "Kiev"]

[[country]]
code = "BY"
alpha3 = "BLR"
name = "Belarus"
slug = "belarus"
capitals = ["Minsk"]

[[country]]
code = "MX"
alpha3 = "MEX"
name = "Mexico"
slug = "mexico"

[[country]]
code = "OM"
alpha3 = "OMN"
name = "Oman"
slug = "oman"
capitals = ["Muscat"]
demonyms = ["Omani"]

[[country]]
code = "IN"
alpha3 = "IND"
name = "India"
slug = "india"
capitals = ["New Delhi"]
demonyms = ["Indian"]

[[country]]
code = "GE"
alpha3 = "GEO"
name = "Georgia"
slug = "georgia"
capitals = ["Tbilisi"]
demonyms = ["Georgian"]
ambiguous = ["Georgia", "Georgian"]

[[country]]
code = "JO"
alpha3 = "JOR"
name = "Jordan"
slug = "jordan"
capitals = ["Amman"]
demonyms = ["Jordanian"]
ambiguous = ["Jordan"]

[[country]]
code = "TR"
alpha3 = "TUR"
name = "Turkey"
slug = "turkey"
names = ["Türkiye"]
capitals = ["Ankara"]
demonyms = ["Turkish"]
ambiguous = ["Turkey"]
"#;

const ACTORS: &str = r#"
[[actor]]
id = "irgc"
name = "Islamic Revolutionary Guard Corps"
kind = "organization"
country = "IR"
aliases = ["IRGC"]

[[actor]]
id = "donald-trump"
name = "Donald Trump"
kind = "person"
country = "US"

[[actor]]
id = "vladimir-putin"
name = "Vladimir Putin"
kind = "person"
country = "RU"
aliases = ["Putin"]

[[actor]]
id = "martin-luther-king-jr"
name = "Martin Luther King Jr."
kind = "person"
country = "US"

[[actor]]
id = "china-daily"
name = "China Daily"
kind = "media"
country = "CN"

[[actor]]
id = "rt"
name = "RT"
kind = "media"
country = "RU"
aliases = ["Russia Today"]

[[actor]]
id = "al-shabaab"
name = "al-Shabaab"
kind = "group"
aliases = ["Shabaab"]
"#;

/// The test world's registry, which every test's mentions borrow their actor ids from.
static WORLD: std::sync::LazyLock<Registry> =
    std::sync::LazyLock::new(|| Registry::from_toml(COUNTRIES, ACTORS).expect("test world parses"));

fn gazetteer() -> Gazetteer<'static> {
    Gazetteer::new(&WORLD)
}

fn found(blocks: &[&str]) -> Vec<Mention<'static>> {
    extract_mentions(blocks, &gazetteer())
}

/// (actor, how) of every mention of a one-block article.
fn actors(text: &str) -> Vec<(&'static str, MatchKind)> {
    found(&[text])
        .into_iter()
        .map(|m| (m.actor, m.how))
        .collect()
}

fn ids(text: &str) -> Vec<&'static str> {
    actors(text).into_iter().map(|(a, _)| a).collect()
}

#[test]
fn whole_words_only_omani_is_not_oman() {
    assert_eq!(
        ids("Omani officials met Indian diplomats."),
        ["oman", "india"]
    );
    assert_eq!(ids("Romania and Omanis"), Vec::<String>::new());
}

#[test]
fn longest_match_wins_russian_is_the_demonym() {
    assert_eq!(actors("Russian hackers"), [("russia", MatchKind::Demonym)]);
    assert_eq!(
        actors("the Russian Federation"),
        [("russia", MatchKind::Name)]
    );
}

#[test]
fn whole_words_work_for_dotted_codes() {
    assert_eq!(
        actors("the U.S. said"),
        [("united-states", MatchKind::Code)]
    );
    assert_eq!(ids("in the U.S."), ["united-states"]);
    assert_eq!(ids("E.U. ministers"), ["european-union"]);
    assert_eq!(ids("U.S.-led coalition"), ["united-states"]);
    let blocks = ["the U.S. said"];
    let m = &found(&blocks)[0];
    assert_eq!((m.start, m.end, m.text(&blocks)), (4, 8, "U.S."));
}

#[test]
fn possessives_match_with_straight_and_curly_apostrophes() {
    assert_eq!(
        ids("Russia's army, Russia’s navy and Iran’s guards"),
        ["russia", "russia", "iran"]
    );
    let blocks = ["Iran’s guards"];
    assert_eq!(found(&blocks)[0].text(&blocks), "Iran");
}

#[test]
fn case_rules_acronyms_only_in_capitals_and_us_is_not_a_country() {
    assert_eq!(ids("Let us talk to them about it"), Vec::<String>::new());
    assert_eq!(
        ids("The US and the EU sanctioned the IRGC"),
        ["united-states", "european-union", "irgc"]
    );
    assert_eq!(ids("eu rules and irgc"), Vec::<String>::new());
    assert_eq!(ids("The Indian team went IN"), ["india"]);
}

#[test]
fn country_codes_are_not_patterns_unless_listed_as_names() {
    assert_eq!(ids("IN IT TO WIN CN RU"), Vec::<String>::new());
}

#[test]
fn all_caps_titles_still_name_countries() {
    assert_eq!(ids("RUSSIA PREFERS TRUMP, SAYS IRAN"), ["russia", "iran"]);
    assert_eq!(ids("Russia Prefers Trump, Says Iran"), ["russia", "iran"]);
}

#[test]
fn capitals_and_metonyms_count_as_the_state() {
    assert_eq!(
        actors("Moscow prefers Trump"),
        [("russia", MatchKind::Capital)]
    );
    assert_eq!(
        actors("Beijing rejected the notion"),
        [("china", MatchKind::Capital)]
    );
    assert_eq!(actors("the Kremlin said"), [("russia", MatchKind::Metonym)]);
    assert_eq!(ids("a pro-Kremlin outlet"), ["russia"]);
}

#[test]
fn demonyms_count_for_the_country() {
    assert_eq!(
        actors("Iranian hackers struck"),
        [("iran", MatchKind::Demonym)]
    );
}

#[test]
fn ambiguous_georgia_needs_a_country_cue() {
    assert_eq!(
        ids("Voters in Georgia went to the polls."),
        Vec::<String>::new()
    );
    assert_eq!(
        ids("Protesters in Georgia marched to parliament in Tbilisi."),
        ["georgia", "georgia"]
    );
    assert_eq!(
        found(&["Georgia votes", "The Caucasus republic is divided."])[0].actor,
        "georgia"
    );
}

#[test]
fn a_lowercase_name_beats_the_capitalised_name_inside_it() {
    // "al-Shabaab" starts in lowercase and "Shabaab" is a name of its own: one mention each,
    // leftmost-longest across both kinds of pattern.
    let blocks = ["Envoys of al-Shabaab met Russians; Shabaab denied it."];
    let m = found(&blocks);
    let got: Vec<(&str, &str)> = m.iter().map(|m| (m.actor, m.text(&blocks))).collect();
    assert_eq!(
        got,
        [
            ("al-shabaab", "al-Shabaab"),
            ("russia", "Russians"),
            ("al-shabaab", "Shabaab")
        ]
    );
}

#[test]
fn ambiguous_georgia_is_the_us_state_with_a_state_cue() {
    let text = "Georgia is a swing state; Atlanta suburbs decide. Even Tbilisi watches.";
    assert_eq!(ids(text), ["georgia"], "only Tbilisi itself counts");
}

#[test]
fn ambiguous_jordan_needs_a_cue_or_a_preposition_and_is_not_a_person() {
    assert_eq!(ids("Michael Jordan scored."), Vec::<String>::new());
    assert_eq!(ids("Jordan Peterson spoke."), Vec::<String>::new());
    assert_eq!(ids("Refugees fled to Jordan last year."), ["jordan"]);
    assert_eq!(
        ids("Jordan said the border stays shut, Amman officials added."),
        ["jordan", "jordan"]
    );
    assert_eq!(
        ids("Jordan said the border stays shut."),
        Vec::<String>::new()
    );
}

#[test]
fn ambiguous_turkey_is_the_country_unless_it_is_dinner() {
    assert_eq!(ids("Turkey says it will veto."), ["turkey"]);
    assert_eq!(ids("They ate roast Turkey at home."), Vec::<String>::new());
}

#[test]
fn china_inside_china_daily_is_the_outlet() {
    assert_eq!(
        actors("China Daily reported"),
        [("china-daily", MatchKind::Name)]
    );
}

#[test]
fn surname_resolves_only_after_the_full_name() {
    assert_eq!(ids("Trump spoke first."), Vec::<String>::new());
    let blocks = ["Donald Trump spoke", "Later Trump's aides and Trump’s son"];
    let m = found(&blocks);
    let got: Vec<_> = m
        .iter()
        .map(|m| (m.block, m.actor, m.how, m.text(&blocks)))
        .collect();
    assert_eq!(
        got,
        [
            (0, "donald-trump", MatchKind::Name, "Donald Trump"),
            (1, "donald-trump", MatchKind::Surname, "Trump"),
            (1, "donald-trump", MatchKind::Surname, "Trump"),
        ]
    );
}

#[test]
fn surname_skips_suffixes_like_jr() {
    assert_eq!(
        ids("Martin Luther King Jr. said it; King was right."),
        ["martin-luther-king-jr", "martin-luther-king-jr"]
    );
}

#[test]
fn alias_matches_anywhere_without_the_full_name() {
    assert_eq!(
        actors("Putin smiled"),
        [("vladimir-putin", MatchKind::Alias)]
    );
}

#[test]
fn a_token_runs_between_whitespace_of_any_kind() {
    fn token<'t>(text: &'t str, word: &str) -> &'t str {
        let start = text.find(word).unwrap();
        let (from, to) = token_around(text, start, start + word.len());
        &text[from..to]
    }
    assert_eq!(token("see rt.com/news today", "rt"), "rt.com/news");
    assert_eq!(token("Moscow", "Moscow"), "Moscow");
    assert_eq!(token("x\u{a0}Moscow’s\u{2003}y", "Moscow"), "Moscow’s");
    assert_eq!(token("a\u{b}«Kyiv»\tb", "Kyiv"), "«Kyiv»");
    assert_eq!(token("über-Berlin\u{3000}z", "Berlin"), "über-Berlin");
}

#[test]
fn url_like_words_name_no_one() {
    assert_eq!(
        ids("see https://rt.com/news/Russia-Today and RT.com or www.Russia.ru"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids("mail Russia@example.org or @Russia_Today"),
        Vec::<String>::new()
    );
    assert_eq!(ids("RT reported on Russia."), ["rt", "russia"]);
}

#[test]
fn decomposed_accents_match_and_spans_are_of_the_original_text() {
    let text = "Tu\u{308}rkiye’s drones";
    let m = &found(&[text])[0];
    assert_eq!(
        (m.actor, m.start, m.end),
        ("turkey", 0, "Tu\u{308}rkiye".len())
    );
    assert_eq!(ids("Türkiye’s drones"), ["turkey"]);
}

#[test]
fn us_counts_in_compounds_but_not_in_all_caps_runs() {
    assert_eq!(
        ids("a US-based firm and U.S.-led talks"),
        ["united-states", "united-states"]
    );
    assert_eq!(ids("JOIN US ON TELEGRAM"), Vec::<String>::new());
    assert_eq!(
        ids("FOLLOW US"),
        ["united-states"],
        "two words are not a run"
    );
    assert_eq!(
        ids("NATO, US, UK officials"),
        ["united-states", "united-kingdom"]
    );
}

#[test]
fn spans_are_byte_offsets_into_each_block() {
    let blocks = ["Title about Iran", "Über Moscow’s plans"];
    let m = found(&blocks);
    assert_eq!((m[0].block, m[0].start, m[0].end), (0, 12, 16));
    assert_eq!((m[1].block, m[1].text(&blocks)), (1, "Moscow"));
    assert_eq!(&"Über Moscow’s plans"[m[1].start..m[1].end], "Moscow");
    let spaced = "crash of MH17.\u{a0}Moscow\u{a0}planned\u{2003}US";
    assert_eq!(ids(spaced), ["russia", "united-states"]);
}

#[test]
fn mentions_come_in_text_order_block_by_block() {
    // Article pages link the first mention per actor per block, reading the mentions in order.
    let blocks = [
        "Kyiv and Moscow",
        "Iran, then the IRGC, then Iran again",
        "Beijing sent Vladimir Putin a note",
    ];
    let mentions = found(&blocks);
    let order: Vec<(usize, usize)> = mentions.iter().map(|m| (m.block, m.start)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let ids: Vec<&str> = mentions.iter().map(|m| m.actor).collect();
    assert_eq!(
        ids,
        [
            "ukraine",
            "russia",
            "iran",
            "irgc",
            "iran",
            "china",
            "vladimir-putin"
        ]
    );
}

#[test]
fn places_inside_a_country_name_it_and_institutions_stand_for_it() {
    assert_eq!(actors("Crimea was annexed"), [("ukraine", MatchKind::Name)]);
    assert_eq!(
        actors("the European Parliament voted"),
        [("european-union", MatchKind::Metonym)]
    );
}

#[test]
fn phrases_that_contain_a_name_do_not_name_the_country() {
    assert_eq!(ids("Ukraine breached the Minsk agreements"), ["ukraine"]);
    assert_eq!(
        ids("Latin American voters in New Mexico"),
        Vec::<String>::new()
    );
}

#[test]
fn ambiguous_georgia_with_a_neighbour_cue_is_the_country_unless_us_politics_is_near() {
    assert_eq!(ids("Russia pressures Georgia"), ["russia", "georgia"]);
    assert_eq!(
        ids("Russian trolls targeted Georgia voters in Fulton County"),
        ["russia"]
    );
}

#[test]
fn ambiguous_washington_is_the_us_unless_part_of_a_name() {
    assert_eq!(ids("a Washington orchestrated event"), ["united-states"]);
    assert_eq!(
        ids("George Washington and the Washington Post"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids("in Latin America and South America"),
        Vec::<String>::new()
    );
}

#[test]
fn names_are_found_whichever_way_the_scan_skips_running_text() {
    // A name that begins with a sign turns off the jump between capitals and digits; every
    // name is still found, and so are names next to words that begin none.
    let text = "Analysts said #StopTheSteal and Moscow, not Moscowite blogs, boosted RT in 2020.";
    let expected = ["stop-the-steal", "russia", "rt"];
    let with_sign = format!(
        "{ACTORS}\n[[actor]]\nid = \"stop-the-steal\"\nname = \"#StopTheSteal\"\nkind = \"operation\"\n"
    );
    let registry = Registry::from_toml(COUNTRIES, &with_sign).expect("parses");
    let with_sign = Gazetteer::new(&registry);
    assert!(!with_sign.starts_capital_or_digit);
    let found: Vec<&str> = extract_mentions(&[text], &with_sign)
        .into_iter()
        .map(|m| m.actor)
        .collect();
    assert_eq!(found, expected);
    assert!(gazetteer().starts_capital_or_digit);
    assert_eq!(ids(text), ["russia", "rt"]);
}
