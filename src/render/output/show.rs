//! `show`: one record's card on a day. JSON only.

use schemars::JsonSchema;
use serde::Serialize;

use super::log::Announced;
use super::{AttributesOut, Holder, MarkOut, Named, RoleRef};
use crate::dates::PartialDate;
use crate::ids::{EventId, Key, RoleId};
use crate::query::{Card, Entry, Existence, Fact, Link, Occupancy};
use crate::timeline::History;

#[derive(Serialize, JsonSchema)]
pub struct Show<'a> {
    pub date: String,
    pub kind: &'static str,
    pub id: &'a Key,
    pub name: &'a str,
    pub other_names: &'a [&'a str],
    /// The aliases on the day.
    pub aka: &'a [&'a str],
    /// A person's names once renamed, and the aliases given or dropped on
    /// a date, each with when it held; omitted when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dated_names: Vec<DatedName<'a>>,
    pub unit_kind: Option<&'a str>,
    pub note: Option<&'a str>,
    pub sources: &'a [String],
    /// For a unit or a role.
    pub existence: Option<Standing<'a>>,
    /// A role's unit, or a unit's parent.
    pub unit: Option<Named<'a>>,
    pub head: Option<SeatOut<'a>>,
    pub is_head: bool,
    pub roles: Vec<SeatOut<'a>>,
    pub units: Vec<Named<'a>>,
    pub reports_to: Vec<Upward<'a>>,
    pub top_roles: Vec<&'a Key>,
    pub direct_reports: Vec<SeatOut<'a>>,
    /// The dotted lines of its roles (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dotted_to: Vec<DottedUp<'a>>,
    /// The dotted lines to its roles (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dotted_from: Vec<DottedDown<'a>>,
    pub attributes: AttributesOut<'a>,
    pub first_event: Option<EventBrief<'a>>,
    pub last_event: Option<EventBrief<'a>>,
    /// The changes about it announced by the day and not yet in force.
    pub announced: Vec<Announced<'a>>,
    /// A unit dissolved into a successor created later: the successor and
    /// when it was created. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_by: Option<Succession<'a>>,
    /// A unit created as the successor of units dissolved before it: each
    /// and when it was dissolved. Absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successor_of: Vec<Succession<'a>>,
}

/// The other unit of a succession across a gap, and `on`: when the
/// successor was created, or the predecessor dissolved.
#[derive(Serialize, JsonSchema)]
pub struct Succession<'a> {
    pub id: &'a Key,
    pub name: &'a str,
    pub on: MarkOut<'a>,
}

/// Whether a unit or role exists on the day: `status`, then `since`
/// (`exists`), `from` (`not-yet`, `null` if never), or `at` and `into`
/// (`ended`).
#[derive(Serialize, Default, JsonSchema)]
pub struct Standing<'a> {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<MarkOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Option<MarkOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<MarkOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<Option<&'a Key>>,
}

impl<'a> Succession<'a> {
    fn new(h: &'a History, day: chrono::NaiveDate, (u, s): &'a Link) -> Self {
        Succession {
            id: &h.unit(*u).key,
            name: h.unit_name(*u, day),
            on: MarkOut::of(h, s),
        }
    }
}

/// A name or alias that held over part of the history.
#[derive(Serialize, JsonSchema)]
pub struct DatedName<'a> {
    pub name: &'a str,
    /// `name` or `alias`.
    pub kind: &'static str,
    pub from: MarkOut<'a>,
    pub until: Option<MarkOut<'a>>,
}

impl<'a> DatedName<'a> {
    fn new(h: &'a History, e: &'a Entry<'a>) -> Option<Self> {
        let (name, kind) = match e.fact {
            Fact::Name(n) => (n, "name"),
            Fact::Alias(n) => (n, "alias"),
            _ => return None,
        };
        Some(DatedName {
            name,
            kind,
            from: MarkOut::new(h, &e.from),
            until: e.until.as_ref().map(|m| MarkOut::new(h, m)),
        })
    }
}

/// A role and who holds it.
#[derive(Serialize, JsonSchema)]
pub struct SeatOut<'a> {
    pub role: RoleRef<'a>,
    pub status: &'static str,
    pub holder: Option<Holder<'a>>,
}

impl<'a> SeatOut<'a> {
    fn new(h: &'a History, r: RoleId, occ: &Occupancy, day: chrono::NaiveDate) -> Self {
        SeatOut {
            role: RoleRef::new(h, r, day),
            status: occ.status(),
            holder: Holder::of(h, occ, day),
        }
    }
}

/// A line up from one of the record's roles.
#[derive(Serialize, JsonSchema)]
pub struct Upward<'a> {
    pub from_role: &'a Key,
    pub to: SeatOut<'a>,
    pub rule: &'static str,
    pub ancestor: Option<&'a Key>,
}

/// A dotted line from one of the record's roles to another role.
#[derive(Serialize, JsonSchema)]
pub struct DottedUp<'a> {
    pub from_role: &'a Key,
    pub to: SeatOut<'a>,
}

/// A dotted line from another role to one of the record's roles.
#[derive(Serialize, JsonSchema)]
pub struct DottedDown<'a> {
    pub to_role: &'a Key,
    pub from: SeatOut<'a>,
}

#[derive(Serialize, JsonSchema)]
pub struct EventBrief<'a> {
    pub id: &'a Key,
    pub date: PartialDate,
    pub title: Option<&'a str>,
    pub reported: Option<PartialDate>,
}

impl<'a> Show<'a> {
    pub fn new(c: &'a Card<'a>) -> Self {
        let state = &c.state;
        let h = state.history;
        let day = state.day;
        let f = c.subject;
        let stamp = |s| MarkOut::of(h, s);
        let existence = c.existence.as_ref().map(|e| match e {
            Existence::Exists(s) => Standing {
                status: "exists",
                since: Some(stamp(s)),
                ..Standing::default()
            },
            Existence::NotYet(s) => Standing {
                status: "not-yet",
                from: Some(s.as_ref().map(stamp)),
                ..Standing::default()
            },
            Existence::Ended { at, into } => Standing {
                status: "ended",
                at: Some(stamp(at)),
                into: Some(into.map(|u| &h.unit(u).key)),
                ..Standing::default()
            },
        });
        let event = |e: Option<EventId>| {
            e.map(|e| {
                let ev = h.event(e);
                EventBrief {
                    id: &ev.key,
                    date: ev.date,
                    title: ev.title.as_deref(),
                    reported: ev.reported(),
                }
            })
        };
        let link = |l| Succession::new(h, day, l);
        let seats = |list: &'a [(RoleId, Occupancy<'a>)]| {
            list.iter()
                .map(|(r, occ)| SeatOut::new(h, *r, occ, day))
                .collect()
        };
        Show {
            date: day.to_string(),
            kind: f.noun(),
            id: f.key(h),
            name: c.name,
            other_names: &c.other_names,
            aka: &c.aka,
            dated_names: c
                .dated_names
                .iter()
                .filter_map(|e| DatedName::new(h, e))
                .collect(),
            unit_kind: c.kind,
            note: c.notes.note.as_deref(),
            sources: &c.notes.sources,
            existence,
            unit: c.unit.map(|u| Named::unit(h, u, day)),
            head: c
                .head
                .as_ref()
                .map(|(r, occ)| SeatOut::new(h, *r, occ, day)),
            is_head: c.is_head,
            roles: seats(&c.roles),
            units: c.units.iter().map(|&u| Named::unit(h, u, day)).collect(),
            reports_to: c
                .up
                .iter()
                .map(|u| {
                    let line = super::LineOut::new(h, &u.line);
                    Upward {
                        from_role: &h.role(u.role).key,
                        to: SeatOut::new(h, u.line.to, &u.manager, day),
                        rule: line.rule,
                        ancestor: line.ancestor,
                    }
                })
                .collect(),
            top_roles: c.tops.iter().map(|&r| &h.role(r).key).collect(),
            direct_reports: seats(&c.reports),
            dotted_to: c
                .dotted_up
                .iter()
                .map(|d| DottedUp {
                    from_role: &h.role(d.from).key,
                    to: SeatOut::new(h, d.to, &d.holder, day),
                })
                .collect(),
            dotted_from: c
                .dotted_down
                .iter()
                .map(|d| DottedDown {
                    to_role: &h.role(d.to).key,
                    from: SeatOut::new(h, d.from, &d.holder, day),
                })
                .collect(),
            attributes: AttributesOut(c.attributes.clone()),
            first_event: event(c.first_event),
            last_event: event(c.last_event),
            announced: Announced::list(h, &c.announced),
            succeeded_by: c.succeeded_by.as_ref().map(link),
            successor_of: c.successor_of.iter().map(link).collect(),
        }
    }
}
