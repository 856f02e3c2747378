//! Resolves the command line into plain values (data folder, dates,
//! format, colour), runs the query and hands the result to a renderer.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use crate::check::codes::Code;
use crate::check::diag::{self, DataErrors};
use crate::cli::{Cli, ColorChoice, Command, Format};
use crate::dates::{parse_period, parse_query_date};
use crate::load::git::{GitError, Snapshot};
use crate::load::{self, LoadError, LoadOptions, Loaded};
use crate::query::{self, Found};
use crate::render::{self, Options, Style};
use crate::timeline::History;
use format::{check_format, render_format, render_layout};

mod add;
mod export;
mod format;
mod import;
mod report;
mod review;
mod stats;

/// A mistake in how orgctl was called (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Exit codes: 0 ok, 1 data or lookup error, 2 usage error.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// True when the error is only a closed output pipe (`orgctl at | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub use crate::load::source::{DataSource, Fallback, Resolved, SourceError};

/// The data a run of `command` reads (see [`crate::load::source::resolve`]):
/// the built-in demo only for a query command whose output is a terminal.
fn data_source(cli: &Cli) -> anyhow::Result<Resolved> {
    let fallback = if matches!(cli.command, Command::Check { .. }) {
        Fallback::NotForCheck
    } else if std::io::stdout().is_terminal()
        || std::env::var_os("ORGCTL_ASSUME_TERMINAL").is_some_and(|v| v == "1")
    {
        Fallback::Demo
    } else {
        Fallback::NotATerminal
    };
    let env = std::env::var_os("ORGCTL_DATA");
    let project = cli.global.project.as_deref();
    let given = cli.global.data.as_deref();
    match crate::load::source::resolve(given, env.as_deref(), project, Path::new("."), fallback) {
        Ok(r) => Ok(r),
        Err(SourceError::NoData(e)) => Err(usage(e.to_string())),
        Err(SourceError::Project(e)) => Err(e.into()),
        Err(e @ SourceError::NoProjectData(..)) => Err(e.into()),
    }
}

/// `--rev REV` or `--staged`: the data files as git holds them.
fn snapshot(cli: &Cli) -> Option<Snapshot> {
    match (&cli.global.rev, cli.global.staged) {
        (Some(rev), _) => Some(Snapshot::Rev(rev.clone())),
        (None, true) => Some(Snapshot::Staged),
        (None, false) => None,
    }
}

/// The files of a data source, read but not parsed: from disk, or as git
/// holds them (`git`), without what the project file excludes.
pub fn read(source: &Resolved, git: Option<&Snapshot>) -> anyhow::Result<Vec<(PathBuf, String)>> {
    match (&source.source, git) {
        (DataSource::Folder(dir), None) => Ok(load::read_folder_excluding(dir, &source.exclude)?),
        (DataSource::Folder(dir), Some(snapshot)) => {
            load::git::read(dir, snapshot, &source.exclude).map_err(|e| match e {
                GitError::Load(e) => anyhow::Error::from(e),
                e if e.is_usage() => usage(e.to_string()),
                e => e.into(),
            })
        }
        (DataSource::Bundled, _) => Ok(crate::load::bundled::files()),
    }
}

/// The replayed history of a data source (see [`load::load_folder`]),
/// from the cache of replayed histories when `cache` and it is fresh.
/// Data read from git is never cached: the cache is keyed by the files on
/// disk.
pub fn load(source: &Resolved, git: Option<&Snapshot>, cache: bool) -> anyhow::Result<History> {
    match (&source.source, git) {
        (DataSource::Folder(dir), None) => Ok(crate::cache::load(dir, &source.exclude, cache)?),
        (DataSource::Folder(_), Some(_)) => Ok(load::load_texts(read(source, git)?)?),
        (DataSource::Bundled, _) => Ok(load::load_texts(crate::load::bundled::files())?),
    }
}

/// The history a question needs: for `show`, `chain`, `who-reports-to`
/// and `history` of a person named by a whole id, name or alias, only the
/// part of the cached history the question reads, read in place when the
/// cache is fresh (`cache::load_or_read_in_place`); for `at`, every
/// record but only the events it reads (`cache::day`); else the whole
/// history ([`load`]).
fn load_for(
    cli: &Cli,
    source: &Resolved,
    git: Option<&Snapshot>,
    today: NaiveDate,
) -> anyhow::Result<History> {
    use crate::cache::subset::{Ask, person_subset};
    if let (Command::At { date, .. }, DataSource::Folder(dir), None, false) =
        (&cli.command, &source.source, git, cli.global.no_cache)
    {
        let day = date.unwrap_or(today);
        let on_day = |place: &mut _| crate::cache::day::history_on(place, day);
        return Ok(crate::cache::load_or_read_in_place(
            dir,
            &source.exclude,
            true,
            Some(&on_day),
        )?);
    }
    let asked = match &cli.command {
        Command::Show { name, at } => Some((name, Ask::Show(at.unwrap_or(today)))),
        Command::Chain { name, at } => Some((name, Ask::Chain(at.unwrap_or(today)))),
        Command::WhoReportsTo {
            name,
            at,
            all,
            depth,
            dotted,
        } => {
            // `--dotted` lists one level, whatever `--all` says.
            let all = whole_subtree(*all, *depth) && !*dotted;
            let day = at.unwrap_or(today);
            Some((name, Ask::Reports { day, all }))
        }
        Command::History { name } => Some((name, Ask::History)),
        _ => None,
    };
    let (DataSource::Folder(dir), None, false, Some((name, ask))) =
        (&source.source, git, cli.global.no_cache, asked)
    else {
        return load(source, git, !cli.global.no_cache);
    };
    let small = |place: &mut _| person_subset(place, name, ask);
    Ok(crate::cache::load_or_read_in_place(
        dir,
        &source.exclude,
        true,
        Some(&small),
    )?)
}

/// Whether `who-reports-to` lists the whole subtree: `--all`, or
/// `--depth N`, which implies it.
fn whole_subtree(all: bool, depth: Option<usize>) -> bool {
    all || depth.is_some()
}

/// The record as it stood on `day` (`--known-at`): always read from the
/// files (never the cache), leaving out what was reported later. Problems
/// that leaves are introduced by a note on `err`.
fn load_known_at(
    source: &Resolved,
    git: Option<&Snapshot>,
    day: NaiveDate,
    err: &mut dyn Write,
) -> anyhow::Result<Loaded> {
    let loaded = load::load_with(
        read(source, git)?,
        &LoadOptions {
            known_at: Some(day),
            ..LoadOptions::default()
        },
    );
    if let Err(LoadError::Data(_)) = &loaded {
        writeln!(
            err,
            "note: with --known-at {day}, the events reported after {day} are left out; the problems below are in the record as it stood then"
        )?;
    }
    Ok(loaded?)
}

/// Colour on `stream` for `choice`. `auto` decides as clap does for the
/// help (anstream): never with `NO_COLOR` set (not empty), always with
/// `CLICOLOR_FORCE` set, never with `CLICOLOR=0`, else on a terminal that
/// is not `TERM=dumb`.
pub fn use_color<S: anstream::stream::RawStream>(choice: ColorChoice, stream: &S) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never,
    }
}

fn today(cli: &Cli) -> NaiveDate {
    cli.global
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn usage(msg: String) -> anyhow::Error {
    UsageError(msg).into()
}

/// Reads `FROM`, `TO` or `FROM..TO` into the two days of a diff. A
/// period (`2026-07`, `2026-Q3`, `2026`) as FROM is the day before it
/// begins, as TO its last day; a period alone is the changes during it.
fn diff_range(
    history: &History,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let period = |s: &str| parse_period(s).map_err(usage);
    let start = |s: &str| period(s).map(|p| before_period(s, p.first));
    let day = |s: &str| period(s).map(|p| p.last);
    if let (Some(one), None) = (from, to)
        && !one.contains("..")
        && parse_query_date(one).is_err()
    {
        let p = period(one)?;
        return Ok((p.first.pred_opt().unwrap_or(p.first), p.last));
    }
    let (from, to) = match (from, to) {
        (None, _) => {
            let last = history
                .latest_event_by(today)
                .ok_or_else(|| anyhow::anyhow!("no events are recorded on or before {today}"))?;
            let d = history.event(last).date.first_day();
            let before = d.pred_opt().unwrap_or(d);
            return Ok((before, d));
        }
        (Some(range), None) if range.contains("..") => {
            let (a, b) = range.split_once("..").unwrap_or((range, ""));
            let b = if b.is_empty() { today } else { day(b)? };
            (start(a)?, b)
        }
        (Some(a), b) => (start(a)?, b.map(day).transpose()?.unwrap_or(today)),
    };
    if from > to {
        return Err(usage(format!(
            "FROM ({from}) is after TO ({to}); give the earlier date first"
        )));
    }
    Ok((from, to))
}

/// FROM as a diff reads it: a day is that day; a period, the day before
/// its first.
fn before_period(text: &str, first: NaiveDate) -> NaiveDate {
    match parse_query_date(text) {
        Ok(day) => day,
        Err(_) => first.pred_opt().unwrap_or(first),
    }
}

/// The unit named by `--unit` on `day`: a usage error for another kind of
/// record.
fn unit_on(
    history: &History,
    name: &str,
    day: NaiveDate,
    err: &mut dyn Write,
) -> anyhow::Result<crate::ids::UnitId> {
    match noted(query::find_unit_on(history, name, Some(day))?, err)? {
        Found::Unit(u) => Ok(u),
        other => Err(usage(format!(
            "--unit takes a unit, but '{name}' is the {} '{}'",
            other.noun(),
            other.key(history)
        ))),
    }
}

/// `diff --unit`: a unit existing on FROM or on TO.
fn diff_unit(
    history: &History,
    name: &str,
    from: NaiveDate,
    to: NaiveDate,
    err: &mut dyn Write,
) -> anyhow::Result<crate::ids::UnitId> {
    let u = unit_on(history, name, to, err)?;
    if !query::State::new(history, from).unit_exists(u)
        && !query::State::new(history, to).unit_exists(u)
    {
        anyhow::bail!(
            "unit '{}' exists neither on {from} nor on {to}",
            history.unit(u).key
        );
    }
    Ok(u)
}

fn find(history: &History, name: &str) -> anyhow::Result<Found> {
    Ok(query::find(history, name)?)
}

/// Finds `name` by the names valid on `day`; a name of another day finds
/// its record with a note on stderr.
fn find_on(
    history: &History,
    name: &str,
    day: NaiveDate,
    err: &mut dyn Write,
) -> anyhow::Result<Found> {
    noted(query::find_on(history, name, Some(day))?, err)
}

/// The record found, its note (a name of another day) written to `err`.
fn noted(l: query::Lookup, err: &mut dyn Write) -> anyhow::Result<Found> {
    if let Some(note) = l.note {
        writeln!(err, "note: {note}")?;
    }
    Ok(l.found)
}

/// Runs one command, writing its output to `out` and notices to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let format = cli.global.format;
    check_format(&cli.command, format)?;
    match &cli.command {
        Command::Check {
            explain: Some(code),
            ..
        } => return explain(out, code),
        Command::Import { what } => return import::import(what, out, err),
        Command::Completions { shell } => {
            crate::shell::completions(out, *shell)?;
            out.flush()?;
            return Ok(());
        }
        Command::Man { command } => {
            if !crate::shell::man(out, command.as_deref())? {
                return Err(usage(format!(
                    "no command '{}'; the commands are {}",
                    command.as_deref().unwrap_or_default(),
                    crate::shell::command_names().join(", ")
                )));
            }
            out.flush()?;
            return Ok(());
        }
        _ => {}
    }
    let resolved = data_source(cli)?;
    let git = snapshot(cli);
    if let (DataSource::Bundled, Some(s)) = (&resolved.source, &git) {
        return Err(usage(format!(
            "{} reads the data folder from git, but there is no data folder here\n  help: give the folder with --data DIR (or ORGCTL_DATA, or an orgctl.toml)",
            s.option()
        )));
    }
    let result = run_on(cli, &resolved, git.as_ref(), out, err);
    // Data problems in a folder the project file chose: say which file
    // chose it, above them.
    if let (Err(e), crate::load::source::Origin::Project(_)) = (&result, &resolved.origin)
        && data_problems(e).is_some()
    {
        writeln!(err, "note: while loading {}", resolved.describe())?;
    }
    result
}

/// [`run`] of a command that reads the data `source` (as git holds it,
/// with `git`).
fn run_on(
    cli: &Cli,
    source: &Resolved,
    git: Option<&Snapshot>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let format = cli.global.format;
    if source.source == DataSource::Bundled {
        writeln!(
            err,
            "orgctl: no ./data folder here; using the built-in Alibaba 2022-2023 data set (--data DIR for your own)"
        )?;
    }
    let today = today(cli);
    if let Command::Add { action } = &cli.command {
        return add::add(source, git, action, today, out, err);
    }
    if let Command::Check { strict, .. } = &cli.command {
        return check(out, err, cli, source, git, *strict);
    }
    if let Command::Review { base, head, deny } = &cli.command {
        return review::review(cli, source, (base, head.as_deref()), *deny, out);
    }
    if let Command::Export { format } = &cli.command {
        export::check(format)?;
    }
    if let Command::Report(args) = &cli.command {
        report::check(args)?;
    }
    let history = match cli.global.known_at {
        None => load_for(cli, source, git, today)?,
        Some(day) => load_known_at(source, git, day, err)?.history,
    };
    let style = Style {
        color: use_color(cli.global.color, &std::io::stdout()),
        terminal: std::io::stdout().is_terminal(),
    };
    let mut options = Options {
        style,
        organisation: source.project.as_ref().and_then(|p| p.name.clone()),
        ..Options::plain()
    };
    let renderer = render::renderer(render_format(format));
    match &cli.command {
        Command::At {
            date,
            units,
            unit,
            depth,
            layout,
        } => {
            options.layout = render_layout(*layout);
            let day = date.unwrap_or(today);
            let scope = match unit {
                Some(name) => Some(unit_on(&history, name, day, err)?),
                None => None,
            };
            let timer = crate::timer::Timer::start();
            let mut view = query::at(&history, day, scope);
            timer.lap("query: at");
            view.depth = *depth;
            if let Some(start) = view.record_starts {
                writeln!(
                    err,
                    "note: the record starts on {start}; nothing is dated before it, so this is the organisation as its records are declared, before any dated change"
                )?;
            }
            if let Some(u) = scope
                && !view.state.unit_exists(u)
            {
                anyhow::bail!("unit '{}' does not exist on {day}", history.unit(u).key);
            }
            options.units = *units;
            renderer.at(out, &view, &options)?;
            timer.lap("render: at");
        }
        Command::Diff {
            from,
            to,
            stat,
            units,
            people,
            only_changes,
            unit,
            layout,
        } => {
            options.layout = render_layout(*layout);
            let (from, to) = diff_range(&history, from.as_deref(), to.as_deref(), today)?;
            let timer = crate::timer::Timer::start();
            let d = query::diff(&history, from, to);
            let scope = match unit {
                Some(name) => Some(diff_unit(&history, name, from, to, err)?),
                None => None,
            };
            if *only_changes || scope.is_some() {
                options.focus = Some(query::focus(&d, *only_changes, scope));
            }
            timer.lap("query: diff");
            options.units = *units;
            options.people = *people;
            if *stat {
                renderer.diff_stat(out, &d, &options)?;
            } else {
                renderer.diff(out, &d, &options)?;
            }
            timer.lap("render: diff");
        }
        Command::WhoReportsTo {
            name,
            at,
            all,
            depth,
            dotted,
        } => {
            let day = at.unwrap_or(today);
            let found = find_on(&history, name, day, err)?;
            let all = whole_subtree(*all, *depth);
            let timer = crate::timer::Timer::start();
            let mut rep = if *dotted {
                query::who_reports_dotted(&history, found, day)
            } else {
                query::who_reports_to(&history, found, day, all)
            }
            .with_context(|| format!("cannot list who reports to '{name}'"))?;
            if let Some(n) = depth {
                rep.limit_depth(*n);
            }
            timer.lap("query: who-reports-to");
            options.all = all;
            renderer.reports(out, &rep, &options)?;
            timer.lap("render: who-reports-to");
        }
        Command::Chain { name, at } => {
            let day = at.unwrap_or(today);
            let found = find_on(&history, name, day, err)?;
            let c = query::chain(&history, found, day)?;
            renderer.chain(out, &c, &options)?;
        }
        Command::Log {
            since,
            until,
            reported_since,
            reported_until,
            about,
            oneline,
        } => {
            for (from, to, name) in [
                (since, until, ""),
                (reported_since, reported_until, "reported-"),
            ] {
                if let (Some(s), Some(u)) = (from, to)
                    && s > u
                {
                    return Err(usage(format!(
                        "--{name}since ({s}) is after --{name}until ({u}); give the earlier date to --{name}since"
                    )));
                }
            }
            let about = about
                .iter()
                .map(|n| find(&history, n))
                .collect::<anyhow::Result<Vec<Found>>>()?;
            let index = query::Index::new(&history);
            let log = query::log(&history, &index, *since, *until, &about)
                .reported_within(*reported_since, *reported_until);
            options.oneline = *oneline;
            renderer.log(out, &log, &options)?;
        }
        Command::History { name } => {
            let found = find(&history, name)?;
            let index = query::Index::new(&history);
            let rh = query::history(&history, &index, found);
            renderer.history(out, &rh, &options)?;
        }
        Command::Why { name, at } => {
            let day = at.unwrap_or(today);
            let found = find_on(&history, name, day, err)?;
            let index = query::Index::new(&history);
            let w = query::why(&history, &index, found, day);
            renderer.why(out, &w, &options)?;
        }
        Command::Show { name, at } => {
            let day = at.unwrap_or(today);
            let found = find_on(&history, name, day, err)?;
            let index = query::Index::new(&history);
            let card = query::show(&history, &index, found, day);
            renderer.show(out, &card, &options)?;
        }
        Command::Stats {
            from,
            to,
            every,
            by,
            unit,
            depth,
        } => {
            let args = stats::StatsArgs {
                from: *from,
                to: *to,
                every: *every,
                by: by.as_deref(),
                unit: unit.as_deref(),
                depth: *depth,
            };
            stats::stats(&history, args, today, renderer, &options, out, err)?;
        }
        Command::Export { format } => export::export(&history, format, out, err)?,
        Command::Report(args) => {
            let name = options.organisation.as_deref();
            report::report(&history, args, name, today, out, err)?;
        }
        // Handled above.
        Command::Check { .. }
        | Command::Review { .. }
        | Command::Completions { .. }
        | Command::Import { .. }
        | Command::Man { .. }
        | Command::Add { .. } => {}
    }
    out.flush()?;
    left_to_exit(history);
    Ok(())
}

/// Leaves `history` for the end of the process to free: the process ends
/// once it is answered, and freeing a large history piece by piece takes
/// longer than the query did (a third of a second for generated L).
pub(crate) fn left_to_exit(history: History) {
    std::mem::forget(history);
}

/// Warnings that `check --strict` treats as failure (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StrictWarnings(pub DataErrors);

/// The problems to print for a failed run, if it failed on the data.
pub fn data_problems(err: &anyhow::Error) -> Option<&DataErrors> {
    match err.downcast_ref::<LoadError>() {
        Some(LoadError::Data(d)) => Some(d),
        _ => err.downcast_ref::<StrictWarnings>().map(|w| &w.0),
    }
}

fn check(
    out: &mut dyn Write,
    err: &mut dyn Write,
    cli: &Cli,
    resolved: &Resolved,
    git: Option<&Snapshot>,
    strict: bool,
) -> anyhow::Result<()> {
    let (known_at, today, format) = (cli.global.known_at, today(cli), cli.global.format);
    let source = resolved;
    let history = if strict || known_at.is_some() {
        // Warnings quote the files: keep their texts.
        let Loaded { history, sources } = match known_at {
            None => load::load_keeping_sources(read(source, git)?)?,
            Some(day) => load_known_at(source, git, day, err)?,
        };
        let diagnostics = if strict {
            crate::check::lint::strict(&history, today, &sources)
        } else {
            Vec::new()
        };
        if !diagnostics.is_empty() {
            return Err(StrictWarnings(DataErrors::new(diagnostics, sources)).into());
        }
        history
    } else {
        // `check` always reads the files.
        load(source, git, false)?
    };
    let mut s = query::summary(&history);
    s.data = Some(match git {
        Some(Snapshot::Rev(rev)) => format!("{} as of {rev}", resolved.checked()),
        Some(Snapshot::Staged) => format!("{} as staged", resolved.checked()),
        None => resolved.checked(),
    });
    render::renderer(render_format(format)).check(out, &s, &Options::plain())?;
    out.flush()?;
    left_to_exit(history);
    Ok(())
}

fn explain(out: &mut dyn Write, code: &str) -> anyhow::Result<()> {
    if code.is_empty() {
        for c in Code::ALL {
            writeln!(out, "{}  {:<22} {}", c.id(), c.name(), c.summary())?;
        }
        writeln!(
            out,
            "\norgctl check --explain CODE shows an example and its fix."
        )?;
        return Ok(());
    }
    match Code::find(code) {
        Some(c) => {
            write!(out, "{}", c.explain())?;
            if matches!(c, Code::UnknownKey | Code::WrongType) {
                write!(out, "\n{}", crate::records::schema::key_list())?;
            }
        }
        None => {
            return Err(usage(format!(
                "no problem code '{code}'; `orgctl check --explain` lists them"
            )));
        }
    }
    Ok(())
}

/// Prints a failed run's error: data problems as diagnostics (and, with
/// `--format json`, as JSON on stdout), anything else as one line.
pub fn report(e: &anyhow::Error, cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) {
    let color = use_color(cli.global.color, &std::io::stderr());
    let message = match (data_problems(e), cli.global.format) {
        (Some(p), Format::Json) => {
            let _ = serde_json::to_writer_pretty(&mut *out, &p.to_json());
            let _ = writeln!(out);
            // The details went to stdout: only the count here.
            let text = p.render(color);
            text.lines().last().unwrap_or_default().to_string()
        }
        (Some(p), _) => p.render(color),
        (None, _) => {
            let label = diag::paint("error", diag::ERROR, color);
            // Paths and names in the message come from the user's files:
            // escape them, but keep the message's own line breaks.
            let text = format!("{e:#}");
            let lines: Vec<_> = text.split('\n').map(crate::escape::escape).collect();
            format!("{label}: {}", lines.join("\n"))
        }
    };
    let _ = writeln!(err, "{message}");
}
