//! `report --html`: the data the page embeds (documented in
//! docs/output.md, "report"). The history's facts that share a day with
//! the report's range, one per stretch of time a fact held (the rows of
//! `export/facts.rs`, as the SQLite export has them, with the first and
//! last day each held and the events that began and ended it), the few
//! facts the page needs besides (from when a role nobody holds is vacant,
//! when its holder is not recorded, its explicit lines), and the events
//! of the range with their sources. Not one state per day, nor the
//! changes of each day: the page computes the state on a day from these,
//! as `at` does, and the changes between two days as `diff` does. With
//! `--unit` or `--depth`, only what the scope keeps
//! (`query/report/scope.rs`), and on which days. Facts, events and units
//! are written as tables (`table.rs`): each key once.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::table::Table;
use crate::dates::PartialDate;
use crate::export::facts::{FactRow, bare, facts, row};
use crate::ids::{EventId, Key, RoleId, UnitId};
use crate::query::Mark;
use crate::query::report::scope::{Scope, Span, Spans, Stretch, scope};
use crate::query::report::{ReportRange, holder_recorded_from, unrecorded_spans};
use crate::timeline::History;

/// The version of the embedded data's layout. 2: facts, events and units
/// as tables; facts with the events that began and ended them; no
/// changes (the page computes them).
pub const REPORT_VERSION: u32 = 2;

/// A day, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A day in a table: the number of days from 1970-01-01 (as Arrow's
/// `date32`), 5 bytes where `"YYYY-MM-DD"` takes 12; a page holds two per
/// fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayNumber(pub NaiveDate);

impl Serialize for DayNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a day");
        s.serialize_i64((self.0 - epoch).num_days())
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
    /// With `--unit` or `--depth`: what was asked.
    pub scope: Option<ScopeOut<'a>>,
    /// Each unit with a fact on the page: [`ReportUnit`]s.
    pub units: Table,
    /// The facts by kind, each kind a table of [`ReportFact`]s (without
    /// their kind), the kinds in the order first met.
    pub facts: FactTables,
    /// [`ReportEvent`]s, in date order.
    pub events: Table,
    /// The text of each source the events name, once.
    pub sources: Vec<&'a str>,
}

/// The facts, a table per kind, written as one object.
pub struct FactTables(pub Vec<(&'static str, Table)>);

impl Serialize for FactTables {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, t)| (k, t)))
    }
}

/// `--unit` (its id) and `--depth`, as the page's data says them.
#[derive(Serialize)]
pub struct ScopeOut<'a> {
    pub unit: Option<&'a Key>,
    pub depth: Option<usize>,
}

#[derive(Serialize)]
pub struct ReportUnit<'a> {
    pub id: &'a Key,
    pub kind: Option<&'a str>,
    /// The unit a dissolved unit's units and roles went to, as `diff`
    /// names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dissolved_into: Option<&'a Key>,
}

/// One fact over one stretch of time: `from` its first day, `until` its
/// last (both included; `null`: from before the record starts, still
/// holds), `began` and `ended` the events that began and ended it (their
/// index in the page's events; left out when none did, or that event is
/// not on the page). The keys of docs/sqlite.md's `facts` table but
/// `rule` (the page does not show it); those a kind of fact has not are
/// left out.
#[derive(Clone, Copy, Serialize)]
pub struct ReportFact<'a> {
    #[serde(skip)]
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
    pub from: Option<DayNumber>,
    pub until: Option<DayNumber>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub began: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<u32>,
    /// The events themselves, until the page's events are known.
    #[serde(skip)]
    events: (Option<EventId>, Option<EventId>),
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
            from: f.valid_from().map(DayNumber),
            until: f.valid_until().map(DayNumber),
            began: None,
            ended: None,
            events: (f.began_by(), f.ended_by()),
        }
    }

    /// That `subject` is kept over `span` (`--unit`, `--depth`).
    fn kept(subject: &'a Key, span: Span) -> Self {
        let always = Mark {
            date: None,
            origin: None,
        };
        ReportFact {
            from: span.from().map(DayNumber),
            until: span.until().map(DayNumber),
            ..ReportFact::new(&bare("kept", subject, always, None))
        }
    }

    fn overlaps(&self, range: &ReportRange) -> bool {
        range.overlaps(self.from.map(|d| d.0), self.until.map(|d| d.0))
    }

    fn span(&self) -> Span {
        Span::of(self.from.map(|d| d.0), self.until.map(|d| d.0))
    }

    fn stretch(&self) -> Stretch<'a> {
        Stretch {
            kind: self.kind,
            subject: self.subject,
            object: self.object,
            span: self.span(),
        }
    }
}

/// An event of the range: as in `diff`'s and `history`'s JSON but for
/// its sources, each the place of its text in the page's `sources`; with
/// its precision and qualifier (as in `log`'s) and `day`, the day from
/// which its changes hold (the first day of its date), which the page
/// shows when it is chosen.
#[derive(Serialize)]
pub struct ReportEvent<'a> {
    pub id: &'a Key,
    pub date: PartialDate,
    pub reported: Option<PartialDate>,
    pub title: Option<&'a str>,
    pub sources: Vec<u32>,
    pub precision: &'static str,
    pub qualifier: &'static str,
    pub day: DayNumber,
}

/// What `--unit` and `--depth` ask of a report: the unit (its id), and
/// how many levels of the unit tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScopeAsk {
    pub unit: Option<UnitId>,
    pub depth: Option<usize>,
}

/// The facts and events of a page (all of the range, or those of its
/// scope).
pub struct ReportBody<'h> {
    pub range: ReportRange,
    pub ask: Option<ScopeAsk>,
    pub units: Vec<ReportUnit<'h>>,
    pub facts: Vec<ReportFact<'h>>,
    /// The events of the page, in date order.
    pub events: Vec<EventId>,
    /// With `--unit` or `--depth`: the days each record is kept.
    pub scope: Option<Scope<'h>>,
}

impl<'h> ReportBody<'h> {
    /// The facts of `h` that share a day with `range`, one per stretch
    /// of time, and the page's own; with `ask`, only what its scope keeps
    /// ([`scoped`]).
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
        out.extend(own_facts(h).iter().map(ReportFact::new));
        out.retain(|f| f.overlaps(&range));
        let scope = ask.map(|a| {
            let stretches: Vec<Stretch> = out.iter().map(ReportFact::stretch).collect();
            let unit = a.unit.map(|u| &h.unit(u).key);
            scope(&stretches, unit, a.depth, &range)
        });
        if let Some(s) = &scope {
            out = scoped(h, out, s);
        }
        let subjects: HashSet<&Key> = out.iter().map(|f| f.subject).collect();
        let units = h
            .units
            .iter()
            .filter(|u| subjects.contains(&u.key))
            .map(|u| ReportUnit {
                id: &u.key,
                kind: u.kind.as_deref(),
                dissolved_into: u.dissolved_into.map(|d| &h.unit(d).key),
            })
            .collect();
        let events: Vec<EventId> = (0..h.events.len())
            .map(EventId::new)
            .filter(|&e| {
                let date = h.event(e).date;
                date.first_day() <= range.last && date.last_day() >= range.first
            })
            .filter(|&e| scope.as_ref().is_none_or(|s| s.keeps_event(h, e)))
            .collect();
        // Each fact's events by their place among the page's.
        let mut index = vec![None; h.events.len()];
        for (i, e) in events.iter().enumerate() {
            index[e.index()] = Some(i as u32);
        }
        for f in &mut out {
            f.began = f.events.0.and_then(|e| index[e.index()]);
            f.ended = f.events.1.and_then(|e| index[e.index()]);
        }
        ReportBody {
            range,
            ask,
            units,
            facts: out,
            events,
            scope,
        }
    }
}

/// The page's own facts, role by role: from when a role nobody holds is
/// vacant (`holder_recorded`), when its holder is not recorded
/// (`unrecorded`), and its explicit reporting lines (`line_set`, which
/// `diff` reads to name the event of a new line).
fn own_facts(h: &History) -> Vec<FactRow<'_>> {
    let mut own = Vec::new();
    for (i, role) in h.roles.iter().enumerate() {
        let r = RoleId::new(i);
        let key = &role.key;
        if let Some(from) = holder_recorded_from(h, r) {
            own.push(bare("holder_recorded", key, Mark::from(from), None));
        }
        own.extend(
            unrecorded_spans(h, r)
                .iter()
                .map(|iv| row("unrecorded", key, iv)),
        );
        own.extend(role.rare.line.intervals().iter().map(|iv| FactRow {
            object: Some(&h.role(iv.value).key),
            ..row("line_set", key, iv)
        }));
    }
    own.retain(|f| !f.held_on_no_day());
    own
}

/// The facts `scope` keeps: every fact of a record kept on some day of
/// the range, with `kept` facts for the days each unit is kept (which
/// the page draws it on, and its roles and their holders); a kept role's
/// holdings that share a day with them, and a kept person's holdings next
/// to theirs (where they came from, where they went), with the existence,
/// unit and title of those roles.
fn scoped<'h>(
    h: &'h History,
    facts: Vec<ReportFact<'h>>,
    scope: &Scope<'h>,
) -> Vec<ReportFact<'h>> {
    let kept = |map: &HashMap<&Key, Spans>, f: &ReportFact| map.contains_key(f.subject);
    let holding = |f: &ReportFact| {
        let span = f.span();
        let role = f.object.and_then(|r| scope.roles.get(r));
        let next = Span {
            first: span.first.pred_opt().unwrap_or(span.first),
            last: span.last.succ_opt().unwrap_or(span.last),
        };
        let person = scope.people.get(f.subject);
        role.is_some_and(|days| days.meets(span)) || person.is_some_and(|days| days.meets(next))
    };
    // The roles outside held by a kept person next to a kept role.
    let beside: HashSet<&Key> = facts
        .iter()
        .filter(|f| f.kind == "holds" && holding(f))
        .filter_map(|f| f.object)
        .filter(|r| !scope.roles.contains_key(r))
        .collect();
    let mut out: Vec<ReportFact> = facts
        .into_iter()
        .filter(|f| match f.kind {
            "holds" => holding(f),
            "role_exists" | "role_unit" | "role_title" if beside.contains(f.subject) => true,
            _ => kept(&scope.units, f) || kept(&scope.roles, f) || kept(&scope.people, f),
        })
        .collect();
    // The page keeps a role on the days it exists in a kept unit, and a
    // person on the days they hold a kept role, as the scope does.
    for unit in &h.units {
        if let Some(spans) = scope.units.get(&unit.key) {
            out.extend(
                spans
                    .spans()
                    .iter()
                    .map(|&s| ReportFact::kept(&unit.key, s)),
            );
        }
    }
    out
}

impl<'a> ReportData<'a> {
    /// The data of the page of `body`.
    pub fn new(
        h: &'a History,
        body: &'a ReportBody<'a>,
        organisation: Option<&'a str>,
    ) -> serde_json::Result<Self> {
        let range = body.range;
        // Each source's text once: an event names its sources by place.
        let mut sources: Vec<&str> = Vec::new();
        let mut places: HashMap<&str, u32> = HashMap::new();
        let mut events = Table::default();
        for &e in &body.events {
            let e = h.event(e);
            let mut place = |text: &'a str| {
                *places.entry(text).or_insert_with(|| {
                    sources.push(text);
                    sources.len() as u32 - 1
                })
            };
            events.push(ReportEvent {
                id: &e.key,
                date: e.date,
                reported: e.reported(),
                title: e.title.as_deref(),
                sources: h.sources(e).iter().map(|s| place(s)).collect(),
                precision: e.date.precision().name(),
                qualifier: e.date.qualifier().name(),
                day: DayNumber(e.date.first_day()),
            })?;
        }
        let mut kinds: Vec<(&'static str, Table)> = Vec::new();
        for f in &body.facts {
            let at = match kinds.iter().position(|(k, _)| *k == f.kind) {
                Some(i) => i,
                None => {
                    kinds.push((f.kind, Table::default()));
                    kinds.len() - 1
                }
            };
            kinds[at].1.push(f)?;
        }
        Ok(ReportData {
            version: REPORT_VERSION,
            organisation,
            first_day: Day(range.first),
            last_day: Day(range.last),
            open_day: Day(range.open),
            scope: body.ask.map(|a| ScopeOut {
                unit: a.unit.map(|u| &h.unit(u).key),
                depth: a.depth,
            }),
            units: Table::of(&body.units)?,
            facts: FactTables(kinds),
            events,
            sources,
        })
    }

    /// How many facts the page holds.
    pub fn fact_count(&self) -> usize {
        self.facts.0.iter().map(|(_, t)| t.rows.len()).sum()
    }
}
