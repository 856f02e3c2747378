//! Reorganisations: units created, dissolved into a sibling, moved and
//! renamed.

use super::Gen;
use super::text::Ev;
use crate::model::{MAX_DEPTH, When};

impl Gen {
    /// One to four structural changes in one event.
    pub(super) fn reorganisation(&mut self, when: &When) -> Option<Ev> {
        let mut ev = Ev {
            source: "Press release",
            ..Ev::default()
        };
        let steps = self.rng.range(1, 4);
        let mut what = Vec::new();
        for _ in 0..steps {
            match self.rng.below(4) {
                0 => {
                    // A new unit, with a head and a few roles.
                    let depth = self.rng.range(0, MAX_DEPTH as usize - 1) as u8;
                    let Some(parent) = self.some_unit(depth) else {
                        continue;
                    };
                    let u = self.declare_unit(Some(parent), None);
                    for i in 0..=self.rng.range(3, 6) {
                        let r = self.declare_role(u, i == 0, None);
                        self.units[u].roles.push(r as u32);
                    }
                    ev.change(format!(
                        "{{ op = \"create\", unit = \"{}\" }}",
                        Self::unit_key(u)
                    ));
                    self.bring_unit_alive(u);
                    what.push(format!("creates {}", self.units[u].name));
                }
                1 => {
                    // Dissolved into a sibling.
                    let depth = self.rng.range(2, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let Some(parent) = self.units[u].parent.map(|p| p as usize) else {
                        continue;
                    };
                    let siblings: Vec<u32> = self.units[parent]
                        .children
                        .iter()
                        .copied()
                        .filter(|&c| c as usize != u)
                        .collect();
                    if siblings.is_empty() {
                        continue;
                    }
                    let into = *self.rng.pick(&siblings) as usize;
                    ev.change(format!(
                        "{{ op = \"dissolve\", unit = \"{}\", into = \"{}\" }}",
                        Self::unit_key(u),
                        Self::unit_key(into)
                    ));
                    what.push(format!(
                        "folds {} into {}",
                        self.units[u].name, self.units[into].name
                    ));
                    self.dissolve(u, into);
                }
                2 => {
                    // Moved under another unit at the same depth as its parent.
                    let depth = self.rng.range(2, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let Some(old) = self.units[u].parent.map(|p| p as usize) else {
                        continue;
                    };
                    let Some(to) = self.some_unit(depth - 1) else {
                        continue;
                    };
                    if to == old {
                        continue;
                    }
                    ev.change(format!(
                        "{{ op = \"move\", unit = \"{}\", to = \"{}\" }}",
                        Self::unit_key(u),
                        Self::unit_key(to)
                    ));
                    what.push(format!(
                        "moves {} under {}",
                        self.units[u].name, self.units[to].name
                    ));
                    self.units[old].children.retain(|&c| c as usize != u);
                    self.units[to].children.push(u as u32);
                    self.units[u].parent = Some(to as u32);
                }
                _ => {
                    let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let name = self.unit_name();
                    if name == self.units[u].name {
                        continue;
                    }
                    ev.change(format!(
                        "{{ op = \"rename\", unit = \"{}\", name = \"{name}\" }}",
                        Self::unit_key(u)
                    ));
                    what.push(format!("renames {} to {name}", self.units[u].name));
                    self.units[u].name = name;
                }
            }
        }
        if ev.changes.is_empty() {
            return None;
        }
        ev.title = format!("Reorganisation: {}", what.join("; "));
        if self.rng.chance(0.3) {
            ev.note = Some(format!("announced at the {} all-hands", when.month_label()));
        }
        Some(ev)
    }
}
