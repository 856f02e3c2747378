//! Long outputs made on every core: the line of each of a hundred
//! thousand changes, rows or nodes is made apart from the others, so a
//! large answer's text is made in parallel pieces and written in order.
//! Short lists stay on one thread (starting the others would cost more
//! than it saves: a small answer takes a few milliseconds).

use std::fmt;
use std::io::{self, Write};

use rayon::prelude::*;

/// Lists shorter than this are made on one thread.
const PARALLEL_FROM: usize = 4096;

/// Items made into one piece of text by one thread.
const PIECE: usize = 1024;

/// Pieces made before they are written: so much text is held at once.
const WINDOW: usize = 32;

/// `make` of every item, in order.
pub(super) fn map<T: Sync, U: Send>(items: &[T], make: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if items.len() < PARALLEL_FROM {
        items.iter().map(make).collect()
    } else {
        items.par_iter().map(&make).collect()
    }
}

/// Writes the text `write` appends for each item, in order. (Appending
/// to a `String` fails only where a value's `Display` does; that error is
/// the write's.)
pub(super) fn write_each<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    write: impl Fn(&mut String, &T) -> fmt::Result + Sync,
) -> io::Result<()> {
    let piece = |items: &[T]| -> io::Result<String> {
        let mut text = String::new();
        for item in items {
            write(&mut text, item).map_err(io::Error::other)?;
        }
        Ok(text)
    };
    if items.len() < PARALLEL_FROM {
        return out.write_all(piece(items)?.as_bytes());
    }
    for window in items.chunks(PIECE * WINDOW) {
        let texts: Vec<io::Result<String>> = window.par_chunks(PIECE).map(piece).collect();
        for text in texts {
            out.write_all(text?.as_bytes())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// Every item's text, in order, whether the list is made on one
    /// thread or in pieces on all of them.
    #[test]
    fn long_lists_are_written_in_order_as_short_ones_are() {
        for n in [
            0,
            1,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            PIECE * WINDOW * 2 + 7,
        ] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            write_each(&mut out, &items, |s, i| writeln!(s, "line {i}")).unwrap();
            let want: String = items.iter().map(|i| format!("line {i}\n")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{n} items");
            assert_eq!(
                map(&items, |i| i * 2),
                items.iter().map(|i| i * 2).collect::<Vec<_>>()
            );
        }
    }
}
