//! Writing data files: what `orgctl add` appends, where, and the safe
//! write (a lock on the folder, a temporary file in the same folder,
//! fsync, rename; nothing changed on any error). Never mixed into queries.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::dates::{PartialDate, Precision, Qualifier};

pub mod add;

/// The lock a writing orgctl holds in the data folder.
pub const LOCK: &str = ".orgctl.lock";

/// Text to append to one file (created when it does not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Append {
    pub file: PathBuf,
    pub text: String,
}

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "another orgctl is writing to this data folder (remove {} if not)",
        .0.display()
    )]
    Locked(PathBuf),
    #[error("cannot write {}: {source}; nothing was changed", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id made from a name by the format's id rules: lowercase ASCII
/// letters and digits, other characters as one `-`. `None` when nothing
/// is left (a name in another script: give `--id`).
pub fn id_from_name(name: &str) -> Option<String> {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    (!id.is_empty()).then_some(id)
}

/// A date as TOML: bare when it is an exact day (`2023-05-10`), else a
/// string (`"2023-05"`, `"2022-11~"`, `"2023-01-31/2023-02-28"`).
pub fn date_toml(date: &PartialDate) -> String {
    match (date.precision(), date.qualifier()) {
        (Precision::Day, Qualifier::Exact) => date.to_string(),
        _ => quote(&date.to_string()),
    }
}

/// One record (`[[unit]]`, `[[role]]`, `[[person]]`) in the layout a
/// person writes: a blank line, the header, then `key = value` lines in
/// the order given.
#[derive(Debug, Clone)]
pub struct RecordText {
    kind: &'static str,
    lines: Vec<(&'static str, String)>,
}

impl RecordText {
    pub fn new(kind: &'static str, id: &str) -> Self {
        RecordText {
            kind,
            lines: vec![("id", quote(id))],
        }
    }

    /// `key = "text"`.
    pub fn text(self, key: &'static str, value: &str) -> Self {
        self.raw(key, quote(value))
    }

    /// `key = value`, the value already TOML.
    pub fn raw(mut self, key: &'static str, toml: String) -> Self {
        self.lines.push((key, toml));
        self
    }

    pub fn date(self, key: &'static str, date: &PartialDate) -> Self {
        self.raw(key, date_toml(date))
    }

    /// `key = ["a", "b"]`, left out when empty.
    pub fn texts(self, key: &'static str, values: &[String]) -> Self {
        if values.is_empty() {
            return self;
        }
        let v: Vec<String> = values.iter().map(|s| quote(s)).collect();
        self.raw(key, format!("[{}]", v.join(", ")))
    }

    pub fn toml(&self) -> String {
        let mut t = format!("\n[[{}]]\n", self.kind);
        for (k, v) in &self.lines {
            t.push_str(&format!("{k} = {v}\n"));
        }
        t
    }
}

/// One `[[event]]` in the layout a person writes, after a blank line.
pub struct EventText<'a> {
    pub date: PartialDate,
    pub reported: Option<NaiveDate>,
    pub title: &'a str,
    pub sources: &'a [String],
    /// Each change as `key = value` pairs, `op` first.
    pub changes: Vec<Vec<(&'static str, String)>>,
}

impl EventText<'_> {
    pub fn toml(&self) -> String {
        let mut t = format!("\n[[event]]\ndate = {}\n", date_toml(&self.date));
        if let Some(r) = self.reported {
            t.push_str(&format!("reported = {r}\n"));
        }
        t.push_str(&format!("title = {}\n", quote(self.title)));
        if !self.sources.is_empty() {
            let s: Vec<String> = self.sources.iter().map(|s| quote(s)).collect();
            t.push_str(&format!("sources = [{}]\n", s.join(", ")));
        }
        t.push_str("changes = [\n");
        for change in &self.changes {
            let fields: Vec<String> = change.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            t.push_str(&format!("  {{ {} }},\n", fields.join(", ")));
        }
        t.push_str("]\n");
        t
    }
}

/// A `[[person]]` record, after a blank line.
pub fn person_toml(id: &str, name: &str) -> String {
    RecordText::new("person", id).text("name", name).toml()
}

/// A `[[role]]` record of `unit` with no `since` (a `create` change
/// brings it into existence), after a blank line.
pub fn role_toml(id: &str, title: &str, unit: &str) -> String {
    RecordText::new("role", id)
        .text("title", title)
        .text("unit", unit)
        .toml()
}

fn holds(text: &str, header: &str) -> bool {
    text.lines().any(|l| l.trim() == header)
}

/// A file name that is a year (`2026.toml`) or a month (`2026-12.toml`):
/// the length of its stem.
fn period_stem(path: &Path) -> Option<usize> {
    let stem = path.file_stem()?.to_str()?;
    let b = stem.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 if digits(0..4) => Some(4),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(7),
        _ => None,
    }
}

/// The file where the project keeps events of `date`: with events in
/// files per year or month, the one of that date (created when missing);
/// else `latest` (the file of the latest event); else `events.toml`.
pub fn events_file(
    dir: &Path,
    files: &[(PathBuf, String)],
    date: NaiveDate,
    latest: Option<&Path>,
) -> PathBuf {
    let periodic = files
        .iter()
        .find(|(p, text)| period_stem(p).is_some() && holds(text, "[[event]]"));
    if let Some((p, _)) = periodic {
        let name = match period_stem(p) {
            Some(7) => format!("{:04}-{:02}.toml", date.year(), date.month()),
            _ => format!("{:04}.toml", date.year()),
        };
        return p.parent().unwrap_or(dir).join(name);
    }
    latest.map_or_else(|| dir.join("events.toml"), Path::to_path_buf)
}

/// The file holding records of `header` (`[[person]]`), else `fallback`
/// in the folder.
pub fn records_file(
    dir: &Path,
    files: &[(PathBuf, String)],
    header: &str,
    fallback: &str,
) -> PathBuf {
    files
        .iter()
        .find(|(_, text)| holds(text, header))
        .map_or_else(|| dir.join(fallback), |(p, _)| p.clone())
}

/// The folder's files as they would be after `appends` (a new file when
/// none is there), in path order.
pub fn after(files: &[(PathBuf, String)], appends: &[Append]) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = files.to_vec();
    for a in appends {
        match out.iter_mut().find(|(p, _)| *p == a.file) {
            Some((_, text)) => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&a.text);
            }
            None => out.push((a.file.clone(), a.text.trim_start_matches('\n').to_string())),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The lock on a data folder (`.orgctl.lock`, created exclusively), held
/// from before its files are read until they are written: no other
/// orgctl writes in between, so nothing read is stale when it is written
/// back. Removed when dropped.
pub struct Lock(PathBuf);

impl Lock {
    pub fn take(dir: &Path) -> Result<Lock, WriteError> {
        take_lock(dir.join(LOCK))
    }
}

fn take_lock(lock: PathBuf) -> Result<Lock, WriteError> {
    match OpenOptions::new().write(true).create_new(true).open(&lock) {
        Ok(_) => Ok(Lock(lock)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(WriteError::Locked(lock)),
        Err(source) => Err(WriteError::Io { path: lock, source }),
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes the new `texts` of the changed files safely, under `_lock`:
/// each to a temporary file in its folder, fsynced, then renamed over the
/// target. On an error before the renames nothing is changed.
pub fn write(_lock: &Lock, texts: &[(PathBuf, String)]) -> Result<(), WriteError> {
    write_locked(texts)
}

fn write_locked(texts: &[(PathBuf, String)]) -> Result<(), WriteError> {
    let mut temps = Vec::new();
    let staged = texts.iter().try_for_each(|(path, text)| {
        let io = |source| WriteError::Io {
            path: path.clone(),
            source,
        };
        let folder = parent_of(path);
        std::fs::create_dir_all(folder).map_err(io)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("data");
        let temp = folder.join(format!(".{name}.orgctl-tmp"));
        // Under the lock, a temporary file left by a crashed run is
        // nobody's: start it afresh.
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)
            .map_err(|source| WriteError::Io {
                path: temp.clone(),
                source,
            })?;
        temps.push(temp.clone());
        f.write_all(text.as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)
    });
    if let Err(e) = staged {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        return Err(e);
    }
    for ((path, _), temp) in texts.iter().zip(&temps) {
        std::fs::rename(temp, path).map_err(|source| WriteError::Io {
            path: path.clone(),
            source,
        })?;
        if let Ok(d) = File::open(parent_of(path)) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Whether `dir` is a folder a new data folder may be written to: it does
/// not exist, or it is empty.
pub fn is_new_folder(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// The lock for writing a new data folder `dir`, which does not exist yet
/// (or is empty): `.NAME.orgctl.lock` beside it, in its parent folder.
pub fn lock_new_folder(dir: &Path) -> Result<Lock, WriteError> {
    let parent = parent_of(dir);
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    std::fs::create_dir_all(parent).map_err(|source| WriteError::Io {
        path: parent.to_path_buf(),
        source,
    })?;
    take_lock(parent.join(format!(".{name}.orgctl.lock")))
}

/// The folder holding `path` (`.` for a bare file name).
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes the new data folder `dir` with `texts` (paths under `dir`) as a
/// whole, under `_lock` (from [`lock_new_folder`]): every file into a
/// hidden temporary folder beside `dir`, each fsynced, then that folder
/// renamed to `dir` (which must not exist or be empty) and the parent
/// fsynced. On any error there is no temporary folder and `dir` is as it
/// was.
pub fn create_folder(
    _lock: &Lock,
    dir: &Path,
    texts: &[(PathBuf, String)],
) -> Result<(), WriteError> {
    let parent = parent_of(dir);
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    let temp = parent.join(format!(".{name}.orgctl-tmp"));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io { path, source }
    };
    // Under the lock, a temporary folder left by a crashed run is nobody's.
    if temp.exists() {
        std::fs::remove_dir_all(&temp).map_err(io(&temp))?;
    }
    let staged = (|| {
        std::fs::create_dir(&temp).map_err(io(&temp))?;
        for (path, text) in texts {
            let rel = path.strip_prefix(dir).unwrap_or(path);
            let at = temp.join(rel);
            if let Some(folder) = at.parent() {
                std::fs::create_dir_all(folder).map_err(io(folder))?;
            }
            let mut f = File::create(&at).map_err(io(path))?;
            f.write_all(text.as_bytes()).map_err(io(path))?;
            f.sync_all().map_err(io(path))?;
        }
        sync_folders(&temp)?;
        std::fs::rename(&temp, dir).map_err(io(dir))
    })();
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(e);
    }
    if let Ok(d) = File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Fsyncs `dir` and every folder under it, so their entries are on disk
/// before the folder is renamed into place.
fn sync_folders(dir: &Path) -> Result<(), WriteError> {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| WriteError::Io {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_dir() {
            File::open(entry.path())
                .and_then(|d| d.sync_all())
                .map_err(|source| WriteError::Io {
                    path: entry.path().to_path_buf(),
                    source,
                })?;
        }
    }
    Ok(())
}

/// An error, said on `err` as a refused write, unless the folder of
/// `files` (all of its data files) loads without a problem.
pub fn loads_or_refuse(
    files: &[(PathBuf, String)],
    err: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    if let Err(e) = crate::load::load_keeping_sources(files.to_vec()) {
        writeln!(
            err,
            "error: the write was refused: the data would not pass `check` after it; nothing was changed"
        )?;
        return Err(e.into());
    }
    Ok(())
}

/// Prints `appends` (a dry run: no `lock`), or checks the folder `dir` as
/// it would be after them (its `files` with the appends) and writes them
/// safely under `lock`: the changed files one by one ([`write`]), or,
/// when `new`, the whole folder at once ([`create_folder`]). Nothing is
/// changed on any error.
pub fn apply(
    dir: &Path,
    files: &[(PathBuf, String)],
    appends: &[Append],
    lock: Option<&Lock>,
    new: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let Some(lock) = lock else {
        for a in appends {
            writeln!(out, "# {}", a.file.display())?;
            write!(out, "{}", a.text.trim_start_matches('\n'))?;
        }
        return Ok(out.flush()?);
    };
    let after = after(files, appends);
    loads_or_refuse(&after, err)?;
    let changed: Vec<(PathBuf, String)> = after
        .into_iter()
        .filter(|(p, _)| appends.iter().any(|a| &a.file == p))
        .collect();
    match new {
        true => create_folder(lock, dir, &changed)?,
        false => write(lock, &changed)?,
    }
    let mut written: Vec<&Path> = Vec::new();
    for a in appends {
        if !written.contains(&a.file.as_path()) {
            written.push(&a.file);
        }
    }
    for file in written {
        writeln!(err, "wrote {}", file.display())?;
    }
    Ok(())
}
