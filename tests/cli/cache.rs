//! The cache of replayed histories: used for large data folders, never
//! stale, never trusted when damaged, and off with `--no-cache`.

use std::path::{Path, PathBuf};

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

    fn cache_files(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![self.cache.path().to_path_buf()];
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

    fn file(&self, name: &str) -> PathBuf {
        self.data.path().join(name)
    }
}

fn append(path: &Path, text: &str) {
    let mut t = std::fs::read_to_string(path).unwrap_or_default();
    t.push_str(text);
    std::fs::write(path, t).expect("written");
}

const AT: [&str; 3] = ["at", "2024-12-31", "--units"];

#[test]
fn a_second_query_reads_the_cache_and_answers_the_same() {
    let s = Setup::new();
    let uncached = s.run(&["--no-cache", "at", "2024-12-31"]).ok().to_string();
    assert!(s.cache_files().is_empty(), "--no-cache writes no cache");
    let first = s.run(&["at", "2024-12-31"]).ok().to_string();
    assert_eq!(s.cache_files().len(), 1, "one cache file per data folder");
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
    // What each run did with the cache, from ORGCTL_TIMING's phase lines.
    let cache_phases = |run: &Run| -> Vec<String> {
        run.stderr
            .lines()
            .filter_map(|l| l.strip_prefix("orgctl timing: cache: "))
            .map(|l| l.split(':').next().unwrap_or_default().to_string())
            .collect()
    };
    let timed = |exe: &Path| {
        let mut c = command_of(exe);
        c.env("ORGCTL_TIMING", "1");
        c
    };
    let this = Path::new(env!("CARGO_BIN_EXE_orgctl"));
    let first = s.run_build(timed(this), &AT);
    assert!(
        cache_phases(&first).contains(&"written".into()),
        "{}",
        first.stderr
    );
    let again = s.run_build(timed(this), &AT);
    assert!(
        cache_phases(&again).contains(&"read".into()),
        "{}",
        again.stderr
    );
    // The same executable copied, as a rebuild would leave it: a newer file.
    let dir = tempfile::tempdir().expect("a folder");
    let copy = dir.path().join("orgctl");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::copy(this, &copy).expect("copied");
    let other = s.run_build(timed(&copy), &AT);
    let phases = cache_phases(&other);
    assert!(!phases.contains(&"read".into()), "{}", other.stderr);
    assert!(phases.contains(&"cold load".into()), "{}", other.stderr);
    assert_eq!(other.ok(), first.ok());
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let s = Setup::new();
    let expected = s.run(&AT).ok().to_string();
    let [file] = &s.cache_files()[..] else {
        panic!("one cache file: {:?}", s.cache_files())
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
