//! The movement table printed after each snapshot imported: per
//! top-level unit and in total, the headcount before, hires, departures,
//! transfers in and out, and the headcount after, counted apart so that
//! the sum is a check: before + hires - departures + in - out = after.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::state::State;

/// One row of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flow {
    pub before: usize,
    pub hires: usize,
    pub departures: usize,
    pub transfers_in: usize,
    pub transfers_out: usize,
    pub after: usize,
}

impl Flow {
    /// Whether before + hires - departures + in - out = after.
    pub fn reconciles(&self) -> bool {
        self.before + self.hires + self.transfers_in
            == self.after + self.departures + self.transfers_out
    }

    fn add(&mut self, o: &Flow) {
        self.before += o.before;
        self.hires += o.hires;
        self.departures += o.departures;
        self.transfers_in += o.transfers_in;
        self.transfers_out += o.transfers_out;
        self.after += o.after;
    }
}

/// The movement between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    /// Per top-level unit, by name.
    pub units: BTreeMap<String, Flow>,
    pub total: Flow,
}

impl Movement {
    /// Counts the people of `prev` (none for the first snapshot) and
    /// `next` by top-level unit. A transfer is a person whose top-level
    /// unit differs (they moved, or their unit did).
    pub fn between(prev: Option<(NaiveDate, &State)>, to: NaiveDate, next: &State) -> Movement {
        let mut units: BTreeMap<String, Flow> = BTreeMap::new();
        let empty = State::default();
        let before = prev.map_or(&empty, |(_, s)| s);
        for (id, p) in &before.people {
            let top = before.top_of(&p.unit).to_string();
            units.entry(top.clone()).or_default().before += 1;
            match next.people.get(id) {
                None => units.entry(top).or_default().departures += 1,
                Some(q) => {
                    let now = next.top_of(&q.unit);
                    if now != top {
                        units.entry(top).or_default().transfers_out += 1;
                        units.entry(now.to_string()).or_default().transfers_in += 1;
                    }
                }
            }
        }
        for (id, p) in &next.people {
            let top = next.top_of(&p.unit).to_string();
            let row = units.entry(top).or_default();
            row.after += 1;
            if !before.people.contains_key(id) && prev.is_some() {
                row.hires += 1;
            }
        }
        if prev.is_none() {
            // The first snapshot is declared, not hired.
            units.values_mut().for_each(|f| f.before = f.after);
        }
        let mut total = Flow::default();
        units.values().for_each(|f| total.add(f));
        Movement {
            from: prev.map(|(d, _)| d),
            to,
            units,
            total,
        }
    }

    /// The table, aligned, with the check's outcome on its last line.
    pub fn text(&self) -> String {
        let mut s = match self.from {
            Some(from) => format!("Movement {from} to {}\n", self.to),
            None => format!("Headcount on {} (the first snapshot)\n", self.to),
        };
        let width = self
            .units
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max("unit".len())
            .max("total".len());
        let _ = writeln!(
            s,
            "{:<width$}  before  hires  departures  in  out  after",
            "unit"
        );
        let row = |s: &mut String, name: &str, f: &Flow| {
            let _ = writeln!(
                s,
                "{name:<width$}  {:>6}  {:>5}  {:>10}  {:>2}  {:>3}  {:>5}",
                f.before, f.hires, f.departures, f.transfers_in, f.transfers_out, f.after
            );
        };
        for (name, f) in &self.units {
            row(&mut s, name, f);
        }
        row(&mut s, "total", &self.total);
        let bad: Vec<&str> = self
            .units
            .iter()
            .filter(|(_, f)| !f.reconciles())
            .map(|(n, _)| n.as_str())
            .collect();
        match (bad.is_empty() && self.total.reconciles(), self.from) {
            (true, Some(_)) => s.push_str(
                "reconciled: before + hires - departures + in - out = after, in every row\n",
            ),
            (true, None) => {}
            (false, _) => {
                let _ = writeln!(s, "NOT reconciled in: {}", bad.join(", "));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::snapshots::state::Person;

    fn state(people: &[(&str, &str)], units: &[(&str, Option<&str>)]) -> State {
        State {
            people: people
                .iter()
                .map(|(id, unit)| {
                    (
                        id.to_string(),
                        Person {
                            name: id.to_string(),
                            holder: crate::import::snapshots::read::Holder::Named,
                            title: "T".into(),
                            unit: unit.to_string(),
                            manager: None,
                        },
                    )
                })
                .collect(),
            units: units
                .iter()
                .map(|(u, p)| (u.to_string(), p.map(str::to_string)))
                .collect(),
        }
    }

    #[test]
    fn moves_inside_a_top_level_unit_are_not_transfers() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let units = [
            ("A", None),
            ("A1", Some("A")),
            ("A2", Some("A")),
            ("B", None),
        ];
        let prev = state(&[("1", "A1"), ("2", "A1"), ("3", "B")], &units);
        let next = state(&[("1", "A2"), ("3", "A1"), ("4", "B")], &units);
        let m = Movement::between(Some((d("2024-01-31"), &prev)), d("2024-02-29"), &next);
        let a = m.units["A"];
        assert_eq!(
            (
                a.before,
                a.hires,
                a.departures,
                a.transfers_in,
                a.transfers_out,
                a.after
            ),
            (2, 0, 1, 1, 0, 2)
        );
        let b = m.units["B"];
        assert_eq!(
            (
                b.before,
                b.hires,
                b.departures,
                b.transfers_in,
                b.transfers_out,
                b.after
            ),
            (1, 1, 0, 0, 1, 1)
        );
        assert!(m.total.reconciles());
    }
}
