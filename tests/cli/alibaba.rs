//! The bundled Alibaba data set (SCMP, 2023-05-10): the answers the article
//! supports.

use crate::support::{Run, bundled_data, orgctl};

fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

#[test]
fn check_passes_and_summarises_the_data() {
    let out = alibaba(&["check"]);
    let text = out.ok();
    assert!(
        text.contains("12 units, 9 roles, 3 people and 7 events"),
        "{text}"
    );
    assert!(
        text.contains("dated from 2022-11~ to 2023-05-10~"),
        "{text}"
    );
    assert!(text.contains("no problems found"), "{text}");
}

#[test]
fn on_2023_05_10_wu_zeming_is_ceo_of_aicheng_reporting_to_daniel_zhang() {
    let text = alibaba(&["at", "2023-05-10"]).ok().to_string();
    assert!(text.contains("Organisation on 2023-05-10"), "{text}");
    assert!(
        text.contains(
            "Daniel Zhang Yong — Chairman and Chief Executive Officer, Alibaba Group Holding\n\
             ├── Wu Zeming — Chief Executive Officer, Aicheng Technology\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Chief Technology Officer"), "{text}");
    assert!(!text.contains("Technology middle office"), "{text}");
    assert!(
        text.contains("(no holder recorded) — Chief Executive Officer, Cloud Intelligence"),
        "{text}"
    );
}

#[test]
fn at_json_has_no_cto_and_wu_reports_to_zhang() {
    let v = alibaba(&["at", "2023-05-10", "--format", "json"]).json();
    assert_eq!(v["date"], "2023-05-10");
    assert_eq!(v["latest_event"], "cainiao-ipo-plan");
    let roles = v["roles"].as_array().unwrap();
    assert!(roles.iter().all(|r| r["id"] != "alibaba-cto"));
    let aicheng_ceo = roles.iter().find(|r| r["id"] == "aicheng-ceo").unwrap();
    assert_eq!(aicheng_ceo["holder"]["id"], "wu-zeming");
    assert_eq!(aicheng_ceo["reports_to"], "alibaba-ceo");
    assert_eq!(aicheng_ceo["status"], "filled");
    let cloud = roles
        .iter()
        .find(|r| r["id"] == "cloud-intelligence-ceo")
        .unwrap();
    assert_eq!(cloud["status"], "unrecorded");
    assert_eq!(cloud["holder"], serde_json::Value::Null);
    let wu = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "wu-zeming")
        .unwrap();
    assert_eq!(wu["roles"], serde_json::json!(["aicheng-ceo"]));
    assert_eq!(wu["reports_to"], serde_json::json!(["daniel-zhang"]));
    let units: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(units.len(), 11, "{units:?}");
    assert!(!units.contains(&"tech-middle-office"));
}

#[test]
fn on_2023_01_01_wu_zeming_reports_to_zhang_as_cto() {
    let text = alibaba(&["who-reports-to", "Zhang", "--at", "2023-01-01"])
        .ok()
        .to_string();
    assert!(
        text.contains("Direct reports of Daniel Zhang Yong on 2023-01-01"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("Wu Zeming"))
        .expect("Wu Zeming is listed");
    assert!(row.contains("Chief Technology Officer"), "{row}");
    assert!(row.contains("Technology middle office"), "{row}");
    assert!(row.contains("2022-11~"), "{row}");
    assert_eq!(
        text.lines().filter(|l| l.contains("Chief")).count(),
        2,
        "only Wu reports: {text}"
    );
}

#[test]
fn who_reports_to_lists_the_unfilled_business_group_ceos() {
    let v = alibaba(&[
        "who-reports-to",
        "Zhang",
        "--at",
        "2023-05-10",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["manager"]["id"], "daniel-zhang");
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 7);
    assert_eq!(reports[0]["id"], "wu-zeming");
    assert_eq!(reports[0]["role"]["id"], "aicheng-ceo");
    assert_eq!(reports[0]["unit"]["name"], "Aicheng Technology");
    assert_eq!(reports[0]["since"], "2023-05-10");
    assert_eq!(reports[0]["depth"], 1);
    assert!(
        reports[1..]
            .iter()
            .all(|r| r["status"] == "unrecorded" && r["id"].is_null())
    );
}

#[test]
fn who_reports_to_all_goes_down_the_whole_tree() {
    let v = alibaba(&[
        "who-reports-to",
        "Daniel Zhang",
        "--at",
        "2023-01-01",
        "--all",
        "--format",
        "json",
    ])
    .json();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0]["role"]["id"], "alibaba-cto");
}

#[test]
fn diff_over_the_restructuring_shows_groups_cto_and_the_carve_up_with_sources() {
    let text = alibaba(&["diff", "2023-03-01", "2023-05-31"])
        .ok()
        .to_string();
    for group in [
        "Cloud Intelligence",
        "Taobao-Tmall Commerce",
        "Local Services",
        "Cainiao Smart Logistics",
        "Global Digital Commerce",
        "Digital Media and Entertainment",
    ] {
        assert!(
            text.contains(&format!(
                "  A {group}, under Alibaba Group Holding  [one-six-n-restructuring]"
            )),
            "{group} created: {text}"
        );
    }
    assert!(text.contains("Roles eliminated\n  D Chief Technology Officer, Technology middle office  [cto-eliminated]"), "{text}");
    assert!(
        text.contains(
            "Technology middle office, absorbed into Aicheng Technology  [middle-office-carved-up]"
        ),
        "{text}"
    );
    assert!(
        text.contains("Business centre: Technology middle office → Taobao-Tmall Commerce"),
        "{text}"
    );
    assert!(
        text.contains("Supply chain centre: Technology middle office → Taobao-Tmall Commerce"),
        "{text}"
    );
    assert!(
        text.contains("Wu Zeming as Chief Executive Officer, Aicheng Technology"),
        "{text}"
    );
    assert!(
        text.contains("source: South China Morning Post, 2023-05-10"),
        "{text}"
    );
    assert!(
        text.contains("source: Alibaba Group letter to employees, 2023-03-28"),
        "{text}"
    );
}

#[test]
fn diff_json_reports_moves_as_moves() {
    let v = alibaba(&["diff", "2023-03-01..2023-05-31", "--format", "json"]).json();
    assert_eq!(v["from"], "2023-03-01");
    assert_eq!(v["to"], "2023-05-31");
    let changes = v["changes"].as_array().unwrap();
    let kinds = |k: &str| changes.iter().filter(|c| c["kind"] == k).count();
    assert_eq!(kinds("unit-created"), 6);
    assert_eq!(kinds("unit-dissolved"), 1);
    assert_eq!(kinds("unit-moved"), 2);
    assert_eq!(kinds("role-eliminated"), 1);
    assert_eq!(kinds("role-created"), 7);
    let moved = changes
        .iter()
        .find(|c| c["subject"] == "business-centre")
        .unwrap();
    assert_eq!(moved["kind"], "unit-moved");
    assert_eq!(moved["before"], "tech-middle-office");
    assert_eq!(moved["after"], "taobao-tmall");
    assert_eq!(moved["event"], "middle-office-carved-up");
    let dissolved = changes
        .iter()
        .find(|c| c["kind"] == "unit-dissolved")
        .unwrap();
    assert_eq!(dissolved["subject"], "tech-middle-office");
    assert_eq!(dissolved["after"], "aicheng");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    assert!(
        events
            .iter()
            .all(|e| !e["sources"].as_array().unwrap().is_empty())
    );
}

#[test]
fn diff_without_dates_shows_the_most_recent_event_date() {
    let text = alibaba(&["diff"]).ok().to_string();
    assert!(
        text.starts_with("Changes from 2023-05-09 to 2023-05-10"),
        "{text}"
    );
    assert!(text.contains("cto-eliminated"), "{text}");
}

#[test]
fn wu_zemings_cto_tenure_is_uncertain_in_november_2022() {
    let text = alibaba(&["at", "2022-11-15"]).ok().to_string();
    assert!(
        text.contains("Wu Zeming [uncertain: from 2022-11~] — Chief Technology Officer"),
        "{text}"
    );
    let text = alibaba(&["at", "2022-12-15"]).ok().to_string();
    assert!(
        text.contains("Wu Zeming — Chief Technology Officer"),
        "{text}"
    );
}

#[test]
fn before_wu_the_cto_role_shows_no_holder_recorded() {
    let text = alibaba(&["at", "2022-06-01"]).ok().to_string();
    assert!(
        text.contains("(no holder recorded) — Chief Technology Officer, Technology middle office"),
        "{text}"
    );
}

#[test]
fn without_a_data_folder_a_terminal_gets_the_built_in_data_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_orgctl"))
        .current_dir(dir.path())
        .env_remove("ORGCTL_DATA")
        // As if stdout were a terminal (see docs/internals.md).
        .env("ORGCTL_ASSUME_TERMINAL", "1")
        .args(["at", "2023-05-10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("built-in Alibaba"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Wu Zeming — Chief Executive Officer, Aicheng Technology"),
        "{stdout}"
    );
}

#[test]
fn the_built_in_data_set_is_the_data_folder() {
    let mut on_disk: Vec<String> = walk(&bundled_data());
    on_disk.sort();
    let mut built_in: Vec<String> = orgctl::load::bundled::FILES
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    built_in.sort();
    assert_eq!(
        on_disk, built_in,
        "src/bundled.rs must list every file of data/"
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(
                p.strip_prefix(bundled_data())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    out
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgctl"))
        .arg("--data")
        .arg(bundled_data())
        .args(["at", "2023-05-10"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
