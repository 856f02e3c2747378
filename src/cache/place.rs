//! The index that lets a small question read the cached history in place
//! (`.place` beside `.history`): where each record starts in the history
//! file, a checksum for each block of both files, the reverse indexes a
//! subset is collected with ([`super::subset`]), each event's days, and
//! every name a record answers to, hashed.
//!
//! Layout, little-endian: a header read whole (magic, its own length,
//! the content key, where the history's payload is and how long, the
//! record counts, the block checksums of the payload and of the body, the
//! body's sections as offset and length, and a checksum of the header),
//! then the body. Only the blocks a question touches are read, and each is
//! checked against its checksum first; a block that does not match, an
//! offset out of range, a record that does not decode: the question is
//! answered from the whole history instead.
//!
//! Body sections, in order: record starts (`u64`, units, roles, people,
//! events, then the payload's length); each event's first day and the
//! first day it was known (`i32` days from the common era, twice); five
//! lists per record as offsets (`u32`, one more than records) then items
//! (`u32`): the roles ever in a unit, the roles that ever headed it, the
//! units ever under it, the roles whose explicit line ever went to a
//! role, those whose dotted line did; the names, sorted (`u64` hash of the
//! lowercased name, `u32` record: kind in the top two bits); the end of
//! the history's files and where each source list starts (`u64`, then the
//! lists' end), so that a question reads the lists its events cite, not
//! all of them (generated news M, 100,507 events, cites 100,507 lists).

use std::io::{Cursor, Read, Seek, SeekFrom};

use chrono::Datelike;
use xxhash_rust::xxh3::xxh3_64;

use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::timeline::{Event, History, Named, Person, Role, Unit};

use super::store;

const MAGIC: &[u8; 16] = b"orgctl-place\x00\x00\x00\x04";
/// Bytes per checked block: a quarter of a page. A record takes a few
/// hundred bytes and a question's records lie apart, so each block read is
/// mostly the record it is read for (4 KiB blocks copied and hashed four
/// times the bytes); the header's checksums grow to 8 bytes per KiB of
/// history (1.7 MB on generated L), read once a question.
const BLOCK: u64 = 1 << 10;
/// The body's sections, in order.
const SECTIONS: usize = 9;
const STARTS: usize = 0;
const DAYS: usize = 1;
const ROLES_IN: usize = 2;
const HEADS: usize = 3;
const CHILDREN: usize = 4;
const EXPLICIT_TO: usize = 5;
const DOTTED_TO: usize = 6;
const NAMES: usize = 7;
const LISTS: usize = 8;

/// A record's kind in the top two bits of a name's record.
const KIND_SHIFT: u32 = 30;

/// The hash of a name as lookup compares it: trimmed by the caller,
/// lowercased.
pub fn name_hash(name: &str) -> u64 {
    xxh3_64(name.to_lowercase().as_bytes())
}

fn named_code(n: Named) -> u32 {
    match n {
        Named::Person(p) => p.index() as u32,
        Named::Unit(u) => (1 << KIND_SHIFT) | u.index() as u32,
        Named::Role(r) => (2 << KIND_SHIFT) | r.index() as u32,
    }
}

fn named_of(code: u32) -> Option<Named> {
    let i = (code & ((1 << KIND_SHIFT) - 1)) as usize;
    match code >> KIND_SHIFT {
        0 => Some(Named::Person(PersonId::new(i))),
        1 => Some(Named::Unit(UnitId::new(i))),
        2 => Some(Named::Role(RoleId::new(i))),
        _ => None,
    }
}

/// Lists per record, as offsets then items.
fn lists(n: usize, pairs: impl Iterator<Item = (usize, u32)>) -> Vec<u8> {
    let mut per: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (i, x) in pairs {
        if per[i].last() != Some(&x) && !per[i].contains(&x) {
            per[i].push(x);
        }
    }
    let mut w = Vec::new();
    let mut at = 0u32;
    w.extend_from_slice(&at.to_le_bytes());
    for l in &per {
        at += l.len() as u32;
        w.extend_from_slice(&at.to_le_bytes());
    }
    for x in per.iter().flatten() {
        w.extend_from_slice(&x.to_le_bytes());
    }
    w
}

fn days(d: chrono::NaiveDate) -> [u8; 4] {
    d.num_days_from_ce().to_le_bytes()
}

/// The index of `h`, whose payload (written with `starts`) is
/// `payload_len` bytes from `base` in the history file; `None` when its
/// ids do not fit the layout.
pub fn encode(
    h: &History,
    key: &[u64; 2],
    base: u64,
    payload: &[u8],
    starts: &store::Starts,
) -> Option<Vec<u8>> {
    let limit = 1usize << KIND_SHIFT;
    if h.units
        .len()
        .max(h.roles.len())
        .max(h.people.len())
        .max(h.events.len())
        >= limit
    {
        return None;
    }
    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
    let bytes = |n: &[u64]| -> Vec<u8> { n.iter().flat_map(|s| s.to_le_bytes()).collect() };
    sections[STARTS] = bytes(&starts.records);
    sections[LISTS] = bytes(&starts.lists);
    sections[DAYS] = h
        .events
        .iter()
        .flat_map(|e| {
            let mut b = [0u8; 8];
            b[..4].copy_from_slice(&days(e.date.first_day()));
            b[4..].copy_from_slice(&days(e.known_from()));
            b
        })
        .collect();
    let roles = h.roles.iter().enumerate();
    sections[ROLES_IN] = lists(
        h.units.len(),
        roles.clone().flat_map(|(i, r)| {
            r.unit
                .intervals()
                .iter()
                .map(move |iv| (iv.value.index(), i as u32))
        }),
    );
    sections[HEADS] = lists(
        h.units.len(),
        roles
            .clone()
            .filter(|(_, r)| r.head.intervals().iter().any(|iv| iv.value))
            .flat_map(|(i, r)| {
                r.unit
                    .intervals()
                    .iter()
                    .map(move |iv| (iv.value.index(), i as u32))
            }),
    );
    sections[CHILDREN] = lists(
        h.units.len(),
        h.units.iter().enumerate().flat_map(|(i, u)| {
            u.parent
                .intervals()
                .iter()
                .map(move |iv| (iv.value.index(), i as u32))
        }),
    );
    sections[EXPLICIT_TO] = lists(
        h.roles.len(),
        roles.clone().flat_map(|(i, r)| {
            r.line
                .intervals()
                .iter()
                .map(move |iv| (iv.value.index(), i as u32))
        }),
    );
    sections[DOTTED_TO] = lists(
        h.roles.len(),
        roles.flat_map(|(i, r)| r.dotted.iter().map(move |iv| (iv.value.index(), i as u32))),
    );
    let mut names: Vec<(u64, u32)> = Vec::new();
    let mut add = |n: Named,
                   key: &str,
                   t: &crate::timeline::Timeline<String>,
                   notes: &crate::timeline::Notes| {
        let code = named_code(n);
        names.push((name_hash(key), code));
        names.extend(t.intervals().iter().map(|iv| (name_hash(&iv.value), code)));
        names.extend(notes.aliases.iter().map(|iv| (name_hash(&iv.value), code)));
    };
    for (i, p) in h.people.iter().enumerate() {
        add(
            Named::Person(PersonId::new(i)),
            p.key.as_str(),
            &p.name,
            &p.notes,
        );
    }
    for (i, u) in h.units.iter().enumerate() {
        add(
            Named::Unit(UnitId::new(i)),
            u.key.as_str(),
            &u.name,
            &u.notes,
        );
    }
    for (i, r) in h.roles.iter().enumerate() {
        add(
            Named::Role(RoleId::new(i)),
            r.key.as_str(),
            &r.title,
            &r.notes,
        );
    }
    names.sort_unstable();
    names.dedup();
    sections[NAMES] = names
        .iter()
        .flat_map(|(hash, code)| {
            let mut b = [0u8; 12];
            b[..8].copy_from_slice(&hash.to_le_bytes());
            b[8..].copy_from_slice(&code.to_le_bytes());
            b
        })
        .collect();
    let mut body = Vec::new();
    let mut directory = Vec::new();
    for s in &sections {
        directory.push((body.len() as u64, s.len() as u64));
        body.extend_from_slice(s);
    }
    let sums = |b: &[u8]| -> Vec<u64> { b.chunks(BLOCK as usize).map(xxh3_64).collect() };
    let mut head = Vec::new();
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&0u64.to_le_bytes()); // the header's length, below
    head.extend_from_slice(&key[0].to_le_bytes());
    head.extend_from_slice(&key[1].to_le_bytes());
    head.extend_from_slice(&base.to_le_bytes());
    head.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    for n in [h.units.len(), h.roles.len(), h.people.len(), h.events.len()] {
        head.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for part in [payload, body.as_slice()] {
        let s = sums(part);
        head.extend_from_slice(&(s.len() as u64).to_le_bytes());
        s.iter()
            .for_each(|x| head.extend_from_slice(&x.to_le_bytes()));
    }
    for (off, len) in directory {
        head.extend_from_slice(&off.to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
    }
    let len = (head.len() + 8) as u64;
    head[16..24].copy_from_slice(&len.to_le_bytes());
    let sum = xxh3_64(&head);
    head.extend_from_slice(&sum.to_le_bytes());
    head.extend_from_slice(&body);
    Some(head)
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

/// A region of a file read in checked blocks.
struct Blocks {
    base: u64,
    len: u64,
    /// The checksum of each block, as the header holds them (`u64`s,
    /// little-endian): kept as bytes, not parsed one by one, as a question
    /// reads few of them.
    sums: Vec<u8>,
    /// `SLOTS` blocks: block `b` is kept in slot `b % SLOTS`.
    kept: Vec<u8>,
    /// One more than the number of the block each slot holds; 0: none.
    tags: Vec<u64>,
}

impl Blocks {
    fn new(base: u64, len: u64, sums: Vec<u8>) -> Self {
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
    fn bytes<R: ReadAt>(&mut self, file: &mut R, start: u64, end: u64) -> Option<Vec<u8>> {
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
                    if xxh3_64(block) != u64_at(&self.sums, 8 * k as usize)? {
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
    fn bulk<R: ReadAt>(&self, file: &mut R, start: u64, end: u64) -> Option<(Whole, usize)> {
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
        let sums = self.sums.get(8 * first as usize..8 * last as usize)?;
        let checked = read
            .par_chunks(BLOCK as usize)
            .zip(sums.par_chunks(8))
            .all(|(block, sum)| xxh3_64(block).to_le_bytes() == sum);
        checked.then_some((read, (start - from) as usize))
    }
}

/// A history read in place: the cached history file and its index.
pub struct Place<R> {
    history: R,
    index: R,
    payload: Blocks,
    body: Blocks,
    directory: [(u64, u64); SECTIONS],
    /// Units, roles, people, events.
    pub counts: [usize; 4],
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl<R: ReadAt> Place<R> {
    /// The index `index` of the history file `history`, if both are whole
    /// and for this key.
    pub fn open(mut history: R, mut index: R, key: &[u64; 2]) -> Option<Self> {
        let mut prefix = [0u8; 24];
        index.read_exact_at(&mut prefix, 0).ok()?;
        if &prefix[..16] != MAGIC {
            return None;
        }
        let len = u64_at(&prefix, 16)?;
        // A header of more than 64 MiB is not one this writes.
        if !(24..1 << 26).contains(&len) {
            return None;
        }
        let mut head = prefix.to_vec();
        head.resize(len as usize, 0);
        index.read_exact_at(&mut head[24..], 24).ok()?;
        let (h, sum) = head.split_at(head.len() - 8);
        if xxh3_64(h) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        if u64_at(h, 24)? != key[0] || u64_at(h, 32)? != key[1] {
            return None;
        }
        let base = u64_at(h, 40)?;
        let payload_len = u64_at(h, 48)?;
        let mut at = 56;
        let mut counts = [0usize; 4];
        for c in &mut counts {
            *c = usize::try_from(u64_at(h, at)?).ok()?;
            at += 8;
        }
        let mut sums = Vec::new();
        for _ in 0..2 {
            let n = usize::try_from(u64_at(h, at)?).ok()?;
            at += 8;
            let end = n.checked_mul(8)?.checked_add(at)?;
            sums.push(h.get(at..end)?.to_vec());
            at = end;
        }
        let mut directory = [(0u64, 0u64); SECTIONS];
        for d in &mut directory {
            *d = (u64_at(h, at)?, u64_at(h, at + 8)?);
            at += 16;
        }
        if at != h.len() {
            return None;
        }
        let body_len = directory.iter().map(|d| d.1).sum::<u64>();
        let blocks = |len: u64| len.div_ceil(BLOCK) as usize;
        let body_sums = sums.pop()?;
        let payload_sums = sums.pop()?;
        if payload_sums.len() != 8 * blocks(payload_len) || body_sums.len() != 8 * blocks(body_len)
        {
            return None;
        }
        // The history file's own header names the same key.
        let mut hist_head = vec![0u8; usize::try_from(base).ok()?.min(1 << 12)];
        history.read_exact_at(&mut hist_head, 0).ok()?;
        if !super::names_key(&hist_head, key, payload_len) {
            return None;
        }
        let mut end = 0;
        for &(off, len) in &directory {
            if off != end {
                return None;
            }
            end = off.checked_add(len)?;
        }
        let n = counts.iter().sum::<usize>() as u64;
        let section_len = |i: usize| directory[i].1;
        if section_len(STARTS) != 8 * (n + 1)
            || section_len(DAYS) != 8 * counts[3] as u64
            || section_len(NAMES) % 12 != 0
        {
            return None;
        }
        Some(Place {
            history,
            index,
            payload: Blocks::new(base, payload_len, payload_sums),
            body: Blocks::new(len, body_len, body_sums),
            directory,
            counts,
        })
    }

    /// Bytes `start..end` of body section `s`.
    fn section(&mut self, s: usize, start: u64, end: u64) -> Option<Vec<u8>> {
        let (off, len) = self.directory[s];
        if end > len {
            return None;
        }
        self.body.bytes(&mut self.index, off + start, off + end)
    }

    fn u32_at(&mut self, s: usize, i: u64) -> Option<u32> {
        let b = self.section(s, 4 * i, 4 * i + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }

    /// The history's files.
    pub fn files(&mut self) -> Option<Vec<std::path::PathBuf>> {
        let b = self.section(LISTS, 0, 8)?;
        let end = u64_at(&b, 0)?;
        store::decode_one(&self.payload.bytes(&mut self.history, 0, end)?)
    }

    /// The source lists and every record of the history, read in one
    /// piece and decoded on every core, each fact set by an event
    /// renumbered to its place in `kept` or set by none (see
    /// [`store::decode_records`]); `files` is how many files it has.
    pub fn records(&mut self, files: usize, kept: &[u32]) -> Option<store::Records> {
        let lists = self.directory[LISTS].1;
        let b = self.section(LISTS, 0, 8)?;
        let start = u64_at(&b, 0)?;
        let b = self.section(LISTS, lists.checked_sub(8)?, lists)?;
        let mut end = u64_at(&b, 0)?;
        // Offsets in order, or the bytes are not a history's: every part
        // sliced below lies between `start` and the end.
        if end < start {
            return None;
        }
        // Three sections, each its length then its bytes.
        let mut bounds = [(0, 0); 3];
        for s in &mut bounds {
            let b = self
                .payload
                .bytes(&mut self.history, end, end.checked_add(8)?)?;
            let from = end + 8;
            end = from.checked_add(u64_at(&b, 0)?)?;
            *s = (from, end);
        }
        let (bytes, at) = self.payload.bulk(&mut self.history, start, end)?;
        let at = |x: u64| at + (x - start) as usize;
        let part = |(from, to): (u64, u64)| &bytes[at(from)..at(to)];
        let lists = &bytes[at(start)..at(bounds[0].0 - 8)];
        let sections = [part(bounds[0]), part(bounds[1]), part(bounds[2])];
        store::decode_records(lists, sections, files, self.counts[3], kept)
    }

    /// The first day of each event from event `from` on, and the first
    /// day it was known (as [`Self::pending`] reads them), read whole.
    fn days_from(&mut self, from: usize) -> Option<Vec<(i32, i32)>> {
        let end = self.directory[DAYS].1;
        let b = self.section(DAYS, 8 * from as u64, end)?;
        Some(
            b.chunks_exact(8)
                .map(|c| {
                    let day = |i: usize| i32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
                    (day(0), day(4))
                })
                .collect(),
        )
    }

    /// The number of events whose first day is on or before `day`.
    pub fn events_by(&mut self, day: chrono::NaiveDate) -> Option<usize> {
        let d = day.num_days_from_ce();
        let (mut lo, mut hi) = (0, self.counts[3]);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.days(mid)?.0 <= d {
                true => lo = mid + 1,
                false => hi = mid,
            }
        }
        Some(lo)
    }

    /// The history's source list `i`.
    pub fn source_list(&mut self, i: usize) -> Option<Box<[Box<str>]>> {
        let at = 8 * (i as u64 + 1);
        let b = self.section(LISTS, at, at + 16)?;
        let (start, end) = (u64_at(&b, 0)?, u64_at(&b, 8)?);
        store::decode_one(&self.payload.bytes(&mut self.history, start, end)?)
    }

    /// Record `i` of all (units, roles, people, events in turn), decoded.
    fn record<T: store::Bin>(&mut self, i: usize) -> Option<T> {
        let b = self.section(STARTS, 8 * i as u64, 8 * i as u64 + 16)?;
        let (start, end) = (u64_at(&b, 0)?, u64_at(&b, 8)?);
        store::decode_one(&self.payload.bytes(&mut self.history, start, end)?)
    }

    pub fn unit(&mut self, u: UnitId) -> Option<Unit> {
        (u.index() < self.counts[0]).then_some(())?;
        self.record(u.index())
    }

    pub fn role(&mut self, r: RoleId) -> Option<Role> {
        (r.index() < self.counts[1]).then_some(())?;
        self.record(self.counts[0] + r.index())
    }

    pub fn person(&mut self, p: PersonId) -> Option<Person> {
        (p.index() < self.counts[2]).then_some(())?;
        self.record(self.counts[0] + self.counts[1] + p.index())
    }

    pub fn event(&mut self, e: EventId) -> Option<Event> {
        (e.index() < self.counts[3]).then_some(())?;
        self.record(self.counts[0] + self.counts[1] + self.counts[2] + e.index())
    }

    /// List `i` of a lists section of `n` lists.
    fn list(&mut self, s: usize, n: usize, i: usize) -> Option<Vec<u32>> {
        if i >= n {
            return None;
        }
        let (from, to) = (self.u32_at(s, i as u64)?, self.u32_at(s, i as u64 + 1)?);
        let items = 4 * (n as u64 + 1);
        let b = self.section(s, items + 4 * u64::from(from), items + 4 * u64::from(to))?;
        Some(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    fn ids<T>(
        &mut self,
        s: usize,
        i: usize,
        of: usize,
        make: impl Fn(usize) -> T,
    ) -> Option<Vec<T>> {
        let n = match s {
            ROLES_IN | HEADS | CHILDREN => self.counts[0],
            _ => self.counts[1],
        };
        let l = self.list(s, n, i)?;
        l.into_iter()
            .map(|x| ((x as usize) < of).then(|| make(x as usize)))
            .collect()
    }

    /// The roles ever in unit `u`.
    pub fn roles_in(&mut self, u: UnitId) -> Option<Vec<RoleId>> {
        self.ids(ROLES_IN, u.index(), self.counts[1], RoleId::new)
    }

    /// The roles that ever headed unit `u`, or were ever in it and ever
    /// head of some unit.
    pub fn heads_of(&mut self, u: UnitId) -> Option<Vec<RoleId>> {
        self.ids(HEADS, u.index(), self.counts[1], RoleId::new)
    }

    /// The units ever under `u`.
    pub fn children_of(&mut self, u: UnitId) -> Option<Vec<UnitId>> {
        self.ids(CHILDREN, u.index(), self.counts[0], UnitId::new)
    }

    /// The roles whose explicit line ever went to `r`.
    pub fn explicit_to(&mut self, r: RoleId) -> Option<Vec<RoleId>> {
        self.ids(EXPLICIT_TO, r.index(), self.counts[1], RoleId::new)
    }

    /// The roles whose dotted line ever went to `r`.
    pub fn dotted_to(&mut self, r: RoleId) -> Option<Vec<RoleId>> {
        self.ids(DOTTED_TO, r.index(), self.counts[1], RoleId::new)
    }

    /// Event `i`'s first day and the first day it was known, as days from
    /// the common era.
    fn days(&mut self, i: usize) -> Option<(i32, i32)> {
        let b = self.section(DAYS, 8 * i as u64, 8 * i as u64 + 8)?;
        Some((
            i32::from_le_bytes(b[..4].try_into().ok()?),
            i32::from_le_bytes(b[4..].try_into().ok()?),
        ))
    }

    /// The events pending on `day`: dated after it, known by it.
    pub fn pending(&mut self, day: chrono::NaiveDate) -> Option<Vec<EventId>> {
        let d = day.num_days_from_ce();
        let from = self.events_by(day)?;
        let days = self.days_from(from)?;
        Some(
            (from..)
                .zip(days)
                .filter(|&(_, (_, known))| known <= d)
                .map(|(i, _)| EventId::new(i))
                .collect(),
        )
    }

    /// The records with a name whose lowercase hashes as `query` trimmed
    /// and lowercased does.
    pub fn named(&mut self, query: &str) -> Option<Vec<Named>> {
        let want = name_hash(query.trim());
        let n = self.directory[NAMES].1 / 12;
        let hash = |p: &mut Self, i: u64| -> Option<(u64, u32)> {
            let b = p.section(NAMES, 12 * i, 12 * i + 12)?;
            Some((u64_at(&b, 0)?, u32::from_le_bytes(b[8..].try_into().ok()?)))
        };
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match hash(self, mid)?.0 < want {
                true => lo = mid + 1,
                false => hi = mid,
            }
        }
        let mut out = Vec::new();
        for i in lo..n {
            let (h, code) = hash(self, i)?;
            if h != want {
                break;
            }
            let named = named_of(code)?;
            let (i, of) = match named {
                Named::Person(p) => (p.index(), self.counts[2]),
                Named::Unit(u) => (u.index(), self.counts[0]),
                Named::Role(r) => (r.index(), self.counts[1]),
            };
            if i >= of {
                return None;
            }
            if !out.contains(&named) {
                out.push(named);
            }
        }
        Some(out)
    }
}
