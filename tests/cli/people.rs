//! People-level answers: `log --about UNIT` lists everyone who joined or
//! left the unit's subtree; transfers written without their `leave`.

use crate::support::Org;

/// A small team over one winter: Rita Gomez moves from Infrastructure to
/// Platform, Alice Chen is promoted (her Senior role eliminated), Bo Li
/// moves from Data to Infrastructure, Cam Diaz leaves Tools (under
/// Platform), Ned Ng is hired into Data. Dev Patel heads Platform.
pub const TEAM: &str = r#"
[[unit]]
id = "org"
name = "Org"

[[unit]]
id = "platform"
name = "Platform"
parent = "org"

[[unit]]
id = "tools"
name = "Tools"
parent = "platform"

[[unit]]
id = "infra"
name = "Infrastructure"
parent = "org"

[[unit]]
id = "data"
name = "Data"
parent = "org"

[[person]]
id = "dev"
name = "Dev Patel"

[[person]]
id = "ivy"
name = "Ivy Ito"

[[person]]
id = "rita"
name = "Rita Gomez"

[[person]]
id = "alice"
name = "Alice Chen"

[[person]]
id = "bo"
name = "Bo Li"

[[person]]
id = "cam"
name = "Cam Diaz"

[[person]]
id = "ned"
name = "Ned Ng"

[[role]]
id = "ceo"
title = "CEO"
unit = "org"
head = true

[[role]]
id = "platform-lead"
title = "Head of Platform"
unit = "platform"
head = true
holder = "dev"

[[role]]
id = "infra-lead"
title = "Head of Infrastructure"
unit = "infra"
head = true
holder = "ivy"

[[role]]
id = "infra-eng"
title = "Infrastructure Engineer"
unit = "infra"
holder = "rita"

[[role]]
id = "platform-eng"
title = "Platform Engineer"
unit = "platform"

[[role]]
id = "senior-eng"
title = "Senior Software Engineer"
unit = "platform"
holder = "alice"

[[role]]
id = "staff-eng"
title = "Staff Engineer"
unit = "platform"

[[role]]
id = "data-eng"
title = "Data Engineer"
unit = "data"
holder = "bo"

[[role]]
id = "tools-eng"
title = "Tools Engineer"
unit = "tools"
holder = "cam"

[[event]]
id = "rita-moves"
date = "2026-12-01"
title = "Rita Gomez joins Platform"
changes = [
  { op = "leave", person = "rita", role = "infra-eng" },
  { op = "appoint", person = "rita", role = "platform-eng" },
]

[[event]]
id = "alice-promoted"
date = "2026-12-01"
title = "Alice Chen promoted to Staff Engineer"
changes = [
  { op = "appoint", person = "alice", role = "staff-eng" },
  { op = "eliminate", role = "senior-eng" },
]

[[event]]
id = "bo-to-infra"
date = "2027-01-10"
title = "Bo Li moves to Infrastructure"
changes = [
  { op = "leave", person = "bo", role = "data-eng" },
  { op = "appoint", person = "bo", role = "infra-eng" },
]

[[event]]
id = "cam-leaves"
date = "2027-02-01"
title = "Cam Diaz leaves"
changes = [
  { op = "leave", person = "cam", role = "tools-eng" },
]

[[event]]
id = "ned-hired"
date = "2027-03-01"
title = "Ned Ng joins Data"
changes = [
  { op = "appoint", person = "ned", role = "data-eng" },
]
"#;

fn team() -> Org {
    Org::with(TEAM)
}

#[test]
fn who_left_platform_is_answered_completely() {
    let text = team()
        .run(&["log", "--about", "platform", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "2026-12-01  rita-moves      Rita Gomez joins Platform\n\
         2026-12-01  alice-promoted  Alice Chen promoted to Staff Engineer\n\
         2027-02-01  cam-leaves      Cam Diaz leaves\n"
    );
}

#[test]
fn a_transfer_out_and_a_hire_are_about_the_unit() {
    let text = team()
        .run(&["log", "--about", "data", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "2027-01-10  bo-to-infra  Bo Li moves to Infrastructure\n\
         2027-03-01  ned-hired    Ned Ng joins Data\n"
    );
}

#[test]
fn log_about_a_person_is_unchanged() {
    let text = team()
        .run(&["log", "--about", "rita", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(text, "2026-12-01  rita-moves  Rita Gomez joins Platform\n");
}

/// [`TEAM`] with Rita Gomez's move written as an appointment only.
fn team_without_ritas_leave() -> Org {
    let toml = TEAM.replace(
        "  { op = \"leave\", person = \"rita\", role = \"infra-eng\" },\n",
        "",
    );
    assert_ne!(toml, TEAM);
    Org::with(&toml)
}

#[test]
fn a_transfer_without_its_leave_warns_naming_the_role_to_leave() {
    let org = team_without_ritas_leave();
    // It loads (Rita Gomez is in both teams until the data says otherwise).
    org.run(&["check"]).ok();
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert!(
        err.contains(
            "warning[W0310]: 'rita' now holds roles in Infrastructure and Platform: \
             a transfer needs { op = \"leave\", person = \"rita\", role = \"infra-eng\" } before the appoint"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "= help: add { op = \"leave\", person = \"rita\", role = \"infra-eng\" } before it"
        ),
        "{err}"
    );
    // Bo Li's later appointment to Rita Gomez's role replaces her: W0303
    // names her, the holder replaced, not Bo Li.
    assert!(
        err.contains("appointing 'bo' to 'infra-eng' replaces 'rita' without a `leave`"),
        "{err}"
    );
    assert!(
        err.contains(
            "= help: add { op = \"leave\", person = \"rita\", role = \"infra-eng\" } before it\n"
        ),
        "{err}"
    );
}

#[test]
fn a_second_role_held_acting_or_a_transfer_with_its_leave_is_no_transfer_warning() {
    let acting = TEAM.replace(
        "  { op = \"leave\", person = \"rita\", role = \"infra-eng\" },\n  { op = \"appoint\", person = \"rita\", role = \"platform-eng\" },",
        "  { op = \"appoint\", person = \"rita\", role = \"platform-eng\", acting = true },",
    );
    assert_ne!(acting, TEAM);
    for org in [Org::with(&acting), Org::with(TEAM)] {
        let run = org.run(&["check", "--strict"]);
        assert!(!run.stderr.contains("W0310"), "{}", run.stderr);
    }
}

#[test]
fn an_acting_holder_confirmed_replaces_nobody_and_each_appointment_names_whom_it_replaced() {
    let org = Org::new().file(
        "org.toml",
        &std::fs::read_to_string("tests/bad_input/transfer-without-leave/data/org.toml").unwrap(),
    );
    let events =
        std::fs::read_to_string("tests/bad_input/transfer-without-leave/data/events.toml").unwrap();
    let org = org.file("events.toml", &events);
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    // Before: "appointing 'bob' to 'ceo' replaces 'bob'", and the second
    // appointment's warning at the first one, naming the wrong change.
    assert!(!err.contains("appointing 'bob'"), "{err}");
    assert_eq!(err.matches("warning[W0303]").count(), 2, "{err}");
    assert!(
        err.contains(
            "warning[W0303]: appointing 'cy' to 'ceo' replaces 'bob' without a `leave`\n  --> "
        ),
        "{err}"
    );
    assert!(err.contains("events.toml:21:3"), "{err}");
    assert!(
        err.contains(
            "warning[W0303]: appointing 'ann' to 'ceo' replaces 'cy' without a `leave`\n  --> "
        ),
        "{err}"
    );
    assert!(err.contains("events.toml:22:3"), "{err}");
}

#[test]
fn diff_has_a_people_view_one_line_per_person() {
    let text = team()
        .run(&["diff", "2026-11-01", "2027-04-01"])
        .ok()
        .to_string();
    let people = text
        .split("\nPeople\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        people,
        "  M Rita Gomez: Infrastructure → Platform, as Platform Engineer, reports to Dev Patel, from 2026-12-01  [rita-moves]\n\
         \x20 R Alice Chen: Senior Software Engineer → Staff Engineer, Platform, reports to Dev Patel, from 2026-12-01  [alice-promoted]\n\
         \x20 M Bo Li: Data → Infrastructure, as Infrastructure Engineer, reports to Ivy Ito, from 2027-01-10  [bo-to-infra]\n\
         \x20 - Cam Diaz: left Tools Engineer, Tools, on 2027-02-01  [cam-leaves]\n\
         \x20 + Ned Ng: joined as Data Engineer, Data, reports to CEO, Org (no holder recorded), from 2027-03-01  [ned-hired]"
    );
}

#[test]
fn a_promotion_or_a_transfer_is_no_departure_in_the_role_view() {
    let text = team()
        .run(&["diff", "2026-11-01", "2027-04-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "Departures\n\
             \x20 - Rita Gomez moved from Infrastructure Engineer, Infrastructure to Platform Engineer, Platform  [rita-moves]\n\
             \x20 - Alice Chen moved from Senior Software Engineer, Platform to Staff Engineer, Platform (role eliminated)  [alice-promoted]\n\
             \x20 - Bo Li moved from Data Engineer, Data to Infrastructure Engineer, Infrastructure  [bo-to-infra]\n\
             \x20 - Cam Diaz left Tools Engineer, Tools  [cam-leaves]\n"
        ),
        "{text}"
    );
}

#[test]
fn diff_json_lists_the_people_with_where_they_were_and_are() {
    let json = team()
        .run(&["diff", "2026-11-01", "2027-04-01", "--format", "json"])
        .json();
    let people = json["people"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = people
        .iter()
        .map(|p| (p["person"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("rita", "moved"),
            ("alice", "new-role"),
            ("bo", "moved"),
            ("cam", "left"),
            ("ned", "hired")
        ]
    );
    assert_eq!(
        people[0],
        serde_json::json!({
            "person": "rita",
            "kind": "moved",
            "before": {"role": "infra-eng", "unit": "infra", "manager": "infra-lead", "reports_to": "ivy", "acting": false},
            "after": {"role": "platform-eng", "unit": "platform", "manager": "platform-lead", "reports_to": "dev", "acting": false},
            "event": "rita-moves",
            "date": "2026-12-01"
        })
    );
    assert_eq!(people[3]["after"], serde_json::Value::Null);
    assert_eq!(people[4]["before"], serde_json::Value::Null);
    let alice_left = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "left" && c["subject"] == "alice")
        .unwrap();
    assert_eq!(alice_left["moved_to"], "staff-eng");
}

#[test]
fn a_new_manager_alone_is_a_line_of_its_own() {
    let toml = format!(
        "{TEAM}\n[[person]]\nid = \"zoe\"\nname = \"Zoe Zhu\"\n\n\
         [[event]]\nid = \"zoe-heads-platform\"\ndate = \"2027-05-01\"\ntitle = \"Zoe Zhu heads Platform\"\n\
         changes = [\n  {{ op = \"leave\", person = \"dev\", role = \"platform-lead\" }},\n  \
         {{ op = \"appoint\", person = \"zoe\", role = \"platform-lead\" }},\n]\n"
    );
    let text = Org::with(&toml)
        .run(&["diff", "2027-04-01", "2027-06-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("  L Rita Gomez: reports to Zoe Zhu (was Dev Patel)"),
        "{text}"
    );
}

/// [`TEAM`] with Rita Gomez's level and location set, then changed.
fn team_with_attributes() -> Org {
    Org::with(&format!(
        "{TEAM}\n[[event]]\nid = \"rita-level\"\ndate = \"2027-01-15\"\ntitle = \"Rita Gomez at L5, in Lisbon\"\n\
         changes = [\n  {{ op = \"set\", person = \"rita\", key = \"level\", value = \"L5\" }},\n  \
         {{ op = \"set\", person = \"rita\", key = \"location\", value = \"Lisbon\" }},\n]\n\n\
         [[event]]\nid = \"rita-l6\"\ndate = \"2027-03-15\"\ntitle = \"Rita Gomez to L6\"\n\
         changes = [\n  {{ op = \"set\", person = \"rita\", key = \"level\", value = \"L6\" }},\n  \
         {{ op = \"set\", person = \"rita\", key = \"location\", value = \"\" }},\n]\n"
    ))
}

#[test]
fn a_persons_attributes_are_shown_on_the_day() {
    let org = team_with_attributes();
    let text = org
        .run(&["show", "rita", "--at", "2027-02-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("  attributes      level: L5\n                  location: Lisbon\n"),
        "{text}"
    );
    let text = org
        .run(&["show", "rita", "--at", "2027-04-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("  attributes      level: L6\n  first event"),
        "{text}"
    );
}

#[test]
fn at_json_and_csv_give_a_persons_attributes() {
    let org = team_with_attributes();
    let json = org.run(&["at", "2027-02-01", "--format", "json"]).json();
    let rita = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "rita")
        .unwrap();
    assert_eq!(
        rita["attributes"],
        serde_json::json!({"level": "L5", "location": "Lisbon"})
    );
    let csv = org
        .run(&["at", "2027-02-01", "--format", "csv"])
        .ok()
        .to_string();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",manager_name,person_attributes"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "3,platform-eng,Platform Engineer,platform,Platform,false,platform-lead,rita,Rita Gomez,filled,false,2026-12-01,false,dev,Dev Patel,\"{\"\"level\"\":\"\"L5\"\",\"\"location\"\":\"\"Lisbon\"\"}\"\n"
        ),
        "{csv}"
    );
}

#[test]
fn a_persons_attributes_are_in_their_log_history_and_diff() {
    let org = team_with_attributes();
    let log = org
        .run(&["log", "--about", "rita", "--since", "2027-03-01"])
        .ok()
        .to_string();
    assert!(
        log.contains(
            "    Rita Gomez: level set to \"L6\" (was \"L5\")\n    Rita Gomez: location cleared (was \"Lisbon\")\n"
        ),
        "{log}"
    );
    let history = org.run(&["history", "rita"]).ok().to_string();
    assert!(
        history.contains(" 2027-01-15  2027-03-15  level: L5 "),
        "{history}"
    );
    assert!(
        history.contains(" 2027-03-15  -           level: L6 "),
        "{history}"
    );
    let diff = org
        .run(&["diff", "2027-02-01", "2027-04-01"])
        .ok()
        .to_string();
    assert!(
        diff.contains(
            "Attributes changed\n  S Rita Gomez: level \"L5\" → \"L6\"  [rita-l6]\n  S Rita Gomez: location \"Lisbon\" → (unset)  [rita-l6]\n"
        ),
        "{diff}"
    );
}

#[test]
fn diff_people_alone_in_text_and_one_csv_row_per_person() {
    let org = team();
    let text = org
        .run(&["diff", "2026-11-01", "2027-04-01", "--people"])
        .ok()
        .to_string();
    assert!(
        text.starts_with(
            "Changes from 2026-11-01 to 2027-04-01\n\nPeople\n  M Rita Gomez: Infrastructure → Platform"
        ),
        "{text}"
    );
    assert!(!text.contains("Departures"), "{text}");
    let csv = org
        .run(&[
            "diff",
            "2026-11-01",
            "2027-04-01",
            "--people",
            "--format",
            "csv",
        ])
        .ok()
        .to_string();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert_eq!(
        lines[1],
        "rita,Rita Gomez,moved,infra-eng,Infrastructure Engineer,infra,Infrastructure,ivy,Ivy Ito,\
         platform-eng,Platform Engineer,platform,Platform,dev,Dev Patel,rita-moves,2026-12-01"
    );
    assert_eq!(
        lines[4],
        "cam,Cam Diaz,left,tools-eng,Tools Engineer,tools,Tools,dev,Dev Patel,,,,,,,cam-leaves,2027-02-01"
    );
}
