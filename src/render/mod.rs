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

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::cli::Format;
use crate::ids::{RoleId, UnitId};
use crate::query::{Diff, OrgAt, OrgView, Reports, State, Summary};
use crate::timeline::History;

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
}

/// How to show a result, beyond the result itself.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub style: Style,
    /// `at --units`, `diff --units`: the unit tree only.
    pub units: bool,
    /// `who-reports-to --all`.
    pub all: bool,
}

impl Options {
    pub fn plain() -> Self {
        Options {
            style: Style::plain(),
            units: false,
            all: false,
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

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(text, "1")
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(text, "2")
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint(text, "33")
    }

    pub fn green(&self, text: &str) -> String {
        self.paint(text, "32")
    }

    pub fn red(&self, text: &str) -> String {
        self.paint(text, "31")
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
