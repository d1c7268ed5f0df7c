//! HR master-data sync: file import and HTTP pull, preview, apply, idempotency, batches,
//! permissions, schedule.

use e2e::fake_hr::{FakeHr, Reply};
use e2e::fixture::{FIXTURE_PASSWORD, id_card, person, spawn_with_fixture};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};
use shared::MembershipStatus;

fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, value).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn row(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn bad_checksum(card: &str) -> String {
    format!("{}{}", &card[..17], if card.ends_with('1') { '2' } else { '1' })
}

/// The mixed roster of the import tests (line numbers in comments).
fn roster() -> Vec<Vec<String>> {
    vec![
        row(&["工号", "姓名 ", "身份证号码", "手机号码", "部门", "所在党组织", "出生日期", "备注"]),
        row(&["T00001", "张建国", &id_card(1, true), "13812345678", "综合处", "一所第一党支部", "", "改了手机和部门"]), // 2 changed
        row(&["T00002", "李秀英", &id_card(2, false), "13900010002", "", "一所第一党支部", "", ""]), // 3 unchanged
        row(&["", "", "", "", "", "", "", ""]),                                                      // 4 blank
        row(&["N0001", "新员工", &id_card(100, true), "13700000001", "研究室", "一所第二党支部", "", ""]), // 5 new
        row(&["N0002", "坏号码", &bad_checksum(&id_card(101, true)), "", "", "一所第一党支部", "", ""]), // 6 invalid
        row(&["N0003", "无组织", &id_card(102, true), "", "", "不存在的支部", "", ""]),              // 7 invalid
        row(&["N0001", "重复工号", &id_card(103, true), "", "", "一所第一党支部", "", ""]),          // 8 invalid
        row(&["N0004", "日期错", &id_card(104, true), "", "", "一所第一党支部", "1980-02-30", ""]),  // 9 invalid
        row(&["N0005", "坏手机", &id_card(105, true), "12345", "", "一所第一党支部", "", ""]),       // 10 invalid
        row(&["T00003", "王志强", &id_card(3, true), "", "", "一所第二党支部", "", ""]),             // 11 conflict
    ]
}

fn import(api: &Api, file_name: &str, bytes: Vec<u8>, org: i64) -> Value {
    let started = expect(api.upload(&format!("/api/v1/hr/imports?file_name={file_name}&org_id={org}"), bytes), 202);
    api.wait_for_job(started["id"].as_i64().unwrap())
}

fn rows_of(api: &Api, job: &Value, kind: &str) -> Vec<Value> {
    api.get_json(&format!("/api/v1/hr/jobs/{}/rows?kind={kind}&limit=200", job["id"]), 200)["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn apply(api: &Api, job: &Value) -> Value {
    expect(api.post(&format!("/api/v1/hr/jobs/{}/apply", job["id"]), &json!({})), 202);
    api.wait_for_job(job["id"].as_i64().unwrap())
}

#[test]
fn xlsx_import_previews_applies_and_is_idempotent() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let job = import(&admin, "名单.xlsx", xlsx(&roster()), f.root);
    assert_eq!(job["status"], "preview_ready", "{job}");
    assert_eq!(
        job["counts"],
        json!({"new": 1, "changed": 1, "unchanged": 1, "left_unit": 0, "conflict": 1, "invalid": 5})
    );

    let invalid = rows_of(&admin, &job, "invalid");
    let lines: Vec<i64> = invalid.iter().map(|r| r["row_number"].as_i64().unwrap()).collect();
    assert_eq!(lines, vec![6, 7, 8, 9, 10]);
    let reasons: Vec<String> = invalid.iter().map(|r| r["problems"][0].as_str().unwrap().to_string()).collect();
    assert!(reasons[0].contains("校验位"), "{reasons:?}");
    assert!(reasons[1].contains("未知的党组织"), "{reasons:?}");
    assert!(reasons[2].contains("重复"), "{reasons:?}");
    assert!(reasons[3].contains("出生日期"), "{reasons:?}");
    assert!(reasons[4].contains("手机号"), "{reasons:?}");
    let changed = rows_of(&admin, &job, "changed");
    let fields: Vec<&str> =
        changed[0]["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["phone", "department"]);
    assert!(rows_of(&admin, &job, "conflict")[0]["problems"][0].as_str().unwrap().contains("党组织"));

    // A preview writes nothing.
    assert_eq!(admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200)["phone"], "13900010001");

    let applied = apply(&admin, &job);
    assert_eq!(applied["status"], "applied", "{applied}");
    let zhang = admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200);
    assert_eq!((zhang["phone"].as_str(), zhang["department"].as_str()), (Some("13812345678"), Some("综合处")));
    let wang = admin.get_json(&format!("/api/v1/members/{}", f.a1_people[2]), 200);
    assert_eq!(wang["org_id"], f.a1, "party-owned org relationship is never overwritten");
    let new = admin.get_json("/api/v1/members?q=N0001", 200);
    assert_eq!(new["total"], 1);
    assert_eq!(new["items"][0]["membership_status"], "masses");
    assert_eq!(new["items"][0]["org_id"], f.a2);
    assert_eq!(app.audit_rows("person", f.a1_people[0])[0].action, "hr_sync_update");

    // The same file again changes nothing.
    let version = zhang["version"].clone();
    let again = import(&admin, "名单.xlsx", xlsx(&roster()), f.root);
    assert_eq!(
        again["counts"],
        json!({"new": 0, "changed": 0, "unchanged": 3, "left_unit": 0, "conflict": 1, "invalid": 5})
    );
    apply(&admin, &again);
    assert_eq!(admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200)["version"], version);
    assert_eq!(admin.get_json("/api/v1/members?q=N0001", 200)["total"], 1);

    // History and the downloadable change set.
    let history = admin.get_json("/api/v1/hr/jobs", 200);
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
    assert_eq!(history["items"][1]["applied_by"], "admin");
    let download = admin.get(&format!("/api/v1/hr/jobs/{}/changes.xlsx", job["id"]));
    assert_eq!(download.status(), 200);
    assert!(download.bytes().unwrap().starts_with(b"PK"), "an XLSX (zip) file");
    let template = admin.get("/api/v1/hr/template.xlsx");
    assert_eq!(template.status(), 200);
}

#[test]
fn gbk_csv_as_excel_writes_it() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let text = format!(
        "工号,姓名,身份证号码,手机号,所在党组织,多余列\r\nT00001,张建国,{},13811112222,一所第一党支部,x\r\n\r\n",
        id_card(1, true)
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let job = import(&admin, "名单.csv", gbk.into_owned(), f.a);
    assert_eq!(job["counts"]["changed"], 1, "{job}");
    assert_eq!(rows_of(&admin, &job, "changed")[0]["name"], "张建国");
    // Refused at upload now (422), before a job exists.
    let unreadable =
        expect(admin.upload(&format!("/api/v1/hr/imports?file_name=名单.pdf&org_id={}", f.a), b"%PDF".to_vec()), 422);
    assert!(unreadable["message"].as_str().unwrap().contains(".xlsx"), "{unreadable}");
}

#[test]
fn a_failing_batch_is_rolled_back_whole() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let rows = vec![
        row(&["工号", "姓名", "身份证号码", "手机号", "所在党组织"]),
        row(&["T00001", "张建国", &id_card(1, true), "13822223333", "一所第一党支部"]),
        row(&["N1", "甲", &id_card(200, true), "", "一所第一党支部"]),
        row(&["N2", "乙", &id_card(201, true), "", "一所第一党支部"]),
    ];
    let job = import(&admin, "a.xlsx", xlsx(&rows), f.root);
    assert_eq!(job["counts"]["new"], 2);
    // Someone registers 乙 by hand between preview and apply.
    app.db.write_blocking(|conn| person(conn, f.a2, 201, "乙", MembershipStatus::Masses)).unwrap();
    let failed = apply(&admin, &job);
    assert_eq!(failed["status"], "failed");
    assert!(failed["error_message"].as_str().unwrap().contains("第 1 批"), "{failed}");
    assert_eq!(
        admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200)["phone"],
        "13900010001",
        "rolled back"
    );
    assert_eq!(admin.get_json("/api/v1/members?q=N1", 200)["total"], 0, "rolled back");
}

#[test]
fn only_admins_of_the_scope_may_sync() {
    let (app, f) = spawn_with_fixture();
    let bytes = xlsx(&roster());
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    assert_eq!(
        expect(secretary.upload(&format!("/api/v1/hr/imports?file_name=a.xlsx&org_id={}", f.a1), bytes.clone()), 403)["code"],
        "forbidden"
    );
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    assert_eq!(
        expect(committee.upload(&format!("/api/v1/hr/imports?file_name=a.xlsx&org_id={}", f.b), bytes.clone()), 403)["code"],
        "out_of_scope"
    );
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let job = import(&admin, "a.xlsx", bytes.clone(), f.root);
    expect(committee.get(&format!("/api/v1/hr/jobs/{}", job["id"])), 403);
    expect(committee.post(&format!("/api/v1/hr/jobs/{}/apply", job["id"]), &json!({})), 403);
    assert_eq!(committee.get_json("/api/v1/hr/jobs", 200)["items"].as_array().unwrap().len(), 0);
    let own = import(&committee, "a.xlsx", bytes, f.a);
    assert_eq!(own["status"], "preview_ready");
    // Discarding writes nothing and ends the job; it cannot be applied afterwards.
    assert_eq!(
        expect(committee.post(&format!("/api/v1/hr/jobs/{}/discard", own["id"]), &json!({})), 200)["status"],
        "discarded"
    );
    assert_eq!(
        expect(committee.post(&format!("/api/v1/hr/jobs/{}/apply", own["id"]), &json!({})), 409)["code"],
        "invalid_state"
    );
    let too_big = vec![b'x'; 21 * 1024 * 1024];
    assert_eq!(
        expect(admin.upload(&format!("/api/v1/hr/imports?file_name=a.csv&org_id={}", f.root), too_big), 413)["code"],
        "payload_too_large"
    );
}

fn hr_person(emp: &str, name: &str, card: &str, mobile: &str, org: &str) -> Value {
    json!({"empNo": emp, "fullName": name, "idNo": card, "contact": {"mobile": mobile}, "partyOrg": org})
}

fn connector(api: &Api, url: &str, scope: i64, schedule_hour: Option<i32>) -> Value {
    let body = json!({
        "name": "人事主数据", "base_url": url, "auth_header_name": "Authorization", "auth_header_value": "Bearer secret-token",
        "paging_style": "page_number", "page_size": 2, "items_pointer": "/data/items", "next_cursor_pointer": null,
        "field_mapping": {"employee_number": "empNo", "name": "fullName", "id_card_number": "idNo", "phone": "/contact/mobile", "org_name": "partyOrg"},
        "schedule_hour": schedule_hour, "scope_org_id": scope
    });
    let created = expect(api.post("/api/v1/hr/connectors", &body), 201);
    assert_eq!(created["has_auth_value"], true);
    assert!(created.get("auth_header_value").is_none(), "the secret is never returned");
    created
}

#[test]
fn pull_from_a_flaky_paged_hr_server() {
    let app = TestApp::spawn_with(|c| c.hr_request_timeout_seconds = 1);
    let f = e2e::Fixture::load(&app);
    let pages = [
        vec![
            hr_person("T00001", "张建国", &id_card(1, true), "13866667777", "一所第一党支部"),
            hr_person("T00002", "李秀英", &id_card(2, false), "13900010002", "一所第一党支部"),
        ],
        vec![
            hr_person("T00003", "王志强", &id_card(3, true), "13900010003", ""),
            json!({"empNo": "T09999", "fullName": "缺证件"}),
        ],
        vec![
            hr_person("T00011", "刘洋", &id_card(11, true), "13900010011", "一所第二党支部"),
            hr_person("N7", "新来的", &id_card(300, false), "13700000007", "一所第二党支部"),
        ],
    ];
    let server = FakeHr::start(move |target, attempt| {
        let page: usize =
            target.split("page=").nth(1).and_then(|p| p.split('&').next()).and_then(|p| p.parse().ok()).unwrap_or(1);
        match (page, attempt) {
            (2, 0) => Reply { delay: std::time::Duration::from_millis(2500), ..Reply::json(json!({})) }, // times out once
            (3, 0) => Reply { status: 500, ..Reply::json(json!({})) },                                   // fails once
            _ => Reply::json(json!({"data": {"items": pages.get(page - 1).cloned().unwrap_or_default()}})),
        }
    });
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let created = connector(&admin, &server.url, f.a, None);
    let started = expect(admin.post(&format!("/api/v1/hr/connectors/{}/pull", created["id"]), &json!({})), 202);
    let job = admin.wait_for_job(started["id"].as_i64().unwrap());
    assert_eq!(job["status"], "preview_ready", "{job}");
    // Full roster of scope A: 赵丽, 陈小明 and 孙静 are not in HR any more.
    assert_eq!(
        job["counts"],
        json!({"new": 1, "changed": 1, "unchanged": 3, "left_unit": 3, "conflict": 0, "invalid": 1})
    );
    let requests = server.requests.lock().unwrap().clone();
    assert_eq!(requests.iter().filter(|r| r.contains("page=2")).count(), 2, "{requests:?}");
    assert_eq!(requests.iter().filter(|r| r.contains("page=3")).count(), 2, "{requests:?}");
    assert_eq!(requests.iter().filter(|r| r.contains("page=4")).count(), 1, "a full page asks for the next");
    assert_eq!(requests.iter().filter(|r| r.contains("page=5")).count(), 0, "an empty page ends the pull");
    assert_eq!(apply(&admin, &job)["status"], "applied");
    assert_eq!(admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200)["phone"], "13866667777");
    let left: Option<chrono::NaiveDate> = app
        .db
        .read_blocking(|conn| {
            use dangjian_api::db::schema::people;
            use diesel::prelude::*;
            Ok(people::table.find(f.a1_people[3]).select(people::hr_left_on).first(conn)?)
        })
        .unwrap();
    assert!(left.is_some(), "赵丽 is marked as having left the unit");
}

#[test]
fn nightly_pull_runs_once_a_day_and_reports_failures() {
    let app = TestApp::spawn_with(|c| c.hr_request_timeout_seconds = 1);
    let f = e2e::Fixture::load(&app);
    let server = FakeHr::start(|_, _| Reply { status: 503, ..Reply::json(json!({})) });
    let admin = app.login("admin", FIXTURE_PASSWORD);
    connector(&admin, &server.url, f.root, Some(2));
    let tick = |hour| dangjian_api::hr_sync::scheduler::tick(&app.db, 20, hour, app.today()).unwrap();
    assert!(tick(1).is_empty(), "not yet 2 o'clock");
    let started = tick(2);
    assert_eq!(started.len(), 1);
    assert!(tick(2).is_empty(), "once a day");
    assert!(tick(5).is_empty(), "once a day, also later in the day");
    admin.wait_for_job(started[0]);
    let job = admin.get_json(&format!("/api/v1/hr/jobs/{}", started[0]), 200);
    assert_eq!(job["status"], "failed");
    assert!(job["error_message"].as_str().unwrap().contains("503"), "{job}");
    let notices = admin.get_json("/api/v1/notifications", 200);
    assert_eq!(notices["items"][0]["title"], "人事数据同步失败");

    // Due at 3 o'clock, but no pass ran between 3 and 6 (a long pass, an instance down): the
    // next pass still runs it that day instead of waiting for tomorrow's 3 o'clock.
    connector(&admin, &server.url, f.root, Some(3));
    let late = tick(6);
    assert_eq!(late.len(), 1, "a connector whose hour passed during a late pass is not skipped");
    assert_eq!(admin.wait_for_job(late[0])["status"], "failed");
}

#[test]
fn unusable_rows_never_mark_people_as_left_conflicts_and_stale_previews_are_not_applied() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let roster = vec![
        row(&["工号", "姓名", "身份证号码", "手机号", "所在党组织"]),
        row(&["T00001", "张建国", &id_card(1, true), "12345", "一所第一党支部"]), // invalid phone: 张建国 is not "missing"
        row(&["T00002", "冒名者", &id_card(99, true), "13811110000", "一所第一党支部"]), // number of 李秀英, another person's 身份证
    ];
    let mut bytes = xlsx(&roster);
    let started = expect(
        admin.upload(&format!("/api/v1/hr/imports?file_name=a.xlsx&org_id={}&full_roster=true", f.a1), bytes.clone()),
        202,
    );
    let job = admin.wait_for_job(started["id"].as_i64().unwrap());
    // 王志强, 赵丽, 陈小明 are missing; 张建国 has an unusable row, so he is not.
    assert_eq!(
        job["counts"],
        json!({"new": 0, "changed": 0, "unchanged": 0, "left_unit": 3, "conflict": 1, "invalid": 1})
    );
    apply(&admin, &job);
    let li = admin.get_json(&format!("/api/v1/members/{}", f.a1_people[1]), 200);
    assert_eq!(
        (li["name"].as_str(), li["phone"].as_str()),
        (Some("李秀英"), Some("13900010002")),
        "a conflict is never applied"
    );

    // Two previews of different phone numbers; the newer is applied first, then the older.
    let phone_roster = |phone: &str| {
        xlsx(&[row(&["工号", "姓名", "身份证号码", "手机号"]), row(&["T00001", "张建国", &id_card(1, true), phone])])
    };
    bytes = phone_roster("13800000001");
    let old = import(&admin, "old.xlsx", bytes, f.a1);
    let new = import(&admin, "new.xlsx", phone_roster("13800000002"), f.a1);
    assert_eq!(apply(&admin, &new)["status"], "applied");
    let stale = apply(&admin, &old);
    assert!(stale["phase"].as_str().unwrap().contains("跳过"), "{stale}");
    assert_eq!(
        admin.get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200)["phone"],
        "13800000002",
        "the old preview did not revert it"
    );
}

#[test]
fn a_sheet_claiming_a_huge_range_is_refused_not_allocated() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    // Refused at upload, from the sheet's declared dimension, before any job exists.
    let url = format!("/api/v1/hr/imports?file_name=bomb.xlsx&org_id={}", f.root);
    let refused = expect(admin.upload(&url, workbook.save_to_buffer().unwrap()), 422);
    assert!(refused["message"].as_str().unwrap().contains("表格过大"), "{refused}");
    assert_eq!(admin.get_json("/api/v1/hr/jobs", 200)["items"], json!([]), "no sync job was created");
}

#[test]
fn a_full_job_queue_refuses_imports_with_503_and_writes_nothing() {
    let app = TestApp::spawn_with(|c| c.workers.job_queue_capacity = 0);
    let f = e2e::Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let roster = vec![row(&["工号", "姓名", "身份证号码"]), row(&["T00001", "张建国", &id_card(1, true)])];
    let refused =
        expect(admin.upload(&format!("/api/v1/hr/imports?file_name=a.xlsx&org_id={}", f.a1), xlsx(&roster)), 503);
    assert_eq!(refused["code"], "service_unavailable");
    assert!(refused["message"].as_str().unwrap().contains("请稍后再试"), "{refused}");
    assert_eq!(admin.get_json("/api/v1/hr/jobs", 200)["items"], json!([]), "no sync job was created");
}
