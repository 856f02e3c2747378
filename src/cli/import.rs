//! `orgctl import`'s subcommands and the options every import takes.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::import::snapshots::SnapField;
use crate::import::table::parse_map;
use crate::import::tenures::TenureField;

/// `orgctl import`: what to import.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Dated HR snapshots (one CSV per date) as records and the events between them
    #[command(
        long_about = "Read CSV snapshots of an organisation (one file per date, one row per \
person) and write a data folder: the first snapshot's units, roles and people as records \
that exist from its date, then, between each two consecutive snapshots, one event per person \
whose situation changed (hired, left, moved to another unit, retitled, new manager), dated \
with the window between the two dates and citing the snapshot file. Units appear and \
disappear with the people in them. Each FILE's date is a YYYY-MM-DD in its name, or write \
the argument DATE=FILE. Columns are recognised by their header (the list is printed), or \
placed with --map FIELD=COLUMN. Problems of the exports (a repeated id, a manager no row \
names, a reporting loop...) are warnings with file:line; they never stop the import. After \
the import, a movement table per top-level unit: headcount before + hires - departures + \
transfers in - transfers out = headcount after. With --out holding an import already, only \
snapshots after the last one imported are added (the same snapshot again changes nothing); \
--rebuild writes the folder afresh from the snapshots given. \
See docs/import.md.",
        after_help = "Examples:\n  orgctl import snapshots hr-2024-01-31.csv hr-2024-02-29.csv --out org\n  orgctl import snapshots hr-2024-03-31.csv --out org\n  orgctl import snapshots 2024-04-30=april.csv --out org --map unit=Team --dry-run\n  orgctl import snapshots hr-*.csv --out org --rebuild"
    )]
    Snapshots(SnapshotsArgs),
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

/// `orgctl import snapshots`.
#[derive(Debug, Args)]
pub struct SnapshotsArgs {
    /// The snapshots: CSV files with a YYYY-MM-DD in their name, or DATE=FILE
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// What a row is: a person (the default), or a post (organograms: a holder, a vacancy marker or none)
    #[arg(long, value_enum, default_value_t = Key::Person)]
    pub key: Key,
    /// Holder cells that mark a vacant post (--key post), comma-separated
    #[arg(
        long,
        value_name = "MARKERS",
        value_delimiter = ',',
        default_value = "Vacant,Vacancy,Eliminated"
    )]
    pub vacant: Vec<String>,
    /// Holder cells that mark a holder not recorded (--key post), comma-separated; a blank cell is one too
    #[arg(
        long,
        value_name = "MARKERS",
        value_delimiter = ',',
        default_value = "N/D,ND,Not disclosed"
    )]
    pub unrecorded: Vec<String>,
    /// Read FIELD from COLUMN (FIELD: id, name, holder, title, unit, parent_unit, manager, email, start, end)
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map::<SnapField>)]
    pub maps: Vec<(SnapField, String)>,
    /// Write --out afresh from these snapshots alone, replacing its data files (to add one dated before the last imported)
    #[arg(long)]
    pub rebuild: bool,
    #[command(flatten)]
    pub out: ImportOut,
}

/// `import snapshots --key`: what one row of a snapshot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Key {
    /// A person: their id, name, title, unit and manager
    Person,
    /// A post: its id, holder, title, unit and the post it reports to
    Post,
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
