//! Page furniture: what a clipped page carries besides the article. Two tests decide: the
//! patterns in `data/furniture.toml` (subscribe lines, notices, cookie banners, labels), and one
//! general rule for short lines between paragraphs, which are teasers of other stories unless
//! they read like a section heading of this one.

use serde::Deserialize;

use super::{Block, BlockKind};

/// The furniture patterns, compiled into the binary from `data/furniture.toml`.
pub const FURNITURE_TOML: &str = include_str!("../../data/furniture.toml");

/// A line longer than this many words is never a teaser or a heading: it is prose.
const SHORT_LINE_WORDS: usize = 14;

/// The pattern rules, ready to match lines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Furniture {
    max_words: usize,
    rule: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    what: String,
    #[serde(default)]
    max_words: Option<usize>,
    #[serde(default)]
    equals: Vec<String>,
    #[serde(default)]
    starts_with: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
}

impl Furniture {
    /// The built-in patterns.
    pub fn builtin() -> Furniture {
        Furniture::from_toml(FURNITURE_TOML).expect("data/furniture.toml is valid")
    }

    /// Patterns from other data, for tests; patterns are normalised here once.
    pub fn from_toml(text: &str) -> Result<Furniture, toml::de::Error> {
        let mut furniture: Furniture = toml::from_str(text)?;
        for rule in &mut furniture.rule {
            for list in [&mut rule.equals, &mut rule.starts_with, &mut rule.contains] {
                for pattern in list.iter_mut() {
                    *pattern = normalise(pattern);
                }
            }
            for pattern in &mut rule.equals {
                *pattern = trim_punctuation(pattern).to_string();
            }
        }
        Ok(furniture)
    }

    /// Which rule a line matches (its `what`), if any.
    pub fn matches(&self, line: &str) -> Option<&str> {
        let words = line.split_whitespace().count();
        let line = normalise(line);
        let bare = trim_punctuation(&line);
        self.rule
            .iter()
            .filter(|rule| words <= rule.max_words.unwrap_or(self.max_words))
            .find(|rule| {
                rule.equals.iter().any(|p| p == bare)
                    || rule
                        .starts_with
                        .iter()
                        .any(|p| line.starts_with(p.as_str()))
                    || rule.contains.iter().any(|p| line.contains(p.as_str()))
            })
            .map(|rule| rule.what.as_str())
    }
}

/// Drops furniture from a clipped page's blocks, in three steps:
/// 1. blocks matching a pattern of `data/furniture.toml`;
/// 2. short blocks that are nothing but a link (related-story and navigation links of HTML pages);
/// 3. a short line without sentence-final punctuation standing between two paragraphs: if it
///    looks like a headline (Title Case, or a colon, bar or dash joining two parts, as in
///    "Sanctions Busting: Germany's Role in Dodging Russian Sanctions") it is a teaser of another
///    story and is dropped; otherwise (sentence case, as in "Moscow, Tehran's differing stances")
///    it is a section heading of this article and is kept as one.
pub fn clean(blocks: Vec<Block>, furniture: &Furniture) -> Vec<Block> {
    let kept: Vec<Block> = blocks
        .into_iter()
        .filter(|b| !b.text.trim().is_empty())
        .filter(|b| furniture.matches(&b.text).is_none())
        .filter(|b| !(b.all_link && word_count(&b.text) <= SHORT_LINE_WORDS))
        .collect();
    let prose: Vec<bool> = kept.iter().map(is_prose).collect();
    let mut out = Vec::with_capacity(kept.len());
    for (i, mut block) in kept.into_iter().enumerate() {
        let between_paragraphs = i > 0 && prose[i - 1] && prose.get(i + 1) == Some(&true);
        if block.kind == BlockKind::Paragraph && !prose[i] && between_paragraphs {
            if looks_like_headline(&block.text) {
                continue;
            }
            block.kind = BlockKind::Heading;
        }
        out.push(block);
    }
    out
}

/// A paragraph of running text: ends like a sentence, or is too long to be a heading.
fn is_prose(block: &Block) -> bool {
    block.kind != BlockKind::Heading
        && (ends_like_sentence(&block.text) || word_count(&block.text) > SHORT_LINE_WORDS)
}

/// Ends with `.`, `!`, `?`, `…` or `:`, possibly followed by closing quotes or brackets.
pub fn ends_like_sentence(text: &str) -> bool {
    let end = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    end.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Title Case (most longer words capitalised), or two parts joined by a colon, bar or dash.
pub fn looks_like_headline(text: &str) -> bool {
    if [": ", " | ", " – ", " — ", " - "]
        .iter()
        .any(|joint| text.contains(joint))
    {
        return true;
    }
    let long_words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long_words.len() >= 2 && capitalised * 4 >= long_words.len() * 3
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lowercase, straight quotes, single spaces: the form patterns are compared in.
fn normalise(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|c| match c {
            '’' | '‘' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    straight
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn trim_punctuation(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '@'))
        .trim_matches(['…', '→', '›', '»', '«'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::paragraph(text)
    }

    fn texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn builtin_patterns_parse() {
        assert!(!Furniture::builtin().rule.is_empty());
    }

    #[test]
    fn subscribe_follow_and_notice_lines_match_patterns() {
        let f = Furniture::builtin();
        for line in [
            "JOIN US ON TELEGRAM",
            "Follow our coverage of the war on the @SomeOutlet_official.",
            "You can also highlight the text and press Ctrl + Enter",
            "We use cookies to improve your experience.",
            "Read more",
            "Advertisement",
            "Read more: Another story entirely",
        ] {
            assert!(f.matches(line).is_some(), "{line}");
        }
    }

    #[test]
    fn long_paragraph_quoting_a_pattern_is_not_furniture() {
        let line = "The campaign told supporters to follow us on a new channel after the platform \
                    removed its accounts, according to researchers who tracked the network for months \
                    and published their findings this week.";
        assert!(Furniture::builtin().matches(line).is_none());
    }

    #[test]
    fn title_case_line_between_paragraphs_is_a_teaser_and_dropped() {
        let blocks = vec![
            para("Officials said the network was run from abroad."),
            para("Shadow Fleet Tankers Slip Past Baltic Patrols"),
            para("The platform removed the accounts on Tuesday."),
        ];
        let out = clean(blocks, &Furniture::builtin());
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn sentence_case_line_between_paragraphs_becomes_a_heading() {
        let blocks = vec![
            para("Officials said the network was run from abroad."),
            para("Paris, Rome's different answers"),
            para("The platform removed the accounts on Tuesday."),
        ];
        let out = clean(blocks, &Furniture::builtin());
        assert_eq!(
            texts(&out)[1],
            (BlockKind::Heading, "Paris, Rome's different answers")
        );
    }

    #[test]
    fn short_line_at_the_end_is_kept_as_a_paragraph() {
        let blocks = vec![
            para("Officials said the network was run from abroad."),
            para("Staff writer in Vilnius"),
        ];
        let out = clean(blocks, &Furniture::builtin());
        assert_eq!(
            texts(&out)[1],
            (BlockKind::Paragraph, "Staff writer in Vilnius")
        );
    }

    #[test]
    fn link_only_short_block_is_dropped() {
        let mut link = para("Why the vote count took three weeks");
        link.all_link = true;
        let out = clean(
            vec![para("Officials said so."), link, para("The end.")],
            &Furniture::builtin(),
        );
        assert_eq!(out.len(), 2);
    }
}
