//! WeChat Pay API v3 (微信支付 APIv3), H5 payment: create an order
//! (`POST /v3/pay/transactions/h5`), the signed asynchronous notification (RSA-SHA256 over
//! `timestamp\nnonce\nbody\n` with the platform key, the resource AES-256-GCM encrypted with
//! the APIv3 key), and the order query (`GET /v3/pay/transactions/out-trade-no/{no}`).
//! Requests carry the `WECHATPAY2-SHA256-RSA2048` authorisation signed with the merchant key.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use super::keys::{self, Signer, Verifier};
use super::{OrderRequest, PaymentProvider, Transaction};

/// `[wechat_pay]` in the configuration; online payment is off without it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `https://api.mch.weixin.qq.com` (a test points it at a local fake).
    #[serde(default = "default_endpoint")]
    pub endpoint: String,
    pub mchid: String,
    pub appid: String,
    /// The merchant API certificate's serial number.
    pub merchant_serial_no: String,
    /// The merchant API private key (PKCS#8 PEM, `apiclient_key.pem`).
    pub merchant_key_file: PathBuf,
    /// The WeChat Pay platform public key (PEM) that signs notifications and answers…
    pub platform_public_key_file: PathBuf,
    /// …and its id, sent as `Wechatpay-Serial`.
    pub platform_serial: String,
    /// A file holding the 32-character APIv3 key.
    pub api_v3_key_file: PathBuf,
    /// Where WeChat Pay posts notifications: `https://<host>/api/v1/dues/notify/wechatpay`.
    pub notify_url: String,
    /// Notifications older (or newer) than this are refused as replays.
    #[serde(default = "default_skew")]
    pub max_skew_seconds: i64,
}

fn default_endpoint() -> String {
    "https://api.mch.weixin.qq.com".into()
}

fn default_skew() -> i64 {
    300
}

pub struct WechatPay {
    settings: Settings,
    signer: Signer,
    platform: Verifier,
    api_v3_key: Vec<u8>,
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

impl WechatPay {
    pub fn load(settings: &Settings) -> Result<WechatPay, String> {
        let api_v3_key = read(&settings.api_v3_key_file)?.trim().as_bytes().to_vec();
        if api_v3_key.len() != 32 {
            return Err("the APIv3 key must be 32 characters".into());
        }
        Ok(WechatPay {
            signer: Signer::from_pem(&read(&settings.merchant_key_file)?)?,
            platform: Verifier::from_pem(&read(&settings.platform_public_key_file)?)?,
            api_v3_key,
            settings: settings.clone(),
        })
    }

    fn authorization(&self, method: &str, path_and_query: &str, body: &str) -> Result<String, String> {
        let timestamp = chrono::Utc::now().timestamp();
        let nonce = crate::auth::session::new_token()[..32].to_string();
        let message = format!("{method}\n{path_and_query}\n{timestamp}\n{nonce}\n{body}\n");
        let signature = self.signer.sign(message.as_bytes())?;
        Ok(format!(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"{}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{}\"",
            self.settings.mchid, self.settings.merchant_serial_no
        ))
    }

    /// Checks the platform's signature headers over `body`, and their freshness.
    fn check_signed(&self, header: &dyn Fn(&str) -> Option<String>, body: &[u8]) -> Result<(), String> {
        let get = |name: &str| header(name).ok_or_else(|| format!("missing header {name}"));
        let (timestamp, nonce, signature, serial) = (
            get("Wechatpay-Timestamp")?,
            get("Wechatpay-Nonce")?,
            get("Wechatpay-Signature")?,
            get("Wechatpay-Serial")?,
        );
        if serial != self.settings.platform_serial {
            return Err(format!("unknown platform key {serial}"));
        }
        let at: i64 = timestamp.parse().map_err(|_| "bad timestamp")?;
        if (chrono::Utc::now().timestamp() - at).abs() > self.settings.max_skew_seconds {
            return Err("the signature is too old or from the future".into());
        }
        let mut message = format!("{timestamp}\n{nonce}\n").into_bytes();
        message.extend_from_slice(body);
        message.push(b'\n');
        if self.platform.verify(&message, &signature) { Ok(()) } else { Err("bad signature".into()) }
    }

    fn call(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Result<Answer, String> {
        let text = body.map(|b| b.to_string()).unwrap_or_default();
        let url = format!("{}{path}", self.settings.endpoint.trim_end_matches('/'));
        // Built here, on the blocking thread that calls: a blocking client must not be dropped
        // inside the async runtime.
        let http =
            reqwest::blocking::Client::builder().timeout(Duration::from_secs(10)).build().map_err(|e| e.to_string())?;
        let mut request = http
            .request(method.clone(), &url)
            .header("Authorization", self.authorization(method.as_str(), path, &text)?)
            .header("Accept", "application/json")
            .header("User-Agent", "dangjian");
        if body.is_some() {
            request = request.header("Content-Type", "application/json").body(text);
        }
        let response = request.send().map_err(|e| format!("wechat pay unreachable: {e}"))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let bytes = response.bytes().map_err(|e| e.to_string())?.to_vec();
        Ok((status, bytes, headers))
    }
}

/// An HTTP answer: status, body, headers.
type Answer = (u16, Vec<u8>, Vec<(String, String)>);

fn transaction(value: &Value) -> Result<Transaction, String> {
    let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(Transaction {
        out_trade_no: text("out_trade_no").ok_or("no out_trade_no")?,
        transaction_id: text("transaction_id").unwrap_or_default(),
        success: text("trade_state").as_deref() == Some("SUCCESS"),
        total_fen: value.pointer("/amount/total").and_then(Value::as_i64).unwrap_or(0),
    })
}

impl PaymentProvider for WechatPay {
    fn name(&self) -> &'static str {
        "wechat_pay"
    }

    fn create_order(&self, order: &OrderRequest) -> Result<String, String> {
        let body = json!({
            "appid": self.settings.appid,
            "mchid": self.settings.mchid,
            "description": order.description,
            "out_trade_no": order.out_trade_no,
            "notify_url": self.settings.notify_url,
            "amount": {"total": order.total_fen, "currency": "CNY"},
            "scene_info": {"payer_client_ip": order.client_ip, "h5_info": {"type": "Wap"}},
        });
        let (status, bytes, headers) = self.call(reqwest::Method::POST, "/v3/pay/transactions/h5", Some(&body))?;
        if status != 200 {
            return Err(format!("wechat pay refused the order: HTTP {status} {}", String::from_utf8_lossy(&bytes)));
        }
        let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        self.check_signed(&header, &bytes)?;
        let answer: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        answer.get("h5_url").and_then(Value::as_str).map(str::to_string).ok_or_else(|| "no h5_url in the answer".into())
    }

    fn verify_notification(&self, header: &dyn Fn(&str) -> Option<String>, body: &[u8]) -> Result<Transaction, String> {
        self.check_signed(header, body)?;
        let event: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
        let resource = event.get("resource").ok_or("no resource")?;
        let field = |k: &str| resource.get(k).and_then(Value::as_str).unwrap_or_default();
        if field("algorithm") != "AEAD_AES_256_GCM" {
            return Err("unknown algorithm".into());
        }
        let plain = keys::decrypt(&self.api_v3_key, field("nonce"), field("associated_data"), field("ciphertext"))?;
        let value: Value = serde_json::from_slice(&plain).map_err(|e| format!("resource is not JSON: {e}"))?;
        if value.get("mchid").and_then(Value::as_str) != Some(self.settings.mchid.as_str()) {
            return Err("the notification is for another merchant".into());
        }
        transaction(&value)
    }

    fn query(&self, out_trade_no: &str) -> Result<Option<Transaction>, String> {
        let path = format!("/v3/pay/transactions/out-trade-no/{out_trade_no}?mchid={}", self.settings.mchid);
        let (status, bytes, headers) = self.call(reqwest::Method::GET, &path, None)?;
        if status == 404 {
            return Ok(None);
        }
        if status != 200 {
            return Err(format!("wechat pay query failed: HTTP {status}"));
        }
        let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        self.check_signed(&header, &bytes)?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        transaction(&value).map(Some)
    }
}
