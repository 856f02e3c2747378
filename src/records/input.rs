//! The records of one file in compact form: what the replay reads.
//!
//! One `String` per value and eleven optional fields per change would take
//! several times the size of the text; kept for every file of a large
//! history that would dominate memory. So the reader (`records::reader`)
//! builds a [`FileInput`] directly: every string goes into one arena per
//! file, every value keeps its byte range in the file, and a change stores
//! only the fields it has.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::check::diag::{Position, SourceMap};
use crate::dates::PartialDate;
use crate::ids::FileId;

/// A string value: where its text is in the arena, and the byte range of
/// the value in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str {
    at: u32,
    len: u32,
    pub start: u32,
    pub end: u32,
}

impl Str {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value of another type, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Val<T> {
    pub value: T,
    pub start: u32,
    pub end: u32,
}

impl<T> Val<T> {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A string value of a change as written, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    pub text: &'a str,
    pub start: u32,
    pub end: u32,
}

impl<'a> Field<'a> {
    pub fn get_ref(&self) -> &'a str {
        self.text
    }

    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One change as written: its byte range, `op`, and the fields it has.
#[derive(Debug, Clone, Copy)]
pub struct ChangeView<'a> {
    pub start: u32,
    pub end: u32,
    pub op: Field<'a>,
    pub unit: Option<Field<'a>>,
    pub role: Option<Field<'a>>,
    pub person: Option<Field<'a>>,
    pub into: Option<Field<'a>>,
    pub to: Option<Field<'a>>,
    pub name: Option<Field<'a>>,
    pub title: Option<Field<'a>>,
    pub key: Option<Field<'a>>,
    pub value: Option<Field<'a>>,
    pub acting: Option<Val<bool>>,
    pub top: Option<Val<bool>>,
}

impl ChangeView<'_> {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An entry of `aka` written as a table: an alias for a while.
#[derive(Debug, Clone, Copy)]
pub struct DatedAka {
    pub name: Str,
    pub since: Option<Val<PartialDate>>,
    pub until: Option<Val<PartialDate>>,
}

#[derive(Debug)]
pub struct UnitIn {
    pub id: Str,
    pub name: Str,
    pub aka: Range<u32>,
    /// The `aka` entries written as tables: a range of `dated_aka`.
    pub aka_dated: Range<u32>,
    pub kind: Option<Str>,
    pub parent: Option<Str>,
    pub since: Option<Val<PartialDate>>,
    pub note: Option<Str>,
    pub sources: Range<u32>,
}

#[derive(Debug)]
pub struct PersonIn {
    pub id: Str,
    pub name: Str,
    pub aka: Range<u32>,
    /// The `aka` entries written as tables: a range of `dated_aka`.
    pub aka_dated: Range<u32>,
    pub note: Option<Str>,
    pub sources: Range<u32>,
}

/// How many people a role holds at once: `seats = N` (N at least 1; a
/// role without `seats` has one), or `seats = "any"`, no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seats {
    Limit(std::num::NonZeroU32),
    Any,
}

impl Seats {
    /// One holder at a time: a role without `seats`.
    pub const ONE: Seats = Seats::Limit(std::num::NonZeroU32::MIN);

    /// `seats = N` as TOML gives the digits: N from 1 to 2^32 - 1.
    pub fn from_digits(digits: &str, radix: u32) -> Option<Seats> {
        let n = u32::from_str_radix(digits, radix).ok()?;
        std::num::NonZeroU32::new(n).map(Seats::Limit)
    }

    /// `seats = "any"`.
    pub fn from_word(word: &str) -> Option<Seats> {
        (word == "any").then_some(Seats::Any)
    }

    /// Whether the role holds one person at a time (appoint replaces).
    pub fn is_single(self) -> bool {
        self == Seats::ONE
    }

    /// Whether `n` holders at once fit.
    pub fn admits(self, n: usize) -> bool {
        match self {
            Seats::Limit(l) => n <= l.get() as usize,
            Seats::Any => true,
        }
    }
}

impl Default for Seats {
    fn default() -> Self {
        Seats::ONE
    }
}

impl std::fmt::Display for Seats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seats::Limit(n) => write!(f, "{n}"),
            Seats::Any => f.write_str("any"),
        }
    }
}

#[derive(Debug)]
pub struct RoleIn {
    pub id: Str,
    pub title: Str,
    pub unit: Str,
    pub head: Option<Val<bool>>,
    pub top: Option<Val<bool>>,
    pub reports_to: Option<Str>,
    pub since: Option<Val<PartialDate>>,
    pub holder: Option<Str>,
    pub seats: Option<Val<Seats>>,
    /// The roles of its declared dotted lines.
    pub dotted: Range<u32>,
    pub aka: Range<u32>,
    /// The `aka` entries written as tables: a range of `dated_aka`.
    pub aka_dated: Range<u32>,
    pub note: Option<Str>,
    pub sources: Range<u32>,
}

#[derive(Debug)]
pub struct EventIn {
    pub id: Option<Str>,
    pub date: Val<PartialDate>,
    pub reported: Option<PartialDate>,
    pub title: Option<Str>,
    pub sources: Range<u32>,
    pub note: Option<Str>,
    /// Indexes into [`FileInput::changes`].
    pub changes: Range<u32>,
}

/// The fields a change may have besides `op`, `acting` and `top`, in this
/// order.
pub const FIELDS: [&str; 9] = [
    "unit", "role", "person", "into", "to", "name", "title", "key", "value",
];

/// A change as stored: only the fields it has, so that the booleans and
/// string fields most changes lack take no room (a large history holds
/// millions of changes).
#[derive(Debug)]
pub struct ChangeIn {
    pub start: u32,
    pub end: u32,
    pub op: Str,
    /// Bit `i` set: the change has field `FIELDS[i]`; bit `9 + j`: it has
    /// boolean `BOOLS[j]`.
    present: u16,
    /// The present fields are `fields[first..]`, in `FIELDS` then `BOOLS`
    /// order (a boolean is stored as an empty [`Str`] whose `at` is its
    /// value).
    first: u32,
}

/// The booleans a change may have, in this order.
const BOOLS: usize = 2;

impl Str {
    fn of_bool(v: Val<bool>) -> Str {
        Str {
            at: u32::from(v.value),
            len: 0,
            start: v.start,
            end: v.end,
        }
    }

    fn to_bool(self) -> Val<bool> {
        Val {
            value: self.at != 0,
            start: self.start,
            end: self.end,
        }
    }
}

/// How many records and values a file holds, at most (see
/// [`FileInput::reserve`]).
#[derive(Debug, Default)]
pub struct Sizes {
    pub bytes: usize,
    pub list_items: usize,
    pub fields: usize,
    pub units: usize,
    pub people: usize,
    pub roles: usize,
    pub events: usize,
    pub changes: usize,
}

/// The records of one file.
#[derive(Debug, Default)]
pub struct FileInput {
    arena: String,
    /// Lists of strings (aka, sources): ranges of this.
    lists: Vec<Str>,
    /// The `aka` entries written as tables.
    pub dated_aka: Vec<DatedAka>,
    fields: Vec<Str>,
    pub units: Vec<UnitIn>,
    pub people: Vec<PersonIn>,
    pub roles: Vec<RoleIn>,
    pub events: Vec<EventIn>,
    pub changes: Vec<ChangeIn>,
}

pub(super) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).expect("data files are smaller than 4 GiB")
}

impl FileInput {
    /// The text of a string value.
    pub fn str(&self, s: Str) -> &str {
        &self.arena[s.at as usize..(s.at + s.len) as usize]
    }

    pub fn opt(&self, s: Option<Str>) -> Option<&str> {
        s.map(|s| self.str(s))
    }

    /// The `aka` entries written as tables, of one record.
    pub fn dated(&self, r: &Range<u32>) -> &[DatedAka] {
        &self.dated_aka[r.start as usize..r.end as usize]
    }

    pub fn list(&self, r: &Range<u32>) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.lists[r.start as usize..r.end as usize]
            .iter()
            .map(|s| self.str(*s))
    }

    /// The items of a list, each with where it is written.
    pub fn list_fields(&self, r: &Range<u32>) -> impl ExactSizeIterator<Item = Field<'_>> + '_ {
        self.lists[r.start as usize..r.end as usize]
            .iter()
            .map(|s| self.field(*s))
    }

    /// Keeps the items of list `r` whose text passes `keep` (in order),
    /// shrinking the range.
    pub fn retain_list(&mut self, r: &mut Range<u32>, keep: impl Fn(&str) -> bool) {
        let mut end = r.start;
        for i in r.start..r.end {
            let item = self.lists[i as usize];
            if keep(self.str(item)) {
                self.lists[end as usize] = item;
                end += 1;
            }
        }
        r.end = end;
    }

    pub fn field(&self, s: Str) -> Field<'_> {
        Field {
            text: self.str(s),
            start: s.start,
            end: s.end,
        }
    }

    /// A change as the shape check reads it.
    pub fn view(&self, c: &ChangeIn) -> ChangeView<'_> {
        let mut fields: [Option<Field<'_>>; 9] = [None; 9];
        let mut next = c.first as usize;
        for (i, f) in fields.iter_mut().enumerate() {
            if c.present & (1 << i) != 0 {
                *f = Some(self.field(self.fields[next]));
                next += 1;
            }
        }
        let mut bools: [Option<Val<bool>>; BOOLS] = [None; BOOLS];
        for (j, b) in bools.iter_mut().enumerate() {
            if c.present & (1 << (FIELDS.len() + j)) != 0 {
                *b = Some(self.fields[next].to_bool());
                next += 1;
            }
        }
        let [unit, role, person, into, to, name, title, key, value] = fields;
        let [acting, top] = bools;
        ChangeView {
            start: c.start,
            end: c.end,
            op: self.field(c.op),
            unit,
            role,
            person,
            into,
            to,
            name,
            title,
            key,
            value,
            acting,
            top,
        }
    }

    // ----- building ----------------------------------------------------------

    /// Stores a string with the byte range of its value.
    pub fn push_str(&mut self, text: &str, span: Range<usize>) -> Str {
        let at = u32_of(self.arena.len());
        self.arena.push_str(text);
        Str {
            at,
            len: u32_of(text.len()),
            start: u32_of(span.start),
            end: u32_of(span.end),
        }
    }

    /// Stores a list of strings already stored.
    pub fn push_list(&mut self, items: &[Str]) -> Range<u32> {
        let start = u32_of(self.lists.len());
        self.lists.extend_from_slice(items);
        start..u32_of(self.lists.len())
    }

    /// Stores a change: its byte range, op, fields in [`FIELDS`] order,
    /// and its booleans `acting` and `top`.
    pub fn push_change(
        &mut self,
        span: Range<usize>,
        op: Str,
        fields: &[Option<Str>; 9],
        bools: [Option<Val<bool>>; BOOLS],
    ) {
        let first = u32_of(self.fields.len());
        let mut present = 0u16;
        let bools = bools.map(|b| b.map(Str::of_bool));
        for (i, f) in fields.iter().chain(&bools).enumerate() {
            if let Some(f) = f {
                present |= 1 << i;
                self.fields.push(*f);
            }
        }
        self.changes.push(ChangeIn {
            start: u32_of(span.start),
            end: u32_of(span.end),
            op,
            present,
            first,
        });
    }

    /// Every record with its values resolved, to compare two ways of
    /// reading a file.
    pub fn dump(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let s = |x: Str| format!("{:?}@{}..{}", self.str(x), x.start, x.end);
        let o = |x: Option<Str>| x.map(s);
        let l = |r: &Range<u32>| self.list(r).collect::<Vec<_>>();
        let d = |r: &Range<u32>| {
            self.dated(r)
                .iter()
                .map(|a| (s(a.name), a.since, a.until))
                .collect::<Vec<_>>()
        };
        for u in &self.units {
            let _ = writeln!(
                out,
                "unit {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                s(u.id),
                s(u.name),
                l(&u.aka),
                d(&u.aka_dated),
                self.opt(u.kind),
                o(u.parent),
                u.since,
                self.opt(u.note),
                l(&u.sources)
            );
        }
        for p in &self.people {
            let _ = writeln!(
                out,
                "person {} {} {:?} {:?} {:?} {:?}",
                s(p.id),
                s(p.name),
                l(&p.aka),
                d(&p.aka_dated),
                self.opt(p.note),
                l(&p.sources)
            );
        }
        for r in &self.roles {
            let _ = writeln!(
                out,
                "role {} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                s(r.id),
                s(r.title),
                s(r.unit),
                r.head,
                r.top,
                o(r.reports_to),
                r.since,
                o(r.holder),
                r.seats,
                self.list_fields(&r.dotted)
                    .map(|f| format!("{:?}@{}..{}", f.text, f.start, f.end))
                    .collect::<Vec<_>>(),
                l(&r.aka),
                d(&r.aka_dated),
                self.opt(r.note),
                l(&r.sources)
            );
        }
        for e in &self.events {
            let _ = writeln!(
                out,
                "event {:?} {:?} {:?} {:?} {:?} {:?}",
                o(e.id),
                e.date,
                e.reported,
                self.opt(e.title),
                l(&e.sources),
                self.opt(e.note)
            );
            for c in &self.changes[e.changes.start as usize..e.changes.end as usize] {
                let _ = writeln!(out, "  {:?}", self.view(c));
            }
        }
        out
    }

    /// Room for this many records and values, so that a file read is
    /// stored once, at its size, and never moved.
    pub fn reserve(&mut self, n: &Sizes) {
        self.arena.reserve_exact(n.bytes);
        self.lists.reserve_exact(n.list_items);
        self.fields.reserve_exact(n.fields);
        self.units.reserve_exact(n.units);
        self.people.reserve_exact(n.people);
        self.roles.reserve_exact(n.roles);
        self.events.reserve_exact(n.events);
        self.changes.reserve_exact(n.changes);
    }

    /// Empties every list, keeping its room.
    pub fn clear(&mut self) {
        self.arena.clear();
        self.lists.clear();
        self.fields.clear();
        self.dated_aka.clear();
        self.units.clear();
        self.people.clear();
        self.roles.clear();
        self.events.clear();
        self.changes.clear();
    }

    /// The records built here, each list at its size, leaving this empty
    /// (with its room, for the next file).
    pub fn take_exact(&mut self) -> FileInput {
        fn exact<T>(v: &mut Vec<T>) -> Vec<T> {
            let mut out = Vec::with_capacity(v.len());
            out.append(v);
            out
        }
        let mut arena = String::with_capacity(self.arena.len());
        arena.push_str(&self.arena);
        self.arena.clear();
        FileInput {
            arena,
            lists: exact(&mut self.lists),
            dated_aka: exact(&mut self.dated_aka),
            fields: exact(&mut self.fields),
            units: exact(&mut self.units),
            people: exact(&mut self.people),
            roles: exact(&mut self.roles),
            events: exact(&mut self.events),
            changes: exact(&mut self.changes),
        }
    }
}

/// The compact records of every file that parsed, in load order.
#[derive(Debug, Default)]
pub struct Inputs {
    files: Vec<(FileId, FileInput)>,
}

impl Inputs {
    pub fn new(files: Vec<(FileId, FileInput)>) -> Self {
        Inputs { files }
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &FileInput)> {
        self.files.iter().map(|(f, i)| (*f, i))
    }

    /// The files that declare units, people or roles, and the files that
    /// hold events only.
    pub fn split_declarations(self) -> (Inputs, Vec<(FileId, FileInput)>) {
        let (decls, events) = self
            .files
            .into_iter()
            .partition(|(_, f)| !(f.units.is_empty() && f.people.is_empty() && f.roles.is_empty()));
        (Inputs { files: decls }, events)
    }
}

/// What the replay needs to know about the files besides their records:
/// their paths, and the line (and column) of a byte offset.
pub trait Sources: Sync {
    fn path(&self, file: FileId) -> &Path;
    fn position(&self, file: FileId, offset: usize) -> Position;
    fn file_paths(&self) -> Vec<PathBuf>;
}

impl Sources for SourceMap {
    fn path(&self, file: FileId) -> &Path {
        SourceMap::path(self, file)
    }

    fn position(&self, file: FileId, offset: usize) -> Position {
        SourceMap::position(self, file, offset)
    }

    fn file_paths(&self) -> Vec<PathBuf> {
        self.paths().map(Path::to_path_buf).collect()
    }
}
