//! `--format json`: one JSON document per command, with the keys the
//! README documents. Keys may be added; none are renamed or removed.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::{Options, Output, Renderer};
use crate::ids::{PersonId, RoleId, UnitId};
use crate::query::{
    Card, Chains, Diff, Log, Manager, Occupancy, OrgAt, OrgView, RecordHistory, Ref, Reports,
    State, Summary, Why,
};
use crate::timeline::{Attributes, History, attributes_at};

/// `--format json`: every command.
pub struct Json;

impl Renderer for Json {
    fn supports(&self, _what: Output) -> bool {
        true
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, _o: &Options) -> io::Result<()> {
        at(out, view)
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        diff(out, d)
    }

    fn diff_stat(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        diff_stat(out, d)
    }

    fn reports(&self, out: &mut dyn Write, rep: &Reports, _o: &Options) -> io::Result<()> {
        reports(out, rep)
    }

    fn check(&self, out: &mut dyn Write, s: &Summary, _o: &Options) -> io::Result<()> {
        check(out, s)
    }

    fn chain(&self, out: &mut dyn Write, c: &Chains, _o: &Options) -> io::Result<()> {
        super::chain::json(out, c)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, _o: &Options) -> io::Result<()> {
        super::log::json(out, log)
    }

    fn history(&self, out: &mut dyn Write, h: &RecordHistory, _o: &Options) -> io::Result<()> {
        super::history::json(out, h)
    }

    fn why(&self, out: &mut dyn Write, w: &Why, _o: &Options) -> io::Result<()> {
        super::why::json(out, w)
    }

    fn show(&self, out: &mut dyn Write, c: &Card, _o: &Options) -> io::Result<()> {
        super::show::json(out, c)
    }
}

pub(super) fn write(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)
}

/// Adds `"known_at"` to a document of a history loaded `--known-at`.
fn with_known_at(h: &History, mut v: Value) -> Value {
    if let (Some(day), Some(map)) = (h.known_at, v.as_object_mut()) {
        map.insert("known_at".into(), json!(day.to_string()));
    }
    v
}

pub(super) fn attrs(a: &Attributes, day: chrono::NaiveDate) -> Value {
    Value::Object(
        attributes_at(a, day)
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect::<Map<_, _>>(),
    )
}

pub(super) fn person(h: &History, p: PersonId) -> Value {
    json!({ "id": h.person(p).key, "name": h.person(p).name })
}

pub(super) fn unit_brief(h: &History, u: UnitId, day: chrono::NaiveDate) -> Value {
    json!({ "id": h.unit(u).key, "name": h.unit_name(u, day) })
}

pub(super) fn holder(h: &History, occ: &Occupancy, day: chrono::NaiveDate) -> Value {
    match occ {
        Occupancy::Filled(iv) => json!({
            "id": h.person(iv.value.person).key,
            "name": h.person(iv.value.person).name,
            "acting": iv.value.acting,
            "since": iv.from.date,
            "uncertain": iv.is_uncertain_on(day),
        }),
        _ => Value::Null,
    }
}

fn role(state: &State, r: RoleId) -> Value {
    let h = state.history;
    let day = state.day;
    let occ = state.occupancy(r);
    json!({
        "id": h.role(r).key,
        "title": h.role_title(r, day),
        "unit": state.unit_of(r).map(|u| &h.unit(u).key),
        "head": state.unit_of(r).and_then(|u| state.head_of(u)) == Some(r),
        "reports_to": state.line(r).map(|l| &h.role(l.to).key),
        "holder": holder(h, &occ, day),
        "status": occ.status(),
        "attributes": attrs(&h.role(r).attributes, day),
    })
}

pub fn at(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    let state = &view.state;
    let h = state.history;
    let day = state.day;
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
    let units: Vec<Value> = state
        .units
        .iter()
        .copied()
        .filter(|&u| in_scope(u) && unit_shown(u))
        .map(|u| {
            json!({
                "id": h.unit(u).key,
                "name": h.unit_name(u, day),
                "kind": h.unit(u).kind,
                "parent": state.parent(u).map(|p| &h.unit(p).key),
                "attributes": attrs(&h.unit(u).attributes, day),
            })
        })
        .collect();
    let roles: Vec<Value> = state
        .roles
        .iter()
        .copied()
        .filter(|&r| state.unit_of(r).is_some_and(in_scope) && role_shown(r))
        .map(|r| role(state, r))
        .collect();
    let people: Vec<Value> = state
        .people()
        .into_iter()
        .filter_map(|p| {
            let held: Vec<RoleId> = state
                .roles_of(p)
                .into_iter()
                .map(|(r, _)| r)
                .filter(|&r| state.unit_of(r).is_some_and(in_scope) && role_shown(r))
                .collect();
            (!held.is_empty()).then(|| {
                json!({
                    "id": h.person(p).key,
                    "name": h.person(p).name,
                    "roles": held.iter().map(|&r| &h.role(r).key).collect::<Vec<_>>(),
                    "reports_to": state.managers_of(p).iter().map(|&q| &h.person(q).key).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let mut doc = json!({
        "date": day.to_string(),
        "latest_event": view.latest_event.map(|e| &h.event(e).key),
        "units": units,
        "roles": roles,
        "people": people,
    });
    if let Some(n) = view.depth {
        doc["depth"] = json!(n);
    }
    write(out, &with_known_at(h, doc))
}

pub fn reports(out: &mut dyn Write, rep: &Reports) -> io::Result<()> {
    let state = &rep.state;
    let h = state.history;
    let day = state.day;
    let manager = match rep.manager {
        Manager::Person(p) => person(h, p),
        Manager::Role(r) => json!({ "id": h.role(r).key, "name": h.role_title(r, day) }),
    };
    let rows: Vec<Value> = rep
        .rows
        .iter()
        .map(|row| {
            let (id, name, since, acting) = match &row.occupancy {
                Occupancy::Filled(iv) => (
                    Some(&h.person(iv.value.person).key),
                    Some(h.person(iv.value.person).name.as_str()),
                    iv.from.date,
                    iv.value.acting,
                ),
                _ => (None, None, None, false),
            };
            json!({
                "id": id,
                "name": name,
                "status": row.occupancy.status(),
                "acting": acting,
                "role": { "id": h.role(row.role).key, "title": h.role_title(row.role, day) },
                "unit": state.unit_of(row.role).map(|u| unit_brief(h, u, day)),
                "reports_to_role": h.role(row.line.to).key,
                "since": since,
                "depth": row.depth,
            })
        })
        .collect();
    write(
        out,
        &with_known_at(
            h,
            json!({
                "date": day.to_string(),
                "manager": manager,
                "manager_roles": rep.manager_roles.iter().map(|&r| &h.role(r).key).collect::<Vec<_>>(),
                "reports": rows,
            }),
        ),
    )
}

fn ref_value(h: &History, r: &Option<Ref>) -> Value {
    match r {
        None => Value::Null,
        Some(Ref::Unit(u)) => json!(h.unit(*u).key),
        Some(Ref::Role(r)) => json!(h.role(*r).key),
        Some(Ref::Person(p)) => json!(h.person(*p).key),
        Some(Ref::Text(t)) => json!(t),
    }
}

pub fn diff(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let h = d.to.history;
    let changes: Vec<Value> = d
        .changes
        .iter()
        .map(|c| {
            let mut v = json!({
                "kind": c.kind.name(),
                "subject": ref_value(h, &Some(c.subject.clone())),
                "before": ref_value(h, &c.before),
                "after": ref_value(h, &c.after),
                "event": c.event.map(|e| &h.event(e).key),
            });
            if c.acting {
                v["acting"] = json!(true);
            }
            if let Some(k) = &c.key {
                v["key"] = json!(k);
            }
            v
        })
        .collect();
    let events: Vec<Value> = h.events[d.events.clone()]
        .iter()
        .map(|e| {
            json!({
                "id": e.key,
                "date": e.date,
                "reported": e.reported,
                "title": e.title,
                "sources": h.sources(e),
            })
        })
        .collect();
    write(
        out,
        &with_known_at(
            h,
            json!({
                "from": d.from.day.to_string(),
                "to": d.to.day.to_string(),
                "changes": changes,
                "events": events,
            }),
        ),
    )
}

/// `diff --stat`.
pub fn diff_stat(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let stat: Vec<Value> = d
        .stat()
        .into_iter()
        .map(|(kind, n)| {
            json!({ "kind": kind.name(), "letter": kind.letter().to_string(), "count": n })
        })
        .collect();
    write(
        out,
        &with_known_at(
            d.to.history,
            json!({
                "from": d.from.day.to_string(),
                "to": d.to.day.to_string(),
                "stat": stat,
                "total_changes": d.changes.len(),
                "total_events": d.events.len(),
            }),
        ),
    )
}

pub fn check(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let mut doc = json!({
        "files": s.files,
        "units": s.units,
        "roles": s.roles,
        "people": s.people,
        "events": s.events,
        "first_event": s.first_event,
        "last_event": s.last_event,
        "problems": [],
    });
    if let Some(day) = s.known_at {
        doc["known_at"] = json!(day.to_string());
    }
    write(out, &doc)
}
