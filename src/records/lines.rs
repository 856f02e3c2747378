//! The lines of files whose text is no longer kept: enough to give the
//! line of a byte offset, in about two bytes a line.

use std::path::{Path, PathBuf};

use super::input::{Sources, u32_of};
use crate::check::diag::Position;
use crate::ids::FileId;

/// The paths and line starts of files whose text is no longer kept. Its
/// columns are not counted (always 1): a load that goes wrong is redone
/// with the texts, for diagnostics.
#[derive(Debug, Default)]
pub struct LineIndex {
    files: Vec<(PathBuf, LineStarts)>,
}

impl LineIndex {
    pub fn add(&mut self, path: PathBuf, starts: LineStarts) -> FileId {
        self.files.push((path, starts));
        FileId::new(self.files.len() - 1)
    }
}

impl Sources for LineIndex {
    fn path(&self, file: FileId) -> &Path {
        &self.files[file.index()].0
    }

    fn position(&self, file: FileId, offset: usize) -> Position {
        let line = self.files[file.index()].1.line_of(offset);
        Position { line, column: 1 }
    }

    fn file_paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(p, _)| p.clone()).collect()
    }
}

/// Every [`BLOCK`]th line's start is kept whole, the others as the length
/// of the line before: a look-up is a binary search of the whole ones and
/// at most `BLOCK - 1` additions. Every event and change resolved looks
/// its line up: with 64, the look-ups took 2.6% of a cold load's
/// processor time on an HR export's history (`perf`), and resolving took
/// 7% longer than with 16.
const BLOCK: usize = 16;

/// Where each line of one text starts: ten million lines (a million
/// events) take 22.5 MB, not the 40 MB of a `u32` each.
#[derive(Debug)]
pub struct LineStarts {
    /// The start of lines 0, `BLOCK`, `2 * BLOCK`...
    whole: Vec<u32>,
    /// The length of each line but the last (its end is the next start),
    /// `u16::MAX` standing for a longer one, whose length is in `long`.
    lengths: Vec<u16>,
    /// The lengths of lines of `u16::MAX` bytes or more, by line.
    long: Vec<(u32, u32)>,
}

/// The line starts of an empty text: one line, from 0.
impl Default for LineStarts {
    fn default() -> LineStarts {
        LineStarts::of("")
    }
}

impl LineStarts {
    /// The line starts of `text`.
    pub fn of(text: &str) -> LineStarts {
        let mut s = LineStarts {
            whole: vec![0],
            lengths: Vec::with_capacity(text.len() / 24 + 1),
            long: Vec::new(),
        };
        let mut start = 0usize;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            let next = end + 1;
            let line = s.lengths.len();
            match u16::try_from(next - start) {
                Ok(n) if n < u16::MAX => s.lengths.push(n),
                _ => {
                    s.lengths.push(u16::MAX);
                    s.long.push((u32_of(line), u32_of(next - start)));
                }
            }
            if s.lengths.len().is_multiple_of(BLOCK) {
                s.whole.push(u32_of(next));
            }
            start = next;
        }
        s.lengths.shrink_to_fit();
        s
    }

    /// The length of line `line` (not the last).
    fn length(&self, line: usize) -> usize {
        match self.lengths[line] {
            u16::MAX => {
                let i = self.long.partition_point(|&(l, _)| (l as usize) < line);
                self.long[i].1 as usize
            }
            n => usize::from(n),
        }
    }

    /// The line (from 1) that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        // The last whole start at or before the offset (the first is 0).
        let b = self
            .whole
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1);
        let mut line = b * BLOCK;
        let mut start = self.whole[b] as usize;
        while line < self.lengths.len() {
            let next = start + self.length(line);
            if next > offset {
                break;
            }
            start = next;
            line += 1;
        }
        line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The line of `offset` as a list of every start finds it.
    fn plain(text: &str, offset: usize) -> usize {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        starts.partition_point(|&s| s <= offset).max(1)
    }

    #[test]
    fn each_offset_is_on_the_line_a_list_of_starts_gives() {
        let text = "a\n\nbc\nlast line";
        for offset in 0..=text.len() + 2 {
            assert_eq!(LineStarts::of(text).line_of(offset), plain(text, offset));
        }
    }

    #[test]
    fn an_empty_text_is_one_line() {
        for offset in [0, 1, 10] {
            assert_eq!(LineStarts::default().line_of(offset), 1);
        }
    }

    #[test]
    fn lines_longer_than_two_bytes_can_count_are_kept_whole() {
        let text = format!("a\n{}\nb\n{}\nc", "x".repeat(70_000), "y".repeat(65_534));
        let starts = LineStarts::of(&text);
        for offset in [
            0, 1, 2, 70_001, 70_002, 70_003, 70_004, 135_538, 135_539, 135_540,
        ] {
            assert_eq!(starts.line_of(offset), plain(&text, offset), "{offset}");
        }
    }

    proptest! {
        #[test]
        fn any_text_of_many_lines_agrees_with_a_list_of_starts(
            lines in prop::collection::vec(0usize..300, 0..400),
            probes in prop::collection::vec(0usize..60_000, 1..40),
        ) {
            let text: String = lines.iter().map(|&n| format!("{}\n", "z".repeat(n))).collect();
            let starts = LineStarts::of(&text);
            for p in probes {
                let offset = p % (text.len() + 1);
                prop_assert_eq!(starts.line_of(offset), plain(&text, offset));
            }
        }
    }
}
