//! Diagnostics that point into the user's files, rendered like a compiler's:
//!
//! ```text
//! error: unknown role 'alibaba-cfo'
//!   --> data/alibaba/events.toml:12:32
//!    |
//! 12 |   { op = "eliminate", role = "alibaba-cfo" },
//!    |                              ^^^^^^^^^^^^^
//!    = help: did you mean 'alibaba-cto'?
//! ```
//!
//! Snippets are bounded (a line of any length prints as one short excerpt)
//! and control characters from the data are escaped, never printed raw.
//!
//! Rendered here rather than with annotate-snippets (0.12, tried on
//! `tests/bad_input`): it prints a raw C1 control (U+009B, a one-byte CSI)
//! from a quoted line, shows other controls as pictures (`␛`, and `�` for
//! every bidi override) unlike our `\u{1b}` in messages, and it must be
//! given the whole line to compute the column, costing O(line) (640 ms on a
//! 100 MB line, 15 times ours). Given our bounded excerpt instead, it
//! counts the column within the excerpt, and an explicit origin turns the
//! snippet into a secondary location (an extra `:::` line).

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};

use crate::check::codes::{Code, Severity};
use crate::escape::{escape, push_escaped};
use crate::ids::FileId;

/// The text of every loaded file, kept while loading so that diagnostics
/// can quote it; dropped once the history is built.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    text: String,
    /// Byte offset of the start of every line, built on first use.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A place in a data file: a file and a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

/// File, line and column (both 1-based) of a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceMap {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile {
            path,
            text,
            line_starts: Default::default(),
        });
        FileId::new(self.files.len() - 1)
    }

    pub fn path(&self, file: FileId) -> &Path {
        &self.files[file.index()].path
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.index()].text
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }

    fn line_starts(&self, file: FileId) -> &[usize] {
        let f = &self.files[file.index()];
        f.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(f.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Line and column (in characters) of a byte offset.
    pub fn position(&self, file: FileId, offset: usize) -> Position {
        let text = self.text(file);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = self.line_starts(file);
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        Position {
            line,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// The text of the given 1-based line, without its line ending.
    fn line_text(&self, file: FileId, line: usize) -> (usize, &str) {
        let text = self.text(file);
        let starts = self.line_starts(file);
        let start = starts[line - 1];
        let end = starts.get(line).map_or(text.len(), |&e| e);
        let body = text[start..end].trim_end_matches(['\n', '\r']);
        (start, body)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in the data.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    pub help: Option<String>,
    /// A place the help names, written as `path:line:column` at this byte
    /// offset of the help when the texts are at hand ([`DataErrors::new`]):
    /// a replay that keeps only line starts cannot count columns.
    pub help_at: Option<Box<(usize, Span)>>,
}

impl Diagnostic {
    /// A problem of kind `code` at `span`, with the code's severity.
    pub fn new(code: Code, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span: Some(span),
            help: None,
            help_at: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The help with the place of `at` written at byte `offset` of it.
    pub fn with_help_at(mut self, help: impl Into<String>, offset: usize, at: Span) -> Self {
        self.help = Some(help.into());
        self.help_at = Some(Box::new((offset, at)));
        self
    }
}

/// Everything wrong with a data folder, with the sources to quote.
#[derive(Debug)]
pub struct DataErrors {
    /// Sorted by file and position, without repeats (see [`DataErrors::new`]).
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

/// At most this many problems are printed; the rest are counted.
pub const MAX_SHOWN: usize = 50;
/// At most this many characters of a source line are quoted.
const MAX_EXCERPT: usize = 100;

impl DataErrors {
    /// The problems found in `sources`, sorted by file and position, each
    /// given once: a parser that recovers may find one mistake twice.
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: SourceMap) -> Self {
        for d in &mut diagnostics {
            if let (Some(place), Some(help)) = (d.help_at.take(), d.help.as_mut()) {
                let (offset, at) = *place;
                let pos = sources.position(at.file, at.range.start);
                let place = format!(
                    "{}:{}:{}",
                    sources.path(at.file).display(),
                    pos.line,
                    pos.column
                );
                help.insert_str(offset.min(help.len()), &place);
            }
        }
        diagnostics.sort_by(|a, b| {
            let at = |d: &Diagnostic| {
                d.span
                    .as_ref()
                    .map(|s| (s.file, s.range.start, s.range.end))
            };
            at(a).cmp(&at(b)).then_with(|| a.message.cmp(&b.message))
        });
        diagnostics.dedup_by(|a, b| a.code == b.code && a.message == b.message && a.span == b.span);
        DataErrors {
            diagnostics,
            sources,
        }
    }

    /// Renders every diagnostic, sorted by file and position, capped at
    /// [`MAX_SHOWN`].
    pub fn render(&self, color: bool) -> String {
        let sorted = &self.diagnostics;
        let mut out = String::new();
        for d in sorted.iter().take(MAX_SHOWN) {
            render_one(&mut out, d, &self.sources, color);
            out.push('\n');
        }
        if sorted.len() > MAX_SHOWN {
            let _ = writeln!(out, "... and {} more problems", sorted.len() - MAX_SHOWN);
        }
        let count = |sev| {
            self.diagnostics
                .iter()
                .filter(|d| d.severity == sev)
                .count()
        };
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if errors > 0 {
            let _ = write!(
                out,
                "{}: the data has {}",
                paint("error", ERROR, color),
                plural(errors, "error")
            );
            if warnings > 0 {
                let _ = write!(out, " and {}", plural(warnings, "warning"));
            }
        } else {
            let _ = write!(
                out,
                "{}: the data has {} (--strict)",
                paint("warning", WARNING, color),
                plural(warnings, "warning")
            );
        }
        out
    }

    /// Every diagnostic as a JSON object, sorted like [`DataErrors::render`]:
    /// `severity`, `code`, `name`, `message`, `file`, `line`, `column`,
    /// `end_line`, `end_column`, `help`.
    pub fn to_json(&self) -> serde_json::Value {
        let problems: Vec<serde_json::Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                let mut v = serde_json::json!({
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": d.code.id(),
                    "name": d.code.name(),
                    "message": d.message,
                    "file": null,
                    "line": null,
                    "column": null,
                    "end_line": null,
                    "end_column": null,
                    "help": d.help,
                });
                if let Some(span) = &d.span {
                    let start = self.sources.position(span.file, span.range.start);
                    let end = self.sources.position(span.file, span.range.end);
                    v["file"] = serde_json::json!(self.sources.path(span.file).display().to_string());
                    v["line"] = serde_json::json!(start.line);
                    v["column"] = serde_json::json!(start.column);
                    v["end_line"] = serde_json::json!(end.line);
                    v["end_column"] = serde_json::json!(end.column);
                }
                v
            })
            .collect();
        serde_json::json!({ "problems": problems })
    }
}

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for DataErrors {}

/// The styles of a diagnostic, as rustc and cargo colour theirs.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const EMPHASIS: Style = Style::new().bold();

/// `text` in `style` when `color`, else as it is.
pub fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &SourceMap, color: bool) {
    let (label, style) = match d.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    };
    let _ = writeln!(
        out,
        "{}{}",
        paint(&format!("{label}[{}]", d.code.id()), style, color),
        paint(&format!(": {}", escape(&d.message)), EMPHASIS, color)
    );
    let gutter = |s: &str| paint(s, GUTTER, color);
    if let Some(span) = &d.span {
        let pos = sources.position(span.file, span.range.start);
        let num = pos.line.to_string();
        let pad = " ".repeat(num.len());
        let _ = writeln!(
            out,
            "{pad}{} {}:{}:{}",
            gutter("-->"),
            escape(&sources.path(span.file).display().to_string()),
            pos.line,
            pos.column
        );
        let (line_start, line) = sources.line_text(span.file, pos.line);
        let (excerpt, caret_at, caret_len) = excerpt(line, line_start, &span.range);
        let _ = writeln!(out, "{pad} {}", gutter("|"));
        let _ = writeln!(out, "{} {} {}", gutter(&num), gutter("|"), excerpt);
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            gutter("|"),
            " ".repeat(caret_at),
            paint(&"^".repeat(caret_len.max(1)), style, color)
        );
        if let Some(help) = &d.help {
            let _ = writeln!(
                out,
                "{pad} = {}: {}",
                paint("help", EMPHASIS, color),
                help_lines(help, &format!("{pad}         "))
            );
        }
    } else if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  = {}: {}",
            paint("help", EMPHASIS, color),
            help_lines(help, "          ")
        );
    }
}

/// A help of several lines, each escaped, the lines after the first
/// indented by `indent` (under the first).
fn help_lines(help: &str, indent: &str) -> String {
    help.split('\n')
        .map(|l| escape(l).into_owned())
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// A bounded, escaped excerpt of `line` around the byte range `span`
/// (relative to the file): the text, and the column and width of the caret
/// in terminal columns (a wide character takes two).
fn excerpt(line: &str, line_start: usize, span: &Range<usize>) -> (String, usize, usize) {
    let rel_start = span.start.saturating_sub(line_start).min(line.len());
    let rel_start = floor_char_boundary(line, rel_start);
    let rel_end = floor_char_boundary(
        line,
        span.end
            .saturating_sub(line_start)
            .clamp(rel_start, line.len()),
    );
    // Characters before the span kept in the excerpt.
    let before: Vec<char> = line[..rel_start].chars().collect();
    let fits = line.len() <= 4 * MAX_EXCERPT && line.chars().count() <= MAX_EXCERPT;
    let keep_before = if fits {
        before.len()
    } else {
        before.len().min(MAX_EXCERPT / 2)
    };
    let mut text = String::new();
    if keep_before < before.len() {
        text.push('…');
    }
    for c in &before[before.len() - keep_before..] {
        push_quoted(&mut text, *c);
    }
    let caret_at = columns(&text);
    let mut caret_len = 0;
    let budget = MAX_EXCERPT - keep_before;
    let mut truncated = false;
    for (shown, (i, c)) in line[rel_start..].char_indices().enumerate() {
        if shown >= budget {
            truncated = true;
            break;
        }
        let piece = text.len();
        push_quoted(&mut text, c);
        if rel_start + i < rel_end {
            caret_len += columns(&text[piece..]);
        }
    }
    if truncated {
        text.push('…');
    }
    (text, caret_at, caret_len)
}

/// Pushes `c` as a quoted line shows it: escaped if dangerous, and a tab
/// as four spaces (as rustc shows it), so that spaces align the caret.
fn push_quoted(text: &mut String, c: char) {
    if c == '\t' {
        text.push_str("    ");
    } else {
        push_escaped(text, c);
    }
}

/// The terminal columns `text` takes.
fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_caret_follows_the_span() {
        let line = format!("{}key = \"bad\"{}", "x".repeat(500), "y".repeat(500));
        let (text, at, len) = excerpt(&line, 0, &(500..503));
        assert!(text.chars().count() <= MAX_EXCERPT + 2, "{}", text.len());
        assert_eq!(text.chars().skip(at).take(len).collect::<String>(), "key");
    }

    #[test]
    fn the_caret_is_placed_in_terminal_columns() {
        // Two wide characters and a tab before the span, one wide in it.
        let line = "a = \"啕啕\"\t{ x = \"n啕\" }";
        let start = line.find("\"n").unwrap();
        let (text, at, len) = excerpt(line, 0, &(start..start + 6));
        assert_eq!(text, "a = \"啕啕\"    { x = \"n啕\" }");
        assert_eq!((at, len), (20, 5));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let mut map = SourceMap::default();
        let f = map.add("a.toml".into(), "a = 1\nb = \"é\" x\n".into());
        assert_eq!(map.position(f, 0), Position { line: 1, column: 1 });
        assert_eq!(map.position(f, 13), Position { line: 2, column: 7 });
    }
}
