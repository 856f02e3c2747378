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
    Rare, Role, Seats, SourceList, Stamp, Subject, Tenure, Timeline, Unit,
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
}

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
    line,
    top,
    holder,
    unrecorded,
    seats,
    extra,
    attributes,
    dotted,
});
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
        let first = NaiveDate::from_num_days_from_ce_opt(days)?;
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
mod tests {
    use super::{decode, encode};

    #[test]
    fn a_history_reads_back_as_written() {
        let p = orgctl_synth::Params {
            people: 300,
            years: 5,
            ..Default::default()
        };
        // Dotted lines, declared and by both ops.
        let dotted = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"a\"\nhead = true\n\
            [[role]]\nid = \"cfo\"\ntitle = \"CFO\"\nunit = \"a\"\ndotted = [\"ceo\"]\n[[event]]\ndate = 2024-01-01\n\
            changes = [{ op = \"dotted\", role = \"ceo\", to = \"cfo\" }, { op = \"undotted\", role = \"cfo\", to = \"ceo\" }]\n";
        let dotted = vec![("org.toml".into(), dotted.to_string())];
        for files in [
            crate::load::bundled::files(),
            orgctl_synth::generate(&p).0,
            dotted,
        ] {
            let h = crate::load::load_texts(files).expect("valid");
            let bytes = encode(&h);
            let back = decode(&bytes).expect("decoded");
            assert_eq!(format!("{h:?}"), format!("{back:?}"));
            // Cut short or changed, it is refused, never misread into a panic.
            assert!(decode(&bytes[..bytes.len() - 1]).is_none());
            for at in [0, 7, bytes.len() / 3, bytes.len() / 2, bytes.len() - 2] {
                let mut bad = bytes.clone();
                bad[at] ^= 0xff;
                let _ = decode(&bad);
            }
        }
    }

    #[test]
    fn a_changed_byte_anywhere_is_refused_or_read_never_a_panic() {
        let h = crate::load::load_texts(crate::load::bundled::files()).expect("valid");
        let bytes = encode(&h);
        for at in (0..bytes.len()).step_by(37) {
            for flip in [0x01, 0xff] {
                let mut bad = bytes.clone();
                bad[at] ^= flip;
                if let Some(back) = decode(&bad) {
                    assert_eq!(back.events.len(), h.events.len(), "flipped at {at}");
                }
            }
        }
    }

    #[test]
    fn an_id_past_the_records_of_its_kind_is_refused() {
        use crate::ids::{PersonId, RoleId, UnitId};
        let text = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[person]]\nid = \"ann\"\nname = \"Ann\"\n\
                    [[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"a\"\nhead = true\nholder = \"ann\"\n\
                    [[event]]\ndate = 2024-01-01\nsources = [\"memo\"]\n\
                    changes = [{ op = \"rename\", unit = \"a\", name = \"B\" }]\n";
        let load =
            || crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
        assert!(decode(&encode(&load())).is_some());
        type Break = fn(&mut crate::timeline::History);
        let broken: [(&str, Break); 5] = [
            ("a role's unit", |h| {
                h.roles[0].unit.intervals[0].value = UnitId::new(1)
            }),
            ("a holder", |h| {
                h.roles[0].holder.intervals[0].value.person = PersonId::new(1)
            }),
            ("a tenure's role", |h| {
                h.people[0].tenures[0].role = RoleId::new(1)
            }),
            ("a tenure's interval", |h| h.people[0].tenures[0].index = 1),
            ("an event's sources", |h| {
                h.events[0].sources = crate::timeline::SourceList(9)
            }),
        ];
        for (what, breaks) in broken {
            let mut bad = load();
            breaks(&mut bad);
            assert!(
                decode(&encode(&bad)).is_none(),
                "{what} out of range was read"
            );
        }
    }

    #[test]
    fn a_succession_and_a_spin_off_read_back_as_written() {
        let text = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[unit]]\nid = \"b\"\nname = \"B\"\nparent = \"a\"\n\
                    [[unit]]\nid = \"c\"\nname = \"C\"\nparent = \"a\"\nsince = 2023-06-05\n\
                    [[event]]\ndate = 2023-06-02\nchanges = [{ op = \"dissolve\", unit = \"b\", into = \"c\" }]\n\
                    [[event]]\ndate = 2023-07-01\nchanges = [{ op = \"move\", unit = \"c\", to = \"\" }]\n";
        let h =
            crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
        let back = decode(&encode(&h)).expect("decoded");
        assert!(back.units[1].succession);
        assert_eq!(format!("{h:?}"), format!("{back:?}"));
    }

    #[test]
    fn names_and_aliases_over_time_read_back_as_written() {
        let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\naka = [\"ACME Corp\"]\n\n\
                    [[person]]\nid = \"smith\"\nname = \"Sir John Smith\"\n\n\
                    [[event]]\ndate = 2023-06-01\nchanges = [\n\
                    { op = \"rename\", person = \"smith\", name = \"Lord Smith\" },\n\
                    { op = \"alias\", person = \"smith\", name = \"Sir John\" },\n\
                    { op = \"unalias\", unit = \"acme\", name = \"ACME Corp\" },\n]\n";
        let h =
            crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
        let back = decode(&encode(&h)).expect("decoded");
        assert_eq!(back.people[0].name.intervals().len(), 2);
        assert_eq!(back.people[0].notes.aliases.len(), 1);
        assert!(back.units[0].notes.aliases[0].until.is_some());
        assert_eq!(format!("{h:?}"), format!("{back:?}"));
    }

    #[test]
    fn a_window_reads_back_as_written() {
        let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\n\n\
                    [[event]]\ndate = \"2023-01-31/2023-02-28\"\nreported = \"2023-03-01/2023-03-15\"\n\
                    changes = [{ op = \"set\", unit = \"acme\", key = \"k\", value = \"v\" }]\n\n\
                    [[event]]\ndate = 2023-04-01\nnote = \"a note\"\n\
                    changes = [{ op = \"set\", unit = \"acme\", key = \"k\", value = \"\" }]\n";
        let h =
            crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
        let back = decode(&encode(&h)).expect("decoded");
        let ev = &back.events[0];
        assert_eq!(ev.date.to_string(), "2023-01-31/2023-02-28");
        assert_eq!(
            ev.reported().map(|d| d.to_string()).as_deref(),
            Some("2023-03-01/2023-03-15")
        );
        assert_eq!((ev.note(), back.events[1].note()), (None, Some("a note")));
        assert_eq!(back.events[1].reported(), None);
        assert_eq!(format!("{h:?}"), format!("{back:?}"));
    }

    #[test]
    fn the_seats_of_a_role_read_back_as_written() {
        let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\n\n\
                    [[person]]\nid = \"ann\"\nname = \"Ann\"\n\n\
                    [[person]]\nid = \"bob\"\nname = \"Bob\"\n\n\
                    [[role]]\nid = \"board\"\ntitle = \"Director\"\nunit = \"acme\"\nseats = 3\nholder = \"ann\"\n\n\
                    [[role]]\nid = \"whip\"\ntitle = \"Whip\"\nunit = \"acme\"\nseats = \"any\"\n\n\
                    [[event]]\ndate = 2023-01-01\nchanges = [\n\
                    { op = \"appoint\", person = \"bob\", role = \"board\" },\n\
                    { op = \"appoint\", person = \"ann\", role = \"whip\" },\n\
                    { op = \"appoint\", person = \"bob\", role = \"whip\" },\n]\n";
        let h =
            crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
        let back = decode(&encode(&h)).expect("decoded");
        assert_eq!(back.roles[0].seats.to_string(), "3");
        assert_eq!(back.roles[1].seats.to_string(), "any");
        assert_eq!(back.roles[1].extra.len(), 1);
        assert_eq!(back.people[1].tenures.len(), 2);
        assert_eq!(format!("{h:?}"), format!("{back:?}"));
    }
}
