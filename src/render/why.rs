//! `why`: for each role, the facts that make the situation, since when
//! and by what; then the reporting line, its rule and the facts it rests
//! on; then the events cited with their sources. Or one JSON document.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::history::{events_json, mark_json};
use super::{
    Style, events_footer, json as j, mark_date, origin_text, role_name, rule_name, rule_text,
    subject_name, text,
};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{Absence, Basis, Because, Existence, Found, Mark, Reason, RoleWhy, Why};
use crate::timeline::{History, Stamp, Subject};

fn role(h: &History, r: RoleId, day: NaiveDate) -> String {
    escape(&role_name(h, r, day)).into_owned()
}

fn person(h: &History, holding: &crate::timeline::Holding) -> String {
    let name = escape(&h.person(holding.person).name).into_owned();
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
        Reason::Holds { role: x, holding } => format!("{}held by {}", who(x), person(h, &holding)),
        Reason::Vacant { role: x } => format!("{}vacant", who(x)),
        Reason::Unrecorded { role: x } => format!("{}has no holder recorded", who(x)),
        Reason::Attribute {
            subject: s,
            key,
            value,
        } => format!("{}{}: {}", subject(s), escape(key), escape(value)),
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
        },
    }
}

fn rows(
    h: &History,
    t: &mut comfy_table::Table,
    facts: &[Because],
    own: Option<Subject>,
    day: NaiveDate,
) {
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
    let mut t = text::table(style);
    t.set_header(vec!["FACT", "SINCE", "ESTABLISHED BY"]);
    rows(h, &mut t, &rw.facts, Some(Subject::Role(rw.role)), day);
    writeln!(out, "{t}")?;
    writeln!(out)?;
    match rw.line {
        None => writeln!(
            out,
            "{}",
            style.bold("Reports to nobody: the top of its chain")
        ),
        Some(line) => {
            let manager = match rw.manager.map(|b| b.reason) {
                Some(Reason::Holds { holding, .. }) => person(h, &holding),
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
            let mut t = text::table(style);
            t.set_header(vec!["BECAUSE", "SINCE", "ESTABLISHED BY"]);
            rows(h, &mut t, &rw.line_facts, Some(Subject::Role(rw.role)), day);
            rows(
                h,
                &mut t,
                rw.manager.as_slice(),
                Some(Subject::Role(rw.role)),
                day,
            );
            writeln!(out, "{t}")
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
                s.push_str(&format!(
                    "\nlast held {}: left {}",
                    role(h, *r, day),
                    stamp_words(h, u)
                ));
            }
            if let Some((r, iv)) = next {
                s.push_str(&format!(
                    "\nnext holds {}: appointed {}",
                    role(h, *r, day),
                    stamp_words(h, &iv.from)
                ));
            }
            s
        }
    }
}

pub fn text(out: &mut dyn Write, w: &Why, style: &Style) -> io::Result<()> {
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
        let mut t = text::table(style);
        t.set_header(vec!["FACT", "SINCE", "ESTABLISHED BY"]);
        let own = match f {
            Found::Unit(u) => Some(Subject::Unit(u)),
            _ => None,
        };
        rows(h, &mut t, &w.facts, own, w.day);
        writeln!(out, "{t}")?;
    }
    for rw in &w.roles {
        role_section(out, w, rw, style)?;
    }
    events_footer(out, h, &w.events, style)
}

fn reason_json(h: &History, b: &Because) -> Value {
    let rk = |r: RoleId| json!(h.role(r).key);
    let uk = |u: crate::ids::UnitId| json!(h.unit(u).key);
    // `{"fact": fact, "unit" or "role": id}`, keys in that order.
    let subj = |fact: &str, s: Subject| {
        let mut v = json!({ "fact": fact });
        match s {
            Subject::Unit(u) => v["unit"] = uk(u),
            Subject::Role(r) => v["role"] = rk(r),
        }
        v
    };
    let mut v = match b.reason {
        Reason::Exists(s) => subj("exists", s),
        Reason::Name { subject, name } => {
            let mut v = subj("name", subject);
            v["value"] = json!(name);
            v
        }
        Reason::Holds { role, holding } => json!({
            "fact": "holds", "role": rk(role),
            "person": h.person(holding.person).key, "acting": holding.acting,
        }),
        Reason::Vacant { role } => json!({ "fact": "vacant", "role": rk(role) }),
        Reason::Unrecorded { role } => json!({ "fact": "unrecorded", "role": rk(role) }),
        Reason::Attribute {
            subject,
            key,
            value,
        } => {
            let mut v = subj("attribute", subject);
            v["key"] = json!(key);
            v["value"] = json!(value);
            v
        }
        Reason::Line(basis) => match basis {
            Basis::ExplicitLine { role, to } => {
                json!({ "fact": "explicit-line", "role": rk(role), "to": rk(to) })
            }
            Basis::InUnit { role, unit } => {
                json!({ "fact": "in-unit", "role": rk(role), "unit": uk(unit) })
            }
            Basis::Heads { role, unit } => {
                json!({ "fact": "heads", "role": rk(role), "unit": uk(unit) })
            }
            Basis::Under { unit, parent } => {
                json!({ "fact": "under", "unit": uk(unit), "parent": uk(parent) })
            }
            Basis::Headless { unit } => json!({ "fact": "headless", "unit": uk(unit) }),
        },
    };
    v["since"] = mark_json(h, &Mark::from(b.from));
    v
}

fn absence_json(h: &History, a: &Absence) -> Value {
    let stamp = |s: &Stamp| mark_json(h, &Mark::from(*s));
    match a {
        Absence::Life(Existence::Exists(s)) => json!({ "kind": "exists", "at": stamp(s) }),
        Absence::Life(Existence::NotYet(s)) => {
            json!({ "kind": "not-yet", "at": s.as_ref().map(stamp) })
        }
        Absence::Life(Existence::Ended { at, into }) => json!({
            "kind": "ended", "at": stamp(at), "into": into.map(|u| &h.unit(u).key),
        }),
        Absence::NoRole { last, next } => json!({
            "kind": "no-role",
            "last": last.map(|(r, iv)| json!({
                "role": h.role(r).key,
                "until": iv.until.as_ref().map(stamp),
            })),
            "next": next.map(|(r, iv)| json!({ "role": h.role(r).key, "from": stamp(&iv.from) })),
        }),
    }
}

pub fn json(out: &mut dyn Write, w: &Why) -> io::Result<()> {
    let h = w.history;
    let f = w.subject;
    let roles: Vec<Value> = w
        .roles
        .iter()
        .map(|rw| {
            json!({
                "role": { "id": h.role(rw.role).key, "title": h.role_title(rw.role, w.day) },
                "facts": rw.facts.iter().map(|b| reason_json(h, b)).collect::<Vec<_>>(),
                "line": rw.line.map(|l| json!({
                    "to": h.role(l.to).key,
                    "rule": rule_name(l.rule),
                    "ancestor": match l.rule {
                        crate::query::LineRule::HeadOfAncestor(u) => Some(&h.unit(u).key),
                        _ => None,
                    },
                    "because": rw.line_facts.iter().map(|b| reason_json(h, b)).collect::<Vec<_>>(),
                    "manager": rw.manager.as_ref().map(|b| reason_json(h, b)),
                })),
            })
        })
        .collect();
    j::write(
        out,
        &json!({
            "date": w.day.to_string(),
            "subject": { "kind": f.noun(), "id": f.key(h), "name": f.display_name(h) },
            "absent": w.absence.as_ref().map(|a| absence_json(h, a)),
            "facts": w.facts.iter().map(|b| reason_json(h, b)).collect::<Vec<_>>(),
            "roles": roles,
            "events": events_json(h, &w.events),
        }),
    )
}
