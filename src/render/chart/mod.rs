//! The charts drawn by `--format dot` and `--format mermaid`: boxes and
//! arrows built once from a result, then written by either format.
//!
//! - `at`: the reporting chart (a box per role: holder, title, unit; an
//!   arrow from manager to report; a dashed arrow, outside the tree's
//!   layout, for each dotted line between two boxes drawn), or with
//!   `--units` the unit tree.
//! - `diff`: the same chart on TO, with what changed since FROM marked:
//!   created in green, removed (drawn where it was on FROM) in red dashed,
//!   moved or changed in orange, and a legend. A changed box says what
//!   changed in its last lines.
//!
//! Every text from the data has its control characters escaped here; the
//! formats then quote it in their own syntax.

pub mod dot;
pub mod mermaid;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::names::{and_list, known_note, ref_name, role_unit, seats_filled, uncertain_from};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{Diff, DiffKind, Focus, Occupancy, OrgAt, OrgView, Ref, State, depth_first};
use crate::timeline::History;

/// The colour of what was created.
pub const GREEN: &str = "#1a7f37";
/// The colour of what was removed.
pub const RED: &str = "#cf222e";
/// The colour of what moved or changed.
pub const ORANGE: &str = "#d9730d";
/// The colour of roles without holder.
pub const GREY: &str = "#6e7781";

/// How a box or an arrow is marked in a diff chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Same,
    /// Moved or changed (orange).
    Changed,
    /// Created (green).
    Created,
    /// Removed (red dashed).
    Removed,
}

impl Mark {
    /// The word used in legends and class names.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Same => "same",
            Mark::Changed => "changed",
            Mark::Created => "created",
            Mark::Removed => "removed",
        }
    }

    pub fn color(self) -> Option<&'static str> {
        match self {
            Mark::Same => None,
            Mark::Changed => Some(ORANGE),
            Mark::Created => Some(GREEN),
            Mark::Removed => Some(RED),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Safe in both formats: a letter then digits (`r3`, `u0`).
    pub id: String,
    /// The label, one entry per line, escaped of control characters.
    pub lines: Vec<String>,
    pub mark: Mark,
    /// A role without holder: drawn in grey.
    pub faint: bool,
}

#[derive(Debug, Clone)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub mark: Mark,
    /// A dotted line (from the role it goes to, to the role that has it):
    /// drawn dashed, and not part of the tree's layout.
    pub dotted: bool,
}

#[derive(Debug, Clone)]
pub struct Chart {
    /// One entry per line.
    pub title: Vec<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// A diff chart: draw the legend of the marks.
    pub legend: bool,
}

/// The legend's entries, in order.
pub const LEGEND: [(Mark, &str); 3] = [
    (Mark::Created, "created"),
    (Mark::Removed, "removed"),
    (Mark::Changed, "moved or changed"),
];

fn role_id(r: RoleId) -> String {
    format!("r{}", r.index())
}

fn unit_id(u: UnitId) -> String {
    format!("u{}", u.index())
}

fn text(s: &str) -> String {
    escape(s).into_owned()
}

/// The holder line of a role's box.
fn holder_line(h: &History, occ: &Occupancy, day: NaiveDate) -> String {
    match occ {
        Occupancy::Filled(iv) => {
            let mut s = text(h.person_name(iv.value.person, day));
            if iv.value.acting {
                s.push_str(" (acting)");
            }
            if let Some(from) = uncertain_from(iv, day) {
                s.push_str(&format!(" (uncertain: {from})"));
            }
            s
        }
        Occupancy::Vacant => "(vacant)".into(),
        Occupancy::Unrecorded => "(no holder recorded)".into(),
    }
}

/// A role's box as it stands in `state`.
fn role_node(state: &State, r: RoleId) -> Node {
    let h = state.history;
    let occ = state.occupancy(r);
    let holders: Vec<String> = state
        .seated(r)
        .iter()
        .map(|o| holder_line(h, o, state.day))
        .collect();
    let mut lines = vec![and_list(&holders), text(h.role_title(r, state.day))];
    let filled = holders.len() - usize::from(occ.person().is_none());
    if let Some(seats) = seats_filled(h, r, filled) {
        lines.push(format!("({seats})"));
    }
    if let Some(u) = role_unit(state, r) {
        lines.push(text(h.unit_name(u, state.day)));
    }
    Node {
        id: role_id(r),
        lines,
        mark: Mark::Same,
        faint: !matches!(occ, Occupancy::Filled(_)),
    }
}

/// A unit's box as it stands in `state`.
fn unit_node(state: &State, u: UnitId) -> Node {
    let h = state.history;
    let mut lines = vec![text(h.unit_name(u, state.day))];
    if let Some(kind) = &h.unit(u).kind {
        lines.push(format!("({})", text(kind)));
    }
    Node {
        id: unit_id(u),
        lines,
        mark: Mark::Same,
        faint: false,
    }
}

fn title(h: &History, first: String) -> Vec<String> {
    let mut t = vec![first];
    t.extend(known_note(h).map(|n| format!("({n})")));
    t
}

/// `at`: the reporting chart, or with `units` the unit tree, cut at the
/// asked depth and scope.
pub fn at(view: &OrgAt, units: bool) -> Chart {
    let state = &view.state;
    let h = state.history;
    let mut first = format!("Organisation on {}", state.day);
    if let Some(s) = view.scope {
        first.push_str(&format!(": {}", text(h.unit_name(s, state.day))));
    }
    let mut chart = Chart {
        title: title(h, first),
        nodes: Vec::new(),
        edges: Vec::new(),
        legend: false,
    };
    if units {
        for (u, depth) in view.unit_rows() {
            chart.nodes.push(unit_node(state, u));
            if depth > 1
                && let Some(p) = state.parent(u)
            {
                chart.edges.push(edge(unit_id(p), unit_id(u), Mark::Same));
            }
        }
    } else {
        let rows = view.role_rows();
        for &(r, depth) in &rows {
            chart.nodes.push(role_node(state, r));
            if depth > 1
                && let Some(l) = state.line(r)
            {
                chart
                    .edges
                    .push(edge(role_id(l.to), role_id(r), Mark::Same));
            }
        }
        // The dotted lines between the boxes drawn, after the tree's edges.
        let mut shown: Vec<RoleId> = rows.iter().map(|&(r, _)| r).collect();
        shown.sort_unstable();
        for &(r, _) in &rows {
            for to in state.dotted(r) {
                if shown.binary_search(&to).is_ok() {
                    chart.edges.push(Edge {
                        dotted: true,
                        ..edge(role_id(to), role_id(r), Mark::Same)
                    });
                }
            }
        }
    }
    chart
}

fn edge(from: String, to: String, mark: Mark) -> Edge {
    Edge {
        from,
        to,
        mark,
        dotted: false,
    }
}

/// The marks and notes of the records a diff touches.
struct Marks<K> {
    mark: HashMap<K, Mark>,
    notes: HashMap<K, Vec<String>>,
}

impl<K: std::hash::Hash + Eq + Copy> Marks<K> {
    fn new() -> Self {
        Marks {
            mark: HashMap::new(),
            notes: HashMap::new(),
        }
    }

    /// Marks `k`; created and removed win over changed.
    fn mark(&mut self, k: K, m: Mark) {
        let e = self.mark.entry(k).or_insert(m);
        *e = (*e).max(m);
    }

    fn note(&mut self, k: K, note: String) {
        self.mark(k, Mark::Changed);
        self.notes.entry(k).or_default().push(note);
    }

    fn of(&self, k: K) -> Mark {
        self.mark.get(&k).copied().unwrap_or(Mark::Same)
    }

    /// Applies the mark and the notes to a box.
    fn apply(&self, k: K, node: &mut Node) {
        node.mark = self.of(k);
        if let Some(notes) = self.notes.get(&k) {
            node.lines.extend(notes.iter().cloned());
        }
    }
}

fn attribute_note(key: &str, before: bool, after: bool) -> String {
    let key = text(key);
    match (before, after) {
        (false, _) => format!("{key} set"),
        (true, true) => format!("{key} changed"),
        (true, false) => format!("{key} cleared"),
    }
}

/// `diff`: the chart on TO with what changed since FROM marked; with a
/// `focus`, only the records it keeps (and, for a role whose line changed
/// or a unit that moved, its line or parent on FROM, red dashed, when that
/// is drawn).
pub fn diff(d: &Diff, units: bool, focus: Option<&Focus>) -> Chart {
    let h = d.to.history;
    let (a, b) = (&d.from, &d.to);
    let mut first = format!("Changes from {} to {}", a.day, b.day);
    if let Some(s) = focus.and_then(|f| f.scope) {
        first.push_str(&format!(": {}", text(h.unit_name(s, b.day))));
    }
    let mut chart = Chart {
        title: title(h, first),
        nodes: Vec::new(),
        edges: Vec::new(),
        legend: true,
    };
    if units {
        unit_diff(d, &mut chart, focus);
    } else {
        role_diff(d, &mut chart, focus);
    }
    chart
}

fn role_diff(d: &Diff, chart: &mut Chart, focus: Option<&Focus>) {
    let keep = |r: RoleId| focus.is_none_or(|f| f.role(r));
    let (a, b) = (&d.from, &d.to);
    let mut marks: Marks<RoleId> = Marks::new();
    let mut line_changed = Vec::new();
    for c in &d.changes {
        match (c.kind, &c.subject) {
            (DiffKind::RoleCreated, Ref::Role(r)) => marks.mark(*r, Mark::Created),
            (DiffKind::RoleEliminated, Ref::Role(r)) => marks.mark(*r, Mark::Removed),
            (DiffKind::RoleMoved, Ref::Role(r)) => {
                let from = c
                    .before
                    .as_ref()
                    .map_or("(no unit)".into(), |u| ref_name(a, u));
                marks.note(*r, format!("moved from {from}"));
            }
            (DiffKind::RoleRetitled, Ref::Role(r)) => {
                let was = c.before.as_ref().map_or(String::new(), |t| ref_name(a, t));
                marks.note(*r, format!("was {was}"));
            }
            (DiffKind::LineChanged, Ref::Role(r)) => {
                marks.mark(*r, Mark::Changed);
                line_changed.push(*r);
            }
            (DiffKind::AttributeChanged, Ref::Role(r)) => marks.note(
                *r,
                attribute_note(
                    c.key.as_deref().unwrap_or(""),
                    c.before.is_some(),
                    c.after.is_some(),
                ),
            ),
            (DiffKind::Appointed, Ref::Person(_)) => {
                if let Some(Ref::Role(r)) = &c.after {
                    marks.mark(*r, Mark::Changed);
                }
            }
            (DiffKind::Left, Ref::Person(p)) => {
                if let Some(Ref::Role(r)) = &c.before
                    && b.role_exists(*r)
                {
                    marks.note(*r, format!("{} left", ref_name(a, &Ref::Person(*p))));
                }
            }
            _ => {}
        }
    }
    let mut rows = depth_first(b.top_roles().collect(), None, |r| b.reports(r).to_vec());
    rows.retain(|&(r, _)| keep(r));
    let mut shown = vec![false; b.history.roles.len()];
    for &(r, _) in &rows {
        shown[r.index()] = true;
    }
    for (r, depth) in rows {
        let mut node = role_node(b, r);
        marks.apply(r, &mut node);
        chart.nodes.push(node);
        if depth > 1
            && let Some(l) = b.line(r)
            && shown[l.to.index()]
        {
            let mark = match marks.of(r) {
                Mark::Created => Mark::Created,
                _ if line_changed.contains(&r) => Mark::Changed,
                _ => Mark::Same,
            };
            chart.edges.push(edge(role_id(l.to), role_id(r), mark));
        }
    }
    // Removed roles, where they were on FROM.
    let removed: Vec<RoleId> = a
        .roles
        .iter()
        .copied()
        .filter(|&r| !b.role_exists(r) && keep(r))
        .collect();
    for &r in &removed {
        let mut node = role_node(a, r);
        node.mark = Mark::Removed;
        chart.nodes.push(node);
        shown[r.index()] = true;
    }
    for &r in &removed {
        if let Some(l) = a.line(r)
            && shown[l.to.index()]
        {
            chart
                .edges
                .push(edge(role_id(l.to), role_id(r), Mark::Removed));
        }
    }
    // A focused chart may leave the old manager without its report: the
    // line on FROM of each role whose line changed.
    if focus.is_some() {
        for &r in &line_changed {
            if let Some(l) = a.line(r)
                && shown[l.to.index()]
                && shown[r.index()]
                && b.line(r).is_none_or(|n| n.to != l.to)
            {
                chart
                    .edges
                    .push(edge(role_id(l.to), role_id(r), Mark::Removed));
            }
        }
    }
}

fn unit_diff(d: &Diff, chart: &mut Chart, focus: Option<&Focus>) {
    let keep = |u: UnitId| focus.is_none_or(|f| f.unit(u));
    let (a, b) = (&d.from, &d.to);
    let mut marks: Marks<UnitId> = Marks::new();
    for c in &d.changes {
        match (c.kind, &c.subject) {
            (DiffKind::UnitCreated, Ref::Unit(u)) => marks.mark(*u, Mark::Created),
            (DiffKind::UnitDissolved, Ref::Unit(u)) => {
                marks.mark(*u, Mark::Removed);
                if let Some(into) = &c.after {
                    let how = if d.to.history.unit(*u).succession {
                        "succeeded by"
                    } else {
                        "absorbed into"
                    };
                    marks
                        .notes
                        .entry(*u)
                        .or_default()
                        .push(format!("{how} {}", ref_name(b, into)));
                }
            }
            (DiffKind::UnitMoved, Ref::Unit(u)) => {
                let from = c
                    .before
                    .as_ref()
                    .map_or("(top level)".into(), |p| ref_name(a, p));
                marks.note(*u, format!("moved from {from}"));
            }
            (DiffKind::UnitRenamed, Ref::Unit(u)) => {
                let was = c.before.as_ref().map_or(String::new(), |t| ref_name(a, t));
                marks.note(*u, format!("was {was}"));
            }
            (DiffKind::AttributeChanged, Ref::Unit(u)) => marks.note(
                *u,
                attribute_note(
                    c.key.as_deref().unwrap_or(""),
                    c.before.is_some(),
                    c.after.is_some(),
                ),
            ),
            _ => {}
        }
    }
    let mut rows = depth_first(b.top_units().collect(), None, |u| b.children(u).to_vec());
    rows.retain(|&(u, _)| keep(u));
    let mut shown = vec![false; b.history.units.len()];
    for &(u, _) in &rows {
        shown[u.index()] = true;
    }
    for (u, depth) in rows {
        let mut node = unit_node(b, u);
        marks.apply(u, &mut node);
        chart.nodes.push(node);
        if depth > 1
            && let Some(p) = b.parent(u)
            && shown[p.index()]
        {
            let mark = match marks.of(u) {
                Mark::Created => Mark::Created,
                _ if a.unit_exists(u) && a.parent(u) != b.parent(u) => Mark::Changed,
                _ => Mark::Same,
            };
            chart.edges.push(edge(unit_id(p), unit_id(u), mark));
        }
    }
    // Dissolved units, where they were on FROM.
    let removed: Vec<UnitId> = a
        .units
        .iter()
        .copied()
        .filter(|&u| !b.unit_exists(u) && keep(u))
        .collect();
    for &u in &removed {
        let mut node = unit_node(a, u);
        marks.apply(u, &mut node);
        node.mark = Mark::Removed;
        chart.nodes.push(node);
        shown[u.index()] = true;
    }
    for &u in &removed {
        if let Some(p) = a.parent(u)
            && shown[p.index()]
        {
            chart
                .edges
                .push(edge(unit_id(p), unit_id(u), Mark::Removed));
        }
    }
    // As for roles: the parent on FROM of each unit that moved, in a
    // focused chart.
    if focus.is_some() {
        for &u in &a.units {
            if let Some(p) = a.parent(u)
                && b.unit_exists(u)
                && b.parent(u) != Some(p)
                && shown[p.index()]
                && shown[u.index()]
            {
                chart
                    .edges
                    .push(edge(unit_id(p), unit_id(u), Mark::Removed));
            }
        }
    }
}
