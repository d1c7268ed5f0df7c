//! A generic HTTP gateway, the usual shape of an in-house 短信平台: where to send (URL, method,
//! content type, fixed headers such as a token), a body template with placeholders, and how to
//! read the answer (a JSON pointer whose value means success or throttling, another for the
//! message id).
//!
//! Placeholders: `{phone}`, `{text}`, `{sign}`, `{template}` and `{param.NAME}`. Each value is
//! escaped for where it lands: inside a JSON string for JSON bodies, percent-encoded for form
//! bodies and for GET, whose template is the query string.

use std::time::Duration;

use super::signing::percent_encode;
use super::{SmsError, SmsMessage, SmsProvider, answer, client, status_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    Form,
    /// GET with the template as the query string.
    Query,
}

#[derive(Debug, Clone)]
pub struct GatewaySettings {
    pub url: String,
    pub format: BodyFormat,
    /// `{"mobile":"{phone}","content":"【{sign}】{text}"}`, `mobile={phone}&msg={text}` …
    pub body_template: String,
    /// Fixed headers, e.g. `("X-Token", "…")`.
    pub headers: Vec<(String, String)>,
    pub sign_name: String,
    /// JSON pointer into the answer, e.g. `/code`.
    pub result_pointer: String,
    /// The value there that means "accepted", e.g. `0`.
    pub success_value: String,
    /// Values there that mean "slow down", e.g. `429` or `THROTTLED`.
    pub throttled_values: Vec<String>,
    /// JSON pointer to the message id, e.g. `/data/msgid`.
    pub message_id_pointer: Option<String>,
    pub timeout: Duration,
}

pub struct HttpGateway {
    pub settings: GatewaySettings,
}

/// The template with every placeholder filled, escaped for `format`.
pub fn render(template: &str, format: BodyFormat, message: &SmsMessage, sign_name: &str) -> String {
    let escape = |value: &str| match format {
        BodyFormat::Json => {
            let quoted = serde_json::Value::String(value.to_string()).to_string();
            quoted[1..quoted.len() - 1].to_string()
        }
        BodyFormat::Form | BodyFormat::Query => percent_encode(value),
    };
    let mut out = template
        .replace("{phone}", &escape(&message.phone))
        .replace("{text}", &escape(&message.text))
        .replace("{sign}", &escape(sign_name))
        .replace("{template}", &escape(&message.template_code));
    for (name, value) in &message.params {
        out = out.replace(&format!("{{param.{name}}}"), &escape(value));
    }
    out
}

/// The answer's value at `pointer` as text (numbers and booleans too).
fn text_at(answer: &serde_json::Value, pointer: &str) -> Option<String> {
    match answer.pointer(pointer)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

impl SmsProvider for HttpGateway {
    fn kind(&self) -> &'static str {
        "http_gateway"
    }

    fn send(&self, message: &SmsMessage) -> Result<String, SmsError> {
        let s = &self.settings;
        let body = render(&s.body_template, s.format, message, &s.sign_name);
        let client = client(s.timeout)?;
        let mut request = match s.format {
            BodyFormat::Query => {
                let separator = if s.url.contains('?') { '&' } else { '?' };
                client.get(format!("{}{separator}{body}", s.url))
            }
            BodyFormat::Json => {
                client.post(&s.url).header("Content-Type", "application/json; charset=utf-8").body(body)
            }
            BodyFormat::Form => {
                client.post(&s.url).header("Content-Type", "application/x-www-form-urlencoded").body(body)
            }
        };
        for (name, value) in &s.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let (status, answer) = answer(request.send())?;
        if let Some(error) = status_error(status) {
            return Err(error);
        }
        let result = text_at(&answer, &s.result_pointer);
        match result {
            Some(value) if value == s.success_value && (200..300).contains(&status) => {
                Ok(s.message_id_pointer.as_deref().and_then(|p| text_at(&answer, p)).unwrap_or_default())
            }
            Some(value) if s.throttled_values.contains(&value) => Err(SmsError::Throttled(value)),
            Some(value) => Err(SmsError::Rejected(format!("{value}（HTTP {status}）"))),
            None => Err(SmsError::Rejected(format!("应答中没有结果字段 {}（HTTP {status}）", s.result_pointer))),
        }
    }
}
