//! `orgctl show`: one card for a person, unit or role on a day.

use serde_json::json;

use crate::acme::{acme, line_with};
use crate::support::{Org, Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// The value of a card field: the text after the field name.
#[track_caller]
fn field<'a>(text: &'a str, name: &str) -> &'a str {
    let prefix = format!("  {name} ");
    text.lines()
        .find(|l| l.starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim())
        .unwrap_or_else(|| panic!("no field '{name}' in:\n{text}"))
}

#[test]
fn a_unit_card_on_2023_05_10() {
    let text = alibaba(&["show", "aicheng", "--at", "2023-05-10"])
        .ok()
        .to_string();
    assert!(
        text.starts_with("Aicheng Technology\nunit aicheng (subsidiary), on 2023-05-10\n"),
        "{text}"
    );
    assert_eq!(
        field(&text, "also known as"),
        "Zhejiang Aicheng Technology Development Co; Aicheng"
    );
    assert!(field(&text, "exists").starts_with("since 2021 (declared at "));
    assert_eq!(field(&text, "parent"), "Alibaba Group Holding");
    assert_eq!(
        field(&text, "head"),
        "Wu Zeming — Chief Executive Officer, Aicheng Technology"
    );
    assert_eq!(
        field(&text, "head reports to"),
        "Daniel Zhang Yong — Chairman and Chief Executive Officer, Alibaba Group Holding, by explicit line (as Chief Executive Officer)"
    );
    assert_eq!(
        field(&text, "attributes"),
        "legal representative: Jeff Li (a former Alibaba CTO)"
    );
    assert!(text.contains("                  ownership: fully owned by Alibaba\n"));
    assert_eq!(
        field(&text, "first event"),
        "2023-05-10 Alibaba eliminates its CTO position; Wu Zeming becomes CEO of Aicheng Technology [cto-eliminated]"
    );
    assert!(field(&text, "last event").ends_with("[aicheng-registration]"));
    assert_eq!(
        field(&text, "sources"),
        "South China Morning Post, 2023-05-10"
    );

    let v = alibaba(&["show", "aicheng", "--at", "2023-05-10", "--format", "json"]).json();
    assert_eq!(v["kind"], "unit");
    assert_eq!(v["id"], "aicheng");
    assert_eq!(v["name"], "Aicheng Technology");
    assert_eq!(v["unit_kind"], "subsidiary");
    assert_eq!(v["existence"]["status"], "exists");
    assert_eq!(v["existence"]["since"]["date"], "2021");
    assert_eq!(
        v["unit"],
        json!({"id": "alibaba", "name": "Alibaba Group Holding"})
    );
    assert_eq!(v["head"]["role"]["id"], "aicheng-ceo");
    assert_eq!(v["head"]["holder"]["id"], "wu-zeming");
    assert_eq!(v["reports_to"][0]["to"]["role"]["id"], "alibaba-ceo");
    assert_eq!(v["reports_to"][0]["rule"], "explicit");
    assert_eq!(v["attributes"]["ownership"], "fully owned by Alibaba");
    assert_eq!(v["first_event"]["id"], "cto-eliminated");
    assert_eq!(v["last_event"]["id"], "aicheng-registration");
}

#[test]
fn a_person_card_on_two_days() {
    let text = alibaba(&["show", "Wu Zeming", "--at", "2023-01-01"])
        .ok()
        .to_string();
    assert!(
        text.starts_with("Wu Zeming\nperson wu-zeming, on 2023-01-01\n"),
        "{text}"
    );
    assert_eq!(
        field(&text, "roles"),
        "Chief Technology Officer, Technology middle office (since 2022-11~)"
    );
    assert_eq!(
        field(&text, "reports to"),
        "Daniel Zhang Yong — Chairman and Chief Executive Officer, Alibaba Group Holding, by head of ancestor unit Alibaba Group Holding (as Chief Technology Officer)"
    );
    assert_eq!(field(&text, "direct reports"), "(none)");
    assert!(field(&text, "first event").ends_with("[wu-appointed-cto]"));
    assert!(field(&text, "last event").ends_with("[cto-eliminated]"));

    let v = alibaba(&["show", "Wu", "--at", "2023-05-10", "--format", "json"]).json();
    assert_eq!(v["kind"], "person");
    assert_eq!(v["existence"], serde_json::Value::Null);
    assert_eq!(v["roles"][0]["role"]["id"], "aicheng-ceo");
    assert_eq!(v["roles"][0]["holder"]["since"], "2023-05-10");
    assert_eq!(v["reports_to"][0]["to"]["holder"]["id"], "daniel-zhang");
}

#[test]
fn a_role_card_lists_its_direct_reports_with_their_holders() {
    let text = alibaba(&["show", "alibaba-ceo", "--at", "2023-05-10"])
        .ok()
        .to_string();
    assert!(
        text.starts_with(
            "Chairman and Chief Executive Officer, Alibaba Group Holding\nrole alibaba-ceo, on 2023-05-10\n"
        ),
        "{text}"
    );
    assert_eq!(field(&text, "also known as"), "CEO; chairman");
    assert_eq!(field(&text, "unit"), "Alibaba Group Holding (head)");
    assert_eq!(
        field(&text, "holder"),
        "Daniel Zhang Yong (from the start of the record)"
    );
    assert_eq!(field(&text, "reports to"), "nobody (top of its chain)");
    assert_eq!(
        field(&text, "direct reports"),
        "Wu Zeming — Chief Executive Officer, Aicheng Technology"
    );
    assert!(text.contains(
        "(no holder recorded) — Chief Executive Officer, Digital Media and Entertainment\n"
    ));
    let v = alibaba(&[
        "show",
        "alibaba-ceo",
        "--at",
        "2023-05-10",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["direct_reports"].as_array().unwrap().len(), 7);
    assert_eq!(v["top_roles"], json!(["alibaba-ceo"]));
    assert_eq!(v["is_head"], true);
}

#[test]
fn a_dissolved_unit_says_into_what_and_when() {
    let text = alibaba(&["show", "tech-middle-office", "--at", "2023-06-01"])
        .ok()
        .to_string();
    assert_eq!(
        field(&text, "exists"),
        "no longer: dissolved into Aicheng Technology on 2023-05-10 (event middle-office-carved-up)"
    );
    assert!(!text.contains("  parent "), "{text}");
    let v = alibaba(&[
        "show",
        "tech-middle-office",
        "--at",
        "2023-06-01",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["existence"]["status"], "ended");
    assert_eq!(v["existence"]["into"], "aicheng");
    assert_eq!(v["existence"]["at"]["event"], "middle-office-carved-up");
}

#[test]
fn a_renamed_unit_shows_its_other_names_and_is_named_as_on_the_day() {
    let org = acme();
    let before = org
        .run(&["show", "lab", "--at", "2021-01-01"])
        .ok()
        .to_string();
    assert!(before.starts_with("Research Lab\n"), "{before}");
    assert_eq!(field(&before, "other names"), "\"Applied Lab\"");
    let after = org
        .run(&["show", "Research Lab", "--at", "2022-01-01"])
        .ok()
        .to_string();
    assert!(after.starts_with("Applied Lab\n"), "{after}");
    assert_eq!(field(&after, "other names"), "\"Research Lab\"");
    // A headless unit: no head line, and its roles are listed.
    assert_eq!(field(&after, "head"), "(none)");
    assert_eq!(
        field(&after, "other roles"),
        "Dee Dunn — Researcher, Applied Lab"
    );
}

#[test]
fn a_vacant_role_and_an_acting_holder() {
    let org = acme();
    let vacant = org
        .run(&["show", "cto", "--at", "2021-05-01"])
        .ok()
        .to_string();
    assert_eq!(field(&vacant, "holder"), "(vacant)");
    assert_eq!(
        field(&vacant, "direct reports"),
        "Cy Cole — Engineer, Engineering"
    );
    let acting = org
        .run(&["show", "cto", "--at", "2021-10-01"])
        .ok()
        .to_string();
    assert_eq!(
        field(&acting, "holder"),
        "Cy Cole (acting, since 2021-09-01)"
    );
    let person = org
        .run(&["show", "Cy", "--at", "2021-10-01"])
        .ok()
        .to_string();
    assert_eq!(
        field(&person, "roles"),
        "CTO, Engineering (acting, since 2021-09-01)"
    );
}

#[test]
fn someone_without_a_role_gets_a_short_card() {
    let text = acme()
        .run(&["show", "Bob", "--at", "2022-01-01"])
        .ok()
        .to_string();
    assert_eq!(field(&text, "roles"), "(none)");
    assert!(!text.contains("reports to"), "{text}");
    assert_eq!(
        field(&text, "first event"),
        "2021-03-01 Bob leaves [bob-leaves]"
    );
}

#[test]
fn unknown_and_ambiguous_names_fail_with_exit_1() {
    assert!(
        alibaba(&["show", "Nobody"])
            .fails(1)
            .contains("no person, unit or role matches 'Nobody'")
    );
    assert!(
        alibaba(&["show", "Chief Executive Officer"])
            .fails(1)
            .contains("matches 7 records")
    );
}

#[test]
fn names_with_terminal_escapes_are_printed_escaped_by_every_exploration_command() {
    let org = Org::with(
        r#"[[unit]]
id = "lab"
name = "Lab \u001b[31mRED\u001b[0m"

[[person]]
id = "cy"
name = "Cy \u001b]0;owned\u0007Cole"

[[role]]
id = "lab-head"
title = "Head\u001b[2J"
unit = "lab"
head = true
holder = "cy"

[[role]]
id = "tech"
title = "Tech"
unit = "lab"

[[event]]
date = 2022-06-01
title = "Lab \u001b[1mrenamed"
sources = ["\u001b[5mblinking source"]
changes = [
  { op = "rename", unit = "lab", name = "Lab \u001b[32mGREEN" },
  { op = "set", unit = "lab", key = "k\u001b[3m", value = "v\u001b[4m" },
]
"#,
    );
    for args in [
        &["chain", "tech", "--at", "2023-01-01"][..],
        &["log"],
        &["log", "--oneline"],
        &["history", "lab"],
        &["history", "cy"],
        &["history", "tech"],
        &["why", "tech", "--at", "2023-01-01"],
        &["why", "lab", "--at", "2023-01-01"],
        &["show", "lab", "--at", "2023-01-01"],
        &["show", "cy", "--at", "2023-01-01"],
    ] {
        let run = org.run(args);
        let out = run.ok();
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "raw control character in the output of {args:?}:\n{out:?}"
        );
    }
    let text = org.run(&["log"]).ok().to_string();
    assert!(
        line_with(&text, &["\" renamed \""]).contains("\\u{1b}[32mGREEN"),
        "{text}"
    );
}
