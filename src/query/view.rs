//! The organisation on any day read straight from the timelines, for the
//! exploration commands (`chain`, `history`, `why`, `show`, `log --about`),
//! which look at a few records over many days rather than at every record
//! on one day (that is [`State`](super::State)).
//!
//! - [`Index`]: the reverse of the `unit` and `parent` timelines (which
//!   roles and units were ever in a unit), built once per query from the
//!   records, never from the events.
//! - [`DayView`]: an [`OrgView`] on one day, so the one reporting rule
//!   ([`OrgView::derive_line`]) answers on any day.
//! - [`line_grounds`]: the facts a derived line rests on, each with the
//!   stamp that began it: what `why` prints and what `history` blames a
//!   change of line on.
//! - [`line_spans`]: a role's reporting line over its whole life.

use chrono::NaiveDate;

use super::state::{Line, LineRule, OrgView};
use crate::dates::PartialDate;
use crate::ids::{EventId, RoleId, UnitId};
use crate::timeline::{History, Interval, Origin, Role, Stamp, Subject};

/// Replay order of stamps: by day (the start of the record first),
/// declarations before the events of their day, events in replay order.
pub type Order = (Option<NaiveDate>, usize);

pub fn order(s: &Stamp) -> Order {
    let rank = match s.origin {
        Origin::Declared(_) => 0,
        Origin::Event(e) => e.index() + 1,
    };
    (s.day(), rank)
}

/// `order` of an interval's end; `None` (still holds) after every stamp.
fn end_order(s: Option<&Stamp>) -> (bool, Order) {
    match s {
        Some(s) => (false, order(s)),
        None => (true, (None, 0)),
    }
}

/// The event a stamp names, if it is one.
pub fn event_of(s: &Stamp) -> Option<EventId> {
    match s.origin {
        Origin::Event(e) => Some(e),
        Origin::Declared(_) => None,
    }
}

/// When a fact began or ended, and what made it so. `origin` is `None`
/// when no single change did: a derived reporting line that changed
/// because several facts changed on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// `None`: before the first recorded event.
    pub date: Option<PartialDate>,
    pub origin: Option<Origin>,
}

impl From<Stamp> for Mark {
    fn from(s: Stamp) -> Self {
        Mark {
            date: s.date,
            origin: Some(s.origin),
        }
    }
}

impl Mark {
    pub fn day(&self) -> Option<NaiveDate> {
        self.date.map(|d| d.first_day())
    }

    pub fn event(&self) -> Option<EventId> {
        match self.origin {
            Some(Origin::Event(e)) => Some(e),
            _ => None,
        }
    }

    pub fn order(&self) -> Order {
        let rank = match self.origin {
            Some(Origin::Event(e)) => e.index() + 1,
            _ => 0,
        };
        (self.day(), rank)
    }
}

/// Which roles and child units each unit ever had.
pub struct Index {
    unit_roles: Vec<Vec<RoleId>>,
    /// Who headed each unit, when: (role, from, until).
    unit_heads: Vec<Vec<(RoleId, Stamp, Option<Stamp>)>>,
    unit_children: Vec<Vec<UnitId>>,
    absorbed: Vec<Vec<UnitId>>,
    /// The roles that ever had an explicit line to each role.
    explicit_to: Vec<Vec<RoleId>>,
}

fn push_once<T: PartialEq + Copy>(v: &mut Vec<T>, x: T) {
    if v.last() != Some(&x) {
        v.push(x);
    }
}

impl Index {
    pub fn new(h: &History) -> Self {
        let mut unit_roles = vec![Vec::new(); h.units.len()];
        let mut unit_heads = vec![Vec::new(); h.units.len()];
        let mut unit_children = vec![Vec::new(); h.units.len()];
        let mut absorbed = vec![Vec::new(); h.units.len()];
        let mut explicit_to = vec![Vec::new(); h.roles.len()];
        for (i, unit) in h.units.iter().enumerate() {
            let u = UnitId::new(i);
            for iv in unit.parent.intervals() {
                push_once(&mut unit_children[iv.value.index()], u);
            }
            if let Some(into) = unit.dissolved_into {
                absorbed[into.index()].push(u);
            }
        }
        for (i, role) in h.roles.iter().enumerate() {
            let r = RoleId::new(i);
            for iv in role.unit.intervals() {
                push_once(&mut unit_roles[iv.value.index()], r);
            }
            for (u, from, until) in heading_spans(h.role(r)) {
                unit_heads[u.index()].push((r, from, until));
            }
            for iv in role.rare.line.intervals() {
                push_once(&mut explicit_to[iv.value.index()], r);
            }
        }
        Index {
            unit_roles,
            unit_heads,
            unit_children,
            absorbed,
            explicit_to,
        }
    }

    /// Roles that were ever in `u`, in load order.
    pub fn roles_ever_in(&self, u: UnitId) -> &[RoleId] {
        &self.unit_roles[u.index()]
    }

    /// The roles that headed `u`, with when: (role, from, until).
    pub fn heads_of(&self, u: UnitId) -> &[(RoleId, Stamp, Option<Stamp>)] {
        &self.unit_heads[u.index()]
    }

    /// Units that were ever directly under `u`, in load order.
    pub fn children_ever_of(&self, u: UnitId) -> &[UnitId] {
        &self.unit_children[u.index()]
    }

    /// Units dissolved into `u`.
    pub fn absorbed_by(&self, u: UnitId) -> &[UnitId] {
        &self.absorbed[u.index()]
    }
}

/// The days of `days` (sorted) after `from` and before `until` (exclusive
/// both).
fn between(days: &[NaiveDate], from: NaiveDate, until: Option<NaiveDate>) -> &[NaiveDate] {
    let a = days.partition_point(|&d| d <= from);
    let b = until.map_or(days.len(), |u| days.partition_point(|&d| d < u));
    &days[a..b.max(a)]
}

/// The organisation on one day, read from the timelines on demand.
#[derive(Clone, Copy)]
pub struct DayView<'a> {
    pub history: &'a History,
    pub index: &'a Index,
    pub day: NaiveDate,
}

impl<'a> DayView<'a> {
    pub fn new(history: &'a History, index: &'a Index, day: NaiveDate) -> Self {
        DayView {
            history,
            index,
            day,
        }
    }

    pub fn unit_exists(&self, u: UnitId) -> bool {
        self.history.unit(u).life.at(self.day).is_some()
    }

    /// The stretch during which `r` heads its unit, holding on the day.
    pub fn heading(&self, r: RoleId) -> Option<(UnitId, Stamp, Option<Stamp>)> {
        heading_spans(self.history.role(r))
            .into_iter()
            .find(|(_, from, until)| holds_on(from, until.as_ref(), self.day))
    }
}

impl OrgView for DayView<'_> {
    fn explicit_line(&self, r: RoleId) -> Option<RoleId> {
        self.history.role(r).rare.line.value_at(self.day).copied()
    }

    fn is_top(&self, r: RoleId) -> bool {
        self.history.role(r).rare.top.at(self.day).is_some()
    }

    fn role_exists(&self, r: RoleId) -> bool {
        self.history.role(r).life.at(self.day).is_some()
    }

    fn unit_of(&self, r: RoleId) -> Option<UnitId> {
        if !self.role_exists(r) {
            return None;
        }
        self.history.role(r).unit.value_at(self.day).copied()
    }

    fn head_of(&self, u: UnitId) -> Option<RoleId> {
        self.index
            .heads_of(u)
            .iter()
            .find(|(_, from, until)| holds_on(from, until.as_ref(), self.day))
            .map(|(r, _, _)| *r)
    }

    fn parent(&self, u: UnitId) -> Option<UnitId> {
        if !self.unit_exists(u) {
            return None;
        }
        self.history.unit(u).parent.value_at(self.day).copied()
    }

    fn unit_count(&self) -> usize {
        self.history.units.len()
    }
}

/// True when a stretch from `from` until `until` holds on `day` (as
/// [`Interval::contains`]).
pub fn holds_on(from: &Stamp, until: Option<&Stamp>, day: NaiveDate) -> bool {
    from.day() <= Some(day) && until.is_none_or(|u| u.day() > Some(day))
}

/// The later of two stamps, in replay order.
fn later(a: Stamp, b: Stamp) -> Stamp {
    if order(&b) > order(&a) { b } else { a }
}

/// The earlier of two ends (`None`: still holds).
fn earlier(a: Option<Stamp>, b: Option<Stamp>) -> Option<Stamp> {
    if end_order(b.as_ref()) < end_order(a.as_ref()) {
        b
    } else {
        a
    }
}

/// The stretches during which role `r` headed a unit: (unit, from, until),
/// where its `head` flag was true while it was in that unit.
pub fn heading_spans(role: &Role) -> Vec<(UnitId, Stamp, Option<Stamp>)> {
    let mut out = Vec::new();
    for head in role.head.intervals().iter().filter(|iv| iv.value) {
        for unit in role.unit.intervals() {
            let from = later(head.from, unit.from);
            let until = earlier(head.until, unit.until);
            if (false, order(&from)) < end_order(until.as_ref()) {
                out.push((unit.value, from, until));
            }
        }
    }
    out
}

/// One fact a reporting line (or a situation) rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The role's explicit line (`reports_to` or `report`).
    ExplicitLine { role: RoleId, to: RoleId },
    /// The role is in the unit.
    InUnit { role: RoleId, unit: UnitId },
    /// The role heads the unit.
    Heads { role: RoleId, unit: UnitId },
    /// The unit lies directly under the parent.
    Under { unit: UnitId, parent: UnitId },
    /// The unit has no head role.
    Headless { unit: UnitId },
    /// The role has the top marker (`top = true`): it reports to nobody.
    Top { role: RoleId },
}

/// A fact with the stamps that began and (if it ended) ended it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    pub basis: Basis,
    pub from: Stamp,
    pub until: Option<Stamp>,
}

fn ground<T>(basis: Basis, iv: &Interval<T>) -> Ground {
    Ground {
        basis,
        from: iv.from,
        until: iv.until,
    }
}

/// Since when, and until when, `u` has had no head role around `view.day`:
/// from the end of its last head (or its creation) to its next head (or
/// its end).
pub fn headless(view: &DayView, u: UnitId) -> Option<Ground> {
    let h = view.history;
    let life = h.unit(u).life.at(view.day)?;
    let mut from = life.from;
    let mut until = life.until;
    for &(_, f, t) in view.index.heads_of(u) {
        if let Some(t) = t
            && t.day() <= Some(view.day)
        {
            from = later(from, t);
        }
        if f.day() > Some(view.day) {
            until = earlier(until, Some(f));
        }
    }
    Some(Ground {
        basis: Basis::Headless { unit: u },
        from,
        until,
    })
}

/// The ground "`role` heads `unit`" on the view's day.
fn heads(view: &DayView, role: RoleId, unit: UnitId) -> Option<Ground> {
    let (u, from, until) = view.heading(role)?;
    (u == unit).then_some(Ground {
        basis: Basis::Heads { role, unit },
        from,
        until,
    })
}

/// The facts that make `line` role `r`'s reporting line on the view's
/// day, in the order the rule reads them.
pub fn line_grounds(view: &DayView, r: RoleId, line: Line) -> Vec<Ground> {
    let h = view.history;
    let role = h.role(r);
    let day = view.day;
    let mut out = Vec::new();
    if line.rule == LineRule::Explicit {
        if let Some(iv) = role.rare.line.at(day) {
            out.push(ground(
                Basis::ExplicitLine {
                    role: r,
                    to: line.to,
                },
                iv,
            ));
        }
        return out;
    }
    let (Some(unit), Some(unit_iv)) = (view.unit_of(r), role.unit.at(day)) else {
        return out;
    };
    out.push(ground(Basis::InUnit { role: r, unit }, unit_iv));
    match line.rule {
        LineRule::Explicit => {}
        LineRule::HeadOfUnit => out.extend(heads(view, line.to, unit)),
        LineRule::HeadOfAncestor(top) => {
            units_passed(view, r, unit, Some(top), &mut out);
            out.extend(heads(view, line.to, top));
        }
    }
    out
}

/// Why role `r`, which has no explicit line, reports to nobody on the
/// view's day: its top marker; or, when a head of its unit or of a unit
/// above would otherwise take its line, each unit on the way up and its
/// head, which reports to `r` by explicit lines (shown). Empty when the
/// role is simply at the top of the units.
pub fn top_grounds(view: &DayView, r: RoleId) -> Vec<Ground> {
    let h = view.history;
    if let Some(iv) = h.role(r).rare.top.at(view.day) {
        return vec![ground(Basis::Top { role: r }, iv)];
    }
    let (Some(unit), Some(unit_iv)) = (view.unit_of(r), h.role(r).unit.at(view.day)) else {
        return Vec::new();
    };
    let mut out = vec![ground(Basis::InUnit { role: r, unit }, unit_iv)];
    let passed = units_passed(view, r, unit, None, &mut out);
    if passed { out } else { Vec::new() }
}

/// The grounds of the units from `unit` (role `r`'s) up to `top` (or to the
/// top of the tree), none of whose heads takes `r`'s line: `r` heads its
/// own unit, or a unit has no head, or its head reports to `r` by explicit
/// lines. True when some head was passed over so.
fn units_passed(
    view: &DayView,
    r: RoleId,
    unit: UnitId,
    top: Option<UnitId>,
    out: &mut Vec<Ground>,
) -> bool {
    let h = view.history;
    let day = view.day;
    let mut passed = false;
    match view.head_of(unit) {
        Some(head) if head == r => out.extend(heads(view, r, unit)),
        Some(head) => passed |= reports_back(view, head, r, unit, out),
        None => out.extend(headless(view, unit)),
    }
    let mut cur = unit;
    for _ in 0..h.units.len() {
        let Some(parent) = view.parent(cur) else {
            break;
        };
        if let Some(iv) = h.unit(cur).parent.at(day) {
            out.push(ground(Basis::Under { unit: cur, parent }, iv));
        }
        if Some(parent) == top {
            break;
        }
        match view.head_of(parent) {
            Some(head) => passed |= reports_back(view, head, r, parent, out),
            None => out.extend(headless(view, parent)),
        }
        cur = parent;
    }
    passed
}

/// The grounds "`head` heads `unit`" and each explicit line from `head` to
/// `r` on the view's day. True when there are such lines (`head` is passed
/// over: an explicit line overrides a derived one).
fn reports_back(
    view: &DayView,
    head: RoleId,
    r: RoleId,
    unit: UnitId,
    out: &mut Vec<Ground>,
) -> bool {
    if !view.reaches_explicitly(head, r) {
        return false;
    }
    let h = view.history;
    out.extend(heads(view, head, unit));
    let mut cur = head;
    // The walk reached `r` without going round: at most one step a role.
    for _ in 0..h.roles.len() {
        if cur == r {
            break;
        }
        let Some(iv) = h.role(cur).rare.line.at(view.day) else {
            break;
        };
        out.push(ground(
            Basis::ExplicitLine {
                role: cur,
                to: iv.value,
            },
            iv,
        ));
        cur = iv.value;
    }
    true
}

/// A stretch of a role's life with one reporting line (`None`: it reported
/// to nobody, the top of its chain).
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpan {
    pub line: Option<Line>,
    pub from: Mark,
    pub until: Option<Mark>,
}

/// What changed a derived line on `day`: of the facts the old line rested
/// on, one that ended that day; of the new line's, one that began that
/// day; the last of them in replay order.
fn blame(day: NaiveDate, old: &[Ground], new: &[Ground]) -> Mark {
    let ended = old.iter().filter_map(|g| g.until);
    let began = new.iter().map(|g| g.from);
    ended
        .chain(began)
        .filter(|s| s.day() == Some(day))
        .max_by_key(order)
        .map(Mark::from)
        .unwrap_or(Mark {
            date: Some(PartialDate::day(day)),
            origin: None,
        })
}

/// Role `r`'s reporting line over its whole life, one span per change of
/// line (target or rule), with the one reporting rule. The line is derived
/// only on the days when a fact the rule reads for `r` began or ended
/// ([`line_days`]), not on every day something changed: cheap enough for
/// every role of a large history at once.
pub fn line_spans(h: &History, index: &Index, r: RoleId) -> Vec<LineSpan> {
    spans_on(h, index, r, &line_days(h, index, r))
}

/// [`line_spans`] derived on every day on which a unit or role came into
/// existence or an event happened (every day a line can change): the
/// reference the tests hold it to.
#[cfg(test)]
pub(crate) fn line_spans_every_day(h: &History, index: &Index, r: RoleId) -> Vec<LineSpan> {
    let lives = h
        .units
        .iter()
        .flat_map(|u| u.life.intervals())
        .filter_map(|iv| iv.from.day());
    let roles = h
        .roles
        .iter()
        .flat_map(|r| r.life.intervals())
        .filter_map(|iv| iv.from.day());
    let mut days: Vec<NaiveDate> = h.events.iter().map(|e| e.date.first_day()).collect();
    days.extend(lives.chain(roles));
    days.sort();
    days.dedup();
    spans_on(h, index, r, &days)
}

/// The days on which role `r`'s line can change (a superset): the starts
/// and ends of every fact the reporting rule reads for it on any day. Its
/// own existence, unit, top marker and explicit lines, and the existence
/// of the roles those go to; the existence, parent and heads of every unit
/// it was ever in and of every unit ever above one of those; the explicit
/// lines and existence of every role that ever reached it by explicit
/// lines (a head passed over), and of the roles those lines go to.
pub fn line_days(h: &History, index: &Index, r: RoleId) -> Vec<NaiveDate> {
    fn bounds<T>(ivs: &[Interval<T>], out: &mut Vec<NaiveDate>) {
        for iv in ivs {
            out.extend(iv.from.day());
            out.extend(iv.until.and_then(|u| u.day()));
        }
    }
    let mut days = Vec::new();
    let role = h.role(r);
    bounds(role.rare.top.intervals(), &mut days);
    bounds(role.unit.intervals(), &mut days);
    // The roles that reach `r` by explicit lines, `r` included.
    let reaching = reachable([r], |x, out| out.extend(&index.explicit_to[x.index()]));
    for &x in &reaching {
        let line = h.role(x).rare.line.intervals();
        bounds(h.role(x).life.intervals(), &mut days);
        bounds(line, &mut days);
        for iv in line {
            bounds(h.role(iv.value).life.intervals(), &mut days);
        }
    }
    let reaching: rustc_hash::FxHashSet<RoleId> = reaching.into_iter().collect();
    let ever_in = role.unit.intervals().iter().map(|iv| iv.value);
    let takes = |x| x != r && !reaching.contains(&x);
    let walked = units_read(ever_in, lives_span(role), takes, |u, heads, parents| {
        let spans = index.heads_of(u).iter();
        heads.extend(spans.map(|&(x, from, until)| (x, from.day(), until.and_then(|u| u.day()))));
        parents.extend(h.unit(u).parent.intervals().iter().map(|iv| iv.value));
        Some(())
    });
    for u in walked.unwrap_or_default() {
        bounds(h.unit(u).life.intervals(), &mut days);
        bounds(h.unit(u).parent.intervals(), &mut days);
        for (_, from, until) in index.heads_of(u) {
            days.extend(from.day());
            days.extend(until.and_then(|s| s.day()));
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// Whether the intervals of days `ivs` (from, until: `None` is before
/// every day, or after) together hold on every day of `span`.
fn covers(
    ivs: impl Iterator<Item = (Option<NaiveDate>, Option<NaiveDate>)>,
    span: (Option<NaiveDate>, Option<NaiveDate>),
) -> bool {
    let mut ivs: Vec<_> = ivs.collect();
    ivs.sort_unstable_by_key(|&(from, _)| from);
    // Covered so far: every day before `reached` (`None` in `Some`: the
    // span's start is before every day; `Some(None)` at the end: for good).
    let mut reached = span.0;
    for (from, until) in ivs {
        if from > reached {
            break;
        }
        match until {
            None => return true,
            Some(u) if Some(u) > reached => reached = Some(u),
            Some(_) => {}
        }
    }
    span.1.is_some_and(|end| reached >= Some(end))
}

/// Who headed a unit, when: the role and the first and last days.
pub type HeadSpan = (RoleId, Option<NaiveDate>, Option<NaiveDate>);

/// A stretch of days: from the first (`None`: before every day) to the
/// end, not included (`None`: for good).
pub type Span = (Option<NaiveDate>, Option<NaiveDate>);

/// From the start of a role's first life to the end of its last.
pub fn lives_span(role: &Role) -> Span {
    let lives = role.life.intervals();
    (
        lives.first().and_then(|l| l.from.day()),
        lives.last().and_then(|l| l.until).and_then(|u| u.day()),
    )
}

/// The units a role's derived line reads during `span`: those in `start`
/// (the units it was in), and every unit above one of those, up to a unit
/// headed all through `span` by roles that `take` its line (not the role
/// itself, none that reaches it by explicit lines): the derived line stops
/// there, so nothing above can change it. (A walk up a chain of 50,000
/// units for each role would make the lines of all roles quadratic.)
/// `look` gives a unit's heads and the units above it during `span`;
/// `None` from it stops the walk with `None`.
pub fn units_read(
    start: impl IntoIterator<Item = UnitId>,
    span: Span,
    takes: impl Fn(RoleId) -> bool,
    mut look: impl FnMut(UnitId, &mut Vec<HeadSpan>, &mut Vec<UnitId>) -> Option<()>,
) -> Option<Vec<UnitId>> {
    let (mut heads, mut parents) = (Vec::new(), Vec::new());
    let mut failed = false;
    let walked = reachable(start, |u, out| {
        heads.clear();
        parents.clear();
        if look(u, &mut heads, &mut parents).is_none() {
            failed = true;
            return;
        }
        let taken = heads.iter().filter(|(x, _, _)| takes(*x));
        if !covers(taken.map(|&(_, from, until)| (from, until)), span) {
            out.append(&mut parents);
        }
    });
    (!failed).then_some(walked)
}

/// Everything reachable from `start` by `next` (which pushes the
/// neighbours of an item), each once, in the order found.
pub fn reachable<T: Copy + Eq + std::hash::Hash>(
    start: impl IntoIterator<Item = T>,
    mut next: impl FnMut(T, &mut Vec<T>),
) -> Vec<T> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out: Vec<T> = start.into_iter().filter(|&x| seen.insert(x)).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(&x) = out.get(i) {
        i += 1;
        next(x, &mut found);
        for y in found.drain(..) {
            if seen.insert(y) {
                out.push(y);
            }
        }
    }
    out
}

/// The spans of [`line_spans`], the line derived at the start of each of
/// `r`'s lives and on each of `days` (sorted) inside it.
fn spans_on(h: &History, index: &Index, r: RoleId, days: &[NaiveDate]) -> Vec<LineSpan> {
    let mut out: Vec<LineSpan> = Vec::new();
    for life in h.role(r).life.intervals() {
        let start = life.from.day().unwrap_or(NaiveDate::MIN);
        let end = life.until.and_then(|u| u.day());
        let days = std::iter::once(start).chain(between(days, start, end).iter().copied());
        // The line on the previous change day; its grounds are only read
        // when the line changes.
        let mut prev: Option<(Option<Line>, NaiveDate)> = None;
        let grounds = |line: Option<Line>, day: NaiveDate| {
            let view = DayView::new(h, index, day);
            match line {
                Some(l) => line_grounds(&view, r, l),
                None => top_grounds(&view, r),
            }
        };
        for day in days {
            let line = DayView::new(h, index, day).derive_line(r);
            match prev {
                None => out.push(LineSpan {
                    line,
                    from: Mark::from(life.from),
                    until: None,
                }),
                Some((old, old_day)) if old != line => {
                    let mark = blame(day, &grounds(old, old_day), &grounds(line, day));
                    if let Some(last) = out.last_mut() {
                        last.until = Some(mark);
                    }
                    out.push(LineSpan {
                        line,
                        from: mark,
                        until: None,
                    });
                }
                Some(_) => {}
            }
            prev = Some((line, day));
        }
        if let Some(last) = out.last_mut() {
            last.until = life.until.map(Mark::from);
        }
    }
    out
}

/// Where a unit or role stands in time on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existence {
    /// In existence since this stamp.
    Exists(Stamp),
    /// It comes into existence later, by this stamp (`None`: never).
    NotYet(Option<Stamp>),
    /// It ended by this stamp; a unit may have been dissolved into another.
    Ended { at: Stamp, into: Option<UnitId> },
}

/// Whether `s` exists on `day`; if not, when it begins or when it ended.
pub fn existence(h: &History, s: Subject, day: NaiveDate) -> Existence {
    let (life, into) = match s {
        Subject::Unit(u) => (&h.unit(u).life, h.unit(u).dissolved_into),
        Subject::Role(r) => (&h.role(r).life, None),
    };
    if let Some(iv) = life.at(day) {
        return Existence::Exists(iv.from);
    }
    match life
        .intervals()
        .iter()
        .rfind(|iv| iv.from.day() <= Some(day))
    {
        Some(iv) => Existence::Ended {
            at: iv.until.unwrap_or(iv.from),
            into,
        },
        None => Existence::NotYet(life.intervals().first().map(|iv| iv.from)),
    }
}
