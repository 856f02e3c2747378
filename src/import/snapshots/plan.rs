//! From two states to the text an import writes: the first snapshot's
//! records, declared as of its date; then, between two snapshots, one
//! event per unit or person whose situation changed, in an order the
//! replay accepts (units created and moved, then people from the top of
//! the tree down, then departures, then units dissolved, deepest first).

use chrono::NaiveDate;

use super::emit::{Event, Texts, declared_role, person};
use super::read::Keyed;
use super::state::{Folder, Person, State};
use super::{ids, posts};
use crate::dates::PartialDate;
use crate::write::{EventText, RecordText};

/// The first snapshot: its units, people and roles as records that
/// exist from `date` (`since`, `holder`), each citing `cite`.
pub fn declare(
    next: &State,
    date: NaiveDate,
    cite: &str,
    key: Keyed,
    folder: &mut Folder,
) -> Texts {
    let mut t = Texts::default();
    let since = PartialDate::day(date);
    let sources = [cite.to_string()];
    for name in next.units_top_down() {
        let id = ids::unit(name, &mut folder.used);
        let mut r = RecordText::new("unit", &id).text("name", name);
        if let Some(Some(p)) = next.units.get(name) {
            r = r.text("parent", &folder.unit_of[p]);
        }
        t.units
            .push_str(&r.date("since", &since).texts("sources", &sources).toml());
        folder.unit_of.insert(name.to_string(), id);
    }
    folder.last = Some(date);
    if next.units.is_empty() {
        // No record cites an empty snapshot: an event with no changes does.
        t.events = EventText {
            date: since,
            reported: None,
            title: &format!("Snapshot of {date}: no one in it"),
            sources: &sources,
            changes: Vec::new(),
        }
        .toml();
        return t;
    }
    if key == Keyed::Post {
        posts::declare(next, &since, &sources, folder, &mut t);
        return t;
    }
    for pid in next.people_top_down() {
        let p = &next.people[pid];
        person(pid, &p.name, folder, &mut t, &mut Event::new(String::new()));
        let rid = ids::role(pid, &mut folder.used);
        let line = p.manager.as_ref().map(|m| folder.seat[m].clone());
        t.roles.push_str(
            &declared_role(&rid, p, line.as_deref(), &since, folder)
                .text("holder", pid)
                .texts("sources", &sources)
                .toml(),
        );
        folder.seat.insert(pid.to_string(), rid.clone());
        folder.line.insert(rid, line);
    }
    t
}

/// The events between `prev` (of `t0`) and `next` (of `t1`), each citing
/// `cite`; `folder` follows. With no change, one event with no changes
/// records that the snapshot was imported.
pub fn changes(
    prev: &State,
    next: &State,
    (t0, t1): (NaiveDate, NaiveDate),
    cite: &str,
    key: Keyed,
    folder: &mut Folder,
) -> Texts {
    let mut t = Texts::default();
    let mut events: Vec<Event> = Vec::new();
    units_before(prev, next, folder, &mut t, &mut events);
    match key {
        Keyed::Person => people(prev, next, folder, &mut t, &mut events),
        Keyed::Post => posts::changes(prev, next, folder, &mut t, &mut events),
    }
    let mut gone: Vec<&str> = prev
        .units_top_down()
        .into_iter()
        .filter(|u| !next.units.contains_key(*u))
        .collect();
    gone.reverse();
    for name in gone {
        if let Some(id) = folder.unit_of.remove(name) {
            let mut e = Event::new(format!("Unit dissolved: {name}"));
            e.change(&[("op", "dissolve"), ("unit", &id)]);
            events.push(e);
        }
    }
    // A post can come back only into its unit: not once that has gone.
    let live: std::collections::HashSet<&String> = folder.unit_of.values().collect();
    folder.gone.retain(|_, g| live.contains(&g.unit_id));
    if events.is_empty() {
        events.push(Event::new(format!("Snapshot of {t1}: no change")));
    }
    let date = PartialDate::between(t0, t1).unwrap_or(PartialDate::day(t1));
    let sources = [cite.to_string()];
    for e in &events {
        t.events.push_str(
            &EventText {
                date,
                reported: None,
                title: &e.title,
                sources: &sources,
                changes: e.changes.clone(),
            }
            .toml(),
        );
    }
    folder.last = Some(t1);
    t
}

/// The people's events: from the top of the tree down, then departures.
fn people(prev: &State, next: &State, folder: &mut Folder, t: &mut Texts, events: &mut Vec<Event>) {
    let reports = reports_of(next);
    for pid in next.people_top_down() {
        let p1 = &next.people[pid];
        let e = match prev.people.get(pid) {
            None => hire(pid, p1, folder, t),
            Some(p0) => stay(pid, p0, p1, next, folder, t),
        };
        let mut e = e.unwrap_or_else(|| Event::new(String::new()));
        follow(pid, prev, next, &reports, folder, &mut e);
        if !e.changes.is_empty() {
            if e.title.is_empty() {
                e.title = format!("Reporting lines follow {}", p1.name);
            }
            events.push(e);
        }
    }
    for (pid, p0) in &prev.people {
        if next.people.contains_key(pid) {
            continue;
        }
        let mut e = Event::new(format!("{} leaves {}", p0.name, p0.unit));
        if let Some(rid) = folder.seat.remove(pid) {
            e.change(&[("op", "leave"), ("person", pid), ("role", &rid)]);
            e.change(&[("op", "eliminate"), ("role", &rid)]);
            folder.line.remove(&rid);
        }
        events.push(e);
    }
}

/// Units created (parents first), then units moved under another parent.
fn units_before(
    prev: &State,
    next: &State,
    folder: &mut Folder,
    t: &mut Texts,
    events: &mut Vec<Event>,
) {
    let parent_id = |folder: &Folder, name: &str| -> Option<String> {
        next.units
            .get(name)
            .cloned()
            .flatten()
            .and_then(|p| folder.unit_of.get(&p).cloned())
    };
    for name in next.units_top_down() {
        if prev.units.contains_key(name) && folder.unit_of.contains_key(name) {
            continue;
        }
        let id = ids::unit(name, &mut folder.used);
        let mut r = RecordText::new("unit", &id).text("name", name);
        let mut title = format!("Unit created: {name}");
        if let Some(p) = parent_id(folder, name) {
            r = r.text("parent", &p);
            title.push_str(&format!(
                " in {}",
                next.units[name].as_deref().unwrap_or("")
            ));
        }
        t.units.push_str(&r.toml());
        folder.unit_of.insert(name.to_string(), id.clone());
        let mut e = Event::new(title);
        e.change(&[("op", "create"), ("unit", &id)]);
        events.push(e);
    }
    for name in next.units_top_down() {
        let (Some(before), Some(after)) = (prev.units.get(name), next.units.get(name)) else {
            continue;
        };
        if before == after {
            continue;
        }
        let id = folder.unit_of[name].clone();
        let to = parent_id(folder, name).unwrap_or_default();
        let title = match after {
            Some(p) => format!("Unit moved: {name} now in {p}"),
            None => format!("Unit moved: {name} now top-level"),
        };
        let mut e = Event::new(title);
        e.change(&[("op", "move"), ("unit", &id), ("to", &to)]);
        events.push(e);
    }
}

/// The people reporting to each person in `next`.
fn reports_of(next: &State) -> std::collections::HashMap<&str, Vec<&str>> {
    let mut reports: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    for (id, p) in &next.people {
        if let Some(m) = &p.manager {
            reports.entry(m.as_str()).or_default().push(id.as_str());
        }
    }
    reports
}

/// A new role for `pid` as `p` shows them, created, appointed to and
/// given its line; the person record when they are new to the folder.
fn new_role(pid: &str, p: &Person, folder: &mut Folder, t: &mut Texts, e: &mut Event) -> String {
    person(pid, &p.name, folder, t, e);
    let rid = ids::role(pid, &mut folder.used);
    t.roles.push_str(
        &RecordText::new("role", &rid)
            .text("title", &p.title)
            .text("unit", &folder.unit_of[&p.unit])
            .toml(),
    );
    e.change(&[("op", "create"), ("role", &rid)]);
    rid
}

fn manager_role(p: &Person, folder: &Folder) -> Option<String> {
    p.manager.as_ref().and_then(|m| folder.seat.get(m).cloned())
}

fn hire(pid: &str, p: &Person, folder: &mut Folder, t: &mut Texts) -> Option<Event> {
    let mut e = Event::new(format!("{} joins {} as {}", p.name, p.unit, p.title));
    let rid = new_role(pid, p, folder, t, &mut e);
    e.change(&[("op", "appoint"), ("person", pid), ("role", &rid)]);
    let line = manager_role(p, folder);
    e.report(&rid, line.as_deref());
    folder.seat.insert(pid.to_string(), rid.clone());
    folder.line.insert(rid, line);
    Some(e)
}

/// A person in both snapshots: renamed, moved to another unit (a new
/// role), retitled, under a new manager; `None` when nothing changed.
fn stay(
    pid: &str,
    p0: &Person,
    p1: &Person,
    next: &State,
    folder: &mut Folder,
    t: &mut Texts,
) -> Option<Event> {
    let mut parts: Vec<String> = Vec::new();
    let mut e = Event::new(String::new());
    if p0.name != p1.name {
        e.change(&[("op", "rename"), ("person", pid), ("name", &p1.name)]);
        folder.people.insert(pid.to_string(), p1.name.clone());
        parts.push(format!("is renamed from {}", p0.name));
    }
    let old = folder.seat.get(pid).cloned();
    let rid = match &old {
        Some(old) if p0.unit == p1.unit => {
            if p0.title != p1.title {
                e.change(&[("op", "rename"), ("role", old), ("title", &p1.title)]);
                parts.push(format!("is retitled {} (was {})", p1.title, p0.title));
            }
            old.clone()
        }
        _ => {
            let rid = new_role(pid, p1, folder, t, &mut e);
            if let Some(old) = &old {
                e.change(&[("op", "leave"), ("person", pid), ("role", old)]);
            }
            e.change(&[("op", "appoint"), ("person", pid), ("role", &rid)]);
            let mut part = format!("moves from {} to {}", p0.unit, p1.unit);
            if p0.title != p1.title {
                part.push_str(&format!(" as {}", p1.title));
            }
            parts.push(part);
            rid
        }
    };
    let line = manager_role(p1, folder);
    let moved = old.as_deref() != Some(rid.as_str());
    if moved || folder.line.get(&rid) != Some(&line) {
        e.report(&rid, line.as_deref());
        if p0.manager != p1.manager {
            let to = p1
                .manager
                .as_ref()
                .and_then(|m| next.people.get(m))
                .map_or("nobody".to_string(), |m| m.name.clone());
            parts.push(format!("now reports to {to}"));
        }
    }
    if let Some(old) = old.filter(|o| *o != rid) {
        e.change(&[("op", "eliminate"), ("role", &old)]);
        folder.line.remove(&old);
    }
    folder.seat.insert(pid.to_string(), rid.clone());
    folder.line.insert(rid, line);
    e.title = match parts.is_empty() {
        true => format!("{}'s reporting line follows their manager", p1.name),
        false => format!("{} {}", p1.name, parts.join(", ")),
    };
    (!e.changes.is_empty()).then_some(e)
}

/// The people who report to `pid` before and after, keeping their role,
/// whose line still goes to the role `pid` held: it follows `pid` to
/// their role now, in `pid`'s event.
fn follow(
    pid: &str,
    prev: &State,
    next: &State,
    reports: &std::collections::HashMap<&str, Vec<&str>>,
    folder: &mut Folder,
    e: &mut Event,
) {
    let Some(to) = folder.seat.get(pid).cloned() else {
        return;
    };
    for &r in reports.get(pid).map(Vec::as_slice).unwrap_or_default() {
        let (Some(r0), Some(r1)) = (prev.people.get(r), next.people.get(r)) else {
            continue;
        };
        if r0.unit != r1.unit || r0.manager.as_deref() != Some(pid) {
            continue;
        }
        let Some(rrole) = folder.seat.get(r).cloned() else {
            continue;
        };
        if folder.line.get(&rrole) != Some(&Some(to.clone())) {
            e.report(&rrole, Some(&to));
            folder.line.insert(rrole, Some(to.clone()));
        }
    }
}
