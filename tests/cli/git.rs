//! `--rev REV` and `--staged`: the data as git holds it, in a revision or
//! in the index, rather than the files on disk.

use crate::support::{Org, Repo, acme_without};

/// Acme with one head: Ann Archer, CEO (the shared Acme cut down).
fn acme() -> String {
    let others = [
        "eng",
        "lab",
        "bob",
        "cy",
        "dee",
        "cto",
        "engineer",
        "researcher",
    ];
    acme_without(&others, &["ann"]) + "\n"
}

/// [`acme`] with a typo on line 3, the unit's name.
fn typo() -> String {
    acme().replacen("name = \"Acme\"", "nmae = \"Acme\"", 1)
}

/// A repository whose one commit holds [`acme`] in `data/org.toml`.
fn committed() -> Repo {
    let repo = Repo::new();
    repo.write("data/org.toml", acme().as_bytes())
        .commit("Acme");
    repo
}

#[test]
fn check_rev_head_reads_the_commit_while_the_working_tree_is_broken() {
    let repo = committed();
    repo.write("data/org.toml", typo().as_bytes());
    repo.run(&["check"]).fails(1);
    let out = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(
        out.ok(),
        "checked data (found in the working folder) as of HEAD: 1 unit, 1 role, 1 person and 0 events in 1 file: no problems found\n"
    );
}

#[test]
fn check_staged_fails_on_a_staged_typo_with_a_clean_working_copy() {
    let repo = committed();
    repo.write("data/org.toml", typo().as_bytes());
    repo.git(&["add", "data/org.toml"]);
    repo.write("data/org.toml", acme().as_bytes());
    // The working copy is clean: only the commit would be wrong.
    repo.run(&["check"]).ok();
    let err = repo.run(&["check", "--staged", "--strict"]);
    assert_eq!(
        err.fails(1),
        "error[E0003]: unknown field `nmae`, expected one of `id`, `name`, `aka`, `kind`, `parent`, `since`, `note`, `sources`
 --> :data/org.toml:3:1
  |
3 | nmae = \"Acme\"
  | ^^^^
  = help: did you mean `name`?

error: the data has 1 error
"
    );
}

#[test]
fn at_rev_gives_the_organisation_as_an_older_commit_recorded_it() {
    let repo = committed();
    repo.write(
        "data/org.toml",
        acme().replace("\"Acme\"", "\"Acme Corp\"").as_bytes(),
    )
    .commit("Acme is renamed");
    let now = repo.run(&["at", "2023-01-01"]);
    assert!(now.ok().contains("Acme Corp"), "{}", now.stdout);
    let then = repo.run(&["at", "2023-01-01", "--rev", "HEAD~1"]);
    assert_eq!(
        then.ok(),
        "Organisation on 2023-01-01
latest recorded event: none

Reporting lines
Ann Archer — CEO, Acme

Units
Acme
"
    );
}

#[test]
fn hidden_files_and_other_folders_of_the_revision_are_not_read() {
    let repo = committed();
    repo.write("data/.draft/org.toml", typo().as_bytes())
        .write("data/.draft.toml", typo().as_bytes())
        .write("other/org.toml", typo().as_bytes())
        .write("data/notes.txt", b"not TOML")
        .commit("Drafts");
    repo.run(&["check", "--rev", "HEAD"]).ok();
}

#[test]
fn an_unknown_revision_is_a_usage_error_that_suggests_git_log() {
    let repo = committed();
    let err = repo.run(&["at", "--rev", "no-such-branch"]);
    assert_eq!(
        err.fails(2),
        format!(
            "error: unknown revision 'no-such-branch' in the repository at '{}'
  help: `git log --oneline` lists the commits, `git branch` and `git tag` the names
",
            repo.path().display()
        )
    );
}

#[test]
fn a_data_folder_missing_in_the_revision_is_a_data_error() {
    let repo = Repo::new();
    repo.write("README.md", b"# Acme\n").commit("Start");
    repo.write("data/org.toml", acme().as_bytes())
        .commit("Acme");
    let err = repo.run(&["check", "--rev", "HEAD~1"]);
    let commit = repo.git(&["rev-parse", "--short", "HEAD~1"]);
    assert_eq!(
        err.fails(1),
        format!(
            "error: the data folder 'data' is not in revision HEAD~1 (commit {commit})
  help: `git ls-tree -d HEAD~1` lists its folders; is it the right revision?
"
        )
    );
}

#[test]
fn nothing_staged_under_the_data_folder_is_a_data_error() {
    let repo = Repo::new();
    repo.write("data/org.toml", acme().as_bytes());
    let err = repo.run(&["check", "--staged"]);
    assert_eq!(
        err.fails(1),
        "error: the data folder 'data' is not in the index\n  help: `git add data` stages it\n"
    );
}

#[test]
fn a_file_not_utf8_in_the_revision_is_named_by_revision_and_path() {
    let repo = Repo::new();
    let mut bytes = acme().as_bytes().to_vec();
    bytes.extend_from_slice(b"# caf\xe9\n");
    repo.write("data/org.toml", &bytes).commit("Latin-1");
    let err = repo.run(&["check", "--rev", "main"]);
    assert_eq!(
        err.fails(1),
        "error[E0004]: not UTF-8 text: invalid byte 0xE9 at byte offset 159
  --> main:data/org.toml:15:6
   |
15 | # caf\u{fffd}
   |      ^
   = help: save the file as UTF-8

error: the data has 1 error
"
    );
}

#[test]
fn outside_a_git_repository_rev_and_staged_are_usage_errors() {
    let org = Org::with(&acme());
    let err = org.run(&["check", "--staged"]);
    assert_eq!(
        err.fails(2),
        format!(
            "error: --staged reads the data from git, but '{}' is not in a git repository (no .git in it or above it)
  help: run orgctl on a data folder inside a git repository, or leave out --staged to read the files on disk
",
            org.path().display()
        )
    );
}

#[test]
fn rev_and_staged_cannot_be_given_together() {
    let repo = committed();
    let err = repo.run(&["check", "--rev", "HEAD", "--staged"]);
    assert!(
        err.fails(2).contains("cannot be used with"),
        "{}",
        err.stderr
    );
}

#[test]
fn files_are_read_in_the_order_of_the_working_tree() {
    // git sorts the folder `a` after `a.toml`; the working tree walk before
    // it. Which of two declarations is the first must not depend on where
    // the files come from.
    let repo = Repo::new();
    let unit = "[[unit]]\nid = \"x\"\nname = \"X\"\n";
    repo.write("data/a.toml", unit.as_bytes())
        .write("data/a/b.toml", unit.as_bytes())
        .commit("Twice");
    let on_disk = repo.run(&["check"]).fails(1).to_string();
    assert!(on_disk.contains("--> data/a.toml:2:6"), "{on_disk}");
    let committed = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(committed.fails(1), on_disk.replace("data/", "HEAD:data/"));
}

#[test]
fn known_at_and_every_command_read_the_revision_too() {
    let repo = committed();
    repo.write("data/org.toml", typo().as_bytes());
    let out = repo.run(&[
        "who-reports-to",
        "Ann",
        "--rev",
        "HEAD",
        "--known-at",
        "2023-01-01",
    ]);
    assert_eq!(
        out.ok(),
        "Direct reports of Ann Archer on 2024-01-01
as known on 2023-01-01: events reported after it are left out
as CEO, Acme
nobody reports to Ann Archer on 2024-01-01
"
    );
}

#[test]
fn without_a_data_folder_here_rev_asks_for_one() {
    let repo = Repo::new();
    repo.write("org/org.toml", acme().as_bytes()).commit("Acme");
    let err = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(
        err.fails(2),
        "error: no data folder: name one with --data DIR, ORGCTL_DATA=DIR or an orgctl.toml (see `orgctl help`), or run orgctl where a ./data folder is; `check` never checks the built-in demo data
"
    );
    let out = repo.run(&["check", "--rev", "HEAD", "--data", "org"]);
    assert_eq!(
        out.ok(),
        "checked org (named by --data) as of HEAD: 1 unit, 1 role, 1 person and 0 events in 1 file: no problems found\n"
    );
}

#[test]
fn a_revision_that_names_a_file_is_a_usage_error() {
    let repo = committed();
    let err = repo.run(&["check", "--rev", "HEAD:data/org.toml"]);
    assert_eq!(
        err.fails(2),
        "error: revision 'HEAD:data/org.toml' names a blob, not a commit
  help: --rev takes a commit (a branch, a tag, HEAD~2, a commit id); the folder in it is given by --data
"
    );
}

#[test]
fn the_top_of_the_repository_as_the_data_folder_names_files_from_it() {
    // The hook of old gave the top of the repository as the data folder.
    let repo = committed();
    repo.write("data/org.toml", typo().as_bytes());
    repo.git(&["add", "data/org.toml"]);
    let err = repo.run(&["check", "--staged", "--data", "."]);
    assert!(
        err.fails(1).contains(" --> :data/org.toml:3:1\n"),
        "{}",
        err.stderr
    );
}

#[test]
fn a_merge_conflict_in_the_index_is_named() {
    let repo = committed();
    repo.git(&["checkout", "-q", "-b", "other"]);
    repo.write(
        "data/org.toml",
        acme().replace("\"Acme\"", "\"Acme Ltd\"").as_bytes(),
    )
    .commit("Ltd");
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        "data/org.toml",
        acme().replace("\"Acme\"", "\"Acme Inc\"").as_bytes(),
    )
    .commit("Inc");
    let merge = std::process::Command::new("git")
        .args(["merge", "-q", "other"])
        .current_dir(repo.path())
        .output()
        .expect("git runs");
    assert!(!merge.status.success(), "the merge conflicts");
    let err = repo.run(&["check", "--staged"]);
    assert_eq!(
        err.fails(1),
        "error: 'data/org.toml' has unresolved merge conflicts in the index
  help: resolve them and `git add data/org.toml`
"
    );
}
