//! `orgctl import tenures`: a table of holdings (person, role, unit,
//! start, end) into a new data folder, checked as a whole before it is
//! written; on any problem nothing is written.

use crate::support::{Org, orgctl};

const MINISTERS: &str = "\
item,itemLabel,positionLabel,organizationLabel,start,end,reference
Q1,Theresa May,Prime Minister,Cabinet Office,+2016-07-13T00:00:00Z,+2019-07-24T00:00:00Z,https://gov.example/pm
Q2,Boris Johnson,Prime Minister,Cabinet Office,2019-07-24,2022-09-06,
Q3,Sajid Javid,Chancellor,HM Treasury,2019-07-24,2020-02-13,
Q4,Rishi Sunak,Chancellor,HM Treasury,2020-02-13,2022-07-05,
Q4,Rishi Sunak,Prime Minister,Cabinet Office,2022-10-25,,
Q5,Philip Hammond,Chancellor,HM Treasury,2016-07,2019-07,
";

/// Imports `csv` (as `t.csv`) into a new folder `out` with `args`.
fn import(csv: &str, args: &[&str]) -> (Org, crate::support::Run) {
    let org = Org::new().file("t.csv", csv);
    let file = org.path().join("t.csv");
    let out = org.path().join("out");
    let mut all = vec![
        "import",
        "tenures",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let run = orgctl(None, &all);
    (org, run)
}

fn at(org: &Org, day: &str) -> String {
    orgctl(Some(&org.path().join("out")), &["at", day])
        .ok()
        .to_string()
}

#[test]
fn a_tenure_table_becomes_records_and_dated_events() {
    let (org, run) = import(MINISTERS, &["--end-exclusive"]);
    let err = {
        run.ok();
        run.stderr.clone()
    };
    assert!(
        err.contains("person ← \"itemLabel\", person_id ← \"item\", role ← \"positionLabel\", unit ← \"organizationLabel\", start ← \"start\", end ← \"end\", source ← \"reference\""),
        "{err}"
    );
    assert!(
        err.contains(
            "read 6 holdings: 5 people, 2 roles, 2 units; 0 roles held by several people at once"
        ),
        "{err}"
    );
    assert_eq!(
        org.read("out/roles.toml"),
        "[[role]]\nid = \"prime-minister\"\ntitle = \"Prime Minister\"\nunit = \"cabinet-office\"\nsince = 2016-07-13\n\n\
         [[role]]\nid = \"chancellor\"\ntitle = \"Chancellor\"\nunit = \"hm-treasury\"\nsince = \"2016-07\"\n"
    );
    // A handover is one event, citing both rows.
    assert_eq!(
        org.read("out/events/2019.toml"),
        r#"[[event]]
date = "2019-07"
title = "Philip Hammond leaves Chancellor, HM Treasury"
sources = ["t.csv, line 7"]
changes = [
  { op = "leave", person = "philip-hammond", role = "chancellor" },
]

[[event]]
date = 2019-07-24
title = "Boris Johnson succeeds Theresa May as Prime Minister, Cabinet Office"
sources = ["t.csv, line 2", "https://gov.example/pm", "t.csv, line 3"]
changes = [
  { op = "leave", person = "theresa-may", role = "prime-minister" },
  { op = "appoint", person = "boris-johnson", role = "prime-minister" },
]

[[event]]
date = 2019-07-24
title = "Sajid Javid takes Chancellor, HM Treasury"
sources = ["t.csv, line 4"]
changes = [
  { op = "appoint", person = "sajid-javid", role = "chancellor" },
]
"#
    );
    // The handover of 24 July 2019: May leaves, Johnson takes the role.
    let day = at(&org, "2019-07-24");
    assert!(
        day.contains("Boris Johnson — Prime Minister, Cabinet Office"),
        "{day}"
    );
    assert!(
        day.contains("Sajid Javid — Chancellor, HM Treasury"),
        "{day}"
    );
    let day = at(&org, "2022-09-10");
    assert!(day.contains("(vacant) — Prime Minister"), "{day}");
    assert!(day.contains("(vacant) — Chancellor"), "{day}");
    let day = at(&org, "2023-01-01");
    assert!(day.contains("Rishi Sunak — Prime Minister"), "{day}");
    orgctl(Some(&org.path().join("out")), &["check"]).ok();
}

#[test]
fn ends_are_the_last_day_held_unless_told_otherwise() {
    let csv = "person,role,unit,start,end\nAnn,Chair,Board,2020-01-01,2020-06-30\nBo,Chair,Board,2020-07-01,\n";
    let (org, run) = import(csv, &[]);
    run.ok();
    let e = org.read("out/events/2020.toml");
    assert!(
        e.contains("date = 2020-07-01\ntitle = \"Bo succeeds Ann as Chair, Board\""),
        "{e}"
    );
    assert!(at(&org, "2020-06-30").contains("Ann — Chair, Board"));
    assert!(at(&org, "2020-07-01").contains("Bo — Chair, Board"));
    // A month end: the person left some time in that month.
    let csv = "person,role,unit,start,end\nAnn,Chair,Board,2019,2020-06\n";
    let (org, _) = import(csv, &[]);
    assert!(
        org.read("out/events/2020.toml")
            .contains("date = \"2020-06\"")
    );
}

#[test]
fn overlapping_holdings_make_a_role_of_several_seats() {
    let csv = "person,role,unit,start,end\nAnn,Director,Board,2020-01-01,2022-12-31\nBo,Director,Board,2021-01-01,\nCy,Director,Board,2021-06-01,2021-12-31\nDee,Director,Board,2023-01-01,\n";
    let (org, run) = import(csv, &[]);
    let err = {
        run.ok();
        run.stderr.clone()
    };
    assert!(
        err.contains("1 role held by several people at once (director)"),
        "{err}"
    );
    assert!(err.contains("give --end-exclusive"), "{err}");
    assert!(org.read("out/roles.toml").contains("seats = 3\n"));
    let day = at(&org, "2021-07-01");
    for who in ["Ann", "Bo", "Cy"] {
        assert!(day.contains(who), "{who} in {day}");
    }
}

#[test]
fn units_come_from_a_units_table_with_their_parents_and_ends() {
    let org = Org::new()
        .file("units.csv", "id,name,parent,start,end\nG,Government,,2000,\nT,Treasury,G,2000,\nD,Department for Brexit,G,2016-07-14,2020-01-31\n")
        .file("t.csv", "person,role,unit_id,start,end\nAnn,Secretary of State,D,2016-07-14,2018-07-08\nBo,Secretary of State,D,2018-07-09,\nCy,Chancellor,T,2016-07-13,\n");
    let out = org.path().join("out");
    let run = orgctl(
        None,
        &[
            "import",
            "tenures",
            org.path().join("t.csv").to_str().unwrap(),
            "--units",
            org.path().join("units.csv").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.ok();
    let units = org.read("out/units.toml");
    assert!(
        units.contains(
            "id = \"treasury\"\nname = \"Treasury\"\nparent = \"government\"\nsince = \"2000\"\n"
        ),
        "{units}"
    );
    let day = at(&org, "2019-01-01");
    assert!(
        day.contains("Bo — Secretary of State, Department for Brexit"),
        "{day}"
    );
    let units = |day: &str| at(&org, day).split("Units\n").nth(1).unwrap().to_string();
    assert!(units("2020-01-31").contains("Department for Brexit"));
    assert!(!units("2020-02-01").contains("Department for Brexit"));
    let day = at(&org, "2020-02-01");
    assert!(day.contains("Cy — Chancellor, Treasury"), "{day}");
}

#[test]
fn a_holding_with_no_start_holds_from_the_beginning_and_warns() {
    let (org, run) = import(
        "person,role,unit,start,end\nAnn,Chair,Board,,2020-01-01\n",
        &[],
    );
    let err = {
        run.ok();
        run.stderr.clone()
    };
    assert!(err.contains("warning: "), "{err}");
    assert!(
        err.contains("t.csv:2: Ann has no start date: held from the role's beginning"),
        "{err}"
    );
    assert!(org.read("out/roles.toml").contains("holder = \"ann\""));
    assert!(at(&org, "2019-01-01").contains("Ann — Chair"));
}

#[test]
fn bad_rows_are_errors_with_their_line_and_nothing_is_written() {
    let cases = [
        (
            "person,role,unit,start,end\nAnn,Chair,Board,2020-05-01,2019-01-01\n",
            "t.csv:2: this holding ends (2019-01-01) before it starts (2020-05-01)",
        ),
        (
            "person,role,unit,start,end\nAnn,Chair,Board,May 2020,\n",
            "t.csv:2: start: 'May 2020' is not a date",
        ),
        (
            "person,role,unit,start,end\n,Chair,Board,2020,\n",
            "t.csv:2: this holding names no person",
        ),
        (
            "person,role,unit,start,end\nAnn,Chair,Board,2020,2022\nAnn,Chair,Board,2021,\n",
            "t.csv:3: Ann holds Chair twice at once: this row overlaps line 2",
        ),
        (
            "who,what,where\nAnn,Chair,Board\n",
            "no column gives person, role; the headers are 'who', 'what', 'where'",
        ),
        ("", "t.csv:1: the file is empty"),
    ];
    for (csv, want) in cases {
        let (org, run) = import(csv, &[]);
        let err = run.fails(1);
        assert!(err.contains(want), "want {want:?} in {err}");
        assert!(
            !org.path().join("out").exists(),
            "nothing written for {csv:?}"
        );
        let left: Vec<_> = std::fs::read_dir(org.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["t.csv"], "no temporary or lock file left");
    }
}

#[test]
fn map_names_columns_the_headers_do_not() {
    let csv = "Who,Post,Org,From\nAnn,Chair,Board,2020\n";
    let (org, run) = import(
        csv,
        &[
            "--map",
            "person=Who",
            "--map",
            "role=Post",
            "--map",
            "unit=Org",
            "--map",
            "start=From",
        ],
    );
    run.ok();
    assert!(at(&org, "2021-01-01").contains("Ann — Chair, Board"));
    let (_, run) = import(csv, &["--map", "boss=Who"]);
    let err = run.fails(2);
    assert!(
        err.contains("unknown field 'boss'; the fields are person, person_id, role"),
        "{err}"
    );
}

#[test]
fn dry_run_prints_the_toml_and_writes_nothing() {
    let (org, run) = import(
        "person,role,unit,start,end\nAnn,Chair,Board,2020,\n",
        &["--dry-run"],
    );
    let out = run.ok();
    assert!(out.contains("# "), "{out}");
    assert!(
        out.contains("[[person]]\nid = \"ann\"\nname = \"Ann\"\n"),
        "{out}"
    );
    assert!(!org.path().join("out").exists());
}

#[test]
fn an_existing_data_folder_is_never_overwritten() {
    let org = Org::new()
        .file(
            "t.csv",
            "person,role,unit,start,end\nAnn,Chair,Board,2020,\n",
        )
        .file("out/org.toml", "[[unit]]\nid = \"x\"\nname = \"X\"\n");
    let before = org.snapshot();
    let run = orgctl(
        None,
        &[
            "import",
            "tenures",
            org.path().join("t.csv").to_str().unwrap(),
            "--out",
            org.path().join("out").to_str().unwrap(),
        ],
    );
    assert!(run.fails(1).contains("already holds data"));
    assert_eq!(org.snapshot(), before);
}

#[test]
fn a_table_not_in_utf8_is_an_error_at_its_line() {
    let org = Org::new().bytes(
        "t.csv",
        b"person,role,unit,start\nJos\xe9,Chair,Board,2020\n",
    );
    let out = org.path().join("out");
    let run = orgctl(
        None,
        &[
            "import",
            "tenures",
            org.path().join("t.csv").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.fails(1).ends_with("t.csv:2: this table is not UTF-8 text\n  help: save it as UTF-8 (CSV UTF-8 in a spreadsheet)\n"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
