//! Every command, in every format, gives byte for byte the output recorded
//! in `tests/golden/*.sums`: on the bundled Alibaba data and on the
//! generated history S. The outputs are kept as hashes (S's are megabytes);
//! `scripts/same-output OLD NEW` shows any difference in full.
//!
//! After an intended change of output, `ORGCTL_BLESS=1 cargo test golden`
//! rewrites the sums; the diff of the `.sums` file then says which
//! commands changed, for the reviewer.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::support::{bundled_data, command};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// The command lines of `NAME.cmds` (comments and blank lines skipped).
fn commands(set: &str) -> Vec<String> {
    let text = std::fs::read_to_string(golden(&format!("{set}.cmds"))).expect("a command list");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// One line per command, run in the data folder as `--data .` (paths in
/// the output are then the same on every machine): the hash of its exit code, stdout and stderr, the
/// length of its stdout, and the command.
fn sums(set: &str, data: &Path) -> String {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let mut out = String::new();
    for line in commands(set) {
        let run = command()
            .env("ORGCTL_TODAY", "2025-06-30")
            .env("XDG_CACHE_HOME", cache.path())
            .current_dir(data)
            .args(["--data", "."])
            .args(["--color", "never"])
            .args(line.split_whitespace())
            .output()
            .expect("orgctl runs");
        let mut bytes = format!("{:?}\n", run.status.code()).into_bytes();
        bytes.extend_from_slice(&run.stdout);
        bytes.extend_from_slice(b"\n--- stderr\n");
        bytes.extend_from_slice(&run.stderr);
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        let _ = writeln!(out, "{hash:016x} {:>8} {line}", run.stdout.len());
    }
    out
}

#[track_caller]
fn same_as_recorded(set: &str, data: &Path) {
    let got = sums(set, data);
    let path = golden(&format!("{set}.sums"));
    if std::env::var_os("ORGCTL_BLESS").is_some() {
        std::fs::write(&path, &got).expect("sums written");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    let changed: Vec<&str> = got
        .lines()
        .zip(want.lines().chain(std::iter::repeat("")))
        .filter(|(g, w)| g != w)
        .map(|(g, _)| g.get(26..).unwrap_or(g))
        .collect();
    assert!(
        changed.is_empty() && got.lines().count() == want.lines().count(),
        "the output of these commands on {set} changed:\n  {}\n\
         see it with `scripts/same-output OLD_ORGCTL NEW_ORGCTL {set}`; \
         if the change is intended, `ORGCTL_BLESS=1 cargo test golden`",
        changed.join("\n  ")
    );
}

#[test]
fn every_command_on_the_bundled_data_gives_the_recorded_output() {
    same_as_recorded("bundled", &bundled_data());
}

#[test]
fn every_command_on_generated_s_gives_the_recorded_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = orgctl_synth::Params::size("S").expect("size S");
    orgctl_synth::write(&p, dir.path()).expect("S written");
    same_as_recorded("S", dir.path());
}
