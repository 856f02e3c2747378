//! `orgctl check`: codes, every problem in one run, JSON diagnostics,
//! `--explain`, and the `--strict` warnings.

use crate::support::{Org, acme_held_by, bundled_data, orgctl};

#[track_caller]
fn assert_has(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "expected {p:?} in:\n{text}");
    }
}

fn acme(events: &str) -> Org {
    Org::new()
        .file("acme.toml", &acme_held_by(&[]))
        .file("org.toml", events)
}

#[test]
fn every_diagnostic_carries_its_code() {
    let err = acme(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "ann", role = "cfo" }]
"#,
    )
    .run(&["check"])
    .fails(1)
    .to_string();
    assert_has(&err, &["error[E0103]: unknown role 'cfo'", "org.toml:3:53"]);
}

#[test]
fn every_syntax_error_of_a_file_is_reported() {
    let err = Org::with("a = \nb = 1\nc = [1,\nd = \"x\n")
        .run(&["check"])
        .fails(1)
        .to_string();
    assert!(err.matches("error[E0001]").count() >= 2, "{err}");
    assert_has(&err, &["org.toml:1:5", "org.toml:4:1"]);
}

#[test]
fn a_bad_record_does_not_hide_the_next_one() {
    let err = Org::with(
        r#"[[unit]]
id = "a"
name = 1

[[unit]]
id = "b"
nmae = "B"

[[person]]
id = "c"
"#,
    )
    .run(&["check"])
    .fails(1)
    .to_string();
    assert_has(
        &err,
        &[
            "error[E0002]",
            "org.toml:3:8",
            "error[E0003]",
            "org.toml:7:1",
            "did you mean `name`?",
            "missing field `name`",
            "org.toml:9:1",
            "the data has 3 errors",
        ],
    );
}

#[test]
fn problems_are_json_on_stdout_with_format_json() {
    let run = acme(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "leave", person = "ann" }]
"#,
    )
    .run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let p = &v["problems"][0];
    assert_eq!(p["severity"], "error");
    assert_eq!(p["code"], "E0207");
    assert_eq!(p["name"], "not-held");
    assert_eq!(p["message"], "'ann' holds no role on 2023-01-01 to leave");
    assert!(p["file"].as_str().unwrap().ends_with("org.toml"));
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(3), Some(37))
    );
    assert_eq!(
        (p["end_line"].as_u64(), p["end_column"].as_u64()),
        (Some(3), Some(42))
    );
    assert_eq!(run.stderr.trim(), "error: the data has 1 error");
}

#[test]
fn explain_shows_an_example_and_its_fix() {
    let run = orgctl(None, &["check", "--explain", "E0103"]);
    assert_has(
        run.ok(),
        &[
            "E0103 unknown-reference",
            "For example:",
            "Fix:",
            "alibaba-cto",
        ],
    );
    let by_name = orgctl(None, &["check", "--explain", "unknown-reference"]);
    assert_eq!(by_name.ok(), run.ok());
    let all = orgctl(None, &["check", "--explain"]);
    assert_has(all.ok(), &["E0001  toml-syntax", "W0307  shared-alias"]);
    let err = orgctl(None, &["check", "--explain", "E9999"])
        .fails(2)
        .to_string();
    assert_has(&err, &["no problem code 'E9999'"]);
}

#[test]
fn the_bundled_data_passes_strict() {
    let out = orgctl(Some(&bundled_data()), &["check", "--strict"]);
    assert_has(out.ok(), &["no problems found"]);
}

#[test]
fn strict_reports_events_without_sources_or_title() {
    let org = acme(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "ann", role = "ceo" }]
"#,
    );
    assert!(org.run(&["check"]).ok().contains("no problems found"));
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0301]: event '2023-01-01-org' cites no source",
            "warning[W0302]: event '2023-01-01-org' has no title",
            "org.toml:2:8",
            "warning: the data has 2 warnings (--strict)",
        ],
    );
}

const SOURCED: &str = "title = \"t\"\nsources = [\"s\"]\n";

#[test]
fn strict_reports_an_appointment_that_replaces_without_leave() {
    let org = acme(&format!(
        r#"[[event]]
date = 2020-01-01
{SOURCED}changes = [{{ op = "appoint", person = "ann", role = "ceo" }}]

[[event]]
date = 2020-06-01
{SOURCED}changes = [{{ op = "appoint", person = "bob", role = "ceo" }}]

[[event]]
date = 2020-09-01
{SOURCED}changes = [
  {{ op = "leave", person = "bob", role = "ceo" }},
  {{ op = "appoint", person = "ann", role = "ceo" }},
]
"#
    ));
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0303]: appointing 'bob' to 'ceo' replaces 'ann' without a `leave`",
            "org.toml:11:12",
            "the data has 1 warning",
        ],
    );
}

#[test]
fn strict_reports_a_vacancy_of_more_than_a_year() {
    let org = acme(&format!(
        r#"[[event]]
date = 2020-01-01
{SOURCED}changes = [{{ op = "appoint", person = "ann", role = "ceo" }}]

[[event]]
date = 2020-06-01
{SOURCED}changes = [{{ op = "leave", person = "ann" }}]

[[event]]
date = 2021-07-01
{SOURCED}changes = [{{ op = "appoint", person = "bob", role = "ceo" }}]
"#
    ));
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0304]: role 'ceo' is vacant from 2020-06-01 to 2021-07-01 (395 days)",
            "org.toml:8:8",
        ],
    );
}

#[test]
fn strict_reports_events_whose_imprecise_dates_may_overlap() {
    let org = acme(&format!(
        r#"[[event]]
date = "2020-05~"
{SOURCED}changes = [{{ op = "appoint", person = "ann", role = "ceo" }}]

[[event]]
date = 2020-05-20
{SOURCED}changes = [
  {{ op = "leave", person = "ann" }},
  {{ op = "appoint", person = "bob", role = "ceo" }},
]
"#
    ));
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0305]",
            "both touch role 'ceo' and may overlap",
            "org.toml:8:8",
        ],
    );
}

#[test]
fn strict_reports_a_reported_date_in_the_future() {
    // The harness fixes today at 2024-01-01.
    let org = acme(&format!(
        r#"[[event]]
date = 2023-01-01
reported = 2025-01-01
{SOURCED}changes = [{{ op = "appoint", person = "ann", role = "ceo" }}]
"#
    ));
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0306]",
            "reported on 2025-01-01, after today (2024-01-01)",
        ],
    );
}

#[test]
fn a_reported_date_in_the_future_is_underlined_where_it_is_written() {
    // Each event's own `reported`, quoted or not, whatever comes first in
    // its table.
    let org = Org::with(
        r#"[[unit]]
id = "acme"
name = "Acme"

[[event]]
date = 2023-01-01
title = "One"
sources = ["s"]
reported = "2025-01-01"   # a string date
changes = [{ op = "rename", unit = "acme", name = "Acme Inc" }]

[[event]]
reported = 2026-02-02
date = 2023-02-01
title = "Two"
sources = ["s"]
changes = [{ op = "rename", unit = "acme", name = "Acme Ltd" }]
"#,
    );
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    let underlined: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("| reported") || l.contains("-->"))
        .collect();
    let dir = org.path().display();
    assert_eq!(
        underlined,
        [
            format!(" --> {dir}/org.toml:9:12"),
            "9 | reported = \"2025-01-01\"   # a string date".to_string(),
            format!("  --> {dir}/org.toml:13:12"),
            "13 | reported = 2026-02-02".to_string(),
        ]
    );
}

#[test]
fn strict_reports_two_people_sharing_an_alias() {
    let org = Org::with(
        r#"[[person]]
id = "li-wei"
name = "Li Wei"
aka = ["Li"]

[[person]]
id = "li-na"
name = "Li Na"
aka = ["li"]
"#,
    );
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert_has(
        &err,
        &[
            "warning[W0307]: 'li-wei' and 'li-na' both answer to \"li\"",
            "org.toml:7:6",
        ],
    );
}

#[test]
fn explaining_an_unknown_key_lists_every_valid_key_from_the_schema() {
    use orgctl::records::schema::{CHANGE, RECORDS};
    let run = orgctl(None, &["check", "--explain", "E0003"]);
    let out = run.ok();
    for kind in RECORDS.iter().copied().chain([&CHANGE]) {
        let line = out
            .lines()
            .find(|l| {
                l.trim_start().starts_with(&format!("[[{}]]:", kind.name))
                    || (kind.name == "change" && l.trim_start().starts_with("a change:"))
            })
            .unwrap_or_else(|| panic!("no line for {}:\n{out}", kind.name));
        for f in kind.fields {
            let star = if f.required { "*" } else { "" };
            assert!(
                line.contains(&format!("{}{star} (", f.name)),
                "{} in {line}",
                f.name
            );
        }
    }
}
