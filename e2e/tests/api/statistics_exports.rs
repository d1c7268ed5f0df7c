//! Kept statistics sets: made by a background job with progress, listed by reach, downloadable
//! as XLSX and PDF; a future date is refused; the consistency check finds a deleted member.

use diesel::RunQueryDsl;
use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture_at};
use serde_json::json;

use super::statistics_oracle::d;

#[test]
fn a_set_is_made_in_the_background_kept_and_downloaded() {
    let (app, f) = spawn_with_fixture_at(d(2026, 6, 30));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let future =
        expect(admin.post("/api/v1/reports/statistics/exports", &json!({"org_id": f.a, "as_of": "2026-07-01"})), 422);
    assert_eq!(future["details"]["fields"][0]["field"], "as_of");
    expect(admin.get("/api/v1/reports/statistics?as_of=2026-07-01"), 422);
    expect(admin.get("/api/v1/reports/statistics/check?as_of=0001-01-01"), 422);
    let made =
        expect(admin.post("/api/v1/reports/statistics/exports", &json!({"org_id": f.a, "as_of": "2026-06-29"})), 202);
    let id = made["id"].as_i64().unwrap();
    assert_eq!(made["org_name"], "一所党委");
    let done = e2e::eventually("the set is made", || {
        let e = admin.get_json(&format!("/api/v1/reports/statistics/exports/{id}"), 200);
        (e["status"] == "succeeded").then_some(e)
    });
    assert_eq!(done["done"], done["total"]);
    assert_eq!(done["as_of"], "2026-06-29");
    let xlsx = admin.get(&format!("/api/v1/reports/statistics/exports/{id}/file?format=xlsx"));
    assert_eq!(xlsx.status().as_u16(), 200);
    let bytes = xlsx.bytes().unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let pdf = admin.get(&format!("/api/v1/reports/statistics/exports/{id}/file?format=pdf")).bytes().unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let list = admin.get_json("/api/v1/reports/statistics/exports", 200);
    assert_eq!(list["items"][0]["id"], id);
    // Reach: b1's secretary neither sees nor lists a's set; a's committee does.
    let b1 = app.login("zhibu_b1", FIXTURE_PASSWORD);
    expect(b1.get(&format!("/api/v1/reports/statistics/exports/{id}")), 403);
    assert_eq!(b1.get_json("/api/v1/reports/statistics/exports", 200)["items"].as_array().unwrap().len(), 0);
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    assert_eq!(dangwei.get_json("/api/v1/reports/statistics/exports", 200)["items"][0]["id"], id);
    expect(b1.post("/api/v1/reports/statistics/exports", &json!({"org_id": f.a, "as_of": "2026-06-29"})), 403);
}

#[test]
fn the_check_lists_a_deleted_member_with_a_link() {
    let (app, f) = spawn_with_fixture_at(d(2026, 6, 30));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let clean = admin.get_json(&format!("/api/v1/reports/statistics/check?org_id={}", f.a), 200);
    assert_eq!(clean["problems"].as_array().unwrap().len(), 0, "{clean}");
    assert_eq!(clean["checked_people"], 6, "a1's four members and a2's two");
    // Deleting is spotted through the audit trail: edit a record through the API, then delete it
    // behind the API's back.
    let person = f.a2_people[0];
    let v = admin.get_json(&format!("/api/v1/members/{person}"), 200);
    let mut body = v.clone();
    body["version"] = v["version"].clone();
    expect(admin.put(&format!("/api/v1/members/{person}"), &body), 200);
    app.db
        .write_blocking(move |conn| {
            diesel::sql_query(format!("DELETE FROM member_periods WHERE person_id = {person}")).execute(conn)?;
            diesel::sql_query(format!("DELETE FROM person_events WHERE person_id = {person}")).execute(conn)?;
            diesel::sql_query(format!("DELETE FROM people WHERE id = {person}")).execute(conn)?;
            Ok(())
        })
        .unwrap();
    let check = admin.get_json("/api/v1/reports/statistics/check", 200);
    let problem = check["problems"].as_array().unwrap().iter().find(|p| p["code"] == "person_deleted").expect("listed");
    assert_eq!(problem["person_id"], person);
    assert_eq!(problem["link"], format!("/members/{person}"));
}
