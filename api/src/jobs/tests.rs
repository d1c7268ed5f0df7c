//! The job pool and schedules against a real (SQLite) database: takeover of stale jobs only,
//! cancellation, the bounded queue, failures, and schedule leases across two instances.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Duration;
use diesel::prelude::*;

use super::schedules::{Schedule, When};
use super::*;
use crate::clock::wall_now as now;
use crate::db::schema::jobs;

pub(crate) struct TestDb {
    pub db: Db,
    dir: std::path::PathBuf,
}

impl TestDb {
    pub(crate) fn new(name: &str) -> TestDb {
        let dir = std::env::temp_dir().join(format!("dangjian-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = Db::connect(&dir.join("t.db").to_string_lossy()).unwrap();
        TestDb { db, dir }
    }

    /// An instance on this database: its background handle (keep it alive) and its env.
    pub(crate) fn instance(&self, adjust: impl FnOnce(&mut Config)) -> (Background, Env) {
        let mut config = Config::default();
        adjust(&mut config);
        let background = Background::new();
        let env = background.env(&self.db, &config, &Clock::system());
        (background, env)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn queue(db: &Db, kind: &'static str) -> i64 {
    db.write_blocking(|conn| {
        submit(conn, 100, &NewJob { kind, payload: serde_json::json!({}), input: Some(b"abc"), created_by: None })
    })
    .unwrap()
}

fn row(db: &Db, id: i64) -> repo::JobRow {
    db.read_blocking(|conn| repo::get(conn, id)).unwrap()
}

static RAN: Mutex<Vec<(i64, i32, String)>> = Mutex::new(Vec::new());

fn record_run(ctx: &JobContext) -> Result<(), String> {
    let input = ctx.input()?.unwrap_or_default();
    RAN.lock().unwrap().push((ctx.id, ctx.attempt, String::from_utf8_lossy(&input).into_owned()));
    Ok(())
}

fn ignore_failure(_: &JobContext, _: &str) {}

static KINDS: [JobKind; 1] = [JobKind { name: "t_record", run: record_run, failed: ignore_failure }];

#[test]
fn only_a_job_whose_heartbeat_stopped_is_taken_over() {
    let t = TestDb::new("takeover");
    let (_a, a) = t.instance(|c| c.workers.job_stale_seconds = 60);
    let (_b, b) = t.instance(|c| c.workers.job_stale_seconds = 60);
    let dead = queue(&t.db, "t_record");
    let alive = queue(&t.db, "t_record");
    // Instance A takes both, then dies while running `dead`; it still beats for `alive`.
    let long_ago = now() - Duration::seconds(3600);
    t.db.write_blocking(|conn| {
        repo::take(conn, dead, &a.instance, long_ago)?;
        repo::take(conn, alive, &a.instance, long_ago)?;
        diesel::update(jobs::table.find(dead))
            .set(jobs::heartbeat_at.eq(now() - Duration::seconds(61)))
            .execute(conn)?;
        repo::heartbeat_one_for_test(conn, alive)
    })
    .unwrap();
    assert!(pool::run_next(&b, &KINDS).unwrap(), "B takes over the job whose heartbeat stopped");
    assert!(!pool::run_next(&b, &KINDS).unwrap(), "B leaves the job with a live heartbeat alone");
    let ran = RAN.lock().unwrap().iter().filter(|r| r.0 == dead || r.0 == alive).cloned().collect::<Vec<_>>();
    assert_eq!(ran, vec![(dead, 2, "abc".to_string())], "resumed once, as attempt 2, with its stored input");
    let (dead_row, alive_row) = (row(&t.db, dead), row(&t.db, alive));
    assert_eq!((dead_row.status.as_str(), dead_row.owner.as_deref()), (SUCCEEDED, Some(&*b.instance)));
    assert_eq!((alive_row.status.as_str(), alive_row.owner.as_deref()), (RUNNING, Some(&*a.instance)));
    // A's late end of the taken-over job does not overwrite B's record.
    assert!(!t.db.write_blocking(|conn| repo::finish(conn, dead, &a.instance, FAILED, Some("x"))).unwrap());
    // A's heartbeat keeps `alive` fresh; a job with many interruptions is failed, not retried forever.
    assert_eq!(t.db.write_blocking(|conn| repo::heartbeat(conn, &a.instance)).unwrap(), 1);
    t.db.write_blocking(|conn| {
        diesel::update(jobs::table.find(alive))
            .set((jobs::heartbeat_at.eq(now() - Duration::seconds(61)), jobs::attempts.eq(3)))
            .execute(conn)
            .map_err(Into::into)
    })
    .unwrap();
    assert!(pool::run_next(&b, &KINDS).unwrap());
    let alive_row = row(&t.db, alive);
    assert_eq!(alive_row.status, FAILED);
    assert!(alive_row.error.unwrap().contains("多次中断"));
}

static PROGRESSED: AtomicUsize = AtomicUsize::new(0);

fn long_run(ctx: &JobContext) -> Result<(), String> {
    for i in 0..500 {
        ctx.progress("处理", i, 500);
        PROGRESSED.store(i as usize, Ordering::SeqCst);
        ctx.check_cancel()?;
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Ok(())
}

static CANCEL_SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn note_failure(_: &JobContext, message: &str) {
    CANCEL_SEEN.lock().unwrap().push(message.to_string());
}

static LONG: [JobKind; 1] = [JobKind { name: "t_long", run: long_run, failed: note_failure }];

#[test]
fn a_running_job_stops_at_its_next_progress_report_when_cancelled() {
    let t = TestDb::new("cancel");
    let (_a, a) = t.instance(|_| {});
    let queued = queue(&t.db, "t_long");
    t.db.write_blocking(|conn| request_cancel(conn, queued)).unwrap();
    assert_eq!(row(&t.db, queued).status, CANCELLED, "a queued job is cancelled at once");
    assert!(!pool::run_next(&a, &LONG).unwrap());

    let id = queue(&t.db, "t_long");
    let worker = {
        let a = a.clone();
        std::thread::spawn(move || pool::run_next(&a, &LONG).unwrap())
    };
    while PROGRESSED.load(Ordering::SeqCst) < 3 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    t.db.write_blocking(|conn| request_cancel(conn, id)).unwrap();
    assert!(worker.join().unwrap());
    let job = row(&t.db, id);
    assert_eq!(job.status, CANCELLED);
    assert!(job.progress_done < 499, "stopped early, at {}", job.progress_done);
    assert_eq!(CANCEL_SEEN.lock().unwrap().as_slice(), ["任务已取消"]);
}

fn fail(_: &JobContext) -> Result<(), String> {
    Err("源数据无法读取".into())
}

fn panic_run(_: &JobContext) -> Result<(), String> {
    panic!("bug")
}

static FAILURES: Mutex<Vec<(i64, String)>> = Mutex::new(Vec::new());

fn keep_failure(ctx: &JobContext, message: &str) {
    FAILURES.lock().unwrap().push((ctx.id, message.to_string()));
}

static FAILING: [JobKind; 2] = [
    JobKind { name: "t_fail", run: fail, failed: keep_failure },
    JobKind { name: "t_panic", run: panic_run, failed: keep_failure },
];

#[test]
fn errors_and_panics_fail_the_job_and_reach_its_failure_hook() {
    let t = TestDb::new("fail");
    let (_a, a) = t.instance(|_| {});
    let failing = queue(&t.db, "t_fail");
    let panicking = queue(&t.db, "t_panic");
    let unknown = queue(&t.db, "t_unknown");
    while pool::run_next(&a, &FAILING).unwrap() {}
    for (id, message) in [(failing, "源数据无法读取"), (panicking, "内部错误，任务中止"), (unknown, "未知的任务类型")]
    {
        let job = row(&t.db, id);
        assert_eq!(job.status, FAILED);
        assert!(job.error.unwrap().contains(message));
    }
    let seen = FAILURES.lock().unwrap().clone();
    assert_eq!(seen, vec![(failing, "源数据无法读取".into()), (panicking, "内部错误，任务中止".into())]);
    assert_eq!(t.db.read_blocking(|conn| repo::input(conn, failing)).unwrap(), None, "inputs are dropped at the end");
}

#[test]
fn a_full_queue_refuses_new_jobs_with_503() {
    let t = TestDb::new("queue");
    let new = || NewJob { kind: "t_record", payload: serde_json::json!({}), input: None, created_by: None };
    for _ in 0..2 {
        t.db.write_blocking(|conn| submit(conn, 2, &new())).unwrap();
    }
    let refused = t.db.write_blocking(|conn| submit(conn, 2, &new())).unwrap_err();
    assert_eq!(crate::error::status_of(refused.code).as_u16(), 503);
    assert!(refused.message.contains("排队已满"), "{}", refused.message);
    let queued = t.db.read_blocking(repo::queued_count).unwrap();
    assert_eq!(queued, 2, "nothing was written for the refused job");
}

static SCHEDULED: AtomicUsize = AtomicUsize::new(0);

fn count(_: &Env) -> Result<(), String> {
    SCHEDULED.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[test]
fn a_schedule_slot_runs_on_one_instance_and_a_live_lease_blocks_others() {
    let t = TestDb::new("schedule");
    let (_a, a) = t.instance(|_| {});
    let (_b, b) = t.instance(|_| {});
    let schedules = [Schedule { name: "t_hourly", when: When::Every(3600), run: count }];
    let t0 = now();
    assert_eq!(schedules::tick(&a, &schedules, t0), ["t_hourly"]);
    assert!(schedules::tick(&b, &schedules, t0 + Duration::seconds(1)).is_empty(), "the slot was taken");
    assert!(schedules::tick(&a, &schedules, t0 + Duration::seconds(3599)).is_empty(), "not due yet");
    assert_eq!(schedules::tick(&b, &schedules, t0 + Duration::seconds(3600)), ["t_hourly"]);
    assert_eq!(SCHEDULED.load(Ordering::SeqCst), 2);
    // A takes the next slot and dies mid-run: B waits for the lease, then runs the slot.
    let due = t0 + Duration::seconds(7200);
    assert!(
        t.db.write_blocking(|c| repo::claim_schedule(c, "t_hourly", &a.instance, due, due + Duration::minutes(10)))
            .unwrap()
    );
    assert!(schedules::tick(&b, &schedules, due + Duration::minutes(5)).is_empty(), "lease still held");
    assert_eq!(schedules::tick(&b, &schedules, due + Duration::minutes(11)), ["t_hourly"]);
    assert_eq!(t.db.read_blocking(|c| repo::schedule_runs(c, "t_hourly")).unwrap().unwrap().0, 3);
}

#[test]
fn a_daily_slot_is_the_next_china_hour() {
    let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(17, 30, 0).unwrap(); // 01:30 China, 2 Mar
    let next = When::DailyAt(2).next_after(at);
    assert_eq!(next, chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(18, 0, 0).unwrap());
    assert_eq!(When::DailyAt(2).next_after(next), next + Duration::days(1));
    assert_eq!(When::Every(90).next_after(at), at + Duration::seconds(90));
}
