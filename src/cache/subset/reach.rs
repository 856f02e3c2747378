//! What a record read into a subset reaches: the records and events its
//! facts name, at the depth each is needed (the rules in the parent
//! module's documentation).

use super::{Depth, Item};
use crate::timeline::{
    Declared, Event, Interval, Named, Notes, Origin, Person, Role, Stamp, Timeline, Unit,
};

/// What a record reaches.
pub(super) struct Reach {
    pub(super) items: Vec<Item>,
    /// Whether the events its stamps name are read.
    stamps: bool,
}

impl Reach {
    /// What a record of depth `d` reaches: a stub is named (by its names
    /// on a day), never evaluated, so the events that made its facts are
    /// not read (in the subset, its stamps name none). Nor are a record's
    /// on the day: a question asks what holds that day, and when it began
    /// (the stamps' own dates), never what made it so. A head's or a
    /// reaching role's are: what changed a line is told by the order of
    /// the stamps of the facts it rests on (`query::view`'s blame).
    pub(super) fn of(d: Depth) -> Self {
        Reach {
            items: Vec::new(),
            stamps: !matches!(d, Depth::Stub | Depth::HeadOnDay | Depth::OnDay),
        }
    }

    /// The event or declaration that made `s`: the event without its
    /// changes (no question reads the changes of an event a stamp names).
    fn stamp(&mut self, s: &Stamp) {
        self.items.push(match s.origin {
            Origin::Event(_) if !self.stamps => return,
            Origin::Event(e) => Item::Event(e, Depth::Stub),
            Origin::Declared(Declared::Unit(u)) => Item::Unit(u, Depth::Stub),
            Origin::Declared(Declared::Role(r)) => Item::Role(r, Depth::Stub),
            Origin::Declared(Declared::Person(p)) => Item::Person(p, Depth::Stub),
            Origin::Declared(Declared::Nowhere) => return,
        });
    }

    fn interval<T>(&mut self, iv: &Interval<T>) {
        self.stamp(&iv.from);
        if let Some(u) = &iv.until {
            self.stamp(u);
        }
    }

    fn stamps<T>(&mut self, t: &Timeline<T>) {
        t.intervals().iter().for_each(|iv| self.interval(iv));
    }

    fn notes(&mut self, n: &Notes) {
        n.aliases.iter().for_each(|iv| self.interval(iv));
    }

    fn attributes(&mut self, a: &crate::timeline::Attributes) {
        a.values().for_each(|t| self.stamps(t));
    }

    fn named(&mut self, n: Named, d: Depth) {
        self.items.push(match n {
            Named::Person(p) => Item::Person(p, d),
            Named::Unit(u) => Item::Unit(u, d),
            Named::Role(r) => Item::Role(r, d),
        });
    }

    pub(super) fn unit(&mut self, unit: &Unit, full: bool) {
        self.stamps(&unit.name);
        self.notes(&unit.notes);
        if full {
            self.stamps(&unit.life);
            self.stamps(&unit.parent);
            // Named: the units a role's line reads are full by
            // [`Closure::units_read`].
            for iv in unit.parent.intervals() {
                self.items.push(Item::Unit(iv.value, Depth::Stub));
            }
            self.attributes(&unit.attributes);
            if let Some(into) = unit.dissolved_into {
                self.items.push(Item::Unit(into, Depth::Stub));
            }
        }
    }

    pub(super) fn role(&mut self, role: &Role, d: Depth) {
        self.stamps(&role.title);
        self.notes(&role.notes);
        if d < Depth::HeadOnDay {
            return;
        }
        let (unit, line, dotted) = match d {
            // Those its line climbs to are full by [`Closure::units_read`].
            Depth::Full => (Depth::Stub, Depth::Head, Depth::Head),
            Depth::OnDay => (Depth::Stub, Depth::HeadOnDay, Depth::HeadOnDay),
            Depth::HeadOnDay => (Depth::Stub, Depth::HeadOnDay, Depth::Stub),
            _ => (Depth::Stub, Depth::Head, Depth::Stub),
        };
        self.stamps(&role.life);
        self.stamps(&role.rare.top);
        self.stamps(&role.rare.unrecorded);
        self.stamps(&role.head);
        self.stamps(&role.unit);
        for iv in role.unit.intervals() {
            self.items.push(Item::Unit(iv.value, unit));
        }
        self.stamps(&role.rare.line);
        for iv in role.rare.line.intervals() {
            self.items.push(Item::Role(iv.value, line));
        }
        for iv in &role.rare.dotted {
            self.interval(iv);
            self.items.push(Item::Role(iv.value, dotted));
        }
        for t in role.seat_timelines() {
            self.stamps(t);
            for iv in t.intervals() {
                self.items.push(Item::Person(iv.value.person, Depth::Stub));
            }
        }
        self.attributes(&role.rare.attributes);
    }

    /// A person; when full, the roles of their tenures at depth `roles`.
    pub(super) fn person(&mut self, person: &Person, full: bool, roles: Depth) {
        self.stamps(&person.name);
        self.notes(&person.notes);
        if full {
            self.attributes(&person.attributes);
            for t in &person.tenures {
                self.items.push(Item::Role(t.role, roles));
            }
        }
    }

    pub(super) fn event(&mut self, e: &Event, d: Depth) {
        for c in e.changes.iter() {
            for n in c.names().into_iter().flatten() {
                self.named(n, d);
            }
        }
    }
}
