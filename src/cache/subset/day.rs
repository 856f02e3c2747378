//! A role or unit as a question about one day reads it: cut to that day,
//! so that a subset reaches only the holders, units and events of the day
//! (`OnDay` in the parent module).

use chrono::NaiveDate;

use crate::timeline::{Attributes, Holding, Interval, RareFactFields, Role, Timeline, Unit};

/// Whether interval `iv` touches `day`: begins by it and ends on it or
/// later.
fn touches<T>(iv: &Interval<T>, day: NaiveDate) -> bool {
    iv.from.day().is_none_or(|d| d <= day)
        && iv.until.is_none_or(|u| u.day().is_none_or(|d| d >= day))
}

/// The intervals of `ivs` that touch `day`, and the first `first`.
fn cut<T: Clone>(ivs: &[Interval<T>], first: usize, day: NaiveDate) -> Vec<Interval<T>> {
    let kept = ivs.iter().enumerate();
    kept.filter(|(i, iv)| *i < first || touches(iv, day))
        .map(|(_, iv)| iv.clone())
        .collect()
}

fn timeline<T: Clone>(t: &Timeline<T>, first: usize, day: NaiveDate) -> Timeline<T> {
    Timeline {
        intervals: cut(t.intervals(), first, day),
    }
}

/// Each attribute cut to `day`, and its first value.
fn attributes(a: &Attributes, day: NaiveDate) -> Attributes {
    a.iter()
        .map(|(k, t)| (k.clone(), timeline(t, 1, day)))
        .collect()
}

/// Unit `unit` as a question about `day` reads it: its parents and
/// attributes cut as a role's timelines are, its first two lives; so the
/// units that were its parent on other days are not reached. Its names,
/// notes and successor are whole.
pub(super) fn unit_on_day(unit: &Unit, day: NaiveDate) -> Unit {
    Unit {
        key: unit.key.clone(),
        declared: unit.declared,
        kind: unit.kind.clone(),
        notes: unit.notes.clone(),
        life: timeline(&unit.life, 2, day),
        name: unit.name.clone(),
        parent: timeline(&unit.parent, 1, day),
        attributes: attributes(&unit.attributes, day),
        dissolved_into: unit.dissolved_into,
        succession: unit.succession,
    }
}

/// Role `role` as a question about `day` reads it: each timeline cut to
/// the intervals that touch the day, and its first (whether a role was
/// ever held by a day tells a vacancy from a holder unrecorded:
/// `Role::held_by`); of a seat held on the day, not the first (it began
/// by the day, which is all `held_by` asks); the first two of its lives
/// (whether it came back). So the holders, units and events of its other
/// days are not reached. Its names and notes are whole.
pub(super) fn role_on_day(role: &Role, day: NaiveDate) -> Role {
    fn seat(t: &Timeline<Holding>, day: NaiveDate) -> Timeline<Holding> {
        let held = t.intervals().iter().any(|iv| touches(iv, day));
        timeline(t, usize::from(!held), day)
    }
    Role {
        key: role.key.clone(),
        declared: role.declared,
        notes: role.notes.clone(),
        life: timeline(&role.life, 2, day),
        title: timeline(&role.title, 1, day),
        unit: timeline(&role.unit, 1, day),
        head: timeline(&role.head, 1, day),
        holder: seat(&role.holder, day),
        seats: role.seats,
        rare: RareFactFields {
            line: timeline(&role.rare.line, 1, day),
            top: timeline(&role.rare.top, 1, day),
            unrecorded: timeline(&role.rare.unrecorded, 1, day),
            extra: role.rare.extra.iter().map(|t| seat(t, day)).collect(),
            attributes: attributes(&role.rare.attributes, day),
            dotted: cut(&role.rare.dotted, 1, day),
        }
        .into(),
    }
}
