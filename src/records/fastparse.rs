//! A fast reader for the plain TOML that data files are usually written in.
//!
//! It reads the records of a data file straight into their compact form
//! ([`FileInput`]), with the same values and byte spans the `toml` crate
//! gives, several times faster, without a document tree or a `String` per
//! value. It accepts only a strict subset of TOML: `[[unit]]`, `[[person]]`, `[[role]]` and
//! `[[event]]` headers; bare keys that the record has, each once; basic
//! strings with the common escapes, literal strings, booleans, local dates,
//! arrays of strings and, for `changes`, arrays of one-line inline tables;
//! comments. On anything else, valid or not, it gives up (`None`) and the
//! `toml` crate reads the file, so what it accepts is read exactly as
//! `toml` reads it, and every problem is still reported by the usual path.

use std::ops::Range;

use chrono::NaiveDate;

use crate::dates::PartialDate;
use crate::records::input::{EventIn, FileInput, PersonIn, RoleIn, Str, UnitIn, Val};

/// A value and its byte range, while reading.
type Spanned<T> = Val<T>;

fn spanned<T>(span: Range<usize>, value: T) -> Val<T> {
    Val {
        value,
        start: span.start as u32,
        end: span.end as u32,
    }
}

/// The records of `text`, or `None` when the text uses anything this
/// reader does not handle.
pub fn parse(text: &str) -> Option<FileInput> {
    // Control characters (other than tab and newline) are errors in TOML,
    // or a lone carriage return: leave them to the full parser.
    if text
        .bytes()
        .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f)
    {
        return None;
    }
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        out: FileInput::default(),
        buf: String::new(),
        list: Vec::new(),
    };
    let mut current: Option<Record> = None;
    loop {
        p.skip_ws();
        match p.peek() {
            None => break,
            Some(b'\n') => p.i += 1,
            Some(b'#') => p.skip_comment(),
            Some(b'[') => {
                if let Some(r) = current.take() {
                    r.finish(&mut p.out)?;
                }
                current = Some(p.header()?);
                p.end_of_line()?;
            }
            Some(_) => {
                let record = current.as_mut()?;
                let key = p.bare_key()?;
                p.skip_ws();
                p.expect(b'=')?;
                p.skip_ws();
                record.value(key, &mut p)?;
                p.end_of_line()?;
            }
        }
    }
    if let Some(r) = current.take() {
        r.finish(&mut p.out)?;
    }
    p.out.shrink();
    Some(p.out)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    out: FileInput,
    /// A string with escapes, decoded.
    buf: String,
    /// The items of the list being read.
    list: Vec<Str>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn skip_comment(&mut self) {
        while !matches!(self.peek(), None | Some(b'\n')) {
            self.i += 1;
        }
    }

    /// Blank space, comments and newlines (inside arrays).
    fn skip_ws_lines(&mut self) {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'\n') => self.i += 1,
                Some(b'#') => self.skip_comment(),
                _ => return,
            }
        }
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    /// Spaces, an optional comment, then a newline or the end.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_ws();
        if self.peek() == Some(b'#') {
            self.skip_comment();
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            _ => None,
        }
    }

    fn header(&mut self) -> Option<Record> {
        let rest = &self.s[self.i..];
        let (kind, len) = if rest.starts_with(b"[[unit]]") {
            (Record::Unit(Default::default()), 8)
        } else if rest.starts_with(b"[[role]]") {
            (Record::Role(Default::default()), 8)
        } else if rest.starts_with(b"[[event]]") {
            (Record::Event(Default::default()), 9)
        } else if rest.starts_with(b"[[person]]") {
            (Record::Person(Default::default()), 10)
        } else {
            return None;
        };
        self.i += len;
        Some(kind)
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    /// A basic or literal string on one line, stored with its span (quotes
    /// included).
    fn string(&mut self) -> Option<Str> {
        let start = self.i;
        match self.peek()? {
            b'"' => {
                if self.s[self.i..].starts_with(b"\"\"\"") {
                    return None;
                }
                self.i += 1;
                let from = self.i;
                let mut escaped = false;
                self.buf.clear();
                let mut run = self.i;
                loop {
                    match self.peek()? {
                        b'"' => break,
                        b'\n' => return None,
                        b'\\' => {
                            escaped = true;
                            self.buf.push_str(&self.text[run..self.i]);
                            let c = match self.s.get(self.i + 1)? {
                                b'"' => '"',
                                b'\\' => '\\',
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                _ => return None,
                            };
                            self.buf.push(c);
                            self.i += 2;
                            run = self.i;
                        }
                        _ => self.i += 1,
                    }
                }
                let end = self.i;
                self.i += 1;
                if escaped {
                    self.buf.push_str(&self.text[run..end]);
                    let decoded = std::mem::take(&mut self.buf);
                    let s = self.out.push_str(&decoded, start..self.i);
                    self.buf = decoded;
                    Some(s)
                } else {
                    Some(self.out.push_str(&self.text[from..end], start..self.i))
                }
            }
            b'\'' => {
                if self.s[self.i..].starts_with(b"\'\'\'") {
                    return None;
                }
                self.i += 1;
                let from = self.i;
                loop {
                    match self.peek()? {
                        b'\'' => break,
                        b'\n' => return None,
                        _ => self.i += 1,
                    }
                }
                let end = self.i;
                self.i += 1;
                Some(self.out.push_str(&self.text[from..end], start..self.i))
            }
            _ => None,
        }
    }

    fn boolean(&mut self) -> Option<Spanned<bool>> {
        let start = self.i;
        let rest = &self.s[self.i..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.i += len;
        self.value_ends()?;
        Some(spanned(start..self.i, value))
    }

    /// After a bare value: what may follow it.
    fn value_ends(&self) -> Option<()> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'#' | b',' | b'}' | b']') => Some(()),
            _ => None,
        }
    }

    /// A local date (`2023-05-10`) or a string date (`"2022-11~"`).
    fn date(&mut self) -> Option<Spanned<PartialDate>> {
        if matches!(self.peek(), Some(b'"' | b'\'')) {
            let s = self.string()?;
            let d = PartialDate::parse(self.out.str(s)).ok()?;
            return Some(spanned(s.span(), d));
        }
        let start = self.i;
        let b = self.s.get(start..start + 10)?;
        let digit = |k: usize| b[k].is_ascii_digit();
        if !(b[4] == b'-' && b[7] == b'-' && [0, 1, 2, 3, 5, 6, 8, 9].into_iter().all(digit)) {
            return None;
        }
        self.i += 10;
        // Not the start of a date-time (`T`, or a space and a time).
        self.value_ends()?;
        let mut j = self.i;
        while matches!(self.s.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        if self.s.get(j).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            self.text[start + r.start..start + r.end]
                .parse::<u32>()
                .ok()
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if y == 0 {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        Some(spanned(start..self.i, PartialDate::day(date)))
    }

    /// `[ "a", 'b', ]`, possibly over several lines.
    fn strings(&mut self) -> Option<Range<u32>> {
        self.expect(b'[')?;
        self.list.clear();
        loop {
            self.skip_ws_lines();
            if self.peek() == Some(b']') {
                break;
            }
            let item = self.string()?;
            self.list.push(item);
            self.skip_ws_lines();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.i += 1;
        let items = std::mem::take(&mut self.list);
        let r = self.out.push_list(&items);
        self.list = items;
        Some(r)
    }

    /// `[ { op = ... }, ... ]`: the range of the changes stored.
    fn changes(&mut self) -> Option<Range<u32>> {
        self.expect(b'[')?;
        let first = self.out.changes.len() as u32;
        loop {
            self.skip_ws_lines();
            if self.peek() == Some(b']') {
                break;
            }
            self.change()?;
            self.skip_ws_lines();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.i += 1;
        Some(first..self.out.changes.len() as u32)
    }

    /// One inline table on one line.
    fn change(&mut self) -> Option<()> {
        let start = self.i;
        self.expect(b'{')?;
        let mut op = None;
        let mut fields: [Option<Str>; 9] = [None; 9];
        let mut acting = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            return None;
        }
        loop {
            self.skip_ws();
            let key = self.bare_key()?;
            self.skip_ws();
            self.expect(b'=')?;
            self.skip_ws();
            let slot = match key {
                "op" => &mut op,
                "unit" => &mut fields[0],
                "role" => &mut fields[1],
                "person" => &mut fields[2],
                "into" => &mut fields[3],
                "to" => &mut fields[4],
                "name" => &mut fields[5],
                "title" => &mut fields[6],
                "key" => &mut fields[7],
                "value" => &mut fields[8],
                "acting" => {
                    if acting.is_some() {
                        return None;
                    }
                    acting = Some(self.boolean()?);
                    self.after_inline_value()?;
                    if self.peek() == Some(b'}') {
                        break;
                    }
                    continue;
                }
                _ => return None,
            };
            if slot.is_some() {
                return None;
            }
            *slot = Some(self.string()?);
            self.after_inline_value()?;
            if self.peek() == Some(b'}') {
                break;
            }
        }
        self.i += 1;
        self.out.push_change(start..self.i, op?, &fields, acting);
        Some(())
    }

    /// After a value in an inline table: `,` and another key, or `}`.
    fn after_inline_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b',' => {
                self.i += 1;
                self.skip_ws();
                // No trailing comma.
                (self.peek() != Some(b'}')).then_some(())
            }
            b'}' => Some(()),
            _ => None,
        }
    }
}

#[derive(Default)]
struct UnitFields {
    id: Option<Str>,
    name: Option<Str>,
    aka: Option<Range<u32>>,
    kind: Option<Str>,
    parent: Option<Str>,
    since: Option<Spanned<PartialDate>>,
    note: Option<Str>,
    sources: Option<Range<u32>>,
}

#[derive(Default)]
struct PersonFields {
    id: Option<Str>,
    name: Option<Str>,
    aka: Option<Range<u32>>,
    note: Option<Str>,
    sources: Option<Range<u32>>,
}

#[derive(Default)]
struct RoleFields {
    id: Option<Str>,
    title: Option<Str>,
    unit: Option<Str>,
    head: Option<Spanned<bool>>,
    reports_to: Option<Str>,
    since: Option<Spanned<PartialDate>>,
    holder: Option<Str>,
    aka: Option<Range<u32>>,
    note: Option<Str>,
    sources: Option<Range<u32>>,
}

#[derive(Default)]
struct EventFields {
    id: Option<Str>,
    date: Option<Spanned<PartialDate>>,
    reported: Option<Spanned<PartialDate>>,
    title: Option<Str>,
    sources: Option<Range<u32>>,
    note: Option<Str>,
    changes: Option<Range<u32>>,
}

enum Record {
    Unit(UnitFields),
    Person(PersonFields),
    Role(RoleFields),
    Event(EventFields),
}

/// Sets a field once: a second value for a key is a TOML error.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

impl Record {
    fn value(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        let plain = |p: &mut Parser| p.string();
        match self {
            Record::Unit(u) => match key {
                "id" => set(&mut u.id, p.string()),
                "name" => set(&mut u.name, p.string()),
                "aka" => set(&mut u.aka, p.strings()),
                "kind" => set(&mut u.kind, plain(p)),
                "parent" => set(&mut u.parent, p.string()),
                "since" => set(&mut u.since, p.date()),
                "note" => set(&mut u.note, plain(p)),
                "sources" => set(&mut u.sources, p.strings()),
                _ => None,
            },
            Record::Person(r) => match key {
                "id" => set(&mut r.id, p.string()),
                "name" => set(&mut r.name, p.string()),
                "aka" => set(&mut r.aka, p.strings()),
                "note" => set(&mut r.note, plain(p)),
                "sources" => set(&mut r.sources, p.strings()),
                _ => None,
            },
            Record::Role(r) => match key {
                "id" => set(&mut r.id, p.string()),
                "title" => set(&mut r.title, p.string()),
                "unit" => set(&mut r.unit, p.string()),
                "head" => set(&mut r.head, p.boolean()),
                "reports_to" => set(&mut r.reports_to, p.string()),
                "since" => set(&mut r.since, p.date()),
                "holder" => set(&mut r.holder, p.string()),
                "aka" => set(&mut r.aka, p.strings()),
                "note" => set(&mut r.note, plain(p)),
                "sources" => set(&mut r.sources, p.strings()),
                _ => None,
            },
            Record::Event(e) => match key {
                "id" => set(&mut e.id, p.string()),
                "date" => set(&mut e.date, p.date()),
                "reported" => set(&mut e.reported, p.date()),
                "title" => set(&mut e.title, plain(p)),
                "sources" => set(&mut e.sources, p.strings()),
                "note" => set(&mut e.note, plain(p)),
                "changes" => set(&mut e.changes, p.changes()),
                _ => None,
            },
        }
    }

    /// Adds the record, if it has every required field.
    fn finish(self, out: &mut FileInput) -> Option<()> {
        let list = |l: Option<Range<u32>>| l.unwrap_or(0..0);
        match self {
            Record::Unit(u) => out.units.push(UnitIn {
                id: u.id?,
                name: u.name?,
                aka: list(u.aka),
                kind: u.kind,
                parent: u.parent,
                since: u.since,
                note: u.note,
                sources: list(u.sources),
            }),
            Record::Person(r) => out.people.push(PersonIn {
                id: r.id?,
                name: r.name?,
                aka: list(r.aka),
                note: r.note,
                sources: list(r.sources),
            }),
            Record::Role(r) => out.roles.push(RoleIn {
                id: r.id?,
                title: r.title?,
                unit: r.unit?,
                head: r.head,
                reports_to: r.reports_to,
                since: r.since,
                holder: r.holder,
                aka: list(r.aka),
                note: r.note,
                sources: list(r.sources),
            }),
            Record::Event(e) => out.events.push(EventIn {
                id: e.id,
                date: e.date?,
                reported: e.reported.map(|r| r.value),
                title: e.title,
                sources: list(e.sources),
                note: e.note,
                changes: e.changes.unwrap_or(0..0),
            }),
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::records::format::FileRecords;
    use crate::records::input::FileInput;

    /// What the `toml` crate reads, or `None` when it refuses the text.
    fn by_toml(text: &str) -> Option<String> {
        let r: FileRecords = toml::from_str(text).ok()?;
        Some(FileInput::from_records(r).dump())
    }

    fn fast(text: &str) -> Option<String> {
        parse(text).map(|f| f.dump())
    }

    #[track_caller]
    fn same(text: &str) {
        let fast = fast(text).expect("read by the fast reader");
        let slow = by_toml(text).expect("valid");
        assert_eq!(fast, slow, "{text}");
    }

    #[test]
    fn reads_the_bundled_data_exactly_as_toml_does() {
        for (path, text) in crate::load::bundled::files() {
            let fast = fast(&text);
            let slow = by_toml(&text);
            assert!(fast.is_some(), "{} not read", path.display());
            assert_eq!(fast, slow, "{}", path.display());
        }
    }

    #[test]
    fn reads_generated_data_exactly_as_toml_does() {
        let p = orgctl_synth::Params {
            people: 300,
            years: 4,
            ..Default::default()
        };
        for (path, text) in orgctl_synth::generate(&p).0 {
            let fast = fast(&text);
            assert!(fast.is_some(), "{} not read", path.display());
            assert_eq!(fast, by_toml(&text), "{}", path.display());
        }
    }

    #[test]
    fn reads_values_and_spans_as_toml_does() {
        same(
            "# c\n[[event]]\nid = \"a\\\"b\\\\c\\n\"  # c\ndate = 2023-05-10\nreported = \"2023-05~\"\nchanges = [{ op = \"appoint\", person = 'p', acting = true },\n  # between\n  { op = \"leave\", person = \"p\" } , ]\n",
        );
        same(
            "[[role]]\nid='r'\ntitle=\"T\"\t\nunit=\"u\"\nhead = false\naka = [\n  \"x\",\n  'y' # c\n]\nsources = []\n\n[[unit]]\nid = \"u\"\nname = \"Ünïcödé ✓\"\nsince = \"2021\"\n[[person]]\nid = \"p\"\nname = \"P\"\n",
        );
        same("");
        same("# only a comment");
        same("[[event]]\ndate = 2024-02-29\nchanges = []");
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for text in [
            "x = 1\n",
            "[unit]\nid = \"u\"\n",
            "[[unit]]\nid = \"u\"\nid = \"v\"\nname = \"n\"\n",
            "[[unit]]\nid = \"u\"\n",
            "[[unit]]\nid = \"u\"\nname = \"\"\"n\"\"\"\n",
            "[[unit]]\nid = \"u\"\nname = \"n\\u00e9\"\n",
            "[[unit]]\nid = \"u\"\nname = \"n\"\nnmae = \"x\"\n",
            "[[event]]\ndate = 2023-02-30\n",
            "[[event]]\ndate = 0000-01-01\n",
            "[[event]]\ndate = 2023-05-10T10:00:00\n",
            "[[event]]\ndate = 2023-05-10 10:00:00\n",
            "[[event]]\ndate = \"2023-13\"\n",
            "[[event]]\ndate = 2023-05-10\nchanges = [{ op = \"leave\",\n person = \"p\" }]\n",
            "[[event]]\ndate = 2023-05-10\nchanges = [{ op = \"leave\", person = \"p\", }]\n",
            "[[event]]\ndate = 2023-05-10\nchanges = [{ op = \"leave\", op = \"p\" }]\n",
            "[[event]]\ndate = 2023-05-10\nchanges = [{ person = \"p\" }]\n",
            "[[event]]\ndate = 2023-05-10\ntitle = \"a\rb\"\n",
            "[[role]]\nid = \"r\"\ntitle = \"t\"\nunit = \"u\"\nhead = 1\n",
            "[[unit]]\nid = \"u\" name = \"n\"\n",
            "[[unit]]\n\"id\" = \"u\"\nname = \"n\"\n",
            "[[unit]]\nid = \"u\\q\"\nname = \"n\"\n",
        ] {
            assert!(parse(text).is_none(), "{text:?} should be left to toml");
        }
    }

    /// Every data file of the test corpora (the bad-input cases and, when
    /// it is there, the toml-test suite): whatever the fast reader reads,
    /// the careful path reads too, to the same records and spans.
    #[test]
    fn agrees_with_the_careful_path_on_every_corpus_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![
            root.join("tests"),
            root.join("data"),
            root.join("../shared/corpus/toml-test/tests"),
        ];
        let (mut read, mut all) = (0, 0);
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|x| x != "toml") {
                    continue;
                }
                let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap_or_default()) else {
                    continue;
                };
                let text = crate::load::normalise(text);
                all += 1;
                let Some(fast) = fast(&text) else { continue };
                read += 1;
                let mut diags = Vec::new();
                let slow = crate::load::parse_file(crate::ids::FileId::new(0), &text, &mut diags);
                assert!(
                    diags.is_empty(),
                    "{}: fast read, but {diags:?}",
                    path.display()
                );
                let slow = FileInput::from_records(slow.expect("records")).dump();
                assert_eq!(fast, slow, "{}", path.display());
            }
        }
        assert!(all > 20 && read > 5, "{read} of {all} files read");
    }
}
