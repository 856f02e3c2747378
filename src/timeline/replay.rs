//! One pass over the records and events that builds the [`History`] and
//! checks every rule of the data format on the way.
//!
//! 1. Register every record under its id (ids are unique across kinds).
//! 2. Resolve declarations and changes into typed ids and [`Change`]s.
//! 3. Replay: create records at their `since` date (or at the beginning, or
//!    with their unit), apply the events in date order, and after each step
//!    check the reporting lines that step could have changed for cycles.
//!
//! A change that breaks a rule is reported with the file and line of the
//! offending value and skipped, so one run reports every independent problem.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, Span};
use crate::dates::PartialDate;
use crate::ids::{EventId, FileId, Key, PersonId, RoleId, UnitId};
use crate::suggest::closest;

use super::lines::OrgView;
use super::{
    Change, Declared, Event, History, Holding, Interval, Loc, Notes, Origin, Person, Role,
    SourceList, Stamp, Subject, Timeline, Unit,
};
use crate::records::input::{ChangeView, Field};
use crate::records::input::{EventIn, FileInput, Val};
use crate::records::input::{Inputs, Sources};
use crate::records::shape::{self, Shape, SubjectRef};

/// [`replay`] for data expected to be valid, with the events resolved on
/// every core; `None` on any problem (the careful [`replay`] then says
/// what it is). Each file of events only is dropped as soon as its
/// events are resolved, the others before the replay proper, so the
/// records of all files, the resolved events and the history's timelines
/// never take memory together.
pub fn replay_quick(files: Inputs, sources: &dyn Sources) -> Option<History> {
    let timer = crate::timer::Timer::start();
    // The index of ids borrows the files that declare units, people and
    // roles; the files of events only are dropped one by one as soon as
    // their events are resolved.
    let (decls, event_files) = files.split_declarations();
    let mut b = Builder::new(sources, &decls);
    b.register(false);
    timer.lap("replay: register");
    if !b.diags.is_empty() {
        return None;
    }
    let plan = b.resolve_files_quick(event_files)?;
    timer.lap("replay: resolve events");
    let no_inputs = Inputs::new(Vec::new());
    let mut b = b.detach(sources, &no_inputs);
    drop(decls);
    timer.lap("replay: drop inputs");
    b.resolve_declarations();
    b.run(plan);
    timer.lap("replay: run");
    b.diags.is_empty().then_some(b.h)
}

/// Builds the history from the records of every file, in load order.
pub fn replay(files: &Inputs, sources: &dyn Sources) -> Result<History, Vec<Diagnostic>> {
    let timer = crate::timer::Timer::start();
    let mut b = Builder::new(sources, files);
    let events = b.register(true);
    timer.lap("replay: register");
    let plan = b.resolve_events(events);
    timer.lap("replay: resolve events");
    b.resolve_declarations();
    b.run(plan);
    timer.lap("replay: run");
    if b.diags.is_empty() {
        Ok(b.h)
    } else {
        Err(b.diags)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unit(UnitId),
    Role(RoleId),
    Person(PersonId),
    /// The index of the event's id in `Builder::event_ids`.
    Event(u32),
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Unit(_) => "a unit",
            Kind::Role(_) => "a role",
            Kind::Person(_) => "a person",
            Kind::Event(_) => "an event",
        }
    }
}

/// How a declared unit or role comes into existence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    /// At its `since` date.
    Since(PartialDate),
    /// By a `create` change.
    ByEvent,
    /// With its container (parent unit, or the unit of a role); a top-level
    /// unit without `since` exists from before the first recorded event.
    WithContainer,
}

struct UnitDecl {
    span: Span,
    parent: Option<(UnitId, Span)>,
    since: Option<(PartialDate, Span)>,
    start: Start,
}

struct RoleDecl {
    span: Span,
    unit: Option<(UnitId, Span)>,
    head: Option<Span>,
    reports_to: Option<(RoleId, Span)>,
    holder: Option<PersonId>,
    since: Option<(PartialDate, Span)>,
    start: Start,
}

/// Where to point when a change goes wrong.
#[derive(Debug, Clone)]
struct ChangeSpans {
    whole: Span,
    subject: Span,
    target: Option<Span>,
}

/// Where the changes of every event are written, in replay order: the
/// events' own `changes`, one after another, in pieces (freed one by one
/// as the replay applies them).
type Plan = Vec<Vec<PlannedSpans>>;

/// [`ChangeSpans`] in a third of the space, while the events wait.
#[derive(Debug, Clone, Copy)]
struct PlannedSpans {
    file: FileId,
    whole: (u32, u32),
    subject: (u32, u32),
    target: Option<(u32, u32)>,
}

impl PlannedSpans {
    fn of(s: &ChangeSpans) -> Self {
        let r = |s: &Span| (s.range.start as u32, s.range.end as u32);
        PlannedSpans {
            file: s.whole.file,
            whole: r(&s.whole),
            subject: r(&s.subject),
            target: s.target.as_ref().map(r),
        }
    }

    fn whole_span(&self) -> Span {
        Span {
            file: self.file,
            range: self.whole.0 as usize..self.whole.1 as usize,
        }
    }

    fn spans(&self) -> ChangeSpans {
        let span = |(start, end): (u32, u32)| Span {
            file: self.file,
            range: start as usize..end as usize,
        };
        ChangeSpans {
            whole: span(self.whole),
            subject: span(self.subject),
            target: self.target.map(span),
        }
    }
}

struct Builder<'a> {
    sources: &'a dyn Sources,
    inputs: &'a Inputs,
    diags: Vec<Diagnostic>,
    h: History,
    keys: HashMap<&'a str, Kind>,
    /// Where each event id is written.
    event_ids: Vec<Span>,
    unit_decl: Vec<UnitDecl>,
    role_decl: Vec<RoleDecl>,
    /// Records that come into existence with each unit.
    dependents: Vec<Vec<Subject>>,
    /// When a record is planned to come into existence, for messages.
    planned: HashMap<Subject, PartialDate>,
    // Replay state that the timelines do not give directly.
    children: Vec<Vec<UnitId>>,
    members: Vec<Vec<RoleId>>,
    head_of: Vec<Option<RoleId>>,
    /// Roles whose explicit line points at each role.
    line_sources: Vec<Vec<RoleId>>,
    /// Roles whose reporting line the current step may have changed.
    dirty: Vec<(RoleId, Span)>,
    /// Generation-stamped marks for the cycle walk.
    walk_mark: Vec<u32>,
    walk_gen: u32,
    in_reported_cycle: Vec<bool>,
    /// Whether each unit and role exists now (the open end of `life`).
    unit_alive: Vec<bool>,
    role_alive: Vec<bool>,
    /// Each role's holder now (the open end of `holder`), and the roles
    /// each person holds now, in the order taken.
    holding: Vec<Option<Holding>>,
    held: Vec<Vec<RoleId>>,
    /// The open ends of each role's `unit` and `line` and each unit's
    /// `parent`, for the reporting-line walks.
    unit_now: Vec<Option<UnitId>>,
    line_now: Vec<Option<RoleId>>,
    parent_now: Vec<Option<UnitId>>,
    /// Each list of event sources stored so far, by its items.
    source_ids: HashMap<Box<[&'a str]>, u32>,
    source_buf: Vec<&'a str>,
}

fn spanned_str<'a>(s: &Field<'a>) -> &'a str {
    s.text
}

impl<'a> Builder<'a> {
    fn new(sources: &'a dyn Sources, inputs: &'a Inputs) -> Self {
        Builder {
            sources,
            inputs,
            diags: Vec::new(),
            h: History {
                files: sources.file_paths(),
                ..History::default()
            },
            keys: HashMap::default(),
            event_ids: Vec::new(),
            unit_decl: Vec::new(),
            role_decl: Vec::new(),
            dependents: Vec::new(),
            planned: HashMap::default(),
            children: Vec::new(),
            members: Vec::new(),
            head_of: Vec::new(),
            line_sources: Vec::new(),
            dirty: Vec::new(),
            walk_mark: Vec::new(),
            walk_gen: 0,
            in_reported_cycle: Vec::new(),
            unit_alive: Vec::new(),
            role_alive: Vec::new(),
            holding: Vec::new(),
            held: Vec::new(),
            unit_now: Vec::new(),
            line_now: Vec::new(),
            parent_now: Vec::new(),
            source_ids: HashMap::default(),
            source_buf: Vec::new(),
        }
    }

    /// The builder without the records it was made from (and the index of
    /// their ids, which borrows them): what the replay proper needs.
    fn detach<'b>(self, sources: &'b dyn Sources, inputs: &'b Inputs) -> Builder<'b> {
        let Builder {
            sources: _,
            inputs: _,
            diags,
            h,
            keys: _,
            event_ids: _,
            unit_decl,
            role_decl,
            dependents,
            planned,
            children,
            members,
            head_of,
            line_sources,
            dirty,
            walk_mark,
            walk_gen,
            in_reported_cycle,
            unit_alive,
            role_alive,
            holding,
            held,
            unit_now,
            line_now,
            parent_now,
            source_ids: _,
            source_buf: _,
        } = self;
        Builder {
            sources,
            inputs,
            diags,
            h,
            keys: HashMap::default(),
            event_ids: Vec::new(),
            unit_decl,
            role_decl,
            dependents,
            planned,
            children,
            members,
            head_of,
            line_sources,
            dirty,
            walk_mark,
            walk_gen,
            in_reported_cycle,
            unit_alive,
            role_alive,
            holding,
            held,
            unit_now,
            line_now,
            parent_now,
            source_ids: HashMap::default(),
            source_buf: Vec::new(),
        }
    }

    /// The event sources `r` of `input`, stored once in the history.
    fn intern_sources(&mut self, input: &'a FileInput, r: &std::ops::Range<u32>) -> SourceList {
        self.source_buf.clear();
        self.source_buf.extend(input.list(r));
        if let Some(&i) = self.source_ids.get(self.source_buf.as_slice()) {
            return SourceList(i);
        }
        let i = u32::try_from(self.h.source_lists.len()).unwrap_or(u32::MAX);
        self.h
            .source_lists
            .push(self.source_buf.iter().map(|s| Box::from(*s)).collect());
        self.source_ids
            .insert(self.source_buf.clone().into_boxed_slice(), i);
        SourceList(i)
    }

    fn error(&mut self, code: Code, span: &Span, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::new(code, message, span.clone());
        d.help = help;
        self.diags.push(d);
    }

    fn loc(&self, span: &Span) -> Loc {
        loc_of(self.sources, span)
    }

    // ----- 1. registration -------------------------------------------------

    fn claim_key(&mut self, id: &Field<'a>, file: FileId, kind: Kind) -> Span {
        let span = Span {
            file,
            range: id.span(),
        };
        let text = spanned_str(id);
        if !Key::is_valid(text) {
            self.error(Code::InvalidId,
                &span,
                format!("'{text}' is not a valid id"),
                Some("ids are lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. 'daniel-zhang'".into()),
            );
        }
        if let Some(other) = self.keys.get(text).copied() {
            let first = self.first_claim(other);
            let pos = self.sources.position(first.file, first.range.start);
            let path = self.sources.path(first.file).display().to_string();
            self.error(Code::DuplicateId,
                &span,
                format!("duplicate id '{text}'"),
                Some(format!(
                    "'{text}' is already {} at {path}:{}:{}; ids are unique across units, roles, people and events",
                    other.noun(),
                    pos.line,
                    pos.column
                )),
            );
        } else {
            let kind = match kind {
                Kind::Event(_) => {
                    self.event_ids.push(span.clone());
                    Kind::Event(self.event_ids.len() as u32 - 1)
                }
                other => other,
            };
            self.keys.insert(text, kind);
        }
        span
    }

    /// Registers every record; returns the event records in load order.
    /// Without `events`, registers the declarations only (not the ids of
    /// events) and returns no events.
    fn register(&mut self, events: bool) -> Vec<(FileId, &'a FileInput, &'a EventIn)> {
        let claim_events = events;
        let inputs: &'a Inputs = self.inputs;
        let mut events = Vec::new();
        let mut pending_units = Vec::new();
        let mut pending_roles = Vec::new();
        let records: usize = inputs
            .iter()
            .map(|(_, f)| f.units.len() + f.people.len() + f.roles.len() + f.events.len())
            .sum();
        self.keys.reserve(records);
        let strings = |f: &FileInput, r: &std::ops::Range<u32>| -> Vec<String> {
            f.list(r).map(String::from).collect()
        };
        for (file, input) in inputs.iter() {
            self.h.units.reserve(input.units.len());
            for u in &input.units {
                let id = UnitId::new(self.h.units.len());
                let key = input.field(u.id);
                let span = self.claim_key(&key, file, Kind::Unit(id));
                let declared = self.loc(&span);
                self.h.units.push(Unit {
                    key: Key::new(key.text),
                    declared,
                    kind: input.opt(u.kind).map(String::from),
                    notes: Notes {
                        aka: strings(input, &u.aka),
                        note: input.opt(u.note).map(String::from),
                        sources: strings(input, &u.sources),
                    },
                    life: Timeline::default(),
                    name: Timeline::default(),
                    parent: Timeline::default(),
                    attributes: Default::default(),
                    dissolved_into: None,
                });
                pending_units.push((
                    file,
                    span,
                    input.str(u.name),
                    u.parent.map(|p| input.field(p)),
                    u.since,
                ));
            }
            self.h.people.reserve(input.people.len());
            for p in &input.people {
                let id = PersonId::new(self.h.people.len());
                let key = input.field(p.id);
                let span = self.claim_key(&key, file, Kind::Person(id));
                let declared = self.loc(&span);
                self.h.people.push(Person {
                    key: Key::new(key.text),
                    declared,
                    name: input.str(p.name).to_string(),
                    notes: Notes {
                        aka: strings(input, &p.aka),
                        note: input.opt(p.note).map(String::from),
                        sources: strings(input, &p.sources),
                    },
                    tenures: Vec::new(),
                });
            }
            self.h.roles.reserve(input.roles.len());
            for r in &input.roles {
                let id = RoleId::new(self.h.roles.len());
                let key = input.field(r.id);
                let span = self.claim_key(&key, file, Kind::Role(id));
                let declared = self.loc(&span);
                self.h.roles.push(Role {
                    key: Key::new(key.text),
                    declared,
                    notes: Notes {
                        aka: strings(input, &r.aka),
                        note: input.opt(r.note).map(String::from),
                        sources: strings(input, &r.sources),
                    },
                    life: Timeline::default(),
                    title: Timeline::default(),
                    unit: Timeline::default(),
                    head: Timeline::default(),
                    line: Timeline::default(),
                    holder: Timeline::default(),
                    attributes: Default::default(),
                });
                pending_roles.push((
                    file,
                    span,
                    input.str(r.title),
                    input.field(r.unit),
                    r.head,
                    r.reports_to.map(|s| input.field(s)),
                    r.holder.map(|s| input.field(s)),
                    r.since,
                ));
            }
            for e in input.events.iter().filter(|_| claim_events) {
                if let Some(id) = e.id {
                    self.claim_key(&input.field(id), file, Kind::Event(0));
                }
                events.push((file, input, e));
            }
        }
        // Declarations are resolved once every id is known.
        let n_units = self.h.units.len();
        self.children = vec![Vec::new(); n_units];
        self.members = vec![Vec::new(); n_units];
        self.head_of = vec![None; n_units];
        self.dependents = vec![Vec::new(); n_units];
        self.line_sources = vec![Vec::new(); self.h.roles.len()];
        self.walk_mark = vec![0; self.h.roles.len()];
        self.in_reported_cycle = vec![false; self.h.roles.len()];
        self.unit_alive = vec![false; n_units];
        self.role_alive = vec![false; self.h.roles.len()];
        self.holding = vec![None; self.h.roles.len()];
        self.held = vec![Vec::new(); self.h.people.len()];
        self.unit_now = vec![None; self.h.roles.len()];
        self.line_now = vec![None; self.h.roles.len()];
        self.parent_now = vec![None; n_units];
        let spanned_date = |file: FileId, d: Val<PartialDate>| {
            (
                d.value,
                Span {
                    file,
                    range: d.span(),
                },
            )
        };
        self.unit_decl.reserve(pending_units.len());
        for (i, (file, span, name, parent, since)) in pending_units.into_iter().enumerate() {
            self.h.units[i].name = timeline_seed(name.to_string());
            let parent = parent.and_then(|p| {
                let s = Span {
                    file,
                    range: p.span(),
                };
                self.unit_ref(file, &p).map(|u| (u, s))
            });
            let since = since.map(|d| spanned_date(file, d));
            self.unit_decl.push(UnitDecl {
                span,
                parent,
                since,
                start: Start::WithContainer,
            });
        }
        self.role_decl.reserve(pending_roles.len());
        for (i, (file, span, title, unit, head, reports_to, holder, since)) in
            pending_roles.into_iter().enumerate()
        {
            self.h.roles[i].title = timeline_seed(title.to_string());
            let unit = {
                let s = Span {
                    file,
                    range: unit.span(),
                };
                self.unit_ref(file, &unit).map(|u| (u, s))
            };
            let head = head.filter(|h| h.value).map(|h| Span {
                file,
                range: h.span(),
            });
            let reports_to = reports_to.and_then(|r| {
                let s = Span {
                    file,
                    range: r.span(),
                };
                self.role_ref(file, &r).map(|id| (id, s))
            });
            let holder = holder.and_then(|p| self.person_ref(file, &p));
            let since = since.map(|d| spanned_date(file, d));
            self.role_decl.push(RoleDecl {
                span,
                unit,
                head,
                reports_to,
                holder,
                since,
                start: Start::WithContainer,
            });
        }
        events
    }

    /// Where the record that first claimed an id declares it.
    fn first_claim(&self, kind: Kind) -> Span {
        match kind {
            Kind::Unit(u) => self.h.units[u.index()].declared.span(),
            Kind::Role(r) => self.h.roles[r.index()].declared.span(),
            Kind::Person(p) => self.h.people[p.index()].declared.span(),
            Kind::Event(i) => self.event_ids[i as usize].clone(),
        }
    }

    // ----- references --------------------------------------------------------

    fn lookup(&mut self, file: FileId, id: &Field<'a>, want: &str) -> Option<Kind> {
        let span = Span {
            file,
            range: id.span(),
        };
        let text = spanned_str(id);
        match self.keys.get(text) {
            Some(kind) => Some(*kind),
            None => {
                let candidates: Vec<&str> = self
                    .keys
                    .iter()
                    .filter(|(_, k)| k.noun() == want)
                    .map(|(k, _)| *k)
                    .collect();
                let help = closest(text, candidates.iter().copied())
                    .map(|c| format!("did you mean '{c}'?"))
                    .or_else(|| {
                        let mut some: Vec<&str> = candidates;
                        some.sort_unstable();
                        (!some.is_empty()).then(|| {
                            let list = some.iter().take(8).copied().collect::<Vec<_>>().join(", ");
                            format!(
                                "known ids of {want}: {list}{}",
                                if some.len() > 8 { ", ..." } else { "" }
                            )
                        })
                    });
                let noun = want.trim_start_matches("a ").trim_start_matches("n ");
                self.error(
                    Code::UnknownReference,
                    &span,
                    format!("unknown {noun} '{text}'"),
                    help,
                );
                None
            }
        }
    }

    fn wrong_kind(&mut self, file: FileId, id: &Field<'a>, got: Kind, want: &str) {
        let span = Span {
            file,
            range: id.span(),
        };
        self.error(
            Code::WrongKind,
            &span,
            format!("'{}' is {}, not {want}", spanned_str(id), got.noun()),
            None,
        );
    }

    fn unit_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<UnitId> {
        match self.lookup(file, id, "a unit")? {
            Kind::Unit(u) => Some(u),
            other => {
                self.wrong_kind(file, id, other, "a unit");
                None
            }
        }
    }

    fn role_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<RoleId> {
        match self.lookup(file, id, "a role")? {
            Kind::Role(r) => Some(r),
            other => {
                self.wrong_kind(file, id, other, "a role");
                None
            }
        }
    }

    fn person_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<PersonId> {
        match self.lookup(file, id, "a person")? {
            Kind::Person(p) => Some(p),
            other => {
                self.wrong_kind(file, id, other, "a person");
                None
            }
        }
    }

    // ----- 2. resolution ------------------------------------------------------

    fn resolve_declarations(&mut self) {
        self.break_parent_cycles();
        for (i, d) in self.unit_decl.iter_mut().enumerate() {
            if let (Some((since, _)), Start::WithContainer) = (&d.since, d.start) {
                let since = *since;
                d.start = Start::Since(since);
            }
            if let (Start::WithContainer, Some((parent, _))) = (d.start, &d.parent) {
                self.dependents[parent.index()].push(Subject::Unit(UnitId::new(i)));
            }
        }
        for (i, d) in self.role_decl.iter_mut().enumerate() {
            if let (Some((since, _)), Start::WithContainer) = (&d.since, d.start) {
                let since = *since;
                d.start = Start::Since(since);
            }
            if let (Start::WithContainer, Some((unit, _))) = (d.start, &d.unit) {
                self.dependents[unit.index()].push(Subject::Role(RoleId::new(i)));
            }
        }
    }

    /// Reports declared `parent` links that go round in a circle (each unit
    /// would wait for the other to exist) and cuts each circle once.
    fn break_parent_cycles(&mut self) {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut mark = vec![NEW; self.unit_decl.len()];
        for start in 0..self.unit_decl.len() {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(u) = cur {
                match mark[u] {
                    DONE => break,
                    ON_PATH => {
                        let at = path.iter().position(|&p| p == u).unwrap_or(0);
                        let mut names: Vec<&str> = path[at..]
                            .iter()
                            .map(|&p: &usize| self.h.units[p].key.as_str())
                            .collect();
                        names.push(self.h.units[u].key.as_str());
                        let msg = format!("unit parents form a cycle: {}", names.join(" → "));
                        let (_, span) = self.unit_decl[u].parent.take().expect("on a parent path");
                        self.error(Code::ParentCycle, &span, msg, Some("a unit cannot lie inside itself: remove one of these `parent` keys".into()));
                        break;
                    }
                    _ => {
                        mark[u] = ON_PATH;
                        path.push(u);
                        cur = self.unit_decl[u].parent.as_ref().map(|(p, _)| p.index());
                    }
                }
            }
            for p in path {
                mark[p] = DONE;
            }
        }
    }

    /// Sorts the events into replay order, gives them ids and resolves their
    /// changes.
    fn resolve_events(&mut self, records: Vec<(FileId, &'a FileInput, &'a EventIn)>) -> Plan {
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by_key(|&i| records[i].2.date.value.first_day());
        let mut taken: HashSet<String> = HashSet::default();
        let mut plan: Vec<PlannedSpans> = Vec::with_capacity(order.len());
        self.h.events.reserve(order.len());
        for i in order {
            let (file, input, rec) = records[i];
            let date = rec.date.value;
            let title = input.opt(rec.title);
            let key = match rec.id {
                Some(id) => Key::new(input.str(id)),
                None => self.generated_key(date, title, file, &mut taken, None),
            };
            let span = Span {
                file,
                range: rec.date.span(),
            };
            let loc = self.loc(&span);
            let mut changes = Vec::with_capacity(rec.changes.len());
            let first = plan.len();
            for c in &input.changes[rec.changes.start as usize..rec.changes.end as usize] {
                if let Some((change, spans)) = self.resolve_change(file, &input.view(c)) {
                    if let Change::Create(subject) = change
                        && !self.mark_created_by_event(subject, date, &spans)
                    {
                        continue;
                    }
                    changes.push(change);
                    plan.push(PlannedSpans::of(&spans));
                }
            }
            let sources = self.intern_sources(input, &rec.sources);
            self.h.events.push(Event {
                key,
                date,
                reported: rec.reported,
                title: title.map(Box::from),
                sources,
                note: input.opt(rec.note).map(Box::from),
                loc,
                changes: changes.into_boxed_slice(),
                change_locs: plan[first..]
                    .iter()
                    .map(|s| self.loc(&s.whole_span()))
                    .collect(),
            });
        }
        vec![plan]
    }

    /// [`Self::resolve_events`] for valid data, file by file on every core;
    /// `None` on any problem. Each file of events only is dropped as soon
    /// as its events are resolved; the events of the files that declare
    /// records (kept for the index of ids) are resolved the same way.
    fn resolve_files_quick(&mut self, event_files: Vec<(FileId, FileInput)>) -> Option<Plan> {
        let keys = &self.keys;
        let sources = self.sources;
        let count: usize = event_files.iter().map(|(_, f)| f.events.len()).sum();
        // Unit tests run the parallel path on small data too.
        let parallel_from = if cfg!(test) { 64 } else { 20_000 };
        let one =
            |(file, input): (FileId, FileInput)| resolve_file_quick(keys, sources, file, &input);
        let mut files: Vec<FileEvents> = if count >= parallel_from {
            use rayon::prelude::*;
            event_files
                .into_par_iter()
                .map(one)
                .collect::<Option<_>>()?
        } else {
            event_files.into_iter().map(one).collect::<Option<_>>()?
        };
        for (file, input) in self.inputs.iter() {
            if !input.events.is_empty() {
                files.push(resolve_file_quick(keys, sources, file, input)?);
            }
        }
        files.sort_unstable_by_key(|f| f.file);
        // Replay order: by day, then load order (what the stable sort of
        // `resolve_events` gives); each file's events are in that order.
        let mut order: Vec<(chrono::NaiveDate, u32, u32)> = Vec::new();
        order.reserve_exact(files.iter().map(|f| f.events.len()).sum());
        for (i, f) in files.iter().enumerate() {
            for (n, e) in f.events.iter().enumerate() {
                order.push((e.date.first_day(), i as u32, n as u32));
            }
        }
        order.sort_unstable();
        // Ids unique across records and events; ids for events without one.
        let mut generated: Vec<(u32, u32, Key)> = Vec::new();
        {
            let mut ids: HashSet<&str> = HashSet::default();
            ids.reserve(order.len());
            for f in &files {
                for e in &f.events {
                    let id = e.key.as_str();
                    if !id.is_empty() && (self.keys.contains_key(id) || !ids.insert(id)) {
                        return None;
                    }
                }
            }
            let mut taken: HashSet<String> = HashSet::default();
            for &(_, i, n) in &order {
                let f = &files[i as usize];
                let e = &f.events[n as usize];
                if e.key.as_str().is_empty() {
                    let title = e.title.as_deref();
                    let key = self.generated_key(e.date, title, f.file, &mut taken, Some(&ids));
                    generated.push((i, n, key));
                }
            }
        }
        for (i, n, key) in generated {
            files[i as usize].events[n as usize].key = key;
        }
        // The events in replay order, each file's list freed once taken.
        let mut global: HashMap<Box<[Box<str>]>, u32> = HashMap::default();
        let mut lists: Vec<Vec<u32>> = files
            .iter()
            .map(|f| vec![u32::MAX; f.source_lists.len()])
            .collect();
        let mut source_lists: Vec<Vec<Box<[Box<str>]>>> = Vec::with_capacity(files.len());
        let mut takes: Vec<(std::vec::IntoIter<Event>, std::vec::IntoIter<PlannedSpans>)> =
            Vec::with_capacity(files.len());
        for f in files {
            source_lists.push(f.source_lists);
            takes.push((f.events.into_iter(), f.plan.into_iter()));
        }
        let mut events: Vec<Event> = Vec::with_capacity(order.len());
        // In pieces, which the replay frees as it goes.
        const PIECE: usize = 1 << 16;
        let mut plan: Plan = Vec::new();
        let mut piece: Vec<PlannedSpans> = Vec::with_capacity(PIECE);
        for &(_, i, _) in &order {
            let i = i as usize;
            let (file_events, file_plan) = &mut takes[i];
            let mut event = file_events.next()?;
            for change in &event.changes {
                let s = file_plan.next()?;
                if let Change::Create(subject) = *change
                    && !self.mark_created_by_event(subject, event.date, &s.spans())
                {
                    return None;
                }
                if piece.len() == PIECE {
                    plan.push(std::mem::replace(&mut piece, Vec::with_capacity(PIECE)));
                }
                piece.push(s);
            }
            let local = event.sources.0 as usize;
            let known = lists[i].get_mut(local)?;
            if *known == u32::MAX {
                let items = source_lists[i].get_mut(local)?;
                *known = match global.get(&**items) {
                    Some(&g) => g,
                    None => {
                        let g = u32::try_from(self.h.source_lists.len()).ok()?;
                        global.insert(items.clone(), g);
                        self.h.source_lists.push(std::mem::take(items));
                        g
                    }
                };
            }
            event.sources = SourceList(*known);
            events.push(event);
            if file_events.len() == 0 {
                // Frees the file's lists.
                takes[i] = (Vec::new().into_iter(), Vec::new().into_iter());
            }
        }
        piece.shrink_to_fit();
        plan.push(piece);
        self.h.events = events;
        Some(plan)
    }

    /// A stable id for an event written without one: its date and title,
    /// e.g. `2023-05-10-alibaba-eliminates-its-cto-position`.
    fn generated_key(
        &self,
        date: PartialDate,
        title: Option<&str>,
        file: FileId,
        taken: &mut HashSet<String>,
        ids: Option<&HashSet<&str>>,
    ) -> Key {
        let date = date.to_string();
        let words = title.map(String::from).unwrap_or_else(|| {
            self.sources
                .path(file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let mut slug = String::new();
        for c in format!("{date} {words}").chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= 60 {
                break;
            }
        }
        let base = slug.trim_matches('-').to_string();
        let mut key = base.clone();
        let mut n = 1;
        while self.keys.contains_key(key.as_str())
            || taken.contains(&key)
            || ids.is_some_and(|ids| ids.contains(key.as_str()))
        {
            n += 1;
            key = format!("{base}-{n}");
        }
        taken.insert(key.clone());
        Key::new(&key)
    }

    /// Records that `subject` comes into existence by an event; false (and
    /// an error) when it is declared with `since`.
    fn mark_created_by_event(
        &mut self,
        subject: Subject,
        date: PartialDate,
        spans: &ChangeSpans,
    ) -> bool {
        let (since, start) = match subject {
            Subject::Unit(u) => {
                let d = &mut self.unit_decl[u.index()];
                (d.since.clone(), &mut d.start)
            }
            Subject::Role(r) => {
                let d = &mut self.role_decl[r.index()];
                (d.since.clone(), &mut d.start)
            }
        };
        if since.is_some() {
            self.error(
                Code::CreatedTwice,
                &spans.subject,
                "this record is declared with `since` and also created by an event",
                Some(
                    "a record comes into existence once: remove its `since`, or this `create`"
                        .into(),
                ),
            );
            return false;
        }
        *start = Start::ByEvent;
        self.planned.entry(subject).or_insert(date);
        true
    }

    /// When `s` is planned to come into existence, if ever.
    fn planned_start(&self, s: Subject) -> Option<PartialDate> {
        let mut cur = s;
        for _ in 0..=self.h.units.len() {
            if let Some(d) = self.planned.get(&cur) {
                return Some(*d);
            }
            cur = match cur {
                Subject::Unit(u) => Subject::Unit(self.unit_decl[u.index()].parent.as_ref()?.0),
                Subject::Role(r) => Subject::Unit(self.role_decl[r.index()].unit.as_ref()?.0),
            };
        }
        None
    }

    /// Checks a change's shape, then resolves the ids it names.
    fn resolve_change(
        &mut self,
        file: FileId,
        rec: &ChangeView<'a>,
    ) -> Option<(Change, ChangeSpans)> {
        resolve_change(self, file, rec)
    }
}

/// The events of one file, resolved, in replay order (by day, then
/// position in the file).
struct FileEvents {
    file: FileId,
    /// `sources` indexes `source_lists`, the file's own; an empty key
    /// marks an event written without an id.
    events: Vec<Event>,
    /// The spans of the events' changes, one after another.
    plan: Vec<PlannedSpans>,
    source_lists: Vec<Box<[Box<str>]>>,
}

/// Resolves the events of one file quietly; `None` on any problem.
fn resolve_file_quick(
    keys: &HashMap<&str, Kind>,
    sources: &dyn Sources,
    file: FileId,
    input: &FileInput,
) -> Option<FileEvents> {
    let mut order: Vec<(chrono::NaiveDate, u32)> = input
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date.value.first_day(), i as u32))
        .collect();
    order.sort_unstable();
    let mut q = Quick {
        keys,
        failed: false,
    };
    let mut out = FileEvents {
        file,
        events: Vec::with_capacity(order.len()),
        plan: Vec::new(),
        source_lists: Vec::new(),
    };
    let mut local: HashMap<Vec<&str>, u32> = HashMap::default();
    let mut buf: Vec<&str> = Vec::new();
    for (_, i) in order {
        let rec = input.events.get(i as usize)?;
        let key = match rec.id {
            Some(id) if Key::is_valid(input.str(id)) => Key::new(input.str(id)),
            Some(_) => return None,
            None => Key::new(""),
        };
        let span = Span {
            file,
            range: rec.date.span(),
        };
        let first = out.plan.len();
        let changes = &input.changes[rec.changes.start as usize..rec.changes.end as usize];
        let mut resolved = Vec::with_capacity(changes.len());
        for c in changes {
            let (change, spans) = resolve_change(&mut q, file, &input.view(c))?;
            resolved.push(change);
            out.plan.push(PlannedSpans::of(&spans));
        }
        buf.clear();
        buf.extend(input.list(&rec.sources));
        let list = match local.get(buf.as_slice()) {
            Some(&n) => n,
            None => {
                let n = u32::try_from(out.source_lists.len()).ok()?;
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
    (!q.failed).then_some(out)
}

/// Resolving the ids of a change: with diagnostics ([`Builder`]), or
/// quietly on the fast path ([`Quick`]).
trait Resolve<'a> {
    fn unit_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<UnitId>;
    fn role_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<RoleId>;
    fn person_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<PersonId>;
    fn problems(&mut self, problems: Vec<Diagnostic>);
}

impl<'a> Resolve<'a> for Builder<'a> {
    fn unit_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<UnitId> {
        Builder::unit_ref(self, file, id)
    }

    fn role_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<RoleId> {
        Builder::role_ref(self, file, id)
    }

    fn person_ref(&mut self, file: FileId, id: &Field<'a>) -> Option<PersonId> {
        Builder::person_ref(self, file, id)
    }

    fn problems(&mut self, problems: Vec<Diagnostic>) {
        self.diags.extend(problems);
    }
}

/// Resolves ids with no diagnostics: any problem sets `failed`, and the
/// load is redone the careful way.
struct Quick<'k, 'a> {
    keys: &'k HashMap<&'a str, Kind>,
    failed: bool,
}

impl<'a> Quick<'_, 'a> {
    fn kind(&mut self, id: &Field<'a>) -> Option<Kind> {
        let k = self.keys.get(id.text).copied();
        self.failed |= k.is_none();
        k
    }
}

impl<'a> Resolve<'a> for Quick<'_, 'a> {
    fn unit_ref(&mut self, _: FileId, id: &Field<'a>) -> Option<UnitId> {
        match self.kind(id)? {
            Kind::Unit(u) => Some(u),
            _ => {
                self.failed = true;
                None
            }
        }
    }

    fn role_ref(&mut self, _: FileId, id: &Field<'a>) -> Option<RoleId> {
        match self.kind(id)? {
            Kind::Role(r) => Some(r),
            _ => {
                self.failed = true;
                None
            }
        }
    }

    fn person_ref(&mut self, _: FileId, id: &Field<'a>) -> Option<PersonId> {
        match self.kind(id)? {
            Kind::Person(p) => Some(p),
            _ => {
                self.failed = true;
                None
            }
        }
    }

    fn problems(&mut self, _: Vec<Diagnostic>) {
        self.failed = true;
    }
}

/// Checks a change's shape, then resolves the ids it names.
fn resolve_change<'a, R: Resolve<'a>>(
    b: &mut R,
    file: FileId,
    rec: &ChangeView<'a>,
) -> Option<(Change, ChangeSpans)> {
    {
        let shape = match shape::shape(file, rec) {
            Ok(shape) => shape,
            Err(problems) => {
                b.problems(problems);
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
        let subject = |b: &mut R, s: SubjectRef<'a>| match s {
            SubjectRef::Unit(u) => b.unit_ref(file, &u).map(Subject::Unit),
            SubjectRef::Role(r) => b.role_ref(file, &r).map(Subject::Role),
        };
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

impl<'a> Builder<'a> {
    // ----- 3. replay -----------------------------------------------------------

    fn run(&mut self, plan: Plan) {
        // Declared creations with a `since`, in date then load order.
        let mut dated: Vec<(PartialDate, Subject)> = Vec::new();
        for (i, d) in self.unit_decl.iter().enumerate() {
            if let Start::Since(s) = d.start {
                dated.push((s, Subject::Unit(UnitId::new(i))));
            }
        }
        for (i, d) in self.role_decl.iter().enumerate() {
            if let Start::Since(s) = d.start {
                dated.push((s, Subject::Role(RoleId::new(i))));
            }
        }
        dated.sort_by_key(|(d, s)| (d.first_day(), matches!(s, Subject::Role(_))));
        for (d, s) in &dated {
            self.planned.insert(*s, *d);
        }

        // Before the first recorded event: top-level units without `since`,
        // and everything that comes with them.
        let roots: Vec<UnitId> = (0..self.unit_decl.len())
            .map(UnitId::new)
            .filter(|u| {
                let d = &self.unit_decl[u.index()];
                d.start == Start::WithContainer && d.parent.is_none()
            })
            .collect();
        for u in roots {
            let stamp = Stamp {
                date: None,
                origin: Origin::Declared(Declared::Unit(u)),
            };
            self.create(Subject::Unit(u), stamp, None);
        }
        self.check_lines(Step::Declarations);

        let mut next_dated = 0;
        // Each piece of the plan is freed once applied.
        let mut spans = plan.into_iter().flatten();
        for i in 0..self.h.events.len() {
            let event = EventId::new(i);
            let date = self.h.events[i].date;
            while next_dated < dated.len() && dated[next_dated].0.first_day() <= date.first_day() {
                self.create_declared(dated[next_dated]);
                next_dated += 1;
            }
            self.check_lines(Step::Declarations);
            let stamp = Stamp {
                date: Some(date),
                origin: Origin::Event(event),
            };
            // Taken out while applied, and put back.
            let changes = std::mem::take(&mut self.h.events[i].changes);
            for change in &changes {
                let spans = spans.next().expect("one place per change").spans();
                self.apply(change, stamp, &spans);
            }
            self.h.events[i].changes = changes;
            self.check_lines(Step::Event);
        }
        while next_dated < dated.len() {
            self.create_declared(dated[next_dated]);
            next_dated += 1;
        }
        self.check_lines(Step::Declarations);
    }

    fn create_declared(&mut self, (date, subject): (PartialDate, Subject)) {
        let stamp = Stamp {
            date: Some(date),
            origin: Origin::Declared(Declared::of(subject)),
        };
        self.create(subject, stamp, None);
    }

    fn unit_alive(&self, u: UnitId) -> bool {
        self.unit_alive[u.index()]
    }

    fn role_alive(&self, r: RoleId) -> bool {
        self.role_alive[r.index()]
    }

    fn subject_key(&self, s: Subject) -> (&'static str, &str) {
        match s {
            Subject::Unit(u) => ("unit", self.h.units[u.index()].key.as_str()),
            Subject::Role(r) => ("role", self.h.roles[r.index()].key.as_str()),
        }
    }

    /// Why `s` does not exist on `stamp`'s date, as message and help.
    fn not_alive(&self, s: Subject, stamp: Stamp) -> (String, Option<String>) {
        let (noun, key) = self.subject_key(s);
        let on = stamp
            .date
            .map_or("before the first event".to_string(), |d| format!("on {d}"));
        let life = match s {
            Subject::Unit(u) => &self.h.units[u.index()].life,
            Subject::Role(r) => &self.h.roles[r.index()].life,
        };
        if let Some(iv) = life.intervals().last() {
            let ended = iv.until.map(|u| self.describe_stamp(u)).unwrap_or_default();
            let verb = if noun == "unit" {
                "dissolved"
            } else {
                "eliminated"
            };
            return (
                format!("{noun} '{key}' no longer exists {on}"),
                Some(format!("it was {verb} {ended}")),
            );
        }
        let help = self.planned_start(s).map(|d| format!("it comes into existence on {d}")).or_else(|| {
            Some(format!("it never comes into existence: give it a `since` date, or create it with {{ op = \"create\", {noun} = \"{key}\" }}"))
        });
        (format!("{noun} '{key}' does not exist yet {on}"), help)
    }

    fn describe_stamp(&self, s: Stamp) -> String {
        let date = s
            .date
            .map_or("before the first event".to_string(), |d| format!("on {d}"));
        match s.origin {
            Origin::Event(e) => format!("{date} by event '{}'", self.h.events[e.index()].key),
            Origin::Declared(d) => {
                let loc = self.h.declared_loc(d);
                format!(
                    "{date} (declared at {}:{})",
                    self.sources.path(loc.file).display(),
                    loc.line
                )
            }
        }
    }

    fn alive_or_error(&mut self, s: Subject, stamp: Stamp, span: &Span) -> bool {
        let alive = match s {
            Subject::Unit(u) => self.unit_alive(u),
            Subject::Role(r) => self.role_alive(r),
        };
        if !alive {
            let (msg, help) = self.not_alive(s, stamp);
            self.error(Code::NotInExistence, span, msg, help);
        }
        alive
    }

    /// Brings a record into existence, with everything that waits for it.
    /// `span` is the change that asked for it (none for declarations).
    fn create(&mut self, subject: Subject, stamp: Stamp, change: Option<&Span>) {
        match subject {
            Subject::Unit(u) => {
                let decl_span = self.unit_decl[u.index()].span.clone();
                let span = change.unwrap_or(&decl_span).clone();
                if let Some(parent) = self.unit_decl[u.index()].parent.clone() {
                    if !self.alive_or_error(
                        Subject::Unit(parent.0),
                        stamp,
                        change.unwrap_or(&parent.1),
                    ) {
                        return;
                    }
                    self.h.units[u.index()].parent.begin(parent.0, stamp);
                    self.parent_now[u.index()] = Some(parent.0);
                    self.children[parent.0.index()].push(u);
                }
                self.unit_alive[u.index()] = true;
                let unit = &mut self.h.units[u.index()];
                unit.life.begin((), stamp);
                restamp_seed(&mut unit.name, stamp);
                self.dirty_unit(u, &span);
            }
            Subject::Role(r) => {
                let decl = &self.role_decl[r.index()];
                let Some((unit, unit_span)) = decl.unit.clone() else {
                    return;
                };
                let (head, holder) = (decl.head.clone(), decl.holder);
                let (reports_to, line_span) = match &decl.reports_to {
                    Some((t, s)) => (Some(*t), s.clone()),
                    None => (None, decl.span.clone()),
                };
                // A cycle is reported at the change that made the role, or
                // at its declared line.
                let span = change.unwrap_or(&line_span).clone();
                if !self.alive_or_error(Subject::Unit(unit), stamp, change.unwrap_or(&unit_span)) {
                    return;
                }
                if let Some(head_span) = &head
                    && !self.claim_head(r, unit, change.unwrap_or(head_span))
                {
                    return;
                }
                self.role_alive[r.index()] = true;
                let role = &mut self.h.roles[r.index()];
                role.life.begin((), stamp);
                restamp_seed(&mut role.title, stamp);
                role.unit.begin(unit, stamp);
                self.unit_now[r.index()] = Some(unit);
                role.head.begin(head.is_some(), stamp);
                if let Some(t) = reports_to {
                    role.line.begin(t, stamp);
                    self.line_now[r.index()] = Some(t);
                    self.line_sources[t.index()].push(r);
                }
                if let Some(p) = holder {
                    let holding = Holding {
                        person: p,
                        acting: false,
                    };
                    let i = self.h.roles[r.index()].holder.begin(holding, stamp);
                    self.h.people[p.index()].tenures.push((r, i));
                    self.hold(r, holding);
                }
                self.members[unit.index()].push(r);
                self.dirty.push((r, span.clone()));
                if head.is_some() {
                    self.dirty_unit(unit, &span);
                }
            }
        }
        if let Subject::Unit(u) = subject {
            let deps = std::mem::take(&mut self.dependents[u.index()]);
            for d in &deps {
                // Created by the same event; or, with a declared container,
                // by the record's own declaration (which `history` and
                // `why` point at), on the same date.
                let own = match stamp.origin {
                    Origin::Event(_) => stamp,
                    Origin::Declared(_) => Stamp {
                        date: stamp.date,
                        origin: Origin::Declared(Declared::of(*d)),
                    },
                };
                self.create(*d, own, None);
            }
            self.dependents[u.index()] = deps;
        }
    }

    /// Makes `r` the head of `unit`, unless the unit has one.
    fn claim_head(&mut self, r: RoleId, unit: UnitId, span: &Span) -> bool {
        if let Some(other) = self.head_of[unit.index()] {
            let msg = format!(
                "unit '{}' would have two heads: '{}' and '{}'",
                self.h.units[unit.index()].key,
                self.h.roles[other.index()].key,
                self.h.roles[r.index()].key
            );
            self.error(Code::TwoHeads,
                span,
                msg,
                Some("a unit has at most one head role at a time: eliminate or move the other head first, or set head = false".into()),
            );
            return false;
        }
        self.head_of[unit.index()] = Some(r);
        true
    }

    fn apply(&mut self, change: &Change, stamp: Stamp, spans: &ChangeSpans) {
        match *change {
            Change::Create(subject) => {
                let life = match subject {
                    Subject::Unit(u) => &self.h.units[u.index()].life,
                    Subject::Role(r) => &self.h.roles[r.index()].life,
                };
                if !life.intervals().is_empty() {
                    let (noun, key) = self.subject_key(subject);
                    let when = self.describe_stamp(life.intervals()[0].from);
                    self.error(
                        Code::CreatedTwice,
                        &spans.subject,
                        format!("{noun} '{key}' is created twice"),
                        Some(format!("it already came into existence {when}")),
                    );
                    return;
                }
                self.create(subject, stamp, Some(&spans.whole));
            }
            Change::Dissolve { unit, into } => self.dissolve(unit, into, stamp, spans),
            Change::Eliminate(role) => {
                if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
                    return;
                }
                self.end_role(role, stamp, &spans.whole);
            }
            Change::MoveUnit { unit, to } => {
                if !self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject)
                    || !self.alive_or_error(
                        Subject::Unit(to),
                        stamp,
                        spans.target.as_ref().unwrap_or(&spans.whole),
                    )
                {
                    return;
                }
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                if self.is_within(to, unit) {
                    let (k, t) = (
                        self.h.units[unit.index()].key.clone(),
                        self.h.units[to.index()].key.clone(),
                    );
                    let msg = if to == unit {
                        format!("unit '{k}' cannot be moved under itself")
                    } else {
                        format!("unit '{k}' cannot be moved under '{t}', which is inside it")
                    };
                    self.error(Code::ParentCycle, &target_span, msg, Some("a unit's parent must lie outside its own subtree; move the descendant out first".into()));
                    return;
                }
                if self.h.units[unit.index()].parent.current() == Some(&to) {
                    let (k, t) = (
                        self.h.units[unit.index()].key.clone(),
                        self.h.units[to.index()].key.clone(),
                    );
                    self.error(
                        Code::AlreadySo,
                        &target_span,
                        format!("unit '{k}' is already under '{t}'"),
                        None,
                    );
                    return;
                }
                self.set_parent(unit, Some(to), stamp);
                self.dirty_unit(unit, &spans.whole);
            }
            Change::MoveRole { role, to } => {
                if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject)
                    || !self.alive_or_error(
                        Subject::Unit(to),
                        stamp,
                        spans.target.as_ref().unwrap_or(&spans.whole),
                    )
                {
                    return;
                }
                let from = *self.h.roles[role.index()].unit.current().unwrap_or(&to);
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                if from == to {
                    let (k, t) = (
                        self.h.roles[role.index()].key.clone(),
                        self.h.units[to.index()].key.clone(),
                    );
                    self.error(
                        Code::AlreadySo,
                        &target_span,
                        format!("role '{k}' is already in unit '{t}'"),
                        None,
                    );
                    return;
                }
                let is_head = self.head_of[from.index()] == Some(role);
                if is_head {
                    if !self.claim_head(role, to, &target_span) {
                        return;
                    }
                    self.head_of[from.index()] = None;
                    self.dirty_unit(from, &spans.whole);
                    self.dirty_unit(to, &spans.whole);
                }
                self.set_role_unit(role, from, to, stamp);
                self.dirty.push((role, spans.whole.clone()));
            }
            Change::RenameUnit { ref unit, ref name } => {
                if !self.alive_or_error(Subject::Unit(*unit), stamp, &spans.subject) {
                    return;
                }
                self.h.units[unit.index()]
                    .name
                    .begin(name.to_string(), stamp);
            }
            Change::RetitleRole {
                ref role,
                ref title,
            } => {
                if !self.alive_or_error(Subject::Role(*role), stamp, &spans.subject) {
                    return;
                }
                self.h.roles[role.index()]
                    .title
                    .begin(title.to_string(), stamp);
            }
            Change::Appoint {
                person,
                role,
                acting,
            } => {
                let role_span = spans.target.clone().unwrap_or(spans.whole.clone());
                if !self.alive_or_error(Subject::Role(role), stamp, &role_span) {
                    return;
                }
                let current = self.holding[role.index()];
                if current == Some(Holding { person, acting }) {
                    let since = self.h.roles[role.index()]
                        .holder
                        .intervals()
                        .last()
                        .map(|iv| self.describe_stamp(iv.from))
                        .unwrap_or_default();
                    let msg = format!(
                        "'{}' already holds role '{}'",
                        self.h.people[person.index()].key,
                        self.h.roles[role.index()].key
                    );
                    self.error(
                        Code::AlreadySo,
                        &spans.whole,
                        msg,
                        Some(format!("appointed {since}")),
                    );
                    return;
                }
                let i = self.h.roles[role.index()]
                    .holder
                    .begin(Holding { person, acting }, stamp);
                self.h.people[person.index()].tenures.push((role, i));
                self.hold(role, Holding { person, acting });
            }
            Change::Leave { person, role } => {
                let held = self.held_roles(person);
                let targets: Vec<RoleId> = match role {
                    Some(r) => {
                        if !held.contains(&r) {
                            let msg = format!(
                                "'{}' does not hold role '{}' {}",
                                self.h.people[person.index()].key,
                                self.h.roles[r.index()].key,
                                stamp.date.map_or(String::new(), |d| format!("on {d}"))
                            );
                            let help = self.held_help(&held);
                            self.error(
                                Code::NotHeld,
                                spans.target.as_ref().unwrap_or(&spans.whole),
                                msg,
                                Some(help),
                            );
                            return;
                        }
                        vec![r]
                    }
                    None => {
                        if held.is_empty() {
                            let msg = format!(
                                "'{}' holds no role {} to leave",
                                self.h.people[person.index()].key,
                                stamp.date.map_or(String::new(), |d| format!("on {d}"))
                            );
                            self.error(Code::NotHeld, &spans.subject, msg, None);
                            return;
                        }
                        held
                    }
                };
                for r in targets {
                    self.h.roles[r.index()].holder.end(stamp);
                    self.unhold(r);
                }
            }
            Change::Report { role, to } => {
                if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
                    return;
                }
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                let old = self.h.roles[role.index()].line.current().copied();
                match to {
                    None => {
                        if old.is_none() {
                            let k = self.h.roles[role.index()].key.clone();
                            self.error(
                                Code::AlreadySo,
                                &target_span,
                                format!("role '{k}' has no explicit reporting line to clear"),
                                None,
                            );
                            return;
                        }
                        self.h.roles[role.index()].line.end(stamp);
                        self.line_now[role.index()] = None;
                    }
                    Some(t) => {
                        if !self.alive_or_error(Subject::Role(t), stamp, &target_span) {
                            return;
                        }
                        if t == role {
                            self.error(
                                Code::ReportingCycle,
                                &target_span,
                                "a role cannot report to itself",
                                None,
                            );
                            return;
                        }
                        self.h.roles[role.index()].line.begin(t, stamp);
                        self.line_now[role.index()] = Some(t);
                        self.line_sources[t.index()].push(role);
                    }
                }
                if let Some(o) = old {
                    self.line_sources[o.index()].retain(|&x| x != role);
                }
                self.dirty.push((role, spans.whole.clone()));
            }
            Change::Set {
                subject,
                ref key,
                ref value,
            } => {
                if !self.alive_or_error(subject, stamp, &spans.subject) {
                    return;
                }
                let attrs = match subject {
                    Subject::Unit(u) => &mut self.h.units[u.index()].attributes,
                    Subject::Role(r) => &mut self.h.roles[r.index()].attributes,
                };
                match value {
                    Some(v) => {
                        let t = attrs.entry(key.to_string()).or_default();
                        if t.current().map(String::as_str) != Some(&**v) {
                            t.begin(v.to_string(), stamp);
                        }
                    }
                    None => match attrs.get_mut(&**key).filter(|t| t.current().is_some()) {
                        Some(t) => t.end(stamp),
                        None => {
                            let set: Vec<String> = attrs
                                .iter()
                                .filter(|(_, t)| t.current().is_some())
                                .map(|(k, _)| k.clone())
                                .collect();
                            let help = if set.is_empty() {
                                "it has no attributes set".to_string()
                            } else {
                                format!("attributes set: {}", set.join(", "))
                            };
                            self.error(
                                Code::AlreadySo,
                                spans.target.as_ref().unwrap_or(&spans.whole),
                                format!("cannot clear '{key}': it is not set"),
                                Some(help),
                            );
                        }
                    },
                }
            }
        }
    }

    /// The roles `person` holds now, in the order taken (their open
    /// tenures).
    fn held_roles(&self, person: PersonId) -> Vec<RoleId> {
        self.held[person.index()].clone()
    }

    /// Records that `role` is now held as `holding` (its holder timeline
    /// was just begun): the previous holder no longer holds it.
    fn hold(&mut self, role: RoleId, holding: Holding) {
        self.unhold(role);
        self.holding[role.index()] = Some(holding);
        self.held[holding.person.index()].push(role);
    }

    /// Records that `role` is no longer held (its holder timeline ended).
    fn unhold(&mut self, role: RoleId) {
        if let Some(old) = self.holding[role.index()].take() {
            self.held[old.person.index()].retain(|&r| r != role);
        }
    }

    fn held_help(&self, held: &[RoleId]) -> String {
        if held.is_empty() {
            "they hold no role then".into()
        } else {
            let list: Vec<&str> = held
                .iter()
                .map(|r| self.h.roles[r.index()].key.as_str())
                .collect();
            format!("they hold: {}", list.join(", "))
        }
    }

    fn set_parent(&mut self, unit: UnitId, to: Option<UnitId>, stamp: Stamp) {
        if let Some(&old) = self.h.units[unit.index()].parent.current() {
            self.children[old.index()].retain(|&c| c != unit);
        }
        match to {
            Some(p) => {
                self.h.units[unit.index()].parent.begin(p, stamp);
                self.parent_now[unit.index()] = Some(p);
                self.children[p.index()].push(unit);
            }
            None => {
                self.h.units[unit.index()].parent.end(stamp);
                self.parent_now[unit.index()] = None;
            }
        }
    }

    fn set_role_unit(&mut self, role: RoleId, from: UnitId, to: UnitId, stamp: Stamp) {
        self.members[from.index()].retain(|&r| r != role);
        self.members[to.index()].push(role);
        self.h.roles[role.index()].unit.begin(to, stamp);
        self.unit_now[role.index()] = Some(to);
    }

    fn dissolve(&mut self, unit: UnitId, into: Option<UnitId>, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject) {
            return;
        }
        let key = self.h.units[unit.index()].key.clone();
        match into {
            Some(target) => {
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                if !self.alive_or_error(Subject::Unit(target), stamp, &target_span) {
                    return;
                }
                if self.is_within(target, unit) {
                    let t = self.h.units[target.index()].key.clone();
                    self.error(Code::ParentCycle, &target_span, format!("unit '{key}' cannot be dissolved into '{t}', which is itself or inside it"), Some("dissolve it into a unit outside its subtree".into()));
                    return;
                }
                for child in self.children[unit.index()].clone() {
                    self.set_parent(child, Some(target), stamp);
                }
                if let Some(h) = self.head_of[unit.index()].take() {
                    self.h.roles[h.index()].head.begin(false, stamp);
                }
                for role in self.members[unit.index()].clone() {
                    self.set_role_unit(role, unit, target, stamp);
                }
                self.h.units[unit.index()].dissolved_into = Some(target);
                self.dirty_unit(target, &spans.whole);
            }
            None => {
                let kids: Vec<&str> = self.children[unit.index()]
                    .iter()
                    .map(|c| self.h.units[c.index()].key.as_str())
                    .collect();
                let roles: Vec<&str> = self.members[unit.index()]
                    .iter()
                    .map(|r| self.h.roles[r.index()].key.as_str())
                    .collect();
                if !kids.is_empty() || !roles.is_empty() {
                    let mut what = Vec::new();
                    if !kids.is_empty() {
                        what.push(format!("units {}", kids.join(", ")));
                    }
                    if !roles.is_empty() {
                        what.push(format!("roles {}", roles.join(", ")));
                    }
                    let msg = format!("unit '{key}' still has {}", what.join(" and "));
                    self.error(Code::NotEmpty, &spans.whole, msg, Some("add `into = \"UNIT\"` to move them there, or move or eliminate them first".into()));
                    return;
                }
            }
        }
        self.set_parent(unit, None, stamp);
        let u = &mut self.h.units[unit.index()];
        u.life.end(stamp);
        self.unit_alive[unit.index()] = false;
        let u = &mut self.h.units[unit.index()];
        u.name.end(stamp);
        for t in u.attributes.values_mut() {
            t.end(stamp);
        }
    }

    fn end_role(&mut self, role: RoleId, stamp: Stamp, span: &Span) {
        let unit = *self.h.roles[role.index()]
            .unit
            .current()
            .expect("a living role has a unit");
        if self.head_of[unit.index()] == Some(role) {
            self.head_of[unit.index()] = None;
            self.dirty_unit(unit, span);
        }
        self.members[unit.index()].retain(|&r| r != role);
        if let Some(&t) = self.h.roles[role.index()].line.current() {
            self.line_sources[t.index()].retain(|&x| x != role);
        }
        for s in std::mem::take(&mut self.line_sources[role.index()]) {
            self.dirty.push((s, span.clone()));
        }
        let r = &mut self.h.roles[role.index()];
        r.life.end(stamp);
        self.role_alive[role.index()] = false;
        let r = &mut self.h.roles[role.index()];
        r.title.end(stamp);
        r.unit.end(stamp);
        r.head.end(stamp);
        r.line.end(stamp);
        self.unit_now[role.index()] = None;
        self.line_now[role.index()] = None;
        let r = &mut self.h.roles[role.index()];
        r.holder.end(stamp);
        for t in r.attributes.values_mut() {
            t.end(stamp);
        }
        self.unhold(role);
    }

    // ----- reporting lines ------------------------------------------------------

    /// Marks every role whose derived line runs through `unit`'s head: the
    /// unit's roles, and below it the heads of headed units and every role
    /// of headless ones.
    fn dirty_unit(&mut self, unit: UnitId, span: &Span) {
        let mut stack = vec![unit];
        while let Some(u) = stack.pop() {
            for &r in &self.members[u.index()] {
                self.dirty.push((r, span.clone()));
            }
            for &c in &self.children[u.index()] {
                match self.head_of[c.index()] {
                    Some(h) => self.dirty.push((h, span.clone())),
                    None => stack.push(c),
                }
            }
        }
    }

    /// Walks up from every role the last step touched; a walk that comes
    /// back to a role it passed is a reporting cycle. A cycle made by an
    /// event is reported at its change; one made by declarations, at a
    /// declared `reports_to` in the cycle (the line the user can change).
    fn check_lines(&mut self, step: Step) {
        let dirty = std::mem::take(&mut self.dirty);
        for (start, span) in dirty {
            if !self.role_alive(start) || self.in_reported_cycle[start.index()] {
                continue;
            }
            self.walk_gen += 1;
            let gen_ = self.walk_gen;
            let mut path = vec![start];
            self.walk_mark[start.index()] = gen_;
            let mut cur = start;
            while let Some(next) = self.derive_line(cur).map(|l| l.to) {
                if self.walk_mark[next.index()] == gen_ {
                    let at = path.iter().position(|&p| p == next).unwrap_or(0);
                    let cycle: Vec<RoleId> = path[at..].to_vec();
                    if cycle.iter().any(|r| self.in_reported_cycle[r.index()]) {
                        break;
                    }
                    for r in &cycle {
                        self.in_reported_cycle[r.index()] = true;
                    }
                    let mut names: Vec<&str> = cycle
                        .iter()
                        .map(|r| self.h.roles[r.index()].key.as_str())
                        .collect();
                    names.push(self.h.roles[next.index()].key.as_str());
                    let msg = format!("reporting cycle: {}", names.join(" → "));
                    let span = match step {
                        Step::Event => span,
                        Step::Declarations => self.declared_line_in(&cycle, span),
                    };
                    self.error(Code::ReportingCycle, &span, msg, Some("every chain of reporting lines must end at a top role; change one `reports_to` or `report` in the cycle".into()));
                    break;
                }
                self.walk_mark[next.index()] = gen_;
                path.push(next);
                cur = next;
            }
        }
    }

    /// The span of a declared `reports_to` that is still in force in
    /// `cycle`: `span` itself if it is one, else the first; `span` if none.
    fn declared_line_in(&self, cycle: &[RoleId], span: Span) -> Span {
        let declared: Vec<&Span> = cycle
            .iter()
            .filter_map(|r| {
                let (to, s) = self.role_decl[r.index()].reports_to.as_ref()?;
                (self.h.roles[r.index()].line.current() == Some(to)).then_some(s)
            })
            .collect();
        match declared.first() {
            Some(first) if !declared.contains(&&span) => (*first).clone(),
            _ => span,
        }
    }
}

fn loc_of(sources: &dyn Sources, span: &Span) -> Loc {
    let line = sources.position(span.file, span.range.start).line;
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Loc {
        file: span.file,
        line: clamp(line),
        start: clamp(span.range.start),
        end: clamp(span.range.end),
    }
}

/// What a replay step was, for where its reporting cycles are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Records coming into existence as declared.
    Declarations,
    /// The changes of one event.
    Event,
}

/// A timeline holding a record's declared name until the record exists;
/// [`restamp_seed`] gives it its real start.
fn timeline_seed(value: String) -> Timeline<String> {
    let mut t = Timeline::default();
    t.intervals.push(Interval {
        value,
        from: Stamp {
            date: None,
            origin: Origin::Declared(Declared::Nowhere),
        },
        until: None,
    });
    t
}

fn restamp_seed(t: &mut Timeline<String>, stamp: Stamp) {
    if let Some(first) = t.intervals.first_mut() {
        first.from = stamp;
    }
}

/// The current state (the open intervals) during replay.
impl OrgView for Builder<'_> {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId> {
        self.line_now[r.index()]
    }

    fn role_exists(&self, r: RoleId) -> bool {
        self.role_alive(r)
    }

    fn unit_of(&self, r: RoleId) -> Option<UnitId> {
        self.unit_now[r.index()]
    }

    fn head_of(&self, u: UnitId) -> Option<RoleId> {
        self.head_of[u.index()]
    }

    fn parent(&self, u: UnitId) -> Option<UnitId> {
        self.parent_now[u.index()]
    }

    fn unit_count(&self) -> usize {
        self.h.units.len()
    }
}
