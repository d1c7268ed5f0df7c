//! Background jobs and schedules. The `jobs` table is the queue: a request (or a schedule)
//! inserts a job in its own transaction with `submit`, and a worker on any instance claims it.
//! The instance running a job sends heartbeats; a job whose heartbeat stopped (its instance
//! died) is taken over by a worker elsewhere, and only such a job.

pub mod context;
pub mod pool;
pub mod repo;
pub mod schedules;
pub mod signal;
#[cfg(test)]
pub(crate) mod tests;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use context::JobContext;
use shared::error::ErrorCode;
use signal::{Signal, Stopper};

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{Db, DbConnection};
use crate::error::ApiError;

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const SUCCEEDED: &str = "succeeded";
pub const FAILED: &str = "failed";
pub const CANCELLED: &str = "cancelled";

/// A kind of job: what runs it and what to record when it fails for good (an error it
/// returned, a panic, or too many interrupted attempts).
pub struct JobKind {
    pub name: &'static str,
    pub run: fn(&JobContext) -> Result<(), String>,
    pub failed: fn(&JobContext, &str),
}

/// A job to queue. `input` holds what the job needs that is not in the database yet (an
/// uploaded file), so that another instance can run or resume it.
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: serde_json::Value,
    pub input: Option<&'a [u8]>,
    pub created_by: Option<i64>,
}

/// Queues a job in the caller's transaction. Refused with 503 when `capacity` jobs already wait,
/// so a burst of uploads queues a bounded amount of work instead of starting unbounded threads.
/// Call `Env::wake_jobs` (or `AppState::wake_jobs`) after the transaction commits.
pub fn submit(conn: &mut DbConnection, capacity: i64, job: &NewJob) -> Result<i64, ApiError> {
    if repo::queued_count(conn)? >= capacity {
        return Err(ApiError::new(
            ErrorCode::ServiceUnavailable,
            format!("后台任务排队已满（最多 {capacity} 个），请稍后再试"),
        ));
    }
    repo::insert(conn, job)
}

/// Asks a job to stop; it stops at its next progress report. A queued job is cancelled at once.
pub fn request_cancel(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    repo::request_cancel(conn, id)
}

/// What a background thread needs: the state without the handles that keep threads alive.
#[derive(Clone)]
pub struct Env {
    pub db: Db,
    pub config: Config,
    pub clock: Clock,
    pub instance: Arc<str>,
    jobs: Arc<Signal>,
    outbox: Arc<Signal>,
}

impl Env {
    pub fn wake_jobs(&self) {
        self.jobs.wake();
    }

    pub fn wake_outbox(&self) {
        self.outbox.wake();
    }

    pub(crate) fn jobs_signal(&self) -> &Arc<Signal> {
        &self.jobs
    }

    pub(crate) fn outbox_signal(&self) -> &Arc<Signal> {
        &self.outbox
    }
}

/// The background side of one instance: its id, and the signals of its job workers and outbox
/// dispatcher. Dropping the last copy stops every thread it started.
#[derive(Clone)]
pub struct Background(Arc<Inner>);

struct Inner {
    instance: Arc<str>,
    jobs: Stopper,
    outbox: Stopper,
    pools_started: AtomicBool,
    schedules_started: AtomicBool,
}

impl Default for Background {
    fn default() -> Self {
        Background::new()
    }
}

impl Background {
    pub fn new() -> Background {
        Background(Arc::new(Inner {
            instance: instance_id().into(),
            jobs: Stopper(Arc::default()),
            outbox: Stopper(Arc::default()),
            pools_started: AtomicBool::new(false),
            schedules_started: AtomicBool::new(false),
        }))
    }

    /// `host-pid-random`: unique per process, readable in the `jobs.owner` column.
    pub fn instance(&self) -> &str {
        &self.0.instance
    }

    pub fn env(&self, db: &Db, config: &Config, clock: &Clock) -> Env {
        Env {
            db: db.clone(),
            config: config.clone(),
            clock: clock.clone(),
            instance: self.0.instance.clone(),
            jobs: self.0.jobs.0.clone(),
            outbox: self.0.outbox.0.clone(),
        }
    }

    /// True the first time only: the job workers and dispatcher start once per instance.
    pub fn first_pool_start(&self) -> bool {
        !self.0.pools_started.swap(true, Ordering::SeqCst)
    }

    pub fn first_schedule_start(&self) -> bool {
        !self.0.schedules_started.swap(true, Ordering::SeqCst)
    }
}

fn instance_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".into());
    let token = crate::auth::session::new_token();
    format!("{host}-{}-{}", std::process::id(), &token[..8.min(token.len())])
}
