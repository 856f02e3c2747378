//! Announced versus effective: an event's `reported` date beside its
//! `date` in `log`, `diff`, `history` and `show`; `log --reported-since /
//! --reported-until`; and the changes announced but not yet in force in
//! `at` and `show`.

use crate::support::{ACME, Org, Run, bundled_data};

/// The CEO handover of 2023: announced on 20 June, in force on 10 September.
const HANDOVER: &str = r#"[[person]]
id = "eddie-wu"
name = "Eddie Wu Yongming"
aka = ["Eddie Wu"]

[[event]]
id = "ceo-handover"
date = 2023-09-10
reported = 2023-06-20
title = "Daniel Zhang hands the group CEO role to Eddie Wu"
sources = ["Alibaba Group announcement, 2023-06-20"]
changes = [
  { op = "rename", role = "alibaba-ceo", title = "Chief Executive Officer" },
  { op = "appoint", person = "eddie-wu", role = "alibaba-ceo" },
]
"#;

/// The bundled Alibaba data with the handover added.
fn alibaba_with_handover() -> Org {
    let mut org = Org::new();
    for file in ["units.toml", "roles.toml", "people.toml", "events.toml"] {
        let text = std::fs::read_to_string(bundled_data().join("alibaba").join(file)).unwrap();
        org = org.file(&format!("alibaba/{file}"), &text);
    }
    org.file("alibaba/handover.toml", HANDOVER)
}

fn run(args: &[&str]) -> Run {
    alibaba_with_handover().run(args)
}

const APPOINTED: &str = "Eddie Wu Yongming appointed Chief Executive Officer, Alibaba Group Holding, replacing Daniel Zhang Yong";
const RETITLED: &str = "\"Chairman and Chief Executive Officer\", Alibaba Group Holding retitled \"Chief Executive Officer\"";

#[test]
fn june_announcements_are_found_by_when_they_were_reported() {
    // Dated in September, so not in June by its date...
    let by_date = run(&["log", "--since", "2023-06-01", "--until", "2023-06-30"]);
    assert_eq!(by_date.ok(), "no events\n");
    // ...but announced in June.
    let by_report = run(&[
        "log",
        "--oneline",
        "--reported-since",
        "2023-06-01",
        "--reported-until",
        "2023-06-30",
    ]);
    assert_eq!(
        by_report.ok(),
        "2023-09-10  (announced 2023-06-20)  ceo-handover  Daniel Zhang hands the group CEO role to Eddie Wu\n"
    );
}

#[test]
fn an_event_without_reported_was_reported_on_its_date() {
    // Freshippo's plan ("2023-04~") has no `reported`; Wu Zeming's
    // appointment (2022-11~) was reported on 2023-05-10.
    let text = run(&["log", "--oneline", "--reported-until", "2023-04-15"])
        .ok()
        .to_string();
    let ids: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        ids,
        ["one-six-n-restructuring", "freshippo-ipo-plan"],
        "{text}"
    );
}

#[test]
fn reported_bounds_combine_with_date_bounds_and_reach_the_json() {
    let json = run(&[
        "log",
        "--since",
        "2023-09-01",
        "--reported-since",
        "2023-06-20",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(json["reported_since"], "2023-06-20");
    assert!(json.get("reported_until").is_none(), "{json}");
    assert_eq!(json["events"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["events"][0]["reported"], "2023-06-20");
}

#[test]
fn reported_since_after_reported_until_is_a_usage_error() {
    let err = run(&[
        "log",
        "--reported-since",
        "2023-07-01",
        "--reported-until",
        "2023-06-30",
    ])
    .fails(2)
    .to_string();
    assert!(
        err.contains("--reported-since (2023-07-01) is after --reported-until (2023-06-30); give the earlier date to --reported-since"),
        "{err}"
    );
}

#[test]
fn the_full_log_gives_the_reported_date_under_the_date() {
    let text = run(&["log", "--since", "2023-09-01"]).ok().to_string();
    assert!(
        text.starts_with("event ceo-handover\nDate:     2023-09-10\nReported: 2023-06-20\n"),
        "{text}"
    );
}

#[test]
fn at_lists_what_is_announced_and_not_yet_in_force() {
    let text = run(&["at", "2023-07-01"]).ok().to_string();
    let tail = text.split("\n\nAnnounced, not yet in force\n").nth(1);
    assert_eq!(
        tail,
        Some(
            format!(
                "  announced 2023-06-20, in force 2023-09-10: {RETITLED}\n  announced 2023-06-20, in force 2023-09-10: {APPOINTED}\n"
            )
            .as_str()
        ),
        "{text}"
    );
    // Daniel Zhang is still chairman and CEO on the day.
    assert!(
        text.contains(
            "Daniel Zhang Yong — Chairman and Chief Executive Officer, Alibaba Group Holding"
        ),
        "{text}"
    );
}

#[test]
fn at_says_nothing_of_it_before_the_announcement_or_once_in_force() {
    for day in ["2023-06-19", "2023-09-10"] {
        let text = run(&["at", day]).ok().to_string();
        assert!(!text.contains("Announced"), "{day}:\n{text}");
    }
    // Nor when the record is asked as it stood before the announcement.
    let text = run(&["at", "2023-07-01", "--known-at", "2023-06-01"])
        .ok()
        .to_string();
    assert!(!text.contains("Announced"), "{text}");
    // It is known on the day of the announcement.
    let text = run(&["at", "2023-07-01", "--known-at", "2023-06-20"])
        .ok()
        .to_string();
    assert!(text.contains("Announced, not yet in force"), "{text}");
}

#[test]
fn at_a_unit_lists_only_the_announcements_about_its_subtree() {
    let aicheng = run(&["at", "2023-07-01", "--unit", "aicheng"])
        .ok()
        .to_string();
    assert!(!aicheng.contains("Announced"), "{aicheng}");
    let group = run(&["at", "2023-07-01", "--unit", "alibaba"])
        .ok()
        .to_string();
    assert!(group.contains(APPOINTED), "{group}");
}

#[test]
fn at_json_has_the_announced_events_with_their_changes() {
    let json = run(&["at", "2023-07-01", "--format", "json"]).json();
    assert_eq!(
        json["announced"],
        serde_json::json!([{
            "event": {
                "id": "ceo-handover",
                "date": "2023-09-10",
                "reported": "2023-06-20",
                "title": "Daniel Zhang hands the group CEO role to Eddie Wu",
                "sources": ["Alibaba Group announcement, 2023-06-20"],
            },
            "changes": [
                { "op": "rename", "role": "alibaba-ceo", "from": "Chairman and Chief Executive Officer", "title": "Chief Executive Officer" },
                { "op": "appoint", "person": "eddie-wu", "role": "alibaba-ceo", "acting": false,
                  "left": [{ "person": "daniel-zhang", "role": "alibaba-ceo" }] },
            ],
        }])
    );
    let later = run(&["at", "2023-09-10", "--format", "json"]).json();
    assert_eq!(later["announced"], serde_json::json!([]));
}

#[test]
fn show_mentions_the_change_a_person_has_been_announced_for() {
    let text = run(&["show", "Eddie Wu", "--at", "2023-07-01"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        format!(
            "Eddie Wu Yongming
person eddie-wu, on 2023-07-01

  also known as   Eddie Wu
  roles           (none)
  first event     2023-09-10 (announced 2023-06-20) Daniel Zhang hands the group CEO role to Eddie Wu [ceo-handover]
  announced       2023-06-20, in force 2023-09-10: {RETITLED}
                  2023-06-20, in force 2023-09-10: {APPOINTED}
"
        )
    );
}

#[test]
fn show_of_a_record_the_announcement_does_not_touch_has_no_announced_field() {
    let text = run(&["show", "aicheng", "--at", "2023-07-01"])
        .ok()
        .to_string();
    assert!(!text.contains("announced"), "{text}");
    let json = run(&["show", "aicheng", "--at", "2023-07-01", "--format", "json"]).json();
    assert_eq!(json["announced"], serde_json::json!([]));
}

#[test]
fn show_json_of_the_role_has_the_announcement_and_the_reported_date() {
    let json = run(&[
        "show",
        "alibaba-ceo",
        "--at",
        "2023-07-01",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(json["name"], "Chairman and Chief Executive Officer");
    assert_eq!(json["first_event"]["reported"], "2023-06-20");
    assert_eq!(json["announced"][0]["event"]["id"], "ceo-handover");
    let ops: Vec<&str> = json["announced"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["rename", "appoint"]);
}

#[test]
fn history_and_diff_print_the_announcement_beside_the_date() {
    let history = run(&["history", "eddie-wu"]).ok().to_string();
    assert!(
        history.ends_with(
            "Events
  2023-09-10 (announced 2023-06-20) Daniel Zhang hands the group CEO role to Eddie Wu  [ceo-handover]
                                    source: Alibaba Group announcement, 2023-06-20
"
        ),
        "{history}"
    );
    let diff = run(&["diff", "2023-06-01", "2023-12-31"]).ok().to_string();
    assert!(
        diff.contains("  2023-09-10 (announced 2023-06-20) Daniel Zhang hands the group CEO role to Eddie Wu  [ceo-handover]\n"),
        "{diff}"
    );
}

#[test]
fn why_names_the_role_a_person_is_to_hold_by_its_title_then() {
    let text = run(&["why", "eddie-wu", "--at", "2023-07-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("\nnext holds Chief Executive Officer, Alibaba Group Holding: appointed on 2023-09-10 (event ceo-handover)\n"),
        "{text}"
    );
}

#[test]
fn show_of_a_unit_lists_the_announcements_about_its_roles() {
    let text = run(&["show", "alibaba", "--at", "2023-07-01"])
        .ok()
        .to_string();
    assert!(
        text.contains(&format!(
            "  announced       2023-06-20, in force 2023-09-10: {RETITLED}\n                  2023-06-20, in force 2023-09-10: {APPOINTED}\n"
        )),
        "{text}"
    );
}

/// Acme with a retitle announced some time in June (`"2023-06~"`) for
/// 1 July, and an attribute set in January that was reported in March.
fn acme_with_news() -> Org {
    Org::with(&format!(
        r#"{ACME}
[[event]]
id = "retitle"
date = 2023-07-01
reported = "2023-06~"
changes = [{{ op = "rename", role = "ceo", title = "Chief Executive" }}]

[[event]]
id = "budget"
date = 2023-01-15
reported = 2023-03-01
changes = [{{ op = "set", unit = "eng", key = "budget", value = "tight" }}]

[[event]]
id = "plain"
date = 2023-02-01
changes = [{{ op = "set", unit = "lab", key = "focus", value = "batteries" }}]
"#
    ))
}

#[test]
fn oneline_says_announced_before_and_reported_after() {
    let org = acme_with_news();
    assert_eq!(
        org.run(&["log", "--oneline"]).ok(),
        "2023-01-15  (reported 2023-03-01)  budget   (untitled)
2023-02-01                         plain    (untitled)
2023-07-01  (announced 2023-06~)   retitle  (untitled)
"
    );
}

#[test]
fn an_imprecise_reported_date_counts_when_its_period_overlaps_the_bounds() {
    let org = acme_with_news();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["log", "--oneline"];
        all.extend_from_slice(args);
        org.run(&all)
            .ok()
            .lines()
            .filter_map(|l| {
                l.split_whitespace()
                    .find(|w| ["budget", "plain", "retitle"].contains(w))
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&["--reported-since", "2023-06-30"]), ["retitle"]);
    assert_eq!(
        ids(&["--reported-until", "2023-06-01"]),
        ["budget", "plain", "retitle"]
    );
    assert_eq!(ids(&["--reported-until", "2023-02-28"]), ["plain"]);
}

#[test]
fn a_change_announced_for_a_month_is_pending_from_its_first_day() {
    let org = acme_with_news();
    let before = org.run(&["at", "2023-05-31"]).ok().to_string();
    assert!(!before.contains("Announced"), "{before}");
    let during = org.run(&["at", "2023-06-01"]).ok().to_string();
    assert!(
        during.ends_with(
            "\nAnnounced, not yet in force\n  announced 2023-06~, in force 2023-07-01: \"CEO\", Acme retitled \"Chief Executive\"\n"
        ),
        "{during}"
    );
    // Reported after it took effect: never "not yet in force".
    let text = org.run(&["at", "2023-01-10"]).ok().to_string();
    assert!(!text.contains("Announced"), "{text}");
}
