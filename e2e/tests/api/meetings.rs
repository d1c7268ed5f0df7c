//! Organisational life: planning with notices, leave, rotating QR check-in, quorum, record,
//! sign-off and amendments, permissions, compliance.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::{Value, json};

fn today() -> chrono::NaiveDate {
    dangjian_api::clock::Clock::system().today()
}

fn plan(api: &e2e::Api, org: i64, kind: &str, scope: Value) -> Value {
    expect(
        api.post(
            "/api/v1/meetings",
            &json!({"org_id": org, "kind": kind, "topic": "学习贯彻全会精神", "starts_at": format!("{}T09:00:00", today()), "place": "三楼会议室", "attendees": scope}),
        ),
        201,
    )
}

#[test]
fn plan_notify_attend_check_in_record_sign_amend() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = plan(&secretary, f.a1, "branch_general", json!({"scope": "branch"}));
    let id = meeting["summary"]["id"].as_i64().unwrap();
    assert_eq!(meeting["summary"]["expected"], 4, "3 正式 + 1 预备; the applicant is not a member");
    assert_eq!(meeting["quorum"], json!({"entitled": 3, "present": 0, "reached": false}));

    // The member gets an in-app notice through the outbox; SMS notices wait there for a provider.
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let notices = e2e::eventually("the in-app notice is delivered", || {
        let notices = member.get_json("/api/v1/notifications", 200);
        (notices["items"].as_array().unwrap().len() == 1).then_some(notices)
    });
    assert!(
        notices["items"][0]["title"].as_str().unwrap().contains("支部党员大会"),
        "one notice, written once: {notices}"
    );
    let queued: i64 = app
        .db
        .read_blocking(|conn| {
            use diesel::prelude::*;
            Ok(dangjian_api::db::schema::outbox::table
                .filter(dangjian_api::db::schema::outbox::channel.eq("sms"))
                .count()
                .get_result(conn)?)
        })
        .unwrap();
    assert_eq!(queued, 4);

    // Leave needs a reason and the secretary's approval.
    let zhao = app.login("dangwei_a", FIXTURE_PASSWORD); // 张建国's account; he asks for leave, then comes after all
    assert_eq!(
        expect(zhao.post(&format!("/api/v1/meetings/{id}/respond"), &json!({"response": "leave"})), 422)["code"],
        "validation"
    );
    expect(zhao.post(&format!("/api/v1/meetings/{id}/respond"), &json!({"response": "leave", "reason": "出差"})), 200);
    let decided = expect(
        secretary.post(
            &format!("/api/v1/meetings/{id}/leave-decisions"),
            &json!({"person_id": f.a1_people[0], "approve": true}),
        ),
        200,
    );
    assert_eq!(decided["attendees"][0]["response"], "leave_approved");
    // He hears of the decision in the app and by SMS.
    let told = app
        .db
        .read_blocking(|conn| {
            use dangjian_api::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            Ok(outbox
                .filter(dedup_key.like("leave_decision:%"))
                .order(channel)
                .select((channel, payload_json))
                .load::<(String, String)>(conn)?)
        })
        .unwrap();
    assert_eq!(told.len(), 2, "{told:?}");
    assert_eq!(told[0].0, "in_app");
    assert!(told[1].1.contains("已批准") && told[1].1.contains("leave_decision"), "{told:?}");
    expect(member.post(&format!("/api/v1/meetings/{id}/respond"), &json!({"response": "confirm"})), 200);

    // QR check-in: the code from the host's screen works once; old or foreign codes do not.
    let code = secretary.get_json(&format!("/api/v1/meetings/{id}/checkin-code"), 200);
    assert!(code["qr_svg"].as_str().unwrap().contains("<svg"));
    assert!(code["url"].as_str().unwrap().contains(&format!("/meetings/{id}/checkin?code=")));
    let expired = app
        .db
        .read_blocking(|conn| {
            let secret = dangjian_api::meetings::checkin::secret(conn)?;
            Ok(dangjian_api::meetings::checkin::current(&secret, id, chrono::Utc::now() - chrono::Duration::minutes(2))
                .0)
        })
        .unwrap();
    assert_eq!(
        expect(member.post(&format!("/api/v1/meetings/{id}/checkin"), &json!({"code": expired})), 422)["details"]["fields"]
            [0]["code"],
        "expired"
    );
    let checked = expect(member.post(&format!("/api/v1/meetings/{id}/checkin"), &json!({"code": code["code"]})), 200);
    assert_eq!(checked["attendees"].as_array().unwrap().len(), 1, "an attendee sees only themselves");
    assert_eq!(checked["quorum"]["present"], 1);
    assert_eq!(
        expect(member.post(&format!("/api/v1/meetings/{id}/checkin"), &json!({"code": code["code"]})), 409)["code"],
        "invalid_state",
        "replayed"
    );
    let outsider = app.login("zhibu_b1", FIXTURE_PASSWORD);
    expect(outsider.post(&format!("/api/v1/meetings/{id}/checkin"), &json!({"code": code["code"]})), 403);

    // The host marks the others; the quorum is computed live.
    let live = expect(
        secretary
            .post(&format!("/api/v1/meetings/{id}/attendance"), &json!({"person_id": f.a1_people[1], "present": true})),
        200,
    );
    assert_eq!(live["quorum"], json!({"entitled": 3, "present": 2, "reached": true}));

    // Record, sign, then only amendments.
    let version = live["version"].as_i64().unwrap();
    let recorded = expect(
        secretary.put(
            &format!("/api/v1/meetings/{id}/record"),
            &json!({"version": version, "minutes": "会议学习了全会精神。", "decisions": "通过学习计划"}),
        ),
        200,
    );
    expect(
        member.put(&format!("/api/v1/meetings/{id}/record"), &json!({"version": recorded["version"], "minutes": "x"})),
        403,
    );
    let signed =
        expect(secretary.post(&format!("/api/v1/meetings/{id}/sign"), &json!({"version": recorded["version"]})), 200);
    assert_eq!(signed["summary"]["status"], "signed");
    assert_eq!(
        expect(
            secretary
                .put(&format!("/api/v1/meetings/{id}/record"), &json!({"version": signed["version"], "minutes": "改"})),
            409
        )["code"],
        "invalid_state"
    );
    assert_eq!(
        expect(
            secretary.post(
                &format!("/api/v1/meetings/{id}/amendments"),
                &json!({"field": "minutes", "value": "更正", "reason": "", "version": signed["version"]})
            ),
            422
        )["code"],
        "validation"
    );
    let amended = expect(
        secretary.post(
            &format!("/api/v1/meetings/{id}/amendments"),
            &json!({"field": "minutes", "value": "会议学习了全会精神（更正）。", "reason": "笔误", "version": signed["version"]}),
        ),
        200,
    );
    assert_eq!(amended["amendments"][0]["before"], "会议学习了全会精神。");
    assert_eq!(amended["minutes"], "会议学习了全会精神（更正）。");
    // A correction made on a stale view does not overwrite the newer one.
    let stale = json!({"field": "minutes", "value": "旧页面上的更正", "reason": "笔误", "version": signed["version"]});
    assert_eq!(
        expect(secretary.post(&format!("/api/v1/meetings/{id}/amendments"), &stale), 409)["code"],
        "version_conflict"
    );
    assert_eq!(
        expect(secretary.get(&format!("/api/v1/meetings/{id}")), 200)["minutes"],
        "会议学习了全会精神（更正）。"
    );
    let actions: Vec<String> = app.audit_rows("meeting", id).iter().map(|e| e.action.clone()).collect();
    assert!(actions.contains(&"amend".to_string()) && actions.contains(&"sign".to_string()), "{actions:?}");

    // Per member, for the secretary: lowest attendance first; approved leave is not counted as absence.
    let per_member =
        secretary.get_json(&format!("/api/v1/meetings/member-attendance?period={}", today().format("%Y-%m")), 200);
    let rows = per_member.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["attended"], 0, "{per_member}");
    let zhang = rows.iter().find(|r| r["person_id"] == f.a1_people[0]).unwrap();
    assert_eq!((zhang["expected"].as_i64(), zhang["on_leave"].as_i64()), (Some(0), Some(1)));

    // My attendance history.
    let mine = member.get_json("/api/v1/meetings/mine", 200);
    assert_eq!((mine["attended"].as_i64(), mine["expected"].as_i64()), (Some(1), Some(1)));
}

#[test]
fn other_branches_cannot_see_minutes() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = plan(
        &secretary,
        f.a1,
        "branch_committee",
        json!({"scope": "people", "person_ids": [f.a1_people[1], f.a1_people[2]]}),
    );
    let id = meeting["summary"]["id"].as_i64().unwrap();
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/meetings/{id}")), 403);
    expect(app.login("qunzhong_a1", FIXTURE_PASSWORD).get(&format!("/api/v1/meetings/{id}")), 403);
    expect(secretary.post("/api/v1/meetings", &json!({"org_id": f.b1, "kind": "theme_day", "topic": "越权", "starts_at": "2026-11-01T09:00:00", "attendees": {"scope": "branch"}})), 403);
    assert_eq!(
        app.login("dangwei_a", FIXTURE_PASSWORD).get_json(&format!("/api/v1/meetings/{id}"), 200)["can_manage"],
        true,
        "the committee above sees it"
    );
}

#[test]
fn compliance_shows_who_is_behind() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    for kind in ["branch_general", "branch_committee", "party_group", "theme_day", "party_lecture"] {
        plan(&secretary, f.a1, kind, json!({"scope": "branch"}));
    }
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let month = today().format("%Y-%m").to_string();
    let report = committee.get_json(&format!("/api/v1/meetings/compliance?period={month}"), 200);
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["org_name"], "一所第二党支部", "the branch that held nothing comes first");
    assert!(rows[0]["missing"].as_array().unwrap().len() > rows[1]["missing"].as_array().unwrap().len());
    assert_eq!(rows[0]["attendance_rate"], Value::Null);
    let a1_missing: Vec<&str> =
        rows[1]["missing"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert!(!a1_missing.contains(&"branch_committee") && !a1_missing.contains(&"theme_day"), "{a1_missing:?}");
    expect(committee.get("/api/v1/meetings/compliance?period=2026-Q9"), 400);
    expect(
        app.login("zhibu_b1", FIXTURE_PASSWORD)
            .get(&format!("/api/v1/meetings/compliance?period={month}&org_id={}", f.a)),
        403,
    );
}

#[test]
fn the_branch_ledger_as_xlsx_and_pdf() {
    use calamine::Reader;
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = plan(&secretary, f.a1, "party_lecture", json!({"scope": "branch"}));
    let id = meeting["summary"]["id"].as_i64().unwrap();
    expect(
        secretary.put(
            &format!("/api/v1/meetings/{id}/record"),
            &json!({"version": meeting["version"], "minutes": "讲授党的光辉历程与“两个确立”。", "lecturer": "王教授"}),
        ),
        200,
    );
    let year = chrono::Datelike::year(&today());

    let xlsx = secretary.get(&format!("/api/v1/meetings/ledger?year={year}"));
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().unwrap().to_vec();
    let mut workbook: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let text: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|c| c.contains("一所第一党支部") && c.contains("支部工作台账")), "{text:?}");
    assert!(text.iter().any(|c| c == "学习贯彻全会精神"));
    assert!(text.iter().any(|c| c == "党课"));

    let pdf = secretary.get(&format!("/api/v1/meetings/ledger?year={year}&format=pdf"));
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF"));
    let dir = e2e::TempDir::new();
    let path = dir.0.join("ledger.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("一所第一党支部") && text.contains("支部工作台账"), "{text}");
    assert!(text.contains("学习贯彻全会精神"), "{text}");
    assert!(text.contains("两个确立"), "quotes in user text do not break the document: {text}");
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/meetings/ledger?org_id={}", f.a1)), 403);
}

#[test]
fn attachments_are_typed_limited_deduplicated_and_scoped() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = plan(&secretary, f.a1, "theme_day", json!({"scope": "branch"}));
    let id = meeting["summary"]["id"].as_i64().unwrap();
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), b"0000IHDR fake image"].concat();
    let first =
        expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=合影.png"), png.clone()), 201);
    assert_eq!(first["content_type"], "image/png");
    expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=合影2.png"), png.clone()), 201);
    let blobs = walk(&app.config.data_dir.join("blobs"));
    assert_eq!(blobs, 1, "the same bytes are stored once");
    let exe = expect(
        secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=病毒.png"), b"MZ\x90\x00".to_vec()),
        422,
    );
    assert_eq!(exe["details"]["fields"][0]["code"], "file_type");
    let big = [b"%PDF-".as_slice(), &vec![b'0'; 10 * 1024 * 1024]].concat();
    assert_eq!(
        expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=大.pdf"), big), 413)["code"],
        "payload_too_large"
    );
    let download = secretary.get(first["url"].as_str().unwrap());
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().unwrap().to_vec(), png);
    // A member of the branch may see them; another branch may not.
    app.login("dangyuan_a1", FIXTURE_PASSWORD).get_json(&format!("/api/v1/meetings/{id}/attachments"), 200);
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(first["url"].as_str().unwrap()), 403);
    expect(
        app.login("dangyuan_a1", FIXTURE_PASSWORD)
            .upload(&format!("/api/v1/meetings/{id}/attachments?file_name=a.png"), png),
        403,
    );
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

#[test]
fn democratic_review_collects_self_peer_and_committee_ratings() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let meeting = plan(&secretary, f.a1, "democratic_review", json!({"scope": "branch"}));
    let id = meeting["summary"]["id"].as_i64().unwrap();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    expect(member.post(&format!("/api/v1/meetings/{id}/self-assessment"), &json!({"text": ""})), 422);
    let own = expect(
        member.post(
            &format!("/api/v1/meetings/{id}/self-assessment"),
            &json!({"text": "一年来认真学习，按时交纳党费。"}),
        ),
        200,
    );
    assert_eq!(own["rows"].as_array().unwrap().len(), 1, "a member sees only their own row");
    expect(member.post(&format!("/api/v1/meetings/{id}/ratings"), &json!({"person_id": f.a1_people[2], "peer_excellent": 3, "peer_qualified": 0, "peer_basic": 0, "peer_unqualified": 0, "committee_rating": "excellent"})), 403);
    for (person, rating) in
        [(f.a1_people[2], "excellent"), (f.a1_people[0], "qualified"), (f.a1_people[1], "qualified")]
    {
        expect(secretary.post(&format!("/api/v1/meetings/{id}/ratings"), &json!({"person_id": person, "peer_excellent": 2, "peer_qualified": 1, "peer_basic": 0, "peer_unqualified": 0, "committee_rating": rating})), 200);
    }
    let report = secretary.get_json(&format!("/api/v1/meetings/{id}/ratings"), 200);
    assert_eq!(report["counts"], json!([1, 2, 0, 0, 1]), "优秀 1, 合格 2, not yet rated 1 (the 预备党员)");
    let wang = report["rows"].as_array().unwrap().iter().find(|r| r["person_id"] == f.a1_people[2]).unwrap().clone();
    assert_eq!(wang["self_assessment"], "一年来认真学习，按时交纳党费。");
    // Not a 民主评议 meeting: no ratings.
    let other = plan(&secretary, f.a1, "theme_day", json!({"scope": "branch"}));
    assert_eq!(
        expect(secretary.get(&format!("/api/v1/meetings/{}/ratings", other["summary"]["id"])), 200)["counts"],
        json!([0, 0, 0, 0, 4])
    );
    expect(secretary.post(&format!("/api/v1/meetings/{}/ratings", other["summary"]["id"]), &json!({"person_id": f.a1_people[2], "peer_excellent": 0, "peer_qualified": 0, "peer_basic": 0, "peer_unqualified": 0, "committee_rating": "qualified"})), 409);
}

#[test]
fn a_yearly_meeting_held_earlier_in_the_year_counts_for_later_quarters() {
    let (app, f) = spawn_with_fixture();
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let year = chrono::Datelike::year(&today());
    expect(
        secretary.post(
            "/api/v1/meetings",
            &json!({"org_id": f.a1, "kind": "org_life", "topic": "年度组织生活会", "starts_at": format!("{year}-01-15T09:00:00"), "attendees": {"scope": "branch"}}),
        ),
        201,
    );
    let quarter = (chrono::Datelike::month0(&today()) / 3) + 1;
    let report = secretary.get_json(&format!("/api/v1/meetings/compliance?period={year}-Q{quarter}"), 200);
    let missing: Vec<&str> =
        report["rows"][0]["missing"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert!(!missing.contains(&"org_life"), "{missing:?}");
    assert!(missing.contains(&"democratic_review"), "{missing:?}");
}
