//! `stats`: figures per period end and unit, on a small company with
//! known answers (a hire, a departure, a transfer, two vacancies, an
//! acting holder), in every format; and agreement with `at` on generated
//! S at every month end of two years. `--by level`: a team whose people
//! and roles carry levels. Also the periods (`2026-07`, `2026-Q3`,
//! `2026`) that `diff` and `log` take.

use std::collections::BTreeSet;

use crate::bad_input::{BIG_LIMIT, run_within};
use crate::support::{ACME, Org, chain_of, command, orgctl};

/// Acme in 2026: Ann (CEO) heads `acme`; Bob (CTO) heads `eng` with
/// engineers Cy and Dee and an open third engineer's role; Eve heads
/// `ops`, whose analyst's role is open. Fay is hired on 2026-01-20, Dee
/// leaves on 2026-02-20, Cy moves to the analyst's role on 2026-02-25,
/// and Gus becomes acting engineer in Cy's old role on 2026-03-02.
const TEAM: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[person]]
id = "cy"
name = "Cy Cole"

[[person]]
id = "dee"
name = "Dee Dunn"

[[person]]
id = "eve"
name = "Eve Ellis"

[[person]]
id = "fay"
name = "Fay Ford"

[[person]]
id = "gus"
name = "Gus Gray"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "cto"
title = "CTO"
unit = "eng"
head = true
holder = "bob"

[[role]]
id = "engineer-1"
title = "Engineer"
unit = "eng"
holder = "cy"

[[role]]
id = "engineer-2"
title = "Engineer"
unit = "eng"
holder = "dee"

[[role]]
id = "engineer-3"
title = "Engineer"
unit = "eng"

[[role]]
id = "ops-lead"
title = "Head of Operations"
unit = "ops"
head = true
holder = "eve"

[[role]]
id = "analyst"
title = "Analyst"
unit = "ops"

[[event]]
id = "fay-hired"
date = 2026-01-20
changes = [{ op = "appoint", person = "fay", role = "engineer-3" }]

[[event]]
id = "dee-leaves"
date = 2026-02-20
changes = [{ op = "leave", person = "dee", role = "engineer-2" }]

[[event]]
id = "cy-to-ops"
date = 2026-02-25
changes = [
  { op = "leave", person = "cy", role = "engineer-1" },
  { op = "appoint", person = "cy", role = "analyst" },
]

[[event]]
id = "gus-acting"
date = 2026-03-02
changes = [{ op = "appoint", person = "gus", role = "engineer-1", acting = true }]
"#;

fn team() -> Org {
    Org::with(TEAM)
}

#[test]
fn the_whole_company_at_each_month_end_as_a_table() {
    let run = team().run(&["stats", "--from", "2026-01", "--to", "2026-Q1"]);
    assert_eq!(
        run.ok(),
        "\
Figures for the whole organisation at each month end from 2026-01-01 to 2026-03-31
 period end  unit   people  filled  vacant (mean/max days)  acting  managers  span mean/median/max  layers  hires  left  in  out  promoted
 2026-01-31  (all)  6       6       0                       0       2         2.5/2.5/3             3       1      0     0   0    0
 2026-02-28  (all)  5       5       2 (5.5/8)               0       3         1.33/1/2              3       0      1     1   1    0
 2026-03-31  (all)  6       6       1 (39/39)               1       3         1.67/2/2              3       1      0     0   0    0
"
    );
}

/// The CSV, read back by the `csv` crate as a spreadsheet would: one row
/// per month end × unit, each unit rolled up over its subtree.
#[test]
fn by_unit_the_csv_has_a_row_per_month_end_and_unit() {
    let run = team().run(&[
        "stats", "--from", "2026-02", "--to", "2026-03", "--by", "unit", "--format", "csv",
    ]);
    let mut reader = csv::Reader::from_reader(run.ok().as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header.join(","),
        "period_end,unit_id,unit_name,depth,headcount,filled_roles,vacant_roles,\
         unrecorded_roles,vacancy_days_mean,vacancy_days_max,acting,managers,span_mean,\
         span_median,span_max,layers,hires,departures,transfers_in,transfers_out,promotions,group"
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("a well-formed row")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let got: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
    assert_eq!(
        got,
        [
            "2026-02-28,acme,Acme,1,5,5,2,0,5.5,8,0,3,1.33,1.0,2,3,0,1,0,0,0,",
            "2026-02-28,eng,Engineering,2,2,2,2,0,5.5,8,0,1,1.0,1.0,1,2,0,1,0,1,0,",
            "2026-02-28,ops,Operations,2,2,2,0,0,,,0,1,1.0,1.0,1,2,0,0,1,0,0,",
            "2026-03-31,acme,Acme,1,6,6,1,0,39.0,39,1,3,1.67,2.0,2,3,1,0,0,0,0,",
            "2026-03-31,eng,Engineering,2,3,3,1,0,39.0,39,1,1,2.0,2.0,2,2,1,0,0,0,0,",
            "2026-03-31,ops,Operations,2,2,2,0,0,,,0,1,1.0,1.0,1,2,0,0,0,0,0,",
        ]
    );
}

/// Headcount moves only by the flows: hires and transfers in add,
/// departures and transfers out take away.
#[test]
fn each_units_headcount_moves_by_its_flows() {
    let run = team().run(&[
        "stats", "--from", "2025-12", "--to", "2026-04", "--by", "unit", "--format", "json",
    ]);
    let doc = run.json();
    moves_by_flows(doc["rows"].as_array().expect("rows"), "unit_id");
}

/// Each row's headcount is that of the last earlier row of the same `key`
/// (0 if none) plus its hires and transfers in, minus its departures and
/// transfers out; the rows of the first period end are the start.
fn moves_by_flows(rows: &[serde_json::Value], key: &str) {
    let n = |r: &serde_json::Value, k: &str| r[k].as_i64().expect(k);
    let end = |r: &serde_json::Value| r["period_end"].as_str().unwrap_or("").to_string();
    let first = rows.first().map(end).unwrap_or_default();
    for r in rows.iter().filter(|r| end(r) != first) {
        let last = rows
            .iter()
            .rfind(|b| b[key] == r[key] && end(b) < end(r))
            .map_or(0, |b| n(b, "headcount"));
        assert_eq!(
            n(r, "headcount") - last,
            n(r, "hires") + n(r, "transfers_in") - n(r, "departures") - n(r, "transfers_out"),
            "{r}"
        );
    }
}

#[test]
fn one_unit_by_quarter_as_json() {
    let run = team().run(&[
        "stats",
        "--unit",
        "Engineering",
        "--every",
        "quarter",
        "--from",
        "2026-Q1",
        "--to",
        "2026-Q1",
        "--format",
        "json",
    ]);
    assert_eq!(
        run.json(),
        serde_json::json!({
            "from": "2026-01-01",
            "to": "2026-03-31",
            "every": "quarter",
            "unit": "eng",
            "by_unit": false,
            "by": null,
            "rows": [{
                "period_end": "2026-03-31",
                "unit_id": "eng",
                "unit_name": "Engineering",
                "depth": 1,
                "headcount": 3,
                "filled_roles": 3,
                "vacant_roles": 1,
                "unrecorded_roles": 0,
                "vacancy_days_mean": 39.0,
                "vacancy_days_max": 39,
                "acting": 1,
                "managers": 1,
                "span_mean": 2.0,
                "span_median": 2.0,
                "span_max": 2,
                "layers": 2,
                "hires": 2,
                "departures": 1,
                "transfers_in": 0,
                "transfers_out": 1,
                "promotions": 0,
                "group": null
            }]
        })
    );
}

/// Without --from and --to: the twelve period ends up to today (the
/// tests' today is 2024-01-01).
#[test]
fn by_default_the_twelve_period_ends_up_to_today() {
    let org = team();
    let ends = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["stats", "--format", "csv"];
        all.extend(args);
        org.run(&all)
            .ok()
            .lines()
            .skip(1)
            .map(|l| l[..10].to_string())
            .collect()
    };
    let months = ends(&[]);
    assert_eq!(months.len(), 12);
    assert_eq!(
        (months[0].as_str(), months[11].as_str()),
        ("2023-01-31", "2023-12-31")
    );
    let quarters = ends(&["--every", "quarter", "--to", "2026-Q2"]);
    assert_eq!(quarters.len(), 12);
    assert_eq!(
        (quarters[0].as_str(), quarters[11].as_str()),
        ("2023-09-30", "2026-06-30")
    );
}

#[test]
fn depth_limits_the_units_listed_and_implies_by_unit() {
    let run = team().run(&[
        "stats", "--from", "2026-03", "--to", "2026-03", "--depth", "1", "--format", "csv",
    ]);
    let units: Vec<&str> = run
        .ok()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(units, ["acme"]);
}

/// Taking a new role nearer the top of the chain of command is a
/// promotion; it counts where the person now is.
#[test]
fn a_new_role_nearer_the_top_is_a_promotion() {
    let org = Org::with(&format!(
        "{TEAM}
[[event]]
id = \"fay-to-ops-lead\"
date = 2026-04-10
changes = [
  {{ op = \"leave\", person = \"eve\", role = \"ops-lead\" }},
  {{ op = \"leave\", person = \"fay\", role = \"engineer-3\" }},
  {{ op = \"appoint\", person = \"fay\", role = \"ops-lead\" }},
]
"
    ));
    let run = org.run(&[
        "stats", "--from", "2026-04", "--to", "2026-04", "--by", "unit", "--format", "csv",
    ]);
    let promotions: Vec<(String, String)> = csv::Reader::from_reader(run.ok().as_bytes())
        .records()
        .map(|r| r.expect("a row"))
        .map(|r| (r[1].to_string(), r[20].to_string()))
        .collect();
    assert_eq!(
        promotions,
        [
            ("acme".to_string(), "1".to_string()),
            ("eng".to_string(), "0".to_string()),
            ("ops".to_string(), "1".to_string()),
        ]
    );
}

#[test]
fn bad_periods_and_ranges_are_usage_errors() {
    let org = team();
    let err = org
        .run(&["stats", "--from", "2026-Q5"])
        .fails(2)
        .to_string();
    assert!(
        err.contains("'2026-Q5' is not a day or a period; use YYYY-MM-DD (a day), YYYY-MM (a month), YYYY-Qn (a quarter, n from 1 to 4) or YYYY (a year)"),
        "{err}"
    );
    let err = org
        .run(&["stats", "--from", "2026-03", "--to", "2026-01"])
        .fails(2)
        .to_string();
    assert_eq!(
        err,
        "error: --from (2026-03-01) is after --to (2026-01-31); give the earlier period to --from\n"
    );
    let lab = Org::with(&format!(
        "{TEAM}
[[unit]]
id = \"lab\"
name = \"Lab\"
parent = \"eng\"

[[event]]
id = \"lab-opens\"
date = 2026-03-15
changes = [{{ op = \"create\", unit = \"lab\" }}]
"
    ));
    // Only the period ends on which it exists have a row.
    let run = lab.run(&[
        "stats", "--unit", "lab", "--from", "2026-01", "--to", "2026-Q1", "--format", "csv",
    ]);
    assert_eq!(
        run.ok()
            .lines()
            .skip(1)
            .map(|l| &l[..10])
            .collect::<Vec<_>>(),
        ["2026-03-31"]
    );
    let err = lab
        .run(&[
            "stats", "--unit", "lab", "--from", "2026-01", "--to", "2026-02",
        ])
        .fails(1)
        .to_string();
    assert_eq!(
        err,
        "error: unit 'lab' does not exist on any period end from 2026-01-01 to 2026-02-28; \
`orgctl history lab` shows when it existed\n"
    );
    let err = org.run(&["stats", "--unit", "ceo"]).fails(2).to_string();
    assert!(
        err.contains("--unit takes a unit, but 'ceo' is the role 'ceo'"),
        "{err}"
    );
}

/// `diff PERIOD` is the changes during it: from the day before its first
/// day to its last day.
#[test]
fn diff_takes_months_quarters_and_years() {
    let org = team();
    let feb = org.run(&["diff", "2026-02", "--format", "json"]).json();
    assert_eq!(
        (&feb["from"], &feb["to"]),
        (&"2026-01-31".into(), &"2026-02-28".into())
    );
    let q1 = org
        .run(&["diff", "2026-Q1", "--stat", "--format", "json"])
        .json();
    assert_eq!(
        (&q1["from"], &q1["to"]),
        (&"2025-12-31".into(), &"2026-03-31".into())
    );
    assert_eq!(q1["total_events"], 4);
    let year = org
        .run(&["diff", "2025", "2026", "--stat", "--format", "json"])
        .json();
    assert_eq!(
        (&year["from"], &year["to"]),
        (&"2024-12-31".into(), &"2026-12-31".into())
    );
    let range = org
        .run(&["diff", "2026-01..2026-02", "--stat", "--format", "json"])
        .json();
    assert_eq!(
        (&range["from"], &range["to"]),
        (&"2025-12-31".into(), &"2026-02-28".into())
    );
    // A day stays a day.
    let days = org
        .run(&[
            "diff",
            "2026-02-01",
            "2026-02-28",
            "--stat",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(
        (&days["from"], &days["to"]),
        (&"2026-02-01".into(), &"2026-02-28".into())
    );
    let err = org.run(&["diff", "2026-Q0"]).fails(2).to_string();
    assert!(err.contains("'2026-Q0' is not a day or a period"), "{err}");
}

#[test]
fn log_since_and_until_take_periods() {
    let run = team().run(&[
        "log",
        "--oneline",
        "--since",
        "2026-Q1",
        "--until",
        "2026-02",
    ]);
    assert_eq!(
        run.ok(),
        "2026-01-20  fay-hired   (untitled)\n2026-02-20  dee-leaves  (untitled)\n2026-02-25  cy-to-ops   (untitled)\n"
    );
}

/// On generated S, at every month end of two years, `stats` counts the
/// people and the filled roles that `at` lists.
#[test]
fn stats_agrees_with_at_on_generated_s_at_every_month_end() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = orgctl_synth::Params::size("S").expect("size S");
    orgctl_synth::write(&p, dir.path()).expect("S written");
    let d = Some(dir.path());
    let stats = orgctl(
        d,
        &[
            "stats", "--from", "2014-01", "--to", "2015-12", "--format", "csv",
        ],
    );
    let mut reader = csv::Reader::from_reader(stats.ok().as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 24);
    for row in rows {
        let day = &row[0];
        let at = orgctl(d, &["at", day, "--format", "json"]).json();
        let roles = at["roles"].as_array().expect("roles");
        let filled = roles.iter().filter(|r| r["status"] == "filled").count();
        let people: BTreeSet<&str> = roles
            .iter()
            .flat_map(|r| r["holders"].as_array().expect("holders"))
            .map(|h| h["id"].as_str().expect("an id"))
            .collect();
        assert_eq!(people.len(), at["people"].as_array().expect("people").len());
        assert_eq!(
            (&row[4], &row[5]),
            (
                people.len().to_string().as_str(),
                filled.to_string().as_str()
            ),
            "headcount and filled roles on {day}"
        );
    }
}

/// [`ACME`] with levels from 2025-12-01: Ann (CEO) L7, Bob (CTO) L5, Cy
/// (engineer) L4; Dee has no level of her own and holds `researcher`, a
/// role set at L4; `engineer-2`, unheld, has no level. Cy becomes L5 on
/// 2026-02-10, Fay (no level) is hired into `engineer-2` on 2026-02-15,
/// and Dee leaves on 2026-02-20, leaving `researcher` vacant.
fn levels() -> Org {
    Org::with(&format!(
        r#"{ACME}
[[person]]
id = "fay"
name = "Fay Ford"

[[role]]
id = "engineer-2"
title = "Engineer"
unit = "eng"

[[event]]
id = "levels"
date = 2025-12-01
changes = [
  {{ op = "set", person = "ann", key = "level", value = "L7" }},
  {{ op = "set", person = "bob", key = "level", value = "L5" }},
  {{ op = "set", person = "cy", key = "level", value = "L4" }},
  {{ op = "set", role = "researcher", key = "level", value = "L4" }},
]

[[event]]
id = "cy-promoted"
date = 2026-02-10
changes = [{{ op = "set", person = "cy", key = "level", value = "L5" }}]

[[event]]
id = "fay-hired"
date = 2026-02-15
changes = [{{ op = "appoint", person = "fay", role = "engineer-2" }}]

[[event]]
id = "dee-leaves"
date = 2026-02-20
changes = [{{ op = "leave", person = "dee", role = "researcher" }}]
"#
    ))
}

/// A row per month end and level: Dee counts at L4 through her role, the
/// unheld `engineer-2` and then Fay in `(none)`; in February Cy's L4 -> L5
/// is a transfer out of L4 and into L5, Dee's departure leaves L4 with the
/// vacancy of `researcher` (its own level), Fay's hire lands in `(none)`.
#[test]
fn by_level_a_row_per_month_end_and_level_with_the_group_without_one_last() {
    let run = levels().run(&[
        "stats", "--from", "2026-01", "--to", "2026-02", "--by", "level",
    ]);
    assert_eq!(
        run.ok(),
        "\
Figures for the whole organisation at each month end from 2026-01-01 to 2026-02-28, by level
 period end  level   people  filled  vacant (mean/max days)  acting  managers  span mean/median/max  layers  hires  left  in  out  promoted
 2026-01-31  L4      2       2       0                       0       0         -                     1       0      0     0   0    0
 2026-01-31  L5      1       1       0                       0       1         2/2/2                 1       0      0     0   0    0
 2026-01-31  L7      1       1       0                       0       1         1/1/1                 1       0      0     0   0    0
 2026-01-31  (none)  0       0       0                       0       0         -                     1       0      0     0   0    0
 2026-02-28  L4      0       0       1 (8/8)                 0       0         -                     1       0      1     0   1    0
 2026-02-28  L5      2       2       0                       0       1         2/2/2                 2       0      0     1   0    0
 2026-02-28  L7      1       1       0                       0       1         1/1/1                 1       0      0     0   0    0
 2026-02-28  (none)  1       1       0                       0       0         -                     1       1      0     0   0    0
"
    );
}

/// In CSV the value is the last column, `group`, empty for the group
/// without one; `--unit eng` (with Research Lab under it) leaves out Ann,
/// who holds no role there.
#[test]
fn by_level_of_one_unit_as_csv_and_json() {
    let org = levels();
    let run = org.run(&[
        "stats", "--unit", "eng", "--from", "2026-02", "--to", "2026-02", "--by", "level",
        "--format", "csv",
    ]);
    assert_eq!(
        run.ok(),
        "\
period_end,unit_id,unit_name,depth,headcount,filled_roles,vacant_roles,unrecorded_roles,vacancy_days_mean,vacancy_days_max,acting,managers,span_mean,span_median,span_max,layers,hires,departures,transfers_in,transfers_out,promotions,group
2026-02-28,eng,Engineering,1,0,0,1,0,8.0,8,0,0,,,,1,0,1,0,1,0,L4
2026-02-28,eng,Engineering,1,2,2,0,0,,,0,1,2.0,2.0,2,2,0,0,1,0,0,L5
2026-02-28,eng,Engineering,1,1,1,0,0,,,0,0,,,,1,1,0,0,0,0,
"
    );
    let doc = org
        .run(&[
            "stats", "--unit", "eng", "--from", "2026-02", "--to", "2026-02", "--by", "level",
            "--format", "json",
        ])
        .json();
    assert_eq!(
        (&doc["by"], &doc["by_unit"]),
        (&"level".into(), &false.into())
    );
    let groups: Vec<&serde_json::Value> = doc["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| &r["group"])
        .collect();
    assert_eq!(
        groups,
        [&"L4".into(), &"L5".into(), &serde_json::Value::Null]
    );
    let by_unit = org
        .run(&[
            "stats", "--from", "2026-02", "--to", "2026-02", "--by", "unit", "--format", "json",
        ])
        .json();
    assert_eq!(
        (&by_unit["by"], &by_unit["rows"][0]["group"]),
        (&"unit".into(), &serde_json::Value::Null)
    );
}

/// Where nobody holds roles of two levels and no role of several seats
/// has holders of two levels, each person and each role is in exactly
/// one group: the groups add up to the whole organisation, figure by
/// figure (transfers aside: between groups they are changes of level, for
/// the whole organisation changes of unit). And each group's headcount
/// moves by its own flows.
#[test]
fn by_level_the_groups_add_up_to_the_whole_and_move_by_their_flows() {
    let org = levels();
    let range = ["--from", "2025-11", "--to", "2026-04", "--format", "json"];
    let whole = org.run(&[&["stats"][..], &range].concat()).json();
    let groups = org
        .run(&[&["stats", "--by", "level"][..], &range].concat())
        .json();
    let rows = |d: &serde_json::Value| d["rows"].as_array().expect("rows").clone();
    let n = |r: &serde_json::Value, k: &str| r[k].as_i64().expect(k);
    let end = |r: &serde_json::Value| r["period_end"].as_str().unwrap_or("").to_string();
    let (whole, groups) = (rows(&whole), rows(&groups));
    assert_eq!(whole.len(), 6);
    for w in &whole {
        let of: Vec<&serde_json::Value> = groups.iter().filter(|g| end(g) == end(w)).collect();
        for k in [
            "headcount",
            "filled_roles",
            "vacant_roles",
            "unrecorded_roles",
            "acting",
            "managers",
            "hires",
            "departures",
        ] {
            assert_eq!(
                of.iter().map(|g| n(g, k)).sum::<i64>(),
                n(w, k),
                "{k} on {}",
                end(w)
            );
        }
    }
    moves_by_flows(&groups, "group");
}

#[test]
fn by_an_attribute_depth_is_a_usage_error_and_an_unknown_key_a_note() {
    let org = levels();
    assert_eq!(
        org.run(&["stats", "--by", "level", "--depth", "2"])
            .fails(2),
        "error: --depth counts levels of the unit tree; it does not go with --by level
  help: drop --depth, or use --by unit
"
    );
    let run = org.run(&[
        "stats", "--from", "2026-02", "--to", "2026-02", "--by", "grade", "--format", "csv",
    ]);
    assert_eq!(
        run.stderr,
        "note: no person or role has the attribute 'grade': every row is the group without one; \
the attributes of people and roles are: level\n"
    );
    assert_eq!(run.ok().lines().count(), 2);
}

/// Generated S sets no attributes: by any key, everybody is in the group
/// without one, which then is the whole organisation.
#[test]
fn by_a_key_nobody_has_generated_s_is_one_group_the_whole_organisation() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = orgctl_synth::Params::size("S").expect("size S");
    orgctl_synth::write(&p, dir.path()).expect("S written");
    let d = Some(dir.path());
    let range = ["--from", "2014-01", "--to", "2014-12", "--format", "json"];
    let whole = orgctl(d, &[&["stats"][..], &range].concat()).json();
    let by = orgctl(d, &[&["stats", "--by", "level"][..], &range].concat()).json();
    let (whole, by) = (
        whole["rows"].as_array().unwrap(),
        by["rows"].as_array().unwrap(),
    );
    assert_eq!(whole.len(), by.len());
    for (w, g) in whole.iter().zip(by) {
        assert_eq!(g["group"], serde_json::Value::Null);
        for k in [
            "period_end",
            "headcount",
            "filled_roles",
            "vacant_roles",
            "vacancy_days_mean",
            "unrecorded_roles",
            "acting",
            "managers",
            "span_mean",
            "span_median",
            "layers",
            "hires",
            "departures",
            "promotions",
        ] {
            assert_eq!(g[k], w[k], "{k}");
        }
    }
}

/// A person in several units counts once in each unit at or above any of
/// them: in [`ACME`] with Operations beside Engineering, Max heads the lab,
/// is acting deputy in Engineering above it and an analyst in Operations,
/// so `acme` counts Max once among its five people, `eng` once among its
/// four.
#[test]
fn a_person_in_several_units_counts_once_in_each_unit_above_them() {
    let org = Org::with(&format!(
        r#"{ACME}
[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[person]]
id = "max"
name = "Max Moss"

[[role]]
id = "lab-head"
title = "Lab Head"
unit = "lab"
head = true
holder = "max"

[[role]]
id = "deputy"
title = "Deputy CTO"
unit = "eng"

[[role]]
id = "analyst"
title = "Analyst"
unit = "ops"
holder = "max"

[[event]]
id = "max-acting-deputy"
date = 2025-06-01
changes = [{{ op = "appoint", person = "max", role = "deputy", acting = true }}]
"#
    ));
    let run = org.run(&[
        "stats", "--from", "2026-01", "--to", "2026-01", "--by", "unit", "--format", "csv",
    ]);
    assert_eq!(
        run.ok(),
        "period_end,unit_id,unit_name,depth,headcount,filled_roles,vacant_roles,\
         unrecorded_roles,vacancy_days_mean,vacancy_days_max,acting,managers,span_mean,\
         span_median,span_max,layers,hires,departures,transfers_in,transfers_out,promotions,group\n\
         2026-01-31,acme,Acme,1,5,7,0,0,,,1,3,1.67,2.0,2,4,0,0,0,0,0,\n\
         2026-01-31,eng,Engineering,2,4,5,0,0,,,1,2,1.5,1.5,2,3,0,0,0,0,0,\n\
         2026-01-31,lab,Research Lab,3,2,2,0,0,,,0,1,1.0,1.0,1,2,0,0,0,0,0,\n\
         2026-01-31,ops,Operations,2,1,1,0,0,,,0,0,,,,1,0,0,0,0,0,\n"
    );
}

/// A hang guard, not a speed test: on a chain of 20,000 units, each under
/// the one before, `stats --by unit` and `stats --unit` by an attribute
/// finish (counting each person in every unit above them one by one took
/// time that grew with the square of the depth), with the right answers:
/// each unit counts its head and every head below.
#[test]
fn stats_on_a_chain_of_20000_units_finishes() {
    let n = 20_000;
    let org = chain_of(n);
    let stats = |args: &[&str]| {
        let mut cmd = command();
        cmd.arg("--data").arg(org.path()).arg("stats");
        cmd.args(["--from", "2024-01", "--to", "2024-01", "--format", "csv"]);
        cmd.args(args);
        let out = run_within(cmd, BIG_LIMIT);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        out.stdout
    };
    let by_unit = stats(&["--by", "unit"]);
    let rows: Vec<&str> = by_unit.lines().skip(1).collect();
    assert_eq!(rows.len(), n);
    assert_eq!(
        rows[0],
        "2024-01-31,u0,U0,1,20000,20000,0,0,,,0,19999,1.0,1.0,1,20000,0,0,0,0,0,"
    );
    assert_eq!(
        rows[n - 2],
        "2024-01-31,u19998,U19998,19999,2,2,0,0,,,0,1,1.0,1.0,1,2,0,0,0,0,0,"
    );
    assert_eq!(
        rows[n - 1],
        "2024-01-31,u19999,U19999,20000,1,1,0,0,,,0,0,,,,1,0,0,0,0,0,"
    );
    let by_level = stats(&["--unit", "u1", "--by", "level"]);
    assert_eq!(
        by_level.lines().nth(1),
        Some("2024-01-31,u1,U1,1,19999,19999,0,0,,,0,19998,1.0,1.0,1,19999,0,0,0,0,0,")
    );
}
