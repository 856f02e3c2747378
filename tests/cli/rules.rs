//! The time and reporting rules of the data format, each on a small
//! organisation made for it.

use crate::support::{ACME, Org};

fn acme(events: &str) -> Org {
    Org::with(&format!("{ACME}\n{events}"))
}

fn reports_of(org: &Org, name: &str, day: &str) -> Vec<String> {
    let v = org
        .run(&["who-reports-to", name, "--at", day, "--format", "json"])
        .json();
    v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r["id"].as_str() {
            Some(id) => id.to_string(),
            None => format!(
                "({} {})",
                r["status"].as_str().unwrap(),
                r["role"]["id"].as_str().unwrap()
            ),
        })
        .collect()
}

fn role_json(org: &Org, day: &str, id: &str) -> serde_json::Value {
    let v = org.run(&["at", day, "--format", "json"]).json();
    v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_role_reports_to_the_head_of_its_unit_and_a_head_to_the_head_above() {
    let org = acme("");
    assert_eq!(
        role_json(&org, "2020-01-01", "engineer")["reports_to"],
        "cto"
    );
    assert_eq!(role_json(&org, "2020-01-01", "cto")["reports_to"], "ceo");
    assert_eq!(
        role_json(&org, "2020-01-01", "ceo")["reports_to"],
        serde_json::Value::Null
    );
}

#[test]
fn a_role_in_a_headless_unit_reports_to_the_nearest_ancestor_head() {
    let org = acme("");
    assert_eq!(
        role_json(&org, "2020-01-01", "researcher")["reports_to"],
        "cto"
    );
    assert_eq!(reports_of(&org, "Bob Baker", "2020-01-01"), ["cy", "dee"]);
}

#[test]
fn an_explicit_line_wins_and_falls_back_when_its_role_ends() {
    let org = acme(
        r#"
[[event]]
date = 2021-01-01
title = "Researcher reports to the CEO"
changes = [{ op = "report", role = "researcher", to = "ceo" }]

[[event]]
date = 2022-01-01
title = "CEO role eliminated"
changes = [{ op = "eliminate", role = "ceo" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2021-06-01", "researcher")["reports_to"],
        "ceo"
    );
    assert_eq!(reports_of(&org, "ann", "2021-06-01"), ["bob", "dee"]);
    assert_eq!(
        role_json(&org, "2022-06-01", "researcher")["reports_to"],
        "cto"
    );
}

#[test]
fn clearing_an_explicit_line_returns_to_the_unit_rule() {
    let org = acme(
        r#"
[[event]]
date = 2021-01-01
changes = [{ op = "report", role = "engineer", to = "ceo" }]

[[event]]
date = 2021-06-01
changes = [{ op = "report", role = "engineer", to = "" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2021-03-01", "engineer")["reports_to"],
        "ceo"
    );
    assert_eq!(
        role_json(&org, "2021-07-01", "engineer")["reports_to"],
        "cto"
    );
}

#[test]
fn appointing_to_a_held_role_replaces_the_holder_and_the_diff_shows_both() {
    let org = acme(
        r#"
[[event]]
id = "dee-takes-over"
date = 2021-03-01
changes = [{ op = "appoint", person = "dee", role = "cto" }]
"#,
    );
    assert_eq!(role_json(&org, "2021-03-01", "cto")["holder"]["id"], "dee");
    assert_eq!(role_json(&org, "2021-02-28", "cto")["holder"]["id"], "bob");
    let v = org
        .run(&["diff", "2021-01-01", "2021-12-31", "--format", "json"])
        .json();
    let changes = v["changes"].as_array().unwrap();
    let left = changes.iter().find(|c| c["kind"] == "left").unwrap();
    assert_eq!(
        (left["subject"].as_str(), left["before"].as_str()),
        (Some("bob"), Some("cto"))
    );
    assert_eq!(left["event"], "dee-takes-over");
    let appointed = changes.iter().find(|c| c["kind"] == "appointed").unwrap();
    assert_eq!(
        (appointed["subject"].as_str(), appointed["after"].as_str()),
        (Some("dee"), Some("cto"))
    );
}

#[test]
fn a_role_whose_holder_left_is_vacant_and_a_never_filled_one_is_unrecorded() {
    let org = acme(
        r#"
[[role]]
id = "cfo"
title = "CFO"
unit = "acme"

[[event]]
date = 2021-01-01
changes = [{ op = "leave", person = "bob" }]
"#,
    );
    assert_eq!(role_json(&org, "2021-01-01", "cto")["status"], "vacant");
    assert_eq!(role_json(&org, "2021-01-01", "cfo")["status"], "unrecorded");
    let text = org.run(&["at", "2021-01-01"]).ok().to_string();
    assert!(text.contains("(vacant) — CTO, Engineering"), "{text}");
    assert!(text.contains("(no holder recorded) — CFO, Acme"), "{text}");
    // Reports to a vacant role are still shown under it.
    assert!(
        text.contains("(vacant) — CTO, Engineering\n│   ├── Cy Cole — Engineer, Engineering"),
        "{text}"
    );
    // who-reports-to does not skip the vacant line.
    assert_eq!(
        reports_of(&org, "Ann Archer", "2021-01-01"),
        ["(vacant cto)", "(unrecorded cfo)"]
    );
}

#[test]
fn dissolving_into_moves_children_and_roles_and_the_head_becomes_ordinary() {
    let org = acme(
        r#"
[[event]]
id = "eng-absorbed"
date = 2021-01-01
changes = [{ op = "dissolve", unit = "eng", into = "acme" }]
"#,
    );
    let v = org.run(&["at", "2021-01-01", "--format", "json"]).json();
    let unit = |id: &str| {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .cloned()
    };
    assert!(unit("eng").is_none());
    assert_eq!(unit("lab").unwrap()["parent"], "acme");
    let cto = role_json(&org, "2021-01-01", "cto");
    assert_eq!(cto["unit"], "acme");
    assert_eq!(cto["head"], false);
    assert_eq!(cto["reports_to"], "ceo");
    // Everyone now reports to the head of the receiving unit.
    assert_eq!(reports_of(&org, "ann", "2021-01-01"), ["bob", "cy", "dee"]);
    let d = org
        .run(&["diff", "2020-12-31", "2021-01-01", "--format", "json"])
        .json();
    let kinds: Vec<&str> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "unit-dissolved").count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "unit-moved").count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "role-moved").count(),
        2,
        "{kinds:?}"
    );
}

#[test]
fn a_moved_unit_takes_its_subtree_and_lines_follow() {
    let org = acme(
        r#"
[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[role]]
id = "coo"
title = "COO"
unit = "ops"
head = true
holder = "ann"

[[event]]
date = 2021-01-01
changes = [{ op = "move", unit = "lab", to = "ops" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2020-12-31", "researcher")["reports_to"],
        "cto"
    );
    assert_eq!(
        role_json(&org, "2021-01-01", "researcher")["reports_to"],
        "coo"
    );
    let text = org
        .run(&["diff", "2020-12-31", "2021-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("Units moved\n  M Research Lab: Engineering → Operations"),
        "{text}"
    );
    assert!(text.contains("Reporting lines changed\n  L Researcher, Research Lab: CTO, Engineering (Bob Baker) → COO, Operations (Ann Archer)"), "{text}");
}

#[test]
fn events_count_from_the_first_day_of_an_imprecise_date_and_are_marked_uncertain() {
    let org = acme(
        r#"
[[event]]
date = "2021-06~"
changes = [{ op = "appoint", person = "dee", role = "engineer" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2021-05-31", "engineer")["holder"]["id"],
        "cy"
    );
    let june = role_json(&org, "2021-06-01", "engineer");
    assert_eq!(june["holder"]["id"], "dee");
    assert_eq!(june["holder"]["since"], "2021-06~");
    assert_eq!(june["holder"]["uncertain"], true);
    assert_eq!(
        role_json(&org, "2021-07-01", "engineer")["holder"]["uncertain"],
        false
    );
}

#[test]
fn the_state_on_a_day_includes_the_events_of_that_day() {
    let org = acme(
        r#"
[[event]]
date = 2021-03-01
changes = [{ op = "leave", person = "cy" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2021-02-28", "engineer")["status"],
        "filled"
    );
    assert_eq!(
        role_json(&org, "2021-03-01", "engineer")["status"],
        "vacant"
    );
}

#[test]
fn same_day_events_apply_in_file_then_position_order() {
    // b.toml sorts after a.toml: its appointment is applied last and wins,
    // even though "2021-03" starts before "2021-03-01" is read.
    let org = Org::new()
        .file("org.toml", ACME)
        .file(
            "events/b.toml",
            r#"
[[event]]
date = 2021-03-01
changes = [{ op = "appoint", person = "ann", role = "engineer" }]
"#,
        )
        .file(
            "events/a.toml",
            r#"
[[event]]
date = 2021-03-01
changes = [{ op = "appoint", person = "dee", role = "engineer" }]

[[event]]
date = 2021-03-01
changes = [{ op = "appoint", person = "bob", role = "engineer" }]
"#,
        );
    assert_eq!(
        role_json(&org, "2021-03-01", "engineer")["holder"]["id"],
        "ann"
    );
    let v = org
        .run(&["diff", "2021-02-28", "2021-03-01", "--format", "json"])
        .json();
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2021-03-01-a", "2021-03-01-a-2", "2021-03-01-b"]);
}

#[test]
fn a_role_without_since_comes_into_existence_with_its_unit() {
    let org = acme(
        r#"
[[unit]]
id = "sales"
name = "Sales"
parent = "acme"
since = "2022-04"

[[role]]
id = "sales-head"
title = "Head of Sales"
unit = "sales"
head = true

[[event]]
date = 2022-05-01
changes = [{ op = "appoint", person = "cy", role = "sales-head" }]
"#,
    );
    assert_eq!(
        role_json(&org, "2022-03-31", "sales-head"),
        serde_json::Value::Null
    );
    assert_eq!(
        role_json(&org, "2022-04-01", "sales-head")["status"],
        "unrecorded"
    );
    // Cy holds two roles now.
    let v = org.run(&["at", "2022-05-01", "--format", "json"]).json();
    let cy = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "cy")
        .unwrap()
        .clone();
    assert_eq!(cy["roles"], serde_json::json!(["engineer", "sales-head"]));
    assert_eq!(cy["reports_to"], serde_json::json!(["bob", "ann"]));
}

#[test]
fn acting_appointments_are_marked() {
    let org = acme(
        r#"
[[event]]
date = 2021-01-01
changes = [
  { op = "leave", person = "bob" },
  { op = "appoint", person = "cy", role = "cto", acting = true },
]
"#,
    );
    let text = org.run(&["at", "2021-01-01"]).ok().to_string();
    assert!(
        text.contains("Cy Cole (acting) — CTO, Engineering"),
        "{text}"
    );
    assert_eq!(
        role_json(&org, "2021-01-01", "cto")["holder"]["acting"],
        true
    );
}

#[test]
fn a_renamed_unit_keeps_its_old_name_for_lookup_and_diff_shows_the_rename() {
    let org = acme(
        r#"
[[event]]
date = 2021-01-01
changes = [{ op = "rename", unit = "eng", name = "Technology" }]
"#,
    );
    let text = org
        .run(&["at", "2021-01-01", "--unit", "Engineering", "--units"])
        .ok()
        .to_string();
    assert!(
        text.contains("Units\nTechnology\n└── Research Lab\n"),
        "{text}"
    );
    let text = org
        .run(&["diff", "2020-01-01", "2021-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("Units renamed\n  R \"Engineering\" → \"Technology\""),
        "{text}"
    );
}

#[test]
fn at_unit_limits_the_output_to_a_subtree() {
    let org = acme("");
    let text = org
        .run(&["at", "2020-01-01", "--unit", "eng"])
        .ok()
        .to_string();
    assert!(
        text.contains("Bob Baker — CTO, Engineering\n├── Cy Cole"),
        "{text}"
    );
    assert!(!text.contains("Ann Archer"), "{text}");
    assert!(
        text.contains("Units\nEngineering\n└── Research Lab"),
        "{text}"
    );
}

#[test]
fn who_reports_to_a_role_or_a_unit() {
    let org = acme("");
    assert_eq!(reports_of(&org, "cto", "2020-01-01"), ["cy", "dee"]);
    assert_eq!(reports_of(&org, "Engineering", "2020-01-01"), ["cy", "dee"]);
}

#[test]
fn who_reports_to_all_is_indented_by_depth() {
    let org = acme("");
    let text = org
        .run(&["who-reports-to", "Ann", "--at", "2020-01-01", "--all"])
        .ok()
        .to_string();
    let names: Vec<&str> = text
        .lines()
        .skip(3)
        .map(|l| l.split("  ").find(|s| !s.is_empty()).unwrap_or(""))
        .collect();
    assert!(text.contains("\n Bob Baker "), "{text}");
    assert!(text.contains("\n   Cy Cole "), "{text}");
    assert!(text.contains("\n   Dee Dunn "), "{text}");
    assert!(!names.is_empty());
}

#[test]
fn lookup_prefers_an_exact_name_and_else_whole_words() {
    let org = acme(
        r#"
[[person]]
id = "archer"
name = "Archer"
"#,
    );
    // "Archer" is exactly the second person's name and id, though it is
    // also a word of "Ann Archer".
    let out = org.run(&["who-reports-to", "Archer", "--at", "2020-01-01"]);
    let err = out.fails(1);
    assert!(err.contains("Archer holds no role on 2020-01-01"), "{err}");
    // Surrounding spaces and case are ignored.
    let err = org
        .run(&["who-reports-to", "archer ", "--at", "2020-01-01"])
        .fails(1)
        .to_string();
    assert!(err.contains("Archer holds no role"), "{err}");
    // Part of a word is not a match.
    let err = org
        .run(&["who-reports-to", "Arch", "--at", "2020-01-01"])
        .fails(1)
        .to_string();
    assert!(
        err.contains("no person, unit or role matches 'Arch'"),
        "{err}"
    );
    // Case does not matter.
    assert_eq!(reports_of(&org, "ANN ARCHER", "2020-01-01"), ["bob"]);
}

/// The ids of the events of `toml`, in replay order, as `log` gives them.
fn event_ids(toml: &str) -> Vec<String> {
    let out = Org::with(toml).run(&["log", "--oneline"]);
    out.ok()
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
        .collect()
}

/// One unit, and an appointment on 2024-01-01 without an id for each of
/// `titles`, in order.
fn appointments_titled(titles: &[&str]) -> String {
    let mut toml = String::from("[[unit]]\nid = \"u\"\nname = \"U\"\n");
    for (i, title) in titles.iter().enumerate() {
        toml += &format!(
            "\n[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\n\n[[role]]\nid = \"r{i}\"\ntitle = \"R\"\nunit = \"u\"\n\n[[event]]\ndate = 2024-01-01\ntitle = \"{title}\"\nchanges = [{{ op = \"appoint\", person = \"p{i}\", role = \"r{i}\" }}]\n"
        );
    }
    toml
}

/// Titles that differ only in what an id leaves out make one base, and
/// share its numbers.
#[test]
fn titles_that_make_one_id_share_its_numbers() {
    assert_eq!(
        event_ids(&appointments_titled(&["Hire", "Hire!", "hire", "Hire!"])),
        [
            "2024-01-01-hire",
            "2024-01-01-hire-2",
            "2024-01-01-hire-3",
            "2024-01-01-hire-4"
        ]
    );
}

/// A title whose id is another's numbered id ("Hire 2" after two "Hire"s)
/// is numbered in turn: no two events share an id, however their bases
/// meet.
#[test]
fn an_id_made_for_one_title_is_taken_for_the_next() {
    let titles = ["Hire", "Hire", "Hire 2", "Hire 2-2", "Hire"];
    assert_eq!(
        event_ids(&appointments_titled(&titles)),
        [
            "2024-01-01-hire",
            "2024-01-01-hire-2",
            "2024-01-01-hire-2-2",
            "2024-01-01-hire-2-2-2",
            "2024-01-01-hire-3"
        ]
    );
}

/// A record whose id looks like an event's made id ("2024-01-01-hire", a
/// person named after the day they joined) keeps it: the events are
/// numbered past it, on any day, with or without a title.
#[test]
fn an_id_a_record_has_is_never_made_for_an_event() {
    let mut toml = appointments_titled(&["Hire", "Hire"]);
    toml += "\n[[person]]\nid = \"2024-01-01-hire\"\nname = \"Joined\"\n";
    toml += "\n[[unit]]\nid = \"2024-01-01-hire-2\"\nname = \"Also\"\n";
    assert_eq!(event_ids(&toml), ["2024-01-01-hire-3", "2024-01-01-hire-4"]);
}

/// Events written without an id are named by date and title, numbered in
/// replay order past every id taken, written or made: the thousandth
/// "Hire" of a day costs one step, not a thousand (a hire per person, as
/// HR exports write them).
#[test]
fn events_without_ids_are_numbered_past_every_id_taken() {
    let mut toml = String::from("[[unit]]\nid = \"u\"\nname = \"U\"\n");
    for i in 1..=5 {
        toml += &format!(
            "\n[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\n\n[[role]]\nid = \"r{i}\"\ntitle = \"R\"\nunit = \"u\"\n"
        );
    }
    for i in 1..=5 {
        let id = match i {
            2 => "id = \"2024-01-01-hire-3\"\n",
            _ => "",
        };
        toml += &format!(
            "\n[[event]]\n{id}date = 2024-01-01\ntitle = \"Hire\"\nchanges = [{{ op = \"appoint\", person = \"p{i}\", role = \"r{i}\" }}]\n"
        );
    }
    assert_eq!(
        event_ids(&toml),
        [
            "2024-01-01-hire",
            "2024-01-01-hire-3",
            "2024-01-01-hire-2",
            "2024-01-01-hire-4",
            "2024-01-01-hire-5"
        ]
    );
}
