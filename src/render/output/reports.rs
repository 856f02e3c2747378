//! `who-reports-to` (and `--all`): the manager, then one entry (JSON) or
//! row (CSV) per reporting role, in tree order with its depth.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Holder, HolderCols, Named, RoleRef, known_at, opt_text, text};
use crate::dates::PartialDate;
use crate::ids::Key;
use crate::query::{Manager, OrgView, ReportRow, Reports as Query};

#[derive(Serialize, JsonSchema)]
pub struct Reports<'a> {
    pub date: String,
    /// A person, or a role (`name` is its title).
    pub manager: Named<'a>,
    pub manager_roles: Vec<&'a Key>,
    pub reports: Vec<Report<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
    /// `--dotted`: `true`, and each report's `reports_to_role` is the role
    /// of its dotted line (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dotted: Option<bool>,
}

/// One reporting role and its holder (`id`, `name`: the person, `null`
/// when there is none).
#[derive(Serialize, JsonSchema)]
pub struct Report<'a> {
    pub id: Option<&'a Key>,
    pub name: Option<&'a str>,
    pub status: &'static str,
    pub acting: bool,
    pub role: RoleRef<'a>,
    pub unit: Option<Named<'a>>,
    pub reports_to_role: &'a Key,
    pub since: Option<PartialDate>,
    pub depth: usize,
    /// Not in the JSON: the holder's uncertainty, for the CSV row.
    #[serde(skip)]
    pub uncertain: bool,
}

impl<'a> Report<'a> {
    pub fn new(rep: &Query<'a>, row: &ReportRow<'a>) -> Self {
        let state = &rep.state;
        let h = state.history;
        let day = state.day;
        let holder = Holder::of(h, &row.occupancy, day);
        Report {
            id: holder.as_ref().map(|p| p.id),
            name: holder.as_ref().map(|p| p.name),
            status: row.occupancy.status(),
            acting: holder.as_ref().is_some_and(|p| p.acting),
            role: RoleRef::new(h, row.role, day),
            unit: state.unit_of(row.role).map(|u| Named::unit(h, u, day)),
            reports_to_role: &h.role(row.reports_to).key,
            since: holder.as_ref().and_then(|p| p.since),
            depth: row.depth,
            uncertain: holder.as_ref().is_some_and(|p| p.uncertain),
        }
    }
}

impl<'a> Reports<'a> {
    pub fn new(rep: &Query<'a>) -> Self {
        let state = &rep.state;
        let h = state.history;
        let day = state.day;
        let manager = match rep.manager {
            Manager::Person(p) => Named {
                id: &h.person(p).key,
                name: h.person_name(p, day),
            },
            Manager::Role(r) => Named {
                id: &h.role(r).key,
                name: h.role_title(r, day),
            },
        };
        Reports {
            date: day.to_string(),
            manager,
            manager_roles: rep.manager_roles.iter().map(|&r| &h.role(r).key).collect(),
            reports: rep.rows.iter().map(|row| Report::new(rep, row)).collect(),
            known_at: known_at(h),
            dotted: rep.dotted.then_some(true),
        }
    }
}

/// `who-reports-to` as CSV: one row per [`Report`].
#[derive(Serialize, Default, JsonSchema)]
pub struct ReportCsvRow {
    pub depth: usize,
    pub person_id: String,
    pub person_name: String,
    pub status: &'static str,
    pub acting: bool,
    pub role_id: String,
    pub role_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub reports_to_role: String,
    pub since: String,
    pub uncertain: bool,
}

impl From<&Report<'_>> for ReportCsvRow {
    fn from(r: &Report) -> Self {
        let holder = HolderCols::new(
            r.id.zip(r.name)
                .map(|(id, name)| Holder {
                    id,
                    name,
                    acting: r.acting,
                    since: r.since,
                    uncertain: r.uncertain,
                })
                .as_ref(),
        );
        ReportCsvRow {
            depth: r.depth,
            person_id: holder.person_id,
            person_name: holder.person_name,
            status: r.status,
            acting: holder.acting,
            role_id: text(r.role.id.as_str()),
            role_title: text(r.role.title),
            unit_id: opt_text(r.unit.as_ref().map(|u| u.id.as_str())),
            unit_name: opt_text(r.unit.as_ref().map(|u| u.name)),
            reports_to_role: text(r.reports_to_role.as_str()),
            since: holder.since,
            uncertain: holder.uncertain,
        }
    }
}
