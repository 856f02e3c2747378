//! Stage 3: the order of application.
//!
//! Takes the resolved events of every file; gives the history's events in
//! replay order (by day, then load order), with ids for the events written
//! without one and their lists of sources stored once, and the [`Plan`]:
//! where each change is written, in the same order. Settles when each
//! declared record comes into existence ([`Decls::resolve`]).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::codes::{Code, help};
use crate::check::diag::Diagnostic;
use crate::dates::PartialDate;
use crate::ids::{FileId, Key, RoleId, UnitId};
use crate::records::input::Sources;

use super::super::{Change, Event, History, SourceList, Subject};
use super::error;
use super::index::Index;
use super::register::{Decls, Start};
use super::resolve::{ChangeSpans, FileEvents, PlannedSpans, Resolved};

/// Where the changes of every event are written, in replay order: the
/// events' own `changes`, one after another, in pieces (freed one by one
/// as the replay applies them).
pub(super) type Plan = Vec<Vec<PlannedSpans>>;

/// Puts the events of every file (in load order) into `h` in replay
/// order, in place, each file's lists freed once taken; gives the plan. A
/// `create` of a record declared with `since` is reported and left out.
pub(super) fn order_events(
    resolved: Resolved,
    reserved: &Reserved,
    sources: &dyn Sources,
    h: &mut History,
    decls: &mut Decls,
    diags: &mut Vec<Diagnostic>,
) -> Plan {
    let Resolved { mut events, files } = resolved;
    // By day, then load order (each file's events are in that order): by
    // day, then place in the list. With each, the file's place in `files`.
    let mut order: Vec<(chrono::NaiveDate, u32, u32)> = Vec::new();
    order.reserve_exact(events.len());
    for (i, f) in files.iter().enumerate() {
        for n in f.events.clone() {
            order.push((events[n].date.first_day(), n as u32, i as u32));
        }
    }
    order.sort_unstable();
    name_unnamed(&mut events, &files, &order, reserved, sources);
    permute(&mut events, order.iter().map(|&(_, n, _)| n).collect());
    // The events in replay order, each file's list freed once taken.
    let mut global: HashMap<Box<[Box<str>]>, u32> = HashMap::default();
    let mut lists: Vec<Vec<u32>> = files
        .iter()
        .map(|f| vec![u32::MAX; f.source_lists.len()])
        .collect();
    let mut left: Vec<usize> = files.iter().map(|f| f.events.len()).collect();
    let mut source_lists: Vec<Vec<Box<[Box<str>]>>> = Vec::with_capacity(files.len());
    let mut takes: Vec<std::vec::IntoIter<PlannedSpans>> = Vec::with_capacity(files.len());
    for f in files {
        source_lists.push(f.source_lists);
        takes.push(f.plan.into_iter());
    }
    // In pieces, which the replay frees as it goes.
    const PIECE: usize = 1 << 16;
    let mut plan: Plan = Vec::new();
    let mut piece: Vec<PlannedSpans> = Vec::with_capacity(PIECE);
    let mut left_out: Vec<usize> = Vec::new();
    for (event, &(_, _, i)) in events.iter_mut().zip(&order) {
        let i = i as usize;
        let file_plan = &mut takes[i];
        for (n, change) in event.changes.iter().enumerate() {
            let s = file_plan.next().expect("one span per change");
            if let Change::Create(subject) = *change
                && !decls.mark_created_by_event(subject, event.date, &s.spans(), diags)
            {
                left_out.push(n);
                continue;
            }
            if piece.len() == PIECE {
                plan.push(std::mem::replace(&mut piece, Vec::with_capacity(PIECE)));
            }
            piece.push(s);
        }
        if !left_out.is_empty() {
            let keep = |n: &usize| !left_out.contains(n);
            let changes = event.changes.iter().enumerate().filter(|(n, _)| keep(n));
            event.changes = changes.map(|(_, c)| c.clone()).collect();
            let locs = event
                .change_locs
                .iter()
                .enumerate()
                .filter(|(n, _)| keep(n));
            event.change_locs = locs.map(|(_, l)| *l).collect();
            left_out.clear();
        }
        let local = event.sources.0 as usize;
        let known = &mut lists[i][local];
        if *known == u32::MAX {
            let items = &mut source_lists[i][local];
            *known = match global.get(&**items) {
                Some(&g) => g,
                None => {
                    let g = u32::try_from(h.source_lists.len()).unwrap_or(u32::MAX);
                    global.insert(items.clone(), g);
                    h.source_lists.push(std::mem::take(items));
                    g
                }
            };
        }
        event.sources = SourceList(*known);
        left[i] -= 1;
        if left[i] == 0 {
            // Frees the file's lists.
            takes[i] = Vec::new().into_iter();
            source_lists[i] = Vec::new();
        }
    }
    piece.shrink_to_fit();
    plan.push(piece);
    h.events = events;
    plan
}

/// Puts `list` in the order `from` gives (its `k`th item is the one at
/// `from[k]`), in place: each cycle of the order followed once, by swaps.
/// The events of files written in date order are in replay order already,
/// and then nothing moves.
fn permute<T>(list: &mut [T], mut from: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != DONE {
            let next = from[at] as usize;
            from[at] = DONE;
            if next == start {
                break;
            }
            list.swap(at, next);
            at = next;
        }
    }
}

/// The records' ids that an id made for an event could be: those that
/// start with a digit, as every made id does (its date comes first:
/// [`generated_base`]). Taken from the index so that the index, and the
/// declarations it borrows from, are freed before the events are ordered.
pub(super) struct Reserved(HashSet<Box<str>>);

impl Reserved {
    pub(super) fn of(index: &Index<'_>) -> Reserved {
        let ids = index.keys.keys().filter(|k| made_like(k));
        Reserved(ids.map(|&k| k.into()).collect())
    }
}

/// Whether `id` starts as every id made for an event does: with a digit.
fn made_like(id: &str) -> bool {
    id.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// Gives every event written without an id one, in replay order.
///
/// An HR export writes a million events without ids, hundreds of one day
/// and title, so each costs a few steps whatever their number: the base
/// of a day's title is built once (a memo, emptied each new day), and the
/// last number given for each base is kept. Every form of a base up to
/// that number is taken (each was given, or skipped as taken), so whether
/// a candidate is an id already made is read from the bases alone: it is
/// a base, or a base and a number up to the base's last. The records' ids
/// and the written events' ids are looked up only when they start with a
/// digit, as a made id does.
fn name_unnamed(
    events: &mut [Event],
    files: &[FileEvents],
    order: &[(chrono::NaiveDate, u32, u32)],
    reserved: &Reserved,
    sources: &dyn Sources,
) {
    let unnamed: usize = files.iter().map(|f| f.unnamed.len()).sum();
    if unnamed == 0 {
        return;
    }
    let mut is_unnamed = vec![false; events.len()];
    for &n in files.iter().flat_map(|f| &f.unnamed) {
        is_unnamed[n as usize] = true;
    }
    // The written events' ids that a made one could be.
    let ids: HashSet<Box<str>> = (events.iter().zip(&is_unnamed))
        .filter(|&(e, &u)| !u && made_like(e.key.as_str()))
        .map(|(e, _)| e.key.as_str().into())
        .collect();
    let others = |key: &str| reserved.0.contains(key) || ids.contains(key);
    let mut bases = Bases::default();
    // The base of each date and title (or file) of the day, by its place
    // in `bases`. A title is known by its address: the events of a file
    // share one text per title (`resolve`), so one address is one text,
    // and a text at two addresses only finds its base twice.
    let mut memo: HashMap<(PartialDate, usize, Option<FileId>), usize> = HashMap::default();
    let mut memo_day = None;
    let mut base = String::new();
    let mut key = String::new();
    let mut number = itoa::Buffer::new();
    for &(day, n, _) in order {
        if !is_unnamed[n as usize] {
            continue;
        }
        let e = &events[n as usize];
        if memo_day != Some(day) {
            memo.clear();
            memo_day = Some(day);
        }
        let title = e.title.as_deref();
        let address = title.map_or(0, |t| t.as_ptr() as usize);
        let file = title.is_none().then_some(e.loc.file);
        let slot = *memo.entry((e.date, address, file)).or_insert_with(|| {
            generated_base(sources, e.date, title, e.loc.file, &mut base);
            debug_assert!(made_like(&base), "a made id starts with its date");
            bases.slot(&base)
        });
        let (text, mut last) = (&bases.list[slot].0, bases.list[slot].1);
        key.clear();
        key.push_str(text);
        let len = key.len();
        if last > 0 || bases.made(&key) || others(&key) {
            loop {
                last = last.max(1) + 1;
                key.truncate(len);
                key.push('-');
                key.push_str(number.format(last));
                // Not a number of this base's given so far (those are up
                // to `last`): given only if it is a base itself.
                if !(bases.given(&key) || others(&key)) {
                    break;
                }
            }
        } else {
            last = 1;
        }
        bases.list[slot].1 = last;
        events[n as usize].key = Key::new(&key);
    }
}

/// The bases of the ids made so far, each with the last number given
/// (0: none yet; 1: the base itself; n: `base-n`).
#[derive(Default)]
struct Bases {
    list: Vec<(std::rc::Rc<str>, u32)>,
    by_text: HashMap<std::rc::Rc<str>, usize>,
}

impl Bases {
    /// The place of `base`, added when new.
    fn slot(&mut self, base: &str) -> usize {
        if let Some(&slot) = self.by_text.get(base) {
            return slot;
        }
        let text: std::rc::Rc<str> = base.into();
        self.list.push((text.clone(), 0));
        self.by_text.insert(text, self.list.len() - 1);
        self.list.len() - 1
    }

    /// Whether `id` is a base that was given.
    fn given(&self, id: &str) -> bool {
        self.by_text.get(id).is_some_and(|&s| self.list[s].1 > 0)
    }

    /// Whether `id` is taken by a base's forms: the base itself once
    /// given, or `base-n` for n from 2 to the base's last. A number is
    /// written as digits without a leading zero.
    fn made(&self, id: &str) -> bool {
        let last = |base: &str| self.by_text.get(base).map_or(0, |&s| self.list[s].1);
        if self.given(id) {
            return true;
        }
        let Some((base, n)) = id.rsplit_once('-') else {
            return false;
        };
        if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        n.parse::<u32>().is_ok_and(|n| n >= 2 && n <= last(base))
    }
}

/// The base of the stable id of an event written without one: its date
/// and title, e.g. `2023-05-10-alibaba-eliminates-its-cto-position` (the
/// file's name without a title), written into `slug`; a number follows
/// when it is taken.
fn generated_base(
    sources: &dyn Sources,
    date: PartialDate,
    title: Option<&str>,
    file: FileId,
    slug: &mut String,
) {
    use std::fmt::Write;
    slug.clear();
    let stem;
    let words = match title {
        Some(t) => t,
        None => {
            stem = (sources.path(file).file_stem())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            &stem
        }
    };
    let _ = write!(slug, "{date} ");
    // Byte by byte, in place over the date: the bytes of a character
    // beyond ASCII are no letters or digits, and a run of them makes one
    // dash, as the character would.
    let mut bytes = std::mem::take(slug).into_bytes();
    let date_len = bytes.len();
    let mut w = 0;
    for r in 0..date_len + words.len() {
        let b = match r.checked_sub(date_len) {
            None => bytes[r],
            Some(t) => words.as_bytes()[t],
        };
        let c = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if w > 0 && bytes[w - 1] == b'-' {
            continue;
        } else {
            b'-'
        };
        match bytes.get_mut(w) {
            Some(slot) => *slot = c,
            None => bytes.push(c),
        }
        w += 1;
        if w >= 60 {
            break;
        }
    }
    bytes.truncate(w);
    *slug = String::from_utf8(bytes).expect("ASCII letters, digits and dashes");
    let end = slug.trim_end_matches('-').len();
    slug.truncate(end);
    if slug.starts_with('-') {
        let start = slug.len() - slug.trim_start_matches('-').len();
        slug.drain(..start);
    }
}

impl Decls {
    /// Records that `subject` comes into existence by an event; false (and
    /// an error) when it is declared with a `since` on or after `date`. A
    /// `create` after the record's beginning (its `since`, or an earlier
    /// `create`) is left to the replay: it brings the record back if it
    /// has ended by then, and is an error if not.
    fn mark_created_by_event(
        &mut self,
        subject: Subject,
        date: PartialDate,
        spans: &ChangeSpans,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if self.planned.contains_key(&subject) {
            return true;
        }
        let (since, start) = match subject {
            Subject::Unit(u) => {
                let d = &mut self.unit_decl[u.index()];
                (d.since, &mut d.start)
            }
            Subject::Role(r) => {
                let d = &mut self.role_decl[r.index()];
                (d.since, &mut d.start)
            }
        };
        if let Some(since) = since {
            if since.first_day() < date.first_day() {
                return true;
            }
            error(
                diags,
                Code::CreatedTwice,
                &spans.subject,
                "this record is declared with `since` and also created by an event",
                Some(help::CREATED_WITH_SINCE.into()),
            );
            return false;
        }
        *start = Start::ByEvent;
        self.planned.entry(subject).or_insert(date);
        true
    }

    /// When `s` is planned to come into existence, if ever.
    pub(super) fn planned_start(&self, s: Subject) -> Option<PartialDate> {
        let mut cur = s;
        for _ in 0..=self.unit_decl.len() {
            if let Some(d) = self.planned.get(&cur) {
                return Some(*d);
            }
            cur = match cur {
                Subject::Unit(u) => Subject::Unit(self.unit_decl[u.index()].parent.as_ref()?.0),
                Subject::Role(r) => Subject::Unit(self.role_decl[r.index()].unit.as_ref()?.0),
            };
        }
        None
    }

    /// Settles how each declared record comes into existence (once the
    /// events that create records are known): at its `since`, or with its
    /// container, after cutting declared parents that go round.
    pub(super) fn resolve(&mut self, h: &History, diags: &mut Vec<Diagnostic>) {
        self.break_parent_cycles(h, diags);
        for (i, d) in self.unit_decl.iter_mut().enumerate() {
            if let (Some(since), Start::WithContainer) = (d.since, d.start) {
                d.start = Start::Since(since);
            }
            if let (Start::WithContainer, Some((parent, _))) = (d.start, &d.parent) {
                self.dependents[parent.index()].push(Subject::Unit(UnitId::new(i)));
            }
        }
        for (i, d) in self.role_decl.iter_mut().enumerate() {
            if let (Some(since), Start::WithContainer) = (d.since, d.start) {
                d.start = Start::Since(since);
            }
            if let (Start::WithContainer, Some((unit, _))) = (d.start, &d.unit) {
                self.dependents[unit.index()].push(Subject::Role(RoleId::new(i)));
            }
        }
    }

    /// Reports declared `parent` links that go round in a circle (each unit
    /// would wait for the other to exist) and cuts each circle once.
    fn break_parent_cycles(&mut self, h: &History, diags: &mut Vec<Diagnostic>) {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut mark = vec![NEW; self.unit_decl.len()];
        for start in 0..self.unit_decl.len() {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(u) = cur {
                match mark[u] {
                    DONE => break,
                    ON_PATH => {
                        let at = path.iter().position(|&p| p == u).unwrap_or(0);
                        let mut names: Vec<&str> = path[at..]
                            .iter()
                            .map(|&p: &usize| h.units[p].key.as_str())
                            .collect();
                        names.push(h.units[u].key.as_str());
                        let msg = format!("unit parents form a cycle: {}", names.join(" → "));
                        let d = &mut self.unit_decl[u];
                        let (_, at) = d.parent.take().expect("on a parent path");
                        let span = at.span(d.file);
                        let help = Some(help::PARENT_CYCLE_DECLARED.into());
                        error(diags, Code::ParentCycle, &span, msg, help);
                        break;
                    }
                    _ => {
                        mark[u] = ON_PATH;
                        path.push(u);
                        cur = self.unit_decl[u].parent.as_ref().map(|(p, _)| p.index());
                    }
                }
            }
            for p in path {
                mark[p] = DONE;
            }
        }
    }

    /// The declared creations with a `since`, in date then load order
    /// (units before roles on a day).
    pub(super) fn dated(&mut self) -> Vec<(PartialDate, Subject)> {
        let mut dated: Vec<(PartialDate, Subject)> = Vec::new();
        for (i, d) in self.unit_decl.iter().enumerate() {
            if let Start::Since(s) = d.start {
                dated.push((s, Subject::Unit(UnitId::new(i))));
            }
        }
        for (i, d) in self.role_decl.iter().enumerate() {
            if let Start::Since(s) = d.start {
                dated.push((s, Subject::Role(RoleId::new(i))));
            }
        }
        dated.sort_by_key(|(d, s)| (d.first_day(), matches!(s, Subject::Role(_))));
        for (d, s) in &dated {
            self.planned.insert(*s, *d);
        }
        dated
    }
}

#[cfg(test)]
mod tests {
    use super::{generated_base, permute};
    use crate::check::diag::SourceMap;
    use crate::dates::PartialDate;

    #[test]
    fn permuting_in_place_follows_each_cycle_once() {
        let orders: [&[u32]; 5] = [
            &[],
            &[0, 1, 2, 3],
            &[3, 2, 1, 0],
            &[1, 2, 3, 0, 5, 4, 6],
            &[6, 0, 4, 1, 2, 5, 3],
        ];
        for from in orders {
            let mut list: Vec<String> = (0..from.len()).map(|i| i.to_string()).collect();
            permute(&mut list, from.to_vec());
            let want: Vec<String> = from.iter().map(|i| i.to_string()).collect();
            assert_eq!(list, want, "from {from:?}");
        }
    }

    fn base(date: &str, title: Option<&str>) -> String {
        let mut sources = SourceMap::default();
        let file = sources.add("events/2024 reorganisation.toml".into(), String::new());
        let date = PartialDate::parse(date).expect("a date");
        let mut slug = String::from("left over");
        generated_base(&sources, date, title, file, &mut slug);
        slug
    }

    /// A run of anything but ASCII letters and digits (spaces,
    /// punctuation, letters beyond ASCII) makes one dash; the base stops
    /// at 60 bytes, without a dash at either end.
    #[test]
    fn an_event_without_an_id_is_named_by_its_date_and_title() {
        let cases = [
            (
                "2023-05-10",
                Some("Alibaba eliminates its CTO position"),
                "2023-05-10-alibaba-eliminates-its-cto-position",
            ),
            (
                "2024-01-01",
                Some("Café — über 2.0!"),
                "2024-01-01-caf-ber-2-0",
            ),
            ("2024-01-01", Some("张勇卸任 CEO"), "2024-01-01-ceo"),
            ("2024-01", Some("Hire"), "2024-01-hire"),
            ("2024-01-01", None, "2024-01-01-2024-reorganisation"),
            (
                "2024-01-01",
                Some(&"word ".repeat(20)),
                "2024-01-01-word-word-word-word-word-word-word-word-word-word",
            ),
        ];
        for (date, title, want) in cases {
            assert_eq!(base(date, title), want, "{date} {title:?}");
        }
    }

    /// A made id starts with a digit, whatever the form of its date or
    /// its title: the records' ids that do not are never looked up.
    #[test]
    fn a_made_id_starts_with_its_date() {
        for date in [
            "2024-01-01",
            "2024-01~",
            "2024?",
            "2023-01-31/2023-02-28",
            "0012",
        ] {
            for title in [None, Some("Hire"), Some("—Hire!"), Some("42"), Some("")] {
                let b = base(date, title);
                assert!(super::made_like(&b), "{date} {title:?}: {b}");
            }
        }
    }

    /// Whether an id is one a base gave: the base once given, then
    /// `base-2` up to its last number, written as `write!` writes numbers.
    #[test]
    fn the_bases_say_which_ids_they_gave() {
        let mut bases = super::Bases::default();
        let hire = bases.slot("2024-01-01-hire");
        assert!(!bases.made("2024-01-01-hire"), "nothing given yet");
        bases.list[hire].1 = 3;
        let two = bases.slot("2024-01-01-hire-2");
        assert_eq!(bases.slot("2024-01-01-hire"), hire);
        for id in ["2024-01-01-hire", "2024-01-01-hire-2", "2024-01-01-hire-3"] {
            assert!(bases.made(id), "{id}");
        }
        for id in [
            "2024-01-01-hire-1",
            "2024-01-01-hire-4",
            "2024-01-01-hire-02",
            "2024-01-01-hire-+3",
            "2024-01-01-hire-",
            "2024-01-01-hire-99999999999",
            "2024-01-01-hire-2-2",
        ] {
            assert!(!bases.made(id), "{id}");
        }
        bases.list[two].1 = 2;
        assert!(bases.made("2024-01-01-hire-2-2"));
    }
}
