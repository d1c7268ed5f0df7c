//! Reports are SQL aggregates: the compliance report at the top of a tree with more meetings
//! than SQLite can bind parameters (32,766) answers, and counts what it should.

use diesel::RunQueryDsl;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};

const MEETINGS: i64 = 33_000;

#[test]
fn compliance_over_more_meetings_than_sqlite_can_bind() {
    let (app, f) = spawn_with_fixture();
    let year = chrono::Datelike::year(&dangjian_api::clock::Clock::system().today());
    // 33,000 主题党日 of branch a1 on 10 January, written in one statement.
    let insert = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MEETINGS}) \
         INSERT INTO meetings (org_id, kind, topic, starts_at, held_on, status, created_at, updated_at) \
         SELECT {a1}, 'theme_day', '主题党日', '{year}-01-10 09:00:00', '{year}-01-10', 'planned', \
         '{year}-01-01 00:00:00', '{year}-01-01 00:00:00' FROM n",
        a1 = f.a1
    );
    app.db
        .write_blocking(move |conn| {
            diesel::sql_query(insert.clone()).execute(conn)?;
            Ok(())
        })
        .unwrap();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let report = admin.get_json(&format!("/api/v1/meetings/compliance?period={year}"), 200);
    let rows = report["rows"].as_array().unwrap();
    let a1 = rows.iter().find(|r| r["org_id"] == f.a1).unwrap();
    let a2 = rows.iter().find(|r| r["org_id"] == f.a2).unwrap();
    let months = |row: &serde_json::Value| {
        row["missing"].as_array().unwrap().iter().filter(|m| m["kind"] == "theme_day").count()
    };
    assert_eq!(months(a2) - months(a1), 1, "a1 held January's 主题党日, a2 did not");
    assert!(rows.len() >= 3, "every active branch of the institution is listed");
}
