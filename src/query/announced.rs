//! Changes announced but not yet in force on a day: those of the events
//! reported (`reported`) on or before the day that take effect (`date`)
//! after it. `at` lists those about the organisation or a unit's subtree,
//! `show` those about one record.

use chrono::NaiveDate;

use super::log::{Told, names, tell_event};
use super::lookup::Found;
use super::view::Index;
use crate::ids::{EventId, UnitId};
use crate::timeline::History;

/// An event announced by a day and not yet in force then, with the changes
/// that concern what was asked (in the event's order) and what each will
/// replace.
pub struct Pending<'h> {
    pub event: EventId,
    pub changes: Vec<Told<'h>>,
}

/// Which changes of a pending event to keep.
type Keep<'a> = &'a dyn Fn(EventId, &Told) -> bool;

/// The events pending on `day` (see [`Event::pending_on`]), in replay
/// order, each with the changes `keep` selects; an event with none is
/// left out, unless `keep` is `None` (everything).
///
/// [`Event::pending_on`]: crate::timeline::Event::pending_on
fn pending<'h>(h: &'h History, day: NaiveDate, keep: Option<Keep>) -> Vec<Pending<'h>> {
    // Events are sorted by their first day: those in force by `day` first.
    let start = h.events.partition_point(|e| e.date.first_day() <= day);
    let mut out = Vec::new();
    // Built only when some event is pending: most days have none.
    let mut index = None;
    for (i, ev) in h.events.iter().enumerate().skip(start) {
        if !ev.pending_on(day) {
            continue;
        }
        let e = EventId::new(i);
        let index = index.get_or_insert_with(|| Index::new(h));
        let told = tell_event(h, index, e).into_iter();
        let changes: Vec<Told> = match keep {
            None => told.collect(),
            Some(keep) => told.filter(|t| keep(e, t)).collect(),
        };
        if keep.is_none() || !changes.is_empty() {
            out.push(Pending { event: e, changes });
        }
    }
    out
}

/// Whether unit `u` is `scope` or lies inside it on `day`, by the parent
/// timelines.
fn within_on(h: &History, u: UnitId, scope: UnitId, day: NaiveDate) -> bool {
    let mut at = Some(u);
    for _ in 0..=h.units.len() {
        match at {
            Some(x) if x == scope => return true,
            Some(x) => at = h.unit(x).parent.value_at(day).copied(),
            None => return false,
        }
    }
    false
}

/// The units a change touches: the units it names, the units of the roles
/// it names or ended tenures in, each on `day` (or the nearest day the
/// record existed).
fn units_touched(h: &History, e: EventId, t: &Told, day: NaiveDate) -> Vec<UnitId> {
    let role_unit = |r| h.role(r).unit.near(day).copied();
    let mut units: Vec<UnitId> = t.unit.into_iter().collect();
    for f in names(h, e, t.change).into_iter().flatten() {
        match f {
            Found::Unit(u) => units.push(u),
            Found::Role(r) => units.extend(role_unit(r)),
            Found::Person(_) => {}
        }
    }
    units.extend(t.ended.iter().filter_map(|&(_, r)| role_unit(r)));
    units
}

/// The changes announced by `day` and not yet in force then: all of them,
/// or with `scope` those that touch a unit in that unit's subtree (on
/// `day` or on the day they take effect).
pub fn announced(h: &History, day: NaiveDate, scope: Option<UnitId>) -> Vec<Pending<'_>> {
    let Some(scope) = scope else {
        return pending(h, day, None);
    };
    let keep = |e: EventId, t: &Told| {
        let then = h.event(e).date.first_day();
        [day, then].into_iter().any(|d| {
            units_touched(h, e, t, d)
                .into_iter()
                .any(|u| within_on(h, u, scope, d))
        })
    };
    pending(h, day, Some(&keep))
}

/// The changes announced by `day` and not yet in force then that concern
/// `found`: those that name it, for a person those that name a role they
/// hold when the change comes, for a unit those that touch it or a role
/// in it (see [`announced`]).
pub fn announced_about(h: &History, day: NaiveDate, found: Found) -> Vec<Pending<'_>> {
    let keep = |e: EventId, t: &Told| {
        let then = h.event(e).date.first_day();
        let named = names(h, e, t.change)
            .into_iter()
            .flatten()
            .any(|n| n == found || super::log::held_by_about(h, &[found], n, e));
        named
            || t.ended.iter().any(|&(p, _)| found == Found::Person(p))
            || match found {
                Found::Unit(u) => [day, then]
                    .into_iter()
                    .any(|d| units_touched(h, e, t, d).contains(&u)),
                _ => false,
            }
    };
    pending(h, day, Some(&keep))
}
