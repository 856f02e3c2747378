//! The organisation as it stood on one day, with every reporting line
//! derived: the view every query reads.

use chrono::NaiveDate;

use crate::ids::{PersonId, RoleId, UnitId};
pub use crate::timeline::lines::{Line, LineRule, OrgView};
use crate::timeline::{History, Holding, Interval};

/// Who holds a role on the day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Occupancy<'h> {
    Filled(&'h Interval<Holding>),
    /// Someone held it before; nobody does now.
    Vacant,
    /// No holder is recorded up to the day.
    Unrecorded,
}

impl Occupancy<'_> {
    pub fn person(&self) -> Option<PersonId> {
        match self {
            Occupancy::Filled(iv) => Some(iv.value.person),
            _ => None,
        }
    }

    pub fn status(&self) -> &'static str {
        match self {
            Occupancy::Filled(_) => "filled",
            Occupancy::Vacant => "vacant",
            Occupancy::Unrecorded => "unrecorded",
        }
    }
}

/// Who holds role `r` on `day`, read from its holder timelines alone: of
/// a role of several seats, the first holder by the day they took it (see
/// [`Role::holders_at`](crate::timeline::Role::holders_at) for all).
pub fn occupancy_on(history: &History, r: RoleId, day: NaiveDate) -> Occupancy<'_> {
    let role = history.role(r);
    let first = match role.seats.is_single() {
        true => role.holder.at(day),
        false => role.holders_at(day).first().copied(),
    };
    match first {
        Some(iv) => Occupancy::Filled(iv),
        None if role.held_by(day) => Occupancy::Vacant,
        None => Occupancy::Unrecorded,
    }
}

/// Everyone holding role `r` on `day` (one at most, but for a role of
/// several seats), by the day they took it.
pub fn holders_on(history: &History, r: RoleId, day: NaiveDate) -> Vec<&Interval<Holding>> {
    let role = history.role(r);
    match role.seats.is_single() {
        true => role.holder.at(day).into_iter().collect(),
        false => role.holders_at(day),
    }
}

/// The state of the organisation on `day`. Building it reads each fact
/// once (a binary search per fact); everything after is indexing.
pub struct State<'h> {
    pub history: &'h History,
    pub day: NaiveDate,
    /// Units in existence, in load order.
    pub units: Vec<UnitId>,
    /// Roles in existence, in load order.
    pub roles: Vec<RoleId>,
    parent: Vec<Option<UnitId>>,
    unit_alive: Vec<bool>,
    children: Vec<Vec<UnitId>>,
    role_unit: Vec<Option<UnitId>>,
    head_of: Vec<Option<RoleId>>,
    lines: Vec<Option<Line>>,
    reports: Vec<Vec<RoleId>>,
    /// Whether some role's explicit line points at each role.
    explicitly_reported: Vec<bool>,
    /// The dotted lines of the day as (to, from), sorted: empty, and no
    /// cost, when no role has one.
    dotted_in: Vec<(RoleId, RoleId)>,
}

impl<'h> State<'h> {
    pub fn new(history: &'h History, day: NaiveDate) -> Self {
        let n_units = history.units.len();
        let n_roles = history.roles.len();
        let mut s = State {
            history,
            day,
            units: Vec::new(),
            roles: Vec::new(),
            parent: vec![None; n_units],
            unit_alive: vec![false; n_units],
            children: vec![Vec::new(); n_units],
            role_unit: vec![None; n_roles],
            head_of: vec![None; n_units],
            lines: vec![None; n_roles],
            reports: vec![Vec::new(); n_roles],
            explicitly_reported: vec![false; n_roles],
            dotted_in: Vec::new(),
        };
        for (i, u) in history.units.iter().enumerate() {
            if u.life.at(day).is_some() {
                let id = UnitId::new(i);
                s.units.push(id);
                s.unit_alive[i] = true;
                s.parent[i] = u.parent.value_at(day).copied();
            }
        }
        for &u in &s.units {
            if let Some(p) = s.parent[u.index()] {
                s.children[p.index()].push(u);
            }
        }
        for (i, r) in history.roles.iter().enumerate() {
            if r.life.at(day).is_some() {
                let id = RoleId::new(i);
                s.roles.push(id);
                let unit = r.unit.value_at(day).copied();
                s.role_unit[i] = unit;
                if let Some(u) = unit
                    && r.head.value_at(day) == Some(&true)
                {
                    s.head_of[u.index()] = Some(id);
                }
                s.dotted_in
                    .extend(r.dotted_at(day).map(|iv| (iv.value, id)));
            }
        }
        s.dotted_in.sort_unstable();
        for idx in 0..s.roles.len() {
            if let Some(to) = s.effective_explicit(s.roles[idx]) {
                s.explicitly_reported[to.index()] = true;
            }
        }
        for idx in 0..s.roles.len() {
            let r = s.roles[idx];
            let line = s.derive_line(r);
            s.lines[r.index()] = line;
            if let Some(l) = line {
                s.reports[l.to.index()].push(r);
            }
        }
        s
    }

    pub fn unit_exists(&self, u: UnitId) -> bool {
        self.unit_alive[u.index()]
    }

    pub fn children(&self, u: UnitId) -> &[UnitId] {
        &self.children[u.index()]
    }

    pub fn top_units(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.units
            .iter()
            .copied()
            .filter(|u| self.parent[u.index()].is_none())
    }

    pub fn line(&self, r: RoleId) -> Option<Line> {
        self.lines[r.index()]
    }

    /// The roles whose line goes to `r`, in load order.
    pub fn reports(&self, r: RoleId) -> &[RoleId] {
        &self.reports[r.index()]
    }

    /// The roles `r` reports to by a dotted line on the day (never its
    /// line of command), in the order the lines began.
    pub fn dotted(&self, r: RoleId) -> impl Iterator<Item = RoleId> + '_ {
        self.history.role(r).dotted_at(self.day).map(|iv| iv.value)
    }

    /// The roles with a dotted line to `r` on the day, in load order.
    pub fn dotted_reports(&self, r: RoleId) -> impl Iterator<Item = RoleId> + '_ {
        let start = self.dotted_in.partition_point(|&(to, _)| to < r);
        self.dotted_in[start..]
            .iter()
            .take_while(move |&&(to, _)| to == r)
            .map(|&(_, from)| from)
    }

    /// Roles in existence that report to nobody.
    pub fn top_roles(&self) -> impl Iterator<Item = RoleId> + '_ {
        self.roles
            .iter()
            .copied()
            .filter(|r| self.lines[r.index()].is_none())
    }

    pub fn occupancy(&self, r: RoleId) -> Occupancy<'h> {
        occupancy_on(self.history, r, self.day)
    }

    /// Who holds `r` on the day, seat by seat: each holder of a role of
    /// several seats (by the day they took it), else its one occupancy.
    pub fn seated(&self, r: RoleId) -> Vec<Occupancy<'h>> {
        let holders = match self.history.role(r).seats.is_single() {
            true => Vec::new(),
            false => self.holders(r),
        };
        match holders.is_empty() {
            true => vec![self.occupancy(r)],
            false => holders.into_iter().map(Occupancy::Filled).collect(),
        }
    }

    /// Everyone holding `r` on the day, by the day they took it.
    pub fn holders(&self, r: RoleId) -> Vec<&'h Interval<Holding>> {
        holders_on(self.history, r, self.day)
    }

    /// The roles `p` holds on the day, with their tenures, in the order taken.
    pub fn roles_of(&self, p: PersonId) -> Vec<(RoleId, &'h Interval<Holding>)> {
        let history: &'h History = self.history;
        history
            .person(p)
            .tenures
            .iter()
            .filter_map(|&t| {
                let iv = history.tenure(t);
                iv.contains(self.day).then_some((t.role, iv))
            })
            .collect()
    }

    /// The people `p` reports to: holders of the roles their roles report
    /// to, without `p` themself, in order and without repeats.
    pub fn managers_of(&self, p: PersonId) -> Vec<PersonId> {
        let mut out = Vec::new();
        for (r, _) in self.roles_of(p) {
            if let Some(line) = self.line(r) {
                for iv in self.holders(line.to) {
                    let q = iv.value.person;
                    if q != p && !out.contains(&q) {
                        out.push(q);
                    }
                }
            }
        }
        out
    }

    /// The people holding at least one role on the day, in load order.
    pub fn people(&self) -> Vec<PersonId> {
        let mut seen = vec![false; self.history.people.len()];
        for &r in &self.roles {
            if self.history.role(r).seats.is_single() {
                if let Some(p) = self.occupancy(r).person() {
                    seen[p.index()] = true;
                }
            } else {
                for iv in self.holders(r) {
                    seen[iv.value.person.index()] = true;
                }
            }
        }
        (0..seen.len())
            .filter(|&i| seen[i])
            .map(PersonId::new)
            .collect()
    }
}

impl OrgView for State<'_> {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId> {
        self.history.role(r).rare.line.value_at(self.day).copied()
    }

    fn role_exists(&self, r: RoleId) -> bool {
        self.role_unit[r.index()].is_some()
    }

    fn is_top(&self, r: RoleId) -> bool {
        self.history.role(r).rare.top.at(self.day).is_some()
    }

    fn has_explicit_reports(&self, r: RoleId) -> bool {
        self.explicitly_reported[r.index()]
    }

    fn unit_of(&self, r: RoleId) -> Option<UnitId> {
        self.role_unit[r.index()]
    }

    fn head_of(&self, u: UnitId) -> Option<RoleId> {
        self.head_of[u.index()]
    }

    fn parent(&self, u: UnitId) -> Option<UnitId> {
        self.parent[u.index()]
    }

    fn unit_count(&self) -> usize {
        self.parent.len()
    }
}
