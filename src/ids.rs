//! Typed handles for the records of a history.
//!
//! Each record gets a dense index at load time; the handles below keep a
//! unit from being used where a role is meant. The text id the user wrote
//! (`"aicheng"`) is a [`Key`], kept on the record for lookup and output.

use std::fmt;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2^32 records"))
            }

            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A unit of the organisation.
    UnitId
);
index_type!(
    /// A role (position).
    RoleId
);
index_type!(
    /// A person.
    PersonId
);
index_type!(
    /// A dated event.
    EventId
);
index_type!(
    /// A loaded data file.
    FileId
);

/// The id a record has in the data files, e.g. `aicheng`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(Box<str>);

impl Key {
    pub fn new(text: &str) -> Self {
        Key(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Ids are lowercase letters, digits, `-`, `_` and `.`, starting with a
    /// letter or digit.
    pub fn is_valid(text: &str) -> bool {
        text.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
