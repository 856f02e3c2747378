//! The reporting rule and the unit-tree walk, written once and used both
//! while replaying (on the current state) and by queries (on a day's state).

use crate::ids::{RoleId, UnitId};

/// Why a role reports where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRule {
    /// The role's own `reports_to` or latest `report`.
    Explicit,
    /// The head role of the role's own unit.
    HeadOfUnit,
    /// The head role of this ancestor unit, the nearest that has one.
    HeadOfAncestor(UnitId),
}

/// A role's reporting line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub to: RoleId,
    pub rule: LineRule,
}

/// A view of the organisation at one moment, enough to derive lines.
pub trait OrgView {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId>;
    /// Whether `r` has the top marker (`top = true`): it reports to nobody.
    fn is_top(&self, r: RoleId) -> bool;
    fn role_exists(&self, r: RoleId) -> bool;
    fn unit_of(&self, r: RoleId) -> Option<UnitId>;
    fn head_of(&self, u: UnitId) -> Option<RoleId>;
    fn parent(&self, u: UnitId) -> Option<UnitId>;
    /// An upper bound on the depth of the unit tree (the number of units).
    fn unit_count(&self) -> usize;

    /// Whether some role's explicit line points at `r`. `true` when not
    /// known: it only lets [`OrgView::derive_line`] skip a walk.
    fn has_explicit_reports(&self, _r: RoleId) -> bool {
        true
    }

    /// The explicit line of `r` if set and its role exists (the line the
    /// rule takes before any derived one).
    fn effective_explicit(&self, r: RoleId) -> Option<RoleId> {
        self.explicit_line(r).filter(|&to| self.role_exists(to))
    }

    /// True when `from` reaches `r` by explicit lines alone (`from == r`
    /// included). Stops on a circle of explicit lines (Brent's walk: no
    /// memory, at most a few times the length of the walk).
    fn reaches_explicitly(&self, from: RoleId, r: RoleId) -> bool {
        let (mut cur, mut mark) = (from, from);
        let (mut power, mut steps) = (1usize, 0usize);
        loop {
            if cur == r {
                return true;
            }
            let Some(next) = self.effective_explicit(cur) else {
                return false;
            };
            cur = next;
            steps += 1;
            if cur == mark {
                return false;
            }
            if steps == power {
                power *= 2;
                steps = 0;
                mark = cur;
            }
        }
    }

    /// The reporting rule: nobody for a role with the top marker; the
    /// explicit line if set and its role exists;
    /// else the head of the role's unit (unless it is that head); else the
    /// head of the nearest ancestor unit that has one; else nobody. A head
    /// that reports to the role, by explicit lines alone, is passed over:
    /// an explicit line always overrides a derived one (a chair in the
    /// CEO's unit, with the CEO's line to the chair, is not under the CEO).
    fn derive_line(&self, r: RoleId) -> Option<Line> {
        if self.is_top(r) {
            return None;
        }
        if let Some(to) = self.effective_explicit(r) {
            return Some(Line {
                to,
                rule: LineRule::Explicit,
            });
        }
        let unit = self.unit_of(r)?;
        let reported = self.has_explicit_reports(r);
        let takes = |h: RoleId| h != r && !(reported && self.reaches_explicitly(h, r));
        if let Some(h) = self.head_of(unit)
            && takes(h)
        {
            return Some(Line {
                to: h,
                rule: LineRule::HeadOfUnit,
            });
        }
        self.ancestors(unit).find_map(|u| {
            self.head_of(u).filter(|&h| takes(h)).map(|h| Line {
                to: h,
                rule: LineRule::HeadOfAncestor(u),
            })
        })
    }

    /// The units above `u`, nearest first.
    fn ancestors(&self, u: UnitId) -> impl Iterator<Item = UnitId> {
        let limit = self.unit_count();
        std::iter::successors(self.parent(u), move |&p| self.parent(p)).take(limit)
    }

    /// True when `u` is `ancestor` or lies inside it.
    fn is_within(&self, u: UnitId, ancestor: UnitId) -> bool {
        u == ancestor || self.ancestors(u).any(|a| a == ancestor)
    }
}
