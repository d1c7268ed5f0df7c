use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{TestApp, expect};
use serde_json::json;

#[test]
fn login_by_username_or_phone_and_me() {
    let (app, _) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let me = api.get_json("/api/v1/me", 200);
    assert_eq!(me["username"], "zhibu_a1");
    assert_eq!(me["active_role"]["kind"], "branch", "the most powerful role is active first");
    assert_eq!(me["roles"].as_array().unwrap().len(), 2);

    let by_phone = app.login("13900010002", FIXTURE_PASSWORD);
    assert_eq!(by_phone.get_json("/api/v1/me", 200)["username"], "zhibu_a1");
}

#[test]
fn wrong_password_and_unknown_user_are_refused_alike() {
    let (app, _) = spawn_with_fixture();
    let api = app.anonymous();
    let wrong = expect(api.post("/api/v1/auth/login", &json!({"login": "admin", "password": "nope"})), 401);
    assert_eq!(wrong["code"], "invalid_credentials");
    let unknown = expect(api.post("/api/v1/auth/login", &json!({"login": "ghost", "password": "nope"})), 401);
    assert_eq!(unknown["code"], "invalid_credentials");
    let missing = expect(api.post("/api/v1/auth/login", &json!({"login": "", "password": ""})), 422);
    assert_eq!(missing["code"], "validation");
    assert_eq!(expect(api.get("/api/v1/me"), 401)["code"], "unauthenticated");
}

#[test]
fn repeated_failures_lock_the_account_even_for_the_right_password() {
    let (app, _) = spawn_with_fixture();
    let api = app.anonymous();
    for _ in 0..5 {
        expect(api.post("/api/v1/auth/login", &json!({"login": "dangyuan_a1", "password": "guess"})), 401);
    }
    let response = api.post("/api/v1/auth/login", &json!({"login": "dangyuan_a1", "password": FIXTURE_PASSWORD}));
    assert!(response.headers().get("retry-after").is_some());
    let body = expect(response, 429);
    assert_eq!(body["code"], "login_rate_limited");
    assert!(body["details"]["retry_after_seconds"].as_i64().unwrap() > 0);
    // Other accounts are not affected.
    app.login("admin", FIXTURE_PASSWORD);
}

#[test]
fn too_many_failures_from_one_address_are_rate_limited() {
    let app = TestApp::spawn_with(|c| c.login_max_failures_per_ip = 8);
    e2e::Fixture::load(&app);
    let api = app.anonymous();
    for i in 0..8 {
        expect(api.post("/api/v1/auth/login", &json!({"login": format!("nobody{i}"), "password": "x"})), 401);
    }
    let body = expect(api.post("/api/v1/auth/login", &json!({"login": "admin", "password": FIXTURE_PASSWORD})), 429);
    assert_eq!(body["code"], "login_rate_limited");
}

#[test]
fn logout_revokes_the_token_and_the_cookie_session_works() {
    let (app, _) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    // The same client also holds the HttpOnly cookie: it works without the bearer token.
    let cookie_only = e2e::Api { base: api.base.clone(), client: api.client.clone(), token: None };
    assert_eq!(cookie_only.get_json("/api/v1/me", 200)["username"], "admin");
    // A cookie-authenticated write from another site (or with no Origin) is refused.
    let forged = cookie_only
        .client
        .post(format!("{}/api/v1/auth/logout", api.base))
        .header("Origin", "https://evil.example")
        .send()
        .unwrap();
    assert_eq!(expect(forged, 403)["code"], "forbidden");
    expect(cookie_only.post("/api/v1/auth/logout", &json!({})), 403);
    assert_eq!(cookie_only.get_json("/api/v1/me", 200)["username"], "admin", "still logged in");
    expect(api.post("/api/v1/auth/logout", &json!({})), 204);
    assert_eq!(expect(api.get("/api/v1/me"), 401)["code"], "unauthenticated");
    let with_old_token =
        e2e::Api { base: api.base.clone(), client: reqwest::blocking::Client::new(), token: api.token.clone() };
    expect(with_old_token.get("/api/v1/me"), 401);
}

#[test]
fn idle_sessions_expire() {
    let app = TestApp::spawn_with(|c| c.session_idle_seconds = 2);
    e2e::Fixture::load(&app);
    let api = app.login("admin", FIXTURE_PASSWORD);
    api.get_json("/api/v1/me", 200);
    std::thread::sleep(std::time::Duration::from_millis(3200));
    assert_eq!(expect(api.get("/api/v1/me"), 401)["code"], "unauthenticated");
}

#[test]
fn switching_role_changes_what_the_session_may_do() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let me = api.get_json("/api/v1/me", 200);
    let member_role = me["roles"].as_array().unwrap().iter().find(|r| r["kind"] == "member").unwrap()["id"].clone();
    assert_eq!(api.get_json("/api/v1/members", 200)["total"], 5, "as branch secretary: the whole branch");

    let switched = expect(api.put("/api/v1/me/active-role", &json!({"role_assignment_id": member_role})), 200);
    assert_eq!(switched["active_role"]["kind"], "member");
    let own = api.get_json("/api/v1/members", 200);
    assert_eq!(own["total"], 1, "as member: only their own record");
    assert_eq!(own["items"][0]["id"], f.a1_people[1]);
    assert_eq!(expect(api.get(&format!("/api/v1/members/{}", f.a1_people[0])), 403)["code"], "forbidden");

    // A role of another user cannot be taken.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let admin_role = admin.get_json("/api/v1/me", 200)["active_role"]["id"].clone();
    expect(api.put("/api/v1/me/active-role", &json!({"role_assignment_id": admin_role})), 403);
}
