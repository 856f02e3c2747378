//! A compact binary form of a replayed [`History`], for the cache of
//! replayed histories (`crate::cache`): written after a cold load, read
//! instead of parsing and replaying when no data file has changed.
//!
//! The format is private to one orgctl version (the cache key includes
//! it): fixed-width little-endian numbers, strings and lists with their
//! length first. Reading never trusts the bytes: any inconsistency (a
//! length past the end, an unknown tag, invalid UTF-8, an id out of range)
//! gives `None`, and the history is rebuilt from the files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::dates::{PartialDate, Precision, Qualifier};
use crate::ids::{EventId, FileId, Key, PersonId, RoleId, UnitId};

use crate::timeline::{
    Declared, Event, History, Holding, Interval, Loc, Named, NoteFields, Notes, Origin, Person,
    Rare, RareFactFields, RareFacts, Role, Seats, SourceList, Stamp, Subject, Tenure, Timeline,
    Unit,
};

mod change;
mod consistent;
mod decode;

pub use decode::{Records, decode, decode_records};

/// How many pieces the events are written in, to be read on every core.
const EVENT_PIECES: usize = 8;

/// Writes the history: its files, then units, roles, people and the
/// events in [`EVENT_PIECES`] pieces, each section with its length first.
pub fn encode(h: &History) -> Vec<u8> {
    encode_with_starts(h).0
}

/// Where the parts of what [`encode`] wrote start.
pub struct Starts {
    /// Each record (the units, roles, people and events in their order),
    /// then the length of the whole.
    pub records: Vec<u64>,
    /// The end of the files, then each source list, then their end: a
    /// question about one person reads only the lists its events cite.
    pub lists: Vec<u64>,
}

/// [`encode`], with where each part starts in it.
pub(crate) fn encode_with_starts(h: &History) -> (Vec<u8>, Starts) {
    let mut w = Vec::with_capacity(1 << 20);
    h.files.put(&mut w);
    // The lists as `h.source_lists.put` writes them, each one's start noted.
    let (bytes, at) = section(&h.source_lists);
    let base = w.len() as u64;
    let mut lists = Vec::with_capacity(at.len() + 2);
    lists.push(base);
    lists.extend(at.into_iter().map(|a| base + a as u64));
    w.extend_from_slice(&bytes);
    lists.push(w.len() as u64);
    let chunk = h.events.len().div_ceil(EVENT_PIECES).max(1);
    let mut sections: Vec<(Vec<u8>, Vec<usize>)> =
        vec![section(&h.units), section(&h.roles), section(&h.people)];
    let mut pieces: Vec<&[Event]> = h.events.chunks(chunk).collect();
    pieces.resize(EVENT_PIECES, &[]);
    sections.extend(pieces.into_iter().map(section));
    let mut starts =
        Vec::with_capacity(h.units.len() + h.roles.len() + h.people.len() + h.events.len() + 1);
    for (s, at) in sections {
        (s.len() as u64)
            .to_le_bytes()
            .iter()
            .for_each(|b| w.push(*b));
        let base = w.len() as u64;
        starts.extend(at.into_iter().map(|a| base + a as u64));
        w.extend_from_slice(&s);
    }
    starts.push(w.len() as u64);
    let starts = Starts {
        records: starts,
        lists,
    };
    (w, starts)
}

/// The bytes of `items`, and where each starts in them.
fn section<T: Bin>(items: &[T]) -> (Vec<u8>, Vec<usize>) {
    let mut w = Vec::with_capacity(items.len() * 64);
    let mut starts = Vec::with_capacity(items.len());
    items.len().put(&mut w);
    for item in items {
        starts.push(w.len());
        item.put(&mut w);
    }
    (w, starts)
}

/// One record as [`encode`] wrote it at the start of `bytes`.
pub(crate) fn decode_one<T: Bin>(bytes: &[u8]) -> Option<T> {
    T::get(&mut Reader::new(bytes, Bounds::ANY))
}

/// The number of records of each kind, that every id read must be below
/// (and of files and source lists).
#[derive(Clone, Copy)]
pub(crate) struct Bounds {
    units: usize,
    roles: usize,
    people: usize,
    events: usize,
    files: usize,
    source_lists: usize,
}

impl Bounds {
    /// No bound: for records read one by one, whose ids the reader checks.
    const ANY: Bounds = Bounds {
        units: usize::MAX,
        roles: usize::MAX,
        people: usize::MAX,
        events: usize::MAX,
        files: usize::MAX,
        source_lists: usize::MAX,
    };
}

pub struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    bounds: Bounds,
    /// Texts read lately that the history shares (events' titles), by a
    /// cheap mark of their bytes: a title read again is shared, not
    /// allocated again, as the replay shares it.
    shared: [Option<std::sync::Arc<str>>; SHARED],
    /// When only some events are read with the records (`at`'s history,
    /// [`decode_records`]): their ids, in order. A fact's origin is then
    /// the event's place in this list, or no event when it is not one.
    kept: Option<&'a [u32]>,
    /// Days read lately, by their number from the common era (`chrono`'s
    /// conversion of a number to a date divides, and a record's facts
    /// mostly begin on a few days): `DAYS` slots, by the number's low bits.
    days: [Option<(i32, NaiveDate)>; DAYS],
}

/// How many days a [`Reader`] remembers.
const DAYS: usize = 16;

/// How many shared texts a [`Reader`] remembers.
const SHARED: usize = 16;

impl<'a> Reader<'a> {
    fn new(b: &'a [u8], bounds: Bounds) -> Reader<'a> {
        Reader {
            b,
            i: 0,
            bounds,
            shared: [const { None }; SHARED],
            kept: None,
            days: [None; DAYS],
        }
    }

    /// The origin of a fact set by event `e` (checked against the events'
    /// count already): the event, renumbered when only some are read.
    fn event_origin(&self, e: EventId) -> Origin {
        let Some(kept) = self.kept else {
            return Origin::Event(e);
        };
        match kept.binary_search(&(e.index() as u32)) {
            Ok(i) => Origin::Event(EventId::new(i)),
            Err(_) => Origin::Declared(Declared::Nowhere),
        }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.i.checked_add(n)?;
        let s = self.b.get(self.i..end)?;
        self.i = end;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// The day numbered `days` from the common era, if there is one.
    fn day(&mut self, days: i32) -> Option<NaiveDate> {
        let slot = &mut self.days[days as usize % DAYS];
        match *slot {
            Some((n, day)) if n == days => Some(day),
            _ => {
                let day = NaiveDate::from_num_days_from_ce_opt(days)?;
                *slot = Some((days, day));
                Some(day)
            }
        }
    }

    /// A length, checked against the bytes left (each item takes at least
    /// `min` bytes), so a corrupt length cannot make a huge allocation.
    /// A text written by [`put_text`].
    fn text(&mut self) -> Option<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn len(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min.max(1)) <= self.b.len() - self.i).then_some(n)
    }
}

pub(crate) trait Bin: Sized {
    fn put(&self, w: &mut Vec<u8>);
    fn get(r: &mut Reader) -> Option<Self>;
}

impl Bin for u32 {
    fn put(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(&self.to_le_bytes());
    }
    fn get(r: &mut Reader) -> Option<Self> {
        r.u32()
    }
}

impl Bin for usize {
    fn put(&self, w: &mut Vec<u8>) {
        u32::try_from(*self).unwrap_or(u32::MAX).put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(r.u32()? as usize)
    }
}

impl Bin for bool {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Bin for () {
    fn put(&self, _: &mut Vec<u8>) {}
    fn get(_: &mut Reader) -> Option<Self> {
        Some(())
    }
}

/// A text: its length, then its bytes.
fn put_text(text: &str, w: &mut Vec<u8>) {
    text.len().put(w);
    w.extend_from_slice(text.as_bytes());
}

impl Bin for String {
    fn put(&self, w: &mut Vec<u8>) {
        put_text(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(r.text()?.to_owned())
    }
}

/// A text: its length and its bytes.
impl Bin for Box<str> {
    fn put(&self, w: &mut Vec<u8>) {
        put_text(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(r.text()?.into())
    }
}

/// A text that events share (their titles), written as a `Box<str>` is.
impl Bin for std::sync::Arc<str> {
    fn put(&self, w: &mut Vec<u8>) {
        put_text(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let text = r.text()?;
        let b = text.as_bytes();
        let mark = b.len() ^ usize::from(b.first().copied().unwrap_or(0)) << 3;
        let slot = &mut r.shared[mark % SHARED];
        match slot {
            Some(seen) if **seen == *text => Some(std::sync::Arc::clone(seen)),
            _ => Some(slot.insert(text.into()).clone()),
        }
    }
}

impl Bin for SourceList {
    fn put(&self, w: &mut Vec<u8>) {
        self.0.put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.u32()?;
        ((n as usize) < r.bounds.source_lists).then_some(SourceList(n))
    }
}

impl Bin for Key {
    fn put(&self, w: &mut Vec<u8>) {
        put_text(self.as_str(), w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(Key::new(r.text()?))
    }
}

impl Bin for PathBuf {
    fn put(&self, w: &mut Vec<u8>) {
        // Paths that are not UTF-8 are never cached (see `cache`).
        self.to_string_lossy().into_owned().put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(PathBuf::from(String::get(r)?))
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.u8()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}

/// A list: its length, then each item.
fn put_list<T: Bin>(items: &[T], w: &mut Vec<u8>) {
    items.len().put(w);
    for v in items {
        v.put(w);
    }
}

/// A list written by [`put_list`], made with room for all of it.
fn get_list<T: Bin, L: Extend<T>>(
    r: &mut Reader,
    with_capacity: impl FnOnce(usize) -> L,
) -> Option<L> {
    let n = r.len(1)?;
    let mut v = with_capacity(n);
    for _ in 0..n {
        v.extend(std::iter::once(T::get(r)?));
    }
    Some(v)
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, w: &mut Vec<u8>) {
        put_list(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        get_list(r, Vec::with_capacity)
    }
}

impl<T: Bin, const N: usize> Bin for smallvec::SmallVec<[T; N]> {
    fn put(&self, w: &mut Vec<u8>) {
        put_list(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        get_list(r, Self::with_capacity)
    }
}

impl<T: Bin> Bin for Box<[T]> {
    fn put(&self, w: &mut Vec<u8>) {
        put_list(self, w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Vec::<T>::get(r).map(Vec::into_boxed_slice)
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    fn put(&self, w: &mut Vec<u8>) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl<V: Bin> Bin for BTreeMap<String, V> {
    fn put(&self, w: &mut Vec<u8>) {
        self.len().put(w);
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.len(1)?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = String::get(r)?;
            m.insert(k, V::get(r)?);
        }
        (m.len() == n).then_some(m)
    }
}

/// An id, read only if it is below the number of records of its kind.
macro_rules! bin_id {
    ($($t:ident: $bound:ident),*) => {$(
        impl Bin for $t {
            fn put(&self, w: &mut Vec<u8>) {
                self.index().put(w);
            }
            fn get(r: &mut Reader) -> Option<Self> {
                let i = r.u32()? as usize;
                (i < r.bounds.$bound).then(|| $t::new(i))
            }
        }
    )*};
}

bin_id!(UnitId: units, RoleId: roles, PersonId: people, EventId: events, FileId: files);

macro_rules! bin_struct {
    ($t:ident $(<$g:ident>)? { $($f:ident),* $(,)? }) => {
        impl$(<$g: Bin>)? Bin for $t$(<$g>)? {
            fn put(&self, w: &mut Vec<u8>) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Reader) -> Option<Self> {
                Some($t { $($f: Bin::get(r)?,)* })
            }
        }
    };
}

/// An enum whose variants each hold one value: a tag byte, then it.
macro_rules! bin_tagged {
    ($ty:ident { $($tag:literal => $variant:ident($inner:ty)),+ $(,)? }) => {
        impl Bin for $ty {
            fn put(&self, w: &mut Vec<u8>) {
                match self {
                    $($ty::$variant(x) => {
                        w.push($tag);
                        x.put(w);
                    })+
                }
            }
            fn get(r: &mut Reader) -> Option<Self> {
                match r.u8()? {
                    $($tag => Some($ty::$variant(<$inner>::get(r)?)),)+
                    _ => None,
                }
            }
        }
    };
}

bin_tagged!(Subject { 0 => Unit(UnitId), 1 => Role(RoleId) });
bin_tagged!(Named { 0 => Person(PersonId), 1 => Unit(UnitId), 2 => Role(RoleId) });
bin_struct!(Loc {
    file,
    line,
    start,
    end
});
bin_struct!(Stamp { date, origin });
bin_struct!(Interval<T> { value, from, until });
bin_struct!(Timeline<T> { intervals });
bin_struct!(NoteFields {
    aliases,
    note,
    sources
});

impl Bin for Notes {
    fn put(&self, w: &mut Vec<u8>) {
        (**self).put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        NoteFields::get(r).map(Notes::from)
    }
}
bin_struct!(Holding { person, acting });
bin_struct!(Unit {
    key,
    declared,
    kind,
    notes,
    life,
    name,
    parent,
    attributes,
    dissolved_into,
    succession,
});
bin_struct!(Role {
    key,
    declared,
    notes,
    life,
    title,
    unit,
    head,
    holder,
    seats,
    rare,
});
bin_struct!(RareFactFields {
    line,
    top,
    unrecorded,
    extra,
    attributes,
    dotted,
});

/// A role without rare facts writes each empty.
impl Bin for RareFacts {
    fn put(&self, w: &mut Vec<u8>) {
        (**self).put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        RareFactFields::get(r).map(RareFacts::from)
    }
}
bin_struct!(Tenure { role, seat, index });

impl Bin for Seats {
    /// The number of seats; 0 for no limit.
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            Seats::Limit(n) => n.get().put(w),
            Seats::Any => 0u32.put(w),
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(match std::num::NonZeroU32::new(r.u32()?) {
            Some(n) => Seats::Limit(n),
            None => Seats::Any,
        })
    }
}
bin_struct!(Person {
    key,
    declared,
    name,
    notes,
    tenures,
    attributes,
});
/// Its `reported` date and `note`, each absent or there, as an event
/// without them writes them.
impl Bin for Rare {
    fn put(&self, w: &mut Vec<u8>) {
        self.reported().put(w);
        self.note().map(Box::<str>::from).put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(Rare::new(Bin::get(r)?, Bin::get(r)?))
    }
}
bin_struct!(Event {
    key,
    date,
    title,
    sources,
    rare,
    loc,
    changes,
    change_locs,
});

impl Bin for PartialDate {
    /// Its first day, precision and qualifier; a window, its span after.
    fn put(&self, w: &mut Vec<u8>) {
        use chrono::Datelike;
        (self.first_day().num_days_from_ce() as u32).put(w);
        w.push(self.precision() as u8);
        w.push(self.qualifier() as u8);
        if self.precision() == Precision::Window {
            w.extend_from_slice(&self.span().to_le_bytes());
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let days = r.u32()? as i32;
        let first = r.day(days)?;
        let precision = match r.u8()? {
            0 => Precision::Year,
            1 => Precision::Month,
            2 => Precision::Day,
            3 => Precision::Window,
            _ => return None,
        };
        let qualifier = match r.u8()? {
            0 => Qualifier::Exact,
            1 => Qualifier::Approximate,
            2 => Qualifier::Uncertain,
            _ => return None,
        };
        let span = match precision {
            Precision::Window => u16::from_le_bytes(r.take(2)?.try_into().ok()?),
            _ => 0,
        };
        PartialDate::from_parts(first, precision, qualifier, span)
    }
}

impl Bin for Origin {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            Origin::Declared(Declared::Unit(u)) => {
                w.push(0);
                u.put(w);
            }
            Origin::Declared(Declared::Role(r)) => {
                w.push(2);
                r.put(w);
            }
            Origin::Declared(Declared::Nowhere) => w.push(3),
            Origin::Declared(Declared::Person(p)) => {
                w.push(4);
                p.put(w);
            }
            Origin::Event(e) => {
                w.push(1);
                e.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.u8()? {
            0 => Some(Origin::Declared(Declared::Unit(UnitId::get(r)?))),
            1 => {
                let e = EventId::get(r)?;
                Some(r.event_origin(e))
            }
            2 => Some(Origin::Declared(Declared::Role(RoleId::get(r)?))),
            3 => Some(Origin::Declared(Declared::Nowhere)),
            4 => Some(Origin::Declared(Declared::Person(PersonId::get(r)?))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
