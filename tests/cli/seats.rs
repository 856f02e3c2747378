//! Roles of several seats (`seats = N`, `seats = "any"`): a board of
//! three directors appointed and leaving at different times, a full board
//! refusing a fourth, and a role of no limit with twenty holders.

use crate::support::Org;

/// Acme's board: Ann chairs it; Bob is a director from the start, Cy and
/// Dee join on 2023-01-01, Bob leaves on 2023-06-01, Eve joins (acting) on
/// 2023-09-01. Fay, the company secretary, reports to the directors.
const BOARD: &str = r#"[[unit]]
id = "acme"
name = "Acme"

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

[[role]]
id = "chair"
title = "Chair"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "director"
title = "Director"
unit = "acme"
seats = 3
holder = "bob"

[[role]]
id = "secretary"
title = "Company Secretary"
unit = "acme"
reports_to = "director"
holder = "fay"

[[event]]
id = "cy-and-dee-join"
date = 2023-01-01
changes = [
  { op = "appoint", person = "cy", role = "director" },
  { op = "appoint", person = "dee", role = "director" },
]

[[event]]
id = "bob-leaves"
date = 2023-06-01
changes = [{ op = "leave", person = "bob", role = "director" }]

[[event]]
id = "eve-joins"
date = 2023-09-01
changes = [{ op = "appoint", person = "eve", role = "director", acting = true }]
"#;

fn board() -> Org {
    Org::with(BOARD)
}

#[test]
fn at_names_every_director_and_the_seats_filled() {
    let out = board().run(&["at", "2023-07-01"]).ok().to_string();
    assert_eq!(
        out,
        "Organisation on 2023-07-01
latest recorded event: 2023-06-01 bob-leaves

Reporting lines
Ann Archer — Chair, Acme
└── Cy Cole and Dee Dunn — Director, Acme (2 of 3 seats filled)
    └── Fay Ford — Company Secretary, Acme

Units
Acme
"
    );
    let before = board().run(&["at", "2023-03-01"]).ok().to_string();
    assert!(
        before.contains(
            "└── Bob Baker, Cy Cole and Dee Dunn — Director, Acme (3 of 3 seats filled)\n"
        ),
        "{before}"
    );
}

#[test]
fn at_json_lists_the_holders_and_the_seats() {
    let at = board()
        .run(&["at", "2023-10-01", "--format", "json"])
        .json();
    let director = &at["roles"][1];
    assert_eq!(director["id"], "director");
    assert_eq!(director["seats"], 3);
    assert_eq!(director["status"], "filled");
    assert_eq!(director["holder"]["id"], "cy");
    let holders: Vec<(&str, bool, &str)> = director["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap(),
                h["acting"].as_bool().unwrap(),
                h["since"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        holders,
        [
            ("cy", false, "2023-01-01"),
            ("dee", false, "2023-01-01"),
            ("eve", true, "2023-09-01")
        ]
    );
    // A role of one seat: `holders` holds its holder, `seats` is 1.
    assert_eq!(at["roles"][0]["seats"], 1);
    assert_eq!(at["roles"][0]["holders"][0]["id"], "ann");
    // Fay reports to each director.
    let fay = &at["people"][4];
    assert_eq!(fay["id"], "fay");
    assert_eq!(fay["reports_to"], serde_json::json!(["cy", "dee", "eve"]));
}

#[test]
fn at_csv_has_a_row_per_director() {
    let csv = board()
        .run(&["at", "2023-10-01", "--format", "csv"])
        .ok()
        .to_string();
    assert_eq!(
        csv,
        "depth,role_id,role_title,unit_id,unit_name,head,reports_to_role,person_id,person_name,status,acting,since,uncertain,manager_id,manager_name,person_attributes
1,chair,Chair,acme,Acme,true,,ann,Ann Archer,filled,false,,false,,,{}
2,director,Director,acme,Acme,false,chair,cy,Cy Cole,filled,false,2023-01-01,false,ann,Ann Archer,{}
2,director,Director,acme,Acme,false,chair,dee,Dee Dunn,filled,false,2023-01-01,false,ann,Ann Archer,{}
2,director,Director,acme,Acme,false,chair,eve,Eve Ellis,filled,true,2023-09-01,false,ann,Ann Archer,{}
3,secretary,Company Secretary,acme,Acme,false,director,fay,Fay Ford,filled,false,,false,cy,Cy Cole,{}
"
    );
}

#[test]
fn who_reports_to_lists_each_director_and_each_directors_reports() {
    let out = board()
        .run(&["who-reports-to", "chair", "--at", "2023-10-01"])
        .ok()
        .to_string();
    assert_eq!(
        out,
        "Direct reports of Chair, Acme on 2023-10-01
 NAME                ROLE      UNIT  SINCE
 Cy Cole             Director  Acme  2023-01-01
 Dee Dunn            Director  Acme  2023-01-01
 Eve Ellis (acting)  Director  Acme  2023-09-01
"
    );
    for director in ["cy", "dee", "eve"] {
        let out = board()
            .run(&["who-reports-to", director, "--at", "2023-10-01"])
            .ok()
            .to_string();
        assert!(out.contains(" Fay Ford  Company Secretary  Acme "), "{out}");
    }
    // Bob left: nobody reports to him any more.
    let err = board()
        .run(&["who-reports-to", "bob", "--at", "2023-10-01"])
        .fails(1)
        .to_string();
    assert!(err.contains("holds no role on 2023-10-01"), "{err}");
}

fn show_on_october_first(name: &str) -> String {
    board()
        .run(&["show", name, "--at", "2023-10-01"])
        .ok()
        .to_string()
}

#[test]
fn show_and_chain_name_every_director() {
    let show = show_on_october_first("director");
    assert!(
        show.contains(
            "  holder          Cy Cole (since 2023-01-01)
                  Dee Dunn (since 2023-01-01)
                  Eve Ellis (acting, since 2023-09-01)
"
        ),
        "{show}"
    );
    let fay = show_on_october_first("fay");
    assert!(
        fay.contains(
            "  reports to      Cy Cole — Director, Acme, by explicit line (as Company Secretary)
                  Dee Dunn — Director, Acme, by explicit line (as Company Secretary)
                  Eve Ellis — Director, Acme, by explicit line (as Company Secretary)
"
        ),
        "{fay}"
    );
    let chain = board()
        .run(&["chain", "fay", "--at", "2023-10-01", "--format", "json"])
        .json();
    let step = &chain["chains"][0]["steps"][1];
    assert_eq!(step["role"]["id"], "director");
    let ids: Vec<&str> = step["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cy", "dee", "eve"]);
}

#[test]
fn history_gives_each_directors_tenure() {
    let history = board()
        .run(&["history", "director", "--format", "json"])
        .json();
    let held: Vec<(&str, Option<&str>, Option<&str>)> = history["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fact"] == "holder")
        .map(|f| {
            (
                f["person"].as_str().unwrap(),
                f["from"]["date"].as_str(),
                f["until"]["date"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        held,
        [
            ("bob", None, Some("2023-06-01")),
            ("cy", Some("2023-01-01"), None),
            ("dee", Some("2023-01-01"), None),
            ("eve", Some("2023-09-01"), None),
        ]
    );
    let bob = board().run(&["history", "bob", "--format", "json"]).json();
    let holds: Vec<_> = bob["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fact"] == "holds")
        .collect();
    assert_eq!(holds.len(), 1);
    assert_eq!(holds[0]["until"]["date"], "2023-06-01");
}

#[test]
fn diff_gives_appointments_and_departures_per_director() {
    let out = board()
        .run(&["diff", "2022-12-01", "2023-10-01", "--format", "csv"])
        .ok()
        .to_string();
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("director")).collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(
        rows.iter().any(|r| r.starts_with("+,appointed,cy,")),
        "{out}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("+,appointed,dee,")),
        "{out}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("+,appointed,eve,")),
        "{out}"
    );
    assert!(rows.iter().any(|r| r.starts_with("-,left,bob,")), "{out}");
}

#[test]
fn a_full_board_refuses_a_fourth_director_naming_the_three() {
    let org = Org::with(&format!(
        "{BOARD}
[[event]]
date = 2023-10-01
changes = [{{ op = \"appoint\", person = \"ann\", role = \"director\" }}]
"
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with(
            "error[E0211]: role 'director' has 3 seats, all filled on 2023-10-01 (by cy, dee, eve): 'ann' cannot be appointed\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("= help: add { op = \"leave\", person = \"cy\", role = \"director\" } before it for whoever left, or raise the role's `seats`"),
        "{err}"
    );
}

#[test]
fn appointing_a_director_twice_is_no_change() {
    let org = Org::with(&format!(
        "{BOARD}
[[event]]
date = 2023-10-01
changes = [{{ op = \"appoint\", person = \"dee\", role = \"director\" }}]
"
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with("error[E0208]: 'dee' already holds role 'director'\n"),
        "{err}"
    );
}

#[test]
fn eliminating_the_role_ends_every_seat_and_leave_ends_one() {
    let org = Org::with(&format!(
        "{BOARD}
[[event]]
date = 2023-10-01
changes = [{{ op = \"leave\", person = \"dee\", role = \"director\" }}]

[[event]]
date = 2023-11-01
changes = [
  {{ op = \"report\", role = \"secretary\", to = \"chair\" }},
  {{ op = \"eliminate\", role = \"director\" }},
]
"
    ));
    let oct = org.run(&["at", "2023-10-15", "--format", "json"]).json();
    let ids: Vec<&str> = oct["roles"][1]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cy", "eve"]);
    let nov = org.run(&["at", "2023-11-15", "--format", "json"]).json();
    let people: Vec<&str> = nov["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(people, ["ann", "fay"]);
    let log = org.run(&["log", "--oneline"]).ok().to_string();
    assert!(log.contains("2023-11-01"), "{log}");
}

#[test]
fn a_role_of_no_limit_holds_twenty() {
    let mut toml = String::from(
        "[[unit]]\nid = \"house\"\nname = \"House\"\n\n\
         [[role]]\nid = \"whip\"\ntitle = \"Whip\"\nunit = \"house\"\nseats = \"any\"\n",
    );
    let mut changes = Vec::new();
    for i in 1..=20 {
        toml += &format!("\n[[person]]\nid = \"p{i:02}\"\nname = \"Whip {i:02}\"\n");
        changes.push(format!(
            "{{ op = \"appoint\", person = \"p{i:02}\", role = \"whip\" }}"
        ));
    }
    toml += &format!(
        "\n[[event]]\ndate = 2024-07-05\nchanges = [\n  {},\n]\n",
        changes.join(",\n  ")
    );
    let org = Org::with(&toml);
    let at = org.run(&["at", "2024-07-05", "--format", "json"]).json();
    let whip = &at["roles"][0];
    assert_eq!(whip["seats"], serde_json::Value::Null);
    assert_eq!(whip["holders"].as_array().unwrap().len(), 20);
    assert_eq!(whip["holders"][19]["id"], "p20");
    let text = org.run(&["at", "2024-07-05"]).ok().to_string();
    assert!(
        text.contains("Whip 01, Whip 02, Whip 03, ")
            && text.contains(" and Whip 20 — Whip, House\n"),
        "{text}"
    );
    let csv = org
        .run(&["at", "2024-07-05", "--format", "csv"])
        .ok()
        .to_string();
    assert_eq!(csv.lines().count(), 21, "{csv}");
}

#[test]
fn an_appointment_to_a_board_replaces_nobody() {
    let org = Org::with(&format!(
        "{BOARD}
[[event]]
id = \"reshuffle\"
date = 2023-10-01
changes = [
  {{ op = \"leave\", person = \"cy\", role = \"director\" }},
  {{ op = \"appoint\", person = \"ann\", role = \"director\" }},
]
"
    ));
    let log = org.run(&["log", "--since", "2023-09-30"]).ok().to_string();
    assert!(log.contains("    Cy Cole left Director, Acme\n"), "{log}");
    assert!(
        log.contains("    Ann Archer appointed Director, Acme\n"),
        "{log}"
    );
    assert!(!log.contains("replacing"), "{log}");
}
