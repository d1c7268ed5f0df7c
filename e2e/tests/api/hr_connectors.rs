//! HR connectors cannot be turned against the server's network: only listed hosts, no
//! redirects, no remote content in error messages, and the secret is sealed at rest.

use e2e::fake_hr::{FakeHr, Reply};
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};

fn body(url: &str, scope: i64) -> Value {
    json!({
        "name": "人事主数据", "base_url": url, "auth_header_name": "Authorization", "auth_header_value": "Bearer s3cret-token",
        "paging_style": "cursor", "page_size": 50, "items_pointer": "/items", "next_cursor_pointer": "/next",
        "field_mapping": {"name": "name", "id_card_number": "idNo"}, "schedule_hour": null, "scope_org_id": scope
    })
}

fn pull(admin: &Api, id: &Value) -> Value {
    let started = expect(admin.post(&format!("/api/v1/hr/connectors/{id}/pull"), &json!({})), 202);
    admin.wait_for_job(started["id"].as_i64().unwrap())
}

#[test]
fn only_hosts_on_the_deployment_list_may_be_configured() {
    let app = TestApp::spawn_with(|c| c.hr.allowed_hosts = vec!["hr.example.cn".into(), "10.2.3.4:8443".into()]);
    let f = e2e::Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    for url in [
        "http://127.0.0.1:5432/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.2.3.4:8080/x",
        "https://hr.example.cn.evil.example/",
        "file:///etc/passwd",
    ] {
        let refused = expect(admin.post("/api/v1/hr/connectors", &body(url, f.a)), 422);
        assert_eq!(refused["details"]["fields"][0]["field"], "base_url", "{url}");
    }
    expect(admin.post("/api/v1/hr/connectors", &body("https://hr.example.cn/api/people", f.a)), 201);
    expect(admin.post("/api/v1/hr/connectors", &body("http://10.2.3.4:8443/api", f.a)), 201);
}

#[test]
fn redirects_are_not_followed_and_remote_content_is_not_echoed() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let inside = FakeHr::start(|_, _| Reply::json(json!({"items": [{"name": "INTERNAL-ONLY-VALUE-42"}]})));
    let inside_url = inside.url.clone();
    let redirecting = FakeHr::start(move |_, _| Reply {
        status: 302,
        headers: format!("Location: {inside_url}\r\n"),
        ..Reply::json(json!({}))
    });
    let created = expect(admin.post("/api/v1/hr/connectors", &body(&redirecting.url, f.a)), 201);
    let job = pull(&admin, &created["id"]);
    assert_eq!(job["status"], "failed", "{job}");
    assert!(job["error_message"].as_str().unwrap().contains("重定向"), "{job}");
    assert!(inside.requests.lock().unwrap().is_empty(), "the redirect target was never called");

    let leaky =
        FakeHr::start(|_, _| Reply { body: "<html>INTERNAL-ONLY-VALUE-42</html>".into(), ..Reply::json(json!({})) });
    let created = expect(admin.post("/api/v1/hr/connectors", &body(&leaky.url, f.a)), 201);
    let job = pull(&admin, &created["id"]);
    assert_eq!(job["status"], "failed");
    assert!(!job.to_string().contains("INTERNAL-ONLY"), "the error does not quote the answer: {job}");
}

#[test]
fn the_secret_is_sealed_at_rest_and_sent_only_to_its_url() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let hr = FakeHr::start(|_, _| Reply::json(json!({"items": []})));
    let created = expect(admin.post("/api/v1/hr/connectors", &body(&hr.url, f.a)), 201);
    let id = created["id"].as_i64().unwrap();
    let stored: Option<String> = app
        .db
        .read_blocking(|conn| {
            use dangjian_api::db::schema::hr_connectors;
            use diesel::prelude::*;
            Ok(hr_connectors::table.find(id).select(hr_connectors::auth_header_value).first(conn)?)
        })
        .unwrap();
    let stored = stored.unwrap();
    assert!(!stored.contains("s3cret"), "stored sealed, not as {stored}");
    let job = pull(&admin, &created["id"]);
    assert_eq!(job["status"], "preview_ready", "{job}");
    assert_eq!(hr.authorizations.lock().unwrap().as_slice(), ["Bearer s3cret-token"]);
    // Pointing it at another path without re-entering the secret drops the secret.
    let other = FakeHr::start(|_, _| Reply::json(json!({"items": []})));
    let mut changed = body(&other.url, f.a);
    changed["auth_header_value"] = Value::Null;
    let updated = expect(admin.put(&format!("/api/v1/hr/connectors/{id}"), &changed), 200);
    assert_eq!(updated["has_auth_value"], false);
    pull(&admin, &created["id"]);
    assert!(other.authorizations.lock().unwrap().is_empty());
}
