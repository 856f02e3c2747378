//! Dates as news reports give them: a year, a month or a day, possibly
//! approximate (`~`) or uncertain (`?`).
//!
//! Neither chrono nor TOML parses `2021` or `2021-03`, and an unquoted TOML
//! date (`2023-05-10`) is a TOML datetime, not a string, so the project
//! has its own [`PartialDate`] that accepts both forms and keeps its
//! precision and qualifier wherever it is printed.

use std::fmt;

use crate::escape::escape;
use chrono::{Datelike, NaiveDate};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
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

/// A date with a precision and a qualifier: `2021`, `2022-11~`, `2023-03-28`.
///
/// Ordering and arithmetic use [`PartialDate::first_day`]; the whole period
/// (`first_day..=last_day`) is what the source allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first: NaiveDate,
    precision: Precision,
    qualifier: Qualifier,
}

/// The forms a date may take, for error messages.
pub const DATE_FORMS: &str = "a date is YYYY-MM-DD, YYYY-MM or YYYY, optionally followed by `~` (approximate) or `?` (uncertain), e.g. 2023-05-10, \"2022-11~\", \"2021\"";

impl PartialDate {
    /// A date from its parts, as [`PartialDate::first_day`],
    /// [`PartialDate::precision`] and [`PartialDate::qualifier`] give them
    /// (the cache of replayed histories stores dates so).
    pub fn from_parts(first: NaiveDate, precision: Precision, qualifier: Qualifier) -> Self {
        PartialDate {
            first,
            precision,
            qualifier,
        }
    }

    /// An exact, day-precise date.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            first: date,
            precision: Precision::Day,
            qualifier: Qualifier::Exact,
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
        }
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

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally ending in `~` or `?`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
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
            precision,
            qualifier,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{}", self.first.format("%Y"))?,
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m"))?,
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d"))?,
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

#[cfg(test)]
mod tests {
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
    fn query_dates_must_be_days() {
        assert_eq!(parse_query_date("2023-05-10"), Ok(d(2023, 5, 10)));
        let err = parse_query_date("2023-05").unwrap_err();
        assert!(err.contains("e.g. 2023-05-01 or 2023-05-31"), "{err}");
        let err = parse_query_date("2023-10-01~").unwrap_err();
        assert!(
            err.ends_with("without `~` or `?`: e.g. 2023-10-01"),
            "{err}"
        );
    }
}
