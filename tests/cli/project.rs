//! The project file, `orgctl.toml`: found from the working folder upward,
//! naming the data folder, the files to leave out, the organisation's name
//! and its closed periods; `--data` wins over it.

use std::path::Path;

use crate::support::{ACME, Org, Run, orgctl_in};

/// Runs orgctl in `dir` with `args`, with no `--data`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    orgctl_in(dir, &[], args)
}

const ACME_CHECKED: &str = "3 units, 4 roles, 4 people and 0 events in 1 file: no problems found\n";

/// A repository: `orgctl.toml` at its root (with `.git`), Acme in `org/`.
fn repository(project: &str) -> Org {
    Org::new()
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file("orgctl.toml", project)
        .file("org/acme.toml", ACME)
        .file("src/deep/er/.keep", "")
}

#[test]
fn found_from_a_subfolder_it_names_the_data_folder() {
    let repo = repository("data = \"org\"\nname = \"Acme Engineering\"\n");
    let run = run_in(&repo.path().join("src/deep/er"), &["check"]);
    assert_eq!(
        run.ok(),
        format!(
            "checked Acme Engineering, ../../../org (named by orgctl.toml at ../../../orgctl.toml): {ACME_CHECKED}"
        )
    );
    let at = run_in(&repo.path().join("src"), &["at", "2024-01-01"]);
    assert!(
        at.ok().starts_with("Acme Engineering on 2024-01-01\n"),
        "{}",
        at.stdout
    );
    assert!(
        at.stdout.contains("Ann Archer — CEO, Acme"),
        "{}",
        at.stdout
    );
}

#[test]
fn the_search_stops_at_the_repository_root() {
    // The project file above the repository is not this repository's.
    let outer = Org::new()
        .file("orgctl.toml", "data = \"org\"\n")
        .file("org/acme.toml", ACME)
        .file("repo/.git/HEAD", "ref: refs/heads/main\n");
    let run = run_in(&outer.path().join("repo"), &["check"]);
    assert!(
        run.fails(2).starts_with("error: no data folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn excluded_files_are_not_loaded_and_a_pyproject_beside_the_data_says_to_exclude_it() {
    let project = "data = \"org\"\nexclude = [\"drafts/**\", \"pyproject.toml\"]\n";
    let repo = repository(project)
        .file("org/pyproject.toml", "[tool.black]\nline-length = 88\n")
        .file("org/drafts/wip.toml", "[[unit]]\nid = \"half\"\n");
    let run = run_in(repo.path(), &["check"]);
    assert_eq!(
        run.ok(),
        format!("checked org (named by orgctl.toml at orgctl.toml): {ACME_CHECKED}")
    );
    // Without `exclude`, the file fails, and the help says what to do.
    std::fs::write(
        repo.path().join("orgctl.toml"),
        "data = \"org\"\nexclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let run = run_in(repo.path(), &["check"]);
    assert_eq!(
        run.fails(1),
        "note: while loading org (named by orgctl.toml at orgctl.toml)
error[E0003]: unknown kind of record `tool`
 --> org/pyproject.toml:1:2
  |
1 | [tool.black]
  |  ^^^^
  = help: a data file holds [[unit]], [[person]], [[role]] and [[event]] records; if this file is not one, list it under `exclude` in orgctl.toml

error: the data has 1 error
"
    );
}

#[test]
fn the_project_file_beside_the_data_is_not_data() {
    // No `data`: the project file's folder is the data folder.
    let org = Org::new()
        .file("orgctl.toml", "exclude = [\"notes/*.toml\"]\n")
        .file("acme.toml", ACME)
        .file("notes/x.toml", "not toml at all");
    let run = run_in(org.path(), &["check"]);
    assert_eq!(
        run.ok(),
        format!("checked . (named by orgctl.toml at orgctl.toml): {ACME_CHECKED}")
    );
    // Named with --data, the folder's orgctl.toml is still not data.
    let run = run_in(org.path(), &["--data", ".", "check"]);
    assert!(run.fails(1).contains("notes/x.toml"), "{}", run.stderr);
    assert!(!run.stderr.contains("orgctl.toml:"), "{}", run.stderr);
}

#[test]
fn a_data_folder_that_does_not_exist_names_the_project_file() {
    let repo = repository("data = \"orgs\"\n");
    let run = run_in(&repo.path().join("src"), &["at"]);
    assert_eq!(
        run.fails(1),
        "error: data folder '../orgs' does not exist (named by orgctl.toml at ../orgctl.toml); set `data` there to the folder of the .toml files, relative to it\n"
    );
}

#[test]
fn an_unknown_key_is_located_with_the_closest_key() {
    let repo = repository("data = \"org\"\nexclud = [\"drafts/**\"]\n");
    let run = run_in(repo.path(), &["check"]);
    assert_eq!(
        run.fails(1),
        "error[E0003]: unknown key `exclud` in orgctl.toml
 --> orgctl.toml:2:1
  |
2 | exclud = [\"drafts/**\"]
  | ^^^^^^
  = help: did you mean `exclude`?

error: the data has 1 error
"
    );
}

#[test]
fn data_and_orgctl_data_win_over_the_project_file() {
    let repo = repository("data = \"org\"\n").file(
        "other/solo.toml",
        "[[unit]]\nid = \"solo\"\nname = \"Solo\"\n",
    );
    let solo = "1 unit, 0 roles, 0 people and 0 events in 1 file: no problems found\n";
    let run = run_in(repo.path(), &["--data", "other", "check"]);
    assert_eq!(run.ok(), format!("checked other (named by --data): {solo}"));
    let run = orgctl_in(repo.path(), &[("ORGCTL_DATA", "other")], &["check"]);
    assert_eq!(
        run.ok(),
        format!("checked other (named by ORGCTL_DATA): {solo}")
    );
    // --project names a project file explicitly.
    let elsewhere = Org::new();
    let project = repo.path().join("orgctl.toml");
    let run = run_in(
        elsewhere.path(),
        &["--project", project.to_str().unwrap(), "check"],
    );
    assert!(run.ok().ends_with(ACME_CHECKED), "{}", run.stdout);
}

#[test]
fn closed_periods_are_read_checked_and_shown() {
    let repo = repository(
        "data = \"org\"\nclosed = [\"2024\", \"2025-Q1\", \"2025-04\", \"2025-05-15\"]\n",
    );
    assert_eq!(
        run_in(repo.path(), &["check"]).ok(),
        format!(
            "checked org (named by orgctl.toml at orgctl.toml), closed through 2024-12-31, 2025-03-31, 2025-04-30, 2025-05-15: {ACME_CHECKED}"
        )
    );
    std::fs::write(
        repo.path().join("orgctl.toml"),
        "data = \"org\"\nclosed = [\"2024~\"]\n",
    )
    .unwrap();
    let run = run_in(repo.path(), &["check"]);
    assert_eq!(
        run.fails(1),
        "error[E0005]: invalid closed period '2024~'
 --> orgctl.toml:2:11
  |
2 | closed = [\"2024~\"]
  |           ^^^^^^^
  = help: write a year, a quarter, a month or a day: \"2024\", \"2025-Q1\", \"2025-03\" or \"2025-03-31\"

error: the data has 1 error
"
    );
}
