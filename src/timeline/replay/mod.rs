//! One pass over the records and events that builds the [`History`] and
//! checks every rule of the data format on the way, in stages:
//!
//! 1. [`register::claim`]: every record's id claimed (ids are unique
//!    across kinds), in the [`index`].
//! 2. [`resolve`]: the events of each file, on every core, into typed
//!    [`Change`](super::Change)s; each file of events is dropped once
//!    resolved.
//! 3. [`register::make`]: the history's records without their facts, and
//!    the declarations of units and roles with their references resolved.
//! 4. [`plan`]: the events in replay order, with ids for those written
//!    without one, and the declared creations in date order.
//! 5. [`apply`] (with [`life`]): records come into existence at their
//!    `since` date (or at the beginning, or with their unit), and the
//!    events' changes are applied in order to the current state ([`now`]);
//!    after each step [`cycles`] checks the reporting lines that step could
//!    have changed.
//!
//! The stages share one [`index`] of ids and one way of resolving a
//! reference against it.
//!
//! Every stage writes its problems to the same list of diagnostics: a
//! change that breaks a rule is reported with the file and line of the
//! offending value and skipped, so one run reports every independent
//! problem. The list is in no particular order; `DataErrors::new` sorts it.

mod apply;
mod cycles;
mod dotted;
mod index;
mod life;
mod now;
mod plan;
mod prefetch;
mod register;
mod resolve;
mod seats;

use crate::check::codes::Code;
use crate::check::diag::{Diagnostic, Span};
use crate::records::input::{Inputs, Sources};

use super::{History, Loc};

/// How to replay.
#[derive(Debug, Clone, Copy)]
pub struct ReplayOptions {
    /// From this many events in files of events only, those files are
    /// resolved on every core (below it, on one thread); from this many
    /// units, people and roles, their records are made on every core.
    pub parallel_from: usize,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        ReplayOptions {
            parallel_from: 20_000,
        }
    }
}

/// Builds the history from the records of every file, in load order, or
/// says every problem found. The files are dropped as early as they can
/// be: each file of events once its events are resolved (before the
/// records are made), the others before the replay proper, so the records
/// of all files, the history's records and its timelines never take
/// memory together.
pub fn replay(files: Inputs, sources: &dyn Sources) -> Result<History, Vec<Diagnostic>> {
    replay_with(files, sources, &ReplayOptions::default())
}

/// [`replay`] with options (tests set where resolving goes parallel).
pub fn replay_with(
    files: Inputs,
    sources: &dyn Sources,
    opts: &ReplayOptions,
) -> Result<History, Vec<Diagnostic>> {
    let timer = crate::timer::Timer::start();
    let mut diags = Vec::new();
    let (decls, event_files) = files.split_declarations();
    let claimed = register::claim(&decls, &event_files, &mut diags);
    timer.lap("replay: claim ids");
    let mut files = resolve::resolve_files(&claimed.index, sources, event_files, &decls, opts);
    timer.lap("replay: resolve events");
    let register::Registered {
        index,
        mut h,
        decls: mut declared,
        mut unresolved,
    } = register::make(sources, claimed, &mut diags, opts);
    timer.lap("replay: make records");
    for f in &mut files.files {
        diags.append(&mut f.diags);
        unresolved.append(&mut f.unresolved);
    }
    resolve::report_unresolved(&index, &h, &files, unresolved, &mut diags);
    // The declarations' records are not needed past here: freed before
    // the events are ordered, so that they and the ordering never take
    // memory together.
    let reserved = plan::Reserved::of(&index);
    drop(index);
    drop(decls);
    timer.lap("replay: drop inputs");
    let plan = plan::order_events(files, &reserved, sources, &mut h, &mut declared, &mut diags);
    drop(reserved);
    timer.lap("replay: order events");
    declared.resolve(&h, &mut diags);
    let mut r = apply::Replayer::new(sources, h, declared, diags);
    r.run(plan);
    timer.lap("replay: run");
    r.finish()
}

/// Adds a problem of kind `code` at `span` to `diags`.
fn error(
    diags: &mut Vec<Diagnostic>,
    code: Code,
    span: &Span,
    message: impl Into<String>,
    help: Option<String>,
) {
    let mut d = Diagnostic::new(code, message, span.clone());
    d.help = help;
    diags.push(d);
}

/// A byte range of a data file in 8 bytes, its file kept beside it once:
/// for what waits in memory by the hundred thousand (each change's places
/// until it is applied, each declaration through the replay), where a
/// [`Span`] takes 24.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct At {
    start: u32,
    end: u32,
}

impl At {
    pub(super) fn new(range: std::ops::Range<usize>) -> At {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        At {
            start: clamp(range.start),
            end: clamp(range.end),
        }
    }

    pub(super) fn of(s: &Span) -> At {
        At::new(s.range.clone())
    }

    pub(super) fn span(self, file: crate::ids::FileId) -> Span {
        Span {
            file,
            range: self.start as usize..self.end as usize,
        }
    }
}

/// The file, line and byte range of `span`.
fn loc_of(sources: &dyn Sources, span: &Span) -> Loc {
    let line = sources.position(span.file, span.range.start).line;
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Loc {
        file: span.file,
        line: clamp(line),
        start: clamp(span.range.start),
        end: clamp(span.range.end),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{ReplayOptions, replay_with};
    use crate::check::diag::SourceMap;
    use crate::records::input::Inputs;

    /// The files parsed, with their texts for diagnostics.
    fn inputs(files: &[(PathBuf, String)]) -> (Inputs, SourceMap) {
        let mut sources = SourceMap::default();
        let mut parsed = Vec::new();
        for (path, text) in files {
            let file = sources.add(path.clone(), text.clone());
            let input = crate::records::reader::read(file, sources.text(file))
                .unwrap_or_else(|d| panic!("{} does not parse: {d:?}", path.display()));
            parsed.push((file, input));
        }
        (Inputs::new(parsed), sources)
    }

    /// The history, or the problems as `check` prints them.
    fn outcome(files: &[(PathBuf, String)], opts: &ReplayOptions) -> String {
        let (inputs, sources) = inputs(files);
        match replay_with(inputs, &sources, opts) {
            Ok(h) => format!("{h:?}"),
            Err(diags) => crate::check::diag::DataErrors::new(diags, sources).render(false),
        }
    }

    fn generated() -> Vec<(PathBuf, String)> {
        let p = orgctl_synth::Params {
            people: 300,
            years: 4,
            ..Default::default()
        };
        let mut files = orgctl_synth::generate(&p).0;
        files.extend(crate::load::bundled::files());
        files
    }

    /// Some references of the events misspelt, some changes dropped, and
    /// events without ids, for problems in every stage.
    fn broken(files: &[(PathBuf, String)]) -> Vec<(PathBuf, String)> {
        let mut n = 0;
        let mut edit = |line: &str| {
            n += 1;
            match n % 97 {
                0 => line.replacen("role = \"", "role = \"x", 1),
                13 if line.trim_start().starts_with("{ op") => String::new(),
                29 if line.starts_with("id = \"e-") => String::new(),
                41 => line.replacen("person = \"p-", "person = \"r-", 1),
                _ => line.to_string(),
            }
        };
        files
            .iter()
            .map(|(p, t)| {
                let t: String = t.lines().map(|l| edit(l) + "\n").collect();
                (p.clone(), t)
            })
            .collect()
    }

    const SEQUENTIAL: ReplayOptions = ReplayOptions {
        parallel_from: usize::MAX,
    };
    const PARALLEL: ReplayOptions = ReplayOptions { parallel_from: 0 };

    #[test]
    fn resolving_on_every_core_changes_nothing() {
        let files = generated();
        let valid = outcome(&files, &SEQUENTIAL);
        assert!(valid.starts_with("History"), "{valid}");
        assert_eq!(valid, outcome(&files, &PARALLEL));
        let files = broken(&files);
        let problems = outcome(&files, &SEQUENTIAL);
        assert!(problems.contains("error[E0103]"), "{problems}");
        assert!(problems.contains("error[E0104]"), "{problems}");
        assert_eq!(problems, outcome(&files, &PARALLEL));
    }

    /// A duplicate id's help names where the first record with it is
    /// written, found among files that declare other kinds, or none.
    #[test]
    fn a_duplicate_points_at_the_first_record_among_files_of_other_kinds() {
        let file = |name: &str, text: &str| (PathBuf::from(name), text.to_string());
        let files = [
            file("a.toml", "[[unit]]\nid = \"acme\"\nname = \"Acme\"\n"),
            file("b.toml", "[[event]]\ndate = 2020-01-01\n"),
            file(
                "c.toml",
                "[[person]]\nid = \"ann\"\nname = \"Ann\"\n\n\
                 [[person]]\nid = \"bob\"\nname = \"Bob\"\n",
            ),
            file(
                "d.toml",
                "[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"acme\"\n\n\
                 [[unit]]\nid = \"bob\"\nname = \"Bob's\"\n\n\
                 [[role]]\nid = \"acme\"\ntitle = \"A\"\nunit = \"acme\"\n\n\
                 [[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"acme\"\n",
            ),
        ];
        let problems = outcome(&files, &SEQUENTIAL);
        for (id, first) in [
            ("bob", "'bob' is already a person at c.toml:6:6"),
            ("acme", "'acme' is already a unit at a.toml:2:6"),
            ("ceo", "'ceo' is already a role at d.toml:2:6"),
        ] {
            assert!(
                problems.contains(&format!("duplicate id '{id}'")) && problems.contains(first),
                "{problems}"
            );
        }
    }
}
