//! Nothing outside the caller's scope leaks through side doors: HR previews, meeting roles,
//! and concurrent changes to the org tree.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, id_card, spawn_with_fixture};
use serde_json::json;

#[test]
fn an_hr_preview_does_not_reveal_people_outside_the_scope() {
    let (app, f) = spawn_with_fixture();
    let committee_a = app.login("dangwei_a", FIXTURE_PASSWORD);
    // 周杰 (person 21) belongs to 二所第一党支部, outside 一所党委's scope.
    let text = format!("工号,姓名,身份证号码,所在党组织\r\nX1,某人,{},一所第一党支部\r\n", id_card(21, true));
    let started = expect(
        committee_a.upload(&format!("/api/v1/hr/imports?file_name=a.csv&org_id={}", f.a), text.into_bytes()),
        202,
    );
    let job = committee_a.wait_for_job(started["id"].as_i64().unwrap());
    let rows = committee_a.get_json(&format!("/api/v1/hr/jobs/{}/rows?kind=conflict", job["id"]), 200);
    let row = &rows["items"][0];
    assert!(row["person_id"].is_null(), "no internal id of an out-of-scope person: {row}");
    let shown = row.to_string();
    assert!(!shown.contains("周杰") && !shown.contains(&f.b1_people[0].to_string()), "{shown}");
    assert!(!shown.contains("离开"), "{shown}");
}

#[test]
fn meeting_host_and_recorder_must_belong_to_the_meeting() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let plan = |host: i64| {
        json!({"org_id": f.a1, "kind": "branch_committee", "topic": "支委会", "starts_at": "2026-12-01T09:00:00",
               "attendees": {"scope": "branch"}, "host_person_id": host})
    };
    for stranger in [999_999_999, f.b1_people[0]] {
        let refused = expect(secretary.post("/api/v1/meetings", &plan(stranger)), 422);
        assert_eq!(refused["details"]["fields"][0]["field"], "host_person_id");
    }
    expect(secretary.post("/api/v1/meetings", &plan(f.a1_people[0])), 201);
}

#[test]
fn crossed_org_moves_cannot_make_a_cycle() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    // A under B and B under A at the same time: at most one may succeed.
    let moves = [(f.a, f.b), (f.b, f.a)].map(|(org, parent)| {
        let api = e2e::Api { base: admin.base.clone(), client: admin.client.clone(), token: admin.token.clone() };
        std::thread::spawn(move || {
            let version = api.get_json(&format!("/api/v1/orgs/{org}"), 200)["version"].clone();
            api.post(&format!("/api/v1/orgs/{org}/move"), &json!({"version": version, "new_parent_id": parent}))
                .status()
                .as_u16()
        })
    });
    let codes: Vec<u16> = moves.into_iter().map(|m| m.join().unwrap()).collect();
    assert!(codes.iter().filter(|c| **c == 200).count() <= 1, "{codes:?}");
    assert!(codes.iter().all(|c| matches!(c, 200 | 409 | 422)), "{codes:?}");
    // The tree is still a tree: every org reaches the root.
    for org in [f.a, f.b, f.a1, f.b1] {
        let path = admin.get_json(&format!("/api/v1/orgs/{org}"), 200)["path"].as_str().unwrap_or("").to_string();
        assert!(path.starts_with(&format!("/{}/", f.root)), "{org}: {path}");
    }
}
