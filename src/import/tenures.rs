//! `orgctl import tenures`: a tenure table, one row per holding (a person
//! in a post of a unit from a start to an end), into a data folder.
//!
//! - People are keyed by `person_id` when given, else by name; roles by
//!   `role_id`, else by title and unit; units by `unit_id`, else by name
//!   (or by a row of `--units`). Ids are made from their names, a role's
//!   from its title (and its unit's id when the title is in several units).
//! - Each unit and role exists from its first holding's start (a unit of
//!   `--units` from its own start); a holding with no start holds its role
//!   from the role's beginning (the role's `holder`).
//! - A holding is an `appoint` on its start and a `leave` on its end. An
//!   end is the last day held (inclusive) unless `--end-exclusive`: an end
//!   day E is a `leave` on E + 1; an end month or year is a `leave` in that
//!   month or year (the person left during it).
//! - Holdings of one post that overlap make it a post of several seats
//!   (`seats`), counted in the summary; nothing is guessed or dropped.

mod columns;
mod plan;
mod read;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::table::Table;
use super::{ImportError, Target, Warnings};
use crate::dates::PartialDate;

pub use columns::{TenureField, UnitField};

/// What `import tenures` is asked.
#[derive(Debug)]
pub struct Ask {
    pub file: PathBuf,
    pub units: Option<PathBuf>,
    pub maps: Vec<(TenureField, String)>,
    pub end_exclusive: bool,
    pub out: PathBuf,
    pub dry_run: bool,
}

/// A place in an input file, for messages.
#[derive(Debug, Clone)]
struct At {
    file: PathBuf,
    line: u64,
}

impl At {
    fn error(&self, message: impl Into<String>) -> ImportError {
        ImportError::at(&self.file, self.line, message)
    }
}

#[derive(Debug)]
struct Unit {
    id: String,
    name: String,
    parent: Option<usize>,
    start: Option<PartialDate>,
    /// The day it is dissolved (the day after its last, for an inclusive end).
    end: Option<(PartialDate, At)>,
    from_file: bool,
}

#[derive(Debug)]
struct Role {
    id: String,
    title: String,
    unit: usize,
    holdings: Vec<usize>,
}

#[derive(Debug)]
struct Holding {
    person: usize,
    role: usize,
    start: Option<PartialDate>,
    /// The `leave`'s date.
    leave: Option<PartialDate>,
    acting: bool,
    sources: Vec<String>,
    at: At,
}

/// Everything read, keyed.
#[derive(Default)]
struct Read {
    units: Vec<Unit>,
    unit_keys: HashMap<String, usize>,
    people: Vec<(String, String)>,
    person_keys: HashMap<String, usize>,
    roles: Vec<Role>,
    role_keys: HashMap<(String, usize), usize>,
    holdings: Vec<Holding>,
    ids: super::Ids,
}

/// Runs `import tenures`: reads, plans, prints the summary, writes.
pub fn run(ask: &Ask, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let target = Target::open(&ask.out, ask.dry_run)?;
    if !target.new {
        anyhow::bail!(
            "--out {} already holds data; `import tenures` writes a new folder\n  help: give a new or empty folder",
            ask.out.display()
        );
    }
    let mut warnings = Warnings::default();
    let mut read = Read::default();
    if let Some(units) = &ask.units {
        let table: Table<UnitField> = Table::read(
            units,
            &super::read_input(units, "table")?,
            &[],
            &mut warnings,
        )?;
        table.require(&[UnitField::Name])?;
        writeln!(err, "{}: {}", units.display(), table.recognised())?;
        read::read_units(&mut read, &table, ask.end_exclusive)?;
    }
    let table: Table<TenureField> = Table::read(
        &ask.file,
        &super::read_input(&ask.file, "table")?,
        &ask.maps,
        &mut warnings,
    )?;
    table.require(&[TenureField::Person, TenureField::Role])?;
    if !table.has(TenureField::Unit) && !table.has(TenureField::UnitId) {
        table.require(&[TenureField::Unit])?;
    }
    writeln!(err, "{}: {}", ask.file.display(), table.recognised())?;
    read::read_holdings(&mut read, &table, ask.end_exclusive, &mut warnings)?;
    plan::twice(&read)?;
    let seats = plan::seats(&read);
    let appends = plan::plan(&read, &seats, &target)?;
    warnings.print(err)?;
    let several: Vec<&str> = read
        .roles
        .iter()
        .zip(&seats)
        .filter(|(_, n)| **n > 1)
        .map(|(r, _)| r.id.as_str())
        .collect();
    writeln!(
        err,
        "read {}: {}, {}, {}; {} held by several people at once{}",
        plural(read.holdings.len(), "holding", "holdings"),
        plural(read.people.len(), "person", "people"),
        plural(read.roles.len(), "role", "roles"),
        plural(read.units.len(), "unit", "units"),
        plural(several.len(), "role", "roles"),
        match several.len() {
            0 => String::new(),
            _ => format!(
                " ({}{})",
                several[..several.len().min(5)].join(", "),
                if several.len() > 5 { ", ..." } else { "" }
            ),
        }
    )?;
    if !several.is_empty() && !ask.end_exclusive {
        writeln!(
            err,
            "  note: ends are read as the last day held; if an end is the first day of the next holder, give --end-exclusive"
        )?;
    }
    target.commit(&appends, out, err)
}

/// `1 role`, `2 roles`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
