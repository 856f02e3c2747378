//! The binary form of a change: a tag byte, then its fields.

use super::{Bin, Reader};
use crate::timeline::{Attr, Change};

impl Bin for Change {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            Change::Create(s) => {
                w.push(0);
                s.put(w);
            }
            Change::Dissolve { unit, into } => {
                w.push(1);
                unit.put(w);
                into.put(w);
            }
            Change::Eliminate(r) => {
                w.push(2);
                r.put(w);
            }
            Change::MoveUnit { unit, to } => {
                w.push(3);
                unit.put(w);
                to.put(w);
            }
            Change::MoveRole { role, to } => {
                w.push(4);
                role.put(w);
                to.put(w);
            }
            Change::RenameUnit { unit, name } => {
                w.push(5);
                unit.put(w);
                name.put(w);
            }
            Change::RetitleRole { role, title } => {
                w.push(6);
                role.put(w);
                title.put(w);
            }
            Change::RenamePerson { person, name } => {
                w.push(16);
                person.put(w);
                name.put(w);
            }
            Change::Alias { named, name } => {
                w.push(17);
                named.put(w);
                name.put(w);
            }
            Change::Unalias { named, name } => {
                w.push(18);
                named.put(w);
                name.put(w);
            }
            Change::Appoint {
                person,
                role,
                acting,
            } => {
                w.push(7);
                person.put(w);
                role.put(w);
                acting.put(w);
            }
            Change::Leave { person, role } => {
                w.push(8);
                person.put(w);
                role.put(w);
            }
            Change::Report { role, to } => {
                w.push(9);
                role.put(w);
                to.put(w);
            }
            Change::Top { role } => {
                w.push(13);
                role.put(w);
            }
            Change::Unrecorded { role } => {
                w.push(19);
                role.put(w);
            }
            Change::Vacate { role } => {
                w.push(20);
                role.put(w);
            }
            Change::Head { role } => {
                w.push(11);
                role.put(w);
            }
            Change::Headless { unit } => {
                w.push(12);
                unit.put(w);
            }
            Change::Set { subject, attr } => {
                w.push(10);
                subject.put(w);
                attr.key.put(w);
                attr.value.put(w);
            }
            Change::Dotted { role, to } => {
                w.push(14);
                role.put(w);
                to.put(w);
            }
            Change::Undotted { role, to } => {
                w.push(15);
                role.put(w);
                to.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(match r.u8()? {
            0 => Change::Create(Bin::get(r)?),
            1 => Change::Dissolve {
                unit: Bin::get(r)?,
                into: Bin::get(r)?,
            },
            2 => Change::Eliminate(Bin::get(r)?),
            3 => Change::MoveUnit {
                unit: Bin::get(r)?,
                to: Bin::get(r)?,
            },
            4 => Change::MoveRole {
                role: Bin::get(r)?,
                to: Bin::get(r)?,
            },
            5 => Change::RenameUnit {
                unit: Bin::get(r)?,
                name: Bin::get(r)?,
            },
            6 => Change::RetitleRole {
                role: Bin::get(r)?,
                title: Bin::get(r)?,
            },
            7 => Change::Appoint {
                person: Bin::get(r)?,
                role: Bin::get(r)?,
                acting: Bin::get(r)?,
            },
            8 => Change::Leave {
                person: Bin::get(r)?,
                role: Bin::get(r)?,
            },
            9 => Change::Report {
                role: Bin::get(r)?,
                to: Bin::get(r)?,
            },
            10 => Change::Set {
                subject: Bin::get(r)?,
                attr: Box::new(Attr {
                    key: Bin::get(r)?,
                    value: Bin::get(r)?,
                }),
            },
            11 => Change::Head { role: Bin::get(r)? },
            13 => Change::Top { role: Bin::get(r)? },
            19 => Change::Unrecorded { role: Bin::get(r)? },
            20 => Change::Vacate { role: Bin::get(r)? },
            12 => Change::Headless { unit: Bin::get(r)? },
            14 => Change::Dotted {
                role: Bin::get(r)?,
                to: Bin::get(r)?,
            },
            15 => Change::Undotted {
                role: Bin::get(r)?,
                to: Bin::get(r)?,
            },
            16 => Change::RenamePerson {
                person: Bin::get(r)?,
                name: Bin::get(r)?,
            },
            17 => Change::Alias {
                named: Bin::get(r)?,
                name: Bin::get(r)?,
            },
            18 => Change::Unalias {
                named: Bin::get(r)?,
                name: Bin::get(r)?,
            },
            _ => return None,
        })
    }
}
