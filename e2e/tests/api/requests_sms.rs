//! SMS approval: the approver's text carries only a number and a link; the provider's inbound
//! callback is signed, and a forged, a replayed or a stranger's reply changes nothing; a reply
//! of 2 returns the request; the link's page approves once and is then spent.

use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{TestApp, expect};
use serde_json::{Value, json};

const SECRET: &str = "inbound-test-secret";

fn approval_link(app: &TestApp, request: i64) -> String {
    let key = format!("request_sms:{request}:%");
    let payloads: Vec<String> = app
        .db
        .read_blocking(move |conn| {
            use dangjian_api::db::schema::outbox;
            use diesel::prelude::*;
            Ok(outbox::table
                .filter(outbox::dedup_key.like(key))
                .order(outbox::id.desc())
                .select(outbox::payload_json)
                .load::<String>(conn)?)
        })
        .unwrap();
    let payload: Value = serde_json::from_str(payloads.first().expect("an approval SMS was queued")).unwrap();
    assert_eq!(payload["template"], "request_approval");
    let link = payload["values"]["link"].as_str().unwrap().to_string();
    let text = payload.to_string();
    assert!(!text.contains("增补") && !text.contains("赵丽"), "no title or names in the SMS: {text}");
    link.rsplit('/').next().unwrap().to_string()
}

fn inbound(app: &TestApp, body: &Value, secret: &str, age_secs: i64) -> reqwest::blocking::Response {
    let body = body.to_string();
    let ts = (chrono::Utc::now().timestamp() - age_secs).to_string();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = ring::hmac::sign(&key, format!("{ts}\n{body}").as_bytes());
    let signature: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    app.anonymous()
        .client
        .post(app.url("/api/v1/sms/inbound"))
        .header("content-type", "application/json")
        .header("X-Sms-Timestamp", ts)
        .header("X-Sms-Signature", signature)
        .body(body)
        .send()
        .unwrap()
}

fn stage(app: &TestApp, id: i64) -> Value {
    app.login("zhibu_a1", FIXTURE_PASSWORD).get_json(&format!("/api/v1/requests/{id}"), 200)["stage"].clone()
}

#[test]
fn an_sms_reply_returns_and_a_link_approves_while_forgeries_and_replays_change_nothing() {
    let app = TestApp::spawn_with(|c| c.sms.inbound_secret = Some(SECRET.into()));
    let f = e2e::fixture::Fixture::load(&app);
    let _ = spawn_with_fixture;
    let sent = crate::requests::submitted(&app, &f);
    let id = sent["id"].as_i64().unwrap();
    let token = approval_link(&app, id);
    let approver_phone = "13900010001"; // dangwei_a's person

    let page = app.anonymous().get_json(&format!("/api/v1/requests/sms/{token}"), 200);
    assert_eq!(page["title"], sent["title"]);
    assert_eq!(page["used"], false);
    assert_eq!(app.anonymous().get(&format!("/api/v1/requests/sms/{token}/document.pdf")).status(), 200);
    assert_eq!(app.anonymous().get("/api/v1/requests/sms/nosuchtoken").status(), 404);

    let reply = |id: &str, phone: &str, text: &str| json!({"message_id": id, "phone": phone, "ext": "", "text": text});
    // Forged (wrong secret) and stale: refused before anything is read.
    assert_eq!(inbound(&app, &reply("m1", approver_phone, "1"), "wrong-secret", 0).status(), 403);
    assert_eq!(inbound(&app, &reply("m2", approver_phone, "1"), SECRET, 3600).status(), 403);
    // Someone else's phone: nothing happens.
    let stranger = expect(inbound(&app, &reply("m3", "13900010003", "1"), SECRET, 0), 200);
    assert_eq!(stranger["outcome"], "ignored");
    assert_eq!(stage(&app, id), "submitted");
    // The approver replies 2: returned with the comment.
    let returned = expect(inbound(&app, &reply("m4", approver_phone, "2 请补充考察材料"), SECRET, 0), 200);
    assert_eq!(returned["outcome"], "returned");
    assert_eq!(stage(&app, id), "draft");
    // The same message again (a replay): refused, still a draft.
    assert_eq!(inbound(&app, &reply("m4", approver_phone, "2 请补充考察材料"), SECRET, 0).status(), 409);
    // The old link is spent.
    assert_eq!(app.anonymous().get_json(&format!("/api/v1/requests/sms/{token}"), 200)["used"], true);

    // Resubmitted: a new link approves once.
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let detail = zhibu.get_json(&format!("/api/v1/requests/{id}"), 200);
    let s = |d: &Value| crate::requests::step(&zhibu, d, json!({}));
    s(&s(&s(&detail)));
    let token = approval_link(&app, id);
    let decided =
        expect(app.anonymous().post(&format!("/api/v1/requests/sms/{token}"), &json!({"decision": "approve"})), 200);
    assert_eq!(decided["used"], true);
    assert_eq!(stage(&app, id), "approved");
    let again = app.anonymous().post(&format!("/api/v1/requests/sms/{token}"), &json!({"decision": "approve"}));
    assert_eq!(again.status(), 409);
}
