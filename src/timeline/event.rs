//! An event and its changes, as the replay applied them: what the
//! history keeps of each dated restructuring step.

use chrono::NaiveDate;
use smallvec::SmallVec;

use super::Loc;
use crate::dates::PartialDate;
use crate::ids::{Key, PersonId, RoleId, UnitId};

#[derive(Debug)]
pub struct Event {
    pub key: Key,
    pub date: PartialDate,
    /// Shared by the events of a file with the same title.
    pub title: Option<std::sync::Arc<str>>,
    /// Its sources, as [`History::sources`] gives them.
    pub sources: SourceList,
    /// Its `reported` date and `note` ([`Event::reported`],
    /// [`Event::note`]).
    pub rare: Rare,
    /// The event's `date` value.
    pub loc: Loc,
    pub changes: SmallVec<[Change; 1]>,
    /// Where each change is written, in the order of `changes`.
    pub change_locs: SmallVec<[Loc; 1]>,
}

/// What few events have, a `reported` date and a `note`: boxed, and no
/// allocation when an event has neither (8 bytes an event, where the two
/// in place took 24).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rare(Option<Box<RareFields>>);

#[derive(Debug, Clone, PartialEq)]
struct RareFields {
    reported: Option<PartialDate>,
    note: Option<Box<str>>,
}

impl Rare {
    pub fn new(reported: Option<PartialDate>, note: Option<Box<str>>) -> Rare {
        let any = reported.is_some() || note.is_some();
        Rare(any.then(|| Box::new(RareFields { reported, note })))
    }

    pub fn reported(&self) -> Option<PartialDate> {
        self.0.as_ref().and_then(|r| r.reported)
    }

    pub fn note(&self) -> Option<&str> {
        self.0.as_ref().and_then(|r| r.note.as_deref())
    }
}

impl Event {
    /// When it was first reported (`reported`), if written.
    pub fn reported(&self) -> Option<PartialDate> {
        self.rare.reported()
    }

    /// Its `note`, if written.
    pub fn note(&self) -> Option<&str> {
        self.rare.note()
    }

    /// The first day it was known: the first day of `reported`, else of
    /// `date` (as `--known-at` counts it).
    pub fn known_from(&self) -> NaiveDate {
        self.reported().unwrap_or(self.date).first_day()
    }

    /// Its `reported` date, when that differs from its `date`.
    pub fn reported_apart(&self) -> Option<PartialDate> {
        self.reported().filter(|r| *r != self.date)
    }

    /// Whether it was known by `day` but takes effect after it: announced
    /// and not yet in force.
    pub fn pending_on(&self, day: NaiveDate) -> bool {
        self.date.first_day() > day && self.known_from() <= day
    }
}

/// An index into [`History::source_lists`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceList(pub u32);

/// What a `set` sets: the attribute `key` to `value` (`None`: cleared).
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub key: Box<str>,
    pub value: Option<Box<str>>,
}

/// A unit or a role: what `create` acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Unit(UnitId),
    Role(RoleId),
}

/// A person, unit or role: what `alias`, `unalias` and `set` act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Person(PersonId),
    Unit(UnitId),
    Role(RoleId),
}

/// One change of an event, validated and typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Create(Subject),
    Dissolve {
        unit: UnitId,
        into: Option<UnitId>,
    },
    Eliminate(RoleId),
    /// `to: None` (`to = ""`): the unit becomes a top-level organisation
    /// (a spin-off), with its subtree, roles and holders.
    MoveUnit {
        unit: UnitId,
        to: Option<UnitId>,
    },
    MoveRole {
        role: RoleId,
        to: UnitId,
    },
    RenameUnit {
        unit: UnitId,
        name: Box<str>,
    },
    RetitleRole {
        role: RoleId,
        title: Box<str>,
    },
    RenamePerson {
        person: PersonId,
        name: Box<str>,
    },
    /// `name` becomes an alias of the record from the event's date on.
    Alias {
        named: Named,
        name: Box<str>,
    },
    /// `name` stops being an alias of the record.
    Unalias {
        named: Named,
        name: Box<str>,
    },
    Appoint {
        person: PersonId,
        role: RoleId,
        acting: bool,
    },
    Leave {
        person: PersonId,
        role: Option<RoleId>,
    },
    /// From then on the role's holder is not known: whoever held it
    /// leaves it (`op = "unrecorded"`); an `appoint` fills it again.
    Unrecorded {
        role: RoleId,
    },
    /// From then on the role is vacant: whoever held it, known or not,
    /// leaves it (`op = "vacate"`).
    Vacate {
        role: RoleId,
    },
    Report {
        role: RoleId,
        to: Option<RoleId>,
    },
    /// The role reports to nobody from then on, whatever its unit
    /// (`op = "report"` with `top = true`).
    Top {
        role: RoleId,
    },
    /// The role becomes the head of its unit; the unit's head before it
    /// stays, as an ordinary role (`op = "head"`).
    Head {
        role: RoleId,
    },
    /// The unit is left without a head (`op = "head"` with `role = ""`).
    Headless {
        unit: UnitId,
    },
    /// A dated attribute of a unit, role or person (boxed: most events
    /// set none, and a `Change` holding two strings in place would take 40
    /// bytes where every other change takes 24).
    Set {
        subject: Named,
        attr: Box<Attr>,
    },
    /// A dotted line from `role` to `to` begins (`op = "dotted"`).
    Dotted {
        role: RoleId,
        to: RoleId,
    },
    /// The dotted line from `role` to `to` ends (`op = "undotted"`).
    Undotted {
        role: RoleId,
        to: RoleId,
    },
}

impl From<Subject> for Named {
    fn from(s: Subject) -> Named {
        match s {
            Subject::Unit(u) => Named::Unit(u),
            Subject::Role(r) => Named::Role(r),
        }
    }
}

impl Change {
    /// The records the change names, at most two: its subject first, then
    /// where it points (the unit merged into or moved to, the role
    /// reported to or dotted to, the role taken or left).
    pub fn names(&self) -> [Option<Named>; 2] {
        use Named::{Person, Role, Unit};
        match *self {
            Change::Create(s) => [Some(s.into()), None],
            Change::Dissolve { unit, into: to } | Change::MoveUnit { unit, to } => {
                [Some(Unit(unit)), to.map(Unit)]
            }
            Change::Eliminate(r)
            | Change::RetitleRole { role: r, .. }
            | Change::Unrecorded { role: r }
            | Change::Vacate { role: r }
            | Change::Head { role: r }
            | Change::Top { role: r } => [Some(Role(r)), None],
            Change::MoveRole { role, to } => [Some(Role(role)), Some(Unit(to))],
            Change::RenameUnit { unit, .. } | Change::Headless { unit } => [Some(Unit(unit)), None],
            Change::RenamePerson { person, .. } => [Some(Person(person)), None],
            Change::Alias { named, .. }
            | Change::Unalias { named, .. }
            | Change::Set { subject: named, .. } => [Some(named), None],
            Change::Appoint { person, role, .. } => [Some(Person(person)), Some(Role(role))],
            Change::Leave { person, role } => [Some(Person(person)), role.map(Role)],
            Change::Report { role, to } => [Some(Role(role)), to.map(Role)],
            Change::Dotted { role, to } | Change::Undotted { role, to } => {
                [Some(Role(role)), Some(Role(to))]
            }
        }
    }
}
