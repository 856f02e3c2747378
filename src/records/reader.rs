//! The one TOML reader: `toml_parser`'s events, read straight into a
//! [`FileInput`] for the usual layout ([`super::fast`]), else laid out into
//! a document tree with TOML's rules for keys and tables ([`super::tree`])
//! and read record by record as the [`schema`](super::schema) says.
//!
//! Every problem is a located [`Diagnostic`]. Syntax errors and broken
//! layout rules (a key written twice, a table defined twice, a dotted key
//! into an inline table...) are `TomlSyntax`, reported with the parser's
//! recovery, worded as the `toml` crate words them; when a file has any,
//! its records are not read. Otherwise each record is read on its own (see
//! [`super::build`]), so one wrong value hides no other record's problems.

use toml_parser::lexer::{Token, TokenKind};
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use crate::check::codes::{Code, help};
use crate::check::diag::{Diagnostic, Span};
use crate::dates::PartialDate;
use crate::ids::FileId;
use crate::records::input::FileInput;
use crate::records::tree::LIMIT;

/// Reads one file: its records, or every problem found in it.
pub fn read(file: FileId, text: &str) -> Result<FileInput, Vec<Diagnostic>> {
    read_with(file, text, &mut Buffers::default())
}

/// The token and event lists of a file being read, kept from one file to
/// the next by a thread that reads several: fresh ones for each file cost
/// more in page faults than the reading itself.
#[derive(Default)]
pub struct Buffers {
    tokens: Vec<Token>,
    events: Vec<Event>,
    /// The records of the file read on the fast path, copied out at their
    /// size once read.
    scratch: FileInput,
    list: Vec<crate::records::input::Str>,
}

/// [`read`] with the buffers of the thread.
pub fn read_with(
    file: FileId,
    text: &str,
    buffers: &mut Buffers,
) -> Result<FileInput, Vec<Diagnostic>> {
    read_as(file, text, buffers, true)
}

/// [`read_with`], on the fast path where it can (`fast`), else through the
/// document tree.
pub(crate) fn read_as(
    file: FileId,
    text: &str,
    buffers: &mut Buffers,
    fast: bool,
) -> Result<FileInput, Vec<Diagnostic>> {
    let source = Source::new(text);
    if fast && let Some(input) = read_streaming(source, buffers, PIECE) {
        return Ok(input);
    }
    let mut errors: Vec<ParseError> = Vec::new();
    parse(source, &mut errors, buffers);
    let root = super::tree::walk(source, &mut errors, &buffers.events);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| syntax_diagnostic(e, file, text))
            .collect());
    }
    super::build::records(file, root)
}

/// The records of `source` on the fast path, read as it is parsed, a piece
/// of about `piece` tokens at a time, each piece's events let go once read:
/// a thread holds the events of a piece, not those of a whole file (five
/// times its bytes: 100 MB for a 21 MB file of events). `None` where the
/// fast path gives way or the text has a problem: it is parsed again, whole,
/// for the tree.
fn read_streaming(source: Source<'_>, buffers: &mut Buffers, piece: usize) -> Option<FileInput> {
    let Buffers {
        tokens,
        events,
        scratch,
        list,
    } = buffers;
    scratch.clear();
    let mut stream = super::fast::Stream::default();
    let mut errors = Vec::new();
    let mut read = |events: &mut Vec<Event>, errors: &[ParseError]| {
        let ok = errors.is_empty() && stream.feed(source, events, scratch, list).is_some();
        events.clear();
        ok
    };
    let whole = parse_in_pieces(source, &mut errors, tokens, events, piece, &mut read);
    (whole && errors.is_empty()).then(|| scratch.take_exact())
}

/// The records of `text` on the fast path only, read a record at a time
/// (pieces cut at every table header), or `None` where it gives way to the
/// tree.
#[cfg(test)]
pub(crate) fn read_fast(text: &str) -> Option<FileInput> {
    read_streaming(Source::new(text), &mut Buffers::default(), 1)
}

/// A parser error as the `toml` crate words it, located; a date that TOML
/// cannot read bare (`2023-11-16~`, `2023-11`) is told to be quoted.
pub(crate) fn syntax_diagnostic(e: &ParseError, file: FileId, text: &str) -> Diagnostic {
    let len = text.len();
    let range = e.unexpected().map_or(0..0, |s| s.start()..s.end());
    let range = range.start.min(len)..range.end.min(len);
    let message = message(e);
    let message = message.trim();
    let message = message.lines().next().unwrap_or(message).to_string();
    let d = Diagnostic::new(
        Code::TomlSyntax,
        message,
        Span {
            file,
            range: range.clone(),
        },
    );
    match bare_date(text, range.start) {
        Some((key, date)) => d.with_help(help::quote_date(key, date)),
        None => d,
    }
}

/// The bare value at byte `at` of `text` and the key it is given to, when
/// the value is a date of the data format that TOML does not read without
/// quotes: a month, a year, or a date ending in `~` or `?`.
fn bare_date(text: &str, at: usize) -> Option<(Option<&str>, &str)> {
    let ends = |c: char| c.is_whitespace() || matches!(c, '=' | ',' | '[' | ']' | '{' | '}' | '#');
    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i))?;
    // After the character that ends it, which may take several bytes (a
    // no-break space is whitespace too).
    let start = text[..at]
        .char_indices()
        .rfind(|&(_, c)| ends(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(ends).map_or(text.len(), |i| at + i);
    let value = &text[start..end];
    let date = PartialDate::parse(value).ok()?;
    if !date.is_imprecise() {
        return None;
    }
    let line = &text[text[..start].rfind('\n').map_or(0, |i| i + 1)..start];
    let key = line.trim_end().strip_suffix('=').map(|k| {
        let k = k.trim_end();
        let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let from = k
            .char_indices()
            .rev()
            .take_while(|&(_, c)| bare(c))
            .last()
            .map_or(k.len(), |(i, _)| i);
        &k[from..]
    });
    Some((key.filter(|k| !k.is_empty()), value))
}

/// A parser error's message, as the `toml` crate words it.
pub(crate) fn message(e: &ParseError) -> String {
    let mut message = String::from(e.description());
    if let Some(expected) = e.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (i, x) in expected.iter().enumerate() {
            if i != 0 {
                message.push_str(", ");
            }
            match x {
                toml_parser::Expected::Literal(lit) => message.push_str(&render_literal(lit)),
                toml_parser::Expected::Description(d) => message.push_str(d),
                _ => message.push_str("etc"),
            }
        }
    }
    message
}

fn render_literal(literal: &str) -> String {
    match literal {
        "\n" => "newline".to_owned(),
        "`" => "'`'".to_owned(),
        s if s.chars().all(|c| c.is_ascii_control()) => format!("`{}`", s.escape_debug()),
        s => format!("`{s}`"),
    }
}

/// The document tree of `text`, every problem reported to `errors`.
pub(crate) fn document<'i>(text: &'i str, errors: &mut Vec<ParseError>) -> super::tree::Table<'i> {
    let source = Source::new(text);
    let mut buffers = Buffers::default();
    parse(source, errors, &mut buffers);
    super::tree::walk(source, errors, &buffers.events)
}

/// The tokens a thread parses at once, about: a larger file is parsed in
/// pieces, each cut before a table header (`[` opening a line, outside any
/// array or inline table), so that a thread holds the tokens of a piece
/// (24 bytes each) rather than of a whole 50 MB export.
const PIECE: usize = 1 << 16;

/// `toml_parser`'s events for `source`, into `buffers.events`: the same
/// events whether it is parsed in pieces ([`PIECE`]) or whole, since each
/// piece ends where the document's top level does. A file with any
/// problem is parsed again whole, so that its errors and the parser's
/// recovery from them are those of the whole text.
fn parse(source: Source<'_>, errors: &mut Vec<ParseError>, buffers: &mut Buffers) {
    let Buffers { tokens, events, .. } = buffers;
    let before = errors.len();
    let keep = &mut |_: &mut Vec<Event>, _: &[ParseError]| true;
    parse_in_pieces(source, errors, tokens, events, PIECE, keep);
    if errors.len() > before {
        errors.truncate(before);
        parse_in_pieces(source, errors, tokens, events, usize::MAX, keep);
    }
}

/// [`parse`] in pieces of about `piece` tokens (`usize::MAX`: whole): the
/// events of each piece are appended to `events`, which is then handed to
/// `each` with the problems found so far (it may take the events). Stops
/// after a piece `each` refuses; whether none was.
pub(crate) fn parse_in_pieces(
    source: Source<'_>,
    errors: &mut Vec<ParseError>,
    tokens: &mut Vec<Token>,
    events: &mut Vec<Event>,
    piece: usize,
    each: &mut dyn FnMut(&mut Vec<Event>, &[ParseError]) -> bool,
) -> bool {
    tokens.clear();
    events.clear();
    let mut depth = 0i64;
    let mut line_start = true;
    for token in source.lex() {
        let kind = token.kind();
        if kind == TokenKind::LeftSquareBracket && depth == 0 && line_start && tokens.len() >= piece
        {
            parse_piece(source, tokens, errors, events);
            tokens.clear();
            if !each(events, errors) {
                return false;
            }
        }
        match kind {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth -= 1,
            _ => {}
        }
        line_start = kind == TokenKind::Newline;
        tokens.push(token);
    }
    parse_piece(source, tokens, errors, events);
    each(events, errors)
}

/// The events of a piece of `source` (its `tokens`), appended to `events`.
/// Whitespace, comments and newlines are checked here and then let go:
/// nothing after the parser reads them, and they are half the events.
fn parse_piece(
    source: Source<'_>,
    tokens: &[Token],
    errors: &mut Vec<ParseError>,
    events: &mut Vec<Event>,
) {
    let mut significant = |e: Event| {
        if !matches!(
            e.kind(),
            EventKind::Whitespace | EventKind::Comment | EventKind::Newline
        ) {
            events.push(e);
        }
    };
    let mut ws = ValidateWhitespace::new(&mut significant, source);
    let mut guard = RecursionGuard::new(&mut ws, LIMIT);
    toml_parser::parser::parse_document(tokens, &mut guard, errors);
}

#[cfg(test)]
mod tests {
    use super::bare_date;

    #[test]
    fn finds_the_bare_dates_to_quote_and_their_keys() {
        let text = "date = 2023-11-16~\n{ acting = 2023? }\nété = 2023-05\nx = 2023-05-10\n";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            bare_date(text, at("2023-11")),
            Some((Some("date"), "2023-11-16~"))
        );
        assert_eq!(
            bare_date(text, at("2023?") + 2),
            Some((Some("acting"), "2023?"))
        );
        // A key of other letters is not written back.
        assert_eq!(bare_date(text, at("2023-05\n")), Some((None, "2023-05")));
        // An exact day is a TOML date: nothing to quote.
        assert_eq!(bare_date(text, at("2023-05-10")), None);
        assert_eq!(bare_date(text, text.len()), None);
    }

    #[test]
    fn a_value_after_whitespace_of_several_bytes_is_read_whole() {
        let text = "\u{a0}[[unit]]\nsince =\u{a0}2023-05\n";
        assert_eq!(bare_date(text, 0), None);
        let at = text.find("2023").unwrap();
        assert_eq!(bare_date(text, at), Some((Some("since"), "2023-05")));
    }
}
