//! The document tree of one file: `toml_parser`'s events laid out with
//! TOML's rules for keys and tables (a key written twice, a table defined
//! twice, an array of tables mixed with a table, a dotted key into an
//! inline table are errors, worded as the `toml` crate words them).
//!
//! The tree ([`Table`], [`Node`]) is needed because TOML lets a later
//! header or dotted key add to a table written earlier; it borrows every
//! string it can from the text and lives only while one file is read. The
//! usual layout never needs it (see [`super::fast`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml_parser::parser::{Event, EventKind};
use toml_parser::{ErrorSink, ParseError, Source};

/// How deep arrays, tables and dotted keys may nest (as the `toml` crate).
pub(crate) const LIMIT: u32 = 80;

/// Tables with more entries than this find keys through a hash map.
const INDEX_FROM: usize = 32;

/// A key as written, decoded, with its byte range.
#[derive(Debug, Clone)]
pub(crate) struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Range<usize>,
}

/// A value with its byte range.
#[derive(Debug)]
pub(crate) struct Node<'i> {
    pub span: Range<usize>,
    pub value: Value<'i>,
}

#[derive(Debug)]
pub(crate) enum Value<'i> {
    Str(Cow<'i, str>),
    Bool(bool),
    /// The digits as `from_str_radix` takes them, and the radix.
    Int(Cow<'i, str>, u32),
    Float(Cow<'i, str>),
    Datetime(toml_datetime::Datetime),
    /// The items, and whether it is an array of tables (`[[x]]`).
    Array(Vec<Node<'i>>, bool),
    Table(Table<'i>),
}

/// A table: its entries in the order written (but for a table defined
/// by a header after a header inside it defined it implicitly, which moves
/// to where that one was).
#[derive(Debug, Default)]
pub(crate) struct Table<'i> {
    pub entries: Vec<(Key<'i>, Node<'i>)>,
    /// Where each key is, once the table has more than [`INDEX_FROM`]
    /// entries (records have a dozen at most).
    index: Option<HashMap<String, usize>>,
    /// Created by a dotted key or a header path, not defined itself.
    implicit: bool,
    /// Created by a dotted key.
    dotted: bool,
    inline: bool,
}

impl<'i> Table<'i> {
    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.entries.iter().position(|(k, _)| k.name == name),
        }
    }

    /// Adds an entry (its key not yet in the table); its index.
    fn push(&mut self, key: Key<'i>, node: Node<'i>) -> usize {
        let i = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.name.to_string(), i);
        }
        self.entries.push((key, node));
        if self.index.is_none() && self.entries.len() > INDEX_FROM {
            let index = self.entries.iter().enumerate();
            self.index = Some(index.map(|(i, (k, _))| (k.name.to_string(), i)).collect());
        }
        i
    }

    /// Takes out entry `i`, the last one taking its place.
    fn take(&mut self, i: usize) -> (Key<'i>, Node<'i>) {
        let taken = self.entries.swap_remove(i);
        if let Some(index) = &mut self.index {
            index.remove(taken.0.name.as_ref());
            if let Some((moved, _)) = self.entries.get(i) {
                index.insert(moved.name.to_string(), i);
            }
        }
        taken
    }
}

/// The document tree of the events of `source`.
pub(crate) fn walk<'i>(
    source: Source<'i>,
    errors: &mut Vec<ParseError>,
    events: &[Event],
) -> Table<'i> {
    let mut w = Walk {
        events,
        at: 0,
        source,
        errors,
    };
    w.document()
}

struct Walk<'e, 'i, 'x> {
    events: &'e [Event],
    at: usize,
    source: Source<'i>,
    errors: &'x mut dyn ErrorSink,
}

struct Header<'i> {
    path: Vec<Key<'i>>,
    key: Option<Key<'i>>,
    span: Range<usize>,
    is_array: bool,
}

fn span_of(e: &Event) -> Range<usize> {
    e.span().start()..e.span().end()
}

fn error_at(message: impl Into<Cow<'static, str>>, span: &Range<usize>) -> ParseError {
    ParseError::new(message).with_unexpected(toml_parser::Span::new_unchecked(span.start, span.end))
}

fn type_str(v: &Value<'_>) -> &'static str {
    match v {
        Value::Str(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Int(..) => "integer",
        Value::Float(_) => "float",
        Value::Datetime(_) => "datetime",
        Value::Array(..) => "array",
        Value::Table(_) => "table",
    }
}

impl<'i> Walk<'_, 'i, '_> {
    /// The next event (the reader keeps no whitespace, comment or newline).
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.at).copied()?;
        self.at += 1;
        Some(e)
    }

    fn peek_kind(&self) -> Option<EventKind> {
        self.events.get(self.at).map(Event::kind)
    }

    fn report(&mut self, e: ParseError) {
        self.errors.report_error(e);
    }

    fn document(&mut self) -> Table<'i> {
        let mut root = Table::default();
        let mut current = Table::default();
        let mut header: Option<Header<'i>> = None;
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    self.finish_table(&mut root, &mut current, header.take());
                    let h = self.on_table(&event);
                    self.start_table(&mut root, &mut current, &h);
                    header = Some(h);
                }
                EventKind::SimpleKey => {
                    let (path, key) = self.on_key(&event);
                    let Some(key) = key else { break };
                    let Some(sep) = self.next() else { break };
                    if sep.kind() != EventKind::KeyValSep {
                        break;
                    }
                    let value = self.value();
                    self.key_value(&mut current, path, key, value);
                }
                _ => {}
            }
        }
        self.finish_table(&mut root, &mut current, header.take());
        root
    }

    fn on_table(&mut self, open: &Event) -> Header<'i> {
        let is_array = open.kind() == EventKind::ArrayTableOpen;
        let mut path = None;
        let mut key = None;
        let mut span = span_of(open);
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::ArrayTableClose | EventKind::StdTableClose => {
                    span.end = event.span().end();
                    break;
                }
                EventKind::SimpleKey => {
                    let (p, k) = self.on_key(&event);
                    path = Some(p);
                    key = k;
                }
                _ => {}
            }
        }
        Header {
            path: path.unwrap_or_default(),
            key,
            span,
            is_array,
        }
    }

    /// A (dotted) key: the path to its table, and the last key.
    fn on_key(&mut self, first: &Event) -> (Vec<Key<'i>>, Option<Key<'i>>) {
        let mut path = Vec::new();
        let mut last: Option<Key<'i>> = None;
        let mut current = Some(*first);
        let more = |w: &Self| w.peek_kind() == Some(EventKind::KeySep);
        if more(self) {
            while let Some(event) = self.next() {
                match event.kind() {
                    EventKind::SimpleKey => {
                        current = Some(event);
                        if !more(self) {
                            break;
                        }
                    }
                    EventKind::KeySep => {
                        self.close_key(&mut current, &mut path, &mut last);
                    }
                    _ => {}
                }
            }
        }
        self.close_key(&mut current, &mut path, &mut last);
        if LIMIT <= path.len() as u32 {
            self.report(ParseError::new("recursion limit"));
            return (Vec::new(), None);
        }
        (path, last)
    }

    fn close_key(
        &mut self,
        current: &mut Option<Event>,
        path: &mut Vec<Key<'i>>,
        last: &mut Option<Key<'i>>,
    ) {
        let Some(key) = current.take() else { return };
        let raw = self.source.get(key).expect("an event of the source");
        let mut name = Cow::Borrowed("");
        raw.decode_key(&mut name, self.errors);
        let key = Key {
            name,
            span: span_of(&key),
        };
        if let Some(prev) = last.replace(key) {
            path.push(prev);
        }
    }

    fn value(&mut self) -> Node<'i> {
        if let Some(event) = self.next() {
            match event.kind() {
                EventKind::InlineTableOpen => return self.inline_table(&event),
                EventKind::ArrayOpen => return self.array(&event),
                EventKind::Scalar => return self.scalar(&event),
                _ => {}
            }
        }
        Node {
            span: 0..0,
            value: Value::Int(Cow::Borrowed("0"), 10),
        }
    }

    fn scalar(&mut self, event: &Event) -> Node<'i> {
        use toml_parser::decoder::ScalarKind;
        let span = span_of(event);
        let raw = self.source.get(event).expect("an event of the source");
        let mut decoded = Cow::Borrowed("");
        let kind = raw.decode_scalar(&mut decoded, self.errors);
        let value = match kind {
            ScalarKind::String => Value::Str(decoded),
            ScalarKind::Boolean(b) => Value::Bool(b),
            ScalarKind::DateTime => match decoded.parse::<toml_datetime::Datetime>() {
                Ok(dt) => Value::Datetime(dt),
                Err(e) => {
                    self.report(error_at(e.to_string(), &span));
                    Value::Datetime(toml_datetime::Datetime {
                        date: None,
                        time: None,
                        offset: None,
                    })
                }
            },
            ScalarKind::Float => Value::Float(decoded),
            ScalarKind::Integer(radix) => Value::Int(decoded, radix.value()),
        };
        Node { span, value }
    }

    fn array(&mut self, open: &Event) -> Node<'i> {
        let mut items = Vec::new();
        let mut current = None;
        let mut close = span_of(open);
        while let Some(event) = self.next() {
            close = span_of(&event);
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableClose
                | EventKind::SimpleKey
                | EventKind::KeySep
                | EventKind::KeyValSep
                | EventKind::StdTableClose
                | EventKind::ArrayTableClose => break,
                EventKind::InlineTableOpen => current = Some(self.inline_table(&event)),
                EventKind::ArrayOpen => current = Some(self.array(&event)),
                EventKind::Scalar => current = Some(self.scalar(&event)),
                EventKind::ValueSep => items.extend(current.take()),
                EventKind::ArrayClose => {
                    items.extend(current.take());
                    break;
                }
                _ => {}
            }
        }
        Node {
            span: open.span().start()..close.end,
            value: Value::Array(items, false),
        }
    }

    fn inline_table(&mut self, open: &Event) -> Node<'i> {
        let mut result = Table {
            inline: true,
            ..Table::default()
        };
        let mut close = span_of(open);
        let mut key: Option<(Vec<Key<'i>>, Key<'i>)> = None;
        let mut value: Option<Node<'i>> = None;
        while let Some(event) = self.next() {
            close = span_of(&event);
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::StdTableClose
                | EventKind::ArrayClose
                | EventKind::ArrayTableClose
                | EventKind::KeySep => break,
                EventKind::SimpleKey => {
                    let (path, k) = self.on_key(&event);
                    if let Some(k) = k {
                        key = Some((path, k));
                    }
                }
                EventKind::InlineTableOpen => value = Some(self.inline_table(&event)),
                EventKind::ArrayOpen => value = Some(self.array(&event)),
                EventKind::Scalar => value = Some(self.scalar(&event)),
                EventKind::ValueSep => self.inline_entry(&mut result, key.take(), value.take()),
                EventKind::InlineTableClose => {
                    self.inline_entry(&mut result, key.take(), value.take());
                    break;
                }
                _ => {}
            }
        }
        Node {
            span: open.span().start()..close.end,
            value: Value::Table(result),
        }
    }

    fn inline_entry(
        &mut self,
        result: &mut Table<'i>,
        key: Option<(Vec<Key<'i>>, Key<'i>)>,
        value: Option<Node<'i>>,
    ) {
        let (Some((path, key)), Some(value)) = (key, value) else {
            return;
        };
        let Some(table) = self.descend(result, &path, true, true) else {
            return;
        };
        if table.dotted == path.is_empty() {
            let e = error_at("duplicate key", &key.span);
            self.report(e);
            return;
        }
        self.insert(table, key, value);
    }

    /// Adds `key = value` to `table`, unless the key is there already.
    fn insert(&mut self, table: &mut Table<'i>, key: Key<'i>, value: Node<'i>) {
        match table.position(&key.name) {
            None => {
                table.push(key, value);
            }
            Some(i) => {
                let old = &table.entries[i].0.span;
                let e = error_at("duplicate key", &key.span)
                    .with_context(toml_parser::Span::new_unchecked(old.start, old.end));
                self.report(e);
            }
        }
    }

    /// `key = value` in the table being defined.
    fn key_value(
        &mut self,
        current: &mut Table<'i>,
        path: Vec<Key<'i>>,
        key: Key<'i>,
        value: Node<'i>,
    ) {
        let dotted = !path.is_empty();
        let Some(parent) = self.descend(current, &path, dotted, false) else {
            return;
        };
        if dotted && !parent.implicit {
            let e = error_at("duplicate key", &key.span);
            self.report(e);
            return;
        }
        self.insert(parent, key, value);
    }

    /// The table at `path` under `table`, created (implicit) where missing.
    fn descend<'t>(
        &mut self,
        mut table: &'t mut Table<'i>,
        path: &[Key<'i>],
        dotted: bool,
        inline: bool,
    ) -> Option<&'t mut Table<'i>> {
        for key in path {
            let i = match table.position(&key.name) {
                Some(i) => i,
                None => {
                    let t = Table {
                        implicit: true,
                        dotted,
                        inline,
                        ..Table::default()
                    };
                    let node = Node {
                        span: key.span.clone(),
                        value: Value::Table(t),
                    };
                    table.push(key.clone(), node)
                }
            };
            let node = &mut table.entries[i].1;
            let old = toml_parser::Span::new_unchecked(node.span.start, node.span.end);
            let extend_error = |what: &str| {
                error_at(
                    format!("cannot extend value of type {what} with a dotted key"),
                    &key.span,
                )
                .with_context(old)
            };
            let problem = match &node.value {
                Value::Array(_, false) if !inline => Some(extend_error("array")),
                Value::Array(items, true) if !inline => match items.last().map(|n| &n.value) {
                    Some(Value::Table(_)) => None,
                    Some(other) => Some(extend_error(type_str(other))),
                    None => return None,
                },
                Value::Table(t) if !inline && t.inline => Some(error_at(
                    "cannot extend value of type inline table with a dotted key",
                    &key.span,
                )),
                Value::Table(t) if dotted && !t.implicit => {
                    Some(error_at("duplicate key", &key.span))
                }
                Value::Table(_) => None,
                other => Some(extend_error(type_str(other))),
            };
            if let Some(e) = problem {
                self.report(e);
                return None;
            }
            table = match &mut node.value {
                Value::Array(items, _) => match items.last_mut().map(|n| &mut n.value) {
                    Some(Value::Table(t)) => t,
                    _ => return None,
                },
                Value::Table(t) => {
                    if !inline && dotted && t.implicit {
                        t.dotted = true;
                    }
                    t
                }
                _ => return None,
            };
        }
        Some(table)
    }

    fn finish_table(
        &mut self,
        root: &mut Table<'i>,
        current: &mut Table<'i>,
        header: Option<Header<'i>>,
    ) {
        let table = std::mem::take(current);
        let Some(header) = header else {
            *root = table;
            return;
        };
        let Some(key) = header.key else { return };
        let node = Node {
            span: header.span.clone(),
            value: Value::Table(table),
        };
        let Some(parent) = self.descend(root, &header.path, false, false) else {
            return;
        };
        if header.is_array {
            let i = match parent.position(&key.name) {
                Some(i) => i,
                None => {
                    let array = Node {
                        span: header.span.clone(),
                        value: Value::Array(Vec::new(), true),
                    };
                    parent.push(key.clone(), array)
                }
            };
            let entry = &mut parent.entries[i].1;
            match &mut entry.value {
                Value::Array(items, true) => items.push(node),
                _ => {
                    let old = toml_parser::Span::new_unchecked(entry.span.start, entry.span.end);
                    let e = error_at("duplicate key", &key.span).with_context(old);
                    self.report(e);
                }
            }
        } else {
            parent.push(key, node);
        }
    }

    fn start_table(&mut self, root: &mut Table<'i>, current: &mut Table<'i>, header: &Header<'i>) {
        if !header.is_array
            && let Some(key) = &header.key
            && let Some(parent) = self.descend(root, &header.path, false, false)
            && let Some(i) = parent.position(&key.name)
        {
            let (old_key, old) = parent.take(i);
            match old.value {
                Value::Table(t) if t.implicit && !t.dotted => *current = t,
                value => {
                    let o = toml_parser::Span::new_unchecked(old_key.span.start, old_key.span.end);
                    let e = error_at("duplicate key", &key.span).with_context(o);
                    self.report(e);
                    if let Value::Table(t) = value {
                        *current = t;
                    }
                }
            }
        }
        current.implicit = false;
        current.dotted = false;
    }
}
