//! The sums of `stats` per slot, and their roll-up up the unit tree in one
//! pass. A role or person adds weighted marks ([`Tree::paths`]) whose sums
//! over each unit's subtree are 1 in every unit at or above theirs, once
//! however many of their units lie under it, and 0 elsewhere; [`roll_up`]
//! then adds each unit's sums into its parent's, children first. The cost
//! is linear in the units and the marks (times the log of the depth for
//! people in several units), never the depth of the tree per item.

use std::collections::BTreeMap;

use super::Figures;
use crate::ids::UnitId;
use crate::query::state::{OrgView, State};

/// Sums per slot as they are gathered. The counts of a unit may be
/// negative before the roll-up (where two paths meet), never after it.
#[derive(Default, Clone)]
pub(super) struct Tally {
    pub headcount: i64,
    pub filled_roles: i64,
    pub vacant_roles: i64,
    pub unrecorded_roles: i64,
    pub acting: i64,
    pub hires: i64,
    pub departures: i64,
    pub transfers_in: i64,
    pub transfers_out: i64,
    pub promotions: i64,
    pub vacancy_days: i64,
    pub vacancy_days_max: Option<u32>,
    /// The managers' spans of control: how many managers have each.
    spans: BTreeMap<u32, i64>,
    /// The shallowest and deepest role in the chain of command (0: none).
    pub min_depth: u32,
    pub max_depth: u32,
}

impl Tally {
    /// Counts `w` managers with `span` direct reports.
    pub fn add_span(&mut self, span: u32, w: i64) {
        let n = self.spans.entry(span).or_insert(0);
        *n += w;
        if *n == 0 {
            self.spans.remove(&span);
        }
    }

    /// A role at `depth` in the chain of command.
    pub fn add_depth(&mut self, depth: u32) {
        self.min_depth = shallowest(self.min_depth, depth);
        self.max_depth = self.max_depth.max(depth);
    }

    /// Adds a child unit's sums (the smaller map of spans goes into the
    /// larger, so that spans move a logarithmic number of times).
    fn absorb(&mut self, mut c: Tally) {
        self.headcount += c.headcount;
        self.filled_roles += c.filled_roles;
        self.vacant_roles += c.vacant_roles;
        self.unrecorded_roles += c.unrecorded_roles;
        self.acting += c.acting;
        self.hires += c.hires;
        self.departures += c.departures;
        self.transfers_in += c.transfers_in;
        self.transfers_out += c.transfers_out;
        self.promotions += c.promotions;
        self.vacancy_days += c.vacancy_days;
        self.vacancy_days_max = self.vacancy_days_max.max(c.vacancy_days_max);
        self.min_depth = shallowest(self.min_depth, c.min_depth);
        self.max_depth = self.max_depth.max(c.max_depth);
        if c.spans.len() > self.spans.len() {
            std::mem::swap(&mut self.spans, &mut c.spans);
        }
        for (span, n) in c.spans {
            self.add_span(span, n);
        }
    }

    /// The figures: counts, means, median and layers.
    pub fn finish(&self) -> Figures {
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        let mut f = Figures {
            headcount: count(self.headcount),
            filled_roles: count(self.filled_roles),
            vacant_roles: count(self.vacant_roles),
            unrecorded_roles: count(self.unrecorded_roles),
            vacancy_days_max: self.vacancy_days_max,
            acting: count(self.acting),
            hires: count(self.hires),
            departures: count(self.departures),
            transfers_in: count(self.transfers_in),
            transfers_out: count(self.transfers_out),
            promotions: count(self.promotions),
            ..Figures::default()
        };
        if f.vacant_roles > 0 {
            let mean = self.vacancy_days as f64 / f64::from(f.vacant_roles);
            f.vacancy_days_mean = Some(round(mean));
        }
        let managers: i64 = self.spans.values().sum();
        if managers > 0 {
            f.managers = count(managers);
            let sum: i64 = self.spans.iter().map(|(&s, &n)| i64::from(s) * n).sum();
            f.span_mean = Some(round(sum as f64 / managers as f64));
            // The middle one, or the mean of the middle two.
            let (lo, hi) = ((managers - 1) / 2, managers / 2);
            let at = |i: i64| {
                let mut seen = 0;
                self.spans
                    .iter()
                    .find(|&(_, &n)| {
                        seen += n;
                        seen > i
                    })
                    .map_or(0.0, |(&s, _)| f64::from(s))
            };
            f.span_median = Some((at(lo) + at(hi)) / 2.0);
            f.span_max = self.spans.keys().next_back().copied();
        }
        if self.max_depth > 0 {
            f.layers = self.max_depth - self.min_depth + 1;
        }
        f
    }
}

/// The shallower of two depths, 0 being none.
fn shallowest(a: u32, b: u32) -> u32 {
    match (a, b) {
        (0, d) | (d, 0) => d,
        (a, b) => a.min(b),
    }
}

/// Two decimals: what a table shows and a spreadsheet needs.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The units on a state's day as one tree under the whole organisation
/// (node `n` after the `n` units; a unit without a parent on the day, in
/// existence or not, hangs under it): each node's parent, the nodes in
/// preorder, and ancestors by powers of two to find where two paths meet.
pub(super) struct Tree {
    parent: Vec<u32>,
    /// Every node after its parent, each subtree in one stretch.
    order: Vec<u32>,
    /// Each node's place in `order`.
    place: Vec<u32>,
    depth: Vec<u32>,
    /// `jump[k][v]`: the ancestor 2^k levels above `v` (the root above
    /// the root).
    jump: Vec<Vec<u32>>,
}

impl Tree {
    pub fn new(state: &State) -> Tree {
        let n = state.history.units.len();
        let root = n as u32;
        let mut parent: Vec<u32> = (0..n)
            .map(|u| {
                state
                    .parent(UnitId::new(u))
                    .map_or(root, |p| p.index() as u32)
            })
            .collect();
        parent.push(root);
        let mut children = vec![Vec::new(); n + 1];
        for (u, &p) in parent.iter().enumerate().take(n) {
            children[p as usize].push(u as u32);
        }
        let mut t = Tree {
            parent,
            order: Vec::with_capacity(n + 1),
            place: vec![u32::MAX; n + 1],
            depth: vec![0; n + 1],
            jump: Vec::new(),
        };
        let mut stack = vec![root];
        let mut next = 0;
        loop {
            while let Some(v) = stack.pop() {
                t.place[v as usize] = t.order.len() as u32;
                t.order.push(v);
                for &c in children[v as usize].iter().rev() {
                    if t.place[c as usize] == u32::MAX {
                        t.depth[c as usize] = t.depth[v as usize] + 1;
                        stack.push(c);
                    }
                }
            }
            // A unit in a loop of parents (data that never loads) is
            // hung under the root.
            while next < n && t.place[next] != u32::MAX {
                next += 1;
            }
            if next == n {
                break;
            }
            t.parent[next] = root;
            t.depth[next] = 1;
            stack.push(next as u32);
        }
        let deepest = t.depth.iter().copied().max().unwrap_or(0);
        let mut up = t.parent.clone();
        let mut reach = 1u64;
        while reach <= u64::from(deepest) {
            let next: Vec<u32> = up.iter().map(|&a| up[a as usize]).collect();
            t.jump.push(std::mem::replace(&mut up, next));
            reach *= 2;
        }
        t
    }

    /// The deepest node above or at both `a` and `b`.
    fn meet(&self, mut a: u32, mut b: u32) -> u32 {
        if self.depth[a as usize] < self.depth[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        let mut rise = self.depth[a as usize] - self.depth[b as usize];
        let mut k = 0;
        while rise > 0 {
            if rise & 1 == 1 {
                a = self.jump[k][a as usize];
            }
            rise >>= 1;
            k += 1;
        }
        if a == b {
            return a;
        }
        for level in self.jump.iter().rev() {
            if level[a as usize] != level[b as usize] {
                a = level[a as usize];
                b = level[b as usize];
            }
        }
        self.parent[a as usize]
    }

    /// Adds to `out` the marks of `units`: 1 in each (once), and -1
    /// where each two next in preorder meet. Summed over each subtree,
    /// they are 1 in each unit at or above any of `units` (and in the
    /// whole organisation), 0 elsewhere.
    pub fn paths(&self, units: impl Iterator<Item = UnitId>, out: &mut Vec<(usize, i64)>) {
        let mut us: Vec<u32> = units.map(|u| u.index() as u32).collect();
        us.sort_unstable_by_key(|&u| self.place[u as usize]);
        us.dedup();
        for w in us.windows(2) {
            out.push((self.meet(w[0], w[1]) as usize, -1));
        }
        out.extend(us.iter().map(|&u| (u as usize, 1)));
    }
}

/// Each node's figures from the marks' sums `t` (one per node of `tree`):
/// a unit's with everything under it, the root's the whole organisation's.
pub(super) fn roll_up(tree: &Tree, mut t: Vec<Tally>) -> Vec<Figures> {
    t.resize(tree.order.len(), Tally::default());
    let mut figures = vec![Figures::default(); t.len()];
    for &v in tree.order.iter().rev() {
        let v = v as usize;
        let mine = std::mem::take(&mut t[v]);
        figures[v] = mine.finish();
        let up = tree.parent[v] as usize;
        if up != v {
            t[up].absorb(mine);
        }
    }
    figures
}
