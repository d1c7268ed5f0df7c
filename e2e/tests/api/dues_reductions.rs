//! 减免党费 on the workflow engine: the member applies, the branch studies it, the 党委 approves
//! (or not); the ledger follows an approval from its first month.

use chrono::NaiveDate;
use dangjian_api::jobs::Background;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture_at};
use e2e::{TestApp, error_fields, expect};
use serde_json::{Value, json};

fn run_on(app: &TestApp, day: &str) {
    let at = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(1, 0, 0).unwrap().and_utc();
    app.clock.set(at);
    dangjian_api::dues::ledger::run(&Background::new().env(&app.db, &app.config, &app.clock)).unwrap();
}

fn payable(app: &TestApp, person: i64, month: &str) -> Value {
    let dues = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/dues/members/{person}"), 200);
    dues["months"].as_array().unwrap().iter().find(|m| m["month"] == month).cloned().unwrap_or(Value::Null)
}

#[test]
fn a_reduction_goes_member_branch_committee_and_the_ledger_follows() {
    let (app, f) = spawn_with_fixture_at(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap());
    let admin = app.login("admin", FIXTURE_PASSWORD);
    for (person, base) in [(f.dangyuan_person, "4000"), (f.a1_people[1], "3000")] {
        expect(
            admin.post(
                "/api/v1/dues/bases",
                &json!({"person_id": person, "category": "employed", "base": base, "effective_month": "2026-11"}),
            ),
            201,
        );
    }
    run_on(&app, "2026-11-05");
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    // Bad applications name the field and write nothing.
    for (body, field) in [
        (json!({"kind": "reduce", "monthly": "40", "first_month": "2026-11", "reason": "家庭困难"}), "monthly"),
        (json!({"kind": "reduce", "first_month": "2026-11", "reason": "家庭困难"}), "monthly"),
        (json!({"kind": "halve", "first_month": "2026-11", "reason": "家庭困难"}), "kind"),
        (json!({"kind": "exempt", "first_month": "2026-10", "reason": "家庭困难"}), "first_month"),
        (
            json!({"kind": "exempt", "first_month": "2026-11", "last_month": "2026-09", "reason": "家庭困难"}),
            "last_month",
        ),
        (json!({"kind": "exempt", "first_month": "2026-11", "reason": " "}), "reason"),
    ] {
        let refused = expect(member.post("/api/v1/dues/reductions", &body), 422);
        assert_eq!(error_fields(&refused), vec![field], "{body}");
    }
    let case = expect(
        member.post(
            "/api/v1/dues/reductions",
            &json!({"kind": "reduce", "monthly": "10", "first_month": "2026-11", "last_month": "2027-10", "reason": "配偶重病，家庭收入骤减"}),
        ),
        201,
    );
    assert_eq!((case["step"].as_i64(), case["standard"].as_str()), (Some(2), Some("40.00")), "{case}");
    assert_eq!(case["can_act"], false, "the member waits for the branch");
    let id = case["id"].as_i64().unwrap();
    let decide = |api: &e2e::Api, version: &Value, decision: &str, comment: Option<&str>| {
        api.post(
            &format!("/api/v1/dues/reductions/{id}/decision"),
            &json!({"version": version, "decision": decision, "comment": comment}),
        )
    };
    // One open case per member.
    expect(
        member.post(
            "/api/v1/dues/reductions",
            &json!({"kind": "exempt", "first_month": "2026-12", "reason": "再次申请"}),
        ),
        409,
    );
    expect(decide(&member, &case["version"], "approve", None), 403);
    expect(decide(&app.login("zhibu_b1", FIXTURE_PASSWORD), &case["version"], "approve", None), 403);
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let studied = expect(decide(&branch, &case["version"], "approve", Some("支部委员会研究同意，报党委审批")), 200);
    assert_eq!(studied["step"], 3);
    // The branch cannot approve for the 党委.
    expect(decide(&branch, &studied["version"], "approve", None), 403);
    assert_eq!(
        payable(&app, f.dangyuan_person, "2026-11")["payable"],
        "40.00",
        "nothing changes before the 党委 decides"
    );
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    // A decision on a stale version loses.
    expect(decide(&committee, &case["version"], "approve", None), 409);
    let approved = expect(decide(&committee, &studied["version"], "approve", Some("同意减交")), 200);
    assert_eq!(
        (approved["status"].as_str(), approved["outcome"].as_str()),
        (Some("completed"), Some("done")),
        "{approved}"
    );
    assert_eq!(approved["history"].as_array().unwrap().len(), 3);
    let november = payable(&app, f.dangyuan_person, "2026-11");
    assert_eq!((november["payable"].as_str(), november["reduced"].as_bool()), (Some("10.00"), Some(true)));
    run_on(&app, "2026-12-01");
    assert_eq!(payable(&app, f.dangyuan_person, "2026-12")["payable"], "10.00", "new months follow the decision");
    assert_eq!(
        member.get_json("/api/v1/dues/reductions?include_finished=true", 200)["items"].as_array().unwrap().len(),
        1
    );
    let own = format!("/api/v1/dues/reductions?include_finished=true&person_id={}", f.dangyuan_person);
    assert_eq!(branch.get_json(&own, 200)["items"].as_array().unwrap().len(), 1);
    expect(member.get(&format!("/api/v1/dues/reductions?person_id={}", f.a1_people[1])), 403);

    // An exemption the 党委 does not approve: a reason is required, and the ledger stays.
    let li = f.a1_people[1];
    let exempt = expect(
        branch.post(
            "/api/v1/dues/reductions",
            &json!({"person_id": li, "kind": "exempt", "first_month": "2026-12", "reason": "失业，依靠救济生活"}),
        ),
        201,
    );
    let eid = exempt["id"].as_i64().unwrap();
    let studied = expect(
        branch.post(
            &format!("/api/v1/dues/reductions/{eid}/decision"),
            &json!({"version": exempt["version"], "decision": "approve"}),
        ),
        200,
    );
    let no_reason = expect(
        committee.post(
            &format!("/api/v1/dues/reductions/{eid}/decision"),
            &json!({"version": studied["version"], "decision": "reject"}),
        ),
        422,
    );
    assert_eq!(error_fields(&no_reason), vec!["comment"]);
    let rejected = expect(
        committee.post(
            &format!("/api/v1/dues/reductions/{eid}/decision"),
            &json!({"version": studied["version"], "decision": "reject", "comment": "已重新就业，不符合免交条件"}),
        ),
        200,
    );
    assert_eq!(rejected["outcome"], "rejected");
    assert_eq!(payable(&app, li, "2026-12")["payable"], "15.00");
    let pending = committee.get_json("/api/v1/dues/reductions", 200);
    assert!(pending["items"].as_array().unwrap().is_empty(), "no open cases left: {pending}");
}
