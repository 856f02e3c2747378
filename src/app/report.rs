//! `orgctl report --html`: the range and scope resolved, the page's data
//! built from the history (`render/output/report.rs`) and written by
//! `render/report/` to stdout or to FILE (safely, as `export` writes),
//! unless its data is over the limit.

use std::io::Write;

use chrono::NaiveDate;

use super::{unit_on, usage};
use crate::cli::ReportArgs;
use crate::query::report::report_range;
use crate::render::output::report::{ReportBody, ReportData, ScopeAsk};
use crate::timeline::History;

/// The most data a page may embed: 20 MB. Past it a browser takes
/// seconds to open the page, and the report is better narrowed.
const DATA_LIMIT: usize = 20_000_000;

/// For tests only: a number of bytes to use as the limit instead, so
/// that the refusal can be tested without 20 MB of data. Not documented
/// for users.
const LIMIT_VAR: &str = "ORGCTL_REPORT_DATA_LIMIT";

/// What can be refused before the data is read: `--since` after
/// `--until`, a FILE that exists without `--force`, a folder that does
/// not exist.
pub(super) fn check(args: &ReportArgs) -> anyhow::Result<()> {
    if let (Some(s), Some(u)) = (args.since, args.until)
        && s > u
    {
        return Err(usage(format!(
            "--since ({s}) is after --until ({u}); give the earlier date to --since"
        )));
    }
    if let Some(file) = &args.out {
        crate::export::check_target(file, args.force)?;
    }
    data_limit()?;
    Ok(())
}

/// [`DATA_LIMIT`], or the test's.
fn data_limit() -> anyhow::Result<usize> {
    match std::env::var(LIMIT_VAR) {
        Err(_) => Ok(DATA_LIMIT),
        Ok(v) => v
            .parse()
            .map_err(|_| usage(format!("{LIMIT_VAR} is '{v}'; give a number of bytes"))),
    }
}

/// Writes the page of `history` over the range and scope `args` ask for.
pub(super) fn report(
    history: &History,
    args: &ReportArgs,
    organisation: Option<&str>,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let range = report_range(history, args.since, args.until, today);
    let unit = match &args.unit {
        Some(name) => Some(unit_on(history, name, range.last, err)?),
        None => None,
    };
    let ask = (unit.is_some() || args.depth.is_some()).then_some(ScopeAsk {
        unit,
        depth: args.depth,
    });
    let body = ReportBody::new(history, range, ask);
    if let (Some(u), Some(scope)) = (unit, &body.scope) {
        let key = &history.unit(u).key;
        if !scope.units.contains_key(key) {
            anyhow::bail!(
                "unit '{key}' does not exist on any day from {} to {}\n  help: `orgctl history {key}` shows when it existed; choose those days with --since and --until",
                range.first,
                range.last
            );
        }
    }
    let data = ReportData::new(history, &body, organisation)?;
    let page = crate::render::report::page(&data)?;
    let limit = data_limit()?;
    if page.data_bytes > limit {
        anyhow::bail!(
            "the page would embed {} of data, over the {} a page may hold (it would open slowly); nothing was written\n  help: narrow the report: --unit UNIT (one unit and the units under it), --depth N (the top N levels of units), or --since DATE and --until DATE (fewer days)",
            size(page.data_bytes),
            size(limit)
        );
    }
    match &args.out {
        None => out.write_all(page.html.as_bytes())?,
        Some(path) => {
            crate::export::bytes(path, page.html.as_bytes(), args.force)?;
            writeln!(
                err,
                "wrote {}: {} to {}, {} events, {} facts (open it in a browser; add #day=YYYY-MM-DD to its address for a day)",
                path.display(),
                range.first,
                range.last,
                data.events.rows.len(),
                data.fact_count()
            )?;
        }
    }
    Ok(())
}

/// A number of bytes for people: "23.4 MB", "512.0 kB", "900 bytes".
fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}
