//! From a file's document tree to its compact records, as the
//! [schema](super::schema) says: each record read on its own, its first
//! problem reported (an unknown key with the closest valid one, a value of
//! the wrong type, an invalid date, a missing required key), worded as the
//! serde records of earlier versions worded them.

use std::ops::Range;

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::dates::{DATE_FORMS, PartialDate};
use crate::ids::FileId;
use crate::records::input::{
    DatedAka, EventIn, FileInput, PersonIn, RoleIn, Seats, Sizes, Str, UnitIn, Val,
};
use crate::records::schema::{self, ALIAS, CHANGE, Kind, Type};

/// What an entry of `aka` is expected to be.
const ALIAS_EXPECTED: &str = "a string or a table { name = \"...\", since = ..., until = ... }";
use crate::records::tree::{Node, Table, Value};
use crate::suggest::closest;

/// The records of a file whose tree is `root`, or every problem in them.
pub(crate) fn records(file: FileId, root: Table<'_>) -> Result<FileInput, Vec<Diagnostic>> {
    let mut b = Builder {
        file,
        out: FileInput::default(),
        list: Vec::new(),
        diags: Vec::new(),
    };
    b.out.reserve(&sizes(&root));
    for (key, node) in root.entries {
        let at = b.at(key.span.clone());
        let Some(kind) = schema::record_kind(&key.name) else {
            let kinds = schema::RECORDS.map(|k| k.name);
            let help = match closest(&key.name, kinds) {
                Some(k) => format!("did you mean [[{k}]]?"),
                None => "a data file holds [[unit]], [[person]], [[role]] and [[event]] records; if this file is not one, list it under `exclude` in orgctl.toml".into(),
            };
            let message = format!("unknown kind of record `{}`", key.name);
            b.diags
                .push(Diagnostic::new(Code::UnknownKey, message, at).with_help(help));
            continue;
        };
        let Value::Array(items, _) = node.value else {
            let d = Diagnostic::new(
                Code::WrongType,
                "records must be an array of tables",
                b.at(node.span),
            );
            b.diags.push(d.with_help(
                "write each record under its own [[unit]], [[person]], [[role]] or [[event]] header",
            ));
            continue;
        };
        for item in items {
            if let Err(d) = b.record(kind, item) {
                b.diags.push(d);
            }
        }
    }
    if !b.diags.is_empty() {
        return Err(b.diags);
    }
    Ok(b.out)
}

/// At most how much the records of `root` take once read.
fn sizes(root: &Table<'_>) -> Sizes {
    let mut n = Sizes::default();
    for (key, node) in &root.entries {
        let Some(kind) = schema::record_kind(&key.name) else {
            continue;
        };
        let Value::Array(items, _) = &node.value else {
            continue;
        };
        let count = match kind.name {
            "unit" => &mut n.units,
            "person" => &mut n.people,
            "role" => &mut n.roles,
            _ => &mut n.events,
        };
        *count += items.len();
        for item in items {
            if let Value::Table(t) = &item.value {
                for (_, v) in &t.entries {
                    count_value(v, &mut n);
                }
            }
        }
    }
    n
}

/// Adds what one value of a record takes.
fn count_value(v: &Node<'_>, n: &mut Sizes) {
    match &v.value {
        Value::Str(s) => n.bytes += s.len(),
        Value::Array(items, _) => {
            for item in items {
                match &item.value {
                    Value::Str(s) => {
                        n.bytes += s.len();
                        n.list_items += 1;
                    }
                    Value::Table(change) => {
                        n.changes += 1;
                        for (k, v) in &change.entries {
                            if let Value::Str(s) = &v.value {
                                n.bytes += s.len();
                                // `op` is kept apart from the other fields.
                                n.fields += usize::from(k.name != "op");
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// One value read as its schema type.
#[derive(Clone)]
pub(crate) enum Slot {
    Str(Str),
    Bool(Val<bool>),
    Date(Val<PartialDate>),
    Seats(Val<Seats>),
    /// A list of strings, or the changes of an event.
    Range(Range<u32>),
    /// An `aka`: its strings, and its entries written as tables.
    Aliases(Range<u32>, Range<u32>),
}

/// The most keys a kind of record (or a change) has in the schema.
pub(crate) const MAX_KEYS: usize = 16;

/// The values of one record (or change), by index in its kind's fields.
pub(crate) struct Slots(pub(crate) [Option<Slot>; MAX_KEYS]);

impl Slots {
    fn str(&self, i: usize) -> Option<Str> {
        match &self.0[i] {
            Some(Slot::Str(s)) => Some(*s),
            _ => None,
        }
    }

    /// A required string (its presence was checked).
    fn req(&self, i: usize) -> Str {
        self.str(i).expect("a required key is present")
    }

    fn bool(&self, i: usize) -> Option<Val<bool>> {
        match &self.0[i] {
            Some(Slot::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn seats(&self, i: usize) -> Option<Val<Seats>> {
        match &self.0[i] {
            Some(Slot::Seats(n)) => Some(*n),
            _ => None,
        }
    }

    fn date(&self, i: usize) -> Option<Val<PartialDate>> {
        match &self.0[i] {
            Some(Slot::Date(d)) => Some(*d),
            _ => None,
        }
    }

    fn range(&self, i: usize) -> Range<u32> {
        match &self.0[i] {
            Some(Slot::Range(r) | Slot::Aliases(r, _)) => r.clone(),
            _ => 0..0,
        }
    }

    /// The entries of an `aka` written as tables.
    fn dated(&self, i: usize) -> Range<u32> {
        match &self.0[i] {
            Some(Slot::Aliases(_, d)) => d.clone(),
            _ => 0..0,
        }
    }
}

/// The index of a key known to the schema (a typo here fails every test).
fn ix(kind: &Kind, name: &str) -> usize {
    kind.index(name).expect("a key of the schema")
}

struct Builder {
    file: FileId,
    out: FileInput,
    /// The items of the list being read.
    list: Vec<Str>,
    diags: Vec<Diagnostic>,
}

pub(crate) fn val<T>(value: T, span: &Range<usize>) -> Val<T> {
    Val {
        value,
        start: span.start as u32,
        end: span.end as u32,
    }
}

impl Builder {
    fn at(&self, range: Range<usize>) -> Span {
        Span {
            file: self.file,
            range,
        }
    }

    fn wrong_type(&self, node: &Node<'_>, expected: &str) -> Diagnostic {
        let message = match unexpected(&node.value) {
            Ok(what) => format!("invalid type: {what}, expected {expected}"),
            Err(overflow) => overflow.to_string(),
        };
        Diagnostic::new(Code::WrongType, message, self.at(node.span.clone()))
    }

    /// A value of the right TOML type that the key does not take
    /// (`seats = 0`, `seats = "many"`).
    fn invalid_value(&self, node: &Node<'_>, ty: Type) -> Diagnostic {
        let message = match unexpected(&node.value) {
            Ok(what) => format!("invalid value: {what}, expected {}", ty.expected()),
            Err(overflow) => overflow.to_string(),
        };
        Diagnostic::new(Code::WrongType, message, self.at(node.span.clone()))
            .with_help("write seats = 3 for three holders at once, or seats = \"any\" for no limit")
    }

    /// Reads the keys of a record (or change) `node` into slots.
    fn slots(&mut self, kind: &Kind, node: Node<'_>) -> Result<Slots, Diagnostic> {
        let expected = format!("struct {}", kind.record);
        let Value::Table(table) = node.value else {
            return Err(self.wrong_type(&node, &expected));
        };
        let mut slots = Slots(Default::default());
        for (key, value) in table.entries {
            let Some(i) = kind.index(&key.name) else {
                return Err(self.unknown_key(kind, &key.name, key.span));
            };
            let ty = kind.fields[i].ty;
            // A quoted `"true"` where a boolean is wanted: say to unquote it.
            let quoted = match (ty, &value.value) {
                (Type::Bool, Value::Str(s)) => Some(help::unquote_bool(&key.name, s)),
                _ => None,
            };
            let slot = self.value(ty, value).map_err(|d| match quoted {
                Some(h) => d.with_help(h),
                None => d,
            })?;
            slots.0[i] = Some(slot);
        }
        for (i, f) in kind.fields.iter().enumerate() {
            if f.required && slots.0[i].is_none() {
                let message = format!("missing field `{}`", f.name);
                return Err(Diagnostic::new(
                    Code::WrongType,
                    message,
                    self.at(node.span.clone()),
                ));
            }
        }
        Ok(slots)
    }

    fn unknown_key(&self, kind: &Kind, key: &str, span: Range<usize>) -> Diagnostic {
        let names: Vec<&str> = kind.names().collect();
        let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let message = format!(
            "unknown field `{key}`, expected one of {}",
            listed.join(", ")
        );
        let help = match closest(key, names.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None => format!("valid keys here: {}", names.join(", ")),
        };
        Diagnostic::new(Code::UnknownKey, message, self.at(span)).with_help(help)
    }

    fn value(&mut self, ty: Type, node: Node<'_>) -> Result<Slot, Diagnostic> {
        let span = node.span.clone();
        match (ty, node.value) {
            (Type::Str, Value::Str(s)) => Ok(Slot::Str(self.out.push_str(&s, span))),
            (Type::Bool, Value::Bool(b)) => Ok(Slot::Bool(val(b, &span))),
            (Type::Date, Value::Str(s)) => match PartialDate::parse(&s) {
                Ok(d) => Ok(Slot::Date(val(d, &span))),
                Err(e) => Err(self.invalid_date(e.to_string(), &e.help(), span)),
            },
            (Type::Date, Value::Datetime(dt)) => match PartialDate::from_toml(&dt) {
                Ok(d) => Ok(Slot::Date(val(d, &span))),
                Err(message) => Err(self.invalid_date(message, DATE_FORMS, span)),
            },
            (Type::Seats, value @ (Value::Int(..) | Value::Str(_))) => {
                let n = match &value {
                    Value::Int(digits, radix) => Seats::from_digits(digits, *radix),
                    Value::Str(word) => Seats::from_word(word),
                    _ => None,
                };
                match n {
                    Some(n) => Ok(Slot::Seats(val(n, &span))),
                    None => Err(self.invalid_value(&Node { span, value }, ty)),
                }
            }
            (Type::Strings, Value::Array(items, _)) => {
                let mut list = std::mem::take(&mut self.list);
                list.clear();
                for item in items {
                    match item.value {
                        Value::Str(s) => list.push(self.out.push_str(&s, item.span)),
                        _ => return Err(self.wrong_type(&item, Type::Str.expected())),
                    }
                }
                let r = self.out.push_list(&list);
                self.list = list;
                Ok(Slot::Range(r))
            }
            (Type::Aliases, Value::Array(items, _)) => {
                let mut list = std::mem::take(&mut self.list);
                list.clear();
                let start = self.out.dated_aka.len() as u32;
                for item in items {
                    match item.value {
                        Value::Str(s) => list.push(self.out.push_str(&s, item.span)),
                        Value::Table(_) => {
                            let s = self.slots(&ALIAS, item)?;
                            let entry = DatedAka {
                                name: s.req(ix(&ALIAS, "name")),
                                since: s.date(ix(&ALIAS, "since")),
                                until: s.date(ix(&ALIAS, "until")),
                            };
                            self.out.dated_aka.push(entry);
                        }
                        _ => return Err(self.wrong_type(&item, ALIAS_EXPECTED)),
                    }
                }
                let r = self.out.push_list(&list);
                self.list = list;
                Ok(Slot::Aliases(r, start..self.out.dated_aka.len() as u32))
            }
            (Type::Changes, Value::Array(items, _)) => {
                let start = self.out.changes.len() as u32;
                for item in items {
                    self.change(item)?;
                }
                Ok(Slot::Range(start..self.out.changes.len() as u32))
            }
            (ty, value) => Err(self.wrong_type(&Node { span, value }, ty.expected())),
        }
    }

    fn invalid_date(&self, message: String, help: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic::new(Code::InvalidDate, message, self.at(span)).with_help(help)
    }

    fn change(&mut self, node: Node<'_>) -> Result<(), Diagnostic> {
        let span = node.span.clone();
        let s = self.slots(&CHANGE, node)?;
        push_change(&mut self.out, span, &s);
        Ok(())
    }

    fn record(&mut self, kind: &'static Kind, node: Node<'_>) -> Result<(), Diagnostic> {
        let s = self.slots(kind, node)?;
        push_record(&mut self.out, kind, &s);
        Ok(())
    }
}

/// Stores a change whose keys are read (and its required ones present).
pub(crate) fn push_change(out: &mut FileInput, span: Range<usize>, s: &Slots) {
    let mut fields = [None; 9];
    for (f, name) in fields.iter_mut().zip(crate::records::input::FIELDS) {
        *f = s.str(ix(&CHANGE, name));
    }
    let op = s.req(ix(&CHANGE, "op"));
    let acting = s.bool(ix(&CHANGE, "acting"));
    let top = s.bool(ix(&CHANGE, "top"));
    out.push_change(span, op, &fields, [acting, top]);
}

/// Stores a record whose keys are read (and its required ones present).
pub(crate) fn push_record(out: &mut FileInput, kind: &'static Kind, s: &Slots) {
    let i = |name| ix(kind, name);
    match kind.name {
        "unit" => out.units.push(UnitIn {
            id: s.req(i("id")),
            name: s.req(i("name")),
            aka: s.range(i("aka")),
            aka_dated: s.dated(i("aka")),
            kind: s.str(i("kind")),
            parent: s.str(i("parent")),
            since: s.date(i("since")),
            note: s.str(i("note")),
            sources: s.range(i("sources")),
        }),
        "person" => out.people.push(PersonIn {
            id: s.req(i("id")),
            name: s.req(i("name")),
            aka: s.range(i("aka")),
            aka_dated: s.dated(i("aka")),
            note: s.str(i("note")),
            sources: s.range(i("sources")),
        }),
        "role" => out.roles.push(RoleIn {
            id: s.req(i("id")),
            title: s.req(i("title")),
            unit: s.req(i("unit")),
            head: s.bool(i("head")),
            top: s.bool(i("top")),
            reports_to: s.str(i("reports_to")),
            since: s.date(i("since")),
            holder: s.str(i("holder")),
            seats: s.seats(i("seats")),
            dotted: s.range(i("dotted")),
            aka: s.range(i("aka")),
            aka_dated: s.dated(i("aka")),
            note: s.str(i("note")),
            sources: s.range(i("sources")),
        }),
        _ => out.events.push(EventIn {
            id: s.str(i("id")),
            date: s.date(i("date")).expect("a required key is present"),
            reported: s.date(i("reported")).map(|d| d.value),
            title: s.str(i("title")),
            sources: s.range(i("sources")),
            note: s.str(i("note")),
            changes: s.range(i("changes")),
        }),
    }
}

/// A value as serde's "invalid type" names it, or the overflow that keeps
/// it from being read at all.
fn unexpected(v: &Value<'_>) -> Result<String, &'static str> {
    Ok(match v {
        Value::Str(s) => format!("string {s:?}"),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Int(digits, radix) => {
            if let Ok(n) = i64::from_str_radix(digits, *radix) {
                format!("integer `{n}`")
            } else if let Ok(n) = u64::from_str_radix(digits, *radix) {
                format!("integer `{n}`")
            } else if let Ok(n) = i128::from_str_radix(digits, *radix) {
                format!("integer `{n}` as i128")
            } else if let Ok(n) = u128::from_str_radix(digits, *radix) {
                format!("integer `{n}` as u128")
            } else {
                return Err("integer number overflowed");
            }
        }
        Value::Float(text) => {
            let f: f64 = text
                .parse()
                .map_err(|_| "floating-point number overflowed")?;
            if f.is_infinite() && !text.contains("inf") {
                return Err("floating-point number overflowed");
            }
            let shown = f.to_string();
            if f.is_finite() && !shown.contains('.') {
                format!("floating point `{shown}.0`")
            } else {
                format!("floating point `{shown}`")
            }
        }
        Value::Datetime(_) | Value::Table(_) => "map".into(),
        Value::Array(..) => "sequence".into(),
    })
}
