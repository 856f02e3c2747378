//! `review` for a terminal: a summary line, then the events, the people,
//! the headcount on the days the change touches, and, loudly, the
//! corrections of the past.

use std::io::{self, Write};

use super::Style;
use crate::escape::escape;
use crate::query::review::{Count, Place, Review};

/// The summary line: how many of each.
pub fn summary(r: &Review) -> String {
    format!(
        "{} added, {} removed, {} edited events; {} people changed; {} corrections of the past",
        r.added.len(),
        r.removed.len(),
        r.edited.len(),
        r.moves.len(),
        r.corrections.len()
    )
}

fn place(p: &Option<Place>) -> String {
    match p {
        None => "-".to_string(),
        Some(Place {
            role,
            unit: Some(u),
        }) => format!("{role} ({u})"),
        Some(Place { role, unit: None }) => role.to_string(),
    }
}

fn count(c: Option<Count>) -> String {
    match c {
        Some(c) => format!("{} people, {} vacant", c.headcount, c.vacancies),
        None => "-".to_string(),
    }
}

pub fn review(out: &mut dyn Write, r: &Review, style: &Style) -> io::Result<()> {
    let line = summary(r);
    if r.corrections.is_empty() {
        writeln!(out, "{}", style.bold(&line))?;
    } else {
        writeln!(out, "{}", style.red(&line))?;
    }
    if let Some(d) = r.first_new {
        writeln!(out, "earliest new effective date: {d}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold("Events"))?;
    if r.added.is_empty() && r.removed.is_empty() && r.edited.is_empty() {
        writeln!(out, "  none")?;
    }
    let title = |t: Option<&str>| t.map(|t| format!("  {}", escape(t))).unwrap_or_default();
    for &e in &r.added {
        let ev = r.head.event(e);
        writeln!(
            out,
            "  + {} {}{}",
            ev.date,
            ev.key,
            title(ev.title.as_deref())
        )?;
    }
    for &e in &r.removed {
        let ev = r.base.event(e);
        writeln!(
            out,
            "  - {} {}{}",
            ev.date,
            ev.key,
            title(ev.title.as_deref())
        )?;
    }
    for &(b, h) in &r.edited {
        let (eb, eh) = (r.base.event(b), r.head.event(h));
        let date = if eb.date == eh.date {
            eh.date.to_string()
        } else {
            format!("{} -> {}", eb.date, eh.date)
        };
        writeln!(out, "  ~ {date} {}{}", eh.key, title(eh.title.as_deref()))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold("People"))?;
    if r.moves.is_empty() {
        writeln!(out, "  none")?;
    }
    for m in &r.moves {
        writeln!(
            out,
            "  {} {}: {} -> {}",
            m.day,
            m.person,
            place(&m.base),
            place(&m.head)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        style.bold("Headcount (each unit with the units under it)")
    )?;
    if r.headcount.is_empty() {
        writeln!(out, "  no change")?;
    }
    for h in &r.headcount {
        writeln!(
            out,
            "  {} {}: {} -> {}",
            h.day,
            h.unit,
            count(h.base),
            count(h.head)
        )?;
    }
    writeln!(out)?;
    let header = format!("Corrections of the past ({})", r.corrections.len());
    if r.corrections.is_empty() {
        writeln!(out, "{}", style.bold(&header))?;
        writeln!(out, "  none")?;
        return Ok(());
    }
    writeln!(out, "{}", style.red(&header))?;
    for c in &r.corrections {
        let days = if c.from == c.until {
            c.from.to_string()
        } else {
            format!("{} to {}", c.from, c.until)
        };
        if c.base.is_empty() {
            writeln!(
                out,
                "  ! {} {} {days}: {}",
                c.fact.name(),
                c.subject,
                c.head
            )?;
        } else {
            writeln!(
                out,
                "  ! {} {} {days}: {} -> {}",
                c.fact.name(),
                c.subject,
                c.base,
                c.head
            )?;
        }
    }
    Ok(())
}
