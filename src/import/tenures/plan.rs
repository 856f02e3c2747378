//! From the holdings read to the data files: seats, when each unit and
//! role begins, and the events (a handover is one event).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Datelike;

use super::{Holding, Read};
use crate::dates::PartialDate;
use crate::import::{ImportError, Target};
use crate::write::{Append, EventText, RecordText, quote};

/// The first day a holding holds, and the first day it no longer does.
fn span(h: &Holding) -> (chrono::NaiveDate, chrono::NaiveDate) {
    (
        h.start.map_or(chrono::NaiveDate::MIN, |s| s.first_day()),
        h.leave.map_or(chrono::NaiveDate::MAX, |l| l.first_day()),
    )
}

/// An error when one person's holdings of one role overlap: the table
/// holds one tenure twice, or two rows that should be one.
pub(super) fn twice(read: &Read) -> Result<(), ImportError> {
    for role in &read.roles {
        let mut hs: Vec<usize> = role.holdings.clone();
        hs.sort_by_key(|&h| (read.holdings[h].person, span(&read.holdings[h])));
        for pair in hs.windows(2) {
            let (a, b) = (&read.holdings[pair[0]], &read.holdings[pair[1]]);
            if a.person == b.person && span(b).0 < span(a).1 {
                return Err(b.at.error(format!(
                    "{} holds {} twice at once: this row overlaps line {}\n  help: merge the two rows, or correct a date",
                    read.people[b.person].1, role.title, a.at.line
                )));
            }
        }
    }
    Ok(())
}

/// Each role's seats: the most holdings that hold at once (a sweep over
/// its holdings' starts and ends).
pub(super) fn seats(read: &Read) -> Vec<usize> {
    read.roles
        .iter()
        .map(|r| {
            let mut edges: Vec<(chrono::NaiveDate, i32)> = Vec::new();
            for &h in &r.holdings {
                let (s, e) = span(&read.holdings[h]);
                if s < e {
                    edges.push((s, 1));
                    edges.push((e, -1));
                }
            }
            // Ends before starts on one day: a handover is one seat.
            edges.sort();
            let (mut now, mut most) = (0i32, 1i32);
            for (_, d) in edges {
                now += d;
                most = most.max(now);
            }
            most as usize
        })
        .collect()
}

/// The files to write: units, roles and people, then the events by year.
pub(super) fn plan(
    read: &Read,
    seats: &[usize],
    target: &Target,
) -> Result<Vec<Append>, ImportError> {
    let holdings = &read.holdings;
    // The first day each unit and role is needed.
    let mut role_start: Vec<Option<PartialDate>> = vec![None; read.roles.len()];
    let mut role_holder: Vec<Option<usize>> = vec![None; read.roles.len()];
    for (i, h) in holdings.iter().enumerate() {
        match h.start {
            Some(s) => {
                let r = &mut role_start[h.role];
                if r.is_none_or(|d| s.first_day() < d.first_day()) {
                    *r = Some(s);
                }
            }
            None => {
                if let Some(other) = role_holder[h.role] {
                    return Err(h.at.error(format!(
                        "{} and {} both hold {} with no start date; give one a start",
                        read.people[holdings[other].person].1,
                        read.people[h.person].1,
                        read.roles[h.role].title
                    )));
                }
                role_holder[h.role] = Some(i);
            }
        }
    }
    for (r, holder) in role_holder.iter().enumerate() {
        if holder.is_some() {
            // Held from its beginning: the role exists from always.
            role_start[r] = None;
        }
    }
    // A unit not in --units exists from its earliest role's start, or
    // from always when one of its roles does.
    let mut unit_start: Vec<Option<PartialDate>> = read.units.iter().map(|u| u.start).collect();
    let mut always = vec![false; read.units.len()];
    for (r, role) in read.roles.iter().enumerate() {
        let u = role.unit;
        if read.units[u].from_file {
            continue;
        }
        match role_start[r] {
            None => always[u] = true,
            Some(s) => {
                let slot = &mut unit_start[u];
                if slot.is_none_or(|d| s.first_day() < d.first_day()) {
                    *slot = Some(s);
                }
            }
        }
    }
    for (u, always) in always.into_iter().enumerate() {
        if always {
            unit_start[u] = None;
        }
    }
    let mut appends = Vec::new();
    let mut push = |file: &str, text: String| {
        appends.push(Append {
            file: target.path(file),
            text,
        });
    };
    for (u, unit) in read.units.iter().enumerate() {
        let mut rec = RecordText::new("unit", &unit.id).text("name", &unit.name);
        if let Some(p) = unit.parent {
            rec = rec.text("parent", &read.units[p].id);
        }
        if let Some(s) = unit_start[u] {
            rec = rec.date("since", &s);
        }
        push("units.toml", rec.toml());
    }
    for (id, name) in &read.people {
        push(
            "people.toml",
            RecordText::new("person", id).text("name", name).toml(),
        );
    }
    for (r, role) in read.roles.iter().enumerate() {
        let mut rec = RecordText::new("role", &role.id)
            .text("title", &role.title)
            .text("unit", &read.units[role.unit].id);
        if let Some(s) = role_start[r] {
            rec = rec.date("since", &s);
        }
        if let Some(h) = role_holder[r] {
            rec = rec.text("holder", &read.people[holdings[h].person].0);
        }
        if seats[r] > 1 {
            rec = rec.raw("seats", seats[r].to_string());
        }
        push("roles.toml", rec.toml());
    }
    // Events: one per unit that ends, and one per role and day its
    // holders change (a handover is one event), in date order; on a day,
    // ends before starts, then in the order of the rows.
    let mut changes: Vec<(PartialDate, Subject, u8, usize)> = Vec::new();
    for (i, h) in holdings.iter().enumerate() {
        if let (Some(s), None) = (h.start, role_holder[h.role].filter(|&x| x == i)) {
            changes.push((s, Subject::Role(h.role), 1, i));
        }
        if let Some(l) = h.leave {
            changes.push((l, Subject::Role(h.role), 0, i));
        }
    }
    for (u, unit) in read.units.iter().enumerate() {
        if let Some((e, _)) = &unit.end {
            changes.push((*e, Subject::Unit(u), 2, u));
        }
    }
    changes.sort_by_cached_key(|&(d, subject, kind, i)| {
        (d.first_day(), d.to_string(), subject, kind, i)
    });
    let mut by_year: BTreeMap<i32, String> = BTreeMap::new();
    for group in changes.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let date = group[0].0;
        let event = match group[0].1 {
            Subject::Unit(u) => dissolution(read, u),
            Subject::Role(r) => holders_change(read, r, group),
        };
        let text = EventText {
            date,
            reported: None,
            title: &event.title,
            sources: &event.sources,
            changes: event.changes,
        };
        by_year
            .entry(date.first_day().year())
            .or_default()
            .push_str(&text.toml());
    }
    for (year, text) in by_year {
        push(&format!("events/{year:04}.toml"), text);
    }
    Ok(appends)
}

/// What an event is about: a role whose holders change, or a unit that
/// ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Role(usize),
    Unit(usize),
}

/// An event's title, sources and changes.
struct Planned {
    title: String,
    sources: Vec<String>,
    changes: Vec<Vec<(&'static str, String)>>,
}

/// A unit's end: its roles eliminated (their holders leave), then the
/// unit dissolved.
fn dissolution(read: &Read, u: usize) -> Planned {
    let unit = &read.units[u];
    let mut changes: Vec<Vec<(&'static str, String)>> = read
        .roles
        .iter()
        .filter(|r| r.unit == u)
        .map(|r| vec![("op", quote("eliminate")), ("role", quote(&r.id))])
        .collect();
    changes.push(vec![("op", quote("dissolve")), ("unit", quote(&unit.id))]);
    let sources = unit
        .end
        .iter()
        .map(|(_, at)| format!("{}, line {}", file_name(&at.file), at.line))
        .collect();
    Planned {
        title: format!("{} dissolved", unit.name),
        sources,
        changes,
    }
}

/// The holders of role `r` changing on one day: `group`'s leaves (kind 0)
/// and appointments (kind 1), one handover when one leaves and one takes.
fn holders_change(read: &Read, r: usize, group: &[(PartialDate, Subject, u8, usize)]) -> Planned {
    let role = &read.roles[r];
    let unit = &read.units[role.unit].name;
    let mut changes = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let (mut left, mut took) = (Vec::new(), Vec::new());
    for &(_, _, kind, i) in group {
        let h = &read.holdings[i];
        let (pid, pname) = &read.people[h.person];
        let mut op = vec![
            ("op", quote(if kind == 0 { "leave" } else { "appoint" })),
            ("person", quote(pid)),
            ("role", quote(&role.id)),
        ];
        match kind {
            0 => left.push(pname.as_str()),
            _ => {
                if h.acting {
                    op.push(("acting", "true".to_string()));
                }
                took.push(format!(
                    "{pname}{}",
                    if h.acting { " (acting)" } else { "" }
                ));
            }
        }
        changes.push(op);
        for s in &h.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let what = format!("{}, {unit}", role.title);
    let title = match (left.as_slice(), took.as_slice()) {
        ([], took) => format!("{} takes {what}", took.join(" and ")),
        (left, []) => format!("{} leaves {what}", left.join(" and ")),
        ([old], [new]) => format!("{new} succeeds {old} as {what}"),
        (left, took) => format!(
            "{what}: {} leave, {} take it",
            left.join(" and "),
            took.join(" and ")
        ),
    };
    Planned {
        title,
        sources,
        changes,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
