//! `orgctl export popolo` and `orgctl import popolo`: the history as a
//! Popolo JSON document and back (docs/popolo.md).

use crate::support::{Org, bundled_data, generated_history, orgctl};

/// Acme: a unit founded in 2020 and renamed, a CTO appointed in an
/// approximate month who leaves on a day, a source that is a URL.
const ACME: &str = r#"[[unit]]
id = "acme"
name = "Acme"
kind = "company"
sources = ["https://acme.example/about"]

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"
since = "2020"

[[person]]
id = "ann"
name = "Ann Archer"
aka = ["Annie"]

[[person]]
id = "bo"
name = "Bo Brown"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "cto"
title = "CTO"
unit = "eng"
head = true

[[event]]
id = "bo-cto"
date = "2022-11~"
title = "Bo Brown becomes CTO"
sources = ["Acme press release, 2022-11"]
changes = [{ op = "appoint", person = "bo", role = "cto" }]

[[event]]
id = "rename"
date = 2023-05-10
title = "Engineering becomes R&D; Bo Brown leaves"
changes = [
  { op = "rename", unit = "eng", name = "R&D" },
  { op = "leave", person = "bo" },
]
"#;

#[test]
fn export_maps_units_roles_holdings_and_people_with_their_dates_and_events() {
    let org = Org::with(ACME);
    let got = org.run(&["export", "popolo"]).json();
    let want: serde_json::Value = serde_json::from_str(
        r##"{
  "orgctl:format": "orgctl-popolo/1",
  "persons": [
    {
      "id": "ann",
      "name": "Ann Archer",
      "other_names": [
        {
          "name": "Ann Archer",
          "orgctl:kind": "name"
        },
        {
          "name": "Annie",
          "orgctl:kind": "alias"
        }
      ],
      "sources": []
    },
    {
      "id": "bo",
      "name": "Bo Brown",
      "other_names": [
        {
          "name": "Bo Brown",
          "orgctl:kind": "name"
        }
      ],
      "sources": []
    }
  ],
  "organizations": [
    {
      "id": "acme",
      "name": "Acme",
      "classification": "company",
      "parent_id": null,
      "other_names": [
        {
          "name": "Acme",
          "orgctl:kind": "name"
        }
      ],
      "sources": [
        {
          "url": "https://acme.example/about"
        }
      ],
      "orgctl:life": {},
      "orgctl:parents": []
    },
    {
      "id": "eng",
      "name": "R&D",
      "parent_id": "acme",
      "founding_date": "2020",
      "other_names": [
        {
          "name": "Engineering",
          "start_date": "2020",
          "end_date": "2023-05-09",
          "orgctl:end_event": "rename",
          "orgctl:kind": "name"
        },
        {
          "name": "R&D",
          "start_date": "2023-05-10",
          "orgctl:start_event": "rename",
          "orgctl:kind": "name"
        }
      ],
      "sources": [],
      "orgctl:life": {
        "start_date": "2020"
      },
      "orgctl:parents": [
        {
          "id": "acme",
          "start_date": "2020"
        }
      ]
    }
  ],
  "posts": [
    {
      "id": "ceo",
      "label": "CEO",
      "role": "CEO",
      "organization_id": "acme",
      "other_label": [],
      "sources": [],
      "orgctl:titles": [
        {
          "name": "CEO",
          "orgctl:kind": "name"
        }
      ],
      "orgctl:units": [
        {
          "id": "acme"
        }
      ],
      "orgctl:head": [
        {}
      ],
      "orgctl:reports_to": [
        {
          "post_id": null,
          "rule": "top"
        }
      ],
      "orgctl:seats": 1
    },
    {
      "id": "cto",
      "label": "CTO",
      "role": "CTO",
      "organization_id": "eng",
      "start_date": "2020",
      "other_label": [],
      "sources": [],
      "orgctl:titles": [
        {
          "name": "CTO",
          "start_date": "2020",
          "orgctl:kind": "name"
        }
      ],
      "orgctl:units": [
        {
          "id": "eng",
          "start_date": "2020"
        }
      ],
      "orgctl:head": [
        {
          "start_date": "2020"
        }
      ],
      "orgctl:reports_to": [
        {
          "post_id": "ceo",
          "rule": "head of ancestor",
          "organization_id": "acme",
          "start_date": "2020"
        }
      ],
      "orgctl:seats": 1
    }
  ],
  "memberships": [
    {
      "id": "ann/ceo/1",
      "person_id": "ann",
      "post_id": "ceo",
      "organization_id": "acme",
      "role": "CEO"
    },
    {
      "id": "bo/cto/1",
      "person_id": "bo",
      "post_id": "cto",
      "organization_id": "eng",
      "role": "CTO",
      "start_date": "2022-11",
      "end_date": "2023-05-09",
      "orgctl:start": "2022-11~",
      "orgctl:start_event": "bo-cto",
      "orgctl:end_event": "rename"
    }
  ],
  "orgctl:events": [
    {
      "id": "bo-cto",
      "date": "2022-11~",
      "title": "Bo Brown becomes CTO",
      "sources": [
        {
          "note": "Acme press release, 2022-11"
        }
      ]
    },
    {
      "id": "rename",
      "date": "2023-05-10",
      "title": "Engineering becomes R&D; Bo Brown leaves",
      "sources": []
    }
  ]
}
"##,
    )
    .unwrap();
    assert_eq!(got, want, "{}", serde_json::to_string_pretty(&got).unwrap());
}

#[test]
fn export_to_a_file_refuses_to_replace_it_without_force() {
    let org = Org::with(ACME);
    let file = org.path().join("out.json");
    org.run(&["export", "popolo", file.to_str().unwrap()]).ok();
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.contains("\"orgctl:format\": \"orgctl-popolo/1\""));
    std::fs::write(&file, "mine").unwrap();
    let err = org
        .run(&["export", "popolo", file.to_str().unwrap()])
        .fails(1)
        .to_string();
    assert!(
        err.contains("out.json exists; give --force to replace it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    org.run(&["export", "popolo", file.to_str().unwrap(), "--force"])
        .ok();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    let left: Vec<_> = std::fs::read_dir(org.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("orgctl-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `orgctl at DAY` as JSON, as the binary prints it, read in this process.
fn at_json(h: &orgctl::timeline::History, day: chrono::NaiveDate) -> serde_json::Value {
    let view = orgctl::query::at(h, day, None);
    serde_json::to_value(orgctl::render::output::at::At::new(&view)).unwrap()
}

/// Exports `data`, imports the document into a new folder and compares
/// `at` on every day an event of `data` starts, whole (ids included: an
/// exported document's ids are valid ids, kept as they are). Returns the
/// number of days and what the import printed.
fn round_trip(data: &std::path::Path) -> (usize, String) {
    let work = tempfile::tempdir().unwrap();
    let json = work.path().join("org.json");
    let out = work.path().join("imported");
    orgctl(Some(data), &["export", "popolo", json.to_str().unwrap()]).ok();
    let (json, out) = (json.to_str().unwrap(), out.to_str().unwrap());
    let run = orgctl(None, &["import", "popolo", json, "--out", out]);
    run.ok();
    let before = orgctl::load::load_folder(data).expect("the data loads");
    let after = orgctl::load::load_folder(std::path::Path::new(out)).expect("the import loads");
    let mut days: Vec<chrono::NaiveDate> =
        before.events.iter().map(|e| e.date.first_day()).collect();
    days.dedup();
    for &day in &days {
        assert_eq!(
            at_json(&after, day),
            at_json(&before, day),
            "at {day} differs after the round trip"
        );
    }
    (days.len(), run.stderr)
}

#[test]
fn export_then_import_gives_the_same_answers_to_at_on_every_event_date_of_alibaba() {
    let (days, summary) = round_trip(&bundled_data().join("alibaba"));
    assert_eq!(days, 4);
    assert!(
        summary.ends_with("3 persons, 12 organizations, 9 posts, 3 memberships, 7 events\n"),
        "{summary}"
    );
}

/// A generated history (renames, moves, dissolutions into others,
/// acting holders, boards of several seats, approximate dates and
/// windows), smaller than S so that every event date is compared.
#[test]
fn export_then_import_gives_the_same_answers_to_at_on_every_event_date_of_a_generated_history() {
    let dir = generated_history(200, 6, 3);
    let (days, summary) = round_trip(dir.path());
    assert!(days > 100, "{days} event days");
    assert!(summary.contains(" memberships, "), "{summary}");
}

/// A Popolo document as a parliament database or EveryPolitician writes
/// it: ids that are paths, reduced dates, a membership with no start
/// (the post's holder from its beginning), a handover on the last day
/// held, memberships of an organization with a role label only, two of
/// them at once.
const COUNCIL: &str = r#"{
  "persons": [
    {"id": "person/1", "name": "Wu Zeming",
     "other_names": [{"name": "Wu Ze-ming", "start_date": "2019", "end_date": "2021-06-30"}]},
    {"id": "person/2", "name": "Ada Li"},
    {"id": "person/3", "name": "Bo Chen"},
    {"id": "person/4", "name": "Cy Diaz"}
  ],
  "organizations": [
    {"id": "org/group", "name": "Acme Group", "classification": "group"},
    {"id": "org/labs", "name": "Acme Labs", "classification": "subsidiary",
     "parent_id": "org/group", "founding_date": "2020-03", "dissolution_date": "2024",
     "sources": [{"url": "https://acme.example/labs"}]},
    {"id": "org/board", "name": "Board", "parent_id": "org/group"}
  ],
  "posts": [
    {"id": "post/ceo", "label": "Chief Executive Officer", "organization_id": "org/group"},
    {"id": "post/labs-head", "label": "Head of Labs", "organization_id": "org/labs",
     "start_date": "2020-03", "end_date": "2023-12-31"}
  ],
  "memberships": [
    {"id": "m1", "person_id": "person/2", "post_id": "post/ceo"},
    {"id": "m2", "person_id": "person/1", "post_id": "post/labs-head",
     "start_date": "2020-03", "end_date": "2022-05-10"},
    {"id": "m3", "person_id": "person/3", "post_id": "post/labs-head",
     "start_date": "2022-05-10"},
    {"id": "m4", "person_id": "person/3", "organization_id": "org/board", "role": "Director",
     "start_date": "2021-01-01"},
    {"id": "m5", "person_id": "person/4", "organization_id": "org/board", "role": "Director",
     "start_date": "2021-06-15", "end_date": "2022"}
  ]
}
"#;

#[test]
fn import_turns_a_popolo_document_into_a_data_folder_dated_from_its_dates() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("council.json");
    std::fs::write(&file, COUNCIL).unwrap();
    let out = work.path().join("council");
    let (f, o) = (file.to_str().unwrap(), out.to_str().unwrap());
    let run = orgctl(None, &["import", "popolo", f, "--out", o]);
    run.ok();
    assert!(
        run.stderr.ends_with(
            "council.json: 4 persons, 3 organizations, 3 posts (1 with several seats), 1 of them made for memberships without a post, 5 memberships, 7 events\n"
        ),
        "{}",
        run.stderr
    );
    let roles = std::fs::read_to_string(out.join("roles.toml")).unwrap();
    assert_eq!(
        roles,
        r#"# Imported from council.json by orgctl import popolo

[[role]]
id = "post-ceo"
title = "Chief Executive Officer"
unit = "org-group"
holder = "person-2"

[[role]]
id = "post-labs-head"
title = "Head of Labs"
unit = "org-labs"
since = "2020-03"
holder = "person-1"

[[role]]
id = "org-board-director"
title = "Director"
unit = "org-board"
seats = 2
"#
    );
    let people = std::fs::read_to_string(out.join("people.toml")).unwrap();
    assert!(
        people.contains("aka = [{ name = \"Wu Ze-ming\", since = \"2019\", until = 2021-07-01 }]"),
        "{people}"
    );
    let log = orgctl(Some(&out), &["log", "--oneline"]);
    assert_eq!(
        log.ok(),
        "\
2021-01-01  2021-01-01-bo-chen-appointed-director        Bo Chen appointed Director
2021-06-15  2021-06-15-cy-diaz-appointed-director        Cy Diaz appointed Director
2022        2022-cy-diaz-leaves-as-director              Cy Diaz leaves as Director
2022-05-10  2022-05-10-wu-zeming-leaves-as-head-of-labs  Wu Zeming leaves as Head of Labs
2022-05-10  2022-05-10-bo-chen-appointed-head-of-labs    Bo Chen appointed Head of Labs
2024-01-01  2024-01-01-head-of-labs-eliminated           Head of Labs eliminated
2024        2024-acme-labs-dissolved                     Acme Labs dissolved
"
    );
    let csv = orgctl(Some(&out), &["at", "2021-07-01", "--format", "csv"]);
    assert_eq!(
        csv.ok(),
        "\
depth,role_id,role_title,unit_id,unit_name,head,reports_to_role,person_id,person_name,status,acting,since,uncertain,manager_id,manager_name,person_attributes
1,post-ceo,Chief Executive Officer,org-group,Acme Group,false,,person-2,Ada Li,filled,false,,false,,,{}
1,post-labs-head,Head of Labs,org-labs,Acme Labs,false,,person-1,Wu Zeming,filled,false,2020-03,false,,,{}
1,org-board-director,Director,org-board,Board,false,,person-3,Bo Chen,filled,false,2021-01-01,false,,,{}
1,org-board-director,Director,org-board,Board,false,,person-4,Cy Diaz,filled,false,2021-06-15,false,,,{}
"
    );
    let events = std::fs::read_to_string(out.join("events/2022.toml")).unwrap();
    assert!(events.contains("sources = [\"council.json\"]"), "{events}");
    orgctl(Some(&out), &["check"]).ok();
}

#[test]
fn import_names_the_fields_it_has_no_place_for() {
    let work = tempfile::tempdir().unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(COUNCIL).unwrap();
    doc["persons"][0]["email"] = "wu@acme.example".into();
    doc["persons"][1]["email"] = "ada@acme.example".into();
    doc["memberships"][0]["area_id"] = "area/1".into();
    doc["areas"] = serde_json::json!([{ "id": "area/1", "name": "North" }]);
    let file = work.path().join("council.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = work.path().join("council");
    let (f, o) = (file.to_str().unwrap(), out.to_str().unwrap());
    let run = orgctl(None, &["import", "popolo", f, "--out", o, "--dry-run"]);
    assert!(run.ok().starts_with("# "), "the files, on stdout");
    assert!(!out.exists(), "a dry run writes nothing");
    assert!(
        run.stderr.ends_with(
            "note: not imported, orgctl has no place for them: persons[].email (2), memberships[].area_id (1), areas (1)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("would import "), "{}", run.stderr);
}

/// Every problem of the document, each at its JSON path with its value.
const DIRTY: &str = r#"{
  "persons": [
    {"id": "ann", "name": "Ann Archer"},
    {"id": "ann", "name": "Ann Again"},
    {"id": "bo"}
  ],
  "organizations": [
    {"id": "acme", "name": "Acme", "founding_date": "2020-13"},
    {"id": "labs", "name": "Labs", "parent_id": "nowhere"}
  ],
  "posts": [
    {"id": "ceo", "label": "CEO", "organization_id": "acme",
     "start_date": "2023-05-10", "end_date": "2023-01-31"}
  ],
  "memberships": [
    {"person_id": "ann", "post_id": "ceo", "start_date": "10 May 2023"},
    {"person_id": "cy", "post_id": "cfo"}
  ]
}
"#;

#[test]
fn import_lists_every_problem_with_its_json_path_and_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("dirty.json");
    std::fs::write(&file, DIRTY).unwrap();
    let out = work.path().join("out");
    let run = orgctl(
        None,
        &[
            "import",
            "popolo",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let err = run.fails(1).replace(file.to_str().unwrap(), "dirty.json");
    assert_eq!(
        err,
        "\
error: dirty.json cannot be imported: 8 problems; nothing was written
  dirty.json: persons[1].id: 'ann' is the id of an earlier person too (ids must be unique)
  dirty.json: persons[2].name: missing (every record needs one)
  dirty.json: organizations[0].founding_date: '2020-13' is not a date: Popolo dates are YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601)
  dirty.json: organizations[1].parent_id: 'nowhere' is no organization of the document
  dirty.json: posts[0]: it ends before it starts (start_date \"2023-05-10\", end_date \"2023-01-31\")
  dirty.json: memberships[0].start_date: '10 May 2023' is not a date: Popolo dates are YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601)
  dirty.json: memberships[1].person_id: 'cy' is no person of the document
  dirty.json: memberships[1].post_id: 'cfo' is no post of the document
  help: correct the document (each problem is at its JSON path), then import it again
"
    );
    assert!(!out.exists());
    let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the document is left: {left:?}");
}

#[test]
fn import_refuses_a_folder_that_holds_files_and_a_file_that_is_not_json() {
    let org = Org::with(ACME);
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("org.json");
    std::fs::write(&file, "{ \"persons\": [ }").unwrap();
    let f = file.to_str().unwrap();
    let err = orgctl(None, &["import", "popolo", f, "--out", "x"])
        .fails(1)
        .to_string();
    assert!(err.contains("org.json:1:16: this is not JSON"), "{err}");
    std::fs::write(&file, COUNCIL).unwrap();
    let before = org.snapshot();
    let out = org.path().to_str().unwrap();
    let err = orgctl(None, &["import", "popolo", f, "--out", out])
        .fails(1)
        .to_string();
    assert!(err.contains("already holds files"), "{err}");
    assert!(
        err.contains("help: give a folder that does not exist yet"),
        "{err}"
    );
    assert_eq!(org.snapshot(), before);
}
