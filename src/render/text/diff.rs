//! `diff`: the changes by kind, then the events; `diff --stat`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{count, event_lines, known_line, many};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{
    Diff, DiffChange, DiffKind, Occupancy, OrgView, PersonChange, PersonKind, Place, Ref, State,
};
use crate::render::Style;
use crate::render::names::{holders_text, role_label_in, seat_text};
use crate::timeline::{Event, History};

/// A change's referent, named on the day that fits it.
fn name_ref(h: &History, state: &State, r: &Ref) -> String {
    let day = state.day;
    match r {
        Ref::Unit(u) => escape(h.unit_name(*u, day)).into_owned(),
        Ref::Role(role) => escape(&role_label_in(state, *role)).into_owned(),
        Ref::Person(p) => escape(h.person_name(*p, day)).into_owned(),
        Ref::Text(t) => format!("\"{}\"", escape(t)),
    }
}

fn section_title(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::UnitCreated => "Units created",
        DiffKind::UnitDissolved => "Units dissolved",
        DiffKind::UnitMoved => "Units moved",
        DiffKind::UnitRenamed => "Units renamed",
        DiffKind::RoleCreated => "Roles created",
        DiffKind::RoleEliminated => "Roles eliminated",
        DiffKind::RoleMoved => "Roles moved",
        DiffKind::RoleRetitled => "Roles retitled",
        DiffKind::PersonRenamed => "People renamed",
        DiffKind::Appointed => "Appointments",
        DiffKind::Left => "Departures",
        DiffKind::LineChanged => "Reporting lines changed",
        DiffKind::AttributeChanged => "Attributes changed",
        DiffKind::DottedChanged => "Dotted lines changed",
    }
}

fn describe(d: &Diff, c: &DiffChange) -> String {
    let h = d.to.history;
    let (a, b) = (&d.from, &d.to);
    let before = |r: &Option<Ref>| r.as_ref().map(|r| name_ref(h, a, r));
    let after = |r: &Option<Ref>| r.as_ref().map(|r| name_ref(h, b, r));
    let subject_then = name_ref(h, a, &c.subject);
    let subject_now = name_ref(h, b, &c.subject);
    let none = || "(none)".to_string();
    match c.kind {
        DiffKind::UnitCreated => match after(&c.after) {
            Some(p) => format!("{subject_now}, under {p}"),
            None => subject_now,
        },
        DiffKind::RoleCreated => subject_now,
        DiffKind::UnitDissolved => match (after(&c.after), &c.subject) {
            (Some(into), Ref::Unit(u)) if h.unit(*u).succession => {
                format!("{subject_then}, succeeded by {into}")
            }
            (Some(into), _) => format!("{subject_then}, absorbed into {into}"),
            (None, _) => subject_then,
        },
        DiffKind::RoleEliminated => subject_then,
        DiffKind::UnitMoved | DiffKind::RoleMoved => format!(
            "{subject_now}: {} → {}",
            before(&c.before).unwrap_or_else(|| "(top level)".into()),
            // Only a spin-off ends a unit's parent while it lives on.
            after(&c.after).unwrap_or_else(|| "(top level: spun off)".into())
        ),
        DiffKind::UnitRenamed | DiffKind::PersonRenamed => format!(
            "{} → {}",
            before(&c.before).unwrap_or_else(none),
            after(&c.after).unwrap_or_else(none)
        ),
        // A title alone could be any of several roles: name the unit.
        DiffKind::RoleRetitled => {
            let unit = match c.subject {
                Ref::Role(r) => b.unit_of(r).map(|u| name_ref(h, b, &Ref::Unit(u))),
                _ => None,
            };
            format!(
                "{} → {}{}",
                before(&c.before).unwrap_or_else(none),
                after(&c.after).unwrap_or_else(none),
                unit.map_or(String::new(), |u| format!(", {u}"))
            )
        }
        DiffKind::Appointed => format!(
            "{subject_now} as {}{}",
            after(&c.after).unwrap_or_else(none),
            if c.acting { " (acting)" } else { "" }
        ),
        DiffKind::Left => {
            let role = before(&c.before).unwrap_or_else(none);
            let gone = matches!(c.before, Some(Ref::Role(r)) if !b.role_exists(r));
            let gone = if gone { " (role eliminated)" } else { "" };
            match c.moved_to {
                // A promotion or a transfer in one event, not a departure.
                Some(r) => format!(
                    "{subject_then} moved from {role} to {}{gone}",
                    name_ref(h, b, &Ref::Role(r))
                ),
                None => format!("{subject_then} left {role}{gone}"),
            }
        }
        DiffKind::LineChanged => {
            let manager = |s: &State, r: &Option<Ref>| match r {
                Some(Ref::Role(role)) => format!(
                    "{} ({})",
                    name_ref(h, s, &Ref::Role(*role)),
                    seat_text(h, &s.occupancy(*role), s.day)
                ),
                _ => "nobody".into(),
            };
            format!(
                "{subject_now}: {} → {}",
                manager(a, &c.before),
                manager(b, &c.after)
            )
        }
        DiffKind::DottedChanged => match (&c.before, &c.after) {
            (Some(to), _) => format!(
                "{subject_then}: dotted line to {} ended",
                name_ref(h, a, to)
            ),
            (None, Some(to)) => {
                format!("{subject_now}: dotted line to {} added", name_ref(h, b, to))
            }
            (None, None) => subject_now,
        },
        DiffKind::AttributeChanged => format!(
            "{subject_now}: {} {} → {}",
            escape(c.key.as_deref().unwrap_or("")),
            before(&c.before).unwrap_or_else(|| "(unset)".into()),
            after(&c.after).unwrap_or_else(|| "(unset)".into())
        ),
    }
}

/// Who a role reports to on `state`'s day, in words: its holders, else
/// the role and that it is vacant; "nobody" at the top.
fn manager_text(state: &State, m: Option<RoleId>) -> String {
    let h = state.history;
    let Some(m) = m else {
        return "nobody".into();
    };
    let seated = state.seated(m);
    if seated.iter().any(|o| matches!(o, Occupancy::Filled(_))) {
        holders_text(h, &seated, state.day)
    } else {
        format!(
            "{} ({})",
            escape(&role_label_in(state, m)),
            seat_text(h, &state.occupancy(m), state.day)
        )
    }
}

/// One person's change of situation in words.
fn person_line(d: &Diff, c: &PersonChange) -> String {
    let h = d.to.history;
    let (a, b) = (&d.from, &d.to);
    let who = |s: &State| escape(h.person_name(c.person, s.day)).into_owned();
    let unit = |s: &State, u: Option<UnitId>| {
        u.map_or("(no unit)".into(), |u| {
            escape(h.unit_name(u, s.day)).into_owned()
        })
    };
    let label = |s: &State, p: &Place| {
        let acting = if p.acting { " (acting)" } else { "" };
        format!("{}{acting}", escape(&role_label_in(s, p.role)))
    };
    let title = |s: &State, p: &Place| escape(h.role_title(p.role, s.day)).into_owned();
    let reports = |p: &Place| format!(", reports to {}", manager_text(b, p.manager));
    let text = match (c.kind, &c.before, &c.after) {
        (PersonKind::Hired, _, Some(y)) => {
            format!("{}: joined as {}{}", who(b), label(b, y), reports(y))
        }
        (PersonKind::Left, Some(x), _) => format!("{}: left {}", who(a), label(a, x)),
        (PersonKind::Moved, Some(x), Some(y)) => format!(
            "{}: {} → {}, as {}{}",
            who(b),
            unit(a, x.unit),
            unit(b, y.unit),
            title(b, y),
            reports(y)
        ),
        (PersonKind::NewRole, Some(x), Some(y)) => format!(
            "{}: {} → {}{}",
            who(b),
            title(a, x),
            label(b, y),
            reports(y)
        ),
        (_, Some(x), Some(y)) => format!(
            "{}: reports to {} (was {})",
            who(b),
            manager_text(b, y.manager),
            manager_text(a, x.manager)
        ),
        _ => who(b),
    };
    let when = if c.kind == PersonKind::Left {
        "on"
    } else {
        "from"
    };
    match c.event {
        Some(e) => format!("{text}, {when} {}", h.event(e).date),
        None => text,
    }
}

/// The people view: one line per person whose situation changed.
fn people(out: &mut dyn Write, d: &Diff, style: &Style) -> io::Result<()> {
    if d.people.is_empty() {
        return Ok(());
    }
    let h = d.to.history;
    writeln!(out)?;
    writeln!(out, "{}", style.bold("People"))?;
    many::write_each(out, &d.people, |s, c| {
        let mark = coloured(c.kind.letter(), style);
        let event = c
            .event
            .map(|e| style.dim(&format!("  [{}]", h.event(e).key)))
            .unwrap_or_default();
        writeln!(s, "  {mark} {}{event}", person_line(d, c))
    })
}

/// A change's letter in its colour, as git colours them: additions
/// green, removals red, the rest yellow.
fn coloured(letter: char, style: &Style) -> String {
    let l = letter.to_string();
    match letter {
        'A' | '+' => style.green(&l),
        'D' | '-' => style.red(&l),
        _ => style.yellow(&l),
    }
}

fn diff_header(out: &mut dyn Write, d: &Diff, style: &Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!("Changes from {} to {}", d.from.day, d.to.day))
    )?;
    known_line(out, d.to.history, style)
}

/// `diff --stat`: one line per kind of change, with its letter and count,
/// then the totals.
pub fn diff_stat(out: &mut dyn Write, d: &Diff, style: &Style) -> io::Result<()> {
    diff_header(out, d, style)?;
    let stat = d.stat();
    let width = stat
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    for (kind, n) in &stat {
        writeln!(
            out,
            "  {} {n:>width$}  {}",
            coloured(kind.letter(), style),
            section_title(*kind).to_lowercase()
        )?;
    }
    writeln!(
        out,
        "{}, {} (after {}, up to {})",
        count(d.changes.len(), "change", "changes"),
        count(d.events.len(), "event", "events"),
        d.from.day,
        d.to.day
    )
}

/// `diff`: the changes by kind, the people view, the events; with
/// `people_only` (`--people`), the people view and the events.
pub fn diff(out: &mut dyn Write, d: &Diff, people_only: bool, style: &Style) -> io::Result<()> {
    let h = d.to.history;
    diff_header(out, d, style)?;
    if people_only && d.people.is_empty() {
        writeln!(out, "\nno changes of people")?;
    } else if !people_only && d.changes.is_empty() {
        writeln!(out, "\nno changes")?;
    }
    let changes = if people_only { &[][..] } else { &d.changes[..] };
    for section in changes.chunk_by(|x, y| x.kind == y.kind) {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(section_title(section[0].kind)))?;
        many::write_each(out, section, |s, c| {
            let event = c
                .event
                .map(|e| style.dim(&format!("  [{}]", h.event(e).key)))
                .unwrap_or_default();
            let letter = coloured(c.kind.letter(), style);
            writeln!(s, "  {letter} {}{event}", describe(d, c))
        })?;
    }
    people(out, d, style)?;
    writeln!(out)?;
    let events: Vec<&Event> = h.events[d.events.clone()].iter().collect();
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Events ({} after {}, up to {})",
            events.len(),
            d.from.day,
            d.to.day
        ))
    )?;
    event_lines(out, h, &events, style)
}
