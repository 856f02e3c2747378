//! The common case, read straight from `toml_parser`'s events into a
//! [`FileInput`], with no document tree: a file of `[[kind]]` headers (each
//! kind in one run of records), each followed by `key = value` lines of the
//! schema's keys, `changes` as an array of inline tables.
//!
//! Anything else — a problem of any kind, a dotted key, a table header, a
//! kind of record coming back after another, a key written twice — makes
//! [`Stream::feed`] give up (`None`), and the file is read again through the
//! tree ([`super::reader`]), whose rules and words stay the only ones. So
//! this path only ever reads files that the tree reads without a problem,
//! and must read them the same (see the differential tests).

use std::borrow::Cow;
use std::ops::Range;

use toml_parser::Source;
use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{Event, EventKind};

use crate::dates::PartialDate;
use crate::records::build::{self, Slot, Slots, val};
use crate::records::input::{FileInput, Seats, Str};
use crate::records::schema::{self, CHANGE, Kind, Type};

/// The fast path's reading of one file, a piece of its events at a time
/// (`reader::parse_in_pieces` cuts a file only before a table header, so
/// each piece holds whole records): the kinds of record seen so far.
#[derive(Default)]
pub(crate) struct Stream {
    seen: [bool; 4],
    current: Option<usize>,
}

impl Stream {
    /// The records of the file's next (problem-free) `events`, into `out`,
    /// or `None` if the file needs the tree.
    pub(crate) fn feed(
        &mut self,
        source: Source<'_>,
        events: &[Event],
        out: &mut FileInput,
        list: &mut Vec<Str>,
    ) -> Option<()> {
        let mut r = Fast {
            events,
            at: 0,
            source,
            out,
            list,
            stream: self,
        };
        r.document()
    }
}

struct Fast<'e, 'i, 'o> {
    events: &'e [Event],
    at: usize,
    source: Source<'i>,
    out: &'o mut FileInput,
    list: &'o mut Vec<Str>,
    stream: &'o mut Stream,
}

fn span_of(e: &Event) -> Range<usize> {
    e.span().start()..e.span().end()
}

impl<'i> Fast<'_, 'i, '_> {
    /// The next event (the reader keeps no whitespace, comment or newline).
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.at).copied()?;
        self.at += 1;
        Some(e)
    }

    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.at).map(Event::kind)
    }

    /// The text of an event as written.
    fn text(&self, event: &Event) -> Option<&'i str> {
        let span = event.span();
        self.source.input().get(span.start()..span.end())
    }

    /// A key's name (if it decodes without a problem).
    fn key(&self, event: &Event) -> Option<Cow<'i, str>> {
        if let Some(name) = bare_key(self.text(event)?) {
            return Some(Cow::Borrowed(name));
        }
        let raw = self.source.get(event)?;
        let mut name = Cow::Borrowed("");
        let mut bad = false;
        raw.decode_key(&mut name, &mut |_| bad = true);
        (!bad).then_some(name)
    }

    /// A scalar, decoded (if without a problem).
    fn scalar(&self, event: &Event) -> Option<(ScalarKind, Cow<'i, str>)> {
        if let Some(s) = plain_string(self.text(event)?) {
            return Some((ScalarKind::String, Cow::Borrowed(s)));
        }
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut bad = false;
        let kind = raw.decode_scalar(&mut decoded, &mut |_| bad = true);
        (!bad).then_some((kind, decoded))
    }

    fn document(&mut self) -> Option<()> {
        while let Some(open) = self.next() {
            if open.kind() != EventKind::ArrayTableOpen {
                return None;
            }
            let key = self.next()?;
            if key.kind() != EventKind::SimpleKey {
                return None;
            }
            let close = self.next()?;
            if close.kind() != EventKind::ArrayTableClose {
                return None;
            }
            let name = self.key(&key)?;
            let i = schema::RECORDS.iter().position(|k| k.name == name)?;
            let Stream { seen, current } = &mut *self.stream;
            if *current != Some(i) {
                if seen[i] {
                    return None;
                }
                seen[i] = true;
                *current = Some(i);
            }
            let kind = schema::RECORDS[i];
            let mut slots = Slots(Default::default());
            while self.peek() == Some(EventKind::SimpleKey) {
                let key = self.next()?;
                let (i, value) = self.entry(kind, &key)?;
                if slots.0[i].is_some() {
                    return None;
                }
                let slot = self.value(kind.fields[i].ty, &value)?;
                slots.0[i] = Some(slot);
            }
            if !required(kind, &slots) {
                return None;
            }
            build::push_record(self.out, kind, &slots);
        }
        Some(())
    }

    /// `key =` of `kind` (not dotted): the key's index, and the first event
    /// of the value.
    fn entry(&mut self, kind: &Kind, key: &Event) -> Option<(usize, Event)> {
        let sep = self.next()?;
        if sep.kind() != EventKind::KeyValSep {
            return None;
        }
        // A key written as the schema spells it is a bare key, as it reads.
        let i = match index(kind, self.text(key)?) {
            Some(i) => i,
            None => index(kind, &self.key(key)?)?,
        };
        let value = self.next()?;
        Some((i, value))
    }

    fn value(&mut self, ty: Type, event: &Event) -> Option<Slot> {
        let span = span_of(event);
        match (ty, event.kind()) {
            (Type::Str, EventKind::Scalar) => {
                let (ScalarKind::String, s) = self.scalar(event)? else {
                    return None;
                };
                Some(Slot::Str(self.out.push_str(&s, span)))
            }
            (Type::Bool, EventKind::Scalar) => {
                let (ScalarKind::Boolean(b), _) = self.scalar(event)? else {
                    return None;
                };
                Some(Slot::Bool(val(b, &span)))
            }
            (Type::Seats, EventKind::Scalar) => {
                let n = match self.scalar(event)? {
                    (ScalarKind::Integer(radix), s) => Seats::from_digits(&s, radix.value())?,
                    (ScalarKind::String, s) => Seats::from_word(&s)?,
                    _ => return None,
                };
                Some(Slot::Seats(val(n, &span)))
            }
            (Type::Date, EventKind::Scalar) => {
                let d = match self.scalar(event)? {
                    (ScalarKind::String, s) => PartialDate::parse(&s).ok()?,
                    (ScalarKind::DateTime, s) => {
                        let dt = s.parse::<toml_datetime::Datetime>().ok()?;
                        PartialDate::from_toml(&dt).ok()?
                    }
                    _ => return None,
                };
                Some(Slot::Date(val(d, &span)))
            }
            // An `aka` with entries written as tables is not the usual
            // layout: `strings` gives up on one, and the tree path reads it.
            (ty @ (Type::Strings | Type::Aliases), EventKind::ArrayOpen) => {
                let mut list = std::mem::take(self.list);
                list.clear();
                let ok = self.strings(&mut list);
                let r = ok.map(|()| self.out.push_list(&list));
                *self.list = list;
                let r = r?;
                Some(if ty == Type::Aliases {
                    let at = self.out.dated_aka.len() as u32;
                    Slot::Aliases(r, at..at)
                } else {
                    Slot::Range(r)
                })
            }
            (Type::Changes, EventKind::ArrayOpen) => {
                let start = self.out.changes.len() as u32;
                loop {
                    let e = self.next()?;
                    match e.kind() {
                        EventKind::InlineTableOpen => self.change(&e)?,
                        EventKind::ArrayClose => break,
                        _ => return None,
                    }
                    match self.next()?.kind() {
                        EventKind::ValueSep => {}
                        EventKind::ArrayClose => break,
                        _ => return None,
                    }
                }
                Some(Slot::Range(start..self.out.changes.len() as u32))
            }
            _ => None,
        }
    }

    /// The items of an array of strings, after its `[`.
    fn strings(&mut self, list: &mut Vec<Str>) -> Option<()> {
        loop {
            let e = self.next()?;
            match e.kind() {
                EventKind::Scalar => {
                    let (ScalarKind::String, s) = self.scalar(&e)? else {
                        return None;
                    };
                    list.push(self.out.push_str(&s, span_of(&e)));
                }
                EventKind::ArrayClose => return Some(()),
                _ => return None,
            }
            match self.next()?.kind() {
                EventKind::ValueSep => {}
                EventKind::ArrayClose => return Some(()),
                _ => return None,
            }
        }
    }

    /// A change, after its `{`.
    fn change(&mut self, open: &Event) -> Option<()> {
        let mut slots = Slots(Default::default());
        let close = loop {
            let e = self.next()?;
            match e.kind() {
                EventKind::SimpleKey => {
                    let (i, value) = self.entry(&CHANGE, &e)?;
                    if slots.0[i].is_some() || value.kind() != EventKind::Scalar {
                        return None;
                    }
                    slots.0[i] = Some(self.value(CHANGE.fields[i].ty, &value)?);
                }
                EventKind::InlineTableClose => break e,
                _ => return None,
            }
            let e = self.next()?;
            match e.kind() {
                EventKind::ValueSep => {}
                EventKind::InlineTableClose => break e,
                _ => return None,
            }
        };
        if !required(&CHANGE, &slots) {
            return None;
        }
        let span = open.span().start()..close.span().end();
        build::push_change(self.out, span, &slots);
        Some(())
    }
}

/// A bare key as written, when it is one (what `decode_key` would give).
fn bare_key(raw: &str) -> Option<&str> {
    let ok = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    // No early exit: short keys are checked faster all through.
    let all = raw.bytes().fold(true, |all, b| all & ok(b));
    (!raw.is_empty() && all).then_some(raw)
}

/// The bytes that stand for themselves in a basic string.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = (c >= 0x20 && c != 0x7f && c != b'"' && c != b'\\') || c == b'\t';
        b += 1;
    }
    t
};

/// The text of a one-line basic string with no escape, when `raw` is
/// one (what `decode_scalar` would give: every character but a control
/// one, `"` and `\\` stands for itself).
fn plain_string(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    // No early exit: short strings are checked faster all through.
    let all = inner.bytes().fold(true, |all, b| all & PLAIN[b as usize]);
    all.then_some(inner)
}

/// The index of key `name` in `kind`'s fields ([`Kind::index`], names of
/// another length or first letter passed over at once).
fn index(kind: &Kind, name: &str) -> Option<usize> {
    let first = *name.as_bytes().first()?;
    kind.fields
        .iter()
        .position(|f| f.name.len() == name.len() && f.name.as_bytes()[0] == first && f.name == name)
}

/// Whether every required key of `kind` is there.
fn required(kind: &Kind, slots: &Slots) -> bool {
    kind.fields
        .iter()
        .zip(&slots.0)
        .all(|(f, s)| !f.required || s.is_some())
}
