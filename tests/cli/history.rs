//! `orgctl history`: every fact about one record over time, with what
//! began and ended it; renames followed, absorptions shown.

use serde_json::{Value, json};

use crate::acme::{acme, cells, line_with};
use crate::support::{Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// Each fact of `history NAME --format json` as "FACT-ish text
/// from..until begun-by..ended-by", for compact comparisons.
fn facts(run: Run) -> Vec<String> {
    let v = run.json();
    let mark = |m: &Value| -> String {
        if m.is_null() {
            return "-".into();
        }
        let date = m["date"].as_str().unwrap_or("start");
        match (m["event"].as_str(), m["declared"].as_str()) {
            (Some(e), _) => format!("{date}[{e}]"),
            (None, Some(_)) => format!("{date}[declared]"),
            (None, None) => format!("{date}[?]"),
        }
    };
    v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut what = f["fact"].as_str().unwrap().to_string();
            for key in ["role", "key", "value", "unit", "person", "before"] {
                if let Some(s) = f[key].as_str() {
                    what.push_str(&format!(" {key}={s}"));
                }
            }
            if f["acting"] == true {
                what.push_str(" acting");
            }
            if let Some(l) = f["line"].as_object() {
                what.push_str(&format!(
                    " to={} rule={}",
                    l["to"].as_str().unwrap(),
                    l["rule"].as_str().unwrap()
                ));
            } else if f["fact"] == "reports-to" || f["fact"] == "manager" {
                what.push_str(" top");
            }
            if let Some(s) = f["status"].as_str() {
                what.push_str(&format!(" {s}"));
            }
            if let Some(m) = f["manager"].as_object() {
                what.push_str(&format!(
                    " manager={}",
                    m.get("person")
                        .and_then(Value::as_str)
                        .unwrap_or(m["status"].as_str().unwrap())
                ));
            }
            format!("{what} {}..{}", mark(&f["from"]), mark(&f["until"]))
        })
        .collect()
}

#[track_caller]
fn has_all(list: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(
            list.iter().any(|f| f == w),
            "missing fact\n  {w}\nin\n  {}",
            list.join("\n  ")
        );
    }
}

#[test]
fn aicheng_is_established_in_2021_and_absorbs_the_middle_office_in_may_2023() {
    let text = alibaba(&["history", "aicheng"]).ok().to_string();
    assert!(
        text.starts_with("History of Aicheng Technology (unit aicheng)\n"),
        "{text}"
    );
    let exists = cells(line_with(&text, &["exists"]));
    assert_eq!(exists[..3], ["2021", "-", "exists"]);
    assert!(
        exists[3].starts_with("declared at ") && exists[3].ends_with("alibaba/units.toml:44"),
        "{exists:?}"
    );
    let absorbed = line_with(&text, &["absorbed"]);
    assert_eq!(
        cells(absorbed),
        [
            "2023-05-10",
            "absorbed Technology middle office (dissolved into it)",
            "event middle-office-carved-up"
        ]
    );
    assert!(
        line_with(&text, &["led by Wu Zeming (Chief Executive Officer)"])
            .contains("event cto-eliminated")
    );
    // The events, with their sources.
    assert!(
        text.contains(
            "  2023-05-10   The technology middle office is carved up between Taobao-Tmall and Aicheng  [middle-office-carved-up]\n\
             \x20              source: Speed Daily, as cited by the South China Morning Post, 2023-05-10\n"
        ),
        "{text}"
    );

    let f = facts(alibaba(&["history", "aicheng", "--format", "json"]));
    has_all(
        &f,
        &[
            "exists 2021[declared]..-",
            "name value=Aicheng Technology 2021[declared]..-",
            "parent unit=alibaba 2021[declared]..-",
            "absorbed unit=tech-middle-office 2023-05-10[middle-office-carved-up]..2023-05-10[middle-office-carved-up]",
            "has-role role=aicheng-ceo 2023-05-10[cto-eliminated]..-",
            "headed-by role=aicheng-ceo 2023-05-10[cto-eliminated]..-",
            "led-by role=aicheng-ceo person=wu-zeming 2023-05-10[cto-eliminated]..-",
            "attribute key=ownership value=fully owned by Alibaba 2023-05-10[aicheng-registration]..-",
        ],
    );
    assert_eq!(
        f[0], "exists 2021[declared]..-",
        "establishment comes first"
    );
}

#[test]
fn the_middle_office_ends_dissolved_into_aicheng() {
    let text = alibaba(&["history", "tech-middle-office"]).ok().to_string();
    let row = line_with(&text, &["exists"]);
    assert!(
        row.contains("exists (then dissolved into Aicheng Technology)"),
        "{row}"
    );
    assert!(row.ends_with("event middle-office-carved-up"), "{row}");
    let f = facts(alibaba(&[
        "history",
        "tech-middle-office",
        "--format",
        "json",
    ]));
    has_all(
        &f,
        &[
            "contains unit=business-centre start[declared]..2023-05-10[middle-office-carved-up]",
            "led-by role=alibaba-cto person=wu-zeming 2022-11~[wu-appointed-cto]..2023-05-10[cto-eliminated]",
        ],
    );
}

#[test]
fn units_and_roles_brought_by_an_absorbed_unit_say_where_they_came_from() {
    let org = acme();
    let text = org.run(&["history", "eng"]).ok().to_string();
    for (fact, by) in [
        (
            "absorbed Operations (dissolved into it)",
            "event ops-into-eng",
        ),
        (
            "contains unit Infrastructure (came with Operations, dissolved into Engineering)",
            "event ops-into-eng",
        ),
        (
            "has role SRE (came with Operations, dissolved into Engineering)",
            "event ops-into-eng",
        ),
        ("led by Cy Cole (CTO, acting)", "event cy-acting-cto"),
    ] {
        let row = line_with(&text, &[fact]);
        assert!(row.contains(by), "{row}");
    }
    let f = facts(org.run(&["history", "eng", "--format", "json"]));
    has_all(
        &f,
        &[
            "absorbed unit=ops 2022-01-10[ops-into-eng]..2022-01-10[ops-into-eng]",
            "contains unit=infra before=ops 2022-01-10[ops-into-eng]..-",
            "has-role role=coo before=ops 2022-01-10[ops-into-eng]..-",
            "has-role role=cto start[declared]..2022-06-01[cto-eliminated]",
            "headed-by role=cto start[declared]..2022-06-01[cto-eliminated]",
            "led-by role=cto person=bob start[declared]..2021-03-01[bob-leaves]",
            "led-by role=cto person=cy acting 2021-09-01[cy-acting-cto]..2022-06-01[cto-eliminated]",
        ],
    );
    // The absorbed unit's own history ends there.
    let f = facts(org.run(&["history", "ops", "--format", "json"]));
    has_all(
        &f,
        &[
            "exists start[declared]..2022-01-10[ops-into-eng]",
            "headed-by role=coo start[declared]..2022-01-10[ops-into-eng]",
        ],
    );
}

#[test]
fn a_renamed_unit_is_one_history_found_by_either_name() {
    let org = acme();
    let by_id = org.run(&["history", "lab"]).ok().to_string();
    assert_eq!(org.run(&["history", "Research Lab"]).ok(), by_id);
    assert_eq!(org.run(&["history", "Applied Lab"]).ok(), by_id);
    assert!(
        by_id.starts_with("History of Applied Lab (unit lab)\n"),
        "{by_id}"
    );
    assert!(
        line_with(&by_id, &["named \"Research Lab\""]).contains("event lab-renamed"),
        "{by_id}"
    );
    let f = facts(org.run(&["history", "lab", "--format", "json"]));
    has_all(
        &f,
        &[
            "name value=Research Lab start[declared]..2021-06[lab-renamed]",
            "name value=Applied Lab 2021-06[lab-renamed]..-",
            "parent unit=eng start[declared]..-",
        ],
    );
}

#[test]
fn a_role_shows_holders_vacancies_and_every_line_with_the_event_that_changed_it() {
    let org = acme();
    let f = facts(org.run(&["history", "cto", "--format", "json"]));
    has_all(
        &f,
        &[
            "exists start[declared]..2022-06-01[cto-eliminated]",
            "heads unit=eng start[declared]..2022-06-01[cto-eliminated]",
            "holder person=bob filled start[declared]..2021-03-01[bob-leaves]",
            "holder vacant 2021-03-01[bob-leaves]..2021-09-01[cy-acting-cto]",
            "holder person=cy acting filled 2021-09-01[cy-acting-cto]..2022-06-01[cto-eliminated]",
        ],
    );
    // The SRE's line changes with Operations' dissolution, the CTO's
    // elimination, and its own explicit line: each blamed on its event.
    let f = facts(org.run(&["history", "sre", "--format", "json"]));
    has_all(
        &f,
        &[
            "reports-to to=coo rule=head-of-unit start[declared]..2022-01-10[ops-into-eng]",
            "reports-to to=cto rule=head-of-unit 2022-01-10[ops-into-eng]..2022-06-01[cto-eliminated]",
            "reports-to to=ceo rule=head-of-ancestor 2022-06-01[cto-eliminated]..2022-07-01[sre-line]",
            "reports-to to=ceo rule=explicit 2022-07-01[sre-line]..2022-08-01[sre-line-cleared]",
            "reports-to to=ceo rule=head-of-ancestor 2022-08-01[sre-line-cleared]..-",
            "unit unit=ops start[declared]..2022-01-10[ops-into-eng]",
            "unit unit=eng before=ops 2022-01-10[ops-into-eng]..-",
            "name value=SRE start[declared]..2022-08-01[sre-line-cleared]",
            "attribute key=level value=L5 2022-07-01[sre-line]..2022-08-01[sre-line-cleared]",
        ],
    );
    let text = org.run(&["history", "sre"]).ok().to_string();
    let row = line_with(&text, &["reports to CTO, Engineering by head of own unit"]);
    assert_eq!(cells(row)[..2], ["2022-01-10", "2022-06-01"], "{row}");
    assert_eq!(
        cells(row)[3..],
        ["event ops-into-eng", "event cto-eliminated"],
        "{row}"
    );
}

#[test]
fn a_role_never_filled_has_no_holder_recorded() {
    let f = facts(acme().run(&["history", "coo", "--format", "json"]));
    has_all(&f, &["holder unrecorded start[declared]..-"]);
}

#[test]
fn a_person_shows_each_tenure_and_whom_they_reported_to() {
    let org = acme();
    let f = facts(org.run(&["history", "Cy Cole", "--format", "json"]));
    has_all(
        &f,
        &[
            "holds role=engineer start[declared]..2021-09-01[cy-acting-cto]",
            "manager role=engineer to=cto rule=head-of-unit manager=bob start[declared]..2021-03-01[bob-leaves]",
            "manager role=engineer to=cto rule=head-of-unit manager=vacant 2021-03-01[bob-leaves]..2021-09-01[cy-acting-cto]",
            "holds role=cto acting 2021-09-01[cy-acting-cto]..2022-06-01[cto-eliminated]",
            "manager role=cto to=ceo rule=head-of-ancestor manager=ann 2021-09-01[cy-acting-cto]..2022-06-01[cto-eliminated]",
        ],
    );
    let text = org.run(&["history", "Cy Cole"]).ok().to_string();
    assert!(
        line_with(&text, &["reports to CTO, Engineering (vacant) as Engineer"])
            .contains("event bob-leaves"),
        "{text}"
    );

    let f = facts(alibaba(&["history", "Wu Zeming", "--format", "json"]));
    assert_eq!(
        f,
        [
            "holds role=alibaba-cto 2022-11~[wu-appointed-cto]..2023-05-10[cto-eliminated]",
            "manager role=alibaba-cto to=alibaba-ceo rule=head-of-ancestor manager=daniel-zhang 2022-11~[wu-appointed-cto]..2023-05-10[cto-eliminated]",
            "holds role=aicheng-ceo 2023-05-10[cto-eliminated]..-",
            "manager role=aicheng-ceo to=alibaba-ceo rule=explicit manager=daniel-zhang 2023-05-10[cto-eliminated]..-",
        ]
    );
}

#[test]
fn a_role_that_changes_during_a_tenure_shows_in_the_persons_history() {
    let f = facts(acme().run(&["history", "Eve", "--format", "json"]));
    has_all(
        &f,
        &[
            "holds role=sre start[declared]..-",
            "role-unit role=sre unit=eng 2022-01-10[ops-into-eng]..-",
            "role-title role=sre value=Site Reliability Engineer 2022-08-01[sre-line-cleared]..-",
        ],
    );
}

#[test]
fn a_person_without_roles_has_an_empty_history() {
    let text = alibaba(&["history", "Jeff Li"]).ok().to_string();
    assert_eq!(
        text,
        "History of Jeff Li (person jeff-li)\n\nno role recorded\n"
    );
    let v = alibaba(&["history", "Jeff Li", "--format", "json"]).json();
    assert_eq!(v["facts"], json!([]));
    assert_eq!(v["events"], json!([]));
}

#[test]
fn json_cites_each_event_with_its_sources() {
    let v = alibaba(&["history", "Wu", "--format", "json"]).json();
    assert_eq!(
        v["subject"],
        json!({"kind": "person", "id": "wu-zeming", "name": "Wu Zeming"})
    );
    assert_eq!(
        v["events"][1],
        json!({
            "id": "cto-eliminated",
            "date": "2023-05-10",
            "reported": "2023-05-10",
            "title": "Alibaba eliminates its CTO position; Wu Zeming becomes CEO of Aicheng Technology",
            "sources": [
                "South China Morning Post, 2023-05-10, citing people familiar with the matter",
                "Speed Daily (first report, as cited by the South China Morning Post)",
            ],
        })
    );
}

#[test]
fn unknown_and_ambiguous_names_fail_with_exit_1() {
    assert!(
        alibaba(&["history", "Nobody"])
            .fails(1)
            .contains("no person, unit or role matches 'Nobody'")
    );
    let stderr = alibaba(&["history", "Chief Executive Officer"])
        .fails(1)
        .to_string();
    assert!(stderr.contains("matches 7 records"), "{stderr}");
}
