//! `orgctl add`: one event (and the records it needs) appended to the
//! data files, checked before it is written, written safely; on any error
//! the folder is byte for byte as it was.

use crate::support::Org;

const PEOPLE: &str = r#"# The people, one record each
[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "cy"
name = "Cy Cole"
"#;

const ORG: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

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

[[role]]
id = "engineer"
title = "Engineer"
unit = "eng"
seats = "any"
"#;

const EVENTS: &str = r#"# Dated changes
[[event]]
date = 2023-06-01
title = "Cy Cole joins as Engineer"
sources = ["Intranet, 2023-06-01"]
changes = [
  { op = "appoint", person = "cy", role = "engineer" },
]
"#;

/// Acme with people, units and roles, and events in three files.
fn acme() -> Org {
    Org::new()
        .file("people.toml", PEOPLE)
        .file("org.toml", ORG)
        .file("events.toml", EVENTS)
}

#[test]
fn hire_creates_the_person_and_appends_their_appointment() {
    let org = acme();
    let run = org.run(&[
        "add",
        "hire",
        "Zoe Zhu",
        "--role",
        "Engineer",
        "--date",
        "2024-02-01",
        "--source",
        "Intranet, 2024-02-01",
    ]);
    run.ok();
    assert_eq!(
        org.read("people.toml"),
        format!("{PEOPLE}\n[[person]]\nid = \"zoe-zhu\"\nname = \"Zoe Zhu\"\n")
    );
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-02-01\ntitle = \"Zoe Zhu joins as Engineer\"\nsources = [\"Intranet, 2024-02-01\"]\nchanges = [\n  {{ op = \"appoint\", person = \"zoe-zhu\", role = \"engineer\" }},\n]\n"
        )
    );
    assert_eq!(org.read("org.toml"), ORG);
    assert!(!org.path().join(".orgctl.lock").exists());
    org.run(&["check", "--strict"]).ok();
    let reports = org.run(&["who-reports-to", "cto", "--at", "2024-02-01"]);
    assert!(reports.ok().contains("Zoe Zhu"), "{}", reports.stdout);
}

#[test]
fn hire_takes_an_id_and_refuses_one_that_is_taken() {
    let org = acme();
    let before = org.snapshot();
    let run = org.run(&[
        "add",
        "hire",
        "Cyrus Cole",
        "--role",
        "engineer",
        "--id",
        "cy",
    ]);
    let stderr = run.fails(1);
    assert!(
        stderr.contains("the id 'cy' is taken by the person 'Cy Cole'"),
        "{stderr}"
    );
    assert!(stderr.contains("help: give another with --id"), "{stderr}");
    assert_eq!(org.snapshot(), before);

    org.run(&[
        "add",
        "hire",
        "Cyrus Cole",
        "--role",
        "engineer",
        "--id",
        "cyrus",
        "--source",
        "S",
    ])
    .ok();
    assert!(
        org.read("people.toml")
            .ends_with("\n[[person]]\nid = \"cyrus\"\nname = \"Cyrus Cole\"\n")
    );
}

#[test]
fn leave_ends_the_roles_of_a_person_found_by_name() {
    let org = acme();
    org.run(&[
        "add",
        "leave",
        "Cy Cole",
        "--date",
        "2024-03-01",
        "--source",
        "HR memo",
    ])
    .ok();
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-03-01\ntitle = \"Cy Cole leaves\"\nsources = [\"HR memo\"]\nchanges = [\n  {{ op = \"leave\", person = \"cy\" }},\n]\n"
        )
    );
    assert_eq!(org.read("people.toml"), PEOPLE);
}

#[test]
fn appoint_acting_with_a_title_and_a_reported_day() {
    let org = acme();
    org.run(&[
        "add",
        "appoint",
        "cy",
        "--role",
        "CTO",
        "--acting",
        "--date",
        "2024-04-01",
        "--reported",
        "2024-03-15",
        "--title",
        "Cy covers for the CTO",
        "--source",
        "All-hands",
    ])
    .ok();
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-04-01\nreported = 2024-03-15\ntitle = \"Cy covers for the CTO\"\nsources = [\"All-hands\"]\nchanges = [\n  {{ op = \"appoint\", person = \"cy\", role = \"cto\", acting = true }},\n]\n"
        )
    );
}

#[test]
fn dry_run_prints_the_toml_and_changes_nothing() {
    let org = acme();
    let before = org.snapshot();
    let run = org.run(&["add", "hire", "Zoe Zhu", "--role", "engineer", "--dry-run"]);
    let people = org.path().join("people.toml");
    let events = org.path().join("events.toml");
    assert_eq!(
        run.ok(),
        format!(
            "# {}\n[[person]]\nid = \"zoe-zhu\"\nname = \"Zoe Zhu\"\n# {}\n[[event]]\ndate = 2024-01-01\ntitle = \"Zoe Zhu joins as Engineer\"\nchanges = [\n  {{ op = \"appoint\", person = \"zoe-zhu\", role = \"engineer\" }},\n]\n",
            people.display(),
            events.display()
        )
    );
    assert!(
        run.stderr.contains("warning: the event cites no source"),
        "{}",
        run.stderr
    );
    assert_eq!(org.snapshot(), before);
}

#[test]
fn a_write_that_would_break_check_is_refused() {
    let org = acme();
    let before = org.snapshot();
    let run = org.run(&["add", "leave", "ann", "--role", "engineer", "--source", "S"]);
    let stderr = run.fails(1);
    assert!(stderr.contains("the write was refused"), "{stderr}");
    assert!(stderr.contains("E0207"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(org.snapshot(), before);
}

#[test]
fn a_folder_locked_by_another_writer_is_left_alone() {
    let org = acme().file(".orgctl.lock", "");
    let before = org.snapshot();
    let run = org.run(&["add", "leave", "cy", "--source", "S"]);
    let stderr = run.fails(1);
    let lock = org.path().join(".orgctl.lock");
    assert!(
        stderr.contains(&format!(
            "another orgctl is writing to this data folder (remove {} if not)",
            lock.display()
        )),
        "{stderr}"
    );
    assert_eq!(org.snapshot(), before);
}

#[test]
fn a_temporary_file_left_by_a_crashed_write_does_not_block_the_next() {
    let org = acme().file(".events.toml.orgctl-tmp", "half a file");
    org.run(&["add", "leave", "cy", "--source", "S"]).ok();
    assert!(!org.path().join(".events.toml.orgctl-tmp").exists());
    assert!(!org.path().join(".orgctl.lock").exists());
    let events = org.read("events.toml");
    assert!(
        events.contains("{ op = \"leave\", person = \"cy\""),
        "{events}"
    );
}

#[test]
fn events_kept_per_year_go_to_the_file_of_the_year() {
    let org = Org::new()
        .file("people.toml", PEOPLE)
        .file("org.toml", ORG)
        .file("events/2023.toml", EVENTS);
    org.run(&[
        "add",
        "leave",
        "cy",
        "--date",
        "2024-05-02",
        "--source",
        "S",
    ])
    .ok();
    assert_eq!(org.read("events/2023.toml"), EVENTS);
    assert_eq!(
        org.read("events/2024.toml"),
        "[[event]]\ndate = 2024-05-02\ntitle = \"Cy Cole leaves\"\nsources = [\"S\"]\nchanges = [\n  { op = \"leave\", person = \"cy\" },\n]\n"
    );
    assert!(!org.path().join("events.toml").exists());
}

#[test]
fn an_ambiguous_name_is_an_error_listing_the_matches() {
    let org = acme().file(
        "more.toml",
        "[[person]]\nid = \"cy-2\"\nname = \"Cy Cole\"\n",
    );
    let before = org.snapshot();
    let stderr = org
        .run(&["add", "leave", "Cy Cole", "--source", "S"])
        .fails(1)
        .to_string();
    assert!(stderr.contains("'Cy Cole' matches 2 records"), "{stderr}");
    assert!(stderr.contains("cy-2"), "{stderr}");
    assert_eq!(org.snapshot(), before);
}

#[test]
fn add_refuses_to_write_a_git_revision() {
    let org = acme();
    let before = org.snapshot();
    let stderr = org
        .run(&["add", "--rev", "HEAD", "leave", "cy"])
        .fails(2)
        .to_string();
    assert!(stderr.contains("cannot write to --rev HEAD"), "{stderr}");
    assert_eq!(org.snapshot(), before);
}

#[test]
fn transfer_leaves_the_role_held_and_takes_the_new_one_in_one_event() {
    let org = acme();
    org.run(&[
        "add",
        "transfer",
        "Cy Cole",
        "--to",
        "ceo",
        "--date",
        "2024-05-01",
        "--source",
        "S",
    ])
    .ok();
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-05-01\ntitle = \"Cy Cole moves from Engineer to CEO\"\nsources = [\"S\"]\nchanges = [\n  {{ op = \"leave\", person = \"cy\", role = \"engineer\" }},\n  {{ op = \"appoint\", person = \"cy\", role = \"ceo\" }},\n]\n"
        )
    );
}

#[test]
fn promote_is_a_transfer_titled_as_a_promotion() {
    let org = acme();
    org.run(&[
        "add",
        "promote",
        "cy",
        "--to",
        "CTO",
        "--date",
        "2024-07-01",
        "--source",
        "S",
    ])
    .ok();
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-07-01\ntitle = \"Cy Cole promoted from Engineer to CTO\"\nsources = [\"S\"]\nchanges = [\n  {{ op = \"leave\", person = \"cy\", role = \"engineer\" }},\n  {{ op = \"appoint\", person = \"cy\", role = \"cto\" }},\n]\n"
        )
    );
}

#[test]
fn transfer_of_someone_with_two_roles_asks_which_one_they_leave() {
    let org = acme().file(
        "more.toml",
        "[[event]]\ndate = 2023-07-01\ntitle = \"Cy also heads Engineering\"\nsources = [\"S\"]\nchanges = [\n  { op = \"appoint\", person = \"cy\", role = \"cto\" },\n]\n",
    );
    let before = org.snapshot();
    let run = org.run(&["add", "transfer", "cy", "--to", "ceo", "--source", "S"]);
    let stderr = run.fails(1);
    assert!(
        stderr.contains("Cy Cole holds 2 roles on 2024-01-01: engineer, cto"),
        "{stderr}"
    );
    assert!(stderr.contains("--from ROLE"), "{stderr}");
    assert_eq!(org.snapshot(), before);
}

#[test]
fn vacancy_creates_a_role_with_no_holder_on_the_date() {
    let org = acme();
    org.run(&[
        "add",
        "vacancy",
        "Data Engineer",
        "--unit",
        "Engineering",
        "--date",
        "2024-03-01",
        "--source",
        "Careers page",
    ])
    .ok();
    assert_eq!(
        org.read("org.toml"),
        format!(
            "{ORG}\n[[role]]\nid = \"data-engineer\"\ntitle = \"Data Engineer\"\nunit = \"eng\"\n"
        )
    );
    assert_eq!(
        org.read("events.toml"),
        format!(
            "{EVENTS}\n[[event]]\ndate = 2024-03-01\ntitle = \"Data Engineer role opened in Engineering\"\nsources = [\"Careers page\"]\nchanges = [\n  {{ op = \"create\", role = \"data-engineer\" }},\n]\n"
        )
    );
    let show = org.run(&["show", "data-engineer", "--at", "2024-03-01"]);
    assert!(show.ok().contains("Data Engineer"), "{}", show.stdout);
}
