//! `--format markdown`: `review` as a pull-request comment: headings,
//! tables, and a Mermaid chart of the units the change touches (created
//! in green, changed in orange).

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::chart::{Chart, Edge, Mark, Node, mermaid};
use super::{Layout, Options, Output, Renderer};
use crate::ids::{Key, UnitId};
use crate::query::review::{Count, Place, Review};
use crate::query::state::State;

/// `--format markdown`: `review`.
pub struct Markdown;

impl Renderer for Markdown {
    fn supports(&self, what: Output) -> bool {
        matches!(what, Output::Review)
    }

    fn review(&self, out: &mut dyn Write, r: &Review, _o: &Options) -> io::Result<()> {
        review(out, r)
    }
}

/// Text from the data in a table cell: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "\\|")
}

fn place(p: &Option<Place>) -> String {
    match p {
        None => "-".to_string(),
        Some(Place {
            role,
            unit: Some(u),
        }) => format!("`{role}` ({u})"),
        Some(Place { role, unit: None }) => format!("`{role}`"),
    }
}

fn count(c: Option<Count>) -> String {
    match c {
        Some(c) => format!("{} people, {} vacant", c.headcount, c.vacancies),
        None => "-".to_string(),
    }
}

fn review(out: &mut dyn Write, r: &Review) -> io::Result<()> {
    writeln!(out, "## orgctl review\n")?;
    writeln!(out, "**{}**", super::text::review_summary(r))?;
    if let Some(d) = r.first_new {
        writeln!(out, "\nEarliest new effective date: {d}")?;
    }
    if !r.corrections.is_empty() {
        writeln!(
            out,
            "\n> [!WARNING]\n> This change corrects the past: {} facts before its earliest new date, or in a closed period, change. See below.",
            r.corrections.len()
        )?;
    }
    writeln!(out, "\n### Events\n")?;
    if r.added.is_empty() && r.removed.is_empty() && r.edited.is_empty() {
        writeln!(out, "None.")?;
    } else {
        writeln!(out, "| | event | date | title |\n| --- | --- | --- | --- |")?;
        let title = |t: Option<&str>| t.map(cell).unwrap_or_default();
        for &e in &r.added {
            let ev = r.head.event(e);
            writeln!(
                out,
                "| added | `{}` | {} | {} |",
                ev.key,
                ev.date,
                title(ev.title.as_deref())
            )?;
        }
        for &e in &r.removed {
            let ev = r.base.event(e);
            writeln!(
                out,
                "| removed | `{}` | {} | {} |",
                ev.key,
                ev.date,
                title(ev.title.as_deref())
            )?;
        }
        for &(b, h) in &r.edited {
            let (eb, eh) = (r.base.event(b), r.head.event(h));
            let date = if eb.date == eh.date {
                eh.date.to_string()
            } else {
                format!("{} → {}", eb.date, eh.date)
            };
            writeln!(
                out,
                "| edited | `{}` | {date} | {} |",
                eh.key,
                title(eh.title.as_deref())
            )?;
        }
    }
    writeln!(out, "\n### People\n")?;
    if r.moves.is_empty() {
        writeln!(out, "None.")?;
    } else {
        writeln!(
            out,
            "| date | person | before | after |\n| --- | --- | --- | --- |"
        )?;
        for m in &r.moves {
            writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                m.day,
                m.person,
                place(&m.base),
                place(&m.head)
            )?;
        }
    }
    writeln!(out, "\n### Headcount (each unit with the units under it)\n")?;
    if r.headcount.is_empty() {
        writeln!(out, "No change.")?;
    } else {
        writeln!(
            out,
            "| date | unit | before | after |\n| --- | --- | --- | --- |"
        )?;
        for h in &r.headcount {
            writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                h.day,
                h.unit,
                count(h.base),
                count(h.head)
            )?;
        }
    }
    writeln!(
        out,
        "\n### Corrections of the past ({})\n",
        r.corrections.len()
    )?;
    if r.corrections.is_empty() {
        writeln!(out, "None.")?;
    } else {
        writeln!(
            out,
            "| fact | subject | days | before | after |\n| --- | --- | --- | --- | --- |"
        )?;
        for c in &r.corrections {
            let days = if c.from == c.until {
                c.from.to_string()
            } else {
                format!("{} to {}", c.from, c.until)
            };
            writeln!(
                out,
                "| {} | `{}` | {days} | {} | {} |",
                c.fact.name(),
                c.subject,
                cell(&c.base),
                cell(&c.head)
            )?;
        }
    }
    if let Some(chart) = chart(r) {
        writeln!(out, "\n### Units changed\n")?;
        writeln!(out, "```mermaid")?;
        mermaid::write(out, &chart, Layout::default())?;
        writeln!(out, "```")?;
    }
    Ok(())
}

/// The units whose headcount changed on the last touched day, with the
/// units above them, in HEAD: created ones green, changed ones orange.
fn chart(r: &Review) -> Option<Chart> {
    let day = *r.days.last()?;
    let changed: BTreeSet<&Key> = r.headcount.iter().map(|h| &h.unit).collect();
    if changed.is_empty() {
        return None;
    }
    let (head, base) = (State::new(r.head, day), State::new(r.base, day));
    let in_base: BTreeSet<&str> = base
        .units
        .iter()
        .map(|&u| r.base.unit(u).key.as_str())
        .collect();
    let mut shown: BTreeSet<UnitId> = BTreeSet::new();
    for &u in &head.units {
        if changed.contains(&r.head.unit(u).key) {
            let mut at = Some(u);
            while let Some(x) = at {
                if !shown.insert(x) {
                    break;
                }
                at = r.head.unit(x).parent.value_at(day).copied();
            }
        }
    }
    let id = |u: UnitId| format!("u{}", u.index());
    let nodes = shown
        .iter()
        .map(|&u| {
            let unit = r.head.unit(u);
            let mark = if !in_base.contains(unit.key.as_str()) {
                Mark::Created
            } else if changed.contains(&unit.key) {
                Mark::Changed
            } else {
                Mark::Same
            };
            Node {
                id: id(u),
                lines: vec![r.head.unit_name(u, day).to_string()],
                mark,
                faint: false,
            }
        })
        .collect();
    let edges = shown
        .iter()
        .filter_map(|&u| {
            let p = r.head.unit(u).parent.value_at(day).copied()?;
            Some(Edge {
                from: id(p),
                to: id(u),
                mark: Mark::Same,
                dotted: false,
            })
        })
        .collect();
    Some(Chart {
        title: vec![format!(
            "units whose headcount the change touches, on {day}"
        )],
        nodes,
        edges,
        legend: true,
    })
}
