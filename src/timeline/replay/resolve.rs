//! Stage 2: references and changes into typed ids.
//!
//! Takes the [`Index`] of ids and the files of events (owned: each file of
//! events only is dropped as soon as its events are resolved); gives the
//! events of every file in one list, in load order, each file's in its
//! replay order, and each file's plan and problems ([`FileEvents`]).
//! Files are resolved on every core when there are many events, each
//! straight into its run of the list (`crate::runs`); the result does not
//! depend on it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::ids::{FileId, Key};
use crate::records::input::{ChangeView, Field, FileInput, Inputs, Sources};
use crate::records::shape::{self, NamedRef, Shape, SubjectRef};
use crate::suggest::closest;

use super::super::{Attr, Change, Event, History, Named, Rare, SourceList, Subject};
use super::index::{Index, Kind, Resolver, Unresolved};
use super::{At, ReplayOptions, error, loc_of};

/// Where a change goes wrong: the whole change, its subject, its target.
#[derive(Debug, Clone)]
pub(super) struct ChangeSpans {
    pub(super) whole: Span,
    pub(super) subject: Span,
    pub(super) target: Option<Span>,
}

/// [`ChangeSpans`] in a third of the space, while the events wait.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlannedSpans {
    file: FileId,
    whole: At,
    subject: At,
    target: Option<At>,
}

impl PlannedSpans {
    pub(super) fn of(s: &ChangeSpans) -> Self {
        PlannedSpans {
            file: s.whole.file,
            whole: At::of(&s.whole),
            subject: At::of(&s.subject),
            target: s.target.as_ref().map(At::of),
        }
    }

    pub(super) fn whole_span(&self) -> Span {
        self.whole.span(self.file)
    }

    pub(super) fn spans(&self) -> ChangeSpans {
        ChangeSpans {
            whole: self.whole.span(self.file),
            subject: self.subject.span(self.file),
            target: self.target.map(|t| t.span(self.file)),
        }
    }
}

/// Reports the references to no declared record: an event's id is the
/// wrong kind; anything else is unknown, with the closest id of the kind
/// wanted.
pub(super) fn report_unresolved(
    index: &Index<'_>,
    h: &History,
    resolved: &Resolved,
    unresolved: Vec<Unresolved>,
    diags: &mut Vec<Diagnostic>,
) {
    if unresolved.is_empty() {
        return;
    }
    let mut events: HashSet<&str> = HashSet::default();
    let mut unnamed = resolved.files.iter().flat_map(|f| &f.unnamed).peekable();
    for (i, e) in resolved.events.iter().enumerate() {
        if unnamed.next_if_eq(&&(i as u32)).is_none() {
            events.insert(e.key.as_str());
        }
    }
    let mut helps: HashMap<(Box<str>, &str), Option<String>> = HashMap::default();
    let mut by_name: Option<ByName> = None;
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
                let by_name = by_name.get_or_insert_with(|| ByName::new(h));
                if let Some(named) = help::named(&by_name.get(text, want)) {
                    return Some(named);
                }
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

/// The declared records by each name, title and alias they answer to
/// (lowercase), for a reference written as a name: each entry is the kind
/// (`a unit`...), the id, the first name, and the alias, if it is one.
struct ByName<'h>(HashMap<String, Vec<Described<'h>>>);

type Described<'h> = (&'static str, &'h str, &'h str, Option<&'h str>);

impl<'h> ByName<'h> {
    fn new(h: &'h History) -> Self {
        let mut by = ByName(HashMap::default());
        for u in &h.units {
            by.add("a unit", &u.key, u.names());
        }
        for r in &h.roles {
            by.add("a role", &r.key, r.names());
        }
        for p in &h.people {
            by.add("a person", &p.key, p.names());
        }
        by
    }

    fn add(&mut self, want: &'static str, key: &'h Key, mut names: impl Iterator<Item = &'h str>) {
        let first = names.next().unwrap_or_default();
        let named = std::iter::once((first, None)).chain(names.map(|n| (n, Some(n))));
        for (name, alias) in named {
            let list = self.0.entry(name.to_lowercase()).or_default();
            // Once per record under each name.
            if list.last().is_none_or(|l| l.1 != key.as_str()) {
                list.push((want, key.as_str(), first, alias));
            }
        }
    }

    /// The records of the kind `want` that answer to `name`, in load
    /// order, each as id, first name and the alias it matched.
    fn get(&self, name: &str, want: &str) -> Vec<(&'h str, &'h str, Option<&'h str>)> {
        let found = self.0.get(&name.trim().to_lowercase());
        found
            .into_iter()
            .flatten()
            .filter(|n| n.0 == want)
            .map(|&(_, id, first, alias)| (id, first, alias))
            .collect()
    }
}

/// The events of every file, resolved: one list, in load order, each
/// file's events in its replay order (by day, then position in the file).
pub(super) struct Resolved {
    pub(super) events: Vec<Event>,
    /// Each file with events, in load order.
    pub(super) files: Vec<FileEvents>,
}

/// What one file's events need besides themselves, with the problems found.
pub(super) struct FileEvents {
    /// Its events' places in [`Resolved::events`].
    pub(super) events: std::ops::Range<usize>,
    /// The places of its events written without an id (whose key is
    /// empty), in order.
    pub(super) unnamed: Vec<u32>,
    /// The spans of the events' changes, one after another.
    pub(super) plan: Vec<PlannedSpans>,
    /// `sources` of its events indexes these, the file's own.
    pub(super) source_lists: Vec<Box<[Box<str>]>>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) unresolved: Vec<Unresolved>,
}

/// Resolves the events of every file: `events` (files of events only, each
/// dropped once resolved; on every core from `opts.parallel_from` events),
/// and those of `decls`, each into its run of one list, in load order.
pub(super) fn resolve_files(
    index: &Index<'_>,
    sources: &dyn Sources,
    events: Vec<(FileId, FileInput)>,
    decls: &Inputs,
    opts: &ReplayOptions,
) -> Resolved {
    let count: usize = events.iter().map(|(_, f)| f.events.len()).sum();
    // Each file with events, in load order: owned (a file of events only,
    // dropped once resolved) or borrowed.
    enum Input<'a> {
        Owned(Box<FileInput>),
        Declares(&'a FileInput),
    }
    impl Input<'_> {
        fn get(&self) -> &FileInput {
            match self {
                Input::Owned(i) => i,
                Input::Declares(i) => i,
            }
        }
    }
    let owned = events
        .into_iter()
        .map(|(f, i)| (f, Input::Owned(Box::new(i))));
    let borrowed = decls.iter().map(|(f, i)| (f, Input::Declares(i)));
    let mut inputs: Vec<(FileId, Input<'_>)> = owned
        .chain(borrowed)
        .filter(|(_, i)| !i.get().events.is_empty())
        .collect();
    inputs.sort_unstable_by_key(|&(file, _)| file);
    let lens: Vec<usize> = inputs.iter().map(|(_, i)| i.get().events.len()).collect();
    let work: Vec<_> = inputs.into_iter().zip(crate::runs::starts(&lens)).collect();
    let (files, list) = crate::runs::in_runs(&lens, |runs| {
        let one = |(((file, input), place), mut run): (((FileId, Input<'_>), usize), _)| {
            resolve_file(index, sources, file, input.get(), place, &mut run)
        };
        if count >= opts.parallel_from {
            use rayon::prelude::*;
            work.into_par_iter().zip(runs).map(one).collect()
        } else {
            work.into_iter().zip(runs).map(one).collect()
        }
    });
    Resolved {
        events: list.expect("each file's run holds one event per event of the file"),
        files,
    }
}

/// Resolves the events of one file; a change with a problem is left out.
fn resolve_file(
    index: &Index<'_>,
    sources: &dyn Sources,
    file: FileId,
    input: &FileInput,
    place: usize,
    run: &mut crate::runs::Run<'_, Event>,
) -> FileEvents {
    let mut order: Vec<(chrono::NaiveDate, u32)> = input
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date.value.first_day(), i as u32))
        .collect();
    order.sort_unstable();
    let mut r = Resolver::new(index);
    let mut out = FileEvents {
        events: place..place + run.len(),
        unnamed: Vec::new(),
        plan: Vec::new(),
        source_lists: Vec::new(),
        diags: Vec::new(),
        unresolved: Vec::new(),
    };
    let mut local: HashMap<Vec<&str>, u32> = HashMap::default();
    // Each title once: an HR export repeats a handful of titles ("Hire",
    // "Departure") across a million events.
    let mut titles: HashMap<&str, std::sync::Arc<str>> = HashMap::default();
    let mut buf: Vec<&str> = Vec::new();
    for (_, i) in order {
        let rec = &input.events[i as usize];
        let key = match rec.id {
            Some(id) => Key::new(input.str(id)),
            None => {
                out.unnamed.push((place + run.filled()) as u32);
                Key::new("")
            }
        };
        let span = Span {
            file,
            range: rec.date.span(),
        };
        let first = out.plan.len();
        let changes = &input.changes[rec.changes.start as usize..rec.changes.end as usize];
        // In place for the usual one change: no list made and copied.
        let mut resolved = smallvec::SmallVec::with_capacity(changes.len());
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
        run.put(Event {
            key,
            date: rec.date.value,
            title: input.opt(rec.title).map(|t| {
                let shared = titles.entry(t).or_insert_with(|| t.into());
                std::sync::Arc::clone(shared)
            }),
            sources: SourceList(list),
            rare: Rare::new(rec.reported, input.opt(rec.note).map(Box::from)),
            loc: loc_of(sources, &span),
            changes: resolved,
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
        let named_ref = |b: &mut Self, _: FileId, n: NamedRef<'a>| match n {
            NamedRef::Person(p) => b.person_ref(file, &p).map(Named::Person),
            NamedRef::Subject(s) => subject(b, s).map(Named::from),
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
                // `to = ""`: a unit becomes a top-level organisation (the
                // shape allows it for units only).
                let target = if to.get_ref().is_empty() {
                    None
                } else {
                    Some(b.unit_ref(file, &to)?)
                };
                let change = match (moved, target) {
                    (Subject::Unit(unit), to) => Change::MoveUnit { unit, to },
                    (Subject::Role(role), Some(to)) => Change::MoveRole { role, to },
                    (Subject::Role(_), None) => return None,
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
            Shape::RenamePerson { person, name } => (
                Change::RenamePerson {
                    person: b.person_ref(file, &person)?,
                    name: (*name.get_ref()).into(),
                },
                spans(person, Some(name)),
            ),
            Shape::Alias { named, name, drop } => {
                let n = named_ref(b, file, named)?;
                let text: Box<str> = (*name.get_ref()).into();
                let change = if drop {
                    Change::Unalias {
                        named: n,
                        name: text,
                    }
                } else {
                    Change::Alias {
                        named: n,
                        name: text,
                    }
                };
                (change, spans(named.id(), Some(name)))
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
            Shape::Unrecorded { role } => (
                Change::Unrecorded {
                    role: b.role_ref(file, &role)?,
                },
                spans(role, None),
            ),
            Shape::Vacate { role } => (
                Change::Vacate {
                    role: b.role_ref(file, &role)?,
                },
                spans(role, None),
            ),
            Shape::Top { role } => (
                Change::Top {
                    role: b.role_ref(file, &role)?,
                },
                spans(role, None),
            ),
            Shape::Head { role } => (
                Change::Head {
                    role: b.role_ref(file, &role)?,
                },
                spans(role, None),
            ),
            Shape::Headless { unit } => (
                Change::Headless {
                    unit: b.unit_ref(file, &unit)?,
                },
                spans(unit, None),
            ),
            Shape::Dotted { role, to, end } => {
                // Both looked up, so that both can be reported.
                let r = b.role_ref(file, &role);
                let t = b.role_ref(file, &to);
                let (role_id, to_id) = (r?, t?);
                let change = if end {
                    Change::Undotted {
                        role: role_id,
                        to: to_id,
                    }
                } else {
                    Change::Dotted {
                        role: role_id,
                        to: to_id,
                    }
                };
                (change, spans(role, Some(to)))
            }
            Shape::Set {
                subject: s,
                key,
                value,
            } => {
                let v = value.get_ref();
                (
                    Change::Set {
                        subject: named_ref(b, file, s)?,
                        attr: Box::new(Attr {
                            key: (*key.get_ref()).into(),
                            value: (!v.is_empty()).then(|| v.into()),
                        }),
                    },
                    spans(s.id(), Some(value)),
                )
            }
        };
        Some(change)
    }
}
