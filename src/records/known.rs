//! Known time (`--known-at DATE`): the record as it stood on DATE.
//!
//! An event became known on its `reported` date (else its `date`), counted
//! from the first day of that date, as every imprecise date is. Before the
//! replay, the events reported after DATE are left out, and with them the
//! units and roles that only they create (with the units and roles inside
//! those): the record did not know of them yet. Everything else (records
//! declared without a `create`, people) is known at any date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::ids::FileId;
use crate::records::input::{EventIn, FileInput};

/// Whether an event was reported by `day`.
pub fn reported_by(e: &EventIn, day: NaiveDate) -> bool {
    let reported = e.reported.unwrap_or(e.date.value);
    reported.first_day() <= day
}

/// Leaves out of `files` what was not yet known on `day`.
pub fn as_known_at(files: &mut [(FileId, FileInput)], day: NaiveDate) {
    // Units and roles created by an event left out.
    let mut gone: HashSet<String> = HashSet::new();
    for (_, f) in files.iter_mut() {
        let mut events = std::mem::take(&mut f.events);
        events.retain(|e| {
            let known = reported_by(e, day);
            if !known {
                let changes = &f.changes[e.changes.start as usize..e.changes.end as usize];
                for c in changes.iter().map(|c| f.view(c)) {
                    if c.op.text == "create" {
                        gone.extend(c.unit.iter().chain(&c.role).map(|id| id.text.to_string()));
                    }
                }
            }
            known
        });
        f.events = events;
    }
    if gone.is_empty() {
        return;
    }
    // What lies inside them goes with them: the units and roles declared
    // inside each unit, followed down from the ones gone (each id once).
    let mut inside: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, f) in files.iter() {
        for u in &f.units {
            if let Some(p) = f.opt(u.parent) {
                inside.entry(p).or_default().push(f.str(u.id));
            }
        }
        for role in &f.roles {
            inside
                .entry(f.str(role.unit))
                .or_default()
                .push(f.str(role.id));
        }
    }
    let mut todo: Vec<String> = gone.iter().cloned().collect();
    while let Some(id) = todo.pop() {
        for &child in inside.get(id.as_str()).into_iter().flatten() {
            if gone.insert(child.to_string()) {
                todo.push(child.to_string());
            }
        }
    }
    for (_, f) in files.iter_mut() {
        let (mut units, mut roles) = (std::mem::take(&mut f.units), std::mem::take(&mut f.roles));
        units.retain(|u| !gone.contains(f.str(u.id)));
        roles.retain(|role| !gone.contains(f.str(role.id)));
        for role in &mut roles {
            if f.opt(role.reports_to).is_some_and(|to| gone.contains(to)) {
                role.reports_to = None;
            }
            let mut dotted = role.dotted.clone();
            f.retain_list(&mut dotted, |to| !gone.contains(to));
            role.dotted = dotted;
        }
        (f.units, f.roles) = (units, roles);
    }
}
