//! 组织关系转接 on the workflow engine: within the institution (the person moves only at
//! acceptance; a refusal explains itself; a concurrent accept and refuse: exactly one wins).

use chrono::NaiveDate;
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, spawn_with_fixture_at};
use e2e::{Api, TestApp, error_fields, expect};
use serde_json::{Value, json};

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn step(api: &Api, case: &Value, data: Value) -> reqwest::blocking::Response {
    let id = case["transfer"]["id"].as_i64().unwrap();
    let step = case["transfer"]["step"].as_i64().unwrap();
    api.post(
        &format!("/api/v1/transfers/{id}/steps/{step}"),
        &json!({"version": case["transfer"]["version"], "data": data}),
    )
}

pub fn decide(api: &Api, case: &Value, decision: &str, comment: Option<&str>) -> reqwest::blocking::Response {
    let id = case["transfer"]["id"].as_i64().unwrap();
    let step = case["transfer"]["step"].as_i64().unwrap();
    api.post(
        &format!("/api/v1/transfers/{id}/steps/{step}"),
        &json!({"version": case["transfer"]["version"], "decision": decision, "comment": comment}),
    )
}

pub fn rule_code(body: &Value) -> String {
    body["details"]["rule"]["code"].as_str().unwrap_or_default().to_string()
}

fn org_of(app: &TestApp, person: i64) -> Value {
    app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{person}"), 200)
}

fn queue(api: &Api, queue: &str) -> Vec<i64> {
    let page = api.get_json(&format!("/api/v1/transfers?queue={queue}"), 200);
    page["items"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
}

fn start_to_b1(app: &TestApp, f: &Fixture) -> Value {
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    expect(
        member.post("/api/v1/transfers", &json!({"kind": "within", "to_org_id": f.b1, "reason": "工作调动至二所"})),
        201,
    )
}

#[test]
fn a_member_moves_between_committees_only_when_the_receiving_branch_accepts() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-10"));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    for (body, field) in [
        (json!({"kind": "within", "reason": "工作调动"}), "to_org_id"),
        (json!({"kind": "within", "to_org_id": f.a1, "reason": "工作调动"}), "to_org_id"),
        (json!({"kind": "within", "to_org_id": f.a1_group, "reason": "工作调动"}), "to_org_id"),
        (json!({"kind": "within", "to_org_id": f.b1, "reason": "  "}), "reason"),
        (json!({"kind": "out", "reason": "调出"}), "to_unit"),
    ] {
        let refused = expect(member.post("/api/v1/transfers", &body), 422);
        assert_eq!(error_fields(&refused), vec![field], "{body}");
    }
    // 群众 cannot transfer a relationship they do not have; nobody starts one for a stranger.
    expect(
        app.login("qunzhong_a1", FIXTURE_PASSWORD)
            .post("/api/v1/transfers", &json!({"kind": "within", "to_org_id": f.b1, "reason": "x"})),
        409,
    );
    expect(
        app.login("zhibu_b1", FIXTURE_PASSWORD).post(
            "/api/v1/transfers",
            &json!({"kind": "within", "person_id": f.dangyuan_person, "to_org_id": f.b1, "reason": "x"}),
        ),
        403,
    );
    let case = start_to_b1(&app, &f);
    assert_eq!(case["transfer"]["step"], 2, "{case}");
    assert_eq!(case["transfer"]["awaiting"], "sending_branch");
    assert_eq!(case["transfer"]["can_act"], false, "the member follows, the branch acts");
    expect(
        member.post("/api/v1/transfers", &json!({"kind": "out", "to_unit": "某市委组织部", "reason": "再次申请"})),
        409,
    );
    let sending = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let receiving = app.login("zhibu_b1", FIXTURE_PASSWORD);
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let id = case["transfer"]["id"].as_i64().unwrap();
    assert_eq!(queue(&sending, "to_approve"), vec![id]);
    assert!(queue(&receiving, "to_approve").is_empty());
    expect(step(&member, &case, json!({})), 403);
    expect(step(&receiving, &case, json!({})), 403);
    let agreed = expect(step(&sending, &case, json!({})), 200);
    assert_eq!(agreed["transfer"]["step"], 3, "A1 and B1 sit under different committees");
    expect(step(&sending, &case, json!({})), 409);
    expect(step(&sending, &agreed, json!({})), 403);
    assert_eq!(queue(&committee, "to_approve"), vec![id]);
    let approved = expect(step(&committee, &agreed, json!({})), 200);
    assert_eq!(approved["transfer"]["awaiting"], "receiving");
    // Both sides see it; the person has not moved yet.
    assert_eq!(queue(&receiving, "to_receive"), vec![id]);
    assert_eq!(sending.get_json(&format!("/api/v1/transfers/{id}"), 200)["transfer"]["to_org_name"], "二所第一党支部");
    assert_eq!(org_of(&app, f.dangyuan_person)["org_id"], f.a1);
    let mine = member.get_json("/api/v1/transfers", 200);
    assert_eq!(mine["items"][0]["awaiting_label"], "待接收方接收", "{mine}");
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/transfers/{id}")), 200);

    // A concurrent accept (B1's branch) and refusal (the 政工部门): exactly one wins.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let (accept, refuse) = std::thread::scope(|s| {
        let a = s.spawn(|| step(&receiving, &approved, json!({"party_group_id": null})).status().as_u16());
        let r = s.spawn(|| decide(&admin, &approved, "reject", Some("材料不全")).status().as_u16());
        (a.join().unwrap(), r.join().unwrap())
    });
    let mut statuses = [accept, refuse];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "accept {accept}, refuse {refuse}");
    let done = receiving.get_json(&format!("/api/v1/transfers/{id}"), 200);
    let person = org_of(&app, f.dangyuan_person);
    if accept == 200 {
        assert_eq!(done["transfer"]["status"], "completed");
        assert_eq!(person["org_id"], f.b1, "moved at acceptance");
        assert!(app.audit_rows("person", f.dangyuan_person).iter().any(|a| a.action == "transfer_move"));
    } else {
        assert_eq!(done["transfer"]["outcome"], "rejected");
        assert_eq!(person["org_id"], f.a1, "a refusal moves nobody");
    }
    assert_eq!(done["transfer"]["awaiting"], "nobody");
    assert!(queue(&receiving, "to_receive").is_empty());
}

#[test]
fn a_refusal_needs_a_reason_and_the_member_sees_it() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-10"));
    let sending = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let case = expect(
        sending.post(
            "/api/v1/transfers",
            &json!({"kind": "within", "person_id": f.a1_people[3], "to_org_id": f.a2, "reason": "调至第二支部"}),
        ),
        201,
    );
    let agreed = expect(step(&sending, &case, json!({})), 200);
    assert_eq!(agreed["transfer"]["step"], 4, "A1 and A2 share 一所党委: no committee step");
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    expect(decide(&committee, &agreed, "reject", None), 422);
    let refused =
        expect(decide(&committee, &agreed, "reject", Some("该同志已确定调往二所，请改转二所第一党支部")), 200);
    assert_eq!(refused["transfer"]["outcome"], "rejected");
    assert_eq!(org_of(&app, f.a1_people[3])["org_id"], f.a1);
    let history = refused["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["comment"], "该同志已确定调往二所，请改转二所第一党支部");
}

#[test]
fn dues_must_be_paid_up_before_the_sending_branch_lets_a_member_go() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-10"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    expect(
        admin.post(
            "/api/v1/dues/bases",
            &json!({"person_id": f.dangyuan_person, "category": "employed", "base": "4000", "effective_month": "2026-10"}),
        ),
        201,
    );
    dangjian_api::dues::ledger::run(&dangjian_api::jobs::Background::new().env(&app.db, &app.config, &app.clock))
        .unwrap();
    let case = start_to_b1(&app, &f);
    let sending = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let refused = expect(step(&sending, &case, json!({})), 422);
    assert_eq!(rule_code(&refused), "transfer.dues_unpaid", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("2026年11月"), "{refused}");
    expect(
        sending.post(
            "/api/v1/dues/payments",
            &json!({"person_id": f.dangyuan_person, "through_month": "2026-11", "method": "cash", "paid_on": "2026-11-10"}),
        ),
        201,
    );
    expect(step(&sending, &case, json!({})), 200);
}

#[test]
fn a_member_finds_the_receiving_branch_by_name_anywhere_in_the_institution() {
    let (app, _f) = spawn_with_fixture_at(d("2026-11-10"));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let hits = member.get_json("/api/v1/transfers/branches?q=二所", 200);
    let names: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["二所第一党支部"], "branches only, not the 党委: {hits}");
    assert_eq!(hits[0]["parent_names"], "院党委 / 二所党委");
    expect(app.login("qunzhong_a1", FIXTURE_PASSWORD).get("/api/v1/transfers/branches?q=二所"), 403);
}
