//! Extraction: pure functions from text to mentions and claims. Nothing here reads files,
//! knows about templates or the site; every rule is unit-tested on sentences.
//!
//! Input is an article as a list of prose blocks (block 0 is the title, then paragraphs,
//! headings and list items in order, without code and without link URLs). Every span is a
//! byte range into one block's text, so the renderer can put links and anchors back in place.

pub mod claims;
pub mod context;
pub mod gazetteer;
pub mod lexicon;
pub mod mentions;
pub mod places;
pub mod quotes;
pub mod scan;
pub mod sentences;
pub mod site;

pub use claims::extract_claims;
pub use gazetteer::Gazetteer;
pub use lexicon::Lexicon;
pub use mentions::extract_mentions;

use serde::Serialize;

/// How a mention was recognised; `dossier extract` prints it so analysts can see why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The actor's or country's name, or an official/former name.
    Name,
    /// One of an actor's aliases (an acronym, a vendor's name for an operation).
    Alias,
    /// A country code such as `US` or `U.S.`.
    Code,
    /// A capital standing for its state ("Moscow prefers").
    Capital,
    /// A seat of power standing for its state ("the Kremlin").
    Metonym,
    /// "Iranian hackers".
    Demonym,
    /// A surname alone, after the full name earlier in the same article.
    Surname,
}

impl MatchKind {
    /// Kinds that name a country as such (what `articles.json` `countries` lists).
    pub fn names_country(self) -> bool {
        !matches!(self, MatchKind::Alias | MatchKind::Surname)
    }
}

/// One place in a block where an actor is named. A digest has hundreds of thousands of
/// mentions, so a mention owns no strings: its actor id is borrowed from the registry, and its
/// text is read from the blocks with [`Mention::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'r> {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// Registry id of the actor (a country's state actor id is its slug).
    pub actor: &'r str,
    pub how: MatchKind,
}

impl Mention<'_> {
    /// The matched text as written, from the blocks the mention was found in.
    pub fn text<'t, B: AsRef<str>>(&self, blocks: &'t [B]) -> &'t str {
        &blocks[self.block].as_ref()[self.start..self.end]
    }
}

/// An ICD 203 expression of likelihood with its probability band in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Likelihood {
    /// The canonical term ("almost certain", "likely" ...), as the lexicon spells it.
    pub term: String,
    pub low: u8,
    pub high: u8,
}

/// A claim found in prose: a suggestion, never a finding, until an analyst curates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractedClaim {
    pub block: usize,
    /// Byte span of the sentence within the block.
    pub start: usize,
    pub end: usize,
    /// The sentence as written.
    pub text: String,
    /// Actor ids of the agents.
    pub actors: Vec<String>,
    /// One of the action vocabulary (`prefers_candidate`, `denies` ...).
    pub action: String,
    pub targets: Vec<String>,
    /// Who is said to make the claim: actor ids, or plain text when no actor matches.
    pub by: Vec<String>,
    pub likelihood: Option<Likelihood>,
}
