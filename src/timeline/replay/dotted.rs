//! Dotted lines during the replay: the declared ones (from the role's
//! beginning), the `dotted` and `undotted` ops, and their end with the role
//! or its target. A dotted line is never a reporting line: nothing here
//! touches [`Now`](super::now::Now)'s lines or the cycle checks.
//!
//! Most roles have none, and then none of this costs more than an empty
//! check: the open lines into each role are kept in a hash map that holds
//! only the roles some dotted line points at.

use crate::check::codes::{Code, help};
use crate::check::diag::Span;
use crate::ids::RoleId;

use super::super::{Interval, Stamp, Subject};
use super::apply::Replayer;
use super::resolve::ChangeSpans;

impl Replayer<'_> {
    /// Queues the declared dotted lines of a role just created.
    pub(super) fn declared_dotted(&mut self, r: RoleId, stamp: Stamp) {
        if !self.decls.role_decl[r.index()].dotted.is_empty() {
            self.dotted_now.pending.push((r, stamp));
        }
    }

    /// Draws the declared dotted lines of the roles created since the last
    /// call, or reports why one cannot be.
    pub(super) fn settle_dotted(&mut self) {
        for (r, stamp) in std::mem::take(&mut self.dotted_now.pending) {
            if !self.now.role_alive(r) {
                continue;
            }
            let decl = &mut self.decls.role_decl[r.index()];
            let (file, lines) = (decl.file, std::mem::take(&mut decl.dotted));
            for (to, at) in &lines {
                let span = at.span(file);
                self.add_dotted(r, *to, stamp, &span, &span);
            }
            self.decls.role_decl[r.index()].dotted = lines;
        }
    }

    /// `op = "dotted"` and `op = "undotted"`.
    pub(super) fn dotted_op(
        &mut self,
        role: RoleId,
        to: RoleId,
        end: bool,
        stamp: Stamp,
        spans: &ChangeSpans,
    ) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        let target = spans.target.clone().unwrap_or(spans.whole.clone());
        if end {
            self.end_dotted_line(role, to, stamp, &target);
        } else {
            self.add_dotted(role, to, stamp, &target, &spans.whole);
        }
    }

    /// The open dotted line from `role` to `to`, as an index into its
    /// intervals.
    fn open_dotted(&self, role: RoleId, to: RoleId) -> Option<usize> {
        self.h.roles[role.index()]
            .rare
            .dotted
            .iter()
            .rposition(|iv| iv.value == to && iv.until.is_none())
    }

    /// Begins a dotted line from `role` (alive) to `to`, or reports why it
    /// cannot be, at `target` (the target as written) or `whole`.
    fn add_dotted(&mut self, role: RoleId, to: RoleId, stamp: Stamp, target: &Span, whole: &Span) {
        if to == role {
            let k = &self.h.roles[role.index()].key;
            let msg = format!("role '{k}' cannot have a dotted line to itself");
            self.error(
                Code::DottedToSelf,
                target,
                msg,
                Some(help::DOTTED_TO_SELF.into()),
            );
            return;
        }
        if !self.alive_or_error(Subject::Role(to), stamp, target) {
            return;
        }
        if let Some(i) = self.open_dotted(role, to) {
            let r = &self.h.roles[role.index()];
            let msg = format!(
                "role '{}' already has a dotted line to '{}'",
                r.key,
                self.h.roles[to.index()].key
            );
            let since = self.describe_stamp(r.rare.dotted[i].from);
            self.error(
                Code::AlreadySo,
                whole,
                msg,
                Some(format!("it holds {since}: remove this change")),
            );
            return;
        }
        self.h.roles[role.index()].rare.dotted.push(Interval {
            value: to,
            from: stamp,
            until: None,
        });
        self.dotted_now.into.entry(to).or_default().push(role);
    }

    /// Ends the dotted line from `role` to `to`, or reports that it has none.
    fn end_dotted_line(&mut self, role: RoleId, to: RoleId, stamp: Stamp, target: &Span) {
        let Some(i) = self.open_dotted(role, to) else {
            let r = &self.h.roles[role.index()];
            let msg = format!(
                "role '{}' has no dotted line to '{}' to end",
                r.key,
                self.h.roles[to.index()].key
            );
            let has: Vec<&str> = r
                .rare
                .dotted
                .iter()
                .filter(|iv| iv.until.is_none())
                .map(|iv| self.h.roles[iv.value.index()].key.as_str())
                .collect();
            let help = help::no_dotted_line(r.key.as_str(), &has);
            self.error(Code::AlreadySo, target, msg, Some(help));
            return;
        };
        self.h.roles[role.index()].rare.dotted[i].until = Some(stamp);
        self.unlink_dotted(role, to);
    }

    /// Forgets that `role` has an open dotted line to `to`.
    fn unlink_dotted(&mut self, role: RoleId, to: RoleId) {
        if let Some(from) = self.dotted_now.into.get_mut(&to) {
            from.retain(|&x| x != role);
            if from.is_empty() {
                self.dotted_now.into.remove(&to);
            }
        }
    }

    /// Ends every dotted line from and to `role` (which ends).
    pub(super) fn end_dotted(&mut self, role: RoleId, stamp: Stamp) {
        // A role without dotted lines has no rare facts to box.
        let r = role.index();
        let mut out = (self.h.roles[r].rare.existing_mut())
            .map(|rare| std::mem::take(&mut rare.dotted))
            .unwrap_or_default();
        for iv in out.iter_mut().filter(|iv| iv.until.is_none()) {
            iv.until = Some(stamp);
            self.unlink_dotted(role, iv.value);
        }
        if let Some(rare) = self.h.roles[r].rare.existing_mut() {
            rare.dotted = out;
        }
        if self.dotted_now.into.is_empty() {
            return;
        }
        for from in self.dotted_now.into.remove(&role).unwrap_or_default() {
            if let Some(iv) = self.h.roles[from.index()]
                .rare
                .dotted
                .iter_mut()
                .rfind(|iv| iv.value == role && iv.until.is_none())
            {
                iv.until = Some(stamp);
            }
        }
    }
}
