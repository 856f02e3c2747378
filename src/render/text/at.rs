//! `at` (the reporting tree and the unit tree) and `who-reports-to`.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;

use super::{DEEPEST_DRAWN, Grid, indent, known_line, many};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{Manager, Occupancy, OrgAt, OrgView, Reports, State};
use crate::render::Style;
use crate::render::names::{and_list, push_role_label, role_label, seats_filled, uncertain_from};
use crate::timeline::History;

/// Prints a forest depth first, with box-drawing branches. A label may
/// have more lines (details), printed under it inside its branch.
/// Iterative, so a deep tree cannot overflow the stack; and the branches of
/// a tree deeper than a screen are drawn compressed ([`branches`]), so each
/// line is short however deep it lies. The labels of a large tree (a line
/// per role of a large organisation) are made on every core, then drawn
/// in order.
fn tree<N: Copy + Send + Sync>(
    out: &mut dyn Write,
    roots: &[N],
    children: impl Fn(N) -> Vec<N>,
    label: impl Fn(N) -> String + Sync,
) -> io::Result<()> {
    // (node, depth, whether it is the last of its siblings)
    let mut stack: Vec<(N, usize, bool)> = roots.iter().rev().map(|&n| (n, 0, false)).collect();
    // Each node in the order drawn, and whether it has children.
    let mut order: Vec<(N, usize, bool, bool)> = Vec::new();
    while let Some((node, depth, last)) = stack.pop() {
        let kids = children(node);
        order.push((node, depth, last, !kids.is_empty()));
        let n = kids.len();
        for (i, &k) in kids.iter().enumerate().rev() {
            stack.push((k, depth + 1, i + 1 == n));
        }
    }
    let labels: Vec<String> = many::map(&order, |&(n, ..)| label(n));
    // Whether each level above has siblings still to come (a `│` to draw).
    let mut more: Vec<bool> = Vec::new();
    // One line's text, reused.
    let mut line = String::new();
    for (&(_, depth, last, has_kids), text) in order.iter().zip(&labels) {
        more.truncate(depth.saturating_sub(1));
        line.clear();
        if depth > 0 {
            push_branches(&mut line, &more);
            line.push_str(if last { "└── " } else { "├── " });
            more.push(!last);
        }
        let mut lines = text.lines();
        line.push_str(lines.next().unwrap_or(""));
        line.push('\n');
        out.write_all(line.as_bytes())?;
        let mut details = lines.peekable();
        if details.peek().is_some() {
            let detail = format!(
                "{}{}",
                branches(&more),
                if has_kids { "│   " } else { "    " }
            );
            for l in details {
                writeln!(out, "{detail}{l}")?;
            }
        }
    }
    Ok(())
}

/// Levels drawn at each end of the branches of a line deeper than a screen.
const LEVELS_SHOWN: usize = 12;

/// The branches left of a line, a level each (`│   ` where a level above
/// has siblings still to come, else spaces). Deeper than a screen shows
/// (more than [`DEEPEST_DRAWN`] levels), the levels in the middle are one mark that says
/// how many they are: `│   │   ┆ 49976 levels ┆ │       `.
fn branches(more: &[bool]) -> String {
    let mut s = String::new();
    push_branches(&mut s, more);
    s
}

/// [`branches`], onto the end of `s` (a line per node of a large tree:
/// no text of its own each).
fn push_branches(s: &mut String, more: &[bool]) {
    let draw = |s: &mut String, levels: &[bool]| {
        for &m in levels {
            s.push_str(if m { "│   " } else { "    " });
        }
    };
    if more.len() <= DEEPEST_DRAWN {
        return draw(s, more);
    }
    let hidden = more.len() - 2 * LEVELS_SHOWN;
    draw(s, &more[..LEVELS_SHOWN]);
    s.push_str(&format!("┆ {hidden} levels ┆ "));
    draw(s, &more[more.len() - LEVELS_SHOWN..]);
}

/// Who holds a seat, at the end of `s`: a name in bold, or a gap.
fn push_person_or_gap(s: &mut String, h: &History, occ: &Occupancy, day: NaiveDate, style: &Style) {
    match occ {
        Occupancy::Filled(iv) => {
            style.push_bold(s, &escape(h.person_name(iv.value.person, day)));
            if iv.value.acting {
                s.push_str(" (acting)");
            }
            if let Some(from) = uncertain_from(iv, day) {
                s.push_str(&style.yellow(&format!(" [uncertain: {from}]")));
            }
        }
        Occupancy::Vacant => s.push_str(&style.yellow("(vacant)")),
        Occupancy::Unrecorded => s.push_str(&style.dim("(no holder recorded)")),
    }
}

/// A role's line: who holds each seat ("A, B and C"), then the role, in
/// one string as far as it can be (a line per role of a large
/// organisation).
fn role_node(state: &State, r: RoleId, style: &Style) -> String {
    let h = state.history;
    let seated = state.seated(r);
    let mut s = String::with_capacity(96);
    let seat = |s: &mut String, occ| push_person_or_gap(s, h, occ, state.day, style);
    match seated.as_slice() {
        [one] => seat(&mut s, one),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|occ| {
                    let mut name = String::new();
                    seat(&mut name, occ);
                    name
                })
                .collect();
            s.push_str(&and_list(&names));
        }
    }
    s.push_str(" — ");
    let label = s.len();
    push_role_label(&mut s, h, r, state.unit_of(r), state.day);
    if let Cow::Owned(escaped) = escape(&s[label..]) {
        s.truncate(label);
        s.push_str(&escaped);
    }
    let filled = seated.iter().filter(|o| o.person().is_some()).count();
    if let Some(seats) = seats_filled(h, r, filled) {
        s.push_str(&style.dim(&format!(" ({seats})")));
    }
    if let Some(from) = h
        .role(r)
        .life
        .at(state.day)
        .and_then(|iv| uncertain_from(iv, state.day))
    {
        s.push_str(&style.yellow(&format!(" [role uncertain: {from}]")));
    }
    for to in state.dotted(r) {
        let label = role_label(h, to, state.unit_of(to), state.day);
        s.push_str(&style.dim(&format!(" ⇢ {}", escape(&label))));
    }
    s
}

fn unit_node(state: &State, u: UnitId, style: &Style) -> String {
    let h = state.history;
    let unit = h.unit(u);
    let mut s = style.bold(&escape(h.unit_name(u, state.day)));
    if let Some(kind) = &unit.kind {
        s.push_str(&format!(" ({})", escape(kind)));
    }
    if let Some(from) = unit
        .life
        .at(state.day)
        .and_then(|iv| uncertain_from(iv, state.day))
    {
        s.push_str(&style.yellow(&format!(" [uncertain: {from}]")));
    }
    for (key, t) in &unit.attributes {
        if let Some(iv) = t.at(state.day) {
            let mut line = format!("{}: {}", escape(key), escape(&iv.value));
            if let Some(from) = uncertain_from(iv, state.day) {
                line.push_str(&format!(" [uncertain: {from}]"));
            }
            s.push('\n');
            s.push_str(&style.dim(&line));
        }
    }
    s
}

fn event_line(h: &History, e: crate::ids::EventId) -> String {
    let ev = h.event(e);
    format!(
        "{} {}",
        ev.date,
        escape(ev.title.as_deref().unwrap_or(ev.key.as_str()))
    )
}

pub fn at(out: &mut dyn Write, view: &OrgAt, units_only: bool, style: &Style) -> io::Result<()> {
    at_titled(out, view, units_only, None, style)
}

/// [`at`], titled with the organisation's name when there is one.
pub fn at_titled(
    out: &mut dyn Write,
    view: &OrgAt,
    units_only: bool,
    name: Option<&str>,
    style: &Style,
) -> io::Result<()> {
    let state = &view.state;
    let h = state.history;
    let latest = view
        .latest_event
        .map_or("none".to_string(), |e| event_line(h, e));
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} on {}",
            name.map_or("Organisation".into(), escape),
            state.day
        ))
    )?;
    writeln!(
        out,
        "{}",
        style.dim(&format!("latest recorded event: {latest}"))
    )?;
    known_line(out, h, style)?;

    // (node, depth): children stop at the asked depth.
    let deeper = |d: usize| view.shows_depth(d + 1);
    if !units_only {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Reporting lines"))?;
        let roots: Vec<(RoleId, usize)> = view.role_roots().into_iter().map(|r| (r, 1)).collect();
        if roots.is_empty() {
            writeln!(out, "  (no roles)")?;
        }
        tree(
            out,
            &roots,
            |(r, d)| {
                if deeper(d) {
                    state.reports(r).iter().map(|&c| (c, d + 1)).collect()
                } else {
                    Vec::new()
                }
            },
            |(r, _)| role_node(state, r, style),
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold("Units"))?;
    let roots: Vec<(UnitId, usize)> = view.unit_roots().into_iter().map(|u| (u, 1)).collect();
    if roots.is_empty() {
        writeln!(out, "  (no units)")?;
    }
    tree(
        out,
        &roots,
        |(u, d)| {
            if deeper(d) {
                state.children(u).iter().map(|&c| (c, d + 1)).collect()
            } else {
                Vec::new()
            }
        },
        |(u, _)| unit_node(state, u, style),
    )?;
    let announced = super::log::pending_lines(h, &view.announced, "announced ");
    if !announced.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Announced, not yet in force"))?;
        for line in announced {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

pub fn reports(out: &mut dyn Write, rep: &Reports, all: bool, style: &Style) -> io::Result<()> {
    let state = &rep.state;
    let h = state.history;
    let day = state.day;
    let who = match rep.manager {
        Manager::Person(p) => escape(h.person_name(p, day)).into_owned(),
        Manager::Role(r) => escape(&role_label(h, r, state.unit_of(r), day)).into_owned(),
    };
    let how = if rep.dotted {
        "Dotted lines to"
    } else if all {
        "All who report to"
    } else {
        "Direct reports of"
    };
    writeln!(out, "{}", style.bold(&format!("{how} {who} on {day}")))?;
    known_line(out, h, style)?;
    if let Manager::Person(_) = rep.manager {
        let roles: Vec<String> = rep
            .manager_roles
            .iter()
            .map(|&r| {
                let mut s = escape(&role_label(h, r, state.unit_of(r), day)).into_owned();
                if matches!(state.occupancy(r), Occupancy::Filled(iv) if iv.value.acting) {
                    s.push_str(" (acting)");
                }
                s
            })
            .collect();
        writeln!(out, "{}", style.dim(&format!("as {}", roles.join("; "))))?;
    }
    if rep.rows.is_empty() {
        let how = if rep.dotted { "by a dotted line " } else { "" };
        writeln!(out, "nobody reports to {who} {how}on {day}")?;
        return Ok(());
    }
    let mut t = Grid::new(style);
    t.set_header(vec!["NAME", "ROLE", "UNIT", "SINCE"]);
    let cells = many::map(&rep.rows, |row| {
        let indent = indent(row.depth.saturating_sub(1));
        let (name, since) = match &row.occupancy {
            Occupancy::Filled(iv) => {
                let mut n = escape(h.person_name(iv.value.person, day)).into_owned();
                if iv.value.acting {
                    n.push_str(" (acting)");
                }
                let since = iv.from.date.map_or("(start of record)".to_string(), |d| {
                    if iv.is_uncertain_on(day) {
                        format!("{d} (uncertain)")
                    } else {
                        d.to_string()
                    }
                });
                (n, since)
            }
            Occupancy::Vacant => ("(vacant)".to_string(), String::new()),
            Occupancy::Unrecorded => ("(no holder recorded)".to_string(), String::new()),
        };
        let unit = state
            .unit_of(row.role)
            .map_or(String::new(), |u| escape(h.unit_name(u, day)).into_owned());
        vec![
            format!("{indent}{name}"),
            escape(h.role_title(row.role, day)).into_owned(),
            unit,
            since,
        ]
    });
    for row in cells {
        t.add_row(row);
    }
    t.write(out)
}
