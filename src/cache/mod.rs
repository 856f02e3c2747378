//! The warm cache: the replayed history of a large data folder, kept in the
//! platform cache directory so that the next query on unchanged data reads
//! it instead of parsing and replaying every file.
//!
//! - Keyed by content: the orgctl version and the path and bytes of every
//!   data file (a 128-bit XXH3 hash). Any change, added or
//!   removed file, or another version gives another key, and the cache is
//!   rebuilt: it is never stale.
//! - Never trusted: a cache file whose magic, version, key, length or
//!   checksum does not match, or whose history is not consistent, is
//!   ignored and rewritten.
//! - Written atomically (a temporary file renamed over the old one), and
//!   only for data folders of at least [`CACHE_FROM`] bytes: small folders
//!   load in milliseconds anyway.
//! - `--no-cache` turns it off. One file per data folder, in
//!   `$XDG_CACHE_HOME/orgctl` (`~/.cache/orgctl`), `~/Library/Caches/orgctl`
//!   on macOS, `%LOCALAPPDATA%\orgctl` on Windows.

use std::hash::{DefaultHasher, Hasher};
use std::io::Write as _;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::load::{self, LoadError};
use crate::timeline::History;

pub mod store;

/// Folders smaller than this are not cached.
pub const CACHE_FROM: u64 = 2 * 1024 * 1024;

/// The last two bytes number the layout of [`store`]: a cache written by
/// an orgctl of the same version but another layout is ignored.
const MAGIC: &[u8; 16] = b"orgctl-history\x00\x0b";

/// The history of the data folder `dir`, from the cache when it is fresh
/// (and `enabled`), else loaded from the files and cached. The files
/// `exclude` leaves out are not read.
pub fn load(dir: &Path, exclude: &load::Exclude, enabled: bool) -> Result<History, LoadError> {
    let timer = crate::timer::Timer::start();
    let listing = load::list_folder(dir, exclude);
    let Some(plan) = enabled.then(|| Plan::new(dir, listing.as_ref())).flatten() else {
        return load::load_listed(dir, exclude, listing.as_ref());
    };
    let Some(key) = plan.key() else {
        return load::load_listed(dir, exclude, listing.as_ref());
    };
    timer.lap("cache: key");
    if let Some(h) = read(&plan.file, &key) {
        timer.lap("cache: read");
        return Ok(h);
    }
    let history = load::load_listed(dir, exclude, listing.as_ref())?;
    timer.lap("cache: cold load");
    // The files the history came from, unchanged since the key was taken.
    if plan.key().as_ref() == Some(&key) {
        write(&plan.file, &key, &history);
        timer.lap("cache: written");
    }
    Ok(history)
}

/// The files of a folder and where their cache goes.
struct Plan<'a> {
    paths: &'a [PathBuf],
    file: PathBuf,
}

impl<'a> Plan<'a> {
    fn new(dir: &Path, listing: Option<&'a load::Listing>) -> Option<Plan<'a>> {
        let listing = listing?;
        // Paths are stored as text.
        if listing.paths.iter().any(|p| p.to_str().is_none()) || listing.bytes < CACHE_FROM {
            return None;
        }
        let paths = &listing.paths;
        let canonical = std::fs::canonicalize(dir).ok()?;
        let mut h = DefaultHasher::new();
        h.write(canonical.to_string_lossy().as_bytes());
        let file = cache_dir()?
            .join("orgctl")
            .join(format!("{:016x}.history", h.finish()));
        Some(Plan { paths, file })
    }

    /// The content key: a 128-bit hash of the version, of this build of
    /// orgctl, and of every file's path and bytes, in load order. `None` if
    /// a file cannot be read (the load then reports it).
    fn key(&self) -> Option<[u64; 2]> {
        let per_file = hash_files(self.paths)?;
        let mut h = Xxh3::new();
        let version = env!("CARGO_PKG_VERSION");
        h.update(&(version.len() as u64).to_le_bytes());
        h.update(version.as_bytes());
        // Two builds of one version may store histories differently (while
        // orgctl is being developed): the executable's size and time tell
        // them apart, so a rebuilt orgctl never reads an older build's cache.
        if let Some((len, nanos)) = build_identity() {
            h.update(&len.to_le_bytes());
            h.update(&nanos.to_le_bytes());
        }
        h.update(&(self.paths.len() as u64).to_le_bytes());
        for (path, content) in self.paths.iter().zip(per_file) {
            let p = path.to_string_lossy();
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
            h.update(&content.to_le_bytes());
        }
        let k = h.digest128();
        Some([k as u64, (k >> 64) as u64])
    }
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

/// A 128-bit hash of each file's bytes, read and hashed on every core.
fn hash_files(paths: &[PathBuf]) -> Option<Vec<u128>> {
    paths
        .par_iter()
        .map(|p| std::fs::read(p).ok().map(|bytes| xxh3_128(&bytes)))
        .collect()
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
fn read(file: &Path, key: &[u64; 2]) -> Option<History> {
    let bytes = std::fs::read(file).ok()?;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let head = 16 + 4 + version.len() + 16 + 8 + 8;
    let (h, payload) = (bytes.get(..head)?, bytes.get(head..)?);
    if h != header(key, payload).as_slice() {
        return None;
    }
    store::decode(payload)
}

/// Writes the cache file atomically; failures only mean no cache.
fn write(file: &Path, key: &[u64; 2], history: &History) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let payload = store::encode(history);
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .map_or("history".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    // No fsync: a cache file cut short by a crash fails its checksum.
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(&header(key, &payload))?;
        f.write_all(&payload)
    });
    if written.is_err() || std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
