//! Tencent Cloud SMS (`SendSms`, API 2021-01-11), signed with TC3-HMAC-SHA256: a canonical
//! request over the method, path, signed headers and the body's SHA-256; a key derived from the
//! secret through the date, the service and `tc3_request`; the signature in `Authorization`.

use std::time::Duration;

use chrono::NaiveDateTime;
use serde_json::json;

use super::signing::{hex, hmac_sha256, sha256_hex};
use super::{SmsError, SmsMessage, SmsProvider, answer, client, status_error};

const SERVICE: &str = "sms";
const VERSION: &str = "2021-01-11";
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

#[derive(Debug, Clone)]
pub struct TencentSettings {
    /// `https://sms.tencentcloudapi.com` (a test points it at its fake).
    pub endpoint: String,
    /// `ap-guangzhou`, `ap-beijing` …
    pub region: String,
    pub secret_id: String,
    pub secret_key: String,
    pub sdk_app_id: String,
    /// The approved 签名, e.g. `智慧党建`.
    pub sign_name: String,
    pub timeout: Duration,
}

pub struct TencentSms {
    pub settings: TencentSettings,
    /// The clock the signature's timestamp is taken from (UTC).
    pub now: fn() -> NaiveDateTime,
}

/// The parts of a signed request: what is sent and what was signed.
pub struct Signed {
    pub authorization: String,
    pub timestamp: i64,
}

/// Signs `body` for `host` at `at` (also used by the test's fake to check a request).
pub fn sign(secret_id: &str, secret_key: &str, host: &str, action: &str, body: &str, at: NaiveDateTime) -> Signed {
    let timestamp = at.and_utc().timestamp();
    let date = at.format("%Y-%m-%d").to_string();
    let signed_headers = "content-type;host;x-tc-action";
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{CONTENT_TYPE}\nhost:{host}\nx-tc-action:{}\n\n{signed_headers}\n{}",
        action.to_lowercase(),
        sha256_hex(body.as_bytes())
    );
    let scope = format!("{date}/{SERVICE}/tc3_request");
    let string_to_sign = format!("TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}", sha256_hex(canonical_request.as_bytes()));
    let secret_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, SERVICE.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    let signature = hex(&hmac_sha256(&secret_signing, string_to_sign.as_bytes()));
    Signed {
        authorization: format!(
            "TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
        ),
        timestamp,
    }
}

impl SmsProvider for TencentSms {
    fn kind(&self) -> &'static str {
        "tencent"
    }

    fn send(&self, message: &SmsMessage) -> Result<String, SmsError> {
        let s = &self.settings;
        let url = url::Url::parse(&s.endpoint).map_err(|_| SmsError::Rejected("腾讯云短信地址无效".into()))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            _ => return Err(SmsError::Rejected("腾讯云短信地址无效".into())),
        };
        let body = json!({
            "PhoneNumberSet": [format!("+86{}", message.phone)],
            "SmsSdkAppId": s.sdk_app_id,
            "SignName": s.sign_name,
            "TemplateId": message.template_code,
            "TemplateParamSet": message.params.iter().map(|(_, value)| value).collect::<Vec<_>>(),
        })
        .to_string();
        let signed = sign(&s.secret_id, &s.secret_key, &host, "SendSms", &body, (self.now)());
        let response = client(s.timeout)?
            .post(url)
            .header("Authorization", signed.authorization)
            .header("Content-Type", CONTENT_TYPE)
            .header("Host", &host)
            .header("X-TC-Action", "SendSms")
            .header("X-TC-Timestamp", signed.timestamp.to_string())
            .header("X-TC-Version", VERSION)
            .header("X-TC-Region", &s.region)
            .body(body)
            .send();
        let (status, answer) = answer(response)?;
        if let Some(error) = status_error(status) {
            return Err(error);
        }
        let response = &answer["Response"];
        if let Some(code) = response["Error"]["Code"].as_str() {
            return Err(classify(code));
        }
        let Some(sent) = response["SendStatusSet"].get(0) else {
            return Err(SmsError::Unavailable(format!("无法识别的应答（HTTP {status}）")));
        };
        match sent["Code"].as_str() {
            Some("Ok") => Ok(sent["SerialNo"].as_str().unwrap_or_default().to_string()),
            Some(code) => Err(classify(code)),
            None => Err(SmsError::Unavailable(format!("无法识别的应答（HTTP {status}）"))),
        }
    }
}

/// Tencent's error codes: limits are throttling, internal errors are outages, the rest refusals.
fn classify(code: &str) -> SmsError {
    if code.starts_with("LimitExceeded") || code == "RequestLimitExceeded" {
        SmsError::Throttled(code.to_string())
    } else if code.starts_with("InternalError") || code == "ServiceUnavailable" {
        SmsError::Unavailable(code.to_string())
    } else {
        SmsError::Rejected(code.to_string())
    }
}
