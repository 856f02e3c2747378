//! Stage 1: every record under its id, in two steps.
//!
//! 1. [`claim`] takes the files in load order and gives the [`Index`] of
//!    ids (borrowing the files that declare records): ids are claimed in
//!    load order (in each file: units, people, roles, events), so a
//!    duplicate is reported at the later record. The events are resolved
//!    against it next, and each file of events dropped.
//! 2. [`make`] then gives the history's units, people and roles without
//!    their facts, each declaring file's made on a thread of its own,
//!    numbered in load order as their ids were, and their declarations
//!    ([`Decls`]) with the ids they name resolved. Made after the files of
//!    events are dropped, the records never take memory with them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::dates::PartialDate;
use crate::ids::{FileId, Key, PersonId, RoleId, UnitId};
use crate::records::input::{DatedAka, Field, FileInput, Inputs, RoleIn, Sources, Str, UnitIn};

use super::super::{
    Declared, History, Interval, NoteFields, Notes, Origin, Person, Role, Stamp, Subject, Timeline,
    Unit,
};
use super::index::{Index, Kind, Resolver, Unresolved};
use super::{At, ReplayOptions, error, loc_of};
use crate::runs::{Run, in_runs, starts};

/// How a declared unit or role comes into existence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Start {
    /// At its `since` date.
    Since(PartialDate),
    /// By a `create` change.
    ByEvent,
    /// With its container (parent unit, or the unit of a role); a top-level
    /// unit without `since` exists from before the first recorded event.
    WithContainer,
}

/// A unit's declaration, its places in its `file` (kept through the
/// replay, so in 8 bytes a place: see [`At`]).
pub(super) struct UnitDecl {
    pub(super) file: FileId,
    pub(super) span: At,
    pub(super) parent: Option<(UnitId, At)>,
    pub(super) since: Option<PartialDate>,
    pub(super) start: Start,
}

/// A role's declaration, as [`UnitDecl`].
pub(super) struct RoleDecl {
    pub(super) file: FileId,
    pub(super) span: At,
    pub(super) unit: Option<(UnitId, At)>,
    pub(super) head: Option<At>,
    /// `top = true`: where it is written.
    pub(super) top: Option<At>,
    pub(super) reports_to: Option<(RoleId, At)>,
    pub(super) holder: Option<PersonId>,
    /// Its declared dotted lines: the roles, and where each is written.
    pub(super) dotted: Vec<(RoleId, At)>,
    pub(super) since: Option<PartialDate>,
    pub(super) start: Start,
}

/// The declarations of units and roles, by id, and when each record is to
/// come into existence.
#[derive(Default)]
pub(super) struct Decls {
    pub(super) unit_decl: Vec<UnitDecl>,
    pub(super) role_decl: Vec<RoleDecl>,
    /// Records that come into existence with each unit.
    pub(super) dependents: Vec<Vec<Subject>>,
    /// When a record is planned to come into existence, for messages.
    pub(super) planned: HashMap<Subject, PartialDate>,
}

/// What [`register`] gives.
pub(super) struct Registered<'d> {
    pub(super) index: Index<'d>,
    /// The records, without their facts (names and titles are seeded).
    pub(super) h: History,
    pub(super) decls: Decls,
    /// References of declarations to no declared record.
    pub(super) unresolved: Vec<Unresolved>,
}

/// What [`claim`] gives: the index of ids, and what [`make`] needs.
pub(super) struct Claimed<'d> {
    pub(super) index: Index<'d>,
    /// The files that declare records, in load order.
    declaring: Vec<(FileId, &'d FileInput)>,
    units: Vec<Written<'d, UnitIn>>,
    roles: Vec<Written<'d, RoleIn>>,
}

/// Claims the id of every record of `decls` and of every event of both
/// `decls` and `events` (in load order); reports invalid and duplicate
/// ids.
pub(super) fn claim<'d>(
    decls: &'d Inputs,
    events: &[(FileId, FileInput)],
    diags: &mut Vec<Diagnostic>,
) -> Claimed<'d> {
    let mut declaring: Vec<(FileId, &'d FileInput)> = decls.iter().collect();
    declaring.sort_unstable_by_key(|&(f, _)| f);
    let lens = |n: fn(&FileInput) -> usize| -> Vec<usize> {
        declaring.iter().map(|(_, f)| n(f)).collect()
    };
    let lens = [
        lens(|f| f.units.len()),
        lens(|f| f.people.len()),
        lens(|f| f.roles.len()),
    ];
    let [units, people, roles] = lens.each_ref().map(|l| l.iter().sum::<usize>());
    let event_count: usize = decls.iter().map(|(_, f)| f.events.len()).sum::<usize>()
        + events.iter().map(|(_, f)| f.events.len()).sum::<usize>();
    let mut reg = Registrar {
        declaring: &declaring,
        firsts: lens.each_ref().map(|l| starts(l)),
        keys: HashMap::default(),
        events: HashSet::default(),
        later_events: Vec::new(),
        diags,
        units: Vec::with_capacity(units),
        roles: Vec::with_capacity(roles),
    };
    reg.keys.reserve(units + people + roles);
    reg.events.reserve(event_count);
    // Every file in load order, and the records it declares.
    let mut files: Vec<(FileId, &FileInput, Option<&'d FileInput>)> =
        decls.iter().map(|(f, i)| (f, i, Some(i))).collect();
    files.extend(events.iter().map(|(f, i)| (*f, i, None)));
    files.sort_unstable_by_key(|&(f, _, _)| f);
    let mut next = [0; 3];
    for &(file, input, declares) in &files {
        if let Some(records) = declares {
            reg.claim_file(file, records, &mut next);
        }
        reg.claim_events(file, input);
    }
    reg.report_later_events(&files);
    let Registrar {
        keys, units, roles, ..
    } = reg;
    Claimed {
        index: Index { keys },
        declaring,
        units,
        roles,
    }
}

/// Makes the records that `claimed` numbered, and resolves their
/// declarations; reports declarations that name records wrongly.
pub(super) fn make<'d>(
    sources: &dyn Sources,
    claimed: Claimed<'d>,
    diags: &mut Vec<Diagnostic>,
    opts: &ReplayOptions,
) -> Registered<'d> {
    let Claimed {
        index,
        declaring,
        units,
        roles,
    } = claimed;
    let records: usize = (declaring.iter())
        .map(|(_, f)| f.units.len() + f.people.len() + f.roles.len())
        .sum();
    let made = make_records(sources, &declaring, records >= opts.parallel_from);
    diags.extend(made.diags);
    let mut h = History {
        files: sources.file_paths(),
        units: made.units,
        people: made.people,
        roles: made.roles,
        ..History::default()
    };
    let mut r = Resolver::new(&index);
    let decls = resolve_declarations(&mut h, &mut r, units, roles);
    let Resolver {
        diags: mut found,
        unresolved,
        ..
    } = r;
    diags.append(&mut found);
    Registered {
        index,
        h,
        decls,
        unresolved,
    }
}

/// A unit's or role's declaration as written, waiting for every id to be
/// known: read again from its file's records then. (Copied out, the
/// fields of 170,000 roles took 37 MB, held until all were resolved.)
type Written<'d, T> = (FileId, &'d FileInput, &'d T);

/// Registration under way: the ids claimed so far.
struct Registrar<'s, 'd, 'e> {
    /// The files that declare records, in load order, and where each
    /// file's units, people and roles start in the numbering of each kind.
    declaring: &'s [(FileId, &'d FileInput)],
    firsts: [Vec<usize>; 3],
    keys: HashMap<&'d str, Kind>,
    /// The ids of events (kept apart: the files of events are dropped
    /// before the replay, the index is not).
    events: HashSet<&'e str>,
    /// Events whose id an earlier event has, with where they are written:
    /// reported once every id is claimed (where the first is written is
    /// then looked for, which the common case does not need).
    later_events: Vec<(&'e str, Span)>,
    diags: &'s mut Vec<Diagnostic>,
    units: Vec<Written<'d, UnitIn>>,
    roles: Vec<Written<'d, RoleIn>>,
}

impl<'d: 'e, 'e> Registrar<'_, 'd, 'e> {
    /// Claims `id` for a record of `kind`.
    fn claim(&mut self, id: &Field<'d>, file: FileId, kind: Kind) -> Span {
        let span = Span {
            file,
            range: id.span(),
        };
        match self.claimed_before(id.text, &span) {
            // References to the id name the event, the first.
            Some(Kind::Event) => {
                self.keys.insert(id.text, Kind::Event);
            }
            Some(_) => {}
            None => {
                self.keys.insert(id.text, kind);
            }
        }
        span
    }

    /// Claims the id of every event of `input`.
    fn claim_events(&mut self, file: FileId, input: &'e FileInput) {
        for e in &input.events {
            let Some(id) = e.id else { continue };
            let id = input.field(id);
            let r = id.span();
            let span = Span {
                file,
                range: r.clone(),
            };
            // A new id (the common case) in one look-up of each map.
            if !self.keys.contains_key(id.text) && self.events.insert(id.text) {
                self.check_valid(id.text, &span);
            } else {
                self.claimed_before(id.text, &span);
            }
        }
    }

    /// Reports the events whose id an earlier event has, pointing at the
    /// first event with it.
    fn report_later_events(&mut self, files: &[(FileId, &'e FileInput, Option<&'d FileInput>)]) {
        if self.later_events.is_empty() {
            return;
        }
        let mut first: HashMap<&str, Option<Span>> =
            self.later_events.iter().map(|(t, _)| (*t, None)).collect();
        for &(file, input, _) in files {
            for e in &input.events {
                let Some(id) = e.id else { continue };
                let id = input.field(id);
                if let Some(at @ None) = first.get_mut(id.text) {
                    *at = Some(Span {
                        file,
                        range: id.span(),
                    });
                }
            }
        }
        for (text, span) in std::mem::take(&mut self.later_events) {
            let at = first[text].clone().expect("an event claimed it");
            self.duplicate(text, &span, Kind::Event, &at);
        }
    }

    /// Checks the id `text` written at `span`: reports it if invalid, or
    /// if claimed before, and then gives the kind of the first claim.
    fn claimed_before(&mut self, text: &'e str, span: &Span) -> Option<Kind> {
        self.check_valid(text, span);
        match self.keys.get(text) {
            Some(Kind::Event) | None => {
                if !self.events.contains(text) {
                    return None;
                }
                self.later_events.push((text, span.clone()));
                Some(Kind::Event)
            }
            Some(&kind) => {
                let first = self.declared_at(kind);
                self.duplicate(text, span, kind, &first);
                Some(kind)
            }
        }
    }

    /// Where the id of record `kind` is written: in the last declaring file
    /// whose records of its kind start at or before it.
    fn declared_at(&self, kind: Kind) -> Span {
        let (k, n) = match kind {
            Kind::Unit(u) => (0, u.index()),
            Kind::Person(p) => (1, p.index()),
            Kind::Role(r) => (2, r.index()),
            Kind::Event => unreachable!("events are not records"),
        };
        let firsts = &self.firsts[k];
        let i = firsts.partition_point(|&f| f <= n) - 1;
        let (file, input) = self.declaring[i];
        let at = n - firsts[i];
        let id = match k {
            0 => input.units[at].id,
            1 => input.people[at].id,
            _ => input.roles[at].id,
        };
        Span {
            file,
            range: input.field(id).span(),
        }
    }

    fn check_valid(&mut self, text: &str, span: &Span) {
        if !Key::is_valid(text) {
            error(
                self.diags,
                Code::InvalidId,
                span,
                format!("'{text}' is not a valid id"),
                Some(help::INVALID_ID.into()),
            );
        }
    }

    fn duplicate(&mut self, text: &str, span: &Span, other: Kind, first: &Span) {
        let (help, offset) = help::duplicate_id(text, other.noun());
        self.diags.push(
            Diagnostic::new(
                Code::DuplicateId,
                format!("duplicate id '{text}'"),
                span.clone(),
            )
            .with_help_at(help, offset, first.clone()),
        );
    }

    /// Claims the ids of the records of one file, in order: units, people,
    /// roles; `next` is the number of each kind claimed so far.
    fn claim_file(&mut self, file: FileId, input: &'d FileInput, next: &mut [usize; 3]) {
        for u in &input.units {
            let id = UnitId::new(next[0]);
            next[0] += 1;
            self.claim(&input.field(u.id), file, Kind::Unit(id));
            self.units.push((file, input, u));
        }
        for p in &input.people {
            let id = PersonId::new(next[1]);
            next[1] += 1;
            self.claim(&input.field(p.id), file, Kind::Person(id));
        }
        for r in &input.roles {
            let id = RoleId::new(next[2]);
            next[2] += 1;
            self.claim(&input.field(r.id), file, Kind::Role(id));
            self.roles.push((file, input, r));
        }
    }
}

/// The records of the declaring files, without their facts (names and
/// titles are seeded later), and the problems of their aliases.
struct Made {
    units: Vec<Unit>,
    people: Vec<Person>,
    roles: Vec<Role>,
    diags: Vec<Diagnostic>,
}

/// Makes the records of `files` (in load order), numbered in that order,
/// each file's on a thread of its own when `parallel`, straight into its
/// runs of the history's lists (`crate::runs`).
fn make_records(sources: &dyn Sources, files: &[(FileId, &FileInput)], parallel: bool) -> Made {
    let lens =
        |n: fn(&FileInput) -> usize| -> Vec<usize> { files.iter().map(|(_, f)| n(f)).collect() };
    let (unit_lens, people_lens, role_lens) = (
        lens(|f| f.units.len()),
        lens(|f| f.people.len()),
        lens(|f| f.roles.len()),
    );
    let (unit_firsts, people_firsts, role_firsts) =
        (starts(&unit_lens), starts(&people_lens), starts(&role_lens));
    let (((diags, roles), people), units) = in_runs(&unit_lens, |unit_runs| {
        in_runs(&people_lens, |people_runs| {
            in_runs(&role_lens, |role_runs| {
                let work: Vec<_> = (0..files.len())
                    .zip(unit_runs.into_iter().zip(people_runs).zip(role_runs))
                    .collect();
                let one = |(i, ((mut u, mut p), mut r)): (usize, _)| {
                    let (file, input) = files[i];
                    let firsts = [unit_firsts[i], people_firsts[i], role_firsts[i]];
                    make_file(sources, file, input, firsts, (&mut u, &mut p, &mut r))
                };
                let diags: Vec<Vec<Diagnostic>> = if parallel {
                    use rayon::prelude::*;
                    work.into_par_iter().map(one).collect()
                } else {
                    work.into_iter().map(one).collect()
                };
                diags.into_iter().flatten().collect::<Vec<_>>()
            })
        })
    });
    let whole = "each file's runs hold one record per record of the file";
    Made {
        units: units.expect(whole),
        people: people.expect(whole),
        roles: roles.expect(whole),
        diags,
    }
}

/// The runs of one file's units, people and roles.
type Runs<'r, 'a> = (
    &'r mut Run<'a, Unit>,
    &'r mut Run<'a, Person>,
    &'r mut Run<'a, Role>,
);

/// Makes the records of one file into its `runs`, the first of each kind
/// numbered `firsts`; gives the problems of their aliases.
fn make_file(
    sources: &dyn Sources,
    file: FileId,
    input: &FileInput,
    firsts: [usize; 3],
    (units, people, roles): Runs<'_, '_>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let strings =
        |r: &std::ops::Range<u32>| -> Vec<String> { input.list(r).map(String::from).collect() };
    let notes = |aka, dated, note, sources, of: Declared, diags: &mut Vec<Diagnostic>| {
        let mut aliases: Vec<Interval<String>> =
            strings(aka).into_iter().map(|a| always(a, of)).collect();
        aliases.extend(
            input
                .dated(dated)
                .iter()
                .filter_map(|a| dated_alias(input, file, a, of, diags)),
        );
        Notes::from(NoteFields {
            aliases,
            note: input.opt(note).map(String::from),
            sources: strings(sources),
        })
    };
    // Its key, and where it is declared.
    let declared = |id: Str| {
        let field = input.field(id);
        let span = Span {
            file,
            range: field.span(),
        };
        (Key::new(field.text), loc_of(sources, &span))
    };
    for (k, u) in input.units.iter().enumerate() {
        let id = UnitId::new(firsts[0] + k);
        let (key, declared) = declared(u.id);
        let notes = notes(
            &u.aka,
            &u.aka_dated,
            u.note,
            &u.sources,
            Declared::Unit(id),
            &mut diags,
        );
        let unit = Unit {
            key,
            declared,
            kind: input.opt(u.kind).map(String::from),
            notes,
            life: Timeline::default(),
            name: Timeline::default(),
            parent: Timeline::default(),
            attributes: Default::default(),
            dissolved_into: None,
            succession: false,
        };
        units.put(unit);
    }
    for (k, p) in input.people.iter().enumerate() {
        let id = PersonId::new(firsts[1] + k);
        let (key, declared) = declared(p.id);
        let of = Declared::Person(id);
        let person = Person {
            key,
            declared,
            name: timeline_seed(input.str(p.name).to_string(), of),
            notes: notes(&p.aka, &p.aka_dated, p.note, &p.sources, of, &mut diags),
            tenures: Vec::new(),
            attributes: Default::default(),
        };
        people.put(person);
    }
    for (k, r) in input.roles.iter().enumerate() {
        let id = RoleId::new(firsts[2] + k);
        let (key, declared) = declared(r.id);
        let of = Declared::Role(id);
        let role = Role {
            key,
            declared,
            notes: notes(&r.aka, &r.aka_dated, r.note, &r.sources, of, &mut diags),
            life: Timeline::default(),
            title: Timeline::default(),
            unit: Timeline::default(),
            head: Timeline::default(),
            holder: Timeline::default(),
            seats: r.seats.map(|s| s.value).unwrap_or_default(),
            rare: Default::default(),
        };
        roles.put(role);
    }
    diags
}

/// The declarations with the ids they name resolved (once every id is
/// known), and the declared names and titles seeded.
fn resolve_declarations<'d>(
    h: &mut History,
    r: &mut Resolver<'_, 'd>,
    units: Vec<Written<'d, UnitIn>>,
    roles: Vec<Written<'d, RoleIn>>,
) -> Decls {
    let at = |f: &Field<'_>| At::new(f.span());
    let mut decls = Decls {
        dependents: vec![Vec::new(); h.units.len()],
        ..Decls::default()
    };
    decls.unit_decl.reserve(units.len());
    for (i, (file, input, u)) in units.into_iter().enumerate() {
        h.units[i].name = timeline_seed(input.str(u.name).to_string(), Declared::Nowhere);
        let parent = u.parent.map(|p| input.field(p));
        let parent = parent.and_then(|p| r.unit_ref(file, &p).map(|u| (u, at(&p))));
        decls.unit_decl.push(UnitDecl {
            file,
            span: At::new(input.field(u.id).span()),
            parent,
            since: u.since.map(|d| d.value),
            start: Start::WithContainer,
        });
    }
    decls.role_decl.reserve(roles.len());
    for (i, (file, input, w)) in roles.into_iter().enumerate() {
        h.roles[i].title = timeline_seed(input.str(w.title).to_string(), Declared::Nowhere);
        let unit = input.field(w.unit);
        let unit = r.unit_ref(file, &unit).map(|u| (u, at(&unit)));
        let head = w.head.filter(|h| h.value).map(|h| At::new(h.span()));
        let top = w.top.filter(|t| t.value).map(|t| At::new(t.span()));
        let reports_to = w.reports_to.map(|s| input.field(s));
        if let (Some(top), Some(line)) = (top, &reports_to) {
            let key = h.roles[i].key.as_str();
            let msg = format!(
                "role '{key}' is declared both to report to nobody (top = true) and to '{}'",
                line.text
            );
            let d = Diagnostic::new(Code::TopWithLine, msg, top.span(file));
            r.diags.push(d.with_help(help::TOP_WITH_LINE));
        }
        let reports_to = reports_to.and_then(|t| r.role_ref(file, &t).map(|id| (id, at(&t))));
        let holder = w.holder.map(|p| input.field(p));
        let holder = holder.and_then(|p| r.person_ref(file, &p));
        let dotted = input
            .list_fields(&w.dotted)
            .filter_map(|t| r.role_ref(file, &t).map(|id| (id, at(&t))))
            .collect();
        decls.role_decl.push(RoleDecl {
            file,
            span: At::new(input.field(w.id).span()),
            unit,
            head,
            top,
            reports_to,
            holder,
            dotted,
            since: w.since.map(|d| d.value),
            start: Start::WithContainer,
        });
    }
    decls
}

/// An entry of `aka` written as a table: from `since` (else always) until
/// `until` (else for ever); `None`, with the problem told, when its name is
/// empty or its `until` is not after its `since`.
fn dated_alias(
    input: &FileInput,
    file: FileId,
    a: &DatedAka,
    of: Declared,
    diags: &mut Vec<Diagnostic>,
) -> Option<Interval<String>> {
    let name = input.str(a.name);
    let span = |range: std::ops::Range<usize>| Span { file, range };
    if name.trim().is_empty() {
        let f = input.field(a.name);
        error(
            diags,
            Code::EmptyValue,
            &span(f.span()),
            "the alias is empty",
            None,
        );
        return None;
    }
    if let (Some(since), Some(until)) = (a.since, a.until)
        && until.value.first_day() <= since.value.first_day()
    {
        let msg = format!(
            "the alias '{name}' ends ({}) before it begins ({})",
            until.value, since.value
        );
        let help = Some(help::ALIAS_DATES.to_string());
        error(diags, Code::AliasDates, &span(until.span()), msg, help);
        return None;
    }
    let stamp = |d: PartialDate| Stamp {
        date: Some(d),
        origin: Origin::Declared(of),
    };
    let mut iv = always(name.to_string(), of);
    if let Some(since) = a.since {
        iv.from = stamp(since.value);
    }
    iv.until = a.until.map(|u| stamp(u.value));
    Some(iv)
}

/// A declared name or alias: from always (until a `rename` or an
/// `unalias`), written in the declaration `of`.
fn always(value: String, of: Declared) -> Interval<String> {
    Interval {
        value,
        from: Stamp {
            date: None,
            origin: Origin::Declared(of),
        },
        until: None,
    }
}

/// A timeline holding a record's declared name until the record exists;
/// [`restamp_seed`] gives it its real start.
/// (A person's name keeps its start, in their declaration: people exist
/// always.)
fn timeline_seed(value: String, of: Declared) -> Timeline<String> {
    let mut t = Timeline::default();
    // Room for this one: most records keep their name.
    t.intervals.reserve_exact(1);
    t.intervals.push(always(value, of));
    t
}

/// Gives a seeded name or title the stamp of its record's start.
pub(super) fn restamp_seed(t: &mut Timeline<String>, stamp: Stamp) {
    if let Some(first) = t.intervals.first_mut() {
        first.from = stamp;
    }
}
