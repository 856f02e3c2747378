//! Which data a run reads, and why: the one place where `--data`,
//! `ORGCTL_DATA`, `./data` and the built-in demo are chosen, in that order.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Folder(PathBuf),
    /// The Alibaba data set compiled into the binary.
    Bundled,
}

/// Why the data comes from where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--data DIR` on the command line.
    Flag,
    /// `$ORGCTL_DATA`.
    Env,
    /// A `data` folder in the working folder.
    DataHere,
    /// The built-in demo: nothing else was found and a person is trying
    /// orgctl out in a terminal.
    Demo,
}

impl Origin {
    /// How errors and `check` say why: "named by --data".
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "named by --data",
            Origin::Env => "named by ORGCTL_DATA",
            Origin::DataHere => "found in the working folder",
            Origin::Demo => "the built-in demo",
        }
    }
}

/// The data a run reads, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub source: DataSource,
    pub origin: Origin,
}

impl Resolved {
    /// "data (named by --data)", "the built-in demo".
    pub fn describe(&self) -> String {
        match &self.source {
            DataSource::Folder(dir) => {
                format!("{} ({})", dir.display(), self.origin.describe())
            }
            DataSource::Bundled => self.origin.describe().to_string(),
        }
    }
}

/// What the resolution may fall back to when no folder is named or found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The built-in demo, for a person trying the query commands in a
    /// terminal.
    Demo,
    /// Nothing for `check`: it never checks the demo.
    NotForCheck,
    /// Nothing when the output is not a terminal (a script, CI): no answer
    /// about the demo by accident.
    NotATerminal,
}

/// No data folder was named or found, and the demo was not allowed.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "no data folder: name one with --data DIR or ORGCTL_DATA=DIR, or run orgctl where a ./data folder is (see `orgctl help`); {why}"
)]
pub struct NoData {
    why: &'static str,
}

/// The data to read: `--data` (`given`, unless it is only `env`'s value),
/// else `$ORGCTL_DATA` (`env`), else `./data` if it is a folder, else the
/// built-in demo when `fallback` allows it.
pub fn resolve(
    given: Option<&Path>,
    env: Option<&OsStr>,
    fallback: Fallback,
) -> Result<Resolved, NoData> {
    let folder = |dir: &Path, origin| Resolved {
        source: DataSource::Folder(dir.to_path_buf()),
        origin,
    };
    // clap reads `$ORGCTL_DATA` into `--data` too: the value is the
    // variable's when it equals it.
    if let Some(dir) = given {
        let origin = match env {
            Some(v) if v == dir.as_os_str() => Origin::Env,
            _ => Origin::Flag,
        };
        return Ok(folder(dir, origin));
    }
    if let Some(dir) = env.filter(|v| !v.is_empty()) {
        return Ok(folder(Path::new(dir), Origin::Env));
    }
    if Path::new("data").is_dir() {
        return Ok(folder(Path::new("data"), Origin::DataHere));
    }
    match fallback {
        Fallback::Demo => Ok(Resolved {
            source: DataSource::Bundled,
            origin: Origin::Demo,
        }),
        Fallback::NotForCheck => Err(NoData {
            why: "`check` never checks the built-in demo data",
        }),
        Fallback::NotATerminal => Err(NoData {
            why: "the built-in demo data is used only when the output is a terminal",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_and_the_variable_is_named_as_such() {
        let r = resolve(
            Some(Path::new("x")),
            Some(OsStr::new("y")),
            Fallback::NotATerminal,
        );
        assert_eq!(r.unwrap().origin, Origin::Flag);
        let r = resolve(
            Some(Path::new("y")),
            Some(OsStr::new("y")),
            Fallback::NotATerminal,
        );
        assert_eq!(r.unwrap().describe(), "y (named by ORGCTL_DATA)");
    }
}
