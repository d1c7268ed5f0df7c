//! Elections through the real server, on either database: a full 换届 (the 请示 and its 批复,
//! candidates with 差额, the 党员大会 with quorum, a void round, 另行选举, the posts and the
//! upper org's approval putting the new committee, its term and roles in place, and the papers
//! made from the data). The helpers serve `elections_changes` too.

use chrono::NaiveDate;
use dangjian_api::committees::models::NewTerm;
use dangjian_api::committees::repo as committees;
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, person, spawn_with_fixture_at};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};
use shared::MembershipStatus;

use crate::requests::{draft, step};

pub fn d(s: &str) -> NaiveDate {
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

pub fn version(detail: &Value) -> Value {
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

pub fn ballots(
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

pub fn rule_code(body: &Value) -> String {
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
    assert_eq!((created["min_seats"].as_u64(), created["max_seats"].as_u64()), (Some(3), Some(7)));
    assert_eq!(created["min_candidates"], 6, "5 seats and 20% 差额");
    assert_eq!(created["papers"], json!([]));
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
    six.push(f.a1_people[2]);
    let nominated = expect(zhibu.post(&format!("/api/v1/elections/{id}/candidates"), &nominate(six)), 200);
    assert_eq!(nominated["election"]["step"], 4);
    assert_eq!(names(&nominated["candidates"]), ["丁一凡", "马超", "王志强", "王芳", "周敏", "黄海涛"], "姓氏笔画");

    approved_request(
        &app,
        &f,
        &nominated,
        "candidates",
        json!({"committee_size": "5", "candidate_count": "6",
        "candidates": "丁一凡、马超、王志强、王芳、周敏、黄海涛", "process": "经党员酝酿推荐，支委会研究确定。"}),
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
    assert_eq!(reported["papers"].as_array().unwrap().len(), 6, "every paper can be made now");

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
    let text = |name: &str| {
        let bytes = zhibu.get(&format!("/api/v1/elections/{id}/documents/{name}")).bytes().unwrap();
        crate::requests_pdf::pdf_text(&bytes).split_whitespace().collect::<String>()
    };
    let ballot = text("ballot.pdf");
    assert!(ballot.contains("应选5名，候选人6名（按姓氏笔画排列）"), "{ballot}");
    let order: Vec<usize> =
        ["丁一凡", "马超", "王志强", "王芳", "周敏", "黄海涛"].iter().map(|n| ballot.find(n).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "姓氏笔画 on the ballot: {ballot}");
    let tally = text("tally.pdf");
    assert!(tally.contains("第1轮") && tally.contains("本轮无效") && tally.contains("第3轮"), "{tally}");
    let report = text("report.pdf");
    assert!(report.contains("一所党委：") && report.contains("应到会有选举权的党员10名，实到会9名"), "{report}");
    assert!(report.contains("丁一凡任书记"), "{report}");

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
    // 王志强 (dangyuan_a1), elected 组织委员, now holds the 党支部 role with that title.
    let me = app.login("dangyuan_a1", FIXTURE_PASSWORD).get_json("/api/v1/me", 200);
    let branch_role = me["roles"].as_array().unwrap().iter().find(|r| r["kind"] == "branch").expect("granted").clone();
    assert_eq!((branch_role["org_id"].as_i64(), branch_role["title"].as_str()), (Some(f.a1), Some("组织委员")));
    let terms = dangwei.get_json("/api/v1/elections/terms?state=running", 200);
    assert!(
        terms["items"].as_array().unwrap().iter().any(|t| t["org_id"] == f.a1 && t["secretary"] == "丁一凡"),
        "{terms}"
    );
}
