//! `report --html`: the data the page embeds (documented in
//! docs/output.md, "report"). The history's facts that share a day with
//! the report's range, one per stretch of time a fact held (the rows of
//! `export/facts.rs`, as the SQLite export has them, with the first and
//! last day each held), the few facts the page needs besides to tell a
//! vacant role from one with no holder recorded, and the events of the
//! range with their sources. Not one state per day: the page computes
//! the state on a day from these, as `at` does. With `--unit` or
//! `--depth`, only what the scope keeps (`query/report/scope.rs`).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::EventOut;
use super::diff::{Change, PersonOut};
use crate::export::facts::{FactRow, bare, facts, row};
use crate::ids::{EventId, Key, RoleId, UnitId};
use crate::query::Mark;
use crate::query::report::scope::{Scope, Span, Stretch, scope};
use crate::query::report::{DayChanges, ReportRange, holder_recorded_from, unrecorded_spans};
use crate::timeline::History;

/// The version of the embedded data's layout; it grows keys only.
pub const REPORT_VERSION: u32 = 1;

/// A day, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[derive(Serialize)]
pub struct ReportData<'a> {
    pub version: u32,
    /// The project file's `name`, if any.
    pub organisation: Option<&'a str>,
    /// The first and last day of the range (both included).
    pub first_day: Day,
    pub last_day: Day,
    /// The day shown when the page's address names none.
    pub open_day: Day,
    /// Each unit with a fact in the range, with its kind.
    pub units: &'a [ReportUnit<'a>],
    pub facts: &'a [ReportFact<'a>],
    pub events: Vec<ReportEvent<'a>>,
    /// The changes of each event's day: from the day before it to it, as
    /// `orgctl diff` finds them.
    pub changes: Vec<ReportChanges<'a>>,
}

/// The changes from `from` to `to`, as in `diff`'s JSON, each with its
/// letter (the mark of `diff`'s text output).
#[derive(Serialize)]
pub struct ReportChanges<'a> {
    pub from: Day,
    pub to: Day,
    pub changes: Vec<ReportChange<'a>>,
    /// `diff`'s people view, each with its letter.
    pub people: Vec<ReportPersonChange<'a>>,
}

#[derive(Serialize)]
pub struct ReportPersonChange<'a> {
    #[serde(flatten)]
    pub change: PersonOut<'a>,
    pub letter: char,
}

#[derive(Serialize)]
pub struct ReportChange<'a> {
    #[serde(flatten)]
    pub change: Change<'a>,
    pub letter: char,
}

impl<'a> ReportChanges<'a> {
    /// The changes of `d`, those `scope` keeps (all without one).
    fn new(h: &'a History, d: &'a DayChanges, scope: Option<&Scope>) -> Self {
        let (from, to) = (d.from, d.to);
        let days = Span {
            first: from,
            last: to,
        };
        ReportChanges {
            from: Day(from),
            to: Day(to),
            changes: d
                .changes
                .iter()
                .filter(|c| scope.is_none_or(|s| s.keeps_change(h, c, days)))
                .map(|c| ReportChange {
                    change: Change::new(h, c),
                    letter: c.kind.letter(),
                })
                .collect(),
            people: d
                .people
                .iter()
                .filter(|c| scope.is_none_or(|s| s.keeps_person(h, c, days)))
                .map(|c| ReportPersonChange {
                    change: PersonOut::new(h, c),
                    letter: c.kind.letter(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct ReportUnit<'a> {
    pub id: &'a Key,
    pub kind: Option<&'a str>,
}

/// One fact over one stretch of time: `from` its first day, `until` its
/// last (both included; `null`: from before the record starts, still
/// holds). The keys of docs/sqlite.md's `facts` table; those a kind of
/// fact has not are left out.
#[derive(Clone, Copy, Serialize)]
pub struct ReportFact<'a> {
    pub kind: &'static str,
    pub subject: &'a Key,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    pub from: Option<Day>,
    pub until: Option<Day>,
}

impl<'a> ReportFact<'a> {
    fn new(f: &FactRow<'a>) -> Self {
        ReportFact {
            kind: f.kind,
            subject: f.subject,
            object: f.object,
            value: f.value,
            key: f.key,
            acting: f.acting,
            seat: f.seat,
            rule: f.rule,
            from: f.valid_from().map(Day),
            until: f.valid_until().map(Day),
        }
    }

    fn overlaps(&self, range: &ReportRange) -> bool {
        range.overlaps(self.from.map(|d| d.0), self.until.map(|d| d.0))
    }

    fn span(&self) -> Span {
        Span::of(self.from.map(|d| d.0), self.until.map(|d| d.0))
    }

    /// The same fact over `span` (a part of its own).
    fn over(self, span: Span) -> Self {
        ReportFact {
            from: span.from().map(Day),
            until: span.until().map(Day),
            ..self
        }
    }
}

/// An event of the range: as in `diff`'s and `history`'s JSON, with its
/// precision and qualifier (as in `log`'s) and `day`, the day from which
/// its changes hold (the first day of its date), which the page shows
/// when it is chosen.
#[derive(Serialize)]
pub struct ReportEvent<'a> {
    #[serde(flatten)]
    pub event: EventOut<'a>,
    pub precision: &'static str,
    pub qualifier: &'static str,
    pub day: Day,
}

/// What `--unit` and `--depth` ask of a report: the unit (its id), and
/// how many levels of the unit tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScopeAsk {
    pub unit: Option<UnitId>,
    pub depth: Option<usize>,
}

/// The facts and events of a page (all of the range, or those of its
/// scope), before the changes of their days are found.
pub struct ReportBody<'h> {
    pub range: ReportRange,
    pub units: Vec<ReportUnit<'h>>,
    pub facts: Vec<ReportFact<'h>>,
    /// The events of the page, in date order.
    pub events: Vec<EventId>,
    /// With `--unit` or `--depth`: the days each record is kept.
    pub scope: Option<Scope<'h>>,
}

impl<'h> ReportBody<'h> {
    /// The facts of `h` that share a day with `range`, one per stretch
    /// of time, and the page's own (from when a role nobody holds is
    /// vacant, and when its holder is not recorded); with `ask`, only
    /// what its scope keeps ([`scope`]).
    pub fn new(h: &'h History, range: ReportRange, ask: Option<ScopeAsk>) -> Self {
        let mut out = Vec::new();
        let given: Result<usize, std::convert::Infallible> = facts(h, |f| {
            let fact = ReportFact::new(f);
            if fact.overlaps(&range) {
                out.push(fact);
            }
            Ok(())
        });
        let Ok(_) = given;
        let mut own = Vec::new();
        for i in 0..h.roles.len() {
            let r = RoleId::new(i);
            let key = &h.role(r).key;
            if let Some(from) = holder_recorded_from(h, r) {
                own.push(bare("holder_recorded", key, Mark::from(from), None));
            }
            own.extend(
                unrecorded_spans(h, r)
                    .iter()
                    .map(|iv| row("unrecorded", key, iv)),
            );
        }
        let own = own.iter().filter(|f| !f.held_on_no_day());
        out.extend(own.map(ReportFact::new));
        out.retain(|f| f.overlaps(&range));
        let scope = ask.map(|a| {
            let stretches: Vec<Stretch> = out.iter().map(ReportFact::stretch).collect();
            let unit = a.unit.map(|u| &h.unit(u).key);
            scope(&stretches, unit, a.depth, &range)
        });
        if let Some(s) = &scope {
            out = scoped(out, s);
        }
        let subjects: HashSet<&Key> = out.iter().map(|f| f.subject).collect();
        let units = h
            .units
            .iter()
            .filter(|u| subjects.contains(&u.key))
            .map(|u| ReportUnit {
                id: &u.key,
                kind: u.kind.as_deref(),
            })
            .collect();
        let events = (0..h.events.len())
            .map(EventId::new)
            .filter(|&e| {
                let date = h.event(e).date;
                date.first_day() <= range.last && date.last_day() >= range.first
            })
            .filter(|&e| scope.as_ref().is_none_or(|s| s.keeps_event(h, e)))
            .collect();
        ReportBody {
            range,
            units,
            facts: out,
            events,
            scope,
        }
    }
}

impl<'h> ReportFact<'h> {
    fn stretch(&self) -> Stretch<'h> {
        Stretch {
            kind: self.kind,
            subject: self.subject,
            object: self.object,
            span: self.span(),
        }
    }
}

/// The facts `scope` keeps: a kept record's facts, but its existence
/// only on the days it is kept; a kept role's holdings that share a day
/// with them.
fn scoped<'h>(facts: Vec<ReportFact<'h>>, scope: &Scope<'h>) -> Vec<ReportFact<'h>> {
    let mut out = Vec::new();
    for f in facts {
        let span = f.span();
        let kept = |map: &std::collections::HashMap<&Key, _>| map.contains_key(f.subject);
        match f.kind {
            "unit_exists" | "role_exists" => {
                let records = if f.kind == "unit_exists" {
                    &scope.units
                } else {
                    &scope.roles
                };
                if let Some(days) = records.get(f.subject) {
                    out.extend(days.meet(span).map(|s| f.over(s)));
                }
            }
            "holds" => {
                let role = f.object.and_then(|r| scope.roles.get(r));
                if role.is_some_and(|days| days.meets(span)) {
                    out.push(f);
                }
            }
            _ if kept(&scope.units) || kept(&scope.roles) || kept(&scope.people) => out.push(f),
            _ => {}
        }
    }
    out
}

impl<'a> ReportData<'a> {
    /// The data of the page of `body`; `diffs` are the changes of each
    /// day of its events ([`change_days`](crate::query::report::change_days)).
    pub fn new(
        h: &'a History,
        body: &'a ReportBody<'a>,
        organisation: Option<&'a str>,
        diffs: &'a [DayChanges],
    ) -> Self {
        let range = body.range;
        let events = body
            .events
            .iter()
            .map(|&e| {
                let e = h.event(e);
                ReportEvent {
                    event: EventOut::new(h, e),
                    precision: e.date.precision().name(),
                    qualifier: e.date.qualifier().name(),
                    day: Day(e.date.first_day()),
                }
            })
            .collect();
        let scope = body.scope.as_ref();
        ReportData {
            version: REPORT_VERSION,
            organisation,
            first_day: Day(range.first),
            last_day: Day(range.last),
            open_day: Day(range.open),
            units: &body.units,
            facts: &body.facts,
            events,
            changes: diffs
                .iter()
                .map(|d| ReportChanges::new(h, d, scope))
                .collect(),
        }
    }
}
