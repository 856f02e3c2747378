//! `who-reports-to`: the roles (and their holders) whose reporting line
//! leads to a person or a role on a day.

use chrono::NaiveDate;

use super::chain::{Roleless, roles_for};
use super::lookup::Found;
use super::state::{Occupancy, State};
use crate::ids::{PersonId, RoleId};
use crate::timeline::History;

/// Whose reports are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    Person(PersonId),
    Role(RoleId),
}

/// One role reporting (directly, or under `--all` indirectly) to the
/// manager, with one of its holders (a role of several seats has a row per
/// holder).
pub struct ReportRow<'h> {
    pub role: RoleId,
    pub occupancy: Occupancy<'h>,
    /// The role its line (or, for `--dotted`, its dotted line) goes to.
    pub reports_to: RoleId,
    /// 1 for direct reports.
    pub depth: usize,
}

pub struct Reports<'h> {
    pub state: State<'h>,
    pub manager: Manager,
    /// The roles the manager holds (or the one role asked for).
    pub manager_roles: Vec<RoleId>,
    pub rows: Vec<ReportRow<'h>>,
    /// `--dotted`: the rows are the roles with a dotted line to the
    /// manager's roles (one level: a dotted line is not passed down).
    pub dotted: bool,
}

impl Reports<'_> {
    /// Keeps the rows at most `depth` levels below the manager.
    pub fn limit_depth(&mut self, depth: usize) {
        self.rows.retain(|r| r.depth <= depth);
    }
}

/// Why a name cannot have reports.
#[derive(Debug, thiserror::Error)]
pub enum ReportsError {
    #[error("{name} holds no role on {day}, so nobody reports to them")]
    NoRoles { name: String, day: NaiveDate },
    #[error("{name} does not exist on {day}")]
    NotInExistence { name: String, day: NaiveDate },
    #[error("unit {name} has no head role on {day}; name a person or a role")]
    NoHead { name: String, day: NaiveDate },
}

/// The roles reporting to `found` on `day`; with `all`, the whole subtree
/// depth first, each row one level deeper than the role it reports to.
/// A unit stands for its head role.
pub fn who_reports_to(
    history: &History,
    found: Found,
    day: NaiveDate,
    all: bool,
) -> Result<Reports<'_>, ReportsError> {
    let state = State::new(history, day);
    let name = found.display_name(history).to_string();
    let manager_roles = roles_for(&state, found).map_err(|why| match why {
        Roleless::NoRoles => ReportsError::NoRoles { name, day },
        Roleless::NotInExistence => ReportsError::NotInExistence { name, day },
        Roleless::NoHead => ReportsError::NoHead { name, day },
    })?;
    // A role or a unit stands for exactly one role.
    let manager = match found {
        Found::Person(p) => Manager::Person(p),
        _ => Manager::Role(manager_roles[0]),
    };
    let mut rows = Vec::new();
    let mut stack: Vec<(RoleId, usize)> = Vec::new();
    for &m in manager_roles.iter().rev() {
        for &r in state.reports(m).iter().rev() {
            if !manager_roles.contains(&r) {
                stack.push((r, 1));
            }
        }
    }
    while let Some((r, depth)) = stack.pop() {
        let line = state.line(r).expect("a reporting role has a line");
        // A role of several seats: a row per holder.
        for occupancy in state.seated(r) {
            rows.push(ReportRow {
                role: r,
                occupancy,
                reports_to: line.to,
                depth,
            });
        }
        if all {
            for &c in state.reports(r).iter().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    Ok(Reports {
        state,
        manager,
        manager_roles,
        rows,
        dotted: false,
    })
}

/// The roles with a dotted line to `found`'s roles on `day`, one level
/// (in the order of the manager's roles, then load order). A dotted line
/// is no line of command, so nothing below those roles is listed.
pub fn who_reports_dotted(
    history: &History,
    found: Found,
    day: NaiveDate,
) -> Result<Reports<'_>, ReportsError> {
    let mut rep = who_reports_to(history, found, day, false)?;
    rep.rows = rep
        .manager_roles
        .iter()
        .flat_map(|&m| {
            let state = &rep.state;
            state.dotted_reports(m).map(move |r| ReportRow {
                role: r,
                occupancy: state.occupancy(r),
                reports_to: m,
                depth: 1,
            })
        })
        .collect();
    rep.dotted = true;
    Ok(rep)
}
