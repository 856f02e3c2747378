//! The parse floor: the time to parse every `*.toml` file of a folder into a
//! `toml::Table`, one file after another on one thread, as any TOML tool
//! would. `bench/run.sh` puts `orgctl`'s times beside it.
//!
//! ```sh
//! cargo run --release --example parse_floor -- DIR
//! ```
//!
//! Prints the number of files, the bytes parsed and the seconds it took.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths).expect("a readable folder");
    let mut bytes = 0;
    let mut keys = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("a UTF-8 file");
        bytes += text.len();
        let table: toml::Table = toml::from_str(&text).expect("valid TOML");
        keys += table.len();
    }
    println!(
        "{} files, {bytes} bytes, {keys} top-level keys, parsed in {:.3} s",
        paths.len(),
        start.elapsed().as_secs_f64()
    );
}
