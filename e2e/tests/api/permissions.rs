//! The permission table in `shared::permissions` is what the API enforces: a role without the
//! action gets 403 `forbidden`, a role with it but outside its subtree gets 403 `out_of_scope`.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;
use shared::RoleKind;
use shared::permissions::{Action, Scope, scope_of};

fn connector_body(scope: i64) -> serde_json::Value {
    json!({
        "name": "人事主数据", "base_url": "http://127.0.0.1:9/", "auth_header_name": null, "auth_header_value": null,
        "paging_style": "page_number", "page_size": 50, "items_pointer": "/items", "next_cursor_pointer": null,
        "field_mapping": {"name": "name", "id_card_number": "idNo"}, "schedule_hour": null, "scope_org_id": scope
    })
}

#[test]
fn only_the_department_manages_hr_connectors() {
    assert_eq!(scope_of(RoleKind::Committee, Action::ManageHrConnectors), None);
    let (app, f) = spawn_with_fixture();
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let refused = expect(committee.post("/api/v1/hr/connectors", &connector_body(f.a)), 403);
    assert_eq!(refused["code"], "forbidden");
    // The committee may still run imports in its own subtree, and not outside it.
    assert_eq!(scope_of(RoleKind::Committee, Action::RunHrSync), Some(Scope::Subtree));
    expect(committee.get("/api/v1/hr/jobs"), 200);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    expect(admin.post("/api/v1/hr/connectors", &connector_body(f.a)), 201);
}

#[test]
fn actions_missing_from_a_role_are_forbidden_and_out_of_reach_orgs_are_out_of_scope() {
    let (app, f) = spawn_with_fixture();
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    // 党支部 has no ViewAudit and no RunHrSync.
    assert_eq!(expect(branch.get("/api/v1/audit"), 403)["code"], "forbidden");
    assert_eq!(expect(branch.get("/api/v1/hr/jobs"), 403)["code"], "forbidden");
    // It runs meetings in its branch, not in another.
    expect(branch.get(&format!("/api/v1/meetings?org_id={}", f.a1)), 200);
    assert_eq!(expect(branch.get(&format!("/api/v1/meetings?org_id={}", f.b1)), 403)["code"], "out_of_scope");
    // A member only attends: the branch's meeting list and ledger are not theirs.
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    assert_eq!(expect(member.get(&format!("/api/v1/meetings?org_id={}", f.a1)), 403)["code"], "forbidden");
    assert_eq!(expect(member.get(&format!("/api/v1/meetings/ledger?org_id={}", f.a1)), 403)["code"], "forbidden");
    expect(member.get("/api/v1/meetings/mine"), 200);
}
