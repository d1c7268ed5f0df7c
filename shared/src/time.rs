//! Time in China. The institution works in Beijing time (UTC+8, no daylight saving): business
//! dates, deadlines, ages and "this month" are all taken in it. This is the one place that
//! knows the offset; the API's clock and the SPA both call these functions.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

/// Beijing time is UTC+8 all year.
pub const CHINA_OFFSET_HOURS: i64 = 8;

/// The wall-clock time in China at the UTC instant `utc`.
pub fn china_time(utc: DateTime<Utc>) -> NaiveDateTime {
    utc.naive_utc() + Duration::hours(CHINA_OFFSET_HOURS)
}

/// The business date in China at the UTC instant `utc`.
pub fn china_date(utc: DateTime<Utc>) -> NaiveDate {
    china_time(utc).date()
}

/// The hour (0–23) in China at the UTC instant `utc` (nightly schedules use it).
pub fn china_hour(utc: DateTime<Utc>) -> u32 {
    china_time(utc).hour()
}

/// `2026-03-01 09:30` in China, for showing a UTC timestamp to people.
pub fn fmt_china(utc: DateTime<Utc>) -> String {
    china_time(utc).format("%Y-%m-%d %H:%M").to_string()
}

/// Whole years from `from` to `to` (an age, a length of membership).
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_china_date_turns_at_16_00_utc() {
        let before = Utc.with_ymd_and_hms(2026, 12, 31, 15, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(china_date(before), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(china_date(after), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(china_hour(after), 0);
        assert_eq!(fmt_china(before), "2026-12-31 23:59");
    }

    #[test]
    fn years_count_only_after_the_anniversary() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(years_between(d(2008, 3, 1), d(2026, 2, 28)), 17);
        assert_eq!(years_between(d(2008, 3, 1), d(2026, 3, 1)), 18);
    }
}
