//! Rules of requests (请示) and replies (批复), domain.md §7.3 and GB/T 9704-2012 (§7.2), as data
//! (`[request_rules]`) and pure functions with their test vectors below: placeholders, heading
//! levels, the 发文字号, 抄送 never to a subordinate org, the 批复's due date and the SMS reply.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RuleViolation;

const SOURCE_RULES: &str = "《党政机关公文处理工作条例》第十五条";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestRules {
    pub version: String,
    /// Reminders to the upper org go out this many days before the 批复 is due (and on the day after).
    pub remind_days_before: u32,
    /// An SMS approval link works for this many hours.
    pub sms_link_hours: u32,
    /// A signed inbound SMS callback is accepted this many seconds either side of now.
    pub sms_signature_window_secs: u32,
}

impl Default for RequestRules {
    fn default() -> Self {
        RequestRules {
            version: "请示批复规则 v1（一文一事、主送一个上级机关、不抄送下级；批复期限按模板，到期前3天提醒；短信审批链接12小时有效）"
                .into(),
            remind_days_before: 3,
            sms_link_hours: 12,
            sms_signature_window_secs: 300,
        }
    }
}

impl RequestRules {
    /// The day the 批复 is due for a request submitted on `submitted`.
    pub fn reply_due(&self, submitted: NaiveDate, reply_days: i32) -> NaiveDate {
        submitted + Duration::days(i64::from(reply_days.max(1)))
    }

    /// Whether a reminder goes out on `today` for a 批复 due on `due`.
    pub fn remind_on(&self, due: NaiveDate, today: NaiveDate) -> bool {
        today == due - Duration::days(i64::from(self.remind_days_before)) || today == due + Duration::days(1)
    }
}

/// `text` with each `{name}` replaced by its value; names without a value stay and are listed.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut missing = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let name = &after[..close];
                match value(name).filter(|v| !v.trim().is_empty()) {
                    Some(v) => out.push_str(v.trim()),
                    None => {
                        out.push_str(&rest[open..open + close + 2]);
                        if !missing.iter().any(|m| m == name) {
                            missing.push(name.to_string());
                        }
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, missing)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The placeholders a text names, in order, once each.
pub fn placeholders(text: &str) -> Vec<String> {
    fill(text, |_| None).1
}

/// GB/T 9704 heading levels: 1 = "一、" (黑体), 2 = "（一）" (楷体), 3 = "1." and 4 = "（1）" (仿宋).
pub fn heading_level(line: &str) -> Option<u8> {
    const CN: &str = "一二三四五六七八九十";
    let line = line.trim_start();
    let cn_prefix = |s: &str| s.chars().take_while(|c| CN.contains(*c)).count();
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    if let Some(rest) = line.strip_prefix('（') {
        let n = cn_prefix(rest);
        if n > 0 && rest.chars().nth(n) == Some('）') {
            return Some(2);
        }
        let d = digits(rest);
        if d > 0 && rest[d..].starts_with('）') {
            return Some(4);
        }
        return None;
    }
    let n = cn_prefix(line);
    if n > 0 && line.chars().nth(n) == Some('、') {
        return Some(1);
    }
    let d = digits(line);
    if d > 0 && (line[d..].starts_with('.') || line[d..].starts_with('．')) {
        return Some(3);
    }
    None
}

/// 发文字号: 机关代字〔年份〕序号号, e.g. 办公厅党支〔2026〕3号 (no leading zeros, 〔〕 brackets).
pub fn doc_number(prefix: &str, year: i32, seq: i32) -> String {
    format!("{}〔{year}〕{seq}号", prefix.trim())
}

/// 机关代字 from an org's name when none is set: the name without 中共 and the party-org suffix.
pub fn default_prefix(org_name: &str) -> String {
    let name = org_name.trim().trim_start_matches("中共");
    let mut short = name.to_string();
    for suffix in ["委员会", "党支部", "党总支", "党委"] {
        if let Some(s) = name.strip_suffix(suffix) {
            short = format!("{s}{}", if suffix == "委员会" || suffix == "党委" { "党委" } else { "党支" });
            break;
        }
    }
    short.chars().take(8).collect()
}

/// The 发文机关标志: the org's full name with 中共 in front.
pub fn issuer_mark(org_name: &str) -> String {
    let name = org_name.trim();
    if name.starts_with("中共") { name.to_string() } else { format!("中共{name}") }
}

/// 抄送 never goes to an org below the drafting one (org paths: a subordinate's path starts
/// with the drafting org's path).
pub fn cc_violation(drafting_path: &str, cc_path: &str, cc_name: &str) -> Option<RuleViolation> {
    if cc_path.starts_with(drafting_path) {
        return Some(RuleViolation {
            code: "request.cc_subordinate".into(),
            rule: "请示不得抄送下级机关".into(),
            source: SOURCE_RULES.into(),
            message: format!("{cc_name}是本级的下级组织，请示不能抄送下级机关"),
            earliest: None,
        });
    }
    None
}

/// The 主送机关 must be the one upper org.
pub fn addressee_violation(upper_name: &str) -> RuleViolation {
    RuleViolation {
        code: "request.one_addressee".into(),
        rule: "请示一般只写一个主送机关，即上级党组织；不得越级请示".into(),
        source: SOURCE_RULES.into(),
        message: format!("本请示的主送机关应为上级党组织：{upper_name}"),
        earliest: None,
    }
}

/// 一文一事: one request asks about one matter, so one title without a list of matters.
pub fn one_matter_violation(title: &str) -> Option<RuleViolation> {
    let several =
        ["的请示及", "的请示和", "的请示、", "等事项的请示", "等问题的请示"].iter().any(|p| title.contains(p))
            || title.matches("关于").count() > 1;
    several.then(|| RuleViolation {
        code: "request.one_matter".into(),
        rule: "请示应当一文一事".into(),
        source: SOURCE_RULES.into(),
        message: format!("标题“{title}”包含多个事项，请分别起草请示"),
        earliest: None,
    })
}

/// What an approver's SMS reply asks for: "1" approves, "2" returns (the rest is the comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsReply {
    Approve,
    Return(Option<String>),
}

pub fn parse_sms_reply(text: &str) -> Option<SmsReply> {
    let text = text.trim();
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str().trim_start_matches([' ', '，', ',', '：', ':', '　']).trim();
    let comment = (!rest.is_empty()).then(|| rest.to_string());
    match first {
        '1' | '１' if rest.is_empty() => Some(SmsReply::Approve),
        '2' | '２' => Some(SmsReply::Return(comment)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn placeholders_are_filled_and_missing_ones_listed() {
        let values = |n: &str| (n == "unit").then(|| "第三研究室".to_string());
        let (text, missing) = fill("关于成立{unit}党支部的请示，共{count}人。{ not a name }", values);
        assert_eq!(text, "关于成立第三研究室党支部的请示，共{count}人。{ not a name }");
        assert_eq!(missing, vec!["count"]);
        assert_eq!(placeholders("{a}{b}{a}"), vec!["a", "b"]);
    }

    #[test]
    fn heading_levels_follow_gbt_9704() {
        assert_eq!(heading_level("一、基本情况"), Some(1));
        assert_eq!(heading_level("十二、其他"), Some(1));
        assert_eq!(heading_level("（一）党员人数"), Some(2));
        assert_eq!(heading_level("1.正式党员"), Some(3));
        assert_eq!(heading_level("12．预备党员"), Some(3));
        assert_eq!(heading_level("（1）男性"), Some(4));
        assert_eq!(heading_level("根据工作需要，拟成立党支部。"), None);
        assert_eq!(heading_level("2026年工作计划"), None);
    }

    #[test]
    fn doc_numbers_use_hexagonal_brackets() {
        assert_eq!(doc_number("机关党委", 2026, 7), "机关党委〔2026〕7号");
        assert_eq!(default_prefix("办公厅党支部"), "办公厅党支");
        assert_eq!(default_prefix("中共机关委员会"), "机关党委");
        assert_eq!(default_prefix("机关党委"), "机关党委");
        assert_eq!(issuer_mark("机关党委"), "中共机关党委");
    }

    #[test]
    fn cc_never_goes_to_a_subordinate() {
        assert!(cc_violation("/1/5/", "/1/5/40/", "第一党小组").is_some());
        assert!(cc_violation("/1/5/", "/1/", "院党委").is_none());
        assert!(cc_violation("/1/5/", "/1/6/", "兄弟党委").is_none());
    }

    #[test]
    fn one_matter_per_request() {
        assert!(one_matter_violation("关于成立第三研究室党支部的请示").is_none());
        assert!(one_matter_violation("关于成立党支部的请示及关于换届的请示").is_some());
        assert!(one_matter_violation("关于成立党支部等事项的请示").is_some());
    }

    #[test]
    fn reply_due_and_reminders() {
        let rules = RequestRules::default();
        let due = rules.reply_due(d("2026-11-02"), 30);
        assert_eq!(due, d("2026-12-02"));
        assert!(rules.remind_on(due, d("2026-11-29")));
        assert!(rules.remind_on(due, d("2026-12-03")));
        assert!(!rules.remind_on(due, d("2026-12-01")));
    }

    #[test]
    fn sms_replies() {
        assert_eq!(parse_sms_reply(" 1 "), Some(SmsReply::Approve));
        assert_eq!(parse_sms_reply("2"), Some(SmsReply::Return(None)));
        assert_eq!(parse_sms_reply("2，人数不足"), Some(SmsReply::Return(Some("人数不足".into()))));
        assert_eq!(parse_sms_reply("12"), None);
        assert_eq!(parse_sms_reply("同意"), None);
        assert_eq!(parse_sms_reply(""), None);
    }
}
