//! Reading a history written by [`encode`](super::encode): its sections
//! on every core, into memory of the region `cache::arena` keeps for it.

use std::path::PathBuf;

use super::{Bin, Bounds, EVENT_PIECES, Reader};
use crate::cache::arena;
use crate::runs::{self, Run};
use crate::timeline::{Event, History, Person, Role, Unit};

/// Reads a history written by [`encode`](super::encode), its sections on every core;
/// `None` if the bytes are not one. Every id is checked against the
/// number of records of its kind as it is read, while its bytes are in
/// the processor's cache; what else makes a history whole is checked
/// after ([`History::is_well_formed`]).
pub fn decode(bytes: &[u8]) -> Option<History> {
    let timer = crate::timer::Timer::start();
    let mut r = Reader::new(bytes, Bounds::ANY);
    let files = Vec::<PathBuf>::get(&mut r)?;
    let source_lists = Vec::<Box<[Box<str>]>>::get(&mut r)?;
    let mut sections = Vec::with_capacity(3 + EVENT_PIECES);
    for _ in 0..3 + EVENT_PIECES {
        let n = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        sections.push(r.take(usize::try_from(n).ok()?)?);
    }
    if r.i != bytes.len() {
        return None;
    }
    // Each section starts with its number of records, checked as a
    // list's length is (a byte or more each) before room is made for them.
    let count = |b: &[u8]| Reader::new(b, Bounds::ANY).len(1);
    let counts: Vec<usize> = sections[3..]
        .iter()
        .map(|p| count(p))
        .collect::<Option<_>>()?;
    let events = counts.iter().try_fold(0usize, |a, &n| a.checked_add(n))?;
    let bounds = Bounds {
        units: count(sections[0])?,
        roles: count(sections[1])?,
        people: count(sections[2])?,
        events,
        // A history without files (built in memory) has locations that
        // name none.
        files: Some(files.len()).filter(|&n| n > 0).unwrap_or(usize::MAX),
        source_lists: source_lists.len(),
    };
    // Each section's records, and its list, are made in the region.
    fn all<T: Bin>(b: &[u8], bounds: Bounds) -> Option<Vec<T>> {
        let mut r = Reader::new(b, bounds);
        let v = arena::within(|| Vec::<T>::get(&mut r))?;
        (r.i == b.len()).then_some(v)
    }
    arena::reserve_for(bytes.len());
    // The events go straight into their one list, each piece into its
    // own run of it (made in the region, as the records are).
    let ((units, roles, people, filled), events) = arena::within(|| {
        runs::in_runs(&counts, |runs| {
            std::thread::scope(|s| {
                let units = s.spawn(|| all::<Unit>(sections[0], bounds));
                let roles = s.spawn(|| all::<Role>(sections[1], bounds));
                let pieces: Vec<_> = (sections[3..].iter().zip(runs))
                    .map(|(&b, mut run)| {
                        s.spawn(move || arena::within(|| fill(b, bounds, &mut run)))
                    })
                    .collect();
                let people = all::<Person>(sections[2], bounds);
                let filled = pieces
                    .into_iter()
                    .all(|p| p.join().ok().flatten().is_some());
                (
                    units.join().ok().flatten(),
                    roles.join().ok().flatten(),
                    people,
                    filled,
                )
            })
        })
    });
    if !filled {
        return None;
    }
    let h = History {
        files,
        units: units?,
        roles: roles?,
        people: people?,
        events: events?,
        source_lists,
        // Histories loaded `--known-at` are never cached.
        known_at: None,
    };
    timer.lap("cache: decode");
    let whole = h.is_well_formed();
    timer.lap("cache: checked");
    whole.then_some(h)
}

/// Reads a piece of the events into `run`, which holds exactly its events;
/// `None` if it does not.
fn fill(b: &[u8], bounds: Bounds, run: &mut Run<'_, Event>) -> Option<()> {
    let mut r = Reader::new(b, bounds);
    if r.len(1)? != run.len() {
        return None;
    }
    for _ in 0..run.len() {
        run.push(Event::get(&mut r)?).ok()?;
    }
    (r.i == b.len()).then_some(())
}
