//! `at`'s history read in place against the whole history: the same
//! organisation on every day, in every format, and damaged files never
//! misread.

use std::io::Cursor;

use chrono::NaiveDate;

use super::history_on;
use crate::cache::place::Place;
use crate::query;
use crate::render::{self, Format, Options};
use crate::timeline::History;

const KEY: [u64; 2] = [7, 13];

fn read(file: &[u8], index: &[u8], day: NaiveDate) -> Option<History> {
    let mut p = Place::open(Cursor::new(file), Cursor::new(index), &KEY)?;
    history_on(&mut p, day)
}

/// `at` on `day` as orgctl prints it (as `app::run_on` runs it), of the
/// whole organisation or of the unit `scope`, with where the record
/// starts when that is after the day.
fn answer(h: &History, day: NaiveDate, scope: Option<&str>, format: Format) -> String {
    let scope = scope.map(|key| {
        let u = h.units.iter().position(|u| u.key.as_str() == key);
        crate::ids::UnitId::new(u.expect("a unit"))
    });
    let view = query::at(h, day, scope);
    let mut out = format!("{:?}\n", view.record_starts).into_bytes();
    render::renderer(format)
        .at(&mut out, &view, &Options::plain())
        .expect("shown");
    String::from_utf8(out).expect("UTF-8")
}

/// Days across the history: before its first event, on it, between, on
/// its last, after it.
fn days(h: &History) -> Vec<NaiveDate> {
    let first = h.events.first().expect("events").date.first_day();
    let last = h.events.last().expect("events").date.first_day();
    let span = (last - first).num_days();
    [-400, 0, 1, span / 3, span / 2, span - 30, span, span + 400]
        .into_iter()
        .map(|d| first + chrono::Duration::days(d))
        .collect()
}

/// The organisation on days across the history (before the record
/// starts, on the first event's day, with a change announced and not yet
/// in force, after the last), whole and of one unit, in every format
/// `at` has, is the same read in place as from the whole history; and it
/// holds only the events it reads.
#[test]
fn at_read_in_place_is_the_organisation_of_the_whole_history() {
    let s = orgctl_synth::Params::size("S").expect("size S");
    let generated = crate::load::load_texts(orgctl_synth::generate(&s).0).expect("valid");
    let june = NaiveDate::from_ymd_opt(2023, 7, 1).expect("a day");
    for h in [crate::cache::bundled_with_an_announcement(), generated] {
        let (file, index) = crate::cache::files_of(&h, &KEY);
        let scopes = [None, Some(h.units[1].key.as_str())];
        let mut days = days(&h);
        days.push(june);
        for day in days {
            let part = read(&file, &index, day).expect("read in place");
            assert!(part.events.len() <= 2 + query::announced(&h, day, None).len());
            assert_eq!(part.units.len(), h.units.len());
            for scope in scopes {
                for format in [Format::Table, Format::Json, Format::Csv, Format::Dot] {
                    assert_eq!(
                        answer(&part, day, scope, format),
                        answer(&h, day, scope, format),
                        "{day} {scope:?} {format:?}"
                    );
                }
            }
        }
    }
    // The handover announced in June is read, with the records it names.
    let h = crate::cache::bundled_with_an_announcement();
    let (file, index) = crate::cache::files_of(&h, &KEY);
    let part = read(&file, &index, june).expect("read in place");
    let keys: Vec<&str> = part.events.iter().map(|e| e.key.as_str()).collect();
    assert!(keys.contains(&"ceo-handover"), "{keys:?}");
    assert!(answer(&part, june, None, Format::Table).contains("Eddie Wu Yongming"));
}

/// Cut short or with a byte changed, the cache file or its index give no
/// history or the right one: never a panic, never a wrong organisation.
#[test]
fn a_damaged_store_is_never_misread_for_at() {
    let h = crate::cache::bundled_with_an_announcement();
    let (file, index) = crate::cache::files_of(&h, &KEY);
    let day = NaiveDate::from_ymd_opt(2023, 7, 1).expect("a day");
    let right = answer(&h, day, None, Format::Json);
    assert!(read(&file, &index, day).is_some());
    let check = |file: &[u8], index: &[u8]| {
        if let Some(part) = read(file, index, day) {
            assert_eq!(answer(&part, day, None, Format::Json), right);
        }
    };
    for n in (0..index.len()).step_by((index.len() / 97).max(1)) {
        check(&file, &index[..n]);
        let mut bad = index.clone();
        bad[n] ^= 0x5a;
        check(&file, &bad);
    }
    for n in (0..file.len()).step_by((file.len() / 197).max(1)) {
        check(&file[..n], &index);
        let mut bad = file.clone();
        bad[n] ^= 0x5a;
        check(&bad, &index);
    }
}

/// The bundled history's cache file, with its payload, where each part
/// starts in it and where the payload starts in the file, for indexes
/// crafted from those starts.
fn crafted_from() -> (History, Vec<u8>, Vec<u8>, crate::cache::store::Starts, u64) {
    let h = crate::load::load_texts(crate::load::bundled::files()).expect("valid");
    let (payload, starts) = crate::cache::store::encode_with_starts(&h);
    let mut file = crate::cache::header(&KEY, &payload);
    let base = file.len() as u64;
    file.extend_from_slice(&payload);
    (h, file, payload, starts, base)
}

/// An index whose checksums hold but whose offsets are out of order (the
/// source lists said to start after they end, as only a crafted index
/// can say) gives no history, not a panic.
#[test]
fn an_index_with_offsets_out_of_order_gives_no_history() {
    let (h, file, payload, mut starts, base) = crafted_from();
    let day = NaiveDate::from_ymd_opt(2023, 5, 10).expect("a day");
    let index = crate::cache::place::encode(&h, &KEY, base, &payload, &starts).expect("fits");
    assert!(read(&file, &index, day).is_some());
    // The files said to end past the end of the source lists.
    starts.lists[0] = starts.lists.last().expect("the lists' end") + 1;
    let index = crate::cache::place::encode(&h, &KEY, base, &payload, &starts).expect("fits");
    assert!(read(&file, &index, day).is_none());
}

/// An index whose checksums hold but which says the second half of the
/// roles (read side by side with the first) starts a byte past its first
/// record gives no history, not a wrong one.
#[test]
fn a_half_said_to_start_off_its_first_record_gives_no_history() {
    let (h, file, payload, mut starts, base) = crafted_from();
    let day = NaiveDate::from_ymd_opt(2023, 5, 10).expect("a day");
    starts.records[h.units.len() + h.roles.len() / 2] += 1;
    let index = crate::cache::place::encode(&h, &KEY, base, &payload, &starts).expect("fits");
    assert!(read(&file, &index, day).is_none());
}
