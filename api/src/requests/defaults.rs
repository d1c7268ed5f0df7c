//! The common party 请示 as version 1 of each template (the 政工部门 edits them into new
//! versions). Bodies follow the usual shape: the reason, the facts under 一、/二、 headings, and
//! the closing 妥否，请批复。; replies name the request by title and 发文字号.

use shared::api::requests::{Retention, TemplateField, TemplateFieldKind as K};

pub struct Default {
    pub code: &'static str,
    pub name: &'static str,
    pub title_pattern: &'static str,
    pub fields: &'static [(&'static str, &'static str, K, bool, &'static str)],
    pub body: &'static str,
    pub reply_body: &'static str,
    pub reply_days: i32,
    pub retention: Retention,
}

impl Default {
    pub fn fields(&self) -> Vec<TemplateField> {
        self.fields
            .iter()
            .map(|(name, label, kind, required, hint)| TemplateField {
                name: name.to_string(),
                label: label.to_string(),
                kind: *kind,
                required: *required,
                hint: hint.to_string(),
            })
            .collect()
    }
}

pub const TEMPLATES: &[Default] = &[
    Default {
        code: "found_branch",
        name: "成立党支部",
        title_pattern: "关于成立{unit}党支部的请示",
        fields: &[
            ("unit", "单位（部门）名称", K::Text, true, "如：第三研究室"),
            ("members_total", "党员人数", K::Number, true, ""),
            ("full_members", "其中正式党员", K::Number, true, "正式党员3人以上方可成立党支部"),
            ("reason", "成立理由", K::Paragraph, true, ""),
            ("plan", "组织设置方案", K::Paragraph, true, "支部委员会职数、党小组设置、筹备人选"),
        ],
        body: "根据《中国共产党支部工作条例（试行）》有关规定，结合{unit}工作实际，拟成立中共{unit}支部委员会。现将有关情况请示如下：\n一、基本情况\n{unit}现有党员{members_total}名，其中正式党员{full_members}名。\n二、成立理由\n{reason}\n三、组织设置方案\n{plan}\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意成立中共{unit}支部委员会。请按照有关规定召开党员大会，选举产生支部委员会，并将选举结果报{reply_org}审批。\n此复。",
        reply_days: 30,
        retention: Retention::Permanent,
    },
    Default {
        code: "reelection",
        name: "换届选举",
        title_pattern: "关于召开党员大会进行换届选举的请示",
        fields: &[
            ("term_end", "本届任期届满时间", K::Date, true, ""),
            ("members_total", "正式党员人数", K::Number, true, ""),
            ("committee_size", "拟设委员职数", K::Number, true, "正式党员7人以上设委员会，委员3至5名"),
            ("meeting_date", "拟召开党员大会时间", K::Text, true, "如：2026年12月中旬"),
            ("plan", "换届工作安排", K::Paragraph, true, ""),
        ],
        body: "本届支部委员会任期将于{term_end}届满。根据《中国共产党基层组织选举工作条例》有关规定，经支部委员会研究，拟于{meeting_date}召开党员大会进行换届选举。现将有关事项请示如下：\n一、基本情况\n支部现有正式党员{members_total}名。\n二、委员职数\n新一届支部委员会拟设委员{committee_size}名，实行差额选举。\n三、工作安排\n{plan}\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意你支部召开党员大会进行换届选举，新一届支部委员会由{committee_size}名委员组成。请严格按照有关规定做好候选人预备人选的推荐和考察工作。\n此复。",
        reply_days: 20,
        retention: Retention::Permanent,
    },
    Default {
        code: "by_election",
        name: "增补委员",
        title_pattern: "关于增补支部委员会委员的请示",
        fields: &[
            ("vacancy", "缺额原因", K::Paragraph, true, "如：原组织委员因工作调动转出"),
            ("post", "拟增补职务", K::Text, true, "如：组织委员"),
            ("candidate", "候选人", K::Text, true, ""),
            ("profile", "候选人基本情况", K::Paragraph, true, ""),
        ],
        body: "{vacancy}为保证支部委员会正常运转，经支部委员会研究，拟召开党员大会增补{post}1名。现将有关情况请示如下：\n一、候选人\n{candidate}\n二、候选人基本情况\n{profile}\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意你支部召开党员大会增补{post}1名，候选人为{candidate}同志。增补委员任期与本届支部委员会任期相同。\n此复。",
        reply_days: 20,
        retention: Retention::Permanent,
    },
    Default {
        code: "candidates",
        name: "委员候选人预备人选",
        title_pattern: "关于支部委员会委员候选人预备人选的请示",
        fields: &[
            ("committee_size", "应选委员职数", K::Number, true, ""),
            ("candidate_count", "候选人预备人选人数", K::Number, true, "差额不少于20%"),
            ("candidates", "候选人预备人选名单", K::Paragraph, true, "按姓氏笔画排列"),
            ("process", "酝酿推荐情况", K::Paragraph, true, ""),
        ],
        body: "根据{reply_org}关于同意我支部进行换届选举的批复，支部委员会在广泛征求党员意见的基础上，提出了委员候选人预备人选。现将有关情况请示如下：\n一、酝酿推荐情况\n{process}\n二、候选人预备人选\n新一届支部委员会应选委员{committee_size}名，候选人预备人选{candidate_count}名（按姓氏笔画排列）：{candidates}\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意{candidates}等{candidate_count}名同志为新一届支部委员会委员候选人预备人选，请提交党员大会讨论。\n此复。",
        reply_days: 15,
        retention: Retention::Permanent,
    },
    Default {
        code: "secretary",
        name: "书记、副书记人选",
        title_pattern: "关于支部书记、副书记人选的请示",
        fields: &[
            ("secretary", "书记人选", K::Text, true, "党龄须满一年"),
            ("deputy", "副书记人选", K::Text, true, ""),
            ("meeting_date", "支部委员会会议时间", K::Date, true, ""),
        ],
        body: "{meeting_date}，新一届支部委员会召开第一次全体会议，等额选举产生了支部书记、副书记。现将有关情况请示如下：\n一、选举结果\n{secretary}同志当选为支部书记，{deputy}同志当选为支部副书记。\n二、选举程序\n会议应到委员全部出席，选举按照《中国共产党基层组织选举工作条例》规定的程序进行。\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意{secretary}同志任支部书记，{deputy}同志任支部副书记。\n此复。",
        reply_days: 15,
        retention: Retention::Permanent,
    },
    Default {
        code: "development_filing",
        name: "发展党员预审、审批备案",
        title_pattern: "关于发展{person}同志为预备党员的请示",
        fields: &[
            ("person", "发展对象", K::Text, true, ""),
            ("stage", "报请事项", K::Text, true, "预审 或 审批"),
            ("meeting_date", "支部大会（委员会）讨论时间", K::Date, true, ""),
            ("summary", "培养考察情况", K::Paragraph, true, "培养教育、政治审查、集中培训情况"),
        ],
        body: "{person}同志经过一年以上培养教育和考察，支部委员会于{meeting_date}讨论，认为其基本具备党员条件。现报请{stage}。\n一、培养考察情况\n{summary}\n二、有关材料\n入党申请书、思想汇报、政治审查材料、培训结业证明等材料齐全。\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意{person}同志{stage}事项，请按照发展党员工作程序继续做好有关工作。\n此复。",
        reply_days: 30,
        retention: Retention::Permanent,
    },
    Default {
        code: "dues_relief",
        name: "党费减免",
        title_pattern: "关于{person}同志减免党费的请示",
        fields: &[
            ("person", "党员姓名", K::Text, true, ""),
            ("period", "减免期间", K::Text, true, "如：2027年1月至12月"),
            ("amount", "每月应交党费（元）", K::Text, true, ""),
            ("reason", "减免理由", K::Paragraph, true, "生活确有困难的情况说明"),
        ],
        body: "我支部党员{person}同志每月应交党费{amount}元。{reason}经支部委员会研究，拟对其{period}的党费予以减免。\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意{person}同志{period}的党费予以减免。\n此复。",
        reply_days: 30,
        retention: Retention::Long,
    },
    Default {
        code: "free",
        name: "其他事项请示",
        title_pattern: "关于{subject}的请示",
        fields: &[
            ("subject", "事由", K::Text, true, "一文一事，只写一个事项"),
            ("content", "请示内容", K::Paragraph, true, "可用 一、（一）1.（1） 分层次"),
        ],
        body: "{content}\n妥否，请批复。",
        reply_body: "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，同意所请。\n此复。",
        reply_days: 30,
        retention: Retention::Short,
    },
];

/// The text of a negative 批复 (any template).
pub const REJECT_BODY: &str =
    "你单位《{request_title}》（{request_number}）收悉。经{reply_org}研究，暂不同意。{comment}\n此复。";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_names_a_field_or_a_built_in() {
        const BUILT_IN: &[&str] =
            &["org", "to_org", "year", "request_title", "request_number", "reply_org", "request_org", "comment"];
        for t in TEMPLATES {
            let names: Vec<&str> = t.fields.iter().map(|f| f.0).collect();
            for text in [t.title_pattern, t.body, t.reply_body] {
                for p in shared::rules::requests::placeholders(text) {
                    assert!(names.contains(&p.as_str()) || BUILT_IN.contains(&p.as_str()), "{}: {p}", t.code);
                }
            }
            assert!(t.body.ends_with("妥否，请批复。"), "{}", t.code);
        }
    }
}
