//! The format ids an import gives: people from the export's ids, units
//! from their names, roles from their holder. Each kind has its prefix
//! (`p-`, `u-`, `r-`), so an id of one kind is never taken by another,
//! and each is a function of what the export says, so the next import
//! finds the same ids in the folder. docs/import.md says the rules.

use crate::import::Ids;

use crate::write::id_from_name;

/// The export's id as an id of the format: letters folded to lowercase,
/// digits, `-` and `.` kept; any other byte (a space, `@`, `/`, `_`, a
/// letter outside ASCII) written `_` and its two hex digits. Ids that
/// differ only in the case of their letters are one id; any others stay
/// apart (`00111797` and `111797` are two people).
pub fn encode(export: &str) -> String {
    let mut id = String::with_capacity(export.len());
    for b in export.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => id.push(b as char),
            b'A'..=b'Z' => id.push(b.to_ascii_lowercase() as char),
            _ => id.push_str(&format!("_{b:02x}")),
        }
    }
    id
}

/// A person's id: `p-` and the export's id encoded.
pub fn person(export: &str) -> String {
    format!("p-{}", encode(export))
}

/// A post's key: `r-` and the export's id encoded (its role's id, unless
/// that id was taken when the post was created).
pub fn post(export: &str) -> String {
    format!("r-{}", encode(export))
}

/// A post holder's id, from their name (a post-keyed snapshot gives no
/// id for people): `p-` and the name as an id (`Ada Lovelace` is
/// `p-ada-lovelace`), or, for a name with no ASCII letter or digit, the
/// name encoded. One name is one person.
pub fn holder(name: &str) -> String {
    format!("p-{}", id_from_name(name).unwrap_or_else(|| encode(name)))
}

/// A new unit's id: `u-` and its name as an id (`u-customer-success`),
/// or, for a name with no ASCII letter or digit, the name encoded.
pub fn unit(name: &str, used: &mut Ids) -> String {
    let base = id_from_name(name).unwrap_or_else(|| encode(name));
    used.fresh(format!("u-{base}"))
}

/// A new role's id for the person `person` (`p-...`): `r-` and the rest
/// (`r-00111797`, then `r-00111797-2` for their second role...).
pub fn role(person: &str, used: &mut Ids) -> String {
    let rest = person.strip_prefix("p-").unwrap_or(person);
    used.fresh(format!("r-{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_ids_become_format_ids_apart() {
        assert_eq!(person("00111797"), "p-00111797");
        assert_eq!(person("111797"), "p-111797");
        assert_eq!(person("E-12"), "p-e-12");
        assert_eq!(person("ada@acme.com"), "p-ada_40acme.com");
        assert_eq!(person("a_b c"), "p-a_5fb_20c");
    }

    #[test]
    fn fresh_ids_count_up() {
        let mut used = Ids::default();
        assert_eq!(unit("Sales & Ops", &mut used), "u-sales-ops");
        assert_eq!(unit("Sales/Ops", &mut used), "u-sales-ops-2");
        assert_eq!(role("p-7", &mut used), "r-7");
        assert_eq!(role("p-7", &mut used), "r-7-2");
    }
}
