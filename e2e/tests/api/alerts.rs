//! Analysis alerts: each rule appears when its condition holds, is listed within the caller's
//! scope with counts per rule, and resolves by itself when the condition clears; every rule is
//! seen appearing and resolving.

use chrono::NaiveDate;
use dangjian_api::db::schema::{orgs, people, role_assignments};
use dangjian_api::jobs::Background;
use diesel::prelude::*;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture_at};
use e2e::{TestApp, expect};
use serde_json::Value;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn evaluate_on(app: &TestApp, day: NaiveDate) {
    app.clock.set(day.and_hms_opt(0, 0, 0).unwrap().and_utc());
    dangjian_api::alerts::run(&Background::new().env(&app.db, &app.config, &app.clock)).unwrap();
}

fn open_count(report: &Value, rule: &str) -> i64 {
    report["rules"].as_array().unwrap().iter().find(|r| r["rule"] == rule).unwrap()["open"].as_i64().unwrap()
}

fn write(app: &TestApp, f: impl FnOnce(&mut dangjian_api::db::DbConnection) -> QueryResult<usize>) {
    app.db.write_blocking(|conn| Ok(f(conn)?)).unwrap();
}

#[test]
fn alerts_appear_within_scope_and_resolve_when_the_condition_clears() {
    let (app, f) = spawn_with_fixture_at(d("2027-02-10"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let before = admin.get_json("/api/v1/alerts", 200);
    assert!(before["evaluated_on"].is_null());
    assert!(before["items"].as_array().unwrap().is_empty());

    evaluate_on(&app, d("2027-02-10"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(report["evaluated_on"], "2027-02-10");
    // a2 and b1 have 2 正式党员 each; a1 has 3.
    assert_eq!(open_count(&report, "too_few_formal"), 2, "{report}");
    // No branch has a 书记 on record in the fixture; none has held a meeting.
    assert_eq!(open_count(&report, "secretary_vacant"), 3);
    assert_eq!(open_count(&report, "meetings_missing"), 3);
    assert_eq!(open_count(&report, "probation_ended"), 0, "赵丽's probation ends 2027-06-01");
    assert_eq!(open_count(&report, "annual_review_missing"), 0, "not flagged before the fourth quarter");
    let dues = report["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "dues_arrears_6").unwrap();
    assert_eq!(dues["evaluated"], true, "the dues rules are evaluated");
    let lost = report["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "lost_contact").unwrap();
    assert_eq!(lost["evaluated"], true);

    let few = admin.get_json("/api/v1/alerts?rule=too_few_formal", 200);
    let items = few["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().any(|i| i["org_id"] == f.a2 && i["detail"] == "正式党员 2 人，党员（含预备党员）2 人"));
    assert_eq!(items[0]["first_seen_on"], "2027-02-10");
    assert_eq!(items[0]["severity"], "warning");

    // The 党委 of 一所 sees its own subtree only; a branch and a member see no alerts.
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let own = committee.get_json("/api/v1/alerts?rule=too_few_formal", 200);
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["org_id"], f.a2);
    assert_eq!(open_count(&own, "too_few_formal"), 1);
    expect(committee.get(&format!("/api/v1/alerts?org_id={}", f.b)), 403);
    expect(app.login("zhibu_a1", FIXTURE_PASSWORD).get("/api/v1/alerts"), 403);
    expect(app.login("dangyuan_a1", FIXTURE_PASSWORD).get("/api/v1/alerts"), 403);
    expect(admin.get("/api/v1/alerts?rule=no_such_rule"), 400);

    // The conditions clear: a1's secretary is recorded, a2 gains a 正式党员.
    write(&app, |conn| {
        diesel::update(
            role_assignments::table
                .filter(role_assignments::org_id.eq(f.a1))
                .filter(role_assignments::kind.eq("branch")),
        )
        .set(role_assignments::title.eq(Some("书记")))
        .execute(conn)
    });
    write(&app, |conn| diesel::update(people::table.find(f.a1_people[0])).set(people::org_id.eq(f.a2)).execute(conn));
    evaluate_on(&app, d("2027-02-11"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(open_count(&report, "secretary_vacant"), 2);
    assert_eq!(open_count(&report, "too_few_formal"), 2, "a2 is fixed but a1 now has 2 正式党员");
    let history = admin.get_json("/api/v1/alerts?rule=too_few_formal&include_resolved=true", 200);
    let a2 = history["items"].as_array().unwrap().iter().find(|i| i["org_id"] == f.a2).unwrap().clone();
    assert_eq!(a2["resolved_on"], "2027-02-11");
    let a1 = history["items"].as_array().unwrap().iter().find(|i| i["org_id"] == f.a1).unwrap().clone();
    assert_eq!(a1["first_seen_on"], "2027-02-11");
    assert!(a1["resolved_on"].is_null());

    // Probation ends without a decision; a committee term runs out; both clear when acted on.
    write(&app, |conn| {
        diesel::update(orgs::table.find(f.b1))
            .set((orgs::term_started_on.eq(Some(d("2024-06-01"))), orgs::term_years.eq(Some(3))))
            .execute(conn)
    });
    evaluate_on(&app, d("2027-06-02"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(open_count(&report, "probation_ended"), 1);
    assert_eq!(open_count(&report, "term_expired"), 1);
    let person = admin.get_json("/api/v1/alerts?rule=probation_ended", 200);
    assert_eq!(person["items"][0]["person_name"], "赵丽");
    assert_eq!(person["items"][0]["link"], format!("/members/{}", f.a1_people[3]));
    write(&app, |conn| {
        diesel::update(people::table.find(f.a1_people[3])).set(people::membership_status.eq("formal")).execute(conn)
    });
    write(&app, |conn| {
        diesel::update(orgs::table.find(f.b1)).set(orgs::term_started_on.eq(Some(d("2027-05-20")))).execute(conn)
    });
    evaluate_on(&app, d("2027-06-03"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(open_count(&report, "probation_ended"), 0);
    assert_eq!(open_count(&report, "term_expired"), 0);

    // In the fourth quarter a branch without its 组织生活会 / 民主评议 is flagged.
    evaluate_on(&app, d("2027-10-08"));
    assert_eq!(open_count(&admin.get_json("/api/v1/alerts", 200), "annual_review_missing"), 3);
}

fn held(app: &TestApp, org: i64, kind: &str, on: &str) {
    let day = d(on);
    write(app, |conn| {
        use dangjian_api::db::schema::meetings;
        let now = dangjian_api::clock::wall_now();
        diesel::insert_into(meetings::table)
            .values((
                meetings::org_id.eq(org),
                meetings::kind.eq(kind),
                meetings::topic.eq("学习"),
                meetings::starts_at.eq(day.and_hms_opt(9, 0, 0).unwrap()),
                meetings::held_on.eq(day),
                meetings::status.eq("signed"),
                meetings::version.eq(1),
                meetings::created_at.eq(now),
                meetings::updated_at.eq(now),
            ))
            .execute(conn)
    });
}

#[test]
fn size_committee_development_and_meeting_rules_appear_and_resolve() {
    let (app, f) = spawn_with_fixture_at(d("2027-11-10"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    // b1 grows to 51 members, 7 正式 among them; its committee is not on record.
    let extra: Vec<i64> = app
        .db
        .write_blocking(|conn| {
            use shared::MembershipStatus::{Formal, Probationary};
            let mut ids = Vec::new();
            for n in 0..49u32 {
                let status = if n < 5 { Formal } else { Probationary };
                ids.push(e2e::fixture::person(conn, f.b1, 100 + n, &format!("新党员{n}"), status)?);
            }
            Ok(ids)
        })
        .unwrap();
    write(&app, |conn| {
        diesel::update(orgs::table.find(f.b1)).set(orgs::term_started_on.eq(None::<NaiveDate>)).execute(conn)
    });
    // A development case of a1 is past its step's deadline.
    let case = app
        .db
        .write_blocking(|conn| {
            use dangjian_api::db::schema::workflow_instances as wi;
            let now = dangjian_api::clock::wall_now();
            Ok(diesel::insert_into(wi::table)
                .values((
                    wi::process.eq("development"),
                    wi::subject_person_id.eq(f.applicant_person),
                    wi::org_id.eq(f.a1),
                    wi::step.eq(2),
                    wi::status.eq("active"),
                    wi::due_on.eq(Some(d("2027-11-01"))),
                    wi::data_json.eq("{}"),
                    wi::version.eq(1),
                    wi::created_at.eq(now),
                    wi::updated_at.eq(now),
                ))
                .returning(wi::id)
                .get_result::<i64>(conn)?)
        })
        .unwrap();
    evaluate_on(&app, d("2027-11-10"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(open_count(&report, "too_many_members"), 1, "{report}");
    assert_eq!(open_count(&report, "committee_missing"), 1);
    assert_eq!(open_count(&report, "development_overdue"), 1);
    assert_eq!(open_count(&report, "meetings_missing"), 3);
    assert_eq!(open_count(&report, "annual_review_missing"), 3);
    let case_alert = admin.get_json("/api/v1/alerts?rule=development_overdue", 200);
    assert_eq!(case_alert["items"][0]["person_name"], "陈小明");
    assert!(case_alert["items"][0]["detail"].as_str().unwrap().contains("已逾期 9 天"));

    // Each condition clears: members leave, the committee is elected, the step is done,
    // a1 holds every required meeting of October and of the third quarter, and its
    // 组织生活会 and 民主评议.
    write(&app, |conn| {
        diesel::update(people::table.filter(people::id.eq_any(&extra[40..])))
            .set(people::left_on.eq(Some(d("2027-11-01"))))
            .execute(conn)
    });
    app.db
        .write_blocking(|conn| {
            for (person, post) in
                [(f.b1_people[0], "secretary"), (f.b1_people[1], "organization"), (extra[0], "propaganda")]
            {
                dangjian_api::committees::repo::insert(
                    conn,
                    &dangjian_api::committees::models::NewCommitteeMember {
                        org_id: f.b1,
                        person_id: person,
                        post,
                        came_in: "reelection",
                        since: d("2027-11-05"),
                        election_id: None,
                        role_assignment_id: None,
                        created_at: dangjian_api::clock::wall_now(),
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    write(&app, |conn| {
        use dangjian_api::db::schema::workflow_instances as wi;
        diesel::update(wi::table.find(case)).set(wi::due_on.eq(Some(d("2027-12-31")))).execute(conn)
    });
    for kind in ["branch_committee", "party_group", "theme_day"] {
        held(&app, f.a1, kind, "2027-10-15");
    }
    for kind in ["branch_general", "party_lecture"] {
        held(&app, f.a1, kind, "2027-08-20");
    }
    held(&app, f.a1, "org_life", "2027-11-05");
    held(&app, f.a1, "democratic_review", "2027-11-05");
    evaluate_on(&app, d("2027-11-11"));
    let report = admin.get_json("/api/v1/alerts", 200);
    assert_eq!(open_count(&report, "too_many_members"), 0, "{report}");
    assert_eq!(open_count(&report, "committee_missing"), 0);
    assert_eq!(open_count(&report, "development_overdue"), 0);
    assert_eq!(open_count(&report, "meetings_missing"), 2, "a1 is no longer missing any");
    assert_eq!(open_count(&report, "annual_review_missing"), 2);
    let resolved = admin.get_json("/api/v1/alerts?rule=meetings_missing&include_resolved=true", 200);
    let a1 = resolved["items"].as_array().unwrap().iter().find(|i| i["org_id"] == f.a1).unwrap().clone();
    assert_eq!(a1["resolved_on"], "2027-11-11");
}
