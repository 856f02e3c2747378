//! `orgctl add`'s subcommands and the options every event it writes takes.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::dates::parse_query_date;

/// What `orgctl add` writes.
#[derive(Debug, Subcommand)]
pub enum AddAction {
    /// A new person, appointed to a role: creates the person record
    #[command(
        after_help = "Examples:\n  orgctl add hire \"Zoe Zhu\" --role engineer --date 2024-03-01 --source \"Intranet, 2024-03-01\"\n  orgctl add hire \"Zoe Zhu\" --role Engineer --id zoe --dry-run"
    )]
    Hire {
        /// The new person's name
        name: String,
        /// The role they take (an id or a title on the date)
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// The new person's id (default: made from the name)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
    /// A person leaves one role, or every role they hold
    #[command(
        after_help = "Examples:\n  orgctl add leave \"Cy Cole\" --date 2024-06-30\n  orgctl add leave cy --role engineer"
    )]
    Leave {
        /// The person (an id or a name on the date)
        person: String,
        /// Only this role (default: every role they hold)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
    /// A person takes a role (whoever held it leaves it)
    /// A person leaves their role and takes another, in one event
    #[command(
        after_help = "Examples:\n  orgctl add transfer \"Cy Cole\" --to researcher --date 2024-05-01\n  orgctl add transfer cy --to cto --from engineer"
    )]
    Transfer {
        /// The person (an id or a name on the date)
        person: String,
        /// The role they take
        #[arg(long, value_name = "ROLE")]
        to: String,
        /// The role they leave (default: the one role they hold, not acting)
        #[arg(long, value_name = "ROLE")]
        from: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
    /// A transfer titled as a promotion
    #[command(
        after_help = "Examples:\n  orgctl add promote \"Cy Cole\" --to CTO --date 2024-07-01 --source \"All-hands\""
    )]
    Promote {
        /// The person (an id or a name on the date)
        person: String,
        /// The role they take
        #[arg(long, value_name = "ROLE")]
        to: String,
        /// The role they leave (default: the one role they hold, not acting)
        #[arg(long, value_name = "ROLE")]
        from: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
    /// A new role with no holder, created on the date: creates the role record
    #[command(
        after_help = "Examples:\n  orgctl add vacancy \"Data Engineer\" --unit Engineering --date 2024-03-01\n  orgctl add vacancy \"Data Engineer\" --unit eng --id data-eng-2"
    )]
    Vacancy {
        /// The new role's title
        #[arg(value_name = "TITLE")]
        role_title: String,
        /// The unit it is in (an id or a name on the date)
        #[arg(long, value_name = "UNIT")]
        unit: String,
        /// The new role's id (default: made from the title)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        event: EventArgs,
    },
    #[command(
        after_help = "Examples:\n  orgctl add appoint \"Cy Cole\" --role cto --acting\n  orgctl add appoint dee --role engineer --date 2024-02-01"
    )]
    Appoint {
        /// The person (an id or a name on the date)
        person: String,
        /// The role (an id or a title on the date)
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// Held acting
        #[arg(long)]
        acting: bool,
        #[command(flatten)]
        event: EventArgs,
    },
}

/// What every event written by `orgctl add` takes.
#[derive(Debug, Args)]
pub struct EventArgs {
    /// The day it took effect (YYYY-MM-DD); default today
    #[arg(long, value_name = "DATE", value_parser = parse_query_date)]
    pub date: Option<NaiveDate>,
    /// The day it became known, when not the date
    #[arg(long, value_name = "DATE", value_parser = parse_query_date)]
    pub reported: Option<NaiveDate>,
    /// Where the fact comes from (may be given more than once)
    #[arg(long = "source", value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// The event's title (default: made from the action)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Print the TOML it would append, per file, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}
