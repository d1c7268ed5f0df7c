//! Each role sees exactly its reach: lists are filtered in SQL, single records are refused.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::Value;

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

#[test]
fn branch_secretary_sees_only_their_branch() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    assert_eq!(ids(&api.get_json("/api/v1/members?limit=200", 200)), f.a1_people);
    let other = expect(api.get(&format!("/api/v1/members/{}", f.b1_people[0])), 403);
    assert_eq!(other["code"], "out_of_scope");
    expect(api.get(&format!("/api/v1/members?org_id={}", f.b1)), 403);
    expect(api.get(&format!("/api/v1/members?org_id={}", f.a)), 403);
    // Searching for another branch's member by name finds nothing.
    assert_eq!(api.get_json("/api/v1/members?q=周杰", 200)["total"], 0);
    expect(api.get(&format!("/api/v1/orgs/{}", f.b1)), 403);
    expect(api.get(&format!("/api/v1/orgs/tree?parent_id={}", f.b)), 403);
}

#[test]
fn committee_sees_its_subtree() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("dangwei_a", FIXTURE_PASSWORD);
    let mut expected: Vec<i64> = f.a1_people.iter().chain(&f.a2_people).copied().collect();
    expected.sort();
    assert_eq!(ids(&api.get_json("/api/v1/members?limit=200", 200)), expected);
    assert_eq!(api.get_json(&format!("/api/v1/members?org_id={}", f.a2), 200)["total"], 2);
    expect(api.get(&format!("/api/v1/members/{}", f.b1_people[1])), 403);

    // From the root down, the committee sees only the line to itself, not its sibling B.
    let top = api.get_json("/api/v1/orgs/tree", 200);
    assert_eq!(top["children"][0]["id"], f.a);
    let root = api.get_json(&format!("/api/v1/orgs/tree?parent_id={}", f.root), 200);
    let names: Vec<&str> = root["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["一所党委"]);
    let hits = api.get_json("/api/v1/orgs/search?q=党支部", 200);
    assert_eq!(hits.as_array().unwrap().len(), 2, "A1 and A2 only: {hits}");
}

#[test]
fn department_sees_everything_with_counts() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    assert_eq!(api.get_json("/api/v1/members", 200)["total"], 9);
    let tree = api.get_json(&format!("/api/v1/orgs/tree?parent_id={}", f.root), 200);
    let a = &tree["children"][0];
    assert_eq!(a["name"], "一所党委");
    assert_eq!(a["counts"]["formal"], 5);
    assert_eq!(a["counts"]["probationary"], 1);
    assert_eq!(a["counts"]["pipeline"], 1);
    assert_eq!(a["child_count"], 2);
    assert_eq!(tree["parent"]["counts"]["formal"], 7);
    let detail = api.get_json(&format!("/api/v1/orgs/{}", f.a1), 200);
    assert_eq!(detail["breadcrumb"].as_array().unwrap().len(), 3);
    assert_eq!(detail["term_ends_on"], "2027-07-01");
}

#[test]
fn members_and_masses_see_only_themselves() {
    let (app, f) = spawn_with_fixture();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    assert_eq!(ids(&member.get_json("/api/v1/members", 200)), vec![f.dangyuan_person]);
    assert_eq!(member.get_json(&format!("/api/v1/members/{}", f.dangyuan_person), 200)["name"], "王志强");
    assert_eq!(expect(member.get(&format!("/api/v1/members/{}", f.a1_people[0])), 403)["code"], "forbidden");
    // Their own branch is visible (to show where they belong); other branches are not.
    assert_eq!(
        member.get_json(&format!("/api/v1/orgs/{}", f.a1), 200)["counts"]["formal"],
        3,
        "their own branch's figures"
    );
    let root = member.get_json(&format!("/api/v1/orgs/{}", f.root), 200);
    assert_eq!(root["counts"]["formal"], 0, "no institution-wide figures for a member");
    expect(member.get(&format!("/api/v1/orgs/{}", f.a2)), 403);

    let masses = app.login("qunzhong_a1", FIXTURE_PASSWORD);
    assert_eq!(ids(&masses.get_json("/api/v1/members", 200)), vec![f.applicant_person]);
    expect(masses.get(&format!("/api/v1/members/{}", f.dangyuan_person)), 403);
    // Neither may write.
    let body = serde_json::json!({"version": 1, "name": "改名", "id_card_number": "x", "membership_status": "formal"});
    expect(member.put(&format!("/api/v1/members/{}", f.dangyuan_person), &body), 403);
    expect(member.get("/api/v1/audit"), 403);
}
