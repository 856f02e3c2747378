//! The command line, as clap definitions. Parsing only: `app` resolves
//! these into plain values and runs the queries.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dates::parse_query_date;

const ABOUT: &str = "Explore how an organisation changed over time.

orgctl reads an organisation's history (units, roles, people and dated
restructuring events, kept as TOML files in a folder) and answers questions
about it: the organisation on a date, what changed between two dates, who
reports to whom.";

const AFTER: &str = "Data folder: --data DIR, else $ORGCTL_DATA, else ./data; when none exists,
the Alibaba 2022-2023 data set built into orgctl is used.

Examples:
  orgctl at 2023-05-10
  orgctl diff 2023-03-01 2023-05-31
  orgctl who-reports-to Zhang --at 2023-01-01
  orgctl check --data ./my-org";

#[derive(Debug, Parser)]
#[command(name = "orgctl", version, about = ABOUT, after_help = AFTER)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The folder of TOML data files (searched recursively)
    #[arg(long, global = true, value_name = "DIR", env = "ORGCTL_DATA")]
    pub data: Option<PathBuf>,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour the output: auto colours only on a terminal, and never
    /// when NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Read and replay the data files even when the cache of their replayed
    /// history is fresh (large data folders are cached in the user's cache
    /// directory)
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Use this date as today (for reproducible output and tests)
    #[arg(long, global = true, hide = true, env = "ORGCTL_TODAY", value_parser = parse_query_date)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Trees and tables for people
    Table,
    /// One JSON document on stdout
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The organisation on a date: who reports to whom, and the unit tree
    #[command(
        long_about = "The organisation on a date: the reporting tree of people (with vacancies and \
acting holders marked), then the tree of units.

The state on a day includes every event dated on or before that day: \
`at 2023-05-10` shows the changes of 10 May. An event with an imprecise date \
(\"2022-11~\") counts from the first day of its period, and facts that may \
not yet hold on the day are marked uncertain.",
        after_help = "Examples:\n  orgctl at 2023-05-10\n  orgctl at 2023-05-10 --units\n  orgctl at 2023-05-10 --unit aicheng --format json"
    )]
    At {
        /// The day (YYYY-MM-DD); default today
        #[arg(value_parser = parse_query_date)]
        date: Option<NaiveDate>,

        /// Show only the tree of units
        #[arg(long)]
        units: bool,

        /// Only this unit and what lies under it (an id or a name)
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
    },

    /// What changed between two dates
    #[command(
        long_about = "What changed between the state on FROM and the state on TO: units created, \
dissolved, moved and renamed; roles created, eliminated, moved and retitled; \
appointments and departures; reporting lines; attributes. Then the events in \
between (dated after FROM, up to and including TO), with their sources.

TO defaults to today; `FROM..TO` is accepted too. With no dates, shows what \
the most recent event date changed.",
        after_help = "Examples:\n  orgctl diff 2023-03-01 2023-05-31\n  orgctl diff 2023-03-01..2023-05-31 --format json\n  orgctl diff"
    )]
    Diff {
        /// The earlier day (YYYY-MM-DD), or FROM..TO
        from: Option<String>,
        /// The later day (YYYY-MM-DD); default today
        to: Option<String>,
    },

    /// Who reports to a person (or a role) on a date
    #[command(
        name = "who-reports-to",
        long_about = "The people who report directly to NAME on a date, with their role, unit and \
the date they took the role. Roles that report to NAME but have no holder are \
listed as vacant or as having no holder recorded.

NAME is matched case-insensitively against ids, names, aliases and earlier \
names; a whole word is enough (`Zhang`). It may also be a role (id or title) \
or a unit (meaning its head role).",
        after_help = "Examples:\n  orgctl who-reports-to Zhang --at 2023-01-01\n  orgctl who-reports-to daniel-zhang --all\n  orgctl who-reports-to alibaba-ceo --at 2023-05-10 --format json"
    )]
    WhoReportsTo {
        /// A person, role or unit: id, name or alias
        name: String,

        /// The day (YYYY-MM-DD); default today
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        at: Option<NaiveDate>,

        /// The whole subtree under NAME, indented by depth
        #[arg(long)]
        all: bool,
    },

    /// Load and validate the data; print a summary or every problem
    #[command(
        long_about = "Load and validate the data folder. On success, print the counts of units, \
roles, people and events and the dates they cover; otherwise print every \
problem with its code, file, line and column, the offending line and a hint, \
and exit 1. Suitable for a git pre-commit hook or the CI of a data repository.

--strict adds warnings (and exits 1 on them too): events without sources or \
title, an appointment that replaces a holder without a `leave`, a vacancy \
longer than a year, events on one unit or role whose imprecise dates \
overlap, a `reported` date in the future, two people sharing a name or alias.",
        after_help = "Examples:\n  orgctl check\n  orgctl check --strict --data ./my-org\n  orgctl check --format json\n  orgctl check --explain E0103\n  orgctl check --explain"
    )]
    Check {
        /// Also report warnings, and exit 1 on them
        #[arg(long)]
        strict: bool,

        /// Explain a problem code (e.g. E0103 or unknown-reference) and
        /// exit; without a code, list them all
        #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "")]
        explain: Option<String>,
    },
}
