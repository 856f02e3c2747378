//! Which data a run reads, and why: the one place where `--data`,
//! `ORGCTL_DATA`, the project file (`orgctl.toml`), `./data` and the
//! built-in demo are chosen, in that order.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::check::diag::{DataErrors, SourceMap};
use crate::ids::FileId;
use crate::load::{Exclude, LoadError};
use crate::records::project::{self, ProjectIn};

/// The project file's name.
pub const PROJECT_FILE: &str = "orgctl.toml";

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Folder(PathBuf),
    /// The Alibaba data set compiled into the binary.
    Bundled,
}

/// Why the data comes from where it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--data DIR` on the command line.
    Flag,
    /// `$ORGCTL_DATA`.
    Env,
    /// The project file at this path.
    Project(PathBuf),
    /// A `data` folder in the working folder.
    DataHere,
    /// The built-in demo: nothing else was found and a person is trying
    /// orgctl out in a terminal.
    Demo,
}

impl Origin {
    /// How errors and `check` say why: "named by --data".
    pub fn describe(&self) -> String {
        match self {
            Origin::Flag => "named by --data".into(),
            Origin::Env => "named by ORGCTL_DATA".into(),
            Origin::Project(p) => format!("named by {PROJECT_FILE} at {}", p.display()),
            Origin::DataHere => "found in the working folder".into(),
            Origin::Demo => "the built-in demo".into(),
        }
    }
}

/// The data a run reads, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub source: DataSource,
    pub origin: Origin,
    /// What the project file says, when it named the data.
    pub project: Option<ProjectIn>,
    /// The files of the folder not to load.
    pub exclude: Exclude,
}

impl Resolved {
    /// "data (named by --data)", "the built-in demo".
    pub fn describe(&self) -> String {
        match &self.source {
            DataSource::Folder(dir) => {
                format!("{} ({})", dir.display(), self.origin.describe())
            }
            DataSource::Bundled => self.origin.describe(),
        }
    }

    /// What `check` says it checked: [`Resolved::describe`], then the
    /// organisation's name and closed periods from the project file.
    pub fn checked(&self) -> String {
        let mut s = self.describe();
        if let Some(p) = &self.project {
            if let Some(name) = &p.name {
                s = format!("{name}, {s}");
            }
            if !p.closed.is_empty() {
                let days: Vec<String> = p.closed.iter().map(|d| d.to_string()).collect();
                s.push_str(&format!(", closed through {}", days.join(", ")));
            }
        }
        s
    }
}

/// The project file that applies in `start`: `orgctl.toml` in it or in the
/// nearest folder above it. The search stops at the root of a git
/// repository (a folder holding `.git`) and at the filesystem root.
/// Returned as a path from `start` (`orgctl.toml`, `../orgctl.toml`).
pub fn find_project(start: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::new();
    let start = std::path::absolute(start).ok()?;
    for dir in start.ancestors() {
        if dir.join(PROJECT_FILE).is_file() {
            return Some(up.join(PROJECT_FILE));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

/// Reads the project file at `path`: its data folder (relative to the
/// file), and the rest. Its problems are located diagnostics.
pub fn read_project(path: &Path) -> Result<(PathBuf, ProjectIn), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = super::normalise(text);
    let p = project::read(FileId::new(0), &text).map_err(|diags| {
        let mut sources = SourceMap::default();
        sources.add(path.to_path_buf(), text.clone());
        LoadError::Data(DataErrors::new(diags, sources))
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let data = match &p.data {
        Some(d) => base.join(d),
        None if base.as_os_str().is_empty() => PathBuf::from("."),
        None => base.to_path_buf(),
    };
    Ok((data, p))
}

/// The patterns a project file excludes, with the project file itself
/// when it lies in the data folder.
fn exclude_of(data: &Path, path: &Path, p: &ProjectIn) -> Exclude {
    let own = std::path::absolute(path)
        .ok()
        .zip(std::path::absolute(data).ok())
        .and_then(|(f, d)| f.strip_prefix(d).ok().map(Path::to_path_buf))
        .map(|rel| glob::Pattern::escape(&rel.to_string_lossy()));
    Exclude::new(p.exclude.iter().map(String::as_str).chain(own.as_deref()))
}

/// Why no data could be chosen.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    NoData(#[from] NoData),
    /// The project file does not load.
    #[error(transparent)]
    Project(#[from] LoadError),
    #[error(
        "data folder '{}' does not exist (named by {PROJECT_FILE} at {}); set `data` there to the folder of the .toml files, relative to it",
        .0.display(),
        .1.display()
    )]
    NoProjectData(PathBuf, PathBuf),
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
    "no data folder: name one with --data DIR, ORGCTL_DATA=DIR or an orgctl.toml (see `orgctl help`), or run orgctl where a ./data folder is; {why}"
)]
pub struct NoData {
    why: &'static str,
}

/// The data to read: `--data` (`given`, unless it is only `env`'s value),
/// else `$ORGCTL_DATA` (`env`), else the data folder of the project file
/// `project` names or [`find_project`] finds from `here`, else `./data` if
/// it is a folder, else the built-in demo when `fallback` allows it.
pub fn resolve(
    given: Option<&Path>,
    env: Option<&OsStr>,
    project: Option<&Path>,
    here: &Path,
    fallback: Fallback,
) -> Result<Resolved, SourceError> {
    let folder = |dir: &Path, origin| Resolved {
        source: DataSource::Folder(dir.to_path_buf()),
        origin,
        project: None,
        // A project file in the folder is never data.
        exclude: Exclude::new([PROJECT_FILE]),
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
    if let Some(path) = project
        .map(Path::to_path_buf)
        .or_else(|| find_project(here))
    {
        let (data, p) = read_project(&path)?;
        if !data.is_dir() {
            return Err(SourceError::NoProjectData(data, path));
        }
        let exclude = exclude_of(&data, &path, &p);
        return Ok(Resolved {
            exclude,
            project: Some(p),
            ..folder(&data, Origin::Project(path))
        });
    }
    if here.join("data").is_dir() {
        return Ok(folder(Path::new("data"), Origin::DataHere));
    }
    let why = match fallback {
        Fallback::Demo => {
            return Ok(Resolved {
                source: DataSource::Bundled,
                origin: Origin::Demo,
                project: None,
                exclude: Exclude::default(),
            });
        }
        Fallback::NotForCheck => "`check` never checks the built-in demo data",
        Fallback::NotATerminal => {
            "the built-in demo data is used only when the output is a terminal"
        }
    };
    Err(NoData { why }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_and_the_variable_is_named_as_such() {
        let here = Path::new("/nonexistent");
        let r = resolve(
            Some(Path::new("x")),
            Some(OsStr::new("y")),
            None,
            here,
            Fallback::NotATerminal,
        );
        assert_eq!(r.unwrap().origin, Origin::Flag);
        let r = resolve(
            Some(Path::new("y")),
            Some(OsStr::new("y")),
            None,
            here,
            Fallback::NotATerminal,
        );
        assert_eq!(r.unwrap().describe(), "y (named by ORGCTL_DATA)");
    }
}
