//! A handover as the news reports it, in several events on one day. The
//! state on a day includes every event of that day, so a fact that begins
//! and ends on the same day held on no day and is in no answer; what is
//! said of a past or future fact names things as they were when that fact
//! began; an acting holder is marked wherever a holder is named.

use crate::support::Org;

/// A group whose chair and CEO hands over on 2023-09-10, in two events of
/// that day: the succession (the combined role is retitled, Wu takes it,
/// Zhang takes Cloud), then Zhang leaving Cloud with Wu acting there.
fn succession() -> Org {
    Org::with(
        r#"[[unit]]
id = "group"
name = "Group"

[[unit]]
id = "cloud"
name = "Cloud"
parent = "group"

[[person]]
id = "zhang"
name = "Daniel Zhang"

[[person]]
id = "wu"
name = "Eddie Wu"

[[role]]
id = "ceo"
title = "Chairman and Chief Executive Officer"
unit = "group"
head = true
holder = "zhang"

[[role]]
id = "cloud-ceo"
title = "Cloud CEO"
unit = "cloud"
head = true

[[event]]
id = "succession"
date = 2023-09-10
title = "Zhang hands the group to Wu and takes Cloud"
changes = [
  { op = "rename", role = "ceo", title = "Chief Executive Officer" },
  { op = "leave", person = "zhang", role = "ceo" },
  { op = "appoint", person = "wu", role = "ceo" },
  { op = "appoint", person = "zhang", role = "cloud-ceo" },
]

[[event]]
id = "zhang-leaves-cloud"
date = 2023-09-10
title = "Zhang leaves Cloud; Wu acting"
changes = [
  { op = "leave", person = "zhang", role = "cloud-ceo" },
  { op = "appoint", person = "wu", role = "cloud-ceo", acting = true },
]
"#,
    )
}

/// The FROM, UNTIL and FACT columns of `history` as text.
fn history_rows(org: &Org, name: &str) -> Vec<String> {
    let v = org.run(&["history", name, "--format", "json"]).json();
    v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let date = |m: &serde_json::Value| m["date"].as_str().unwrap_or("start").to_string();
            let until = if f["until"].is_null() {
                "-".to_string()
            } else {
                date(&f["until"])
            };
            format!(
                "{} {} {} {}",
                date(&f["from"]),
                until,
                f["fact"].as_str().unwrap(),
                f["role"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn a_tenure_that_begins_and_ends_on_one_day_is_no_fact_of_history() {
    let org = succession();
    assert_eq!(
        history_rows(&org, "zhang"),
        ["start 2023-09-10 holds ceo", "start 2023-09-10 manager ceo"]
    );
    // Nor of the role's history: Wu follows Zhang at Cloud straight from
    // "no holder recorded".
    let rows = history_rows(&org, "cloud-ceo");
    assert!(
        rows.iter().all(|r| !r.starts_with("2023-09-10 2023-09-10")),
        "{rows:#?}"
    );
    // The events that made and unmade it are still cited.
    let text = org.run(&["history", "zhang"]).ok().to_string();
    assert!(text.contains("[zhang-leaves-cloud]"), "{text}");
    assert!(!text.contains("Cloud CEO"), "{text}");
}

#[test]
fn why_names_the_last_tenure_that_held_on_some_day() {
    let org = succession();
    let text = org
        .run(&["why", "zhang", "--at", "2023-09-11"])
        .ok()
        .to_string();
    assert!(
        text.contains("Daniel Zhang holds no role on 2023-09-11\nlast held Chairman and Chief Executive Officer, Group: left on 2023-09-10 (event succession)\n"),
        "{text}"
    );
}

#[test]
fn a_future_tenure_is_named_as_the_role_is_titled_when_it_begins() {
    let text = succession()
        .run(&["why", "wu", "--at", "2023-06-25"])
        .ok()
        .to_string();
    assert!(
        text.contains("Eddie Wu holds no role on 2023-06-25\nnext holds Chief Executive Officer, Group: appointed on 2023-09-10 (event succession)\n"),
        "{text}"
    );
}

#[test]
fn a_tenure_ends_once_in_the_log_when_a_leave_comes_before_an_eliminate() {
    let org = Org::with(
        r#"[[unit]]
id = "cabinet"
name = "Cabinet Office"

[[person]]
id = "zahawi"
name = "Nadhim Zahawi"

[[role]]
id = "equalities"
title = "Minister for Equalities"
unit = "cabinet"
holder = "zahawi"

[[event]]
id = "reshuffle"
date = 2022-09-06
changes = [
  { op = "leave", person = "zahawi", role = "equalities" },
  { op = "eliminate", role = "equalities" },
]
"#,
    );
    let text = org.run(&["log"]).ok().to_string();
    assert!(
        text.contains("    Nadhim Zahawi left Minister for Equalities, Cabinet Office\n    Minister for Equalities, Cabinet Office eliminated\n"),
        "{text}"
    );
    let v = org.run(&["log", "--format", "json"]).json();
    let changes = v["events"][0]["changes"].as_array().unwrap();
    assert_eq!(
        changes[0]["left"].as_array().map(Vec::len),
        Some(1),
        "{v:#}"
    );
    assert!(
        changes[1]["left"].as_array().is_none_or(Vec::is_empty),
        "{v:#}"
    );
}

#[test]
fn an_acting_manager_is_marked_and_said_once() {
    let org = succession();
    let text = org
        .run(&["who-reports-to", "wu", "--at", "2023-09-15"])
        .ok()
        .to_string();
    assert!(
        text.starts_with("Direct reports of Eddie Wu on 2023-09-15\nas Chief Executive Officer, Group; Cloud CEO, Cloud (acting)\n"),
        "{text}"
    );
    let text = org.run(&["history", "cloud"]).ok().to_string();
    assert!(
        text.contains(" led by Eddie Wu (Cloud CEO, acting) "),
        "{text}"
    );
}

#[test]
fn table_lines_do_not_end_in_spaces() {
    let org = succession();
    for args in [
        &["who-reports-to", "wu", "--at", "2023-09-15"][..],
        &["history", "zhang"],
        &["why", "cloud-ceo", "--at", "2023-09-15"],
        &["chain", "cloud-ceo", "--at", "2023-09-15"],
    ] {
        let text = org.run(args).ok().to_string();
        for line in text.lines() {
            assert_eq!(line, line.trim_end(), "{args:?}:\n{text}");
        }
    }
}

#[test]
fn the_csv_of_at_names_who_each_role_reports_to() {
    let text = succession()
        .run(&["at", "2023-09-15", "--format", "csv"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "depth,role_id,role_title,unit_id,unit_name,head,reports_to_role,person_id,person_name,status,acting,since,uncertain,manager_id,manager_name,person_attributes
1,ceo,Chief Executive Officer,group,Group,true,,wu,Eddie Wu,filled,false,2023-09-10,false,,,{}
2,cloud-ceo,Cloud CEO,cloud,Cloud,true,ceo,wu,Eddie Wu,filled,true,2023-09-10,false,wu,Eddie Wu,{}
"
    );
}
