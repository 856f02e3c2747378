//! Property tests of the loader: valid data sets (the bundled Alibaba files
//! and a small synthetic organisation) are mutated the way hand edits go
//! wrong — dates swapped, records deleted or duplicated, ids renamed,
//! files cut short, stray characters typed — and loaded through the
//! library. Whatever the mutation, loading must not panic, and it must
//! either succeed or fail with diagnostics that each point at a file and
//! line. Renaming an id consistently everywhere must change nothing but
//! the id.

use std::path::PathBuf;

use orgctl::check::diag::{DataErrors, MAX_SHOWN};
use orgctl::load::{LoadError, load_texts};
use orgctl::query;
use orgctl::render::{Style, json, text};
use proptest::prelude::*;
use proptest::sample::Index;

type Files = Vec<(PathBuf, String)>;

/// A small organisation that uses every kind of change: created, renamed,
/// moved and dissolved units; created, moved, retitled and eliminated
/// roles; acting and replacing appointments, departures, explicit
/// reporting lines set and cleared, attributes set and cleared, and dates
/// of every precision and qualifier.
const SYNTHETIC: &[(&str, &str)] = &[
    (
        "synthetic/units.toml",
        r#"
[[unit]]
id = "acme"
name = "Acme Corporation"
aka = ["Acme"]
kind = "company"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

[[unit]]
id = "platform"
name = "Platform Team"
parent = "eng"

[[unit]]
id = "research"
name = "Research Lab"
parent = "acme"
since = "2019-06"

[[unit]]
id = "labs"
name = "Labs"
parent = "acme"
note = "created by an event"
"#,
    ),
    (
        "synthetic/people.toml",
        r#"
[[person]]
id = "ann"
name = "Ann Archer"
aka = ["Ann"]

[[person]]
id = "bob"
name = "Bob Baker"

[[person]]
id = "cho"
name = "Cho Chen"

[[person]]
id = "dee"
name = "Dee Dunn"

[[person]]
id = "eve"
name = "Eve Evans"
"#,
    ),
    (
        "synthetic/roles.toml",
        r#"
[[role]]
id = "ceo"
title = "Chief Executive"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "vp-eng"
title = "VP Engineering"
unit = "eng"
head = true
holder = "bob"

[[role]]
id = "platform-lead"
title = "Platform Lead"
unit = "platform"
head = true

[[role]]
id = "staff-engineer"
title = "Staff Engineer"
unit = "platform"

[[role]]
id = "research-director"
title = "Research Director"
unit = "research"
head = true
reports_to = "ceo"
since = "2019-06"

[[role]]
id = "labs-head"
title = "Head of Labs"
unit = "labs"
head = true
"#,
    ),
    (
        "synthetic/events.toml",
        r#"
[[event]]
id = "platform-staffed"
date = 2020-01-15
title = "The platform team is staffed"
sources = ["internal memo"]
changes = [
  { op = "appoint", person = "cho", role = "platform-lead" },
  { op = "appoint", person = "eve", role = "staff-engineer" },
  { op = "appoint", person = "dee", role = "research-director", acting = true },
]

[[event]]
date = "2021-03~"
reported = 2021-05-01
title = "Labs founded"
changes = [
  { op = "create", unit = "labs" },
  { op = "create", role = "labs-head" },
  { op = "rename", unit = "eng", name = "Engineering and Product" },
  { op = "set", unit = "labs", key = "status", value = "incubating" },
]

[[event]]
id = "research-folded"
date = 2022-07-01
title = "Research folds into Labs"
changes = [
  { op = "leave", person = "dee", role = "research-director" },
  { op = "appoint", person = "dee", role = "labs-head" },
  { op = "dissolve", unit = "research", into = "labs" },
  { op = "move", unit = "platform", to = "labs" },
  { op = "rename", role = "vp-eng", title = "Chief Technology Officer" },
  { op = "report", role = "platform-lead", to = "vp-eng" },
]

[[event]]
id = "reshuffle"
date = "2023?"
title = "Reshuffle"
changes = [
  { op = "move", role = "staff-engineer", to = "eng" },
  { op = "eliminate", role = "research-director" },
  { op = "set", unit = "labs", key = "status", value = "" },
  { op = "report", role = "platform-lead", to = "" },
  { op = "appoint", person = "bob", role = "labs-head" },
  { op = "leave", person = "eve" },
]
"#,
    ),
];

fn synthetic() -> Files {
    SYNTHETIC
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect()
}

fn data_set(alibaba: bool) -> Files {
    if alibaba {
        orgctl::load::bundled::files()
    } else {
        synthetic()
    }
}

/// One hand edit gone wrong.
#[derive(Debug, Clone)]
enum Mutation {
    /// Swap the `date = ...` values of two events.
    SwapDates(Index, Index),
    /// Delete one `[[...]]` record.
    DeleteRecord(Index),
    /// Copy one `[[...]]` record right after itself.
    DuplicateRecord(Index),
    /// Change an `id = "..."` declaration, leaving its uses alone.
    RenameDeclaration(Index, String),
    /// Replace an id consistently, in its declaration and every use.
    RenameEverywhere(Index, String),
    /// Cut a file short at a byte (rounded down to a character).
    Truncate(Index, Index),
    /// Type a character somewhere.
    InsertChar(Index, Index, char),
}

/// An id that no data set uses, valid by the id rules.
fn fresh_id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,12}".prop_map(|s| format!("renamed-{s}"))
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapDates(a, b)),
        any::<Index>().prop_map(Mutation::DeleteRecord),
        any::<Index>().prop_map(Mutation::DuplicateRecord),
        (any::<Index>(), fresh_id()).prop_map(|(i, id)| Mutation::RenameDeclaration(i, id)),
        (any::<Index>(), fresh_id()).prop_map(|(i, id)| Mutation::RenameEverywhere(i, id)),
        (any::<Index>(), any::<Index>()).prop_map(|(f, at)| Mutation::Truncate(f, at)),
        (any::<Index>(), any::<Index>(), any::<char>())
            .prop_map(|(f, at, c)| Mutation::InsertChar(f, at, c)),
    ]
}

/// Where a kind of line starts: (file, byte offset of the line, line).
fn lines_starting(files: &Files, prefix: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (f, (_, text)) in files.iter().enumerate() {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if line.starts_with(prefix) {
                found.push((f, offset, line.to_string()));
            }
            offset += line.len();
        }
    }
    found
}

/// Every record: (file, byte range from its `[[` header to the next one).
fn records(files: &Files) -> Vec<(usize, std::ops::Range<usize>)> {
    let headers = lines_starting(files, "[[");
    headers
        .iter()
        .enumerate()
        .map(|(i, &(f, start, _))| {
            let end = match headers.get(i + 1) {
                Some(&(next_f, next, _)) if next_f == f => next,
                _ => files[f].1.len(),
            };
            (f, start..end)
        })
        .collect()
}

/// The id declared on a line `id = "..."`.
fn declared_id(line: &str) -> Option<&str> {
    line.trim_end()
        .strip_prefix("id = \"")?
        .strip_suffix('"')
        .filter(|id| !id.contains('"'))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies a mutation; `None` when it does not apply to these files (no
/// dates to swap, a new id that is already used...).
fn apply(files: &Files, m: &Mutation) -> Option<Files> {
    let mut out = files.clone();
    match m {
        Mutation::SwapDates(a, b) => {
            let dates = lines_starting(files, "date = ");
            if dates.len() < 2 {
                return None;
            }
            let (a, b) = (a.get(&dates), b.get(&dates));
            // Replace the later line first, so the earlier offset stays valid.
            let (first, second) = if (a.0, a.1) <= (b.0, b.1) {
                (a, b)
            } else {
                (b, a)
            };
            for (target, with) in [(second, first), (first, second)] {
                let text = &mut out[target.0].1;
                let end = target.1 + target.2.len();
                let replacement = format!("date = {}", with.2.trim_start_matches("date = "));
                text.replace_range(target.1..end, &replacement);
            }
        }
        Mutation::DeleteRecord(i) => {
            let recs = records(files);
            if recs.is_empty() {
                return None;
            }
            let (f, range) = i.get(&recs).clone();
            out[f].1.replace_range(range, "");
        }
        Mutation::DuplicateRecord(i) => {
            let recs = records(files);
            if recs.is_empty() {
                return None;
            }
            let (f, range) = i.get(&recs).clone();
            let mut copy = files[f].1[range.clone()].to_string();
            if !copy.ends_with('\n') {
                copy.insert(0, '\n');
            }
            out[f].1.insert_str(range.end, &copy);
        }
        Mutation::RenameDeclaration(i, new) => {
            let (f, start, line) = pick_declaration(files, i, new)?;
            let renamed = format!("id = \"{new}\"\n");
            out[f].1.replace_range(start..start + line.len(), &renamed);
        }
        Mutation::RenameEverywhere(i, new) => {
            let (_, _, line) = pick_declaration(files, i, new)?;
            let old = format!("\"{}\"", declared_id(&line)?);
            for (_, text) in &mut out {
                *text = text.replace(&old, &format!("\"{new}\""));
            }
        }
        Mutation::Truncate(f, at) => {
            let f = f.index(out.len());
            let text = &mut out[f].1;
            let at = floor_char_boundary(text, at.index(text.len() + 1));
            text.truncate(at);
        }
        Mutation::InsertChar(f, at, c) => {
            let f = f.index(out.len());
            let text = &mut out[f].1;
            let at = floor_char_boundary(text, at.index(text.len() + 1));
            text.insert(at, *c);
        }
    }
    Some(out)
}

/// The `id = "..."` line chosen by `i`, if `new` is used nowhere yet.
fn pick_declaration(files: &Files, i: &Index, new: &str) -> Option<(usize, usize, String)> {
    let decls: Vec<_> = lines_starting(files, "id = \"")
        .into_iter()
        .filter(|(_, _, line)| declared_id(line).is_some())
        .collect();
    if decls.is_empty() || files.iter().any(|(_, t)| t.contains(new)) {
        return None;
    }
    Some(i.get(&decls).clone())
}

/// Loads `files` and checks the outcome: a clean load (which the queries
/// and renderers must then handle), or errors that each point into a file.
fn check_load(files: Files) -> Result<Option<query::Summary>, TestCaseError> {
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    match load_texts(files) {
        Ok(history) => {
            let day = chrono::NaiveDate::from_ymd_opt(2023, 5, 10).expect("a valid date");
            let view = query::at(&history, day, None);
            let mut out = Vec::new();
            text::at(&mut out, &view, false, &Style::plain())?;
            json::at(&mut out, &view)?;
            let before = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid date");
            let d = query::diff(&history, before, day);
            text::diff(&mut out, &d, false, &Style::plain())?;
            json::diff(&mut out, &d)?;
            explore(&history, day, &mut out)?;
            Ok(Some(query::summary(&history)))
        }
        Err(LoadError::Data(errors)) => {
            check_located(&errors, &paths)?;
            Ok(None)
        }
        // A file-system problem cannot come from texts in memory, but it
        // is a clean error all the same.
        Err(other) => {
            prop_assert!(!other.to_string().is_empty());
            Ok(None)
        }
    }
}

/// `chain`, `log`, `history`, `why` and `show` on every record, rendered
/// as the CLI does; and what they must agree on: `log --about` lists every
/// event of the record's history, a fact never ends before it begins, and
/// a chain ends at a role that reports to nobody.
fn explore(
    h: &orgctl::timeline::History,
    day: chrono::NaiveDate,
    out: &mut Vec<u8>,
) -> Result<(), TestCaseError> {
    use orgctl::query::Found;
    use orgctl::render;
    let plain = Style::plain();
    let index = query::Index::new(h);
    let log = query::log(h, &index, None, None, &[]);
    render::text::log(out, &log, false, &plain)?;
    render::text::log(out, &log, true, &plain)?;
    render::json::log(out, &log)?;
    let records = (0..h.people.len())
        .map(|i| Found::Person(orgctl::ids::PersonId::new(i)))
        .chain((0..h.units.len()).map(|i| Found::Unit(orgctl::ids::UnitId::new(i))))
        .chain((0..h.roles.len()).map(|i| Found::Role(orgctl::ids::RoleId::new(i))));
    for f in records {
        let rh = query::history(h, &index, f);
        render::text::history(out, &rh, &plain)?;
        render::json::history(out, &rh)?;
        for e in &rh.entries {
            if let Some(u) = e.until {
                prop_assert!(
                    e.from.order() <= u.order(),
                    "{f:?}: {e:?} ends before it begins"
                );
            }
        }
        let about = query::log(h, &index, None, None, &[f]);
        for ev in &rh.events {
            prop_assert!(
                about.entries.iter().any(|x| x.event == *ev),
                "{f:?}: event {} of its history is not in log --about",
                h.event(*ev).key
            );
        }
        let w = query::why(h, &index, f, day);
        render::text::why(out, &w, &plain)?;
        render::json::why(out, &w)?;
        let card = query::show(h, &index, f, day);
        render::text::show(out, &card, &plain)?;
        render::json::show(out, &card)?;
        if let Ok(c) = query::chain(h, f, day) {
            for chain in &c.chains {
                prop_assert!(chain.steps.last().is_some_and(|s| s.line.is_none()));
            }
            render::text::chain(out, &c, &plain)?;
            render::json::chain(out, &c)?;
        }
    }
    Ok(())
}

/// Every diagnostic has a span in one of the loaded files, and the rendered
/// report names its `file:line:col`.
fn check_located(errors: &DataErrors, paths: &[PathBuf]) -> Result<(), TestCaseError> {
    let DataErrors {
        diagnostics,
        sources,
    } = errors;
    prop_assert!(!diagnostics.is_empty(), "a data error without diagnostics");
    let rendered = errors.render(false);
    let json = errors.to_json();
    prop_assert!(!json.is_null());
    for d in diagnostics {
        let span = d.span.as_ref();
        prop_assert!(span.is_some(), "diagnostic without a span: {d:?}");
        let span = span.expect("checked above");
        prop_assert!(
            span.file.index() < paths.len(),
            "span in an unknown file: {d:?}"
        );
        let path = sources.path(span.file);
        prop_assert_eq!(path, paths[span.file.index()].as_path());
        let text = sources.text(span.file);
        prop_assert!(
            span.range.start <= span.range.end && span.range.end <= text.len(),
            "span {:?} outside the file ({} bytes): {d:?}",
            span.range,
            text.len()
        );
        let pos = sources.position(span.file, span.range.start);
        prop_assert!(pos.line >= 1 && pos.column >= 1);
        prop_assert!(pos.line <= text.lines().count().max(1) + 1);
        if diagnostics.len() <= MAX_SHOWN {
            let place = format!("{}:{}:{}", path.display(), pos.line, pos.column);
            prop_assert!(
                rendered.contains(&place),
                "rendered report does not name {place}:\n{rendered}"
            );
        }
    }
    Ok(())
}

#[test]
fn the_unmutated_data_sets_load_cleanly() {
    for alibaba in [true, false] {
        if let Err(LoadError::Data(e)) = load_texts(data_set(alibaba)) {
            panic!("data set (alibaba: {alibaba}) fails:\n{}", e.render(false));
        }
        let s = query::summary(&load_texts(data_set(alibaba)).expect("checked above"));
        assert!(s.units > 0 && s.roles > 0 && s.people > 0 && s.events > 0);
    }
}

#[test]
fn the_mutations_find_what_they_mutate() {
    for alibaba in [true, false] {
        let files = data_set(alibaba);
        assert!(lines_starting(&files, "date = ").len() >= 4);
        assert!(records(&files).len() >= 15);
        assert!(lines_starting(&files, "id = \"").len() >= 15);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One to three hand edits: no panic, and a clean load or located errors.
    #[test]
    fn mutated_data_loads_or_points_at_the_problem(
        alibaba in any::<bool>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut files = data_set(alibaba);
        for m in &mutations {
            if let Some(next) = apply(&files, m) {
                files = next;
            }
        }
        check_load(files)?;
    }

    /// A declaration renamed without its uses: any use left behind is an
    /// error that points at it.
    #[test]
    fn renaming_a_declaration_only_breaks_its_uses(
        alibaba in any::<bool>(),
        which in any::<Index>(),
        new in fresh_id(),
    ) {
        let files = data_set(alibaba);
        let (_, _, line) = pick_declaration(&files, &which, &new).expect("an id to rename");
        let old = format!("\"{}\"", declared_id(&line).expect("an id line"));
        let uses: usize = files.iter().map(|(_, t)| t.matches(&old).count()).sum();
        let mutated = apply(&files, &Mutation::RenameDeclaration(which, new)).expect("applies");
        let loaded = check_load(mutated)?;
        if uses > 1 {
            prop_assert!(loaded.is_none(), "{old} is still used but the load succeeded");
        }
    }

    /// An id renamed consistently everywhere: the same organisation.
    #[test]
    fn renaming_an_id_everywhere_changes_nothing_else(
        alibaba in any::<bool>(),
        which in any::<Index>(),
        new in fresh_id(),
    ) {
        let files = data_set(alibaba);
        let before = query::summary(&load_texts(files.clone()).expect("the data set loads"));
        let renamed = apply(&files, &Mutation::RenameEverywhere(which, new)).expect("applies");
        let after = match load_texts(renamed) {
            Ok(h) => query::summary(&h),
            Err(LoadError::Data(e)) => {
                return Err(TestCaseError::fail(format!(
                    "a consistent rename broke the data:\n{}",
                    e.render(false)
                )));
            }
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(
            (before.files, before.units, before.roles, before.people, before.events),
            (after.files, after.units, after.roles, after.people, after.events)
        );
        prop_assert_eq!(before.first_event, after.first_event);
        prop_assert_eq!(before.last_event, after.last_event);
    }

    /// Each single mutation kind, many times over both data sets.
    #[test]
    fn any_single_mutation_loads_or_points_at_the_problem(
        alibaba in any::<bool>(),
        m in mutation(),
    ) {
        if let Some(files) = apply(&data_set(alibaba), &m) {
            check_load(files)?;
        }
    }
}
