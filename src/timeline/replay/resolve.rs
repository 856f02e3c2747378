//! Stage 2: references and changes into typed ids.
//!
//! Takes the [`Index`] of ids and the files of events (owned: each file of
//! events only is dropped as soon as its events are resolved); gives each
//! file's events ([`FileEvents`]), in the file's replay order, with the
//! problems found. Files are resolved on every core when there are many
//! events; the result does not depend on it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::ids::{FileId, Key, PersonId, RoleId, UnitId};
use crate::records::input::{ChangeView, Field, FileInput, Inputs, Sources};
use crate::records::shape::{self, Shape, SubjectRef};
use crate::suggest::closest;

use super::super::{Change, Event, SourceList, Subject};
use super::plan::{ChangeSpans, PlannedSpans};
use super::register::{Index, Kind};
use super::{ReplayOptions, error, loc_of};

/// A reference to an id no declared record has: reported once the ids of
/// every event are known (it may name an event, which is the wrong kind).
pub(super) struct Unresolved {
    span: Span,
    text: Box<str>,
    want: &'static str,
}

/// Resolves the ids that records and changes name, writing down what is
/// wrong.
pub(super) struct Resolver<'i, 'd> {
    index: &'i Index<'d>,
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

/// Reports the references to no declared record: an event's id is the
/// wrong kind; anything else is unknown, with the closest id of the kind
/// wanted.
pub(super) fn report_unresolved(
    index: &Index<'_>,
    files: &[FileEvents],
    unresolved: Vec<Unresolved>,
    diags: &mut Vec<Diagnostic>,
) {
    if unresolved.is_empty() {
        return;
    }
    let mut events: HashSet<&str> = HashSet::default();
    for f in files {
        let mut unnamed = f.unnamed.iter().peekable();
        for (i, e) in f.events.iter().enumerate() {
            if unnamed.next_if_eq(&&(i as u32)).is_none() {
                events.insert(e.key.as_str());
            }
        }
    }
    let mut helps: HashMap<(Box<str>, &str), Option<String>> = HashMap::default();
    for u in unresolved {
        let text = &*u.text;
        let want = u.want;
        if events.contains(text) {
            let message = format!("'{text}' is {}, not {want}", Kind::Event.noun());
            error(diags, Code::WrongKind, &u.span, message, None);
            continue;
        }
        // The same id is often mistyped the same way many times.
        let help = helps
            .entry((u.text.clone(), want))
            .or_insert_with(|| {
                let mut known: Vec<&str> = index
                    .keys
                    .iter()
                    .filter(|(_, k)| k.noun() == want)
                    .map(|(k, _)| *k)
                    .collect();
                let near = closest(text, known.iter().copied());
                if near.is_none() {
                    known.sort_unstable();
                }
                help::unknown_reference(near, want, &known)
            })
            .clone();
        let noun = want.trim_start_matches("a ").trim_start_matches("n ");
        let message = format!("unknown {noun} '{text}'");
        error(diags, Code::UnknownReference, &u.span, message, help);
    }
}

/// The events of one file, resolved, in replay order (by day, then
/// position in the file), with the problems found.
pub(super) struct FileEvents {
    pub(super) file: FileId,
    /// `sources` indexes `source_lists`, the file's own.
    pub(super) events: Vec<Event>,
    /// The events written without an id (whose key is empty), by index.
    pub(super) unnamed: Vec<u32>,
    /// The spans of the events' changes, one after another.
    pub(super) plan: Vec<PlannedSpans>,
    pub(super) source_lists: Vec<Box<[Box<str>]>>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) unresolved: Vec<Unresolved>,
}

impl FileEvents {
    /// No events yet.
    fn new(file: FileId) -> Self {
        FileEvents {
            file,
            events: Vec::new(),
            unnamed: Vec::new(),
            plan: Vec::new(),
            source_lists: Vec::new(),
            diags: Vec::new(),
            unresolved: Vec::new(),
        }
    }
}

/// Resolves the events of every file: `events` (files of events only, each
/// dropped once resolved; on every core from `opts.parallel_from` events),
/// then those of `decls`. In load order.
pub(super) fn resolve_files(
    index: &Index<'_>,
    sources: &dyn Sources,
    events: Vec<(FileId, FileInput)>,
    decls: &Inputs,
    opts: &ReplayOptions,
) -> Vec<FileEvents> {
    let count: usize = events.iter().map(|(_, f)| f.events.len()).sum();
    let one = |(file, input): (FileId, FileInput)| resolve_file(index, sources, file, &input);
    let mut files: Vec<FileEvents> = if count >= opts.parallel_from {
        use rayon::prelude::*;
        events.into_par_iter().map(one).collect()
    } else {
        events.into_iter().map(one).collect()
    };
    for (file, input) in decls.iter() {
        if !input.events.is_empty() {
            files.push(resolve_file(index, sources, file, input));
        }
    }
    files.sort_unstable_by_key(|f| f.file);
    files
}

/// Resolves the events of one file; a change with a problem is left out.
fn resolve_file(
    index: &Index<'_>,
    sources: &dyn Sources,
    file: FileId,
    input: &FileInput,
) -> FileEvents {
    let mut order: Vec<(chrono::NaiveDate, u32)> = input
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date.value.first_day(), i as u32))
        .collect();
    order.sort_unstable();
    let mut r = Resolver::new(index);
    let mut out = FileEvents::new(file);
    out.events.reserve_exact(order.len());
    let mut local: HashMap<Vec<&str>, u32> = HashMap::default();
    let mut buf: Vec<&str> = Vec::new();
    for (_, i) in order {
        let rec = &input.events[i as usize];
        let key = match rec.id {
            Some(id) => Key::new(input.str(id)),
            None => {
                out.unnamed.push(out.events.len() as u32);
                Key::new("")
            }
        };
        let span = Span {
            file,
            range: rec.date.span(),
        };
        let first = out.plan.len();
        let changes = &input.changes[rec.changes.start as usize..rec.changes.end as usize];
        let mut resolved = Vec::with_capacity(changes.len());
        for c in changes {
            if let Some((change, spans)) = r.resolve_change(file, &input.view(c)) {
                resolved.push(change);
                out.plan.push(PlannedSpans::of(&spans));
            }
        }
        buf.clear();
        buf.extend(input.list(&rec.sources));
        let list = match local.get(buf.as_slice()) {
            Some(&n) => n,
            None => {
                let n = out.source_lists.len() as u32;
                out.source_lists
                    .push(buf.iter().map(|s| Box::from(*s)).collect());
                local.insert(buf.clone(), n);
                n
            }
        };
        out.events.push(Event {
            key,
            date: rec.date.value,
            reported: rec.reported,
            title: input.opt(rec.title).map(Box::from),
            sources: SourceList(list),
            note: input.opt(rec.note).map(Box::from),
            loc: loc_of(sources, &span),
            changes: resolved.into_boxed_slice(),
            change_locs: out.plan[first..]
                .iter()
                .map(|s| loc_of(sources, &s.whole_span()))
                .collect(),
        });
    }
    out.plan.shrink_to_fit();
    out.diags = r.diags;
    out.unresolved = r.unresolved;
    out
}

impl<'d> Resolver<'_, 'd> {
    /// Checks a change's shape, then resolves the ids it names.
    fn resolve_change<'a>(
        &mut self,
        file: FileId,
        rec: &ChangeView<'a>,
    ) -> Option<(Change, ChangeSpans)> {
        let shape = match shape::shape(file, rec) {
            Ok(shape) => shape,
            Err(problems) => {
                self.diags.extend(problems);
                return None;
            }
        };
        let sp = |s: Field<'a>| Span {
            file,
            range: s.span(),
        };
        let spans = |subject: Field<'a>, target: Option<Field<'a>>| ChangeSpans {
            whole: Span {
                file,
                range: rec.span(),
            },
            subject: sp(subject),
            target: target.map(sp),
        };
        let subject = |b: &mut Self, s: SubjectRef<'a>| match s {
            SubjectRef::Unit(u) => b.unit_ref(file, &u).map(Subject::Unit),
            SubjectRef::Role(r) => b.role_ref(file, &r).map(Subject::Role),
        };
        let b = self;
        let change = match shape {
            Shape::Create(s) => (Change::Create(subject(b, s)?), spans(s.id(), None)),
            Shape::Dissolve { unit, into } => {
                let u = b.unit_ref(file, &unit)?;
                let i = match into {
                    Some(i) => Some(b.unit_ref(file, &i)?),
                    None => None,
                };
                (Change::Dissolve { unit: u, into: i }, spans(unit, into))
            }
            Shape::Eliminate(role) => (
                Change::Eliminate(b.role_ref(file, &role)?),
                spans(role, None),
            ),
            Shape::Move { subject: s, to } => {
                let moved = subject(b, s)?;
                let target = b.unit_ref(file, &to)?;
                let change = match moved {
                    Subject::Unit(unit) => Change::MoveUnit { unit, to: target },
                    Subject::Role(role) => Change::MoveRole { role, to: target },
                };
                (change, spans(s.id(), Some(to)))
            }
            Shape::Rename { subject: s, text } => {
                let change = match subject(b, s)? {
                    Subject::Unit(unit) => Change::RenameUnit {
                        unit,
                        name: (*text.get_ref()).into(),
                    },
                    Subject::Role(role) => Change::RetitleRole {
                        role,
                        title: (*text.get_ref()).into(),
                    },
                };
                (change, spans(s.id(), Some(text)))
            }
            Shape::Appoint {
                person,
                role,
                acting,
            } => {
                // Both looked up, so that both can be reported.
                let p = b.person_ref(file, &person);
                let r = b.role_ref(file, &role);
                (
                    Change::Appoint {
                        person: p?,
                        role: r?,
                        acting,
                    },
                    spans(person, Some(role)),
                )
            }
            Shape::Leave { person, role } => {
                let p = b.person_ref(file, &person);
                let r = match role {
                    Some(r) => Some(b.role_ref(file, &r)?),
                    None => None,
                };
                (
                    Change::Leave {
                        person: p?,
                        role: r,
                    },
                    spans(person, role),
                )
            }
            Shape::Report { role, to } => {
                let r = b.role_ref(file, &role);
                let target = if to.get_ref().is_empty() {
                    None
                } else {
                    Some(b.role_ref(file, &to)?)
                };
                (
                    Change::Report {
                        role: r?,
                        to: target,
                    },
                    spans(role, Some(to)),
                )
            }
            Shape::Set {
                subject: s,
                key,
                value,
            } => {
                let v = value.get_ref();
                (
                    Change::Set {
                        subject: subject(b, s)?,
                        key: (*key.get_ref()).into(),
                        value: (!v.is_empty()).then(|| v.into()),
                    },
                    spans(s.id(), Some(value)),
                )
            }
        };
        Some(change)
    }
}
