//! The text one snapshot adds to each file: the records it declares and
//! the events it writes, in the layout a person writes.

use super::state::{Folder, Person};
use crate::dates::PartialDate;
use crate::write::{RecordText, quote};

/// What one snapshot adds to each file.
#[derive(Debug, Default)]
pub struct Texts {
    pub units: String,
    pub roles: String,
    pub people: String,
    pub events: String,
}

/// The person record of `pid`, when they are new to the folder; a
/// `rename` in `e` when they are known by another name (someone rehired).
pub(super) fn person(pid: &str, name: &str, folder: &mut Folder, t: &mut Texts, e: &mut Event) {
    match folder.people.get(pid) {
        None => {
            folder.people.insert(pid.to_string(), name.to_string());
            folder.used.take(pid);
            t.people
                .push_str(&RecordText::new("person", pid).text("name", name).toml());
        }
        Some(known) if known != name => {
            e.change(&[("op", "rename"), ("person", pid), ("name", name)]);
            folder.people.insert(pid.to_string(), name.to_string());
        }
        Some(_) => {}
    }
}

/// A first snapshot's role `rid` as `p` shows it, from `since`, with its
/// line to `line` (none: a top).
pub(super) fn declared_role(
    rid: &str,
    p: &Person,
    line: Option<&str>,
    since: &PartialDate,
    folder: &Folder,
) -> RecordText {
    let r = RecordText::new("role", rid)
        .text("title", &p.title)
        .text("unit", &folder.unit_of[&p.unit]);
    match line {
        Some(to) => r.text("reports_to", to),
        None => r.raw("top", "true".into()),
    }
    .date("since", since)
}

/// One event being written.
pub(super) struct Event {
    pub title: String,
    pub changes: Vec<Vec<(&'static str, String)>>,
}

impl Event {
    pub fn new(title: String) -> Self {
        Event {
            title,
            changes: Vec::new(),
        }
    }

    pub fn change(&mut self, fields: &[(&'static str, &str)]) {
        self.changes
            .push(fields.iter().map(|(k, v)| (*k, quote(v))).collect());
    }

    /// `report`: `role`'s line to `to`, or to nobody.
    pub fn report(&mut self, role: &str, to: Option<&str>) {
        match to {
            Some(to) => self.change(&[("op", "report"), ("role", role), ("to", to)]),
            None => self.changes.push(vec![
                ("op", quote("report")),
                ("role", quote(role)),
                ("top", "true".into()),
            ]),
        }
    }
}
