//! Places and institutions that stand for a country (Crimea, the European Parliament) and phrases
//! that contain a country's name without naming it ("Minsk agreements"), read from
//! `data/places.toml`. The gazetteer compiles them; nothing here scans text.

use serde::Deserialize;

/// Compiled into the binary from `data/places.toml`.
pub const PLACES_TOML: &str = include_str!("../../data/places.toml");

/// The places and institutions of one country.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryPlaces {
    pub code: String,
    /// Regions and cities inside the country: they name it (`MatchKind::Name`).
    #[serde(default)]
    pub places: Vec<String>,
    /// Institutions acting for it: they stand for it (`MatchKind::Metonym`).
    #[serde(default)]
    pub institutions: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    /// Phrases that hide the country name inside them.
    #[serde(default)]
    pub not_names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    #[serde(default)]
    pub country: Vec<CountryPlaces>,
    #[serde(default)]
    pub phrases: Phrases,
}

/// Parses the built-in places file.
pub fn builtin_places() -> PlacesFile {
    toml::from_str(PLACES_TOML).expect("data/places.toml is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_places_parse() {
        let places = builtin_places();
        assert!(
            places
                .country
                .iter()
                .any(|c| c.code == "UA" && c.places.iter().any(|p| p == "Crimea"))
        );
        assert!(
            places
                .phrases
                .not_names
                .iter()
                .any(|p| p == "Minsk agreements")
        );
    }
}
