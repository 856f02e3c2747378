//! `history`: every fact about one record over time, with when it began
//! and ended, and the events cited. CSV: one row per fact, its fields
//! flattened (`line.to` is `line_to`, `from.date` is `from_date`), with the
//! fact in the words of the text output.

use schemars::JsonSchema;
use serde::Serialize;

use super::{EventOut, LineOut, MarkOut, Subject, opt_text};
use crate::ids::{Key, RoleId, UnitId};
use crate::query::{Entry, Fact as Query, RecordHistory, Seat};
use crate::render::text::fact_text;
use crate::timeline::History;

#[derive(Serialize, JsonSchema)]
pub struct HistoryOut<'a> {
    pub subject: Subject<'a>,
    pub facts: Vec<Fact<'a>>,
    pub events: Vec<EventOut<'a>>,
}

/// Who holds a role: `{"status", "person", "acting"}`, the last two only
/// when it is filled.
#[derive(Serialize, JsonSchema)]
pub struct SeatOut<'a> {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
}

impl<'a> SeatOut<'a> {
    fn new(h: &'a History, s: &Seat) -> Self {
        match s {
            Seat::Filled(holding) => SeatOut {
                status: "filled",
                person: Some(&h.person(holding.person).key),
                acting: Some(holding.acting),
            },
            Seat::Vacant => SeatOut {
                status: "vacant",
                person: None,
                acting: None,
            },
            Seat::Unrecorded => SeatOut {
                status: "unrecorded",
                person: None,
                acting: None,
            },
        }
    }
}

/// A fact: `fact` (its kind), its fields in the order below where the
/// kind has them (`Some`; `Some(None)` is a `null`), then `from` and
/// `until`. The `holder` fact is its [`SeatOut`] with `fact` after it.
///
/// | fact | fields |
/// |---|---|
/// | exists | |
/// | name, alias | `value` |
/// | attribute | `key`, `value` |
/// | parent, contains, unit | `unit`, `before` |
/// | top-level | `before` |
/// | has-role | `role`, `before` |
/// | headed-by | `role` |
/// | led-by | `role`, `person`, `acting` |
/// | absorbed, succeeded-by, successor-of, heads | `unit` |
/// | holder | (`status`, `person`, `acting` before `fact`) |
/// | reports-to | `line` |
/// | holds | `role`, `acting` |
/// | role-title | `role`, `value` |
/// | role-unit | `role`, `unit` |
/// | manager | `role`, `line`, `manager` |
#[derive(Serialize, JsonSchema)]
pub struct Fact<'a> {
    #[serde(flatten)]
    pub seat: Option<SeatOut<'a>>,
    pub fact: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    /// The unit it was in (or under) before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Option<&'a Key>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<Option<LineOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<Option<SeatOut<'a>>>,
    pub from: MarkOut<'a>,
    pub until: Option<MarkOut<'a>>,
}

impl<'a> Fact<'a> {
    pub fn new(h: &'a History, e: &'a Entry) -> Self {
        let uk = |u: &UnitId| &h.unit(*u).key;
        let rk = |r: &RoleId| &h.role(*r).key;
        let mut f = Fact {
            seat: None,
            fact: "",
            key: None,
            role: None,
            unit: None,
            person: None,
            acting: None,
            value: None,
            before: None,
            line: None,
            manager: None,
            from: MarkOut::new(h, &e.from),
            until: e.until.as_ref().map(|m| MarkOut::new(h, m)),
        };
        let before = |b: &Option<UnitId>| Some(b.as_ref().map(uk));
        match &e.fact {
            Query::Exists => f.fact = "exists",
            Query::Name(n) => (f.fact, f.value) = ("name", Some(*n)),
            Query::Alias(n) => (f.fact, f.value) = ("alias", Some(*n)),
            Query::Attribute { key, value } => {
                (f.fact, f.key, f.value) = ("attribute", Some(*key), Some(*value));
            }
            Query::Under { parent, before: b } => {
                (f.fact, f.unit, f.before) = ("parent", Some(uk(parent)), before(b));
            }
            Query::TopLevel { before: b } => {
                (f.fact, f.before) = ("top-level", Some(Some(uk(b))));
            }
            Query::Contains { unit, before: b } => {
                (f.fact, f.unit, f.before) = ("contains", Some(uk(unit)), before(b));
            }
            Query::HasRole { role, before: b } => {
                (f.fact, f.role, f.before) = ("has-role", Some(rk(role)), before(b));
            }
            Query::HeadedBy(r) => (f.fact, f.role) = ("headed-by", Some(rk(r))),
            Query::LedBy { role, holding } => {
                (f.fact, f.role) = ("led-by", Some(rk(role)));
                f.person = Some(&h.person(holding.person).key);
                f.acting = Some(holding.acting);
            }
            Query::Absorbed(u) => (f.fact, f.unit) = ("absorbed", Some(uk(u))),
            Query::SucceededBy(u) => (f.fact, f.unit) = ("succeeded-by", Some(uk(u))),
            Query::SuccessorOf(u) => (f.fact, f.unit) = ("successor-of", Some(uk(u))),
            Query::InUnit { unit, before: b } => {
                (f.fact, f.unit, f.before) = ("unit", Some(uk(unit)), before(b));
            }
            Query::Heads(u) => (f.fact, f.unit) = ("heads", Some(uk(u))),
            Query::Seat(s) => (f.seat, f.fact) = (Some(SeatOut::new(h, s)), "holder"),
            Query::ReportsTo(l) => {
                (f.fact, f.line) = ("reports-to", Some(l.as_ref().map(|l| LineOut::new(h, l))));
            }
            Query::Dotted(to) => (f.fact, f.role) = ("dotted-line", Some(rk(to))),
            Query::Holds { role, acting } => {
                (f.fact, f.role, f.acting) = ("holds", Some(rk(role)), Some(*acting));
            }
            Query::RoleTitle { role, title } => {
                (f.fact, f.role, f.value) = ("role-title", Some(rk(role)), Some(*title));
            }
            Query::RoleUnit { role, unit } => {
                (f.fact, f.role, f.unit) = ("role-unit", Some(rk(role)), Some(uk(unit)));
            }
            Query::Manager { role, to } => {
                (f.fact, f.role) = ("manager", Some(rk(role)));
                f.line = Some(to.as_ref().map(|(l, _)| LineOut::new(h, l)));
                f.manager = Some(to.as_ref().map(|(_, s)| SeatOut::new(h, s)));
            }
        }
        f
    }
}

impl<'a> HistoryOut<'a> {
    pub fn new(rh: &'a RecordHistory<'a>) -> Self {
        let h = rh.history;
        HistoryOut {
            subject: Subject::new(h, rh.subject),
            facts: rh.entries.iter().map(|e| Fact::new(h, e)).collect(),
            events: EventOut::list(h, &rh.events),
        }
    }
}

/// `history` as CSV: a [`Fact`] flattened, `null`s and absent fields
/// empty, and the fact in words (`description`).
#[derive(Serialize, Default, JsonSchema)]
pub struct FactRow {
    pub fact: &'static str,
    pub description: String,
    pub key: String,
    pub value: String,
    pub unit: String,
    pub role: String,
    pub person: String,
    pub status: &'static str,
    pub acting: String,
    pub before: String,
    pub line_to: String,
    pub line_rule: &'static str,
    pub line_ancestor: String,
    pub manager_status: &'static str,
    pub manager_person: String,
    pub manager_acting: String,
    pub from_date: String,
    pub from_event: String,
    pub from_declared: String,
    pub until_date: String,
    pub until_event: String,
    pub until_declared: String,
}

fn key(k: Option<&Key>) -> String {
    opt_text(k.map(Key::as_str))
}

fn flag(b: Option<bool>) -> String {
    b.map(|b| b.to_string()).unwrap_or_default()
}

impl FactRow {
    pub fn new(f: &Fact, description: String) -> Self {
        let seat = f.seat.as_ref();
        let line = f.line.as_ref().and_then(Option::as_ref);
        let manager = f.manager.as_ref().and_then(Option::as_ref);
        let mark = |m: Option<&MarkOut>| match m {
            Some(m) => [
                opt_text(m.date.map(|d| d.to_string()).as_deref()),
                key(m.event),
                opt_text(m.declared.as_deref()),
            ],
            None => Default::default(),
        };
        let [from_date, from_event, from_declared] = mark(Some(&f.from));
        let [until_date, until_event, until_declared] = mark(f.until.as_ref());
        FactRow {
            fact: f.fact,
            description,
            key: opt_text(f.key),
            value: opt_text(f.value),
            unit: key(f.unit),
            role: key(f.role),
            person: key(f.person.or(seat.and_then(|s| s.person))),
            status: seat.map_or("", |s| s.status),
            acting: flag(f.acting.or(seat.and_then(|s| s.acting))),
            before: key(f.before.flatten()),
            line_to: key(line.map(|l| l.to)),
            line_rule: line.map_or("", |l| l.rule),
            line_ancestor: key(line.and_then(|l| l.ancestor)),
            manager_status: manager.map_or("", |s| s.status),
            manager_person: key(manager.and_then(|s| s.person)),
            manager_acting: flag(manager.and_then(|s| s.acting)),
            from_date,
            from_event,
            from_declared,
            until_date,
            until_event,
            until_declared,
        }
    }

    pub fn list(rh: &RecordHistory) -> Vec<Self> {
        let h = rh.history;
        rh.entries
            .iter()
            .map(|e| FactRow::new(&Fact::new(h, e), fact_text(rh, e)))
            .collect()
    }
}
