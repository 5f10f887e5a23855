//! The actor registry: every country (as a state actor), international organisation, and
//! influence-relevant organisation, outlet, operation and person the digest can name.
//! The built-in entries are data files under `data/` compiled into the binary; a site's
//! `content/actors.toml` adds to or overrides them. Lookup only: no text scanning here.

mod builtin;
mod lookup;

pub use builtin::{BUILTIN_ACTORS_TOML, BUILTIN_COUNTRIES_TOML};
pub use lookup::{ActorEntry, ActorsFile, Registry};

use serde::{Deserialize, Serialize};

/// What sort of thing an actor is; pages group actors by it and STIX maps it to object types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    State,
    Person,
    Organization,
    Media,
    Operation,
    Group,
    /// A name an article used that no registry describes yet.
    Unknown,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Media => "media",
            ActorKind::Operation => "operation",
            ActorKind::Group => "group",
            ActorKind::Unknown => "unknown",
        }
    }
}

/// Where an actor entry came from, so pages can say how much to trust its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorOrigin {
    Builtin,
    Site,
    /// Created on the fly for an unknown name in front matter.
    Local,
}

/// One actor. States are actors too: their id is the country slug and `country` their own code.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 (or `EU`, `XK`) of the state the actor belongs to.
    pub country: Option<String>,
    pub aliases: Vec<String>,
    /// The organisation this one is part of (a unit of the GRU, an outlet of a state broadcaster).
    pub parent: Option<String>,
    pub description: Option<String>,
    /// A party that attributes influence (an agency, platform, researcher or newsroom): the
    /// extractor makes it a claim's source, never the agent of a suggested claim.
    pub attributor: bool,
    pub origin: ActorOrigin,
}

/// A country or territory as the gazetteer needs it: every way a text may name it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2, or `EU` / `XK`.
    pub code: String,
    pub alpha3: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub capitals: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Terms from the lists above that only count with supporting context (Georgia, Jordan, Chad).
    #[serde(default)]
    pub ambiguous: Vec<String>,
}
