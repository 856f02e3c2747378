//! Query results into bytes: one module per output format, each writing
//! into the `Write` it is given, behind one interface ([`Renderer`]).
//! Nothing else in orgctl prints.
//!
//! `text` (trees and tables), `json`, `csv` (lists), and the charts `dot`
//! and `mermaid`, which both draw the [`chart::Chart`] built from a result.

pub mod chart;
pub mod csv;
pub mod dot;
pub mod json;
pub mod mermaid;
pub mod text;

// The exploration commands: one module per command, with the text and
// JSON of each; the `text` and `json` renderers call them.
pub mod chain;
pub mod history;
pub mod log;
pub mod show;
pub mod why;

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::cli::Format;
use crate::escape::escape;
use crate::ids::{EventId, RoleId, UnitId};
use crate::query::{
    Card, Chains, Diff, LineRule, Log, Mark, Occupancy, OrgAt, OrgView, RecordHistory, Reports,
    State, Summary, Why,
};
use crate::timeline::{Event, History, Origin};

/// What a command asks a format to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `at`: the reporting tree and the unit tree.
    At,
    /// `diff`: the changes and the events.
    Diff,
    /// `diff --stat`: the number of changes of each kind.
    DiffStat,
    /// `who-reports-to`.
    Reports,
    /// `check`: the summary of the data.
    Check,
    /// `chain`: the chains of command above a record.
    Chain,
    /// `log`: the events.
    Log,
    /// `history`: every fact about one record over time.
    History,
    /// `why`: what a record's situation on a day rests on.
    Why,
    /// `show`: one record's card on a day.
    Show,
}

/// How to show a result, beyond the result itself.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub style: Style,
    /// `at --units`, `diff --units`: the unit tree only.
    pub units: bool,
    /// `who-reports-to --all`.
    pub all: bool,
    /// `log --oneline`.
    pub oneline: bool,
}

impl Options {
    pub fn plain() -> Self {
        Options {
            style: Style::plain(),
            units: false,
            all: false,
            oneline: false,
        }
    }
}

/// One output format. A format implements what it [`supports`]; the other
/// methods are never called for it (they fail if they are).
///
/// [`supports`]: Renderer::supports
pub trait Renderer {
    fn supports(&self, what: Output) -> bool;

    fn at(&self, _out: &mut dyn Write, _view: &OrgAt, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn diff(&self, _out: &mut dyn Write, _d: &Diff, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn diff_stat(&self, _out: &mut dyn Write, _d: &Diff, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn reports(&self, _out: &mut dyn Write, _rep: &Reports, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn check(&self, _out: &mut dyn Write, _s: &Summary, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn chain(&self, _out: &mut dyn Write, _c: &Chains, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn log(&self, _out: &mut dyn Write, _log: &Log, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn history(&self, _out: &mut dyn Write, _h: &RecordHistory, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn why(&self, _out: &mut dyn Write, _w: &Why, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn show(&self, _out: &mut dyn Write, _c: &Card, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }
}

fn unsupported() -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        "this output format cannot show this result",
    )
}

/// The renderer of a format.
pub fn renderer(format: Format) -> &'static dyn Renderer {
    match format {
        Format::Table => &text::Text,
        Format::Json => &json::Json,
        Format::Csv => &csv::Csv,
        Format::Dot => &dot::Dot,
        Format::Mermaid => &mermaid::Mermaid,
    }
}

/// The formats that can show `what`, in `--format` order.
pub fn formats_for(what: Output) -> Vec<Format> {
    Format::ALL
        .into_iter()
        .filter(|&f| renderer(f).supports(what))
        .collect()
}

/// How human output may look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI colour and bold.
    pub color: bool,
    /// Output goes to a terminal: tables may wrap to its width.
    pub terminal: bool,
}

impl Style {
    pub fn plain() -> Self {
        Style {
            color: false,
            terminal: false,
        }
    }

    fn paint(&self, text: &str, style: anstyle::Style) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(text, anstyle::Style::new().bold())
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(text, anstyle::Style::new().dimmed())
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint(text, anstyle::AnsiColor::Yellow.on_default())
    }

    pub fn green(&self, text: &str) -> String {
        self.paint(text, anstyle::AnsiColor::Green.on_default())
    }

    pub fn red(&self, text: &str) -> String {
        self.paint(text, anstyle::AnsiColor::Red.on_default())
    }
}

/// A role's unit on the state's day, or, for a role that no longer exists
/// then, its last unit.
pub fn role_unit(state: &State, r: RoleId) -> Option<UnitId> {
    state.unit_of(r).or_else(|| {
        state
            .history
            .role(r)
            .unit
            .intervals()
            .last()
            .map(|iv| iv.value)
    })
}

/// "Title, Unit" for a role as named on the state's day (see [`role_unit`]).
pub fn role_label_in(state: &State, r: RoleId) -> String {
    role_label(state.history, r, role_unit(state, r), state.day)
}

/// "as known on DATE" for results loaded `--known-at`.
pub fn known_note(h: &History) -> Option<String> {
    h.known_at
        .map(|d| format!("as known on {d}: events reported after it are left out"))
}

/// "Title, Unit" for a role on a day.
pub fn role_label(h: &History, r: RoleId, unit: Option<UnitId>, day: NaiveDate) -> String {
    match unit {
        Some(u) => format!("{}, {}", h.role_title(r, day), h.unit_name(u, day)),
        None => h.role_title(r, day).to_string(),
    }
}

/// "Title, Unit" for a role on a day, with the unit it was in then (or
/// the nearest: a role named before it existed or after it ended).
pub fn role_name(h: &History, r: RoleId, day: NaiveDate) -> String {
    role_label(h, r, h.role(r).unit.near(day).copied(), day)
}

/// A person's name, or a unit's name or a role's "Title, Unit" on `day`.
/// Not escaped.
pub fn subject_name(h: &History, f: crate::query::Found, day: NaiveDate) -> String {
    match f {
        crate::query::Found::Person(p) => h.person(p).name.clone(),
        crate::query::Found::Unit(u) => h.unit_name(u, day).to_string(),
        crate::query::Found::Role(r) => role_name(h, r, day),
    }
}

/// Who holds a role, in words: a name, "vacant" or "no holder
/// recorded". Escaped.
pub fn seat_text(h: &History, occ: &Occupancy) -> String {
    match occ {
        Occupancy::Filled(iv) => escape(&h.person(iv.value.person).name).into_owned(),
        Occupancy::Vacant => "vacant".into(),
        Occupancy::Unrecorded => "no holder recorded".into(),
    }
}

/// A holder for a NAME column: the name with "(acting)", else
/// "(vacant)" or "(no holder recorded)". Escaped.
pub fn holder_text(h: &History, occ: &Occupancy) -> String {
    match occ {
        Occupancy::Filled(iv) if iv.value.acting => format!("{} (acting)", seat_text(h, occ)),
        Occupancy::Filled(_) => seat_text(h, occ),
        _ => format!("({})", seat_text(h, occ)),
    }
}

/// The reporting rule in words, with the ancestor unit named on `day`.
pub fn rule_text(h: &History, rule: LineRule, day: NaiveDate) -> String {
    match rule {
        LineRule::Explicit => "explicit line".into(),
        LineRule::HeadOfUnit => "head of own unit".into(),
        LineRule::HeadOfAncestor(u) => {
            format!("head of ancestor unit {}", escape(h.unit_name(u, day)))
        }
    }
}

/// The stable JSON name of a reporting rule.
pub fn rule_name(rule: LineRule) -> &'static str {
    match rule {
        LineRule::Explicit => "explicit",
        LineRule::HeadOfUnit => "head-of-unit",
        LineRule::HeadOfAncestor(_) => "head-of-ancestor",
    }
}

/// Where a declaration is written: "path:line" (not escaped).
pub fn declared_at(h: &History, loc: &crate::timeline::Loc) -> String {
    let path = h
        .files
        .get(loc.file.index())
        .map_or_else(|| "?".to_string(), |p| p.display().to_string());
    format!("{path}:{}", loc.line)
}

/// A mark's date: the date as written, or "start" (before the first
/// recorded event).
pub fn mark_date(m: &Mark) -> String {
    m.date
        .map_or_else(|| "start".to_string(), |d| d.to_string())
}

/// What made a mark, in words: "event KEY", "declared at FILE:LINE", or
/// "several changes" when no single change did. Escaped.
pub fn origin_text(h: &History, origin: Option<Origin>) -> String {
    match origin {
        Some(Origin::Event(e)) => format!("event {}", h.event(e).key),
        Some(Origin::Declared(d)) => {
            format!(
                "declared at {}",
                escape(&declared_at(h, &h.declared_loc(d)))
            )
        }
        None => "several changes that day".into(),
    }
}

/// The day to name things on for a mark: its first day, or the earliest
/// day for the start of the record.
pub fn mark_day(m: &Mark) -> NaiveDate {
    m.day().unwrap_or(NaiveDate::MIN)
}

/// Events, one line each (date, title, id) and a line per source (or
/// "no source given"): the event list of `diff`, `history` and `why`.
pub fn event_lines<'a>(
    out: &mut dyn std::io::Write,
    h: &History,
    events: impl IntoIterator<Item = &'a Event>,
    style: &Style,
) -> std::io::Result<()> {
    for e in events {
        writeln!(
            out,
            "  {:<12} {}  {}",
            e.date.to_string(),
            escape(e.title.as_deref().unwrap_or("(untitled)")),
            style.dim(&format!("[{}]", e.key))
        )?;
        if h.sources(e).is_empty() {
            writeln!(out, "  {:<12} {}", "", style.yellow("no source given"))?;
        }
        for s in h.sources(e) {
            writeln!(
                out,
                "  {:<12} {}",
                "",
                style.dim(&format!("source: {}", escape(s)))
            )?;
        }
    }
    Ok(())
}

/// The events a result cites, under a heading: the footer of `history`
/// and `why`.
pub fn events_footer(
    out: &mut dyn std::io::Write,
    h: &History,
    events: &[EventId],
    style: &Style,
) -> std::io::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", style.bold("Events"))?;
    event_lines(out, h, events.iter().map(|&e| h.event(e)), style)
}
