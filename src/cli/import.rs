//! `orgctl import`'s subcommands and the options every import takes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::import::table::parse_map;
use crate::import::tenures::TenureField;

/// `orgctl import`: what to import.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// A tenure table: one row per holding (person, role, unit, start, end)
    #[command(
        long_about = "Import a tenure table, one row per holding: a person in a role of a unit from \
a start to an end, as Wikidata (position held, with start and end time), parliament and government \
databases and EveryPolitician give them. Columns are recognised by their header (person, \
person_id, role, role_id, unit, unit_id, start, end, acting, source; case, spaces and underscores \
ignored, first and last name joined), or named with --map. Dates keep their precision (2019, \
2019-05, 2019-05-01). Each holding becomes an `appoint` on its start and a `leave` on its end; \
holdings of one role that overlap make it a role of several seats. The new folder is checked \
as a whole before it is written.",
        after_help = "Examples:\n  orgctl import tenures ministers.csv --out data\n  orgctl import tenures positions.csv --units departments.csv --end-exclusive --out data\n  orgctl import tenures wikidata.csv --map person=itemLabel --map role=positionLabel --out data --dry-run"
    )]
    Tenures(TenuresArgs),
    /// A Popolo JSON document (persons, organizations, posts, memberships) into a new data folder
    #[command(
        long_about = "A Popolo JSON document (http://www.popoloproject.com/specs/) into a new data \
folder: organizations as units (parent_id, classification, founding_date, dissolution_date), \
posts as roles, memberships as appointments and departures (end_date is the last day held), \
persons as people (other_names as aliases). Each fact is dated from the Popolo dates, keeping \
their precision (2023, 2023-05, 2023-05-10); each event cites FILE. A membership with an \
organization and a role label but no post gets a post per organization and label; \
memberships of one post held at once make it a post of several seats. The orgctl: extension \
fields of `orgctl export popolo` are read back. Problems are listed with their JSON path \
(memberships[12].start_date) and nothing is written; see docs/popolo.md.",
        after_help = "Examples:\n  orgctl import popolo parliament.json --out parliament/\n  orgctl import popolo org.json --out org/ --dry-run"
    )]
    Popolo(PopoloArgs),
}

/// Where every import writes.
#[derive(Debug, Args)]
pub struct ImportOut {
    /// The data folder to write: a new (or empty) folder, or one an import wrote before
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Print the TOML it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `orgctl import tenures`.
#[derive(Debug, Args)]
pub struct TenuresArgs {
    /// The tenure table (CSV, with a header row)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Units: a CSV with id, name, parent, start and end columns
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
    /// Read FIELD from the column COLUMN (person, person_id, role, role_id, unit, unit_id, start, end, acting, source)
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map::<TenureField>)]
    pub maps: Vec<(TenureField, String)>,
    /// An end date is the first day not held (default: the last day held)
    #[arg(long)]
    pub end_exclusive: bool,
    #[command(flatten)]
    pub out: ImportOut,
}

/// `orgctl import popolo`.
#[derive(Debug, Args)]
pub struct PopoloArgs {
    /// The Popolo JSON document
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub out: ImportOut,
}
