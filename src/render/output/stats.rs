//! `stats`: figures per period end and unit (or value of an attribute).
//! JSON: the asked range and one object per row; CSV: the same rows, one
//! per period end × unit or group, ready for a spreadsheet (an empty cell
//! where a figure has no value).

use schemars::JsonSchema;
use serde::Serialize;

use super::{known_at, text};
use crate::query::{Every, Stats as Query, StatsBy, StatsRow};

#[derive(Serialize, JsonSchema)]
pub struct Stats {
    /// The first day a period end may fall on.
    pub from: String,
    /// The last day a period end may fall on.
    pub to: String,
    /// `month`, `quarter` or `year`.
    pub every: &'static str,
    /// `--unit`: its id, or `null` for the whole organisation.
    pub unit: Option<String>,
    pub by_unit: bool,
    /// `--by`: `"unit"` (or `--depth`), the attribute key, or `null` for
    /// one row per period end.
    pub by: Option<String>,
    pub rows: Vec<Row>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
}

/// One period end × unit: the JSON object of each row and the CSV row.
#[derive(Serialize, JsonSchema, Default)]
pub struct Row {
    pub period_end: String,
    /// Empty (`null` in JSON) for the whole organisation.
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub depth: usize,
    pub headcount: u32,
    pub filled_roles: u32,
    pub vacant_roles: u32,
    pub unrecorded_roles: u32,
    pub vacancy_days_mean: Option<f64>,
    pub vacancy_days_max: Option<u32>,
    pub acting: u32,
    pub managers: u32,
    pub span_mean: Option<f64>,
    pub span_median: Option<f64>,
    pub span_max: Option<u32>,
    pub layers: u32,
    pub hires: u32,
    pub departures: u32,
    pub transfers_in: u32,
    pub transfers_out: u32,
    pub promotions: u32,
    /// By an attribute: the group's value; `null` (an empty cell) for the
    /// group without one, and for the rows of units.
    pub group: Option<String>,
}

pub fn every_name(every: Every) -> &'static str {
    match every {
        Every::Month => "month",
        Every::Quarter => "quarter",
        Every::Year => "year",
    }
}

impl Row {
    pub fn new(s: &Query, row: &StatsRow) -> Self {
        let h = s.history;
        let f = &row.figures;
        Row {
            period_end: row.end.to_string(),
            unit_id: row.unit.map(|u| text(h.unit(u).key.as_str())),
            unit_name: row.unit.map(|u| text(h.unit_name(u, row.end))),
            depth: row.depth,
            headcount: f.headcount,
            filled_roles: f.filled_roles,
            vacant_roles: f.vacant_roles,
            unrecorded_roles: f.unrecorded_roles,
            vacancy_days_mean: f.vacancy_days_mean,
            vacancy_days_max: f.vacancy_days_max,
            acting: f.acting,
            managers: f.managers,
            span_mean: f.span_mean,
            span_median: f.span_median,
            span_max: f.span_max,
            layers: f.layers,
            hires: f.hires,
            departures: f.departures,
            transfers_in: f.transfers_in,
            transfers_out: f.transfers_out,
            promotions: f.promotions,
            group: row.value.as_deref().map(text),
        }
    }

    pub fn list(s: &Query) -> Vec<Self> {
        s.rows.iter().map(|r| Row::new(s, r)).collect()
    }
}

impl Stats {
    pub fn new(s: &Query) -> Self {
        Stats {
            from: s.ask.from.to_string(),
            to: s.ask.to.to_string(),
            every: every_name(s.ask.every),
            unit: s.ask.scope.map(|u| text(s.history.unit(u).key.as_str())),
            by_unit: s.ask.by == StatsBy::Unit,
            by: match &s.ask.by {
                StatsBy::Whole => None,
                StatsBy::Unit => Some("unit".to_string()),
                StatsBy::Attribute(key) => Some(text(key)),
            },
            rows: Row::list(s),
            known_at: known_at(s.history),
        }
    }
}
