//! Questions about the history, as pure functions from the replayed
//! [`History`](crate::timeline::History) to plain results. Nothing here
//! prints: `render` turns the results into tables, trees and JSON.

pub mod announced;
pub mod chain;
pub mod diff;
pub mod focus;
pub mod history;
pub mod log;
pub mod lookup;
pub mod people;
pub mod report;
pub mod reports;
pub mod review;
pub mod show;
pub mod state;
pub mod stats;
pub mod view;
pub mod why;

use chrono::NaiveDate;

use crate::dates::PartialDate;
use crate::ids::{EventId, RoleId, UnitId};
use crate::timeline::History;

pub use diff::{Diff, DiffChange, DiffKind, Ref, diff};
pub use focus::{Focus, focus};
pub use lookup::{Found, Lookup, LookupError, NameNote, find, find_on, find_unit_on};
pub use reports::{Manager, ReportRow, Reports, who_reports_dotted, who_reports_to};
pub use state::{Line, LineRule, Occupancy, OrgView, State};
pub use stats::{Every, Figures, Stats, StatsAsk, StatsBy, StatsRow, stats};

pub use announced::{Pending, announced, announced_about};
pub use chain::{Chain, ChainError, Chains, Step, chain};
pub use history::{Entry, Fact, RecordHistory, Seat, history};
pub use log::{Log, LogEntry, Told, log};
pub use people::{PersonChange, PersonKind, Place};
pub use show::{Card, Link, Upward, show};
pub use view::{Basis, Existence, Index, Mark};
pub use why::{Absence, Because, Reason, RoleWhy, Why, why};

/// The organisation on a day: `orgctl at`.
pub struct OrgAt<'h> {
    pub state: State<'h>,
    /// The latest event on or before the day.
    pub latest_event: Option<EventId>,
    /// Only this unit's subtree, when asked.
    pub scope: Option<UnitId>,
    /// Only this many levels of each tree (1 = the roots), when asked.
    pub depth: Option<usize>,
    /// The changes announced by the day and not yet in force then, in
    /// the scope.
    pub announced: Vec<Pending<'h>>,
    /// When the day is before the record starts
    /// ([`History::record_start`]): the day it starts. The state is then
    /// the records as declared, from always, before any dated change.
    pub record_starts: Option<PartialDate>,
}

pub fn at(history: &History, day: NaiveDate, scope: Option<UnitId>) -> OrgAt<'_> {
    OrgAt {
        record_starts: history.record_start().filter(|s| day < s.first_day()),
        state: State::new(history, day),
        latest_event: history.latest_event_by(day),
        scope,
        depth: None,
        announced: announced(history, day, scope),
    }
}

impl OrgAt<'_> {
    /// Whether a unit lies in the asked scope.
    pub fn in_scope(&self, u: UnitId) -> bool {
        self.scope.is_none_or(|s| self.state.is_within(u, s))
    }

    /// The roots of the reporting tree: roles in scope whose line does not
    /// go to a role in scope, in load order.
    pub fn role_roots(&self) -> Vec<RoleId> {
        let state = &self.state;
        state
            .roles
            .iter()
            .copied()
            .filter(|&r| state.unit_of(r).is_some_and(|u| self.in_scope(u)))
            .filter(|&r| {
                state
                    .line(r)
                    .is_none_or(|l| !state.unit_of(l.to).is_some_and(|u| self.in_scope(u)))
            })
            .collect()
    }

    /// The roots of the unit tree.
    pub fn unit_roots(&self) -> Vec<UnitId> {
        match self.scope {
            Some(s) => vec![s],
            None => self.state.top_units().collect(),
        }
    }

    /// Whether a node at `depth` (1 for a root) is shown.
    pub fn shows_depth(&self, depth: usize) -> bool {
        self.depth.is_none_or(|n| depth <= n)
    }

    /// The reporting tree, depth first, as (role, depth) with 1 for a root,
    /// cut at the asked depth.
    pub fn role_rows(&self) -> Vec<(RoleId, usize)> {
        depth_first(self.role_roots(), self.depth, |r| {
            self.state.reports(r).to_vec()
        })
    }

    /// The unit tree, depth first, as (unit, depth), cut at the asked depth.
    pub fn unit_rows(&self) -> Vec<(UnitId, usize)> {
        depth_first(self.unit_roots(), self.depth, |u| {
            self.state.children(u).to_vec()
        })
    }
}

/// A forest depth first, with each node's depth (1 for a root), down to
/// `max` levels. Iterative, so a deep tree cannot overflow the stack.
pub fn depth_first<N: Copy>(
    roots: Vec<N>,
    max: Option<usize>,
    children: impl Fn(N) -> Vec<N>,
) -> Vec<(N, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(N, usize)> = roots.into_iter().rev().map(|n| (n, 1)).collect();
    while let Some((n, d)) = stack.pop() {
        out.push((n, d));
        if max.is_none_or(|m| d < m) {
            stack.extend(children(n).into_iter().rev().map(|c| (c, d + 1)));
        }
    }
    out
}

/// What `check` reports on success.
pub struct Summary {
    pub files: usize,
    pub units: usize,
    pub roles: usize,
    pub people: usize,
    pub events: usize,
    pub first_event: Option<crate::dates::PartialDate>,
    pub last_event: Option<crate::dates::PartialDate>,
    /// `--known-at`, when the history was loaded with it.
    pub known_at: Option<NaiveDate>,
    /// The data checked and why it was chosen ("data (named by --data)"),
    /// set by the caller.
    pub data: Option<String>,
}

pub fn summary(history: &History) -> Summary {
    Summary {
        files: history.files.len(),
        units: history.units.len(),
        roles: history.roles.len(),
        people: history.people.len(),
        events: history.events.len(),
        first_event: history.events.first().map(|e| e.date),
        last_event: history
            .events
            .iter()
            .max_by_key(|e| e.date.last_day())
            .map(|e| e.date),
        known_at: history.known_at,
        data: None,
    }
}
