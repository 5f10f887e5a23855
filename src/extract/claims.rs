//! Claims: sentences in which an actor is the agent of an influence action.

use super::{ExtractedClaim, Lexicon, Mention};
use crate::registry::Registry;

/// Finds the claims in an article's blocks, given its mentions.
pub fn extract_claims(
    blocks: &[&str],
    mentions: &[Mention],
    registry: &Registry,
    lexicon: &Lexicon,
) -> Vec<ExtractedClaim> {
    let _ = (blocks, mentions, registry, lexicon);
    Vec::new()
}
