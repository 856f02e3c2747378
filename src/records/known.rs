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
use crate::records::format::{EventRecord, FileRecords};

/// Whether an event was reported by `day`.
pub fn reported_by(e: &EventRecord, day: NaiveDate) -> bool {
    let reported = e.reported.as_ref().unwrap_or(&e.date);
    reported.get_ref().first_day() <= day
}

/// Leaves out of `files` what was not yet known on `day`.
pub fn as_known_at(files: &mut [(FileId, FileRecords)], day: NaiveDate) {
    // Units and roles created by an event left out.
    let mut gone: HashSet<String> = HashSet::new();
    for (_, r) in files.iter_mut() {
        r.event.retain(|e| {
            let known = reported_by(e, day);
            if !known {
                for c in &e.changes {
                    let c = c.get_ref();
                    if c.op.get_ref() == "create" {
                        gone.extend(c.unit.iter().chain(&c.role).map(|id| id.get_ref().clone()));
                    }
                }
            }
            known
        });
    }
    if gone.is_empty() {
        return;
    }
    // What lies inside them goes with them: the units and roles declared
    // inside each unit, followed down from the ones gone (each id once).
    let mut inside: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, r) in files.iter() {
        for u in &r.unit {
            if let Some(p) = &u.parent {
                inside.entry(p.get_ref()).or_default().push(u.id.get_ref());
            }
        }
        for role in &r.role {
            inside
                .entry(role.unit.get_ref())
                .or_default()
                .push(role.id.get_ref());
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
    for (_, r) in files.iter_mut() {
        r.unit.retain(|u| !gone.contains(u.id.get_ref()));
        r.role.retain(|role| !gone.contains(role.id.get_ref()));
        for role in &mut r.role {
            if role
                .reports_to
                .as_ref()
                .is_some_and(|to| gone.contains(to.get_ref()))
            {
                role.reports_to = None;
            }
        }
    }
}
