//! Organisation-relationship transfer rules (domain.md §5) as data (`[transfer_rules]`), each
//! with its test vector below: the letter's validity, the 回执 deadline, the 6-month warning,
//! which document a member away from home needs, and what the receiver does with a 预备党员
//! whose probation passed without 转正.

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RuleViolation;

const SOURCE_LETTER: &str = "《中国共产党党员组织关系介绍信》填写说明；组通字〔2006〕45号";
const SOURCE_FLOW: &str = "《关于加强和改进流动党员管理工作的意见》；组通字〔2006〕45号";

/// What the receiving side does with a 预备党员 whose probation ended without 转正 ([L] rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverdueProbation {
    /// Accepting needs a written explanation from the receiving branch.
    Flag,
    /// The receiving side may not accept until the sending side settles 转正.
    Refuse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TransferRules {
    pub version: String,
    /// A letter's validity when the issuer does not set one, in days.
    pub letter_default_days: u32,
    /// 一般不超过3个月.
    pub letter_max_days: u32,
    /// The 回执 is due this many months after the letter is issued.
    pub receipt_months: u32,
    /// A transfer open longer than this (without reason) draws the 自行脱党 warning.
    pub overdue_months: u32,
    /// Away for more than this (fixed place) needs a 《党员证明信》; shorter trips need nothing.
    pub certificate_min_months: u32,
    /// Away for more than this at a fixed place needs a formal transfer instead.
    pub certificate_max_months: u32,
    /// Reminders (letter expiring, 外出 ending) go out this many days ahead.
    pub remind_days_before: u32,
    /// The 预备期 (one year).
    pub probation_months: u32,
    pub overdue_probation: OverdueProbation,
}

impl Default for TransferRules {
    fn default() -> Self {
        TransferRules {
            version: "转接规则 v1（介绍信有效期默认90天、不超过90天；回执1个月；超过6个月未转接预警；证明信3至6个月）"
                .into(),
            letter_default_days: 90,
            letter_max_days: 90,
            receipt_months: 1,
            overdue_months: 6,
            certificate_min_months: 3,
            certificate_max_months: 6,
            remind_days_before: 7,
            probation_months: 12,
            overdue_probation: OverdueProbation::Flag,
        }
    }
}

/// The validity asked for (or the default), in days: 422 beyond the maximum.
pub fn letter_days(rules: &TransferRules, requested: Option<u32>) -> Result<u32, RuleViolation> {
    let days = requested.unwrap_or(rules.letter_default_days);
    if days == 0 || days > rules.letter_max_days {
        return Err(RuleViolation {
            code: "transfer.letter_validity".into(),
            rule: format!("介绍信有效期一般不超过3个月（本单位规定最长{}天）", rules.letter_max_days),
            source: SOURCE_LETTER.into(),
            message: format!("有效期应为1至{}天，所填为{days}天", rules.letter_max_days),
            earliest: None,
        });
    }
    Ok(days)
}

/// The last day a letter issued on `issued` for `days` days is valid (the issue day counts).
pub fn valid_until(issued: NaiveDate, days: u32) -> NaiveDate {
    issued + Duration::days(days.max(1) as i64 - 1)
}

pub fn receipt_due(rules: &TransferRules, issued: NaiveDate) -> NaiveDate {
    issued.checked_add_months(Months::new(rules.receipt_months)).unwrap_or(issued)
}

/// A letter may be re-issued only once it has expired, on the branch's certificate and the
/// member's application (the reason).
pub fn may_reissue(valid_until: NaiveDate, today: NaiveDate) -> Result<(), RuleViolation> {
    if today <= valid_until {
        return Err(RuleViolation {
            code: "transfer.letter_still_valid".into(),
            rule: "介绍信过期的，凭党支部证明和本人申请重新开具".into(),
            source: SOURCE_LETTER.into(),
            message: format!("原介绍信有效期至 {valid_until}，尚未过期，无需重新开具"),
            earliest: Some(valid_until + Duration::days(1)),
        });
    }
    Ok(())
}

/// The 自行脱党 warning: a transfer started on `started` and still open on `today`.
pub fn overdue_warning(rules: &TransferRules, started: NaiveDate, today: NaiveDate) -> Option<RuleViolation> {
    let limit = started.checked_add_months(Months::new(rules.overdue_months))?;
    (today > limit).then(|| RuleViolation {
        code: "transfer.overdue".into(),
        rule: format!(
            "党员无正当理由，连续{}个月不转接组织关系、不参加党的组织生活、不交纳党费的，按自行脱党处理",
            rules.overdue_months
        ),
        source: "《中国共产党章程》第九条".into(),
        message: format!("转接自 {started} 开始，已超过{}个月未办结，请核实原因", rules.overdue_months),
        earliest: None,
    })
}

/// Which document a member away from `from` to `until` needs: `certificate` (fixed place) is
/// for more than `certificate_min_months` and at most `certificate_max_months`; an
/// `activity_card` (place not fixed) for more than `certificate_min_months`.
pub fn flow_document(
    rules: &TransferRules,
    document: &str,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(), RuleViolation> {
    let violation = |code: &str, rule: String, message: String| RuleViolation {
        code: code.into(),
        rule,
        source: SOURCE_FLOW.into(),
        message,
        earliest: None,
    };
    let min_end = from.checked_add_months(Months::new(rules.certificate_min_months)).unwrap_or(from);
    if until <= min_end {
        return Err(violation(
            "transfer.flow_too_short",
            format!("外出{}个月以内的短期外出，无需开具证明", rules.certificate_min_months),
            format!("外出 {from} 至 {until} 不超过{}个月，无需开具证明信或活动证", rules.certificate_min_months),
        ));
    }
    let max_end = from.checked_add_months(Months::new(rules.certificate_max_months)).unwrap_or(from);
    if document == "certificate" && until > max_end {
        return Err(violation(
            "transfer.flow_needs_transfer",
            format!("外出{}个月以上且地点相对固定的，应转接正式组织关系", rules.certificate_max_months),
            format!(
                "外出 {from} 至 {until} 超过{}个月，请办理组织关系转出，或地点不固定时申领流动党员活动证",
                rules.certificate_max_months
            ),
        ));
    }
    Ok(())
}

/// A 预备党员 who joined on `joined` and is still 预备 on `today` after the year of probation.
pub fn probation_overdue(rules: &TransferRules, joined: NaiveDate, today: NaiveDate) -> bool {
    joined.checked_add_months(Months::new(rules.probation_months)).is_some_and(|end| today > end)
}

/// The rule a receiver applies to such a member.
pub fn probation_violation(rules: &TransferRules, joined: NaiveDate) -> RuleViolation {
    let end = joined.checked_add_months(Months::new(rules.probation_months)).unwrap_or(joined);
    let what = match rules.overdue_probation {
        OverdueProbation::Refuse => "不予接收，请转出方先办理转正",
        OverdueProbation::Flag => "接收时须写明情况说明",
    };
    RuleViolation {
        code: "transfer.probation_overdue".into(),
        rule: "不接收超过预备期未转正的预备党员组织关系介绍信".into(),
        source: "本单位规定（转入须已按期转正）".into(),
        message: format!("该同志 {joined} 入党，预备期已于 {end} 届满仍未转正，{what}"),
        earliest: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn letter_validity_defaults_to_ninety_days_and_refuses_more() {
        let rules = TransferRules::default();
        assert_eq!(letter_days(&rules, None), Ok(90));
        assert_eq!(letter_days(&rules, Some(30)), Ok(30));
        assert_eq!(letter_days(&rules, Some(91)).unwrap_err().code, "transfer.letter_validity");
        assert!(letter_days(&rules, Some(0)).is_err());
        assert_eq!(valid_until(d(2026, 11, 27), 90), d(2027, 2, 24));
        assert_eq!(receipt_due(&rules, d(2026, 11, 27)), d(2026, 12, 27));
    }

    #[test]
    fn reissue_only_after_expiry() {
        let until = d(2027, 2, 24);
        assert_eq!(may_reissue(until, d(2027, 2, 24)).unwrap_err().earliest, Some(d(2027, 2, 25)));
        assert!(may_reissue(until, d(2027, 2, 25)).is_ok());
    }

    #[test]
    fn six_months_open_warns() {
        let rules = TransferRules::default();
        assert!(overdue_warning(&rules, d(2026, 5, 27), d(2026, 11, 27)).is_none());
        assert_eq!(overdue_warning(&rules, d(2026, 5, 26), d(2026, 11, 27)).unwrap().code, "transfer.overdue");
    }

    #[test]
    fn documents_for_members_away() {
        let rules = TransferRules::default();
        let from = d(2026, 12, 1);
        assert_eq!(
            flow_document(&rules, "certificate", from, d(2027, 3, 1)).unwrap_err().code,
            "transfer.flow_too_short"
        );
        assert!(flow_document(&rules, "certificate", from, d(2027, 3, 2)).is_ok());
        assert!(flow_document(&rules, "certificate", from, d(2027, 6, 1)).is_ok());
        assert_eq!(
            flow_document(&rules, "certificate", from, d(2027, 6, 2)).unwrap_err().code,
            "transfer.flow_needs_transfer"
        );
        assert!(flow_document(&rules, "activity_card", from, d(2027, 12, 1)).is_ok());
    }

    #[test]
    fn probation_past_its_year() {
        let rules = TransferRules::default();
        assert!(!probation_overdue(&rules, d(2025, 11, 27), d(2026, 11, 27)));
        assert!(probation_overdue(&rules, d(2025, 11, 26), d(2026, 11, 27)));
        assert!(probation_violation(&rules, d(2025, 1, 1)).message.contains("2026-01-01"));
    }
}
