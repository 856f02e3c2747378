//! `--format csv` for the exploration commands whose result is a list:
//! `chain` (a row per step), `log` (a row per change) and `history` (a row
//! per fact, its JSON object flattened). `why` and `show` are cards.

use serde_json::Value;

use crate::acme::acme;
use crate::formats::{csv_rows, get};
use crate::support::{Org, Run, alibaba};

type Row = Vec<(String, String)>;

fn rows(run: Run) -> (Vec<String>, Vec<Row>) {
    csv_rows(run.ok())
}

#[test]
fn csv_chain_of_wu_zeming_on_2023_05_10_runs_from_aicheng_to_daniel_zhang() {
    let (header, rows) = rows(alibaba(&[
        "chain",
        "Wu Zeming",
        "--at",
        "2023-05-10",
        "--format",
        "csv",
    ]));
    assert_eq!(
        header.join(","),
        "chain,step,person_id,person_name,status,acting,role_id,role_title,unit_id,unit_name,\
         since,uncertain,reports_to_role,rule,ancestor_id,ancestor_name"
    );
    assert_eq!(rows.len(), 2);
    let wu = &rows[0];
    assert_eq!(get(wu, "chain"), "1");
    assert_eq!(get(wu, "step"), "1");
    assert_eq!(get(wu, "person_id"), "wu-zeming");
    assert_eq!(get(wu, "person_name"), "Wu Zeming");
    assert_eq!(get(wu, "status"), "filled");
    assert_eq!(get(wu, "role_id"), "aicheng-ceo");
    assert_eq!(get(wu, "role_title"), "Chief Executive Officer");
    assert_eq!(get(wu, "unit_name"), "Aicheng Technology");
    assert_eq!(get(wu, "since"), "2023-05-10");
    assert_eq!(get(wu, "reports_to_role"), "alibaba-ceo");
    assert_eq!(get(wu, "rule"), "explicit");
    assert_eq!(get(wu, "ancestor_id"), "");
    let top = rows.last().unwrap();
    assert_eq!(get(top, "step"), "2");
    assert_eq!(get(top, "person_name"), "Daniel Zhang Yong");
    assert_eq!(get(top, "role_id"), "alibaba-ceo");
    assert_eq!(get(top, "reports_to_role"), "");
    assert_eq!(get(top, "rule"), "", "the top reports to nobody");
}

#[test]
fn csv_chain_names_the_ancestor_unit_of_a_derived_line_and_keeps_date_precision() {
    let (_, rows) = rows(alibaba(&[
        "chain",
        "Wu Zeming",
        "--at",
        "2023-01-01",
        "--format",
        "csv",
    ]));
    let cto = &rows[0];
    assert_eq!(get(cto, "role_id"), "alibaba-cto");
    assert_eq!(get(cto, "since"), "2022-11~");
    assert_eq!(get(cto, "rule"), "head-of-ancestor");
    assert_eq!(get(cto, "ancestor_id"), "alibaba");
    assert_eq!(get(cto, "ancestor_name"), "Alibaba Group Holding");
    assert_eq!(get(&rows[1], "person_name"), "Daniel Zhang Yong");
}

#[test]
fn csv_chain_lists_vacancies_and_the_head_of_unit_rule() {
    // On 2021-05-01 Cy the engineer reports to the vacant CTO, then the CEO.
    let (_, rows) =
        rows(acme().run(&["chain", "Cy Cole", "--at", "2021-05-01", "--format", "csv"]));
    let steps: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (get(r, "role_id"), get(r, "status"), get(r, "rule")))
        .collect();
    assert_eq!(
        steps,
        [
            ("engineer", "filled", "head-of-unit"),
            ("cto", "vacant", "head-of-ancestor"),
            ("ceo", "filled", ""),
        ]
    );
    assert_eq!(get(&rows[1], "person_id"), "");
}

#[test]
fn csv_log_about_aicheng_has_the_middle_office_dissolved_into_it() {
    let (header, rows) = rows(alibaba(&["log", "--about", "aicheng", "--format", "csv"]));
    assert_eq!(
        header.join(","),
        "event_id,date,reported,title,note,sources,change_index,op,change"
    );
    let dissolved = rows
        .iter()
        .find(|r| get(r, "op") == "dissolve")
        .expect("a dissolve row");
    assert_eq!(get(dissolved, "event_id"), "middle-office-carved-up");
    assert_eq!(get(dissolved, "date"), "2023-05-10");
    assert_eq!(
        get(dissolved, "change"),
        "Technology middle office dissolved into Aicheng Technology"
    );
    assert_eq!(get(dissolved, "change_index"), "3");
    // One row per change: the event's four changes, numbered in order.
    let carved: Vec<&str> = rows
        .iter()
        .filter(|r| get(r, "event_id") == "middle-office-carved-up")
        .map(|r| get(r, "change_index"))
        .collect();
    assert_eq!(carved, ["1", "2", "3", "4"]);
    let cto = rows
        .iter()
        .find(|r| get(r, "event_id") == "cto-eliminated")
        .expect("the CTO's elimination");
    assert_eq!(
        get(cto, "sources"),
        "South China Morning Post, 2023-05-10, citing people familiar with the matter; \
         Speed Daily (first report, as cited by the South China Morning Post)"
    );
    assert_eq!(get(cto, "note"), "Alibaba declined to confirm or comment");
    assert_eq!(
        get(cto, "change"),
        "Chief Technology Officer, Technology middle office eliminated; Wu Zeming left it"
    );
}

#[test]
fn csv_log_has_a_row_per_change_of_every_event_in_date_order() {
    let all = alibaba(&["log", "--format", "json"]).json();
    let events = all["events"].as_array().unwrap();
    let changes: usize = events
        .iter()
        .map(|e| e["changes"].as_array().unwrap().len().max(1))
        .sum();
    let (_, rows) = rows(alibaba(&["log", "--format", "csv"]));
    assert_eq!(rows.len(), changes);
    let ids: Vec<&str> = rows.iter().map(|r| get(r, "event_id")).collect();
    let mut expected: Vec<&str> = Vec::new();
    for e in events {
        let n = e["changes"].as_array().unwrap().len().max(1);
        expected.extend(std::iter::repeat_n(e["id"].as_str().unwrap(), n));
    }
    assert_eq!(ids, expected);
}

const RUMOUR: &str = r#"
[[unit]]
id = "hq"
name = "HQ"

[[role]]
id = "boss"
title = "Head"
unit = "hq"
head = true

[[event]]
id = "rumour"
date = "2022-11~"
reported = "2022-12"
title = "A rumour, \"unconfirmed\"\u001b[31m"
note = "line one\nline two"
sources = ["Paper A", "Paper B, page 2"]
"#;

#[test]
fn csv_log_gives_an_event_without_changes_one_row_quoted_and_escaped() {
    let text = Org::with(RUMOUR)
        .run(&["log", "--format", "csv"])
        .ok()
        .to_string();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(!text.contains('\r'), "{text:?}");
    assert!(
        text.ends_with(
            "rumour,2022-11~,2022-12,\"A rumour, \"\"unconfirmed\"\"\\u{1b}[31m\",\
             line one\\u{a}line two,\"Paper A; Paper B, page 2\",,,\n"
        ),
        "{text}"
    );
    let (_, rows) = csv_rows(&text);
    assert_eq!(rows.len(), 1, "{text}");
    let r = &rows[0];
    assert_eq!(get(r, "date"), "2022-11~");
    assert_eq!(get(r, "reported"), "2022-12");
    assert_eq!(get(r, "title"), "A rumour, \"unconfirmed\"\\u{1b}[31m");
    assert_eq!(get(r, "sources"), "Paper A; Paper B, page 2");
    assert_eq!(get(r, "change_index"), "");
    assert_eq!(get(r, "op"), "");
    assert_eq!(get(r, "change"), "");
}

#[test]
fn csv_history_of_aicheng_has_its_2021_establishment_and_the_absorbed_middle_office() {
    let (header, rows) = rows(alibaba(&["history", "aicheng", "--format", "csv"]));
    assert_eq!(&header[..2], ["fact", "description"]);
    let exists = &rows[0];
    assert_eq!(get(exists, "fact"), "exists");
    assert_eq!(get(exists, "from_date"), "2021");
    assert_eq!(get(exists, "from_event"), "");
    assert!(
        get(exists, "from_declared").ends_with("units.toml:44"),
        "{exists:?}"
    );
    assert_eq!(get(exists, "until_date"), "", "it still exists");
    let absorbed = rows
        .iter()
        .find(|r| get(r, "fact") == "absorbed")
        .expect("an absorbed row");
    assert_eq!(get(absorbed, "unit"), "tech-middle-office");
    assert_eq!(
        get(absorbed, "description"),
        "absorbed Technology middle office (dissolved into it)"
    );
    assert_eq!(get(absorbed, "from_date"), "2023-05-10");
    assert_eq!(get(absorbed, "from_event"), "middle-office-carved-up");
    let led = rows
        .iter()
        .find(|r| get(r, "fact") == "led-by")
        .expect("a led-by row");
    assert_eq!(get(led, "person"), "wu-zeming");
    assert_eq!(get(led, "from_event"), "cto-eliminated");
}

#[test]
fn csv_history_of_wu_zeming_keeps_the_month_of_his_cto_appointment() {
    let (_, rows) = rows(alibaba(&["history", "Wu Zeming", "--format", "csv"]));
    let cto = rows
        .iter()
        .find(|r| get(r, "fact") == "holds" && get(r, "role") == "alibaba-cto")
        .expect("his CTO tenure");
    assert_eq!(get(cto, "from_date"), "2022-11~");
    assert_eq!(get(cto, "from_event"), "wu-appointed-cto");
    assert_eq!(get(cto, "until_date"), "2023-05-10");
    assert_eq!(get(cto, "until_event"), "cto-eliminated");
    let manager = rows
        .iter()
        .find(|r| get(r, "fact") == "manager" && get(r, "role") == "alibaba-cto")
        .expect("whom he reported to as CTO");
    assert_eq!(get(manager, "line_rule"), "head-of-ancestor");
    assert_eq!(get(manager, "line_ancestor"), "alibaba");
    assert_eq!(get(manager, "manager_person"), "daniel-zhang");
}

/// The value of CSV column `column` in a fact's JSON object: a key of
/// the object, or `a_b` for key `b` of the object under key `a`.
fn json_at<'v>(fact: &'v Value, column: &str) -> Option<&'v Value> {
    fact.get(column).or_else(|| {
        let (outer, inner) = column.split_once('_')?;
        fact.get(outer)?.get(inner)
    })
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn csv_history_rows_are_the_json_facts_flattened() {
    let acme = acme();
    let mut runs: Vec<(Run, Run)> = Vec::new();
    for name in [
        "aicheng",
        "tech-middle-office",
        "alibaba-cto",
        "Wu Zeming",
        "alibaba",
    ] {
        runs.push((
            alibaba(&["history", name, "--format", "json"]),
            alibaba(&["history", name, "--format", "csv"]),
        ));
    }
    // Every kind of fact: renames, moves brought by a dissolve, vacancies,
    // explicit lines and their clearing, retitles during a tenure.
    for name in [
        "eng",
        "ops",
        "lab",
        "cto",
        "coo",
        "sre",
        "Cy Cole",
        "Eve Evans",
        "acme",
    ] {
        runs.push((
            acme.run(&["history", name, "--format", "json"]),
            acme.run(&["history", name, "--format", "csv"]),
        ));
    }
    let mut kinds = std::collections::BTreeSet::new();
    for (json, csv) in &runs {
        let facts = json.json()["facts"].as_array().unwrap().clone();
        let (header, rows) = csv_rows(csv.ok());
        assert_eq!(rows.len(), facts.len());
        for (fact, row) in facts.iter().zip(&rows) {
            kinds.insert(get(row, "fact").to_string());
            for (column, value) in row.iter().filter(|(c, _)| c != "description") {
                assert_eq!(value, &cell(json_at(fact, column)), "{column} of {fact}");
            }
            // And no key of the JSON is left without its column.
            for (k, v) in fact.as_object().unwrap() {
                match v {
                    Value::Null => {}
                    Value::Object(inner) => {
                        for sub in inner.keys() {
                            assert!(header.contains(&format!("{k}_{sub}")), "{k}.{sub}");
                        }
                    }
                    _ => assert!(header.contains(k), "{k}"),
                }
            }
            assert!(!get(row, "description").is_empty(), "{row:?}");
        }
    }
    for kind in [
        "exists",
        "name",
        "attribute",
        "parent",
        "contains",
        "has-role",
        "headed-by",
        "led-by",
        "absorbed",
        "unit",
        "heads",
        "holder",
        "reports-to",
        "holds",
        "role-title",
        "manager",
    ] {
        assert!(kinds.contains(kind), "no {kind} fact in {kinds:?}");
    }
}

#[test]
fn why_and_show_stay_cards_while_chain_log_and_history_take_csv() {
    for cmd in [&["why", "Wu Zeming"][..], &["show", "aicheng"]] {
        let err = alibaba(&[cmd, &["--format", "csv"]].concat())
            .fails(2)
            .to_string();
        assert!(err.contains("supports --format table, json"), "{err}");
    }
    for cmd in [
        &["chain", "Wu Zeming"][..],
        &["log"],
        &["history", "aicheng"],
    ] {
        let err = alibaba(&[cmd, &["--format", "dot"]].concat())
            .fails(2)
            .to_string();
        assert!(err.contains("supports --format table, json, csv"), "{err}");
    }
}
