//! Typed handles for the records of a history.
//!
//! Each record gets a dense index at load time; the handles below keep a
//! unit from being used where a role is meant. The text id the user wrote
//! (`"aicheng"`) is a [`Key`], kept on the record for lookup and output.

use std::fmt;

use compact_str::CompactString;

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

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.index()
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
///
/// Ids of up to 24 bytes (nearly all of them) are kept in the key itself
/// (`compact_str`), so that a million records do not take a million
/// allocations.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(CompactString);

impl Key {
    pub fn new(text: &str) -> Self {
        Key(CompactString::new(text))
    }

    /// The bytes the key keeps outside itself (0 for an id kept inline).
    pub fn heap_len(&self) -> usize {
        if self.0.is_heap_allocated() {
            self.0.len()
        } else {
            0
        }
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
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

/// Hashed and compared as its text, so a set of keys is looked up by `&str`.
impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `#[derive(Debug)]` on `Key(Box<str>)` wrote it.
        f.debug_tuple("Key").field(&self.as_str()).finish()
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn keys_inline_or_not_compare_as_their_text() {
        let texts = [
            "",
            "a",
            "p-000001",
            "exactly-twenty-four-byte",
            "twenty-five-bytes-long-id",
            "é-ünïcode-id-that-is-rather-long",
        ];
        let keys: Vec<Key> = texts.iter().map(|t| Key::new(t)).collect();
        for (k, t) in keys.iter().zip(texts) {
            assert_eq!(k.as_str(), t);
            assert_eq!(k.to_string(), t);
            assert_eq!(format!("{k:?}"), format!("Key({t:?})"));
            assert_eq!(k.heap_len() > 0, t.len() > 24);
        }
        for (a, ta) in keys.iter().zip(texts) {
            for (b, tb) in keys.iter().zip(texts) {
                assert_eq!(a.cmp(b), ta.cmp(tb));
                assert_eq!(a == b, ta == tb);
            }
        }
    }
}
