//! `show`: one card, a heading then "field  value" lines (values of
//! several items one per line).

use std::io::{self, Write};

use crate::escape::escape;
use crate::ids::EventId;
use crate::query::{Card, Entry, Existence, Fact, Found, Mark, Occupancy};
use crate::render::Style;
use crate::render::names::{
    event_date, holder_text, mark_date, origin_text, role_name, rule_text, seat_text,
};
use crate::timeline::{History, Stamp};

const WIDTH: usize = 16;

fn field(out: &mut dyn Write, style: &Style, name: &str, values: &[String]) -> io::Result<()> {
    let label = format!("{name:<WIDTH$}");
    match values {
        [] => writeln!(out, "  {}(none)", style.dim(&label)),
        [first, rest @ ..] => {
            writeln!(out, "  {}{first}", style.dim(&label))?;
            for v in rest {
                writeln!(out, "  {:<WIDTH$}{v}", "")?;
            }
            Ok(())
        }
    }
}

fn stamp_words(h: &History, s: &Stamp) -> String {
    let m = Mark::from(*s);
    let date = match m.date {
        Some(d) => d.to_string(),
        None => "the start of the record".into(),
    };
    format!("{date} ({})", origin_text(h, m.origin))
}

fn event_words(h: &History, e: EventId) -> String {
    let ev = h.event(e);
    format!(
        "{} {} [{}]",
        event_date(ev),
        escape(ev.title.as_deref().unwrap_or("(untitled)")),
        ev.key
    )
}

/// " (since DATE)" for a holder, or " (from the start of the record)";
/// " (acting, since DATE)" for an acting one.
fn since_text(occ: &Occupancy) -> String {
    match occ {
        Occupancy::Filled(iv) => {
            let acting = if iv.value.acting { "acting, " } else { "" };
            iv.from
                .date
                .map_or(format!(" ({acting}from the start of the record)"), |d| {
                    format!(" ({acting}since {d})")
                })
        }
        _ => String::new(),
    }
}

/// "Name — Title, Unit" for a role and its holder.
fn seat_line(
    h: &History,
    r: crate::ids::RoleId,
    occ: &Occupancy,
    day: chrono::NaiveDate,
) -> String {
    format!(
        "{} — {}",
        holder_text(h, occ, day),
        escape(&role_name(h, r, day))
    )
}

/// `"Lord Smith" from 2023-06-01`, `alias "chairman" until 2023-09-10`.
fn dated_name(e: &Entry) -> Option<String> {
    let (prefix, n) = match e.fact {
        Fact::Name(n) => ("", n),
        Fact::Alias(n) => ("alias ", n),
        _ => return None,
    };
    let mut s = format!("{prefix}\"{}\"", escape(n));
    if e.from.date.is_some() {
        s.push_str(&format!(" from {}", mark_date(&e.from)));
    }
    if let Some(u) = &e.until {
        s.push_str(&format!(" until {}", mark_date(u)));
    }
    Some(s)
}

pub fn show(out: &mut dyn Write, c: &Card, style: &Style) -> io::Result<()> {
    let state = &c.state;
    let h = state.history;
    let day = state.day;
    let f = c.subject;
    let heading = match f {
        Found::Role(r) => role_name(h, r, day),
        _ => c.name.to_string(),
    };
    writeln!(out, "{}", style.bold(&escape(&heading)))?;
    let kind = c
        .kind
        .map_or(String::new(), |k| format!(" ({})", escape(k)));
    writeln!(
        out,
        "{}",
        style.dim(&format!("{} {}{kind}, on {day}", f.noun(), f.key(h)))
    )?;
    writeln!(out)?;
    let aka: Vec<String> = c.aka.iter().map(|a| escape(a).into_owned()).collect();
    if !aka.is_empty() {
        field(out, style, "also known as", &[aka.join("; ")])?;
    }
    if !c.other_names.is_empty() {
        let label = if matches!(f, Found::Role(_)) {
            "other titles"
        } else {
            "other names"
        };
        let names: Vec<String> = c
            .other_names
            .iter()
            .map(|n| format!("\"{}\"", escape(n)))
            .collect();
        field(out, style, label, &[names.join("; ")])?;
    }
    if !c.dated_names.is_empty() {
        let spans: Vec<String> = c.dated_names.iter().filter_map(dated_name).collect();
        field(out, style, "dated names", &spans)?;
    }
    match c.existence {
        None => {}
        Some(Existence::Exists(s)) => field(
            out,
            style,
            "exists",
            &[format!("since {}", stamp_words(h, &s))],
        )?,
        Some(Existence::NotYet(s)) => field(
            out,
            style,
            "exists",
            &[match s {
                Some(s) => format!("not yet: from {}", stamp_words(h, &s)),
                None => "never".into(),
            }],
        )?,
        Some(Existence::Ended { at, into }) => {
            // A successor created later has its own line below.
            let into = into.filter(|_| c.succeeded_by.is_none());
            let into = into.map_or(String::new(), |u| {
                format!(" into {}", escape(h.unit_name(u, day)))
            });
            let verb = if matches!(f, Found::Role(_)) {
                "eliminated"
            } else {
                "dissolved"
            };
            field(
                out,
                style,
                "exists",
                &[format!(
                    "no longer: {verb}{into} on {}",
                    stamp_words(h, &at)
                )],
            )?
        }
    }
    if let Some((u, created)) = &c.succeeded_by {
        let name = escape(h.unit_name(*u, day)).into_owned();
        let when = stamp_words(h, created);
        field(
            out,
            style,
            "succeeded by",
            &[format!("{name}, created on {when}")],
        )?;
    }
    if !c.successor_of.is_empty() {
        let of: Vec<String> = c
            .successor_of
            .iter()
            .map(|(u, at)| {
                let name = escape(h.unit_name(*u, day)).into_owned();
                format!("{name}, dissolved on {}", stamp_words(h, at))
            })
            .collect();
        field(out, style, "successor of", &of)?;
    }
    let exists = !matches!(
        c.existence,
        Some(Existence::NotYet(_) | Existence::Ended { .. })
    );
    match f {
        Found::Person(_) => {
            let roles: Vec<String> = c
                .roles
                .iter()
                .map(|(r, occ)| format!("{}{}", escape(&role_name(h, *r, day)), since_text(occ)))
                .collect();
            field(out, style, "roles", &roles)?;
        }
        Found::Unit(_) if exists => {
            let parent = c.unit.map_or("(top level)".into(), |u| {
                escape(h.unit_name(u, day)).into_owned()
            });
            field(out, style, "parent", &[parent])?;
            let head = c.head.as_ref().map(|(r, occ)| seat_line(h, *r, occ, day));
            field(out, style, "head", head.as_slice())?;
            let roles: Vec<String> = c
                .roles
                .iter()
                .filter(|(r, _)| c.head.as_ref().is_none_or(|(head, _)| head != r))
                .map(|(r, occ)| seat_line(h, *r, occ, day))
                .collect();
            field(out, style, "other roles", &roles)?;
            let units: Vec<String> = c
                .units
                .iter()
                .map(|&u| escape(h.unit_name(u, day)).into_owned())
                .collect();
            field(out, style, "units", &units)?;
        }
        Found::Role(_) if exists => {
            let mut unit = c
                .unit
                .map_or(String::new(), |u| escape(h.unit_name(u, day)).into_owned());
            if c.is_head {
                unit.push_str(" (head)");
            }
            field(out, style, "unit", &[unit])?;
            let holder: Vec<String> = c
                .roles
                .iter()
                .map(|(_, occ)| match occ {
                    // The acting mark goes with the date: "(acting, since D)".
                    Occupancy::Filled(_) => {
                        format!("{}{}", seat_text(h, occ, day), since_text(occ))
                    }
                    _ => holder_text(h, occ, day),
                })
                .collect();
            field(out, style, "holder", &holder)?;
        }
        _ => {}
    }
    // A person without a role is above and below nobody.
    let placed = match f {
        Found::Person(_) => !c.roles.is_empty(),
        _ => exists,
    };
    if placed {
        let mut up: Vec<String> =
            c.up.iter()
                .map(|u| {
                    let via = if matches!(f, Found::Role(_)) {
                        String::new()
                    } else {
                        format!(" (as {})", escape(h.role_title(u.role, day)))
                    };
                    format!(
                        "{} — {}, by {}{via}",
                        seat_text(h, &u.manager, day),
                        escape(&role_name(h, u.line.to, day)),
                        rule_text(h, u.line.rule, day)
                    )
                })
                .collect();
        up.extend(c.tops.iter().map(|&r| {
            if matches!(f, Found::Role(_)) {
                "nobody (top of its chain)".to_string()
            } else {
                format!(
                    "nobody as {} (top of its chain)",
                    escape(h.role_title(r, day))
                )
            }
        }));
        // A unit reports, and is reported to, through its head role.
        let unit = matches!(f, Found::Unit(_));
        if !(unit && c.head.is_none()) {
            let label = if unit {
                "head reports to"
            } else {
                "reports to"
            };
            field(out, style, label, &up)?;
            let reports: Vec<String> = c
                .reports
                .iter()
                .map(|(r, occ)| seat_line(h, *r, occ, day))
                .collect();
            let label = if unit {
                "reports to head"
            } else {
                "direct reports"
            };
            field(out, style, label, &reports)?;
        }
        dotted_fields(out, c, style)?;
    }
    // A person's attributes hold whether they hold a role or not.
    if !c.attributes.is_empty() {
        let attrs: Vec<String> = c
            .attributes
            .iter()
            .map(|(k, v)| format!("{}: {}", escape(k), escape(v)))
            .collect();
        field(out, style, "attributes", &attrs)?;
    }
    if let Some(n) = &c.notes.note {
        field(out, style, "note", &[escape(n).into_owned()])?;
    }
    let first = c.first_event.map(|e| event_words(h, e));
    field(out, style, "first event", first.as_slice())?;
    if c.last_event != c.first_event {
        let last = c.last_event.map(|e| event_words(h, e));
        field(out, style, "last event", last.as_slice())?;
    }
    let announced = super::log::pending_lines(h, &c.announced, "");
    if !announced.is_empty() {
        field(out, style, "announced", &announced)?;
    }
    if !c.notes.sources.is_empty() {
        let sources: Vec<String> = c
            .notes
            .sources
            .iter()
            .map(|s| escape(s).into_owned())
            .collect();
        field(out, style, "sources", &sources)?;
    }
    Ok(())
}

/// The card's dotted lines, up and down, when it has any (never part of
/// "reports to" and "direct reports": no line of command).
fn dotted_fields(out: &mut dyn Write, c: &Card, style: &Style) -> io::Result<()> {
    let (h, day) = (c.state.history, c.state.day);
    let via = |r: crate::ids::RoleId| match c.subject {
        Found::Role(_) => String::new(),
        _ => format!(" (as {})", escape(h.role_title(r, day))),
    };
    if !c.dotted_up.is_empty() {
        let up: Vec<String> = c
            .dotted_up
            .iter()
            .map(|d| format!("{}{}", seat_line(h, d.to, &d.holder, day), via(d.from)))
            .collect();
        field(out, style, "dotted to", &up)?;
    }
    if !c.dotted_down.is_empty() {
        let down: Vec<String> = c
            .dotted_down
            .iter()
            .map(|d| format!("{}{}", seat_line(h, d.from, &d.holder, day), via(d.to)))
            .collect();
        field(out, style, "dotted from", &down)?;
    }
    Ok(())
}
