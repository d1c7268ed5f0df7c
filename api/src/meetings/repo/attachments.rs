//! Queries of meeting attachments.

use diesel::prelude::*;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::meeting_attachments;
use crate::error::ApiError;

/// (id, file name, content type, size in bytes)
pub type AttachmentRow = (i64, String, String, i64);

pub struct NewAttachment<'a> {
    pub meeting_id: i64,
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub uploaded_by: i64,
    pub file_id: i64,
}

pub fn insert(conn: &mut DbConnection, a: &NewAttachment) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(meeting_attachments::table)
        .values((
            meeting_attachments::meeting_id.eq(a.meeting_id),
            meeting_attachments::sha256.eq(a.sha256),
            meeting_attachments::file_name.eq(a.file_name),
            meeting_attachments::content_type.eq(a.content_type),
            meeting_attachments::size_bytes.eq(a.size_bytes),
            meeting_attachments::uploaded_by.eq(Some(a.uploaded_by)),
            meeting_attachments::created_at.eq(now()),
            meeting_attachments::file_id.eq(Some(a.file_id)),
        ))
        .returning(meeting_attachments::id)
        .get_result(conn)?)
}

pub fn of_meeting(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<AttachmentRow>, ApiError> {
    Ok(meeting_attachments::table
        .filter(meeting_attachments::meeting_id.eq(meeting_id))
        .order(meeting_attachments::id)
        .select((
            meeting_attachments::id,
            meeting_attachments::file_name,
            meeting_attachments::content_type,
            meeting_attachments::size_bytes,
        ))
        .load(conn)?)
}

/// (file name, content type, sha256) of one attachment of the meeting.
pub fn find(
    conn: &mut DbConnection,
    meeting_id: i64,
    attachment_id: i64,
) -> Result<Option<(String, String, String)>, ApiError> {
    Ok(meeting_attachments::table
        .filter(meeting_attachments::id.eq(attachment_id).and(meeting_attachments::meeting_id.eq(meeting_id)))
        .select((meeting_attachments::file_name, meeting_attachments::content_type, meeting_attachments::sha256))
        .first(conn)
        .optional()?)
}
