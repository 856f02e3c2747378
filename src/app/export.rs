//! `orgctl export`: the history loaded as the queries load it, handed to
//! [`crate::export`], and written on stdout or safely to a file.

use std::io::Write;

use super::{Resolved, load, load_known_at};
use crate::cli::{Cli, ExportFormat};
use crate::load::git::Snapshot;

pub(super) fn export(
    cli: &Cli,
    source: &Resolved,
    git: Option<&Snapshot>,
    format: &ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let ExportFormat::Popolo { file, force } = format;
    if let Some(path) = file {
        crate::write::check_target(path, *force)?;
    }
    let history = match cli.global.known_at {
        None => load(source, git, !cli.global.no_cache)?,
        Some(day) => load_known_at(source, git, day, err)?.history,
    };
    let doc = crate::export::popolo::export(&history);
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    match file {
        None => {
            out.write_all(&bytes)?;
            out.flush()?;
        }
        Some(path) => {
            crate::write::replace_file(path, &bytes, *force)?;
            writeln!(
                err,
                "wrote {} ({} persons, {} organizations, {} posts, {} memberships, {} events)",
                path.display(),
                doc.persons.len(),
                doc.organizations.len(),
                doc.posts.len(),
                doc.memberships.len(),
                doc.events.len()
            )?;
        }
    }
    Ok(())
}
