//! Diesel queries of the seals.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::{NewSeal, SealRow};
use crate::db::DbConnection;
use crate::db::schema::{org_seals, request_documents, users};
use crate::error::ApiError;

pub fn of_org(conn: &mut DbConnection, org_id: i64) -> Result<Option<SealRow>, ApiError> {
    Ok(org_seals::table.filter(org_seals::org_id.eq(org_id)).select(SealRow::as_select()).first(conn).optional()?)
}

pub fn insert(conn: &mut DbConnection, new: &NewSeal) -> Result<SealRow, ApiError> {
    let id: i64 = diesel::insert_into(org_seals::table).values(new).returning(org_seals::id).get_result(conn)?;
    Ok(org_seals::table.find(id).select(SealRow::as_select()).first(conn)?)
}

pub fn set_image(conn: &mut DbConnection, id: i64, file: Option<i64>, now: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(org_seals::table.find(id))
        .set((org_seals::image_file_id.eq(file), org_seals::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn set_prefix(conn: &mut DbConnection, id: i64, prefix: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(org_seals::table.find(id))
        .set((org_seals::doc_prefix.eq(prefix), org_seals::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn set_key(
    conn: &mut DbConnection,
    id: i64,
    signer: &str,
    public_key: &str,
    private_key: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(org_seals::table.find(id))
        .set((
            org_seals::signer.eq(signer),
            org_seals::public_key.eq(public_key),
            org_seals::private_key.eq(private_key),
            org_seals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The sealed documents of an org, newest first: (request, kind, number, title, by, at).
pub type UseRow = (i64, String, String, String, String, NaiveDateTime);

pub fn uses(conn: &mut DbConnection, org_id: i64, limit: i64) -> Result<Vec<UseRow>, ApiError> {
    Ok(request_documents::table
        .filter(request_documents::org_id.eq(org_id))
        .order(request_documents::id.desc())
        .limit(limit)
        .select((
            request_documents::request_id,
            request_documents::kind,
            request_documents::doc_number,
            request_documents::title,
            request_documents::sealed_by_name,
            request_documents::sealed_at,
        ))
        .load(conn)?)
}

pub fn use_count(conn: &mut DbConnection, org_id: i64) -> Result<i64, ApiError> {
    Ok(request_documents::table.filter(request_documents::org_id.eq(org_id)).count().get_result(conn)?)
}

/// A user's display name.
pub fn user_name(conn: &mut DbConnection, user: i64) -> Result<String, ApiError> {
    Ok(users::table.find(user).select(users::display_name).first(conn)?)
}
