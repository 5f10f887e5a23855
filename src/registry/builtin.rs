//! The built-in registry data, compiled into the binary from `data/*.toml` so that
//! `dossier` needs no data files at run time. Parsing is checked by a unit test.

/// Every ISO 3166-1 country and territory, plus the EU and Kosovo.
pub const BUILTIN_COUNTRIES_TOML: &str = include_str!("../../data/countries.toml");
/// International organisations and influence-relevant actors.
pub const BUILTIN_ACTORS_TOML: &str = include_str!("../../data/actors.toml");
