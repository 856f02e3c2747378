//! The command line, as clap definitions. Parsing only: `app` resolves
//! these into plain values and runs the queries.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dates::{parse_period_end, parse_period_start, parse_query_date};

mod add;
mod export;
pub mod import;
mod report;
pub use add::{AddAction, EventArgs};
pub use export::ExportFormat;
pub use import::{ImportOut, ImportWhat, PopoloArgs, SnapshotsArgs, TenuresArgs};
pub use report::ReportArgs;

const ABOUT: &str = "Explore how an organisation changed over time.

orgctl reads an organisation's history (units, roles, people and dated
restructuring events, kept as TOML files in a folder) and answers questions
about it: the organisation on a date, what changed between two dates, who
reports to whom.";

const AFTER: &str = "Data folder: --data DIR, else $ORGCTL_DATA, else the folder named by the
project file (--project FILE, or orgctl.toml here or above), else ./data. When none exists,
the query commands use the Alibaba 2022-2023 data set built into orgctl, but
only when their output is a terminal; `check` never does.

Examples:
  orgctl at 2023-05-10
  orgctl diff 2023-03-01 2023-05-31
  orgctl who-reports-to Zhang --at 2023-01-01
  orgctl at 2023-05-10 --known-at 2023-04-01
  orgctl at 2023-05-10 --format dot | dot -Tsvg > alibaba.svg
  orgctl chain \"Wu Zeming\" --at 2023-05-10
  orgctl log --about aicheng
  orgctl history aicheng
  orgctl why \"Wu Zeming\" --at 2023-05-10
  orgctl show aicheng --at 2023-05-10
  orgctl check --data ./my-org
  orgctl check --staged --strict
  orgctl at 2023-05-10 --rev HEAD~1
  orgctl completions bash > ~/.local/share/bash-completion/completions/orgctl";

#[derive(Debug, Parser)]
#[command(name = "orgctl", version, about = ABOUT, after_help = AFTER)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line of this process, as [`Parser::parse`] reads it, but
    /// with orgctl's tips on clap's errors (see [`with_tips`]).
    pub fn parse_args() -> Cli {
        let args: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        Cli::try_parse_from(&args).unwrap_or_else(|e| with_tips(e, &args).exit())
    }
}

/// `err`, from parsing `args`, with a tip where a NAME of several words was
/// written without quotes (`orgctl who-reports-to Eddie Wu`, or `orgctl at
/// --unit Cloud Intelligence`, where the second word is read as the date):
/// the command as it should be, when clap reads it so.
pub fn with_tips(mut err: clap::Error, args: &[String]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = match err.kind() {
        ErrorKind::UnknownArgument => ContextKind::InvalidArg,
        ErrorKind::ValueValidation => ContextKind::InvalidValue,
        _ => return err,
    };
    let Some(ContextValue::String(unexpected)) = err.get(context) else {
        return err;
    };
    let Some((name, fixed)) = quoted_name(args, unexpected) else {
        return err;
    };
    let command: Vec<String> = std::iter::once("orgctl".to_string())
        .chain(fixed.iter().skip(1).map(|a| shell_quoted(a)))
        .collect();
    let tip = format!(
        "to name {}, quote it: {}",
        shell_quoted(&name),
        command.join(" ")
    );
    let mut tips = vec![clap::builder::StyledStr::from(tip)];
    if let Some(ContextValue::StyledStrs(theirs)) = err.get(ContextKind::Suggested) {
        tips.extend(theirs.iter().cloned());
    }
    err.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
    err
}

/// The NAME that the words around `unexpected` in `args` make together,
/// and `args` with them as one, when that is a command orgctl takes with
/// that NAME.
fn quoted_name(args: &[String], unexpected: &str) -> Option<(String, Vec<String>)> {
    let word = |a: &String| !a.starts_with('-');
    let at = args.iter().skip(1).position(|a| a == unexpected)? + 1;
    let end = at + args[at..].iter().take_while(|a| word(a)).count();
    // The NAME runs from a word before the unexpected one to the last word
    // after it.
    for start in (1..at).rev().take_while(|&s| word(&args[s])) {
        let name = args[start..end].join(" ");
        let mut fixed = args[..start].to_vec();
        fixed.push(name.clone());
        fixed.extend_from_slice(&args[end..]);
        let Ok(cli) = Cli::try_parse_from(&fixed) else {
            continue;
        };
        let named = match &cli.command {
            Command::WhoReportsTo { name: n, .. }
            | Command::Chain { name: n, .. }
            | Command::History { name: n }
            | Command::Why { name: n, .. }
            | Command::Show { name: n, .. } => *n == name,
            Command::Log { about, .. } => about.contains(&name),
            Command::At { unit, .. } | Command::Stats { unit, .. } | Command::Diff { unit, .. } => {
                unit.as_deref() == Some(name.as_str())
            }
            _ => false,
        };
        if named {
            return Some((name, fixed));
        }
    }
    None
}

/// `arg` as a POSIX shell reads it back: as it is when it is safe, else in
/// double quotes.
fn shell_quoted(arg: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "-_./:=@,+%".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        return arg.to_string();
    }
    let mut out = String::from("\"");
    for c in arg.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The folder of TOML data files (searched recursively)
    #[arg(long, global = true, value_name = "DIR", env = "ORGCTL_DATA")]
    pub data: Option<PathBuf>,

    /// Read the data files as git revision REV holds them (a branch, a tag,
    /// HEAD~2, a commit id), not from disk; problems are named REV:path:line
    #[arg(long, global = true, value_name = "REV", conflicts_with = "staged")]
    pub rev: Option<String>,

    /// Read the data files as git's index holds them (what the next commit
    /// records), not from disk, as a pre-commit hook must; problems are
    /// named :path:line
    #[arg(long, global = true)]
    pub staged: bool,

    /// The project file (default: orgctl.toml in the working folder or the
    /// nearest folder above it, up to the repository's root); --data and
    /// ORGCTL_DATA win over it
    #[arg(long, global = true, value_name = "FILE")]
    pub project: Option<PathBuf>,

    /// Output format: table (human), json, csv (lists), dot or mermaid
    /// (charts of `at` and `diff`)
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Answer as the record stood on DATE: events reported (`reported`,
    /// else their `date`) after DATE are left out
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_query_date)]
    pub known_at: Option<NaiveDate>,

    /// When to colour the output: auto colours only on a terminal, never
    /// when NO_COLOR is set, and always when CLICOLOR_FORCE is set
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
    /// One CSV table with a header row (RFC 4180), for lists
    Csv,
    /// A Graphviz chart (`dot -Tsvg`), for `at` and `diff`
    Dot,
    /// A Mermaid flowchart, for `at` and `diff`
    Mermaid,
    /// Markdown with a Mermaid chart, for `review` (a pull-request comment).
    /// Hidden from the list of values, which is recorded in tests/golden;
    /// `review --help` names it.
    #[value(hide = true)]
    Markdown,
}

impl Format {
    /// The name given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Markdown => "markdown",
        }
    }

    pub const ALL: [Format; 6] = [
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Dot,
        Format::Mermaid,
        Format::Markdown,
    ];
}

/// A tree depth: 1 or more.
fn parse_depth(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "'{s}' is not a depth; give a whole number from 1 (1 = the top level only)"
        )),
    }
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
(\"2022-11~\") counts from the first day of its period, a date known only \
within a window (\"2023-01-31/2023-02-28\") from the day after its start, and \
facts that may not yet hold on the day are marked uncertain.",
        after_help = "Examples:\n  orgctl at 2023-05-10\n  orgctl at 2023-05-10 --units --depth 2\n  orgctl at 2023-05-10 --unit aicheng --format json\n  orgctl at 2023-05-10 --format csv\n  orgctl at 2023-05-10 --format dot | dot -Tsvg > alibaba.svg\n  orgctl at 2023-05-10 --known-at 2023-04-01"
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

        /// Only the top N levels of each tree (1 = the top only)
        #[arg(long, value_name = "N", value_parser = parse_depth)]
        depth: Option<usize>,

        /// The direction of the chart (with --format dot or mermaid): tb,
        /// top to bottom, or lr, left to right
        #[arg(long, value_enum, default_value_t = Layout::Tb, value_name = "DIRECTION")]
        layout: Layout,
    },

    /// What changed between two dates
    #[command(
        long_about = "What changed between the state on FROM and the state on TO: units created, \
dissolved, moved and renamed; roles created, eliminated, moved and retitled; \
appointments and departures; reporting lines; attributes. Then the events in \
between (dated after FROM, up to and including TO), with their sources.

TO defaults to today; `FROM..TO` is accepted too. With no dates, shows what \
the most recent event date changed.

FROM and TO may also be periods: a month (2026-07), a quarter (2026-Q3) or a \
year (2026). A period as FROM means the state just before its first day, as TO \
the state on its last day; so `diff 2026-Q3` alone is the changes during the \
quarter (from 2026-06-30 to 2026-09-30), and `diff 2026-01 2026-03` the changes \
of January to March.

Each change starts with a letter: A created, D dissolved or eliminated, \
M moved, R renamed or retitled, + appointed, - left, L reporting line \
changed, S attribute set, changed or cleared.

--format dot and --format mermaid draw the reporting chart on TO (with \
--units, the unit tree) with what changed since FROM marked: created in \
green, removed in red dashed, moved or changed in orange. --only-changes \
draws only what changed and the managers around it (on FROM and on TO); \
--unit U only U's subtree on either day.",
        after_help = "Examples:\n  orgctl diff 2023-03-01 2023-05-31\n  orgctl diff 2023-03-01 2023-05-31 --stat\n  orgctl diff 2023-03-01..2023-05-31 --format json\n  orgctl diff 2023-03-01 2023-05-31 --units --format dot | dot -Tsvg > diff.svg\n  orgctl diff 2023-03-01 2023-05-31 --only-changes --layout lr --format mermaid\n  orgctl diff"
    )]
    Diff {
        /// The earlier day (YYYY-MM-DD) or period (2026-07, 2026-Q3,
        /// 2026), or FROM..TO
        from: Option<String>,
        /// The later day or period; default today (a period alone as
        /// FROM: its end)
        to: Option<String>,

        /// Only the number of changes of each kind
        #[arg(long)]
        stat: bool,

        /// Chart the unit tree instead of the reporting chart (with
        /// --format dot or mermaid)
        #[arg(long)]
        units: bool,

        /// Only the people view: one line (CSV: one row) per person whose
        /// role, unit or manager changed
        #[arg(long, conflicts_with_all = ["stat", "units"])]
        people: bool,

        /// Chart only what changed and, for context, the roles the changed
        /// ones report to on FROM and on TO (with --units: the changed
        /// units and their parents); with --format dot or mermaid
        #[arg(long)]
        only_changes: bool,

        /// Chart only this unit and what lies under it on either day (an
        /// id or a name); with --format dot or mermaid
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,

        /// The direction of the chart (with --format dot or mermaid): tb,
        /// top to bottom, or lr, left to right
        #[arg(long, value_enum, default_value_t = Layout::Tb, value_name = "DIRECTION")]
        layout: Layout,
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
        after_help = "Examples:\n  orgctl who-reports-to Zhang --at 2023-01-01\n  orgctl who-reports-to daniel-zhang --all --depth 2\n  orgctl who-reports-to alibaba-ceo --at 2023-05-10 --format json\n  orgctl who-reports-to Zhang --at 2023-05-10 --format csv"
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

        /// With --all (which it implies), only N levels below NAME
        #[arg(long, value_name = "N", value_parser = parse_depth)]
        depth: Option<usize>,

        /// Those with a dotted line (a secondary, matrix or functional
        /// line) to NAME's roles, one level: a dotted line is not passed down
        #[arg(long, conflicts_with_all = ["all", "depth"])]
        dotted: bool,
    },

    /// The chain of command from a person, role or unit up to the top
    #[command(
        long_about = "The chain of command from NAME up to the top of the organisation on a date: \
each step's holder, role and unit, since when the holder holds it, and the rule \
that gave the line to the next step (explicit line, head of own unit, or head \
of an ancestor unit). A vacant role, or one with no holder recorded, is a step \
of its own and the chain goes on above it.

NAME is a person (one chain per role they hold), a role, or a unit (its head \
role), matched as by who-reports-to.",
        after_help = "Examples:\n  orgctl chain \"Wu Zeming\" --at 2023-05-10\n  orgctl chain aicheng --at 2023-05-10 --format json"
    )]
    Chain {
        /// A person, role or unit: id, name or alias
        name: String,

        /// The day (YYYY-MM-DD); default today
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        at: Option<NaiveDate>,
    },

    /// The events in date order, like git log
    #[command(
        long_about = "The recorded events in date order (oldest first, the order they are \
replayed in): id, date with its precision (\"2022-11~\" is a month, approximate; \
\"2023-01-31/2023-02-28\" is after 2023-01-31, on or before 2023-02-28), \
title, sources, note, and each change in words.

--since and --until bound the dates (both inclusive); an event with an \
imprecise date is listed when its period overlaps them. --about keeps the \
events that touch a person, unit or role: that name it, or that began or ended \
a fact of its history (so renames are followed, an event that dissolved unit A \
into B is about both, one that moves a role into a unit is about that unit); \
a unit's log also has every event that began or ended something in its subtree \
(a hire, a departure, a transfer in or out, a role or unit moved out). \
Repeat --about for the events about any of several names.

--reported-since and --reported-until bound instead when the events were \
reported (`reported`, else their date), with the same rules: so a handover \
announced in June that takes effect in September is in `--reported-since \
2023-06-01 --reported-until 2023-06-30`, not in `--since 2023-06-01 --until \
2023-06-30`. The two kinds of bound can be combined. Where an event's \
reported date differs from its date, it is printed beside it: \
\"(announced 2023-06-20)\" when reported before it took effect, \
\"(reported 2023-05-10)\" when after.",
        after_help = "Examples:\n  orgctl log\n  orgctl log --oneline --since 2023-05-01\n  orgctl log --oneline --reported-since 2023-06-01 --reported-until 2023-06-30\n  orgctl log --about aicheng --about \"Wu Zeming\"\n  orgctl log --until 2023-03-31 --format json"
    )]
    Log {
        /// Only events dated on or after this day (YYYY-MM-DD), or the
        /// first day of this period (2026-07, 2026-Q3, 2026)
        #[arg(long, value_parser = parse_period_start, value_name = "DATE")]
        since: Option<NaiveDate>,

        /// Only events dated on or before this day (YYYY-MM-DD), or the
        /// last day of this period (2026-07, 2026-Q3, 2026)
        #[arg(long, value_parser = parse_period_end, value_name = "DATE")]
        until: Option<NaiveDate>,

        /// Only events reported (announced) on or after this day
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        reported_since: Option<NaiveDate>,

        /// Only events reported (announced) on or before this day
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        reported_until: Option<NaiveDate>,

        /// Only events about this person, unit or role (repeatable)
        #[arg(long = "about", value_name = "NAME")]
        about: Vec<String>,

        /// One line per event: date, id, title
        #[arg(long)]
        oneline: bool,
    },

    /// Every fact about a person, unit or role over time
    #[command(
        long_about = "The timeline of one person, unit or role: every interval of every fact \
about it, from when to when, with the event (or declaration) that began and \
ended it, then those events with their sources.

A unit: its existence, names, parent, attributes, the units and roles it \
contained (and where they came from: moved in, or brought by a unit dissolved \
into it), its head role and who held it, and the units it absorbed. A role: \
its existence, titles, unit, head status, holders (and vacancies), reporting \
line with its rule, attributes. A person: the roles held, changes to them \
during the tenure, and whom they reported to. A renamed unit or retitled role \
is one history.",
        after_help = "Examples:\n  orgctl history aicheng\n  orgctl history \"Wu Zeming\"\n  orgctl history alibaba-cto --format json"
    )]
    History {
        /// A person, role or unit: id, name or alias
        name: String,
    },

    /// Why a person's, role's or unit's situation on a date is what it is
    #[command(
        long_about = "Why NAME stands where it does on a date, like git blame: each role held \
(holder, existence, title, unit, head status) and each reporting line, with \
the rule that derives it and every fact it rests on, each with the date and \
the event (or declaration) that established it; then those events with their \
sources. For a unit: its existence, name, parent and attributes, then its \
head role. When NAME does not exist or holds no role on the date, says since \
when and by what.",
        after_help = "Examples:\n  orgctl why \"Wu Zeming\" --at 2023-05-10\n  orgctl why \"Wu Zeming\" --at 2023-01-01\n  orgctl why tech-middle-office --at 2023-06-01"
    )]
    Why {
        /// A person, role or unit: id, name or alias
        name: String,

        /// The day (YYYY-MM-DD); default today
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        at: Option<NaiveDate>,
    },

    /// One card for a person, unit or role on a date
    #[command(
        long_about = "One card for a person, unit or role on a date: its names (aliases, earlier \
names or titles), whether it exists, its roles or holder, unit or parent, head, \
reporting line and direct reports, child units, attributes, note, the first \
and last events about it, and its sources.",
        after_help = "Examples:\n  orgctl show aicheng --at 2023-05-10\n  orgctl show \"Wu Zeming\" --at 2023-01-01\n  orgctl show alibaba-ceo --format json"
    )]
    Show {
        /// A person, role or unit: id, name or alias
        name: String,

        /// The day (YYYY-MM-DD); default today
        #[arg(long, value_parser = parse_query_date, value_name = "DATE")]
        at: Option<NaiveDate>,
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
        after_help = "Examples:\n  orgctl check\n  orgctl check --strict --data ./my-org\n  orgctl check --staged --strict\n  orgctl check --format json\n  orgctl check --explain E0103\n  orgctl check --explain"
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

    /// Headcount, vacancies, span of control and flows per period end
    #[command(
        long_about = "Figures at each month, quarter or year end from --from to --to (both \
included), for the whole organisation, or --unit's subtree, or with --by unit \
a row per unit (each rolled up: a unit counts everything in its subtree), or \
with --by KEY (any attribute key but `unit`: level, cost_centre...) a row per \
value of that attribute on the period end.

--by KEY groups: a person counts in the group of their own value of KEY on \
the day; without one, in the group of the value of the roles they hold (in \
the scope) that have one; else in the group without a value, `(none)`. A role \
(filled, vacant, unrecorded, vacancy days, layers) counts in the group of its \
own value, else of its holders', else `(none)`. Flows: hires and departures \
count in the group of the day they count on (now for hires, then for \
departures); a person whose group changed between the two period ends (L4 to \
L5, contractor to employee) is a transfer out of the old group and into the \
new one. Rows are by value (as text), `(none)` last, only groups with \
something in them; --depth does not go with --by KEY.

headcount: distinct people holding a role on the day (acting included; a \
person counted once however many roles). filled/vacant/unrecorded roles: \
with a holder; held before and not now (with the days since the last holder \
left, mean and max); never held, or not known since an unrecorded op. acting: people holding a \
role as acting. \
managers: people holding a role that a held role reports to; span: their \
direct reports (distinct people), mean, median and max. layers: levels of \
the chain of command among the roles. Dotted lines never count.

Flows compare the period end with the end of the period before: hires \
(no role then, one now), departures (a role then, none now), transfers in \
and out (a role in the unit's subtree on one day and only elsewhere on the \
other; for the whole organisation, people whose units changed), promotions \
(people who took a new role and whose highest role is now nearer the top \
of the chain of command).

--from and --to take days or periods (2026-07, 2026-Q3, 2026: --from its first \
day, --to its last). Default --to: today; default --from: so that 12 \
periods are listed.",
        after_help = "Examples:\n  orgctl stats --from 2025-01 --to 2025-12\n  orgctl stats --every quarter --from 2024 --to 2025 --by unit --depth 2\n  orgctl stats --unit engineering --by unit --format csv > headcount.csv\n  orgctl stats --from 2025-01 --to 2025-12 --by level"
    )]
    Stats {
        /// The first period (day, 2026-07, 2026-Q3 or 2026); default:
        /// 12 periods before --to
        #[arg(long, value_parser = parse_period_start, value_name = "PERIOD")]
        from: Option<NaiveDate>,

        /// The last period (day, 2026-07, 2026-Q3 or 2026); default today
        #[arg(long, value_parser = parse_period_end, value_name = "PERIOD")]
        to: Option<NaiveDate>,

        /// The length of a period
        #[arg(long, value_enum, default_value_t = Every::Month)]
        every: Every,

        /// A row per unit (`--by unit`), each rolled up over its subtree,
        /// or per value of a person's attribute (`--by level`)
        #[arg(long, value_name = "unit|KEY")]
        by: Option<String>,

        /// Only this unit and the units under it
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,

        /// Only N levels of the unit tree (1 = the top); implies --by unit
        #[arg(long, value_name = "N", value_parser = parse_depth)]
        depth: Option<usize>,
    },

    /// What a change to the data does, for a reviewer (BASE and HEAD are git revisions)
    #[command(
        long_about = "Compare the data folder as git revision BASE holds it with HEAD (a revision; \
by default the working tree, with --staged the index): the events added, removed and edited \
(matched by id), the people whose role differs on the days the change touches, the headcount \
and vacancies per unit on those days (each unit with the units under it, as stats --by unit counts it), and, separately, corrections of the past: facts before \
the change's earliest new effective date, or inside a closed period of the project file, that \
BASE and HEAD answer differently (each event day and month end before it is compared).

--format table (the default), json, or markdown: a pull-request comment with a Mermaid chart \
of the units whose headcount changed. --deny corrections exits with status 1 when there are \
corrections of the past.",
        after_help = "Examples:\n  orgctl review main\n  orgctl review main feature-branch --format markdown\n  orgctl review HEAD --staged\n  orgctl review origin/main HEAD --deny corrections"
    )]
    Review {
        /// The revision the change is made against (a branch, a tag, HEAD~2, a commit id)
        base: String,
        /// The changed revision; default the working tree (--staged: the index)
        head: Option<String>,
        /// Exit with status 1 when the review finds these
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Option<Deny>,
    },

    /// Write one event (and the records it needs) to the data files
    #[command(
        long_about = "Write one dated event to the data folder, in the file where the project keeps \
events of that date (a file per year or month when the folder has them, else the file of the \
latest event, else events.toml), appended in the usual layout; a new person goes to the file of \
people. The folder as it would be after the write is checked first: a write that would break \
`check` is refused. The write is safe: the folder is locked (.orgctl.lock), each file is written \
to a temporary file and renamed over it; on any error nothing is changed.",
        after_help = "Examples:\n  orgctl add hire \"Zoe Zhu\" --role engineer --date 2024-03-01 --source \"Intranet, 2024-03-01\"\n  orgctl add appoint \"Cy Cole\" --role cto --acting\n  orgctl add leave \"Cy Cole\" --date 2024-06-30\n  orgctl add hire \"Zoe Zhu\" --role engineer --dry-run"
    )]
    Add {
        #[command(subcommand)]
        action: AddAction,
    },

    /// Make a data folder from the data of other tools (HR snapshots, tenure tables, Popolo)
    #[command(
        long_about = "Read histories kept elsewhere and write them as a data folder (--out DIR): \
dated HR snapshots (`import snapshots`: a new folder, or one it wrote before, which it \
continues), tenure tables (`import tenures`) and Popolo JSON documents (`import popolo`). Every \
import is checked as a whole first: the folder as it would be after must pass `check`, else \
nothing is written. The write is safe: the folder is locked, written to temporary files (a new \
folder to a hidden folder beside it) and renamed into place; on any error nothing is changed. \
Problems of the input are warnings with file:line, or errors that stop the import before \
anything is written. --dry-run prints the TOML instead. See docs/import.md.",
        after_help = "Examples:\n  orgctl import snapshots hr-2024-01-31.csv hr-2024-02-29.csv --out org\n  orgctl import snapshots hr-2024-03-31.csv --out org\n  orgctl import tenures ministers.csv --out data\n  orgctl import popolo parliament.json --out parliament"
    )]
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },

    /// Write the replayed history out for other tools (SQLite, Popolo JSON)
    #[command(
        long_about = "Write the replayed history (of the data folder, or of --rev REV, --staged, \
--known-at DAY) in another format, for other tools: a SQLite database, a Popolo JSON document. \
A FILE is never replaced unless --force is given; it is written to a temporary file in its folder \
and renamed: on any error, nothing is left behind.",
        after_help = "Examples:\n  orgctl export sqlite org.sqlite\n  orgctl export sqlite org.sqlite --force --rev v1.0\n  orgctl export popolo > org.json"
    )]
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },

    /// One self-contained HTML page: the events and the organisation on any day
    #[command(
        long_about = "Write one HTML page that works offline (no network, nothing to install): \
the events of the range with their dates and sources, a date picker and a slider, and the \
organisation on the chosen day (the reporting tree, vacancies marked, dotted lines dashed, and \
the unit tree), computed by the page from the history's facts as `at` computes it. The address \
carries the day (report.html#day=2023-05-10). Without --out, the page goes to stdout.",
        after_help = "Examples:\n  orgctl report --html --out report.html\n  orgctl report --html --since 2023-01 --until 2023-06 > h1.html\n  orgctl report --html --unit aicheng --depth 2 --out aicheng.html\n  orgctl report --html --out report.html --force"
    )]
    Report(ReportArgs),

    /// Print a shell completion script
    #[command(
        long_about = "Print the completion script for SHELL on stdout, generated from the same \
definitions as --help.",
        after_help = "Examples:\n  orgctl completions bash > ~/.local/share/bash-completion/completions/orgctl\n  orgctl completions zsh > ~/.zfunc/_orgctl\n  orgctl completions fish > ~/.config/fish/completions/orgctl.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the manual page (roff) on stdout
    #[command(
        long_about = "Print orgctl's manual page, in roff, on stdout: generated from the same \
definitions as --help. With COMMAND, the page of that command (orgctl-COMMAND).",
        after_help = "Examples:\n  orgctl man | man -l -\n  orgctl man > ~/.local/share/man/man1/orgctl.1\n  orgctl man diff | man -l -"
    )]
    Man {
        /// A command, for its own page
        command: Option<String>,
    },
}

/// `at --layout`, `diff --layout`: the direction of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// Top to bottom (the default)
    Tb,
    /// Left to right
    Lr,
}

/// `review --deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Corrections of the past
    Corrections,
}

/// `stats --every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Every {
    Month,
    Quarter,
    Year,
}

/// The shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}
