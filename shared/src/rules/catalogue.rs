//! The rule catalogue of member development, as shown to users and administrators.

use serde::{Deserialize, Serialize};

/// One rule of the catalogue shown to users and administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleInfo {
    pub code: String,
    pub rule: String,
    pub source: String,
    /// [L] local practice: set per deployment.
    pub configurable: bool,
}

/// Every rule the development process enforces, with its source (domain.md §1.3).
pub fn catalogue() -> Vec<RuleInfo> {
    [
        ("dev.min_age", "年满十八岁方可申请入党", "《中国共产党章程》第一条；细则第五条", false),
        ("dev.talk_within_month", "收到入党申请书后一个月内派人谈话（超期提示）", "细则第七条", false),
        ("dev.applicant_wait", "递交入党申请书一定期限后方可确定为入党积极分子", "本单位规定 [L]", true),
        ("dev.activist_one_year", "经过一年以上培养教育和考察，方可确定为发展对象", "细则第十三条", false),
        ("dev.half_year_review", "党支部每半年对入党积极分子进行一次考察", "细则第十一条", false),
        ("dev.publicity", "公示时间不少于5个工作日（按节假日和调休日历计算）", "本单位发展党员公示制度 [L]", true),
        ("dev.introducers", "要有两名正式党员作入党介绍人", "《中国共产党章程》第五条", false),
        ("dev.political_review", "未经政治审查或政治审查不合格的，不能发展入党；预审前须有结论", "细则第十六条", false),
        ("dev.training", "集中培训时间一般不少于3天（或不少于24个学时）", "细则第十七条", false),
        (
            "dev.leaving_soon",
            "发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续",
            "细则第十九条",
            false,
        ),
        ("dev.meeting_quorum", "有表决权的到会人数必须超过应到会有表决权人数的半数", "细则第二十条", false),
        (
            "dev.meeting_pass",
            "赞成人数超过应到会有表决权的正式党员的半数（含未到会党员的书面意见）；逐个表决",
            "细则第二十二条",
            false,
        ),
        ("dev.approval_window", "上级党委应在支部大会通过后三个月内审批，最长不超过六个月", "细则第二十五条", false),
        ("dev.probation_one_year", "预备期为一年，从支部大会通过之日算起", "《中国共产党章程》第七条", false),
        ("dev.extension_once", "延长预备期只能一次", "《中国共产党章程》第七条", false),
        ("dev.extension_length", "延长预备期不能少于半年，最长不超过一年", "《中国共产党章程》第七条", false),
    ]
    .into_iter()
    .map(|(code, rule, source, configurable)| RuleInfo {
        code: code.into(),
        rule: rule.into(),
        source: source.into(),
        configurable,
    })
    .collect()
}
