//! Sealed documents (the seal usage log), archives, SMS approval tickets and inbound messages.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    files, orgs, request_archives as ra, request_documents as rd, sms_approvals as sa, sms_inbound,
};
use crate::db::{DbConnection, MultiBackend, like_escape};
use crate::error::ApiError;
use crate::requests::models::{ArchiveRow, DocumentRow, NewArchive, NewDocument, NewTicket, TicketRow};

pub fn next_seq(conn: &mut DbConnection, org_id: i64, year: i32) -> Result<i32, ApiError> {
    let max: Option<i32> = rd::table
        .filter(rd::org_id.eq(org_id).and(rd::doc_year.eq(year)))
        .select(diesel::dsl::max(rd::doc_seq))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn insert_document(conn: &mut DbConnection, new: &NewDocument) -> Result<DocumentRow, ApiError> {
    let id: i64 = diesel::insert_into(rd::table).values(new).returning(rd::id).get_result(conn)?;
    Ok(rd::table.find(id).select(DocumentRow::as_select()).first(conn)?)
}

pub fn documents(conn: &mut DbConnection, request: i64) -> Result<Vec<DocumentRow>, ApiError> {
    Ok(rd::table.filter(rd::request_id.eq(request)).order(rd::id).select(DocumentRow::as_select()).load(conn)?)
}

pub fn document_by_code(conn: &mut DbConnection, code: &str) -> Result<Option<DocumentRow>, ApiError> {
    Ok(rd::table.filter(rd::code.eq(code)).select(DocumentRow::as_select()).first(conn).optional()?)
}

/// The documents of requests on a page: (request, 发文字号 of its 请示).
pub fn numbers_of(conn: &mut DbConnection, requests: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(rd::table
        .filter(rd::request_id.eq_any(requests).and(rd::kind.eq("request")))
        .select((rd::request_id, rd::doc_number))
        .load(conn)?)
}

pub fn insert_archive(conn: &mut DbConnection, new: &NewArchive) -> Result<ArchiveRow, ApiError> {
    let id: i64 = diesel::insert_into(ra::table).values(new).returning(ra::id).get_result(conn)?;
    archive(conn, id)
}

pub fn archive_of(conn: &mut DbConnection, request: i64) -> Result<Option<ArchiveRow>, ApiError> {
    Ok(ra::table.filter(ra::request_id.eq(request)).select(ArchiveRow::as_select()).first(conn).optional()?)
}

pub fn archive(conn: &mut DbConnection, id: i64) -> Result<ArchiveRow, ApiError> {
    ra::table
        .find(id)
        .select(ArchiveRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("档案"))
}

#[derive(Debug, Clone, Default)]
pub struct ArchiveFilter {
    pub subtree: Option<(String, String)>,
    pub year: Option<i32>,
    pub text: Option<String>,
}

fn archives_filtered(f: &ArchiveFilter) -> ra::BoxedQuery<'static, MultiBackend> {
    let mut query = ra::table.into_boxed();
    if let Some((lo, hi)) = &f.subtree {
        query = query.filter(
            ra::org_id
                .eq_any(orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))).select(orgs::id)),
        );
    }
    if let Some(year) = f.year {
        query = query.filter(ra::year.eq(year));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", like_escape(text));
        query =
            query.filter(ra::title.like(pattern.clone()).escape('\\').or(ra::doc_number.like(pattern).escape('\\')));
    }
    query
}

/// One page of archives with their package sizes, newest first.
pub fn archives(
    conn: &mut DbConnection,
    f: &ArchiveFilter,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<(ArchiveRow, i64)>, ApiError> {
    let mut query = archives_filtered(f).order(ra::id.desc()).limit(limit).select(ArchiveRow::as_select());
    if let Some(before) = before_id {
        query = query.filter(ra::id.lt(before));
    }
    let rows = query.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|a| a.file_id).collect();
    let sizes: Vec<(i64, i64)> =
        files::table.filter(files::id.eq_any(ids)).select((files::id, files::size_bytes)).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let size = sizes.iter().find(|(id, _)| *id == a.file_id).map_or(0, |(_, s)| *s);
            (a, size)
        })
        .collect())
}

pub fn insert_ticket(conn: &mut DbConnection, new: &NewTicket) -> Result<(), ApiError> {
    diesel::insert_into(sa::table).values(new).execute(conn)?;
    Ok(())
}

pub fn ticket_by_token(conn: &mut DbConnection, sha: &str) -> Result<Option<TicketRow>, ApiError> {
    Ok(sa::table.filter(sa::token_sha256.eq(sha)).select(TicketRow::as_select()).first(conn).optional()?)
}

/// Unused, unexpired tickets of a phone (newest first), optionally for one reply code.
pub fn open_tickets(
    conn: &mut DbConnection,
    phone: &str,
    code: Option<&str>,
    now: NaiveDateTime,
) -> Result<Vec<TicketRow>, ApiError> {
    let mut query = sa::table
        .filter(sa::phone.eq(phone.to_string()).and(sa::used_at.is_null()).and(sa::expires_at.gt(now)))
        .order(sa::id.desc())
        .select(TicketRow::as_select())
        .into_boxed();
    if let Some(code) = code {
        query = query.filter(sa::reply_code.eq(code.to_string()));
    }
    Ok(query.load(conn)?)
}

/// Spends every ticket of a request (someone decided; the other approvers' links end too).
pub fn use_tickets(conn: &mut DbConnection, request: i64, at: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(sa::table.filter(sa::request_id.eq(request).and(sa::used_at.is_null())))
        .set(sa::used_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Records an inbound message id; false when it was seen before (a replay).
pub fn first_inbound(
    conn: &mut DbConnection,
    message_id: &str,
    phone: &str,
    at: NaiveDateTime,
) -> Result<bool, ApiError> {
    let seen: i64 = sms_inbound::table.filter(sms_inbound::message_id.eq(message_id)).count().get_result(conn)?;
    if seen > 0 {
        return Ok(false);
    }
    diesel::insert_into(sms_inbound::table)
        .values((
            sms_inbound::message_id.eq(message_id),
            sms_inbound::phone.eq(phone),
            sms_inbound::outcome.eq("received"),
            sms_inbound::received_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn set_inbound_outcome(conn: &mut DbConnection, message_id: &str, outcome: &str) -> Result<(), ApiError> {
    diesel::update(sms_inbound::table.filter(sms_inbound::message_id.eq(message_id)))
        .set(sms_inbound::outcome.eq(outcome))
        .execute(conn)?;
    Ok(())
}
