//! The columns `import tenures` reads, and the headers it knows them by.

use crate::import::table::Field;

/// The columns of a tenure table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenureField {
    Person,
    PersonId,
    Role,
    RoleId,
    Unit,
    UnitId,
    Start,
    End,
    Acting,
    Source,
}

impl Field for TenureField {
    const ALL: &'static [Self] = &[
        TenureField::Person,
        TenureField::PersonId,
        TenureField::Role,
        TenureField::RoleId,
        TenureField::Unit,
        TenureField::UnitId,
        TenureField::Start,
        TenureField::End,
        TenureField::Acting,
        TenureField::Source,
    ];

    fn name(self) -> &'static str {
        match self {
            TenureField::Person => "person",
            TenureField::PersonId => "person_id",
            TenureField::Role => "role",
            TenureField::RoleId => "role_id",
            TenureField::Unit => "unit",
            TenureField::UnitId => "unit_id",
            TenureField::Start => "start",
            TenureField::End => "end",
            TenureField::Acting => "acting",
            TenureField::Source => "source",
        }
    }

    fn headers(self) -> &'static [&'static str] {
        match self {
            TenureField::Person => &[
                "person",
                "name",
                "personname",
                "fullname",
                "holder",
                "member",
                "itemlabel",
                "personlabel",
            ],
            TenureField::PersonId => &["personid", "item", "wikidataid", "qid", "memberid"],
            TenureField::Role => &[
                "role",
                "post",
                "position",
                "title",
                "office",
                "jobtitle",
                "positionlabel",
                "postlabel",
                "rolelabel",
            ],
            TenureField::RoleId => &["roleid", "postid", "positionid", "officeid"],
            TenureField::Unit => &[
                "unit",
                "organisation",
                "organization",
                "org",
                "department",
                "body",
                "organizationlabel",
                "orglabel",
                "unitname",
            ],
            TenureField::UnitId => &["unitid", "organisationid", "organizationid", "orgid"],
            TenureField::Start => &[
                "start",
                "startdate",
                "from",
                "since",
                "starttime",
                "begin",
                "termstart",
            ],
            TenureField::End => &[
                "end", "enddate", "to", "until", "endtime", "termend", "finish",
            ],
            TenureField::Acting => &["acting", "interim"],
            TenureField::Source => &["source", "sources", "reference", "url", "sourceurl"],
        }
    }

    fn parts(self) -> &'static [&'static [&'static str]] {
        match self {
            TenureField::Person => &[
                &["firstname", "givenname", "forename"],
                &["lastname", "surname", "familyname"],
            ],
            _ => &[],
        }
    }
}

/// The columns of `--units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitField {
    Id,
    Name,
    Parent,
    Start,
    End,
}

impl Field for UnitField {
    const ALL: &'static [Self] = &[
        UnitField::Id,
        UnitField::Name,
        UnitField::Parent,
        UnitField::Start,
        UnitField::End,
    ];

    fn name(self) -> &'static str {
        match self {
            UnitField::Id => "id",
            UnitField::Name => "name",
            UnitField::Parent => "parent",
            UnitField::Start => "start",
            UnitField::End => "end",
        }
    }

    fn headers(self) -> &'static [&'static str] {
        match self {
            UnitField::Id => &["id", "unitid", "organisationid", "organizationid", "orgid"],
            UnitField::Name => &[
                "name",
                "unit",
                "unitname",
                "organisation",
                "organization",
                "label",
            ],
            UnitField::Parent => &["parent", "parentid", "parentunit", "partof"],
            UnitField::Start => &[
                "start",
                "startdate",
                "from",
                "since",
                "founded",
                "foundingdate",
            ],
            UnitField::End => &[
                "end",
                "enddate",
                "to",
                "until",
                "dissolved",
                "dissolutiondate",
            ],
        }
    }
}
