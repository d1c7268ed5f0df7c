//! The login limit holds under concurrency, cannot lock an account out for good, can be
//! lifted by an administrator, and every login, logout, role switch and failure is audited.

use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{TestApp, expect};
use serde_json::json;

fn statuses(app: &TestApp, login: &str, attempts: usize) -> (usize, usize) {
    let handles: Vec<_> = (0..attempts)
        .map(|i| {
            let api = app.anonymous();
            let login = login.to_string();
            std::thread::spawn(move || {
                api.post("/api/v1/auth/login", &json!({"login": login, "password": format!("wrong-{i}")})).status()
            })
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap().as_u16()).collect();
    assert!(codes.iter().all(|c| *c == 401 || *c == 429), "{codes:?}");
    (codes.iter().filter(|c| **c == 401).count(), codes.iter().filter(|c| **c == 429).count())
}

#[test]
fn forty_concurrent_guesses_get_exactly_five_evaluations() {
    let (app, _) = spawn_with_fixture();
    let (evaluated, limited) = statuses(&app, "dangyuan_a1", 40);
    assert_eq!((evaluated, limited), (5, 35), "the limit is counted atomically with each attempt");
    let failed_rows = app.audit_rows("user", 0).len()
        + app.audit_rows("user", user_id(&app, "dangyuan_a1")).iter().filter(|r| r.action == "login_failed").count();
    assert_eq!(failed_rows, 5, "each evaluated failure is audited once");
}

fn user_id(app: &TestApp, login: &str) -> i64 {
    app.db.read_blocking(|conn| Ok(dangjian_api::auth::repo::find_login(conn, login)?.map_or(0, |u| u.id))).unwrap()
}

#[test]
fn an_administrator_unlocks_an_account_and_others_may_not() {
    let (app, _) = spawn_with_fixture();
    let api = app.anonymous();
    for _ in 0..5 {
        expect(api.post("/api/v1/auth/login", &json!({"login": "dangyuan_a1", "password": "guess"})), 401);
    }
    let right = json!({"login": "dangyuan_a1", "password": FIXTURE_PASSWORD});
    expect(api.post("/api/v1/auth/login", &right), 429);
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    assert_eq!(expect(branch.post("/api/v1/auth/unlock", &json!({"login": "dangyuan_a1"})), 403)["code"], "forbidden");
    let admin = app.login("admin", FIXTURE_PASSWORD);
    expect(admin.post("/api/v1/auth/unlock", &json!({"login": "nobody-here"})), 422);
    expect(admin.post("/api/v1/auth/unlock", &json!({"login": "dangyuan_a1"})), 204);
    expect(api.post("/api/v1/auth/login", &right), 200);
    let id = user_id(&app, "dangyuan_a1");
    let actions: Vec<String> = app.audit_rows("user", id).into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"unlock".to_string()) && actions.contains(&"login".to_string()), "{actions:?}");
}

#[test]
fn username_and_phone_share_one_budget() {
    let (app, _) = spawn_with_fixture();
    let phone = app
        .db
        .read_blocking(|conn| {
            Ok(dangjian_api::auth::repo::find_login(conn, "zhibu_a1")?.and_then(|u| u.phone).unwrap_or_default())
        })
        .unwrap();
    assert!(!phone.is_empty(), "the fixture gives the secretary a phone number");
    let api = app.anonymous();
    for login in ["zhibu_a1", "zhibu_a1", "zhibu_a1", phone.as_str(), phone.as_str()] {
        expect(api.post("/api/v1/auth/login", &json!({"login": login, "password": "guess"})), 401);
    }
    expect(api.post("/api/v1/auth/login", &json!({"login": phone, "password": FIXTURE_PASSWORD})), 429);
}

#[test]
fn overlong_logins_are_refused_before_any_work() {
    let (app, _) = spawn_with_fixture();
    let api = app.anonymous();
    let long = "x".repeat(65);
    let body = expect(api.post("/api/v1/auth/login", &json!({"login": long, "password": "p"})), 422);
    assert_eq!(body["details"]["fields"][0]["field"], "login");
    let huge = "p".repeat(300);
    expect(api.post("/api/v1/auth/login", &json!({"login": "admin", "password": huge})), 422);
    expect(api.post("/api/v1/auth/login", &json!({"login": "a\u{0}b", "password": "p"})), 422);
    // None of them counted as a failure.
    app.login("admin", FIXTURE_PASSWORD);
}

#[test]
fn the_client_address_comes_from_forwarded_headers_only_behind_a_trusted_proxy() {
    let guess = |app: &TestApp, forwarded_for: &str, login: &str| {
        app.anonymous()
            .client
            .post(app.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", forwarded_for)
            .json(&json!({"login": login, "password": "wrong"}))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    // Behind a trusted proxy: each client address has its own budget.
    let behind = TestApp::spawn_with(|c| {
        c.login_max_failures_per_ip = 3;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    });
    for i in 0..3 {
        assert_eq!(guess(&behind, "10.0.0.1", &format!("nobody{i}")), 401);
    }
    assert_eq!(guess(&behind, "10.0.0.1", "nobody9"), 429);
    assert_eq!(guess(&behind, "10.0.0.2", "nobody9"), 401, "another client behind the proxy is not limited");
    // Without one, the header is ignored: a client cannot pick a fresh address per guess.
    let direct = TestApp::spawn_with(|c| c.login_max_failures_per_ip = 3);
    for i in 0..3 {
        assert_eq!(guess(&direct, &format!("10.0.1.{i}"), &format!("nobody{i}")), 401);
    }
    assert_eq!(guess(&direct, "10.0.1.99", "nobody9"), 429);
}

#[test]
fn a_cookie_write_from_another_site_is_refused_whatever_the_authorization_header_says() {
    let (app, _) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    let forged = api
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("Authorization", "Basic eDp4")
        .header("Origin", "https://evil.example")
        .send()
        .unwrap();
    assert_eq!(expect(forged, 403)["code"], "forbidden");
}

#[test]
fn logout_and_role_switch_are_audited() {
    let (app, _) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let me = api.get_json("/api/v1/me", 200);
    let member_role = me["roles"].as_array().unwrap().iter().find(|r| r["kind"] == "member").unwrap()["id"].clone();
    expect(api.put("/api/v1/me/active-role", &json!({"role_assignment_id": member_role})), 200);
    expect(api.post("/api/v1/auth/logout", &json!({})), 204);
    let id = me["user_id"].as_i64().unwrap();
    let actions: Vec<String> = app.audit_rows("user", id).into_iter().map(|r| r.action).collect();
    for wanted in ["login", "switch_role", "logout"] {
        assert!(actions.iter().any(|a| a == wanted), "{wanted} missing from {actions:?}");
    }
}
