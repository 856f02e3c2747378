//! The round trip of `import snapshots`: a generated history (reorgs,
//! transfers, promotions, acting roles, vacancies) is written as monthly
//! HR snapshots, one row per person with their role, unit, parent unit and
//! manager on that day; the snapshots imported give a history that says
//! the same of every snapshot's day: the same people, titles, units and
//! managers.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use orgctl::ids::UnitId;
use orgctl::import::snapshots::ids;
use orgctl::query::state::State;
use orgctl::timeline::History;
use orgctl_synth::{self as synth, Params};

use crate::support::orgctl_in;

/// One person on a day: title, unit, manager (people through `key`).
type Row = (String, UnitId, Option<String>);

fn load(dir: &Path) -> History {
    let files = orgctl::load::read_folder(dir).expect("the folder is read");
    orgctl::load::load_texts(files).expect("the folder loads without a problem")
}

/// Each person holding a role on `day`: their first role not held acting
/// (else their first), its title and unit, and the first other holder of
/// the role it reports to. `key` names a person; `unit` a unit.
fn rows(h: &History, day: NaiveDate, key: impl Fn(&str) -> String) -> BTreeMap<String, Row> {
    let s = State::new(h, day);
    let mut out = BTreeMap::new();
    for p in s.people() {
        let roles = s.roles_of(p);
        let Some(&(r, _)) = roles
            .iter()
            .find(|(_, iv)| !iv.value.acting)
            .or(roles.first())
        else {
            continue;
        };
        let manager = s.line(r).and_then(|l| {
            s.holders(l.to)
                .iter()
                .map(|iv| iv.value.person)
                .find(|&q| q != p)
                .map(|q| key(h.person(q).key.as_str()))
        });
        let u = h
            .role(r)
            .unit
            .value_at(day)
            .copied()
            .expect("a role in a unit");
        out.insert(
            key(h.person(p).key.as_str()),
            (h.role_title(r, day).to_string(), u, manager),
        );
    }
    out
}

/// A snapshot CSV of the rows (units named by their id, with their
/// parent's).
fn csv(h: &History, day: NaiveDate) -> String {
    let s = State::new(h, day);
    let rows = rows(h, day, str::to_string);
    let mut text = String::from("Employee Id,Name,Job Title,Department,Parent Unit,Manager Id\n");
    let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    for p in s.people() {
        let id = h.person(p).key.as_str();
        let Some((title, unit, manager)) = rows.get(id) else {
            continue;
        };
        let parent = h
            .unit(*unit)
            .parent
            .value_at(day)
            .copied()
            .filter(|&p| s.unit_exists(p))
            .map(|p| h.unit(p).key.to_string())
            .unwrap_or_default();
        text.push_str(&format!(
            "{id},{},{},{},{parent},{}\n",
            quote(h.person_name(p, day)),
            quote(title),
            h.unit(*unit).key,
            manager.as_deref().unwrap_or("")
        ));
    }
    text
}

#[test]
fn a_generated_history_as_24_monthly_snapshots_imports_to_the_same_answers() {
    for (people, years, seed) in [(300, 3, 11), (200, 4, 3), (400, 3, 42)] {
        round_trip(Params {
            people,
            years,
            seed,
            ..Params::default()
        });
    }
}

/// Generates `p`, writes its snapshots at 24 month ends from its first
/// June, imports them, and compares each day.
fn round_trip(p: Params) {
    let data = tempfile::tempdir().unwrap();
    synth::write(&p, data.path()).unwrap();
    let original = load(data.path());
    let work = tempfile::tempdir().unwrap();
    let mut days = Vec::new();
    let mut args = vec!["import".to_string(), "snapshots".to_string()];
    for k in 0..24 {
        let (y, m) = (p.start_year + (k + 6) / 12, (k + 6) % 12 + 1);
        let first_of_next = match m {
            12 => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            _ => NaiveDate::from_ymd_opt(y, m as u32 + 1, 1),
        };
        let day = first_of_next.unwrap().pred_opt().unwrap();
        let name = format!("hr-{day}.csv");
        std::fs::write(work.path().join(&name), csv(&original, day)).unwrap();
        days.push(day);
        args.push(name);
    }
    args.extend(["--out".into(), "org".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = orgctl_in(work.path(), &[], &args);
    run.ok();
    let imported = load(&work.path().join("org"));
    let events = std::fs::read_dir(work.path().join("org/events"))
        .unwrap()
        .count();
    assert_eq!(
        events, 23,
        "one file of events per snapshot after the first"
    );
    assert!(
        imported.events.len() > 100,
        "{} events",
        imported.events.len()
    );
    for day in days {
        // The imported units are named by the original units' ids.
        let named = |h: &History, rows: BTreeMap<String, Row>, original: bool| {
            rows.into_iter()
                .map(|(id, (title, u, m))| {
                    let unit = match original {
                        true => h.unit(u).key.to_string(),
                        false => h.unit_name(u, day).to_string(),
                    };
                    (id, (title, unit, m))
                })
                .collect::<BTreeMap<_, _>>()
        };
        let want = named(&original, rows(&original, day, ids::person), true);
        let got = named(&imported, rows(&imported, day, str::to_string), false);
        assert!(
            want.len() > p.people * 3 / 4,
            "{} people on {day}",
            want.len()
        );
        assert_eq!(got.len(), want.len(), "headcount on {day}");
        for (id, row) in &want {
            assert_eq!(got.get(id), Some(row), "{id} on {day}\n{}", run.stderr);
        }
    }
}

/// The generator's own snapshots (`--snapshots N`) import without a
/// warning, reconcile, and count the people the generated history holds
/// on each day.
#[test]
fn the_generators_snapshots_import_cleanly_with_the_same_headcount() {
    let dir = tempfile::tempdir().unwrap();
    let p = Params {
        people: 200,
        years: 3,
        snapshots: 6,
        ..Params::default()
    };
    synth::write(&p, dir.path()).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("snapshots"))
        .unwrap()
        .map(|e| format!("snapshots/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    let original = load(dir.path());
    let mut args: Vec<&str> = vec!["import", "snapshots"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", "imported"]);
    let run = orgctl_in(dir.path(), &[], &args);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(run.ok().matches("reconciled").count(), 5);
    let imported = load(&dir.path().join("imported"));
    for file in &files {
        let day = NaiveDate::parse_from_str(&file[13..23], "%Y-%m-%d").unwrap();
        assert_eq!(
            State::new(&imported, day).people().len(),
            State::new(&original, day).people().len(),
            "{day}"
        );
    }
}
