//! Reporting cycles: after each step of the replay, the roles whose line
//! the step could have changed are walked up their derived lines; a walk
//! that comes back to a role it passed is a cycle, reported once. A walk
//! stops at a role an earlier walk of the same step passed (what lies above
//! it is known), so a step costs one walk of each role at most, however
//! deep the chain.

use crate::check::diag::Span;
use crate::ids::{RoleId, UnitId};

use super::super::History;
use super::super::lines::OrgView;
use super::now::Now;
use super::register::Decls;

/// What a replay step was, for where its reporting cycles are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Records coming into existence as declared.
    Declarations,
    /// The changes of one event.
    Event,
}

/// The roles to check after the step under way, and the marks of the walks.
pub(super) struct Cycles {
    /// Roles whose reporting line the current step may have changed, with
    /// the change that did it.
    dirty: Vec<(RoleId, Span)>,
    /// The walk under way, from its start up (kept between walks, as
    /// `dirty`'s room is, so that a step allocates nothing).
    path: Vec<RoleId>,
    /// Generation-stamped marks for the walk.
    walk_mark: Vec<u32>,
    walk_gen: u32,
    /// Roles walked by the check under way (stamped with its number).
    done_mark: Vec<u32>,
    check_gen: u32,
    in_reported_cycle: Vec<bool>,
}

impl Cycles {
    pub(super) fn new(roles: usize) -> Self {
        Cycles {
            dirty: Vec::new(),
            path: Vec::new(),
            walk_mark: vec![0; roles],
            walk_gen: 0,
            done_mark: vec![0; roles],
            check_gen: 0,
            in_reported_cycle: vec![false; roles],
        }
    }

    /// Marks `role`'s line as possibly changed by the change at `span`.
    pub(super) fn dirty(&mut self, role: RoleId, span: &Span) {
        self.dirty.push((role, span.clone()));
    }

    /// Marks every role whose derived line runs through `unit`'s head: the
    /// unit's roles, and below it the heads of headed units and every role
    /// of headless ones.
    pub(super) fn dirty_unit(&mut self, now: &Now, unit: UnitId, span: &Span) {
        let mut stack = vec![unit];
        while let Some(u) = stack.pop() {
            for &r in now.members.of(u) {
                self.dirty.push((r, span.clone()));
            }
            for &c in now.children.of(u) {
                match now.head_of[c.index()] {
                    Some(h) => self.dirty.push((h, span.clone())),
                    None => stack.push(c),
                }
            }
        }
    }

    /// Walks up from every role the last step touched, and gives each new
    /// cycle (its roles, in line order) with where to report it. A cycle
    /// made by an event is reported at the last change of the event that
    /// touched a role of the cycle (the change that closed it); one made by
    /// declarations, at a declared `reports_to` in the cycle (the line the
    /// user can change).
    pub(super) fn check(
        &mut self,
        now: &Now,
        h: &History,
        decls: &Decls,
        step: Step,
    ) -> Vec<(Vec<RoleId>, Span)> {
        let mut dirty = std::mem::take(&mut self.dirty);
        let mut path = std::mem::take(&mut self.path);
        let mut found = Vec::new();
        self.check_gen += 1;
        let done = self.check_gen;
        for (start, span) in &dirty {
            let start = *start;
            if !now.role_alive(start)
                || self.in_reported_cycle[start.index()]
                || self.done_mark[start.index()] == done
            {
                continue;
            }
            self.walk_gen += 1;
            let gen_ = self.walk_gen;
            path.clear();
            path.push(start);
            self.walk_mark[start.index()] = gen_;
            let mut cur = start;
            while let Some(next) = now.derive_line(cur).map(|l| l.to) {
                if self.done_mark[next.index()] == done {
                    // Walked already in this step: the top, or a cycle
                    // found then, lies above it.
                    break;
                }
                if self.walk_mark[next.index()] == gen_ {
                    let at = path.iter().position(|&p| p == next).unwrap_or(0);
                    let cycle: Vec<RoleId> = path[at..].to_vec();
                    if cycle.iter().any(|r| self.in_reported_cycle[r.index()]) {
                        break;
                    }
                    for r in &cycle {
                        self.in_reported_cycle[r.index()] = true;
                    }
                    let (cycle, span) = match step {
                        // The last change that touched a role of the cycle
                        // closed it: the cycle is told from that role.
                        Step::Event => match dirty.iter().rev().find(|(r, _)| cycle.contains(r)) {
                            Some((r, s)) => (from_role(cycle, *r), s.clone()),
                            None => (cycle, span.clone()),
                        },
                        Step::Declarations => {
                            let span = declared_line_in(h, decls, &cycle, span.clone());
                            (cycle, span)
                        }
                    };
                    found.push((cycle, span));
                    break;
                }
                self.walk_mark[next.index()] = gen_;
                path.push(next);
                cur = next;
            }
            for r in &path {
                self.done_mark[r.index()] = done;
            }
        }
        dirty.clear();
        self.dirty = dirty;
        self.path = path;
        found
    }
}

/// `cycle` told from `r`, one of its roles.
fn from_role(mut cycle: Vec<RoleId>, r: RoleId) -> Vec<RoleId> {
    let at = cycle.iter().position(|&x| x == r).unwrap_or(0);
    cycle.rotate_left(at);
    cycle
}

/// The span of a declared `reports_to` that is still in force in
/// `cycle`: `span` itself if it is one, else the first; `span` if none.
fn declared_line_in(h: &History, decls: &Decls, cycle: &[RoleId], span: Span) -> Span {
    let declared: Vec<Span> = cycle
        .iter()
        .filter_map(|r| {
            let d = &decls.role_decl[r.index()];
            let (to, s) = d.reports_to.as_ref()?;
            (h.roles[r.index()].rare.line.current() == Some(to)).then(|| s.span(d.file))
        })
        .collect();
    match declared.first() {
        Some(first) if !declared.contains(&span) => first.clone(),
        _ => span,
    }
}
