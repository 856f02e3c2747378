//! `diff`: what differs between the state on one day and on another, by
//! comparing the two states fact by fact (a move is a move, not a removal
//! and an addition), and the events in between.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::people::{PersonChange, people_changes, taken_in};
use super::state::{OrgView, State};
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{Attributes, History, Holding, Interval, Origin, Role, Stamp};

/// The kinds of change, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiffKind {
    UnitCreated,
    UnitDissolved,
    UnitMoved,
    UnitRenamed,
    RoleCreated,
    RoleEliminated,
    RoleMoved,
    RoleRetitled,
    PersonRenamed,
    Appointed,
    Left,
    LineChanged,
    AttributeChanged,
    /// A dotted line added (`after`) or ended (`before`).
    DottedChanged,
}

impl DiffKind {
    /// The stable name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DiffKind::UnitCreated => "unit-created",
            DiffKind::UnitDissolved => "unit-dissolved",
            DiffKind::UnitMoved => "unit-moved",
            DiffKind::UnitRenamed => "unit-renamed",
            DiffKind::RoleCreated => "role-created",
            DiffKind::RoleEliminated => "role-eliminated",
            DiffKind::RoleMoved => "role-moved",
            DiffKind::RoleRetitled => "role-retitled",
            DiffKind::PersonRenamed => "person-renamed",
            DiffKind::Appointed => "appointed",
            DiffKind::Left => "left",
            DiffKind::LineChanged => "line-changed",
            DiffKind::AttributeChanged => "attribute-changed",
            DiffKind::DottedChanged => "dotted-line-changed",
        }
    }

    /// The one-letter mark of the human output, git-style: `A` created,
    /// `D` dissolved or eliminated, `M` moved, `R` renamed or retitled,
    /// `+` appointed, `-` left, `L` reporting line, `S` attribute set,
    /// `~` dotted line added or ended.
    pub fn letter(self) -> char {
        match self {
            DiffKind::UnitCreated | DiffKind::RoleCreated => 'A',
            DiffKind::UnitDissolved | DiffKind::RoleEliminated => 'D',
            DiffKind::UnitMoved | DiffKind::RoleMoved => 'M',
            DiffKind::UnitRenamed | DiffKind::RoleRetitled | DiffKind::PersonRenamed => 'R',
            DiffKind::Appointed => '+',
            DiffKind::Left => '-',
            DiffKind::LineChanged => 'L',
            DiffKind::AttributeChanged => 'S',
            DiffKind::DottedChanged => '~',
        }
    }
}

/// A record or a value a change refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Ref {
    Unit(UnitId),
    Role(RoleId),
    Person(PersonId),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DiffChange {
    pub kind: DiffKind,
    pub subject: Ref,
    pub before: Option<Ref>,
    pub after: Option<Ref>,
    /// The event that made the change, when one did.
    pub event: Option<EventId>,
    /// For appointments: an acting appointment.
    pub acting: bool,
    /// For attribute changes: the attribute.
    pub key: Option<String>,
    /// For a departure: the role the person took in the same event and
    /// holds on TO (a promotion or a transfer, not a departure).
    pub moved_to: Option<RoleId>,
}

pub struct Diff<'h> {
    pub from: State<'h>,
    pub to: State<'h>,
    pub changes: Vec<DiffChange>,
    /// Indexes into `History::events`: the events after FROM up to TO.
    pub events: Range<usize>,
    /// The people view: one entry per person whose situation changed.
    pub people: Vec<PersonChange>,
}

fn event_of(stamp: Option<&Stamp>) -> Option<EventId> {
    match stamp?.origin {
        Origin::Event(e) => Some(e),
        Origin::Declared(_) => None,
    }
}

fn start_event<T>(iv: Option<&Interval<T>>) -> Option<EventId> {
    event_of(iv.map(|iv| &iv.from))
}

fn end_event<T>(iv: Option<&Interval<T>>) -> Option<EventId> {
    event_of(iv.and_then(|iv| iv.until.as_ref()))
}

/// The departures and appointments of a role of several seats between
/// two days (`exists` on each): who held it on the first and not on the
/// second left, who holds it on the second and did not (so) on the first
/// was appointed. A map of the first day's holders keeps it linear.
fn seat_changes(
    role: &Role,
    r: RoleId,
    (from, to): (NaiveDate, NaiveDate),
    exists: (bool, bool),
    out: &mut Vec<DiffChange>,
) {
    let holders = |day, exists| {
        if exists {
            role.holders_at(day)
        } else {
            Vec::new()
        }
    };
    let (ha, hb) = (holders(from, exists.0), holders(to, exists.1));
    let before: HashMap<PersonId, &Interval<Holding>> =
        ha.iter().map(|iv| (iv.value.person, *iv)).collect();
    let after: HashMap<PersonId, &Interval<Holding>> =
        hb.iter().map(|iv| (iv.value.person, *iv)).collect();
    for h in &ha {
        if !after.contains_key(&h.value.person) {
            let ended = h
                .until
                .as_ref()
                .or(role.life.at(from).and_then(|l| l.until.as_ref()));
            let who = Ref::Person(h.value.person);
            out.push(change(
                DiffKind::Left,
                who,
                Some(Ref::Role(r)),
                None,
                event_of(ended),
            ));
        }
    }
    for h in &hb {
        if before.get(&h.value.person).map(|b| b.value) != Some(h.value) {
            let who = Ref::Person(h.value.person);
            let mut c = change(
                DiffKind::Appointed,
                who,
                None,
                Some(Ref::Role(r)),
                start_event(Some(*h)),
            );
            c.acting = h.value.acting;
            out.push(c);
        }
    }
}

fn change(
    kind: DiffKind,
    subject: Ref,
    before: Option<Ref>,
    after: Option<Ref>,
    event: Option<EventId>,
) -> DiffChange {
    DiffChange {
        kind,
        subject,
        before,
        after,
        event,
        acting: false,
        key: None,
        moved_to: None,
    }
}

impl Diff<'_> {
    /// The number of changes of each kind, in report order, kinds with no
    /// change left out.
    pub fn stat(&self) -> Vec<(DiffKind, usize)> {
        let mut out: Vec<(DiffKind, usize)> = Vec::new();
        for c in &self.changes {
            match out.last_mut() {
                Some((k, n)) if *k == c.kind => *n += 1,
                _ => out.push((c.kind, 1)),
            }
        }
        out
    }
}

/// The changes between the state on `from` and the state on `to`. The
/// two states, and then the records' changes and the people's, are made
/// side by side on two cores: each walks every record of a large history.
pub fn diff(history: &History, from: NaiveDate, to: NaiveDate) -> Diff<'_> {
    let (a, b) = rayon::join(|| State::new(history, from), || State::new(history, to));
    let (changes, people) = rayon::join(
        || record_changes(history, &a, &b),
        || people_changes(history, &a, &b),
    );
    Diff {
        people,
        events: history.events_between(from, to),
        from: a,
        to: b,
        changes,
    }
}

/// The changes of units, roles and people between `a`'s day and `b`'s, by
/// kind.
fn record_changes(history: &History, a: &State, b: &State) -> Vec<DiffChange> {
    let (from, to) = (a.day, b.day);
    let mut out = Vec::new();

    for (i, unit) in history.units.iter().enumerate() {
        let u = UnitId::new(i);
        match (a.unit_exists(u), b.unit_exists(u)) {
            (false, true) => out.push(change(
                DiffKind::UnitCreated,
                Ref::Unit(u),
                None,
                b.parent(u).map(Ref::Unit),
                start_event(unit.life.at(to)),
            )),
            (true, false) => out.push(change(
                DiffKind::UnitDissolved,
                Ref::Unit(u),
                a.parent(u).map(Ref::Unit),
                unit.dissolved_into
                    .filter(|d| b.unit_exists(*d))
                    .map(Ref::Unit),
                end_event(unit.life.at(from)),
            )),
            (true, true) => {
                if a.parent(u) != b.parent(u) {
                    out.push(change(
                        DiffKind::UnitMoved,
                        Ref::Unit(u),
                        a.parent(u).map(Ref::Unit),
                        b.parent(u).map(Ref::Unit),
                        start_event(unit.parent.at(to)).or(end_event(unit.parent.at(from))),
                    ));
                }
                let (na, nb) = (unit.name.value_at(from), unit.name.value_at(to));
                if na != nb {
                    out.push(change(
                        DiffKind::UnitRenamed,
                        Ref::Unit(u),
                        na.cloned().map(Ref::Text),
                        nb.cloned().map(Ref::Text),
                        start_event(unit.name.at(to)),
                    ));
                }
            }
            (false, false) => {}
        }
    }

    for (i, role) in history.roles.iter().enumerate() {
        let r = RoleId::new(i);
        let (ea, eb) = (a.role_exists(r), b.role_exists(r));
        match (ea, eb) {
            (false, true) => out.push(change(
                DiffKind::RoleCreated,
                Ref::Role(r),
                None,
                b.unit_of(r).map(Ref::Unit),
                start_event(role.life.at(to)),
            )),
            (true, false) => out.push(change(
                DiffKind::RoleEliminated,
                Ref::Role(r),
                a.unit_of(r).map(Ref::Unit),
                None,
                end_event(role.life.at(from)),
            )),
            (true, true) => {
                if a.unit_of(r) != b.unit_of(r) {
                    out.push(change(
                        DiffKind::RoleMoved,
                        Ref::Role(r),
                        a.unit_of(r).map(Ref::Unit),
                        b.unit_of(r).map(Ref::Unit),
                        start_event(role.unit.at(to)),
                    ));
                }
                let (ta, tb) = (role.title.value_at(from), role.title.value_at(to));
                if ta != tb {
                    out.push(change(
                        DiffKind::RoleRetitled,
                        Ref::Role(r),
                        ta.cloned().map(Ref::Text),
                        tb.cloned().map(Ref::Text),
                        start_event(role.title.at(to)),
                    ));
                }
                let (la, lb) = (a.line(r), b.line(r));
                if la.map(|l| l.to) != lb.map(|l| l.to) {
                    // An explicit line set or cleared in between, or the
                    // role's own move; a line derived from other units'
                    // heads has no single event.
                    let line_set = role
                        .rare
                        .line
                        .at(to)
                        .filter(|iv| iv.from.day() > Some(from));
                    let moved = role.unit.at(to).filter(|iv| iv.from.day() > Some(from));
                    let event = start_event(line_set)
                        .or(end_event(role.rare.line.at(from)))
                        .or(start_event(moved));
                    out.push(change(
                        DiffKind::LineChanged,
                        Ref::Role(r),
                        la.map(|l| Ref::Role(l.to)),
                        lb.map(|l| Ref::Role(l.to)),
                        event,
                    ));
                }
            }
            (false, false) => {}
        }
        // Holders: compare who held the role on each day.
        if !role.seats.is_single() {
            seat_changes(role, r, (from, to), (ea, eb), &mut out);
            continue;
        }
        let ha = role.holder.at(from).filter(|_| ea);
        let hb = role.holder.at(to).filter(|_| eb);
        if ha.map(|h| h.value) != hb.map(|h| h.value) {
            if let Some(h) = ha
                && hb.map(|x| x.value.person) != Some(h.value.person)
            {
                let ended = h
                    .until
                    .as_ref()
                    .or(role.life.at(from).and_then(|l| l.until.as_ref()));
                out.push(change(
                    DiffKind::Left,
                    Ref::Person(h.value.person),
                    Some(Ref::Role(r)),
                    None,
                    event_of(ended),
                ));
            }
            if let Some(h) = hb {
                let mut c = change(
                    DiffKind::Appointed,
                    Ref::Person(h.value.person),
                    None,
                    Some(Ref::Role(r)),
                    start_event(Some(h)),
                );
                c.acting = h.value.acting;
                out.push(c);
            }
        }
    }

    for (i, person) in history.people.iter().enumerate() {
        let (na, nb) = (person.name.value_at(from), person.name.value_at(to));
        if na != nb {
            out.push(change(
                DiffKind::PersonRenamed,
                Ref::Person(PersonId::new(i)),
                na.cloned().map(Ref::Text),
                nb.cloned().map(Ref::Text),
                start_event(person.name.at(to)),
            ));
        }
    }

    let mut attrs = |subject: Ref, attributes: &Attributes, exists: (bool, bool)| {
        for (key, t) in attributes {
            let va = t.at(from).filter(|_| exists.0);
            let vb = t.at(to).filter(|_| exists.1);
            if va.map(|v| &v.value) != vb.map(|v| &v.value) && exists.1 {
                let mut c = change(
                    DiffKind::AttributeChanged,
                    subject.clone(),
                    va.map(|v| Ref::Text(v.value.clone())),
                    vb.map(|v| Ref::Text(v.value.clone())),
                    start_event(vb).or(end_event(va)),
                );
                c.key = Some(key.clone());
                out.push(c);
            }
        }
    };
    for (i, unit) in history.units.iter().enumerate() {
        let u = UnitId::new(i);
        attrs(
            Ref::Unit(u),
            &unit.attributes,
            (a.unit_exists(u), b.unit_exists(u)),
        );
    }
    for (i, role) in history.roles.iter().enumerate() {
        let r = RoleId::new(i);
        attrs(
            Ref::Role(r),
            &role.rare.attributes,
            (a.role_exists(r), b.role_exists(r)),
        );
    }
    // People always exist; most have no attributes (an empty look each).
    for (i, person) in history.people.iter().enumerate() {
        attrs(
            Ref::Person(PersonId::new(i)),
            &person.attributes,
            (true, true),
        );
    }

    dotted_changes(history, a, b, &mut out);
    out.sort_by_key(|c| c.kind);
    for c in &mut out {
        if let (DiffKind::Left, Ref::Person(p), Some(e)) = (c.kind, &c.subject, c.event) {
            c.moved_to = taken_in(history, b, *p, e);
        }
    }
    out
}

/// The dotted lines that hold on one day and not the other, one change
/// each (a role without dotted lines costs an empty look).
fn dotted_changes(history: &History, a: &State, b: &State, out: &mut Vec<DiffChange>) {
    for (i, role) in history.roles.iter().enumerate() {
        if role.rare.dotted.is_empty() {
            continue;
        }
        let r = RoleId::new(i);
        let (da, db) = (role.dotted_at(a.day), role.dotted_at(b.day));
        let (da, db): (Vec<_>, Vec<_>) = (da.collect(), db.collect());
        for iv in &da {
            if !db.iter().any(|x| x.value == iv.value) {
                let event = end_event(Some(*iv)).or(end_event(role.life.at(a.day)));
                let gone = change(DiffKind::DottedChanged, Ref::Role(r), None, None, event);
                out.push(DiffChange {
                    before: Some(Ref::Role(iv.value)),
                    ..gone
                });
            }
        }
        for iv in &db {
            if !da.iter().any(|x| x.value == iv.value) {
                let added = change(DiffKind::DottedChanged, Ref::Role(r), None, None, None);
                out.push(DiffChange {
                    after: Some(Ref::Role(iv.value)),
                    event: start_event(Some(*iv)),
                    ..added
                });
            }
        }
    }
}
