//! The questions about one person a subset answers, each with the
//! records it collects (the rules are in the parent module's comment),
//! and the reporting rule read on the collected records themselves, to
//! climb a chain of command on a day before the subset is cut.

use std::cell::Cell;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Closure, Depth, Item, Renumber, person_named};
use crate::cache::place::{Place, ReadAt};
use crate::ids::{PersonId, RoleId, UnitId};
use crate::timeline::lines::{Line, OrgView};
use crate::timeline::{History, Role, Unit};

/// A question about one person that a subset of the history can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// `show` on the day.
    Show(NaiveDate),
    /// `chain` on the day.
    Chain(NaiveDate),
    /// `who-reports-to` on the day; `all`: the whole subtree (`--all`,
    /// `--depth`).
    Reports { day: NaiveDate, all: bool },
    /// `history`.
    History,
}

/// `who-reports-to --all` falls back to the whole history when its
/// subtree holds more than this share of the roles (one in ...): the
/// top of a large organisation reads most of it anyway.
const ALL_SHARE: usize = 8;
/// ... but never before this many roles, as the subset's own budget
/// never gives up before `FLOOR` records: a small organisation's subtree
/// is read quickly either way, and its whole history may not be (a
/// newsroom's 359 roles come with 100,000 events of attributes).
const ALL_FLOOR: usize = 2_500;

/// What `ask` of the person `query` names reads, as a history of its
/// own; `None` when `query` does not name one person by a whole name,
/// the store is damaged, or the subset would be too large: the whole
/// history must answer.
pub fn person_subset<R: ReadAt>(place: &mut Place<R>, query: &str, ask: Ask) -> Option<History> {
    let timer = crate::timer::Timer::start();
    let p = person_named(place, query)?;
    let files = place.files()?;
    let (day, tenures) = match ask {
        Ask::History => (None, Depth::Full),
        Ask::Show(day) => (Some(day), Depth::Full),
        Ask::Chain(day) | Ask::Reports { day, .. } => (Some(day), Depth::OnDay),
    };
    let mut c = Closure::new(place, day, tenures);
    c.add(Item::Person(p, Depth::Full))?;
    c.own = c
        .person(p)?
        .tenures
        .iter()
        .map(|t| t.role.index())
        .collect();
    c.run()?;
    match ask {
        Ask::History => {}
        Ask::Show(day) => {
            let roles: Vec<RoleId> = c.person(p)?.tenures.iter().map(|t| t.role).collect();
            for r in roles {
                c.reporters(r, day, &mut HashSet::new())?;
            }
            c.pending(day)?;
        }
        Ask::Chain(day) => {
            for r in c.held(p, day)? {
                c.climb(r, day)?;
            }
        }
        Ask::Reports { day, all: false } => {
            let mut walked = HashSet::new();
            for r in c.held(p, day)? {
                c.reporters(r, day, &mut walked)?;
                // Those whose explicit line may go to it on the day.
                for x in c.place.explicit_to(r, None)? {
                    c.add(Item::Role(x, Depth::HeadOnDay))?;
                }
            }
        }
        Ask::Reports { day, all: true } => {
            let held = c.held(p, day)?;
            c.everyone_below(held, day)?;
        }
    }
    c.run()?;
    c.read_events()?;
    timer.lap_with(|| format!("subset: {}", c.sizes()));
    let h = Renumber::of(&c).history(c, files)?;
    timer.lap("subset: renumbered");
    h.is_consistent().then_some(h)
}

impl<R: ReadAt> Closure<'_, R> {
    /// The roles person `p` (full, read) holds on `day`.
    fn held(&mut self, p: PersonId, day: NaiveDate) -> Option<Vec<RoleId>> {
        let tenures = self.person(p)?.tenures.clone();
        let mut out = Vec::new();
        for t in tenures {
            let role = self.role(t.role)?;
            let seat = role.seat_timelines().nth(t.seat as usize)?;
            if seat.intervals().get(t.index as usize)?.contains(day) {
                out.push(t.role);
            }
        }
        Some(out)
    }

    /// The roles on the chain of command from `r` on `day`, on the day:
    /// each added, then its line on the day derived from the records read
    /// (all those its line reads on the day).
    fn climb(&mut self, r: RoleId, day: NaiveDate) -> Option<()> {
        let mut seen = HashSet::new();
        let mut cur = Some(r);
        while let Some(x) = cur {
            if !seen.insert(x) {
                break;
            }
            self.add(Item::Role(x, Depth::OnDay))?;
            self.run()?;
            cur = OnDay::new(self, day).line(x)?.map(|l| l.to);
        }
        Some(())
    }

    /// Everyone who may report to `managers` on `day`, directly or not,
    /// on the day: the roles of the units each heads and of the units below
    /// them, and those whose explicit line goes to one of them that day,
    /// and so on down. `None` past a share of the roles ([`ALL_SHARE`],
    /// [`ALL_FLOOR`]).
    fn everyone_below(&mut self, managers: Vec<RoleId>, day: NaiveDate) -> Option<()> {
        let limit = (self.place.counts[1] / ALL_SHARE).max(ALL_FLOOR);
        let mut work = managers;
        let mut done = HashSet::new();
        let mut walked = HashSet::new();
        while let Some(x) = work.pop() {
            if !done.insert(x) {
                continue;
            }
            if done.len() > limit {
                return None;
            }
            let below = self.reporters(x, day, &mut walked)?;
            work.extend(below);
            for y in self.place.explicit_to(x, Some(day))? {
                if self.role(y)?.rare.line.value_at(day) == Some(&x) {
                    self.add(Item::Role(y, Depth::OnDay))?;
                    work.push(y);
                }
            }
        }
        Some(())
    }
}

/// The organisation on one day as the records read so far say it, by
/// their ids in the whole history: enough for the reporting rule of a
/// role on the day. A record it needs and was not read marks it
/// `missing`: the whole history must answer.
struct OnDay<'a, 'p, R> {
    c: &'a Closure<'p, R>,
    day: NaiveDate,
    missing: Cell<bool>,
}

impl<'a, 'p, R> OnDay<'a, 'p, R> {
    fn new(c: &'a Closure<'p, R>, day: NaiveDate) -> Self {
        OnDay {
            c,
            day,
            missing: Cell::new(false),
        }
    }

    /// The line of `r` on the day (`Some(None)`: the top); `None` when a
    /// record it reads was not read.
    fn line(&self, r: RoleId) -> Option<Option<Line>> {
        let line = self.derive_line(r);
        (!self.missing.get()).then_some(line)
    }

    fn role(&self, r: RoleId) -> Option<&'a Role> {
        let x = self.c.got_roles.get(&r.index());
        self.missing.set(self.missing.get() || x.is_none());
        x
    }

    fn unit(&self, u: UnitId) -> Option<&'a Unit> {
        let x = self.c.got_units.get(&u.index());
        self.missing.set(self.missing.get() || x.is_none());
        x
    }
}

impl<R> OrgView for OnDay<'_, '_, R> {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId> {
        self.role(r)?.rare.line.value_at(self.day).copied()
    }

    fn is_top(&self, r: RoleId) -> bool {
        self.role(r)
            .is_some_and(|x| x.rare.top.at(self.day).is_some())
    }

    fn role_exists(&self, r: RoleId) -> bool {
        self.role(r).is_some_and(|x| x.life.at(self.day).is_some())
    }

    fn unit_of(&self, r: RoleId) -> Option<UnitId> {
        let x = self.role(r)?;
        x.life.at(self.day)?;
        x.unit.value_at(self.day).copied()
    }

    /// As `State` finds it: the last role in existence on the day, in
    /// load order, in the unit and marked head.
    fn head_of(&self, u: UnitId) -> Option<RoleId> {
        let Some(heads) = self.c.heads.get(&u.index()) else {
            self.missing.set(true);
            return None;
        };
        heads
            .iter()
            .copied()
            .filter(|&r| {
                self.role(r)
                    .is_some_and(|x| x.heads_on(self.day) == Some(u))
            })
            .last()
    }

    fn parent(&self, u: UnitId) -> Option<UnitId> {
        let x = self.unit(u)?;
        x.life.at(self.day)?;
        x.parent.value_at(self.day).copied()
    }

    fn unit_count(&self) -> usize {
        self.c.place.counts[0]
    }
}
