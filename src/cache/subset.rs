//! A history cut down to what one question reads: the records reachable
//! from the record asked about, renumbered in their order
//! ([`renumber`]), so that the query code run on the subset gives the
//! answer it gives on the whole. Records are read one by one from the
//! cache in place ([`super::place`]).
//!
//! Records come in depths. A *full* record is copied whole and everything
//! its facts depend on is there too. A *stub* keeps only its id,
//! declaration, names and notes: it is there to be named (a holder of a
//! manager's role, a record an event names), never evaluated. Between
//! them, a *head* role (one that headed a full unit) and a *reaching* role
//! (one whose explicit line reaches a full role) are whole, but the units
//! they were in are stubs: the reporting rule reads their existence, unit,
//! head marker, lines and holders, never the units above them.
//!
//! What a full record reaches (the reporting rule's read set, as
//! `query::view::line_days` lists it):
//! - a person: the roles of all their tenures, full, or on the day (below);
//! - a role: the units its derived line reads over its lives, full (the
//!   units it was ever in and those ever above them, up to a unit headed
//!   all through its lives by a role that takes its line:
//!   `query::view::units_read`, the walk `line_days` makes), the others it
//!   was in as stubs; the roles its lines and dotted lines ever went to,
//!   as heads (their existence, titles, units' names and holders are read,
//!   never their own lines); the roles whose explicit lines ever went to
//!   it, reaching (and theirs, transitively); those whose dotted lines
//!   did, as heads; its holders as stubs;
//! - a role *on the day* (`OnDay`), whose line is read on the question's
//!   day only: the same, but cut to the day ([`role_on_day`]: its intervals
//!   that touch the day, and the first of each timeline, which tells a
//!   vacancy from a holder unrecorded), so only its holders, units and
//!   stamps of that day are reached; the units its line reads are those
//!   of the walk on that day (its unit, and the units above on the day up
//!   to the first headed by a role that takes its line: not itself, none
//!   whose explicit lines reach it that day), on the day (with
//!   only their heads of that day); the roles with lines to it are not
//!   reached (the rule reads the lines from a unit's head up, never
//!   down). The roles its lines go to that day, and the heads of its
//!   units that day, are heads *on the day* (`HeadOnDay`): heads cut to
//!   the day. A role needed whole (a head, a reaching role) and on the day
//!   is full. The person's own roles are never cut (their tenures count
//!   the intervals of their holders);
//! - a unit: every unit ever its parent, as a stub (named; a unit a line
//!   climbs to is full through the role whose line it is); every role
//!   that was ever in it and ever a head, as a head; its successor as a
//!   stub. A unit on the day is cut as a role is ([`unit_on_day`]): only
//!   its parents of the day (and its first) are named;
//! - every record but a stub or one on the day: the events its stamps
//!   name, without their changes (a stub's or a record on the day's stamps
//!   name no event in the subset: what holds on the day is asked of
//!   those, and since when, which the stamps' dates say):
//!   the questions read of those events their dates, titles and sources
//!   (`history`'s events, what began or ended a fact), never their
//!   changes, so the records the changes name are not reached through
//!   them (the tests below ask every question of the subset and of the
//!   whole and compare);
//! - the events pending on the day (`announced`), whole: the records
//!   they name, full;
//! - the roles that may report to one of the person's roles on the day,
//!   on the day: the roles of every unit the role heads on the day and of
//!   every unit below it on that day with no head then; of a unit below
//!   with a head, its heads and the roles their explicit lines reach (a
//!   role deeper down reports to a head on its way up, unless that head's
//!   explicit lines reach it: then it is passed over).
//!
//! Each question about a person ([`Ask`]) starts from the person, full,
//! and adds:
//! - `show`: the person's roles full (the card names the person's first
//!   and last events, from their whole history), the possible reports of
//!   each, as above, and the events pending on the day;
//! - `history`: nothing more: it reads the person's tenures, their roles'
//!   titles, units and lines over their whole lives, and the holders of
//!   the roles those lines went to, all reached from the person's roles,
//!   full (a line's target is a head: whole);
//! - `chain`: every role on the chain of command of each role the person
//!   holds on the day, on the day. The chain is climbed before the subset
//!   is cut: a role is added, then its line on the day is derived by the
//!   one reporting rule on the records read (`ask::OnDay`), which are all
//!   those its line reads on the day (a record it would need and was not
//!   read makes the whole history answer), and the next role is its
//!   target;
//! - `who-reports-to`: the possible reports of each role the person holds
//!   on the day, as above, and the roles whose explicit lines ever went to
//!   one, as heads (with `--dotted` too: the roles with a dotted line to
//!   one are whole). With `--all` (and `--depth`): the same for every
//!   possible report, down to the bottom, and the roles whose explicit
//!   line goes to any of them on the day, on the day, and theirs in turn.
//!   That read set is unbounded (everyone, from the top of the
//!   organisation): past an eighth of the roles (and 2,500 roles), the
//!   whole history answers instead.
//!
//! Every question gives up the same way past one record in 8 of the
//! history (counting stubs and events; and never before 20,000): a
//! manager's `who-reports-to --all` reads the whole subtree below them,
//! and records read one by one cost more each than the whole history
//! decoded in a row.
//!
//! Why a role less than full cannot change the answer: the lines read are
//! those of full roles (on the day: of roles on the day), computed from
//! full units, their heads (whole) and the explicit lines to and from
//! them (whole); a role less than full whose derived line is wrong for
//! want of its units could only appear to report to a role that heads one
//! of those units on the day, which makes it one of that role's possible
//! reports, on the day.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::NaiveDate;

use super::place::{Place, ReadAt};
use crate::ids::{EventId, PersonId, RoleId, UnitId};
use crate::query::view::{Span, heading_spans, holds_on, lives_span, reachable, units_read};
use crate::timeline::{Event, Named, Person, Role, Unit};
pub use ask::{Ask, person_subset};
use day::{role_on_day, unit_on_day};
use reach::Reach;
use renumber::Renumber;

mod ask;
mod day;
mod reach;
mod renumber;

/// How much of a record the subset holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Depth {
    None,
    Stub,
    /// A role a question about one day reads as a head: heading a unit on
    /// the day, a line's target on the day, or with an explicit line that
    /// may go to a role asked about: a head (below), cut to the day as
    /// `OnDay` is, the events of its stamps not read.
    HeadOnDay,
    /// A role heading a unit the subset holds full: whole, as the units'
    /// heads are read from it, but the units it was in are stubs and the
    /// roles with lines to it left out.
    Head,
    /// A role whose explicit line reaches a full role: whole, as a head,
    /// and the roles with explicit lines to it too (`line_days` reads
    /// them all).
    Reach,
    /// A role whose line is read on the question's day only: cut to the
    /// day ([`role_on_day`]), with the units its line climbs to on that
    /// day, on the day. A unit on the day: cut to the day
    /// ([`unit_on_day`]), with only the roles that head it on that day.
    OnDay,
    /// Full; for a role, its line is read over its whole lives.
    Full,
}

#[derive(Clone, Copy)]
enum Item {
    Unit(UnitId, Depth),
    Role(RoleId, Depth),
    Person(PersonId, Depth),
    /// An event: whole (`Full`), or without its changes (`Stub`).
    Event(EventId, Depth),
}

impl Item {
    fn depth(self) -> Depth {
        match self {
            Item::Unit(_, d) | Item::Role(_, d) | Item::Person(_, d) | Item::Event(_, d) => d,
        }
    }
}

/// What the subset holds of each record of one kind, by index, and the
/// records it holds, in the order added: a question touches only these,
/// never every id of the history.
struct Depths {
    depth: Vec<Depth>,
    kept: Vec<usize>,
}

impl Depths {
    fn new(n: usize) -> Self {
        Depths {
            depth: vec![Depth::None; n],
            kept: Vec::new(),
        }
    }

    fn of(&self, i: usize) -> Depth {
        self.depth.get(i).copied().unwrap_or(Depth::None)
    }

    /// Raises record `i` to `d`: whether it grew; `None` for an index
    /// out of range.
    fn raise(&mut self, i: usize, d: Depth) -> Option<bool> {
        let slot = self.depth.get_mut(i)?;
        if *slot == Depth::None && d != Depth::None {
            self.kept.push(i);
        }
        // A role read whole (a head, a reaching role) and on the day (cut
        // to the day): both, which full is.
        let whole = |x: Depth| matches!(x, Depth::Head | Depth::Reach);
        let d = match (*slot, d) {
            (Depth::OnDay, x) | (x, Depth::OnDay) if whole(x) => Depth::Full,
            _ => d,
        };
        let grows = d > *slot;
        if grows {
            *slot = d;
        }
        Some(grows)
    }

    /// The records held, in id order.
    fn sorted(&self) -> Vec<usize> {
        let mut v = self.kept.clone();
        v.sort_unstable();
        v
    }
}

/// What the subset holds of each record, and the records read so far.
struct Closure<'p, R> {
    place: &'p mut Place<R>,
    units: Depths,
    roles: Depths,
    people: Depths,
    events: Depths,
    got_units: HashMap<usize, Unit>,
    got_roles: HashMap<usize, Role>,
    got_people: HashMap<usize, Person>,
    got_events: HashMap<usize, Event>,
    /// The roles that ever headed each full unit (`Place::heads_of`), for
    /// the reporting rule read on the records ([`ask`]).
    heads: HashMap<usize, Vec<RoleId>>,
    work: VecDeque<Item>,
    /// How many more records may be added before the subset gives up
    /// ([`SHARE`]).
    budget: usize,
    /// The day the question is about (`None`: all days, for `history`),
    /// on which an `OnDay` role's line is read.
    day: Option<NaiveDate>,
    /// The roles of the person asked about: never cut to the day (their
    /// tenures count the intervals of their holders).
    own: HashSet<usize>,
    /// The depth of the roles of a full person's tenures: `Full` when the
    /// question reads their lines over their lives (`history`, and `show`,
    /// which names the person's first and last events), else `OnDay`.
    tenures: Depth,
}

impl<R> Closure<'_, R> {
    /// The day a unit of depth `d` is cut to ([`unit_on_day`]): a unit on
    /// the day.
    fn unit_cut_to(&self, d: Depth) -> Option<NaiveDate> {
        self.day.filter(|_| d == Depth::OnDay)
    }

    /// The day role `i` of depth `d` is cut to ([`role_on_day`]): a role on
    /// the day or a head on the day, not the person's own.
    fn cut_to(&self, i: usize, d: Depth) -> Option<NaiveDate> {
        self.day
            .filter(|_| matches!(d, Depth::OnDay | Depth::HeadOnDay) && !self.own.contains(&i))
    }
}

/// A subset gives up, and the whole history answers, past one record in
/// this many: reading records one by one costs more per record than
/// decoding them all in a row, so a question that reaches a large part of
/// the organisation (a manager near the top) is answered faster whole.
const SHARE: usize = 8;
/// ... but never before this many: a small history is read whole quickly
/// either way.
const FLOOR: usize = 20_000;

impl<'p, R: ReadAt> Closure<'p, R> {
    fn new(place: &'p mut Place<R>, day: Option<NaiveDate>, tenures: Depth) -> Self {
        let [nu, nr, np, ne] = place.counts;
        Closure {
            place,
            units: Depths::new(nu),
            roles: Depths::new(nr),
            people: Depths::new(np),
            events: Depths::new(ne),
            got_units: HashMap::new(),
            got_roles: HashMap::new(),
            got_people: HashMap::new(),
            got_events: HashMap::new(),
            heads: HashMap::new(),
            work: VecDeque::new(),
            budget: ((nu + nr + np + ne) / SHARE).max(FLOOR),
            day,
            own: HashSet::new(),
            tenures,
        }
    }

    /// The records read, by kind, for `ORGCTL_TIMING`.
    fn sizes(&self) -> String {
        format!(
            "{} units, {} roles, {} people, {} events read",
            self.got_units.len(),
            self.got_roles.len(),
            self.got_people.len(),
            self.got_events.len()
        )
    }

    /// Adds `item`; `None` for an id out of range.
    fn add(&mut self, item: Item) -> Option<()> {
        let grows = match item {
            Item::Unit(u, d) => self.units.raise(u.index(), d)?,
            Item::Role(r, d) => self.roles.raise(r.index(), d)?,
            Item::Person(p, d) => self.people.raise(p.index(), d)?,
            Item::Event(e, d) => self.events.raise(e.index(), d)?,
        };
        if grows {
            self.budget = self.budget.checked_sub(1)?;
            self.work.push_back(item);
        }
        Some(())
    }

    fn add_all(&mut self, items: impl IntoIterator<Item = Item>) -> Option<()> {
        items.into_iter().try_for_each(|i| self.add(i))
    }

    fn unit(&mut self, u: UnitId) -> Option<&Unit> {
        if !self.got_units.contains_key(&u.index()) {
            let x = self.place.unit(u)?;
            self.got_units.insert(u.index(), x);
        }
        self.got_units.get(&u.index())
    }

    fn role(&mut self, r: RoleId) -> Option<&Role> {
        if !self.got_roles.contains_key(&r.index()) {
            let x = self.place.role(r)?;
            self.got_roles.insert(r.index(), x);
        }
        self.got_roles.get(&r.index())
    }

    fn person(&mut self, p: PersonId) -> Option<&Person> {
        if !self.got_people.contains_key(&p.index()) {
            let x = self.place.person(p)?;
            self.got_people.insert(p.index(), x);
        }
        self.got_people.get(&p.index())
    }

    fn event(&mut self, e: EventId) -> Option<&Event> {
        if !self.got_events.contains_key(&e.index()) {
            let x = self.place.event(e)?;
            self.got_events.insert(e.index(), x);
        }
        self.got_events.get(&e.index())
    }

    /// Reads every event the subset holds and has not read yet (those
    /// read for their date, title and sources only), in the order they
    /// are stored: neighbours share the blocks kept, where the order they
    /// were reached in read a block or two for each.
    fn read_events(&mut self) -> Option<()> {
        for i in self.events.sorted() {
            if !self.got_events.contains_key(&i) {
                self.event(EventId::new(i))?;
            }
        }
        Some(())
    }

    /// The events pending on `day` and the records they name, full (what
    /// `announced` reads).
    fn pending(&mut self, day: NaiveDate) -> Option<()> {
        for e in self.place.pending(day)? {
            self.add(Item::Event(e, Depth::Full))?;
            let mut reach = Reach::of(Depth::Full);
            reach.event(self.event(e)?, Depth::Full);
            self.add_all(reach.items)?;
        }
        Some(())
    }

    /// Adds what the items on the work list reach, until nothing grows.
    fn run(&mut self) -> Option<()> {
        while let Some(item) = self.work.pop_front() {
            let mut reach = Reach::of(item.depth());
            match item {
                Item::Unit(u, d) => {
                    match self.unit_cut_to(d) {
                        Some(day) => reach.unit(&unit_on_day(self.unit(u)?, day), true),
                        None => reach.unit(self.unit(u)?, d >= Depth::OnDay),
                    }
                    if d >= Depth::OnDay {
                        let heads = self.heads_of(u, d)?;
                        let head = Self::head_depth(d);
                        reach
                            .items
                            .extend(heads.iter().map(|&r| Item::Role(r, head)));
                        self.heads.insert(u.index(), heads);
                    }
                }
                Item::Role(r, d) => {
                    match self.cut_to(r.index(), d) {
                        Some(day) => reach.role(&role_on_day(self.role(r)?, day), d),
                        None => reach.role(self.role(r)?, d),
                    }
                    if matches!(d, Depth::Reach | Depth::Full) {
                        let to = self.place.explicit_to(r, None)?;
                        reach
                            .items
                            .extend(to.into_iter().map(|x| Item::Role(x, Depth::Reach)));
                    }
                    if d >= Depth::OnDay {
                        reach.items.extend(self.units_read(r, d)?);
                        let to = self.place.dotted_to(r)?;
                        let head = Self::head_depth(d);
                        reach
                            .items
                            .extend(to.into_iter().map(|x| Item::Role(x, head)));
                    }
                }
                Item::Person(p, d) => {
                    let roles = self.tenures;
                    reach.person(self.person(p)?, d == Depth::Full, roles)
                }
                Item::Event(e, Depth::Full) => reach.event(self.event(e)?, Depth::Stub),
                // Read later, with the others, by [`Closure::read_events`].
                Item::Event(..) => {}
            }
            self.add_all(reach.items)?;
        }
        Some(())
    }

    /// The depth of the heads a record of depth `d` brings: on the day,
    /// heads of that day.
    fn head_depth(d: Depth) -> Depth {
        match d {
            Depth::OnDay => Depth::HeadOnDay,
            _ => Depth::Head,
        }
    }

    /// The roles that ever headed unit `u`, or for a unit on the day
    /// (`OnDay`), those that head it on the day (as `State` finds its head,
    /// or `DayView`), among those the index says headed it that day.
    fn heads_of(&mut self, u: UnitId, d: Depth) -> Option<Vec<RoleId>> {
        let on = self.day.filter(|_| d == Depth::OnDay);
        let mut heads = self.place.heads_of(u, on)?;
        if let Some(day) = on {
            let mut heading = Vec::new();
            for x in heads {
                let role = self.role(x)?;
                let spans = heading_spans(role).into_iter();
                if role.heads_on(day) == Some(u)
                    || spans
                        .filter(|&(at, ..)| at == u)
                        .any(|(_, from, until)| holds_on(&from, until.as_ref(), day))
                {
                    heading.push(x);
                }
            }
            heads = heading;
        }
        Some(heads)
    }

    /// The units role `r`'s derived line reads ([`units_read`]) over its
    /// lives (`d` full), or on the question's day (`OnDay`): full.
    fn units_read(&mut self, r: RoleId, d: Depth) -> Option<Vec<Item>> {
        let day = self.day.filter(|_| d == Depth::OnDay);
        // The roles that ever reach `r` by explicit lines: over its lives,
        // none of them takes its line. On the day, a head's own lines are
        // followed instead (below): fewer reads where most roles have one.
        let mut failed = false;
        let reaching = match day {
            Some(_) => Vec::new(),
            None => reachable([r], |x, out| match self.place.explicit_to(x, None) {
                Some(to) => out.extend(to),
                None => failed = true,
            }),
        };
        if failed {
            return None;
        }
        let reaching: rustc_hash::FxHashSet<RoleId> = reaching.into_iter().collect();
        let role = self.role(r)?;
        let (start, span): (Vec<UnitId>, Span) = match day {
            None => (
                role.unit.intervals().iter().map(|iv| iv.value).collect(),
                lives_span(role),
            ),
            Some(d) => (
                role.unit.value_at(d).copied().into_iter().collect(),
                (Some(d), d.succ_opt()),
            ),
        };
        let takes = |x| x != r && !reaching.contains(&x);
        let walked = units_read(start, span, takes, |u, heads, parents| {
            for x in self.place.heads_of(u, day)? {
                if let Some(d) = day
                    && self.reaches_on(x, r, d)?
                {
                    continue;
                }
                let spans = heading_spans(self.role(x)?).into_iter();
                let here = spans.filter(|&(at, ..)| at == u);
                heads.extend(
                    here.map(|(_, from, until)| (x, from.day(), until.and_then(|s| s.day()))),
                );
            }
            let above = &self.unit(u)?.parent;
            match day {
                None => parents.extend(above.intervals().iter().map(|iv| iv.value)),
                Some(d) => parents.extend(above.value_at(d)),
            }
            Some(())
        })?;
        let depth = if day.is_some() {
            Depth::OnDay
        } else {
            Depth::Full
        };
        Some(walked.into_iter().map(|u| Item::Unit(u, depth)).collect())
    }

    /// Whether the explicit lines of role `x` reach role `r` on `day` (the
    /// roles on the way are read, not added: a head's lines are those of
    /// heads, whole in the subset).
    fn reaches_on(&mut self, x: RoleId, r: RoleId, day: NaiveDate) -> Option<bool> {
        let mut seen = HashSet::new();
        let mut cur = x;
        while seen.insert(cur) {
            match self.role(cur)?.rare.line.value_at(day) {
                Some(&to) if to == r => return Some(true),
                Some(&to) => cur = to,
                None => return Some(false),
            }
        }
        Some(false)
    }

    /// The roles that may report to `r` on `day`, on the day: those of
    /// every unit it heads on the day, and of every unit below one on that
    /// day with no head then (each unit once: `walked` holds those already
    /// read); of a unit below with a head, its heads and every role their
    /// explicit lines reach on the day (a head passes a role's line on to
    /// the unit above only when its explicit lines reach that role). A role
    /// deeper down reports to a head on its way up. Returns them.
    fn reporters(
        &mut self,
        r: RoleId,
        day: NaiveDate,
        walked: &mut HashSet<UnitId>,
    ) -> Option<Vec<RoleId>> {
        let role = self.role(r)?;
        let (Some(&top), Some(true)) = (role.unit.value_at(day), role.head.value_at(day).copied())
        else {
            return Some(Vec::new());
        };
        let mut out = Vec::new();
        let mut below = vec![top];
        let mut chained = HashSet::new();
        while let Some(u) = below.pop() {
            if !walked.insert(u) {
                continue;
            }
            for x in self.place.roles_in(u, Some(day))? {
                self.add(Item::Role(x, Depth::OnDay))?;
                out.push(x);
            }
            for c in self.place.children_of(u, Some(day))? {
                if self.unit(c)?.parent.value_at(day) != Some(&u) {
                    continue;
                }
                self.add(Item::Unit(c, Depth::OnDay))?;
                let heads = self.heads_of(c, Depth::OnDay)?;
                let mut headed = false;
                for h in heads {
                    headed |= self.role(h)?.heads_on(day) == Some(c);
                    self.explicit_from(h, day, &mut chained, &mut out)?;
                }
                if !headed {
                    below.push(c);
                }
            }
        }
        Some(out)
    }

    /// Adds role `r` and every role its explicit lines reach on `day`, on
    /// the day, to `out`; a role in `chained` (whose own have been added)
    /// ends the walk.
    fn explicit_from(
        &mut self,
        r: RoleId,
        day: NaiveDate,
        chained: &mut HashSet<RoleId>,
        out: &mut Vec<RoleId>,
    ) -> Option<()> {
        let mut cur = Some(r);
        while let Some(x) = cur {
            if !chained.insert(x) {
                break;
            }
            self.add(Item::Role(x, Depth::OnDay))?;
            out.push(x);
            cur = self.role(x)?.rare.line.value_at(day).copied();
        }
        Some(())
    }
}

/// The person `query` names by a whole id, name or alias (no other record
/// answers to it), if it is one.
fn person_named<R: ReadAt>(place: &mut Place<R>, query: &str) -> Option<PersonId> {
    let [Named::Person(p)] = place.named(query, 2)?[..] else {
        return None;
    };
    // The hash matched: the name must too.
    let person = place.person(p)?;
    let q = query.trim().to_lowercase();
    let names = std::iter::once(person.key.as_str())
        .chain(person.name.intervals().iter().map(|iv| iv.value.as_str()))
        .chain(person.notes.aliases.iter().map(|iv| iv.value.as_str()));
    names
        .into_iter()
        .any(|n| n.to_lowercase() == q)
        .then_some(p)
}

#[cfg(test)]
mod tests;
