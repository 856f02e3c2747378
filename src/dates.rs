//! Dates as news reports give them: a year, a month or a day, possibly
//! approximate (`~`) or uncertain (`?`), or a window known only to lie
//! between two days (`2023-01-31/2023-02-28`: after the first, on or
//! before the second).
//!
//! Neither chrono nor TOML parses `2021` or `2021-03`, and an unquoted TOML
//! date (`2023-05-10`) is a TOML datetime, not a string, so the project
//! has its own [`PartialDate`] that accepts both forms and keeps its
//! precision and qualifier wherever it is printed.

use std::borrow::Cow;
use std::fmt;

use crate::escape::escape;
use chrono::{Datelike, Days, NaiveDate};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    /// `START/END`: some day after START, on or before END.
    Window,
}

/// How sure the source is of the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Qualifier {
    #[default]
    Exact,
    /// `~`: approximate ("six months ago").
    Approximate,
    /// `?`: uncertain (the source itself hedges).
    Uncertain,
}

impl Precision {
    /// Its name in the JSON of `log` and in the SQLite export.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Window => "window",
        }
    }
}

impl Qualifier {
    /// Its name in the JSON of `log` and in the SQLite export.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::Uncertain => "uncertain",
        }
    }
}

/// A date with a precision and a qualifier: `2021`, `2022-11~`, `2023-03-28`,
/// or a window `2023-01-31/2023-02-28`.
///
/// Ordering and arithmetic use [`PartialDate::first_day`]; the whole period
/// (`first_day..=last_day`) is what the source allows. Eight bytes: a
/// window keeps its length in days, not a second date (a history stores a
/// date per fact).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first: NaiveDate,
    /// For a window, the days from its first possible day to its last (at
    /// least 1); 0 otherwise.
    span: u16,
    precision: Precision,
    qualifier: Qualifier,
}

/// The forms a date may take, for error messages.
pub const DATE_FORMS: &str = "a date is YYYY-MM-DD, YYYY-MM or YYYY, optionally followed by `~` (approximate) or `?` (uncertain), or a window of two days START/END (after START, on or before END), e.g. 2023-05-10, \"2022-11~\", \"2021\", \"2023-01-31/2023-02-28\"";

impl PartialDate {
    /// A date from its parts, as [`PartialDate::first_day`],
    /// [`PartialDate::precision`], [`PartialDate::qualifier`] and
    /// [`PartialDate::span`] give them (the cache of replayed histories
    /// stores dates so); `None` when they do not make a date parsing could
    /// give.
    pub fn from_parts(
        first: NaiveDate,
        precision: Precision,
        qualifier: Qualifier,
        span: u16,
    ) -> Option<Self> {
        let window = precision == Precision::Window;
        let fits = !window
            || (qualifier == Qualifier::Exact
                && first.pred_opt().is_some()
                && first.checked_add_days(Days::new(u64::from(span))).is_some());
        (window == (span > 0) && fits).then_some(PartialDate {
            first,
            span,
            precision,
            qualifier,
        })
    }

    /// An exact, day-precise date.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            first: date,
            span: 0,
            precision: Precision::Day,
            qualifier: Qualifier::Exact,
        }
    }

    /// The window after `after`, on or before `until` (`"T0/T1"`, as
    /// between two snapshots): the day `until` when it is the day after
    /// `after`; `None` when `until` is not later, or the window is longer
    /// than a window may be.
    pub fn between(after: NaiveDate, until: NaiveDate) -> Option<Self> {
        let days = (until - after).num_days();
        match days {
            1 => Some(PartialDate::day(until)),
            2..=65_536 => PartialDate::from_parts(
                after.succ_opt()?,
                Precision::Window,
                Qualifier::Exact,
                u16::try_from(days - 1).ok()?,
            ),
            _ => None,
        }
    }

    /// The first day of the period this date covers.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day of the period this date covers.
    pub fn last_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.first,
            Precision::Month => {
                let (y, m) = (self.first.year(), self.first.month());
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(self.first)
            }
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.first.year(), 12, 31).unwrap_or(self.first)
            }
            Precision::Window => self
                .first
                .checked_add_days(Days::new(u64::from(self.span)))
                .unwrap_or(self.first),
        }
    }

    /// A window's ends as written, `(START, END)`: after START, on or
    /// before END; `None` for any other date.
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate)> {
        (self.precision == Precision::Window)
            .then(|| (self.first.pred_opt().unwrap_or(self.first), self.last_day()))
    }

    /// For a window, the days from its first possible day to its last;
    /// 0 for any other date.
    pub fn span(&self) -> u16 {
        self.span
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// True unless the date is an exact day.
    pub fn is_imprecise(&self) -> bool {
        self.precision != Precision::Day || self.qualifier != Qualifier::Exact
    }

    /// True when `day` falls inside the period of an imprecise date, so a fact
    /// that began on this date may or may not hold on `day` yet.
    pub fn is_uncertain_on(&self, day: NaiveDate) -> bool {
        self.is_imprecise() && self.first_day() <= day && day <= self.last_day()
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally ending in `~` or
    /// `?`, or a window `YYYY-MM-DD/YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        if let Some((start, end)) = text.split_once('/') {
            return Self::parse_window(text, start, end);
        }
        let (body, qualifier) = match text.as_bytes().last() {
            Some(b'~') => (&text[..text.len() - 1], Qualifier::Approximate),
            Some(b'?') => (&text[..text.len() - 1], Qualifier::Uncertain),
            _ => (text, Qualifier::Exact),
        };
        let parts: Vec<&str> = body.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(DateError::Shape(text.to_string()));
        }
        // The shape check guarantees these parse.
        let num = |s: &str| s.parse::<u32>().unwrap_or(0);
        let year = num(parts[0]) as i32;
        if year == 0 {
            return Err(DateError::Impossible(
                text.to_string(),
                "there is no year 0000",
            ));
        }
        let month = parts.get(1).map(|m| num(m));
        let day = parts.get(2).map(|d| num(d));
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::Impossible(
                text.to_string(),
                "the month must be 01 to 12",
            ));
        }
        let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
            .ok_or_else(|| DateError::Impossible(text.to_string(), "that month has no such day"))?;
        let precision = match (month, day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        };
        Ok(PartialDate {
            first,
            span: 0,
            precision,
            qualifier,
        })
    }

    /// `START/END`: some day after START, on or before END, both exact days.
    fn parse_window(text: &str, start: &str, end: &str) -> Result<Self, DateError> {
        let refuse = |problem: String, help: String| {
            Err(DateError::Window {
                text: text.to_string(),
                problem,
                help,
            })
        };
        if end.contains('/') {
            return Err(DateError::Shape(text.to_string()));
        }
        let ends = [start, end].map(Self::parse);
        let (a, b) = match ends {
            [Ok(a), Ok(b)] => (a, b),
            [Err(DateError::Impossible(_, why)), _] | [_, Err(DateError::Impossible(_, why))] => {
                return Err(DateError::Impossible(text.to_string(), why));
            }
            _ => return Err(DateError::Shape(text.to_string())),
        };
        if a.qualifier != Qualifier::Exact || b.qualifier != Qualifier::Exact {
            let bare = |d: PartialDate| PartialDate {
                qualifier: Qualifier::Exact,
                ..d
            };
            return refuse(
                "a window takes no `~` or `?`: it is imprecise already".to_string(),
                format!("write \"{}/{}\"", bare(a), bare(b)),
            );
        }
        if a.precision != Precision::Day || b.precision != Precision::Day {
            let from = if a.precision == Precision::Day {
                a.first
            } else {
                a.first.pred_opt().unwrap_or(a.first)
            };
            let to = b.last_day();
            return refuse(
                "both ends of a window are days (YYYY-MM-DD)".to_string(),
                format!(
                    "a window is after its start, on or before its end: \"{from}/{to}\" is some day from {} through {to}",
                    from.succ_opt().unwrap_or(from)
                ),
            );
        }
        let (from, to) = (a.first, b.first);
        let days = (to - from).num_days();
        if days < 0 {
            return refuse(
                "it ends before it begins".to_string(),
                format!("write the earlier day first: \"{to}/{from}\""),
            );
        }
        if days <= 1 {
            let problem = if days == 0 {
                "it holds no day: a window is after its start, on or before its end".to_string()
            } else {
                format!("it holds one day, {to}")
            };
            return refuse(problem, format!("write the day: {to}"));
        }
        let Ok(span) = u16::try_from(days - 1) else {
            return refuse(
                format!("it is longer than {} days", u32::from(u16::MAX) + 1),
                "write a year, or a shorter window".to_string(),
            );
        };
        Ok(PartialDate {
            first: from.succ_opt().unwrap_or(from),
            span,
            precision: Precision::Window,
            qualifier: Qualifier::Exact,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As chrono's `%Y`, `%Y-%m` and `%Y-%m-%d` write them, without
        // parsing a format string per date (every date of a large
        // history's output goes through here).
        let year = |f: &mut fmt::Formatter<'_>, y: i32| match y {
            0..=9999 => write!(f, "{y:04}"),
            _ => write!(f, "{y:+05}"),
        };
        match self.precision {
            Precision::Year => year(f, self.first.year())?,
            Precision::Month => {
                year(f, self.first.year())?;
                write!(f, "-{:02}", self.first.month())?
            }
            Precision::Day => write!(f, "{}", self.first)?,
            Precision::Window => {
                let (start, end) = self.window().unwrap_or((self.first, self.first));
                write!(f, "{start}/{end}")?
            }
        }
        match self.qualifier {
            Qualifier::Exact => Ok(()),
            Qualifier::Approximate => f.write_str("~"),
            Qualifier::Uncertain => f.write_str("?"),
        }
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{}' is not a date", escape(.0))]
    Shape(String),
    #[error("'{}' is not a real date: {}", escape(.0), .1)]
    Impossible(String, &'static str),
    /// A window (`START/END`) that is not one: `problem` says why, `help`
    /// how to write it.
    #[error("'{}' is not a date window: {}", escape(text), escape(problem))]
    Window {
        text: String,
        problem: String,
        help: String,
    },
}

impl DateError {
    /// How to write the date: the forms a date may take, or the fix of a
    /// window.
    pub fn help(&self) -> Cow<'_, str> {
        match self {
            DateError::Window { help, .. } => escape(help),
            _ => Cow::Borrowed(DATE_FORMS),
        }
    }
}

impl PartialDate {
    /// A bare TOML date (`reported = 2015-02-23`): a local date is an
    /// exact day; a time of day, an offset or year 0 are refused, with the
    /// message to give (the help is [`DATE_FORMS`]).
    pub fn from_toml(dt: &toml_datetime::Datetime) -> Result<Self, String> {
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .filter(|_| d.year != 0)
                    .map(PartialDate::day)
                    .ok_or_else(|| format!("'{dt}' is not a real date"))
            }
            _ => Err(format!("'{dt}' has a time of day; orgctl dates are days")),
        }
    }
}

/// Parses a date given on the command line: a full day (`2023-05-10`).
///
/// Query dates name one day, so `2023-05` is refused with a hint rather than
/// silently read as the first or the last day of the month.
pub fn parse_query_date(text: &str) -> Result<NaiveDate, String> {
    let date = PartialDate::parse(text.trim()).map_err(|e| format!("{e}; use YYYY-MM-DD"))?;
    if date.precision() == Precision::Day && date.qualifier() == Qualifier::Exact {
        return Ok(date.first_day());
    }
    let (first, last) = (date.first_day(), date.last_day());
    let e_g = if first == last {
        first.to_string()
    } else {
        format!("{first} or {last}")
    };
    Err(format!(
        "'{text}' is not a single day; the command line takes an exact day, YYYY-MM-DD without `~` or `?`: e.g. {e_g}"
    ))
}

/// A span of days named on the command line: a day (`2026-07-15`), a
/// month (`2026-07`), a quarter (`2026-Q3`) or a year (`2026`), from its
/// first day to its last, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Parses a period given on the command line (see [`Period`]).
pub fn parse_period(text: &str) -> Result<Period, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "'{text}' is not a day or a period; use YYYY-MM-DD (a day), YYYY-MM (a month), YYYY-Qn (a quarter, n from 1 to 4) or YYYY (a year): e.g. 2026-07-15, 2026-07, 2026-Q3, 2026"
        )
    };
    if let Some((year, q)) = t.split_once(['Q', 'q']) {
        let year = year.strip_suffix('-').ok_or_else(bad)?;
        let q: u32 = match q {
            "1" | "2" | "3" | "4" => q.parse().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        let first = PartialDate::parse(year)
            .ok()
            .filter(|d| d.precision() == Precision::Year && d.qualifier() == Qualifier::Exact)
            .and_then(|d| d.first_day().with_month(3 * q - 2))
            .ok_or_else(bad)?;
        let last = first
            .checked_add_months(chrono::Months::new(3))
            .and_then(|d| d.pred_opt())
            .ok_or_else(bad)?;
        return Ok(Period { first, last });
    }
    let date = PartialDate::parse(t).map_err(|_| bad())?;
    if date.qualifier() != Qualifier::Exact || date.precision() == Precision::Window {
        // What an exact day would be, then the periods also taken.
        let day = parse_query_date(text).err().unwrap_or_default();
        return Err(format!(
            "{day}; or a period without `~` or `?`: YYYY-MM, YYYY-Qn or YYYY"
        ));
    }
    Ok(Period {
        first: date.first_day(),
        last: date.last_day(),
    })
}

/// The first day of a period given on the command line (`--since`).
pub fn parse_period_start(text: &str) -> Result<NaiveDate, String> {
    parse_period(text).map(|p| p.first)
}

/// The last day of a period given on the command line (`--until`).
pub fn parse_period_end(text: &str) -> Result<NaiveDate, String> {
    parse_period(text).map(|p| p.last)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_is_written_as_chrono_formats_it() {
        for y in [-10000, -1, 0, 1, 999, 2023, 9999, 10000, 262_000] {
            let first = NaiveDate::from_ymd_opt(y, 3, 7).unwrap();
            let at = |precision| PartialDate {
                first,
                span: 0,
                precision,
                qualifier: Qualifier::Exact,
            };
            assert_eq!(
                at(Precision::Year).to_string(),
                first.format("%Y").to_string()
            );
            assert_eq!(
                at(Precision::Month).to_string(),
                first.format("%Y-%m").to_string()
            );
            assert_eq!(
                at(Precision::Day).to_string(),
                first.format("%Y-%m-%d").to_string()
            );
        }
    }

    #[test]
    fn between_two_snapshots_is_a_window_or_the_next_day() {
        let w = |a, b| PartialDate::between(a, b).map(|p| p.to_string());
        assert_eq!(
            w(d(2024, 1, 31), d(2024, 2, 29)).as_deref(),
            Some("2024-01-31/2024-02-29")
        );
        assert_eq!(
            w(d(2024, 1, 31), d(2024, 2, 1)).as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(w(d(2024, 1, 31), d(2024, 1, 31)), None);
        assert_eq!(
            PartialDate::between(d(1800, 1, 1), d(2000, 1, 1)),
            None,
            "longer than a window may be"
        );
    }

    #[test]
    fn periods_are_days_months_quarters_and_years() {
        let p = |t: &str| parse_period(t).map(|p| (p.first, p.last));
        assert_eq!(p("2026-07-15"), Ok((d(2026, 7, 15), d(2026, 7, 15))));
        assert_eq!(p("2026-02"), Ok((d(2026, 2, 1), d(2026, 2, 28))));
        assert_eq!(p("2026-Q3"), Ok((d(2026, 7, 1), d(2026, 9, 30))));
        assert_eq!(p("2026-q4"), Ok((d(2026, 10, 1), d(2026, 12, 31))));
        assert_eq!(p("2026"), Ok((d(2026, 1, 1), d(2026, 12, 31))));
        for bad in [
            "2026-Q5", "2026-Q0", "2026Q3", "Q3", "2026-07~", "2026-13", "x", "",
        ] {
            assert!(p(bad).is_err(), "{bad}");
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_every_precision_and_qualifier() {
        let y = PartialDate::parse("2021").unwrap();
        assert_eq!(
            (y.first_day(), y.last_day()),
            (d(2021, 1, 1), d(2021, 12, 31))
        );
        let m = PartialDate::parse("2022-11~").unwrap();
        assert_eq!(
            (m.first_day(), m.last_day()),
            (d(2022, 11, 1), d(2022, 11, 30))
        );
        assert_eq!(m.qualifier(), Qualifier::Approximate);
        assert_eq!(m.to_string(), "2022-11~");
        let feb = PartialDate::parse("2024-02?").unwrap();
        assert_eq!(feb.last_day(), d(2024, 2, 29));
        assert_eq!(feb.to_string(), "2024-02?");
        let dec = PartialDate::parse("2023-12").unwrap();
        assert_eq!(dec.last_day(), d(2023, 12, 31));
        assert_eq!(
            PartialDate::parse("2023-05-10").unwrap().to_string(),
            "2023-05-10"
        );
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for bad in [
            "2023-02-30",
            "2023-13",
            "0000",
            "2023-5-1",
            "23",
            "2023-05-10x",
            "",
            "~",
            "2023/05/10",
            "2023-05-10T10:00",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn uncertainty_covers_the_period_of_an_imprecise_date() {
        let m = PartialDate::parse("2022-11~").unwrap();
        assert!(m.is_uncertain_on(d(2022, 11, 15)));
        assert!(!m.is_uncertain_on(d(2022, 12, 1)));
        let exact = PartialDate::parse("2023-05-10").unwrap();
        assert!(!exact.is_uncertain_on(d(2023, 5, 10)));
    }

    #[test]
    fn a_window_counts_from_the_day_after_its_start_and_prints_as_written() {
        let w = PartialDate::parse("2023-01-31/2023-02-28").unwrap();
        assert_eq!(w.precision(), Precision::Window);
        assert_eq!(w.qualifier(), Qualifier::Exact);
        assert_eq!(
            (w.first_day(), w.last_day()),
            (d(2023, 2, 1), d(2023, 2, 28))
        );
        assert_eq!(w.window(), Some((d(2023, 1, 31), d(2023, 2, 28))));
        assert_eq!(w.span(), 27);
        assert_eq!(w.to_string(), "2023-01-31/2023-02-28");
        assert_eq!(PartialDate::parse(&w.to_string()), Ok(w));
        assert!(w.is_imprecise());
        // Across a year's end, and the shortest window: two days.
        let y = PartialDate::parse("2022-12-30/2023-01-01").unwrap();
        assert_eq!(
            (y.first_day(), y.last_day()),
            (d(2022, 12, 31), d(2023, 1, 1))
        );
        assert_eq!(y.to_string(), "2022-12-30/2023-01-01");
        assert_eq!(PartialDate::parse("2023-05-10").unwrap().window(), None);
    }

    #[test]
    fn a_window_is_uncertain_on_the_days_it_may_have_happened() {
        let w = PartialDate::parse("2023-01-31/2023-02-28").unwrap();
        assert!(!w.is_uncertain_on(d(2023, 1, 31)));
        assert!(w.is_uncertain_on(d(2023, 2, 1)));
        assert!(w.is_uncertain_on(d(2023, 2, 28)));
        assert!(!w.is_uncertain_on(d(2023, 3, 1)));
    }

    #[test]
    fn a_window_orders_by_its_first_possible_day() {
        let w = PartialDate::parse("2023-01-31/2023-02-28").unwrap();
        let month = PartialDate::parse("2023-02").unwrap();
        let day = PartialDate::parse("2023-01-31").unwrap();
        assert_eq!(w.first_day(), month.first_day());
        assert!(day.first_day() < w.first_day());
    }

    /// The message and the help of a refused date.
    fn refused(text: &str) -> (String, String) {
        let e = PartialDate::parse(text).unwrap_err();
        (e.to_string(), e.help().into_owned())
    }

    #[test]
    fn a_window_that_is_not_one_is_refused_with_how_to_write_it() {
        assert_eq!(
            refused("2023-02-28/2023-01-31"),
            (
                "'2023-02-28/2023-01-31' is not a date window: it ends before it begins".into(),
                "write the earlier day first: \"2023-01-31/2023-02-28\"".into()
            )
        );
        assert_eq!(
            refused("2023-01-31/2023-02-01"),
            (
                "'2023-01-31/2023-02-01' is not a date window: it holds one day, 2023-02-01".into(),
                "write the day: 2023-02-01".into()
            )
        );
        assert_eq!(
            refused("2023-01-31/2023-01-31").1,
            "write the day: 2023-01-31"
        );
        assert_eq!(
            refused("2023-01/2023-03"),
            (
                "'2023-01/2023-03' is not a date window: both ends of a window are days (YYYY-MM-DD)"
                    .into(),
                "a window is after its start, on or before its end: \"2022-12-31/2023-03-31\" is some day from 2023-01-01 through 2023-03-31"
                    .into()
            )
        );
        assert_eq!(
            refused("2023-01-31/2023-02-28~"),
            (
                "'2023-01-31/2023-02-28~' is not a date window: a window takes no `~` or `?`: it is imprecise already"
                    .into(),
                "write \"2023-01-31/2023-02-28\"".into()
            )
        );
        assert_eq!(
            refused("2023-01-31?/2023-02-28").1,
            "write \"2023-01-31/2023-02-28\""
        );
        assert_eq!(
            refused("1800-01-01/2000-01-01"),
            (
                "'1800-01-01/2000-01-01' is not a date window: it is longer than 65536 days".into(),
                "write a year, or a shorter window".into()
            )
        );
        assert_eq!(
            refused("2023-01-31/2023-02-30"),
            (
                "'2023-01-31/2023-02-30' is not a real date: that month has no such day".into(),
                DATE_FORMS.into()
            )
        );
        for shape in [
            "2023-01-31/",
            "/2023-02-28",
            "/",
            "2023-01-31/2023-02-15/2023-02-28",
            "2023-01-31 / 2023-02-28",
            "2023-01-31/2023-2-28",
        ] {
            assert_eq!(
                refused(shape),
                (format!("'{shape}' is not a date"), DATE_FORMS.into()),
                "{shape}"
            );
        }
    }

    #[test]
    fn a_window_stays_eight_bytes() {
        assert_eq!(std::mem::size_of::<PartialDate>(), 8);
        assert_eq!(std::mem::size_of::<Option<PartialDate>>(), 8);
    }

    #[test]
    fn from_parts_gives_back_what_parsing_gives() {
        for text in ["2021", "2022-11~", "2023-05-10?", "2023-01-31/2023-02-28"] {
            let p = PartialDate::parse(text).unwrap();
            let back =
                PartialDate::from_parts(p.first_day(), p.precision(), p.qualifier(), p.span());
            assert_eq!(back, Some(p), "{text}");
        }
        let day = d(2023, 2, 1);
        assert_eq!(
            PartialDate::from_parts(day, Precision::Window, Qualifier::Exact, 0),
            None
        );
        assert_eq!(
            PartialDate::from_parts(day, Precision::Day, Qualifier::Exact, 3),
            None
        );
        assert_eq!(
            PartialDate::from_parts(day, Precision::Window, Qualifier::Approximate, 3),
            None
        );
    }

    #[test]
    fn query_dates_must_be_days() {
        assert_eq!(parse_query_date("2023-05-10"), Ok(d(2023, 5, 10)));
        let err = parse_query_date("2023-05").unwrap_err();
        assert!(err.contains("2023-05-01 or 2023-05-31"), "{err}");
        assert_eq!(
            parse_query_date("2023-01-31/2023-02-28"),
            Err("'2023-01-31/2023-02-28' is not a single day; the command line takes an exact day, YYYY-MM-DD without `~` or `?`: e.g. 2023-02-01 or 2023-02-28".into())
        );
        let err = parse_query_date("2023-10-01~").unwrap_err();
        assert!(
            err.ends_with("without `~` or `?`: e.g. 2023-10-01"),
            "{err}"
        );
    }
}
