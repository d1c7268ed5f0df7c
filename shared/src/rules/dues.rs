//! Party dues standards (中组发〔2008〕3号, domain.md §3) as versioned data: the category of a
//! member, the bracket table (the whole base at one rate, not progressive), the fixed amounts,
//! and the rounding, which the sources do not state and a deployment sets (`[dues_rules]`).
//! Money is integer fen throughout.

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// What a member's dues are reckoned from.
    pub enum DuesCategory {
        Employed = "employed" / "在职",
        Retired = "retired" / "离退休",
        Farmer = "farmer" / "农民",
        Student = "student" / "学生",
        Unemployed = "unemployed" / "下岗失业",
        Relief = "relief" / "依靠抚恤或救济生活",
        Subsistence = "subsistence" / "领取最低生活保障金",
        AnnualSalary = "annual_salary" / "年薪制",
        SelfEmployed = "self_employed" / "个体经营",
    }
}

/// An amount of money in fen (0.01 元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// The largest base accepted: 10 million 元 a month.
pub const MAX_BASE: Fen = Fen(1_000_000_000);

impl Fen {
    /// `3000`, `3000.5`, `3000.01` (元, at most two decimals, not negative).
    pub fn parse(text: &str) -> Option<Fen> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || fraction.len() > 2 || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
        let fen = whole.checked_mul(100)?.checked_add(fraction)?;
        (fen <= MAX_BASE.0).then_some(Fen(fen))
    }

    /// `30.00`
    pub fn yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

/// How a computed amount is rounded (half up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    Fen,
    Jiao,
    Yuan,
}

impl Rounding {
    fn unit(self) -> i64 {
        match self {
            Rounding::Fen => 1,
            Rounding::Jiao => 10,
            Rounding::Yuan => 100,
        }
    }
}

/// Up to this base (inclusive; `None`: above the last), this rate in permille.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    pub up_to: Option<Fen>,
    pub permille: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DuesRules {
    pub version: String,
    /// 在职 (also 年薪制 and 个体经营, whose base is reckoned differently).
    pub employed: Vec<Bracket>,
    /// 离退休, on the pension.
    pub retired: Vec<Bracket>,
    /// 农民党员: 0.2–1 元 a month, set by the province.
    pub farmer: Fen,
    /// 学生, 下岗失业, 依靠抚恤或救济, 低保: 0.2 元 a month.
    pub fixed: Fen,
    /// [U] not stated by the sources: to the fen by default.
    pub rounding: Rounding,
    /// 补交: at most this many past months in one payment.
    pub back_pay_months: u32,
    /// A single voluntary payment of at least this much goes to the Central Committee.
    pub remit_threshold: Fen,
    /// Months unpaid (without a recorded reason) before the member is reminded and the branch
    /// is told to 批评教育 (a local rule, domain.md §3 [L]).
    pub arrears_warn_months: u32,
    /// Consecutive months unpaid without a recorded reason before the 党章 §9 自行脱党
    /// procedure is suggested to the branch.
    pub arrears_lapse_months: u32,
    /// The day of the month on which members who have not paid are reminded.
    pub remind_day: u32,
}

impl Default for DuesRules {
    fn default() -> Self {
        let bracket = |up_to: Option<i64>, permille| Bracket { up_to: up_to.map(Fen), permille };
        DuesRules {
            version: "中组发〔2008〕3号 v1（按分四舍五入）".into(),
            employed: vec![
                bracket(Some(300_000), 5),
                bracket(Some(500_000), 10),
                bracket(Some(1_000_000), 15),
                bracket(None, 20),
            ],
            retired: vec![bracket(Some(500_000), 5), bracket(None, 10)],
            farmer: Fen(20),
            fixed: Fen(20),
            rounding: Rounding::Fen,
            back_pay_months: 6,
            remit_threshold: Fen(100_000),
            arrears_warn_months: 3,
            arrears_lapse_months: 6,
            remind_day: 20,
        }
    }
}

/// The monthly amount for a category and base, with the rate and the rule applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standard {
    /// 元, two decimals, e.g. `30.00`.
    pub amount: String,
    pub amount_fen: i64,
    /// e.g. `1%`, or `每月定额` for fixed amounts.
    pub rate: String,
    /// The rule in words, with its source.
    pub rule: String,
}

fn percent(permille: i64) -> String {
    if permille % 10 == 0 { format!("{}%", permille / 10) } else { format!("{}.{}%", permille / 10, permille % 10) }
}

/// The whole base at the rate of the bracket it falls in (not progressive), rounded.
pub fn standard(rules: &DuesRules, category: DuesCategory, base: Fen) -> Standard {
    use DuesCategory::*;
    let source = "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）";
    let fixed = |amount: Fen, what: &str| Standard {
        amount: amount.yuan(),
        amount_fen: amount.0,
        rate: "每月定额".into(),
        rule: format!("{what}每月交纳党费 {} 元（{source}）", amount.yuan()),
    };
    let table = match category {
        Farmer => return fixed(rules.farmer, "农民党员"),
        Student | Unemployed | Relief | Subsistence => return fixed(rules.fixed, category.label()),
        Retired => &rules.retired,
        Employed | AnnualSalary | SelfEmployed => &rules.employed,
    };
    let index = table.iter().position(|b| b.up_to.is_none_or(|top| base <= top));
    let bracket = index.map_or(Bracket { up_to: None, permille: 0 }, |i| table[i]);
    let floor = index.and_then(|i| i.checked_sub(1)).and_then(|i| table[i].up_to);
    let unit = rules.rounding.unit();
    // base · permille / 1000, rounded half up to the unit, all in integers.
    let scaled = base.0 * bracket.permille;
    let per_unit = 1000 * unit;
    let amount = Fen((scaled + per_unit / 2) / per_unit * unit);
    let range = match (floor, bracket.up_to) {
        (None, Some(top)) => format!("{} 元（含）以下", top.yuan()),
        (Some(floor), Some(top)) => format!("{} 元以上至 {} 元（含）", floor.yuan(), top.yuan()),
        (Some(floor), None) => format!("{} 元以上", floor.yuan()),
        (None, None) => "任何金额".into(),
    };
    Standard {
        amount: amount.yuan(),
        amount_fen: amount.0,
        rate: percent(bracket.permille),
        rule: format!(
            "{}月基数 {}，属 {range}档，按 {} 交纳（全额计算，不分段累进；{source}）",
            category.label(),
            base.yuan(),
            percent(bracket.permille)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(category: DuesCategory, base: &str) -> String {
        standard(&DuesRules::default(), category, Fen::parse(base).unwrap()).amount
    }

    #[test]
    fn the_domain_vectors() {
        use DuesCategory::*;
        let vectors = [
            (Employed, "3000.00", "15.00"),
            (Employed, "3000.01", "30.00"),
            (Employed, "5000.00", "50.00"),
            (Employed, "5000.01", "75.00"),
            (Employed, "10000.00", "150.00"),
            (Employed, "10000.01", "200.00"),
            (Retired, "5000.00", "25.00"),
            (Retired, "5000.01", "50.00"),
            (Student, "0", "0.20"),
            (Subsistence, "800", "0.20"),
            (Farmer, "0", "0.20"),
            (AnnualSalary, "20000", "400.00"),
            (Employed, "0", "0.00"),
            (Employed, "2999.99", "15.00"),
        ];
        for (category, base, expected) in vectors {
            assert_eq!(amount(category, base), expected, "{category:?} {base}");
        }
    }

    #[test]
    fn rounding_is_configurable() {
        let base = Fen::parse("3456.78").unwrap();
        let at =
            |rounding| standard(&DuesRules { rounding, ..DuesRules::default() }, DuesCategory::Employed, base).amount;
        assert_eq!(at(Rounding::Fen), "34.57");
        assert_eq!(at(Rounding::Jiao), "34.60");
        assert_eq!(at(Rounding::Yuan), "35.00");
        let s = standard(&DuesRules::default(), DuesCategory::Employed, base);
        assert_eq!(s.rate, "1%");
        assert!(s.rule.contains("属 3000.00 元以上至 5000.00 元（含）档"), "{}", s.rule);
        let top = standard(&DuesRules::default(), DuesCategory::Retired, Fen::parse("6500").unwrap());
        assert!(top.rule.contains("属 5000.00 元以上档"), "{}", top.rule);
        let low = standard(&DuesRules::default(), DuesCategory::Employed, Fen::parse("2000").unwrap());
        assert!(low.rule.contains("属 3000.00 元（含）以下档"), "{}", low.rule);
    }

    #[test]
    fn money_parses_exactly() {
        assert_eq!(Fen::parse("3000"), Some(Fen(300_000)));
        assert_eq!(Fen::parse("3000.5"), Some(Fen(300_050)));
        assert_eq!(Fen::parse(" 0.01 "), Some(Fen(1)));
        for bad in ["", "-1", "1.234", "1e3", "abc", "１０", "10000000.01", "."] {
            assert_eq!(Fen::parse(bad), None, "{bad}");
        }
        assert_eq!(Fen(1_500).yuan(), "15.00");
    }
}
