//! `review BASE [HEAD]`: what a change to the data does, for a reviewer.
//! Two histories of the same data folder (two git revisions, or one and
//! the working tree or the index), matched by record and event ids.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::ids::{EventId, Key};
use crate::query::state::State;
use crate::query::stats::unit_figures;
use crate::timeline::{Event, History};

/// People holding roles and vacant roles in one unit, with the units
/// under it, on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub headcount: u32,
    pub vacancies: u32,
}

/// Headcount of one unit (with the units under it) on a day the change
/// touches, BASE and HEAD, where they differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadcountRow {
    pub day: NaiveDate,
    pub unit: Key,
    /// `None` where the unit has no roles in its subtree on the day (or
    /// does not exist).
    pub base: Option<Count>,
    pub head: Option<Count>,
}

/// A person whose main role differs between BASE and HEAD on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub day: NaiveDate,
    pub person: Key,
    pub base: Option<Place>,
    pub head: Option<Place>,
}

/// A role and its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub role: Key,
    pub unit: Option<Key>,
}

/// What a correction of the past is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// A unit's headcount (people holding roles in it or the units under
    /// it).
    Headcount,
    /// The unit a role is in.
    RoleUnit,
    /// A person's main role.
    PersonRole,
    /// An event dated inside a closed period of the project file.
    ClosedEvent,
}

impl Fact {
    pub fn name(self) -> &'static str {
        match self {
            Fact::Headcount => "headcount",
            Fact::RoleUnit => "role_unit",
            Fact::PersonRole => "person_role",
            Fact::ClosedEvent => "closed_event",
        }
    }
}

/// A fact of the past (before the change's earliest new effective date,
/// or inside a closed period) that BASE and HEAD answer differently, from
/// the first to the last sampled day it differs on with these values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub fact: Fact,
    pub subject: Key,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub base: String,
    pub head: String,
}

/// What HEAD changes against BASE.
pub struct Review<'h> {
    pub base: &'h History,
    pub head: &'h History,
    /// Events only in HEAD (ids into `head`), in date order.
    pub added: Vec<EventId>,
    /// Events only in BASE (ids into `base`).
    pub removed: Vec<EventId>,
    /// Events in both with a different date, title, note, sources or
    /// changes: (in `base`, in `head`).
    pub edited: Vec<(EventId, EventId)>,
    /// The earliest effective date among the added and edited events.
    pub first_new: Option<NaiveDate>,
    /// The days the change touches: the dates of added, removed and edited
    /// events (both dates of an edited one).
    pub days: Vec<NaiveDate>,
    pub moves: Vec<Move>,
    pub headcount: Vec<HeadcountRow>,
    pub corrections: Vec<Correction>,
}

/// Whether the two histories number their units, roles and people alike
/// (the same ids in the same load order), so that typed changes compare
/// directly.
fn same_ids(a: &History, b: &History) -> bool {
    a.units
        .iter()
        .map(|u| &u.key)
        .eq(b.units.iter().map(|u| &u.key))
        && a.roles
            .iter()
            .map(|r| &r.key)
            .eq(b.roles.iter().map(|r| &r.key))
        && a.people
            .iter()
            .map(|p| &p.key)
            .eq(b.people.iter().map(|p| &p.key))
}

/// Whether an event reads the same in both: its dates, title, note,
/// sources and changes (compared one by one when the records are numbered
/// alike, else by their number).
fn same_event(a: &History, ea: &Event, b: &History, eb: &Event, ids: bool) -> bool {
    ea.date == eb.date
        && ea.rare == eb.rare
        && ea.title == eb.title
        && a.sources(ea) == b.sources(eb)
        && if ids {
            ea.changes == eb.changes
        } else {
            ea.changes.len() == eb.changes.len()
        }
}

/// Compares HEAD with BASE. `closed_through` is the last day of the
/// project file's closed periods, if any.
pub fn review<'h>(
    base: &'h History,
    head: &'h History,
    closed_through: Option<NaiveDate>,
) -> Review<'h> {
    let index = |h: &History| -> HashMap<String, EventId> {
        (0..h.events.len())
            .map(|i| (h.events[i].key.to_string(), EventId::new(i)))
            .collect()
    };
    let (in_base, in_head) = (index(base), index(head));
    let mut added = Vec::new();
    let mut edited = Vec::new();
    let ids = same_ids(base, head);
    for (i, e) in head.events.iter().enumerate() {
        match in_base.get(e.key.as_str()) {
            None => added.push(EventId::new(i)),
            Some(&b) if !same_event(base, base.event(b), head, e, ids) => {
                edited.push((b, EventId::new(i)))
            }
            Some(_) => {}
        }
    }
    let removed: Vec<EventId> = (0..base.events.len())
        .map(EventId::new)
        .filter(|&b| !in_head.contains_key(base.event(b).key.as_str()))
        .collect();
    added.sort_by_key(|&e| head.event(e).date.first_day());
    let first_new = added
        .iter()
        .map(|&e| head.event(e).date.first_day())
        .chain(edited.iter().flat_map(|&(b, h)| {
            [
                base.event(b).date.first_day(),
                head.event(h).date.first_day(),
            ]
        }))
        .min();
    let days: BTreeSet<NaiveDate> = added
        .iter()
        .map(|&e| head.event(e).date.first_day())
        .chain(removed.iter().map(|&e| base.event(e).date.first_day()))
        .chain(edited.iter().flat_map(|&(b, h)| {
            [
                base.event(b).date.first_day(),
                head.event(h).date.first_day(),
            ]
        }))
        .collect();
    let days: Vec<NaiveDate> = days.into_iter().collect();

    let mut moves = Vec::new();
    let mut headcount = Vec::new();
    for &day in &days {
        let (sb, sh) = (State::new(base, day), State::new(head, day));
        let (pb, ph) = (places(&sb), places(&sh));
        let people: BTreeSet<&Key> = pb.keys().chain(ph.keys()).collect();
        for p in people {
            let (b, h) = (pb.get(p).cloned(), ph.get(p).cloned());
            if b != h {
                moves.push(Move {
                    day,
                    person: p.clone(),
                    base: b,
                    head: h,
                });
            }
        }
        let (cb, ch) = (counts(&sb), counts(&sh));
        let units: BTreeSet<&Key> = cb.keys().chain(ch.keys()).collect();
        for u in units {
            let (b, h) = (cb.get(u).copied(), ch.get(u).copied());
            if b != h {
                headcount.push(HeadcountRow {
                    day,
                    unit: u.clone(),
                    base: b,
                    head: h,
                });
            }
        }
    }

    // The past: before the earliest new date, or through the closed
    // periods, whichever is later.
    let past_end = match (first_new, closed_through) {
        (Some(d), Some(c)) => Some(d.pred_opt().unwrap_or(d).max(c)),
        (Some(d), None) => d.pred_opt(),
        // No new date: the whole record is the past.
        (None, Some(c)) => Some(last_event_day(base, head).map_or(c, |d| d.max(c))),
        (None, None) => last_event_day(base, head),
    };
    let corrections = corrections(
        base,
        head,
        past_end,
        closed_through,
        &added,
        &edited,
        &removed,
    );
    Review {
        base,
        head,
        added,
        removed,
        edited,
        first_new,
        days,
        moves,
        headcount,
        corrections,
    }
}

/// The last day an event of either history takes effect on.
fn last_event_day(base: &History, head: &History) -> Option<NaiveDate> {
    base.events
        .iter()
        .chain(&head.events)
        .map(|e| e.date.first_day())
        .max()
}

/// Each person's main role (and its unit) on a state's day, by id.
fn places(s: &State) -> BTreeMap<Key, Place> {
    let h = s.history;
    let mut out = BTreeMap::new();
    for &r in &s.roles {
        let role = h.role(r);
        for iv in s.holders(r) {
            let place = Place {
                role: role.key.clone(),
                unit: role.unit.value_at(s.day).map(|&u| h.unit(u).key.clone()),
            };
            let key = h.person(iv.value.person).key.clone();
            let acting = iv.value.acting;
            out.entry(key)
                .and_modify(|p: &mut (Place, bool)| {
                    if p.1 && !acting {
                        *p = (place.clone(), acting)
                    }
                })
                .or_insert((place, acting));
        }
    }
    out.into_iter().map(|(k, (p, _))| (k, p)).collect()
}

/// Headcount and vacancies of each unit that has roles in its subtree on
/// a state's day, rolled up as `stats --by unit` counts them: distinct
/// people holding a role in the unit or under it, and the vacant roles
/// there.
fn counts(s: &State) -> BTreeMap<Key, Count> {
    let h = s.history;
    unit_figures(s)
        .into_iter()
        .enumerate()
        .filter_map(|(u, f)| {
            let f = f?;
            let roles = f.filled_roles + f.vacant_roles + f.unrecorded_roles;
            (roles > 0).then(|| {
                let count = Count {
                    headcount: f.headcount,
                    vacancies: f.vacant_roles,
                };
                (h.unit(crate::ids::UnitId::new(u)).key.clone(), count)
            })
        })
        .collect()
}

/// The days before `end` to compare BASE and HEAD on: each event day and
/// the day before it in either history, and each month end from the first
/// of them, up to `end`.
fn sample_days(base: &History, head: &History, end: NaiveDate) -> Vec<NaiveDate> {
    let mut days = BTreeSet::new();
    for e in base.events.iter().chain(&head.events) {
        let d = e.date.first_day();
        for day in [d.pred_opt(), Some(d)].into_iter().flatten() {
            if day <= end {
                days.insert(day);
            }
        }
    }
    let start = days.first().copied().unwrap_or(end);
    days.insert(end);
    let mut month = start;
    while month <= end {
        if let Some(next) = month.checked_add_months(chrono::Months::new(1))
            && let Some(first) = chrono::Datelike::with_day(&next, 1)
        {
            let last = first.pred_opt().unwrap_or(first);
            if last <= end {
                days.insert(last);
            }
            month = first;
        } else {
            break;
        }
    }
    days.into_iter().collect()
}

fn corrections(
    base: &History,
    head: &History,
    past_end: Option<NaiveDate>,
    closed_through: Option<NaiveDate>,
    added: &[EventId],
    edited: &[(EventId, EventId)],
    removed: &[EventId],
) -> Vec<Correction> {
    let mut out: Vec<Correction> = Vec::new();
    if let Some(c) = closed_through {
        let closed = |h: &History, e: EventId| {
            let ev = h.event(e);
            (ev.date.first_day() <= c).then(|| (ev.key.clone(), ev.date.first_day()))
        };
        let mut hits: Vec<(Key, NaiveDate, &str)> = Vec::new();
        hits.extend(
            added
                .iter()
                .filter_map(|&e| closed(head, e))
                .map(|(k, d)| (k, d, "added")),
        );
        hits.extend(
            edited
                .iter()
                .filter_map(|&(_, e)| closed(head, e))
                .map(|(k, d)| (k, d, "edited")),
        );
        hits.extend(
            removed
                .iter()
                .filter_map(|&e| closed(base, e))
                .map(|(k, d)| (k, d, "removed")),
        );
        for (key, day, what) in hits {
            out.push(Correction {
                fact: Fact::ClosedEvent,
                subject: key,
                from: day,
                until: day,
                base: String::new(),
                head: format!("{what} in the period closed through {c}"),
            });
        }
    }
    let Some(end) = past_end else {
        return out;
    };
    // (fact, subject) -> the open run of differing values.
    let mut open: BTreeMap<(Fact, Key), usize> = BTreeMap::new();
    for day in sample_days(base, head, end) {
        let (sb, sh) = (State::new(base, day), State::new(head, day));
        let mut diffs: Vec<(Fact, Key, String, String)> = Vec::new();
        let (cb, ch) = (counts(&sb), counts(&sh));
        for u in cb.keys().chain(ch.keys()).collect::<BTreeSet<_>>() {
            let (b, h) = (
                cb.get(u).map_or(0, |c| c.headcount),
                ch.get(u).map_or(0, |c| c.headcount),
            );
            if b != h {
                diffs.push((Fact::Headcount, u.clone(), b.to_string(), h.to_string()));
            }
        }
        let unit_of = |s: &State| -> BTreeMap<Key, Key> {
            let h = s.history;
            s.roles
                .iter()
                .filter_map(|&r| {
                    let role = h.role(r);
                    role.unit
                        .value_at(day)
                        .map(|&u| (role.key.clone(), h.unit(u).key.clone()))
                })
                .collect()
        };
        let (ub, uh) = (unit_of(&sb), unit_of(&sh));
        for r in ub.keys().chain(uh.keys()).collect::<BTreeSet<_>>() {
            let (b, h) = (ub.get(r), uh.get(r));
            if b != h {
                let show = |k: Option<&Key>| k.map_or("-".to_string(), Key::to_string);
                diffs.push((Fact::RoleUnit, r.clone(), show(b), show(h)));
            }
        }
        let (pb, ph) = (places(&sb), places(&sh));
        for p in pb.keys().chain(ph.keys()).collect::<BTreeSet<_>>() {
            let (b, h) = (pb.get(p).map(|x| &x.role), ph.get(p).map(|x| &x.role));
            if b != h {
                let show = |k: Option<&Key>| k.map_or("-".to_string(), Key::to_string);
                diffs.push((Fact::PersonRole, p.clone(), show(b), show(h)));
            }
        }
        let mut seen = BTreeSet::new();
        for (fact, subject, b, h) in diffs {
            seen.insert((fact, subject.clone()));
            match open.get(&(fact, subject.clone())).map(|&i| &mut out[i]) {
                Some(c) if c.base == b && c.head == h => c.until = day,
                _ => {
                    open.insert((fact, subject.clone()), out.len());
                    out.push(Correction {
                        fact,
                        subject,
                        from: day,
                        until: day,
                        base: b,
                        head: h,
                    });
                }
            }
        }
        open.retain(|k, _| seen.contains(k));
    }
    out.sort_by(|a, b| (a.fact, &a.subject, a.from).cmp(&(b.fact, &b.subject, b.from)));
    out
}
