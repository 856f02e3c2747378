//! `stats`: workforce figures per period end and unit, rolled up the unit
//! tree (a unit counts everything in its subtree), or per value of a
//! person's attribute (`--by level`). Each period end is one [`State`];
//! each role and each person's roles on it are read once and added to the
//! slots they count in ([`Slots`]: their own units, summed up the tree in
//! one pass afterwards (`rollup.rs`), or their value's group), so the cost
//! is one pass per period end, not one per unit, value or level of the
//! tree. Flows (hires, departures, transfers, promotions) compare the
//! period end with the end of the period before.

mod rollup;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use super::depth_first;
use super::state::{OrgView, State};
use crate::ids::{PersonId, RoleId, UnitId};
use crate::timeline::{Attributes, History};
use rollup::{Tally, Tree, roll_up};

/// How long a period is (`--every`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Month,
    Quarter,
    Year,
}

impl Every {
    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::Year => 12,
        }
    }

    /// The last day of the period holding `day`.
    pub fn end_of(self, day: NaiveDate) -> NaiveDate {
        let m = self.months();
        let first_month = (day.month0() / m) * m + 1;
        NaiveDate::from_ymd_opt(day.year(), first_month, 1)
            .and_then(|d| d.checked_add_months(Months::new(m)))
            .and_then(|d| d.pred_opt())
            .unwrap_or(day)
    }

    /// The last day of the period before the one ending on `end`.
    pub fn end_before(self, end: NaiveDate) -> NaiveDate {
        let first = end
            .with_day(1)
            .and_then(|d| d.checked_sub_months(Months::new(self.months() - 1)))
            .unwrap_or(end);
        first.pred_opt().unwrap_or(first)
    }
}

/// What the rows of a period end are (`--by`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsBy {
    /// One row: the whole scope.
    Whole,
    /// A row per unit of the scope, each rolled up over its subtree.
    Unit,
    /// A row per value of this attribute (of people, else of roles).
    Attribute(String),
}

/// What to count, and where.
#[derive(Debug, Clone)]
pub struct StatsAsk {
    /// The first day a period end may fall on.
    pub from: NaiveDate,
    /// The last day a period end may fall on.
    pub to: NaiveDate,
    pub every: Every,
    /// Only this unit's subtree.
    pub scope: Option<UnitId>,
    /// The rows of a period end.
    pub by: StatsBy,
    /// By unit, only this many levels of the unit tree.
    pub depth: Option<usize>,
}

impl StatsAsk {
    /// Period ends from `from` to `to`, one row each for the whole
    /// organisation.
    pub fn new(from: NaiveDate, to: NaiveDate, every: Every) -> Self {
        StatsAsk {
            from,
            to,
            every,
            scope: None,
            by: StatsBy::Whole,
            depth: None,
        }
    }
}

/// The figures of one unit (with its subtree) or of the whole
/// organisation on a period end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Distinct people holding a role in it (acting included), once each.
    pub headcount: u32,
    /// Roles with at least one holder.
    pub filled_roles: u32,
    /// Roles someone held before and nobody holds.
    pub vacant_roles: u32,
    /// Roles never held up to the day, or not known since an `op = "unrecorded"`.
    pub unrecorded_roles: u32,
    /// Days since each vacant role's last holder left: mean and max.
    pub vacancy_days_mean: Option<f64>,
    pub vacancy_days_max: Option<u32>,
    /// Distinct people holding at least one role in it as acting.
    pub acting: u32,
    /// Distinct people of it holding a role there that someone reports to.
    pub managers: u32,
    /// Direct reports per manager: mean, median, max.
    pub span_mean: Option<f64>,
    pub span_median: Option<f64>,
    pub span_max: Option<u32>,
    /// Levels of the chain of command among its roles.
    pub layers: u32,
    pub hires: u32,
    pub departures: u32,
    pub transfers_in: u32,
    pub transfers_out: u32,
    pub promotions: u32,
}

/// One row: a unit (`None`: the whole organisation) on a period end, or
/// by an attribute one group of the scope.
#[derive(Debug, Clone)]
pub struct StatsRow {
    pub end: NaiveDate,
    pub unit: Option<UnitId>,
    /// Its depth in the listed tree (1 for the top).
    pub depth: usize,
    /// By an attribute, the group's value (`None`: the people and roles
    /// without one); `None` by unit.
    pub value: Option<String>,
    pub figures: Figures,
}

/// `orgctl stats`.
pub struct Stats<'h> {
    pub history: &'h History,
    pub ask: StatsAsk,
    /// The period ends, oldest first.
    pub ends: Vec<NaiveDate>,
    /// The rows, by period end then unit tree order.
    pub rows: Vec<StatsRow>,
}

/// The period ends of `ask`, oldest first.
pub fn period_ends(ask: &StatsAsk) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    let mut e = ask.every.end_of(ask.to);
    if e > ask.to {
        e = ask.every.end_before(e);
    }
    while e >= ask.from {
        ends.push(e);
        let before = ask.every.end_before(e);
        if before >= e {
            break;
        }
        e = before;
    }
    ends.reverse();
    ends
}

/// Who holds what on one day: each person's roles, and their shallowest
/// depth in the chain of command (0 for none).
struct Snapshot {
    day: NaiveDate,
    roles: Vec<Vec<(RoleId, UnitId)>>,
    depth: Vec<u32>,
}

impl Snapshot {
    fn new(state: &State, role_depth: &[u32]) -> Self {
        let n = state.history.people.len();
        let mut s = Snapshot {
            day: state.day,
            roles: vec![Vec::new(); n],
            depth: vec![0; n],
        };
        for &r in &state.roles {
            let Some(u) = state.unit_of(r) else { continue };
            for iv in state.holders(r) {
                let p = iv.value.person.index();
                // A person in several seats of `r`: once (the roles come
                // one after another, so `r` would be their last).
                if s.roles[p].last().is_none_or(|&(q, _)| q != r) {
                    s.roles[p].push((r, u));
                }
                let d = role_depth[r.index()];
                if s.depth[p] == 0 || d < s.depth[p] {
                    s.depth[p] = d;
                }
            }
        }
        s
    }

    fn holds(&self, p: usize) -> bool {
        !self.roles[p].is_empty()
    }
}

/// Each role's depth in the chain of command on the day (1 at the top,
/// 0 for a role that does not exist), without recursion.
fn role_depths(state: &State) -> Vec<u32> {
    let mut depth = vec![0u32; state.history.roles.len()];
    let mut on_path = vec![false; depth.len()];
    let mut path = Vec::new();
    for &r in &state.roles {
        let mut at = r;
        while depth[at.index()] == 0 {
            path.push(at);
            on_path[at.index()] = true;
            match state.line(at) {
                Some(l) if !on_path[l.to.index()] => at = l.to,
                _ => break,
            }
        }
        let mut d = match path.last().and_then(|&top| state.line(top)) {
            Some(l) => depth[l.to.index()],
            None => 0,
        };
        while let Some(q) = path.pop() {
            on_path[q.index()] = false;
            d += 1;
            depth[q.index()] = d;
        }
    }
    depth
}

/// Which slots a role or a person counts in on a period end, as weighted
/// marks (a slot and a weight, added to its sums).
///
/// Units (`--by unit`, and the whole organisation): the slot of the unit
/// of each role and of every unit above it, and the last slot, of the
/// whole organisation, each once per role or person: marks on the units
/// themselves, summed up the tree once per period end ([`Tree::paths`],
/// [`roll_up`]). An attribute (`--by KEY`): the slot of the value of KEY,
/// allocated as values appear (slot 0: no value), each once (a round of
/// marks), and only through roles in the scope's subtree.
struct Slots<'h> {
    key: Option<&'h str>,
    scope: Option<UnitId>,
    /// With a key: the value of each slot (`None`: the no-value group).
    values: Vec<Option<&'h str>>,
    index: HashMap<&'h str, usize>,
    stamp: Vec<u32>,
    round: u32,
    /// By units: the tree of the period end being counted.
    tree: Option<Tree>,
    /// By an attribute within a scope: whether each unit is in the
    /// scope's subtree on the period end being counted.
    inside: Vec<bool>,
}

impl<'h> Slots<'h> {
    /// By units (`key` `None`) or by attribute `key`, within `scope`.
    fn new(history: &History, key: Option<&'h str>, scope: Option<UnitId>) -> Self {
        Slots {
            key,
            scope,
            values: vec![None],
            index: HashMap::new(),
            stamp: vec![
                0;
                if key.is_some() {
                    1
                } else {
                    history.units.len() + 1
                }
            ],
            round: 0,
            tree: None,
            inside: Vec::new(),
        }
    }

    /// Readies the slots for the state's day: by units its tree, by an
    /// attribute within a scope the units in the scope's subtree.
    fn prepare(&mut self, state: &State) {
        if self.key.is_none() {
            self.tree = Some(Tree::new(state));
        } else if let Some(scope) = self.scope {
            self.inside = vec![false; state.history.units.len()];
            let mut stack = vec![scope];
            while let Some(u) = stack.pop() {
                if !std::mem::replace(&mut self.inside[u.index()], true) {
                    stack.extend_from_slice(state.children(u));
                }
            }
        }
    }

    /// The slot of the whole organisation, counted by units.
    fn whole(&self) -> Option<usize> {
        self.key.is_none().then(|| self.stamp.len() - 1)
    }

    fn len(&self) -> usize {
        self.stamp.len()
    }

    /// Adds `slot` to `out` unless it is there this round.
    fn mark(&mut self, slot: usize, out: &mut Vec<(usize, i64)>) {
        if self.stamp[slot] != self.round {
            self.stamp[slot] = self.round;
            out.push((slot, 1));
        }
    }

    /// Starts a round: `out` is emptied for the slots of one role or
    /// person.
    fn start(&mut self, out: &mut Vec<(usize, i64)>) {
        self.round += 1;
        out.clear();
    }

    /// By units, the marks of `units` and every unit above them.
    fn up(&self, units: impl Iterator<Item = UnitId>, out: &mut Vec<(usize, i64)>) {
        if let Some(tree) = &self.tree {
            tree.paths(units, out);
        }
    }

    /// The slot of a value, allocated on its first appearance.
    fn value(&mut self, value: Option<&'h str>, out: &mut Vec<(usize, i64)>) {
        let slot = match value {
            None => 0,
            Some(v) => *self.index.entry(v).or_insert_with(|| {
                self.values.push(Some(v));
                self.stamp.push(0);
                self.values.len() - 1
            }),
        };
        self.mark(slot, out);
    }

    /// Whether unit `u` is in the scope's subtree on the prepared day.
    fn in_scope(&self, u: UnitId) -> bool {
        self.scope.is_none() || self.inside.get(u.index()) == Some(&true)
    }

    /// The slots of role `r` of unit `u`: by an attribute, its own value,
    /// else each holder's, else no value.
    fn role(&mut self, state: &State<'h>, r: RoleId, u: UnitId, out: &mut Vec<(usize, i64)>) {
        self.start(out);
        let Some(key) = self.key else {
            return self.up(std::iter::once(u), out);
        };
        if !self.in_scope(u) {
            return;
        }
        let h = state.history;
        if let Some(v) = value_of(&h.role(r).rare.attributes, key, state.day) {
            return self.value(Some(v), out);
        }
        let holders = state.holders(r);
        if holders.is_empty() {
            return self.value(None, out);
        }
        for iv in holders {
            let v = value_of(&h.person(iv.value.person).attributes, key, state.day);
            self.value(v, out);
        }
    }

    /// The slots of person `p` through `roles` (their units as on the
    /// state's day), by an attribute with its values on `day`: their own
    /// value, else those of the roles (in the scope) that have one, else
    /// no value; none without a role in the scope.
    fn person(
        &mut self,
        state: &State<'h>,
        day: NaiveDate,
        p: PersonId,
        roles: &[(RoleId, UnitId)],
        out: &mut Vec<(usize, i64)>,
    ) {
        self.start(out);
        let Some(key) = self.key else {
            return self.up(roles.iter().map(|&(_, u)| u), out);
        };
        let h = state.history;
        let inside: Vec<RoleId> = roles
            .iter()
            .filter(|&&(_, u)| self.in_scope(u))
            .map(|&(r, _)| r)
            .collect();
        if inside.is_empty() {
            return;
        }
        if let Some(v) = value_of(&h.person(p).attributes, key, day) {
            return self.value(Some(v), out);
        }
        let values: Vec<&'h str> = inside
            .iter()
            .filter_map(|&r| value_of(&h.role(r).rare.attributes, key, day))
            .collect();
        if values.is_empty() {
            return self.value(None, out);
        }
        values.into_iter().for_each(|v| self.value(Some(v), out));
    }

    /// The slots of a person in either of two lists of roles, whose slots
    /// are `a` and `b`.
    fn either(
        &mut self,
        roles: [&[(RoleId, UnitId)]; 2],
        [a, b]: [&[(usize, i64)]; 2],
        out: &mut Vec<(usize, i64)>,
    ) {
        self.start(out);
        if self.key.is_none() {
            return self.up(roles.into_iter().flatten().map(|&(_, u)| u), out);
        }
        for &(s, _) in a.iter().chain(b) {
            self.mark(s, out);
        }
    }
}

/// The value of attribute `key` on `day`.
fn value_of<'h>(attrs: &'h Attributes, key: &str, day: NaiveDate) -> Option<&'h str> {
    attrs.get(key)?.value_at(day).map(String::as_str)
}

/// Makes room for every slot allocated so far.
fn grow(t: &mut Vec<Tally>, slots: &Slots) {
    if t.len() < slots.len() {
        t.resize(slots.len(), Tally::default());
    }
}

/// `orgctl stats`: the figures on each period end of `ask`.
pub fn stats(history: &History, ask: StatsAsk) -> Stats<'_> {
    let ends = period_ends(&ask);
    let mut rows = Vec::new();
    if let Some(&first) = ends.first() {
        let key = match &ask.by {
            StatsBy::Attribute(k) => Some(k.as_str()),
            _ => None,
        };
        let mut slots = Slots::new(history, key, ask.scope);
        let before = State::new(history, ask.every.end_before(first));
        let mut prev = Snapshot::new(&before, &role_depths(&before));
        for &end in &ends {
            let state = State::new(history, end);
            let depths = role_depths(&state);
            let now = Snapshot::new(&state, &depths);
            let figures = tally(&state, &depths, &mut slots, &prev, &now);
            rows.extend(rows_of(&state, &ask, &slots, &figures));
            prev = now;
        }
    }
    Stats {
        history,
        ask,
        ends,
        rows,
    }
}

/// The figures of each unit (by index; `None` for one that does not
/// exist) on the state's day, each with the units under it, without flows:
/// what `review` compares.
pub fn unit_figures(state: &State) -> Vec<Option<Figures>> {
    let depths = role_depths(state);
    let now = Snapshot::new(state, &depths);
    let mut slots = Slots::new(state.history, None, None);
    let mut figures = tally(state, &depths, &mut slots, &now, &now);
    figures.truncate(state.history.units.len());
    figures
        .into_iter()
        .enumerate()
        .map(|(u, f)| state.unit_exists(UnitId::new(u)).then_some(f))
        .collect()
}

/// The rows of a period end: by units, those of [`listed`]; by an
/// attribute, a row per group with something in it, by value, the
/// no-value group last.
fn rows_of(state: &State, ask: &StatsAsk, slots: &Slots, figures: &[Figures]) -> Vec<StatsRow> {
    let row = |unit, depth, value: Option<&str>, slot: usize| StatsRow {
        end: state.day,
        unit,
        depth,
        value: value.map(str::to_string),
        figures: figures.get(slot).cloned().unwrap_or_default(),
    };
    let Some(whole) = slots.whole() else {
        if ask.scope.is_some_and(|u| !state.unit_exists(u)) {
            return Vec::new();
        }
        let mut groups: Vec<(Option<&str>, usize)> = (0..slots.len())
            .filter(|&s| figures.get(s).is_some_and(|f| *f != Figures::default()))
            .map(|s| (slots.values[s], s))
            .collect();
        groups.sort_by_key(|&(v, _)| (v.is_none(), v));
        return groups
            .into_iter()
            .map(|(v, s)| row(ask.scope, 1, v, s))
            .collect();
    };
    listed(state, ask)
        .into_iter()
        .map(|(unit, depth)| row(unit, depth, None, unit.map_or(whole, UnitId::index)))
        .collect()
}

/// The rows of a period end by units: the units of the scope depth first
/// (down to `--depth`), or the scope alone.
fn listed(state: &State, ask: &StatsAsk) -> Vec<(Option<UnitId>, usize)> {
    if let Some(u) = ask.scope
        && !state.unit_exists(u)
    {
        return Vec::new();
    }
    if ask.by != StatsBy::Unit {
        return vec![(ask.scope, 1)];
    }
    let roots = match ask.scope {
        Some(u) => vec![u],
        None => state.top_units().collect(),
    };
    depth_first(roots, ask.depth, |u| state.children(u).to_vec())
        .into_iter()
        .map(|(u, d)| (Some(u), d))
        .collect()
}

/// Every slot's figures on one period end (`prev` is the end before).
fn tally<'h>(
    state: &State<'h>,
    depths: &[u32],
    slots: &mut Slots<'h>,
    prev: &Snapshot,
    now: &Snapshot,
) -> Vec<Figures> {
    let h = state.history;
    slots.prepare(state);
    let mut t = Vec::new();
    let mut hit = Vec::new();
    // Roles: filled, vacant, layers. A role has one unit: its marks all
    // weigh 1.
    for &r in &state.roles {
        let Some(u) = state.unit_of(r) else { continue };
        slots.role(state, r, u, &mut hit);
        grow(&mut t, slots);
        let holders = state.holders(r);
        let role = h.role(r);
        let open_since = match holders.is_empty() && role.held_by(state.day) {
            // Since the last holder left, known or not (an `op = "vacate"`
            // after an `op = "unrecorded"`).
            true => role
                .seat_timelines()
                .flat_map(|tl| tl.intervals())
                .filter_map(|iv| iv.until.and_then(|s| s.day()))
                .chain(
                    role.rare
                        .unrecorded
                        .intervals()
                        .iter()
                        .filter_map(|iv| iv.until.and_then(|s| s.day())),
                )
                .filter(|&d| d <= state.day)
                .max(),
            false => None,
        };
        for &(s, w) in &hit {
            let t = &mut t[s];
            match (holders.is_empty(), open_since) {
                (false, _) => t.filled_roles += w,
                (true, Some(since)) => {
                    let days = (state.day - since).num_days().max(0) as u32;
                    t.vacant_roles += w;
                    t.vacancy_days_max = t.vacancy_days_max.max(Some(days));
                    t.vacancy_days += w * i64::from(days);
                }
                (true, None) => t.unrecorded_roles += w,
            }
            t.add_depth(depths[r.index()]);
        }
    }
    // People: headcount, acting, managers and their spans, flows.
    let (mut a, mut b, mut either) = (Vec::new(), Vec::new(), Vec::new());
    for p in 0..h.people.len() {
        let (was, is) = (prev.holds(p), now.holds(p));
        if !was && !is {
            continue;
        }
        let person = PersonId::new(p);
        let (before, after) = (&prev.roles[p][..], &now.roles[p][..]);
        slots.person(state, prev.day, person, before, &mut a);
        slots.person(state, now.day, person, after, &mut b);
        grow(&mut t, slots);
        if is {
            count_holder(state, slots, &mut t, person, after);
        }
        match (was, is) {
            (false, true) => b.iter().for_each(|&(s, w)| t[s].hires += w),
            (true, false) => a.iter().for_each(|&(s, w)| t[s].departures += w),
            _ => {
                // In or out of a slot: in it through either list of roles,
                // and not through the one before, or not through the one
                // after.
                slots.either([before, after], [&a, &b], &mut either);
                for &(s, w) in &either {
                    t[s].transfers_in += w;
                    t[s].transfers_out += w;
                }
                a.iter().for_each(|&(s, w)| t[s].transfers_in -= w);
                b.iter().for_each(|&(s, w)| t[s].transfers_out -= w);
                // The whole organisation: moves between its units.
                let units = |s: &Snapshot| {
                    let mut v: Vec<UnitId> = s.roles[p].iter().map(|&(_, u)| u).collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                };
                if let Some(org) = slots.whole()
                    && units(prev) != units(now)
                {
                    t[org].transfers_in += 1;
                    t[org].transfers_out += 1;
                }
                let new_role = after
                    .iter()
                    .any(|&(r, _)| !before.iter().any(|&(q, _)| q == r));
                if new_role && now.depth[p] < prev.depth[p] {
                    b.iter().for_each(|&(s, w)| t[s].promotions += w);
                }
            }
        }
    }
    match &slots.tree {
        Some(tree) => roll_up(tree, t),
        None => t.iter().map(Tally::finish).collect(),
    }
}

/// Adds a person holding `roles` on the day to their slots: headcount,
/// acting (through their acting roles), and as a manager with their span
/// (through the roles someone reports to).
fn count_holder<'h>(
    state: &State<'h>,
    slots: &mut Slots<'h>,
    t: &mut Vec<Tally>,
    p: PersonId,
    roles: &[(RoleId, UnitId)],
) {
    let mut hit = Vec::new();
    slots.person(state, state.day, p, roles, &mut hit);
    grow(t, slots);
    hit.iter().for_each(|&(s, w)| t[s].headcount += w);
    let acting: Vec<(RoleId, UnitId)> = roles
        .iter()
        .copied()
        .filter(|&(r, _)| {
            state
                .holders(r)
                .iter()
                .any(|iv| iv.value.person == p && iv.value.acting)
        })
        .collect();
    if !acting.is_empty() {
        slots.person(state, state.day, p, &acting, &mut hit);
        grow(t, slots);
        hit.iter().for_each(|&(s, w)| t[s].acting += w);
    }
    let mut reports: Vec<PersonId> = Vec::new();
    let mut managing = Vec::new();
    for &(r, u) in roles {
        let mut any = false;
        for &sub in state.reports(r) {
            for iv in state.holders(sub) {
                any = true;
                if iv.value.person != p {
                    reports.push(iv.value.person);
                }
            }
        }
        if any {
            managing.push((r, u));
        }
    }
    // Each person once, however many roles of theirs report here.
    reports.sort_unstable();
    reports.dedup();
    if !managing.is_empty() && !reports.is_empty() {
        slots.person(state, state.day, p, &managing, &mut hit);
        grow(t, slots);
        let span = reports.len() as u32;
        hit.iter().for_each(|&(s, w)| t[s].add_span(span, w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_ends_fall_between_from_and_to() {
        let ask = StatsAsk::new;
        let ends = period_ends(&ask(d(2026, 1, 15), d(2026, 4, 10), Every::Month));
        assert_eq!(ends, [d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31)]);
        let ends = period_ends(&ask(d(2025, 1, 1), d(2026, 12, 31), Every::Quarter));
        assert_eq!(ends.len(), 8);
        assert_eq!(ends[0], d(2025, 3, 31));
        let ends = period_ends(&ask(d(2024, 1, 1), d(2026, 6, 30), Every::Year));
        assert_eq!(ends, [d(2024, 12, 31), d(2025, 12, 31)]);
        assert_eq!(Every::Quarter.end_before(d(2026, 3, 31)), d(2025, 12, 31));
    }
}
