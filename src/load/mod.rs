//! From a data folder to a [`History`]: find the files, read and parse them,
//! and hand the records to the replay.

pub mod bundled;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::codes::Code;
use crate::check::diag::{DataErrors, Diagnostic, SourceMap, Span};
use crate::dates::DATE_FORMS;
use crate::ids::FileId;
use crate::records::format::FileRecords;
use crate::records::input::{FileInput, Inputs, LineIndex};
use crate::suggest::closest;
use crate::timeline::{self, History};
use crate::timer::Timer;

/// Why a data folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("data folder '{0}' does not exist (given by --data or ORGCTL_DATA)")]
    Missing(PathBuf),
    #[error("'{0}' is not a folder; --data takes the folder that holds the .toml files")]
    NotAFolder(PathBuf),
    #[error(
        "no .toml files in data folder '{0}'; an organisation needs at least one file of records"
    )]
    NoFiles(PathBuf),
    /// Printed with its cause (`{:#}`): "cannot read 'x': Permission denied".
    #[error("cannot read '{path}'")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "'{0}' is larger than 4 GiB, the most orgctl reads in one data file; split it into several files"
    )]
    TooLarge(PathBuf),
    #[error("{0}")]
    Data(DataErrors),
}

/// The history, with the text of its files for diagnostics about it.
pub struct Loaded {
    pub history: History,
    pub sources: SourceMap,
}

/// Loads every `*.toml` file under `dir` (see [`read_folder`]).
///
/// The files are read and parsed in parallel, each turned into compact
/// records as soon as it is parsed and its text dropped, so memory stays
/// near the size of the replayed history. When anything goes wrong (a file
/// that cannot be read, a syntax error, a broken rule), the folder is
/// loaded again the careful way, keeping every text, and that load reports
/// the problems exactly as it always does.
pub fn load_folder(dir: &Path) -> Result<History, LoadError> {
    load_listed(dir, list_folder(dir).as_ref())
}

/// [`load_folder`] with the folder already listed (`None` if the listing
/// failed: the careful load then says why).
pub(crate) fn load_listed(dir: &Path, listing: Option<&Listing>) -> Result<History, LoadError> {
    if let Some(l) = listing
        && let Some(history) = fast_load(&l.paths, l.bytes, |p| std::fs::read(p).ok())
    {
        return Ok(history);
    }
    load_keeping_sources(read_folder(dir)?).map(|l| l.history)
}

/// The data files of a folder, in load order, and their size in all.
pub(crate) struct Listing {
    pub paths: Vec<PathBuf>,
    pub bytes: u64,
}

/// The `*.toml` files under `dir` as [`read_folder`] finds them; `None` when
/// the walk fails, finds none or finds one too large (`read_folder` then
/// says why).
pub(crate) fn list_folder(dir: &Path) -> Option<Listing> {
    if !std::fs::metadata(dir).ok()?.is_dir() {
        return None;
    }
    let mut paths = Vec::new();
    let mut bytes = 0;
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.ok()?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "toml") {
            let len = entry.metadata().ok()?.len();
            // Too large to read at all: `read_folder` says so.
            if len > MAX_FILE as u64 {
                return None;
            }
            bytes += len;
            paths.push(path.to_path_buf());
        }
    }
    (!paths.is_empty()).then_some(Listing { paths, bytes })
}

/// Reads every `*.toml` file under `dir`, recursively, in sorted path
/// order. Hidden files and folders (such as `.git`) are skipped.
pub fn read_folder(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing(dir.to_path_buf()),
        _ => LoadError::Io {
            path: dir.to_path_buf(),
            source: e,
        },
    })?;
    if !meta.is_dir() {
        return Err(LoadError::NotAFolder(dir.to_path_buf()));
    }
    let mut texts = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let source = match e.loop_ancestor() {
                Some(a) => {
                    std::io::Error::other(format!("symbolic link loop back to '{}'", a.display()))
                }
                None => e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk the folder")),
            };
            LoadError::Io { path, source }
        })?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        if entry.metadata().is_ok_and(|m| m.len() > MAX_FILE as u64) {
            return Err(LoadError::TooLarge(path.to_path_buf()));
        }
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| not_utf8(path, e))?;
        texts.push((path.to_path_buf(), text));
    }
    if texts.is_empty() {
        return Err(LoadError::NoFiles(dir.to_path_buf()));
    }
    Ok(texts)
}

/// A file that is not UTF-8, as a diagnostic at its first invalid byte
/// (quoting the valid text before it).
fn not_utf8(path: &Path, e: std::string::FromUtf8Error) -> LoadError {
    let offset = e.utf8_error().valid_up_to();
    let byte = e.as_bytes()[offset];
    let mut sources = SourceMap::default();
    let file = sources.add(
        path.to_path_buf(),
        String::from_utf8_lossy(e.as_bytes()).into_owned(),
    );
    let d = Diagnostic::new(
        Code::NotUtf8,
        format!("not UTF-8 text: invalid byte 0x{byte:02X} at byte offset {offset}"),
        Span {
            file,
            range: offset..offset + 1,
        },
    )
    .with_help("save the file as UTF-8");
    LoadError::Data(DataErrors::new(vec![d], sources))
}

/// Parses and replays files already in memory, in the order given.
pub fn load_texts(files: Vec<(PathBuf, String)>) -> Result<History, LoadError> {
    match fast_load_texts(&files) {
        Some(history) => Ok(history),
        None => load_keeping_sources(files).map(|l| l.history),
    }
}

/// A BOM dropped and CRLF read as LF, as [`load_keeping_sources`] does.
pub(crate) fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        // A byte-order mark is not TOML: drop it, so that columns count
        // from the first character the user sees.
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains("\r\n") {
        // CRLF files mean the same as LF ones: TOML lets a parser
        // normalise newlines, and a multi-line string must not keep a
        // carriage return that only Windows editors put there.
        text = text.replace("\r\n", "\n");
    }
    text
}

/// One file read, parsed and made compact; `None` if anything is wrong.
fn fast_file(bytes: Vec<u8>) -> Option<(Vec<u32>, FileInput)> {
    if bytes.len() > MAX_FILE {
        return None;
    }
    let text = normalise(String::from_utf8(bytes).ok()?);
    let input = match crate::records::fastparse::parse(&text) {
        Some(input) => input,
        None => {
            let mut diags = Vec::new();
            let records = parse_file(FileId::new(0), &text, &mut diags)?;
            if !diags.is_empty() {
                return None;
            }
            FileInput::from_records(records)
        }
    };
    let starts = LineIndex::line_starts(&text);
    drop(text);
    Some((starts, input))
}

/// The largest data file: positions in a file are kept as `u32`.
const MAX_FILE: usize = u32::MAX as usize;

/// Below this many bytes in all, files are parsed on one thread.
/// (Unit tests run the parallel path on small data too.)
const PARALLEL_FROM: u64 = if cfg!(test) { 1 } else { 512 * 1024 };

/// [`fast_load`] of files already in memory.
fn fast_load_texts(files: &[(PathBuf, String)]) -> Option<History> {
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let texts: std::collections::HashMap<&Path, &String> =
        files.iter().map(|(p, t)| (p.as_path(), t)).collect();
    let bytes = files.iter().map(|(_, t)| t.len() as u64).sum();
    fast_load(&paths, bytes, |p| {
        texts.get(p).map(|t| t.as_bytes().to_vec())
    })
}

/// Reads (with `read`), parses and replays `paths` (`total` bytes in all)
/// on all cores, keeping no text; `None` when any file or rule has a
/// problem.
fn fast_load(
    paths: &[PathBuf],
    total: u64,
    read: impl Fn(&Path) -> Option<Vec<u8>> + Sync,
) -> Option<History> {
    let timer = Timer::start();
    let one = |p: &PathBuf| read(p).and_then(fast_file);
    // Stops at the first file with a problem (the careful load reports it).
    let results: Vec<(Vec<u32>, FileInput)> = if total >= PARALLEL_FROM {
        paths.par_iter().map(one).collect::<Option<_>>()?
    } else {
        paths.iter().map(one).collect::<Option<_>>()?
    };
    let mut lines = LineIndex::default();
    let mut inputs = Vec::with_capacity(paths.len());
    for (path, (starts, input)) in paths.iter().zip(results) {
        let file = lines.add(path.clone(), starts);
        inputs.push((file, input));
    }
    timer.lap("read and parse");
    let inputs = Inputs::new(inputs);
    // The replay drops the inputs as soon as it no longer needs them.
    let history = timeline::replay_with(inputs, &lines, &timeline::ReplayOptions::quick()).ok();
    timer.lap("replay");
    history
}

/// [`load_texts`], keeping the file texts for later diagnostics.
pub fn load_keeping_sources(files: Vec<(PathBuf, String)>) -> Result<Loaded, LoadError> {
    load_with(files, &LoadOptions::default())
}

/// How to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// `--known-at`: the record as it stood on this day (see
    /// [`crate::records::known`]).
    pub known_at: Option<chrono::NaiveDate>,
}

/// [`load_keeping_sources`] with options.
pub fn load_with(files: Vec<(PathBuf, String)>, opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut sources = SourceMap::default();
    let mut records = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    for (path, text) in files {
        if text.len() > MAX_FILE {
            return Err(LoadError::TooLarge(path));
        }
        let file = sources.add(path, normalise(text));
        if let Some(r) = parse_file(file, sources.text(file), &mut diags) {
            records.push((file, r));
        }
    }
    if !diags.is_empty() {
        // No replay, but the changes of the files that did parse can still
        // be checked on their own.
        for (file, r) in &records {
            diags.extend(crate::records::shape::check_file(*file, r));
        }
        return Err(LoadError::Data(DataErrors::new(diags, sources)));
    }
    if let Some(day) = opts.known_at {
        crate::records::known::as_known_at(&mut records, day);
    }
    let inputs = Inputs::new(
        records
            .into_iter()
            .map(|(f, r)| (f, FileInput::from_records(r)))
            .collect(),
    );
    match timeline::replay(inputs, &sources) {
        Ok(mut history) => {
            history.known_at = opts.known_at;
            Ok(Loaded { history, sources })
        }
        Err(diagnostics) => Err(LoadError::Data(DataErrors::new(diagnostics, sources))),
    }
}

/// Parses one file into records. Every TOML syntax error is reported (the
/// parser recovers); then each record is read on its own, so one wrong
/// value does not hide the problems of the other records.
pub(crate) fn parse_file(
    file: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileRecords> {
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        diags.extend(
            errors
                .iter()
                .map(|e| toml_diagnostic(Code::TomlSyntax, e, file, text.len())),
        );
        return None;
    }
    let before = diags.len();
    let mut records = FileRecords::default();
    for (key, value) in table.into_inner() {
        let span = Span {
            file,
            range: key.span(),
        };
        match key.get_ref().as_ref() {
            "unit" => read_all(value, &mut records.unit, file, text, diags),
            "person" => read_all(value, &mut records.person, file, text, diags),
            "role" => read_all(value, &mut records.role, file, text, diags),
            "event" => read_all(value, &mut records.event, file, text, diags),
            other => {
                let kinds = ["unit", "person", "role", "event"];
                let help = match closest(other, kinds) {
                    Some(k) => format!("did you mean [[{k}]]?"),
                    None => {
                        "a data file holds [[unit]], [[person]], [[role]] and [[event]] records"
                            .into()
                    }
                };
                diags.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        format!("unknown kind of record `{other}`"),
                        span,
                    )
                    .with_help(help),
                );
            }
        }
    }
    (diags.len() == before).then_some(records)
}

/// Reads every record of an array of tables (`[[unit]]`...).
fn read_all<T: serde::de::DeserializeOwned>(
    value: toml::Spanned<toml::de::DeValue<'_>>,
    out: &mut Vec<T>,
    file: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let whole = value.span();
    let toml::de::DeValue::Array(items) = value.into_inner() else {
        diags.push(
            Diagnostic::new(
                Code::WrongType,
                "records must be an array of tables",
                Span { file, range: whole },
            )
            .with_help("write each record under its own [[unit]], [[person]], [[role]] or [[event]] header"),
        );
        return;
    };
    for item in items {
        let item_span = item.span();
        match T::deserialize(toml::de::ValueDeserializer::from(item)) {
            Ok(r) => out.push(r),
            Err(e) => {
                let mut d = record_diagnostic(&e, file, text.len());
                if e.span().is_none() {
                    // e.g. a missing key: point at the record.
                    d.span = Some(Span {
                        file,
                        range: item_span,
                    });
                }
                diags.push(d);
            }
        }
    }
}

/// A TOML error as a diagnostic, located and with a short message.
fn toml_diagnostic(code: Code, e: &toml::de::Error, file: FileId, len: usize) -> Diagnostic {
    let range = e.span().unwrap_or(0..0);
    let range = range.start.min(len)..range.end.min(len);
    Diagnostic::new(code, first_line(e.message().trim()), Span { file, range })
}

/// A type error in a record: a bad date, an unknown key (with the closest
/// valid one), or a value of the wrong type.
fn record_diagnostic(e: &toml::de::Error, file: FileId, len: usize) -> Diagnostic {
    let d = toml_diagnostic(Code::WrongType, e, file, len);
    // Date errors carry the accepted forms: those are the help.
    if let Some((msg, _)) = d.message.split_once(DATE_FORMS) {
        let msg = msg.trim_end_matches([' ', ';', ':']).to_string();
        return Diagnostic {
            code: Code::InvalidDate,
            message: msg,
            ..d
        }
        .with_help(DATE_FORMS);
    }
    match unknown_field_help(&d.message) {
        Some(help) => Diagnostic {
            code: Code::UnknownKey,
            ..d
        }
        .with_help(help),
        None => d,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// For serde's "unknown field `nmae`, expected one of `id`, `name`": the
/// closest valid key.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match closest(field, expected.iter().copied()) {
        Some(c) => Some(format!("did you mean `{c}`?")),
        None if !expected.is_empty() => Some(format!("valid keys here: {}", expected.join(", "))),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::unknown_field_help;
    use super::{fast_load_texts, load_keeping_sources};
    use std::path::PathBuf;

    /// The fast path (parallel, compact, quick replay) and the careful one
    /// build the same history.
    #[track_caller]
    fn same_history(files: Vec<(PathBuf, String)>) {
        let fast = fast_load_texts(&files).expect("valid data loads on the fast path");
        let careful = load_keeping_sources(files.clone())
            .expect("valid data")
            .history;
        assert_eq!(format!("{fast:#?}"), format!("{careful:#?}"));
    }

    /// Small random edits of valid files (quotes, escapes, brackets,
    /// newlines, dates...): the fast and careful loads agree on every one,
    /// both failing or both building the same history.
    #[test]
    fn the_fast_path_agrees_on_edited_files() {
        let p = orgctl_synth::Params {
            people: 60,
            years: 2,
            ..Default::default()
        };
        let mut files = orgctl_synth::generate(&p).0;
        files.extend(crate::load::bundled::files());
        let pieces = [
            "\"",
            "'",
            "\\",
            "#",
            "\n",
            "=",
            "[",
            "]",
            "{",
            "}",
            ",",
            " ",
            "x",
            "1",
            "-",
            "~",
            "\\u00e9",
            "\"\"\"",
            "2023-02-30",
            "T10:00",
            "[[unit]]\n",
            "true",
            "\t",
            "\r",
            "é",
            ".",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let mut edited = files.clone();
            let fi = next(edited.len());
            let text = &mut edited[fi].1;
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if next(3) == 0 {
                    let mut end = (at + 1 + next(4)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                } else {
                    text.insert_str(at, pieces[next(pieces.len())]);
                }
            }
            let careful = load_keeping_sources(edited.clone()).map(|l| l.history);
            let fast = fast_load_texts(&edited);
            match (careful, fast) {
                (Ok(c), Some(f)) => assert_eq!(format!("{c:?}"), format!("{f:?}")),
                (Err(_), None) => {}
                (c, f) => panic!(
                    "disagree on an edit of {}: careful ok {}, fast ok {}",
                    edited[fi].0.display(),
                    c.is_ok(),
                    f.is_some()
                ),
            }
        }
    }

    #[test]
    fn the_fast_path_builds_the_same_history() {
        same_history(crate::load::bundled::files());
        let p = orgctl_synth::Params {
            people: 400,
            years: 6,
            ..Default::default()
        };
        let files = orgctl_synth::generate(&p).0;
        same_history(files.clone());
        // Events without ids get ids from their date and title, in replay
        // order, whichever thread resolved them.
        let unnamed = files
            .into_iter()
            .map(|(p, t)| {
                let t: String = t
                    .lines()
                    .filter(|l| !l.starts_with("id = \"e-"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                (p, t)
            })
            .collect();
        same_history(unnamed);
    }

    #[test]
    fn suggests_the_closest_key() {
        let m = "unknown field `nmae`, expected one of `id`, `name`, `aka`";
        assert_eq!(
            unknown_field_help(m).as_deref(),
            Some("did you mean `name`?")
        );
    }
}
