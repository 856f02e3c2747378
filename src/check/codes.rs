//! Every kind of problem `orgctl check` reports, with a stable code, a short
//! name, and an explanation (`orgctl check --explain CODE`) that shows the
//! mistake and its fix.

/// How bad a problem is: errors stop a load, warnings only `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $id:literal, $name:literal, $severity:ident, $summary:literal, $example:literal, $fix:literal; )*) => {
        /// A kind of problem in the data.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $variant, )*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$( Code::$variant, )*];

            /// The stable code, e.g. `E0103`.
            pub fn id(self) -> &'static str {
                match self { $( Code::$variant => $id, )* }
            }

            /// The stable name, e.g. `unknown-reference`.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One sentence on what the problem is.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// The mistake, as data.
            pub fn example(self) -> &'static str {
                match self { $( Code::$variant => $example, )* }
            }

            /// The same data, fixed.
            pub fn fix(self) -> &'static str {
                match self { $( Code::$variant => $fix, )* }
            }
        }
    };
}

codes! {
    TomlSyntax = "E0001", "toml-syntax", Error,
        "The file is not valid TOML.",
        "[[unit]]\nid = \"acme\nname = \"Acme\"",
        "[[unit]]\nid = \"acme\"\nname = \"Acme\"";
    WrongType = "E0002", "wrong-type", Error,
        "A value has the wrong type for its key (a string where a boolean is expected, a missing required key...).",
        "[[role]]\nid = \"cto\"\ntitle = \"CTO\"\nunit = \"eng\"\nhead = \"yes\"",
        "[[role]]\nid = \"cto\"\ntitle = \"CTO\"\nunit = \"eng\"\nhead = true";
    UnknownKey = "E0003", "unknown-key", Error,
        "A key, or a kind of record, that the data format does not have: usually a typo, which must not be silently ignored.",
        "[[unit]]\nid = \"acme\"\nnmae = \"Acme\"",
        "[[unit]]\nid = \"acme\"\nname = \"Acme\"";
    NotUtf8 = "E0004", "not-utf8", Error,
        "The file is not UTF-8 text.",
        "name = \"Caf\\xe9\"   (a Latin-1 byte)",
        "name = \"Café\"   (saved as UTF-8)";
    InvalidDate = "E0005", "invalid-date", Error,
        "A date that is not YYYY-MM-DD, YYYY-MM or YYYY (optionally ending in ~ or ?) nor a window START/END of two days (some day after START, on or before END; it must hold at least two days), or a day that does not exist.",
        "date = \"2023-02-30\"",
        "date = 2023-02-28        # or \"2023-02\" if the day is not known, \"2023-02-15/2023-02-28\" if it is known to lie between two days";
    InvalidId = "E0101", "invalid-id", Error,
        "Ids are lowercase letters, digits, '-', '_' and '.', starting with a letter or digit.",
        "[[person]]\nid = \"Daniel Zhang\"",
        "[[person]]\nid = \"daniel-zhang\"\nname = \"Daniel Zhang\"";
    DuplicateId = "E0102", "duplicate-id", Error,
        "Two records have the same id; ids are unique across units, roles, people and events.",
        "[[unit]]\nid = \"cloud\"\n...\n[[role]]\nid = \"cloud\"",
        "[[unit]]\nid = \"cloud\"\n...\n[[role]]\nid = \"cloud-ceo\"";
    UnknownReference = "E0103", "unknown-reference", Error,
        "A field that holds an id names no record.",
        "{ op = \"eliminate\", role = \"alibaba-cfo\" }",
        "{ op = \"eliminate\", role = \"alibaba-cto\" }";
    WrongKind = "E0104", "wrong-kind", Error,
        "A field names a record of the wrong kind (a person where a role is expected...).",
        "{ op = \"appoint\", person = \"wu-zeming\", role = \"aicheng\" }",
        "{ op = \"appoint\", person = \"wu-zeming\", role = \"aicheng-ceo\" }";
    UnknownOp = "E0105", "unknown-op", Error,
        "A change with an op the format does not have. The ops are create, dissolve, eliminate, move, rename, alias, unalias, appoint, leave, unrecorded, vacate, report, head, set, dotted and undotted.",
        "{ op = \"hire\", person = \"ann\", role = \"cto\" }",
        "{ op = \"appoint\", person = \"ann\", role = \"cto\" }";
    ChangeFields = "E0106", "change-fields", Error,
        "A change lacks a field its op needs, or has one its op does not take.",
        "{ op = \"eliminate\", role = \"cto\", into = \"eng\" }",
        "{ op = \"eliminate\", role = \"cto\" }";
    NotInExistence = "E0201", "not-in-existence", Error,
        "A record is used on a date when it does not exist: before its `since` or `create`, or after it was dissolved or eliminated. An imprecise date counts from its first day: \"2023-03~\" is before a record created on 2023-03-28.",
        "[[role]]\nid = \"cfo\"\nsince = \"2024\"\n...\n[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"appoint\", person = \"ann\", role = \"cfo\" }]",
        "[[role]]\nid = \"cfo\"\nsince = \"2022\"\n...";
    CreatedTwice = "E0202", "created-twice", Error,
        "A record comes into existence while it exists: by two `create` changes with no `eliminate` or `dissolve` between them, or by `since` and a `create` on or before it. (A `create` after its end brings a record back.)",
        "[[unit]]\nid = \"lab\"\nsince = \"2022\"\n...\nchanges = [{ op = \"create\", unit = \"lab\" }]",
        "[[unit]]\nid = \"lab\"\n...\nchanges = [{ op = \"create\", unit = \"lab\" }]";
    ParentCycle = "E0203", "parent-cycle", Error,
        "Units would lie inside themselves: declared parents that go round in a circle, or a move or dissolve into a unit's own subtree.",
        "{ op = \"move\", unit = \"acme\", to = \"eng\" }   # eng is inside acme",
        "{ op = \"move\", unit = \"eng\", to = \"ops\" }";
    NotEmpty = "E0204", "dissolve-not-empty", Error,
        "A unit is dissolved while it still has units or roles, and no `into` says where they go.",
        "{ op = \"dissolve\", unit = \"middle-office\" }",
        "{ op = \"dissolve\", unit = \"middle-office\", into = \"aicheng\" }";
    TwoHeads = "E0205", "two-heads", Error,
        "A unit would have two head roles at once.",
        "[[role]]\nid = \"vp\"\nunit = \"eng\"\nhead = true   # eng already has cto as head",
        "[[role]]\nid = \"vp\"\nunit = \"eng\"\nreports_to = \"cto\"";
    ReportingCycle = "E0206", "reporting-cycle", Error,
        "Reporting lines go round in a circle, so nobody is at the top of the chain. The error points at the change that closed the circle and lists its links, each explicit (and where it was set) or derived (and from which head of which unit). An explicit line overrides a derived one, so a head that reports to a role by explicit lines is never that role's derived manager: a chair in the CEO's unit, with the CEO's line to it, is the top, not a cycle.",
        "{ op = \"report\", role = \"ceo\", to = \"engineer\" }   # engineer, in eng under acme, reports up through eng's head to the ceo",
        "{ op = \"report\", role = \"ceo\", to = \"chair\" }   # a role above: the chair is the top (or give it top = true)";
    NotHeld = "E0207", "not-held", Error,
        "A person leaves a role they do not hold, or leaves when they hold none; or a role is vacated (`op = \"vacate\"`) that nobody holds and whose holder is not unrecorded.",
        "{ op = \"leave\", person = \"ann\", role = \"cto\" }   # ann is the ceo",
        "{ op = \"leave\", person = \"ann\", role = \"ceo\" }";
    AlreadySo = "E0208", "no-change", Error,
        "A change that changes nothing: appointing the holder again, moving into the current place, clearing what is not set, marking unrecorded a role whose holder is already not recorded. Usually a duplicated or mistyped event.",
        "{ op = \"appoint\", person = \"wu-zeming\", role = \"alibaba-cto\" }   # twice",
        "(remove the second one, or give the date of the real change)";
    EmptyValue = "E0209", "empty-value", Error,
        "A new name, title or attribute key is empty.",
        "{ op = \"rename\", unit = \"eng\", name = \"\" }",
        "{ op = \"rename\", unit = \"eng\", name = \"Technology\" }";
    TopWithLine = "E0210", "top-with-line", Error,
        "A role is declared both `top = true` (it reports to nobody) and with a `reports_to` line.",
        "[[role]]\nid = \"chair\"\nunit = \"acme\"\ntop = true\nreports_to = \"ceo\"",
        "[[role]]\nid = \"chair\"\nunit = \"acme\"\ntop = true";
    SeatsFull = "E0211", "seats-full", Error,
        "A person is appointed to a role whose seats are all filled (`seats = N` on the role).",
        "[[role]]\nid = \"director\"\nseats = 2   # ann and bob hold both\n...\nchanges = [{ op = \"appoint\", person = \"cy\", role = \"director\" }]",
        "changes = [\n  { op = \"leave\", person = \"ann\", role = \"director\" },\n  { op = \"appoint\", person = \"cy\", role = \"director\" },\n]   # or seats = 3";
    DottedToSelf = "E0212", "dotted-to-self", Error,
        "A role has a dotted line to itself. A dotted line is a secondary reporting line to another role (a regional finance lead's to the group CFO).",
        "[[role]]\nid = \"cfo\"\nunit = \"acme\"\ndotted = [\"cfo\"]",
        "[[role]]\nid = \"cfo\"\nunit = \"acme\"\ndotted = [\"ceo\"]   # another role, or no dotted line";
    SuccessorNeverExists = "E0215", "successor-never-exists", Error,
        "A unit is dissolved `into` a successor that does not exist on that date and never comes into existence afterwards (its creation failed: declared inside the unit it succeeds, say). `into` may name a unit created later: a department dissolved on Friday whose successor is created on Monday.",
        "[[unit]]\nid = \"operations\"\nparent = \"ops\"   # the unit it succeeds, gone by then\nsince = 2023-06-05\n...\n{ op = \"dissolve\", unit = \"ops\", into = \"operations\" }   # on 2023-06-02",
        "[[unit]]\nid = \"operations\"\nparent = \"acme\"\nsince = 2023-06-05";
    SuccessorNotEmpty = "E0216", "successor-not-empty", Error,
        "A unit is dissolved `into` a successor created later while it still has units or roles: they cannot wait for a unit that does not exist yet, and a role is always in a unit. Move them (a head role stops heading first, if the unit it goes to has a head) or end them earlier in the same event; move them into the successor once it exists.",
        "{ op = \"dissolve\", unit = \"ops\", into = \"operations\" }   # friday; ops still has ops-head",
        "changes = [\n  { op = \"head\", unit = \"ops\", role = \"\" },\n  { op = \"move\", role = \"ops-head\", to = \"acme\" },\n  { op = \"dissolve\", unit = \"ops\", into = \"operations\" },\n]   # friday; on monday, move it into operations";
    NotAnAlias = "E0213", "not-an-alias", Error,
        "An `unalias` drops a name that is not an alias of the record on that date: never given, already dropped, or given later.",
        "[[role]]\nid = \"ceo\"\ntitle = \"Chief Executive Officer\"\nunit = \"acme\"\naka = [\"chairman\"]\n\n[[event]]\ndate = 2023-09-10\nchanges = [{ op = \"unalias\", role = \"ceo\", name = \"chair\" }]",
        "changes = [{ op = \"unalias\", role = \"ceo\", name = \"chairman\" }]   # the alias as given";
    AlreadyAnAlias = "E0214", "already-an-alias", Error,
        "An `alias` gives a record a name that is already one of its aliases on that date.",
        "[[person]]\nid = \"ann\"\nname = \"Ann Lee\"\naka = [\"Annie\"]\n\n[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"alias\", person = \"ann\", name = \"Annie\" }]",
        "(remove the change: a declared `aka` holds from always, until an `unalias`)";
    AliasDates = "E0217", "alias-dates", Error,
        "An entry of `aka` written as a table ends (`until`) on or before the day it begins (`since`).",
        "aka = [{ name = \"chairman\", since = 2023-09-10, until = 2019-01-01 }]",
        "aka = [{ name = \"chairman\", since = 2019-01-01, until = 2023-09-10 }]   # holds from since up to the day before until";
    MissingSources = "W0301", "missing-sources", Warning,
        "(--strict) An event cites no source.",
        "[[event]]\ndate = 2023-05-10\ntitle = \"CTO position eliminated\"",
        "[[event]]\ndate = 2023-05-10\ntitle = \"CTO position eliminated\"\nsources = [\"South China Morning Post, 2023-05-10\"]";
    MissingTitle = "W0302", "missing-title", Warning,
        "(--strict) An event has no title, so logs and diffs can only show its id.",
        "[[event]]\ndate = 2023-05-10\nchanges = [...]",
        "[[event]]\ndate = 2023-05-10\ntitle = \"CTO position eliminated\"\nchanges = [...]";
    ImplicitReplacement = "W0303", "implicit-replacement", Warning,
        "(--strict) An appointment replaced the role's holder without a `leave` saying the holder left.",
        "changes = [{ op = \"appoint\", person = \"dee\", role = \"cto\" }]   # bob held it",
        "changes = [\n  { op = \"leave\", person = \"bob\", role = \"cto\" },\n  { op = \"appoint\", person = \"dee\", role = \"cto\" },\n]";
    LongVacancy = "W0304", "long-vacancy", Warning,
        "(--strict) A role stayed vacant for more than a year: a missing appointment, or a role that should be eliminated.",
        "{ op = \"leave\", person = \"bob\", role = \"cto\" }   # in 2020, nobody after",
        "{ op = \"eliminate\", role = \"cto\" }   # or record who took it";
    MayOverlap = "W0305", "may-overlap", Warning,
        "(--strict) Two events touch the same unit or role and their imprecise dates overlap, so which came first is uncertain; they are applied in load order.",
        "date = \"2023-05~\"   # appoint ann to cto\ndate = \"2023-05-20\"   # appoint bob to cto",
        "date = \"2023-05-02\"   # a day, once a source gives it";
    ReportedInFuture = "W0306", "reported-in-future", Warning,
        "(--strict) An event's `reported` date is after today. (A `reported` date later than the event's own date is fine.)",
        "reported = 2031-01-01",
        "reported = 2023-05-10";
    SharedAlias = "W0307", "shared-alias", Warning,
        "(--strict) Two people answer to the same name or alias, so looking that name up is ambiguous.",
        "[[person]]\nid = \"li-wei\"\naka = [\"Li\"]\n[[person]]\nid = \"li-na\"\naka = [\"Li\"]",
        "[[person]]\nid = \"li-wei\"\naka = [\"Wei Li\"]";
    Handover = "W0308", "handover-overlap", Warning,
        "(--strict) A role that holds one person at a time had two on one day: the new holder was appointed before the old holder's `leave` of that day. The replay takes it as a handover (the `leave` ends nothing more); the record reads better with the `leave` first.",
        "changes = [\n  { op = \"appoint\", person = \"bob\", role = \"ceo\" },\n  { op = \"leave\", person = \"ann\", role = \"ceo\" },   # the same day\n]",
        "changes = [\n  { op = \"leave\", person = \"ann\", role = \"ceo\" },\n  { op = \"appoint\", person = \"bob\", role = \"ceo\" },\n]";
    DottedCycle = "W0309", "dotted-cycle", Warning,
        "(--strict) Dotted lines alone go round in a circle (a dotted to b, b dotted to a). Dotted lines are never the chain of command, so this loads, but it is usually a line written the wrong way round.",
        "{ op = \"dotted\", role = \"emea-cfo\", to = \"group-cfo\" }\n{ op = \"dotted\", role = \"group-cfo\", to = \"emea-cfo\" }",
        "{ op = \"dotted\", role = \"emea-cfo\", to = \"group-cfo\" }   # one way only";
    TransferWithoutLeave = "W0310", "transfer-without-leave", Warning,
        "(--strict) A person was appointed to a role (not acting) in one unit while still holding a role (not acting) in another, and the event has no `leave` of it: usually a transfer written without its `leave`, which leaves the person in two teams and counts them twice. A person who really holds both should have the second role marked `acting = true`, or the old one left. Head roles are left out: a leader who also heads another unit is common.",
        "changes = [{ op = \"appoint\", person = \"rita\", role = \"platform-eng\" }]   # rita is in infra-eng",
        "changes = [\n  { op = \"leave\", person = \"rita\", role = \"infra-eng\" },\n  { op = \"appoint\", person = \"rita\", role = \"platform-eng\" },\n]";
}

impl Code {
    /// Finds a code by id (`E0103`, case-insensitive) or name.
    pub fn find(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(text) || c.name() == text)
    }

    /// The full explanation, for `orgctl check --explain`.
    pub fn explain(self) -> String {
        let indent = |s: &str| {
            s.lines()
                .map(|l| format!("    {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        format!(
            "{} {}\n\n{}\n\nFor example:\n\n{}\n\nFix:\n\n{}\n",
            self.id(),
            self.name(),
            self.summary(),
            indent(self.example()),
            indent(self.fix())
        )
    }
}

/// The help lines of the problems the replay finds, next to their codes:
/// what is printed under each message (`= help: ...`).
pub mod help {
    use crate::dates::PartialDate;

    /// [`Code::InvalidId`](super::Code::InvalidId).
    pub const INVALID_ID: &str = "ids are lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. 'daniel-zhang'";

    /// [`Code::DuplicateId`](super::Code::DuplicateId): where the first
    /// record with the id is, e.g. `'lab' is already a unit at lab.toml:2:6`.
    /// The place goes at the byte offset returned with the text (see
    /// [`Diagnostic::with_help_at`](crate::check::diag::Diagnostic::with_help_at)).
    pub fn duplicate_id(id: &str, first: &str) -> (String, usize) {
        let before = format!("'{id}' is already {first} at ");
        let offset = before.len();
        (
            before + "; ids are unique across units, roles, people and events",
            offset,
        )
    }

    /// [`Code::TomlSyntax`](super::Code::TomlSyntax), for a date TOML
    /// cannot read without quotes (`2023-11-16~`, `2023-11`), given to
    /// `key` if it was found.
    pub fn quote_date(key: Option<&str>, date: &str) -> String {
        let quoted = match key {
            Some(k) => format!("{k} = \"{date}\""),
            None => format!("\"{date}\""),
        };
        let what = if date.ends_with(['~', '?']) {
            "approximate (`~`) and uncertain (`?`) dates"
        } else if date.contains('/') {
            "a window of days"
        } else {
            "a month or a year"
        };
        format!("{what} must be quoted (only an exact day is a TOML date): `{quoted}`")
    }

    /// [`Code::WrongType`](super::Code::WrongType), for a string where a
    /// boolean is wanted: `key = true`, without the quotes.
    pub fn unquote_bool(key: &str, text: &str) -> String {
        match text.trim().to_ascii_lowercase().as_str() {
            b @ ("true" | "false") => format!("drop the quotes: `{key} = {b}`"),
            _ => format!("a boolean is written without quotes: `{key} = true` or `{key} = false`"),
        }
    }

    /// [`Code::UnknownReference`](super::Code::UnknownReference): a close
    /// id, or some known ids of the kind wanted (`a unit`...), sorted.
    pub fn unknown_reference(closest: Option<&str>, want: &str, known: &[&str]) -> Option<String> {
        closest.map(|c| format!("did you mean '{c}'?")).or_else(|| {
            (!known.is_empty()).then(|| {
                let list = known.iter().take(8).copied().collect::<Vec<_>>().join(", ");
                let more = if known.len() > 8 { ", ..." } else { "" };
                format!("known ids of {want}: {list}{more}")
            })
        })
    }

    /// [`Code::UnknownReference`](super::Code::UnknownReference), for a
    /// reference written as a name: the ids of the records that answer to
    /// it, each `(id, name, alias)` with the alias it matched, if it did not
    /// match the name.
    pub fn named(records: &[(&str, &str, Option<&str>)]) -> Option<String> {
        let label = |(_, name, alias): &(&str, &str, Option<&str>)| match alias {
            Some(a) => format!("{name}, also known as {a}"),
            None => name.to_string(),
        };
        let first = label(records.first()?);
        let same = records.iter().all(|r| label(r) == first);
        let shown: Vec<String> = records
            .iter()
            .take(8)
            .map(|r| match same {
                true => format!("'{}'", r.0),
                false => format!("'{}' ({})", r.0, label(r)),
            })
            .collect();
        let mut list = match shown.as_slice() {
            [one] => one.clone(),
            [init @ .., last] if records.len() == shown.len() => {
                format!("{} or {last}", init.join(", "))
            }
            all => format!("{}, ...", all.join(", ")),
        };
        if same {
            let each = if records.len() > 1 { "each " } else { "" };
            list = format!("{list} ({each}{first})");
        }
        Some(format!(
            "did you mean {list}? a reference names a record by its id"
        ))
    }

    /// [`Code::ParentCycle`](super::Code::ParentCycle), for declared parents.
    pub const PARENT_CYCLE_DECLARED: &str =
        "a unit cannot lie inside itself: remove one of these `parent` keys";
    /// [`Code::ParentCycle`](super::Code::ParentCycle), for a move.
    pub const PARENT_CYCLE_MOVE: &str =
        "a unit's parent must lie outside its own subtree; move the descendant out first";
    /// [`Code::ParentCycle`](super::Code::ParentCycle), for a dissolve.
    pub const PARENT_CYCLE_DISSOLVE: &str = "dissolve it into a unit outside its subtree";

    /// [`Code::CreatedTwice`](super::Code::CreatedTwice), by `since` and a
    /// `create`.
    pub const CREATED_WITH_SINCE: &str = "a record comes into existence once: remove its `since`, or this `create` (a `create` brings a record back only after it was eliminated or dissolved)";

    /// [`Code::CreatedTwice`](super::Code::CreatedTwice), by two `create`s:
    /// `when` says when the first was (`on 2020-01-01 by event 'x'`).
    pub fn created_twice(when: &str) -> String {
        format!(
            "it already came into existence {when} and still exists: a `create` brings a record back only after it was eliminated or dissolved"
        )
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence): a record
    /// brought back whose container (`place`, e.g. `unit 'eng'`) has ended.
    pub fn comes_back_in(place: &str) -> String {
        format!(
            "a record that comes back returns to where it was when it ended, {place}: bring that back first (a `create` of it, earlier in this event), or declare a new record"
        )
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence), after its end
    /// (`verb` is `dissolved` or `eliminated`).
    pub fn no_longer_exists(verb: &str, ended: &str) -> String {
        format!("it was {verb} {ended}")
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence), before a
    /// planned start.
    pub fn comes_into_existence(on: &str) -> String {
        format!("it comes into existence on {on}")
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence), on an
    /// imprecise `date` whose period holds the record's `start` (`noun` is
    /// `unit` or `role`): the date counts from its first day, before it.
    /// `event` says whether an event (else a `since`) has the date.
    pub fn counts_from(date: PartialDate, noun: &str, start: PartialDate, event: bool) -> String {
        let day = start.first_day();
        let fix = if event {
            format!("if the event came after, date it on or after {day}")
        } else {
            format!("if it came after, give `since` a date on or after {day}")
        };
        format!(
            "{date} counts from {}, before the {noun} is created on {start}; {fix}",
            date.first_day()
        )
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence): what is added
    /// to the help of the first change of an event that names a record that
    /// does not exist, when `more` changes of the event name it too.
    pub fn also_left_out(more: usize) -> String {
        match more {
            1 => "; 1 more change of this event names it and is left out too".into(),
            n => format!("; {n} more changes of this event name it and are left out too"),
        }
    }

    /// [`Code::NotInExistence`](super::Code::NotInExistence), for a record
    /// never created (`noun` is `unit` or `role`).
    pub fn never_exists(noun: &str, key: &str) -> String {
        format!(
            "it never comes into existence: give it a `since` date, or create it with {{ op = \"create\", {noun} = \"{key}\" }}"
        )
    }

    /// [`Code::NotEmpty`](super::Code::NotEmpty).
    pub const NOT_EMPTY: &str =
        "add `into = \"UNIT\"` to move them there, or move or eliminate them first";

    /// [`Code::SuccessorNeverExists`](super::Code::SuccessorNeverExists):
    /// `key` is the successor, `on` the day of the dissolution.
    pub fn successor_never_exists(key: &str, on: &str) -> String {
        format!(
            "unit '{key}' must come into existence after {on}: give it a `since` then, or create it with {{ op = \"create\", unit = \"{key}\" }} (if it has one, fix what kept it from existing); or dissolve into a unit that exists"
        )
    }

    /// [`Code::SuccessorNotEmpty`](super::Code::SuccessorNotEmpty): `key`
    /// is the successor, `from` when it comes into existence.
    pub fn successor_not_empty(key: &str, from: &str) -> String {
        format!(
            "'{key}' does not exist yet ({from}): first move them elsewhere, or eliminate them, in this event before the dissolve (they can be moved into '{key}' once it exists)"
        )
    }

    /// [`Code::TwoHeads`](super::Code::TwoHeads).
    pub const TWO_HEADS: &str = "a unit has at most one head role at a time: eliminate or move the other head first, or set head = false";

    /// [`Code::ReportingCycle`](super::Code::ReportingCycle): each link of
    /// the cycle in words.
    pub fn reporting_cycle(links: &[String]) -> String {
        let mut help = String::from("the links of the cycle:");
        for l in links {
            help += "\n  ";
            help += l;
        }
        help += "\nevery chain of reporting lines must end at a top role: change an explicit line of the cycle (`reports_to` or `report`), or a head or unit a derived link rests on (`head`, `move`)";
        help
    }

    /// [`Code::AlreadySo`](super::Code::AlreadySo), clearing a reporting
    /// line that is not explicit: the derived line in words, and its role.
    pub fn nothing_to_clear(key: &str, derived: Option<(String, &str)>) -> String {
        match derived {
            Some((link, to)) => format!(
                "`to = \"\"` only clears an explicit line or a top marker, and this line is derived:\n  {link}\nto make '{key}' report to nobody, write {{ op = \"report\", role = \"{key}\", top = true }}, or make '{to}' report to it: {{ op = \"report\", role = \"{to}\", to = \"{key}\" }}"
            ),
            None => format!("'{key}' already reports to nobody: it is the top of its chain"),
        }
    }

    /// [`Code::TopWithLine`](super::Code::TopWithLine).
    pub const TOP_WITH_LINE: &str = "a role with `top = true` reports to nobody: remove `reports_to`, or remove `top` (a `report` event can change either later)";

    /// [`Code::AlreadySo`](super::Code::AlreadySo), removing the head of a
    /// unit that has none.
    /// [`Code::DottedToSelf`](super::Code::DottedToSelf).
    pub const DOTTED_TO_SELF: &str = "a dotted line goes to another role (the role it reports to on a matrix or functional line): name that role, or remove the line";

    /// A dotted line that does not hold, for `undotted`: the dotted lines
    /// the role has.
    pub fn no_dotted_line(role: &str, has: &[&str]) -> String {
        if has.is_empty() {
            format!(
                "role '{role}' has no dotted line on that date: remove the change, or add the line first with {{ op = \"dotted\", ... }}"
            )
        } else {
            format!(
                "role '{role}' has dotted lines to: {}; end one of those, or remove the change",
                has.join(", ")
            )
        }
    }

    pub const NO_HEAD: &str = "to make a role the head, write { op = \"head\", role = \"ID\" }";

    /// [`Code::NotHeld`](super::Code::NotHeld): the roles the person holds.
    pub fn not_held(held: &[&str]) -> String {
        if held.is_empty() {
            "they hold no role then".into()
        } else {
            format!("they hold: {}", held.join(", "))
        }
    }

    /// [`Code::AlreadySo`](super::Code::AlreadySo), appointing the holder
    /// again: `since` says when they were appointed.
    pub fn already_appointed(since: &str) -> String {
        format!("appointed {since}")
    }

    /// [`Code::SeatsFull`](super::Code::SeatsFull): `role` and its
    /// holders.
    pub fn seats_full(role: &str, holders: &[&str]) -> String {
        let first = holders.first().copied().unwrap_or("PERSON");
        format!(
            "add {{ op = \"leave\", person = \"{first}\", role = \"{role}\" }} before it for whoever left, or raise the role's `seats`"
        )
    }

    /// [`Code::NotAnAlias`](super::Code::NotAnAlias): the aliases the
    /// record has on that date.
    pub fn not_an_alias(held: &[&str]) -> String {
        if held.is_empty() {
            "it has no alias on that date; `alias` gives one".to_string()
        } else {
            let held: Vec<String> = held.iter().map(|a| format!("'{a}'")).collect();
            format!("its aliases on that date: {}", held.join(", "))
        }
    }

    /// [`Code::NotAnAlias`](super::Code::NotAnAlias): an alias already
    /// dropped, and when.
    pub fn alias_dropped(when: &str) -> String {
        format!("it stopped being one {when}; remove this change")
    }

    /// [`Code::AliasDates`](super::Code::AliasDates).
    pub const ALIAS_DATES: &str = "an alias holds from `since` up to the day before `until`: give an `until` after `since` (or swap them)";

    /// [`Code::AlreadyAnAlias`](super::Code::AlreadyAnAlias): since when.
    pub fn already_an_alias(since: &str) -> String {
        format!("it is one {since}; remove this change, or `unalias` it first")
    }

    /// [`Code::AlreadySo`](super::Code::AlreadySo), clearing an attribute
    /// that is not set: the ones that are.
    pub fn not_set(set: &[String]) -> String {
        if set.is_empty() {
            "it has no attributes set".to_string()
        } else {
            format!("attributes set: {}", set.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_and_names_are_unique_and_findable() {
        for (i, a) in Code::ALL.iter().enumerate() {
            for b in &Code::ALL[i + 1..] {
                assert_ne!(a.id(), b.id());
                assert_ne!(a.name(), b.name());
            }
            assert_eq!(Code::find(a.id()), Some(*a));
            assert_eq!(Code::find(&a.id().to_lowercase()), Some(*a));
            assert_eq!(Code::find(a.name()), Some(*a));
        }
    }
}
