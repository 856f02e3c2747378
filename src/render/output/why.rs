//! `why`: what a record's situation on a day rests on: its facts, for
//! each role the facts, the reporting line and what it rests on, and the
//! events cited. JSON only.

use schemars::JsonSchema;
use serde::Serialize;

use super::{EventOut, LineOut, MarkOut, RoleRef, Subject};
use crate::ids::{Key, RoleId, UnitId};
use crate::query::{Absence as Query, Basis, Because, Existence, Reason as Why, RoleWhy};
use crate::timeline::{History, Stamp, Subject as Of};

#[derive(Serialize, JsonSchema)]
pub struct WhyOut<'a> {
    pub date: String,
    pub subject: Subject<'a>,
    /// Why the record is not there on the day, when it is not.
    pub absent: Option<Absent<'a>>,
    pub facts: Vec<Reason<'a>>,
    pub roles: Vec<RoleOut<'a>>,
    pub events: Vec<EventOut<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct RoleOut<'a> {
    pub role: RoleRef<'a>,
    pub facts: Vec<Reason<'a>>,
    /// `null` at the top of its chain.
    pub line: Option<LineWhy<'a>>,
    /// At the top of its chain because a head above reports to it by
    /// explicit lines: those facts (absent otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub top_because: Vec<Reason<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct LineWhy<'a> {
    #[serde(flatten)]
    pub line: LineOut<'a>,
    pub because: Vec<Reason<'a>>,
    pub manager: Option<Reason<'a>>,
}

/// A fact and since when it holds: `fact` (its kind), its fields in the
/// order below where the kind has them, then `since`.
///
/// | fact | fields |
/// |---|---|
/// | exists | `unit` or `role` |
/// | name | `unit` or `role`, `value` |
/// | holds | `role`, `person`, `acting` |
/// | vacant, unrecorded | `role` |
/// | attribute | `unit` or `role`, `key`, `value` |
/// | explicit-line, dotted-line | `role`, `to` |
/// | in-unit, heads | `role`, `unit` |
/// | under | `unit`, `parent` |
/// | headless | `unit` |
#[derive(Serialize, Default, JsonSchema)]
pub struct Reason<'a> {
    pub fact: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    pub since: MarkOut<'a>,
}

impl<'a> Reason<'a> {
    pub fn new(h: &'a History, b: &Because<'a>) -> Self {
        let rk = |r: RoleId| Some(&h.role(r).key);
        let uk = |u: UnitId| Some(&h.unit(u).key);
        // `unit` or `role`.
        let of = |fact, s: Of| match s {
            Of::Unit(u) => Reason {
                fact,
                unit: uk(u),
                ..Reason::default()
            },
            Of::Role(r) => Reason {
                fact,
                role: rk(r),
                ..Reason::default()
            },
        };
        let mut r = match b.reason {
            Why::Exists(s) => of("exists", s),
            Why::Name { subject, name } => Reason {
                value: Some(name),
                ..of("name", subject)
            },
            Why::Holds { role, holding } => Reason {
                fact: "holds",
                role: rk(role),
                person: Some(&h.person(holding.person).key),
                acting: Some(holding.acting),
                ..Reason::default()
            },
            Why::Vacant { role } => Reason {
                fact: "vacant",
                role: rk(role),
                ..Reason::default()
            },
            Why::Unrecorded { role } => Reason {
                fact: "unrecorded",
                role: rk(role),
                ..Reason::default()
            },
            Why::Attribute {
                subject,
                key,
                value,
            } => Reason {
                key: Some(key),
                value: Some(value),
                ..of("attribute", subject)
            },
            Why::Dotted { role, to } => Reason {
                fact: "dotted-line",
                role: rk(role),
                to: rk(to),
                ..Reason::default()
            },
            Why::Line(basis) => match basis {
                Basis::ExplicitLine { role, to } => Reason {
                    fact: "explicit-line",
                    role: rk(role),
                    to: rk(to),
                    ..Reason::default()
                },
                Basis::InUnit { role, unit } => Reason {
                    fact: "in-unit",
                    role: rk(role),
                    unit: uk(unit),
                    ..Reason::default()
                },
                Basis::Heads { role, unit } => Reason {
                    fact: "heads",
                    role: rk(role),
                    unit: uk(unit),
                    ..Reason::default()
                },
                Basis::Under { unit, parent } => Reason {
                    fact: "under",
                    unit: uk(unit),
                    parent: uk(parent),
                    ..Reason::default()
                },
                Basis::Headless { unit } => Reason {
                    fact: "headless",
                    unit: uk(unit),
                    ..Reason::default()
                },
                Basis::Top { role } => Reason {
                    fact: "top",
                    role: rk(role),
                    ..Reason::default()
                },
            },
        };
        r.since = MarkOut::of(h, &b.from);
        r
    }

    fn list(h: &'a History, facts: &[Because<'a>]) -> Vec<Self> {
        facts.iter().map(|b| Reason::new(h, b)).collect()
    }
}

/// Why a record is not there: `kind`, then the fields of that kind
/// (`Some`; `Some(None)` is a `null`): `exists`: `at`; `not-yet`: `at`;
/// `ended`: `at`, `into`; `no-role`: `last`, `next`.
#[derive(Serialize, Default, JsonSchema)]
pub struct Absent<'a> {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Option<MarkOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<Option<LastHeld<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Option<NextHeld<'a>>>,
}

/// The role a person held last, and when they left it.
#[derive(Serialize, JsonSchema)]
pub struct LastHeld<'a> {
    pub role: &'a Key,
    pub until: Option<MarkOut<'a>>,
}

/// The role a person holds next, and from when.
#[derive(Serialize, JsonSchema)]
pub struct NextHeld<'a> {
    pub role: &'a Key,
    pub from: MarkOut<'a>,
}

impl<'a> Absent<'a> {
    pub fn new(h: &'a History, a: &Query<'a>) -> Self {
        let stamp = |s: &Stamp| MarkOut::of(h, s);
        match a {
            Query::Life(Existence::Exists(s)) => Absent {
                kind: "exists",
                at: Some(Some(stamp(s))),
                ..Absent::default()
            },
            Query::Life(Existence::NotYet(s)) => Absent {
                kind: "not-yet",
                at: Some(s.as_ref().map(stamp)),
                ..Absent::default()
            },
            Query::Life(Existence::Ended { at, into }) => Absent {
                kind: "ended",
                at: Some(Some(stamp(at))),
                into: Some(into.map(|u| &h.unit(u).key)),
                ..Absent::default()
            },
            Query::NoRole { last, next } => Absent {
                kind: "no-role",
                last: Some(last.map(|(r, iv)| LastHeld {
                    role: &h.role(r).key,
                    until: iv.until.as_ref().map(stamp),
                })),
                next: Some(next.map(|(r, iv)| NextHeld {
                    role: &h.role(r).key,
                    from: stamp(&iv.from),
                })),
                ..Absent::default()
            },
        }
    }
}

impl<'a> RoleOut<'a> {
    fn new(h: &'a History, rw: &RoleWhy<'a>, day: chrono::NaiveDate) -> Self {
        RoleOut {
            role: RoleRef::new(h, rw.role, day),
            facts: Reason::list(h, &rw.facts),
            line: rw.line.as_ref().map(|l| LineWhy {
                line: LineOut::new(h, l),
                because: Reason::list(h, &rw.line_facts),
                manager: rw.manager.as_ref().map(|b| Reason::new(h, b)),
            }),
            top_because: match rw.line {
                Some(_) => Vec::new(),
                None => Reason::list(h, &rw.line_facts),
            },
        }
    }
}

impl<'a> WhyOut<'a> {
    pub fn new(w: &crate::query::Why<'a>) -> Self {
        let h = w.history;
        WhyOut {
            date: w.day.to_string(),
            subject: Subject::new(h, w.subject),
            absent: w.absence.as_ref().map(|a| Absent::new(h, a)),
            facts: Reason::list(h, &w.facts),
            roles: w
                .roles
                .iter()
                .map(|rw| RoleOut::new(h, rw, w.day))
                .collect(),
            events: EventOut::list(h, &w.events),
        }
    }
}
