//! Calendar dates as facilitators write them: `YYYY-MM-DD`, or `YYYY-MM` and `YYYY` where the
//! source gives only the month or the year. A date keeps the precision it was written with, so
//! a page never shows a day (or a month) that no file gives.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date; `month` and `day` are 0 where the date was written without them (`2019`,
/// `2019-03`), which also sorts a year before the dates inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || {
            format!(
                "bad date `{s}`: expected YYYY-MM-DD (or YYYY-MM, or YYYY, where only the month or the year is known)"
            )
        };
        let parts: Vec<&str> = s.trim().split('-').collect();
        let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        if !matches!(lengths.as_slice(), [4] | [4, 2] | [4, 2, 2])
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let number = |i: usize| parts.get(i).map_or(Ok(0), |p| p.parse::<u16>());
        let (year, month, day) = (
            number(0).map_err(|_| bad())?,
            number(1).map_err(|_| bad())? as u8,
            number(2).map_err(|_| bad())? as u8,
        );
        if parts.len() >= 2 && !(1..=12).contains(&month) {
            return Err(format!("bad date `{s}`: there is no month {month}"));
        }
        if parts.len() == 3 && (day == 0 || day > days_in_month(year, month)) {
            return Err(format!(
                "bad date `{s}`: month {month} of {year} has no day {day}"
            ));
        }
        Ok(Date { year, month, day })
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day the date covers: 1 January of a year, the 1st of a month.
    pub fn first_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// The last day the date covers: 31 December of a year, the last day of a month. An end
    /// written `2021` has not passed until 2021 is over.
    pub fn last_day(self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year, month)
        } else {
            self.day
        };
        Date {
            year: self.year,
            month,
            day,
        }
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil algorithm), from the first
    /// day the date covers.
    pub fn days_since_epoch(self) -> i64 {
        let Date { month, day, .. } = self.first_day();
        let (m, d) = (i64::from(month), i64::from(day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil-from-days algorithm.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            // `date: 2019` is a number to YAML: a year.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse("2024-02-29").unwrap(),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("13-03-2024").is_err());
        assert!(Date::parse("2019-3").is_err());
        assert!(Date::parse("2019-13").is_err());
        assert!(Date::parse("+019").is_err());
        assert_eq!(Date::parse("2019").unwrap().to_string(), "2019");
        assert_eq!(Date::parse("2019-03").unwrap().to_string(), "2019-03");
        assert_eq!(
            Date::parse("2020-02").unwrap().last_day().to_string(),
            "2020-02-29"
        );
        assert!(Date::parse("2019").unwrap() < Date::parse("2019-01-01").unwrap());
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(19_795).to_string(),
            "2024-03-13"
        );
    }
}
