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
    let records = [sections[0], sections[1], sections[2]];
    let bounds = bounds_of(records, events, files.len(), source_lists.len())?;
    arena::reserve_for(bytes.len());
    // The events go straight into their one list, each piece into its
    // own run of it (made in the region, as the records are).
    let ((units, roles, people, filled), events) = arena::within(|| {
        runs::in_runs(&counts, |runs| {
            std::thread::scope(|s| {
                let units = s.spawn(|| all::<Unit>(sections[0], bounds, None));
                let roles = s.spawn(|| all::<Role>(sections[1], bounds, None));
                let pieces: Vec<_> = (sections[3..].iter().zip(runs))
                    .map(|(&b, mut run)| {
                        s.spawn(move || arena::within(|| fill(b, bounds, &mut run)))
                    })
                    .collect();
                let people = all::<Person>(sections[2], bounds, None);
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

/// The bounds of a history whose units', roles' and people's sections
/// are `records`, with `events` events, `files` files and `source_lists`
/// lists. Each section starts with its number of records, checked as a
/// list's length is (a byte or more each) before room is made for them.
fn bounds_of(
    records: [&[u8]; 3],
    events: usize,
    files: usize,
    source_lists: usize,
) -> Option<Bounds> {
    let count = |b: &[u8]| Reader::new(b, Bounds::ANY).len(1);
    Some(Bounds {
        units: count(records[0])?,
        roles: count(records[1])?,
        people: count(records[2])?,
        events,
        // A history without files (built in memory) has locations that
        // name none.
        files: Some(files).filter(|&n| n > 0).unwrap_or(usize::MAX),
        source_lists,
    })
}

/// A section's records, and its list, made in the region; with `kept`,
/// the facts' events renumbered (see [`decode_records`]).
fn all<T: Bin>(b: &[u8], bounds: Bounds, kept: Option<&[u32]>) -> Option<Vec<T>> {
    let mut r = Reader::new(b, bounds);
    r.kept = kept;
    let v = arena::within(|| Vec::<T>::get(&mut r))?;
    (r.i == b.len()).then_some(v)
}

/// [`all`], the section read in two halves side by side, the second from
/// record `mid.0`, which starts at byte `mid.1` of the section.
fn halved<T: Bin + Send>(
    b: &[u8],
    mid: (usize, usize),
    bounds: Bounds,
    kept: Option<&[u32]>,
) -> Option<Vec<T>> {
    let mut r = Reader::new(b, bounds);
    let n = r.len(1)?;
    let (k, at) = mid;
    // A few records are read in one piece.
    if n < HALVED_FROM {
        return all(b, bounds, kept);
    }
    if k > n || at < r.i || at > b.len() {
        return None;
    }
    let halves = [&b[r.i..at], &b[at..]];
    let (filled, list) = arena::within(|| {
        runs::in_runs(&[k, n - k], |runs| {
            std::thread::scope(|s| {
                let mut runs = runs.into_iter().zip(halves);
                let (mut first, first_bytes) = runs.next()?;
                let (mut second, second_bytes) = runs.next()?;
                let second = s.spawn(move || {
                    arena::within(|| fill_all(second_bytes, bounds, kept, &mut second))
                });
                let first = fill_all(first_bytes, bounds, kept, &mut first);
                Some((first?, second.join().ok()??))
            })
        })
    });
    filled?;
    list
}

/// Sections of fewer records than this are read in one piece; the tests'
/// small histories are read in halves too.
const HALVED_FROM: usize = if cfg!(test) { 2 } else { 4096 };

/// Reads `run.len()` records, all of `b`, into `run`.
fn fill_all<T: Bin>(
    b: &[u8],
    bounds: Bounds,
    kept: Option<&[u32]>,
    run: &mut Run<'_, T>,
) -> Option<()> {
    let mut r = Reader::new(b, bounds);
    r.kept = kept;
    for _ in 0..run.len() {
        run.push(T::get(&mut r)?).ok()?;
    }
    (r.i == b.len()).then_some(())
}

/// The source lists and records of a history, without its events.
pub struct Records {
    pub source_lists: Vec<Box<[Box<str>]>>,
    pub units: Vec<Unit>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
}

/// The records of a history written by [`encode`](super::encode), for a
/// question that reads every record but few events (`at`): `lists` the
/// source lists and `sections` the units', roles' and people's sections,
/// as written; `files` and `events` how many the history has; `kept` the
/// ids of the events read with the records, in order, to which the facts'
/// events are renumbered (a fact set by another event is set by none).
/// The sections are read on every core, the roles' and the people's each
/// in two halves, `halves` giving the first record of each second half
/// (its number, and where it starts in its section): the roles are the
/// largest of the three and took as long alone as the others together.
/// `None` if the bytes are not those of such records.
pub fn decode_records(
    lists: &[u8],
    sections: [&[u8]; 3],
    halves: [(usize, usize); 2],
    files: usize,
    events: usize,
    kept: &[u32],
) -> Option<Records> {
    let timer = crate::timer::Timer::start();
    if !kept.windows(2).all(|w| w[0] < w[1]) || kept.last().is_some_and(|&e| e as usize >= events) {
        return None;
    }
    // Texts only: no id to bound.
    let source_lists = all::<Box<[Box<str>]>>(lists, Bounds::ANY, None)?;
    let bounds = bounds_of(sections, events, files, source_lists.len())?;
    arena::reserve_for(sections.iter().map(|s| s.len()).sum());
    let kept = Some(kept);
    let (units, roles, people) = std::thread::scope(|s| {
        let units = s.spawn(|| all::<Unit>(sections[0], bounds, kept));
        let roles = s.spawn(|| halved::<Role>(sections[1], halves[0], bounds, kept));
        let people = halved::<Person>(sections[2], halves[1], bounds, kept);
        Some((units.join().ok()??, roles.join().ok()??, people?))
    })?;
    timer.lap("cache: records decoded");
    Some(Records {
        source_lists,
        units,
        roles,
        people,
    })
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
