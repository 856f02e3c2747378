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
    /// The id written in the files.
    pub(crate) key: String,
    pub(crate) roles: Vec<u32>,
}

#[derive(Clone, Copy)]
pub(crate) enum When {
    Day(i32, u32, u32),
    /// A month with `~` or `?`.
    Month(i32, u32, char),
    /// A month as it is (`"2023-05"`).
    BareMonth(i32, u32),
    /// A day with `~` or `?` (`"2023-05-10?"`).
    UncertainDay(i32, u32, u32, char),
    /// A year with `~` or `?` (`"2023~"`).
    Year(i32, char),
    /// A window of `months` whole months from month (y, m) on: from the
    /// last day of the month before to the last day of the last month
    /// (`"2023-01-31/2023-02-28"`); it counts from the first of (y, m).
    Window(i32, u32, u32),
}

impl When {
    pub(crate) fn toml(&self) -> String {
        match *self {
            When::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            When::Month(y, m, q) => format!("\"{y:04}-{m:02}{q}\""),
            When::BareMonth(y, m) => format!("\"{y:04}-{m:02}\""),
            When::UncertainDay(y, m, d, q) => format!("\"{y:04}-{m:02}-{d:02}{q}\""),
            When::Year(y, q) => format!("\"{y:04}{q}\""),
            When::Window(y, m, months) => {
                let (y0, m0) = month_before(y, m);
                let (y1, m1) = (0..months - 1).fold((y, m), |(y, m), _| month_after(y, m));
                format!(
                    "\"{y0:04}-{m0:02}-{:02}/{y1:04}-{m1:02}-{:02}\"",
                    days_in_month(y0, m0),
                    days_in_month(y1, m1)
                )
            }
        }
    }

    /// The year and month it counts from (no month for a year).
    fn start(&self) -> (i32, Option<u32>) {
        match *self {
            When::Day(y, m, _)
            | When::Month(y, m, _)
            | When::BareMonth(y, m)
            | When::UncertainDay(y, m, _, _)
            | When::Window(y, m, _) => (y, Some(m)),
            When::Year(y, _) => (y, None),
        }
    }

    pub(crate) fn month_label(&self) -> String {
        match self.start() {
            (y, Some(m)) => format!("{y:04}-{m:02}"),
            (y, None) => format!("{y:04}"),
        }
    }

    /// The first day it counts from, as an HR export dates every change
    /// of a month.
    pub(crate) fn first_of_month(&self) -> When {
        let (y, m) = self.start();
        When::Day(y, m.unwrap_or(1), 1)
    }
}

pub(crate) fn month_before(y: i32, m: u32) -> (i32, u32) {
    if m == 1 { (y - 1, 12) } else { (y, m - 1) }
}

pub(crate) fn month_after(y: i32, m: u32) -> (i32, u32) {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}
