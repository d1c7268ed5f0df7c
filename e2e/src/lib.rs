//! Test harness: starts the real server on port 0 with a fresh database (a SQLite file, or a
//! fresh PostgreSQL database when `DANGJIAN_TEST_DATABASE=postgres`) and talks to it over HTTP.

pub mod bombs;
pub mod fake_hr;
pub mod fake_wechatpay;
pub mod fixture;
pub mod smtp_sink;

use std::net::TcpListener;
use std::sync::atomic::{AtomicU32, Ordering};

use dangjian_api::config::Config;
use dangjian_api::db::Db;
use reqwest::blocking::{Client, Response};
use serde_json::Value;

pub use fixture::Fixture;

/// `postgres` when the suite runs against PostgreSQL.
pub fn backend() -> String {
    std::env::var("DANGJIAN_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into())
}

fn pg_admin_url() -> String {
    std::env::var("DANGJIAN_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

static NEXT_DB: AtomicU32 = AtomicU32::new(0);

/// A fresh, empty database; returns its URL and, for PostgreSQL, its name to drop later.
fn fresh_database(dir: &std::path::Path) -> (String, Option<String>) {
    if backend() == "postgres" {
        use diesel::{Connection, RunQueryDsl};
        let name = format!("dj_test_{}_{}", std::process::id(), NEXT_DB.fetch_add(1, Ordering::SeqCst));
        let mut admin =
            diesel::PgConnection::establish(&format!("{}/postgres", pg_admin_url())).expect("PostgreSQL reachable");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).unwrap();
        (format!("{}/{name}", pg_admin_url()), Some(name))
    } else {
        (dir.join("test.db").to_string_lossy().into_owned(), None)
    }
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub config: Config,
    /// The server's clock (the system clock unless a test pins it).
    pub clock: dangjian_api::clock::Clock,
    server: actix_web::dev::ServerHandle,
    pg_name: Option<String>,
    _dir: TempDir,
}

/// A temporary folder removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let n = NEXT_DB.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("dangjian-e2e-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Default for TempDir {
    fn default() -> Self {
        TempDir::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestApp {
    /// Starts a server with default settings.
    pub fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {})
    }

    pub fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::spawn_with_clock(dangjian_api::clock::Clock::system(), adjust)
    }

    /// Starts a server whose business clock is pinned at 09:00 China time on `date`; move it
    /// with `app.clock.advance(..)`.
    pub fn spawn_at(date: chrono::NaiveDate) -> TestApp {
        TestApp::spawn_with_clock(dangjian_api::clock::Clock::fixed_on(date), |_| {})
    }

    pub fn spawn_with_clock(clock: dangjian_api::clock::Clock, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = TempDir::new();
        let (url, pg_name) = fresh_database(&dir.0);
        let mut config = Config {
            database_url: Some(url.clone()),
            data_dir: dir.0.clone(),
            static_dir: dir.0.join("no-spa"),
            ..Config::default()
        };
        // The tests' fake HR servers listen on loopback; a deployment lists its own HR hosts.
        config.hr.allowed_hosts = vec!["127.0.0.1".into()];
        config.sms.allowed_hosts.push("127.0.0.1".into());
        config.mail.allowed_hosts.push("127.0.0.1".into());
        adjust(&mut config);
        let db = Db::connect(&url).expect("database connects and migrates");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        let state = dangjian_api::state::AppState::with_clock(db.clone(), config.clone(), clock.clone());
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = dangjian_api::startup::run(listener, state).unwrap();
                tx.send(server.handle()).unwrap();
                server.await.unwrap();
            })
        });
        let server = rx.recv().unwrap();
        TestApp { base, db, config, clock, server, pg_name, _dir: dir }
    }

    /// The server's business date (today in China).
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An HTTP client without a session.
    pub fn anonymous(&self) -> Api {
        Api { base: self.base.clone(), client: client(), token: None }
    }

    /// Logs in and returns a client that sends the bearer token.
    pub fn login(&self, login: &str, password: &str) -> Api {
        let mut api = self.anonymous();
        let response = api.post("/api/v1/auth/login", &serde_json::json!({"login": login, "password": password}));
        assert_eq!(response.status(), 200, "login as {login}");
        let body: Value = response.json().unwrap();
        api.token = Some(body["token"].as_str().unwrap().to_string());
        api
    }

    /// Audit rows for one entity, newest first (read directly, as an auditor would).
    pub fn audit_rows(&self, entity: &str, entity_id: i64) -> Vec<shared::api::audit::AuditEntry> {
        self.db
            .read_blocking(|conn| dangjian_api::audit::repo::list(conn, Some(entity), Some(entity_id), None, 100))
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let handle = self.server.clone();
        let _ = std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false))).join();
        if let Some(name) = &self.pg_name {
            use diesel::{Connection, RunQueryDsl};
            if let Ok(mut admin) = diesel::PgConnection::establish(&format!("{}/postgres", pg_admin_url())) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
            }
        }
    }
}

fn client() -> Client {
    dangjian_api::install_tls_provider();
    Client::builder().cookie_store(true).build().unwrap()
}

/// A client of the API, optionally logged in.
pub struct Api {
    pub base: String,
    pub client: Client,
    pub token: Option<String>,
}

impl Api {
    fn with_auth(&self, builder: reqwest::blocking::RequestBuilder) -> reqwest::blocking::RequestBuilder {
        match &self.token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub fn get(&self, path: &str) -> Response {
        self.with_auth(self.client.get(format!("{}{path}", self.base))).send().unwrap()
    }

    pub fn post(&self, path: &str, body: &Value) -> Response {
        self.with_auth(self.client.post(format!("{}{path}", self.base))).json(body).send().unwrap()
    }

    pub fn put(&self, path: &str, body: &Value) -> Response {
        self.with_auth(self.client.put(format!("{}{path}", self.base))).json(body).send().unwrap()
    }

    /// GET and parse, asserting the status.
    pub fn get_json(&self, path: &str, status: u16) -> Value {
        let response = self.get(path);
        expect(response, status)
    }
}

/// Asserts the status (showing the body when it differs) and returns the JSON body.
pub fn expect(response: Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let text = response.text().unwrap();
    assert_eq!(actual, status, "unexpected status; body: {text}");
    if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) }
}

/// Field names of a 422 body's field errors.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["details"]["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

impl Api {
    /// Uploads raw bytes (a file) with query parameters.
    pub fn upload(&self, path: &str, bytes: Vec<u8>) -> Response {
        self.with_auth(self.client.post(format!("{}{path}", self.base)))
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .unwrap()
    }

    /// Polls a sync job until it leaves the running/applying states; returns its last view.
    pub fn wait_for_job(&self, id: i64) -> Value {
        for _ in 0..600 {
            let job = self.get_json(&format!("/api/v1/hr/jobs/{id}"), 200);
            if !matches!(job["status"].as_str(), Some("running") | Some("applying")) {
                return job;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("job {id} did not finish");
    }
}

/// Polls `check` (every 50 ms, up to 20 s) until it returns `Some`: for work the server does in
/// the background (outbox deliveries, jobs).
pub fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..400 {
        if let Some(value) = check() {
            return value;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("timed out waiting: {what}");
}
