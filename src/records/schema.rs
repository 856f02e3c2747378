//! The data format, version 1, declared once: for each kind of record and
//! for a change, its keys, the type of each value, whether it is required,
//! and a line on what it means. The reader takes the valid keys, types,
//! required keys and suggestions from here; [`key_list`] lists it for
//! `check --explain`, and a test holds `docs/data-format.md` to it.

/// The type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Str,
    Bool,
    /// A [`PartialDate`](crate::dates::PartialDate): a string, or a bare
    /// TOML local date.
    Date,
    /// A role's [`Seats`](crate::records::input::Seats): a positive
    /// integer, or the string `"any"`.
    Seats,
    /// An array of strings.
    Strings,
    /// An array of names, each a string (from always) or an inline table
    /// [`ALIAS`] (with `since` and `until`).
    Aliases,
    /// An array of inline tables, each a change.
    Changes,
}

impl Type {
    /// How the documentation names the type.
    pub fn doc_name(self) -> &'static str {
        match self {
            Type::Str => "string",
            Type::Bool => "boolean",
            Type::Date => "date",
            Type::Seats => "integer or \"any\"",
            Type::Strings => "list of strings",
            Type::Aliases => "list of strings or { name, since, until }",
            Type::Changes => "list of changes",
        }
    }

    /// What a value of the wrong type was expected to be (serde's words,
    /// which the messages have always used).
    pub fn expected(self) -> &'static str {
        match self {
            Type::Str => "a string",
            Type::Bool => "a boolean",
            Type::Date => {
                "a date (YYYY-MM-DD, or a string \"YYYY\", \"YYYY-MM\", \"YYYY-MM-DD\", optionally ending in ~ or ?, or \"YYYY-MM-DD/YYYY-MM-DD\")"
            }
            Type::Seats => "a number of seats (1 or more) or the string \"any\"",
            Type::Strings | Type::Aliases | Type::Changes => "a sequence",
        }
    }
}

/// One key of a record or a change.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    pub doc: &'static str,
}

/// A kind of record (or a change): its keys in the order they are listed.
#[derive(Debug)]
pub struct Kind {
    /// `unit`, `person`, `role`, `event`, or `change`.
    pub name: &'static str,
    /// The record's name in messages ("expected struct UnitRecord").
    pub record: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

impl Kind {
    /// The index of key `name` in [`Kind::fields`].
    pub fn index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }
}

macro_rules! schema {
    ($(
        $konst:ident = $name:literal, $record:literal, $doc:literal {
            $( $field:ident : $ty:ident, $req:ident, $fdoc:literal; )*
        }
    )*) => {
        $(
            pub static $konst: Kind = Kind {
                name: $name,
                record: $record,
                doc: $doc,
                fields: &[ $( Field {
                    name: stringify!($field),
                    ty: Type::$ty,
                    required: schema!(@req $req),
                    doc: $fdoc,
                }, )* ],
            };
        )*
    };
    (@req required) => { true };
    (@req optional) => { false };
}

schema! {
    UNIT = "unit", "UnitRecord", "`[[unit]]`: an organisational unit." {
        id: Str, required, "The unit's id, unique in the data.";
        name: Str, required, "Its name.";
        aka: Aliases, optional, "Other names it is known by (a name, or { name, since, until }).";
        kind: Str, optional, "What kind of unit it is (division, team...).";
        parent: Str, optional, "The id of the unit it is part of.";
        since: Date, optional, "When it came to be, if not created by an event.";
        note: Str, optional, "A free note.";
        sources: Strings, optional, "Where this comes from.";
    }
    PERSON = "person", "PersonRecord", "`[[person]]`: a person." {
        id: Str, required, "The person's id, unique in the data.";
        name: Str, required, "Their name.";
        aka: Aliases, optional, "Other names they are known by (a name, or { name, since, until }).";
        note: Str, optional, "A free note.";
        sources: Strings, optional, "Where this comes from.";
    }
    ROLE = "role", "RoleRecord", "`[[role]]`: a position in a unit." {
        id: Str, required, "The role's id, unique in the data.";
        title: Str, required, "Its title.";
        unit: Str, required, "The id of the unit it is in.";
        head: Bool, optional, "Whether it heads its unit.";
        top: Bool, optional, "Whether it reports to nobody, whatever its unit (the top of its chain).";
        reports_to: Str, optional, "The id of the role it reports to.";
        since: Date, optional, "When it came to be, if not created by an event.";
        holder: Str, optional, "The person holding it from its beginning.";
        seats: Seats, optional, "How many people hold it at once (default 1), or \"any\" for no limit.";
        dotted: Strings, optional, "The ids of the roles it reports to by a dotted line, from its beginning (never its chain of command).";
        aka: Aliases, optional, "Other titles it is known by (a title, or { name, since, until }).";
        note: Str, optional, "A free note.";
        sources: Strings, optional, "Where this comes from.";
    }
    EVENT = "event", "EventRecord", "`[[event]]`: a dated restructuring event." {
        id: Str, optional, "The event's id (else one is made from its date and title).";
        date: Date, required, "When it took effect.";
        reported: Date, optional, "When it became known: announced, if before `date`; for --known-at.";
        title: Str, optional, "What happened, in a few words.";
        sources: Strings, optional, "Where this comes from.";
        note: Str, optional, "A free note.";
        changes: Changes, optional, "What it changed, in order.";
    }
    ALIAS = "alias", "AliasEntry", "An entry of `aka` that holds for a while." {
        name: Str, required, "The alias.";
        since: Date, optional, "From when (else from always).";
        until: Date, optional, "Until when (else for ever).";
    }
    CHANGE = "change", "ChangeRecord", "One entry of an event's `changes`: which keys an `op` takes is checked on its own." {
        op: Str, required, "What the change does: create, dissolve, eliminate, move, rename, alias, unalias, appoint, leave, unrecorded, vacate, report, head, set, dotted or undotted.";
        unit: Str, optional, "The unit it changes.";
        role: Str, optional, "The role it changes (or the role a person is appointed to or leaves, or whose holder is no longer recorded, or that falls vacant).";
        person: Str, optional, "The person appointed, leaving, renamed, given or dropping an alias, or whose attribute is set.";
        into: Str, optional, "For dissolve: the unit that takes over (or a successor created later).";
        to: Str, optional, "For move: the new parent (\"\": a unit becomes a top-level organisation); for report: the role reported to; for dotted and undotted: the role of the dotted line.";
        name: Str, optional, "For rename: a unit's or a person's new name; for alias and unalias: the alias.";
        title: Str, optional, "For rename: a role's new title.";
        acting: Bool, optional, "For appoint: whether the appointment is acting.";
        top: Bool, optional, "For report: true makes the role the top of its chain.";
        key: Str, optional, "For set: the attribute.";
        value: Str, optional, "For set: its value (\"\" clears it).";
    }
    PROJECT = "project", "ProjectFile", "`orgctl.toml`: the project file, found in the working folder or the nearest folder above it." {
        data: Str, optional, "The data folder, relative to the project file (default: the project file's folder).";
        exclude: Strings, optional, "Files not to load: glob patterns relative to the data folder (`drafts/**`, `pyproject.toml`).";
        name: Str, optional, "The organisation's name, shown by `check` and as the title of `at`.";
        closed: Strings, optional, "Closed periods, each closed through its last day: `\"2024\"`, `\"2025-Q1\"`, `\"2025-03\"`, `\"2025-03-31\"`.";
    }
}

/// The four kinds of record, in the order the format lists them.
pub static RECORDS: [&Kind; 4] = [&UNIT, &PERSON, &ROLE, &EVENT];

/// The kind of record a top-level key names.
pub fn record_kind(name: &str) -> Option<&'static Kind> {
    RECORDS.iter().copied().find(|k| k.name == name)
}

/// Each kind's keys with their types, one line a kind, records first, then
/// a change (`check --explain` prints it under the problems of keys).
pub fn key_list() -> String {
    let mut text = String::from("Valid keys (* required):\n\n");
    for kind in RECORDS.iter().copied().chain([&ALIAS, &CHANGE, &PROJECT]) {
        let keys: Vec<String> = kind
            .fields
            .iter()
            .map(|f| {
                let star = if f.required { "*" } else { "" };
                format!("{}{star} ({})", f.name, f.ty.doc_name())
            })
            .collect();
        let name = match kind.name {
            "change" => "a change".to_string(),
            "alias" => "an aka table".to_string(),
            "project" => "orgctl.toml (the project file)".to_string(),
            k => format!("[[{k}]]"),
        };
        text += &format!("    {name}: {}\n", keys.join(", "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_key_of_every_kind() {
        let list = key_list();
        for kind in RECORDS.iter().copied() {
            assert!(list.contains(&format!("[[{}]]: ", kind.name)), "{list}");
        }
        assert!(list.contains("a change: op* (string)"), "{list}");
        assert!(
            list.contains("orgctl.toml (the project file): data (string)"),
            "{list}"
        );
        for kind in RECORDS.iter().copied().chain([&CHANGE, &PROJECT]) {
            for f in kind.fields {
                assert!(list.contains(&format!(" {}", f.name)), "{}", f.name);
            }
        }
        assert!(list.contains("[[unit]]: id* (string), name* (string)"));
        assert!(list.contains("changes (list of changes)"));
        assert!(list.contains("head (boolean)"));
        assert!(list.contains("date* (date)"));
    }

    #[test]
    fn every_kind_fits_the_slots_of_the_reader() {
        for kind in RECORDS.iter().copied().chain([&CHANGE]) {
            assert!(
                kind.fields.len() <= crate::records::build::MAX_KEYS,
                "{}",
                kind.name
            );
        }
    }

    #[test]
    fn the_change_keys_match_the_compact_form() {
        // `FileInput` stores a change's string keys in this order.
        let strings: Vec<&str> = CHANGE
            .fields
            .iter()
            .filter(|f| f.ty == Type::Str && f.name != "op")
            .map(|f| f.name)
            .collect();
        assert_eq!(strings, crate::records::input::FIELDS);
    }
}
