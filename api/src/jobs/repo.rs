//! The `jobs` and `schedules` tables.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{CANCELLED, NewJob, QUEUED, RUNNING};
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{jobs, schedules};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub phase: String,
    pub progress_done: i64,
    pub progress_total: i64,
    pub payload_json: String,
    pub owner: Option<String>,
    pub heartbeat_at: Option<NaiveDateTime>,
    pub cancel_requested: bool,
    pub attempts: i32,
    pub error: Option<String>,
}

pub fn queued_count(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(jobs::table.filter(jobs::status.eq(QUEUED)).count().get_result(conn)?)
}

/// Whether a worker would find anything to claim (a cheap read before the locking claim).
pub fn any_claimable(conn: &mut DbConnection, stale_before: NaiveDateTime) -> Result<bool, ApiError> {
    let found: Option<i64> = jobs::table
        .filter(jobs::status.eq(QUEUED).or(jobs::status.eq(RUNNING).and(jobs::heartbeat_at.lt(stale_before))))
        .select(jobs::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

pub fn insert(conn: &mut DbConnection, job: &NewJob) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(job.kind),
            jobs::status.eq(QUEUED),
            jobs::phase.eq("排队"),
            jobs::payload_json.eq(job.payload.to_string()),
            jobs::input.eq(job.input),
            jobs::created_by.eq(job.created_by),
            jobs::created_at.eq(now()),
        ))
        .returning(jobs::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<JobRow, ApiError> {
    Ok(jobs::table.find(id).select(JobRow::as_select()).first(conn)?)
}

pub fn input(conn: &mut DbConnection, id: i64) -> Result<Option<Vec<u8>>, ApiError> {
    Ok(jobs::table.find(id).select(jobs::input).first(conn)?)
}

/// Takes the job for `owner` if it is still in the state the claim query saw.
pub fn take(
    conn: &mut DbConnection,
    id: i64,
    owner: &str,
    stale_before: NaiveDateTime,
) -> Result<Option<JobRow>, ApiError> {
    let at = now();
    let taken = diesel::update(
        jobs::table
            .find(id)
            .filter(jobs::status.eq(QUEUED).or(jobs::status.eq(RUNNING).and(jobs::heartbeat_at.lt(stale_before)))),
    )
    .set((
        jobs::status.eq(RUNNING),
        jobs::owner.eq(owner),
        jobs::heartbeat_at.eq(at),
        jobs::attempts.eq(jobs::attempts + 1),
        jobs::started_at.eq(at),
    ))
    .execute(conn)?;
    if taken == 1 { Ok(Some(get(conn, id)?)) } else { Ok(None) }
}

/// Progress and heartbeat of a running job; returns whether a cancel was requested.
pub fn progress(
    conn: &mut DbConnection,
    id: i64,
    owner: &str,
    phase: &str,
    done: i64,
    total: i64,
) -> Result<bool, ApiError> {
    diesel::update(jobs::table.find(id).filter(jobs::owner.eq(owner)).filter(jobs::status.eq(RUNNING)))
        .set((
            jobs::phase.eq(phase),
            jobs::progress_done.eq(done),
            jobs::progress_total.eq(total),
            jobs::heartbeat_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(jobs::table.find(id).select(jobs::cancel_requested).first(conn)?)
}

/// The instance's heartbeat for every job it runs.
pub fn heartbeat(conn: &mut DbConnection, owner: &str) -> Result<usize, ApiError> {
    Ok(diesel::update(jobs::table.filter(jobs::owner.eq(owner)).filter(jobs::status.eq(RUNNING)))
        .set(jobs::heartbeat_at.eq(now()))
        .execute(conn)?)
}

/// Ends a job, unless another instance has taken it over in the meantime.
pub fn finish(
    conn: &mut DbConnection,
    id: i64,
    owner: &str,
    status: &str,
    error: Option<&str>,
) -> Result<bool, ApiError> {
    let phase = match status {
        super::SUCCEEDED => "完成",
        super::CANCELLED => "已取消",
        _ => "失败",
    };
    let updated = diesel::update(jobs::table.find(id).filter(jobs::owner.eq(owner)).filter(jobs::status.eq(RUNNING)))
        .set((
            jobs::status.eq(status),
            jobs::phase.eq(phase),
            jobs::error.eq(error),
            jobs::finished_at.eq(now()),
            jobs::input.eq(None::<Vec<u8>>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Deletes jobs that ended before `before` (their feature keeps its own record, e.g. sync jobs).
pub fn purge_finished(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(
        jobs::table
            .filter(jobs::status.ne(QUEUED))
            .filter(jobs::status.ne(RUNNING))
            .filter(jobs::finished_at.lt(before)),
    )
    .execute(conn)?)
}

pub fn request_cancel(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    diesel::update(jobs::table.find(id).filter(jobs::status.eq(QUEUED)))
        .set((jobs::status.eq(CANCELLED), jobs::phase.eq("已取消"), jobs::finished_at.eq(now())))
        .execute(conn)?;
    diesel::update(jobs::table.find(id)).set(jobs::cancel_requested.eq(true)).execute(conn)?;
    Ok(())
}

/// Creates the schedule's row the first time any instance sees it.
pub fn ensure_schedule(conn: &mut DbConnection, name: &str, first_due: NaiveDateTime) -> Result<(), ApiError> {
    let exists: i64 = schedules::table.filter(schedules::name.eq(name)).count().get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(schedules::table)
            .values((schedules::name.eq(name), schedules::next_due_at.eq(first_due), schedules::runs.eq(0i64)))
            .execute(conn)?;
    }
    Ok(())
}

/// Takes the schedule's lease when its slot is due and nobody holds a live lease.
pub fn claim_schedule(
    conn: &mut DbConnection,
    name: &str,
    holder: &str,
    at: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> Result<bool, ApiError> {
    let updated = diesel::update(
        schedules::table
            .find(name)
            .filter(schedules::next_due_at.le(at))
            .filter(schedules::lease_until.is_null().or(schedules::lease_until.lt(at))),
    )
    .set((schedules::holder.eq(holder), schedules::lease_until.eq(lease_until), schedules::last_started_at.eq(at)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Ends a run: the next slot, the lease released, the outcome kept.
pub fn finish_schedule(
    conn: &mut DbConnection,
    name: &str,
    holder: &str,
    next_due: NaiveDateTime,
    error: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(schedules::table.find(name).filter(schedules::holder.eq(holder)))
        .set((
            schedules::next_due_at.eq(next_due),
            schedules::lease_until.eq(None::<NaiveDateTime>),
            schedules::last_finished_at.eq(now()),
            schedules::runs.eq(schedules::runs + 1),
            schedules::last_error.eq(error),
        ))
        .execute(conn)?;
    Ok(())
}

/// (runs, holder of the last run) of a schedule.
pub fn schedule_runs(conn: &mut DbConnection, name: &str) -> Result<Option<(i64, Option<String>)>, ApiError> {
    Ok(schedules::table.find(name).select((schedules::runs, schedules::holder)).first(conn).optional()?)
}

#[cfg(test)]
pub fn heartbeat_one_for_test(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    diesel::update(jobs::table.find(id)).set(jobs::heartbeat_at.eq(now())).execute(conn)?;
    Ok(())
}
