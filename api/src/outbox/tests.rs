//! The dispatcher against a real (SQLite) database with scripted providers: retries with
//! backoff, dead letters, claims between two instances, and a manual retry.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Duration, NaiveDateTime};

use super::dispatcher::{self, Delivery, Provider, Registry, backoff_seconds};
use super::*;
use crate::clock::wall_now as now;
use crate::jobs::Env;
use crate::jobs::tests::TestDb;

/// Fails its first `failures` calls, then delivers; counts calls.
struct Scripted {
    failures: usize,
    calls: AtomicUsize,
}

impl Provider for &'static Scripted {
    fn channel(&self) -> Channel {
        Channel::Sms
    }

    fn deliver(&self, _: &mut DbConnection, _: &Delivery) -> Result<Option<String>, String> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if n < self.failures { Err(format!("网关返回 502（第 {} 次）", n + 1)) } else { Ok(None) }
    }
}

fn sms(db: &crate::db::Db) -> i64 {
    let message = Message {
        channel: Channel::Sms,
        recipient_user_id: None,
        recipient_person_id: None,
        payload: serde_json::json!({"template": "t"}),
    };
    db.write_blocking(|conn| enqueue(conn, &message)).unwrap()
}

fn instance(t: &TestDb, max_attempts: i32) -> (crate::jobs::Background, Env) {
    t.instance(|c| {
        c.workers.outbox_max_attempts = max_attempts;
        c.workers.outbox_backoff_seconds = 30;
        c.workers.outbox_backoff_max_seconds = 100;
    })
}

fn attempts(t: &TestDb, id: i64) -> Vec<(i32, String, bool, Option<String>)> {
    t.db.read_blocking(|conn| repo::attempts_of(conn, id)).unwrap()
}

fn next_attempt(t: &TestDb, id: i64) -> NaiveDateTime {
    use crate::db::schema::outbox;
    use diesel::prelude::*;
    t.db.read_blocking(|conn| {
        Ok(outbox::table.find(id).select(outbox::next_attempt_at).first::<Option<NaiveDateTime>>(conn)?)
    })
    .unwrap()
    .unwrap()
}

#[test]
fn backoff_doubles_from_the_base_up_to_the_cap() {
    let delays: Vec<i64> = (1..=6).map(|n| backoff_seconds(30, 600, n)).collect();
    assert_eq!(delays, [30, 60, 120, 240, 480, 600]);
    assert_eq!(backoff_seconds(30, 3600, 1000), 3600, "no overflow on many failures");
}

#[test]
fn a_failing_provider_is_retried_with_backoff_until_it_delivers() {
    static FLAKY: Scripted = Scripted { failures: 2, calls: AtomicUsize::new(0) };
    let t = TestDb::new("outbox-retry");
    let (_bg, env) = instance(&t, 5);
    let registry = Registry::default().with(&FLAKY);
    let id = sms(&t.db);
    let t0 = now() + Duration::seconds(1);
    assert_eq!(dispatcher::pass(&env, &registry, t0).unwrap(), 1);
    assert_eq!(next_attempt(&t, id), t0 + Duration::seconds(30), "first retry after the base delay");
    assert_eq!(dispatcher::pass(&env, &registry, t0 + Duration::seconds(29)).unwrap(), 0, "not due yet");
    let t1 = t0 + Duration::seconds(30);
    assert_eq!(dispatcher::pass(&env, &registry, t1).unwrap(), 1);
    assert_eq!(next_attempt(&t, id), t1 + Duration::seconds(60), "then twice as long");
    assert_eq!(dispatcher::pass(&env, &registry, t1 + Duration::seconds(59)).unwrap(), 0);
    assert_eq!(dispatcher::pass(&env, &registry, t1 + Duration::seconds(60)).unwrap(), 1);
    let row = t.db.read_blocking(|conn| repo::get(conn, id)).unwrap();
    assert_eq!((row.status.as_str(), row.attempts), (repo::DELIVERED, 3));
    let tries = attempts(&t, id);
    assert_eq!(tries.iter().map(|a| (a.0, a.2)).collect::<Vec<_>>(), [(1, false), (2, false), (3, true)]);
    assert_eq!(tries[0].3.as_deref(), Some("网关返回 502（第 1 次）"));
    assert!(tries.iter().all(|a| a.1 == *env.instance));
    assert_eq!(dispatcher::pass(&env, &registry, t1 + Duration::seconds(3600)).unwrap(), 0, "delivered once");
    assert_eq!(FLAKY.calls.load(Ordering::SeqCst), 3);
}

#[test]
fn a_message_becomes_a_dead_letter_after_max_attempts_and_can_be_retried() {
    static BROKEN: Scripted = Scripted { failures: 3, calls: AtomicUsize::new(0) };
    let t = TestDb::new("outbox-dead");
    let (_bg, env) = instance(&t, 3);
    let registry = Registry::default().with(&BROKEN);
    let id = sms(&t.db);
    let mut at = now() + Duration::seconds(1);
    for _ in 0..3 {
        assert_eq!(dispatcher::pass(&env, &registry, at).unwrap(), 1);
        at += Duration::seconds(100);
    }
    let row = t.db.read_blocking(|conn| repo::get(conn, id)).unwrap();
    assert_eq!((row.status.as_str(), row.attempts), (repo::DEAD, 3));
    assert!(row.dead_at.is_some());
    assert_eq!(dispatcher::pass(&env, &registry, at + Duration::days(1)).unwrap(), 0, "dead letters are not retried");
    let dead = t.db.read_blocking(|conn| repo::list(conn, Some(repo::DEAD), None, None, 10)).unwrap();
    assert_eq!(dead.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);

    // An admin retries it: a fresh set of attempts, and this time the gateway answers.
    assert!(t.db.write_blocking(|conn| repo::revive(conn, id)).unwrap());
    assert!(!t.db.write_blocking(|conn| repo::revive(conn, id)).unwrap(), "only dead letters");
    assert_eq!(dispatcher::pass(&env, &registry, at + Duration::days(1)).unwrap(), 1);
    assert_eq!(t.db.read_blocking(|conn| repo::get(conn, id)).unwrap().status, repo::DELIVERED);
    let tries = attempts(&t, id).iter().map(|a| (a.0, a.2)).collect::<Vec<_>>();
    assert_eq!(tries, [(1, false), (2, false), (3, false), (1, true)], "every attempt is kept");
}

#[test]
fn a_claimed_message_is_not_taken_by_a_second_dispatcher() {
    static OK: Scripted = Scripted { failures: 0, calls: AtomicUsize::new(0) };
    let t = TestDb::new("outbox-claim");
    let (_a, a) = instance(&t, 3);
    let (_b, b) = instance(&t, 3);
    let id = sms(&t.db);
    let at = now() + Duration::seconds(1);
    // A claims the message and is then slow (or dies) before recording the attempt.
    t.db.write_blocking(|conn| {
        let ids = crate::db::claim::due_outbox(conn, &["sms".to_string()], at, 10)?;
        repo::mark_claimed(conn, &ids, &a.instance, at + Duration::minutes(5))?;
        Ok(ids)
    })
    .unwrap();
    let registry = Registry::default().with(&OK);
    assert_eq!(dispatcher::pass(&b, &registry, at).unwrap(), 0, "claimed by A");
    assert_eq!(OK.calls.load(Ordering::SeqCst), 0);
    // A never came back: after the claim expires, B delivers.
    assert_eq!(dispatcher::pass(&b, &registry, at + Duration::minutes(6)).unwrap(), 1);
    assert_eq!(attempts(&t, id).iter().map(|a| a.1.clone()).collect::<Vec<_>>(), [b.instance.to_string()]);
    // A's late record is refused: the message is B's.
    let late = t.db.write_blocking(|conn| repo::record_attempt(conn, id, &a.instance, 1, at, &Ok(None), None)).unwrap();
    assert!(!late);
}

#[test]
fn messages_of_a_channel_without_a_provider_wait() {
    let t = TestDb::new("outbox-wait");
    let (_bg, env) = instance(&t, 3);
    let id = sms(&t.db);
    assert_eq!(dispatcher::pass(&env, &providers::standard(&env.config), now() + Duration::hours(1)).unwrap(), 0);
    assert_eq!(t.db.read_blocking(|conn| repo::get(conn, id)).unwrap().status, repo::PENDING);
}
