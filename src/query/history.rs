//! `history`: the timeline of one person, unit or role: every interval of
//! every fact about it, each with what began and ended it.
//!
//! It reads the record's own timelines (and, for a unit, those of the
//! roles and units that were ever in it, found through the [`Index`]),
//! never the list of events. Identity is the record's id, so a renamed
//! unit is one history; a unit dissolved into this one shows as absorbed,
//! and the units and roles it brought as moved in from it.

use super::lookup::Found;
use super::state::Line;
use super::view::{Index, LineSpan, Mark, heading_spans, line_spans};
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{Attributes, History, Holding, Interval, Role, Timeline};

/// Who sits in a role over a stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Filled(Holding),
    /// Someone held it before; nobody does now.
    Vacant,
    /// No holder is recorded: yet, or since an `op = "unrecorded"`.
    Unrecorded,
}

/// One fact of a history. "Before" fields name where a unit or role was
/// just before (a move, or the unit dissolved into this one).
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<'h> {
    /// The unit or role exists.
    Exists,
    /// A unit's name, a role's title, or a renamed person's name.
    Name(&'h str),
    /// An alias given or dropped on a date (a declared `aka` that holds
    /// throughout is no stretch of the history).
    Alias(&'h str),
    Attribute {
        key: &'h str,
        value: &'h str,
    },
    /// A unit lies under `parent`.
    Under {
        parent: UnitId,
        before: Option<UnitId>,
    },
    /// A unit is a top-level organisation after it left `before` (a
    /// spin-off), until it is moved under a unit again or ends.
    TopLevel {
        before: UnitId,
    },
    /// A unit has the child unit `unit`.
    Contains {
        unit: UnitId,
        before: Option<UnitId>,
    },
    /// A unit has the role `role`.
    HasRole {
        role: RoleId,
        before: Option<UnitId>,
    },
    /// A unit is headed by `role`.
    HeadedBy(RoleId),
    /// A unit's head role is held by someone.
    LedBy {
        role: RoleId,
        holding: Holding,
    },
    /// The unit `0` was dissolved into this one (a moment, not a stretch).
    Absorbed(UnitId),
    /// This unit was dissolved, to be succeeded by the unit `0`, created
    /// later (a moment: the dissolution).
    SucceededBy(UnitId),
    /// This unit is the successor of the unit `0`, dissolved before it was
    /// created (a moment: its creation).
    SuccessorOf(UnitId),
    /// A role is in a unit.
    InUnit {
        unit: UnitId,
        before: Option<UnitId>,
    },
    /// A role heads its unit.
    Heads(UnitId),
    /// Who holds a role.
    Seat(Seat),
    /// A role's reporting line (`None`: the top of its chain).
    ReportsTo(Option<Line>),
    /// A person holds a role.
    Holds {
        role: RoleId,
        acting: bool,
    },
    /// A role a person holds is retitled during their tenure.
    RoleTitle {
        role: RoleId,
        title: &'h str,
    },
    /// A role a person holds moves to another unit during their tenure.
    RoleUnit {
        role: RoleId,
        unit: UnitId,
    },
    /// A role's dotted line to another role (never its line of command).
    Dotted(RoleId),
    /// Whom a person reports to through one of their roles: the line and
    /// who sits at its other end (`None`: the top of the chain).
    Manager {
        role: RoleId,
        to: Option<(Line, Seat)>,
    },
}

impl Fact<'_> {
    /// The order of facts that begin together.
    fn rank(&self) -> u8 {
        match self {
            Fact::Exists => 0,
            Fact::Name(_) | Fact::Alias(_) => 1,
            Fact::Under { .. } | Fact::InUnit { .. } | Fact::TopLevel { .. } => 2,
            Fact::Heads(_) => 3,
            Fact::Holds { .. } | Fact::Seat(_) => 4,
            Fact::RoleTitle { .. } | Fact::RoleUnit { .. } => 5,
            Fact::ReportsTo(_) | Fact::Manager { .. } | Fact::Dotted(_) => 6,
            Fact::Absorbed(_) | Fact::SucceededBy(_) | Fact::SuccessorOf(_) => 7,
            Fact::Contains { .. } => 8,
            Fact::HasRole { .. } => 9,
            Fact::HeadedBy(_) => 10,
            Fact::LedBy { .. } => 11,
            Fact::Attribute { .. } => 12,
        }
    }
}

/// A fact and the stretch it held: from `from` until `until` (exclusive;
/// `None`: still holds). A moment (`Absorbed`) has `until == Some(from)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'h> {
    pub fact: Fact<'h>,
    pub from: Mark,
    pub until: Option<Mark>,
}

impl Entry<'_> {
    /// A stretch that begins and ends on the same day held on no day (see
    /// [`Interval::held_on_no_day`]); a moment is no stretch.
    pub fn held_on_no_day(&self) -> bool {
        !self.is_moment() && self.until.is_some_and(|u| u.day() == self.from.day())
    }

    /// A moment (`Absorbed`, `SucceededBy`, `SuccessorOf`): `until` is
    /// `from`.
    pub fn is_moment(&self) -> bool {
        matches!(
            self.fact,
            Fact::Absorbed(_) | Fact::SucceededBy(_) | Fact::SuccessorOf(_)
        )
    }
}

pub struct RecordHistory<'h> {
    pub history: &'h History,
    pub subject: Found,
    /// By start, then by kind of fact.
    pub entries: Vec<Entry<'h>>,
    /// Every event that began or ended an entry, in replay order.
    pub events: Vec<EventId>,
}

fn entry<'h, T>(fact: Fact<'h>, iv: &Interval<T>) -> Entry<'h> {
    Entry {
        fact,
        from: Mark::from(iv.from),
        until: iv.until.map(Mark::from),
    }
}

/// The value of the interval just before `i`, when it ended as `i` began.
fn before<T: Copy>(t: &Timeline<T>, i: usize) -> Option<T> {
    let ivs = t.intervals();
    let prev = ivs.get(i.checked_sub(1)?)?;
    (prev.until == Some(ivs[i].from)).then_some(prev.value)
}

fn end_order(m: Option<&Mark>) -> (bool, super::view::Order) {
    match m {
        Some(m) => (false, m.order()),
        None => (true, (None, 0)),
    }
}

/// The stretch `span` without a holder: no holder recorded where the
/// role's `unrecorded` marker holds (or before its first holder, `had`
/// false), vacant elsewhere.
fn gaps(
    role: &Role,
    had: bool,
    span: (Mark, Option<Mark>),
    out: &mut Vec<(Seat, Mark, Option<Mark>)>,
) {
    let gap = if had { Seat::Vacant } else { Seat::Unrecorded };
    let (mut cursor, until) = span;
    for u in role.rare.unrecorded.intervals() {
        let marked = (Mark::from(u.from), u.until.map(Mark::from));
        let Some((a, b)) = clip(marked, (cursor, until)) else {
            continue;
        };
        if a.order() > cursor.order() {
            out.push((gap, cursor, Some(a)));
        }
        out.push((Seat::Unrecorded, a, b));
        match b {
            Some(b) => cursor = b,
            None => return,
        }
    }
    if (false, cursor.order()) < end_order(until.as_ref()) {
        out.push((gap, cursor, until));
    }
}

/// The part of stretch `a` inside stretch `b`, if any.
fn clip(a: (Mark, Option<Mark>), b: (Mark, Option<Mark>)) -> Option<(Mark, Option<Mark>)> {
    let from = if b.0.order() > a.0.order() { b.0 } else { a.0 };
    let until = if end_order(b.1.as_ref()) < end_order(a.1.as_ref()) {
        b.1
    } else {
        a.1
    };
    ((false, from.order()) < end_order(until.as_ref())).then_some((from, until))
}

fn attributes<'h>(attrs: &'h Attributes, out: &mut Vec<Entry<'h>>) {
    for (key, t) in attrs {
        for iv in t.intervals() {
            out.push(entry(
                Fact::Attribute {
                    key,
                    value: &iv.value,
                },
                iv,
            ));
        }
    }
}

/// Who sat in role `r` over its whole life: holders, and the gaps between
/// them (no holder recorded before the first or while `op =
/// "unrecorded"` holds, vacant otherwise). A role of
/// several seats: the holders of every seat, seat by seat, without gaps.
pub fn seats(h: &History, r: RoleId) -> Vec<(Seat, Mark, Option<Mark>)> {
    let role = h.role(r);
    if !role.seats.is_single() {
        let mut out = Vec::new();
        for life in role.life.intervals() {
            let life_span = (Mark::from(life.from), life.until.map(Mark::from));
            for iv in role.seat_timelines().flat_map(Timeline::intervals) {
                let span = (Mark::from(iv.from), iv.until.map(Mark::from));
                if let Some((from, until)) = clip(span, life_span) {
                    out.push((Seat::Filled(iv.value), from, until));
                }
            }
        }
        return out;
    }
    let mut out = Vec::new();
    let mut had_holder = false;
    for (n, life) in role.life.intervals().iter().enumerate() {
        // A role that comes back is vacant until filled.
        had_holder |= n > 0;
        let life_end = life.until.map(Mark::from);
        let mut cursor = Some(Mark::from(life.from));
        for iv in role.holder.intervals() {
            let (from, until) = (Mark::from(iv.from), iv.until.map(Mark::from));
            let Some((from, until)) = clip((from, until), (Mark::from(life.from), life_end)) else {
                continue;
            };
            if let Some(c) = cursor
                && from.order() > c.order()
            {
                gaps(role, had_holder, (c, Some(from)), &mut out);
            }
            out.push((Seat::Filled(iv.value), from, until));
            had_holder = true;
            cursor = until;
        }
        if let Some(c) = cursor
            && (false, c.order()) < end_order(life_end.as_ref())
        {
            gaps(role, had_holder, (c, life_end), &mut out);
        }
    }
    out
}

/// One entry per interval of `place` (a unit's parent or a role's unit),
/// or only those in unit `only`: `fact(unit, where it was just before)`.
fn places<'h>(
    place: &Timeline<UnitId>,
    only: Option<UnitId>,
    fact: impl Fn(UnitId, Option<UnitId>) -> Fact<'h>,
    out: &mut Vec<Entry<'h>>,
) {
    for (i, iv) in place.intervals().iter().enumerate() {
        if only.is_none_or(|u| u == iv.value) {
            out.push(entry(fact(iv.value, before(place, i)), iv));
        }
    }
}

/// What every unit and role has: its existence, its names or titles, and
/// where it is. False when it never comes into existence.
fn life_names_place<'h>(
    life: &Timeline<()>,
    names: &'h Timeline<String>,
    place: &Timeline<UnitId>,
    fact: impl Fn(UnitId, Option<UnitId>) -> Fact<'h>,
    out: &mut Vec<Entry<'h>>,
) -> bool {
    if life.intervals().is_empty() {
        return false;
    }
    for iv in life.intervals() {
        out.push(entry(Fact::Exists, iv));
    }
    for iv in names.intervals() {
        out.push(entry(Fact::Name(&iv.value), iv));
    }
    places(place, None, fact, out);
    true
}

fn unit_history<'h>(h: &'h History, ix: &Index, u: UnitId, out: &mut Vec<Entry<'h>>) {
    let unit = h.unit(u);
    let under = |parent, before| Fact::Under { parent, before };
    if !life_names_place(&unit.life, &unit.name, &unit.parent, under, out) {
        return;
    }
    // The stretches at the top level after a spin-off: where the parent
    // ended while the unit lived on, until its next parent or its end.
    // (Each life of a unit ends with its parent when it is dissolved.)
    let parents = unit.parent.intervals();
    let lives = unit.life.intervals();
    for (i, iv) in parents.iter().enumerate() {
        let next = parents.get(i + 1).map(|n| n.from);
        let Some(end) = iv.until else { continue };
        // The life the parent ended in.
        let Some(life) = lives
            .iter()
            .find(|l| l.from.day() <= end.day() && l.until.is_none_or(|u| u.day() >= end.day()))
        else {
            continue;
        };
        if Some(end) != life.until && Some(end) != next {
            let until = next.filter(|n| life.until.is_none_or(|u| n.day() <= u.day()));
            out.push(Entry {
                fact: Fact::TopLevel { before: iv.value },
                from: Mark::from(end),
                until: until.or(life.until).map(Mark::from),
            });
        }
    }
    attributes(&unit.attributes, out);
    for &c in ix.children_ever_of(u) {
        let contains = |_, before| Fact::Contains { unit: c, before };
        places(&h.unit(c).parent, Some(u), contains, out);
    }
    for &r in ix.roles_ever_in(u) {
        let has = |_, before| Fact::HasRole { role: r, before };
        places(&h.role(r).unit, Some(u), has, out);
    }
    for &(r, from, until) in ix.heads_of(u) {
        let span = (Mark::from(from), until.map(Mark::from));
        out.push(Entry {
            fact: Fact::HeadedBy(r),
            from: span.0,
            until: span.1,
        });
        for (seat, f, t) in seats(h, r) {
            if let Seat::Filled(holding) = seat
                && let Some((from, until)) = clip((f, t), span)
            {
                out.push(Entry {
                    fact: Fact::LedBy { role: r, holding },
                    from,
                    until,
                });
            }
        }
    }
    let moment = |fact, at| Entry {
        fact,
        from: Mark::from(at),
        until: Some(Mark::from(at)),
    };
    for &a in ix.absorbed_by(u) {
        if h.unit(a).succession {
            if let Some(start) = unit.created() {
                out.push(moment(Fact::SuccessorOf(a), start));
            }
        } else if let Some(end) = h.unit(a).dissolved() {
            out.push(moment(Fact::Absorbed(a), end));
        }
    }
    if let (true, Some(t)) = (unit.succession, unit.dissolved_into)
        && let Some(end) = unit.dissolved()
    {
        out.push(moment(Fact::SucceededBy(t), end));
    }
}

fn role_history<'h>(h: &'h History, ix: &Index, r: RoleId, out: &mut Vec<Entry<'h>>) {
    let role = h.role(r);
    let in_unit = |unit, before| Fact::InUnit { unit, before };
    if !life_names_place(&role.life, &role.title, &role.unit, in_unit, out) {
        return;
    }
    for (unit, from, until) in heading_spans(role) {
        out.push(Entry {
            fact: Fact::Heads(unit),
            from: Mark::from(from),
            until: until.map(Mark::from),
        });
    }
    for (seat, from, until) in seats(h, r) {
        out.push(Entry {
            fact: Fact::Seat(seat),
            from,
            until,
        });
    }
    for iv in &role.rare.dotted {
        out.push(entry(Fact::Dotted(iv.value), iv));
    }
    for LineSpan { line, from, until } in line_spans(h, ix, r) {
        out.push(Entry {
            fact: Fact::ReportsTo(line),
            from,
            until,
        });
    }
    attributes(&role.rare.attributes, out);
}

/// The values of `t` that began inside `span` (after its start), each
/// clipped to it.
fn during<'h, T>(
    t: &'h Timeline<T>,
    span: (Mark, Option<Mark>),
    fact: impl Fn(&'h Interval<T>) -> Fact<'h>,
    out: &mut Vec<Entry<'h>>,
) {
    for iv in t.intervals() {
        let m = (Mark::from(iv.from), iv.until.map(Mark::from));
        if m.0.order() > span.0.order()
            && let Some((from, until)) = clip(m, span)
        {
            out.push(Entry {
                fact: fact(iv),
                from,
                until,
            });
        }
    }
}

fn person_history<'h>(h: &'h History, ix: &Index, p: PersonId, out: &mut Vec<Entry<'h>>) {
    attributes(&h.person(p).attributes, out);
    for &t in &h.person(p).tenures {
        let r = t.role;
        let role = h.role(r);
        let tenure = h.tenure(t);
        let span = (Mark::from(tenure.from), tenure.until.map(Mark::from));
        out.push(Entry {
            fact: Fact::Holds {
                role: r,
                acting: tenure.value.acting,
            },
            from: span.0,
            until: span.1,
        });
        // Changes to the role during the tenure (not the state it began in).
        let title = |iv: &'h Interval<String>| Fact::RoleTitle {
            role: r,
            title: &iv.value,
        };
        during(&role.title, span, title, out);
        let unit = |iv: &Interval<UnitId>| Fact::RoleUnit {
            role: r,
            unit: iv.value,
        };
        during(&role.unit, span, unit, out);
        for ls in line_spans(h, ix, r) {
            // Ties go to the first stretch: the tenure's own stamps.
            let Some(piece) = clip(span, (ls.from, ls.until)) else {
                continue;
            };
            match ls.line {
                None => out.push(Entry {
                    fact: Fact::Manager { role: r, to: None },
                    from: piece.0,
                    until: piece.1,
                }),
                Some(line) => {
                    for (seat, f, t) in seats(h, line.to) {
                        if let Some((from, until)) = clip(piece, (f, t)) {
                            let fact = Fact::Manager {
                                role: r,
                                to: Some((line, seat)),
                            };
                            out.push(Entry { fact, from, until });
                        }
                    }
                }
            }
        }
    }
}

/// A person's names, once renamed, and the aliases of any record that
/// were given or dropped on a date.
pub(super) fn names_over_time<'h>(h: &'h History, found: Found, out: &mut Vec<Entry<'h>>) {
    let notes = match found {
        Found::Person(p) => {
            let names = h.person(p).name.intervals();
            if names.len() > 1 {
                out.extend(names.iter().map(|iv| entry(Fact::Name(&iv.value), iv)));
            }
            &h.person(p).notes
        }
        Found::Unit(u) => {
            if h.unit(u).life.intervals().is_empty() {
                return;
            }
            &h.unit(u).notes
        }
        Found::Role(r) => {
            if h.role(r).life.intervals().is_empty() {
                return;
            }
            &h.role(r).notes
        }
    };
    out.extend(
        notes
            .aliases
            .iter()
            .filter(|iv| iv.from.date.is_some() || iv.until.is_some())
            .map(|iv| entry(Fact::Alias(&iv.value), iv)),
    );
}

/// The history of `found`: every fact about it with the stretch it held.
pub fn history<'h>(h: &'h History, index: &Index, found: Found) -> RecordHistory<'h> {
    let mut entries = Vec::new();
    match found {
        Found::Unit(u) => unit_history(h, index, u, &mut entries),
        Found::Role(r) => role_history(h, index, r, &mut entries),
        Found::Person(p) => person_history(h, index, p, &mut entries),
    }
    names_over_time(h, found, &mut entries);
    // Stable: facts that begin together keep the order they were read in.
    entries.sort_by_key(|e| (e.from.order(), e.fact.rank()));
    // The events cited include those whose facts passed within a day.
    let mut events: Vec<EventId> = entries
        .iter()
        .flat_map(|e| [e.from.event(), e.until.and_then(|u| u.event())])
        .flatten()
        .collect();
    events.sort();
    events.dedup();
    entries.retain(|e| !e.held_on_no_day());
    RecordHistory {
        history: h,
        subject: found,
        entries,
        events,
    }
}
