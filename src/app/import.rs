//! `orgctl import`: its command line resolved into plain values and
//! handed to [`crate::import`].

use std::io::Write;

use crate::cli::{ImportWhat, PopoloArgs};
use crate::import::{Target, popolo};

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
        ImportWhat::Popolo(a) => import_popolo(a, out, err),
    }
}

/// `orgctl import popolo`: the document read and checked, planned into a
/// new data folder, written, then what was imported.
fn import_popolo(a: &PopoloArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let (file, dir, dry_run) = (&a.file, &a.out.out, a.out.dry_run);
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
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
