//! E-mail notices over SMTP (lettre): the server the 政工部门 configured, stored in `settings`
//! with its password sealed (write-only), STARTTLS, implicit TLS or plain (an intranet relay).
//! The outbox's e-mail channel sends each queued message to the address the recipient gave.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message as Email, Transport};
use serde::{Deserialize, Serialize};
use shared::api::notify::{MailServerSettings, MailServerUpdate, MailServerView};
use shared::error::FieldError;

use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::configured::Configured;
use crate::outbox::Channel;
use crate::outbox::dispatcher::{Delivery, Provider};
use crate::secrets::SecretBox;

pub const KEY: &str = "mail_server";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Stored {
    pub settings: MailServerSettings,
    pub sealed_password: Option<String>,
}

pub fn load(conn: &mut DbConnection) -> Result<Option<Stored>, ApiError> {
    Ok(crate::db::settings::get(conn, KEY)?.and_then(|json| serde_json::from_str(&json).ok()))
}

pub fn view(stored: Option<Stored>) -> MailServerView {
    let stored = stored.unwrap_or_else(|| Stored {
        settings: MailServerSettings { port: 587, security: "starttls".into(), ..MailServerSettings::default() },
        sealed_password: None,
    });
    MailServerView { settings: stored.settings, password_set: stored.sealed_password.is_some() }
}

pub fn save(conn: &mut DbConnection, config: &Config, update: MailServerUpdate) -> Result<MailServerView, ApiError> {
    let fields = validate(&update.settings, &config.mail.allowed_hosts);
    if !fields.is_empty() {
        return Err(ApiError::validation(fields));
    }
    let previous = load(conn)?;
    let sealed_password = match update.password.filter(|p| !p.is_empty()) {
        Some(password) => Some(SecretBox::from_config(config)?.seal(&password)?),
        None => previous.and_then(|p| p.sealed_password),
    };
    let stored = Stored { settings: update.settings, sealed_password };
    crate::db::settings::put(conn, KEY, &serde_json::to_string(&stored).map_err(ApiError::internal)?)?;
    Ok(view(Some(stored)))
}

fn validate(s: &MailServerSettings, allowed: &[String]) -> Vec<FieldError> {
    let mut fields = Vec::new();
    if s.host.trim().is_empty() {
        return fields;
    }
    let address = format!("smtp://{}:{}", s.host.trim(), s.port);
    let listed = url::Url::parse(&address).ok().is_some_and(|url| {
        allowed.iter().any(|entry| entry == s.host.trim() || *entry == format!("{}:{}", s.host.trim(), s.port))
            && url.host_str().is_some()
    });
    if !listed {
        fields.push(FieldError::new(
            "host",
            "invalid",
            "该邮件服务器不在允许的地址中（请系统管理员在配置文件 [mail] allowed_hosts 中添加）",
        ));
    }
    if s.port == 0 {
        fields.push(FieldError::new("port", "invalid", "请填写端口，如 587 或 465"));
    }
    if !["starttls", "tls", "none"].contains(&s.security.as_str()) {
        fields.push(FieldError::new("security", "invalid", "请选择加密方式（STARTTLS、TLS 或不加密）"));
    }
    if !shared::api::notify::is_email(s.from_address.trim()) {
        fields.push(FieldError::new("from_address", "invalid", "发件地址格式不正确"));
    }
    fields
}

/// The transport for stored settings; `None` while e-mail is off.
fn transport(stored: &Stored, config: &Config) -> Result<Option<(SmtpTransport, Mailbox)>, String> {
    let s = &stored.settings;
    let host = s.host.trim();
    if host.is_empty() {
        return Ok(None);
    }
    let tls = || TlsParameters::new(host.to_string()).map_err(|e| format!("TLS 参数无效：{e}"));
    let security = match s.security.as_str() {
        "tls" => Tls::Wrapper(tls()?),
        "starttls" => Tls::Required(tls()?),
        _ => Tls::None,
    };
    crate::install_tls_provider();
    let mut builder =
        SmtpTransport::builder_dangerous(host).port(s.port).tls(security).timeout(Some(Duration::from_secs(20)));
    if !s.username.is_empty() {
        let password = match &stored.sealed_password {
            Some(sealed) => SecretBox::from_config(config).and_then(|b| b.open(sealed)).map_err(|e| e.message)?,
            None => String::new(),
        };
        builder = builder.credentials(Credentials::new(s.username.clone(), password));
    }
    let from =
        format!("{} <{}>", if s.from_name.is_empty() { "智慧党建平台" } else { &s.from_name }, s.from_address.trim());
    let from: Mailbox = from.parse().map_err(|_| "发件地址无效".to_string())?;
    Ok(Some((builder.build(), from)))
}

/// A transport and its sender, built from one version of the stored settings.
type Built = (SmtpTransport, Mailbox);

/// The outbox's e-mail channel over the stored settings (e-mails wait while none are set).
pub struct ConfiguredEmail {
    config: Config,
    current: Configured<Built>,
}

impl ConfiguredEmail {
    pub fn new(config: &Config) -> ConfiguredEmail {
        ConfiguredEmail { config: config.clone(), current: Configured::new(KEY) }
    }

    fn transport(&self, conn: &mut DbConnection) -> Result<Option<Arc<Built>>, String> {
        self.current.get(conn, |raw| {
            let stored: Stored = serde_json::from_str(raw).map_err(|_| "邮件服务器设置已损坏".to_string())?;
            transport(&stored, &self.config)
        })
    }
}

impl Provider for ConfiguredEmail {
    fn channel(&self) -> Channel {
        Channel::Email
    }

    fn ready(&self, conn: &mut DbConnection) -> bool {
        matches!(self.transport(conn), Ok(Some(_)))
    }

    fn deliver(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String> {
        let transport = self.transport(conn)?.ok_or("未配置邮件服务器")?;
        let user = delivery.recipient_user_id.ok_or("邮件缺少接收人")?;
        let address = super::repo::email_of(conn, user).map_err(|e| e.message)?.ok_or("接收人没有填写邮箱")?;
        let to: Mailbox = address.parse().map_err(|_| "接收人邮箱格式不正确".to_string())?;
        let text = |key: &str| delivery.payload.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let email = Email::builder()
            .from(transport.1.clone())
            .to(to)
            .subject(text("subject"))
            .header(ContentType::TEXT_PLAIN)
            .body(text("body"))
            .map_err(|e| format!("邮件无法生成：{e}"))?;
        let response = transport.0.send(&email).map_err(|e| {
            if e.is_transient() {
                format!("邮件服务器暂时不可用：{e}")
            } else {
                format!("邮件服务器拒绝：{e}")
            }
        })?;
        Ok(Some(response.message().collect::<Vec<_>>().join(" ")))
    }
}
