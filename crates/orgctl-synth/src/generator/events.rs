//! The events that change people and roles (reorganisations are in
//! `reorg`).

use super::Gen;
use super::text::Ev;
use crate::model::{MAX_DEPTH, When};
use crate::names::IC_TITLES;

impl Gen {
    pub(super) fn try_event(&mut self, kind: usize, when: &When) -> Option<Ev> {
        let mut ev = Ev::default();
        match kind {
            0 => {
                let r = self.vacant_ic.pick(&mut self.rng)?;
                let p = self.declare_person();
                ev.title = format!(
                    "{} joins {} as {}",
                    self.people[p].name,
                    self.units[self.unit_of(r)].name,
                    self.roles[r].title
                );
                ev.appoint(self.pkey(p), r, false);
                self.appoint(p, r, false);
                ev.source = "HRIS export";
            }
            1 => {
                let p = self.active.pick(&mut self.rng)?;
                if self.people[p].roles.contains(&0) {
                    return None;
                }
                ev.title = format!("{} leaves the company", self.people[p].name);
                ev.change(format!(
                    "{{ op = \"leave\", person = \"{}\" }}",
                    self.pkey(p)
                ));
                for r in self.people[p].roles.clone() {
                    self.vacate(r as usize);
                }
                ev.source = "HRIS export";
            }
            2 => {
                let h = self.vacant_head.pick(&mut self.rng)?;
                let (p, old) = self.some_ic_person()?;
                ev.title = format!(
                    "{} promoted to {}, {}",
                    self.people[p].name,
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                ev.appoint(self.pkey(p), h, false);
                ev.leave(self.pkey(p), old);
                self.appoint(p, h, false);
                self.vacate(old);
                ev.source = "All-hands announcement";
            }
            3 => {
                let (p, old) = self.some_ic_person()?;
                let r = self.vacant_ic.pick(&mut self.rng)?;
                if self.unit_of(r) == self.unit_of(old) {
                    return None;
                }
                ev.title = format!(
                    "{} moves to {}",
                    self.people[p].name,
                    self.units[self.unit_of(r)].name
                );
                ev.appoint(self.pkey(p), r, false);
                ev.leave(self.pkey(p), old);
                self.appoint(p, r, false);
                self.vacate(old);
                ev.source = "HRIS export";
            }
            4 => {
                let r = self.some_ic_role(true)?;
                let from = self.unit_of(r);
                let depth = self.units[from].depth;
                let to = self.some_unit(depth)?;
                if to == from {
                    return None;
                }
                let (p, _) = self.roles[r].holder?;
                ev.title = format!(
                    "{} and their role move to {}",
                    self.people[p as usize].name, self.units[to].name
                );
                ev.change(format!(
                    "{{ op = \"move\", role = \"{}\", to = \"{}\" }}",
                    Self::role_key(r),
                    Self::unit_key(to)
                ));
                self.units[from].roles.retain(|&x| x as usize != r);
                self.units[to].roles.push(r as u32);
                self.roles[r].unit = to as u32;
                ev.source = "Org chart snapshot";
            }
            5 => {
                let h = self.vacant_head.pick(&mut self.rng)?;
                // Someone from the unit, or from anywhere.
                let candidates: Vec<usize> = self.units[self.unit_of(h)]
                    .roles
                    .iter()
                    .filter_map(|&r| match self.roles[r as usize].holder {
                        Some((p, false)) if self.people[p as usize].roles.len() == 1 => {
                            Some(p as usize)
                        }
                        _ => None,
                    })
                    .collect();
                let p = match candidates.is_empty() {
                    false => *self.rng.pick(&candidates),
                    true => self.some_ic_person()?.0,
                };
                ev.title = format!(
                    "{} acting {}, {}",
                    self.people[p].name,
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                ev.change(format!(
                    "{{ op = \"appoint\", person = \"{}\", role = \"{}\", acting = true }}",
                    self.pkey(p),
                    Self::role_key(h)
                ));
                self.appoint(p, h, true);
                ev.source = "Internal memo";
            }
            6 => {
                let h = self.acting_heads.pick(&mut self.rng)?;
                let (acting, _) = self.roles[h].holder?;
                let acting = acting as usize;
                let where_ = format!(
                    "{}, {}",
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                if self.rng.chance(0.5) {
                    // Confirmed in the role; gives up the old one.
                    let old: Vec<u32> = self.people[acting]
                        .roles
                        .iter()
                        .copied()
                        .filter(|&r| r as usize != h)
                        .collect();
                    ev.title = format!("{} confirmed as {where_}", self.people[acting].name);
                    ev.appoint(self.pkey(acting), h, false);
                    for &r in &old {
                        ev.leave(self.pkey(acting), r as usize);
                    }
                    self.acting_heads.remove(h);
                    self.roles[h].holder = Some((acting as u32, false));
                    for r in old {
                        self.vacate(r as usize);
                    }
                } else {
                    let (p, old) = self.some_ic_person()?;
                    ev.title = format!("{} named {where_}", self.people[p].name);
                    ev.leave(self.pkey(acting), h);
                    ev.appoint(self.pkey(p), h, false);
                    ev.leave(self.pkey(p), old);
                    self.vacate(h);
                    self.appoint(p, h, false);
                    self.vacate(old);
                }
                ev.source = "All-hands announcement";
            }
            7 => {
                if self.lined.len() > 0 && self.rng.chance(0.35) {
                    let r = self.lined.pick(&mut self.rng)?;
                    if !self.roles[r].alive {
                        self.lined.remove(r);
                        return None;
                    }
                    ev.title = format!("{} reports through its unit again", self.roles[r].title);
                    ev.change(format!(
                        "{{ op = \"report\", role = \"{}\", to = \"\" }}",
                        Self::role_key(r)
                    ));
                    self.roles[r].line = None;
                    self.lined.remove(r);
                } else {
                    // A dotted line to the head of the parent unit, or of a
                    // unit elsewhere.
                    let r = self.some_ic_role(false)?;
                    let u = self.unit_of(r);
                    let target_unit = match self.units[u].parent {
                        Some(p) if self.rng.chance(0.7) => p as usize,
                        _ => {
                            let d = self.units[u].depth.saturating_sub(1);
                            self.some_unit(d)?
                        }
                    };
                    let h = *self.units[target_unit]
                        .roles
                        .iter()
                        .find(|&&x| self.roles[x as usize].head)?
                        as usize;
                    if self.roles[r].line == Some(h as u32) {
                        return None;
                    }
                    ev.title = format!(
                        "{}, {} now reports to the {}",
                        self.roles[r].title, self.units[u].name, self.roles[h].title
                    );
                    ev.change(format!(
                        "{{ op = \"report\", role = \"{}\", to = \"{}\" }}",
                        Self::role_key(r),
                        Self::role_key(h)
                    ));
                    self.roles[r].line = Some(h as u32);
                    self.lined.insert(r);
                }
                ev.source = "Org chart snapshot";
            }
            8 => {
                let r = self.some_ic_role(false)?;
                let mut title = self.rng.pick(IC_TITLES).to_string();
                if title == self.roles[r].title {
                    title = format!("Senior {title}");
                }
                ev.title = format!("{} retitled {title}", self.roles[r].title);
                ev.change(format!(
                    "{{ op = \"rename\", role = \"{}\", title = \"{title}\" }}",
                    Self::role_key(r)
                ));
                self.roles[r].title = title;
                ev.source = "HRIS export";
            }
            9 => {
                let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                let u = self.some_unit(depth)?;
                if self.rng.chance(0.3) {
                    let name = self.units[u].name.clone();
                    let (op, title) = if self.units[u].freeze {
                        self.units[u].freeze = false;
                        ("\"\"", format!("Hiring freeze lifted in {name}"))
                    } else {
                        self.units[u].freeze = true;
                        ("\"yes\"", format!("Hiring freeze in {name}"))
                    };
                    ev.title = title;
                    ev.change(format!(
                        "{{ op = \"set\", unit = \"{}\", key = \"hiring-freeze\", value = {op} }}",
                        Self::unit_key(u)
                    ));
                } else {
                    let cc = self.rng.range(1000, 9999);
                    ev.title = format!("{} moves to cost centre CC-{cc}", self.units[u].name);
                    ev.change(format!(
                        "{{ op = \"set\", unit = \"{}\", key = \"cost-centre\", value = \"CC-{cc}\" }}",
                        Self::unit_key(u)
                    ));
                }
                ev.source = "Quarterly report";
            }
            10 => {
                let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                let u = self.some_unit(depth)?;
                let r = self.declare_role(u, false, None);
                ev.title = format!(
                    "New {} position in {}",
                    self.roles[r].title, self.units[u].name
                );
                ev.change(format!(
                    "{{ op = \"create\", role = \"{}\" }}",
                    Self::role_key(r)
                ));
                self.units[u].roles.push(r as u32);
                self.bring_role_alive(r);
                ev.source = "Internal memo";
            }
            11 => {
                let r = self.vacant_ic.pick(&mut self.rng)?;
                ev.title = format!(
                    "{} position in {} eliminated",
                    self.roles[r].title,
                    self.units[self.unit_of(r)].name
                );
                ev.change(format!(
                    "{{ op = \"eliminate\", role = \"{}\" }}",
                    Self::role_key(r)
                ));
                let u = self.unit_of(r);
                self.units[u].roles.retain(|&x| x as usize != r);
                self.roles[r].alive = false;
                self.vacant_ic.remove(r);
                self.lined.remove(r);
                ev.source = "Internal memo";
            }
            _ => return self.reorganisation(when),
        }
        Some(ev)
    }
}
