//! One snapshot file read into the people it lists: the columns placed
//! ([`SnapField`]), each row a person with a format id, the manager cells
//! resolved to rows, and what real exports get wrong said with the file
//! and line (a repeated id, a blank name, a manager no row names, a
//! person who manages themself, a reporting loop).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use super::ids;
use crate::import::table::{Field, Table};
use crate::import::{ImportError, Warnings};

/// A field of a snapshot's row, as `--map` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapField {
    Id,
    Name,
    Holder,
    Title,
    Unit,
    ParentUnit,
    Manager,
    Email,
    Start,
    End,
}

impl Field for SnapField {
    const ALL: &'static [Self] = &[
        SnapField::Id,
        SnapField::Name,
        SnapField::Holder,
        SnapField::Title,
        SnapField::Unit,
        SnapField::ParentUnit,
        SnapField::Manager,
        SnapField::Email,
        SnapField::Start,
        SnapField::End,
    ];

    fn name(self) -> &'static str {
        match self {
            SnapField::Id => "id",
            SnapField::Name => "name",
            SnapField::Holder => "holder",
            SnapField::Title => "title",
            SnapField::Unit => "unit",
            SnapField::ParentUnit => "parent_unit",
            SnapField::Manager => "manager",
            SnapField::Email => "email",
            SnapField::Start => "start",
            SnapField::End => "end",
        }
    }

    /// The header names recognised (docs/import.md lists them: keep it
    /// in step).
    fn headers(self) -> &'static [&'static str] {
        match self {
            SnapField::Id => &[
                "id",
                "employeeid",
                "employeenumber",
                "employeeno",
                "workerid",
                "personid",
                "staffid",
                "empid",
                "postuniquereference",
                "postid",
            ],
            SnapField::Name => &[
                "name",
                "fullname",
                "employeename",
                "preferredname",
                "displayname",
                "workername",
            ],
            SnapField::Holder => &["holder", "postholder", "incumbent"],
            SnapField::Title => &[
                "title",
                "jobtitle",
                "businesstitle",
                "position",
                "positiontitle",
                "genericjobtitle",
            ],
            SnapField::Unit => &[
                "unit",
                "department",
                "departmentname",
                "team",
                "teamname",
                "orgunit",
                "supervisoryorganization",
            ],
            SnapField::ParentUnit => &["parentunit", "parentteam", "parentdepartment"],
            SnapField::Manager => &[
                "manager",
                "managerid",
                "manageremployeeid",
                "manageremail",
                "managername",
                "linemanager",
                "supervisorid",
                "reportsto",
                "reportstoseniorpost",
                "reportingseniorpost",
            ],
            SnapField::Email => &["email", "workemail", "emailaddress", "contactemail"],
            SnapField::Start => &["start", "startdate", "hiredate", "datejoined"],
            SnapField::End => &["end", "enddate", "terminationdate", "leavingdate"],
        }
    }

    fn parts(self) -> &'static [&'static [&'static str]] {
        match self {
            SnapField::Name => &[
                &[
                    "firstname",
                    "givenname",
                    "preferredfirstname",
                    "legalfirstname",
                ],
                &["lastname", "surname", "familyname", "legallastname"],
            ],
            _ => &[],
        }
    }
}

/// The unit of everyone in a snapshot with no unit column.
pub const NO_UNIT: &str = "Organisation";
/// The title of a person whose title is not given.
pub const NO_TITLE: &str = "Member";

/// Manager cells that mean "reports to nobody", compared ignoring case.
pub const TOP_MARKERS: &[&str] = &["", "-", "n/a", "na", "none", "null", "xx", "top"];

/// What one row of a snapshot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyed {
    /// A person: id, name, title, unit, manager.
    Person,
    /// A post (organograms): id, holder, title, unit, the post it reports to.
    Post,
}

/// Who holds a post, as a snapshot says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The person named (a person-keyed row is always this).
    Named,
    /// A vacancy marker (`Vacant`).
    Vacant,
    /// Not recorded: a marker (`N/D`) or a blank cell.
    Unrecorded,
    /// Not recorded after an earlier snapshot named a holder or said
    /// vacant: the format's `op = "unrecorded"` (never read from a cell).
    Unknown,
}

/// How to read the snapshots.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub key: Keyed,
    pub maps: &'a [(SnapField, String)],
    /// Holder cells that mean a vacancy, and a holder not recorded.
    pub vacant: &'a [String],
    pub unrecorded: &'a [String],
}

/// One person (or post) in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The person's id in the format (`p-` and the export's id); a
    /// post's key (`r-` and the export's id).
    pub id: String,
    /// The id as the export gives it.
    pub export: String,
    /// The person's name; a post's holder's name, empty when not named.
    pub name: String,
    pub holder: Holder,
    pub title: String,
    pub unit: String,
    /// The unit's parent: `None` when no column gives it, `Some("")` for
    /// a top-level unit.
    pub parent_unit: Option<String>,
    /// The format id of the person they report to.
    pub manager: Option<String>,
    /// The row's line in the file.
    pub line: u64,
}

impl Member {
    /// The row as messages name it: `'7' (Ada)`, or `post '7'`.
    pub fn label(&self) -> String {
        match (self.id.starts_with("r-"), self.name.is_empty()) {
            (true, true) => format!("post '{}'", self.export),
            (true, false) => format!("post '{}' ({})", self.export, self.name),
            (false, _) => format!("'{}' ({})", self.export, self.name),
        }
    }
}

/// One snapshot file read.
#[derive(Debug)]
pub struct Snapshot {
    pub date: NaiveDate,
    /// What events cite: the file's name and the date.
    pub cite: String,
    /// The people by format id.
    pub people: BTreeMap<String, Member>,
}

/// What events cite for a snapshot: `FILE (snapshot of DATE)`.
pub fn citation(file: &Path, date: NaiveDate) -> String {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{name} (snapshot of {date})")
}

/// The snapshot date a citation names, when it is one.
pub fn cited_date(source: &str) -> Option<NaiveDate> {
    let rest = source.strip_suffix(')')?;
    let at = rest.rfind("(snapshot of ")?;
    NaiveDate::parse_from_str(&rest[at + "(snapshot of ".len()..], "%Y-%m-%d").ok()
}

/// Reads one snapshot: `text` is the file `file`, of `date`. Prints what
/// was recognised to `notes`.
pub fn read(
    file: &Path,
    date: NaiveDate,
    text: &str,
    how: &Reading,
    warnings: &mut Warnings,
    notes: &mut Vec<String>,
) -> Result<Snapshot, ImportError> {
    use SnapField as F;
    let posts = how.key == Keyed::Post;
    let table = Table::<F>::read(file, text, how.maps, warnings)?;
    if posts || !table.has(F::Email) {
        table.require(&[F::Id])?;
    }
    // A post's holder: its own column, else the name's (an organogram's
    // `Name`).
    let holder_field = match (posts, table.has(F::Holder)) {
        (true, true) => F::Holder,
        _ => F::Name,
    };
    table.require(&[holder_field])?;
    notes.push(format!("{}: {}", file.display(), table.recognised()));
    if !table.has(F::Unit) {
        warnings.at(
            file,
            1,
            format!("no column gives the unit: everyone is placed in one unit, \"{NO_UNIT}\" (name the column with --map unit=COLUMN)"),
        );
    }
    if !table.has(F::Title) {
        warnings.at(
            file,
            1,
            format!("no column gives the title: everyone's title is \"{NO_TITLE}\" (name the column with --map title=COLUMN)"),
        );
    }
    let key = match table.has(F::Id) {
        true => F::Id,
        false => F::Email,
    };
    let marked =
        |cell: &str, markers: &[String]| markers.iter().any(|m| m.eq_ignore_ascii_case(cell));
    let mut people: Vec<Row> = Vec::new();
    let mut first: HashMap<String, (u64, String)> = HashMap::new();
    for row in &table.rows {
        let line = row.line;
        let Some(export) = table.get(row, key) else {
            warnings.at(
                file,
                line,
                format!("this row has no {}: it is left out", key.name()),
            );
            continue;
        };
        let day = |f: F| {
            table
                .get(row, f)
                .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        };
        if day(F::End).is_some_and(|end| end < date) {
            continue; // left before the snapshot: documented, not a member
        }
        if day(F::Start).is_some_and(|start| start > date) {
            continue; // starts after it
        }
        let export = export.into_owned();
        let id = match posts {
            true => ids::post(&export),
            false => ids::person(&export),
        };
        if let Some((at, was)) = first.get(&id) {
            let same = match *was == export {
                true => String::new(),
                false => format!(" as '{was}' (ids differing only in case are one)"),
            };
            warnings.at(
                file,
                line,
                format!(
                    "id '{export}' is repeated{same} (first at line {at}): this row is left out, the first is kept"
                ),
            );
            continue;
        }
        first.insert(id.clone(), (line, export.clone()));
        let (name, holder) = match (posts, table.get(row, holder_field)) {
            (true, None) => (String::new(), Holder::Unrecorded),
            (true, Some(h)) if marked(&h, how.unrecorded) => (String::new(), Holder::Unrecorded),
            (true, Some(h)) if marked(&h, how.vacant) => (String::new(), Holder::Vacant),
            (_, Some(n)) => (n.into_owned(), Holder::Named),
            (false, None) => {
                warnings.at(
                    file,
                    line,
                    format!("'{export}' has a blank name: they are named '{export}'"),
                );
                (export.clone(), Holder::Named)
            }
        };
        let title = match (table.has(F::Title), table.get(row, F::Title)) {
            (_, Some(t)) => t.into_owned(),
            (true, None) => {
                warnings.at(
                    file,
                    line,
                    format!("'{export}' has a blank title: it is \"{NO_TITLE}\""),
                );
                NO_TITLE.to_string()
            }
            (false, None) => NO_TITLE.to_string(),
        };
        let unit = match (table.has(F::Unit), table.get(row, F::Unit)) {
            (_, Some(u)) => u.into_owned(),
            (true, None) => {
                warnings.at(
                    file,
                    line,
                    format!("'{export}' has a blank unit: they are placed in \"{NO_UNIT}\""),
                );
                NO_UNIT.to_string()
            }
            (false, None) => NO_UNIT.to_string(),
        };
        let parent_unit = table.has(F::ParentUnit).then(|| {
            table
                .get(row, F::ParentUnit)
                .unwrap_or_default()
                .into_owned()
        });
        let manager = table.get(row, F::Manager).map(|m| m.into_owned());
        let email = table.get(row, F::Email).map(|m| m.to_lowercase());
        let member = Member {
            id,
            export,
            name,
            holder,
            title,
            unit,
            parent_unit,
            manager: None,
            line,
        };
        people.push(Row {
            member,
            email,
            manager,
        });
    }
    resolve_managers(file, &mut people, posts, warnings);
    let mut members: Vec<Member> = people.into_iter().map(|r| r.member).collect();
    break_loops(file, &mut members, warnings);
    Ok(Snapshot {
        date,
        cite: citation(file, date),
        people: members.into_iter().map(|m| (m.id.clone(), m)).collect(),
    })
}

/// A row read, before its manager cell is resolved.
struct Row {
    member: Member,
    /// Its e-mail, lowercase.
    email: Option<String>,
    manager: Option<String>,
}

/// Resolves each manager cell to a row: by id, else by e-mail (ignoring
/// case), else by a name only one row has. A marker ([`TOP_MARKERS`]) is
/// the top of the tree; a cell naming no row, or the row itself, warns
/// and is the top too.
fn resolve_managers(file: &Path, people: &mut [Row], posts: bool, warnings: &mut Warnings) {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_email: HashMap<String, usize> = HashMap::new();
    for (i, r) in people.iter().enumerate() {
        by_id.insert(r.member.export.as_str(), i);
        by_name
            .entry(r.member.name.to_lowercase())
            .or_default()
            .push(i);
        let email = r.email.clone().or_else(|| {
            r.member
                .export
                .contains('@')
                .then(|| r.member.export.to_lowercase())
        });
        if let Some(e) = email {
            by_email.entry(e).or_insert(i);
        }
    }
    let found: Vec<Option<usize>> = people
        .iter()
        .map(|r| {
            let m = &r.member;
            let cell = r.manager.as_deref()?;
            if TOP_MARKERS.contains(&cell.to_lowercase().as_str()) {
                return None;
            }
            let lower = cell.to_lowercase();
            let at = by_id.get(cell).copied().or_else(|| {
                // A post reports to a post, by its id alone.
                (!posts).then_some(())?;
                by_email
                    .get(&lower)
                    .copied()
                    .or_else(|| match by_name.get(&lower).map(Vec::as_slice) {
                        Some([one]) => Some(*one),
                        _ => None,
                    })
            });
            match at {
                None => {
                    warnings.at(
                        file,
                        m.line,
                        format!(
                            "the manager of {}, '{cell}', names no row of this snapshot: a top of the tree",
                            m.label()
                        ),
                    );
                    None
                }
                Some(i) if people[i].member.id == m.id => {
                    warnings.at(
                        file,
                        m.line,
                        format!("{} reports to itself: a top of the tree", m.label()),
                    );
                    None
                }
                Some(i) => Some(i),
            }
        })
        .collect();
    let ids: Vec<String> = people.iter().map(|r| r.member.id.clone()).collect();
    for (r, at) in people.iter_mut().zip(found) {
        r.member.manager = at.map(|i| ids[i].clone());
    }
}

/// Breaks each reporting loop at its member met first in the file, who
/// becomes a top of the tree, with a warning that follows the loop.
fn break_loops(file: &Path, members: &mut [Member], warnings: &mut Warnings) {
    let index: HashMap<String, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    // 0: not seen, 1: on the current walk, 2: done.
    let mut mark = vec![0u8; members.len()];
    for start in 0..members.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match mark[i] {
                2 => break,
                1 => {
                    let from = walk.iter().position(|&j| j == i).unwrap_or(0);
                    let cycle = &walk[from..];
                    let first = *cycle.iter().min().unwrap_or(&i);
                    let mut names: Vec<String> = Vec::new();
                    let pos = cycle.iter().position(|&j| j == first).unwrap_or(0);
                    for k in 0..=cycle.len() {
                        let m = &members[cycle[(pos + k) % cycle.len()]];
                        names.push(m.label());
                    }
                    let m = &members[first];
                    warnings.at(
                        file,
                        m.line,
                        format!(
                            "a reporting loop: {}; '{}' is made a top of the tree",
                            names.join(" reports to "),
                            m.export
                        ),
                    );
                    members[first].manager = None;
                    break;
                }
                _ => {
                    mark[i] = 1;
                    walk.push(i);
                    at = members[i]
                        .manager
                        .as_ref()
                        .and_then(|m| index.get(m).copied());
                }
            }
        }
        for i in walk {
            mark[i] = 2;
        }
    }
}
