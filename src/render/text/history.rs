//! `history`: one row per fact with its stretch and what began and ended
//! it, then the events cited with their sources.

use std::io::{self, Write};

use super::{Grid, events_footer};
use crate::escape::escape;
use crate::ids::UnitId;
use crate::query::{Entry, Fact, Found, Mark, RecordHistory, Seat};
use crate::render::Style;
use crate::render::names::{mark_date, mark_day, origin_text, role_name, rule_text};
use crate::timeline::History;

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

fn seat_words(h: &History, seat: &Seat, day: chrono::NaiveDate) -> String {
    match seat {
        Seat::Filled(holding) => {
            let name = escape(h.person_name(holding.person, day)).into_owned();
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
            // A successor has its own row.
            let ended_into = match rh.subject {
                Found::Unit(u) if e.until.is_some() && !h.unit(u).succession => {
                    h.unit(u).dissolved_into
                }
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
        Fact::Alias(n) => format!("also known as \"{}\"", escape(n)),
        Fact::Attribute { key, value } => format!("{}: {}", escape(key), escape(value)),
        Fact::TopLevel { before } => {
            let then = day.pred_opt().unwrap_or(day);
            format!(
                "a top-level organisation (spun off from {})",
                escape(h.unit_name(*before, then))
            )
        }
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
            "led by {} ({}{})",
            escape(h.person_name(holding.person, day)),
            escape(h.role_title(*r, day)),
            if holding.acting { ", acting" } else { "" }
        ),
        Fact::Absorbed(a) => {
            // Named as it was before it went.
            let before = day.pred_opt().unwrap_or(day);
            format!(
                "absorbed {} (dissolved into it)",
                escape(h.unit_name(*a, before))
            )
        }
        Fact::SucceededBy(t) => {
            let created = h.unit(*t).created();
            format!(
                "succeeded by {}, created {}",
                escape(h.unit_name(*t, day)),
                created.map_or("later".into(), |s| format!(
                    "on {}",
                    mark_date(&Mark::from(s))
                ))
            )
        }
        Fact::SuccessorOf(p) => {
            let dissolved = h.unit(*p).dissolved();
            // Named as it was before it went.
            let name_day = dissolved.and_then(|s| s.day()).unwrap_or(day);
            format!(
                "successor of {}, dissolved on {}",
                escape(h.unit_name(*p, name_day.pred_opt().unwrap_or(name_day))),
                dissolved.map_or("-".into(), |s| mark_date(&Mark::from(s)))
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
            format!("held by {}", seat_words(h, &Seat::Filled(*holding), day))
        }
        Fact::Seat(s) => seat_words(h, s, day),
        Fact::ReportsTo(None) => "reports to nobody (top of its chain)".into(),
        Fact::ReportsTo(Some(l)) => {
            format!("reports to {} by {}", role(l.to), rule_text(h, l.rule, day))
        }
        Fact::Dotted(to) => format!("dotted line to {}", role(*to)),
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
                Seat::Filled(_) => format!("{} ({})", seat_words(h, seat, day), role(line.to)),
                _ => format!("{} ({})", role(line.to), seat_words(h, seat, day)),
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

pub fn history(out: &mut dyn Write, rh: &RecordHistory, style: &Style) -> io::Result<()> {
    let h = rh.history;
    writeln!(out, "{}", style.bold(&heading(rh)))?;
    // The aliases that still hold (those of a stretch are rows below).
    let aka: Vec<String> = match rh.subject {
        Found::Person(p) => h
            .person(p)
            .notes
            .aliases_now()
            .map(|a| escape(a).into_owned())
            .collect(),
        _ => Vec::new(),
    };
    if !aka.is_empty() {
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
    let mut t = Grid::new(style);
    t.set_header(vec!["FROM", "UNTIL", "FACT", "BEGUN BY", "ENDED BY"]);
    for e in &rh.entries {
        let point = e.until == Some(e.from) && e.is_moment();
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
    t.write(out)?;
    events_footer(out, h, &rh.events, style)
}
