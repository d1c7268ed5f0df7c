//! Writing member records: validation with field errors, nothing written on bad input,
//! optimistic concurrency, leave events, moves, and an audit row for every change.

use e2e::fixture::{FIXTURE_PASSWORD, id_card, spawn_with_fixture};
use e2e::{error_fields, expect};
use serde_json::{Value, json};

fn new_member(org: i64, n: u32) -> Value {
    json!({
        "org_id": org,
        "name": "新党员",
        "id_card_number": id_card(n, true),
        "phone": "13712345678",
        "education": "postgraduate",
        "occupation": "professional",
        "membership_status": "formal",
        "join_date": "2015-07-01",
        "full_member_date": "2016-07-01",
        "employee_number": format!("N{n}"),
    })
}

fn total(api: &e2e::Api) -> i64 {
    api.get_json("/api/v1/members?include_left=true", 200)["total"].as_i64().unwrap()
}

#[test]
fn invalid_input_is_rejected_field_by_field_and_writes_nothing() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let before = total(&api);

    let mut body = new_member(f.a1, 300);
    let valid_card = id_card(300, true);
    let broken_checksum = format!("{}{}", &valid_card[..17], if valid_card.ends_with('1') { '2' } else { '1' });
    body["id_card_number"] = json!(broken_checksum);
    body["phone"] = json!("1234567");
    body["full_member_date"] = json!("2014-01-01");
    let error = expect(api.post("/api/v1/members", &body), 422);
    assert_eq!(error["code"], "validation");
    assert_eq!(error_fields(&error), vec!["id_card_number", "phone", "full_member_date"]);
    assert_eq!(error["details"]["fields"][0]["code"], "id_card_checksum");

    let mut body = new_member(f.a1, 301);
    body["join_date"] = json!("2030-01-01");
    body["full_member_date"] = json!("2029-01-01");
    let error = expect(api.post("/api/v1/members", &body), 422);
    assert_eq!(error_fields(&error), vec!["join_date", "full_member_date"]);

    let mut body = new_member(f.a1, 302);
    body["join_date"] = json!("not a date");
    expect(api.post("/api/v1/members", &body), 400);

    assert_eq!(total(&api), before, "no row written");
    assert!(app.audit_rows("person", 0).is_empty());
}

#[test]
fn create_update_and_audit() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let mut body = new_member(f.a1, 400);
    body["party_group_id"] = json!(f.a1_group);
    let created = expect(api.post("/api/v1/members", &body), 201);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["gender"], "male", "derived from the 身份证 number");
    let card = id_card(400, true);
    assert_eq!(created["birth_date"], format!("{}-{}-{}", &card[6..10], &card[10..12], &card[12..14]));
    assert_eq!(created["party_group_name"], "第一党小组");
    assert_eq!(created["version"], 1);

    let mut update = body.clone();
    update["version"] = json!(1);
    update["name"] = json!("新党员（已改名）");
    update["phone"] = json!("+86 137-1234-0000");
    let updated = expect(api.put(&format!("/api/v1/members/{id}"), &update), 200);
    assert_eq!(updated["name"], "新党员（已改名）");
    assert_eq!(updated["phone"], "13712340000");
    assert_eq!(updated["version"], 2);

    // A second editor who read version 1 loses, and nothing of theirs is written.
    update["name"] = json!("过时的修改");
    assert_eq!(expect(api.put(&format!("/api/v1/members/{id}"), &update), 409)["code"], "version_conflict");
    assert_eq!(api.get_json(&format!("/api/v1/members/{id}"), 200)["name"], "新党员（已改名）");

    let audit = app.audit_rows("person", id);
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["update", "create"]);
    assert_eq!(audit[0].before.as_ref().unwrap()["name"], "新党员");
    assert_eq!(audit[0].after.as_ref().unwrap()["name"], "新党员（已改名）");
    assert_eq!(audit[0].role_kind, Some(shared::RoleKind::Branch));
    assert_eq!(audit[0].username.as_deref(), Some("zhibu_a1"));

    // The department reads the same rows over the API.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let page = admin.get_json(&format!("/api/v1/audit?entity=person&entity_id={id}"), 200);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

#[test]
fn duplicates_and_scope_are_enforced_on_write() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let mut body = new_member(f.a1, 1); // 身份证 of an existing fixture person
    body["employee_number"] = json!("UNIQUE1");
    let error = expect(api.post("/api/v1/members", &body), 409);
    assert_eq!(error["code"], "duplicate");
    assert_eq!(error_fields(&error), vec!["id_card_number"]);

    let error = expect(api.post("/api/v1/members", &new_member(f.b1, 500)), 403);
    assert_eq!(error["code"], "out_of_scope");
    let error = expect(api.post("/api/v1/members", &new_member(f.a, 500)), 403);
    assert_eq!(error["code"], "out_of_scope");
    let mut in_wrong_group = new_member(f.a1, 501);
    in_wrong_group["party_group_id"] = json!(f.a2);
    assert_eq!(error_fields(&expect(api.post("/api/v1/members", &in_wrong_group), 422)), vec!["party_group_id"]);
}

#[test]
fn leave_events_keep_the_record_but_hide_it() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let id = f.a1_people[0];
    let bad = expect(
        api.post(
            &format!("/api/v1/members/{id}/leave"),
            &json!({"version": 1, "kind": "deceased", "date": "2099-01-01", "reason": ""}),
        ),
        422,
    );
    assert_eq!(error_fields(&bad), vec!["reason", "date"]);
    let left = expect(
        api.post(
            &format!("/api/v1/members/{id}/leave"),
            &json!({"version": 1, "kind": "deceased", "date": "2026-03-01", "reason": "病故"}),
        ),
        200,
    );
    assert_eq!(left["left"]["kind"], "deceased");
    assert_eq!(api.get_json("/api/v1/members", 200)["total"], 4);
    assert_eq!(api.get_json("/api/v1/members?include_left=true", 200)["total"], 5);
    let again = json!({"version": 2, "kind": "deceased", "date": "2026-03-01", "reason": "重复"});
    assert_eq!(expect(api.post(&format!("/api/v1/members/{id}/leave"), &again), 409)["code"], "invalid_state");
    assert_eq!(app.audit_rows("person", id)[0].action, "leave");
}

#[test]
fn moving_a_member_needs_both_orgs_in_scope() {
    let (app, f) = spawn_with_fixture();
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let id = f.a1_people[2];
    let to_b1 = json!({"version": 1, "org_id": f.b1, "reason": "工作调动"});
    assert_eq!(expect(committee.post(&format!("/api/v1/members/{id}/move"), &to_b1), 403)["code"], "out_of_scope");
    let to_a2 = json!({"version": 1, "org_id": f.a2, "reason": "工作调动"});
    let moved = expect(committee.post(&format!("/api/v1/members/{id}/move"), &to_a2), 200);
    assert_eq!(moved["org_name"], "一所第二党支部");
    // The A1 secretary no longer sees the person.
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    expect(secretary.get(&format!("/api/v1/members/{id}")), 403);
}

#[test]
fn oversized_and_malformed_bodies() {
    let (app, f) = spawn_with_fixture();
    let api = app.login("admin", FIXTURE_PASSWORD);
    let mut body = new_member(f.a1, 600);
    body["department"] = json!("部".repeat(300_000));
    assert_eq!(expect(api.post("/api/v1/members", &body), 413)["code"], "payload_too_large");
    let raw = api
        .client
        .post(format!("{}/api/v1/members", api.base))
        .bearer_auth(api.token.as_ref().unwrap())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .unwrap();
    assert_eq!(expect(raw, 400)["code"], "bad_request");
    assert_eq!(expect(api.get("/api/v1/members?cursor=%%%"), 400)["code"], "bad_request");
    assert_eq!(expect(api.get("/api/v1/members?status=bogus"), 400)["code"], "bad_request");
    assert_eq!(expect(api.get("/api/v1/nothing-here"), 404)["code"], "not_found");
}

#[test]
fn concurrent_edits_of_one_version_let_exactly_one_win() {
    let (app, f) = spawn_with_fixture();
    let id = f.a1_people[1];
    let current = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{id}"), 200);
    let editors: Vec<_> = (0..6)
        .map(|i| {
            let api = app.login(if i % 2 == 0 { "admin" } else { "zhibu_a1" }, FIXTURE_PASSWORD);
            let mut body = current.clone();
            body["name"] = json!(format!("编辑者{}", ["甲", "乙", "丙", "丁", "戊", "己"][i]));
            body["party_group_id"] = serde_json::Value::Null;
            std::thread::spawn(move || api.put(&format!("/api/v1/members/{id}"), &body).status().as_u16())
        })
        .collect();
    let mut statuses: Vec<u16> = editors.into_iter().map(|t| t.join().unwrap()).collect();
    statuses.sort();
    assert_eq!(statuses, vec![200, 409, 409, 409, 409, 409]);
    let after = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{id}"), 200);
    assert_eq!(after["version"], 2);
    assert_eq!(app.audit_rows("person", id).len(), 1, "one audit row for the one change");
}
