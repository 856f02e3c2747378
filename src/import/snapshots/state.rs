//! What an import compares and keeps track of: the organisation a
//! snapshot shows ([`State`]: people with their name, title, unit and
//! manager; units with their parent, by name), and the folder's ids as
//! the import goes ([`Folder`]: which person holds which role, each
//! role's line, each unit's id). Both are recovered from a folder an
//! import wrote, from its replayed history on the last snapshot's date:
//! no side file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use super::read::{Holder, Keyed, Snapshot, cited_date};
use crate::import::Warnings;
use crate::query::state::State as Day;
use crate::timeline::History;

/// One person (or post) as a snapshot shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The person's name; a post's holder's, empty when not named.
    pub name: String,
    /// Always `Named` for a person.
    pub holder: Holder,
    pub title: String,
    /// The unit's name.
    pub unit: String,
    /// The format id of their manager.
    pub manager: Option<String>,
}

/// The organisation on one date, as the import compares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub people: BTreeMap<String, Person>,
    /// Each unit's parent, by name (`None`: a top-level unit).
    pub units: BTreeMap<String, Option<String>>,
}

impl State {
    /// The state a snapshot shows. Parents come from the `parent_unit`
    /// column; without one, each unit keeps its parent in `before` (a
    /// new unit is top-level). A unit given two parents keeps the first
    /// (a warning); a loop of parents is broken (a warning).
    ///
    /// A post marked vacant that was never held is recorded with no
    /// holder (a warning), unless it is one of `gone`, which comes back
    /// vacant.
    pub fn of(
        snap: &Snapshot,
        before: Option<&State>,
        gone: &HashMap<String, Gone>,
        file: &Path,
        w: &mut Warnings,
    ) -> State {
        let mut people = BTreeMap::new();
        let mut units: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut given: HashMap<String, u64> = HashMap::new();
        let mut rows: Vec<_> = snap.people.values().collect();
        rows.sort_by_key(|m| m.line);
        let mut never_held = Vec::new();
        for m in rows {
            let had = before.and_then(|b| b.people.get(&m.id));
            let (name, holder) = match (m.holder, had) {
                // Held or vacant before: from here the holder is unknown.
                (Holder::Unrecorded, Some(h)) if h.holder != Holder::Unrecorded => {
                    (String::new(), Holder::Unknown)
                }
                // A post that comes back is vacant until filled: from
                // there, not known is a holder unknown.
                (Holder::Vacant, None) if gone.contains_key(&m.id) => {
                    (String::new(), Holder::Vacant)
                }
                (Holder::Unrecorded, None) if gone.contains_key(&m.id) => {
                    (String::new(), Holder::Unknown)
                }
                (Holder::Vacant, h) if h.is_none_or(|h| h.holder == Holder::Unrecorded) => {
                    never_held.push(m.line.to_string());
                    (String::new(), Holder::Unrecorded)
                }
                _ => (m.name.clone(), m.holder),
            };
            people.insert(
                m.id.clone(),
                Person {
                    name,
                    holder,
                    title: m.title.clone(),
                    unit: m.unit.clone(),
                    manager: m.manager.clone(),
                },
            );
            let parent = match &m.parent_unit {
                Some(p) if p.is_empty() || *p == m.unit => None,
                Some(p) => Some(p.clone()),
                None => before.and_then(|b| b.units.get(&m.unit).cloned().flatten()),
            };
            match (given.get(&m.unit), units.get(&m.unit)) {
                (Some(at), Some(had)) if *had != parent && m.parent_unit.is_some() => {
                    w.at(
                        file,
                        m.line,
                        format!(
                            "unit \"{}\" is given the parent \"{}\" here and \"{}\" at line {at}: the first is kept",
                            m.unit,
                            parent.as_deref().unwrap_or(""),
                            had.as_deref().unwrap_or("")
                        ),
                    );
                }
                (Some(_), _) => {}
                (None, _) => {
                    given.insert(m.unit.clone(), m.line);
                    units.insert(m.unit.clone(), parent);
                }
            }
        }
        if let Some(first) = never_held.first() {
            w.at(
                file,
                first.parse().unwrap_or(0),
                match never_held.len() {
                    1 => "this post is marked vacant but was never held in the record: it is recorded with no holder (the format cannot yet record a vacancy no holder left)".to_string(),
                    n => format!(
                        "{n} posts marked vacant were never held in the record (lines {}): they are recorded with no holder (the format cannot yet record a vacancy no holder left)",
                        never_held.join(", ")
                    ),
                },
            );
        }
        // Parents that are no one's unit are units too (top-level unless
        // known before).
        // (and their parents, up to the top).
        let mut parents: Vec<String> = units.values().flatten().cloned().collect();
        while let Some(p) = parents.pop() {
            if units.contains_key(&p) {
                continue;
            }
            let up = before.and_then(|b| b.units.get(&p).cloned().flatten());
            parents.extend(up.clone());
            units.insert(p, up);
        }
        break_unit_loops(&mut units, file, w);
        State { people, units }
    }

    /// `unit` and the units above it, up to its top-level unit (the
    /// parents are loop-free: [`State::of`] breaks loops).
    fn up<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::successors(Some(unit), |u| self.units.get(*u)?.as_deref())
            .take(self.units.len() + 1)
    }

    /// The top-level unit above `unit` (itself when it is one).
    pub fn top_of<'a>(&'a self, unit: &'a str) -> &'a str {
        self.up(unit).last().unwrap_or(unit)
    }

    /// The units from the top down (a parent before its children), by
    /// name within each level.
    pub fn units_top_down(&self) -> Vec<&str> {
        let mut all: Vec<(usize, &str)> = self
            .units
            .keys()
            .map(|u| (self.up(u).count(), u.as_str()))
            .collect();
        all.sort();
        all.into_iter().map(|(_, u)| u).collect()
    }

    /// The people from the top of the tree down (a manager before the
    /// people reporting to them), by id within each level.
    pub fn people_top_down(&self) -> Vec<&str> {
        let mut reports: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut order = Vec::new();
        for (id, p) in &self.people {
            match p
                .manager
                .as_deref()
                .filter(|m| self.people.contains_key(*m))
            {
                Some(m) => reports.entry(m).or_default().push(id),
                None => order.push(id.as_str()),
            }
        }
        let mut i = 0;
        while i < order.len() {
            if let Some(r) = reports.get(order[i]) {
                order.extend(r.iter().copied());
            }
            i += 1;
        }
        order
    }
}

fn break_unit_loops(units: &mut BTreeMap<String, Option<String>>, file: &Path, w: &mut Warnings) {
    let names: Vec<String> = units.keys().cloned().collect();
    for start in names {
        let mut seen = vec![start.clone()];
        let mut at = start.clone();
        while let Some(Some(p)) = units.get(&at) {
            if let Some(k) = seen.iter().position(|s| s == p) {
                let cycle = seen[k..].join("\" in \"");
                w.at(
                    file,
                    0,
                    format!(
                        "the parent units go round in a loop (\"{cycle}\" in \"{}\"): \"{at}\" is made a top-level unit",
                        seen[k]
                    ),
                );
                units.insert(at.clone(), None);
                break;
            }
            seen.push(p.clone());
            at = p.clone();
        }
    }
}

/// The folder's ids as the import goes.
#[derive(Debug, Default)]
pub struct Folder {
    /// Every id in the folder, of every kind.
    pub used: crate::import::Ids,
    /// The people declared, with their name now.
    pub people: HashMap<String, String>,
    /// Units in existence, by name: their id.
    pub unit_of: HashMap<String, String>,
    /// Each person's role now.
    pub seat: HashMap<String, String>,
    /// Each role's line now (`None`: it reports to nobody).
    pub line: HashMap<String, Option<String>>,
    /// The date of the last snapshot imported.
    pub last: Option<NaiveDate>,
    /// The posts eliminated, by key: the role each was, to bring back if
    /// the post returns.
    pub gone: HashMap<String, Gone>,
}

/// A post eliminated, as it was when it ended: what its role comes back
/// with (see `create` in docs/data-format.md).
#[derive(Debug, Clone)]
pub struct Gone {
    pub rid: String,
    /// Its unit's id, and name.
    pub unit_id: String,
    pub unit: String,
    pub title: String,
    /// The role its line went to (`None`: it reported to nobody).
    pub line: Option<String>,
}

/// The dates of the snapshots an import wrote into `history`: those its
/// records' and events' sources cite.
pub fn cited_dates(history: &History) -> BTreeSet<NaiveDate> {
    let events = history
        .events
        .iter()
        .flat_map(|e| history.sources(e).iter().map(|s| &**s));
    let records = history
        .units
        .iter()
        .map(|u| &u.notes)
        .chain(history.roles.iter().map(|r| &r.notes))
        .flat_map(|n| n.sources.iter().map(|s| &**s));
    events.chain(records).filter_map(cited_date).collect()
}

/// The state of `history` on `last` (a snapshot's date) and the folder's
/// ids then: the units, and, when a row is a person, the people.
pub fn recover(history: &History, last: NaiveDate, key: Keyed) -> (State, Folder) {
    let day = Day::new(history, last);
    let mut folder = Folder {
        last: Some(last),
        ..Folder::default()
    };
    let mut state = State::default();
    for u in &history.units {
        folder.used.take(u.key.as_str());
    }
    for r in &history.roles {
        folder.used.take(r.key.as_str());
    }
    for (i, p) in history.people.iter().enumerate() {
        let id = crate::ids::PersonId::new(i);
        folder.used.take(p.key.as_str());
        folder
            .people
            .insert(p.key.to_string(), history.person_name(id, last).to_string());
    }
    for &u in &day.units {
        let name = history.unit_name(u, last).to_string();
        let parent = history
            .unit(u)
            .parent
            .value_at(last)
            .filter(|p| day.unit_exists(**p))
            .map(|p| history.unit_name(*p, last).to_string());
        folder
            .unit_of
            .entry(name.clone())
            .or_insert_with(|| history.unit(u).key.to_string());
        state.units.insert(name, parent);
    }
    if key == Keyed::Post {
        // The posts are read by `posts::recover`.
        return (state, folder);
    }
    for &r in &day.roles {
        let Some(holder) = day.occupancy(r).person() else {
            continue;
        };
        let pid = history.person(holder).key.to_string();
        if folder.seat.contains_key(&pid) {
            continue;
        }
        let line = day.line(r).map(|l| l.to);
        let manager = line
            .and_then(|to| day.occupancy(to).person())
            .map(|p| history.person(p).key.to_string());
        let rid = history.role(r).key.to_string();
        folder
            .line
            .insert(rid.clone(), line.map(|to| history.role(to).key.to_string()));
        folder.seat.insert(pid.clone(), rid);
        let unit = role_unit(history, r, last);
        state.people.insert(
            pid,
            Person {
                name: history.person_name(holder, last).to_string(),
                holder: Holder::Named,
                title: history.role_title(r, last).to_string(),
                unit,
                manager,
            },
        );
    }
    (state, folder)
}

/// The name of role `r`'s unit on `day`.
pub fn role_unit(history: &History, r: crate::ids::RoleId, day: NaiveDate) -> String {
    history
        .role(r)
        .unit
        .value_at(day)
        .map(|u| history.unit_name(*u, day).to_string())
        .unwrap_or_default()
}
