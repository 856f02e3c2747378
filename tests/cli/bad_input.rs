//! Input that must not break orgctl: the bad-input corpus in
//! `tests/bad_input/`, and the bad inputs better made at run time (missing,
//! empty, unreadable and not-UTF-8 files and folders, symlink loops, huge
//! and deeply nested files). Every run must end within [`LIMIT`] without a
//! panic, with a bounded stderr free of raw control characters.
//!
//! # The corpus
//!
//! Each folder `tests/bad_input/<class>/` holds one class of bad input: its
//! data folder `data/`, given to orgctl as `--data`, and `expect.toml`,
//! which says what orgctl must do with it:
//!
//! ```toml
//! about = "dangling references"   # the class, in words
//!
//! [[run]]                          # one run of orgctl --data <class>/data ARGS
//! args = ["check"]
//! exit = 1
//! stdout = ["no problems found"]   # words stdout must hold (optional)
//! stderr = ["did you mean"]        # words stderr must hold (optional)
//!
//! [[run.problem]]                  # `check` runs: each problem, and no other
//! at = "events.toml:8"             # FILE:LINE (FILE relative to data/)
//! says = ["unknown unit", "'legal'"]   # words of its message or help
//!
//! [[file]]                         # optional: bytes a data file must keep
//! path = "units.toml"
//! bom = true                       # starts with a UTF-8 byte order mark
//! crlf = true                      # every line ends in CRLF
//! ```
//!
//! A `check` run that exits 1 is run twice: as text, where stderr must name
//! every problem's `FILE:LINE` and hold its words; and with `--format
//! json`, where the problems must be exactly those listed (same count, each
//! `at` matching one problem's file and line, its words in that problem's
//! message or help), so no problem goes missing and none is spurious.
//!
//! Every folder is one `#[test]` below (see [`corpus!`]); a folder without
//! one fails [`every_corpus_folder_has_a_test`].

use std::fs;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::Deserialize;

/// How long one run of orgctl may take before it counts as a hang: a hang
/// guard, not a speed test (a run takes well under a second, but a busy
/// machine can stretch that many times). No test asserts a shorter time.
pub const LIMIT: Duration = Duration::from_secs(60);

/// [`LIMIT`] for the runs on a 10 or 100 MB line, which take seconds in a
/// debug build on an idle machine and over a minute beside the other tests
/// on a loaded one: still only a hang guard.
pub const BIG_LIMIT: Duration = Duration::from_secs(300);

/// The most stderr one run may print: about one screen of diagnostics (50
/// problems, then a count of the rest).
pub const MAX_STDERR: usize = 32 * 1024;

// ----- running orgctl -------------------------------------------------------

/// What one run of orgctl gave, within [`LIMIT`].
#[derive(Debug)]
pub struct Outcome {
    /// The exit code; `None` when it was killed by a signal or timed out.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub timed_out: bool,
}

impl Outcome {
    /// What went wrong with this run whatever its input: a hang, a crash, a
    /// panic, a backtrace, an unbounded stderr, a raw control character.
    /// `json_stdout`: stdout is JSON, whose own escaping rules apply.
    pub fn sanity_failures(&self, json_stdout: bool) -> Vec<String> {
        let mut failures = Vec::new();
        if self.timed_out {
            failures.push(format!("no answer within {:.0?} (killed)", self.elapsed));
        } else if self.code.is_none() {
            failures.push("killed by a signal (a crash, e.g. a stack overflow)".into());
        }
        if self.stderr.contains("panicked") {
            failures.push("panicked".into());
        }
        if self.stderr.contains("stack backtrace") || self.stderr.contains("RUST_BACKTRACE") {
            failures.push("printed a backtrace".into());
        }
        if self.stderr.len() > MAX_STDERR {
            failures.push(format!(
                "stderr is {} bytes (at most {MAX_STDERR})",
                self.stderr.len()
            ));
        }
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            if name == "stdout" && json_stdout {
                continue;
            }
            let raw = raw_controls(text);
            if !raw.is_empty() {
                failures.push(format!("raw control characters in {name}: {raw:?}"));
            }
        }
        failures
    }

    /// [`Outcome::sanity_failures`], and one mistake given twice: the
    /// same message at the same place.
    pub fn strict_failures(&self, json_stdout: bool) -> Vec<String> {
        let mut failures = self.sanity_failures(json_stdout);
        for twice in repeated_diagnostics(&self.stderr) {
            failures.push(format!("the same diagnostic twice: {twice}"));
        }
        failures
    }

    /// Panics unless the run was sane ([`Outcome::strict_failures`]) and
    /// exited with `code`; returns stderr.
    #[track_caller]
    pub fn fails(&self, code: i32) -> &str {
        let mut failures = self.strict_failures(false);
        if self.code != Some(code) && !self.timed_out {
            failures.push(format!("exit {:?}, expected {code}", self.code));
        }
        assert!(
            failures.is_empty(),
            "{}\n{}",
            failures.join("\n"),
            self.show()
        );
        &self.stderr
    }

    /// Panics unless the run was sane and exited 0; returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        self.fails(0);
        &self.stdout
    }

    /// The run, for a failure message (long output cut short).
    pub fn show(&self) -> String {
        format!(
            "exit {:?} after {:.1?}\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.elapsed,
            excerpt(&self.stdout),
            excerpt(&self.stderr)
        )
    }
}

/// The characters of `text` that must never reach a terminal raw: control
/// characters (C0 but newline and tab, DEL, C1) and the bidirectional
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
pub fn raw_controls(text: &str) -> Vec<char> {
    let mut raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    raw.dedup();
    raw.truncate(10);
    raw
}

/// The diagnostics of `stderr` given more than once: the same message at
/// the same `file:line:column` (the ` --> ` line and the line before it).
pub fn repeated_diagnostics(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut seen = std::collections::HashSet::new();
    let mut twice = Vec::new();
    for pair in lines.windows(2) {
        if pair[1].trim_start().starts_with("--> ") && !seen.insert((pair[0], pair[1])) {
            let d = format!("{} {}", pair[0], pair[1].trim_start());
            if !twice.contains(&d) {
                twice.push(d);
            }
        }
    }
    twice
}

/// At most 2 KB of `text`, for failure messages.
fn excerpt(text: &str) -> String {
    const MAX: usize = 2048;
    if text.len() <= MAX {
        return text.to_string();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// Runs `cmd`, killing it after [`LIMIT`]. Its output goes to temporary
/// files, so that a flood of output cannot block it on a full pipe.
pub fn run_limited(cmd: Command) -> Outcome {
    run_within(cmd, LIMIT)
}

/// Runs `cmd`, killing it after `limit`.
pub fn run_within(mut cmd: Command, limit: Duration) -> Outcome {
    let mut out = tempfile::tempfile().expect("a temporary file");
    let mut err = tempfile::tempfile().expect("a temporary file");
    cmd.stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("orgctl starts");
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for orgctl") {
            break status;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("waiting for orgctl");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let read = |f: &mut fs::File| {
        let mut bytes = Vec::new();
        f.rewind().unwrap();
        f.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Outcome {
        code: status.code(),
        stdout: read(&mut out),
        stderr: read(&mut err),
        elapsed,
        timed_out,
    }
}

/// Runs `orgctl --data DATA ARGS...` within [`LIMIT`].
pub fn run_on(data: &Path, args: &[&str]) -> Outcome {
    let mut cmd = crate::support::command();
    cmd.arg("--data").arg(data).args(args);
    run_limited(cmd)
}

/// Whether `text` names `place` (`file:line` or `file:line:col`, the file
/// given by its name or by a path that ends in it), as a whole location:
/// not `org.toml:4` inside `org.toml:40`, nor `a.toml` inside `data.toml`.
pub fn names_place(text: &str, place: &str) -> bool {
    text.match_indices(place).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + place.len()..].chars().next();
        !matches!(before, Some(c) if c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !matches!(after, Some(c) if c.is_ascii_digit())
    })
}

/// Whether `text` names `file` with a line and a column:
/// `file:LINE:COLUMN`.
pub fn names_file_line_col(text: &str, file: &str) -> bool {
    let pattern = format!("{file}:");
    text.match_indices(&pattern).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        if matches!(before, Some(c) if c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            return false;
        }
        let rest = &text[i + pattern.len()..];
        let line = rest.chars().take_while(char::is_ascii_digit).count();
        if line == 0 || !rest[line..].starts_with(':') {
            return false;
        }
        rest[line + 1..].starts_with(|c: char| c.is_ascii_digit())
    })
}

// ----- the corpus ---------------------------------------------------------------

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    about: String,
    #[serde(default)]
    run: Vec<RunSpec>,
    #[serde(default)]
    file: Vec<FileSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RunSpec {
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    problem: Vec<ProblemSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemSpec {
    at: String,
    #[serde(default)]
    says: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    path: String,
    bom: bool,
    crlf: bool,
}

/// One problem of `check --format json`.
#[derive(Debug, Deserialize)]
struct JsonProblem {
    file: String,
    line: u64,
    message: String,
    help: Option<String>,
}

#[derive(Deserialize)]
struct JsonProblems {
    problems: Vec<JsonProblem>,
}

/// Runs every run of the class `name` and panics with every way it failed.
fn check_class(name: &str) {
    let dir = corpus_root().join(name);
    let data = dir.join("data");
    let expect_path = dir.join("expect.toml");
    let text = fs::read_to_string(&expect_path)
        .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
    let expect: Expect =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
    assert!(data.is_dir(), "{} is not a folder", data.display());
    assert!(
        !expect.run.is_empty(),
        "{}: no [[run]]",
        expect_path.display()
    );

    let mut failures = Vec::new();
    for f in &expect.file {
        failures.extend(check_bytes(&data, f));
    }
    for run in &expect.run {
        let args: Vec<&str> = run.args.iter().map(String::as_str).collect();
        let label = format!("orgctl {}", shell_words(&args));
        let mut fail = |what: String| failures.push(format!("`{label}`: {what}"));

        let text_run = run_on(&data, &args);
        let mut found = text_run.strict_failures(args.contains(&"json"));
        if text_run.code != Some(run.exit) {
            found.push(format!("exit {:?}, expected {}", text_run.code, run.exit));
        }
        for w in &run.stdout {
            if !text_run.stdout.contains(w.as_str()) {
                found.push(format!("stdout lacks {w:?}"));
            }
        }
        for w in &run.stderr {
            if !text_run.stderr.contains(w.as_str()) {
                found.push(format!("stderr lacks {w:?}"));
            }
        }
        for p in &run.problem {
            if !names_place(&text_run.stderr, &p.at) {
                found.push(format!("stderr does not name {}", p.at));
            }
            for w in &p.says {
                if !text_run.stderr.contains(w.as_str()) {
                    found.push(format!("stderr lacks {w:?} (problem at {})", p.at));
                }
            }
        }
        if !found.is_empty() {
            fail(format!("{}\n{}", found.join("\n"), text_run.show()));
        }

        if args.first() == Some(&"check") && run.exit == 1 {
            let mut json_args = vec!["--format", "json"];
            json_args.extend(&args);
            let json_run = run_on(&data, &json_args);
            let found = check_json_problems(&data, &json_run, run);
            if !found.is_empty() {
                fail(format!("with --format json:\n{}", found.join("\n")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "bad input class `{name}` ({}): {} failure(s)\n\n{}",
        expect.about,
        failures.len(),
        failures.join("\n\n")
    );
}

/// The problems of `check --format json` must be exactly those of `run`.
fn check_json_problems(data: &Path, out: &Outcome, run: &RunSpec) -> Vec<String> {
    let mut found = out.sanity_failures(true);
    if out.code != Some(run.exit) {
        found.push(format!("exit {:?}, expected {}", out.code, run.exit));
    }
    let problems = match serde_json::from_str::<JsonProblems>(&out.stdout) {
        Ok(p) => p.problems,
        Err(e) => {
            found.push(format!("stdout is not {{\"problems\": [...]}}: {e}"));
            return found;
        }
    };
    let place = |p: &JsonProblem| {
        let file = Path::new(&p.file);
        let file = file.strip_prefix(data).unwrap_or(file);
        format!("{}:{}", file.display(), p.line)
    };
    let mut unmatched: Vec<&JsonProblem> = problems.iter().collect();
    for spec in &run.problem {
        // The first problem at that place whose text holds every word.
        let hit = unmatched.iter().position(|p| {
            let text = format!("{} {}", p.message, p.help.as_deref().unwrap_or(""));
            names_place(&place(p), &spec.at) && spec.says.iter().all(|w| text.contains(w.as_str()))
        });
        match hit {
            Some(i) => {
                unmatched.remove(i);
            }
            None => found.push(format!("no problem at {} saying {:?}", spec.at, spec.says)),
        }
    }
    for p in unmatched {
        found.push(format!(
            "unexpected problem at {}: {} ({})",
            place(p),
            p.message,
            p.help.as_deref().unwrap_or("no help")
        ));
    }
    found
}

/// The data file must still have the bytes the class is about.
fn check_bytes(data: &Path, f: &FileSpec) -> Vec<String> {
    let path = data.join(&f.path);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) => return vec![format!("{}: {e}", path.display())],
    };
    let mut found = Vec::new();
    if bytes.starts_with(b"\xef\xbb\xbf") != f.bom {
        found.push(format!(
            "{}: expected {} byte order mark (did git change the file?)",
            f.path,
            if f.bom { "a" } else { "no" }
        ));
    }
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    let all_crlf = lf > 0 && crlf == lf;
    if all_crlf != f.crlf || (!f.crlf && crlf > 0) {
        found.push(format!(
            "{}: expected {} line endings, found {lf} LF of which {crlf} CRLF (did git change the file?)",
            f.path,
            if f.crlf { "CRLF" } else { "LF" }
        ));
    }
    found
}

fn shell_words(args: &[&str]) -> String {
    args.iter()
        .map(|a| {
            if a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c))
            {
                a.to_string()
            } else {
                format!("{a:?}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `#[test]` per corpus folder, and the list of them.
macro_rules! corpus {
    ($($test:ident => $class:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_class($class);
            }
        )*

        const CLASSES: &[&str] = &[$($class),*];
    };
}

corpus! {
    malformed_toml => "malformed-toml",
    wrong_types => "wrong-types",
    unknown_keys => "unknown-keys",
    invalid_ids => "invalid-ids",
    duplicate_ids => "duplicate-ids",
    dangling_references => "dangling-references",
    wrong_kind_references => "wrong-kind-references",
    bad_changes => "bad-changes",
    errors_in_every_stage => "errors-in-every-stage",
    unit_parent_cycle => "unit-parent-cycle",
    reporting_cycle => "reporting-cycle",
    two_heads => "two-heads",
    heads_and_tops => "heads-and-tops",
    dotted_lines => "dotted-lines",
    before_it_exists => "before-it-exists",
    after_it_ended => "after-it-ended",
    appoint_eliminated_role => "appoint-eliminated-role",
    leave_not_held => "leave-not-held",
    move_under_descendant => "move-under-descendant",
    dissolve_non_empty => "dissolve-non-empty",
    successor_across_a_gap => "successor-across-a-gap",
    spin_off => "spin-off",
    impossible_dates => "impossible-dates",
    trailing_garbage_dates => "trailing-garbage-dates",
    date_windows => "date-windows",
    empty_file => "empty-file",
    not_data_files => "not-data-files",
    bom_and_crlf => "bom-and-crlf",
    escape_sequences => "escape-sequences",
    escape_sequences_in_toml_errors => "escape-sequences-in-toml-errors",
    escape_sequences_in_rule_errors => "escape-sequences-in-rule-errors",
    ambiguous_name => "ambiguous-name",
    handover_day => "handover-day",
    seats_values => "seats-values",
    seats_full => "seats-full",
    names_over_time => "names-over-time",
    dated_aka => "dated-aka",
    transfer_without_leave => "transfer-without-leave",
    person_attributes => "person-attributes",
}

#[test]
fn every_corpus_folder_has_a_test() {
    let mut folders: Vec<String> = fs::read_dir(corpus_root())
        .expect("tests/bad_input")
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CLASSES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "every folder of tests/bad_input needs a line in corpus! (and every line a folder)"
    );
}

// ----- bad input made at run time ------------------------------------------------

/// A temporary data folder.
fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

#[track_caller]
fn assert_has(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "expected {p:?} in:\n{}", excerpt(text));
    }
}

const PERSON: &str = "[[person]]\nid = \"ann\"\nname = \"Ann Archer\"\n";

#[test]
fn an_empty_data_folder_is_an_error_not_an_empty_org() {
    let empty = temp();
    let stderr = run_on(empty.path(), &["check"]).fails(1).to_string();
    assert_has(&stderr, &[&empty.path().display().to_string(), ".toml"]);

    // Only empty folders, a hidden file and files of other kinds.
    let hollow = temp();
    fs::create_dir_all(hollow.path().join("2023/q1")).unwrap();
    write(hollow.path(), ".hidden.toml", PERSON);
    write(hollow.path(), "notes.txt", PERSON);
    let run = run_on(hollow.path(), &["at", "2023-01-01"]);
    assert_has(
        run.fails(1),
        &[&hollow.path().display().to_string(), ".toml"],
    );
}

#[test]
fn a_missing_data_folder_is_an_error_naming_it() {
    let parent = temp();
    let gone = parent.path().join("gone");
    let stderr = run_on(&gone, &["check"]).fails(1).to_string();
    assert_has(&stderr, &[&gone.display().to_string()]);

    // Named by ORGCTL_DATA instead of --data.
    let mut cmd = crate::support::command();
    cmd.env("ORGCTL_DATA", &gone).args(["at", "2023-01-01"]);
    let run = run_limited(cmd);
    assert_has(run.fails(1), &[&gone.display().to_string()]);
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_its_line_column_and_byte_offset() {
    // (bytes, line, column, byte offset of the first bad byte)
    let cases: &[(&[u8], u32, u32, u32)] = &[
        // Latin-1 after two-byte characters: columns count characters.
        (
            b"[[person]]\nid = \"zoe\"\nname = \"Zo\xc3\xab Caf\xe9\"\n",
            3,
            16,
            38,
        ),
        // A byte order mark and CRLF: the offset counts from the first
        // byte of the file, the column from after the mark.
        (
            b"\xef\xbb\xbf[[person]]\r\nid = \"cy\"\r\nname = \"Caf\xe9\"\r\n",
            3,
            12,
            37,
        ),
        // An overlong encoding of NUL.
        (b"[[person]]\nid = \"a\"\nname = \"\xc0\x80\"\n", 3, 9, 28),
        // UTF-16 with its byte order mark.
        (b"\xff\xfe[\x00[\x00u\x00", 1, 1, 0),
        // A sequence cut short by the end of the file.
        (b"[[person]]\nid = \"a\"\nname = \"abc\xe2\x82", 3, 12, 31),
        // An encoded surrogate, in a comment.
        (b"# \xed\xa0\x80\n", 1, 3, 2),
    ];
    let mut failures = Vec::new();
    for (i, &(bytes, line, col, offset)) in cases.iter().enumerate() {
        let dir = temp();
        write(dir.path(), "ok.toml", PERSON);
        write(dir.path(), "bad.toml", bytes);
        let run = run_on(dir.path(), &["check"]);
        let mut found = run.strict_failures(false);
        if run.code != Some(1) {
            found.push(format!("exit {:?}, expected 1", run.code));
        }
        let place = format!("bad.toml:{line}:{col}");
        if !names_place(&run.stderr, &place) {
            found.push(format!("does not name {place}"));
        }
        if !run.stderr.contains(&format!("offset {offset}")) {
            found.push(format!("does not name byte offset {offset}"));
        }
        if !found.is_empty() {
            failures.push(format!(
                "case {i} ({:?}): {}\n{}",
                String::from_utf8_lossy(bytes),
                found.join("; "),
                run.show()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    write(dir.path(), "ok.toml", PERSON);
    let secret = write(dir.path(), "secret.toml", PERSON.replace("ann", "bob"));
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        // Root reads a file of mode 000. No user can read /proc/self/mem
        // from its first byte (it is never mapped): the read fails with EIO.
        fs::remove_file(&secret).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &secret).unwrap();
        if fs::read(&secret).is_ok() {
            eprintln!(
                "notice: an_unreadable_file_is_an_error_naming_it skipped: \
                 this user can read a file of mode 000 and /proc/self/mem"
            );
            return;
        }
    }
    let stderr = run_on(dir.path(), &["check"]).fails(1).to_string();
    assert_has(&stderr, &["secret.toml"]);
    assert_said_once(&stderr, "(os error");
}

/// The OS's description of an error must not be repeated (a cause printed
/// once by its own message and once more as the source of the error).
#[track_caller]
fn assert_said_once(stderr: &str, cause: &str) {
    assert!(
        stderr.matches(cause).count() <= 1,
        "{cause:?} is said more than once in:\n{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_inside_the_folder_is_an_error_not_a_hang() {
    let dir = temp();
    write(dir.path(), "ok.toml", PERSON);
    fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a/loop")).unwrap();
    let run = run_on(dir.path(), &["check"]);
    let stderr = run.fails(1);
    assert_has(stderr, &["loop"]);
    assert!(
        names_place(stderr, "a/loop"),
        "the error names the link a/loop:\n{stderr}"
    );
    assert_said_once(stderr, "symbolic link loop back to");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_itself_and_a_dangling_symlink_are_errors_naming_them() {
    for (name, target) in [
        ("self.toml", "self.toml"),
        ("dangling.toml", "nowhere/x.toml"),
    ] {
        let dir = temp();
        write(dir.path(), "ok.toml", PERSON);
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
        let run = run_on(dir.path(), &["check"]);
        let stderr = run.fails(1);
        assert_has(stderr, &[name]);
        assert_said_once(stderr, "(os error");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_data_file_does_not_hang() {
    let dir = temp();
    write(dir.path(), "ok.toml", PERSON);
    let fifo = dir.path().join("pipe.toml");
    match Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("notice: a_fifo_named_like_a_data_file_does_not_hang skipped: no mkfifo");
            return;
        }
    }
    // Skipped as not a file (exit 0) or refused by name (exit 1): both
    // fine, but within the time limit and without a panic.
    let run = run_on(dir.path(), &["check"]);
    let mut failures = run.strict_failures(false);
    match run.code {
        Some(0) => {}
        Some(1) if run.stderr.contains("pipe.toml") => {}
        other => failures.push(format!("exit {other:?}, expected 0, or 1 naming pipe.toml")),
    }
    assert!(
        failures.is_empty(),
        "{}\n{}",
        failures.join("\n"),
        run.show()
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_with_escape_sequences_is_printed_escaped() {
    let dir = temp();
    write(dir.path(), "ok.toml", PERSON);
    write(
        dir.path(),
        "x\u{1b}[2J\u{1b}]0;owned\u{7}\u{202e}lmot.toml",
        "[[persn]]\nid = \"bob\"\n",
    );
    let run = run_on(dir.path(), &["check"]);
    // `fails` rejects raw control characters in stderr.
    let stderr = run.fails(1);
    assert_has(stderr, &["lmot.toml:1:3", "persn"]);
}

/// Prints how long orgctl took, to keep an eye on the slow tests.
fn note_time(test: &str, run: &Outcome) {
    eprintln!("{test}: orgctl took {:.2?}", run.elapsed);
}

#[test]
fn a_file_over_4_gib_is_refused_by_its_size_without_reading_it() {
    let dir = temp();
    write(dir.path(), "ok.toml", PERSON);
    // A sparse file: 4 GiB and one byte long, taking no disk space.
    let huge = fs::File::create(dir.path().join("huge.toml")).expect("created");
    if huge.set_len(u64::from(u32::MAX) + 2).is_err() {
        eprintln!("notice: a_file_over_4_gib_is_refused skipped: no sparse files here");
        return;
    }
    for args in [&["check"][..], &["at", "2023-05-10"]] {
        let stderr = run_on(dir.path(), args).fails(1).to_string();
        assert_has(&stderr, &["huge.toml", "larger than 4 GiB", "split it"]);
    }
}

#[test]
fn a_100_mb_line_is_a_one_screen_error() {
    // A person whose name is one unterminated 100 MB string: the syntax
    // error is at the end of a 100 MB line, which the snippet must cut.
    let dir = temp();
    let mut bytes = b"[[person]]\nid = \"big\"\nname = \"".to_vec();
    bytes.resize(bytes.len() + 100_000_000, b'a');
    bytes.push(b'\n');
    write(dir.path(), "big.toml", &bytes);
    drop(bytes);
    // 0.5 s in a release build, 7 s in a debug build on an idle machine;
    // tests running beside it on a busy machine can make that over 60 s.
    let mut cmd = crate::support::command();
    cmd.arg("--data").arg(dir.path()).arg("check");
    let run = run_within(cmd, BIG_LIMIT);
    note_time("a_100_mb_line_is_a_one_screen_error", &run);
    let stderr = run.fails(1);
    assert!(names_place(stderr, "big.toml:3"), "{}", run.show());
    assert!(stderr.len() < 4096, "{} bytes of stderr", stderr.len());
}

#[test]
fn a_10_mb_line_quoted_by_a_record_error_is_cut_short() {
    // Valid TOML, but `x` is no kind of record: the error quotes line 1.
    let dir = temp();
    let mut bytes = b"x = \"".to_vec();
    bytes.extend_from_slice("\u{5555}".repeat(3_333_333).as_bytes());
    bytes.extend_from_slice(b"\"\n");
    write(dir.path(), "wide.toml", &bytes);
    let mut cmd = crate::support::command();
    cmd.arg("--data").arg(dir.path()).arg("check");
    let run = run_within(cmd, BIG_LIMIT);
    let stderr = run.fails(1);
    assert!(names_place(stderr, "wide.toml:1"), "{}", run.show());
    assert!(stderr.len() < 4096, "{} bytes of stderr", stderr.len());
}

#[test]
fn a_100000_deep_nesting_is_a_one_screen_error() {
    const DEPTH: usize = 100_000;
    let cases = [
        (
            "array",
            format!("x = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        (
            "array-in-a-record",
            format!(
                "[[person]]\nid = \"ann\"\nname = \"Ann\"\naka = {}{}\n",
                "[".repeat(DEPTH),
                "]".repeat(DEPTH)
            ),
        ),
        (
            "inline-table",
            format!("x = {}1{}\n", "{a = ".repeat(DEPTH), "}".repeat(DEPTH)),
        ),
        (
            "dotted-key",
            format!("{} = 1\n", vec!["a"; DEPTH].join(".")),
        ),
        (
            "table-header",
            format!("[{}]\n", vec!["a"; DEPTH].join(".")),
        ),
        ("unclosed-array", format!("x = {}\n", "[".repeat(DEPTH))),
    ];
    let mut failures = Vec::new();
    for (name, text) in cases {
        let dir = temp();
        let file = format!("{name}.toml");
        write(dir.path(), &file, text);
        let run = run_on(dir.path(), &["check"]);
        let mut found = run.strict_failures(false);
        if run.code != Some(1) {
            found.push(format!("exit {:?}, expected 1", run.code));
        }
        if !names_file_line_col(&run.stderr, &file) {
            found.push(format!("does not name {file}:LINE:COLUMN"));
        }
        if run.stderr.len() > 4096 {
            found.push(format!("{} bytes of stderr", run.stderr.len()));
        }
        if !found.is_empty() {
            failures.push(format!("{name}: {}\n{}", found.join("; "), run.show()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_thousand_errors_are_capped_with_a_count_of_the_rest() {
    let dir = temp();
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!(
            "[[unit]]\nid = \"u{i}\"\nname = \"Unit {i}\"\nparent = \"nowhere\"\n\n"
        ));
    }
    write(dir.path(), "many.toml", text);
    let run = run_on(dir.path(), &["check"]);
    let stderr = run.fails(1);
    assert_has(stderr, &["1000", "many.toml:4:", "unknown unit 'nowhere'"]);
    let shown = stderr.matches("many.toml:").count();
    assert!(
        (10..=100).contains(&shown),
        "{shown} of the 1000 problems shown:\n{}",
        excerpt(stderr)
    );
}

#[test]
fn crlf_and_bom_give_the_same_answers_as_lf() {
    // The data of the bom-and-crlf class, and a copy with LF line endings
    // and no byte order mark: one data set, so one set of answers. (A
    // multi-line string written with CRLF holds the same text as with LF.)
    let crlf = corpus_root().join("bom-and-crlf/data");
    let lf = temp();
    for entry in fs::read_dir(&crlf).unwrap() {
        let entry = entry.unwrap();
        let bytes = fs::read(entry.path()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        write(
            lf.path(),
            &entry.file_name().to_string_lossy(),
            text.replace("\r\n", "\n"),
        );
    }
    let mut failures = Vec::new();
    for args in [
        &["at", "2023-06-01"][..],
        &["diff", "2023-01-01", "2023-06-01"],
        &["--format", "json", "at", "2023-06-01"],
        &["--format", "json", "diff", "2023-01-01", "2023-06-01"],
    ] {
        let a = run_on(&crlf, args);
        let b = run_on(lf.path(), args);
        a.ok();
        b.ok();
        if a.stdout != b.stdout {
            let diff: Vec<String> = a
                .stdout
                .lines()
                .zip(b.stdout.lines())
                .filter(|(x, y)| x != y)
                .map(|(x, y)| format!("  CRLF: {x}\n  LF:   {y}"))
                .collect();
            failures.push(format!("orgctl {}:\n{}", args.join(" "), diff.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "CRLF and LF copies of the data answer differently:\n{}",
        failures.join("\n")
    );
}
