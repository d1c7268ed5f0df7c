//! The database under pressure: a long write plus many queued writes must not starve reads
//! (on SQLite, writers wait for their turn without holding one of the pool's connections).

use std::time::{Duration, Instant};

use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;

#[test]
fn reads_are_answered_promptly_while_a_long_write_holds_the_writer() {
    if e2e::backend() == "postgres" {
        // PostgreSQL has no single writer: a long write holds no turn that others queue for.
        eprintln!("skipped on PostgreSQL: the writer turn is SQLite's");
        return;
    }
    let (app, _) = spawn_with_fixture();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let role = secretary.get_json("/api/v1/me", 200)["active_role"]["id"].clone();
    // A long write (as an HR apply batch would be) holds the write turn for 3 seconds.
    let db = app.db.clone();
    let long_write = std::thread::spawn(move || {
        db.write_blocking(|_| {
            std::thread::sleep(Duration::from_secs(3));
            Ok(())
        })
        .unwrap()
    });
    std::thread::sleep(Duration::from_millis(200));
    // 50 writes queue up behind it.
    let writers: Vec<_> = (0..50)
        .map(|_| {
            let secretary = e2e::Api {
                base: secretary.base.clone(),
                client: secretary.client.clone(),
                token: secretary.token.clone(),
            };
            let body = json!({"role_assignment_id": role});
            std::thread::spawn(move || secretary.put("/api/v1/me/active-role", &body).status().as_u16())
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Reads still answer within a second each.
    for _ in 0..5 {
        let started = Instant::now();
        member.get_json("/api/v1/me", 200);
        member.get_json("/api/v1/members", 200);
        assert!(started.elapsed() < Duration::from_secs(1), "a read waited {:?}", started.elapsed());
    }
    long_write.join().unwrap();
    let codes: Vec<u16> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(codes.iter().all(|c| *c == 200), "every queued write succeeds afterwards: {codes:?}");
}
