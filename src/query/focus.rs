//! What a diff chart keeps of the organisation (`diff --only-changes`,
//! `diff --unit U`): the records it draws, chosen from the [`Diff`]
//! alone, so a large organisation gives a small chart.
//!
//! - `--only-changes`: the changed roles (created, eliminated, moved,
//!   retitled, a new line, a new attribute or dotted line, a holder who
//!   came or went, and the main roles before and after of each person of
//!   the people view), and, for context, the roles they reported to on
//!   FROM and on TO; nothing else. With `--units`: the changed units and
//!   their parents on both days.
//! - `--unit U`: only what lies in U or under it on either day.
//!
//! Both together keep what both keep.

use super::diff::{Diff, DiffKind, Ref};
use super::state::{OrgView, State};
use crate::ids::{RoleId, UnitId};

/// The records a focused diff chart draws, indexed by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// `--unit U`: U.
    pub scope: Option<UnitId>,
    pub roles: Vec<bool>,
    pub units: Vec<bool>,
}

impl Focus {
    pub fn role(&self, r: RoleId) -> bool {
        self.roles[r.index()]
    }

    pub fn unit(&self, u: UnitId) -> bool {
        self.units[u.index()]
    }
}

/// The focus of `d`'s chart: with `only_changes` the changes and their
/// managers (or parents), with `scope` only U's subtree on either day.
pub fn focus(d: &Diff, only_changes: bool, scope: Option<UnitId>) -> Focus {
    let h = d.to.history;
    let (a, b) = (&d.from, &d.to);
    let (mut roles, mut units) = if only_changes {
        changed(d)
    } else {
        (vec![true; h.roles.len()], vec![true; h.units.len()])
    };
    if let Some(s) = scope {
        for (i, keep) in units.iter_mut().enumerate() {
            let u = UnitId::new(i);
            *keep &= under(a, u, s) || under(b, u, s);
        }
        for (i, keep) in roles.iter_mut().enumerate() {
            let r = RoleId::new(i);
            let inside = |st: &State| st.unit_of(r).is_some_and(|u| under(st, u, s));
            *keep &= inside(a) || inside(b);
        }
    }
    Focus {
        scope,
        roles,
        units,
    }
}

/// Whether unit `u` is `scope` or under it on `state`'s day.
fn under(state: &State, u: UnitId, scope: UnitId) -> bool {
    if !state.unit_exists(u) {
        return false;
    }
    let mut at = Some(u);
    // A parent chain is acyclic (the replay checks it); the bound keeps a
    // mistake from looping.
    for _ in 0..=state.history.units.len() {
        match at {
            Some(x) if x == scope => return true,
            Some(x) => at = state.parent(x),
            None => return false,
        }
    }
    false
}

/// The changed roles and units, with their managers and parents on both
/// days.
fn changed(d: &Diff) -> (Vec<bool>, Vec<bool>) {
    let h = d.to.history;
    let (a, b) = (&d.from, &d.to);
    let mut roles = vec![false; h.roles.len()];
    let mut units = vec![false; h.units.len()];
    let mut mark_role = |r: &Ref| {
        if let Ref::Role(r) = r {
            roles[r.index()] = true;
        }
    };
    for c in &d.changes {
        match c.kind {
            DiffKind::Appointed => c.after.iter().for_each(&mut mark_role),
            DiffKind::Left => c.before.iter().for_each(&mut mark_role),
            DiffKind::PersonRenamed => {}
            _ => mark_role(&c.subject),
        }
        if let Ref::Unit(u) = c.subject {
            units[u.index()] = true;
        }
    }
    for p in &d.people {
        for place in p.before.iter().chain(&p.after) {
            roles[place.role.index()] = true;
        }
    }
    // One level of context: the managers and parents on both days.
    let changed_roles: Vec<RoleId> = (0..roles.len())
        .map(RoleId::new)
        .filter(|r| roles[r.index()])
        .collect();
    for r in changed_roles {
        for l in [a.line(r), b.line(r)].into_iter().flatten() {
            roles[l.to.index()] = true;
        }
    }
    let changed_units: Vec<UnitId> = (0..units.len())
        .map(UnitId::new)
        .filter(|u| units[u.index()])
        .collect();
    for u in changed_units {
        for p in [a.parent(u), b.parent(u)].into_iter().flatten() {
            units[p.index()] = true;
        }
    }
    (roles, units)
}
