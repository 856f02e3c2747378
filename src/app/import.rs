//! `orgctl import`: its command line resolved into plain values (each
//! snapshot's date and file, in date order) and handed to
//! [`crate::import`].

use std::io::Write;

use super::usage;
use crate::cli::ImportWhat;
use crate::import::snapshots;

/// `orgctl import WHAT`: a usage error (exit 2) for arguments that say
/// nothing sensible; the importer's own errors are data problems (exit 1).
pub(super) fn import(
    what: &ImportWhat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    match what {
        ImportWhat::Snapshots(args) => {
            let mut files = Vec::new();
            for arg in &args.files {
                files.push(snapshots::file_date(arg).map_err(usage)?);
            }
            files.sort_by_key(|(d, _)| *d);
            if let Some(w) = files.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(usage(format!(
                    "two snapshots are dated {}: {} and {}\n  help: give one file per date (write DATE=FILE to date a file whose name misleads)",
                    w[0].0,
                    w[0].1.display(),
                    w[1].1.display()
                )));
            }
            let opts = snapshots::Options {
                files,
                maps: args.maps.clone(),
                key: match args.key {
                    crate::cli::import::Key::Person => snapshots::Keyed::Person,
                    crate::cli::import::Key::Post => snapshots::Keyed::Post,
                },
                vacant: args.vacant.clone(),
                unrecorded: args.unrecorded.clone(),
                out: args.out.out.clone(),
                dry_run: args.out.dry_run,
                rebuild: args.rebuild,
            };
            snapshots::run(&opts, out, err)
        }
    }
}
