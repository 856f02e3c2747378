//! `orgctl import`: its command line resolved into plain values (each
//! snapshot's date and file, in date order) and handed to
//! [`crate::import`].

use std::io::Write;

use super::usage;
use crate::cli::{ImportWhat, PopoloArgs};
use crate::import::{Target, popolo, snapshots};

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
        ImportWhat::Popolo(a) => import_popolo(a, out, err),
    }
}

/// `orgctl import popolo`: the document read and checked, planned into a
/// new data folder, written, then what was imported.
fn import_popolo(a: &PopoloArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let (file, dir, dry_run) = (&a.file, &a.out.out, a.out.dry_run);
    let text = crate::import::read_input(file, "document")?;
    let doc = popolo::read(file, &text)?;
    let target = Target::open(dir, dry_run)?;
    if !target.new {
        anyhow::bail!(
            "--out {} already holds files; import popolo writes a new data folder\n  help: give a folder that does not exist yet, or an empty one",
            dir.display()
        );
    }
    let (appends, s) = popolo::plan(&doc, file, dir)?;
    target.commit(&appends, out, err)?;
    let several = match s.seated {
        0 => String::new(),
        n => format!(" ({n} with several seats)"),
    };
    let made = match s.made_posts {
        0 => String::new(),
        n => format!(", {n} of them made for memberships without a post"),
    };
    writeln!(
        err,
        "{} {}: {} persons, {} organizations, {} posts{several}{made}, {} memberships, {} events",
        if dry_run { "would import" } else { "imported" },
        file.display(),
        s.persons,
        s.organizations,
        s.posts,
        s.memberships,
        s.events
    )?;
    if !doc.unread.is_empty() {
        let list: Vec<String> = doc
            .unread
            .iter()
            .map(|(field, n)| format!("{field} ({n})"))
            .collect();
        writeln!(
            err,
            "note: not imported, orgctl has no place for them: {}",
            list.join(", ")
        )?;
    }
    Ok(())
}
