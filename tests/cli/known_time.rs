//! Known time: `reported` on events and the global `--known-at DATE`,
//! which answers as the record stood on DATE.

use crate::support::{Org, alibaba};

#[test]
fn on_1_april_the_record_did_not_know_wu_zeming_was_cto() {
    // As known now: Wu Zeming became CEO of Aicheng on 10 May.
    let now = alibaba(&["at", "2023-05-10"]).ok().to_string();
    assert!(
        now.contains("├── Wu Zeming — Chief Executive Officer, Aicheng Technology"),
        "{now}"
    );
    assert!(!now.contains("as known on"), "{now}");

    // As known on 1 April: the appointment (reported 2023-05-10) and the
    // elimination were not yet reported; the March restructuring was.
    let then = alibaba(&["at", "2023-05-10", "--known-at", "2023-04-01"])
        .ok()
        .to_string();
    assert!(
        then.contains("as known on 2023-04-01: events reported after it are left out"),
        "{then}"
    );
    assert!(!then.contains("Wu Zeming"), "{then}");
    assert!(
        then.contains(
            "├── (no holder recorded) — Chief Technology Officer, Technology middle office"
        ),
        "{then}"
    );
    // The role created by the unreported elimination event is not there.
    assert!(
        !then.contains("Chief Executive Officer, Aicheng Technology"),
        "{then}"
    );
    assert!(
        then.contains("(no holder recorded) — Chief Executive Officer, Cloud Intelligence"),
        "{then}"
    );
    assert!(
        then.contains("├── Technology middle office (department)"),
        "{then}"
    );
    // Bloomberg's April report counts from 1 April, like every "2023-04~".
    assert!(
        then.contains("status: preparing to file an IPO in Hong Kong"),
        "{then}"
    );
    assert!(
        then.contains("latest recorded event: 2023-04~ Freshippo prepares"),
        "{then}"
    );
}

#[test]
fn who_reported_to_zhang_on_new_year_2023_depends_on_when_you_ask() {
    let ask = |known: &str| {
        alibaba(&[
            "who-reports-to",
            "Zhang",
            "--at",
            "2023-01-01",
            "--known-at",
            known,
            "--format",
            "json",
        ])
        .json()
    };
    let v = ask("2023-04-01");
    assert_eq!(v["known_at"], "2023-04-01");
    assert_eq!(v["reports"][0]["role"]["id"], "alibaba-cto");
    assert_eq!(v["reports"][0]["status"], "unrecorded");
    let v = ask("2023-05-10");
    assert_eq!(v["reports"][0]["id"], "wu-zeming");
    assert_eq!(v["reports"][0]["since"], "2022-11~");
}

#[test]
fn before_the_restructuring_was_announced_the_groups_were_unknown() {
    let v = alibaba(&[
        "at",
        "2023-05-31",
        "--known-at",
        "2023-03-27",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["known_at"], "2023-03-27");
    assert_eq!(v["latest_event"], serde_json::Value::Null);
    let units: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert!(!units.contains(&"cloud-intelligence"), "{units:?}");
    assert!(units.contains(&"tech-middle-office"), "{units:?}");
    // The groups' CEO roles go with their groups.
    assert!(
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != "cloud-intelligence-ceo")
    );
}

#[test]
fn diff_and_check_see_only_the_events_known_then() {
    let v = alibaba(&[
        "diff",
        "2023-03-01",
        "2023-05-31",
        "--known-at",
        "2023-04-01",
        "--format",
        "json",
    ])
    .json();
    let events: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["one-six-n-restructuring", "freshippo-ipo-plan"]);
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "role-eliminated")
    );
    let text = alibaba(&["check", "--known-at", "2023-04-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("3 people and 2 events, dated from 2023-03-28 to 2023-04~, in 4 files, as known on 2023-04-01: no problems found"),
        "{text}"
    );
}

/// A reorganisation effective 1 March but reported on 15 March, a hire
/// with no `reported` (known on its date), and a move announced on 1 May
/// that takes effect on 1 June.
fn reported_org() -> Org {
    Org::with(
        r#"
[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "lab"
name = "Lab"
parent = "acme"

[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[role]]
id = "lab-head"
title = "Head of Lab"
unit = "lab"
head = true

[[person]]
id = "ann"
name = "Ann"

[[person]]
id = "bob"
name = "Bob"

[[event]]
id = "reorg"
date = 2023-03-01
reported = 2023-03-15
changes = [{ op = "rename", unit = "lab", name = "Research" }]

[[event]]
id = "hire"
date = 2023-02-01
changes = [{ op = "appoint", person = "ann", role = "ceo" }]

[[event]]
id = "move"
date = 2023-06-01
reported = 2023-05-01
changes = [{ op = "move", unit = "lab", to = "ops" }]
"#,
    )
}

fn unit_json(org: &Org, args: &[&str], id: &str) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let v = org.run(&a).json();
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn an_event_counts_from_its_reported_date_in_known_time() {
    let org = reported_org();
    // Effective 1 March, but not known before 15 March.
    let lab = |known: &str| unit_json(&org, &["at", "2023-03-10", "--known-at", known], "lab");
    assert_eq!(lab("2023-03-10")["name"], "Lab");
    assert_eq!(lab("2023-03-14")["name"], "Lab");
    assert_eq!(lab("2023-03-15")["name"], "Research");
    // Without --known-at, everything recorded counts.
    assert_eq!(
        unit_json(&org, &["at", "2023-03-10"], "lab")["name"],
        "Research"
    );
}

#[test]
fn an_event_without_reported_is_known_on_its_date() {
    let org = reported_org();
    let holder = |known: &str| {
        let v = org
            .run(&["at", "2023-02-10", "--known-at", known, "--format", "json"])
            .json();
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "ceo")
            .unwrap()["holder"]["id"]
            .clone()
    };
    assert_eq!(holder("2023-01-31"), serde_json::Value::Null);
    assert_eq!(holder("2023-02-01"), "ann");
}

#[test]
fn an_announced_change_is_known_before_it_takes_effect() {
    let org = reported_org();
    // Known from 1 May, effective 1 June.
    let parent = |day: &str, known: &str| {
        unit_json(&org, &["at", day, "--known-at", known], "lab")["parent"].clone()
    };
    assert_eq!(parent("2023-06-01", "2023-04-30"), "acme");
    assert_eq!(parent("2023-06-01", "2023-05-01"), "ops");
    assert_eq!(parent("2023-05-15", "2023-05-01"), "acme");
}

#[test]
fn an_imprecise_reported_date_counts_from_its_first_day() {
    let org = Org::with(
        r#"
[[unit]]
id = "acme"
name = "Acme"

[[event]]
date = "2023-01~"
reported = "2023-04~"
changes = [{ op = "set", unit = "acme", key = "status", value = "listed" }]
"#,
    );
    let status = |known: &str| {
        unit_json(&org, &["at", "2023-06-01", "--known-at", known], "acme")["attributes"]["status"]
            .clone()
    };
    assert_eq!(status("2023-03-31"), serde_json::Value::Null);
    assert_eq!(status("2023-04-01"), "listed");
}

#[test]
fn a_record_that_was_inconsistent_then_says_why_it_fails() {
    // The leave was reported before the appointment it ends.
    let org = Org::with(
        r#"
[[unit]]
id = "acme"
name = "Acme"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[person]]
id = "ann"
name = "Ann"

[[event]]
date = 2023-01-01
reported = 2023-06-01
changes = [{ op = "appoint", person = "ann", role = "ceo" }]

[[event]]
date = 2023-03-01
changes = [{ op = "leave", person = "ann" }]
"#,
    );
    org.run(&["at", "2023-04-01"]).ok();
    let err = org
        .run(&["at", "2023-04-01", "--known-at", "2023-04-01"])
        .fails(1)
        .to_string();
    assert!(
        err.contains(
            "note: with --known-at 2023-04-01, the events reported after 2023-04-01 are left out"
        ),
        "{err}"
    );
    assert!(err.contains("error[E0207]"), "{err}");
}

#[test]
fn known_at_takes_a_day() {
    let err = alibaba(&["at", "2023-05-10", "--known-at", "April"])
        .fails(2)
        .to_string();
    assert!(err.contains("--known-at"), "{err}");
}

#[test]
fn what_lies_inside_a_unit_not_yet_known_is_left_out_with_it() {
    // A division created by an event reported later; a department declared
    // inside it (listed first), with a role inside that.
    let org = Org::with(
        r#"
[[unit]]
id = "dept"
name = "Department"
parent = "division"

[[role]]
id = "dept-head"
title = "Head of Department"
unit = "dept"
head = true

[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "division"
name = "Division"
parent = "acme"

[[event]]
date = 2023-03-01
reported = 2023-06-01
title = "Acme opens a division"
sources = ["test"]
changes = [{ op = "create", unit = "division" }]
"#,
    );
    let units = |known: &str| -> Vec<String> {
        let v = org
            .run(&["at", "2023-04-01", "--known-at", known, "--format", "json"])
            .json();
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(units("2023-05-01"), ["acme"]);
    assert_eq!(units("2023-06-01"), ["dept", "acme", "division"]);
    let roles = org
        .run(&[
            "at",
            "2023-04-01",
            "--known-at",
            "2023-05-01",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(roles["roles"], serde_json::json!([]));
}
