//! The replayed history: every fact about every record, with the interval
//! in which it held and what began and ended it.
//!
//! [`replay`] builds a [`History`] in one pass over the events, checking the
//! rules as it goes; queries then read facts at a day with a binary search
//! per fact, never re-scanning the events.

mod event;
pub mod lines;
mod replay;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::dates::PartialDate;
use crate::ids::{EventId, FileId, Key, PersonId, RoleId, UnitId};

pub use crate::records::input::Seats;
pub use event::{Attr, Change, Event, Named, Rare, SourceList, Subject};
pub use replay::{ReplayOptions, replay, replay_with};

/// The loaded, validated and replayed history of an organisation.
#[derive(Debug, Default)]
pub struct History {
    pub files: Vec<PathBuf>,
    pub units: Vec<Unit>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
    /// In replay order: by first day of their date, then load order.
    pub events: Vec<Event>,
    /// The lists of sources that events give, each stored once (events
    /// repeat them: "HRIS export, 2018-03"); see [`History::sources`].
    pub source_lists: Vec<Box<[Box<str>]>>,
    /// Set when loaded `--known-at` this day: the events reported after it
    /// were left out.
    pub known_at: Option<NaiveDate>,
}

/// Where a record or change is written: file, 1-based line, and the byte
/// range of the value (for diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

impl Loc {
    pub fn span(&self) -> crate::check::diag::Span {
        crate::check::diag::Span {
            file: self.file,
            range: self.start as usize..self.end as usize,
        }
    }
}

/// What established or ended a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The record's own declaration (`since`, `parent`, `reports_to`...);
    /// [`History::declared_loc`] says where it is written.
    Declared(Declared),
    /// A change of this event.
    Event(EventId),
}

/// The record whose declaration established a fact: an index rather than
/// its [`Loc`], so that a [`Stamp`] takes 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Unit(UnitId),
    Role(RoleId),
    /// A person's name or alias, from always.
    Person(PersonId),
    /// No record yet: the placeholder start of a name before its record
    /// exists (at file 0, line 0).
    Nowhere,
}

/// When and by what a fact began or ended. A `date` of `None` means
/// "before the first recorded event".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: Option<PartialDate>,
    pub origin: Origin,
}

impl Stamp {
    /// The day from which the fact holds; `None` sorts before every day.
    pub fn day(&self) -> Option<NaiveDate> {
        self.date.map(|d| d.first_day())
    }
}

/// One value of a fact, from `from` until `until` (exclusive; `None` = still).
#[derive(Debug, Clone, PartialEq)]
pub struct Interval<T> {
    pub value: T,
    pub from: Stamp,
    pub until: Option<Stamp>,
}

impl<T> Interval<T> {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.day() <= Some(day) && self.until.is_none_or(|u| u.day() > Some(day))
    }

    /// True when the fact began and ended on the same day. The state on a
    /// day includes every event of that day, so such a fact (a reshuffle
    /// written as several events on one day) held on no day: it is no fact
    /// of any answer, though the events that made and unmade it are.
    pub fn held_on_no_day(&self) -> bool {
        self.until.is_some_and(|u| u.day() == self.from.day())
    }

    /// True when the fact began on an imprecise date whose period holds `day`.
    pub fn is_uncertain_on(&self, day: NaiveDate) -> bool {
        self.from.date.is_some_and(|d| d.is_uncertain_on(day))
    }
}

/// The successive values of one fact. Intervals are appended in replay
/// order, so they are sorted by start and never overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<T> {
    pub(crate) intervals: Vec<Interval<T>>,
}

impl<T> Default for Timeline<T> {
    fn default() -> Self {
        Timeline {
            intervals: Vec::new(),
        }
    }
}

impl<T> Timeline<T> {
    /// The interval holding on `day`, if any.
    pub fn at(&self, day: NaiveDate) -> Option<&Interval<T>> {
        let n = self
            .intervals
            .partition_point(|iv| iv.from.day() <= Some(day));
        n.checked_sub(1)
            .map(|i| &self.intervals[i])
            .filter(|iv| iv.contains(day))
    }

    /// The value on `day`, if any.
    pub fn value_at(&self, day: NaiveDate) -> Option<&T> {
        self.at(day).map(|iv| &iv.value)
    }

    /// True when some interval began on or before `day`.
    pub fn began_by(&self, day: NaiveDate) -> bool {
        self.intervals
            .first()
            .is_some_and(|iv| iv.from.day() <= Some(day))
    }

    /// The open interval's value (the state during replay).
    pub fn current(&self) -> Option<&T> {
        self.intervals
            .last()
            .filter(|iv| iv.until.is_none())
            .map(|iv| &iv.value)
    }

    pub fn intervals(&self) -> &[Interval<T>] {
        &self.intervals
    }

    /// The value on `day`; else the last value before it; else the first.
    /// Names a record on a day when it did not exist.
    pub fn near(&self, day: NaiveDate) -> Option<&T> {
        let n = self
            .intervals
            .partition_point(|iv| iv.from.day() <= Some(day));
        n.checked_sub(1)
            .or(if self.intervals.is_empty() {
                None
            } else {
                Some(0)
            })
            .map(|i| &self.intervals[i].value)
    }

    /// The first interval that event `e` began.
    pub fn started_by(&self, e: EventId) -> Option<&Interval<T>> {
        self.intervals
            .iter()
            .find(|iv| iv.from.origin == Origin::Event(e))
    }

    /// The first interval that event `e` ended.
    pub fn ended_by(&self, e: EventId) -> Option<&Interval<T>> {
        self.intervals
            .iter()
            .find(|iv| iv.until.is_some_and(|u| u.origin == Origin::Event(e)))
    }

    /// Ends the open interval, if any, and opens one with `value`.
    /// Returns the index of the new interval.
    pub(crate) fn begin(&mut self, value: T, stamp: Stamp) -> usize {
        self.end(stamp);
        // Most facts never change: room for exactly one interval, rather
        // than the four a first push makes room for (millions of
        // timelines); then growth as usual.
        if self.intervals.capacity() == 0 {
            self.intervals.reserve_exact(1);
        }
        self.intervals.push(Interval {
            value,
            from: stamp,
            until: None,
        });
        self.intervals.len() - 1
    }

    /// Ends the open interval, if any.
    pub(crate) fn end(&mut self, stamp: Stamp) {
        if let Some(last) = self.intervals.last_mut()
            && last.until.is_none()
        {
            last.until = Some(stamp);
        }
    }
}

/// Free attributes (`set`), by key.
pub type Attributes = BTreeMap<String, Timeline<String>>;

/// The attributes holding on `day`, sorted by key.
pub fn attributes_at(attrs: &Attributes, day: NaiveDate) -> BTreeMap<&str, &str> {
    attrs
        .iter()
        .filter_map(|(k, t)| t.value_at(day).map(|v| (k.as_str(), v.as_str())))
        .collect()
}

/// Text that every record may carry, read as [`NoteFields`]. Most records
/// carry none, so the fields are boxed: half a million records hold a
/// pointer each rather than three empty lists (72 bytes).
#[derive(Debug, Clone, Default)]
pub struct Notes(Option<Box<NoteFields>>);

/// The fields of [`Notes`].
#[derive(Debug, Clone, Default)]
pub struct NoteFields {
    /// Every alias with when it held, by start: the declared ones from
    /// always (until an `unalias`), then those of `alias` changes. Several
    /// intervals may carry one name (an alias dropped and given again).
    pub aliases: Vec<Interval<String>>,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

/// The fields of a record without notes.
static NO_NOTES: NoteFields = NoteFields {
    aliases: Vec::new(),
    note: None,
    sources: Vec::new(),
};

impl std::ops::Deref for Notes {
    type Target = NoteFields;
    fn deref(&self) -> &NoteFields {
        self.0.as_deref().unwrap_or(&NO_NOTES)
    }
}

/// Writing the fields boxes them.
impl std::ops::DerefMut for Notes {
    fn deref_mut(&mut self) -> &mut NoteFields {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<NoteFields> for Notes {
    fn from(f: NoteFields) -> Notes {
        Notes((!f.is_empty()).then(|| Box::new(f)))
    }
}

#[derive(Debug)]
pub struct Unit {
    pub key: Key,
    pub declared: Loc,
    pub kind: Option<String>,
    pub notes: Notes,
    /// One interval: from creation to dissolution.
    pub life: Timeline<()>,
    pub name: Timeline<String>,
    /// Gaps mean a top-level unit.
    pub parent: Timeline<UnitId>,
    pub attributes: Attributes,
    /// Where it went when it was dissolved with `into`.
    pub dissolved_into: Option<UnitId>,
    /// True when `dissolved_into` is a successor created later: it did not
    /// exist yet when this unit was dissolved (whose units and roles had to
    /// be moved or ended first).
    pub succession: bool,
}

#[derive(Debug)]
pub struct Role {
    pub key: Key,
    pub declared: Loc,
    pub notes: Notes,
    pub life: Timeline<()>,
    pub title: Timeline<String>,
    pub unit: Timeline<UnitId>,
    /// Whether the role heads its unit; `false` after a dissolve moved it.
    pub head: Timeline<bool>,
    /// The first seat's holders. Gaps mean vacant (or, before the first
    /// holder, unrecorded).
    pub holder: Timeline<Holding>,
    /// How many people hold it at once (`seats`; one without).
    pub seats: Seats,
    /// Its explicit line, top marker, unrecorded holders, other seats,
    /// attributes and dotted lines, which few roles have.
    pub rare: RareFacts,
}

/// The facts of a role that few roles have, read as [`RareFactFields`]:
/// boxed, as [`Notes`] are, so that a role without any holds a pointer
/// rather than six empty lists (144 bytes; 23 MB of generated L's 168,000
/// roles, a tenth of what `at` reads from the cache).
#[derive(Debug, Default)]
pub struct RareFacts(Option<Box<RareFactFields>>);

/// The fields of [`RareFacts`].
#[derive(Debug, Default)]
pub struct RareFactFields {
    /// The explicit reporting line; gaps mean "derived from the units"
    /// (or the top marker).
    pub line: Timeline<RoleId>,
    /// The top marker (`top = true`): while it holds, the role reports to
    /// nobody. Never at once with an explicit line.
    pub top: Timeline<()>,
    /// While it holds, the role's holder is not known (`op =
    /// "unrecorded"`, until the next `appoint`): a gap in the holders
    /// that is not a vacancy.
    pub unrecorded: Timeline<()>,
    /// The holders of its other seats, seat 1 first: empty for a role of
    /// one seat. A seat is a timeline of its own (its holders never
    /// overlap); an appointment takes the lowest free seat.
    pub extra: Vec<Timeline<Holding>>,
    pub attributes: Attributes,
    /// Its dotted lines (secondary reporting lines, never part of the
    /// chain of command), each to the role it names, in the order they
    /// began; several may hold at once.
    pub dotted: Vec<Interval<RoleId>>,
}

/// The fields of a role without rare facts.
static NO_RARE_FACTS: RareFactFields = RareFactFields {
    line: Timeline {
        intervals: Vec::new(),
    },
    top: Timeline {
        intervals: Vec::new(),
    },
    unrecorded: Timeline {
        intervals: Vec::new(),
    },
    extra: Vec::new(),
    attributes: BTreeMap::new(),
    dotted: Vec::new(),
};

impl std::ops::Deref for RareFacts {
    type Target = RareFactFields;
    fn deref(&self) -> &RareFactFields {
        self.0.as_deref().unwrap_or(&NO_RARE_FACTS)
    }
}

impl RareFacts {
    /// The fields, to change, if the role has any: what only ends facts
    /// (of which a role without them has none) need not box them.
    pub(crate) fn existing_mut(&mut self) -> Option<&mut RareFactFields> {
        self.0.as_deref_mut()
    }
}

/// Writing the fields boxes them: write only what is there to write (see
/// [`RareFacts::existing_mut`]).
impl std::ops::DerefMut for RareFacts {
    fn deref_mut(&mut self) -> &mut RareFactFields {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<RareFactFields> for RareFacts {
    fn from(f: RareFactFields) -> RareFacts {
        RareFacts((!f.is_empty()).then(|| Box::new(f)))
    }
}

impl RareFactFields {
    /// Whether the role has none of these facts.
    pub fn is_empty(&self) -> bool {
        self.line.intervals.is_empty()
            && self.top.intervals.is_empty()
            && self.unrecorded.intervals.is_empty()
            && self.extra.is_empty()
            && self.attributes.is_empty()
            && self.dotted.is_empty()
    }
}

impl Role {
    /// The holders of seat `seat` (0 is [`Role::holder`]).
    pub fn seat(&self, seat: u32) -> &Timeline<Holding> {
        match seat {
            0 => &self.holder,
            s => &self.rare.extra[s as usize - 1],
        }
    }

    pub(crate) fn seat_mut(&mut self, seat: u32) -> &mut Timeline<Holding> {
        match seat {
            0 => &mut self.holder,
            s => &mut self.rare.extra[s as usize - 1],
        }
    }

    /// Every seat's holders, seat 0 first.
    pub fn seat_timelines(&self) -> impl Iterator<Item = &Timeline<Holding>> {
        std::iter::once(&self.holder).chain(&self.rare.extra)
    }

    /// Everyone holding it on `day`, by the day they took it, then seat.
    pub fn holders_at(&self, day: NaiveDate) -> Vec<&Interval<Holding>> {
        let mut out: Vec<&Interval<Holding>> =
            self.seat_timelines().filter_map(|t| t.at(day)).collect();
        if out.len() > 1 {
            out.sort_by_key(|iv| iv.from.day());
        }
        out
    }

    /// Whether anyone held it on or before `day` (known or not: an `op =
    /// "unrecorded"` began by then) and its holder is recorded on `day`
    /// (no `op = "unrecorded"` holds), or it came back by then: a role
    /// nobody holds on `day` is then vacant, not unrecorded.
    pub fn held_by(&self, day: NaiveDate) -> bool {
        self.rare.unrecorded.at(day).is_none()
            && (self.rare.unrecorded.began_by(day)
                || self.seat_timelines().any(|t| t.began_by(day))
                || self.came_back_by(day))
    }

    /// The unit it heads on `day`, as `State` reads it: it exists on the
    /// day, is in that unit and marked head.
    pub fn heads_on(&self, day: NaiveDate) -> Option<UnitId> {
        self.life.at(day)?;
        let unit = self.unit.value_at(day).copied()?;
        (self.head.value_at(day) == Some(&true)).then_some(unit)
    }

    /// Whether it came back by `day` (a `create` after its end): it comes
    /// back vacant, whether or not it was ever held before.
    pub fn came_back_by(&self, day: NaiveDate) -> bool {
        (self.life.intervals().get(1)).is_some_and(|l| l.from.day() <= Some(day))
    }
}

/// Who holds a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub person: PersonId,
    pub acting: bool,
}

#[derive(Debug)]
pub struct Person {
    pub key: Key,
    pub declared: Loc,
    /// The declared name from always; `rename` changes it from a date on.
    pub name: Timeline<String>,
    pub notes: Notes,
    /// Every role the person held, in the order taken.
    pub tenures: Vec<Tenure>,
    /// Dated attributes (`set` on a person: level, cost centre, location...).
    pub attributes: Attributes,
}

/// One holding of a role by a person: the role, its seat and the index of
/// the interval in that seat's timeline ([`History::tenure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenure {
    pub role: RoleId,
    pub seat: u32,
    pub index: u32,
}

impl Unit {
    /// When it first came into existence, if ever.
    pub fn created(&self) -> Option<Stamp> {
        self.life.intervals().first().map(|iv| iv.from)
    }

    /// When it was last dissolved, if it was.
    pub fn dissolved(&self) -> Option<Stamp> {
        self.life.intervals().last().and_then(|iv| iv.until)
    }

    /// Every name it answers to besides its id: its names over time, then
    /// its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let names = self.name.intervals().iter().map(|iv| iv.value.as_str());
        names.chain(self.notes.declared_aka())
    }
}

impl Role {
    /// Every name it answers to besides its id: its titles over time, then
    /// its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let titles = self.title.intervals().iter().map(|iv| iv.value.as_str());
        titles.chain(self.notes.declared_aka())
    }

    /// The roles it reports to by a dotted line on `day`, each with the
    /// interval of the line (in the order the lines began).
    pub fn dotted_at(&self, day: NaiveDate) -> impl Iterator<Item = &Interval<RoleId>> {
        self.rare.dotted.iter().filter(move |iv| iv.contains(day))
    }
}

impl Person {
    /// Every name they answer to besides their id: their names over time,
    /// then their aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let names = self.name.intervals().iter().map(|iv| iv.value.as_str());
        names.chain(self.notes.declared_aka())
    }
}

impl History {
    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id.index()]
    }

    pub fn role(&self, id: RoleId) -> &Role {
        &self.roles[id.index()]
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.index()]
    }

    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    /// The interval of a tenure.
    pub fn tenure(&self, t: Tenure) -> &Interval<Holding> {
        &self.role(t.role).seat(t.seat).intervals()[t.index as usize]
    }

    /// Where a declaration that began or ended a fact is written.
    pub fn declared_loc(&self, d: Declared) -> Loc {
        let nowhere = Loc {
            file: FileId::new(0),
            line: 0,
            start: 0,
            end: 0,
        };
        match d {
            Declared::Unit(u) => self.units.get(u.index()).map_or(nowhere, |u| u.declared),
            Declared::Role(r) => self.roles.get(r.index()).map_or(nowhere, |r| r.declared),
            Declared::Person(p) => self.people.get(p.index()).map_or(nowhere, |p| p.declared),
            Declared::Nowhere => nowhere,
        }
    }

    /// The sources an event gives, in the order written.
    pub fn sources(&self, e: &Event) -> &[Box<str>] {
        self.source_lists
            .get(e.sources.0 as usize)
            .map_or(&[], |l| l)
    }

    /// The first dated day of the record: the earliest of the first
    /// event's date and the units' and roles' `since`. `None` when nothing
    /// is dated (every record holds from always).
    pub fn record_start(&self) -> Option<PartialDate> {
        let lives = self.units.iter().map(|u| &u.life);
        let lives = lives.chain(self.roles.iter().map(|r| &r.life));
        let since = lives.filter_map(|l| l.intervals().first().and_then(|iv| iv.from.date));
        let first = self.events.first().map(|e| e.date);
        since.chain(first).min_by_key(|d| d.first_day())
    }

    /// The latest event whose date starts on or before `day`.
    pub fn latest_event_by(&self, day: NaiveDate) -> Option<EventId> {
        let n = self.events.partition_point(|e| e.date.first_day() <= day);
        n.checked_sub(1).map(EventId::new)
    }

    /// The events whose date starts after `from` and on or before `to`.
    pub fn events_between(&self, from: NaiveDate, to: NaiveDate) -> std::ops::Range<usize> {
        let start = self.events.partition_point(|e| e.date.first_day() <= from);
        let end = self.events.partition_point(|e| e.date.first_day() <= to);
        start..end.max(start)
    }

    /// The unit's name on `day`, or its latest name before it.
    pub fn unit_name(&self, id: UnitId, day: NaiveDate) -> &str {
        name_near(&self.unit(id).name, day)
    }

    /// The person's name on `day` (their declared name before any rename).
    pub fn person_name(&self, id: PersonId, day: NaiveDate) -> &str {
        name_near(&self.person(id).name, day)
    }

    /// The notes of a person, unit or role.
    pub fn notes(&self, n: Named) -> &Notes {
        match n {
            Named::Person(p) => &self.person(p).notes,
            Named::Unit(u) => &self.unit(u).notes,
            Named::Role(r) => &self.role(r).notes,
        }
    }

    /// The role's title on `day`, or its latest title before it.
    pub fn role_title(&self, id: RoleId, day: NaiveDate) -> &str {
        name_near(&self.role(id).title, day)
    }
}

/// The value on `day`; else the last value before it; else the first one.
fn name_near(t: &Timeline<String>, day: NaiveDate) -> &str {
    t.near(day).map_or("", String::as_str)
}

impl Person {
    /// The person's latest name: where no day applies.
    pub fn latest_name(&self) -> &str {
        self.name
            .intervals()
            .last()
            .map_or("", |iv| iv.value.as_str())
    }
}

impl NoteFields {
    /// Whether there are none: no alias, note or source.
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty() && self.note.is_none() && self.sources.is_empty()
    }

    /// The aliases declared with the record (`aka`), as written, whether
    /// or not an `unalias` dropped them later.
    pub fn declared_aka(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .filter(|iv| matches!(iv.from.origin, Origin::Declared(_)))
            .map(|iv| iv.value.as_str())
    }

    /// The aliases holding on `day`, in the order they began.
    pub fn aliases_on(&self, day: NaiveDate) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .filter(move |iv| iv.contains(day))
            .map(|iv| iv.value.as_str())
    }

    /// The aliases holding now (at the end of the history).
    pub fn aliases_now(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .filter(|iv| iv.until.is_none())
            .map(|iv| iv.value.as_str())
    }
}

impl Declared {
    /// The declaration of a unit or role.
    pub fn of(s: Subject) -> Self {
        match s {
            Subject::Unit(u) => Declared::Unit(u),
            Subject::Role(r) => Declared::Role(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stamp;

    /// A stamp starts and ends every interval of every fact: a date that
    /// may be a window keeps it at 16 bytes.
    #[test]
    fn a_stamp_takes_16_bytes() {
        assert_eq!(std::mem::size_of::<Stamp>(), 16);
    }
}
