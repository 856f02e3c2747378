//! The tables of human output. On a terminal, comfy-table draws them
//! (rules under the header, columns wrapped to the terminal's width).
//! Piped, they are plain aligned columns, one record per line, written
//! here: the same text comfy-table gives without borders or wrapping, at
//! a fraction of its cost (it lays out every cell as styled content: some
//! 3 µs a row, a tenth of a second for a 25,000-step chain).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

use super::many;
use crate::render::Style;

/// A table: a header and rows of cells, drawn when written.
pub struct Grid {
    terminal: bool,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new(style: &Style) -> Self {
        Grid {
            terminal: style.terminal,
            header: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn set_header<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Self {
        self.header = cells.into_iter().map(Into::into).collect();
        self
    }

    pub fn add_row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// Writes the table, each line without the padding of its last cell:
    /// lines that end in spaces are noise in a terminal and in `diff` or
    /// `grep` output.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.terminal {
            true => {
                for line in self.drawn().lines() {
                    writeln!(out, "{}", line.trim_end())?;
                }
                Ok(())
            }
            false => self.plain(out),
        }
    }

    /// comfy-table's drawing, for a terminal.
    fn drawn(&self) -> Table {
        let mut t = Table::new();
        t.load_style(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
        self.fill(&mut t);
        t
    }

    fn fill(&self, t: &mut Table) {
        if !self.header.is_empty() {
            t.set_header(self.header.clone());
        }
        for row in &self.rows {
            t.add_row(row.clone());
        }
    }

    /// Plain columns: each cell one space either side, padded to its
    /// column's width (at least one); a cell of several lines makes its
    /// row as many.
    fn plain(&self, out: &mut dyn Write) -> io::Result<()> {
        let rows: Vec<&Vec<String>> = std::iter::once(&self.header)
            .filter(|h| !h.is_empty())
            .chain(&self.rows)
            .collect();
        let n = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if n == 0 {
            return Ok(());
        }
        // Each row's cells' widths, then the widest of each column.
        let row_widths = many::map(&rows, |row| {
            let cell = |c: &String| c.split('\n').map(|l| l.width()).max().unwrap_or(0);
            row.iter().map(cell).collect::<Vec<usize>>()
        });
        let mut widths = vec![1usize; n];
        for row in &row_widths {
            for (w, &cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell);
            }
        }
        // A row's lines, each cell padded to its column's width.
        let lines = |text: &mut String, row: &&Vec<String>| {
            let cells: Vec<Vec<&str>> = (0..n)
                .map(|i| row.get(i).map_or(vec![""], |c| c.split('\n').collect()))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let start = text.len();
                for (cell, w) in cells.iter().zip(&widths) {
                    let cell = cell.get(k).copied().unwrap_or("");
                    text.push(' ');
                    text.push_str(cell);
                    text.extend(std::iter::repeat_n(' ', w - cell.width() + 1));
                }
                text.truncate(start + text[start..].trim_end().len());
                text.push('\n');
            }
            Ok(())
        };
        many::write_each(out, &rows, lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// comfy-table's drawing without borders or wrapping, each line
    /// trimmed: what piped tables were before they were written here.
    fn by_comfy(g: &Grid) -> String {
        let mut t = Table::new();
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
        g.fill(&mut t);
        t.lines().map(|l| format!("{}\n", l.trim_end())).collect()
    }

    fn plain(g: &Grid) -> String {
        let mut out = Vec::new();
        g.plain(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn piped() -> Style {
        Style {
            color: false,
            terminal: false,
        }
    }

    #[test]
    fn a_piped_table_is_aligned_columns_without_trailing_spaces() {
        let mut g = Grid::new(&piped());
        g.set_header(vec!["STEP", "NAME", "ROLE"]);
        g.add_row(["1", "Zhang Yong", "CEO"]);
        g.add_row(["2", "蔡崇信", ""]);
        assert_eq!(
            plain(&g),
            " STEP  NAME        ROLE\n 1     Zhang Yong  CEO\n 2     蔡崇信\n"
        );
        assert_eq!(plain(&g), by_comfy(&g));
    }

    proptest! {
        #[test]
        fn a_piped_table_is_what_comfy_table_drew(
            header in proptest::collection::vec("[A-Z ]{0,8}", 0..5),
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z0-9 ]{0,10}|\\PC{0,6}|[a-z]{1,4}\n[a-z]{0,4}", 0..5),
                0..6,
            ),
        ) {
            let mut g = Grid::new(&piped());
            if !header.is_empty() {
                g.set_header(header);
            }
            for r in rows {
                g.add_row(r);
            }
            prop_assert_eq!(plain(&g), by_comfy(&g));
        }
    }
}
