//! `orgctl add`: the event an action writes, the records it needs, and
//! the files they go to. Plain values in, appends out; the caller
//! validates and writes them.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{
    Append, EventText, events_file, id_from_name, person_toml, quote, records_file, role_toml,
};
use crate::query::{self, Found};
use crate::timeline::History;

/// What to write.
#[derive(Debug, Clone)]
pub enum Action {
    /// A new person (`id`, else made from `name`) appointed to `role`.
    Hire {
        name: String,
        role: String,
        id: Option<String>,
    },
    /// `person` leaves `role`, or every role.
    Leave {
        person: String,
        role: Option<String>,
    },
    /// `person` leaves their role (`from`, when they hold several) and
    /// takes `to`, in one event; titled as a promotion with `promote`.
    Transfer {
        person: String,
        to: String,
        from: Option<String>,
        promote: bool,
    },
    /// A new role with no holder, `title` in `unit`, created on the date.
    Vacancy {
        title: String,
        unit: String,
        id: Option<String>,
    },
    /// `person` takes `role`.
    Appoint {
        person: String,
        role: String,
        acting: bool,
    },
}

/// What every event written carries.
#[derive(Debug, Clone)]
pub struct Meta {
    pub date: NaiveDate,
    pub reported: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub title: Option<String>,
}

fn role_on(h: &History, name: &str, day: NaiveDate) -> anyhow::Result<(String, String)> {
    match query::find_on(h, name, Some(day))?.found {
        f @ Found::Role(_) => Ok((f.key(h).to_string(), f.display_name(h).to_string())),
        other => anyhow::bail!(
            "'{}' is the {} '{}', not a role\n  help: give a role's id or title",
            crate::escape::escape(name),
            other.noun(),
            other.key(h)
        ),
    }
}

fn person_on(h: &History, name: &str, day: NaiveDate) -> anyhow::Result<(String, String)> {
    match query::find_on(h, name, Some(day))?.found {
        f @ Found::Person(_) => Ok((f.key(h).to_string(), f.display_name(h).to_string())),
        other => anyhow::bail!(
            "'{}' is the {} '{}', not a person\n  help: give a person's id or name",
            crate::escape::escape(name),
            other.noun(),
            other.key(h)
        ),
    }
}

/// The id of a new record: `given`, else made from `name`; an error
/// when a record has it already.
fn new_id(h: &History, name: &str, given: Option<&str>, day: NaiveDate) -> anyhow::Result<String> {
    let id = match given {
        Some(id) => id.to_string(),
        None => id_from_name(name).ok_or_else(|| {
            anyhow::anyhow!(
                "cannot make an id from '{}'\n  help: give one with --id",
                crate::escape::escape(name)
            )
        })?,
    };
    if let Ok(l) = query::find_on(h, &id, Some(day))
        && l.found.key(h).to_string() == id
    {
        anyhow::bail!(
            "the id '{id}' is taken by the {} '{}'\n  help: give another with --id",
            l.found.noun(),
            crate::escape::escape(l.found.display_name(h))
        );
    }
    Ok(id)
}

/// The role a person moving to `to` leaves: `from` when given, else the
/// one role (not acting, not `to`) they hold on `day`.
fn role_left(
    h: &History,
    pid: &str,
    pname: &str,
    to: &str,
    from: Option<&str>,
    day: NaiveDate,
) -> anyhow::Result<(String, String)> {
    if let Some(from) = from {
        return role_on(h, from, day);
    }
    let Some(Found::Person(p)) = query::find_on(h, pid, Some(day)).ok().map(|l| l.found) else {
        anyhow::bail!("no person '{pid}'");
    };
    let held: Vec<(String, String)> = h
        .person(p)
        .tenures
        .iter()
        .filter(|&&t| {
            let iv = h.tenure(t);
            iv.contains(day) && !iv.value.acting
        })
        .map(|&t| Found::Role(t.role))
        .map(|f| (f.key(h).to_string(), f.display_name(h).to_string()))
        .filter(|(id, _)| id != to)
        .collect();
    match held.as_slice() {
        [one] => Ok(one.clone()),
        [] => anyhow::bail!(
            "{} holds no role (not acting) on {day} to move from\n  help: `orgctl add appoint` gives a role without leaving one",
            crate::escape::escape(pname)
        ),
        many => anyhow::bail!(
            "{} holds {} roles on {day}: {}\n  help: say which one they leave with --from ROLE",
            crate::escape::escape(pname),
            many.len(),
            many.iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The text to append to each file for `action` on the folder `dir`
/// (its `files`, replayed as `h`).
pub fn plan(
    dir: &Path,
    files: &[(PathBuf, String)],
    h: &History,
    action: &Action,
    meta: &Meta,
) -> anyhow::Result<Vec<Append>> {
    let day = meta.date;
    let mut appends = Vec::new();
    let (title, changes) = match action {
        Action::Hire { name, role, id } => {
            let id = new_id(h, name, id.as_deref(), day)?;
            let (role_id, role_title) = role_on(h, role, day)?;
            appends.push(Append {
                file: records_file(dir, files, "[[person]]", "people.toml"),
                text: person_toml(&id, name),
            });
            (
                format!("{name} joins as {role_title}"),
                vec![vec![
                    ("op", quote("appoint")),
                    ("person", quote(&id)),
                    ("role", quote(&role_id)),
                ]],
            )
        }
        Action::Leave { person, role } => {
            let (pid, pname) = person_on(h, person, day)?;
            let mut change = vec![("op", quote("leave")), ("person", quote(&pid))];
            let title = match role {
                Some(role) => {
                    let (rid, rtitle) = role_on(h, role, day)?;
                    change.push(("role", quote(&rid)));
                    format!("{pname} leaves the role of {rtitle}")
                }
                None => format!("{pname} leaves"),
            };
            (title, vec![change])
        }
        Action::Transfer {
            person,
            to,
            from,
            promote,
        } => {
            let (pid, pname) = person_on(h, person, day)?;
            let (rid, rtitle) = role_on(h, to, day)?;
            let (old, old_title) = role_left(h, &pid, &pname, &rid, from.as_deref(), day)?;
            let changes = vec![
                vec![
                    ("op", quote("leave")),
                    ("person", quote(&pid)),
                    ("role", quote(&old)),
                ],
                vec![
                    ("op", quote("appoint")),
                    ("person", quote(&pid)),
                    ("role", quote(&rid)),
                ],
            ];
            let title = if *promote {
                format!("{pname} promoted from {old_title} to {rtitle}")
            } else {
                format!("{pname} moves from {old_title} to {rtitle}")
            };
            (title, changes)
        }
        Action::Vacancy { title, unit, id } => {
            let (uid, uname) = match query::find_unit_on(h, unit, Some(day))?.found {
                f @ Found::Unit(_) => (f.key(h).to_string(), f.display_name(h).to_string()),
                other => anyhow::bail!(
                    "--unit takes a unit, but '{}' is the {} '{}'",
                    crate::escape::escape(unit),
                    other.noun(),
                    other.key(h)
                ),
            };
            let id = new_id(h, title, id.as_deref(), day)?;
            appends.push(Append {
                file: records_file(dir, files, "[[role]]", "roles.toml"),
                text: role_toml(&id, title, &uid),
            });
            (
                format!("{title} role opened in {uname}"),
                vec![vec![("op", quote("create")), ("role", quote(&id))]],
            )
        }
        Action::Appoint {
            person,
            role,
            acting,
        } => {
            let (pid, pname) = person_on(h, person, day)?;
            let (rid, rtitle) = role_on(h, role, day)?;
            let mut change = vec![
                ("op", quote("appoint")),
                ("person", quote(&pid)),
                ("role", quote(&rid)),
            ];
            if *acting {
                change.push(("acting", "true".to_string()));
            }
            let acting = if *acting { "acting " } else { "" };
            (format!("{pname} appointed {acting}{rtitle}"), vec![change])
        }
    };
    let latest = h
        .latest_event_by(NaiveDate::MAX)
        .and_then(|e| h.files.get(h.event(e).loc.file.index()))
        .map(PathBuf::as_path);
    let event = EventText {
        date: crate::dates::PartialDate::day(day),
        reported: meta.reported,
        title: meta.title.as_deref().unwrap_or(&title),
        sources: &meta.sources,
        changes,
    };
    appends.push(Append {
        file: events_file(dir, files, day, latest),
        text: event.toml(),
    });
    Ok(appends)
}

/// Plans `action`, then prints the appends (a dry run: no `lock`) or
/// checks the folder as it would be after them and writes them safely
/// under `lock`, taken before `files` were read. Nothing is changed on
/// any error.
#[allow(clippy::too_many_arguments)]
pub fn run(
    dir: &Path,
    files: &[(PathBuf, String)],
    h: &History,
    action: &Action,
    meta: &Meta,
    lock: Option<&super::Lock>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let appends = plan(dir, files, h, action, meta)?;
    if meta.sources.is_empty() {
        writeln!(
            err,
            "warning: the event cites no source (check --strict wants one)\n  help: give one with --source"
        )?;
    }
    super::apply(dir, files, &appends, lock, false, out, err)
}
