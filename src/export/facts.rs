//! The replayed history as rows of facts: one row per stretch of time a
//! fact held, with what began and ended it. Pure: it reads the history
//! (and the reporting rule through [`line_spans`]); `sqlite.rs` writes the
//! rows.

use chrono::NaiveDate;

use crate::dates::PartialDate;
use crate::ids::{EventId, Key, RoleId};
use crate::query::view::{heading_spans, line_spans};
use crate::query::{Index, LineRule, Mark};
use crate::timeline::{Attributes, History, Interval, Notes};

/// One fact over one stretch of time (see docs/sqlite.md, `facts`).
#[derive(Debug, Clone, PartialEq)]
pub struct FactRow<'h> {
    pub kind: &'static str,
    pub subject: &'h Key,
    /// Another record the fact names: a parent unit, a role's unit, the
    /// role a person holds, the role a line goes to.
    pub object: Option<&'h Key>,
    /// A text value: a name, a title, an attribute's value.
    pub value: Option<&'h str>,
    /// An attribute's key.
    pub key: Option<&'h str>,
    pub acting: Option<bool>,
    /// `holds`: the seat, 1 for the first.
    pub seat: Option<u32>,
    /// `reports_to`: the rule that gave the line.
    pub rule: Option<&'static str>,
    /// `reports_to` by the rule `head-of-ancestor`: that unit.
    pub via: Option<&'h Key>,
    pub from: Mark,
    /// `None`: it still holds.
    pub until: Option<Mark>,
}

impl FactRow<'_> {
    /// The first day it held; `None`: from the start of the record.
    pub fn valid_from(&self) -> Option<NaiveDate> {
        self.from.day()
    }

    /// The last day it held (the day before the stamp that ended it: the
    /// state on a day includes that day's events); `None`: still holds.
    pub fn valid_until(&self) -> Option<NaiveDate> {
        self.until.and_then(|u| u.day()).and_then(|d| d.pred_opt())
    }

    /// The date its start was written with, when dated.
    pub fn from_date(&self) -> Option<PartialDate> {
        self.from.date
    }

    pub fn began_by(&self) -> Option<EventId> {
        self.from.event()
    }

    pub fn ended_by(&self) -> Option<EventId> {
        self.until.and_then(|u| u.event())
    }

    /// True when it began and ended on one day: it held on no day, and no
    /// answer ever shows it.
    pub fn held_on_no_day(&self) -> bool {
        self.until.is_some_and(|u| u.day() == self.from.day())
    }
}

/// A row with nothing but its kind, subject and stretch.
pub fn row<'h, T>(kind: &'static str, subject: &'h Key, iv: &Interval<T>) -> FactRow<'h> {
    bare(kind, subject, Mark::from(iv.from), iv.until.map(Mark::from))
}

/// A row with nothing but its kind, subject and stretch.
pub fn bare<'h>(
    kind: &'static str,
    subject: &'h Key,
    from: Mark,
    until: Option<Mark>,
) -> FactRow<'h> {
    FactRow {
        kind,
        subject,
        object: None,
        value: None,
        key: None,
        acting: None,
        seat: None,
        rule: None,
        via: None,
        from,
        until,
    }
}

/// The name of a reporting rule in the export (as in `chain`'s JSON).
pub fn rule_name(rule: LineRule) -> &'static str {
    crate::render::names::rule_name(rule)
}

fn texts<'h>(
    kind: &'static str,
    subject: &'h Key,
    t: &'h [Interval<String>],
    out: &mut Vec<FactRow<'h>>,
) {
    for iv in t {
        out.push(FactRow {
            value: Some(&iv.value),
            ..row(kind, subject, iv)
        });
    }
}

fn attributes<'h>(subject: &'h Key, attrs: &'h Attributes, out: &mut Vec<FactRow<'h>>) {
    for (key, t) in attrs {
        for iv in t.intervals() {
            out.push(FactRow {
                key: Some(key),
                value: Some(&iv.value),
                ..row("attribute", subject, iv)
            });
        }
    }
}

fn aliases<'h>(subject: &'h Key, notes: &'h Notes, out: &mut Vec<FactRow<'h>>) {
    texts("alias", subject, &notes.aliases, out);
}

/// Every fact of the history, record by record (units, roles, people, in
/// load order), each fact's stretches in time order, handed to `each` one
/// by one: only one record's rows are held at a time. Stretches that held
/// on no day are left out. Returns how many rows `each` was given.
pub fn facts<'h, E>(
    h: &'h History,
    mut each: impl FnMut(&FactRow<'h>) -> Result<(), E>,
) -> Result<usize, E> {
    let index = Index::new(h);
    let mut out = Vec::new();
    let mut given = 0;
    let mut flush = |out: &mut Vec<FactRow<'h>>| -> Result<(), E> {
        for f in out.drain(..).filter(|f| !f.held_on_no_day()) {
            each(&f)?;
            given += 1;
        }
        Ok(())
    };
    for unit in &h.units {
        let k = &unit.key;
        for iv in unit.life.intervals() {
            out.push(row("unit_exists", k, iv));
        }
        texts("unit_name", k, unit.name.intervals(), &mut out);
        for iv in unit.parent.intervals() {
            out.push(FactRow {
                object: Some(&h.unit(iv.value).key),
                ..row("unit_parent", k, iv)
            });
        }
        aliases(k, &unit.notes, &mut out);
        attributes(k, &unit.attributes, &mut out);
        flush(&mut out)?;
    }
    for (i, role) in h.roles.iter().enumerate() {
        let r = RoleId::new(i);
        let k = &role.key;
        for iv in role.life.intervals() {
            out.push(row("role_exists", k, iv));
        }
        texts("role_title", k, role.title.intervals(), &mut out);
        for iv in role.unit.intervals() {
            out.push(FactRow {
                object: Some(&h.unit(iv.value).key),
                ..row("role_unit", k, iv)
            });
        }
        for (u, from, until) in heading_spans(role) {
            out.push(FactRow {
                object: Some(&h.unit(u).key),
                ..bare("heads", k, Mark::from(from), until.map(Mark::from))
            });
        }
        for span in line_spans(h, &index, r) {
            let line = span.line;
            out.push(FactRow {
                object: line.map(|l| &h.role(l.to).key),
                rule: Some(line.map_or("top", |l| rule_name(l.rule))),
                via: match line.map(|l| l.rule) {
                    Some(LineRule::HeadOfAncestor(u)) => Some(&h.unit(u).key),
                    _ => None,
                },
                ..bare("reports_to", k, span.from, span.until)
            });
        }
        for iv in &role.rare.dotted {
            out.push(FactRow {
                object: Some(&h.role(iv.value).key),
                ..row("dotted", k, iv)
            });
        }
        for (seat, t) in role.seat_timelines().enumerate() {
            for iv in t.intervals() {
                out.push(FactRow {
                    object: Some(k),
                    acting: Some(iv.value.acting),
                    seat: Some(seat as u32 + 1),
                    ..row("holds", &h.person(iv.value.person).key, iv)
                });
            }
        }
        aliases(k, &role.notes, &mut out);
        attributes(k, &role.rare.attributes, &mut out);
        flush(&mut out)?;
    }
    for person in &h.people {
        let k = &person.key;
        texts("person_name", k, person.name.intervals(), &mut out);
        aliases(k, &person.notes, &mut out);
        attributes(k, &person.attributes, &mut out);
        flush(&mut out)?;
    }
    Ok(given)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::view::line_spans_every_day;

    /// The TOML of each recipe of the guide's cookbook: the rules of
    /// reporting lines, each written for the point.
    fn recipes() -> Vec<String> {
        let guide = include_str!("../../docs/guide.md");
        let cookbook = guide.split("\n## Cookbook\n").nth(1).unwrap();
        let cookbook = cookbook.split("\n## ").next().unwrap();
        cookbook
            .split("\n### ")
            .map(|recipe| {
                let blocks = recipe.split("```toml\n").skip(1);
                let toml: Vec<&str> = blocks.map(|b| b.split("```").next().unwrap()).collect();
                toml.join("\n\n")
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The line of every role over time is the same whether it is derived
    /// on every change day or only on the days its facts change, on the
    /// bundled data, on a generated history, and on each recipe of the
    /// guide's cookbook (chairs, boards, spin-offs, successors...).
    #[test]
    fn sparse_line_spans_are_the_line_spans() {
        let mut histories = vec![crate::load::load_texts(crate::load::bundled::files()).unwrap()];
        for toml in recipes() {
            let file = vec![(std::path::PathBuf::from("org.toml"), toml)];
            histories.push(crate::load::load_texts(file).unwrap());
        }
        assert!(histories.len() > 10, "{} histories", histories.len());
        let p = orgctl_synth::Params {
            people: 400,
            years: 8,
            seed: 11,
            ..orgctl_synth::Params::default()
        };
        histories.push(crate::load::load_texts(orgctl_synth::generate(&p).0).unwrap());
        for h in &histories {
            let index = Index::new(h);
            for i in 0..h.roles.len() {
                let r = RoleId::new(i);
                assert_eq!(
                    line_spans(h, &index, r),
                    line_spans_every_day(h, &index, r),
                    "{}",
                    h.role(r).key
                );
            }
        }
    }
}
