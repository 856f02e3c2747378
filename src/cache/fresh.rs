//! Freshness by stat, as git's index does: with each cache entry, a table
//! of every data file's path, size, modification and change times (in
//! nanoseconds), inode and device, and the hash of its bytes. On the next
//! run a file whose stat is unchanged is trusted without reading it; a
//! changed one is read and hashed again (its content decides, as the key
//! always did). A file whose modification time falls in the same second as
//! the table was taken or written, or later, is "racy" (git's word): it
//! may have changed again within one tick of the clock without its stat
//! showing it, so it is hashed again too. An unchanged folder then costs
//! one `stat` per file, taken by the walk that lists it.
//!
//! The table is a small file beside the history (`<folder hash>.stat`),
//! for this orgctl version and build and this data folder only, written
//! atomically like the history and ignored when it is damaged (then every
//! file is hashed, as without a table).

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_128;

/// What a file's stat says, as compared from one run to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    /// Nanoseconds since the epoch (negative before it).
    pub mtime: i128,
    pub ctime: i128,
    pub inode: u64,
    pub device: u64,
}

impl Stat {
    pub fn of(meta: &Metadata) -> Stat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Stat {
                size: meta.len(),
                mtime: ns(meta.mtime(), meta.mtime_nsec()),
                ctime: ns(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            // Size and the two times the platform gives: where there is no
            // inode, a file replaced by another shows in its times.
            let ns = |t: std::io::Result<SystemTime>| t.map_or(0, nanos);
            Stat {
                size: meta.len(),
                mtime: ns(meta.modified()),
                ctime: ns(meta.created()),
                inode: 0,
                device: 0,
            }
        }
    }

    /// The whole second its modification time falls in.
    fn mtime_second(&self) -> i128 {
        self.mtime.div_euclid(1_000_000_000)
    }
}

/// Nanoseconds since the epoch.
fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// One data file as last seen: where, its stat, the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub stat: Stat,
    pub hash: u128,
}

/// The stat table of a data folder, as read back.
#[derive(Debug, Default)]
pub struct Table {
    by_path: HashMap<PathBuf, (Stat, u128)>,
    /// The second from which a file's modification time makes it racy: the
    /// earlier of the second its stats were taken in and the second the
    /// table file was written in (the file system's clock).
    racy_from: i128,
}

impl Table {
    /// The hash recorded for a file whose stat is `stat`, when it can be
    /// trusted: the same stat as recorded, and not racy.
    pub fn trusted(&self, path: &Path, stat: &Stat) -> Option<u128> {
        let (recorded, hash) = self.by_path.get(path)?;
        (recorded == stat && stat.mtime_second() < self.racy_from).then_some(*hash)
    }
}

/// Every file's entry: its stat as given, and the hash of its bytes,
/// recorded in `table` when the stat is trusted there, else read and
/// hashed (on every core). The stats must be taken before the files are
/// read, so that a file changing in between shows a changed stat next
/// time. Also how many files were hashed; `None` if a file cannot be
/// read (the load then reports it).
pub fn entries(files: &[(PathBuf, Stat)], table: Option<&Table>) -> Option<(Vec<Entry>, usize)> {
    let known = |p: &Path, s: &Stat| table.and_then(|t| t.trusted(p, s));
    let hashed = files.iter().filter(|(p, s)| known(p, s).is_none()).count();
    let entries = files
        .par_iter()
        .map(|(path, stat)| {
            let hash = match known(path, stat) {
                Some(h) => h,
                None => xxh3_128(&std::fs::read(path).ok()?),
            };
            Some(Entry {
                path: path.clone(),
                stat: *stat,
                hash,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((entries, hashed))
}

/// The stat of every file now, then their entries, every file hashed: for
/// the files a cold load has just read.
pub fn rehash<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> Option<Vec<Entry>> {
    let files = paths
        .map(|p| Some((p.clone(), Stat::of(&std::fs::metadata(p).ok()?))))
        .collect::<Option<Vec<_>>>()?;
    entries(&files, None).map(|(e, _)| e)
}

/// The second the clock is in now: when stats are about to be taken.
pub fn now_second() -> i128 {
    nanos(SystemTime::now()).div_euclid(1_000_000_000)
}

const MAGIC: &[u8; 16] = b"orgctl-stats\x00\x00\x00\x01";

/// The table's bytes: magic, then `identity` (version, build, folder:
/// what the table is for), the second its stats were taken in, the
/// entries, and a checksum of all that.
pub fn encode(identity: &[u8], taken: i128, entries: &[Entry]) -> Vec<u8> {
    let mut w = Vec::with_capacity(64 + entries.len() * 96);
    w.extend_from_slice(MAGIC);
    put_bytes(&mut w, identity);
    w.extend_from_slice(&taken.to_le_bytes());
    w.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    for e in entries {
        put_bytes(&mut w, e.path.to_string_lossy().as_bytes());
        let s = &e.stat;
        w.extend_from_slice(&s.size.to_le_bytes());
        w.extend_from_slice(&s.mtime.to_le_bytes());
        w.extend_from_slice(&s.ctime.to_le_bytes());
        w.extend_from_slice(&s.inode.to_le_bytes());
        w.extend_from_slice(&s.device.to_le_bytes());
        w.extend_from_slice(&e.hash.to_le_bytes());
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&w);
    w.extend_from_slice(&sum.to_le_bytes());
    w
}

fn put_bytes(w: &mut Vec<u8>, b: &[u8]) {
    w.extend_from_slice(&(b.len() as u64).to_le_bytes());
    w.extend_from_slice(b);
}

/// The table in `bytes`, if it is one, whole, for `identity`; `written` is
/// the time the file system gives the table file.
pub fn decode(bytes: &[u8], identity: &[u8], written: i128) -> Option<Table> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    let mut r = body.strip_prefix(MAGIC.as_slice())?;
    if take_bytes(&mut r)? != identity {
        return None;
    }
    let taken = i128::from_le_bytes(take(&mut r)?);
    let n = u64::from_le_bytes(take(&mut r)?);
    let mut by_path = HashMap::new();
    for _ in 0..n {
        let path = PathBuf::from(std::str::from_utf8(take_bytes(&mut r)?).ok()?);
        let stat = Stat {
            size: u64::from_le_bytes(take(&mut r)?),
            mtime: i128::from_le_bytes(take(&mut r)?),
            ctime: i128::from_le_bytes(take(&mut r)?),
            inode: u64::from_le_bytes(take(&mut r)?),
            device: u64::from_le_bytes(take(&mut r)?),
        };
        let hash = u128::from_le_bytes(take(&mut r)?);
        by_path.insert(path, (stat, hash));
    }
    if !r.is_empty() || by_path.len() as u64 != n {
        return None;
    }
    Some(Table {
        by_path,
        racy_from: taken.min(written.div_euclid(1_000_000_000)),
    })
}

fn take<const N: usize>(r: &mut &[u8]) -> Option<[u8; N]> {
    let (head, rest) = r.split_first_chunk::<N>()?;
    *r = rest;
    Some(*head)
}

fn take_bytes<'a>(r: &mut &'a [u8]) -> Option<&'a [u8]> {
    let n = usize::try_from(u64::from_le_bytes(take(r)?)).ok()?;
    let (head, rest) = r.split_at_checked(n)?;
    *r = rest;
    Some(head)
}

/// The table of `file` for `identity`, if there is a whole one.
pub fn read(file: &Path, identity: &[u8]) -> Option<Table> {
    let bytes = std::fs::read(file).ok()?;
    let written = nanos(std::fs::metadata(file).ok()?.modified().ok()?);
    decode(&bytes, identity, written)
}

#[cfg(test)]
mod tests {
    use super::{Entry, Stat, Table, decode, encode};
    use std::path::{Path, PathBuf};

    const SECOND: i128 = 1_000_000_000;

    fn stat(mtime: i128) -> Stat {
        Stat {
            size: 120,
            mtime,
            ctime: mtime,
            inode: 7,
            device: 1,
        }
    }

    fn table(entries: &[Entry], taken: i128, written: i128) -> Table {
        let bytes = encode(b"v1 build folder", taken, entries);
        decode(&bytes, b"v1 build folder", written).expect("read back")
    }

    fn entry(path: &str, mtime: i128) -> Entry {
        Entry {
            path: PathBuf::from(path),
            stat: stat(mtime),
            hash: 42,
        }
    }

    #[test]
    fn an_unchanged_stat_is_trusted_and_a_changed_one_is_not() {
        let t = table(&[entry("a.toml", 100 * SECOND)], 200, 200 * SECOND);
        let a = Path::new("a.toml");
        assert_eq!(t.trusted(a, &stat(100 * SECOND)), Some(42));
        assert_eq!(t.trusted(a, &stat(100 * SECOND + 1)), None, "mtime");
        let grown = Stat {
            size: 121,
            ..stat(100 * SECOND)
        };
        assert_eq!(t.trusted(a, &grown), None, "size");
        let replaced = Stat {
            inode: 8,
            ..stat(100 * SECOND)
        };
        assert_eq!(t.trusted(a, &replaced), None, "inode");
        let changed = Stat {
            ctime: 150 * SECOND,
            ..stat(100 * SECOND)
        };
        assert_eq!(t.trusted(a, &changed), None, "ctime");
        assert_eq!(t.trusted(Path::new("b.toml"), &stat(100 * SECOND)), None);
    }

    /// git's racy rule: a file modified in the second the stats were taken
    /// or the table written (or later) may have changed again since, with
    /// the same stat; it is hashed again.
    #[test]
    fn a_file_modified_in_the_same_second_as_the_table_is_racy() {
        let at = |mtime| [entry("a.toml", mtime)];
        let a = Path::new("a.toml");
        // Taken in second 200, written in second 200.
        let racy = [200 * SECOND, 200 * SECOND + 999_999_999, 300 * SECOND];
        for m in racy {
            let t = table(&at(m), 200, 200 * SECOND + 5);
            assert_eq!(t.trusted(a, &stat(m)), None, "{m}");
        }
        let t = table(&at(199 * SECOND + 999_999_999), 200, 200 * SECOND);
        assert_eq!(t.trusted(a, &stat(199 * SECOND + 999_999_999)), Some(42));
        // The file system's clock behind the machine's: the earlier counts.
        let t = table(&at(150 * SECOND), 200, 150 * SECOND + 3);
        assert_eq!(t.trusted(a, &stat(150 * SECOND)), None);
    }

    #[test]
    fn a_damaged_or_foreign_table_is_not_read() {
        let bytes = encode(b"mine", 200, &[entry("a.toml", 1), entry("b.toml", 2)]);
        assert!(decode(&bytes, b"mine", 0).is_some());
        assert!(decode(&bytes, b"another build", 0).is_none());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], b"mine", 0).is_none(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad, b"mine", 0).is_none(), "flipped at {at}");
        }
    }
}
