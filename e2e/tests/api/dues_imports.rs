//! The yearly base declaration imported from a file: a preview with errors per line (nothing
//! applied), then applied once, with an audit row per base.

use chrono::NaiveDate;
use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, id_card, spawn_with_fixture_at};
use serde_json::Value;

fn line(preview: &Value, n: i64) -> &Value {
    preview["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["line"] == n)
        .unwrap_or_else(|| panic!("line {n}: {preview}"))
}

fn error_field(preview: &Value, n: i64) -> String {
    line(preview, n)["errors"][0]["field"].as_str().unwrap_or("").to_string()
}

#[test]
fn a_declaration_is_previewed_line_by_line_then_applied_once() {
    let (app, f) = spawn_with_fixture_at(NaiveDate::from_ymd_opt(2026, 12, 10).unwrap());
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let csv = format!(
        "身份证号码,姓名,党费类别,计算基数（元）,起始月份\n\
         {zhang},张建国,在职,\"6,500.00\",2027-01\n\
         {li},李秀英,离退休,5000,2027年1月\n\
         {wang},王志强,boss,3000,2027-01\n\
         110105199001011234,某某,在职,3000,2027-01\n\
         {zhou},周杰,在职,3000,2027-01\n\
         {zhao},赵小丽,在职,3000,2027-01\n\
         {zhang},张建国,在职,7000,2027-01\n\
         {zhao},赵丽,学生,,2027-13\n",
        zhang = id_card(1, true),
        li = id_card(2, false),
        wang = id_card(3, true),
        zhou = id_card(21, true),
        zhao = id_card(4, false),
    );
    let preview = expect(secretary.upload("/api/v1/dues/base-imports?file_name=2027年基数.csv", csv.into_bytes()), 201);
    assert_eq!((preview["valid_rows"].as_i64(), preview["error_rows"].as_i64()), (Some(2), Some(6)), "{preview}");
    assert_eq!(line(&preview, 2)["monthly"], "97.50", "6,500.00 在职 → 1.5%");
    assert_eq!(line(&preview, 3)["monthly"], "25.00", "5000 离退休 → 0.5%");
    assert_eq!(error_field(&preview, 4), "category");
    assert_eq!(error_field(&preview, 5), "id_card_number", "unknown person");
    assert!(line(&preview, 6)["errors"][0]["message"].as_str().unwrap().contains("不在您的管理范围内"));
    assert_eq!(error_field(&preview, 7), "name", "name does not match the record");
    assert_eq!(error_field(&preview, 8), "id_card_number", "twice in the file");
    assert_eq!(error_field(&preview, 9), "effective_month");
    assert_eq!(preview["lines"][0]["line"], 4, "errors first");
    // Nothing is applied by the preview.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    assert!(
        admin.get_json(&format!("/api/v1/dues/members/{}", f.a1_people[0]), 200)["bases"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let id = preview["id"].as_i64().unwrap();
    expect(
        app.login("zhibu_b1", FIXTURE_PASSWORD).post(&format!("/api/v1/dues/base-imports/{id}/apply"), &Value::Null),
        403,
    );
    let applied = expect(secretary.post(&format!("/api/v1/dues/base-imports/{id}/apply"), &Value::Null), 200);
    assert_eq!(applied["status"], "applied");
    let zhang = admin.get_json(&format!("/api/v1/dues/members/{}", f.a1_people[0]), 200);
    assert_eq!(zhang["bases"][0]["base"], "6500.00");
    assert_eq!(zhang["bases"][0]["source"], "import");
    assert_eq!(zhang["bases"][0]["effective_month"], "2027-01");
    assert!(
        app.audit_rows("dues_base", zhang["bases"][0]["id"].as_i64().unwrap())
            .iter()
            .any(|a| a.action == "dues.base_imported")
    );
    expect(secretary.post(&format!("/api/v1/dues/base-imports/{id}/apply"), &Value::Null), 409);

    // XLSX with a title line above the header; the template downloads.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write(0, 0, "一所第一党支部 2027 年党费基数申报").unwrap();
    for (c, h) in ["工号", "党费类别", "计算基数（元）", "起始月份"].iter().enumerate() {
        sheet.write(1, c as u16, *h).unwrap();
    }
    for (c, v) in ["T00003", "在职", "12000", "2027-03"].iter().enumerate() {
        sheet.write(2, c as u16, *v).unwrap();
    }
    let xlsx = book.save_to_buffer().unwrap();
    let preview = expect(secretary.upload("/api/v1/dues/base-imports?file_name=申报.xlsx", xlsx), 201);
    assert_eq!((preview["valid_rows"].as_i64(), preview["error_rows"].as_i64()), (Some(1), Some(0)), "{preview}");
    assert_eq!(preview["lines"][0]["monthly"], "240.00");
    let template = secretary.get("/api/v1/dues/base-imports/template.xlsx");
    assert_eq!(template.status(), 200);

    // Bad files: a clear 4xx, nothing stored.
    let missing =
        expect(secretary.upload("/api/v1/dues/base-imports?file_name=x.csv", "姓名,备注\n张三,无\n".into()), 422);
    assert!(missing["message"].as_str().unwrap().contains("缺少必需的列"));
    expect(secretary.upload("/api/v1/dues/base-imports?file_name=x.csv", vec![b'a'; 11 * 1024 * 1024]), 413);
    expect(
        app.login("dangyuan_a1", FIXTURE_PASSWORD).upload("/api/v1/dues/base-imports?file_name=x.csv", b"a".to_vec()),
        403,
    );
}
