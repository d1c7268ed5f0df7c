//! Custom notices (preview with recipient count and SMS cost, then send), SMS preferences and
//! the 政工部门's SMS policy.

use e2e::error_fields;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{eventually, expect};
use serde_json::json;

#[test]
fn a_notice_is_previewed_then_sent_once_to_its_audience() {
    let (app, f) = spawn_with_fixture();
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let request = json!({
        "org_id": f.a, "title": "党费缴纳", "body": "提醒各位党员同志，请尽快缴纳党费。",
        "audience": {"kind": "org", "org_id": f.a}, "channels": ["in_app", "sms"]
    });
    let preview = expect(committee.post("/api/v1/notices/preview", &request), 200);
    // 一所: a1 has 3 正式 + 1 预备, a2 has 2 正式 (the applicant is not a member).
    assert_eq!(preview["recipients"], 6, "{preview}");
    assert_eq!(preview["sms"], 6);
    assert_eq!(preview["in_app"], 3, "dangwei_a, zhibu_a1 and dangyuan_a1 have logins");
    assert_eq!(preview["sms_text"], "【一所党委】提醒各位党员同志，请尽快缴纳党费。");
    assert_eq!(preview["sms_segments"], 1);
    assert_eq!(preview["sms_cost_yuan"], "0.27");
    let count = |app: &e2e::TestApp| {
        app.db
            .read_blocking(|conn| {
                use dangjian_api::db::schema::outbox::dsl::*;
                use diesel::prelude::*;
                Ok(outbox.filter(dedup_key.like("notice:%")).count().get_result::<i64>(conn)?)
            })
            .unwrap()
    };
    assert_eq!(count(&app), 0, "a preview sends nothing");

    let sent = expect(committee.post("/api/v1/notices", &request), 201);
    assert_eq!(count(&app), 9, "6 SMS and 3 in-app notices");
    assert_eq!(app.audit_rows("notice", sent["id"].as_i64().unwrap())[0].action, "send");
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let page = eventually("the notice arrives in the app", || {
        let page = member.get_json("/api/v1/notifications", 200);
        (page["unread_count"] == 1).then_some(page)
    });
    assert_eq!(page["items"][0]["title"], "通知：党费缴纳");

    // Role audience: the 党支部 role holders below 一所.
    let secretaries = json!({"org_id": f.a, "title": "换届准备", "body": "请各支部做好换届准备。", "audience": {"kind": "role", "org_id": f.a, "role": "branch"}, "channels": ["in_app"]});
    let preview = expect(committee.post("/api/v1/notices/preview", &secretaries), 200);
    assert_eq!(preview["recipients"], 1);
    assert_eq!(preview["sms"], 0);
    assert_eq!(preview["sms_cost_yuan"], "0.00");

    // Out of scope, classified, empty: refused, nothing queued.
    let outside = json!({"org_id": f.a, "title": "x", "body": "y", "audience": {"kind": "org", "org_id": f.b}, "channels": ["sms"]});
    expect(committee.post("/api/v1/notices", &outside), 403);
    let stranger = json!({"org_id": f.a, "title": "x", "body": "y", "audience": {"kind": "people", "person_ids": [f.b1_people[0]]}, "channels": ["sms"]});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/notices", &stranger), 422)), vec!["audience"]);
    let secret = json!({"org_id": f.a, "title": "政审", "body": "张建国身份证110101198001010011已核实", "audience": {"kind": "org", "org_id": f.a}, "channels": ["sms"]});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/notices", &secret), 422)), vec!["body"]);
    let blank =
        json!({"org_id": f.a, "title": "", "body": "y", "audience": {"kind": "org", "org_id": f.a}, "channels": []});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/notices", &blank), 422)), vec!["title"]);
    let no_channel =
        json!({"org_id": f.a, "title": "x", "body": "y", "audience": {"kind": "org", "org_id": f.a}, "channels": []});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/notices", &no_channel), 422)), vec!["channels"]);
    expect(member.post("/api/v1/notices/preview", &request), 403);
    assert_eq!(count(&app), 9, "nothing refused was queued");
}

#[test]
fn members_turn_optional_texts_off_but_not_mandatory_ones() {
    let (app, _f) = spawn_with_fixture();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let prefs = member.get_json("/api/v1/notifications/preferences", 200);
    let leave = prefs["sms"].as_array().unwrap().iter().find(|p| p["template"] == "leave_decision").unwrap().clone();
    assert_eq!(leave["sms"], true);
    assert_eq!(leave["mandatory"], false);
    let saved =
        expect(member.put("/api/v1/notifications/preferences", &json!({"sms_opt_outs": ["leave_decision"]})), 200);
    assert_eq!(
        saved["sms"].as_array().unwrap().iter().find(|p| p["template"] == "leave_decision").unwrap()["sms"],
        false
    );
    let refused =
        expect(member.put("/api/v1/notifications/preferences", &json!({"sms_opt_outs": ["meeting_notice"]})), 422);
    assert_eq!(error_fields(&refused), vec!["sms_opt_outs"]);
    expect(member.put("/api/v1/notifications/preferences", &json!({"sms_opt_outs": ["nope"]})), 422);
    let kept = member.get_json("/api/v1/notifications/preferences", 200);
    assert_eq!(
        kept["sms"].as_array().unwrap().iter().find(|p| p["template"] == "leave_decision").unwrap()["sms"],
        false
    );
    // An account without a person record has no SMS preferences.
    expect(app.login("admin", FIXTURE_PASSWORD).get("/api/v1/notifications/preferences"), 409);
}

#[test]
fn the_department_sets_the_sms_policy() {
    let (app, _f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let policy = admin.get_json("/api/v1/notify/policy", 200);
    assert_eq!(policy, json!({"quiet_from_hour": 22, "quiet_until_hour": 7, "daily_sms_cap": 5, "sms_price_li": 45}));
    let changed = json!({"quiet_from_hour": 21, "quiet_until_hour": 8, "daily_sms_cap": 3, "sms_price_li": 50});
    assert_eq!(expect(admin.put("/api/v1/notify/policy", &changed), 200), changed);
    assert_eq!(admin.get_json("/api/v1/notify/policy", 200), changed);
    let bad = json!({"quiet_from_hour": 25, "quiet_until_hour": 8, "daily_sms_cap": 3, "sms_price_li": 50});
    assert_eq!(error_fields(&expect(admin.put("/api/v1/notify/policy", &bad), 422)), vec!["quiet_from_hour"]);
    assert_eq!(admin.get_json("/api/v1/notify/policy", 200), changed, "a refused change changes nothing");
    expect(app.login("dangwei_a", FIXTURE_PASSWORD).put("/api/v1/notify/policy", &changed), 403);
    assert_eq!(app.audit_rows("notify_policy", 0)[0].action, "update");
}

#[test]
fn the_department_configures_an_sms_gateway_and_queued_texts_go_out_through_it() {
    use e2e::fake_hr::{FakeHr, Reply};
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    // Quiet hours that are not now, so the meeting notice goes at once.
    let hour = dangjian_api::clock::Clock::system().china_hour();
    let policy = json!({"quiet_from_hour": (hour + 2) % 24, "quiet_until_hour": (hour + 3) % 24, "daily_sms_cap": 5, "sms_price_li": 45});
    expect(admin.put("/api/v1/notify/policy", &policy), 200);
    let gateway = FakeHr::start(|_, n| Reply::json(json!({"code": 0, "data": {"msgid": format!("gw-{n}")}})));
    // Texts queue while no provider is chosen.
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    expect(
        secretary.post(
            "/api/v1/meetings",
            &json!({"org_id": f.a1, "kind": "party_lecture", "topic": "学习二十大精神思想汇报会", "starts_at": "2027-03-02T14:30:00", "place": "三楼会议室", "attendees": {"scope": "branch"}}),
        ),
        201,
    );
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(admin.get_json("/api/v1/outbox?channel=sms&status=pending", 200)["items"].as_array().unwrap().len() == 4);
    assert_eq!(admin.get_json("/api/v1/notify/sms-provider", 200)["provider"], "none");

    let mut settings = json!({
        "provider": "http_gateway", "sign_name": "智慧党建", "endpoint": gateway.url,
        "gateway_format": "query", "gateway_body": "mobile={phone}&content=【{sign}】{text}",
        "gateway_auth_header": "Authorization", "gateway_result_pointer": "/code", "gateway_success_value": "0",
        "gateway_throttled_values": ["429"], "gateway_message_id_pointer": "/data/msgid"
    });
    let missing_secret = expect(admin.put("/api/v1/notify/sms-provider", &settings), 422);
    assert_eq!(error_fields(&missing_secret), vec!["secret"]);
    let mut elsewhere = settings.clone();
    elsewhere["endpoint"] = json!("http://sms.example.org/send");
    elsewhere["secret"] = json!("Bearer gw-token");
    assert_eq!(error_fields(&expect(admin.put("/api/v1/notify/sms-provider", &elsewhere), 422)), vec!["endpoint"]);
    settings["secret"] = json!("Bearer gw-token");
    let saved = expect(admin.put("/api/v1/notify/sms-provider", &settings), 200);
    assert_eq!(saved["secret_set"], true);
    assert!(saved.get("secret").is_none(), "the secret is write-only");
    assert!(!format!("{:?}", app.audit_rows("sms_provider", 0)[0].after).contains("gw-token"));

    let log = eventually("the queued texts go out through the gateway", || {
        let log = admin.get_json("/api/v1/outbox?channel=sms&status=delivered", 200);
        (log["items"].as_array().unwrap().len() == 4).then_some(log)
    });
    assert!(log["items"][0]["provider_message_id"].as_str().unwrap().starts_with("gw-"));
    assert_eq!(
        log["items"][0]["summary"],
        "一所第一党支部定于03月02日 14:30在三楼会议室召开学习二十大精神思想汇报会，请准时参加。"
    );
    let requests = gateway.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 4);
    assert!(requests.iter().all(|r| r.contains("mobile=139") && r.contains("content=")), "{requests:?}");
    assert!(gateway.authorizations.lock().unwrap().iter().all(|a| a == "Bearer gw-token"));

    // Saving again without a secret keeps it.
    settings.as_object_mut().unwrap().remove("secret");
    assert_eq!(expect(admin.put("/api/v1/notify/sms-provider", &settings), 200)["secret_set"], true);
    expect(app.login("dangwei_a", FIXTURE_PASSWORD).get("/api/v1/notify/sms-provider"), 403);
}

#[test]
fn e_mail_notices_go_through_the_configured_smtp_server_and_survive_an_outage() {
    use e2e::smtp_sink::SmtpSink;
    let app = e2e::TestApp::spawn_with(|c| {
        c.workers.outbox_backoff_seconds = 0;
        c.workers.poll_millis = 50;
    });
    let f = e2e::fixture::Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let bad = expect(
        secretary.put("/api/v1/notifications/preferences", &json!({"sms_opt_outs": [], "email": "not-an-address"})),
        422,
    );
    assert_eq!(error_fields(&bad), vec!["email"]);
    let prefs = expect(
        secretary
            .put("/api/v1/notifications/preferences", &json!({"sms_opt_outs": [], "email": "zhibu.a1@example.cn"})),
        200,
    );
    assert_eq!(prefs["email"], "zhibu.a1@example.cn");

    let sink = SmtpSink::start(1);
    let server = json!({"host": "127.0.0.1", "port": sink.port, "security": "none", "username": "", "from_address": "dangjian@example.cn", "from_name": "智慧党建平台"});
    let mut elsewhere = server.clone();
    elsewhere["host"] = json!("smtp.example.org");
    assert_eq!(error_fields(&expect(admin.put("/api/v1/notify/mail-server", &elsewhere), 422)), vec!["host"]);
    let saved = expect(admin.put("/api/v1/notify/mail-server", &server), 200);
    assert_eq!(saved["password_set"], false);

    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let notice = json!({"org_id": f.a, "title": "换届准备", "body": "请各支部做好换届准备。", "audience": {"kind": "role", "org_id": f.a, "role": "branch"}, "channels": ["email"]});
    let preview = expect(committee.post("/api/v1/notices/preview", &notice), 200);
    assert_eq!(preview["email"], 1);
    expect(committee.post("/api/v1/notices", &notice), 201);
    let log = eventually("the e-mail goes out after the server's outage", || {
        let log = admin.get_json("/api/v1/outbox?channel=email&status=delivered", 200);
        (log["items"].as_array().unwrap().len() == 1).then_some(log)
    });
    assert_eq!(log["items"][0]["attempts"], 2, "the first attempt met the outage: {log}");
    assert_eq!(log["items"][0]["provider_message_id"], "OK queued as Q1");
    let mail = sink.received.lock().unwrap()[0].clone();
    assert_eq!(mail.to, vec!["<zhibu.a1@example.cn>"]);
    assert!(mail.from.contains("dangjian@example.cn"));
    assert!(mail.data.contains("Subject: "), "{}", mail.data);
}
