//! `at`: the organisation on a day. JSON: one document with the units,
//! roles and people in scope (with `--depth`, only what the trees show).
//! CSV: one row per role in reporting-tree order, or with `--units` one
//! row per unit in unit-tree order.

use schemars::JsonSchema;
use serde::Serialize;

use super::log::Announced;
use super::{AttributesOut, Holder, HolderCols, known_at, opt_text, text};
use crate::dates::PartialDate;
use crate::ids::{Key, RoleId, UnitId};
use crate::query::{Occupancy, OrgAt, OrgView, State};
use crate::timeline::Seats;

#[derive(Serialize, JsonSchema)]
pub struct At<'a> {
    pub date: String,
    pub latest_event: Option<&'a Key>,
    pub units: Vec<AtUnit<'a>>,
    pub roles: Vec<AtRole<'a>>,
    pub people: Vec<AtPerson<'a>>,
    /// The changes announced by the day and not yet in force then.
    pub announced: Vec<Announced<'a>>,
    /// `--depth`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_at: Option<String>,
    /// When the day is before the record starts: its first dated day (the
    /// first event's date, or an earlier `since`). The lists then hold the
    /// records as declared, from always.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_starts: Option<PartialDate>,
}

#[derive(Serialize, JsonSchema)]
pub struct AtUnit<'a> {
    pub id: &'a Key,
    pub name: &'a str,
    pub kind: Option<&'a str>,
    pub parent: Option<&'a Key>,
    pub attributes: AttributesOut<'a>,
}

#[derive(Serialize, JsonSchema)]
pub struct AtRole<'a> {
    pub id: &'a Key,
    pub title: &'a str,
    pub unit: Option<&'a Key>,
    pub head: bool,
    pub reports_to: Option<&'a Key>,
    /// The first holder, by the day they took it (of a role of one seat,
    /// its holder).
    pub holder: Option<Holder<'a>>,
    /// Everyone holding it on the day, by the day they took it.
    pub holders: Vec<Holder<'a>>,
    /// How many people it holds at once: 1 but for `seats = N`; `null`
    /// for `seats = "any"`.
    pub seats: Option<u32>,
    pub status: &'static str,
    pub attributes: AttributesOut<'a>,
    /// The roles it reports to by a dotted line (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dotted: Vec<&'a Key>,
}

#[derive(Serialize, JsonSchema)]
pub struct AtPerson<'a> {
    pub id: &'a Key,
    pub name: &'a str,
    pub roles: Vec<&'a Key>,
    pub reports_to: Vec<&'a Key>,
    /// The person's attributes on the day (`set` on a person).
    pub attributes: AttributesOut<'a>,
}

impl<'a> AtUnit<'a> {
    pub fn new(state: &State<'a>, u: UnitId) -> Self {
        let h = state.history;
        let day = state.day;
        AtUnit {
            id: &h.unit(u).key,
            name: h.unit_name(u, day),
            kind: h.unit(u).kind.as_deref(),
            parent: state.parent(u).map(|p| &h.unit(p).key),
            attributes: AttributesOut::at(&h.unit(u).attributes, day),
        }
    }
}

impl<'a> AtRole<'a> {
    pub fn new(state: &State<'a>, r: RoleId) -> Self {
        let h = state.history;
        let day = state.day;
        let occ = state.occupancy(r);
        let unit = state.unit_of(r);
        AtRole {
            id: &h.role(r).key,
            title: h.role_title(r, day),
            unit: unit.map(|u| &h.unit(u).key),
            head: unit.and_then(|u| state.head_of(u)) == Some(r),
            reports_to: state.line(r).map(|l| &h.role(l.to).key),
            holder: Holder::of(h, &occ, day),
            holders: state
                .seated(r)
                .iter()
                .filter_map(|o| Holder::of(h, o, day))
                .collect(),
            seats: seats_number(h.role(r).seats),
            status: occ.status(),
            attributes: AttributesOut::at(&h.role(r).rare.attributes, day),
            dotted: state.dotted(r).map(|t| &h.role(t).key).collect(),
        }
    }
}

/// A role's `seats` in JSON: the number, or `null` for no limit.
pub fn seats_number(seats: Seats) -> Option<u32> {
    match seats {
        Seats::Limit(n) => Some(n.get()),
        Seats::Any => None,
    }
}

impl<'a> At<'a> {
    pub fn new(view: &'a OrgAt<'a>) -> Self {
        let state = &view.state;
        let h = state.history;
        let in_scope = |u: UnitId| view.in_scope(u);
        // With --depth, only what the trees show.
        let (shown_units, shown_roles) = match view.depth {
            Some(_) => {
                let mut units = vec![false; h.units.len()];
                let mut roles = vec![false; h.roles.len()];
                for (u, _) in view.unit_rows() {
                    units[u.index()] = true;
                }
                for (r, _) in view.role_rows() {
                    roles[r.index()] = true;
                }
                (Some(units), Some(roles))
            }
            None => (None, None),
        };
        let unit_shown = |u: UnitId| shown_units.as_ref().is_none_or(|s| s[u.index()]);
        let role_shown = |r: RoleId| shown_roles.as_ref().is_none_or(|s| s[r.index()]);
        let role_in = |r: RoleId| state.unit_of(r).is_some_and(in_scope) && role_shown(r);
        let units = state
            .units
            .iter()
            .copied()
            .filter(|&u| in_scope(u) && unit_shown(u))
            .map(|u| AtUnit::new(state, u))
            .collect();
        let roles = state
            .roles
            .iter()
            .copied()
            .filter(|&r| role_in(r))
            .map(|r| AtRole::new(state, r))
            .collect();
        let people = state
            .people()
            .into_iter()
            .filter_map(|p| {
                let held: Vec<&Key> = state
                    .roles_of(p)
                    .into_iter()
                    .map(|(r, _)| r)
                    .filter(|&r| role_in(r))
                    .map(|r| &h.role(r).key)
                    .collect();
                (!held.is_empty()).then(|| AtPerson {
                    id: &h.person(p).key,
                    name: h.person_name(p, state.day),
                    roles: held,
                    reports_to: state
                        .managers_of(p)
                        .iter()
                        .map(|&q| &h.person(q).key)
                        .collect(),
                    attributes: AttributesOut::at(&h.person(p).attributes, state.day),
                })
            })
            .collect();
        At {
            date: state.day.to_string(),
            latest_event: view.latest_event.map(|e| &h.event(e).key),
            units,
            roles,
            people,
            announced: Announced::list(h, &view.announced),
            depth: view.depth,
            known_at: known_at(h),
            record_starts: view.record_starts,
        }
    }
}

/// `at` as CSV: a role of the reporting tree, at its depth; a role of
/// several seats has a row per holder.
#[derive(Serialize, Default, JsonSchema)]
pub struct RoleRow {
    pub depth: usize,
    pub role_id: String,
    pub role_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub head: bool,
    pub reports_to_role: String,
    pub person_id: String,
    pub person_name: String,
    pub status: &'static str,
    pub acting: bool,
    pub since: String,
    pub uncertain: bool,
    /// Who holds `reports_to_role` on the day (empty when nobody does).
    pub manager_id: String,
    pub manager_name: String,
    /// The holder's attributes on the day as one JSON object (empty
    /// without a holder).
    pub person_attributes: String,
}

impl RoleRow {
    pub fn new(depth: usize, role: &AtRole, unit_name: Option<&str>) -> Self {
        Self::of_holder(depth, role, role.holder.as_ref(), unit_name)
    }

    /// The row of `role` for one of its holders.
    fn of_holder(
        depth: usize,
        role: &AtRole,
        holder: Option<&Holder>,
        unit_name: Option<&str>,
    ) -> Self {
        let holder = HolderCols::new(holder);
        RoleRow {
            depth,
            role_id: text(role.id.as_str()),
            role_title: text(role.title),
            unit_id: opt_text(role.unit.map(Key::as_str)),
            unit_name: opt_text(unit_name),
            head: role.head,
            reports_to_role: opt_text(role.reports_to.map(Key::as_str)),
            person_id: holder.person_id,
            person_name: holder.person_name,
            status: role.status,
            acting: holder.acting,
            since: holder.since,
            uncertain: holder.uncertain,
            manager_id: String::new(),
            manager_name: String::new(),
            person_attributes: String::new(),
        }
    }

    /// The rows of the reporting tree.
    pub fn list(view: &OrgAt) -> Vec<Self> {
        let state = &view.state;
        let mut rows = Vec::new();
        for (r, depth) in view.role_rows() {
            let unit_name = state
                .unit_of(r)
                .map(|u| state.history.unit_name(u, state.day));
            let role = AtRole::new(state, r);
            let at = rows.len();
            if role.holders.len() > 1 {
                for holder in &role.holders {
                    rows.push(RoleRow::of_holder(depth, &role, Some(holder), unit_name));
                }
            } else {
                rows.push(RoleRow::new(depth, &role, unit_name));
            }
            let h = state.history;
            // The rows are the filled seats, in order.
            let seated = state.seated(r);
            let filled = seated.iter().filter_map(|o| match o {
                Occupancy::Filled(iv) => Some(iv.value.person),
                _ => None,
            });
            for (row, p) in rows[at..].iter_mut().zip(filled) {
                let attrs = AttributesOut::at(&h.person(p).attributes, state.day);
                row.person_attributes = text(&serde_json::to_string(&attrs).unwrap_or_default());
            }
            if let Some(line) = state.line(r)
                && let Occupancy::Filled(iv) = state.occupancy(line.to)
            {
                let p = h.person(iv.value.person);
                for row in &mut rows[at..] {
                    row.manager_id = text(p.key.as_str());
                    row.manager_name = text(h.person_name(iv.value.person, state.day));
                }
            }
        }
        rows
    }
}

/// `at --units` as CSV: a unit of the unit tree, at its depth, with its
/// attributes on the day as one JSON object.
#[derive(Serialize, Default, JsonSchema)]
pub struct UnitRow {
    pub depth: usize,
    pub unit_id: String,
    pub unit_name: String,
    pub kind: String,
    pub parent_id: String,
    pub attributes: String,
}

impl UnitRow {
    pub fn new(depth: usize, unit: &AtUnit) -> serde_json::Result<Self> {
        Ok(UnitRow {
            depth,
            unit_id: text(unit.id.as_str()),
            unit_name: text(unit.name),
            kind: opt_text(unit.kind),
            parent_id: opt_text(unit.parent.map(Key::as_str)),
            attributes: text(&serde_json::to_string(&unit.attributes)?),
        })
    }

    /// The rows of the unit tree.
    pub fn list(view: &OrgAt) -> serde_json::Result<Vec<Self>> {
        view.unit_rows()
            .into_iter()
            .map(|(u, depth)| UnitRow::new(depth, &AtUnit::new(&view.state, u)))
            .collect()
    }
}
