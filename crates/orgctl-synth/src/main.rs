//! `gen`: writes a synthetic organisation history (see the library,
//! `orgctl_synth`):
//!
//! ```sh
//! cargo run --release -p orgctl-synth -- --size M --out /tmp/org-m
//! cargo run --release -p orgctl-synth -- --people 100000 --years 20 --seed 7 --out DIR
//! cargo run --release -p orgctl-synth -- --size M --years 5 --snapshots 60 --out DIR
//! cargo run --release -p orgctl-synth -- --size L --shape hr --out DIR
//! ```
//!
//! `--snapshots N` also writes an HR snapshot (CSV, a row per person) at
//! each of the last N month ends, under `DIR/snapshots/`.
//!
//! Sizes: XS (100 people), S (1,000 people, about 10,000 events), M (10,000
//! people, about 100,000 events), L (100,000 people, about 1,000,000
//! events). Shapes (`--shape`, see `orgctl_synth::Shape`): `default`, `hr`
//! (an HR system's export), `news` (a newsroom's record of a few people),
//! `deep` (a chain of units as deep as the people, at most 50,000), `wide`
//! (as many teams side by side as people, reorganised in one day). Prints
//! one line of counts, ending with a person to ask about.

use std::path::PathBuf;
use std::process::ExitCode;

use orgctl_synth::{self as synth, Params, Shape};

const USAGE: &str = "usage: gen [--size XS|S|M|L] [--shape default|hr|news|deep|wide] [--people N] [--years Y] [--seed S] [--start-year YYYY] [--snapshots N] --out DIR";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut p = Params::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let num = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--size" => {
                let v = value()?;
                let sized = Params::size(&v).ok_or(format!("unknown size {v}"))?;
                p.people = sized.people;
            }
            "--shape" => {
                let v = value()?;
                p.shape = Shape::named(&v).ok_or(format!("unknown shape {v}"))?;
            }
            "--people" => p.people = num(value()?)?.max(1) as usize,
            "--years" => p.years = num(value()?)?.clamp(1, 200) as u32,
            "--seed" => p.seed = num(value()?)?,
            "--start-year" => p.start_year = num(value()?)?.clamp(1000, 9000) as i32,
            "--snapshots" => p.snapshots = num(value()?)? as usize,
            "--out" => out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    let s = synth::write(&p, &out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "{}: {} files, {} bytes, {} units, {} roles, {} people, {} events, {} changes; a person to ask about: {}",
        out.display(),
        s.files,
        s.bytes,
        s.units,
        s.roles,
        s.people,
        s.events,
        s.changes,
        s.person
    );
    Ok(())
}
