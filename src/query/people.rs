//! `diff`'s people view: one entry per person whose situation changed
//! between two days (hired, left, moved unit, new title, new manager),
//! read from each person's own tenures, so it is linear in the tenures.

use chrono::NaiveDate;

use super::state::{Occupancy, OrgView, State};
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{History, Origin, Tenure};

/// Where a person is on a day: their main role (the longest-held role not
/// acting, else the longest-held), its unit and the role it reports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub role: RoleId,
    pub unit: Option<UnitId>,
    pub manager: Option<RoleId>,
    /// The first holder of `manager` on the day (a new boss in the same
    /// manager role is a new manager too).
    pub boss: Option<PersonId>,
    pub acting: bool,
}

/// What changed for a person, the most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonKind {
    /// No role on the first day, one on the second.
    Hired,
    /// A role on the first day, none on the second.
    Left,
    /// Their main role is in another unit.
    Moved,
    /// Another main role in the same unit (a promotion, or another title).
    NewRole,
    /// The same role, reporting to another role.
    NewManager,
}

impl PersonKind {
    /// The stable name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            PersonKind::Hired => "hired",
            PersonKind::Left => "left",
            PersonKind::Moved => "moved",
            PersonKind::NewRole => "new-role",
            PersonKind::NewManager => "new-manager",
        }
    }

    /// The one-letter mark of `diff`'s people view: `+` hired, `-` left,
    /// `M` moved, `R` new role, `L` new manager.
    pub fn letter(self) -> char {
        match self {
            PersonKind::Hired => '+',
            PersonKind::Left => '-',
            PersonKind::Moved => 'M',
            PersonKind::NewRole => 'R',
            PersonKind::NewManager => 'L',
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonChange {
    pub person: PersonId,
    pub kind: PersonKind,
    pub before: Option<Place>,
    pub after: Option<Place>,
    /// The event that made the change, when one did.
    pub event: Option<EventId>,
}

/// The main tenure of person `p` on `state`'s day, if they hold a role.
fn main_tenure(h: &History, state: &State, p: PersonId) -> Option<Tenure> {
    h.person(p)
        .tenures
        .iter()
        .copied()
        .filter(|&t| state.role_exists(t.role) && h.tenure(t).contains(state.day))
        .min_by_key(|&t| {
            let iv = h.tenure(t);
            (iv.value.acting, iv.from.day())
        })
}

fn place(h: &History, state: &State, t: Tenure) -> Place {
    let manager = state.line(t.role).map(|l| l.to);
    let boss = manager.and_then(|m| match state.occupancy(m) {
        Occupancy::Filled(iv) => Some(iv.value.person),
        _ => None,
    });
    Place {
        role: t.role,
        unit: state.unit_of(t.role),
        manager,
        boss,
        acting: h.tenure(t).value.acting,
    }
}

fn event_of(o: Origin) -> Option<EventId> {
    match o {
        Origin::Event(e) => Some(e),
        Origin::Declared(_) => None,
    }
}

/// The people whose main role, unit or manager differs between `a`'s day
/// and `b`'s, in load order of the people.
pub fn people_changes(h: &History, a: &State, b: &State) -> Vec<PersonChange> {
    let (from, to): (NaiveDate, NaiveDate) = (a.day, b.day);
    let mut out = Vec::new();
    for i in 0..h.people.len() {
        let p = PersonId::new(i);
        let (ta, tb) = (main_tenure(h, a, p), main_tenure(h, b, p));
        let (pa, pb) = (ta.map(|t| place(h, a, t)), tb.map(|t| place(h, b, t)));
        let kind = match (pa, pb) {
            (None, None) => continue,
            (None, Some(_)) => PersonKind::Hired,
            (Some(_), None) => PersonKind::Left,
            (Some(x), Some(y)) if x.unit != y.unit => PersonKind::Moved,
            (Some(x), Some(y)) if x.role != y.role => PersonKind::NewRole,
            (Some(x), Some(y)) if (x.manager, x.boss) != (y.manager, y.boss) => {
                PersonKind::NewManager
            }
            _ => continue,
        };
        // The event that began the new main tenure, else the one that
        // ended the old, else (a new manager or a moved role) the one that
        // moved the role or set its line in between, else the one that
        // changed the holder of the manager role.
        let started = tb
            .map(|t| h.tenure(t).from)
            .filter(|s| s.day() > Some(from));
        let ended = ta.and_then(|t| h.tenure(t).until);
        let role_change = pb.and_then(|y| {
            let role = h.role(y.role);
            let moved = role.unit.at(to).map(|iv| iv.from);
            let line = role.rare.line.at(to).map(|iv| iv.from);
            let boss = y.manager.and_then(|m| match b.occupancy(m) {
                Occupancy::Filled(iv) => Some(iv.from),
                _ => None,
            });
            moved
                .into_iter()
                .chain(line)
                .chain(boss)
                .find(|s| s.day() > Some(from))
        });
        let event = started
            .or(ended)
            .or(role_change)
            .and_then(|s| event_of(s.origin));
        out.push(PersonChange {
            person: p,
            kind,
            before: pa,
            after: pb,
            event,
        });
    }
    out
}

/// The role person `p` took in event `e` and still holds on `state`'s day
/// (so a `left` in that event was a move, not a departure).
pub fn taken_in(h: &History, state: &State, p: PersonId, e: EventId) -> Option<RoleId> {
    h.person(p)
        .tenures
        .iter()
        .find(|&&t| {
            let iv = h.tenure(t);
            iv.from.origin == Origin::Event(e) && iv.contains(state.day)
        })
        .map(|t| t.role)
}
