//! `at`'s history, read in place: every unit, role and person, decoded
//! in a row as the whole history is, and of the events only those `at`
//! reads. The events are most of a history's bytes (216 of 411 MB
//! decoded on generated L) and `at` reads three kinds of them: the first
//! (where the record starts), the latest by the day (`latest recorded
//! event`), and those announced by the day and not yet in force
//! (`query::announced`). A fact set by any other event is kept with its
//! date and set by no event: what holds on a day, and since when, is all
//! `at` asks of it.

use chrono::NaiveDate;

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
    let pending = place.pending(day)?;
    if pending.len() > MOST_PENDING {
        return None;
    }
    let first = (place.counts[3] > 0).then_some(0);
    let latest = place.events_by(day)?.checked_sub(1);
    let mut kept = first.into_iter().chain(latest).collect::<Vec<_>>();
    kept.extend(pending.iter().map(|e| e.index()));
    kept.dedup();
    kept.into_iter().map(|e| u32::try_from(e).ok()).collect()
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
