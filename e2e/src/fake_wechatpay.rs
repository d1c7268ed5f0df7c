//! A fake WeChat Pay API v3 for tests: a real HTTP server on a random local port that checks
//! the merchant's `WECHATPAY2-SHA256-RSA2048` signature on every request, opens H5 orders,
//! answers order queries, and makes notifications signed with its own platform key and
//! encrypted with the APIv3 key, as WeChat Pay does. Its cryptography is written here with
//! `ring`, independently of the server's.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, UnparsedPublicKey};
use serde_json::{Value, json};

pub const MCHID: &str = "1900000109";
pub const APPID: &str = "wxd678efh567hg6787";
pub const PLATFORM_SERIAL: &str = "PUB_KEY_ID_0114232134912410000000000000";

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/wechatpay")
}

fn pem_der(path: &str) -> Vec<u8> {
    let pem = std::fs::read_to_string(fixtures().join(path)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).unwrap()
}

#[derive(Debug, Clone)]
pub struct FakeOrder {
    pub total: i64,
    pub transaction_id: Option<String>,
}

pub struct FakeWechatPay {
    pub url: String,
    pub orders: Arc<Mutex<HashMap<String, FakeOrder>>>,
    /// Requests whose merchant signature did not verify.
    pub bad_signatures: Arc<Mutex<usize>>,
    platform: Arc<RsaKeyPair>,
}

/// A notification as WeChat Pay would post it: headers and body.
pub struct Notification {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl FakeWechatPay {
    pub fn start() -> FakeWechatPay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let orders = Arc::new(Mutex::new(HashMap::<String, FakeOrder>::new()));
        let bad_signatures = Arc::new(Mutex::new(0));
        let platform = Arc::new(RsaKeyPair::from_pkcs8(&pem_der("platform_key.pem")).unwrap());
        let merchant = Arc::new(RsaKeyPair::from_pkcs8(&pem_der("merchant_key.pem")).unwrap());
        let (o, b, p) = (orders.clone(), bad_signatures.clone(), platform.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (orders, bad, platform, merchant) = (o.clone(), b.clone(), p.clone(), merchant.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let mut parts = line.split_whitespace();
                    let (method, target) =
                        (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
                    let (mut length, mut authorization) = (0usize, String::new());
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                            break;
                        }
                        if let Some((name, value)) = header.split_once(':') {
                            if name.eq_ignore_ascii_case("content-length") {
                                length = value.trim().parse().unwrap_or(0);
                            } else if name.eq_ignore_ascii_case("authorization") {
                                authorization = value.trim().to_string();
                            }
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    let body = String::from_utf8(body).unwrap();
                    let (status, answer) = if !merchant_signed(&merchant, &authorization, &method, &target, &body) {
                        *bad.lock().unwrap() += 1;
                        (401, json!({"code": "SIGN_ERROR", "message": "签名错误"}))
                    } else {
                        answer(&orders, &method, &target, &body)
                    };
                    let text = answer.to_string();
                    let (timestamp, nonce) = (chrono::Utc::now().timestamp().to_string(), nonce());
                    let signature = sign(&platform, &format!("{timestamp}\n{nonce}\n{text}\n"));
                    let response = format!(
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nWechatpay-Timestamp: {timestamp}\r\nWechatpay-Nonce: {nonce}\r\nWechatpay-Signature: {signature}\r\nWechatpay-Serial: {PLATFORM_SERIAL}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                        text.len()
                    );
                    let _ = stream.write_all(response.as_bytes());
                });
            }
        });
        FakeWechatPay { url, orders, bad_signatures, platform }
    }

    /// The `[wechat_pay]` settings pointing at this fake.
    pub fn settings(&self) -> dangjian_api::dues::online::wechat::Settings {
        dangjian_api::dues::online::wechat::Settings {
            endpoint: self.url.clone(),
            mchid: MCHID.into(),
            appid: APPID.into(),
            merchant_serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1".into(),
            merchant_key_file: fixtures().join("merchant_key.pem"),
            platform_public_key_file: fixtures().join("platform_public.pem"),
            platform_serial: PLATFORM_SERIAL.into(),
            api_v3_key_file: fixtures().join("api_v3_key.txt"),
            notify_url: "https://dangjian.example.cn/api/v1/dues/notify/wechatpay".into(),
            max_skew_seconds: 300,
        }
    }

    /// The member pays the order in WeChat: returns the transaction id.
    pub fn pay(&self, out_trade_no: &str) -> String {
        let mut orders = self.orders.lock().unwrap();
        let paid = orders.values().filter(|o| o.transaction_id.is_some()).count();
        let id = format!("4200000{:013}", 1_000 + paid);
        let order = orders.get_mut(out_trade_no).expect("the order was opened with the fake");
        order.transaction_id = Some(id.clone());
        id
    }

    /// The signed, encrypted notification of an order's state (`SUCCESS` after `pay`).
    pub fn notification(&self, out_trade_no: &str) -> Notification {
        let order = self.orders.lock().unwrap().get(out_trade_no).cloned().expect("known order");
        let transaction = transaction(out_trade_no, &order);
        let key = std::fs::read_to_string(fixtures().join("api_v3_key.txt")).unwrap();
        let nonce = nonce()[..12].to_string();
        let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key.trim().as_bytes()).unwrap());
        let mut data = transaction.to_string().into_bytes();
        sealing
            .seal_in_place_append_tag(
                Nonce::try_assume_unique_for_key(nonce.as_bytes()).unwrap(),
                Aad::from(b"transaction"),
                &mut data,
            )
            .unwrap();
        let body = json!({
            "id": format!("EV-{}", nonce),
            "create_time": chrono::Utc::now().to_rfc3339(),
            "resource_type": "encrypt-resource",
            "event_type": "TRANSACTION.SUCCESS",
            "summary": "支付成功",
            "resource": {
                "original_type": "transaction",
                "algorithm": "AEAD_AES_256_GCM",
                "ciphertext": STANDARD.encode(data),
                "associated_data": "transaction",
                "nonce": nonce,
            }
        })
        .to_string();
        let (timestamp, header_nonce) = (chrono::Utc::now().timestamp().to_string(), self::nonce());
        let signature = sign(&self.platform, &format!("{timestamp}\n{header_nonce}\n{body}\n"));
        Notification {
            headers: vec![
                ("Wechatpay-Timestamp".into(), timestamp),
                ("Wechatpay-Nonce".into(), header_nonce),
                ("Wechatpay-Signature".into(), signature),
                ("Wechatpay-Serial".into(), PLATFORM_SERIAL.into()),
            ],
            body,
        }
    }
}

fn transaction(out_trade_no: &str, order: &FakeOrder) -> Value {
    json!({
        "mchid": MCHID,
        "appid": APPID,
        "out_trade_no": out_trade_no,
        "transaction_id": order.transaction_id.clone().unwrap_or_default(),
        "trade_type": "MWEB",
        "trade_state": if order.transaction_id.is_some() { "SUCCESS" } else { "NOTPAY" },
        "trade_state_desc": if order.transaction_id.is_some() { "支付成功" } else { "未支付" },
        "success_time": chrono::Utc::now().to_rfc3339(),
        "amount": {"total": order.total, "payer_total": order.total, "currency": "CNY", "payer_currency": "CNY"},
    })
}

fn answer(orders: &Mutex<HashMap<String, FakeOrder>>, method: &str, target: &str, body: &str) -> (u16, Value) {
    if method == "POST" && target == "/v3/pay/transactions/h5" {
        let order: Value = serde_json::from_str(body).unwrap();
        let no = order["out_trade_no"].as_str().unwrap().to_string();
        assert_eq!(order["mchid"], MCHID);
        assert_eq!(order["amount"]["currency"], "CNY");
        let total = order["amount"]["total"].as_i64().unwrap();
        orders.lock().unwrap().insert(no.clone(), FakeOrder { total, transaction_id: None });
        return (
            200,
            json!({"h5_url": format!("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx{no}")}),
        );
    }
    if let Some(rest) = target.strip_prefix("/v3/pay/transactions/out-trade-no/")
        && method == "GET"
    {
        let no = rest.split('?').next().unwrap_or("");
        return match orders.lock().unwrap().get(no) {
            Some(order) => (200, transaction(no, order)),
            None => (404, json!({"code": "ORDER_NOT_EXIST", "message": "订单不存在"})),
        };
    }
    (404, json!({"code": "NOT_FOUND", "message": "no such API"}))
}

/// Checks `WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,signature=…,timestamp=…,serial_no=…`.
fn merchant_signed(merchant: &RsaKeyPair, authorization: &str, method: &str, target: &str, body: &str) -> bool {
    let Some(fields) = authorization.strip_prefix("WECHATPAY2-SHA256-RSA2048 ") else { return false };
    let field = |name: &str| {
        fields
            .split(',')
            .find_map(|f| f.trim().strip_prefix(&format!("{name}=\""))?.strip_suffix('"').map(str::to_string))
    };
    let (Some(mchid), Some(nonce), Some(signature), Some(timestamp)) =
        (field("mchid"), field("nonce_str"), field("signature"), field("timestamp"))
    else {
        return false;
    };
    let message = format!("{method}\n{target}\n{timestamp}\n{nonce}\n{body}\n");
    let Ok(signature) = STANDARD.decode(signature) else { return false };
    mchid == MCHID
        && UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, merchant.public().as_ref())
            .verify(message.as_bytes(), &signature)
            .is_ok()
}

fn sign(key: &RsaKeyPair, message: &str) -> String {
    let mut signature = vec![0; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), message.as_bytes(), &mut signature).unwrap();
    STANDARD.encode(signature)
}

fn nonce() -> String {
    let mut bytes = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
