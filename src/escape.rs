//! Escaping of text from the data before it reaches a terminal.

use std::fmt::Write as _;

/// Pushes `c`, escaped if it is dangerous.
pub fn push_escaped(out: &mut String, c: char) {
    if is_dangerous(c) {
        let _ = write!(out, "{}", c.escape_unicode());
    } else {
        out.push(c);
    }
}

/// Characters never printed raw: control characters (terminal escapes) and
/// bidirectional overrides (which can reorder what the reader sees).
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `text` with every dangerous character escaped, for any human output.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_dangerous) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_terminal_sequences_and_bidi_overrides() {
        assert_eq!(escape("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(escape("Zhang Yong"), "Zhang Yong");
    }
}
