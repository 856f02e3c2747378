//! One region of memory for the allocations of a history read from the
//! cache, which live until the process ends.
//!
//! Reading a large history from the cache makes millions of small
//! allocations (every name, timeline and list) on every core at once.
//! glibc's malloc gives each thread a heap that it grows a page at a time
//! (`mprotect`, under a lock the other threads' page faults wait on), and
//! every 4 KiB page is faulted in on its own: reading generated L's
//! history made 48,000 `mprotect` calls and 158,000 page faults, and the
//! kernel's side of them took as much processor time as the decoding.
//!
//! [`Allocator`] (the binary's global allocator) is the system's, but on a
//! thread inside [`within`] it hands out memory from one region reserved
//! for the purpose ([`reserve_for`]): each thread takes a chunk at a time and
//! bumps a pointer through it; for a large history, the region asks the
//! kernel for huge pages.
//! Freeing such memory does nothing (but for the last block a thread
//! handed out, which is taken back): what is allocated there is the
//! history, kept to the end. A thread outside `within` allocates from the
//! system as always, and frees memory of the region as a no-op, so a
//! block may be made in one and freed in the other. When the region is
//! full, or cannot be had (on a system other than Linux), everything comes
//! from the system. No crate does this: arena crates hand out memory
//! through their own handles or the unstable `Allocator` API, not to the
//! standard collections a decoder builds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The global allocator: the system's, or the region inside [`within`].
pub struct Allocator;

/// A run of address space `[start, end)`, handed out up to `next`, a
/// chunk at a time, to the threads that allocate in it.
struct Region {
    start: AtomicUsize,
    end: AtomicUsize,
    next: AtomicUsize,
}

/// The one region of the process, set once by [`reserve`] before any
/// thread allocates in it.
static REGION: Region = Region::new();

/// What a thread takes from the region at a time.
const CHUNK: usize = 1 << 20;

/// Blocks aligned beyond this come from the system.
const MAX_ALIGN: usize = 4096;

thread_local! {
    /// Whether this thread allocates in the region.
    static ON: Cell<bool> = const { Cell::new(false) };
    /// This thread's chunk: handed out up to `CUR`, ends at `LIMIT`.
    static CUR: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// Reserves a region for the history whose cached form is `cached` bytes
/// long: about twice that in memory (generated L: 221 MB cached, 411 MB
/// decoded), so three times, and room for the chunks of the threads that
/// decode it. What is left over is address space only: a page becomes
/// memory when first written. Huge pages only from [`HUGE_FROM`]: each
/// decoding thread's chunk touches one, so a small history takes more
/// memory with them (generated S, 2.5 MB: 15.8 MB resident with 4 KiB
/// pages, 23.5 MB with huge ones), for under a millisecond; generated M's
/// (22 MB cached) warm `at` takes 25 ms with them, 38 ms without.
pub fn reserve_for(cached: usize) -> bool {
    let bytes = cached.saturating_mul(3).saturating_add(SLACK);
    reserve(bytes, cached >= HUGE_FROM)
}

/// The cached size from which the region asks for huge pages.
const HUGE_FROM: usize = 8 << 20;

/// Room beyond three times the cached bytes. The library's tests decode
/// many histories in one process, which all share one region.
const SLACK: usize = if cfg!(test) { 4 << 30 } else { 64 << 20 };

/// Reserves a region of `bytes`, once per process; later calls, and every
/// call where no region can be had, do nothing. Whether there is one.
fn reserve(bytes: usize, huge: bool) -> bool {
    if REGION.start.load(Ordering::Acquire) != 0 {
        return true;
    }
    let Some(start) = map(bytes, huge) else {
        return false;
    };
    // A reservation racing this one won: its region stands, and this
    // mapping stays unused.
    REGION.set(start, bytes);
    true
}

/// Runs `f` with this thread's allocations made in the region (when there
/// is one); what `f` allocates there is never given back to the system.
pub fn within<R>(f: impl FnOnce() -> R) -> R {
    let was = ON.with(|c| c.replace(true));
    let r = f();
    ON.with(|c| c.set(was));
    r
}

impl Region {
    const fn new() -> Region {
        Region {
            start: AtomicUsize::new(0),
            end: AtomicUsize::new(0),
            next: AtomicUsize::new(0),
        }
    }

    /// Makes `[start, start + bytes)` the region, unless it has one.
    fn set(&self, start: usize, bytes: usize) -> bool {
        let ordering = (Ordering::AcqRel, Ordering::Acquire);
        if self
            .start
            .compare_exchange(0, start, ordering.0, ordering.1)
            .is_err()
        {
            return false;
        }
        self.next.store(start, Ordering::Release);
        self.end.store(start + bytes, Ordering::Release);
        true
    }

    fn holds(&self, p: usize) -> bool {
        let start = self.start.load(Ordering::Relaxed);
        start != 0 && p >= start && p < self.end.load(Ordering::Relaxed)
    }

    /// `size` bytes aligned to `align` (a power of two), from this thread's
    /// chunk or a new one; `None` when the region is full or unset.
    fn bump(&self, size: usize, align: usize) -> Option<*mut u8> {
        let (cur, limit) = (CUR.with(Cell::get), LIMIT.with(Cell::get));
        let at = cur.checked_add(align - 1)? & !(align - 1);
        if cur != 0 && at.checked_add(size)? <= limit {
            CUR.with(|c| c.set(at + size));
            return Some(at as *mut u8);
        }
        // Acquire: `next` was set before `end`.
        let end = self.end.load(Ordering::Acquire);
        if end == 0 {
            return None;
        }
        // A block too large for a chunk has a run of its own.
        if size > CHUNK / 4 {
            let take = size.checked_add(align)?;
            let from = self.next.fetch_add(take, Ordering::Relaxed);
            let at = from.checked_add(align - 1)? & !(align - 1);
            return (from.checked_add(take)? <= end).then_some(at as *mut u8);
        }
        let from = self.next.fetch_add(CHUNK, Ordering::Relaxed);
        if from.checked_add(CHUNK)? > end {
            return None;
        }
        CUR.with(|c| c.set(from));
        LIMIT.with(|c| c.set(from + CHUNK));
        self.bump(size, align)
    }
}

/// Takes back the block at `p` of `size` bytes when it is the last this
/// thread handed out (a block briefly made and dropped); else does nothing.
fn give_back(p: usize, size: usize) {
    if CUR.with(Cell::get) == p + size {
        CUR.with(|c| c.set(p));
    }
}

// SAFETY: every block is either the system's (and handled by it) or a
// run of the region no other block overlaps: chunks are taken by an atomic
// add, each is handed out by one thread only, and a block is taken back
// only while it is the last its thread handed out.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.with(Cell::get)
            && layout.align() <= MAX_ALIGN
            && let Some(p) = REGION.bump(layout.size(), layout.align())
        {
            return p;
        }
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if REGION.holds(ptr as usize) {
            return give_back(ptr as usize, layout.size());
        }
        // SAFETY: a block of the system's, as the caller says.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = ptr as usize;
        if !REGION.holds(p) {
            // SAFETY: a block of the system's, as the caller says.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // The last block this thread handed out grows or shrinks in place.
        if CUR.with(Cell::get) == p + layout.size()
            && p.checked_add(new_size)
                .is_some_and(|end| end <= LIMIT.with(Cell::get))
        {
            CUR.with(|c| c.set(p + new_size));
            return ptr;
        }
        // SAFETY: `new_size` with the old alignment is a valid layout (the
        // caller's promise); the old block is readable for the smaller of
        // the two sizes and does not overlap the new one.
        unsafe {
            let new = Layout::from_size_align_unchecked(new_size, layout.align());
            let to = self.alloc(new);
            if !to.is_null() {
                std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            to
        }
    }
}

/// Address space for `bytes`, asking for huge pages when `huge`; `None`
/// where it cannot be had.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn map(bytes: usize, huge: bool) -> Option<usize> {
    // SAFETY: a new anonymous private mapping, which nothing else uses;
    // `madvise` only advises.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return None;
        }
        if huge {
            libc::madvise(p, bytes, libc::MADV_HUGEPAGE);
        }
        Some(p as usize)
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn map(_bytes: usize, _huge: bool) -> Option<usize> {
    None
}

/// The library's own tests allocate as the binary does.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: Allocator = Allocator;

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    fn region() {
        assert!(reserve_for(0), "a region can be had on Linux");
    }

    /// Whether `p` points into the region.
    fn holds(p: *const u8) -> bool {
        REGION.holds(p as usize)
    }

    #[test]
    fn what_is_made_within_comes_from_the_region_and_stays_whole() {
        region();
        let (names, list) = within(|| {
            let names: Vec<String> = (0..10_000).map(|i| format!("person {i}")).collect();
            let list: Vec<u64> = (0..100_000).collect();
            (names, list)
        });
        assert!(holds(names.as_ptr().cast()));
        assert!(holds(names[9_999].as_ptr()));
        assert!(holds(list.as_ptr().cast()));
        assert_eq!(names[1234], "person 1234");
        assert_eq!(list.iter().sum::<u64>(), 99_999 * 100_000 / 2);
        // Made outside: the system's, as always.
        let outside_block = Box::new([7u8; 64]);
        assert!(!holds(outside_block.as_ptr()));
    }

    #[test]
    fn blocks_are_aligned_and_apart() {
        region();
        within(|| {
            let mut blocks = Vec::new();
            for (i, align) in [1usize, 2, 8, 16, 64, 4096, 8192].into_iter().enumerate() {
                let layout = Layout::from_size_align(100 + i, align).unwrap();
                // SAFETY: a valid layout; each block is freed below.
                let p = unsafe { Allocator.alloc(layout) };
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0, "aligned to {align}");
                // Beyond MAX_ALIGN, the system's.
                assert_eq!(holds(p), align <= MAX_ALIGN);
                blocks.push((p as usize, layout));
            }
            for (i, &(p, a)) in blocks.iter().enumerate() {
                for &(q, b) in &blocks[i + 1..] {
                    assert!(p + a.size() <= q || q + b.size() <= p, "blocks overlap");
                }
            }
            for (p, layout) in blocks {
                // SAFETY: made above with this layout.
                unsafe { Allocator.dealloc(p as *mut u8, layout) };
            }
        });
    }

    #[test]
    fn the_last_block_grows_in_place_and_another_moves_with_its_bytes() {
        region();
        within(|| {
            let mut grows: Vec<u32> = Vec::with_capacity(4);
            grows.extend([1, 2, 3, 4]);
            let at = grows.as_ptr();
            grows.extend(5..1000);
            assert_eq!(grows.as_ptr(), at, "the last block grew in place");
            let mut moves: Vec<u32> = Vec::with_capacity(4);
            moves.extend([9, 8, 7, 6]);
            let _after = String::from("in between");
            moves.extend(0..1000);
            assert!(holds(moves.as_ptr().cast()));
            assert_eq!(&moves[..5], &[9, 8, 7, 6, 0]);
            assert_eq!(grows.iter().map(|&x| x as u64).sum::<u64>(), 999 * 1000 / 2);
            // A block made and dropped at once is taken back.
            let before = CUR.with(Cell::get);
            drop(String::from("brief"));
            assert_eq!(CUR.with(Cell::get), before);
        });
    }

    #[test]
    fn a_block_too_large_for_a_chunk_has_a_run_of_its_own() {
        region();
        let large = within(|| vec![3u8; CHUNK * 2]);
        assert!(holds(large.as_ptr()));
        assert!(holds(&large[CHUNK * 2 - 1]));
        assert!(large.iter().all(|&b| b == 3));
    }

    #[test]
    fn a_full_region_gives_none() {
        // A region of its own, two chunks long, on this test's thread.
        let bytes = 2 * CHUNK;
        let start = map(bytes, false).expect("a mapping");
        let r = Region::new();
        assert!(r.set(start, bytes));
        assert!(!r.set(start, bytes), "set once");
        let mut n = 0;
        while r.bump(CHUNK / 8, 8).is_some() {
            n += 1;
            assert!(n <= 16, "no more than the region holds");
        }
        assert_eq!(n, 16);
        assert!(r.bump(CHUNK, 8).is_none());
        // Unset: nothing.
        CUR.with(|c| c.set(0));
        assert!(Region::new().bump(8, 8).is_none());
    }
}
