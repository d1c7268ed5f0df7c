//! Each provider against a fake of its service, started by the test on 127.0.0.1: the fake
//! checks the signature from the raw request it received (with its own copy of the secret) and
//! answers success, throttling or failure. Nothing here reaches the network.

use std::net::TcpListener;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::aliyun::{AliyunSettings, AliyunSms};
use super::fake::{Fake, Received, fake};
use super::gateway::{BodyFormat, GatewaySettings, HttpGateway};
use super::signing::{hex, hmac_sha256, percent_encode, sha256_hex};
use super::tencent::{TencentSettings, TencentSms};
use super::{SmsError, SmsMessage, SmsProvider};

pub(super) fn pinned() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).and_then(|d| d.and_hms_opt(1, 2, 3)).expect("valid")
}

pub(super) fn message() -> SmsMessage {
    SmsMessage {
        phone: "13800138000".into(),
        template_code: "SMS_1001".into(),
        params: vec![("topic".into(), "学习二十大精神思想汇报会".into()), ("time".into(), "11月28日 09:00".into())],
        text: "您好，学习二十大精神思想汇报会将于11月28日 09:00开始，请认真做好学习准备。".into(),
    }
}

pub(super) const SECRET: &str = "fake-secret-key";

// ---- Tencent Cloud: TC3-HMAC-SHA256 -------------------------------------------------------

/// The fake's own check of a TC3 signature, rebuilt from what was received.
fn tencent_signature_ok(r: &Received, secret: &str) -> bool {
    let auth = r.header("authorization");
    let field = |key: &str| auth.split([' ', ',']).find_map(|p| p.strip_prefix(key)).unwrap_or("").to_string();
    let (credential, signed_headers, signature) = (field("Credential="), field("SignedHeaders="), field("Signature="));
    let scope = credential.split_once('/').map(|(_, s)| s.to_string()).unwrap_or_default();
    let date = scope.split('/').next().unwrap_or("");
    let canonical_headers: String =
        signed_headers.split(';').map(|h| format!("{h}:{}\n", r.header(h).to_lowercase())).collect();
    let canonical =
        format!("{}\n/\n\n{canonical_headers}\n{signed_headers}\n{}", r.method, sha256_hex(r.body.as_bytes()));
    let to_sign =
        format!("TC3-HMAC-SHA256\n{}\n{scope}\n{}", r.header("x-tc-timestamp"), sha256_hex(canonical.as_bytes()));
    let key = hmac_sha256(
        &hmac_sha256(&hmac_sha256(format!("TC3{secret}").as_bytes(), date.as_bytes()), b"sms"),
        b"tc3_request",
    );
    signed_headers.contains("host") && hex(&hmac_sha256(&key, to_sign.as_bytes())) == signature
}

pub(super) fn tencent(url: &str, secret: &str) -> TencentSms {
    TencentSms {
        settings: TencentSettings {
            endpoint: url.into(),
            region: "ap-guangzhou".into(),
            secret_id: "AKIDfake".into(),
            secret_key: secret.into(),
            sdk_app_id: "1400000000".into(),
            sign_name: "智慧党建".into(),
            timeout: Duration::from_secs(5),
        },
        now: pinned,
    }
}

pub(super) fn tencent_fake(code: &'static str) -> Fake {
    fake(Box::new(move |r| {
        if !tencent_signature_ok(r, SECRET) {
            return (
                200,
                r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"x"},"RequestId":"r"}}"#
                    .into(),
            );
        }
        (
            200,
            format!(
                r#"{{"Response":{{"SendStatusSet":[{{"SerialNo":"2433:1","Code":"{code}","Message":"m"}}],"RequestId":"r"}}}}"#
            ),
        )
    }))
}

#[test]
fn tencent_signs_and_sends_the_template_values() {
    let server = tencent_fake("Ok");
    assert_eq!(tencent(&server.url, SECRET).send(&message()), Ok("2433:1".into()));
    let received = server.received.lock().expect("log")[0].clone();
    let body: serde_json::Value = serde_json::from_str(&received.body).expect("json");
    assert_eq!(body["PhoneNumberSet"][0], "+8613800138000");
    assert_eq!(body["TemplateParamSet"][0], "学习二十大精神思想汇报会");
    assert_eq!(body["SignName"], "智慧党建");
    assert_eq!(received.header("x-tc-action"), "SendSms");
}

#[test]
fn tencent_wrong_secret_throttling_and_outage() {
    let server = tencent_fake("Ok");
    assert_eq!(
        tencent(&server.url, "other").send(&message()),
        Err(SmsError::Rejected("AuthFailure.SignatureFailure".into()))
    );
    let server = tencent_fake("LimitExceeded.PhoneNumberDailyLimit");
    assert!(matches!(tencent(&server.url, SECRET).send(&message()), Err(SmsError::Throttled(_))));
    let server = fake(Box::new(|_| (503, "{}".into())));
    assert!(matches!(tencent(&server.url, SECRET).send(&message()), Err(SmsError::Unavailable(_))));
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address");
    assert!(matches!(tencent(&format!("http://{closed}"), SECRET).send(&message()), Err(SmsError::Unavailable(_))));
}

// ---- Alibaba Cloud: ACS3-HMAC-SHA256 ------------------------------------------------------

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The fake's own check of an ACS3 signature, rebuilt from what was received.
fn aliyun_signature_ok(r: &Received, secret: &str) -> bool {
    let auth = r.header("authorization");
    let field = |key: &str| auth.split([' ', ',']).find_map(|p| p.strip_prefix(key)).unwrap_or("").to_string();
    let (signed_headers, signature) = (field("SignedHeaders="), field("Signature="));
    let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (percent_encode(&decode(k)), percent_encode(&decode(v))))
        .collect();
    pairs.sort();
    let query = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let canonical_headers: String = signed_headers.split(';').map(|h| format!("{h}:{}\n", r.header(h))).collect();
    let canonical =
        format!("{}\n/\n{query}\n{canonical_headers}\n{signed_headers}\n{}", r.method, sha256_hex(r.body.as_bytes()));
    let to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
    r.header("x-acs-content-sha256") == sha256_hex(r.body.as_bytes())
        && signed_headers.contains("host")
        && hex(&hmac_sha256(secret.as_bytes(), to_sign.as_bytes())) == signature
}

fn aliyun(url: &str, secret: &str) -> AliyunSms {
    AliyunSms {
        settings: AliyunSettings {
            endpoint: url.into(),
            access_key_id: "LTAIfake".into(),
            access_key_secret: secret.into(),
            sign_name: "智慧党建".into(),
            timeout: Duration::from_secs(5),
        },
        now: pinned,
    }
}

fn aliyun_fake(code: &'static str) -> Fake {
    fake(Box::new(move |r| {
        if !aliyun_signature_ok(r, SECRET) {
            return (400, r#"{"Code":"SignatureDoesNotMatch","Message":"x"}"#.into());
        }
        (200, format!(r#"{{"Code":"{code}","Message":"m","BizId":"900^1","RequestId":"r"}}"#))
    }))
}

#[test]
fn aliyun_signs_and_sends_the_template_values() {
    let server = aliyun_fake("OK");
    assert_eq!(aliyun(&server.url, SECRET).send(&message()), Ok("900^1".into()));
    let received = server.received.lock().expect("log")[0].clone();
    let query = received.target.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default();
    let param = |name: &str| query.split('&').find_map(|p| p.strip_prefix(&format!("{name}="))).map(decode);
    assert_eq!(param("PhoneNumbers").as_deref(), Some("13800138000"));
    assert_eq!(param("SignName").as_deref(), Some("智慧党建"));
    let values: serde_json::Value = serde_json::from_str(&param("TemplateParam").unwrap_or_default()).expect("json");
    assert_eq!(values["topic"], "学习二十大精神思想汇报会");
    assert_eq!(received.header("x-acs-action"), "SendSms");
}

#[test]
fn aliyun_wrong_secret_throttling_and_outage() {
    let server = aliyun_fake("OK");
    assert_eq!(aliyun(&server.url, "other").send(&message()), Err(SmsError::Rejected("SignatureDoesNotMatch".into())));
    let server = aliyun_fake("isv.BUSINESS_LIMIT_CONTROL");
    assert!(matches!(aliyun(&server.url, SECRET).send(&message()), Err(SmsError::Throttled(_))));
    let server = fake(Box::new(|_| (502, "".into())));
    assert!(matches!(aliyun(&server.url, SECRET).send(&message()), Err(SmsError::Unavailable(_))));
}

// ---- The configurable gateway ---------------------------------------------------------------

fn gateway(url: &str, format: BodyFormat, template: &str) -> HttpGateway {
    HttpGateway {
        settings: GatewaySettings {
            url: url.into(),
            format,
            body_template: template.into(),
            headers: vec![("X-Token".into(), "t0ken".into())],
            sign_name: "智慧党建".into(),
            result_pointer: "/code".into(),
            success_value: "0".into(),
            throttled_values: vec!["429".into()],
            message_id_pointer: Some("/data/msgid".into()),
            timeout: Duration::from_secs(5),
        },
    }
}

fn gateway_fake(code: &'static str) -> Fake {
    fake(Box::new(move |r| {
        if r.header("x-token") != "t0ken" {
            return (401, r#"{"code":401}"#.into());
        }
        (200, format!(r#"{{"code":{code},"data":{{"msgid":"g-1"}}}}"#))
    }))
}

#[test]
fn gateway_fills_the_template_escaped_for_json_form_and_query() {
    let mut quoted = message();
    quoted.text = "通知：\"主题党日\" & 会议".into();
    let server = gateway_fake("0");
    let sms = gateway(
        &server.url,
        BodyFormat::Json,
        r#"{"mobile":"{phone}","content":"【{sign}】{text}","t":"{param.topic}"}"#,
    );
    assert_eq!(sms.send(&quoted), Ok("g-1".into()));
    let json: serde_json::Value =
        serde_json::from_str(&server.received.lock().expect("log")[0].body).expect("valid JSON");
    assert_eq!(json["content"], "【智慧党建】通知：\"主题党日\" & 会议");
    assert_eq!(json["t"], "学习二十大精神思想汇报会");

    let server = gateway_fake("0");
    gateway(&server.url, BodyFormat::Form, "mobile={phone}&msg={text}").send(&quoted).expect("sent");
    let body = server.received.lock().expect("log")[0].body.clone();
    assert_eq!(body, format!("mobile=13800138000&msg={}", percent_encode(&quoted.text)));

    let server = gateway_fake("0");
    gateway(&format!("{}/send?user=dj", server.url), BodyFormat::Query, "to={phone}&msg={text}")
        .send(&quoted)
        .expect("sent");
    let received = server.received.lock().expect("log")[0].clone();
    assert_eq!(received.method, "GET");
    assert!(received.target.starts_with("/send?user=dj&to=13800138000&msg=%E9%80%9A"), "{}", received.target);
}

#[test]
fn gateway_throttling_refusal_and_outage() {
    let server = gateway_fake("429");
    assert_eq!(gateway(&server.url, BodyFormat::Json, "{}").send(&message()), Err(SmsError::Throttled("429".into())));
    let server = gateway_fake("17");
    assert!(matches!(gateway(&server.url, BodyFormat::Json, "{}").send(&message()), Err(SmsError::Rejected(_))));
    let server = fake(Box::new(|_| (500, "oops".into())));
    assert!(matches!(gateway(&server.url, BodyFormat::Json, "{}").send(&message()), Err(SmsError::Unavailable(_))));
}
