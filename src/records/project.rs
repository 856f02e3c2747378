//! The project file, `orgctl.toml`: its keys as [`schema::PROJECT`]
//! declares them, read by the TOML reader of the data files, every problem
//! a located diagnostic.

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, Span};
use crate::ids::FileId;
use crate::records::reader::{document, syntax_diagnostic};
use crate::records::schema::{self, Type};
use crate::records::tree::{Node, Value};

/// What a project file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectIn {
    pub data: Option<String>,
    pub exclude: Vec<String>,
    pub name: Option<String>,
    /// Closed periods, by their last day.
    pub closed: Vec<chrono::NaiveDate>,
}

/// Reads the project file `text` (file `file` of the diagnostics).
pub fn read(file: FileId, text: &str) -> Result<ProjectIn, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let root = document(text, &mut errors);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| syntax_diagnostic(e, file, text))
            .collect());
    }
    let at = |range: std::ops::Range<usize>| Span { file, range };
    let kind = &schema::PROJECT;
    let mut out = ProjectIn::default();
    let mut diags = Vec::new();
    for (key, node) in root.entries {
        let Some(field) = kind.index(&key.name).map(|i| kind.fields[i]) else {
            let help = match crate::suggest::closest(&key.name, kind.names()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "orgctl.toml takes {}",
                    kind.names()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            diags.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    format!("unknown key `{}` in orgctl.toml", key.name),
                    at(key.span.clone()),
                )
                .with_help(help),
            );
            continue;
        };
        let wrong = |node: &Node| {
            Diagnostic::new(
                Code::WrongType,
                format!("`{}` takes a {}", field.name, field.ty.doc_name()),
                at(node.span.clone()),
            )
            .with_help(field.doc)
        };
        match (field.ty, &node.value) {
            (Type::Str, Value::Str(s)) => {
                let s = Some(s.to_string());
                match field.name {
                    "data" => out.data = s,
                    _ => out.name = s,
                }
            }
            (Type::Strings, Value::Array(items, false)) => {
                for item in items {
                    let Value::Str(s) = &item.value else {
                        diags.push(wrong(item));
                        continue;
                    };
                    if field.name == "exclude" {
                        if let Err(e) = glob::Pattern::new(s) {
                            diags.push(
                                Diagnostic::new(
                                    Code::WrongType,
                                    format!("invalid pattern '{s}': {}", e.msg),
                                    at(item.span.clone()),
                                )
                                .with_help("write a glob pattern, such as \"drafts/**\" or \"pyproject.toml\""),
                            );
                        }
                        out.exclude.push(s.to_string());
                    } else {
                        match crate::dates::parse_period(s) {
                            Ok(p) => out.closed.push(p.last),
                            _ => diags.push(
                                Diagnostic::new(
                                    Code::InvalidDate,
                                    format!("invalid closed period '{s}'"),
                                    at(item.span.clone()),
                                )
                                .with_help("write a year, a quarter, a month or a day: \"2024\", \"2025-Q1\", \"2025-03\" or \"2025-03-31\""),
                            ),
                        }
                    }
                }
            }
            _ => diags.push(wrong(&node)),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}
