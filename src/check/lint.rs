//! `orgctl check --strict`: warnings a careful data keeper wants, over a
//! history that loaded cleanly. Each is a [`Code`] `W03xx`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::check::codes::Code;
use crate::check::diag::Diagnostic;
use crate::ids::{EventId, PersonId};
use crate::timeline::{Change, History, Named, Origin, Subject};

/// A vacancy longer than this many days is reported.
pub const LONG_VACANCY_DAYS: i64 = 365;

/// Every strict warning about `h`, with `today` for open-ended checks.
pub fn strict(h: &History, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    events(h, today, &mut out);
    replacements_and_vacancies(h, today, &mut out);
    overlaps(h, &mut out);
    shared_aliases(h, &mut out);
    out
}

fn events(h: &History, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for e in &h.events {
        if h.sources(e).is_empty() {
            out.push(
                Diagnostic::new(
                    Code::MissingSources,
                    format!("event '{}' cites no source", e.key),
                    e.loc.span(),
                )
                .with_help("add sources = [\"Publication, YYYY-MM-DD\"]"),
            );
        }
        if e.title.is_none() {
            out.push(
                Diagnostic::new(
                    Code::MissingTitle,
                    format!("event '{}' has no title", e.key),
                    e.loc.span(),
                )
                .with_help("add title = \"...\": logs and diffs show it"),
            );
        }
        if let Some(r) = e.reported
            && r.first_day() > today
        {
            out.push(Diagnostic::new(
                Code::ReportedInFuture,
                format!(
                    "event '{}' is reported on {r}, after today ({today})",
                    e.key
                ),
                e.loc.span(),
            ));
        }
    }
}

/// True when event `e` has a `leave` of `person` (from `role`, or from
/// every role).
fn has_leave(h: &History, e: EventId, person: PersonId, role: crate::ids::RoleId) -> bool {
    h.event(e).changes.iter().any(|c| {
        matches!(c, Change::Leave { person: p, role: r } if *p == person && r.is_none_or(|r| r == role))
    })
}

fn replacements_and_vacancies(h: &History, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for (i, role) in h.roles.iter().enumerate() {
        let id = crate::ids::RoleId::new(i);
        let ivs = role.holder.intervals();
        for (k, iv) in ivs.iter().enumerate() {
            let Some(until) = iv.until else { continue };
            let next = ivs.get(k + 1);
            // Replaced by an appointment in the same event, with no leave.
            if let (Some(n), Origin::Event(e)) = (next, until.origin)
                && n.from == until
                && !has_leave(h, e, iv.value.person, id)
                && let Some(at) = h
                    .event(e)
                    .changes
                    .iter()
                    .position(|c| matches!(c, Change::Appoint { role, .. } if *role == id))
            {
                out.push(
                    Diagnostic::new(
                        Code::ImplicitReplacement,
                        format!(
                            "appointing '{}' to '{}' replaces '{}' without a `leave`",
                            h.person(n.value.person).key,
                            role.key,
                            h.person(iv.value.person).key
                        ),
                        h.event(e).change_locs[at].span(),
                    )
                    .with_help(format!(
                        "add {{ op = \"leave\", person = \"{}\", role = \"{}\" }} before it",
                        h.person(iv.value.person).key,
                        role.key
                    )),
                );
            }
            // Vacant from `until` to the next holder, or to the role's end
            // or today.
            let Some(start) = until.day() else { continue };
            let end = match next {
                Some(n) => n.from.day(),
                None => role
                    .life
                    .intervals()
                    .last()
                    .and_then(|l| l.until.map_or(Some(today), |u| u.day())),
            };
            if let Some(end) = end
                && (end - start).num_days() > LONG_VACANCY_DAYS
            {
                let loc = match until.origin {
                    Origin::Event(e) => h.event(e).loc,
                    Origin::Declared(d) => h.declared_loc(d),
                };
                out.push(
                    Diagnostic::new(
                        Code::LongVacancy,
                        format!(
                            "role '{}' is vacant from {start} to {end} ({} days)",
                            role.key,
                            (end - start).num_days()
                        ),
                        loc.span(),
                    )
                    .with_help("record who took the role, or eliminate it"),
                );
            }
        }
    }
}

/// The units and roles a change touches.
fn touched(c: &Change) -> Vec<Subject> {
    use Subject::{Role, Unit};
    match *c {
        Change::Create(s) => vec![s],
        Change::Dissolve { unit, into } => {
            let mut v = vec![Unit(unit)];
            v.extend(into.map(Unit));
            v
        }
        Change::Eliminate(r) => vec![Role(r)],
        Change::MoveUnit { unit, to } => vec![Unit(unit), Unit(to)],
        Change::MoveRole { role, to } => vec![Role(role), Unit(to)],
        Change::RenameUnit { unit, .. } => vec![Unit(unit)],
        Change::RetitleRole { role, .. } => vec![Role(role)],
        Change::Alias { named, .. } | Change::Unalias { named, .. } => match named {
            Named::Unit(u) => vec![Unit(u)],
            Named::Role(r) => vec![Role(r)],
            Named::Person(_) => vec![],
        },
        Change::RenamePerson { .. } => vec![],
        Change::Appoint { role, .. } => vec![Role(role)],
        Change::Leave { role, .. } => role.map(Role).into_iter().collect(),
        Change::Report { role, .. } => vec![Role(role)],
        Change::Set { subject, .. } => vec![subject],
    }
}

/// Consecutive events on one unit or role whose periods overlap, one of
/// them imprecise: their order is a guess.
fn overlaps(h: &History, out: &mut Vec<Diagnostic>) {
    let mut last: HashMap<Subject, EventId> = HashMap::new();
    for (i, e) in h.events.iter().enumerate() {
        let id = EventId::new(i);
        let mut seen = Vec::new();
        for c in &e.changes {
            for s in touched(c) {
                if seen.contains(&s) {
                    continue;
                }
                seen.push(s);
                if let Some(&prev) = last.get(&s) {
                    let p = h.event(prev);
                    if (p.date.is_imprecise() || e.date.is_imprecise())
                        && p.date.last_day() >= e.date.first_day()
                    {
                        let name = match s {
                            Subject::Unit(u) => format!("unit '{}'", h.unit(u).key),
                            Subject::Role(r) => format!("role '{}'", h.role(r).key),
                        };
                        out.push(
                            Diagnostic::new(
                                Code::MayOverlap,
                                format!(
                                    "events '{}' ({}) and '{}' ({}) both touch {name} and may overlap",
                                    p.key, p.date, e.key, e.date
                                ),
                                e.loc.span(),
                            )
                            .with_help("they are applied in load order; give a more precise date if a source has one"),
                        );
                    }
                }
                last.insert(s, id);
            }
        }
    }
}

fn shared_aliases(h: &History, out: &mut Vec<Diagnostic>) {
    let mut owner: HashMap<String, PersonId> = HashMap::new();
    for (i, p) in h.people.iter().enumerate() {
        let id = PersonId::new(i);
        let mut names: Vec<String> = p
            .name
            .intervals()
            .iter()
            .map(|iv| &iv.value)
            .chain(&p.notes.aka)
            .map(|n| n.to_lowercase())
            .collect();
        names.sort();
        names.dedup();
        for n in names {
            match owner.get(&n) {
                Some(&other) if other != id => out.push(
                    Diagnostic::new(
                        Code::SharedAlias,
                        format!(
                            "'{}' and '{}' both answer to \"{n}\"",
                            h.person(other).key,
                            p.key
                        ),
                        p.declared.span(),
                    )
                    .with_help("make the alias more specific, or look them up by id"),
                ),
                _ => {
                    owner.insert(n, id);
                }
            }
        }
    }
}
