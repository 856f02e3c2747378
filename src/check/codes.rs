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
        "A change with an op the format does not have. The ops are create, dissolve, eliminate, move, rename, alias, unalias, appoint, leave, report and set.",
        "{ op = \"hire\", person = \"ann\", role = \"cto\" }",
        "{ op = \"appoint\", person = \"ann\", role = \"cto\" }";
    ChangeFields = "E0106", "change-fields", Error,
        "A change lacks a field its op needs, or has one its op does not take.",
        "{ op = \"eliminate\", role = \"cto\", into = \"eng\" }",
        "{ op = \"eliminate\", role = \"cto\" }";
    NotInExistence = "E0201", "not-in-existence", Error,
        "A record is used on a date when it does not exist: before its `since` or `create`, or after it was dissolved or eliminated.",
        "[[role]]\nid = \"cfo\"\nsince = \"2024\"\n...\n[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"appoint\", person = \"ann\", role = \"cfo\" }]",
        "[[role]]\nid = \"cfo\"\nsince = \"2022\"\n...";
    CreatedTwice = "E0202", "created-twice", Error,
        "A record comes into existence more than once: by two `create` changes, or by `since` and a `create`.",
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
        "Reporting lines go round in a circle, so nobody is at the top of the chain.",
        "{ op = \"report\", role = \"ceo\", to = \"engineer\" }   # engineer reports up to the ceo",
        "{ op = \"report\", role = \"engineer\", to = \"ceo\" }";
    NotHeld = "E0207", "not-held", Error,
        "A person leaves a role they do not hold, or leaves when they hold none.",
        "{ op = \"leave\", person = \"ann\", role = \"cto\" }   # ann is the ceo",
        "{ op = \"leave\", person = \"ann\", role = \"ceo\" }";
    AlreadySo = "E0208", "no-change", Error,
        "A change that changes nothing: appointing the holder again, moving into the current place, clearing what is not set. Usually a duplicated or mistyped event.",
        "{ op = \"appoint\", person = \"wu-zeming\", role = \"alibaba-cto\" }   # twice",
        "(remove the second one, or give the date of the real change)";
    EmptyValue = "E0209", "empty-value", Error,
        "A new name, title or attribute key is empty.",
        "{ op = \"rename\", unit = \"eng\", name = \"\" }",
        "{ op = \"rename\", unit = \"eng\", name = \"Technology\" }";
    NotAnAlias = "E0210", "not-an-alias", Error,
        "An `unalias` drops a name that is not an alias of the record on that date: never given, already dropped, or given later.",
        "[[role]]\nid = \"ceo\"\ntitle = \"Chief Executive Officer\"\nunit = \"acme\"\naka = [\"chairman\"]\n\n[[event]]\ndate = 2023-09-10\nchanges = [{ op = \"unalias\", role = \"ceo\", name = \"chair\" }]",
        "changes = [{ op = \"unalias\", role = \"ceo\", name = \"chairman\" }]   # the alias as given";
    AlreadyAnAlias = "E0211", "already-an-alias", Error,
        "An `alias` gives a record a name that is already one of its aliases on that date.",
        "[[person]]\nid = \"ann\"\nname = \"Ann Lee\"\naka = [\"Annie\"]\n\n[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"alias\", person = \"ann\", name = \"Annie\" }]",
        "(remove the change: a declared `aka` holds from always, until an `unalias`)";
    AliasDates = "E0212", "alias-dates", Error,
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
    pub const CREATED_WITH_SINCE: &str =
        "a record comes into existence once: remove its `since`, or this `create`";

    /// [`Code::CreatedTwice`](super::Code::CreatedTwice), by two `create`s:
    /// `when` says when the first was (`on 2020-01-01 by event 'x'`).
    pub fn created_twice(when: &str) -> String {
        format!("it already came into existence {when}")
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

    /// [`Code::TwoHeads`](super::Code::TwoHeads).
    pub const TWO_HEADS: &str = "a unit has at most one head role at a time: eliminate or move the other head first, or set head = false";

    /// [`Code::ReportingCycle`](super::Code::ReportingCycle).
    pub const REPORTING_CYCLE: &str = "every chain of reporting lines must end at a top role; change one `reports_to` or `report` in the cycle";

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
