//! The cache of replayed histories: used for large data folders, never
//! stale, never trusted when damaged, and off with `--no-cache`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use orgctl_synth::{self as synth, Params};

use crate::support::{Run, command, command_of};

/// A generated data folder big enough to be cached, and a cache folder.
struct Setup {
    data: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        let data = tempfile::tempdir().expect("a temporary folder");
        let p = Params {
            people: 1_000,
            years: 20,
            ..Params::default()
        };
        let stats = synth::write(&p, data.path()).expect("written");
        assert!(stats.bytes as u64 > orgctl::cache::CACHE_FROM, "{stats:?}");
        Setup {
            data,
            cache: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_build(command(), args)
    }

    /// Runs `orgctl` (a [`command`], perhaps of another executable) with
    /// this setup's data and cache folders.
    fn run_build(&self, mut orgctl: std::process::Command, args: &[&str]) -> Run {
        orgctl
            .env("XDG_CACHE_HOME", self.cache.path())
            .env("HOME", self.cache.path())
            .env("LOCALAPPDATA", self.cache.path())
            .arg("--data")
            .arg(self.data.path())
            .args(args)
            .output()
            .expect("orgctl runs")
            .into()
    }

    /// Runs `orgctl` with `ORGCTL_TIMING` set, and what it did with the
    /// cache, from its phase lines ("key, 0 of 12 files hashed", "read",
    /// "cold load", "written").
    fn run_timed(&self, exe: &Path, args: &[&str]) -> (Run, Vec<String>) {
        let mut c = command_of(exe);
        c.env("ORGCTL_TIMING", "1");
        let run = self.run_build(c, args);
        let phases = run
            .stderr
            .lines()
            .filter_map(|l| l.strip_prefix("orgctl timing: cache: "))
            .map(|l| l.split(':').next().unwrap_or_default().to_string())
            .collect();
        (run, phases)
    }

    /// The cached histories (beside each is its stat table).
    fn histories(&self) -> Vec<PathBuf> {
        let mut found = self.cache_files();
        found.retain(|p| p.extension().is_some_and(|x| x == "history"));
        found
    }

    /// Every data file, by name.
    fn data_files(&self) -> Vec<PathBuf> {
        let mut found = files_under(self.data.path());
        found.sort();
        found
    }

    /// The index that reads the cached history in place.
    fn index(&self) -> PathBuf {
        self.cache_files()
            .into_iter()
            .find(|p| p.extension().is_some_and(|x| x == "place"))
            .expect("the index")
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        files_under(self.cache.path())
    }

    fn file(&self, name: &str) -> PathBuf {
        self.data.path().join(name)
    }
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p);
            }
        }
    }
    found
}

fn append(path: &Path, text: &str) {
    let mut t = std::fs::read_to_string(path).unwrap_or_default();
    t.push_str(text);
    std::fs::write(path, t).expect("written");
}

const AT: [&str; 3] = ["at", "2024-12-31", "--units"];

/// Whether a run answered from the cache: the whole history read, or
/// (`at`, and small questions) the part it needs read in place.
fn from_cache(phases: &[String]) -> bool {
    phases.iter().any(|p| p == "read" || p == "read in place")
}

#[test]
fn a_second_query_reads_the_cache_and_answers_the_same() {
    let s = Setup::new();
    let uncached = s.run(&["--no-cache", "at", "2024-12-31"]).ok().to_string();
    assert!(s.cache_files().is_empty(), "--no-cache writes no cache");
    let first = s.run(&["at", "2024-12-31"]).ok().to_string();
    assert_eq!(s.histories().len(), 1, "one history per data folder");
    assert_eq!(
        s.cache_files().len(),
        3,
        "and its stat table and the index that reads it in place"
    );
    let second = s.run(&["at", "2024-12-31"]).ok().to_string();
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
    let diff = s
        .run(&["diff", "2024-01-01", "2024-12-31"])
        .ok()
        .to_string();
    let diff_uncached = s.run(&["--no-cache", "diff", "2024-01-01", "2024-12-31"]);
    assert_eq!(diff, diff_uncached.ok());
}

/// `at` reads every record of the cache but only the events it shows
/// (in place); `diff`, which reads the events, the whole history. Each
/// answers as without the cache, and with the index damaged `at` reads
/// the whole history and answers the same.
#[test]
fn at_reads_the_cache_in_place_and_answers_as_the_whole_history() {
    let s = Setup::new();
    let this = Path::new(env!("CARGO_BIN_EXE_orgctl"));
    for args in [
        &["at", "2024-12-31"][..],
        &["at", "2023-06-30", "--format", "json"],
        &["at", "2019-01-01", "--unit", "group"],
    ] {
        let uncached = s
            .run(&[&["--no-cache"][..], args].concat())
            .ok()
            .to_string();
        s.run(args).ok();
        let (warm, phases) = s.run_timed(this, args);
        assert!(phases.contains(&"read in place".into()), "{}", warm.stderr);
        assert_eq!(warm.ok(), uncached, "{args:?}");
    }
    let (_, phases) = s.run_timed(this, &["diff", "2024-01-01", "2024-12-31"]);
    assert!(phases.contains(&"read".into()), "{phases:?}");
    let index = s.index();
    let whole = std::fs::read(&index).expect("read");
    std::fs::write(&index, &whole[..whole.len() / 2]).expect("written");
    let expected = s.run(&["--no-cache", "at", "2024-12-31"]).ok().to_string();
    let (run, phases) = s.run_timed(this, &["at", "2024-12-31"]);
    assert!(phases.contains(&"read".into()), "{}", run.stderr);
    assert_eq!(run.ok(), expected);
}

#[test]
fn any_change_to_the_files_is_seen() {
    let s = Setup::new();
    let before = s.run(&AT).ok().to_string();
    assert!(before.contains("Acme Group"));
    // A rename in a new file, then in an existing one, then removed again.
    let rename = "\n[[event]]\ndate = 2024-12-31\ntitle = \"Renamed\"\nsources = [\"test\"]\nchanges = [{ op = \"rename\", unit = \"group\", name = \"Acme Holdings\" }]\n";
    std::fs::write(s.file("zz-extra.toml"), rename).expect("written");
    let added = s.run(&AT).ok().to_string();
    assert!(added.contains("Acme Holdings"), "{added}");
    std::fs::remove_file(s.file("zz-extra.toml")).expect("removed");
    assert_eq!(s.run(&AT).ok(), before);
    append(
        &s.file("units.toml"),
        &rename.replace("Acme Holdings", "Acme Two"),
    );
    assert!(s.run(&AT).ok().contains("Acme Two"));
    // A broken file is reported, not hidden by the cache.
    append(&s.file("units.toml"), "\n[[unit]]\nid = \"x\"\n");
    let err = s.run(&AT).fails(1).to_string();
    assert!(err.contains("missing field"), "{err}");
}

#[test]
fn another_build_of_orgctl_does_not_read_this_builds_cache() {
    let s = Setup::new();
    let this = Path::new(env!("CARGO_BIN_EXE_orgctl"));
    let (first, phases) = s.run_timed(this, &AT);
    assert!(phases.contains(&"written".into()), "{}", first.stderr);
    let (again, phases) = s.run_timed(this, &AT);
    assert!(from_cache(&phases), "{}", again.stderr);
    // The same executable copied, as a rebuild would leave it: a newer file.
    let dir = tempfile::tempdir().expect("a folder");
    let copy = dir.path().join("orgctl");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::copy(this, &copy).expect("copied");
    let (other, phases) = s.run_timed(&copy, &AT);
    assert!(!from_cache(&phases), "{}", other.stderr);
    assert!(phases.contains(&"cold load".into()), "{}", other.stderr);
    assert_eq!(other.ok(), first.ok());
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let s = Setup::new();
    let expected = s.run(&AT).ok().to_string();
    let [file] = &s.histories()[..] else {
        panic!("one cached history: {:?}", s.cache_files())
    };
    let whole = std::fs::read(file).expect("read");
    let damages: Vec<Vec<u8>> = vec![
        Vec::new(),
        whole[..whole.len() / 2].to_vec(),
        whole[..40].to_vec(),
        {
            let mut b = whole.clone();
            let at = b.len() - 100;
            b[at] ^= 0x55;
            b
        },
        b"not a cache at all".to_vec(),
    ];
    for bad in damages {
        std::fs::write(file, &bad).expect("written");
        assert_eq!(s.run(&AT).ok(), expected);
        assert_eq!(std::fs::read(file).expect("rebuilt"), whole, "rebuilt");
    }
}

#[test]
fn small_folders_are_not_cached() {
    let s = Setup::new();
    let small = tempfile::tempdir().expect("a folder");
    let out = command()
        .env("XDG_CACHE_HOME", s.cache.path())
        .env("HOME", s.cache.path())
        .arg("--data")
        .arg(crate::support::bundled_data())
        .args(["at", "2023-05-10"])
        .current_dir(small.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(s.cache_files().is_empty());
}

/// Sets a file's modification time (its change time becomes now).
fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::File::options().write(true).open(path);
    f.and_then(|f| f.set_modified(t)).expect("mtime set");
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("an mtime")
}

const HOUR: Duration = Duration::from_secs(3600);

/// "key, 2 of 14 files hashed": how many of the folder's files a run read
/// to find its cache.
fn hashed(phases: &[String], n: usize, of: usize) -> bool {
    phases.contains(&format!("key, {n} of {of} files hashed"))
}

#[test]
fn an_unchanged_folder_is_found_by_stat_without_reading_its_files() {
    let s = Setup::new();
    let files = s.data_files();
    let n = files.len();
    // Files last written an hour ago: not racy.
    let old = SystemTime::now() - HOUR;
    files.iter().for_each(|f| set_mtime(f, old));
    let this = Path::new(env!("CARGO_BIN_EXE_orgctl"));
    let (first, phases) = s.run_timed(this, &AT);
    assert!(hashed(&phases, n, n), "{}", first.stderr);
    assert!(phases.contains(&"written".into()), "{}", first.stderr);
    let expected = first.ok().to_string();

    let (warm, phases) = s.run_timed(this, &AT);
    assert!(hashed(&phases, 0, n), "{}", warm.stderr);
    assert!(from_cache(&phases), "{}", warm.stderr);
    assert_eq!(warm.ok(), expected);

    // Touched, not changed: hashed once, the same cache answers, and the
    // next run trusts its new stat.
    set_mtime(&s.file("units.toml"), old + HOUR / 2);
    let (touched, phases) = s.run_timed(this, &AT);
    assert!(hashed(&phases, 1, n), "{}", touched.stderr);
    assert!(from_cache(&phases), "{}", touched.stderr);
    assert_eq!(touched.ok(), expected);
    let (again, phases) = s.run_timed(this, &AT);
    assert!(hashed(&phases, 0, n), "{}", again.stderr);

    // Changed: its new content answers.
    let rename = "\n[[event]]\ndate = 2024-12-31\ntitle = \"Renamed\"\nsources = [\"test\"]\nchanges = [{ op = \"rename\", unit = \"group\", name = \"Acme Holdings\" }]\n";
    append(&s.file("units.toml"), rename);
    set_mtime(&s.file("units.toml"), old);
    let (edited, phases) = s.run_timed(this, &AT);
    assert!(hashed(&phases, 1, n), "{}", edited.stderr);
    assert!(phases.contains(&"cold load".into()), "{}", edited.stderr);
    assert!(edited.ok().contains("Acme Holdings"), "{}", edited.stdout);
}

/// An edit in place that keeps the file's size, with its modification
/// time put back: still seen, whether the file was modified long before
/// the cache was written (its change time moved) or in the same second
/// (git's racy rule; `cache::fresh`'s own tests hold the rule alone).
#[test]
fn an_edit_that_keeps_the_size_and_the_mtime_is_seen() {
    for racy in [false, true] {
        let s = Setup::new();
        let units = s.file("units.toml");
        if !racy {
            let old = SystemTime::now() - HOUR;
            s.data_files().iter().for_each(|f| set_mtime(f, old));
        }
        let before = s.run(&AT).ok().to_string();
        assert!(before.contains("Acme Group"), "{before}");
        let when = mtime(&units);
        let text = std::fs::read_to_string(&units).expect("read");
        let edited = text.replacen("Acme Group", "Acme Grouq", 1);
        assert_eq!(edited.len(), text.len());
        // In place: the same inode.
        let mut f = std::fs::File::options()
            .write(true)
            .open(&units)
            .expect("open");
        f.write_all(edited.as_bytes()).expect("written");
        f.set_modified(when).expect("mtime put back");
        drop(f);
        let after = s.run(&AT).ok().to_string();
        assert!(after.contains("Acme Grouq"), "racy {racy}: {after}");
    }
}

#[test]
fn a_damaged_stat_table_only_means_every_file_is_hashed() {
    let s = Setup::new();
    let old = SystemTime::now() - HOUR;
    s.data_files().iter().for_each(|f| set_mtime(f, old));
    let n = s.data_files().len();
    let this = Path::new(env!("CARGO_BIN_EXE_orgctl"));
    let expected = s.run(&AT).ok().to_string();
    let mut tables = s.cache_files();
    tables.retain(|p| p.extension().is_some_and(|x| x == "stat"));
    let [table] = &tables[..] else {
        panic!("one stat table: {:?}", s.cache_files())
    };
    let whole = std::fs::read(table).expect("read");
    let mut flipped = whole.clone();
    flipped[whole.len() / 2] ^= 0x04;
    for bad in [Vec::new(), whole[..whole.len() - 9].to_vec(), flipped] {
        std::fs::write(table, &bad).expect("written");
        let (run, phases) = s.run_timed(this, &AT);
        assert!(hashed(&phases, n, n), "{}", run.stderr);
        assert!(from_cache(&phases), "{}", run.stderr);
        assert_eq!(run.ok(), expected);
        let (run, phases) = s.run_timed(this, &AT);
        assert!(hashed(&phases, 0, n), "rewritten: {}", run.stderr);
    }
}

/// `show`, `chain`, `who-reports-to` (`--all`, `--dotted`) and `history`
/// of a person by id or whole name read the cache in place and print what
/// the whole history gives; words of a name, or a damaged index, are
/// answered from the whole history, the same.
#[test]
fn small_questions_about_a_person_read_the_cache_in_place_and_answer_the_same() {
    let s = Setup::new();
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_orgctl"));
    // Files last written an hour ago: not racy, found by stat alone.
    let old = SystemTime::now() - HOUR;
    s.data_files().iter().for_each(|f| set_mtime(f, old));
    s.run(&AT).ok();
    let (_, phases) = s.run_timed(&exe, &AT);
    assert!(hashed(&phases, 0, s.data_files().len()), "{phases:?}");
    let people: String = s
        .data_files()
        .iter()
        .filter(|p| p.to_string_lossy().contains("people"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    // A name only one person has.
    let names: Vec<&str> = people
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .collect();
    let name = names
        .iter()
        .find(|n| names.iter().filter(|m| m == n).count() == 1)
        .expect("a person's name")
        .to_string();
    let at = ["--at", "2020-06-30"];
    let commands: [&[&str]; 6] = [
        &["show"],
        &["chain"],
        &["who-reports-to"],
        &["who-reports-to", "--all"],
        &["who-reports-to", "--dotted"],
        &["history"],
    ];
    for (query, in_place) in [
        ("p-000007", true),
        ("p-000500", true),
        (name.as_str(), true),
        ("Acme", false),
    ] {
        for (command, format) in commands.iter().flat_map(|c| [(c, "table"), (c, "json")]) {
            let dated = if command[0] == "history" {
                &[][..]
            } else {
                &at
            };
            let args = [&["--format", format][..], command, &[query], dated].concat();
            let whole = s.run(&[&["--no-cache"][..], &args].concat());
            let (run, phases) = s.run_timed(&exe, &args);
            assert_eq!(run.stdout, whole.stdout, "{args:?}");
            assert_eq!(
                run.stderr
                    .lines()
                    .filter(|l| !l.starts_with("orgctl timing"))
                    .count(),
                whole.stderr.lines().count()
            );
            // Everyone below someone near the top: the whole history.
            if command.contains(&"--all") && in_place {
                continue;
            }
            assert_eq!(
                phases.contains(&"read in place".to_string()),
                in_place,
                "{args:?}: {phases:?}"
            );
        }
    }
    let index = s.index();
    let whole = std::fs::read(&index).expect("read");
    for command in commands {
        let args = [command, &["p-000007"]].concat();
        let expected = s
            .run(&[&["--no-cache"][..], &args].concat())
            .ok()
            .to_string();
        for bad in [whole[..whole.len() / 2].to_vec(), {
            let mut b = whole.clone();
            let at = b.len() - 100;
            b[at] ^= 0x55;
            b
        }] {
            std::fs::write(&index, &bad).expect("written");
            assert_eq!(s.run(&args).ok(), expected, "{args:?}");
        }
    }
}
