//! `show`: one card for a person, unit or role on a day: its names, where
//! it stands, who is above and below it, its attributes, and the first and
//! last events about it.

use chrono::NaiveDate;

use super::announced::{Pending, announced_about};
use super::history::{Entry, history, names_over_time};
use super::lookup::Found;
use super::state::{Line, Occupancy, OrgView, State};
use super::view::{Existence, Index, existence};
use crate::ids::{EventId, RoleId, UnitId};
use crate::timeline::{Attributes, History, Notes, Stamp, Subject, Timeline, attributes_at};

/// A role's reporting line and who holds the role it goes to.
pub struct Upward<'h> {
    /// The role that reports (one of a person's roles, or the role itself).
    pub role: RoleId,
    pub line: Line,
    pub manager: Occupancy<'h>,
}

/// A dotted line shown on a card: the role that has it, the role it goes
/// to, and who holds the role at the other end from the card's subject.
pub struct DottedLine<'h> {
    pub from: RoleId,
    pub to: RoleId,
    pub holder: Occupancy<'h>,
}

pub struct Card<'h> {
    pub state: State<'h>,
    pub subject: Found,
    /// The name or title on the day (or nearest to it).
    pub name: &'h str,
    /// Other names or titles it had, in order.
    pub other_names: Vec<&'h str>,
    /// Its aliases on the day.
    pub aka: Vec<&'h str>,
    /// A person's names once renamed, and the aliases given or dropped on
    /// a date, each with its stretch (`Fact::Name` or `Fact::Alias`).
    pub dated_names: Vec<Entry<'h>>,
    pub notes: &'h Notes,
    /// A unit's kind.
    pub kind: Option<&'h str>,
    /// A unit's or role's existence on the day; `None` for a person.
    pub existence: Option<Existence>,
    /// A role's unit; a unit's parent.
    pub unit: Option<UnitId>,
    /// A role: whether it heads its unit.
    pub is_head: bool,
    /// A unit: its head role and who holds it.
    pub head: Option<(RoleId, Occupancy<'h>)>,
    /// A person: the roles held; a role: itself and its holder; a unit:
    /// the roles in it. A role of several seats has an entry per holder.
    pub roles: Vec<(RoleId, Occupancy<'h>)>,
    /// A unit: its child units.
    pub units: Vec<UnitId>,
    /// The lines up: a person's roles', a role's own, a unit's head's.
    /// Roles that report to nobody are in `tops`.
    pub up: Vec<Upward<'h>>,
    pub tops: Vec<RoleId>,
    /// The roles reporting to the subject's roles (or its head role), with
    /// their holders (an entry per holder).
    pub reports: Vec<(RoleId, Occupancy<'h>)>,
    /// The dotted lines of the subject's roles (up: `holder` holds `to`),
    /// and those to them (down: `holder` holds `from`). Never in `up` or
    /// `reports`: a dotted line is no line of command.
    pub dotted_up: Vec<DottedLine<'h>>,
    pub dotted_down: Vec<DottedLine<'h>>,
    pub attributes: Vec<(&'h str, &'h str)>,
    pub first_event: Option<EventId>,
    pub last_event: Option<EventId>,
    /// The changes about it announced by the day and not yet in force.
    pub announced: Vec<Pending<'h>>,
    /// A unit dissolved into a successor created later: the successor and
    /// when it was created.
    pub succeeded_by: Option<Link>,
    /// A unit created as the successor of units dissolved before it: each
    /// and when it was dissolved.
    pub successor_of: Vec<Link>,
}

/// The other unit of a succession across a gap, and when it was created
/// (a successor) or dissolved (a predecessor).
pub type Link = (UnitId, Stamp);

/// The successions of unit `u` across a gap: what succeeded it (and when
/// that was created), and what it succeeded (and when each was dissolved).
fn successions(h: &History, index: &Index, u: UnitId) -> (Option<Link>, Vec<Link>) {
    let unit = h.unit(u);
    let by = match (unit.succession, unit.dissolved_into) {
        (true, Some(t)) => h.unit(t).created().map(|s| (t, s)),
        _ => None,
    };
    let of = index
        .absorbed_by(u)
        .iter()
        .filter(|&&p| h.unit(p).succession)
        .filter_map(|&p| h.unit(p).dissolved().map(|s| (p, s)))
        .collect();
    (by, of)
}

/// The names or titles in `t` other than `current`, in order, once each.
fn other_names<'h>(t: &'h Timeline<String>, current: &str) -> Vec<&'h str> {
    let mut out: Vec<&str> = Vec::new();
    for iv in t.intervals().iter().filter(|iv| !iv.held_on_no_day()) {
        let v = iv.value.as_str();
        if v != current && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn attrs(a: &Attributes, day: NaiveDate) -> Vec<(&str, &str)> {
    attributes_at(a, day).into_iter().collect()
}

/// The card of `found` on `day`.
pub fn show<'h>(h: &'h History, index: &Index, found: Found, day: NaiveDate) -> Card<'h> {
    let state = State::new(h, day);
    let events = history(h, index, found).events;
    let name: &str;
    let other;
    let mut kind = None;
    let mut existence_ = None;
    let mut unit = None;
    let mut is_head = false;
    let mut head = None;
    let mut roles = Vec::new();
    let mut units = Vec::new();
    let mut attributes = Vec::new();
    let (mut succeeded_by, mut successor_of) = (None, Vec::new());
    // The roles whose lines up and reports down the card shows.
    let mut own: Vec<RoleId> = Vec::new();
    let notes = match found {
        Found::Person(p) => {
            name = h.person_name(p, day);
            other = other_names(&h.person(p).name, name);
            roles = state
                .roles_of(p)
                .into_iter()
                .map(|(r, iv)| (r, Occupancy::Filled(iv)))
                .collect();
            own = roles.iter().map(|(r, _)| *r).collect();
            attributes = attrs(&h.person(p).attributes, day);
            &h.person(p).notes
        }
        Found::Unit(u) => {
            let rec = h.unit(u);
            name = h.unit_name(u, day);
            other = other_names(&rec.name, name);
            kind = rec.kind.as_deref();
            existence_ = Some(existence(h, Subject::Unit(u), day));
            (succeeded_by, successor_of) = successions(h, index, u);
            if state.unit_exists(u) {
                unit = state.parent(u);
                head = state.head_of(u).map(|r| (r, state.occupancy(r)));
                roles = state
                    .roles
                    .iter()
                    .copied()
                    .filter(|&r| state.unit_of(r) == Some(u))
                    .flat_map(|r| state.seated(r).into_iter().map(move |o| (r, o)))
                    .collect();
                units = state.children(u).to_vec();
                attributes = attrs(&rec.attributes, day);
                own.extend(state.head_of(u));
            }
            &rec.notes
        }
        Found::Role(r) => {
            let rec = h.role(r);
            name = h.role_title(r, day);
            other = other_names(&rec.title, name);
            existence_ = Some(existence(h, Subject::Role(r), day));
            if state.role_exists(r) {
                unit = state.unit_of(r);
                is_head = unit.and_then(|u| state.head_of(u)) == Some(r);
                roles = state.seated(r).into_iter().map(|o| (r, o)).collect();
                attributes = attrs(&rec.rare.attributes, day);
                own.push(r);
            }
            &rec.notes
        }
    };
    let mut dated_names = Vec::new();
    names_over_time(h, found, &mut dated_names);
    let mut up = Vec::new();
    let mut tops = Vec::new();
    let mut reports = Vec::new();
    let (mut dotted_up, mut dotted_down) = (Vec::new(), Vec::new());
    for &r in &own {
        dotted_up.extend(state.dotted(r).map(|to| DottedLine {
            from: r,
            to,
            holder: state.occupancy(to),
        }));
        dotted_down.extend(state.dotted_reports(r).map(|from| DottedLine {
            from,
            to: r,
            holder: state.occupancy(from),
        }));
        match state.line(r) {
            // A line to a role of several seats: one per holder.
            Some(line) => up.extend(state.seated(line.to).into_iter().map(|manager| Upward {
                role: r,
                line,
                manager,
            })),
            None => tops.push(r),
        }
        for &rep in state.reports(r) {
            if !own.contains(&rep) {
                reports.extend(state.seated(rep).into_iter().map(|o| (rep, o)));
            }
        }
    }
    Card {
        state,
        subject: found,
        name,
        other_names: other,
        aka: notes.aliases_on(day).collect(),
        dated_names,
        notes,
        kind,
        existence: existence_,
        unit,
        is_head,
        head,
        roles,
        units,
        up,
        tops,
        reports,
        dotted_up,
        dotted_down,
        attributes,
        first_event: events.first().copied(),
        last_event: events.last().copied(),
        announced: announced_about(h, day, found),
        succeeded_by,
        successor_of,
    }
}
