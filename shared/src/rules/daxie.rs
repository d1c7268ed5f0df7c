//! Amounts and dates in 大写 (壹贰叁…), as the 《中国共产党党员组织关系介绍信》 requires for its
//! 党费交至年月 and 有效期 so that they cannot be altered (domain.md §5, "Letter format").

use chrono::{Datelike, NaiveDate};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A count below ten thousand in 大写: 90 → 玖拾, 11 → 壹拾壹, 105 → 壹佰零伍, 0 → 零.
/// Larger counts are written digit by digit (letter numbers and years never need more).
pub fn number(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        return digits(n);
    }
    let units = ["仟", "佰", "拾", ""];
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero_pending = false;
    for (digit, unit) in parts.iter().zip(units) {
        if *digit == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(DIGITS[*digit as usize]);
        out.push_str(unit);
    }
    out
}

/// Each digit in 大写: 2026 → 贰零贰陆.
pub fn digits(n: u32) -> String {
    n.to_string().chars().filter_map(|c| c.to_digit(10)).map(|d| DIGITS[d as usize]).collect()
}

/// 2026-11 → 贰零贰陆年壹拾壹月 (the 党费交至 month).
pub fn month(date: NaiveDate) -> String {
    format!("{}年{}月", digits(date.year().max(0) as u32), number(date.month()))
}

/// 2026-11-27 → 贰零贰陆年壹拾壹月贰拾柒日.
pub fn date(date: NaiveDate) -> String {
    format!("{}{}日", month(date), number(date.day()))
}

/// 90 → 玖拾天 (a letter's validity).
pub fn days(n: u32) -> String {
    format!("{}天", number(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases = [
            (0, "零"),
            (3, "叁"),
            (10, "壹拾"),
            (11, "壹拾壹"),
            (20, "贰拾"),
            (27, "贰拾柒"),
            (30, "叁拾"),
            (90, "玖拾"),
            (100, "壹佰"),
            (105, "壹佰零伍"),
            (1001, "壹仟零壹"),
            (1010, "壹仟零壹拾"),
            (2026, "贰仟零贰拾陆"),
        ];
        for (n, text) in cases {
            assert_eq!(number(n), text, "{n}");
        }
    }

    #[test]
    fn dates_months_and_days() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(date(d), "贰零贰陆年壹拾壹月贰拾柒日");
        assert_eq!(month(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()), "贰零贰柒年贰月");
        assert_eq!(date(NaiveDate::from_ymd_opt(2030, 10, 10).unwrap()), "贰零叁零年壹拾月壹拾日");
        assert_eq!(days(90), "玖拾天");
        assert_eq!(days(30), "叁拾天");
        assert_eq!(digits(2026), "贰零贰陆");
    }
}
