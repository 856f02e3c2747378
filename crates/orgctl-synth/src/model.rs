//! The generator's model of the organisation: units, roles, people and
//! the dates of events.

pub(crate) const MAX_DEPTH: u8 = 6;

pub(crate) struct UnitM {
    pub(crate) name: String,
    pub(crate) parent: Option<u32>,
    pub(crate) depth: u8,
    pub(crate) alive: bool,
    pub(crate) children: Vec<u32>,
    pub(crate) roles: Vec<u32>,
    /// An attribute that is sometimes set and later cleared.
    pub(crate) freeze: bool,
}

pub(crate) struct RoleM {
    pub(crate) title: String,
    pub(crate) unit: u32,
    pub(crate) head: bool,
    pub(crate) alive: bool,
    pub(crate) holder: Option<(u32, bool)>,
    pub(crate) line: Option<u32>,
}

pub(crate) struct PersonM {
    pub(crate) name: String,
    pub(crate) roles: Vec<u32>,
}

pub(crate) enum When {
    Day(i32, u32, u32),
    /// A month with `~` or `?`.
    Month(i32, u32, char),
}

impl When {
    pub(crate) fn toml(&self) -> String {
        match *self {
            When::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            When::Month(y, m, q) => format!("\"{y:04}-{m:02}{q}\""),
        }
    }

    pub(crate) fn month_label(&self) -> String {
        match *self {
            When::Day(y, m, _) | When::Month(y, m, _) => format!("{y:04}-{m:02}"),
        }
    }
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}
