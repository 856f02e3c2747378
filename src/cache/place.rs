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
//! (a `u32` record, then the first and last day its tie may hold on, `i32`
//! days from the common era each, open ends the extremes): the roles ever
//! in a unit, the roles that ever headed it (by `heading_spans`), the
//! units ever under it, the roles whose explicit line ever went to a
//! role, those whose dotted line did; the names, sorted (`u64` hash of the
//! lowercased name, `u32` record: kind in the top two bits); the end of
//! the history's files and where each source list starts (`u64`, then the
//! lists' end), so that a question reads the lists its events cite, not
//! all of them (generated news M, 100,507 events, cites 100,507 lists).

use std::sync::Arc;

use chrono::Datelike;
use xxhash_rust::xxh3::xxh3_64;

use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::query::view::heading_spans;
use crate::timeline::{Event, History, Named, Person, Role, Stamp, Unit};

use super::store;
use blocks::{Blocks, Sums, u64_at};
pub use blocks::{ReadAt, Whole};

mod blocks;

const MAGIC: &[u8; 16] = b"orgctl-place\x00\x00\x00\x05";
/// Bytes per checked block: a quarter of a page. A record takes a few
/// hundred bytes and a question's records lie apart, so each block read is
/// mostly the record it is read for (4 KiB blocks copied and hashed four
/// times the bytes); the header's checksums grow to 8 bytes per KiB of
/// history (1.7 MB on generated L), mapped once a question.
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

/// One item of a list: a record, and the days its tie to the list's
/// record may hold on, so that a question about one day reads only the
/// records tied to it that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item {
    id: u32,
    days: Days,
}

/// Days `from..=until` from the common era.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Days {
    from: i32,
    until: i32,
}

impl Days {
    /// The days of interval `iv`, counted as `subset::day` cuts a
    /// timeline (an interval touches the day it ends on; an undated start
    /// or end is open), so they hold every day the interval does.
    fn of<T>(iv: &crate::timeline::Interval<T>) -> Days {
        Days::between(&iv.from, iv.until.as_ref())
    }

    /// The days from stamp `from` to `until` (`None`: still), as [`Self::of`].
    fn between(from: &Stamp, until: Option<&Stamp>) -> Days {
        let day = |s: &Stamp| s.day().map(|d| d.num_days_from_ce());
        Days {
            from: day(from).unwrap_or(i32::MIN),
            until: until.and_then(day).unwrap_or(i32::MAX),
        }
    }

    fn touches(self, day: chrono::NaiveDate) -> bool {
        (self.from..=self.until).contains(&day.num_days_from_ce())
    }
}

/// Bytes per list item: the record, then the first and last of its days.
const ITEM: u64 = 12;

/// Lists per record, as offsets then items, each list in ascending order
/// of records, one item a record with the union of its days (sorted, not
/// searched for each item: a unit with 100,000 roles side by side is one
/// list of 100,000).
fn lists(n: usize, pairs: impl Iterator<Item = (usize, u32, Days)>) -> Vec<u8> {
    let mut per: Vec<Vec<Item>> = vec![Vec::new(); n];
    for (i, id, days) in pairs {
        per[i].push(Item { id, days });
    }
    for l in &mut per {
        l.sort_unstable_by_key(|x| x.id);
        l.dedup_by(|next, kept| {
            let same = next.id == kept.id;
            if same {
                kept.days.from = kept.days.from.min(next.days.from);
                kept.days.until = kept.days.until.max(next.days.until);
            }
            same
        });
    }
    let mut w = Vec::new();
    let mut at = 0u32;
    w.extend_from_slice(&at.to_le_bytes());
    for l in &per {
        at += l.len() as u32;
        w.extend_from_slice(&at.to_le_bytes());
    }
    for x in per.iter().flatten() {
        w.extend_from_slice(&x.id.to_le_bytes());
        w.extend_from_slice(&x.days.from.to_le_bytes());
        w.extend_from_slice(&x.days.until.to_le_bytes());
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
                .map(move |iv| (iv.value.index(), i as u32, Days::of(iv)))
        }),
    );
    // The units each role headed, as the reporting rule reads them
    // (`heading_spans`; a role heads a unit on a day only within one).
    sections[HEADS] = lists(
        h.units.len(),
        roles.clone().flat_map(|(i, r)| {
            heading_spans(r).into_iter().map(move |(u, from, until)| {
                (u.index(), i as u32, Days::between(&from, until.as_ref()))
            })
        }),
    );
    sections[CHILDREN] = lists(
        h.units.len(),
        h.units.iter().enumerate().flat_map(|(i, u)| {
            u.parent
                .intervals()
                .iter()
                .map(move |iv| (iv.value.index(), i as u32, Days::of(iv)))
        }),
    );
    sections[EXPLICIT_TO] = lists(
        h.roles.len(),
        roles.clone().flat_map(|(i, r)| {
            r.rare
                .line
                .intervals()
                .iter()
                .map(move |iv| (iv.value.index(), i as u32, Days::of(iv)))
        }),
    );
    sections[DOTTED_TO] = lists(
        h.roles.len(),
        roles.flat_map(|(i, r)| {
            r.rare
                .dotted
                .iter()
                .map(move |iv| (iv.value.index(), i as u32, Days::of(iv)))
        }),
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
        // Mapped, not read: most of it is the blocks' checksums, of which
        // a question reads few.
        let head = Arc::new(index.whole_at(0, usize::try_from(len).ok()?)?);
        if head.len() as u64 != len || head[..24] != prefix {
            return None;
        }
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
            sums.push(Sums::new(head.clone(), at..end)?);
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
        // The roles' and the people's sections are read in halves: the
        // first record of each second half, by where it starts.
        let mut halves = [(0, 0); 2];
        for (half, (kind, &(from, _))) in halves.iter_mut().zip([(1, &bounds[1]), (2, &bounds[2])])
        {
            let k = self.counts[kind] / 2;
            let i = self.counts[..kind].iter().sum::<usize>() + k;
            let b = self.section(STARTS, 8 * i as u64, 8 * i as u64 + 8)?;
            *half = (k, usize::try_from(u64_at(&b, 0)?.checked_sub(from)?).ok()?);
        }
        let (bytes, at) = self.payload.bulk(&mut self.history, start, end)?;
        let at = |x: u64| at + (x - start) as usize;
        let part = |(from, to): (u64, u64)| &bytes[at(from)..at(to)];
        let lists = &bytes[at(start)..at(bounds[0].0 - 8)];
        let sections = [part(bounds[0]), part(bounds[1]), part(bounds[2])];
        store::decode_records(lists, sections, halves, files, self.counts[3], kept)
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
    fn list(&mut self, s: usize, n: usize, i: usize) -> Option<Vec<Item>> {
        if i >= n {
            return None;
        }
        let (from, to) = (self.u32_at(s, i as u64)?, self.u32_at(s, i as u64 + 1)?);
        let items = 4 * (n as u64 + 1);
        let b = self.section(
            s,
            items + ITEM * u64::from(from),
            items + ITEM * u64::from(to),
        )?;
        let int = |c: &[u8]| [c[0], c[1], c[2], c[3]];
        Some(
            b.chunks_exact(ITEM as usize)
                .map(|c| Item {
                    id: u32::from_le_bytes(int(c)),
                    days: Days {
                        from: i32::from_le_bytes(int(&c[4..])),
                        until: i32::from_le_bytes(int(&c[8..])),
                    },
                })
                .collect(),
        )
    }

    /// The records of list `i` of section `s` (of records of a kind with
    /// `of` of them), those tied to it on day `on` when there is one.
    fn ids<T>(
        &mut self,
        s: usize,
        i: usize,
        on: Option<chrono::NaiveDate>,
        of: usize,
        make: impl Fn(usize) -> T,
    ) -> Option<Vec<T>> {
        let n = match s {
            ROLES_IN | HEADS | CHILDREN => self.counts[0],
            _ => self.counts[1],
        };
        let l = self.list(s, n, i)?;
        l.into_iter()
            .filter(|x| on.is_none_or(|day| x.days.touches(day)))
            .map(|x| ((x.id as usize) < of).then(|| make(x.id as usize)))
            .collect()
    }

    /// The roles ever in unit `u`, or in it on day `on`.
    pub fn roles_in(&mut self, u: UnitId, on: Option<chrono::NaiveDate>) -> Option<Vec<RoleId>> {
        self.ids(ROLES_IN, u.index(), on, self.counts[1], RoleId::new)
    }

    /// The roles that ever headed unit `u`, or headed it on day `on`.
    pub fn heads_of(&mut self, u: UnitId, on: Option<chrono::NaiveDate>) -> Option<Vec<RoleId>> {
        self.ids(HEADS, u.index(), on, self.counts[1], RoleId::new)
    }

    /// The units ever under `u`, or under it on day `on`.
    pub fn children_of(&mut self, u: UnitId, on: Option<chrono::NaiveDate>) -> Option<Vec<UnitId>> {
        self.ids(CHILDREN, u.index(), on, self.counts[0], UnitId::new)
    }

    /// The roles whose explicit line ever went to `r`, or goes to it on
    /// day `on`.
    pub fn explicit_to(&mut self, r: RoleId, on: Option<chrono::NaiveDate>) -> Option<Vec<RoleId>> {
        self.ids(EXPLICIT_TO, r.index(), on, self.counts[1], RoleId::new)
    }

    /// The roles whose dotted line ever went to `r`.
    pub fn dotted_to(&mut self, r: RoleId) -> Option<Vec<RoleId>> {
        self.ids(DOTTED_TO, r.index(), None, self.counts[1], RoleId::new)
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
    /// and lowercased does, the first `most` of them (in the order of
    /// their kinds and ids): a caller asking whether one record answers
    /// reads two, however many share the name (100,000 roles titled
    /// "Engineer").
    pub fn named(&mut self, query: &str, most: usize) -> Option<Vec<Named>> {
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
            if out.len() == most {
                break;
            }
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
            // Sorted by hash and then record, so a repeat is the last.
            if out.last() != Some(&named) {
                out.push(named);
            }
        }
        Some(out)
    }
}
