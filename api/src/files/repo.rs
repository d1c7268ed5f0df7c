//! The only diesel code of the file store.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::models::{FileRow, NewFile};
use crate::db::DbConnection;
use crate::db::schema::{blobs, files};
use crate::error::ApiError;

pub fn insert(conn: &mut DbConnection, file: &NewFile) -> Result<FileRow, ApiError> {
    let id: i64 = diesel::insert_into(files::table).values(file).returning(files::id).get_result(conn)?;
    get(conn, id)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<FileRow, ApiError> {
    files::table
        .find(id)
        .select(FileRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("文件"))
}

/// Serialises the quota checks of one org on PostgreSQL until the transaction ends (SQLite
/// already has one writer at a time). `NO KEY UPDATE` does not block rows referencing the org.
pub fn lock_org(conn: &mut DbConnection, org_id: i64) -> Result<(), ApiError> {
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT id FROM orgs WHERE id = $1 FOR NO KEY UPDATE")
            .bind::<BigInt, _>(org_id)
            .execute(pg)?;
    }
    Ok(())
}

/// Bytes stored by an org (SUM is cast so both backends return a BIGINT).
pub fn used_bytes(conn: &mut DbConnection, org_id: i64) -> Result<i64, ApiError> {
    Ok(files::table
        .filter(files::org_id.eq(org_id))
        .select(diesel::dsl::sql::<BigInt>("CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT)"))
        .get_result(conn)?)
}

pub fn sha_is_used(conn: &mut DbConnection, sha: &str) -> Result<bool, ApiError> {
    let n: i64 = files::table.filter(files::sha256.eq(sha)).count().get_result(conn)?;
    Ok(n > 0)
}

pub fn blob_exists(conn: &mut DbConnection, sha: &str) -> Result<bool, ApiError> {
    let n: i64 = blobs::table.filter(blobs::sha256.eq(sha)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Once per content: a concurrent upload of the same bytes (PostgreSQL) is not an error.
/// Plain SQL because diesel's `on_conflict_do_nothing` does not go through `MultiConnection`;
/// both backends accept this statement and `$n` parameters.
pub fn insert_blob(conn: &mut DbConnection, sha: &str, content: &[u8]) -> Result<(), ApiError> {
    use diesel::sql_types::{Binary, Text};
    diesel::sql_query(
        "INSERT INTO blobs (sha256, size_bytes, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind::<Text, _>(sha)
    .bind::<BigInt, _>(content.len() as i64)
    .bind::<Binary, _>(content)
    .execute(conn)?;
    Ok(())
}

pub fn read_blob(conn: &mut DbConnection, sha: &str) -> Result<Option<Vec<u8>>, ApiError> {
    Ok(blobs::table.find(sha).select(blobs::content).first(conn).optional()?)
}

/// Blobs no file row points to (left by a transaction that failed before this fix, or by hand).
pub fn delete_unreferenced_blobs(conn: &mut DbConnection) -> Result<usize, ApiError> {
    let used = files::table.select(files::sha256);
    Ok(diesel::delete(blobs::table.filter(blobs::sha256.ne_all(used))).execute(conn)?)
}
