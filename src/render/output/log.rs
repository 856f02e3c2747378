//! `log`: the events with their changes. JSON: each change as in the data
//! format (`op` and its fields) plus what it replaced. CSV: one row per
//! change, in the words of the text output (an event without changes has
//! one row with no change).

use schemars::JsonSchema;
use serde::Serialize;

use super::{EventOut, Subject, opt_text, text};
use crate::dates::PartialDate;
use crate::ids::Key;
use crate::query::{Log as Query, Pending, Told};
use crate::render::text::sentence;
use crate::timeline::{Change as Data, History, Named, Subject as Of};

#[derive(Serialize, JsonSchema)]
pub struct Log<'a> {
    pub since: Option<String>,
    pub until: Option<String>,
    /// `--about`.
    pub about: Vec<Subject<'a>>,
    /// `--reported-since`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_since: Option<String>,
    /// `--reported-until`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_until: Option<String>,
    pub events: Vec<Event<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct Event<'a> {
    pub id: &'a Key,
    pub date: PartialDate,
    pub precision: &'static str,
    pub qualifier: &'static str,
    pub reported: Option<PartialDate>,
    pub title: Option<&'a str>,
    pub note: Option<&'a str>,
    pub sources: &'a [Box<str>],
    pub changes: Vec<Change<'a>>,
}

/// A change as in the data format: `op`, then the fields of that op in
/// the order below, each only where the op has it (`Some`; `Some(None)` is
/// a `null`):
///
/// | op | fields |
/// |---|---|
/// | create | `unit` or `role`, `in` |
/// | dissolve | `unit`, `into` |
/// | eliminate | `role` |
/// | move | `unit` or `role`, `from`, `to` |
/// | rename | `unit` or `person`, `from`, `name`; or `role`, `from`, `title` |
/// | alias, unalias | `person`, `unit` or `role`, `name` |
/// | appoint | `person`, `role`, `acting` |
/// | leave | `person`, `role` |
/// | report | `role`, `from`, `to`; `top` or `was_top` when true |
/// | head | `unit`, `role` (null: no head), `from` |
/// | set | `unit` or `role`, `key`, `from`, `value` |
///
/// `from` is what the change replaced (a unit, name, title, value or
/// line); `left`, when the change ended tenures, who left which role.
#[derive(Serialize, Default, JsonSchema)]
pub struct Change<'a> {
    pub op: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Option<&'a str>>,
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_unit: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub was_top: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<Left<'a>>,
}

/// A tenure a change ended.
#[derive(Serialize, JsonSchema)]
pub struct Left<'a> {
    pub person: &'a Key,
    pub role: &'a Key,
}

impl<'a> Change<'a> {
    pub fn new(h: &'a History, t: &Told<'a>) -> Self {
        let unit = |u| &h.unit(u).key;
        let role = |r| &h.role(r).key;
        let person = |p| &h.person(p).key;
        // `unit` or `role`: the subject of a create or a set.
        let of = |s: Of| match s {
            Of::Unit(u) => (Some(unit(u)), None),
            Of::Role(r) => (None, Some(Some(role(r)))),
        };
        // `person`, `unit` or `role`: the subject of an alias or a set.
        let of_named = |n: Named| match n {
            Named::Person(p) => (Some(person(p)), None, None),
            Named::Unit(u) => (None, Some(unit(u)), None),
            Named::Role(r) => (None, None, Some(Some(role(r)))),
        };
        let unit_from = || Some(t.unit.map(unit).map(Key::as_str));
        let mut c = match *t.change {
            Data::Create(s) => {
                let (u, r) = of(s);
                Change {
                    op: "create",
                    unit: u,
                    role: r,
                    in_unit: Some(t.unit.map(unit)),
                    ..Change::default()
                }
            }
            Data::Dissolve { unit: u, into } => Change {
                op: "dissolve",
                unit: Some(unit(u)),
                into: Some(into.map(unit)),
                ..Change::default()
            },
            Data::Eliminate(r) => Change {
                op: "eliminate",
                role: Some(Some(role(r))),
                ..Change::default()
            },
            Data::Unrecorded { role: r } => Change {
                op: "unrecorded",
                role: Some(Some(role(r))),
                ..Change::default()
            },
            Data::Vacate { role: r } => Change {
                op: "vacate",
                role: Some(Some(role(r))),
                ..Change::default()
            },
            Data::MoveUnit { unit: u, to } => Change {
                op: "move",
                unit: Some(unit(u)),
                from: unit_from(),
                // `null`: a spin-off, to the top level.
                to: Some(to.map(unit)),
                ..Change::default()
            },
            Data::MoveRole { role: r, to } => Change {
                op: "move",
                role: Some(Some(role(r))),
                from: unit_from(),
                to: Some(Some(unit(to))),
                ..Change::default()
            },
            Data::RenameUnit { unit: u, ref name } => Change {
                op: "rename",
                unit: Some(unit(u)),
                from: Some(t.before),
                name: Some(name),
                ..Change::default()
            },
            Data::RetitleRole { role: r, ref title } => Change {
                op: "rename",
                role: Some(Some(role(r))),
                from: Some(t.before),
                title: Some(title),
                ..Change::default()
            },
            Data::RenamePerson {
                person: p,
                ref name,
            } => Change {
                op: "rename",
                person: Some(person(p)),
                from: Some(t.before),
                name: Some(name),
                ..Change::default()
            },
            Data::Alias { named, ref name } | Data::Unalias { named, ref name } => {
                let (p, u, r) = of_named(named);
                Change {
                    op: if matches!(t.change, Data::Alias { .. }) {
                        "alias"
                    } else {
                        "unalias"
                    },
                    person: p,
                    unit: u,
                    role: r,
                    name: Some(name),
                    ..Change::default()
                }
            }
            Data::Appoint {
                person: p,
                role: r,
                acting,
            } => Change {
                op: "appoint",
                person: Some(person(p)),
                role: Some(Some(role(r))),
                acting: Some(acting),
                ..Change::default()
            },
            Data::Leave { person: p, role: r } => Change {
                op: "leave",
                person: Some(person(p)),
                role: Some(r.map(role)),
                ..Change::default()
            },
            Data::Report { role: r, to } => Change {
                op: "report",
                role: Some(Some(role(r))),
                from: Some(t.before_line.map(role).map(Key::as_str)),
                to: Some(to.map(role)),
                was_top: t.before_top.then_some(true),
                ..Change::default()
            },
            Data::Top { role: r } => Change {
                op: "report",
                role: Some(Some(role(r))),
                from: Some(t.before_line.map(role).map(Key::as_str)),
                to: Some(None),
                top: Some(true),
                ..Change::default()
            },
            Data::Dotted { role: r, to } => Change {
                op: "dotted",
                role: Some(Some(role(r))),
                to: Some(Some(role(to))),
                ..Change::default()
            },
            Data::Undotted { role: r, to } => Change {
                op: "undotted",
                role: Some(Some(role(r))),
                to: Some(Some(role(to))),
                ..Change::default()
            },
            Data::Head { role: r } => Change {
                op: "head",
                unit: t.unit.map(unit),
                role: Some(Some(role(r))),
                from: Some(t.before_head.map(role).map(Key::as_str)),
                ..Change::default()
            },
            Data::Headless { unit: u } => Change {
                op: "head",
                unit: Some(unit(u)),
                role: Some(None),
                from: Some(t.before_head.map(role).map(Key::as_str)),
                ..Change::default()
            },
            Data::Set { subject, ref attr } => {
                let (p, u, r) = of_named(subject);
                Change {
                    op: "set",
                    person: p,
                    unit: u,
                    role: r,
                    key: Some(&attr.key),
                    from: Some(t.before),
                    value: Some(attr.value.as_deref()),
                    ..Change::default()
                }
            }
        };
        c.left = t
            .ended
            .iter()
            .map(|&(p, r)| Left {
                person: person(p),
                role: role(r),
            })
            .collect();
        c
    }
}

impl<'a> Log<'a> {
    pub fn new(log: &Query<'a>) -> Self {
        let h = log.history;
        Log {
            since: log.since.map(|d| d.to_string()),
            until: log.until.map(|d| d.to_string()),
            about: log.about.iter().map(|&f| Subject::new(h, f)).collect(),
            reported_since: log.reported_since.map(|d| d.to_string()),
            reported_until: log.reported_until.map(|d| d.to_string()),
            events: log
                .entries
                .iter()
                .map(|entry| {
                    let ev = h.event(entry.event);
                    Event {
                        id: &ev.key,
                        date: ev.date,
                        precision: ev.date.precision().name(),
                        qualifier: ev.date.qualifier().name(),
                        reported: ev.reported(),
                        title: ev.title.as_deref(),
                        note: ev.note(),
                        sources: h.sources(ev),
                        changes: entry.changes.iter().map(|t| Change::new(h, t)).collect(),
                    }
                })
                .collect(),
        }
    }
}

/// An event announced and not yet in force on the day asked (`at`,
/// `show`): the event, and those of its changes that concern what was
/// asked, as in `log`.
#[derive(Serialize, JsonSchema)]
pub struct Announced<'a> {
    pub event: EventOut<'a>,
    pub changes: Vec<Change<'a>>,
}

impl<'a> Announced<'a> {
    pub fn list(h: &'a History, pending: &'a [Pending<'a>]) -> Vec<Self> {
        pending
            .iter()
            .map(|p| Announced {
                event: EventOut::new(h, h.event(p.event)),
                changes: p.changes.iter().map(|t| Change::new(h, t)).collect(),
            })
            .collect()
    }
}

/// `log` as CSV: one row per change of each event.
#[derive(Serialize, Default, JsonSchema)]
pub struct ChangeRow {
    pub event_id: String,
    pub date: String,
    pub reported: String,
    pub title: String,
    pub note: String,
    /// Joined with "; ".
    pub sources: String,
    /// From 1; empty for an event without changes.
    pub change_index: String,
    pub op: &'static str,
    /// In the words of the text output.
    pub change: String,
}

impl ChangeRow {
    pub fn list(log: &Query) -> Vec<Self> {
        let h = log.history;
        let mut rows = Vec::new();
        for (entry, event) in log.entries.iter().zip(Log::new(log).events) {
            let ev = h.event(entry.event);
            let row = || ChangeRow {
                event_id: text(event.id.as_str()),
                date: event.date.to_string(),
                reported: event.reported.map(|d| d.to_string()).unwrap_or_default(),
                title: opt_text(event.title),
                note: opt_text(event.note),
                sources: text(&event.sources.join("; ")),
                ..ChangeRow::default()
            };
            if entry.changes.is_empty() {
                rows.push(row());
            }
            for (i, (told, change)) in entry.changes.iter().zip(&event.changes).enumerate() {
                rows.push(ChangeRow {
                    change_index: (i + 1).to_string(),
                    op: change.op,
                    change: sentence(h, ev, told),
                    ..row()
                });
            }
        }
        rows
    }
}
