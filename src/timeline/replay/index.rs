//! The ids of the declared records, and the one way references to them
//! are resolved: by registration (the declarations' own references), by
//! the resolution of events, and by the plan.

use rustc_hash::FxHashMap as HashMap;

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, Span};
use crate::ids::{FileId, PersonId, RoleId, UnitId};
use crate::records::input::Field;

use super::error;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Unit(UnitId),
    Role(RoleId),
    Person(PersonId),
    Event,
}

impl Kind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            Kind::Unit(_) => "a unit",
            Kind::Role(_) => "a role",
            Kind::Person(_) => "a person",
            Kind::Event => "an event",
        }
    }
}

/// The ids of the declared records, for resolving references. (An event's
/// id is here only when a later record claims it too: the ids of events
/// are not references.)
pub(super) struct Index<'d> {
    pub(super) keys: HashMap<&'d str, Kind>,
}

/// A reference to an id no declared record has: reported once the ids of
/// every event are known (it may name an event, which is the wrong kind).
pub(super) struct Unresolved {
    pub(super) span: Span,
    pub(super) text: Box<str>,
    pub(super) want: &'static str,
}

/// Resolves the ids that records and changes name, writing down what is
/// wrong.
pub(super) struct Resolver<'i, 'd> {
    pub(super) index: &'i Index<'d>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) unresolved: Vec<Unresolved>,
}

impl<'i, 'd> Resolver<'i, 'd> {
    pub(super) fn new(index: &'i Index<'d>) -> Self {
        Resolver {
            index,
            diags: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    fn lookup(&mut self, file: FileId, id: &Field<'_>, want: &'static str) -> Option<Kind> {
        let kind = self.index.keys.get(id.text).copied();
        if kind.is_none() {
            self.unresolved.push(Unresolved {
                span: Span {
                    file,
                    range: id.span(),
                },
                text: id.text.into(),
                want,
            });
        }
        kind
    }

    fn wrong_kind(&mut self, file: FileId, id: &Field<'_>, got: Kind, want: &str) {
        let span = Span {
            file,
            range: id.span(),
        };
        let message = format!("'{}' is {}, not {want}", id.text, got.noun());
        error(&mut self.diags, Code::WrongKind, &span, message, None);
    }

    /// The record of the kind `pick` takes that `id` names.
    fn typed<T>(
        &mut self,
        file: FileId,
        id: &Field<'_>,
        want: &'static str,
        pick: fn(Kind) -> Option<T>,
    ) -> Option<T> {
        let kind = self.lookup(file, id, want)?;
        let found = pick(kind);
        if found.is_none() {
            self.wrong_kind(file, id, kind, want);
        }
        found
    }

    pub(super) fn unit_ref(&mut self, file: FileId, id: &Field<'_>) -> Option<UnitId> {
        self.typed(file, id, "a unit", |k| match k {
            Kind::Unit(u) => Some(u),
            _ => None,
        })
    }

    pub(super) fn role_ref(&mut self, file: FileId, id: &Field<'_>) -> Option<RoleId> {
        self.typed(file, id, "a role", |k| match k {
            Kind::Role(r) => Some(r),
            _ => None,
        })
    }

    pub(super) fn person_ref(&mut self, file: FileId, id: &Field<'_>) -> Option<PersonId> {
        self.typed(file, id, "a person", |k| match k {
            Kind::Person(p) => Some(p),
            _ => None,
        })
    }
}
