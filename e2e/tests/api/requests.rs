//! 请示/批复 through the real server: a branch drafts from a template (the 公文 rules refuse bad
//! input and write nothing), reviews, signs and seals it; the upper 党委 approves with a sealed
//! 批复; both verify publicly (valid, one byte changed); the case is archived in one click and
//! the package's manifest checks out; an archived request cannot change.

use std::io::Read;

use e2e::fixture::{FIXTURE_PASSWORD, Fixture, spawn_with_fixture};
use e2e::{Api, TestApp, error_fields, expect};
use serde_json::{Value, json};

pub fn sha256_hex(bytes: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, bytes).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn draft(api: &Api, f: &Fixture, template: &str, fields: Value) -> Value {
    let info = api.get_json("/api/v1/requests/compose", 200);
    let template = info["templates"].as_array().unwrap().iter().find(|t| t["code"] == template).unwrap().clone();
    json!({
        "template_id": template["id"],
        "org_id": f.a1,
        "fields": fields,
        "attachments": ["候选人简历"],
        "signer_user_id": info["signers"][0]["user_id"],
        "contact": "李秀英",
        "contact_phone": "13900010002",
    })
}

pub fn by_election(api: &Api, f: &Fixture) -> Value {
    draft(
        api,
        f,
        "by_election",
        json!({"vacancy": "原组织委员王志强同志因工作调动转出。", "post": "组织委员", "candidate": "赵丽",
               "profile": "赵丽，女，1990年出生，2015年入党，现任一所第一研究室副主任。"}),
    )
}

pub fn step(api: &Api, detail: &Value, body: Value) -> Value {
    let id = detail["id"].as_i64().unwrap();
    let step = detail["step"].as_i64().unwrap();
    let version = detail["instance_version"].as_i64().unwrap_or_else(|| detail["version"].as_i64().unwrap());
    let mut body = body;
    body["version"] = json!(version);
    expect(api.post(&format!("/api/v1/requests/{id}/steps/{step}"), &body), 200)
}

/// Drafted, reviewed and signed by the branch: waiting for the 党委's 批复.
pub fn submitted(app: &TestApp, f: &Fixture) -> Value {
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let created = expect(zhibu.post("/api/v1/requests", &by_election(&zhibu, f)), 201);
    let reviewed = step(&zhibu, &step(&zhibu, &created, json!({})), json!({}));
    step(&zhibu, &reviewed, json!({}))
}

fn pdf(api: &Api, url: &str) -> Vec<u8> {
    let response = api.get(url);
    assert_eq!(response.status(), 200);
    response.bytes().unwrap().to_vec()
}

#[test]
fn a_request_is_drafted_sealed_approved_verified_and_archived() {
    let (app, f) = spawn_with_fixture();
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let info = zhibu.get_json("/api/v1/requests/compose", 200);
    assert_eq!(info["to_org"]["name"], "一所党委", "the one 主送机关 is the upper 党委");
    assert_eq!(info["templates"].as_array().unwrap().len(), 8);

    // Bad input: a wrong phone, 抄送 to a subordinate, a missing field. Nothing is written.
    let mut bad = by_election(&zhibu, &f);
    bad["contact_phone"] = json!("1390001");
    bad["cc_org_ids"] = json!([f.a1_group]);
    bad["fields"]["candidate"] = json!("");
    let body = expect(zhibu.post("/api/v1/requests", &bad), 422);
    let fields = error_fields(&body);
    for field in ["contact_phone", "cc_org_ids[0]", "fields.candidate"] {
        assert!(fields.contains(&field.to_string()), "{field}: {body}");
    }
    let mut two = draft(&zhibu, &f, "free", json!({"subject": "成立党支部的请示及关于换届", "content": "两件事"}));
    two["attachments"] = json!([]);
    assert!(error_fields(&expect(zhibu.post("/api/v1/requests", &two), 422)).contains(&"title".to_string()));
    assert_eq!(zhibu.get_json("/api/v1/requests?queue=mine", 200)["items"].as_array().unwrap().len(), 0);

    let created = expect(zhibu.post("/api/v1/requests", &by_election(&zhibu, &f)), 201);
    assert_eq!(created["stage"], "draft");
    assert_eq!(created["title"], "中共一所第一党支部关于增补支部委员会委员的请示");
    assert!(created["body"].as_str().unwrap().contains("拟召开党员大会增补组织委员1名"));
    let id = created["id"].as_i64().unwrap();

    // Others cannot see the branch's draft; the 党委 sees it only once submitted.
    for login in ["dangyuan_a1", "zhibu_b1", "dangwei_a"] {
        let status = app.login(login, FIXTURE_PASSWORD).get(&format!("/api/v1/requests/{id}")).status();
        assert_eq!(status, 403, "{login}");
    }

    let in_review = step(&zhibu, &created, json!({}));
    assert_eq!(in_review["stage"], "review");
    let signing = step(&zhibu, &in_review, json!({}));
    assert_eq!(signing["stage"], "signing");
    let sent = step(&zhibu, &signing, json!({}));
    assert_eq!(sent["stage"], "submitted");
    assert!(sent["due_on"].is_string(), "the 批复 has a due date");
    let request_doc = &sent["documents"][0];
    let year = chrono::Datelike::year(&app.today());
    assert_eq!(request_doc["doc_number"], format!("一所第一党支〔{year}〕1号"));

    // The 党委 sees it in its queue; the branch may not approve its own request.
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    let todo = dangwei.get_json("/api/v1/requests?queue=to_do", 200);
    assert_eq!(todo["items"][0]["id"], id);
    assert_eq!(
        zhibu.post(&format!("/api/v1/requests/{id}/steps/4"), &json!({"version": sent["instance_version"]})).status(),
        403
    );

    // Public check of the sealed 请示: valid; one byte changed is 已被篡改.
    let code = request_doc["code"].as_str().unwrap();
    let anonymous = app.anonymous();
    let check = anonymous.get_json(&format!("/api/v1/verify/{code}"), 200);
    assert_eq!(check["status"], "valid", "{check}");
    assert_eq!(check["issuer"], "一所第一党支部");
    let bytes = pdf(&zhibu, request_doc["pdf_url"].as_str().unwrap());
    let held = |bytes: Vec<u8>| {
        let r = anonymous.client.post(app.url(&format!("/api/v1/verify/{code}"))).body(bytes).send().unwrap();
        r.json::<Value>().unwrap()
    };
    assert_eq!(held(bytes.clone())["status"], "valid");
    let mut changed = bytes.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    assert_eq!(held(changed)["status"], "tampered");
    let page = anonymous.get(&format!("/verify/doc/{code}")).text().unwrap();
    assert!(page.contains("有效") && page.contains("一所第一党支〔"), "{page}");

    let draft_reply = dangwei.get_json(&format!("/api/v1/requests/{id}/reply-draft"), 200);
    assert!(draft_reply["body"].as_str().unwrap().contains("同意你支部召开党员大会增补组织委员1名"));
    let approved = step(&dangwei, &sent, json!({}));
    assert_eq!(approved["stage"], "approved");
    let reply = approved["documents"].as_array().unwrap().iter().find(|d| d["kind"] == "reply").unwrap().clone();
    assert_eq!(reply["doc_number"], format!("一所党委〔{year}〕1号"));
    assert_eq!(reply["title"], "中共一所党委关于同意增补支部委员会委员的批复");
    let reply_code = reply["code"].as_str().unwrap();
    assert_eq!(anonymous.get_json(&format!("/api/v1/verify/{reply_code}"), 200)["status"], "valid");

    // 一键归档: the package carries both PDFs, the history and the signatures, with a manifest.
    let archived = expect(zhibu.post(&format!("/api/v1/requests/{id}/archive"), &json!({})), 201);
    assert_eq!(archived["retention"], "permanent");
    let listed = zhibu.get_json("/api/v1/archive?q=增补", 200);
    assert_eq!(listed["items"][0]["id"], archived["id"]);
    assert_eq!(dangwei.get_json(&format!("/api/v1/archive?year={year}"), 200)["items"].as_array().unwrap().len(), 1);
    let package = pdf(&zhibu, archived["download_url"].as_str().unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
    let mut manifest = Vec::new();
    zip.by_name("manifest.json").unwrap().read_to_end(&mut manifest).unwrap();
    assert_eq!(sha256_hex(&manifest), archived["manifest_sha256"]);
    let manifest: Value = serde_json::from_slice(&manifest).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 5, "two PDFs, signatures, history, request: {manifest}");
    for entry in files {
        let mut bytes = Vec::new();
        zip.by_name(entry["name"].as_str().unwrap()).unwrap().read_to_end(&mut bytes).unwrap();
        assert_eq!(sha256_hex(&bytes), entry["sha256"], "{}", entry["name"]);
    }
    let mut signatures = Vec::new();
    zip.by_name("signatures.json").unwrap().read_to_end(&mut signatures).unwrap();
    assert!(String::from_utf8(signatures).unwrap().contains(code));

    // Archived: nothing changes any more.
    let again = zhibu.post(&format!("/api/v1/requests/{id}/archive"), &json!({}));
    assert_eq!(again.status(), 409);
    let edit = zhibu.put(&format!("/api/v1/requests/{id}"), &by_election(&zhibu, &f));
    assert_eq!(edit.status(), 409);
    let detail = zhibu.get_json(&format!("/api/v1/requests/{id}"), 200);
    assert_eq!(detail["can_act"], false);
    assert!(detail["history"].as_array().unwrap().iter().any(|e| e["comment"] == "一键归档"));
}

#[test]
fn a_returned_request_is_edited_and_resubmitted_and_a_rejection_is_sealed_too() {
    let (app, f) = spawn_with_fixture();
    let sent = submitted(&app, &f);
    let id = sent["id"].as_i64().unwrap();
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    // An official has several requests open at once.
    let other = expect(zhibu.post("/api/v1/requests", &by_election(&zhibu, &f)), 201);
    assert_eq!(step(&zhibu, &other, json!({}))["stage"], "review");

    let no_comment = dangwei.post(
        &format!("/api/v1/requests/{id}/steps/4"),
        &json!({"version": sent["instance_version"], "decision": "return"}),
    );
    assert_eq!(no_comment.status(), 422);
    let returned = step(&dangwei, &sent, json!({"decision": "return", "comment": "请补充候选人考察情况"}));
    assert_eq!(returned["stage"], "draft");
    let detail = zhibu.get_json(&format!("/api/v1/requests/{id}"), 200);
    assert_eq!(detail["can_edit"], true);
    let mut input = by_election(&zhibu, &f);
    input["fields"]["profile"] = json!("赵丽，女，1990年出生，2015年入党。经考察，群众基础好。");
    input["version"] = detail["version"].clone();
    let edited = expect(zhibu.put(&format!("/api/v1/requests/{id}"), &input), 200);
    // A stale version loses.
    assert_eq!(zhibu.put(&format!("/api/v1/requests/{id}"), &input).status(), 409);
    let again = step(&zhibu, &step(&zhibu, &step(&zhibu, &edited, json!({})), json!({})), json!({}));
    assert_eq!(again["stage"], "submitted");
    let numbers: Vec<&str> =
        again["documents"].as_array().unwrap().iter().map(|d| d["doc_number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), 2, "each 签发 seals a new numbered document: {numbers:?}");

    let rejected = step(&dangwei, &again, json!({"decision": "reject", "comment": "候选人任职年限不足"}));
    assert_eq!(rejected["stage"], "rejected");
    let reply = rejected["documents"].as_array().unwrap().iter().find(|d| d["kind"] == "reply").unwrap().clone();
    assert_eq!(reply["title"], "中共一所党委关于增补支部委员会委员的批复");
    let text: String = crate::requests_pdf::pdf_text(&pdf(&zhibu, reply["pdf_url"].as_str().unwrap()))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("暂不同意") && text.contains("候选人任职年限不足"), "{text}");
}

#[test]
fn a_case_waits_for_the_reply_of_its_request() {
    let (app, f) = spawn_with_fixture();
    let applicant = app.login("qunzhong_a1", FIXTURE_PASSWORD);
    let applied_on = app.today().to_string();
    let case = expect(applicant.post("/api/v1/development/applications", &json!({"applied_on": applied_on})), 201);
    let case_id = case["summary"]["id"].as_i64().unwrap();
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let fields =
        json!({"person": "陈小明", "stage": "预审", "meeting_date": "2026-01-05", "summary": "培养考察一年以上。"});
    let mut input = draft(&zhibu, &f, "development_filing", fields);
    input["for_instance_id"] = json!(case_id);
    let created = expect(zhibu.post("/api/v1/requests", &input), 201);
    let in_review = step(&zhibu, &created, json!({}));
    assert_eq!(in_review["stage"], "review");
    let case_path = format!("/api/v1/development/instances/{case_id}");
    let waiting = zhibu.get_json(&case_path, 200);
    assert_eq!(waiting["summary"]["status"], "waiting", "{waiting}");
    let signed = step(&zhibu, &step(&zhibu, &in_review, json!({})), json!({}));
    step(&app.login("dangwei_a", FIXTURE_PASSWORD), &signed, json!({}));
    let resumed = zhibu.get_json(&case_path, 200);
    assert_eq!(resumed["summary"]["status"], "active", "{resumed}");
}

#[test]
fn the_upper_org_is_reminded_before_the_reply_is_due_and_after() {
    let (app, f) = spawn_with_fixture();
    let sent = submitted(&app, &f);
    let id = sent["id"].as_i64().unwrap();
    let due = chrono::NaiveDate::parse_from_str(sent["due_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert_eq!(due, app.today() + chrono::Duration::days(20), "增补委员: 批复 within 20 days");
    let rules = shared::rules::requests::RequestRules::default();
    let remind = |day: chrono::NaiveDate| {
        let rules = rules.clone();
        app.db.write_blocking(move |conn| dangjian_api::requests::reminders::remind(conn, &rules, day)).unwrap()
    };
    assert_eq!(remind(due - chrono::Duration::days(5)), 0, "not yet");
    assert!(remind(due - chrono::Duration::days(3)) >= 1, "three days before");
    assert_eq!(remind(due - chrono::Duration::days(3)), 0, "once a day");
    assert!(remind(due + chrono::Duration::days(1)) >= 1, "the day after it was due");
    let dangwei = app.login("dangwei_a", FIXTURE_PASSWORD);
    e2e::eventually("the reminder in the 党委's inbox", || {
        let inbox = dangwei.get_json("/api/v1/notifications", 200);
        inbox.to_string().contains("请示待批复").then_some(())
    });
    // The short form serves the sealed 请示 too.
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let short = zhibu.get(&format!("/api/v1/requests/{id}/document.pdf"));
    assert_eq!(short.status(), 200);
    assert!(short.bytes().unwrap().starts_with(b"%PDF"));
}
