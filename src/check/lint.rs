//! `orgctl check --strict`: warnings a careful data keeper wants, over a
//! history that loaded cleanly. Each is a [`Code`] `W03xx`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, SourceMap, Span};
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{Change, History, Interval, Loc, Named, Origin, Subject};

/// A vacancy longer than this many days is reported.
pub const LONG_VACANCY_DAYS: i64 = 365;

/// Every strict warning about `h`, with `today` for open-ended checks.
/// `sources` holds the files' texts, to find the values the history does
/// not locate (an event's `reported`).
pub fn strict(h: &History, today: NaiveDate, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    events(h, today, sources, &mut out);
    replacements_and_vacancies(h, today, &mut out);
    transfers_without_leave(h, &mut out);
    overlaps(h, &mut out);
    shared_aliases(h, &mut out);
    dotted_cycles(h, &mut out);
    out
}

fn events(h: &History, today: NaiveDate, sources: &SourceMap, out: &mut Vec<Diagnostic>) {
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
        if let Some(r) = e.reported()
            && r.first_day() > today
        {
            out.push(Diagnostic::new(
                Code::ReportedInFuture,
                format!(
                    "event '{}' is reported on {r}, after today ({today})",
                    e.key
                ),
                reported_span(sources, e.loc.span()),
            ));
        }
    }
}

/// The `reported` value of the event whose `date` value is at `date`: read
/// again from its table's text (from its `[[event]]` header to the next
/// header), else `date` itself.
fn reported_span(sources: &SourceMap, date: Span) -> Span {
    let text = sources.text(date.file);
    let Some(at) = text.get(..date.range.start) else {
        return date;
    };
    let header = |l: &str| l.trim_start().starts_with('[');
    let start = at.rfind("\n[").map_or(0, |i| i + 1);
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if offset > start && header(line) {
            break;
        }
        let key = line.trim_start();
        if let Some(rest) = key.strip_prefix("reported")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let value = value.trim_start();
            let len = value
                .find(|c: char| c.is_whitespace() || c == '#' || c == ',' || c == '}')
                .unwrap_or(value.len());
            let from = offset + (line.len() - value.len());
            if len > 0 {
                return Span {
                    file: date.file,
                    range: from..from + len,
                };
            }
        }
        offset += line.len();
    }
    date
}

/// True when event `e` has a `leave` of `person` (from `role`, or from
/// every role).
fn has_leave(h: &History, e: EventId, person: PersonId, role: RoleId) -> bool {
    h.event(e).changes.iter().any(|c| {
        matches!(c, Change::Leave { person: p, role: r } if *p == person && r.is_none_or(|r| r == role))
    })
}

/// Where each `leave` is written: by person and day, the event, the
/// change's position in it and the role it names (`None`: every role).
type Leaves = HashMap<(PersonId, NaiveDate), Vec<(EventId, usize, Option<RoleId>)>>;

fn leaves(h: &History) -> Leaves {
    let mut out = Leaves::new();
    for (i, e) in h.events.iter().enumerate() {
        for (k, c) in e.changes.iter().enumerate() {
            if let Change::Leave { person, role } = *c {
                let at = (EventId::new(i), k, role);
                out.entry((person, e.date.first_day()))
                    .or_default()
                    .push(at);
            }
        }
    }
    out
}

/// The `leave` of `person` from `role` on `day` written after change `at`
/// of event `e`: with the appointment there, a handover.
fn later_leave(
    leaves: &Leaves,
    person: PersonId,
    role: RoleId,
    day: NaiveDate,
    (e, at): (EventId, usize),
) -> Option<(EventId, usize)> {
    leaves.get(&(person, day))?.iter().find_map(|&(le, li, r)| {
        ((le, li) > (e, at) && r.is_none_or(|r| r == role)).then_some((le, li))
    })
}

fn replacements_and_vacancies(h: &History, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let leaves = leaves(h);
    for (i, role) in h.roles.iter().enumerate() {
        let id = RoleId::new(i);
        let ivs = role.holder.intervals();
        for (k, iv) in ivs.iter().enumerate() {
            let Some(until) = iv.until else { continue };
            let next = ivs.get(k + 1);
            // Replaced by an appointment, and left later that day: a
            // handover.
            let replaced_at = match (next, until.origin) {
                // The appointment of the next holder (not the first of the
                // role in the event); an acting holder confirmed in the
                // role replaces nobody.
                (Some(n), Origin::Event(e))
                    if n.from == until && n.value.person != iv.value.person =>
                {
                    h.event(e)
                        .changes
                        .iter()
                        .position(|c| {
                            matches!(c, Change::Appoint { role, person, .. }
                                if *role == id && *person == n.value.person)
                        })
                        .map(|at| (n, e, at))
                }
                _ => None,
            };
            let handover = replaced_at.and_then(|(_, e, at)| {
                let day = until.day()?;
                later_leave(&leaves, iv.value.person, id, day, (e, at))
            });
            if let (Some((n, _, _)), Some((le, li))) = (replaced_at, handover) {
                out.push(
                    Diagnostic::new(
                        Code::Handover,
                        format!(
                            "'{}' was appointed to '{}' before '{}' left it: the role had two holders on {}",
                            h.person(n.value.person).key,
                            role.key,
                            h.person(iv.value.person).key,
                            h.event(le).date
                        ),
                        h.event(le).change_locs[li].span(),
                    )
                    .with_help(format!(
                        "'{}' holds one person at a time: write this `leave` before the appointment of '{}'",
                        role.key,
                        h.person(n.value.person).key
                    )),
                );
            }
            // Replaced by an appointment in the same event, with no leave.
            if let Some((n, e, at)) = replaced_at
                && handover.is_none()
                && !has_leave(h, e, iv.value.person, id)
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

/// An appointment to a role that is not acting while the person keeps a
/// role, not acting either, in another unit, with no `leave` in the event:
/// usually a transfer written without its `leave`, which leaves the person
/// in two teams. Head roles are left out: a leader who also heads another
/// unit (a group CEO who runs a division too) is common.
fn transfers_without_leave(h: &History, out: &mut Vec<Diagnostic>) {
    for (i, ev) in h.events.iter().enumerate() {
        let e = EventId::new(i);
        let day = ev.date.first_day();
        let unit_of = |r: RoleId| h.role(r).unit.at(day).map(|iv| iv.value);
        for (k, c) in ev.changes.iter().enumerate() {
            let Change::Appoint {
                person,
                role,
                acting: false,
            } = *c
            else {
                continue;
            };
            let heads = |r: RoleId| h.role(r).head.value_at(day).copied() == Some(true);
            let Some(unit) = unit_of(role).filter(|_| !heads(role)) else {
                continue;
            };
            let kept = h.person(person).tenures.iter().find(|&&t| {
                let iv = h.tenure(t);
                t.role != role
                    && !iv.value.acting
                    && !heads(t.role)
                    && iv.from.origin != Origin::Event(e)
                    && iv.from.day() <= Some(day)
                    && iv.until.is_none_or(|u| u.day() > Some(day))
                    && unit_of(t.role).is_some_and(|u| u != unit)
                    && !has_leave(h, e, person, t.role)
            });
            let Some(&kept) = kept else { continue };
            let name = |u: Option<UnitId>| {
                u.and_then(|u| h.unit(u).name.near(day))
                    .map_or("?", |n| n.as_str())
            };
            let (who, old) = (&h.person(person).key, &h.role(kept.role).key);
            out.push(
                Diagnostic::new(
                    Code::TransferWithoutLeave,
                    format!(
                        "'{who}' now holds roles in {} and {}: a transfer needs {{ op = \"leave\", person = \"{who}\", role = \"{old}\" }} before the appoint",
                        name(unit_of(kept.role)),
                        name(Some(unit)),
                    ),
                    ev.change_locs[k].span(),
                )
                .with_help(format!(
                    "add {{ op = \"leave\", person = \"{who}\", role = \"{old}\" }} before it; if '{who}' holds both roles, write acting = true on the one held on top"
                )),
            );
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
        Change::Eliminate(r) | Change::Unrecorded { role: r } | Change::Vacate { role: r } => {
            vec![Role(r)]
        }
        Change::MoveUnit { unit, to } => {
            let mut v = vec![Unit(unit)];
            v.extend(to.map(Unit));
            v
        }
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
        Change::Head { role } | Change::Top { role } => vec![Role(role)],
        Change::Headless { unit } => vec![Unit(unit)],
        Change::Set { subject, .. } => match subject {
            Named::Unit(u) => vec![Unit(u)],
            Named::Role(r) => vec![Role(r)],
            Named::Person(_) => vec![],
        },
        Change::Dotted { role, to } | Change::Undotted { role, to } => vec![Role(role), Role(to)],
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
            .map(|iv| iv.value.as_str())
            .chain(p.notes.declared_aka())
            .map(str::to_lowercase)
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

/// Circles of dotted lines alone (a ⇢ b ⇢ a), each reported once, at the
/// line that closed it. Checked on each day a dotted line begins, over the
/// lines of that day: nothing when no role has a dotted line.
fn dotted_cycles(h: &History, out: &mut Vec<Diagnostic>) {
    type Line<'h> = (RoleId, &'h Interval<RoleId>);
    let lines: Vec<Line> = h
        .roles
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.rare.dotted.iter().map(move |iv| (RoleId::new(i), iv)))
        .filter(|(_, iv)| !iv.held_on_no_day())
        .collect();
    let mut days: Vec<Option<NaiveDate>> = lines.iter().map(|(_, iv)| iv.from.day()).collect();
    days.sort_unstable();
    days.dedup();
    let mut seen: Vec<Vec<RoleId>> = Vec::new();
    for day in days {
        let holds =
            |iv: &Interval<RoleId>| iv.from.day() <= day && iv.until.is_none_or(|u| u.day() > day);
        let mut next: HashMap<RoleId, Vec<Line>> = HashMap::new();
        for &(from, iv) in lines.iter().filter(|(_, iv)| holds(iv)) {
            next.entry(from).or_default().push((from, iv));
        }
        for cycle in circles(&next) {
            let mut members: Vec<RoleId> = cycle.iter().map(|(r, _)| *r).collect();
            members.sort_unstable();
            if seen.contains(&members) {
                continue;
            }
            seen.push(members);
            let &(from, last) = cycle
                .iter()
                .max_by_key(|(_, iv)| iv.from.day())
                .expect("a circle has lines");
            let mut names: Vec<&str> = cycle.iter().map(|(r, _)| h.role(*r).key.as_str()).collect();
            names.push(names[0]);
            out.push(
                Diagnostic::new(
                    Code::DottedCycle,
                    format!("dotted lines go round in a circle: {}", names.join(" ⇢ ")),
                    dotted_loc(h, from, last).span(),
                )
                .with_help("a dotted line is never the chain of command, so this loads; one of them is usually written the wrong way round: end or reverse it"),
            );
        }
    }
}

/// Where the dotted line `iv` of role `from` was begun: the change of its
/// event, or the role's declaration.
fn dotted_loc(h: &History, from: RoleId, iv: &Interval<RoleId>) -> Loc {
    match iv.from.origin {
        Origin::Event(e) => {
            let ev = h.event(e);
            let at = ev.changes.iter().position(
                |c| matches!(c, Change::Dotted { role, to } if *role == from && *to == iv.value),
            );
            at.map_or(ev.loc, |i| ev.change_locs[i])
        }
        Origin::Declared(d) => h.declared_loc(d),
    }
}

/// The circles of a graph of dotted lines, each as its lines in order
/// (depth first, iteratively: each line is followed once).
fn circles<'h>(
    next: &HashMap<RoleId, Vec<(RoleId, &'h Interval<RoleId>)>>,
) -> Vec<Vec<(RoleId, &'h Interval<RoleId>)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        Open,
        Done,
    }
    let mut colour: HashMap<RoleId, Colour> = HashMap::new();
    let mut found = Vec::new();
    let mut starts: Vec<RoleId> = next.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if colour.contains_key(&start) {
            continue;
        }
        // The path: each role with the index of its next line to follow,
        // and the line that led to it.
        let mut path: Vec<(RoleId, usize)> = vec![(start, 0)];
        let mut via: Vec<(RoleId, &Interval<RoleId>)> = Vec::new();
        colour.insert(start, Colour::Open);
        while let Some(&mut (r, ref mut i)) = path.last_mut() {
            let out = next.get(&r).map_or(&[][..], Vec::as_slice);
            let Some(&line) = out.get(*i) else {
                colour.insert(r, Colour::Done);
                path.pop();
                via.pop();
                continue;
            };
            *i += 1;
            let to = line.1.value;
            match colour.get(&to) {
                Some(Colour::Open) => {
                    let at = path.iter().position(|(x, _)| *x == to).unwrap_or(0);
                    let mut circle: Vec<_> = via[at..].to_vec();
                    circle.push(line);
                    found.push(circle);
                }
                Some(Colour::Done) => {}
                None => {
                    colour.insert(to, Colour::Open);
                    path.push((to, 0));
                    via.push(line);
                }
            }
        }
    }
    found
}
