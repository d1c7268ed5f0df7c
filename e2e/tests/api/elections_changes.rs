//! Committees between elections and new branches, through the real server: a member who
//! transfers out loses the post and its role, the vacancy is filled by a 增补 whose term ends
//! with the committee's; the upper org appoints a 书记; a branch is founded with its members,
//! committee and term.

use e2e::fixture::{FIXTURE_PASSWORD, Fixture, spawn_with_fixture_at};
use e2e::{TestApp, expect};
use serde_json::json;

use crate::elections::{act, approved_request, ballots, d, detail, grow_a1, rule_code, set_term, version};
use dangjian_api::committees::repo as committees;

/// A committee of three with 王志强 (dangyuan_a1) as 组织委员, 李秀英 as 书记, 张建国 as 宣传委员.
fn seat_three(app: &TestApp, f: &Fixture) {
    set_term(app, f.a1, "2025-06-01", 3);
    // The seats go in directly, as records carried over from paper would.
    app.db
        .write_blocking(|conn| {
            let user = committees::user_of(conn, f.a1_people[2])?.unwrap();
            let role = dangjian_api::auth::repo::insert_role(
                conn,
                &dangjian_api::auth::models::NewRole {
                    user_id: user,
                    kind: "branch",
                    org_id: f.a1,
                    title: Some("组织委员"),
                    created_at: dangjian_api::clock::wall_now(),
                },
            )?;
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
                        role_assignment_id: (person == f.a1_people[2]).then_some(role),
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
    let roles = app.login("dangyuan_a1", FIXTURE_PASSWORD).get_json("/api/v1/me", 200)["roles"].clone();
    assert!(roles.as_array().unwrap().iter().all(|r| r["kind"] != "branch"), "the post's role is revoked: {roles}");
    let codes: Vec<&str> =
        after["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"committee.vacancy"), "{after}");
    assert_eq!(after["vacancies"], 1);

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
    assert_eq!(committee["vacancies"], 0);
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
    assert_eq!(created["roll_members"].as_array().unwrap().len(), 5, "the founding's members, 预备党员 included");
    assert_eq!(created["max_seats"], 2, "four 正式党员: a 书记 and a 副书记 at most");
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
