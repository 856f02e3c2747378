//! A region of a file read in checked blocks: each block a question
//! touches is read (a run of them with one `pread`), checked against its
//! checksum and kept in a slot by its number; a part read whole is mapped
//! and checked on every core.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::BLOCK;

pub(super) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// A file read at an offset, without moving a cursor: one `pread` per
/// run of blocks on Unix, where a seek and a read would be two system
/// calls.
pub trait ReadAt {
    fn read_exact_at(&mut self, buf: &mut [u8], offset: u64) -> std::io::Result<()>;

    /// `len` bytes at `offset`, for a part read whole.
    fn whole_at(&mut self, offset: u64, len: usize) -> Option<Whole> {
        let mut read = vec![0; len];
        self.read_exact_at(&mut read, offset).ok()?;
        Some(Whole::Read(read))
    }
}

/// Bytes of a file read whole: mapped from a file, or read.
pub enum Whole {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for Whole {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Whole::Mapped(m) => m,
            Whole::Read(v) => v,
        }
    }
}

impl ReadAt for std::fs::File {
    /// Mapped, not read: a file's pages come from the page cache as they
    /// are, where a buffer's would be zeroed and copied into first (every
    /// record of generated L: 100 MB).
    fn whole_at(&mut self, offset: u64, len: usize) -> Option<Whole> {
        // A page past the end of a file faults when read: a file cut short
        // is refused here.
        let end = offset.checked_add(len as u64)?;
        if self.metadata().ok()?.len() < end {
            return None;
        }
        // SAFETY: the mapping is read only. orgctl only ever replaces a
        // cache file by renaming a new one over it, so the mapped file
        // never changes under the reader; one truncated by another
        // program while mapped is the one way this can fault.
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(offset)
                .len(len)
                .populate()
                .map(&*self)
        };
        let map = map.ok()?;
        (map.len() == len).then_some(Whole::Mapped(map))
    }

    #[cfg(unix)]
    fn read_exact_at(&mut self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(self, buf, offset)
    }

    #[cfg(not(unix))]
    fn read_exact_at(&mut self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        self.seek(SeekFrom::Start(offset))?;
        self.read_exact(buf)
    }
}

impl<T: AsRef<[u8]>> ReadAt for Cursor<T> {
    fn read_exact_at(&mut self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        self.seek(SeekFrom::Start(offset))?;
        self.read_exact(buf)
    }
}

/// The blocks of a region kept after they are read, each in the slot its
/// number falls in: records of neighbouring ids (a unit's roles) and
/// their index entries are read again and again, and a slot is one copy,
/// no allocation. 256 KiB a region at most, touched as used.
const SLOTS: usize = 256;

/// The checksum of each block of a region (`u64`s, little-endian), where
/// the index's header holds them: the header is mapped (or read) once and
/// shared by both regions, not copied (1.9 MB on generated hr L, which a
/// question reads few of), nor parsed one by one.
pub(super) struct Sums {
    head: Arc<Whole>,
    range: Range<usize>,
}

impl Sums {
    /// Bytes `range` of `head`; `None` if it has none there.
    pub(super) fn new(head: Arc<Whole>, range: Range<usize>) -> Option<Self> {
        head.get(range.clone())?;
        Some(Sums { head, range })
    }

    fn bytes(&self) -> &[u8] {
        &self.head[self.range.clone()]
    }

    /// Bytes of the checksums.
    pub(super) fn len(&self) -> usize {
        self.range.len()
    }
}

/// A region of a file read in checked blocks.
pub(super) struct Blocks {
    base: u64,
    len: u64,
    sums: Sums,
    /// `SLOTS` blocks: block `b` is kept in slot `b % SLOTS`.
    kept: Vec<u8>,
    /// One more than the number of the block each slot holds; 0: none.
    tags: Vec<u64>,
}

impl Blocks {
    pub(super) fn new(base: u64, len: u64, sums: Sums) -> Self {
        Blocks {
            base,
            len,
            sums,
            kept: vec![0; SLOTS * BLOCK as usize],
            tags: vec![0; SLOTS],
        }
    }

    /// Whether block `b` is kept.
    fn has(&self, b: u64) -> bool {
        self.tags[(b % SLOTS as u64) as usize] == b + 1
    }

    /// Bytes `start..end` of the region, every block they touch checked.
    /// The blocks not kept are read a run at a time, one `pread` for each
    /// run (a record of many blocks, such as a person with a long history
    /// of attributes, is one read, not one a block).
    pub(super) fn bytes<R: ReadAt>(
        &mut self,
        file: &mut R,
        start: u64,
        end: u64,
    ) -> Option<Vec<u8>> {
        if start > end || end > self.len {
            return None;
        }
        let mut out = Vec::with_capacity((end - start) as usize);
        let mut at = start;
        while at < end {
            let b = at / BLOCK;
            if !self.has(b) {
                // This block and those after it that the range touches and
                // are not kept, at most a slot each.
                let last = ((end - 1) / BLOCK).min(b + SLOTS as u64 - 1);
                let mut run = 1;
                while b + run <= last && !self.has(b + run) {
                    run += 1;
                }
                let from = b * BLOCK;
                let mut read = vec![0; (((b + run) * BLOCK).min(self.len) - from) as usize];
                file.read_exact_at(&mut read, self.base + from).ok()?;
                for (k, block) in (b..).zip(read.chunks(BLOCK as usize)) {
                    let slot = (k % SLOTS as u64) as usize;
                    // Untagged until it checks: a block that does not is
                    // never taken for one that did.
                    self.tags[slot] = 0;
                    if xxh3_64(block) != u64_at(self.sums.bytes(), 8 * k as usize)? {
                        return None;
                    }
                    self.kept[slot * BLOCK as usize..][..block.len()].copy_from_slice(block);
                    self.tags[slot] = k + 1;
                }
            }
            let slot = (b % SLOTS as u64) as usize;
            let kept = &self.kept[slot * BLOCK as usize..][..BLOCK as usize];
            let from = (at - b * BLOCK) as usize;
            let to = ((end - b * BLOCK).min(BLOCK)) as usize;
            out.extend_from_slice(kept.get(from..to)?);
            at = b * BLOCK + to as u64;
        }
        Some(out)
    }

    /// Bytes `start..end` of the region in one read, with where they
    /// start in what is returned (the blocks they touch, whole), every
    /// block checked on every core: for a part read whole, such as every
    /// record (not kept: a slot is for blocks read again).
    pub(super) fn bulk<R: ReadAt>(
        &self,
        file: &mut R,
        start: u64,
        end: u64,
    ) -> Option<(Whole, usize)> {
        use rayon::prelude::*;
        if start > end || end > self.len {
            return None;
        }
        let (first, last) = (start / BLOCK, end.div_ceil(BLOCK));
        let from = first * BLOCK;
        let read = file.whole_at(
            self.base + from,
            ((last * BLOCK).min(self.len) - from) as usize,
        )?;
        let sums = self
            .sums
            .bytes()
            .get(8 * first as usize..8 * last as usize)?;
        let checked = read
            .par_chunks(BLOCK as usize)
            .zip(sums.par_chunks(8))
            .all(|(block, sum)| xxh3_64(block).to_le_bytes() == sum);
        checked.then_some((read, (start - from) as usize))
    }
}
