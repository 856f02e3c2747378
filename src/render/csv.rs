//! `--format csv`: the commands whose result is a list, as one table with
//! one header row and stable column names (listed in the README), written
//! by the `csv` crate: RFC 4180 quoting, and LF line ends (what Unix tools
//! split on; every CSV reader takes them). Names from the data have control
//! characters escaped, as in the text output.
//!
//! Trees (`at`, `who-reports-to --all`) are listed depth first with a
//! `depth` column (1 for the top), so the rows keep the tree's order.
//!
//! The exploration commands: `chain` (a row per step), `log` (a row per
//! change) and `history` (a row per fact, its JSON object flattened).

use std::io::{self, Write};

use chrono::NaiveDate;

use serde_json::Value;

use super::{Options, Output, Renderer, role_label_in, rule_name};
use crate::escape::escape;
use crate::ids::EventId;
use crate::query::{
    Chains, Diff, DiffChange, DiffKind, LineRule, Log, Occupancy, OrgAt, OrgView, RecordHistory,
    Ref, Reports, State,
};
use crate::timeline::{History, attributes_at};

/// `--format csv`: `at`, `diff` (and `diff --stat`), `who-reports-to`,
/// `chain`, `log`, `history`.
pub struct Csv;

impl Renderer for Csv {
    fn supports(&self, what: Output) -> bool {
        matches!(
            what,
            Output::At
                | Output::Diff
                | Output::DiffStat
                | Output::Reports
                | Output::Chain
                | Output::Log
                | Output::History
        )
    }

    fn chain(&self, out: &mut dyn Write, c: &Chains, _o: &Options) -> io::Result<()> {
        chain(out, c)
    }

    fn log(&self, out: &mut dyn Write, log: &Log, _o: &Options) -> io::Result<()> {
        self::log(out, log)
    }

    fn history(&self, out: &mut dyn Write, rh: &RecordHistory, _o: &Options) -> io::Result<()> {
        history(out, rh)
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, o: &Options) -> io::Result<()> {
        if o.units {
            units(out, view)
        } else {
            roles(out, view)
        }
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        diff(out, d)
    }

    fn diff_stat(&self, out: &mut dyn Write, d: &Diff, _o: &Options) -> io::Result<()> {
        diff_stat(out, d)
    }

    fn reports(&self, out: &mut dyn Write, rep: &Reports, _o: &Options) -> io::Result<()> {
        reports(out, rep)
    }
}

/// Column names of each list: part of the output contract.
pub const AT_COLUMNS: &[&str] = &[
    "depth",
    "role_id",
    "role_title",
    "unit_id",
    "unit_name",
    "head",
    "reports_to_role",
    "person_id",
    "person_name",
    "status",
    "acting",
    "since",
    "uncertain",
];
pub const AT_UNITS_COLUMNS: &[&str] = &[
    "depth",
    "unit_id",
    "unit_name",
    "kind",
    "parent_id",
    "attributes",
];
pub const REPORTS_COLUMNS: &[&str] = &[
    "depth",
    "person_id",
    "person_name",
    "status",
    "acting",
    "role_id",
    "role_title",
    "unit_id",
    "unit_name",
    "reports_to_role",
    "since",
    "uncertain",
];
pub const DIFF_COLUMNS: &[&str] = &[
    "letter",
    "kind",
    "subject",
    "subject_name",
    "before",
    "before_name",
    "after",
    "after_name",
    "key",
    "acting",
    "event",
    "event_date",
];
pub const DIFF_STAT_COLUMNS: &[&str] = &["letter", "kind", "count"];
pub const CHAIN_COLUMNS: &[&str] = &[
    "chain",
    "step",
    "person_id",
    "person_name",
    "status",
    "acting",
    "role_id",
    "role_title",
    "unit_id",
    "unit_name",
    "since",
    "uncertain",
    "reports_to_role",
    "rule",
    "ancestor_id",
    "ancestor_name",
];
pub const LOG_COLUMNS: &[&str] = &[
    "event_id",
    "date",
    "reported",
    "title",
    "note",
    "sources",
    "change_index",
    "op",
    "change",
];
/// `history`: `fact` and `description`, then the keys of the fact's JSON
/// object flattened (`line.to` is `line_to`, `from.date` is `from_date`).
pub const HISTORY_COLUMNS: &[&str] = &[
    "fact",
    "description",
    "key",
    "value",
    "unit",
    "role",
    "person",
    "status",
    "acting",
    "before",
    "line_to",
    "line_rule",
    "line_ancestor",
    "manager_status",
    "manager_person",
    "manager_acting",
    "from_date",
    "from_event",
    "from_declared",
    "until_date",
    "until_event",
    "until_declared",
];

/// A CSV table on `out`: the header, then the rows.
struct Table<'w> {
    w: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Table<'w> {
    fn new(out: &'w mut dyn Write, header: &[&str]) -> io::Result<Self> {
        let w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        let mut t = Table { w };
        t.w.write_record(header).map_err(io_error)?;
        Ok(t)
    }

    fn row(&mut self, fields: &[String]) -> io::Result<()> {
        self.w.write_record(fields).map_err(io_error)
    }

    fn finish(mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// The io error inside a csv error (a closed pipe stays a closed pipe).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("cannot write CSV: {other:?}")),
    }
}

fn text(s: &str) -> String {
    escape(s).into_owned()
}

fn yes(b: bool) -> String {
    b.to_string()
}

/// (person id, name, acting, since, uncertain) of a role's holder.
fn holder_fields(h: &History, occ: &Occupancy, day: NaiveDate) -> [String; 5] {
    match occ {
        Occupancy::Filled(iv) => {
            let p = h.person(iv.value.person);
            [
                text(p.key.as_str()),
                text(&p.name),
                yes(iv.value.acting),
                iv.from.date.map(|d| d.to_string()).unwrap_or_default(),
                yes(iv.is_uncertain_on(day)),
            ]
        }
        _ => [
            String::new(),
            String::new(),
            yes(false),
            String::new(),
            yes(false),
        ],
    }
}

fn unit_fields(state: &State, u: Option<crate::ids::UnitId>) -> [String; 2] {
    let h = state.history;
    match u {
        Some(u) => [
            text(h.unit(u).key.as_str()),
            text(h.unit_name(u, state.day)),
        ],
        None => [String::new(), String::new()],
    }
}

/// `at`: the reporting tree, one row per role.
pub fn roles(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    let state = &view.state;
    let h = state.history;
    let day = state.day;
    let mut t = Table::new(out, AT_COLUMNS)?;
    for (r, depth) in view.role_rows() {
        let occ = state.occupancy(r);
        let [person_id, person_name, acting, since, uncertain] = holder_fields(h, &occ, day);
        let unit = state.unit_of(r);
        let [unit_id, unit_name] = unit_fields(state, unit);
        let head = unit.and_then(|u| state.head_of(u)) == Some(r);
        t.row(&[
            depth.to_string(),
            text(h.role(r).key.as_str()),
            text(h.role_title(r, day)),
            unit_id,
            unit_name,
            yes(head),
            state
                .line(r)
                .map(|l| text(h.role(l.to).key.as_str()))
                .unwrap_or_default(),
            person_id,
            person_name,
            occ.status().to_string(),
            acting,
            since,
            uncertain,
        ])?;
    }
    t.finish()
}

/// `at --units`: the unit tree, one row per unit; its attributes on the
/// day as one JSON object.
pub fn units(out: &mut dyn Write, view: &OrgAt) -> io::Result<()> {
    let state = &view.state;
    let h = state.history;
    let day = state.day;
    let mut t = Table::new(out, AT_UNITS_COLUMNS)?;
    for (u, depth) in view.unit_rows() {
        let unit = h.unit(u);
        let attributes = serde_json::to_string(&attributes_at(&unit.attributes, day))
            .map_err(io::Error::other)?;
        t.row(&[
            depth.to_string(),
            text(unit.key.as_str()),
            text(h.unit_name(u, day)),
            unit.kind.as_deref().map(text).unwrap_or_default(),
            state
                .parent(u)
                .map(|p| text(h.unit(p).key.as_str()))
                .unwrap_or_default(),
            text(&attributes),
        ])?;
    }
    t.finish()
}

/// `who-reports-to`: one row per reporting role.
pub fn reports(out: &mut dyn Write, rep: &Reports) -> io::Result<()> {
    let state = &rep.state;
    let h = state.history;
    let day = state.day;
    let mut t = Table::new(out, REPORTS_COLUMNS)?;
    for row in &rep.rows {
        let [person_id, person_name, acting, since, uncertain] =
            holder_fields(h, &row.occupancy, day);
        let [unit_id, unit_name] = unit_fields(state, state.unit_of(row.role));
        t.row(&[
            row.depth.to_string(),
            person_id,
            person_name,
            row.occupancy.status().to_string(),
            acting,
            text(h.role(row.role).key.as_str()),
            text(h.role_title(row.role, day)),
            unit_id,
            unit_name,
            text(h.role(row.line.to).key.as_str()),
            since,
            uncertain,
        ])?;
    }
    t.finish()
}

/// The id of what a change refers to (or the text of a name, title or
/// attribute value), and its name in `state`.
fn ref_fields(state: &State, r: Option<&Ref>) -> [String; 2] {
    let h = state.history;
    let day = state.day;
    match r {
        None => [String::new(), String::new()],
        Some(Ref::Unit(u)) => [text(h.unit(*u).key.as_str()), text(h.unit_name(*u, day))],
        Some(Ref::Role(role)) => [
            text(h.role(*role).key.as_str()),
            text(&role_label_in(state, *role)),
        ],
        Some(Ref::Person(p)) => [text(h.person(*p).key.as_str()), text(&h.person(*p).name)],
        Some(Ref::Text(s)) => [text(s), text(s)],
    }
}

fn event_fields(h: &History, e: Option<EventId>) -> [String; 2] {
    match e {
        Some(e) => [text(h.event(e).key.as_str()), h.event(e).date.to_string()],
        None => [String::new(), String::new()],
    }
}

/// `diff`: one row per change, in the order of the text output.
pub fn diff(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let h = d.to.history;
    let mut t = Table::new(out, DIFF_COLUMNS)?;
    for c in &d.changes {
        t.row(&change_row(d, h, c))?;
    }
    t.finish()
}

fn change_row(d: &Diff, h: &History, c: &DiffChange) -> Vec<String> {
    // What has gone is named as it was on FROM.
    let gone = matches!(
        c.kind,
        DiffKind::UnitDissolved | DiffKind::RoleEliminated | DiffKind::Left
    );
    let [subject, subject_name] = ref_fields(if gone { &d.from } else { &d.to }, Some(&c.subject));
    let [before, before_name] = ref_fields(&d.from, c.before.as_ref());
    let [after, after_name] = ref_fields(&d.to, c.after.as_ref());
    let [event, event_date] = event_fields(h, c.event);
    vec![
        c.kind.letter().to_string(),
        c.kind.name().to_string(),
        subject,
        subject_name,
        before,
        before_name,
        after,
        after_name,
        c.key.as_deref().map(text).unwrap_or_default(),
        yes(c.acting),
        event,
        event_date,
    ]
}

/// `diff --stat`: one row per kind of change.
pub fn diff_stat(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let mut t = Table::new(out, DIFF_STAT_COLUMNS)?;
    for (kind, n) in d.stat() {
        t.row(&[
            kind.letter().to_string(),
            kind.name().to_string(),
            n.to_string(),
        ])?;
    }
    t.finish()
}

/// `chain`: one row per step of each chain (`chain` counts the chains,
/// one per role the subject holds; `step` counts from 1 at the bottom).
pub fn chain(out: &mut dyn Write, c: &Chains) -> io::Result<()> {
    let state = &c.state;
    let h = state.history;
    let day = state.day;
    let mut t = Table::new(out, CHAIN_COLUMNS)?;
    for (i, ch) in c.chains.iter().enumerate() {
        for (k, step) in ch.steps.iter().enumerate() {
            let [person_id, person_name, acting, since, uncertain] =
                holder_fields(h, &step.occupancy, day);
            let [unit_id, unit_name] = unit_fields(state, step.unit);
            let ancestor = match step.line.map(|l| l.rule) {
                Some(LineRule::HeadOfAncestor(u)) => Some(u),
                _ => None,
            };
            let [ancestor_id, ancestor_name] = unit_fields(state, ancestor);
            t.row(&[
                (i + 1).to_string(),
                (k + 1).to_string(),
                person_id,
                person_name,
                step.occupancy.status().to_string(),
                acting,
                text(h.role(step.role).key.as_str()),
                text(h.role_title(step.role, day)),
                unit_id,
                unit_name,
                since,
                uncertain,
                step.line
                    .map(|l| text(h.role(l.to).key.as_str()))
                    .unwrap_or_default(),
                step.line
                    .map(|l| rule_name(l.rule).to_string())
                    .unwrap_or_default(),
                ancestor_id,
                ancestor_name,
            ])?;
        }
    }
    t.finish()
}

/// `log`: one row per change of each event, the change in the words of
/// the text output; an event without changes has one row with no change.
pub fn log(out: &mut dyn Write, log: &Log) -> io::Result<()> {
    let h = log.history;
    let mut t = Table::new(out, LOG_COLUMNS)?;
    for entry in &log.entries {
        let ev = h.event(entry.event);
        let sources: Vec<&str> = h.sources(ev).iter().map(|s| &**s).collect();
        let event = [
            text(ev.key.as_str()),
            ev.date.to_string(),
            ev.reported.map(|d| d.to_string()).unwrap_or_default(),
            ev.title.as_deref().map(text).unwrap_or_default(),
            ev.note.as_deref().map(text).unwrap_or_default(),
            text(&sources.join("; ")),
        ];
        let changes: Vec<[String; 3]> = entry
            .changes
            .iter()
            .enumerate()
            .map(|(i, told)| {
                let op = super::log::change_json(h, told)["op"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                [(i + 1).to_string(), op, super::log::sentence(h, ev, told)]
            })
            .collect();
        if changes.is_empty() {
            t.row(
                &[
                    event.as_slice(),
                    &[String::new(), String::new(), String::new()],
                ]
                .concat(),
            )?;
        }
        for change in changes {
            t.row(&[event.as_slice(), change.as_slice()].concat())?;
        }
    }
    t.finish()
}

/// `history`: one row per fact, as its JSON object flattened into
/// [`HISTORY_COLUMNS`], with the fact in the words of the text output.
pub fn history(out: &mut dyn Write, rh: &RecordHistory) -> io::Result<()> {
    let mut t = Table::new(out, HISTORY_COLUMNS)?;
    for e in &rh.entries {
        let mut fields = std::collections::BTreeMap::new();
        flatten("", &super::history::fact_json(rh, e), &mut fields);
        fields.insert("description".to_string(), super::history::fact_text(rh, e));
        let row: Vec<String> = HISTORY_COLUMNS
            .iter()
            .map(|c| fields.remove(*c).unwrap_or_default())
            .collect();
        debug_assert!(fields.is_empty(), "history columns miss {fields:?}");
        t.row(&row)?;
    }
    t.finish()
}

/// The leaves of a JSON object as `a_b` → field (null leaves out,
/// strings escaped, arrays as JSON).
fn flatten(prefix: &str, v: &Value, out: &mut std::collections::BTreeMap<String, String>) {
    let field = match v {
        Value::Null => return,
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}_{k}")
                };
                flatten(&key, v, out);
            }
            return;
        }
        Value::String(s) => text(s),
        other => text(&other.to_string()),
    };
    out.insert(prefix.to_string(), field);
}
