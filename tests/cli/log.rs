//! `orgctl log`: events in date order with each change in words; date
//! bounds; `--about` through renames and absorptions.

use crate::acme::{acme, acme_with};
use crate::support::{Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// The event ids `log --format json ARGS` lists, in order.
fn ids(run: Run) -> Vec<String> {
    run.json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn log_ids(org: &crate::support::Org, args: &[&str]) -> Vec<String> {
    let mut all = vec!["log", "--format", "json"];
    all.extend_from_slice(args);
    ids(org.run(&all))
}

fn alibaba_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["log", "--format", "json"];
    all.extend_from_slice(args);
    ids(alibaba(&all))
}

const ALL_ALIBABA: [&str; 7] = [
    "wu-appointed-cto",
    "one-six-n-restructuring",
    "freshippo-ipo-plan",
    "cto-eliminated",
    "middle-office-carved-up",
    "aicheng-registration",
    "cainiao-ipo-plan",
];

#[test]
fn every_event_oldest_first() {
    assert_eq!(alibaba_ids(&[]), ALL_ALIBABA);
}

#[test]
fn oneline_is_date_id_title() {
    let text = alibaba(&["log", "--oneline"]).ok().to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    // Wu Zeming's appointment was reported after it took effect: the
    // reported date gets a column of its own, blank for the others.
    assert_eq!(
        lines[0],
        "2022-11~     (reported 2023-05-10)  wu-appointed-cto         Wu Zeming appointed Alibaba's chief technology officer"
    );
    assert!(
        lines[6].starts_with("2023-05-10~                         cainiao-ipo-plan "),
        "{text}"
    );
}

#[test]
fn an_event_shows_its_date_precision_sources_note_and_changes_in_words() {
    let text = alibaba(&["log", "--until", "2023-05-10"]).ok().to_string();
    for expected in [
        "event wu-appointed-cto\n\
         Date:     2022-11~ (month, approximate)\n\
         Reported: 2023-05-10\n\
         Title:    Wu Zeming appointed Alibaba's chief technology officer\n\
         Source:   South China Morning Post, 2023-05-10\n\
         \n    Wu Zeming appointed Chief Technology Officer, Technology middle office\n",
        "event cto-eliminated\n\
         Date:     2023-05-10\n\
         Title:    Alibaba eliminates its CTO position; Wu Zeming becomes CEO of Aicheng Technology\n\
         Source:   South China Morning Post, 2023-05-10, citing people familiar with the matter\n\
         \x20         Speed Daily (first report, as cited by the South China Morning Post)\n\
         Note:     Alibaba declined to confirm or comment\n\
         \n    Chief Technology Officer, Technology middle office eliminated; Wu Zeming left it\n\
         \x20   Chief Executive Officer, Aicheng Technology created\n\
         \x20   Wu Zeming appointed Chief Executive Officer, Aicheng Technology\n\
         \x20   Chief Executive Officer, Aicheng Technology reports to Chairman and Chief Executive Officer, Alibaba Group Holding (Daniel Zhang Yong)\n",
        "    Business centre moved from Technology middle office to Taobao-Tmall Commerce\n",
        "    Technology middle office dissolved into Aicheng Technology\n",
        "    Cloud Intelligence created under Alibaba Group Holding\n",
        "    Aicheng Technology: ownership set to \"fully owned by Alibaba\"\n",
        "Date:     2023-05-10~ (approximate)\n",
    ] {
        assert!(text.contains(expected), "missing\n{expected}\nin\n{text}");
    }
}

#[test]
fn changes_in_words_say_what_they_replaced() {
    let text = acme().run(&["log"]).ok().to_string();
    for expected in [
        "    Bob Baker left every role held: CTO, Engineering\n",
        "    \"Research Lab\" renamed \"Applied Lab\"\n",
        "Date:     2021-06 (month)\n",
        "    Cy Cole appointed acting CTO, Engineering\n    Cy Cole left Engineer, Engineering\n",
        "    Operations dissolved into Engineering\n",
        "    CTO, Engineering eliminated; Cy Cole left it\n",
        "    SRE, Engineering reports to CEO, Acme (Ann Archer)\n",
        "no longer has an explicit reporting line; it follows its unit (was: CEO, Acme)\n",
        "    Site Reliability Engineer, Engineering: level set to \"L6\" (was \"L5\")\n",
        "    \"SRE\", Engineering retitled \"Site Reliability Engineer\"\n",
    ] {
        assert!(text.contains(expected), "missing\n{expected}\nin\n{text}");
    }
}

#[test]
fn json_changes_are_the_data_format_ops_with_what_they_replaced() {
    let v = acme().run(&["log", "--format", "json"]).json();
    let events = v["events"].as_array().unwrap();
    let by_id = |id: &str| events.iter().find(|e| e["id"] == id).unwrap().clone();
    let renamed = by_id("lab-renamed");
    assert_eq!(renamed["date"], "2021-06");
    assert_eq!(renamed["precision"], "month");
    assert_eq!(renamed["qualifier"], "exact");
    assert_eq!(renamed["sources"], serde_json::json!(["Staff memo 2"]));
    assert_eq!(
        renamed["changes"],
        serde_json::json!([{"op": "rename", "unit": "lab", "from": "Research Lab", "name": "Applied Lab"}])
    );
    assert_eq!(
        by_id("cto-eliminated")["changes"],
        serde_json::json!([{"op": "eliminate", "role": "cto", "left": [{"person": "cy", "role": "cto"}]}])
    );
    assert_eq!(
        by_id("sre-line-cleared")["changes"][0],
        serde_json::json!({"op": "report", "role": "sre", "from": "ceo", "to": null})
    );
    assert_eq!(
        by_id("ops-into-eng")["changes"][0],
        serde_json::json!({"op": "dissolve", "unit": "ops", "into": "eng"})
    );
    assert_eq!(v["since"], serde_json::Value::Null);
    assert_eq!(v["about"], serde_json::json!([]));
}

#[test]
fn since_and_until_are_inclusive() {
    assert_eq!(
        alibaba_ids(&["--since", "2023-05-10"]),
        ALL_ALIBABA[3..].to_vec()
    );
    assert_eq!(
        alibaba_ids(&["--until", "2023-05-09"]),
        ALL_ALIBABA[..3].to_vec()
    );
    assert_eq!(
        alibaba_ids(&["--since", "2023-03-28", "--until", "2023-03-28"]),
        ["one-six-n-restructuring"]
    );
    assert!(alibaba_ids(&["--since", "2023-05-11"]).is_empty());
    let text = alibaba(&["log", "--since", "2023-05-11"]).ok().to_string();
    assert_eq!(text, "no events\n");
}

#[test]
fn an_imprecise_date_is_listed_when_its_period_overlaps_the_range() {
    // "2022-11~" covers November; "2023-04~" covers April.
    assert_eq!(
        alibaba_ids(&["--since", "2022-11-15", "--until", "2023-03-01"]),
        ["wu-appointed-cto"]
    );
    assert_eq!(
        alibaba_ids(&["--since", "2023-04-30", "--until", "2023-05-01"]),
        ["freshippo-ipo-plan"]
    );
    assert!(alibaba_ids(&["--since", "2022-12-01", "--until", "2023-03-27"]).is_empty());
}

#[test]
fn since_after_until_is_a_usage_error() {
    let run = alibaba(&["log", "--since", "2023-05-10", "--until", "2023-01-01"]);
    assert!(
        run.fails(2)
            .contains("--since (2023-05-10) is after --until (2023-01-01)")
    );
    assert!(
        alibaba(&["log", "--since", "2023-05~"])
            .fails(2)
            .contains("not a single day")
    );
}

#[test]
fn a_dissolve_into_is_about_both_units() {
    assert_eq!(
        alibaba_ids(&["--about", "tech-middle-office"]),
        [
            "wu-appointed-cto",
            "cto-eliminated",
            "middle-office-carved-up"
        ]
    );
    assert_eq!(
        alibaba_ids(&["--about", "aicheng"]),
        [
            "cto-eliminated",
            "middle-office-carved-up",
            "aicheng-registration"
        ]
    );
    let org = acme();
    assert_eq!(log_ids(&org, &["--about", "ops"]), ["ops-into-eng"]);
    assert!(log_ids(&org, &["--about", "eng"]).contains(&"ops-into-eng".to_string()));
    // The unit and role that moved with Operations.
    assert_eq!(log_ids(&org, &["--about", "infra"]), ["ops-into-eng"]);
    assert!(log_ids(&org, &["--about", "sre"]).contains(&"ops-into-eng".to_string()));
}

#[test]
fn a_unit_is_followed_through_its_rename() {
    let org = acme_with(
        r#"
[[event]]
id = "lab-grows"
date = 2023-01-01
title = "The lab gets an attribute"
changes = [ { op = "set", unit = "lab", key = "size", value = "12" } ]
"#,
    );
    let want = ["lab-renamed", "lab-grows"];
    assert_eq!(log_ids(&org, &["--about", "Research Lab"]), want);
    assert_eq!(log_ids(&org, &["--about", "Applied Lab"]), want);
    assert_eq!(log_ids(&org, &["--about", "lab"]), want);
}

#[test]
fn moving_a_role_into_a_unit_is_about_that_unit_and_the_one_it_left() {
    let org = acme_with(
        r#"
[[event]]
id = "researcher-to-infra"
date = 2023-01-01
title = "The researcher moves to Infrastructure"
changes = [ { op = "move", role = "researcher", to = "infra" } ]
"#,
    );
    assert_eq!(
        log_ids(&org, &["--about", "infra"]),
        ["ops-into-eng", "researcher-to-infra"]
    );
    assert_eq!(
        log_ids(&org, &["--about", "lab"]),
        ["lab-renamed", "researcher-to-infra"]
    );
    let text = org.run(&["log", "--since", "2023-01-01"]).ok().to_string();
    assert!(
        text.contains("    Researcher moved from Applied Lab to Infrastructure\n"),
        "{text}"
    );
}

#[test]
fn about_a_person_follows_their_roles_and_managers() {
    let org = acme();
    // Cy: the manager's departure, the acting appointment, the elimination.
    assert_eq!(
        log_ids(&org, &["--about", "Cy Cole"]),
        ["bob-leaves", "cy-acting-cto", "cto-eliminated"]
    );
    // Ann's role is the target of a line that is set and later cleared.
    assert_eq!(
        log_ids(&org, &["--about", "Ann"]),
        ["sre-line", "sre-line-cleared"]
    );
    assert_eq!(
        alibaba_ids(&["--about", "Wu Zeming"]),
        ["wu-appointed-cto", "cto-eliminated"]
    );
}

#[test]
fn repeated_about_is_a_union() {
    let org = acme();
    assert_eq!(
        log_ids(&org, &["--about", "ops", "--about", "lab"]),
        ["lab-renamed", "ops-into-eng"]
    );
    let v = org
        .run(&[
            "log", "--about", "ops", "--about", "Bob", "--format", "json",
        ])
        .json();
    assert_eq!(
        v["about"],
        serde_json::json!([
            {"kind": "unit", "id": "ops", "name": "Operations"},
            {"kind": "person", "id": "bob", "name": "Bob Baker"},
        ])
    );
}

#[test]
fn about_combines_with_the_date_bounds() {
    assert_eq!(
        alibaba_ids(&["--about", "Wu", "--since", "2023-01-01"]),
        ["cto-eliminated"]
    );
}

#[test]
fn an_unknown_or_ambiguous_about_fails_with_exit_1() {
    assert!(
        alibaba(&["log", "--about", "Nobody"])
            .fails(1)
            .contains("no person, unit or role matches 'Nobody'")
    );
    assert!(
        alibaba(&["log", "--about", "Chief Executive Officer"])
            .fails(1)
            .contains("matches 7 records")
    );
}
