//! `orgctl export sqlite FILE`: the replayed history as a SQLite database.
//! The example queries of docs/sqlite.md are read from the document and
//! run on an export of a generated history, against what `at`,
//! `who-reports-to` and `diff` answer; the file is never replaced without
//! `--force`, and a failed export leaves nothing behind.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;

use crate::docs::fenced;
use crate::support::{ACME, Org, Repo, orgctl};

/// The named queries of docs/sqlite.md: each ```` ```sql ```` block whose
/// first line is `-- name: NAME`.
fn documented_queries() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sqlite.md");
    let text = std::fs::read_to_string(path).expect("docs/sqlite.md");
    fenced(&text, "sql")
        .into_iter()
        .filter_map(|block| {
            let name = block.first()?.strip_prefix("-- name: ")?;
            Some((name.trim().to_string(), block.join("\n")))
        })
        .collect()
}

/// The rows of `sql` with `params`, each column as text (NULL: `None`).
fn rows(db: &Connection, sql: &str, params: &[(&str, &str)]) -> Vec<Vec<Option<String>>> {
    let mut st = db.prepare(sql).expect("the query compiles");
    let named: Vec<(String, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(k, v)| (format!(":{k}"), v as &dyn rusqlite::ToSql))
        .collect();
    let named: Vec<(&str, &dyn rusqlite::ToSql)> =
        named.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let n = st.column_count();
    st.query_map(named.as_slice(), |row| {
        (0..n)
            .map(|i| {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => None,
                    rusqlite::types::ValueRef::Integer(x) => Some(x.to_string()),
                    rusqlite::types::ValueRef::Text(t) => {
                        Some(String::from_utf8_lossy(t).into_owned())
                    }
                    other => Some(format!("{other:?}")),
                })
            })
            .collect()
    })
    .expect("the query runs")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// Exports `data` to `file` and opens it.
fn export(data: &Path, file: &Path) -> Connection {
    orgctl(Some(data), &["export", "sqlite", file.to_str().unwrap()]).ok();
    Connection::open(file).expect("the export opens")
}

/// Days worth comparing on: fixed ones, handover days (a holding of a role
/// ended by the event that began the next holding of it), the first day
/// and a middle day of imprecise dates.
fn interesting_days(db: &Connection) -> Vec<String> {
    let one = |sql: &str| -> Vec<String> {
        rows(db, sql, &[])
            .into_iter()
            .filter_map(|r| r[0].clone())
            .collect()
    };
    let mut days: Vec<String> = ["2006-03-15", "2010-06-30", "2015-01-01", "2024-12-31"]
        .map(String::from)
        .to_vec();
    days.extend(one(
        "SELECT b.valid_from FROM facts a JOIN facts b ON b.kind = 'holds' AND b.object = a.object \
         AND b.began_by_event = a.ended_by_event WHERE a.kind = 'holds' \
         ORDER BY b.valid_from LIMIT 2",
    ));
    days.extend(one(
        "SELECT date FROM events WHERE precision = 'month' ORDER BY seq LIMIT 1 OFFSET 100",
    ));
    days.extend(one(
        "SELECT date(date, '+14 days') FROM events WHERE precision = 'month' ORDER BY seq LIMIT 1 OFFSET 250",
    ));
    days.extend(one(
        "SELECT date FROM events WHERE qualifier = 'uncertain' ORDER BY seq LIMIT 1 OFFSET 50",
    ));
    days.sort();
    days.dedup();
    assert!(days.len() >= 7, "{days:?}");
    days
}

/// The role rows of `at --format json`: (role, title, unit, line, holder).
fn at_rows(at: &Value) -> BTreeSet<Vec<Option<String>>> {
    let mut out = BTreeSet::new();
    for r in at["roles"].as_array().unwrap() {
        let holders = r["holders"].as_array().unwrap();
        let ids: Vec<Option<String>> = if holders.is_empty() {
            vec![None]
        } else {
            holders.iter().map(|h| text(&h["id"])).collect()
        };
        for id in ids {
            out.insert(vec![
                text(&r["id"]),
                text(&r["title"]),
                text(&r["unit"]),
                text(&r["reports_to"]),
                id,
            ]);
        }
    }
    out
}

#[test]
fn the_documented_queries_answer_as_at_who_reports_to_and_diff_do() {
    let data = tempfile::tempdir().unwrap();
    orgctl_synth::write(&orgctl_synth::Params::size("S").unwrap(), data.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let db = export(data.path(), &out.path().join("s.sqlite"));
    let q = documented_queries();
    for name in [
        "org_at",
        "reports_to_person",
        "changes_between",
        "headcount_at",
    ] {
        assert!(q.contains_key(name), "docs/sqlite.md has no query {name}");
    }
    let d = Some(data.path());
    let days = interesting_days(&db);
    for day in &days {
        let at = orgctl(d, &["--format", "json", "at", day]).json();
        let got: BTreeSet<Vec<Option<String>>> = rows(&db, &q["org_at"], &[("day", day)])
            .into_iter()
            .map(|r| {
                vec![
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[4].clone(),
                    r[5].clone(),
                ]
            })
            .collect();
        assert_eq!(got, at_rows(&at), "org_at on {day}");

        let mut heads: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in at["roles"].as_array().unwrap() {
            for h in r["holders"].as_array().unwrap() {
                let unit = heads.entry(text(&r["unit"]).unwrap()).or_default();
                unit.insert(text(&h["id"]).unwrap());
            }
        }
        let want: Vec<Vec<Option<String>>> = heads
            .iter()
            .map(|(u, p)| vec![s(u), Some(p.len().to_string())])
            .collect();
        assert_eq!(
            rows(&db, &q["headcount_at"], &[("day", day)]),
            want,
            "headcount on {day}"
        );

        // The top of the organisation, and a manager some levels below it.
        let manager = rows(
            &db,
            "SELECT h.subject FROM facts h JOIN facts l ON l.kind = 'reports_to' AND l.object = h.object \
             WHERE h.kind = 'holds' AND h.subject <> 'p-000000' \
             AND (h.valid_from IS NULL OR h.valid_from <= :day) AND (h.valid_until IS NULL OR h.valid_until >= :day) \
             AND (l.valid_from IS NULL OR l.valid_from <= :day) AND (l.valid_until IS NULL OR l.valid_until >= :day) \
             ORDER BY h.subject LIMIT 1",
            &[("day", day)],
        );
        let manager = manager[0][0].clone().unwrap();
        for person in ["p-000000", manager.as_str()] {
            let who = orgctl(
                d,
                &[
                    "--format",
                    "json",
                    "who-reports-to",
                    person,
                    "--at",
                    day,
                    "--all",
                ],
            );
            let want: BTreeSet<Vec<Option<String>>> = who.json()["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    vec![
                        text(&r["role"]["id"]),
                        text(&r["reports_to_role"]),
                        text(&r["depth"]),
                        text(&r["id"]),
                    ]
                })
                .collect();
            assert!(!want.is_empty(), "{person} has reports on {day}");
            let params = [("day", day.as_str()), ("person", person)];
            let got: BTreeSet<_> = rows(&db, &q["reports_to_person"], &params)
                .into_iter()
                .collect();
            assert_eq!(got, want, "reports to {person} on {day}");
        }
    }
    let kinds = [
        "unit-created",
        "unit-dissolved",
        "unit-moved",
        "unit-renamed",
        "role-created",
        "role-eliminated",
        "role-moved",
        "role-retitled",
        "line-changed",
        "appointed",
        "left",
    ];
    for pair in days.windows(2) {
        let (from, to) = (pair[0].as_str(), pair[1].as_str());
        let diff = orgctl(d, &["--format", "json", "diff", from, to]).json();
        let want: BTreeSet<Vec<Option<String>>> = diff["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| kinds.contains(&c["kind"].as_str().unwrap()))
            .map(|c| {
                vec![
                    text(&c["kind"]),
                    text(&c["subject"]),
                    text(&c["before"]),
                    text(&c["after"]),
                ]
            })
            .collect();
        let got: BTreeSet<_> = rows(&db, &q["changes_between"], &[("from", from), ("to", to)])
            .into_iter()
            .collect();
        assert_eq!(got, want, "changes from {from} to {to}");
    }
}

/// Acme, where Bob Baker takes over from Ann Archer as CEO on a known day,
/// Engineering moves some time in November 2022, and Research Lab is
/// renamed.
const ACME_EVENTS: &str = r#"
[[event]]
id = "lab-moves"
date = "2022-11~"
title = "The lab moves under Acme"
sources = ["Intranet, 2022-12-01", "Memo"]
changes = [{ op = "move", unit = "lab", to = "acme" }]

[[event]]
id = "bob-ceo"
date = 2023-05-10
title = "Bob Baker becomes CEO"
changes = [{ op = "appoint", person = "bob", role = "ceo" }]
"#;

#[test]
fn facts_hold_from_their_first_day_to_their_last_inclusive() {
    let org = Org::with(&format!("{ACME}{ACME_EVENTS}"));
    let out = tempfile::tempdir().unwrap();
    let db = export(org.path(), &out.path().join("acme.sqlite"));
    let holds = rows(
        &db,
        "SELECT subject, object, valid_from, valid_until, began_by_event, ended_by_event \
         FROM facts WHERE kind = 'holds' AND object = 'ceo' ORDER BY id",
        &[],
    );
    assert_eq!(
        holds,
        vec![
            vec![
                s("ann"),
                s("ceo"),
                None,
                s("2023-05-09"),
                None,
                s("bob-ceo")
            ],
            vec![
                s("bob"),
                s("ceo"),
                s("2023-05-10"),
                None,
                s("bob-ceo"),
                None
            ],
        ]
    );
    // The lab's parent: from always until the move, whose date is a month.
    let parents = rows(
        &db,
        "SELECT object, valid_from, valid_from_text, valid_from_precision, valid_until \
         FROM facts WHERE kind = 'unit_parent' AND subject = 'lab' ORDER BY id",
        &[],
    );
    assert_eq!(
        parents,
        vec![
            vec![s("eng"), None, None, None, s("2022-10-31")],
            vec![s("acme"), s("2022-11-01"), s("2022-11~"), s("month"), None],
        ]
    );
    // The researcher's line: the head of an ancestor unit (Engineering's),
    // then, once the lab is under Acme, Acme's head.
    let lines = rows(
        &db,
        "SELECT object, rule, via, valid_until FROM facts \
         WHERE kind = 'reports_to' AND subject = 'researcher' ORDER BY id",
        &[],
    );
    assert_eq!(
        lines,
        vec![
            vec![s("cto"), s("head-of-ancestor"), s("eng"), s("2022-10-31")],
            vec![s("ceo"), s("head-of-ancestor"), s("acme"), None],
        ]
    );
    let ceo = rows(
        &db,
        "SELECT object, rule FROM facts WHERE kind = 'reports_to' AND subject = 'ceo'",
        &[],
    );
    assert_eq!(ceo, vec![vec![None, s("top")]]);
    let events = rows(
        &db,
        "SELECT id, seq, date, last_day, date_text, precision, qualifier, title FROM events ORDER BY seq",
        &[],
    );
    assert_eq!(
        events,
        vec![
            vec![
                s("lab-moves"),
                s("1"),
                s("2022-11-01"),
                s("2022-11-30"),
                s("2022-11~"),
                s("month"),
                s("approximate"),
                s("The lab moves under Acme")
            ],
            vec![
                s("bob-ceo"),
                s("2"),
                s("2023-05-10"),
                s("2023-05-10"),
                s("2023-05-10"),
                s("day"),
                s("exact"),
                s("Bob Baker becomes CEO")
            ],
        ]
    );
    let sources = rows(
        &db,
        "SELECT * FROM sources ORDER BY record_id, ordinal",
        &[],
    );
    assert_eq!(
        sources,
        vec![
            vec![s("lab-moves"), s("1"), s("Intranet, 2022-12-01")],
            vec![s("lab-moves"), s("2"), s("Memo")],
        ]
    );
    let version = rows(&db, "SELECT version FROM schema_version", &[]);
    assert_eq!(version, vec![vec![s("1")]]);
    let now = rows(
        &db,
        "SELECT role_id, person FROM current_holders ORDER BY role_id",
        &[],
    );
    assert_eq!(
        now,
        vec![
            vec![s("ceo"), s("Bob Baker")],
            vec![s("cto"), s("Bob Baker")],
            vec![s("engineer"), s("Cy Cole")],
            vec![s("researcher"), s("Dee Dunn")],
        ]
    );
}

#[test]
fn every_table_and_column_is_documented() {
    let org = Org::with(ACME);
    let out = tempfile::tempdir().unwrap();
    let db = export(org.path(), &out.path().join("acme.sqlite"));
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sqlite.md"))
        .unwrap();
    let objects = rows(
        &db,
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')",
        &[],
    );
    let mut missing = Vec::new();
    for o in objects {
        let (kind, name) = (o[0].clone().unwrap(), o[1].clone().unwrap());
        let columns = rows(
            &db,
            &format!("SELECT name FROM pragma_table_info('{name}')"),
            &[],
        );
        // A table has its section, one row per column; a view, one row.
        let section = match kind.as_str() {
            "table" => doc
                .split(&format!("### `{name}`\n"))
                .nth(1)
                .map(|s| s.split("\n### ").next().unwrap_or(s).to_string()),
            _ => doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{name}` |")))
                .map(String::from),
        };
        let Some(section) = section else {
            missing.push(format!("{kind} {name}"));
            continue;
        };
        for c in columns {
            let c = c[0].clone().unwrap();
            let documented = match kind.as_str() {
                "table" => section.contains(&format!("| `{c}` |")),
                _ => section.contains(&format!("`{c}`")),
            };
            if !documented {
                missing.push(format!("{kind} {name}: column {c}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/sqlite.md does not document: {missing:?}"
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let org = Org::with(ACME);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("org.sqlite");
    std::fs::write(&file, "precious").unwrap();
    let f = file.to_str().unwrap();
    let err = org.run(&["export", "sqlite", f]).fails(1).to_string();
    assert_eq!(
        err,
        format!("error: {f} exists; give --force to replace it\n")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    org.run(&["export", "sqlite", f, "--force"]).ok();
    assert!(
        std::fs::read(&file)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the database is left: {left:?}");
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let out = tempfile::tempdir().unwrap();
    // A folder that does not exist.
    let file = out.path().join("missing/org.sqlite");
    let err = Org::with(ACME)
        .run(&["export", "sqlite", file.to_str().unwrap()])
        .fails(1)
        .to_string();
    assert!(
        err.contains("the folder") && err.contains("does not exist"),
        "{err}"
    );
    assert!(err.contains("help: create it first"), "{err}");
    // Data with a problem: nothing is written.
    let file = out.path().join("org.sqlite");
    let broken = Org::with(&format!(
        "{ACME}\n[[event]]\ndate = 2023-01-01\nchanges = [{{ op = \"leave\", person = \"nobody\" }}]\n"
    ));
    broken
        .run(&["export", "sqlite", file.to_str().unwrap()])
        .fails(1);
    // A folder this user cannot write in (root can: then it is skipped).
    let locked = out.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms.clone()).unwrap();
    if std::fs::write(locked.join("probe"), "").is_err() {
        let file = locked.join("org.sqlite");
        let err = Org::with(ACME)
            .run(&["export", "sqlite", file.to_str().unwrap()])
            .fails(1)
            .to_string();
        assert!(
            err.contains("cannot write") && err.contains("help:"),
            "{err}"
        );
    } else {
        eprintln!(
            "note: running as a user who can write in a read-only folder; that case is skipped"
        );
        std::fs::remove_file(locked.join("probe")).unwrap();
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&locked, perms).unwrap();
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("locked")]);
    assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
}

#[test]
fn a_database_is_no_stream() {
    let err = Org::with(ACME)
        .run(&["export", "sqlite", "-"])
        .fails(2)
        .to_string();
    assert!(
        err.contains("a SQLite database is a file, not a stream"),
        "{err}"
    );
    assert!(err.contains("help: give a file name"), "{err}");
}

#[test]
fn export_reads_a_revision_with_rev() {
    let repo = Repo::new();
    repo.write("data/org.toml", ACME.as_bytes()).commit("Acme");
    repo.write("data/org.toml", format!("{ACME}{ACME_EVENTS}").as_bytes())
        .commit("Bob becomes CEO");
    repo.run(&["export", "sqlite", "old.sqlite", "--rev", "HEAD~1"])
        .ok();
    repo.run(&["export", "sqlite", "new.sqlite"]).ok();
    let count = |file: &str| {
        let db = Connection::open(repo.path().join(file)).unwrap();
        rows(&db, "SELECT count(*) FROM events", &[])[0][0].clone()
    };
    assert_eq!(count("old.sqlite"), s("0"));
    assert_eq!(count("new.sqlite"), s("2"));
}

#[test]
fn export_help_says_what_is_written_and_where_it_is_documented() {
    let help = orgctl(None, &["export", "sqlite", "--help"])
        .ok()
        .to_string();
    for words in [
        "docs/sqlite.md",
        "--force",
        "valid_until",
        "orgctl export sqlite org.sqlite",
    ] {
        assert!(help.contains(words), "{words} in:\n{help}");
    }
    let help = orgctl(None, &["export", "--help"]).ok().to_string();
    assert!(help.contains("sqlite"), "{help}");
}

/// The guide's recipe "Your history in SQL": its query, run on an export
/// of its data, prints what the recipe shows (as the `sqlite3` shell
/// does: columns between `|`, NULL as nothing).
#[test]
fn the_guides_sql_recipe_prints_what_it_shows() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    let recipe = guide
        .split("\n### Your history in SQL\n")
        .nth(1)
        .expect("the recipe")
        .split("\n### ")
        .next()
        .unwrap();
    let toml = fenced(recipe, "toml")[0].join("\n");
    let sql = fenced(recipe, "sql")[0].join("\n");
    let shown = &fenced(recipe, "text")[0][1..];
    let org = Org::with(&toml);
    let out = tempfile::tempdir().unwrap();
    let db = export(org.path(), &out.path().join("acme.sqlite"));
    let got: Vec<String> = rows(&db, &sql, &[])
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(Option::unwrap_or_default)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(got, shown, "the recipe shows:\n{}", shown.join("\n"));
}

#[test]
fn export_takes_no_format() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("org.sqlite");
    let run = Org::with(ACME).run(&[
        "--format",
        "json",
        "export",
        "sqlite",
        file.to_str().unwrap(),
    ]);
    let err = run.fails(2);
    assert!(err.contains("--format json does not apply here"), "{err}");
    assert!(!file.exists());
}

#[test]
fn export_with_known_at_leaves_out_what_was_reported_later() {
    let org = Org::with(&format!("{ACME}{ACME_EVENTS}"));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("then.sqlite");
    let f = file.to_str().unwrap();
    org.run(&["--known-at", "2023-01-01", "export", "sqlite", f])
        .ok();
    let db = Connection::open(&file).unwrap();
    assert_eq!(
        rows(&db, "SELECT id FROM events", &[]),
        vec![vec![s("lab-moves")]]
    );
    let ceo = rows(
        &db,
        "SELECT subject, valid_until FROM facts WHERE kind = 'holds' AND object = 'ceo'",
        &[],
    );
    assert_eq!(ceo, vec![vec![s("ann"), None]]);
}
