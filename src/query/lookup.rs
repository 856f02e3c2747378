//! Finding a person, unit or role from what the user typed.
//!
//! Case-insensitive, over ids, names, aliases and earlier names or titles.
//! An exact match of a whole id, name or alias wins; otherwise every word
//! typed must match a whole word of the name (`Zhang` finds "Daniel Zhang
//! Yong"). Several matches are an error that lists them; none is an error
//! that suggests the closest names.

use crate::ids::{Key, PersonId, RoleId, UnitId};
use crate::suggest::closest;
use crate::timeline::History;

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

    /// The name to show: a person's name, a unit's latest name, a role's
    /// latest title.
    pub fn display_name(self, h: &History) -> &str {
        match self {
            Found::Person(p) => &h.person(p).name,
            Found::Unit(u) => last(&h.unit(u).name),
            Found::Role(r) => last(&h.role(r).title),
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

fn list(matches: &[(&'static str, String, String)]) -> String {
    let width = matches
        .iter()
        .map(|(_, id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    matches
        .iter()
        .map(|(kind, id, name)| {
            format!("  {id:<width$}  {kind:<6}  {}", crate::escape::escape(name))
        })
        .collect::<Vec<_>>()
        .join("\n")
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

/// Every name a record answers to: id, names over time, aliases.
fn names(h: &History, f: Found) -> Vec<&str> {
    let mut out = vec![f.key(h).as_str()];
    match f {
        Found::Person(p) => out.extend(h.person(p).names()),
        Found::Unit(u) => out.extend(h.unit(u).names()),
        Found::Role(r) => out.extend(h.role(r).names()),
    }
    out
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn all_records(h: &History) -> impl Iterator<Item = Found> + '_ {
    (0..h.people.len())
        .map(|i| Found::Person(PersonId::new(i)))
        .chain((0..h.units.len()).map(|i| Found::Unit(UnitId::new(i))))
        .chain((0..h.roles.len()).map(|i| Found::Role(RoleId::new(i))))
}

/// Finds the one record `query` names.
pub fn find(h: &History, query: &str) -> Result<Found, LookupError> {
    let q = query.trim().to_lowercase();
    let q_words: Vec<String> = words(&q).collect();
    let mut exact = Vec::new();
    let mut by_words = Vec::new();
    for f in all_records(h) {
        let ns = names(h, f);
        if ns.iter().any(|n| n.to_lowercase() == q) {
            exact.push(f);
        } else if !q_words.is_empty()
            && ns.iter().any(|n| {
                let w: Vec<String> = words(n).collect();
                q_words.iter().all(|qw| w.contains(qw))
            })
        {
            by_words.push(f);
        }
    }
    let matches = if exact.is_empty() { by_words } else { exact };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(LookupError::NotFound {
            query: query.to_string(),
            suggestions: suggest(h, query),
        }),
        many => Err(LookupError::Ambiguous {
            query: query.to_string(),
            matches: many
                .iter()
                .map(|f| (f.noun(), f.key(h).to_string(), describe(h, *f)))
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
        for n in names(h, f) {
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
