//! One case per diagnostic code, in `tests/cases/`: each reads as the rule
//! it checks. `<CODE>-<name>.in/` is the data folder (and the working
//! folder), `<CODE>-<name>.toml` the command and its exit code, and
//! `<CODE>-<name>.stderr` / `.stdout` what orgctl must print, in full.
//!
//! Run by `trycmd`. After a deliberate change of wording, rewrite the
//! expected output with `TRYCMD=overwrite cargo test --test cli cases` and
//! read the diff before committing it.

use std::collections::BTreeSet;
use std::path::Path;

use orgctl::check::codes::Code;

fn cases_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"))
}

#[test]
fn every_code_case_prints_its_diagnostic_in_full() {
    trycmd::TestCases::new()
        .register_bin("orgctl", Path::new(env!("CARGO_BIN_EXE_orgctl")))
        .env("ORGCTL_TODAY", "2024-01-01")
        .env("NO_COLOR", "1")
        // A hang guard only: a case takes milliseconds.
        .timeout(std::time::Duration::from_secs(60))
        .case("tests/cases/*.toml");
}

/// Codes that no data folder can trigger, each with the reason. Empty:
/// every code has a case.
const WITHOUT_A_CASE: &[(&str, &str)] = &[];

#[test]
fn every_code_has_a_case_and_every_case_a_code() {
    let mut cases = BTreeSet::new();
    for entry in std::fs::read_dir(cases_dir()).expect("tests/cases") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".toml") {
            cases.insert(stem.to_string());
        }
    }
    let mut failures = Vec::new();
    for code in Code::ALL {
        let expected = format!("{}-{}", code.id(), code.name());
        let exempt = WITHOUT_A_CASE.iter().any(|(id, _)| *id == code.id());
        match (cases.contains(&expected), exempt) {
            (false, false) => failures.push(format!(
                "{} ({}) has no case: add tests/cases/{expected}.toml and {expected}.in/",
                code.id(),
                code.name()
            )),
            (true, true) => failures.push(format!(
                "{} has a case but is listed in WITHOUT_A_CASE",
                code.id()
            )),
            _ => {}
        }
        if cases.contains(&expected) {
            let stderr = std::fs::read_to_string(cases_dir().join(format!("{expected}.stderr")))
                .unwrap_or_default();
            let kind = match code.severity() {
                orgctl::check::codes::Severity::Error => "error",
                orgctl::check::codes::Severity::Warning => "warning",
            };
            let head = format!("{kind}[{}]", code.id());
            if !stderr.starts_with(&head) {
                failures.push(format!(
                    "tests/cases/{expected}.stderr does not start with {head}"
                ));
            }
        }
    }
    for case in &cases {
        let known = Code::ALL
            .iter()
            .any(|c| *case == format!("{}-{}", c.id(), c.name()));
        if !known {
            failures.push(format!(
                "tests/cases/{case}.toml is named after no code (<CODE>-<name>, as in src/check/codes.rs)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
