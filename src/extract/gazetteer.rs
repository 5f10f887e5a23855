//! The gazetteer: every name, alias, capital, demonym and metonym of the registry, compiled once
//! per build into a multi-pattern automaton.

use crate::registry::Registry;

/// Compiled once per build from the registry and shared read-only by all threads.
pub struct Gazetteer {}

impl Gazetteer {
    pub fn new(registry: &Registry) -> Gazetteer {
        let _ = registry;
        Gazetteer {}
    }
}
