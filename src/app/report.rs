//! `orgctl report --html`: the range resolved, the page's data built from
//! the history (`render/output/report.rs`) and written by `render/report/`
//! to stdout or to FILE (safely, as `export` writes).

use std::io::Write;

use chrono::NaiveDate;

use super::usage;
use crate::cli::ReportArgs;
use crate::query::diff;
use crate::query::report::{change_days, report_range};
use crate::render::output::report::ReportData;
use crate::timeline::History;

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
    Ok(())
}

/// Writes the page of `history` over the range `args` asks for.
pub(super) fn report(
    history: &History,
    args: &ReportArgs,
    organisation: Option<&str>,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let range = report_range(history, args.since, args.until, today);
    let diffs: Vec<_> = change_days(history, &range)
        .into_iter()
        .map(|(from, to)| diff(history, from, to))
        .collect();
    let data = ReportData::new(history, range, organisation, &diffs);
    match &args.out {
        None => crate::render::report::html(out, &data)?,
        Some(path) => {
            let mut page = Vec::new();
            crate::render::report::html(&mut page, &data)?;
            crate::export::bytes(path, &page, args.force)?;
            writeln!(
                err,
                "wrote {}: {} to {}, {} events, {} facts (open it in a browser; add #day=YYYY-MM-DD to its address for a day)",
                path.display(),
                range.first,
                range.last,
                data.events.len(),
                data.facts.len()
            )?;
        }
    }
    Ok(())
}
