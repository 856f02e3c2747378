//! `stats`: workforce figures per period end and unit, rolled up the unit
//! tree (a unit counts everything in its subtree), or per value of a
//! person's attribute (`--by level`). Each period end is one [`State`];
//! each role and each person's roles on it are read once and added to the
//! slots they count in ([`Slots`]: the units above them, or their value's
//! group), so the cost is one pass per period end, not one per unit or
//! value. Flows (hires, departures, transfers, promotions) compare the
//! period end with the end of the period before.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use super::depth_first;
use super::state::{OrgView, State};
use crate::ids::{PersonId, RoleId, UnitId};
use crate::timeline::{Attributes, History};

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
                if !s.roles[p].iter().any(|&(q, _)| q == r) {
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
    let mut path = Vec::new();
    for &r in &state.roles {
        let mut at = r;
        while depth[at.index()] == 0 {
            path.push(at);
            match state.line(at) {
                Some(l) if !path.contains(&l.to) => at = l.to,
                _ => break,
            }
        }
        let mut d = match path.last().and_then(|&top| state.line(top)) {
            Some(l) => depth[l.to.index()],
            None => 0,
        };
        while let Some(q) = path.pop() {
            d += 1;
            depth[q.index()] = d;
        }
    }
    depth
}

/// Which slots a role or a person counts in on a period end, each slot
/// once per person or role (a round of marks).
///
/// Units (`--by unit`, and the whole organisation): the slot of the
/// unit of each role and of every unit above it, and the last slot, of
/// the whole organisation. An attribute (`--by KEY`): the slot of the
/// value of KEY, allocated as values appear (slot 0: no value), and only
/// through roles in the scope's subtree.
struct Slots<'h> {
    key: Option<&'h str>,
    scope: Option<UnitId>,
    /// With a key: the value of each slot (`None`: the no-value group).
    values: Vec<Option<&'h str>>,
    index: HashMap<&'h str, usize>,
    stamp: Vec<u32>,
    round: u32,
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
    fn mark(&mut self, slot: usize, out: &mut Vec<usize>) -> bool {
        if self.stamp[slot] == self.round {
            return false;
        }
        self.stamp[slot] = self.round;
        out.push(slot);
        true
    }

    /// Starts a round: `out` is emptied for the slots of one role or
    /// person.
    fn start(&mut self, out: &mut Vec<usize>) {
        self.round += 1;
        out.clear();
    }

    fn up(&mut self, state: &State, units: impl Iterator<Item = UnitId>, out: &mut Vec<usize>) {
        for u in units {
            let mut at = Some(u);
            while let Some(v) = at {
                if !self.mark(v.index(), out) {
                    break;
                }
                at = state.parent(v);
            }
        }
        let whole = self.len() - 1;
        self.mark(whole, out);
    }

    /// The slot of a value, allocated on its first appearance.
    fn value(&mut self, value: Option<&'h str>, out: &mut Vec<usize>) {
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

    /// Whether unit `u` is in the scope's subtree on the state's day.
    fn in_scope(&self, state: &State, u: UnitId) -> bool {
        let Some(scope) = self.scope else { return true };
        let mut at = Some(u);
        while let Some(v) = at {
            if v == scope {
                return true;
            }
            at = state.parent(v);
        }
        false
    }

    /// The slots of role `r` of unit `u`: by an attribute, its own value,
    /// else each holder's, else no value.
    fn role(&mut self, state: &State<'h>, r: RoleId, u: UnitId, out: &mut Vec<usize>) {
        self.start(out);
        let Some(key) = self.key else {
            return self.up(state, std::iter::once(u), out);
        };
        if !self.in_scope(state, u) {
            return;
        }
        let h = state.history;
        if let Some(v) = value_of(&h.role(r).attributes, key, state.day) {
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
        out: &mut Vec<usize>,
    ) {
        self.start(out);
        let Some(key) = self.key else {
            return self.up(state, roles.iter().map(|&(_, u)| u), out);
        };
        let h = state.history;
        let inside: Vec<RoleId> = roles
            .iter()
            .filter(|&&(_, u)| self.in_scope(state, u))
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
            .filter_map(|&r| value_of(&h.role(r).attributes, key, day))
            .collect();
        if values.is_empty() {
            return self.value(None, out);
        }
        values.into_iter().for_each(|v| self.value(Some(v), out));
    }
}

/// The value of attribute `key` on `day`.
fn value_of<'h>(attrs: &'h Attributes, key: &str, day: NaiveDate) -> Option<&'h str> {
    attrs.get(key)?.value_at(day).map(String::as_str)
}

/// Sums per slot as they are gathered.
#[derive(Default, Clone)]
struct Tally {
    figures: Figures,
    vacancy_days: u64,
    spans: Vec<u32>,
    min_depth: u32,
    max_depth: u32,
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
            let tallies = tally(&state, &depths, &mut slots, &prev, &now);
            rows.extend(rows_of(&state, &ask, &slots, &tallies));
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
    let tallies = tally(state, &depths, &mut slots, &now, &now);
    (0..state.history.units.len())
        .map(|u| {
            state
                .unit_exists(UnitId::new(u))
                .then(|| tallies.get(u).map(finish).unwrap_or_default())
        })
        .collect()
}

/// The rows of a period end: by units, those of [`listed`]; by an
/// attribute, a row per group with something in it, by value, the
/// no-value group last.
fn rows_of(state: &State, ask: &StatsAsk, slots: &Slots, tallies: &[Tally]) -> Vec<StatsRow> {
    let row = |unit, depth, value: Option<&str>, slot: usize| StatsRow {
        end: state.day,
        unit,
        depth,
        value: value.map(str::to_string),
        figures: tallies.get(slot).map(finish).unwrap_or_default(),
    };
    let Some(whole) = slots.whole() else {
        if ask.scope.is_some_and(|u| !state.unit_exists(u)) {
            return Vec::new();
        }
        let mut groups: Vec<(Option<&str>, usize)> = (0..slots.len())
            .filter(|&s| {
                tallies
                    .get(s)
                    .is_some_and(|t| t.figures != Figures::default())
            })
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

/// Every slot's sums on one period end (`prev` is the end before).
fn tally<'h>(
    state: &State<'h>,
    depths: &[u32],
    slots: &mut Slots<'h>,
    prev: &Snapshot,
    now: &Snapshot,
) -> Vec<Tally> {
    let h = state.history;
    let mut t = Vec::new();
    let mut hit = Vec::new();
    // Roles: filled, vacant, layers.
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
                    role.unrecorded
                        .intervals()
                        .iter()
                        .filter_map(|iv| iv.until.and_then(|s| s.day())),
                )
                .filter(|&d| d <= state.day)
                .max(),
            false => None,
        };
        let d = depths[r.index()];
        for &s in &hit {
            let f = &mut t[s].figures;
            match (holders.is_empty(), open_since) {
                (false, _) => f.filled_roles += 1,
                (true, Some(since)) => {
                    let days = (state.day - since).num_days().max(0) as u32;
                    f.vacant_roles += 1;
                    f.vacancy_days_max = Some(f.vacancy_days_max.unwrap_or(0).max(days));
                    t[s].vacancy_days += u64::from(days);
                }
                (true, None) => f.unrecorded_roles += 1,
            }
            t[s].min_depth = match t[s].min_depth {
                0 => d,
                m => m.min(d),
            };
            t[s].max_depth = t[s].max_depth.max(d);
        }
    }
    // People: headcount, acting, managers and their spans, flows.
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for p in 0..h.people.len() {
        let (was, is) = (prev.holds(p), now.holds(p));
        if !was && !is {
            continue;
        }
        let person = PersonId::new(p);
        slots.person(state, prev.day, person, &prev.roles[p], &mut a);
        slots.person(state, now.day, person, &now.roles[p], &mut b);
        grow(&mut t, slots);
        if is {
            count_holder(state, slots, &mut t, person, &now.roles[p]);
        }
        match (was, is) {
            (false, true) => b.iter().for_each(|&s| t[s].figures.hires += 1),
            (true, false) => a.iter().for_each(|&s| t[s].figures.departures += 1),
            _ => {
                for &s in &b {
                    if !a.contains(&s) {
                        t[s].figures.transfers_in += 1;
                    }
                }
                for &s in &a {
                    if !b.contains(&s) {
                        t[s].figures.transfers_out += 1;
                    }
                }
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
                    t[org].figures.transfers_in += 1;
                    t[org].figures.transfers_out += 1;
                }
                let new_role = now.roles[p]
                    .iter()
                    .any(|&(r, _)| !prev.roles[p].iter().any(|&(q, _)| q == r));
                if new_role && now.depth[p] < prev.depth[p] {
                    b.iter().for_each(|&s| t[s].figures.promotions += 1);
                }
            }
        }
    }
    t
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
    hit.iter().for_each(|&s| t[s].figures.headcount += 1);
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
        hit.iter().for_each(|&s| t[s].figures.acting += 1);
    }
    let mut reports: Vec<PersonId> = Vec::new();
    let mut managing = Vec::new();
    for &(r, u) in roles {
        let mut any = false;
        for &sub in state.reports(r) {
            for iv in state.holders(sub) {
                any = true;
                let q = iv.value.person;
                if q != p && !reports.contains(&q) {
                    reports.push(q);
                }
            }
        }
        if any {
            managing.push((r, u));
        }
    }
    if !managing.is_empty() && !reports.is_empty() {
        slots.person(state, state.day, p, &managing, &mut hit);
        grow(t, slots);
        let span = reports.len() as u32;
        for &s in &hit {
            t[s].figures.managers += 1;
            t[s].spans.push(span);
        }
    }
}

/// The means, median and layers of a slot's sums.
fn finish(t: &Tally) -> Figures {
    let mut f = t.figures.clone();
    if f.vacant_roles > 0 {
        f.vacancy_days_mean = Some(round(t.vacancy_days as f64 / f64::from(f.vacant_roles)));
    }
    if !t.spans.is_empty() {
        let mut spans = t.spans.clone();
        spans.sort_unstable();
        let n = spans.len();
        let sum: u64 = spans.iter().map(|&s| u64::from(s)).sum();
        f.span_mean = Some(round(sum as f64 / n as f64));
        f.span_median = Some(match n % 2 {
            1 => f64::from(spans[n / 2]),
            _ => (f64::from(spans[n / 2 - 1]) + f64::from(spans[n / 2])) / 2.0,
        });
        f.span_max = spans.last().copied();
    }
    if t.max_depth > 0 {
        f.layers = t.max_depth - t.min_depth + 1;
    }
    f
}

/// Two decimals: what a table shows and a spreadsheet needs.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
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
