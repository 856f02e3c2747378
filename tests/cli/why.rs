//! `orgctl why`: each role held and each reporting line on a day, with the
//! rule used and the event (or declaration) behind every fact.

use serde_json::{Value, json};

use crate::acme::{acme, cells, line_with};
use crate::support::{Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// "fact (ids...) since DATE[event or declared]" for each reason.
fn reasons(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut s = r["fact"].as_str().unwrap().to_string();
            for key in ["role", "unit", "to", "parent", "person", "key", "value"] {
                if let Some(v) = r[key].as_str() {
                    s.push_str(&format!(" {key}={v}"));
                }
            }
            let since = &r["since"];
            let by = match since["event"].as_str() {
                Some(e) => e.to_string(),
                None => "declared".to_string(),
            };
            format!(
                "{s} since {}[{by}]",
                since["date"].as_str().unwrap_or("start")
            )
        })
        .collect()
}

#[test]
fn wu_zeming_on_2023_05_10_names_the_source_of_the_explicit_line() {
    let text = alibaba(&["why", "Wu Zeming", "--at", "2023-05-10"])
        .ok()
        .to_string();
    assert!(
        text.starts_with("Why: Wu Zeming (person wu-zeming) on 2023-05-10\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "Reports to Chairman and Chief Executive Officer, Alibaba Group Holding (Daniel Zhang Yong), by explicit line\n"
        ),
        "{text}"
    );
    let line = line_with(&text, &["has an explicit line to"]);
    assert_eq!(
        cells(line),
        [
            "has an explicit line to Chairman and Chief Executive Officer, Alibaba Group Holding",
            "2023-05-10",
            "event cto-eliminated"
        ]
    );
    assert_eq!(
        cells(line_with(&text, &["held by Wu Zeming"])),
        ["held by Wu Zeming", "2023-05-10", "event cto-eliminated"]
    );
    // The event's sources are cited.
    assert!(
        text.contains(
            "Events\n\
             \x20 2023-05-10   Alibaba eliminates its CTO position; Wu Zeming becomes CEO of Aicheng Technology  [cto-eliminated]\n\
             \x20              source: South China Morning Post, 2023-05-10, citing people familiar with the matter\n\
             \x20              source: Speed Daily (first report, as cited by the South China Morning Post)\n"
        ),
        "{text}"
    );

    let v = alibaba(&["why", "Wu Zeming", "--at", "2023-05-10", "--format", "json"]).json();
    let role = &v["roles"][0];
    assert_eq!(role["role"]["id"], "aicheng-ceo");
    assert_eq!(role["line"]["to"], "alibaba-ceo");
    assert_eq!(role["line"]["rule"], "explicit");
    assert_eq!(
        reasons(&role["line"]["because"]),
        ["explicit-line role=aicheng-ceo to=alibaba-ceo since 2023-05-10[cto-eliminated]"]
    );
    assert_eq!(
        reasons(&json!([role["line"]["manager"]])),
        ["holds role=alibaba-ceo person=daniel-zhang since start[declared]"]
    );
    assert_eq!(
        v["events"][0]["sources"][0],
        "South China Morning Post, 2023-05-10, citing people familiar with the matter"
    );
}

#[test]
fn as_cto_the_line_is_derived_from_the_units_and_each_fact_is_dated() {
    let v = alibaba(&["why", "Wu", "--at", "2023-01-01", "--format", "json"]).json();
    let role = &v["roles"][0];
    assert_eq!(role["role"]["id"], "alibaba-cto");
    assert_eq!(
        reasons(&role["facts"]),
        [
            "holds role=alibaba-cto person=wu-zeming since 2022-11~[wu-appointed-cto]",
            "exists role=alibaba-cto since start[declared]",
            "name role=alibaba-cto value=Chief Technology Officer since start[declared]",
            "in-unit role=alibaba-cto unit=tech-middle-office since start[declared]",
            "heads role=alibaba-cto unit=tech-middle-office since start[declared]",
        ]
    );
    assert_eq!(role["line"]["rule"], "head-of-ancestor");
    assert_eq!(role["line"]["ancestor"], "alibaba");
    // It heads its own unit, which lies under Alibaba, whose head is the CEO.
    assert_eq!(
        reasons(&role["line"]["because"]),
        [
            "in-unit role=alibaba-cto unit=tech-middle-office since start[declared]",
            "heads role=alibaba-cto unit=tech-middle-office since start[declared]",
            "under unit=tech-middle-office parent=alibaba since start[declared]",
            "heads role=alibaba-ceo unit=alibaba since start[declared]",
        ]
    );
    let text = alibaba(&["why", "Wu", "--at", "2023-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("by head of ancestor unit Alibaba Group Holding\n"),
        "{text}"
    );
    let declared = line_with(
        &text,
        &["Technology middle office is under Alibaba Group Holding"],
    );
    assert!(declared.ends_with("alibaba/units.toml:15"), "{declared}");
}

#[test]
fn a_derived_line_through_a_headless_unit_says_since_when_it_has_no_head() {
    // On 2022-06-15 the SRE (moved into Engineering with Operations) reports
    // to the CEO: Engineering lost its head when the CTO was eliminated.
    let v = acme()
        .run(&["why", "sre", "--at", "2022-06-15", "--format", "json"])
        .json();
    assert_eq!(
        reasons(&v["roles"][0]["line"]["because"]),
        [
            "in-unit role=sre unit=eng since 2022-01-10[ops-into-eng]",
            "headless unit=eng since 2022-06-01[cto-eliminated]",
            "under unit=eng parent=acme since start[declared]",
            "heads role=ceo unit=acme since start[declared]",
        ]
    );
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ops-into-eng", "cto-eliminated"]);
}

#[test]
fn explicit_and_head_of_unit_lines_are_told_apart() {
    let org = acme();
    let rule = |name: &str, day: &str| {
        let v = org
            .run(&["why", name, "--at", day, "--format", "json"])
            .json();
        (
            v["roles"][0]["line"]["rule"].as_str().unwrap().to_string(),
            reasons(&v["roles"][0]["line"]["because"]),
        )
    };
    assert_eq!(
        rule("engineer", "2021-01-01"),
        (
            "head-of-unit".to_string(),
            vec![
                "in-unit role=engineer unit=eng since start[declared]".to_string(),
                "heads role=cto unit=eng since start[declared]".to_string(),
            ]
        )
    );
    assert_eq!(
        rule("sre", "2022-07-15"),
        (
            "explicit".to_string(),
            vec!["explicit-line role=sre to=ceo since 2022-07-01[sre-line]".to_string()]
        )
    );
}

#[test]
fn a_vacant_manager_is_shown_with_since_when() {
    let v = acme()
        .run(&["why", "Cy", "--at", "2021-05-01", "--format", "json"])
        .json();
    assert_eq!(
        reasons(&json!([v["roles"][0]["line"]["manager"]])),
        ["vacant role=cto since 2021-03-01[bob-leaves]"]
    );
    let text = acme()
        .run(&["why", "Cy", "--at", "2021-05-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("Reports to CTO, Engineering (vacant), by head of own unit\n"),
        "{text}"
    );
}

#[test]
fn a_unit_is_explained_by_its_own_facts_and_its_head_role() {
    let v = alibaba(&["why", "aicheng", "--at", "2023-05-10", "--format", "json"]).json();
    assert_eq!(
        reasons(&v["facts"])[..3],
        [
            "exists unit=aicheng since 2021[declared]",
            "name unit=aicheng value=Aicheng Technology since 2021[declared]",
            "under unit=aicheng parent=alibaba since 2021[declared]",
        ]
    );
    assert_eq!(v["roles"][0]["role"]["id"], "aicheng-ceo");
    let headless = acme()
        .run(&["why", "lab", "--at", "2021-07-01", "--format", "json"])
        .json();
    assert!(
        reasons(&headless["facts"])
            .contains(&"headless unit=lab since start[declared]".to_string()),
        "{headless:#}"
    );
    assert_eq!(headless["roles"], json!([]));
}

#[test]
fn absence_is_explained_too() {
    let text = alibaba(&["why", "tech-middle-office", "--at", "2023-06-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "Technology middle office no longer exists on 2023-06-01: it was dissolved into Aicheng Technology on 2023-05-10 (event middle-office-carved-up)"
        ),
        "{text}"
    );
    let text = alibaba(&["why", "Wu", "--at", "2022-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "Wu Zeming holds no role on 2022-01-01\n\
             next holds Chief Technology Officer, Technology middle office: appointed on 2022-11~ (event wu-appointed-cto)\n"
        ),
        "{text}"
    );
    let v = acme()
        .run(&["why", "Bob", "--at", "2022-01-01", "--format", "json"])
        .json();
    assert_eq!(v["absent"]["kind"], "no-role");
    assert_eq!(v["absent"]["last"]["role"], "cto");
    assert_eq!(v["absent"]["last"]["until"]["event"], "bob-leaves");
    let v = alibaba(&[
        "why",
        "aicheng-ceo",
        "--at",
        "2023-01-01",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["absent"]["kind"], "not-yet");
    assert_eq!(v["absent"]["at"]["event"], "cto-eliminated");
}

#[test]
fn unknown_and_ambiguous_names_fail_with_exit_1() {
    assert!(
        alibaba(&["why", "Nobody", "--at", "2023-05-10"])
            .fails(1)
            .contains("no person, unit or role matches 'Nobody'")
    );
    assert!(
        alibaba(&["why", "Chief Executive Officer"])
            .fails(1)
            .contains("matches 7 records")
    );
}
