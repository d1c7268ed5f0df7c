//! Keyset pagination: pages do not overlap or skip, even when rows are added meanwhile.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, person, spawn_with_fixture};
use serde_json::Value;
use shared::MembershipStatus;

fn page_ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

#[test]
fn pages_are_stable_and_complete() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    let first = api.get_json("/api/v1/members?limit=4", 200);
    assert_eq!(first["total"], 9);
    let mut seen = page_ids(&first);
    let mut cursor = first["next_cursor"].as_str().unwrap().to_string();

    // Someone adds a member while we page: it appears at the end, nothing repeats or is skipped.
    let added = app.db.write_blocking(|conn| person(conn, f.a2, 77, "新来的", MembershipStatus::Formal)).unwrap();
    loop {
        let page = api.get_json(&format!("/api/v1/members?limit=4&cursor={cursor}"), 200);
        seen.extend(page_ids(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => break,
        }
    }
    let mut expected: Vec<i64> = f.a1_people.iter().chain(&f.a2_people).chain(&f.b1_people).copied().collect();
    expected.push(added);
    expected.sort();
    assert_eq!(seen, expected);

    // The limit is clamped.
    assert_eq!(page_ids(&api.get_json("/api/v1/members?limit=0", 200)).len(), 1);
    expect(api.get("/api/v1/members?cursor=bm9wZQ"), 400);
}

#[test]
fn filters_combine() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    assert_eq!(api.get_json("/api/v1/members?status=probationary", 200)["total"], 1);
    assert_eq!(api.get_json("/api/v1/members?status=formal,probationary", 200)["total"], 8);
    assert_eq!(api.get_json(&format!("/api/v1/members?org_id={}&gender=female", f.a1), 200)["total"], 2);
    assert_eq!(api.get_json("/api/v1/members?q=139000100", 200)["total"], 9, "phone prefix");
    assert_eq!(api.get_json("/api/v1/members?q=T00021", 200)["total"], 1, "employee number");
    assert_eq!(api.get_json("/api/v1/members?q=%25", 200)["total"], 0, "LIKE wildcards are literal");
    // Fixture people are born 1980-01-01 plus a few days: all are 46 on 2026-11-26.
    let age = e2e_age();
    assert_eq!(api.get_json(&format!("/api/v1/members?age_min={age}&age_max={age}"), 200)["total"], 9);
    assert_eq!(api.get_json(&format!("/api/v1/members?age_min={}", age + 1), 200)["total"], 0);
    assert_eq!(api.get_json("/api/v1/members?education=bachelor&occupation=professional", 200)["total"], 9);
    assert_eq!(api.get_json("/api/v1/members?education=postgraduate", 200)["total"], 0);
}

fn e2e_age() -> i32 {
    let today = dangjian_api::clock::Clock::system().today();
    shared::member_input::years_between(chrono::NaiveDate::from_ymd_opt(1980, 1, 23).unwrap(), today)
}
