//! `log`: the events in date order, like `git log`, each change with what
//! it replaced (read from the timelines: the interval the event ended), and
//! `--about` to keep the events that touch a person, unit or role.
//!
//! An event is about a record when one of its changes names it (as subject,
//! target, or the unit something moves into or is dissolved into), or when
//! it began or ended a fact of the record's [`history`](super::history):
//! so a renamed unit is one record, an event that dissolved A into B is
//! about both, and an event that moved a role into a unit is about it.
//! An event is also about a unit when it began or ended something inside
//! the unit's subtree on its day: someone taking or leaving a role there
//! (a departure, a transfer out, a role eliminated), a role or unit moved
//! out of it or dissolved into another, so "who left Platform?" is
//! answered completely.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::history::history;
use super::lookup::Found;
use super::view::Index;
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{Change, History, Named, Subject};

/// One change of an event, with what it replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Told<'h> {
    pub change: &'h Change,
    /// A created unit's parent or a created role's unit; the unit a moved
    /// unit or role came from.
    pub unit: Option<UnitId>,
    /// The name, title or attribute value before a rename, retitle or set.
    pub before: Option<&'h str>,
    /// The explicit line before a `report`.
    pub before_line: Option<RoleId>,
    /// Whether a `report` ended the role's top marker.
    pub before_top: bool,
    /// The unit's head role before a `head` change (whose unit is `unit`).
    pub before_head: Option<RoleId>,
    /// The tenures the change ended: an eliminated role's holder, the
    /// holder an appointment replaced, the roles a person left.
    pub ended: Vec<(PersonId, RoleId)>,
}

pub struct LogEntry<'h> {
    pub event: EventId,
    pub changes: Vec<Told<'h>>,
}

pub struct Log<'h> {
    pub history: &'h History,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub about: Vec<Found>,
    /// `--reported-since` and `--reported-until`: bounds on when the
    /// events were reported (see [`Log::reported_within`]).
    pub reported_since: Option<NaiveDate>,
    pub reported_until: Option<NaiveDate>,
    /// In replay order: by the first day of their date, then load order.
    pub entries: Vec<LogEntry<'h>>,
}

/// The records a change names, and those it took something from: the
/// role an explicit line went to before a `report`, the unit a moved unit
/// or role left.
pub(super) fn names(h: &History, e: EventId, c: &Change) -> [Option<Found>; 3] {
    let old = match *c {
        Change::Report { role, .. } | Change::Top { role } => h
            .role(role)
            .rare
            .line
            .ended_by(e)
            .map(|iv| Found::Role(iv.value)),
        Change::MoveUnit { unit, .. } => h
            .unit(unit)
            .parent
            .ended_by(e)
            .map(|iv| Found::Unit(iv.value)),
        Change::MoveRole { role, .. } => h
            .role(role)
            .unit
            .ended_by(e)
            .map(|iv| Found::Unit(iv.value)),
        _ => None,
    };
    let [a, b] = c.names().map(|n| n.map(Found::from));
    [a, b, old]
}

/// The unit a role was in just before event `e` (or on `day`).
fn role_unit(h: &History, r: RoleId, e: EventId, day: NaiveDate) -> Option<UnitId> {
    let t = &h.role(r).unit;
    t.ended_by(e)
        .or_else(|| t.at(day))
        .or_else(|| t.started_by(e))
        .map(|iv| iv.value)
}

/// The units where change `c` of event `e` began or ended something: the
/// unit of a role someone took or left (or that was eliminated), the unit
/// a role or unit left and the one it went to, a created record's place.
fn places(h: &History, e: EventId, day: NaiveDate, c: &Change) -> [Option<UnitId>; 2] {
    let parent = |u: UnitId| {
        let t = &h.unit(u).parent;
        t.ended_by(e).or_else(|| t.started_by(e)).map(|iv| iv.value)
    };
    match *c {
        Change::Appoint { role, .. }
        | Change::Leave {
            role: Some(role), ..
        }
        | Change::Eliminate(role)
        | Change::Create(Subject::Role(role)) => [role_unit(h, role, e, day), None],
        Change::MoveRole { role, to } => [role_unit(h, role, e, day), Some(to)],
        Change::MoveUnit { unit, to } => [parent(unit), to],
        Change::Dissolve { unit, into } => [parent(unit), into],
        Change::Create(Subject::Unit(u)) => [parent(u), None],
        _ => [None, None],
    }
}

/// True when unit `u` is `top` or lies under it on `day` (or just before
/// event `e`, for a parent that `e` ended).
fn within(h: &History, mut u: UnitId, top: UnitId, e: EventId, day: NaiveDate) -> bool {
    for _ in 0..=h.units.len() {
        if u == top {
            return true;
        }
        let t = &h.unit(u).parent;
        match t.at(day).or_else(|| t.ended_by(e)) {
            Some(iv) => u = iv.value,
            None => return false,
        }
    }
    false
}

/// True when change `c` of event `e` began or ended something inside the
/// subtree of a unit of `about` (see the module's documentation).
fn inside_about(h: &History, about: &[Found], e: EventId, c: &Change) -> bool {
    let day = h.event(e).date.first_day();
    let mut units = about.iter().filter_map(|f| match f {
        Found::Unit(u) => Some(*u),
        _ => None,
    });
    let Some(first) = units.next() else {
        return false;
    };
    let mut spots: Vec<UnitId> = places(h, e, day, c).into_iter().flatten().collect();
    // A `leave` of every role: the units of the roles it ended.
    if let Change::Leave { person, role: None } = *c {
        spots.extend(
            h.person(person)
                .tenures
                .iter()
                .filter(|&&t| {
                    h.tenure(t)
                        .until
                        .is_some_and(|u| u.origin == crate::timeline::Origin::Event(e))
                })
                .filter_map(|t| role_unit(h, t.role, e, day)),
        );
    }
    std::iter::once(first)
        .chain(units)
        .any(|top| spots.iter().any(|&u| within(h, u, top, e, day)))
}

/// True when `named` is a role that a person of `about` held when event
/// `e` happened (an event naming a person's role is about the person).
pub(super) fn held_by_about(h: &History, about: &[Found], named: Found, e: EventId) -> bool {
    let Found::Role(r) = named else {
        return false;
    };
    let day = h.event(e).date.first_day();
    about.iter().any(|f| match f {
        Found::Person(p) => h.person(*p).tenures.iter().any(|&t| {
            let (tr, iv) = (t.role, h.tenure(t));
            let ended_here = iv
                .until
                .is_some_and(|u| u.origin == crate::timeline::Origin::Event(e));
            tr == r && (iv.contains(day) || ended_here)
        }),
        _ => false,
    })
}

/// What each change of event `e` replaced. A tenure ends once: it is
/// credited to the first change that ended it (a `leave` before an
/// `eliminate` of the same role, or before the appointment that follows).
pub(super) fn tell_event<'h>(h: &'h History, index: &Index, e: EventId) -> Vec<Told<'h>> {
    let mut credited = HashSet::new();
    h.event(e)
        .changes
        .iter()
        .map(|c| {
            let mut t = tell(h, index, e, c);
            t.ended.retain(|&x| credited.insert(x));
            t
        })
        .collect()
}

/// What change `c` of event `e` replaced, from the intervals `e` ended.
fn tell<'h>(h: &'h History, index: &Index, e: EventId, c: &'h Change) -> Told<'h> {
    let mut t = Told {
        change: c,
        unit: None,
        before: None,
        before_line: None,
        before_top: false,
        before_head: None,
        ended: Vec::new(),
    };
    // The role that stopped heading `unit` by this event.
    let head_ended = |unit: UnitId| {
        index
            .heads_of(unit)
            .iter()
            .find(|(_, _, until)| {
                until.is_some_and(|u| u.origin == crate::timeline::Origin::Event(e))
            })
            .map(|&(r, _, _)| r)
    };
    match c {
        Change::Create(Subject::Unit(u)) => {
            t.unit = h.unit(*u).parent.started_by(e).map(|iv| iv.value);
        }
        Change::Create(Subject::Role(r)) => {
            t.unit = h.role(*r).unit.started_by(e).map(|iv| iv.value);
        }
        Change::MoveUnit { unit, .. } => {
            t.unit = h.unit(*unit).parent.ended_by(e).map(|iv| iv.value);
        }
        Change::MoveRole { role, .. } => {
            t.unit = h.role(*role).unit.ended_by(e).map(|iv| iv.value);
        }
        Change::RenameUnit { unit, .. } => {
            t.before = h.unit(*unit).name.ended_by(e).map(|iv| iv.value.as_str());
        }
        Change::RetitleRole { role, .. } => {
            t.before = h.role(*role).title.ended_by(e).map(|iv| iv.value.as_str());
        }
        Change::RenamePerson { person, .. } => {
            t.before = h
                .person(*person)
                .name
                .ended_by(e)
                .map(|iv| iv.value.as_str());
        }
        Change::Set { subject, attr } => {
            let attrs = match subject {
                Named::Person(p) => &h.person(*p).attributes,
                Named::Unit(u) => &h.unit(*u).attributes,
                Named::Role(r) => &h.role(*r).rare.attributes,
            };
            t.before = attrs
                .get(&*attr.key)
                .and_then(|tl| tl.ended_by(e))
                .map(|iv| iv.value.as_str());
        }
        Change::Report { role, .. } | Change::Top { role } => {
            t.before_line = h.role(*role).rare.line.ended_by(e).map(|iv| iv.value);
            t.before_top = h.role(*role).rare.top.ended_by(e).is_some();
        }
        Change::Eliminate(r) | Change::Unrecorded { role: r } | Change::Vacate { role: r } => {
            t.ended.extend(
                h.role(*r)
                    .seat_timelines()
                    .filter_map(|s| s.ended_by(e))
                    .map(|iv| (iv.value.person, *r)),
            );
        }
        // Only a role of one seat has its holder replaced.
        Change::Appoint { person, role, .. } => {
            t.ended.extend(
                Some(&h.role(*role).holder)
                    .filter(|_| h.role(*role).seats.is_single())
                    .and_then(|t| t.ended_by(e))
                    .filter(|iv| iv.value.person != *person)
                    .map(|iv| (iv.value.person, *role)),
            );
        }
        Change::Leave { person, role } => {
            for &tenure in &h.person(*person).tenures {
                let (r, iv) = (tenure.role, h.tenure(tenure));
                if role.is_none_or(|x| x == r)
                    && iv
                        .until
                        .is_some_and(|u| u.origin == crate::timeline::Origin::Event(e))
                {
                    t.ended.push((*person, r));
                }
            }
        }
        Change::Head { role } => {
            t.unit = h
                .role(*role)
                .head
                .started_by(e)
                .and_then(|iv| h.role(*role).unit.value_at(iv.from.day()?).copied());
            t.before_head = t.unit.and_then(head_ended);
        }
        Change::Headless { unit } => {
            t.unit = Some(*unit);
            t.before_head = head_ended(*unit);
        }
        Change::Dissolve { .. }
        | Change::Dotted { .. }
        | Change::Undotted { .. }
        | Change::Alias { .. }
        | Change::Unalias { .. } => {}
    }
    t
}

/// The events dated in `since..=until` (an imprecise date counts when its
/// period overlaps the range), about any of `about` (all when empty).
pub fn log<'h>(
    h: &'h History,
    index: &Index,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    about: &[Found],
) -> Log<'h> {
    let mut wanted = vec![about.is_empty(); h.events.len()];
    for &f in about {
        for e in history(h, index, f).events {
            wanted[e.index()] = true;
        }
    }
    // Events are sorted by their first day: stop at the first after `until`.
    let end = until.map_or(h.events.len(), |u| {
        h.events.partition_point(|e| e.date.first_day() <= u)
    });
    let mut entries = Vec::new();
    for (i, ev) in h.events[..end].iter().enumerate() {
        if since.is_some_and(|s| ev.date.last_day() < s) {
            continue;
        }
        let e = EventId::new(i);
        let named = || {
            ev.changes.iter().any(|c| {
                names(h, e, c)
                    .iter()
                    .flatten()
                    .any(|n| about.contains(n) || held_by_about(h, about, *n, e))
                    || inside_about(h, about, e, c)
            })
        };
        if !wanted[i] && !named() {
            continue;
        }
        let changes = tell_event(h, index, e);
        entries.push(LogEntry { event: e, changes });
    }
    Log {
        history: h,
        since,
        until,
        about: about.to_vec(),
        reported_since: None,
        reported_until: None,
        entries,
    }
}

impl Log<'_> {
    /// Keeps the events reported in `since..=until`, as [`log`] bounds
    /// their dates: an imprecise `reported` date counts when its period
    /// overlaps the range, and an event without `reported` was reported
    /// on its date.
    pub fn reported_within(mut self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Self {
        let h = self.history;
        self.entries.retain(|entry| {
            let ev = h.event(entry.event);
            let r = ev.reported().unwrap_or(ev.date);
            since.is_none_or(|s| r.last_day() >= s) && until.is_none_or(|u| r.first_day() <= u)
        });
        self.reported_since = since;
        self.reported_until = until;
        self
    }
}
