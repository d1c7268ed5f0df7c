//! Hygiene: sessions that ended and old failed-login rows are deleted by a named schedule.

use crate::clock::wall_now as now;
use crate::db::Db;
use crate::error::ApiError;

/// Ended sessions are kept a day (so "why was I logged out" can still be answered).
const SESSION_GRACE_HOURS: i64 = 24;
/// Failed logins are kept 30 days for review; the lockout only looks at the last minutes.
const FAILURE_DAYS: i64 = 30;

/// Deletes them; returns (sessions, failed logins) deleted.
pub fn run(db: &Db) -> Result<(usize, usize), ApiError> {
    let at = now();
    let ended_before = at - chrono::Duration::hours(SESSION_GRACE_HOURS);
    let counts = db.write_blocking(|conn| {
        let s = super::repo::delete_sessions_ended_before(conn, ended_before)?;
        let f = super::repo::delete_failures_before(conn, at - chrono::Duration::days(FAILURE_DAYS))?;
        Ok((s, f))
    })?;
    if counts != (0, 0) {
        tracing::info!(sessions = counts.0, login_failures = counts.1, "purged ended sessions and old failed logins");
    }
    Ok(counts)
}
