//! A deterministic generator of realistic organisation histories, for
//! benchmarks and scale tests (`cargo run --release -p orgctl-synth`).
//!
//! The generator simulates the organisation month by month and only writes
//! changes that are valid in its own model of the state, so everything it
//! writes passes `orgctl check`. The shape: a unit tree about six levels
//! deep with spans of control of 5-12, one head role per unit and 4-11
//! other roles in each team; hires, departures, promotions, transfers
//! (with or without the role), acting appointments and their resolution,
//! vacancies, reporting-line changes, retitled roles, attributes, new and
//! eliminated roles, and now and then a reorganisation that creates,
//! dissolves into a sibling, moves and renames units. About 3% of events
//! have an imprecise date; every event has a title and a source.
//!
//! Files are split as a data repository would be: `units.toml`,
//! `roles/NN.toml`, `people/NN.toml`, and events one file per month
//! (`events/YYYY/MM.toml`, for 10,000 people and more) or per year
//! (`events/YYYY.toml`).
//!
//! That is the default [`Shape`]; the others write the histories other
//! keepers write (see [`Shape`]): an HR system's export (`hr`), a
//! newsroom's record of a few executives (`news`), a unit chain as deep
//! as a mis-mapped manager column makes it (`deep`), and everything side
//! by side (`wide`).

mod deep;
mod generator;
mod model;
mod names;
mod pool;
mod rng;
mod wide;

use std::path::{Path, PathBuf};

pub use deep::depth as deep_depth;
use generator::Gen;
pub use wide::width as wide_width;

/// The shape of a history: who keeps it and how they write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// The simulated company, written by hand: an id, a title that says
    /// what happened and a source on every event, about 3% of dates
    /// imprecise.
    #[default]
    Default,
    /// The same company as an HR system exports it: events without ids,
    /// titled with one of a dozen words ("Hire", "Departure",
    /// "Transfer"...), every change of a month dated on its first day, one
    /// events file per year, people's ids made from their e-mail
    /// addresses (`ana.silva.1234.example-corp.com`).
    Hr,
    /// A newsroom's record: a company of tens to hundreds of people
    /// (about 1.5 × the square root of `people`) with as many events as
    /// the default shape, most of them attributes of people (`set`);
    /// long titles, sources that are URLs with quotes, and dates as news
    /// gives them: `"2023-05"`, `"2023~"`, `"2023-05-10?"`, windows
    /// `"2023-01-31/2023-02-28"`.
    News,
    /// A chain of units, each under the one before, each with a head
    /// (everyone reports to the person above: a manager column mapped one
    /// row off), as deep as `people` (at most 50,000), and a few events a
    /// month.
    Deep,
    /// Everything side by side: as many teams as `people` under one unit,
    /// all named "Team", as many roles titled "Engineer", and one day's
    /// reorganisation of as many events without ids, all titled
    /// "Reorganisation" and citing one memo.
    Wide,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Default,
        Shape::Hr,
        Shape::News,
        Shape::Deep,
        Shape::Wide,
    ];

    /// The shape of a name (`default`, `hr`, `news`, `deep`, `wide`).
    pub fn named(name: &str) -> Option<Shape> {
        Shape::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Default => "default",
            Shape::Hr => "hr",
            Shape::News => "news",
            Shape::Deep => "deep",
            Shape::Wide => "wide",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Headcount (people holding a role at any time, roughly constant).
    pub people: usize,
    /// Years of history; about half an event per person and year.
    pub years: u32,
    pub seed: u64,
    /// The first year of events.
    pub start_year: i32,
    /// HR snapshots to write: one CSV at each of the last N month ends
    /// (`snapshots/hr-YYYY-MM-DD.csv`), for `orgctl import snapshots`.
    pub snapshots: usize,
    /// How the history is kept and written.
    pub shape: Shape,
}

impl Params {
    /// The standard sizes: `S` (1,000 people, about 10,000 events), `M`
    /// (10,000 people, about 100,000 events), `L` (100,000 people, about
    /// 1,000,000 events); 20 years, seed 7.
    pub fn size(name: &str) -> Option<Params> {
        let people = match name.to_ascii_uppercase().as_str() {
            "XS" => 100,
            "S" => 1_000,
            "M" => 10_000,
            "L" => 100_000,
            _ => return None,
        };
        Some(Params {
            people,
            ..Params::default()
        })
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            people: 1_000,
            years: 20,
            seed: 7,
            start_year: 2005,
            snapshots: 0,
            shape: Shape::Default,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub bytes: usize,
    pub units: usize,
    pub roles: usize,
    pub people: usize,
    pub events: usize,
    pub changes: usize,
    /// A person to ask about: one who holds a role at the end, with
    /// people under them and above them (for `chain`, `show`,
    /// `who-reports-to` and `history` in the benchmarks).
    pub person: String,
}

/// Generates the history: file paths (relative) and their text.
pub fn generate(p: &Params) -> (Vec<(PathBuf, String)>, Stats) {
    match p.shape {
        Shape::Deep => return deep::generate(p),
        Shape::Wide => return wide::generate(p),
        _ => {}
    }
    let mut g = Gen::new(p);
    g.initial();
    g.simulate();
    g.finish()
}

/// Generates the history into `dir` (created if missing).
pub fn write(p: &Params, dir: &Path) -> std::io::Result<Stats> {
    let (files, stats) = generate(p);
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files() {
        let p = Params {
            people: 200,
            years: 3,
            ..Params::default()
        };
        let (a, sa) = generate(&p);
        let (b, sb) = generate(&p);
        assert_eq!(sa, sb);
        assert!(a == b);
        let (c, _) = generate(&Params { seed: 8, ..p });
        assert!(a != c);
    }

    #[test]
    fn snapshots_are_the_last_month_ends_with_a_row_per_person() {
        let p = Params {
            people: 200,
            years: 3,
            snapshots: 4,
            ..Params::default()
        };
        let (files, _) = generate(&p);
        let snaps: Vec<&(PathBuf, String)> = files
            .iter()
            .filter(|(f, _)| f.starts_with("snapshots"))
            .collect();
        let names: Vec<String> = snaps.iter().map(|(f, _)| f.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "snapshots/hr-2007-09-30.csv",
                "snapshots/hr-2007-10-31.csv",
                "snapshots/hr-2007-11-30.csv",
                "snapshots/hr-2007-12-31.csv"
            ]
        );
        let text = &snaps[3].1;
        assert!(
            text.starts_with(
                "Employee Id,Name,Job Title,Department,Parent Department,Manager Id\n"
            )
        );
        let rows = text.lines().count() - 1;
        assert!((200..=500).contains(&rows), "{rows} rows");
        // The first rows are the chief executive, a top, and people under them.
        assert!(text.lines().skip(1).any(|l| l.ends_with(',')));
        assert!(text.lines().skip(1).filter(|l| !l.ends_with(',')).count() > rows / 2);
    }
}
