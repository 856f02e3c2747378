//! A read Popolo document as the records and events of a data folder:
//! what held from a record's beginning is a key of the record (`parent`,
//! `unit`, `head`, `reports_to`, `holder`, `since`...); every later change
//! is a change of an event, dated from the Popolo dates. Changes the
//! document ties to one of its `orgctl:events` go into that event (its
//! id, date, title, sources); the others into events made per date and
//! title ("Wu Zeming appointed Chief Executive Officer"), citing the file
//! and the record's sources. Within an event, changes are written in an
//! order that replays: leaves, heads ended, lines cleared, moves, heads,
//! lines, dotted lines, attributes, appointments, eliminations,
//! dissolutions.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::{Attr, Document, Linked, Member, Named, Post, Span};
use crate::dates::PartialDate;
use crate::write::{Append, RecordText, date_toml, quote};

/// What an import wrote, for the summary it prints.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub persons: usize,
    pub organizations: usize,
    pub posts: usize,
    /// Posts made for memberships with an organization and a role only.
    pub made_posts: usize,
    /// Posts held by several people at once (`seats`).
    pub seated: usize,
    pub memberships: usize,
    pub events: usize,
}

/// Where a change goes: the document's event, else an event of its own
/// date and title.
struct Change {
    date: PartialDate,
    event: Option<String>,
    rank: u8,
    title: String,
    sources: Vec<String>,
    fields: Vec<(&'static str, String)>,
}

struct Planner<'d> {
    doc: &'d Document,
    file: String,
    changes: Vec<Change>,
    problems: Vec<String>,
    names: HashMap<&'d str, &'d str>,
}

/// A point in time a span starts or ends at.
fn point(
    date: Option<PartialDate>,
    event: &Option<String>,
) -> (Option<PartialDate>, Option<String>) {
    (date, event.clone())
}

fn starts_at(s: &Span, p: &(Option<PartialDate>, Option<String>)) -> bool {
    s.start == p.0 && s.start_event == p.1
}

impl<'d> Planner<'d> {
    /// A change at `date` (of the document's event `event`).
    #[allow(clippy::too_many_arguments)]
    fn at(
        &mut self,
        date: Option<PartialDate>,
        event: &Option<String>,
        rank: u8,
        title: String,
        sources: &[String],
        fields: Vec<(&'static str, String)>,
        what: &str,
    ) {
        let Some(date) = date.or_else(|| self.event_date(event)) else {
            self.problems.push(format!(
                "{what}: a change with no date (give it a start_date or end_date)"
            ));
            return;
        };
        let mut all = vec![self.file.clone()];
        all.extend(sources.iter().cloned());
        self.changes.push(Change {
            date,
            event: event.clone(),
            rank,
            title,
            sources: all,
            fields,
        });
    }

    fn event_date(&self, event: &Option<String>) -> Option<PartialDate> {
        let id = event.as_ref()?;
        self.doc.events.iter().find(|e| &e.id == id).map(|e| e.date)
    }

    fn name_of(&self, id: &str) -> &'d str {
        self.names.get(id).copied().unwrap_or("")
    }

    /// Renames after the first name: `key` names the record.
    fn renames(
        &mut self,
        names: &[Named],
        key: &'static str,
        id: &str,
        name_key: &'static str,
        sources: &[String],
    ) {
        for pair in names.windows(2) {
            let (old, new) = (&pair[0], &pair[1]);
            self.at(
                new.span.start,
                &new.span.start_event,
                0,
                format!("{} renamed {}", old.name, new.name),
                sources,
                vec![
                    ("op", quote("rename")),
                    (key, quote(id)),
                    (name_key, quote(&new.name)),
                ],
                id,
            );
        }
    }

    fn attributes(
        &mut self,
        attrs: &[Attr],
        key: &'static str,
        id: &str,
        life: &Span,
        sources: &[String],
    ) {
        for a in attrs {
            self.at(
                a.span.start,
                &a.span.start_event,
                9,
                format!("{}: {} {}", self.name_of(id), a.key, a.value),
                sources,
                vec![
                    ("op", quote("set")),
                    (key, quote(id)),
                    ("key", quote(&a.key)),
                    ("value", quote(&a.value)),
                ],
                id,
            );
            let end = point(a.span.end, &a.span.end_event);
            let again = attrs
                .iter()
                .any(|b| b.key == a.key && starts_at(&b.span, &end));
            if a.span.end.is_some() && !a.span.ends_with(life) && !again {
                self.at(
                    a.span.end,
                    &a.span.end_event,
                    9,
                    format!("{}: {} cleared", self.name_of(id), a.key),
                    sources,
                    vec![
                        ("op", quote("set")),
                        (key, quote(id)),
                        ("key", quote(&a.key)),
                        ("value", quote("")),
                    ],
                    id,
                );
            }
        }
    }
}

/// `aka` as TOML: a string for an alias from always, else a table.
fn aka(aliases: &[Named]) -> Option<String> {
    if aliases.is_empty() {
        return None;
    }
    let items: Vec<String> = aliases
        .iter()
        .map(|a| match (a.span.start, a.span.end) {
            (None, None) => quote(&a.name),
            (since, until) => {
                let mut t = format!("{{ name = {}", quote(&a.name));
                if let Some(s) = since {
                    t.push_str(&format!(", since = {}", date_toml(&s)));
                }
                if let Some(u) = until {
                    t.push_str(&format!(", until = {}", date_toml(&u)));
                }
                t.push_str(" }");
                t
            }
        })
        .collect();
    Some(format!("[{}]", items.join(", ")))
}

fn with_common(
    mut rec: RecordText,
    aliases: &[Named],
    note: &Option<String>,
    sources: &[String],
) -> RecordText {
    if let Some(a) = aka(aliases) {
        rec = rec.raw("aka", a);
    }
    if let Some(n) = note {
        rec = rec.text("note", n);
    }
    rec.texts("sources", sources)
}

/// Names over time, by start; the record's `name` when it has none.
fn names_of(names: &[Named], name: &str) -> Vec<Named> {
    let mut v = names.to_vec();
    v.sort_by_key(|n| n.span.start.map(|d| d.first_day()));
    if v.is_empty() {
        v.push(Named {
            name: name.to_string(),
            span: Span::default(),
            alias: false,
        });
    }
    v
}

/// The largest number of memberships of one post held at once, a
/// handover day (one starts on the last day of another) not counted.
fn most_at_once(members: &[&Member]) -> usize {
    let mut edges: Vec<(NaiveDate, i32)> = Vec::new();
    for m in members {
        let start = m.span.start.map_or(NaiveDate::MIN, |d| d.first_day());
        edges.push((start, 1));
        if let Some(e) = m.span.end {
            // The day after the last day held; a start on the last day
            // is a handover.
            let end = e.first_day().pred_opt().unwrap_or(e.first_day());
            edges.push((end.max(start), -1));
        }
    }
    edges.sort();
    let (mut now, mut most) = (0i32, 0i32);
    for (_, d) in edges {
        now += d;
        most = most.max(now);
    }
    most.max(0) as usize
}

/// The records and events of `doc` as files of the new folder `dir`,
/// citing `file`; or every problem that keeps it from being written.
pub fn plan(doc: &Document, file: &Path, dir: &Path) -> anyhow::Result<(Vec<Append>, Summary)> {
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut names: HashMap<&str, &str> = HashMap::new();
    for p in &doc.persons {
        names.insert(&p.id, &p.name);
    }
    for o in &doc.orgs {
        names.insert(&o.c.id, &o.c.name);
    }
    for p in &doc.posts {
        names.insert(&p.c.id, &p.c.name);
    }
    let mut pl = Planner {
        doc,
        file: file_name.clone(),
        changes: Vec::new(),
        problems: Vec::new(),
        names,
    };
    let header = format!("# Imported from {file_name} by orgctl import popolo\n");
    let mut people = header.clone();
    for p in &doc.persons {
        let names = names_of(&p.names, &p.name);
        let rec = RecordText::new("person", &p.id).text("name", &names[0].name);
        people.push_str(&with_common(rec, &p.aliases, &p.note, &p.sources).toml());
        pl.renames(&names, "person", &p.id, "name", &p.sources);
        pl.attributes(&p.attrs, "person", &p.id, &Span::default(), &p.sources);
    }
    let mut units = header.clone();
    for o in &doc.orgs {
        let names = names_of(&o.c.names, &o.c.name);
        let mut rec = RecordText::new("unit", &o.c.id).text("name", &names[0].name);
        if let Some(k) = &o.kind {
            rec = rec.text("kind", k);
        }
        let first = o.parents.first().filter(|p| p.span.starts_with(&o.life));
        if let Some(p) = first {
            rec = rec.text("parent", &p.id);
        }
        if let Some(s) = o.life.start {
            rec = rec.date("since", &s);
        }
        units.push_str(&with_common(rec, &o.c.aliases, &o.c.note, &o.c.sources).toml());
        pl.renames(&names, "unit", &o.c.id, "name", &o.c.sources);
        unit_changes(&mut pl, o, first.is_some());
        pl.attributes(&o.c.attrs, "unit", &o.c.id, &o.life, &o.c.sources);
    }
    let mut by_post: HashMap<&str, Vec<&Member>> = HashMap::new();
    for m in &doc.members {
        by_post.entry(&m.post).or_default().push(m);
    }
    let lives: HashMap<&str, &Span> = doc
        .posts
        .iter()
        .map(|p| (p.c.id.as_str(), &p.life))
        .collect();
    let mut roles = header.clone();
    let mut summary = Summary {
        persons: doc.persons.len(),
        organizations: doc.orgs.len(),
        posts: doc.posts.len(),
        made_posts: doc.posts.iter().filter(|p| p.made).count(),
        memberships: doc.members.len(),
        ..Summary::default()
    };
    for p in &doc.posts {
        let mut members = by_post.remove(p.c.id.as_str()).unwrap_or_default();
        members.sort_by_key(|m| m.span.start.map(|d| d.first_day()));
        let seats = match p.seats {
            Some(s) => s,
            None => Some(most_at_once(&members).max(1) as u32),
        };
        if seats != Some(1) {
            summary.seated += 1;
        }
        roles.push_str(&post_record(&mut pl, p, seats, &members, &lives).toml());
    }
    if !pl.problems.is_empty() {
        anyhow::bail!(
            "{file_name} cannot be imported; nothing was written\n{}",
            pl.problems
                .iter()
                .map(|p| format!("  {file_name}: {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let events = events_text(&pl, &file_name);
    summary.events = events.iter().map(|(_, _, n)| n).sum();
    let mut appends = vec![
        Append {
            file: dir.join("units.toml"),
            text: units,
        },
        Append {
            file: dir.join("roles.toml"),
            text: roles,
        },
        Append {
            file: dir.join("people.toml"),
            text: people,
        },
    ];
    for (year, text, _) in events {
        appends.push(Append {
            file: dir.join("events").join(format!("{year:04}.toml")),
            text: format!("{header}{text}"),
        });
    }
    Ok((appends, summary))
}

fn unit_changes(pl: &mut Planner, o: &super::Org, declared_parent: bool) {
    let id = &o.c.id;
    let s = &o.c.sources;
    for (k, p) in o.parents.iter().enumerate() {
        if !(k == 0 && declared_parent) {
            let title = format!("{} moves under {}", o.c.name, pl.name_of(&p.id));
            let fields = vec![
                ("op", quote("move")),
                ("unit", quote(id)),
                ("to", quote(&p.id)),
            ];
            pl.at(p.span.start, &p.span.start_event, 4, title, s, fields, id);
        }
        let end = point(p.span.end, &p.span.end_event);
        let next = o.parents.iter().any(|n| starts_at(&n.span, &end));
        if p.span.end.is_some() && !p.span.ends_with(&o.life) && !next {
            let title = format!("{} becomes a top-level organisation", o.c.name);
            let fields = vec![
                ("op", quote("move")),
                ("unit", quote(id)),
                ("to", quote("")),
            ];
            pl.at(p.span.end, &p.span.end_event, 4, title, s, fields, id);
        }
    }
    if o.life.end.is_some() {
        let mut fields = vec![("op", quote("dissolve")), ("unit", quote(id))];
        if let Some(into) = &o.into {
            fields.push(("into", quote(into)));
        }
        let title = format!("{} dissolved", o.c.name);
        pl.at(o.life.end, &o.life.end_event, 12, title, s, fields, id);
    }
}

/// The unit a role is in just before `p`: the unit span that ends there,
/// else the one holding then.
fn unit_before<'p>(
    units: &'p [Linked],
    p: &(Option<PartialDate>, Option<String>),
) -> Option<&'p str> {
    let ends = units
        .iter()
        .find(|u| u.span.end.is_some() && u.span.end == p.0 && u.span.end_event == p.1);
    let day = p.0.map(|d| d.first_day());
    let holds = || {
        units.iter().rev().find(|u| {
            u.span.start.map(|d| d.first_day()) <= day
                && u.span.end.is_none_or(|e| Some(e.first_day()) > day)
        })
    };
    ends.or_else(holds).map(|u| u.id.as_str())
}

fn post_record(
    pl: &mut Planner,
    p: &Post,
    seats: Option<u32>,
    members: &[&Member],
    lives: &HashMap<&str, &Span>,
) -> RecordText {
    let id = &p.c.id;
    let s = &p.c.sources;
    let life = &p.life;
    let titles = names_of(&p.c.names, &p.c.name);
    let unit = p.units.first().map_or("", |u| u.id.as_str());
    let mut rec = RecordText::new("role", id)
        .text("title", &titles[0].name)
        .text("unit", unit);
    pl.renames(&titles, "role", id, "title", s);
    for u in p.units.iter().skip(1) {
        let title = format!("{} moves to {}", p.c.name, pl.name_of(&u.id));
        let fields = vec![
            ("op", quote("move")),
            ("role", quote(id)),
            ("to", quote(&u.id)),
        ];
        pl.at(u.span.start, &u.span.start_event, 5, title, s, fields, id);
    }
    for (k, h) in p.head.iter().enumerate() {
        if k == 0 && h.starts_with(life) {
            rec = rec.raw("head", "true".into());
        } else {
            let title = format!("{} heads its unit", p.c.name);
            let fields = vec![("op", quote("head")), ("role", quote(id))];
            pl.at(h.start, &h.start_event, 6, title, s, fields, id);
        }
        if h.end.is_some() && !h.ends_with(life) {
            let end = point(h.end, &h.end_event);
            let u = unit_before(&p.units, &end).unwrap_or(unit).to_string();
            let title = format!("{} no longer heads its unit", p.c.name);
            let fields = vec![
                ("op", quote("head")),
                ("unit", quote(&u)),
                ("role", quote("")),
            ];
            pl.at(h.end, &h.end_event, 2, title, s, fields, id);
        }
    }
    for (k, l) in p.explicit.iter().enumerate() {
        if k == 0 && l.span.starts_with(life) {
            rec = rec.text("reports_to", &l.id);
        } else {
            let title = format!("{} reports to {}", p.c.name, pl.name_of(&l.id));
            let fields = vec![
                ("op", quote("report")),
                ("role", quote(id)),
                ("to", quote(&l.id)),
            ];
            pl.at(l.span.start, &l.span.start_event, 7, title, s, fields, id);
        }
        let end = point(l.span.end, &l.span.end_event);
        let replaced = p.explicit.iter().any(|n| starts_at(&n.span, &end))
            || p.top.iter().any(|t| starts_at(t, &end));
        if l.span.end.is_some() && !l.span.ends_with(life) && !replaced {
            let title = format!("{}'s reporting line is derived again", p.c.name);
            let fields = vec![
                ("op", quote("report")),
                ("role", quote(id)),
                ("to", quote("")),
            ];
            pl.at(l.span.end, &l.span.end_event, 3, title, s, fields, id);
        }
    }
    for (k, t) in p.top.iter().enumerate() {
        if k == 0 && t.starts_with(life) {
            rec = rec.raw("top", "true".into());
        } else {
            let title = format!("{} reports to nobody", p.c.name);
            let fields = vec![
                ("op", quote("report")),
                ("role", quote(id)),
                ("top", "true".into()),
            ];
            pl.at(t.start, &t.start_event, 7, title, s, fields, id);
        }
        let end = point(t.end, &t.end_event);
        let replaced = p.explicit.iter().any(|n| starts_at(&n.span, &end));
        if t.end.is_some() && !t.ends_with(life) && !replaced {
            let title = format!("{}'s reporting line is derived again", p.c.name);
            let fields = vec![
                ("op", quote("report")),
                ("role", quote(id)),
                ("to", quote("")),
            ];
            pl.at(t.end, &t.end_event, 3, title, s, fields, id);
        }
    }
    let mut dotted = Vec::new();
    for d in &p.dotted {
        if d.span.starts_with(life) {
            dotted.push(d.id.clone());
        } else {
            let title = format!("{} has a dotted line to {}", p.c.name, pl.name_of(&d.id));
            let fields = vec![
                ("op", quote("dotted")),
                ("role", quote(id)),
                ("to", quote(&d.id)),
            ];
            pl.at(d.span.start, &d.span.start_event, 8, title, s, fields, id);
        }
        let target_ends = lives
            .get(d.id.as_str())
            .is_some_and(|t| d.span.ends_with(t));
        if d.span.end.is_some() && !d.span.ends_with(life) && !target_ends {
            let title = format!("{}'s dotted line to {} ends", p.c.name, pl.name_of(&d.id));
            let fields = vec![
                ("op", quote("undotted")),
                ("role", quote(id)),
                ("to", quote(&d.id)),
            ];
            pl.at(d.span.end, &d.span.end_event, 8, title, s, fields, id);
        }
    }
    if let Some(start) = life.start {
        rec = rec.date("since", &start);
    }
    rec = holdings(pl, p, seats, members, rec);
    match seats {
        Some(1) => {}
        Some(n) => rec = rec.raw("seats", n.to_string()),
        None => rec = rec.text("seats", "any"),
    }
    if !dotted.is_empty() {
        let v: Vec<String> = dotted.iter().map(|d| quote(d)).collect();
        rec = rec.raw("dotted", format!("[{}]", v.join(", ")));
    }
    if life.end.is_some() {
        let title = format!("{} eliminated", p.c.name);
        let fields = vec![("op", quote("eliminate")), ("role", quote(id))];
        pl.at(life.end, &life.end_event, 11, title, s, fields, id);
    }
    pl.attributes(&p.c.attrs, "role", id, life, s);
    with_common(rec, &p.c.aliases, &p.c.note, s)
}

/// The memberships of a post: the one held from its beginning as
/// `holder`, the others as `appoint` and `leave` changes. On a post of one
/// seat, a membership that starts on the last day of the one before is a
/// handover: the one before is left that day.
fn holdings(
    pl: &mut Planner,
    p: &Post,
    seats: Option<u32>,
    members: &[&Member],
    mut rec: RecordText,
) -> RecordText {
    let id = &p.c.id;
    let mut holder: Option<&Member> = None;
    for (i, m) in members.iter().enumerate() {
        let person = pl.name_of(&m.person).to_string();
        let title = pl.name_of(id).to_string();
        let s = &p.c.sources;
        let from_start = m.span.start_event.is_none()
            && (m.span.start.is_none() || m.span.start == p.life.start);
        if from_start && holder.is_none() && !m.acting {
            holder = Some(m);
            rec = rec.text("holder", &m.person);
        } else if m.span.start.is_none() && m.span.start_event.is_none() {
            let why = match holder {
                Some(h) => format!("{} holds it from its beginning already", h.path),
                None => "an acting holder from the post's beginning".to_string(),
            };
            pl.problems.push(format!(
                "{}: no start_date, and {why}: give it a start_date",
                m.path
            ));
            continue;
        } else {
            let mut fields = vec![
                ("op", quote("appoint")),
                ("person", quote(&m.person)),
                ("role", quote(id)),
            ];
            if m.acting {
                fields.push(("acting", "true".into()));
            }
            let t = format!("{person} appointed {title}");
            pl.at(m.span.start, &m.span.start_event, 10, t, s, fields, &m.path);
        }
        let mut end = (m.span.end, m.span.end_event.clone());
        if seats == Some(1)
            && let Some(next) = members.get(i + 1)
            && let (Some(e), Some(n)) = (m.span.end, next.span.start)
            && m.span.end_event.is_none()
            && e.first_day().pred_opt() == Some(n.first_day())
        {
            end = (next.span.start, None);
        }
        if end.0.is_some() {
            let t = format!("{person} leaves as {title}");
            let fields = vec![
                ("op", quote("leave")),
                ("person", quote(&m.person)),
                ("role", quote(id)),
            ];
            pl.at(end.0, &end.1, 1, t, s, fields, &m.path);
        }
    }
    rec
}

/// The events, by year: `(year, text, count)`. The document's events in
/// their order; the others, one per date and title, after the document's
/// of their day.
fn events_text(pl: &Planner, file: &str) -> Vec<(i32, String, usize)> {
    struct Out<'a> {
        key: (NaiveDate, usize, u8),
        date: PartialDate,
        event: Option<&'a super::Event>,
        title: String,
        sources: Vec<String>,
        changes: Vec<&'a Change>,
    }
    let index: HashMap<&str, usize> = pl
        .doc
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut outs: Vec<Out> = pl
        .doc
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| Out {
            key: (e.date.first_day(), i, 0),
            date: e.date,
            event: Some(e),
            title: e.title.clone().unwrap_or_default(),
            sources: e.sources.clone(),
            changes: Vec::new(),
        })
        .collect();
    let mut made: BTreeMap<(NaiveDate, String, String), usize> = BTreeMap::new();
    for c in &pl.changes {
        if let Some(&i) = c.event.as_deref().and_then(|e| index.get(e)) {
            outs[i].changes.push(c);
            continue;
        }
        let k = (c.date.first_day(), c.date.to_string(), c.title.clone());
        let at = *made.entry(k).or_insert_with(|| {
            outs.push(Out {
                key: (c.date.first_day(), usize::MAX, c.rank),
                date: c.date,
                event: None,
                title: c.title.clone(),
                sources: Vec::new(),
                changes: Vec::new(),
            });
            outs.len() - 1
        });
        let o = &mut outs[at];
        o.key.2 = o.key.2.min(c.rank);
        for s in &c.sources {
            if !o.sources.contains(s) {
                o.sources.push(s.clone());
            }
        }
        o.changes.push(c);
    }
    outs.sort_by_key(|o| o.key);
    let mut years: BTreeMap<i32, (String, usize)> = BTreeMap::new();
    for o in &mut outs {
        o.changes.sort_by_key(|c| c.rank);
        let mut t = String::from("\n[[event]]\n");
        if let Some(e) = o.event {
            t.push_str(&format!("id = {}\n", quote(&e.id)));
        }
        t.push_str(&format!("date = {}\n", date_toml(&o.date)));
        if let Some(r) = o.event.and_then(|e| e.reported) {
            t.push_str(&format!("reported = {}\n", date_toml(&r)));
        }
        if !o.title.is_empty() {
            t.push_str(&format!("title = {}\n", quote(&o.title)));
        }
        if o.sources.is_empty() && o.event.is_none() {
            o.sources.push(file.to_string());
        }
        if !o.sources.is_empty() {
            let v: Vec<String> = o.sources.iter().map(|s| quote(s)).collect();
            t.push_str(&format!("sources = [{}]\n", v.join(", ")));
        }
        if let Some(n) = o.event.and_then(|e| e.note.as_ref()) {
            t.push_str(&format!("note = {}\n", quote(n)));
        }
        if !o.changes.is_empty() {
            t.push_str("changes = [\n");
            for c in &o.changes {
                let f: Vec<String> = c.fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                t.push_str(&format!("  {{ {} }},\n", f.join(", ")));
            }
            t.push_str("]\n");
        }
        let y = years.entry(o.date.first_day().year()).or_default();
        y.0.push_str(&t);
        y.1 += 1;
    }
    years.into_iter().map(|(y, (t, n))| (y, t, n)).collect()
}
