//! Exports: the replayed history written out for other tools, a stage
//! after [`query`](crate::query) beside [`render`](crate::render). It
//! reads the history and query helpers, never the files. `facts.rs` turns
//! the history into rows of facts (pure); `sqlite.rs` writes them as a
//! SQLite database; `popolo.rs` makes a Popolo JSON document.
//!
//! Every export target is written safely: never over an existing file
//! unless told to (`--force`); to a temporary file in the target's folder,
//! fsynced, then renamed (or, without `--force`, linked, which fails if
//! the target appeared meanwhile), then the folder fsynced. On an error
//! the temporary file is removed and the target is as it was.

pub mod facts;
pub mod popolo;
pub mod sqlite;

use std::path::{Path, PathBuf};

use crate::timeline::History;

pub use sqlite::{Counts, SCHEMA_VERSION};

/// Why an export did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} exists; give --force to replace it")]
    Exists(PathBuf),
    #[error("{0} is a folder\n  help: give the path of the file to write, such as {0}/org.sqlite")]
    IsFolder(PathBuf),
    #[error(
        "cannot write {path}: the folder {folder} does not exist\n  help: create it first (mkdir -p {folder}), or give a path in a folder that exists"
    )]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {path}: {source}\n  help: {help}")]
    Io {
        path: PathBuf,
        help: &'static str,
        source: std::io::Error,
    },
    #[error("cannot write the database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        help: match source.kind() {
            std::io::ErrorKind::PermissionDenied => {
                "the folder is not writable by you: choose another path, or change its permissions"
            }
            std::io::ErrorKind::StorageFull => {
                "the disk is full: free some space, or choose another disk"
            }
            _ => "check the path and the folder's permissions",
        },
        source,
    }
}

/// Checks what can be checked before any work: `target` is no folder, its
/// folder exists, and it exists only with `force`.
pub fn check_target(target: &Path, force: bool) -> Result<(), ExportError> {
    if target.is_dir() {
        return Err(ExportError::IsFolder(target.to_path_buf()));
    }
    let folder = crate::write::parent_of(target).to_path_buf();
    if !folder.is_dir() {
        return Err(ExportError::NoFolder {
            path: target.to_path_buf(),
            folder,
        });
    }
    if !force && target.symlink_metadata().is_ok() {
        return Err(ExportError::Exists(target.to_path_buf()));
    }
    Ok(())
}

/// The temporary file beside `target`, removed when dropped unless kept.
struct Temp {
    path: PathBuf,
    keep: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes `h` to the SQLite database `target` safely (see the module).
pub fn sqlite(h: &History, target: &Path, force: bool) -> Result<Counts, ExportError> {
    write_file(target, force, |temp| {
        let sql = |source| ExportError::Sqlite {
            path: target.to_path_buf(),
            source,
        };
        let mut conn = rusqlite::Connection::open(temp).map_err(sql)?;
        let counts = sqlite::write(h, &mut conn).map_err(sql)?;
        conn.close().map_err(|(_, e)| sql(e))?;
        Ok(counts)
    })
}

/// Writes `bytes` to `target` safely (see the module).
pub fn bytes(target: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    write_file(target, force, |temp| {
        std::fs::write(temp, bytes).map_err(io(target))
    })
}

/// Writes `target` safely (see the module): `fill` writes the content to
/// the temporary file it is given, which is then fsynced and put in place.
fn write_file<T>(
    target: &Path,
    force: bool,
    fill: impl FnOnce(&Path) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    check_target(target, force)?;
    let folder = crate::write::parent_of(target).to_path_buf();
    let name = target
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    // A fixed name: a run killed midway leaves one file, which the next
    // run starts afresh.
    let mut temp = Temp {
        path: folder.join(format!(".{name}.orgctl-tmp")),
        keep: false,
    };
    match std::fs::remove_file(&temp.path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(target)(e)),
        _ => {}
    }
    // Created here, so that a folder we may not write in says so plainly.
    std::fs::File::create_new(&temp.path).map_err(io(target))?;
    let made = fill(&temp.path)?;
    std::fs::File::open(&temp.path)
        .and_then(|f| f.sync_all())
        .map_err(io(target))?;
    if force {
        std::fs::rename(&temp.path, target).map_err(io(target))?;
        temp.keep = true;
    } else {
        // A link fails when the target appeared since the check: nothing
        // is ever replaced without --force.
        match std::fs::hard_link(&temp.path, target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(ExportError::Exists(target.to_path_buf()));
            }
            // A file system without links: the check above must do.
            Err(_) if target.symlink_metadata().is_err() => {
                std::fs::rename(&temp.path, target).map_err(io(target))?;
                temp.keep = true;
            }
            Err(_) => return Err(ExportError::Exists(target.to_path_buf())),
        }
    }
    drop(temp);
    if let Ok(d) = std::fs::File::open(&folder) {
        let _ = d.sync_all();
    }
    Ok(made)
}
