//! `report --html --unit UNIT --depth N`: what a scoped page keeps, read
//! from the facts the page embeds (so that what it draws on a day is what
//! `at DAY --unit UNIT` lists). The rule, day by day over the range:
//!
//! - a unit is kept on the days it is UNIT or lies under it (without
//!   `--unit`: every unit), within the top N levels of the unit tree
//!   (level 1: UNIT, or without `--unit` the units without a parent):
//!   the units `at DAY --unit UNIT --units --depth N` lists;
//! - a role is kept on the days it exists in a kept unit;
//! - a person is kept on the days they hold a kept role.
//!
//! A record kept on some day of the range is embedded with its facts in
//! the range (names, lines, attributes...), and the days it is kept, on
//! which the page draws it; a role's holdings are kept when they share a
//! day with the role's kept days. An event is kept when one of its
//! changes names a record kept on the day before its date or on a day of
//! it; the page lists the changes between two days of the records kept
//! on one of them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::ReportRange;
use crate::ids::{EventId, Key};
use crate::query::Found;
use crate::query::log::names;
use crate::timeline::History;

/// Days from `first` to `last`, both included; `NaiveDate::MIN` stands
/// for "from before the record starts", `NaiveDate::MAX` for "still".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// The span of a fact's `from` and `until` (`None`: unbounded).
    pub fn of(from: Option<NaiveDate>, until: Option<NaiveDate>) -> Self {
        Span {
            first: from.unwrap_or(NaiveDate::MIN),
            last: until.unwrap_or(NaiveDate::MAX),
        }
    }

    /// Its first day as a fact's `from`.
    pub fn from(&self) -> Option<NaiveDate> {
        (self.first != NaiveDate::MIN).then_some(self.first)
    }

    /// Its last day as a fact's `until`.
    pub fn until(&self) -> Option<NaiveDate> {
        (self.last != NaiveDate::MAX).then_some(self.last)
    }

    /// The days both share, if any.
    fn meet(self, other: Span) -> Option<Span> {
        let first = self.first.max(other.first);
        let last = self.last.min(other.last);
        (first <= last).then_some(Span { first, last })
    }
}

/// Sorted, disjoint spans, none touching the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans(Vec<Span>);

impl Spans {
    /// The union of `pieces`.
    fn union(mut pieces: Vec<Span>) -> Self {
        pieces.sort();
        let mut out: Vec<Span> = Vec::with_capacity(pieces.len());
        for p in pieces {
            match out.last_mut() {
                Some(l) if l.last >= p.first || l.last.succ_opt() == Some(p.first) => {
                    l.last = l.last.max(p.last);
                }
                _ => out.push(p),
            }
        }
        Spans(out)
    }

    /// The days of `span` among these, as spans.
    pub fn meet(&self, span: Span) -> impl Iterator<Item = Span> + '_ {
        self.0.iter().filter_map(move |s| s.meet(span))
    }

    /// Whether one of these days is a day of `span`.
    pub fn meets(&self, span: Span) -> bool {
        self.meet(span).next().is_some()
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }
}

/// A fact as the scope reads it: its kind, subject, object and days.
#[derive(Debug, Clone, Copy)]
pub struct Stretch<'h> {
    pub kind: &'h str,
    pub subject: &'h Key,
    pub object: Option<&'h Key>,
    pub span: Span,
}

/// The days on which each unit, role and person is kept (records never
/// kept are absent).
#[derive(Debug, Default)]
pub struct Scope<'h> {
    pub units: HashMap<&'h Key, Spans>,
    pub roles: HashMap<&'h Key, Spans>,
    pub people: HashMap<&'h Key, Spans>,
}

/// The scope of `--unit unit` (its id) and `--depth depth` over `range`,
/// from `facts` (those that share a day with the range).
pub fn scope<'h>(
    facts: &[Stretch<'h>],
    unit: Option<&Key>,
    depth: Option<usize>,
    range: &ReportRange,
) -> Scope<'h> {
    let units = kept_units(facts, unit, depth, range);
    let mut pieces: HashMap<&Key, Vec<Span>> = HashMap::new();
    let lives = spans_of(facts, "role_exists");
    for f in facts.iter().filter(|f| f.kind == "role_unit") {
        let (Some(u), Some(life)) = (f.object.and_then(|u| units.get(u)), lives.get(f.subject))
        else {
            continue;
        };
        let list = pieces.entry(f.subject).or_default();
        for in_unit in u.meet(f.span) {
            list.extend(life.meet(in_unit));
        }
    }
    let roles = unions(pieces);
    let mut pieces: HashMap<&Key, Vec<Span>> = HashMap::new();
    for f in facts.iter().filter(|f| f.kind == "holds") {
        if let Some(kept) = f.object.and_then(|r| roles.get(r)) {
            pieces
                .entry(f.subject)
                .or_default()
                .extend(kept.meet(f.span));
        }
    }
    Scope {
        units,
        roles,
        people: unions(pieces),
    }
}

/// Each subject's spans of the facts of `kind`.
fn spans_of<'h>(facts: &[Stretch<'h>], kind: &str) -> HashMap<&'h Key, Spans> {
    let mut pieces: HashMap<&Key, Vec<Span>> = HashMap::new();
    for f in facts.iter().filter(|f| f.kind == kind) {
        pieces.entry(f.subject).or_default().push(f.span);
    }
    unions(pieces)
}

fn unions(pieces: HashMap<&Key, Vec<Span>>) -> HashMap<&Key, Spans> {
    pieces
        .into_iter()
        .map(|(k, p)| (k, Spans::union(p)))
        .filter(|(_, s)| !s.0.is_empty())
        .collect()
}

/// The units kept, each with its days. The unit tree changes only where
/// a unit's existence or parent does: the range is cut there, and each
/// stretch read once, sweeping the facts in order of their days.
fn kept_units<'h>(
    facts: &[Stretch<'h>],
    top: Option<&Key>,
    depth: Option<usize>,
    range: &ReportRange,
) -> HashMap<&'h Key, Spans> {
    let tree: Vec<&Stretch> = facts
        .iter()
        .filter(|f| f.kind == "unit_exists" || f.kind == "unit_parent")
        .collect();
    let mut index: HashMap<&Key, usize> = HashMap::new();
    let mut keys: Vec<&Key> = Vec::new();
    let mut id = |k: &'h Key| {
        *index.entry(k).or_insert_with(|| {
            keys.push(k);
            keys.len() - 1
        })
    };
    // (unit, parent or None for existence, span), by first day.
    let mut starts: Vec<(usize, Option<usize>, Span)> = tree
        .iter()
        .map(|f| (id(f.subject), f.object.map(&mut id), f.span))
        .collect();
    let top = top.and_then(|k| index.get(k).copied());
    starts.sort_by_key(|s| s.2.first);
    let mut ends: Vec<usize> = (0..starts.len()).collect();
    ends.sort_by_key(|&i| starts[i].2.last);
    // The days the tree may change, after the first.
    let mut cuts: Vec<NaiveDate> = starts
        .iter()
        .flat_map(|s| [Some(s.2.first), s.2.last.succ_opt()])
        .flatten()
        .filter(|d| range.first < *d && *d <= range.last)
        .collect();
    cuts.sort();
    cuts.dedup();
    let n = keys.len();
    let mut alive = vec![0usize; n];
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n]; // (parent, fact)
    let mut kept: Vec<Vec<Span>> = vec![Vec::new(); n];
    let (mut next_start, mut next_end) = (0, 0);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let firsts = std::iter::once(range.first).chain(cuts.iter().copied());
    let lasts = cuts.iter().filter_map(|d| d.pred_opt());
    for (i, (first, last)) in firsts.zip(lasts.chain([range.last])).enumerate() {
        // The facts that ended before `first`, then those begun by it.
        while next_end < ends.len() && starts[ends[next_end]].2.last < first {
            let f = ends[next_end];
            let (u, p, _) = starts[f];
            match p {
                None => alive[u] -= 1,
                Some(_) if parent[u].is_some_and(|(_, g)| g == f) => parent[u] = None,
                Some(_) => {}
            }
            next_end += 1;
        }
        while next_start < starts.len() && starts[next_start].2.first <= first {
            // Its last day is `first` or later: a fact begins on a cut.
            match starts[next_start] {
                (u, None, _) => alive[u] += 1,
                (u, Some(p), _) => parent[u] = Some((p, next_start)),
            }
            next_start += 1;
        }
        // The tree on `first`: the units alive, under their parents.
        children.iter_mut().for_each(Vec::clear);
        let mut level: Vec<usize> = Vec::new();
        for u in (0..n).filter(|&u| alive[u] > 0) {
            match parent[u] {
                Some((p, _)) => children[p].push(u),
                None if top.is_none() => level.push(u),
                None => {}
            }
        }
        if let Some(t) = top {
            level = if alive[t] > 0 { vec![t] } else { Vec::new() };
        }
        let span = Span {
            first: if i == 0 { NaiveDate::MIN } else { first },
            last: if last == range.last {
                NaiveDate::MAX
            } else {
                last
            },
        };
        let mut depth_now = 1;
        while !level.is_empty() && depth.is_none_or(|d| depth_now <= d) {
            let mut below = Vec::new();
            for &u in &level {
                kept[u].push(span);
                below.extend(&children[u]);
            }
            level = below;
            depth_now += 1;
        }
    }
    keys.into_iter()
        .zip(kept)
        .filter(|(_, k)| !k.is_empty())
        .map(|(k, spans)| (k, Spans::union(spans)))
        .collect()
}

impl Scope<'_> {
    /// The days a record is kept, by its kind.
    fn of(&self, h: &History, f: Found) -> Option<&Spans> {
        match f {
            Found::Unit(u) => self.units.get(&h.unit(u).key),
            Found::Role(r) => self.roles.get(&h.role(r).key),
            Found::Person(p) => self.people.get(&h.person(p).key),
        }
    }

    fn kept(&self, h: &History, f: Found, span: Span) -> bool {
        self.of(h, f).is_some_and(|s| s.meets(span))
    }

    /// Whether event `e` is kept: one of its changes names a record kept
    /// on the day before its date or on a day of it.
    pub fn keeps_event(&self, h: &History, e: EventId) -> bool {
        let ev = h.event(e);
        let first = ev.date.first_day();
        let span = Span {
            first: first.pred_opt().unwrap_or(first),
            last: ev.date.last_day(),
        };
        ev.changes
            .iter()
            .flat_map(|c| names(h, e, c))
            .flatten()
            .any(|f| self.kept(h, f, span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(a: &str, b: &str) -> Span {
        Span {
            first: d(a),
            last: d(b),
        }
    }

    #[test]
    fn spans_that_touch_or_overlap_are_one() {
        let s = Spans::union(vec![
            span("2023-03-01", "2023-03-31"),
            span("2023-01-01", "2023-01-31"),
            span("2023-02-01", "2023-02-10"),
            span("2023-03-15", "2023-04-02"),
        ]);
        assert_eq!(
            s.spans(),
            [
                span("2023-01-01", "2023-02-10"),
                span("2023-03-01", "2023-04-02")
            ]
        );
        assert!(s.meets(span("2023-02-10", "2023-02-20")));
        assert!(!s.meets(span("2023-02-11", "2023-02-28")));
    }

    /// Acme > Eng > Team from always; Team moves to Acme directly on
    /// 2023-02-01; Lab (under Eng) is dissolved on 2023-03-01.
    #[test]
    fn a_unit_is_kept_on_the_days_it_lies_under_the_unit_within_the_depth() {
        let keys: Vec<Key> = ["acme", "eng", "team", "lab"]
            .iter()
            .map(|k| Key::new(k))
            .collect();
        let [acme, eng, team, lab] = [&keys[0], &keys[1], &keys[2], &keys[3]];
        let always = Span::of(None, None);
        let f = |kind, subject, object, span| Stretch {
            kind,
            subject,
            object,
            span,
        };
        let facts = [
            f("unit_exists", acme, None, always),
            f("unit_exists", eng, None, always),
            f("unit_parent", eng, Some(acme), always),
            f("unit_exists", team, None, always),
            f(
                "unit_parent",
                team,
                Some(eng),
                Span::of(None, Some(d("2023-01-31"))),
            ),
            f(
                "unit_parent",
                team,
                Some(acme),
                Span::of(Some(d("2023-02-01")), None),
            ),
            f(
                "unit_exists",
                lab,
                None,
                Span::of(None, Some(d("2023-02-28"))),
            ),
            f(
                "unit_parent",
                lab,
                Some(eng),
                Span::of(None, Some(d("2023-02-28"))),
            ),
        ];
        let range = ReportRange {
            first: d("2023-01-01"),
            last: d("2023-12-31"),
            open: d("2023-12-31"),
        };
        // Each unit kept, with its days as "FROM..UNTIL" ("" unbounded).
        let kept = |unit: Option<&Key>, depth| -> Vec<String> {
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let units = kept_units(&facts, unit, depth, &range);
            let mut out: Vec<String> = units
                .iter()
                .flat_map(|(k, s)| s.0.iter().map(move |s| (k, s)))
                .map(|(k, s)| format!("{k} {}..{}", day(s.from()), day(s.until())))
                .collect();
            out.sort();
            out
        };
        assert_eq!(
            kept(Some(eng), None),
            ["eng ..", "lab ..2023-02-28", "team ..2023-01-31"]
        );
        assert_eq!(
            kept(None, Some(2)),
            ["acme ..", "eng ..", "team 2023-02-01.."]
        );
        assert_eq!(kept(Some(eng), Some(1)), ["eng .."]);
    }
}
