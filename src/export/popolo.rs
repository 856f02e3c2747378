//! `orgctl export popolo`: the replayed history as a Popolo JSON document
//! (<http://www.popoloproject.com/specs/>): units as organizations, roles
//! as posts, holdings as memberships, people as persons. What Popolo
//! cannot say (names, parents, units and heads over time, reporting
//! lines, attributes, the events and their sources) goes in extension
//! fields named `orgctl:...`, documented in `docs/popolo.md`; `orgctl
//! import popolo` reads them back.
//!
//! Dates: Popolo's ISO 8601 dates may be reduced (`2023`, `2023-05`), so
//! a year, month or day keeps its precision. A date Popolo cannot write
//! (approximate `~`, uncertain `?`, a window) is written as its first day
//! in the Popolo field and as written in the `orgctl:` field beside it.
//! An `end_date` is the last day held: the day before the change that
//! ended the fact, when that change is dated to a day; a year or month
//! when it is dated so (the fact ended in that period).

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::{PartialDate, Precision, Qualifier};
use crate::ids::{Key, PersonId, RoleId, UnitId};
use crate::query::view::{Index, Mark, line_spans};
use crate::query::{Line, LineRule};
use crate::timeline::{Attributes, History, Interval, Notes, Origin, Seats, Stamp, Timeline};

/// The value of the `orgctl:format` field: which extension fields the
/// document has and what they mean.
pub const FORMAT: &str = "orgctl-popolo/1";

/// A Popolo document with orgctl's extension fields.
#[derive(Serialize)]
pub struct Popolo<'a> {
    #[serde(rename = "orgctl:format")]
    pub format: &'static str,
    pub persons: Vec<Person<'a>>,
    pub organizations: Vec<Organization<'a>>,
    pub posts: Vec<Post<'a>>,
    pub memberships: Vec<Membership<'a>>,
    #[serde(rename = "orgctl:events")]
    pub events: Vec<Event<'a>>,
}

/// When something held: Popolo's `start_date` and `end_date`, the dates
/// as written when Popolo cannot say them, and the events that began and
/// ended it.
#[derive(Serialize, Default, Clone)]
pub struct Dates<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The start as written, when `start_date` cannot say it.
    #[serde(rename = "orgctl:start", skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The date of the change that ended it, as written, when `end_date`
    /// cannot say it.
    #[serde(rename = "orgctl:end", skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(rename = "orgctl:start_event", skip_serializing_if = "Option::is_none")]
    pub start_event: Option<&'a Key>,
    #[serde(rename = "orgctl:end_event", skip_serializing_if = "Option::is_none")]
    pub end_event: Option<&'a Key>,
}

/// Popolo's `sources`: a URL when the text is one, else a note.
#[derive(Serialize)]
pub struct Source<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

/// An entry of `other_names`: a name over time (`orgctl:kind` `name`) or
/// an alias (`alias`).
#[derive(Serialize)]
pub struct OtherName<'a> {
    pub name: &'a str,
    #[serde(flatten)]
    pub dates: Dates<'a>,
    #[serde(rename = "orgctl:kind")]
    pub kind: &'static str,
}

/// A dated free attribute (`set`).
#[derive(Serialize)]
pub struct Attribute<'a> {
    pub key: &'a str,
    pub value: &'a str,
    #[serde(flatten)]
    pub dates: Dates<'a>,
}

/// A dated link to another record: a unit's parent, a role's unit, a
/// role's explicit or dotted line.
#[derive(Serialize)]
pub struct Link<'a> {
    pub id: &'a Key,
    #[serde(flatten)]
    pub dates: Dates<'a>,
}

/// A role's reporting line over time, with the rule that gave it.
#[derive(Serialize)]
pub struct ReportsTo<'a> {
    /// The post it reports to; `null`: nobody (the top of its chain).
    pub post_id: Option<&'a Key>,
    /// `explicit`, `head of unit`, `head of ancestor`, or `top`.
    pub rule: &'static str,
    /// The ancestor unit whose head it is (`head of ancestor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<&'a Key>,
    #[serde(flatten)]
    pub dates: Dates<'a>,
}

#[derive(Serialize)]
pub struct Person<'a> {
    pub id: &'a Key,
    /// The latest name.
    pub name: &'a str,
    pub other_names: Vec<OtherName<'a>>,
    pub sources: Vec<Source<'a>>,
    #[serde(rename = "orgctl:note", skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(rename = "orgctl:attributes", skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute<'a>>,
}

#[derive(Serialize)]
pub struct Organization<'a> {
    pub id: &'a Key,
    /// The latest name.
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<&'a str>,
    /// The parent on its first day.
    pub parent_id: Option<&'a Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founding_date: Option<String>,
    /// The date of the change that dissolved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dissolution_date: Option<String>,
    pub other_names: Vec<OtherName<'a>>,
    pub sources: Vec<Source<'a>>,
    /// Its life: `start`/`end` as written when Popolo's dates cannot say
    /// them, and the events.
    #[serde(rename = "orgctl:life")]
    pub life: Dates<'a>,
    #[serde(rename = "orgctl:parents")]
    pub parents: Vec<Link<'a>>,
    #[serde(
        rename = "orgctl:dissolved_into",
        skip_serializing_if = "Option::is_none"
    )]
    pub dissolved_into: Option<&'a Key>,
    #[serde(rename = "orgctl:note", skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(rename = "orgctl:attributes", skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute<'a>>,
}

#[derive(Serialize)]
pub struct Post<'a> {
    pub id: &'a Key,
    /// The latest title.
    pub label: &'a str,
    /// The title on its first day.
    pub role: &'a str,
    /// The unit on its first day.
    pub organization_id: Option<&'a Key>,
    #[serde(flatten)]
    pub dates: Dates<'a>,
    /// Its aliases (`aka`), undated.
    pub other_label: Vec<&'a str>,
    pub sources: Vec<Source<'a>>,
    /// Titles over time (`orgctl:kind` `name`) and dated aliases.
    #[serde(rename = "orgctl:titles")]
    pub titles: Vec<OtherName<'a>>,
    #[serde(rename = "orgctl:units")]
    pub units: Vec<Link<'a>>,
    /// When it headed its unit.
    #[serde(rename = "orgctl:head")]
    pub head: Vec<Dates<'a>>,
    /// Its explicit line (`reports_to`, `report`), as written.
    #[serde(rename = "orgctl:explicit_line", skip_serializing_if = "Vec::is_empty")]
    pub explicit_line: Vec<Link<'a>>,
    /// When it had the top marker (`top = true`).
    #[serde(rename = "orgctl:top", skip_serializing_if = "Vec::is_empty")]
    pub top: Vec<Dates<'a>>,
    /// Its reporting line as the rule gives it, over time.
    #[serde(rename = "orgctl:reports_to")]
    pub reports_to: Vec<ReportsTo<'a>>,
    #[serde(rename = "orgctl:dotted", skip_serializing_if = "Vec::is_empty")]
    pub dotted: Vec<Link<'a>>,
    /// How many hold it at once: a number, or `"any"`.
    #[serde(rename = "orgctl:seats")]
    pub seats: serde_json::Value,
    #[serde(rename = "orgctl:note", skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(rename = "orgctl:attributes", skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute<'a>>,
}

#[derive(Serialize)]
pub struct Membership<'a> {
    pub id: String,
    pub person_id: &'a Key,
    pub post_id: &'a Key,
    /// The post's unit on the first day held.
    pub organization_id: Option<&'a Key>,
    /// The post's title on the first day held.
    pub role: &'a str,
    #[serde(flatten)]
    pub dates: Dates<'a>,
    #[serde(rename = "orgctl:acting", skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
}

#[derive(Serialize)]
pub struct Event<'a> {
    pub id: &'a Key,
    /// As written.
    pub date: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    pub sources: Vec<Source<'a>>,
}

/// A date as Popolo writes it, and the date as written when Popolo
/// cannot say it (a qualifier or a window).
pub fn iso(d: PartialDate) -> (String, Option<String>) {
    if d.precision() == Precision::Window {
        return (day(d.first_day()), Some(d.to_string()));
    }
    let plain = PartialDate::from_parts(d.first_day(), d.precision(), Qualifier::Exact, 0)
        .unwrap_or(d)
        .to_string();
    match d.qualifier() {
        Qualifier::Exact => (plain, None),
        _ => (plain, Some(d.to_string())),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The last day held, as Popolo's `end_date`, for a fact ended by a
/// change dated `d`; and `d` as written when the `end_date` cannot say it.
pub fn end_iso(d: PartialDate) -> (String, Option<String>) {
    match (d.precision(), d.qualifier()) {
        (Precision::Day, Qualifier::Exact) => {
            (day(d.first_day().pred_opt().unwrap_or(d.first_day())), None)
        }
        (Precision::Year | Precision::Month, Qualifier::Exact) => (d.to_string(), None),
        _ => (
            day(d.first_day().pred_opt().unwrap_or(d.first_day())),
            Some(d.to_string()),
        ),
    }
}

fn event_key(h: &History, origin: Option<Origin>) -> Option<&Key> {
    match origin {
        Some(Origin::Event(e)) => Some(&h.event(e).key),
        _ => None,
    }
}

fn dates_of<'a>(h: &'a History, from: Mark, until: Option<Mark>) -> Dates<'a> {
    let mut d = Dates::default();
    if let Some(date) = from.date {
        let (s, w) = iso(date);
        d.start_date = Some(s);
        d.start = w;
    }
    d.start_event = event_key(h, from.origin);
    if let Some(u) = until {
        if let Some(date) = u.date {
            let (e, w) = end_iso(date);
            d.end_date = Some(e);
            d.end = w;
        }
        d.end_event = event_key(h, u.origin);
    }
    d
}

fn stamps<'a>(h: &'a History, from: Stamp, until: Option<Stamp>) -> Dates<'a> {
    dates_of(h, Mark::from(from), until.map(Mark::from))
}

fn interval<'a, T>(h: &'a History, iv: &Interval<T>) -> Dates<'a> {
    stamps(h, iv.from, iv.until)
}

/// A source text: a URL when it is one.
pub fn source(text: &str) -> Source<'_> {
    let t = text.trim();
    let url =
        (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(char::is_whitespace);
    if url {
        Source {
            url: Some(t),
            note: None,
        }
    } else {
        Source {
            url: None,
            note: Some(text),
        }
    }
}

fn sources(list: &[impl AsRef<str>]) -> Vec<Source<'_>> {
    list.iter().map(|s| source(s.as_ref())).collect()
}

/// Names over time, then the aliases.
fn other_names<'a>(
    h: &'a History,
    names: &'a Timeline<String>,
    notes: &'a Notes,
) -> Vec<OtherName<'a>> {
    let names = names.intervals().iter().map(|iv| OtherName {
        name: &iv.value,
        dates: interval(h, iv),
        kind: "name",
    });
    let aliases = notes.aliases.iter().map(|iv| OtherName {
        name: &iv.value,
        dates: interval(h, iv),
        kind: "alias",
    });
    names.chain(aliases).collect()
}

fn attributes<'a>(h: &'a History, attrs: &'a Attributes) -> Vec<Attribute<'a>> {
    attrs
        .iter()
        .flat_map(|(k, t)| {
            t.intervals().iter().map(move |iv| Attribute {
                key: k,
                value: &iv.value,
                dates: interval(h, iv),
            })
        })
        .collect()
}

fn links<'a, T: Copy>(
    h: &'a History,
    t: &'a [Interval<T>],
    key: impl Fn(T) -> &'a Key,
) -> Vec<Link<'a>> {
    t.iter()
        .map(|iv| Link {
            id: key(iv.value),
            dates: interval(h, iv),
        })
        .collect()
}

fn latest(t: &Timeline<String>) -> &str {
    t.intervals().last().map_or("", |iv| iv.value.as_str())
}

fn organization(h: &History, u: UnitId) -> Organization<'_> {
    let unit = h.unit(u);
    let life = unit.life.intervals().first();
    let life_dates = life.map(|iv| interval(h, iv)).unwrap_or_default();
    let first_parent = unit
        .parent
        .intervals()
        .first()
        .filter(|p| life.is_some_and(|l| p.from == l.from));
    let unit_key = |x: UnitId| &h.unit(x).key;
    Organization {
        id: &unit.key,
        name: latest(&unit.name),
        classification: unit.kind.as_deref(),
        parent_id: first_parent.map(|p| unit_key(p.value)),
        founding_date: life.and_then(|l| l.from.date).map(|d| iso(d).0),
        dissolution_date: life
            .and_then(|l| l.until)
            .and_then(|u| u.date)
            .map(|d| iso(d).0),
        other_names: other_names(h, &unit.name, &unit.notes),
        sources: sources(&unit.notes.sources),
        life: life_dates,
        parents: links(h, unit.parent.intervals(), unit_key),
        dissolved_into: unit.dissolved_into.map(unit_key),
        note: unit.notes.note.as_deref(),
        attributes: attributes(h, &unit.attributes),
    }
}

fn rule_name(line: Option<Line>) -> &'static str {
    match line.map(|l| l.rule) {
        None => "top",
        Some(LineRule::Explicit) => "explicit",
        Some(LineRule::HeadOfUnit) => "head of unit",
        Some(LineRule::HeadOfAncestor(_)) => "head of ancestor",
    }
}

fn post<'a>(h: &'a History, index: &Index, r: RoleId) -> Post<'a> {
    let role = h.role(r);
    let life = role.life.intervals().first();
    let role_key = |x: RoleId| &h.role(x).key;
    let unit_key = |x: UnitId| &h.unit(x).key;
    let reports_to = line_spans(h, index, r)
        .into_iter()
        .map(|s| ReportsTo {
            post_id: s.line.map(|l| role_key(l.to)),
            rule: rule_name(s.line),
            organization_id: match s.line.map(|l| l.rule) {
                Some(LineRule::HeadOfAncestor(u)) => Some(unit_key(u)),
                _ => None,
            },
            dates: dates_of(h, s.from, s.until),
        })
        .collect();
    let head = role
        .head
        .intervals()
        .iter()
        .filter(|iv| iv.value)
        .map(|iv| interval(h, iv))
        .collect();
    let dotted: Vec<Link> = role
        .rare
        .dotted
        .iter()
        .map(|iv| Link {
            id: role_key(iv.value),
            dates: interval(h, iv),
        })
        .collect();
    Post {
        id: &role.key,
        label: latest(&role.title),
        role: role.title.intervals().first().map_or("", |iv| &iv.value),
        organization_id: role.unit.intervals().first().map(|iv| unit_key(iv.value)),
        dates: life.map(|iv| interval(h, iv)).unwrap_or_default(),
        other_label: role.notes.declared_aka().collect(),
        sources: sources(&role.notes.sources),
        titles: other_names(h, &role.title, &role.notes),
        units: links(h, role.unit.intervals(), unit_key),
        head,
        explicit_line: links(h, role.rare.line.intervals(), role_key),
        top: role
            .rare
            .top
            .intervals()
            .iter()
            .map(|iv| interval(h, iv))
            .collect(),
        reports_to,
        dotted,
        seats: match role.seats {
            Seats::Limit(n) => serde_json::Value::from(n.get()),
            Seats::Any => serde_json::Value::from("any"),
        },
        note: role.notes.note.as_deref(),
        attributes: attributes(h, &role.rare.attributes),
    }
}

fn person(h: &History, p: PersonId) -> Person<'_> {
    let person = h.person(p);
    Person {
        id: &person.key,
        name: latest(&person.name),
        other_names: other_names(h, &person.name, &person.notes),
        sources: sources(&person.notes.sources),
        note: person.notes.note.as_deref(),
        attributes: attributes(h, &person.attributes),
    }
}

/// Every holding, by person, in the order they took their roles.
fn memberships(h: &History) -> Vec<Membership<'_>> {
    let mut out = Vec::new();
    for person in &h.people {
        let mut count: std::collections::HashMap<RoleId, usize> = Default::default();
        for t in &person.tenures {
            let iv = h.tenure(*t);
            let role = h.role(t.role);
            let n = count.entry(t.role).or_default();
            *n += 1;
            let first = iv.from.day().unwrap_or(NaiveDate::MIN);
            out.push(Membership {
                id: format!("{}/{}/{}", person.key, role.key, n),
                person_id: &person.key,
                post_id: &role.key,
                organization_id: role.unit.near(first).map(|&u| &h.unit(u).key),
                role: h.role_title(t.role, first),
                dates: interval(h, iv),
                acting: iv.value.acting,
            });
        }
    }
    out
}

/// The history as a Popolo document.
pub fn export(h: &History) -> Popolo<'_> {
    let index = Index::new(h);
    Popolo {
        format: FORMAT,
        persons: (0..h.people.len())
            .map(|p| person(h, PersonId::new(p)))
            .collect(),
        organizations: (0..h.units.len())
            .map(|u| organization(h, UnitId::new(u)))
            .collect(),
        posts: (0..h.roles.len())
            .map(|r| post(h, &index, RoleId::new(r)))
            .collect(),
        memberships: memberships(h),
        events: h
            .events
            .iter()
            .map(|e| Event {
                id: &e.key,
                date: e.date,
                reported: e.reported(),
                title: e.title.as_deref(),
                note: e.note(),
                sources: sources(h.sources(e)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::{end_iso, iso};
    use crate::dates::PartialDate;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn popolo_dates_keep_their_precision_and_say_what_they_cannot() {
        assert_eq!(iso(d("2023")), ("2023".into(), None));
        assert_eq!(iso(d("2023-05")), ("2023-05".into(), None));
        assert_eq!(iso(d("2023-05-10")), ("2023-05-10".into(), None));
        assert_eq!(
            iso(d("2022-11~")),
            ("2022-11".into(), Some("2022-11~".into()))
        );
        assert_eq!(
            iso(d("2023-01-31/2023-02-28")),
            ("2023-02-01".into(), Some("2023-01-31/2023-02-28".into()))
        );
    }

    #[test]
    fn an_end_date_is_the_last_day_held() {
        assert_eq!(end_iso(d("2023-05-10")), ("2023-05-09".into(), None));
        assert_eq!(end_iso(d("2023-05")), ("2023-05".into(), None));
        assert_eq!(
            end_iso(d("2023-05~")),
            ("2023-04-30".into(), Some("2023-05~".into()))
        );
    }
}
