//! Resolves the command line into plain values (data folder, dates,
//! format, colour), runs the query and hands the result to a renderer.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use crate::cli::{Cli, ColorChoice, Command, Format};
use crate::codes::Code;
use crate::dates::parse_query_date;
use crate::diag::DataErrors;
use crate::load::{self, LoadError, Loaded};
use crate::query::{self, Found};
use crate::render::{Style, json, text};
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
        DataSource::Bundled => Ok(crate::bundled::files()),
    }
}

/// The replayed history of a data source (see [`load::load_folder`]),
/// from the cache of replayed histories when `cache` and it is fresh.
pub fn load(source: &DataSource, cache: bool) -> Result<History, LoadError> {
    match source {
        DataSource::Folder(dir) => crate::cache::load(dir, cache),
        DataSource::Bundled => load::load_texts(crate::bundled::files()),
    }
}

/// Colour on `stream` for `choice`: `auto` means a terminal and no `NO_COLOR`.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
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

/// Runs one command, writing its output to `out` and notices to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    if let Command::Check {
        explain: Some(code),
        ..
    } = &cli.command
    {
        return explain(out, code);
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
        return check(out, &source, *strict, today, cli.global.format);
    }
    let history = load(&source, !cli.global.no_cache)?;
    let style = Style {
        color: use_color(cli.global.color, std::io::stdout().is_terminal()),
        terminal: std::io::stdout().is_terminal(),
    };
    let format = cli.global.format;
    match &cli.command {
        Command::At { date, units, unit } => {
            let day = date.unwrap_or(today);
            let scope = match unit {
                Some(name) => match find(&history, name)? {
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
            let view = query::at(&history, day, scope);
            if let Some(u) = scope
                && !view.state.unit_exists(u)
            {
                anyhow::bail!("unit '{}' does not exist on {day}", history.unit(u).key);
            }
            match format {
                Format::Table => text::at(out, &view, *units, &style)?,
                Format::Json => json::at(out, &view)?,
            }
        }
        Command::Diff { from, to } => {
            let (from, to) = diff_range(&history, from.as_deref(), to.as_deref(), today)?;
            let d = query::diff(&history, from, to);
            match format {
                Format::Table => text::diff(out, &d, &style)?,
                Format::Json => json::diff(out, &d)?,
            }
        }
        Command::WhoReportsTo { name, at, all } => {
            let day = at.unwrap_or(today);
            let found = find(&history, name)?;
            let rep = query::who_reports_to(&history, found, day, *all)
                .with_context(|| format!("cannot list who reports to '{name}'"))?;
            match format {
                Format::Table => text::reports(out, &rep, *all, &style)?,
                Format::Json => json::reports(out, &rep)?,
            }
        }
        // Handled above, before the history is built.
        Command::Check { .. } => {}
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
    source: &DataSource,
    strict: bool,
    today: NaiveDate,
    format: Format,
) -> anyhow::Result<()> {
    let history = if strict {
        // Warnings quote the files: keep their texts.
        let Loaded { history, sources } = load::load_keeping_sources(read(source)?)?;
        let diagnostics = crate::lint::strict(&history, today);
        if !diagnostics.is_empty() {
            return Err(StrictWarnings(DataErrors::new(diagnostics, sources)).into());
        }
        history
    } else {
        // `check` always reads the files.
        load(source, false)?
    };
    let s = query::summary(&history);
    match format {
        Format::Table => text::check(out, &s)?,
        Format::Json => json::check(out, &s)?,
    }
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
        Some(c) => write!(out, "{}", c.explain())?,
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
    let color = use_color(cli.global.color, std::io::stderr().is_terminal());
    let message = match (data_problems(e), cli.global.format) {
        (Some(p), Format::Json) => {
            let _ = serde_json::to_writer_pretty(&mut *out, &p.to_json());
            let _ = writeln!(out);
            // The details went to stdout: only the count here.
            let text = p.render(color);
            text.lines().last().unwrap_or_default().to_string()
        }
        (Some(p), Format::Table) => p.render(color),
        (None, _) => {
            let label = if color {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            // Paths and names in the message come from the user's files.
            format!("{label}: {}", crate::diag::escape(&format!("{e:#}")))
        }
    };
    let _ = writeln!(err, "{message}");
}
