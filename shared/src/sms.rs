//! The SMS texts the platform sends, as data: each template's key, its text with `{variables}`,
//! the variables it may carry, whether recipients may opt out and whether it may go out in quiet
//! hours. SMS leave the confidential network, so a text names meetings, organisations, months
//! and deadlines only: `render` refuses a variable the template does not list, and any value
//! that carries an ID number (身份证), 政审 findings or vote counts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsTemplate {
    pub key: &'static str,
    /// What it is, for the settings and the delivery log.
    pub title: &'static str,
    pub text: &'static str,
    pub variables: &'static [&'static str],
    /// Mandatory notices reach everyone; the others follow each recipient's preferences.
    pub mandatory: bool,
    /// Urgent texts may go out in quiet hours; the others wait for the morning.
    pub urgent: bool,
}

const fn template(
    key: &'static str,
    title: &'static str,
    text: &'static str,
    variables: &'static [&'static str],
    mandatory: bool,
    urgent: bool,
) -> SmsTemplate {
    SmsTemplate { key, title, text, variables, mandatory, urgent }
}

pub const TEMPLATES: &[SmsTemplate] = &[
    template(
        "meeting_notice",
        "会议通知",
        "{org}定于{time}在{place}召开{topic}，请准时参加。",
        &["org", "time", "place", "topic"],
        true,
        false,
    ),
    template("meeting_reminder", "会议提醒", "{topic}将于{time}开始，请认真做好准备。", &["topic", "time"], true, true),
    template(
        "leave_decision",
        "请假审批结果",
        "您对{topic}的请假申请{decision}。",
        &["topic", "decision"],
        false,
        false,
    ),
    template("dues_reminder", "党费缴纳提醒", "提醒各位党员同志，请尽快缴纳{month}党费。", &["month"], true, false),
    // No names, units or letter numbers: a transfer may come from a 涉密单位.
    template(
        "transfer_update",
        "组织关系转接进展",
        "您有一项组织关系转接事项{what}，请登录智慧党建平台查看。",
        &["what"],
        true,
        false,
    ),
    // The approver's phone gets the number only: the title may name people or units.
    template(
        "request_approval",
        "请示待审批",
        "您有一件请示待审批（编号{number}），回复1同意，回复2退回，或打开链接{link}",
        &["number", "link"],
        true,
        false,
    ),
    template(
        "request_update",
        "请示办理进展",
        "您单位的请示（编号{number}）{what}，请登录智慧党建平台查看。",
        &["number", "what"],
        true,
        false,
    ),
    template(
        "term_expiring",
        "换届提醒",
        "{org}的任期将于{date}届满，请及时做好按期换届选举工作。",
        &["org", "date"],
        true,
        false,
    ),
    template(
        "term_overdue",
        "换届逾期提醒",
        "{org}的任期已于{date}届满，请尽快组织换届选举。",
        &["org", "date"],
        true,
        false,
    ),
    template(
        "development_due",
        "发展党员工作提醒",
        "{org}有{count}项发展党员工作将于{date}前到期，请及时办理。",
        &["org", "count", "date"],
        false,
        false,
    ),
    template("custom_notice", "通知", "【{org}】{text}", &["org", "text"], false, false),
];

pub fn find(key: &str) -> Option<&'static SmsTemplate> {
    TEMPLATES.iter().find(|t| t.key == key)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsTextError {
    UnknownTemplate(String),
    /// A variable the template does not carry (perhaps a field that must not leave the network).
    UnknownVariable(String),
    MissingVariable(&'static str),
    /// The value of this variable carries confidential detail.
    Classified(String),
}

impl SmsTextError {
    pub fn message(&self) -> String {
        match self {
            SmsTextError::UnknownTemplate(key) => format!("没有短信模板 {key}"),
            SmsTextError::UnknownVariable(name) => format!("短信模板不含变量 {name}"),
            SmsTextError::MissingVariable(name) => format!("短信缺少变量 {name}"),
            SmsTextError::Classified(name) => {
                format!("变量 {name} 含有不得通过短信发送的内容（身份证号、政审或表决情况）")
            }
        }
    }
}

/// Words that mark 政审 findings and vote details.
const CLASSIFIED_WORDS: &[&str] = &["身份证", "政审", "赞成票", "反对票", "弃权票", "票数"];

/// True when `value` carries an ID number (a run of 15 or more digits, an `X` allowed at the
/// end) or a classified word.
pub fn is_classified(value: &str) -> bool {
    let mut run = 0;
    for c in value.chars() {
        if c.is_ascii_digit() || (run >= 17 && matches!(c, 'X' | 'x')) {
            run += 1;
            if run >= 15 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    CLASSIFIED_WORDS.iter().any(|w| value.contains(w))
}

/// The text of template `key` with `values` filled in.
pub fn render(key: &str, values: &[(String, String)]) -> Result<String, SmsTextError> {
    let template = find(key).ok_or_else(|| SmsTextError::UnknownTemplate(key.to_string()))?;
    if let Some((name, _)) = values.iter().find(|(name, _)| !template.variables.contains(&name.as_str())) {
        return Err(SmsTextError::UnknownVariable(name.clone()));
    }
    let mut text = template.text.to_string();
    for name in template.variables {
        let (_, value) = values.iter().find(|(n, _)| n == name).ok_or(SmsTextError::MissingVariable(name))?;
        if is_classified(value) {
            return Err(SmsTextError::Classified(name.to_string()));
        }
        text = text.replace(&format!("{{{name}}}"), value);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_template_renders_with_its_own_variables_only() {
        for template in TEMPLATES {
            let filled: Vec<(String, String)> =
                template.variables.iter().map(|v| (v.to_string(), "甲".into())).collect();
            let text = render(template.key, &filled).expect(template.key);
            assert!(!text.contains('{'), "{}: {text}", template.key);
        }
        assert_eq!(
            render("meeting_reminder", &values(&[("topic", "学习二十大精神思想汇报会"), ("time", "11月28日09:00")])),
            Ok("学习二十大精神思想汇报会将于11月28日09:00开始，请认真做好准备。".into())
        );
        assert_eq!(
            render("term_expiring", &values(&[("org", "重点室党支部"), ("date", "2027年3月1日")])),
            Ok("重点室党支部的任期将于2027年3月1日届满，请及时做好按期换届选举工作。".into())
        );
    }

    #[test]
    fn classified_detail_never_reaches_a_text() {
        let notice = |text: &str| render("custom_notice", &values(&[("org", "第一党支部"), ("text", text)]));
        assert_eq!(notice("请携带身份证110101199003074514参加"), Err(SmsTextError::Classified("text".into())));
        assert_eq!(notice("号码11010119900307451X"), Err(SmsTextError::Classified("text".into())));
        assert_eq!(notice("政审结论已出"), Err(SmsTextError::Classified("text".into())));
        assert_eq!(notice("赞成票12张"), Err(SmsTextError::Classified("text".into())));
        assert!(notice("请于12月1日前缴纳党费，电话13800138000").is_ok(), "a phone number is 11 digits");
        let extra = values(&[("topic", "支部大会"), ("time", "明天"), ("id_card_number", "x")]);
        assert_eq!(render("meeting_reminder", &extra), Err(SmsTextError::UnknownVariable("id_card_number".into())));
        assert_eq!(
            render("meeting_reminder", &values(&[("topic", "支部大会")])),
            Err(SmsTextError::MissingVariable("time"))
        );
        assert_eq!(render("nope", &[]), Err(SmsTextError::UnknownTemplate("nope".into())));
    }
}
