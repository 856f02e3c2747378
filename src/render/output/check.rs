//! `check --format json`: the summary of data that has no problems.
//! (Data with problems prints its diagnostics instead, from
//! `crate::check`.)

use schemars::JsonSchema;
use serde::Serialize;

use crate::dates::PartialDate;
use crate::query::Summary;

#[derive(Serialize, JsonSchema)]
pub struct Check {
    pub files: usize,
    pub units: usize,
    pub roles: usize,
    pub people: usize,
    pub events: usize,
    pub first_event: Option<PartialDate>,
    pub last_event: Option<PartialDate>,
    /// Always empty here.
    pub problems: [(); 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
}

impl Check {
    pub fn new(s: &Summary) -> Self {
        Check {
            files: s.files,
            units: s.units,
            roles: s.roles,
            people: s.people,
            events: s.events,
            first_event: s.first_event,
            last_event: s.last_event,
            problems: [],
            known_at: s.known_at.map(|d| d.to_string()),
        }
    }
}
