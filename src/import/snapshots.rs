//! `orgctl import snapshots`: dated CSV snapshots of an organisation (one
//! row per person) into a data folder. The first snapshot's state is
//! declared as of its date (records with `since` and `holder`); between
//! two snapshots, one event per person or unit whose situation changed,
//! dated with the window between the two dates and citing the snapshot
//! (`plan.rs`). A folder an import wrote is continued from its replayed
//! history on the last snapshot's date (`state.rs`): only later snapshots
//! are added. docs/import.md has the rules.

mod emit;
pub mod ids;
pub mod movement;
mod plan;
mod posts;
pub mod read;
pub mod state;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

pub use read::{Keyed, SnapField};

use super::{ImportError, Target, Warnings};
use crate::write::{Append, records_file};
use movement::Movement;
use state::{Folder, State};

/// `import snapshots`, resolved from its command line.
#[derive(Debug)]
pub struct Options {
    /// The snapshots, by date (no two of one date).
    pub files: Vec<(NaiveDate, PathBuf)>,
    pub maps: Vec<(SnapField, String)>,
    /// What a row is.
    pub key: Keyed,
    /// Holder cells that mean a vacancy, and a holder not recorded
    /// (post-keyed snapshots).
    pub vacant: Vec<String>,
    pub unrecorded: Vec<String>,
    pub out: PathBuf,
    pub dry_run: bool,
    /// Write the folder afresh from these snapshots alone, replacing its
    /// data files.
    pub rebuild: bool,
}

/// A snapshot argument's date and file: `DATE=FILE`, or a FILE whose
/// name holds a `YYYY-MM-DD` (the last one in it).
pub fn file_date(arg: &str) -> Result<(NaiveDate, PathBuf), String> {
    if let Some((date, file)) = arg.split_once('=')
        && let Ok(d) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
    {
        return Ok((d, PathBuf::from(file)));
    }
    let path = PathBuf::from(arg);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let b = name.as_bytes();
    let found = (0..b.len().saturating_sub(9)).rev().find_map(|i| {
        let s = name.get(i..i + 10)?;
        let shape = s.bytes().enumerate().all(|(k, c)| match k {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        shape
            .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .flatten()
    });
    match found {
        Some(d) => Ok((d, path)),
        None => Err(format!(
            "cannot tell the date of the snapshot '{arg}': its name holds no YYYY-MM-DD\n  help: write the argument DATE=FILE, e.g. 2024-03-31={arg}"
        )),
    }
}

/// Reads the snapshots, plans what they add to `--out`, writes it (or
/// prints it) and prints the movement table of each snapshot added.
pub fn run(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<()> {
    let mut warnings = Warnings::default();
    let mut notes = Vec::new();
    let planned = plan(opts, &mut warnings, &mut notes);
    // What was read, and its problems, even when the import stops.
    for n in &notes {
        writeln!(err, "{n}")?;
    }
    warnings.print(err)?;
    let Planned {
        target,
        files,
        tables,
        skipped,
    } = planned?;
    for s in &skipped {
        writeln!(err, "{s}")?;
    }
    if files.is_empty() {
        return Ok(());
    }
    match opts.rebuild {
        true => target.replace(&files.into_iter().collect::<Vec<_>>(), out, err)?,
        false => {
            let appends: Vec<Append> = files
                .into_iter()
                .map(|(file, text)| Append { file, text })
                .collect();
            target.commit(&appends, out, err)?
        }
    }
    let table: &mut dyn Write = match opts.dry_run {
        true => err,
        false => out,
    };
    for (i, m) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(table)?;
        }
        write!(table, "{}", m.text())?;
    }
    table.flush()?;
    Ok(())
}

/// What an import will write, and report.
struct Planned {
    target: Target,
    /// Each file's text to append.
    files: BTreeMap<PathBuf, String>,
    /// The movement of each snapshot added.
    tables: Vec<Movement>,
    /// The snapshots in the folder already.
    skipped: Vec<String>,
}

/// Reads the snapshots and the folder, and plans what to write.
fn plan(
    opts: &Options,
    warnings: &mut Warnings,
    notes: &mut Vec<String>,
) -> anyhow::Result<Planned> {
    let how = read::Reading {
        key: opts.key,
        maps: &opts.maps,
        vacant: &opts.vacant,
        unrecorded: &opts.unrecorded,
    };
    let mut snaps = Vec::new();
    for (date, file) in &opts.files {
        let text = super::read_input(file, "snapshot")?;
        snaps.push(read::read(file, *date, &text, &how, warnings, notes)?);
    }
    let target = Target::open(&opts.out, opts.dry_run)?;
    let history = match opts.rebuild {
        true => None,
        false => target.history()?,
    };
    let cited = history.as_ref().map(state::cited_dates).unwrap_or_default();
    let (mut prev, mut folder) = match (&history, cited.last()) {
        (None, _) => (None, Folder::default()),
        (Some(_), None) => anyhow::bail!(
            "--out {} holds data no snapshot import wrote (no source cites a snapshot)\n  help: give a new folder, or one `orgctl import snapshots` wrote",
            opts.out.display()
        ),
        (Some(h), Some(&last)) => {
            let (state, folder) = recover(h, last, opts.key);
            (Some((last, state)), folder)
        }
    };
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut tables = Vec::new();
    let mut skipped = Vec::new();
    for (snap, (_, path)) in snaps.iter().zip(&opts.files) {
        if let (Some(h), Some((last, _))) = (&history, &prev)
            && snap.date <= *last
        {
            let Some(_) = cited.get(&snap.date) else {
                return Err(ImportError::at(
                    path,
                    0,
                    format!(
                        "this snapshot is dated {}, before the last one imported into {} ({last})\n  help: import snapshots in date order, or write the folder afresh from all of them with --rebuild",
                        snap.date,
                        opts.out.display()
                    ),
                )
                .into());
            };
            // Read as it was when imported: after the snapshot before it.
            let (then, _) = recover(h, snap.date, opts.key);
            let (before, gone) = match cited.range(..snap.date).next_back() {
                Some(&d) => {
                    let (state, folder) = recover(h, d, opts.key);
                    (Some(state), folder.gone)
                }
                None => (None, Default::default()),
            };
            let mut quiet = Warnings::default();
            if State::of(snap, before.as_ref(), &gone, path, &mut quiet) != then {
                return Err(ImportError::at(
                    path,
                    0,
                    format!(
                        "a snapshot of {} was imported into {} already, and this one differs from it\n  help: a snapshot is final once imported; import later snapshots only",
                        snap.date,
                        opts.out.display()
                    ),
                )
                .into());
            }
            skipped.push(format!(
                "{}: the snapshot of {} is in {} already: nothing to add",
                path.display(),
                snap.date,
                opts.out.display()
            ));
            continue;
        }
        let before = prev.as_ref().map(|(_, s)| s);
        let next = State::of(snap, before, &folder.gone, path, warnings);
        let texts = match &prev {
            Some((last, state)) => plan::changes(
                state,
                &next,
                (*last, snap.date),
                &snap.cite,
                opts.key,
                &mut folder,
            ),
            None => plan::declare(&next, snap.date, &snap.cite, opts.key, &mut folder),
        };
        tables.push(match opts.key {
            Keyed::Person => {
                Movement::between(prev.as_ref().map(|(d, s)| (*d, s)), snap.date, &next)
            }
            Keyed::Post => {
                let before = prev.as_ref().map(|(d, s)| (*d, posts::holders(s)));
                Movement::between(
                    before.as_ref().map(|(d, s)| (*d, s)),
                    snap.date,
                    &posts::holders(&next),
                )
            }
        });
        let events = target.path(&format!("events/{}.toml", snap.date));
        for (file, text) in [
            (
                records(&target, opts, "[[unit]]", "units.toml"),
                texts.units,
            ),
            (
                records(&target, opts, "[[role]]", "roles.toml"),
                texts.roles,
            ),
            (
                records(&target, opts, "[[person]]", "people.toml"),
                texts.people,
            ),
            (events, texts.events),
        ] {
            if !text.is_empty() {
                files.entry(file).or_default().push_str(&text);
            }
        }
        prev = Some((snap.date, next));
    }
    Ok(Planned {
        target,
        files,
        tables,
        skipped,
    })
}

/// The state of `history` on `day`, of people or posts, and the folder.
fn recover(history: &crate::timeline::History, day: NaiveDate, key: Keyed) -> (State, Folder) {
    let (mut state, mut folder) = state::recover(history, day, key);
    if key == Keyed::Post {
        posts::recover(history, day, &mut state, &mut folder);
    }
    (state, folder)
}

/// The file records of `header` are appended to: the folder's, or, in a
/// new or rebuilt folder, `fallback`.
fn records(target: &Target, opts: &Options, header: &str, fallback: &str) -> PathBuf {
    match opts.rebuild {
        true => target.path(fallback),
        false => records_file(&target.dir, &target.files, header, fallback),
    }
}
