//! Queries of sync jobs: create, progress, status transitions, views and history.

use std::collections::HashMap;

use diesel::prelude::*;
use shared::OrgId;
use shared::api::hr::{ChangeCounts, JobStatus, SourceKind, SyncJobView};

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{orgs, sync_jobs, users};
use crate::error::ApiError;
use crate::hr_sync::models::{JobRow, NewJob};

pub fn create_job(conn: &mut DbConnection, job: &NewJob) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(sync_jobs::table).values(job).returning(sync_jobs::id).get_result(conn)?)
}

/// The stored upload a file-import job reads.
pub fn attach_file(conn: &mut DbConnection, job_id: i64, file_id: i64) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(job_id)).set(sync_jobs::file_id.eq(Some(file_id))).execute(conn)?;
    Ok(())
}

pub fn get_job(conn: &mut DbConnection, id: i64) -> Result<JobRow, ApiError> {
    sync_jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("同步任务"))
}

pub fn progress(conn: &mut DbConnection, id: i64, phase: &str, done: i64, total: i64) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(id))
        .set((sync_jobs::phase.eq(phase), sync_jobs::rows_done.eq(done), sync_jobs::rows_total.eq(total)))
        .execute(conn)?;
    Ok(())
}

pub fn finish(
    conn: &mut DbConnection,
    id: i64,
    status: JobStatus,
    phase: &str,
    counts: Option<&ChangeCounts>,
    error: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(id))
        .set((
            sync_jobs::status.eq(status.code()),
            sync_jobs::phase.eq(phase),
            sync_jobs::error_message.eq(error),
            sync_jobs::finished_at.eq(Some(now())),
        ))
        .execute(conn)?;
    if let Some(counts) = counts {
        diesel::update(sync_jobs::table.find(id))
            .set(sync_jobs::counts_json.eq(serde_json::to_string(counts).unwrap_or_default()))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves a job from one status to another only if it is still in `from`: two admins pressing
/// "apply" at once start one apply.
pub fn transition(
    conn: &mut DbConnection,
    id: i64,
    from: JobStatus,
    to: JobStatus,
    phase: &str,
    user_id: Option<i64>,
) -> Result<(), ApiError> {
    // A failed apply may be applied again: it continues after the batches already written.
    let resumable = from == JobStatus::PreviewReady && to == JobStatus::Applying;
    let from_ok = sync_jobs::status.eq(from.code()).or(sync_jobs::status
        .eq(if resumable { JobStatus::Failed.code() } else { from.code() })
        .and(sync_jobs::applied_at.is_not_null()));
    let updated = diesel::update(sync_jobs::table.filter(sync_jobs::id.eq(id).and(from_ok)))
        .set((sync_jobs::status.eq(to.code()), sync_jobs::phase.eq(phase), sync_jobs::rows_done.eq(0)))
        .execute(conn)?;
    if updated != 1 {
        return Err(ApiError::invalid_state("该任务当前状态不能执行此操作（可能已被他人处理）"));
    }
    if to == JobStatus::Applying {
        diesel::update(sync_jobs::table.find(id))
            .set((sync_jobs::applied_by.eq(user_id), sync_jobs::applied_at.eq(Some(now()))))
            .execute(conn)?;
    }
    Ok(())
}

pub fn job_view(conn: &mut DbConnection, job: &JobRow) -> Result<SyncJobView, ApiError> {
    job_views(conn, std::slice::from_ref(job))?.pop().ok_or_else(|| ApiError::not_found("同步任务"))
}

/// Views of a page of jobs, with the users' names read in one query.
pub fn job_views(conn: &mut DbConnection, jobs: &[JobRow]) -> Result<Vec<SyncJobView>, ApiError> {
    let ids: Vec<i64> = jobs.iter().flat_map(|j| j.created_by.into_iter().chain(j.applied_by)).collect();
    let names: HashMap<i64, String> = users::table
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::username))
        .load(conn)?
        .into_iter()
        .collect();
    jobs.iter().map(|job| view_of(job, &names)).collect()
}

fn view_of(job: &JobRow, names: &HashMap<i64, String>) -> Result<SyncJobView, ApiError> {
    let name_of = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned());
    Ok(SyncJobView {
        id: shared::JobId(job.id),
        source_kind: crate::error::stored_code(
            SourceKind::from_code(&job.source_kind),
            "sync_jobs.source_kind",
            &job.source_kind,
        )?,
        source_name: job.source_name.clone(),
        scope_org_id: OrgId(job.scope_org_id),
        status: JobStatus::from_code(&job.status).unwrap_or(JobStatus::Failed),
        phase: job.phase.clone(),
        rows_total: job.rows_total,
        rows_done: job.rows_done,
        counts: serde_json::from_str(&job.counts_json).unwrap_or_default(),
        error_message: job.error_message.clone(),
        created_by: name_of(job.created_by),
        created_at: job.created_at.and_utc(),
        finished_at: job.finished_at.map(|t| t.and_utc()),
        applied_by: name_of(job.applied_by),
        applied_at: job.applied_at.map(|t| t.and_utc()),
    })
}

/// Jobs whose scope org lies under `bounds` (or all), newest first.
pub fn list_jobs(
    conn: &mut DbConnection,
    bounds: Option<(String, String)>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<JobRow>, ApiError> {
    let mut query = sync_jobs::table.order(sync_jobs::id.desc()).limit(limit).select(JobRow::as_select()).into_boxed();
    if let Some((lo, hi)) = bounds {
        query = query.filter(
            sync_jobs::scope_org_id
                .eq_any(orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id)),
        );
    }
    if let Some(before) = before_id {
        query = query.filter(sync_jobs::id.lt(before));
    }
    Ok(query.load(conn)?)
}
