//! `report --html`: the days a report covers, and what the page needs
//! beyond the facts of `export/facts.rs` to tell a vacant role from one
//! with no holder recorded. Pure: the page's data is built from these by
//! `render/output/report.rs`.

pub mod scope;

use chrono::NaiveDate;

use crate::ids::RoleId;
use crate::timeline::{History, Interval, Stamp};

/// The days a report covers (both included), and the day it opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The day the page shows when its address names none: the last.
    pub open: NaiveDate,
}

impl ReportRange {
    /// True when a stretch from `from` to `until` (both included; `None`:
    /// from always, still holds) shares a day with the range.
    pub fn overlaps(&self, from: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
        from.is_none_or(|f| f <= self.last) && until.is_none_or(|u| u >= self.first)
    }
}

/// The range of a report from `--since` and `--until`: each bound not
/// given is the first (last) event's day, or `today` without events; a
/// bound not given never crosses the other.
pub fn report_range(
    h: &History,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> ReportRange {
    let first_event = h.events.first().map(|e| e.date.first_day());
    let last_event = h.events.last().map(|e| e.date.first_day());
    let (first, last) = match (since, until) {
        (Some(s), Some(u)) => (s, u),
        (Some(s), None) => (s, last_event.unwrap_or(today).max(s)),
        (None, Some(u)) => (first_event.unwrap_or(today).min(u), u),
        (None, None) => {
            let first = first_event.unwrap_or(today);
            (first, last_event.unwrap_or(today).max(first))
        }
    };
    ReportRange {
        first,
        last,
        open: last,
    }
}

/// From when a role nobody holds is vacant rather than with "no holder
/// recorded" (outside its `unrecorded` stretches): the earliest start of
/// its holdings and `unrecorded` stretches, or its coming back. `None`:
/// never (it never had a holder). The same rule as
/// [`Role::held_by`](crate::timeline::Role::held_by).
pub fn holder_recorded_from(h: &History, r: RoleId) -> Option<Stamp> {
    let role = h.role(r);
    let seats = role.seat_timelines().filter_map(|t| t.intervals().first());
    let starts = seats
        .map(|iv| iv.from)
        .chain(role.rare.unrecorded.intervals().first().map(|iv| iv.from))
        .chain(role.life.intervals().get(1).map(|iv| iv.from));
    starts.min_by_key(Stamp::day)
}

/// The stretches in which a role's holder is not recorded (`op =
/// "unrecorded"`, until the next `appoint`).
pub fn unrecorded_spans(h: &History, r: RoleId) -> &[Interval<()>] {
    h.role(r).rare.unrecorded.intervals()
}
