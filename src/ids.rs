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
///
/// Ids of up to [`INLINE`] bytes (nearly all of them) are kept in the key
/// itself, so that a million records do not take a million allocations.
#[derive(Clone)]
pub struct Key(Repr);

/// The longest id kept inline.
const INLINE: usize = 22;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Key {
    pub fn new(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Key(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            Key(Repr::Heap(text.into()))
        }
    }

    /// The bytes the key keeps outside itself (0 for an id kept inline).
    pub fn heap_len(&self) -> usize {
        match &self.0 {
            Repr::Inline { .. } => 0,
            Repr::Heap(s) => s.len(),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always whole UTF-8: copied from a `&str` by `new`.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
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
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `#[derive(Debug)]` on `Key(Box<str>)` wrote it.
        f.debug_tuple("Key").field(&self.as_str()).finish()
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
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
            "exactly-twenty-two-by",
            "twenty-three-bytes-long",
            "é-ünïcode-id-that-is-rather-long",
        ];
        let keys: Vec<Key> = texts.iter().map(|t| Key::new(t)).collect();
        for (k, t) in keys.iter().zip(texts) {
            assert_eq!(k.as_str(), t);
            assert_eq!(k.to_string(), t);
            assert_eq!(format!("{k:?}"), format!("Key({t:?})"));
            assert_eq!(k.heap_len() > 0, t.len() > 22);
        }
        for (a, ta) in keys.iter().zip(texts) {
            for (b, tb) in keys.iter().zip(texts) {
                assert_eq!(a.cmp(b), ta.cmp(tb));
                assert_eq!(a == b, ta == tb);
            }
        }
    }
}
