//! Dotted lines: secondary lines between roles (a regional finance lead's
//! to the group CFO), dated like every fact, shown by `at`, `show`, `why`,
//! the charts, `who-reports-to --dotted`, `history`, `log` and `diff`, and
//! never part of the chain of command.

use serde_json::Value;

use crate::formats::csv_rows;
use crate::support::{MATRIX, Org, matrix_undotted};

const DAY: &str = "2024-01-01";

fn matrix() -> Org {
    Org::with(MATRIX)
}

/// The matrix without the declared line: added on 2024-03-01, ended on
/// 2024-09-01.
fn dated() -> Org {
    Org::with(&matrix_undotted()).file(
        "events.toml",
        r#"[[event]]
id = "matrix"
date = 2024-03-01
title = "Finance leads report dotted to the CFO"
sources = ["Memo"]
changes = [{ op = "dotted", role = "emea-finance", to = "cfo" }]

[[event]]
id = "unmatrix"
date = 2024-09-01
title = "The finance matrix is dropped"
sources = ["Memo"]
changes = [{ op = "undotted", role = "emea-finance", to = "cfo" }]
"#,
    )
}

/// Each line with its runs of spaces made one (table columns vary in
/// width with the data folder's path).
fn squeeze(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tree(org: &Org, day: &str) -> String {
    let out = org.run(&["at", day]).ok().to_string();
    let start = out.find("Reporting lines").expect("a reporting tree");
    let end = out.find("\nUnits").expect("a unit tree");
    out[start..end].to_string()
}

#[test]
fn at_marks_the_finance_lead_with_her_dotted_line_and_keeps_her_under_the_regional_head() {
    assert_eq!(
        tree(&matrix(), DAY),
        "Reporting lines
Ann Archer — CEO, Group
├── Carl Cho — CFO, Group
└── Rita Ruiz — Regional Head, EMEA
    └── Fay Fox — Finance Lead, EMEA ⇢ CFO, Group
"
    );
}

#[test]
fn at_json_gives_a_dotted_array_to_the_roles_that_have_dotted_lines() {
    let doc = matrix().run(&["at", DAY, "--format", "json"]).json();
    let roles = doc["roles"].as_array().unwrap();
    let dotted: Vec<(&str, &Value)> = roles
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), &r["dotted"]))
        .collect();
    assert_eq!(
        dotted,
        [
            ("ceo", &Value::Null),
            ("cfo", &Value::Null),
            ("emea-head", &Value::Null),
            ("emea-finance", &serde_json::json!(["cfo"])),
        ]
    );
    assert_eq!(roles[3]["reports_to"], "emea-head");
}

#[test]
fn show_gives_the_dotted_lines_up_and_down() {
    let org = matrix();
    assert_eq!(
        org.run(&["show", "Fay Fox", "--at", DAY]).ok(),
        "Fay Fox
person fay, on 2024-01-01

  roles           Finance Lead, EMEA (from the start of the record)
  reports to      Rita Ruiz — Regional Head, EMEA, by head of own unit (as Finance Lead)
  direct reports  (none)
  dotted to       Carl Cho — CFO, Group (as Finance Lead)
  first event     (none)
"
    );
    let cfo = org.run(&["show", "cfo", "--at", DAY]).ok().to_string();
    assert!(
        cfo.contains("  direct reports  (none)\n  dotted from     Fay Fox — Finance Lead, EMEA\n"),
        "{cfo}"
    );
    let doc = org
        .run(&["show", "cfo", "--at", DAY, "--format", "json"])
        .json();
    assert_eq!(doc["direct_reports"], serde_json::json!([]));
    assert_eq!(doc["dotted_from"][0]["to_role"], "cfo");
    assert_eq!(doc["dotted_from"][0]["from"]["role"]["id"], "emea-finance");
    assert_eq!(doc["dotted_from"][0]["from"]["holder"]["id"], "fay");
    assert!(doc.get("dotted_to").is_none());
}

#[test]
fn why_gives_the_dotted_line_with_what_established_it() {
    let org = dated();
    let out = org.run(&["why", "emea-finance", "--at", "2024-06-01"]);
    let text = out.ok();
    assert!(
        text.contains(
            "has a dotted line to CFO, Group (not its line of command)  2024-03-01  event matrix"
        ),
        "{text}"
    );
    assert!(
        text.contains("Reports to Regional Head, EMEA (Rita Ruiz)"),
        "{text}"
    );
    let doc = org
        .run(&[
            "why",
            "emea-finance",
            "--at",
            "2024-06-01",
            "--format",
            "json",
        ])
        .json();
    let facts = doc["roles"][0]["facts"].as_array().unwrap();
    let dotted: Vec<&Value> = facts
        .iter()
        .filter(|f| f["fact"] == "dotted-line")
        .collect();
    assert_eq!(dotted.len(), 1);
    assert_eq!(dotted[0]["role"], "emea-finance");
    assert_eq!(dotted[0]["to"], "cfo");
    assert_eq!(dotted[0]["since"]["event"], "matrix");
}

#[test]
fn the_charts_draw_the_dotted_line_dashed_after_the_tree() {
    let org = matrix();
    let dot = org.run(&["at", DAY, "--format", "dot"]).ok().to_string();
    assert!(
        dot.ends_with(
            "  r0 -> r1;\n  r0 -> r2;\n  r2 -> r3;\n  r1 -> r3 [style=dashed, constraint=false];\n}\n"
        ),
        "{dot}"
    );
    let mermaid = org
        .run(&["at", DAY, "--format", "mermaid"])
        .ok()
        .to_string();
    assert!(
        mermaid.ends_with("  r0 --> r1\n  r0 --> r2\n  r2 --> r3\n  r1 -.-> r3\n"),
        "{mermaid}"
    );
}

#[test]
fn who_reports_to_the_cfo_dotted_lists_the_finance_lead_and_not_otherwise() {
    let org = matrix();
    assert_eq!(
        org.run(&["who-reports-to", "cfo", "--dotted", "--at", DAY])
            .ok(),
        "Dotted lines to CFO, Group on 2024-01-01
 NAME     ROLE          UNIT  SINCE
 Fay Fox  Finance Lead  EMEA  (start of record)
"
    );
    assert_eq!(
        org.run(&["who-reports-to", "cfo", "--at", DAY]).ok(),
        "Direct reports of CFO, Group on 2024-01-01\nnobody reports to CFO, Group on 2024-01-01\n"
    );
    let doc = org
        .run(&[
            "who-reports-to",
            "Carl Cho",
            "--dotted",
            "--at",
            DAY,
            "--format",
            "json",
        ])
        .json();
    assert_eq!(doc["dotted"], true);
    assert_eq!(doc["reports"][0]["role"]["id"], "emea-finance");
    assert_eq!(doc["reports"][0]["reports_to_role"], "cfo");
    let err = org.run(&["who-reports-to", "cfo", "--dotted", "--all"]);
    assert!(err.fails(2).contains("--all"), "{}", err.stderr);
}

#[test]
fn the_chain_of_command_never_takes_a_dotted_line() {
    let out = matrix()
        .run(&["chain", "fay", "--at", DAY, "--format", "json"])
        .json();
    let steps: Vec<&str> = out["chains"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["role"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["emea-finance", "emea-head", "ceo"]);
}

#[test]
fn a_dotted_line_holds_from_its_event_until_the_one_that_ends_it() {
    let org = dated();
    let fay = |day| {
        let t = tree(&org, day);
        t.lines().last().unwrap().to_string()
    };
    assert_eq!(fay("2024-02-29"), "    └── Fay Fox — Finance Lead, EMEA");
    assert_eq!(
        fay("2024-03-01"),
        "    └── Fay Fox — Finance Lead, EMEA ⇢ CFO, Group"
    );
    assert_eq!(
        fay("2024-08-31"),
        "    └── Fay Fox — Finance Lead, EMEA ⇢ CFO, Group"
    );
    assert_eq!(fay("2024-09-01"), "    └── Fay Fox — Finance Lead, EMEA");
}

#[test]
fn diff_gives_the_dotted_lines_added_and_ended() {
    let org = dated();
    let added = org.run(&["diff", "2024-01-01", "2024-06-01"]);
    assert!(
        added.ok().contains(
            "Dotted lines changed\n  ~ Finance Lead, EMEA: dotted line to CFO, Group added  [matrix]\n"
        ),
        "{}",
        added.stdout
    );
    let ended = org
        .run(&["diff", "2024-06-01", "2024-12-01", "--format", "json"])
        .json();
    assert_eq!(
        ended["changes"],
        serde_json::json!([{
            "kind": "dotted-line-changed",
            "subject": "emea-finance",
            "before": "cfo",
            "after": null,
            "event": "unmatrix"
        }])
    );
    let csv = org.run(&["diff", "2024-06-01", "2024-12-01", "--format", "csv"]);
    let (_, rows) = csv_rows(csv.ok());
    assert_eq!(rows[0][0], ("letter".to_string(), "~".to_string()));
    assert_eq!(rows[0][4], ("before".to_string(), "cfo".to_string()));
    // Nothing changed over the whole year.
    let none = org
        .run(&["diff", "2024-01-01", "2024-12-01", "--format", "json"])
        .json();
    assert_eq!(none["changes"], serde_json::json!([]));
}

#[test]
fn history_and_log_give_the_dotted_line_over_time() {
    let org = dated();
    let history = squeeze(org.run(&["history", "emea-finance"]).ok());
    assert!(
        history.contains(
            "\n2024-03-01 2024-09-01 dotted line to CFO, Group event matrix event unmatrix\n"
        ),
        "{history}"
    );
    let log = org
        .run(&["log", "--about", "emea-finance"])
        .ok()
        .to_string();
    assert!(
        log.contains("    Finance Lead, EMEA reports dotted to CFO, Group\n"),
        "{log}"
    );
    assert!(
        log.contains("    Finance Lead, EMEA no longer reports dotted to CFO, Group\n"),
        "{log}"
    );
    let doc = org.run(&["log", "--format", "json"]).json();
    assert_eq!(
        doc["events"][1]["changes"][0],
        serde_json::json!({"op": "undotted", "role": "emea-finance", "to": "cfo"})
    );
}

#[test]
fn a_dotted_line_ends_when_its_target_is_eliminated() {
    let org = matrix().file(
        "events.toml",
        r#"[[event]]
id = "no-cfo"
date = 2024-05-01
changes = [{ op = "eliminate", role = "cfo" }]
"#,
    );
    assert_eq!(
        tree(&org, "2024-05-01").lines().last().unwrap(),
        "    └── Fay Fox — Finance Lead, EMEA"
    );
    let history = squeeze(org.run(&["history", "emea-finance"]).ok());
    assert!(
        history.contains("\nstart 2024-05-01 dotted line to CFO, Group declared at "),
        "{history}"
    );
    assert!(history.contains(" event no-cfo\n"), "{history}");
}

#[test]
fn a_circle_of_dotted_lines_is_a_warning_of_check_strict_only() {
    let org = matrix().file(
        "events.toml",
        r#"[[event]]
id = "muddle"
date = 2024-05-01
title = "The CFO is put dotted under the finance lead"
sources = ["Memo"]
changes = [{ op = "dotted", role = "cfo", to = "emea-finance" }]
"#,
    );
    org.run(&["check"]).ok();
    let err = org.run(&["check", "--strict"]);
    let stderr = err.fails(1);
    assert!(
        stderr.starts_with(
            "warning[W0309]: dotted lines go round in a circle: cfo ⇢ emea-finance ⇢ cfo\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("events.toml:6:12"), "{stderr}");
    // The lines of command are untouched: the CFO still reports to the CEO.
    let chain = org
        .run(&["chain", "cfo", "--at", "2024-06-01", "--format", "json"])
        .json();
    assert_eq!(chain["chains"][0]["steps"][1]["role"]["id"], "ceo");
}

#[test]
fn a_declared_line_may_name_a_role_declared_after_it_and_may_go_to_its_own_manager() {
    let org = Org::with(
        r#"[[unit]]
id = "acme"
name = "Acme"

[[role]]
id = "analyst"
title = "Analyst"
unit = "acme"
dotted = ["ceo", "cfo"]

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[role]]
id = "cfo"
title = "CFO"
unit = "acme"
"#,
    );
    org.run(&["check", "--strict"]).ok();
    let doc = org.run(&["at", DAY, "--format", "json"]).json();
    assert_eq!(doc["roles"][0]["reports_to"], "ceo");
    assert_eq!(doc["roles"][0]["dotted"], serde_json::json!(["ceo", "cfo"]));
}
