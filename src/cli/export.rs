//! `orgctl export`'s formats.

use std::path::PathBuf;

use clap::Subcommand;

/// What `orgctl export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
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
