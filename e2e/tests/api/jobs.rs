//! Hygiene run by a named schedule: ended sessions and old failed logins are deleted.

use dangjian_api::db::schema::{login_failures, sessions};
use diesel::prelude::*;
use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;

#[test]
fn the_purge_deletes_ended_sessions_and_old_failed_logins_only() {
    let (app, _) = spawn_with_fixture();
    let kept = app.login("admin", FIXTURE_PASSWORD);
    let _ended = app.login("admin", FIXTURE_PASSWORD);
    for _ in 0..2 {
        expect(
            app.anonymous().post("/api/v1/auth/login", &json!({"login": "admin", "password": "wrong-password"})),
            401,
        );
    }
    let now = dangjian_api::clock::wall_now();
    app.db
        .write_blocking(|conn| {
            let newest: i64 =
                sessions::table.select(diesel::dsl::max(sessions::id)).first::<Option<i64>>(conn)?.unwrap();
            diesel::update(sessions::table.find(newest))
                .set(sessions::expires_at.eq(now - chrono::Duration::days(2)))
                .execute(conn)?;
            let oldest: i64 =
                login_failures::table.select(diesel::dsl::min(login_failures::id)).first::<Option<i64>>(conn)?.unwrap();
            diesel::update(login_failures::table.find(oldest))
                .set(login_failures::at.eq(now - chrono::Duration::days(31)))
                .execute(conn)?;
            Ok(())
        })
        .unwrap();
    assert_eq!(dangjian_api::auth::purge::run(&app.db).unwrap(), (1, 1));
    assert_eq!(dangjian_api::auth::purge::run(&app.db).unwrap(), (0, 0), "nothing left to purge");
    let counts = app
        .db
        .read_blocking(|conn| {
            Ok((
                sessions::table.count().get_result::<i64>(conn)?,
                login_failures::table.count().get_result::<i64>(conn)?,
            ))
        })
        .unwrap();
    assert_eq!(counts, (1, 1));
    kept.get_json("/api/v1/me", 200);
}
