//! A holder not recorded (`op = "unrecorded"`): a third state of a role
//! beside held and vacant, each able to follow each (issue 11, snapshots):
//! `appoint` fills a role, `leave` and `vacate` leave it vacant,
//! `unrecorded` leaves its holder unknown.

use crate::support::Org;

/// Bob holds the CTO role until the source stops naming anyone; Cy is
/// appointed, leaves (vacant), the holder is unknown again, and then the
/// post is reported vacant.
const DATA: &str = r#"[[unit]]
id = "acme"
name = "Acme"
since = 2020-01-01

[[role]]
id = "ceo"
title = "Chief Executive"
unit = "acme"
head = true
since = 2020-01-01
holder = "ann"

[[role]]
id = "cto"
title = "Chief Technology Officer"
unit = "acme"
since = 2020-01-01
holder = "bob"

[[person]]
id = "ann"
name = "Ann Lee"

[[person]]
id = "bob"
name = "Bob Roy"

[[person]]
id = "cy"
name = "Cy Park"

[[event]]
id = "cto-unknown"
date = 2024-01-01
title = "The HR export stops naming the CTO"
changes = [{ op = "unrecorded", role = "cto" }]

[[event]]
id = "cy-cto"
date = 2024-06-01
title = "Cy Park named CTO"
changes = [{ op = "appoint", person = "cy", role = "cto" }]

[[event]]
id = "cy-leaves"
date = 2024-09-01
title = "Cy Park leaves"
changes = [{ op = "leave", person = "cy" }]

[[event]]
id = "cto-unknown-again"
date = 2025-01-01
title = "The CTO is not named again"
changes = [{ op = "unrecorded", role = "cto" }]

[[event]]
id = "cto-vacated"
date = 2025-04-01
title = "The CTO post is reported vacant"
changes = [{ op = "vacate", role = "cto" }]
"#;

fn org() -> Org {
    Org::with(DATA)
}

/// The CTO's line of `at` on `day`.
fn cto_at(org: &Org, day: &str) -> String {
    let out = org.run(&["at", day]).ok().to_string();
    out.lines()
        .find(|l| l.contains("Chief Technology Officer"))
        .expect("the CTO's line")
        .to_string()
}

#[test]
fn at_shows_each_state_in_turn() {
    let org = org();
    let lines: Vec<String> = [
        "2023-06-01",
        "2024-02-01",
        "2024-07-01",
        "2024-10-01",
        "2025-02-01",
        "2025-05-01",
    ]
    .iter()
    .map(|d| cto_at(&org, d))
    .collect();
    assert_eq!(
        lines,
        [
            "└── Bob Roy — Chief Technology Officer, Acme",
            "└── (no holder recorded) — Chief Technology Officer, Acme",
            "└── Cy Park — Chief Technology Officer, Acme",
            "└── (vacant) — Chief Technology Officer, Acme",
            "└── (no holder recorded) — Chief Technology Officer, Acme",
            "└── (vacant) — Chief Technology Officer, Acme",
        ]
    );
    let whole = org.run(&["at", "2024-02-01"]).ok().to_string();
    assert_eq!(
        whole,
        "Organisation on 2024-02-01\n\
         latest recorded event: 2024-01-01 The HR export stops naming the CTO\n\
         \n\
         Reporting lines\n\
         Ann Lee — Chief Executive, Acme\n\
         └── (no holder recorded) — Chief Technology Officer, Acme\n\
         \n\
         Units\n\
         Acme\n"
    );
}

#[test]
fn json_and_csv_keep_the_unrecorded_status() {
    let org = org();
    let json = org.run(&["at", "2024-02-01", "--format", "json"]).json();
    let cto = &json["roles"][1];
    assert_eq!(cto["id"], "cto");
    assert_eq!(cto["status"], "unrecorded");
    assert_eq!(cto["holder"], serde_json::Value::Null);
    assert_eq!(cto["holders"], serde_json::json!([]));
}

#[test]
fn history_has_a_stretch_per_state() {
    let org = org();
    let out = org.run(&["history", "cto"]).ok().to_string();
    let facts = out.split("\nEvents\n").next().expect("the facts");
    let seats: Vec<String> = facts
        .lines()
        .filter(|l| l.contains("held by") || l.contains("vacant") || l.contains("no holder"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|l| match l.find(" declared at ") {
            Some(i) => format!(
                "{} declared{}",
                &l[..i],
                &l[i..]
                    .split_once(" event")
                    .map_or(String::new(), |(_, e)| format!(" event{e}"))
            ),
            None => l,
        })
        .collect();
    assert_eq!(
        seats,
        [
            "2020-01-01 2024-01-01 held by Bob Roy declared event cto-unknown",
            "2024-01-01 2024-06-01 no holder recorded event cto-unknown event cy-cto",
            "2024-06-01 2024-09-01 held by Cy Park event cy-cto event cy-leaves",
            "2024-09-01 2025-01-01 vacant event cy-leaves event cto-unknown-again",
            "2025-01-01 2025-04-01 no holder recorded event cto-unknown-again event cto-vacated",
            "2025-04-01 - vacant event cto-vacated",
        ]
    );
}

#[test]
fn stats_count_it_as_unrecorded_not_vacant() {
    let org = org();
    let json = org
        .run(&[
            "stats", "--from", "2024-Q1", "--to", "2025-Q2", "--format", "json",
        ])
        .json();
    let figures: Vec<(String, u64, u64, u64)> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| {
            r["period_end"].as_str().is_some_and(|d| {
                d.ends_with("-03-31")
                    || d.ends_with("-06-30")
                    || d.ends_with("-09-30")
                    || d.ends_with("-12-31")
            })
        })
        .map(|r| {
            (
                r["period_end"].as_str().unwrap().to_string(),
                r["filled_roles"].as_u64().unwrap(),
                r["vacant_roles"].as_u64().unwrap(),
                r["unrecorded_roles"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("2024-03-31", 1, 0, 1),
        ("2024-06-30", 2, 0, 0),
        ("2024-09-30", 1, 1, 0),
        ("2024-12-31", 1, 1, 0),
        ("2025-03-31", 1, 0, 1),
        ("2025-06-30", 1, 1, 0),
    ];
    let want: Vec<(String, u64, u64, u64)> = want
        .iter()
        .map(|&(d, f, v, u)| (d.to_string(), f, v, u))
        .collect();
    assert_eq!(figures, want);
}

#[test]
fn show_and_who_reports_to_say_no_holder_recorded() {
    let org = org();
    let show = org
        .run(&["show", "cto", "--at", "2024-02-01"])
        .ok()
        .to_string();
    assert!(
        show.contains("  holder          (no holder recorded)\n"),
        "{show}"
    );
    let reports = org
        .run(&["who-reports-to", "ceo", "--at", "2024-02-01"])
        .ok()
        .to_string();
    assert!(
        reports.contains("(no holder recorded)  Chief Technology Officer"),
        "{reports}"
    );
}

#[test]
fn unrecorded_twice_is_an_error_that_says_since_when() {
    let org = Org::with(&format!(
        "{DATA}\n[[event]]\nid = \"again\"\ndate = 2025-03-01\nchanges = [{{ op = \"unrecorded\", role = \"cto\" }}]\n"
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with("error[E0208]: role 'cto' already has no holder recorded\n"),
        "{err}"
    );
    assert!(
        err.contains("= help: it is so on 2025-01-01 by event 'cto-unknown-again': drop this change, or appoint someone before it\n"),
        "{err}"
    );
}

#[test]
fn vacate_of_a_role_nobody_holds_is_an_error() {
    let org = Org::with(&format!(
        "{DATA}\n[[event]]\nid = \"again\"\ndate = 2025-05-01\nchanges = [{{ op = \"vacate\", role = \"cto\" }}]\n"
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with("error[E0207]: role 'cto' has no holder to leave it vacant\n"),
        "{err}"
    );
    assert!(
        err.contains("= help: a role is vacated when someone holds it, or after an { op = \"unrecorded\" }: drop this change\n"),
        "{err}"
    );
}

#[test]
fn vacancy_days_count_from_the_vacate() {
    let org = org();
    let json = org
        .run(&[
            "stats", "--from", "2025-06", "--to", "2025-06", "--format", "json",
        ])
        .json();
    assert_eq!(json["rows"][0]["vacancy_days_max"], 90);
    let why = org
        .run(&["why", "cto", "--at", "2025-05-01"])
        .ok()
        .to_string();
    assert!(
        why.contains(" vacant                             2025-04-01  event cto-vacated\n"),
        "{why}"
    );
}
