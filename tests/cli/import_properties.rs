//! Property tests of `import snapshots` on dirty exports: three snapshots
//! of random rows (ids that repeat or differ by a leading zero, blank and
//! repeated names, managers that name no row, themselves or each other in
//! loops, parent units in loops, vacancy and not-recorded markers), of
//! people or of posts. Whatever the rows, the import does not panic; when
//! it writes, the folder loads, and importing the same files again changes
//! nothing; one snapshot at a time writes what all at once does.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use orgctl::import::snapshots::{self, Keyed, Options};
use proptest::prelude::*;

const IDS: &[&str] = &["1", "01", "2", "3", "4", "5", "6", "E7"];
const NAMES: &[&str] = &["Ada", "Bo", "", "Cy Cole", "Ada", "Vacant", "N/D", "Dee"];
const TITLES: &[&str] = &["CEO", "Engineer", "", "Lead"];
const UNITS: &[&str] = &["Board", "Eng", "Ops", "", "Lab"];
const MANAGERS: &[&str] = &["", "1", "01", "2", "3", "4", "99", "N/A", "E7"];

/// One row: indexes into the lists above (id, name, title, unit, parent
/// unit, manager).
type Row = (usize, usize, usize, usize, usize, usize);

fn row() -> impl Strategy<Value = Row> {
    (
        0..IDS.len(),
        0..NAMES.len(),
        0..TITLES.len(),
        0..UNITS.len(),
        0..UNITS.len(),
        0..MANAGERS.len(),
    )
}

fn csv(rows: &[Row]) -> String {
    let mut t = String::from("Id,Name,Title,Unit,Parent Unit,Manager\n");
    for &(i, n, ti, u, p, m) in rows {
        t.push_str(&format!(
            "{},{},{},{},{},{}\n",
            IDS[i], NAMES[n], TITLES[ti], UNITS[u], UNITS[p], MANAGERS[m]
        ));
    }
    t
}

/// Runs the import; its outcome, and whether it panicked.
fn import(files: &[(NaiveDate, PathBuf)], key: Keyed, out: &Path) -> anyhow::Result<()> {
    let opts = Options {
        files: files.to_vec(),
        maps: Vec::new(),
        key,
        vacant: vec!["Vacant".into()],
        unrecorded: vec!["N/D".into()],
        out: out.to_path_buf(),
        dry_run: false,
        rebuild: false,
    };
    snapshots::run(&opts, &mut Vec::new(), &mut Vec::new())
}

fn contents(dir: &Path) -> Vec<(PathBuf, String)> {
    match dir.exists() {
        true => orgctl::load::read_folder(dir).unwrap(),
        false => Vec::new(),
    }
}

/// The snapshots as files two months apart, in a new folder.
fn write(snaps: &[Vec<Row>]) -> (tempfile::TempDir, Vec<(NaiveDate, PathBuf)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (k, rows) in snaps.iter().enumerate() {
        let day = NaiveDate::from_ymd_opt(2024, 1 + 2 * k as u32, 10).unwrap();
        let path = dir.path().join(format!("s-{day}.csv"));
        std::fs::write(&path, csv(rows)).unwrap();
        files.push((day, path));
    }
    (dir, files)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn dirty_snapshots_import_or_fail_cleanly_and_again_change_nothing(
        snaps in proptest::collection::vec(proptest::collection::vec(row(), 0..9), 3),
        posts in any::<bool>(),
    ) {
        let (dir, files) = write(&snaps);
        let key = if posts { Keyed::Post } else { Keyed::Person };
        let out = dir.path().join("org");
        // Every problem of these rows is a warning: the import succeeds.
        let first = import(&files, key, &out);
        prop_assert!(first.is_ok(), "{first:?}");
        let written = contents(&out);
        if !written.is_empty() {
            prop_assert!(orgctl::load::load_texts(written.clone()).is_ok());
            let again = import(&files, key, &out);
            prop_assert!(again.is_ok(), "{again:?}");
            prop_assert_eq!(contents(&out), written);
        }
    }

    #[test]
    fn one_snapshot_at_a_time_writes_what_all_at_once_does(
        snaps in proptest::collection::vec(proptest::collection::vec(row(), 1..9), 3),
        posts in any::<bool>(),
    ) {
        let (dir, files) = write(&snaps);
        let key = if posts { Keyed::Post } else { Keyed::Person };
        let whole = dir.path().join("whole");
        let step = dir.path().join("step");
        let all = import(&files, key, &whole);
        let mut each = Ok(());
        for f in &files {
            each = each.and_then(|()| import(std::slice::from_ref(f), key, &step));
        }
        prop_assert!(all.is_ok() && each.is_ok(), "{:?} {:?}", all, each);
        let strip = |d: &Path| -> Vec<(PathBuf, String)> {
            contents(d).into_iter().map(|(p, t)| (p.strip_prefix(d).unwrap().to_path_buf(), t)).collect()
        };
        prop_assert_eq!(strip(&whole), strip(&step));
    }
}
