//! Updates of the model, mirroring what the replay does.

use super::Gen;

impl Gen {
    pub(super) fn bring_unit_alive(&mut self, u: usize) {
        self.units[u].alive = true;
        let depth = self.units[u].depth as usize;
        self.by_depth[depth].insert(u);
        if let Some(p) = self.units[u].parent {
            self.units[p as usize].children.push(u as u32);
        }
        for i in 0..self.units[u].roles.len() {
            let r = self.units[u].roles[i] as usize;
            self.bring_role_alive(r);
        }
    }

    pub(super) fn bring_role_alive(&mut self, r: usize) {
        self.roles[r].alive = true;
        match self.roles[r].holder {
            Some((p, _)) => {
                self.people[p as usize].roles.push(r as u32);
                self.active.insert(p as usize);
            }
            None if self.roles[r].head => self.vacant_head.insert(r),
            None => self.vacant_ic.insert(r),
        }
    }

    pub(super) fn appoint(&mut self, person: usize, role: usize, acting: bool) {
        debug_assert!(self.roles[role].holder.is_none());
        self.roles[role].holder = Some((person as u32, acting));
        self.people[person].roles.push(role as u32);
        self.vacant_ic.remove(role);
        self.vacant_head.remove(role);
        if acting && self.roles[role].head {
            self.acting_heads.insert(role);
        }
        self.active.insert(person);
    }

    pub(super) fn vacate(&mut self, role: usize) {
        let Some((p, _)) = self.roles[role].holder.take() else {
            return;
        };
        self.people[p as usize]
            .roles
            .retain(|&r| r as usize != role);
        if self.people[p as usize].roles.is_empty() {
            self.active.remove(p as usize);
        }
        self.acting_heads.remove(role);
        if self.roles[role].alive {
            if self.roles[role].head {
                self.vacant_head.insert(role);
            } else {
                self.vacant_ic.insert(role);
            }
        }
    }

    pub(super) fn dissolve(&mut self, u: usize, into: usize) {
        let depth = self.units[u].depth as usize;
        self.units[u].alive = false;
        self.by_depth[depth].remove(u);
        if let Some(p) = self.units[u].parent {
            self.units[p as usize].children.retain(|&c| c as usize != u);
        }
        for c in std::mem::take(&mut self.units[u].children) {
            self.units[c as usize].parent = Some(into as u32);
            self.units[into].children.push(c);
        }
        for r in std::mem::take(&mut self.units[u].roles) {
            let r = r as usize;
            self.roles[r].unit = into as u32;
            self.units[into].roles.push(r as u32);
            if self.roles[r].head {
                // It moves as an ordinary role.
                self.roles[r].head = false;
                self.acting_heads.remove(r);
                if self.roles[r].holder.is_none() {
                    self.vacant_head.remove(r);
                    self.vacant_ic.insert(r);
                }
            }
        }
    }
}
