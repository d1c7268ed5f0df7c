//! The SMS provider chosen by the 政工部门, stored in `settings` with its secret sealed, and the
//! outbox channel built from it. The secret is write-only: views say whether it is set.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use shared::api::notify::{SmsProviderSettings, SmsProviderUpdate, SmsProviderView};
use shared::error::FieldError;

use super::aliyun::{AliyunSettings, AliyunSms};
use super::channel::SmsChannel;
use super::gateway::{BodyFormat, GatewaySettings, HttpGateway};
use super::tencent::{TencentSettings, TencentSms};
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::configured::Configured;
use crate::outbox::Channel;
use crate::outbox::dispatcher::{Delivery, Provider};
use crate::secrets::SecretBox;

pub const KEY: &str = "sms_provider";
const ALIYUN: &str = "https://dysmsapi.aliyuncs.com";
const TENCENT: &str = "https://sms.tencentcloudapi.com";
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Stored {
    pub settings: SmsProviderSettings,
    pub sealed_secret: Option<String>,
}

pub fn load(conn: &mut DbConnection) -> Result<Option<Stored>, ApiError> {
    Ok(crate::db::settings::get(conn, KEY)?.and_then(|json| serde_json::from_str(&json).ok()))
}

pub fn view(stored: Option<Stored>) -> SmsProviderView {
    match stored {
        Some(s) => SmsProviderView { settings: s.settings, secret_set: s.sealed_secret.is_some() },
        None => SmsProviderView {
            settings: SmsProviderSettings { provider: "none".into(), ..SmsProviderSettings::default() },
            secret_set: false,
        },
    }
}

/// Checks and stores an update; the secret is sealed, or the stored one kept.
pub fn save(conn: &mut DbConnection, config: &Config, update: SmsProviderUpdate) -> Result<SmsProviderView, ApiError> {
    let previous = load(conn)?;
    let secret = update.secret.filter(|s| !s.trim().is_empty());
    let has_secret = secret.is_some() || previous.as_ref().is_some_and(|p| p.sealed_secret.is_some());
    let fields = validate(&update.settings, has_secret, &config.sms.allowed_hosts);
    if !fields.is_empty() {
        return Err(ApiError::validation(fields));
    }
    let sealed_secret = match secret {
        Some(secret) => Some(SecretBox::from_config(config)?.seal(secret.trim())?),
        None => previous.and_then(|p| p.sealed_secret),
    };
    let stored = Stored { settings: update.settings, sealed_secret };
    crate::db::settings::put(conn, KEY, &serde_json::to_string(&stored).map_err(ApiError::internal)?)?;
    Ok(view(Some(stored)))
}

fn validate(s: &SmsProviderSettings, has_secret: bool, allowed: &[String]) -> Vec<FieldError> {
    let mut fields = Vec::new();
    fn need(fields: &mut Vec<FieldError>, ok: bool, field: &str, message: &str) {
        if !ok {
            fields.push(FieldError::new(field, "invalid", message));
        }
    }
    let kind = s.provider.as_str();
    need(&mut fields, ["none", "http_gateway", "aliyun", "tencent"].contains(&kind), "provider", "请选择短信平台");
    if !["http_gateway", "aliyun", "tencent"].contains(&kind) {
        return fields;
    }
    need(&mut fields, (1..=20).contains(&s.sign_name.trim().chars().count()), "sign_name", "短信签名须为 1–20 个字");
    need(&mut fields, has_secret, "secret", "请填写密钥");
    let endpoint = if s.endpoint.trim().is_empty() && kind != "http_gateway" {
        Ok(())
    } else {
        url::Url::parse(s.endpoint.trim())
            .map_err(|_| "请填写 http(s) 开头的完整地址".to_string())
            .and_then(|url| crate::hr_sync::allow_list::check(&url, allowed))
            .map_err(|e| if e == crate::hr_sync::allow_list::NOT_ALLOWED { NOT_ALLOWED.to_string() } else { e })
    };
    if let Err(message) = endpoint {
        fields.push(FieldError::new("endpoint", "invalid", message));
    }
    for (key, code) in &s.template_codes {
        if shared::sms::find(key).is_none() || code.trim().is_empty() || code.chars().count() > 40 {
            fields.push(FieldError::new("template_codes", "invalid", format!("模板 {key} 的编号无效")));
        }
    }
    match kind {
        "aliyun" => need(&mut fields, !s.access_key_id.trim().is_empty(), "access_key_id", "请填写 AccessKey ID"),
        "tencent" => {
            need(&mut fields, !s.access_key_id.trim().is_empty(), "access_key_id", "请填写 SecretId");
            need(&mut fields, !s.app_id.trim().is_empty(), "app_id", "请填写 SmsSdkAppId");
            need(&mut fields, !s.region.trim().is_empty(), "region", "请填写地域，如 ap-guangzhou");
        }
        _ => {
            need(
                &mut fields,
                format_of(&s.gateway_format).is_some(),
                "gateway_format",
                "请选择请求格式（json、form 或 query）",
            );
            need(&mut fields, !s.gateway_body.trim().is_empty(), "gateway_body", "请填写请求内容模板");
            need(
                &mut fields,
                s.gateway_result_pointer.starts_with('/'),
                "gateway_result_pointer",
                "结果字段须为 JSON 指针，如 /code",
            );
            need(
                &mut fields,
                !s.gateway_success_value.trim().is_empty(),
                "gateway_success_value",
                "请填写表示成功的值",
            );
        }
    }
    fields
}

const NOT_ALLOWED: &str = "该地址不在允许的短信平台地址中（请系统管理员在配置文件 [sms] allowed_hosts 中添加）";

fn format_of(text: &str) -> Option<BodyFormat> {
    match text {
        "json" => Some(BodyFormat::Json),
        "form" => Some(BodyFormat::Form),
        "query" => Some(BodyFormat::Query),
        _ => None,
    }
}

/// The channel for stored settings; `None` when no provider is chosen.
pub fn build(stored: &Stored, config: &Config) -> Result<Option<SmsChannel>, String> {
    let s = &stored.settings;
    let secret = match &stored.sealed_secret {
        Some(sealed) => SecretBox::from_config(config).and_then(|b| b.open(sealed)).map_err(|e| e.message)?,
        None => String::new(),
    };
    let endpoint =
        |default: &str| if s.endpoint.trim().is_empty() { default.to_string() } else { s.endpoint.trim().to_string() };
    let provider: Box<dyn super::SmsProvider> = match s.provider.as_str() {
        "aliyun" => Box::new(AliyunSms {
            settings: AliyunSettings {
                endpoint: endpoint(ALIYUN),
                access_key_id: s.access_key_id.clone(),
                access_key_secret: secret,
                sign_name: s.sign_name.clone(),
                timeout: TIMEOUT,
            },
            now: crate::clock::wall_now,
        }),
        "tencent" => Box::new(TencentSms {
            settings: TencentSettings {
                endpoint: endpoint(TENCENT),
                region: s.region.clone(),
                secret_id: s.access_key_id.clone(),
                secret_key: secret,
                sdk_app_id: s.app_id.clone(),
                sign_name: s.sign_name.clone(),
                timeout: TIMEOUT,
            },
            now: crate::clock::wall_now,
        }),
        "http_gateway" => Box::new(HttpGateway {
            settings: GatewaySettings {
                url: s.endpoint.trim().to_string(),
                format: format_of(&s.gateway_format).ok_or("短信网关请求格式无效")?,
                body_template: s.gateway_body.clone(),
                headers: if s.gateway_auth_header.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![(s.gateway_auth_header.trim().to_string(), secret)]
                },
                sign_name: s.sign_name.clone(),
                result_pointer: s.gateway_result_pointer.clone(),
                success_value: s.gateway_success_value.clone(),
                throttled_values: s.gateway_throttled_values.clone(),
                message_id_pointer: Some(s.gateway_message_id_pointer.clone()).filter(|p| p.starts_with('/')),
                timeout: TIMEOUT,
            },
        }),
        _ => return Ok(None),
    };
    // A gateway that takes free text needs no template codes: our keys stand in for them.
    let mut template_codes: BTreeMap<String, String> =
        shared::sms::TEMPLATES.iter().map(|t| (t.key.to_string(), t.key.to_string())).collect();
    if s.provider != "http_gateway" {
        template_codes.clear();
    }
    template_codes.extend(s.template_codes.clone());
    Ok(Some(SmsChannel { provider, template_codes, phone_of: crate::notify::repo::phone_of }))
}

/// The outbox's SMS channel over the stored settings: SMS wait in the queue until a provider is
/// chosen; a change of settings takes effect at the next message.
pub struct ConfiguredSms {
    config: Config,
    current: Configured<SmsChannel>,
}

impl ConfiguredSms {
    pub fn new(config: &Config) -> ConfiguredSms {
        ConfiguredSms { config: config.clone(), current: Configured::new(KEY) }
    }

    fn channel(&self, conn: &mut DbConnection) -> Result<Option<Arc<SmsChannel>>, String> {
        self.current.get(conn, |raw| {
            let stored: Stored = serde_json::from_str(raw).map_err(|_| "短信平台设置已损坏".to_string())?;
            build(&stored, &self.config)
        })
    }
}

impl Provider for ConfiguredSms {
    fn channel(&self) -> Channel {
        Channel::Sms
    }

    fn ready(&self, conn: &mut DbConnection) -> bool {
        matches!(self.channel(conn), Ok(Some(_)))
    }

    fn deliver(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String> {
        let channel = self.channel(conn)?.ok_or("未配置短信平台")?;
        channel.deliver(conn, delivery)
    }
}
