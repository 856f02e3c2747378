//! `orgctl import`: its command line resolved into plain values and
//! handed to [`crate::import`].

use std::io::Write;

use crate::cli::ImportWhat;

pub(super) fn import(
    what: &ImportWhat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    match what {
        ImportWhat::Tenures(a) => crate::import::tenures::run(
            &crate::import::tenures::Ask {
                file: a.file.clone(),
                units: a.units.clone(),
                maps: a.maps.clone(),
                end_exclusive: a.end_exclusive,
                out: a.out.out.clone(),
                dry_run: a.out.dry_run,
            },
            out,
            err,
        ),
    }
}
