//! The contract with integrators: typed list queries, odd input answered with 4xx (never a
//! 500), and the wire format the OpenAPI document promises.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;

#[test]
fn meeting_list_without_a_date_range_lists_every_meeting() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let starts_at = format!("{}T09:00:00", app.today());
    let planned = expect(
        secretary.post(
            "/api/v1/meetings",
            &json!({"org_id": f.a1, "kind": "theme_day", "topic": "主题党日", "starts_at": starts_at, "attendees": {"scope": "branch"}}),
        ),
        201,
    );
    assert_eq!(planned["summary"]["status"], "planned");
    assert_eq!(planned["summary"]["starts_at"], starts_at, "Beijing time without an offset, as documented");
    // No `from`/`to`: open ends, not NaiveDate::MIN/MAX (which compare wrongly as text on SQLite).
    let page = secretary.get_json("/api/v1/meetings", 200);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1), "{page}");
    assert_eq!(page["next_cursor"], serde_json::Value::Null);
    assert!(page.get("total").is_none(), "only the member list counts");
    let page = secretary.get_json(&format!("/api/v1/meetings?org_id={}&kind=theme_day&limit=1", f.a1), 200);
    assert_eq!(page["items"][0]["topic"], "主题党日");
    let page = secretary.get_json("/api/v1/meetings?kind=party_lecture", 200);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(0));
    expect(secretary.get("/api/v1/meetings?kind=tea_party"), 400);
}

#[test]
fn member_list_reads_typed_filters_from_the_query_string() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let page =
        admin.get_json(&format!("/api/v1/members?org_id={}&status=formal&include_left=false&limit=2", f.a1), 200);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["total"], 3, "3 正式 in 一所第一党支部");
    let next = page["next_cursor"].as_str().expect("a second page");
    let rest = admin.get_json(&format!("/api/v1/members?org_id={}&status=formal&limit=2&cursor={next}", f.a1), 200);
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1));
    // Empty values are no filter, as a form submits them.
    let all = admin.get_json("/api/v1/members?org_id=&age_min=&limit=", 200);
    assert_eq!(all["total"], 9, "everyone of the fixture");
}

#[test]
fn odd_input_is_refused_with_4xx_not_a_server_error() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    expect(admin.get("/api/v1/members?limit=99999999999999999999"), 400);
    expect(admin.get("/api/v1/members?org_id=abc"), 400);
    expect(admin.get("/api/v1/members?include_left=maybe"), 400);
    expect(admin.get("/api/v1/members?cursor=not-a-cursor"), 400);
    expect(admin.get("/api/v1/members?org_id=-5"), 404);
    expect(admin.get("/api/v1/meetings?from=2026-02-30"), 400);
    expect(admin.get("/api/v1/hr/jobs/1/rows?kind=sideways"), 400);
    expect(admin.get(&format!("/api/v1/meetings/ledger?org_id={}&year=262144", f.a1)), 400);
    expect(admin.get("/api/v1/meetings/-1"), 404);
    let amend = json!({"field": "agenda", "value": "x", "reason": "笔误", "version": 1});
    expect(secretary.post("/api/v1/meetings/1/amendments", &amend), 400);
    // A NUL (or any control character but line breaks and tabs) in a text is refused the same
    // way on both databases (PostgreSQL could not store it; SQLite would).
    let status = secretary
        .post(
            "/api/v1/meetings",
            &json!({"org_id": f.a1, "kind": "theme_day", "topic": "主题\u{0}党日", "starts_at": "2026-11-01T09:00:00", "attendees": {"scope": "branch"}}),
        )
        .status()
        .as_u16();
    assert_eq!(status, 422, "a NUL character in a topic on {}", e2e::backend());
    let status = admin
        .post(
            "/api/v1/orgs",
            &json!({"parent_id": f.a, "name": "\u{0}", "kind": "branch", "sector": "public_institution"}),
        )
        .status()
        .as_u16();
    assert_eq!(status, 422, "an org name of only NUL on {}", e2e::backend());
    let status = admin.get("/api/v1/members?q=%00").status().as_u16();
    assert!(status == 200 || status == 400, "a NUL in a search is not a server error: {status}");
}
