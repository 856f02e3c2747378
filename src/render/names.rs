//! How results name things: roles as "Title, Unit", holders, reporting
//! rules, marks and their origins. Shared by the text, CSV and chart
//! renderers and the output model; no format of its own.

use chrono::NaiveDate;

use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{LineRule, Mark, Occupancy, OrgView, Ref, State};
use crate::timeline::{History, Interval, Origin};

/// A role's unit on the state's day, or, for a role that no longer exists
/// then, its last unit.
pub fn role_unit(state: &State, r: RoleId) -> Option<UnitId> {
    state.unit_of(r).or_else(|| {
        state
            .history
            .role(r)
            .unit
            .intervals()
            .last()
            .map(|iv| iv.value)
    })
}

/// "Title, Unit" for a role as named on the state's day (see [`role_unit`]).
pub fn role_label_in(state: &State, r: RoleId) -> String {
    role_label(state.history, r, role_unit(state, r), state.day)
}

/// "as known on DATE" for results loaded `--known-at`.
pub fn known_note(h: &History) -> Option<String> {
    h.known_at
        .map(|d| format!("as known on {d}: events reported after it are left out"))
}

/// "announced DATE" for an event reported before it took effect, or
/// "reported DATE" for one reported later; `None` when `reported` is its
/// date or not given.
pub fn reported_words(e: &crate::timeline::Event) -> Option<String> {
    e.reported_apart().map(|r| {
        let verb = if r.first_day() < e.date.first_day() {
            "announced"
        } else {
            "reported"
        };
        format!("{verb} {r}")
    })
}

/// An event's date, with its [`reported_words`] in parentheses when it
/// has them: "2023-09-10 (announced 2023-06-20)".
pub fn event_date(e: &crate::timeline::Event) -> String {
    match reported_words(e) {
        Some(w) => format!("{} ({w})", e.date),
        None => e.date.to_string(),
    }
}

/// "Title, Unit" for a role on a day.
pub fn role_label(h: &History, r: RoleId, unit: Option<UnitId>, day: NaiveDate) -> String {
    let mut out = String::new();
    push_role_label(&mut out, h, r, unit, day);
    out
}

/// [`role_label`] at the end of `out` (a line per role of a large
/// organisation, made without a string of its own).
pub fn push_role_label(
    out: &mut String,
    h: &History,
    r: RoleId,
    unit: Option<UnitId>,
    day: NaiveDate,
) {
    out.push_str(h.role_title(r, day));
    if let Some(u) = unit {
        out.push_str(", ");
        out.push_str(h.unit_name(u, day));
    }
}

/// "Title, Unit" for a role on a day, with the unit it was in then (or
/// the nearest: a role named before it existed or after it ended).
pub fn role_name(h: &History, r: RoleId, day: NaiveDate) -> String {
    role_label(h, r, h.role(r).unit.near(day).copied(), day)
}

/// A person's name, or a unit's name or a role's "Title, Unit" on `day`.
/// Not escaped.
pub fn subject_name(h: &History, f: crate::query::Found, day: NaiveDate) -> String {
    match f {
        crate::query::Found::Person(p) => h.person_name(p, day).to_string(),
        crate::query::Found::Unit(u) => h.unit_name(u, day).to_string(),
        crate::query::Found::Role(r) => role_name(h, r, day),
    }
}

/// Who holds a role, in words: a name, "vacant" or "no holder
/// recorded", the name as on `day`. Escaped.
pub fn seat_text(h: &History, occ: &Occupancy, day: NaiveDate) -> String {
    match occ {
        Occupancy::Filled(iv) => escape(h.person_name(iv.value.person, day)).into_owned(),
        Occupancy::Vacant => "vacant".into(),
        Occupancy::Unrecorded => "no holder recorded".into(),
    }
}

/// Names as a sentence lists them: "A", "A and B", "A, B and C".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "2 of 3 seats filled", for a role of a limited number of several
/// seats on a day it has `filled` holders; `None` for any other role.
pub fn seats_filled(h: &History, r: RoleId, filled: usize) -> Option<String> {
    match h.role(r).seats {
        crate::timeline::Seats::Limit(n) if n.get() > 1 => {
            Some(format!("{filled} of {n} seats filled"))
        }
        _ => None,
    }
}

/// Every holder of a role for a NAME column, as [`holder_text`] names
/// each, in a list ("A, B and C").
pub fn holders_text(h: &History, seated: &[Occupancy], day: NaiveDate) -> String {
    let names: Vec<String> = seated.iter().map(|o| holder_text(h, o, day)).collect();
    and_list(&names)
}

/// A holder for a NAME column: the name with "(acting)", else
/// "(vacant)" or "(no holder recorded)", the name as on `day`. Escaped.
pub fn holder_text(h: &History, occ: &Occupancy, day: NaiveDate) -> String {
    match occ {
        Occupancy::Filled(iv) if iv.value.acting => {
            format!("{} (acting)", seat_text(h, occ, day))
        }
        Occupancy::Filled(_) => seat_text(h, occ, day),
        _ => format!("({})", seat_text(h, occ, day)),
    }
}

/// The reporting rule in words, with the ancestor unit named on `day`.
pub fn rule_text(h: &History, rule: LineRule, day: NaiveDate) -> String {
    match rule {
        LineRule::Explicit => "explicit line".into(),
        LineRule::HeadOfUnit => "head of own unit".into(),
        LineRule::HeadOfAncestor(u) => {
            format!("head of ancestor unit {}", escape(h.unit_name(u, day)))
        }
    }
}

/// The stable JSON name of a reporting rule.
pub fn rule_name(rule: LineRule) -> &'static str {
    match rule {
        LineRule::Explicit => "explicit",
        LineRule::HeadOfUnit => "head-of-unit",
        LineRule::HeadOfAncestor(_) => "head-of-ancestor",
    }
}

/// Where a declaration is written: "path:line" (not escaped).
pub fn declared_at(h: &History, loc: &crate::timeline::Loc) -> String {
    let path = h
        .files
        .get(loc.file.index())
        .map_or_else(|| "?".to_string(), |p| p.display().to_string());
    format!("{path}:{}", loc.line)
}

/// When a fact that may not hold yet on `day` began, for its uncertain
/// mark: "from 2022-11~", or "within 2023-01-31/2023-02-28" (it began on
/// some day of the window); `None` when it surely holds.
pub fn uncertain_from<T>(iv: &Interval<T>, day: NaiveDate) -> Option<String> {
    let d = iv.from.date.filter(|_| iv.is_uncertain_on(day))?;
    Some(match d.window() {
        Some(_) => format!("within {d}"),
        None => format!("from {d}"),
    })
}

/// A mark's date: the date as written, or "start" (before the first
/// recorded event).
pub fn mark_date(m: &Mark) -> String {
    m.date
        .map_or_else(|| "start".to_string(), |d| d.to_string())
}

/// What made a mark, in words: "event KEY", "declared at FILE:LINE", or
/// "several changes" when no single change did. Escaped.
pub fn origin_text(h: &History, origin: Option<Origin>) -> String {
    match origin {
        Some(Origin::Event(e)) => format!("event {}", h.event(e).key),
        Some(Origin::Declared(d)) => {
            format!(
                "declared at {}",
                escape(&declared_at(h, &h.declared_loc(d)))
            )
        }
        None => "several changes that day".into(),
    }
}

/// The day to name things on for a mark: its first day, or the earliest
/// day for the start of the record.
pub fn mark_day(m: &Mark) -> NaiveDate {
    m.day().unwrap_or(NaiveDate::MIN)
}

/// The name of what a change refers to, in `state`: a unit's name, a
/// role's "Title, Unit", a person's name, or the text itself. Escaped.
pub fn ref_name(state: &State, r: &Ref) -> String {
    let h = state.history;
    let name = match r {
        Ref::Unit(u) => h.unit_name(*u, state.day),
        Ref::Role(role) => &role_label_in(state, *role),
        Ref::Person(p) => h.person_name(*p, state.day),
        Ref::Text(t) => t,
    };
    escape(name).into_owned()
}
