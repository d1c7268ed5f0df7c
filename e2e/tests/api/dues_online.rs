//! Paying dues online through the WeChat Pay API v3 provider, against a local fake that signs
//! its notifications: a payment counts only after a verified notification (or a verified query
//! answer); forged and repeated notifications change nothing; notifications may come out of order.

use chrono::NaiveDate;
use dangjian_api::jobs::Background;
use e2e::fake_wechatpay::FakeWechatPay;
use e2e::fixture::{FIXTURE_PASSWORD, Fixture};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};

fn setup() -> (TestApp, Fixture, FakeWechatPay, Api) {
    let fake = FakeWechatPay::start();
    let settings = fake.settings();
    let app = TestApp::spawn_with_clock(
        dangjian_api::clock::Clock::fixed_on(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
        move |c| c.wechat_pay = Some(settings),
    );
    let f = Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    expect(
        admin.post(
            "/api/v1/dues/bases",
            &json!({"person_id": f.dangyuan_person, "category": "employed", "base": "5000", "effective_month": "2026-09"}),
        ),
        201,
    );
    for day in ["2026-09-01", "2026-10-01", "2026-11-01"] {
        let at = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(1, 0, 0).unwrap().and_utc();
        app.clock.set(at);
        dangjian_api::dues::ledger::run(&Background::new().env(&app.db, &app.config, &app.clock)).unwrap();
    }
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    (app, f, fake, member)
}

fn notify(app: &TestApp, headers: &[(String, String)], body: &str) -> u16 {
    let client = reqwest::blocking::Client::new();
    let mut request = client.post(app.url("/api/v1/dues/notify/wechatpay")).header("Content-Type", "application/json");
    for (k, v) in headers {
        request = request.header(k, v);
    }
    request.body(body.to_string()).send().unwrap().status().as_u16()
}

fn order(member: &Api, through: &str) -> Value {
    expect(member.post("/api/v1/dues/me/orders", &json!({"through_month": through})), 201)
}

fn paid_months(member: &Api) -> Vec<String> {
    let mine = member.get_json("/api/v1/dues/me", 200);
    mine["months"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "paid")
        .map(|m| m["month"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_verified_notification_pays_once_and_a_forged_one_changes_nothing() {
    let (app, _f, fake, member) = setup();
    let opened = order(&member, "2026-11");
    assert_eq!(opened["amount"], "150.00", "September–November at 50.00");
    assert!(opened["pay_url"].as_str().unwrap().starts_with("https://wx.tenpay.com/"));
    assert_eq!(*fake.bad_signatures.lock().unwrap(), 0, "the merchant signature verified at the fake");
    let no = opened["out_trade_no"].as_str().unwrap();

    // Before paying, nothing is paid; a notification while unpaid (NOTPAY) changes nothing.
    let early = fake.notification(no);
    assert_eq!(notify(&app, &early.headers, &early.body), 204);
    assert!(paid_months(&member).is_empty());

    fake.pay(no);
    let valid = fake.notification(no);
    // Forged: the body changed after signing; a signature from another key; a stale timestamp.
    let tampered = valid.body.replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ");
    assert_eq!(notify(&app, &valid.headers, &tampered), 400);
    let mut wrong_serial = valid.headers.clone();
    wrong_serial[3].1 = "PUB_KEY_ID_OTHER".into();
    assert_eq!(notify(&app, &wrong_serial, &valid.body), 400);
    let mut stale = valid.headers.clone();
    stale[0].1 = (chrono::Utc::now().timestamp() - 3600).to_string();
    assert_eq!(notify(&app, &stale, &valid.body), 400);
    assert_eq!(notify(&app, &[], &valid.body), 400);
    assert!(paid_months(&member).is_empty(), "nothing forged counts");

    // The real one pays September–November; repeating it changes nothing.
    assert_eq!(notify(&app, &valid.headers, &valid.body), 204);
    assert_eq!(paid_months(&member), vec!["2026-11", "2026-10", "2026-09"]);
    assert_eq!(notify(&app, &valid.headers, &valid.body), 204);
    let mine = member.get_json("/api/v1/dues/me", 200);
    assert_eq!(mine["payments"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["payments"][0]["method"], "online");
    assert_eq!(mine["paid_through_label"], "党费交至 2026年11月");
    let id = opened["id"].as_i64().unwrap();
    assert_eq!(member.get_json(&format!("/api/v1/dues/me/orders/{id}"), 200)["status"], "paid");
    // Another member cannot see the order.
    expect(app.login("zhibu_a1", FIXTURE_PASSWORD).get(&format!("/api/v1/dues/me/orders/{id}")), 404);
}

#[test]
fn notifications_out_of_order_never_pay_a_month_twice_and_a_query_catches_a_lost_one() {
    let (app, _f, fake, member) = setup();
    // The member opens an order for September, then (impatient) one for September–November.
    let first = order(&member, "2026-09");
    let second = order(&member, "2026-11");
    let (first_no, second_no) = (first["out_trade_no"].as_str().unwrap(), second["out_trade_no"].as_str().unwrap());
    fake.pay(first_no);
    fake.pay(second_no);
    // The second's notification arrives first: it pays all three months.
    let n2 = fake.notification(second_no);
    assert_eq!(notify(&app, &n2.headers, &n2.body), 204);
    assert_eq!(paid_months(&member).len(), 3);
    // The first's arrives late: taken, but September is not paid twice; the money is marked to refund.
    let n1 = fake.notification(first_no);
    assert_eq!(notify(&app, &n1.headers, &n1.body), 204);
    let mine = member.get_json("/api/v1/dues/me", 200);
    let payments = mine["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 2);
    let late = payments.iter().find(|p| p["first_month"] == "2026-09" && p["last_month"] == "2026-09").unwrap();
    assert_eq!((late["unallocated"].as_str(), late["dues"].as_str()), (Some("50.00"), Some("0.00")), "{late}");
    assert_eq!(paid_months(&member).len(), 3);

    // A lost notification: the member comes back from WeChat and the order is queried.
    app.clock.set(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(1, 0, 0).unwrap().and_utc());
    dangjian_api::dues::ledger::run(&Background::new().env(&app.db, &app.config, &app.clock)).unwrap();
    let third = order(&member, "2026-12");
    let id = third["id"].as_i64().unwrap();
    assert_eq!(member.get_json(&format!("/api/v1/dues/me/orders/{id}"), 200)["status"], "pending");
    fake.pay(third["out_trade_no"].as_str().unwrap());
    assert_eq!(member.get_json(&format!("/api/v1/dues/me/orders/{id}"), 200)["status"], "paid");
    assert!(paid_months(&member).contains(&"2026-12".to_string()));
}

#[test]
fn without_a_provider_online_payment_is_refused_clearly() {
    let (app, _f) = e2e::fixture::spawn_with_fixture_at(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap());
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    assert_eq!(member.get_json("/api/v1/dues/me", 200)["online_payment"], false);
    let refused = expect(member.post("/api/v1/dues/me/orders", &json!({"through_month": "2026-11"})), 409);
    assert!(refused["message"].as_str().unwrap().contains("在线支付尚未开通"));
    expect(app.anonymous().post("/api/v1/dues/notify/wechatpay", &json!({})), 404);
}
