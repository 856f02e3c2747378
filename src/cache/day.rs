//! `at`'s history, read in place: every unit, role and person, decoded
//! in a row as the whole history is, and of the events only those `at`
//! reads. The events are most of a history's bytes (216 of 411 MB
//! decoded on generated L) and `at` reads three kinds of them: the first
//! (where the record starts), the latest by the day (`latest recorded
//! event`), and those announced by the day and not yet in force
//! (`query::announced`). A fact set by any other event is kept with its
//! date and set by no event: what holds on a day, and since when, is all
//! `at` asks of it.

use chrono::{Datelike, NaiveDate};

use super::place::{Place, ReadAt};
use crate::ids::EventId;
use crate::timeline::History;

/// Past this many events pending on the day (each read on its own), the
/// whole history is decoded instead.
const MOST_PENDING: usize = 10_000;

/// The ids of the events `at` reads on `day`, in order: the first, the
/// latest by the day, those pending on it; `None` past
/// [`MOST_PENDING`].
fn events_read<R: ReadAt>(place: &mut Place<R>, day: NaiveDate) -> Option<Vec<u32>> {
    let by = place.events_by(day)?;
    let d = day.num_days_from_ce();
    let mut kept: Vec<u32> = Vec::new();
    if place.counts[3] > 0 {
        kept.push(0);
    }
    if let Some(latest) = by.checked_sub(1) {
        kept.push(u32::try_from(latest).ok()?);
    }
    for (i, (_, known)) in (by..).zip(place.days_from(by)?) {
        if known <= d {
            kept.push(u32::try_from(i).ok()?);
            if kept.len() > MOST_PENDING {
                return None;
            }
        }
    }
    kept.dedup();
    Some(kept)
}

/// The history `at` reads on `day` from the cache in place (see the
/// module's comment), whole and consistent; `None` when it cannot be
/// read so.
pub fn history_on<R: ReadAt>(place: &mut Place<R>, day: NaiveDate) -> Option<History> {
    let timer = crate::timer::Timer::start();
    let kept = events_read(place, day)?;
    let events = kept
        .iter()
        .map(|&e| place.event(EventId::new(e as usize)))
        .collect::<Option<Vec<_>>>()?;
    let files = place.files()?;
    timer.lap("cache: events read");
    let records = place.records(files.len(), &kept)?;
    let h = History {
        files,
        units: records.units,
        roles: records.roles,
        people: records.people,
        events,
        source_lists: records.source_lists,
        known_at: None,
    };
    let whole = h.events_consistent();
    timer.lap("cache: checked");
    whole.then_some(h)
}

#[cfg(test)]
mod tests;
