//! Member-development rules (domain.md §1.3). One `DevelopmentRules` value is a rule-set
//! version; [L] rules (local practice) are options a deployment may switch on or change.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RuleViolation;
use super::calendar::WorkCalendar;
use crate::MembershipStatus;
use crate::time::years_between;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DevelopmentRules {
    pub version: String,
    pub min_age: i32,
    pub talk_within_months: u32,
    /// [L] months an applicant waits before becoming 积极分子 (some units: 6).
    pub applicant_wait_months: Option<u32>,
    pub activist_min_months: u32,
    pub review_every_months: u32,
    pub introducers: usize,
    pub training_min_days: u32,
    pub training_min_hours: u32,
    /// [L] 公示 length in working days, where the deployment requires 公示.
    pub publicity_workdays: Option<u32>,
    pub approval_months: u32,
    pub approval_max_months: u32,
    pub probation_months: u32,
    pub extension_min_months: u32,
    pub extension_max_months: u32,
    pub leaving_months: u32,
    /// [L] months a 发展对象 whose branch vote failed waits before a new branch meeting
    /// ("半年内不得再次提交支部大会"); `None` ends the case at a failed vote.
    pub failed_vote_wait_months: Option<u32>,
}

impl Default for DevelopmentRules {
    /// 细则2014 with the commonly applied local 公示 of 5 working days.
    fn default() -> Self {
        DevelopmentRules {
            version: "细则2014（含本单位公示规定）v1".into(),
            min_age: 18,
            talk_within_months: 1,
            applicant_wait_months: None,
            activist_min_months: 12,
            review_every_months: 6,
            introducers: 2,
            training_min_days: 3,
            training_min_hours: 24,
            publicity_workdays: Some(5),
            approval_months: 3,
            approval_max_months: 6,
            probation_months: 12,
            extension_min_months: 6,
            extension_max_months: 12,
            leaving_months: 3,
            failed_vote_wait_months: Some(6),
        }
    }
}

fn violation(code: &str, rule: &str, source: &str, message: String, earliest: Option<NaiveDate>) -> RuleViolation {
    RuleViolation { code: code.into(), rule: rule.into(), source: source.into(), message, earliest }
}

fn plus_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).expect("date in range")
}

/// Outcome of a branch general meeting vote on one candidate (细则 §20, §22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteOutcome {
    pub quorum: bool,
    pub passed: bool,
}

impl DevelopmentRules {
    /// 年满十八岁 on the day of application.
    pub fn check_age(&self, birth: NaiveDate, on: NaiveDate) -> Result<(), RuleViolation> {
        if years_between(birth, on) >= self.min_age {
            return Ok(());
        }
        let year = birth.year() + self.min_age;
        // Born on 29 February: of age on 1 March in common years.
        let earliest = birth.with_year(year).or_else(|| NaiveDate::from_ymd_opt(year, 3, 1)).expect("date in range");
        Err(violation(
            "dev.min_age",
            "年满十八岁方可申请入党",
            "《中国共产党章程》第一条；细则第五条",
            format!("申请人未满{}岁，最早可于 {earliest} 递交入党申请书", self.min_age),
            Some(earliest),
        ))
    }

    /// The talk is due within one month of the application (a warning, not a block).
    pub fn talk_deadline(&self, applied_on: NaiveDate) -> NaiveDate {
        plus_months(applied_on, self.talk_within_months)
    }

    pub fn check_talk(&self, applied_on: NaiveDate, talked_on: NaiveDate) -> Result<Option<String>, RuleViolation> {
        if talked_on < applied_on {
            return Err(violation(
                "dev.order",
                "各环节日期须按先后顺序",
                "细则",
                "谈话日期不能早于递交申请日期".into(),
                None,
            ));
        }
        let due = self.talk_deadline(applied_on);
        Ok((talked_on > due).then(|| format!("谈话晚于规定期限（应在 {due} 前，即收到申请后一个月内）")))
    }

    pub fn earliest_activist(&self, applied_on: NaiveDate) -> NaiveDate {
        self.applicant_wait_months.map_or(applied_on, |m| plus_months(applied_on, m))
    }

    pub fn check_activist(&self, applied_on: NaiveDate, on: NaiveDate) -> Result<(), RuleViolation> {
        let earliest = self.earliest_activist(applied_on);
        if on >= earliest {
            return Ok(());
        }
        Err(violation(
            "dev.applicant_wait",
            "递交入党申请书一定期限后方可确定为入党积极分子（本单位规定）",
            "本单位发展党员工作制度 [L]",
            format!(
                "递交申请未满{}个月，最早可于 {earliest} 确定为入党积极分子",
                self.applicant_wait_months.unwrap_or(0)
            ),
            Some(earliest),
        ))
    }

    pub fn earliest_candidate(&self, activist_on: NaiveDate) -> NaiveDate {
        plus_months(activist_on, self.activist_min_months)
    }

    /// 积极分子 for at least a year, reviewed every half year, before becoming 发展对象.
    pub fn check_candidate(
        &self,
        activist_on: NaiveDate,
        reviews: &[NaiveDate],
        on: NaiveDate,
    ) -> Result<(), RuleViolation> {
        let earliest = self.earliest_candidate(activist_on);
        if on < earliest {
            let days = (earliest - on).num_days();
            return Err(violation(
                "dev.activist_one_year",
                "经过一年以上培养教育和考察，方可确定为发展对象",
                "细则第十三条",
                format!("培养期未满一年，还差 {days} 天，最早可于 {earliest} 确定为发展对象"),
                Some(earliest),
            ));
        }
        let months = (on.year() - activist_on.year()) * 12 + on.month() as i32 - activist_on.month() as i32;
        let needed = (months.max(0) as u32 / self.review_every_months) as usize;
        let recorded = reviews.iter().filter(|r| **r >= activist_on && **r <= on).count();
        if recorded < needed.clamp(1, 2) {
            return Err(violation(
                "dev.half_year_review",
                "党支部每半年对入党积极分子进行一次考察",
                "细则第十一条",
                format!("培养期内应有至少 {} 次半年考察记录，目前只有 {recorded} 次", needed.clamp(1, 2)),
                None,
            ));
        }
        Ok(())
    }

    pub fn check_introducers(&self, statuses: &[MembershipStatus]) -> Result<(), RuleViolation> {
        let formal = statuses.iter().filter(|s| **s == MembershipStatus::Formal).count();
        if statuses.len() == self.introducers && formal == self.introducers {
            return Ok(());
        }
        Err(violation(
            "dev.introducers",
            "要有两名正式党员作入党介绍人",
            "《中国共产党章程》第五条",
            format!(
                "入党介绍人须为 {} 名正式党员（预备党员不能作介绍人），目前为 {} 名正式党员",
                self.introducers, formal
            ),
            None,
        ))
    }

    pub fn check_training(&self, days: u32, hours: u32) -> Result<(), RuleViolation> {
        if days >= self.training_min_days || hours >= self.training_min_hours {
            return Ok(());
        }
        Err(violation(
            "dev.training",
            "集中培训时间一般不少于3天（或不少于24个学时）",
            "细则第十七条",
            format!(
                "集中培训 {days} 天 / {hours} 学时，未达到 {} 天或 {} 学时",
                self.training_min_days, self.training_min_hours
            ),
            None,
        ))
    }

    /// The last day of the 公示 that starts on `start`, and whether the count is provisional.
    pub fn publicity_end(&self, calendar: &WorkCalendar, start: NaiveDate) -> Option<(NaiveDate, bool)> {
        self.publicity_workdays.map(|n| calendar.workdays_end(start, n))
    }

    pub fn check_publicity(
        &self,
        calendar: &WorkCalendar,
        start: Option<NaiveDate>,
        on: NaiveDate,
    ) -> Result<(), RuleViolation> {
        let Some(n) = self.publicity_workdays else { return Ok(()) };
        let rule = "公示时间不少于5个工作日";
        let Some(start) = start else {
            return Err(violation(
                "dev.publicity",
                rule,
                "本单位发展党员公示制度 [L]",
                "请先进行公示并记录公示开始日期".into(),
                None,
            ));
        };
        let (end, provisional) = calendar.workdays_end(start, n);
        if on > end {
            return Ok(());
        }
        let earliest = end.succ_opt().expect("date in range");
        let note = if provisional { "（节假日安排暂算）" } else { "" };
        Err(violation(
            "dev.publicity",
            rule,
            "本单位发展党员公示制度 [L]",
            format!("公示期至 {end} 结束{note}，最早可于 {earliest} 进行下一步"),
            Some(earliest),
        ))
    }

    /// Quorum: present voters more than half of those entitled; pass: yes votes (written
    /// opinions of absentees included) more than half of those entitled.
    pub fn vote(&self, entitled: u32, present: u32, yes_present: u32, yes_written: u32) -> VoteOutcome {
        let quorum = present * 2 > entitled;
        VoteOutcome { quorum, passed: quorum && (yes_present + yes_written) * 2 > entitled }
    }

    pub fn approval_deadline(&self, meeting_on: NaiveDate) -> NaiveDate {
        plus_months(meeting_on, self.approval_months)
    }

    pub fn check_approval(&self, meeting_on: NaiveDate, on: NaiveDate) -> Result<(), RuleViolation> {
        let limit = plus_months(meeting_on, self.approval_max_months);
        if on <= limit {
            return Ok(());
        }
        Err(violation(
            "dev.approval_window",
            "上级党委应在支部大会通过后三个月内审批，特殊情况可延长，最长不超过六个月",
            "细则第二十五条",
            format!("距支部大会已超过六个月（期限 {limit}），须重新召开支部大会"),
            None,
        ))
    }

    /// 预备期一年，从支部大会通过之日算起.
    pub fn probation_end(&self, meeting_on: NaiveDate, extension_months: u32) -> NaiveDate {
        plus_months(meeting_on, self.probation_months + extension_months)
    }

    pub fn check_probation_over(
        &self,
        meeting_on: NaiveDate,
        extension_months: u32,
        on: NaiveDate,
    ) -> Result<(), RuleViolation> {
        let end = self.probation_end(meeting_on, extension_months);
        if on >= end {
            return Ok(());
        }
        Err(violation(
            "dev.probation_one_year",
            "预备期为一年，从支部大会通过之日算起；预备期满方可讨论转正",
            "《中国共产党章程》第七条",
            format!("预备期至 {end} 届满，还差 {} 天", (end - on).num_days()),
            Some(end),
        ))
    }

    pub fn check_extension(&self, months: u32, already_extended: bool) -> Result<(), RuleViolation> {
        let rule = "延长预备期只能一次，时间不能少于半年，最长不超过一年";
        if already_extended {
            return Err(violation(
                "dev.extension_once",
                rule,
                "《中国共产党章程》第七条",
                "预备期已延长过一次，不能再次延长".into(),
                None,
            ));
        }
        if !(self.extension_min_months..=self.extension_max_months).contains(&months) {
            return Err(violation(
                "dev.extension_length",
                rule,
                "《中国共产党章程》第七条",
                format!("延长 {months} 个月不符合规定（应为 6–12 个月）"),
                None,
            ));
        }
        Ok(())
    }

    /// 发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续.
    pub fn check_not_leaving(&self, leaving_on: Option<NaiveDate>, on: NaiveDate) -> Result<(), RuleViolation> {
        match leaving_on {
            Some(leaving) if leaving <= plus_months(on, self.leaving_months) && leaving >= on => Err(violation(
                "dev.leaving_soon",
                "发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续",
                "细则第十九条",
                format!("该发展对象预计于 {leaving} 离开本单位，应由其去向单位党组织接续培养"),
                None,
            )),
            _ => Ok(()),
        }
    }
}

impl DevelopmentRules {
    /// The first day a candidate whose vote failed on `meeting_on` may go to a new meeting.
    pub fn resubmission_date(&self, meeting_on: NaiveDate) -> Option<NaiveDate> {
        self.failed_vote_wait_months.map(|m| plus_months(meeting_on, m))
    }

    pub fn check_resubmission(&self, failed_on: NaiveDate, on: NaiveDate) -> Result<(), RuleViolation> {
        match self.resubmission_date(failed_on) {
            Some(earliest) if on < earliest => Err(violation(
                "dev.failed_vote_wait",
                "对得赞成票未过半数的发展对象，半年内不得再次提交支部大会",
                "本单位发展党员工作制度 [L]",
                format!("支部大会于 {failed_on} 未通过，最早可于 {earliest} 再次提交支部大会讨论"),
                Some(earliest),
            )),
            _ => Ok(()),
        }
    }
}

pub use super::catalogue::{RuleInfo, catalogue};

#[cfg(test)]
#[path = "development_tests.rs"]
mod tests;
