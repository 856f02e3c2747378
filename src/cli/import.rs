//! `orgctl import`'s formats.

use std::path::PathBuf;

use clap::Subcommand;

/// What `orgctl import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportFormat {
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
    Popolo {
        /// The Popolo JSON document
        file: PathBuf,
        /// The data folder to write (new, or empty)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Print the files instead of writing them
        #[arg(long)]
        dry_run: bool,
    },
}
