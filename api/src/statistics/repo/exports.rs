//! The kept statistics sets and their jobs.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{jobs, orgs, statistics_exports as se, users};
use crate::error::ApiError;

pub struct NewExport {
    pub org_id: i64,
    pub as_of: NaiveDate,
    pub job_id: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, e: &NewExport) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(se::table)
        .values((
            se::org_id.eq(e.org_id),
            se::as_of.eq(e.as_of),
            se::job_id.eq(e.job_id),
            se::created_by.eq(Some(e.created_by)),
            se::created_at.eq(e.created_at),
        ))
        .returning(se::id)
        .get_result(conn)?)
}

/// A set with its org, its job's state and who asked for it.
#[derive(Queryable)]
pub struct ExportRow {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub org_path: String,
    pub as_of: NaiveDate,
    pub problems: i32,
    pub xlsx_file_id: Option<i64>,
    pub pdf_file_id: Option<i64>,
    pub created_by_id: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub status: String,
    pub phase: String,
    pub done: i64,
    pub total: i64,
    pub finished_at: Option<NaiveDateTime>,
    pub error: Option<String>,
}

macro_rules! rows {
    () => {
        se::table
            .inner_join(orgs::table.on(orgs::id.eq(se::org_id)))
            .inner_join(jobs::table.on(jobs::id.eq(se::job_id)))
            .left_join(users::table.on(users::id.nullable().eq(se::created_by)))
            .select((
                se::id,
                se::org_id,
                orgs::name,
                orgs::path,
                se::as_of,
                se::problems,
                se::xlsx_file_id,
                se::pdf_file_id,
                se::created_by,
                users::display_name.nullable(),
                se::created_at,
                jobs::status,
                jobs::phase,
                jobs::progress_done,
                jobs::progress_total,
                jobs::finished_at,
                jobs::error,
            ))
    };
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<ExportRow, ApiError> {
    rows!().filter(se::id.eq(id)).first(conn).optional()?.ok_or_else(|| ApiError::not_found("统计报表"))
}

pub fn by_job(conn: &mut DbConnection, job_id: i64) -> Result<ExportRow, ApiError> {
    rows!().filter(se::job_id.eq(job_id)).first(conn).optional()?.ok_or_else(|| ApiError::not_found("统计报表"))
}

/// Sets of orgs within `bounds` (all when none), newest first, before id `before`.
pub fn list(
    conn: &mut DbConnection,
    bounds: Option<(String, String)>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<ExportRow>, ApiError> {
    let mut query = rows!().order(se::id.desc()).limit(limit).into_boxed();
    if let Some((lo, hi)) = bounds {
        query = query.filter(orgs::path.ge(lo).and(orgs::path.lt(hi)));
    }
    if let Some(before) = before {
        query = query.filter(se::id.lt(before));
    }
    Ok(query.load(conn)?)
}

pub fn finish(conn: &mut DbConnection, id: i64, problems: i32, files: (i64, i64)) -> Result<(), ApiError> {
    diesel::update(se::table.find(id))
        .set((se::problems.eq(problems), se::xlsx_file_id.eq(Some(files.0)), se::pdf_file_id.eq(Some(files.1))))
        .execute(conn)?;
    Ok(())
}
