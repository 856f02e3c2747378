//! Fuzz target for the readers of the cache: the cache file and index of
//! the bundled data (with a change announced before it takes effect),
//! damaged as the input says, then read the three ways orgctl reads them:
//! the whole history (`cache::read_bytes`), `at`'s history in place
//! (`cache::day`) and a person's subset in place (`cache::subset`).
//! Nothing may panic, and whatever reads must answer as the undamaged
//! history does: a damaged cache is rebuilt, never misread.
//!
//! Input layout: the first byte chooses what is damaged (the file, the
//! index, both, or the file cut short); then each 4 bytes are an edit, a
//! 24-bit offset (modulo the length) and a byte to XOR there (a cut takes
//! its length from the first edit's offset).

#![no_main]

use std::io::Cursor;
use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use orgctl::cache::place::Place;
use orgctl::cache::subset::{Ask, person_subset};
use orgctl::cache::{self, day};
use orgctl::query;
use orgctl::render::{self, Format, Options};
use orgctl::timeline::History;

const KEY: [u64; 2] = [7, 17];

/// The people asked about, by id.
const PEOPLE: [&str; 3] = ["daniel-zhang", "eddie-wu", "jeff-li"];

struct Fixture {
    history: History,
    file: Vec<u8>,
    index: Vec<u8>,
    days: Vec<NaiveDate>,
    /// The undamaged history's `at` on each day, and its answer to each
    /// question about each person on each day (day, person, question).
    at: Vec<Vec<u8>>,
    about: Vec<Vec<u8>>,
}

/// The questions about a person on `day`.
fn asks(day: NaiveDate) -> [Ask; 4] {
    [
        Ask::Show(day),
        Ask::Chain(day),
        Ask::Reports { day, all: true },
        Ask::History,
    ]
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut texts = orgctl::load::bundled::files();
        let handover = "[[person]]\nid = \"eddie-wu\"\nname = \"Eddie Wu Yongming\"\n\n\
            [[event]]\nid = \"ceo-handover\"\ndate = 2023-09-10\nreported = 2023-06-20\n\
            title = \"Daniel Zhang hands the group CEO role to Eddie Wu\"\nchanges = [\n\
            { op = \"appoint\", person = \"eddie-wu\", role = \"alibaba-ceo\" },\n]\n";
        texts.push(("alibaba/handover.toml".into(), handover.to_string()));
        let history = orgctl::load::load_texts(texts).expect("the bundled data loads");
        let (file, index) = cache::image(&history, &KEY).expect("its index fits");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        let days = vec![
            day(2021, 1, 1),
            day(2023, 5, 10),
            day(2023, 7, 1),
            day(2024, 1, 1),
        ];
        let at = days.iter().map(|&d| at(&history, d)).collect();
        let mut about = Vec::new();
        for &d in &days {
            for person in PEOPLE {
                about.extend(asks(d).map(|ask| self::about(&history, person, d, ask)));
            }
        }
        Fixture {
            history,
            file,
            index,
            days,
            at,
            about,
        }
    })
}

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let f = fixture();
    let (mut file, mut index) = (f.file.clone(), f.index.clone());
    let Some((&mode, edits)) = data.split_first() else {
        return;
    };
    let edits: Vec<(usize, u8)> = edits
        .chunks_exact(4)
        .map(|e| {
            (
                usize::from(e[0]) | usize::from(e[1]) << 8 | usize::from(e[2]) << 16,
                e[3],
            )
        })
        .collect();
    let damage = |bytes: &mut Vec<u8>| {
        for &(at, xor) in &edits {
            let n = bytes.len();
            bytes[at % n] ^= xor;
        }
    };
    match mode % 5 {
        0 => damage(&mut file),
        1 => damage(&mut index),
        2 => {
            damage(&mut file);
            damage(&mut index);
        }
        3 => {
            let cut = edits.first().map_or(0, |e| e.0);
            file.truncate(cut % file.len());
        }
        _ => {
            // Crafted: the history's bytes edited before their checksums
            // are taken. Read, they may say anything; nothing may panic.
            let (file, index) = cache::crafted(&f.history, &KEY, damage).expect("fits");
            read_all(&file, &index, &f.days);
            return;
        }
    }
    if let Some(h) = cache::read_bytes(&file, &KEY) {
        for (&day, expected) in f.days.iter().zip(&f.at) {
            assert_eq!(&at(&h, day), expected, "the whole history on {day}");
        }
    }
    let mut expected = f.about.iter();
    for (&day, expected_at) in f.days.iter().zip(&f.at) {
        let Some(mut place) = Place::open(Cursor::new(&file), Cursor::new(&index), &KEY) else {
            return;
        };
        if let Some(h) = day::history_on(&mut place, day) {
            assert_eq!(&at(&h, day), expected_at, "at's history on {day}");
        }
        for person in PEOPLE {
            for ask in asks(day) {
                let expected = expected.next().expect("an answer per question");
                if let Some(h) = person_subset(&mut place, person, ask) {
                    assert_eq!(&about(&h, person, day, ask), expected, "{person} on {day}");
                }
            }
        }
    }
}

/// Every read of `file` and `index`, every answer computed and dropped.
fn read_all(file: &[u8], index: &[u8], days: &[NaiveDate]) {
    if let Some(h) = cache::read_bytes(file, &KEY) {
        days.iter().for_each(|&day| drop(at(&h, day)));
    }
    for &day in days {
        let Some(mut place) = Place::open(Cursor::new(file), Cursor::new(index), &KEY) else {
            return;
        };
        if let Some(h) = day::history_on(&mut place, day) {
            drop(at(&h, day));
        }
        for person in PEOPLE {
            for ask in asks(day) {
                if let Some(h) = person_subset(&mut place, person, ask) {
                    drop(about(&h, person, day, ask));
                }
            }
        }
    }
}

/// `at` on `day`, as JSON.
fn at(h: &History, day: NaiveDate) -> Vec<u8> {
    let mut out = Vec::new();
    render::renderer(Format::Json)
        .at(&mut out, &query::at(h, day, None), &Options::plain())
        .expect("written");
    out
}

/// The answer to `ask` about `person`, as JSON, or its error.
fn about(h: &History, person: &str, day: NaiveDate, ask: Ask) -> Vec<u8> {
    let r = render::renderer(Format::Json);
    let mut o = Options::plain();
    // `history` is of a person's whole history, not of a day.
    let on = (!matches!(ask, Ask::History)).then_some(day);
    let found = match query::find_on(h, person, on) {
        Ok(found) => found.found,
        Err(e) => return e.to_string().into_bytes(),
    };
    let mut out = Vec::new();
    let index = query::Index::new(h);
    let shown = match ask {
        Ask::Show(_) => r.show(&mut out, &query::show(h, &index, found, day), &o),
        Ask::Chain(_) => match query::chain(h, found, day) {
            Ok(c) => r.chain(&mut out, &c, &o),
            Err(e) => return e.to_string().into_bytes(),
        },
        Ask::Reports { all, .. } => match query::who_reports_to(h, found, day, all) {
            Ok(rep) => {
                o.all = all;
                r.reports(&mut out, &rep, &o)
            }
            Err(e) => return e.to_string().into_bytes(),
        },
        Ask::History => r.history(&mut out, &query::history(h, &index, found), &o),
    };
    shown.expect("written");
    out
}
