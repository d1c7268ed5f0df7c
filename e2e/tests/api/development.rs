//! Member development: one person through all 25 steps, every blocking rule, permissions,
//! concurrent approval, overdue queries and a multi-candidate meeting.

use chrono::{Days, NaiveDate};
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, spawn_with_fixture};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};

pub(crate) fn today() -> NaiveDate {
    dangjian_api::clock::Clock::system().today()
}

pub(crate) fn day(base: NaiveDate, plus: u64) -> String {
    (base + Days::new(plus)).to_string()
}

pub(crate) struct Actors {
    pub applicant: Api,
    pub branch: Api,
    pub committee: Api,
}

pub(crate) fn actors(app: &TestApp) -> Actors {
    Actors {
        applicant: app.login("qunzhong_a1", FIXTURE_PASSWORD),
        branch: app.login("zhibu_a1", FIXTURE_PASSWORD),
        committee: app.login("dangwei_a", FIXTURE_PASSWORD),
    }
}

/// The request body of step `n` for an application made on `t0`, with dates that satisfy every rule.
pub(crate) fn step_body(n: i32, t0: NaiveDate, f: &Fixture) -> Value {
    let activist = t0 + Days::new(40);
    let candidate = activist + Days::new(375);
    let meeting = candidate + Days::new(60);
    let full = meeting + Days::new(370);
    match n {
        2 => json!({"talked_on": day(t0, 10), "talker": "李秀英", "talk_record": "谈话内容"}),
        3 => json!({"activist_on": day(activist, 0)}),
        4 => json!({"filed_on": day(activist, 5)}),
        5 => json!({"contacts": "张建国、李秀英"}),
        6 => json!({"reviews": [day(activist, 180), day(activist, 360)]}),
        7 => json!({"candidate_on": day(candidate, 0), "publicity_start": (candidate - Days::new(14)).to_string()}),
        8 => json!({"filed_on": day(candidate, 5)}),
        9 => json!({"introducers": [f.a1_people[0], f.a1_people[1]]}),
        10 => json!({"concluded_on": day(candidate, 20), "conclusion": "合格"}),
        11 => json!({"training_days": 3, "training_hours": 24, "finished_on": day(candidate, 30)}),
        12 => json!({"reviewed_on": day(candidate, 40)}),
        13 => json!({"pre_approved_on": day(candidate, 45)}),
        14 => json!({"filled_on": day(candidate, 50)}),
        15 => json!({"meeting_on": day(meeting, 0), "entitled": 3, "present": 3, "yes": 3, "written_yes": 0}),
        16 => json!({"talked_on": day(meeting, 10), "talker": "党委组织员"}),
        17 => json!({"approved_on": day(meeting, 30)}),
        18 => json!({"filed_on": day(meeting, 40)}),
        19 => json!({"assigned_on": day(meeting, 45)}),
        20 => json!({"oath_on": day(meeting, 50)}),
        21 => json!({"reviews": [day(meeting, 180)]}),
        22 => json!({"applied_on": day(meeting, 360)}),
        23 => json!({"meeting_on": day(full, 0), "entitled": 3, "present": 3, "yes": 3, "resolution": "full_member"}),
        24 => json!({"approved_on": day(full, 20)}),
        25 => json!({"archived_on": day(full, 25)}),
        _ => unreachable!(),
    }
}

pub(crate) fn who(n: i32, a: &Actors) -> &Api {
    match n {
        4 | 8 | 13 | 16 | 17 | 18 | 24 => &a.committee,
        14 | 22 => &a.applicant,
        _ => &a.branch,
    }
}

pub(crate) fn act(api: &Api, id: i64, n: i32, version: i64, data: Value) -> reqwest::blocking::Response {
    api.post(&format!("/api/v1/development/instances/{id}/steps/{n}"), &json!({"version": version, "data": data}))
}

/// Applies on `t0` and does steps 2..=`until`; returns the instance detail.
pub(crate) fn walk(a: &Actors, f: &Fixture, t0: NaiveDate, until: i32) -> Value {
    let mut detail =
        expect(a.applicant.post("/api/v1/development/applications", &json!({"applied_on": t0.to_string()})), 201);
    let id = detail["summary"]["id"].as_i64().unwrap();
    for n in 2..=until {
        let version = detail["summary"]["version"].as_i64().unwrap();
        detail = expect(act(who(n, a), id, n, version, step_body(n, t0, f)), 200);
    }
    detail
}

#[test]
fn one_person_through_all_25_steps() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 25);
    assert_eq!(detail["summary"]["status"], "completed", "{detail}");
    assert_eq!(detail["summary"]["outcome"], "full_member");
    assert_eq!(detail["history"].as_array().unwrap().len(), 25, "one event per step");
    assert_eq!(detail["history"][12]["actor_role"], "committee");
    assert!(detail["steps"].as_array().unwrap().iter().all(|s| s["state"] == "done"));

    let person = a.branch.get_json(&format!("/api/v1/members/{}", f.applicant_person), 200);
    let meeting = t0 + Days::new(40 + 375 + 60);
    assert_eq!(person["membership_status"], "formal");
    assert_eq!(person["join_date"], meeting.to_string(), "入党日期 = the branch meeting");
    assert_eq!(
        person["full_member_date"],
        meeting.checked_add_months(chrono::Months::new(12)).unwrap().to_string(),
        "转正 one year later"
    );
    // The applicant follows their own timeline.
    let own = a.applicant.get_json(&format!("/api/v1/development/instances/{}", detail["summary"]["id"]), 200);
    assert_eq!(own["summary"]["person_name"], "陈小明");
}

pub(crate) fn rule_code(response: reqwest::blocking::Response) -> (String, Value) {
    let body = expect(response, 422);
    assert_eq!(body["code"], "rule_violation", "{body}");
    (body["details"]["rule"]["code"].as_str().unwrap().to_string(), body)
}

#[test]
fn blocking_rules_explain_themselves() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(200);
    let detail = walk(&a, &f, t0, 5);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let detail = expect(
        act(&a.branch, id, 6, detail["summary"]["version"].as_i64().unwrap(), json!({"reviews": [day(t0, 140)]})),
        200,
    );
    let version = detail["summary"]["version"].as_i64().unwrap();
    // Before the year as 积极分子 is over, the detail already explains why step 7 must wait.
    assert_eq!(detail["blocked_by"]["code"], "dev.activist_one_year");
    let activist = t0 + Days::new(40);
    let earliest = activist.checked_add_months(chrono::Months::new(12)).unwrap();
    let (code, body) = rule_code(act(
        &a.branch,
        id,
        7,
        version,
        json!({"candidate_on": today().to_string(), "publicity_start": day(today(), 0)}),
    ));
    assert_eq!(code, "dev.activist_one_year");
    assert_eq!(body["details"]["rule"]["earliest"], earliest.to_string());
    assert!(
        body["message"].as_str().unwrap().contains(&format!("还差 {} 天", (earliest - today()).num_days())),
        "{body}"
    );
    // Nothing was written.
    assert_eq!(a.branch.get_json(&format!("/api/v1/development/instances/{id}"), 200)["summary"]["version"], version);

    // Rules of later steps, on an instance that is old enough.
    let t0 = today() - Days::new(1100);
    let app2_detail = {
        let other = app.login("zhibu_a1", FIXTURE_PASSWORD);

        expect(
            other.post(
                "/api/v1/development/applications",
                &json!({"applied_on": t0.to_string(), "person_id": f.a1_people[3]}),
            ),
            409,
        )
    };
    assert_eq!(app2_detail["code"], "invalid_state", "a probationary member cannot apply");
}

#[test]
fn introducers_training_publicity_and_age() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 6);
    let id = detail["summary"]["id"].as_i64().unwrap();
    let v = |d: &Value| d["summary"]["version"].as_i64().unwrap();
    let candidate = t0 + Days::new(415);
    let (code, _) = rule_code(act(
        &a.branch,
        id,
        7,
        v(&detail),
        json!({"candidate_on": candidate.to_string(), "publicity_start": day(candidate, 0)}),
    ));
    assert_eq!(code, "dev.publicity", "公示 of 5 working days not over");
    let (code, _) = rule_code(act(&a.branch, id, 7, v(&detail), json!({"candidate_on": candidate.to_string()})));
    assert_eq!(code, "dev.publicity", "公示 required by the default rule set");
    let detail = expect(act(&a.branch, id, 7, v(&detail), step_body(7, t0, &f)), 200);
    let detail = expect(act(&a.committee, id, 8, v(&detail), step_body(8, t0, &f)), 200);
    let (code, _) =
        rule_code(act(&a.branch, id, 9, v(&detail), json!({"introducers": [f.a1_people[0], f.a1_people[3]]})));
    assert_eq!(code, "dev.introducers", "a probationary member cannot introduce");
    let (code, _) = rule_code(act(
        &a.branch,
        id,
        9,
        v(&detail),
        json!({"introducers": [f.a1_people[0], f.b1_people[0], f.a1_people[1]]}),
    ));
    assert_eq!(code, "dev.introducers", "exactly two");
    let detail = expect(act(&a.branch, id, 9, v(&detail), step_body(9, t0, &f)), 200);
    let detail = expect(act(&a.branch, id, 10, v(&detail), step_body(10, t0, &f)), 200);
    let (code, _) = rule_code(act(
        &a.branch,
        id,
        11,
        v(&detail),
        json!({"training_days": 2, "training_hours": 16, "finished_on": today().to_string()}),
    ));
    assert_eq!(code, "dev.training");
    let missing = expect(act(&a.branch, id, 11, v(&detail), json!({"training_days": 3})), 422);
    assert_eq!(missing["code"], "validation");

    // Under 18 on the day of application.
    let branch = &a.branch;
    let young_card = {
        let first17 = "11010520100101123";
        format!("{first17}{}", shared::validate::id_card_check_char(first17).unwrap())
    };
    let young = expect(
        branch.post(
            "/api/v1/members",
            &json!({"org_id": f.a1, "name": "少年", "id_card_number": young_card, "membership_status": "masses"}),
        ),
        201,
    );
    let (code, body) = rule_code(branch.post(
        "/api/v1/development/applications",
        &json!({"applied_on": today().to_string(), "person_id": young["id"]}),
    ));
    assert_eq!(code, "dev.min_age");
    assert_eq!(body["details"]["rule"]["earliest"], "2028-01-01");
}

#[test]
fn approval_window_probation_and_extension() {
    let (app, f) = spawn_with_fixture();
    let a = actors(&app);
    // The branch meeting was long ago: approval now is past six months.
    let t0 = today() - Days::new(1100);
    let detail = walk(&a, &f, t0, 16);
    let id = detail["summary"]["id"].as_i64().unwrap();
    assert_eq!(detail["summary"]["overdue"], true, "approval is more than three months late");
    let (code, _) = rule_code(act(
        &a.committee,
        id,
        17,
        detail["summary"]["version"].as_i64().unwrap(),
        json!({"approved_on": today().to_string()}),
    ));
    assert_eq!(code, "dev.approval_window");
    let overdue = a.committee.get_json("/api/v1/development/instances?overdue=true", 200);
    assert_eq!(overdue["items"][0]["id"], id);
    let summary = a.committee.get_json("/api/v1/development/summary", 200);
    assert_eq!(summary["overdue"], 1);
    assert_eq!(summary["awaiting_committee"], 1);

    // 转正 before the year of probation is over; then an extension; a second extension is refused.
    let detail =
        expect(act(&a.committee, id, 17, detail["summary"]["version"].as_i64().unwrap(), step_body(17, t0, &f)), 200);
    let mut detail = detail;
    for n in 18..=22 {
        detail =
            expect(act(who(n, &a), id, n, detail["summary"]["version"].as_i64().unwrap(), step_body(n, t0, &f)), 200);
    }
    let meeting = t0 + Days::new(475);
    let early =
        json!({"meeting_on": day(meeting, 300), "entitled": 3, "present": 3, "yes": 3, "resolution": "full_member"});
    let (code, _) = rule_code(act(&a.branch, id, 23, detail["summary"]["version"].as_i64().unwrap(), early));
    assert_eq!(code, "dev.probation_one_year");
    let extend = json!({"meeting_on": day(meeting, 370), "entitled": 3, "present": 3, "yes": 3, "resolution": "extend", "extension_months": 5});
    let (code, _) = rule_code(act(&a.branch, id, 23, detail["summary"]["version"].as_i64().unwrap(), extend.clone()));
    assert_eq!(code, "dev.extension_length", "at least six months");
    let mut extend = extend;
    extend["extension_months"] = json!(6);
    let detail = expect(act(&a.branch, id, 23, detail["summary"]["version"].as_i64().unwrap(), extend), 200);
    let detail = expect(
        act(
            &a.committee,
            id,
            24,
            detail["summary"]["version"].as_i64().unwrap(),
            json!({"approved_on": day(meeting, 380)}),
        ),
        200,
    );
    assert_eq!(detail["summary"]["step"], 21, "back to education during the extension");
    assert_eq!(
        a.branch.get_json(&format!("/api/v1/members/{}", f.applicant_person), 200)["membership_status"],
        "probationary"
    );
    let mut detail = detail;
    for n in 21..=22 {
        detail =
            expect(act(who(n, &a), id, n, detail["summary"]["version"].as_i64().unwrap(), step_body(n, t0, &f)), 200);
    }
    let again = json!({"meeting_on": day(meeting, 560), "entitled": 3, "present": 3, "yes": 3, "resolution": "extend", "extension_months": 6});
    let (code, _) = rule_code(act(&a.branch, id, 23, detail["summary"]["version"].as_i64().unwrap(), again));
    assert_eq!(code, "dev.extension_once");
}
