//! A small organisation for the exploration commands (chain, log, history,
//! why, show), with one of each situation they must explain. The Acme
//! company of `support.rs` ([`crate::support::ACME`]), plus:
//!
//! - `acme` (CEO Ann) over `eng` (CTO Bob, Engineer Cy) and `ops` (COO, never
//!   filled; SRE Eve); `lab` (Researcher Dee, no head) under `eng`; `infra`
//!   (no roles) under `ops`.
//! - 2021-03-01 `bob-leaves`: the CTO is vacant.
//! - "2021-06" `lab-renamed`: Research Lab becomes Applied Lab.
//! - 2021-09-01 `cy-acting-cto`: Cy becomes acting CTO and leaves Engineer.
//! - 2022-01-10 `ops-into-eng`: Operations is dissolved into Engineering
//!   (COO, SRE and Infrastructure move with it).
//! - 2022-06-01 `cto-eliminated`: Cy leaves; Engineering has no head.
//! - 2022-07-01 `sre-line`: SRE gets an explicit line to the CEO (and a level).
//! - 2022-08-01 `sre-line-cleared`: the line is cleared; SRE is retitled.

use crate::support::Org;

/// What the exploration tests add to the Acme company of `support.rs` ([`crate::support::ACME`]).
const MORE: &str = r#"
[[unit]]
id = "ops"
name = "Operations"
parent = "acme"

[[unit]]
id = "infra"
name = "Infrastructure"
parent = "ops"

[[person]]
id = "eve"
name = "Eve Evans"

[[role]]
id = "coo"
title = "COO"
unit = "ops"
head = true

[[role]]
id = "sre"
title = "SRE"
unit = "ops"
holder = "eve"

[[event]]
id = "bob-leaves"
date = 2021-03-01
title = "Bob leaves"
sources = ["Staff memo 1"]
changes = [ { op = "leave", person = "bob" } ]

[[event]]
id = "lab-renamed"
date = "2021-06"
title = "Lab renamed"
sources = ["Staff memo 2"]
changes = [ { op = "rename", unit = "lab", name = "Applied Lab" } ]

[[event]]
id = "cy-acting-cto"
date = 2021-09-01
title = "Cy acting CTO"
sources = ["Staff memo 3"]
changes = [
  { op = "appoint", person = "cy", role = "cto", acting = true },
  { op = "leave", person = "cy", role = "engineer" },
]

[[event]]
id = "ops-into-eng"
date = 2022-01-10
title = "Operations merged into Engineering"
sources = ["Staff memo 4"]
changes = [ { op = "dissolve", unit = "ops", into = "eng" } ]

[[event]]
id = "cto-eliminated"
date = 2022-06-01
title = "CTO eliminated"
sources = ["Staff memo 5"]
changes = [ { op = "eliminate", role = "cto" } ]

[[event]]
id = "sre-line"
date = 2022-07-01
title = "SRE reports to the CEO"
sources = ["Staff memo 6"]
changes = [
  { op = "report", role = "sre", to = "ceo" },
  { op = "set", role = "sre", key = "level", value = "L5" },
]

[[event]]
id = "sre-line-cleared"
date = 2022-08-01
title = "SRE line cleared"
sources = ["Staff memo 7"]
changes = [
  { op = "report", role = "sre", to = "" },
  { op = "set", role = "sre", key = "level", value = "L6" },
  { op = "rename", role = "sre", title = "Site Reliability Engineer" },
]
"#;

pub fn acme() -> Org {
    acme_with("")
}

/// The organisation with more TOML appended.
pub fn acme_with(more: &str) -> Org {
    Org::with(&format!("{}\n{MORE}\n{more}", crate::support::ACME))
}

/// The row of a piped table (or line) that contains every one of `parts`,
/// without the padding at its end.
#[track_caller]
pub fn line_with<'a>(text: &'a str, parts: &[&str]) -> &'a str {
    text.lines()
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .map(str::trim_end)
        .unwrap_or_else(|| panic!("no line with {parts:?} in:\n{text}"))
}

/// The whitespace-separated columns of a piped table row, split on runs of
/// two or more spaces.
pub fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Acme from the events of 2019: the CEO appointed on 2019-01-07.
fn acme_from_2019() -> Org {
    Org::with(&format!(
        r#"{}
[[event]]
date = 2019-01-07
title = "Ann Archer becomes CEO"
changes = [{{ op = "appoint", person = "ann", role = "ceo" }}]
"#,
        crate::support::acme_held_by(&["bob", "cy", "dee"])
    ))
}

#[test]
fn at_a_day_before_the_record_says_when_the_record_starts() {
    let org = acme_from_2019();
    let before = org.run(&["at", "2018-06-30"]);
    // The records as declared, from always: no CEO yet.
    assert!(
        before.ok().contains("(no holder recorded) — CEO, Acme"),
        "{}",
        before.stdout
    );
    assert_eq!(
        before.stderr,
        "note: the record starts on 2019-01-07; nothing is dated before it, so this is the organisation as its records are declared, before any dated change\n"
    );
    let json = org.run(&["at", "2018-06-30", "--format", "json"]).json();
    assert_eq!(json["record_starts"], "2019-01-07");
    // From its first day on: the organisation, no note, no `record_starts`.
    let on = org.run(&["at", "2019-01-07", "--format", "json"]);
    assert_eq!(on.json().get("record_starts"), None);
    assert_eq!(on.stderr, "");
}

#[test]
fn a_since_earlier_than_the_first_event_starts_the_record() {
    let org = Org::with(
        r#"[[unit]]
id = "acme"
name = "Acme"
since = "2015"

[[event]]
date = 2019-01-07
changes = [{ op = "rename", unit = "acme", name = "Acme Inc" }]
"#,
    );
    let json = org.run(&["at", "2014-12-31", "--format", "json"]).json();
    assert_eq!(json["record_starts"], "2015");
    assert_eq!(json["units"], serde_json::json!([]));
    let json = org.run(&["at", "2016-01-01", "--format", "json"]).json();
    assert_eq!(json.get("record_starts"), None);
    assert_eq!(json["units"][0]["name"], "Acme");
}
