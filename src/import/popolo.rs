//! `orgctl import popolo FILE.json --out DIR`: a Popolo document (persons,
//! organizations, posts, memberships) into a data folder, each fact dated
//! from the Popolo dates, read here into plain records; `emit.rs` writes
//! them as the records and events of the format. The `orgctl:` extension
//! fields that `orgctl export popolo` writes are read back, so export then
//! import gives the same answers (docs/popolo.md).
//!
//! Every problem of the document is said with its JSON path and value
//! (`memberships[12].start_date: '2023-13-01' is not a date`); all of them
//! at once, and then nothing is written.

mod emit;
mod reader;

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::Ids;
use crate::dates::PartialDate;
use crate::ids::Key;
use reader::{Reader, show};

pub use emit::{Summary, plan};

/// When something held: the date it began (`None`: from always) and the
/// date of the change that ended it (`None`: it still holds), as orgctl
/// dates them, with the events of the document that made them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub start_event: Option<String>,
    pub end_event: Option<String>,
}

impl Span {
    fn starts_with(&self, life: &Span) -> bool {
        self.start_event.is_none() && self.start == life.start
    }

    fn ends_with(&self, life: &Span) -> bool {
        self.end.is_some() && self.end == life.end && self.end_event == life.end_event
    }
}

/// A name (or title) over a span, or an alias.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub span: Span,
    pub alias: bool,
}

/// A dated link to another record (by its id in the data folder).
#[derive(Debug, Clone)]
pub struct Linked {
    pub id: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// What every record carries.
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub id: String,
    /// Names over time (`orgctl:kind` `name`); empty: the one `name`.
    pub names: Vec<Named>,
    pub name: String,
    pub aliases: Vec<Named>,
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub attrs: Vec<Attr>,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub c: Common,
    pub kind: Option<String>,
    pub life: Span,
    /// Parents over time; a foreign document's `parent_id` from always.
    pub parents: Vec<Linked>,
    pub into: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Post {
    pub c: Common,
    pub life: Span,
    pub units: Vec<Linked>,
    pub head: Vec<Span>,
    pub explicit: Vec<Linked>,
    pub top: Vec<Span>,
    pub dotted: Vec<Linked>,
    /// `orgctl:seats`: `Some(None)` for `"any"`.
    pub seats: Option<Option<u32>>,
    /// Made for memberships with an organization and a role label only.
    pub made: bool,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub person: String,
    pub post: String,
    pub span: Span,
    pub acting: bool,
    /// Its JSON path, for messages.
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub reported: Option<PartialDate>,
    pub title: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

/// A Popolo document, read.
#[derive(Debug, Default)]
pub struct Document {
    pub persons: Vec<Common>,
    pub orgs: Vec<Org>,
    pub posts: Vec<Post>,
    pub members: Vec<Member>,
    pub events: Vec<Event>,
    /// Written by `orgctl export popolo` (`orgctl:format`).
    pub orgctl: bool,
    /// The fields orgctl has no place for (`memberships[].area_id`), each
    /// with how many records have it: said, not imported.
    pub unread: Vec<(String, usize)>,
}

/// Reads the Popolo document `text` of `file`; every problem at once,
/// each with its JSON path.
pub fn read(file: &Path, text: &str) -> anyhow::Result<Document> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: this is not JSON: {e}\n  help: give a Popolo JSON document (an object with persons, organizations, posts, memberships)",
            file.display(),
            e.line(),
            e.column()
        )
    })?;
    let Value::Object(root) = &value else {
        anyhow::bail!(
            "{}: the document is not a JSON object\n  help: a Popolo document is an object with persons, organizations, posts and memberships",
            file.display()
        );
    };
    let mut r = Reader {
        problems: Vec::new(),
        ids: Ids::default(),
        used: Default::default(),
        persons: HashMap::new(),
        orgs: HashMap::new(),
        posts: HashMap::new(),
        events: HashMap::new(),
    };
    let mut doc = Document {
        orgctl: root.get("orgctl:format").is_some(),
        unread: unread(root),
        ..Document::default()
    };
    // Ids that are valid as they are keep them: taken first.
    for key in ["persons", "organizations", "posts", "orgctl:events"] {
        if let Some(Value::Array(a)) = root.get(key) {
            for v in a {
                if let Some(Value::String(id)) = v.get("id")
                    && Key::is_valid(id)
                {
                    r.ids.take(id);
                }
            }
        }
    }
    match root.get("orgctl:format") {
        None => {}
        Some(Value::String(f)) if f == crate::export::popolo::FORMAT => {}
        Some(v) => r.problem(
            "orgctl:format",
            format!(
                "{} is not a version this orgctl reads ({})",
                show(v),
                crate::export::popolo::FORMAT
            ),
        ),
    }
    read_events(&mut r, root, &mut doc);
    // Ids first, so that links may point forward.
    let ids = |r: &mut Reader, key: &str, kind: &str| -> Vec<Option<String>> {
        let list = r.array(root, "", key).to_vec();
        list.iter()
            .enumerate()
            .map(|(i, v)| {
                let path = format!("{key}[{i}]");
                let o = r.object(v, &path)?;
                let popolo = r.required(o, &path, "id");
                (!popolo.is_empty())
                    .then(|| r.id(kind, &popolo, &path))
                    .flatten()
            })
            .collect()
    };
    let person_ids = ids(&mut r, "persons", "person");
    let org_ids = ids(&mut r, "organizations", "organization");
    let post_ids = ids(&mut r, "posts", "post");
    doc.persons = each(&mut r, root, "persons", person_ids, |r, o, path, id| {
        Some(r.common(o, path, id, "other_names", "name"))
    });
    doc.orgs = each(&mut r, root, "organizations", org_ids, |r, o, path, id| {
        Some(read_org(r, o, path, id))
    });
    doc.posts = each(&mut r, root, "posts", post_ids, read_post);
    for (i, v) in r.array(root, "", "memberships").to_vec().iter().enumerate() {
        let path = format!("memberships[{i}]");
        if let Some(o) = r.object(v, &path) {
            read_member(&mut r, o, &path, &mut doc);
        }
    }
    if !r.problems.is_empty() {
        let n = r.problems.len();
        let list: Vec<String> = r
            .problems
            .iter()
            .map(|p| format!("  {}: {p}", file.display()))
            .collect();
        anyhow::bail!(
            "{} cannot be imported: {n} problem{}; nothing was written\n{}\n  help: correct the document (each problem is at its JSON path), then import it again",
            file.display(),
            if n == 1 { "" } else { "s" },
            list.join("\n")
        );
    }
    Ok(doc)
}

/// What `read` makes of each object of the list `key` that has an id
/// (`ids`, in the list's order), with its path.
fn each<T>(
    r: &mut Reader,
    root: &Map<String, Value>,
    key: &str,
    ids: Vec<Option<String>>,
    mut read: impl FnMut(&mut Reader, &Map<String, Value>, &str, String) -> Option<T>,
) -> Vec<T> {
    let list = r.array(root, "", key).to_vec();
    let mut out = Vec::new();
    for (i, (v, id)) in list.iter().zip(ids).enumerate() {
        let path = format!("{key}[{i}]");
        if let (Some(o), Some(id)) = (v.as_object(), id)
            && let Some(t) = read(r, o, &path, id)
        {
            out.push(t);
        }
    }
    out
}

/// The fields each list's records may have that the import reads (the
/// spans' `start_date`, `end_date` and `orgctl:` fields with them).
const READ: &[(&str, &[&str])] = &[
    ("persons", &["id", "name", "other_names", "sources"]),
    (
        "organizations",
        &[
            "id",
            "name",
            "classification",
            "parent_id",
            "founding_date",
            "dissolution_date",
            "other_names",
            "sources",
            "orgctl:life",
            "orgctl:parents",
            "orgctl:dissolved_into",
        ],
    ),
    (
        "posts",
        &[
            "id",
            "label",
            "role",
            "organization_id",
            "other_label",
            "sources",
            "orgctl:titles",
            "orgctl:units",
            "orgctl:head",
            "orgctl:explicit_line",
            "orgctl:top",
            "orgctl:reports_to",
            "orgctl:dotted",
            "orgctl:seats",
        ],
    ),
    (
        "memberships",
        &[
            "id",
            "person_id",
            "post_id",
            "organization_id",
            "role",
            "label",
            "orgctl:acting",
        ],
    ),
    (
        "orgctl:events",
        &["id", "date", "reported", "title", "note", "sources"],
    ),
];

/// Every field of the document the import does not read, with how many
/// records have it, in the document's order.
fn unread(root: &Map<String, Value>) -> Vec<(String, usize)> {
    const SPAN: &[&str] = &[
        "start_date",
        "end_date",
        "orgctl:start",
        "orgctl:end",
        "orgctl:start_event",
        "orgctl:end_event",
        "orgctl:note",
        "orgctl:attributes",
    ];
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut count = |name: String| match out.iter_mut().find(|(n, _)| *n == name) {
        Some((_, c)) => *c += 1,
        None => out.push((name, 1)),
    };
    for (key, value) in root {
        let Some(&(_, fields)) = READ.iter().find(|(k, _)| k == key) else {
            if key != "orgctl:format" {
                count(key.clone());
            }
            continue;
        };
        let records = value.as_array().map_or(&[][..], Vec::as_slice);
        for field in records
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|o| o.keys())
        {
            if !fields.contains(&field.as_str()) && !SPAN.contains(&field.as_str()) {
                count(format!("{key}[].{field}"));
            }
        }
    }
    out
}

fn read_events(r: &mut Reader, root: &Map<String, Value>, doc: &mut Document) {
    let list = r.array(root, "", "orgctl:events").to_vec();
    for (i, v) in list.iter().enumerate() {
        let path = format!("orgctl:events[{i}]");
        let Some(o) = r.object(v, &path) else {
            continue;
        };
        let popolo = r.required(o, &path, "id");
        let date = r.date(o, &path, "date", true);
        if date.is_none() && o.get("date").is_none() {
            r.problem(&format!("{path}.date"), "missing (every event needs one)");
        }
        let reported = r.date(o, &path, "reported", true);
        let title = r.text(o, &path, "title");
        let note = r.text(o, &path, "note");
        let sources = r.sources(o, &path);
        if popolo.is_empty() {
            continue;
        }
        if r.events.contains_key(&popolo) {
            r.problem(
                &format!("{path}.id"),
                format!("'{popolo}' is the id of an earlier event too"),
            );
            continue;
        }
        let id = r.fresh(&popolo, "event");
        r.events.insert(popolo, id.clone());
        if let Some(date) = date {
            doc.events.push(Event {
                id,
                date,
                reported,
                title,
                note,
                sources,
            });
        }
    }
}

fn read_org(r: &mut Reader, o: &Map<String, Value>, path: &str, id: String) -> Org {
    let c = r.common(o, path, id, "other_names", "name");
    let kind = r.text(o, path, "classification").filter(|k| !k.is_empty());
    let mut life = r.span(o, path, ("founding_date", "dissolution_date"), true);
    if let Some(Value::Object(lo)) = o.get("orgctl:life") {
        let l = r.span(
            lo,
            &format!("{path}.orgctl:life"),
            ("start_date", "end_date"),
            false,
        );
        life.start_event = l.start_event;
        life.end_event = l.end_event;
    }
    let mut parents = match o.get("orgctl:parents") {
        Some(_) => r.links(o, path, "orgctl:parents", "organization"),
        None => Vec::new(),
    };
    if o.get("orgctl:parents").is_none()
        && let Some(p) = r.text(o, path, "parent_id").filter(|p| !p.is_empty())
        && let Some(pid) = r.link("organization", &p, &format!("{path}.parent_id"))
    {
        parents.push(Linked {
            id: pid,
            span: Span {
                start: life.start,
                ..Span::default()
            },
        });
    }
    let into = r
        .text(o, path, "orgctl:dissolved_into")
        .and_then(|i| r.link("organization", &i, &format!("{path}.orgctl:dissolved_into")));
    Org {
        c,
        kind,
        life,
        parents,
        into,
    }
}

fn read_post(r: &mut Reader, o: &Map<String, Value>, path: &str, id: String) -> Option<Post> {
    let label_key = if o.get("label").is_some() {
        "label"
    } else {
        "role"
    };
    let mut c = r.common(o, path, id, "orgctl:titles", label_key);
    for (i, l) in r.array(o, path, "other_label").to_vec().iter().enumerate() {
        match l {
            Value::String(s) if !c.aliases.iter().any(|a| &a.name == s) => c.aliases.push(Named {
                name: s.clone(),
                span: Span::default(),
                alias: true,
            }),
            Value::String(_) => {}
            v => r.problem(
                &format!("{path}.other_label[{i}]"),
                format!("{} is not a string", show(v)),
            ),
        }
    }
    let life = r.span(o, path, ("start_date", "end_date"), false);
    let units = match o.get("orgctl:units") {
        Some(_) => r.links(o, path, "orgctl:units", "organization"),
        None => {
            let org = r.text(o, path, "organization_id").filter(|t| !t.is_empty());
            let Some(org) = org else {
                r.problem(
                    &format!("{path}.organization_id"),
                    "missing: a post is in an organization",
                );
                return None;
            };
            let unit = r.link("organization", &org, &format!("{path}.organization_id"))?;
            vec![Linked {
                id: unit,
                span: life.clone(),
            }]
        }
    };
    let seats = match o.get("orgctl:seats") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "any" => Some(None),
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|n| (1..=u64::from(u32::MAX)).contains(&n)) =>
        {
            Some(n.as_u64().map(|n| n as u32))
        }
        Some(v) => {
            r.problem(
                &format!("{path}.orgctl:seats"),
                format!(
                    "{} is not a number of seats (1 or more, or \"any\")",
                    show(v)
                ),
            );
            None
        }
    };
    Some(Post {
        head: r.spans(o, path, "orgctl:head"),
        explicit: r.links(o, path, "orgctl:explicit_line", "post"),
        top: r.spans(o, path, "orgctl:top"),
        dotted: r.links(o, path, "orgctl:dotted", "post"),
        c,
        life,
        units,
        seats,
        made: false,
    })
}

fn read_member(r: &mut Reader, o: &Map<String, Value>, path: &str, doc: &mut Document) {
    let person = r.text(o, path, "person_id").filter(|t| !t.is_empty());
    let Some(person) = person else {
        r.problem(
            &format!("{path}.person_id"),
            "missing: orgctl imports memberships of persons",
        );
        return;
    };
    let person = r.link("person", &person, &format!("{path}.person_id"));
    let span = r.span(o, path, ("start_date", "end_date"), false);
    let acting = matches!(o.get("orgctl:acting"), Some(Value::Bool(true)));
    let post = match r.text(o, path, "post_id").filter(|t| !t.is_empty()) {
        Some(p) => r.link("post", &p, &format!("{path}.post_id")),
        None => {
            // A membership with an organization and a role label only: a
            // post per (organization, label).
            let org = r.text(o, path, "organization_id").filter(|t| !t.is_empty());
            let Some(org) = org else {
                r.problem(path, "neither post_id nor organization_id: a membership is of a post or in an organization");
                return;
            };
            let unit = r.link("organization", &org, &format!("{path}.organization_id"));
            let label = r
                .text(o, path, "role")
                .or_else(|| r.text(o, path, "label"))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Member".to_string());
            unit.map(|unit| made_post(r, doc, &unit, &label))
        }
    };
    if let (Some(person), Some(post)) = (person, post) {
        doc.members.push(Member {
            person,
            post,
            span,
            acting,
            path: path.to_string(),
        });
    }
}

/// The post of `label` in `unit`, made once for memberships without one.
fn made_post(r: &mut Reader, doc: &mut Document, unit: &str, label: &str) -> String {
    let key = format!("\u{0}{unit}\u{0}{label}");
    if let Some(id) = r.posts.get(&key) {
        return id.clone();
    }
    let id = r.ids.make(&format!("{unit} {label}"), "post");
    r.posts.insert(key, id.clone());
    doc.posts.push(Post {
        c: Common {
            id: id.clone(),
            name: label.to_string(),
            ..Common::default()
        },
        life: Span::default(),
        units: vec![Linked {
            id: unit.to_string(),
            span: Span::default(),
        }],
        head: Vec::new(),
        explicit: Vec::new(),
        top: Vec::new(),
        dotted: Vec::new(),
        seats: None,
        made: true,
    });
    id
}
