//! Mentions: finds every actor named in an article's blocks.

use super::{Gazetteer, Mention};

/// Finds the mentions in an article's blocks (block 0 is the title).
pub fn extract_mentions(blocks: &[&str], gazetteer: &Gazetteer) -> Vec<Mention> {
    let _ = (blocks, gazetteer);
    Vec::new()
}
