//! Working days in mainland China: weekends, public holidays and 调休 make-up workdays, as
//! data per year (from the State Council's yearly notice). Admins can edit the data at run time;
//! this is the shipped copy.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A day off that would otherwise be a workday (法定节假日 or its 调休 days off).
    Holiday,
    /// A weekend day that is a workday (调休上班).
    Workday,
}

/// One year's exceptions. `confirmed` is false while the year's official notice is not in the
/// data: counts that reach into it are marked provisional (暂算).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYear {
    pub year: i32,
    pub confirmed: bool,
    pub source: String,
    pub days: BTreeMap<NaiveDate, DayKind>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkCalendar {
    years: BTreeMap<i32, CalendarYear>,
}

fn range(from: (i32, u32, u32), to_day: u32) -> impl Iterator<Item = NaiveDate> {
    let (y, m, d) = from;
    (d..=to_day).filter_map(move |day| NaiveDate::from_ymd_opt(y, m, day))
}

fn year(
    year: i32,
    confirmed: bool,
    source: &str,
    holidays: &[((u32, u32), u32)],
    workdays: &[(u32, u32)],
) -> CalendarYear {
    let mut days = BTreeMap::new();
    for ((month, from), to) in holidays {
        for day in range((year, *month, *from), *to) {
            days.insert(day, DayKind::Holiday);
        }
    }
    for (month, day) in workdays {
        if let Some(d) = NaiveDate::from_ymd_opt(year, *month, *day) {
            days.insert(d, DayKind::Workday);
        }
    }
    CalendarYear { year, confirmed, source: source.into(), days }
}

impl WorkCalendar {
    pub fn new(years: Vec<CalendarYear>) -> WorkCalendar {
        WorkCalendar { years: years.into_iter().map(|y| (y.year, y)).collect() }
    }

    /// The calendars shipped with the platform: 2025 and 2026 from the State Council notices;
    /// 2027 provisional (statutory holidays only, no 调休) until its notice is entered.
    pub fn shipped() -> WorkCalendar {
        WorkCalendar::new(vec![
            year(
                2025,
                true,
                "国办发明电〔2024〕12号",
                &[
                    ((1, 1), 1),
                    ((1, 28), 31),
                    ((2, 1), 4),
                    ((4, 4), 6),
                    ((5, 1), 5),
                    ((5, 31), 31),
                    ((6, 1), 2),
                    ((10, 1), 8),
                ],
                &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
            ),
            year(
                2026,
                true,
                "国办发明电〔2025〕7号",
                &[((1, 1), 3), ((2, 15), 23), ((4, 4), 6), ((5, 1), 5), ((6, 19), 21), ((9, 25), 27), ((10, 1), 7)],
                &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
            ),
            year(
                2027,
                false,
                "暂定：仅法定节假日，待国务院办公厅通知发布后更新",
                &[((1, 1), 1), ((2, 5), 8), ((4, 5), 5), ((5, 1), 2), ((6, 9), 9), ((9, 15), 15), ((10, 1), 3)],
                &[],
            ),
        ])
    }

    pub fn years(&self) -> impl Iterator<Item = &CalendarYear> {
        self.years.values()
    }

    /// Whether the day's year is covered by a confirmed notice.
    pub fn is_confirmed(&self, day: NaiveDate) -> bool {
        self.years.get(&day.year()).is_some_and(|y| y.confirmed)
    }

    pub fn is_workday(&self, day: NaiveDate) -> bool {
        match self.years.get(&day.year()).and_then(|y| y.days.get(&day)) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The last day of a period of `n` working days that starts on `start` (counted if it is a
    /// workday), and whether the count relied on provisional data.
    pub fn workdays_end(&self, start: NaiveDate, n: u32) -> (NaiveDate, bool) {
        let mut day = start;
        let mut counted = 0;
        let mut provisional = false;
        loop {
            provisional |= !self.is_confirmed(day);
            if self.is_workday(day) {
                counted += 1;
                if counted >= n {
                    return (day, provisional);
                }
            }
            day = day.succ_opt().expect("dates stay in range");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        let cal = WorkCalendar::shipped();
        assert!(!cal.is_workday(d(2026, 10, 1)), "国庆");
        assert!(cal.is_workday(d(2026, 10, 10)), "调休上班 (Saturday)");
        assert!(!cal.is_workday(d(2026, 10, 11)), "ordinary Sunday");
        assert!(cal.is_workday(d(2026, 2, 14)), "调休上班 before 春节");
        assert!(!cal.is_workday(d(2026, 2, 23)), "春节 (Monday)");
    }

    #[test]
    fn five_working_days_inclusive_across_a_holiday_with_make_up_day() {
        let cal = WorkCalendar::shipped();
        // Mon 2026-09-28: 28, 29, 30 work; 10-01..07 off; Thu 10-08, Fri 10-09 → ends 10-09.
        assert_eq!(cal.workdays_end(d(2026, 9, 28), 5), (d(2026, 10, 9), false));
        // Tue 2026-09-29: 29, 30, 10-08, 10-09, Sat 10-10 (调休上班) → ends 10-10.
        assert_eq!(cal.workdays_end(d(2026, 9, 29), 5), (d(2026, 10, 10), false));
        // An ordinary week: Mon 2026-11-02 → Fri 2026-11-06.
        assert_eq!(cal.workdays_end(d(2026, 11, 2), 5), (d(2026, 11, 6), false));
        // Starting on a Saturday: the start does not count.
        assert_eq!(cal.workdays_end(d(2026, 11, 7), 5), (d(2026, 11, 13), false));
        // Late December reaches into the provisional 2027 data.
        assert_eq!(cal.workdays_end(d(2026, 12, 28), 5), (d(2027, 1, 4), true));
    }
}
