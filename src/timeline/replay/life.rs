//! Records coming into and going out of existence during the replay, and
//! the rule that a record is used only while it exists.

use crate::check::codes::{Code, help};
use crate::check::diag::Span;
use crate::ids::{RoleId, UnitId};

use super::super::lines::OrgView;
use super::super::{Declared, Holding, Origin, Stamp, Subject, Timeline};

/// Where a role comes into existence, and with what (`title: None`: its
/// declared title).
struct Place {
    unit: UnitId,
    title: Option<String>,
    head: bool,
    line: Option<RoleId>,
    top: bool,
}
use super::apply::{Absent, Replayer};
use super::register::restamp_seed;
use super::resolve::ChangeSpans;

impl Replayer<'_> {
    /// `unit` or `role`, and the record's id.
    pub(super) fn subject_key(&self, s: Subject) -> (&'static str, &str) {
        match s {
            Subject::Unit(u) => ("unit", self.h.units[u.index()].key.as_str()),
            Subject::Role(r) => ("role", self.h.roles[r.index()].key.as_str()),
        }
    }

    /// When `s` exists.
    fn life(&self, s: Subject) -> &Timeline<()> {
        match s {
            Subject::Unit(u) => &self.h.units[u.index()].life,
            Subject::Role(r) => &self.h.roles[r.index()].life,
        }
    }

    /// Why `s` does not exist on `stamp`'s date, as message and help.
    fn not_alive(&self, s: Subject, stamp: Stamp) -> (String, Option<String>) {
        let (noun, key) = self.subject_key(s);
        let on = stamp
            .date
            .map_or("before the first event".to_string(), |d| format!("on {d}"));
        if let Some(iv) = self.life(s).intervals().last() {
            let ended = iv.until.map(|u| self.describe_stamp(u)).unwrap_or_default();
            let verb = if noun == "unit" {
                "dissolved"
            } else {
                "eliminated"
            };
            return (
                format!("{noun} '{key}' no longer exists {on}"),
                Some(help::no_longer_exists(verb, &ended)),
            );
        }
        let help = match (self.decls.planned_start(s), stamp.date) {
            // "2023-03~" counts from 2023-03-01, before a start on 2023-03-28.
            (Some(start), Some(date))
                if date.is_imprecise()
                    && date.first_day() < start.first_day()
                    && start.first_day() <= date.last_day() =>
            {
                let event = matches!(stamp.origin, Origin::Event(_));
                help::counts_from(date, noun, start, event)
            }
            (Some(d), _) => help::comes_into_existence(&d.to_string()),
            (None, _) => help::never_exists(noun, key),
        };
        (
            format!("{noun} '{key}' does not exist yet {on}"),
            Some(help),
        )
    }

    /// When and by what a fact began or ended, for messages.
    pub(super) fn describe_stamp(&self, s: Stamp) -> String {
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

    /// Whether `s` exists now; if not, reports it at `span`, once per
    /// event: the event's other changes that name it are counted in the
    /// help of the first ([`Replayer::end_event`]).
    pub(super) fn alive_or_error(&mut self, s: Subject, stamp: Stamp, span: &Span) -> bool {
        let alive = match s {
            Subject::Unit(u) => self.now.unit_alive(u),
            Subject::Role(r) => self.now.role_alive(r),
        };
        if !alive {
            let by_event = matches!(stamp.origin, Origin::Event(_));
            let lives = self.life(s).intervals().len();
            let same = |a: &&mut Absent| a.subject == s && a.lives == lives;
            if by_event && let Some(seen) = self.absent.iter_mut().find(same) {
                seen.more += 1;
                return false;
            }
            let (msg, help) = self.not_alive(s, stamp);
            self.error(Code::NotInExistence, span, msg, help);
            if by_event {
                self.absent.push(Absent {
                    subject: s,
                    lives,
                    diag: self.diags.len() - 1,
                    more: 0,
                });
            }
        }
        alive
    }

    /// After an event's changes: the help of each record it named while it
    /// did not exist says how many more of its changes named it.
    pub(super) fn end_event(&mut self) {
        for a in std::mem::take(&mut self.absent) {
            if a.more > 0
                && let Some(h) = self.diags[a.diag].help.as_mut()
            {
                h.push_str(&help::also_left_out(a.more));
            }
        }
    }

    /// Brings a record into existence, with everything that waits for it
    /// (depth first, without recursion: a chain of units 50,000 deep is
    /// one loop). `change` is the change that asked for it (none for
    /// declarations).
    pub(super) fn create(&mut self, subject: Subject, stamp: Stamp, change: Option<&Span>) {
        let mut todo = vec![(subject, stamp)];
        let mut change = change;
        while let Some((subject, stamp)) = todo.pop() {
            let created = match subject {
                Subject::Unit(u) => self.create_unit(u, stamp, change.take()),
                Subject::Role(r) => self.create_role(r, stamp, change.take()),
            };
            let Subject::Unit(u) = subject else { continue };
            if !created {
                continue;
            }
            // Created by the same event; or, with a declared container, by
            // the record's own declaration (which `history` and `why` point
            // at), on the same date. Pushed in reverse: taken in order.
            for d in self.decls.dependents[u.index()].iter().rev() {
                let own = match stamp.origin {
                    Origin::Event(_) => stamp,
                    Origin::Declared(_) => Stamp {
                        date: stamp.date,
                        origin: Origin::Declared(Declared::of(*d)),
                    },
                };
                todo.push((*d, own));
            }
        }
    }

    fn create_unit(&mut self, u: UnitId, stamp: Stamp, change: Option<&Span>) -> bool {
        let decl = &self.decls.unit_decl[u.index()];
        let span = change.cloned().unwrap_or(decl.span.span(decl.file));
        if let Some((parent, parent_at)) = decl.parent {
            let parent_span = parent_at.span(decl.file);
            if !self.alive_or_error(Subject::Unit(parent), stamp, change.unwrap_or(&parent_span)) {
                return false;
            }
            self.h.units[u.index()].parent.begin(parent, stamp);
            self.now.set_parent(u, Some(parent));
        }
        self.now.unit_alive[u.index()] = true;
        let unit = &mut self.h.units[u.index()];
        unit.life.begin((), stamp);
        restamp_seed(&mut unit.name, stamp);
        self.dirty_unit(u, &span);
        true
    }

    fn create_role(&mut self, r: RoleId, stamp: Stamp, change: Option<&Span>) -> bool {
        let decl = &self.decls.role_decl[r.index()];
        let file = decl.file;
        let Some((unit, unit_at)) = decl.unit else {
            return false;
        };
        let unit_span = unit_at.span(file);
        let head = decl.head.map(|h| h.span(file));
        let (holder, top) = (decl.holder, decl.top.is_some());
        let (reports_to, line_span) = match decl.reports_to {
            Some((t, s)) => (Some(t), s.span(file)),
            None => (None, decl.span.span(file)),
        };
        // A cycle is reported at the change that made the role, or at its
        // declared line.
        let span = change.unwrap_or(&line_span).clone();
        if !self.alive_or_error(Subject::Unit(unit), stamp, change.unwrap_or(&unit_span)) {
            return false;
        }
        if let Some(head_span) = &head
            && !self.claim_head(r, unit, change.unwrap_or(head_span))
        {
            return false;
        }
        let place = Place {
            unit,
            title: None,
            head: head.is_some(),
            line: reports_to,
            top,
        };
        self.place_role(r, place, stamp, &span);
        if let Some(person) = holder {
            let holding = Holding {
                person,
                acting: false,
            };
            self.seat(r, holding, stamp);
        }
        self.declared_dotted(r, stamp);
        true
    }

    /// `op = "create"`: the record comes into existence, or back.
    pub(super) fn create_by_event(&mut self, subject: Subject, stamp: Stamp, spans: &ChangeSpans) {
        let life = match subject {
            Subject::Unit(u) => &self.h.units[u.index()].life,
            Subject::Role(r) => &self.h.roles[r.index()].life,
        };
        match life.intervals().last() {
            None => self.create(subject, stamp, Some(&spans.whole)),
            // Ended: it comes back.
            Some(iv) if iv.until.is_some() => self.reinstate(subject, stamp, spans),
            // Its `since` made it, and it has not ended.
            Some(iv)
                if life.intervals().len() == 1 && matches!(iv.from.origin, Origin::Declared(_)) =>
            {
                let msg = "this record is declared with `since` and also created by an event";
                let help = Some(help::CREATED_WITH_SINCE.into());
                self.error(Code::CreatedTwice, &spans.subject, msg, help);
            }
            Some(iv) => {
                let from = iv.from;
                let (noun, key) = self.subject_key(subject);
                let when = self.describe_stamp(from);
                let msg = format!("{noun} '{key}' is created twice");
                let help = Some(help::created_twice(&when));
                self.error(Code::CreatedTwice, &spans.subject, msg, help);
            }
        }
    }

    pub(super) fn eliminate(&mut self, role: RoleId, stamp: Stamp, spans: &ChangeSpans) {
        if self.alive_or_error(Subject::Role(role), stamp, &spans.subject) {
            self.end_role(role, stamp, &spans.whole);
        }
    }

    /// Brings `r` into existence at `place` from `stamp`.
    fn place_role(&mut self, r: RoleId, place: Place, stamp: Stamp, span: &Span) {
        let Place {
            unit,
            title,
            head,
            line,
            top,
        } = place;
        self.now.role_alive[r.index()] = true;
        let role = &mut self.h.roles[r.index()];
        role.life.begin((), stamp);
        match title {
            Some(t) => {
                role.title.begin(t, stamp);
            }
            None => restamp_seed(&mut role.title, stamp),
        }
        role.unit.begin(unit, stamp);
        role.head.begin(head, stamp);
        if let Some(t) = line {
            role.rare.line.begin(t, stamp);
        }
        if top {
            role.rare.top.begin((), stamp);
        }
        self.now.top_now[r.index()] = top;
        self.now.unit_now[r.index()] = Some(unit);
        self.now.set_line(r, line);
        self.now.members.add(unit, r);
        self.cycles.dirty(r, span);
        if head {
            self.dirty_unit(unit, span);
        }
    }

    /// `op = "create"` of a record that has ended: it comes back where it
    /// was when it ended, with the name or title, reporting line (if its
    /// role still exists), headship (if its unit has no head by then) and
    /// attributes it had then, and nobody in it: its declared holder and
    /// dotted lines are for its first beginning.
    pub(super) fn reinstate(&mut self, subject: Subject, stamp: Stamp, spans: &ChangeSpans) {
        let ended = self
            .life(subject)
            .intervals()
            .last()
            .and_then(|iv| iv.until);
        // The value a fact had when the record ended.
        fn kept<T: Clone>(t: &Timeline<T>, ended: Option<Stamp>) -> Option<T> {
            (t.intervals().last())
                .filter(|iv| iv.until == ended)
                .map(|iv| iv.value.clone())
        }
        let (container, attributes) = match subject {
            Subject::Unit(u) => {
                let unit = &self.h.units[u.index()];
                (kept(&unit.parent, ended), &unit.attributes)
            }
            Subject::Role(r) => {
                let role = &self.h.roles[r.index()];
                (kept(&role.unit, ended), &role.rare.attributes)
            }
        };
        let attributes: Vec<(String, String)> = (attributes.iter())
            .filter_map(|(k, t)| Some((k.clone(), kept(t, ended)?)))
            .collect();
        if let Some(c) = container
            && !self.now.unit_alive(c)
        {
            let (noun, key) = self.subject_key(subject);
            let c_key = &self.h.units[c.index()].key;
            let msg = format!(
                "{noun} '{key}' cannot come back: unit '{c_key}', where it was, no longer exists"
            );
            let help = Some(help::comes_back_in(&format!("unit '{c_key}'")));
            self.error(Code::NotInExistence, &spans.subject, msg, help);
            return;
        }
        match subject {
            Subject::Unit(u) => {
                let unit = &mut self.h.units[u.index()];
                let name = kept(&unit.name, ended);
                unit.life.begin((), stamp);
                if let Some(name) = name {
                    unit.name.begin(name, stamp);
                }
                if let Some(parent) = container {
                    unit.parent.begin(parent, stamp);
                    self.now.set_parent(u, Some(parent));
                }
                for (k, v) in attributes {
                    unit.attributes.entry(k).or_default().begin(v, stamp);
                }
                self.now.unit_alive[u.index()] = true;
                self.dirty_unit(u, &spans.whole);
            }
            Subject::Role(r) => {
                let Some(unit) = container else { return };
                let role = &self.h.roles[r.index()];
                let head = kept(&role.head, ended) == Some(true)
                    && self.now.head_of[unit.index()].is_none();
                let line = kept(&role.rare.line, ended).filter(|&t| self.now.role_alive(t));
                let place = Place {
                    unit,
                    title: kept(&role.title, ended),
                    head,
                    line,
                    top: kept(&role.rare.top, ended).is_some(),
                };
                if head {
                    self.now.head_of[unit.index()] = Some(r);
                }
                self.place_role(r, place, stamp, &spans.whole);
                let role = &mut self.h.roles[r.index()];
                for (k, v) in attributes {
                    role.rare.attributes.entry(k).or_default().begin(v, stamp);
                }
            }
        }
    }

    /// Makes `r` the head of `unit`, unless the unit has one.
    pub(super) fn claim_head(&mut self, r: RoleId, unit: UnitId, span: &Span) -> bool {
        if let Some(other) = self.now.head_of[unit.index()] {
            let msg = format!(
                "unit '{}' would have two heads: '{}' and '{}'",
                self.h.units[unit.index()].key,
                self.h.roles[other.index()].key,
                self.h.roles[r.index()].key
            );
            self.error(Code::TwoHeads, span, msg, Some(help::TWO_HEADS.into()));
            return false;
        }
        self.now.head_of[unit.index()] = Some(r);
        true
    }

    /// Ends `unit`, moving what it holds `into` another unit.
    pub(super) fn dissolve(
        &mut self,
        unit: UnitId,
        into: Option<UnitId>,
        stamp: Stamp,
        spans: &ChangeSpans,
    ) {
        if !self.alive_or_error(Subject::Unit(unit), stamp, &spans.subject) {
            return;
        }
        let key = self.h.units[unit.index()].key.clone();
        match into {
            // A successor created later: nothing can wait for it.
            Some(target) if self.is_future(target) => {
                if let Some(what) = self.members_text(unit) {
                    let t = &self.h.units[target.index()].key;
                    let msg = format!(
                        "unit '{key}' still has {what}, and its successor '{t}' does not exist yet"
                    );
                    let from = match self.decls.planned_start(Subject::Unit(target)) {
                        Some(d) => format!("it comes into existence on {d}"),
                        None => "it never comes into existence".into(),
                    };
                    let help = Some(help::successor_not_empty(t.as_str(), &from));
                    self.error(Code::SuccessorNotEmpty, &spans.whole, msg, help);
                    return;
                }
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                self.successions.push((target, target_span, stamp));
                let u = &mut self.h.units[unit.index()];
                u.dissolved_into = Some(target);
                u.succession = true;
            }
            Some(target) => {
                let target_span = spans.target.clone().unwrap_or(spans.whole.clone());
                if !self.alive_or_error(Subject::Unit(target), stamp, &target_span) {
                    return;
                }
                if self.now.is_within(target, unit) {
                    let t = &self.h.units[target.index()].key;
                    let msg = format!(
                        "unit '{key}' cannot be dissolved into '{t}', which is itself or inside it"
                    );
                    let help = Some(help::PARENT_CYCLE_DISSOLVE.into());
                    self.error(Code::ParentCycle, &target_span, msg, help);
                    return;
                }
                for child in self.now.children.of(unit).to_vec() {
                    self.set_parent(child, Some(target), stamp);
                }
                if let Some(h) = self.now.head_of[unit.index()].take() {
                    self.h.roles[h.index()].head.begin(false, stamp);
                }
                for role in self.now.members.of(unit).to_vec() {
                    self.set_role_unit(role, unit, target, stamp);
                }
                self.h.units[unit.index()].dissolved_into = Some(target);
                self.dirty_unit(target, &spans.whole);
            }
            None => {
                if let Some(what) = self.members_text(unit) {
                    let msg = format!("unit '{key}' still has {what}");
                    let help = Some(help::NOT_EMPTY.into());
                    self.error(Code::NotEmpty, &spans.whole, msg, help);
                    return;
                }
            }
        }
        self.set_parent(unit, None, stamp);
        self.now.unit_alive[unit.index()] = false;
        let u = &mut self.h.units[unit.index()];
        u.life.end(stamp);
        u.name.end(stamp);
        for t in u.attributes.values_mut() {
            t.end(stamp);
        }
    }

    /// True when `unit` has never existed yet: `into` it names a successor
    /// created later. (One that existed and ended is an error of its own.)
    fn is_future(&self, unit: UnitId) -> bool {
        !self.now.unit_alive(unit) && self.h.units[unit.index()].life.intervals().is_empty()
    }

    /// The child units and roles `unit` still has, in words (`units a, b
    /// and roles c`), if any.
    fn members_text(&self, unit: UnitId) -> Option<String> {
        let kids: Vec<&str> = (self.now.children.of(unit).iter())
            .map(|c| self.h.units[c.index()].key.as_str())
            .collect();
        let roles: Vec<&str> = (self.now.members.of(unit).iter())
            .map(|r| self.h.roles[r.index()].key.as_str())
            .collect();
        let mut what = Vec::new();
        if !kids.is_empty() {
            what.push(format!("units {}", kids.join(", ")));
        }
        if !roles.is_empty() {
            what.push(format!("roles {}", roles.join(", ")));
        }
        (!what.is_empty()).then(|| what.join(" and "))
    }

    /// After the last event: every successor a dissolve named before it
    /// existed has come into existence.
    pub(super) fn check_successions(&mut self) {
        for (target, span, stamp) in std::mem::take(&mut self.successions) {
            if self.h.units[target.index()].life.intervals().is_empty() {
                let t = &self.h.units[target.index()].key;
                let on = stamp.date.map_or(String::new(), |d| d.to_string());
                let msg = format!(
                    "the successor '{t}' named here never comes into existence after this dissolve on {on}"
                );
                let help = Some(help::successor_never_exists(t.as_str(), &on));
                self.error(Code::SuccessorNeverExists, &span, msg, help);
            }
        }
    }

    /// Ends `role` and every fact about it.
    pub(super) fn end_role(&mut self, role: RoleId, stamp: Stamp, span: &Span) {
        let unit = self.now.unit_of(role).expect("a living role has a unit");
        if self.now.head_of[unit.index()] == Some(role) {
            self.now.head_of[unit.index()] = None;
            self.dirty_unit(unit, span);
        }
        self.now.members.remove(unit, role);
        if let Some(t) = self.now.explicit_line(role) {
            self.now.line_sources.remove(t, role);
        }
        for s in self.now.line_sources.take(role) {
            self.cycles.dirty(s, span);
        }
        self.now.role_alive[role.index()] = false;
        self.now.unit_now[role.index()] = None;
        self.now.line_now[role.index()] = None;
        self.now.top_now[role.index()] = false;
        let r = &mut self.h.roles[role.index()];
        r.life.end(stamp);
        r.title.end(stamp);
        r.unit.end(stamp);
        r.head.end(stamp);
        if let Some(rare) = r.rare.existing_mut() {
            rare.line.end(stamp);
            rare.top.end(stamp);
            rare.unrecorded.end(stamp);
            for t in rare.attributes.values_mut() {
                t.end(stamp);
            }
        }
        self.unseat_all(role, stamp);
        self.end_dotted(role, stamp);
    }
}
