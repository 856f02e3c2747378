//! `orgctl chain`: the chain of command up to the top, each step with its
//! rule, vacancies included.

use serde_json::json;

use crate::acme::{acme, acme_with, cells, line_with};
use crate::support::{Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// (holder or status, role id, rule or "top") of each step of the first
/// chain, from the JSON output.
fn steps(v: &serde_json::Value, chain: usize) -> Vec<(String, String, String)> {
    v["chains"][chain]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let who = s["holder"]["id"].as_str().map_or_else(
                || format!("({})", s["status"].as_str().unwrap()),
                str::to_string,
            );
            let rule = s["line"]["rule"].as_str().unwrap_or("top").to_string();
            (who, s["role"]["id"].as_str().unwrap().to_string(), rule)
        })
        .collect()
}

fn owned(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn wu_zeming_on_2023_05_10_reports_by_explicit_line_to_daniel_zhang() {
    let text = alibaba(&["chain", "Wu Zeming", "--at", "2023-05-10"])
        .ok()
        .to_string();
    assert!(
        text.starts_with("Chain of command of Wu Zeming on 2023-05-10\n"),
        "{text}"
    );
    let first = line_with(&text, &[" 1 "]);
    assert_eq!(
        cells(first),
        [
            "1",
            "Wu Zeming",
            "Chief Executive Officer",
            "Aicheng Technology",
            "2023-05-10",
            "explicit line"
        ]
    );
    // The chain ends at Daniel Zhang Yong, the top.
    let last = text.trim_end().lines().last().unwrap();
    assert_eq!(
        cells(last),
        [
            "2",
            "Daniel Zhang Yong",
            "Chairman and Chief Executive Officer",
            "Alibaba Group Holding",
            "(start of record)",
            "(top)"
        ]
    );
}

#[test]
fn wu_zeming_as_cto_reports_to_the_head_of_the_ancestor_unit() {
    let v = alibaba(&[
        "chain",
        "Wu Zeming",
        "--at",
        "2023-01-01",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["date"], "2023-01-01");
    assert_eq!(
        v["subject"],
        json!({"kind": "person", "id": "wu-zeming", "name": "Wu Zeming"})
    );
    let step = &v["chains"][0]["steps"][0];
    assert_eq!(step["role"]["id"], "alibaba-cto");
    assert_eq!(step["unit"]["id"], "tech-middle-office");
    assert_eq!(step["holder"]["since"], "2022-11~");
    assert_eq!(step["holder"]["uncertain"], false);
    assert_eq!(
        step["line"],
        json!({"to": "alibaba-ceo", "rule": "head-of-ancestor", "ancestor": "alibaba"})
    );
    assert_eq!(
        steps(&v, 0),
        owned(&[
            ("wu-zeming", "alibaba-cto", "head-of-ancestor"),
            ("daniel-zhang", "alibaba-ceo", "top"),
        ])
    );
}

#[test]
fn a_unit_starts_from_its_head_role_even_with_no_holder_recorded() {
    let text = alibaba(&["chain", "Cainiao", "--at", "2023-05-10"])
        .ok()
        .to_string();
    assert!(
        text.contains("Chain of command of Cainiao Smart Logistics on 2023-05-10"),
        "{text}"
    );
    let row = line_with(&text, &[" 1 "]);
    assert!(row.contains("(no holder recorded)"), "{row}");
    assert!(
        row.contains("head of ancestor unit Alibaba Group Holding"),
        "{row}"
    );
    assert!(line_with(&text, &[" 2 "]).contains("Daniel Zhang Yong"));
}

#[test]
fn a_vacant_role_is_a_step_and_the_chain_goes_on_above_it() {
    let org = acme();
    // Bob left the CTO role on 2021-03-01; Cy is still an engineer.
    let v = org
        .run(&["chain", "Cy Cole", "--at", "2021-05-01", "--format", "json"])
        .json();
    assert_eq!(
        steps(&v, 0),
        owned(&[
            ("cy", "engineer", "head-of-unit"),
            ("(vacant)", "cto", "head-of-ancestor"),
            ("ann", "ceo", "top"),
        ])
    );
    let text = org
        .run(&["chain", "Cy Cole", "--at", "2021-05-01"])
        .ok()
        .to_string();
    assert_eq!(
        cells(line_with(&text, &["(vacant)"])),
        [
            "2",
            "(vacant)",
            "CTO",
            "Engineering",
            "head of ancestor unit Acme"
        ]
    );
    assert!(line_with(&text, &[" 1 "]).contains("head of own unit"));
}

#[test]
fn a_role_never_filled_shows_no_holder_recorded() {
    let v = acme()
        .run(&["chain", "coo", "--at", "2021-01-01", "--format", "json"])
        .json();
    assert_eq!(
        steps(&v, 0),
        owned(&[
            ("(unrecorded)", "coo", "head-of-ancestor"),
            ("ann", "ceo", "top"),
        ])
    );
}

#[test]
fn a_headless_unit_sends_its_roles_to_the_nearest_ancestor_head() {
    // The lab has no head: the researcher reports to the CTO of Engineering,
    // and after the CTO is eliminated, to the CEO.
    let org = acme();
    let before = org
        .run(&[
            "chain",
            "researcher",
            "--at",
            "2021-01-01",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(
        before["chains"][0]["steps"][0]["line"],
        json!({"to": "cto", "rule": "head-of-ancestor", "ancestor": "eng"})
    );
    let after = org
        .run(&[
            "chain",
            "researcher",
            "--at",
            "2022-06-01",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(
        steps(&after, 0),
        owned(&[
            ("dee", "researcher", "head-of-ancestor"),
            ("ann", "ceo", "top")
        ])
    );
    assert_eq!(after["chains"][0]["steps"][0]["line"]["ancestor"], "acme");
}

#[test]
fn an_explicit_line_wins_over_the_unit_rule() {
    let org = acme();
    let on = |day: &str| {
        org.run(&["chain", "sre", "--at", day, "--format", "json"])
            .json()
    };
    assert_eq!(
        on("2022-07-01")["chains"][0]["steps"][0]["line"]["rule"],
        "explicit"
    );
    assert_eq!(
        on("2022-08-01")["chains"][0]["steps"][0]["line"]["rule"],
        "head-of-ancestor"
    );
    assert_eq!(
        on("2022-02-01")["chains"][0]["steps"][0]["line"]["rule"],
        "head-of-unit"
    );
}

#[test]
fn an_acting_holder_is_marked() {
    let text = acme()
        .run(&["chain", "Cy", "--at", "2021-10-01"])
        .ok()
        .to_string();
    assert!(
        line_with(&text, &[" 1 "]).contains("Cy Cole (acting)"),
        "{text}"
    );
}

#[test]
fn a_person_with_two_roles_has_one_chain_per_role() {
    let org = acme_with(
        r#"
[[event]]
date = 2023-01-01
title = "Ann also takes the COO role"
changes = [ { op = "appoint", person = "ann", role = "coo" } ]
"#,
    );
    let v = org
        .run(&["chain", "Ann", "--at", "2023-01-01", "--format", "json"])
        .json();
    let chains = v["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 2, "{v:#}");
    assert_eq!(chains[0]["from_role"], "ceo");
    assert_eq!(chains[1]["from_role"], "coo");
    // The COO role came into Engineering with Operations; Engineering has no
    // head after 2022-06-01, so it goes to the CEO, held by Ann herself.
    assert_eq!(
        steps(&v, 1),
        owned(&[("ann", "coo", "head-of-ancestor"), ("ann", "ceo", "top")])
    );
    let text = org
        .run(&["chain", "Ann", "--at", "2023-01-01"])
        .ok()
        .to_string();
    assert!(text.contains("from CEO, Acme"), "{text}");
    assert!(text.contains("from COO, Engineering"), "{text}");
}

#[test]
fn someone_holding_no_role_has_no_chain() {
    let run = acme().run(&["chain", "Bob", "--at", "2022-01-01"]);
    let stderr = run.fails(1);
    assert!(
        stderr.contains("Bob Baker holds no role on 2022-01-01"),
        "{stderr}"
    );
}

#[test]
fn a_role_that_does_not_exist_yet_or_any_more_has_no_chain() {
    let run = alibaba(&["chain", "alibaba-cto", "--at", "2023-06-01"]);
    assert!(run.fails(1).contains("does not exist on 2023-06-01"));
    let run = alibaba(&["chain", "aicheng-ceo", "--at", "2023-01-01"]);
    assert!(run.fails(1).contains("does not exist on 2023-01-01"));
}

#[test]
fn a_unit_without_head_is_an_error_that_says_so() {
    let run = acme().run(&["chain", "infra", "--at", "2021-01-01"]);
    assert!(
        run.fails(1)
            .contains("unit Infrastructure has no head role on 2021-01-01")
    );
}

#[test]
fn unknown_and_ambiguous_names_fail_with_exit_1() {
    let run = alibaba(&["chain", "Nobody", "--at", "2023-05-10"]);
    assert!(
        run.fails(1)
            .contains("no person, unit or role matches 'Nobody'")
    );
    // Seven roles are titled "Chief Executive Officer".
    let run = alibaba(&["chain", "Chief Executive Officer", "--at", "2023-05-10"]);
    let stderr = run.fails(1);
    assert!(stderr.contains("matches 7 records"), "{stderr}");
    assert!(stderr.contains("cainiao-ceo"), "{stderr}");
}

#[test]
fn a_month_is_not_a_day() {
    let run = alibaba(&["chain", "Wu", "--at", "2023-05"]);
    assert!(run.fails(2).contains("not a single day"));
}
