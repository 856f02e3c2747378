//! `orgctl import`: the input read, planned into records and events by
//! [`crate::import`], and written as a new data folder through
//! [`crate::import::Target`] (lock, check, temporary folder, rename).

use std::io::Write;

use crate::cli::ImportFormat;
use crate::import::{Target, popolo};

pub(super) fn import(
    format: &ImportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let ImportFormat::Popolo {
        file,
        out: dir,
        dry_run,
    } = format;
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let doc = popolo::read(file, &text)?;
    let target = Target::open(dir, *dry_run)?;
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
        if *dry_run { "would import" } else { "imported" },
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
