//! New units, roles and people, each declared in its file.

use std::fmt::Write as _;

use super::{Gen, RECORDS_PER_FILE, hr};
use crate::Shape;
use crate::model::{PersonM, RoleM, UnitM};
use crate::names::{HEAD_TITLES, IC_TITLES, KINDS};

impl Gen {
    /// Declares a unit (written to units.toml) and its head role.
    pub(super) fn declare_unit(&mut self, parent: Option<usize>, since: Option<i32>) -> usize {
        let id = self.units.len();
        let depth = parent.map_or(0, |p| self.units[p].depth + 1);
        let name = if id == 0 {
            "Acme Group".to_string()
        } else {
            self.unit_name()
        };
        let kind = KINDS[depth as usize];
        let t = &mut self.units_txt;
        let _ = write!(
            t,
            "[[unit]]\nid = \"{}\"\nname = \"{name}\"\nkind = \"{kind}\"\n",
            Self::unit_key(id)
        );
        if let Some(p) = parent {
            let _ = writeln!(t, "parent = \"{}\"", Self::unit_key(p));
        }
        if let Some(y) = since {
            let _ = writeln!(t, "since = \"{y}\"");
        }
        t.push('\n');
        self.units.push(UnitM {
            name,
            parent: parent.map(|p| p as u32),
            depth,
            alive: false,
            children: Vec::new(),
            roles: Vec::new(),
            freeze: false,
        });
        self.stats.units += 1;
        id
    }

    /// Declares a role in `unit`, with a holder from its beginning or none.
    pub(super) fn declare_role(&mut self, unit: usize, head: bool, holder: Option<usize>) -> usize {
        let id = self.roles.len();
        let depth = self.units[unit].depth as usize;
        let title = if head {
            HEAD_TITLES[depth].to_string()
        } else {
            self.rng.pick(IC_TITLES).to_string()
        };
        if self.roles_in_file >= RECORDS_PER_FILE {
            self.flush_roles();
        }
        self.roles_in_file += 1;
        let t = &mut self.roles_txt;
        let _ = write!(
            t,
            "[[role]]\nid = \"{}\"\ntitle = \"{title}\"\nunit = \"{}\"\n",
            Self::role_key(id),
            Self::unit_key(unit)
        );
        if head {
            t.push_str("head = true\n");
        }
        if let Some(p) = holder {
            let _ = writeln!(t, "holder = \"{}\"", self.people[p].key);
        }
        t.push('\n');
        self.roles.push(RoleM {
            title,
            unit: unit as u32,
            head,
            alive: false,
            holder: holder.map(|p| (p as u32, false)),
            line: None,
        });
        self.stats.roles += 1;
        id
    }

    pub(super) fn declare_person(&mut self) -> usize {
        let id = self.people.len();
        let name = self.person_name();
        let key = match self.shape() {
            Shape::Hr => hr::email_id(&name, id),
            _ => Self::person_key(id),
        };
        if self.people_in_file >= RECORDS_PER_FILE {
            self.flush_people();
        }
        self.people_in_file += 1;
        let _ = writeln!(
            self.people_txt,
            "[[person]]\nid = \"{key}\"\nname = \"{name}\"\n"
        );
        self.people.push(PersonM {
            name,
            key,
            roles: Vec::new(),
        });
        self.stats.people += 1;
        id
    }
}
