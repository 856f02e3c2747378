//! `--depth N` on every tree: `at`'s reporting tree and unit tree (in
//! every format), and `who-reports-to --all`.

use crate::support::{ACME, Org, alibaba, chain_of};

/// Four levels of people and three of units: the shared Acme company
/// ([`ACME`]) with a head for its lab, so that CEO Ann > CTO Bob > {Engineer
/// Cy, Lab Head Eve} > Researcher Dee, in acme > eng > lab.
fn ladder() -> Org {
    Org::with(&format!(
        r#"{ACME}
[[role]]
id = "lab-head"
title = "Lab Head"
unit = "lab"
head = true
holder = "eve"

[[person]]
id = "eve"
name = "Eve Evans"
"#
    ))
}

#[test]
fn at_depth_1_shows_only_the_top_of_each_tree() {
    let text = alibaba(&["at", "2023-05-10", "--depth", "1"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "Reporting lines\nDaniel Zhang Yong — Chairman and Chief Executive Officer, Alibaba Group Holding\n\nUnits\nAlibaba Group Holding (group)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Wu Zeming"), "{text}");
    assert!(!text.contains("Cloud Intelligence"), "{text}");
}

#[test]
fn at_depth_cuts_the_unit_tree_below_n_levels() {
    let text = alibaba(&["at", "2023-05-10", "--units", "--depth", "2"])
        .ok()
        .to_string();
    assert!(
        text.contains("├── Taobao-Tmall Commerce (business group)"),
        "{text}"
    );
    assert!(!text.contains("Business centre"), "{text}");
    let text = alibaba(&["at", "2023-05-10", "--units", "--depth", "3"])
        .ok()
        .to_string();
    assert!(text.contains("Business centre"), "{text}");
}

#[test]
fn at_depth_counts_from_the_unit_asked_for() {
    let text = alibaba(&[
        "at",
        "2023-05-10",
        "--units",
        "--unit",
        "taobao-tmall",
        "--depth",
        "1",
    ])
    .ok()
    .to_string();
    assert!(
        text.contains("Units\nTaobao-Tmall Commerce (business group)\n"),
        "{text}"
    );
    assert!(!text.contains("Business centre"), "{text}");
}

#[test]
fn at_depth_applies_to_every_format() {
    let org = ladder();
    let at = |format: &str| {
        org.run(&["at", "2024-01-01", "--depth", "2", "--format", format])
            .ok()
            .to_string()
    };
    let json: serde_json::Value = serde_json::from_str(&at("json")).unwrap();
    assert_eq!(json["depth"], 2);
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("roles"), ["ceo", "cto"]);
    assert_eq!(ids("units"), ["acme", "eng"]);
    assert_eq!(ids("people"), ["ann", "bob"]);

    let csv = at("csv");
    assert_eq!(csv.lines().count(), 3, "header and two roles: {csv}");
    assert!(!csv.contains("Cy Cole"), "{csv}");

    let dot = at("dot");
    assert!(
        dot.contains("Bob Baker") && !dot.contains("Cy Cole"),
        "{dot}"
    );
    let mermaid = at("mermaid");
    assert!(
        mermaid.contains("Bob Baker") && !mermaid.contains("Cy Cole"),
        "{mermaid}"
    );

    // Without --depth, the whole tree, and no "depth" key.
    let json = org.run(&["at", "2024-01-01", "--format", "json"]).json();
    assert_eq!(json["roles"].as_array().unwrap().len(), 5);
    assert!(json.get("depth").is_none());
}

#[test]
fn who_reports_to_all_with_depth_stops_n_levels_below() {
    let org = ladder();
    let names = |args: &[&str]| -> Vec<String> {
        let mut a = vec![
            "who-reports-to",
            "Ann Archer",
            "--at",
            "2024-01-01",
            "--format",
            "json",
        ];
        a.extend_from_slice(args);
        org.run(&a).json()["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r["depth"], r["name"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(
        names(&["--all"]),
        ["1 Bob Baker", "2 Cy Cole", "2 Eve Evans", "3 Dee Dunn"]
    );
    assert_eq!(
        names(&["--all", "--depth", "2"]),
        ["1 Bob Baker", "2 Cy Cole", "2 Eve Evans"]
    );
    // --depth implies --all.
    assert_eq!(
        names(&["--depth", "2"]),
        ["1 Bob Baker", "2 Cy Cole", "2 Eve Evans"]
    );
    assert_eq!(names(&["--depth", "1"]), ["1 Bob Baker"]);

    let text = org
        .run(&[
            "who-reports-to",
            "Ann Archer",
            "--at",
            "2024-01-01",
            "--depth",
            "2",
        ])
        .ok()
        .to_string();
    assert!(text.contains("All who report to Ann Archer"), "{text}");
    assert!(text.contains("  Cy Cole"), "indented: {text}");
    assert!(!text.contains("Dee Dunn"), "{text}");
}

#[test]
fn a_depth_below_1_is_a_usage_error() {
    for depth in ["0", "two"] {
        let err = alibaba(&["at", "2023-05-10", "--depth", depth])
            .fails(2)
            .to_string();
        assert!(err.contains("is not a depth"), "{depth}: {err}");
    }
    alibaba(&["at", "2023-05-10", "--depth", "-1"]).fails(2);
    alibaba(&["who-reports-to", "Zhang", "--depth", "0"]).fails(2);
}

/// Trees deeper than a screen compress their branches: the levels in the
/// middle become one mark saying how many they are, so each line stays
/// short however deep (a chain of 50,000 units printed gigabytes of
/// spaces before).
#[test]
fn trees_deeper_than_a_screen_compress_their_branches() {
    let org = chain_of(40);
    let out = org.run(&["at", "2024-01-01"]);
    let out = out.ok();
    assert!(
        out.contains(
            "                                                ┆ 14 levels ┆                                                 └── P39 — Head, U39\n"
        ),
        "{out}"
    );
    let widest = |out: &str| out.lines().map(|l| l.chars().count()).max().unwrap();
    // The widest line is at 32 levels, drawn in full; three times deeper
    // is no wider.
    let deeper = chain_of(120).run(&["at", "2024-01-01"]);
    assert_eq!(widest(deeper.ok()), widest(out));
    // Shallow lines are drawn in full.
    assert!(
        out.contains(&format!("{}└── P32 — Head, U32\n", " ".repeat(4 * 31))),
        "{out}"
    );
    // A table listed by depth: the level as a number past 32.
    let out = org.run(&["who-reports-to", "P0", "--all", "--at", "2024-01-01"]);
    let out = out.ok();
    assert!(
        out.contains(&format!("\n {}·38 P39 ", "  ".repeat(24))),
        "{out}"
    );
}
