//! Member development: who may act on and see a case, a branch meeting voting on several
//! candidates, and the working-day calendar that 公示 periods follow.

use chrono::Days;
use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;

use super::development::*;

#[test]
fn who_may_act_and_see() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 12);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let version = detail["summary"]["version"].as_i64().unwrap();
    // A branch secretary cannot approve as 党委; a member cannot act for another; other branches cannot see.
    assert_eq!(expect(act(&a.branch, id, 13, version, step_body(13, t0, &f)), 403)["code"], "forbidden");
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    expect(member.get(&format!("/api/v1/development/instances/{id}")), 403);
    expect(act(&member, id, 13, version, step_body(13, t0, &f)), 403);
    let other_branch = app.login("zhibu_b1", FIXTURE_PASSWORD);
    expect(other_branch.get(&format!("/api/v1/development/instances/{id}")), 403);
    assert_eq!(other_branch.get_json("/api/v1/development/instances", 200)["items"].as_array().unwrap().len(), 0);
    // The wrong step number is refused with the step that is due.
    assert_eq!(expect(act(&a.committee, id, 15, version, step_body(15, t0, &f)), 403)["code"], "forbidden");
    assert_eq!(expect(act(&a.branch, id, 15, version, step_body(15, t0, &f)), 409)["code"], "invalid_state");

    // Two approvers at once: exactly one wins.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let body = step_body(13, t0, &f);
    let threads: Vec<_> = [a.committee, admin]
        .into_iter()
        .map(|api| {
            let body = body.clone();
            std::thread::spawn(move || act(&api, id, 13, version, body).status().as_u16())
        })
        .collect();
    let mut statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    statuses.sort();
    assert_eq!(statuses, vec![200, 409]);
}

#[test]
fn a_meeting_votes_on_candidates_one_by_one() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let first = walk(&a, &f, t0, 14);
    // A second candidate, whose paper application the branch records.
    let card = {
        let first17 = "11010519900101123";
        format!("{first17}{}", shared::validate::id_card_check_char(first17).unwrap())
    };
    let person = expect(
        a.branch.post(
            "/api/v1/members",
            &json!({"org_id": f.a1, "name": "周新", "id_card_number": card, "membership_status": "masses"}),
        ),
        201,
    );
    let mut second = expect(
        a.branch.post(
            "/api/v1/development/applications",
            &json!({"applied_on": t0.to_string(), "person_id": person["id"]}),
        ),
        201,
    );
    let id2 = second["summary"]["id"].as_i64().unwrap();
    for n in 2..=14 {
        let api = if n == 14 { &a.branch } else { who(n, &a) };
        second = expect(act(api, id2, n, second["summary"]["version"].as_i64().unwrap(), step_body(n, t0, &f)), 200);
    }
    let meeting = t0 + Days::new(475);
    // Without a quorum nothing is voted and nothing changes.
    let refused = expect(
        a.branch.post(
            "/api/v1/development/meetings",
            &json!({"meeting_on": meeting.to_string(), "entitled": 5, "present": 2, "candidates": [
                {"instance_id": first["summary"]["id"], "version": first["summary"]["version"], "yes": 2}]}),
        ),
        200,
    );
    assert_eq!(refused[0]["error"]["details"]["fields"][0]["code"], "no_quorum", "{refused}");
    let results = expect(
        a.branch.post(
            "/api/v1/development/meetings",
            &json!({"meeting_on": meeting.to_string(), "entitled": 5, "present": 4, "candidates": [
                {"instance_id": first["summary"]["id"], "version": first["summary"]["version"], "yes": 3, "written_yes": 0},
                {"instance_id": id2, "version": second["summary"]["version"], "yes": 2, "written_yes": 0},
            ]}),
        ),
        200,
    );
    assert_eq!(results[0]["outcome"], json!({"quorum": true, "passed": true}));
    assert_eq!(results[1]["outcome"], json!({"quorum": true, "passed": false}));
    // Not passed: the case waits half a year for a new meeting ([L] rule) instead of ending.
    let second = a.branch.get_json(&format!("/api/v1/development/instances/{id2}"), 200);
    assert_eq!(second["summary"]["status"], "waiting");
    assert_eq!(second["summary"]["outcome"], "not_passed");
    assert_eq!(second["summary"]["step"], 15);
    assert_eq!(second["summary"]["ready_on"], meeting.checked_add_months(chrono::Months::new(6)).unwrap().to_string());
    let first = a.branch.get_json(&format!("/api/v1/development/instances/{}", first["summary"]["id"]), 200);
    assert_eq!(first["summary"]["step"], 16);
}

#[test]
fn admins_edit_the_calendar_and_publicity_follows_it() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 6);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let start = today() - Days::new(8);
    let body = json!({"candidate_on": today().to_string(), "publicity_start": start.to_string()});
    // Mark every day of the 公示 as a holiday: the 5 working days are no longer over.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    for offset in 0..=8 {
        let day = (start + Days::new(offset)).to_string();
        expect(
            admin.post("/api/v1/development/calendar", &json!({"day": day, "kind": "holiday", "note": "测试"})),
            200,
        );
    }
    let (code, _) = rule_code(act(&a.branch, id, 7, detail["summary"]["version"].as_i64().unwrap(), body.clone()));
    assert_eq!(code, "dev.publicity");
    // Back to normal: the step goes through.
    for offset in 0..=8 {
        let day = (start + Days::new(offset)).to_string();
        expect(admin.post("/api/v1/development/calendar", &json!({"day": day, "kind": "normal"})), 200);
    }
    expect(act(&a.branch, id, 7, detail["summary"]["version"].as_i64().unwrap(), body), 200);
    // Only the 政工部门 edits the calendar; the rule catalogue is public to users.
    expect(
        a.committee.post("/api/v1/development/calendar", &json!({"day": today().to_string(), "kind": "holiday"})),
        403,
    );
    assert_eq!(
        expect(admin.post("/api/v1/development/calendar", &json!({"day": today().to_string(), "kind": "rest"})), 422)["code"],
        "validation"
    );
    let rules = a.applicant.get_json("/api/v1/development/rules", 200);
    assert!(rules["catalogue"].as_array().unwrap().iter().any(|r| r["code"] == "dev.activist_one_year"));
    assert_eq!(rules["rules"]["publicity_workdays"], 5);
}
