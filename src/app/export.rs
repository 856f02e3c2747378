//! `orgctl export FORMAT FILE`: the replayed history, read as the query
//! commands read it, written to FILE by `export/`.

use std::io::Write;

use super::usage;
use crate::cli::ExportFormat;
use crate::timeline::History;

/// What can be refused before the data is read: `-` as FILE, a FILE that
/// exists without `--force`, a folder that does not exist.
pub(super) fn check(format: &ExportFormat) -> anyhow::Result<()> {
    match format {
        ExportFormat::Sqlite { file, force } => {
            if file.as_os_str() == "-" {
                return Err(usage(
                    "`export sqlite` cannot write to stdout (`-`): a SQLite database is a file, not a stream\n  help: give a file name, such as org.sqlite"
                        .into(),
                ));
            }
            crate::export::check_target(file, *force)?;
        }
        ExportFormat::Popolo {
            file: Some(file),
            force,
        } => crate::export::check_target(file, *force)?,
        ExportFormat::Popolo { file: None, .. } => {}
    }
    Ok(())
}

/// Writes `history` as `format` says, then one line of what was written
/// (on stderr when the export itself may be on stdout).
pub(super) fn export(
    history: &History,
    format: &ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Sqlite { file, force } => {
            let c = crate::export::sqlite(history, file, *force)?;
            writeln!(
                out,
                "wrote {}: {} units, {} roles, {} people, {} events, {} facts (SQLite, schema version {})",
                file.display(),
                c.units,
                c.roles,
                c.people,
                c.events,
                c.facts,
                crate::export::SCHEMA_VERSION
            )?;
        }
        ExportFormat::Popolo { file, force } => {
            let doc = crate::export::popolo::export(history);
            let mut bytes = serde_json::to_vec_pretty(&doc)?;
            bytes.push(b'\n');
            match file {
                None => out.write_all(&bytes)?,
                Some(path) => {
                    crate::export::bytes(path, &bytes, *force)?;
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
        }
    }
    Ok(())
}
