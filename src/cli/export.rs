//! `orgctl export`'s formats: one subcommand each.

use std::path::PathBuf;

use clap::Subcommand;

/// What `orgctl export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// The replayed history as a SQLite database, for SQL tools
    #[command(
        long_about = "Write the replayed history as a SQLite database FILE: the tables units, roles, \
people, events, sources and facts (one row per fact and stretch of time it held, with \
valid_from, valid_until (the last day it held, inclusive), the date as written and its \
precision, the events that began and ended it, and each role's reporting line with its rule), \
the view names, a schema_version table and indexes. docs/sqlite.md describes every column and \
gives example queries: the organisation on a day, who reports to a person (a recursive query), \
what changed between two days, headcount per unit.

FILE is never replaced unless --force is given. The database is written to a temporary file in \
FILE's folder, fsynced, then renamed to FILE: on any error, nothing is left behind.",
        after_help = "Examples:\n  orgctl export sqlite org.sqlite\n  orgctl export sqlite org.sqlite --force\n  orgctl export sqlite old.sqlite --rev HEAD~10\n  sqlite3 org.sqlite \"SELECT kind, count(*) FROM facts GROUP BY kind\""
    )]
    Sqlite {
        /// The database file to write (not `-`: a database is no stream)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// The history as a Popolo JSON document (persons, organizations, posts, memberships)
    #[command(
        long_about = "The replayed history as a Popolo JSON document \
(http://www.popoloproject.com/specs/): units as organizations (parent_id, classification, \
founding_date, dissolution_date, other_names), roles as posts, holdings as memberships \
(end_date is the last day held), people as persons. What Popolo cannot say (names, parents \
and units over time, heads, reporting lines with their rule, attributes, the events and \
their sources, approximate dates and windows) is in extension fields named orgctl:..., \
described in docs/popolo.md; `orgctl import popolo` reads them back.

Written on stdout, or to FILE: an existing FILE is replaced only with --force, safely \
(a temporary file in the same folder, fsync, rename).",
        after_help = "Examples:\n  orgctl export popolo > org.json\n  orgctl export popolo org.json --force\n  orgctl export popolo | jq '.memberships[] | select(.end_date == null)'"
    )]
    Popolo {
        /// The file to write (default: stdout)
        file: Option<PathBuf>,
        /// Replace FILE when it exists
        #[arg(long)]
        force: bool,
    },
}
