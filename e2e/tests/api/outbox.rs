//! The outbox over HTTP: in-app delivery, dead letters for the 政工部门 and a retry.

use dangjian_api::outbox::{Message, enqueue};
use e2e::fixture::{FIXTURE_PASSWORD, Fixture};
use e2e::{TestApp, eventually, expect};
use serde_json::json;

#[test]
fn undeliverable_messages_become_dead_letters_that_the_department_can_retry() {
    let app = TestApp::spawn_with(|c| {
        c.workers.outbox_max_attempts = 2;
        c.workers.outbox_backoff_seconds = 0;
        c.workers.poll_millis = 50;
    });
    Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let admin_id = admin.get_json("/api/v1/me", 200)["user_id"].as_i64().unwrap();
    let (good, bad) = app
        .db
        .write_blocking(|conn| {
            let good = enqueue(conn, &Message::in_app(admin_id, "换届提醒", "第一党支部任期将满", Some("/orgs")))?;
            // A notice without a title cannot be shown: every attempt fails.
            let mut untitled = Message::in_app(admin_id, "", "正文", None);
            untitled.payload = json!({"body": "正文"});
            let bad = enqueue(conn, &untitled)?;
            Ok((good, bad))
        })
        .unwrap();
    let notices = eventually("the good message is delivered", || {
        let notices = admin.get_json("/api/v1/notifications", 200);
        (!notices["items"].as_array().unwrap().is_empty()).then_some(notices)
    });
    assert_eq!(notices["items"].as_array().unwrap().len(), 1);
    assert_eq!(notices["items"][0]["title"], "换届提醒");

    let dead = eventually("the bad message becomes a dead letter", || {
        let page = admin.get_json("/api/v1/outbox?status=dead", 200);
        (!page["items"].as_array().unwrap().is_empty()).then_some(page)
    });
    assert_eq!(dead["items"].as_array().unwrap().len(), 1, "{dead}");
    let letter = &dead["items"][0];
    assert_eq!(letter["id"], bad);
    assert_eq!(letter["channel"], "in_app");
    assert_eq!(letter["attempts"], 2);
    assert_eq!(letter["last_error"], "站内通知缺少标题");
    assert_eq!(letter["summary"], "");
    assert_ne!(letter["id"], good);
    // The delivery log: the good one delivered in one attempt, the bad one with both errors.
    let log = admin.get_json("/api/v1/outbox?channel=in_app", 200);
    assert_eq!(log["items"].as_array().unwrap().len(), 2);
    assert_eq!(log["items"][1]["status"], "delivered");
    assert_eq!(log["items"][1]["summary"], "换届提醒");
    assert_eq!(log["items"][1]["recipient"], "admin");
    let detail = admin.get_json(&format!("/api/v1/outbox/{bad}"), 200);
    assert_eq!(detail["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(detail["attempts"][1]["error"], "站内通知缺少标题");
    expect(admin.get("/api/v1/outbox?status=lost"), 400);
    expect(admin.get("/api/v1/outbox?channel=fax"), 400);

    // Only the 政工部门 sees the log and resends dead letters.
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    expect(secretary.get("/api/v1/outbox?status=dead"), 403);
    expect(secretary.get(&format!("/api/v1/outbox/{bad}")), 403);
    expect(secretary.post(&format!("/api/v1/outbox/{bad}/resend"), &json!({})), 403);
    expect(admin.post(&format!("/api/v1/outbox/{good}/resend"), &json!({})), 409);
    expect(admin.post("/api/v1/outbox/999999/resend", &json!({})), 404);

    let retried = expect(admin.post(&format!("/api/v1/outbox/{bad}/resend"), &json!({})), 200);
    assert_eq!(retried["attempts"], 0);
    assert_eq!(app.audit_rows("outbox", bad)[0].action, "resend");
    // Still undeliverable: it is tried again (two more attempts, all recorded) and is dead again.
    eventually("the retried message is tried again", || {
        let tries = app.db.read_blocking(|conn| dangjian_api::outbox::repo::attempts_of(conn, bad)).unwrap();
        (tries.len() == 4).then_some(())
    });
    let page = eventually("dead again", || {
        let page = admin.get_json("/api/v1/outbox?status=dead", 200);
        (page["items"][0]["attempts"] == 2).then_some(page)
    });
    assert_eq!(page["items"][0]["id"], bad);
}
