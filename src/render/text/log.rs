//! `log`: events like `git log` (or one line each with `--oneline`), each
//! change in words.

use std::io::{self, Write};

use crate::dates::{Precision, Qualifier};
use crate::escape::escape;
use crate::ids::{PersonId, RoleId, UnitId};
use crate::query::state::occupancy_on;
use crate::query::{Log, Pending, Told};
use crate::render::Style;
use crate::render::names::{reported_words, role_name, seat_text};
use crate::timeline::{Change, Event, History, Named, Subject};
use chrono::NaiveDate;

fn unit(h: &History, u: UnitId, day: NaiveDate) -> String {
    escape(h.unit_name(u, day)).into_owned()
}

fn role(h: &History, r: RoleId, day: NaiveDate) -> String {
    escape(&role_name(h, r, day)).into_owned()
}

fn person(h: &History, p: PersonId, day: NaiveDate) -> String {
    escape(h.person_name(p, day)).into_owned()
}

fn named_text(h: &History, n: Named, day: NaiveDate) -> String {
    match n {
        Named::Person(p) => person(h, p, day),
        Named::Unit(u) => unit(h, u, day),
        Named::Role(r) => role(h, r, day),
    }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// One change in words: its subject named as it was just before the event,
/// what it became or went to named as on the event's day.
pub fn sentence(h: &History, ev: &Event, t: &Told) -> String {
    let after = ev.date.first_day();
    let before = after.pred_opt().unwrap_or(after);
    let left = |ended: &[(PersonId, RoleId)]| -> Vec<String> {
        ended.iter().map(|&(p, _)| person(h, p, before)).collect()
    };
    // A record that had ended and comes back (a second life).
    let created = |life: &crate::timeline::Timeline<()>| {
        let again = life
            .intervals()
            .first()
            .is_some_and(|l| l.from.day() < Some(after));
        if again { "brought back" } else { "created" }
    };
    match t.change {
        Change::Create(Subject::Unit(u)) => {
            let verb = created(&h.unit(*u).life);
            match t.unit {
                Some(p) => format!("{} {verb} under {}", unit(h, *u, after), unit(h, p, after)),
                None => format!("{} {verb}", unit(h, *u, after)),
            }
        }
        Change::Create(Subject::Role(r)) => {
            format!("{} {}", role(h, *r, after), created(&h.role(*r).life))
        }
        Change::Dissolve { unit: u, into } => match into {
            Some(i) if h.unit(*u).succession => format!(
                "{} dissolved, to be succeeded by {} (created later)",
                unit(h, *u, before),
                unit(h, *i, after)
            ),
            Some(i) => format!(
                "{} dissolved into {}",
                unit(h, *u, before),
                unit(h, *i, after)
            ),
            None => format!("{} dissolved", unit(h, *u, before)),
        },
        Change::Eliminate(r) => {
            let mut s = format!("{} eliminated", role(h, *r, before));
            let people = left(&t.ended);
            if !people.is_empty() {
                s.push_str(&format!("; {} left it", people.join(" and ")));
            }
            s
        }
        Change::Unrecorded { role: r } => {
            let mut s = format!("{}: no holder recorded from here", role(h, *r, before));
            let people = left(&t.ended);
            if !people.is_empty() {
                s.push_str(&format!("; {} left it", people.join(" and ")));
            }
            s
        }
        Change::Vacate { role: r } => {
            let mut s = format!("{} falls vacant", role(h, *r, before));
            let people = left(&t.ended);
            if !people.is_empty() {
                s.push_str(&format!("; {} left it", people.join(" and ")));
            }
            s
        }
        Change::MoveUnit { unit: u, to } => match (t.unit, to) {
            (Some(from), Some(to)) => format!(
                "{} moved from {} to {}",
                unit(h, *u, before),
                unit(h, from, before),
                unit(h, *to, after)
            ),
            (None, Some(to)) => format!("{} moved to {}", unit(h, *u, before), unit(h, *to, after)),
            (Some(from), None) => format!(
                "{} spun off from {}: a top-level organisation",
                unit(h, *u, before),
                unit(h, from, before)
            ),
            (None, None) => format!("{} a top-level organisation", unit(h, *u, before)),
        },
        Change::MoveRole { role: r, to } => {
            let title = escape(h.role_title(*r, before)).into_owned();
            match t.unit {
                Some(from) => format!(
                    "{title} moved from {} to {}",
                    unit(h, from, before),
                    unit(h, *to, after)
                ),
                None => format!("{title} moved to {}", unit(h, *to, after)),
            }
        }
        Change::RenameUnit { unit: u, name } => {
            let old = t.before.map_or_else(|| unit(h, *u, before), quoted);
            format!("{old} renamed {}", quoted(name))
        }
        Change::RenamePerson { person: p, name } => {
            let old = t.before.map_or_else(|| person(h, *p, before), quoted);
            format!("{old} renamed {}", quoted(name))
        }
        Change::Alias { named, name } => {
            format!(
                "{} also known as {}",
                named_text(h, *named, after),
                quoted(name)
            )
        }
        Change::Unalias { named, name } => {
            format!(
                "{} no longer known as {}",
                named_text(h, *named, before),
                quoted(name)
            )
        }
        Change::RetitleRole { role: r, title } => {
            let old = match t.before {
                Some(b) => match h.role(*r).unit.near(before) {
                    Some(&u) => format!("{}, {}", quoted(b), unit(h, u, before)),
                    None => quoted(b),
                },
                None => role(h, *r, before),
            };
            format!("{old} retitled {}", quoted(title))
        }
        Change::Appoint {
            person: p,
            role: r,
            acting,
        } => {
            let mut s = format!(
                "{} appointed {}{}",
                person(h, *p, after),
                if *acting { "acting " } else { "" },
                role(h, *r, after)
            );
            let replaced = left(&t.ended);
            if !replaced.is_empty() {
                s.push_str(&format!(", replacing {}", replaced.join(" and ")));
            }
            s
        }
        Change::Leave { person: p, role: r } => match r {
            Some(r) => format!("{} left {}", person(h, *p, before), role(h, *r, before)),
            None => {
                let roles: Vec<String> = t.ended.iter().map(|&(_, r)| role(h, r, before)).collect();
                format!(
                    "{} left every role held: {}",
                    person(h, *p, before),
                    roles.join("; ")
                )
            }
        },
        Change::Report { role: r, to } => {
            let mut s = match to {
                Some(to) => format!(
                    "{} reports to {} ({})",
                    role(h, *r, after),
                    role(h, *to, after),
                    seat_text(h, &occupancy_on(h, *to, after), after)
                ),
                None => format!(
                    "{} no longer has an explicit reporting line; it follows its unit",
                    role(h, *r, after)
                ),
            };
            if let Some(old) = t.before_line {
                s.push_str(&format!(" (was: {})", role(h, old, before)));
            }
            if t.before_top {
                s.push_str(" (was: the top of its chain)");
            }
            s
        }
        Change::Top { role: r } => {
            let mut s = format!(
                "{} reports to nobody: the top of its chain",
                role(h, *r, after)
            );
            if let Some(old) = t.before_line {
                s.push_str(&format!(" (was: {})", role(h, old, before)));
            }
            s
        }
        Change::Head { role: r } => {
            let mut s = match t.unit {
                Some(u) => format!(
                    "{} becomes the head of {}",
                    role(h, *r, after),
                    unit(h, u, after)
                ),
                None => format!("{} becomes the head of its unit", role(h, *r, after)),
            };
            if let Some(old) = t.before_head {
                s.push_str(&format!(" (was: {})", role(h, old, before)));
            }
            s
        }
        Change::Headless { unit: u } => {
            let mut s = format!("{} no longer has a head", unit(h, *u, after));
            if let Some(old) = t.before_head {
                s.push_str(&format!(" (was: {})", role(h, old, before)));
            }
            s
        }
        Change::Set {
            subject: subj,
            attr,
        } => {
            let key = &attr.key;
            let mut s = match &attr.value {
                Some(v) => format!(
                    "{}: {} set to {}",
                    named_text(h, *subj, after),
                    escape(key),
                    quoted(v)
                ),
                None => format!("{}: {} cleared", named_text(h, *subj, after), escape(key)),
            };
            if let Some(b) = t.before {
                s.push_str(&format!(" (was {})", quoted(b)));
            }
            s
        }
        Change::Dotted { role: r, to } => format!(
            "{} reports dotted to {}",
            role(h, *r, after),
            role(h, *to, after)
        ),
        Change::Undotted { role: r, to } => format!(
            "{} no longer reports dotted to {}",
            role(h, *r, before),
            role(h, *to, before)
        ),
    }
}

/// Changes announced and not yet in force, one line each: `prefix` then
/// "2023-06-20, in force 2023-09-10: Eddie Wu appointed ...", names as
/// they will be when the change takes effect; an event without changes
/// by its title. Escaped.
pub(super) fn pending_lines(h: &History, pending: &[Pending], prefix: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for p in pending {
        let ev = h.event(p.event);
        let when = format!(
            "{prefix}{}, in force {}",
            ev.reported().unwrap_or(ev.date),
            ev.date
        );
        if p.changes.is_empty() {
            let title = escape(ev.title.as_deref().unwrap_or(ev.key.as_str())).into_owned();
            lines.push(format!("{when}: {title}"));
        }
        for t in &p.changes {
            lines.push(format!("{when}: {}", sentence(h, ev, t)));
        }
    }
    lines
}

/// The precision and qualifier of a date in words, when it is not an
/// exact day: "month, approximate", "after 2023-01-31, on or before
/// 2023-02-28".
fn precision_words(d: &crate::dates::PartialDate) -> Option<String> {
    let mut words = Vec::new();
    match d.precision() {
        Precision::Year => words.push("year"),
        Precision::Month => words.push("month"),
        Precision::Day => {}
        Precision::Window => {
            let (start, end) = d.window()?;
            return Some(format!("after {start}, on or before {end}"));
        }
    }
    match d.qualifier() {
        Qualifier::Exact => {}
        Qualifier::Approximate => words.push("approximate"),
        Qualifier::Uncertain => words.push("uncertain"),
    }
    (!words.is_empty()).then(|| words.join(", "))
}

pub fn log(out: &mut dyn Write, log: &Log, oneline: bool, style: &Style) -> io::Result<()> {
    let h = log.history;
    if log.entries.is_empty() {
        return writeln!(out, "no events");
    }
    if oneline {
        let dw = log
            .entries
            .iter()
            .map(|e| h.event(e.event).date.to_string().len())
            .max()
            .unwrap_or(0);
        // The reported column, only when some event has one: "(announced
        // 2023-06-20)" or "(reported 2023-05-10)".
        let reported: Vec<String> = log
            .entries
            .iter()
            .map(|e| reported_words(h.event(e.event)).map_or(String::new(), |w| format!("({w})")))
            .collect();
        let rw = reported.iter().map(String::len).max().unwrap_or(0);
        let kw = log
            .entries
            .iter()
            .map(|e| h.event(e.event).key.as_str().len())
            .max()
            .unwrap_or(0);
        for (entry, rep) in log.entries.iter().zip(&reported) {
            let ev = h.event(entry.event);
            let key = format!("{:<kw$}", ev.key.as_str());
            let date = format!("{:<dw$}", ev.date.to_string());
            let date = if rw > 0 {
                format!("{date}  {}", style.dim(&format!("{rep:<rw$}")))
            } else {
                date
            };
            writeln!(
                out,
                "{date}  {}  {}",
                style.yellow(&key),
                escape(ev.title.as_deref().unwrap_or("(untitled)"))
            )?;
        }
        return Ok(());
    }
    for (i, entry) in log.entries.iter().enumerate() {
        let ev = h.event(entry.event);
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", style.yellow(&format!("event {}", ev.key)))?;
        let date = match precision_words(&ev.date) {
            Some(w) => format!("{} ({w})", ev.date),
            None => ev.date.to_string(),
        };
        writeln!(out, "Date:     {date}")?;
        if let Some(r) = ev.reported_apart() {
            writeln!(out, "Reported: {r}")?;
        }
        if let Some(t) = &ev.title {
            writeln!(out, "Title:    {}", style.bold(&escape(t)))?;
        }
        if h.sources(ev).is_empty() {
            writeln!(out, "Source:   {}", style.yellow("no source given"))?;
        }
        for (k, s) in h.sources(ev).iter().enumerate() {
            let label = if k == 0 { "Source:" } else { "" };
            writeln!(out, "{label:<9} {}", escape(s))?;
        }
        if let Some(n) = ev.note() {
            writeln!(out, "Note:     {}", style.dim(&escape(n)))?;
        }
        writeln!(out)?;
        for t in &entry.changes {
            writeln!(out, "    {}", sentence(h, ev, t))?;
        }
    }
    Ok(())
}
