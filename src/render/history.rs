//! `history`: one row per fact with its stretch and what began and ended
//! it, then the events cited with their sources; or one JSON document.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{
    Style, declared_at, events_footer, json as j, mark_date, mark_day, origin_text, role_name,
    rule_name, rule_text, text,
};
use crate::escape::escape;
use crate::ids::UnitId;
use crate::query::{Entry, Fact, Found, Mark, RecordHistory, Seat};
use crate::timeline::{History, Origin};

fn unit(h: &History, u: UnitId, m: &Mark) -> String {
    escape(h.unit_name(u, mark_day(m))).into_owned()
}

/// How a unit or role came to be where it is: moved from `before`, or
/// brought along when `before` was dissolved into `into`.
fn came_from(h: &History, before: Option<UnitId>, into: UnitId, e: &Entry) -> String {
    let Some(b) = before else {
        return String::new();
    };
    let dissolved_here = h.unit(b).dissolved_into == Some(into)
        && h.unit(b)
            .life
            .intervals()
            .last()
            .and_then(|iv| iv.until)
            .map(Mark::from)
            == Some(e.from);
    if dissolved_here {
        format!(
            " (came with {}, dissolved into {})",
            unit(h, b, &e.from),
            unit(h, into, &e.from)
        )
    } else {
        format!(" (moved from {})", unit(h, b, &e.from))
    }
}

fn seat_words(h: &History, seat: &Seat) -> String {
    match seat {
        Seat::Filled(holding) => {
            let name = escape(&h.person(holding.person).name).into_owned();
            if holding.acting {
                format!("{name} (acting)")
            } else {
                name
            }
        }
        Seat::Vacant => "vacant".into(),
        Seat::Unrecorded => "no holder recorded".into(),
    }
}

/// The fact of an entry in words, naming things as on the day it began.
pub fn fact_text(rh: &RecordHistory, e: &Entry) -> String {
    let h = rh.history;
    let day = mark_day(&e.from);
    let role = |r| escape(&role_name(h, r, day)).into_owned();
    match &e.fact {
        Fact::Exists => {
            let ended_into = match rh.subject {
                Found::Unit(u) if e.until.is_some() => h.unit(u).dissolved_into,
                _ => None,
            };
            match ended_into {
                Some(i) => format!(
                    "exists (then dissolved into {})",
                    escape(h.unit_name(i, e.until.as_ref().map_or(day, mark_day)))
                ),
                None => "exists".into(),
            }
        }
        Fact::Name(n) => match rh.subject {
            Found::Role(_) => format!("titled \"{}\"", escape(n)),
            _ => format!("named \"{}\"", escape(n)),
        },
        Fact::Attribute { key, value } => format!("{}: {}", escape(key), escape(value)),
        Fact::Under { parent, before } => {
            format!(
                "under {}{}",
                unit(h, *parent, &e.from),
                came_from(h, *before, *parent, e)
            )
        }
        Fact::Contains { unit: c, before } => {
            let here = match rh.subject {
                Found::Unit(u) => u,
                _ => *c,
            };
            format!(
                "contains unit {}{}",
                unit(h, *c, &e.from),
                came_from(h, *before, here, e)
            )
        }
        Fact::HasRole { role: r, before } => {
            let here = match rh.subject {
                Found::Unit(u) => u,
                _ => return String::new(),
            };
            format!(
                "has role {}{}",
                escape(h.role_title(*r, day)),
                came_from(h, *before, here, e)
            )
        }
        Fact::HeadedBy(r) => format!("headed by {}", escape(h.role_title(*r, day))),
        Fact::LedBy { role: r, holding } => format!(
            "led by {} ({})",
            seat_words(h, &Seat::Filled(*holding)),
            escape(h.role_title(*r, day))
        ),
        Fact::Absorbed(a) => {
            // Named as it was before it went.
            let before = day.pred_opt().unwrap_or(day);
            format!(
                "absorbed {} (dissolved into it)",
                escape(h.unit_name(*a, before))
            )
        }
        Fact::InUnit { unit: u, before } => {
            format!(
                "in {}{}",
                unit(h, *u, &e.from),
                came_from(h, *before, *u, e)
            )
        }
        Fact::Heads(u) => format!("heads {}", unit(h, *u, &e.from)),
        Fact::Seat(Seat::Filled(holding)) => {
            format!("held by {}", seat_words(h, &Seat::Filled(*holding)))
        }
        Fact::Seat(s) => seat_words(h, s),
        Fact::ReportsTo(None) => "reports to nobody (top of its chain)".into(),
        Fact::ReportsTo(Some(l)) => {
            format!("reports to {} by {}", role(l.to), rule_text(h, l.rule, day))
        }
        Fact::Holds { role: r, acting } => format!(
            "holds {}{}",
            role(*r),
            if *acting { " (acting)" } else { "" }
        ),
        Fact::RoleTitle { role: r, title } => {
            format!("{} retitled \"{}\"", role(*r), escape(title))
        }
        Fact::RoleUnit { role: r, unit: u } => format!(
            "{} moved to {}",
            escape(h.role_title(*r, day)),
            unit(h, *u, &e.from)
        ),
        Fact::Manager { role: r, to: None } => {
            format!("reports to nobody as {} (top of the chain)", role(*r))
        }
        Fact::Manager {
            role: r,
            to: Some((line, seat)),
        } => {
            let who = match seat {
                Seat::Filled(_) => format!("{} ({})", seat_words(h, seat), role(line.to)),
                _ => format!("{} ({})", role(line.to), seat_words(h, seat)),
            };
            format!(
                "reports to {who} as {}, by {}",
                escape(h.role_title(*r, day)),
                rule_text(h, line.rule, day)
            )
        }
    }
}

/// What began or ended a fact; nothing for a fact that still holds.
fn by(h: &History, m: Option<&Mark>) -> String {
    m.map_or_else(String::new, |m| origin_text(h, m.origin))
}

fn heading(rh: &RecordHistory) -> String {
    let h = rh.history;
    let f = rh.subject;
    format!(
        "History of {} ({} {})",
        escape(f.display_name(h)),
        f.noun(),
        f.key(h)
    )
}

pub fn text(out: &mut dyn Write, rh: &RecordHistory, style: &Style) -> io::Result<()> {
    let h = rh.history;
    writeln!(out, "{}", style.bold(&heading(rh)))?;
    if let Found::Person(p) = rh.subject
        && !h.person(p).notes.aka.is_empty()
    {
        let aka: Vec<String> = h
            .person(p)
            .notes
            .aka
            .iter()
            .map(|a| escape(a).into_owned())
            .collect();
        writeln!(
            out,
            "{}",
            style.dim(&format!("also known as {}", aka.join(", ")))
        )?;
    }
    writeln!(out)?;
    if rh.entries.is_empty() {
        let what = match rh.subject {
            Found::Person(_) => "no role recorded",
            _ => "it never comes into existence",
        };
        return writeln!(out, "{what}");
    }
    let mut t = text::table(style);
    t.set_header(vec!["FROM", "UNTIL", "FACT", "BEGUN BY", "ENDED BY"]);
    for e in &rh.entries {
        let point = e.until == Some(e.from) && matches!(e.fact, Fact::Absorbed(_));
        let (until, ended) = if point {
            (String::new(), String::new())
        } else {
            (
                e.until.as_ref().map_or("-".into(), mark_date),
                by(h, e.until.as_ref()),
            )
        };
        t.add_row(vec![
            mark_date(&e.from),
            until,
            fact_text(rh, e),
            by(h, Some(&e.from)),
            ended,
        ]);
    }
    writeln!(out, "{t}")?;
    events_footer(out, h, &rh.events, style)
}

/// A mark as JSON: `{"date", "event", "declared"}`.
pub(super) fn mark_json(h: &History, m: &Mark) -> Value {
    json!({
        "date": m.date,
        "event": m.event().map(|e| &h.event(e).key),
        "declared": match m.origin {
            Some(Origin::Declared(d)) => Some(declared_at(h, &h.declared_loc(d))),
            _ => None,
        },
    })
}

fn seat_json(h: &History, s: &Seat) -> Value {
    match s {
        Seat::Filled(holding) => json!({
            "status": "filled",
            "person": h.person(holding.person).key,
            "acting": holding.acting,
        }),
        Seat::Vacant => json!({ "status": "vacant" }),
        Seat::Unrecorded => json!({ "status": "unrecorded" }),
    }
}

/// A fact as JSON, with its `from` and `until` marks; `history`'s CSV
/// rows are these objects flattened.
pub(super) fn fact_json(rh: &RecordHistory, e: &Entry) -> Value {
    let h = rh.history;
    let uk = |u: &UnitId| json!(h.unit(*u).key);
    let rk = |r: &crate::ids::RoleId| json!(h.role(*r).key);
    let line = |l: &crate::query::Line| {
        json!({
            "to": h.role(l.to).key,
            "rule": rule_name(l.rule),
            "ancestor": match l.rule {
                crate::query::LineRule::HeadOfAncestor(u) => Some(&h.unit(u).key),
                _ => None,
            },
        })
    };
    let mut v = match &e.fact {
        Fact::Exists => json!({ "fact": "exists" }),
        Fact::Name(n) => json!({ "fact": "name", "value": n }),
        Fact::Attribute { key, value } => {
            json!({ "fact": "attribute", "key": key, "value": value })
        }
        Fact::Under { parent, before } => {
            json!({ "fact": "parent", "unit": uk(parent), "before": before.as_ref().map(uk) })
        }
        Fact::Contains { unit, before } => {
            json!({ "fact": "contains", "unit": uk(unit), "before": before.as_ref().map(uk) })
        }
        Fact::HasRole { role, before } => {
            json!({ "fact": "has-role", "role": rk(role), "before": before.as_ref().map(uk) })
        }
        Fact::HeadedBy(r) => json!({ "fact": "headed-by", "role": rk(r) }),
        Fact::LedBy { role, holding } => json!({
            "fact": "led-by", "role": rk(role),
            "person": h.person(holding.person).key, "acting": holding.acting,
        }),
        Fact::Absorbed(u) => json!({ "fact": "absorbed", "unit": uk(u) }),
        Fact::InUnit { unit, before } => {
            json!({ "fact": "unit", "unit": uk(unit), "before": before.as_ref().map(uk) })
        }
        Fact::Heads(u) => json!({ "fact": "heads", "unit": uk(u) }),
        Fact::Seat(s) => {
            let mut v = seat_json(h, s);
            v["fact"] = json!("holder");
            v
        }
        Fact::ReportsTo(l) => json!({ "fact": "reports-to", "line": l.as_ref().map(line) }),
        Fact::Holds { role, acting } => {
            json!({ "fact": "holds", "role": rk(role), "acting": acting })
        }
        Fact::RoleTitle { role, title } => {
            json!({ "fact": "role-title", "role": rk(role), "value": title })
        }
        Fact::RoleUnit { role, unit } => {
            json!({ "fact": "role-unit", "role": rk(role), "unit": uk(unit) })
        }
        Fact::Manager { role, to } => json!({
            "fact": "manager",
            "role": rk(role),
            "line": to.as_ref().map(|(l, _)| line(l)),
            "manager": to.as_ref().map(|(_, s)| seat_json(h, s)),
        }),
    };
    v["from"] = mark_json(h, &e.from);
    v["until"] = e.until.as_ref().map_or(Value::Null, |m| mark_json(h, m));
    v
}

/// The events a result cites, as in `diff`'s JSON.
pub(super) fn events_json(h: &History, events: &[crate::ids::EventId]) -> Value {
    Value::Array(
        events
            .iter()
            .map(|&e| {
                let ev = h.event(e);
                json!({
                    "id": ev.key,
                    "date": ev.date,
                    "reported": ev.reported,
                    "title": ev.title,
                    "sources": h.sources(ev),
                })
            })
            .collect(),
    )
}

pub fn json(out: &mut dyn Write, rh: &RecordHistory) -> io::Result<()> {
    let h = rh.history;
    let f = rh.subject;
    j::write(
        out,
        &json!({
            "subject": { "kind": f.noun(), "id": f.key(h), "name": f.display_name(h) },
            "facts": rh.entries.iter().map(|e| fact_json(rh, e)).collect::<Vec<_>>(),
            "events": events_json(h, &rh.events),
        }),
    )
}
