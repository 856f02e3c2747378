//! The current state during the replay: the open ends of the timelines,
//! indexed both ways, for the checks and the reporting-line walks that
//! each change needs (the timelines alone would make them searches).

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use crate::ids::{PersonId, RoleId, UnitId};

use super::super::lines::OrgView;
use super::super::{Holding, Stamp};

/// The open dotted lines, by target, and the roles whose declared lines
/// wait to be drawn.
#[derive(Default)]
pub(super) struct DottedNow {
    /// The roles with an open dotted line to each role.
    pub(super) into: HashMap<RoleId, Vec<RoleId>>,
    /// Roles created with declared dotted lines, and when: drawn once the
    /// roles created with them exist (a declared line may name a role
    /// declared after it).
    pub(super) pending: Vec<(RoleId, Stamp)>,
}

/// Items in groups, each item in one group at most (a unit's units or
/// roles, the roles whose line points at a role): adding and removing one
/// take the same time however large its group is. A removal moves the
/// group's last item into the gap, so a group is in no particular order.
pub(super) struct Groups<O, C> {
    lists: Vec<Vec<C>>,
    /// Each item's place in its group.
    at: Vec<u32>,
    owner: std::marker::PhantomData<O>,
}

impl<O: Into<usize>, C: Copy + PartialEq + Into<usize>> Groups<O, C> {
    pub(super) fn new(owners: usize, items: usize) -> Self {
        Groups {
            lists: vec![Vec::new(); owners],
            at: vec![0; items],
            owner: std::marker::PhantomData,
        }
    }

    /// The items of `owner`'s group.
    pub(super) fn of(&self, owner: O) -> &[C] {
        &self.lists[owner.into()]
    }

    pub(super) fn add(&mut self, owner: O, item: C) {
        let list = &mut self.lists[owner.into()];
        self.at[item.into()] = list.len() as u32;
        list.push(item);
    }

    /// Takes `item` out of `owner`'s group (if it is there).
    pub(super) fn remove(&mut self, owner: O, item: C) {
        let list = &mut self.lists[owner.into()];
        let i = self.at[item.into()] as usize;
        let i = match list.get(i) {
            Some(x) if *x == item => i,
            _ => match list.iter().position(|x| *x == item) {
                Some(i) => i,
                None => return,
            },
        };
        list.swap_remove(i);
        if let Some(&moved) = list.get(i) {
            self.at[moved.into()] = i as u32;
        }
    }

    /// Empties `owner`'s group, returning its items.
    pub(super) fn take(&mut self, owner: O) -> Vec<C> {
        std::mem::take(&mut self.lists[owner.into()])
    }
}

/// The organisation as it stands at the step being replayed.
pub(super) struct Now {
    /// The units inside each unit, and the roles in it.
    pub(super) children: Groups<UnitId, UnitId>,
    pub(super) members: Groups<UnitId, RoleId>,
    /// The head role of each unit.
    pub(super) head_of: Vec<Option<RoleId>>,
    /// Roles whose explicit line points at each role.
    pub(super) line_sources: Groups<RoleId, RoleId>,
    /// Whether each unit and role exists (the open end of `life`).
    pub(super) unit_alive: Vec<bool>,
    pub(super) role_alive: Vec<bool>,
    /// Each role's holder (the open end of `holder`), and the roles each
    /// person holds with the seat, in the order taken (most hold one at a
    /// time: kept in place, no allocation for each of a million people).
    pub(super) holding: Vec<Option<Holding>>,
    pub(super) held: Vec<Held>,
    /// The seats of each role of several seats that has had a holder.
    seating: HashMap<RoleId, Seating>,
    /// The open ends of each role's `unit` and `line` and each unit's
    /// `parent`.
    pub(super) unit_now: Vec<Option<UnitId>>,
    pub(super) line_now: Vec<Option<RoleId>>,
    /// Whether each role has the top marker (the open end of `top`).
    pub(super) top_now: Vec<bool>,
    pub(super) parent_now: Vec<Option<UnitId>>,
    /// The people an appointment replaced on `displaced_on`, with the
    /// roles: their `leave` of such a role later that day is the other half
    /// of a handover, and ends nothing more. Emptied when the day changes.
    displaced: HashMap<PersonId, Vec<RoleId>>,
    displaced_on: Option<NaiveDate>,
}

impl Now {
    /// Nothing exists yet.
    pub(super) fn new(units: usize, roles: usize, people: usize) -> Self {
        Now {
            children: Groups::new(units, units),
            members: Groups::new(units, roles),
            head_of: vec![None; units],
            line_sources: Groups::new(roles, roles),
            unit_alive: vec![false; units],
            role_alive: vec![false; roles],
            holding: vec![None; roles],
            held: vec![Held::new(); people],
            unit_now: vec![None; roles],
            line_now: vec![None; roles],
            top_now: vec![false; roles],
            parent_now: vec![None; units],
            seating: HashMap::default(),
            displaced: HashMap::default(),
            displaced_on: None,
        }
    }

    /// Whether `u` exists.
    pub(super) fn unit_alive(&self, u: UnitId) -> bool {
        self.unit_alive[u.index()]
    }

    /// Whether `r` exists.
    pub(super) fn role_alive(&self, r: RoleId) -> bool {
        self.role_alive[r.index()]
    }

    /// Puts `unit` under `to` (or at the top).
    pub(super) fn set_parent(&mut self, unit: UnitId, to: Option<UnitId>) {
        if let Some(old) = self.parent_now[unit.index()] {
            self.children.remove(old, unit);
        }
        self.parent_now[unit.index()] = to;
        if let Some(p) = to {
            self.children.add(p, unit);
        }
    }

    /// Moves `role` from unit `from` to `to`.
    pub(super) fn set_role_unit(&mut self, role: RoleId, from: UnitId, to: UnitId) {
        self.members.remove(from, role);
        self.members.add(to, role);
        self.unit_now[role.index()] = Some(to);
    }

    /// Points `role`'s explicit line at `to` (or clears it).
    pub(super) fn set_line(&mut self, role: RoleId, to: Option<RoleId>) {
        if self.line_now[role.index()] == to {
            return;
        }
        let old = std::mem::replace(&mut self.line_now[role.index()], to);
        if let Some(t) = to {
            self.line_sources.add(t, role);
        }
        if let Some(o) = old {
            self.line_sources.remove(o, role);
        }
    }

    /// Records that `role` is now held as `holding`: the previous holder no
    /// longer holds it.
    pub(super) fn hold(&mut self, role: RoleId, holding: Holding) {
        self.unhold(role);
        self.holding[role.index()] = Some(holding);
        self.held[holding.person.index()].push((role, 0));
    }

    /// Records that `role` is no longer held.
    pub(super) fn unhold(&mut self, role: RoleId) {
        if let Some(old) = self.holding[role.index()].take() {
            self.held[old.person.index()].retain(|&mut (r, _)| r != role);
        }
    }

    /// The seat of `role` that `person` holds, if any.
    pub(super) fn seat_of(&self, person: PersonId, role: RoleId) -> Option<u32> {
        self.held[person.index()]
            .iter()
            .find(|&&(r, _)| r == role)
            .map(|&(_, s)| s)
    }

    /// How many seats of a role of several seats are filled.
    pub(super) fn filled(&self, role: RoleId) -> usize {
        self.seating.get(&role).map_or(0, |s| s.filled as usize)
    }

    /// Seats `person` in `role` (of several seats), in its lowest free
    /// seat; returns the seat, and whether it is a new one.
    pub(super) fn sit(&mut self, role: RoleId, person: PersonId) -> (u32, bool) {
        let s = self.seating.entry(role).or_default();
        s.filled += 1;
        let seat = match s.free.pop() {
            Some(std::cmp::Reverse(seat)) => (seat, false),
            None => {
                s.seats += 1;
                (s.seats - 1, true)
            }
        };
        self.held[person.index()].push((role, seat.0));
        seat
    }

    /// `person` leaves `seat` of `role`.
    pub(super) fn rise(&mut self, role: RoleId, seat: u32, person: PersonId) {
        match self.seating.get_mut(&role) {
            Some(s) => {
                self.held[person.index()].retain(|x| *x != (role, seat));
                s.filled -= 1;
                s.free.push(std::cmp::Reverse(seat));
            }
            None => self.unhold(role),
        }
    }

    /// Every holder of `role` (of several seats), named in `people`, leaves.
    pub(super) fn rise_all(&mut self, role: RoleId, people: &[PersonId]) {
        for p in people {
            self.held[p.index()].retain(|&mut (r, _)| r != role);
        }
        self.seating.remove(&role);
    }

    /// Records that an appointment on `day` replaced `person` in `role`.
    pub(super) fn displace(&mut self, person: PersonId, role: RoleId, day: Option<NaiveDate>) {
        if self.displaced_on != day {
            self.displaced.clear();
            self.displaced_on = day;
        }
        self.displaced.entry(person).or_default().push(role);
    }

    /// Whether `person` was replaced in `role` (any role, for `None`)
    /// earlier on `day` and has not left it since: if so, that leave is
    /// now taken, and a second one is no handover.
    pub(super) fn take_displaced(
        &mut self,
        person: PersonId,
        role: Option<RoleId>,
        day: Option<NaiveDate>,
    ) -> bool {
        if self.displaced_on != day {
            return false;
        }
        let Some(roles) = self.displaced.get_mut(&person) else {
            return false;
        };
        match role {
            Some(r) => match roles.iter().position(|&x| x == r) {
                Some(i) => {
                    roles.swap_remove(i);
                    true
                }
                None => false,
            },
            None => !std::mem::take(roles).is_empty(),
        }
    }

    /// The roles `person` holds with their seats, in the order taken.
    pub(super) fn held_by(&self, person: PersonId) -> &[(RoleId, u32)] {
        &self.held[person.index()]
    }
}

/// The roles a person holds, each with its seat.
pub(super) type Held = smallvec::SmallVec<[(RoleId, u32); 1]>;

/// The seats of a role of several seats.
#[derive(Default)]
struct Seating {
    /// Seats taken so far (each a timeline), and filled now.
    seats: u32,
    filled: u32,
    /// The seats free again, lowest first.
    free: std::collections::BinaryHeap<std::cmp::Reverse<u32>>,
}

impl OrgView for Now {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId> {
        self.line_now[r.index()]
    }

    fn role_exists(&self, r: RoleId) -> bool {
        self.role_alive(r)
    }

    fn is_top(&self, r: RoleId) -> bool {
        self.top_now[r.index()]
    }

    fn has_explicit_reports(&self, r: RoleId) -> bool {
        !self.line_sources.of(r).is_empty()
    }

    fn unit_of(&self, r: RoleId) -> Option<UnitId> {
        self.unit_now[r.index()]
    }

    fn head_of(&self, u: UnitId) -> Option<RoleId> {
        self.head_of[u.index()]
    }

    fn parent(&self, u: UnitId) -> Option<UnitId> {
        self.parent_now[u.index()]
    }

    fn unit_count(&self) -> usize {
        self.parent_now.len()
    }
}
