//! dossier: a static site generator for influence-tracking digests.
//!
//! The pipeline flows one way, a module per stage:
//! `load` (files -> [`load::Site`]) -> `extract` (pure text analysis) -> `link` (the cross-linked
//! [`link::Digest`]) -> `render` (pages and data files, each handed on as it is made) -> `write`
//! (temporary sibling, link check, atomic swap). Beside the pipeline, `import` turns clipped
//! pages into draft articles, using the extractor to suggest their countries and actors.

pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod escape;
pub mod extract;
pub mod fasthash;
pub mod import;
pub mod link;
pub mod load;
pub mod markdown;
pub mod memscan;
pub mod registry;
pub mod render;
pub mod write;
