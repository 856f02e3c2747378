//! Stage 4: the replay proper.
//!
//! Takes the history's records (with the events in replay order), their
//! declarations and the [`Plan`]; brings records into existence as
//! declared and applies each event's changes in order, one method per op,
//! each checking its rule against the current state ([`Now`]) before it
//! changes anything. Gives the history, or every problem found.

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::dates::PartialDate;
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::records::input::Sources;
use rustc_hash::FxHashMap as HashMap;

use super::super::lines::{LineRule, OrgView};
use super::super::{Change, Declared, History, Holding, Interval, Named, Origin, Stamp, Subject};
use super::cycles::{Cycles, Step};
use super::error;
use super::now::{DottedNow, Now};
use super::plan::Plan;
use super::prefetch;
use super::register::{Decls, Start};
use super::resolve::ChangeSpans;

/// The replay under way: the history so far and the state it stands in.
pub(super) struct Replayer<'s> {
    pub(super) sources: &'s dyn Sources,
    pub(super) h: History,
    pub(super) decls: Decls,
    pub(super) now: Now,
    pub(super) cycles: Cycles,
    pub(super) diags: Vec<Diagnostic>,
    /// The records the event being applied named while they did not exist.
    pub(super) absent: Vec<Absent>,
    /// The open dotted lines, by target.
    pub(super) dotted_now: DottedNow,
    /// The successors named by a dissolve before they existed, with where
    /// and when: each must come into existence later.
    pub(super) successions: Vec<(UnitId, Span, Stamp)>,
    /// The open aliases, by record and lowercase name: the index of each in
    /// its record's `notes.aliases`, so that `alias` and `unalias` find one
    /// without a scan of the record's aliases. Made at the first `alias`
    /// or `unalias`: data without them never pays for it.
    open_aliases: Option<HashMap<(Named, Box<str>), usize>>,
}

/// A record that the event being applied named while it did not exist.
pub(super) struct Absent {
    pub(super) subject: Subject,
    /// Its intervals of existence then: named again after a `create` or an
    /// end in the same event, it is another problem.
    pub(super) lives: usize,
    /// The index of its diagnostic.
    pub(super) diag: usize,
    /// How many more changes of the event named it.
    pub(super) more: usize,
}

impl<'s> Replayer<'s> {
    /// Before anything exists, with the problems found so far.
    pub(super) fn new(
        sources: &'s dyn Sources,
        h: History,
        decls: Decls,
        diags: Vec<Diagnostic>,
    ) -> Self {
        Replayer {
            sources,
            now: Now::new(h.units.len(), h.roles.len(), h.people.len()),
            cycles: Cycles::new(h.roles.len()),
            h,
            decls,
            diags,
            absent: Vec::new(),
            dotted_now: DottedNow::default(),
            successions: Vec::new(),
            open_aliases: None,
        }
    }

    /// The history, if no problem was found.
    pub(super) fn finish(self) -> Result<History, Vec<Diagnostic>> {
        if self.diags.is_empty() {
            Ok(self.h)
        } else {
            Err(self.diags)
        }
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        span: &Span,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        error(&mut self.diags, code, span, message, help);
    }

    /// Marks every role whose line runs through `unit`'s head.
    pub(super) fn dirty_unit(&mut self, unit: UnitId, span: &Span) {
        self.cycles.dirty_unit(&self.now, unit, span);
    }

    /// Reports the reporting cycles the last step made, each with its
    /// links and what each rests on.
    fn check_lines(&mut self, step: Step) {
        self.settle_dotted();
        let found = self.cycles.check(&self.now, &self.h, &self.decls, step);
        for (cycle, span) in found {
            let mut names: Vec<&str> = cycle
                .iter()
                .map(|r| self.h.roles[r.index()].key.as_str())
                .collect();
            names.push(names[0]);
            let msg = format!("reporting cycle: {}", names.join(" → "));
            let links: Vec<String> = cycle.iter().map(|&r| self.describe_link(r)).collect();
            let help = Some(help::reporting_cycle(&links));
            self.error(Code::ReportingCycle, &span, msg, help);
        }
    }

    /// Role `r`'s reporting line in words, for a cycle: explicit and where
    /// it was set, or derived and from which head of which unit.
    fn describe_link(&self, r: RoleId) -> String {
        let key = |r: RoleId| self.h.roles[r.index()].key.as_str();
        let unit = |u: UnitId| self.h.units[u.index()].key.as_str();
        let Some(line) = self.now.derive_line(r) else {
            return format!("{} reports to nobody", key(r));
        };
        let (from, to) = (key(r), key(line.to));
        match line.rule {
            LineRule::Explicit => {
                let set = self.h.roles[r.index()]
                    .rare
                    .line
                    .intervals()
                    .last()
                    .map(|iv| self.describe_stamp(iv.from))
                    .unwrap_or_default();
                format!("{from} → {to}: explicit, set {set}")
            }
            LineRule::HeadOfUnit => {
                let u = self.now.unit_of(r).map_or("", unit);
                format!("{from} → {to}: derived, {to} heads unit '{u}' ({from}'s unit)")
            }
            LineRule::HeadOfAncestor(a) => {
                let u = self.now.unit_of(r).map_or("", unit);
                format!(
                    "{from} → {to}: derived, {to} heads unit '{}' (the nearest unit above '{u}' with a head)",
                    unit(a)
                )
            }
        }
    }

    /// Replays everything: what exists before the first event, then each
    /// event in order with the declared creations of its day before it.
    pub(super) fn run(&mut self, plan: Plan) {
        let dated = self.decls.dated();
        // Before the first recorded event: top-level units without `since`,
        // and everything that comes with them.
        let roots: Vec<UnitId> = (0..self.decls.unit_decl.len())
            .map(UnitId::new)
            .filter(|u| {
                let d = &self.decls.unit_decl[u.index()];
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
            prefetch::event(&self.h, &self.now, i + prefetch::AHEAD);
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
            self.end_event();
            self.check_lines(Step::Event);
        }
        while next_dated < dated.len() {
            self.create_declared(dated[next_dated]);
            next_dated += 1;
        }
        self.check_lines(Step::Declarations);
        self.check_successions();
    }

    fn create_declared(&mut self, (date, subject): (PartialDate, Subject)) {
        let stamp = Stamp {
            date: Some(date),
            origin: Origin::Declared(Declared::of(subject)),
        };
        self.create(subject, stamp, None);
    }

    /// Applies one change, or reports why it cannot be.
    fn apply(&mut self, change: &Change, stamp: Stamp, spans: &ChangeSpans) {
        match *change {
            Change::Create(subject) => self.create_by_event(subject, stamp, spans),
            Change::Dissolve { unit, into } => self.dissolve(unit, into, stamp, spans),
            Change::Eliminate(role) => self.eliminate(role, stamp, spans),
            Change::MoveUnit { unit, to } => self.move_unit(unit, to, stamp, spans),
            Change::MoveRole { role, to } => self.move_role(role, to, stamp, spans),
            Change::RenameUnit { unit, ref name } => {
                if self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject) {
                    self.h.units[unit.index()]
                        .name
                        .begin(name.to_string(), stamp);
                }
            }
            Change::RetitleRole { role, ref title } => {
                if self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
                    self.h.roles[role.index()]
                        .title
                        .begin(title.to_string(), stamp);
                }
            }
            Change::RenamePerson { person, ref name } => {
                self.h.people[person.index()]
                    .name
                    .begin(name.to_string(), stamp);
            }
            Change::Alias { named, ref name } => self.alias(named, name, stamp, spans),
            Change::Unalias { named, ref name } => self.unalias(named, name, stamp, spans),
            Change::Appoint {
                person,
                role,
                acting,
            } => self.appoint(Holding { person, acting }, role, stamp, spans),
            Change::Leave { person, role } => self.leave(person, role, stamp, spans),
            Change::Unrecorded { role } => self.unrecorded(role, stamp, spans),
            Change::Vacate { role } => self.vacate(role, stamp, spans),
            Change::Report { role, to } => self.report(role, to, stamp, spans),
            Change::Top { role } => self.top(role, stamp, spans),
            Change::Head { role } => self.head(role, stamp, spans),
            Change::Headless { unit } => self.headless(unit, stamp, spans),
            Change::Set { subject, ref attr } => {
                self.set(subject, &attr.key, attr.value.as_deref(), stamp, spans)
            }
            Change::Dotted { role, to } => self.dotted_op(role, to, false, stamp, spans),
            Change::Undotted { role, to } => self.dotted_op(role, to, true, stamp, spans),
        }
    }

    /// The aliases of `named`, if it exists on `stamp`'s date (people
    /// always do).
    fn aliases_if_alive(
        &mut self,
        named: Named,
        stamp: Stamp,
        spans: &ChangeSpans,
    ) -> Option<&mut Vec<Interval<String>>> {
        let alive = match named {
            Named::Person(_) => true,
            Named::Unit(u) => self.alive_or_error(Subject::Unit(u), stamp, &spans.subject),
            Named::Role(r) => self.alive_or_error(Subject::Role(r), stamp, &spans.subject),
        };
        alive.then(|| match named {
            Named::Person(p) => &mut self.h.people[p.index()].notes.aliases,
            Named::Unit(u) => &mut self.h.units[u.index()].notes.aliases,
            Named::Role(r) => &mut self.h.roles[r.index()].notes.aliases,
        })
    }

    /// The index of the open aliases, made from the declared ones the
    /// first time it is asked for (every alias is open before the events).
    fn open_aliases(&mut self) -> &mut HashMap<(Named, Box<str>), usize> {
        let h = &self.h;
        self.open_aliases.get_or_insert_with(|| {
            let mut open_aliases = HashMap::default();
            let records = (h.people.iter().enumerate())
                .map(|(i, p)| (Named::Person(PersonId::new(i)), &p.notes))
                .chain(
                    (h.units.iter().enumerate())
                        .map(|(i, u)| (Named::Unit(UnitId::new(i)), &u.notes)),
                )
                .chain(
                    (h.roles.iter().enumerate())
                        .map(|(i, r)| (Named::Role(RoleId::new(i)), &r.notes)),
                );
            for (named, notes) in records {
                // A declared alias with an `until` is closed already.
                for (i, iv) in notes.aliases.iter().enumerate() {
                    if iv.until.is_none() {
                        open_aliases.entry((named, folded(&iv.value))).or_insert(i);
                    }
                }
            }
            open_aliases
        })
    }

    /// `name` becomes an alias of `named` from `stamp` on.
    fn alias(&mut self, named: Named, name: &str, stamp: Stamp, spans: &ChangeSpans) {
        let key = (named, folded(name));
        let open = self.open_aliases().get(&key).copied();
        let Some(aliases) = self.aliases_if_alive(named, stamp, spans) else {
            return;
        };
        match open {
            None => {
                aliases.push(Interval {
                    value: name.to_string(),
                    from: stamp,
                    until: None,
                });
                let i = aliases.len() - 1;
                self.open_aliases().insert(key, i);
            }
            Some(i) => {
                let (from, held) = (aliases[i].from, aliases[i].value.clone());
                let since = match from.origin {
                    Origin::Declared(_) => "from its declaration (`aka`)".to_string(),
                    Origin::Event(_) => self.describe_stamp(from),
                };
                let span = spans.target.as_ref().unwrap_or(&spans.whole);
                let msg = format!("'{held}' is already an alias of {}", self.named_key(named));
                let help = Some(help::already_an_alias(&since));
                self.error(Code::AlreadyAnAlias, span, msg, help);
            }
        }
    }

    /// `name` stops being an alias of `named` on `stamp`.
    fn unalias(&mut self, named: Named, name: &str, stamp: Stamp, spans: &ChangeSpans) {
        let key = (named, folded(name));
        let open = self.open_aliases().get(&key).copied();
        let Some(aliases) = self.aliases_if_alive(named, stamp, spans) else {
            return;
        };
        match open {
            Some(i) => {
                aliases[i].until = Some(stamp);
                self.open_aliases().remove(&key);
            }
            None => {
                // An error: the scan of the record's aliases is for its help.
                let dropped = aliases
                    .iter()
                    .rev()
                    .find(|iv| folded(&iv.value) == key.1)
                    .and_then(|iv| iv.until);
                let held: Vec<String> = aliases
                    .iter()
                    .filter(|iv| iv.until.is_none())
                    .map(|iv| iv.value.clone())
                    .collect();
                let help = Some(match dropped {
                    Some(u) => help::alias_dropped(&self.describe_stamp(u)),
                    None => {
                        help::not_an_alias(&held.iter().map(String::as_str).collect::<Vec<_>>())
                    }
                });
                let span = spans.target.as_ref().unwrap_or(&spans.whole);
                let msg = format!("'{name}' is not an alias of {}", self.named_key(named));
                self.error(Code::NotAnAlias, span, msg, help);
            }
        }
    }

    /// `person 'ann'`, `unit 'eng'`, `role 'ceo'`.
    fn named_key(&self, n: Named) -> String {
        match n {
            Named::Person(p) => format!("person '{}'", self.h.people[p.index()].key),
            Named::Unit(u) => format!("unit '{}'", self.h.units[u.index()].key),
            Named::Role(r) => format!("role '{}'", self.h.roles[r.index()].key),
        }
    }

    /// Re-parents `unit` (with its subtree, roles and holders); `to:
    /// None` makes it a top-level organisation (a spin-off): its head then
    /// reports to nobody, unless an explicit line says otherwise.
    fn move_unit(&mut self, unit: UnitId, to: Option<UnitId>, stamp: Stamp, spans: &ChangeSpans) {
        let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
        if !self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject) {
            return;
        }
        let Some(to) = to else {
            if self.now.parent(unit).is_none() {
                let k = &self.h.units[unit.index()].key;
                let msg = format!("unit '{k}' is already a top-level organisation");
                self.error(Code::AlreadySo, &target_span, msg, None);
                return;
            }
            self.set_parent(unit, None, stamp);
            self.dirty_unit(unit, &spans.whole);
            return;
        };
        if !self.alive_or_error(Subject::Unit(to), stamp, &target_span) {
            return;
        }
        let k = &self.h.units[unit.index()].key;
        let t = &self.h.units[to.index()].key;
        if self.now.is_within(to, unit) {
            let msg = if to == unit {
                format!("unit '{k}' cannot be moved under itself")
            } else {
                format!("unit '{k}' cannot be moved under '{t}', which is inside it")
            };
            let help = Some(help::PARENT_CYCLE_MOVE.into());
            self.error(Code::ParentCycle, &target_span, msg, help);
            return;
        }
        if self.now.parent(unit) == Some(to) {
            let msg = format!("unit '{k}' is already under '{t}'");
            self.error(Code::AlreadySo, &target_span, msg, None);
            return;
        }
        self.set_parent(unit, Some(to), stamp);
        self.dirty_unit(unit, &spans.whole);
    }

    fn move_role(&mut self, role: RoleId, to: UnitId, stamp: Stamp, spans: &ChangeSpans) {
        let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject)
            || !self.alive_or_error(Subject::Unit(to), stamp, &target_span)
        {
            return;
        }
        let from = self.now.unit_of(role).unwrap_or(to);
        if from == to {
            let k = &self.h.roles[role.index()].key;
            let t = &self.h.units[to.index()].key;
            let msg = format!("role '{k}' is already in unit '{t}'");
            self.error(Code::AlreadySo, &target_span, msg, None);
            return;
        }
        if self.now.head_of[from.index()] == Some(role) {
            if !self.claim_head(role, to, &target_span) {
                return;
            }
            self.now.head_of[from.index()] = None;
            self.dirty_unit(from, &spans.whole);
            self.dirty_unit(to, &spans.whole);
        }
        self.set_role_unit(role, from, to, stamp);
        self.cycles.dirty(role, &spans.whole);
    }

    fn appoint(&mut self, holding: Holding, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        let role_span = spans.target.clone().unwrap_or(spans.whole.clone());
        if !self.alive_or_error(Subject::Role(role), stamp, &role_span) {
            return;
        }
        if !self.h.roles[role.index()].seats.is_single() {
            self.appoint_to_seats(holding, role, stamp, spans);
            return;
        }
        if self.now.holding[role.index()] == Some(holding) {
            let since = self.h.roles[role.index()]
                .holder
                .intervals()
                .last()
                .map(|iv| self.describe_stamp(iv.from))
                .unwrap_or_default();
            let msg = format!(
                "'{}' already holds role '{}'",
                self.h.people[holding.person.index()].key,
                self.h.roles[role.index()].key
            );
            let help = Some(help::already_appointed(&since));
            self.error(Code::AlreadySo, &spans.whole, msg, help);
            return;
        }
        // The replaced holder's `leave` of the role later that day is the
        // other half of a handover (data-format.md, "Handover day").
        if let Some(old) = self.now.holding[role.index()]
            && old.person != holding.person
        {
            self.now.displace(old.person, role, stamp.day());
        }
        self.now
            .take_displaced(holding.person, Some(role), stamp.day());
        self.seat(role, holding, stamp);
    }

    fn leave(&mut self, person: PersonId, role: Option<RoleId>, stamp: Stamp, spans: &ChangeSpans) {
        let held = super::now::Held::from(self.now.held_by(person));
        let on = || stamp.date.map_or(String::new(), |d| format!("on {d}"));
        let who = &self.h.people[person.index()].key;
        let holds = |r: RoleId| held.iter().any(|&(x, _)| x == r);
        let targets: super::now::Held = match role {
            // Replaced earlier that day: the handover's other half.
            Some(r) if !holds(r) && self.now.take_displaced(person, role, stamp.day()) => {
                return;
            }
            None if held.is_empty() && self.now.take_displaced(person, None, stamp.day()) => return,
            Some(r) if !holds(r) => {
                let on = on();
                let msg = format!(
                    "'{who}' does not hold role '{}' {on}",
                    self.h.roles[r.index()].key,
                );
                let keys: Vec<&str> = held
                    .iter()
                    .map(|(r, _)| self.h.roles[r.index()].key.as_str())
                    .collect();
                let help = Some(help::not_held(&keys));
                let span = spans.target.as_ref().unwrap_or(&spans.whole);
                self.error(Code::NotHeld, span, msg, help);
                return;
            }
            Some(r) => held.iter().copied().filter(|&(x, _)| x == r).collect(),
            None if held.is_empty() => {
                let on = on();
                let msg = format!("'{who}' holds no role {on} to leave");
                self.error(Code::NotHeld, &spans.subject, msg, None);
                return;
            }
            None => held,
        };
        for (r, seat) in targets {
            self.unseat(person, r, seat, stamp);
        }
    }

    /// From `stamp` the holder of `role` is not known: its holders leave
    /// it, and it is neither held nor vacant until an `appoint`.
    fn unrecorded(&mut self, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        let r = &self.h.roles[role.index()];
        if let Some(since) = r
            .rare
            .unrecorded
            .intervals()
            .last()
            .filter(|iv| iv.until.is_none())
        {
            let msg = format!("role '{}' already has no holder recorded", r.key);
            let help = Some(format!(
                "it is so {}: drop this change, or appoint someone before it",
                self.describe_stamp(since.from)
            ));
            self.error(Code::AlreadySo, &spans.whole, msg, help);
            return;
        }
        self.unseat_all(role, stamp);
        self.h.roles[role.index()].rare.unrecorded.begin((), stamp);
    }

    /// From `stamp` `role` is vacant: its holders leave it, or the holder
    /// not recorded since an `op = "unrecorded"` does.
    fn vacate(&mut self, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        let r = &self.h.roles[role.index()];
        let unknown = r.rare.unrecorded.current().is_some();
        if !unknown && r.seat_timelines().all(|t| t.current().is_none()) {
            let msg = format!("role '{}' has no holder to leave it vacant", r.key);
            let help = Some(
                "a role is vacated when someone holds it, or after an { op = \"unrecorded\" }: drop this change".to_string(),
            );
            self.error(Code::NotHeld, &spans.whole, msg, help);
            return;
        }
        self.unseat_all(role, stamp);
        if let Some(rare) = self.h.roles[role.index()].rare.existing_mut() {
            rare.unrecorded.end(stamp);
        }
    }

    fn report(&mut self, role: RoleId, to: Option<RoleId>, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
        match to {
            None if self.now.top_now[role.index()] => {
                self.h.roles[role.index()].rare.top.end(stamp);
                self.now.top_now[role.index()] = false;
            }
            None => {
                if self.now.explicit_line(role).is_none() {
                    let k = &self.h.roles[role.index()].key;
                    let msg = format!("role '{k}' has no explicit reporting line to clear");
                    let to = self.now.derive_line(role).map(|l| {
                        let to = self.h.roles[l.to.index()].key.as_str();
                        (self.describe_link(role), to)
                    });
                    let help = help::nothing_to_clear(k.as_str(), to);
                    self.error(Code::AlreadySo, &target_span, msg, Some(help));
                    return;
                }
                self.h.roles[role.index()].rare.line.end(stamp);
            }
            Some(t) => {
                if !self.alive_or_error(Subject::Role(t), stamp, &target_span) {
                    return;
                }
                if t == role {
                    let msg = "a role cannot report to itself";
                    self.error(Code::ReportingCycle, &target_span, msg, None);
                    return;
                }
                self.h.roles[role.index()].rare.line.begin(t, stamp);
                if std::mem::take(&mut self.now.top_now[role.index()]) {
                    self.h.roles[role.index()].rare.top.end(stamp);
                }
            }
        }
        self.now.set_line(role, to);
        self.cycles.dirty(role, &spans.whole);
    }

    /// Makes `role` the top of its chain: it reports to nobody (its
    /// explicit line, if any, ends).
    fn top(&mut self, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        if self.now.top_now[role.index()] {
            let k = &self.h.roles[role.index()].key;
            let msg = format!("role '{k}' is already the top of its chain (top = true)");
            let since = self.h.roles[role.index()]
                .rare
                .top
                .intervals()
                .last()
                .map(|iv| self.describe_stamp(iv.from))
                .unwrap_or_default();
            self.error(
                Code::AlreadySo,
                &spans.whole,
                msg,
                Some(format!("it is so {since}")),
            );
            return;
        }
        let r = &mut self.h.roles[role.index()];
        r.rare.line.end(stamp);
        r.rare.top.begin((), stamp);
        self.now.set_line(role, None);
        self.now.top_now[role.index()] = true;
        self.cycles.dirty(role, &spans.whole);
    }

    /// Makes `role` the head of its unit; the head before it stays there
    /// as an ordinary role.
    fn head(&mut self, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            return;
        }
        let unit = self.now.unit_of(role).expect("a living role has a unit");
        let before = self.now.head_of[unit.index()];
        if before == Some(role) {
            let k = &self.h.roles[role.index()].key;
            let u = &self.h.units[unit.index()].key;
            let msg = format!("role '{k}' already heads unit '{u}'");
            self.error(Code::AlreadySo, &spans.subject, msg, None);
            return;
        }
        if let Some(old) = before {
            self.h.roles[old.index()].head.begin(false, stamp);
            self.cycles.dirty(old, &spans.whole);
        }
        self.h.roles[role.index()].head.begin(true, stamp);
        self.now.head_of[unit.index()] = Some(role);
        self.dirty_unit(unit, &spans.whole);
    }

    /// Leaves `unit` without a head; its head role stays, as an ordinary
    /// role.
    fn headless(&mut self, unit: UnitId, stamp: Stamp, spans: &ChangeSpans) {
        if !self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject) {
            return;
        }
        let Some(old) = self.now.head_of[unit.index()].take() else {
            let u = &self.h.units[unit.index()].key;
            let msg = format!("unit '{u}' has no head to remove");
            let help = Some(help::NO_HEAD.into());
            self.error(Code::AlreadySo, &spans.subject, msg, help);
            return;
        };
        self.h.roles[old.index()].head.begin(false, stamp);
        self.cycles.dirty(old, &spans.whole);
        self.dirty_unit(unit, &spans.whole);
    }

    fn set(
        &mut self,
        subject: Named,
        key: &str,
        value: Option<&str>,
        stamp: Stamp,
        spans: &ChangeSpans,
    ) {
        let alive = match subject {
            Named::Person(_) => true,
            Named::Unit(u) => self.alive_or_error(Subject::Unit(u), stamp, &spans.subject),
            Named::Role(r) => self.alive_or_error(Subject::Role(r), stamp, &spans.subject),
        };
        if !alive {
            return;
        }
        let attrs = match subject {
            Named::Person(p) => &mut self.h.people[p.index()].attributes,
            Named::Unit(u) => &mut self.h.units[u.index()].attributes,
            Named::Role(r) => &mut self.h.roles[r.index()].rare.attributes,
        };
        match value {
            Some(v) => {
                let t = attrs.entry(key.to_string()).or_default();
                if t.current().map(String::as_str) != Some(v) {
                    t.begin(v.to_string(), stamp);
                }
            }
            None => match attrs.get_mut(key).filter(|t| t.current().is_some()) {
                Some(t) => t.end(stamp),
                None => {
                    let set: Vec<String> = attrs
                        .iter()
                        .filter(|(_, t)| t.current().is_some())
                        .map(|(k, _)| k.clone())
                        .collect();
                    let help = Some(help::not_set(&set));
                    let span = spans.target.as_ref().unwrap_or(&spans.whole);
                    let msg = format!("cannot clear '{key}': it is not set");
                    self.error(Code::AlreadySo, span, msg, help);
                }
            },
        }
    }

    /// Puts `unit` under `to` (or at the top) from `stamp`.
    pub(super) fn set_parent(&mut self, unit: UnitId, to: Option<UnitId>, stamp: Stamp) {
        let parent = &mut self.h.units[unit.index()].parent;
        match to {
            Some(p) => {
                parent.begin(p, stamp);
            }
            None => parent.end(stamp),
        }
        self.now.set_parent(unit, to);
    }

    /// Moves `role` from unit `from` to `to` from `stamp`.
    pub(super) fn set_role_unit(&mut self, role: RoleId, from: UnitId, to: UnitId, stamp: Stamp) {
        self.h.roles[role.index()].unit.begin(to, stamp);
        self.now.set_role_unit(role, from, to);
    }
}

/// An alias as `alias` and `unalias` match it (as lookup does: ignoring
/// case and the spaces around it).
fn folded(name: &str) -> Box<str> {
    name.trim().to_lowercase().into()
}
