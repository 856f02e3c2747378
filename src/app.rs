//! Resolves the command line into plain values (data folder, dates,
//! format, colour), runs the query and hands the result to a renderer.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use crate::check::codes::Code;
use crate::check::diag::{self, DataErrors};
use crate::cli::{Cli, ColorChoice, Command, Format};
use crate::dates::parse_query_date;
use crate::load::{self, LoadError, LoadOptions, Loaded};
use crate::query::{self, Found};
use crate::render::{self, Options, Output, Style};
use crate::timeline::History;

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

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Folder(PathBuf),
    /// The Alibaba data set compiled into the binary.
    Bundled,
}

/// `--data` (or `$ORGCTL_DATA`) if given, else `./data` if it exists, else
/// the bundled data set.
pub fn data_source(given: Option<&Path>) -> DataSource {
    match given {
        Some(dir) => DataSource::Folder(dir.to_path_buf()),
        None if Path::new("data").is_dir() => DataSource::Folder(PathBuf::from("data")),
        None => DataSource::Bundled,
    }
}

/// The files of a data source, read but not parsed.
pub fn read(source: &DataSource) -> Result<Vec<(PathBuf, String)>, LoadError> {
    match source {
        DataSource::Folder(dir) => load::read_folder(dir),
        DataSource::Bundled => Ok(crate::load::bundled::files()),
    }
}

/// The replayed history of a data source (see [`load::load_folder`]),
/// from the cache of replayed histories when `cache` and it is fresh.
pub fn load(source: &DataSource, cache: bool) -> Result<History, LoadError> {
    match source {
        DataSource::Folder(dir) => crate::cache::load(dir, cache),
        DataSource::Bundled => load::load_texts(crate::load::bundled::files()),
    }
}

/// The record as it stood on `day` (`--known-at`): always read from the
/// files (never the cache), leaving out what was reported later. Problems
/// that leaves are introduced by a note on `err`.
fn load_known_at(
    source: &DataSource,
    day: NaiveDate,
    err: &mut dyn Write,
) -> anyhow::Result<Loaded> {
    let loaded = load::load_with(
        read(source)?,
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

/// Reads `FROM`, `TO` or `FROM..TO` into the two days of a diff.
fn diff_range(
    history: &History,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let day = |s: &str| parse_query_date(s).map_err(usage);
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
            (day(a)?, b)
        }
        (Some(a), b) => (day(a)?, b.map(day).transpose()?.unwrap_or(today)),
    };
    if from > to {
        return Err(usage(format!(
            "FROM ({from}) is after TO ({to}); give the earlier date first"
        )));
    }
    Ok((from, to))
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
    let l = query::find_on(history, name, Some(day))?;
    if let Some(note) = l.note {
        writeln!(err, "note: {note}")?;
    }
    Ok(l.found)
}

/// What a command shows, to check that `--format` can show it before any
/// work is done. `None` for commands that print no result.
fn output_of(command: &Command) -> Option<(Output, &'static str)> {
    match command {
        Command::At { .. } => Some((Output::At, "at")),
        Command::Diff { stat: true, .. } => Some((Output::DiffStat, "diff --stat")),
        Command::Diff { .. } => Some((Output::Diff, "diff")),
        Command::WhoReportsTo { .. } => Some((Output::Reports, "who-reports-to")),
        Command::Check { .. } => Some((Output::Check, "check")),
        Command::Chain { .. } => Some((Output::Chain, "chain")),
        Command::Log { .. } => Some((Output::Log, "log")),
        Command::History { .. } => Some((Output::History, "history")),
        Command::Why { .. } => Some((Output::Why, "why")),
        Command::Show { .. } => Some((Output::Show, "show")),
        Command::Completions { .. } | Command::Man { .. } => None,
    }
}

/// The renderers' name for a `--format`.
fn render_format(format: Format) -> render::Format {
    match format {
        Format::Table => render::Format::Table,
        Format::Json => render::Format::Json,
        Format::Csv => render::Format::Csv,
        Format::Dot => render::Format::Dot,
        Format::Mermaid => render::Format::Mermaid,
    }
}

/// A usage error unless `format` can show what `command` prints.
fn check_format(command: &Command, format: Format) -> anyhow::Result<()> {
    let Some((what, name)) = output_of(command) else {
        if format != Format::Table {
            return Err(usage(format!(
                "--format {} does not apply here: this command prints a script or a page",
                format.name()
            )));
        }
        return Ok(());
    };
    if !render::renderer(render_format(format)).supports(what) {
        let names: Vec<&str> = Format::ALL
            .into_iter()
            .filter(|&f| render::renderer(render_format(f)).supports(what))
            .map(Format::name)
            .collect();
        return Err(usage(format!(
            "`{name}` cannot be shown as --format {}; it supports --format {}",
            format.name(),
            names.join(", ")
        )));
    }
    if let Command::Diff {
        units: true, stat, ..
    } = command
        && (*stat || !matches!(format, Format::Dot | Format::Mermaid))
    {
        return Err(usage(
            "`diff --units` draws the unit tree; it needs --format dot or mermaid (and no --stat)"
                .into(),
        ));
    }
    if let Command::Diff { people: true, .. } = command
        && matches!(format, Format::Dot | Format::Mermaid)
    {
        return Err(usage(
            "`diff --people` is a list of people; use --format table, json or csv (the charts mark what changed without it)"
                .into(),
        ));
    }
    Ok(())
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
    let source = data_source(cli.global.data.as_deref());
    if source == DataSource::Bundled {
        writeln!(
            err,
            "orgctl: no ./data folder here; using the built-in Alibaba 2022-2023 data set (--data DIR for your own)"
        )?;
    }
    let today = today(cli);
    if let Command::Check { strict, .. } = &cli.command {
        return check(
            out,
            err,
            &source,
            *strict,
            cli.global.known_at,
            today,
            format,
        );
    }
    let history = match cli.global.known_at {
        None => load(&source, !cli.global.no_cache)?,
        Some(day) => load_known_at(&source, day, err)?.history,
    };
    let style = Style {
        color: use_color(cli.global.color, &std::io::stdout()),
        terminal: std::io::stdout().is_terminal(),
    };
    let mut options = Options {
        style,
        ..Options::plain()
    };
    let renderer = render::renderer(render_format(format));
    match &cli.command {
        Command::At {
            date,
            units,
            unit,
            depth,
        } => {
            let day = date.unwrap_or(today);
            let scope = match unit {
                Some(name) => match find_on(&history, name, day, err)? {
                    Found::Unit(u) => Some(u),
                    other => {
                        return Err(usage(format!(
                            "--unit takes a unit, but '{name}' is the {} '{}'",
                            other.noun(),
                            other.key(&history)
                        )));
                    }
                },
                None => None,
            };
            let mut view = query::at(&history, day, scope);
            view.depth = *depth;
            if let Some(u) = scope
                && !view.state.unit_exists(u)
            {
                anyhow::bail!("unit '{}' does not exist on {day}", history.unit(u).key);
            }
            options.units = *units;
            renderer.at(out, &view, &options)?;
        }
        Command::Diff {
            from,
            to,
            stat,
            units,
            people,
        } => {
            let (from, to) = diff_range(&history, from.as_deref(), to.as_deref(), today)?;
            let d = query::diff(&history, from, to);
            options.units = *units;
            options.people = *people;
            if *stat {
                renderer.diff_stat(out, &d, &options)?;
            } else {
                renderer.diff(out, &d, &options)?;
            }
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
            // --depth N implies --all.
            let all = *all || depth.is_some();
            let mut rep = if *dotted {
                query::who_reports_dotted(&history, found, day)
            } else {
                query::who_reports_to(&history, found, day, all)
            }
            .with_context(|| format!("cannot list who reports to '{name}'"))?;
            if let Some(n) = depth {
                rep.limit_depth(*n);
            }
            options.all = all;
            renderer.reports(out, &rep, &options)?;
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
        // Handled above.
        Command::Check { .. } | Command::Completions { .. } | Command::Man { .. } => {}
    }
    out.flush()?;
    // The process ends now: freeing a large history piece by piece would
    // take longer than the query did.
    std::mem::forget(history);
    Ok(())
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
    source: &DataSource,
    strict: bool,
    known_at: Option<NaiveDate>,
    today: NaiveDate,
    format: Format,
) -> anyhow::Result<()> {
    let history = if strict || known_at.is_some() {
        // Warnings quote the files: keep their texts.
        let Loaded { history, sources } = match known_at {
            None => load::load_keeping_sources(read(source)?)?,
            Some(day) => load_known_at(source, day, err)?,
        };
        let diagnostics = if strict {
            crate::check::lint::strict(&history, today)
        } else {
            Vec::new()
        };
        if !diagnostics.is_empty() {
            return Err(StrictWarnings(DataErrors::new(diagnostics, sources)).into());
        }
        history
    } else {
        // `check` always reads the files.
        load(source, false)?
    };
    let s = query::summary(&history);
    render::renderer(render_format(format)).check(out, &s, &Options::plain())?;
    out.flush()?;
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
