//! Base declarations between preview and apply.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::dues_base_imports as i;
use crate::error::ApiError;

/// (id, org, file name, rows JSON, valid, errors, status, created by)
pub type ImportRow = (i64, i64, String, String, i32, i32, String, i64);

pub struct NewImport<'a> {
    pub org_id: i64,
    pub file_name: &'a str,
    pub rows_json: &'a str,
    pub valid_rows: i32,
    pub error_rows: i32,
    pub created_by: i64,
    pub now: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewImport) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(i::table)
        .values((
            i::org_id.eq(new.org_id),
            i::file_name.eq(new.file_name),
            i::rows_json.eq(new.rows_json),
            i::valid_rows.eq(new.valid_rows),
            i::error_rows.eq(new.error_rows),
            i::status.eq("preview"),
            i::created_by.eq(new.created_by),
            i::created_at.eq(new.now),
        ))
        .returning(i::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<ImportRow, ApiError> {
    i::table
        .find(id)
        .select((i::id, i::org_id, i::file_name, i::rows_json, i::valid_rows, i::error_rows, i::status, i::created_by))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("基数申报"))
}

/// Marks a preview applied: false when it was applied (or discarded) already.
pub fn mark_applied(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> Result<bool, ApiError> {
    Ok(diesel::update(i::table.find(id).filter(i::status.eq("preview")))
        .set((i::status.eq("applied"), i::applied_at.eq(now)))
        .execute(conn)?
        == 1)
}
