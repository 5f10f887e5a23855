//! Builds the registry from its entries and answers "which actor is this id, name or alias?".

use crate::fasthash::FastMap;

use serde::Deserialize;

use super::{Actor, ActorKind, ActorOrigin, Country};

/// One `[[actor]]` table, in `data/actors.toml` or a site's `content/actors.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub attributor: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesFile {
    pub country: Vec<Country>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    #[serde(default)]
    pub actor: Vec<ActorEntry>,
}

/// All known actors, by id, with a case-insensitive index of their names for front matter lookups.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    countries: Vec<Country>,
    country_by_code: FastMap<String, usize>,
    /// By id: looked up for every mention and claim, so hashed rather than searched.
    actors: FastMap<String, Actor>,
    /// Every id, sorted: the order of [`Registry::actors`] and of the names index.
    ids: Vec<String>,
    by_name: FastMap<String, String>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Registry {
    /// The registry compiled into the binary, with no site additions.
    pub fn builtin() -> Registry {
        let countries: CountriesFile =
            toml::from_str(super::BUILTIN_COUNTRIES_TOML).expect("data/countries.toml is valid");
        let actors: ActorsFile =
            toml::from_str(super::BUILTIN_ACTORS_TOML).expect("data/actors.toml is valid");
        Registry::from_entries(countries.country, actors.actor, ActorOrigin::Builtin)
    }

    /// A registry from given data, for tests and tools that want a small, known world.
    pub fn from_toml(countries_toml: &str, actors_toml: &str) -> Result<Registry, toml::de::Error> {
        let countries: CountriesFile = toml::from_str(countries_toml)?;
        let actors: ActorsFile = toml::from_str(actors_toml)?;
        Ok(Registry::from_entries(
            countries.country,
            actors.actor,
            ActorOrigin::Builtin,
        ))
    }

    fn from_entries(
        countries: Vec<Country>,
        entries: Vec<ActorEntry>,
        origin: ActorOrigin,
    ) -> Registry {
        let mut registry = Registry::default();
        for country in countries {
            let state = Actor {
                id: country.slug.clone(),
                name: country.name.clone(),
                kind: ActorKind::State,
                country: Some(country.code.clone()),
                aliases: country.names.clone(),
                parent: None,
                description: None,
                attributor: false,
                origin: ActorOrigin::Builtin,
            };
            registry
                .country_by_code
                .insert(country.code.clone(), registry.countries.len());
            registry.countries.push(country);
            registry.insert(state);
        }
        for entry in entries {
            registry.add(entry, origin);
        }
        registry.reindex();
        registry
    }

    /// Adds (or replaces, by id) the site's own entries.
    pub fn extend_with_site(&mut self, entries: Vec<ActorEntry>) {
        for entry in entries {
            self.add(entry, ActorOrigin::Site);
        }
        self.reindex();
    }

    /// Adds an actor for a name nobody described, so the article still links somewhere.
    pub fn add_local(&mut self, name: &str) -> String {
        let id = slug::slugify(name);
        if !self.actors.contains_key(&id) {
            self.insert(Actor {
                id: id.clone(),
                name: name.trim().to_string(),
                kind: ActorKind::Unknown,
                country: None,
                aliases: Vec::new(),
                parent: None,
                description: None,
                attributor: false,
                origin: ActorOrigin::Local,
            });
            self.by_name.insert(key(name), id.clone());
        }
        id
    }

    fn add(&mut self, entry: ActorEntry, origin: ActorOrigin) {
        self.insert(Actor {
            id: entry.id,
            name: entry.name,
            kind: entry.kind,
            country: entry.country,
            aliases: entry.aliases,
            parent: entry.parent,
            description: entry.description,
            attributor: entry.attributor,
            origin,
        });
    }

    fn insert(&mut self, actor: Actor) {
        if let Err(at) = self.ids.binary_search(&actor.id) {
            self.ids.insert(at, actor.id.clone());
        }
        self.actors.insert(actor.id.clone(), actor);
    }

    /// Actors in id order.
    fn sorted(&self) -> impl Iterator<Item = &Actor> {
        self.ids.iter().map(|id| &self.actors[id])
    }

    /// Names index: ids first, then names, aliases and country codes; earlier keys win,
    /// so an id is never shadowed by someone's alias.
    fn reindex(&mut self) {
        let mut by_name = FastMap::default();
        for actor in self.sorted() {
            by_name.insert(key(&actor.id), actor.id.clone());
        }
        for actor in self.sorted() {
            by_name
                .entry(key(&actor.name))
                .or_insert_with(|| actor.id.clone());
        }
        for country in &self.countries {
            for code in [&country.code, &country.alpha3] {
                by_name
                    .entry(key(code))
                    .or_insert_with(|| country.slug.clone());
            }
            for name in country.names.iter().chain(&country.demonyms) {
                by_name
                    .entry(key(name))
                    .or_insert_with(|| country.slug.clone());
            }
        }
        // Capitals and seats of power stand for their state in front matter too ("Kremlin"),
        // unless they are ambiguous ("Washington", "Georgetown"); they rank below names.
        for country in &self.countries {
            for term in country.capitals.iter().chain(&country.metonyms) {
                if !country.ambiguous.contains(term) {
                    by_name
                        .entry(key(term))
                        .or_insert_with(|| country.slug.clone());
                }
            }
        }
        for actor in self.sorted() {
            for alias in &actor.aliases {
                by_name
                    .entry(key(alias))
                    .or_insert_with(|| actor.id.clone());
            }
        }
        self.by_name = by_name;
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.get(id)
    }

    /// Whether `id` is a state (a country's own actor): the rules treat states apart.
    pub fn is_state(&self, id: &str) -> bool {
        self.actor(id).is_some_and(|a| a.kind == ActorKind::State)
    }

    /// Resolves an id, name, alias or country code (any case) to an actor.
    pub fn resolve(&self, name: &str) -> Option<&Actor> {
        self.by_name
            .get(&key(name))
            .and_then(|id| self.actors.get(id))
    }

    /// Resolves an ISO code or country name to the country.
    pub fn resolve_country(&self, name: &str) -> Option<&Country> {
        let actor = self.resolve(name)?;
        if actor.kind != ActorKind::State {
            return None;
        }
        self.country(actor.country.as_deref()?)
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&i| &self.countries[i])
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// All actors, sorted by id.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.sorted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_and_resolves_codes_names_and_aliases() {
        let registry = Registry::builtin();
        assert_eq!(registry.resolve("RU").unwrap().id, "russia");
        assert_eq!(registry.resolve("Russia").unwrap().id, "russia");
        assert_eq!(registry.resolve_country("IR").unwrap().code, "IR");
        assert_eq!(registry.resolve("IRGC").unwrap().id, "irgc");
        assert_eq!(registry.resolve("Kremlin").unwrap().id, "russia");
        assert!(
            registry
                .resolve("Washington")
                .is_none_or(|a| a.id != "united-states")
        );
    }
}
