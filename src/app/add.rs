//! `orgctl add`: its command line resolved into plain values (the data
//! folder, the action, the event's date, sources and title), handed to
//! [`crate::write::add`].

use std::io::Write;

use chrono::NaiveDate;

use super::{DataSource, Resolved, read, usage};
use crate::load::{self, git::Snapshot};

/// `orgctl add`: plans the appends, checks the folder as it would be after
/// them, then writes them safely (or prints them with `--dry-run`).
pub(super) fn add(
    source: &Resolved,
    git: Option<&Snapshot>,
    action: &crate::cli::AddAction,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::cli::AddAction as A;
    use crate::write::add::Action;
    if let Some(s) = git {
        return Err(usage(format!(
            "`add` writes the data files on disk; it cannot write to {}\n  help: drop {}",
            s.option(),
            s.option()
        )));
    }
    let DataSource::Folder(dir) = &source.source else {
        return Err(usage(
            "`add` writes to a data folder, but there is none here\n  help: give the folder with --data DIR (or ORGCTL_DATA, or an orgctl.toml)".into(),
        ));
    };
    let (plain, event) = match action {
        A::Hire {
            name,
            role,
            id,
            event,
        } => (
            Action::Hire {
                name: name.clone(),
                role: role.clone(),
                id: id.clone(),
            },
            event,
        ),
        A::Leave {
            person,
            role,
            event,
        } => (
            Action::Leave {
                person: person.clone(),
                role: role.clone(),
            },
            event,
        ),
        A::Appoint {
            person,
            role,
            acting,
            event,
        } => (
            Action::Appoint {
                person: person.clone(),
                role: role.clone(),
                acting: *acting,
            },
            event,
        ),
        A::Transfer {
            person,
            to,
            from,
            event,
        }
        | A::Promote {
            person,
            to,
            from,
            event,
        } => (
            Action::Transfer {
                person: person.clone(),
                to: to.clone(),
                from: from.clone(),
                promote: matches!(action, A::Promote { .. }),
            },
            event,
        ),
        A::Vacancy {
            role_title: title,
            unit,
            id,
            event,
        } => (
            Action::Vacancy {
                title: title.clone(),
                unit: unit.clone(),
                id: id.clone(),
            },
            event,
        ),
    };
    let meta = crate::write::add::Meta {
        date: event.date.unwrap_or(today),
        reported: event.reported,
        sources: event.sources.clone(),
        title: event.title.clone(),
    };
    // The lock first: nothing another orgctl writes can slip in between
    // reading the files and writing them back.
    let lock = match event.dry_run {
        true => None,
        false => Some(crate::write::Lock::take(dir)?),
    };
    let files = read(source, None)?;
    let history = load::load_texts(files.clone())?;
    let added = crate::write::add::run(
        dir,
        &files,
        &history,
        &plain,
        &meta,
        lock.as_ref(),
        out,
        err,
    );
    super::left_to_exit(history);
    added
}
