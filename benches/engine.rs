//! Benchmarks of the engine on generated histories (`orgctl_synth`): load
//! and replay, and each query with its text rendering, on the standard
//! sizes S (about 10,000 events) and M (about 100,000 events).
//!
//! ```sh
//! cargo bench                      # everything
//! cargo bench -- load              # only load + replay
//! ```
//!
//! `bench/run.sh` measures the whole binary on S, M and L instead, beside
//! the time it takes just to parse the same files.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use divan::Bencher;

use orgctl::load;
use orgctl::query::{self, Found};
use orgctl::render::{Style, text};
use orgctl::timeline::History;
use orgctl_synth::{self as synth, Params};

fn main() {
    divan::main();
}

const SIZES: [&str; 2] = ["S", "M"];

type Files = Vec<(PathBuf, String)>;

/// The generated files of a size, made once.
fn files(size: &str) -> &'static Files {
    static S: OnceLock<Files> = OnceLock::new();
    static M: OnceLock<Files> = OnceLock::new();
    let cell = if size == "S" { &S } else { &M };
    cell.get_or_init(|| synth::generate(&Params::size(size).expect("a size")).0)
}

/// The replayed history of a size, made once.
fn history(size: &str) -> &'static History {
    static S: OnceLock<History> = OnceLock::new();
    static M: OnceLock<History> = OnceLock::new();
    let cell = if size == "S" { &S } else { &M };
    cell.get_or_init(|| load::load_texts(files(size).clone()).expect("valid data"))
}

/// The generated histories run from 2005 to the end of 2024.
fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

const PLAIN: Style = Style {
    color: false,
    terminal: false,
};

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_and_replay(bencher: Bencher, size: &str) {
    let files = files(size);
    bencher
        .with_inputs(|| files.clone())
        .bench_values(|f| load::load_texts(f).expect("valid data"));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn at(bencher: Bencher, size: &str) {
    let h = history(size);
    bencher.bench(|| {
        let view = query::at(h, day(2024, 12, 31), None);
        text::at(&mut std::io::sink(), &view, false, &PLAIN).expect("rendered");
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn diff_over_a_year(bencher: Bencher, size: &str) {
    let h = history(size);
    bencher.bench(|| {
        let d = query::diff(h, day(2024, 1, 1), day(2024, 12, 31));
        text::diff(&mut std::io::sink(), &d, false, &PLAIN).expect("rendered");
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn who_reports_to_all_from_the_top(bencher: Bencher, size: &str) {
    let h = history(size);
    bencher.bench(|| {
        let top = query::find(h, "ceo").expect("the top role");
        assert!(matches!(top, Found::Role(_)));
        let rep = query::who_reports_to(h, top, day(2024, 12, 31), true).expect("reports");
        text::reports(&mut std::io::sink(), &rep, true, &PLAIN).expect("rendered");
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn find_a_person_by_name(bencher: Bencher, size: &str) {
    let h = history(size);
    bencher.bench(|| a_person(h));
}

/// A person of the middle of the list, by id, as `history NAME` finds them.
fn a_person(h: &History) -> Found {
    let name = h.people[h.people.len() / 2].key.as_str();
    query::find(h, name).expect("found")
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn history_of_a_person(bencher: Bencher, size: &str) {
    let h = history(size);
    let person = a_person(h);
    bencher.bench(|| {
        // As `orgctl history` does: the index, the query, the text.
        let index = query::Index::new(h);
        let rh = query::history(h, &index, person);
        orgctl::render::text::history(&mut std::io::sink(), &rh, &PLAIN).expect("rendered");
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn chain_from_a_deep_role(bencher: Bencher, size: &str) {
    let h = history(size);
    let on = day(2024, 12, 31);
    // The last role declared that exists on the day: deep in the tree.
    let role = (0..h.roles.len())
        .rev()
        .map(|i| Found::Role(orgctl::ids::RoleId::new(i)))
        .find(|&r| query::chain(h, r, on).is_ok())
        .expect("a role that exists at the end");
    bencher.bench(|| {
        let c = query::chain(h, role, on).expect("a chain");
        orgctl::render::text::chain(&mut std::io::sink(), &c, &PLAIN).expect("rendered");
    });
}
