//! The shape of one change, as written: a known `op` with the fields it
//! takes and needs. This depends on nothing but the change itself, so it is
//! checked for every file that parses, even when other files do not; the
//! replay then resolves the ids a [`Shape`] names.

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, Span};
use crate::ids::FileId;
use crate::records::input::{ChangeView, Field, FileInput};
use crate::suggest::closest;

/// The ops of the format, in the order the README lists them.
pub const OPS: [&str; 16] = [
    "create",
    "dissolve",
    "eliminate",
    "move",
    "rename",
    "alias",
    "unalias",
    "appoint",
    "leave",
    "unrecorded",
    "vacate",
    "report",
    "head",
    "set",
    "dotted",
    "undotted",
];

/// A reference to a unit or a role, by the id as written.
#[derive(Debug, Clone, Copy)]
pub enum SubjectRef<'a> {
    Unit(Field<'a>),
    Role(Field<'a>),
}

impl<'a> SubjectRef<'a> {
    pub fn id(&self) -> Field<'a> {
        match self {
            SubjectRef::Unit(s) | SubjectRef::Role(s) => *s,
        }
    }
}

/// A reference to a person, unit or role (what `alias` acts on).
#[derive(Debug, Clone, Copy)]
pub enum NamedRef<'a> {
    Person(Field<'a>),
    Subject(SubjectRef<'a>),
}

impl<'a> NamedRef<'a> {
    pub fn id(&self) -> Field<'a> {
        match self {
            NamedRef::Person(p) => *p,
            NamedRef::Subject(s) => s.id(),
        }
    }
}

/// A well-formed change whose ids are not yet resolved.
#[derive(Debug, Clone, Copy)]
pub enum Shape<'a> {
    Create(SubjectRef<'a>),
    Dissolve {
        unit: Field<'a>,
        into: Option<Field<'a>>,
    },
    Eliminate(Field<'a>),
    Move {
        subject: SubjectRef<'a>,
        to: Field<'a>,
    },
    /// A unit's new `name` or a role's new `title` (never empty).
    Rename {
        subject: SubjectRef<'a>,
        text: Field<'a>,
    },
    /// A person's new `name` (never empty).
    RenamePerson {
        person: Field<'a>,
        name: Field<'a>,
    },
    /// `name` (never empty) becomes an alias of the record, or, with
    /// `drop`, stops being one.
    Alias {
        named: NamedRef<'a>,
        name: Field<'a>,
        drop: bool,
    },
    Appoint {
        person: Field<'a>,
        role: Field<'a>,
        acting: bool,
    },
    Leave {
        person: Field<'a>,
        role: Option<Field<'a>>,
    },
    /// From then on the role's holder is not known (`op = "unrecorded"`).
    Unrecorded {
        role: Field<'a>,
    },
    /// From then on the role is vacant, whoever held it, known or not
    /// (`op = "vacate"`).
    Vacate {
        role: Field<'a>,
    },
    /// `to` is a role id, or empty to clear the line (or the top marker).
    Report {
        role: Field<'a>,
        to: Field<'a>,
    },
    /// `top = true`: the role reports to nobody.
    Top {
        role: Field<'a>,
    },
    /// `role` becomes the head of its unit.
    Head {
        role: Field<'a>,
    },
    /// `unit` is left with no head (written with `role = ""`).
    Headless {
        unit: Field<'a>,
    },
    /// A dotted line from `role` to `to` begins (`op = "dotted"`) or ends
    /// (`op = "undotted"`); `to` is never empty.
    Dotted {
        role: Field<'a>,
        to: Field<'a>,
        end: bool,
    },
    /// An empty `value` clears the attribute; `key` is never empty.
    Set {
        subject: NamedRef<'a>,
        key: Field<'a>,
        value: Field<'a>,
    },
}

/// Every shape problem of every change in `records`.
pub fn check_file(file: FileId, records: &FileInput) -> Vec<Diagnostic> {
    records
        .changes
        .iter()
        .filter_map(|c| shape(file, &records.view(c)).err())
        .flatten()
        .collect()
}

/// The fields an op takes, and how to write it.
fn grammar(op: &str) -> Option<(&'static [&'static str], &'static str)> {
    Some(match op {
        "create" => (
            &["unit", "role"],
            "{ op = \"create\", unit = \"ID\" } or { op = \"create\", role = \"ID\" }",
        ),
        "dissolve" => (
            &["unit", "into"],
            "{ op = \"dissolve\", unit = \"ID\", into = \"UNIT\" } (into is optional)",
        ),
        "eliminate" => (&["role"], "{ op = \"eliminate\", role = \"ID\" }"),
        "move" => (
            &["unit", "role", "to"],
            "{ op = \"move\", unit = \"ID\", to = \"NEW-PARENT\" } (to = \"\" makes it a top-level organisation) or { op = \"move\", role = \"ID\", to = \"UNIT\" }",
        ),
        "rename" => (
            &["unit", "role", "person", "name", "title"],
            "{ op = \"rename\", unit = \"ID\", name = \"...\" }, { op = \"rename\", person = \"ID\", name = \"...\" } or { op = \"rename\", role = \"ID\", title = \"...\" }",
        ),
        "alias" => (
            &["unit", "role", "person", "name"],
            "{ op = \"alias\", role = \"ID\", name = \"...\" } (or unit = \"ID\", or person = \"ID\")",
        ),
        "unalias" => (
            &["unit", "role", "person", "name"],
            "{ op = \"unalias\", role = \"ID\", name = \"...\" } (or unit = \"ID\", or person = \"ID\")",
        ),
        "appoint" => (
            &["person", "role", "acting"],
            "{ op = \"appoint\", person = \"ID\", role = \"ID\" } (acting = true is optional)",
        ),
        "leave" => (
            &["person", "role"],
            "{ op = \"leave\", person = \"ID\" } or { op = \"leave\", person = \"ID\", role = \"ID\" }",
        ),
        "unrecorded" => (
            &["role"],
            "{ op = \"unrecorded\", role = \"ID\" } (from then on the role's holder is not known)",
        ),
        "vacate" => (
            &["role"],
            "{ op = \"vacate\", role = \"ID\" } (from then on the role is vacant, whoever held it)",
        ),
        "report" => (
            &["role", "to", "top"],
            "{ op = \"report\", role = \"ID\", to = \"ROLE\" } (to = \"\" clears the line or the top marker), or { op = \"report\", role = \"ID\", top = true } (it reports to nobody)",
        ),
        "head" => (
            &["unit", "role"],
            "{ op = \"head\", role = \"ID\" } (the role heads its unit), or { op = \"head\", unit = \"ID\", role = \"\" } (the unit has no head)",
        ),
        "set" => (
            &["unit", "role", "person", "key", "value"],
            "{ op = \"set\", unit = \"ID\", key = \"status\", value = \"...\" } (or role = \"ID\" or person = \"ID\"; value = \"\" clears it)",
        ),
        "dotted" => (
            &["role", "to"],
            "{ op = \"dotted\", role = \"ID\", to = \"ROLE\" } (a dotted line from the role to ROLE)",
        ),
        "undotted" => (
            &["role", "to"],
            "{ op = \"undotted\", role = \"ID\", to = \"ROLE\" } (ends the dotted line from the role to ROLE)",
        ),
        _ => return None,
    })
}

type Problems = Vec<Diagnostic>;

/// Both results, or the problems of either and both.
fn both<A, B>(a: Result<A, Problems>, b: Result<B, Problems>) -> Result<(A, B), Problems> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => Err(a.err().into_iter().chain(b.err()).flatten().collect()),
    }
}

/// Reads one change into its [`Shape`], or says everything wrong with it.
pub fn shape<'a>(file: FileId, c: &ChangeView<'a>) -> Result<Shape<'a>, Problems> {
    fn need<'a>(
        value: Option<Field<'a>>,
        missing: impl FnOnce() -> Problems,
    ) -> Result<Field<'a>, Problems> {
        value.ok_or_else(missing)
    }

    let rec = c;
    let op = c.op.get_ref();
    let at = |range: std::ops::Range<usize>| Span { file, range };
    let op_span = at(c.op.span());
    let Some((allowed, usage)) = grammar(op) else {
        let help = match closest(op, OPS) {
            Some(near) => format!("did you mean '{near}'? the ops are: {}", OPS.join(", ")),
            None => format!("the ops are: {}", OPS.join(", ")),
        };
        let d = Diagnostic::new(Code::UnknownOp, format!("unknown op '{op}'"), op_span);
        return Err(vec![d.with_help(help)]);
    };
    let problem = |span: Span, message: String| {
        vec![
            Diagnostic::new(Code::ChangeFields, message, span)
                .with_help(format!("write it as {usage}")),
        ]
    };

    // Fields the op does not take.
    let present = [
        ("unit", c.unit.map(|f| f.span())),
        ("role", c.role.map(|f| f.span())),
        ("person", c.person.map(|f| f.span())),
        ("into", c.into.map(|f| f.span())),
        ("to", c.to.map(|f| f.span())),
        ("name", c.name.map(|f| f.span())),
        ("title", c.title.map(|f| f.span())),
        ("acting", c.acting.map(|f| f.span())),
        ("top", c.top.map(|f| f.span())),
        ("key", c.key.map(|f| f.span())),
        ("value", c.value.map(|f| f.span())),
    ];
    let extra: Problems = present
        .into_iter()
        .filter_map(|(field, span)| Some((field, span?)))
        .filter(|(field, _)| !allowed.contains(field))
        .flat_map(|(field, span)| problem(at(span), format!("op '{op}' does not take '{field}'")))
        .collect();
    if !extra.is_empty() {
        return Err(extra);
    }

    // Fields the op needs.
    let missing = |what: &'static str| {
        let op_span = &op_span;
        move || problem(op_span.clone(), format!("op '{op}' needs {what}"))
    };
    let subject = || match (c.unit, c.role) {
        (Some(u), None) => Ok(SubjectRef::Unit(u)),
        (None, Some(r)) => Ok(SubjectRef::Role(r)),
        (Some(_), Some(_)) => Err(problem(
            at(rec.span()),
            format!("op '{op}' needs either `unit` or `role`, not both"),
        )),
        (None, None) => Err(problem(
            op_span.clone(),
            format!("op '{op}' needs `unit` or `role`"),
        )),
    };
    // A person, unit or role: what `alias`, `unalias` and `set` act on.
    let named = || match (c.person, c.unit.is_some() || c.role.is_some()) {
        (Some(p), false) => Ok(NamedRef::Person(p)),
        (None, _) => Ok(NamedRef::Subject(subject().map_err(|_| {
            problem(
                op_span.clone(),
                format!("op '{op}' needs one of `person`, `unit` or `role`"),
            )
        })?)),
        (Some(_), true) => Err(problem(
            at(rec.span()),
            format!("op '{op}' needs one of `person`, `unit` or `role`, not several"),
        )),
    };
    let not_empty = |value: Field<'a>, what: &str| {
        if value.get_ref().trim().is_empty() {
            let span = at(value.span());
            Err(vec![Diagnostic::new(
                Code::EmptyValue,
                format!("the {what} is empty"),
                span,
            )])
        } else {
            Ok(())
        }
    };
    match op {
        "create" => subject().map(Shape::Create),
        "dissolve" => {
            need(c.unit, missing("`unit`")).map(|unit| Shape::Dissolve { unit, into: c.into })
        }
        "eliminate" => need(c.role, missing("`role`")).map(Shape::Eliminate),
        "move" => {
            let (subject, to) = both(subject(), need(c.to, missing("`to`")))?;
            if let SubjectRef::Role(_) = subject
                && to.get_ref().is_empty()
            {
                return Err(problem(
                    at(to.span()),
                    "a role is always in a unit: `to = \"\"` (top level) is only for a unit"
                        .to_string(),
                ));
            }
            Ok(Shape::Move { subject, to })
        }
        "rename" if c.person.is_some() => {
            let person = need(c.person, missing("`person`"))?;
            if let Some(other) = c.unit.or(c.role) {
                return Err(problem(
                    at(other.span()),
                    format!("op '{op}' renames one record: a `person`, a `unit` or a `role`"),
                ));
            }
            if let Some(t) = c.title {
                return Err(problem(
                    at(t.span()),
                    "a person is renamed with `name`, not `title`".to_string(),
                ));
            }
            let name = need(c.name, missing("`name`"))?;
            not_empty(name, "new name")?;
            Ok(Shape::RenamePerson { person, name })
        }
        "alias" | "unalias" => {
            let named = named()?;
            let name = need(c.name, missing("`name`"))?;
            not_empty(name, "alias")?;
            Ok(Shape::Alias {
                named,
                name,
                drop: op == "unalias",
            })
        }
        "rename" => {
            let subject = subject()?;
            let (kind, right, wrong, field, other) = match subject {
                SubjectRef::Unit(_) => ("unit", "`name`", "`title`", c.name, c.title),
                SubjectRef::Role(_) => ("role", "`title`", "`name`", c.title, c.name),
            };
            if let Some(t) = other {
                return Err(problem(
                    at(t.span()),
                    format!("a {kind} is renamed with {right}, not {wrong}"),
                ));
            }
            let text = need(field, missing(right))?;
            not_empty(text, &format!("new {}", right.trim_matches('`')))?;
            Ok(Shape::Rename { subject, text })
        }
        "appoint" => both(
            need(c.person, missing("`person`")),
            need(c.role, missing("`role`")),
        )
        .map(|(person, role)| Shape::Appoint {
            person,
            role,
            acting: c.acting.is_some_and(|a| a.value),
        }),
        "leave" => need(c.person, missing("`person`")).map(|person| Shape::Leave {
            person,
            role: c.role,
        }),
        "unrecorded" => need(c.role, missing("`role`")).map(|role| Shape::Unrecorded { role }),
        "vacate" => need(c.role, missing("`role`")).map(|role| Shape::Vacate { role }),
        "report" => match (c.top, c.to) {
            (Some(top), _) if !top.value => Err(problem(
                at(top.span()),
                "`top = false` changes nothing: write to = \"\" to clear a top marker".to_string(),
            )),
            (Some(_), Some(to)) => Err(problem(
                at(to.span()),
                "op 'report' takes either `to` or `top = true`, not both".to_string(),
            )),
            (Some(_), None) => need(c.role, missing("`role`")).map(|role| Shape::Top { role }),
            (None, _) => both(
                need(c.role, missing("`role`")),
                need(
                    c.to,
                    missing("`to` (a role id, or \"\" to clear), or `top = true`"),
                ),
            )
            .map(|(role, to)| Shape::Report { role, to }),
        },
        "head" => {
            let role = need(
                c.role,
                missing("`role` (a role id, or \"\" with `unit` for no head)"),
            )?;
            match (role.get_ref().is_empty(), c.unit) {
                (false, None) => Ok(Shape::Head { role }),
                (true, Some(unit)) => Ok(Shape::Headless { unit }),
                (false, Some(unit)) => Err(problem(
                    at(unit.span()),
                    "op 'head' takes `unit` only with role = \"\" (a role heads the unit it is in)"
                        .to_string(),
                )),
                (true, None) => Err(problem(
                    at(role.span()),
                    "op 'head' with role = \"\" needs the `unit` left without a head".to_string(),
                )),
            }
        }
        "dotted" | "undotted" => {
            let (role, to) = both(
                need(c.role, missing("`role`")),
                need(c.to, missing("`to` (the role of the dotted line)")),
            )?;
            not_empty(to, "role of the dotted line")?;
            Ok(Shape::Dotted {
                role,
                to,
                end: op == "undotted",
            })
        }
        // `grammar` knows fourteen ops: this is `set`.
        _ => {
            let (subject, (key, value)) = both(
                named(),
                both(
                    need(c.key, missing("`key`")),
                    need(c.value, missing("`value` (\"\" clears the attribute)")),
                ),
            )?;
            not_empty(key, "attribute key")?;
            Ok(Shape::Set {
                subject,
                key,
                value,
            })
        }
    }
}
