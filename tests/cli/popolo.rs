//! `orgctl export popolo` and `orgctl import popolo`: the history as a
//! Popolo JSON document and back (docs/popolo.md).

use crate::support::Org;

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
    assert!(err.contains("out.json exists"), "{err}");
    assert!(err.contains("help: give --force"), "{err}");
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
