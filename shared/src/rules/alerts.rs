//! Analysis alerts (分析提醒) as data: each rule's code, text, source, severity and configurable
//! thresholds. The API evaluates them on a schedule; the SPA shows the same texts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look (提示).
    Notice,
    /// Needs action (预警).
    Warning,
    /// A rule of the 党章 or 条例 is broken (严重).
    Serious,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Notice => "提示",
            Severity::Warning => "预警",
            Severity::Serious => "严重",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertRule {
    pub code: &'static str,
    /// The rule as a short title (the list's heading).
    pub title: &'static str,
    /// What to do about it.
    pub advice: &'static str,
    pub source: &'static str,
    pub severity: Severity,
    /// Subjects are people (else orgs).
    pub about_people: bool,
    /// Evaluated only once the data it needs exists (党费 comes with the dues feature).
    pub needs_dues: bool,
}

const fn rule(
    code: &'static str,
    title: &'static str,
    advice: &'static str,
    source: &'static str,
    severity: Severity,
    about_people: bool,
    needs_dues: bool,
) -> AlertRule {
    AlertRule { code, title, advice, source, severity, about_people, needs_dues }
}

use Severity::*;

pub const RULES: &[AlertRule] = &[
    rule(
        "meetings_missing",
        "规定的组织生活未按期开展",
        "督促支部按期召开并补录记录",
        "《中国共产党支部工作条例（试行）》第十二条",
        Warning,
        false,
        false,
    ),
    rule(
        "annual_review_missing",
        "第四季度仍未召开组织生活会或开展民主评议",
        "督促支部在年底前召开组织生活会、开展民主评议党员",
        "《中国共产党支部工作条例（试行）》第十二条",
        Warning,
        false,
        false,
    ),
    rule(
        "too_few_formal",
        "正式党员不足3人",
        "应与邻近单位成立联合党支部",
        "《中国共产党支部工作条例（试行）》第四条",
        Warning,
        false,
        false,
    ),
    rule(
        "too_many_members",
        "党员人数超过50人",
        "考虑分设党支部或成立党总支",
        "《中国共产党支部工作条例（试行）》",
        Notice,
        false,
        false,
    ),
    rule(
        "committee_missing",
        "正式党员7人以上但未设支部委员会",
        "应召开党员大会选举支部委员会",
        "《中国共产党支部工作条例（试行）》",
        Warning,
        false,
        false,
    ),
    rule(
        "secretary_vacant",
        "支部书记空缺",
        "尽快选举支部书记并报上级党组织批准",
        "《中国共产党章程》；《中国共产党支部工作条例（试行）》",
        Serious,
        false,
        false,
    ),
    rule(
        "committee_vacancy",
        "支部委员会委员出缺",
        "及时报请上级党组织批准后召开党员大会补选",
        "《中国共产党基层组织选举工作条例》",
        Warning,
        false,
        false,
    ),
    rule(
        "committee_composition",
        "支部委员会组成不符合规定",
        "按正式党员人数调整委员职数；书记一般应有1年以上党龄",
        "《中国共产党支部工作条例（试行）》",
        Warning,
        false,
        false,
    ),
    rule(
        "term_expired",
        "支部委员会任期已届满",
        "按期换届；延期须报上级党组织批准",
        "《中国共产党基层组织选举工作条例》第三条",
        Serious,
        false,
        false,
    ),
    rule(
        "probation_ended",
        "预备期已满未作转正决定",
        "及时召开支部大会讨论转正",
        "《中国共产党章程》第七条",
        Serious,
        true,
        false,
    ),
    rule(
        "development_overdue",
        "发展党员工作逾期",
        "按时限办理当前步骤",
        "《中国共产党发展党员工作细则》",
        Warning,
        true,
        false,
    ),
    rule(
        "dues_arrears_3",
        "3个月以上未交纳党费",
        "批评教育并限期补交",
        "《关于中国共产党党费收缴、使用和管理的规定》",
        Warning,
        true,
        false,
    ),
    rule(
        "dues_arrears_6",
        "连续6个月未交纳党费",
        "支部核实后按党章第九条规定的程序研究处理（自行脱党），不自动处理",
        "《中国共产党章程》第九条",
        Serious,
        true,
        false,
    ),
    rule(
        "lost_contact",
        "6个月未参加组织生活且未交纳党费",
        "核实情况，按失联党员处理",
        "《关于加强和改进流动党员管理工作的意见》",
        Warning,
        true,
        false,
    ),
];

pub fn find(code: &str) -> Option<&'static AlertRule> {
    RULES.iter().find(|r| r.code == code)
}

/// The thresholds of the rules (`[alert_rules]` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertThresholds {
    pub version: String,
    /// Fewer 正式党员 than this: a 联合党支部 is due.
    pub min_formal_members: i64,
    /// More members (正式 and 预备) than this: consider splitting.
    pub max_members: i64,
    /// From this many 正式党员 a branch elects a committee.
    pub committee_from_formal: i64,
    /// The quarter (1–4) from which a missing 组织生活会 / 民主评议 is flagged.
    pub annual_review_quarter: u32,
    pub arrears_warning_months: u32,
    pub arrears_lapse_months: u32,
    pub lost_contact_months: u32,
}

impl Default for AlertThresholds {
    fn default() -> Self {
        AlertThresholds {
            version: "支部工作条例（试行）2018 / 党章 2022 v1".into(),
            min_formal_members: 3,
            max_members: 50,
            committee_from_formal: 7,
            annual_review_quarter: 4,
            arrears_warning_months: 3,
            arrears_lapse_months: 6,
            lost_contact_months: 6,
        }
    }
}

impl AlertThresholds {
    /// Whether a branch of this size is flagged by the size rules: (rule, flagged).
    pub fn size_findings(&self, formal: i64, members: i64, has_committee: bool) -> [(&'static str, bool); 3] {
        [
            ("too_few_formal", formal < self.min_formal_members),
            ("too_many_members", members > self.max_members),
            ("committee_missing", formal >= self.committee_from_formal && !has_committee),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_texts_present() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(!RULES[i + 1..].iter().any(|o| o.code == r.code), "{} twice", r.code);
            assert!(!r.title.is_empty() && !r.source.is_empty() && !r.advice.is_empty());
        }
    }

    #[test]
    fn size_rules_follow_the_branch_regulations() {
        let t = AlertThresholds::default();
        // (formal, members, committee) → flagged rules
        let vectors: &[(i64, i64, bool, &[&str])] = &[
            (2, 3, false, &["too_few_formal"]),
            (3, 3, false, &[]),
            (6, 8, false, &[]),
            (7, 8, false, &["committee_missing"]),
            (7, 8, true, &[]),
            (45, 50, true, &[]),
            (45, 51, true, &["too_many_members"]),
        ];
        for (formal, members, committee, expected) in vectors {
            let flagged: Vec<&str> =
                t.size_findings(*formal, *members, *committee).iter().filter(|(_, f)| *f).map(|(c, _)| *c).collect();
            assert_eq!(&flagged, expected, "{formal} {members} {committee}");
        }
    }
}
