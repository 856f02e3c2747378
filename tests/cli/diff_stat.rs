//! `diff --stat` (the number of changes of each kind) and the git-style
//! letter of each change in the human diff.

use crate::support::{Org, acme_without, alibaba};

#[test]
fn diff_stat_counts_the_restructuring_by_kind() {
    let text = alibaba(&["diff", "2023-03-01", "2023-05-31", "--stat"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "Changes from 2023-03-01 to 2023-05-31
  A  6  units created
  D  1  units dissolved
  M  2  units moved
  A  7  roles created
  D  1  roles eliminated
  +  1  appointments
  -  1  departures
  S 12  attributes changed
31 changes, 6 events (after 2023-03-01, up to 2023-05-31)
"
    );
}

#[test]
fn diff_stat_as_json_and_csv() {
    let v = alibaba(&[
        "diff",
        "2023-03-01",
        "2023-05-31",
        "--stat",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["total_changes"], 31);
    assert_eq!(v["total_events"], 6);
    assert_eq!(
        v["stat"][0],
        serde_json::json!({"kind": "unit-created", "letter": "A", "count": 6})
    );
    let csv = alibaba(&[
        "diff",
        "2023-03-01",
        "2023-05-31",
        "--stat",
        "--format",
        "csv",
    ])
    .ok()
    .to_string();
    assert!(
        csv.starts_with("letter,kind,count\nA,unit-created,6\nD,unit-dissolved,1\n"),
        "{csv}"
    );
}

#[test]
fn diff_stat_of_a_quiet_period_has_no_changes() {
    let text = alibaba(&["diff", "2022-01-01", "2022-06-01", "--stat"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "Changes from 2022-01-01 to 2022-06-01\n0 changes, 0 events (after 2022-01-01, up to 2022-06-01)\n"
    );
}

/// One event of each kind of change, on 2021-06-01, in the shared Acme
/// company without its researcher (so that moving the lab changes no
/// reporting line), with more units and roles to change.
fn every_kind() -> Org {
    let acme = acme_without(&["researcher"], &["ann", "bob", "cy"]);
    Org::with(&format!(
        r#"{acme}
[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[unit]]
id = "old"
name = "Old Unit"
parent = "acme"

[[unit]]
id = "new"
name = "New Unit"
parent = "acme"

[[role]]
id = "coo"
title = "COO"
unit = "ops"
head = true

[[role]]
id = "temp"
title = "Temp"
unit = "acme"

[[role]]
id = "fresh"
title = "Fresh"
unit = "acme"

[[event]]
id = "setup"
date = 2021-01-01
changes = [
  {{ op = "create", unit = "new" }},
  {{ op = "create", role = "fresh" }},
]

[[event]]
id = "big-day"
date = 2021-06-01
title = "Everything changes"
changes = [
  {{ op = "dissolve", unit = "old" }},
  {{ op = "eliminate", role = "temp" }},
  {{ op = "move", unit = "lab", to = "ops" }},
  {{ op = "rename", unit = "eng", name = "Technology" }},
  {{ op = "rename", role = "coo", title = "Chief Operating Officer" }},
  {{ op = "appoint", person = "dee", role = "coo" }},
  {{ op = "leave", person = "cy" }},
  {{ op = "report", role = "engineer", to = "ceo" }},
  {{ op = "set", unit = "acme", key = "motto", value = "onwards" }},
]
"#
    ))
}

#[test]
fn every_change_starts_with_its_letter() {
    let text = every_kind()
        .run(&["diff", "2021-05-31", "2021-06-01"])
        .ok()
        .to_string();
    for line in [
        "  D Old Unit  [big-day]",
        "  M Research Lab: Engineering → Operations  [big-day]",
        "  R \"Engineering\" → \"Technology\"  [big-day]",
        // A retitled role is named with its unit: the title alone could be
        // any of several roles.
        "  R \"COO\" → \"Chief Operating Officer\", Operations  [big-day]",
        "  D Temp, Acme  [big-day]",
        "  + Dee Dunn as Chief Operating Officer, Operations  [big-day]",
        "  - Cy Cole left Engineer, Engineering  [big-day]",
        "  L Engineer, Technology: CTO, Engineering (Bob Baker) → CEO, Acme (Ann Archer)  [big-day]",
        "  S Acme: motto (unset) → \"onwards\"  [big-day]",
    ] {
        assert!(text.contains(&format!("{line}\n")), "{line}:\n{text}");
    }
    let text = every_kind()
        .run(&["diff", "2020-12-31", "2021-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("  A New Unit, under Acme  [setup]\n"),
        "{text}"
    );
    assert!(text.contains("  A Fresh, Acme  [setup]\n"), "{text}");
}

#[test]
fn letters_are_coloured_like_git_when_colour_is_on() {
    let text = every_kind()
        .run(&["--color", "always", "diff", "2021-05-31", "2021-06-01"])
        .ok()
        .to_string();
    assert!(text.contains("  \x1b[31mD\x1b[0m Old Unit"), "{text:?}");
    assert!(
        text.contains("  \x1b[32m+\x1b[0m Dee Dunn as Chief Operating Officer"),
        "{text:?}"
    );
    assert!(text.contains("  \x1b[33mM\x1b[0m Research Lab"), "{text:?}");
}

#[test]
fn the_stat_of_every_kind() {
    let text = every_kind()
        .run(&["diff", "2021-05-31", "2021-06-01", "--stat"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "Changes from 2021-05-31 to 2021-06-01
  D 1  units dissolved
  M 1  units moved
  R 1  units renamed
  D 1  roles eliminated
  R 1  roles retitled
  + 1  appointments
  - 1  departures
  L 1  reporting lines changed
  S 1  attributes changed
9 changes, 1 event (after 2021-05-31, up to 2021-06-01)
"
    );
}
