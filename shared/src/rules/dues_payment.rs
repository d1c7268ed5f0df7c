//! Which months a dues payment may cover (domain.md §3): the oldest unpaid months first, 补交 of
//! at most `back_pay_months` past months, the months ahead only with the branch's consent to
//! pay by the quarter and only to the end of the current quarter; and how far a member is in
//! arrears. Months are the first day of the month.

use chrono::{Datelike, Months, NaiveDate};

use super::RuleViolation;
use super::dues::DuesRules;

const SOURCE: &str = "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）";

/// The first day of `date`'s month.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// `2026-11` (or `2026-11-01`) → 2026-11-01.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let text = text.strip_suffix("-01").filter(|t| t.len() == 7).unwrap_or(text);
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || !(1..=2).contains(&month.len()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// `2026-11`
pub fn fmt_month(month: NaiveDate) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

/// `2026年11月`
pub fn month_label(month: NaiveDate) -> String {
    format!("{}年{}月", month.year(), month.month())
}

pub fn add_months(month: NaiveDate, n: i32) -> NaiveDate {
    if n >= 0 {
        month.checked_add_months(Months::new(n as u32)).unwrap_or(month)
    } else {
        month.checked_sub_months(Months::new(n.unsigned_abs())).unwrap_or(month)
    }
}

/// The last month of `month`'s quarter.
pub fn quarter_end(month: NaiveDate) -> NaiveDate {
    let last = (month.month() - 1) / 3 * 3 + 3;
    NaiveDate::from_ymd_opt(month.year(), last, 1).unwrap_or(month)
}

/// Whole months from `from` to `to` (both first days), `to` after `from` counts positive.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32
}

fn violation(code: &str, rule: &str, message: String) -> RuleViolation {
    RuleViolation { code: code.into(), rule: rule.into(), source: SOURCE.into(), message, earliest: None }
}

/// The months a payment "through `through`" covers: every open month (unpaid, no recorded
/// reason) up to `through`, plus the months after `current` up to `through`. `open` is sorted.
pub fn plan(
    rules: &DuesRules,
    current: NaiveDate,
    open: &[NaiveDate],
    through: NaiveDate,
    quarterly: bool,
) -> Result<Vec<NaiveDate>, RuleViolation> {
    if through > current {
        if !quarterly {
            return Err(violation(
                "dues.monthly",
                "党员应按月交纳党费；经党支部同意，可以按季度交纳",
                format!("未经党支部同意按季度交纳，只能交至 {}", month_label(current)),
            ));
        }
        let last = quarter_end(current);
        if through > last {
            return Err(violation(
                "dues.quarter_limit",
                "按季度交纳党费的，最多预交至本季度末",
                format!("最多可交至 {}", month_label(last)),
            ));
        }
    }
    let mut months: Vec<NaiveDate> = open.iter().copied().filter(|m| *m <= through).collect();
    let mut ahead = add_months(current, 1);
    while ahead <= through {
        if !months.contains(&ahead) {
            months.push(ahead);
        }
        ahead = add_months(ahead, 1);
    }
    months.sort();
    months.dedup();
    let back = months.iter().filter(|m| **m < current).count();
    if back > rules.back_pay_months as usize {
        return Err(violation(
            "dues.back_pay_limit",
            "补交党费一般不超过 6 个月；更早的欠交月份由党支部研究处理",
            format!(
                "本次包含 {back} 个月补交，超过 {} 个月；请党支部记录欠交原因或研究处理后再交纳",
                rules.back_pay_months
            ),
        ));
    }
    Ok(months)
}

/// How far a member is behind on `current`'s first day: months unpaid before the current
/// month (without a recorded reason), and how many of them run consecutively up to last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Arrears {
    pub months: u32,
    pub consecutive: u32,
}

pub fn arrears(open: &[NaiveDate], current: NaiveDate) -> Arrears {
    let past: Vec<NaiveDate> = open.iter().copied().filter(|m| *m < current).collect();
    let mut consecutive = 0;
    let mut expected = add_months(current, -1);
    while past.contains(&expected) {
        consecutive += 1;
        expected = add_months(expected, -1);
    }
    Arrears { months: past.len() as u32, consecutive }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> NaiveDate {
        parse_month(text).unwrap()
    }

    #[test]
    fn months_parse_and_print() {
        assert_eq!(m("2026-11"), NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(m("2026-3"), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(m("2026-11-01"), m("2026-11"));
        for bad in ["", "2026", "2026-13", "26-11", "2026-11-15", "abcd-ef"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert_eq!(fmt_month(m("2026-03")), "2026-03");
        assert_eq!(month_label(m("2026-11")), "2026年11月");
        assert_eq!(quarter_end(m("2026-11")), m("2026-12"));
        assert_eq!(quarter_end(m("2026-01")), m("2026-03"));
        assert_eq!(add_months(m("2026-01"), -2), m("2025-11"));
        assert_eq!(months_between(m("2025-11"), m("2026-02")), 3);
    }

    #[test]
    fn a_payment_covers_the_oldest_open_months_first() {
        let rules = DuesRules::default();
        let open = [m("2026-09"), m("2026-10"), m("2026-11")];
        assert_eq!(plan(&rules, m("2026-11"), &open, m("2026-11"), false).unwrap(), open.to_vec());
        assert_eq!(plan(&rules, m("2026-11"), &open, m("2026-10"), false).unwrap(), open[..2].to_vec());
    }

    #[test]
    fn back_pay_is_at_most_six_months() {
        let rules = DuesRules::default();
        let open: Vec<_> = (1..=7).map(|k| add_months(m("2026-11"), -k)).rev().collect();
        let err = plan(&rules, m("2026-11"), &open, m("2026-11"), false).unwrap_err();
        assert_eq!(err.code, "dues.back_pay_limit");
        assert!(plan(&rules, m("2026-11"), &open[1..], m("2026-11"), false).is_ok());
    }

    #[test]
    fn paying_ahead_needs_quarterly_consent_and_stops_at_the_quarter_end() {
        let rules = DuesRules::default();
        let open = [m("2026-10")];
        assert_eq!(plan(&rules, m("2026-10"), &open, m("2026-12"), false).unwrap_err().code, "dues.monthly");
        assert_eq!(
            plan(&rules, m("2026-10"), &open, m("2026-12"), true).unwrap(),
            vec![m("2026-10"), m("2026-11"), m("2026-12")]
        );
        assert_eq!(plan(&rules, m("2026-10"), &open, m("2027-01"), true).unwrap_err().code, "dues.quarter_limit");
    }

    #[test]
    fn arrears_count_past_months_and_the_run_up_to_last_month() {
        let now = m("2026-11");
        assert_eq!(arrears(&[], now), Arrears::default());
        assert_eq!(arrears(&[now], now), Arrears::default());
        let run: Vec<_> = (1..=6).map(|k| add_months(now, -k)).collect();
        assert_eq!(arrears(&run, now), Arrears { months: 6, consecutive: 6 });
        let gap = [m("2026-05"), m("2026-06"), m("2026-09"), m("2026-10")];
        assert_eq!(arrears(&gap, now), Arrears { months: 4, consecutive: 2 });
    }
}
