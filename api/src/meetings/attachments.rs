//! Meeting attachments (photos and documents) in the file store, typed by content and
//! counted against the branch's quota.

use shared::api::meetings::*;

use super::repo::attachments as repo;
use crate::audit;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::{FileStore, Kind, TempBlob};

pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const ACCEPTED: [Kind; 5] = [Kind::Jpeg, Kind::Png, Kind::Pdf, Kind::Docx, Kind::Xlsx];

/// Whether the actor may add files to the meeting now; returns the meeting's org (the quota's
/// owner). Checked before the body is read, and again in the transaction that records it.
pub fn may_attach(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<i64, ApiError> {
    let view = super::service::view(conn, actor, id)?;
    if !view.can_manage {
        return Err(actor.denial());
    }
    if view.summary.status != MeetingStatus::Planned {
        return Err(ApiError::invalid_state("会议记录已签字锁定，不能再添加附件"));
    }
    Ok(super::repo::get(conn, id)?.org_id)
}

pub fn valid_name(file_name: &str) -> Result<String, ApiError> {
    let name = file_name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['/', '\\']) || name.chars().any(char::is_control)
    {
        return Err(ApiError::field("file_name", "invalid", "文件名无效"));
    }
    Ok(name.to_string())
}

/// Records the uploaded file on the meeting (same bytes, same blob).
pub fn attach(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &FileStore,
    id: i64,
    name: &str,
    blob: &TempBlob,
) -> Result<AttachmentView, ApiError> {
    let org_id = may_attach(conn, actor, id)?;
    crate::files::upload::check_claim(name, blob, &ACCEPTED)?;
    let file = crate::files::save(conn, store, blob, org_id, actor)?;
    let attachment_id = repo::insert(
        conn,
        &repo::NewAttachment {
            meeting_id: id,
            sha256: &file.sha256,
            file_name: name,
            content_type: &file.media_type,
            size_bytes: file.size_bytes,
            uploaded_by: actor.user_id.0,
            file_id: file.id,
        },
    )?;
    audit::record(
        conn,
        Some(actor),
        "attach",
        "meeting",
        id,
        None::<&()>,
        Some(&serde_json::json!({"file": name, "sha256": file.sha256, "file_id": file.id})),
    )?;
    Ok(AttachmentView {
        id: shared::AttachmentId(attachment_id),
        file_name: name.into(),
        content_type: file.media_type,
        size_bytes: file.size_bytes,
        url: format!("/api/v1/meetings/{id}/attachments/{attachment_id}"),
    })
}

pub fn list(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<Vec<AttachmentView>, ApiError> {
    super::service::view(conn, actor, id)?;
    Ok(repo::of_meeting(conn, id)?
        .into_iter()
        .map(|(aid, file_name, content_type, size_bytes)| AttachmentView {
            id: shared::AttachmentId(aid),
            file_name,
            content_type,
            size_bytes,
            url: format!("/api/v1/meetings/{id}/attachments/{aid}"),
        })
        .collect())
}

/// Name, type and content hash of an attachment, for whoever may see the meeting.
pub fn find(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    attachment_id: i64,
) -> Result<(String, String, String), ApiError> {
    super::service::view(conn, actor, id)?;
    repo::find(conn, id, attachment_id)?.ok_or_else(|| ApiError::not_found("附件"))
}
