//! One list made in runs, each run filled in place by whoever it is
//! handed to (a thread per file, or per piece of a cache).
//!
//! A million events made in lists of their own and then gathered into one
//! are copied once more (144 MB), into memory the kernel must first fault
//! in and zero, on one thread: generated L spent 0.11-0.13 s of a cold
//! load there. Made straight into their places, they are not. The safe
//! way to fill one `Vec` from several threads is a slice of it each; the
//! places are uninitialised until filled, so a [`Run`] fills its places
//! in order and counts them, and the list is whole only when every run
//! was filled.

use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A run of places of one list: filled in order by [`Run::push`].
pub struct Run<'a, T> {
    places: &'a mut [MaybeUninit<T>],
    filled: usize,
    /// Counts the runs dropped full.
    full: &'a AtomicUsize,
}

impl<T> Run<'_, T> {
    /// How many places the run has.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// How many places are filled.
    pub fn filled(&self) -> usize {
        self.filled
    }

    /// Puts `value` in the next place, where the caller made the run to
    /// hold exactly its values: a run too short is a bug, which leaves the
    /// list unmade (and the value dropped).
    pub fn put(&mut self, value: T) {
        let put = self.push(value);
        debug_assert!(put.is_ok(), "a run holds one place per value");
    }

    /// Puts `value` in the next place; gives it back when the run is full.
    pub fn push(&mut self, value: T) -> Result<(), T> {
        match self.places.get_mut(self.filled) {
            Some(place) => {
                place.write(value);
                self.filled += 1;
                Ok(())
            }
            None => Err(value),
        }
    }
}

impl<T> Drop for Run<'_, T> {
    fn drop(&mut self) {
        if self.filled == self.places.len() {
            self.full.fetch_add(1, Ordering::Release);
        }
    }
}

/// A list of `lens.iter().sum()` values, made by `fill`, which is given a
/// run of each length, in order (to fill on as many threads as it likes).
/// The list is `None` unless every run was filled: what was put in the
/// runs of a list that is not whole is never dropped (a leak, on a path of
/// errors only; never a value read before it was written). `None` too,
/// and no runs, when the lengths add up to more than memory can hold.
pub fn in_runs<T, R>(
    lens: &[usize],
    fill: impl for<'a> FnOnce(Vec<Run<'a, T>>) -> R,
) -> (R, Option<Vec<T>>) {
    let mut list: Vec<T> = Vec::new();
    let total = lens.iter().try_fold(0usize, |a, &n| a.checked_add(n));
    let Some(total) = total.filter(|&n| list.try_reserve_exact(n).is_ok()) else {
        return (fill(Vec::new()), None);
    };
    let full = AtomicUsize::new(0);
    let r = {
        let mut spare = &mut list.spare_capacity_mut()[..total];
        let mut runs = Vec::with_capacity(lens.len());
        for &n in lens {
            let (places, rest) = spare.split_at_mut(n);
            runs.push(Run {
                places,
                filled: 0,
                full: &full,
            });
            spare = rest;
        }
        // Every run is dropped by the time `fill` returns: none can
        // outlive its borrow of `list` (a run forgotten is never counted).
        fill(runs)
    };
    if full.load(Ordering::Acquire) != lens.len() {
        return (r, None);
    }
    // SAFETY: the runs cover the first `total` places, each exactly once;
    // each counted itself full on drop, so wrote every one of its places.
    unsafe { list.set_len(total) };
    (r, Some(list))
}

/// Where each run of `lens` starts in its list.
pub fn starts(lens: &[usize]) -> Vec<usize> {
    let mut at = 0;
    lens.iter()
        .map(|n| {
            at += n;
            at - n
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{in_runs, starts};

    #[test]
    fn runs_filled_on_threads_make_one_list_in_order() {
        let ((), list) = in_runs(&[3, 0, 2], |runs| {
            std::thread::scope(|s| {
                for (i, mut run) in runs.into_iter().enumerate() {
                    s.spawn(move || {
                        for k in 0..run.len() {
                            assert!(run.push(format!("{i}.{k}")).is_ok());
                        }
                        assert!(run.push("over".into()).is_err());
                    });
                }
            })
        });
        assert_eq!(list.unwrap(), ["0.0", "0.1", "0.2", "2.0", "2.1"]);
        assert_eq!(starts(&[3, 0, 2]), [0, 3, 3]);
    }

    #[test]
    fn a_run_not_filled_or_forgotten_gives_no_list() {
        let (filled, list) = in_runs(&[2, 2], |runs| {
            let mut runs = runs.into_iter();
            let mut a = runs.next().unwrap();
            a.push(String::from("a")).unwrap();
            a.push(String::from("b")).unwrap();
            let mut b = runs.next().unwrap();
            b.push(String::from("c")).unwrap();
            b.filled()
        });
        assert_eq!((filled, list), (1, None));
        let ((), list) = in_runs(&[1], |runs| {
            let mut run = runs.into_iter().next().unwrap();
            run.push(1u8).unwrap();
            std::mem::forget(run);
        });
        assert_eq!(list, None);
    }

    #[test]
    fn lengths_past_what_a_list_holds_give_no_list() {
        let (n, list) = in_runs::<u64, _>(&[usize::MAX, 2], |runs| runs.len());
        assert_eq!((n, list), (0, None));
        let (n, list) = in_runs::<u64, _>(&[usize::MAX / 4], |runs| runs.len());
        assert_eq!((n, list), (0, None));
    }
}
