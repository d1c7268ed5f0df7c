//! Row claims that several instances may race for. PostgreSQL locks the chosen rows with
//! `FOR UPDATE SKIP LOCKED`, so two dispatchers never pick the same row and never wait on each
//! other. SQLite has one writer: the caller runs inside `Db::write_blocking`, which holds the
//! writer lock, so a plain select is enough. Callers still update with a guarded `WHERE`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text, Timestamp};

use super::DbConnection;
use super::schema::{jobs, outbox};
use crate::error::ApiError;

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Up to `limit` pending outbox messages of `channels` that are due and not claimed by a live
/// dispatcher, locked for the caller's transaction.
pub fn due_outbox(
    conn: &mut DbConnection,
    channels: &[String],
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<i64>, ApiError> {
    match conn {
        DbConnection::Postgresql(pg) => Ok(diesel::sql_query(
            "SELECT id FROM outbox WHERE status = 'pending' AND channel = ANY($1) AND next_attempt_at <= $2 \
             AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY next_attempt_at, id LIMIT $3 \
             FOR UPDATE SKIP LOCKED",
        )
        .bind::<Array<Text>, _>(channels)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load::<IdRow>(pg)?
        .into_iter()
        .map(|r| r.id)
        .collect()),
        DbConnection::Sqlite(_) => Ok(outbox::table
            .filter(outbox::status.eq("pending"))
            .filter(outbox::channel.eq_any(channels))
            .filter(outbox::next_attempt_at.le(now))
            .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now)))
            .order((outbox::next_attempt_at, outbox::id))
            .limit(limit)
            .select(outbox::id)
            .load(conn)?),
    }
}

/// The oldest job a worker may take: queued, or running with a heartbeat older than
/// `stale_before` (its instance died). Locked for the caller's transaction.
pub fn claimable_job(conn: &mut DbConnection, stale_before: NaiveDateTime) -> Result<Option<i64>, ApiError> {
    match conn {
        DbConnection::Postgresql(pg) => Ok(diesel::sql_query(
            "SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < $1) \
             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
        )
        .bind::<Timestamp, _>(stale_before)
        .load::<IdRow>(pg)?
        .into_iter()
        .map(|r| r.id)
        .next()),
        DbConnection::Sqlite(_) => Ok(jobs::table
            .filter(jobs::status.eq("queued").or(jobs::status.eq("running").and(jobs::heartbeat_at.lt(stale_before))))
            .order(jobs::id)
            .select(jobs::id)
            .first(conn)
            .optional()?),
    }
}
