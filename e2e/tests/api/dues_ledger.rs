//! Party dues ledger and payments through the API, with the business clock pinned: the monthly
//! schedule, bases and their history, 预备党员 from their branch-meeting month, a member moving
//! mid-year, 补交 (at most 6 months), quarterly payment with consent, voluntary amounts,
//! receipts, arrears thresholds feeding alerts and reminders, and the collection report.

use chrono::NaiveDate;
use dangjian_api::jobs::Background;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture_at};
use e2e::{Api, TestApp, error_fields, expect};
use serde_json::{Value, json};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Sets the clock to `day` and runs the dues schedule as the scheduler would.
fn run_on(app: &TestApp, day: &str) {
    app.clock.set(d(day).and_hms_opt(1, 0, 0).unwrap().and_utc());
    dangjian_api::dues::ledger::run(&Background::new().env(&app.db, &app.config, &app.clock)).unwrap();
}

fn set_base(api: &Api, person: i64, category: &str, base: &str, month: &str) -> Value {
    expect(
        api.post(
            "/api/v1/dues/bases",
            &json!({"person_id": person, "category": category, "base": base, "effective_month": month}),
        ),
        201,
    )
}

fn pay(api: &Api, person: i64, through: &str) -> reqwest::blocking::Response {
    api.post(
        "/api/v1/dues/payments",
        &json!({"person_id": person, "through_month": through, "method": "cash", "paid_on": "2026-11-10"}),
    )
}

fn month<'a>(dues: &'a Value, month: &str) -> &'a Value {
    dues["months"].as_array().unwrap().iter().find(|m| m["month"] == month).unwrap_or_else(|| panic!("{month}: {dues}"))
}

#[test]
fn the_ledger_follows_bases_membership_and_moves() {
    let (app, f) = spawn_with_fixture_at(d("2026-01-01"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let (zhang, zhao) = (f.a1_people[0], f.a1_people[3]);
    let base = set_base(&admin, zhang, "employed", "6000", "2026-01");
    assert_eq!(base["monthly"], "90.00");
    set_base(&admin, zhao, "employed", "3000", "2026-01");
    for day in ["2026-01-01", "2026-02-01", "2026-03-01"] {
        run_on(&app, day);
    }
    // Running the schedule again the same month adds nothing.
    run_on(&app, "2026-03-02");
    let ledger = admin.get_json(&format!("/api/v1/dues/ledger?org_id={}&month=2026-03", f.a1), 200);
    assert_eq!(
        ledger["totals"]["entries"], 3,
        "three 正式党员 in a1 (the applicant and 赵丽 are not liable): {ledger}"
    );
    assert_eq!(ledger["totals"]["payable"], "90.00", "only 张建国 has a base so far");

    // 张建国 moves to a2 in March: March stays with a1, April is payable to a2.
    let member = admin.get_json(&format!("/api/v1/members/{zhang}"), 200);
    expect(
        admin.post(
            &format!("/api/v1/members/{zhang}/move"),
            &json!({"version": member["version"], "org_id": f.a2, "reason": "工作调动"}),
        ),
        200,
    );
    // A raise from April: the unpaid months from then on follow it.
    set_base(&admin, zhang, "employed", "12000", "2026-04");
    run_on(&app, "2026-04-01");
    let dues = admin.get_json(&format!("/api/v1/dues/members/{zhang}"), 200);
    assert_eq!(month(&dues, "2026-03")["org_id"], f.a1);
    assert_eq!(month(&dues, "2026-03")["payable"], "90.00");
    assert_eq!(month(&dues, "2026-04")["org_id"], f.a2);
    assert_eq!(month(&dues, "2026-04")["payable"], "240.00");
    assert_eq!(dues["bases"].as_array().unwrap().len(), 2, "the history keeps both bases");
    assert_eq!(dues["current"]["base"], "12000.00");

    // 赵丽's branch meeting passed her on 2026-06-01: she pays from June, not before.
    run_on(&app, "2026-05-01");
    run_on(&app, "2026-06-01");
    let zhao_dues = admin.get_json(&format!("/api/v1/dues/members/{zhao}"), 200);
    let months: Vec<&str> =
        zhao_dues["months"].as_array().unwrap().iter().map(|m| m["month"].as_str().unwrap()).collect();
    assert_eq!(months, vec!["2026-06"], "{zhao_dues}");
    assert_eq!(month(&zhao_dues, "2026-06")["payable"], "15.00");

    // The member confirms the base on the phone; a stale version is refused.
    let zhao_user = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let own = zhao_user.get_json("/api/v1/dues/me", 200);
    let own_base = &own["current"];
    assert!(own_base.is_null() || own_base["confirmed_at"].is_null());
    let wang = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let wang_base = set_base(&admin, f.dangyuan_person, "retired", "5000.01", "2026-06");
    assert_eq!(wang_base["monthly"], "50.00");
    let path = format!("/api/v1/dues/me/bases/{}/confirm", wang_base["id"]);
    expect(wang.post(&path, &json!({"version": wang_base["version"].as_i64().unwrap() + 1})), 409);
    let confirmed = expect(wang.post(&path, &json!({"version": wang_base["version"]})), 200);
    assert!(confirmed["confirmed_at"].is_string());
    // Someone else's base cannot be confirmed.
    expect(zhao_user.post(&path, &json!({"version": wang_base["version"]})), 404);
    assert!(!app.audit_rows("dues_base", wang_base["id"].as_i64().unwrap()).is_empty());

    // Bad input changes nothing and names the field.
    for (body, field) in [
        (json!({"person_id": zhang, "category": "boss", "base": "1", "effective_month": "2026-01"}), "category"),
        (json!({"person_id": zhang, "category": "employed", "base": "-1", "effective_month": "2026-01"}), "base"),
        (
            json!({"person_id": zhang, "category": "employed", "base": "1", "effective_month": "2026-13"}),
            "effective_month",
        ),
    ] {
        let refused = expect(admin.post("/api/v1/dues/bases", &body), 422);
        assert_eq!(error_fields(&refused), vec![field]);
    }
    // Another branch's secretary may not touch a1's members.
    let other = app.login("zhibu_b1", FIXTURE_PASSWORD);
    expect(
        other.post(
            "/api/v1/dues/bases",
            &json!({"person_id": zhao, "category": "employed", "base": "1", "effective_month": "2026-01"}),
        ),
        403,
    );
    expect(other.get(&format!("/api/v1/dues/members/{zhao}")), 403);
    expect(wang.get(&format!("/api/v1/dues/ledger?org_id={}", f.a1)), 403);
}

#[test]
fn payments_follow_the_back_pay_quarterly_and_voluntary_rules() {
    let (app, f) = spawn_with_fixture_at(d("2026-01-01"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let wang = f.dangyuan_person;
    set_base(&secretary, wang, "employed", "4000", "2026-01");
    for m in 1..=11 {
        run_on(&app, &format!("2026-{m:02}-01"));
    }
    run_on(&app, "2026-11-10");
    // Ten months behind: more than 6 months of 补交 at once is refused, nothing is written.
    let refused = expect(pay(&secretary, wang, "2026-11"), 422);
    assert_eq!(refused["details"]["rule"]["code"], "dues.back_pay_limit", "{refused}");
    // The branch records why January–April went unpaid; the rest can then be paid.
    for m in ["2026-01", "2026-02", "2026-03", "2026-04"] {
        expect(
            secretary.put(
                &format!("/api/v1/dues/members/{wang}/months/{m}/reason"),
                &json!({"reason": "长期病休，经支部研究暂缓"}),
            ),
            200,
        );
    }
    let paid = expect(pay(&secretary, wang, "2026-11"), 201);
    assert_eq!(paid["dues"], "280.00", "May–November, 7 × 40.00: {paid}");
    assert_eq!(paid["first_month"], "2026-05");
    assert!(paid["receipt_number"].as_str().unwrap().starts_with("DF2026-"));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let mine = member.get_json("/api/v1/dues/me", 200);
    assert_eq!(mine["paid_through_label"], "党费交至 2026年11月");
    assert_eq!(mine["arrears_months"], 0);
    assert_eq!(month(&mine, "2026-02")["status"], "excused");

    // Paying ahead needs the branch's consent, and stops at the quarter's end.
    assert_eq!(expect(pay(&secretary, wang, "2026-12"), 422)["details"]["rule"]["code"], "dues.monthly");
    expect(secretary.put(&format!("/api/v1/dues/members/{wang}/quarterly"), &json!({"allowed": true})), 200);
    assert_eq!(expect(pay(&secretary, wang, "2027-01"), 422)["details"]["rule"]["code"], "dues.quarter_limit");
    let ahead = expect(pay(&secretary, wang, "2026-12"), 201);
    assert_eq!((ahead["dues"].as_str(), ahead["last_month"].as_str()), (Some("40.00"), Some("2026-12")));
    assert_eq!(member.get_json("/api/v1/dues/me", 200)["paid_through"], "2026-12");
    // Nothing left to pay through December.
    let nothing = expect(pay(&secretary, wang, "2026-12"), 422);
    assert_eq!(error_fields(&nothing), vec!["through_month"]);

    // Voluntary payments: 1000 元 or more is flagged for the Central Committee.
    let voluntary = |amount: &str| {
        expect(
            secretary.post(
                "/api/v1/dues/payments",
                &json!({"person_id": wang, "method": "transfer", "paid_on": "2026-11-09", "voluntary": amount}),
            ),
            201,
        )
    };
    assert_eq!(voluntary("999.99")["remit_central"], false);
    let big = voluntary("1000");
    assert_eq!((big["remit_central"].as_bool(), big["amount"].as_str()), (Some(true), Some("1000.00")));
    let overview = admin.get_json("/api/v1/dues/collection?period=2026", 200);
    assert_eq!(overview["remit_central"], "1000.00");
    assert_eq!(overview["voluntary"], "1999.99");

    // Bad input: a clear field, nothing written.
    let before = member.get_json("/api/v1/dues/me", 200)["payments"].as_array().unwrap().len();
    for (body, field) in [
        (json!({"person_id": wang, "method": "wechat", "paid_on": "2026-11-10", "voluntary": "1"}), "method"),
        (
            json!({"person_id": wang, "method": "cash", "paid_on": "2026-11-10", "through_month": "2026-13"}),
            "through_month",
        ),
        (json!({"person_id": wang, "method": "cash", "paid_on": "2026-12-10", "voluntary": "1"}), "paid_on"),
        (json!({"person_id": wang, "method": "cash", "paid_on": "2026-11-10", "voluntary": "-5"}), "voluntary"),
        (json!({"person_id": wang, "method": "cash", "paid_on": "2026-11-10"}), "through_month"),
    ] {
        let refused = expect(secretary.post("/api/v1/dues/payments", &body), 422);
        assert_eq!(error_fields(&refused), vec![field], "{body}");
    }
    assert_eq!(member.get_json("/api/v1/dues/me", 200)["payments"].as_array().unwrap().len(), before);
    expect(
        app.login("zhibu_b1", FIXTURE_PASSWORD).post(
            "/api/v1/dues/payments",
            &json!({"person_id": wang, "method": "cash", "paid_on": "2026-11-10", "voluntary": "1"}),
        ),
        403,
    );

    // The receipt: the member's own PDF; another branch may not have it.
    let id = paid["id"].as_i64().unwrap();
    let receipt = member.get(&format!("/api/v1/dues/payments/{id}/receipt"));
    assert_eq!(receipt.status(), 200);
    assert_eq!(receipt.headers()["content-type"], "application/pdf");
    assert!(receipt.bytes().unwrap().starts_with(b"%PDF"));
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/dues/payments/{id}/receipt")), 403);
    assert!(!app.audit_rows("dues_payment", id).is_empty());

    // The yearly statement opens in Excel and as a PDF.
    let xlsx = secretary.get(&format!("/api/v1/dues/statement?org_id={}&year=2026", f.a1));
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).unwrap().unwrap();
    let text: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|t| t == "王志强"), "{text:?}");
    assert!(
        text.iter().any(|t| t == "未交"),
        "张建国 and 李秀英 have no base but owe nothing; 王志强's excused months show 未交"
    );
    let pdf = secretary.get(&format!("/api/v1/dues/statement?org_id={}&year=2026&format=pdf", f.a1));
    assert!(pdf.bytes().unwrap().starts_with(b"%PDF"));
}

#[test]
fn arrears_thresholds_raise_alerts_and_reminders_and_clear_when_paid() {
    let (app, f) = spawn_with_fixture_at(d("2026-01-01"));
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let li = f.a1_people[1];
    set_base(&admin, li, "employed", "3500", "2026-01");
    let env = || Background::new().env(&app.db, &app.config, &app.clock);
    let alerts = |rule: &str| -> Vec<Value> {
        admin.get_json(&format!("/api/v1/alerts?rule={rule}"), 200)["items"].as_array().unwrap().clone()
    };
    for m in 1..=4 {
        run_on(&app, &format!("2026-{m:02}-01"));
    }
    // On 2026-04-01 January–March are open: 3 months → 批评教育 flag, not yet 自行脱党.
    dangjian_api::alerts::run(&env()).unwrap();
    let warned = alerts("dues_arrears_3");
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0]["person_id"], li);
    assert!(warned[0]["detail"].as_str().unwrap().contains("欠交党费 3 个月"));
    assert!(alerts("dues_arrears_6").is_empty());
    // Reminders go out on the reminder day (the 20th), once per month.
    run_on(&app, "2026-04-20");
    run_on(&app, "2026-04-21");
    let li_user = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let count = || {
        let inbox = li_user.get_json("/api/v1/notifications", 200);
        inbox["items"].as_array().unwrap().iter().filter(|n| n["title"] == "党费缴纳提醒：2026年4月").count()
    };
    e2e::eventually("the dues reminder reaches the inbox", || (count() > 0).then_some(()));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(count(), 1, "once per member and month");

    // Six consecutive months → the 党章 §9 procedure is suggested, nothing is done automatically.
    for m in 5..=7 {
        run_on(&app, &format!("2026-{m:02}-01"));
    }
    dangjian_api::alerts::run(&env()).unwrap();
    let lapsed = alerts("dues_arrears_6");
    assert_eq!(lapsed.len(), 1);
    assert_eq!(alerts("lost_contact").len(), 1, "no meeting attended in those months either");
    assert!(lapsed[0]["detail"].as_str().unwrap().contains("连续 6 个月"), "{lapsed:?}");
    let member = admin.get_json(&format!("/api/v1/members/{li}"), 200);
    assert_eq!(member["membership_status"], "formal", "never automatic");
    let dues = admin.get_json(&format!("/api/v1/dues/members/{li}"), 200);
    assert_eq!((dues["arrears_months"].as_u64(), dues["arrears_consecutive"].as_u64()), (Some(6), Some(6)));
    // The ledger's arrears filter finds her.
    let behind = admin.get_json(&format!("/api/v1/dues/ledger?org_id={}&month=2026-07&status=arrears", f.a1), 200);
    assert_eq!(behind["items"].as_array().unwrap().len(), 1);
    assert_eq!(behind["items"][0]["arrears_months"], 6);

    // 补交 of six months clears both.
    app.clock.set(d("2026-07-15").and_hms_opt(1, 0, 0).unwrap().and_utc());
    expect(
        admin.post(
            "/api/v1/dues/payments",
            &json!({"person_id": li, "through_month": "2026-07", "method": "cash", "paid_on": "2026-07-15"}),
        ),
        201,
    );
    dangjian_api::alerts::run(&env()).unwrap();
    assert!(alerts("dues_arrears_3").is_empty());
    assert!(alerts("dues_arrears_6").is_empty());

    // The collection report: the root, one line per org below it, with rates.
    let overview = admin.get_json("/api/v1/dues/collection?period=2026-Q3", 200);
    assert_eq!(overview["period_label"], "2026年第3季度");
    let children = overview["children"].as_array().unwrap();
    assert_eq!(children.len(), 2);
    let a = children.iter().find(|c| c["org_id"] == f.a).unwrap();
    assert_eq!(a["totals"]["paid"], "35.00", "July paid by 李秀英: {overview}");
    assert_eq!(a["has_children"], true);
    let drill = admin.get_json(&format!("/api/v1/dues/collection?period=2026-Q3&org_id={}", f.a), 200);
    assert_eq!(drill["parent_id"], f.root);
    assert_eq!(drill["children"].as_array().unwrap().len(), 2);
    let branch = app.login("zhibu_b1", FIXTURE_PASSWORD);
    expect(branch.get(&format!("/api/v1/dues/collection?org_id={}", f.a)), 403);
    expect(admin.get("/api/v1/dues/collection?period=2026-Q5"), 400);
}
