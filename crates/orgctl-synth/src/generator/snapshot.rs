//! HR snapshots of the simulated organisation (`--snapshots N`): at each
//! of the last N month ends, one CSV with a row per person holding a
//! role, as an HR system exports them (`Employee Id, Name, Job Title,
//! Department, Parent Department, Manager Id`), for `orgctl import
//! snapshots`.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::Gen;

impl Gen {
    /// The line of role `r` in the model: its explicit line while that
    /// role is alive, else the head of its unit (of the nearest unit above
    /// with one, for a head).
    fn line_of(&self, r: usize) -> Option<usize> {
        let role = &self.roles[r];
        if let Some(l) = role.line
            && self.roles[l as usize].alive
        {
            return Some(l as usize);
        }
        let mut unit = Some(role.unit as usize);
        if role.head {
            unit = self.units[role.unit as usize].parent.map(|p| p as usize);
        }
        while let Some(u) = unit {
            let head = self.units[u]
                .roles
                .iter()
                .map(|&h| h as usize)
                .find(|&h| h != r && self.roles[h].alive && self.roles[h].head);
            if head.is_some() {
                return head;
            }
            unit = self.units[u].parent.map(|p| p as usize);
        }
        None
    }

    /// The snapshot of the month end `(y, m, last_day)` into
    /// `snapshots/hr-YYYY-MM-DD.csv`: each person's first role not held
    /// acting (else their first), its unit and the unit's parent by name,
    /// and the holder of the role it reports to (none when vacant).
    pub(super) fn snapshot(&mut self, y: i32, m: u32, day: u32) {
        let quote = |v: &str| match v.contains([',', '"']) {
            true => format!("\"{}\"", v.replace('"', "\"\"")),
            false => v.to_string(),
        };
        // Departments by name, as an export names them; two units of one
        // name are told apart by their id.
        let mut count: std::collections::HashMap<&str, usize> = Default::default();
        for u in self.units.iter().filter(|u| u.alive) {
            *count.entry(u.name.as_str()).or_default() += 1;
        }
        let name = |u: usize| match count.get(self.units[u].name.as_str()) {
            Some(1) => self.units[u].name.clone(),
            _ => format!("{} ({})", self.units[u].name, Self::unit_key(u)),
        };
        let mut t =
            String::from("Employee Id,Name,Job Title,Department,Parent Department,Manager Id\n");
        for (p, person) in self.people.iter().enumerate() {
            let held: Vec<(usize, bool)> = person
                .roles
                .iter()
                .map(|&r| r as usize)
                .filter(|&r| self.roles[r].alive)
                .filter_map(|r| match self.roles[r].holder {
                    Some((q, acting)) if q as usize == p => Some((r, acting)),
                    _ => None,
                })
                .collect();
            let Some(&(r, _)) = held.iter().find(|(_, acting)| !acting).or(held.first()) else {
                continue;
            };
            let role = &self.roles[r];
            let unit = role.unit as usize;
            let parent = self.units[unit]
                .parent
                .map_or(String::new(), |u| name(u as usize));
            let manager = self
                .line_of(r)
                .and_then(|l| self.roles[l].holder)
                .filter(|(q, _)| *q as usize != p)
                .map_or(String::new(), |(q, _)| self.pkey(q as usize).to_string());
            let _ = writeln!(
                t,
                "{},{},{},{},{},{manager}",
                self.pkey(p),
                quote(&person.name),
                quote(&role.title),
                quote(&name(unit)),
                quote(&parent)
            );
        }
        let path = PathBuf::from(format!("snapshots/hr-{y:04}-{m:02}-{day:02}.csv"));
        self.files.push((path, t));
    }
}
