//! Questions about the history, as pure functions from the replayed
//! [`History`](crate::timeline::History) to plain results. Nothing here
//! prints: `render` turns the results into tables, trees and JSON.

pub mod chain;
pub mod diff;
pub mod history;
pub mod log;
pub mod lookup;
pub mod reports;
pub mod show;
pub mod state;
pub mod view;
pub mod why;

use chrono::NaiveDate;

use crate::ids::{EventId, UnitId};
use crate::timeline::History;

pub use diff::{Diff, DiffChange, DiffKind, Ref, diff};
pub use lookup::{Found, LookupError, find};
pub use reports::{Manager, ReportRow, Reports, who_reports_to};
pub use state::{Line, LineRule, Occupancy, OrgView, State};

pub use chain::{Chain, ChainError, Chains, Step, chain};
pub use history::{Entry, Fact, RecordHistory, Seat, history};
pub use log::{Log, LogEntry, Told, log};
pub use show::{Card, Upward, show};
pub use view::{Basis, Existence, Index, Mark};
pub use why::{Absence, Because, Reason, RoleWhy, Why, why};

/// The organisation on a day: `orgctl at`.
pub struct OrgAt<'h> {
    pub state: State<'h>,
    /// The latest event on or before the day.
    pub latest_event: Option<EventId>,
    /// Only this unit's subtree, when asked.
    pub scope: Option<UnitId>,
}

pub fn at(history: &History, day: NaiveDate, scope: Option<UnitId>) -> OrgAt<'_> {
    OrgAt {
        state: State::new(history, day),
        latest_event: history.latest_event_by(day),
        scope,
    }
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
    }
}
