//! The bands of the intra-party statistics (domain.md §6.3) as versioned data: age bands exactly
//! as the national 公报, 党龄 bands, the 公报's 入党时间 eras, and which months of organisational
//! life met the rules. The API turns each band into a SQL bucket and into the member-list filter
//! that drills into it, so the number and the list behind it use the same boundaries.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::meetings::{Frequency, MeetingKind, MeetingRules};

/// A band of whole years, `min..=max` (`max` none: and above).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearBand {
    pub key: String,
    pub label: String,
    pub min: i32,
    pub max: Option<i32>,
}

impl YearBand {
    fn new(key: &str, label: &str, min: i32, max: Option<i32>) -> YearBand {
        YearBand { key: key.into(), label: label.into(), min, max }
    }

    /// The dates a year count is measured from (a birth date for age, a 转正 date for 党龄)
    /// that fall in the band on `on`: `(on or after, on or before)`.
    pub fn date_range(&self, on: NaiveDate) -> (Option<NaiveDate>, NaiveDate) {
        let latest = years_before(on, self.min);
        let earliest = self.max.map(|max| years_before(on, max + 1).succ_opt().expect("valid date"));
        (earliest, latest)
    }

    pub fn contains(&self, years: i32) -> bool {
        years >= self.min && self.max.is_none_or(|max| years <= max)
    }
}

/// An era of 入党时间: joined on or after `from` and before `until`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Era {
    pub key: String,
    pub label: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StatisticsRules {
    pub version: String,
    pub age_bands: Vec<YearBand>,
    pub standing_bands: Vec<YearBand>,
    pub join_eras: Vec<Era>,
    /// 35岁及以下 in the 发展党员 table.
    pub young_max_age: i32,
    /// The ethnicity that is not a 少数民族.
    pub majority_ethnicity: String,
    /// Months shown in the organisational-life heat map.
    pub heat_months: u32,
    /// Above this many branches the heat map shows one row per child org instead.
    pub heat_max_rows: usize,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

impl Default for StatisticsRules {
    fn default() -> Self {
        let age = [(0, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60)];
        let mut age_bands: Vec<YearBand> = age
            .iter()
            .map(|&(lo, hi)| {
                let label = if lo == 0 { "30岁及以下".to_string() } else { format!("{lo}—{hi}岁") };
                YearBand::new(&format!("{lo}_{hi}"), &label, lo, Some(hi))
            })
            .collect();
        age_bands.push(YearBand::new("61_", "61岁及以上", 61, None));
        let standing =
            [(0, 4, "不满5年"), (5, 9, "5—9年"), (10, 19, "10—19年"), (20, 29, "20—29年"), (30, 49, "30—49年")];
        let mut standing_bands: Vec<YearBand> =
            standing.iter().map(|&(lo, hi, label)| YearBand::new(&format!("{lo}_{hi}"), label, lo, Some(hi))).collect();
        standing_bands.push(YearBand::new("50_", "50年及以上", 50, None));
        let era = |key: &str, label: &str, from: Option<NaiveDate>, until: Option<NaiveDate>| Era {
            key: key.into(),
            label: label.into(),
            from,
            until,
        };
        let prc = date(1949, 10, 1);
        let third_plenum = date(1978, 12, 18);
        let eighteenth = date(2012, 11, 8);
        StatisticsRules {
            version: "2024年党内统计公报口径 v1".into(),
            age_bands,
            standing_bands,
            join_eras: vec![
                era("before_1949", "新中国成立前", None, Some(prc)),
                era("1949_1978", "新中国成立后至党的十一届三中全会前", Some(prc), Some(third_plenum)),
                era("1978_2012", "党的十一届三中全会后至党的十八大前", Some(third_plenum), Some(eighteenth)),
                era("since_2012", "党的十八大以来", Some(eighteenth), None),
            ],
            young_max_age: 35,
            majority_ethnicity: "汉族".into(),
            heat_months: 12,
            heat_max_rows: 60,
        }
    }
}

/// `on` moved back `years` years (29 February becomes 28 February).
pub fn years_before(on: NaiveDate, years: i32) -> NaiveDate {
    on.checked_sub_months(Months::new(12 * years.max(0) as u32)).expect("valid date")
}

/// Whole years from `from` to `on`.
pub fn whole_years(from: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - from.year();
    if (on.month(), on.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// The first days of the `count` months (at least one) ending with `on`'s month, oldest first.
pub fn months_ending(on: NaiveDate, count: u32) -> Vec<NaiveDate> {
    let first = date(on.year(), on.month(), 1);
    (0..count.max(1)).rev().map(|back| first.checked_sub_months(Months::new(back)).expect("valid date")).collect()
}

/// Whether a branch met the rules in `month` (its first day), given the months it held each
/// kind in: monthly kinds in the month itself; quarterly kinds once in the quarter, checked in
/// its last month; yearly kinds once in the year, checked in December.
pub fn month_met(rules: &MeetingRules, month: NaiveDate, held: &dyn Fn(MeetingKind, NaiveDate) -> bool) -> bool {
    rules.frequencies.iter().all(|(kind, frequency)| {
        let span = match frequency {
            Frequency::Monthly => 1,
            Frequency::Quarterly if month.month().is_multiple_of(3) => 3,
            Frequency::Yearly if month.month() == 12 => 12,
            _ => return true,
        };
        (0..span).any(|back| held(*kind, month.checked_sub_months(Months::new(back)).expect("valid date")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_follow_the_gongbao() {
        let r = StatisticsRules::default();
        let labels: Vec<&str> = r.age_bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["30岁及以下", "31—35岁", "36—40岁", "41—45岁", "46—50岁", "51—55岁", "56—60岁", "61岁及以上"]
        );
        // Every age falls in exactly one band.
        for age in 0..110 {
            assert_eq!(r.age_bands.iter().filter(|b| b.contains(age)).count(), 1, "age {age}");
        }
    }

    #[test]
    fn a_band_is_a_range_of_birth_dates() {
        let r = StatisticsRules::default();
        let on = date(2026, 6, 30);
        let band = &r.age_bands[1]; // 31—35
        assert_eq!(band.date_range(on), (Some(date(1990, 7, 1)), date(1995, 6, 30)));
        // Born 1995-06-30: 31 on 2026-06-30; born 1995-07-01: still 30.
        assert_eq!(whole_years(date(1995, 6, 30), on), 31);
        assert_eq!(whole_years(date(1995, 7, 1), on), 30);
        assert_eq!(whole_years(date(1990, 7, 1), on), 35);
        assert_eq!(whole_years(date(1990, 6, 30), on), 36);
        assert_eq!(r.age_bands[7].date_range(on), (None, date(1965, 6, 30)));
        assert_eq!(years_before(date(2028, 2, 29), 1), date(2027, 2, 28));
    }

    #[test]
    fn eras_cover_every_date_once() {
        let r = StatisticsRules::default();
        for d in [
            date(1921, 7, 1),
            date(1949, 9, 30),
            date(1949, 10, 1),
            date(1978, 12, 17),
            date(1978, 12, 18),
            date(2012, 11, 7),
            date(2012, 11, 8),
            date(2026, 1, 1),
        ] {
            let hits =
                r.join_eras.iter().filter(|e| e.from.is_none_or(|f| d >= f) && e.until.is_none_or(|u| d < u)).count();
            assert_eq!(hits, 1, "{d}");
        }
    }

    #[test]
    fn months_met_by_frequency() {
        let rules = MeetingRules {
            version: "t".into(),
            frequencies: vec![
                (MeetingKind::BranchCommittee, Frequency::Monthly),
                (MeetingKind::PartyLecture, Frequency::Quarterly),
            ],
        };
        let held = |kind: MeetingKind, m: NaiveDate| match kind {
            MeetingKind::BranchCommittee => m != date(2026, 2, 1),
            _ => m == date(2026, 2, 1),
        };
        assert!(month_met(&rules, date(2026, 1, 1), &held)); // quarterly not checked yet
        assert!(!month_met(&rules, date(2026, 2, 1), &held)); // no 支委会
        assert!(month_met(&rules, date(2026, 3, 1), &held)); // 党课 in February counts for Q1
        assert!(!month_met(&rules, date(2026, 6, 1), &held)); // no 党课 in Q2
        assert_eq!(months_ending(date(2026, 2, 14), 3), vec![date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]);
    }
}
