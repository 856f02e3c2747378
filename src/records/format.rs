//! The data format, version 1: what one TOML file may hold, as serde records.
//!
//! These are the records exactly as written, with the byte span of every
//! value that a later check may have to point at. Nothing here is validated
//! beyond its TOML type: `load` and `timeline` give the records meaning.
//!
//! Changes are read as one flat struct rather than a `#[serde(tag = "op")]`
//! enum, because `toml::Spanned` does not survive serde's internally tagged
//! enums; `timeline` turns each into a typed change while validating it.

use serde::Deserialize;
use toml::Spanned;

use crate::dates::PartialDate;

/// One data file: any mix of the four kinds of record.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRecords {
    #[serde(default)]
    pub unit: Vec<UnitRecord>,
    #[serde(default)]
    pub person: Vec<PersonRecord>,
    #[serde(default)]
    pub role: Vec<RoleRecord>,
    #[serde(default)]
    pub event: Vec<EventRecord>,
}

/// `[[unit]]`: an organisational unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aka: Vec<String>,
    pub kind: Option<String>,
    pub parent: Option<Spanned<String>>,
    pub since: Option<Spanned<PartialDate>>,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[person]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aka: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[role]]`: a position in a unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRecord {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub unit: Spanned<String>,
    pub head: Option<Spanned<bool>>,
    pub reports_to: Option<Spanned<String>>,
    pub since: Option<Spanned<PartialDate>>,
    /// The person holding the role from its beginning, for holders a source
    /// names without saying when they took the role.
    pub holder: Option<Spanned<String>>,
    #[serde(default)]
    pub aka: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[event]]`: a dated restructuring event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub id: Option<Spanned<String>>,
    pub date: Spanned<PartialDate>,
    pub reported: Option<Spanned<PartialDate>>,
    pub title: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub changes: Vec<Spanned<ChangeRecord>>,
}

/// One entry of an event's `changes`, as written. Which fields an `op`
/// needs is checked in `timeline`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    pub op: Spanned<String>,
    pub unit: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
    pub person: Option<Spanned<String>>,
    pub into: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub name: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub acting: Option<Spanned<bool>>,
    pub key: Option<Spanned<String>>,
    pub value: Option<Spanned<String>>,
}
