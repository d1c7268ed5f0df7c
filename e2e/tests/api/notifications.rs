//! The notification centre, scheduled reminders (pinned clock: each fires once, on its day)
//! and the SMS policy applied when texts are queued.

use chrono::{Duration, NaiveDate};
use dangjian_api::db::schema::{orgs, outbox, workflow_instances};
use dangjian_api::jobs::{Background, Env};
use diesel::prelude::*;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture, spawn_with_fixture_at};
use e2e::{TestApp, eventually, expect};
use serde_json::{Value, json};

fn env(app: &TestApp) -> Env {
    Background::new().env(&app.db, &app.config, &app.clock)
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Queued messages whose de-duplication key starts with `prefix`: (channel, key, payload).
fn queued(app: &TestApp, prefix: &str) -> Vec<(String, String, Value)> {
    let prefix = format!("{prefix}%");
    app.db
        .read_blocking(move |conn| {
            Ok(outbox::table
                .filter(outbox::dedup_key.like(prefix))
                .order(outbox::id)
                .select((outbox::channel, outbox::dedup_key.assume_not_null(), outbox::payload_json))
                .load::<(String, String, String)>(conn)?)
        })
        .unwrap()
        .into_iter()
        .map(|(channel, key, payload)| (channel, key, serde_json::from_str(&payload).unwrap()))
        .collect()
}

fn run_reminders_on(app: &TestApp, day: NaiveDate) {
    app.clock.set((day.and_hms_opt(0, 0, 0).unwrap()).and_utc());
    dangjian_api::notify::reminders::run(&env(app)).unwrap();
}

#[test]
fn the_centre_pages_counts_unread_and_marks_read() {
    let (app, _f) = spawn_with_fixture();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let me = member.get_json("/api/v1/me", 200)["user_id"].as_i64().unwrap();
    let other = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let other_id = other.get_json("/api/v1/me", 200)["user_id"].as_i64().unwrap();
    let (mine, theirs) = app
        .db
        .write_blocking(|conn| {
            for n in 1..=3 {
                dangjian_api::notify::notify_user(conn, me, &format!("通知 {n}"), "正文", Some("/meetings/1"))?;
            }
            dangjian_api::notify::notify_user(conn, other_id, "别人的通知", "正文", None)?;
            use dangjian_api::db::schema::notifications::dsl::*;
            let mine: Vec<i64> = notifications.filter(user_id.eq(me)).order(id.desc()).select(id).load(conn)?;
            let theirs: i64 = notifications.filter(user_id.eq(other_id)).select(id).first(conn)?;
            Ok((mine, theirs))
        })
        .unwrap();
    let first = member.get_json("/api/v1/notifications?limit=2", 200);
    assert_eq!(first["unread_count"], 3);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["items"][0]["title"], "通知 3", "newest first");
    assert_eq!(first["items"][0]["link"], "/meetings/1");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = member.get_json(&format!("/api/v1/notifications?limit=2&cursor={cursor}"), 200);
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_cursor"].is_null());

    // Someone else's id is ignored; one of mine is marked.
    let after = expect(member.post("/api/v1/notifications/read", &json!({"ids": [mine[0], theirs]})), 200);
    assert_eq!(after["unread_count"], 2);
    assert_eq!(other.get_json("/api/v1/notifications", 200)["unread_count"], 1);
    let unread = member.get_json("/api/v1/notifications?unread_only=true", 200);
    assert_eq!(unread["items"].as_array().unwrap().len(), 2);
    assert_eq!(member.get_json("/api/v1/notifications", 200)["items"][0]["read"], true);

    let nothing = expect(member.post("/api/v1/notifications/read", &json!({})), 400);
    assert_eq!(e2e::error_fields(&nothing), vec!["ids"]);
    expect(member.post("/api/v1/notifications/read", &json!({"ids": ["x"]})), 400);
    assert_eq!(expect(member.post("/api/v1/notifications/read", &json!({"all": true})), 200)["unread_count"], 0);
    expect(app.anonymous().get("/api/v1/notifications"), 401);
}

/// Gives a1 a committee term ending on `end` (3 years).
fn set_term(app: &TestApp, org: i64, end: NaiveDate) {
    let start = end.checked_sub_months(chrono::Months::new(36)).unwrap();
    app.db
        .write_blocking(|conn| {
            diesel::update(orgs::table.find(org))
                .set((orgs::term_started_on.eq(Some(start)), orgs::term_years.eq(Some(3))))
                .execute(conn)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn term_reminders_fire_once_at_six_three_one_months_and_monthly_when_overdue() {
    let (app, f) = spawn_with_fixture_at(d("2027-02-27"));
    // Only a1 has a term (the fixture's other orgs have none here).
    app.db
        .write_blocking(|conn| {
            Ok(diesel::update(orgs::table).set(orgs::term_started_on.eq(None::<NaiveDate>)).execute(conn)?)
        })
        .unwrap();
    set_term(&app, f.a1, d("2027-09-01"));
    run_reminders_on(&app, d("2027-02-28"));
    assert!(queued(&app, "term_").is_empty(), "more than six months before the end: nothing");

    run_reminders_on(&app, d("2027-03-01"));
    let first = queued(&app, "term_expiring");
    // The branch officer (zhibu_a1) in-app and by SMS; the 党委 above (dangwei_a) and the
    // 政工部门 (admin) in-app.
    let channels: Vec<&str> = first.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(channels.iter().filter(|c| **c == "in_app").count(), 3, "{first:?}");
    assert_eq!(channels.iter().filter(|c| **c == "sms").count(), 1, "{first:?}");
    let sms = &first.iter().find(|(c, _, _)| c == "sms").unwrap().2;
    assert_eq!(sms["template"], "term_expiring");
    let values: Vec<(String, String)> =
        sms["values"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    let text = shared::sms::render("term_expiring", &values).unwrap();
    assert_eq!(text, "一所第一党支部的任期将于2027年09月01日届满，请及时做好按期换届选举工作。");

    // The same day again, and the next day: nothing new.
    run_reminders_on(&app, d("2027-03-01"));
    run_reminders_on(&app, d("2027-03-02"));
    assert_eq!(queued(&app, "term_").len(), 4);
    // Three months, one month, the end day and a month after it: four more rounds of four
    // (five in all, so five notices for the secretary).
    for (day, total) in [
        ("2027-06-01", 8),
        ("2027-06-02", 8),
        ("2027-08-01", 12),
        ("2027-09-01", 16),
        ("2027-09-30", 16),
        ("2027-10-01", 20),
    ] {
        run_reminders_on(&app, d(day));
        assert_eq!(queued(&app, "term_").len(), total, "{day}");
    }
    assert_eq!(queued(&app, "term_overdue").len(), 8);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let notices = eventually("the in-app reminders are delivered", || {
        let page = secretary.get_json("/api/v1/notifications", 200);
        (page["unread_count"].as_i64() == Some(5)).then_some(page)
    });
    assert!(notices["items"][0]["title"].as_str().unwrap().starts_with("换届逾期"), "{notices}");
    assert_eq!(notices["items"][0]["link"], format!("/orgs/{}/committee", f.a1));
}

#[test]
fn meeting_reminders_go_the_day_before_to_those_not_excused() {
    let (app, f) = spawn_with_fixture_at(d("2027-04-01"));
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = expect(
        secretary.post(
            "/api/v1/meetings",
            &json!({"org_id": f.a1, "kind": "branch_general", "topic": "学习二十大精神思想汇报会", "starts_at": "2027-04-05T14:30:00", "place": "三楼会议室", "attendees": {"scope": "branch"}}),
        ),
        201,
    );
    let id = meeting["summary"]["id"].as_i64().unwrap();
    run_reminders_on(&app, d("2027-04-03"));
    assert!(queued(&app, "meeting_reminder").is_empty());
    run_reminders_on(&app, d("2027-04-04"));
    run_reminders_on(&app, d("2027-04-04"));
    let sent = queued(&app, &format!("meeting_reminder:{id}:"));
    let sms: Vec<&Value> = sent.iter().filter(|(c, _, _)| c == "sms").map(|(_, _, p)| p).collect();
    assert_eq!(sms.len(), 4, "3 正式 + 1 预备, once each: {sent:?}");
    assert_eq!(sms[0]["values"], json!({"topic": "学习二十大精神思想汇报会", "time": "04月05日 14:30"}));
    // The three invited with a login also get it in the app.
    assert_eq!(sent.iter().filter(|(c, _, _)| c == "in_app").count(), 3);
    run_reminders_on(&app, d("2027-04-05"));
    assert_eq!(queued(&app, "meeting_reminder").len(), 7, "nothing on the meeting day itself");
}

#[test]
fn development_deadlines_are_announced_a_week_ahead_and_on_the_day() {
    let (app, f) = spawn_with_fixture_at(d("2027-05-01"));
    let due = d("2027-05-20");
    let case = app
        .db
        .write_blocking(|conn| {
            let now = dangjian_api::clock::wall_now();
            Ok(diesel::insert_into(workflow_instances::table)
                .values((
                    workflow_instances::process.eq("development"),
                    workflow_instances::subject_person_id.eq(f.applicant_person),
                    workflow_instances::org_id.eq(f.a1),
                    workflow_instances::step.eq(2),
                    workflow_instances::status.eq("active"),
                    workflow_instances::due_on.eq(Some(due)),
                    workflow_instances::data_json.eq("{}"),
                    workflow_instances::version.eq(1),
                    workflow_instances::created_at.eq(now),
                    workflow_instances::updated_at.eq(now),
                ))
                .returning(workflow_instances::id)
                .get_result::<i64>(conn)?)
        })
        .unwrap();
    run_reminders_on(&app, d("2027-05-12"));
    assert!(queued(&app, "development_").is_empty());
    run_reminders_on(&app, d("2027-05-13"));
    run_reminders_on(&app, d("2027-05-13"));
    let soon = queued(&app, "development_");
    assert_eq!(soon.len(), 2, "one in-app notice about the case, one SMS for the branch: {soon:?}");
    let in_app = soon.iter().find(|(c, _, _)| c == "in_app").unwrap();
    assert_eq!(in_app.2["link"], format!("/development/cases/{case}"));
    assert!(in_app.2["body"].as_str().unwrap().contains("陈小明"));
    let sms = soon.iter().find(|(c, _, _)| c == "sms").unwrap();
    assert_eq!(sms.2["values"], json!({"org": "一所第一党支部", "count": "1", "date": "05月20日"}));
    run_reminders_on(&app, d("2027-05-20"));
    assert_eq!(queued(&app, "development_").len(), 4, "again on the day it is due");
}

#[test]
fn texts_wait_out_quiet_hours_and_opted_out_optional_texts_are_skipped() {
    let (app, f) = spawn_with_fixture();
    let person = f.dangyuan_person;
    let released = app
        .db
        .write_blocking(|conn| {
            use dangjian_api::notify::send::{Policy, sms_once};
            use shared::api::notify::NotifyPolicy;
            // Quiet hours from this hour for two hours: it is quiet now.
            let hour = dangjian_api::clock::Clock::system().china_hour();
            let policy = Policy(NotifyPolicy {
                quiet_from_hour: hour,
                quiet_until_hour: (hour + 2) % 24,
                ..NotifyPolicy::default()
            });
            sms_once(
                conn,
                &policy,
                "t:urgent",
                person,
                "meeting_reminder",
                &[("topic", "会".into()), ("time", "明天".into())],
            )?;
            sms_once(conn, &policy, "t:quiet", person, "dues_reminder", &[("month", "2027年5月".into())])?;
            diesel::insert_into(dangjian_api::db::schema::notification_opt_outs::table)
                .values((
                    dangjian_api::db::schema::notification_opt_outs::person_id.eq(person),
                    dangjian_api::db::schema::notification_opt_outs::template.eq("leave_decision"),
                    dangjian_api::db::schema::notification_opt_outs::channel.eq("sms"),
                ))
                .execute(conn)?;
            let skipped = sms_once(
                conn,
                &policy,
                "t:optout",
                person,
                "leave_decision",
                &[("topic", "会".into()), ("decision", "已批准".into())],
            )?;
            assert!(!skipped, "an optional text the member opted out of is not queued");
            Ok(outbox::table
                .filter(outbox::dedup_key.like("t:%"))
                .order(outbox::id)
                .select((outbox::created_at, outbox::next_attempt_at.assume_not_null()))
                .load::<(chrono::NaiveDateTime, chrono::NaiveDateTime)>(conn)?)
        })
        .unwrap();
    assert_eq!(released.len(), 2);
    assert!(released[0].1 <= released[0].0 + Duration::seconds(1), "urgent: at once");
    assert!(released[1].1 > released[1].0 + Duration::minutes(30), "non-urgent: after the quiet hours {released:?}");
}

#[test]
fn the_dues_reminder_hook_reminds_each_unpaid_member_once_a_month() {
    let (app, f) = spawn_with_fixture();
    let unpaid = [f.dangyuan_person, f.a1_people[3]];
    let run = |month: &str| {
        app.db
            .write_blocking(|conn| dangjian_api::notify::reminders::dues::remind_unpaid(conn, d(month), &unpaid))
            .unwrap()
    };
    // 王志强 has a login (app and SMS), 赵丽 has none (SMS only).
    assert_eq!(run("2026-11-01"), 3);
    assert_eq!(run("2026-11-01"), 0, "the same month again: nothing");
    assert_eq!(run("2026-12-01"), 3);
    let sms = queued(&app, "dues_reminder:2026-11").into_iter().find(|(c, _, _)| c == "sms").unwrap();
    assert_eq!(sms.2["values"], json!({"month": "2026年11月"}));
}
