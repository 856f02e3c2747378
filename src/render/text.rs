//! Human output: trees and tables for a terminal, plain when piped.
//! Every name from the data is escaped (see [`crate::escape::escape`]).

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::{ContentArrangement, Table, presets};

use super::{Options, Output, Renderer, Style, known_note, role_label, role_label_in};
use crate::escape::escape;
use crate::ids::{RoleId, UnitId};
use crate::query::{
    Card, Chains, Diff, DiffChange, DiffKind, Log, Manager, Occupancy, OrgAt, OrgView,
    RecordHistory, Ref, Reports, State, Summary, Why,
};
use crate::timeline::History;

/// Trees and tables for people: `--format table`.
pub struct Text;

impl Renderer for Text {
    fn supports(&self, _what: Output) -> bool {
        true
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, o: &Options) -> io::Result<()> {
        at(out, view, o.units, &o.style)
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, o: &Options) -> io::Result<()> {
        diff(out, d, &o.style)
    }

    fn diff_stat(&self, out: &mut dyn Write, d: &Diff, o: &Options) -> io::Result<()> {
        diff_stat(out, d, &o.style)
    }

    fn reports(&self, out: &mut dyn Write, rep: &Reports, o: &Options) -> io::Result<()> {
        reports(out, rep, o.all, &o.style)
    }

    fn check(&self, out: &mut dyn Write, s: &Summary, _o: &Options) -> io::Result<()> {
        check(out, s)
    }

    fn chain(&self, out: &mut dyn Write, c: &Chains, o: &Options) -> io::Result<()> {
        super::chain::text(out, c, &o.style)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, o: &Options) -> io::Result<()> {
        super::log::text(out, log, o.oneline, &o.style)
    }

    fn history(&self, out: &mut dyn Write, h: &RecordHistory, o: &Options) -> io::Result<()> {
        super::history::text(out, h, &o.style)
    }

    fn why(&self, out: &mut dyn Write, w: &Why, o: &Options) -> io::Result<()> {
        super::why::text(out, w, &o.style)
    }

    fn show(&self, out: &mut dyn Write, c: &Card, o: &Options) -> io::Result<()> {
        super::show::text(out, c, &o.style)
    }
}

/// The "as known on" line, when the history was loaded `--known-at`.
fn known_line(out: &mut dyn Write, h: &History, style: &Style) -> io::Result<()> {
    match known_note(h) {
        Some(note) => writeln!(out, "{}", style.dim(&note)),
        None => Ok(()),
    }
}

/// Prints a forest depth first, with box-drawing branches. A label may
/// have more lines (details), printed under it inside its branch.
/// Iterative, so a deep tree cannot overflow the stack.
fn tree<N: Copy>(
    out: &mut dyn Write,
    roots: &[N],
    children: impl Fn(N) -> Vec<N>,
    label: impl Fn(N) -> String,
) -> io::Result<()> {
    // (node, prefix for its children, its own branch)
    let mut stack: Vec<(N, String, String)> = roots
        .iter()
        .rev()
        .map(|&n| (n, String::new(), String::new()))
        .collect();
    while let Some((node, prefix, branch)) = stack.pop() {
        let kids = children(node);
        let text = label(node);
        let mut lines = text.lines();
        writeln!(out, "{branch}{}", lines.next().unwrap_or(""))?;
        let detail = format!("{prefix}{}", if kids.is_empty() { "    " } else { "│   " });
        for line in lines {
            writeln!(out, "{detail}{line}")?;
        }
        let n = kids.len();
        for (i, &k) in kids.iter().enumerate().rev() {
            let last = i + 1 == n;
            let branch = format!("{prefix}{}", if last { "└── " } else { "├── " });
            let child_prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
            stack.push((k, child_prefix, branch));
        }
    }
    Ok(())
}

fn person_or_gap(h: &History, occ: &Occupancy, day: NaiveDate, style: &Style) -> String {
    match occ {
        Occupancy::Filled(iv) => {
            let mut s = style.bold(&escape(&h.person(iv.value.person).name));
            if iv.value.acting {
                s.push_str(" (acting)");
            }
            if iv.is_uncertain_on(day)
                && let Some(d) = iv.from.date
            {
                s.push_str(&style.yellow(&format!(" [uncertain: from {d}]")));
            }
            s
        }
        Occupancy::Vacant => style.yellow("(vacant)"),
        Occupancy::Unrecorded => style.dim("(no holder recorded)"),
    }
}

fn role_node(state: &State, r: RoleId, style: &Style) -> String {
    let h = state.history;
    let mut s = format!(
        "{} — {}",
        person_or_gap(h, &state.occupancy(r), state.day, style),
        escape(&role_label(h, r, state.unit_of(r), state.day))
    );
    if let Some(iv) = h.role(r).life.at(state.day)
        && iv.is_uncertain_on(state.day)
        && let Some(d) = iv.from.date
    {
        s.push_str(&style.yellow(&format!(" [role uncertain: from {d}]")));
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
    if let Some(iv) = unit.life.at(state.day)
        && iv.is_uncertain_on(state.day)
        && let Some(d) = iv.from.date
    {
        s.push_str(&style.yellow(&format!(" [uncertain: from {d}]")));
    }
    for (key, t) in &unit.attributes {
        if let Some(iv) = t.at(state.day) {
            let mut line = format!("{}: {}", escape(key), escape(&iv.value));
            if iv.is_uncertain_on(state.day)
                && let Some(d) = iv.from.date
            {
                line.push_str(&format!(" [uncertain: from {d}]"));
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
    let state = &view.state;
    let h = state.history;
    let latest = view
        .latest_event
        .map_or("none".to_string(), |e| event_line(h, e));
    writeln!(
        out,
        "{}",
        style.bold(&format!("Organisation on {}", state.day))
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
    )
}

pub(super) fn table(style: &Style) -> Table {
    let mut t = Table::new();
    if style.terminal {
        t.load_style(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        // Piped: no borders, no wrapping, one record per line.
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
    }
    t
}

pub fn reports(out: &mut dyn Write, rep: &Reports, all: bool, style: &Style) -> io::Result<()> {
    let state = &rep.state;
    let h = state.history;
    let day = state.day;
    let who = match rep.manager {
        Manager::Person(p) => escape(&h.person(p).name).into_owned(),
        Manager::Role(r) => escape(&role_label(h, r, state.unit_of(r), day)).into_owned(),
    };
    let how = if all {
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
            .map(|&r| escape(&role_label(h, r, state.unit_of(r), day)).into_owned())
            .collect();
        writeln!(out, "{}", style.dim(&format!("as {}", roles.join("; "))))?;
    }
    if rep.rows.is_empty() {
        writeln!(out, "nobody reports to {who} on {day}")?;
        return Ok(());
    }
    let mut t = table(style);
    t.set_header(vec!["NAME", "ROLE", "UNIT", "SINCE"]);
    for row in &rep.rows {
        let indent = "  ".repeat(row.depth.saturating_sub(1));
        let (name, since) = match &row.occupancy {
            Occupancy::Filled(iv) => {
                let mut n = escape(&h.person(iv.value.person).name).into_owned();
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
        t.add_row(vec![
            format!("{indent}{name}"),
            escape(h.role_title(row.role, day)).into_owned(),
            unit,
            since,
        ]);
    }
    writeln!(out, "{t}")
}

/// A change's referent, named on the day that fits it.
fn name_ref(h: &History, state: &State, r: &Ref) -> String {
    let day = state.day;
    match r {
        Ref::Unit(u) => escape(h.unit_name(*u, day)).into_owned(),
        Ref::Role(role) => escape(&role_label_in(state, *role)).into_owned(),
        Ref::Person(p) => escape(&h.person(*p).name).into_owned(),
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
        DiffKind::Appointed => "Appointments",
        DiffKind::Left => "Departures",
        DiffKind::LineChanged => "Reporting lines changed",
        DiffKind::AttributeChanged => "Attributes changed",
    }
}

pub(crate) fn describe(d: &Diff, c: &DiffChange) -> String {
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
        DiffKind::UnitDissolved => match after(&c.after) {
            Some(into) => format!("{subject_then}, absorbed into {into}"),
            None => subject_then,
        },
        DiffKind::RoleEliminated => subject_then,
        DiffKind::UnitMoved | DiffKind::RoleMoved => format!(
            "{subject_now}: {} → {}",
            before(&c.before).unwrap_or_else(|| "(top level)".into()),
            after(&c.after).unwrap_or_else(|| "(top level)".into())
        ),
        DiffKind::UnitRenamed | DiffKind::RoleRetitled => format!(
            "{} → {}",
            before(&c.before).unwrap_or_else(none),
            after(&c.after).unwrap_or_else(none)
        ),
        DiffKind::Appointed => format!(
            "{subject_now} as {}{}",
            after(&c.after).unwrap_or_else(none),
            if c.acting { " (acting)" } else { "" }
        ),
        DiffKind::Left => {
            let role = before(&c.before).unwrap_or_else(none);
            let gone = matches!(c.before, Some(Ref::Role(r)) if !b.role_exists(r));
            format!(
                "{subject_then} left {role}{}",
                if gone { " (role eliminated)" } else { "" }
            )
        }
        DiffKind::LineChanged => {
            let manager = |s: &State, r: &Option<Ref>| match r {
                Some(Ref::Role(role)) => format!(
                    "{} ({})",
                    name_ref(h, s, &Ref::Role(*role)),
                    super::seat_text(h, &s.occupancy(*role))
                ),
                _ => "nobody".into(),
            };
            format!(
                "{subject_now}: {} → {}",
                manager(a, &c.before),
                manager(b, &c.after)
            )
        }
        DiffKind::AttributeChanged => format!(
            "{subject_now}: {} {} → {}",
            escape(c.key.as_deref().unwrap_or("")),
            before(&c.before).unwrap_or_else(|| "(unset)".into()),
            after(&c.after).unwrap_or_else(|| "(unset)".into())
        ),
    }
}

/// The letter of a change, coloured like git: additions green, removals
/// red, the rest yellow.
fn letter(kind: DiffKind, style: &Style) -> String {
    let l = kind.letter().to_string();
    match kind.letter() {
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
            letter(*kind, style),
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

pub fn diff(out: &mut dyn Write, d: &Diff, style: &Style) -> io::Result<()> {
    let h = d.to.history;
    diff_header(out, d, style)?;
    if d.changes.is_empty() {
        writeln!(out, "\nno changes")?;
    }
    let mut current = None;
    for c in &d.changes {
        if current != Some(c.kind) {
            current = Some(c.kind);
            writeln!(out)?;
            writeln!(out, "{}", style.bold(section_title(c.kind)))?;
        }
        let event = c
            .event
            .map(|e| style.dim(&format!("  [{}]", h.event(e).key)))
            .unwrap_or_default();
        writeln!(out, "  {} {}{event}", letter(c.kind, style), describe(d, c))?;
    }
    writeln!(out)?;
    let events = &h.events[d.events.clone()];
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
    super::event_lines(out, h, events, style)
}

pub fn check(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let range = match (s.first_event, s.last_event) {
        (Some(a), Some(b)) => format!(", dated from {a} to {b},"),
        _ => String::new(),
    };
    let known = s
        .known_at
        .map(|d| format!(", as known on {d}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{}, {}, {} and {}{range} in {}{known}: no problems found",
        count(s.units, "unit", "units"),
        count(s.roles, "role", "roles"),
        count(s.people, "person", "people"),
        count(s.events, "event", "events"),
        count(s.files, "file", "files"),
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
