//! Reading a tenure table (and `--units`) into units, people, roles and
//! holdings, each keyed once.

use std::collections::HashMap;

use chrono::Days;

use super::{At, Holding, Read, Role, TenureField, Unit, UnitField};
use crate::dates::{PartialDate, Precision};
use crate::import::table::{Field, Table};
use crate::import::{ImportError, Warnings, date_cell};

pub(super) fn read_units(
    read: &mut Read,
    table: &Table<UnitField>,
    end_exclusive: bool,
) -> Result<(), ImportError> {
    let mut parents = Vec::new();
    for row in &table.rows {
        let at = At {
            file: table.file.clone(),
            line: row.line,
        };
        let Some(name) = table.get(row, UnitField::Name) else {
            return Err(at.error("this unit has no name"));
        };
        let key = table
            .get(row, UnitField::Id)
            .unwrap_or(name.clone())
            .into_owned();
        if read.unit_keys.contains_key(&key) {
            return Err(at.error(format!("the unit '{key}' is listed twice")));
        }
        let date = |f| -> Result<Option<PartialDate>, ImportError> {
            table
                .get(row, f)
                .map(|d| date_cell(&d).map_err(|e| at.error(e)))
                .transpose()
        };
        let (start, end) = (date(UnitField::Start)?, date(UnitField::End)?);
        let id = read.ids.make(&name, "unit");
        read.unit_keys.insert(key.clone(), read.units.len());
        read.unit_keys
            .entry(name.to_string())
            .or_insert(read.units.len());
        parents.push(
            table
                .get(row, UnitField::Parent)
                .map(|p| (p.into_owned(), at.clone())),
        );
        read.units.push(Unit {
            id,
            name: name.into_owned(),
            parent: None,
            start,
            end: end.map(|e| (leave_of(e, end_exclusive), at.clone())),
            from_file: true,
        });
    }
    for (u, parent) in parents.into_iter().enumerate() {
        if let Some((p, at)) = parent {
            match read.unit_keys.get(&p) {
                Some(&i) if i != u => read.units[u].parent = Some(i),
                Some(_) => return Err(at.error(format!("the unit '{p}' is its own parent"))),
                None => {
                    return Err(at.error(format!(
                        "the parent '{p}' is not a unit of this file (by id or name)"
                    )));
                }
            }
        }
    }
    Ok(())
}

fn truthy(cell: &str) -> bool {
    matches!(
        cell.to_ascii_lowercase().as_str(),
        "true" | "yes" | "y" | "1" | "x" | "acting" | "interim"
    )
}

/// The `leave` date of a holding that ends on `end`.
fn leave_of(end: PartialDate, exclusive: bool) -> PartialDate {
    if exclusive || end.precision() != Precision::Day {
        return end;
    }
    end.first_day()
        .checked_add_days(Days::new(1))
        .map_or(end, PartialDate::day)
}

pub(super) fn read_holdings(
    read: &mut Read,
    table: &Table<TenureField>,
    end_exclusive: bool,
    warnings: &mut Warnings,
) -> Result<(), ImportError> {
    use TenureField as F;
    let file_name = table.file.file_name().map_or_else(
        || table.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for row in &table.rows {
        let at = At {
            file: table.file.clone(),
            line: row.line,
        };
        let Some(name) = table.get(row, F::Person) else {
            return Err(at.error("this holding names no person"));
        };
        let Some(title) = table.get(row, F::Role) else {
            return Err(at.error("this holding names no role"));
        };
        let unit_key = table
            .get(row, F::UnitId)
            .or_else(|| table.get(row, F::Unit))
            .ok_or_else(|| at.error("this holding names no unit"))?
            .into_owned();
        let unit = match read.unit_keys.get(&unit_key) {
            Some(&u) => u,
            None => {
                let name = table.get(row, F::Unit).unwrap_or(unit_key.as_str().into());
                let id = read.ids.make(&name, "unit");
                read.units.push(Unit {
                    id,
                    name: name.into_owned(),
                    parent: None,
                    start: None,
                    end: None,
                    from_file: false,
                });
                read.unit_keys
                    .insert(unit_key.clone(), read.units.len() - 1);
                read.units.len() - 1
            }
        };
        let person_key = table
            .get(row, F::PersonId)
            .unwrap_or(name.clone())
            .into_owned();
        let person = match read.person_keys.get(&person_key) {
            Some(&p) => p,
            None => {
                let id = read.ids.make(&name, "person");
                read.people.push((id, name.to_string()));
                read.person_keys.insert(person_key, read.people.len() - 1);
                read.people.len() - 1
            }
        };
        let role_key = table
            .get(row, F::RoleId)
            .unwrap_or(title.clone())
            .into_owned();
        let role = match read.role_keys.get(&(role_key.clone(), unit)) {
            Some(&r) => r,
            None => {
                read.roles.push(Role {
                    id: String::new(),
                    title: title.to_string(),
                    unit,
                    holdings: Vec::new(),
                });
                read.role_keys
                    .insert((role_key, unit), read.roles.len() - 1);
                read.roles.len() - 1
            }
        };
        let date = |f| -> Result<Option<PartialDate>, ImportError> {
            table
                .get(row, f)
                .map(|d| date_cell(&d).map_err(|e| at.error(format!("{}: {e}", f.name()))))
                .transpose()
        };
        let (start, end) = (date(F::Start)?, date(F::End)?);
        if start.is_none() {
            warnings.at(
                &at.file,
                at.line,
                format!("{name} has no start date: held from the role's beginning"),
            );
        }
        let leave = end.map(|e| leave_of(e, end_exclusive));
        if let (Some(s), Some(l)) = (start, leave)
            && l.first_day() < s.first_day()
        {
            return Err(at.error(format!(
                "this holding ends ({}) before it starts ({s})",
                end.map(|e| e.to_string()).unwrap_or_default()
            )));
        }
        let mut sources = vec![format!("{file_name}, line {}", row.line)];
        sources.extend(table.get(row, F::Source).map(|s| s.into_owned()));
        read.roles[role].holdings.push(read.holdings.len());
        read.holdings.push(Holding {
            person,
            role,
            start,
            leave,
            acting: table.get(row, F::Acting).is_some_and(|a| truthy(&a)),
            sources,
            at,
        });
    }
    role_ids(read);
    Ok(())
}

/// Each role's id, from its title, or from its unit's id and its title
/// when roles of that title are in several units.
fn role_ids(read: &mut Read) {
    let mut units_of: HashMap<String, usize> = HashMap::new();
    for role in &read.roles {
        let base = crate::write::id_from_name(&role.title).unwrap_or_default();
        *units_of.entry(base).or_default() += 1;
    }
    for role in &mut read.roles {
        let base = crate::write::id_from_name(&role.title).unwrap_or_default();
        role.id = match units_of.get(&base) {
            Some(1) => read.ids.make(&role.title, "role"),
            _ => read.ids.make(
                &format!("{} {}", read.units[role.unit].id, role.title),
                "role",
            ),
        };
    }
}
