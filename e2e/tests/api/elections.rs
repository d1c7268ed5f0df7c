//! Elections through the real server, on either database: a full 换届 (the 请示 and its 批复,
//! candidates with 差额, the 党员大会 with quorum, a void round, 另行选举, the posts and the
//! upper org's approval putting the new committee, its term and roles in place), a 增补 after a
//! member transferred out, an appointment by the upper org, and the founding of a branch.

use chrono::NaiveDate;
use dangjian_api::committees::models::NewTerm;
use dangjian_api::committees::repo as committees;
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, person, spawn_with_fixture_at};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};
use shared::MembershipStatus;

use crate::requests::{draft, step};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Seven more 正式党员 in a1 (ten with the fixture's three), in a deliberately mixed name order.
pub fn grow_a1(app: &TestApp, f: &Fixture) -> Vec<i64> {
    let names = ["黄海涛", "丁一凡", "马超", "王芳", "周敏", "李娜", "白雪"];
    app.db
        .write_blocking(|conn| {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| person(conn, f.a1, 40 + i as u32, n, MembershipStatus::Formal))
                .collect()
        })
        .unwrap()
}

pub fn set_term(app: &TestApp, org: i64, started_on: &str, seats: i32) {
    let started_on = d(started_on);
    let ends_on = started_on.checked_add_months(chrono::Months::new(36)).unwrap();
    let new = NewTerm {
        org_id: org,
        started_on,
        years: 3,
        ends_on,
        seats,
        election_id: None,
        created_at: dangjian_api::clock::wall_now(),
    };
    app.db.write_blocking(|conn| committees::start_term(conn, &new)).unwrap();
}

pub fn detail(api: &Api, id: i64) -> Value {
    api.get_json(&format!("/api/v1/elections/{id}"), 200)
}

fn version(detail: &Value) -> Value {
    detail["election"]["version"].clone()
}

pub fn act(api: &Api, id: i64, body: Value) -> Value {
    let mut body = body;
    body["version"] = version(&detail(api, id));
    expect(api.post(&format!("/api/v1/elections/{id}/act"), &body), 200)
}

/// The branch drafts the request for the case, reviews and signs it; the 党委 approves it.
pub fn approved_request(app: &TestApp, f: &Fixture, election: &Value, template: &str, fields: Value) {
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let mut input = draft(&zhibu, f, template, fields);
    input["for_instance_id"] = election["election"]["instance_id"].clone();
    let created = expect(zhibu.post("/api/v1/requests", &input), 201);
    let sent = step(&zhibu, &step(&zhibu, &step(&zhibu, &created, json!({})), json!({})), json!({}));
    assert_eq!(sent["stage"], "submitted");
    let approved = step(&app.login("dangwei_a", FIXTURE_PASSWORD), &sent, json!({}));
    assert_eq!(approved["stage"], "approved");
}

fn ballots(
    api: &Api,
    id: i64,
    present: u32,
    issued: u32,
    returned: u32,
    votes: &[(i64, u32)],
) -> reqwest::blocking::Response {
    let votes: Vec<Value> = votes.iter().map(|(p, v)| json!({"person_id": p, "votes": v})).collect();
    let body = json!({
        "version": version(&detail(api, id)),
        "present": present, "issued": issued, "returned": returned,
        "tally": {"mode": "counts", "votes": votes, "invalid": 0},
    });
    api.post(&format!("/api/v1/elections/{id}/ballots"), &body)
}

fn rule_code(body: &Value) -> String {
    body["details"]["rule"]["code"].as_str().map_or_else(|| body.to_string(), str::to_string)
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_full_reelection_puts_the_new_committee_term_and_roles_in_place() {
    let (app, f) = spawn_with_fixture_at(d("2026-12-01"));
    let more = grow_a1(&app, &f);
    set_term(&app, f.a1, "2024-01-10", 5);
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let start = |seats: u32, planned: &str| {
        json!({"kind": "reelection", "org_id": f.a1, "planned_on": planned, "seats": seats,
               "reason": "本届支部委员会任期将满，按期换届。"})
    };

    // Bad input writes nothing: 8 seats for 10 正式党员; more than a year after the term ends.
    assert_eq!(rule_code(&expect(zhibu.post("/api/v1/elections", &start(8, "2027-01-05")), 422)), "election.seats");
    assert_eq!(rule_code(&expect(zhibu.post("/api/v1/elections", &start(5, "2028-02-01")), 422)), "election.shift");
    assert_eq!(
        expect(app.login("dangyuan_a1", FIXTURE_PASSWORD).post("/api/v1/elections", &start(5, "2027-01-05")), 403)["code"],
        "forbidden"
    );
    assert_eq!(zhibu.get_json("/api/v1/elections", 200)["items"].as_array().unwrap().len(), 0);

    let created = expect(zhibu.post("/api/v1/elections", &start(5, "2027-01-05")), 201);
    let id = created["election"]["id"].as_i64().unwrap();
    assert_eq!(created["election"]["step"], 2);
    assert_eq!(created["election"]["schedule_label"], "按期换届");
    assert_eq!(created["roll"]["entitled"], 10);
    assert_eq!(created["roll"]["probationary"], 1);
    assert_eq!(created["request_template"], "reelection");
    assert_eq!(
        expect(zhibu.post("/api/v1/elections", &start(5, "2027-01-05")), 409)["code"],
        "invalid_state",
        "one open election per org"
    );
    // Others: another branch cannot see it; the 党委 sees it but does not act for the branch.
    assert_eq!(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/elections/{id}")).status(), 403);
    assert_eq!(
        zhibu.post(&format!("/api/v1/elections/{id}/act"), &json!({"version": version(&created)})).status(),
        409,
        "no 批复 yet"
    );

    approved_request(
        &app,
        &f,
        &created,
        "reelection",
        json!({"term_end": "2027-01-10", "members_total": "10",
        "committee_size": "5", "meeting_date": "2027年1月上旬", "plan": "12月酝酿推荐候选人，1月上旬召开党员大会。"}),
    );
    let nominating = act(&zhibu, id, json!({}));
    assert_eq!(nominating["election"]["step"], 3);

    // Candidates: 等额 refused at a 换届; a 预备党员 refused; six for five seats accepted.
    let nominate =
        |candidates: Vec<i64>| json!({"version": version(&detail(&zhibu, id)), "seats": 5, "candidates": candidates});
    let five: Vec<i64> = more[..5].to_vec();
    assert_eq!(
        rule_code(&expect(zhibu.post(&format!("/api/v1/elections/{id}/candidates"), &nominate(five.clone())), 422)),
        "election.margin"
    );
    let mut with_probationary = five.clone();
    with_probationary.push(f.a1_people[3]);
    assert_eq!(
        rule_code(&expect(
            zhibu.post(&format!("/api/v1/elections/{id}/candidates"), &nominate(with_probationary)),
            422
        )),
        "election.probationary"
    );
    let mut six = five.clone();
    six.push(more[5]);
    let nominated = expect(zhibu.post(&format!("/api/v1/elections/{id}/candidates"), &nominate(six)), 200);
    assert_eq!(nominated["election"]["step"], 4);
    assert_eq!(names(&nominated["candidates"]), ["丁一凡", "马超", "王芳", "李娜", "周敏", "黄海涛"], "姓氏笔画");

    approved_request(
        &app,
        &f,
        &nominated,
        "candidates",
        json!({"committee_size": "5", "candidate_count": "6",
        "candidates": "丁一凡、马超、王芳、李娜、周敏、黄海涛", "process": "经党员酝酿推荐，支委会研究确定。"}),
    );
    let voting = act(&zhibu, id, json!({}));
    assert_eq!(voting["election"]["step"], 5);
    let c: Vec<i64> =
        voting["candidates"].as_array().unwrap().iter().map(|c| c["person_id"].as_i64().unwrap()).collect();

    // Quorum: 8 of 10 is exactly 4/5 — refused, nothing recorded.
    let body = expect(ballots(&zhibu, id, 8, 8, 8, &[(c[0], 8)]), 422);
    assert_eq!(rule_code(&body), "election.quorum");
    assert!(detail(&zhibu, id)["rounds"].as_array().unwrap().is_empty());
    // More ballots returned than issued: the round is void and recorded; the vote is held again.
    let void = expect(ballots(&zhibu, id, 9, 9, 10, &[]), 200);
    assert_eq!(void["count"]["void"], true);
    // Four reach more than half of the nine present; 5 of 9 is over half, 4 is not.
    let first =
        expect(ballots(&zhibu, id, 9, 9, 9, &[(c[0], 9), (c[1], 8), (c[2], 7), (c[3], 5), (c[4], 4), (c[5], 4)]), 200);
    assert_eq!(first["count"]["elected"], json!([c[0], c[1], c[2], c[3]]));
    assert_eq!(first["count"]["unfilled"], 1);
    let again = detail(&zhibu, id);
    assert_eq!(again["election"]["step"], 5, "另行选举 for the seat left");
    assert_eq!(again["next_round"]["seats"], 1);
    assert_eq!(again["next_round"]["candidates"], json!([c[4], c[5]]));
    let second = expect(ballots(&zhibu, id, 9, 9, 9, &[(c[4], 6), (c[5], 3)]), 200);
    assert_eq!(second["count"]["elected"], json!([c[4]]));
    let posts_step = detail(&zhibu, id);
    assert_eq!(posts_step["election"]["step"], 6);
    assert_eq!(posts_step["rounds"].as_array().unwrap().len(), 3);

    // Posts: one 书记 among the elected, each elected once.
    let post = |list: Value| json!({"version": version(&detail(&zhibu, id)), "posts": list});
    let missing = post(json!([{"person_id": c[0], "post": "secretary"}]));
    assert_eq!(
        expect(zhibu.post(&format!("/api/v1/elections/{id}/posts"), &missing), 422)["details"]["fields"][0]["field"],
        "posts"
    );
    let all = post(json!([
        {"person_id": c[0], "post": "secretary"}, {"person_id": c[1], "post": "deputy"},
        {"person_id": c[2], "post": "organization"}, {"person_id": c[3], "post": "propaganda"},
        {"person_id": c[4], "post": "discipline"},
    ]));
    let reported = expect(zhibu.post(&format!("/api/v1/elections/{id}/posts"), &all), 200);
    assert_eq!(reported["election"]["step"], 7);

    // Papers from the data.
    for (name, media) in [
        ("ballot.pdf", "application/pdf"),
        ("method.pdf", "application/pdf"),
        ("script.pdf", "application/pdf"),
        ("tally.pdf", "application/pdf"),
        ("report.pdf", "application/pdf"),
        ("tally.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
        let response = zhibu.get(&format!("/api/v1/elections/{id}/documents/{name}"));
        assert_eq!(response.status(), 200, "{name}");
        assert_eq!(response.headers()["content-type"], media, "{name}");
    }

    // The branch cannot approve its own result; the 党委 approves and it takes effect.
    assert_eq!(
        zhibu.post(&format!("/api/v1/elections/{id}/act"), &json!({"version": version(&reported)})).status(),
        403
    );
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    let done = act(&dangwei, id, json!({}));
    assert_eq!(done["election"]["status"], "completed");
    let committee = zhibu.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert_eq!(committee["members"].as_array().unwrap().len(), 5);
    assert_eq!(committee["term_started_on"], "2026-12-01");
    assert_eq!(committee["term_ends_on"], "2029-12-01");
    assert_eq!(committee["term_state"], "running");
    assert_eq!(committee["terms"].as_array().unwrap().len(), 2, "the old term is closed and kept");
    assert!(committee["violations"].as_array().unwrap().is_empty(), "{committee}");
    let secretary = committee["members"].as_array().unwrap().iter().find(|m| m["post"] == "secretary").unwrap().clone();
    assert_eq!(secretary["person_id"], c[0]);
    assert_eq!(secretary["came_in"], "reelection");
    let terms = dangwei.get_json("/api/v1/elections/terms?state=running", 200);
    assert!(
        terms["items"].as_array().unwrap().iter().any(|t| t["org_id"] == f.a1 && t["secretary"] == "丁一凡"),
        "{terms}"
    );
}

/// A committee of three with 王志强 (dangyuan_a1) as 组织委员, 李秀英 as 书记, 张建国 as 宣传委员.
fn seat_three(app: &TestApp, f: &Fixture) {
    set_term(app, f.a1, "2025-06-01", 3);
    // The seats go in directly, as records carried over from paper would.
    app.db
        .write_blocking(|conn| {
            for (person, post) in
                [(f.a1_people[1], "secretary"), (f.a1_people[2], "organization"), (f.a1_people[0], "propaganda")]
            {
                committees::insert(
                    conn,
                    &dangjian_api::committees::models::NewCommitteeMember {
                        org_id: f.a1,
                        person_id: person,
                        post,
                        came_in: "record",
                        since: d("2025-06-01"),
                        election_id: None,
                        role_assignment_id: None,
                        created_at: dangjian_api::clock::wall_now(),
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_member_who_transfers_out_leaves_a_vacancy_filled_by_a_by_election() {
    let (app, f) = spawn_with_fixture_at(d("2026-12-01"));
    let more = grow_a1(&app, &f);
    seat_three(&app, &f);
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let before = zhibu.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert_eq!(before["members"].as_array().unwrap().len(), 3);

    // 王志强 moves to a2: he loses the post; the committee shows the vacancy.
    let member = zhibu.get_json(&format!("/api/v1/members/{}", f.a1_people[2]), 200);
    let moved = json!({"version": member["version"], "org_id": f.a2, "reason": "工作调动"});
    expect(
        app.login("dangwei_a", FIXTURE_PASSWORD).post(&format!("/api/v1/members/{}/move", f.a1_people[2]), &moved),
        200,
    );
    let after = zhibu.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert_eq!(after["members"].as_array().unwrap().len(), 2);
    assert_eq!(after["former"][0]["left_reason"], "组织关系转出");
    let codes: Vec<&str> =
        after["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"committee.vacancy"), "{after}");

    // One vacancy: two seats refused, one accepted.
    let start = |seats: u32| {
        json!({"kind": "by_election", "org_id": f.a1, "planned_on": "2026-12-20", "seats": seats,
               "reason": "原组织委员王志强同志因工作调动转出。"})
    };
    assert_eq!(expect(zhibu.post("/api/v1/elections", &start(2)), 422)["details"]["fields"][0]["field"], "seats");
    let created = expect(zhibu.post("/api/v1/elections", &start(1)), 201);
    let id = created["election"]["id"].as_i64().unwrap();
    approved_request(
        &app,
        &f,
        &created,
        "by_election",
        json!({"vacancy": "原组织委员王志强同志因工作调动转出。",
        "post": "组织委员", "candidate": "马超", "profile": "马超，男，2011年转为正式党员。"}),
    );
    act(&zhibu, id, json!({}));
    // A by-election may be 等额.
    let nominated = expect(
        zhibu.post(
            &format!("/api/v1/elections/{id}/candidates"),
            &json!({"version": version(&detail(&zhibu, id)), "seats": 1, "candidates": [more[2]]}),
        ),
        200,
    );
    approved_request(
        &app,
        &f,
        &nominated,
        "candidates",
        json!({"committee_size": "1", "candidate_count": "1",
        "candidates": "马超", "process": "支委会研究确定。"}),
    );
    act(&zhibu, id, json!({}));
    expect(ballots(&zhibu, id, 9, 9, 9, &[(more[2], 8)]), 200);
    let posts =
        json!({"version": version(&detail(&zhibu, id)), "posts": [{"person_id": more[2], "post": "secretary"}]});
    assert_eq!(
        expect(zhibu.post(&format!("/api/v1/elections/{id}/posts"), &posts), 422)["details"]["fields"][0]["field"],
        "posts",
        "the 书记 is in office"
    );
    let posts =
        json!({"version": version(&detail(&zhibu, id)), "posts": [{"person_id": more[2], "post": "organization"}]});
    expect(zhibu.post(&format!("/api/v1/elections/{id}/posts"), &posts), 200);
    act(&app.login("dangwei_a", FIXTURE_PASSWORD), id, json!({}));

    let committee = zhibu.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert_eq!(committee["members"].as_array().unwrap().len(), 3);
    let added = committee["members"].as_array().unwrap().iter().find(|m| m["person_id"] == more[2]).unwrap().clone();
    assert_eq!(added["came_in"], "by_election");
    assert_eq!(committee["term_started_on"], "2025-06-01", "the term is the committee's");
    assert_eq!(added["term_ends_on"], "2028-06-01");
    assert!(committee["violations"].as_array().unwrap().is_empty(), "{committee}");
}

#[test]
fn the_upper_org_appoints_a_secretary_who_gets_the_branch_role() {
    let (app, f) = spawn_with_fixture_at(d("2026-12-01"));
    seat_three(&app, &f);
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    let committee = dangwei.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert_eq!(committee["may_appoint"], true);
    let secretary =
        committee["members"].as_array().unwrap().iter().find(|m| m["post"] == "secretary").unwrap()["id"].clone();
    let appoint = json!({"person_id": f.a1_people[2], "post": "secretary", "on": "2026-11-30", "reason": "原书记调离"});
    assert_eq!(
        dangwei.post(&format!("/api/v1/orgs/{}/committee/appointments", f.a1), &appoint).status(),
        409,
        "the 书记 is in office"
    );
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    assert_eq!(
        zhibu.post(&format!("/api/v1/orgs/{}/committee/appointments", f.a1), &appoint).status(),
        403,
        "only the upper org appoints"
    );
    expect(
        dangwei.post(
            &format!("/api/v1/orgs/{}/committee/{secretary}/leave", f.a1),
            &json!({"on": "2026-11-30", "reason": "调离"}),
        ),
        200,
    );
    // 王志强 is 组织委员 already; 周杰 is not in the branch.
    let outsider =
        json!({"person_id": f.b1_people[0], "post": "secretary", "on": "2026-11-30", "reason": "原书记调离"});
    assert_eq!(
        expect(dangwei.post(&format!("/api/v1/orgs/{}/committee/appointments", f.a1), &outsider), 422)["details"]["fields"]
            [0]["field"],
        "person_id"
    );
    let probationary =
        json!({"person_id": f.a1_people[3], "post": "secretary", "on": "2026-11-30", "reason": "原书记调离"});
    assert_eq!(
        rule_code(&expect(dangwei.post(&format!("/api/v1/orgs/{}/committee/appointments", f.a1), &probationary), 422)),
        "election.secretary_party_years"
    );
    let other = json!({"person_id": f.a1_people[0], "post": "deputy", "on": "2026-11-30", "reason": "加强班子"});
    assert_eq!(
        dangwei.post(&format!("/api/v1/orgs/{}/committee/appointments", f.a1), &other).status(),
        409,
        "张建国 holds a seat"
    );
    let committee = dangwei.get_json(&format!("/api/v1/orgs/{}/committee", f.a1), 200);
    assert!(committee["violations"].as_array().unwrap().iter().any(|v| v["code"] == "committee.secretary_vacant"));
}

#[test]
fn a_branch_is_founded_with_its_members_committee_and_term() {
    let (app, f) = spawn_with_fixture_at(d("2026-12-01"));
    let more = grow_a1(&app, &f);
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let start = |members: &[i64]| {
        json!({"kind": "founding", "org_id": f.a1, "planned_on": "2026-12-28", "seats": 1,
               "reason": "第三研究室党员人数增加，拟单独成立党支部。", "new_org_name": "一所第三党支部",
               "unit": "第三研究室", "member_ids": members})
    };
    assert_eq!(
        rule_code(&expect(zhibu.post("/api/v1/elections", &start(&[more[0], more[1], f.a1_people[3]])), 422)),
        "election.found_min",
        "two 正式党员"
    );
    assert_eq!(
        expect(zhibu.post("/api/v1/elections", &start(&[more[0], f.b1_people[0]])), 422)["details"]["fields"][0]["field"],
        "member_ids"
    );
    let members = [more[0], more[1], more[2], more[3], f.a1_people[3]];
    let created = expect(zhibu.post("/api/v1/elections", &start(&members)), 201);
    let id = created["election"]["id"].as_i64().unwrap();
    assert_eq!(created["roll"]["entitled"], 4);
    assert_eq!(created["request_template"], "found_branch");
    approved_request(
        &app,
        &f,
        &created,
        "found_branch",
        json!({"unit": "第三研究室", "members_total": "5",
        "full_members": "4", "reason": "党员人数增加。", "plan": "设书记1名。"}),
    );
    act(&zhibu, id, json!({}));
    let nominate = json!({"version": version(&detail(&zhibu, id)), "seats": 1, "candidates": [more[0], more[1]]});
    let nominated = expect(zhibu.post(&format!("/api/v1/elections/{id}/candidates"), &nominate), 200);
    assert_eq!(nominated["election"]["step"], 5, "a founding needs no candidates' 请示");
    expect(ballots(&zhibu, id, 4, 4, 4, &[(more[0], 3), (more[1], 1)]), 200);
    let posts =
        json!({"version": version(&detail(&zhibu, id)), "posts": [{"person_id": more[0], "post": "secretary"}]});
    expect(zhibu.post(&format!("/api/v1/elections/{id}/posts"), &posts), 200);
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    let done = act(&dangwei, id, json!({}));
    assert_eq!(done["election"]["status"], "completed");

    let tree = dangwei.get_json(&format!("/api/v1/orgs/tree?parent_id={}", f.a), 200);
    let new_org =
        tree["children"].as_array().unwrap().iter().find(|o| o["name"] == "一所第三党支部").expect("created").clone();
    let new_id = new_org["id"].as_i64().unwrap();
    let committee = dangwei.get_json(&format!("/api/v1/orgs/{new_id}/committee"), 200);
    assert_eq!(committee["full_members"], 4);
    assert_eq!(committee["probationary_members"], 1);
    assert_eq!(committee["members"][0]["came_in"], "founding");
    assert_eq!(committee["term_ends_on"], "2029-12-01");
    let moved = dangwei.get_json(&format!("/api/v1/members/{}", more[0]), 200);
    assert_eq!(moved["org_id"], new_id, "the members moved to the new branch");
    assert_eq!(zhibu.get(&format!("/api/v1/members/{}", more[0])).status(), 403, "out of the old branch's reach");
}
