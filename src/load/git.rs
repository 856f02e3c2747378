//! The data files as git holds them: in a revision (`--rev REV`) or in the
//! index (`--staged`), read through gix rather than from the working tree.
//!
//! Only where the bytes come from changes: the data folder is found as
//! usual, located in the repository that contains it, and the `*.toml`
//! blobs under it are listed in the order and by the rules of the working
//! tree walk (sorted by name in each folder, hidden files and folders
//! skipped), then handed to the one load as texts in memory. Each file is
//! named as git names a blob, `REV:path/in/repo.toml`, or
//! `:path/in/repo.toml` for the index (`git show` takes both).

use std::path::{Component, Path, PathBuf};

use gix::bstr::{BStr, ByteSlice};

use crate::load::{LoadError, text_of_bytes};

/// Where in git the bytes of the data files come from (the working tree
/// is read by `load::read_folder`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    /// The tree of a revision (`--rev REV`): a branch, a tag, `HEAD~2`, an id.
    Rev(String),
    /// The index (`--staged`): what the next commit holds.
    Staged,
}

/// Why the data could not be read from git.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "{option} reads the data from git, but '{}' is not in a git repository (no .git in it or above it)\n  help: run orgctl on a data folder inside a git repository, or leave out {option} to read the files on disk",
        .dir.display()
    )]
    NotARepository { option: String, dir: PathBuf },
    #[error(
        "{option} reads the data from git, but the repository at '{}' has no working tree to find '{}' in\n  help: run orgctl in a clone with a working tree",
        .git_dir.display(), .dir.display()
    )]
    NoWorkingTree {
        option: String,
        git_dir: PathBuf,
        dir: PathBuf,
    },
    #[error(
        "'{}' is outside the git repository at '{}'; --rev and --staged read a data folder inside it",
        .dir.display(), .workdir.display()
    )]
    Outside { dir: PathBuf, workdir: PathBuf },
    #[error(
        "unknown revision '{rev}' in the repository at '{}'\n  help: `git log --oneline` lists the commits, `git branch` and `git tag` the names",
        .workdir.display()
    )]
    UnknownRevision { rev: String, workdir: PathBuf },
    #[error(
        "revision '{rev}' names a {kind}, not a commit\n  help: --rev takes a commit (a branch, a tag, HEAD~2, a commit id); the folder in it is given by --data"
    )]
    NotACommit { rev: String, kind: String },
    #[error("the data folder '{path}' is not in {place}\n  help: {help}")]
    FolderMissing {
        path: String,
        place: String,
        help: String,
    },
    #[error(
        "'{path}' is a file in {place}, not a folder; --data takes the folder that holds the .toml files"
    )]
    NotAFolder { path: String, place: String },
    #[error(
        "'{path}' has unresolved merge conflicts in the index\n  help: resolve them and `git add {path}`"
    )]
    Conflict { path: String },
    /// Printed with its cause: "cannot read HEAD:data/a.toml from git: ...".
    #[error("cannot read {what} from git: {reason}")]
    Git { what: String, reason: String },
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl GitError {
    /// True for a mistake in how orgctl was called (exit code 2): not in a
    /// repository, or a revision that does not exist.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            GitError::NotARepository { .. }
                | GitError::NoWorkingTree { .. }
                | GitError::Outside { .. }
                | GitError::UnknownRevision { .. }
                | GitError::NotACommit { .. }
        )
    }
}

impl Snapshot {
    /// The option that asked for it, as the user wrote it.
    pub fn option(&self) -> String {
        match self {
            Snapshot::Rev(rev) => format!("--rev {rev}"),
            Snapshot::Staged => "--staged".to_string(),
        }
    }

    /// How a blob of it is named: `REV:` or `:` (the index), then its path.
    fn prefix(&self) -> &str {
        match self {
            Snapshot::Rev(rev) => rev,
            Snapshot::Staged => "",
        }
    }

    /// Where a path is looked for, in words.
    fn place(&self) -> String {
        match self {
            Snapshot::Rev(rev) => format!("revision {rev}"),
            Snapshot::Staged => "the index".to_string(),
        }
    }
}

/// One data file found in git: its path in the repository, by component,
/// and its blob.
struct Found {
    components: Vec<Vec<u8>>,
    id: gix::ObjectId,
}

/// The `*.toml` files under the data folder `dir` as `snapshot` holds them,
/// but those `exclude` leaves out, as (`REV:path`, text), in the order of
/// the working tree walk.
pub fn read(
    dir: &Path,
    snapshot: &Snapshot,
    exclude: &super::Exclude,
) -> Result<Vec<(PathBuf, String)>, GitError> {
    let (repo, rel) = locate(dir, snapshot)?;
    let rel_name = match rel.len() {
        0 => ".".to_string(),
        _ => rel.join(&b'/').to_str_lossy().into_owned(),
    };
    let shown = |components: &[Vec<u8>]| {
        let path: Vec<String> = components
            .iter()
            .map(|c| c.to_str_lossy().into_owned())
            .collect();
        format!("{}:{}", snapshot.prefix(), path.join("/"))
    };
    let mut found = match snapshot {
        Snapshot::Rev(rev) => in_revision(&repo, rev, &rel, &rel_name, snapshot)?,
        Snapshot::Staged => in_index(&repo, &rel, &rel_name)?,
    };
    // Sorted by name in each folder, as the working tree walk goes (git
    // sorts a folder `a` after `a.toml`; the walk before).
    found.sort_by(|a, b| a.components.cmp(&b.components));
    found.retain(|f| {
        let under: Vec<String> = f.components[rel.len()..]
            .iter()
            .map(|c| c.to_str_lossy().into_owned())
            .collect();
        !exclude.excludes_relative(Path::new(&under.join("/")))
    });
    if found.is_empty() {
        return Err(LoadError::NoFiles(PathBuf::from(shown(&rel))).into());
    }
    let mut texts = Vec::with_capacity(found.len());
    for f in found {
        let path = PathBuf::from(shown(&f.components));
        let blob = repo.find_blob(f.id).map_err(|e| GitError::Git {
            what: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let text = text_of_bytes(&path, blob.detach().data)?;
        texts.push((path, text));
    }
    Ok(texts)
}

/// The repository that holds `dir`, and the path of `dir` in it, by
/// component (empty for its top folder).
fn locate(dir: &Path, snapshot: &Snapshot) -> Result<(gix::Repository, Vec<Vec<u8>>), GitError> {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    // The folder may be missing on disk but present in the revision: look
    // from its nearest existing ancestor.
    let mut from = absolute.as_path();
    while !from.is_dir() {
        match from.parent() {
            Some(p) => from = p,
            None => break,
        }
    }
    let not_a_repo = || GitError::NotARepository {
        option: snapshot.option(),
        dir: dir.to_path_buf(),
    };
    let repo = gix::discover(from).map_err(|_| not_a_repo())?;
    let Some(workdir) = repo.workdir() else {
        return Err(GitError::NoWorkingTree {
            option: snapshot.option(),
            git_dir: repo.git_dir().to_path_buf(),
            dir: dir.to_path_buf(),
        });
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let workdir = canonical(workdir);
    let full = canonical(from).join(absolute.strip_prefix(from).unwrap_or(Path::new("")));
    let outside = || GitError::Outside {
        dir: dir.to_path_buf(),
        workdir: workdir.clone(),
    };
    let rest = full.strip_prefix(&workdir).map_err(|_| outside())?;
    let mut rel: Vec<Vec<u8>> = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(name) => rel.push(name.as_encoded_bytes().to_vec()),
            Component::CurDir => {}
            Component::ParentDir if rel.pop().is_some() => {}
            _ => return Err(outside()),
        }
    }
    Ok((repo, rel))
}

/// A hidden file or folder, skipped as the working tree walk skips it.
fn hidden(name: &[u8]) -> bool {
    name.starts_with(b".")
}

/// A data file's name.
fn is_toml(name: &[u8]) -> bool {
    name.len() > ".toml".len() && name.ends_with(b".toml")
}

/// The data files under `rel` in the tree of revision `rev`.
fn in_revision(
    repo: &gix::Repository,
    rev: &str,
    rel: &[Vec<u8>],
    rel_name: &str,
    snapshot: &Snapshot,
) -> Result<Vec<Found>, GitError> {
    let unknown = |_| GitError::UnknownRevision {
        rev: rev.to_string(),
        workdir: repo.workdir().unwrap_or(repo.git_dir()).to_path_buf(),
    };
    let git = |e: gix::Error| GitError::Git {
        what: format!("revision {rev}"),
        reason: e.to_string(),
    };
    let id = repo.rev_parse_single(BStr::new(rev)).map_err(unknown)?;
    // A revision that names a blob (`HEAD:data/org.toml`) has no tree.
    let object = id.object().map_err(git)?;
    let kind = object.kind;
    let tree = object.peel_to_tree().map_err(|_| GitError::NotACommit {
        rev: rev.to_string(),
        kind: kind.to_string(),
    })?;
    let mut root = tree.id;
    if !rel.is_empty() {
        let entry = tree
            .lookup_entry(rel.iter().map(|c| c.as_slice()))
            .map_err(git)?;
        let Some(entry) = entry else {
            let commit = id.shorten_or_id();
            return Err(GitError::FolderMissing {
                path: rel_name.to_string(),
                place: format!("{} (commit {commit})", snapshot.place()),
                help: format!(
                    "`git ls-tree -d {rev}` lists its folders; is it the right revision?"
                ),
            });
        };
        if !entry.mode().is_tree() {
            return Err(GitError::NotAFolder {
                path: rel_name.to_string(),
                place: snapshot.place(),
            });
        }
        root = entry.object_id();
    }
    let mut found = Vec::new();
    let mut folders = vec![(root, rel.to_vec())];
    while let Some((id, path)) = folders.pop() {
        let tree = repo.find_tree(id).map_err(git)?;
        let decoded = tree.decode().map_err(git)?;
        for e in &decoded.entries {
            let name: &[u8] = e.filename.as_ref();
            if hidden(name) {
                continue;
            }
            let mut components = path.clone();
            components.push(name.to_vec());
            if e.mode.is_tree() {
                folders.push((e.oid.to_owned(), components));
            } else if e.mode.is_blob() && is_toml(name) {
                found.push(Found {
                    components,
                    id: e.oid.to_owned(),
                });
            }
        }
    }
    Ok(found)
}

/// The data files under `rel` in the index.
fn in_index(
    repo: &gix::Repository,
    rel: &[Vec<u8>],
    rel_name: &str,
) -> Result<Vec<Found>, GitError> {
    let index = repo.index_or_empty().map_err(|e| GitError::Git {
        what: "the index".to_string(),
        reason: e.to_string(),
    })?;
    let mut found = Vec::new();
    let mut any = false;
    for entry in index.entries() {
        let path = entry.path(&index);
        let components: Vec<&[u8]> = path.split_str("/").collect();
        if components.len() <= rel.len() || !components.iter().zip(rel).all(|(a, b)| *a == b) {
            continue;
        }
        any = true;
        let name = components[components.len() - 1];
        if components[rel.len()..].iter().any(|c| hidden(c)) || !is_toml(name) {
            continue;
        }
        let mode = entry.mode;
        if mode != gix::index::entry::Mode::FILE && mode != gix::index::entry::Mode::FILE_EXECUTABLE
        {
            continue;
        }
        if entry.stage() != gix::index::entry::Stage::Unconflicted {
            return Err(GitError::Conflict {
                path: path.to_str_lossy().into_owned(),
            });
        }
        found.push(Found {
            components: components.iter().map(|c| c.to_vec()).collect(),
            id: entry.id,
        });
    }
    if !any {
        return Err(GitError::FolderMissing {
            path: rel_name.to_string(),
            place: "the index".to_string(),
            help: format!("`git add {rel_name}` stages it"),
        });
    }
    Ok(found)
}
