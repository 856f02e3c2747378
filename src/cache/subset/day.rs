//! A role as a question about one day reads it: cut to that day, so
//! that a subset reaches only the holders, units and events of the day
//! (`OnDay` in the parent module).

use chrono::NaiveDate;

use crate::timeline::{Interval, Role, Timeline};

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

/// Role `role` as a question about `day` reads it: each timeline cut to
/// the intervals that touch the day, and its first (whether a role was
/// ever held by a day tells a vacancy from a holder unrecorded:
/// `Role::held_by`), and the first two of its lives (whether it came
/// back), so that the holders, units and events of its other days are not
/// reached. Its names and notes are whole.
pub(super) fn on_day(role: &Role, day: NaiveDate) -> Role {
    fn timeline<T: Clone>(t: &Timeline<T>, first: usize, day: NaiveDate) -> Timeline<T> {
        Timeline {
            intervals: cut(t.intervals(), first, day),
        }
    }
    Role {
        key: role.key.clone(),
        declared: role.declared,
        notes: role.notes.clone(),
        life: timeline(&role.life, 2, day),
        title: timeline(&role.title, 1, day),
        unit: timeline(&role.unit, 1, day),
        head: timeline(&role.head, 1, day),
        line: timeline(&role.line, 1, day),
        top: timeline(&role.top, 1, day),
        holder: timeline(&role.holder, 1, day),
        unrecorded: timeline(&role.unrecorded, 1, day),
        seats: role.seats,
        extra: role.extra.iter().map(|t| timeline(t, 1, day)).collect(),
        attributes: role
            .attributes
            .iter()
            .map(|(k, t)| (k.clone(), timeline(t, 1, day)))
            .collect(),
        dotted: cut(&role.dotted, 1, day),
    }
}
