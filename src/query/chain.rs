//! `chain`: the chain of command from a person, role or unit up to the top
//! of the organisation on a day, step by step, with the rule that gave each
//! line and every vacancy on the way.

use chrono::NaiveDate;

use super::lookup::Found;
use super::state::{Line, Occupancy, OrgView, State};
use crate::ids::{RoleId, UnitId};
use crate::timeline::History;

/// One role on the way up.
pub struct Step<'h> {
    pub role: RoleId,
    pub unit: Option<UnitId>,
    pub occupancy: Occupancy<'h>,
    /// Every holder of a role of several seats; else `[occupancy]`.
    pub seated: Vec<Occupancy<'h>>,
    /// How this role reports to the next step; `None` at the top.
    pub line: Option<Line>,
}

/// The chain from one role to the top.
pub struct Chain<'h> {
    pub steps: Vec<Step<'h>>,
}

pub struct Chains<'h> {
    pub state: State<'h>,
    pub subject: Found,
    /// One chain per role the subject holds (a role or unit: one).
    pub chains: Vec<Chain<'h>>,
}

/// Why a name stands for no role on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roleless {
    /// A person holding no role.
    NoRoles,
    /// A unit or role that does not exist.
    NotInExistence,
    /// A unit without a head role.
    NoHead,
}

/// The roles `found` stands for on the state's day: those a person holds
/// (in the order taken), the role itself, or the head role of a unit.
pub fn roles_for(state: &State, found: Found) -> Result<Vec<RoleId>, Roleless> {
    match found {
        Found::Person(p) => {
            let roles: Vec<RoleId> = state.roles_of(p).into_iter().map(|(r, _)| r).collect();
            if roles.is_empty() {
                return Err(Roleless::NoRoles);
            }
            Ok(roles)
        }
        Found::Role(r) if state.role_exists(r) => Ok(vec![r]),
        Found::Unit(u) if state.unit_exists(u) => {
            state.head_of(u).map(|r| vec![r]).ok_or(Roleless::NoHead)
        }
        _ => Err(Roleless::NotInExistence),
    }
}

/// Why there is no chain to show.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    #[error("{name} holds no role on {day}, so has no chain of command")]
    NoRoles { name: String, day: NaiveDate },
    #[error("{name} does not exist on {day}")]
    NotInExistence { name: String, day: NaiveDate },
    #[error("unit {name} has no head role on {day}; name a person or a role")]
    NoHead { name: String, day: NaiveDate },
}

/// The chain of command of `found` on `day`.
pub fn chain(history: &History, found: Found, day: NaiveDate) -> Result<Chains<'_>, ChainError> {
    let state = State::new(history, day);
    let name = found.display_name(history).to_string();
    let roles = roles_for(&state, found).map_err(|why| match why {
        Roleless::NoRoles => ChainError::NoRoles { name, day },
        Roleless::NotInExistence => ChainError::NotInExistence { name, day },
        Roleless::NoHead => ChainError::NoHead { name, day },
    })?;
    let chains = roles
        .into_iter()
        .map(|r| Chain {
            steps: walk(&state, r),
        })
        .collect();
    Ok(Chains {
        state,
        subject: found,
        chains,
    })
}

/// Follows the lines up from `start`. A loaded history has no reporting
/// cycle; the walk stops at a role it has seen all the same.
fn walk<'h>(state: &State<'h>, start: RoleId) -> Vec<Step<'h>> {
    let mut seen = vec![false; state.history.roles.len()];
    let mut steps = Vec::new();
    let mut cur = Some(start);
    while let Some(r) = cur {
        if std::mem::replace(&mut seen[r.index()], true) {
            break;
        }
        let line = state.line(r);
        steps.push(Step {
            role: r,
            unit: state.unit_of(r),
            occupancy: state.occupancy(r),
            seated: state.seated(r),
            line,
        });
        cur = line.map(|l| l.to);
    }
    steps
}
