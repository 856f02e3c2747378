//! `review BASE [HEAD]`: what a change to the data does, for a reviewer.
//! A repository with a small org on `main`, a branch that moves two people
//! and adds a team, and a branch that edits the past.

use crate::support::Repo;

/// Eng with two teams; Ann heads it, Bo and Cy are engineers in Web, Dee
/// joins Web on 2024-03-01.
const ORG: &str = r#"[[unit]]
id = "eng"
name = "Engineering"

[[unit]]
id = "web"
name = "Web"
parent = "eng"

[[unit]]
id = "api"
name = "API"
parent = "eng"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bo"
name = "Bo Brown"

[[person]]
id = "cy"
name = "Cy Cole"

[[person]]
id = "dee"
name = "Dee Dunn"

[[role]]
id = "eng-lead"
title = "Head of Engineering"
unit = "eng"
head = true
holder = "ann"

[[role]]
id = "web-1"
title = "Web Engineer"
unit = "web"
holder = "bo"

[[role]]
id = "web-2"
title = "Web Engineer"
unit = "web"
holder = "cy"

[[role]]
id = "web-3"
title = "Web Engineer"
unit = "web"

[[role]]
id = "api-1"
title = "API Engineer"
unit = "api"

[[role]]
id = "api-2"
title = "API Engineer"
unit = "api"

[[event]]
id = "dee-joins"
date = "2024-03-01"
title = "Dee Dunn joins Web"
changes = [
  { op = "appoint", person = "dee", role = "web-3" },
]
"#;

/// The change of the `reorg` branch: Bo and Cy move to API on
/// 2024-06-01, and a Mobile team is created that day.
const REORG: &str = r#"
[[unit]]
id = "mobile"
name = "Mobile"
parent = "eng"

[[role]]
id = "mobile-1"
title = "Mobile Engineer"
unit = "mobile"

[[event]]
id = "api-team"
date = "2024-06-01"
title = "Bo and Cy move to API; Mobile is created"
changes = [
  { op = "leave", person = "bo", role = "web-1" },
  { op = "appoint", person = "bo", role = "api-1" },
  { op = "leave", person = "cy", role = "web-2" },
  { op = "appoint", person = "cy", role = "api-2" },
  { op = "create", unit = "mobile" },
  { op = "create", role = "mobile-1" },
]
"#;

/// `main` holds [`ORG`]; branch `reorg` adds [`REORG`]; branch `past`
/// declares role `web-2` in API (since always); the working tree is
/// `main`.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.write("data/org.toml", ORG.as_bytes()).commit("Eng");
    repo.git(&["checkout", "-q", "-b", "reorg"]);
    repo.write("data/org.toml", format!("{ORG}{REORG}").as_bytes())
        .commit("Bo and Cy move to API, Mobile");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "past"]);
    let past = ORG.replacen(
        "id = \"web-2\"\ntitle = \"Web Engineer\"\nunit = \"web\"",
        "id = \"web-2\"\ntitle = \"Web Engineer\"\nunit = \"api\"",
        1,
    );
    assert_ne!(past, ORG);
    repo.write("data/org.toml", past.as_bytes())
        .commit("web-2 was in API all along");
    repo.git(&["checkout", "-q", "main"]);
    repo
}

#[test]
fn review_of_a_reorg_lists_the_event_the_moves_and_the_headcount_and_no_corrections() {
    let repo = repo();
    let out = repo.run(&["review", "main", "reorg"]);
    assert_eq!(
        out.ok(),
        "1 added, 0 removed, 0 edited events; 2 people changed; 0 corrections of the past
earliest new effective date: 2024-06-01

Events
  + 2024-06-01 api-team  Bo and Cy move to API; Mobile is created

People
  2024-06-01 bo: web-1 (web) -> api-1 (api)
  2024-06-01 cy: web-2 (web) -> api-2 (api)

Headcount (each unit with the units under it)
  2024-06-01 api: 0 people, 0 vacant -> 2 people, 0 vacant
  2024-06-01 eng: 4 people, 0 vacant -> 4 people, 2 vacant
  2024-06-01 mobile: - -> 0 people, 0 vacant
  2024-06-01 web: 3 people, 0 vacant -> 1 people, 2 vacant

Corrections of the past (0)
  none
"
    );
}

#[test]
fn review_as_markdown_is_a_pull_request_comment_with_a_chart_of_the_units_changed() {
    let repo = repo();
    let out = repo.run(&["review", "main", "reorg", "--format", "markdown"]);
    assert_eq!(
        out.ok(),
        r##"## orgctl review

**1 added, 0 removed, 0 edited events; 2 people changed; 0 corrections of the past**

Earliest new effective date: 2024-06-01

### Events

| | event | date | title |
| --- | --- | --- | --- |
| added | `api-team` | 2024-06-01 | Bo and Cy move to API; Mobile is created |

### People

| date | person | before | after |
| --- | --- | --- | --- |
| 2024-06-01 | `bo` | `web-1` (web) | `api-1` (api) |
| 2024-06-01 | `cy` | `web-2` (web) | `api-2` (api) |

### Headcount (each unit with the units under it)

| date | unit | before | after |
| --- | --- | --- | --- |
| 2024-06-01 | `api` | 0 people, 0 vacant | 2 people, 0 vacant |
| 2024-06-01 | `eng` | 4 people, 0 vacant | 4 people, 2 vacant |
| 2024-06-01 | `mobile` | - | 0 people, 0 vacant |
| 2024-06-01 | `web` | 3 people, 0 vacant | 1 people, 2 vacant |

### Corrections of the past (0)

None.

### Units changed

```mermaid
flowchart TB
  %% units whose headcount the change touches, on 2024-06-01
  u0["Engineering"]
  u1["Web"]
  u2["API"]
  u3["Mobile"]
  u0 --> u1
  u0 --> u2
  u0 --> u3
  subgraph legend["Legend"]
    direction TB
    legend_created["created"]
    legend_removed["removed"]
    legend_changed["moved or changed"]
    legend_created ~~~ legend_removed
    legend_removed ~~~ legend_changed
  end
  classDef changed stroke:#d9730d,stroke-width:2px,color:#d9730d
  classDef created stroke:#1a7f37,stroke-width:2px,color:#1a7f37
  classDef removed stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#cf222e
  class u0,u1,u2,legend_changed changed
  class u3,legend_created created
  class legend_removed removed
```
"##
    );
}

#[test]
fn review_as_markdown_warns_of_corrections_of_the_past() {
    let repo = repo();
    let out = repo.run(&["review", "main", "past", "--format", "markdown"]);
    let text = out.ok();
    assert!(
        text.contains(
            "> [!WARNING]
> This change corrects the past: 4 facts before its earliest new date, or in a closed period, change. See below.
"
        ),
        "{text}"
    );
    assert!(
        text.contains("| role_unit | `web-2` | 2024-02-29 to 2024-03-01 | web | api |\n"),
        "{text}"
    );
}

#[test]
fn markdown_is_only_for_review() {
    let repo = repo();
    let out = repo.run(&["at", "2024-01-01", "--format", "markdown"]);
    assert_eq!(
        out.fails(2),
        "error: `at` cannot be shown as --format markdown; it supports --format table, json, csv, dot, mermaid\n"
    );
}

#[test]
fn review_as_json_names_the_event_the_moves_and_no_corrections() {
    let repo = repo();
    let out = repo.run(&["review", "main", "reorg", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(doc["added"][0]["id"], "api-team");
    assert_eq!(doc["first_new_date"], "2024-06-01");
    assert_eq!(doc["people"][0]["person"], "bo");
    assert_eq!(doc["people"][0]["base"]["role"], "web-1");
    assert_eq!(doc["people"][0]["head"]["unit"], "api");
    assert_eq!(doc["corrections"], serde_json::json!([]));
    // Engineering counts Web and API: the same four people, and the two
    // roles Bo and Cy left vacant.
    assert_eq!(
        doc["headcount"][1],
        serde_json::json!({
            "date": "2024-06-01",
            "unit": "eng",
            "base": { "headcount": 4, "vacancies": 0 },
            "head": { "headcount": 4, "vacancies": 2 },
        })
    );
    assert_eq!(doc["headcount"][2]["unit"], "mobile");
    assert_eq!(doc["headcount"][2]["base"], serde_json::Value::Null);
    assert_eq!(
        doc["headcount"][3],
        serde_json::json!({
            "date": "2024-06-01",
            "unit": "web",
            "base": { "headcount": 3, "vacancies": 0 },
            "head": { "headcount": 1, "vacancies": 2 },
        })
    );
}

/// Review's headcount and vacancies of a unit are those of `stats --by
/// unit` on the same day: the unit with the units under it, each person
/// once.
#[test]
fn review_counts_each_unit_as_stats_by_unit_does() {
    let repo = repo();
    let doc = repo
        .run(&["review", "main", "reorg", "--format", "json"])
        .json();
    repo.git(&["checkout", "-q", "reorg"]);
    // No event after 2024-06-01: the month end is the same day.
    let stats = repo
        .run(&[
            "stats", "--from", "2024-06", "--to", "2024-06", "--by", "unit", "--format", "json",
        ])
        .json();
    repo.git(&["checkout", "-q", "main"]);
    let rows = doc["headcount"].as_array().expect("headcount");
    assert_eq!(rows.len(), 4);
    for row in rows {
        let unit = &row["unit"];
        let s = stats["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| &r["unit_id"] == unit)
            .expect("a stats row of the unit");
        assert_eq!(
            (&row["head"]["headcount"], &row["head"]["vacancies"]),
            (&s["headcount"], &s["vacant_roles"]),
            "{unit}"
        );
    }
}

#[test]
fn review_of_an_edited_declaration_shows_corrections_and_deny_fails() {
    let repo = repo();
    let out = repo.run(&["review", "main", "past"]);
    // Compared on each event day and the day before it (and each month
    // end), up to the last event: web-2 was in API from the start.
    assert_eq!(
        out.ok(),
        "0 added, 0 removed, 0 edited events; 0 people changed; 4 corrections of the past

Events
  none

People
  none

Headcount (each unit with the units under it)
  no change

Corrections of the past (4)
  ! headcount api 2024-02-29 to 2024-03-01: 0 -> 1
  ! headcount web 2024-02-29: 2 -> 1
  ! headcount web 2024-03-01: 3 -> 2
  ! role_unit web-2 2024-02-29 to 2024-03-01: web -> api
"
    );
    let denied = repo.run(&["review", "main", "past", "--deny", "corrections"]);
    assert_eq!(
        denied.fails(1),
        "error: the change corrects the past (4 corrections) and --deny corrections is given
  help: if the corrections are meant, say so in the review and run without --deny corrections
"
    );
    // Without corrections, --deny corrections passes.
    repo.run(&["review", "main", "reorg", "--deny", "corrections"])
        .ok();
}

#[test]
fn review_staged_reads_the_index_against_a_revision() {
    let repo = repo();
    repo.write("data/org.toml", format!("{ORG}{REORG}").as_bytes());
    repo.git(&["add", "data/org.toml"]);
    repo.write("data/org.toml", ORG.as_bytes());
    let staged = repo.run(&["review", "main", "--staged"]);
    assert!(
        staged.ok().starts_with("1 added, 0 removed"),
        "{}",
        staged.stdout
    );
    // The working tree is main again: nothing changed.
    let tree = repo.run(&["review", "main"]);
    assert!(
        tree.ok()
            .starts_with("0 added, 0 removed, 0 edited events; 0 people changed; 0 corrections"),
        "{}",
        tree.stdout
    );
}

#[test]
fn review_of_an_unknown_revision_says_so() {
    let repo = repo();
    let out = repo.run(&["review", "nope"]);
    assert_eq!(
        out.fails(2),
        format!(
            "error: unknown revision 'nope' in the repository at '{}'
  help: `git log --oneline` lists the commits, `git branch` and `git tag` the names
",
            repo.path().display()
        )
    );
}

#[test]
fn an_event_moved_into_a_closed_period_is_edited_and_corrects_the_past() {
    let repo = repo();
    repo.write(
        "data/org.toml",
        ORG.replace("date = \"2024-03-01\"", "date = \"2024-02-15\"")
            .as_bytes(),
    );
    repo.write("orgctl.toml", b"data = \"data\"\nclosed = [\"2024-02\"]\n");
    let out = repo.run(&["review", "main"]);
    assert_eq!(
        out.ok(),
        "0 added, 0 removed, 1 edited events; 1 people changed; 4 corrections of the past
earliest new effective date: 2024-02-15

Events
  ~ 2024-03-01 -> 2024-02-15 dee-joins  Dee Dunn joins Web

People
  2024-02-15 dee: - -> web-3 (web)

Headcount (each unit with the units under it)
  2024-02-15 eng: 3 people, 0 vacant -> 4 people, 0 vacant
  2024-02-15 web: 2 people, 0 vacant -> 3 people, 0 vacant

Corrections of the past (4)
  ! headcount eng 2024-02-15 to 2024-02-29: 3 -> 4
  ! headcount web 2024-02-15 to 2024-02-29: 2 -> 3
  ! person_role dee 2024-02-15 to 2024-02-29: - -> web-3
  ! closed_event dee-joins 2024-02-15: edited in the period closed through 2024-02-29
"
    );
}

#[test]
fn review_without_a_data_folder_is_a_usage_error() {
    let repo = Repo::new();
    repo.write("README", b"no data here\n").commit("readme");
    let out = repo.run(&["review", "main"]);
    let err = out.fails(2);
    assert!(
        err.starts_with("error: no data folder: name one with --data DIR"),
        "{err}"
    );
}
