//! `--format csv`: the commands whose result is a list, as one table with
//! one header row, written by the `csv` crate: RFC 4180 quoting, and LF
//! line ends (what Unix tools split on; every CSV reader takes them).
//!
//! Each row is a row type of [`super::output`], serialized: its field
//! names are the header, in field order (part of the output contract),
//! so a column cannot go missing. Names from the data have control
//! characters escaped, as in the text output.
//!
//! Trees (`at`, `who-reports-to --all`) are listed depth first with a
//! `depth` column (1 for the top), so the rows keep the tree's order.
//! `chain` has a row per step, `log` a row per change and `history` a row
//! per fact (its JSON object flattened).

use std::io::{self, Write};

use serde::Serialize;

use super::output::{at, chain, diff, history, log, reports, stats};
use super::{Options, Output, Renderer};
use crate::query::{Chains, Diff, Log, OrgAt, RecordHistory, Reports, Stats};

/// `--format csv`: `at`, `diff` (and `diff --stat`), `who-reports-to`,
/// `chain`, `log`, `history`, `stats`.
pub struct Csv;

impl Renderer for Csv {
    fn supports(&self, what: Output) -> bool {
        matches!(
            what,
            Output::At
                | Output::Diff
                | Output::DiffStat
                | Output::Reports
                | Output::Chain
                | Output::Log
                | Output::History
                | Output::Stats
        )
    }

    fn chain(&self, out: &mut dyn Write, c: &Chains, _o: &Options) -> io::Result<()> {
        chain(out, c)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, _o: &Options) -> io::Result<()> {
        self::log(out, log)
    }

    fn history(&self, out: &mut dyn Write, rh: &RecordHistory, _o: &Options) -> io::Result<()> {
        history(out, rh)
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, o: &Options) -> io::Result<()> {
        if o.units {
            units(out, view)
        } else {
            roles(out, view)
        }
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, o: &Options) -> io::Result<()> {
        if o.people {
            table(out, &diff::PersonRow::list(d))
        } else {
            diff(out, d)
        }
    }

    fn diff_stat(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        diff_stat(out, d)
    }

    fn reports(&self, out: &mut dyn Write, rep: &Reports, _o: &Options) -> io::Result<()> {
        reports(out, rep)
    }

    fn stats(&self, out: &mut dyn Write, s: &Stats, _o: &Options) -> io::Result<()> {
        table(out, &stats::Row::list(s))
    }
}

/// The header of rows of type `R`: its field names, in order.
pub fn header<R: Serialize + Default>() -> Vec<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut names = Vec::new();
    if w.serialize(R::default()).is_ok()
        && let Ok(bytes) = w.into_inner()
    {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        if let Some(Ok(first)) = r.records().next() {
            names = first.iter().map(str::to_string).collect();
        }
    }
    names
}

/// A CSV table of rows of type `R` on `out`: the header (even with no
/// rows), then the rows.
fn table<R: Serialize + Default>(out: &mut dyn Write, rows: &[R]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(header::<R>()).map_err(io_error)?;
    for row in rows {
        w.serialize(row).map_err(io_error)?;
    }
    w.flush()
}

/// The io error inside a csv error (a closed pipe stays a closed pipe).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("cannot write CSV: {other:?}")),
    }
}

/// `at`: the reporting tree, one row per role.
pub fn roles(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    table(out, &at::RoleRow::list(view))
}

/// `at --units`: the unit tree, one row per unit.
pub fn units(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    table(out, &at::UnitRow::list(view).map_err(io::Error::other)?)
}

/// `who-reports-to`: one row per reporting role.
pub fn reports(out: &mut dyn Write, rep: &Reports) -> io::Result<()> {
    let doc = reports::Reports::new(rep);
    let rows: Vec<reports::ReportCsvRow> = doc.reports.iter().map(Into::into).collect();
    table(out, &rows)
}

/// `diff`: one row per change, in the order of the text output.
pub fn diff(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    table(out, &diff::ChangeRow::list(d))
}

/// `diff --stat`: one row per kind of change.
pub fn diff_stat(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let rows: Vec<diff::StatRow> = diff::Stat::list(d).iter().map(Into::into).collect();
    table(out, &rows)
}

/// `chain`: one row per step of each chain.
pub fn chain(out: &mut dyn Write, c: &Chains) -> io::Result<()> {
    table(out, &chain::StepRow::list(c))
}

/// `log`: one row per change of each event.
pub fn log(out: &mut dyn Write, log: &Log) -> io::Result<()> {
    table(out, &log::ChangeRow::list(log))
}

/// `history`: one row per fact.
pub fn history(out: &mut dyn Write, rh: &RecordHistory) -> io::Result<()> {
    table(out, &history::FactRow::list(rh))
}

#[cfg(test)]
mod tests {
    use super::header;
    use crate::render::output::{at, chain, diff, history, log, reports, stats};

    /// The columns of each list, part of the output contract: a renamed,
    /// moved or dropped field of a row type fails here by name.
    #[test]
    fn the_columns_of_each_list_are_the_documented_ones() {
        let cases: [(&str, Vec<String>, &str); 10] = [
            (
                "at",
                header::<at::RoleRow>(),
                "depth,role_id,role_title,unit_id,unit_name,head,reports_to_role,person_id,\
                 person_name,status,acting,since,uncertain,manager_id,manager_name,\
                 person_attributes",
            ),
            (
                "at --units",
                header::<at::UnitRow>(),
                "depth,unit_id,unit_name,kind,parent_id,attributes",
            ),
            (
                "who-reports-to",
                header::<reports::ReportCsvRow>(),
                "depth,person_id,person_name,status,acting,role_id,role_title,unit_id,\
                 unit_name,reports_to_role,since,uncertain",
            ),
            (
                "diff",
                header::<diff::ChangeRow>(),
                "letter,kind,subject,subject_name,before,before_name,after,after_name,key,\
                 acting,event,event_date",
            ),
            (
                "diff --people",
                header::<diff::PersonRow>(),
                "person_id,person_name,kind,before_role_id,before_role_title,before_unit_id,\
                 before_unit_name,before_reports_to_id,before_reports_to_name,after_role_id,\
                 after_role_title,after_unit_id,after_unit_name,after_reports_to_id,\
                 after_reports_to_name,event,event_date",
            ),
            (
                "diff --stat",
                header::<diff::StatRow>(),
                "letter,kind,count",
            ),
            (
                "chain",
                header::<chain::StepRow>(),
                "chain,step,person_id,person_name,status,acting,role_id,role_title,unit_id,\
                 unit_name,since,uncertain,reports_to_role,rule,ancestor_id,ancestor_name",
            ),
            (
                "log",
                header::<log::ChangeRow>(),
                "event_id,date,reported,title,note,sources,change_index,op,change",
            ),
            (
                "history",
                header::<history::FactRow>(),
                "fact,description,key,value,unit,role,person,status,acting,before,line_to,\
                 line_rule,line_ancestor,manager_status,manager_person,manager_acting,\
                 from_date,from_event,from_declared,until_date,until_event,until_declared",
            ),
            (
                "stats",
                header::<stats::Row>(),
                "period_end,unit_id,unit_name,depth,headcount,filled_roles,vacant_roles,\
                 unrecorded_roles,vacancy_days_mean,vacancy_days_max,acting,managers,span_mean,\
                 span_median,span_max,layers,hires,departures,transfers_in,transfers_out,\
                 promotions,group",
            ),
        ];
        for (command, got, want) in cases {
            assert_eq!(got.join(","), want, "columns of `{command}`");
        }
    }
}
