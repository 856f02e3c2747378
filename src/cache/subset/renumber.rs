//! The records of a subset renumbered in their order, so that output in
//! id order is the same as from the whole history.

use std::collections::HashMap;

use super::{Closure, Depth, Depths};
use crate::cache::place::ReadAt;
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{
    Change, Declared, Event, History, Interval, Named, NoteFields, Notes, Origin, Person,
    RareFactFields, Role, SourceList, Stamp, Subject, Timeline, Unit,
};

/// The records a subset keeps, by kind, in id order: a record's new id
/// is its place in its list.
pub(super) struct Renumber {
    units: Vec<usize>,
    roles: Vec<usize>,
    people: Vec<usize>,
    events: Vec<usize>,
}

/// The new id of record `i` in `kept`; for one left out, an id past
/// every record (which `History::is_consistent` refuses).
fn new_id(kept: &[usize], i: usize) -> usize {
    kept.binary_search(&i).unwrap_or(u32::MAX as usize)
}

impl Renumber {
    pub(super) fn of<R>(c: &Closure<R>) -> Self {
        Renumber {
            units: c.units.sorted(),
            roles: c.roles.sorted(),
            people: c.people.sorted(),
            events: c.events.sorted(),
        }
    }

    fn unit(&self, u: UnitId) -> UnitId {
        UnitId::new(new_id(&self.units, u.index()))
    }
    fn role(&self, r: RoleId) -> RoleId {
        RoleId::new(new_id(&self.roles, r.index()))
    }
    pub(super) fn person(&self, p: PersonId) -> PersonId {
        PersonId::new(new_id(&self.people, p.index()))
    }
    fn event(&self, e: EventId) -> EventId {
        EventId::new(new_id(&self.events, e.index()))
    }

    fn stamp(&self, s: &Stamp) -> Stamp {
        Stamp {
            date: s.date,
            origin: match s.origin {
                // An event not read (a stub's): its facts are only named.
                Origin::Event(e) if self.events.binary_search(&e.index()).is_err() => {
                    Origin::Declared(Declared::Nowhere)
                }
                Origin::Event(e) => Origin::Event(self.event(e)),
                Origin::Declared(Declared::Unit(u)) => {
                    Origin::Declared(Declared::Unit(self.unit(u)))
                }
                Origin::Declared(Declared::Role(r)) => {
                    Origin::Declared(Declared::Role(self.role(r)))
                }
                Origin::Declared(Declared::Person(p)) => {
                    Origin::Declared(Declared::Person(self.person(p)))
                }
                Origin::Declared(Declared::Nowhere) => Origin::Declared(Declared::Nowhere),
            },
        }
    }

    fn interval<T, U>(&self, iv: &Interval<T>, f: impl Fn(&T) -> U) -> Interval<U> {
        Interval {
            value: f(&iv.value),
            from: self.stamp(&iv.from),
            until: iv.until.as_ref().map(|s| self.stamp(s)),
        }
    }

    fn timeline<T, U>(&self, t: &Timeline<T>, f: impl Fn(&T) -> U) -> Timeline<U> {
        Timeline {
            intervals: t
                .intervals()
                .iter()
                .map(|iv| self.interval(iv, &f))
                .collect(),
        }
    }

    fn strings(&self, t: &Timeline<String>) -> Timeline<String> {
        self.timeline(t, String::clone)
    }

    fn notes(&self, n: &Notes) -> Notes {
        Notes::from(NoteFields {
            aliases: n
                .aliases
                .iter()
                .map(|iv| self.interval(iv, String::clone))
                .collect(),
            note: n.note.clone(),
            sources: n.sources.clone(),
        })
    }

    fn attributes(&self, a: &crate::timeline::Attributes) -> crate::timeline::Attributes {
        a.iter()
            .map(|(k, t)| (k.clone(), self.strings(t)))
            .collect()
    }

    fn named(&self, n: Named) -> Named {
        match n {
            Named::Person(p) => Named::Person(self.person(p)),
            Named::Unit(u) => Named::Unit(self.unit(u)),
            Named::Role(r) => Named::Role(self.role(r)),
        }
    }

    fn unit_record(&self, u: &Unit, full: bool) -> Unit {
        Unit {
            key: u.key.clone(),
            declared: u.declared,
            kind: u.kind.clone(),
            notes: self.notes(&u.notes),
            name: self.strings(&u.name),
            life: if full {
                self.timeline(&u.life, |_| ())
            } else {
                Timeline::default()
            },
            parent: if full {
                self.timeline(&u.parent, |&p| self.unit(p))
            } else {
                Timeline::default()
            },
            attributes: if full {
                self.attributes(&u.attributes)
            } else {
                Default::default()
            },
            dissolved_into: u.dissolved_into.filter(|_| full).map(|d| self.unit(d)),
            succession: full && u.succession,
        }
    }

    fn role_record(&self, r: &Role, full: bool) -> Role {
        let holding = |t: &Timeline<crate::timeline::Holding>| {
            self.timeline(t, |x| crate::timeline::Holding {
                person: self.person(x.person),
                acting: x.acting,
            })
        };
        Role {
            key: r.key.clone(),
            declared: r.declared,
            notes: self.notes(&r.notes),
            title: self.strings(&r.title),
            life: if full {
                self.timeline(&r.life, |_| ())
            } else {
                Timeline::default()
            },
            unit: if full {
                self.timeline(&r.unit, |&u| self.unit(u))
            } else {
                Timeline::default()
            },
            head: if full {
                self.timeline(&r.head, |&b| b)
            } else {
                Timeline::default()
            },
            holder: if full {
                holding(&r.holder)
            } else {
                Timeline::default()
            },
            seats: r.seats,
            rare: if full {
                RareFactFields {
                    line: self.timeline(&r.rare.line, |&l| self.role(l)),
                    top: self.timeline(&r.rare.top, |_| ()),
                    unrecorded: self.timeline(&r.rare.unrecorded, |_| ()),
                    extra: r.rare.extra.iter().map(holding).collect(),
                    attributes: self.attributes(&r.rare.attributes),
                    dotted: (r.rare.dotted.iter())
                        .map(|iv| self.interval(iv, |&l| self.role(l)))
                        .collect(),
                }
            } else {
                // A seat is kept, empty, for each the role has.
                RareFactFields {
                    extra: r.rare.extra.iter().map(|_| Timeline::default()).collect(),
                    ..RareFactFields::default()
                }
            }
            .into(),
        }
    }

    fn person_record(&self, p: &Person, full: bool) -> Person {
        Person {
            key: p.key.clone(),
            declared: p.declared,
            name: self.strings(&p.name),
            notes: self.notes(&p.notes),
            tenures: if full {
                p.tenures
                    .iter()
                    .map(|t| crate::timeline::Tenure {
                        role: self.role(t.role),
                        ..*t
                    })
                    .collect()
            } else {
                Vec::new()
            },
            attributes: if full {
                self.attributes(&p.attributes)
            } else {
                Default::default()
            },
        }
    }

    fn change(&self, c: &Change) -> Change {
        let (u, r, p) = (|x| self.unit(x), |x| self.role(x), |x| self.person(x));
        match c {
            Change::Create(Subject::Unit(x)) => Change::Create(Subject::Unit(u(*x))),
            Change::Create(Subject::Role(x)) => Change::Create(Subject::Role(r(*x))),
            Change::Dissolve { unit, into } => Change::Dissolve {
                unit: u(*unit),
                into: into.map(u),
            },
            Change::Eliminate(x) => Change::Eliminate(r(*x)),
            Change::MoveUnit { unit, to } => Change::MoveUnit {
                unit: u(*unit),
                to: to.map(u),
            },
            Change::MoveRole { role, to } => Change::MoveRole {
                role: r(*role),
                to: u(*to),
            },
            Change::RenameUnit { unit, name } => Change::RenameUnit {
                unit: u(*unit),
                name: name.clone(),
            },
            Change::RetitleRole { role, title } => Change::RetitleRole {
                role: r(*role),
                title: title.clone(),
            },
            Change::RenamePerson { person, name } => Change::RenamePerson {
                person: p(*person),
                name: name.clone(),
            },
            Change::Alias { named, name } => Change::Alias {
                named: self.named(*named),
                name: name.clone(),
            },
            Change::Unalias { named, name } => Change::Unalias {
                named: self.named(*named),
                name: name.clone(),
            },
            Change::Appoint {
                person,
                role,
                acting,
            } => Change::Appoint {
                person: p(*person),
                role: r(*role),
                acting: *acting,
            },
            Change::Leave { person, role } => Change::Leave {
                person: p(*person),
                role: role.map(r),
            },
            Change::Report { role, to } => Change::Report {
                role: r(*role),
                to: to.map(r),
            },
            Change::Head { role } => Change::Head { role: r(*role) },
            Change::Top { role } => Change::Top { role: r(*role) },
            Change::Unrecorded { role } => Change::Unrecorded { role: r(*role) },
            Change::Vacate { role } => Change::Vacate { role: r(*role) },
            Change::Headless { unit } => Change::Headless { unit: u(*unit) },
            Change::Set { subject, attr } => Change::Set {
                subject: self.named(*subject),
                attr: attr.clone(),
            },
            Change::Dotted { role, to } => Change::Dotted {
                role: r(*role),
                to: r(*to),
            },
            Change::Undotted { role, to } => Change::Undotted {
                role: r(*role),
                to: r(*to),
            },
        }
    }

    /// The event, with its changes when `whole` (an event named only by a
    /// stub's names is kept without them), citing its list of sources by
    /// its place in `lists` (the whole history's lists the subset reads).
    fn event_record(&self, e: &Event, whole: bool, lists: &[usize]) -> Event {
        let (changes, change_locs) = match whole {
            true => (
                e.changes.iter().map(|c| self.change(c)).collect(),
                e.change_locs.clone(),
            ),
            false => Default::default(),
        };
        Event {
            key: e.key.clone(),
            date: e.date,
            title: e.title.clone(),
            sources: SourceList(new_id(lists, e.sources.0 as usize) as u32),
            rare: e.rare.clone(),
            loc: e.loc,
            changes,
            change_locs,
        }
    }

    /// The subset: the records the closure holds, renumbered; its files
    /// are the whole history's, and its source lists those its events
    /// cite, read in place.
    pub(super) fn history<R: ReadAt>(
        &self,
        mut c: Closure<R>,
        files: Vec<std::path::PathBuf>,
    ) -> Option<History> {
        fn pick<T>(
            kept: &[usize],
            depths: &Depths,
            got: &mut HashMap<usize, T>,
        ) -> Option<Vec<(T, bool)>> {
            kept.iter()
                .map(|&i| Some((got.remove(&i)?, depths.of(i) >= Depth::HeadOnDay)))
                .collect()
        }
        let units = pick(&self.units, &c.units, &mut c.got_units)?;
        let roles = pick(&self.roles, &c.roles, &mut c.got_roles)?;
        let people = pick(&self.people, &c.people, &mut c.got_people)?;
        let events = pick(&self.events, &c.events, &mut c.got_events)?;
        let mut lists: Vec<usize> = events.iter().map(|(e, _)| e.sources.0 as usize).collect();
        lists.sort_unstable();
        lists.dedup();
        let source_lists = lists
            .iter()
            .map(|&i| c.place.source_list(i))
            .collect::<Option<Vec<_>>>()?;
        Some(History {
            files,
            // Each record read is dropped once copied.
            units: units
                .into_iter()
                .zip(&self.units)
                .map(|((u, f), &i)| match c.unit_cut_to(c.units.of(i)) {
                    Some(day) => self.unit_record(&super::unit_on_day(&u, day), f),
                    None => self.unit_record(&u, f),
                })
                .collect(),
            roles: roles
                .into_iter()
                .zip(&self.roles)
                .map(|((r, f), &i)| match c.cut_to(i, c.roles.of(i)) {
                    Some(day) => self.role_record(&super::role_on_day(&r, day), f),
                    None => self.role_record(&r, f),
                })
                .collect(),
            people: people
                .into_iter()
                .map(|(p, f)| self.person_record(&p, f))
                .collect(),
            events: events
                .into_iter()
                .map(|(e, whole)| self.event_record(&e, whole, &lists))
                .collect(),
            source_lists,
            known_at: None,
        })
    }
}
