//! The toml-test suite (github.com/toml-lang/toml-test), read from
//! `../shared/corpus/toml-test/tests/` beside the crate when it is there
//! (it is not copied into the project; without it the test prints a notice
//! and passes).
//!
//! Each case file is copied alone into a one-file data folder and given to
//! `orgctl check`:
//!
//! - `invalid/**/*.toml` (not TOML, for TOML 1.0 or 1.1: bad syntax, bad
//!   encoding, control characters...): exit 1, with a message naming the
//!   file with a line and column (`<name>.toml:LINE:COL`).
//! - `valid/**/*.toml` (valid TOML, but not org data): exit 0 (an empty
//!   file) or 1; on exit 1, a message naming the file with a line and
//!   column.
//!
//! Every run must also end within `bad_input::LIMIT`, without a panic, with
//! a bounded stderr free of raw control characters. The cases run on a
//! few threads; every failing case is collected and listed at the end.
//! Cases where one mistake is reported twice (same message, same place)
//! are listed in a notice, but do not fail the test.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::bad_input::{Outcome, names_file_line_col, repeated_diagnostics, run_on};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/toml-test/tests")
}

/// Every `*.toml` file under `dir`, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Invalid,
    Valid,
}

struct Case {
    kind: Kind,
    /// The path under the corpus root, e.g. `invalid/array/no-close-01.toml`.
    name: String,
    path: PathBuf,
}

/// What is wrong with orgctl's answer to one case, if anything.
fn judge(case: &Case, file: &str, run: &Outcome) -> Vec<String> {
    let mut found = run.sanity_failures(false);
    let located = names_file_line_col(&run.stderr, file);
    match (case.kind, run.code) {
        (_, None) => {}
        (Kind::Invalid, Some(1)) | (Kind::Valid, Some(1)) if !located => {
            found.push(format!("exit 1 without naming {file}:LINE:COLUMN"))
        }
        (Kind::Invalid, Some(1)) | (Kind::Valid, Some(0 | 1)) => {}
        (Kind::Invalid, Some(code)) => found.push(format!("exit {code}, expected 1")),
        (Kind::Valid, Some(code)) => found.push(format!("exit {code}, expected 0 or 1")),
    }
    found
}

#[test]
fn every_toml_test_case_gives_a_located_error_or_loads() {
    let root = corpus_root();
    if !root.is_dir() {
        eprintln!(
            "notice: the toml-test corpus is not at {}; \
             every_toml_test_case_gives_a_located_error_or_loads skipped",
            root.display()
        );
        return;
    }
    let mut cases = Vec::new();
    for (kind, sub) in [(Kind::Invalid, "invalid"), (Kind::Valid, "valid")] {
        for path in toml_files(&root.join(sub)) {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            cases.push(Case { kind, name, path });
        }
    }
    let invalid = cases.iter().filter(|c| c.kind == Kind::Invalid).count();
    assert!(
        invalid > 0 && cases.len() > invalid,
        "no cases found under {}",
        root.display()
    );

    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let repeated = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let dir = tempfile::tempdir().expect("a temporary folder");
                    let file = case
                        .path
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    fs::copy(&case.path, dir.path().join(&file)).expect("copy the case");
                    let run = run_on(dir.path(), &["check"]);
                    let found = judge(case, &file, &run);
                    if !repeated_diagnostics(&run.stderr).is_empty() {
                        repeated.lock().unwrap().push(case.name.clone());
                    }
                    if !found.is_empty() {
                        failures.lock().unwrap().push(format!(
                            "{}: {}\n{}",
                            case.name,
                            found.join("; "),
                            run.show()
                        ));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let mut repeated = repeated.into_inner().unwrap();
    repeated.sort();
    if !repeated.is_empty() {
        eprintln!(
            "notice: {} toml-test cases report one mistake twice (same message, same place): {}",
            repeated.len(),
            repeated.join(", ")
        );
    }
    eprintln!(
        "toml-test: {} cases ({invalid} invalid, {} valid) on {threads} threads in {:.1?}",
        cases.len(),
        cases.len() - invalid,
        start.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {} toml-test cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
