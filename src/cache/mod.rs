//! The warm cache: the replayed history of a large data folder, kept in the
//! platform cache directory so that the next query on unchanged data reads
//! it instead of parsing and replaying every file.
//!
//! - Keyed by content: the orgctl version and the path and bytes of every
//!   data file (a 128-bit XXH3 hash). Any change, added or
//!   removed file, or another version gives another key, and the cache is
//!   rebuilt: it is never stale.
//! - Found by stat, as git's index finds changed files ([`fresh`]): a file
//!   whose size, times, inode and device are as recorded with the cache
//!   is not read again, its recorded hash stands for its bytes; any other
//!   file, and a file modified in the second the record was taken or
//!   written (git's "racy" rule), is read and hashed again.
//! - Never trusted: a cache file whose magic, version, key, length or
//!   checksum does not match, or whose history is not consistent, is
//!   ignored and rewritten.
//! - Written atomically (a temporary file renamed over the old one), and
//!   only for data folders of at least [`CACHE_FROM`] bytes: small folders
//!   load in milliseconds anyway.
//! - `--no-cache` turns it off. One history and one stat table per data
//!   folder, in `$XDG_CACHE_HOME/orgctl` (`~/.cache/orgctl`),
//!   `~/Library/Caches/orgctl` on macOS, `%LOCALAPPDATA%\orgctl` on Windows.

use std::hash::{DefaultHasher, Hasher};
use std::io::Write as _;

use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::load::{self, LoadError};
use crate::timeline::History;

pub mod arena;
pub mod day;
pub mod fresh;
pub mod place;
pub mod store;
pub mod subset;

/// Folders smaller than this are not cached.
pub const CACHE_FROM: u64 = 2 * 1024 * 1024;

/// The last two bytes number the layout of [`store`]: a cache written by
/// an orgctl of the same version but another layout is ignored.
const MAGIC: &[u8; 16] = b"orgctl-history\x00\x0d";

/// The history of the data folder `dir`, from the cache when it is fresh
/// (and `enabled`), else loaded from the files and cached. The files
/// `exclude` leaves out are not read.
pub fn load(dir: &Path, exclude: &load::Exclude, enabled: bool) -> Result<History, LoadError> {
    load_or_read_in_place(dir, exclude, enabled, None)
}

/// A small question the cache can answer by reading only part of the
/// history in place ([`place`]): the part it needs (see
/// [`subset::person_subset`]), or `None` when it cannot say.
pub type Small<'a> = &'a dyn Fn(&mut place::Place<std::fs::File>) -> Option<History>;

/// [`load`], but when the cache is fresh and `small` can answer from it
/// in place, only the part of the history `small` reads.
pub fn load_or_read_in_place(
    dir: &Path,
    exclude: &load::Exclude,
    enabled: bool,
    small: Option<Small>,
) -> Result<History, LoadError> {
    let timer = crate::timer::Timer::start();
    // Before the walk stats the files: what makes a file racy.
    let taken = fresh::now_second();
    let listing = load::list_folder(dir, exclude);
    let Some(plan) = enabled.then(|| Plan::new(dir, listing.as_ref())).flatten() else {
        return load::load_listed(dir, exclude, listing.as_ref());
    };
    let table = fresh::read(&plan.stats, &plan.identity);
    let Some((entries, hashed)) = fresh::entries(&plan.files, table.as_ref()) else {
        return load::load_listed(dir, exclude, listing.as_ref());
    };
    let key = key(&entries);
    timer.lap(&format!(
        "cache: key, {hashed} of {} files hashed",
        entries.len()
    ));
    let cached = match small.and_then(|small| read_in_place(&plan.file, &key, small)) {
        Some(h) => Some((h, "cache: read in place")),
        None => read(&plan.file, &key).map(|h| (h, "cache: read")),
    };
    if let Some((h, how)) = cached {
        timer.lap(how);
        // Files touched but unchanged, or racy: their new stats, so that
        // the next run trusts them.
        if hashed > 0 {
            write_atomically(
                &plan.stats,
                &[&fresh::encode(&plan.identity, taken, &entries)],
            );
        }
        return Ok(h);
    }
    let history = load::load_listed(dir, exclude, listing.as_ref())?;
    timer.lap("cache: cold load");
    // The files the history came from, unchanged since the key was taken:
    // stated again, then every one hashed again.
    let taken = fresh::now_second();
    if let Some(entries) = fresh::rehash(plan.files.iter().map(|(p, _)| p))
        && self::key(&entries) == key
    {
        write(&plan.file, &key, &history);
        write_atomically(
            &plan.stats,
            &[&fresh::encode(&plan.identity, taken, &entries)],
        );
        timer.lap("cache: written");
    }
    Ok(history)
}

/// The files of a folder and where their cache goes.
struct Plan {
    /// Each file with its stat from the walk.
    files: Vec<(PathBuf, fresh::Stat)>,
    /// The cached history.
    file: PathBuf,
    /// The stat table beside it ([`fresh`]).
    stats: PathBuf,
    /// What the stat table is for: this version and build, this folder.
    identity: Vec<u8>,
}

impl Plan {
    fn new(dir: &Path, listing: Option<&load::Listing>) -> Option<Plan> {
        let listing = listing?;
        // Paths are stored as text.
        if listing.paths.iter().any(|p| p.to_str().is_none()) || listing.bytes < CACHE_FROM {
            return None;
        }
        let canonical = std::fs::canonicalize(dir).ok()?;
        let mut h = DefaultHasher::new();
        h.write(canonical.to_string_lossy().as_bytes());
        let base = cache_dir()?
            .join("orgctl")
            .join(format!("{:016x}", h.finish()));
        let mut identity = build_key().to_vec();
        identity.extend_from_slice(canonical.to_string_lossy().as_bytes());
        let stats = listing.metas.iter().map(fresh::Stat::of);
        Some(Plan {
            files: listing.paths.iter().cloned().zip(stats).collect(),
            file: base.with_extension("history"),
            stats: base.with_extension("stat"),
            identity,
        })
    }
}

/// The orgctl version and this build of it, as bytes: two builds of one
/// version may store histories differently (while orgctl is being
/// developed): the executable's size and time tell them apart, so a
/// rebuilt orgctl never reads an older build's cache.
fn build_key() -> Vec<u8> {
    let version = env!("CARGO_PKG_VERSION");
    let mut b = Vec::with_capacity(48);
    b.extend_from_slice(&(version.len() as u64).to_le_bytes());
    b.extend_from_slice(version.as_bytes());
    if let Some((len, nanos)) = build_identity() {
        b.extend_from_slice(&len.to_le_bytes());
        b.extend_from_slice(&nanos.to_le_bytes());
    }
    b
}

/// The content key: a 128-bit hash of the version, of this build of
/// orgctl, and of every file's path and bytes, in load order.
fn key(entries: &[fresh::Entry]) -> [u64; 2] {
    let mut h = Xxh3::new();
    h.update(&build_key());
    h.update(&(entries.len() as u64).to_le_bytes());
    for e in entries {
        let p = e.path.to_string_lossy();
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
        h.update(&e.hash.to_le_bytes());
    }
    let k = h.digest128();
    [k as u64, (k >> 64) as u64]
}

/// The size and modification time (in nanoseconds) of the running
/// executable, where the platform tells them.
fn build_identity() -> Option<(u64, u128)> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta.modified().ok()?;
    let nanos = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((meta.len(), nanos))
}

/// The platform cache directory.
fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        var("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library/Caches"))
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache")))
    }
}

fn checksum(payload: &[u8]) -> u64 {
    xxh3_64(payload)
}

/// The header: magic, version, key, payload length and checksum.
fn header(key: &[u64; 2], payload: &[u8]) -> Vec<u8> {
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut w = Vec::with_capacity(64);
    w.extend_from_slice(MAGIC);
    w.extend_from_slice(&(version.len() as u32).to_le_bytes());
    w.extend_from_slice(version);
    w.extend_from_slice(&key[0].to_le_bytes());
    w.extend_from_slice(&key[1].to_le_bytes());
    w.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    w.extend_from_slice(&checksum(payload).to_le_bytes());
    w
}

/// The cached history, if the cache file is there, for this key, whole and
/// consistent.
///
/// The file is mapped, not read: its pages come from the page cache as
/// they are, not zeroed and copied into a buffer first (on L, a third of
/// a warm query's time). orgctl only ever replaces a cache file by
/// renaming a new one over it, so the mapped file never changes under
/// the reader.
fn read(file: &Path, key: &[u64; 2]) -> Option<History> {
    let file = std::fs::File::open(file).ok()?;
    // SAFETY: the mapping is read only, and dropped before `read` returns.
    // A cache file is never written in place (see above); one truncated
    // by another program while mapped is the one way this can fault.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?;
    read_bytes(&map, key)
}

/// The history in the bytes of a cache file, if they are one for `key`,
/// whole and consistent.
pub fn read_bytes(bytes: &[u8], key: &[u64; 2]) -> Option<History> {
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let head = 16 + 4 + version.len() + 16 + 8 + 8;
    let (h, payload) = (bytes.get(..head)?, bytes.get(head..)?);
    if h != header(key, payload).as_slice() {
        return None;
    }
    store::decode(payload)
}

/// Writes the cache file atomically, then the index that reads it in
/// place beside it ([`place`]); failures only mean no cache.
fn write(file: &Path, key: &[u64; 2], history: &History) {
    let (head, payload, index) = parts(history, key, |_| {});
    write_atomically(file, &[&head, &payload]);
    if let Some(index) = index {
        write_atomically(&file.with_extension("place"), &[&index]);
    }
}

/// The cache file of `h` for `key`, as its header and payload, and the
/// index that reads it in place (`None` when its ids do not fit); the
/// payload edited by `edit` before its checksums are taken.
fn parts(
    h: &History,
    key: &[u64; 2],
    edit: impl FnOnce(&mut Vec<u8>),
) -> (Vec<u8>, Vec<u8>, Option<Vec<u8>>) {
    let (mut payload, starts) = store::encode_with_starts(h);
    edit(&mut payload);
    let head = header(key, &payload);
    let index = place::encode(h, key, head.len() as u64, &payload, &starts);
    (head, payload, index)
}

/// The cache file of `h` for `key` and its index, as bytes: what
/// [`write`] writes, for the tests and the fuzz target of what reads
/// them ([`read_bytes`], [`place::Place`]); `None` when the index cannot
/// be written.
pub fn image(h: &History, key: &[u64; 2]) -> Option<(Vec<u8>, Vec<u8>)> {
    crafted(h, key, |_| {})
}

/// [`image`], its payload edited by `edit` before the checksums of the
/// file and the index are taken: what only a crafted file holds, for the
/// fuzz target (every check but the checksums must refuse it, or read it
/// without a panic).
pub fn crafted(
    h: &History,
    key: &[u64; 2],
    edit: impl FnOnce(&mut Vec<u8>),
) -> Option<(Vec<u8>, Vec<u8>)> {
    let (mut file, payload, index) = parts(h, key, edit);
    file.extend_from_slice(&payload);
    Some((file, index?))
}

/// Whether `head` is the header of a cache file for `key` whose payload
/// is `payload_len` bytes (its checksum is not checked here: [`place`]
/// checks the payload block by block).
fn names_key(head: &[u8], key: &[u64; 2], payload_len: u64) -> bool {
    let h = header(key, &[]);
    let n = h.len() - 16;
    head.len() == h.len() && head[..n] == h[..n] && head[n..n + 8] == payload_len.to_le_bytes()
}

/// What `small` reads of the cached history for `key` in place, if the
/// history and its index are there and whole where it reads them.
fn read_in_place(file: &Path, key: &[u64; 2], small: Small) -> Option<History> {
    let open = |p: &Path| std::fs::File::open(p).ok();
    let timer = crate::timer::Timer::start();
    let mut place = place::Place::open(open(file)?, open(&file.with_extension("place"))?, key)?;
    timer.lap("cache: index opened");
    small(&mut place)
}

/// Writes `parts` to `file` atomically (a temporary file renamed over it);
/// failures only mean no cache.
fn write_atomically(file: &Path, parts: &[&[u8]]) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .map_or("history".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    // No fsync: a cache file cut short by a crash fails its checksum.
    let written =
        std::fs::File::create(&tmp).and_then(|mut f| parts.iter().try_for_each(|p| f.write_all(p)));
    if written.is_err() || std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// [`image`], in the tests.
#[cfg(test)]
fn files_of(h: &History, key: &[u64; 2]) -> (Vec<u8>, Vec<u8>) {
    image(h, key).expect("fits")
}

/// The bundled data with an event reported (2023-06-20) before it takes
/// effect (2023-09-10): Eddie Wu appointed CEO in Daniel Zhang's place.
#[cfg(test)]
fn bundled_with_an_announcement() -> History {
    let mut texts = crate::load::bundled::files();
    let handover = r#"[[person]]
id = "eddie-wu"
name = "Eddie Wu Yongming"

[[event]]
id = "ceo-handover"
date = 2023-09-10
reported = 2023-06-20
title = "Daniel Zhang hands the group CEO role to Eddie Wu"
changes = [
  { op = "rename", role = "alibaba-ceo", title = "Chief Executive Officer" },
  { op = "appoint", person = "eddie-wu", role = "alibaba-ceo" },
]
"#;
    texts.push(("alibaba/handover.toml".into(), handover.to_string()));
    crate::load::load_texts(texts).expect("valid")
}
