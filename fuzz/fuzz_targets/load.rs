//! Fuzz target for the loader: arbitrary bytes, split into one to three
//! data files, loaded, and — when they load — queried and rendered the way
//! the CLI does (every command). Nothing here may panic, hang or overflow the stack,
//! whatever the input.
//!
//! Input layout: the bytes are split on 0xFF (a byte that never occurs in
//! UTF-8) into at most three files; invalid UTF-8 in a file is replaced
//! lossily, as a user's editor might.

#![no_main]

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use orgctl::load::{self, LoadError, LoadOptions, Loaded};
use orgctl::query::{self, Found};
use orgctl::render::chart::{dot, mermaid};
use orgctl::render::{Options, Renderer, Style, csv, json, text};
use orgctl::timeline::History;

/// Separates the files of one input.
const SEPARATOR: u8 = 0xFF;
/// How many records of each kind are asked about, so that a large input
/// does not make one execution slow.
const MAX_ASKED: usize = 4;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let files: Vec<(PathBuf, String)> = data
        .splitn(3, |&b| b == SEPARATOR)
        .enumerate()
        .map(|(i, bytes)| {
            (
                PathBuf::from(format!("fuzz/file{i}.toml")),
                String::from_utf8_lossy(bytes).into_owned(),
            )
        })
        .collect();
    let mut out: Vec<u8> = Vec::new();
    // `--known-at`: the same files as they stood on a day, which leaves out
    // events and what they create.
    let known_at = NaiveDate::from_ymd_opt(2023, 4, 1).expect("a valid date");
    match load::load_with(
        files.clone(),
        &LoadOptions {
            known_at: Some(known_at),
            ..LoadOptions::default()
        },
    ) {
        Ok(Loaded { history, .. }) => queries(&history, &mut out),
        Err(LoadError::Data(d)) => out.extend_from_slice(d.render(false).as_bytes()),
        Err(e) => out.extend_from_slice(e.to_string().as_bytes()),
    }
    // Keeping the texts or not, the load builds the same history, and
    // fails where the other fails.
    let careful = load::load_keeping_sources(files.clone());
    let fast = load::load_texts(files);
    match (&careful, &fast) {
        (Ok(c), Ok(f)) => assert_eq!(format!("{:?}", c.history), format!("{f:?}")),
        (Err(_), Err(_)) => {}
        _ => panic!("the loads with and without texts disagree"),
    }
    match careful {
        Ok(Loaded { history, sources }) => {
            queries(&history, &mut out);
            // `check --strict`: warnings render like load errors.
            let today = NaiveDate::from_ymd_opt(2024, 6, 1).expect("a valid date");
            let diagnostics = orgctl::check::lint::strict(&history, today);
            if !diagnostics.is_empty() {
                let warnings = orgctl::check::diag::DataErrors::new(diagnostics, sources);
                out.extend_from_slice(warnings.render(false).as_bytes());
                out.extend_from_slice(warnings.to_json().to_string().as_bytes());
            }
            json::check(&mut out, &query::summary(&history)).expect("write to a Vec");
            text::check(&mut out, &query::summary(&history)).expect("write to a Vec");
        }
        Err(LoadError::Data(d)) => {
            out.extend_from_slice(d.render(false).as_bytes());
            out.extend_from_slice(d.render(true).as_bytes());
            out.extend_from_slice(d.to_json().to_string().as_bytes());
        }
        Err(e) => out.extend_from_slice(e.to_string().as_bytes()),
    }
    std::hint::black_box(&out);
}

/// `chain`, `history`, `why`, `show` and `log --about` for one record on
/// one day, in every format each takes.
fn explore(h: &History, index: &query::Index, found: Found, day: NaiveDate, out: &mut Vec<u8>) {
    let plain = Style::plain();
    let color = Style {
        color: true,
        terminal: false,
    };
    match query::chain(h, found, day) {
        Ok(c) => {
            text::chain(out, &c, &plain).expect("write to a Vec");
            json::chain(out, &c).expect("write to a Vec");
            csv::chain(out, &c).expect("write to a Vec");
        }
        Err(e) => {
            let _ = write!(out, "{e}");
        }
    }
    let rh = query::history(h, index, found);
    text::history(out, &rh, &color).expect("write to a Vec");
    json::history(out, &rh).expect("write to a Vec");
    csv::history(out, &rh).expect("write to a Vec");
    let w = query::why(h, index, found, day);
    text::why(out, &w, &plain).expect("write to a Vec");
    json::why(out, &w).expect("write to a Vec");
    let card = query::show(h, index, found, day);
    text::show(out, &card, &color).expect("write to a Vec");
    json::show(out, &card).expect("write to a Vec");
    let about = query::log(h, index, None, None, &[found]);
    text::log(out, &about, false, &plain).expect("write to a Vec");
    json::log(out, &about).expect("write to a Vec");
    csv::log(out, &about).expect("write to a Vec");
}

/// `at`, `diff` and `who-reports-to` on a few days, in every format.
fn queries(h: &History, out: &mut Vec<u8>) {
    let plain = Style::plain();
    let color = Style {
        color: true,
        terminal: false,
    };
    let mut days = vec![
        NaiveDate::from_ymd_opt(2023, 5, 10).expect("a valid date"),
        NaiveDate::from_ymd_opt(2022, 1, 1).expect("a valid date"),
    ];
    // The edges of the recorded history, where off-by-one days hide.
    if let (Some(first), Some(last)) = (h.events.first(), h.events.last()) {
        days.push(first.date.first_day());
        days.push(last.date.last_day());
        if let Some(before) = first.date.first_day().pred_opt() {
            days.push(before);
        }
    }
    days.sort();
    days.dedup();

    let units = Options {
        units: true,
        ..Options::plain()
    };
    let index = query::Index::new(h);
    for &day in &days {
        let mut view = query::at(h, day, None);
        text::at(out, &view, false, &plain).expect("write to a Vec");
        text::at(out, &view, true, &color).expect("write to a Vec");
        json::at(out, &view).expect("write to a Vec");
        for depth in [None, Some(1), Some(2)] {
            view.depth = depth;
            for o in [&Options::plain(), &units] {
                for r in [&csv::Csv as &dyn Renderer, &dot::Dot, &mermaid::Mermaid] {
                    r.at(out, &view, o).expect("write to a Vec");
                }
            }
            json::at(out, &view).expect("write to a Vec");
        }
        // `at --unit`: the CLI only renders a unit that exists on the day.
        for u in (0..h.units.len().min(MAX_ASKED)).map(orgctl::ids::UnitId::new) {
            let view = query::at(h, day, Some(u));
            if view.state.unit_exists(u) {
                text::at(out, &view, false, &plain).expect("write to a Vec");
                json::at(out, &view).expect("write to a Vec");
            }
        }
        let asked = (0..h.people.len().min(MAX_ASKED))
            .map(|i| Found::Person(orgctl::ids::PersonId::new(i)))
            .chain(
                (0..h.roles.len().min(MAX_ASKED)).map(|i| Found::Role(orgctl::ids::RoleId::new(i))),
            )
            .chain(
                (0..h.units.len().min(MAX_ASKED)).map(|i| Found::Unit(orgctl::ids::UnitId::new(i))),
            );
        for found in asked.clone() {
            explore(h, &index, found, day, out);
        }
        for found in asked {
            for all in [false, true] {
                match query::who_reports_to(h, found, day, all) {
                    Ok(mut rep) => {
                        text::reports(out, &rep, all, &plain).expect("write to a Vec");
                        json::reports(out, &rep).expect("write to a Vec");
                        csv::reports(out, &rep).expect("write to a Vec");
                        rep.limit_depth(1);
                        text::reports(out, &rep, all, &plain).expect("write to a Vec");
                    }
                    Err(e) => {
                        let _ = write!(out, "{e}");
                    }
                }
            }
        }
    }
    // `log`, whole and bounded by the days.
    for (i, &from) in days.iter().enumerate() {
        for &to in &days[i..] {
            let log = query::log(h, &index, Some(from), Some(to), &[]);
            orgctl::render::text::log(out, &log, false, &plain).expect("write to a Vec");
            orgctl::render::json::log(out, &log).expect("write to a Vec");
            csv::log(out, &log).expect("write to a Vec");
        }
    }
    let log = query::log(h, &index, None, None, &[]);
    orgctl::render::text::log(out, &log, true, &plain).expect("write to a Vec");
    // Every ordered pair of days, as `diff FROM TO` requires FROM <= TO.
    for (i, &from) in days.iter().enumerate() {
        for &to in &days[i..] {
            let d = query::diff(h, from, to);
            text::diff(out, &d, false, &plain).expect("write to a Vec");
            json::diff(out, &d).expect("write to a Vec");
            text::diff_stat(out, &d, &plain).expect("write to a Vec");
            json::diff_stat(out, &d).expect("write to a Vec");
            csv::diff(out, &d).expect("write to a Vec");
            csv::diff_stat(out, &d).expect("write to a Vec");
            for o in [&Options::plain(), &units] {
                dot::Dot.diff(out, &d, o).expect("write to a Vec");
                mermaid::Mermaid.diff(out, &d, o).expect("write to a Vec");
            }
        }
    }
    // Name lookup, as every command that takes a NAME does it.
    for name in ["zhang", "Chief Executive Officer", "a", ""] {
        match query::find(h, name) {
            Ok(found) => {
                let _ = found.display_name(h);
            }
            Err(e) => {
                let _ = write!(out, "{e}");
            }
        }
    }
    for p in h.people.iter().take(MAX_ASKED) {
        let _ = query::find(h, &p.name);
    }
}
