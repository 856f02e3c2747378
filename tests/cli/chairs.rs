//! Chairs, boards and heads (issue 9, point 5): an explicit line overrides
//! a derived one, so a chair in the CEO's own unit is the top of the chain;
//! `top = true` declares a role the top; the `head` op moves the head of a
//! unit on a date; a person may hold two roles (a chair who is also CEO);
//! and a reporting cycle is reported at the change that closed it.

use crate::support::Org;

/// The lines of stdout from `from` up to the next blank line, without the
/// padding at the end of table rows.
fn section(text: &str, from: &str) -> String {
    text.lines()
        .skip_while(|l| *l != from)
        .take_while(|l| !l.is_empty())
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stdout without the padding at the end of table rows.
fn trimmed(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Acme's CEO (Ann) heads Acme; the chair (Bob) sits in Acme too; the CTO
/// (Cat) heads Engineering, under Acme. From 2023-01-01 the CEO reports
/// to the chair.
const CHAIR: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[person]]
id = "cat"
name = "Cat Cole"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "chair"
title = "Chair"
unit = "acme"
holder = "bob"

[[role]]
id = "cto"
title = "CTO"
unit = "eng"
head = true
holder = "cat"

[[event]]
id = "ceo-reports-to-chair"
date = 2023-01-01
title = "The CEO reports to the chair"
changes = [{ op = "report", role = "ceo", to = "chair" }]
"#;

#[test]
fn a_chair_in_the_ceos_unit_is_above_the_ceo_once_the_ceo_reports_to_it() {
    let org = Org::with(CHAIR);
    let before = org.run(&["at", "2022-12-31"]);
    assert_eq!(
        section(before.ok(), "Reporting lines"),
        "Reporting lines
Ann Archer — CEO, Acme
├── Bob Baker — Chair, Acme
└── Cat Cole — CTO, Engineering"
    );
    let after = org.run(&["at", "2023-01-01"]);
    assert_eq!(
        section(after.ok(), "Reporting lines"),
        "Reporting lines
Bob Baker — Chair, Acme
└── Ann Archer — CEO, Acme
    └── Cat Cole — CTO, Engineering"
    );
}

#[test]
fn the_chain_from_the_cto_ends_at_the_chair() {
    let org = Org::with(CHAIR);
    let chain = org.run(&["chain", "cto", "--at", "2023-01-01"]);
    assert_eq!(
        trimmed(chain.ok()),
        "Chain of command of CTO, Engineering on 2023-01-01

from CTO, Engineering
 STEP  NAME        ROLE   UNIT         SINCE              REPORTS UP BY
 1     Cat Cole    CTO    Engineering  (start of record)  head of ancestor unit Acme
 2     Ann Archer  CEO    Acme         (start of record)  explicit line
 3     Bob Baker   Chair  Acme         (start of record)  (top)"
    );
}

#[test]
fn the_ceo_reports_to_the_chair_and_nobody_reports_to_it_before() {
    let org = Org::with(CHAIR);
    let now = org.run(&["who-reports-to", "Bob", "--at", "2023-01-01"]);
    assert_eq!(
        trimmed(now.ok()),
        "Direct reports of Bob Baker on 2023-01-01
as Chair, Acme
 NAME        ROLE  UNIT  SINCE
 Ann Archer  CEO   Acme  (start of record)"
    );
    let before = org.run(&["who-reports-to", "Bob", "--at", "2022-06-01"]);
    assert!(
        before
            .ok()
            .contains("nobody reports to Bob Baker on 2022-06-01"),
        "{}",
        before.stdout
    );
}

#[test]
fn why_the_chair_is_the_top_names_the_ceo_and_its_explicit_line() {
    let org = Org::with(CHAIR);
    let why = org.run(&["why", "chair", "--at", "2023-01-01"]);
    assert_eq!(
        section(why.ok(), "Reports to nobody: the top of its chain"),
        "Reports to nobody: the top of its chain
 BECAUSE                                        SINCE       ESTABLISHED BY
 is in Acme                                     start       declared at ORG/org.toml:30
 CEO, Acme heads Acme                           start       declared at ORG/org.toml:23
 CEO, Acme has an explicit line to Chair, Acme  2023-01-01  event ceo-reports-to-chair"
            .replace("ORG", &org.path().display().to_string())
    );
    // The same facts in JSON, and the change of line blamed on the event.
    let v = org
        .run(&["why", "chair", "--at", "2023-01-01", "--format", "json"])
        .json();
    let facts: Vec<&str> = v["roles"][0]["top_because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fact"].as_str().unwrap())
        .collect();
    assert_eq!(facts, ["in-unit", "heads", "explicit-line"]);
    let history = org.run(&["history", "chair"]);
    assert!(
        history
            .ok()
            .lines()
            .any(|l| l.contains("reports to nobody (top of its chain)")
                && l.contains("event ceo-reports-to-chair")),
        "{}",
        history.stdout
    );
}

#[test]
fn a_chair_created_in_the_event_that_puts_it_above_the_ceo_is_no_cycle() {
    // The issue's case: once rejected as a cycle (at the `create`).
    let org = Org::with(
        &CHAIR.replace(
            "changes = [{ op = \"report\", role = \"ceo\", to = \"chair\" }]",
            "changes = [\n  { op = \"create\", role = \"chairman\" },\n  { op = \"report\", role = \"ceo\", to = \"chairman\" },\n]",
        )
        .replace("[[event]]", "[[role]]\nid = \"chairman\"\ntitle = \"Chairman\"\nunit = \"acme\"\n\n[[event]]"),
    );
    let chain = org.run(&["chain", "ceo", "--at", "2023-01-01", "--format", "csv"]);
    let roles: Vec<&str> = chain
        .ok()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(6).unwrap())
        .collect();
    assert_eq!(roles, ["ceo", "chairman"]);
}

#[test]
fn clearing_a_line_that_is_derived_says_how_to_make_the_role_the_top() {
    let org = Org::with(&CHAIR.replace(
        "{ op = \"report\", role = \"ceo\", to = \"chair\" }",
        "{ op = \"report\", role = \"chair\", to = \"\" }",
    ));
    let err = org.run(&["check"]);
    let path = org.path().join("org.toml");
    assert_eq!(
        err.fails(1),
        format!(
            "error[E0208]: role 'chair' has no explicit reporting line to clear
  --> {}:46:50
   |
46 | changes = [{{ op = \"report\", role = \"chair\", to = \"\" }}]
   |                                                  ^^
   = help: `to = \"\"` only clears an explicit line or a top marker, and this line is derived:
             chair → ceo: derived, ceo heads unit 'acme' (chair's unit)
           to make 'chair' report to nobody, write {{ op = \"report\", role = \"chair\", top = true }}, or make 'ceo' report to it: {{ op = \"report\", role = \"ceo\", to = \"chair\" }}

error: the data has 1 error
",
            path.display()
        )
    );
}

/// Operations is headed by its director (Dan), with a manager (Eve); on
/// 2023-06-01 the manager becomes the head; on 2023-09-01 Operations is
/// left without a head.
const HEAD_MOVES: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "dan"
name = "Dan Dunn"

[[person]]
id = "eve"
name = "Eve Ellis"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "ops-director"
title = "Director of Operations"
unit = "ops"
head = true
holder = "dan"

[[role]]
id = "ops-manager"
title = "Operations Manager"
unit = "ops"
holder = "eve"

[[event]]
id = "manager-heads-ops"
date = 2023-06-01
title = "The operations manager takes over Operations"
changes = [{ op = "head", role = "ops-manager" }]

[[event]]
id = "ops-without-head"
date = 2023-09-01
title = "Operations is left without a head"
changes = [{ op = "head", unit = "ops", role = "" }]
"#;

#[test]
fn the_head_of_a_unit_moves_from_one_role_to_another_on_a_date() {
    let org = Org::with(HEAD_MOVES);
    let lines = |day: &str| section(org.run(&["at", day]).ok(), "Reporting lines");
    assert_eq!(
        lines("2023-05-31"),
        "Reporting lines
Ann Archer — CEO, Acme
└── Dan Dunn — Director of Operations, Operations
    └── Eve Ellis — Operations Manager, Operations"
    );
    assert_eq!(
        lines("2023-06-01"),
        "Reporting lines
Ann Archer — CEO, Acme
└── Eve Ellis — Operations Manager, Operations
    └── Dan Dunn — Director of Operations, Operations"
    );
    // Without a head, both roles report to the head of the unit above.
    assert_eq!(
        lines("2023-09-01"),
        "Reporting lines
Ann Archer — CEO, Acme
├── Dan Dunn — Director of Operations, Operations
└── Eve Ellis — Operations Manager, Operations"
    );
}

#[test]
fn the_history_of_the_unit_shows_each_head_and_what_made_it() {
    let org = Org::with(HEAD_MOVES);
    let history = org.run(&["history", "ops"]);
    let path = org.path().join("org.toml").display().to_string();
    assert_eq!(
        section(history.ok(), "History of Operations (unit ops)"),
        "History of Operations (unit ops)"
    );
    let rows: Vec<String> = history
        .stdout
        .lines()
        .filter(|l| l.contains("headed by") || l.contains("led by"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rows,
        [
            format!("start 2023-06-01 headed by Director of Operations declared at {path}:30 event manager-heads-ops"),
            format!("start 2023-06-01 led by Dan Dunn (Director of Operations) declared at {path}:30 event manager-heads-ops"),
            "2023-06-01 2023-09-01 headed by Operations Manager event manager-heads-ops event ops-without-head".to_string(),
            "2023-06-01 2023-09-01 led by Eve Ellis (Operations Manager) event manager-heads-ops event ops-without-head".to_string(),
        ]
    );
}

#[test]
fn the_log_tells_each_head_change_with_the_head_before_it() {
    let org = Org::with(HEAD_MOVES);
    let log = org.run(&["log"]);
    let changes: Vec<&str> = log
        .ok()
        .lines()
        .filter(|l| l.starts_with("    "))
        .map(str::trim)
        .collect();
    assert_eq!(
        changes,
        [
            "Operations Manager, Operations becomes the head of Operations (was: Director of Operations, Operations)",
            "Operations no longer has a head (was: Operations Manager, Operations)",
        ]
    );
    let v = org.run(&["log", "--format", "json"]).json();
    assert_eq!(
        v["events"][0]["changes"][0],
        serde_json::json!({"op": "head", "unit": "ops", "role": "ops-manager", "from": "ops-director"})
    );
    assert_eq!(
        v["events"][1]["changes"][0],
        serde_json::json!({"op": "head", "unit": "ops", "role": null, "from": "ops-manager"})
    );
}

#[test]
fn a_head_change_that_changes_nothing_or_is_written_wrong_is_an_error() {
    let org = Org::with(&HEAD_MOVES.replace(
        "{ op = \"head\", role = \"ops-manager\" }",
        "{ op = \"head\", role = \"ops-director\" }",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1)
            .contains("error[E0208]: role 'ops-director' already heads unit 'ops'"),
        "{}",
        err.stderr
    );
    let org = Org::with(&HEAD_MOVES.replace(
        "{ op = \"head\", role = \"ops-manager\" }",
        "{ op = \"head\", unit = \"ops\", role = \"\" }",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1)
            .contains("error[E0208]: unit 'ops' has no head to remove\n  --> ")
            && err.stderr.contains(
                "= help: to make a role the head, write { op = \"head\", role = \"ID\" }"
            ),
        "{}",
        err.stderr
    );
    let org = Org::with(&HEAD_MOVES.replace(
        "{ op = \"head\", role = \"ops-manager\" }",
        "{ op = \"head\", unit = \"ops\", role = \"ops-manager\" }",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1).contains(
            "error[E0106]: op 'head' takes `unit` only with role = \"\" (a role heads the unit it is in)"
        ),
        "{}",
        err.stderr
    );
}

#[test]
fn a_supervisory_board_sits_above_the_management_board() {
    let org = Org::with(
        r#"[[unit]]
id = "ag"
name = "Example AG"

[[unit]]
id = "supervisory"
name = "Supervisory board"
parent = "ag"

[[unit]]
id = "management"
name = "Management board"
parent = "ag"

[[role]]
id = "sb-chair"
title = "Chair of the supervisory board"
unit = "supervisory"
head = true
top = true

[[role]]
id = "sb-member"
title = "Member of the supervisory board"
unit = "supervisory"

[[role]]
id = "ceo"
title = "Chief Executive Officer"
unit = "management"
head = true
reports_to = "sb-chair"

[[role]]
id = "cfo"
title = "Chief Financial Officer"
unit = "management"
"#,
    );
    assert_eq!(
        section(org.run(&["at", "2023-01-01"]).ok(), "Reporting lines"),
        "Reporting lines
(no holder recorded) — Chair of the supervisory board, Supervisory board
├── (no holder recorded) — Member of the supervisory board, Supervisory board
└── (no holder recorded) — Chief Executive Officer, Management board
    └── (no holder recorded) — Chief Financial Officer, Management board"
    );
}

/// Two co-CEOs under a chair, each over a business.
const CO_CEOS: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "retail"
name = "Retail"
parent = "acme"

[[role]]
id = "chair"
title = "Chair"
unit = "acme"
head = true

[[role]]
id = "co-ceo-a"
title = "Co-CEO A"
unit = "acme"

[[role]]
id = "co-ceo-b"
title = "Co-CEO B"
unit = "acme"

[[role]]
id = "retail-head"
title = "President, Retail"
unit = "retail"
head = true
reports_to = "co-ceo-a"
"#;

#[test]
fn co_ceos_neither_of_them_head_both_report_to_the_chair() {
    let org = Org::with(CO_CEOS);
    assert_eq!(
        section(org.run(&["at", "2023-01-01"]).ok(), "Reporting lines"),
        "Reporting lines
(no holder recorded) — Chair, Acme
├── (no holder recorded) — Co-CEO A, Acme
│   └── (no holder recorded) — President, Retail, Retail
└── (no holder recorded) — Co-CEO B, Acme"
    );
}

#[test]
fn co_ceos_one_of_them_head_of_the_unit_with_the_chair_above_both() {
    // Co-CEO A heads Acme and reports to the chair; the chair, in Acme, is
    // passed over as its report, and is the top.
    let org = Org::with(
        &CO_CEOS
            .replace("unit = \"acme\"\nhead = true\n", "unit = \"acme\"\n")
            .replace(
                "title = \"Co-CEO A\"\nunit = \"acme\"\n",
                "title = \"Co-CEO A\"\nunit = \"acme\"\nhead = true\nreports_to = \"chair\"\n",
            )
            .replace(
                "title = \"Co-CEO B\"\nunit = \"acme\"\n",
                "title = \"Co-CEO B\"\nunit = \"acme\"\nreports_to = \"chair\"\n",
            ),
    );
    assert_eq!(
        section(org.run(&["at", "2023-01-01"]).ok(), "Reporting lines"),
        "Reporting lines
(no holder recorded) — Chair, Acme
├── (no holder recorded) — Co-CEO A, Acme
│   └── (no holder recorded) — President, Retail, Retail
└── (no holder recorded) — Co-CEO B, Acme"
    );
}

/// Ann is appointed to both the chair and the CEO role; Bob is the CFO.
const CHAIR_AND_CEO: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[role]]
id = "chair"
title = "Chair"
unit = "acme"
top = true

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
reports_to = "chair"

[[role]]
id = "cfo"
title = "CFO"
unit = "acme"
holder = "bob"

[[event]]
id = "ann-chair-and-ceo"
date = 2023-01-01
title = "Ann Archer becomes chair and CEO"
changes = [
  { op = "appoint", person = "ann", role = "chair" },
  { op = "appoint", person = "ann", role = "ceo" },
]
"#;

#[test]
fn a_chair_who_is_also_ceo_holds_both_roles() {
    // An appointment does not end the person's other roles.
    let org = Org::with(CHAIR_AND_CEO);
    assert_eq!(
        section(org.run(&["at", "2023-01-01"]).ok(), "Reporting lines"),
        "Reporting lines
Ann Archer — Chair, Acme
└── Ann Archer — CEO, Acme
    └── Bob Baker — CFO, Acme"
    );
    let reports = org.run(&["who-reports-to", "Ann", "--at", "2023-01-01"]);
    assert_eq!(
        trimmed(reports.ok()),
        "Direct reports of Ann Archer on 2023-01-01
as Chair, Acme; CEO, Acme
 NAME       ROLE  UNIT  SINCE
 Bob Baker  CFO   Acme  (start of record)"
    );
    let chain = org.run(&["chain", "Ann", "--at", "2023-01-01"]);
    assert_eq!(
        trimmed(chain.ok()),
        "Chain of command of Ann Archer on 2023-01-01

from Chair, Acme
 STEP  NAME        ROLE   UNIT  SINCE       REPORTS UP BY
 1     Ann Archer  Chair  Acme  2023-01-01  (top)

from CEO, Acme
 STEP  NAME        ROLE   UNIT  SINCE       REPORTS UP BY
 1     Ann Archer  CEO    Acme  2023-01-01  explicit line
 2     Ann Archer  Chair  Acme  2023-01-01  (top)"
    );
}

/// An auditor in Acme declared the top; from 2023-01-01 it follows its
/// unit (the CEO); from 2023-06-01 it is the top again.
const AUDITOR: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[role]]
id = "auditor"
title = "Auditor"
unit = "acme"
top = true

[[event]]
id = "auditor-under-ceo"
date = 2023-01-01
changes = [{ op = "report", role = "auditor", to = "" }]

[[event]]
id = "auditor-independent"
date = 2023-06-01
changes = [{ op = "report", role = "auditor", top = true }]
"#;

#[test]
fn the_top_marker_is_declared_cleared_and_set_again_by_report() {
    let org = Org::with(AUDITOR);
    let line = |day: &str| {
        org.run(&["at", day, "--format", "json"]).json()["roles"][1]["reports_to"].clone()
    };
    assert_eq!(line("2022-12-31"), serde_json::Value::Null);
    assert_eq!(line("2023-01-01"), "ceo");
    assert_eq!(line("2023-06-01"), serde_json::Value::Null);
    let why = org.run(&["why", "auditor", "--at", "2023-06-01"]);
    assert!(
        why.ok()
            .lines()
            .any(|l| l.contains("is the top of its chain (top = true)")
                && l.contains("event auditor-independent")),
        "{}",
        why.stdout
    );
    let log = org.run(&["log"]);
    let changes: Vec<&str> = log
        .ok()
        .lines()
        .filter(|l| l.starts_with("    "))
        .map(str::trim)
        .collect();
    assert_eq!(
        changes,
        [
            "Auditor, Acme no longer has an explicit reporting line; it follows its unit (was: the top of its chain)",
            "Auditor, Acme reports to nobody: the top of its chain",
        ]
    );
    let v = org.run(&["log", "--format", "json"]).json();
    assert_eq!(
        v["events"][0]["changes"][0],
        serde_json::json!({"op": "report", "role": "auditor", "from": null, "to": null, "was_top": true})
    );
    assert_eq!(
        v["events"][1]["changes"][0],
        serde_json::json!({"op": "report", "role": "auditor", "from": null, "to": null, "top": true})
    );
}

#[test]
fn a_top_marker_set_twice_or_with_a_line_is_an_error() {
    let org = Org::with(&AUDITOR.replace(
        "{ op = \"report\", role = \"auditor\", to = \"\" }",
        "{ op = \"report\", role = \"auditor\", top = true }",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1)
            .contains("error[E0208]: role 'auditor' is already the top of its chain (top = true)"),
        "{}",
        err.stderr
    );
    let org = Org::with(&AUDITOR.replace(
        "top = true\n\n[[event]]",
        "top = true\nreports_to = \"ceo\"\n\n[[event]]",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1).contains(
            "error[E0210]: role 'auditor' is declared both to report to nobody (top = true) and to 'ceo'"
        ),
        "{}",
        err.stderr
    );
    let org = Org::with(&AUDITOR.replace(
        "role = \"auditor\", top = true }",
        "role = \"auditor\", to = \"ceo\", top = true }",
    ));
    let err = org.run(&["check"]);
    assert!(
        err.fails(1)
            .contains("error[E0106]: op 'report' takes either `to` or `top = true`, not both"),
        "{}",
        err.stderr
    );
}
