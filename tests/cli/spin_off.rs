//! A spin-off and an acquisition: Cloud leaves the Group on 2023-03-01 as
//! its own company, with its subtree, roles and holders (`move` with
//! `to = ""`); Rival Co, tracked as its own organisation from the start,
//! is bought by the Group on 2023-04-01 (`move` under a unit).

use crate::support::Org;

const GROUP: &str = r#"[[unit]]
id = "group"
name = "Group"

[[unit]]
id = "cloud"
name = "Cloud"
parent = "group"

[[unit]]
id = "ai-lab"
name = "AI Lab"
parent = "cloud"

[[unit]]
id = "rival"
name = "Rival Co"

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

[[role]]
id = "ceo"
title = "CEO"
unit = "group"
head = true
holder = "ann"

[[role]]
id = "cloud-ceo"
title = "Cloud CEO"
unit = "cloud"
head = true
holder = "bob"

[[role]]
id = "lab-head"
title = "Lab head"
unit = "ai-lab"
head = true
holder = "cy"

[[role]]
id = "rival-ceo"
title = "Rival CEO"
unit = "rival"
head = true
holder = "dee"

[[event]]
id = "cloud-spun-off"
date = 2023-03-01
title = "Cloud is spun off"
changes = [{ op = "move", unit = "cloud", to = "" }]

[[event]]
id = "rival-bought"
date = 2023-04-01
title = "The Group buys Rival Co"
changes = [{ op = "move", unit = "rival", to = "group" }]
"#;

fn org() -> Org {
    Org::with(GROUP)
}

#[test]
fn before_the_spin_off_one_group_and_rival_co_apart() {
    let out = org().run(&["at", "2023-02-01"]).ok().to_string();
    assert_eq!(
        out,
        "Organisation on 2023-02-01
latest recorded event: none

Reporting lines
Ann Archer — CEO, Group
└── Bob Baker — Cloud CEO, Cloud
    └── Cy Cole — Lab head, AI Lab
Dee Dunn — Rival CEO, Rival Co

Units
Group
└── Cloud
    └── AI Lab
Rival Co
"
    );
}

#[test]
fn after_the_spin_off_cloud_is_its_own_organisation_with_its_people() {
    let out = org().run(&["at", "2023-03-01"]).ok().to_string();
    assert_eq!(
        out,
        "Organisation on 2023-03-01
latest recorded event: 2023-03-01 Cloud is spun off

Reporting lines
Ann Archer — CEO, Group
Bob Baker — Cloud CEO, Cloud
└── Cy Cole — Lab head, AI Lab
Dee Dunn — Rival CEO, Rival Co

Units
Group
Cloud
└── AI Lab
Rival Co
"
    );
}

#[test]
fn the_head_of_cloud_reports_to_nobody_and_not_to_the_group_head() {
    let org = org();
    let chain = org
        .run(&["chain", "Cy Cole", "--at", "2023-03-01", "--format", "json"])
        .json();
    let steps: Vec<&str> = chain["chains"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["holder"]["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(steps, ["cy", "bob"]);
    let before = org
        .run(&["who-reports-to", "ann", "--all", "--at", "2023-02-01"])
        .ok()
        .to_string();
    assert!(
        before.contains("Bob Baker") && before.contains("Cy Cole"),
        "{before}"
    );
    let after = org
        .run(&["who-reports-to", "ann", "--all", "--at", "2023-03-01"])
        .ok()
        .to_string();
    assert!(
        after.contains("nobody reports to Ann Archer on 2023-03-01"),
        "{after}"
    );
}

#[test]
fn at_unit_answers_for_one_organisation() {
    let out = org()
        .run(&["at", "2023-03-01", "--unit", "cloud"])
        .ok()
        .to_string();
    assert_eq!(
        out,
        "Organisation on 2023-03-01
latest recorded event: 2023-03-01 Cloud is spun off

Reporting lines
Bob Baker — Cloud CEO, Cloud
└── Cy Cole — Lab head, AI Lab

Units
Cloud
└── AI Lab
"
    );
    let group = org()
        .run(&["at", "2023-04-01", "--unit", "group"])
        .ok()
        .to_string();
    assert!(
        group.ends_with(
            "Reporting lines
Ann Archer — CEO, Group
└── Dee Dunn — Rival CEO, Rival Co

Units
Group
└── Rival Co
"
        ),
        "{group}"
    );
}

#[test]
fn history_keeps_the_whole_life_of_the_spun_off_unit() {
    let out = org().run(&["history", "cloud", "--format", "json"]).json();
    let rows: Vec<String> = out["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let until = f["until"]["date"].as_str().unwrap_or("-");
            format!(
                "{} {} {}",
                f["fact"].as_str().unwrap(),
                f["unit"].as_str().unwrap_or(""),
                until
            )
        })
        .collect();
    assert!(
        rows.contains(&"parent group 2023-03-01".to_string()),
        "{rows:#?}"
    );
    assert!(rows.contains(&"exists  -".to_string()), "{rows:#?}");
    assert!(rows.contains(&"contains ai-lab -".to_string()), "{rows:#?}");
}

#[test]
fn diff_shows_the_spin_off_and_the_acquisition() {
    let out = org()
        .run(&["diff", "2023-02-01", "2023-04-01"])
        .ok()
        .to_string();
    assert!(
        out.contains(
            "Units moved
  M Cloud: Group → (top level: spun off)  [cloud-spun-off]
  M Rival Co: (top level) → Group  [rival-bought]
"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "  L Cloud CEO, Cloud: CEO, Group (Ann Archer) → nobody\n  L Rival CEO, Rival Co: nobody → CEO, Group (Ann Archer)\n"
        ),
        "{out}"
    );
}

#[test]
fn log_says_spun_off_and_json_gives_a_null_to() {
    let org = org();
    let log = org.run(&["log", "--about", "cloud"]).ok().to_string();
    assert!(
        log.contains("    Cloud spun off from Group: a top-level organisation\n"),
        "{log}"
    );
    let v = org
        .run(&["log", "--about", "cloud", "--format", "json"])
        .json();
    assert_eq!(
        v["events"][0]["changes"][0],
        serde_json::json!({"op": "move", "unit": "cloud", "from": "group", "to": null})
    );
}

#[test]
fn a_role_cannot_go_to_the_top_level_nor_a_top_unit_again() {
    let org = Org::with(&format!(
        r#"{GROUP}
[[event]]
date = 2023-05-01
changes = [
  {{ op = "move", role = "lab-head", to = "" }},
  {{ op = "move", unit = "cloud", to = "" }},
]
"#
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains(
            "error[E0106]: a role is always in a unit: `to = \"\"` (top level) is only for a unit"
        ),
        "{err}"
    );
    assert!(
        err.contains("error[E0208]: unit 'cloud' is already a top-level organisation"),
        "{err}"
    );
}

#[test]
fn history_shows_the_stretch_at_the_top_level_and_the_one_under_the_buyer() {
    let org = org();
    let cloud = org.run(&["history", "cloud"]).ok().to_string();
    assert!(
        cloud.contains(
            " 2023-03-01  -           a top-level organisation (spun off from Group)  event cloud-spun-off\n"
        ),
        "{cloud}"
    );
    let v = org.run(&["history", "cloud", "--format", "json"]).json();
    let top: Vec<&serde_json::Value> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fact"] == "top-level")
        .collect();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["before"], "group");
    assert_eq!(top[0]["until"], serde_json::Value::Null);
    // Rival Co was never under the group: no spin-off, one stretch under it.
    let rival = org.run(&["history", "rival"]).ok().to_string();
    assert!(!rival.contains("top-level"), "{rival}");
    assert!(
        rival.contains(" 2023-04-01  -      under Group                  event rival-bought\n"),
        "{rival}"
    );
}
