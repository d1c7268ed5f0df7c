//! Settings of the notification service: the SMS policy (quiet hours, daily cap, price), the SMS
//! provider and mail server of the 政工部门 (secrets write-only), and a member's own preferences.

use serde::{Deserialize, Serialize};

/// How SMS reach people (`PUT /notify/policy`, 政工部门): quiet hours in China time, when only
/// urgent texts go out, and a daily cap per recipient past which texts wait for the next morning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotifyPolicy {
    /// Hour (0–23) from which non-urgent texts wait…
    pub quiet_from_hour: u32,
    /// …until this hour (0–23); the window may span midnight.
    pub quiet_until_hour: u32,
    /// Texts per recipient and day (urgent ones are not held back).
    pub daily_sms_cap: i64,
    /// Price of one SMS segment in 厘 (0.001 元), for cost estimates.
    #[serde(default = "default_price")]
    pub sms_price_li: i64,
}

fn default_price() -> i64 {
    45
}

impl Default for NotifyPolicy {
    fn default() -> Self {
        NotifyPolicy { quiet_from_hour: 22, quiet_until_hour: 7, daily_sms_cap: 5, sms_price_li: 45 }
    }
}

impl NotifyPolicy {
    pub fn is_quiet(&self, china_hour: u32) -> bool {
        let (from, until) = (self.quiet_from_hour % 24, self.quiet_until_hour % 24);
        if from <= until { (from..until).contains(&china_hour) } else { china_hour >= from || china_hour < until }
    }

    /// When a text queued at `china` (local time) may go out: now, or when quiet hours end, or
    /// (past the day's cap) the next morning. Urgent texts go at once.
    pub fn release_at(&self, china: chrono::NaiveDateTime, urgent: bool, sent_today: i64) -> chrono::NaiveDateTime {
        use chrono::Timelike;
        if urgent {
            return china;
        }
        let morning = |date: chrono::NaiveDate| date.and_hms_opt(self.quiet_until_hour % 24, 0, 0).unwrap_or_default();
        if sent_today >= self.daily_sms_cap {
            let next = morning(china.date() + chrono::Duration::days(1));
            return next;
        }
        if !self.is_quiet(china.hour()) {
            return china;
        }
        let today = morning(china.date());
        if today > china { today } else { morning(china.date() + chrono::Duration::days(1)) }
    }

    pub fn validate(&self) -> Result<(), (&'static str, &'static str)> {
        if self.quiet_from_hour > 23 {
            return Err(("quiet_from_hour", "免打扰开始时间须为 0–23 点"));
        }
        if self.quiet_until_hour > 23 {
            return Err(("quiet_until_hour", "免打扰结束时间须为 0–23 点"));
        }
        if !(1..=50).contains(&self.daily_sms_cap) {
            return Err(("daily_sms_cap", "每人每天短信上限须为 1–50 条"));
        }
        if !(1..=1000).contains(&self.sms_price_li) {
            return Err(("sms_price_li", "短信单价须为 0.001–1 元"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod policy_tests {
    use super::NotifyPolicy;
    use chrono::NaiveDateTime;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn quiet_hours_and_the_daily_cap_hold_texts_back() {
        let p = NotifyPolicy::default();
        // (queued at, urgent, sent today) → released at
        let vectors = [
            ("2026-11-27 09:00", false, 0, "2026-11-27 09:00"),
            ("2026-11-27 21:59", false, 0, "2026-11-27 21:59"),
            ("2026-11-27 22:00", false, 0, "2026-11-28 07:00"),
            ("2026-11-28 03:00", false, 0, "2026-11-28 07:00"),
            ("2026-11-28 03:00", true, 0, "2026-11-28 03:00"),
            ("2026-11-27 10:00", false, 5, "2026-11-28 07:00"),
            ("2026-11-27 10:00", true, 9, "2026-11-27 10:00"),
        ];
        for (queued, urgent, sent, expected) in vectors {
            assert_eq!(p.release_at(at(queued), urgent, sent), at(expected), "{queued} {urgent} {sent}");
        }
        assert_eq!(crate::api::notify::sms_segments(70), 1);
        assert_eq!(crate::api::notify::sms_segments(71), 2);
        assert_eq!(crate::api::notify::sms_segments(134), 2);
        assert_eq!(crate::api::notify::sms_segments(135), 3);
        assert_eq!(crate::api::notify::yuan_of_li(45 * 3), "0.14");
        assert_eq!(crate::api::notify::yuan_of_li(45 * 1000), "45.00");
        let daytime = NotifyPolicy { quiet_from_hour: 12, quiet_until_hour: 14, daily_sms_cap: 5, sms_price_li: 45 };
        assert!(daytime.is_quiet(12) && daytime.is_quiet(13) && !daytime.is_quiet(14) && !daytime.is_quiet(2));
    }
}

/// One optional or mandatory kind of text, and whether the caller receives it by SMS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsPreference {
    pub template: String,
    pub title: String,
    /// Mandatory notices reach everyone and cannot be turned off.
    pub mandatory: bool,
    pub sms: bool,
}

/// The caller's notification settings: an e-mail address for e-mail notices, and which
/// texts come by SMS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyPreferences {
    pub email: Option<String>,
    pub sms: Vec<SmsPreference>,
}

/// The texts the caller does not want by SMS (optional templates only) and their e-mail address
/// (empty or null: no e-mail notices).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreferencesUpdate {
    pub sms_opt_outs: Vec<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// Whether `text` looks like an e-mail address (one `@`, a dotted domain, no spaces, ≤ 100).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    text.len() <= 100
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The SMTP server for e-mail notices (`PUT /notify/mail-server`); the password is write-only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailServerSettings {
    /// Empty: e-mail is off.
    pub host: String,
    pub port: u16,
    /// starttls, tls (implicit, usually port 465) or none (a relay on the intranet)
    pub security: String,
    #[serde(default)]
    pub username: String,
    pub from_address: String,
    #[serde(default)]
    pub from_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailServerView {
    #[serde(flatten)]
    pub settings: MailServerSettings,
    pub password_set: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailServerUpdate {
    #[serde(flatten)]
    pub settings: MailServerSettings,
    /// Omitted or null keeps the stored one.
    #[serde(default)]
    pub password: Option<String>,
}

/// The SMS provider as the 政工部门 sees it: everything but the secret, of which only whether
/// it is set is shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsProviderView {
    #[serde(flatten)]
    pub settings: SmsProviderSettings,
    pub secret_set: bool,
}

/// The SMS provider's settings (`PUT /notify/sms-provider`). `secret` is write-only: left out or
/// null keeps the stored one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsProviderSettings {
    /// none, http_gateway, aliyun or tencent
    pub provider: String,
    /// The approved 签名, e.g. 智慧党建.
    pub sign_name: String,
    /// The gateway URL, or the cloud API endpoint (empty: the provider's public one).
    #[serde(default)]
    pub endpoint: String,
    /// Alibaba AccessKey ID, Tencent SecretId.
    #[serde(default)]
    pub access_key_id: String,
    /// Tencent: SmsSdkAppId.
    #[serde(default)]
    pub app_id: String,
    /// Tencent: the region, e.g. ap-guangzhou.
    #[serde(default)]
    pub region: String,
    /// Our template key → the provider's approved template code.
    #[serde(default)]
    pub template_codes: std::collections::BTreeMap<String, String>,
    /// HTTP gateway: json, form or query.
    #[serde(default)]
    pub gateway_format: String,
    /// HTTP gateway: the body (or query) with `{phone}`, `{text}`, `{sign}`, `{template}`, `{param.NAME}`.
    #[serde(default)]
    pub gateway_body: String,
    /// HTTP gateway: a header carrying the secret (e.g. Authorization, X-Token); empty for none.
    #[serde(default)]
    pub gateway_auth_header: String,
    /// HTTP gateway: JSON pointer to the result, its success value, its throttling values.
    #[serde(default)]
    pub gateway_result_pointer: String,
    #[serde(default)]
    pub gateway_success_value: String,
    #[serde(default)]
    pub gateway_throttled_values: Vec<String>,
    #[serde(default)]
    pub gateway_message_id_pointer: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsProviderUpdate {
    #[serde(flatten)]
    pub settings: SmsProviderSettings,
    /// AccessKey Secret, SecretKey or the gateway token; omitted or null keeps the stored one.
    #[serde(default)]
    pub secret: Option<String>,
}
