//! `orgctl export sqlite`: the replayed history as a SQLite database, its
//! tables documented column by column in docs/sqlite.md. Everything is
//! inserted in one transaction with prepared statements, and the indexes
//! are built after the rows.

use rusqlite::{Connection, params};

use super::facts::{FactRow, facts};
use crate::dates::PartialDate;
use crate::ids::{EventId, Key};
use crate::timeline::{History, Loc};

/// The version of the database's layout, in its `schema_version` table:
/// raised by any change that could break a query written for the last one
/// (new tables, views and columns keep it).
pub const SCHEMA_VERSION: i64 = 1;

/// The tables and views (docs/sqlite.md documents each column).
const SCHEMA: &str = "
CREATE TABLE schema_version (
  version INTEGER NOT NULL,
  orgctl TEXT NOT NULL
);
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT,
  note TEXT,
  dissolved_into TEXT,
  successor INTEGER NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  seats INTEGER,
  note TEXT,
  file TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  note TEXT,
  file TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  date TEXT NOT NULL,
  last_day TEXT NOT NULL,
  date_text TEXT NOT NULL,
  precision TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  reported TEXT,
  reported_text TEXT,
  title TEXT,
  note TEXT,
  file TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE sources (
  record_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (record_id, ordinal)
);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  object TEXT,
  value TEXT,
  key TEXT,
  acting INTEGER,
  seat INTEGER,
  rule TEXT,
  via TEXT,
  valid_from TEXT,
  valid_from_text TEXT,
  valid_from_precision TEXT,
  valid_until TEXT,
  began_by_event TEXT,
  ended_by_event TEXT
);
CREATE VIEW names AS
  SELECT subject AS record_id,
         value AS name,
         CASE kind WHEN 'alias' THEN 'alias' ELSE 'name' END AS kind,
         valid_from, valid_until
  FROM facts
  WHERE kind IN ('unit_name', 'role_title', 'person_name', 'alias');
CREATE VIEW current_holders AS
  SELECT h.object AS role_id, t.value AS title, u.object AS unit_id,
         h.subject AS person_id, n.value AS person, h.acting, h.valid_from
  FROM facts h
  JOIN facts t ON t.kind = 'role_title' AND t.subject = h.object AND t.valid_until IS NULL
  JOIN facts u ON u.kind = 'role_unit' AND u.subject = h.object AND u.valid_until IS NULL
  JOIN facts n ON n.kind = 'person_name' AND n.subject = h.subject AND n.valid_until IS NULL
  WHERE h.kind = 'holds' AND h.valid_until IS NULL;
";

/// Built once the rows are in.
const INDEXES: &str = "
CREATE INDEX facts_by_subject ON facts (kind, subject, valid_from);
CREATE INDEX facts_by_object ON facts (kind, object, valid_from);
CREATE INDEX facts_by_day ON facts (kind, valid_from, valid_until);
CREATE INDEX events_by_date ON events (date);
";

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub units: usize,
    pub roles: usize,
    pub people: usize,
    pub events: usize,
    pub facts: usize,
}

fn text(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn day(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.first_day().to_string())
}

/// Writes the history into `conn`, an empty database.
pub fn write(h: &History, conn: &mut Connection) -> rusqlite::Result<Counts> {
    let timer = crate::timer::Timer::start();
    // The file is a fresh temporary one, fsynced and renamed by the caller:
    // no journal is needed. Building the indexes sorts millions of rows on
    // a large history: in memory (a cache of up to 512 MiB), not through
    // temporary files, which took minutes.
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -524288;",
    )?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    tx.execute(
        "INSERT INTO schema_version VALUES (?1, ?2)",
        params![SCHEMA_VERSION, env!("CARGO_PKG_VERSION")],
    )?;
    let file = |loc: &Loc| {
        h.files
            .get(loc.file.index())
            .map_or_else(String::new, |p| p.display().to_string())
    };
    let mut sources = tx.prepare("INSERT INTO sources VALUES (?1, ?2, ?3)")?;
    // The sources of a record or event, in the order written.
    let mut cite = |id: &Key, list: &mut dyn Iterator<Item = &str>| -> rusqlite::Result<()> {
        for (i, s) in list.enumerate() {
            sources.execute(params![id.as_str(), i as i64 + 1, s])?;
        }
        Ok(())
    };
    {
        let mut st = tx.prepare("INSERT INTO units VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        for u in &h.units {
            let name = u.name.intervals().last().map(|iv| iv.value.as_str());
            st.execute(params![
                u.key.as_str(),
                name.unwrap_or_default(),
                u.kind,
                u.notes.note,
                u.dissolved_into.map(|d| h.unit(d).key.as_str()),
                u.succession,
                file(&u.declared),
                u.declared.line,
            ])?;
            cite(&u.key, &mut u.notes.sources.iter().map(String::as_str))?;
        }
        let mut st = tx.prepare("INSERT INTO roles VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for r in &h.roles {
            let title = r.title.intervals().last().map(|iv| iv.value.as_str());
            let seats = match r.seats {
                crate::timeline::Seats::Limit(n) => Some(n.get()),
                crate::timeline::Seats::Any => None,
            };
            st.execute(params![
                r.key.as_str(),
                title.unwrap_or_default(),
                seats,
                r.notes.note,
                file(&r.declared),
                r.declared.line,
            ])?;
            cite(&r.key, &mut r.notes.sources.iter().map(String::as_str))?;
        }
        let mut st = tx.prepare("INSERT INTO people VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for p in &h.people {
            st.execute(params![
                p.key.as_str(),
                p.latest_name(),
                p.notes.note,
                file(&p.declared),
                p.declared.line,
            ])?;
            cite(&p.key, &mut p.notes.sources.iter().map(String::as_str))?;
        }
        let mut st = tx.prepare(
            "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, e) in h.events.iter().enumerate() {
            st.execute(params![
                e.key.as_str(),
                i as i64 + 1,
                e.date.first_day().to_string(),
                e.date.last_day().to_string(),
                e.date.to_string(),
                e.date.precision().name(),
                e.date.qualifier().name(),
                day(e.reported),
                text(e.reported),
                e.title.as_deref(),
                e.note.as_deref(),
                file(&e.loc),
                e.loc.line,
            ])?;
            cite(&e.key, &mut h.sources(e).iter().map(|s| &**s))?;
        }
    }
    drop(sources);
    timer.lap("export: records and events");
    let rows = facts(h);
    timer.lap("export: facts");
    insert_facts(h, &tx, &rows)?;
    timer.lap("export: insert facts");
    tx.execute_batch(INDEXES)?;
    tx.commit()?;
    timer.lap("export: indexes and commit");
    Ok(Counts {
        units: h.units.len(),
        roles: h.roles.len(),
        people: h.people.len(),
        events: h.events.len(),
        facts: rows.len(),
    })
}

fn insert_facts(h: &History, tx: &Connection, rows: &[FactRow]) -> rusqlite::Result<()> {
    let mut st = tx.prepare(
        "INSERT INTO facts (kind, subject, object, value, key, acting, seat, rule, via, \
         valid_from, valid_from_text, valid_from_precision, valid_until, began_by_event, \
         ended_by_event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let event = |e: Option<EventId>| e.map(|e| h.event(e).key.as_str());
    for f in rows {
        let from = f.from_date();
        st.execute(params![
            f.kind,
            f.subject.as_str(),
            f.object.map(Key::as_str),
            f.value,
            f.key,
            f.acting,
            f.seat,
            f.rule,
            f.via.map(Key::as_str),
            f.valid_from().map(|d| d.to_string()),
            text(from),
            from.map(|d| d.precision().name()),
            f.valid_until().map(|d| d.to_string()),
            event(f.began_by()),
            event(f.ended_by()),
        ])?;
    }
    Ok(())
}
