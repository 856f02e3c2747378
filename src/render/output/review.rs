//! `review BASE [HEAD]`: what a change to the data does. JSON: the events
//! added, removed and edited, the people whose role differs, the
//! headcount that differs on the days the change touches, and the
//! corrections of the past.

use schemars::JsonSchema;
use serde::Serialize;

use crate::query::review::{Correction, Count, Place, Review as Query};
use crate::timeline::History;

#[derive(Serialize, JsonSchema)]
pub struct Review {
    /// The events only in HEAD, in date order.
    pub added: Vec<EventRef>,
    /// The events only in BASE.
    pub removed: Vec<EventRef>,
    /// The events in both whose date, title, note, sources or number of
    /// changes differ; `date` is HEAD's, `base_date` BASE's.
    pub edited: Vec<EventRef>,
    /// The earliest effective date among the added and edited events.
    pub first_new_date: Option<String>,
    /// The days the change touches, in order.
    pub days: Vec<String>,
    /// People whose main role (or its unit) differs on a touched day.
    pub people: Vec<MoveOut>,
    /// Units whose headcount or vacancies differ on a touched day.
    pub headcount: Vec<HeadcountOut>,
    /// Facts of the past that the change rewrites.
    pub corrections: Vec<CorrectionOut>,
}

#[derive(Serialize, JsonSchema)]
pub struct EventRef {
    pub id: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_date: Option<String>,
    pub title: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct PlaceOut {
    pub role: String,
    pub unit: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct MoveOut {
    pub date: String,
    pub person: String,
    /// The person's main role in BASE on the date, `null` if none.
    pub base: Option<PlaceOut>,
    /// The person's main role in HEAD on the date, `null` if none.
    pub head: Option<PlaceOut>,
}

#[derive(Serialize, JsonSchema)]
pub struct CountOut {
    pub headcount: u32,
    pub vacancies: u32,
}

#[derive(Serialize, JsonSchema)]
pub struct HeadcountOut {
    pub date: String,
    pub unit: String,
    /// `null` where the unit has no roles on the day.
    pub base: Option<CountOut>,
    pub head: Option<CountOut>,
}

#[derive(Serialize, JsonSchema)]
pub struct CorrectionOut {
    /// `headcount`, `role_unit`, `person_role` or `closed_event`.
    pub fact: &'static str,
    /// The unit, role, person or event id.
    pub subject: String,
    /// The first and last sampled days the difference holds on.
    pub from: String,
    pub until: String,
    pub base: String,
    pub head: String,
}

fn event(h: &History, e: crate::ids::EventId) -> EventRef {
    let ev = h.event(e);
    EventRef {
        id: ev.key.to_string(),
        date: ev.date.to_string(),
        base_date: None,
        title: ev.title.as_deref().map(str::to_string),
    }
}

fn place(p: &Option<Place>) -> Option<PlaceOut> {
    p.as_ref().map(|p| PlaceOut {
        role: p.role.to_string(),
        unit: p.unit.as_ref().map(|u| u.to_string()),
    })
}

fn count(c: Count) -> CountOut {
    CountOut {
        headcount: c.headcount,
        vacancies: c.vacancies,
    }
}

impl CorrectionOut {
    pub fn new(c: &Correction) -> Self {
        CorrectionOut {
            fact: c.fact.name(),
            subject: c.subject.to_string(),
            from: c.from.to_string(),
            until: c.until.to_string(),
            base: c.base.clone(),
            head: c.head.clone(),
        }
    }
}

impl Review {
    pub fn new(r: &Query) -> Self {
        Review {
            added: r.added.iter().map(|&e| event(r.head, e)).collect(),
            removed: r.removed.iter().map(|&e| event(r.base, e)).collect(),
            edited: r
                .edited
                .iter()
                .map(|&(b, h)| EventRef {
                    base_date: Some(r.base.event(b).date.to_string()),
                    ..event(r.head, h)
                })
                .collect(),
            first_new_date: r.first_new.map(|d| d.to_string()),
            days: r.days.iter().map(|d| d.to_string()).collect(),
            people: r
                .moves
                .iter()
                .map(|m| MoveOut {
                    date: m.day.to_string(),
                    person: m.person.to_string(),
                    base: place(&m.base),
                    head: place(&m.head),
                })
                .collect(),
            headcount: r
                .headcount
                .iter()
                .map(|h| HeadcountOut {
                    date: h.day.to_string(),
                    unit: h.unit.to_string(),
                    base: h.base.map(count),
                    head: h.head.map(count),
                })
                .collect(),
            corrections: r.corrections.iter().map(CorrectionOut::new).collect(),
        }
    }
}
