//! A successor created after its predecessor ends: Operations is dissolved
//! on a Friday into Platform, created on the Monday. Nothing waits for a
//! unit that does not exist yet, so Operations is emptied first (its head
//! role goes to the CEO's unit for the weekend); on the Monday the role
//! moves into Platform and heads it. The link is kept both ways.

use crate::support::Org;

const ACME: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[unit]]
id = "platform"
name = "Platform"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "ops-head"
title = "Head of Operations"
unit = "ops"
head = true
holder = "bob"
"#;

const WEEKEND: &str = r#"
[[event]]
id = "ops-closed"
date = 2023-06-02
title = "Operations closes"
changes = [
  { op = "head", unit = "ops", role = "" },
  { op = "move", role = "ops-head", to = "acme" },
  { op = "dissolve", unit = "ops", into = "platform" },
]

[[event]]
id = "platform-opens"
date = 2023-06-05
title = "Platform opens"
changes = [
  { op = "create", unit = "platform" },
  { op = "move", role = "ops-head", to = "platform" },
  { op = "head", role = "ops-head" },
]
"#;

fn weekend() -> Org {
    Org::with(&format!("{ACME}{WEEKEND}"))
}

#[test]
fn on_the_saturday_the_head_of_operations_waits_in_the_ceos_unit() {
    let out = weekend().run(&["at", "2023-06-03"]).ok().to_string();
    assert_eq!(
        out,
        "Organisation on 2023-06-03
latest recorded event: 2023-06-02 Operations closes

Reporting lines
Ann Archer — CEO, Acme
└── Bob Baker — Head of Operations, Acme

Units
Acme
"
    );
}

#[test]
fn on_the_monday_platform_exists_headed_by_the_former_head_of_operations() {
    let out = weekend().run(&["at", "2023-06-05"]).ok().to_string();
    assert_eq!(
        out,
        "Organisation on 2023-06-05
latest recorded event: 2023-06-05 Platform opens

Reporting lines
Ann Archer — CEO, Acme
└── Bob Baker — Head of Operations, Platform

Units
Acme
└── Platform
"
    );
}

#[test]
fn history_of_both_units_records_the_succession() {
    let org = weekend();
    let ops = org.run(&["history", "ops"]).ok().to_string();
    assert!(
        ops.contains(
            "2023-06-02              succeeded by Platform, created on 2023-06-05  event ops-closed"
        ),
        "{ops}"
    );
    let platform = org.run(&["history", "platform"]).ok().to_string();
    assert!(
        platform.contains(
            "2023-06-05         successor of Operations, dissolved on 2023-06-02  event platform-opens"
        ),
        "{platform}"
    );
    let facts = |id: &str| -> Vec<(String, String)> {
        let v = org.run(&["history", id, "--format", "json"]).json();
        v["facts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["fact"].as_str().unwrap().starts_with("succ"))
            .map(|f| {
                (
                    f["fact"].as_str().unwrap().into(),
                    f["unit"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(facts("ops"), [("succeeded-by".into(), "platform".into())]);
    assert_eq!(facts("platform"), [("successor-of".into(), "ops".into())]);
}

#[test]
fn show_of_both_units_names_the_other_and_when() {
    let org = weekend();
    let ops = org
        .run(&["show", "ops", "--at", "2023-06-03"])
        .ok()
        .to_string();
    assert_eq!(
        ops,
        "Operations
unit ops, on 2023-06-03

  exists          no longer: dissolved on 2023-06-02 (event ops-closed)
  succeeded by    Platform, created on 2023-06-05 (event platform-opens)
  first event     2023-06-02 Operations closes [ops-closed]
"
    );
    let platform = org
        .run(&["show", "platform", "--at", "2023-06-05"])
        .ok()
        .to_string();
    assert!(
        platform
            .contains("  successor of    Operations, dissolved on 2023-06-02 (event ops-closed)\n"),
        "{platform}"
    );
    let v = org
        .run(&["show", "ops", "--at", "2023-06-03", "--format", "json"])
        .json();
    assert_eq!(
        v["succeeded_by"],
        serde_json::json!({"id": "platform", "name": "Platform",
            "on": {"date": "2023-06-05", "event": "platform-opens", "declared": null}})
    );
    let v = org
        .run(&["show", "platform", "--at", "2023-06-05", "--format", "json"])
        .json();
    assert_eq!(v["successor_of"][0]["id"], "ops");
    assert_eq!(v["successor_of"][0]["on"]["date"], "2023-06-02");
    // A unit with no succession has neither key.
    let v = org
        .run(&["show", "acme", "--at", "2023-06-05", "--format", "json"])
        .json();
    assert!(v.get("succeeded_by").is_none() && v.get("successor_of").is_none());
}

#[test]
fn diff_and_log_say_succeeded_not_absorbed() {
    let org = weekend();
    let diff = org
        .run(&["diff", "2023-06-01", "2023-06-05"])
        .ok()
        .to_string();
    assert!(
        diff.contains("  D Operations, succeeded by Platform  [ops-closed]\n"),
        "{diff}"
    );
    let chart = org
        .run(&[
            "diff",
            "2023-06-01",
            "2023-06-05",
            "--units",
            "--format",
            "mermaid",
        ])
        .ok()
        .to_string();
    assert!(
        chart.contains("[\"Operations<br/>succeeded by Platform\"]"),
        "{chart}"
    );
    let log = org.run(&["log", "--about", "ops"]).ok().to_string();
    assert!(
        log.contains("    Operations dissolved, to be succeeded by Platform (created later)\n"),
        "{log}"
    );
}

#[test]
fn a_predecessor_that_still_has_members_is_an_error_that_says_what_to_move() {
    let org = Org::with(&format!(
        r#"{ACME}
[[event]]
id = "ops-closed"
date = 2023-06-02
changes = [{{ op = "dissolve", unit = "ops", into = "platform" }}]

[[event]]
date = 2023-06-05
changes = [{{ op = "create", unit = "platform" }}]
"#
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains("error[E0216]: unit 'ops' still has roles ops-head, and its successor 'platform' does not exist yet"),
        "{err}"
    );
    assert!(
        err.contains("help: 'platform' does not exist yet (it comes into existence on 2023-06-05): first move them elsewhere, or eliminate them"),
        "{err}"
    );
}

#[test]
fn a_successor_that_never_comes_into_existence_is_an_error() {
    // Platform is declared inside Operations, dissolved before its `since`.
    let org = Org::with(
        r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[unit]]
id = "platform"
name = "Platform"
parent = "ops"
since = 2023-06-05

[[event]]
date = 2023-06-02
changes = [{ op = "dissolve", unit = "ops", into = "platform" }]
"#,
    );
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains("error[E0215]: the successor 'platform' named here never comes into existence after this dissolve on 2023-06-02"),
        "{err}"
    );
}

#[test]
fn a_unit_created_before_the_dissolve_is_a_plain_into() {
    // Platform exists from the start: Operations is absorbed, its role
    // moving in with it.
    let org = Org::with(&format!(
        r#"{ACME}
[[event]]
date = 2023-06-02
changes = [{{ op = "dissolve", unit = "ops", into = "platform" }}]
"#
    ));
    let out = org.run(&["history", "platform"]).ok().to_string();
    assert!(
        out.contains("absorbed Operations (dissolved into it)"),
        "{out}"
    );
    assert!(!out.contains("successor"), "{out}");
}

#[test]
fn why_of_the_predecessor_in_the_gap_names_its_successor() {
    let out = weekend()
        .run(&["why", "ops", "--at", "2023-06-03"])
        .ok()
        .to_string();
    assert!(
        out.contains("Operations no longer exists on 2023-06-03: it was dissolved on 2023-06-02 (event ops-closed), to be succeeded by Platform, created on 2023-06-05 (event platform-opens)\n"),
        "{out}"
    );
}
