//! Time in China. The institution works in Beijing time (UTC+8, no daylight saving): business
//! dates, deadlines, ages and "this month" are all taken in it. This is the one place that
//! knows the offset; the API's clock and the SPA both call these functions.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

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
    fmt_minute(china_time(utc))
}

// The formatting and parsing below is written out by hand instead of chrono's `format` and
// `parse_from_str`: their strftime machinery is ~10 KB of every web UI area that shows a date.

/// `2026-03-01 09:30`.
pub fn fmt_minute(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// `03-01`, a day within a known year.
pub fn fmt_month_day(d: NaiveDate) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// A date as `2026-03-01` (what a date input gives; month and day may have one digit).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(year)? as i32, digits(month)?, digits(day)?)
}

/// A date as `20260301` (the birth date inside an ID card number).
pub fn parse_compact_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.is_ascii() {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&text[..4])? as i32, digits(&text[4..6])?, digits(&text[6..])?)
}

/// A wall-clock minute as `2026-03-01T09:30` (what a datetime-local input gives; a space works
/// as the separator too, and seconds are accepted).
pub fn parse_minute(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once(['T', ' '])?;
    let mut parts = time.split(':');
    let (hour, minute, second) = (parts.next()?, parts.next()?, parts.next().unwrap_or("00"));
    if parts.next().is_some() || [hour, minute, second].iter().any(|p| p.len() != 2) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(digits(hour)?, digits(minute)?, digits(second)?)?;
    Some(parse_date(date)?.and_time(time))
}

/// The value of a non-empty run of ASCII digits (at most 9, so it cannot overflow).
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// Whole years from `from` to `to` (an age, a length of membership).
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
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
    fn dates_parse_and_format_like_chrono_did() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(parse_date("2026-03-01"), Some(d(2026, 3, 1)));
        assert_eq!(parse_date("2026-3-1"), Some(d(2026, 3, 1)));
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "26-03-01",
            "2026-03-01-",
            "2026/03/01",
            "2026-0a-01",
            "+2026-03-01",
            "２０２６-03-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_compact_date("19800229"), Some(d(1980, 2, 29)));
        assert_eq!(parse_compact_date("19810229"), None);
        assert_eq!(parse_compact_date("1980022"), None);
        let t = parse_minute("2026-03-01T09:30").unwrap();
        assert_eq!(fmt_minute(t), "2026-03-01 09:30");
        assert_eq!(parse_minute("2026-03-01 09:30:15").map(|t| t.second()), Some(15));
        for bad in ["2026-03-01", "2026-03-01T9:30", "2026-03-01T24:00", "2026-03-01T09:30:00:00"] {
            assert_eq!(parse_minute(bad), None, "{bad}");
        }
        assert_eq!(fmt_month_day(d(2026, 3, 1)), "03-01");
        assert_eq!(fmt_minute(d(987, 1, 2).and_hms_opt(0, 5, 0).unwrap()), "0987-01-02 00:05");
    }

    #[test]
    fn years_count_only_after_the_anniversary() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(years_between(d(2008, 3, 1), d(2026, 2, 28)), 17);
        assert_eq!(years_between(d(2008, 3, 1), d(2026, 3, 1)), 18);
    }
}
