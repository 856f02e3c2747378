//! One CSV file of an import, its columns placed on the fields an
//! importer reads. Headers are recognised by name (case, spaces,
//! underscores, hyphens and dots ignored: `Employee_ID`, `employee id` and
//! `EmployeeId` are one), or placed with `--map FIELD=COLUMN`. Cells are
//! trimmed. What real exports get wrong is said with the file and line:
//! a byte-order mark, CRLF line ends and a column with no name are fine;
//! a row with fewer or more cells than the header is a warning (the
//! missing cells are empty, the extra ones ignored); a file with no header
//! row, or not UTF-8, is an error.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{ImportError, Warnings};

/// A field an importer reads from a column: an enum of the importer's,
/// named as `--map` names it, with the header names it is recognised by.
pub trait Field: Copy + Eq + fmt::Debug + 'static {
    /// Every field, in the order `--help` and messages list them.
    const ALL: &'static [Self];
    /// Its name in `--map FIELD=COLUMN`.
    fn name(self) -> &'static str;
    /// Header names it is recognised by, normalised ([`normalise`]).
    fn headers(self) -> &'static [&'static str];
    /// When no column is the field: columns whose cells, joined by a
    /// space, make it (a first and a last name make a name), as lists of
    /// header names normalised.
    fn parts(self) -> &'static [&'static [&'static str]] {
        &[]
    }
}

/// A header as recognition compares it: lowercase, without spaces,
/// underscores, hyphens, dots or a byte-order mark.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\u{feff}') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `--map FIELD=COLUMN`, for clap.
pub fn parse_map<F: Field>(text: &str) -> Result<(F, String), String> {
    let names = || {
        F::ALL
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((field, column)) = text.split_once('=') else {
        return Err(format!(
            "expected FIELD=COLUMN (e.g. name=\"Full Name\"), where FIELD is one of {}",
            names()
        ));
    };
    let field = field.trim();
    match F::ALL.iter().find(|f| f.name() == field) {
        Some(&f) => Ok((f, column.trim().to_string())),
        None => Err(format!(
            "unknown field '{field}'; the fields are {}",
            names()
        )),
    }
}

/// Where a field's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Column(usize),
    /// Several columns joined by a space.
    Joined(Vec<usize>),
}

/// One data row: its line in the file and its cells, trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    cells: Vec<String>,
}

/// A CSV file read, its columns placed.
#[derive(Debug)]
pub struct Table<F: Field> {
    pub file: PathBuf,
    /// The header row as written (a byte-order mark removed).
    pub headers: Vec<String>,
    places: Vec<(F, Place)>,
    pub rows: Vec<Row>,
}

impl<F: Field> Table<F> {
    /// Reads `text`, the file `file`, placing its columns by `maps` first,
    /// then by header names. Problems of the rows go to `warnings`.
    pub fn read(
        file: &Path,
        text: &str,
        maps: &[(F, String)],
        warnings: &mut Warnings,
    ) -> Result<Self, ImportError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bytes = text.as_bytes();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let bad = |e: csv::Error| {
            let line = e.position().map_or(0, |p| p.line());
            ImportError::at(file, line, format!("cannot read this CSV: {e}"))
        };
        let headers: Vec<String> = match records.next() {
            Some(r) => r
                .map_err(bad)?
                .iter()
                .map(|h| h.trim().to_string())
                .collect(),
            None => {
                return Err(ImportError::at(
                    file,
                    1,
                    "the file is empty: a CSV snapshot starts with a header row",
                ));
            }
        };
        let places = place(file, &headers, maps, warnings)?;
        let mut rows = Vec::new();
        // The csv crate's line numbers skip blank lines; count them from
        // each record's byte offset instead (a running count: linear).
        let (mut counted_to, mut line) = (0usize, 1u64);
        for record in records {
            let record = record.map_err(bad)?;
            let mut byte = record
                .position()
                .map_or(0, |p| p.byte() as usize)
                .min(bytes.len());
            // A record after blank lines starts where they do.
            while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            if byte > counted_to {
                line += memchr::memchr_iter(b'\n', &bytes[counted_to..byte]).count() as u64;
                counted_to = byte;
            }
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            if cells.len() < headers.len() {
                warnings.at(
                    file,
                    line,
                    format!(
                        "this row has {} cells and the header {}: the missing cells are read as empty",
                        cells.len(),
                        headers.len()
                    ),
                );
            } else if cells.len() > headers.len() {
                let extra: Vec<&str> = cells[headers.len()..]
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                if !extra.is_empty() {
                    warnings.at(
                        file,
                        line,
                        format!(
                            "this row has {} cells and the header {}: the extra cells ({}) are ignored",
                            cells.len(),
                            headers.len(),
                            extra.join(", ")
                        ),
                    );
                }
                cells.truncate(headers.len());
            }
            cells.resize(headers.len(), String::new());
            rows.push(Row { line, cells });
        }
        Ok(Table {
            file: file.to_path_buf(),
            headers,
            places,
            rows,
        })
    }

    /// Whether some column gives `field`.
    pub fn has(&self, field: F) -> bool {
        self.places.iter().any(|(f, _)| *f == field)
    }

    /// The value of `field` in `row`: `None` when no column gives it or
    /// its cell is empty.
    pub fn get<'r>(&self, row: &'r Row, field: F) -> Option<Cow<'r, str>> {
        let (_, place) = self.places.iter().find(|(f, _)| *f == field)?;
        match place {
            Place::Column(i) => Some(Cow::Borrowed(row.cells[*i].as_str())),
            Place::Joined(cols) => {
                let parts: Vec<&str> = cols
                    .iter()
                    .map(|&i| row.cells[i].as_str())
                    .filter(|c| !c.is_empty())
                    .collect();
                Some(Cow::Owned(parts.join(" ")))
            }
        }
        .filter(|v| !v.is_empty())
    }

    /// An error unless every field of `fields` has a column, listing the
    /// headers found and how to place one.
    pub fn require(&self, fields: &[F]) -> Result<(), ImportError> {
        let missing: Vec<&str> = fields
            .iter()
            .filter(|&&f| !self.has(f))
            .map(|f| f.name())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let headers: Vec<String> = self.headers.iter().map(|h| format!("'{h}'")).collect();
        Err(ImportError::at(
            &self.file,
            1,
            format!(
                "no column gives {}; the headers are {}\n  help: name the column with --map {}=COLUMN",
                missing.join(", "),
                headers.join(", "),
                missing[0]
            ),
        ))
    }

    /// What was placed where, for the user: `id ← "Employee Id", name ←
    /// "First Name" + "Last Name"`, then the columns left unread.
    pub fn recognised(&self) -> String {
        let column = |i: usize| format!("\"{}\"", self.headers[i]);
        let mut used = vec![false; self.headers.len()];
        let mut parts = Vec::new();
        for (f, place) in &self.places {
            let cols = match place {
                Place::Column(i) => vec![*i],
                Place::Joined(cols) => cols.clone(),
            };
            cols.iter().for_each(|&i| used[i] = true);
            let names: Vec<String> = cols.into_iter().map(column).collect();
            parts.push(format!("{} ← {}", f.name(), names.join(" + ")));
        }
        let unread: Vec<String> = (0..self.headers.len())
            .filter(|&i| !used[i])
            .map(|i| match self.headers[i].is_empty() {
                true => format!("(column {} has no name)", i + 1),
                false => column(i),
            })
            .collect();
        let mut s = parts.join(", ");
        if !unread.is_empty() {
            s.push_str(&format!("; not read: {}", unread.join(", ")));
        }
        s
    }
}

/// Places each field on a column: `--map` first (an error when it names
/// no header), then the first header recognised as the field, then the
/// field's parts.
fn place<F: Field>(
    file: &Path,
    headers: &[String],
    maps: &[(F, String)],
    warnings: &mut Warnings,
) -> Result<Vec<(F, Place)>, ImportError> {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut places = Vec::new();
    for (field, column) in maps {
        let i = headers
            .iter()
            .position(|h| h == column)
            .or_else(|| norm.iter().position(|h| *h == normalise(column)));
        let Some(i) = i else {
            let found: Vec<String> = headers.iter().map(|h| format!("'{h}'")).collect();
            return Err(ImportError::at(
                file,
                1,
                format!(
                    "--map {}={column}: no column is named '{column}'; the headers are {}",
                    field.name(),
                    found.join(", ")
                ),
            ));
        };
        taken[i] = true;
        places.retain(|(f, _)| f != field);
        places.push((*field, Place::Column(i)));
    }
    for &field in F::ALL {
        if places.iter().any(|(f, _)| *f == field) {
            continue;
        }
        let matching: Vec<usize> = (0..headers.len())
            .filter(|&i| !taken[i] && field.headers().contains(&norm[i].as_str()))
            .collect();
        if let Some(&i) = matching.first() {
            if let Some(&j) = matching.get(1) {
                warnings.at(
                    file,
                    1,
                    format!(
                        "columns \"{}\" and \"{}\" could both be {}: reading the first (name the one to read with --map {}=COLUMN)",
                        headers[i],
                        headers[j],
                        field.name(),
                        field.name()
                    ),
                );
            }
            taken[i] = true;
            places.push((field, Place::Column(i)));
            continue;
        }
        let cols: Option<Vec<usize>> = field
            .parts()
            .iter()
            .map(|names| {
                (0..headers.len()).find(|&i| !taken[i] && names.contains(&norm[i].as_str()))
            })
            .collect();
        if let Some(cols) = cols.filter(|c| !c.is_empty()) {
            cols.iter().for_each(|&i| taken[i] = true);
            places.push((field, Place::Joined(cols)));
        }
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum T {
        Id,
        Name,
        Manager,
    }

    impl Field for T {
        const ALL: &'static [Self] = &[T::Id, T::Name, T::Manager];
        fn name(self) -> &'static str {
            match self {
                T::Id => "id",
                T::Name => "name",
                T::Manager => "manager",
            }
        }
        fn headers(self) -> &'static [&'static str] {
            match self {
                T::Id => &["id", "employeeid"],
                T::Name => &["name", "fullname"],
                T::Manager => &["manager", "managerid"],
            }
        }
        fn parts(self) -> &'static [&'static [&'static str]] {
            match self {
                T::Name => &[&["firstname"], &["lastname"]],
                _ => &[],
            }
        }
    }

    fn read(text: &str, maps: &[(T, String)]) -> (Table<T>, Warnings) {
        let mut w = Warnings::default();
        let t = Table::read(Path::new("s.csv"), text, maps, &mut w).unwrap();
        (t, w)
    }

    #[test]
    fn headers_are_recognised_whatever_their_case_and_spacing() {
        let (t, w) = read(
            "\u{feff}Employee_ID , First Name,Last Name,Manager ID,Notes\r\n 7 ,Ada,Lovelace,,x\r\n",
            &[],
        );
        assert!(w.is_empty());
        let row = &t.rows[0];
        assert_eq!(t.get(row, T::Id).as_deref(), Some("7"));
        assert_eq!(t.get(row, T::Name).as_deref(), Some("Ada Lovelace"));
        assert_eq!(t.get(row, T::Manager), None);
        assert_eq!(
            t.recognised(),
            "id ← \"Employee_ID\", name ← \"First Name\" + \"Last Name\", manager ← \"Manager ID\"; not read: \"Notes\""
        );
    }

    #[test]
    fn map_places_a_column_the_names_do_not() {
        let (t, _) = read(
            "Ref,Who\n1,Ada\n",
            &[(T::Id, "Ref".into()), (T::Name, "who".into())],
        );
        assert_eq!(t.get(&t.rows[0], T::Name).as_deref(), Some("Ada"));
        let mut w = Warnings::default();
        let e = Table::<T>::read(Path::new("s.csv"), "A,B\n", &[(T::Id, "C".into())], &mut w)
            .unwrap_err();
        assert!(e.to_string().contains("no column is named 'C'"), "{e}");
    }

    #[test]
    fn short_and_long_rows_warn_with_their_line() {
        let (t, w) = read("id,name\n1\n2,Bo,extra\n\n3,Cy\n", &[]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.get(&t.rows[0], T::Name), None);
        let lines: Vec<u64> = w.iter().map(|w| w.line).collect();
        assert_eq!(lines, [2, 3]);
        assert_eq!(t.rows[2].line, 5);
    }

    #[test]
    fn a_missing_field_names_the_headers_found() {
        let (t, _) = read("Ref,Who\n", &[]);
        let e = t.require(&[T::Id]).unwrap_err().to_string();
        assert!(
            e.contains("no column gives id; the headers are 'Ref', 'Who'"),
            "{e}"
        );
        assert!(e.contains("--map id=COLUMN"), "{e}");
    }

    #[test]
    fn parse_map_names_the_fields() {
        assert_eq!(
            parse_map::<T>("name=Full Name"),
            Ok((T::Name, "Full Name".into()))
        );
        assert!(
            parse_map::<T>("boss=X")
                .unwrap_err()
                .contains("id, name, manager")
        );
    }
}
