//! The org tree: create with nesting rules, update with versions, move a subtree, dissolve.

use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{error_fields, expect};
use serde_json::json;

#[test]
fn create_follows_nesting_rules_and_scope() {
    let (app, f) = spawn_with_fixture();
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let body = json!({"parent_id": f.a, "name": "一所第三党支部", "kind": "branch", "sector": "public_institution", "founded_on": "2026-01-10"});
    let created = expect(committee.post("/api/v1/orgs", &body), 201);
    assert_eq!(created["term_years"], 3, "default term of a branch");
    assert_eq!(created["path"], format!("/{}/{}/{}/", f.root, f.a, created["id"]));
    assert_eq!(app.audit_rows("org", created["id"].as_i64().unwrap())[0].action, "create");

    let group_under_committee = json!({"parent_id": f.a, "name": "党小组", "kind": "party_group", "sector": "other"});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/orgs", &group_under_committee), 422)), vec!["kind"]);
    let blank = json!({"parent_id": f.a, "name": "  ", "kind": "branch", "sector": "other", "term_years": 9});
    assert_eq!(error_fields(&expect(committee.post("/api/v1/orgs", &blank), 422)), vec!["name", "term_years"]);
    let elsewhere = json!({"parent_id": f.b, "name": "越权支部", "kind": "branch", "sector": "other"});
    expect(committee.post("/api/v1/orgs", &elsewhere), 403);

    // A branch secretary may add party groups to their own branch only.
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let group = json!({"parent_id": f.a1, "name": "第二党小组", "kind": "party_group", "sector": "other"});
    let created = expect(secretary.post("/api/v1/orgs", &group), 201);
    assert_eq!(created["term_years"], serde_json::Value::Null);
}

#[test]
fn update_uses_the_version() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    let body = json!({"version": 1, "name": "一所第一党支部（更名）", "sector": "public_institution", "founded_on": "2000-07-01", "term_years": 3, "term_started_on": "2025-07-01"});
    let updated = expect(api.put(&format!("/api/v1/orgs/{}", f.a1), &body), 200);
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["term_ends_on"], "2028-07-01");
    assert_eq!(expect(api.put(&format!("/api/v1/orgs/{}", f.a1), &body), 409)["code"], "version_conflict");
    let audit = app.audit_rows("org", f.a1);
    assert_eq!(audit[0].before.as_ref().unwrap()["name"], "一所第一党支部");
}

#[test]
fn moving_a_branch_moves_its_subtree_and_counts() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    let into_itself = json!({"version": 1, "new_parent_id": f.a1_group});
    assert_eq!(
        error_fields(&expect(api.post(&format!("/api/v1/orgs/{}/move", f.a1), &into_itself), 422)),
        vec!["new_parent_id"]
    );

    let moved =
        expect(api.post(&format!("/api/v1/orgs/{}/move", f.a1), &json!({"version": 1, "new_parent_id": f.b})), 200);
    assert_eq!(moved["path"], format!("/{}/{}/{}/", f.root, f.b, f.a1));
    let group = api.get_json(&format!("/api/v1/orgs/{}", f.a1_group), 200);
    assert_eq!(group["path"], format!("/{}/{}/{}/{}/", f.root, f.b, f.a1, f.a1_group));
    let b = api.get_json(&format!("/api/v1/orgs/{}", f.b), 200);
    assert_eq!(b["counts"]["formal"], 5);
    // The committee of A no longer reaches A1's members.
    let committee_a = app.login("dangwei_a", FIXTURE_PASSWORD);
    assert_eq!(committee_a.get_json("/api/v1/members", 200)["total"], 2);
    // …and cannot move its own org.
    expect(committee_a.post(&format!("/api/v1/orgs/{}/move", f.a), &json!({"version": 1, "new_parent_id": f.b})), 403);
}

#[test]
fn dissolve_requires_an_empty_org() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("dangwei_a", FIXTURE_PASSWORD);
    let body = json!({"version": 1, "dissolved_on": "2026-06-30", "reason": "机构调整"});
    let error = expect(api.post(&format!("/api/v1/orgs/{}/dissolve", f.a2), &body), 409);
    assert_eq!(error["code"], "invalid_state");

    for id in &f.a2_people {
        expect(
            api.post(
                &format!("/api/v1/members/{id}/move"),
                &json!({"version": 1, "org_id": f.a1, "reason": "支部合并"}),
            ),
            200,
        );
    }
    let dissolved = expect(api.post(&format!("/api/v1/orgs/{}/dissolve", f.a2), &body), 200);
    assert_eq!(dissolved["status"], "dissolved");
    let into_dissolved = json!({"parent_id": f.a2, "name": "x", "kind": "party_group", "sector": "other"});
    expect(api.post("/api/v1/orgs", &into_dissolved), 409);
    assert_eq!(app.audit_rows("org", f.a2)[0].action, "dissolve");
}
