//! Two `dangjian serve` processes on one PostgreSQL database, as in a deployment behind a
//! reverse proxy: a schedule runs once, outbox messages are delivered once, a job survives the
//! `kill -9` of the instance running it, and both instances answer the same API calls alike.
//!
//! Needs PostgreSQL (`DANGJIAN_TEST_PG_URL`, default postgres://postgres@127.0.0.1:5432; skipped
//! with a message when unreachable) and the server binary next to the test executable
//! (`cargo build -p dangjian-api --bin dangjian`; `scripts/test.sh` does this).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dangjian_api::db::Db;
use dangjian_api::outbox::{Message, enqueue};
use diesel::prelude::*;
use e2e::fake_hr::{FakeHr, Reply};
use e2e::fixture::{FIXTURE_PASSWORD, Fixture};
use e2e::{Api, TempDir, eventually, expect};
use serde_json::{Value, json};

fn pg_admin_url() -> String {
    std::env::var("DANGJIAN_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh database, dropped at the end.
struct PgDatabase {
    name: String,
    url: String,
}

impl PgDatabase {
    fn create() -> Result<PgDatabase, String> {
        let mut admin = diesel::PgConnection::establish(&format!("{}/postgres", pg_admin_url()))
            .map_err(|e| format!("PostgreSQL not reachable at {}: {e}", pg_admin_url()))?;
        let name = format!("dj_instances_{}", std::process::id());
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).unwrap();
        Ok(PgDatabase { url: format!("{}/{name}", pg_admin_url()), name })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = diesel::PgConnection::establish(&format!("{}/postgres", pg_admin_url())) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

/// `target/<profile>/dangjian`: the test runs from `target/<profile>/deps/`.
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().and_then(|deps| deps.parent()).unwrap().join("dangjian");
    assert!(path.exists(), "{} is missing: run `cargo build -p dangjian-api --bin dangjian` first", path.display());
    path
}

/// One `dangjian serve` child process.
struct Instance {
    name: &'static str,
    child: Child,
    api: Api,
}

impl Instance {
    fn start(name: &'static str, db_url: &str, dir: &TempDir) -> Instance {
        let mut child = Command::new(server_binary())
            .arg("serve")
            .env("DANGJIAN_DATABASE_URL", db_url)
            .env("DANGJIAN_BIND", "127.0.0.1:0")
            .env("DANGJIAN_DATA_DIR", dir.0.join(name))
            .env("DANGJIAN_STATIC_DIR", dir.0.join("no-spa"))
            .env("DANGJIAN_SCHEDULE_TICK_SECONDS", "1")
            .env("DANGJIAN_JOB_HEARTBEAT_SECONDS", "1")
            .env("DANGJIAN_JOB_STALE_SECONDS", "4")
            .env("DANGJIAN_WORKER_POLL_MILLIS", "200")
            .env("DANGJIAN_HR_REQUEST_TIMEOUT_SECONDS", "30")
            .env("DANGJIAN_HR_ALLOWED_HOSTS", "127.0.0.1")
            .env("DANGJIAN_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let base = loop {
            line.clear();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "instance {name} exited before listening");
            if let Some(rest) = line.split("http://").nth(1) {
                break format!("http://{}", rest.split_whitespace().next().unwrap());
            }
        };
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in stdout.lines() {});
        Instance { name, child, api: Api { base, client: reqwest::blocking::Client::new(), token: None } }
    }

    fn with_token(&self, token: &str) -> Api {
        Api { base: self.api.base.clone(), client: reqwest::blocking::Client::new(), token: Some(token.into()) }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn login(api: &Api) -> String {
    let body = expect(api.post("/api/v1/auth/login", &json!({"login": "admin", "password": FIXTURE_PASSWORD})), 200);
    body["token"].as_str().unwrap().to_string()
}

/// (id, status, owner, attempts) of the background job behind sync job `sync_job_id`.
fn job_of(db: &Db, sync_job_id: i64) -> Option<(i64, String, Option<String>, i32)> {
    use dangjian_api::db::schema::jobs;
    db.read_blocking(|conn| {
        let rows: Vec<(i64, String, Option<String>, i32, String)> =
            jobs::table.select((jobs::id, jobs::status, jobs::owner, jobs::attempts, jobs::payload_json)).load(conn)?;
        Ok(rows.into_iter().find_map(|(id, status, owner, attempts, payload)| {
            let payload: Value = serde_json::from_str(&payload).ok()?;
            (payload["sync_job_id"] == sync_job_id).then_some((id, status, owner, attempts))
        }))
    })
    .unwrap()
}

#[test]
fn two_instances_share_schedules_outbox_and_jobs_and_survive_a_kill() {
    let database = match PgDatabase::create() {
        Ok(db) => db,
        Err(reason) => {
            println!("skipping the two-instance test: {reason}");
            return;
        }
    };
    dangjian_api::install_tls_provider();
    let db = Db::connect(&database.url).expect("migrations run");
    let f = Fixture::load_into(&db);
    let dir = TempDir::new();
    let a = Instance::start("a", &database.url, &dir);
    let b = Instance::start("b", &database.url, &dir);

    // Sessions live in the database: a login on A works on B, and both answer alike.
    let token = login(&a.api);
    let (on_a, on_b) = (a.with_token(&token), b.with_token(&token));
    for path in ["/api/v1/orgs/tree", &format!("/api/v1/members?org_id={}", f.a1), "/api/v1/hr/jobs", "/api/v1/audit"] {
        let (x, y) = (on_a.get_json(path, 200), on_b.get_json(path, 200));
        assert_eq!(x, y, "{path} differs between the instances");
    }

    // A schedule (the session purge, due at start, then hourly) ran once, on one instance.
    let runs = || db.read_blocking(|conn| dangjian_api::jobs::repo::schedule_runs(conn, "purge_sessions")).unwrap();
    let first = eventually("the purge schedule runs", || runs().filter(|r| r.0 >= 1));
    std::thread::sleep(Duration::from_secs(3)); // three more ticks on each instance
    let (count, holder) = runs().unwrap();
    assert_eq!(count, 1, "the purge ran once, not once per instance");
    assert_eq!(holder, first.1);
    println!("purge_sessions ran once, on {}", holder.unwrap_or_default());

    // N outbox messages are delivered exactly once between the two dispatchers.
    const N: usize = 200;
    let admin_id = on_b.get_json("/api/v1/me", 200)["user_id"].as_i64().unwrap();
    let ids: Vec<i64> = db
        .write_blocking(|conn| {
            (0..N).map(|i| enqueue(conn, &Message::in_app(admin_id, &format!("消息 {i}"), "正文", None))).collect()
        })
        .unwrap();
    let attempts = eventually("every message is delivered", || {
        use dangjian_api::db::schema::{outbox, outbox_attempts};
        let (delivered, attempts) = db
            .read_blocking(|conn| {
                let delivered: i64 = outbox::table
                    .filter(outbox::id.eq_any(&ids))
                    .filter(outbox::status.eq("delivered"))
                    .count()
                    .get_result(conn)?;
                let attempts: Vec<(i64, String, bool)> = outbox_attempts::table
                    .filter(outbox_attempts::outbox_id.eq_any(&ids))
                    .select((outbox_attempts::outbox_id, outbox_attempts::instance, outbox_attempts::ok))
                    .load(conn)?;
                Ok((delivered, attempts))
            })
            .unwrap();
        (delivered as usize == N).then_some(attempts)
    });
    assert_eq!(attempts.len(), N, "one attempt per message");
    assert!(attempts.iter().all(|a| a.2));
    let mut per_message: Vec<i64> = attempts.iter().map(|a| a.0).collect();
    per_message.sort();
    per_message.dedup();
    assert_eq!(per_message.len(), N);
    let notices: i64 = db
        .read_blocking(|conn| {
            use dangjian_api::db::schema::notifications;
            Ok(notifications::table
                .filter(notifications::user_id.eq(admin_id))
                .filter(notifications::title.like("消息 %"))
                .count()
                .get_result(conn)?)
        })
        .unwrap();
    assert_eq!(notices as usize, N, "each notice written once");
    let mut by_instance = std::collections::BTreeMap::new();
    for (_, instance, _) in &attempts {
        *by_instance.entry(instance.clone()).or_insert(0) += 1;
    }
    println!("deliveries per instance: {by_instance:?}");

    // A pull whose HR request hangs: kill -9 the instance running it; the other takes over.
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = FakeHr::start(move |_, _| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let delay = if n == 0 { Duration::from_secs(10) } else { Duration::ZERO };
        Reply { delay, ..Reply::json(json!({"data": {"items": []}})) }
    });
    let connector = expect(
        on_a.post(
            "/api/v1/hr/connectors",
            &json!({
                "name": "人事主数据", "base_url": server.url, "auth_header_name": null, "auth_header_value": null,
                "paging_style": "page_number", "page_size": 50, "items_pointer": "/data/items", "next_cursor_pointer": null,
                "field_mapping": {"employee_number": "empNo", "name": "fullName", "id_card_number": "idNo"},
                "schedule_hour": null, "scope_org_id": f.root
            }),
        ),
        201,
    );
    let sync = expect(on_b.post(&format!("/api/v1/hr/connectors/{}/pull", connector["id"]), &json!({})), 202);
    let sync_id = sync["id"].as_i64().unwrap();
    let (job_id, _, owner, _) = eventually("the pull job is running", || {
        job_of(&db, sync_id).filter(|j| j.1 == "running" && calls.load(Ordering::SeqCst) == 1)
    });
    let owner = owner.unwrap();
    let (mut victim, survivor) = if owner.contains(&format!("-{}-", a.child.id())) { (a, b) } else { (b, a) };
    assert!(owner.contains(&format!("-{}-", victim.child.id())), "{owner} is one of the two instances");
    let killed_at = Instant::now();
    victim.child.kill().unwrap(); // SIGKILL: no shutdown code runs
    victim.child.wait().unwrap();
    println!("killed instance {} (running job {job_id})", victim.name);
    let survivor_api = survivor.with_token(&token);
    let done = survivor_api.wait_for_job(sync_id);
    assert_eq!(done["status"], "preview_ready", "{done}");
    let (_, status, new_owner, attempts) = job_of(&db, sync_id).unwrap();
    assert_eq!(status, "succeeded");
    assert_ne!(new_owner.as_deref(), Some(owner.as_str()), "finished by the other instance");
    assert_eq!(attempts, 2, "taken over once");
    assert_eq!(calls.load(Ordering::SeqCst), 2, "the HR system was asked again once");
    println!("job taken over and finished {:.1} s after the kill", killed_at.elapsed().as_secs_f64());

    // The survivor still serves everything, with the same data the database holds.
    let jobs = survivor_api.get_json("/api/v1/hr/jobs", 200);
    assert_eq!(jobs["items"][0]["id"], sync_id);
    assert_eq!(survivor_api.get_json(&format!("/api/v1/hr/jobs/{sync_id}"), 200), done);
}
