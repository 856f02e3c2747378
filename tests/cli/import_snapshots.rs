//! `orgctl import snapshots`: dated CSV exports of an HR system (one row
//! per person) into a data folder. The first snapshot is declared as of
//! its date; each later one adds one event per person or unit whose
//! situation changed, dated with the window between the two snapshots and
//! citing the file; a movement table reconciles the headcounts; dirty
//! exports are warned about with file:line; a folder an import wrote is
//! continued, and the same snapshot again changes nothing.

use crate::support::{Org, Run, orgctl, orgctl_in};

/// Acme on 31 January 2024: Ada runs the company (the Board), Bob the
/// engineers Cy and Dee.
const JAN: &str = "\
Employee Id,First Name,Last Name,Job Title,Department,Manager ID
1,Ada,Lovelace,CEO,Board,
2,Bob,Baker,CTO,Engineering,1
3,Cy,Cole,Engineer,Engineering,2
4,Dee,Dunn,Engineer,Engineering,2
";

/// On 29 February: Cy is retitled, Eve is hired to head a new Research
/// unit, and Dee moves there as its Lead, under Eve.
const FEB: &str = "\
Employee Id,First Name,Last Name,Job Title,Department,Manager ID
1,Ada,Lovelace,CEO,Board,
2,Bob,Baker,CTO,Engineering,1
3,Cy,Cole,Senior Engineer,Engineering,2
5,Eve,Evans,Researcher,Research,1
4,Dee,Dunn,Lead,Research,5
";

/// On 31 March: Bob has left; Cy is CTO under Ada; Fay joins under Cy.
const MAR: &str = "\
Employee Id,First Name,Last Name,Job Title,Department,Manager ID
1,Ada,Lovelace,CEO,Board,
3,Cy,Cole,CTO,Engineering,1
5,Eve,Evans,Researcher,Research,1
4,Dee,Dunn,Lead,Research,5
6,Fay,Fox,Engineer,Engineering,3
";

/// A folder holding the three snapshots.
fn exports() -> Org {
    Org::new()
        .file("hr-2024-01-31.csv", JAN)
        .file("hr-2024-02-29.csv", FEB)
        .file("hr-2024-03-31.csv", MAR)
}

/// `orgctl import snapshots ARGS... --out org`, run in `dir`.
fn import(dir: &Org, args: &[&str]) -> Run {
    let mut all = vec!["import", "snapshots"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", "org"]);
    orgctl_in(dir.path(), &[], &all)
}

/// `orgctl ARGS...` on the imported folder.
fn on(dir: &Org, args: &[&str]) -> Run {
    orgctl(Some(&dir.path().join("org")), args)
}

/// The reporting lines `at DAY` prints.
fn lines_at(dir: &Org, day: &str) -> String {
    let out = on(dir, &["at", day]).ok().to_string();
    let start = out.find("Reporting lines\n").expect("reporting lines");
    let end = out.find("\nUnits\n").expect("units");
    out[start + "Reporting lines\n".len()..end].to_string()
}

#[test]
fn the_first_snapshot_is_declared_as_of_its_date() {
    let dir = Org::new().file("hr-2024-01-31.csv", JAN);
    let run = import(&dir, &["hr-2024-01-31.csv"]);
    assert_eq!(
        run.ok(),
        "\
Headcount on 2024-01-31 (the first snapshot)
unit         before  hires  departures  in  out  after
Board             1      0           0   0    0      1
Engineering       3      0           0   0    0      3
total             4      0           0   0    0      4
"
    );
    assert_eq!(
        run.stderr,
        "\
hr-2024-01-31.csv: id ← \"Employee Id\", name ← \"First Name\" + \"Last Name\", title ← \"Job Title\", unit ← \"Department\", manager ← \"Manager ID\"
wrote org/people.toml
wrote org/roles.toml
wrote org/units.toml
"
    );
    assert_eq!(
        dir.read("org/units.toml"),
        r#"[[unit]]
id = "u-board"
name = "Board"
since = 2024-01-31
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]

[[unit]]
id = "u-engineering"
name = "Engineering"
since = 2024-01-31
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]
"#
    );
    assert_eq!(
        dir.read("org/people.toml"),
        r#"[[person]]
id = "p-1"
name = "Ada Lovelace"

[[person]]
id = "p-2"
name = "Bob Baker"

[[person]]
id = "p-3"
name = "Cy Cole"

[[person]]
id = "p-4"
name = "Dee Dunn"
"#
    );
    assert_eq!(
        dir.read("org/roles.toml"),
        r#"[[role]]
id = "r-1"
title = "CEO"
unit = "u-board"
top = true
since = 2024-01-31
holder = "p-1"
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]

[[role]]
id = "r-2"
title = "CTO"
unit = "u-engineering"
reports_to = "r-1"
since = 2024-01-31
holder = "p-2"
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]

[[role]]
id = "r-3"
title = "Engineer"
unit = "u-engineering"
reports_to = "r-2"
since = 2024-01-31
holder = "p-3"
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]

[[role]]
id = "r-4"
title = "Engineer"
unit = "u-engineering"
reports_to = "r-2"
since = 2024-01-31
holder = "p-4"
sources = ["hr-2024-01-31.csv (snapshot of 2024-01-31)"]
"#
    );
    assert_eq!(
        lines_at(&dir, "2024-01-31"),
        "\
Ada Lovelace — CEO, Board
└── Bob Baker — CTO, Engineering
    ├── Cy Cole — Engineer, Engineering
    └── Dee Dunn — Engineer, Engineering
"
    );
    // Nothing is known before the snapshot.
    assert_eq!(lines_at(&dir, "2024-01-30"), "  (no roles)\n");
}

#[test]
fn changes_between_two_snapshots_are_one_event_per_person_dated_with_the_window() {
    let dir = exports();
    import(&dir, &["hr-2024-01-31.csv", "hr-2024-02-29.csv"]).ok();
    assert_eq!(
        dir.read("org/events/2024-02-29.toml"),
        r#"[[event]]
date = "2024-01-31/2024-02-29"
title = "Unit created: Research"
sources = ["hr-2024-02-29.csv (snapshot of 2024-02-29)"]
changes = [
  { op = "create", unit = "u-research" },
]

[[event]]
date = "2024-01-31/2024-02-29"
title = "Eve Evans joins Research as Researcher"
sources = ["hr-2024-02-29.csv (snapshot of 2024-02-29)"]
changes = [
  { op = "create", role = "r-5" },
  { op = "appoint", person = "p-5", role = "r-5" },
  { op = "report", role = "r-5", to = "r-1" },
]

[[event]]
date = "2024-01-31/2024-02-29"
title = "Cy Cole is retitled Senior Engineer (was Engineer)"
sources = ["hr-2024-02-29.csv (snapshot of 2024-02-29)"]
changes = [
  { op = "rename", role = "r-3", title = "Senior Engineer" },
]

[[event]]
date = "2024-01-31/2024-02-29"
title = "Dee Dunn moves from Engineering to Research as Lead, now reports to Eve Evans"
sources = ["hr-2024-02-29.csv (snapshot of 2024-02-29)"]
changes = [
  { op = "create", role = "r-4-2" },
  { op = "leave", person = "p-4", role = "r-4" },
  { op = "appoint", person = "p-4", role = "r-4-2" },
  { op = "report", role = "r-4-2", to = "r-5" },
  { op = "eliminate", role = "r-4" },
]
"#
    );
    // The new records: no `since`, the events create them.
    assert!(dir.read("org/roles.toml").ends_with(
        r#"
[[role]]
id = "r-5"
title = "Researcher"
unit = "u-research"

[[role]]
id = "r-4-2"
title = "Lead"
unit = "u-research"
"#
    ));
    assert!(
        dir.read("org/units.toml")
            .ends_with("\n[[unit]]\nid = \"u-research\"\nname = \"Research\"\n")
    );
    let feb =
        lines_at(&dir, "2024-02-29").replace(" [uncertain: within 2024-01-31/2024-02-29]", "");
    assert_eq!(
        feb.replace(" [role uncertain: within 2024-01-31/2024-02-29]", ""),
        "\
Ada Lovelace — CEO, Board
├── Bob Baker — CTO, Engineering
│   └── Cy Cole — Senior Engineer, Engineering
└── Eve Evans — Researcher, Research
    └── Dee Dunn — Lead, Research
"
    );
    let diff = on(&dir, &["diff", "2024-01-31", "2024-02-29", "--people"]);
    assert!(diff.ok().contains("Dee Dunn"), "{}", diff.stdout);
    let check = on(&dir, &["check", "--strict"]);
    assert!(check.ok().contains("no problems found"), "{}", check.stdout);
}

#[test]
fn departures_promotions_and_the_lines_that_follow_them() {
    let dir = exports();
    import(
        &dir,
        &[
            "hr-2024-01-31.csv",
            "hr-2024-02-29.csv",
            "hr-2024-03-31.csv",
        ],
    )
    .ok();
    assert_eq!(
        dir.read("org/events/2024-03-31.toml"),
        r#"[[event]]
date = "2024-02-29/2024-03-31"
title = "Cy Cole is retitled CTO (was Senior Engineer), now reports to Ada Lovelace"
sources = ["hr-2024-03-31.csv (snapshot of 2024-03-31)"]
changes = [
  { op = "rename", role = "r-3", title = "CTO" },
  { op = "report", role = "r-3", to = "r-1" },
]

[[event]]
date = "2024-02-29/2024-03-31"
title = "Fay Fox joins Engineering as Engineer"
sources = ["hr-2024-03-31.csv (snapshot of 2024-03-31)"]
changes = [
  { op = "create", role = "r-6" },
  { op = "appoint", person = "p-6", role = "r-6" },
  { op = "report", role = "r-6", to = "r-3" },
]

[[event]]
date = "2024-02-29/2024-03-31"
title = "Bob Baker leaves Engineering"
sources = ["hr-2024-03-31.csv (snapshot of 2024-03-31)"]
changes = [
  { op = "leave", person = "p-2", role = "r-2" },
  { op = "eliminate", role = "r-2" },
]
"#
    );
    let mar = lines_at(&dir, "2024-04-01");
    assert_eq!(
        mar,
        "\
Ada Lovelace — CEO, Board
├── Cy Cole — CTO, Engineering
│   └── Fay Fox — Engineer, Engineering
└── Eve Evans — Researcher, Research
    └── Dee Dunn — Lead, Research
"
    );
}

#[test]
fn a_manager_who_moves_takes_their_reports_lines_along() {
    let dir = Org::new()
        .file(
            "s-2024-01-31.csv",
            "id,name,title,unit,manager\n1,Ada,CEO,Board,\n2,Bob,CTO,Engineering,1\n3,Cy,Engineer,Engineering,2\n",
        )
        .file(
            "s-2024-02-29.csv",
            "id,name,title,unit,manager\n1,Ada,CEO,Board,\n2,Bob,CTO,Platform,1\n3,Cy,Engineer,Engineering,2\n",
        );
    import(&dir, &["s-2024-01-31.csv", "s-2024-02-29.csv"]).ok();
    let events = dir.read("org/events/2024-02-29.toml");
    assert!(
        events.contains(
            r#"title = "Bob moves from Engineering to Platform"
sources = ["s-2024-02-29.csv (snapshot of 2024-02-29)"]
changes = [
  { op = "create", role = "r-2-2" },
  { op = "leave", person = "p-2", role = "r-2" },
  { op = "appoint", person = "p-2", role = "r-2-2" },
  { op = "report", role = "r-2-2", to = "r-1" },
  { op = "eliminate", role = "r-2" },
  { op = "report", role = "r-3", to = "r-2-2" },
]"#
        ),
        "{events}"
    );
    assert_eq!(
        lines_at(&dir, "2024-03-01"),
        "Ada — CEO, Board\n└── Bob — CTO, Platform\n    └── Cy — Engineer, Engineering\n"
    );
}

#[test]
fn the_movement_table_reconciles_per_top_level_unit() {
    let dir = exports();
    let run = import(
        &dir,
        &[
            "hr-2024-01-31.csv",
            "hr-2024-02-29.csv",
            "hr-2024-03-31.csv",
        ],
    );
    assert_eq!(
        run.ok(),
        "\
Headcount on 2024-01-31 (the first snapshot)
unit         before  hires  departures  in  out  after
Board             1      0           0   0    0      1
Engineering       3      0           0   0    0      3
total             4      0           0   0    0      4

Movement 2024-01-31 to 2024-02-29
unit         before  hires  departures  in  out  after
Board             1      0           0   0    0      1
Engineering       3      0           0   0    1      2
Research          0      1           0   1    0      2
total             4      1           0   1    1      5
reconciled: before + hires - departures + in - out = after, in every row

Movement 2024-02-29 to 2024-03-31
unit         before  hires  departures  in  out  after
Board             1      0           0   0    0      1
Engineering       2      1           1   0    0      2
Research          2      0           0   0    0      2
total             5      1           1   0    0      5
reconciled: before + hires - departures + in - out = after, in every row
"
    );
}

#[test]
fn units_under_a_parent_count_in_their_top_level_unit_and_move_and_dissolve() {
    let dir = Org::new()
        .file(
            "s-2024-01-31.csv",
            "id,name,title,team,parent team,manager\n1,Ada,CEO,Acme,,\n2,Bob,Lead,Web,Acme,1\n3,Cy,Lead,Apps,Acme,1\n",
        )
        .file(
            "s-2024-02-29.csv",
            "id,name,title,team,parent team,manager\n1,Ada,CEO,Acme,,\n3,Cy,Lead,Apps,Web Group,1\n4,Di,Head,Web Group,,1\n",
        );
    let run = import(&dir, &["s-2024-01-31.csv", "s-2024-02-29.csv"]);
    assert_eq!(
        run.ok().split("\n\n").nth(1).unwrap(),
        "\
Movement 2024-01-31 to 2024-02-29
unit       before  hires  departures  in  out  after
Acme            3      0           1   0    1      1
Web Group       0      1           0   1    0      2
total           3      1           1   1    1      3
reconciled: before + hires - departures + in - out = after, in every row
"
    );
    let titles: Vec<String> = dir
        .read("org/events/2024-02-29.toml")
        .lines()
        .filter(|l| l.starts_with("title"))
        .map(String::from)
        .collect();
    assert_eq!(
        titles,
        [
            "title = \"Unit created: Web Group\"",
            "title = \"Unit moved: Apps now in Web Group\"",
            "title = \"Di joins Web Group as Head\"",
            "title = \"Bob leaves Web\"",
            "title = \"Unit dissolved: Web\"",
        ]
    );
    let units = on(&dir, &["at", "2024-03-01"]).ok().to_string();
    assert!(
        units.ends_with("Units\nAcme\nWeb Group\n└── Apps\n"),
        "{units}"
    );
}

#[test]
fn a_later_snapshot_is_added_to_the_folder_and_the_same_again_changes_nothing() {
    let all_at_once = exports();
    import(
        &all_at_once,
        &[
            "hr-2024-01-31.csv",
            "hr-2024-02-29.csv",
            "hr-2024-03-31.csv",
        ],
    )
    .ok();
    let step = exports();
    import(&step, &["hr-2024-01-31.csv"]).ok();
    import(&step, &["hr-2024-02-29.csv"]).ok();
    let run = import(&step, &["hr-2024-03-31.csv"]);
    assert!(run.ok().starts_with("Movement 2024-02-29 to 2024-03-31\n"));
    assert!(run.stderr.ends_with(
        "wrote org/events/2024-03-31.toml\nwrote org/people.toml\nwrote org/roles.toml\n"
    ));
    for file in [
        "units.toml",
        "roles.toml",
        "people.toml",
        "events/2024-02-29.toml",
        "events/2024-03-31.toml",
    ] {
        let file = format!("org/{file}");
        assert_eq!(step.read(&file), all_at_once.read(&file), "{file}");
    }
    // Again, whole or in part: nothing to add, exit 0, not a byte changed.
    let before = step.snapshot();
    let again = import(
        &step,
        &[
            "hr-2024-01-31.csv",
            "hr-2024-02-29.csv",
            "hr-2024-03-31.csv",
        ],
    );
    assert_eq!(again.ok(), "");
    assert!(
        again.stderr.ends_with(
            "\
hr-2024-01-31.csv: the snapshot of 2024-01-31 is in org already: nothing to add
hr-2024-02-29.csv: the snapshot of 2024-02-29 is in org already: nothing to add
hr-2024-03-31.csv: the snapshot of 2024-03-31 is in org already: nothing to add
"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(step.snapshot(), before);
}

#[test]
fn a_snapshot_with_no_change_is_recorded_by_an_event_with_no_changes() {
    let dir = Org::new()
        .file("a-2024-01-31.csv", JAN)
        .file("a-2024-02-29.csv", JAN);
    import(&dir, &["a-2024-01-31.csv", "a-2024-02-29.csv"]).ok();
    assert_eq!(
        dir.read("org/events/2024-02-29.toml"),
        "[[event]]\ndate = \"2024-01-31/2024-02-29\"\ntitle = \"Snapshot of 2024-02-29: no change\"\nsources = [\"a-2024-02-29.csv (snapshot of 2024-02-29)\"]\nchanges = [\n]\n"
    );
    // So the next snapshot's window starts on 29 February.
    let dir = dir.file("a-2024-03-31.csv", FEB);
    import(&dir, &["a-2024-03-31.csv"]).ok();
    assert!(
        dir.read("org/events/2024-03-31.toml")
            .contains("date = \"2024-02-29/2024-03-31\"")
    );
}

#[test]
fn an_earlier_or_a_different_snapshot_of_an_imported_date_is_refused_and_nothing_is_written() {
    let dir = exports();
    import(&dir, &["hr-2024-01-31.csv", "hr-2024-03-31.csv"]).ok();
    let before = dir.snapshot();
    let run = import(&dir, &["hr-2024-02-29.csv"]);
    assert_eq!(
        run.fails(1),
        "\
hr-2024-02-29.csv: id ← \"Employee Id\", name ← \"First Name\" + \"Last Name\", title ← \"Job Title\", unit ← \"Department\", manager ← \"Manager ID\"
error: hr-2024-02-29.csv: this snapshot is dated 2024-02-29, before the last one imported into org (2024-03-31)
  help: import snapshots in date order, or write the folder afresh from all of them with --rebuild
"
    );
    let run = import(&dir, &["2024-03-31=hr-2024-02-29.csv"]);
    assert!(run.fails(1).contains(
        "error: hr-2024-02-29.csv: a snapshot of 2024-03-31 was imported into org already, and this one differs from it\n"
    ), "{}", run.stderr);
    assert_eq!(dir.snapshot(), before);
}

#[test]
fn a_dry_run_prints_the_files_and_writes_nothing() {
    let dir = Org::new().file("hr-2024-01-31.csv", JAN);
    let run = import(&dir, &["hr-2024-01-31.csv", "--dry-run"]);
    let out = run.ok();
    assert!(
        out.starts_with("# org/people.toml\n[[person]]\nid = \"p-1\"\n"),
        "{out}"
    );
    assert!(out.contains("# org/roles.toml\n[[role]]\nid = \"r-1\"\n"));
    assert!(
        run.stderr
            .contains("Headcount on 2024-01-31 (the first snapshot)\n")
    );
    assert!(!dir.path().join("org").exists());
}

#[test]
fn ids_are_opaque_text_made_valid_and_kept_apart() {
    let dir = Org::new().file(
        "s-2024-01-31.csv",
        "Employee_ID,Full_Name,Manager_ID,Team_Name\n00111797,Ada Long,,Core\n111797,Bo Short,00111797,Core\nE/7 x,Cy Odd,111797,Core\n",
    );
    import(&dir, &["s-2024-01-31.csv"]).ok();
    assert_eq!(
        dir.read("org/people.toml"),
        "[[person]]\nid = \"p-00111797\"\nname = \"Ada Long\"\n\n[[person]]\nid = \"p-111797\"\nname = \"Bo Short\"\n\n[[person]]\nid = \"p-e_2f7_20x\"\nname = \"Cy Odd\"\n"
    );
    assert_eq!(
        lines_at(&dir, "2024-01-31"),
        "Ada Long — Member, Core\n└── Bo Short — Member, Core\n    └── Cy Odd — Member, Core\n"
    );
}

#[test]
fn people_keyed_by_email_with_managers_by_email_or_name() {
    // ChartHop's and Culture Amp's layouts: no employee id.
    let dir = Org::new().file(
        "charthop-2024-01-31.csv",
        "Work Email,First Name,Last Name,Job Title,Start Date,Manager\nada@acme.com,Ada,Lovelace,CEO,2020-01-01,\nbo@acme.com,Bo,Baker,CTO,2021-05-01,Ada Lovelace\ncy@acme.com,Cy,Cole,Engineer,2022-03-01,BO@acme.com\nzed@acme.com,Zed,Zee,Engineer,2024-02-15,bo@acme.com\n",
    );
    let run = import(&dir, &["charthop-2024-01-31.csv"]);
    run.ok();
    assert!(run.stderr.starts_with(
        "charthop-2024-01-31.csv: name ← \"First Name\" + \"Last Name\", title ← \"Job Title\", manager ← \"Manager\", email ← \"Work Email\", start ← \"Start Date\"\nwarning: charthop-2024-01-31.csv:1: no column gives the unit: everyone is placed in one unit, \"Organisation\""
    ), "{}", run.stderr);
    // Zed starts after the snapshot's date: not in it.
    assert_eq!(
        lines_at(&dir, "2024-01-31"),
        "Ada Lovelace — CEO, Organisation\n└── Bo Baker — CTO, Organisation\n    └── Cy Cole — Engineer, Organisation\n"
    );
    assert!(
        dir.read("org/people.toml")
            .contains("id = \"p-ada_40acme.com\"")
    );
}

/// Each problem of a dirty export, with its file:line and value; none
/// stops the import.
#[test]
fn dirty_exports_are_warned_with_file_and_line_and_imported() {
    let dir = Org::new().bytes(
        "dirty-2024-01-31.csv",
        "\u{feff}Employee\u{a0}ID , Name,Job Title,Département,,Manager ID\r\n\
         1 ,  Ada  ,CEO,Board,x,\r\n\
         2,Bob,CTO,Eng,,1\r\n\
         2,Bobby,CTO,Eng,,1\r\n\
         3,,Engineer,Eng,,3\r\n\
         4,Dee,Engineer\r\n\
         5,Eve,Engineer,Eng,,99\r\n\
         6,Fay,Lead,Ops,,7\r\n\
         7,Gus,Lead,Ops,,6\r\n"
            .as_bytes(),
    );
    let run = import(&dir, &["dirty-2024-01-31.csv", "--map", "unit=Département"]);
    run.ok();
    assert_eq!(
        run.stderr,
        "\
dirty-2024-01-31.csv: unit ← \"Département\", id ← \"Employee\u{a0}ID\", name ← \"Name\", title ← \"Job Title\", manager ← \"Manager ID\"; not read: (column 5 has no name)
warning: dirty-2024-01-31.csv:6: this row has 3 cells and the header 6: the missing cells are read as empty
warning: dirty-2024-01-31.csv:4: id '2' is repeated (first at line 3): this row is left out, the first is kept
warning: dirty-2024-01-31.csv:5: '3' has a blank name: they are named '3'
warning: dirty-2024-01-31.csv:6: '4' has a blank unit: they are placed in \"Organisation\"
warning: dirty-2024-01-31.csv:5: '3' (3) reports to itself: a top of the tree
warning: dirty-2024-01-31.csv:7: the manager of '5' (Eve), '99', names no row of this snapshot: a top of the tree
warning: dirty-2024-01-31.csv:8: a reporting loop: '6' (Fay) reports to '7' (Gus) reports to '6' (Fay); '6' is made a top of the tree
wrote org/people.toml
wrote org/roles.toml
wrote org/units.toml
"
    );
    assert_eq!(
        lines_at(&dir, "2024-01-31"),
        "\
Ada — CEO, Board
└── Bob — CTO, Eng
3 — Engineer, Eng
Dee — Engineer, Organisation
Eve — Engineer, Eng
Fay — Lead, Ops
└── Gus — Lead, Ops
"
    );
}

#[test]
fn two_header_layouts_across_the_years_are_read_each_by_its_own_headers() {
    let dir = Org::new()
        .file("old-2023-12-31.csv", "Employee_ID,Full_Name,Manager_ID,Team_Name\n1,Ada,,Core\n2,Bo,1,Core\n")
        .file(
            "new-2024-12-31.csv",
            "Employee Id,Name,Email,Start Date,End Date,Manager Email,Job Title,Department\n1,Ada,ada@x.org,,,,Member,Core\n2,Bo,bo@x.org,,2024-06-30,ada@x.org,Member,Core\n3,Cy,cy@x.org,,,ada@x.org,Member,Core\n",
        );
    let run = import(&dir, &["old-2023-12-31.csv", "new-2024-12-31.csv"]);
    assert!(
        run.ok()
            .contains("Core        2      1           1   0    0      2\n"),
        "{}",
        run.stdout
    );
    // Bo's end date is before the snapshot: he has left.
    assert_eq!(
        lines_at(&dir, "2025-01-01"),
        "Ada — Member, Core\n└── Cy — Member, Core\n"
    );
}

#[test]
fn input_errors_stop_the_import_before_anything_is_written() {
    let dir = Org::new()
        .file("nodate.csv", JAN)
        .file("hr-2024-01-31.csv", JAN)
        .file("x-2024-01-31.csv", JAN)
        .file("ids-2024-02-29.csv", "Who,Job\nAda,CEO\n")
        .bytes("latin-2024-03-31.csv", b"id,name\n1,Jos\xe9\n");
    let run = import(&dir, &["nodate.csv"]);
    assert_eq!(
        run.fails(2),
        "error: cannot tell the date of the snapshot 'nodate.csv': its name holds no YYYY-MM-DD\n  help: write the argument DATE=FILE, e.g. 2024-03-31=nodate.csv\n"
    );
    let run = import(&dir, &["hr-2024-01-31.csv", "x-2024-01-31.csv"]);
    assert!(run.fails(2).starts_with(
        "error: two snapshots are dated 2024-01-31: hr-2024-01-31.csv and x-2024-01-31.csv\n"
    ));
    let run = import(&dir, &["hr-2024-01-31.csv", "--map", "boss=Manager"]);
    assert!(run.fails(2).contains("unknown field 'boss'; the fields are id, name, holder, title, unit, parent_unit, manager, email, start, end"), "{}", run.stderr);
    let run = import(&dir, &["hr-2024-01-31.csv", "--format", "json"]);
    assert_eq!(
        run.fails(2),
        "error: --format json does not apply here: this command prints a script, a page or an import's report, or writes a file\n"
    );
    let run = import(&dir, &["ids-2024-02-29.csv"]);
    assert_eq!(
        run.fails(1),
        "error: ids-2024-02-29.csv:1: no column gives id; the headers are 'Who', 'Job'\n  help: name the column with --map id=COLUMN\n"
    );
    let run = import(&dir, &["latin-2024-03-31.csv"]);
    assert_eq!(
        run.fails(1),
        "error: latin-2024-03-31.csv:2: this snapshot is not UTF-8 text\n  help: save it as UTF-8 (CSV UTF-8 in a spreadsheet)\n"
    );
    assert!(!dir.path().join("org").exists());
    // A folder no import wrote is not continued.
    let mine = Org::new()
        .file("hr-2024-01-31.csv", JAN)
        .file("org/org.toml", "[[unit]]\nid = \"x\"\nname = \"X\"\n");
    let before = mine.snapshot();
    let run = import(&mine, &["hr-2024-01-31.csv"]);
    assert!(
        run.fails(1).contains(
            "error: --out org holds data no snapshot import wrote (no source cites a snapshot)\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(mine.snapshot(), before);
}

#[test]
fn a_person_renamed_and_rehired_keeps_their_id() {
    let dir = Org::new()
        .file(
            "s-2024-01-31.csv",
            "id,name,title,unit,manager\n1,Ada,CEO,Board,\n2,Bo Baker,CTO,Eng,1\n",
        )
        .file(
            "s-2024-02-29.csv",
            "id,name,title,unit,manager\n1,Ada,CEO,Board,\n",
        )
        .file(
            "s-2024-03-31.csv",
            "id,name,title,unit,manager\n1,Ada,CEO,Board,\n2,Bo Baker,CTO,Eng,1\n",
        )
        .file(
            "s-2024-04-30.csv",
            "id,name,title,unit,manager\n1,Ada King,CEO,Board,\n2,Bo Baker,CTO,Eng,1\n",
        );
    import(
        &dir,
        &[
            "s-2024-01-31.csv",
            "s-2024-02-29.csv",
            "s-2024-03-31.csv",
            "s-2024-04-30.csv",
        ],
    )
    .ok();
    assert_eq!(dir.read("org/people.toml").matches("[[person]]").count(), 2);
    assert!(dir.read("org/events/2024-03-31.toml").contains("  { op = \"create\", role = \"r-2-2\" },\n  { op = \"appoint\", person = \"p-2\", role = \"r-2-2\" },\n"));
    assert!(
        dir.read("org/events/2024-04-30.toml")
            .contains("title = \"Ada King is renamed from Ada\"\n")
    );
    let history = on(&dir, &["history", "p-2"]).ok().to_string();
    assert!(history.contains("Bo Baker"), "{history}");
}

#[test]
fn rebuild_writes_the_folder_afresh_from_the_snapshots_given() {
    let all_at_once = exports();
    let every = [
        "hr-2024-01-31.csv",
        "hr-2024-02-29.csv",
        "hr-2024-03-31.csv",
    ];
    import(&all_at_once, &every).ok();
    let dir = exports();
    import(&dir, &["hr-2024-01-31.csv", "hr-2024-03-31.csv"]).ok();
    // A file written by hand is replaced too.
    let dir = dir.file("org/notes.toml", "[[unit]]\nid = \"x\"\nname = \"X\"\n");
    // February is earlier than March: only a rebuild takes it.
    import(&dir, &["hr-2024-02-29.csv"]).fails(1);
    let before = dir.snapshot();
    let dry = import(
        &dir,
        &[
            "hr-2024-01-31.csv",
            "hr-2024-02-29.csv",
            "hr-2024-03-31.csv",
            "--rebuild",
            "--dry-run",
        ],
    );
    assert!(dry.ok().contains("# org/events/2024-02-29.toml\n"));
    assert_eq!(dir.snapshot(), before);
    let mut args = every.to_vec();
    args.push("--rebuild");
    let run = import(&dir, &args);
    run.ok();
    assert!(run.stderr.ends_with(
        "wrote org/events/2024-02-29.toml\nwrote org/events/2024-03-31.toml\nwrote org/people.toml\nwrote org/roles.toml\nwrote org/units.toml\nremoved org/notes.toml\n"
    ), "{}", run.stderr);
    assert_eq!(dir.snapshot(), all_at_once.snapshot());
}
