//! Query results into bytes, one module per output format, each writing
//! into the `Write` it is given behind one interface ([`Renderer`]).
//! Nothing else in orgctl prints.
//!
//! - [`text`]: trees and tables for people (`--format table`), a file per
//!   command;
//! - [`output`]: the typed output model, one file per command: the
//!   documents of `--format json` and the rows of `--format csv`, built
//!   from query results; [`json`] and [`csv`] only serialize them;
//! - [`chart`]: the chart model of `at` and `diff`, drawn by
//!   [`chart::dot`] and [`chart::mermaid`];
//! - [`names`]: how things are named, shared by all of them.
//!
//! The modules depend downwards only: `json` and `csv` on `output`,
//! `output` on `text` (for the words of `log` and `history` rows) and
//! `names`, `text` and `chart` on `names`.

pub mod chart;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod names;
pub mod output;
pub mod report;
pub mod text;

use std::io::{self, Write};

use crate::query::review::Review;
use crate::query::{
    Card, Chains, Diff, Focus, Log, OrgAt, RecordHistory, Reports, Stats, Summary, Why,
};

/// An output format (`--format`), as the renderers know it; the command
/// line maps its own option onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Trees and tables for people.
    Table,
    /// One JSON document.
    Json,
    /// One CSV table with a header row.
    Csv,
    /// A Graphviz chart.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// Markdown, for a pull-request comment.
    Markdown,
}

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
    /// `stats`: figures per period end and unit.
    Stats,
    /// `review`: what a change to the data does.
    Review,
}

/// How to show a result, beyond the result itself.
#[derive(Debug, Clone)]
pub struct Options {
    pub style: Style,
    /// `at --units`, `diff --units`: the unit tree only.
    pub units: bool,
    /// `who-reports-to --all`.
    pub all: bool,
    /// `log --oneline`.
    pub oneline: bool,
    /// The organisation's name (the project file's `name`), for the title
    /// of `at` in text.
    pub organisation: Option<String>,
    /// `diff --people`: the people view only.
    pub people: bool,
    /// `--layout`: the direction of a chart.
    pub layout: Layout,
    /// `diff --only-changes`, `diff --unit`: what a diff chart draws.
    pub focus: Option<Focus>,
}

/// The direction a chart is drawn in (`--layout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Top to bottom: the manager above the report.
    #[default]
    TopDown,
    /// Left to right: the manager left of the report.
    LeftRight,
}

impl Options {
    pub fn plain() -> Self {
        Options {
            style: Style::plain(),
            units: false,
            all: false,
            oneline: false,
            organisation: None,
            people: false,
            layout: Layout::TopDown,
            focus: None,
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

    fn stats(&self, _out: &mut dyn Write, _s: &Stats, _o: &Options) -> io::Result<()> {
        Err(unsupported())
    }

    fn review(&self, _out: &mut dyn Write, _r: &Review, _o: &Options) -> io::Result<()> {
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
        Format::Dot => &chart::dot::Dot,
        Format::Mermaid => &chart::mermaid::Mermaid,
        Format::Markdown => &markdown::Markdown,
    }
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
        let mut out = String::with_capacity(text.len());
        self.paint_onto(&mut out, text, style);
        out
    }

    /// [`Style::paint`] at the end of `out`, allocating nothing more (a
    /// line per role of a large organisation).
    fn paint_onto(&self, out: &mut String, text: &str, style: anstyle::Style) {
        if self.color {
            use std::fmt::Write;
            let _ = write!(out, "{style}{text}{style:#}");
        } else {
            out.push_str(text);
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(text, anstyle::Style::new().bold())
    }

    /// [`Style::bold`] at the end of `out`.
    pub fn push_bold(&self, out: &mut String, text: &str) {
        self.paint_onto(out, text, anstyle::Style::new().bold())
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
