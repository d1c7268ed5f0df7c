//! Alibaba Cloud SMS (`SendSms`, API 2017-05-25), signed with signature V3 (ACS3-HMAC-SHA256):
//! the parameters travel in the query string; a canonical request over the method, path,
//! sorted query, the signed `host`/`x-acs-*` headers and the body's SHA-256 is hashed and
//! signed with the AccessKey secret.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::signing::{hex, hmac_sha256, nonce, percent_encode, sha256_hex};
use super::{SmsError, SmsMessage, SmsProvider, answer, client, status_error};

const VERSION: &str = "2017-05-25";

#[derive(Debug, Clone)]
pub struct AliyunSettings {
    /// `https://dysmsapi.aliyuncs.com` (a test points it at its fake).
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    /// The approved 签名, e.g. `智慧党建`.
    pub sign_name: String,
    pub timeout: Duration,
}

pub struct AliyunSms {
    pub settings: AliyunSettings,
    /// The clock the `x-acs-date` header is taken from (UTC).
    pub now: fn() -> NaiveDateTime,
}

/// The canonical query string: names and values percent-encoded, sorted by name.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = params.iter().map(|(k, v)| (percent_encode(k), percent_encode(v))).collect();
    pairs.sort();
    pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// The `Authorization` value for a request with these (lower-case) headers, the
/// `x-acs-content-sha256` of its body among them (also used by the test's fake).
pub fn authorization(key_id: &str, secret: &str, method: &str, query: &str, headers: &[(String, String)]) -> String {
    let mut signed: Vec<&(String, String)> = headers
        .iter()
        .filter(|(name, _)| name == "host" || name.starts_with("x-acs-") || name == "content-type")
        .collect();
    signed.sort();
    let canonical_headers: String = signed.iter().map(|(name, value)| format!("{name}:{}\n", value.trim())).collect();
    let signed_headers = signed.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(";");
    let payload_hash = headers.iter().find(|(n, _)| n == "x-acs-content-sha256").map(|(_, v)| v.as_str()).unwrap_or("");
    let canonical_request = format!("{method}\n/\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}");
    let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hex(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()));
    format!("ACS3-HMAC-SHA256 Credential={key_id},SignedHeaders={signed_headers},Signature={signature}")
}

impl SmsProvider for AliyunSms {
    fn kind(&self) -> &'static str {
        "aliyun"
    }

    fn send(&self, message: &SmsMessage) -> Result<String, SmsError> {
        let s = &self.settings;
        let url = url::Url::parse(&s.endpoint).map_err(|_| SmsError::Rejected("阿里云短信地址无效".into()))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            _ => return Err(SmsError::Rejected("阿里云短信地址无效".into())),
        };
        let template_param: serde_json::Map<String, serde_json::Value> =
            message.params.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
        let query = canonical_query(&[
            ("PhoneNumbers".into(), message.phone.clone()),
            ("SignName".into(), s.sign_name.clone()),
            ("TemplateCode".into(), message.template_code.clone()),
            ("TemplateParam".into(), serde_json::Value::Object(template_param).to_string()),
        ]);
        let headers: Vec<(String, String)> = vec![
            ("host".into(), host),
            ("x-acs-action".into(), "SendSms".into()),
            ("x-acs-version".into(), VERSION.into()),
            ("x-acs-date".into(), (self.now)().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            ("x-acs-signature-nonce".into(), nonce()),
            ("x-acs-content-sha256".into(), sha256_hex(b"")),
        ];
        let authorization = authorization(&s.access_key_id, &s.access_key_secret, "POST", &query, &headers);
        let mut request = client(s.timeout)?.post(format!("{}/?{query}", s.endpoint.trim_end_matches('/')));
        for (name, value) in &headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let (status, answer) = answer(request.header("Authorization", authorization).send())?;
        if let Some(error) = status_error(status) {
            return Err(error);
        }
        match answer["Code"].as_str() {
            Some("OK") => Ok(answer["BizId"].as_str().unwrap_or_default().to_string()),
            Some(code) => Err(classify(code)),
            None => Err(SmsError::Unavailable(format!("无法识别的应答（HTTP {status}）"))),
        }
    }
}

/// Alibaba's codes: flow control is throttling, service errors are outages, the rest refusals.
fn classify(code: &str) -> SmsError {
    if code.contains("LIMIT_CONTROL") || code.starts_with("Throttling") {
        SmsError::Throttled(code.to_string())
    } else if code == "isp.SYSTEM_ERROR" || code.starts_with("ServiceUnavailable") || code == "InternalError" {
        SmsError::Unavailable(code.to_string())
    } else {
        SmsError::Rejected(code.to_string())
    }
}
