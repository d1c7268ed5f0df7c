//! Member development on the workflow engine: return, reject, the six-month wait after a
//! failed branch vote (on a pinned server clock), what the applicant may see, a case following
//! its person to another branch, and two concurrent applications.

use chrono::{Days, Duration, Months};
use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture, spawn_with_fixture_at};
use serde_json::{Value, json};

use crate::development::{act, actors, day, rule_code, step_body, today, walk};

fn version(detail: &Value) -> i64 {
    detail["summary"]["version"].as_i64().unwrap()
}

fn decide(
    api: &e2e::Api,
    id: i64,
    n: i32,
    version: i64,
    decision: &str,
    comment: Option<&str>,
) -> reqwest::blocking::Response {
    api.post(
        &format!("/api/v1/development/instances/{id}/steps/{n}"),
        &json!({"version": version, "data": {}, "decision": decision, "comment": comment}),
    )
}

#[test]
fn a_committee_returns_a_step_and_the_applicant_does_not_see_internal_records() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 12);
    let id = detail["summary"]["id"].as_i64().unwrap();
    assert_eq!(detail["next"]["may_return_to"], 12);
    // A return needs a reason; the branch's own record step cannot be returned.
    let missing = expect(decide(&a.committee, id, 13, version(&detail), "return", None), 422);
    assert_eq!(missing["details"]["fields"][0]["field"], "comment", "{missing}");
    let returned =
        expect(decide(&a.committee, id, 13, version(&detail), "return", Some("支委会审查记录不全，请补充")), 200);
    assert_eq!(returned["summary"]["step"], 12);
    assert_eq!(returned["summary"]["status"], "active");
    assert_eq!(returned["history"].as_array().unwrap().last().unwrap()["action"], "return");
    let refused = expect(decide(&a.branch, id, 12, version(&returned), "return", Some("x")), 422);
    assert_eq!(refused["details"]["fields"][0]["field"], "decision");
    // The branch does step 12 again and the committee approves, with a comment.
    let redone = expect(act(&a.branch, id, 12, version(&returned), step_body(12, t0, &f)), 200);
    assert_eq!(redone["summary"]["step"], 13);
    let approved = expect(
        a.committee.post(
            &format!("/api/v1/development/instances/{id}/steps/13"),
            &json!({"version": version(&redone), "data": step_body(13, t0, &f), "decision": "approve", "comment": "同意预审"}),
        ),
        200,
    );
    assert_eq!(approved["summary"]["step"], 14);
    let timeline = approved["steps"].as_array().unwrap();
    assert_eq!(timeline[11]["state"], "done");
    assert_eq!(timeline[13]["state"], "current");

    // Officials see the 政审 conclusion, the talk record and the committee's comments.
    let branch_view = a.branch.get_json(&format!("/api/v1/development/instances/{id}"), 200);
    assert_eq!(branch_view["data"]["conclusion"], "合格");
    assert_eq!(branch_view["data"]["talk_record"], "谈话内容");
    let comments: Vec<&Value> = branch_view["history"].as_array().unwrap().iter().map(|e| &e["comment"]).collect();
    assert!(comments.contains(&&json!("支委会审查记录不全，请补充")) && comments.contains(&&json!("同意预审")));
    // The applicant sees their timeline and public dates, not the internal records.
    let own = a.applicant.get_json(&format!("/api/v1/development/instances/{id}"), 200);
    assert_eq!(own["data"]["concluded_on"], branch_view["data"]["concluded_on"]);
    assert!(own["data"].get("conclusion").is_none() && own["data"].get("talk_record").is_none(), "{}", own["data"]);
    let history = own["history"].as_array().unwrap();
    assert_eq!(history.len(), branch_view["history"].as_array().unwrap().len());
    assert!(history.iter().all(|e| e["comment"].is_null()), "committee comments hidden: {history:?}");
    assert!(history.iter().all(|e| e["data"].get("conclusion").is_none() && e["data"].get("talk_record").is_none()));
    let process = a.applicant.get_json("/api/v1/development/process", 200);
    assert_eq!(process[9]["fields"][1]["visible_to_subject"], false, "政审结论 is internal");
}

#[test]
fn a_committee_rejects_and_the_case_ends() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 16);
    let id = detail["summary"]["id"].as_i64().unwrap();
    assert_eq!(detail["next"]["may_reject"], true);
    // Only the committee decides the approval; a branch cannot reject it.
    expect(decide(&a.branch, id, 17, version(&detail), "reject", Some("不同意")), 403);
    let rejected = expect(decide(&a.committee, id, 17, version(&detail), "reject", Some("经审查不予接收")), 200);
    assert_eq!(rejected["summary"]["status"], "ended");
    assert_eq!(rejected["summary"]["outcome"], "rejected");
    assert!(rejected["next"].is_null());
    assert_eq!(rejected["history"].as_array().unwrap().last().unwrap()["action"], "reject");
    // Nothing more can be done on it, and the person did not become a member.
    assert_eq!(
        expect(act(&a.committee, id, 17, version(&rejected), step_body(17, t0, &f)), 409)["code"],
        "invalid_state"
    );
    let person = a.branch.get_json(&format!("/api/v1/members/{}", f.applicant_person), 200);
    assert_eq!(person["membership_status"], "development_target");
    // The ended case does not block a new application.
    expect(a.applicant.post("/api/v1/development/applications", &json!({"applied_on": today().to_string()})), 201);
}

#[test]
fn a_failed_vote_waits_six_months_then_goes_to_a_new_meeting() {
    let start = today();
    let (app, f) = spawn_with_fixture_at(start);
    let a = actors(&app);
    let t0 = start - Days::new(1100);
    let detail = walk(&a, &f, t0, 14);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let failed_on = start - Days::new(10);
    let vote = |meeting_on: chrono::NaiveDate, yes: u32| json!({"meeting_on": meeting_on.to_string(), "entitled": 3, "present": 3, "yes": yes});
    let waiting = expect(act(&a.branch, id, 15, version(&detail), vote(failed_on, 1)), 200);
    let ready_on = failed_on.checked_add_months(Months::new(6)).unwrap();
    assert_eq!(waiting["summary"]["status"], "waiting", "{waiting}");
    assert_eq!(waiting["summary"]["outcome"], "not_passed");
    assert_eq!(waiting["summary"]["step"], 15);
    assert_eq!(waiting["summary"]["ready_on"], ready_on.to_string());
    assert_eq!(waiting["steps"][14]["state"], "waiting");
    assert_eq!(waiting["blocked_by"]["code"], "dev.failed_vote_wait");
    let person = a.branch.get_json(&format!("/api/v1/members/{}", f.applicant_person), 200);
    assert_eq!(person["membership_status"], "development_target", "still a 发展对象");
    // Listed among the open cases, and no second application while it waits.
    let open = a.branch.get_json("/api/v1/development/instances", 200);
    assert!(open["items"].as_array().unwrap().iter().any(|i| i["id"] == id && i["status"] == "waiting"));
    expect(a.applicant.post("/api/v1/development/applications", &json!({"applied_on": start.to_string()})), 409);

    // Before the half year is over: refused with the earliest date.
    let (code, body) = rule_code(act(&a.branch, id, 15, version(&waiting), vote(start, 3)));
    assert_eq!(code, "dev.failed_vote_wait");
    assert_eq!(body["details"]["rule"]["earliest"], ready_on.to_string());

    // Half a year later on the server's clock, a new meeting held too early is still refused…
    app.clock.advance(Duration::days(200));
    let (code, _) = rule_code(act(&a.branch, id, 15, version(&waiting), vote(ready_on - Days::new(1), 3)));
    assert_eq!(code, "dev.failed_vote_wait");
    // …and one on the first allowed day passes the candidate.
    let passed = expect(act(&a.branch, id, 15, version(&waiting), vote(ready_on, 3)), 200);
    assert_eq!(passed["summary"]["status"], "active");
    assert_eq!(passed["summary"]["step"], 16);
    assert!(passed["summary"]["outcome"].is_null());
    assert_eq!(passed["data"]["meeting_on"], ready_on.to_string(), "the new meeting counts for probation");
    let votes: Vec<&Value> =
        passed["history"].as_array().unwrap().iter().filter(|e| e["step"] == 15).map(|e| &e["action"]).collect();
    assert_eq!(votes, vec!["vote", "vote"]);
    let approved = expect(
        act(&a.committee, id, 16, version(&passed), json!({"talked_on": ready_on.to_string(), "talker": "组织员"})),
        200,
    );
    assert_eq!(approved["summary"]["step"], 17);
}

#[test]
fn a_case_follows_its_person_to_another_branch() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(400);
    let detail = walk(&a, &f, t0, 5);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let person = admin.get_json(&format!("/api/v1/members/{}", f.applicant_person), 200);
    let moved = expect(
        admin.post(
            &format!("/api/v1/members/{}/move", f.applicant_person),
            &json!({"version": person["version"], "org_id": f.b1, "reason": "工作调动"}),
        ),
        200,
    );
    assert_eq!(moved["org_id"], f.b1);
    // The old branch no longer sees or acts; the new one does.
    expect(a.branch.get(&format!("/api/v1/development/instances/{id}")), 403);
    assert!(a.branch.get_json("/api/v1/development/instances", 200)["items"].as_array().unwrap().is_empty());
    let b1 = app.login("zhibu_b1", FIXTURE_PASSWORD);
    let there = b1.get_json(&format!("/api/v1/development/instances/{id}"), 200);
    assert_eq!(there["summary"]["org_id"], f.b1);
    assert_eq!(there["can_act"], true);
    expect(act(&a.branch, id, 6, version(&there), step_body(6, t0, &f)), 403);
    let next = expect(act(&b1, id, 6, version(&there), json!({"reviews": [day(t0, 100)]})), 200);
    assert_eq!(next["summary"]["step"], 7);
    assert_eq!(b1.get_json("/api/v1/development/instances", 200)["items"][0]["id"], id);
    // The applicant still follows their case.
    assert_eq!(a.applicant.get_json(&format!("/api/v1/development/instances/{id}"), 200)["summary"]["step"], 7);
}

#[test]
fn two_concurrent_applications_make_one_case() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let on = today().to_string();
    let own = json!({"applied_on": on});
    let recorded = json!({"applied_on": on, "person_id": f.applicant_person});
    let threads: Vec<_> = [(a.applicant, own), (a.branch, recorded)]
        .into_iter()
        .map(|(api, body)| {
            std::thread::spawn(move || api.post("/api/v1/development/applications", &body).status().as_u16())
        })
        .collect();
    let mut statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    statuses.sort();
    assert_eq!(statuses, vec![201, 409]);
    let open = a.committee.get_json("/api/v1/development/instances", 200);
    assert_eq!(open["items"].as_array().unwrap().len(), 1);
    // The database itself refuses a second open case, whatever the service checked before.
    let second = app.db.write_blocking(|conn| {
        let state = dangjian_api::workflow::InstanceState {
            step: 2,
            status: shared::api::workflow::InstanceStatus::Active,
            outcome: None,
            record: Default::default(),
            due_on: None,
            ready_on: None,
            waiting_for: None,
        };
        dangjian_api::workflow::repo::create(conn, "development", f.applicant_person, f.a1, &state)
    });
    let err = second.unwrap_err();
    assert_eq!(err.code, shared::error::ErrorCode::InvalidState, "{}", err.message);
}
