//! Names that change on a date: a person renamed (a peerage), an alias
//! dropped (the CEO no longer chairs), a unit rebranded with its old name
//! kept as an alias, and lookup on a day by the names valid that day.

use serde_json::json;

use crate::support::{Org, alibaba};

/// Acme, headed by its CEO Sir John Smith, who is made Lord Smith on
/// 2023-06-01; the CEO role was also called "chairman" until the chair was
/// split off on 2023-09-10 to a new role, which takes the alias. On the same
/// day Acme rebrands as Apex, keeping "Acme" as an alias.
const PEERAGE: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[person]]
id = "smith"
name = "Sir John Smith"

[[person]]
id = "jo"
name = "Jo Park"

[[role]]
id = "ceo"
title = "Chief Executive Officer"
unit = "acme"
head = true
holder = "smith"
aka = ["chairman"]

[[role]]
id = "chair"
title = "Chair of the Board"
unit = "acme"
since = 2023-09-10
reports_to = "ceo"

[[event]]
id = "peerage"
date = 2023-06-01
title = "John Smith is made a life peer"
changes = [{ op = "rename", person = "smith", name = "Lord Smith" }]

[[event]]
id = "split"
date = 2023-09-10
title = "Acme rebrands as Apex; the chair is split from the CEO"
changes = [
  { op = "rename", unit = "acme", name = "Apex" },
  { op = "alias", unit = "acme", name = "Acme" },
  { op = "unalias", role = "ceo", name = "chairman" },
  { op = "alias", role = "chair", name = "chairman" },
  { op = "appoint", person = "jo", role = "chair" },
]
"#;

fn peerage() -> Org {
    Org::with(PEERAGE)
}

#[test]
fn a_person_is_named_as_on_the_day() {
    let org = peerage();
    assert_eq!(
        org.run(&["at", "2023-01-01"]).ok(),
        "Organisation on 2023-01-01\nlatest recorded event: none\n\n\
         Reporting lines\nSir John Smith — Chief Executive Officer, Acme\n\n\
         Units\nAcme\n"
    );
    assert_eq!(
        org.run(&["at", "2023-07-01"]).ok(),
        "Organisation on 2023-07-01\nlatest recorded event: 2023-06-01 John Smith is made a life peer\n\n\
         Reporting lines\nLord Smith — Chief Executive Officer, Acme\n\n\
         Units\nAcme\n"
    );
    let before = org.run(&["at", "2023-01-01", "--format", "json"]).json();
    assert_eq!(before["people"][0]["name"], "Sir John Smith");
    let after = org.run(&["at", "2023-07-01", "--format", "json"]).json();
    assert_eq!(after["people"][0]["name"], "Lord Smith");
}

#[test]
fn a_person_is_found_by_either_name_on_either_side() {
    let org = peerage();
    // Each name on its own side: no note.
    for (name, day) in [
        ("Sir John Smith", "2023-01-01"),
        ("Lord Smith", "2023-07-01"),
    ] {
        let run = org.run(&["chain", name, "--at", day]);
        assert!(run.ok().contains(" 1     "), "{}", run.stdout);
        assert_eq!(run.stderr, "", "{name} on {day}");
    }
    // The other side: found, with a note saying when the name held.
    let run = org.run(&["show", "Lord Smith", "--at", "2023-01-01"]);
    assert!(
        run.ok()
            .starts_with("Sir John Smith\nperson smith, on 2023-01-01\n")
    );
    assert_eq!(
        run.stderr,
        "note: 'Lord Smith' named person smith from 2023-06-01; on 2023-01-01 it is 'Sir John Smith'\n"
    );
    let run = org.run(&["show", "Sir John Smith", "--at", "2023-07-01"]);
    assert!(
        run.ok()
            .starts_with("Lord Smith\nperson smith, on 2023-07-01\n")
    );
    assert_eq!(
        run.stderr,
        "note: 'Sir John Smith' named person smith until 2023-06-01; on 2023-07-01 it is 'Lord Smith'\n"
    );
}

#[test]
fn history_lists_a_persons_names_over_time() {
    let out = peerage().run(&["history", "smith"]).ok().to_string();
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("named "))
        .map(str::trim_end)
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].starts_with(" start       2023-06-01  named \"Sir John Smith\""));
    assert!(rows[0].ends_with("event peerage"), "{}", rows[0]);
    assert!(rows[1].starts_with(" 2023-06-01  -           named \"Lord Smith\""));
    assert!(rows[1].ends_with("event peerage"), "{}", rows[1]);
    let v = peerage()
        .run(&["history", "smith", "--format", "json"])
        .json();
    let names: Vec<_> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fact"] == "name")
        .map(|f| (f["value"].clone(), f["from"]["date"].clone()))
        .collect();
    assert_eq!(
        names,
        [
            (json!("Sir John Smith"), json!(null)),
            (json!("Lord Smith"), json!("2023-06-01"))
        ]
    );
}

#[test]
fn show_lists_names_and_aliases_over_time() {
    let org = peerage();
    let text = org
        .run(&["show", "smith", "--at", "2023-07-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "  other names     \"Sir John Smith\"\n\
             \x20 dated names     \"Sir John Smith\" until 2023-06-01\n\
             \x20                 \"Lord Smith\" from 2023-06-01\n"
        ),
        "{text}"
    );
    let text = org
        .run(&["show", "ceo", "--at", "2023-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "  also known as   chairman\n  dated names     alias \"chairman\" until 2023-09-10\n"
        ),
        "{text}"
    );
    let v = org
        .run(&["show", "ceo", "--at", "2023-12-01", "--format", "json"])
        .json();
    assert_eq!(v["aka"], json!([]));
    assert_eq!(v["dated_names"][0]["name"], "chairman");
    assert_eq!(v["dated_names"][0]["kind"], "alias");
    assert_eq!(v["dated_names"][0]["until"]["event"], "split");
    // Nothing dated: no key.
    let v = org
        .run(&["show", "jo", "--at", "2023-12-01", "--format", "json"])
        .json();
    assert!(v.get("dated_names").is_none(), "{v}");
}

#[test]
fn an_alias_dropped_still_finds_its_record_before_the_day() {
    let org = peerage();
    // Before: "chairman" is the CEO's alias; no note.
    let run = org.run(&["chain", "chairman", "--at", "2023-01-01"]);
    assert!(
        run.ok()
            .starts_with("Chain of command of Chief Executive Officer, Acme on 2023-01-01\n")
    );
    assert_eq!(run.stderr, "");
    // After: the chair holds the alias, so it finds the chair.
    let run = org.run(&["chain", "chairman", "--at", "2023-12-01"]);
    assert!(
        run.ok()
            .starts_with("Chain of command of Chair of the Board, Apex on 2023-12-01\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn an_alias_of_other_days_finds_its_record_with_a_note() {
    // Without the chair taking the alias: only the CEO ever had it.
    let org = Org::with(&PEERAGE.replace(
        "  { op = \"alias\", role = \"chair\", name = \"chairman\" },\n",
        "",
    ));
    let run = org.run(&["chain", "chairman", "--at", "2023-12-01"]);
    assert!(
        run.ok()
            .starts_with("Chain of command of Chief Executive Officer, Apex on 2023-12-01\n")
    );
    assert_eq!(
        run.stderr,
        "note: 'chairman' named role ceo until 2023-09-10; on 2023-12-01 it is 'Chief Executive Officer'\n"
    );
}

#[test]
fn a_rebranded_unit_keeps_its_old_name_as_an_alias() {
    let org = peerage();
    for day in ["2023-01-01", "2023-12-01"] {
        let run = org.run(&["at", day, "--unit", "Acme"]);
        assert!(run.ok().contains("Units\n"), "{}", run.stdout);
        // No note of another day's name (2023-01-01 is before the record
        // starts: stderr says only that).
        assert!(!run.stderr.contains("named"), "on {day}: {}", run.stderr);
    }
    let run = org.run(&["show", "Acme", "--at", "2023-12-01"]);
    assert!(run.ok().starts_with("Apex\nunit acme, on 2023-12-01\n"));
    assert!(
        run.stdout.contains("  also known as   Acme\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  other names     \"Acme\"\n"),
        "{}",
        run.stdout
    );
    // "Apex" before the rebrand: found, with a note.
    let run = org.run(&["show", "Apex", "--at", "2023-01-01"]);
    assert!(run.ok().starts_with("Acme\nunit acme, on 2023-01-01\n"));
    assert_eq!(
        run.stderr,
        "note: 'Apex' named unit acme from 2023-09-10; on 2023-01-01 it is 'Acme'\n"
    );
}

#[test]
fn an_ambiguity_is_judged_among_the_names_of_the_day() {
    // Kim Park marries on 2023-05-01 and becomes Kim Lee: "Lee" is Sam Lee
    // before that day and ambiguous from it.
    let org = Org::with(
        r#"[[person]]
id = "sam"
name = "Sam Lee"

[[person]]
id = "kim"
name = "Kim Park"

[[event]]
id = "wedding"
date = 2023-05-01
changes = [{ op = "rename", person = "kim", name = "Kim Lee" }]
"#,
    );
    let run = org.run(&["show", "Lee", "--at", "2023-01-01"]);
    assert!(run.ok().starts_with("Sam Lee\nperson sam, on 2023-01-01\n"));
    assert_eq!(run.stderr, "");
    assert_eq!(
        org.run(&["show", "Lee", "--at", "2023-06-01"]).fails(1),
        "error: 'Lee' matches 2 records:\n  sam  person  Sam Lee\n  kim  person  Kim Lee\nname one by its id\n"
    );
    // "Kim Park" after the wedding is still Kim, with a note.
    let run = org.run(&["show", "Kim Park", "--at", "2023-06-01"]);
    assert!(run.ok().starts_with("Kim Lee\nperson kim, on 2023-06-01\n"));
    assert_eq!(
        run.stderr,
        "note: 'Kim Park' named person kim until 2023-05-01; on 2023-06-01 it is 'Kim Lee'\n"
    );
}

#[test]
fn log_tells_renames_and_aliases() {
    let org = peerage();
    let out = org.run(&["log", "--oneline"]).ok().to_string();
    assert!(out.contains("John Smith is made a life peer"), "{out}");
    let v = org.run(&["log", "--format", "json"]).json();
    assert_eq!(
        v["events"][0]["changes"][0],
        json!({"op": "rename", "person": "smith", "from": "Sir John Smith", "name": "Lord Smith"})
    );
    assert_eq!(
        v["events"][1]["changes"][2],
        json!({"op": "unalias", "role": "ceo", "name": "chairman"})
    );
    let text = org.run(&["log"]).ok().to_string();
    assert!(
        text.contains("    \"Sir John Smith\" renamed \"Lord Smith\"\n"),
        "{text}"
    );
    // Dropped as named the day before; given as named on the day.
    assert!(
        text.contains(
            "    \"Acme\" renamed \"Apex\"\n\
             \x20   Apex also known as \"Acme\"\n\
             \x20   Chief Executive Officer, Acme no longer known as \"chairman\"\n\
             \x20   Chair of the Board, Apex also known as \"chairman\"\n"
        ),
        "{text}"
    );
}

#[test]
fn diff_lists_a_person_renamed() {
    let org = peerage();
    let out = org
        .run(&["diff", "2023-01-01", "2023-07-01"])
        .ok()
        .to_string();
    assert!(
        out.starts_with(
            "Changes from 2023-01-01 to 2023-07-01\n\n\
             People renamed\n  R \"Sir John Smith\" → \"Lord Smith\"  [peerage]\n\n"
        ),
        "{out}"
    );
    let v = org
        .run(&["diff", "2023-01-01", "2023-07-01", "--format", "json"])
        .json();
    assert_eq!(
        v["changes"][0],
        json!({"kind": "person-renamed", "subject": "smith", "before": "Sir John Smith", "after": "Lord Smith", "event": "peerage"})
    );
}

#[test]
fn an_aka_table_holds_for_a_while() {
    let org = Org::with(
        r#"[[unit]]
id = "apex"
name = "Apex"
aka = ["APX", { name = "Acme", until = 2023-09-10 }, { name = "Apex Group", since = 2024-01-01 }]
"#,
    );
    let card = |day: &str| {
        org.run(&["show", "apex", "--at", day, "--format", "json"])
            .json()
    };
    assert_eq!(card("2023-01-01")["aka"], json!(["APX", "Acme"]));
    assert_eq!(card("2023-12-01")["aka"], json!(["APX"]));
    assert_eq!(card("2024-06-01")["aka"], json!(["APX", "Apex Group"]));
    // Lookup on a day inside and outside each stretch.
    let run = org.run(&["at", "2023-01-01", "--unit", "Acme"]);
    run.ok();
    assert_eq!(run.stderr, "");
    let run = org.run(&["at", "2023-12-01", "--unit", "Acme"]);
    run.ok();
    assert_eq!(
        run.stderr,
        "note: 'Acme' named unit apex until 2023-09-10; on 2023-12-01 it is 'Apex'\n"
    );
    let run = org.run(&["at", "2023-12-01", "--unit", "Apex Group"]);
    run.ok();
    assert_eq!(
        run.stderr,
        "note: 'Apex Group' named unit apex from 2024-01-01; on 2023-12-01 it is 'Apex'\n"
    );
    // history: the two stretches, begun and ended by the declaration.
    let out = org.run(&["history", "apex"]).ok().to_string();
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("also known as"))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows[0].starts_with(" start       2023-09-10  also known as \"Acme\""),
        "{out}"
    );
    assert!(
        rows[1].starts_with(" 2024-01-01  -           also known as \"Apex Group\""),
        "{out}"
    );
}

/// Where only a unit may be meant (`--unit`), a name that a unit and a
/// role share names the unit: "Taobao" is the business group and its
/// CEO's role, and `--unit Taobao` is the group, for every command that
/// takes it. Elsewhere the name stays ambiguous.
#[test]
fn a_unit_flag_takes_the_unit_of_a_name_a_role_shares() {
    let unit = alibaba(&["at", "2023-05-10", "--unit", "Taobao", "--units"]);
    assert!(
        unit.ok().contains("Taobao-Tmall Commerce (business group)"),
        "{}",
        unit.ok()
    );
    assert_eq!(
        alibaba(&["at", "2023-05-10", "--unit", "Taobao", "--units"]).ok(),
        alibaba(&["at", "2023-05-10", "--unit", "taobao-tmall", "--units"]).ok()
    );
    let stats = |unit| {
        alibaba(&[
            "stats", "--unit", unit, "--from", "2023-04", "--to", "2023-05",
        ])
    };
    assert_eq!(stats("Taobao").ok(), stats("taobao-tmall").ok());
    let err = alibaba(&["show", "Taobao", "--at", "2023-05-10"]);
    assert!(
        err.fails(1).contains("'Taobao' matches 2 records"),
        "{}",
        err.fails(1)
    );
    // A name only a person or role answers to is still refused as no unit.
    assert_eq!(
        alibaba(&["at", "2023-05-10", "--unit", "Wu Zeming"]).fails(2),
        "error: --unit takes a unit, but 'Wu Zeming' is the person 'wu-zeming'\n"
    );
}

/// A name thousands share (every engineer's title) lists the first
/// twenty and how many more, not every one.
#[test]
fn a_name_many_share_lists_the_first_twenty_of_them() {
    let mut text = String::from("[[unit]]\nid = \"org\"\nname = \"Org\"\n");
    for i in 0..25 {
        text.push_str(&format!(
            "\n[[role]]\nid = \"eng-{i:02}\"\ntitle = \"Engineer\"\nunit = \"org\"\n"
        ));
    }
    let org = Org::with(&text);
    let run = org.run(&["show", "Engineer"]);
    let err = run.fails(1);
    assert!(
        err.starts_with("error: 'Engineer' matches 25 records:\n  eng-00  role  "),
        "{err}"
    );
    assert!(err.contains("\n  eng-19  role  "), "{err}");
    assert!(!err.contains("eng-20"), "{err}");
    assert!(
        err.ends_with("\n  ... and 5 more\nname one by its id\n"),
        "{err}"
    );
}
