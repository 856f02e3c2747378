//! The cookbook's example data set, `docs/examples/alibaba-2023`: Alibaba's
//! leadership through 2023, as a journalist keeps it from announcements.
//! It loads clean under `check --strict`, says a chair above the chief
//! executive in the same unit without an invented board unit, and answers
//! the questions the journalist asked.

use std::path::PathBuf;

use crate::support::{Run, orgctl};

fn data() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/alibaba-2023")
}

fn run(args: &[&str]) -> Run {
    orgctl(Some(&data()), args)
}

#[test]
fn it_loads_clean_under_check_strict() {
    let run = run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warning either");
    assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
}

#[test]
fn the_chair_is_above_the_chief_executive_in_the_same_unit() {
    let v = run(&[
        "chain",
        "Eddie Wu",
        "--at",
        "2023-09-15",
        "--format",
        "json",
    ])
    .json();
    let steps: Vec<(String, String)> = v["chains"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["role"]["id"].as_str().unwrap().to_string(),
                s["unit"]["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("alibaba-ceo".to_string(), "alibaba".to_string()),
            ("alibaba-chairman".to_string(), "alibaba".to_string()),
        ],
        "{v:#}"
    );
}

#[test]
fn before_the_handover_eddie_wu_is_next_to_be_chief_executive_under_that_title() {
    let text = run(&["why", "Eddie Wu", "--at", "2023-06-25"])
        .ok()
        .to_string();
    assert!(
        text.contains("next holds Chief Executive Officer, Alibaba Group Holding: appointed on 2023-09-10 (event handover)"),
        "{text}"
    );
}

#[test]
fn the_handover_is_in_the_log_of_june_by_when_it_was_announced() {
    let text = run(&[
        "log",
        "--oneline",
        "--reported-since",
        "2023-06-01",
        "--reported-until",
        "2023-06-30",
    ])
    .ok()
    .to_string();
    assert_eq!(
        text,
        "2023-09-10  (announced 2023-06-20)  handover  Daniel Zhang hands the group's chief executive role to Eddie Wu and its chair to Joseph Tsai\n"
    );
    let text = run(&["at", "2023-07-01"]).ok().to_string();
    assert!(
        text.contains("  announced 2023-06-20, in force 2023-09-10: Eddie Wu Yongming appointed Chief Executive Officer, Alibaba Group Holding\n"),
        "{text}"
    );
}

#[test]
fn zhang_has_no_fact_that_held_on_no_day() {
    let v = run(&["history", "Daniel Zhang", "--format", "json"]).json();
    for f in v["facts"].as_array().unwrap() {
        assert_ne!(f["from"]["date"], f["until"]["date"], "{f:#}");
    }
}
