//! `diff`: the changes from FROM to TO and the events between; `diff
//! --stat`: the number of changes of each kind. CSV: one row per change,
//! or per kind.

use schemars::JsonSchema;
use serde::Serialize;

use super::{EventOut, known_at, opt_text, text};
use crate::ids::Key;
use crate::query::{Diff as Query, DiffChange, DiffKind, PersonChange, Place, Ref};
use crate::render::names::ref_name;
use crate::timeline::History;

#[derive(Serialize, JsonSchema)]
pub struct Diff<'a> {
    pub from: String,
    pub to: String,
    pub changes: Vec<Change<'a>>,
    pub events: Vec<EventOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
    /// The people view: one item per person whose situation changed.
    pub people: Vec<PersonOut<'a>>,
}

/// A person's change of situation: `kind` is `hired`, `left`, `moved`
/// (another unit), `new-role` (another role in the same unit) or
/// `new-manager`.
#[derive(Serialize, JsonSchema)]
pub struct PersonOut<'a> {
    pub person: &'a Key,
    pub kind: &'static str,
    pub before: Option<PlaceOut<'a>>,
    pub after: Option<PlaceOut<'a>>,
    pub event: Option<&'a Key>,
    pub date: Option<String>,
}

/// Where a person is on a day: their main role, its unit, the role it
/// reports to and its holder, and whether they hold it acting.
#[derive(Serialize, JsonSchema)]
pub struct PlaceOut<'a> {
    pub role: &'a Key,
    pub unit: Option<&'a Key>,
    pub manager: Option<&'a Key>,
    pub reports_to: Option<&'a Key>,
    pub acting: bool,
}

impl<'a> PlaceOut<'a> {
    fn new(h: &'a History, p: &Place) -> Self {
        PlaceOut {
            role: &h.role(p.role).key,
            unit: p.unit.map(|u| &h.unit(u).key),
            manager: p.manager.map(|m| &h.role(m).key),
            reports_to: p.boss.map(|b| &h.person(b).key),
            acting: p.acting,
        }
    }
}

impl<'a> PersonOut<'a> {
    pub fn new(h: &'a History, c: &PersonChange) -> Self {
        PersonOut {
            person: &h.person(c.person).key,
            kind: c.kind.name(),
            before: c.before.as_ref().map(|p| PlaceOut::new(h, p)),
            after: c.after.as_ref().map(|p| PlaceOut::new(h, p)),
            event: c.event.map(|e| &h.event(e).key),
            date: c.event.map(|e| h.event(e).date.to_string()),
        }
    }
}

/// One change. `subject`, `before` and `after` are ids, or the text of a
/// name, title or attribute value.
#[derive(Serialize, JsonSchema)]
pub struct Change<'a> {
    pub kind: &'static str,
    pub subject: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub event: Option<&'a Key>,
    /// Only for an acting appointment.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Only for an attribute change: the attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    /// Only for a departure that was a move: the role the person took in
    /// the same event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<&'a Key>,
}

/// The id of what a change refers to, or its text.
fn ref_id<'a>(h: &'a History, r: &'a Ref) -> &'a str {
    match r {
        Ref::Unit(u) => h.unit(*u).key.as_str(),
        Ref::Role(r) => h.role(*r).key.as_str(),
        Ref::Person(p) => h.person(*p).key.as_str(),
        Ref::Text(t) => t,
    }
}

impl<'a> Change<'a> {
    pub fn new(h: &'a History, c: &'a DiffChange) -> Self {
        Change {
            kind: c.kind.name(),
            subject: ref_id(h, &c.subject),
            before: c.before.as_ref().map(|r| ref_id(h, r)),
            after: c.after.as_ref().map(|r| ref_id(h, r)),
            event: c.event.map(|e| &h.event(e).key),
            acting: c.acting,
            key: c.key.as_deref(),
            moved_to: c.moved_to.map(|r| &h.role(r).key),
        }
    }
}

impl<'a> Diff<'a> {
    pub fn new(d: &'a Query<'a>) -> Self {
        let h = d.to.history;
        Diff {
            from: d.from.day.to_string(),
            to: d.to.day.to_string(),
            changes: d.changes.iter().map(|c| Change::new(h, c)).collect(),
            events: h.events[d.events.clone()]
                .iter()
                .map(|e| EventOut::new(h, e))
                .collect(),
            known_at: known_at(h),
            people: d.people.iter().map(|c| PersonOut::new(h, c)).collect(),
        }
    }
}

#[derive(Serialize, JsonSchema)]
pub struct DiffStat {
    pub from: String,
    pub to: String,
    pub stat: Vec<Stat>,
    pub total_changes: usize,
    pub total_events: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
}

/// The number of changes of one kind.
#[derive(Serialize, JsonSchema)]
pub struct Stat {
    pub kind: &'static str,
    pub letter: String,
    pub count: usize,
}

impl Stat {
    pub fn list(d: &Query) -> Vec<Self> {
        d.stat()
            .into_iter()
            .map(|(kind, count)| Stat {
                kind: kind.name(),
                letter: kind.letter().to_string(),
                count,
            })
            .collect()
    }
}

impl DiffStat {
    pub fn new(d: &Query) -> Self {
        DiffStat {
            from: d.from.day.to_string(),
            to: d.to.day.to_string(),
            stat: Stat::list(d),
            total_changes: d.changes.len(),
            total_events: d.events.len(),
            known_at: known_at(d.to.history),
        }
    }
}

/// `diff --stat` as CSV: one row per [`Stat`].
#[derive(Serialize, Default, JsonSchema)]
pub struct StatRow {
    pub letter: String,
    pub kind: &'static str,
    pub count: usize,
}

impl From<&Stat> for StatRow {
    fn from(s: &Stat) -> Self {
        StatRow {
            letter: s.letter.clone(),
            kind: s.kind,
            count: s.count,
        }
    }
}

/// `diff` as CSV: one row per [`Change`], in the order of the text
/// output, with the names of what it refers to.
#[derive(Serialize, Default, JsonSchema)]
pub struct ChangeRow {
    pub letter: String,
    pub kind: &'static str,
    pub subject: String,
    pub subject_name: String,
    pub before: String,
    pub before_name: String,
    pub after: String,
    pub after_name: String,
    pub key: String,
    pub acting: bool,
    pub event: String,
    pub event_date: String,
}

impl ChangeRow {
    pub fn new(d: &Query, c: &DiffChange, change: &Change) -> Self {
        let h = d.to.history;
        // What has gone is named as it was on FROM.
        let gone = matches!(
            c.kind,
            DiffKind::UnitDissolved | DiffKind::RoleEliminated | DiffKind::Left
        );
        let subject_state = if gone { &d.from } else { &d.to };
        ChangeRow {
            letter: c.kind.letter().to_string(),
            kind: change.kind,
            subject: text(change.subject),
            subject_name: ref_name(subject_state, &c.subject),
            before: opt_text(change.before),
            before_name: c
                .before
                .as_ref()
                .map(|r| ref_name(&d.from, r))
                .unwrap_or_default(),
            after: opt_text(change.after),
            after_name: c
                .after
                .as_ref()
                .map(|r| ref_name(&d.to, r))
                .unwrap_or_default(),
            key: opt_text(change.key),
            acting: change.acting,
            event: opt_text(change.event.map(Key::as_str)),
            event_date: c
                .event
                .map(|e| h.event(e).date.to_string())
                .unwrap_or_default(),
        }
    }

    pub fn list(d: &Query) -> Vec<Self> {
        let h = d.to.history;
        d.changes
            .iter()
            .map(|c| ChangeRow::new(d, c, &Change::new(h, c)))
            .collect()
    }
}

/// `diff --people` as CSV: one row per [`PersonOut`], with the names of
/// the person, roles, units and the people reported to (each as on its
/// day); empty columns for the side a person was not on.
#[derive(Serialize, Default, JsonSchema)]
pub struct PersonRow {
    pub person_id: String,
    pub person_name: String,
    pub kind: &'static str,
    pub before_role_id: String,
    pub before_role_title: String,
    pub before_unit_id: String,
    pub before_unit_name: String,
    pub before_reports_to_id: String,
    pub before_reports_to_name: String,
    pub after_role_id: String,
    pub after_role_title: String,
    pub after_unit_id: String,
    pub after_unit_name: String,
    pub after_reports_to_id: String,
    pub after_reports_to_name: String,
    pub event: String,
    pub event_date: String,
}

/// The role, unit and person reported to of a [`Place`] as CSV columns.
fn place_cols(state: &crate::query::State, p: Option<&Place>) -> [String; 6] {
    let h = state.history;
    let Some(p) = p else {
        return Default::default();
    };
    [
        text(h.role(p.role).key.as_str()),
        text(h.role_title(p.role, state.day)),
        p.unit
            .map_or(String::new(), |u| text(h.unit(u).key.as_str())),
        p.unit
            .map_or(String::new(), |u| text(h.unit_name(u, state.day))),
        p.boss
            .map_or(String::new(), |b| text(h.person(b).key.as_str())),
        p.boss
            .map_or(String::new(), |b| text(h.person_name(b, state.day))),
    ]
}

impl PersonRow {
    pub fn list(d: &Query) -> Vec<Self> {
        let h = d.to.history;
        d.people
            .iter()
            .map(|c| {
                let [b0, b1, b2, b3, b4, b5] = place_cols(&d.from, c.before.as_ref());
                let [a0, a1, a2, a3, a4, a5] = place_cols(&d.to, c.after.as_ref());
                PersonRow {
                    person_id: text(h.person(c.person).key.as_str()),
                    person_name: text(h.person_name(c.person, d.to.day)),
                    kind: c.kind.name(),
                    before_role_id: b0,
                    before_role_title: b1,
                    before_unit_id: b2,
                    before_unit_name: b3,
                    before_reports_to_id: b4,
                    before_reports_to_name: b5,
                    after_role_id: a0,
                    after_role_title: a1,
                    after_unit_id: a2,
                    after_unit_name: a3,
                    after_reports_to_id: a4,
                    after_reports_to_name: a5,
                    event: c
                        .event
                        .map_or(String::new(), |e| text(h.event(e).key.as_str())),
                    event_date: c
                        .event
                        .map(|e| h.event(e).date.to_string())
                        .unwrap_or_default(),
                }
            })
            .collect()
    }
}
