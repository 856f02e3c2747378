//! The typed output model: what `--format json` and `--format csv` print,
//! one file per command, each with a `#[derive(Serialize)]` document (the
//! JSON, keys in field order) and, for the commands with a list, the row
//! type of its CSV (columns in field order), built from the document where
//! they share content. [`super::json`] and [`super::csv`] only serialize
//! these, so a key or a column cannot go missing in one format alone.
//!
//! The field names are the JSON contract (documented in `docs/output.md`):
//! keys may be added, none renamed or removed. A key that is left out
//! when empty is marked `skip_serializing_if`; a key that is `null` when
//! empty is an `Option`; `Option<Option<_>>` is a key that some shapes of
//! a fact or change have (as `null` when empty) and others leave out.

pub mod at;
pub mod chain;
pub mod check;
pub mod diff;
pub mod history;
pub mod log;
pub mod report;
pub mod reports;
pub mod review;
pub mod schema;
pub mod show;
pub mod stats;
pub mod table;
pub mod why;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::dates::PartialDate;
use crate::escape::escape;
use crate::ids::{EventId, Key, RoleId, UnitId};
use crate::query::{Found, Line, LineRule, Mark, Occupancy};
use crate::render::names::{declared_at, rule_name};
use crate::timeline::{Attributes, History, Origin, attributes_at};

/// `{"id", "name"}`: a person, a unit, or a manager role (its title).
#[derive(Serialize, JsonSchema)]
pub struct Named<'a> {
    pub id: &'a Key,
    pub name: &'a str,
}

impl<'a> Named<'a> {
    pub fn unit(h: &'a History, u: UnitId, day: NaiveDate) -> Self {
        Named {
            id: &h.unit(u).key,
            name: h.unit_name(u, day),
        }
    }
}

/// `{"id", "title"}`: a role.
#[derive(Serialize, JsonSchema)]
pub struct RoleRef<'a> {
    pub id: &'a Key,
    pub title: &'a str,
}

impl<'a> RoleRef<'a> {
    pub fn new(h: &'a History, r: RoleId, day: NaiveDate) -> Self {
        RoleRef {
            id: &h.role(r).key,
            title: h.role_title(r, day),
        }
    }
}

/// `{"kind", "id", "name"}`: the record a command is about.
#[derive(Serialize, JsonSchema)]
pub struct Subject<'a> {
    pub kind: &'static str,
    pub id: &'a Key,
    pub name: &'a str,
}

impl<'a> Subject<'a> {
    /// Named by its display name (a unit's last name).
    pub fn new(h: &'a History, f: Found) -> Self {
        Subject {
            kind: f.noun(),
            id: f.key(h),
            name: f.display_name(h),
        }
    }
}

/// Who holds a role: `{"id", "name", "acting", "since", "uncertain"}`,
/// or `null` for a vacant or unrecorded role.
#[derive(Serialize, JsonSchema)]
pub struct Holder<'a> {
    pub id: &'a Key,
    pub name: &'a str,
    pub acting: bool,
    pub since: Option<PartialDate>,
    pub uncertain: bool,
}

impl<'a> Holder<'a> {
    pub fn of(h: &'a History, occ: &Occupancy, day: NaiveDate) -> Option<Self> {
        match occ {
            Occupancy::Filled(iv) => Some(Holder {
                id: &h.person(iv.value.person).key,
                name: h.person_name(iv.value.person, day),
                acting: iv.value.acting,
                since: iv.from.date,
                uncertain: iv.is_uncertain_on(day),
            }),
            _ => None,
        }
    }
}

/// A reporting line: `{"to", "rule", "ancestor"}`.
#[derive(Serialize, JsonSchema)]
pub struct LineOut<'a> {
    pub to: &'a Key,
    pub rule: &'static str,
    pub ancestor: Option<&'a Key>,
}

impl<'a> LineOut<'a> {
    pub fn new(h: &'a History, l: &Line) -> Self {
        LineOut {
            to: &h.role(l.to).key,
            rule: rule_name(l.rule),
            ancestor: match l.rule {
                LineRule::HeadOfAncestor(u) => Some(&h.unit(u).key),
                _ => None,
            },
        }
    }
}

/// When a fact began or ended: `{"date", "event", "declared"}`.
#[derive(Serialize, Default, JsonSchema)]
pub struct MarkOut<'a> {
    pub date: Option<PartialDate>,
    pub event: Option<&'a Key>,
    /// "path:line" of a declaration.
    pub declared: Option<String>,
}

impl<'a> MarkOut<'a> {
    pub fn new(h: &'a History, m: &Mark) -> Self {
        MarkOut {
            date: m.date,
            event: m.event().map(|e| &h.event(e).key),
            declared: match m.origin {
                Some(Origin::Declared(d)) => Some(declared_at(h, &h.declared_loc(d))),
                _ => None,
            },
        }
    }

    pub fn of(h: &'a History, s: &crate::timeline::Stamp) -> Self {
        Self::new(h, &Mark::from(*s))
    }
}

/// An event with its sources: `{"id", "date", "reported", "title",
/// "sources"}` (`diff`, `history`, `why`).
#[derive(Serialize, JsonSchema)]
pub struct EventOut<'a> {
    pub id: &'a Key,
    pub date: PartialDate,
    pub reported: Option<PartialDate>,
    pub title: Option<&'a str>,
    pub sources: &'a [Box<str>],
}

impl<'a> EventOut<'a> {
    pub fn new(h: &'a History, e: &'a crate::timeline::Event) -> Self {
        EventOut {
            id: &e.key,
            date: e.date,
            reported: e.reported(),
            title: e.title.as_deref(),
            sources: h.sources(e),
        }
    }

    pub fn list(h: &'a History, events: &[EventId]) -> Vec<Self> {
        events.iter().map(|&e| Self::new(h, h.event(e))).collect()
    }
}

/// Attributes on a day, as one JSON object in key order.
pub struct AttributesOut<'a>(pub Vec<(&'a str, &'a str)>);

impl<'a> AttributesOut<'a> {
    pub fn at(a: &'a Attributes, day: NaiveDate) -> Self {
        AttributesOut(attributes_at(a, day).into_iter().collect())
    }
}

impl Serialize for AttributesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

/// `"known_at"` of a history loaded `--known-at`.
pub fn known_at(h: &History) -> Option<String> {
    h.known_at.map(|d| d.to_string())
}

/// A text field of a CSV row: control characters escaped.
pub(crate) fn text(s: &str) -> String {
    escape(s).into_owned()
}

/// An optional text field of a CSV row (empty when absent).
pub(crate) fn opt_text(s: Option<&str>) -> String {
    s.map(text).unwrap_or_default()
}

/// The holder columns of a CSV row (`person_id`, `person_name`,
/// `acting`, `since`, `uncertain`), from a [`Holder`].
pub(crate) struct HolderCols {
    pub person_id: String,
    pub person_name: String,
    pub acting: bool,
    pub since: String,
    pub uncertain: bool,
}

impl HolderCols {
    pub fn new(holder: Option<&Holder>) -> Self {
        match holder {
            Some(p) => HolderCols {
                person_id: text(p.id.as_str()),
                person_name: text(p.name),
                acting: p.acting,
                since: p.since.map(|d| d.to_string()).unwrap_or_default(),
                uncertain: p.uncertain,
            },
            None => HolderCols {
                person_id: String::new(),
                person_name: String::new(),
                acting: false,
                since: String::new(),
                uncertain: false,
            },
        }
    }
}
