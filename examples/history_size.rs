//! How many bytes the replayed history of a data folder takes, by part:
//!
//! ```sh
//! cargo run --release --example history_size -- /tmp/org-l
//! ```
//!
//! Counts the inline size of every record and the heap blocks it owns
//! (strings, lists, intervals), not the allocator's overhead.

use std::mem::size_of;
use std::path::PathBuf;
use std::process::ExitCode;

use orgctl::timeline::{Attributes, Change, History, Interval, Notes, Timeline};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: history_size DIR");
        return ExitCode::from(2);
    };
    let h = match orgctl::load::load_folder(&dir) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("history_size: {e}");
            return ExitCode::from(1);
        }
    };
    report(&h);
    ExitCode::SUCCESS
}

/// Bytes by part, in the order they are added.
#[derive(Default)]
struct Sizes(Vec<(String, usize)>);

impl Sizes {
    fn add(&mut self, part: &str, bytes: usize) {
        match self.0.iter_mut().find(|(p, _)| p == part) {
            Some((_, b)) => *b += bytes,
            None => self.0.push((part.to_string(), bytes)),
        }
    }
}

fn timeline<T>(t: &Timeline<T>, heap: impl Fn(&T) -> usize) -> usize {
    std::mem::size_of_val(t.intervals())
        + t.intervals()
            .iter()
            .map(|iv| heap(&iv.value))
            .sum::<usize>()
}

fn notes(n: &Notes) -> usize {
    // The fields are boxed only when there are any.
    usize::from(!n.is_empty()) * size_of::<orgctl::timeline::NoteFields>()
        + n.sources
            .iter()
            .map(|s| s.len() + size_of::<String>())
            .sum::<usize>()
        + n.note.as_ref().map_or(0, |s| s.len())
        + n.aliases
            .iter()
            .map(|iv| size_of_val(iv) + iv.value.len())
            .sum::<usize>()
}

fn attributes(a: &Attributes) -> usize {
    // A B-tree node per entry, roughly: key, timeline, and the entry's share.
    a.iter()
        .map(|(k, t)| k.len() + 64 + timeline(t, |s| s.len()))
        .sum()
}

fn report(h: &History) {
    let mut s = Sizes::default();
    s.add(
        "units: records",
        h.units.len() * size_of::<orgctl::timeline::Unit>(),
    );
    for u in &h.units {
        s.add(
            "units: key, kind, notes",
            u.key.heap_len() + u.kind.as_ref().map_or(0, |k| k.len()) + notes(&u.notes),
        );
        s.add(
            "units: timelines",
            timeline(&u.life, |_| 0) + timeline(&u.name, |n| n.len()) + timeline(&u.parent, |_| 0),
        );
        s.add("units: attributes", attributes(&u.attributes));
    }
    s.add(
        "roles: records",
        h.roles.len() * size_of::<orgctl::timeline::Role>(),
    );
    for r in &h.roles {
        s.add("roles: key, notes", r.key.heap_len() + notes(&r.notes));
        s.add(
            "roles: life, unit, head",
            timeline(&r.life, |_| 0) + timeline(&r.unit, |_| 0) + timeline(&r.head, |_| 0),
        );
        s.add("roles: title", timeline(&r.title, |t| t.len()));
        s.add("roles: holder", timeline(&r.holder, |_| 0));
        let rare = &r.rare;
        // Boxed only when there are any.
        s.add(
            "roles: rare facts (line, seats, dotted...)",
            usize::from(!rare.is_empty()) * size_of::<orgctl::timeline::RareFactFields>()
                + timeline(&rare.line, |_| 0)
                + timeline(&rare.top, |_| 0)
                + timeline(&rare.unrecorded, |_| 0)
                + rare
                    .extra
                    .iter()
                    .map(|t| size_of_val(t) + timeline(t, |_| 0))
                    .sum::<usize>()
                + attributes(&rare.attributes)
                + size_of_val(rare.dotted.as_slice()),
        );
    }
    s.add(
        "people: records",
        h.people.len() * size_of::<orgctl::timeline::Person>(),
    );
    for p in &h.people {
        s.add(
            "people: key, name, notes",
            p.key.heap_len() + timeline(&p.name, |t| t.len()) + notes(&p.notes),
        );
        s.add(
            "people: tenures",
            p.tenures.len() * size_of::<(orgctl::ids::RoleId, usize)>(),
        );
    }
    s.add(
        "events: records",
        h.events.len() * size_of::<orgctl::timeline::Event>(),
    );
    for e in &h.events {
        s.add(
            "events: key, title, note",
            e.key.heap_len()
                + e.title.as_ref().map_or(0, |t| t.len())
                + e.note().map_or(0, |n| n.len()),
        );
        s.add(
            "events: reported and note, boxed",
            usize::from(e.reported().is_some() || e.note().is_some())
                * size_of::<(Option<orgctl::dates::PartialDate>, Option<Box<str>>)>(),
        );
        s.add(
            "events: changes",
            // A single change is kept in place, in the record.
            usize::from(e.changes.spilled()) * e.changes.len() * size_of::<Change>()
                + e.changes.iter().map(change_heap).sum::<usize>(),
        );
        s.add(
            "events: change locs",
            usize::from(e.change_locs.spilled())
                * e.change_locs.len()
                * size_of::<orgctl::timeline::Loc>(),
        );
    }
    s.add(
        "events: source lists",
        h.source_lists.len() * size_of::<Box<[Box<str>]>>()
            + h.source_lists
                .iter()
                .flat_map(|l| l.iter())
                .map(|x| x.len() + size_of::<Box<str>>())
                .sum::<usize>(),
    );
    let total: usize = s.0.iter().map(|(_, b)| b).sum();
    println!(
        "{} units, {} roles, {} people, {} events; sizes: Interval<()> {} B, Interval<String> {} B, Event {} B, Change {} B",
        h.units.len(),
        h.roles.len(),
        h.people.len(),
        h.events.len(),
        size_of::<Interval<()>>(),
        size_of::<Interval<String>>(),
        size_of::<orgctl::timeline::Event>(),
        size_of::<Change>(),
    );
    for (part, bytes) in &s.0 {
        println!("{part:32} {:8.1} MB", *bytes as f64 / 1e6);
    }
    println!("{:32} {:8.1} MB", "total", total as f64 / 1e6);
}

fn change_heap(c: &Change) -> usize {
    match c {
        Change::RenameUnit { name, .. } => name.len(),
        Change::RetitleRole { title, .. } => title.len(),
        Change::Set { attr, .. } => {
            size_of::<orgctl::timeline::Attr>()
                + attr.key.len()
                + attr.value.as_ref().map_or(0, |v| v.len())
        }
        _ => 0,
    }
}
