//! A record that comes back: `create` of a role that was eliminated, or of
//! a unit that was dissolved, brings it back under the same id (a post
//! reinstated, or one a partial snapshot left out; issue 11). It returns
//! where it was when it ended, with the title, line and attributes it had
//! then, and nobody in it.

use crate::support::Org;

const DATA: &str = r#"[[unit]]
id = "acme"
name = "Acme"
since = 2020-01-01

[[unit]]
id = "lab"
name = "Research Lab"
parent = "acme"
since = 2020-01-01

[[role]]
id = "ceo"
title = "Chief Executive"
unit = "acme"
head = true
since = 2020-01-01
holder = "ann"

[[role]]
id = "chair"
title = "Chair"
unit = "acme"
top = true
since = 2020-01-01

[[role]]
id = "cto"
title = "Chief Technology Officer"
unit = "acme"
since = 2020-01-01
holder = "bob"
dotted = ["ceo"]

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
id = "cto-retitled"
date = 2022-01-01
title = "The CTO becomes head of technology, under the chair"
changes = [
  { op = "rename", role = "cto", title = "Head of Technology" },
  { op = "report", role = "cto", to = "chair" },
  { op = "set", role = "cto", key = "band", value = "9" },
]

[[event]]
id = "cto-cut"
date = 2023-01-01
title = "The technology post and the lab are cut"
changes = [{ op = "eliminate", role = "cto" }, { op = "dissolve", unit = "lab" }]

[[event]]
id = "cto-back"
date = 2024-01-01
title = "Both come back"
changes = [{ op = "create", unit = "lab" }, { op = "create", role = "cto" }]

[[event]]
id = "cy-cto"
date = 2024-06-01
title = "Cy Park named head of technology"
changes = [{ op = "appoint", person = "cy", role = "cto" }]
"#;

fn org() -> Org {
    Org::with(DATA)
}

#[test]
fn it_comes_back_vacant_where_it_was_with_its_last_title_and_line() {
    let org = org();
    assert_eq!(
        org.run(&["at", "2023-06-01"]).ok(),
        "Organisation on 2023-06-01\n\
         latest recorded event: 2023-01-01 The technology post and the lab are cut\n\
         \n\
         Reporting lines\n\
         Ann Lee — Chief Executive, Acme\n\
         (no holder recorded) — Chair, Acme\n\
         \n\
         Units\n\
         Acme\n"
    );
    assert_eq!(
        org.run(&["at", "2024-02-01"]).ok(),
        "Organisation on 2024-02-01\n\
         latest recorded event: 2024-01-01 Both come back\n\
         \n\
         Reporting lines\n\
         Ann Lee — Chief Executive, Acme\n\
         (no holder recorded) — Chair, Acme\n\
         └── (vacant) — Head of Technology, Acme\n\
         \n\
         Units\n\
         Acme\n\
         └── Research Lab\n"
    );
    let json = org.run(&["at", "2024-02-01", "--format", "json"]).json();
    let cto = json["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["id"] == "cto")
        .expect("the cto role");
    assert_eq!(cto["status"], "vacant");
    assert_eq!(cto["attributes"]["band"], "9");
    let after = org.run(&["at", "2024-07-01"]).ok().to_string();
    assert!(
        after.contains("└── Cy Park — Head of Technology, Acme\n"),
        "{after}"
    );
}

#[test]
fn its_declared_holder_and_dotted_lines_are_for_its_first_life_only() {
    let out = org().run(&["history", "cto"]).ok().to_string();
    let facts: Vec<String> = out
        .split("\nEvents\n")
        .next()
        .expect("the facts")
        .lines()
        .skip(3)
        .map(|l| {
            // FROM, UNTIL and FACT: the columns are two spaces apart.
            let cells: Vec<&str> = l
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            cells[..3].join(" | ")
        })
        .collect();
    assert_eq!(
        facts,
        [
            "2020-01-01 | 2023-01-01 | exists",
            "2020-01-01 | 2022-01-01 | titled \"Chief Technology Officer\"",
            "2020-01-01 | 2023-01-01 | in Acme",
            "2020-01-01 | 2023-01-01 | held by Bob Roy",
            "2020-01-01 | 2023-01-01 | dotted line to Chief Executive, Acme",
            "2020-01-01 | 2022-01-01 | reports to Chief Executive, Acme by head of own unit",
            "2022-01-01 | 2023-01-01 | titled \"Head of Technology\"",
            "2022-01-01 | 2023-01-01 | reports to Chair, Acme by explicit line",
            "2022-01-01 | 2023-01-01 | band: 9",
            "2024-01-01 | - | exists",
            "2024-01-01 | - | titled \"Head of Technology\"",
            "2024-01-01 | - | in Acme",
            "2024-01-01 | 2024-06-01 | vacant",
            "2024-01-01 | - | reports to Chair, Acme by explicit line",
            "2024-01-01 | - | band: 9",
            "2024-06-01 | - | held by Cy Park",
        ]
    );
}

#[test]
fn a_unit_that_comes_back_was_not_a_top_level_organisation_meanwhile() {
    let out = org().run(&["history", "lab"]).ok().to_string();
    assert!(!out.contains("top-level"), "{out}");
    assert!(out.contains("2024-01-01  -           under Acme"), "{out}");
}

#[test]
fn log_says_it_is_brought_back() {
    let out = org().run(&["log"]).ok().to_string();
    assert!(
        out.contains(
            "    Research Lab brought back under Acme\n    Head of Technology, Acme brought back\n"
        ),
        "{out}"
    );
}

/// The events of [`DATA`] and one more.
fn with_event(event: &str) -> Org {
    Org::with(&format!("{DATA}\n[[event]]\n{event}"))
}

#[test]
fn a_create_while_it_exists_is_an_error_that_says_since_when() {
    let org = with_event(
        "id = \"again\"\ndate = 2024-09-01\ntitle = \"Twice\"\nchanges = [{ op = \"create\", role = \"cto\" }]",
    );
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains("error[E0202]: role 'cto' is created twice"),
        "{err}"
    );
    assert!(
        err.contains(
            "it already came into existence on 2024-01-01 by event 'cto-back' and still exists"
        ),
        "{err}"
    );
}

#[test]
fn a_role_cannot_come_back_into_a_unit_that_has_ended() {
    let org = Org::with(
        &DATA
            .replace("since = 2020-01-01\nholder = \"bob\"", "since = 2020-01-01\nholder = \"bob\"\n\n[[role]]\nid = \"scientist\"\ntitle = \"Chief Scientist\"\nunit = \"lab\"\nsince = 2020-01-01")
            .replace(
                "changes = [{ op = \"eliminate\", role = \"cto\" }, { op = \"dissolve\", unit = \"lab\" }]",
                "changes = [{ op = \"eliminate\", role = \"cto\" }, { op = \"eliminate\", role = \"scientist\" }, { op = \"dissolve\", unit = \"lab\" }]",
            )
            .replace(
                "changes = [{ op = \"create\", unit = \"lab\" }, { op = \"create\", role = \"cto\" }]",
                "changes = [{ op = \"create\", role = \"scientist\" }, { op = \"create\", unit = \"lab\" }]",
            ),
    );
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains("error[E0201]: role 'scientist' cannot come back: unit 'lab', where it was, no longer exists"),
        "{err}"
    );
    assert!(err.contains("bring that back first"), "{err}");
}

#[test]
fn why_says_it_is_vacant_since_it_came_back() {
    let out = org()
        .run(&["why", "cto", "--at", "2024-02-01"])
        .ok()
        .to_string();
    let vacant = out
        .lines()
        .find(|l| l.trim_start().starts_with("vacant"))
        .expect("the vacancy");
    let cells: Vec<&str> = vacant
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells, ["vacant", "2024-01-01", "event cto-back"], "{out}");
}
