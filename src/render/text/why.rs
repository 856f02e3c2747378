//! `why`: for each role, the facts that make the situation, since when
//! and by what; then the reporting line, its rule and the facts it rests
//! on; then the events cited with their sources.

use std::io::{self, Write};

use super::{Grid, events_footer};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{Absence, Basis, Because, Existence, Found, Mark, Reason, RoleWhy, Why};
use crate::render::Style;
use crate::render::names::{mark_date, origin_text, role_name, rule_text, subject_name};
use crate::timeline::{History, Stamp, Subject};
use chrono::NaiveDate;

fn role(h: &History, r: RoleId, day: NaiveDate) -> String {
    escape(&role_name(h, r, day)).into_owned()
}

fn person(h: &History, holding: &crate::timeline::Holding, day: NaiveDate) -> String {
    let name = escape(h.person_name(holding.person, day)).into_owned();
    if holding.acting {
        format!("{name} (acting)")
    } else {
        name
    }
}

/// A reason in words. Facts about `own` (the role of the section, or the
/// unit asked about) leave its name out.
fn reason_text(h: &History, r: &Reason, own: Option<Subject>, day: NaiveDate) -> String {
    let who = |x: RoleId| -> String {
        if Some(Subject::Role(x)) == own {
            String::new()
        } else {
            format!("{} ", role(h, x, day))
        }
    };
    let unit_name = |u: UnitId| -> String {
        if Some(Subject::Unit(u)) == own {
            String::new()
        } else {
            format!("{} ", escape(h.unit_name(u, day)))
        }
    };
    let subject = |s: Subject| -> String {
        match s {
            Subject::Role(x) => who(x),
            Subject::Unit(u) => unit_name(u),
        }
    };
    match *r {
        Reason::Exists(s) => format!("{}exists", subject(s)),
        Reason::Name { subject: s, name } => match s {
            Subject::Role(_) => format!("{}titled \"{}\"", subject(s), escape(name)),
            Subject::Unit(_) => format!("named \"{}\"", escape(name)),
        },
        Reason::Holds { role: x, holding } => {
            format!("{}held by {}", who(x), person(h, &holding, day))
        }
        Reason::Vacant { role: x } => format!("{}vacant", who(x)),
        Reason::Unrecorded { role: x } => format!("{}has no holder recorded", who(x)),
        Reason::Attribute {
            subject: s,
            key,
            value,
        } => format!("{}{}: {}", subject(s), escape(key), escape(value)),
        Reason::Dotted { role: x, to } => format!(
            "{}has a dotted line to {} (not its line of command)",
            who(x),
            role(h, to, day)
        ),
        Reason::Line(b) => match b {
            Basis::ExplicitLine { role: x, to } => {
                format!("{}has an explicit line to {}", who(x), role(h, to, day))
            }
            Basis::InUnit { role: x, unit } => {
                format!("{}is in {}", who(x), escape(h.unit_name(unit, day)))
            }
            Basis::Heads { role: x, unit } => {
                format!("{}heads {}", who(x), escape(h.unit_name(unit, day)))
            }
            Basis::Under { unit, parent } => format!(
                "{}is under {}",
                unit_name(unit),
                escape(h.unit_name(parent, day))
            ),
            Basis::Headless { unit } => format!("{}has no head role", unit_name(unit)),
            Basis::Top { role: x } => {
                format!("{}is the top of its chain (top = true)", who(x))
            }
        },
    }
}

fn rows(h: &History, t: &mut Grid, facts: &[Because], own: Option<Subject>, day: NaiveDate) {
    for b in facts {
        let m = Mark::from(b.from);
        t.add_row(vec![
            reason_text(h, &b.reason, own, day),
            mark_date(&m),
            origin_text(h, m.origin),
        ]);
    }
}

/// "on DATE (event KEY)", or "from the start of the record (declared at
/// FILE:LINE)".
fn stamp_words(h: &History, s: &Stamp) -> String {
    let m = Mark::from(*s);
    let date = m
        .date
        .map_or("from the start of the record".into(), |d| format!("on {d}"));
    format!("{date} ({})", origin_text(h, m.origin))
}

fn role_section(out: &mut dyn Write, w: &Why, rw: &RoleWhy, style: &Style) -> io::Result<()> {
    let h = w.history;
    let day = w.day;
    writeln!(out)?;
    writeln!(out, "{}", style.bold(&role(h, rw.role, day)))?;
    let mut t = Grid::new(style);
    t.set_header(vec!["FACT", "SINCE", "ESTABLISHED BY"]);
    rows(h, &mut t, &rw.facts, Some(Subject::Role(rw.role)), day);
    t.write(out)?;
    writeln!(out)?;
    match rw.line {
        None => {
            writeln!(
                out,
                "{}",
                style.bold("Reports to nobody: the top of its chain")
            )?;
            if rw.line_facts.is_empty() {
                return Ok(());
            }
            // The heads passed over: they report to this role.
            let mut t = Grid::new(style);
            t.set_header(vec!["BECAUSE", "SINCE", "ESTABLISHED BY"]);
            rows(h, &mut t, &rw.line_facts, Some(Subject::Role(rw.role)), day);
            t.write(out)
        }
        Some(line) => {
            let manager = match rw.manager.map(|b| b.reason) {
                Some(Reason::Holds { holding, .. }) => person(h, &holding, day),
                Some(Reason::Vacant { .. }) => "vacant".into(),
                _ => "no holder recorded".into(),
            };
            writeln!(
                out,
                "{}",
                style.bold(&format!(
                    "Reports to {} ({manager}), by {}",
                    role(h, line.to, day),
                    rule_text(h, line.rule, day)
                ))
            )?;
            let mut t = Grid::new(style);
            t.set_header(vec!["BECAUSE", "SINCE", "ESTABLISHED BY"]);
            rows(h, &mut t, &rw.line_facts, Some(Subject::Role(rw.role)), day);
            rows(
                h,
                &mut t,
                rw.manager.as_slice(),
                Some(Subject::Role(rw.role)),
                day,
            );
            t.write(out)
        }
    }
}

fn absence_text(w: &Why, a: &Absence) -> String {
    let h = w.history;
    let day = w.day;
    let name = escape(&subject_name(h, w.subject, day)).into_owned();
    match a {
        Absence::Life(Existence::Exists(_)) => String::new(),
        Absence::Life(Existence::NotYet(Some(s))) => format!(
            "{name} does not exist yet on {day}: it comes into existence {}",
            stamp_words(h, s)
        ),
        Absence::Life(Existence::NotYet(None)) => format!("{name} never comes into existence"),
        Absence::Life(Existence::Ended { at, into }) => {
            let verb = match w.subject {
                Found::Role(_) => "eliminated",
                _ => "dissolved",
            };
            let successor = match w.subject {
                Found::Unit(u) if h.unit(u).succession => *into,
                _ => None,
            };
            if let Some(t) = successor {
                let created = h.unit(t).created();
                return format!(
                    "{name} no longer exists on {day}: it was dissolved {}, to be succeeded by {}{}",
                    stamp_words(h, at),
                    escape(h.unit_name(t, day)),
                    created.map_or(String::new(), |s| format!(
                        ", created {}",
                        stamp_words(h, &s)
                    ))
                );
            }
            let into = into.map_or(String::new(), |u| {
                format!(" into {}", escape(h.unit_name(u, day)))
            });
            format!(
                "{name} no longer exists on {day}: it was {verb}{into} {}",
                stamp_words(h, at)
            )
        }
        Absence::NoRole { last, next } => {
            let mut s = format!("{name} holds no role on {day}");
            if let Some((r, iv)) = last
                && let Some(u) = &iv.until
            {
                // A past or future tenure names the role as it was when
                // the tenure began (a retitle may come with the appointment).
                s.push_str(&format!(
                    "\nlast held {}: left {}",
                    role(h, *r, iv.from.day().unwrap_or(NaiveDate::MIN)),
                    stamp_words(h, u)
                ));
            }
            if let Some((r, iv)) = next {
                s.push_str(&format!(
                    "\nnext holds {}: appointed {}",
                    role(h, *r, iv.from.day().unwrap_or(NaiveDate::MIN)),
                    stamp_words(h, &iv.from)
                ));
            }
            s
        }
    }
}

pub fn why(out: &mut dyn Write, w: &Why, style: &Style) -> io::Result<()> {
    let h = w.history;
    let f = w.subject;
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Why: {} ({} {}) on {}",
            escape(&subject_name(h, f, w.day)),
            f.noun(),
            f.key(h),
            w.day
        ))
    )?;
    if let Some(a) = &w.absence {
        writeln!(out)?;
        writeln!(out, "{}", absence_text(w, a))?;
    }
    if !w.facts.is_empty() {
        writeln!(out)?;
        let mut t = Grid::new(style);
        t.set_header(vec!["FACT", "SINCE", "ESTABLISHED BY"]);
        let own = match f {
            Found::Unit(u) => Some(Subject::Unit(u)),
            _ => None,
        };
        rows(h, &mut t, &w.facts, own, w.day);
        t.write(out)?;
    }
    for rw in &w.roles {
        role_section(out, w, rw, style)?;
    }
    events_footer(out, h, &w.events, style)
}
