//! 组织关系转接 with letters: out of the institution (the 介绍信 in 大写, its public check, the
//! 回执, expiry and re-issue), into it (a registered letter, the 档案 check, an overdue
//! 预备党员), 流动党员 (证明信), and 涉密 cases (nothing printed, nothing detailed sent).

use chrono::Duration;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture_at};
use e2e::{Api, TestApp, error_fields, expect};
use serde_json::{Value, json};

use crate::transfers::{d, decide, rule_code, step};

fn pdf_text(api: &Api, id: i64) -> String {
    let pdf = api.get(&format!("/api/v1/transfers/{id}/letter.pdf"));
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().unwrap().to_vec();
    let dir = e2e::TempDir::new();
    let path = dir.0.join("letter.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect()
}

fn check(app: &TestApp, path: &str) -> (u16, Value) {
    let token = path.trim_start_matches("/verify/");
    let response = app.anonymous().get(&format!("/api/v1/public/letters/{token}"));
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

fn current_letter(case: &Value) -> Value {
    case["letters"].as_array().unwrap().iter().find(|l| l["void_reason"].is_null()).cloned().unwrap()
}

#[test]
fn a_letter_out_is_issued_in_daxie_checked_reissued_once_expired_and_closed_by_its_receipt() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-27"));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let committee = app.login("dangwei_a", FIXTURE_PASSWORD);
    let case = expect(
        member.post(
            "/api/v1/transfers",
            &json!({"kind": "out", "to_unit": "中共北京市海淀区中关村街道工作委员会", "reason": "调往北京工作"}),
        ),
        201,
    );
    let id = case["transfer"]["id"].as_i64().unwrap();
    expect(member.get(&format!("/api/v1/transfers/{id}/letter.pdf")), 409);
    let agreed = expect(step(&branch, &case, json!({})), 200);
    assert_eq!(agreed["transfer"]["awaiting"], "committee");
    let too_long = expect(step(&committee, &agreed, json!({"valid_days": 91})), 422);
    assert_eq!(rule_code(&too_long), "transfer.letter_validity");
    let issued = expect(step(&committee, &agreed, json!({"valid_days": 30})), 200);
    assert_eq!(issued["transfer"]["awaiting"], "receipt");
    assert_eq!(issued["transfer"]["due_on"], "2026-12-27", "回执 within a month");
    let letter = current_letter(&issued);
    assert_eq!(letter["valid_until"], "2026-12-26");
    assert_eq!(letter["valid_until_upper"], "贰零贰陆年壹拾贰月贰拾陆日");
    let text = pdf_text(&member, id);
    for expected in [
        "中国共产党党员组织关系介绍信（存根）",
        "中国共产党党员组织关系介绍信回执",
        "王志强",
        "一所第一党支部",
        "中共北京市海淀区中关村街道工作委员会",
        "叁拾天",
        "贰零贰陆年壹拾壹月贰拾柒日",
        "（无党费记录）",
        letter["letter_no"].as_str().unwrap(),
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let first = letter["verify_path"].as_str().unwrap().to_string();
    let (status, seen) = check(&app, &first);
    assert_eq!((status, seen["state"].as_str()), (200, Some("valid")), "{seen}");
    assert!(!seen.to_string().contains("王志强"), "the public check names nobody");
    let page = app.anonymous().get(&first);
    assert_eq!(page.status(), 200);
    assert!(page.text().unwrap().contains("在有效期内"));

    let reissue = json!({"result": "reissue", "note": "本人因病未能按期报到"});
    let early = expect(step(&branch, &issued, reissue.clone()), 422);
    assert_eq!(rule_code(&early), "transfer.letter_still_valid");
    assert_eq!(early["details"]["rule"]["earliest"], "2026-12-27");
    app.clock.advance(Duration::days(31));
    let expired = branch.get_json(&format!("/api/v1/transfers/{id}"), 200);
    let codes: Vec<&str> =
        expired["transfer"]["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"transfer.letter_expired") && codes.contains(&"transfer.receipt_overdue"), "{codes:?}");
    expect(step(&branch, &expired, json!({"result": "reissue"})), 422);
    let reissued = expect(step(&branch, &expired, reissue), 200);
    assert_eq!(reissued["transfer"]["awaiting"], "receipt");
    let second = current_letter(&reissued);
    assert_ne!(second["letter_no"], letter["letter_no"]);
    assert_eq!(check(&app, &first).1["state"], "void");
    assert_eq!(check(&app, second["verify_path"].as_str().unwrap()).1["state"], "valid");

    let bad = expect(step(&branch, &reissued, json!({"result": "received", "receipt_on": "2026-11-01"})), 422);
    assert_eq!(error_fields(&bad), vec!["receipt_on"]);
    let closed = expect(step(&branch, &reissued, json!({"result": "received", "receipt_on": "2026-12-28"})), 200);
    assert_eq!(closed["transfer"]["status"], "completed");
    let person = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{}", f.dangyuan_person), 200);
    assert_eq!(person["left"]["kind"], "transfer_out", "{person}");
    assert_eq!(person["left"]["date"], "2026-12-28", "{person}");

    // Years later the same person comes back: their record is reactivated, not duplicated.
    let mut back = incoming(f.b1, 9, "formal", "2010-07-01");
    back["member"]["name"] = person["name"].clone();
    back["member"]["id_card_number"] = person["id_card_number"].clone();
    back["issued_on"] = json!("2026-12-20");
    back["archive_checked"] = json!(true);
    let receiving = app.login("zhibu_b1", FIXTURE_PASSWORD);
    let returning = expect(receiving.post("/api/v1/transfers/incoming", &back), 201);
    assert_eq!(returning["transfer"]["person_id"], f.dangyuan_person);
    expect(step(&receiving, &returning, json!({})), 200);
    let again = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{}", f.dangyuan_person), 200);
    assert_eq!((again["org_id"].as_i64(), again["left"].is_null()), (Some(f.b1), true), "{again}");
}

fn incoming(f_b1: i64, n: u32, status: &str, join: &str) -> Value {
    json!({
        "to_org_id": f_b1,
        "letter_no": format!("京组转〔2026〕{n}号"),
        "issuing_org": "中共北京市海淀区委组织部",
        "issued_on": "2026-11-20",
        "valid_until": "2027-02-17",
        "member": {
            "name": "郑红",
            "id_card_number": e2e::fixture::id_card(700 + n, false),
            "phone": "13912345678",
            "membership_status": status,
            "join_date": join,
            "full_member_date": if status == "formal" { Some("2011-07-01") } else { None },
        },
        "dues_paid_through": "2026-11",
    })
}

#[test]
fn an_incoming_letter_is_registered_checked_and_accepted_onto_the_roll() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-27"));
    let receiving = app.login("zhibu_b1", FIXTURE_PASSWORD);
    let mut bad = incoming(f.b1, 1, "formal", "2010-07-01");
    bad["member"]["id_card_number"] = json!("110105198001011234");
    assert_eq!(
        error_fields(&expect(receiving.post("/api/v1/transfers/incoming", &bad), 422)),
        vec!["member.id_card_number"]
    );
    expect(
        app.login("zhibu_a1", FIXTURE_PASSWORD)
            .post("/api/v1/transfers/incoming", &incoming(f.b1, 1, "formal", "2010-07-01")),
        403,
    );
    // A 预备党员 whose year of probation ended without 转正.
    let case =
        expect(receiving.post("/api/v1/transfers/incoming", &incoming(f.b1, 2, "probationary", "2025-06-01")), 201);
    let codes: Vec<&str> =
        case["transfer"]["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["transfer.probation_overdue"]);
    let person = case["transfer"]["person_id"].as_i64().unwrap();
    let pending = app.login("admin", FIXTURE_PASSWORD).get_json("/api/v1/members?q=郑红", 200);
    assert_eq!(pending["items"].as_array().unwrap().len(), 0, "not on the roll before acceptance");
    let unchecked = expect(step(&receiving, &case, json!({})), 422);
    assert_eq!(rule_code(&unchecked), "transfer.archive_unchecked");
    let unexplained = expect(step(&receiving, &case, json!({"archive_checked": "yes"})), 422);
    assert_eq!(rule_code(&unexplained), "transfer.probation_overdue");
    let accepted = expect(
        step(&receiving, &case, json!({"archive_checked": "yes", "explanation": "原单位党委已讨论转正，材料随后寄来"})),
        200,
    );
    assert_eq!(accepted["transfer"]["status"], "completed");
    let on_roll = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{person}"), 200);
    assert_eq!((on_roll["org_id"].as_i64(), on_roll["left"].is_null()), (Some(f.b1), true), "{on_roll}");
    // The same person again is already on the roll.
    let again =
        expect(receiving.post("/api/v1/transfers/incoming", &incoming(f.b1, 2, "probationary", "2025-06-01")), 422);
    assert_eq!(error_fields(&again), vec!["member.id_card_number"]);
}

#[test]
fn a_refusing_deployment_does_not_accept_an_overdue_probationary_member() {
    let clock = dangjian_api::clock::Clock::fixed_on(d("2026-11-27"));
    let app = TestApp::spawn_with_clock(clock, |c| {
        c.transfer_rules.overdue_probation = shared::rules::transfers::OverdueProbation::Refuse;
    });
    let f = e2e::fixture::Fixture::load(&app);
    let receiving = app.login("zhibu_b1", FIXTURE_PASSWORD);
    let case =
        expect(receiving.post("/api/v1/transfers/incoming", &incoming(f.b1, 3, "probationary", "2025-06-01")), 201);
    let refused = expect(step(&receiving, &case, json!({"archive_checked": "yes", "explanation": "说明"})), 422);
    assert_eq!(rule_code(&refused), "transfer.probation_overdue");
    assert!(refused["message"].as_str().unwrap().contains("不予接收"));
    let ended = expect(decide(&receiving, &case, "reject", Some("超过预备期未转正，请转出方先办理转正")), 200);
    assert_eq!(ended["transfer"]["outcome"], "rejected");
}

#[test]
fn a_member_away_gets_a_certificate_for_three_to_six_months() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-27"));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let away = |from: &str, until: &str, document: &str| {
        json!({"kind": "flow", "document": document, "to_unit": "广州市天河区", "reason": "外出参加项目",
               "away_from": from, "away_until": until, "to_org_id": f.b1})
    };
    let short = expect(member.post("/api/v1/transfers", &away("2026-12-01", "2027-02-15", "certificate")), 422);
    assert_eq!(rule_code(&short), "transfer.flow_too_short");
    let long = expect(member.post("/api/v1/transfers", &away("2026-12-01", "2027-08-01", "certificate")), 422);
    assert_eq!(rule_code(&long), "transfer.flow_needs_transfer");
    let case = expect(member.post("/api/v1/transfers", &away("2026-12-01", "2027-04-30", "certificate")), 201);
    let id = case["transfer"]["id"].as_i64().unwrap();
    // The host branch in the institution sees the temporary relationship.
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/transfers/{id}")), 200);
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let issued = expect(step(&branch, &case, json!({})), 200);
    assert_eq!(
        (issued["transfer"]["awaiting"].as_str(), issued["transfer"]["due_on"].as_str()),
        (Some("away"), Some("2027-04-30"))
    );
    let text = pdf_text(&member, id);
    assert!(
        text.contains("党员证明信") && text.contains("贰零贰柒年肆月叁拾日") && text.contains("不享有表决权"),
        "{text}"
    );
    app.clock.advance(Duration::days(160));
    let back = expect(step(&branch, &issued, json!({"returned_on": "2027-04-28"})), 200);
    assert_eq!(back["transfer"]["status"], "completed");
    assert_eq!(
        app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{}", f.dangyuan_person), 200)["org_id"],
        f.a1,
        "a member away keeps their relationship at home"
    );
}

#[test]
fn a_secret_transfer_prints_nothing_and_texts_no_details() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-27"));
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let case = expect(
        branch.post(
            "/api/v1/transfers",
            &json!({"kind": "out", "person_id": f.dangyuan_person, "to_unit": "某涉密研究所党委", "reason": "调动", "secret": true}),
        ),
        201,
    );
    let id = case["transfer"]["id"].as_i64().unwrap();
    let agreed = expect(step(&branch, &case, json!({})), 200);
    let issued = expect(step(&app.login("dangwei_a", FIXTURE_PASSWORD), &agreed, json!({})), 200);
    assert_eq!(issued["letter_pdf"], false);
    let refused = expect(branch.get(&format!("/api/v1/transfers/{id}/letter.pdf")), 409);
    assert!(refused["message"].as_str().unwrap().contains("线下"));
    assert_eq!(check(&app, current_letter(&issued)["verify_path"].as_str().unwrap()).0, 404);
    let texts = app.login("admin", FIXTURE_PASSWORD).get_json("/api/v1/outbox?channel=sms", 200);
    let texts: String =
        texts["items"].as_array().unwrap().iter().map(|m| m["summary"].as_str().unwrap_or("")).collect();
    assert!(texts.contains("组织关系转接"), "the member is told: {texts}");
    assert!(!texts.contains("涉密研究所") && !texts.contains("王志强"), "{texts}");
}

#[test]
fn reminders_warn_of_a_transfer_open_past_six_months() {
    let (app, f) = spawn_with_fixture_at(d("2026-05-01"));
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let case = expect(
        branch.post(
            "/api/v1/transfers",
            &json!({"kind": "within", "person_id": f.a1_people[3], "to_org_id": f.b1, "reason": "调动"}),
        ),
        201,
    );
    let id = case["transfer"]["id"].as_i64().unwrap();
    app.clock.advance(Duration::days(200));
    let late = branch.get_json(&format!("/api/v1/transfers/{id}"), 200);
    assert_eq!(late["transfer"]["warnings"][0]["code"], "transfer.overdue", "{late}");
    let rules = shared::rules::transfers::TransferRules::default();
    let queued =
        app.db.write_blocking(|conn| dangjian_api::transfers::reminders::remind(conn, &rules, app.today())).unwrap();
    assert!(queued >= 1, "the sending branch is told");
    let again =
        app.db.write_blocking(|conn| dangjian_api::transfers::reminders::remind(conn, &rules, app.today())).unwrap();
    assert_eq!(again, 0, "once per case and occasion");
}

#[test]
fn a_whole_branch_goes_out_on_one_letter_with_a_list() {
    let (app, f) = spawn_with_fixture_at(d("2026-11-27"));
    let branch = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let start = |org: i64| json!({"kind": "out", "org_id": org, "to_unit": "中共上海市浦东新区委员会组织部", "reason": "一所第一党支部整体划转"});
    expect(branch.post("/api/v1/transfers/batches", &start(f.b1)), 403);
    let cases = expect(branch.post("/api/v1/transfers/batches", &start(f.a1)), 201);
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 4, "the four members, not the applicant: {cases:?}");
    let batch = cases[0]["batch_id"].as_i64().unwrap();
    assert!(cases.iter().all(|c| c["batch_id"] == batch));
    let act = |api: &Api, step: i64, data: Value| {
        api.post(&format!("/api/v1/transfers/batches/{batch}/steps/{step}"), &json!({"data": data}))
    };
    expect(act(&branch, 3, json!({})), 409);
    expect(act(&branch, 2, json!({})), 200);
    let issued = expect(act(&app.login("dangwei_a", FIXTURE_PASSWORD), 3, json!({"valid_days": 60})), 200);
    assert!(issued.as_array().unwrap().iter().all(|c| c["awaiting"] == "receipt"), "{issued}");
    let last = cases.last().unwrap()["id"].as_i64().unwrap();
    let text = pdf_text(&branch, last);
    for name in ["张建国等4名", "整建制转接人员名单", "李秀英", "王志强", "赵丽", "共4人"] {
        assert!(text.contains(name), "{name} in {text}");
    }
    let detail = branch.get_json(&format!("/api/v1/transfers/{last}"), 200);
    assert_eq!(detail["letters"].as_array().unwrap().len(), 1, "one letter for the batch");
    let done = expect(act(&branch, 4, json!({"result": "received", "receipt_on": "2026-11-27"})), 200);
    assert!(done.as_array().unwrap().iter().all(|c| c["status"] == "completed"), "{done}");
    let left = app.login("admin", FIXTURE_PASSWORD).get_json(&format!("/api/v1/members/{}", f.a1_people[0]), 200);
    assert_eq!(left["left"]["kind"], "transfer_out");
}
