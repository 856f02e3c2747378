//! Dates known only within a window (`"2023-01-31/2023-02-28"`: after the
//! first day, on or before the second): the event counts from the day
//! after the start, answers on the days of the window are marked uncertain
//! and name it, and the window prints as written everywhere.

use crate::support::{ACME, Org, acme_held_by};

/// Bob Baker became Acme's CTO some day after 31 January 2023 and on or
/// before 28 February (two snapshots of a staff page); before, the role
/// had no holder recorded.
const BOB_IN_FEBRUARY: &str = r#"
[[event]]
id = "bob-cto"
date = "2023-01-31/2023-02-28"
title = "Bob Baker becomes CTO"
sources = ["Acme team page, snapshots of 2023-01-31 and 2023-02-28"]
changes = [{ op = "appoint", person = "bob", role = "cto" }]
"#;

/// [`ACME`] without Bob as CTO, and [`BOB_IN_FEBRUARY`], and `more`.
fn bob_and(more: &str) -> Org {
    Org::with(&format!(
        "{}\n{BOB_IN_FEBRUARY}{more}",
        acme_held_by(&["ann", "cy", "dee"])
    ))
}

fn bob() -> Org {
    bob_and("")
}

/// The reporting lines of `at DAY`, as text.
fn lines_at(org: &Org, day: &str) -> String {
    let out = org.run(&["at", day, "--format", "table"]).ok().to_string();
    let start = out.find("Reporting lines\n").expect("reporting lines");
    let end = out.find("\nUnits\n").expect("units");
    out[start..end].to_string()
}

#[test]
fn at_counts_a_window_from_the_day_after_its_start_and_marks_its_days_uncertain() {
    let org = bob();
    assert_eq!(
        lines_at(&org, "2023-01-31"),
        "Reporting lines\nAnn Archer — CEO, Acme\n\
         └── (no holder recorded) — CTO, Engineering\n    \
         ├── Cy Cole — Engineer, Engineering\n    \
         └── Dee Dunn — Researcher, Research Lab\n"
    );
    for day in ["2023-02-01", "2023-02-28"] {
        assert_eq!(
            lines_at(&org, day),
            "Reporting lines\nAnn Archer — CEO, Acme\n\
             └── Bob Baker [uncertain: within 2023-01-31/2023-02-28] — CTO, Engineering\n    \
             ├── Cy Cole — Engineer, Engineering\n    \
             └── Dee Dunn — Researcher, Research Lab\n",
            "{day}"
        );
    }
    assert_eq!(
        lines_at(&org, "2023-03-01"),
        "Reporting lines\nAnn Archer — CEO, Acme\n\
         └── Bob Baker — CTO, Engineering\n    \
         ├── Cy Cole — Engineer, Engineering\n    \
         └── Dee Dunn — Researcher, Research Lab\n"
    );
    let head = org.run(&["at", "2023-02-10"]).ok().to_string();
    assert!(
        head.starts_with(
            "Organisation on 2023-02-10\n\
             latest recorded event: 2023-01-31/2023-02-28 Bob Baker becomes CTO\n"
        ),
        "{head}"
    );
}

#[test]
fn json_and_csv_give_the_window_as_written_and_uncertain_inside_it() {
    let org = bob();
    let holder = |day: &str| {
        let v = org.run(&["at", day, "--format", "json"]).json();
        v["roles"][1]["holder"].clone()
    };
    assert_eq!(
        holder("2023-02-10"),
        serde_json::json!({
            "id": "bob",
            "name": "Bob Baker",
            "acting": false,
            "since": "2023-01-31/2023-02-28",
            "uncertain": true
        })
    );
    assert_eq!(holder("2023-03-01")["uncertain"], false);
    assert_eq!(holder("2023-03-01")["since"], "2023-01-31/2023-02-28");
    assert_eq!(
        org.run(&["at", "2023-02-10", "--format", "csv"]).ok(),
        "depth,role_id,role_title,unit_id,unit_name,head,reports_to_role,person_id,person_name,status,acting,since,uncertain,manager_id,manager_name,person_attributes\n\
         1,ceo,CEO,acme,Acme,true,,ann,Ann Archer,filled,false,,false,,,{}\n\
         2,cto,CTO,eng,Engineering,true,ceo,bob,Bob Baker,filled,false,2023-01-31/2023-02-28,true,ann,Ann Archer,{}\n\
         3,engineer,Engineer,eng,Engineering,false,cto,cy,Cy Cole,filled,false,,false,bob,Bob Baker,{}\n\
         3,researcher,Researcher,lab,Research Lab,false,cto,dee,Dee Dunn,filled,false,,false,bob,Bob Baker,{}\n"
    );
}

#[test]
fn charts_mark_the_holder_uncertain_within_the_window() {
    let org = bob();
    let dot = org
        .run(&["at", "2023-02-10", "--format", "dot"])
        .ok()
        .to_string();
    assert!(
        dot.contains(
            r#"r1 [label="Bob Baker (uncertain: within 2023-01-31/2023-02-28)\nCTO\nEngineering"];"#
        ),
        "{dot}"
    );
    let mermaid = org
        .run(&["at", "2023-02-10", "--format", "mermaid"])
        .ok()
        .to_string();
    assert!(
        mermaid.contains(
            r#"r1["Bob Baker (uncertain: within 2023-01-31/2023-02-28)<br/>CTO<br/>Engineering"]"#
        ),
        "{mermaid}"
    );
}

#[test]
fn log_says_what_a_window_means() {
    let org = bob();
    assert_eq!(
        org.run(&["log"]).ok(),
        "event bob-cto\n\
         Date:     2023-01-31/2023-02-28 (after 2023-01-31, on or before 2023-02-28)\n\
         Title:    Bob Baker becomes CTO\n\
         Source:   Acme team page, snapshots of 2023-01-31 and 2023-02-28\n\
         \n    Bob Baker appointed CTO, Engineering\n"
    );
    assert_eq!(
        org.run(&["log", "--oneline"]).ok(),
        "2023-01-31/2023-02-28  bob-cto  Bob Baker becomes CTO\n"
    );
    let v = org.run(&["log", "--format", "json"]).json();
    let ev = &v["events"][0];
    assert_eq!(ev["date"], "2023-01-31/2023-02-28");
    assert_eq!(ev["precision"], "window");
    assert_eq!(ev["qualifier"], "exact");
}

#[test]
fn log_lists_a_window_when_it_overlaps_the_range() {
    let org = bob();
    let listed = |args: &[&str]| {
        let mut all = vec!["log", "--oneline"];
        all.extend_from_slice(args);
        org.run(&all).ok().to_string()
    };
    let it = "2023-01-31/2023-02-28  bob-cto  Bob Baker becomes CTO\n";
    assert_eq!(listed(&["--since", "2023-02-28"]), it);
    assert_eq!(listed(&["--until", "2023-02-01"]), it);
    assert_eq!(listed(&["--since", "2023-03-01"]), "no events\n");
    assert_eq!(listed(&["--until", "2023-01-31"]), "no events\n");
}

#[test]
fn history_and_why_name_the_window() {
    let org = bob();
    assert_eq!(
        org.run(&["history", "bob"]).ok(),
        "History of Bob Baker (person bob)\n\
         \n \
         FROM                   UNTIL  FACT                                                                     BEGUN BY       ENDED BY\n \
         2023-01-31/2023-02-28  -      holds CTO, Engineering                                                   event bob-cto\n \
         2023-01-31/2023-02-28  -      reports to Ann Archer (CEO, Acme) as CTO, by head of ancestor unit Acme  event bob-cto\n\
         \n\
         Events\n  \
         2023-01-31/2023-02-28 Bob Baker becomes CTO  [bob-cto]\n                        \
         source: Acme team page, snapshots of 2023-01-31 and 2023-02-28\n"
    );
    let why = org
        .run(&["why", "bob", "--at", "2023-02-10"])
        .ok()
        .to_string();
    assert!(
        why.contains(" held by Bob Baker  2023-01-31/2023-02-28  event bob-cto\n"),
        "{why}"
    );
    let v = org
        .run(&["why", "bob", "--at", "2023-02-10", "--format", "json"])
        .json();
    let text = v.to_string();
    assert!(text.contains(r#""date":"2023-01-31/2023-02-28""#), "{text}");
}

#[test]
fn who_reports_to_and_chain_mark_the_since_uncertain_within_the_window() {
    let org = bob();
    let reports = org
        .run(&["who-reports-to", "ann", "--at", "2023-02-10"])
        .ok()
        .to_string();
    assert!(
        reports.contains(" Bob Baker  CTO   Engineering  2023-01-31/2023-02-28 (uncertain)\n"),
        "{reports}"
    );
    let after = org
        .run(&["who-reports-to", "ann", "--at", "2023-03-01"])
        .ok()
        .to_string();
    assert!(
        after.contains(" Bob Baker  CTO   Engineering  2023-01-31/2023-02-28\n"),
        "{after}"
    );
    assert!(!after.contains("(uncertain)"), "{after}");
    let chain = org
        .run(&["chain", "bob", "--at", "2023-02-10", "--format", "json"])
        .json();
    let holder = &chain["chains"][0]["steps"][0]["holder"];
    assert_eq!(holder["since"], "2023-01-31/2023-02-28");
    assert_eq!(holder["uncertain"], true);
}

#[test]
fn a_window_is_a_date_in_since_and_reported_too() {
    let org = Org::with(&format!(
        r#"{ACME}
[[unit]]
id = "ops"
name = "Operations"
parent = "acme"
since = "2022-12-31/2023-01-15"

[[event]]
id = "dee-engineer"
date = 2023-03-01
reported = "2023-03-31/2023-04-30"
changes = [{{ op = "appoint", person = "dee", role = "engineer" }}]
"#
    ));
    let units = |day: &str| org.run(&["at", day, "--units"]).ok().to_string();
    assert!(!units("2022-12-31").contains("Operations"));
    assert!(
        units("2023-01-01").contains("Operations [uncertain: within 2022-12-31/2023-01-15]"),
        "{}",
        units("2023-01-01")
    );
    assert!(units("2023-01-16").contains("└── Operations\n"));
    // Known from the first day it may have been reported: 1 April.
    let engineer = |known: &str| {
        let v = org
            .run(&["at", "2023-05-01", "--known-at", known, "--format", "json"])
            .json();
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "engineer")
            .unwrap()["holder"]["id"]
            .clone()
    };
    assert_eq!(engineer("2023-03-31"), "cy");
    assert_eq!(engineer("2023-04-01"), "dee");
}

#[test]
fn the_command_line_takes_days_not_windows() {
    let org = bob();
    for args in [
        &["at", "2023-01-31/2023-02-28"][..],
        &["at", "2023-02-10", "--known-at", "2023-01-31/2023-02-28"][..],
        &["log", "--since", "2023-01-31/2023-02-28"][..],
    ] {
        let err = org.run(args).fails(2).to_string();
        assert!(
            err.contains(
                "'2023-01-31/2023-02-28' is not a single day; the command line takes an exact day, YYYY-MM-DD without `~` or `?`: e.g. 2023-02-01 or 2023-02-28"
            ),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn events_that_may_overlap_in_a_window_are_warned_of_and_after_it_are_not() {
    let with_next = |date: &str| {
        bob_and(&format!(
            r#"
[[event]]
id = "cto-office"
date = {date}
title = "The CTO works from Berlin"
sources = ["Acme team page"]
changes = [{{ op = "set", role = "cto", key = "office", value = "Berlin" }}]
"#
        ))
    };
    let overlap = with_next("2023-02-15");
    let err = overlap.run(&["check", "--strict"]).fails(1).to_string();
    assert!(
        err.contains(
            "warning[W0305]: events 'bob-cto' (2023-01-31/2023-02-28) and 'cto-office' (2023-02-15) both touch role 'cto' and may overlap"
        ),
        "{err}"
    );
    let after = with_next("2023-03-01");
    after.run(&["check", "--strict"]).ok();
}

#[test]
fn a_window_written_bare_is_a_toml_error_whose_help_says_to_quote_it() {
    let org = Org::with(&format!(
        "{ACME}\n{}",
        BOB_IN_FEBRUARY.replace(
            r#"date = "2023-01-31/2023-02-28""#,
            "date = 2023-01-31/2023-02-28",
        )
    ));
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.contains(
            "= help: a window of days must be quoted (only an exact day is a TOML date): `date = \"2023-01-31/2023-02-28\"`"
        ),
        "{err}"
    );
    // Any other syntax error keeps its own words, without that help.
    let other = Org::with("[[unit]]\nid = \"acme\nname = \"Acme\"\n");
    let err = other.run(&["check"]).fails(1).to_string();
    assert!(err.contains("error[E0001]"), "{err}");
    assert!(!err.contains("must be quoted"), "{err}");
}
