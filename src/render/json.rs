//! `--format json`: one JSON document per command, the command's type in
//! [`super::output`] serialized (keys in field order). Keys may be
//! added; none are renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::output::{at, chain, check, diff, history, log, reports, show, stats, why};
use super::{Options, Output, Renderer};
use crate::query::review::Review;
use crate::query::{Card, Chains, Diff, Log, OrgAt, RecordHistory, Reports, Stats, Summary, Why};

/// `--format json`: every command.
pub struct Json;

impl Renderer for Json {
    fn supports(&self, _what: Output) -> bool {
        true
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, _o: &Options) -> io::Result<()> {
        self::at(out, view)
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        self::diff(out, d)
    }

    fn diff_stat(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        self::diff_stat(out, d)
    }

    fn reports(&self, out: &mut dyn Write, rep: &Reports, _o: &Options) -> io::Result<()> {
        self::reports(out, rep)
    }

    fn check(&self, out: &mut dyn Write, s: &Summary, _o: &Options) -> io::Result<()> {
        self::check(out, s)
    }

    fn chain(&self, out: &mut dyn Write, c: &Chains, _o: &Options) -> io::Result<()> {
        self::chain(out, c)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, _o: &Options) -> io::Result<()> {
        self::log(out, log)
    }

    fn history(&self, out: &mut dyn Write, h: &RecordHistory, _o: &Options) -> io::Result<()> {
        self::history(out, h)
    }

    fn why(&self, out: &mut dyn Write, w: &Why, _o: &Options) -> io::Result<()> {
        self::why(out, w)
    }

    fn show(&self, out: &mut dyn Write, c: &Card, _o: &Options) -> io::Result<()> {
        self::show(out, c)
    }

    fn stats(&self, out: &mut dyn Write, s: &Stats, _o: &Options) -> io::Result<()> {
        write(out, &stats::Stats::new(s))
    }

    fn review(&self, out: &mut dyn Write, r: &Review, _o: &Options) -> io::Result<()> {
        write(out, &super::output::review::Review::new(r))
    }
}

/// A document, pretty-printed, and a newline.
fn write(out: &mut dyn Write, doc: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

pub fn at(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    write(out, &at::At::new(view))
}

pub fn reports(out: &mut dyn Write, rep: &Reports) -> io::Result<()> {
    write(out, &reports::Reports::new(rep))
}

pub fn diff(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    write(out, &diff::Diff::new(d))
}

pub fn diff_stat(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    write(out, &diff::DiffStat::new(d))
}

pub fn check(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    write(out, &check::Check::new(s))
}

pub fn chain(out: &mut dyn Write, c: &Chains) -> io::Result<()> {
    write(out, &chain::Chain::new(c))
}

pub fn log(out: &mut dyn Write, log: &Log) -> io::Result<()> {
    write(out, &log::Log::new(log))
}

pub fn history(out: &mut dyn Write, rh: &RecordHistory) -> io::Result<()> {
    write(out, &history::HistoryOut::new(rh))
}

pub fn why(out: &mut dyn Write, w: &Why) -> io::Result<()> {
    write(out, &why::WhyOut::new(w))
}

pub fn show(out: &mut dyn Write, c: &Card) -> io::Result<()> {
    write(out, &show::Show::new(c))
}
