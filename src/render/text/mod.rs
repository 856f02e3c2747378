//! Human output (`--format table`): trees and tables for a terminal,
//! plain when piped, a file per command. Every name from the data is
//! escaped (see [`crate::escape::escape`]).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::names::{event_date, known_note};
use super::{Options, Output, Renderer, Style};
use crate::escape::escape;
use crate::ids::EventId;
use crate::query::review::Review;
use crate::query::{Card, Chains, Diff, Log, OrgAt, RecordHistory, Reports, Stats, Summary, Why};
use crate::timeline::{Event, History};
use grid::Grid;

mod at;
mod chain;
mod diff;
mod grid;
mod history;
mod log;
mod many;
mod review;

pub use review::summary as review_summary;
mod show;
mod stats;
mod why;

pub use at::{at, at_titled, reports};
pub use chain::chain;
pub use diff::{diff, diff_stat};
pub use history::{fact_text, history};
pub use log::{log, sentence};
pub use show::show;
pub use stats::stats;
pub use why::why;

/// Trees and tables for people: `--format table`.
pub struct Text;

impl Renderer for Text {
    fn supports(&self, _what: Output) -> bool {
        true
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, o: &Options) -> io::Result<()> {
        at_titled(out, view, o.units, o.organisation.as_deref(), &o.style)
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, o: &Options) -> io::Result<()> {
        diff(out, d, o.people, &o.style)
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
        chain(out, c, &o.style)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, o: &Options) -> io::Result<()> {
        self::log(out, log, o.oneline, &o.style)
    }

    fn history(&self, out: &mut dyn Write, h: &RecordHistory, o: &Options) -> io::Result<()> {
        history(out, h, &o.style)
    }

    fn why(&self, out: &mut dyn Write, w: &Why, o: &Options) -> io::Result<()> {
        why(out, w, &o.style)
    }

    fn show(&self, out: &mut dyn Write, c: &Card, o: &Options) -> io::Result<()> {
        show(out, c, &o.style)
    }

    fn stats(&self, out: &mut dyn Write, s: &Stats, o: &Options) -> io::Result<()> {
        stats(out, s, &o.style)
    }

    fn review(&self, out: &mut dyn Write, r: &Review, o: &Options) -> io::Result<()> {
        review::review(out, r, &o.style)
    }
}

/// The "as known on" line, when the history was loaded `--known-at`.
fn known_line(out: &mut dyn Write, h: &History, style: &Style) -> io::Result<()> {
    match known_note(h) {
        Some(note) => writeln!(out, "{}", style.dim(&note)),
        None => Ok(()),
    }
}

/// Events, one line each (date, title, id) and a line per source (or
/// "no source given"): the event list of `diff`, `history` and `why`. A
/// `reported` date other than the event's date stands beside it, and the
/// column widens for it: "2023-09-10 (announced 2023-06-20)".
fn event_lines(
    out: &mut dyn std::io::Write,
    h: &History,
    events: &[&Event],
    style: &Style,
) -> std::io::Result<()> {
    let dates = many::map(events, |e| event_date(e));
    let w = dates.iter().map(String::len).max().unwrap_or(0).max(12);
    let rows: Vec<(&Event, String)> = events.iter().copied().zip(dates).collect();
    many::write_each(out, &rows, |text, (e, date)| {
        let title = escape(e.title.as_deref().unwrap_or("(untitled)"));
        let key = style.dim(&format!("[{}]", e.key));
        writeln!(text, "  {date:<w$} {title}  {key}")?;
        if h.sources(e).is_empty() {
            writeln!(text, "  {:<w$} {}", "", style.yellow("no source given"))?;
        }
        for s in h.sources(e) {
            let source = style.dim(&format!("source: {}", escape(s)));
            writeln!(text, "  {:<w$} {source}", "")?;
        }
        Ok(())
    })
}

/// The events a result cites, under a heading: the footer of `history`
/// and `why`.
fn events_footer(
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
    let events: Vec<&Event> = events.iter().map(|&e| h.event(e)).collect();
    event_lines(out, h, &events, style)
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
    let data = s
        .data
        .as_ref()
        .map(|d| format!("checked {}: ", crate::escape::escape(d)))
        .unwrap_or_default();
    writeln!(
        out,
        "{data}{}, {}, {} and {}{range} in {}{known}: no problems found",
        count(s.units, "unit", "units"),
        count(s.roles, "role", "roles"),
        count(s.people, "person", "people"),
        count(s.events, "event", "events"),
        count(s.files, "file", "files"),
    )
}

/// The most levels of a tree or of a table listed by depth drawn in full:
/// what a screen shows.
const DEEPEST_DRAWN: usize = 32;

/// Two spaces a level, for a name in a table listed by depth; deeper than
/// [`DEEPEST_DRAWN`], 24 levels of spaces and the level as a number
/// (`·40123 `), so a table of a deep chain stays narrow.
fn indent(levels: usize) -> String {
    match levels {
        0..=DEEPEST_DRAWN => "  ".repeat(levels),
        n => format!("{}·{n} ", "  ".repeat(24)),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
