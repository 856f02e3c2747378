//! Which data a run reads: `--data`, else `ORGCTL_DATA`, else `./data`,
//! else, only for a query command whose output is a terminal, the built-in
//! demo. `check` and scripts never answer about the demo by accident.

use crate::support::{ACME, Org, orgctl_in as run_in};

#[test]
fn check_without_a_data_folder_is_a_usage_error_not_the_demo() {
    let empty = tempfile::tempdir().unwrap();
    let run = run_in(empty.path(), &[], &["check"]);
    assert_eq!(
        run.fails(2),
        "error: no data folder: name one with --data DIR, ORGCTL_DATA=DIR or an orgctl.toml (see `orgctl help`), or run orgctl where a ./data folder is; `check` never checks the built-in demo data\n"
    );
    assert_eq!(run.stdout, "");
    // Not even "in a terminal".
    let run = run_in(empty.path(), &[("ORGCTL_ASSUME_TERMINAL", "1")], &["check"]);
    run.fails(2);
}

#[test]
fn a_query_piped_without_a_data_folder_fails_the_same_way() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["at", "2023-05-10"][..], &["log", "--oneline"]] {
        let run = run_in(empty.path(), &[], args);
        assert_eq!(
            run.fails(2),
            "error: no data folder: name one with --data DIR, ORGCTL_DATA=DIR or an orgctl.toml (see `orgctl help`), or run orgctl where a ./data folder is; the built-in demo data is used only when the output is a terminal\n"
        );
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn check_says_which_folder_it_checked_and_why() {
    let org = Org::new().file("data/org.toml", ACME);
    let summary = "3 units, 4 roles, 4 people and 0 events in 1 file: no problems found\n";
    let here = run_in(org.path(), &[], &["check"]);
    assert_eq!(
        here.ok(),
        format!("checked data (found in the working folder): {summary}")
    );
    let env = run_in(org.path(), &[("ORGCTL_DATA", "data")], &["check"]);
    assert_eq!(
        env.ok(),
        format!("checked data (named by ORGCTL_DATA): {summary}")
    );
    let flag = run_in(org.path(), &[], &["--data", "data", "check"]);
    assert_eq!(
        flag.ok(),
        format!("checked data (named by --data): {summary}")
    );
}

#[test]
fn data_beats_orgctl_data_which_beats_the_data_folder_here() {
    let org = Org::new().file("data/org.toml", ACME).file(
        "other/org.toml",
        "[[unit]]\nid = \"solo\"\nname = \"Solo\"\n",
    );
    let solo = "1 unit, 0 roles, 0 people and 0 events in 1 file: no problems found\n";
    let run = run_in(
        org.path(),
        &[("ORGCTL_DATA", "data")],
        &["--data", "other", "check"],
    );
    assert_eq!(run.ok(), format!("checked other (named by --data): {solo}"));
    let run = run_in(org.path(), &[("ORGCTL_DATA", "other")], &["check"]);
    assert_eq!(
        run.ok(),
        format!("checked other (named by ORGCTL_DATA): {solo}")
    );
}
