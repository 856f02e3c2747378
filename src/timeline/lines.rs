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
    fn role_exists(&self, r: RoleId) -> bool;
    fn unit_of(&self, r: RoleId) -> Option<UnitId>;
    fn head_of(&self, u: UnitId) -> Option<RoleId>;
    fn parent(&self, u: UnitId) -> Option<UnitId>;
    /// An upper bound on the depth of the unit tree (the number of units).
    fn unit_count(&self) -> usize;

    /// The reporting rule: the explicit line if set and its role exists;
    /// else the head of the role's unit (unless it is that head); else the
    /// head of the nearest ancestor unit that has one; else nobody.
    fn derive_line(&self, r: RoleId) -> Option<Line> {
        if let Some(to) = self.explicit_line(r)
            && self.role_exists(to)
        {
            return Some(Line {
                to,
                rule: LineRule::Explicit,
            });
        }
        let unit = self.unit_of(r)?;
        if let Some(h) = self.head_of(unit)
            && h != r
        {
            return Some(Line {
                to: h,
                rule: LineRule::HeadOfUnit,
            });
        }
        self.ancestors(unit).find_map(|u| {
            self.head_of(u).map(|h| Line {
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
