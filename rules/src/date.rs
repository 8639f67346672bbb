//! Civil dates (`YYYY-MM-DD`) without a clock: parsing, day arithmetic, quarters.
//! The core never reads the current date; callers pass it in.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// Year, 1–9999.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl CivilDate {
    /// A date, when it exists in the calendar.
    pub fn new(year: u32, month: u32, day: u32) -> Option<CivilDate> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > crate::ids::days_in_month(year, month) {
            return None;
        }
        Some(CivilDate { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (ten characters, ASCII digits, a real date).
    pub fn parse(s: &str) -> Option<CivilDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter()
                .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        CivilDate::new(num(0..4)?, num(5..7)?, num(8..10)?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (y + if m <= 2 { 1 } else { 0 }).clamp(1, 9999) as u32;
        CivilDate { year, month: m, day: d }
    }

    /// The UTC date of an instant in milliseconds since the Unix epoch.
    pub fn from_epoch_ms(ms: i64) -> CivilDate {
        CivilDate::from_days_since_epoch(ms.div_euclid(86_400_000))
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> CivilDate {
        CivilDate::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: CivilDate) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Quarter of the year, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// First day of this date's quarter.
    pub fn quarter_start(self) -> CivilDate {
        CivilDate {
            year: self.year,
            month: (self.quarter() - 1) * 3 + 1,
            day: 1,
        }
    }

    /// True when both dates are in the same quarter of the same year.
    pub fn same_quarter(self, other: CivilDate) -> bool {
        self.year == other.year && self.quarter() == other.quarter()
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        assert_eq!(CivilDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(CivilDate::parse("2023-02-29").is_none());
        assert!(CivilDate::parse("2024-13-01").is_none());
        assert!(CivilDate::parse("2024-1-01").is_none());
        assert!(CivilDate::parse("２０２４-01-01").is_none());
        assert!(CivilDate::parse("0000-01-01").is_none());
        assert!(CivilDate::parse("").is_none());
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-700_000i64, -1, 0, 1, 19_000, 2_932_896] {
            let d = CivilDate::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(CivilDate::from_epoch_ms(0).to_string(), "1970-01-01");
        assert_eq!(CivilDate::from_epoch_ms(-1).to_string(), "1969-12-31");
        let d = CivilDate::parse("2024-03-31").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-04-01");
        assert_eq!(d.quarter(), 1);
        assert_eq!(d.add_days(1).quarter_start().to_string(), "2024-04-01");
        assert!(!d.same_quarter(d.add_days(1)));
    }
}
