//! Importing histories kept elsewhere (HR snapshots, tenure tables,
//! Popolo) into a data folder. Each importer turns what it reads into
//! records and events of the format, as text in the layout a person writes
//! ([`crate::write`]'s `RecordText` and `EventText`); [`Target`] reads the
//! folder it adds to, and writes the result safely: the lock, the whole
//! folder checked as it would be after the import, temporary files,
//! renames; on any error nothing is changed.

pub mod popolo;
pub mod snapshots;
pub mod table;
pub mod tenures;

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

/// Ids for the records of an import, made from the keys or names of the
/// input by the format's id rules ([`write::id_from_name`]), each given
/// once: a second `Ada Lovelace` is `ada-lovelace-2`. The next suffix of
/// each base is kept, so a thousand people of one name cost a thousand
/// steps, not a million.
#[derive(Debug, Default)]
pub struct Ids {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, u32>,
}

impl Ids {
    /// Marks `id` as taken (a record already in the folder).
    pub fn take(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// A new id made from `text`, else from `fallback` (`person` for a
    /// name in another script), with a suffix when it is taken.
    pub fn make(&mut self, text: &str, fallback: &str) -> String {
        self.fresh(write::id_from_name(text).unwrap_or_else(|| fallback.to_string()))
    }

    /// The first of `base`, `base-2`, `base-3`... not taken, which it
    /// takes.
    pub fn fresh(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The text of an input file (`what` names it: `snapshot`, `table`,
/// `document`): an error that says where when it cannot be read, or
/// where it stops being UTF-8.
pub fn read_input(file: &Path, what: &str) -> Result<String, ImportError> {
    let bytes = std::fs::read(file)
        .map_err(|e| ImportError::at(file, 0, format!("cannot read this {what}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &e.as_bytes()[..at]).count() as u64;
        ImportError::at(
            file,
            line,
            format!(
                "this {what} is not UTF-8 text\n  help: save it as UTF-8 (CSV UTF-8 in a spreadsheet)"
            ),
        )
    })
}

/// A date cell of an import: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (keeping
/// that precision), also as exports write them: a time after the day
/// (`2019-05-01T00:00:00Z`, `2019-05-01 00:00`), Wikidata's leading `+`
/// and its zeros for an unknown month or day (`+2019-00-00T00:00:00Z` is
/// the year 2019).
pub fn date_cell(text: &str) -> Result<crate::dates::PartialDate, String> {
    let t = text.trim().trim_start_matches('+');
    let day = t.split(['T', ' ']).next().unwrap_or(t);
    let day = day
        .strip_suffix("-00-00")
        .or_else(|| day.strip_suffix("-00"))
        .unwrap_or(day);
    crate::dates::PartialDate::parse(day).map_err(|e| format!("'{text}' is not a date: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_once_each() {
        let mut ids = Ids::default();
        ids.take("ada");
        assert_eq!(ids.make("Ada", "person"), "ada-2");
        assert_eq!(ids.make("Ada", "person"), "ada-3");
        assert_eq!(ids.make("Bo Li", "person"), "bo-li");
        assert_eq!(ids.make("李", "person"), "person");
        assert_eq!(ids.make("王", "person"), "person-2");
        ids.take("cy-2");
        assert_eq!(ids.make("Cy", "person"), "cy");
        assert_eq!(ids.make("Cy", "person"), "cy-3");
    }

    #[test]
    fn date_cells_keep_their_precision() {
        let d = |t| date_cell(t).map(|d| d.to_string());
        assert_eq!(d("2019"), Ok("2019".into()));
        assert_eq!(d(" 2019-05 "), Ok("2019-05".into()));
        assert_eq!(d("+2019-00-00T00:00:00Z"), Ok("2019".into()));
        assert_eq!(d("+2019-05-00T00:00:00Z"), Ok("2019-05".into()));
        assert_eq!(d("2019-05-01 10:00"), Ok("2019-05-01".into()));
        assert!(d("May 2019").is_err());
    }
}
