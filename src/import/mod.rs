//! Importing histories kept elsewhere (HR snapshots, tenure tables,
//! Popolo) into a data folder. Each importer turns what it reads into
//! records and events of the format, as text in the layout a person writes
//! ([`crate::write`]'s `RecordText` and `EventText`); [`Target`] reads the
//! folder it adds to, and writes the result safely: the lock, the whole
//! folder checked as it would be after the import, temporary files,
//! renames; on any error nothing is changed.

pub mod snapshots;
pub mod table;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::write::{self, Append, Lock};

/// Why an import stopped: a problem at a place in an input file. Nothing
/// was written.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", .file.display(), line_suffix(*.line))]
pub struct ImportError {
    pub file: PathBuf,
    /// 0 when the problem is the whole file.
    pub line: u64,
    pub message: String,
}

fn line_suffix(line: u64) -> String {
    match line {
        0 => String::new(),
        n => format!(":{n}"),
    }
}

impl ImportError {
    pub fn at(file: &Path, line: u64, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// A problem an import reads past, at a place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: PathBuf,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "warning: {}{}: {}",
            self.file.display(),
            line_suffix(self.line),
            self.message
        )
    }
}

/// The warnings of one import, in the order met.
#[derive(Debug, Default)]
pub struct Warnings(Vec<Warning>);

impl Warnings {
    pub fn at(&mut self, file: &Path, line: u64, message: impl Into<String>) {
        self.0.push(Warning {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    pub fn iter(&self) -> impl Iterator<Item = &Warning> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Prints each warning on its own line.
    pub fn print(&self, err: &mut dyn Write) -> std::io::Result<()> {
        self.0.iter().try_for_each(|w| writeln!(err, "{w}"))
    }
}

/// The data folder an import writes to (`--out DIR`), read before
/// anything is planned: its files (none when it is new) and, unless it
/// is a dry run, the lock, held until the import is written.
pub struct Target {
    pub dir: PathBuf,
    /// The folder's data files: empty for a new folder.
    pub files: Vec<(PathBuf, String)>,
    /// `dir` does not exist or is empty: it is written as a whole.
    pub new: bool,
    lock: Option<Lock>,
}

impl Target {
    /// Takes the lock (unless `dry_run`), then reads `dir`'s data files.
    pub fn open(dir: &Path, dry_run: bool) -> anyhow::Result<Target> {
        if dir.exists() && !dir.is_dir() {
            anyhow::bail!(
                "--out {} is a file; give a folder (a new one, or one an import wrote)",
                dir.display()
            );
        }
        let new = write::is_new_folder(dir);
        // The lock first: nothing another orgctl writes can slip in
        // between reading the files and writing them back.
        let lock = match (dry_run, new) {
            (true, _) => None,
            (false, true) => Some(write::lock_new_folder(dir)?),
            (false, false) => Some(Lock::take(dir)?),
        };
        let files = match new {
            true => Vec::new(),
            false => crate::load::read_folder(dir)?,
        };
        Ok(Target {
            dir: dir.to_path_buf(),
            files,
            new,
            lock,
        })
    }

    /// The folder's history as it is, or `None` when it is new.
    pub fn history(&self) -> anyhow::Result<Option<crate::timeline::History>> {
        match self.new {
            true => Ok(None),
            false => Ok(Some(crate::load::load_texts(self.files.clone())?)),
        }
    }

    /// A file of the folder, by its path relative to it.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// Replaces the folder's data files with `texts` (`--rebuild`): the
    /// folder as it would be is checked first; then each file of `texts`
    /// is written safely, and the data files not among them are removed.
    /// A dry run prints `texts`. Nothing is changed on an error before
    /// the writes.
    pub fn replace(
        self,
        texts: &[(PathBuf, String)],
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let appends: Vec<Append> = texts
            .iter()
            .map(|(file, text)| Append {
                file: file.clone(),
                text: text.clone(),
            })
            .collect();
        let Some(lock) = self.lock.as_ref().filter(|_| !self.new) else {
            // A dry run, or a new folder: written as any import's.
            return self.commit(&appends, out, err);
        };
        let after = write::after(&[], &appends);
        write::loads_or_refuse(&after, err)?;
        write::write(lock, &after)?;
        for (file, _) in &after {
            writeln!(err, "wrote {}", file.display())?;
        }
        for (file, _) in &self.files {
            if !after.iter().any(|(p, _)| p == file) {
                std::fs::remove_file(file).map_err(|source| write::WriteError::Io {
                    path: file.clone(),
                    source,
                })?;
                writeln!(err, "removed {}", file.display())?;
            }
        }
        Ok(())
    }

    /// Checks the folder as it would be after `appends` and writes them
    /// (or prints them, in a dry run). Nothing is changed on any error.
    pub fn commit(
        self,
        appends: &[Append],
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> anyhow::Result<()> {
        write::apply(
            &self.dir,
            &self.files,
            appends,
            self.lock.as_ref(),
            self.new,
            out,
            err,
        )
    }
}
