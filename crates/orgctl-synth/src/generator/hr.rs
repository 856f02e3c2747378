//! The `hr` shape: the simulated company as an HR system exports it.
//! What differs is only how it is written (`text`): no event ids, a title
//! of one word or two per kind of event, every date on the first of its
//! month, one events file per year, and people's ids made from their
//! e-mail addresses.

/// The title of each kind of event (`Gen::try_event`'s numbers), repeated
/// verbatim, as an HR export's "action" column.
pub(super) const TITLES: [&str; 13] = [
    "Hire",
    "Departure",
    "Promotion",
    "Transfer",
    "Transfer",
    "Acting appointment",
    "Appointment",
    "Reporting line change",
    "Job title change",
    "Attribute change",
    "New position",
    "Position eliminated",
    "Reorganisation",
];

/// The source every event of the shape cites.
pub(super) const SOURCE: &str = "HRIS export";

/// Person `n`'s id from an e-mail address, `first.last.N@example-corp.com`
/// made a valid id (lowercase ASCII letters, digits, `-`, `_`, `.`): the
/// `@` becomes a `.`, accents are dropped, spaces become `-` and other
/// characters go. Always over 22 bytes, so it never fits inside a short
/// id's key.
pub(super) fn email_id(name: &str, n: usize) -> String {
    let (first, last) = name.rsplit_once(' ').unwrap_or((name, "x"));
    format!("{}.{}.{n}.example-corp.com", fold(first), fold(last))
}

/// Lowercase ASCII of a name part: `Chloé` → `chloe`, `Søren` → `soren`,
/// `Zhang Wei` → `zhang-wei`, `O'Brien` → `obrien`.
fn fold(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for c in part.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            ' ' => '-',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
            out.push(c);
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_ids_are_valid_ids_over_22_bytes() {
        assert_eq!(
            email_id("Chloé Müller", 7),
            "chloe.muller.7.example-corp.com"
        );
        assert_eq!(
            email_id("Zhang Wei Li", 12),
            "zhang-wei.li.12.example-corp.com"
        );
        assert_eq!(
            email_id("Søren O'Brien", 3),
            "soren.obrien.3.example-corp.com"
        );
        assert!(email_id("Eva Li", 0).len() > 22);
    }
}
