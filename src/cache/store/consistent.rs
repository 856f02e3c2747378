//! The consistency check of a history read from bytes or cut down from
//! one: every id in range, so that queries on it cannot index out of
//! bounds, and the history well formed.

use rayon::prelude::*;

use crate::timeline::{
    Change, Declared, History, Loc, Named, Notes, Origin, Stamp, Subject, Timeline,
};

impl History {
    /// Every id in range, so that queries on a history read from bytes
    /// cannot index out of bounds, and the history well formed. Checked
    /// on every core.
    pub(crate) fn is_consistent(&self) -> bool {
        self.in_range(true) && self.is_well_formed()
    }

    /// [`is_consistent`](Self::is_consistent) for a history whose
    /// records' ids were checked as they were read: the events' ids in
    /// range, and the history well formed.
    pub(crate) fn events_consistent(&self) -> bool {
        self.in_range(false) && self.is_well_formed()
    }

    /// Every id of the events in range, and of the records if `records`.
    fn in_range(&self, records: bool) -> bool {
        let (nu, nr, np, ne, nf) = (
            self.units.len(),
            self.roles.len(),
            self.people.len(),
            self.events.len(),
            self.files.len(),
        );
        let loc = |l: &Loc| l.file.index() < nf || nf == 0;
        let stamp = |s: &Stamp| match s.origin {
            Origin::Declared(Declared::Unit(u)) => u.index() < nu,
            Origin::Declared(Declared::Role(r)) => r.index() < nr,
            Origin::Declared(Declared::Person(p)) => p.index() < np,
            Origin::Declared(Declared::Nowhere) => true,
            Origin::Event(e) => e.index() < ne,
        };
        fn any<T>(_: &T) -> bool {
            true
        }
        fn timeline<T>(
            t: &Timeline<T>,
            ok: impl Fn(&T) -> bool,
            stamp: impl Fn(&Stamp) -> bool,
        ) -> bool {
            t.intervals
                .iter()
                .all(|iv| ok(&iv.value) && stamp(&iv.from) && iv.until.as_ref().is_none_or(&stamp))
        }
        let subject = |s: &Subject| match s {
            Subject::Unit(u) => u.index() < nu,
            Subject::Role(r) => r.index() < nr,
        };
        let named = |n: &Named| match n {
            Named::Person(p) => p.index() < np,
            Named::Unit(u) => u.index() < nu,
            Named::Role(r) => r.index() < nr,
        };
        let notes = |n: &Notes| {
            n.aliases
                .iter()
                .all(|iv| stamp(&iv.from) && iv.until.as_ref().is_none_or(stamp))
        };
        let units = || {
            self.units.par_iter().all(|u| {
                loc(&u.declared)
                    && notes(&u.notes)
                    && timeline(&u.life, any, stamp)
                    && timeline(&u.name, any, stamp)
                    && timeline(&u.parent, |p| p.index() < nu, stamp)
                    && u.attributes.values().all(|t| timeline(t, any, stamp))
                    && u.dissolved_into.is_none_or(|d| d.index() < nu)
            })
        };
        let roles = || {
            self.roles.par_iter().all(|r| {
                loc(&r.declared)
                    && notes(&r.notes)
                    && timeline(&r.life, any, stamp)
                    && timeline(&r.title, any, stamp)
                    && timeline(&r.unit, |u| u.index() < nu, stamp)
                    && timeline(&r.head, any, stamp)
                    && timeline(&r.rare.line, |l| l.index() < nr, stamp)
                    && timeline(&r.rare.top, any, stamp)
                    && timeline(&r.rare.unrecorded, any, stamp)
                    && r.seat_timelines()
                        .all(|t| timeline(t, |h| h.person.index() < np, stamp))
                    && r.rare.attributes.values().all(|t| timeline(t, any, stamp))
                    && r.rare.dotted.iter().all(|iv| {
                        iv.value.index() < nr
                            && stamp(&iv.from)
                            && iv.until.as_ref().is_none_or(stamp)
                    })
            })
        };
        let people = || {
            self.people.par_iter().all(|p| {
                loc(&p.declared)
                    && timeline(&p.name, any, stamp)
                    && notes(&p.notes)
                    && p.tenures.iter().all(|t| t.role.index() < nr)
            })
        };
        let events = || {
            self.events.par_iter().all(|e| {
                loc(&e.loc)
                    && (e.sources.0 as usize) < self.source_lists.len()
                    && e.change_locs.iter().all(loc)
                    && e.changes.iter().all(|c| match c {
                        Change::Create(s) => subject(s),
                        Change::Dissolve { unit, into } => {
                            unit.index() < nu && into.is_none_or(|i| i.index() < nu)
                        }
                        Change::Eliminate(r) => r.index() < nr,
                        Change::MoveUnit { unit, to } => {
                            unit.index() < nu && to.is_none_or(|t| t.index() < nu)
                        }
                        Change::MoveRole { role, to } => role.index() < nr && to.index() < nu,
                        Change::RenameUnit { unit, .. } => unit.index() < nu,
                        Change::RetitleRole { role, .. } => role.index() < nr,
                        Change::RenamePerson { person, .. } => person.index() < np,
                        Change::Alias { named: n, .. } | Change::Unalias { named: n, .. } => {
                            named(n)
                        }
                        Change::Appoint { person, role, .. } => {
                            person.index() < np && role.index() < nr
                        }
                        Change::Leave { person, role } => {
                            person.index() < np && role.is_none_or(|r| r.index() < nr)
                        }
                        Change::Report { role, to } => {
                            role.index() < nr && to.is_none_or(|t| t.index() < nr)
                        }
                        Change::Head { role }
                        | Change::Top { role }
                        | Change::Unrecorded { role }
                        | Change::Vacate { role } => role.index() < nr,
                        Change::Headless { unit } => unit.index() < nu,
                        Change::Set { subject: n, .. } => named(n),
                        Change::Dotted { role, to } | Change::Undotted { role, to } => {
                            role.index() < nr && to.index() < nr
                        }
                    })
            })
        };
        let ((units, roles), (people, events)) = rayon::join(
            || rayon::join(|| !records || units(), || !records || roles()),
            || rayon::join(|| !records || people(), events),
        );
        units && roles && people && events
    }

    /// What makes a history whole besides its ids being in range (which
    /// [`is_consistent`](Self::is_consistent) checks, and reading from the
    /// cache checks as it reads): each tenure names an interval of its
    /// role, each role's seats match its holder timelines, each event has
    /// a location per change, and the events are in date order.
    pub(crate) fn is_well_formed(&self) -> bool {
        let roles = || {
            self.roles
                .par_iter()
                .all(|r| r.seats.is_single() <= r.rare.extra.is_empty())
        };
        let tenures = || {
            self.people.par_iter().all(|p| {
                p.tenures.iter().all(|t| {
                    self.roles.get(t.role.index()).is_some_and(|r| {
                        t.seat as usize <= r.rare.extra.len()
                            && (t.index as usize) < r.seat(t.seat).intervals.len()
                    })
                })
            })
        };
        let events = || {
            self.events
                .par_iter()
                .all(|e| e.changes.len() == e.change_locs.len())
                && self
                    .events
                    .par_windows(2)
                    .all(|w| w[0].date.first_day() <= w[1].date.first_day())
        };
        let (roles, (tenures, events)) = rayon::join(roles, || rayon::join(tenures, events));
        roles && tenures && events
    }
}
