//! `stats`: the range, periods, scope and grouping from the command
//! line, then the query and its renderer.

use std::io::Write;

use chrono::NaiveDate;

use super::{unit_on, usage};
use crate::query::{self, StatsBy};
use crate::render::{Options, Renderer};
use crate::timeline::History;

/// The options of `stats`, as parsed.
pub(super) struct StatsArgs<'a> {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub every: crate::cli::Every,
    pub by: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub depth: Option<usize>,
}

/// `orgctl stats`.
pub(super) fn stats(
    history: &History,
    args: StatsArgs,
    today: NaiveDate,
    renderer: &dyn Renderer,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut ask = stats_ask(args.from, args.to, args.every, today)?;
    ask.by = match (args.by, args.depth) {
        (None, None) => StatsBy::Whole,
        // --depth N implies --by unit.
        (None | Some("unit"), _) => StatsBy::Unit,
        (Some(key), Some(_)) => {
            return Err(usage(format!(
                "--depth counts levels of the unit tree; it does not go with --by {key}\n  help: drop --depth, or use --by unit"
            )));
        }
        (Some(key), None) => StatsBy::Attribute(attribute(history, key, err)?),
    };
    ask.scope = match args.unit {
        Some(name) => Some(unit_on(history, name, ask.to, err)?),
        None => None,
    };
    ask.depth = args.depth;
    let s = query::stats(history, ask);
    if let Some(u) = s.ask.scope
        && s.rows.is_empty()
        && !s.ends.is_empty()
        && !s
            .ends
            .iter()
            .any(|&e| query::State::new(history, e).unit_exists(u))
    {
        anyhow::bail!(
            "unit '{}' does not exist on any period end from {} to {}; `orgctl history {}` shows when it existed",
            history.unit(u).key,
            s.ask.from,
            s.ask.to,
            history.unit(u).key
        );
    }
    renderer.stats(out, &s, options)?;
    Ok(())
}

/// `--by KEY`: an attribute key, with a note when no person or role of
/// the data has it.
fn attribute(history: &History, key: &str, err: &mut dyn Write) -> anyhow::Result<String> {
    if key.trim().is_empty() {
        return Err(usage(
            "--by takes `unit` or an attribute key, e.g. --by level".into(),
        ));
    }
    let mut keys: Vec<&str> = history
        .people
        .iter()
        .flat_map(|p| p.attributes.keys())
        .chain(history.roles.iter().flat_map(|r| r.rare.attributes.keys()))
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    if !keys.contains(&key) {
        let known = match keys.is_empty() {
            true => "no person or role has an attribute".to_string(),
            false => format!(
                "the attributes of people and roles are: {}",
                keys.join(", ")
            ),
        };
        writeln!(
            err,
            "note: no person or role has the attribute '{key}': every row is the group without one; {known}"
        )?;
    }
    Ok(key.to_string())
}

/// The range and periods of `stats`, from its flags.
fn stats_ask(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    every: crate::cli::Every,
    today: NaiveDate,
) -> anyhow::Result<query::StatsAsk> {
    let every = match every {
        crate::cli::Every::Month => query::Every::Month,
        crate::cli::Every::Quarter => query::Every::Quarter,
        crate::cli::Every::Year => query::Every::Year,
    };
    let to = to.unwrap_or(today);
    let from = match from {
        Some(d) => d,
        None => {
            let mut end = every.end_of(to);
            if end > to {
                end = every.end_before(end);
            }
            (0..11).fold(end, |e, _| every.end_before(e))
        }
    };
    if from > to {
        return Err(usage(format!(
            "--from ({from}) is after --to ({to}); give the earlier period to --from"
        )));
    }
    Ok(query::StatsAsk::new(from, to, every))
}
