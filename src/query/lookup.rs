//! Finding a person, unit or role from what the user typed.
//!
//! Case-insensitive, over ids, names, aliases and earlier names or titles.
//! An exact match of a whole id, name or alias wins; otherwise every word
//! typed must match a whole word of the name (`Zhang` finds "Daniel Zhang
//! Yong"). On a day, an exact match of a name or alias valid that day comes
//! first, then one of another day (which finds the record with a
//! [`NameNote`]), then matches by words in the same order; ambiguity is
//! judged among the matches of the first kind found. Several matches are an error that lists
//! them; none is an error that suggests the closest names.

use chrono::NaiveDate;

use crate::dates::PartialDate;
use crate::ids::{Key, PersonId, RoleId, UnitId};
use crate::suggest::closest;
use crate::timeline::{History, Interval, Named, Notes, Stamp, Timeline};

/// A record found by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Person(PersonId),
    Unit(UnitId),
    Role(RoleId),
}

impl Found {
    pub fn noun(self) -> &'static str {
        match self {
            Found::Person(_) => "person",
            Found::Unit(_) => "unit",
            Found::Role(_) => "role",
        }
    }

    pub fn key(self, h: &History) -> &Key {
        match self {
            Found::Person(p) => &h.person(p).key,
            Found::Unit(u) => &h.unit(u).key,
            Found::Role(r) => &h.role(r).key,
        }
    }

    /// The name to show where no day applies: a person's or unit's latest
    /// name, a role's latest title.
    pub fn display_name(self, h: &History) -> &str {
        match self {
            Found::Person(p) => h.person(p).latest_name(),
            Found::Unit(u) => last(&h.unit(u).name),
            Found::Role(r) => last(&h.role(r).title),
        }
    }
}

impl From<Named> for Found {
    fn from(n: Named) -> Self {
        match n {
            Named::Person(p) => Found::Person(p),
            Named::Unit(u) => Found::Unit(u),
            Named::Role(r) => Found::Role(r),
        }
    }
}

fn last(t: &crate::timeline::Timeline<String>) -> &str {
    t.intervals().last().map_or("", |iv| iv.value.as_str())
}

/// Why a name did not resolve to one record.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("no person, unit or role matches '{}'{}", crate::escape::escape(.query), suggestion(.suggestions))]
    NotFound {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("'{}' matches {} records:\n{}\nname one by its id", crate::escape::escape(.query), .matches.len(), list(.matches))]
    Ambiguous {
        query: String,
        /// (kind, id, name) of each match.
        matches: Vec<(&'static str, String, String)>,
    },
}

fn suggestion(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            s.iter()
                .map(|x| format!("'{}'", crate::escape::escape(x)))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    }
}

/// Matches listed in an error, at most: a name shared by thousands (a
/// title every engineer has) must not bury the terminal in them.
const LISTED: usize = 20;

fn list(matches: &[(&'static str, String, String)]) -> String {
    let shown = &matches[..matches.len().min(LISTED)];
    let width = shown
        .iter()
        .map(|(_, id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<String> = shown
        .iter()
        .map(|(kind, id, name)| {
            format!("  {id:<width$}  {kind:<6}  {}", crate::escape::escape(name))
        })
        .collect();
    if matches.len() > shown.len() {
        lines.push(format!("  ... and {} more", matches.len() - shown.len()));
    }
    lines.join("\n")
}

/// A record's name with, for a role, its unit: "CEO, Aicheng Technology".
fn describe(h: &History, f: Found) -> String {
    match f {
        Found::Role(r) => match h.role(r).unit.intervals().last() {
            Some(iv) => format!("{}, {}", f.display_name(h), last(&h.unit(iv.value).name)),
            None => f.display_name(h).to_string(),
        },
        _ => f.display_name(h).to_string(),
    }
}

/// When a name was valid: from (`None`: always) until (`None`: still).
type Validity = (Option<Stamp>, Option<Stamp>);

/// Every name a record answers to, with when: its id (always), its names
/// or titles over time (the first from always, the last for ever: a
/// record keeps its name outside its life), its aliases.
fn names(h: &History, f: Found) -> Vec<(&str, Validity)> {
    let mut out = vec![(f.key(h).as_str(), (None, None))];
    let (t, notes): (&Timeline<String>, &Notes) = match f {
        Found::Person(p) => (&h.person(p).name, &h.person(p).notes),
        Found::Unit(u) => (&h.unit(u).name, &h.unit(u).notes),
        Found::Role(r) => (&h.role(r).title, &h.role(r).notes),
    };
    let ivs = t.intervals();
    out.extend(ivs.iter().enumerate().map(|(i, iv)| {
        let from = (i > 0).then_some(iv.from);
        let until = if i + 1 == ivs.len() { None } else { iv.until };
        (iv.value.as_str(), (from, until))
    }));
    out.extend(
        notes
            .aliases
            .iter()
            .map(|iv: &Interval<String>| (iv.value.as_str(), (Some(iv.from), iv.until))),
    );
    out
}

/// Whether a name was valid on `day` (any day when `None`).
fn valid_on(v: &Validity, day: Option<NaiveDate>) -> bool {
    let Some(day) = day else { return true };
    v.0.is_none_or(|s| s.day() <= Some(day)) && v.1.is_none_or(|s| s.day() > Some(day))
}

/// A record found by a name that was not valid on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameNote {
    /// The name as the data writes it.
    pub name: String,
    pub noun: &'static str,
    pub key: String,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub day: NaiveDate,
    /// The record's name on that day.
    pub name_on_day: String,
}

impl std::fmt::Display for NameNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::escape::escape;
        write!(
            f,
            "'{}' named {} {}",
            escape(&self.name),
            self.noun,
            self.key
        )?;
        if let Some(from) = self.from {
            write!(f, " from {from}")?;
        }
        if let Some(until) = self.until {
            write!(f, " until {until}")?;
        }
        write!(f, "; on {} it is '{}'", self.day, escape(&self.name_on_day))
    }
}

/// The record a name found on a day, with a note when the name was not
/// valid on that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub found: Found,
    pub note: Option<NameNote>,
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether name `n`, lowercased, is `q` (lowercase). A lookup compares
/// every name of the history: an ASCII name is compared in place, not
/// lowercased into a new string.
fn is_named(n: &str, q: &str) -> bool {
    match n.is_ascii() {
        true => n.eq_ignore_ascii_case(q),
        false => n.to_lowercase() == q,
    }
}

/// Whether each of `q_words` (lowercase) is one of the [`words`] of `n`;
/// an ASCII name's words are compared in place.
fn has_words(n: &str, q_words: &[String]) -> bool {
    match n.is_ascii() {
        true => q_words.iter().all(|qw| {
            n.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(qw))
        }),
        false => {
            let w: Vec<String> = words(n).collect();
            q_words.iter().all(|qw| w.contains(qw))
        }
    }
}

fn all_records(h: &History) -> impl Iterator<Item = Found> + '_ {
    (0..h.people.len())
        .map(|i| Found::Person(PersonId::new(i)))
        .chain((0..h.units.len()).map(|i| Found::Unit(UnitId::new(i))))
        .chain((0..h.roles.len()).map(|i| Found::Role(RoleId::new(i))))
}

/// Finds the one record `query` names, by any of its names of any day.
pub fn find(h: &History, query: &str) -> Result<Found, LookupError> {
    find_on(h, query, None).map(|l| l.found)
}

/// Finds the one record `query` names on `day`: the names valid that day
/// first (an exact match, then by words), then those of other days, with a
/// note. Without a day, every name counts as valid.
pub fn find_on(h: &History, query: &str, day: Option<NaiveDate>) -> Result<Lookup, LookupError> {
    find_among(h, query, day, |_| true)
}

/// [`find_on`] where only a unit may be meant (`--unit`): the units are
/// looked up alone first, so a name that a unit and a role share (the
/// unit "Taobao-Tmall Commerce" and its CEO's role) names the unit. When
/// no unit matches, the answer is [`find_on`]'s (a person or role found
/// is then the caller's to refuse).
pub fn find_unit_on(
    h: &History,
    query: &str,
    day: Option<NaiveDate>,
) -> Result<Lookup, LookupError> {
    match find_among(h, query, day, |f| matches!(f, Found::Unit(_))) {
        Err(LookupError::NotFound { .. }) => find_on(h, query, day),
        found => found,
    }
}

/// [`find_on`] among the records `keep` keeps.
fn find_among(
    h: &History,
    query: &str,
    day: Option<NaiveDate>,
    keep: impl Fn(Found) -> bool,
) -> Result<Lookup, LookupError> {
    let q = query.trim().to_lowercase();
    let q_words: Vec<String> = words(&q).collect();
    // Rank of a match: 0 exact and valid, 1 exact on another day, 2 by
    // words and valid, 3 by words on another day. Each record keeps its
    // best rank and the name that gave it.
    let mut ranked: [Vec<(Found, &str, Validity)>; 4] = Default::default();
    for f in all_records(h).filter(|&f| keep(f)) {
        let mut best: Option<(usize, &str, Validity)> = None;
        for (n, v) in names(h, f) {
            let stale = usize::from(!valid_on(&v, day));
            let rank = if is_named(n, &q) {
                stale
            } else if best.is_some_and(|(b, _, _)| b <= 2 + stale) {
                // A match by words would not be better.
                continue;
            } else if !q_words.is_empty() && has_words(n, &q_words) {
                2 + stale
            } else {
                continue;
            };
            if best.is_none_or(|(b, _, _)| rank < b) {
                best = Some((rank, n, v));
            }
            if rank == 0 {
                break;
            }
        }
        if let Some((rank, n, v)) = best {
            ranked[rank].push((f, n, v));
        }
    }
    let (rank, matches) = ranked
        .into_iter()
        .enumerate()
        .find(|(_, m)| !m.is_empty())
        .unwrap_or((0, Vec::new()));
    match matches.as_slice() {
        [(one, n, v)] => Ok(Lookup {
            found: *one,
            note: day.filter(|_| rank % 2 == 1).map(|day| NameNote {
                name: n.to_string(),
                noun: one.noun(),
                key: one.key(h).to_string(),
                from: v.0.and_then(|s| s.date),
                until: v.1.and_then(|s| s.date),
                day,
                name_on_day: name_on(h, *one, day).to_string(),
            }),
        }),
        [] => Err(LookupError::NotFound {
            query: query.to_string(),
            suggestions: suggest(h, query),
        }),
        many => Err(LookupError::Ambiguous {
            query: query.to_string(),
            matches: many
                .iter()
                .map(|(f, _, _)| (f.noun(), f.key(h).to_string(), describe(h, *f)))
                .collect(),
        }),
    }
}

/// The names closest to a query that matched nothing: by whole name, or,
/// for a one-word query, by any word of a name ("Zhnag" → "Daniel Zhang Yong").
fn suggest(h: &History, query: &str) -> Vec<String> {
    let mut by_text: Vec<(String, String)> = Vec::new();
    for f in all_records(h) {
        let display = f.display_name(h).to_string();
        for (n, _) in names(h, f) {
            by_text.push((n.to_lowercase(), display.clone()));
            for w in words(n) {
                by_text.push((w, display.clone()));
            }
        }
    }
    let best = closest(query, by_text.iter().map(|(t, _)| t.as_str()));
    let mut out: Vec<String> = by_text
        .iter()
        .filter(|(t, _)| Some(t.as_str()) == best)
        .map(|(_, d)| d.clone())
        .collect();
    out.sort();
    out.dedup();
    out.truncate(3);
    out
}

/// A record's name or title on `day`.
fn name_on(h: &History, f: Found, day: NaiveDate) -> &str {
    match f {
        Found::Person(p) => h.person_name(p, day),
        Found::Unit(u) => h.unit_name(u, day),
        Found::Role(r) => h.role_title(r, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The comparisons as written before: lowercase both, then compare.
    fn named_by_lowercasing(n: &str, q: &str) -> bool {
        n.to_lowercase() == q
    }

    fn words_by_lowercasing(n: &str, q_words: &[String]) -> bool {
        let w: Vec<String> = words(n).collect();
        q_words.iter().all(|qw| w.contains(qw))
    }

    proptest! {
        #[test]
        fn a_name_compared_in_place_matches_as_when_lowercased(
            n in "[A-Za-z0-9 .,'-]{0,12}|\\PC{0,8}",
            q in "[A-Za-z0-9 .,'-]{0,12}|\\PC{0,8}",
        ) {
            let q = q.trim().to_lowercase();
            let q_words: Vec<String> = words(&q).collect();
            prop_assert_eq!(is_named(&n, &q), named_by_lowercasing(&n, &q));
            prop_assert_eq!(has_words(&n, &q_words), words_by_lowercasing(&n, &q_words));
            // A query made of the name's own words, in another case.
            let mine: Vec<String> = words(&n.to_uppercase()).map(|w| w.to_lowercase()).collect();
            prop_assert_eq!(has_words(&n, &mine), words_by_lowercasing(&n, &mine));
        }
    }

    #[test]
    fn names_match_whatever_their_case_beyond_ascii_too() {
        assert!(is_named("Zhang Yong", "zhang yong"));
        assert!(is_named("ÉMILE Zola", "émile zola"));
        assert!(!is_named("Zhang Yong", "zhang"));
        let q = |s: &str| words(s).collect::<Vec<_>>();
        assert!(has_words("Daniel Zhang Yong", &q("zhang daniel")));
        assert!(has_words("Head of Payments 25000", &q("payments 25000")));
        assert!(has_words("Émile Zola", &q("émile")));
        assert!(!has_words("Daniel Zhang Yong", &q("zhan")));
    }
}
