//! `orgctl report`'s options.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::parse_depth;
use crate::dates::{parse_period_end, parse_period_start};

/// What `orgctl report` writes, and of which days.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the report as one self-contained HTML page (the only kind yet)
    #[arg(long, required = true)]
    pub html: bool,

    /// The file to write; default stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace FILE (--out) if it exists
    #[arg(long, requires = "out")]
    pub force: bool,

    /// The first day the report covers (YYYY-MM-DD), or the first day of
    /// this period (2026-07, 2026-Q3, 2026); default the first event's day
    #[arg(long, value_parser = parse_period_start, value_name = "DATE")]
    pub since: Option<NaiveDate>,

    /// The last day the report covers (YYYY-MM-DD), or the last day of
    /// this period; default the last event's day
    #[arg(long, value_parser = parse_period_end, value_name = "DATE")]
    pub until: Option<NaiveDate>,

    /// Only this unit and the units under it, on each day of the range
    /// (an id, a name or an alias), with their roles, holders and events,
    /// as `at DAY --unit UNIT` shows them; for a page of a large
    /// organisation, whose data may not exceed 20 MB
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,

    /// Only the top N levels of the unit tree (1 = UNIT alone; without
    /// --unit, the top units alone)
    #[arg(long, value_name = "N", value_parser = parse_depth)]
    pub depth: Option<usize>,
}
