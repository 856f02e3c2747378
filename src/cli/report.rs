//! `orgctl report`'s options.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

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
}
