//! SMS delivery behind one trait, `SmsProvider`, with three implementations: a configurable
//! HTTP gateway (the usual shape of an in-house 短信平台), Alibaba Cloud SMS (signature V3,
//! ACS3-HMAC-SHA256) and Tencent Cloud SMS (TC3-HMAC-SHA256). Sign names and template codes
//! are settings; the message's variables come from data. Providers only send: retries,
//! caps and quiet hours belong to the outbox that calls them.

pub mod aliyun;
pub mod channel;
#[cfg(test)]
mod channel_tests;
#[cfg(test)]
mod fake;
pub mod gateway;
pub mod settings;
mod signing;
pub mod tencent;
#[cfg(test)]
mod tests;

use std::time::Duration;

/// One text message to one phone.
#[derive(Debug, Clone, PartialEq)]
pub struct SmsMessage {
    /// Mainland mobile number, 11 digits (`shared::validate` checked it when it was stored).
    pub phone: String,
    /// The provider's template code (Alibaba `SMS_123456789`, Tencent `1234567`).
    pub template_code: String,
    /// The template's variables in the template's order (Tencent numbers them `{1}`, `{2}` …;
    /// Alibaba and most gateways name them).
    pub params: Vec<(String, String)>,
    /// The whole text as the recipient reads it, for gateways that take free text.
    pub text: String,
}

/// Why a message was not accepted. Every kind is retried by the outbox with backoff; the
/// kind tells the 政工部门 what to do about a dead letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsError {
    /// The provider is limiting us (rate, daily quota): try again later.
    Throttled(String),
    /// The provider refused this message (signature, template, number, balance).
    Rejected(String),
    /// The provider could not be reached or failed (network, timeout, HTTP 5xx).
    Unavailable(String),
}

impl SmsError {
    /// A line for the delivery log (never the message text or the recipient's data).
    pub fn describe(&self) -> String {
        match self {
            SmsError::Throttled(detail) => format!("短信平台限流：{detail}"),
            SmsError::Rejected(detail) => format!("短信平台拒绝：{detail}"),
            SmsError::Unavailable(detail) => format!("短信平台不可用：{detail}"),
        }
    }
}

pub trait SmsProvider: Send + Sync {
    /// `http_gateway`, `aliyun` or `tencent`.
    fn kind(&self) -> &'static str;

    /// Sends `message`; the provider's message id on success.
    fn send(&self, message: &SmsMessage) -> Result<String, SmsError>;
}

/// The HTTP client of every provider: bounded time, no redirects.
fn client(timeout: Duration) -> Result<reqwest::blocking::Client, SmsError> {
    crate::install_tls_provider();
    reqwest::blocking::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| SmsError::Unavailable("HTTP 客户端初始化失败".into()))
}

/// Reads an answer: the status and the body as JSON (at most 64 KB; a body that is not JSON is
/// `Null`). Network errors are `Unavailable`.
fn answer(response: Result<reqwest::blocking::Response, reqwest::Error>) -> Result<(u16, serde_json::Value), SmsError> {
    use std::io::Read;
    let response = response.map_err(|e| {
        SmsError::Unavailable(if e.is_timeout() { "请求超时".into() } else { "无法连接".into() })
    })?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    response.take(64 * 1024).read_to_end(&mut body).map_err(|_| SmsError::Unavailable("读取应答失败".into()))?;
    Ok((status, serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null)))
}

/// HTTP 429 and 5xx, the same for every provider.
fn status_error(status: u16) -> Option<SmsError> {
    match status {
        429 => Some(SmsError::Throttled(format!("HTTP {status}"))),
        500..=599 => Some(SmsError::Unavailable(format!("HTTP {status}"))),
        _ => None,
    }
}
