//! Fetching ahead: while one event is applied, the records a later one
//! names are asked for, so that the replay (on one thread) does not wait
//! on memory for each of them.

use super::super::{History, Named};
use super::now::Now;

/// Asks the processor to fetch what event `i` of `h` will touch: the
/// records it names are spread over hundreds of megabytes, and each apply
/// would otherwise wait for them (a quarter of the run on an HR export's
/// history). The changes of event `i + AHEAD` are fetched too, so that
/// when their turn comes here, reading which records they name does not
/// wait on memory either.
pub(super) fn event(h: &History, now: &Now, i: usize) {
    if let Some(later) = h.events.get(i + AHEAD) {
        prefetch_all(&later.changes);
    }
    let Some(e) = h.events.get(i) else {
        return;
    };
    for named in e.changes.iter().flat_map(|c| c.names()).flatten() {
        match named {
            Named::Person(p) => {
                prefetch(h.people.get(p.index()));
                prefetch(now.held.get(p.index()));
            }
            Named::Role(r) => {
                prefetch(h.roles.get(r.index()));
                prefetch(now.holding.get(r.index()));
            }
            Named::Unit(u) => prefetch(h.units.get(u.index())),
        }
    }
}

/// How many events ahead of the one applied the records of an event are
/// fetched: far enough for memory to answer, near enough to stay cached.
pub(super) const AHEAD: usize = 12;

/// Brings the memory of every item of `items` into the processor's cache.
fn prefetch_all<T>(items: &[T]) {
    prefetch_bytes(items.as_ptr().cast(), std::mem::size_of_val(items));
}

/// Brings the memory of `value`, if any, into the processor's cache.
fn prefetch<T>(value: Option<&T>) {
    if let Some(value) = value {
        prefetch_bytes((value as *const T).cast(), std::mem::size_of::<T>());
    }
}

/// Brings the cache lines of the `len` bytes from `start` into the
/// processor's cache, without waiting for them. A hint: it changes no
/// value, and a processor without the instruction does nothing.
fn prefetch_bytes(start: *const i8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        const LINE: usize = 64;
        let skew = start as usize % LINE;
        let first = start.wrapping_sub(skew);
        for offset in (0..skew + len).step_by(LINE) {
            // SAFETY: a prefetch reads nothing and never faults, whatever
            // the address; SSE, which has it, is part of every x86-64.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(first.wrapping_add(offset)) }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (start, len);
}
