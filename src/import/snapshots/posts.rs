//! Post-keyed snapshots (`--key post`, organograms): a row is a post, a
//! role of the format, whose holder is a person named, a vacancy or not
//! recorded. The role keeps its id while the post lives: moved to another
//! unit with `move`, retitled with `rename`, its line changed with
//! `report`, its holder with `appoint` and `leave`; a post whose id
//! changes while its holder, title and unit stay is renumbered (the role
//! kept, its `post` attribute set to the new id), when only one post can
//! be its new self.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::emit::{self, Event, Texts};
use super::ids;
use super::read::Holder;
use super::state::{Folder, Gone, Person, State};
use crate::dates::PartialDate;
use crate::query::state::{Occupancy, State as Day};
use crate::timeline::{History, attributes_at};
use crate::write::RecordText;

/// The attribute that gives a role's post id when its own id does not.
pub const POST: &str = "post";

/// A post's id as titles show it: its key without `r-`.
fn shown(key: &str) -> &str {
    key.strip_prefix("r-").unwrap_or(key)
}

/// The person record of a holder new to the folder, and their id.
fn holder_id(name: &str, folder: &mut Folder, t: &mut Texts) -> String {
    let pid = ids::holder(name);
    // The id is the name: never another name, never a rename.
    emit::person(&pid, name, folder, t, &mut Event::new(String::new()));
    pid
}

/// The first snapshot's posts, as roles that exist from `since`.
pub(super) fn declare(
    next: &State,
    since: &PartialDate,
    sources: &[String],
    folder: &mut Folder,
    t: &mut Texts,
) {
    for key in next.people_top_down() {
        let p = &next.people[key];
        let rid = folder.used.fresh(key.to_string());
        let line = p.manager.as_ref().map(|m| folder.seat[m].clone());
        let mut r = emit::declared_role(&rid, p, line.as_deref(), since, folder);
        if p.holder == Holder::Named {
            r = r.text("holder", &holder_id(&p.name, folder, t));
        }
        t.roles.push_str(&r.texts("sources", sources).toml());
        folder.seat.insert(key.to_string(), rid.clone());
        folder.line.insert(rid, line);
    }
}

/// The new posts that are old ones renumbered: same holder (named),
/// title and unit, one candidate each way. New key to old.
fn renumbered(prev: &State, next: &State) -> HashMap<String, String> {
    let gone: Vec<&String> = prev
        .people
        .keys()
        .filter(|k| !next.people.contains_key(*k))
        .collect();
    let new: Vec<&String> = next
        .people
        .keys()
        .filter(|k| !prev.people.contains_key(*k))
        .collect();
    let same = |a: &Person, b: &Person| {
        a.holder == Holder::Named
            && b.holder == Holder::Named
            && a.name == b.name
            && a.title == b.title
            && a.unit == b.unit
    };
    let mut pairs = HashMap::new();
    for g in &gone {
        let p0 = &prev.people[*g];
        let matches: Vec<&&String> = new.iter().filter(|n| same(p0, &next.people[**n])).collect();
        if let [n] = matches.as_slice() {
            let back = gone
                .iter()
                .filter(|o| same(&prev.people[**o], &next.people[**n]))
                .count();
            if back == 1 {
                pairs.insert((**n).clone(), (*g).clone());
            }
        }
    }
    pairs
}

/// The posts' events: from the top of the tree down, then the posts
/// eliminated.
pub(super) fn changes(
    prev: &State,
    next: &State,
    folder: &mut Folder,
    t: &mut Texts,
    events: &mut Vec<Event>,
) {
    let renumbered = renumbered(prev, next);
    for key in next.people_top_down() {
        let p1 = &next.people[key];
        let mut parts = Vec::new();
        let mut e = Event::new(String::new());
        // A post eliminated earlier comes back as its role, where it was
        // (`gone` keeps only posts whose unit exists), vacant.
        let back = match (renumbered.get(key), prev.people.get(key)) {
            (None, None) => folder.gone.remove(key),
            _ => None,
        };
        let was_back = back.as_ref().map(|g| Person {
            name: String::new(),
            holder: Holder::Vacant,
            title: g.title.clone(),
            unit: g.unit.clone(),
            manager: None,
        });
        let (rid, p0) = match (renumbered.get(key), prev.people.get(key)) {
            (None, None) if let (Some(g), Some(was)) = (&back, &was_back) => {
                e.change(&[("op", "create"), ("role", &g.rid)]);
                parts.push("comes back".to_string());
                // The line the role comes back with (docs/data-format.md).
                let restored = g.line.clone().filter(|to| folder.line.contains_key(to));
                let kept = g.line.is_none() || restored.is_some();
                folder.line.insert(
                    g.rid.clone(),
                    if kept { restored } else { Some(String::new()) },
                );
                (g.rid.clone(), Some(was))
            }
            (Some(old), _) => {
                let rid = folder.seat.remove(old).unwrap_or_default();
                e.change(&[
                    ("op", "set"),
                    ("role", &rid),
                    ("key", POST),
                    ("value", shown(key)),
                ]);
                parts.push(format!("is renumbered from {}", shown(old)));
                (rid, Some(&prev.people[old]))
            }
            (None, Some(p0)) => (folder.seat[key].clone(), Some(p0)),
            (None, None) => {
                let rid = folder.used.fresh(key.to_string());
                t.roles.push_str(
                    &RecordText::new("role", &rid)
                        .text("title", &p1.title)
                        .text("unit", &folder.unit_of[&p1.unit])
                        .toml(),
                );
                e.change(&[("op", "create"), ("role", &rid)]);
                if rid != key {
                    e.change(&[
                        ("op", "set"),
                        ("role", &rid),
                        ("key", POST),
                        ("value", shown(key)),
                    ]);
                }
                parts.push("is created".to_string());
                (rid, None)
            }
        };
        folder.seat.insert(key.to_string(), rid.clone());
        if let Some(p0) = p0 {
            if p0.title != p1.title {
                e.change(&[("op", "rename"), ("role", &rid), ("title", &p1.title)]);
                parts.push(format!("is retitled {}", p1.title));
            }
            if p0.unit != p1.unit {
                e.change(&[
                    ("op", "move"),
                    ("role", &rid),
                    ("to", &folder.unit_of[&p1.unit]),
                ]);
                parts.push(format!("moves from {} to {}", p0.unit, p1.unit));
            }
        }
        let line = p1
            .manager
            .as_ref()
            .and_then(|m| folder.seat.get(m).cloned());
        if p0.is_none() || folder.line.get(&rid) != Some(&line) {
            e.report(&rid, line.as_deref());
            if p0.is_some() && back.is_none() {
                let to = p1.manager.as_deref().map_or("nobody", shown);
                parts.push(format!("now reports to post {to}"));
            }
        }
        folder.line.insert(rid.clone(), line);
        let before = p0.map_or((Holder::Unrecorded, ""), |p| (p.holder, p.name.as_str()));
        match (before, p1.holder) {
            ((Holder::Named, a), Holder::Named) if a == p1.name => {}
            ((Holder::Named, a), Holder::Named) => {
                let pid = holder_id(&p1.name, folder, t);
                e.change(&[("op", "appoint"), ("person", &pid), ("role", &rid)]);
                parts.push(format!("passes from {a} to {}", p1.name));
            }
            ((Holder::Named, a), Holder::Unknown) => {
                e.change(&[("op", "unrecorded"), ("role", &rid)]);
                parts.push(format!("has no holder recorded ({a} leaves)"));
            }
            ((Holder::Vacant, _), Holder::Unknown) => {
                e.change(&[("op", "unrecorded"), ("role", &rid)]);
                parts.push("has no holder recorded".to_string());
            }
            ((Holder::Unknown, _), Holder::Vacant) => {
                e.change(&[("op", "vacate"), ("role", &rid)]);
                parts.push("falls vacant".to_string());
            }
            ((Holder::Named, a), _) => {
                e.change(&[("op", "leave"), ("person", &ids::holder(a)), ("role", &rid)]);
                parts.push(format!("falls vacant ({a} leaves)"));
            }
            (_, Holder::Named) => {
                let pid = holder_id(&p1.name, folder, t);
                e.change(&[("op", "appoint"), ("person", &pid), ("role", &rid)]);
                parts.push(format!("is filled by {}", p1.name));
            }
            _ => {}
        }
        if !e.changes.is_empty() {
            let was = p0.unwrap_or(p1);
            e.title = format!(
                "{}, {} (post {}) {}",
                was.title,
                was.unit,
                shown(key),
                parts.join(", ")
            );
            events.push(e);
        }
    }
    let kept: HashSet<&String> = renumbered.values().collect();
    for (key, p0) in &prev.people {
        if next.people.contains_key(key) || kept.contains(key) {
            continue;
        }
        let Some(rid) = folder.seat.remove(key) else {
            continue;
        };
        let mut e = Event::new(format!(
            "{}, {} (post {}) is eliminated",
            p0.title,
            p0.unit,
            shown(key)
        ));
        e.change(&[("op", "eliminate"), ("role", &rid)]);
        let line = folder.line.remove(&rid).flatten();
        let gone = Gone {
            unit_id: folder.unit_of.get(&p0.unit).cloned().unwrap_or_default(),
            unit: p0.unit.clone(),
            title: p0.title.clone(),
            line,
            rid,
        };
        folder.gone.insert(key.clone(), gone);
        events.push(e);
    }
}

/// The posts of `history` on `day` into `state` and `folder`: each
/// role's key is its `post` attribute (`r-` and it) or its id.
pub(super) fn recover(history: &History, day: NaiveDate, state: &mut State, folder: &mut Folder) {
    let view = Day::new(history, day);
    let key_of = |r: crate::ids::RoleId| {
        let role = history.role(r);
        attributes_at(&role.rare.attributes, day)
            .get(POST)
            .map_or_else(|| role.key.to_string(), |v| format!("r-{v}"))
    };
    for &r in &view.roles {
        let key = key_of(r);
        let rid = history.role(r).key.to_string();
        let line = view.line(r).map(|l| l.to);
        let (name, holder) = match view.occupancy(r) {
            Occupancy::Filled(iv) => (
                history.person_name(iv.value.person, day).to_string(),
                Holder::Named,
            ),
            Occupancy::Vacant => (String::new(), Holder::Vacant),
            Occupancy::Unrecorded if history.role(r).rare.unrecorded.at(day).is_some() => {
                (String::new(), Holder::Unknown)
            }
            Occupancy::Unrecorded => (String::new(), Holder::Unrecorded),
        };
        let unit = super::state::role_unit(history, r, day);
        folder
            .line
            .insert(rid.clone(), line.map(|to| history.role(to).key.to_string()));
        folder.seat.insert(key.clone(), rid);
        state.people.insert(
            key,
            Person {
                name,
                holder,
                title: history.role_title(r, day).to_string(),
                unit,
                manager: line.map(key_of),
            },
        );
    }
    // The posts eliminated by then, each as on its last day.
    for (i, role) in history.roles.iter().enumerate() {
        // Its life by then, if it has ended.
        let lives = role.life.intervals();
        let n = lives.partition_point(|iv| iv.from.day() <= Some(day));
        let Some(end) = n.checked_sub(1).and_then(|i| lives[i].until) else {
            continue;
        };
        let Some(last) = end.day().and_then(|d| d.pred_opt()).filter(|l| *l < day) else {
            continue;
        };
        let r = crate::ids::RoleId::new(i);
        let key = attributes_at(&role.rare.attributes, last)
            .get(POST)
            .map_or_else(|| role.key.to_string(), |v| format!("r-{v}"));
        if state.people.contains_key(&key) {
            continue;
        }
        let Some(&u) = role.unit.value_at(last).filter(|u| view.unit_exists(**u)) else {
            continue;
        };
        // `None`: it reported to nobody; an explicit line; else one
        // derived, which it does not come back with.
        let line = match (role.rare.line.value_at(last), role.rare.top.at(last)) {
            (Some(to), _) => Some(history.role(*to).key.to_string()),
            (None, Some(_)) => None,
            (None, None) => Some(String::new()),
        };
        let gone = Gone {
            rid: role.key.to_string(),
            unit_id: history.unit(u).key.to_string(),
            unit: history.unit_name(u, last).to_string(),
            title: history.role_title(r, last).to_string(),
            line,
        };
        folder.gone.insert(key, gone);
    }
}

/// The people who hold the posts of `posts`, each in the unit of their
/// first post by key: what the movement table counts.
pub fn holders(posts: &State) -> State {
    let mut people = std::collections::BTreeMap::new();
    for p in posts.people.values().filter(|p| p.holder == Holder::Named) {
        people
            .entry(ids::holder(&p.name))
            .or_insert_with(|| Person {
                manager: None,
                ..p.clone()
            });
    }
    State {
        people,
        units: posts.units.clone(),
    }
}
