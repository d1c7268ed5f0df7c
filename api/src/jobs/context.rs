//! What a running job sees: its payload and input, the environment, progress and cancellation.

use std::cell::Cell;

use super::{Env, repo};
use crate::db::DbConnection;
use crate::error::ApiError;

pub struct JobContext {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    /// 1 on the first run; more when the job was taken over after its instance died.
    pub attempt: i32,
    pub env: Env,
    cancelled: Cell<bool>,
}

impl JobContext {
    pub fn new(id: i64, kind: String, payload: serde_json::Value, attempt: i32, env: Env) -> JobContext {
        JobContext { id, kind, payload, attempt, env, cancelled: Cell::new(false) }
    }

    /// The bytes stored with the job (an uploaded file), read when the job needs them.
    pub fn input(&self) -> Result<Option<Vec<u8>>, String> {
        self.env.db.read_blocking(|conn| repo::input(conn, self.id)).map_err(|e| e.message)
    }

    /// Records phase and progress (and so a heartbeat) in the caller's transaction, so a
    /// feature can update its own record in the same write. Returns whether to stop.
    pub fn record_progress(
        &self,
        conn: &mut DbConnection,
        phase: &str,
        done: i64,
        total: i64,
    ) -> Result<bool, ApiError> {
        let cancel = repo::progress(conn, self.id, &self.env.instance, phase, done, total)?;
        if cancel {
            self.cancelled.set(true);
        }
        Ok(cancel)
    }

    /// Records progress in its own transaction; a failure to record is logged, not fatal.
    pub fn progress(&self, phase: &str, done: i64, total: i64) {
        if let Err(e) = self.env.db.write_blocking(|conn| self.record_progress(conn, phase, done, total)) {
            tracing::warn!(job_id = self.id, error = %e.message, "could not record job progress");
        }
    }

    /// Whether a cancel was seen at the last progress report.
    pub fn cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// `Err` when a cancel was requested: `?` in a job stops it there.
    pub fn check_cancel(&self) -> Result<(), String> {
        if self.cancelled() { Err(CANCELLED_MESSAGE.into()) } else { Ok(()) }
    }
}

pub const CANCELLED_MESSAGE: &str = "任务已取消";
