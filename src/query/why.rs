//! `why`: why a person's, role's or unit's situation on a day is what it
//! is: each role held and each reporting line, with the fact it rests on,
//! the rule used and the event (or declaration) that established each
//! fact. The organisation's `git blame`.
//!
//! Every fact is read from the timelines of the records involved at the
//! day asked, so its stamp is the one that began the value in force.

use chrono::NaiveDate;

use super::lookup::Found;
use super::state::{Line, OrgView};
use super::view::{
    Basis, DayView, Existence, Ground, Index, event_of, existence, headless, line_grounds, order,
    top_grounds,
};
use crate::ids::{EventId, RoleId};
use crate::timeline::{Attributes, History, Holding, Interval, Stamp, Subject, Timeline};

/// A fact about the situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason<'h> {
    /// The unit or role exists.
    Exists(Subject),
    /// The unit's name or the role's title.
    Name { subject: Subject, name: &'h str },
    /// Someone holds the role.
    Holds { role: RoleId, holding: Holding },
    /// The role is vacant (its last holder left).
    Vacant { role: RoleId },
    /// The role has had no holder recorded since it came into existence.
    Unrecorded { role: RoleId },
    /// A fact a reporting line rests on.
    Line(Basis),
    Attribute {
        subject: Subject,
        key: &'h str,
        value: &'h str,
    },
    /// The role has a dotted line to `to` (never part of its line).
    Dotted { role: RoleId, to: RoleId },
}

/// A fact with the stamp that began it (and the one that ends it, if it
/// ended later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Because<'h> {
    pub reason: Reason<'h>,
    pub from: Stamp,
    pub until: Option<Stamp>,
}

fn because<'h, T>(reason: Reason<'h>, iv: &Interval<T>) -> Because<'h> {
    Because {
        reason,
        from: iv.from,
        until: iv.until,
    }
}

impl From<Ground> for Because<'_> {
    fn from(g: Ground) -> Self {
        Because {
            reason: Reason::Line(g.basis),
            from: g.from,
            until: g.until,
        }
    }
}

/// One role: why it is held as it is, and why it reports where it does.
pub struct RoleWhy<'h> {
    pub role: RoleId,
    /// Its holder (or vacancy), existence, title, unit and head status.
    pub facts: Vec<Because<'h>>,
    /// `None`: the role reports to nobody (the top of its chain).
    pub line: Option<Line>,
    /// The facts the line rests on, in the order the rule reads them; at
    /// the top, the heads passed over (empty when none was).
    pub line_facts: Vec<Because<'h>>,
    /// Who holds the role the line goes to.
    pub manager: Option<Because<'h>>,
}

/// Why the subject is not in the organisation on the day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Absence<'h> {
    /// The unit or role does not exist yet, or any more
    /// ([`Existence::NotYet`] or [`Existence::Ended`]).
    Life(Existence),
    /// The person holds no role: the tenure that ended last before the
    /// day, if any, and the next one, if any.
    NoRole {
        last: Option<(RoleId, &'h Interval<Holding>)>,
        next: Option<(RoleId, &'h Interval<Holding>)>,
    },
}

pub struct Why<'h> {
    pub history: &'h History,
    pub subject: Found,
    pub day: NaiveDate,
    /// Facts about a unit itself: existence, name, parent, attributes.
    pub facts: Vec<Because<'h>>,
    /// A person: each role held; a role: itself; a unit: its head role.
    pub roles: Vec<RoleWhy<'h>>,
    pub absence: Option<Absence<'h>>,
    /// Every event that began a fact shown, in replay order.
    pub events: Vec<EventId>,
}

fn attributes<'h>(
    subject: Subject,
    attrs: &'h Attributes,
    day: NaiveDate,
    out: &mut Vec<Because<'h>>,
) {
    for (key, t) in attrs {
        if let Some(iv) = t.at(day) {
            out.push(because(
                Reason::Attribute {
                    subject,
                    key,
                    value: &iv.value,
                },
                iv,
            ));
        }
    }
}

/// A unit's name or a role's title on `day`, and since when.
fn name<'h>(subject: Subject, t: &'h Timeline<String>, day: NaiveDate) -> Option<Because<'h>> {
    let iv = t.at(day)?;
    let reason = Reason::Name {
        subject,
        name: &iv.value,
    };
    Some(because(reason, iv))
}

/// Who sits in `r` on the view's day, and since when.
fn seat<'h>(h: &'h History, r: RoleId, day: NaiveDate) -> Option<Because<'h>> {
    let role = h.role(r);
    if let Some(iv) = role.holder.at(day) {
        return Some(because(
            Reason::Holds {
                role: r,
                holding: iv.value,
            },
            iv,
        ));
    }
    let life = role.life.at(day)?;
    // Vacant since the last holder left; else unrecorded since it began
    // (or since an `op = "unrecorded"`).
    let held = || {
        role.holder
            .intervals()
            .iter()
            .filter(|iv| !iv.held_on_no_day())
    };
    // An `op = "vacate"` ends an `op = "unrecorded"`: a vacancy from then.
    let vacated = role
        .rare
        .unrecorded
        .intervals()
        .iter()
        .filter_map(|iv| iv.until);
    let last_end = held()
        .filter_map(|iv| iv.until)
        .chain(vacated)
        .filter(|u| u.day() <= Some(day))
        .max_by_key(|u| u.day());
    let next = held()
        .find(|iv| iv.from.day() > Some(day))
        .map(|iv| iv.from);
    if let Some(u) = role.rare.unrecorded.at(day) {
        return Some(Because {
            reason: Reason::Unrecorded { role: r },
            from: u.from,
            until: u.until.or(life.until),
        });
    }
    // A role that came back is vacant from its return, whoever left it
    // before.
    let came_back = (role.life.intervals().first()).is_some_and(|first| first.from != life.from);
    let last_end = match came_back {
        true => last_end
            .filter(|u| u.day() > life.from.day())
            .or(Some(life.from)),
        false => last_end,
    };
    Some(match last_end {
        Some(from) => Because {
            reason: Reason::Vacant { role: r },
            from,
            until: next.or(life.until),
        },
        None => Because {
            reason: Reason::Unrecorded { role: r },
            from: life.from,
            until: next.or(life.until),
        },
    })
}

/// Who sits in `r` on `day`: every holder of a role of several seats,
/// else as [`seat`] says.
fn seated<'h>(h: &'h History, r: RoleId, day: NaiveDate) -> Vec<Because<'h>> {
    let holders = match h.role(r).seats.is_single() {
        true => Vec::new(),
        false => h.role(r).holders_at(day),
    };
    if holders.is_empty() {
        return seat(h, r, day).into_iter().collect();
    }
    holders
        .into_iter()
        .map(|iv| {
            let reason = Reason::Holds {
                role: r,
                holding: iv.value,
            };
            because(reason, iv)
        })
        .collect()
}

fn role_why<'h>(h: &'h History, view: &DayView, r: RoleId) -> RoleWhy<'h> {
    let day = view.day;
    let role = h.role(r);
    let mut facts = seated(h, r, day);
    if let Some(iv) = role.life.at(day) {
        facts.push(because(Reason::Exists(Subject::Role(r)), iv));
    }
    facts.extend(name(Subject::Role(r), &role.title, day));
    if let Some(iv) = role.unit.at(day) {
        let reason = Reason::Line(Basis::InUnit {
            role: r,
            unit: iv.value,
        });
        facts.push(because(reason, iv));
    }
    if let Some((unit, from, until)) = view.heading(r) {
        facts.push(Because {
            reason: Reason::Line(Basis::Heads { role: r, unit }),
            from,
            until,
        });
    }
    attributes(Subject::Role(r), &role.rare.attributes, day, &mut facts);
    for iv in role.dotted_at(day) {
        facts.push(because(
            Reason::Dotted {
                role: r,
                to: iv.value,
            },
            iv,
        ));
    }
    let line = view.derive_line(r);
    let grounds = match line {
        Some(l) => line_grounds(view, r, l),
        None => top_grounds(view, r),
    };
    let line_facts = grounds.into_iter().map(Because::from).collect();
    let manager = line.and_then(|l| seat(h, l.to, day));
    RoleWhy {
        role: r,
        facts,
        line,
        line_facts,
        manager,
    }
}

/// Why `found` stands where it does on `day`.
pub fn why<'h>(h: &'h History, index: &Index, found: Found, day: NaiveDate) -> Why<'h> {
    let view = DayView::new(h, index, day);
    let mut facts = Vec::new();
    let mut roles = Vec::new();
    let mut absence = None;
    match found {
        Found::Person(p) => {
            let tenures: Vec<(RoleId, &'h Interval<Holding>)> = h
                .person(p)
                .tenures
                .iter()
                .map(|&t| (t.role, h.tenure(t)))
                .filter(|(_, iv)| !iv.held_on_no_day())
                .collect();
            for &(r, iv) in &tenures {
                if iv.contains(day) {
                    roles.push(role_why(h, &view, r));
                }
            }
            if roles.is_empty() {
                let last = tenures
                    .iter()
                    .filter(|(_, iv)| iv.until.is_some_and(|u| u.day() <= Some(day)))
                    .max_by_key(|(_, iv)| iv.until.map(|u| order(&u)))
                    .copied();
                let next = tenures
                    .iter()
                    .filter(|(_, iv)| iv.from.day() > Some(day))
                    .min_by_key(|(_, iv)| order(&iv.from))
                    .copied();
                absence = Some(Absence::NoRole { last, next });
            }
        }
        Found::Role(r) => {
            if h.role(r).life.at(day).is_some() {
                roles.push(role_why(h, &view, r));
            } else {
                absence = Some(Absence::Life(existence(h, Subject::Role(r), day)));
            }
        }
        Found::Unit(u) => {
            let unit = h.unit(u);
            match unit.life.at(day) {
                Some(iv) => {
                    facts.push(because(Reason::Exists(Subject::Unit(u)), iv));
                    facts.extend(name(Subject::Unit(u), &unit.name, day));
                    if let Some(iv) = unit.parent.at(day) {
                        let reason = Reason::Line(Basis::Under {
                            unit: u,
                            parent: iv.value,
                        });
                        facts.push(because(reason, iv));
                    }
                    attributes(Subject::Unit(u), &unit.attributes, day, &mut facts);
                    match view.head_of(u) {
                        Some(head) => roles.push(role_why(h, &view, head)),
                        None => facts.extend(headless(&view, u).map(Because::from)),
                    }
                }
                None => absence = Some(Absence::Life(existence(h, Subject::Unit(u), day))),
            }
        }
    }
    let mut events: Vec<EventId> = facts
        .iter()
        .chain(roles.iter().flat_map(|rw| {
            rw.facts
                .iter()
                .chain(&rw.line_facts)
                .chain(rw.manager.as_ref())
        }))
        .filter_map(|b| event_of(&b.from))
        .collect();
    match absence {
        Some(Absence::Life(Existence::Ended { at, .. } | Existence::NotYet(Some(at)))) => {
            events.extend(event_of(&at))
        }
        Some(Absence::NoRole { last, next }) => {
            events.extend(last.and_then(|(_, iv)| iv.until.as_ref().and_then(event_of)));
            events.extend(next.and_then(|(_, iv)| event_of(&iv.from)));
        }
        _ => {}
    }
    events.sort();
    events.dedup();
    Why {
        history: h,
        subject: found,
        day,
        facts,
        roles,
        absence,
        events,
    }
}
