//! `orgctl export sqlite`: the replayed history as a SQLite database, its
//! tables documented column by column in docs/sqlite.md. Everything is
//! inserted in one transaction with prepared statements, the facts as a
//! second thread derives them (never all held at once), and the indexes
//! are built after the rows, with a small page cache: the export needs no
//! more memory than the load.

use rusqlite::{Connection, params};

use super::facts::{FactRow, facts};
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

/// A buffer for the text of a value, reused row after row, so that
/// writing a row allocates nothing.
#[derive(Default)]
struct Text(String);

impl Text {
    fn of(&mut self, v: Option<impl std::fmt::Display>) -> Option<&str> {
        use std::fmt::Write;
        self.0.clear();
        write!(self.0, "{}", v?).ok()?;
        Some(&self.0)
    }
}

/// The page cache while the rows go in (64 MiB): rows whose ids come in no
/// order (e-mail addresses) are placed in the ids' indexes without going
/// to the disk for each.
const INSERT_CACHE: &str = "PRAGMA cache_size = -65536";

/// Pages of 16 KiB, not SQLite's 4 KiB: fewer pages to fill and split as
/// rows go in. `sqlite3` copying generated L's events, sources and facts
/// into a new database and indexing them (the export's work without
/// orgctl's) took 6.3-6.5 s with them, 7.7-9.2 s with pages of 4 KiB,
/// 7.4 s of 8 KiB and 8.0 s of 64 KiB.
const PAGE_SIZE: &str = "PRAGMA page_size = 16384";

/// The page cache while the indexes are built, SQLite's default (2 MB),
/// which also bounds the runs its sorter sorts in memory before merging
/// them from temporary files: `sqlite3` inserting generated L's rows and
/// building the indexes took 12.3 s of processor time with a cache of
/// 512 MiB (9.6 s of it the indexes: runs too large for the processor's
/// caches), 6.8-7.1 s in all with this one.
const INDEX_CACHE: &str = "PRAGMA cache_size = -2000";

/// Writes the history into `conn`, an empty database.
pub fn write(h: &History, conn: &mut Connection) -> rusqlite::Result<Counts> {
    let timer = crate::timer::Timer::start();
    // The file is a fresh temporary one, fsynced and renamed by the caller:
    // no journal is needed.
    conn.execute_batch(PAGE_SIZE)?;
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    conn.execute_batch(INSERT_CACHE)?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    tx.execute(
        "INSERT INTO schema_version VALUES (?1, ?2)",
        params![SCHEMA_VERSION, env!("CARGO_PKG_VERSION")],
    )?;
    let files: Vec<String> = h.files.iter().map(|p| p.display().to_string()).collect();
    let file = |loc: &Loc| files.get(loc.file.index()).map_or("", String::as_str);
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
        let [
            mut first,
            mut last,
            mut date,
            mut reported,
            mut reported_text,
        ] = std::array::from_fn(|_| Text::default());
        for (i, e) in h.events.iter().enumerate() {
            st.execute(params![
                e.key.as_str(),
                i as i64 + 1,
                first.of(Some(e.date.first_day())),
                last.of(Some(e.date.last_day())),
                date.of(Some(e.date)),
                e.date.precision().name(),
                e.date.qualifier().name(),
                reported.of(e.reported().map(|d| d.first_day())),
                reported_text.of(e.reported()),
                e.title.as_deref(),
                e.note(),
                file(&e.loc),
                e.loc.line,
            ])?;
            cite(&e.key, &mut h.sources(e).iter().map(|s| &**s))?;
        }
    }
    drop(sources);
    timer.lap("export: records and events");
    let facts = insert_facts(h, &tx)?;
    timer.lap("export: facts");
    tx.execute_batch(INDEX_CACHE)?;
    // The indexes' rows are sorted on every core (building them took
    // `sqlite3` 4.4 s on two threads against 5.7 s on one, on L).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    tx.execute_batch(&format!("PRAGMA threads = {threads}"))?;
    tx.execute_batch(INDEXES)?;
    tx.commit()?;
    timer.lap("export: indexes and commit");
    Ok(Counts {
        units: h.units.len(),
        roles: h.roles.len(),
        people: h.people.len(),
        events: h.events.len(),
        facts,
    })
}

/// Rows of facts handed from the thread that derives them to the one that
/// writes them, at a time.
const BATCH: usize = 4096;

/// Inserts the facts as they are derived: derived on a second thread, in
/// order, a few batches ahead of the writing, so that deriving and writing
/// overlap and no more than a few batches are held. Returns how many.
fn insert_facts(h: &History, tx: &Connection) -> rusqlite::Result<usize> {
    let mut st = tx.prepare(
        "INSERT INTO facts (kind, subject, object, value, key, acting, seat, rule, via, \
         valid_from, valid_from_text, valid_from_precision, valid_until, began_by_event, \
         ended_by_event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let event = |e: Option<EventId>| e.map(|e| h.event(e).key.as_str());
    let [mut from_day, mut from_text, mut until] = std::array::from_fn(|_| Text::default());
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<FactRow>>(4);
        // Stops at the first batch the writer no longer takes (it failed).
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let sent: Result<usize, ()> = facts(h, |f: &FactRow| {
                batch.push(f.clone());
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    send.send(full).map_err(drop)?;
                }
                Ok(())
            });
            if sent.is_ok() && !batch.is_empty() {
                let _ = send.send(batch);
            }
        });
        let mut written = 0;
        for f in batches.iter().flatten() {
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
                from_day.of(f.valid_from()),
                from_text.of(from),
                from.map(|d| d.precision().name()),
                until.of(f.valid_until()),
                event(f.began_by()),
                event(f.ended_by()),
            ])?;
            written += 1;
        }
        Ok(written)
    })
}
