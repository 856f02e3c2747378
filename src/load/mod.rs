//! From a data folder to a [`History`]: find the files, read and parse them,
//! and hand the records to the replay.

pub mod bundled;
pub mod git;
pub mod source;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::codes::Code;
use crate::check::diag::{DataErrors, Diagnostic, SourceMap, Span};
use crate::ids::FileId;
use crate::records::input::{FileInput, Inputs, Sources};
use crate::records::lines::{LineIndex, LineStarts};
use crate::records::{known, reader, shape};
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

/// The files of a data folder not to load (the project file's `exclude`):
/// glob patterns matched against paths relative to the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exclude(Vec<glob::Pattern>);

impl Exclude {
    /// The patterns of `texts` (each checked when the project file was
    /// read: one that does not parse is left out).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        Exclude(
            texts
                .into_iter()
                .filter_map(|t| glob::Pattern::new(t).ok())
                .collect(),
        )
    }

    /// Whether `path`, under `dir`, is left out.
    fn excludes(&self, dir: &Path, path: &Path) -> bool {
        self.excludes_relative(path.strip_prefix(dir).unwrap_or(path))
    }

    /// Whether the file at `rel`, relative to the data folder, is left out.
    pub fn excludes_relative(&self, rel: &Path) -> bool {
        let opts = glob::MatchOptions {
            require_literal_separator: true,
            ..glob::MatchOptions::new()
        };
        self.0.iter().any(|p| p.matches_path_with(rel, opts))
    }
}

/// The history, with the text of its files for diagnostics about it.
pub struct Loaded {
    pub history: History,
    pub sources: SourceMap,
}

/// Loads every `*.toml` file under `dir` (see [`read_folder`]).
///
/// The files are read and parsed in parallel, each turned into compact
/// records as soon as it is parsed and its text dropped (unless it has
/// problems), so memory stays near the size of the replayed history.
pub fn load_folder(dir: &Path) -> Result<History, LoadError> {
    let none = Exclude::default();
    load_listed(dir, &none, list_folder(dir, &none).as_ref())
}

/// [`load_folder`] with the folder already listed (`None` if the listing
/// failed: [`read_folder`] then says why).
pub(crate) fn load_listed(
    dir: &Path,
    exclude: &Exclude,
    listing: Option<&Listing>,
) -> Result<History, LoadError> {
    let Some(l) = listing else {
        return load_texts(read_folder_excluding(dir, exclude)?);
    };
    let files = l.paths.iter().map(|p| (p.clone(), None)).collect();
    load(files, l.bytes, &LoadOptions::default(), false).map(|l| l.history)
}

/// The data files of a folder, in load order, and their size in all.
pub(crate) struct Listing {
    pub paths: Vec<PathBuf>,
    /// Each file's metadata, as the walk found it (for the cache's
    /// freshness by stat: taken before the file is read).
    pub metas: Vec<std::fs::Metadata>,
    pub bytes: u64,
}

/// The `*.toml` files under `dir` as [`read_folder`] finds them; `None` when
/// the walk fails, finds none or finds one too large (`read_folder` then
/// says why).
pub(crate) fn list_folder(dir: &Path, exclude: &Exclude) -> Option<Listing> {
    if !std::fs::metadata(dir).ok()?.is_dir() {
        return None;
    }
    let mut paths = Vec::new();
    let mut metas = Vec::new();
    let mut bytes = 0;
    let walk = walk_folder(dir, exclude);
    for entry in walk {
        let entry = entry.ok()?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "toml") {
            let meta = entry.metadata().ok()?;
            // Too large to read at all: `read_folder` says so.
            if meta.len() > MAX_FILE as u64 {
                return None;
            }
            bytes += meta.len();
            paths.push(path.to_path_buf());
            metas.push(meta);
        }
    }
    (!paths.is_empty()).then_some(Listing {
        paths,
        metas,
        bytes,
    })
}

/// Every entry under `dir`, in sorted path order, following links and
/// skipping hidden files and folders (such as `.git`) and what `exclude`
/// leaves out.
fn walk_folder<'a>(
    dir: &'a Path,
    exclude: &'a Exclude,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || exclude.excludes(dir, e.path()))
        })
}

/// Reads every `*.toml` file under `dir`, recursively, in sorted path
/// order. Hidden files and folders (such as `.git`) are skipped.
pub fn read_folder(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    read_folder_excluding(dir, &Exclude::default())
}

/// [`read_folder`], leaving out what `exclude` does.
pub fn read_folder_excluding(
    dir: &Path,
    exclude: &Exclude,
) -> Result<Vec<(PathBuf, String)>, LoadError> {
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
    let walk = walk_folder(dir, exclude);
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
        texts.push((path.to_path_buf(), text_of_bytes(path, bytes)?));
    }
    if texts.is_empty() {
        return Err(LoadError::NoFiles(dir.to_path_buf()));
    }
    Ok(texts)
}

/// The text of a file's bytes (read from disk or from git): an error when
/// it is larger than a file may be or not UTF-8.
pub(crate) fn text_of_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.len() > MAX_FILE {
        return Err(LoadError::TooLarge(path.to_path_buf()));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e))
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
    load_texts_with(files, &LoadOptions::default()).map(|l| l.history)
}

/// [`load_texts`] with options, keeping no text.
pub fn load_texts_with(
    files: Vec<(PathBuf, String)>,
    opts: &LoadOptions,
) -> Result<Loaded, LoadError> {
    load_given(files, opts, false)
}

/// [`load_texts`], keeping the file texts for later diagnostics.
pub fn load_keeping_sources(files: Vec<(PathBuf, String)>) -> Result<Loaded, LoadError> {
    load_with(files, &LoadOptions::default())
}

/// How to load.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// `--known-at`: the record as it stood on this day (see
    /// [`crate::records::known`]).
    pub known_at: Option<chrono::NaiveDate>,
    /// Below this many bytes in all, files are parsed on one thread (tests
    /// set 0 to run the parallel path on small data).
    pub parallel_from: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            known_at: None,
            parallel_from: PARALLEL_FROM,
        }
    }
}

/// Below this many bytes in all, files are parsed on one thread.
pub const PARALLEL_FROM: u64 = 512 * 1024;

/// [`load_keeping_sources`] with options.
pub fn load_with(files: Vec<(PathBuf, String)>, opts: &LoadOptions) -> Result<Loaded, LoadError> {
    load_given(files, opts, true)
}

/// [`load`] of texts in memory.
fn load_given(
    files: Vec<(PathBuf, String)>,
    opts: &LoadOptions,
    keep: bool,
) -> Result<Loaded, LoadError> {
    let bytes = files.iter().map(|(_, t)| t.len() as u64).sum();
    let files = files.into_iter().map(|(p, t)| (p, Some(t))).collect();
    load(files, bytes, opts, keep)
}

/// The largest data file: positions in a file are kept as `u32`.
const MAX_FILE: usize = u32::MAX as usize;

/// One file read and parsed.
struct Parsed {
    /// Where its lines start (none when the texts are kept).
    starts: LineStarts,
    /// Its records, unless it has problems.
    input: Option<FileInput>,
    diags: Vec<Diagnostic>,
    /// Its text, when kept: asked for, given in memory, or it has problems.
    text: Option<String>,
}

/// The text of one file: given, or read from `path`.
fn text_of(path: &Path, given: Option<String>) -> Result<String, LoadError> {
    match given {
        Some(text) if text.len() > MAX_FILE => Err(LoadError::TooLarge(path.to_path_buf())),
        Some(text) => Ok(normalise(text)),
        None => read_text(path, &mut Vec::new()),
    }
}

/// What a thread that parses files uses again from one file to the next:
/// the reader's buffers, and the bytes of the file read. Memory fresh from
/// the system is zeroed by the kernel page by page as it is first
/// written, and a file's bytes freed go back to it: a new buffer for each
/// file faulted in every byte of the data once more (a sixth of a cold
/// load's page faults on generated L).
#[derive(Default)]
struct Buffers {
    reader: reader::Buffers,
    text: Vec<u8>,
}

thread_local! {
    /// The buffers of a parsing thread, during a parallel load.
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
}

/// The text of the file at `path`, read into the bytes of `buf` (taken
/// from it: give them back with [`Buffers::give_back`]), checked and
/// normalised as [`text_of`] does.
fn read_text(path: &Path, buf: &mut Vec<u8>) -> Result<String, LoadError> {
    use std::io::Read as _;
    let mut bytes = std::mem::take(buf);
    bytes.clear();
    let read = std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes));
    read.map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(normalise(text_of_bytes(path, bytes)?))
}

impl Buffers {
    /// The bytes of a text read by [`read_text`] and no longer needed, to
    /// read the next file into.
    fn give_back(&mut self, text: String) {
        self.text = text.into_bytes();
    }
}

/// Reads and parses file number `i`.
fn parse_one(
    buffers: &mut Buffers,
    i: usize,
    path: &Path,
    given: Option<String>,
    keep: bool,
) -> Result<Parsed, LoadError> {
    // A text given in memory stays: it cannot be read again. A text not
    // kept is read into the thread's buffer.
    let stays = keep || given.is_some();
    let text = match given {
        None if !stays => read_text(path, &mut buffers.text)?,
        given => text_of(path, given)?,
    };
    // Kept texts go to a `SourceMap`, which finds their lines itself.
    let starts = if keep {
        LineStarts::default()
    } else {
        LineStarts::of(&text)
    };
    let (input, diags) = match reader::read_with(FileId::new(i), &text, &mut buffers.reader) {
        Ok(input) => (Some(input), Vec::new()),
        Err(diags) => (None, diags),
    };
    let text = match stays || !diags.is_empty() {
        true => Some(text),
        false => {
            buffers.give_back(text);
            None
        }
    };
    Ok(Parsed {
        starts,
        input,
        diags,
        text,
    })
}

/// The one load: reads (files without a text are read from disk) and
/// parses every file on all cores when they are `total` bytes or more,
/// then reports every problem of every file, or replays them. The texts
/// are kept in [`Loaded::sources`] when `keep`; otherwise only those of
/// files with problems are, and `sources` is left empty.
fn load(
    files: Vec<(PathBuf, Option<String>)>,
    total: u64,
    opts: &LoadOptions,
    keep: bool,
) -> Result<Loaded, LoadError> {
    let timer = Timer::start();
    let parse = |buffers: &mut Buffers, (i, (path, given)): (usize, (PathBuf, Option<String>))| {
        parse_one(buffers, i, &path, given, keep).map(|p| (path, p))
    };
    // Each thread of the pool keeps its buffers from one file to the next
    // (`map_init` would start fresh ones for every piece of work it splits
    // off, a dozen or more), and drops them once every file is parsed.
    let results: Vec<Result<(PathBuf, Parsed), LoadError>> = if total >= opts.parallel_from {
        let files = files.into_par_iter().enumerate();
        let results = files
            .map(|f| BUFFERS.with_borrow_mut(|buffers| parse(buffers, f)))
            .collect();
        rayon::broadcast(|_| BUFFERS.take());
        results
    } else {
        let mut buffers = Buffers::default();
        let files = files.into_iter().enumerate();
        files.map(|f| parse(&mut buffers, f)).collect()
    };
    // A file that cannot be read at all: the first one says why.
    let parsed: Vec<(PathBuf, Parsed)> = results.into_iter().collect::<Result<_, _>>()?;
    timer.lap("read and parse");

    if parsed.iter().any(|(_, p)| !p.diags.is_empty()) {
        // No replay, but the changes of the files that did parse can still
        // be checked on their own.
        let mut diags = Vec::new();
        let mut sources = SourceMap::default();
        for (i, (path, p)) in parsed.into_iter().enumerate() {
            diags.extend(p.diags);
            if let Some(input) = &p.input {
                diags.extend(shape::check_file(FileId::new(i), input));
            }
            let text = p.text.unwrap_or_else(|| reread(&path));
            sources.add(path, text);
        }
        return Err(LoadError::Data(DataErrors::new(diags, sources)));
    }

    let mut lines = LineIndex::default();
    let mut sources = SourceMap::default();
    let mut kept = Vec::new();
    let mut inputs = Vec::with_capacity(parsed.len());
    for (path, p) in parsed {
        let file = match p.text {
            Some(text) if keep => sources.add(path, text),
            text => {
                kept.push(text);
                lines.add(path, p.starts)
            }
        };
        inputs.push((file, p.input.expect("a file without problems has records")));
    }
    if let Some(day) = opts.known_at {
        known::as_known_at(&mut inputs, day);
    }
    let texts = if keep {
        Texts::Kept(sources)
    } else {
        Texts::Lines(lines, kept)
    };
    let (mut history, sources) = replay(Inputs::new(inputs), texts)?;
    timer.lap("replay");
    history.known_at = opts.known_at;
    Ok(Loaded { history, sources })
}

/// Where the replay finds the files' paths and positions.
enum Texts {
    /// Every text, kept.
    Kept(SourceMap),
    /// The line starts, and the texts given in memory.
    Lines(LineIndex, Vec<Option<String>>),
}

/// The replay, once. Its diagnostics carry byte spans; when the texts were
/// not kept, the files are read again only to quote them.
fn replay(inputs: Inputs, texts: Texts) -> Result<(History, SourceMap), LoadError> {
    match texts {
        Texts::Kept(sources) => match timeline::replay(inputs, &sources) {
            Ok(history) => Ok((history, sources)),
            Err(diags) => Err(LoadError::Data(DataErrors::new(diags, sources))),
        },
        Texts::Lines(lines, kept) => match timeline::replay(inputs, &lines) {
            Ok(history) => Ok((history, SourceMap::default())),
            Err(diags) => Err(LoadError::Data(DataErrors::new(
                diags,
                texts_again(&lines, kept),
            ))),
        },
    }
}

/// The texts of the files of `lines`: `kept`, or read again.
fn texts_again(lines: &LineIndex, kept: Vec<Option<String>>) -> SourceMap {
    let mut sources = SourceMap::default();
    for (path, text) in lines.file_paths().into_iter().zip(kept) {
        let text = text.unwrap_or_else(|| reread(&path));
        sources.add(path, text);
    }
    sources
}

/// The text of a file read again, for diagnostics only (empty if it can no
/// longer be read).
fn reread(path: &Path) -> String {
    text_of(path, None).unwrap_or_default()
}

/// A BOM dropped and CRLF read as LF, as every load does.
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

#[cfg(test)]
mod tests {
    use super::{LoadOptions, load_texts, load_texts_with, load_with};
    use std::path::PathBuf;

    /// On one thread or several, keeping the texts or not: the same history.
    #[track_caller]
    fn same_history(files: Vec<(PathBuf, String)>) {
        let opts = |parallel_from| LoadOptions {
            parallel_from,
            ..LoadOptions::default()
        };
        let one = load_texts_with(files.clone(), &opts(u64::MAX)).expect("valid data");
        let many = load_texts_with(files.clone(), &opts(0)).expect("valid data");
        let kept = load_with(files, &opts(0)).expect("valid data");
        assert_eq!(
            format!("{:#?}", one.history),
            format!("{:#?}", many.history)
        );
        assert_eq!(
            format!("{:#?}", one.history),
            format!("{:#?}", kept.history)
        );
    }

    #[test]
    fn every_way_of_loading_builds_the_same_history() {
        same_history(crate::load::bundled::files());
        let p = orgctl_synth::Params {
            people: 400,
            years: 6,
            ..Default::default()
        };
        let files = orgctl_synth::generate(&p).0;
        same_history(files.clone());
        // Events without ids get ids from their date and title, in replay
        // order, whichever thread read them.
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

    /// Files read from disk into one buffer a thread uses again, long and
    /// short ones in turn, some with a byte-order mark and CRLF lines: the
    /// history of the same texts given in memory, on one thread or several.
    #[test]
    fn files_read_into_a_buffer_used_again_read_as_their_texts() {
        let p = orgctl_synth::Params {
            people: 300,
            years: 5,
            ..Default::default()
        };
        let files = orgctl_synth::generate(&p).0;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let on_disk: Vec<(PathBuf, Option<String>)> = (files.iter().enumerate())
            .map(|(i, (_, text))| {
                let at = dir.path().join(format!("{i:03}.toml"));
                let bytes = match i % 3 {
                    0 => format!("\u{feff}{}", text.replace('\n', "\r\n")),
                    _ => text.clone(),
                };
                std::fs::write(&at, bytes).expect("written");
                (at, None)
            })
            .collect();
        let total = files.iter().map(|(_, t)| t.len() as u64).sum();
        let mut given = load_texts(files).expect("valid data");
        // The files' paths differ; every record and event is the same.
        given.files.clear();
        let given = format!("{given:#?}");
        for parallel_from in [0, u64::MAX] {
            let opts = LoadOptions {
                parallel_from,
                ..LoadOptions::default()
            };
            let mut read = super::load(on_disk.clone(), total, &opts, false).expect("valid data");
            read.history.files.clear();
            assert_eq!(given, format!("{:#?}", read.history));
        }
    }

    /// A file with problems and a file whose changes are malformed: both
    /// reported, each in its file, from one load.
    #[test]
    fn reports_the_problems_of_every_file() {
        let files = vec![
            (
                PathBuf::from("a.toml"),
                "[[unit]]\nid = \"x\"\nnmae = \"X\"\n".to_string(),
            ),
            (
                PathBuf::from("b.toml"),
                "[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"crate\", unit = \"x\" }]\n"
                    .to_string(),
            ),
        ];
        for parallel_from in [0, u64::MAX] {
            let opts = LoadOptions {
                parallel_from,
                ..LoadOptions::default()
            };
            let Err(super::LoadError::Data(d)) = load_texts_with(files.clone(), &opts) else {
                panic!("the data has problems");
            };
            let text = d.render(false);
            assert!(text.contains("unknown field `nmae`"), "{text}");
            assert!(text.contains("did you mean `name`?"), "{text}");
            assert!(text.contains("unknown op 'crate'"), "{text}");
            assert!(
                text.contains("a.toml:3:1") && text.contains("b.toml:3:19"),
                "{text}"
            );
        }
    }
}
